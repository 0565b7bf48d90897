/* sync-harness.c: what the sync engine's tests share — waiting on the
 * main context, and a TCP relay in front of the server.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sync-harness.h"

#include <string.h>

#include <glib/gstdio.h>

/* Waiting on the main context, where the sync engine lives. */

gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}


/* Runs the main context for @ms milliseconds. */
void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  guint tick = g_timeout_add (10, tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

void
async_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}


typedef struct
{
  Relay             *relay;
  GSocketConnection *client;
  GSocketConnection *upstream;
  GCancellable      *cancellable;
} Link;

static void
link_close (Link *link)
{
  if (link->client != NULL)
    g_io_stream_close (G_IO_STREAM (link->client), NULL, NULL);
  if (link->upstream != NULL)
    g_io_stream_close (G_IO_STREAM (link->upstream), NULL, NULL);
  g_clear_object (&link->client);
  g_clear_object (&link->upstream);
  g_clear_object (&link->cancellable);
  g_ptr_array_remove (link->relay->links, link);
  g_free (link);
}

static void
relay_spliced_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_io_stream_splice_finish (result, NULL);
  link_close (user_data);
}

static void
relay_connected_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Link *link = user_data;

  link->upstream = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, NULL);
  if (link->upstream == NULL || link->relay->cut)
    {
      link_close (link);
      return;
    }

  g_io_stream_splice_async (G_IO_STREAM (link->client), G_IO_STREAM (link->upstream),
                            G_IO_STREAM_SPLICE_NONE, G_PRIORITY_DEFAULT, link->cancellable,
                            relay_spliced_cb, link);
}

static gboolean
relay_incoming_cb (GSocketService    *service,
                   GSocketConnection *connection,
                   GObject           *source,
                   gpointer           user_data)
{
  Relay *relay = user_data;
  g_autoptr(GSocketClient) client = NULL;
  Link *link;

  if (relay->cut)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }

  link = g_new0 (Link, 1);
  link->relay = relay;
  link->client = g_object_ref (connection);
  link->cancellable = g_cancellable_new ();
  g_ptr_array_add (relay->links, link);

  client = g_socket_client_new ();
  g_socket_client_connect_to_host_async (client, "127.0.0.1", relay->upstream, link->cancellable,
                                         relay_connected_cb, link);
  return TRUE;
}

Relay *
relay_new (guint16 upstream)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  Relay *relay = g_new0 (Relay, 1);

  relay->upstream = upstream;
  relay->links = g_ptr_array_new ();
  relay->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (relay->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &effective, &error);
  g_assert_no_error (error);
  relay->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  relay->url = g_strdup_printf ("http://127.0.0.1:%u", relay->port);
  g_signal_connect (relay->service, "incoming", G_CALLBACK (relay_incoming_cb), relay);
  g_socket_service_start (relay->service);

  return relay;
}

/* Drops every connection through the relay and refuses new ones. */
void
relay_cut (Relay *relay)
{
  relay->cut = TRUE;
  for (guint i = 0; i < relay->links->len; i++)
    g_cancellable_cancel (((Link *) g_ptr_array_index (relay->links, i))->cancellable);
}

void
relay_restore (Relay *relay)
{
  relay->cut = FALSE;
}

void
relay_free (Relay *relay)
{
  relay_cut (relay);
  WAIT_FOR (relay->links->len == 0);
  g_socket_service_stop (relay->service);
  g_socket_listener_close (G_SOCKET_LISTENER (relay->service));
  g_clear_object (&relay->service);
  g_ptr_array_unref (relay->links);
  g_free (relay->url);
  g_free (relay);
}



void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

gboolean
sync_login (PstSync     *sync,
            const char  *url,
            const char  *username,
            const char  *password,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pst_sync_login_async (sync, url, username, password, NULL, async_result_cb, &result);
  WAIT_FOR (result != NULL);

  return pst_sync_login_finish (sync, result, error);
}

guint
server_socket_clients (PstTestServer *server)
{
  g_autoptr(PstTestResponse) response = pst_test_request (server, "GET", "/metrics", NULL, NULL);
  const char *line;

  pst_test_assert_status (response, 200);
  line = strstr (response->text, "\npst_websocket_clients ");
  g_assert_nonnull (line);

  return (guint) g_ascii_strtoull (line + strlen ("\npst_websocket_clients "), NULL, 10);
}

void
server_stop_idle (PstTestServer *server)
{
  WAIT_FOR (server_socket_clients (server) == 0);
  pst_test_server_stop (server);
}
