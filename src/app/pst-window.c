/* Placeholder: being written. */
#include "config.h"

#include "pst-window.h"
