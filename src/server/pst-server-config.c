/* pst-server-config.c: the server's settings, from a key file and options.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-error.h"
#include "pst-i18n.h"
#include "pst-paths.h"
#include "pst-server-config.h"

PstServerConfig *
pst_server_config_new (void)
{
  PstServerConfig *self = g_new0 (PstServerConfig, 1);

  self->listen = g_strdup ("127.0.0.1:8470");
  self->locale_dir = g_strdup (pst_paths_get_locale_dir ());
  self->listen_backlog = 4096;
  self->token_ttl_hours = 12;
  self->login_max_failures = 5;
  self->login_window_minutes = 15;
  self->ping_interval_seconds = 30;
  self->idempotency_ttl_hours = 48;
  self->scheduler_interval_seconds = 30;
  self->workers = 1;
  self->log_requests = TRUE;

  return self;
}

void
pst_server_config_free (PstServerConfig *self)
{
  if (self == NULL)
    return;

  g_free (self->db_path);
  g_free (self->listen);
  g_free (self->tls_cert);
  g_free (self->tls_key);
  g_free (self->locale_dir);
  g_free (self);
}

static gboolean
read_string (GKeyFile    *file,
             const char  *key,
             char       **value,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *read = g_key_file_get_string (file, "server", key, &local_error);

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_free (*value);
  *value = g_steal_pointer (&read);
  return TRUE;
}

static gboolean
read_uint (GKeyFile    *file,
           const char  *key,
           guint        minimum,
           guint        maximum,
           guint       *value,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint64 read;

  if (!g_key_file_has_key (file, "server", key, NULL))
    return TRUE;

  read = g_key_file_get_uint64 (file, "server", key, &local_error);
  if (local_error != NULL || read < minimum || read > maximum)
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   _("The setting “%s” must be a whole number from %u to %u"),
                   key, minimum, maximum);
      return FALSE;
    }

  *value = (guint) read;
  return TRUE;
}

/* Reads the [server] group of a key file such as:
 *
 *   [server]
 *   db = /var/lib/pst-server/pst.db
 *   listen = 0.0.0.0:8470
 *   token-ttl-hours = 12
 *   workers = 2
 */
gboolean
pst_server_config_load_file (PstServerConfig *self,
                             const char      *path,
                             GError         **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   _("Cannot read the configuration file %s: %s"), path, local_error->message);
      return FALSE;
    }

  if (g_key_file_has_key (file, "server", "log-requests", NULL))
    {
      self->log_requests = g_key_file_get_boolean (file, "server", "log-requests", &local_error);
      if (local_error != NULL)
        {
          g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                       _("The setting “%s” must be true or false"), "log-requests");
          return FALSE;
        }
    }

  return read_string (file, "db", &self->db_path, error) &&
         read_string (file, "listen", &self->listen, error) &&
         read_string (file, "tls-cert", &self->tls_cert, error) &&
         read_string (file, "tls-key", &self->tls_key, error) &&
         read_string (file, "locale-dir", &self->locale_dir, error) &&
         read_uint (file, "listen-backlog", 16, 65535, &self->listen_backlog, error) &&
         read_uint (file, "token-ttl-hours", 1, 24 * 30, &self->token_ttl_hours, error) &&
         read_uint (file, "login-max-failures", 1, 1000, &self->login_max_failures, error) &&
         read_uint (file, "login-window-minutes", 1, 24 * 60, &self->login_window_minutes, error) &&
         read_uint (file, "ping-interval-seconds", 1, 3600, &self->ping_interval_seconds, error) &&
         read_uint (file, "idempotency-ttl-hours", 24, 24 * 30, &self->idempotency_ttl_hours, error) &&
         read_uint (file, "scheduler-interval-seconds", 1, 3600,
                    &self->scheduler_interval_seconds, error) &&
         read_uint (file, "workers", 1, PST_SERVER_WORKERS_MAX, &self->workers, error);
}
