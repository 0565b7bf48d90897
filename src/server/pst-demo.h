/* pst-demo.h: the demo data of `pst-server --demo`.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pst-core.h"

G_BEGIN_DECLS

/* The walk-in part of the demo: a realistic morning of tickets in every
 * state for each seeded office. Called by pst_server_seed_demo() inside
 * its transaction, after the offices and accounts exist.
 */
gboolean pst_demo_seed_queue (PstStore  *store,
                              PstClock  *clock,
                              GError   **error);

/* The online part of the demo: open consultations in every badge state
 * (ok, warning, breached), unassigned and assigned, on each office's
 * channels. Called by pst_server_seed_demo() after the queue.
 */
gboolean pst_demo_seed_consultations (PstStore  *store,
                                      PstClock  *clock,
                                      GError   **error);

/* The knowledge base of the demo: every data/kb/seed-*.json imported as
 * national articles (pst-demo-kb.c). Called by pst_server_seed_demo()
 * after the consultations.
 */
gboolean pst_demo_seed_kb (PstStore  *store,
                           PstClock  *clock,
                           GError   **error);

G_END_DECLS
