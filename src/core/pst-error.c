/* pst-error.c: the general error domain of libpst.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-error.h"

G_DEFINE_QUARK (pst-error-quark, pst_error)
