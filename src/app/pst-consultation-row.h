/* pst-consultation-row.h: one consultation thread in the consultations list.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-consultation-item.h"
#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_CONSULTATION_ROW (pst_consultation_row_get_type ())

G_DECLARE_FINAL_TYPE (PstConsultationRow, pst_consultation_row, PST, CONSULTATION_ROW, AdwBin)

GtkWidget           *pst_consultation_row_new          (PstContext          *context);
PstConsultationItem *pst_consultation_row_get_item     (PstConsultationRow  *self);
void                 pst_consultation_row_set_item     (PstConsultationRow  *self,
                                                        PstConsultationItem *item);
/* Redraws the countdown badge for @now_us; returns how far the shown
 * clock is from its deadline (G_MAXINT64 when it shows none), so the
 * caller can tick faster when a deadline is close.
 */
gint64               pst_consultation_row_update_badge (PstConsultationRow  *self,
                                                        gint64               now_us);

/* Shows the badge of @consultation at @now_us on @label: its text, its
 * state as a CSS class (badge-ok, badge-warning, badge-breached,
 * badge-quiet) and its accessible name ("Due soon: 3 h 20 min"). Returns
 * as pst_consultation_row_update_badge(). @calendar may be NULL before
 * the office is known (the server's last badge state is shown then).
 */
gint64               pst_consultation_badge_show       (GtkLabel              *label,
                                                        PstCalendar           *calendar,
                                                        const PstConsultation *consultation,
                                                        gint64                 now_us);

/* The badge's state at @now_us; @counting says whether the first-reply
 * clock runs (no officer has answered yet).
 */
PstBadgeState        pst_consultation_badge_get_state  (PstCalendar           *calendar,
                                                        const PstConsultation *consultation,
                                                        gint64                 now_us,
                                                        gboolean              *counting);

G_END_DECLS
