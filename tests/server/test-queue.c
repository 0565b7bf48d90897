/* test-queue.c: the walk-in queue of pst-server — numbers, calls, the
 * state machine, transfers, the guest book and its personal data, wait
 * targets, lists, concurrency and idempotency — against the real server
 * with the demo data.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "pst-core.h"
#include "pst-test-server.h"

#define DEMO_PASSWORD "pst-demo"

/* Valid NIKs: province and regency of the office, district 01, a birth
 * date (day + 40 for a woman) and a serial.
 */
#define NIK_1905 "1905014506010003"
#define NIK_7604 "7604015708920047"
#define NIK_7604_SPACED "7604 0157 0892 0047"

/* A demo server; the harness keeps its whole log. */
typedef struct
{
  PstTestServer *server;
} Env;

static Env *
env_start (void)
{
  Env *env = g_new0 (Env, 1);

  env->server = pst_test_server_start (TRUE);

  return env;
}

static void
env_free (Env *env)
{
  pst_test_server_free (env->server);
  g_free (env);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Env, env_free)

static char *
env_log (Env *env)
{
  return pst_test_server_get_log (env->server);
}

/* Client helpers. */

static PstTestResponse *
request (Env        *env,
         const char *method,
         const char *path,
         const char *token,
         const char *body)
{
  g_autofree char *full = g_strconcat ("/api/v1", path, NULL);

  return pst_test_request (env->server, method, full, token, body);
}

static PstTestResponse *
request_with_key (Env        *env,
                  const char *method,
                  const char *path,
                  const char *token,
                  const char *body,
                  const char *key)
{
  g_autofree char *full = g_strconcat ("/api/v1", path, NULL);
  const char *const headers[] = { "Idempotency-Key", key, NULL };

  return pst_test_request_full (env->server, method, full, token, "application/json", body, -1,
                                headers);
}

static JsonObject *
object_of (PstTestResponse *response)
{
  return pst_test_response_object (response);
}

static const char *
member_string (JsonObject *obj,
               const char *member)
{
  return json_object_get_string_member_with_default (obj, member, NULL);
}

static gboolean
member_is_null (JsonObject *obj,
                const char *member)
{
  g_assert_true (json_object_has_member (obj, member));
  return json_object_get_null_member (obj, member);
}

static gint64
member_instant (JsonObject *obj,
                const char *member)
{
  gint64 us = 0;

  g_assert_true (pst_time_parse_rfc3339 (member_string (obj, member), &us));
  return us;
}

static const char *
error_field (PstTestResponse *response)
{
  JsonObject *error = json_object_get_object_member (object_of (response), "error");

  return json_object_get_string_member_with_default (error, "field", NULL);
}

static const char *
error_message (PstTestResponse *response)
{
  JsonObject *error = json_object_get_object_member (object_of (response), "error");

  return json_object_get_string_member_with_default (error, "message", NULL);
}

#define assert_invalid_field(resp, expected_field) \
  G_STMT_START { \
    pst_test_assert_error ((resp), 422, "invalid_field"); \
    g_assert_cmpstr (error_field (resp), ==, (expected_field)); \
  } G_STMT_END

static char *
login (Env         *env,
       const char  *username,
       char       **out_id)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username,
                                           DEMO_PASSWORD);
  g_autoptr(PstTestResponse) response = request (env, "POST", "/auth/login", NULL, body);
  JsonObject *officer;

  pst_test_assert_status (response, 200);
  officer = json_object_get_object_member (object_of (response), "officer");
  if (out_id != NULL)
    *out_id = g_strdup (member_string (officer, "id"));

  return g_strdup (member_string (object_of (response), "token"));
}

static char *
guest_book_json (const char *nik)
{
  return g_strdup_printf ("{\"name\":\"Wulan Sari\",\"id_type\":\"ktp\",\"id_number\":\"%s\","
                          "\"email\":\"wulan.sari@gmail.com\",\"phone\":\"0812-3456-7890\","
                          "\"institution\":\"Universitas Bangka Belitung\","
                          "\"occupation\":\"Mahasiswa\",\"purpose\":\"Data kemiskinan untuk skripsi\"}",
                          nik);
}

static PstTestResponse *
issue_full (Env        *env,
            const char *token,
            const char *office,
            const char *service,
            const char *guest_book)
{
  g_autofree char *path = g_strdup_printf ("/offices/%s/tickets", office);
  g_autofree char *body = NULL;

  if (guest_book != NULL)
    body = g_strdup_printf ("{\"service\":\"%s\",\"guest_book\":%s}", service, guest_book);
  else
    body = g_strdup_printf ("{\"service\":\"%s\"}", service);

  return request (env, "POST", path, token, body);
}

/* Issues a ticket (with a guest book where the office takes it before
 * the queue)
 * and returns its id.
 */
static char *
issue (Env         *env,
       const char  *token,
       const char  *office,
       const char  *service,
       char       **out_number)
{
  g_autofree char *office_path = g_strdup_printf ("/offices/%s", office);
  g_autoptr(PstTestResponse) settings = request (env, "GET", office_path, NULL, NULL);
  g_autofree char *nik = g_strdup_printf ("%s014506010003",
                                          g_str_equal (office, "6500") ? "6571" : office);
  g_autofree char *guest_book = NULL;
  g_autoptr(PstTestResponse) response = NULL;

  pst_test_assert_status (settings, 200);
  if (g_strcmp0 (member_string (object_of (settings), "guest_book_stage"), "before_queue") == 0)
    guest_book = guest_book_json (nik);
  response = issue_full (env, token, office, service, guest_book);

  pst_test_assert_status (response, 201);
  if (out_number != NULL)
    *out_number = g_strdup (member_string (object_of (response), "number"));

  return g_strdup (member_string (object_of (response), "id"));
}

static PstTestResponse *
call_next (Env        *env,
           const char *token,
           const char *office,
           const char *services,
           const char *desk)
{
  g_autofree char *path = g_strdup_printf ("/offices/%s/tickets/call-next", office);
  g_autofree char *body = NULL;

  if (services != NULL)
    body = g_strdup_printf ("{\"desk\":\"%s\",\"services\":%s}", desk, services);
  else
    body = g_strdup_printf ("{\"desk\":\"%s\"}", desk);

  return request (env, "POST", path, token, body);
}

static PstTestResponse *
act (Env        *env,
     const char *token,
     const char *id,
     const char *action,
     const char *body)
{
  g_autofree char *path = g_strdup_printf ("/tickets/%s/%s", id, action);

  return request (env, "POST", path, token, body);
}

static PstTestResponse *
get_ticket (Env        *env,
            const char *token,
            const char *id)
{
  g_autofree char *path = g_strdup_printf ("/tickets/%s", id);

  return request (env, "GET", path, token, NULL);
}

static PstTestResponse *
list (Env        *env,
      const char *token,
      const char *office,
      const char *query)
{
  g_autofree char *path = g_strdup_printf ("/offices/%s/tickets%s%s", office,
                                           query != NULL ? "?" : "", query != NULL ? query : "");

  return request (env, "GET", path, token, NULL);
}

static guint
count_tickets (Env        *env,
               const char *token,
               const char *office,
               const char *status)
{
  g_autofree char *query = status != NULL ? g_strdup_printf ("limit=500&status=%s", status)
                                          : g_strdup ("limit=500");
  g_autoptr(PstTestResponse) response = list (env, token, office, query);

  pst_test_assert_status (response, 200);
  return json_array_get_length (json_object_get_array_member (object_of (response), "items"));
}

static const char *
ticket_status (Env        *env,
               const char *token,
               const char *id)
{
  static char status[32];
  g_autoptr(PstTestResponse) response = get_ticket (env, token, id);

  pst_test_assert_status (response, 200);
  g_strlcpy (status, member_string (object_of (response), "status"), sizeof status);
  return status;
}

static const char *const finish_body =
  "{\"topic\":\"data\",\"outcome\":\"Tabel yang diminta dikirim ke surel\"}";

/* Calls the tickets waiting in @office (of @services) until none is left,
 * finishing each (or marking it no-show). Returns how many were called.
 */
static guint
drain (Env        *env,
       const char *token,
       const char *office,
       const char *services,
       gboolean    finish)
{
  guint n = 0;

  for (;;)
    {
      g_autoptr(PstTestResponse) called = call_next (env, token, office, services, "9");
      const char *id;

      if (called->status == 204)
        return n;

      pst_test_assert_status (called, 200);
      id = member_string (object_of (called), "id");
      n++;
      if (finish)
        {
          g_autoptr(PstTestResponse) started = act (env, token, id, "start", NULL);
          g_autoptr(PstTestResponse) finished = act (env, token, id, "finish", finish_body);

          pst_test_assert_status (started, 200);
          pst_test_assert_status (finished, 200);
        }
      else
        {
          g_autoptr(PstTestResponse) gone = act (env, token, id, "no-show", NULL);

          pst_test_assert_status (gone, 200);
        }
    }
}

