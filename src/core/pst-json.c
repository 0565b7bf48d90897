/* Placeholder: being written. */
#include "config.h"

#include "pst-json.h"
