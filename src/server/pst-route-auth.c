/* pst-route-auth.c: placeholder being written. */

#include "config.h"

#include "pst-request.h"
#include "pst-routes.h"
#include "pst-server.h"

static const PstRoute routes[] = {
  { "GET", "/placeholder-auth", NULL, PST_ACCESS_PUBLIC },
};

const PstRoute *
pst_route_auth_get_routes (guint *n_routes)
{
  *n_routes = 0;
  return routes;
}

gboolean
pst_server_create_admin (PstStore   *store,
                         const char *username,
                         const char *password,
                         GError    **error)
{
  g_set_error_literal (error, PST_ERROR, PST_ERROR_FAILED, "not yet");
  return FALSE;
}