/* Calls the next waiting ticket of @services until it is @id, marking
 * the ones before it no-show.
 */
static void
call_until (Env        *env,
            const char *token,
            const char *office,
            const char *services,
            const char *desk,
            const char *id)
{
  for (;;)
    {
      g_autoptr(PstTestResponse) called = call_next (env, token, office, services, desk);
      const char *called_id;

      pst_test_assert_status (called, 200);
      called_id = member_string (object_of (called), "id");
      if (g_str_equal (called_id, id))
        return;

      {
        g_autoptr(PstTestResponse) gone = act (env, token, called_id, "no-show", NULL);

        pst_test_assert_status (gone, 200);
      }
    }
}

static char *
office_date (const char *timezone,
             int         days)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (timezone);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days);

  return g_date_time_format (day, "%Y-%m-%d");
}

/* Writes a ticket straight into the server's database (for days the API
 * cannot reach). Returns its id.
 */
static char *
insert_ticket_row (Env        *env,
                   const char *office,
                   PstService  service,
                   const char *date,
                   guint       seq)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstStore) store = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *id = g_strdup_printf ("tkt_test_%s_%s_%u", office, date, seq);
  g_autofree char *number = pst_ticket_format_number (service, seq);

  store = pst_store_open (env->server->db_path, PST_STORE_SCHEMA_SERVER, &error);
  g_assert_no_error (error);
  pst_store_set_busy_timeout (store, 10000);

  stmt = pst_store_prepare (store,
                            "INSERT INTO tickets (id, office, service, service_date, seq, number,"
                            " status, issued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'waiting', ?7)",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, office, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pst_service_to_string (service), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, (int) seq);
  sqlite3_bind_text (stmt, 6, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () - PST_USEC_PER_DAY);
  pst_store_step_done (store, stmt, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&id);
}

static JsonObject *
find_number (JsonArray  *items,
             const char *number)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (member_string (item, "number"), number) == 0)
        return item;
    }

  g_error ("No ticket %s in the list", number);
  return NULL;
}

/* Whether @needle is anywhere in the @len bytes of @data. */
static gboolean
contains (const char *data,
          gsize       len,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    {
      if (memcmp (data + i, needle, n) == 0)
        return TRUE;
    }

  return FALSE;
}

static const char *
last_history_action (JsonObject *ticket)
{
  JsonArray *history = json_object_get_array_member (ticket, "history");
  guint n = json_array_get_length (history);

  g_assert_cmpuint (n, >, 0);
  return member_string (json_array_get_object_element (history, n - 1), "action");
}

/* Tests. */

/* Every office gets the documented morning: 17 tickets with fixed counts
 * per state, numbers per service, the transfer K-004 → J-002, the wait
 * targets and the guest books as the office fills them in.
 */
static void
test_demo_morning (void)
{
  static const char *const offices[] = { "8205", "6500", "1905", "7604", "7325" };
  g_autoptr(Env) env = env_start ();

  for (guint o = 0; o < G_N_ELEMENTS (offices); o++)
    {
      const char *office = offices[o];
      g_autofree char *user1 = g_strconcat ("petugas1.", office, NULL);
      g_autofree char *user2 = g_strconcat ("petugas2.", office, NULL);
      g_autofree char *id1 = NULL;
      g_autofree char *id2 = NULL;
      g_autofree char *token = login (env, user1, &id1);
      g_autofree char *token2 = login (env, user2, &id2);
      g_autoptr(PstTestResponse) response = list (env, token, office, "limit=500");
      guint counts[PST_N_TICKET_STATUSES] = { 0 };
      gint64 now = g_get_real_time ();
      gint64 end;
      guint with_guest_book = 0;
      JsonArray *items;
      JsonObject *k4, *j2, *k7, *k8, *p2, *r2, *k9;

      pst_test_assert_status (response, 200);
      items = json_object_get_array_member (object_of (response), "items");

      /* The morning ends now during service hours, but after closing it
       * is the first 150 minutes after opening, and just after midnight it
       * lies ahead (pst-demo-queue.c): times are checked against its end,
       * two minutes after K-008 was called, which is never later than now
       * but in those first hours of the day.
       */
      k8 = find_number (items, "K-008");
      end = member_instant (k8, "called_at") + 2 * PST_USEC_PER_MINUTE;
      g_assert_cmpuint (json_array_get_length (items), ==, 17);
      g_assert_true (member_is_null (object_of (response), "next_cursor"));

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          PstTicketStatus status;

          g_assert_true (pst_ticket_status_from_string (member_string (item, "status"), &status));
          counts[status]++;
          g_assert_true (member_instant (item, "issued_at") <= MAX (now, end));
          if (json_object_get_boolean_member (item, "has_guest_book"))
            {
              JsonObject *guest_book = json_object_get_object_member (item, "guest_book");
              const char *masked = member_string (guest_book, "id_number_masked");

              with_guest_book++;
              g_assert_nonnull (member_string (guest_book, "name"));
              g_assert_true (g_str_has_prefix (masked, "*****"));
            }
        }

      g_assert_cmpuint (counts[PST_TICKET_STATUS_DONE], ==, 8);
      g_assert_cmpuint (counts[PST_TICKET_STATUS_SERVING], ==, 1);
      g_assert_cmpuint (counts[PST_TICKET_STATUS_CALLED], ==, 1);
      g_assert_cmpuint (counts[PST_TICKET_STATUS_NO_SHOW], ==, 1);
      g_assert_cmpuint (counts[PST_TICKET_STATUS_TRANSFERRED], ==, 1);
      g_assert_cmpuint (counts[PST_TICKET_STATUS_WAITING], ==, 5);

      /* Before the queue: every visitor (K-004's guest book moved to
       * J-002 with its visitor); at the front office: every visitor
       * called but the no-show; at the desk: those served.
       */
      {
        g_autofree char *office_path = g_strdup_printf ("/offices/%s", office);
        g_autoptr(PstTestResponse) settings = request (env, "GET", office_path, NULL, NULL);
        const char *stage;

        pst_test_assert_status (settings, 200);
        stage = member_string (object_of (settings), "guest_book_stage");
        if (g_str_equal (stage, "before_queue"))
          g_assert_cmpuint (with_guest_book, ==, 16);
        else if (g_str_equal (stage, "at_desk"))
          g_assert_cmpuint (with_guest_book, ==, 9);
        else
          g_assert_cmpuint (with_guest_book, ==, 10);
      }

      k4 = find_number (items, "K-004");
      j2 = find_number (items, "J-002");
      g_assert_cmpstr (member_string (k4, "status"), ==, "transferred");
      g_assert_cmpstr (member_string (k4, "transferred_to"), ==, member_string (j2, "id"));
      g_assert_cmpstr (member_string (j2, "transferred_from"), ==, member_string (k4, "id"));
      g_assert_cmpstr (member_string (j2, "status"), ==, "done");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (j2, "history")), >,
                        json_array_get_length (json_object_get_array_member (k4, "history")));


      k7 = find_number (items, "K-007");
      g_assert_cmpstr (member_string (k7, "status"), ==, "serving");
      g_assert_cmpstr (member_string (k7, "officer"), ==, id1);
      g_assert_cmpstr (member_string (k7, "desk"), ==, "1");
      g_assert_cmpint (end - member_instant (k7, "started_at"), ==, 5 * PST_USEC_PER_MINUTE);
      if (g_str_equal (office, "7604"))
        g_assert_cmpint (member_instant (k7, "session_due"), ==,
                         member_instant (k7, "started_at") + 60 * PST_USEC_PER_MINUTE);
      else
        g_assert_true (member_is_null (k7, "session_due"));

      g_assert_cmpstr (member_string (k8, "status"), ==, "called");
      g_assert_cmpstr (member_string (k8, "officer"), ==, id2);
      g_assert_cmpstr (member_string (k8, "desk"), ==, "2");

      /* K-009 waits behind a called visitor: its clock has not started. */
      k9 = find_number (items, "K-009");
      g_assert_true (member_is_null (k9, "wait_due"));
      p2 = find_number (items, "P-002");
      g_assert_cmpint (member_instant (p2, "wait_due"), <, end);
      r2 = find_number (items, "R-002");
      g_assert_cmpint (member_instant (r2, "wait_due"), ==, end + 2 * PST_USEC_PER_MINUTE);
      g_assert_cmpstr (member_string (find_number (items, "K-003"), "status"), ==, "no_show");
    }
}

