/* test-events.c: the change log over GET /changes and the live events
 * over the GET /events WebSocket, on a real server with the demo data.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "pst-test-server.h"

#define DEMO_PASSWORD "pst-demo"
#define WAIT_TIMEOUT_S 20
#define MANY_CLIENTS 50

/* One WebSocket client, with every text frame it received. */
typedef struct
{
  SoupWebsocketConnection *connection;
  GPtrArray               *frames;   /* JsonNode* */
  gboolean                 closed;
  gushort                  close_code;
} WsClient;

typedef struct
{
  gboolean                 done;
  SoupWebsocketConnection *connection;
  GError                  *error;
} ConnectResult;

/* Helpers: the REST side. */

static char *
login (PstTestServer *server,
       const char    *username)
{
  return pst_test_login (server, username, DEMO_PASSWORD);
}

/* Issues a walk-in ticket in @office and returns its id. Appends a
 * ticket.issued event of that office. The demo's 1905 fills in the guest
 * book before it gives a number.
 */
static char *
issue_ticket (PstTestServer *server,
              const char    *token,
              const char    *office)
{
  static const char plain[] = "{\"service\":\"consultation\"}";
  static const char with_guest_book[] =
    "{\"service\":\"consultation\",\"guest_book\":{\"name\":\"Siti Aminah\","
    "\"id_type\":\"ktp\",\"id_number\":\"1905011508900001\",\"email\":\"siti@example.co.id\","
    "\"phone\":\"081234567890\",\"institution\":\"Universitas Bangka Belitung\","
    "\"occupation\":\"Mahasiswa\",\"purpose\":\"Data kemiskinan\"}}";
  g_autofree char *path = g_strdup_printf ("/api/v1/offices/%s/tickets", office);
  g_autoptr(PstTestResponse) response = NULL;

  response = pst_test_request (server, "POST", path, token,
                               g_str_equal (office, "1905") ? with_guest_book : plain);
  pst_test_assert_status (response, 201);

  return g_strdup (pst_test_response_string (response, "id"));
}

static PstTestResponse *
get_changes (PstTestServer *server,
             const char    *token,
             const char    *query)
{
  g_autofree char *path = g_strconcat ("/api/v1/changes", query, NULL);

  return pst_test_request (server, "GET", path, token, NULL);
}

static JsonArray *
changes_events (PstTestResponse *response)
{
  return json_object_get_array_member (pst_test_response_object (response), "events");
}

static gint64
changes_last_seq (PstTestResponse *response)
{
  return json_object_get_int_member (pst_test_response_object (response), "last_seq");
}

/* Where the log is now for @token: GET /changes without `since`. */
static gint64
log_position (PstTestServer *server,
              const char    *token)
{
  g_autoptr(PstTestResponse) response = get_changes (server, token, "");

  pst_test_assert_status (response, 200);
  g_assert_cmpuint (json_array_get_length (changes_events (response)), ==, 0);

  return changes_last_seq (response);
}

static const char *
event_type (JsonNode *event)
{
  return json_object_get_string_member_with_default (json_node_get_object (event), "type", NULL);
}

static const char *
event_office (JsonNode *event)
{
  JsonObject *obj = json_node_get_object (event);

  if (json_object_get_null_member (obj, "office"))
    return NULL;

  return json_object_get_string_member (obj, "office");
}

static gint64
event_seq (JsonNode *event)
{
  return json_object_get_int_member (json_node_get_object (event), "seq");
}

/* The `data.id` of an event, for the ticket events. */
static const char *
event_data_id (JsonNode *event)
{
  JsonNode *data = json_object_get_member (json_node_get_object (event), "data");

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return NULL;

  return json_object_get_string_member_with_default (json_node_get_object (data), "id", NULL);
}

/* Whether @events (a JsonArray) holds a ticket.issued event for @id. */
static gboolean
array_has_ticket (JsonArray  *events,
                  const char *id)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *event = json_array_get_element (events, i);

      if (g_strcmp0 (event_type (event), "ticket.issued") == 0 &&
          g_strcmp0 (event_data_id (event), id) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
assert_strictly_increasing (JsonArray *events,
                            gint64     after)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      gint64 seq = event_seq (json_array_get_element (events, i));

      g_assert_cmpint (seq, >, after);
      after = seq;
    }
}

