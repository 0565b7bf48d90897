/* test-format.c: how the app writes the consultations' clocks and names.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-format.h"

#include <locale.h>

#define MINUTE PST_USEC_PER_MINUTE
#define HOUR   PST_USEC_PER_HOUR
#define DAY    PST_USEC_PER_DAY

/* A working day of 7 h 30 min (Monday to Thursday, 08:00–15:30). */
#define WORKING_DAY (7 * HOUR + 30 * MINUTE)

static void
check (char       *text,
       const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_working_time_left (void)
{
  check (pst_format_working_time_left (0, WORKING_DAY), "< 1 min");
  check (pst_format_working_time_left (-5 * MINUTE, WORKING_DAY), "< 1 min");
  check (pst_format_working_time_left (3 * HOUR + 20 * MINUTE, WORKING_DAY), "3 h 20 min");
  check (pst_format_working_time_left (WORKING_DAY - MINUTE, WORKING_DAY), "7 h 29 min");
  check (pst_format_working_time_left (WORKING_DAY, WORKING_DAY), "1 working day");
  /* Rounded down: the badge never promises more than there is. */
  check (pst_format_working_time_left (3 * WORKING_DAY - MINUTE, WORKING_DAY), "2 working days");
  check (pst_format_working_time_left (4 * WORKING_DAY, WORKING_DAY), "4 working days");
  /* Without a working day's length, the time itself. */
  check (pst_format_working_time_left (26 * HOUR, 0), "26 h");
}

static void
test_overdue (void)
{
  check (pst_format_overdue (0), "overdue by < 1 min");
  check (pst_format_overdue (5 * MINUTE), "overdue by 5 min");
  check (pst_format_overdue (21 * HOUR + 50 * MINUTE), "overdue by 21 h 50 min");
  check (pst_format_overdue (DAY + HOUR), "overdue by 1 day");
  check (pst_format_overdue (3 * DAY), "overdue by 3 days");
  check (pst_format_overdue (-HOUR), "overdue by < 1 min");
}

static void
test_day_time (void)
{
  g_autoptr(GTimeZone) wita = g_time_zone_new_identifier ("Asia/Makassar");
  gint64 now, morning, monday;

  g_assert_nonnull (wita);
  /* Saturday 21 November 2026, 14:00 WITA (06:00 UTC). */
  g_assert_true (pst_time_parse_rfc3339 ("2026-11-21T06:00:00Z", &now));
  g_assert_true (pst_time_parse_rfc3339 ("2026-11-21T00:15:00Z", &morning));
  g_assert_true (pst_time_parse_rfc3339 ("2026-11-16T02:10:00Z", &monday));

  /* Today: the time of day only, in the office's zone. */
  check (pst_format_day_time (morning, now, wita), "08:15");
  /* Another day: the day too. */
  check (pst_format_day_time (monday, now, wita), "Mon 16 Nov, 10:10");
  check (pst_format_day_time (PST_TIME_UNSET, now, wita), "–");
}

static void
test_names (void)
{
  for (guint i = 0; i < PST_N_CHANNELS; i++)
    g_assert_cmpstr (pst_format_channel (i), !=, "");
  for (guint i = 0; i < PST_N_CONSULTATION_STATUSES; i++)
    g_assert_cmpstr (pst_format_consultation_status (i), !=, "");
  for (guint i = 0; i < PST_N_RESOLUTIONS; i++)
    g_assert_cmpstr (pst_format_resolution (i), !=, "");

  g_assert_cmpstr (pst_format_channel (PST_CHANNEL_WHATSAPP), ==, "WhatsApp");
  g_assert_cmpstr (pst_format_consultation_status (PST_CONSULTATION_STATUS_AWAITING_OFFICER), ==,
                   "Needs reply");
  g_assert_cmpstr (pst_format_resolution (PST_RESOLUTION_REFERRED), ==, "Referred elsewhere");
}

int
main (int   argc,
      char *argv[])
{
  /* The texts in the source language. */
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/working-time-left", test_working_time_left);
  g_test_add_func ("/format/overdue", test_overdue);
  g_test_add_func ("/format/day-time", test_day_time);
  g_test_add_func ("/format/names", test_names);

  return g_test_run ();
}
