/* test-workers.c: pst-server with several workers (--workers 2) — events
 * reaching the WebSocket clients of every worker, login limits across
 * workers, a clean stop that loses no acknowledged write — and password
 * checks that do not hold up other requests, with and without workers.
 *
 * The suites of the queue, the events and the logins also run again with
 * --workers 2 (tests/server/meson.build); this file tests what only
 * several workers can get wrong. The request log ends each line with
 * "worker=N" when there are workers: the tests read it to make sure both
 * workers took part.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-test-server.h"

#define DEMO_PASSWORD "pst-demo"
#define WAIT_TIMEOUT_S 60
#define MAX_TRIES 64

static const char *const two_workers[] = { "--workers", "2", NULL };

/* Helpers: waiting on the main context. */

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*DoneFunc) (gpointer data);

static void
wait_until (DoneFunc    done,
            gpointer    data,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_TIMEOUT_S, timed_out_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (id);
}

/* Helpers: the request log. */

/* How many request lines of the log contain every one of @parts. */
static guint
count_log_lines (PstTestServer     *server,
                 const char *const *parts)
{
  g_autofree char *log = pst_test_server_get_log (server);
  g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean all = strstr (lines[i], "request method=") != NULL;

      for (guint j = 0; all && parts[j] != NULL; j++)
        all = strstr (lines[i], parts[j]) != NULL;
      if (all)
        n++;
    }

  return n;
}

static gboolean
log_has_both_workers (PstTestServer *server,
                      const char    *route_part,
                      const char    *status_part)
{
  const char *const on_first[] = { route_part, status_part, "worker=0", NULL };
  const char *const on_second[] = { route_part, status_part, "worker=1", NULL };

  return count_log_lines (server, on_first) > 0 && count_log_lines (server, on_second) > 0;
}

/* Helpers: requests on a connection of their own, which the kernel gives
 * to either worker.
 */
static PstTestResponse *
request_on_new_connection (PstTestServer *server,
                           const char    *method,
                           const char    *path,
                           const char    *token,
                           const char    *body)
{
  g_autoptr(SoupSession) previous = server->session;
  PstTestResponse *response;

  server->session = soup_session_new_with_options ("timeout", 30, NULL);
  response = pst_test_request (server, method, path, token, body);
  g_object_unref (server->session);
  server->session = g_steal_pointer (&previous);

  return response;
}

static char *
issue_ticket (PstTestServer *server,
              const char    *token)
{
  g_autoptr(PstTestResponse) response = NULL;

  response = request_on_new_connection (server, "POST", "/api/v1/offices/7604/tickets", token,
                                        "{\"service\":\"consultation\"}");
  pst_test_assert_status (response, 201);

  return g_strdup (pst_test_response_string (response, "id"));
}

/* Helpers: WebSocket clients, each keeping the seqs of its frames. */

typedef struct
{
  SoupWebsocketConnection *connection;
  GArray                  *seqs;      /* gint64 */
  gboolean                 closed;
} WsClient;

typedef struct
{
  gboolean                 done;
  SoupWebsocketConnection *connection;
  GError                  *error;
} ConnectResult;

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ConnectResult *connect = user_data;

  connect->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result,
                                                               &connect->error);
  connect->done = TRUE;
}

static gboolean
connect_done (gpointer data)
{
  return ((ConnectResult *) data)->done;
}

static void
ws_message_cb (SoupWebsocketConnection *connection,
               int                      type,
               GBytes                  *message,
               WsClient                *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (message, &size);
  JsonObject *frame;
  gint64 seq;

  g_assert_cmpint (type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  json_parser_load_from_data (parser, data, size, &error);
  g_assert_no_error (error);
  frame = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (frame, "type"), !=, "resync");
  seq = json_object_get_int_member (frame, "seq");
  g_array_append_val (client->seqs, seq);
}

static void
ws_closed_cb (SoupWebsocketConnection *connection,
              WsClient                *client)
{
  client->closed = TRUE;
}

static gboolean
ws_closed (gpointer data)
{
  return ((WsClient *) data)->closed;
}

static WsClient *
ws_connect (PstTestServer *server,
            SoupSession   *session,
            const char    *token,
            gint64         since)
{
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/api/v1/events?since=%" G_GINT64_FORMAT,
                                          server->port, since);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  ConnectResult connect = { 0 };
  WsClient *client;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        connected_cb, &connect);
  wait_until (connect_done, &connect, "the WebSocket handshake");
  g_assert_no_error (connect.error);

  client = g_new0 (WsClient, 1);
  client->connection = connect.connection;
  client->seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (client->connection, "message", G_CALLBACK (ws_message_cb), client);
  g_signal_connect (client->connection, "closed", G_CALLBACK (ws_closed_cb), client);

  return client;
}

