/* test-consultations.c: online consultations — the requester's public
 * routes, the officers' routes, events, the audit log, and the
 * scheduler — against the real server with the demo data.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-core.h"
#include "pst-consultation-rules.h"
#include "pst-server.h"
#include "pst-test-server.h"

#define DEMO_PASSWORD "pst-demo"

static PstTestResponse *
request (PstTestServer *server,
         const char    *method,
         const char    *path,
         const char    *token,
         const char    *body)
{
  g_autofree char *full = g_strconcat ("/api/v1", path, NULL);

  return pst_test_request (server, method, full, token, body);
}

static PstTestResponse *
request_with_key (PstTestServer *server,
                  const char    *method,
                  const char    *path,
                  const char    *token,
                  const char    *body,
                  const char    *key)
{
  g_autofree char *full = g_strconcat ("/api/v1", path, NULL);
  const char *const headers[] = { "Idempotency-Key", key, NULL };

  return pst_test_request_full (server, method, full, token, "application/json", body, -1,
                                headers);
}

/* POST to @path + @suffix. */
static PstTestResponse *
post_sub (PstTestServer *server,
          const char    *path,
          const char    *suffix,
          const char    *token,
          const char    *body)
{
  g_autofree char *full = g_strconcat ("/api/v1", path, suffix, NULL);

  return pst_test_request (server, "POST", full, token, body);
}

static const char *
member_string (JsonObject *obj,
               const char *member)
{
  return json_object_get_string_member_with_default (obj, member, NULL);
}

static const char *
error_field (PstTestResponse *response)
{
  JsonObject *error = json_object_get_object_member (pst_test_response_object (response), "error");

  return json_object_get_string_member_with_default (error, "field", NULL);
}

#define assert_invalid_field(resp, expected_field) \
  G_STMT_START { \
    pst_test_assert_error ((resp), 422, "invalid_field"); \
    g_assert_cmpstr (error_field (resp), ==, (expected_field)); \
  } G_STMT_END

static char *
login (PstTestServer  *server,
       const char     *username,
       char          **out_id)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username,
                                           DEMO_PASSWORD);
  g_autoptr(PstTestResponse) response = request (server, "POST", "/auth/login", NULL, body);
  JsonObject *obj;

  pst_test_assert_status (response, 200);
  obj = pst_test_response_object (response);
  if (out_id != NULL)
    *out_id = g_strdup (member_string (json_object_get_object_member (obj, "officer"), "id"));

  return g_strdup (member_string (obj, "token"));
}

static PstStore *
open_db (PstTestServer *server)
{
  g_autoptr(GError) error = NULL;
  PstStore *store = pst_store_open (server->db_path, PST_STORE_SCHEMA_SERVER, &error);

  g_assert_no_error (error);
  pst_store_set_busy_timeout (store, 5000);
  return store;
}

static gint64
db_count (PstTestServer *server,
          const char    *sql)
{
  g_autoptr(PstStore) store = open_db (server);
  g_autoptr(GError) error = NULL;
  g_auto(PstStoreStatement) stmt = pst_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  pst_store_step_one (store, stmt, &error);
  g_assert_no_error (error);
  return sqlite3_column_int64 (stmt, 0);
}

/* Opens a web consultation in @office; returns its id and access token. */
static char *
open_public (PstTestServer  *server,
             const char     *office,
             char          **out_token)
{
  g_autofree char *body = g_strdup_printf (
    "{\"office\":\"%s\",\"requester\":{\"name\":\"Wulan Sari\",\"email\":\"wulan@example.co.id\","
    "\"phone\":\"0812-3456-7890\"},\"subject\":\"Data kemiskinan 2024\",\"category\":\"data\","
    "\"message\":\"Mohon data persentase penduduk miskin tahun 2024.\","
    "\"kb_searched\":{\"query\":\"kemiskinan 2024\",\"viewed\":[]}}", office);
  g_autoptr(PstTestResponse) response = request (server, "POST", "/public/consultations", NULL, body);
  JsonObject *obj;

  pst_test_assert_status (response, 201);
  obj = pst_test_response_object (response);
  g_assert_nonnull (member_string (obj, "first_response_due"));
  if (out_token != NULL)
    *out_token = g_strdup (member_string (obj, "access_token"));

  return g_strdup (member_string (obj, "id"));
}

static gint64
last_seq (PstTestServer *server,
          const char    *token)
{
  g_autoptr(PstTestResponse) response = request (server, "GET", "/changes", token, NULL);

  pst_test_assert_status (response, 200);
  return json_object_get_int_member (pst_test_response_object (response), "last_seq");
}

