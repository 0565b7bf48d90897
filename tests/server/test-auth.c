/* test-auth.c: logging in and out, the caller's own account, and managing
 * the accounts of an office.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-core.h"
#include "pst-request.h"
#include "pst-router.h"
#include "pst-routes.h"
#include "pst-test-server.h"

/* Each test starts its own server on an empty database, creates the first
 * administrator the way an install does (`pst-server --create-admin` with
 * the password on standard input), and adds two offices straight into the
 * database, so nothing here depends on the demo data or on the office
 * routes.
 */

#define ADMIN_PASSWORD "root-password-1"
#define PASSWORD "password-1"
#define OFFICE_A "1111"
#define OFFICE_B "2222"

typedef struct
{
  PstTestServer *server;
  char          *admin;  /* the administrator's token */
} Fixture;

/* Runs `pst-server --db … --create-admin USERNAME` with @password on
 * standard input; returns its exit status and what it wrote.
 */
static int
run_create_admin (PstTestServer  *server,
                  const char     *username,
                  const char     *password,
                  char          **out_stderr)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              g_getenv ("PST_SERVER_BINARY"), "--db", server->db_path,
                              "--create-admin", username, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);

  return g_subprocess_get_exit_status (process);
}

/* A second connection to the server's database, for setting up what no
 * route of this file makes and for checking what the routes wrote.
 */
static PstStore *
open_db (PstTestServer *server)
{
  g_autoptr(GError) error = NULL;
  PstStore *store = pst_store_open (server->db_path, PST_STORE_SCHEMA_SERVER, &error);

  g_assert_no_error (error);
  pst_store_set_busy_timeout (store, 5000);
  return store;
}

static void
db_exec (PstTestServer *server,
         const char    *sql)
{
  g_autoptr(PstStore) store = open_db (server);
  g_autoptr(GError) error = NULL;

  pst_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

/* The integer the query @sql (one row, one column) answers. */
static gint64
db_int (PstTestServer *server,
        const char    *sql)
{
  g_autoptr(PstStore) store = open_db (server);
  g_autoptr(GError) error = NULL;
  g_auto(PstStoreStatement) stmt = pst_store_prepare (store, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  pst_store_step_one (store, stmt, &error);
  g_assert_no_error (error);
  value = sqlite3_column_int64 (stmt, 0);

  return value;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->server = pst_test_server_start (FALSE);
  g_assert_cmpint (run_create_admin (fixture->server, "root", ADMIN_PASSWORD, NULL), ==, 0);
  db_exec (fixture->server,
           "INSERT INTO offices (code, name, timezone, created_at, updated_at) VALUES"
           " ('" OFFICE_A "', 'BPS Kabupaten Uji', 'Asia/Makassar', 0, 0),"
           " ('" OFFICE_B "', 'BPS Kota Uji', 'Asia/Jakarta', 0, 0)");
  fixture->admin = pst_test_login (fixture->server, "root", ADMIN_PASSWORD);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->server, pst_test_server_free);
  g_clear_pointer (&fixture->admin, g_free);
}

/* Creates an account through the API as the administrator; returns its id. */
static char *
create_account (Fixture    *fixture,
                const char *username,
                const char *role,
                const char *office)
{
  g_autofree char *body = NULL;
  g_autoptr(PstTestResponse) response = NULL;

  body = g_strdup_printf ("{\"username\":\"%s\",\"name\":\"Akun %s\",\"role\":\"%s\","
                          "\"office\":\"%s\",\"password\":\"" PASSWORD "\"}",
                          username, username, role, office);
  response = pst_test_request (fixture->server, "POST", "/api/v1/officers", fixture->admin, body);
  pst_test_assert_status (response, 201);

  return g_strdup (pst_test_response_string (response, "id"));
}

static const char *
error_message (PstTestResponse *response)
{
  JsonObject *error = json_object_get_object_member (pst_test_response_object (response), "error");

  return json_object_get_string_member (error, "message");
}

static const char *
error_field (PstTestResponse *response)
{
  JsonObject *error = json_object_get_object_member (pst_test_response_object (response), "error");

  return json_object_get_string_member_with_default (error, "field", NULL);
}

static PstTestResponse *
login (PstTestServer *server,
       const char    *username,
       const char    *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           username, password);

  return pst_test_request (server, "POST", "/api/v1/auth/login", NULL, body);
}

/* Sends a request from another loopback address (127.0.0.N), as another
 * client machine would.
 */
static PstTestResponse *
request_from (PstTestServer *server,
              const char    *address,
              const char    *method,
              const char    *path,
              const char    *token,
              const char    *body)
{
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new_from_string (address, 0);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("local-address", local,
                                                                  "timeout", 30, NULL);
  SoupSession *saved = server->session;
  PstTestResponse *response;

  server->session = session;
  response = pst_test_request (server, method, path, token, body);
  server->session = saved;

  return response;
}

static PstTestResponse *
login_from (PstTestServer *server,
            const char    *address,
            const char    *username,
            const char    *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           username, password);

  return request_from (server, address, "POST", "/api/v1/auth/login", NULL, body);
}

static void
test_login (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PstTestResponse) ok = NULL;
  g_autoptr(PstTestResponse) wrong = NULL;
  g_autoptr(PstTestResponse) unknown = NULL;
  g_autoptr(PstTestResponse) upper = NULL;
  g_autofree char *id = create_account (fixture, "budi." OFFICE_A, "officer", OFFICE_A);
  JsonObject *officer;
  gint64 expires_at = 0;

  ok = login (fixture->server, "budi." OFFICE_A, PASSWORD);
  pst_test_assert_status (ok, 200);
  g_assert_cmpuint (strlen (pst_test_response_string (ok, "token")), >=, 40);
  g_assert_true (pst_time_parse_rfc3339 (pst_test_response_string (ok, "expires_at"), &expires_at));
  /* The default lifetime is 12 hours. */
  g_assert_cmpint (expires_at - g_get_real_time (), >, 11 * PST_USEC_PER_HOUR);
  g_assert_cmpint (expires_at - g_get_real_time (), <=, 12 * PST_USEC_PER_HOUR);
  officer = json_object_get_object_member (pst_test_response_object (ok), "officer");
  g_assert_cmpstr (json_object_get_string_member (officer, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (officer, "username"), ==, "budi." OFFICE_A);
  g_assert_cmpstr (json_object_get_string_member (officer, "role"), ==, "officer");
  g_assert_cmpstr (json_object_get_string_member (officer, "office"), ==, OFFICE_A);
  g_assert_cmpstr (json_object_get_string_member (officer, "presence"), ==, "offline");
  g_assert_false (json_object_has_member (officer, "password"));
  g_assert_false (json_object_has_member (officer, "password_hash"));

  /* Usernames compare without case. */
  upper = login (fixture->server, "Budi." OFFICE_A, PASSWORD);
  pst_test_assert_status (upper, 200);

  /* A wrong password and an unknown user look the same. */
  wrong = login (fixture->server, "budi." OFFICE_A, "not-the-password");
  pst_test_assert_error (wrong, 401, "unauthorized");
  unknown = login (fixture->server, "nobody." OFFICE_A, "not-the-password");
  pst_test_assert_error (unknown, 401, "unauthorized");
  g_assert_cmpstr (error_message (wrong), ==, error_message (unknown));
  g_assert_cmpstr (wrong->text, ==, unknown->text);

  /* Logins are audited, never with the password. */
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM audit_log WHERE action = 'auth.login'"
                           " AND target_id = (SELECT id FROM officers WHERE username = 'budi." OFFICE_A "')"
                           " AND actor = target_id"), ==, 2);
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM audit_log WHERE detail LIKE '%" PASSWORD "%'"), ==, 0);
  /* Tokens are stored hashed. */
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM tokens WHERE length (token_hash) = 64"), ==, 3);
}

static void
test_login_validation (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct
  {
    const char *body;
    guint       status;
    const char *code;
    const char *field;
  } cases[] = {
    { "{", 400, "invalid_json", NULL },
    { "[]", 400, "invalid_json", NULL },
    { "", 400, "invalid_json", NULL },
    { "{\"password\":\"x1234567\"}", 422, "invalid_field", "username" },
    { "{\"username\":\"root\"}", 422, "invalid_field", "password" },
    { "{\"username\":\"\",\"password\":\"x1234567\"}", 422, "invalid_field", "username" },
    { "{\"username\":\"root\",\"password\":\"\"}", 422, "invalid_field", "password" },
    { "{\"username\":5,\"password\":\"x1234567\"}", 422, "invalid_field", "username" },
    { "{\"username\":\"root\",\"password\":[\"x\"]}", 422, "invalid_field", "password" },
    { "{\"username\":null,\"password\":\"x1234567\"}", 422, "invalid_field", "username" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PstTestResponse) response = NULL;

      response = pst_test_request (fixture->server, "POST", "/api/v1/auth/login", NULL,
                                   cases[i].body);
      g_test_message ("body %s", cases[i].body);
      pst_test_assert_error (response, cases[i].status, cases[i].code);
      g_assert_cmpstr (error_field (response), ==, cases[i].field);
    }

  /* Bad requests are not failed logins. */
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(PstTestResponse) response = NULL;

      response = pst_test_request (fixture->server, "POST", "/api/v1/auth/login", NULL,
                                   "{\"username\":\"root\"}");
      pst_test_assert_status (response, 422);
    }
  g_free (pst_test_login (fixture->server, "root", ADMIN_PASSWORD));
}

