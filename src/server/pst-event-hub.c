/* pst-event-hub.c: fanning events out to WebSocket clients.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-event-hub.h"

/* Each client is a WebSocket connection with the principal that opened it.
 * Sending never blocks: libsoup queues the frame and writes it when the
 * socket is writable, so a slow client only delays itself. A client that
 * vanished without closing answers no ping; after two missed pongs it is
 * closed, which bounds what can pile up for it.
 *
 * Each client remembers the seq of the last event it was sent (its
 * backlog's end when it connected), and publishing skips events at or
 * before it: with several workers (pst-server.c) a worker's hub may learn
 * of an event after a new client already got it in its backlog.
 *
 * A hub belongs to one worker's main context (the thread-default one when
 * it is created) and is used from that thread only.
 */

#define MISSED_PONGS_LIMIT 2

typedef struct
{
  PstEventHub             *hub;
  SoupWebsocketConnection *connection;
  PstPrincipal            *principal;
  gint64                   last_pong_us;
  gint64                   last_seq;
} Client;

struct _PstEventHub
{
  PstMetrics *metrics;
  GHashTable *clients;      /* SoupWebsocketConnection* → Client* */
  GPtrArray  *revocations;  /* token hashes for the other workers, or NULL */
  guint       ping_interval_s;
  GSource    *reaper;
};

static void
client_free (gpointer data)
{
  Client *client = data;

  g_signal_handlers_disconnect_by_data (client->connection, client);
  g_object_unref (client->connection);
  pst_principal_free (client->principal);
  g_free (client);
}

/* Closes @connection unless it is already closing or closed: libsoup
 * complains about a second close.
 */
static void
close_connection (SoupWebsocketConnection *connection,
                  gushort                  code,
                  const char              *reason)
{
  if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (connection, code, reason);
}

static void
closed_cb (SoupWebsocketConnection *connection,
           Client                  *client)
{
  PstEventHub *self = client->hub;

  if (g_hash_table_remove (self->clients, connection))
    pst_metrics_add_websocket_clients (self->metrics, -1);
}

static void
pong_cb (SoupWebsocketConnection *connection,
         GBytes                  *message,
         Client                  *client)
{
  client->last_pong_us = g_get_monotonic_time ();
}

static void
message_cb (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *message,
            Client                  *client)
{
  /* Clients have nothing to say on this socket; anything they send counts
   * as a sign of life only.
   */
  client->last_pong_us = g_get_monotonic_time ();
}

static gboolean
reap_silent_clients_cb (gpointer user_data)
{
  PstEventHub *self = user_data;
  gint64 limit = g_get_monotonic_time () -
                 (gint64) self->ping_interval_s * (MISSED_PONGS_LIMIT + 1) * G_USEC_PER_SEC;
  g_autoptr(GPtrArray) silent = g_ptr_array_new ();
  GHashTableIter iter;
  Client *client;

  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &client))
    {
      if (client->last_pong_us < limit)
        g_ptr_array_add (silent, client->connection);
    }

  for (guint i = 0; i < silent->len; i++)
    close_connection (silent->pdata[i], SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);

  return G_SOURCE_CONTINUE;
}

PstEventHub *
pst_event_hub_new (PstMetrics *metrics,
                   guint       ping_interval_s)
{
  PstEventHub *self = g_new0 (PstEventHub, 1);

  g_return_val_if_fail (metrics != NULL, NULL);
  g_return_val_if_fail (ping_interval_s > 0, NULL);

  self->metrics = metrics;
  self->ping_interval_s = ping_interval_s;
  self->clients = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, client_free);
  self->reaper = g_timeout_source_new_seconds (ping_interval_s);
  g_source_set_callback (self->reaper, reap_silent_clients_cb, self, NULL);
  g_source_attach (self->reaper, g_main_context_get_thread_default ());

  return self;
}

void
pst_event_hub_free (PstEventHub *self)
{
  if (self == NULL)
    return;

  if (self->reaper != NULL)
    g_source_destroy (self->reaper);
  g_clear_pointer (&self->reaper, g_source_unref);
  pst_metrics_add_websocket_clients (self->metrics, -(int) g_hash_table_size (self->clients));
  g_hash_table_unref (self->clients);
  g_clear_pointer (&self->revocations, g_ptr_array_unref);
  g_free (self);
}

