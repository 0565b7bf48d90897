/* Placeholder: being written. */
#include "config.h"

#include "pst-calendar.h"