/* Numbers run per office, service and day, after the demo's. */
static void
test_issue_numbers (void)
{
  g_autoptr(Env) env = env_start ();
  g_autofree char *token = login (env, "petugas1.8205", NULL);
  g_autofree char *kiosk = login (env, "kiosk.8205", NULL);
  g_autofree char *other_token = login (env, "petugas1.6500", NULL);
  static const struct { const char *service; const char *number; } expected[] = {
    { "consultation", "K-011" },
    { "consultation", "K-012" },
    { "library", "P-004" },
    { "sales", "J-003" },
    { "recommendation", "R-003" },
    { "consultation", "K-013" },
  };
  g_autoptr(PstTestResponse) by_kiosk = NULL;
  g_autoptr(PstTestResponse) other = NULL;
  JsonObject *ticket;
  JsonArray *history;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PstTestResponse) response = issue_full (env, token, "8205", expected[i].service,
                                                        NULL);
      JsonObject *obj;

      pst_test_assert_status (response, 201);
      obj = object_of (response);
      g_assert_cmpstr (member_string (obj, "number"), ==, expected[i].number);
      g_assert_cmpstr (member_string (obj, "service"), ==, expected[i].service);
      g_assert_cmpstr (member_string (obj, "status"), ==, "waiting");
      g_assert_cmpstr (member_string (obj, "office"), ==, "8205");
      g_assert_true (member_is_null (obj, "desk"));
      g_assert_true (member_is_null (obj, "called_at"));
      g_assert_true (member_is_null (obj, "guest_book"));
      g_assert_nonnull (member_string (obj, "access_token"));
    }

  /* Another office has its own sequence. */
  other = issue_full (env, other_token, "6500", "consultation", NULL);
  pst_test_assert_status (other, 201);
  g_assert_cmpstr (member_string (object_of (other), "number"), ==, "K-011");

  by_kiosk = issue_full (env, kiosk, "8205", "consultation", NULL);
  pst_test_assert_status (by_kiosk, 201);
  ticket = object_of (by_kiosk);
  g_assert_cmpstr (member_string (ticket, "number"), ==, "K-014");
  history = json_object_get_array_member (ticket, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 1);
  g_assert_cmpstr (member_string (json_array_get_object_element (history, 0), "action"), ==,
                   "issued");
  g_assert_true (member_is_null (json_array_get_object_element (history, 0), "from"));
  g_assert_cmpstr (member_string (json_array_get_object_element (history, 0), "to"), ==,
                   "waiting");

  g_assert_cmpuint (count_tickets (env, token, "8205", NULL), ==, 17 + 7);
}

/* 1905 takes the guest book before the number. */
static void
test_guest_book_before_queue (void)
{
  g_autoptr(Env) env = env_start ();
  g_autofree char *token = login (env, "kiosk.1905", NULL);
  g_autofree char *officer = login (env, "petugas1.1905", NULL);
  g_autofree char *kiosk_8205 = login (env, "kiosk.8205", NULL);
  g_autofree char *valid = guest_book_json (NIK_1905);
  g_autofree char *bad_nik = guest_book_json ("1905010000000000");
  g_autoptr(PstTestResponse) missing = issue_full (env, token, "1905", "consultation", NULL);
  g_autoptr(PstTestResponse) invalid = issue_full (env, token, "1905", "consultation", bad_nik);
  g_autoptr(PstTestResponse) null_book = issue_full (env, token, "1905", "consultation", "null");
  g_autoptr(PstTestResponse) ok = NULL;
  g_autoptr(PstTestResponse) elsewhere = NULL;
  g_autoptr(PstTestResponse) seen = NULL;
  JsonObject *guest_book;

  assert_invalid_field (missing, "guest_book");
  assert_invalid_field (invalid, "guest_book.id_number");
  assert_invalid_field (null_book, "guest_book");
  g_assert_cmpuint (count_tickets (env, officer, "1905", NULL), ==, 17);

  ok = issue_full (env, token, "1905", "consultation", valid);
  pst_test_assert_status (ok, 201);
  g_assert_cmpstr (member_string (object_of (ok), "number"), ==, "K-011");
  g_assert_true (json_object_get_boolean_member (object_of (ok), "has_guest_book"));
  /* A kiosk's answer carries no personal data. */
  g_assert_true (member_is_null (object_of (ok), "guest_book"));
  g_assert_null (strstr (ok->text, NIK_1905));

  seen = get_ticket (env, officer, member_string (object_of (ok), "id"));
  pst_test_assert_status (seen, 200);
  guest_book = json_object_get_object_member (object_of (seen), "guest_book");
  g_assert_cmpstr (member_string (guest_book, "name"), ==, "Wulan Sari");
  g_assert_cmpstr (member_string (guest_book, "id_number_masked"), ==, "************0003");
  g_assert_cmpstr (member_string (guest_book, "phone"), ==, "+6281234567890");
  g_assert_false (json_object_has_member (guest_book, "id_number"));
  g_assert_null (strstr (seen->text, NIK_1905));

  /* Other offices take it later. */
  elsewhere = issue_full (env, kiosk_8205, "8205", "consultation", NULL);
  pst_test_assert_status (elsewhere, 201);
}

/* waiting → called → serving → done, with 409 on every illegal step;
 * no-show → recall; requeue.
 */