/* Runs @sql on the database under the running server. */
static void
exec_sql (PstTestServer *server,
          const char    *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (server->db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("Cannot run “%s”: %s", sql, message);
  sqlite3_close (db);
}

/* Deletes the events up to @seq, as the retention job does. */
static void
prune_events (PstTestServer *server,
              gint64         seq)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM events WHERE seq <= %" G_GINT64_FORMAT, seq);

  exec_sql (server, sql);
}

/* Helpers: waiting on the main context, where the WebSocket clients live. */

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

/* Runs the main context for @ms milliseconds. */
static void
run_for (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timed_out_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* Helpers: WebSocket clients. */

static SoupSession *
websocket_session_new (void)
{
  return soup_session_new_with_options ("max-conns", 256, "max-conns-per-host", 256,
                                        "timeout", 30, NULL);
}

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

  g_assert_cmpint (type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  json_parser_load_from_data (parser, data, size, &error);
  g_assert_no_error (error);
  g_ptr_array_add (client->frames, json_node_copy (json_parser_get_root (parser)));
}

static void
ws_closed_cb (SoupWebsocketConnection *connection,
              WsClient                *client)
{
  client->closed = TRUE;
  client->close_code = soup_websocket_connection_get_close_code (connection);
}

/* Opens GET /events@query with @token (or none); returns NULL and the
 * HTTP status of the refused handshake in @out_status when it fails.
 */
static WsClient *
ws_try_connect (PstTestServer *server,
                SoupSession   *session,
                const char    *token,
                const char    *query,
                guint         *out_status)
{
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/api/v1/events%s", server->port, query);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  ConnectResult connect = { 0 };
  WsClient *client;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }

  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        connected_cb, &connect);
  wait_until (connect_done, &connect, "the WebSocket handshake");

  *out_status = soup_message_get_status (msg);
  if (connect.connection == NULL)
    {
      g_assert_nonnull (connect.error);
      g_clear_error (&connect.error);
      return NULL;
    }

  client = g_new0 (WsClient, 1);
  client->connection = connect.connection;
  client->frames = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_signal_connect (client->connection, "message", G_CALLBACK (ws_message_cb), client);
  g_signal_connect (client->connection, "closed", G_CALLBACK (ws_closed_cb), client);

  return client;
}

static WsClient *
ws_connect (PstTestServer *server,
            SoupSession   *session,
            const char    *token,
            const char    *query)
{
  guint status = 0;
  WsClient *client = ws_try_connect (server, session, token, query, &status);

  if (client == NULL)
    g_error ("The WebSocket handshake failed with HTTP %u", status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_SWITCHING_PROTOCOLS);

  return client;
}

static gboolean
ws_closed (gpointer data)
{
  return ((WsClient *) data)->closed;
}

