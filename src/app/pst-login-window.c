/* Placeholder: being written. */
#include "config.h"

#include "pst-login-window.h"
