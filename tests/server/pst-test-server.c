/* pst-test-server.c: a real pst-server for the tests, and a client for it.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "pst-test-server.h"

#define START_TIMEOUT_US (30 * G_USEC_PER_SEC)

static void
append_log (PstTestServer *self,
            const char    *text,
            gssize         length)
{
  g_mutex_lock (&self->log_lock);
  g_string_append_len (self->log, text, length);
  g_mutex_unlock (&self->log_lock);
}

/* Reads the server's stderr until it says which port it listens on. */
static guint16
wait_for_port (PstTestServer *self)
{
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (self->err, NULL, NULL, &error);
      const char *port;

      if (line == NULL)
        g_error ("pst-server exited before listening:\n%s", self->log->str);

      append_log (self, line, -1);
      append_log (self, "\n", 1);
      port = strstr (line, "(port ");
      if (port != NULL && strstr (line, "Listening on") != NULL)
        return (guint16) g_ascii_strtoull (port + 6, NULL, 10);
    }

  g_error ("pst-server did not start in time:\n%s", self->log->str);
  return 0;
}

/* Keeps reading the server's stderr (through the same buffered stream, so
 * nothing after "Listening" is lost) until the server exits.
 */
static gpointer
drain_log_cb (gpointer user_data)
{
  PstTestServer *self = user_data;
  char buffer[4096];
  gssize n;

  while ((n = g_input_stream_read (G_INPUT_STREAM (self->err), buffer, sizeof buffer,
                                   NULL, NULL)) > 0)
    append_log (self, buffer, n);

  return NULL;
}

/* The server dies with the test, so a failed assertion never leaves it
 * running (and holding the test runner's pipes).
 */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
spawn (PstTestServer *self)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", self->port);
  const char *binary = g_getenv ("PST_SERVER_BINARY");

  g_assert_nonnull (binary);

  g_ptr_array_add (argv, (char *) binary);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, self->db_path);
  g_ptr_array_add (argv, (char *) "--listen");
  /* Port 0 the first time; a restart keeps the port, as a real server's
   * address stays the same for its clients.
   */
  g_ptr_array_add (argv, listen);
  if (self->demo)
    g_ptr_array_add (argv, (char *) "--demo");
  for (guint i = 0; self->extra_args != NULL && self->extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, self->extra_args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata,
                                                &error);
  g_assert_no_error (error);

  self->err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (self->process));
  self->port = wait_for_port (self);
  self->log_thread = g_thread_new ("pst-server-log", drain_log_cb, self);
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

/* Starts the server with @args after the usual options, and the options
 * in $PST_TEST_SERVER_ARGS (how the suites run again with --workers 2)
 * before them.
 */
PstTestServer *
pst_test_server_start_with_args (gboolean           demo,
                                 const char *const *args)
{
  PstTestServer *self = g_new0 (PstTestServer, 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  const char *from_env = g_getenv ("PST_TEST_SERVER_ARGS");

  if (from_env != NULL && *from_env != '\0')
    {
      g_auto(GStrv) parsed = NULL;

      g_shell_parse_argv (from_env, NULL, &parsed, &error);
      g_assert_no_error (error);
      g_strv_builder_addv (builder, (const char **) parsed);
    }
  if (args != NULL)
    g_strv_builder_addv (builder, (const char **) args);
  self->extra_args = g_strv_builder_end (builder);

  self->dir = g_dir_make_tmp ("pst-server-test-XXXXXX", &error);
  g_assert_no_error (error);
  self->db_path = g_build_filename (self->dir, "pst.db", NULL);
  self->demo = demo;
  self->log = g_string_new (NULL);
  g_mutex_init (&self->log_lock);
  self->session = soup_session_new_with_options ("max-conns", 64, "max-conns-per-host", 64,
                                                 "timeout", 30, NULL);
  spawn (self);

  return self;
}

PstTestServer *
pst_test_server_start (gboolean demo)
{
  return pst_test_server_start_with_args (demo, NULL);
}

/* Stops the server with SIGTERM, as systemd does, and checks it exits
 * cleanly.
 */
void
pst_test_server_stop (PstTestServer *self)
{
  g_autoptr(GError) error = NULL;

  if (self->process == NULL)
    return;

  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (self->process));
  g_assert_cmpint (g_subprocess_get_exit_status (self->process), ==, 0);
  g_clear_pointer (&self->log_thread, g_thread_join);
  g_clear_object (&self->err);
  g_clear_object (&self->process);
}

