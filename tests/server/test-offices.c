/* test-offices.c: offices, their standard and the working calendar over
 * HTTP: the list, one office as seeded, the due dates of DOMAIN.md, and
 * the admin's changes to offices and holidays.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-test-server.h"

#define DEMO_PASSWORD "pst-demo"

/* Helpers. */

static JsonObject *
member_object (JsonObject *obj,
               const char *member)
{
  g_assert_true (json_object_has_member (obj, member));
  return json_object_get_object_member (obj, member);
}

static JsonArray *
member_array (JsonObject *obj,
              const char *member)
{
  g_assert_true (json_object_has_member (obj, member));
  return json_object_get_array_member (obj, member);
}

static const char *
error_field (PstTestResponse *response)
{
  JsonObject *error = member_object (pst_test_response_object (response), "error");

  return json_object_get_string_member_with_default (error, "field", NULL);
}

static const char *
error_message (PstTestResponse *response)
{
  JsonObject *error = member_object (pst_test_response_object (response), "error");

  return json_object_get_string_member (error, "message");
}

/* GET /offices/CODE/due with `from` (escaped here) and the rest of the
 * query as given.
 */
static PstTestResponse *
request_due (PstTestServer *server,
             const char    *code,
             const char    *from,
             const char    *rest)
{
  g_autofree char *escaped = g_uri_escape_string (from, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/offices/%s/due?from=%s&%s", code, escaped,
                                           rest);

  return pst_test_request (server, "GET", path, NULL, NULL);
}

/* Asserts the due instant of a query, in UTC and in the office's offset. */
static void
assert_due (PstTestServer *server,
            const char    *code,
            const char    *from,
            const char    *rest,
            const char    *expected_utc,
            const char    *expected_local)
{
  g_autoptr(PstTestResponse) response = request_due (server, code, from, rest);

  pst_test_assert_status (response, 200);
  g_assert_cmpstr (pst_test_response_string (response, "due"), ==, expected_utc);
  g_assert_cmpstr (pst_test_response_string (response, "due_local"), ==, expected_local);
}

static void
assert_due_invalid (PstTestServer *server,
                    const char    *from,
                    const char    *rest,
                    const char    *expected_field)
{
  g_autoptr(PstTestResponse) response = request_due (server, "7604", from, rest);

  pst_test_assert_error (response, 422, "invalid_field");
  g_assert_cmpstr (error_field (response), ==, expected_field);
}

static gboolean
holidays_have (JsonArray  *holidays,
               const char *date,
               const char *kind)
{
  for (guint i = 0; i < json_array_get_length (holidays); i++)
    {
      JsonObject *holiday = json_array_get_object_element (holidays, i);

      if (g_strcmp0 (json_object_get_string_member (holiday, "date"), date) == 0 &&
          g_strcmp0 (json_object_get_string_member (holiday, "kind"), kind) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The office as GET answers it, as text, to compare before and after. */
static char *
office_text (PstTestServer *server,
             const char    *code)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/offices/%s?year=2026", code);
  g_autoptr(PstTestResponse) response = pst_test_request (server, "GET", path, NULL, NULL);

  pst_test_assert_status (response, 200);
  return g_strdup (response->text);
}

/* Tests. */

static void
test_list (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(PstTestResponse) all = pst_test_request (server, "GET", "/api/v1/offices", NULL, NULL);
  g_autoptr(PstTestResponse) first = NULL;
  g_autoptr(PstTestResponse) rest = NULL;
  g_autoptr(PstTestResponse) bad_limit = NULL;
  g_autofree char *rest_path = NULL;
  static const char *const expected[][3] = {
    { "1905", "BPS Kabupaten Bangka Selatan", "Asia/Jakarta" },
    { "6500", "BPS Provinsi Kalimantan Utara", "Asia/Makassar" },
    { "7325", "BPS Kabupaten Luwu Timur", "Asia/Makassar" },
    { "7604", "BPS Kabupaten Mamuju", "Asia/Makassar" },
    { "8205", "BPS Kabupaten Halmahera Utara", "Asia/Jayapura" },
  };
  JsonArray *items;

  pst_test_assert_status (all, 200);
  items = member_array (pst_test_response_object (all), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, G_N_ELEMENTS (expected));
  g_assert_true (json_object_get_null_member (pst_test_response_object (all), "next_cursor"));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *office = json_array_get_object_element (items, i);

      g_assert_cmpuint (json_object_get_size (office), ==, 3);
      g_assert_cmpstr (json_object_get_string_member (office, "code"), ==, expected[i][0]);
      g_assert_cmpstr (json_object_get_string_member (office, "name"), ==, expected[i][1]);
      g_assert_cmpstr (json_object_get_string_member (office, "timezone"), ==, expected[i][2]);
    }

  /* Pages: three, then the two after the cursor. */
  first = pst_test_request (server, "GET", "/api/v1/offices?limit=3", NULL, NULL);
  pst_test_assert_status (first, 200);
  g_assert_cmpuint (json_array_get_length (member_array (pst_test_response_object (first),
                                                         "items")), ==, 3);
  g_assert_nonnull (pst_test_response_string (first, "next_cursor"));
  rest_path = g_strdup_printf ("/api/v1/offices?limit=3&cursor=%s",
                               pst_test_response_string (first, "next_cursor"));
  rest = pst_test_request (server, "GET", rest_path, NULL, NULL);
  pst_test_assert_status (rest, 200);
  items = member_array (pst_test_response_object (rest), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "code"),
                   ==, "7604");
  g_assert_true (json_object_get_null_member (pst_test_response_object (rest), "next_cursor"));

  bad_limit = pst_test_request (server, "GET", "/api/v1/offices?limit=0", NULL, NULL);
  pst_test_assert_error (bad_limit, 422, "invalid_field");
  g_assert_cmpstr (error_field (bad_limit), ==, "limit");
}