static void
test_transitions (void)
{
  g_autoptr(Env) env = env_start ();
  g_autofree char *me = NULL;
  g_autofree char *token = login (env, "petugas1.6500", &me);
  g_autofree char *id = issue (env, token, "6500", "library", NULL);
  g_autofree char *second = NULL;
  g_autofree char *long_outcome = g_strnfill (201, 'x');
  g_autofree char *long_body = g_strdup_printf ("{\"topic\":\"data\",\"outcome\":\"%s\"}",
                                                long_outcome);
  static const char *const illegal_on_waiting[] = { "start", "finish", "no-show", "recall",
                                                    "requeue" };
  const char *const indonesian[] = { "Accept-Language", "id", NULL };
  g_autofree char *start_path = g_strdup_printf ("/api/v1/tickets/%s/start", id);

  for (guint i = 0; i < G_N_ELEMENTS (illegal_on_waiting); i++)
    {
      g_autoptr(PstTestResponse) refused = act (env, token, id, illegal_on_waiting[i],
                                                g_str_equal (illegal_on_waiting[i], "finish")
                                                ? finish_body : NULL);

      pst_test_assert_error (refused, 409, "conflict");
      g_assert_cmpstr (error_message (refused), ==,
                       "This ticket has not been called yet; call it first");
    }

  {
    g_autoptr(PstTestResponse) localized = NULL;

    localized = pst_test_request_full (env->server, "POST", start_path, token, NULL, NULL, 0,
                                       indonesian);
    pst_test_assert_error (localized, 409, "conflict");
    g_assert_cmpstr (error_message (localized), ==,
                     "Tiket ini belum dipanggil; panggil terlebih dahulu");
  }
  g_assert_cmpstr (ticket_status (env, token, id), ==, "waiting");

  /* The demo's library visitors are ahead of ours. */
  call_until (env, token, "6500", "[\"library\"]", "5", id);
  {
    g_autoptr(PstTestResponse) called = get_ticket (env, token, id);
    g_autoptr(PstTestResponse) requeue_serving = NULL;
    g_autoptr(PstTestResponse) started = NULL;
    g_autoptr(PstTestResponse) no_body = NULL;
    g_autoptr(PstTestResponse) bad_topic = NULL;
    g_autoptr(PstTestResponse) no_outcome = NULL;
    g_autoptr(PstTestResponse) too_long = NULL;
    g_autoptr(PstTestResponse) bad_notes = NULL;
    g_autoptr(PstTestResponse) finished = NULL;
    g_autoptr(PstTestResponse) again = NULL;
    g_autoptr(PstTestResponse) start_again = NULL;
    JsonObject *ticket = object_of (called);
    JsonArray *history;

    g_assert_cmpstr (member_string (ticket, "status"), ==, "called");
    g_assert_cmpstr (member_string (ticket, "desk"), ==, "5");
    g_assert_cmpstr (member_string (ticket, "officer"), ==, me);
    g_assert_false (member_is_null (ticket, "called_at"));

    started = act (env, token, id, "start", NULL);
    pst_test_assert_status (started, 200);
    g_assert_cmpstr (member_string (object_of (started), "status"), ==, "serving");
    g_assert_false (member_is_null (object_of (started), "started_at"));
    g_assert_true (member_is_null (object_of (started), "session_due"));

    start_again = act (env, token, id, "start", NULL);
    pst_test_assert_error (start_again, 409, "conflict");
    requeue_serving = act (env, token, id, "requeue", NULL);
    pst_test_assert_error (requeue_serving, 409, "conflict");
    g_assert_cmpstr (error_message (requeue_serving), ==,
                     "A ticket being served cannot go back to the queue; finish or transfer it");

    no_body = act (env, token, id, "finish", NULL);
    pst_test_assert_error (no_body, 400, "invalid_json");
    bad_topic = act (env, token, id, "finish", "{\"topic\":\"gossip\",\"outcome\":\"ok\"}");
    assert_invalid_field (bad_topic, "topic");
    no_outcome = act (env, token, id, "finish", "{\"topic\":\"data\"}");
    assert_invalid_field (no_outcome, "outcome");
    too_long = act (env, token, id, "finish", long_body);
    assert_invalid_field (too_long, "outcome");
    bad_notes = act (env, token, id, "finish", "{\"topic\":\"data\",\"outcome\":\"ok\",\"notes\":3}");
    assert_invalid_field (bad_notes, "notes");
    g_assert_cmpstr (ticket_status (env, token, id), ==, "serving");

    finished = act (env, token, id, "finish",
                    "{\"topic\":\"metadata\",\"outcome\":\"  Metadata Sakernas dijelaskan  \","
                    "\"notes\":\"Minta dikirimi tautan\",\"extra\":true}");
    pst_test_assert_status (finished, 200);
    ticket = object_of (finished);
    g_assert_cmpstr (member_string (ticket, "status"), ==, "done");
    g_assert_cmpstr (member_string (ticket, "topic"), ==, "metadata");
    g_assert_cmpstr (member_string (ticket, "outcome"), ==, "Metadata Sakernas dijelaskan");
    g_assert_cmpstr (member_string (ticket, "notes"), ==, "Minta dikirimi tautan");
    g_assert_false (member_is_null (ticket, "finished_at"));
    history = json_object_get_array_member (ticket, "history");
    g_assert_cmpuint (json_array_get_length (history), ==, 4);
    g_assert_cmpstr (member_string (json_array_get_object_element (history, 1), "action"), ==,
                     "called");
    g_assert_cmpstr (member_string (json_array_get_object_element (history, 2), "action"), ==,
                     "started");
    g_assert_cmpstr (member_string (json_array_get_object_element (history, 3), "action"), ==,
                     "finished");
    g_assert_cmpstr (member_string (json_array_get_object_element (history, 3), "from"), ==,
                     "serving");
    g_assert_cmpstr (member_string (json_array_get_object_element (history, 3), "to"), ==,
                     "done");

    again = act (env, token, id, "recall", NULL);
    pst_test_assert_error (again, 409, "conflict");
    g_assert_cmpstr (error_message (again), ==, "This ticket is already finished");
  }

  /* No-show, recall to another desk, requeue, call again. */
  second = issue (env, token, "6500", "library", NULL);
  call_until (env, token, "6500", "[\"library\"]", "5", second);
  {
    g_autoptr(PstTestResponse) gone = act (env, token, second, "no-show", NULL);
    g_autoptr(PstTestResponse) start_gone = NULL;
    g_autoptr(PstTestResponse) recalled = NULL;
    g_autoptr(PstTestResponse) bad_desk = NULL;
    g_autoptr(PstTestResponse) requeued = NULL;
    g_autoptr(PstTestResponse) called = NULL;
    g_autoptr(PstTestResponse) none = NULL;

    pst_test_assert_status (gone, 200);
    g_assert_cmpstr (member_string (object_of (gone), "status"), ==, "no_show");
    g_assert_false (member_is_null (object_of (gone), "finished_at"));

    start_gone = act (env, token, second, "start", NULL);
    pst_test_assert_error (start_gone, 409, "conflict");
    g_assert_cmpstr (error_message (start_gone), ==,
                     "The visitor did not come when called; recall the ticket first");

    bad_desk = act (env, token, second, "recall", "{\"desk\":\"\"}");
    assert_invalid_field (bad_desk, "desk");

    recalled = act (env, token, second, "recall", "{\"desk\":\"7\"}");
    pst_test_assert_status (recalled, 200);
    g_assert_cmpstr (member_string (object_of (recalled), "status"), ==, "called");
    g_assert_cmpstr (member_string (object_of (recalled), "desk"), ==, "7");
    g_assert_true (member_is_null (object_of (recalled), "finished_at"));
    g_assert_cmpstr (last_history_action (object_of (recalled)), ==, "recalled");

    requeued = act (env, token, second, "requeue", NULL);
    pst_test_assert_status (requeued, 200);
    g_assert_cmpstr (member_string (object_of (requeued), "status"), ==, "waiting");
    g_assert_true (member_is_null (object_of (requeued), "desk"));
    g_assert_true (member_is_null (object_of (requeued), "officer"));
    g_assert_true (member_is_null (object_of (requeued), "called_at"));
    g_assert_cmpstr (last_history_action (object_of (requeued)), ==, "requeued");

    called = call_next (env, token, "6500", "[\"library\"]", "3");
    pst_test_assert_status (called, 200);
    g_assert_cmpstr (member_string (object_of (called), "id"), ==, second);
    none = call_next (env, token, "6500", "[\"library\"]", "3");
    pst_test_assert_status (none, 204);
  }
}

/* A transfer to a service issues the next number of that queue, keeps the
 * history and moves the guest book; a transfer to an officer hands the
 * ticket over.
 */
static void
test_transfer (void)
{
  g_autoptr(Env) env = env_start ();
  g_autofree char *me = NULL;
  g_autofree char *colleague = NULL;
  g_autofree char *token = login (env, "petugas1.8205", &me);
  g_autofree char *token2 = login (env, "petugas2.8205", &colleague);
  g_autofree char *kiosk_id = NULL;
  g_autofree char *kiosk = login (env, "kiosk.8205", &kiosk_id);
  g_autofree char *stranger = NULL;
  g_autofree char *stranger_token = login (env, "petugas1.6500", &stranger);
  g_autofree char *id = issue (env, token, "8205", "consultation", NULL);
  g_autofree char *guest_book = guest_book_json ("8205014506010003");
  g_autofree char *guest_book_path = g_strdup_printf ("/tickets/%s/guest-book", id);
  g_autofree char *new_id = NULL;
  g_autoptr(PstTestResponse) filled = request (env, "PUT", guest_book_path, token, guest_book);
  g_autoptr(PstTestResponse) same_service = NULL;
  g_autoptr(PstTestResponse) both = NULL;
  g_autoptr(PstTestResponse) neither = NULL;
  g_autoptr(PstTestResponse) moved = NULL;
  g_autoptr(PstTestResponse) old = NULL;
  g_autoptr(PstTestResponse) twice = NULL;
  g_autoptr(PstTestResponse) fill_old = NULL;
  JsonObject *ticket;
  JsonArray *history;
  guint n;

  pst_test_assert_status (filled, 200);
  call_until (env, token, "8205", "[\"consultation\"]", "1", id);
  {
    g_autoptr(PstTestResponse) started = act (env, token, id, "start", NULL);

    pst_test_assert_status (started, 200);
  }

  same_service = act (env, token, id, "transfer", "{\"service\":\"consultation\"}");
  assert_invalid_field (same_service, "service");
  both = act (env, token, id, "transfer", "{\"service\":\"sales\",\"officer\":\"x\"}");
  pst_test_assert_error (both, 422, "invalid_field");
  neither = act (env, token, id, "transfer", "{}");
  assert_invalid_field (neither, "service");

  moved = act (env, token, id, "transfer", "{\"service\":\"sales\"}");
  pst_test_assert_status (moved, 200);
  ticket = object_of (moved);
  new_id = g_strdup (member_string (ticket, "id"));
  g_assert_cmpstr (new_id, !=, id);
  g_assert_cmpstr (member_string (ticket, "number"), ==, "J-003");
  g_assert_cmpstr (member_string (ticket, "service"), ==, "sales");
  g_assert_cmpstr (member_string (ticket, "status"), ==, "waiting");
  g_assert_cmpstr (member_string (ticket, "transferred_from"), ==, id);
  g_assert_cmpstr (member_string (json_object_get_object_member (ticket, "guest_book"), "name"),
                   ==, "Wulan Sari");
  history = json_object_get_array_member (ticket, "history");
  n = json_array_get_length (history);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (member_string (json_array_get_object_element (history, 0), "action"), ==,
                   "issued");
  g_assert_cmpstr (member_string (json_array_get_object_element (history, 1), "action"), ==,
                   "guest_book");
  g_assert_cmpstr (member_string (json_array_get_object_element (history, 3), "action"), ==,
                   "started");
  g_assert_cmpstr (member_string (json_array_get_object_element (history, 4), "action"), ==,
                   "transferred");
  g_assert_cmpstr (member_string (json_array_get_object_element (history, 4), "detail"), ==,
                   "J-003");
  g_assert_cmpstr (member_string (json_array_get_object_element (history, 5), "action"), ==,
                   "issued");
  g_assert_cmpstr (member_string (json_array_get_object_element (history, 5), "detail"), ==,
                   "K-011");

  old = get_ticket (env, token, id);
  pst_test_assert_status (old, 200);
  g_assert_cmpstr (member_string (object_of (old), "status"), ==, "transferred");
  g_assert_cmpstr (member_string (object_of (old), "transferred_to"), ==, new_id);
  g_assert_false (member_is_null (object_of (old), "finished_at"));
  g_assert_false (json_object_get_boolean_member (object_of (old), "has_guest_book"));

  twice = act (env, token, id, "transfer", "{\"service\":\"library\"}");
  pst_test_assert_error (twice, 409, "conflict");
  g_assert_cmpstr (error_message (twice), ==,
                   "This ticket was transferred to another service; use its new ticket");
  fill_old = request (env, "PUT", guest_book_path, token, guest_book);
  pst_test_assert_error (fill_old, 409, "conflict");

  /* Hand the new ticket, once called, to a colleague. */
  {
    g_autofree char *officer_body = g_strdup_printf ("{\"officer\":\"%s\"}", colleague);
    g_autofree char *kiosk_body = g_strdup_printf ("{\"officer\":\"%s\"}", kiosk_id);
    g_autofree char *stranger_body = g_strdup_printf ("{\"officer\":\"%s\"}", stranger);
    g_autoptr(PstTestResponse) waiting = act (env, token, new_id, "transfer", officer_body);
    g_autoptr(PstTestResponse) called = NULL;
    g_autoptr(PstTestResponse) to_kiosk = NULL;
    g_autoptr(PstTestResponse) to_stranger = NULL;
    g_autoptr(PstTestResponse) to_nobody = NULL;
    g_autoptr(PstTestResponse) handed = NULL;
    g_autoptr(PstTestResponse) again = NULL;
    g_autoptr(PstTestResponse) served = NULL;

    pst_test_assert_error (waiting, 409, "conflict");

    called = call_next (env, token, "8205", "[\"sales\"]", "1");
    pst_test_assert_status (called, 200);
    g_assert_cmpstr (member_string (object_of (called), "id"), ==, new_id);

    to_kiosk = act (env, token, new_id, "transfer", kiosk_body);
    assert_invalid_field (to_kiosk, "officer");
    to_stranger = act (env, token, new_id, "transfer", stranger_body);
    assert_invalid_field (to_stranger, "officer");
    to_nobody = act (env, token, new_id, "transfer", "{\"officer\":\"usr_nobody\"}");
    assert_invalid_field (to_nobody, "officer");

    handed = act (env, token, new_id, "transfer", officer_body);
    pst_test_assert_status (handed, 200);
    g_assert_cmpstr (member_string (object_of (handed), "officer"), ==, colleague);
    g_assert_cmpstr (member_string (object_of (handed), "status"), ==, "called");
    g_assert_cmpstr (last_history_action (object_of (handed)), ==, "reassigned");

    again = act (env, token, new_id, "transfer", officer_body);
    pst_test_assert_error (again, 409, "conflict");

    served = act (env, token2, new_id, "start", NULL);
    pst_test_assert_status (served, 200);
    g_assert_cmpstr (member_string (object_of (served), "officer"), ==, colleague);
  }

  /* Another office's officer does not see any of it. */
  {
    g_autoptr(PstTestResponse) hidden = get_ticket (env, stranger_token, new_id);

    pst_test_assert_error (hidden, 404, "not_found");
  }
  (void) kiosk;
}