static void
test_login_disabled (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = create_account (fixture, "siti." OFFICE_A, "officer", OFFICE_A);
  g_autofree char *token = pst_test_login (fixture->server, "siti." OFFICE_A, PASSWORD);
  g_autofree char *path = g_strconcat ("/api/v1/officers/", id, NULL);
  g_autoptr(PstTestResponse) deleted = NULL;
  g_autoptr(PstTestResponse) me = NULL;
  g_autoptr(PstTestResponse) refused = NULL;
  g_autoptr(PstTestResponse) wrong = NULL;
  g_autoptr(PstTestResponse) unknown = NULL;

  deleted = pst_test_request (fixture->server, "DELETE", path, fixture->admin, NULL);
  pst_test_assert_status (deleted, 204);

  /* Its tokens are revoked… */
  me = pst_test_request (fixture->server, "GET", "/api/v1/me", token, NULL);
  pst_test_assert_error (me, 401, "unauthorized");
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM tokens WHERE revoked_at IS NULL AND officer IN"
                           " (SELECT id FROM officers WHERE username = 'siti." OFFICE_A "')"), ==, 0);

  /* …and it cannot log in again. Only the right password learns why. */
  refused = login (fixture->server, "siti." OFFICE_A, PASSWORD);
  pst_test_assert_error (refused, 401, "unauthorized");
  g_assert_cmpstr (error_message (refused), ==, "This account is disabled; ask your administrator");
  wrong = login (fixture->server, "siti." OFFICE_A, "not-the-password");
  unknown = login (fixture->server, "nobody." OFFICE_A, "not-the-password");
  pst_test_assert_error (wrong, 401, "unauthorized");
  g_assert_cmpstr (wrong->text, ==, unknown->text);
}

static gint64
retry_after (PstTestResponse *response)
{
  const char *header = soup_message_headers_get_one (response->headers, "Retry-After");

  g_assert_nonnull (header);
  return g_ascii_strtoll (header, NULL, 10);
}

static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *id_a = create_account (fixture, "ani." OFFICE_A, "officer", OFFICE_A);
  g_autofree char *id_b = create_account (fixture, "beni." OFFICE_A, "officer", OFFICE_A);
  g_autoptr(PstTestResponse) blocked = NULL;
  g_autoptr(PstTestResponse) elsewhere = NULL;
  g_autoptr(PstTestResponse) other_user = NULL;
  g_autoptr(PstTestResponse) shared_address = NULL;
  g_autoptr(PstTestResponse) address_blocked = NULL;
  g_autoptr(PstTestResponse) other_address = NULL;

  /* Five failures for one username (the default limit), from two machines… */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(PstTestResponse) response = NULL;

      response = login_from (fixture->server, i % 2 == 0 ? "127.0.0.2" : "127.0.0.3",
                             "ani." OFFICE_A, "not-the-password");
      pst_test_assert_error (response, 401, "unauthorized");
    }

  /* …block that username, even with the right password, from anywhere. */
  blocked = login_from (fixture->server, "127.0.0.4", "ani." OFFICE_A, PASSWORD);
  pst_test_assert_error (blocked, 429, "rate_limited");
  g_assert_cmpint (retry_after (blocked), >=, 1);
  g_assert_cmpint (retry_after (blocked), <=, 15 * 60);
  elsewhere = login_from (fixture->server, "127.0.0.4", "ANI." OFFICE_A, PASSWORD);
  pst_test_assert_error (elsewhere, 429, "rate_limited");

  /* Another username is not blocked. */
  other_user = login_from (fixture->server, "127.0.0.4", "beni." OFFICE_A, PASSWORD);
  pst_test_assert_status (other_user, 200);

  /* An address is shared by a whole office behind NAT: five failures
   * there, for other usernames, do not lock everyone out…
   */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(PstTestResponse) response = NULL;
      g_autofree char *username = g_strdup_printf ("guess%u." OFFICE_A, i);

      response = login_from (fixture->server, "127.0.0.5", username, "not-the-password");
      pst_test_assert_error (response, 401, "unauthorized");
    }
  shared_address = login_from (fixture->server, "127.0.0.5", "beni." OFFICE_A, PASSWORD);
  pst_test_assert_status (shared_address, 200);

  /* …but fifty (ten times a username's limit), for any usernames, block
   * the address.
   */
  for (guint i = 5; i < 50; i++)
    {
      g_autoptr(PstTestResponse) response = NULL;
      g_autofree char *username = g_strdup_printf ("guess%u." OFFICE_A, i);

      response = login_from (fixture->server, "127.0.0.5", username, "not-the-password");
      pst_test_assert_error (response, 401, "unauthorized");
    }
  address_blocked = login_from (fixture->server, "127.0.0.5", "beni." OFFICE_A, PASSWORD);
  pst_test_assert_error (address_blocked, 429, "rate_limited");
  g_assert_cmpint (retry_after (address_blocked), >=, 1);
  other_address = login_from (fixture->server, "127.0.0.6", "beni." OFFICE_A, PASSWORD);
  pst_test_assert_status (other_address, 200);
}

static void
test_rate_limit_reset (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *id = create_account (fixture, "cici." OFFICE_A, "officer", OFFICE_A);
  g_autoptr(PstTestResponse) success = NULL;
  g_autoptr(PstTestResponse) again = NULL;
  g_autoptr(PstTestResponse) blocked = NULL;

  /* Four failures and a success… */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(PstTestResponse) response = login_from (fixture->server, "127.0.0.2",
                                                        "cici." OFFICE_A, "not-the-password");
      pst_test_assert_error (response, 401, "unauthorized");
    }
  success = login_from (fixture->server, "127.0.0.2", "cici." OFFICE_A, PASSWORD);
  pst_test_assert_status (success, 200);

  /* …forget the username's failures: four more (from another machine, so
   * its address has its own count) still leave it open.
   */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(PstTestResponse) response = login_from (fixture->server, "127.0.0.3",
                                                        "cici." OFFICE_A, "not-the-password");
      pst_test_assert_error (response, 401, "unauthorized");
    }
  again = login_from (fixture->server, "127.0.0.4", "cici." OFFICE_A, PASSWORD);
  pst_test_assert_status (again, 200);

  /* Counted afresh, the fifth failure blocks. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(PstTestResponse) response = login_from (fixture->server, "127.0.0.5",
                                                        "cici." OFFICE_A, "not-the-password");
      pst_test_assert_error (response, 401, "unauthorized");
    }
  blocked = login_from (fixture->server, "127.0.0.6", "cici." OFFICE_A, PASSWORD);
  pst_test_assert_error (blocked, 429, "rate_limited");
}

static void
test_logout (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *id = create_account (fixture, "dedi." OFFICE_A, "officer", OFFICE_A);
  g_autofree char *first = pst_test_login (fixture->server, "dedi." OFFICE_A, PASSWORD);
  g_autofree char *second = pst_test_login (fixture->server, "dedi." OFFICE_A, PASSWORD);
  g_autoptr(PstTestResponse) out = NULL;
  g_autoptr(PstTestResponse) me = NULL;
  g_autoptr(PstTestResponse) again = NULL;
  g_autoptr(PstTestResponse) still = NULL;
  g_autoptr(PstTestResponse) anonymous = NULL;

  out = pst_test_request (fixture->server, "POST", "/api/v1/auth/logout", first, NULL);
  pst_test_assert_status (out, 204);
  g_assert_cmpstr (out->text, ==, "");

  me = pst_test_request (fixture->server, "GET", "/api/v1/me", first, NULL);
  pst_test_assert_error (me, 401, "unauthorized");
  g_assert_cmpstr (soup_message_headers_get_one (me->headers, "WWW-Authenticate"), ==, "Bearer");
  again = pst_test_request (fixture->server, "POST", "/api/v1/auth/logout", first, NULL);
  pst_test_assert_error (again, 401, "unauthorized");

  /* The other session goes on. */
  still = pst_test_request (fixture->server, "GET", "/api/v1/me", second, NULL);
  pst_test_assert_status (still, 200);

  anonymous = pst_test_request (fixture->server, "POST", "/api/v1/auth/logout", NULL, NULL);
  pst_test_assert_error (anonymous, 401, "unauthorized");

  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM audit_log WHERE action = 'auth.logout'"), ==, 1);
}

