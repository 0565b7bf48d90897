/* Placeholder: being written. */
#include "config.h"

#include "pst-cache.h"