/* Field-by-field validation; only the masked number is stored; the full
 * number is in no answer, event, log line or database page.
 */
static void
test_guest_book (void)
{
  static const struct { const char *field; const char *json; } invalid[] = {
    { "id_number", "{\"name\":\"A\",\"id_type\":\"ktp\",\"id_number\":\"1234\",\"email\":\"a@b.id\",\"purpose\":\"x\"}" },
    { "id_number", "{\"name\":\"A\",\"id_type\":\"ktp\",\"id_number\":\"0004015708920047\",\"email\":\"a@b.id\",\"purpose\":\"x\"}" },
    { "id_number", "{\"name\":\"A\",\"id_type\":\"ktp\",\"id_number\":\"7604019908920047\",\"email\":\"a@b.id\",\"purpose\":\"x\"}" },
    { "email", "{\"name\":\"A\",\"id_type\":\"ktp\",\"id_number\":\"" NIK_7604 "\",\"email\":\"a@@b\",\"purpose\":\"x\"}" },
    { "phone", "{\"name\":\"A\",\"id_type\":\"ktp\",\"id_number\":\"" NIK_7604 "\",\"email\":\"a@b.id\",\"phone\":\"12345\",\"purpose\":\"x\"}" },
    { "phone", "{\"name\":\"A\",\"id_type\":\"ktp\",\"id_number\":\"" NIK_7604 "\",\"email\":\"a@b.id\",\"phone\":\"+1 650 253 0000\",\"purpose\":\"x\"}" },
    { "name", "{\"id_type\":\"ktp\",\"id_number\":\"" NIK_7604 "\",\"email\":\"a@b.id\",\"purpose\":\"x\"}" },
    { "name", "{\"name\":5,\"id_type\":\"ktp\",\"id_number\":\"" NIK_7604 "\",\"email\":\"a@b.id\",\"purpose\":\"x\"}" },
    { "id_type", "{\"name\":\"A\",\"id_type\":\"kk\",\"id_number\":\"" NIK_7604 "\",\"email\":\"a@b.id\",\"purpose\":\"x\"}" },
    { "purpose", "{\"name\":\"A\",\"id_type\":\"ktp\",\"id_number\":\"" NIK_7604 "\",\"email\":\"a@b.id\"}" },
    { "id_number", "{\"name\":\"A\",\"id_type\":\"ktp\",\"id_number\":" NIK_7604 ",\"email\":\"a@b.id\",\"purpose\":\"x\"}" },
  };
  g_autoptr(Env) env = env_start ();
  g_autofree char *token = login (env, "petugas1.7604", NULL);
  g_autofree char *id = issue (env, token, "7604", "consultation", NULL);
  g_autofree char *path = g_strdup_printf ("/tickets/%s/guest-book", id);
  g_autofree char *valid = guest_book_json (NIK_7604_SPACED);
  g_autofree char *log = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(PstTestResponse) stored = NULL;
  g_autoptr(PstTestResponse) seen = NULL;
  g_autoptr(PstTestResponse) listed = NULL;
  g_autoptr(PstTestResponse) changes = NULL;
  g_autoptr(PstTestResponse) replaced = NULL;
  g_autoptr(PstTestResponse) localized = NULL;
  g_autoptr(PstTestResponse) english = NULL;
  const char *const indonesian[] = { "Accept-Language", "id", NULL };
  g_autofree char *full_path = g_strconcat ("/api/v1", path, NULL);
  JsonObject *guest_book;

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(PstTestResponse) refused = request (env, "PUT", path, token, invalid[i].json);

      assert_invalid_field (refused, invalid[i].field);
      g_assert_nonnull (error_message (refused));
      g_assert_null (strstr (refused->text, NIK_7604));
    }
  english = request (env, "PUT", path, token, invalid[0].json);
  localized = pst_test_request_full (env->server, "PUT", full_path, token, "application/json",
                                     invalid[0].json, -1, indonesian);
  assert_invalid_field (localized, "id_number");
  g_assert_cmpstr (error_message (localized), !=, error_message (english));

  seen = get_ticket (env, token, id);
  g_assert_false (json_object_get_boolean_member (object_of (seen), "has_guest_book"));
  g_clear_pointer (&seen, pst_test_response_free);

  stored = request (env, "PUT", path, token, valid);
  pst_test_assert_status (stored, 200);
  guest_book = json_object_get_object_member (object_of (stored), "guest_book");
  g_assert_cmpstr (member_string (guest_book, "id_number_masked"), ==, "************0047");
  g_assert_cmpstr (member_string (guest_book, "id_type"), ==, "ktp");
  g_assert_cmpstr (member_string (guest_book, "email"), ==, "wulan.sari@gmail.com");
  g_assert_cmpstr (member_string (guest_book, "phone"), ==, "+6281234567890");
  g_assert_cmpstr (last_history_action (object_of (stored)), ==, "guest_book");

  /* An officer may correct it. */
  replaced = request (env, "PUT", path, token,
                      "{\"name\":\"Wulan Sari Dewi\",\"id_type\":\"passport\",\"id_number\":\"B 1234567\","
                      "\"email\":\"wulan@unbabel.ac.id\",\"purpose\":\"Data kemiskinan\"}");
  pst_test_assert_status (replaced, 200);
  guest_book = json_object_get_object_member (object_of (replaced), "guest_book");
  g_assert_cmpstr (member_string (guest_book, "id_number_masked"), ==, "****4567");
  g_assert_true (member_is_null (guest_book, "phone"));
  g_clear_pointer (&replaced, pst_test_response_free);
  replaced = request (env, "PUT", path, token, valid);
  pst_test_assert_status (replaced, 200);

  seen = get_ticket (env, token, id);
  listed = list (env, token, "7604", "limit=500");
  changes = request (env, "GET", "/changes?since=0&limit=500", token, NULL);
  pst_test_assert_status (seen, 200);
  pst_test_assert_status (listed, 200);
  pst_test_assert_status (changes, 200);

  for (guint i = 0; i < 2; i++)
    {
      const char *nik = i == 0 ? NIK_7604 : NIK_7604_SPACED;

      g_assert_null (strstr (stored->text, nik));
      g_assert_null (strstr (replaced->text, nik));
      g_assert_null (strstr (seen->text, nik));
      g_assert_null (strstr (listed->text, nik));
      g_assert_null (strstr (changes->text, nik));
    }

  /* Events carry no personal data at all. */
  g_assert_nonnull (strstr (changes->text, "ticket.guest_book"));
  g_assert_null (strstr (changes->text, "Wulan"));
  g_assert_null (strstr (changes->text, "0047"));

  /* The server's log and database. */
  g_usleep (200 * 1000);
  log = env_log (env);
  g_assert_nonnull (strstr (log, "guest-book"));
  g_assert_null (strstr (log, NIK_7604));
  g_assert_null (strstr (log, "0157 0892"));
  {
    g_autofree char *db = NULL;
    gsize db_len = 0, wal_len = 0;

    g_assert_true (g_file_get_contents (env->server->db_path, &db, &db_len, NULL));
    wal = g_strconcat (env->server->db_path, "-wal", NULL);
    g_assert_false (contains (db, db_len, NIK_7604));
    if (g_file_test (wal, G_FILE_TEST_EXISTS))
      {
        g_autofree char *wal_data = NULL;

        g_assert_true (g_file_get_contents (wal, &wal_data, &wal_len, NULL));
        g_assert_false (contains (wal_data, wal_len, NIK_7604));
      }
  }
}

