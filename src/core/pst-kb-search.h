/* Placeholder: being written. */
#pragma once

#include <glib.h>
