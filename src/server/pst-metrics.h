/* pst-metrics.h: counters for /metrics in Prometheus text format.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PstMetrics PstMetrics;

PstMetrics *pst_metrics_new                   (void);
void        pst_metrics_free                  (PstMetrics *self);
void        pst_metrics_observe_request       (PstMetrics *self,
                                               const char *route,
                                               guint       status,
                                               gint64      duration_us);
void        pst_metrics_set_websocket_clients (PstMetrics *self,
                                               guint       clients);
void        pst_metrics_add_websocket_clients (PstMetrics *self,
                                               int         delta);
void        pst_metrics_add_events            (PstMetrics *self,
                                               guint64     events);
void        pst_metrics_add_events_sent       (PstMetrics *self,
                                               guint64     frames);
char       *pst_metrics_render                (PstMetrics *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstMetrics, pst_metrics_free)

G_END_DECLS
