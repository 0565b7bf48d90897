/* test-calendar.c: the working calendar and the deadlines it decides.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-calendar.h"
#include "pst-clock.h"
#include "pst-error.h"
#include "pst-holidays.h"
#include "pst-time.h"

/* Every instant is written as RFC 3339 with the office's offset, so each
 * expectation reads as the officer's wall clock. 2025-03-03 is a Monday
 * with no holiday near it.
 */

static gint64
at (const char *rfc3339)
{
  gint64 us = 0;

  if (!pst_time_parse_rfc3339 (rfc3339, &us))
    g_error ("Bad instant in a test: %s", rfc3339);

  return us;
}

/* An instant in @cal's zone, as RFC 3339, to compare with an expectation. */
static char *
local (PstCalendar *cal,
       gint64       us)
{
  if (us == PST_CALENDAR_NEVER)
    return g_strdup ("never");

  return pst_time_format_rfc3339 (us, pst_calendar_get_time_zone (cal));
}

static void
assert_instant_impl (PstCalendar *cal,
                     gint64       actual,
                     const char  *expected,
                     const char  *what)
{
  g_autofree char *actual_str = local (cal, actual);

  if (g_strcmp0 (actual_str, expected) != 0)
    g_error ("%s: got %s, expected %s", what, actual_str, expected);
}

