/* pst-server-config.h: the server's settings, from a key file and options.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PST_SERVER_WORKERS_MAX 64

/* Settings with their defaults; the key file's [server] group may set any
 * of them and command-line options override the file.
 */
typedef struct
{
  char  *db_path;
  char  *listen;               /* ADDR:PORT */
  char  *tls_cert;
  char  *tls_key;
  char  *locale_dir;
  guint  listen_backlog;       /* kernel accept queue; 2,000 clients reconnect at once */
  guint  token_ttl_hours;
  guint  login_max_failures;
  guint  login_window_minutes;
  guint  ping_interval_seconds;
  guint  idempotency_ttl_hours;
  guint  scheduler_interval_seconds;
  guint  workers;              /* threads answering requests, each with its own sqlite connection */
  gboolean log_requests;
} PstServerConfig;

PstServerConfig *pst_server_config_new       (void);
void             pst_server_config_free      (PstServerConfig *self);
gboolean         pst_server_config_load_file (PstServerConfig *self,
                                              const char      *path,
                                              GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstServerConfig, pst_server_config_free)

G_END_DECLS