static void
ws_client_free (WsClient *client)
{
  if (client == NULL)
    return;

  if (!client->closed)
    {
      soup_websocket_connection_close (client->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      wait_until (ws_closed, client, "the WebSocket to close");
    }

  g_signal_handlers_disconnect_by_data (client->connection, client);
  g_object_unref (client->connection);
  g_ptr_array_unref (client->frames);
  g_free (client);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsClient, ws_client_free)

typedef struct
{
  WsClient *client;
  guint     n_frames;
} FramesWait;

static gboolean
frames_done (gpointer data)
{
  FramesWait *wait = data;

  return wait->client->frames->len >= wait->n_frames;
}

static void
ws_wait_frames (WsClient *client,
                guint     n_frames)
{
  FramesWait wait = { client, n_frames };

  wait_until (frames_done, &wait, "WebSocket frames");
}

static JsonNode *
ws_frame (WsClient *client,
          guint     index)
{
  g_assert_cmpuint (index, <, client->frames->len);

  return g_ptr_array_index (client->frames, index);
}

/* The index of the frame with the ticket.issued event for @id, or -1. */
static int
ws_find_ticket (WsClient   *client,
                const char *id)
{
  for (guint i = 0; i < client->frames->len; i++)
    {
      JsonNode *frame = g_ptr_array_index (client->frames, i);

      if (g_strcmp0 (event_type (frame), "ticket.issued") == 0 &&
          g_strcmp0 (event_data_id (frame), id) == 0)
        return (int) i;
    }

  return -1;
}

typedef struct
{
  WsClient   *client;
  const char *id;
} TicketWait;

static gboolean
ticket_done (gpointer data)
{
  TicketWait *wait = data;

  return ws_find_ticket (wait->client, wait->id) >= 0;
}

/* Waits until @client received the ticket.issued event of @id; returns
 * the frame's index.
 */
static guint
ws_wait_ticket (WsClient   *client,
                const char *id)
{
  TicketWait wait = { client, id };

  wait_until (ticket_done, &wait, "a ticket.issued event");
  return (guint) ws_find_ticket (client, id);
}

/* Tests: GET /changes. */

static void
test_changes_filtered (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autofree char *other = login (server, "petugas1.1905");
  g_autofree char *admin = login (server, "admin");
  g_autoptr(PstTestResponse) mine = NULL;
  g_autoptr(PstTestResponse) theirs = NULL;
  g_autoptr(PstTestResponse) all = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *elsewhere = NULL;
  gint64 officer_start = log_position (server, officer);
  gint64 other_start = log_position (server, other);
  gint64 admin_start = log_position (server, admin);
  JsonArray *events;

  first = issue_ticket (server, officer, "7604");
  elsewhere = issue_ticket (server, other, "1905");
  second = issue_ticket (server, officer, "7604");

  /* An officer of 7604 gets the office's events, never 1905's. */
  g_autofree char *query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, officer_start);
  mine = get_changes (server, officer, query);
  pst_test_assert_status (mine, 200);
  events = changes_events (mine);
  g_assert_true (array_has_ticket (events, first));
  g_assert_true (array_has_ticket (events, second));
  g_assert_false (array_has_ticket (events, elsewhere));
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      const char *office = event_office (json_array_get_element (events, i));
      g_assert_true (office == NULL || g_str_equal (office, "7604"));
    }
  assert_strictly_increasing (events, officer_start);
  g_assert_cmpint (changes_last_seq (mine), ==,
                   event_seq (json_array_get_element (events, json_array_get_length (events) - 1)));

  /* The other way round for 1905. */
  g_free (query);
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, other_start);
  theirs = get_changes (server, other, query);
  pst_test_assert_status (theirs, 200);
  events = changes_events (theirs);
  g_assert_true (array_has_ticket (events, elsewhere));
  g_assert_false (array_has_ticket (events, first));
  g_assert_false (array_has_ticket (events, second));

  /* An admin sees every office, in seq order. */
  g_free (query);
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, admin_start);
  all = get_changes (server, admin, query);
  pst_test_assert_status (all, 200);
  events = changes_events (all);
  g_assert_true (array_has_ticket (events, first));
  g_assert_true (array_has_ticket (events, elsewhere));
  g_assert_true (array_has_ticket (events, second));
  assert_strictly_increasing (events, admin_start);

  /* Each event is the full envelope, with the ticket as the API gives it. */
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      g_assert_true (json_object_has_member (event, "seq"));
      g_assert_true (json_object_has_member (event, "type"));
      g_assert_true (json_object_has_member (event, "at"));
      g_assert_true (json_object_has_member (event, "office"));
      g_assert_true (json_object_has_member (event, "data"));
    }
}