#define assert_due(cal, from, n, expected) \
  assert_instant_impl ((cal), pst_calendar_add_working_days ((cal), at (from), (n)), \
                       (expected), G_STRLOC ": " from " + " #n " working days")

#define assert_next_opening(cal, from, expected) \
  assert_instant_impl ((cal), pst_calendar_next_opening ((cal), at (from)), \
                       (expected), G_STRLOC ": next opening after " from)

static GPtrArray *
load_national_holidays (void)
{
  g_autofree char *path = pst_holidays_find_data_file ();
  g_autoptr(GError) error = NULL;
  GPtrArray *holidays = pst_holidays_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (holidays);

  return holidays;
}

/* An office in @tzid with the default hours and, if @with_holidays, the
 * national list of 2025 and 2026.
 */
static PstCalendar *
make_calendar (const char *tzid,
               gboolean    with_holidays)
{
  g_autoptr(GError) error = NULL;
  PstCalendar *cal = pst_calendar_new_for_zone (tzid, &error);

  g_assert_no_error (error);
  g_assert_true (PST_IS_CALENDAR (cal));

  if (with_holidays)
    {
      g_autoptr(GPtrArray) holidays = load_national_holidays ();
      pst_calendar_add_holidays (cal, holidays);
    }

  return cal;
}

static gboolean
is_working_day (PstCalendar *cal,
                int          year,
                int          month,
                int          day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  return pst_calendar_is_working_day (cal, &date);
}

#define HOURS(h) ((gint64) (h) * PST_USEC_PER_HOUR)
#define MINUTES(m) ((gint64) (m) * PST_USEC_PER_MINUTE)

static void
test_defaults (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Jakarta");
  PstCalendar *cal = pst_calendar_new (tz);
  int open = -1, close = -1;

  g_assert_true (pst_calendar_get_time_zone (cal) == tz);

  for (GDateWeekday wd = G_DATE_MONDAY; wd <= G_DATE_THURSDAY; wd++)
    {
      g_assert_true (pst_calendar_get_hours (cal, wd, &open, &close));
      g_assert_cmpint (open, ==, 8 * 60);
      g_assert_cmpint (close, ==, 15 * 60 + 30);
    }

  g_assert_true (pst_calendar_get_hours (cal, G_DATE_FRIDAY, &open, &close));
  g_assert_cmpint (open, ==, 8 * 60);
  g_assert_cmpint (close, ==, 16 * 60);

  g_assert_false (pst_calendar_get_hours (cal, G_DATE_SATURDAY, NULL, NULL));
  g_assert_false (pst_calendar_get_hours (cal, G_DATE_SUNDAY, &open, &close));
  g_assert_cmpint (open, ==, close);

  /* No holidays until some are added. */
  g_assert_true (is_working_day (cal, 2025, 12, 25));
  g_assert_false (is_working_day (cal, 2025, 12, 27));

  g_assert_finalize_object (cal);
}

static void
test_new_for_zone (void)
{
  g_autoptr(GError) error = NULL;
  PstCalendar *cal;

  cal = pst_calendar_new_for_zone ("Mars/Olympus_Mons", &error);
  g_assert_error (error, PST_ERROR, PST_ERROR_INVALID);
  g_assert_null (cal);
  g_clear_error (&error);

  cal = pst_calendar_new_for_zone ("", &error);
  g_assert_error (error, PST_ERROR, PST_ERROR_INVALID);
  g_assert_null (cal);
  g_clear_error (&error);

  cal = pst_calendar_new_for_zone ("Asia/Jayapura", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_time_zone_get_identifier (pst_calendar_get_time_zone (cal)), ==,
                   "Asia/Jayapura");
  g_assert_finalize_object (cal);
}

/* DOMAIN.md: received Monday 10:00 with N = 3 → Thursday 15:30; received
 * Friday 17:00 → effective Monday → Thursday 15:30.
 */
static void
test_domain_examples (void)
{
  for (int with_holidays = 0; with_holidays <= 1; with_holidays++)
    {
      PstCalendar *cal = make_calendar ("Asia/Jakarta", with_holidays);

      assert_due (cal, "2025-03-03T10:00:00+07:00", 3, "2025-03-06T15:30:00+07:00");
      assert_due (cal, "2025-03-07T17:00:00+07:00", 3, "2025-03-13T15:30:00+07:00");
      /* The same in 2026 (2 March is a Monday). */
      assert_due (cal, "2026-03-02T10:00:00+07:00", 3, "2026-03-05T15:30:00+07:00");

      g_assert_finalize_object (cal);
    }
}

static void
test_effective_day (void)
{
  PstCalendar *cal = make_calendar ("Asia/Jakarta", TRUE);

  /* Before opening: the same day counts. */
  assert_due (cal, "2025-03-03T07:00:00+07:00", 0, "2025-03-03T15:30:00+07:00");
  assert_due (cal, "2025-03-03T07:00:00+07:00", 3, "2025-03-06T15:30:00+07:00");
  assert_due (cal, "2025-03-03T00:00:00+07:00", 1, "2025-03-04T15:30:00+07:00");

  /* The last microsecond before closing still counts the day. */
  assert_due (cal, "2025-03-03T15:29:59.999999+07:00", 3, "2025-03-06T15:30:00+07:00");
  assert_due (cal, "2025-03-03T15:29:59.999999+07:00", 0, "2025-03-03T15:30:00+07:00");

  /* Exactly at closing time the effective day is the next one; three
   * working days after Tuesday is Friday, which closes at 16:00.
   */
  assert_due (cal, "2025-03-03T15:30:00+07:00", 0, "2025-03-04T15:30:00+07:00");
  assert_due (cal, "2025-03-03T15:30:00+07:00", 3, "2025-03-07T16:00:00+07:00");

  /* After closing, and late at night. */
  assert_due (cal, "2025-03-03T18:00:00+07:00", 3, "2025-03-07T16:00:00+07:00");
  assert_due (cal, "2025-03-03T23:59:59+07:00", 1, "2025-03-05T15:30:00+07:00");

  /* On Saturday and Sunday the effective day is Monday. */
  assert_due (cal, "2025-03-08T10:00:00+07:00", 0, "2025-03-10T15:30:00+07:00");
  assert_due (cal, "2025-03-08T10:00:00+07:00", 3, "2025-03-13T15:30:00+07:00");
  assert_due (cal, "2025-03-09T23:59:00+07:00", 3, "2025-03-13T15:30:00+07:00");

  /* On a holiday (Labour Day, Thursday 1 May 2025): effective Friday. */
  assert_due (cal, "2025-05-01T10:00:00+07:00", 0, "2025-05-02T16:00:00+07:00");
  assert_due (cal, "2025-05-01T10:00:00+07:00", 1, "2025-05-05T15:30:00+07:00");
  /* The day before it, after closing. */
  assert_due (cal, "2025-04-30T16:00:00+07:00", 1, "2025-05-05T15:30:00+07:00");

  g_assert_finalize_object (cal);
}

/* Friday closes at 16:00, half an hour after the other days. */
static void
test_friday_hours (void)
{
  PstCalendar *cal = make_calendar ("Asia/Jakarta", TRUE);

  g_assert_true (pst_calendar_is_open_at (cal, at ("2025-03-07T15:45:00+07:00")));
  g_assert_true (pst_calendar_is_open_at (cal, at ("2025-03-07T15:59:59.999999+07:00")));
  g_assert_false (pst_calendar_is_open_at (cal, at ("2025-03-07T16:00:00+07:00")));
  g_assert_false (pst_calendar_is_open_at (cal, at ("2025-03-06T15:45:00+07:00")));

  assert_due (cal, "2025-03-07T15:45:00+07:00", 0, "2025-03-07T16:00:00+07:00");
  assert_due (cal, "2025-03-07T15:45:00+07:00", 1, "2025-03-10T15:30:00+07:00");
  assert_due (cal, "2025-03-07T16:00:00+07:00", 0, "2025-03-10T15:30:00+07:00");

  /* Thursday 15:45 is after closing: effective Friday. */
  assert_due (cal, "2025-03-06T15:45:00+07:00", 0, "2025-03-07T16:00:00+07:00");
  assert_due (cal, "2025-03-06T15:45:00+07:00", 3, "2025-03-12T15:30:00+07:00");

  g_assert_finalize_object (cal);
}

/* Idul Fitri 2025: closed from Friday 28 March (cuti bersama) to Monday
 * 7 April (cuti bersama), open again on Tuesday 8 April.
 */
static void
test_idul_fitri_2025 (void)
{
  PstCalendar *cal = make_calendar ("Asia/Jakarta", TRUE);

  g_assert_true (is_working_day (cal, 2025, 3, 27));
  for (int day = 28; day <= 31; day++)
    g_assert_false (is_working_day (cal, 2025, 3, day));
  for (int day = 1; day <= 7; day++)
    g_assert_false (is_working_day (cal, 2025, 4, day));
  g_assert_true (is_working_day (cal, 2025, 4, 8));

  /* Thursday 27 March is the effective day; then 8, 9, 10 April. */
  assert_due (cal, "2025-03-27T10:00:00+07:00", 3, "2025-04-10T15:30:00+07:00");
  assert_due (cal, "2025-03-27T10:00:00+07:00", 1, "2025-04-08T15:30:00+07:00");
  assert_due (cal, "2025-03-27T10:00:00+07:00", 0, "2025-03-27T15:30:00+07:00");

  /* Received during the leave: effective Tuesday 8 April. */
  assert_due (cal, "2025-03-28T09:00:00+07:00", 0, "2025-04-08T15:30:00+07:00");
  assert_due (cal, "2025-04-01T09:00:00+07:00", 1, "2025-04-09T15:30:00+07:00");
  assert_due (cal, "2025-03-27T15:30:00+07:00", 3, "2025-04-11T16:00:00+07:00");

  assert_next_opening (cal, "2025-03-27T16:00:00+07:00", "2025-04-08T08:00:00+07:00");

  g_assert_finalize_object (cal);
}

/* Idul Fitri 2026: Nyepi's cuti bersama on Wednesday 18 March, Nyepi on
 * the 19th, then cuti bersama 20, 23 and 24 March around Idul Fitri on
 * the weekend; open again on Wednesday 25 March.
 */
static void
test_idul_fitri_2026 (void)
{
  PstCalendar *cal = make_calendar ("Asia/Makassar", TRUE);

  g_assert_true (is_working_day (cal, 2026, 3, 17));
  for (int day = 18; day <= 24; day++)
    g_assert_false (is_working_day (cal, 2026, 3, day));
  g_assert_true (is_working_day (cal, 2026, 3, 25));

  assert_due (cal, "2026-03-17T10:00:00+08:00", 1, "2026-03-25T15:30:00+08:00");
  assert_due (cal, "2026-03-17T10:00:00+08:00", 3, "2026-03-27T16:00:00+08:00");
  assert_due (cal, "2026-03-17T16:00:00+08:00", 3, "2026-03-30T15:30:00+08:00");
  assert_due (cal, "2026-03-21T10:00:00+08:00", 0, "2026-03-25T15:30:00+08:00");

  g_assert_finalize_object (cal);
}

/* The example again in each office's zone: local rules, local results. */
static void
test_time_zones (void)
{
  const struct {
    const char *tzid;
    const char *from;
    const char *due;
    const char *late_from;
    const char *late_due;
  } cases[] = {
    { "Asia/Jakarta",
      "2025-03-03T10:00:00+07:00", "2025-03-06T15:30:00+07:00",
      "2025-03-07T17:00:00+07:00", "2025-03-13T15:30:00+07:00" },
    { "Asia/Makassar",
      "2025-03-03T10:00:00+08:00", "2025-03-06T15:30:00+08:00",
      "2025-03-07T17:00:00+08:00", "2025-03-13T15:30:00+08:00" },
    { "Asia/Jayapura",
      "2025-03-03T10:00:00+09:00", "2025-03-06T15:30:00+09:00",
      "2025-03-07T17:00:00+09:00", "2025-03-13T15:30:00+09:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PstCalendar *cal = make_calendar (cases[i].tzid, TRUE);

      assert_instant_impl (cal, pst_calendar_add_working_days (cal, at (cases[i].from), 3),
                           cases[i].due, cases[i].tzid);
      assert_instant_impl (cal, pst_calendar_add_working_days (cal, at (cases[i].late_from), 3),
                           cases[i].late_due, cases[i].tzid);

      g_assert_true (pst_calendar_is_open_at (cal, at (cases[i].from)));
      g_assert_false (pst_calendar_is_open_at (cal, at (cases[i].late_from)));

      g_assert_finalize_object (cal);
    }
}

/* 08:15 UTC is 15:15 in Jakarta (open), 16:15 in Makassar and 17:15 in
 * Jayapura (closed): the same request has different deadlines.
 */
static void
test_same_instant_different_offices (void)
{
  PstCalendar *wib = make_calendar ("Asia/Jakarta", TRUE);
  PstCalendar *wita = make_calendar ("Asia/Makassar", TRUE);
  PstCalendar *wit = make_calendar ("Asia/Jayapura", TRUE);
  gint64 t = at ("2025-03-03T08:15:00Z");
  GDate date;

  g_assert_true (pst_calendar_is_open_at (wib, t));
  g_assert_false (pst_calendar_is_open_at (wita, t));
  g_assert_false (pst_calendar_is_open_at (wit, t));

  assert_instant_impl (wib, pst_calendar_add_working_days (wib, t, 3),
                       "2025-03-06T15:30:00+07:00", "WIB");
  assert_instant_impl (wita, pst_calendar_add_working_days (wita, t, 3),
                       "2025-03-07T16:00:00+08:00", "WITA");
  assert_instant_impl (wit, pst_calendar_add_working_days (wit, t, 3),
                       "2025-03-07T16:00:00+09:00", "WIT");

  /* Near midnight UTC the offices are on different dates. */
  pst_calendar_get_local_date (wib, at ("2025-03-02T16:30:00Z"), &date);
  g_assert_cmpint (g_date_get_day (&date), ==, 2);
  pst_calendar_get_local_date (wita, at ("2025-03-02T16:30:00Z"), &date);
  g_assert_cmpint (g_date_get_day (&date), ==, 3);
  pst_calendar_get_local_date (wit, at ("2025-03-02T16:30:00Z"), &date);
  g_assert_cmpint (g_date_get_day (&date), ==, 3);

  g_assert_finalize_object (wib);
  g_assert_finalize_object (wita);
  g_assert_finalize_object (wit);
}

/* 7604's WhatsApp first response: one working day. */
static void
test_whatsapp_first_response (void)
{
  PstCalendar *cal = make_calendar ("Asia/Makassar", TRUE);
  g_autoptr(PstDeadline) deadline = NULL;

  assert_due (cal, "2025-03-03T09:00:00+08:00", 1, "2025-03-04T15:30:00+08:00");
  assert_due (cal, "2025-03-06T15:00:00+08:00", 1, "2025-03-07T16:00:00+08:00");
  assert_due (cal, "2025-03-07T20:00:00+08:00", 1, "2025-03-11T15:30:00+08:00");
  /* Before Idul Adha's cuti bersama (Monday 9 June 2025). */
  assert_due (cal, "2025-06-05T11:00:00+08:00", 1, "2025-06-10T15:30:00+08:00");

  deadline = pst_calendar_deadline_working_days (cal, at ("2025-03-03T09:00:00+08:00"), 1);
  g_assert_cmpint (deadline->kind, ==, PST_DEADLINE_WORKING);
  g_assert_cmpint (deadline->start_us, ==, at ("2025-03-03T09:00:00+08:00"));
  g_assert_cmpint (deadline->due_us, ==, at ("2025-03-04T15:30:00+08:00"));

  g_assert_finalize_object (cal);
}

static void
test_is_open_at_edges (void)
{
  PstCalendar *cal = make_calendar ("Asia/Jakarta", TRUE);

  g_assert_false (pst_calendar_is_open_at (cal, at ("2025-03-03T07:59:59.999999+07:00")));
  g_assert_true (pst_calendar_is_open_at (cal, at ("2025-03-03T08:00:00+07:00")));
  g_assert_true (pst_calendar_is_open_at (cal, at ("2025-03-03T15:29:59.999999+07:00")));
  g_assert_false (pst_calendar_is_open_at (cal, at ("2025-03-03T15:30:00+07:00")));
  g_assert_false (pst_calendar_is_open_at (cal, at ("2025-03-03T00:00:00+07:00")));
  g_assert_false (pst_calendar_is_open_at (cal, at ("2025-03-08T10:00:00+07:00")));
  g_assert_false (pst_calendar_is_open_at (cal, at ("2025-03-09T10:00:00+07:00")));
  g_assert_false (pst_calendar_is_open_at (cal, at ("2025-05-01T10:00:00+07:00")));
  g_assert_false (pst_calendar_is_open_at (cal, at ("2025-12-26T10:00:00+07:00")));

  /* next_opening: the instant itself when open. */
  assert_next_opening (cal, "2025-03-03T08:00:00+07:00", "2025-03-03T08:00:00+07:00");
  assert_next_opening (cal, "2025-03-03T12:34:56+07:00", "2025-03-03T12:34:56+07:00");
  assert_next_opening (cal, "2025-03-03T07:00:00+07:00", "2025-03-03T08:00:00+07:00");
  assert_next_opening (cal, "2025-03-03T15:30:00+07:00", "2025-03-04T08:00:00+07:00");
  assert_next_opening (cal, "2025-03-07T16:00:00+07:00", "2025-03-10T08:00:00+07:00");
  assert_next_opening (cal, "2025-03-08T12:00:00+07:00", "2025-03-10T08:00:00+07:00");
  assert_next_opening (cal, "2025-04-30T20:00:00+07:00", "2025-05-02T08:00:00+07:00");

  g_assert_finalize_object (cal);
}

static void
test_working_time_between (void)
{
  PstCalendar *cal = make_calendar ("Asia/Jakarta", TRUE);
  gint64 fri = at ("2025-03-07T15:00:00+07:00");
  gint64 mon = at ("2025-03-10T09:00:00+07:00");

  /* Across a weekend: Friday 15:00–16:00 and Monday 08:00–09:00. */
  g_assert_cmpint (pst_calendar_working_time_between (cal, fri, mon), ==, HOURS (2));
  g_assert_cmpint (pst_calendar_working_time_between (cal, mon, fri), ==, -HOURS (2));
  g_assert_cmpint (pst_calendar_working_time_between (cal, fri, fri), ==, 0);

  /* Inside one day, and outside the hours. */
  g_assert_cmpint (pst_calendar_working_time_between (cal, at ("2025-03-03T10:00:00+07:00"),
                                                      at ("2025-03-03T10:30:00+07:00")),
                   ==, MINUTES (30));
  g_assert_cmpint (pst_calendar_working_time_between (cal, at ("2025-03-03T16:00:00+07:00"),
                                                      at ("2025-03-04T07:59:00+07:00")),
                   ==, 0);
  g_assert_cmpint (pst_calendar_working_time_between (cal, at ("2025-03-08T00:00:00+07:00"),
                                                      at ("2025-03-10T00:00:00+07:00")),
                   ==, 0);

  /* A whole week: four days of 7 h 30 and a Friday of 8 h. */
  g_assert_cmpint (pst_calendar_working_time_between (cal, at ("2025-03-03T00:00:00+07:00"),
                                                      at ("2025-03-10T00:00:00+07:00")),
                   ==, 4 * (HOURS (7) + MINUTES (30)) + HOURS (8));

  /* Across a holiday (Thursday 1 May 2025): Wednesday's last half hour
   * and Friday's first hour.
   */
  g_assert_cmpint (pst_calendar_working_time_between (cal, at ("2025-04-30T15:00:00+07:00"),
                                                      at ("2025-05-02T09:00:00+07:00")),
                   ==, MINUTES (90));

  /* Across the whole Idul Fitri leave of 2025. */
  g_assert_cmpint (pst_calendar_working_time_between (cal, at ("2025-03-27T00:00:00+07:00"),
                                                      at ("2025-04-08T12:00:00+07:00")),
                   ==, HOURS (7) + MINUTES (30) + HOURS (4));

  g_assert_finalize_object (cal);
}

/* Walk-in wait, 10 minutes: ok until exactly 2 minutes (20 %) are left,
 * warning below, breached at the due instant.
 */
static void
test_deadline_elapsed (void)
{
  PstCalendar *cal = make_calendar ("Asia/Jakarta", TRUE);
  g_autoptr(PstClock) clock = pst_clock_new_fixed (at ("2025-03-03T09:00:00+07:00"));
  g_autoptr(PstDeadline) wait = pst_deadline_minutes (pst_clock_get_now (clock), 10);
  g_autoptr(PstDeadline) short_wait = NULL;
  g_autoptr(PstDeadline) idle = NULL;
  gint64 now;

  g_assert_cmpint (wait->kind, ==, PST_DEADLINE_ELAPSED);
  g_assert_cmpint (wait->due_us - wait->start_us, ==, MINUTES (10));

  now = pst_clock_get_now (clock);
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, wait, now), ==, MINUTES (10));
  g_assert_cmpint (pst_calendar_deadline_state (cal, wait, now), ==, PST_BADGE_OK);

  pst_clock_advance (clock, MINUTES (8));
  now = pst_clock_get_now (clock);
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, wait, now), ==, MINUTES (2));
  g_assert_cmpint (pst_calendar_deadline_state (cal, wait, now), ==, PST_BADGE_OK);

  pst_clock_advance (clock, 1);
  now = pst_clock_get_now (clock);
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, wait, now), ==, MINUTES (2) - 1);
  g_assert_cmpint (pst_calendar_deadline_state (cal, wait, now), ==, PST_BADGE_WARNING);

  pst_clock_set_now (clock, wait->due_us - 1);
  now = pst_clock_get_now (clock);
  g_assert_cmpint (pst_calendar_deadline_state (cal, wait, now), ==, PST_BADGE_WARNING);

  pst_clock_set_now (clock, wait->due_us);
  now = pst_clock_get_now (clock);
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, wait, now), ==, 0);
  g_assert_cmpint (pst_calendar_deadline_state (cal, wait, now), ==, PST_BADGE_BREACHED);

  pst_clock_advance (clock, MINUTES (5));
  now = pst_clock_get_now (clock);
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, wait, now), ==, -MINUTES (5));
  g_assert_cmpint (pst_calendar_deadline_state (cal, wait, now), ==, PST_BADGE_BREACHED);

  /* Elapsed time ignores service hours: a wait started at 15:25 is
   * breached at 15:35 although the office closed at 15:30.
   */
  short_wait = pst_deadline_minutes (at ("2025-03-03T15:25:00+07:00"), 5);
  g_assert_cmpint (short_wait->due_us, ==, at ("2025-03-03T15:30:00+07:00"));
  g_assert_cmpint (pst_calendar_deadline_state (cal, short_wait, at ("2025-03-03T15:29:00+07:00")),
                   ==, PST_BADGE_OK);
  g_assert_cmpint (pst_calendar_deadline_state (cal, short_wait,
                                                at ("2025-03-03T15:29:00.000001+07:00")),
                   ==, PST_BADGE_WARNING);
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, short_wait,
                                                    at ("2025-03-03T15:35:00+07:00")),
                   ==, -MINUTES (5));

  /* Idle close, 7 calendar days: weekends and holidays count. */
  idle = pst_deadline_days (at ("2025-03-27T10:00:00+07:00"), 7);
  g_assert_cmpint (idle->kind, ==, PST_DEADLINE_ELAPSED);
  g_assert_cmpint (idle->due_us, ==, at ("2025-04-03T10:00:00+07:00"));
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, idle, at ("2025-04-02T10:00:00+07:00")),
                   ==, HOURS (24));
  /* 20 % of 7 days is 33 h 36 min. */
  g_assert_cmpint (pst_calendar_deadline_state (cal, idle, at ("2025-04-02T00:24:00+07:00")),
                   ==, PST_BADGE_OK);
  g_assert_cmpint (pst_calendar_deadline_state (cal, idle, at ("2025-04-02T00:24:00.000001+07:00")),
                   ==, PST_BADGE_WARNING);

  g_assert_finalize_object (cal);
}

