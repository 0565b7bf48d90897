/* pst-route-events.c: the change log, by polling (GET /changes) and live
 * over a WebSocket (GET /events).
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-i18n.h"
#include "pst-request.h"
#include "pst-routes.h"
#include "pst-server.h"

/* Every change appends an event with a strictly increasing `seq` to the
 * events table (pst_server_append_event()). A client keeps the last seq it
 * applied and asks for what came after it, either by polling
 * GET /changes?since=SEQ or by opening GET /events?since=SEQ as a
 * WebSocket, which first sends the missed events and then the live ones.
 *
 * Both say "reload" the same way, with an event of type `resync`
 * (PST_EVENT_TYPE_RESYNC) and nothing else in it: the first (and only)
 * entry of /changes' `events`, or the first frame on the socket. The
 * server asks for a reload when it cannot give exactly the events after
 * `since`:
 *  - `since` is older than the retained log (the events after it were
 *    pruned), or
 *  - `since` is newer than the newest event (the client synced with
 *    another or an older, restored database), or
 *  - on the socket, more than EVENTS_BACKLOG_MAX events were missed: a
 *    reload is then cheaper than replaying them.
 * /changes answers a resync with the current position in `last_seq`; the
 * socket goes on with the live events after its resync frame, so a client
 * reloads while it already receives what changes meanwhile.
 *
 * Without `since`, both start from now: /changes answers no events and the
 * current position, the socket sends live events only. A new client thus
 * reads the position, loads its snapshot, and connects with that `since`.
 *
 * Only the events the token may see are sent (pst_authz_may_see_event()
 * decides). /changes' `last_seq` is the seq of the last event it returned
 * or, when there was none for this token, the newest seq of the whole log
 * (every event up to it was looked at): resuming from it loses nothing,
 * and as a position in the whole log it is never one already pruned, so
 * a resync does not repeat itself.
 *
 * Retention: pruning deletes the oldest events and always keeps the
 * newest, so the first and last retained seq tell a pruned `since` from
 * one of another database. seq comes from AUTOINCREMENT: sqlite never
 * reuses a seq and leaves no gap when a transaction rolls back.
 */

#define EVENTS_BACKLOG_MAX 10000
#define SUBSCRIPTION_KEY "pst-events-subscription"
#define RESYNC_FRAME "{\"type\":\"" PST_EVENT_TYPE_RESYNC "\"}"
#define EXPIRY_KEY "pst-events-expiry"
#define EVENTS_RETENTION_DAYS 7
#define PRUNE_BATCH 5000

/* What the handshake handler leaves on the message for the socket. */
typedef struct
{
  gint64 since;       /* without ?since=, the newest event at the handshake */
  gint64 started_us;  /* monotonic, for the request log */
} Subscription;

static void
subscription_free (gpointer data)
{
  g_free (data);
}

/* Reads ?since=: absent (-1) or a seq, 0 or more. */
static gboolean
get_since (PstRequest  *request,
           gint64      *out_since,
           GError     **error)
{
  const char *text = pst_request_get_query (request, "since");
  gint64 since;

  if (text == NULL)
    {
      *out_since = -1;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &since, NULL))
    {
      g_set_error_literal (error, PST_ERROR, PST_ERROR_INVALID,
                           /* Translators: “since” is a parameter name; keep it as is. */
                           _("“since” must be the sequence number of an event, 0 or more"));
      return FALSE;
    }

  *out_since = since;
  return TRUE;
}

/* The first and the last seq in the log, 0 when it is empty. Two indexed
 * look-ups: one min() and one max() in the same query would scan.
 */
static gboolean
read_log_bounds (PstStore  *store,
                 gint64    *out_oldest,
                 gint64    *out_newest,
                 GError   **error)
{
  static const char *const queries[] = {
    "SELECT seq FROM events ORDER BY seq LIMIT 1",
    "SELECT seq FROM events ORDER BY seq DESC LIMIT 1",
  };
  gint64 *outs[] = { out_oldest, out_newest };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_auto(PstStoreStatement) stmt = pst_store_prepare (store, queries[i], error);

      if (stmt == NULL)
        return FALSE;

      *outs[i] = 0;
      if (pst_store_step_row (store, stmt, error))
        *outs[i] = sqlite3_column_int64 (stmt, 0);
      else if (error != NULL && *error != NULL)
        return FALSE;
    }

  return TRUE;
}

/* Whether the events right after @since are not all in the log any more,
 * or @since never was in it (see the comment at the top), given the first
 * and last seq of the log.
 */
