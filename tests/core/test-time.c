/* test-time.c: instants, RFC 3339 and time zones.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-error.h"
#include "pst-time.h"

#include <string.h>

/* 2026-01-02T03:04:05Z, worked out by hand: 56 years of days since 1970
 * (14 of them leap years) plus the first day of 2026.
 */
#define JAN_2_2026_030405 \
  (((G_GINT64_CONSTANT (56) * 365 + 14 + 1) * 86400 + 3 * 3600 + 4 * 60 + 5) * G_USEC_PER_SEC)

static gint64
parse (const char *str)
{
  gint64 us = 0;

  if (!pst_time_parse_rfc3339 (str, &us))
    g_error ("“%s” was refused", str);

  return us;
}

static void
test_parse_utc (void)
{
  g_assert_cmpint (parse ("1970-01-01T00:00:00Z"), ==, 0);
  g_assert_cmpint (parse ("2026-01-02T03:04:05Z"), ==, JAN_2_2026_030405);
  g_assert_cmpint (parse ("2026-01-02t03:04:05z"), ==, JAN_2_2026_030405);
  g_assert_cmpint (parse ("2026-01-02T03:04:05+00:00"), ==, JAN_2_2026_030405);
  g_assert_cmpint (parse ("2026-01-02T03:04:05-00:00"), ==, JAN_2_2026_030405);
  g_assert_cmpint (parse ("1969-12-31T23:59:59Z"), ==, -G_USEC_PER_SEC);
}

static void
test_parse_offsets (void)
{
  /* The same instant written in each office's zone, and elsewhere. */
  g_assert_cmpint (parse ("2026-01-02T10:04:05+07:00"), ==, JAN_2_2026_030405);
  g_assert_cmpint (parse ("2026-01-02T11:04:05+08:00"), ==, JAN_2_2026_030405);
  g_assert_cmpint (parse ("2026-01-02T12:04:05+09:00"), ==, JAN_2_2026_030405);
  g_assert_cmpint (parse ("2026-01-01T21:34:05-05:30"), ==, JAN_2_2026_030405);
  g_assert_cmpint (parse ("2026-01-02T03:04:05+23:59"),
                   ==, JAN_2_2026_030405 - (23 * 60 + 59) * PST_USEC_PER_MINUTE);
}

static void
test_parse_fractions (void)
{
  g_assert_cmpint (parse ("2026-01-02T03:04:05.5Z"), ==, JAN_2_2026_030405 + 500000);
  g_assert_cmpint (parse ("2026-01-02T03:04:05.123456Z"), ==, JAN_2_2026_030405 + 123456);
  g_assert_cmpint (parse ("2026-01-02T03:04:05.000001Z"), ==, JAN_2_2026_030405 + 1);
  g_assert_cmpint (parse ("2026-01-02T10:04:05.250+07:00"), ==, JAN_2_2026_030405 + 250000);
  g_assert_cmpint (parse ("1969-12-31T23:59:59.5Z"), ==, -500000);
}

static void
test_parse_rejects (void)
{
  const char *bad[] = {
    "",
    "garbage",
    "2026",
    "2026-01-02",
    "2026-01-02T03:04:05",            /* no offset: ambiguous */
    "2026-01-02T03:04:05.123",
    "2026-01-02 03:04:05Z",
    "2026-01-02T03:04Z",
    "2026-01-02T03:04+07:00",
    "2026-01-02T030405+07:00",
    "20260102T030405Z",
    "2026-01-02T03:04:05+0700",
    "2026-01-02T03:04:05+07",
    "2026-01-02T03:04:05+24:00",
    "2026-01-02T03:04:05.Z",
    "2026-01-02T03:04:05,5Z",
    "2026-01-02T03:04:05ZZ",
    "2026-01-02T03:04:05Z ",
    " 2026-01-02T03:04:05Z",
    "2026-13-02T03:04:05Z",
    "2026-02-30T03:04:05Z",
    "2026-01-02T24:00:00Z",
    "2026-01-02T03:60:00Z",
    "2026-01-02T03:04:05+07:60",
    "+2026-01-02T03:04:05Z",
    "2026-01-02T03:04:05WIB",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 us = 42;

      if (pst_time_parse_rfc3339 (bad[i], &us))
        g_error ("“%s” was accepted", bad[i]);

      /* Nothing is written on failure. */
      g_assert_cmpint (us, ==, 42);
    }

  {
    gint64 us = 42;
    g_assert_false (pst_time_parse_rfc3339 (NULL, &us));
    g_assert_cmpint (us, ==, 42);
  }
}

