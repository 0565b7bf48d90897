/* test-authz.c: the authorization matrix — every route of API.md, called
 * by every role, on its own office and on another.
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

/* The expectations below are written from API.md's "who" columns and
 * DOMAIN.md's roles, not from the route tables: an officer works their own
 * office; a supervisor can do all an officer can plus the team, assigning
 * and complaints; an admin everything, in every office; a kiosk only
 * issues tickets and fills in the guest book for its own office (it
 * searches the knowledge base through the public search and reads the
 * articles it finds, for the visitors at the kiosk). Anonymous
 * callers reach only the public routes.
 *
 * Each route is called by each role on the caller's own office (7604, BPS
 * Kabupaten Mamuju) and on another (1905, BPS Kabupaten Bangka Selatan) of
 * the demo data. An outcome is one character per role, in the order
 * anonymous, kiosk, officer, supervisor, admin:
 *
 *   A  allowed: any answer but 401, 403 and 404 (a 409 for an illegal
 *      transition or a 422 for the body still means the caller got in),
 *      and not a 5xx;
 *   U  401 unauthorized;
 *   F  403 forbidden;
 *   N  404 not_found: another office's object is not even said to exist;
 *   D  403 or 404 (either is right: editing what one may read);
 *   -  not checked.
 *
 * Routes the server does not have yet are skipped, naming the route; the
 * `coverage` test fails for a route of the server that the matrix does not
 * list, so a new route cannot go in without its access rule being checked.
 */

#define OWN_OFFICE "7604"
#define OTHER_OFFICE "1905"
#define DEMO_PASSWORD "pst-demo"

enum
{
  ROLE_ANONYMOUS,
  ROLE_KIOSK,
  ROLE_OFFICER,
  ROLE_SUPERVISOR,
  ROLE_ADMIN,
  N_ROLES
};

static const char *const role_names[N_ROLES] = {
  "anonymous", "kiosk", "officer", "supervisor", "admin",
};

/* The demo accounts of the caller's own office. */
static const char *const role_accounts[N_ROLES] = {
  NULL, "kiosk." OWN_OFFICE, "petugas1." OWN_OFFICE, "spv." OWN_OFFICE, "admin",
};

typedef enum
{
  FRESH_TOKEN    = 1 << 0,  /* the request ends its token (logout) */
  FRESH_TICKET   = 1 << 1,  /* {ticket} is a new waiting ticket of the office */
  FRESH_OFFICER  = 1 << 2,  /* {officer} is a new officer account of the office */
  FRESH_ARTICLE  = 1 << 3,  /* {article} is a new article of the office */
} CaseFlags;

typedef struct
{
  const char *method;
  /* Placeholders: {office}, {ticket}, {officer}, {consultation},
   * {article}, {complaint}, {unique}.
   */
  const char *path;
  const char *body;
  const char *own;    /* outcomes on the caller's own office */
  const char *other;  /* on another office; NULL when the route has no office */
  guint       flags;
} MatrixCase;

#define GUEST_BOOK \
  "{\"name\":\"Andi Wijaya\",\"id_type\":\"ktp\",\"id_number\":\"7604011203900001\"," \
  "\"email\":\"andi@example.com\",\"phone\":\"081234567890\",\"institution\":\"Universitas Tadulako\"," \
  "\"occupation\":\"Mahasiswa\",\"purpose\":\"Data kemiskinan kabupaten\"}"

#define REQUESTER "{\"name\":\"Rina\",\"email\":\"rina@example.com\"}"

