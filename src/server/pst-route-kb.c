/* pst-route-kb.c: placeholder being written. */

#include "config.h"

#include "pst-request.h"
#include "pst-routes.h"
#include "pst-server.h"

static const PstRoute routes[] = {
  { "GET", "/placeholder-kb", NULL, PST_ACCESS_PUBLIC },
};

const PstRoute *
pst_route_kb_get_routes (guint *n_routes)
{
  *n_routes = 0;
  return routes;
}