static void
test_changes_paging (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autoptr(PstTestResponse) whole = NULL;
  g_autoptr(GArray) paged = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *query = NULL;
  gint64 start = log_position (server, officer);
  gint64 since = start;
  JsonArray *events;
  guint pages = 0;

  for (int i = 0; i < 5; i++)
    g_free (issue_ticket (server, officer, "7604"));

  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT "&limit=500", start);
  whole = get_changes (server, officer, query);
  pst_test_assert_status (whole, 200);
  events = changes_events (whole);
  g_assert_cmpuint (json_array_get_length (events), >=, 5);

  /* Two at a time, resuming from last_seq: the same events, each once. */
  for (;;)
    {
      g_autoptr(PstTestResponse) page = NULL;
      g_autofree char *page_query = g_strdup_printf ("?since=%" G_GINT64_FORMAT "&limit=2", since);
      JsonArray *page_events;

      page = get_changes (server, officer, page_query);
      pst_test_assert_status (page, 200);
      page_events = changes_events (page);
      g_assert_cmpuint (json_array_get_length (page_events), <=, 2);
      pages++;

      if (json_array_get_length (page_events) == 0)
        {
          /* Nothing more: the position stays. */
          g_assert_cmpint (changes_last_seq (page), ==, since);
          break;
        }

      assert_strictly_increasing (page_events, since);
      for (guint i = 0; i < json_array_get_length (page_events); i++)
        {
          gint64 seq = event_seq (json_array_get_element (page_events, i));
          g_array_append_val (paged, seq);
        }
      g_assert_cmpint (changes_last_seq (page), ==, g_array_index (paged, gint64, paged->len - 1));
      since = changes_last_seq (page);
      g_assert_cmpuint (pages, <, 100);
    }

  g_assert_cmpuint (paged->len, ==, json_array_get_length (events));
  for (guint i = 0; i < paged->len; i++)
    g_assert_cmpint (g_array_index (paged, gint64, i), ==,
                     event_seq (json_array_get_element (events, i)));

  /* The default page is 50 events. */
  {
    g_autoptr(PstTestResponse) from_zero = NULL;

    for (int i = 0; i < 50; i++)
      g_free (issue_ticket (server, officer, "7604"));
    g_free (query);
    query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, start);
    from_zero = get_changes (server, officer, query);
    pst_test_assert_status (from_zero, 200);
    g_assert_cmpuint (json_array_get_length (changes_events (from_zero)), ==, 50);
  }
}

static void
test_changes_invalid (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *officer = login (server, "petugas1.7604");
  const char *const bad_since[] = { "?since=-1", "?since=abc", "?since=1.5", "?since=1e3",
                                    "?since=99999999999999999999" };
  const char *const bad_limit[] = { "?since=0&limit=0", "?since=0&limit=501", "?limit=x" };
  g_autoptr(PstTestResponse) anonymous = NULL;
  g_autoptr(PstTestResponse) bad_token = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_since); i++)
    {
      g_autoptr(PstTestResponse) response = get_changes (server, officer, bad_since[i]);

      pst_test_assert_error (response, 422, "invalid_field");
      g_assert_cmpstr (json_object_get_string_member (
                         json_object_get_object_member (pst_test_response_object (response),
                                                        "error"), "field"), ==, "since");
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_limit); i++)
    {
      g_autoptr(PstTestResponse) response = get_changes (server, officer, bad_limit[i]);

      pst_test_assert_error (response, 422, "invalid_field");
    }

  anonymous = get_changes (server, NULL, "?since=0");
  pst_test_assert_error (anonymous, 401, "unauthorized");
  bad_token = get_changes (server, "not-a-token", "?since=0");
  pst_test_assert_error (bad_token, 401, "unauthorized");
}

/* A `since` the log cannot answer exactly: a resync entry and the current
 * position, from which the client resumes after it reloaded.
 */
