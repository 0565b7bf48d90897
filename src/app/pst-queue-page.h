/* pst-queue-page.h: the live walk-in queue.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_QUEUE_PAGE (pst_queue_page_get_type ())

G_DECLARE_FINAL_TYPE (PstQueuePage, pst_queue_page, PST, QUEUE_PAGE, AdwBin)

GtkWidget *pst_queue_page_new (PstContext *context);

G_END_DECLS