static gboolean
since_needs_resync (gint64 since,
                    gint64 oldest,
                    gint64 newest)
{
  return since > newest || (oldest > 0 && since < oldest - 1);
}

/* Prepares the events of the log after @since, oldest first, narrowed to
 * the rows @principal could see: all for an admin; for everyone else
 * their office's and those of no office (the (office, seq) index finds
 * them). pst_authz_may_see_event() then decides about each row.
 */
static sqlite3_stmt *
prepare_log_query (PstStore            *store,
                   const PstPrincipal  *principal,
                   gint64               since,
                   GError             **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *sql = NULL;
  gboolean everything = principal->role == PST_ROLE_ADMIN;

  sql = g_strdup_printf ("SELECT seq, type, at, office, data FROM events"
                         " WHERE seq > ?1%s ORDER BY seq",
                         everything ? "" : " AND (office = ?2 OR office IS NULL)");
  stmt = pst_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, since);
  if (!everything && principal->office != NULL)
    sqlite3_bind_text (stmt, 2, principal->office, -1, SQLITE_TRANSIENT);

  return stmt;
}

static gboolean
row_is_visible (sqlite3_stmt       *stmt,
                const PstPrincipal *principal)
{
  return pst_authz_may_see_event (principal, pst_store_column_text (stmt, 3),
                                  pst_store_column_text (stmt, 1));
}

static PstEvent *
event_from_row (sqlite3_stmt  *stmt,
                GError       **error)
{
  const char *data_text = pst_store_column_text (stmt, 4);
  g_autoptr(JsonNode) data = NULL;
  PstEvent *event;

  data = pst_json_parse (data_text != NULL ? data_text : "{}", -1, error);
  if (data == NULL)
    {
      g_prefix_error (error, "Event %" G_GINT64_FORMAT ": ",
                      (gint64) sqlite3_column_int64 (stmt, 0));
      return NULL;
    }

  event = pst_event_new (pst_store_column_text (stmt, 1), pst_store_column_text (stmt, 3),
                         g_steal_pointer (&data));
  event->seq = sqlite3_column_int64 (stmt, 0);
  event->at = sqlite3_column_int64 (stmt, 2);

  return event;
}

/* Appends to @events (of PstEvent) the events after @since that
 * @principal may see, oldest first, up to @limit of them. Sets
 * @out_more when there were more than @limit.
 */
static gboolean
load_events (PstStore            *store,
             const PstPrincipal  *principal,
             gint64               since,
             guint                limit,
             GPtrArray           *events,
             gboolean            *out_more,
             GError             **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  *out_more = FALSE;
  stmt = prepare_log_query (store, principal, since, error);
  if (stmt == NULL)
    return FALSE;

  while (pst_store_step_row (store, stmt, error))
    {
      PstEvent *event;

      if (!row_is_visible (stmt, principal))
        continue;

      if (events->len == limit)
        {
          *out_more = TRUE;
          return TRUE;
        }

      event = event_from_row (stmt, error);
      if (event == NULL)
        return FALSE;
      g_ptr_array_add (events, event);
    }

  return error == NULL || *error == NULL;
}

/* `{"events": [{"type": "resync"}], "last_seq": N}` */
static JsonNode *
resync_changes_to_json (gint64 last_seq)
{
  JsonObject *obj = json_object_new ();
  JsonObject *resync = json_object_new ();
  JsonArray *events = json_array_new ();

  json_object_set_string_member (resync, "type", PST_EVENT_TYPE_RESYNC);
  json_array_add_object_element (events, resync);
  json_object_set_array_member (obj, "events", events);
  json_object_set_int_member (obj, "last_seq", last_seq);

  return json_node_init_object (json_node_alloc (), obj);
}