/* How many events of @type about consultation @id came after @since. */
static guint
count_events (PstTestServer *server,
              const char    *token,
              gint64         since,
              const char    *type,
              const char    *id)
{
  g_autofree char *path = g_strdup_printf ("/changes?since=%" G_GINT64_FORMAT "&limit=500", since);
  g_autoptr(PstTestResponse) response = request (server, "GET", path, token, NULL);
  JsonArray *events;
  guint count = 0;

  pst_test_assert_status (response, 200);
  events = json_object_get_array_member (pst_test_response_object (response), "events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonObject *data = json_object_get_object_member (event, "data");

      if (g_strcmp0 (member_string (event, "type"), type) == 0 &&
          g_strcmp0 (member_string (data, "id"), id) == 0)
        count++;
    }

  return count;
}

static JsonObject *
find_item (PstTestResponse *response,
           const char      *id)
{
  JsonArray *items = json_object_get_array_member (pst_test_response_object (response), "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (member_string (item, "id"), id) == 0)
        return item;
    }

  return NULL;
}

static void
test_public_flow (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *officer_id = NULL;
  g_autofree char *officer = login (server, "petugas1.7604", &officer_id);
  g_autofree char *other = login (server, "petugas2.7604", NULL);
  g_autofree char *access = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *public_path = NULL;
  g_autoptr(PstTestResponse) list = NULL;
  g_autoptr(PstTestResponse) got = NULL;
  g_autoptr(PstTestResponse) claim = NULL;
  g_autoptr(PstTestResponse) taken = NULL;
  g_autoptr(PstTestResponse) reply = NULL;
  g_autoptr(PstTestResponse) seen = NULL;
  g_autoptr(PstTestResponse) answer = NULL;
  JsonObject *item;
  JsonObject *sla;
  JsonArray *messages;
  gint64 since = last_seq (server, officer);

  id = open_public (server, "7604", &access);
  path = g_strdup_printf ("/consultations/%s", id);
  public_path = g_strdup_printf ("/public/consultations/%s", id);

  /* The officers see it, unassigned, with its deadline. */
  list = request (server, "GET", "/consultations?assignee=unassigned", officer, NULL);
  pst_test_assert_status (list, 200);
  item = find_item (list, id);
  g_assert_nonnull (item);
  g_assert_cmpstr (member_string (item, "channel"), ==, "web");
  g_assert_cmpstr (member_string (item, "status"), ==, "open");
  g_assert_true (json_object_get_null_member (item, "assignee"));
  sla = json_object_get_object_member (item, "sla");
  g_assert_nonnull (member_string (sla, "first_response_due"));
  g_assert_cmpstr (member_string (sla, "state"), ==, "ok");
  g_assert_cmpstr (member_string (json_object_get_object_member (item, "requester"), "phone"), ==,
                   "+6281234567890");
  g_assert_cmpstr (member_string (json_object_get_object_member (item, "kb_searched"), "query"),
                   ==, "kemiskinan 2024");
  g_assert_cmpuint (count_events (server, officer, since, "consultation.created", id), ==, 1);

  got = request (server, "GET", path, officer, NULL);
  pst_test_assert_status (got, 200);
  messages = json_object_get_array_member (pst_test_response_object (got), "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 1);
  g_assert_cmpstr (member_string (json_array_get_object_element (messages, 0), "author"), ==,
                   "requester");

  /* Claiming: the first officer gets it, the second hears 409. */
  claim = post_sub (server, path, "/claim", officer, NULL);
  pst_test_assert_status (claim, 200);
  g_assert_cmpstr (member_string (pst_test_response_object (claim), "assignee"), ==, officer_id);
  taken = post_sub (server, path, "/claim", other, NULL);
  pst_test_assert_error (taken, 409, "conflict");
  g_assert_cmpuint (count_events (server, officer, since, "consultation.assigned", id), ==, 1);

  /* The officer answers; the requester sees it without staff IDs. */
  reply = post_sub (server, path, "/messages", officer,
                   "{\"body\":\"Data tersedia di tabel Persentase Penduduk Miskin.\","
                   "\"kb_article_ids\":[]}");
  pst_test_assert_status (reply, 201);
  g_assert_cmpstr (member_string (pst_test_response_object (reply), "status"), ==,
                   "awaiting_requester");
  g_assert_nonnull (member_string (json_object_get_object_member (pst_test_response_object (reply),
                                                                  "sla"),
                                   "idle_close_at"));
  g_assert_cmpuint (count_events (server, officer, since, "message.created", id), ==, 1);

  seen = request (server, "GET", public_path, access, NULL);
  pst_test_assert_status (seen, 200);
  messages = json_object_get_array_member (pst_test_response_object (seen), "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_cmpstr (member_string (json_array_get_object_element (messages, 1), "author"), ==,
                   "officer");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (messages, 1),
                                              "officer"));
  g_assert_true (json_object_get_null_member (pst_test_response_object (seen), "assignee"));

  /* The requester's reply makes it wait for an officer again. */
  answer = post_sub (server, public_path, "/messages", access,
                    "{\"body\":\"Terima kasih, apakah ada data per kecamatan?\"}");
  pst_test_assert_status (answer, 201);
  g_assert_cmpstr (member_string (pst_test_response_object (answer), "status"), ==,
                   "awaiting_officer");
  g_assert_cmpuint (count_events (server, officer, since, "message.created", id), ==, 2);
}

