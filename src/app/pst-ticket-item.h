/* pst-ticket-item.h: one queue ticket in the app's list models.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pst-core.h"

G_BEGIN_DECLS

#define PST_TYPE_TICKET_ITEM (pst_ticket_item_get_type ())

G_DECLARE_FINAL_TYPE (PstTicketItem, pst_ticket_item, PST, TICKET_ITEM, GObject)

/* The item between the model and a row: it holds the ticket as the server
 * (or the outbox, while pending) last described it, and notifies each
 * property that changes when a newer description is set, so rows update
 * in place instead of being rebuilt.
 */
PstTicketItem   *pst_ticket_item_new         (const PstTicket *ticket);
const PstTicket *pst_ticket_item_get_ticket  (PstTicketItem   *self);
void             pst_ticket_item_set_ticket  (PstTicketItem   *self,
                                              const PstTicket *ticket);
const char      *pst_ticket_item_get_id      (PstTicketItem   *self);
const char      *pst_ticket_item_get_number  (PstTicketItem   *self);
PstService       pst_ticket_item_get_service (PstTicketItem   *self);
PstTicketStatus  pst_ticket_item_get_status  (PstTicketItem   *self);
gint64           pst_ticket_item_get_wait_due (PstTicketItem  *self);
gboolean         pst_ticket_item_get_pending (PstTicketItem   *self);
void             pst_ticket_item_set_pending (PstTicketItem   *self,
                                              gboolean         pending);

G_END_DECLS
