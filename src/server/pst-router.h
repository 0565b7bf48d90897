/* pst-router.h: the table of routes and matching a path against it.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pst-authz.h"

G_BEGIN_DECLS

typedef struct _PstRequest PstRequest;

typedef void (*PstRouteHandler) (PstRequest *request);

typedef enum
{
  PST_ROUTE_FLAGS_NONE = 0,
  /* Its answer is never kept for an Idempotency-Key replay: it holds a
   * secret the database keeps only hashed (a login's bearer token).
   */
  PST_ROUTE_NO_REPLAY = 1 << 0,
} PstRouteFlags;

/* One route: a method, a pattern relative to the base URL whose `{name}`
 * segments capture path parameters, the handler, and who may call it.
 * Each resource file exports a static table of these.
 */
typedef struct
{
  const char     *method;
  const char     *pattern;
  PstRouteHandler handler;
  PstAccess       access;
  PstRouteFlags   flags;
} PstRoute;

typedef struct _PstRouter PstRouter;

typedef enum
{
  PST_ROUTE_MATCHED,
  PST_ROUTE_NO_PATH,
  PST_ROUTE_NO_METHOD,
} PstRouteMatch;

PstRouter      *pst_router_new        (void);
void            pst_router_free       (PstRouter       *self);
void            pst_router_add        (PstRouter       *self,
                                       const PstRoute  *routes,
                                       guint            n_routes);
PstRouteMatch   pst_router_match      (PstRouter       *self,
                                       const char      *method,
                                       const char      *path,
                                       const PstRoute **out_route,
                                       GHashTable     **out_params);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstRouter, pst_router_free)

G_END_DECLS