static const MatrixCase cases[] = {
  /* Auth and people. Presence is for staff: a kiosk is a device (DOMAIN.md). */
  { "POST", "/auth/login", "{\"username\":\"petugas2.{office}\",\"password\":\"" DEMO_PASSWORD "\"}",
    "AAAAA", "AAAAA", 0 },
  { "POST", "/auth/logout", NULL, "UAAAA", NULL, FRESH_TOKEN },
  { "GET", "/me", NULL, "UAAAA", NULL, 0 },
  { "PUT", "/me/presence", "{\"presence\":\"available\"}", "UFAAA", NULL, 0 },
  { "GET", "/officers?office={office}", NULL, "UFFAA", "UFFFA", 0 },
  { "POST", "/officers",
    "{\"username\":\"matrix{unique}.{office}\",\"name\":\"Matriks\",\"role\":\"officer\","
    "\"office\":\"{office}\",\"password\":\"matrix-password\"}",
    "UFFAA", "UFFFA", 0 },
  { "PUT", "/officers/{officer}",
    "{\"username\":\"petugas2.{office}\",\"name\":\"Petugas Dua\",\"role\":\"officer\","
    "\"office\":\"{office}\"}",
    "UFFAA", "UFFNA", 0 },
  { "DELETE", "/officers/{officer}", NULL, "UFFAA", "UFFNA", FRESH_OFFICER },

  /* Offices and the working calendar: reading is public, writing is the admin's. */
  { "GET", "/offices", NULL, "AAAAA", NULL, 0 },
  { "GET", "/offices/{office}", NULL, "AAAAA", "AAAAA", 0 },
  { "GET", "/offices/{office}/due?from=2026-11-23T02:00:00Z&working_days=3", NULL,
    "AAAAA", "AAAAA", 0 },
  { "POST", "/offices", "{}", "UFFFA", NULL, 0 },
  { "PUT", "/offices/{office}", "{}", "UFFFA", "UFFFA", 0 },
  { "PUT", "/offices/{office}/holidays", "{\"holidays\":[]}", "UFFFA", "UFFFA", 0 },
  /* Not in API.md: the national list of a year, public like the offices. */
  { "GET", "/holidays/{year}", NULL, "AAAAA", NULL, 0 },
  { "PUT", "/holidays/{year}", "{\"holidays\":[]}", "UFFFA", NULL, 0 },

  /* The walk-in queue. */
  { "POST", "/offices/{office}/tickets",
    "{\"service\":\"library\",\"guest_book\":" GUEST_BOOK "}", "UAAAA", "UFFFA", 0 },
  { "GET", "/offices/{office}/tickets", NULL, "UFAAA", "UFFFA", 0 },
  { "POST", "/offices/{office}/tickets/call-next", "{\"desk\":\"Meja 9\",\"services\":[\"sales\"]}",
    "UFAAA", "UFFFA", 0 },
  /* Not in API.md: one ticket with its guest book. */
  { "GET", "/tickets/{ticket}", NULL, "UFAAA", "UFNNA", FRESH_TICKET },
  { "POST", "/tickets/{ticket}/start", NULL, "UFAAA", "UFNNA", FRESH_TICKET },
  { "POST", "/tickets/{ticket}/finish", "{\"topic\":\"data\",\"outcome\":\"answered\"}",
    "UFAAA", "UFNNA", FRESH_TICKET },
  { "POST", "/tickets/{ticket}/no-show", NULL, "UFAAA", "UFNNA", FRESH_TICKET },
  { "POST", "/tickets/{ticket}/recall", NULL, "UFAAA", "UFNNA", FRESH_TICKET },
  { "POST", "/tickets/{ticket}/requeue", NULL, "UFAAA", "UFNNA", FRESH_TICKET },
  { "POST", "/tickets/{ticket}/transfer", "{\"service\":\"sales\"}", "UFAAA", "UFNNA", FRESH_TICKET },
  { "PUT", "/tickets/{ticket}/guest-book", GUEST_BOOK, "UAAAA", "UNNNA", FRESH_TICKET },

  /* Consultations. Recording one for another office is refused like any
   * write into another office.
   */
  { "GET", "/consultations?office={office}", NULL, "UFAAA", "UFFFA", 0 },
  { "GET", "/consultations/{consultation}", NULL, "UFAAA", "UFNNA", 0 },
  { "POST", "/consultations",
    "{\"office\":\"{office}\",\"channel\":\"walk_in\",\"subject\":\"Data PDRB\","
    "\"category\":\"data\",\"requester\":" REQUESTER "}",
    "UFAAA", "UFFFA", 0 },
  { "POST", "/consultations/{consultation}/messages", "{\"body\":\"Terima kasih, kami periksa.\"}",
    "UFAAA", "UFNNA", 0 },
  { "POST", "/consultations/{consultation}/claim", NULL, "UFAAA", "UFNNA", 0 },
  { "POST", "/consultations/{consultation}/assign", "{\"officer\":\"{officer}\"}",
    "UFFAA", "UFFNA", 0 },
  { "POST", "/consultations/{consultation}/close", "{\"resolution\":\"answered\"}",
    "UFAAA", "UFNNA", 0 },
  { "POST", "/consultations/{consultation}/reopen", NULL, "UFAAA", "UFNNA", 0 },
  { "POST", "/consultations/{consultation}/follow-up",
    "{\"mode\":\"zoom\",\"at\":\"2030-01-07T02:00:00Z\",\"link\":\"https://zoom.us/j/1\"}",
    "UFAAA", "UFNNA", 0 },

  /* Requesters and kiosks, without an officer token. */
  { "GET", "/public/kb/search?q=inflasi&lang=id&office={office}", NULL, "AAAAA", NULL, 0 },
  { "POST", "/public/consultations",
    "{\"office\":\"{office}\",\"requester\":" REQUESTER ",\"subject\":\"Data inflasi\","
    "\"category\":\"data\",\"message\":\"Mohon data inflasi 2025\","
    "\"kb_searched\":{\"query\":\"inflasi\",\"viewed\":[]}}",
    "AAAAA", NULL, 0 },
  { "POST", "/public/complaints",
    "{\"office\":\"{office}\",\"channel\":\"website\",\"reporter\":{\"name\":\"Rina\"},"
    "\"body\":\"Antrian terlalu lama\"}",
    "AAAAA", NULL, 0 },

  /* Knowledge base. Articles are read across offices (the public search
   * shows them all), by kiosks too; editing another office's is refused.
   */
  { "GET", "/kb/search?q=inflasi&lang=id", NULL, "UFAAA", NULL, 0 },
  { "GET", "/kb/articles/{article}", NULL, "UAAAA", "UAAAA", 0 },
  { "POST", "/kb/articles",
    "{\"lang\":\"id\",\"title\":\"Matriks {unique}\",\"body\":\"Isi\",\"office\":\"{office}\"}",
    "UFFAA", "UFFDA", 0 },
  { "PUT", "/kb/articles/{article}",
    "{\"lang\":\"id\",\"title\":\"Matriks\",\"body\":\"Isi\",\"office\":\"{office}\"}",
    "UFFAA", "UFFDA", 0 },
  { "DELETE", "/kb/articles/{article}", NULL, "UFFAA", "UFFDA", FRESH_ARTICLE },
  { "POST", "/kb/import", "[]", "UFFFA", NULL, 0 },
  { "POST", "/kb/articles/{article}/feedback",
    "{\"helpful\":true,\"resolved_without_consultation\":false}", "AAAAA", "AAAAA", 0 },

  /* Ratings and complaints. An officer lists their own ratings. */
  { "GET", "/ratings?office={office}", NULL, "UFAAA", "UFFFA", 0 },
  { "GET", "/ratings/ikm?office={office}", NULL, "UFFAA", "UFFFA", 0 },
  { "GET", "/ratings/export?format=csv&office={office}", NULL, "UFFAA", "UFFFA", 0 },
  { "GET", "/complaints?office={office}", NULL, "UFFAA", "UFFFA", 0 },
  { "POST", "/complaints",
    "{\"office\":\"{office}\",\"channel\":\"phone\",\"reporter\":{\"name\":\"Rina\"},"
    "\"body\":\"Petugas tidak ramah\"}",
    "UFAAA", "UFFFA", 0 },
  { "POST", "/complaints/{complaint}/respond", "{\"body\":\"Mohon maaf, sudah kami tindak lanjuti.\"}",
    "UFFAA", "UFFNA", 0 },
  { "POST", "/complaints/{complaint}/status", "{\"status\":\"in_progress\"}", "UFFAA", "UFFNA", 0 },

  /* Live events: every token, each seeing only what it may. */
  { "GET", "/changes?since=0", NULL, "UAAAA", NULL, 0 },
  { "GET", "/events", NULL, "UAAAA", NULL, 0 },
};