/* A kiosk issues tickets and fills in today's guest book once; nothing
 * else, and never sees personal data.
 */
static void
test_kiosk (void)
{
  g_autoptr(Env) env = env_start ();
  g_autofree char *kiosk = login (env, "kiosk.6500", NULL);
  g_autofree char *officer = login (env, "petugas1.6500", NULL);
  g_autofree char *guest_book = guest_book_json ("6571014506010003");
  g_autofree char *yesterday = office_date ("Asia/Makassar", -1);
  g_autofree char *old_id = insert_ticket_row (env, "6500", PST_SERVICE_CONSULTATION, yesterday, 1);
  g_autofree char *officer_8205 = login (env, "petugas1.8205", NULL);
  g_autofree char *other_office = issue (env, officer_8205, "8205", "consultation", NULL);
  g_autoptr(PstTestResponse) issued = issue_full (env, kiosk, "6500", "library", NULL);
  g_autofree char *path = g_strdup_printf ("/tickets/%s/guest-book",
                                           member_string (object_of (issued), "id"));
  g_autofree char *old_path = g_strdup_printf ("/tickets/%s/guest-book", old_id);
  g_autofree char *other_path = g_strdup_printf ("/tickets/%s/guest-book", other_office);
  g_autofree char *start_path = g_strdup_printf ("/tickets/%s/start",
                                                 member_string (object_of (issued), "id"));
  g_autoptr(PstTestResponse) filled = NULL;
  g_autoptr(PstTestResponse) refill = NULL;
  g_autoptr(PstTestResponse) old = NULL;
  g_autoptr(PstTestResponse) other = NULL;
  g_autoptr(PstTestResponse) listing = NULL;
  g_autoptr(PstTestResponse) calling = NULL;
  g_autoptr(PstTestResponse) starting = NULL;
  g_autoptr(PstTestResponse) reading = NULL;
  g_autoptr(PstTestResponse) elsewhere = NULL;
  g_autoptr(PstTestResponse) by_officer = NULL;

  pst_test_assert_status (issued, 201);
  g_assert_true (member_is_null (object_of (issued), "guest_book"));

  filled = request (env, "PUT", path, kiosk, guest_book);
  pst_test_assert_status (filled, 200);
  g_assert_true (json_object_get_boolean_member (object_of (filled), "has_guest_book"));
  g_assert_true (member_is_null (object_of (filled), "guest_book"));
  g_assert_null (strstr (filled->text, "Wulan"));

  refill = request (env, "PUT", path, kiosk, guest_book);
  pst_test_assert_error (refill, 409, "conflict");
  by_officer = request (env, "PUT", path, officer, guest_book);
  pst_test_assert_status (by_officer, 200);

  old = request (env, "PUT", old_path, kiosk, guest_book);
  pst_test_assert_error (old, 409, "conflict");
  other = request (env, "PUT", other_path, kiosk, guest_book);
  pst_test_assert_error (other, 404, "not_found");

  listing = list (env, kiosk, "6500", NULL);
  pst_test_assert_error (listing, 403, "forbidden");
  calling = call_next (env, kiosk, "6500", NULL, "1");
  pst_test_assert_error (calling, 403, "forbidden");
  starting = request (env, "POST", start_path, kiosk, NULL);
  pst_test_assert_error (starting, 403, "forbidden");
  reading = get_ticket (env, kiosk, member_string (object_of (issued), "id"));
  pst_test_assert_error (reading, 403, "forbidden");
  elsewhere = issue_full (env, kiosk, "8205", "consultation", NULL);
  pst_test_assert_error (elsewhere, 403, "forbidden");
}

static gint64
wait_due_of (Env        *env,
             const char *token,
             const char *id)
{
  g_autoptr(PstTestResponse) response = get_ticket (env, token, id);
  JsonObject *ticket;

  pst_test_assert_status (response, 200);
  ticket = object_of (response);
  if (member_is_null (ticket, "wait_due"))
    return PST_TIME_UNSET;
  return member_instant (ticket, "wait_due");
}

static gint64
instant_of (Env        *env,
            const char *token,
            const char *id,
            const char *member)
{
  g_autoptr(PstTestResponse) response = get_ticket (env, token, id);

  pst_test_assert_status (response, 200);
  return member_instant (object_of (response), member);
}

/* The wait clock starts when the previous visitor of the queue left (or
 * at issue) and not while they are still at the desk.
 */
