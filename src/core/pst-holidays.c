/* Placeholder: being written. */
#include "config.h"

#include "pst-holidays.h"