static void
ws_client_free (WsClient *client)
{
  if (!client->closed)
    {
      soup_websocket_connection_close (client->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      wait_until (ws_closed, client, "the WebSocket to close");
    }

  g_signal_handlers_disconnect_by_data (client->connection, client);
  g_object_unref (client->connection);
  g_array_unref (client->seqs);
  g_free (client);
}

typedef struct
{
  GPtrArray *clients;
  guint      n_frames;
} FramesWait;

static gboolean
all_have_frames (gpointer data)
{
  FramesWait *wait = data;

  for (guint i = 0; i < wait->clients->len; i++)
    {
      WsClient *client = g_ptr_array_index (wait->clients, i);

      if (client->seqs->len < wait->n_frames)
        return FALSE;
    }

  return TRUE;
}

/* The seqs GET /changes gives @token after @since. */
static GArray *
changes_seqs (PstTestServer *server,
              const char    *token,
              gint64         since)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT "&limit=500",
                                           since);
  g_autoptr(PstTestResponse) response = pst_test_request (server, "GET", path, token, NULL);
  GArray *seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *events;

  pst_test_assert_status (response, 200);
  events = json_object_get_array_member (pst_test_response_object (response), "events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      gint64 seq = json_object_get_int_member (event, "seq");

      g_assert_cmpstr (json_object_get_string_member (event, "type"), !=, "resync");
      g_array_append_val (seqs, seq);
    }

  return seqs;
}

static gint64
log_position (PstTestServer *server,
              const char    *token)
{
  g_autoptr(PstTestResponse) response = pst_test_request (server, "GET", "/api/v1/changes",
                                                          token, NULL);

  pst_test_assert_status (response, 200);
  return json_object_get_int_member (pst_test_response_object (response), "last_seq");
}

/* Events written through either worker reach the WebSocket clients of
 * both, each client getting exactly what /changes lists for its token, in
 * seq order, nothing twice and nothing missing.
 */
static void
test_events_across_workers (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start_with_args (TRUE, two_workers);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 256,
                                                                  "max-conns-per-host", 256,
                                                                  "timeout", 30, NULL);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func ((GDestroyNotify) ws_client_free);
  g_autoptr(GArray) expected = NULL;
  g_autofree char *officer = pst_test_login (server, "petugas1.7604", DEMO_PASSWORD);
  const char *tokens[2] = { officer, NULL };
  g_autofree char *colleague = pst_test_login (server, "petugas2.7604", DEMO_PASSWORD);
  gint64 start;
  guint issued = 0;
  FramesWait wait;

  tokens[1] = colleague;
  start = log_position (server, officer);

  /* Clients on both workers: the kernel picks one per connection. */
  while (clients->len < 6 || !log_has_both_workers (server, "route=\"/events\"", "status=101"))
    {
      g_assert_cmpuint (clients->len, <, MAX_TRIES);
      g_ptr_array_add (clients, ws_connect (server, session, tokens[clients->len % 2], start));
    }

  /* Writes through both workers, each on a connection of its own. */
  while (issued < 20 || !log_has_both_workers (server, "route=\"/offices/{code}/tickets\"",
                                               "status=201"))
    {
      g_autofree char *id = NULL;

      g_assert_cmpuint (issued, <, MAX_TRIES);
      id = issue_ticket (server, tokens[issued % 2]);
      issued++;
    }

  expected = changes_seqs (server, officer, start);
  g_assert_cmpuint (expected->len, >=, issued);
  wait.clients = clients;
  wait.n_frames = expected->len;
  wait_until (all_have_frames, &wait, "every client to get every event");

  for (guint i = 0; i < clients->len; i++)
    {
      WsClient *client = g_ptr_array_index (clients, i);
      g_autoptr(GArray) own = changes_seqs (server, tokens[i % 2], start);

      g_assert_cmpuint (client->seqs->len, ==, own->len);
      for (guint j = 0; j < own->len; j++)
        g_assert_cmpint (g_array_index (client->seqs, gint64, j), ==,
                         g_array_index (own, gint64, j));
    }

  /* A live write after the catch-up reaches all of them too, once. */
  {
    g_autofree char *last = issue_ticket (server, officer);
    g_autoptr(GArray) after = changes_seqs (server, officer, start);

    wait.n_frames = after->len;
    wait_until (all_have_frames, &wait, "every client to get the last event");
    for (guint i = 0; i < clients->len; i++)
      {
        WsClient *client = g_ptr_array_index (clients, i);

        g_assert_cmpuint (client->seqs->len, ==, after->len);
        g_assert_cmpint (g_array_index (client->seqs, gint64, client->seqs->len - 1), ==,
                         g_array_index (after, gint64, after->len - 1));
      }
  }
}

