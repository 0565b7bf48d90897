/* sync-harness.h: what the sync engine's tests share.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pst-sync.h"
#include "pst-test-server.h"

G_BEGIN_DECLS

#ifndef WAIT_TIMEOUT_S
#define WAIT_TIMEOUT_S 20
#endif

/* Runs the main context until @cond holds, failing after @seconds. */
#define WAIT_FOR_WITHIN(cond, seconds) \
  G_STMT_START { \
    gint64 _deadline = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC; \
    guint _tick = g_timeout_add (20, tick_cb, NULL); \
    while (!(cond)) \
      { \
        if (g_get_monotonic_time () > _deadline) \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond); \
        g_main_context_iteration (NULL, TRUE); \
      } \
    g_source_remove (_tick); \
  } G_STMT_END

#define WAIT_FOR(cond) WAIT_FOR_WITHIN (cond, WAIT_TIMEOUT_S)

/* A TCP relay in front of the server. The desk keeps one address while
 * the server restarts on another port (as a server behind a fixed name
 * would), and the test can cut the line without stopping the server.
 */
typedef struct
{
  GSocketService *service;
  guint16         port;
  guint16         upstream;
  gboolean        cut;
  GPtrArray      *links;
  char           *url;
} Relay;

gboolean  tick_cb         (gpointer      user_data);
void      run_for         (guint         ms);
/* Keeps a new reference to the result in *@user_data (a GAsyncResult **). */
void      async_result_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data);
Relay    *relay_new       (guint16       upstream);
void      relay_cut       (Relay        *relay);
void      relay_restore   (Relay        *relay);
void      relay_free      (Relay        *relay);
/* Logs @sync in at @url and waits for the answer. */
gboolean  sync_login      (PstSync       *sync,
                           const char    *url,
                           const char    *username,
                           const char    *password,
                           GError       **error);
/* The number of event sockets @server holds, from /metrics. */
guint     server_socket_clients (PstTestServer *server);
/* Stops @server once it has no event socket open: pst-server 0.1
 * stopping with sockets open closes them twice (a libsoup critical, fatal
 * under the tests' G_DEBUG), which is the server's to fix.
 */
void      server_stop_idle (PstTestServer *server);
/* Removes a file or a folder with all it holds. */
void      remove_tree     (const char   *path);

G_END_DECLS
