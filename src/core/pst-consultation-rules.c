/* Placeholder: being written. */
#include "config.h"

#include "pst-consultation-rules.h"
