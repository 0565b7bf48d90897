/* Placeholder: being written. */
#include "config.h"

#include "pst-ticket-row.h"
