/* Placeholder: being written. */
#include "config.h"

#include "pst-domain.h"