static void
test_get_mamuju (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(PstTestResponse) response = NULL;
  static const char *const complaint_channels[][2] = {
    { "suggestion_box", "Kotak saran dan pengaduan pada unit PST BPS Kabupaten Mamuju" },
    { "website", "Saran Pengaduan Online dan Rating Petugas Layanan (SPATULA):"
                 " http://s.bps.go.id/saran-pengaduan-sulbar" },
    { "email", "bps7604@bps.go.id" },
    { "sms", "0812-1000-7604" },
    { "whatsapp", "0812-1000-7604" },
    { "lapor", "https://www.lapor.go.id" },
    { "lapor", "Twitter: @lapor1708" },
    { "lapor", "Instagram: @lapor1708" },
    { "lapor", "Facebook: lapor1708" },
  };
  JsonObject *office;
  JsonObject *standard;
  JsonObject *idle_close;
  JsonArray *hours;
  JsonArray *holidays;
  JsonArray *channels;
  JsonArray *complaints;

  response = pst_test_request (server, "GET", "/api/v1/offices/7604?year=2026", NULL, NULL);
  pst_test_assert_status (response, 200);
  office = pst_test_response_object (response);

  g_assert_cmpstr (json_object_get_string_member (office, "code"), ==, "7604");
  g_assert_cmpstr (json_object_get_string_member (office, "name"), ==, "BPS Kabupaten Mamuju");
  g_assert_cmpstr (json_object_get_string_member (office, "timezone"), ==, "Asia/Makassar");
  g_assert_cmpstr (json_object_get_string_member (office, "sk_number"), ==, "341/KPG TAHUN 2022");
  g_assert_cmpstr (json_object_get_string_member (office, "address"), ==,
                   "Jl. Trans Sulawesi Lingkungan Timbu Kelurahan Mamunyu Kecamatan Mamuju"
                   " Sulawesi Barat 91511");
  g_assert_cmpstr (json_object_get_string_member (office, "phone"), ==, "081210007604");
  g_assert_cmpstr (json_object_get_string_member (office, "website"), ==,
                   "https://mamujukab.bps.go.id");
  g_assert_cmpstr (json_object_get_string_member (office, "guest_book_stage"), ==, "at_desk");
  g_assert_false (json_object_get_boolean_member (office, "zoom_follow_up"));
  g_assert_cmpint (json_object_get_int_member (office, "retention_days"), ==, 730);

  standard = member_object (office, "standard");
  g_assert_cmpint (json_object_get_int_member (standard, "walkin_wait_min"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (standard, "session_max_min"), ==, 60);
  g_assert_cmpint (json_object_get_int_member (standard, "web_response_working_days"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (standard, "whatsapp_first_response_working_days"),
                   ==, 1);
  g_assert_cmpint (json_object_get_int_member (standard, "email_response_working_days"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (standard, "complaint_response_working_days"), ==, 5);
  idle_close = member_object (standard, "idle_close");
  g_assert_cmpint (json_object_get_int_member (idle_close, "amount"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (idle_close, "unit"), ==, "days");

  hours = member_array (office, "service_hours");
  g_assert_cmpuint (json_array_get_length (hours), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *day = json_array_get_object_element (hours, i);

      g_assert_cmpint (json_object_get_int_member (day, "weekday"), ==, i + 1);
      g_assert_cmpstr (json_object_get_string_member (day, "open"), ==, "08:00");
      g_assert_cmpstr (json_object_get_string_member (day, "close"), ==, i == 4 ? "16:00" : "15:30");
    }

  holidays = member_array (office, "holidays");
  g_assert_true (holidays_have (holidays, "2026-03-20", "cuti_bersama"));
  g_assert_true (holidays_have (holidays, "2026-03-21", "national"));
  g_assert_true (holidays_have (holidays, "2026-08-17", "national"));
  g_assert_true (holidays_have (holidays, "2026-12-24", "cuti_bersama"));
  for (guint i = 0; i < json_array_get_length (holidays); i++)
    g_assert_true (g_str_has_prefix (json_object_get_string_member (
                     json_array_get_object_element (holidays, i), "date"), "2026-"));

  channels = member_array (office, "channels");
  g_assert_cmpuint (json_array_get_length (channels), ==, 4);

  complaints = member_array (office, "complaint_channels");
  g_assert_cmpuint (json_array_get_length (complaints), ==, G_N_ELEMENTS (complaint_channels));
  for (guint i = 0; i < G_N_ELEMENTS (complaint_channels); i++)
    {
      JsonObject *entry = json_array_get_object_element (complaints, i);

      g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==, complaint_channels[i][0]);
      g_assert_cmpstr (json_object_get_string_member (entry, "value"), ==, complaint_channels[i][1]);
    }
}

/* Without ?year= the holidays are this year's and next year's in the
 * office's zone; the other offices carry their own standards.
 */
static void
test_get_others (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(PstTestResponse) luwu = NULL;
  g_autoptr(PstTestResponse) bangka = NULL;
  g_autoptr(PstTestResponse) year_2025 = NULL;
  g_autoptr(PstTestResponse) bad_year = NULL;
  g_autoptr(GTimeZone) wita = g_time_zone_new_identifier ("Asia/Makassar");
  g_autoptr(GDateTime) now = g_date_time_new_now (wita);
  g_autofree char *this_year = g_strdup_printf ("%d-", g_date_time_get_year (now));
  g_autofree char *next_year = g_strdup_printf ("%d-", g_date_time_get_year (now) + 1);
  JsonObject *standard;
  JsonArray *holidays;

  luwu = pst_test_request (server, "GET", "/api/v1/offices/7325", NULL, NULL);
  pst_test_assert_status (luwu, 200);
  standard = member_object (pst_test_response_object (luwu), "standard");
  g_assert_cmpint (json_object_get_int_member (member_object (standard, "idle_close"), "amount"),
                   ==, 3);
  g_assert_cmpstr (json_object_get_string_member (member_object (standard, "idle_close"), "unit"),
                   ==, "working_days");
  g_assert_true (json_object_get_null_member (standard, "session_max_min"));
  g_assert_true (json_object_get_null_member (standard, "whatsapp_first_response_working_days"));
  g_assert_cmpstr (pst_test_response_string (luwu, "guest_book_stage"), ==, "before_queue");
  g_assert_cmpuint (json_array_get_length (member_array (pst_test_response_object (luwu),
                                                         "channels")), ==, 2);

  holidays = member_array (pst_test_response_object (luwu), "holidays");
  for (guint i = 0; i < json_array_get_length (holidays); i++)
    {
      const char *date = json_object_get_string_member (json_array_get_object_element (holidays, i),
                                                        "date");

      g_assert_true (g_str_has_prefix (date, this_year) || g_str_has_prefix (date, next_year));
    }

  bangka = pst_test_request (server, "GET", "/api/v1/offices/1905", NULL, NULL);
  pst_test_assert_status (bangka, 200);
  g_assert_cmpstr (pst_test_response_string (bangka, "timezone"), ==, "Asia/Jakarta");
  g_assert_cmpstr (pst_test_response_string (bangka, "sk_number"), ==, "23 Tahun 2024");
  g_assert_cmpstr (pst_test_response_string (bangka, "guest_book_stage"), ==, "before_queue");
  standard = member_object (pst_test_response_object (bangka), "standard");
  g_assert_cmpint (json_object_get_int_member (standard, "walkin_wait_min"), ==, 5);

  year_2025 = pst_test_request (server, "GET", "/api/v1/offices/1905?year=2025", NULL, NULL);
  pst_test_assert_status (year_2025, 200);
  holidays = member_array (pst_test_response_object (year_2025), "holidays");
  g_assert_cmpuint (json_array_get_length (holidays), >, 20);
  g_assert_true (holidays_have (holidays, "2025-08-18", "cuti_bersama"));
  for (guint i = 0; i < json_array_get_length (holidays); i++)
    g_assert_true (g_str_has_prefix (json_object_get_string_member (
                     json_array_get_object_element (holidays, i), "date"), "2025-"));

  bad_year = pst_test_request (server, "GET", "/api/v1/offices/1905?year=next", NULL, NULL);
  pst_test_assert_error (bad_year, 422, "invalid_field");
  g_assert_cmpstr (error_field (bad_year), ==, "year");
}

static void
test_unknown_office (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *token = pst_test_login (server, "admin", DEMO_PASSWORD);
  g_autoptr(PstTestResponse) get = NULL;
  g_autoptr(PstTestResponse) due = NULL;
  g_autoptr(PstTestResponse) put = NULL;
  g_autoptr(PstTestResponse) holidays = NULL;

  get = pst_test_request (server, "GET", "/api/v1/offices/9999", NULL, NULL);
  pst_test_assert_error (get, 404, "not_found");

  due = request_due (server, "9999", "2026-06-08T10:00:00+08:00", "working_days=3");
  pst_test_assert_error (due, 404, "not_found");

  put = pst_test_request (server, "PUT", "/api/v1/offices/9999", token, "{\"name\":\"BPS X\"}");
  pst_test_assert_error (put, 404, "not_found");

  holidays = pst_test_request (server, "PUT", "/api/v1/offices/9999/holidays", token,
                               "{\"holidays\":[]}");
  pst_test_assert_error (holidays, 404, "not_found");
}

static void
test_due_working_days (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);

  /* DOMAIN.md: received Monday 10:00 with N = 3 → Thursday 15:30. */
  assert_due (server, "7604", "2026-06-08T10:00:00+08:00", "working_days=3",
              "2026-06-11T07:30:00Z", "2026-06-11T15:30:00+08:00");
  /* Friday 17:00, after closing: the effective day is Monday. */
  assert_due (server, "7604", "2026-06-05T17:00:00+08:00", "working_days=3",
              "2026-06-11T07:30:00Z", "2026-06-11T15:30:00+08:00");
  /* The same instant in UTC. */
  assert_due (server, "7604", "2026-06-05T09:00:00Z", "working_days=3",
              "2026-06-11T07:30:00Z", "2026-06-11T15:30:00+08:00");
  /* Monday 1 June is Pancasila Day: Tuesday is the effective day. */
  assert_due (server, "7604", "2026-06-01T10:00:00+08:00", "working_days=3",
              "2026-06-05T08:00:00Z", "2026-06-05T16:00:00+08:00");
  /* Idul Fitri 2026: 18–24 March closed (Nyepi, cuti bersama, Idulfitri). */
  assert_due (server, "7604", "2026-03-17T10:00:00+08:00", "working_days=3",
              "2026-03-27T08:00:00Z", "2026-03-27T16:00:00+08:00");
  assert_due (server, "7604", "2026-03-16T10:00:00+08:00", "working_days=3",
              "2026-03-26T07:30:00Z", "2026-03-26T15:30:00+08:00");
  /* N = 0: the closing time of the effective day. */
  assert_due (server, "7604", "2026-06-08T10:00:00+08:00", "working_days=0",
              "2026-06-08T07:30:00Z", "2026-06-08T15:30:00+08:00");
  /* Friday 15:30 WIB in Bangka Selatan is still open (16:00); in Mamuju
   * it is 16:30 WITA, closed: the same instant is due on different days.
   */
  assert_due (server, "1905", "2026-06-05T08:30:00Z", "working_days=1",
              "2026-06-08T08:30:00Z", "2026-06-08T15:30:00+07:00");
  assert_due (server, "7604", "2026-06-05T08:30:00Z", "working_days=1",
              "2026-06-09T07:30:00Z", "2026-06-09T15:30:00+08:00");
  /* Halmahera Utara answers in WIT. */
  assert_due (server, "8205", "2026-06-08T10:00:00+09:00", "working_days=3",
              "2026-06-11T06:30:00Z", "2026-06-11T15:30:00+09:00");
}

static void
test_due_elapsed (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(PstTestResponse) unescaped = NULL;

  assert_due (server, "1905", "2026-06-05T15:55:00+07:00", "minutes=10",
              "2026-06-05T09:05:00Z", "2026-06-05T16:05:00+07:00");
  assert_due (server, "7604", "2026-06-05T15:55:00+08:00", "minutes=60",
              "2026-06-05T08:55:00Z", "2026-06-05T16:55:00+08:00");
  /* Calendar days run over weekends and holidays. */
  assert_due (server, "7604", "2026-03-17T10:00:00+08:00", "days=7",
              "2026-03-24T02:00:00Z", "2026-03-24T10:00:00+08:00");
  assert_due (server, "8205", "2026-06-05T10:00:00Z", "days=0",
              "2026-06-05T10:00:00Z", "2026-06-05T19:00:00+09:00");

  /* A `+` that was not percent-encoded arrives as a space. */
  unescaped = pst_test_request (server, "GET",
                                "/api/v1/offices/7604/due?from=2026-06-05T15:55:00+08:00&minutes=5",
                                NULL, NULL);
  pst_test_assert_status (unescaped, 200);
  g_assert_cmpstr (pst_test_response_string (unescaped, "due"), ==, "2026-06-05T08:00:00Z");
}

static void
test_due_invalid (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(PstTestResponse) no_from = NULL;

  no_from = pst_test_request (server, "GET", "/api/v1/offices/7604/due?working_days=3", NULL, NULL);
  pst_test_assert_error (no_from, 422, "invalid_field");
  g_assert_cmpstr (error_field (no_from), ==, "from");

  assert_due_invalid (server, "yesterday", "working_days=3", "from");
  assert_due_invalid (server, "2026-06-08", "working_days=3", "from");
  assert_due_invalid (server, "2026-06-08T10:00:00", "working_days=3", "from");
  assert_due_invalid (server, "1900-06-08T10:00:00Z", "working_days=3", "from");
  assert_due_invalid (server, "2026-06-08T10:00:00Z", "", "working_days");
  assert_due_invalid (server, "2026-06-08T10:00:00Z", "working_days=3&minutes=10", "minutes");
  assert_due_invalid (server, "2026-06-08T10:00:00Z", "minutes=10&days=1", "days");
  assert_due_invalid (server, "2026-06-08T10:00:00Z", "working_days=three", "working_days");
  assert_due_invalid (server, "2026-06-08T10:00:00Z", "working_days=1.5", "working_days");
  assert_due_invalid (server, "2026-06-08T10:00:00Z", "working_days=-1", "working_days");
  assert_due_invalid (server, "2026-06-08T10:00:00Z", "working_days=366", "working_days");
  assert_due_invalid (server, "2026-06-08T10:00:00Z", "minutes=99999999999999999999", "minutes");
  assert_due_invalid (server, "2026-06-08T10:00:00Z", "minutes=525601", "minutes");
  assert_due_invalid (server, "2026-06-08T10:00:00Z", "days=3651", "days");
}

static void
test_create_and_update (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *token = pst_test_login (server, "admin", DEMO_PASSWORD);
  g_autoptr(PstTestResponse) created = NULL;
  g_autoptr(PstTestResponse) again = NULL;
  g_autoptr(PstTestResponse) fetched = NULL;
  g_autoptr(PstTestResponse) updated = NULL;
  g_autoptr(PstTestResponse) listed = NULL;
  g_autoptr(PstTestResponse) due = NULL;
  JsonObject *office;
  JsonObject *standard;
  JsonArray *hours;

  created = pst_test_request (server, "POST", "/api/v1/offices", token,
                              "{\"code\":\"7300\",\"name\":\"BPS Provinsi Sulawesi Selatan\","
                              "\"timezone\":\"Asia/Makassar\",\"sk_number\":\"12/KPG/2025\","
                              "\"address\":\"Jl. Haji Bau No. 6, Makassar\","
                              "\"phone\":\"0411854838\",\"website\":\"https://sulsel.bps.go.id\","
                              "\"guest_book_stage\":\"at_desk\",\"channels\":[\"walk_in\",\"email\"],"
                              "\"zoom_follow_up\":true,"
                              "\"service_hours\":[{\"weekday\":1,\"open\":\"07:30\",\"close\":\"16:00\"},"
                              "{\"weekday\":2,\"open\":\"07:30\",\"close\":\"16:00\"}],"
                              "\"standard\":{\"walkin_wait_min\":15,\"email_response_working_days\":2},"
                              "\"complaint_channels\":[{\"kind\":\"email\",\"value\":\"bps7300@bps.go.id\"}],"
                              "\"unknown\":\"ignored\"}");
  pst_test_assert_status (created, 201);
  g_assert_cmpstr (soup_message_headers_get_one (created->headers, "Location"), ==,
                   "/api/v1/offices/7300");
  office = pst_test_response_object (created);
  g_assert_cmpstr (json_object_get_string_member (office, "website"), ==, "https://sulsel.bps.go.id");
  g_assert_true (json_object_get_boolean_member (office, "zoom_follow_up"));
  g_assert_cmpuint (json_array_get_length (member_array (office, "channels")), ==, 2);
  standard = member_object (office, "standard");
  g_assert_cmpint (json_object_get_int_member (standard, "walkin_wait_min"), ==, 15);
  g_assert_cmpint (json_object_get_int_member (standard, "email_response_working_days"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (standard, "web_response_working_days"), ==, 3);

  /* Its calendar is in use at once: open Monday and Tuesday only. */
  due = request_due (server, "7300", "2026-06-09T10:00:00+08:00", "working_days=1");
  pst_test_assert_status (due, 200);
  g_assert_cmpstr (pst_test_response_string (due, "due_local"), ==, "2026-06-15T16:00:00+08:00");

  again = pst_test_request (server, "POST", "/api/v1/offices", token,
                            "{\"code\":\"7300\",\"name\":\"Again\",\"timezone\":\"Asia/Makassar\"}");
  pst_test_assert_error (again, 409, "conflict");

  listed = pst_test_request (server, "GET", "/api/v1/offices", NULL, NULL);
  g_assert_cmpuint (json_array_get_length (member_array (pst_test_response_object (listed),
                                                         "items")), ==, 6);

  /* A PUT changes what it names and keeps the rest. */
  updated = pst_test_request (server, "PUT", "/api/v1/offices/7604", token,
                              "{\"code\":\"7604\",\"phone\":\"0426-21385\","
                              "\"standard\":{\"walkin_wait_min\":8,\"session_max_min\":null},"
                              "\"service_hours\":[{\"weekday\":1,\"open\":\"08:00\",\"close\":\"12:00\"},"
                              "{\"weekday\":1,\"open\":\"13:00\",\"close\":\"16:00\"},"
                              "{\"weekday\":5,\"open\":\"08:00\",\"close\":\"11:00\"}]}");
  pst_test_assert_status (updated, 200);

  fetched = pst_test_request (server, "GET", "/api/v1/offices/7604", NULL, NULL);
  pst_test_assert_status (fetched, 200);
  office = pst_test_response_object (fetched);
  g_assert_cmpstr (json_object_get_string_member (office, "phone"), ==, "0426-21385");
  g_assert_cmpstr (json_object_get_string_member (office, "sk_number"), ==, "341/KPG TAHUN 2022");
  g_assert_cmpstr (json_object_get_string_member (office, "guest_book_stage"), ==, "at_desk");
  g_assert_cmpuint (json_array_get_length (member_array (office, "complaint_channels")), ==, 9);
  standard = member_object (office, "standard");
  g_assert_cmpint (json_object_get_int_member (standard, "walkin_wait_min"), ==, 8);
  g_assert_true (json_object_get_null_member (standard, "session_max_min"));
  g_assert_cmpint (json_object_get_int_member (standard, "whatsapp_first_response_working_days"),
                   ==, 1);
  hours = member_array (office, "service_hours");
  g_assert_cmpuint (json_array_get_length (hours), ==, 3);

  /* The new hours count at once: Monday closes at 16:00, Friday at 11:00. */
  g_clear_pointer (&due, pst_test_response_free);
  due = request_due (server, "7604", "2026-06-05T10:00:00+08:00", "working_days=1");
  pst_test_assert_status (due, 200);
  g_assert_cmpstr (pst_test_response_string (due, "due_local"), ==, "2026-06-08T16:00:00+08:00");
  g_clear_pointer (&due, pst_test_response_free);
  due = request_due (server, "7604", "2026-06-05T11:30:00+08:00", "working_days=0");
  pst_test_assert_status (due, 200);
  g_assert_cmpstr (pst_test_response_string (due, "due_local"), ==, "2026-06-08T16:00:00+08:00");
}

/* Every bad request is refused whole: the office is as it was. */
static void
test_invalid_changes (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *token = pst_test_login (server, "admin", DEMO_PASSWORD);
  g_autofree char *before = office_text (server, "7604");
  g_autofree char *after = NULL;
  static const struct
  {
    const char *method;
    const char *path;
    const char *body;
    guint       status;
    const char *code;
    const char *field;
  } cases[] = {
    { "PUT", "/api/v1/offices/7604", "{\"name\":", 400, "invalid_json", NULL },
    { "PUT", "/api/v1/offices/7604", "[1, 2]", 400, "invalid_json", NULL },
    { "PUT", "/api/v1/offices/7604", "", 400, "invalid_json", NULL },
    { "PUT", "/api/v1/offices/7604", "{\"name\":42}", 422, "invalid_field", "name" },
    { "PUT", "/api/v1/offices/7604", "{\"name\":\"\"}", 422, "invalid_field", "name" },
    { "PUT", "/api/v1/offices/7604", "{\"code\":\"7605\"}", 422, "invalid_field", "code" },
    { "PUT", "/api/v1/offices/7604", "{\"timezone\":\"Asia/Mamuju\"}", 422, "invalid_field",
      "timezone" },
    { "PUT", "/api/v1/offices/7604", "{\"standard\":\"fast\"}", 422, "invalid_field", "standard" },
    { "PUT", "/api/v1/offices/7604", "{\"standard\":{\"walkin_wait_min\":0}}", 422, "invalid_field",
      "standard.walkin_wait_min" },
    { "PUT", "/api/v1/offices/7604", "{\"standard\":{\"web_response_working_days\":\"3\"}}", 422,
      "invalid_field", "standard.web_response_working_days" },
    { "PUT", "/api/v1/offices/7604", "{\"standard\":{\"idle_close\":{\"amount\":3}}}", 422,
      "invalid_field", "standard.idle_close.unit" },
    { "PUT", "/api/v1/offices/7604", "{\"service_hours\":[]}", 422, "invalid_field",
      "service_hours" },
    { "PUT", "/api/v1/offices/7604",
      "{\"service_hours\":[{\"weekday\":8,\"open\":\"08:00\",\"close\":\"15:00\"}]}", 422,
      "invalid_field", "service_hours[0].weekday" },
    { "PUT", "/api/v1/offices/7604",
      "{\"service_hours\":[{\"weekday\":1,\"open\":\"16:00\",\"close\":\"08:00\"}]}", 422,
      "invalid_field", "service_hours[0].close" },
    { "PUT", "/api/v1/offices/7604",
      "{\"service_hours\":[{\"weekday\":1,\"open\":\"08:00\",\"close\":\"12:00\"},"
      "{\"weekday\":1,\"open\":\"11:00\",\"close\":\"15:00\"}]}", 422, "invalid_field",
      "service_hours" },
    { "PUT", "/api/v1/offices/7604", "{\"guest_book_stage\":\"never\"}", 422, "invalid_field",
      "guest_book_stage" },
    { "PUT", "/api/v1/offices/7604", "{\"channels\":[\"fax\"]}", 422, "invalid_field",
      "channels[0]" },
    { "PUT", "/api/v1/offices/7604", "{\"channels\":\"web\"}", 422, "invalid_field", "channels" },
    { "PUT", "/api/v1/offices/7604", "{\"website\":\"mamujukab.bps.go.id\"}", 422, "invalid_field",
      "website" },
    { "PUT", "/api/v1/offices/7604", "{\"zoom_follow_up\":\"yes\"}", 422, "invalid_field",
      "zoom_follow_up" },
    { "PUT", "/api/v1/offices/7604", "{\"retention_days\":0}", 422, "invalid_field",
      "retention_days" },
    { "PUT", "/api/v1/offices/7604",
      "{\"complaint_channels\":[{\"kind\":\"pigeon\",\"value\":\"roof\"}]}", 422, "invalid_field",
      "complaint_channels[0].kind" },
    { "PUT", "/api/v1/offices/7604",
      "{\"complaint_channels\":[{\"kind\":\"email\",\"value\":\"a@bps.go.id\"},"
      "{\"kind\":\"email\",\"value\":\"a@bps.go.id\"}]}", 422, "invalid_field",
      "complaint_channels[1]" },
    { "POST", "/api/v1/offices", "{\"code\":\"73\",\"name\":\"X\",\"timezone\":\"Asia/Makassar\"}",
      422, "invalid_field", "code" },
    { "POST", "/api/v1/offices", "{\"name\":\"X\",\"timezone\":\"Asia/Makassar\"}", 422,
      "invalid_field", "code" },
    { "POST", "/api/v1/offices", "{\"code\":\"7300\",\"name\":\"X\"}", 422, "invalid_field",
      "timezone" },
    { "PUT", "/api/v1/offices/7604/holidays", "{}", 422, "invalid_field", "holidays" },
    { "PUT", "/api/v1/offices/7604/holidays", "{\"holidays\":{}}", 422, "invalid_field",
      "holidays" },
    { "PUT", "/api/v1/offices/7604/holidays", "{\"holidays\":[\"2026-06-09\"]}", 422,
      "invalid_field", "holidays[0]" },
    { "PUT", "/api/v1/offices/7604/holidays",
      "{\"holidays\":[{\"date\":\"2026-02-30\",\"name\":\"X\"}]}", 422, "invalid_field",
      "holidays[0].date" },
    { "PUT", "/api/v1/offices/7604/holidays", "{\"holidays\":[{\"date\":\"2026-06-09\"}]}", 422,
      "invalid_field", "holidays[0].name" },
    { "PUT", "/api/v1/offices/7604/holidays",
      "{\"holidays\":[{\"date\":\"2026-06-09\",\"name\":\"X\",\"kind\":\"national\"}]}", 422,
      "invalid_field", "holidays[0].kind" },
    { "PUT", "/api/v1/offices/7604/holidays",
      "{\"holidays\":[{\"date\":\"2026-06-09\",\"name\":\"X\"},"
      "{\"date\":\"2026-06-09\",\"name\":\"Y\"}]}", 422, "invalid_field", "holidays[1]" },
    { "PUT", "/api/v1/holidays/2026", "{\"holidays\":[{\"date\":\"2026-06-09\",\"name\":\"X\"}]}",
      422, "invalid_field", "holidays[0].kind" },
    { "PUT", "/api/v1/holidays/2026",
      "{\"holidays\":[{\"date\":\"2026-06-09\",\"name\":\"X\",\"kind\":\"local\"}]}", 422,
      "invalid_field", "holidays[0].kind" },
    { "PUT", "/api/v1/holidays/2026",
      "{\"holidays\":[{\"date\":\"2027-01-01\",\"name\":\"X\",\"kind\":\"national\"}]}", 422,
      "invalid_field", "holidays[0].date" },
    { "PUT", "/api/v1/holidays/26", "{\"holidays\":[]}", 422, "invalid_field", "year" },
    { "PUT", "/api/v1/holidays/2026", "{\"holidays\":", 400, "invalid_json", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PstTestResponse) response = NULL;

      g_test_message ("%s %s %s", cases[i].method, cases[i].path, cases[i].body);
      response = pst_test_request (server, cases[i].method, cases[i].path, token, cases[i].body);
      pst_test_assert_error (response, cases[i].status, cases[i].code);
      g_assert_cmpstr (error_field (response), ==, cases[i].field);
    }

  after = office_text (server, "7604");
  g_assert_cmpstr (after, ==, before);
}

static void
test_office_holidays (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *token = pst_test_login (server, "admin", DEMO_PASSWORD);
  g_autoptr(PstTestResponse) replaced = NULL;
  g_autoptr(PstTestResponse) office = NULL;
  g_autoptr(PstTestResponse) other = NULL;
  g_autoptr(PstTestResponse) cleared = NULL;
  JsonArray *holidays;

  /* Monday 8 June + 1 working day: Tuesday, until Mamuju closes on Tuesday. */
  assert_due (server, "7604", "2026-06-08T10:00:00+08:00", "working_days=1",
              "2026-06-09T07:30:00Z", "2026-06-09T15:30:00+08:00");

  replaced = pst_test_request (server, "PUT", "/api/v1/offices/7604/holidays", token,
                               "{\"holidays\":[{\"date\":\"2026-06-09\",\"name\":\"Rapat kerja\"},"
                               "{\"date\":\"2026-07-14\",\"name\":\"Hari Jadi Kabupaten Mamuju\","
                               "\"kind\":\"local\"}]}");
  pst_test_assert_status (replaced, 200);
  holidays = member_array (pst_test_response_object (replaced), "holidays");
  g_assert_cmpuint (json_array_get_length (holidays), ==, 2);
  g_assert_true (holidays_have (holidays, "2026-06-09", "local"));

  /* The closure counts at once, for this office only. */
  assert_due (server, "7604", "2026-06-08T10:00:00+08:00", "working_days=1",
              "2026-06-10T07:30:00Z", "2026-06-10T15:30:00+08:00");
  assert_due (server, "7325", "2026-06-08T10:00:00+08:00", "working_days=1",
              "2026-06-09T07:30:00Z", "2026-06-09T15:30:00+08:00");

  office = pst_test_request (server, "GET", "/api/v1/offices/7604?year=2026", NULL, NULL);
  holidays = member_array (pst_test_response_object (office), "holidays");
  g_assert_true (holidays_have (holidays, "2026-06-09", "local"));
  g_assert_true (holidays_have (holidays, "2026-07-14", "local"));
  g_assert_true (holidays_have (holidays, "2026-08-17", "national"));

  other = pst_test_request (server, "GET", "/api/v1/offices/7325?year=2026", NULL, NULL);
  g_assert_false (holidays_have (member_array (pst_test_response_object (other), "holidays"),
                                 "2026-06-09", "local"));

  /* Replacing with none reopens the office; national days stay. */
  cleared = pst_test_request (server, "PUT", "/api/v1/offices/7604/holidays", token,
                              "{\"holidays\":[]}");
  pst_test_assert_status (cleared, 200);
  assert_due (server, "7604", "2026-06-08T10:00:00+08:00", "working_days=1",
              "2026-06-09T07:30:00Z", "2026-06-09T15:30:00+08:00");
  assert_due (server, "7604", "2026-08-14T10:00:00+08:00", "working_days=1",
              "2026-08-18T07:30:00Z", "2026-08-18T15:30:00+08:00");
}

static void
test_national_holidays (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *token = pst_test_login (server, "admin", DEMO_PASSWORD);
  g_autoptr(PstTestResponse) loaded = NULL;
  g_autoptr(PstTestResponse) read_back = NULL;
  g_autoptr(PstTestResponse) year_2026 = NULL;
  g_autoptr(PstTestResponse) office = NULL;
  JsonArray *holidays;

  year_2026 = pst_test_request (server, "GET", "/api/v1/holidays/2026", NULL, NULL);
  pst_test_assert_status (year_2026, 200);
  holidays = member_array (pst_test_response_object (year_2026), "holidays");
  g_assert_true (holidays_have (holidays, "2026-03-20", "cuti_bersama"));

  /* 4 and 5 January 2027 are a Monday and a Tuesday. */
  assert_due (server, "7604", "2027-01-04T10:00:00+08:00", "working_days=1",
              "2027-01-05T07:30:00Z", "2027-01-05T15:30:00+08:00");

  loaded = pst_test_request (server, "PUT", "/api/v1/holidays/2027", token,
                             "{\"holidays\":[{\"date\":\"2027-01-01\",\"name\":\"Tahun Baru 2027 Masehi\","
                             "\"name_en\":\"New Year's Day\",\"kind\":\"national\"},"
                             "{\"date\":\"2027-01-05\",\"name\":\"Cuti Bersama Contoh\","
                             "\"kind\":\"cuti_bersama\"}]}");
  pst_test_assert_status (loaded, 200);
  g_assert_cmpint (json_object_get_int_member (pst_test_response_object (loaded), "year"), ==,
                   2027);

  read_back = pst_test_request (server, "GET", "/api/v1/holidays/2027", NULL, NULL);
  pst_test_assert_status (read_back, 200);
  holidays = member_array (pst_test_response_object (read_back), "holidays");
  g_assert_cmpuint (json_array_get_length (holidays), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (holidays, 0),
                                                  "name_en"), ==, "New Year's Day");

  /* Every office's calendar changes at once. */
  assert_due (server, "7604", "2027-01-04T10:00:00+08:00", "working_days=1",
              "2027-01-06T07:30:00Z", "2027-01-06T15:30:00+08:00");
  assert_due (server, "1905", "2027-01-04T10:00:00+07:00", "working_days=1",
              "2027-01-06T08:30:00Z", "2027-01-06T15:30:00+07:00");

  office = pst_test_request (server, "GET", "/api/v1/offices/8205?year=2027", NULL, NULL);
  g_assert_true (holidays_have (member_array (pst_test_response_object (office), "holidays"),
                                "2027-01-05", "cuti_bersama"));

  /* Loading 2027 again replaces it; 2026 is untouched. */
  g_clear_pointer (&loaded, pst_test_response_free);
  loaded = pst_test_request (server, "PUT", "/api/v1/holidays/2027", token, "{\"holidays\":[]}");
  pst_test_assert_status (loaded, 200);
  assert_due (server, "7604", "2027-01-04T10:00:00+08:00", "working_days=1",
              "2027-01-05T07:30:00Z", "2027-01-05T15:30:00+08:00");
  assert_due (server, "7604", "2026-03-17T10:00:00+08:00", "working_days=3",
              "2026-03-27T08:00:00Z", "2026-03-27T16:00:00+08:00");
}

/* Only an admin changes offices and calendars. */
static void
test_forbidden (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *before = office_text (server, "7604");
  g_autofree char *after = NULL;
  const char *usernames[] = { "petugas1.7604", "spv.7604", "kiosk.7604", "spv.1905" };
  static const char *const writes[][2] = {
    { "POST", "/api/v1/offices" },
    { "PUT", "/api/v1/offices/7604" },
    { "PUT", "/api/v1/offices/7604/holidays" },
    { "PUT", "/api/v1/holidays/2026" },
  };
  const char *body = "{\"code\":\"7604\",\"name\":\"X\",\"timezone\":\"Asia/Makassar\","
                     "\"holidays\":[]}";

  for (guint w = 0; w < G_N_ELEMENTS (writes); w++)
    {
      g_autoptr(PstTestResponse) anonymous = NULL;

      anonymous = pst_test_request (server, writes[w][0], writes[w][1], NULL, body);
      pst_test_assert_error (anonymous, 401, "unauthorized");
    }

  for (guint u = 0; u < G_N_ELEMENTS (usernames); u++)
    {
      g_autofree char *token = pst_test_login (server, usernames[u], DEMO_PASSWORD);

      for (guint w = 0; w < G_N_ELEMENTS (writes); w++)
        {
          g_autoptr(PstTestResponse) response = NULL;

          response = pst_test_request (server, writes[w][0], writes[w][1], token, body);
          pst_test_assert_error (response, 403, "forbidden");
        }
    }

  after = office_text (server, "7604");
  g_assert_cmpstr (after, ==, before);
}

/* Changes are announced as `office.updated` and `holidays.updated`. */
static void
test_events (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *token = pst_test_login (server, "admin", DEMO_PASSWORD);
  g_autoptr(PstTestResponse) changes = NULL;
  g_autoptr(PstTestResponse) response = NULL;
  gboolean office_event = FALSE;
  gboolean holidays_event = FALSE;
  JsonArray *events;

  response = pst_test_request (server, "PUT", "/api/v1/offices/1905", token,
                               "{\"standard\":{\"walkin_wait_min\":6}}");
  pst_test_assert_status (response, 200);
  g_clear_pointer (&response, pst_test_response_free);
  response = pst_test_request (server, "PUT", "/api/v1/holidays/2027", token, "{\"holidays\":[]}");
  pst_test_assert_status (response, 200);

  changes = pst_test_request (server, "GET", "/api/v1/changes?since=0&limit=500", token, NULL);
  pst_test_assert_status (changes, 200);
  events = member_array (pst_test_response_object (changes), "events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      const char *type = json_object_get_string_member (event, "type");

      if (g_strcmp0 (type, "office.updated") == 0)
        {
          JsonObject *data = member_object (event, "data");

          g_assert_cmpstr (json_object_get_string_member (event, "office"), ==, "1905");
          g_assert_cmpint (json_object_get_int_member (member_object (data, "standard"),
                                                       "walkin_wait_min"), ==, 6);
          office_event = TRUE;
        }
      else if (g_strcmp0 (type, "holidays.updated") == 0)
        {
          g_assert_true (json_object_get_null_member (event, "office"));
          g_assert_cmpint (json_object_get_int_member (member_object (event, "data"), "year"), ==,
                           2027);
          holidays_event = TRUE;
        }
    }

  g_assert_true (office_event);
  g_assert_true (holidays_event);
}

static void
test_localized (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *token = pst_test_login (server, "admin", DEMO_PASSWORD);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  const char *const indonesian[] = { "Accept-Language", "id-ID,id;q=0.9", "Authorization", auth,
                                     NULL };
  const char *const english[] = { "Accept-Language", "en", "Authorization", auth, NULL };
  const char *body = "{\"timezone\":\"Asia/Mamuju\"}";
  g_autoptr(PstTestResponse) put_id = NULL;
  g_autoptr(PstTestResponse) put_en = NULL;
  g_autoptr(PstTestResponse) due_id = NULL;

  put_id = pst_test_request_full (server, "PUT", "/api/v1/offices/7604", NULL, "application/json",
                                  body, -1, indonesian);
  pst_test_assert_error (put_id, 422, "invalid_field");
  g_assert_cmpstr (error_message (put_id), ==,
                   "“timezone” harus berupa zona waktu seperti Asia/Makassar");

  put_en = pst_test_request_full (server, "PUT", "/api/v1/offices/7604", NULL, "application/json",
                                  body, -1, english);
  pst_test_assert_error (put_en, 422, "invalid_field");
  g_assert_cmpstr (error_message (put_en), ==, "“timezone” must be a time zone like Asia/Makassar");

  due_id = pst_test_request_full (server, "GET",
                                  "/api/v1/offices/7604/due?from=2026-06-08T10:00:00Z&working_days=x",
                                  NULL, NULL, NULL, 0, indonesian);
  pst_test_assert_error (due_id, 422, "invalid_field");
  g_assert_cmpstr (error_field (due_id), ==, "working_days");
  g_assert_cmpstr (error_message (due_id), ==, "“working_days” harus berupa bilangan bulat");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/offices/list", test_list);
  g_test_add_func ("/server/offices/get-mamuju", test_get_mamuju);
  g_test_add_func ("/server/offices/get-others", test_get_others);
  g_test_add_func ("/server/offices/unknown-office", test_unknown_office);
  g_test_add_func ("/server/offices/due-working-days", test_due_working_days);
  g_test_add_func ("/server/offices/due-elapsed", test_due_elapsed);
  g_test_add_func ("/server/offices/due-invalid", test_due_invalid);
  g_test_add_func ("/server/offices/create-and-update", test_create_and_update);
  g_test_add_func ("/server/offices/invalid-changes", test_invalid_changes);
  g_test_add_func ("/server/offices/office-holidays", test_office_holidays);
  g_test_add_func ("/server/offices/national-holidays", test_national_holidays);
  g_test_add_func ("/server/offices/forbidden", test_forbidden);
  g_test_add_func ("/server/offices/events", test_events);
  g_test_add_func ("/server/offices/localized", test_localized);

  return g_test_run ();
}
