/* Placeholder: being written. */
#include "config.h"

#include "pst-application.h"
