/* pst-router.c: the table of routes and matching a path against it.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-router.h"

/* A compiled route: its pattern split into segments. The table is small
 * (tens of routes), so matching walks it in order; literal segments are
 * compared before parameters capture anything.
 */
typedef struct
{
  const PstRoute *route;
  char          **segments;
  guint           n_segments;
} CompiledRoute;

struct _PstRouter
{
  GArray *routes;  /* of CompiledRoute */
};

static void
compiled_route_clear (gpointer data)
{
  CompiledRoute *compiled = data;

  g_strfreev (compiled->segments);
}

PstRouter *
pst_router_new (void)
{
  PstRouter *self = g_new0 (PstRouter, 1);

  self->routes = g_array_new (FALSE, TRUE, sizeof (CompiledRoute));
  g_array_set_clear_func (self->routes, compiled_route_clear);

  return self;
}

void
pst_router_free (PstRouter *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->routes);
  g_free (self);
}

static char **
split_path (const char *path,
            guint      *out_n)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  GPtrArray *segments = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] != '\0')
        g_ptr_array_add (segments, g_strdup (parts[i]));
    }

  *out_n = segments->len;
  g_ptr_array_add (segments, NULL);

  return (char **) g_ptr_array_free (segments, FALSE);
}

void
pst_router_add (PstRouter      *self,
                const PstRoute *routes,
                guint           n_routes)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (routes != NULL || n_routes == 0);

  for (guint i = 0; i < n_routes; i++)
    {
      CompiledRoute compiled = { &routes[i], NULL, 0 };

      g_assert (routes[i].pattern[0] == '/');
      compiled.segments = split_path (routes[i].pattern, &compiled.n_segments);
      g_array_append_val (self->routes, compiled);
    }
}

static gboolean
is_parameter (const char *segment)
{
  size_t len = strlen (segment);

  return len > 2 && segment[0] == '{' && segment[len - 1] == '}';
}

static GHashTable *
match_segments (const CompiledRoute *compiled,
                char               **segments,
                guint                n_segments)
{
  GHashTable *params;

  if (compiled->n_segments != n_segments)
    return NULL;

  for (guint i = 0; i < n_segments; i++)
    {
      if (!is_parameter (compiled->segments[i]) && strcmp (compiled->segments[i], segments[i]) != 0)
        return NULL;
    }

  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < n_segments; i++)
    {
      const char *pattern = compiled->segments[i];

      if (is_parameter (pattern))
        g_hash_table_insert (params,
                             g_strndup (pattern + 1, strlen (pattern) - 2),
                             g_uri_unescape_string (segments[i], NULL));
    }

  return params;
}

/* Finds the route for @method and @path (relative to the base URL). A path
 * that matches with another method gives PST_ROUTE_NO_METHOD (405), none
 * at all PST_ROUTE_NO_PATH (404). A literal segment wins over a parameter
 * when two routes could both match (`/tickets/call-next` over
 * `/tickets/{id}`), because literal routes are tried first.
 */
PstRouteMatch
pst_router_match (PstRouter       *self,
                  const char      *method,
                  const char      *path,
                  const PstRoute **out_route,
                  GHashTable     **out_params)
{
  g_auto(GStrv) segments = NULL;
  guint n_segments;
  gboolean path_matched = FALSE;

  g_return_val_if_fail (self != NULL, PST_ROUTE_NO_PATH);
  g_return_val_if_fail (out_route != NULL && out_params != NULL, PST_ROUTE_NO_PATH);

  segments = split_path (path, &n_segments);

  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < self->routes->len; i++)
        {
          const CompiledRoute *compiled = &g_array_index (self->routes, CompiledRoute, i);
          gboolean literal = TRUE;
          GHashTable *params;

          for (guint s = 0; s < compiled->n_segments; s++)
            literal = literal && !is_parameter (compiled->segments[s]);
          if ((pass == 0) != literal)
            continue;

          params = match_segments (compiled, segments, n_segments);
          if (params == NULL)
            continue;

          if (strcmp (compiled->route->method, method) != 0)
            {
              path_matched = TRUE;
              g_hash_table_unref (params);
              continue;
            }

          *out_route = compiled->route;
          *out_params = params;
          return PST_ROUTE_MATCHED;
        }
    }

  return path_matched ? PST_ROUTE_NO_METHOD : PST_ROUTE_NO_PATH;
}
