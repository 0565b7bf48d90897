/* pst-context.h: the app-wide services, handed to every part of the UI.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pst-core.h"
#include "pst-sync.h"

G_BEGIN_DECLS

#define PST_TYPE_CONTEXT (pst_context_get_type ())

G_DECLARE_FINAL_TYPE (PstContext, pst_context, PST, CONTEXT, GObject)

/* One object holds what the whole app shares — the settings, the clock
 * and the sync engine — so no part of it reaches for a global.
 */
PstContext *pst_context_new          (GSettings  *settings,
                                      PstClock   *clock,
                                      PstSync    *sync);
GSettings  *pst_context_get_settings (PstContext *self);
PstClock   *pst_context_get_clock    (PstContext *self);
PstSync    *pst_context_get_sync     (PstContext *self);

G_END_DECLS
