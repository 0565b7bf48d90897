/* Placeholder: being written. */
#include "config.h"

#include "pst-store.h"
