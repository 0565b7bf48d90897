/* test-units.c: the server's pure parts, without a running server: route
 * matching, access rules, the login rate limit, Accept-Language and the
 * metrics text.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-authz.h"
#include "pst-locale.h"
#include "pst-metrics.h"
#include "pst-rate-limit.h"
#include "pst-router.h"

static void
handler_a (PstRequest *request)
{
}

static void
handler_b (PstRequest *request)
{
}

static const PstRoute routes[] = {
  { "GET", "/offices/{code}", handler_a, PST_ACCESS_PUBLIC },
  { "POST", "/offices/{code}/tickets/call-next", handler_b, PST_ACCESS_PUBLIC },
  { "POST", "/offices/{code}/tickets/{id}", handler_a, PST_ACCESS_PUBLIC },
  { "GET", "/tickets/{id}", handler_a, PST_ACCESS_PUBLIC },
  { "GET", "/tickets/today", handler_b, PST_ACCESS_PUBLIC },
};

static void
test_router_match (void)
{
  g_autoptr(PstRouter) router = pst_router_new ();
  g_autoptr(GHashTable) params = NULL;
  const PstRoute *route = NULL;

  pst_router_add (router, routes, G_N_ELEMENTS (routes));

  g_assert_cmpint (pst_router_match (router, "GET", "/offices/7604", &route, &params), ==,
                   PST_ROUTE_MATCHED);
  g_assert_true (route == &routes[0]);
  g_assert_cmpstr (g_hash_table_lookup (params, "code"), ==, "7604");
  g_clear_pointer (&params, g_hash_table_unref);

  /* Trailing and doubled slashes do not matter; escapes are decoded. */
  g_assert_cmpint (pst_router_match (router, "GET", "//offices/76%2004/", &route, &params), ==,
                   PST_ROUTE_MATCHED);
  g_assert_cmpstr (g_hash_table_lookup (params, "code"), ==, "76 04");
  g_clear_pointer (&params, g_hash_table_unref);

  /* A literal route wins over a parameter at the same place. */
  g_assert_cmpint (pst_router_match (router, "GET", "/tickets/today", &route, &params), ==,
                   PST_ROUTE_MATCHED);
  g_assert_true (route == &routes[4]);
  g_clear_pointer (&params, g_hash_table_unref);

  g_assert_cmpint (pst_router_match (router, "GET", "/tickets/tkt_1", &route, &params), ==,
                   PST_ROUTE_MATCHED);
  g_assert_true (route == &routes[3]);
  g_assert_cmpstr (g_hash_table_lookup (params, "id"), ==, "tkt_1");
  g_clear_pointer (&params, g_hash_table_unref);

  g_assert_cmpint (pst_router_match (router, "POST", "/offices/7604/tickets/call-next", &route,
                                     &params), ==, PST_ROUTE_MATCHED);
  g_assert_true (route == &routes[1]);
  g_clear_pointer (&params, g_hash_table_unref);
}

static void
test_router_misses (void)
{
  g_autoptr(PstRouter) router = pst_router_new ();
  GHashTable *params = NULL;
  const PstRoute *route = NULL;

  pst_router_add (router, routes, G_N_ELEMENTS (routes));

  g_assert_cmpint (pst_router_match (router, "DELETE", "/offices/7604", &route, &params), ==,
                   PST_ROUTE_NO_METHOD);
  g_assert_cmpint (pst_router_match (router, "GET", "/offices", &route, &params), ==,
                   PST_ROUTE_NO_PATH);
  g_assert_cmpint (pst_router_match (router, "GET", "/offices/7604/x/y/z", &route, &params), ==,
                   PST_ROUTE_NO_PATH);
  g_assert_cmpint (pst_router_match (router, "GET", "/", &route, &params), ==, PST_ROUTE_NO_PATH);
  g_assert_null (params);
}

static PstPrincipal *
principal_new (PstRole     role,
               const char *office)
{
  PstPrincipal *principal = g_new0 (PstPrincipal, 1);

  principal->officer_id = g_strdup ("off_1");
  principal->role = role;
  principal->office = g_strdup (office);
  principal->token_hash = g_strdup ("hash");

  return principal;
}