/* A web consultation received Monday 10:00, 3 working days: due Thursday
 * 15:30. Its window is 28 h of service hours (5 h 30 on Monday, 7 h 30 on
 * each of the next three days), so the badge turns to warning when less
 * than 5 h 36 min of service hours are left: Thursday 09:54.
 */
static void
test_deadline_working (void)
{
  PstCalendar *cal = make_calendar ("Asia/Jakarta", TRUE);
  g_autoptr(PstClock) clock = pst_clock_new_fixed (at ("2025-03-03T10:00:00+07:00"));
  g_autoptr(PstDeadline) deadline = NULL;
  gint64 wednesday_close;
  gint64 now;

  deadline = pst_calendar_deadline_working_days (cal, pst_clock_get_now (clock), 3);
  g_assert_cmpint (deadline->due_us, ==, at ("2025-03-06T15:30:00+07:00"));
  g_assert_cmpint (pst_calendar_working_time_between (cal, deadline->start_us, deadline->due_us),
                   ==, HOURS (28));

  now = pst_clock_get_now (clock);
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, deadline, now), ==, HOURS (28));
  g_assert_cmpint (pst_calendar_deadline_state (cal, deadline, now), ==, PST_BADGE_OK);

  /* The time left stands still while the office is closed. */
  wednesday_close = at ("2025-03-05T15:30:00+07:00");
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, deadline, wednesday_close),
                   ==, HOURS (7) + MINUTES (30));
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, deadline,
                                                    at ("2025-03-05T22:00:00+07:00")),
                   ==, HOURS (7) + MINUTES (30));
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, deadline,
                                                    at ("2025-03-06T08:00:00+07:00")),
                   ==, HOURS (7) + MINUTES (30));
  g_assert_cmpint (pst_calendar_deadline_state (cal, deadline, wednesday_close), ==, PST_BADGE_OK);

  /* Exactly 20 % left, then just under. */
  pst_clock_set_now (clock, at ("2025-03-06T09:54:00+07:00"));
  now = pst_clock_get_now (clock);
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, deadline, now),
                   ==, HOURS (5) + MINUTES (36));
  g_assert_cmpint (pst_calendar_deadline_state (cal, deadline, now), ==, PST_BADGE_OK);

  pst_clock_advance (clock, 1);
  now = pst_clock_get_now (clock);
  g_assert_cmpint (pst_calendar_deadline_state (cal, deadline, now), ==, PST_BADGE_WARNING);

  pst_clock_set_now (clock, at ("2025-03-06T15:29:59+07:00"));
  now = pst_clock_get_now (clock);
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, deadline, now), ==, G_USEC_PER_SEC);
  g_assert_cmpint (pst_calendar_deadline_state (cal, deadline, now), ==, PST_BADGE_WARNING);

  /* Breached at the due instant; overdue is counted in elapsed time,
   * nights included.
   */
  pst_clock_set_now (clock, deadline->due_us);
  now = pst_clock_get_now (clock);
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, deadline, now), ==, 0);
  g_assert_cmpint (pst_calendar_deadline_state (cal, deadline, now), ==, PST_BADGE_BREACHED);

  pst_clock_set_now (clock, at ("2025-03-07T09:00:00+07:00"));
  now = pst_clock_get_now (clock);
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, deadline, now),
                   ==, -(HOURS (17) + MINUTES (30)));
  g_assert_cmpint (pst_calendar_deadline_state (cal, deadline, now), ==, PST_BADGE_BREACHED);

  g_assert_finalize_object (cal);
}

