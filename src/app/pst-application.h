/* pst-application.h: the PST Desk application: context, actions, windows.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PST_TYPE_APPLICATION (pst_application_get_type ())

G_DECLARE_FINAL_TYPE (PstApplication, pst_application, PST, APPLICATION, AdwApplication)

PstApplication *pst_application_new (void);

G_END_DECLS
