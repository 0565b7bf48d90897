/* pst-login-window.h: the full-window login of a shared office desk.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_LOGIN_WINDOW (pst_login_window_get_type ())

G_DECLARE_FINAL_TYPE (PstLoginWindow, pst_login_window, PST, LOGIN_WINDOW, AdwApplicationWindow)

GtkWidget *pst_login_window_new        (GtkApplication *application,
                                        PstContext     *context);
void       pst_login_window_set_notice (PstLoginWindow *self,
                                        const char     *notice);

G_END_DECLS
