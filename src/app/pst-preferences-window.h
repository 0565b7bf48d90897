/* pst-preferences-window.h: the settings of this desk's computer.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_PREFERENCES_WINDOW (pst_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PstPreferencesWindow, pst_preferences_window, PST, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *pst_preferences_window_new (PstContext *context);

G_END_DECLS