/* Routes that authenticate otherwise than by role, so are not in the
 * matrix: a consultation's access token, a rating's access token in the
 * body, a channel's signature.
 */
static const char *const not_role_routes[] = {
  "GET /public/consultations/{}",
  "POST /public/consultations/{}/messages",
  "POST /public/ratings",
  "POST /channels/whatsapp/webhook",
  "POST /channels/email/inbound",
};

static PstTestServer *server;
static PstRouter *router;
static char *tokens[N_ROLES];
static guint unique_counter;

/* Logging in, NULL when it fails (the demo accounts may be missing). */
static char *
try_login (const char *username,
           const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           username, password);
  g_autoptr(PstTestResponse) response = pst_test_request (server, "POST", "/api/v1/auth/login",
                                                          NULL, body);

  if (response->status != 200)
    return NULL;

  return g_strdup (pst_test_response_string (response, "token"));
}

static PstStore *
open_db (void)
{
  g_autoptr(GError) error = NULL;
  PstStore *store = pst_store_open (server->db_path, PST_STORE_SCHEMA_SERVER, &error);

  g_assert_no_error (error);
  pst_store_set_busy_timeout (store, 5000);
  return store;
}

/* The first value of the query @sql with @office bound to ?1, or NULL. */
static char *
db_text (const char *sql,
         const char *office)
{
  g_autoptr(PstStore) store = open_db ();
  g_autoptr(GError) error = NULL;
  g_auto(PstStoreStatement) stmt = pst_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, office, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_row (store, stmt, &error))
    {
      g_assert_no_error (error);
      return NULL;
    }

  return g_strdup (pst_store_column_text (stmt, 0));
}

