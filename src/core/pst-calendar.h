/* pst-calendar.h: an office's working calendar and its deadlines.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pst-enums.h"
#include "pst-holidays.h"

G_BEGIN_DECLS

#define PST_TYPE_CALENDAR (pst_calendar_get_type ())

G_DECLARE_FINAL_TYPE (PstCalendar, pst_calendar, PST, CALENDAR, GObject)

/* How a deadline's window is measured: plain elapsed time (minute targets,
 * calendar days) or the office's service hours (working days).
 */
typedef enum
{
  PST_DEADLINE_ELAPSED,
  PST_DEADLINE_WORKING,
} PstDeadlineKind;

/* A clock that started at @start_us and is due at @due_us. */
typedef struct
{
  gint64          start_us;
  gint64          due_us;
  PstDeadlineKind kind;
} PstDeadline;

/* What pst_calendar_add_working_days() and friends return when the
 * calendar has no working day at all within ten years.
 */
#define PST_CALENDAR_NEVER G_MAXINT64

PstCalendar       *pst_calendar_new                      (GTimeZone         *tz);
PstCalendar       *pst_calendar_new_for_zone             (const char        *tzid,
                                                          GError           **error);
GTimeZone         *pst_calendar_get_time_zone            (PstCalendar       *self);
void               pst_calendar_set_hours                (PstCalendar       *self,
                                                          GDateWeekday       weekday,
                                                          int                open_minute,
                                                          int                close_minute);
gboolean           pst_calendar_get_hours                (PstCalendar       *self,
                                                          GDateWeekday       weekday,
                                                          int               *open_minute,
                                                          int               *close_minute);
void               pst_calendar_add_holiday              (PstCalendar       *self,
                                                          const PstHoliday  *holiday);
void               pst_calendar_add_holidays             (PstCalendar       *self,
                                                          GPtrArray         *holidays);
void               pst_calendar_remove_national_holidays (PstCalendar       *self,
                                                          int                year);
void               pst_calendar_remove_office_holidays   (PstCalendar       *self);
GPtrArray         *pst_calendar_get_holidays             (PstCalendar       *self);
const PstHoliday  *pst_calendar_lookup_holiday           (PstCalendar       *self,
                                                          const GDate       *date);
void               pst_calendar_get_local_date           (PstCalendar       *self,
                                                          gint64             instant_us,
                                                          GDate             *out_date);
gboolean           pst_calendar_is_working_day           (PstCalendar       *self,
                                                          const GDate       *date);
gboolean           pst_calendar_get_service_period       (PstCalendar       *self,
                                                          const GDate       *date,
                                                          gint64            *open_us,
                                                          gint64            *close_us);
gboolean           pst_calendar_is_open_at               (PstCalendar       *self,
                                                          gint64             instant_us);
gint64             pst_calendar_next_opening             (PstCalendar       *self,
                                                          gint64             instant_us);
gint64             pst_calendar_add_working_days         (PstCalendar       *self,
                                                          gint64             from_us,
                                                          guint              n);
gint64             pst_calendar_working_time_between     (PstCalendar       *self,
                                                          gint64             a_us,
                                                          gint64             b_us);

PstDeadline       *pst_deadline_new                      (gint64             start_us,
                                                          gint64             due_us,
                                                          PstDeadlineKind    kind);
PstDeadline       *pst_deadline_copy                     (const PstDeadline *deadline);
void               pst_deadline_free                     (PstDeadline       *deadline);
PstDeadline       *pst_deadline_minutes                  (gint64             from_us,
                                                          guint              n);
PstDeadline       *pst_deadline_days                     (gint64             from_us,
                                                          guint              n);
PstDeadline       *pst_calendar_deadline_working_days    (PstCalendar       *self,
                                                          gint64             from_us,
                                                          guint              n);
gint64             pst_calendar_deadline_remaining       (PstCalendar       *self,
                                                          const PstDeadline *deadline,
                                                          gint64             now_us);
PstBadgeState      pst_calendar_deadline_state           (PstCalendar       *self,
                                                          const PstDeadline *deadline,
                                                          gint64             now_us);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstDeadline, pst_deadline_free)

G_END_DECLS