/* Adds a client that was sent every event up to @last_seq. */
void
pst_event_hub_add_client (PstEventHub             *self,
                          SoupWebsocketConnection *connection,
                          const PstPrincipal      *principal,
                          gint64                   last_seq)
{
  Client *client;

  g_return_if_fail (self != NULL);
  g_return_if_fail (SOUP_IS_WEBSOCKET_CONNECTION (connection));
  g_return_if_fail (principal != NULL);

  client = g_new0 (Client, 1);
  client->hub = self;
  client->connection = g_object_ref (connection);
  client->principal = pst_principal_copy (principal);
  client->last_pong_us = g_get_monotonic_time ();
  client->last_seq = last_seq;

  soup_websocket_connection_set_keepalive_interval (connection, self->ping_interval_s);
  g_signal_connect (connection, "closed", G_CALLBACK (closed_cb), client);
  g_signal_connect (connection, "pong", G_CALLBACK (pong_cb), client);
  g_signal_connect (connection, "message", G_CALLBACK (message_cb), client);

  g_hash_table_insert (self->clients, connection, client);
  pst_metrics_add_websocket_clients (self->metrics, 1);
}

/* Sends @frame (event @seq as JSON text) to every client allowed to see
 * an event of @type in @office and not sent it yet. Called after the
 * event's transaction commits, in seq order.
 */
void
pst_event_hub_publish (PstEventHub *self,
                       gint64       seq,
                       const char  *office,
                       const char  *type,
                       const char  *frame)
{
  GHashTableIter iter;
  Client *client;
  guint64 sent = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (frame != NULL);

  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &client))
    {
      if (soup_websocket_connection_get_state (client->connection) != SOUP_WEBSOCKET_STATE_OPEN)
        continue;
      if (seq <= client->last_seq)
        continue;
      client->last_seq = seq;
      if (!pst_authz_may_see_event (client->principal, office, type))
        continue;

      soup_websocket_connection_send_text (client->connection, frame);
      sent++;
    }

  pst_metrics_add_events_sent (self->metrics, sent);
}

/* Closes the sockets of this hub opened with the token @token_hash. */
void
pst_event_hub_close_token (PstEventHub *self,
                           const char  *token_hash)
{
  g_autoptr(GPtrArray) revoked = g_ptr_array_new ();
  GHashTableIter iter;
  Client *client;

  g_return_if_fail (self != NULL);
  g_return_if_fail (token_hash != NULL);

  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &client))
    {
      if (g_strcmp0 (client->principal->token_hash, token_hash) == 0)
        g_ptr_array_add (revoked, client->connection);
    }

  for (guint i = 0; i < revoked->len; i++)
    close_connection (revoked->pdata[i], SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "token revoked");
}

/* Closes the sockets opened with a token that was just revoked (logout,
 * or the account disabled), so revocation also ends the live feed. With
 * several workers the hash is also kept for the server to pass on to the
 * other workers' hubs once the revocation is committed
 * (pst_event_hub_take_revocations()): a socket another worker opens
 * before that still authenticates against the old state, so the others
 * must close theirs after the commit, not before.
 */
void
pst_event_hub_revoke_token (PstEventHub *self,
                            const char  *token_hash)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (token_hash != NULL);

  pst_event_hub_close_token (self, token_hash);
  if (self->revocations != NULL)
    g_ptr_array_add (self->revocations, g_strdup (token_hash));
}

/* Makes pst_event_hub_revoke_token() keep the hashes for other workers. */
void
pst_event_hub_keep_revocations (PstEventHub *self)
{
  g_return_if_fail (self != NULL);

  if (self->revocations == NULL)
    self->revocations = g_ptr_array_new_with_free_func (g_free);
}

/* The token hashes revoked since the last call (transfer full), or NULL. */
GPtrArray *
pst_event_hub_take_revocations (PstEventHub *self)
{
  GPtrArray *taken;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->revocations == NULL || self->revocations->len == 0)
    return NULL;

  taken = g_steal_pointer (&self->revocations);
  self->revocations = g_ptr_array_new_with_free_func (g_free);
  return taken;
}

void
pst_event_hub_close_all (PstEventHub *self)
{
  g_autoptr(GList) connections = NULL;

  g_return_if_fail (self != NULL);

  connections = g_hash_table_get_keys (self->clients);
  for (GList *l = connections; l != NULL; l = l->next)
    close_connection (l->data, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "server stopping");
}

guint
pst_event_hub_get_n_clients (PstEventHub *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->clients);
}
