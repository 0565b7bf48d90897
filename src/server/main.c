/* main.c: pst-server's command line.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <sys/resource.h>

#include "pst-core.h"
#include "pst-i18n.h"
#include "pst-locale.h"
#include "pst-password.h"
#include "pst-server.h"
#include "pst-server-config.h"

static gboolean
quit_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_message ("Stopping on signal");
  g_main_loop_quit (loop);

  return G_SOURCE_REMOVE;
}

/* Every WebSocket client holds a descriptor: lift the soft limit to the
 * hard one so the ~2,000 officers of a national install all fit.
 */
static void
raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
        g_warning ("Could not raise the open file limit");
    }
}

/* Reads a password from standard input: the first line, without its end. */
static char *
read_password (GError **error)
{
  g_autoptr(GIOChannel) in = g_io_channel_unix_new (0);
  g_autofree char *line = NULL;
  gsize terminator = 0;

  if (g_io_channel_read_line (in, &line, NULL, &terminator, error) != G_IO_STATUS_NORMAL ||
      line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, PST_ERROR, PST_ERROR_INVALID,
                             _("No password was given on standard input"));
      return NULL;
    }

  line[terminator] = '\0';
  return g_steal_pointer (&line);
}

static int
create_admin (PstStore   *store,
              const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = read_password (&error);

  if (password == NULL)
    {
      g_printerr ("pst-server: %s\n", error->message);
      return 1;
    }

  if (!pst_server_create_admin (store, username, password, &error))
    {
      g_printerr ("pst-server: %s\n", error->message);
      return 1;
    }

  g_print (_("Created the administrator account “%s”.\n"), username);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PstServerConfig) config = pst_server_config_new ();
  g_autoptr(PstStore) store = NULL;
  g_autoptr(PstServer) server = NULL;
  g_autoptr(PstClock) clock = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *config_file = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *admin = NULL;
  gboolean demo = FALSE;
  gboolean version = FALSE;
  int workers = 0;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The sqlite database (created if missing)"), N_("PATH") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, N_("Address and port to listen on"), N_("ADDR:PORT") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Seed an empty database with the demo offices and a working day"), NULL },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_file, N_("Read settings from a key file"), N_("FILE") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("TLS certificate (PEM)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("TLS private key (PEM)"), N_("FILE") },
    { "workers", 0, 0, G_OPTION_ARG_INT, &workers, N_("Answer requests on N threads, each with its own database connection (default 1)"), N_("N") },
    { "create-admin", 0, 0, G_OPTION_ARG_STRING, &admin, N_("Create an administrator (password from standard input) and exit"), N_("USERNAME") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  pst_locale_init (pst_paths_get_locale_dir ());
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("The central server of PST Desk."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pst-server: %s\n", error->message);
      return 2;
    }

  if (version)
    {
      g_print ("pst-server %s\n", PST_VERSION);
      return 0;
    }

  if (config_file != NULL && !pst_server_config_load_file (config, config_file, &error))
    {
      g_printerr ("pst-server: %s\n", error->message);
      return 2;
    }

#define OVERRIDE(field, value) \
  if ((value) != NULL) { g_free (config->field); config->field = g_steal_pointer (&(value)); }
  OVERRIDE (db_path, db)
  OVERRIDE (listen, listen)
  OVERRIDE (tls_cert, tls_cert)
  OVERRIDE (tls_key, tls_key)
#undef OVERRIDE

  if (workers != 0)
    {
      if (workers < 1 || workers > PST_SERVER_WORKERS_MAX)
        {
          g_printerr ("pst-server: ");
          g_printerr (_("--workers must be from 1 to %d"), PST_SERVER_WORKERS_MAX);
          g_printerr ("\n");
          return 2;
        }
      config->workers = (guint) workers;
    }

  if (config->db_path == NULL)
    {
      g_printerr ("pst-server: %s\n", _("The database is required: --db PATH"));
      return 2;
    }
  if ((config->tls_cert == NULL) != (config->tls_key == NULL))
    {
      g_printerr ("pst-server: %s\n", _("TLS needs both --tls-cert and --tls-key"));
      return 2;
    }

  if (!pst_password_init (&error))
    {
      g_printerr ("pst-server: %s\n", error->message);
      return 1;
    }

  store = pst_store_open (config->db_path, PST_STORE_SCHEMA_SERVER, &error);
  if (store == NULL)
    {
      g_printerr ("pst-server: %s\n", error->message);
      return 1;
    }

  if (admin != NULL)
    return create_admin (store, admin);

  clock = pst_clock_new_system ();

  if (demo && !pst_server_seed_demo (store, clock, &error))
    {
      g_printerr ("pst-server: %s\n", error->message);
      return 1;
    }

  raise_file_limit ();

  /* The handlers come first: a SIGTERM right after "Listening" must stop
   * the server cleanly too.
   */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  server = pst_server_new (store, clock, config);
  for (guint i = 1; i < config->workers; i++)
    {
      g_autoptr(PstStore) worker_store = pst_store_open (config->db_path, PST_STORE_SCHEMA_SERVER,
                                                         &error);

      if (worker_store == NULL)
        {
          g_printerr ("pst-server: %s\n", error->message);
          return 1;
        }
      pst_server_add_worker (server, worker_store);
    }
  if (!pst_server_listen (server, &error))
    {
      g_printerr ("pst-server: %s\n", error->message);
      return 1;
    }

  g_main_loop_run (loop);

  /* Every write was committed before its answer was sent; stopping only
   * closes the sockets and the database.
   */
  pst_server_stop (server);

  return 0;
}
