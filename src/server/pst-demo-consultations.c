/* Placeholder: being written. */
#include "config.h"

#include "pst-demo.h"