/* A window that spans the Idul Fitri leave: it still warns by service
 * hours, not by the calendar.
 */
static void
test_deadline_working_over_holidays (void)
{
  PstCalendar *cal = make_calendar ("Asia/Jakarta", TRUE);
  g_autoptr(PstDeadline) deadline = NULL;

  /* Thursday 27 March 14:00, one working day: due Tuesday 8 April 15:30.
   * Window: 1 h 30 on the 27th and 7 h 30 on the 8th, 9 h; 20 % is
   * 1 h 48 min, reached on the 8th at 13:42.
   */
  deadline = pst_calendar_deadline_working_days (cal, at ("2025-03-27T14:00:00+07:00"), 1);
  g_assert_cmpint (deadline->due_us, ==, at ("2025-04-08T15:30:00+07:00"));

  g_assert_cmpint (pst_calendar_deadline_state (cal, deadline, at ("2025-04-03T12:00:00+07:00")),
                   ==, PST_BADGE_OK);
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, deadline,
                                                    at ("2025-04-03T12:00:00+07:00")),
                   ==, HOURS (7) + MINUTES (30));
  g_assert_cmpint (pst_calendar_deadline_state (cal, deadline, at ("2025-04-08T13:42:00+07:00")),
                   ==, PST_BADGE_OK);
  g_assert_cmpint (pst_calendar_deadline_state (cal, deadline,
                                                at ("2025-04-08T13:42:00.000001+07:00")),
                   ==, PST_BADGE_WARNING);
  g_assert_cmpint (pst_calendar_deadline_state (cal, deadline, at ("2025-04-08T15:30:00+07:00")),
                   ==, PST_BADGE_BREACHED);

  g_assert_finalize_object (cal);
}