static void
test_public_validation (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(PstTestResponse) bad_email = NULL;
  g_autoptr(PstTestResponse) bad_phone = NULL;
  g_autoptr(PstTestResponse) no_requester = NULL;
  g_autoptr(PstTestResponse) bad_office = NULL;
  g_autoptr(PstTestResponse) empty = NULL;

  bad_email = request (server, "POST", "/public/consultations", NULL,
                       "{\"office\":\"7604\",\"requester\":{\"name\":\"A\",\"email\":\"a@b\"},"
                       "\"subject\":\"S\",\"category\":\"data\",\"message\":\"M\"}");
  assert_invalid_field (bad_email, "requester.email");
  bad_phone = request (server, "POST", "/public/consultations", NULL,
                       "{\"office\":\"7604\",\"requester\":{\"name\":\"A\",\"email\":\"a@example.com\","
                       "\"phone\":\"12345\"},\"subject\":\"S\",\"category\":\"data\",\"message\":\"M\"}");
  assert_invalid_field (bad_phone, "requester.phone");
  no_requester = request (server, "POST", "/public/consultations", NULL,
                          "{\"office\":\"7604\",\"subject\":\"S\",\"category\":\"data\","
                          "\"message\":\"M\"}");
  assert_invalid_field (no_requester, "requester");
  bad_office = request (server, "POST", "/public/consultations", NULL,
                        "{\"office\":\"9999\",\"requester\":{\"name\":\"A\",\"email\":\"a@example.com\"},"
                        "\"subject\":\"S\",\"category\":\"data\",\"message\":\"M\"}");
  assert_invalid_field (bad_office, "office");
  empty = request (server, "POST", "/public/consultations", NULL,
                   "{\"office\":\"7604\",\"requester\":{\"name\":\"A\",\"email\":\"a@example.com\"},"
                   "\"subject\":\"S\",\"category\":\"data\",\"message\":\"   \"}");
  assert_invalid_field (empty, "message");

  /* 7325 serves WhatsApp only online. */
  {
    g_autoptr(PstTestResponse) no_web = NULL;

    no_web = request (server, "POST", "/public/consultations", NULL,
                      "{\"office\":\"7325\",\"requester\":{\"name\":\"A\",\"email\":\"a@example.com\"},"
                      "\"subject\":\"S\",\"category\":\"data\",\"message\":\"M\"}");
    assert_invalid_field (no_web, "office");
  }
}

static void
test_access_token_scope (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *access_a = NULL;
  g_autofree char *access_b = NULL;
  g_autofree char *id_a = open_public (server, "7604", &access_a);
  g_autofree char *id_b = open_public (server, "7604", &access_b);
  g_autofree char *path_a = g_strdup_printf ("/public/consultations/%s", id_a);
  g_autoptr(PstTestResponse) none = request (server, "GET", path_a, NULL, NULL);
  g_autoptr(PstTestResponse) wrong = request (server, "GET", path_a, access_b, NULL);
  g_autoptr(PstTestResponse) post_wrong = post_sub (server, path_a, "/messages",
                                                   access_b, "{\"body\":\"x\"}");
  g_autoptr(PstTestResponse) right = request (server, "GET", path_a, access_a, NULL);
  g_autoptr(PstTestResponse) officer_route = request (server, "GET", "/consultations?office=7604",
                                                      access_a, NULL);
  g_autoptr(PstTestResponse) me = request (server, "GET", "/me", access_a, NULL);
  g_autofree char *officer_path = g_strdup_printf ("/consultations/%s", id_a);
  g_autoptr(PstTestResponse) officer_get = request (server, "GET", officer_path, access_a, NULL);

  pst_test_assert_error (none, 401, "unauthorized");
  pst_test_assert_error (wrong, 404, "not_found");
  pst_test_assert_error (post_wrong, 404, "not_found");
  pst_test_assert_status (right, 200);
  pst_test_assert_error (officer_route, 401, "unauthorized");
  pst_test_assert_error (me, 401, "unauthorized");
  pst_test_assert_error (officer_get, 401, "unauthorized");
  g_assert_cmpstr (id_a, !=, id_b);
}