static void
check_wait_due (Env        *env,
                const char *office,
                int         target_minutes)
{
  g_autofree char *user = g_strconcat ("petugas1.", office, NULL);
  g_autofree char *token = login (env, user, NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  gint64 target = target_minutes * PST_USEC_PER_MINUTE;
  gint64 b_due;

  drain (env, token, office, "[\"recommendation\"]", TRUE);

  /* The previous visitor left before A was issued: from A's issue. */
  a = issue (env, token, office, "recommendation", NULL);
  g_assert_cmpint (wait_due_of (env, token, a), ==, instant_of (env, token, a, "issued_at") + target);

  b = issue (env, token, office, "recommendation", NULL);
  g_assert_cmpint (wait_due_of (env, token, b), ==, PST_TIME_UNSET);

  {
    g_autoptr(PstTestResponse) called = call_next (env, token, office, "[\"recommendation\"]", "1");
    g_autoptr(PstTestResponse) started = NULL;
    g_autoptr(PstTestResponse) finished = NULL;
    g_autoptr(PstTestResponse) listed = NULL;
    JsonArray *items;
    gboolean found = FALSE;

    pst_test_assert_status (called, 200);
    g_assert_cmpstr (member_string (object_of (called), "id"), ==, a);
    g_assert_cmpint (wait_due_of (env, token, b), ==, PST_TIME_UNSET);

    started = act (env, token, a, "start", NULL);
    pst_test_assert_status (started, 200);
    g_assert_cmpint (wait_due_of (env, token, b), ==, PST_TIME_UNSET);

    finished = act (env, token, a, "finish", finish_body);
    pst_test_assert_status (finished, 200);
    b_due = member_instant (object_of (finished), "finished_at") + target;
    g_assert_cmpint (wait_due_of (env, token, b), ==, b_due);

    /* The list computes it the same way. */
    listed = list (env, token, office, "status=waiting&service=recommendation");
    pst_test_assert_status (listed, 200);
    items = json_object_get_array_member (object_of (listed), "items");
    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *item = json_array_get_object_element (items, i);

        if (g_strcmp0 (member_string (item, "id"), b) == 0)
          {
            g_assert_cmpint (member_instant (item, "wait_due"), ==, b_due);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  /* A no-show leaves the desk too; B keeps the target it was called
   * against.
   */
  c = issue (env, token, office, "recommendation", NULL);
  g_assert_cmpint (wait_due_of (env, token, c), ==, PST_TIME_UNSET);
  {
    g_autoptr(PstTestResponse) called = call_next (env, token, office, "[\"recommendation\"]", "1");
    g_autoptr(PstTestResponse) gone = NULL;

    pst_test_assert_status (called, 200);
    g_assert_cmpstr (member_string (object_of (called), "id"), ==, b);
    g_assert_cmpint (member_instant (object_of (called), "wait_due"), ==, b_due);
    g_assert_cmpint (wait_due_of (env, token, c), ==, PST_TIME_UNSET);

    gone = act (env, token, b, "no-show", NULL);
    pst_test_assert_status (gone, 200);
    g_assert_cmpint (wait_due_of (env, token, c), ==,
                     member_instant (object_of (gone), "finished_at") + target);
    g_assert_cmpint (wait_due_of (env, token, b), ==, b_due);
  }
}

static void
test_wait_due (void)
{
  g_autoptr(Env) env = env_start ();

  check_wait_due (env, "8205", 10);
  check_wait_due (env, "1905", 5);
}

/* Today's tickets by default, in queue order; date, status and service
 * filters; pages; yesterday's tickets stay out of today's queue.
 */
static void
test_list (void)
{
  g_autoptr(Env) env = env_start ();
  g_autofree char *token = login (env, "petugas1.6500", NULL);
  g_autofree char *admin = login (env, "admin", NULL);
  g_autofree char *today = office_date ("Asia/Makassar", 0);
  g_autofree char *yesterday = office_date ("Asia/Makassar", -1);
  g_autofree char *yesterday_query = g_strdup_printf ("date=%s", yesterday);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(PstTestResponse) all = list (env, token, "6500", NULL);
  g_autofree char *cursor = NULL;
  g_autofree char *number = NULL;
  JsonArray *items;
  gint64 previous = G_MININT64;
  guint pages = 0;

  pst_test_assert_status (all, 200);
  g_assert_cmpstr (member_string (object_of (all), "date"), ==, today);
  items = json_object_get_array_member (object_of (all), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 17);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      gint64 issued = member_instant (json_array_get_object_element (items, i), "issued_at");

      g_assert_cmpint (issued, >=, previous);
      previous = issued;
    }

  g_assert_cmpuint (count_tickets (env, token, "6500", "waiting"), ==, 5);
  g_assert_cmpuint (count_tickets (env, token, "6500", "waiting,called"), ==, 6);
  g_assert_cmpuint (count_tickets (env, token, "6500", "done"), ==, 8);
  {
    g_autoptr(PstTestResponse) library = list (env, token, "6500", "service=library");

    pst_test_assert_status (library, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (library),
                                                                           "items")), ==, 3);
  }

  /* Pages of 5 cover the day once. */
  do
    {
      g_autofree char *query = cursor != NULL ? g_strdup_printf ("limit=5&cursor=%s", cursor)
                                              : g_strdup ("limit=5");
      g_autoptr(PstTestResponse) page = list (env, token, "6500", query);
      JsonArray *page_items;

      pst_test_assert_status (page, 200);
      page_items = json_object_get_array_member (object_of (page), "items");
      for (guint i = 0; i < json_array_get_length (page_items); i++)
        g_assert_true (g_hash_table_add (seen, g_strdup (member_string (
                         json_array_get_object_element (page_items, i), "id"))));

      g_free (cursor);
      cursor = g_strdup (member_string (object_of (page), "next_cursor"));
      pages++;
    }
  while (cursor != NULL);
  g_assert_cmpuint (pages, ==, 4);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 17);

  /* Invalid filters. */
  {
    static const struct { const char *query; const char *field; } bad[] = {
      { "status=lost", "status" },
      { "status=waiting,lost", "status" },
      { "service=cooking", "service" },
      { "date=2026-02-30", "date" },
      { "date=yesterday", "date" },
      { "date=2026-1-05", "date" },
      { "limit=0", "limit" },
      { "limit=501", "limit" },
      { "cursor=nonsense", "cursor" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(PstTestResponse) refused = list (env, token, "6500", bad[i].query);

        assert_invalid_field (refused, bad[i].field);
      }
  }

  /* Yesterday's queue is another day: its own list, not today's numbers
   * nor today's calls.
   */
  for (guint seq = 1; seq <= 3; seq++)
    g_free (insert_ticket_row (env, "6500", PST_SERVICE_CONSULTATION, yesterday, seq));
  {
    g_autoptr(PstTestResponse) old = list (env, token, "6500", yesterday_query);

    pst_test_assert_status (old, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (old),
                                                                           "items")), ==, 3);
  }
  g_assert_cmpuint (count_tickets (env, token, "6500", NULL), ==, 17);
  g_free (issue (env, token, "6500", "consultation", &number));
  g_assert_cmpstr (number, ==, "K-011");
  g_assert_cmpuint (drain (env, token, "6500", NULL, FALSE), ==, 6);
  g_assert_cmpuint (count_tickets (env, token, "6500", "waiting"), ==, 0);

  /* Offices: another officer's is forbidden, an admin sees any, an
   * unknown one is not found.
   */
  {
    g_autoptr(PstTestResponse) other = list (env, token, "8205", NULL);
    g_autoptr(PstTestResponse) by_admin = list (env, admin, "8205", NULL);
    g_autoptr(PstTestResponse) unknown = list (env, admin, "9999", NULL);
    g_autoptr(PstTestResponse) anonymous = list (env, NULL, "6500", NULL);

    pst_test_assert_error (other, 403, "forbidden");
    pst_test_assert_status (by_admin, 200);
    pst_test_assert_error (unknown, 404, "not_found");
    pst_test_assert_error (anonymous, 401, "unauthorized");
  }
}

/* Two officers × 200 concurrent call-next over 400 waiting tickets: each
 * ticket is handed out once.
 */
typedef struct
{
  GMainLoop  *loop;
  GHashTable *owners;      /* ticket id → officer id */
  guint       pending;
  guint       called;
  guint       duplicates;
  guint       wrong_owner;
  guint       failed;
} CallRace;

typedef struct
{
  CallRace    *race;
  SoupMessage *msg;
  const char  *officer;
} CallOne;

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CallOne *one = user_data;
  CallRace *race = one->race;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL || soup_message_get_status (one->msg) != 200 ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), NULL))
    race->failed++;
  else
    {
      JsonObject *ticket = json_node_get_object (json_parser_get_root (parser));
      const char *id = member_string (ticket, "id");

      race->called++;
      if (g_hash_table_contains (race->owners, id))
        race->duplicates++;
      g_hash_table_insert (race->owners, g_strdup (id), (gpointer) one->officer);
      if (g_strcmp0 (member_string (ticket, "officer"), one->officer) != 0)
        race->wrong_owner++;
    }

  g_object_unref (one->msg);
  g_free (one);
  if (--race->pending == 0)
    g_main_loop_quit (race->loop);
}

static void
test_concurrent_call_next (void)
{
  g_autoptr(Env) env = env_start ();
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  g_autofree char *token1 = login (env, "petugas1.8205", &id1);
  g_autofree char *token2 = login (env, "petugas2.8205", &id2);
  g_autofree char *url = g_strconcat (env->server->base_url,
                                      "/api/v1/offices/8205/tickets/call-next", NULL);
  g_autoptr(SoupSession) session1 = soup_session_new_with_options ("max-conns", 100,
                                                                   "max-conns-per-host", 100,
                                                                   "timeout", 60, NULL);
  g_autoptr(SoupSession) session2 = soup_session_new_with_options ("max-conns", 100,
                                                                   "max-conns-per-host", 100,
                                                                   "timeout", 60, NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char *const services[] = { "consultation", "library", "sales", "recommendation" };
  CallRace race = { loop, owners, 0, 0, 0, 0, 0 };
  g_autoptr(PstTestResponse) none = NULL;

  drain (env, token1, "8205", NULL, FALSE);
  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(PstTestResponse) issued = issue_full (env, token1, "8205", services[i % 4], NULL);

      pst_test_assert_status (issued, 201);
    }
  g_assert_cmpuint (count_tickets (env, token1, "8205", "waiting"), ==, 400);

  for (guint i = 0; i < 200; i++)
    {
      for (guint s = 0; s < 2; s++)
        {
          CallOne *one = g_new0 (CallOne, 1);
          g_autofree char *auth = g_strconcat ("Bearer ", s == 0 ? token1 : token2, NULL);
          g_autoptr(GBytes) body = g_bytes_new_static ("{\"desk\":\"1\"}", 12);

          one->race = &race;
          one->officer = s == 0 ? id1 : id2;
          one->msg = soup_message_new ("POST", url);
          soup_message_headers_replace (soup_message_get_request_headers (one->msg),
                                        "Authorization", auth);
          soup_message_set_request_body_from_bytes (one->msg, "application/json", body);
          race.pending++;
          soup_session_send_and_read_async (s == 0 ? session1 : session2, one->msg,
                                            G_PRIORITY_DEFAULT, NULL, call_done_cb, one);
        }
    }

  g_main_loop_run (loop);

  g_assert_cmpuint (race.failed, ==, 0);
  g_assert_cmpuint (race.duplicates, ==, 0);
  g_assert_cmpuint (race.wrong_owner, ==, 0);
  g_assert_cmpuint (race.called, ==, 400);
  g_assert_cmpuint (g_hash_table_size (owners), ==, 400);

  none = call_next (env, token2, "8205", NULL, "2");
  pst_test_assert_status (none, 204);
  g_assert_cmpuint (count_tickets (env, token1, "8205", "waiting"), ==, 0);
  g_assert_cmpuint (count_tickets (env, token1, "8205", "called"), ==, 401);
}

/* The same Idempotency-Key and body give the first answer again and do
 * nothing twice; another body with that key is a conflict.
 */
