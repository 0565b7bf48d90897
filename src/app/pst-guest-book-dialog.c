/* Placeholder: being written. */
#include "config.h"

#include "pst-guest-book-dialog.h"