/* Names travel with the ids (officers may not list the office's
 * accounts), and the first response is told; the requester sees neither
 * ids nor names.
 */
static void
test_names (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *officer_id = NULL;
  g_autofree char *officer = login (server, "petugas1.7604", &officer_id);
  g_autofree char *access = NULL;
  g_autofree char *id = open_public (server, "7604", &access);
  g_autofree char *path = g_strdup_printf ("/consultations/%s", id);
  g_autofree char *public_path = g_strdup_printf ("/public/consultations/%s", id);
  g_autofree char *events_path = NULL;
  g_autoptr(PstTestResponse) me = request (server, "GET", "/me", officer, NULL);
  g_autoptr(PstTestResponse) before = NULL;
  g_autoptr(PstTestResponse) claimed = NULL;
  g_autoptr(PstTestResponse) reply = NULL;
  g_autoptr(PstTestResponse) list = NULL;
  g_autoptr(PstTestResponse) seen = NULL;
  g_autoptr(PstTestResponse) changes = NULL;
  const char *name;
  JsonObject *obj;
  JsonObject *item;
  JsonObject *message;
  JsonArray *messages;
  JsonArray *events;
  gint64 since = last_seq (server, officer);
  gboolean event_seen = FALSE;

  pst_test_assert_status (me, 200);
  name = pst_test_response_string (me, "name");
  g_assert_nonnull (name);

  /* Unassigned and unanswered: neither name nor first response. */
  before = request (server, "GET", "/consultations?office=7604", officer, NULL);
  pst_test_assert_status (before, 200);
  item = find_item (before, id);
  g_assert_nonnull (item);
  g_assert_false (json_object_has_member (item, "assignee_name"));
  g_assert_false (json_object_has_member (json_object_get_object_member (item, "sla"),
                                          "first_response_at"));

  claimed = post_sub (server, path, "/claim", officer, NULL);
  pst_test_assert_status (claimed, 200);
  g_assert_cmpstr (member_string (pst_test_response_object (claimed), "assignee_name"), ==, name);

  reply = post_sub (server, path, "/messages", officer, "{\"body\":\"Datanya ada di web kami.\"}");
  pst_test_assert_status (reply, 201);
  obj = pst_test_response_object (reply);
  messages = json_object_get_array_member (obj, "messages");
  message = json_array_get_object_element (messages, json_array_get_length (messages) - 1);
  g_assert_cmpstr (member_string (message, "officer"), ==, officer_id);
  g_assert_cmpstr (member_string (message, "officer_name"), ==, name);
  g_assert_false (json_object_has_member (json_array_get_object_element (messages, 0),
                                          "officer_name"));
  g_assert_nonnull (member_string (json_object_get_object_member (obj, "sla"), "first_response_at"));

  list = request (server, "GET", "/consultations?office=7604", officer, NULL);
  pst_test_assert_status (list, 200);
  item = find_item (list, id);
  g_assert_cmpstr (member_string (item, "assignee_name"), ==, name);
  g_assert_nonnull (member_string (json_object_get_object_member (item, "sla"), "first_response_at"));

  /* The event of the message carries the name too. */
  events_path = g_strdup_printf ("/changes?since=%" G_GINT64_FORMAT, since);
  changes = request (server, "GET", events_path, officer, NULL);
  pst_test_assert_status (changes, 200);
  events = json_object_get_array_member (pst_test_response_object (changes), "events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonObject *data = json_object_get_object_member (event, "data");

      if (g_strcmp0 (member_string (event, "type"), "message.created") != 0 ||
          g_strcmp0 (member_string (data, "id"), id) != 0)
        continue;
      g_assert_cmpstr (member_string (data, "assignee_name"), ==, name);
      g_assert_cmpstr (member_string (json_object_get_object_member (data, "message"),
                                      "officer_name"), ==, name);
      event_seen = TRUE;
    }
  g_assert_true (event_seen);

  /* The requester sees no staff names. */
  seen = request (server, "GET", public_path, access, NULL);
  pst_test_assert_status (seen, 200);
  obj = pst_test_response_object (seen);
  g_assert_false (json_object_has_member (obj, "assignee_name"));
  messages = json_object_get_array_member (obj, "messages");
  for (guint i = 0; i < json_array_get_length (messages); i++)
    g_assert_false (json_object_has_member (json_array_get_object_element (messages, i),
                                            "officer_name"));
  g_assert_null (strstr (seen->text, name));
}