/* GET /changes?since=SEQ&limit=N */
static void
get_changes_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_event_free);
  gboolean more;
  gint64 since;
  gint64 oldest, newest;
  gint64 last_seq;
  guint limit;

  if (!get_since (request, &since, &error))
    {
      pst_request_reply_invalid (request, "since", error);
      return;
    }
  if (!pst_request_get_limit (request, &limit, &error))
    {
      pst_request_reply_invalid (request, "limit", error);
      return;
    }

  if (!read_log_bounds (request->store, &oldest, &newest, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  /* Without `since`: no events, and where the log is now. */
  if (since < 0)
    {
      pst_request_reply_json (request, SOUP_STATUS_OK, pst_changes_to_json (events, newest));
      return;
    }

  if (since_needs_resync (since, oldest, newest))
    {
      pst_request_reply_json (request, SOUP_STATUS_OK, resync_changes_to_json (newest));
      return;
    }

  if (!load_events (request->store, request->principal, since, limit, events, &more, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  /* When nothing after `since` is for this token, the whole log was looked
   * at: its end is the position.
   */
  if (events->len > 0)
    last_seq = ((PstEvent *) g_ptr_array_index (events, events->len - 1))->seq;
  else
    last_seq = newest;

  pst_request_reply_json (request, SOUP_STATUS_OK, pst_changes_to_json (events, last_seq));
}

/* GET /events, before the WebSocket handshake. The dispatcher has checked
 * the token; this checks the rest and leaves `since` on the message for
 * pst_route_events_websocket(), which libsoup calls with the same message
 * once it has answered the handshake.
 */
static void
open_events_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  Subscription *subscription;
  gint64 since;

  if (!get_since (request, &since, &error))
    {
      pst_request_reply_invalid (request, "since", error);
      return;
    }

  if (!soup_message_headers_header_contains (headers, "Upgrade", "websocket"))
    {
      pst_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, PST_API_ERROR_INVALID_FIELD,
                               "Upgrade",
                               _("Open this address as a WebSocket, or poll /changes instead"));
      return;
    }

  /* "From now" is from this answer: with several workers, an event may
   * be committed elsewhere after the client has its 101 and before the
   * socket reaches this worker's hub; it comes with the backlog then.
   */
  if (since < 0)
    {
      gint64 oldest;

      if (!read_log_bounds (request->store, &oldest, &since, &error))
        {
          pst_request_reply_gerror (request, error);
          return;
        }
    }

  subscription = g_new0 (Subscription, 1);
  subscription->since = since;
  subscription->started_us = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (request->msg), SUBSCRIPTION_KEY, subscription,
                          subscription_free);

  /* No status: libsoup goes on with the handshake. */
  request->upgrade = TRUE;
}

/* Sends the events after @since that @principal may see, or a resync
 * frame when they cannot be sent exactly; @out_frames says how many
 * frames went out and @out_last_seq the newest event of the log then
 * (the client has been sent everything up to it). One read transaction:
 * one snapshot of the log, which other workers may be appending to
 * meanwhile.
 */
static gboolean
send_backlog (PstStore                *store,
              SoupWebsocketConnection *connection,
              const PstPrincipal      *principal,
              gint64                   since,
              guint                   *out_frames,
              gint64                  *out_last_seq,
              GError                 **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_event_free);
  gboolean resync;
  gboolean more;
  gboolean ok;
  gint64 oldest, newest;

  *out_frames = 0;
  if (!pst_store_begin_read (store, error))
    return FALSE;

  ok = read_log_bounds (store, &oldest, &newest, error);
  resync = ok && since_needs_resync (since, oldest, newest);
  if (ok && !resync)
    {
      ok = load_events (store, principal, since, EVENTS_BACKLOG_MAX, events, &more, error);
      resync = more;
    }
  pst_store_commit (store, NULL);
  if (!ok)
    return FALSE;

  *out_last_seq = newest;
  if (resync)
    {
      soup_websocket_connection_send_text (connection, RESYNC_FRAME);
      *out_frames = 1;
      return TRUE;
    }

  for (guint i = 0; i < events->len; i++)
    {
      g_autoptr(JsonNode) node = pst_event_to_json (g_ptr_array_index (events, i));
      g_autofree char *frame = pst_json_to_string (node);

      soup_websocket_connection_send_text (connection, frame);
    }

  *out_frames = events->len;
  return TRUE;
}

static gboolean
token_expired_cb (gpointer user_data)
{
  SoupWebsocketConnection *connection = user_data;

  /* The source ends here; the connection must not remove it again. */
  g_source_unref (g_object_steal_data (G_OBJECT (connection), EXPIRY_KEY));
  if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                     "token expired");

  return G_SOURCE_REMOVE;
}

static void
expiry_source_remove (gpointer data)
{
  GSource *source = data;

  g_source_destroy (source);
  g_source_unref (source);
}

static void
expiry_closed_cb (SoupWebsocketConnection *connection,
                  gpointer                 user_data)
{
  g_object_set_data (G_OBJECT (connection), EXPIRY_KEY, NULL);
}

/* A socket lives no longer than its token: closed when it expires, as the
 * event hub closes it when the token is revoked.
 */
