/* pst-event-hub.h: fanning events out to WebSocket clients.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "pst-authz.h"
#include "pst-metrics.h"

G_BEGIN_DECLS

typedef struct _PstEventHub PstEventHub;

PstEventHub *pst_event_hub_new           (PstMetrics              *metrics,
                                          guint                    ping_interval_s);
void         pst_event_hub_free          (PstEventHub             *self);
void         pst_event_hub_add_client    (PstEventHub             *self,
                                          SoupWebsocketConnection *connection,
                                          const PstPrincipal      *principal,
                                          gint64                   last_seq);
void         pst_event_hub_publish       (PstEventHub             *self,
                                          gint64                   seq,
                                          const char              *office,
                                          const char              *type,
                                          const char              *frame);
void         pst_event_hub_revoke_token  (PstEventHub             *self,
                                          const char              *token_hash);
void         pst_event_hub_close_token   (PstEventHub             *self,
                                          const char              *token_hash);
void         pst_event_hub_keep_revocations (PstEventHub          *self);
GPtrArray   *pst_event_hub_take_revocations (PstEventHub          *self);
void         pst_event_hub_close_all     (PstEventHub             *self);
guint        pst_event_hub_get_n_clients (PstEventHub             *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstEventHub, pst_event_hub_free)

G_END_DECLS