static void
test_assign_close_reopen (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *officer = login (server, "petugas1.7604", NULL);
  g_autofree char *target_id = NULL;
  g_autofree char *target = login (server, "petugas2.7604", &target_id);
  g_autofree char *supervisor = login (server, "spv.7604", NULL);
  g_autofree char *foreign_id = NULL;
  g_autofree char *foreign = login (server, "petugas1.8205", &foreign_id);
  g_autofree char *id = open_public (server, "7604", NULL);
  g_autofree char *path = g_strdup_printf ("/consultations/%s", id);
  g_autofree char *assign_body = g_strdup_printf ("{\"officer\":\"%s\",\"note\":\"Ahli KBLI\"}",
                                                  target_id);
  g_autofree char *foreign_body = g_strdup_printf ("{\"officer\":\"%s\"}", foreign_id);
  g_autoptr(PstTestResponse) by_officer = NULL;
  g_autoptr(PstTestResponse) to_foreign = NULL;
  g_autoptr(PstTestResponse) assigned = NULL;
  g_autoptr(PstTestResponse) mine = NULL;
  g_autoptr(PstTestResponse) bad_close = NULL;
  g_autoptr(PstTestResponse) closed = NULL;
  g_autoptr(PstTestResponse) again = NULL;
  g_autoptr(PstTestResponse) message = NULL;
  g_autoptr(PstTestResponse) reopened = NULL;
  g_autoptr(PstTestResponse) reopen_again = NULL;
  gint64 since = last_seq (server, supervisor);

  by_officer = post_sub (server, path, "/assign", officer, assign_body);
  pst_test_assert_error (by_officer, 403, "forbidden");
  to_foreign = post_sub (server, path, "/assign", supervisor, foreign_body);
  assert_invalid_field (to_foreign, "officer");

  assigned = post_sub (server, path, "/assign", supervisor, assign_body);
  pst_test_assert_status (assigned, 200);
  g_assert_cmpstr (member_string (pst_test_response_object (assigned), "assignee"), ==, target_id);
  g_assert_cmpint (db_count (server, "SELECT count (*) FROM audit_log WHERE action ="
                                     " 'consultation.assign' AND detail LIKE '%Ahli KBLI%'"), ==, 1);
  g_assert_cmpuint (count_events (server, supervisor, since, "consultation.assigned", id), ==, 1);

  mine = request (server, "GET", "/consultations?assignee=me", target, NULL);
  pst_test_assert_status (mine, 200);
  g_assert_nonnull (find_item (mine, id));

  bad_close = post_sub (server, path, "/close", target,
                       "{\"resolution\":\"solved\"}");
  assert_invalid_field (bad_close, "resolution");
  closed = post_sub (server, path, "/close", target,
                    "{\"resolution\":\"answered\"}");
  pst_test_assert_status (closed, 200);
  g_assert_cmpstr (member_string (pst_test_response_object (closed), "status"), ==, "closed");
  g_assert_cmpstr (member_string (pst_test_response_object (closed), "resolution"), ==, "answered");
  again = post_sub (server, path, "/close", target,
                   "{\"resolution\":\"answered\"}");
  pst_test_assert_error (again, 409, "conflict");
  message = post_sub (server, path, "/messages", target,
                     "{\"body\":\"Tambahan\"}");
  pst_test_assert_error (message, 409, "conflict");
  g_assert_cmpuint (count_events (server, supervisor, since, "consultation.closed", id), ==, 1);

  reopened = post_sub (server, path, "/reopen", target, NULL);
  pst_test_assert_status (reopened, 200);
  g_assert_cmpstr (member_string (pst_test_response_object (reopened), "status"), ==,
                   "awaiting_officer");
  g_assert_true (json_object_get_null_member (pst_test_response_object (reopened), "resolution"));
  reopen_again = post_sub (server, path, "/reopen", target, NULL);
  pst_test_assert_error (reopen_again, 409, "conflict");
  g_assert_cmpuint (count_events (server, supervisor, since, "consultation.reopened", id), ==, 1);

  /* Another office's officer: not even said to exist. */
  {
    g_autoptr(PstTestResponse) get = request (server, "GET", path, foreign, NULL);
    g_autoptr(PstTestResponse) post = post_sub (server, path, "/messages",
                                               foreign, "{\"body\":\"x\"}");
    g_autoptr(PstTestResponse) list = request (server, "GET", "/consultations?office=7604", foreign,
                                               NULL);

    pst_test_assert_error (get, 404, "not_found");
    pst_test_assert_error (post, 404, "not_found");
    pst_test_assert_error (list, 403, "forbidden");
  }
}