static void
close_on_expiry (PstServer               *server,
                 SoupWebsocketConnection *connection,
                 const PstPrincipal      *principal)
{
  gint64 left_us = principal->expires_at - pst_clock_get_now (pst_server_get_clock (server));
  guint seconds = (guint) CLAMP (left_us / G_USEC_PER_SEC + 1, 1, G_MAXINT32);
  GSource *source;

  /* On this worker's main context, where the socket lives. */
  source = g_timeout_source_new_seconds (seconds);
  g_source_set_callback (source, token_expired_cb, connection, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_object_set_data_full (G_OBJECT (connection), EXPIRY_KEY, source, expiry_source_remove);
  g_signal_connect (connection, "closed", G_CALLBACK (expiry_closed_cb), NULL);
}

static const PstRoute routes[] = {
  { "GET", "/changes", get_changes_cb, PST_ACCESS (PST_ROLES_ANY_TOKEN, NONE, NULL) },
  { "GET", "/events", open_events_cb, PST_ACCESS (PST_ROLES_ANY_TOKEN, NONE, NULL) },
};

const PstRoute *
pst_route_events_get_routes (guint *n_routes)
{
  g_return_val_if_fail (n_routes != NULL, NULL);

  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

/* Deletes up to PRUNE_BATCH of the events older than
 * EVENTS_RETENTION_DAYS, oldest first, but never the newest event (the
 * resync rule needs it). A client offline for longer reloads. Small
 * batches keep the main loop responsive; @out_deleted tells whether a
 * full batch went, so there may be more.
 */
gboolean
pst_route_events_prune (PstServer  *server,
                        guint      *out_deleted,
                        GError    **error)
{
  PstStore *store;
  g_auto(PstStoreStatement) stmt = NULL;
  gint64 cutoff;

  g_return_val_if_fail (PST_IS_SERVER (server), FALSE);
  g_return_val_if_fail (out_deleted != NULL, FALSE);

  store = pst_server_get_store (server);
  cutoff = pst_clock_get_now (pst_server_get_clock (server)) -
           EVENTS_RETENTION_DAYS * PST_USEC_PER_DAY;
  stmt = pst_store_prepare (store,
                            "DELETE FROM events WHERE seq IN (SELECT seq FROM events"
                            " WHERE at < ?1 AND seq < (SELECT max (seq) FROM events)"
                            " ORDER BY seq LIMIT ?2)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, cutoff);
  sqlite3_bind_int (stmt, 2, PRUNE_BATCH);
  if (!pst_store_step_done (store, stmt, error))
    return FALSE;

  *out_deleted = (guint) pst_store_changes (store);
  return TRUE;
}

/* The WebSocket half of GET /events, after libsoup answered the
 * handshake: sends the missed events, then hands the socket to the event
 * hub for the live ones, with the seq the backlog ended at. Both happen in
 * this one main-loop callback, so no event falls between the two; the hub
 * skips the events up to that seq, so none comes twice either, even when
 * this worker's hub hears of an event committed by another worker later
 * than the backlog read it.
 */
void
pst_route_events_websocket (PstServer               *server,
                            SoupServerMessage       *msg,
                            SoupWebsocketConnection *connection)
{
  g_autoptr(PstPrincipal) principal = NULL;
  g_autoptr(GError) error = NULL;
  Subscription *subscription;
  const char *token;
  guint frames = 0;
  gint64 last_seq = 0;

  g_return_if_fail (PST_IS_SERVER (server));
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));
  g_return_if_fail (SOUP_IS_WEBSOCKET_CONNECTION (connection));

  subscription = g_object_get_data (G_OBJECT (msg), SUBSCRIPTION_KEY);
  if (subscription == NULL)
    {
      g_critical ("A WebSocket on %s was opened without its handshake handler",
                  g_uri_get_path (soup_server_message_get_uri (msg)));
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, NULL);
      return;
    }

  /* The token again: it may have been revoked since the handshake was
   * checked, and the hub would not know this socket yet to close it.
   */
  token = pst_request_bearer_token (msg);
  if (token != NULL)
    principal = pst_server_authenticate (server, token);
  if (principal == NULL)
    {
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                       "token revoked");
      return;
    }

  if (!send_backlog (pst_server_get_store (server), connection, principal, subscription->since,
                     &frames, &last_seq, &error))
    {
      g_warning ("Cannot send the missed events: %s", error->message);
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, NULL);
      return;
    }

  pst_event_hub_add_client (pst_server_get_event_hub (server), connection, principal, last_seq);
  close_on_expiry (server, connection, principal);

  if (pst_server_get_config (server)->log_requests)
    g_message ("request method=GET route=\"/events\" status=101 us=%" G_GINT64_FORMAT
               " officer=%s backlog=%u%s",
               g_get_monotonic_time () - subscription->started_us, principal->officer_id, frames,
               pst_server_get_log_tag (server));
}