static void
test_me (Fixture       *fixture,
         gconstpointer  data)
{
  g_autofree char *id = create_account (fixture, "kiosk." OFFICE_A, "kiosk", OFFICE_A);
  g_autofree char *kiosk = pst_test_login (fixture->server, "kiosk." OFFICE_A, PASSWORD);
  g_autoptr(PstTestResponse) me = NULL;
  g_autoptr(PstTestResponse) admin = NULL;
  g_autoptr(PstTestResponse) anonymous = NULL;
  g_autoptr(PstTestResponse) garbage = NULL;
  JsonObject *object;

  me = pst_test_request (fixture->server, "GET", "/api/v1/me", kiosk, NULL);
  pst_test_assert_status (me, 200);
  object = pst_test_response_object (me);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "username"), ==, "kiosk." OFFICE_A);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Akun kiosk." OFFICE_A);
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "kiosk");
  g_assert_cmpstr (json_object_get_string_member (object, "office"), ==, OFFICE_A);
  g_assert_true (json_object_has_member (object, "desk"));
  g_assert_true (json_object_get_null_member (object, "desk"));
  g_assert_cmpstr (json_object_get_string_member (object, "presence"), ==, "offline");

  /* The first administrator belongs to no office. */
  admin = pst_test_request (fixture->server, "GET", "/api/v1/me", fixture->admin, NULL);
  pst_test_assert_status (admin, 200);
  g_assert_cmpstr (pst_test_response_string (admin, "role"), ==, "admin");
  g_assert_cmpstr (pst_test_response_string (admin, "username"), ==, "root");
  g_assert_true (json_object_get_null_member (pst_test_response_object (admin), "office"));

  anonymous = pst_test_request (fixture->server, "GET", "/api/v1/me", NULL, NULL);
  pst_test_assert_error (anonymous, 401, "unauthorized");
  garbage = pst_test_request (fixture->server, "GET", "/api/v1/me", "not-a-token", NULL);
  pst_test_assert_error (garbage, 401, "unauthorized");
}

static void
test_presence (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct
  {
    const char *body;
    guint       status;
    const char *field;
  } invalid[] = {
    { "{", 400, NULL },
    { "[]", 400, NULL },
    { "{}", 422, "presence" },
    { "{\"presence\":\"busy\"}", 422, "presence" },
    { "{\"presence\":1}", 422, "presence" },
    { "{\"presence\":\"away\",\"desk\":5}", 422, "desk" },
    { "{\"presence\":\"away\",\"desk\":\"0123456789012345678901234567890123\"}", 422, "desk" },
    { "{\"presence\":\"away\",\"desk\":\"Meja\\n2\"}", 422, "desk" },
  };
  g_autofree char *id = create_account (fixture, "eka." OFFICE_A, "officer", OFFICE_A);
  g_autofree char *kiosk_id = create_account (fixture, "kiosk." OFFICE_A, "kiosk", OFFICE_A);
  g_autofree char *token = pst_test_login (fixture->server, "eka." OFFICE_A, PASSWORD);
  g_autofree char *kiosk = pst_test_login (fixture->server, "kiosk." OFFICE_A, PASSWORD);
  g_autoptr(PstTestResponse) available = NULL;
  g_autoptr(PstTestResponse) me = NULL;
  g_autoptr(PstTestResponse) same = NULL;
  g_autoptr(PstTestResponse) offline = NULL;
  g_autoptr(PstTestResponse) refused = NULL;
  g_autoptr(PstTestResponse) admin = NULL;

  available = pst_test_request (fixture->server, "PUT", "/api/v1/me/presence", token,
                                "{\"presence\":\"available\",\"desk\":\" Meja 2 \"}");
  pst_test_assert_status (available, 200);
  g_assert_cmpstr (pst_test_response_string (available, "presence"), ==, "available");
  g_assert_cmpstr (pst_test_response_string (available, "desk"), ==, "Meja 2");
  g_assert_cmpstr (pst_test_response_string (available, "id"), ==, id);

  me = pst_test_request (fixture->server, "GET", "/api/v1/me", token, NULL);
  g_assert_cmpstr (pst_test_response_string (me, "presence"), ==, "available");
  g_assert_cmpstr (pst_test_response_string (me, "desk"), ==, "Meja 2");

  /* The office hears of it once; saying the same again changes nothing. */
  same = pst_test_request (fixture->server, "PUT", "/api/v1/me/presence", token,
                           "{\"presence\":\"available\"}");
  pst_test_assert_status (same, 200);
  g_assert_cmpstr (pst_test_response_string (same, "desk"), ==, "Meja 2");
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM events WHERE type = 'officer.presence'"
                           " AND office = '" OFFICE_A "' AND data LIKE '%\"available\"%'"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(PstTestResponse) response = NULL;

      g_test_message ("body %s", invalid[i].body);
      response = pst_test_request (fixture->server, "PUT", "/api/v1/me/presence", token,
                                   invalid[i].body);
      pst_test_assert_status (response, invalid[i].status);
      g_assert_cmpstr (error_field (response), ==, invalid[i].field);
    }

  /* Nothing of those was written. */
  g_clear_pointer (&me, pst_test_response_free);
  me = pst_test_request (fixture->server, "GET", "/api/v1/me", token, NULL);
  g_assert_cmpstr (pst_test_response_string (me, "presence"), ==, "available");
  g_assert_cmpstr (pst_test_response_string (me, "desk"), ==, "Meja 2");

  /* Going offline leaves the desk. */
  offline = pst_test_request (fixture->server, "PUT", "/api/v1/me/presence", token,
                              "{\"presence\":\"offline\"}");
  pst_test_assert_status (offline, 200);
  g_assert_true (json_object_get_null_member (pst_test_response_object (offline), "desk"));
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM events WHERE type = 'officer.presence'"), ==, 2);

  /* A kiosk has no presence. */
  refused = pst_test_request (fixture->server, "PUT", "/api/v1/me/presence", kiosk,
                              "{\"presence\":\"available\"}");
  pst_test_assert_error (refused, 403, "forbidden");

  /* An administrator of no office may set one, with no office to tell. */
  admin = pst_test_request (fixture->server, "PUT", "/api/v1/me/presence", fixture->admin,
                            "{\"presence\":\"away\"}");
  pst_test_assert_status (admin, 200);
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM events WHERE type = 'officer.presence'"), ==, 2);
}

static JsonArray *
items_of (PstTestResponse *response)
{
  return json_object_get_array_member (pst_test_response_object (response), "items");
}

static JsonObject *
find_item (PstTestResponse *response,
           const char      *username)
{
  JsonArray *items = items_of (response);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "username"), username) == 0)
        return item;
    }

  return NULL;
}