/* A logout through one worker closes the sockets of that token on every
 * worker, and every worker refuses the token at once, though each had
 * just accepted it (and keeps the principals of the tokens it saw).
 */
static void
test_logout_across_workers (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start_with_args (TRUE, two_workers);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 256,
                                                                  "max-conns-per-host", 256,
                                                                  "timeout", 30, NULL);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func ((GDestroyNotify) ws_client_free);
  g_autofree char *officer = pst_test_login (server, "petugas1.7604", DEMO_PASSWORD);
  g_autoptr(PstTestResponse) logout = NULL;
  gint64 start = log_position (server, officer);
  guint tries = 0;

  while (clients->len < 4 || !log_has_both_workers (server, "route=\"/events\"", "status=101"))
    {
      g_assert_cmpuint (clients->len, <, MAX_TRIES);
      g_ptr_array_add (clients, ws_connect (server, session, officer, start));
    }

  while (!log_has_both_workers (server, "route=\"/me\"", "status=200"))
    {
      g_autoptr(PstTestResponse) me = NULL;

      g_assert_cmpuint (tries, <, MAX_TRIES);
      me = request_on_new_connection (server, "GET", "/api/v1/me", officer, NULL);
      pst_test_assert_status (me, 200);
      tries++;
    }

  logout = pst_test_request (server, "POST", "/api/v1/auth/logout", officer, NULL);
  pst_test_assert_status (logout, 204);
  for (guint i = 0; i < clients->len; i++)
    wait_until (ws_closed, g_ptr_array_index (clients, i), "a socket of the revoked token to close");

  tries = 0;
  while (!log_has_both_workers (server, "route=\"/me\"", "status=401"))
    {
      g_autoptr(PstTestResponse) me = NULL;

      g_assert_cmpuint (tries, <, MAX_TRIES);
      me = request_on_new_connection (server, "GET", "/api/v1/me", officer, NULL);
      pst_test_assert_error (me, 401, "unauthorized");
      tries++;
    }
}

/* The failed-login limit counts the failures on every worker: after the
 * limit, both workers refuse even the right password.
 */
static void
test_login_limit_across_workers (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start_with_args (TRUE, two_workers);
  static const char wrong[] = "{\"username\":\"petugas1.7604\",\"password\":\"tebakan\"}";
  static const char right[] = "{\"username\":\"petugas1.7604\",\"password\":\"" DEMO_PASSWORD "\"}";
  const char *const refused[] = { "route=\"/auth/login\"", "status=429", NULL };
  guint tries = 0;

  /* The demo's limit: five failures in the window. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(PstTestResponse) response = NULL;

      response = request_on_new_connection (server, "POST", "/api/v1/auth/login", NULL, wrong);
      pst_test_assert_error (response, 401, "unauthorized");
    }

  while (!log_has_both_workers (server, "route=\"/auth/login\"", "status=429"))
    {
      g_autoptr(PstTestResponse) response = NULL;

      g_assert_cmpuint (tries, <, MAX_TRIES);
      response = request_on_new_connection (server, "POST", "/api/v1/auth/login", NULL,
                                            tries % 2 == 0 ? right : wrong);
      pst_test_assert_error (response, 429, "rate_limited");
      tries++;
    }
  g_assert_cmpuint (count_log_lines (server, refused), ==, tries);
}

/* Stopping with SIGTERM while writes are under way: every write that was
 * acknowledged is there after a restart, and the server exits cleanly
 * (pst_test_server_stop() checks the exit status).
 */
typedef struct
{
  SoupMessage *msg;
  GPtrArray   *acknowledged;  /* ticket ids */
  guint       *pending;
} Issue;

static void
issue_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Issue *issue = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  if (bytes != NULL && soup_message_get_status (issue->msg) == 201 &&
      json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                  (gssize) g_bytes_get_size (bytes), NULL))
    {
      JsonObject *ticket = json_node_get_object (json_parser_get_root (parser));

      g_ptr_array_add (issue->acknowledged,
                       g_strdup (json_object_get_string_member (ticket, "id")));
    }

  (*issue->pending)--;
  g_object_unref (issue->msg);
  g_free (issue);
}