/* December 2025 into January 2026: Christmas (Thursday 25), its cuti
 * bersama (Friday 26) and New Year's Day (Thursday 1 January).
 */
static void
test_year_boundary (void)
{
  PstCalendar *cal = make_calendar ("Asia/Jakarta", TRUE);

  g_assert_false (is_working_day (cal, 2025, 12, 25));
  g_assert_false (is_working_day (cal, 2025, 12, 26));
  g_assert_true (is_working_day (cal, 2025, 12, 29));
  g_assert_true (is_working_day (cal, 2025, 12, 31));
  g_assert_false (is_working_day (cal, 2026, 1, 1));
  g_assert_true (is_working_day (cal, 2026, 1, 2));

  assert_due (cal, "2025-12-22T10:00:00+07:00", 3, "2025-12-29T15:30:00+07:00");
  assert_due (cal, "2025-12-22T10:00:00+07:00", 5, "2025-12-31T15:30:00+07:00");
  assert_due (cal, "2025-12-22T10:00:00+07:00", 6, "2026-01-02T16:00:00+07:00");
  assert_due (cal, "2025-12-24T16:00:00+07:00", 1, "2025-12-30T15:30:00+07:00");
  assert_due (cal, "2025-12-31T16:00:00+07:00", 0, "2026-01-02T16:00:00+07:00");
  assert_due (cal, "2025-12-31T16:00:00+07:00", 1, "2026-01-05T15:30:00+07:00");

  /* New Year's Eve in UTC is already New Year's Day in Jakarta. */
  g_assert_false (pst_calendar_is_open_at (cal, at ("2025-12-31T17:30:00Z")));

  /* And Christmas 2026: cuti bersama Thursday 24, Christmas Friday 25. */
  assert_due (cal, "2026-12-23T10:00:00+07:00", 1, "2026-12-28T15:30:00+07:00");

  g_assert_finalize_object (cal);
}

