/* pst-routes.h: the route tables, one per resource file.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "pst-request.h"
#include "pst-router.h"

G_BEGIN_DECLS

const PstRoute *pst_route_auth_get_routes    (guint *n_routes);
const PstRoute *pst_route_offices_get_routes (guint *n_routes);
const PstRoute *pst_route_queue_get_routes   (guint *n_routes);
const PstRoute *pst_route_events_get_routes  (guint *n_routes);
const PstRoute *pst_route_consultations_get_routes (guint *n_routes);
const PstRoute *pst_route_public_get_routes  (guint *n_routes);
const PstRoute *pst_route_kb_get_routes      (guint *n_routes);

/* Deletes a batch of the events past their retention (the newest always
 * stays); the server runs it now and then.
 */
gboolean pst_route_events_prune (PstServer *server,
                                 guint     *out_deleted,
                                 GError   **error);

/* Every table above, one by one (NULL past the last): what the server
 * serves.
 */
const PstRoute *pst_routes_get_table (guint  index,
                                      guint *n_routes);

/* The WebSocket half of GET /events, run after a successful handshake. */
void pst_route_events_websocket (PstServer               *server,
                                 SoupServerMessage       *msg,
                                 SoupWebsocketConnection *connection);

G_END_DECLS