static void
test_officers_list (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *spv_id = create_account (fixture, "spv." OFFICE_A, "supervisor", OFFICE_A);
  g_autofree char *officer_id = create_account (fixture, "fani." OFFICE_A, "officer", OFFICE_A);
  g_autofree char *kiosk_id = create_account (fixture, "kiosk." OFFICE_A, "kiosk", OFFICE_A);
  g_autofree char *gone_id = create_account (fixture, "gone." OFFICE_A, "officer", OFFICE_A);
  g_autofree char *other_id = create_account (fixture, "spv." OFFICE_B, "supervisor", OFFICE_B);
  g_autofree char *gone_path = g_strconcat ("/api/v1/officers/", gone_id, NULL);
  g_autofree char *spv = pst_test_login (fixture->server, "spv." OFFICE_A, PASSWORD);
  g_autofree char *officer = pst_test_login (fixture->server, "fani." OFFICE_A, PASSWORD);
  g_autofree char *kiosk = pst_test_login (fixture->server, "kiosk." OFFICE_A, PASSWORD);
  g_autofree char *insert = NULL;
  g_autoptr(PstTestResponse) deleted = NULL;
  g_autoptr(PstTestResponse) own = NULL;
  g_autoptr(PstTestResponse) named = NULL;
  g_autoptr(PstTestResponse) other = NULL;
  g_autoptr(PstTestResponse) as_officer = NULL;
  g_autoptr(PstTestResponse) as_kiosk = NULL;
  g_autoptr(PstTestResponse) anonymous = NULL;
  g_autoptr(PstTestResponse) admin_none = NULL;
  g_autoptr(PstTestResponse) admin_b = NULL;
  g_autoptr(PstTestResponse) admin_unknown = NULL;
  g_autoptr(PstTestResponse) kiosks = NULL;
  g_autoptr(PstTestResponse) bad_role = NULL;
  g_autoptr(PstTestResponse) bad_cursor = NULL;
  g_autoptr(PstTestResponse) bad_limit = NULL;
  g_autoptr(GPtrArray) paged = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;
  JsonObject *item;
  JsonObject *workload;

  deleted = pst_test_request (fixture->server, "DELETE", gone_path, fixture->admin, NULL);
  pst_test_assert_status (deleted, 204);

  /* Workload: a ticket being served today, two open consultations of which
   * one is overdue, and a closed one that does not count.
   */
  {
    g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Makassar");
    g_autoptr(GDateTime) now = g_date_time_new_now (zone);
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    insert = g_strdup_printf (
      "INSERT INTO tickets (id, office, service, service_date, seq, number, status, officer, issued_at)"
      " VALUES ('tkt_1', '" OFFICE_A "', 'consultation', '%s', 1, 'K-001', 'serving', '%s', 0),"
      " ('tkt_2', '" OFFICE_A "', 'consultation', '2020-01-01', 1, 'K-001', 'serving', '%s', 0);"
      "INSERT INTO consultations (id, office, channel, subject, status, requester_name, assignee,"
      " created_at, updated_at, first_response_due, sla_state) VALUES"
      " ('con_1', '" OFFICE_A "', 'web', 'Inflasi', 'open', 'A', '%s', 0, 0, 1, 'breached'),"
      " ('con_2', '" OFFICE_A "', 'web', 'PDRB', 'awaiting_requester', 'B', '%s', 0, 0, 1, 'ok');"
      "INSERT INTO consultations (id, office, channel, subject, status, resolution, requester_name,"
      " assignee, created_at, updated_at, first_response_due, sla_state) VALUES"
      " ('con_3', '" OFFICE_A "', 'web', 'IPM', 'closed', 'answered', 'C', '%s', 0, 0, 1, 'breached')",
      today, officer_id, officer_id, officer_id, officer_id, officer_id);
  }
  db_exec (fixture->server, insert);

  /* A supervisor sees their own office by default… */
  own = pst_test_request (fixture->server, "GET", "/api/v1/officers", spv, NULL);
  pst_test_assert_status (own, 200);
  g_assert_true (json_object_get_null_member (pst_test_response_object (own), "next_cursor"));
  /* …its enabled accounts, kiosks included, ordered by username. */
  g_assert_cmpuint (json_array_get_length (items_of (own)), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items_of (own), 0),
                                                  "username"), ==, "fani." OFFICE_A);
  g_assert_null (find_item (own, "gone." OFFICE_A));
  g_assert_null (find_item (own, "spv." OFFICE_B));
  item = find_item (own, "fani." OFFICE_A);
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (item, "presence"), ==, "offline");
  workload = json_object_get_object_member (item, "workload");
  g_assert_nonnull (workload);
  g_assert_cmpint (json_object_get_int_member (workload, "tickets"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (workload, "consultations"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (workload, "overdue"), ==, 1);
  workload = json_object_get_object_member (find_item (own, "spv." OFFICE_A), "workload");
  g_assert_cmpint (json_object_get_int_member (workload, "tickets"), ==, 0);
  g_assert_nonnull (find_item (own, "kiosk." OFFICE_A));

  named = pst_test_request (fixture->server, "GET", "/api/v1/officers?office=" OFFICE_A, spv, NULL);
  pst_test_assert_status (named, 200);
  g_assert_cmpstr (named->text, ==, own->text);

  /* Not another office, not below supervisor. */
  other = pst_test_request (fixture->server, "GET", "/api/v1/officers?office=" OFFICE_B, spv, NULL);
  pst_test_assert_error (other, 403, "forbidden");
  as_officer = pst_test_request (fixture->server, "GET", "/api/v1/officers", officer, NULL);
  pst_test_assert_error (as_officer, 403, "forbidden");
  as_kiosk = pst_test_request (fixture->server, "GET", "/api/v1/officers", kiosk, NULL);
  pst_test_assert_error (as_kiosk, 403, "forbidden");
  anonymous = pst_test_request (fixture->server, "GET", "/api/v1/officers", NULL, NULL);
  pst_test_assert_error (anonymous, 401, "unauthorized");

  /* An administrator names the office. */
  admin_none = pst_test_request (fixture->server, "GET", "/api/v1/officers", fixture->admin, NULL);
  pst_test_assert_error (admin_none, 422, "invalid_field");
  g_assert_cmpstr (error_field (admin_none), ==, "office");
  admin_b = pst_test_request (fixture->server, "GET", "/api/v1/officers?office=" OFFICE_B,
                              fixture->admin, NULL);
  pst_test_assert_status (admin_b, 200);
  g_assert_cmpuint (json_array_get_length (items_of (admin_b)), ==, 1);
  admin_unknown = pst_test_request (fixture->server, "GET", "/api/v1/officers?office=9999",
                                    fixture->admin, NULL);
  pst_test_assert_error (admin_unknown, 404, "not_found");

  /* One role. */
  kiosks = pst_test_request (fixture->server, "GET", "/api/v1/officers?role=kiosk", spv, NULL);
  pst_test_assert_status (kiosks, 200);
  g_assert_cmpuint (json_array_get_length (items_of (kiosks)), ==, 1);
  bad_role = pst_test_request (fixture->server, "GET", "/api/v1/officers?role=boss", spv, NULL);
  pst_test_assert_error (bad_role, 422, "invalid_field");
  g_assert_cmpstr (error_field (bad_role), ==, "role");

  /* Pages of one. */
  for (guint page = 0; page < 10; page++)
    {
      g_autofree char *path = NULL;
      g_autoptr(PstTestResponse) response = NULL;
      JsonObject *object;

      path = cursor != NULL ? g_strdup_printf ("/api/v1/officers?limit=1&cursor=%s", cursor)
                            : g_strdup ("/api/v1/officers?limit=1");
      response = pst_test_request (fixture->server, "GET", path, spv, NULL);
      pst_test_assert_status (response, 200);
      object = pst_test_response_object (response);
      g_assert_cmpuint (json_array_get_length (items_of (response)), ==, 1);
      g_ptr_array_add (paged, g_strdup (json_object_get_string_member (
                                          json_array_get_object_element (items_of (response), 0),
                                          "username")));
      g_clear_pointer (&cursor, g_free);
      if (json_object_get_null_member (object, "next_cursor"))
        break;
      cursor = g_strdup (json_object_get_string_member (object, "next_cursor"));
    }
  g_assert_cmpuint (paged->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (paged, 0), ==, "fani." OFFICE_A);
  g_assert_cmpstr (g_ptr_array_index (paged, 1), ==, "kiosk." OFFICE_A);
  g_assert_cmpstr (g_ptr_array_index (paged, 2), ==, "spv." OFFICE_A);

  bad_cursor = pst_test_request (fixture->server, "GET", "/api/v1/officers?cursor=zz", spv, NULL);
  pst_test_assert_error (bad_cursor, 422, "invalid_field");
  g_assert_cmpstr (error_field (bad_cursor), ==, "cursor");
  bad_limit = pst_test_request (fixture->server, "GET", "/api/v1/officers?limit=0", spv, NULL);
  pst_test_assert_error (bad_limit, 422, "invalid_field");
  g_assert_cmpstr (error_field (bad_limit), ==, "limit");
}

static gint64
count_officers (Fixture *fixture)
{
  return db_int (fixture->server, "SELECT count (*) FROM officers");
}

static void
test_officers_create (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct
  {
    const char *body;
    guint       status;
    const char *code;
    const char *field;
  } invalid[] = {
    { "{", 400, "invalid_json", NULL },
    { "[]", 400, "invalid_json", NULL },
    { "\"officer\"", 400, "invalid_json", NULL },
    { "{\"name\":\"A\",\"role\":\"officer\",\"office\":\"1111\",\"password\":\"password-1\"}",
      422, "invalid_field", "username" },
    { "{\"username\":5,\"name\":\"A\",\"role\":\"officer\",\"office\":\"1111\",\"password\":\"password-1\"}",
      422, "invalid_field", "username" },
    { "{\"username\":\"ab\",\"name\":\"A\",\"role\":\"officer\",\"office\":\"1111\",\"password\":\"password-1\"}",
      422, "invalid_field", "username" },
    { "{\"username\":\"a b c\",\"name\":\"A\",\"role\":\"officer\",\"office\":\"1111\",\"password\":\"password-1\"}",
      422, "invalid_field", "username" },
    { "{\"username\":\"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde\","
      "\"name\":\"A\",\"role\":\"officer\",\"office\":\"1111\",\"password\":\"password-1\"}",
      422, "invalid_field", "username" },
    { "{\"username\":\"abc\",\"role\":\"officer\",\"office\":\"1111\",\"password\":\"password-1\"}",
      422, "invalid_field", "name" },
    { "{\"username\":\"abc\",\"name\":\"   \",\"role\":\"officer\",\"office\":\"1111\",\"password\":\"password-1\"}",
      422, "invalid_field", "name" },
    { "{\"username\":\"abc\",\"name\":true,\"role\":\"officer\",\"office\":\"1111\",\"password\":\"password-1\"}",
      422, "invalid_field", "name" },
    { "{\"username\":\"abc\",\"name\":\"A\",\"role\":\"boss\",\"office\":\"1111\",\"password\":\"password-1\"}",
      422, "invalid_field", "role" },
    { "{\"username\":\"abc\",\"name\":\"A\",\"office\":\"1111\",\"password\":\"password-1\"}",
      422, "invalid_field", "role" },
    { "{\"username\":\"abc\",\"name\":\"A\",\"role\":\"officer\",\"password\":\"password-1\"}",
      422, "invalid_field", "office" },
    { "{\"username\":\"abc\",\"name\":\"A\",\"role\":\"officer\",\"office\":\"9999\",\"password\":\"password-1\"}",
      422, "invalid_field", "office" },
    { "{\"username\":\"abc\",\"name\":\"A\",\"role\":\"officer\",\"office\":1111,\"password\":\"password-1\"}",
      422, "invalid_field", "office" },
    { "{\"username\":\"abc\",\"name\":\"A\",\"role\":\"officer\",\"office\":\"1111\"}",
      422, "invalid_field", "password" },
    { "{\"username\":\"abc\",\"name\":\"A\",\"role\":\"officer\",\"office\":\"1111\",\"password\":\"short\"}",
      422, "invalid_field", "password" },
    { "{\"username\":\"abc\",\"name\":\"A\",\"role\":\"officer\",\"office\":\"1111\",\"password\":12345678}",
      422, "invalid_field", "password" },
    { "{\"username\":\"abc\",\"name\":\"A\",\"role\":\"officer\",\"office\":\"1111\",\"password\":\"password-1\","
      "\"desk\":[]}", 422, "invalid_field", "desk" },
  };
  g_autoptr(PstTestResponse) created = NULL;
  g_autoptr(PstTestResponse) duplicate = NULL;
  g_autoptr(PstTestResponse) admin = NULL;
  g_autoptr(PstTestResponse) unknown = NULL;
  g_autofree char *token = NULL;
  gint64 before;

  created = pst_test_request (fixture->server, "POST", "/api/v1/officers", fixture->admin,
                              "{\"username\":\"Gita." OFFICE_A "\",\"name\":\" Gita Lestari \","
                              "\"role\":\"officer\",\"office\":\"" OFFICE_A "\","
                              "\"password\":\"" PASSWORD "\",\"desk\":\"Meja 1\",\"extra\":1}");
  pst_test_assert_status (created, 201);
  g_assert_true (g_str_has_prefix (pst_test_response_string (created, "id"), "off_"));
  /* Stored lower-cased and trimmed. */
  g_assert_cmpstr (pst_test_response_string (created, "username"), ==, "gita." OFFICE_A);
  g_assert_cmpstr (pst_test_response_string (created, "name"), ==, "Gita Lestari");
  g_assert_cmpstr (pst_test_response_string (created, "role"), ==, "officer");
  g_assert_cmpstr (pst_test_response_string (created, "office"), ==, OFFICE_A);
  g_assert_cmpstr (pst_test_response_string (created, "desk"), ==, "Meja 1");
  g_assert_cmpstr (pst_test_response_string (created, "presence"), ==, "offline");
  g_assert_null (strstr (created->text, PASSWORD));
  token = pst_test_login (fixture->server, "gita." OFFICE_A, PASSWORD);

  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM audit_log WHERE action = 'officer.create'"
                           " AND office = '" OFFICE_A "' AND actor IS NOT NULL"), ==, 1);
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM audit_log WHERE detail LIKE '%" PASSWORD "%'"), ==, 0);
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM officers WHERE password_hash LIKE '$argon2id$%'"),
                   ==, 2);

  before = count_officers (fixture);

  /* A username is taken whatever its case. */
  duplicate = pst_test_request (fixture->server, "POST", "/api/v1/officers", fixture->admin,
                                "{\"username\":\"GITA." OFFICE_A "\",\"name\":\"Gita Lain\","
                                "\"role\":\"officer\",\"office\":\"" OFFICE_B "\","
                                "\"password\":\"" PASSWORD "\"}");
  pst_test_assert_error (duplicate, 409, "conflict");
  g_assert_cmpstr (error_field (duplicate), ==, "username");

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(PstTestResponse) response = NULL;

      g_test_message ("body %s", invalid[i].body);
      response = pst_test_request (fixture->server, "POST", "/api/v1/officers", fixture->admin,
                                   invalid[i].body);
      pst_test_assert_error (response, invalid[i].status, invalid[i].code);
      g_assert_cmpstr (error_field (response), ==, invalid[i].field);
    }
  g_assert_cmpint (count_officers (fixture), ==, before);
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM audit_log WHERE action = 'officer.create'"), ==, 1);

  /* An administrator needs no office; an unknown one is still refused. */
  admin = pst_test_request (fixture->server, "POST", "/api/v1/officers", fixture->admin,
                            "{\"username\":\"admin2\",\"name\":\"Admin Dua\",\"role\":\"admin\","
                            "\"password\":\"" PASSWORD "\"}");
  pst_test_assert_status (admin, 201);
  g_assert_true (json_object_get_null_member (pst_test_response_object (admin), "office"));
  unknown = pst_test_request (fixture->server, "POST", "/api/v1/officers", fixture->admin,
                              "{\"username\":\"admin3\",\"name\":\"Admin Tiga\",\"role\":\"admin\","
                              "\"office\":\"9999\",\"password\":\"" PASSWORD "\"}");
  pst_test_assert_error (unknown, 422, "invalid_field");
  g_assert_cmpstr (error_field (unknown), ==, "office");
}