static void
test_holiday_api (void)
{
  PstCalendar *cal = make_calendar ("Asia/Makassar", FALSE);
  g_autoptr(GPtrArray) national = load_national_holidays ();
  g_autoptr(PstHoliday) closure = NULL;
  g_autoptr(PstHoliday) closure2 = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  const PstHoliday *found;
  GDate date;

  pst_calendar_add_holidays (cal, national);

  listed = pst_calendar_get_holidays (cal);
  g_assert_cmpuint (listed->len, ==, national->len);
  for (guint i = 1; i < listed->len; i++)
    {
      const PstHoliday *a = g_ptr_array_index (listed, i - 1);
      const PstHoliday *b = g_ptr_array_index (listed, i);

      g_assert_cmpint (g_date_compare (&a->date, &b->date), <=, 0);
    }
  g_clear_pointer (&listed, g_ptr_array_unref);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 18, G_DATE_AUGUST, 2025);
  found = pst_calendar_lookup_holiday (cal, &date);
  g_assert_nonnull (found);
  g_assert_cmpint (found->kind, ==, PST_HOLIDAY_CUTI_BERSAMA);

  g_date_set_dmy (&date, 19, G_DATE_AUGUST, 2025);
  g_assert_null (pst_calendar_lookup_holiday (cal, &date));

  /* An office closure on a national holiday: the national one is shown,
   * and removing the closures leaves it.
   */
  closure = pst_holiday_new (2025, 8, 17, "Tutup kantor", NULL, PST_HOLIDAY_LOCAL, "7604");
  closure2 = pst_holiday_new (2025, 8, 19, "Hari jadi kabupaten", NULL, PST_HOLIDAY_LOCAL, "7604");
  pst_calendar_add_holiday (cal, closure);
  pst_calendar_add_holiday (cal, closure2);

  g_date_set_dmy (&date, 17, G_DATE_AUGUST, 2025);
  found = pst_calendar_lookup_holiday (cal, &date);
  g_assert_cmpint (found->kind, ==, PST_HOLIDAY_NATIONAL);

  g_date_set_dmy (&date, 19, G_DATE_AUGUST, 2025);
  found = pst_calendar_lookup_holiday (cal, &date);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->name, ==, "Hari jadi kabupaten");
  g_assert_cmpstr (found->office, ==, "7604");
  g_assert_false (pst_calendar_is_working_day (cal, &date));
  assert_due (cal, "2025-08-15T10:00:00+08:00", 1, "2025-08-20T15:30:00+08:00");

  pst_calendar_remove_office_holidays (cal);
  g_assert_null (pst_calendar_lookup_holiday (cal, &date));
  g_assert_true (pst_calendar_is_working_day (cal, &date));
  g_date_set_dmy (&date, 17, G_DATE_AUGUST, 2025);
  g_assert_nonnull (pst_calendar_lookup_holiday (cal, &date));

  /* Replacing one year's national list leaves the other year alone. */
  pst_calendar_add_holiday (cal, closure2);
  pst_calendar_remove_national_holidays (cal, 2025);
  listed = pst_calendar_get_holidays (cal);
  g_assert_cmpuint (listed->len, ==, 25 + 1);
  g_clear_pointer (&listed, g_ptr_array_unref);
  g_assert_true (is_working_day (cal, 2025, 12, 26));
  g_assert_false (is_working_day (cal, 2026, 12, 24));
  g_assert_false (is_working_day (cal, 2025, 8, 19));

  pst_calendar_remove_national_holidays (cal, 0);
  listed = pst_calendar_get_holidays (cal);
  g_assert_cmpuint (listed->len, ==, 1);

  g_assert_finalize_object (cal);
}

