/* pst-ticket-rules.h: the walk-in queue's state machine, numbers and wait.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pst-enums.h"

G_BEGIN_DECLS

/* What an officer does to a ticket; the wire names are "call", "start",
 * "finish", "no_show", "recall", "requeue" and "transfer".
 *
 *   waiting  --call-->     called
 *   called   --start-->    serving
 *   called   --no_show-->  no_show
 *   called   --recall-->   called     (announced again)
 *   no_show  --recall-->   called
 *   serving  --finish-->   done
 *   called, no_show  --requeue-->  waiting
 *   waiting, called, serving, no_show  --transfer-->  transferred
 *
 * Done and transferred are final. A transfer ends the ticket in its
 * service; the visitor gets a new waiting ticket, numbered in the other
 * service's queue, which keeps the old ticket's history (its guest book
 * and events) by reference. Any other pair is refused with
 * PST_ERROR_CONFLICT and a localized message.
 */
typedef enum
{
  PST_TICKET_ACTION_CALL,
  PST_TICKET_ACTION_START,
  PST_TICKET_ACTION_FINISH,
  PST_TICKET_ACTION_NO_SHOW,
  PST_TICKET_ACTION_RECALL,
  PST_TICKET_ACTION_REQUEUE,
  PST_TICKET_ACTION_TRANSFER,
  PST_N_TICKET_ACTIONS
} PstTicketAction;

const char *pst_ticket_action_to_string   (PstTicketAction   action);
gboolean    pst_ticket_action_from_string (const char       *str,
                                           PstTicketAction  *out_action);

gboolean    pst_ticket_transition         (PstTicketStatus   from,
                                           PstTicketAction   action,
                                           PstTicketStatus  *out_to,
                                           GError          **error);
gboolean    pst_ticket_action_is_allowed  (PstTicketStatus   from,
                                           PstTicketAction   action);
gboolean    pst_ticket_status_is_final    (PstTicketStatus   status);

/* Ticket numbers are the service's prefix, a hyphen and the day's
 * sequence number from 1 with at least 3 digits: K-001, P-012, R-1000.
 * Parsing accepts exactly that form and nothing else.
 */
char       *pst_ticket_format_number      (PstService        service,
                                           guint             n);
gboolean    pst_ticket_parse_number       (const char       *number,
                                           PstService       *out_service,
                                           guint            *out_n);

/* An instant that has not come yet: a previous ticket not finished, a
 * wait clock not started.
 */
#define PST_TICKET_NO_TIME G_MININT64

/* When the wait target's clock starts for a ticket issued at @issued_us.
 * The previous ticket is the one just before it in the same queue
 * (office, day and service); the clock starts when that visitor left the
 * desk (@previous_finished_us: finished, or marked no-show, or
 * transferred), but never before this ticket was issued. Without a
 * previous ticket it starts at issue. While the previous ticket is still
 * waiting, called or being served (pass PST_TICKET_NO_TIME) the clock has
 * not started and PST_TICKET_NO_TIME is returned; pst_ticket_wait_due()
 * passes it through.
 */
gint64      pst_ticket_wait_start         (gint64            issued_us,
                                           gboolean          has_previous,
                                           gint64            previous_finished_us);
gint64      pst_ticket_wait_due           (gint64            wait_start_us,
                                           guint             target_minutes);

G_END_DECLS
