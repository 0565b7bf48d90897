/* pst-error.h: the general error domain of libpst.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PST_ERROR (pst_error_quark ())

/* Errors of the core that are not about one module's storage or input
 * (those have PST_STORE_ERROR, PST_VALIDATION_ERROR, PST_JSON_ERROR).
 */
typedef enum
{
  PST_ERROR_FAILED,
  PST_ERROR_INVALID,
  PST_ERROR_NOT_FOUND,
  PST_ERROR_CONFLICT,
} PstError;

GQuark pst_error_quark (void);

G_END_DECLS