static void
test_format (void)
{
  g_autoptr(GTimeZone) wib = g_time_zone_new_identifier ("Asia/Jakarta");
  g_autoptr(GTimeZone) wit = g_time_zone_new_identifier ("Asia/Jayapura");
  g_autofree char *utc = pst_time_format_rfc3339 (JAN_2_2026_030405, NULL);
  g_autofree char *in_wib = pst_time_format_rfc3339 (JAN_2_2026_030405, wib);
  g_autofree char *in_wit = pst_time_format_rfc3339 (JAN_2_2026_030405 + 1, wit);
  g_autofree char *epoch = pst_time_format_rfc3339 (0, NULL);
  g_autofree char *before = pst_time_format_rfc3339 (-500000, NULL);
  g_autofree char *frac = pst_time_format_rfc3339 (JAN_2_2026_030405 + 120000, NULL);

  g_assert_cmpstr (utc, ==, "2026-01-02T03:04:05Z");
  g_assert_cmpstr (in_wib, ==, "2026-01-02T10:04:05+07:00");
  g_assert_cmpstr (in_wit, ==, "2026-01-02T12:04:05.000001+09:00");
  g_assert_cmpstr (epoch, ==, "1970-01-01T00:00:00Z");
  g_assert_cmpstr (before, ==, "1969-12-31T23:59:59.500000Z");
  g_assert_cmpstr (frac, ==, "2026-01-02T03:04:05.120000Z");
}

/* Every formatted instant parses back to itself, in any zone. */
static void
test_round_trip (void)
{
  const char *zones[] = { NULL, "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura",
                          "America/St_Johns", "Europe/Berlin" };
  const gint64 instants[] = {
    0, 1, -1, 999999, -G_USEC_PER_SEC, JAN_2_2026_030405, JAN_2_2026_030405 + 987654,
    /* Around Berlin's switch to summer time, 2026-03-29T01:00:00Z. */
    JAN_2_2026_030405 + G_GINT64_CONSTANT (86) * 86400 * G_USEC_PER_SEC,
    G_GINT64_CONSTANT (4102444799) * G_USEC_PER_SEC,
  };

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) tz = zones[z] ? g_time_zone_new_identifier (zones[z]) : NULL;

      for (guint i = 0; i < G_N_ELEMENTS (instants); i++)
        {
          g_autofree char *str = pst_time_format_rfc3339 (instants[i], tz);
          gint64 back = 0;

          g_assert_true (pst_time_parse_rfc3339 (str, &back));
          if (back != instants[i])
            g_error ("%s (%s) came back as %" G_GINT64_FORMAT " instead of %" G_GINT64_FORMAT,
                     str, zones[z] ? zones[z] : "UTC", back, instants[i]);
        }
    }

  for (gint64 us = -3 * G_USEC_PER_SEC; us < JAN_2_2026_030405; us += 7777777777777)
    {
      g_autofree char *str = pst_time_format_rfc3339 (us, NULL);
      g_assert_cmpint (parse (str), ==, us);
    }
}

static void
test_date_time (void)
{
  g_autoptr(GTimeZone) wita = g_time_zone_new_identifier ("Asia/Makassar");
  g_autoptr(GDateTime) dt = pst_time_to_date_time (JAN_2_2026_030405 + 42, wita);
  g_autoptr(GDateTime) utc = pst_time_to_date_time (-1, NULL);

  g_assert_cmpint (g_date_time_get_hour (dt), ==, 11);
  g_assert_cmpint (g_date_time_get_microsecond (dt), ==, 42);
  g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, 8 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (pst_time_from_date_time (dt), ==, JAN_2_2026_030405 + 42);

  g_assert_cmpint (g_date_time_get_year (utc), ==, 1969);
  g_assert_cmpint (g_date_time_get_second (utc), ==, 59);
  g_assert_cmpint (g_date_time_get_microsecond (utc), ==, 999999);
  g_assert_cmpint (pst_time_from_date_time (utc), ==, -1);

  g_assert_cmpint (PST_USEC_PER_DAY, ==, G_GINT64_CONSTANT (86400000000));
}

static void
test_time_zone (void)
{
  const char *zones[] = { "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura" };
  const int offsets[] = { 7, 8, 9 };
  g_autoptr(GError) error = NULL;
  GTimeZone *tz;

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      tz = pst_time_zone_new (zones[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (g_time_zone_get_identifier (tz), ==, zones[i]);
      g_assert_cmpint (g_time_zone_get_offset (tz, g_time_zone_find_interval (
                         tz, G_TIME_TYPE_UNIVERSAL, JAN_2_2026_030405 / G_USEC_PER_SEC)),
                       ==, offsets[i] * 3600);
      g_time_zone_unref (tz);
    }

  tz = pst_time_zone_new ("Asia/Atlantis", &error);
  g_assert_null (tz);
  g_assert_error (error, PST_ERROR, PST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Asia/Atlantis"));
  g_clear_error (&error);

  tz = pst_time_zone_new ("", &error);
  g_assert_null (tz);
  g_assert_error (error, PST_ERROR, PST_ERROR_INVALID);
  g_clear_error (&error);

  tz = pst_time_zone_new (NULL, &error);
  g_assert_null (tz);
  g_assert_error (error, PST_ERROR, PST_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/parse/utc", test_parse_utc);
  g_test_add_func ("/time/parse/offsets", test_parse_offsets);
  g_test_add_func ("/time/parse/fractions", test_parse_fractions);
  g_test_add_func ("/time/parse/rejects", test_parse_rejects);
  g_test_add_func ("/time/format", test_format);
  g_test_add_func ("/time/round-trip", test_round_trip);
  g_test_add_func ("/time/date-time", test_date_time);
  g_test_add_func ("/time/time-zone", test_time_zone);

  return g_test_run ();
}