static void
test_authz_roles (void)
{
  g_autoptr(PstPrincipal) officer = principal_new (PST_ROLE_OFFICER, "7604");
  g_autoptr(PstPrincipal) kiosk = principal_new (PST_ROLE_KIOSK, "7604");
  g_autoptr(PstPrincipal) admin = principal_new (PST_ROLE_ADMIN, NULL);
  const PstAccess public_access = PST_ACCESS_PUBLIC;
  const PstAccess staff = PST_ACCESS (PST_ROLES_STAFF, NONE, NULL);
  const PstAccess supervisors = PST_ACCESS (PST_ROLES_SUPERVISOR, NONE, NULL);

  g_assert_cmpint (pst_authz_check_role (NULL, &public_access), ==, PST_AUTHZ_OK);
  g_assert_cmpint (pst_authz_check_role (NULL, &staff), ==, PST_AUTHZ_UNAUTHORIZED);
  g_assert_cmpint (pst_authz_check_role (officer, &staff), ==, PST_AUTHZ_OK);
  g_assert_cmpint (pst_authz_check_role (kiosk, &staff), ==, PST_AUTHZ_FORBIDDEN);
  g_assert_cmpint (pst_authz_check_role (officer, &supervisors), ==, PST_AUTHZ_FORBIDDEN);
  g_assert_cmpint (pst_authz_check_role (admin, &supervisors), ==, PST_AUTHZ_OK);
}

static void
test_authz_offices (void)
{
  g_autoptr(PstPrincipal) officer = principal_new (PST_ROLE_OFFICER, "7604");
  g_autoptr(PstPrincipal) supervisor = principal_new (PST_ROLE_SUPERVISOR, "1905");
  g_autoptr(PstPrincipal) admin = principal_new (PST_ROLE_ADMIN, NULL);

  g_assert_cmpint (pst_authz_check_office (officer, "7604"), ==, PST_AUTHZ_OK);
  g_assert_cmpint (pst_authz_check_office (officer, "1905"), ==, PST_AUTHZ_FORBIDDEN);
  g_assert_cmpint (pst_authz_check_office (officer, NULL), ==, PST_AUTHZ_FORBIDDEN);
  g_assert_cmpint (pst_authz_check_office (supervisor, "7604"), ==, PST_AUTHZ_FORBIDDEN);
  g_assert_cmpint (pst_authz_check_office (admin, "8205"), ==, PST_AUTHZ_OK);
  g_assert_cmpint (pst_authz_check_office (NULL, "7604"), ==, PST_AUTHZ_UNAUTHORIZED);
}

static void
test_authz_events (void)
{
  g_autoptr(PstPrincipal) officer = principal_new (PST_ROLE_OFFICER, "7604");
  g_autoptr(PstPrincipal) kiosk = principal_new (PST_ROLE_KIOSK, "7604");
  g_autoptr(PstPrincipal) admin = principal_new (PST_ROLE_ADMIN, NULL);

  g_assert_true (pst_authz_may_see_event (officer, "7604", "ticket.called"));
  g_assert_true (pst_authz_may_see_event (officer, "7604", "consultation.created"));
  g_assert_false (pst_authz_may_see_event (officer, "1905", "ticket.called"));
  g_assert_true (pst_authz_may_see_event (officer, NULL, "kb.article.updated"));
  g_assert_true (pst_authz_may_see_event (kiosk, "7604", "ticket.called"));
  g_assert_false (pst_authz_may_see_event (kiosk, "7604", "consultation.created"));
  g_assert_false (pst_authz_may_see_event (kiosk, NULL, "kb.article.updated"));
  g_assert_true (pst_authz_may_see_event (admin, "1905", "consultation.created"));
}

static void
test_rate_limit (void)
{
  g_autoptr(PstClock) clock = pst_clock_new_fixed (1000 * G_USEC_PER_SEC);
  g_autoptr(PstRateLimit) limit = pst_rate_limit_new (clock, 3, 60 * G_USEC_PER_SEC);
  gint64 retry = 0;

  g_assert_false (pst_rate_limit_is_blocked (limit, "user:a", NULL));
  pst_rate_limit_add_failure (limit, "user:a");
  pst_clock_advance (clock, 10 * G_USEC_PER_SEC);
  pst_rate_limit_add_failure (limit, "user:a");
  g_assert_false (pst_rate_limit_is_blocked (limit, "user:a", NULL));
  pst_rate_limit_add_failure (limit, "user:a");
  g_assert_true (pst_rate_limit_is_blocked (limit, "user:a", &retry));
  /* The first failure leaves the window 60 s after it, 50 s from now. */
  g_assert_cmpint (retry, ==, 50 * G_USEC_PER_SEC);
  g_assert_false (pst_rate_limit_is_blocked (limit, "user:b", NULL));

  pst_clock_advance (clock, 50 * G_USEC_PER_SEC);
  g_assert_false (pst_rate_limit_is_blocked (limit, "user:a", NULL));

  pst_rate_limit_add_failure (limit, "user:a");
  g_assert_true (pst_rate_limit_is_blocked (limit, "user:a", NULL));
  pst_rate_limit_reset (limit, "user:a");
  g_assert_false (pst_rate_limit_is_blocked (limit, "user:a", NULL));
}

