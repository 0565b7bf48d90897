/* Placeholder: being written. */
#include "config.h"

#include "pst-preferences-window.h"