static gboolean
none_pending (gpointer data)
{
  return *(guint *) data == 0;
}

static gboolean
some_acknowledged (gpointer data)
{
  return ((GPtrArray *) data)->len >= 10;
}

static void
test_stop_loses_nothing (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start_with_args (TRUE, two_workers);
  g_autofree char *officer = pst_test_login (server, "petugas1.7604", DEMO_PASSWORD);
  g_autofree char *url = g_strconcat (server->base_url, "/api/v1/offices/7604/tickets", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", officer, NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 32,
                                                                  "max-conns-per-host", 32,
                                                                  "timeout", 30, NULL);
  g_autoptr(GPtrArray) acknowledged = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *token = NULL;
  guint pending = 0;

  for (guint i = 0; i < 200; i++)
    {
      Issue *issue = g_new0 (Issue, 1);
      g_autoptr(GBytes) body = g_bytes_new_static ("{\"service\":\"library\"}", 21);

      issue->msg = soup_message_new ("POST", url);
      issue->acknowledged = acknowledged;
      issue->pending = &pending;
      soup_message_headers_replace (soup_message_get_request_headers (issue->msg),
                                    "Authorization", auth);
      soup_message_set_request_body_from_bytes (issue->msg, "application/json", body);
      pending++;
      soup_session_send_and_read_async (session, issue->msg, G_PRIORITY_DEFAULT, NULL,
                                        issue_done_cb, issue);
    }

  wait_until (some_acknowledged, acknowledged, "the first answers");
  pst_test_server_stop (server);
  wait_until (none_pending, &pending, "every request to end");
  g_assert_cmpuint (acknowledged->len, >=, 10);

  pst_test_server_restart_full (server, FALSE);
  token = pst_test_login (server, "petugas1.7604", DEMO_PASSWORD);
  for (guint i = 0; i < acknowledged->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s",
                                               (char *) g_ptr_array_index (acknowledged, i));
      g_autoptr(PstTestResponse) ticket = pst_test_request (server, "GET", path, token, NULL);

      pst_test_assert_status (ticket, 200);
    }
}

/* Password work runs off the main loop: while a crowd of logins is being
 * checked (or of new accounts' passwords hashed), /healthz and an
 * authenticated read are answered, before the last of the crowd is.
 */
typedef struct
{
  SoupMessage *msg;
  guint       *done;
  guint       *succeeded;
} Login;

static void
login_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Login *login = user_data;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  if (bytes != NULL && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (login->msg)))
    (*login->succeeded)++;
  (*login->done)++;
  g_object_unref (login->msg);
  g_free (login);
}

typedef struct
{
  SoupMessage *msg;
  guint        status;
  guint        logins_done_then;
  guint       *logins_done;
  gboolean     done;
} Probe;

static void
probe_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Probe *probe = user_data;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  probe->status = bytes != NULL ? soup_message_get_status (probe->msg) : 0;
  probe->logins_done_then = *probe->logins_done;
  probe->done = TRUE;
}

static gboolean
probes_done (gpointer data)
{
  Probe *probes = data;

  return probes[0].done && probes[1].done;
}

typedef struct
{
  guint *done;
  guint  n;
} LoginsWait;

static gboolean
logins_done (gpointer data)
{
  LoginsWait *wait = data;

  return *wait->done == wait->n;
}

#define N_LOGINS 16

/* With @creating, the crowd is an administrator creating accounts, each
 * with a password to hash; without, logins.
 */
