/* Placeholder: being written. */
#include "config.h"

#include "pst-format.h"
