/* Placeholder: being written. */
#include "config.h"

#include "pst-finish-dialog.h"
