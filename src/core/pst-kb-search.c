/* Placeholder: being written. */
#include "config.h"

#include "pst-kb-search.h"
