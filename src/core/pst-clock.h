/* pst-clock.h: where "now" comes from, so tests can fix it.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PST_TYPE_CLOCK (pst_clock_get_type ())

G_DECLARE_FINAL_TYPE (PstClock, pst_clock, PST, CLOCK, GObject)

PstClock *pst_clock_new_system (void);
PstClock *pst_clock_new_fixed  (gint64    now_us);
gint64    pst_clock_get_now    (PstClock *self);
gboolean  pst_clock_is_fixed   (PstClock *self);
void      pst_clock_set_now    (PstClock *self,
                                gint64    now_us);
void      pst_clock_advance    (PstClock *self,
                                gint64    delta_us);

G_END_DECLS