static void
test_changes_resync (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autoptr(PstTestResponse) too_new = NULL;
  g_autoptr(PstTestResponse) pruned = NULL;
  g_autoptr(PstTestResponse) resumed = NULL;
  g_autoptr(PstTestResponse) admin_view = NULL;
  g_autofree char *admin = login (server, "admin");
  g_autofree char *ticket = NULL;
  g_autofree char *query = NULL;
  JsonArray *events;
  gint64 start, newest;

  g_free (issue_ticket (server, officer, "7604"));
  g_free (issue_ticket (server, officer, "7604"));
  start = log_position (server, officer);
  g_assert_cmpint (start, >, 1);

  /* Newer than the newest event: a client of another database. */
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, start + 1000);
  too_new = get_changes (server, officer, query);
  pst_test_assert_status (too_new, 200);
  events = changes_events (too_new);
  g_assert_cmpuint (json_array_get_length (events), ==, 1);
  g_assert_cmpstr (event_type (json_array_get_element (events, 0)), ==, "resync");
  g_assert_cmpint (changes_last_seq (too_new), ==, start);

  /* Older than what is kept: the events after it were pruned. */
  admin_view = get_changes (server, admin, "");
  newest = changes_last_seq (admin_view);
  prune_events (server, newest - 1);
  pruned = get_changes (server, officer, "?since=0");
  pst_test_assert_status (pruned, 200);
  events = changes_events (pruned);
  g_assert_cmpuint (json_array_get_length (events), ==, 1);
  g_assert_cmpstr (event_type (json_array_get_element (events, 0)), ==, "resync");

  /* From the position it gave, the log goes on normally. */
  ticket = issue_ticket (server, officer, "7604");
  g_free (query);
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, changes_last_seq (pruned));
  resumed = get_changes (server, officer, query);
  pst_test_assert_status (resumed, 200);
  g_assert_true (array_has_ticket (changes_events (resumed), ticket));
  g_assert_cmpstr (event_type (json_array_get_element (changes_events (resumed), 0)), !=,
                   "resync");
}

/* Tests: GET /events. */

static void
test_websocket_refused (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(SoupSession) session = websocket_session_new ();
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autoptr(PstTestResponse) plain = NULL;
  guint status = 0;

  /* Without a token, or with a bad one, there is no upgrade. */
  g_assert_null (ws_try_connect (server, session, NULL, "", &status));
  g_assert_cmpuint (status, ==, 401);
  g_assert_null (ws_try_connect (server, session, "not-a-token", "?since=0", &status));
  g_assert_cmpuint (status, ==, 401);

  /* A bad `since` is refused before the handshake too. */
  g_assert_null (ws_try_connect (server, session, officer, "?since=-4", &status));
  g_assert_cmpuint (status, ==, 422);

  /* A plain GET is told to open a WebSocket. */
  plain = pst_test_request (server, "GET", "/api/v1/events", officer, NULL);
  pst_test_assert_error (plain, 400, "invalid_field");
}

/* An event a REST call produces reaches the other clients of the office,
 * and not a client of another office.
 */
static void
test_websocket_live (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(SoupSession) session = websocket_session_new ();
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autofree char *colleague = login (server, "petugas2.7604");
  g_autofree char *other = login (server, "petugas1.1905");
  g_autoptr(WsClient) colleague_ws = ws_connect (server, session, colleague, "");
  g_autoptr(WsClient) other_ws = ws_connect (server, session, other, "");
  g_autoptr(PstTestResponse) metrics = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *elsewhere = NULL;
  g_autofree char *query = NULL;
  g_autoptr(PstTestResponse) changes = NULL;
  JsonNode *frame;
  guint index;
  gint64 start = log_position (server, colleague);

  metrics = pst_test_request (server, "GET", "/metrics", NULL, NULL);
  g_assert_nonnull (strstr (metrics->text, "pst_websocket_clients 2"));

  ticket = issue_ticket (server, officer, "7604");
  index = ws_wait_ticket (colleague_ws, ticket);
  frame = ws_frame (colleague_ws, index);
  g_assert_cmpstr (event_office (frame), ==, "7604");
  g_assert_cmpint (event_seq (frame), >, start);

  /* The frame is the event as /changes gives it. */
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT "&limit=500", start);
  changes = get_changes (server, colleague, query);
  pst_test_assert_status (changes, 200);
  for (guint i = 0; i < json_array_get_length (changes_events (changes)); i++)
    {
      JsonNode *event = json_array_get_element (changes_events (changes), i);

      if (event_seq (event) == event_seq (frame))
        g_assert_true (json_node_equal (event, frame));
    }

  /* The client of 1905 was sent nothing of 7604: the next frame it gets
   * is its own office's, published after.
   */
  elsewhere = issue_ticket (server, other, "1905");
  index = ws_wait_ticket (other_ws, elsewhere);
  for (guint i = 0; i <= index; i++)
    {
      const char *office = event_office (ws_frame (other_ws, i));
      g_assert_true (office == NULL || g_str_equal (office, "1905"));
    }
  g_assert_cmpint (ws_find_ticket (other_ws, ticket), ==, -1);

  /* And the 7604 client never sees 1905's. */
  run_for (100);
  g_assert_cmpint (ws_find_ticket (colleague_ws, elsewhere), ==, -1);
}

