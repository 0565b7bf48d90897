/* test-consultation-rules.c: first-response deadlines per channel and
 * office, idle closing, and the badge of a consultation.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-core.h"
#include "pst-consultation-rules.h"

/* Asia/Makassar (WITA, UTC+8), default hours (Mon–Thu 08:00–15:30,
 * Fri 08:00–16:00), and Independence Day, Monday 17 August 2026.
 */
static PstCalendar *
makassar_calendar (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstHoliday) holiday = NULL;
  PstCalendar *calendar = pst_calendar_new_for_zone ("Asia/Makassar", &error);

  g_assert_no_error (error);
  holiday = pst_holiday_new (2026, 8, 17, "Hari Kemerdekaan", "Independence Day",
                             PST_HOLIDAY_NATIONAL, NULL);
  pst_calendar_add_holiday (calendar, holiday);
  return calendar;
}

static gint64
at (const char *text)
{
  gint64 us = 0;

  g_assert_true (pst_time_parse_rfc3339 (text, &us));
  return us;
}

static void
assert_instant (gint64      actual,
                const char *expected)
{
  g_autofree char *text = pst_time_format_rfc3339 (actual, NULL);

  g_assert_cmpstr (text, ==, expected);
}

/* 7604 (Mamuju): WhatsApp 1 working day, email 3, web 3. */
static PstStandard *
standard_7604 (void)
{
  PstStandard *standard = pst_standard_new ();

  standard->session_max_min = 60;
  standard->whatsapp_first_response_working_days = 1;
  standard->email_response_working_days = 3;
  return standard;
}

/* 7325 (Luwu Timur): idle close after 3 working days. */
static PstStandard *
standard_7325 (void)
{
  PstStandard *standard = pst_standard_new ();

  standard->idle_close_amount = 3;
  standard->idle_close_unit = PST_DURATION_UNIT_WORKING_DAYS;
  return standard;
}

static void
test_working_days_by_channel (void)
{
  g_autoptr(PstStandard) common = pst_standard_new ();
  g_autoptr(PstStandard) mamuju = standard_7604 ();

  g_assert_cmpuint (pst_consultation_response_working_days (common, PST_CHANNEL_WEB), ==, 3);
  g_assert_cmpuint (pst_consultation_response_working_days (common, PST_CHANNEL_WHATSAPP), ==, 3);
  g_assert_cmpuint (pst_consultation_response_working_days (common, PST_CHANNEL_EMAIL), ==, 3);
  g_assert_cmpuint (pst_consultation_response_working_days (mamuju, PST_CHANNEL_WEB), ==, 3);
  g_assert_cmpuint (pst_consultation_response_working_days (mamuju, PST_CHANNEL_WHATSAPP), ==, 1);
  g_assert_cmpuint (pst_consultation_response_working_days (mamuju, PST_CHANNEL_EMAIL), ==, 3);
  g_assert_cmpuint (pst_consultation_response_working_days (mamuju, PST_CHANNEL_WALK_IN), ==, 3);
}

static void
test_first_response_due (void)
{
  g_autoptr(PstCalendar) calendar = makassar_calendar ();
  g_autoptr(PstStandard) common = pst_standard_new ();
  g_autoptr(PstStandard) mamuju = standard_7604 ();

  /* Web, Monday 10:00 → Thursday 15:30 local. */
  assert_instant (pst_consultation_first_response_due (calendar, common, PST_CHANNEL_WEB,
                                                       at ("2026-08-10T02:00:00Z")),
                  "2026-08-13T07:30:00Z");
  /* 7604 WhatsApp, Friday 10:00 → 1 working day, Monday is a holiday:
   * Tuesday 15:30.
   */
  assert_instant (pst_consultation_first_response_due (calendar, mamuju, PST_CHANNEL_WHATSAPP,
                                                       at ("2026-08-14T02:00:00Z")),
                  "2026-08-18T07:30:00Z");
  /* 7604 email, Friday 10:00 → Tue, Wed, Thu: Thursday 15:30. */
  assert_instant (pst_consultation_first_response_due (calendar, mamuju, PST_CHANNEL_EMAIL,
                                                       at ("2026-08-14T02:00:00Z")),
                  "2026-08-20T07:30:00Z");
  /* Another office's WhatsApp has the web target: Thursday too. */
  assert_instant (pst_consultation_first_response_due (calendar, common, PST_CHANNEL_WHATSAPP,
                                                       at ("2026-08-14T02:00:00Z")),
                  "2026-08-20T07:30:00Z");
  /* Friday 17:00 is after closing: effective Tuesday (Monday is a
   * holiday), then Wed, Thu, Fri: Friday 16:00.
   */
  assert_instant (pst_consultation_first_response_due (calendar, common, PST_CHANNEL_WEB,
                                                       at ("2026-08-14T09:00:00Z")),
                  "2026-08-21T08:00:00Z");
  /* 7604 WhatsApp on Saturday: effective Tuesday, due Wednesday 15:30. */
  assert_instant (pst_consultation_first_response_due (calendar, mamuju, PST_CHANNEL_WHATSAPP,
                                                       at ("2026-08-15T03:00:00Z")),
                  "2026-08-19T07:30:00Z");
}

