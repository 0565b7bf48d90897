/* pst-consultation-rules.h: the deadlines of a consultation and its badge.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pst-calendar.h"
#include "pst-domain.h"
#include "pst-enums.h"

G_BEGIN_DECLS

guint         pst_consultation_response_working_days (const PstStandard    *standard,
                                                      PstChannel            channel);
gint64        pst_consultation_first_response_due    (PstCalendar          *calendar,
                                                      const PstStandard    *standard,
                                                      PstChannel            channel,
                                                      gint64                received_at);
gint64        pst_consultation_idle_close_at         (PstCalendar          *calendar,
                                                      const PstStandard    *standard,
                                                      gint64                last_officer_at);
PstBadgeState pst_consultation_sla_state             (PstCalendar          *calendar,
                                                      PstConsultationStatus status,
                                                      gint64                created_at,
                                                      gint64                first_response_due,
                                                      gint64                first_response_at,
                                                      gint64                now);
gint64        pst_consultation_idle_close_for_status (PstCalendar          *calendar,
                                                      const PstStandard    *standard,
                                                      PstConsultationStatus status,
                                                      gint64                status_since,
                                                      gint64                current);
int           pst_badge_state_rank                   (PstBadgeState         state);

G_END_DECLS