static gboolean
route_exists (const char *method,
              const char *path)
{
  g_autofree char *bare = g_strndup (path, strcspn (path, "?"));
  g_autoptr(GHashTable) params = NULL;
  const PstRoute *route = NULL;

  return pst_router_match (router, method, bare, &route, &params) == PST_ROUTE_MATCHED;
}

/* A pattern with each {parameter} written {}, to compare the matrix's
 * paths with the server's patterns.
 */
static char *
normalize_pattern (const char *method,
                   const char *path)
{
  GString *out = g_string_new (method);
  gsize len = strcspn (path, "?");

  g_string_append_c (out, ' ');
  for (gsize i = 0; i < len; i++)
    {
      g_string_append_c (out, path[i]);
      if (path[i] == '{')
        {
          while (i < len && path[i] != '}')
            i++;
          g_string_append_c (out, '}');
        }
    }

  return g_string_free (out, FALSE);
}

/* New objects for the cases that use one up, made by the admin. */

static char *
fresh_ticket (const char *office)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/offices/%s/tickets", office);
  g_autoptr(PstTestResponse) response = NULL;

  response = pst_test_request (server, "POST", path, tokens[ROLE_ADMIN],
                               "{\"service\":\"consultation\",\"guest_book\":" GUEST_BOOK "}");
  if (response->status != 201)
    return NULL;

  return g_strdup (pst_test_response_string (response, "id"));
}

static char *
fresh_officer (const char *office)
{
  g_autofree char *body = NULL;
  g_autoptr(PstTestResponse) response = NULL;

  body = g_strdup_printf ("{\"username\":\"fresh%u.%s\",\"name\":\"Akun Sementara\","
                          "\"role\":\"officer\",\"office\":\"%s\",\"password\":\"fresh-password\"}",
                          ++unique_counter, office, office);
  response = pst_test_request (server, "POST", "/api/v1/officers", tokens[ROLE_ADMIN], body);
  if (response->status != 201)
    return NULL;

  return g_strdup (pst_test_response_string (response, "id"));
}

static char *
fresh_article (const char *office)
{
  g_autofree char *body = NULL;
  g_autoptr(PstTestResponse) response = NULL;

  body = g_strdup_printf ("{\"lang\":\"id\",\"title\":\"Sementara %u\",\"body\":\"Isi\","
                          "\"office\":\"%s\"}", ++unique_counter, office);
  response = pst_test_request (server, "POST", "/api/v1/kb/articles", tokens[ROLE_ADMIN], body);
  if (response->status != 201)
    return NULL;

  return g_strdup (pst_test_response_string (response, "id"));
}