/* Starts the server again on the same database, with or without --demo
 * (which seeds only an empty database).
 */
void
pst_test_server_restart_full (PstTestServer *self,
                              gboolean       demo)
{
  pst_test_server_stop (self);
  self->demo = demo;
  spawn (self);
}

void
pst_test_server_restart (PstTestServer *self)
{
  pst_test_server_restart_full (self, FALSE);
}

/* Everything the server wrote to stderr so far. */
char *
pst_test_server_get_log (PstTestServer *self)
{
  char *copy;

  g_mutex_lock (&self->log_lock);
  copy = g_strdup (self->log->str);
  g_mutex_unlock (&self->log_lock);

  return copy;
}

void
pst_test_server_free (PstTestServer *self)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  if (self == NULL)
    return;

  pst_test_server_stop (self);
  wal = g_strconcat (self->db_path, "-wal", NULL);
  shm = g_strconcat (self->db_path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (self->db_path);
  g_rmdir (self->dir);

  g_clear_object (&self->session);
  g_string_free (self->log, TRUE);
  g_mutex_clear (&self->log_lock);
  g_free (self->db_path);
  g_free (self->dir);
  g_strfreev (self->extra_args);
  g_free (self->base_url);
  g_free (self);
}

/* Sends one request and waits for the answer. @headers is a NULL-ended
 * list of name, value pairs.
 */
PstTestResponse *
pst_test_request_full (PstTestServer      *self,
                       const char         *method,
                       const char         *path,
                       const char         *token,
                       const char         *content_type,
                       const char         *body,
                       gssize              length,
                       const char *const  *headers)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  PstTestResponse *response;
  SoupMessageHeaders *request_headers;
  gsize size;
  const char *data;

  msg = soup_message_new (method, url);
  g_assert_nonnull (msg);
  request_headers = soup_message_get_request_headers (msg);

  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (request_headers, "Authorization", auth);
    }

  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }

  answer = soup_session_send_and_read (self->session, msg, NULL, &error);
  g_assert_no_error (error);

  response = g_new0 (PstTestResponse, 1);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  data = g_bytes_get_data (answer, &size);
  response->text = g_strndup (data != NULL ? data : "", size);

  if (size > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, response->text, size, NULL))
        response->json = json_node_copy (json_parser_get_root (parser));
    }

  return response;
}

PstTestResponse *
pst_test_request (PstTestServer *self,
                  const char    *method,
                  const char    *path,
                  const char    *token,
                  const char    *json_body)
{
  return pst_test_request_full (self, method, path, token, "application/json",
                                json_body, -1, NULL);
}

/* Logs in and returns the bearer token; fails the test otherwise. */
char *
pst_test_login (PstTestServer *self,
                const char    *username,
                const char    *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           username, password);
  g_autoptr(PstTestResponse) response = pst_test_request (self, "POST", "/api/v1/auth/login",
                                                          NULL, body);

  pst_test_assert_status (response, 200);
  return g_strdup (pst_test_response_string (response, "token"));
}

JsonObject *
pst_test_response_object (PstTestResponse *self)
{
  g_assert_nonnull (self->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (self->json));

  return json_node_get_object (self->json);
}

const char *
pst_test_response_string (PstTestResponse *self,
                          const char      *member)
{
  return json_object_get_string_member_with_default (pst_test_response_object (self), member, NULL);
}

/* The `error.code` of an error answer. */
const char *
pst_test_response_error (PstTestResponse *self)
{
  JsonObject *error;

  if (self->json == NULL || !JSON_NODE_HOLDS_OBJECT (self->json))
    return NULL;

  error = json_object_get_object_member (json_node_get_object (self->json), "error");
  if (error == NULL)
    return NULL;

  return json_object_get_string_member_with_default (error, "code", NULL);
}

void
pst_test_response_free (PstTestResponse *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_clear_pointer (&self->json, json_node_unref);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_free (self);
}