/* GET /me is answered from the token's cache entry until the next commit:
 * every change through the API shows at once, from whichever worker
 * answers (this suite runs again with --workers 2).
 */
static void
test_me_follows_changes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *id = create_account (fixture, "joko." OFFICE_A, "officer", OFFICE_A);
  g_autofree char *path = g_strconcat ("/api/v1/officers/", id, NULL);
  g_autofree char *token = pst_test_login (fixture->server, "joko." OFFICE_A, PASSWORD);

  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *name = g_strdup_printf ("Joko Round %u", round);
      g_autofree char *body = g_strdup_printf ("{\"username\":\"joko." OFFICE_A "\",\"name\":\"%s\","
                                               "\"role\":\"officer\",\"office\":\"" OFFICE_A "\"}",
                                               name);
      g_autofree char *desk = g_strdup_printf ("{\"presence\":\"available\",\"desk\":\"Meja %u\"}",
                                               round + 1);
      g_autofree char *desk_name = g_strdup_printf ("Meja %u", round + 1);
      g_autoptr(PstTestResponse) first = NULL;
      g_autoptr(PstTestResponse) again = NULL;
      g_autoptr(PstTestResponse) renamed = NULL;
      g_autoptr(PstTestResponse) after_rename = NULL;
      g_autoptr(PstTestResponse) present = NULL;
      g_autoptr(PstTestResponse) after_presence = NULL;

      first = pst_test_request (fixture->server, "GET", "/api/v1/me", token, NULL);
      again = pst_test_request (fixture->server, "GET", "/api/v1/me", token, NULL);
      pst_test_assert_status (first, 200);
      pst_test_assert_status (again, 200);
      g_assert_cmpstr (first->text, ==, again->text);

      renamed = pst_test_request (fixture->server, "PUT", path, fixture->admin, body);
      pst_test_assert_status (renamed, 200);
      after_rename = pst_test_request (fixture->server, "GET", "/api/v1/me", token, NULL);
      g_assert_cmpstr (pst_test_response_string (after_rename, "name"), ==, name);

      present = pst_test_request (fixture->server, "PUT", "/api/v1/me/presence", token, desk);
      pst_test_assert_status (present, 200);
      after_presence = pst_test_request (fixture->server, "GET", "/api/v1/me", token, NULL);
      g_assert_cmpstr (pst_test_response_string (after_presence, "desk"), ==, desk_name);
      g_assert_cmpstr (pst_test_response_string (after_presence, "name"), ==, name);
    }

  /* Disabling the account ends the cached answer with the session. */
  {
    g_autoptr(PstTestResponse) deleted = NULL;
    g_autoptr(PstTestResponse) me = NULL;

    deleted = pst_test_request (fixture->server, "DELETE", path, fixture->admin, NULL);
    pst_test_assert_status (deleted, 204);
    me = pst_test_request (fixture->server, "GET", "/api/v1/me", token, NULL);
    pst_test_assert_error (me, 401, "unauthorized");
  }
}