/* Replaces the placeholders of @text for one request on @office; NULL
 * with *@out_missing set to what could not be found or made.
 */
static char *
expand (const MatrixCase  *matrix_case,
        const char        *text,
        const char        *office,
        GHashTable        *made,
        char             **out_missing)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *end = p + 1 + strspn (p + 1, "abcdefghijklmnopqrstuvwxyz");
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      /* A placeholder is {name}; JSON's braces are copied. */
      if (*p != '{' || end == p + 1 || *end != '}')
        {
          g_string_append_c (out, *p++);
          continue;
        }

      name = g_strndup (p + 1, end - p - 1);
      if (strcmp (name, "office") == 0)
        value = g_strdup (office);
      else if (strcmp (name, "year") == 0)
        value = g_strdup ("2099");
      else if (strcmp (name, "unique") == 0)
        value = g_strdup_printf ("%u", ++unique_counter);
      else if (g_hash_table_contains (made, name))
        value = g_strdup (g_hash_table_lookup (made, name));
      else
        {
          if (strcmp (name, "ticket") == 0)
            value = (matrix_case->flags & FRESH_TICKET) != 0 ? fresh_ticket (office) : NULL;
          else if (strcmp (name, "officer") == 0)
            value = (matrix_case->flags & FRESH_OFFICER) != 0
                      ? fresh_officer (office)
                      : db_text ("SELECT id FROM officers WHERE username = 'petugas2.' || ?1", office);
          else if (strcmp (name, "article") == 0)
            value = (matrix_case->flags & FRESH_ARTICLE) != 0
                      ? fresh_article (office)
                      : db_text ("SELECT id FROM kb_articles WHERE office = ?1 ORDER BY num", office);
          else if (strcmp (name, "consultation") == 0)
            value = db_text ("SELECT id FROM consultations WHERE office = ?1"
                             " ORDER BY status = 'closed', created_at", office);
          else if (strcmp (name, "complaint") == 0)
            value = db_text ("SELECT id FROM complaints WHERE office = ?1 ORDER BY received_at", office);
          else
            g_error ("Unknown placeholder {%s}", name);

          if (value == NULL)
            {
              *out_missing = g_strdup_printf ("no %s of office %s could be found or made", name, office);
              return (char *) g_string_free (out, TRUE);
            }
          g_hash_table_insert (made, g_strdup (name), g_strdup (value));
        }

      g_string_append (out, value);
      p = end + 1;
    }

  return g_string_free (out, FALSE);
}

static gboolean
outcome_matches (char             expected,
                 PstTestResponse *response)
{
  guint status = response->status;

  switch (expected)
    {
    case 'A':
      return status < 500 && status != 401 && status != 403 && status != 404 && status != 405;
    case 'U':
      return status == 401 && g_strcmp0 (pst_test_response_error (response), "unauthorized") == 0;
    case 'F':
      return status == 403 && g_strcmp0 (pst_test_response_error (response), "forbidden") == 0;
    case 'N':
      return status == 404 && g_strcmp0 (pst_test_response_error (response), "not_found") == 0;
    case 'D':
      return status == 403 || status == 404;
    default:
      g_assert_not_reached ();
    }
}