/* Reconnecting with the last seq seen gives exactly the missed events,
 * then the live ones: no gap, no duplicate.
 */
static void
test_websocket_catch_up (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(SoupSession) session = websocket_session_new ();
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autofree char *colleague = login (server, "petugas2.7604");
  g_autoptr(WsClient) second = NULL;
  g_autoptr(PstTestResponse) missed = NULL;
  g_autofree char *query = NULL;
  g_autofree char *before = NULL;
  g_autofree char *live = NULL;
  g_autoptr(GPtrArray) while_away = g_ptr_array_new_with_free_func (g_free);
  WsClient *first;
  JsonArray *expected;
  gint64 last_seen;
  guint n_missed;

  /* A first session sees one event, then the client goes away. */
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, log_position (server, colleague));
  first = ws_connect (server, session, colleague, query);
  before = issue_ticket (server, officer, "7604");
  last_seen = event_seq (ws_frame (first, ws_wait_ticket (first, before)));
  ws_client_free (first);

  for (int i = 0; i < 3; i++)
    g_ptr_array_add (while_away, issue_ticket (server, officer, "7604"));

  /* What it missed, as /changes says. */
  g_free (query);
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT "&limit=500", last_seen);
  missed = get_changes (server, colleague, query);
  pst_test_assert_status (missed, 200);
  expected = changes_events (missed);
  n_missed = json_array_get_length (expected);
  g_assert_cmpuint (n_missed, >=, 3);

  g_free (query);
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, last_seen);
  second = ws_connect (server, session, colleague, query);
  g_free (query);
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT "&limit=500", last_seen);
  ws_wait_frames (second, n_missed);
  for (guint i = 0; i < n_missed; i++)
    g_assert_true (json_node_equal (ws_frame (second, i), json_array_get_element (expected, i)));
  for (guint i = 0; i < while_away->len; i++)
    g_assert_cmpint (ws_find_ticket (second, while_away->pdata[i]), >=, 0);
  g_assert_cmpint (ws_find_ticket (second, before), ==, -1);

  /* Then the live ones, right after: altogether exactly what /changes
   * has after the last seq the first session saw.
   */
  live = issue_ticket (server, officer, "7604");
  g_assert_cmpuint (ws_wait_ticket (second, live), >=, n_missed);
  g_clear_pointer (&missed, pst_test_response_free);
  missed = get_changes (server, colleague, query);
  pst_test_assert_status (missed, 200);
  expected = changes_events (missed);
  ws_wait_frames (second, json_array_get_length (expected));
  run_for (100);
  g_assert_cmpuint (second->frames->len, ==, json_array_get_length (expected));
  for (guint i = 0; i < second->frames->len; i++)
    g_assert_true (json_node_equal (ws_frame (second, i), json_array_get_element (expected, i)));
}

/* Without `since` the socket starts from now: no backlog. */
static void
test_websocket_live_only (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(SoupSession) session = websocket_session_new ();
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autoptr(WsClient) client = NULL;
  g_autofree char *old = issue_ticket (server, officer, "7604");
  g_autofree char *fresh = NULL;

  client = ws_connect (server, session, officer, "");
  fresh = issue_ticket (server, officer, "7604");
  ws_wait_ticket (client, fresh);
  g_assert_cmpint (ws_find_ticket (client, old), ==, -1);
  g_assert_cmpstr (event_type (ws_frame (client, 0)), !=, "resync");
}