static void
test_officers_update (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *id = create_account (fixture, "hadi." OFFICE_A, "officer", OFFICE_A);
  g_autofree char *other = create_account (fixture, "indah." OFFICE_A, "officer", OFFICE_A);
  g_autofree char *path = g_strconcat ("/api/v1/officers/", id, NULL);
  g_autofree char *token = pst_test_login (fixture->server, "hadi." OFFICE_A, PASSWORD);
  g_autofree char *fresh = NULL;
  g_autoptr(PstTestResponse) renamed = NULL;
  g_autoptr(PstTestResponse) still = NULL;
  g_autoptr(PstTestResponse) repassword = NULL;
  g_autoptr(PstTestResponse) revoked = NULL;
  g_autoptr(PstTestResponse) old_password = NULL;
  g_autoptr(PstTestResponse) moved = NULL;
  g_autoptr(PstTestResponse) duplicate = NULL;
  g_autoptr(PstTestResponse) invalid = NULL;
  g_autoptr(PstTestResponse) missing = NULL;
  g_autoptr(PstTestResponse) desk_cleared = NULL;
  g_autoptr(PstTestResponse) self_admin = NULL;
  g_autoptr(PstTestResponse) admin_me = NULL;

  /* Renaming keeps the sessions and the desk. */
  db_exec (fixture->server, "UPDATE officers SET desk = 'Meja 3' WHERE username = 'hadi." OFFICE_A "'");
  renamed = pst_test_request (fixture->server, "PUT", path, fixture->admin,
                              "{\"username\":\"hadi." OFFICE_A "\",\"name\":\"Hadi Saputra\","
                              "\"role\":\"officer\",\"office\":\"" OFFICE_A "\"}");
  pst_test_assert_status (renamed, 200);
  g_assert_cmpstr (pst_test_response_string (renamed, "name"), ==, "Hadi Saputra");
  g_assert_cmpstr (pst_test_response_string (renamed, "desk"), ==, "Meja 3");
  still = pst_test_request (fixture->server, "GET", "/api/v1/me", token, NULL);
  pst_test_assert_status (still, 200);
  g_assert_cmpstr (pst_test_response_string (still, "name"), ==, "Hadi Saputra");

  /* A new password ends the sessions and replaces the old one. */
  repassword = pst_test_request (fixture->server, "PUT", path, fixture->admin,
                                 "{\"username\":\"hadi." OFFICE_A "\",\"name\":\"Hadi Saputra\","
                                 "\"role\":\"officer\",\"office\":\"" OFFICE_A "\","
                                 "\"password\":\"another-password\"}");
  pst_test_assert_status (repassword, 200);
  revoked = pst_test_request (fixture->server, "GET", "/api/v1/me", token, NULL);
  pst_test_assert_error (revoked, 401, "unauthorized");
  old_password = login (fixture->server, "hadi." OFFICE_A, PASSWORD);
  pst_test_assert_error (old_password, 401, "unauthorized");
  fresh = pst_test_login (fixture->server, "hadi." OFFICE_A, "another-password");

  /* Moving to another office ends them too. */
  moved = pst_test_request (fixture->server, "PUT", path, fixture->admin,
                            "{\"username\":\"hadi." OFFICE_B "\",\"name\":\"Hadi Saputra\","
                            "\"role\":\"supervisor\",\"office\":\"" OFFICE_B "\",\"desk\":null}");
  pst_test_assert_status (moved, 200);
  g_assert_cmpstr (pst_test_response_string (moved, "office"), ==, OFFICE_B);
  g_assert_cmpstr (pst_test_response_string (moved, "role"), ==, "supervisor");
  g_assert_true (json_object_get_null_member (pst_test_response_object (moved), "desk"));
  g_clear_pointer (&revoked, pst_test_response_free);
  revoked = pst_test_request (fixture->server, "GET", "/api/v1/me", fresh, NULL);
  pst_test_assert_error (revoked, 401, "unauthorized");

  duplicate = pst_test_request (fixture->server, "PUT", path, fixture->admin,
                                "{\"username\":\"Indah." OFFICE_A "\",\"name\":\"Hadi\","
                                "\"role\":\"officer\",\"office\":\"" OFFICE_B "\"}");
  pst_test_assert_error (duplicate, 409, "conflict");
  invalid = pst_test_request (fixture->server, "PUT", path, fixture->admin,
                              "{\"username\":\"hadi\",\"name\":\"Hadi\",\"role\":\"officer\","
                              "\"office\":\"" OFFICE_B "\",\"password\":\"short\"}");
  pst_test_assert_error (invalid, 422, "invalid_field");
  g_assert_cmpstr (error_field (invalid), ==, "password");
  missing = pst_test_request (fixture->server, "PUT", "/api/v1/officers/off_nobody", fixture->admin,
                              "{\"username\":\"hadi\",\"name\":\"Hadi\",\"role\":\"officer\","
                              "\"office\":\"" OFFICE_B "\"}");
  pst_test_assert_error (missing, 404, "not_found");
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM officers WHERE username = 'hadi." OFFICE_B "'"
                           " AND office = '" OFFICE_B "' AND role = 'supervisor'"), ==, 1);
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM audit_log WHERE action = 'officer.update'"), ==, 3);

  /* An administrator editing their own password keeps their session. */
  admin_me = pst_test_request (fixture->server, "GET", "/api/v1/me", fixture->admin, NULL);
  {
    g_autofree char *admin_path = g_strconcat ("/api/v1/officers/",
                                               pst_test_response_string (admin_me, "id"), NULL);
    g_autoptr(PstTestResponse) after = NULL;

    self_admin = pst_test_request (fixture->server, "PUT", admin_path, fixture->admin,
                                   "{\"username\":\"root\",\"name\":\"Root\",\"role\":\"admin\","
                                   "\"password\":\"root-password-2\"}");
    pst_test_assert_status (self_admin, 200);
    after = pst_test_request (fixture->server, "GET", "/api/v1/me", fixture->admin, NULL);
    pst_test_assert_status (after, 200);
    g_assert_cmpstr (pst_test_response_string (after, "name"), ==, "Root");
  }
}

static void
test_officers_delete (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *id = create_account (fixture, "joko." OFFICE_A, "officer", OFFICE_A);
  g_autofree char *path = g_strconcat ("/api/v1/officers/", id, NULL);
  g_autofree char *token = pst_test_login (fixture->server, "joko." OFFICE_A, PASSWORD);
  g_autoptr(PstTestResponse) present = NULL;
  g_autoptr(PstTestResponse) deleted = NULL;
  g_autoptr(PstTestResponse) again = NULL;
  g_autoptr(PstTestResponse) update = NULL;
  g_autoptr(PstTestResponse) reuse = NULL;
  g_autoptr(PstTestResponse) me = NULL;
  g_autoptr(PstTestResponse) self = NULL;

  present = pst_test_request (fixture->server, "PUT", "/api/v1/me/presence", token,
                              "{\"presence\":\"available\",\"desk\":\"Meja 4\"}");
  pst_test_assert_status (present, 200);

  deleted = pst_test_request (fixture->server, "DELETE", path, fixture->admin, NULL);
  pst_test_assert_status (deleted, 204);
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT disabled FROM officers WHERE username = 'joko." OFFICE_A "'"), ==, 1);
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM audit_log WHERE action = 'officer.disable'"), ==, 1);
  /* The office sees the account leave its desk. */
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM events WHERE type = 'officer.presence'"
                           " AND data LIKE '%\"offline\"%'"), ==, 1);

  again = pst_test_request (fixture->server, "DELETE", path, fixture->admin, NULL);
  pst_test_assert_error (again, 404, "not_found");
  update = pst_test_request (fixture->server, "PUT", path, fixture->admin,
                            "{\"username\":\"joko." OFFICE_A "\",\"name\":\"Joko\","
                            "\"role\":\"officer\",\"office\":\"" OFFICE_A "\"}");
  pst_test_assert_error (update, 404, "not_found");

  /* A disabled account keeps its username. */
  reuse = pst_test_request (fixture->server, "POST", "/api/v1/officers", fixture->admin,
                            "{\"username\":\"joko." OFFICE_A "\",\"name\":\"Joko Baru\","
                            "\"role\":\"officer\",\"office\":\"" OFFICE_A "\","
                            "\"password\":\"" PASSWORD "\"}");
  pst_test_assert_error (reuse, 409, "conflict");

  /* Nobody disables their own account. */
  me = pst_test_request (fixture->server, "GET", "/api/v1/me", fixture->admin, NULL);
  {
    g_autofree char *own = g_strconcat ("/api/v1/officers/", pst_test_response_string (me, "id"),
                                        NULL);

    self = pst_test_request (fixture->server, "DELETE", own, fixture->admin, NULL);
    pst_test_assert_error (self, 409, "conflict");
  }
}