static void
test_case (gconstpointer data)
{
  const MatrixCase *matrix_case = data;
  g_autoptr(GString) failures = g_string_new (NULL);

  if (!route_exists (matrix_case->method, matrix_case->path))
    {
      g_test_skip_printf ("%s %s is not implemented yet", matrix_case->method, matrix_case->path);
      return;
    }
  if (tokens[ROLE_ADMIN] == NULL)
    {
      g_test_skip ("The demo accounts are missing (pst-server --demo seeds none yet)");
      return;
    }

  for (guint target = 0; target < 2; target++)
    {
      const char *outcomes = target == 0 ? matrix_case->own : matrix_case->other;
      const char *office = target == 0 ? OWN_OFFICE : OTHER_OFFICE;

      if (outcomes == NULL)
        continue;
      g_assert_cmpuint (strlen (outcomes), ==, N_ROLES);

      for (guint role = 0; role < N_ROLES; role++)
        {
          g_autoptr(GHashTable) made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_autoptr(PstTestResponse) response = NULL;
          g_autofree char *path = NULL;
          g_autofree char *full_path = NULL;
          g_autofree char *body = NULL;
          g_autofree char *missing = NULL;
          g_autofree char *fresh_token = NULL;
          const char *token = tokens[role];

          if (outcomes[role] == '-')
            continue;

          path = expand (matrix_case, matrix_case->path, office, made, &missing);
          if (path != NULL && matrix_case->body != NULL)
            body = expand (matrix_case, matrix_case->body, office, made, &missing);
          if (missing != NULL)
            {
              g_test_skip_printf ("%s %s: %s", matrix_case->method, matrix_case->path, missing);
              return;
            }

          if ((matrix_case->flags & FRESH_TOKEN) != 0 && role != ROLE_ANONYMOUS)
            {
              fresh_token = try_login (role_accounts[role], DEMO_PASSWORD);
              g_assert_nonnull (fresh_token);
              token = fresh_token;
            }

          full_path = g_strconcat ("/api/v1", path, NULL);
          response = pst_test_request (server, matrix_case->method, full_path, token, body);
          g_test_message ("%s %s as %s of %s: %u", matrix_case->method, path, role_names[role],
                          target == 0 ? "its own office" : "another office", response->status);

          if (!outcome_matches (outcomes[role], response))
            g_string_append_printf (failures, "\n  %s on %s office: expected %c, got %u %s",
                                    role_names[role], target == 0 ? "its own" : "another",
                                    outcomes[role], response->status,
                                    response->text != NULL ? response->text : "");
        }
    }

  if (failures->len > 0)
    g_test_fail_printf ("%s %s does not follow the access rules of API.md:%s",
                        matrix_case->method, matrix_case->path, failures->str);
}

/* A revoked token is refused by every route that needs one. */
static void
test_revoked_token (void)
{
  g_autoptr(GRegex) objects_regex = NULL;
  g_autofree char *token = NULL;
  g_autoptr(PstTestResponse) out = NULL;
  guint checked = 0;

  if (tokens[ROLE_ADMIN] == NULL)
    {
      g_test_skip ("The demo accounts are missing (pst-server --demo seeds none yet)");
      return;
    }

  objects_regex = g_regex_new ("\\{(ticket|officer|consultation|article|complaint)\\}", 0, 0, NULL);
  token = try_login ("spv." OWN_OFFICE, DEMO_PASSWORD);
  g_assert_nonnull (token);
  out = pst_test_request (server, "POST", "/api/v1/auth/logout", token, NULL);
  pst_test_assert_status (out, 204);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MatrixCase *matrix_case = &cases[i];
      g_autoptr(PstTestResponse) response = NULL;
      g_autoptr(GHashTable) made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autofree char *path = NULL;
      g_autofree char *full_path = NULL;
      g_autofree char *objects = NULL;
      g_autofree char *missing = NULL;

      /* Public routes do not look at the token. */
      if (matrix_case->own[ROLE_ANONYMOUS] != 'U' ||
          !route_exists (matrix_case->method, matrix_case->path))
        continue;

      /* Objects need not exist to be refused. */
      objects = g_regex_replace_literal (objects_regex, matrix_case->path, -1, 0, "x_missing", 0, NULL);
      path = expand (matrix_case, objects, OWN_OFFICE, made, &missing);
      g_assert_null (missing);

      full_path = g_strconcat ("/api/v1", path, NULL);
      response = pst_test_request (server, matrix_case->method, full_path, token,
                                   strcmp (matrix_case->method, "GET") != 0 ? "{}" : NULL);
      if (response->status != 401)
        g_test_fail_printf ("%s %s answered %u to a revoked token: %s", matrix_case->method, path,
                            response->status, response->text);
      checked++;
    }

  g_test_message ("%u routes refused the revoked token", checked);
}

/* The WebSocket of GET /events needs a token too. */
static void
websocket_connected_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static SoupWebsocketConnection *
websocket_connect (const char  *token,
                   GError     **error)
{
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/api/v1/events", server->port);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;

  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }

  soup_session_websocket_connect_async (server->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, websocket_connected_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return soup_session_websocket_connect_finish (server->session, result, error);
}