static void
test_idempotency (void)
{
  g_autoptr(Env) env = env_start ();
  g_autofree char *token = login (env, "petugas1.8205", NULL);
  g_autoptr(PstTestResponse) first = NULL;
  g_autoptr(PstTestResponse) replay = NULL;
  g_autoptr(PstTestResponse) other_body = NULL;
  g_autoptr(PstTestResponse) call_first = NULL;
  g_autoptr(PstTestResponse) call_replay = NULL;
  g_autoptr(PstTestResponse) call_other = NULL;
  const char *body = "{\"service\":\"library\"}";
  const char *call_body = "{\"desk\":\"4\",\"services\":[\"library\"]}";
  guint before = count_tickets (env, token, "8205", NULL);
  guint waiting;

  first = request_with_key (env, "POST", "/offices/8205/tickets", token, body, "issue-1");
  replay = request_with_key (env, "POST", "/offices/8205/tickets", token, body, "issue-1");
  pst_test_assert_status (first, 201);
  pst_test_assert_status (replay, 201);
  g_assert_cmpstr (first->text, ==, replay->text);
  g_assert_cmpstr (soup_message_headers_get_one (replay->headers, "Idempotent-Replayed"), ==,
                   "true");
  g_assert_cmpuint (count_tickets (env, token, "8205", NULL), ==, before + 1);

  other_body = request_with_key (env, "POST", "/offices/8205/tickets", token,
                                 "{\"service\":\"sales\"}", "issue-1");
  pst_test_assert_error (other_body, 409, "conflict");
  g_assert_cmpuint (count_tickets (env, token, "8205", NULL), ==, before + 1);

  waiting = count_tickets (env, token, "8205", "waiting");
  call_first = request_with_key (env, "POST", "/offices/8205/tickets/call-next", token, call_body,
                                 "call-1");
  call_replay = request_with_key (env, "POST", "/offices/8205/tickets/call-next", token,
                                  call_body, "call-1");
  pst_test_assert_status (call_first, 200);
  pst_test_assert_status (call_replay, 200);
  g_assert_cmpstr (member_string (object_of (call_first), "id"), ==,
                   member_string (object_of (call_replay), "id"));
  g_assert_cmpuint (count_tickets (env, token, "8205", "waiting"), ==, waiting - 1);

  call_other = request_with_key (env, "POST", "/offices/8205/tickets/call-next", token,
                                 "{\"desk\":\"4\"}", "call-1");
  pst_test_assert_error (call_other, 409, "conflict");
  g_assert_cmpuint (count_tickets (env, token, "8205", "waiting"), ==, waiting - 1);
}

/* Malformed JSON, wrong types and oversize bodies are refused and change
 * nothing.
 */
static void
test_malformed (void)
{
  static const struct { const char *body; guint status; const char *code; const char *field; } issues[] = {
    { "{bad", 400, "invalid_json", NULL },
    { "[]", 400, "invalid_json", NULL },
    { "", 400, "invalid_json", NULL },
    { "{\"service\":5}", 422, "invalid_field", "service" },
    { "{\"service\":\"pizza\"}", 422, "invalid_field", "service" },
    { "{}", 422, "invalid_field", "service" },
    { "{\"service\":\"library\",\"guest_book\":\"x\"}", 422, "invalid_field", "guest_book" },
    { "{\"service\":\"library\",\"guest_book\":{\"name\":5}}", 422, "invalid_field", "guest_book.name" },
  };
  static const struct { const char *body; guint status; const char *field; } calls[] = {
    { "{bad", 400, NULL },
    { "{}", 422, "desk" },
    { "{\"desk\":7}", 422, "desk" },
    { "{\"desk\":\"   \"}", 422, "desk" },
    { "{\"desk\":\"1\",\"services\":\"library\"}", 422, "services" },
    { "{\"desk\":\"1\",\"services\":[]}", 422, "services" },
    { "{\"desk\":\"1\",\"services\":[\"library\",\"x\"]}", 422, "services[1]" },
    { "{\"desk\":\"1\",\"services\":[3]}", 422, "services[0]" },
  };
  g_autoptr(Env) env = env_start ();
  g_autofree char *token = login (env, "petugas1.8205", NULL);
  guint before = count_tickets (env, token, "8205", NULL);
  guint waiting = count_tickets (env, token, "8205", "waiting");
  gsize size = 1024 * 1024 + 1;
  g_autofree char *huge = g_malloc (size);
  g_autoptr(PstTestResponse) oversize = NULL;
  g_autoptr(PstTestResponse) bad_action = NULL;
  g_autofree char *waiting_id = issue (env, token, "8205", "recommendation", NULL);

  before++;
  waiting++;
  for (guint i = 0; i < G_N_ELEMENTS (issues); i++)
    {
      g_autoptr(PstTestResponse) refused = request (env, "POST", "/offices/8205/tickets", token,
                                                    issues[i].body);

      pst_test_assert_error (refused, issues[i].status, issues[i].code);
      g_assert_cmpstr (error_field (refused), ==, issues[i].field);
    }

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(PstTestResponse) refused = request (env, "POST", "/offices/8205/tickets/call-next",
                                                    token, calls[i].body);

      pst_test_assert_status (refused, calls[i].status);
      g_assert_cmpstr (error_field (refused), ==, calls[i].field);
    }

  memset (huge, ' ', size);
  oversize = pst_test_request_full (env->server, "POST", "/api/v1/offices/8205/tickets", token,
                                    "application/json", huge, size, NULL);
  pst_test_assert_error (oversize, 413, "payload_too_large");

  bad_action = act (env, token, waiting_id, "recall", "{bad");
  pst_test_assert_error (bad_action, 400, "invalid_json");

  g_assert_cmpuint (count_tickets (env, token, "8205", NULL), ==, before);
  g_assert_cmpuint (count_tickets (env, token, "8205", "waiting"), ==, waiting);
  g_assert_cmpstr (ticket_status (env, token, waiting_id), ==, "waiting");
}

/* Another office's tickets do not exist for an officer. */
static void
test_other_office (void)
{
  g_autoptr(Env) env = env_start ();
  g_autofree char *token = login (env, "petugas1.8205", NULL);
  g_autofree char *owner = login (env, "petugas1.6500", NULL);
  g_autofree char *admin = login (env, "admin", NULL);
  g_autofree char *id = issue (env, owner, "6500", "consultation", NULL);
  g_autofree char *guest_book = guest_book_json ("6571014506010003");
  g_autofree char *guest_book_path = g_strdup_printf ("/tickets/%s/guest-book", id);
  static const char *const actions[] = { "start", "finish", "no-show", "recall", "requeue",
                                         "transfer" };
  g_autoptr(PstTestResponse) read = get_ticket (env, token, id);
  g_autoptr(PstTestResponse) fill = request (env, "PUT", guest_book_path, token, guest_book);
  g_autoptr(PstTestResponse) missing = get_ticket (env, token, "tkt_missing");
  g_autoptr(PstTestResponse) by_admin = get_ticket (env, admin, id);
  g_autoptr(PstTestResponse) anonymous = get_ticket (env, NULL, id);
  g_autoptr(PstTestResponse) issue_there = issue_full (env, token, "6500", "library", NULL);
  g_autoptr(PstTestResponse) call_there = call_next (env, token, "6500", NULL, "1");

  pst_test_assert_error (read, 404, "not_found");
  pst_test_assert_error (fill, 404, "not_found");
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(PstTestResponse) refused = act (env, token, id, actions[i], finish_body);

      pst_test_assert_error (refused, 404, "not_found");
    }
  pst_test_assert_error (missing, 404, "not_found");
  pst_test_assert_status (by_admin, 200);
  pst_test_assert_error (anonymous, 401, "unauthorized");
  pst_test_assert_error (issue_there, 403, "forbidden");
  pst_test_assert_error (call_there, 403, "forbidden");
  g_assert_cmpstr (ticket_status (env, owner, id), ==, "waiting");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/queue/demo-morning", test_demo_morning);
  g_test_add_func ("/server/queue/issue-numbers", test_issue_numbers);
  g_test_add_func ("/server/queue/guest-book-before-queue", test_guest_book_before_queue);
  g_test_add_func ("/server/queue/transitions", test_transitions);
  g_test_add_func ("/server/queue/transfer", test_transfer);
  g_test_add_func ("/server/queue/guest-book", test_guest_book);
  g_test_add_func ("/server/queue/kiosk", test_kiosk);
  g_test_add_func ("/server/queue/wait-due", test_wait_due);
  g_test_add_func ("/server/queue/list", test_list);
  g_test_add_func ("/server/queue/concurrent-call-next", test_concurrent_call_next);
  g_test_add_func ("/server/queue/idempotency", test_idempotency);
  g_test_add_func ("/server/queue/malformed", test_malformed);
  g_test_add_func ("/server/queue/other-office", test_other_office);

  return g_test_run ();
}