static void
test_supervisor_limits (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *spv_id = create_account (fixture, "spv." OFFICE_A, "supervisor", OFFICE_A);
  g_autofree char *peer_id = create_account (fixture, "spv2." OFFICE_A, "supervisor", OFFICE_A);
  g_autofree char *officer_id = create_account (fixture, "kiki." OFFICE_A, "officer", OFFICE_A);
  g_autofree char *foreign_id = create_account (fixture, "lina." OFFICE_B, "officer", OFFICE_B);
  g_autofree char *spv = pst_test_login (fixture->server, "spv." OFFICE_A, PASSWORD);
  g_autofree char *officer = pst_test_login (fixture->server, "kiki." OFFICE_A, PASSWORD);
  g_autofree char *own_path = g_strconcat ("/api/v1/officers/", officer_id, NULL);
  g_autofree char *peer_path = g_strconcat ("/api/v1/officers/", peer_id, NULL);
  g_autofree char *self_path = g_strconcat ("/api/v1/officers/", spv_id, NULL);
  g_autofree char *foreign_path = g_strconcat ("/api/v1/officers/", foreign_id, NULL);
  g_autoptr(PstTestResponse) response = NULL;
  gint64 before;

  /* Officer and kiosk accounts of their own office: yes. */
  response = pst_test_request (fixture->server, "POST", "/api/v1/officers", spv,
                               "{\"username\":\"mira." OFFICE_A "\",\"name\":\"Mira\","
                               "\"role\":\"officer\",\"office\":\"" OFFICE_A "\","
                               "\"password\":\"" PASSWORD "\"}");
  pst_test_assert_status (response, 201);
  g_clear_pointer (&response, pst_test_response_free);
  response = pst_test_request (fixture->server, "POST", "/api/v1/officers", spv,
                               "{\"username\":\"kiosk2." OFFICE_A "\",\"name\":\"Kios 2\","
                               "\"role\":\"kiosk\",\"office\":\"" OFFICE_A "\","
                               "\"password\":\"" PASSWORD "\"}");
  pst_test_assert_status (response, 201);
  g_clear_pointer (&response, pst_test_response_free);

  before = count_officers (fixture);

  /* Supervisors, admins, another office: no. */
  response = pst_test_request (fixture->server, "POST", "/api/v1/officers", spv,
                               "{\"username\":\"nia." OFFICE_A "\",\"name\":\"Nia\","
                               "\"role\":\"supervisor\",\"office\":\"" OFFICE_A "\","
                               "\"password\":\"" PASSWORD "\"}");
  pst_test_assert_error (response, 403, "forbidden");
  g_clear_pointer (&response, pst_test_response_free);
  response = pst_test_request (fixture->server, "POST", "/api/v1/officers", spv,
                               "{\"username\":\"nia." OFFICE_A "\",\"name\":\"Nia\","
                               "\"role\":\"admin\",\"password\":\"" PASSWORD "\"}");
  pst_test_assert_error (response, 403, "forbidden");
  g_clear_pointer (&response, pst_test_response_free);
  response = pst_test_request (fixture->server, "POST", "/api/v1/officers", spv,
                               "{\"username\":\"nia." OFFICE_B "\",\"name\":\"Nia\","
                               "\"role\":\"officer\",\"office\":\"" OFFICE_B "\","
                               "\"password\":\"" PASSWORD "\"}");
  pst_test_assert_error (response, 403, "forbidden");
  g_clear_pointer (&response, pst_test_response_free);
  response = pst_test_request (fixture->server, "POST", "/api/v1/officers", spv,
                               "{\"username\":\"nia." OFFICE_A "\",\"name\":\"Nia\","
                               "\"role\":\"officer\",\"password\":\"" PASSWORD "\"}");
  pst_test_assert_error (response, 403, "forbidden");
  g_clear_pointer (&response, pst_test_response_free);

  /* Promoting an officer, or editing a supervisor (themselves included): no. */
  response = pst_test_request (fixture->server, "PUT", own_path, spv,
                               "{\"username\":\"kiki." OFFICE_A "\",\"name\":\"Kiki\","
                               "\"role\":\"supervisor\",\"office\":\"" OFFICE_A "\"}");
  pst_test_assert_error (response, 403, "forbidden");
  g_clear_pointer (&response, pst_test_response_free);
  response = pst_test_request (fixture->server, "PUT", own_path, spv,
                               "{\"username\":\"kiki." OFFICE_A "\",\"name\":\"Kiki\","
                               "\"role\":\"officer\",\"office\":\"" OFFICE_B "\"}");
  pst_test_assert_error (response, 403, "forbidden");
  g_clear_pointer (&response, pst_test_response_free);
  response = pst_test_request (fixture->server, "PUT", peer_path, spv,
                               "{\"username\":\"spv2." OFFICE_A "\",\"name\":\"Spv\","
                               "\"role\":\"officer\",\"office\":\"" OFFICE_A "\"}");
  pst_test_assert_error (response, 403, "forbidden");
  g_clear_pointer (&response, pst_test_response_free);
  response = pst_test_request (fixture->server, "PUT", self_path, spv,
                               "{\"username\":\"spv." OFFICE_A "\",\"name\":\"Spv\","
                               "\"role\":\"supervisor\",\"office\":\"" OFFICE_A "\"}");
  pst_test_assert_error (response, 403, "forbidden");
  g_clear_pointer (&response, pst_test_response_free);
  response = pst_test_request (fixture->server, "DELETE", peer_path, spv, NULL);
  pst_test_assert_error (response, 403, "forbidden");
  g_clear_pointer (&response, pst_test_response_free);

  /* Another office's accounts are not even said to exist. */
  response = pst_test_request (fixture->server, "PUT", foreign_path, spv,
                               "{\"username\":\"lina." OFFICE_B "\",\"name\":\"Lina\","
                               "\"role\":\"officer\",\"office\":\"" OFFICE_B "\"}");
  pst_test_assert_error (response, 404, "not_found");
  g_clear_pointer (&response, pst_test_response_free);
  response = pst_test_request (fixture->server, "DELETE", foreign_path, spv, NULL);
  pst_test_assert_error (response, 404, "not_found");
  g_clear_pointer (&response, pst_test_response_free);

  /* An officer manages no accounts. */
  response = pst_test_request (fixture->server, "POST", "/api/v1/officers", officer,
                               "{\"username\":\"nia." OFFICE_A "\",\"name\":\"Nia\","
                               "\"role\":\"officer\",\"office\":\"" OFFICE_A "\","
                               "\"password\":\"" PASSWORD "\"}");
  pst_test_assert_error (response, 403, "forbidden");
  g_clear_pointer (&response, pst_test_response_free);
  response = pst_test_request (fixture->server, "DELETE", own_path, officer, NULL);
  pst_test_assert_error (response, 403, "forbidden");
  g_clear_pointer (&response, pst_test_response_free);

  g_assert_cmpint (count_officers (fixture), ==, before);
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM officers WHERE disabled = 1"), ==, 0);

  /* Their own office's officer: rename, then disable. */
  response = pst_test_request (fixture->server, "PUT", own_path, spv,
                               "{\"username\":\"kiki." OFFICE_A "\",\"name\":\"Kiki Amalia\","
                               "\"role\":\"officer\",\"office\":\"" OFFICE_A "\"}");
  pst_test_assert_status (response, 200);
  g_clear_pointer (&response, pst_test_response_free);
  response = pst_test_request (fixture->server, "DELETE", own_path, spv, NULL);
  pst_test_assert_status (response, 204);
  g_clear_pointer (&response, pst_test_response_free);
  response = pst_test_request (fixture->server, "GET", "/api/v1/me", officer, NULL);
  pst_test_assert_error (response, 401, "unauthorized");
}

