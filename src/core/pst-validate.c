/* Placeholder: being written. */
#include "config.h"

#include "pst-validate.h"