static void
check_password_work_does_not_block (const char *const *args,
                                    gboolean           creating)
{
  g_autoptr(PstTestServer) server = pst_test_server_start_with_args (TRUE, args);
  g_autofree char *token = pst_test_login (server, "petugas2.7604", DEMO_PASSWORD);
  g_autofree char *admin = creating ? pst_test_login (server, "admin", DEMO_PASSWORD) : NULL;
  g_autofree char *admin_auth = g_strconcat ("Bearer ", admin, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *login_url = g_strconcat (server->base_url,
                                            creating ? "/api/v1/officers" : "/api/v1/auth/login",
                                            NULL);
  g_autofree char *healthz_url = g_strconcat (server->base_url, "/healthz", NULL);
  g_autofree char *me_url = g_strconcat (server->base_url, "/api/v1/me", NULL);
  g_autoptr(SoupSession) logins = soup_session_new_with_options ("max-conns", N_LOGINS,
                                                                 "max-conns-per-host", N_LOGINS,
                                                                 "timeout", 60, NULL);
  g_autoptr(SoupSession) probes_session = soup_session_new_with_options ("timeout", 60, NULL);
  guint done = 0;
  guint succeeded = 0;
  Probe probes[2] = { { 0 } };
  LoginsWait wait = { &done, N_LOGINS };

  for (guint i = 0; i < N_LOGINS; i++)
    {
      Login *login = g_new0 (Login, 1);
      g_autofree char *body = NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (creating)
        body = g_strdup_printf ("{\"username\":\"baru%u.7604\",\"name\":\"Petugas Baru %u\","
                                "\"role\":\"officer\",\"office\":\"7604\","
                                "\"password\":\"kata-sandi-%u\"}", i, i, i);
      else
        body = g_strdup_printf ("{\"username\":\"petugas%u.7604\",\"password\":\"%s\"}",
                                1 + i % 2, DEMO_PASSWORD);
      bytes = g_bytes_new_take (g_steal_pointer (&body), strlen (body));

      login->msg = soup_message_new ("POST", login_url);
      if (creating)
        soup_message_headers_replace (soup_message_get_request_headers (login->msg),
                                      "Authorization", admin_auth);
      login->done = &done;
      login->succeeded = &succeeded;
      soup_message_set_request_body_from_bytes (login->msg, "application/json", bytes);
      soup_session_send_and_read_async (logins, login->msg, G_PRIORITY_DEFAULT, NULL,
                                        login_done_cb, login);
    }

  /* The probes leave once the first login is answered: by then every
   * login has reached the server, and most are still being checked.
   */
  while (done == 0)
    g_main_context_iteration (NULL, TRUE);

  probes[0].msg = soup_message_new ("GET", healthz_url);
  probes[1].msg = soup_message_new ("GET", me_url);
  soup_message_headers_replace (soup_message_get_request_headers (probes[1].msg),
                                "Authorization", auth);
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      probes[i].logins_done = &done;
      soup_session_send_and_read_async (probes_session, probes[i].msg, G_PRIORITY_DEFAULT, NULL,
                                        probe_done_cb, &probes[i]);
    }

  wait_until (probes_done, probes, "the probes");
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      g_assert_cmpuint (probes[i].status, ==, 200);
      g_assert_cmpuint (probes[i].logins_done_then, <, N_LOGINS);
      g_object_unref (probes[i].msg);
    }

  wait_until (logins_done, &wait, "the logins");
  g_assert_cmpuint (succeeded, ==, N_LOGINS);

  /* Each new account can log in with the password it was given. */
  for (guint i = 0; creating && i < N_LOGINS; i++)
    {
      g_autofree char *username = g_strdup_printf ("baru%u.7604", i);
      g_autofree char *password = g_strdup_printf ("kata-sandi-%u", i);

      g_free (pst_test_login (server, username, password));
    }
}

static void
test_logins_do_not_block (void)
{
  check_password_work_does_not_block (NULL, FALSE);
}

static void
test_logins_do_not_block_workers (void)
{
  check_password_work_does_not_block (two_workers, FALSE);
}

static void
test_new_passwords_do_not_block (void)
{
  check_password_work_does_not_block (NULL, TRUE);
}

static void
test_new_passwords_do_not_block_workers (void)
{
  check_password_work_does_not_block (two_workers, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/workers/events-across-workers", test_events_across_workers);
  g_test_add_func ("/server/workers/logout-across-workers", test_logout_across_workers);
  g_test_add_func ("/server/workers/login-limit-across-workers", test_login_limit_across_workers);
  g_test_add_func ("/server/workers/stop-loses-nothing", test_stop_loses_nothing);
  g_test_add_func ("/server/workers/logins-do-not-block", test_logins_do_not_block);
  g_test_add_func ("/server/workers/logins-do-not-block-workers", test_logins_do_not_block_workers);
  g_test_add_func ("/server/workers/new-passwords-do-not-block", test_new_passwords_do_not_block);
  g_test_add_func ("/server/workers/new-passwords-do-not-block-workers",
                   test_new_passwords_do_not_block_workers);

  return g_test_run ();
}
