/* test-holidays.c: the national holiday list and its loader.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-error.h"
#include "pst-holidays.h"
#include "pst-i18n.h"
#include "pst-test-locale.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

static GPtrArray *
load_data_file (void)
{
  g_autofree char *path = pst_holidays_find_data_file ();
  g_autoptr(GError) error = NULL;
  GPtrArray *holidays = pst_holidays_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (holidays);

  return holidays;
}

static const PstHoliday *
find (GPtrArray  *holidays,
      const char *iso_date)
{
  for (guint i = 0; i < holidays->len; i++)
    {
      const PstHoliday *holiday = g_ptr_array_index (holidays, i);
      char str[16];

      g_date_strftime (str, sizeof str, "%Y-%m-%d", &holiday->date);
      if (g_str_equal (str, iso_date))
        return holiday;
    }

  return NULL;
}

static const PstHoliday *
find_or_fail (GPtrArray  *holidays,
              const char *iso_date)
{
  const PstHoliday *holiday = find (holidays, iso_date);

  if (holiday == NULL)
    g_error ("%s is missing from the holiday list", iso_date);

  return holiday;
}

static guint
count (GPtrArray      *holidays,
       int             year,
       PstHolidayKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < holidays->len; i++)
    {
      const PstHoliday *holiday = g_ptr_array_index (holidays, i);

      if (g_date_get_year (&holiday->date) == year && holiday->kind == kind)
        n++;
    }

  return n;
}

static void
test_find_data_file (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("PST_DATA_DIR"));
  g_autofree char *path = NULL;

  g_assert_nonnull (saved);

  path = pst_holidays_find_data_file ();
  g_assert_true (g_str_has_prefix (path, saved));
  g_assert_true (g_str_has_suffix (path, G_DIR_SEPARATOR_S "holidays" G_DIR_SEPARATOR_S
                                   "indonesia.json"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&path, g_free);

  g_setenv ("PST_DATA_DIR", "/srv/pst", TRUE);
  path = pst_holidays_find_data_file ();
  g_assert_cmpstr (path, ==, "/srv/pst/holidays/indonesia.json");
  g_clear_pointer (&path, g_free);

  /* Unset: the installed copy, or the source tree's when not installed
   * (the folder rule itself is tested in test-paths).
   */
  g_unsetenv ("PST_DATA_DIR");
  path = pst_holidays_find_data_file ();
  g_assert_true (g_str_has_suffix (path, "/holidays/indonesia.json"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_setenv ("PST_DATA_DIR", saved, TRUE);
}

/* The counts of the decrees: 2025 has 17 national holidays and 10 cuti
 * bersama days plus 18 August added in August 2025; 2026 has 17 and 8.
 */
static void
test_data_file_counts (void)
{
  g_autoptr(GPtrArray) holidays = load_data_file ();

  g_assert_cmpuint (holidays->len, ==, 17 + 11 + 17 + 8);
  g_assert_cmpuint (count (holidays, 2025, PST_HOLIDAY_NATIONAL), ==, 17);
  g_assert_cmpuint (count (holidays, 2025, PST_HOLIDAY_CUTI_BERSAMA), ==, 11);
  g_assert_cmpuint (count (holidays, 2026, PST_HOLIDAY_NATIONAL), ==, 17);
  g_assert_cmpuint (count (holidays, 2026, PST_HOLIDAY_CUTI_BERSAMA), ==, 8);
  g_assert_cmpuint (count (holidays, 2025, PST_HOLIDAY_LOCAL), ==, 0);

  for (guint i = 0; i < holidays->len; i++)
    {
      const PstHoliday *holiday = g_ptr_array_index (holidays, i);

      g_assert_true (g_date_valid (&holiday->date));
      g_assert_nonnull (holiday->name);
      g_assert_cmpstr (holiday->name, !=, "");
      g_assert_nonnull (holiday->name_en);
      g_assert_null (holiday->office);

      /* Sorted, and no day listed twice. */
      if (i > 0)
        {
          const PstHoliday *prev = g_ptr_array_index (holidays, i - 1);
          g_assert_cmpint (g_date_compare (&prev->date, &holiday->date), <, 0);
        }
    }
}

/* Every day of the decrees, checked one by one. */
static void
test_data_file_dates (void)
{
  const struct {
    const char *date;
    PstHolidayKind kind;
    const char *name;
  } expected[] = {
    /* 2025: SKB 1017/2/2 of 2024, revised by SKB 933/1/3 of 2025. */
    { "2025-01-01", PST_HOLIDAY_NATIONAL, "Tahun Baru 2025 Masehi" },
    { "2025-01-27", PST_HOLIDAY_NATIONAL, "Isra Mikraj Nabi Muhammad S.A.W." },
    { "2025-01-28", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2025-01-29", PST_HOLIDAY_NATIONAL, "Tahun Baru Imlek 2576 Kongzili" },
    { "2025-03-28", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2025-03-29", PST_HOLIDAY_NATIONAL, "Hari Suci Nyepi (Tahun Baru Saka 1947)" },
    { "2025-03-31", PST_HOLIDAY_NATIONAL, "Idulfitri 1446 Hijriah" },
    { "2025-04-01", PST_HOLIDAY_NATIONAL, "Idulfitri 1446 Hijriah" },
    { "2025-04-02", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2025-04-03", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2025-04-04", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2025-04-07", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2025-04-18", PST_HOLIDAY_NATIONAL, "Wafat Yesus Kristus" },
    { "2025-04-20", PST_HOLIDAY_NATIONAL, "Kebangkitan Yesus Kristus (Paskah)" },
    { "2025-05-01", PST_HOLIDAY_NATIONAL, "Hari Buruh Internasional" },
    { "2025-05-12", PST_HOLIDAY_NATIONAL, "Hari Raya Waisak 2569 BE" },
    { "2025-05-13", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2025-05-29", PST_HOLIDAY_NATIONAL, "Kenaikan Yesus Kristus" },
    { "2025-05-30", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2025-06-01", PST_HOLIDAY_NATIONAL, "Hari Lahir Pancasila" },
    { "2025-06-06", PST_HOLIDAY_NATIONAL, "Iduladha 1446 Hijriah" },
    { "2025-06-09", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2025-06-27", PST_HOLIDAY_NATIONAL, "1 Muharam Tahun Baru Islam 1447 Hijriah" },
    { "2025-08-17", PST_HOLIDAY_NATIONAL, "Proklamasi Kemerdekaan" },
    { "2025-08-18", PST_HOLIDAY_CUTI_BERSAMA, "Cuti Bersama Proklamasi Kemerdekaan" },
    { "2025-09-05", PST_HOLIDAY_NATIONAL, "Maulid Nabi Muhammad S.A.W." },
    { "2025-12-25", PST_HOLIDAY_NATIONAL, "Kelahiran Yesus Kristus" },
    { "2025-12-26", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    /* 2026: SKB 1497/2/5 of 2025. */
    { "2026-01-01", PST_HOLIDAY_NATIONAL, "Tahun Baru 2026 Masehi" },
    { "2026-01-16", PST_HOLIDAY_NATIONAL, "Isra Mikraj Nabi Muhammad S.A.W." },
    { "2026-02-16", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2026-02-17", PST_HOLIDAY_NATIONAL, "Tahun Baru Imlek 2577 Kongzili" },
    { "2026-03-18", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2026-03-19", PST_HOLIDAY_NATIONAL, "Hari Suci Nyepi (Tahun Baru Saka 1948)" },
    { "2026-03-20", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2026-03-21", PST_HOLIDAY_NATIONAL, "Idulfitri 1447 Hijriah" },
    { "2026-03-22", PST_HOLIDAY_NATIONAL, "Idulfitri 1447 Hijriah" },
    { "2026-03-23", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2026-03-24", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2026-04-03", PST_HOLIDAY_NATIONAL, "Wafat Yesus Kristus" },
    { "2026-04-05", PST_HOLIDAY_NATIONAL, "Kebangkitan Yesus Kristus (Paskah)" },
    { "2026-05-01", PST_HOLIDAY_NATIONAL, "Hari Buruh Internasional" },
    { "2026-05-14", PST_HOLIDAY_NATIONAL, "Kenaikan Yesus Kristus" },
    { "2026-05-15", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2026-05-27", PST_HOLIDAY_NATIONAL, "Iduladha 1447 Hijriah" },
    { "2026-05-28", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2026-05-31", PST_HOLIDAY_NATIONAL, "Hari Raya Waisak 2570 BE" },
    { "2026-06-01", PST_HOLIDAY_NATIONAL, "Hari Lahir Pancasila" },
    { "2026-06-16", PST_HOLIDAY_NATIONAL, "1 Muharam Tahun Baru Islam 1448 Hijriah" },
    { "2026-08-17", PST_HOLIDAY_NATIONAL, "Proklamasi Kemerdekaan" },
    { "2026-08-25", PST_HOLIDAY_NATIONAL, "Maulid Nabi Muhammad S.A.W." },
    { "2026-12-24", PST_HOLIDAY_CUTI_BERSAMA, NULL },
    { "2026-12-25", PST_HOLIDAY_NATIONAL, "Kelahiran Yesus Kristus" },
  };
  /* Days that look like holidays but are not in the decrees. */
  const char *not_holidays[] = {
    "2025-01-02", "2025-03-30", "2025-04-08", "2025-05-02", "2025-06-02",
    "2025-08-19", "2025-12-24", "2025-12-31", "2026-01-02", "2026-02-18",
    "2026-03-25", "2026-04-06", "2026-05-29", "2026-06-02", "2026-08-18",
    "2026-12-26", "2026-12-31",
  };
  g_autoptr(GPtrArray) holidays = load_data_file ();
  const PstHoliday *holiday;

  /* The table above is the whole list. */
  g_assert_cmpuint (G_N_ELEMENTS (expected), ==, holidays->len);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      holiday = find_or_fail (holidays, expected[i].date);
      g_assert_cmpint (holiday->kind, ==, expected[i].kind);
      if (expected[i].name != NULL)
        g_assert_cmpstr (holiday->name, ==, expected[i].name);
      if (expected[i].kind == PST_HOLIDAY_CUTI_BERSAMA)
        g_assert_true (g_str_has_prefix (holiday->name, "Cuti Bersama "));
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_holidays); i++)
    {
      if (find (holidays, not_holidays[i]) != NULL)
        g_error ("%s is not a holiday", not_holidays[i]);
    }

  /* Weekends are listed when the decree lists them. */
  holiday = find_or_fail (holidays, "2025-03-29");
  g_assert_cmpint (g_date_get_weekday (&holiday->date), ==, G_DATE_SATURDAY);
  holiday = find_or_fail (holidays, "2026-03-22");
  g_assert_cmpint (g_date_get_weekday (&holiday->date), ==, G_DATE_SUNDAY);
  holiday = find_or_fail (holidays, "2025-12-25");
  g_assert_cmpstr (holiday->name_en, ==, "Christmas Day");
}

static void
test_filter_year (void)
{
  g_autoptr(GPtrArray) holidays = load_data_file ();
  g_autoptr(GPtrArray) y2025 = pst_holidays_filter_year (holidays, 2025);
  g_autoptr(GPtrArray) y2026 = pst_holidays_filter_year (holidays, 2026);
  g_autoptr(GPtrArray) y2027 = pst_holidays_filter_year (holidays, 2027);

  g_assert_cmpuint (y2025->len, ==, 28);
  g_assert_cmpuint (y2026->len, ==, 25);
  g_assert_cmpuint (y2027->len, ==, 0);

  /* Copies, not the same entries. */
  g_assert_true (g_ptr_array_index (y2025, 0) != g_ptr_array_index (holidays, 0));
  g_assert_cmpstr (((PstHoliday *) g_ptr_array_index (y2026, 0))->name, ==,
                   "Tahun Baru 2026 Masehi");
}

/* What PUT /holidays/{year} sends: one year's days. */
static void
test_parse_one_year (void)
{
  const char *json =
    "{\"holidays\": ["
    "  {\"date\": \"2027-03-10\", \"name\": \"Idulfitri 1448 Hijriah\", \"kind\": \"national\","
    "   \"note\": \"ignored\"},"
    "  {\"date\": \"2027-01-01\", \"name\": \"Tahun Baru 2027 Masehi\", \"kind\": \"national\","
    "   \"name_en\": \"New Year's Day\"},"
    "  {\"date\": \"2027-03-09\", \"name\": \"Cuti Bersama Idulfitri\", \"kind\": \"cuti_bersama\","
    "   \"name_en\": null}"
    "]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) holidays = pst_holidays_parse (json, -1, &error);
  const PstHoliday *holiday;

  g_assert_no_error (error);
  g_assert_cmpuint (holidays->len, ==, 3);

  /* Sorted by date. */
  holiday = g_ptr_array_index (holidays, 0);
  g_assert_cmpint (g_date_get_year (&holiday->date), ==, 2027);
  g_assert_cmpint (g_date_get_month (&holiday->date), ==, 1);
  g_assert_cmpint (g_date_get_day (&holiday->date), ==, 1);
  g_assert_cmpstr (holiday->name_en, ==, "New Year's Day");
  g_assert_cmpint (holiday->kind, ==, PST_HOLIDAY_NATIONAL);

  holiday = g_ptr_array_index (holidays, 1);
  g_assert_cmpstr (holiday->name, ==, "Cuti Bersama Idulfitri");
  g_assert_null (holiday->name_en);
  g_assert_cmpint (holiday->kind, ==, PST_HOLIDAY_CUTI_BERSAMA);

  holiday = g_ptr_array_index (holidays, 2);
  g_assert_cmpstr (holiday->name, ==, "Idulfitri 1448 Hijriah");
  g_assert_null (holiday->name_en);

  g_clear_pointer (&holidays, g_ptr_array_unref);

  /* An empty list is a list; a length stops before the trailing junk. */
  holidays = pst_holidays_parse ("{\"holidays\": []}junk", 16, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (holidays->len, ==, 0);
}

/* Each bad document, and the words its error must contain. */
static void
test_parse_malformed (void)
{
  const struct {
    const char *json;
    const char *message;
  } cases[] = {
    { "", "" },
    { "not json", "not valid JSON" },
    { "{\"holidays\": [] } x", "not valid JSON" },
    { "{\"holidays\": [", "not valid JSON" },
    { "[]", "must be a JSON object" },
    { "42", "must be a JSON object" },
    { "{}", "“holidays” or “years”" },
    { "{\"holidays\": {}}", "“holidays” or “years”" },
    { "{\"holidays\": [42]}", "Holiday 1 must be an object" },
    { "{\"holidays\": [{\"name\": \"x\", \"kind\": \"national\"}]}", "Holiday 1 has no date" },
    { "{\"holidays\": [{\"date\": 20250331, \"name\": \"x\", \"kind\": \"national\"}]}",
      "Holiday 1 has no date" },
    { "{\"holidays\": [{\"date\": \"2025-02-30\", \"name\": \"x\", \"kind\": \"national\"}]}",
      "Holiday 1: “2025-02-30” is not a valid date" },
    { "{\"holidays\": [{\"date\": \"2025-2-3\", \"name\": \"x\", \"kind\": \"national\"}]}",
      "“2025-2-3” is not a valid date" },
    { "{\"holidays\": [{\"date\": \"31-03-2025\", \"name\": \"x\", \"kind\": \"national\"}]}",
      "“31-03-2025” is not a valid date" },
    { "{\"holidays\": [{\"date\": \"2025-03-31T00:00:00Z\", \"name\": \"x\", "
      "\"kind\": \"national\"}]}",
      "is not a valid date" },
    { "{\"holidays\": [{\"date\": \"2025-13-01\", \"name\": \"x\", \"kind\": \"national\"}]}",
      "“2025-13-01” is not a valid date" },
    { "{\"holidays\": [{\"date\": \"0000-01-01\", \"name\": \"x\", \"kind\": \"national\"}]}",
      "is not a valid date" },
    { "{\"holidays\": [{\"date\": \"2025-03-31\", \"kind\": \"national\"}]}",
      "Holiday 1 (2025-03-31) has no name" },
    { "{\"holidays\": [{\"date\": \"2025-03-31\", \"name\": \"  \", \"kind\": \"national\"}]}",
      "Holiday 1 (2025-03-31) has no name" },
    { "{\"holidays\": [{\"date\": \"2025-03-31\", \"name\": \"x\"}]}",
      "Holiday 1 (2025-03-31) has no kind" },
    { "{\"holidays\": [{\"date\": \"2025-03-31\", \"name\": \"x\", \"kind\": \"libur\"}]}",
      "Holiday 1 (2025-03-31) has the unknown kind “libur”" },
    { "{\"holidays\": [{\"date\": \"2025-03-31\", \"name\": \"x\", \"kind\": \"local\"}]}",
      "unknown kind “local”" },
    { "{\"holidays\": [{\"date\": \"2025-03-31\", \"name\": \"x\", \"kind\": \"National\"}]}",
      "unknown kind “National”" },
    { "{\"holidays\": [{\"date\": \"2025-03-31\", \"name\": \"x\", \"kind\": \"national\", "
      "\"name_en\": 5}]}",
      "“name_en” must be a text" },
    { "{\"holidays\": [{\"date\": \"2025-03-31\", \"name\": \"x\", \"kind\": \"national\"}, "
      "{\"date\": \"2025-04-31\", \"name\": \"y\", \"kind\": \"national\"}]}",
      "Holiday 2: “2025-04-31” is not a valid date" },
    { "{\"years\": [42]}", "Year entry 1 must be an object" },
    { "{\"years\": [{\"year\": \"2025\", \"holidays\": []}]}",
      "Year entry 1: “year” must be a whole number" },
    { "{\"years\": [{\"year\": 2025.5, \"holidays\": []}]}",
      "Year entry 1: “year” must be a whole number" },
    { "{\"years\": [{\"year\": 2025}]}", "Year entry 1 must be an object" },
    { "{\"years\": [{\"year\": 2025, \"holidays\": []}, {\"year\": 2025, \"holidays\": []}]}",
      "Year 2025 is listed twice" },
    { "{\"years\": [{\"year\": 2025, \"holidays\": [{\"date\": \"2026-01-01\", \"name\": \"x\", "
      "\"kind\": \"national\"}]}]}",
      "Year 2025: Holiday 1 (2026-01-01) is not in 2025" },
    { "{\"years\": [{\"year\": 2026, \"holidays\": [{\"date\": \"2026-01-01\", \"name\": \"x\", "
      "\"kind\": \"national\"}, {\"date\": \"2026-01-02\", \"name\": \"y\"}]}]}",
      "Year 2026: Holiday 2 (2026-01-02) has no kind" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) holidays = pst_holidays_parse (cases[i].json, -1, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_null (holidays);
      g_assert_error (error, PST_ERROR, PST_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("“%s” gave “%s”, expected “%s”", cases[i].json, error->message,
                 cases[i].message);
    }
}

static void
test_load_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) holidays = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  holidays = pst_holidays_load_file ("/nonexistent/holidays.json", &error);
  g_assert_null (holidays);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  dir = g_dir_make_tmp ("pst-holidays-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bad.json", NULL);
  g_file_set_contents (path, "{\"holidays\": [{\"date\": \"2025-02-29\"}]}", -1, &error);
  g_assert_no_error (error);

  holidays = pst_holidays_load_file (path, &error);
  g_assert_null (holidays);
  g_assert_error (error, PST_ERROR, PST_ERROR_INVALID);
  /* The message says which file and which entry. */
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "“2025-02-29”"));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* An officer reads the error in Indonesian. */
static void
test_localized_error (void)
{
  PstTestLocale saved;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) holidays = NULL;
  const char *json =
    "{\"years\": [{\"year\": 2026, \"holidays\": [{\"date\": \"2026-03-21\", "
    "\"name\": \"Idulfitri\", \"kind\": \"libur\"}]}]}";

  if (!pst_test_locale_enter (&saved, "id_ID.UTF-8"))
    return;

  holidays = pst_holidays_parse (json, -1, &error);
  pst_test_locale_leave (&saved);
  g_assert_null (holidays);
  g_assert_error (error, PST_ERROR, PST_ERROR_INVALID);

  g_assert_cmpstr (error->message, ==,
                   "Tahun 2026: Hari libur 1 (2026-03-21) berjenis “libur” yang tidak dikenal; "
                   "gunakan “national” atau “cuti_bersama”");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/holidays/find-data-file", test_find_data_file);
  g_test_add_func ("/holidays/data-file/counts", test_data_file_counts);
  g_test_add_func ("/holidays/data-file/dates", test_data_file_dates);
  g_test_add_func ("/holidays/filter-year", test_filter_year);
  g_test_add_func ("/holidays/parse/one-year", test_parse_one_year);
  g_test_add_func ("/holidays/parse/malformed", test_parse_malformed);
  g_test_add_func ("/holidays/load-file-errors", test_load_file_errors);
  g_test_add_func ("/holidays/localized-error", test_localized_error);

  return g_test_run ();
}
