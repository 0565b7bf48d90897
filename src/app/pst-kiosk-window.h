/* pst-kiosk-window.h: the visitor kiosk of an office.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_KIOSK_WINDOW (pst_kiosk_window_get_type ())

G_DECLARE_FINAL_TYPE (PstKioskWindow, pst_kiosk_window, PST, KIOSK_WINDOW, AdwApplicationWindow)

PstKioskWindow *pst_kiosk_window_new (GtkApplication *application,
                                      PstContext     *context,
                                      const char     *office_code,
                                      const char     *password);

G_END_DECLS
