/* pst-ticket-row.h: one ticket in a list of the queue page.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_TICKET_ROW (pst_ticket_row_get_type ())

G_DECLARE_FINAL_TYPE (PstTicketRow, pst_ticket_row, PST, TICKET_ROW, AdwBin)

GtkWidget     *pst_ticket_row_new          (PstContext    *context,
                                            gboolean       prominent);
PstTicketItem *pst_ticket_row_get_item     (PstTicketRow  *self);
void           pst_ticket_row_set_item     (PstTicketRow  *self,
                                            PstTicketItem *item);
void           pst_ticket_row_update_clock (PstTicketRow  *self,
                                            gint64         now_us,
                                            gint64         wait_due_us,
                                            gboolean       head_of_line);

G_END_DECLS
