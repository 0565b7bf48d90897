/* test-basics.c: the server starts, answers health and metrics, speaks
 * the API's error format, and stops cleanly.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-test-server.h"

static void
test_healthz (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (FALSE);
  g_autoptr(PstTestResponse) health = pst_test_request (server, "GET", "/healthz", NULL, NULL);
  g_autoptr(PstTestResponse) metrics = NULL;

  pst_test_assert_status (health, 200);
  g_assert_cmpstr (pst_test_response_string (health, "status"), ==, "ok");

  metrics = pst_test_request (server, "GET", "/metrics", NULL, NULL);
  pst_test_assert_status (metrics, 200);
  g_assert_nonnull (strstr (metrics->text, "# TYPE pst_http_requests_total counter"));
  g_assert_nonnull (strstr (metrics->text, "pst_http_request_duration_seconds_bucket{le=\"+Inf\"}"));
  g_assert_nonnull (strstr (metrics->text, "pst_websocket_clients 0"));
}

static void
test_unknown_path (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (FALSE);
  g_autoptr(PstTestResponse) missing = pst_test_request (server, "GET", "/api/v1/nowhere",
                                                         NULL, NULL);
  const char *const indonesian[] = { "Accept-Language", "id-ID,id;q=0.9,en;q=0.5", NULL };
  g_autoptr(PstTestResponse) localized = NULL;
  JsonObject *error;

  pst_test_assert_error (missing, 404, "not_found");
  error = json_object_get_object_member (pst_test_response_object (missing), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                   "Nothing was found at this address");

  localized = pst_test_request_full (server, "GET", "/api/v1/nowhere", NULL, NULL, NULL, 0,
                                     indonesian);
  pst_test_assert_error (localized, 404, "not_found");
  error = json_object_get_object_member (pst_test_response_object (localized), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                   "Tidak ada apa pun di alamat ini");
}

static void
test_oversize_body (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (FALSE);
  gsize size = 1024 * 1024 + 1;
  g_autofree char *body = g_malloc (size);
  g_autoptr(PstTestResponse) response = NULL;

  memset (body, ' ', size);
  response = pst_test_request_full (server, "POST", "/api/v1/auth/login", NULL,
                                    "application/json", body, size, NULL);
  pst_test_assert_error (response, 413, "payload_too_large");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/basics/healthz", test_healthz);
  g_test_add_func ("/server/basics/unknown-path", test_unknown_path);
  g_test_add_func ("/server/basics/oversize-body", test_oversize_body);

  return g_test_run ();
}