static void
test_custom_hours (void)
{
  PstCalendar *cal = make_calendar ("Asia/Jayapura", FALSE);
  gint64 open_us = 0, close_us = 0;
  int open = -1, close = -1;
  GDate date;

  /* Saturday mornings open, Fridays closed. */
  pst_calendar_set_hours (cal, G_DATE_SATURDAY, 8 * 60, 12 * 60);
  pst_calendar_set_hours (cal, G_DATE_FRIDAY, 0, 0);

  g_assert_true (is_working_day (cal, 2025, 3, 8));
  g_assert_false (is_working_day (cal, 2025, 3, 7));
  assert_due (cal, "2025-03-06T10:00:00+09:00", 1, "2025-03-08T12:00:00+09:00");
  assert_due (cal, "2025-03-08T12:00:00+09:00", 0, "2025-03-10T15:30:00+09:00");

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 8, G_DATE_MARCH, 2025);
  g_assert_true (pst_calendar_get_service_period (cal, &date, &open_us, &close_us));
  g_assert_cmpint (open_us, ==, at ("2025-03-08T08:00:00+09:00"));
  g_assert_cmpint (close_us, ==, at ("2025-03-08T12:00:00+09:00"));
  g_date_set_dmy (&date, 7, G_DATE_MARCH, 2025);
  g_assert_false (pst_calendar_get_service_period (cal, &date, &open_us, &close_us));

  /* A desk open until midnight. */
  pst_calendar_set_hours (cal, G_DATE_MONDAY, 0, 24 * 60);
  g_assert_true (pst_calendar_is_open_at (cal, at ("2025-03-10T23:59:59+09:00")));
  assert_due (cal, "2025-03-10T23:00:00+09:00", 0, "2025-03-11T00:00:00+09:00");

  /* Bad hours are refused and change nothing. */
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*close_minute >= open_minute*");
  pst_calendar_set_hours (cal, G_DATE_TUESDAY, 10 * 60, 9 * 60);
  g_test_assert_expected_messages ();
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*open_minute >= 0*");
  pst_calendar_set_hours (cal, G_DATE_TUESDAY, -1, 9 * 60);
  g_test_assert_expected_messages ();
  g_assert_true (pst_calendar_get_hours (cal, G_DATE_TUESDAY, &open, &close));
  g_assert_cmpint (open, ==, 8 * 60);
  g_assert_cmpint (close, ==, 15 * 60 + 30);

  g_assert_finalize_object (cal);
}

/* The offices have no daylight saving time, but the rules work on local
 * wall-clock times, so a zone with it works too: Berlin moves to summer
 * time on Sunday 29 March 2026.
 */
