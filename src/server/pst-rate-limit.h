/* pst-rate-limit.h: slowing down password guessing.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pst-clock.h"

G_BEGIN_DECLS

typedef struct _PstRateLimit PstRateLimit;

PstRateLimit *pst_rate_limit_new           (PstClock     *clock,
                                            guint         max_failures,
                                            gint64        window_us);
void          pst_rate_limit_free          (PstRateLimit *self);
gboolean      pst_rate_limit_is_blocked    (PstRateLimit *self,
                                            const char   *key,
                                            gint64       *out_retry_after_us);
void          pst_rate_limit_add_failure   (PstRateLimit *self,
                                            const char   *key);
void          pst_rate_limit_reset         (PstRateLimit *self,
                                            const char   *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstRateLimit, pst_rate_limit_free)

G_END_DECLS