static void
test_websocket_resync (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(SoupSession) session = websocket_session_new ();
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autofree char *admin = login (server, "admin");
  g_autoptr(WsClient) too_new = NULL;
  g_autoptr(WsClient) pruned = NULL;
  g_autoptr(PstTestResponse) position = NULL;
  g_autofree char *query = NULL;
  g_autofree char *live = NULL;
  gint64 newest;

  g_free (issue_ticket (server, officer, "7604"));
  g_free (issue_ticket (server, officer, "7604"));
  position = get_changes (server, admin, "");
  newest = changes_last_seq (position);
  g_assert_cmpint (newest, >, 1);

  /* Newer than the log: the first frame says reload, and live events
   * follow on the same socket.
   */
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, newest + 50);
  too_new = ws_connect (server, session, officer, query);
  ws_wait_frames (too_new, 1);
  g_assert_cmpstr (event_type (ws_frame (too_new, 0)), ==, "resync");
  g_assert_cmpuint (json_object_get_size (json_node_get_object (ws_frame (too_new, 0))), ==, 1);

  /* Older than the log. */
  prune_events (server, newest - 1);
  pruned = ws_connect (server, session, officer, "?since=0");
  ws_wait_frames (pruned, 1);
  g_assert_cmpstr (event_type (ws_frame (pruned, 0)), ==, "resync");

  live = issue_ticket (server, officer, "7604");
  g_assert_cmpuint (ws_wait_ticket (too_new, live), ==, 1);
  g_assert_cmpuint (ws_wait_ticket (pruned, live), ==, 1);
}

/* Logging out ends the live feed of that token, and only of that token. */
static void
test_websocket_logout (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(SoupSession) session = websocket_session_new ();
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autofree char *colleague = login (server, "petugas2.7604");
  g_autoptr(WsClient) leaving = ws_connect (server, session, officer, "");
  g_autoptr(WsClient) staying = ws_connect (server, session, colleague, "");
  g_autoptr(PstTestResponse) logout = NULL;
  g_autoptr(PstTestResponse) metrics = NULL;
  g_autofree char *ticket = NULL;
  guint status = 0;

  logout = pst_test_request (server, "POST", "/api/v1/auth/logout", officer, NULL);
  pst_test_assert_status (logout, 204);
  wait_until (ws_closed, leaving, "the logged-out socket to close");
  g_assert_cmpuint (leaving->close_code, ==, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);

  /* The other socket still gets events; the revoked token opens none. */
  ticket = issue_ticket (server, colleague, "7604");
  ws_wait_ticket (staying, ticket);
  g_assert_false (staying->closed);
  g_assert_null (ws_try_connect (server, session, officer, "", &status));
  g_assert_cmpuint (status, ==, 401);

  metrics = pst_test_request (server, "GET", "/metrics", NULL, NULL);
  g_assert_nonnull (strstr (metrics->text, "pst_websocket_clients 1"));
}

static void
test_websocket_many (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(SoupSession) session = websocket_session_new ();
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autofree char *colleague = login (server, "petugas2.7604");
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func ((GDestroyNotify) ws_client_free);
  g_autoptr(PstTestResponse) metrics = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *gauge = g_strdup_printf ("pst_websocket_clients %d", MANY_CLIENTS);

  for (int i = 0; i < MANY_CLIENTS; i++)
    g_ptr_array_add (clients, ws_connect (server, session, i % 2 == 0 ? officer : colleague, ""));

  metrics = pst_test_request (server, "GET", "/metrics", NULL, NULL);
  g_assert_nonnull (strstr (metrics->text, gauge));

  ticket = issue_ticket (server, officer, "7604");
  for (guint i = 0; i < clients->len; i++)
    {
      WsClient *client = g_ptr_array_index (clients, i);

      ws_wait_ticket (client, ticket);
      g_assert_false (client->closed);
    }
}

/* More missed events than the socket replays: a resync instead, while
 * /changes still pages through them.
 */
