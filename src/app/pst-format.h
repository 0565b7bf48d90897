/* pst-format.h: how the app writes durations, times and domain names.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pst-core.h"

G_BEGIN_DECLS

/* Every text here is in the UI language; instants are shown in the time
 * zone given (the office's: pst_calendar_get_time_zone() of the sync's
 * calendar), or the local zone when it is NULL.
 */
char       *pst_format_duration       (gint64           duration_us);
char       *pst_format_countdown      (gint64           remaining_us);
char       *pst_format_time           (gint64           instant_us,
                                       GTimeZone       *tz);
const char *pst_format_service        (PstService       service);
const char *pst_format_ticket_status  (PstTicketStatus  status);
const char *pst_format_category       (PstCategory      category);
const char *pst_format_id_type        (PstIdType        id_type);
const char *pst_format_channel        (PstChannel       channel);
const char *pst_format_consultation_status (PstConsultationStatus status);
const char *pst_format_resolution     (PstResolution    resolution);
char       *pst_format_day_time       (gint64           instant_us,
                                       gint64           now_us,
                                       GTimeZone       *tz);
char       *pst_format_working_time_left (gint64       remaining_us,
                                       gint64           day_length_us);
char       *pst_format_overdue        (gint64           overdue_us);

G_END_DECLS