static void
test_events_websocket (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) anonymous = NULL;
  g_autoptr(SoupWebsocketConnection) garbage = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  g_autoptr(PstTestResponse) out = NULL;
  g_autofree char *token = NULL;
  gint64 deadline;

  if (!route_exists ("GET", "/events"))
    {
      g_test_skip ("GET /events is not implemented yet");
      return;
    }
  if (tokens[ROLE_ADMIN] == NULL)
    {
      g_test_skip ("The demo accounts are missing (pst-server --demo seeds none yet)");
      return;
    }

  anonymous = websocket_connect (NULL, &error);
  g_assert_null (anonymous);
  g_assert_nonnull (error);
  g_clear_error (&error);
  garbage = websocket_connect ("not-a-token", &error);
  g_assert_null (garbage);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* With a token the socket opens; logging out closes it. */
  token = try_login ("petugas1." OWN_OFFICE, DEMO_PASSWORD);
  g_assert_nonnull (token);
  connection = websocket_connect (token, &error);
  g_assert_no_error (error);
  g_assert_cmpint (soup_websocket_connection_get_state (connection), ==, SOUP_WEBSOCKET_STATE_OPEN);

  out = pst_test_request (server, "POST", "/api/v1/auth/logout", token, NULL);
  pst_test_assert_status (out, 204);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (soup_websocket_connection_get_state (connection) != SOUP_WEBSOCKET_STATE_CLOSED &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (soup_websocket_connection_get_state (connection), ==, SOUP_WEBSOCKET_STATE_CLOSED);
}

/* Every route of the server is in the matrix (or named as authenticated
 * otherwise), so none goes unchecked.
 */
static void
test_coverage (void)
{
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) missing = g_string_new (NULL);
  const PstRoute *routes;
  guint n_routes = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_hash_table_add (listed, normalize_pattern (cases[i].method, cases[i].path));
  for (guint i = 0; i < G_N_ELEMENTS (not_role_routes); i++)
    g_hash_table_add (listed, g_strdup (not_role_routes[i]));

  for (guint t = 0; (routes = pst_routes_get_table (t, &n_routes)) != NULL; t++)
    {
      for (guint i = 0; i < n_routes; i++)
        {
          g_autofree char *key = normalize_pattern (routes[i].method, routes[i].pattern);

          if (!g_hash_table_contains (listed, key))
            g_string_append_printf (missing, "\n  %s %s", routes[i].method, routes[i].pattern);
        }
    }

  if (missing->len > 0)
    g_test_fail_printf ("Routes with no entry in the authorization matrix:%s", missing->str);
}

static void
add_routes (PstRouter *self)
{
  const PstRoute *routes;
  guint n_routes = 0;

  for (guint t = 0; (routes = pst_routes_get_table (t, &n_routes)) != NULL; t++)
    pst_router_add (self, routes, n_routes);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char **args = g_new0 (char *, argc + 2);
  int n_args = argc + 1;
  int status;

  /* A failed route does not stop the others: the whole matrix is reported. */
  memcpy (args, argv, argc * sizeof (char *));
  args[argc] = (char *) "--keep-going";
  argv = args;
  g_test_init (&n_args, &argv, NULL);

  router = pst_router_new ();
  add_routes (router);

  g_test_add_func ("/server/authz/coverage", test_coverage);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bare = g_strndup (cases[i].path, strcspn (cases[i].path, "?"));
      g_autofree char *name = g_strdup_printf ("/server/authz/%s%s", cases[i].method, bare);

      g_test_add_data_func (name, &cases[i], test_case);
    }
  g_test_add_func ("/server/authz/revoked-token", test_revoked_token);
  g_test_add_func ("/server/authz/events-websocket", test_events_websocket);

  /* One server with the demo data for the whole matrix. */
  server = pst_test_server_start (TRUE);
  for (guint role = ROLE_KIOSK; role < N_ROLES; role++)
    tokens[role] = try_login (role_accounts[role], DEMO_PASSWORD);

  status = g_test_run ();

  for (guint role = 0; role < N_ROLES; role++)
    g_free (tokens[role]);
  pst_test_server_free (server);
  pst_router_free (router);

  return status;
}
