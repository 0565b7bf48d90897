/* Placeholder: being written. */
#include "config.h"

#include "pst-ikm.h"
