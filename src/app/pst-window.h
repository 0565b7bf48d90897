/* pst-window.h: the main window: the pages of a logged-in officer.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_WINDOW (pst_window_get_type ())

G_DECLARE_FINAL_TYPE (PstWindow, pst_window, PST, WINDOW, AdwApplicationWindow)

GtkWidget *pst_window_new       (GtkApplication *application,
                                 PstContext     *context);
void       pst_window_add_toast (PstWindow      *self,
                                 AdwToast       *toast);

void pst_window_restore_size (GtkWindow *window,
                              GSettings *settings);

G_END_DECLS