static void
test_daylight_saving (void)
{
  PstCalendar *cal = make_calendar ("Europe/Berlin", FALSE);

  assert_due (cal, "2026-03-27T17:00:00+01:00", 1, "2026-03-31T15:30:00+02:00");
  assert_due (cal, "2026-03-27T10:00:00+01:00", 1, "2026-03-30T15:30:00+02:00");
  g_assert_cmpint (pst_calendar_working_time_between (cal, at ("2026-03-27T15:00:00+01:00"),
                                                      at ("2026-03-30T09:00:00+02:00")),
                   ==, HOURS (2));

  /* A desk open all Sunday: that Sunday has 23 hours. */
  pst_calendar_set_hours (cal, G_DATE_SUNDAY, 0, 24 * 60);
  g_assert_cmpint (pst_calendar_working_time_between (cal, at ("2026-03-28T12:00:00+01:00"),
                                                      at ("2026-03-30T00:00:00+02:00")),
                   ==, HOURS (23));
  assert_due (cal, "2026-03-29T01:00:00+01:00", 0, "2026-03-30T00:00:00+02:00");

  g_assert_finalize_object (cal);
}

/* With no service hours at all, nothing is ever due. */
static void
test_never_open (void)
{
  PstCalendar *cal = make_calendar ("Asia/Jakarta", FALSE);
  g_autoptr(PstDeadline) deadline = NULL;
  gint64 now = at ("2025-03-03T10:00:00+07:00");

  for (GDateWeekday wd = G_DATE_MONDAY; wd <= G_DATE_SUNDAY; wd++)
    pst_calendar_set_hours (cal, wd, 8 * 60, 8 * 60);

  g_assert_false (pst_calendar_is_open_at (cal, now));
  g_assert_cmpint (pst_calendar_next_opening (cal, now), ==, PST_CALENDAR_NEVER);
  g_assert_cmpint (pst_calendar_add_working_days (cal, now, 3), ==, PST_CALENDAR_NEVER);
  g_assert_cmpint (pst_calendar_working_time_between (cal, now, now + HOURS (100)), ==, 0);

  deadline = pst_calendar_deadline_working_days (cal, now, 3);
  g_assert_cmpint (deadline->due_us, ==, PST_CALENDAR_NEVER);
  g_assert_cmpint (pst_calendar_deadline_state (cal, deadline, now + HOURS (1000)),
                   ==, PST_BADGE_OK);
  g_assert_cmpint (pst_calendar_deadline_remaining (cal, deadline, now), ==, G_MAXINT64);

  g_assert_finalize_object (cal);
}

/* The server computes deadlines in bulk: two years of requests, one
 * every 119 minutes, each checked against a walk over the days.
 */
static void
test_many_deadlines (void)
{
  PstCalendar *cal = make_calendar ("Asia/Makassar", TRUE);
  gint64 start = at ("2025-01-01T00:00:00+08:00");
  gint64 end = at ("2026-12-20T00:00:00+08:00");
  guint count = 0;

  for (gint64 t = start; t < end; t += MINUTES (119))
    {
      gint64 due = pst_calendar_add_working_days (cal, t, 3);
      gint64 close_us = 0;
      GDate day, due_date;
      guint working = 0;

      g_assert_cmpint (due, >, t);
      g_assert_false (pst_calendar_is_open_at (cal, due));
      g_assert_true (pst_calendar_is_open_at (cal, due - 1));

      /* The due instant is the closing time of a working day... */
      pst_calendar_get_local_date (cal, due - 1, &due_date);
      g_assert_true (pst_calendar_get_service_period (cal, &due_date, NULL, &close_us));
      g_assert_cmpint (close_us, ==, due);

      /* ...the fourth one counting the effective day, which is the day
       * the desk next opens at or after t.
       */
      pst_calendar_get_local_date (cal, pst_calendar_next_opening (cal, t), &day);
      for (; g_date_compare (&day, &due_date) <= 0; g_date_add_days (&day, 1))
        {
          if (pst_calendar_is_working_day (cal, &day))
            working++;
        }
      g_assert_cmpuint (working, ==, 4);
      count++;
    }

  g_assert_cmpuint (count, >, 8000);
  g_assert_finalize_object (cal);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/defaults", test_defaults);
  g_test_add_func ("/calendar/new-for-zone", test_new_for_zone);
  g_test_add_func ("/calendar/domain-examples", test_domain_examples);
  g_test_add_func ("/calendar/effective-day", test_effective_day);
  g_test_add_func ("/calendar/friday-hours", test_friday_hours);
  g_test_add_func ("/calendar/idul-fitri-2025", test_idul_fitri_2025);
  g_test_add_func ("/calendar/idul-fitri-2026", test_idul_fitri_2026);
  g_test_add_func ("/calendar/time-zones", test_time_zones);
  g_test_add_func ("/calendar/same-instant-different-offices",
                   test_same_instant_different_offices);
  g_test_add_func ("/calendar/whatsapp-first-response", test_whatsapp_first_response);
  g_test_add_func ("/calendar/is-open-at-edges", test_is_open_at_edges);
  g_test_add_func ("/calendar/working-time-between", test_working_time_between);
  g_test_add_func ("/calendar/deadline/elapsed", test_deadline_elapsed);
  g_test_add_func ("/calendar/deadline/working", test_deadline_working);
  g_test_add_func ("/calendar/deadline/working-over-holidays",
                   test_deadline_working_over_holidays);
  g_test_add_func ("/calendar/year-boundary", test_year_boundary);
  g_test_add_func ("/calendar/holiday-api", test_holiday_api);
  g_test_add_func ("/calendar/custom-hours", test_custom_hours);
  g_test_add_func ("/calendar/daylight-saving", test_daylight_saving);
  g_test_add_func ("/calendar/never-open", test_never_open);
  g_test_add_func ("/calendar/many-deadlines", test_many_deadlines);

  return g_test_run ();
}