static void
test_follow_up (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *officer = login (server, "petugas1.8205", NULL);
  g_autofree char *id = open_public (server, "8205", NULL);
  g_autofree char *path = g_strdup_printf ("/consultations/%s/follow-up", id);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
  g_autofree char *later_text = g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *zoom_body = g_strdup_printf ("{\"mode\":\"zoom\",\"at\":\"%s\","
                                                "\"link\":\"https://zoom.us/j/123456789\"}",
                                                later_text);
  g_autofree char *no_link_body = g_strdup_printf ("{\"mode\":\"zoom\",\"at\":\"%s\"}", later_text);
  g_autoptr(PstTestResponse) past = NULL;
  g_autoptr(PstTestResponse) no_link = NULL;
  g_autoptr(PstTestResponse) bad_mode = NULL;
  g_autoptr(PstTestResponse) zoom = NULL;
  JsonObject *follow_up;

  past = request (server, "POST", path, officer,
                  "{\"mode\":\"in_person\",\"at\":\"2020-01-01T00:00:00Z\"}");
  assert_invalid_field (past, "at");
  no_link = request (server, "POST", path, officer, no_link_body);
  assert_invalid_field (no_link, "link");
  bad_mode = request (server, "POST", path, officer, "{\"mode\":\"phone\",\"at\":\"2099-01-01T00:00:00Z\"}");
  assert_invalid_field (bad_mode, "mode");

  zoom = request (server, "POST", path, officer, zoom_body);
  pst_test_assert_status (zoom, 200);
  follow_up = json_object_get_object_member (pst_test_response_object (zoom), "follow_up");
  g_assert_cmpstr (member_string (follow_up, "mode"), ==, "zoom");
  g_assert_cmpstr (member_string (follow_up, "link"), ==, "https://zoom.us/j/123456789");
}