static void
test_accept_language (void)
{
  g_assert_cmpint (pst_lang_from_accept_language (NULL), ==, PST_LANG_EN);
  g_assert_cmpint (pst_lang_from_accept_language (""), ==, PST_LANG_EN);
  g_assert_cmpint (pst_lang_from_accept_language ("id"), ==, PST_LANG_ID);
  g_assert_cmpint (pst_lang_from_accept_language ("id-ID,id;q=0.9,en;q=0.8"), ==, PST_LANG_ID);
  g_assert_cmpint (pst_lang_from_accept_language ("en-US,en;q=0.9,id;q=0.8"), ==, PST_LANG_EN);
  g_assert_cmpint (pst_lang_from_accept_language ("en;q=0.4, id;q=0.7"), ==, PST_LANG_ID);
  g_assert_cmpint (pst_lang_from_accept_language ("fr-FR,fr;q=0.9"), ==, PST_LANG_EN);
  g_assert_cmpint (pst_lang_from_accept_language ("ida,idx"), ==, PST_LANG_EN);
}

static void
test_metrics (void)
{
  g_autoptr(PstMetrics) metrics = pst_metrics_new ();
  g_autofree char *text = NULL;

  pst_metrics_observe_request (metrics, "/tickets/{id}/start", 200, 800);
  pst_metrics_observe_request (metrics, "/tickets/{id}/start", 200, 3000);
  pst_metrics_observe_request (metrics, "/tickets/{id}/start", 409, 40000);
  pst_metrics_observe_request (metrics, "we\"ird", 404, 5000000);
  pst_metrics_set_websocket_clients (metrics, 7);
  pst_metrics_add_events (metrics, 3);

  text = pst_metrics_render (metrics);
  g_assert_nonnull (strstr (text, "pst_http_requests_total{route=\"/tickets/{id}/start\",status=\"200\"} 2\n"));
  g_assert_nonnull (strstr (text, "pst_http_requests_total{route=\"/tickets/{id}/start\",status=\"409\"} 1\n"));
  g_assert_nonnull (strstr (text, "route=\"we\\\"ird\""));
  g_assert_nonnull (strstr (text, "pst_http_request_duration_seconds_bucket{le=\"0.001\"} 1\n"));
  g_assert_nonnull (strstr (text, "pst_http_request_duration_seconds_bucket{le=\"0.005\"} 2\n"));
  g_assert_nonnull (strstr (text, "pst_http_request_duration_seconds_bucket{le=\"0.05\"} 3\n"));
  g_assert_nonnull (strstr (text, "pst_http_request_duration_seconds_bucket{le=\"2.5\"} 3\n"));
  g_assert_nonnull (strstr (text, "pst_http_request_duration_seconds_bucket{le=\"+Inf\"} 4\n"));
  g_assert_nonnull (strstr (text, "pst_http_request_duration_seconds_count 4\n"));
  g_assert_nonnull (strstr (text, "pst_websocket_clients 7\n"));
  g_assert_nonnull (strstr (text, "pst_events_total 3\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/units/router/match", test_router_match);
  g_test_add_func ("/server/units/router/misses", test_router_misses);
  g_test_add_func ("/server/units/authz/roles", test_authz_roles);
  g_test_add_func ("/server/units/authz/offices", test_authz_offices);
  g_test_add_func ("/server/units/authz/events", test_authz_events);
  g_test_add_func ("/server/units/rate-limit", test_rate_limit);
  g_test_add_func ("/server/units/accept-language", test_accept_language);
  g_test_add_func ("/server/units/metrics", test_metrics);

  return g_test_run ();
}