static void
test_websocket_backlog_cap (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(SoupSession) session = websocket_session_new ();
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autoptr(WsClient) behind = NULL;
  g_autoptr(WsClient) close_behind = NULL;
  g_autoptr(PstTestResponse) page = NULL;
  g_autofree char *query = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *live = NULL;
  gint64 start = log_position (server, officer);
  gint64 now_us = g_get_real_time ();

  /* 10,001 events of the office, written as the server writes them. */
  sql = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                         " WHERE i < 10001)"
                         " INSERT INTO events (type, at, office, data)"
                         " SELECT 'ticket.requeued', %" G_GINT64_FORMAT ", '7604', '{}' FROM n",
                         now_us);
  exec_sql (server, sql);

  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, start);
  behind = ws_connect (server, session, officer, query);
  ws_wait_frames (behind, 1);
  g_assert_cmpstr (event_type (ws_frame (behind, 0)), ==, "resync");

  /* 10,000 is still replayed. */
  g_free (query);
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, start + 1);
  close_behind = ws_connect (server, session, officer, query);
  ws_wait_frames (close_behind, 10000);
  g_assert_cmpstr (event_type (ws_frame (close_behind, 0)), ==, "ticket.requeued");
  g_assert_cmpint (event_seq (ws_frame (close_behind, 0)), ==, start + 2);
  g_assert_cmpint (event_seq (ws_frame (close_behind, 9999)), ==, start + 10001);

  live = issue_ticket (server, officer, "7604");
  g_assert_cmpuint (ws_wait_ticket (behind, live), ==, 1);
  g_assert_cmpuint (ws_wait_ticket (close_behind, live), ==, 10000);

  g_free (query);
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT "&limit=500", start);
  page = get_changes (server, officer, query);
  pst_test_assert_status (page, 200);
  g_assert_cmpuint (json_array_get_length (changes_events (page)), ==, 500);
  g_assert_cmpint (changes_last_seq (page), ==, start + 500);
}

/* A socket ends when its token expires. */
static void
test_websocket_token_expiry (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(SoupSession) session = websocket_session_new ();
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autoptr(PstTestResponse) me = pst_test_request (server, "GET", "/api/v1/me", officer, NULL);
  g_autofree char *token = g_strdup ("short-lived-test-token");
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_autofree char *sql = NULL;
  g_autoptr(WsClient) client = NULL;
  gint64 now_us = g_get_real_time ();

  pst_test_assert_status (me, 200);
  sql = g_strdup_printf ("INSERT INTO tokens (token_hash, officer, created_at, expires_at)"
                         " VALUES ('%s', '%s', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                         hash, pst_test_response_string (me, "id"), now_us,
                         now_us + 2 * G_USEC_PER_SEC);
  exec_sql (server, sql);

  client = ws_connect (server, session, token, "");
  run_for (500);
  g_assert_false (client->closed);
  wait_until (ws_closed, client, "the socket of an expired token to close");
  g_assert_cmpuint (client->close_code, ==, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/events/changes-filtered", test_changes_filtered);
  g_test_add_func ("/server/events/changes-paging", test_changes_paging);
  g_test_add_func ("/server/events/changes-invalid", test_changes_invalid);
  g_test_add_func ("/server/events/changes-resync", test_changes_resync);
  g_test_add_func ("/server/events/websocket-refused", test_websocket_refused);
  g_test_add_func ("/server/events/websocket-live", test_websocket_live);
  g_test_add_func ("/server/events/websocket-catch-up", test_websocket_catch_up);
  g_test_add_func ("/server/events/websocket-live-only", test_websocket_live_only);
  g_test_add_func ("/server/events/websocket-resync", test_websocket_resync);
  g_test_add_func ("/server/events/websocket-logout", test_websocket_logout);
  g_test_add_func ("/server/events/websocket-many", test_websocket_many);
  g_test_add_func ("/server/events/websocket-backlog-cap", test_websocket_backlog_cap);
  g_test_add_func ("/server/events/websocket-token-expiry", test_websocket_token_expiry);

  return g_test_run ();
}