static void
test_walk_in_and_idempotency (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *officer_id = NULL;
  g_autofree char *officer = login (server, "petugas1.1905", &officer_id);
  g_autoptr(PstTestResponse) web = NULL;
  g_autoptr(PstTestResponse) walk_in = NULL;
  g_autoptr(PstTestResponse) first = NULL;
  g_autoptr(PstTestResponse) replay = NULL;
  g_autofree char *path = NULL;
  g_autofree char *count_sql = NULL;
  const char *id;

  web = request (server, "POST", "/consultations", officer,
                 "{\"channel\":\"web\",\"subject\":\"S\",\"category\":\"data\","
                 "\"requester\":{\"name\":\"Budi\"}}");
  assert_invalid_field (web, "channel");

  walk_in = request (server, "POST", "/consultations", officer,
                     "{\"channel\":\"walk_in\",\"subject\":\"Kode KBLI warung makan\","
                     "\"category\":\"classification\",\"requester\":{\"name\":\"Budi\"},"
                     "\"message\":\"Kode KBLI untuk warung makan?\"}");
  pst_test_assert_status (walk_in, 201);
  id = member_string (pst_test_response_object (walk_in), "id");
  g_assert_cmpstr (member_string (pst_test_response_object (walk_in), "assignee"), ==, officer_id);
  g_assert_cmpstr (member_string (pst_test_response_object (walk_in), "office"), ==, "1905");

  path = g_strdup_printf ("/consultations/%s/messages", id);
  first = request_with_key (server, "POST", path, officer, "{\"body\":\"KBLI 56102.\"}", "key-1");
  pst_test_assert_status (first, 201);
  replay = request_with_key (server, "POST", path, officer, "{\"body\":\"KBLI 56102.\"}", "key-1");
  pst_test_assert_status (replay, 201);
  g_assert_cmpstr (soup_message_headers_get_one (replay->headers, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpstr (first->text, ==, replay->text);
  count_sql = g_strdup_printf ("SELECT count (*) FROM messages WHERE consultation = '%s'"
                               " AND author = 'officer'", id);
  g_assert_cmpint (db_count (server, count_sql), ==, 1);
}

/* Whether some unanswered web consultation of @office could show a
 * warning now, by the office's calendar as the API gives it.
 */
static gboolean
warning_possible (PstTestServer *server,
                  const char    *office)
{
  g_autofree char *path = g_strdup_printf ("/offices/%s", office);
  g_autoptr(PstTestResponse) response = request (server, "GET", path, NULL, NULL);
  g_autoptr(PstCalendar) calendar = NULL;
  g_autoptr(PstStandard) standard = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *obj;
  JsonArray *hours;
  JsonArray *holidays;
  gint64 now = g_get_real_time ();

  pst_test_assert_status (response, 200);
  obj = pst_test_response_object (response);
  calendar = pst_calendar_new_for_zone (member_string (obj, "timezone"), &error);
  g_assert_no_error (error);
  standard = pst_standard_from_json (json_object_get_member (obj, "standard"), &error);
  g_assert_no_error (error);

  hours = json_object_get_array_member (obj, "service_hours");
  for (int weekday = G_DATE_MONDAY; weekday <= G_DATE_SUNDAY; weekday++)
    pst_calendar_set_hours (calendar, weekday, 0, 0);
  for (guint i = 0; i < json_array_get_length (hours); i++)
    {
      g_autoptr(PstServiceHours) entry = pst_service_hours_from_json (json_array_get_element (hours, i),
                                                                      &error);

      g_assert_no_error (error);
      pst_calendar_set_hours (calendar, entry->weekday, entry->open_minute, entry->close_minute);
    }
  holidays = json_object_get_array_member (obj, "holidays");
  for (guint i = 0; i < json_array_get_length (holidays); i++)
    {
      g_autoptr(PstHoliday) holiday = pst_holiday_from_json (json_array_get_element (holidays, i),
                                                             &error);

      g_assert_no_error (error);
      pst_calendar_add_holiday (calendar, holiday);
    }

  for (gint64 back = 20 * PST_USEC_PER_MINUTE; back < 40 * PST_USEC_PER_DAY;
       back += 20 * PST_USEC_PER_MINUTE)
    {
      gint64 due = pst_consultation_first_response_due (calendar, standard, PST_CHANNEL_WEB,
                                                        now - back);

      if (pst_consultation_sla_state (calendar, PST_CONSULTATION_STATUS_OPEN, now - back, due,
                                      PST_TIME_UNSET, now) == PST_BADGE_WARNING)
        return TRUE;
    }

  return FALSE;
}

static void
test_demo (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  const char *offices[] = { "8205", "6500", "1905", "7604", "7325" };

  for (guint o = 0; o < G_N_ELEMENTS (offices); o++)
    {
      g_autofree char *username = g_strdup_printf ("spv.%s", offices[o]);
      g_autofree char *token = login (server, username, NULL);
      g_autoptr(PstTestResponse) list = request (server, "GET", "/consultations", token, NULL);
      JsonArray *items;
      gboolean seen[3] = { FALSE, FALSE, FALSE };
      gboolean assigned = FALSE, unassigned = FALSE;

      pst_test_assert_status (list, 200);
      items = json_object_get_array_member (pst_test_response_object (list), "items");
      g_assert_cmpuint (json_array_get_length (items), >=, 6);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          const char *state = member_string (json_object_get_object_member (item, "sla"), "state");

          seen[0] |= g_strcmp0 (state, "ok") == 0;
          seen[1] |= g_strcmp0 (state, "warning") == 0;
          seen[2] |= g_strcmp0 (state, "breached") == 0;
          if (json_object_get_null_member (item, "assignee"))
            unassigned = TRUE;
          else
            assigned = TRUE;
        }
      /* A warning (under 20 % of the window left) only exists while the
       * office works through the last part of a window: not in the
       * evening, at the weekend or on a holiday.
       */
      g_assert_true (seen[0] && seen[2]);
      if (warning_possible (server, offices[o]))
        g_assert_true (seen[1]);
      g_assert_true (assigned && unassigned);
      /* Most urgent first: the first is breached. */
      g_assert_cmpstr (member_string (json_object_get_object_member (json_array_get_object_element (items, 0), "sla"), "state"),
                       ==, "breached");
    }
}

/* The scheduler, run in-process on the server's database at chosen
 * instants.
 */
static void
test_scheduler (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *officer = login (server, "petugas1.7325", NULL);
  g_autoptr(PstTestResponse) created = request (server, "POST", "/consultations", officer,
                                                "{\"channel\":\"phone\",\"subject\":\"Data PDRB\","
                                                "\"category\":\"data\",\"requester\":{\"name\":\"Ilham\"},"
                                                "\"message\":\"Data PDRB 2024 per kecamatan?\"}");
  g_autofree char *id = g_strdup (member_string (pst_test_response_object (created), "id"));
  g_autofree char *path = g_strdup_printf ("/consultations/%s/messages", id);
  g_autoptr(PstTestResponse) reply = NULL;
  g_autoptr(PstStore) store = NULL;
  g_autoptr(PstClock) clock = NULL;
  g_autoptr(PstServerConfig) config = pst_server_config_new ();
  g_autoptr(PstServer) in_process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status_sql = NULL;
  gint64 idle_close_at = 0;
  guint closed = 0, events = 0;

  reply = request (server, "POST", path, officer, "{\"body\":\"Silakan lihat publikasi Luwu Timur Dalam Angka.\"}");
  pst_test_assert_status (reply, 201);
  g_assert_true (pst_time_parse_rfc3339 (member_string (json_object_get_object_member (pst_test_response_object (reply), "sla"),
                                                        "idle_close_at"),
                                         &idle_close_at));
  pst_test_server_stop (server);

  store = open_db (server);
  clock = pst_clock_new_fixed (idle_close_at - PST_USEC_PER_MINUTE);
  in_process = pst_server_new (store, clock, config);

  /* Before the idle-close instant: the demo's unanswered ones get their
   * SLA announcements, this one stays open.
   */
  g_assert_true (pst_scheduler_run (in_process, idle_close_at - PST_USEC_PER_MINUTE, &closed,
                                    &events, &error));
  g_assert_no_error (error);
  status_sql = g_strdup_printf ("SELECT status = 'awaiting_requester' FROM consultations"
                                " WHERE id = '%s'", id);
  g_assert_cmpint (db_count (server, status_sql), ==, 1);
  g_assert_cmpuint (events, >, 0);
  g_assert_cmpint (db_count (server, "SELECT count (*) FROM events WHERE type = 'sla.breached'"), >, 0);

  /* Announced once: a second pass at the same instant adds nothing. */
  g_assert_true (pst_scheduler_run (in_process, idle_close_at - PST_USEC_PER_MINUTE, &closed,
                                    &events, &error));
  g_assert_cmpuint (events, ==, 0);

  /* After it: closed with no_response and a system message. */
  g_assert_true (pst_scheduler_run (in_process, idle_close_at + PST_USEC_PER_MINUTE, &closed,
                                    &events, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (closed, >=, 1);
  {
    g_autofree char *closed_sql = g_strdup_printf ("SELECT count (*) FROM consultations WHERE id = '%s'"
                                                   " AND status = 'closed' AND resolution = 'no_response'",
                                                   id);
    g_autofree char *system_sql = g_strdup_printf ("SELECT count (*) FROM messages WHERE consultation"
                                                   " = '%s' AND author = 'system'", id);
    g_autofree char *event_sql = g_strdup_printf ("SELECT count (*) FROM events WHERE type ="
                                                  " 'consultation.closed' AND data LIKE '%%%s%%'", id);

    g_assert_cmpint (db_count (server, closed_sql), ==, 1);
    g_assert_cmpint (db_count (server, system_sql), ==, 1);
    g_assert_cmpint (db_count (server, event_sql), ==, 1);
  }

  pst_server_stop (in_process);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/consultations/public-flow", test_public_flow);
  g_test_add_func ("/server/consultations/public-validation", test_public_validation);
  g_test_add_func ("/server/consultations/access-token-scope", test_access_token_scope);
  g_test_add_func ("/server/consultations/names", test_names);
  g_test_add_func ("/server/consultations/assign-close-reopen", test_assign_close_reopen);
  g_test_add_func ("/server/consultations/follow-up", test_follow_up);
  g_test_add_func ("/server/consultations/walk-in-and-idempotency", test_walk_in_and_idempotency);
  g_test_add_func ("/server/consultations/demo", test_demo);
  g_test_add_func ("/server/consultations/scheduler", test_scheduler);

  return g_test_run ();
}