static void
test_idle_close (void)
{
  g_autoptr(PstCalendar) calendar = makassar_calendar ();
  g_autoptr(PstStandard) common = pst_standard_new ();
  g_autoptr(PstStandard) luwu = standard_7325 ();
  gint64 friday = at ("2026-08-14T02:00:00Z");

  /* 7 calendar days, weekend and holiday included. */
  assert_instant (pst_consultation_idle_close_at (calendar, common, friday),
                  "2026-08-21T02:00:00Z");
  /* 7325: 3 working days, skipping the weekend and the holiday. */
  assert_instant (pst_consultation_idle_close_at (calendar, luwu, friday),
                  "2026-08-20T07:30:00Z");

  /* Only a consultation waiting for the requester counts down. */
  g_assert_cmpint (pst_consultation_idle_close_for_status (calendar, common,
                                                           PST_CONSULTATION_STATUS_AWAITING_OFFICER,
                                                           friday, friday),
                   ==, PST_TIME_UNSET);
  g_assert_cmpint (pst_consultation_idle_close_for_status (calendar, common,
                                                           PST_CONSULTATION_STATUS_CLOSED,
                                                           friday, friday),
                   ==, PST_TIME_UNSET);
  assert_instant (pst_consultation_idle_close_for_status (calendar, luwu,
                                                          PST_CONSULTATION_STATUS_AWAITING_REQUESTER,
                                                          friday, PST_TIME_UNSET),
                  "2026-08-20T07:30:00Z");
  assert_instant (pst_consultation_idle_close_for_status (calendar, luwu,
                                                          PST_CONSULTATION_STATUS_AWAITING_REQUESTER,
                                                          PST_TIME_UNSET, friday),
                  "2026-08-14T02:00:00Z");
}

static void
test_sla_state (void)
{
  g_autoptr(PstCalendar) calendar = makassar_calendar ();
  gint64 created = at ("2026-08-10T02:00:00Z");      /* Monday 10:00 */
  gint64 due = at ("2026-08-13T07:30:00Z");          /* Thursday 15:30 */

  /* The window is 28 working hours; warning under 5.6 left. */
  g_assert_cmpint (pst_consultation_sla_state (calendar, PST_CONSULTATION_STATUS_OPEN, created, due,
                                               PST_TIME_UNSET, at ("2026-08-10T03:00:00Z")),
                   ==, PST_BADGE_OK);
  g_assert_cmpint (pst_consultation_sla_state (calendar, PST_CONSULTATION_STATUS_OPEN, created, due,
                                               PST_TIME_UNSET, at ("2026-08-13T01:00:00Z")),
                   ==, PST_BADGE_OK);
  g_assert_cmpint (pst_consultation_sla_state (calendar, PST_CONSULTATION_STATUS_OPEN, created, due,
                                               PST_TIME_UNSET, at ("2026-08-13T02:30:00Z")),
                   ==, PST_BADGE_WARNING);
  g_assert_cmpint (pst_consultation_sla_state (calendar, PST_CONSULTATION_STATUS_AWAITING_OFFICER,
                                               created, due, PST_TIME_UNSET,
                                               at ("2026-08-13T07:31:00Z")),
                   ==, PST_BADGE_BREACHED);
  /* Answered or closed: no countdown any more. */
  g_assert_cmpint (pst_consultation_sla_state (calendar, PST_CONSULTATION_STATUS_AWAITING_REQUESTER,
                                               created, due, at ("2026-08-11T02:00:00Z"),
                                               at ("2026-08-14T07:31:00Z")),
                   ==, PST_BADGE_OK);
  g_assert_cmpint (pst_consultation_sla_state (calendar, PST_CONSULTATION_STATUS_CLOSED, created, due,
                                               PST_TIME_UNSET, at ("2026-08-14T07:31:00Z")),
                   ==, PST_BADGE_OK);

  g_assert_cmpint (pst_badge_state_rank (PST_BADGE_OK), <, pst_badge_state_rank (PST_BADGE_WARNING));
  g_assert_cmpint (pst_badge_state_rank (PST_BADGE_WARNING), <,
                   pst_badge_state_rank (PST_BADGE_BREACHED));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/consultation-rules/working-days-by-channel", test_working_days_by_channel);
  g_test_add_func ("/consultation-rules/first-response-due", test_first_response_due);
  g_test_add_func ("/consultation-rules/idle-close", test_idle_close);
  g_test_add_func ("/consultation-rules/sla-state", test_sla_state);

  return g_test_run ();
}