static void
test_create_admin (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (FALSE);
  g_autofree char *token = NULL;
  g_autofree char *err = NULL;
  g_autoptr(PstTestResponse) me = NULL;

  g_assert_cmpint (run_create_admin (server, "Kepala", "a long enough password", NULL), ==, 0);
  token = pst_test_login (server, "kepala", "a long enough password");
  me = pst_test_request (server, "GET", "/api/v1/me", token, NULL);
  pst_test_assert_status (me, 200);
  g_assert_cmpstr (pst_test_response_string (me, "role"), ==, "admin");
  g_assert_cmpstr (pst_test_response_string (me, "username"), ==, "kepala");
  g_assert_true (json_object_get_null_member (pst_test_response_object (me), "office"));

  /* A username that exists, a bad username, a short password: refused
   * with a message, and nothing created.
   */
  g_assert_cmpint (run_create_admin (server, "kepala", "another long password", &err), ==, 1);
  g_assert_nonnull (strstr (err, "“kepala” already exists"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_create_admin (server, "no", "a long enough password", &err), ==, 1);
  g_assert_nonnull (strstr (err, "username"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_create_admin (server, "kepala2", "short", &err), ==, 1);
  g_assert_nonnull (strstr (err, "password"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_create_admin (server, "kepala3", "", &err), ==, 1);

  g_clear_pointer (&token, g_free);
  token = pst_test_login (server, "kepala", "a long enough password");
  g_assert_cmpint (db_int (server, "SELECT count (*) FROM officers"), ==, 1);
}

static void
test_idempotency (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *body = "{\"username\":\"oki." OFFICE_A "\",\"name\":\"Oki\",\"role\":\"officer\","
                     "\"office\":\"" OFFICE_A "\",\"password\":\"" PASSWORD "\"}";
  const char *const key[] = { "Idempotency-Key", "create-oki-1", NULL };
  g_autoptr(PstTestResponse) first = NULL;
  g_autoptr(PstTestResponse) second = NULL;
  g_autoptr(PstTestResponse) other_body = NULL;
  g_autoptr(PstTestResponse) no_key = NULL;

  first = pst_test_request_full (fixture->server, "POST", "/api/v1/officers", fixture->admin,
                                 "application/json", body, -1, key);
  pst_test_assert_status (first, 201);
  second = pst_test_request_full (fixture->server, "POST", "/api/v1/officers", fixture->admin,
                                  "application/json", body, -1, key);
  pst_test_assert_status (second, 201);
  g_assert_cmpstr (second->text, ==, first->text);
  g_assert_cmpstr (soup_message_headers_get_one (second->headers, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM officers WHERE username = 'oki." OFFICE_A "'"), ==, 1);
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM audit_log WHERE action = 'officer.create'"), ==, 1);

  /* The same key for something else is a conflict. */
  other_body = pst_test_request_full (fixture->server, "POST", "/api/v1/officers", fixture->admin,
                                      "application/json",
                                      "{\"username\":\"oki2." OFFICE_A "\",\"name\":\"Oki\","
                                      "\"role\":\"officer\",\"office\":\"" OFFICE_A "\","
                                      "\"password\":\"" PASSWORD "\"}", -1, key);
  pst_test_assert_error (other_body, 409, "conflict");

  /* Without the key the same body is a second request: the username is taken. */
  no_key = pst_test_request (fixture->server, "POST", "/api/v1/officers", fixture->admin, body);
  pst_test_assert_error (no_key, 409, "conflict");
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM officers WHERE username LIKE 'oki%'"), ==, 1);
}

/* A login's answer holds a bearer token, which the database keeps only
 * hashed: it is never stored for an Idempotency-Key replay, and logging in
 * again with the same key simply logs in again.
 */
static void
test_login_not_replayed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *id = create_account (fixture, "rini." OFFICE_A, "officer", OFFICE_A);
  const char *body = "{\"username\":\"rini." OFFICE_A "\",\"password\":\"" PASSWORD "\"}";
  const char *const key[] = { "Idempotency-Key", "login-1", NULL };
  g_autoptr(PstTestResponse) first = NULL;
  g_autoptr(PstTestResponse) second = NULL;

  first = pst_test_request_full (fixture->server, "POST", "/api/v1/auth/login", NULL,
                                 "application/json", body, -1, key);
  pst_test_assert_status (first, 200);
  second = pst_test_request_full (fixture->server, "POST", "/api/v1/auth/login", NULL,
                                  "application/json", body, -1, key);
  pst_test_assert_status (second, 200);

  g_assert_cmpstr (pst_test_response_string (first, "token"), !=,
                   pst_test_response_string (second, "token"));
  g_assert_null (soup_message_headers_get_one (second->headers, "Idempotent-Replayed"));
  g_assert_cmpint (db_int (fixture->server,
                           "SELECT count (*) FROM idempotency_keys WHERE idempotency_key = 'login-1'"),
                   ==, 0);
}

static void
test_localized (Fixture       *fixture,
                gconstpointer  data)
{
  const char *const indonesian[] = { "Accept-Language", "id", NULL };
  const char *const english[] = { "Accept-Language", "en-US,en;q=0.9", NULL };
  g_autoptr(PstTestResponse) wrong_id = NULL;
  g_autoptr(PstTestResponse) wrong_en = NULL;
  g_autoptr(PstTestResponse) invalid_id = NULL;
  g_autoptr(PstTestResponse) conflict_id = NULL;
  g_autofree char *id = create_account (fixture, "putri." OFFICE_A, "officer", OFFICE_A);

  wrong_id = pst_test_request_full (fixture->server, "POST", "/api/v1/auth/login", NULL,
                                    "application/json",
                                    "{\"username\":\"putri." OFFICE_A "\",\"password\":\"salah-sekali\"}",
                                    -1, indonesian);
  pst_test_assert_error (wrong_id, 401, "unauthorized");
  g_assert_cmpstr (error_message (wrong_id), ==, "Nama pengguna atau kata sandi salah");

  wrong_en = pst_test_request_full (fixture->server, "POST", "/api/v1/auth/login", NULL,
                                    "application/json",
                                    "{\"username\":\"putri." OFFICE_A "\",\"password\":\"salah-sekali\"}",
                                    -1, english);
  pst_test_assert_error (wrong_en, 401, "unauthorized");
  g_assert_cmpstr (error_message (wrong_en), ==, "Wrong username or password");

  invalid_id = pst_test_request_full (fixture->server, "POST", "/api/v1/officers", fixture->admin,
                                      "application/json",
                                      "{\"username\":\"ab\",\"name\":\"A\",\"role\":\"officer\","
                                      "\"office\":\"" OFFICE_A "\",\"password\":\"" PASSWORD "\"}",
                                      -1, indonesian);
  pst_test_assert_error (invalid_id, 422, "invalid_field");
  g_assert_cmpstr (error_message (invalid_id), ==,
                   "Nama pengguna terdiri atas 3 sampai 64 karakter: huruf kecil, angka, titik, "
                   "tanda hubung, dan garis bawah");

  conflict_id = pst_test_request_full (fixture->server, "POST", "/api/v1/officers", fixture->admin,
                                       "application/json",
                                       "{\"username\":\"putri." OFFICE_A "\",\"name\":\"A\","
                                       "\"role\":\"officer\",\"office\":\"" OFFICE_A "\","
                                       "\"password\":\"" PASSWORD "\"}",
                                       -1, indonesian);
  pst_test_assert_error (conflict_id, 409, "conflict");
  g_assert_cmpstr (error_message (conflict_id), ==, "Nama pengguna ini sudah dipakai; pilih yang lain");
}

/* Whether the server has GET /events (written alongside this file). */
static gboolean
events_route_exists (void)
{
  g_autoptr(PstRouter) router = pst_router_new ();
  g_autoptr(GHashTable) params = NULL;
  const PstRoute *routes;
  const PstRoute *route = NULL;
  guint n_routes = 0;

  routes = pst_route_events_get_routes (&n_routes);
  pst_router_add (router, routes, n_routes);
  return pst_router_match (router, "GET", "/events", &route, &params) == PST_ROUTE_MATCHED;
}

static void
websocket_connected_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static SoupWebsocketConnection *
websocket_connect (PstTestServer *server,
                   const char    *token)
{
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/api/v1/events", server->port);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_session_websocket_connect_async (server->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, websocket_connected_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  connection = soup_session_websocket_connect_finish (server->session, result, &error);
  g_assert_no_error (error);
  return connection;
}

static void
wait_closed (SoupWebsocketConnection *connection)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (soup_websocket_connection_get_state (connection) != SOUP_WEBSOCKET_STATE_CLOSED &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (soup_websocket_connection_get_state (connection), ==, SOUP_WEBSOCKET_STATE_CLOSED);
}

/* Ending a session closes its live events: logging out, a new password,
 * a disabled account.
 */
static void
test_websockets_closed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *id = create_account (fixture, "rudi." OFFICE_A, "officer", OFFICE_A);
  g_autofree char *path = g_strconcat ("/api/v1/officers/", id, NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(SoupWebsocketConnection) logged_out = NULL;
  g_autoptr(SoupWebsocketConnection) repassworded = NULL;
  g_autoptr(SoupWebsocketConnection) disabled = NULL;
  g_autoptr(SoupWebsocketConnection) admin = NULL;
  g_autoptr(PstTestResponse) response = NULL;

  if (!events_route_exists ())
    {
      g_test_skip ("GET /events is not implemented yet");
      return;
    }

  first = pst_test_login (fixture->server, "rudi." OFFICE_A, PASSWORD);
  logged_out = websocket_connect (fixture->server, first);
  admin = websocket_connect (fixture->server, fixture->admin);
  response = pst_test_request (fixture->server, "POST", "/api/v1/auth/logout", first, NULL);
  pst_test_assert_status (response, 204);
  wait_closed (logged_out);
  g_clear_pointer (&response, pst_test_response_free);

  second = pst_test_login (fixture->server, "rudi." OFFICE_A, PASSWORD);
  repassworded = websocket_connect (fixture->server, second);
  response = pst_test_request (fixture->server, "PUT", path, fixture->admin,
                               "{\"username\":\"rudi." OFFICE_A "\",\"name\":\"Rudi\","
                               "\"role\":\"officer\",\"office\":\"" OFFICE_A "\","
                               "\"password\":\"another-password\"}");
  pst_test_assert_status (response, 200);
  wait_closed (repassworded);
  g_clear_pointer (&response, pst_test_response_free);

  third = pst_test_login (fixture->server, "rudi." OFFICE_A, "another-password");
  disabled = websocket_connect (fixture->server, third);
  response = pst_test_request (fixture->server, "DELETE", path, fixture->admin, NULL);
  pst_test_assert_status (response, 204);
  wait_closed (disabled);

  /* Other sessions stay connected. */
  g_assert_cmpint (soup_websocket_connection_get_state (admin), ==, SOUP_WEBSOCKET_STATE_OPEN);
}

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/server/auth/login", test_login);
  ADD ("/server/auth/login-validation", test_login_validation);
  ADD ("/server/auth/login-disabled", test_login_disabled);
  ADD ("/server/auth/rate-limit", test_rate_limit);
  ADD ("/server/auth/rate-limit-reset", test_rate_limit_reset);
  ADD ("/server/auth/logout", test_logout);
  ADD ("/server/auth/me", test_me);
  ADD ("/server/auth/presence", test_presence);
  ADD ("/server/auth/me-follows-changes", test_me_follows_changes);
  ADD ("/server/auth/officers-list", test_officers_list);
  ADD ("/server/auth/officers-create", test_officers_create);
  ADD ("/server/auth/officers-update", test_officers_update);
  ADD ("/server/auth/officers-delete", test_officers_delete);
  ADD ("/server/auth/supervisor-limits", test_supervisor_limits);
  ADD ("/server/auth/idempotency", test_idempotency);
  ADD ("/server/auth/login-not-replayed", test_login_not_replayed);
  ADD ("/server/auth/websockets-closed", test_websockets_closed);
  g_test_add_func ("/server/auth/create-admin", test_create_admin);
  /* Last: it needs this file's strings merged into po/id.po. */
  ADD ("/server/auth/localized", test_localized);

  return g_test_run ();
}
