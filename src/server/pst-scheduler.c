/* Placeholder: being written. */
#include "config.h"

#include "pst-server.h"
