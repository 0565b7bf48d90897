/* pst-ticket-rules.c: the walk-in queue's state machine, numbers and wait.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-ticket-rules.h"

#include "pst-error.h"
#include "pst-i18n.h"
#include "pst-time.h"

/* A number has at least this many digits (K-001). */
#define NUMBER_MIN_DIGITS 3

static const char *const action_names[PST_N_TICKET_ACTIONS] = {
  "call", "start", "finish", "no_show", "recall", "requeue", "transfer",
};

typedef struct
{
  PstTicketStatus from;
  PstTicketAction action;
  PstTicketStatus to;
} Transition;

/* Every legal move; anything not here is refused. */
static const Transition transitions[] = {
  { PST_TICKET_STATUS_WAITING, PST_TICKET_ACTION_CALL, PST_TICKET_STATUS_CALLED },
  { PST_TICKET_STATUS_WAITING, PST_TICKET_ACTION_TRANSFER, PST_TICKET_STATUS_TRANSFERRED },
  { PST_TICKET_STATUS_CALLED, PST_TICKET_ACTION_START, PST_TICKET_STATUS_SERVING },
  { PST_TICKET_STATUS_CALLED, PST_TICKET_ACTION_NO_SHOW, PST_TICKET_STATUS_NO_SHOW },
  { PST_TICKET_STATUS_CALLED, PST_TICKET_ACTION_RECALL, PST_TICKET_STATUS_CALLED },
  { PST_TICKET_STATUS_CALLED, PST_TICKET_ACTION_REQUEUE, PST_TICKET_STATUS_WAITING },
  { PST_TICKET_STATUS_CALLED, PST_TICKET_ACTION_TRANSFER, PST_TICKET_STATUS_TRANSFERRED },
  { PST_TICKET_STATUS_SERVING, PST_TICKET_ACTION_FINISH, PST_TICKET_STATUS_DONE },
  { PST_TICKET_STATUS_SERVING, PST_TICKET_ACTION_TRANSFER, PST_TICKET_STATUS_TRANSFERRED },
  { PST_TICKET_STATUS_NO_SHOW, PST_TICKET_ACTION_RECALL, PST_TICKET_STATUS_CALLED },
  { PST_TICKET_STATUS_NO_SHOW, PST_TICKET_ACTION_REQUEUE, PST_TICKET_STATUS_WAITING },
  { PST_TICKET_STATUS_NO_SHOW, PST_TICKET_ACTION_TRANSFER, PST_TICKET_STATUS_TRANSFERRED },
};

static const Transition *
find_transition (PstTicketStatus from,
                 PstTicketAction action)
{
  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    {
      if (transitions[i].from == from && transitions[i].action == action)
        return &transitions[i];
    }

  return NULL;
}

/* Why @action cannot be done to a ticket that is @from, in words for the
 * officer at the desk.
 */
static const char *
conflict_message (PstTicketStatus from,
                  PstTicketAction action)
{
  switch (from)
    {
    case PST_TICKET_STATUS_WAITING:
      return _("This ticket has not been called yet; call it first");

    case PST_TICKET_STATUS_CALLED:
      if (action == PST_TICKET_ACTION_CALL)
        return _("This ticket has already been called; recall it to announce it again");
      return _("Start serving this ticket before finishing it");

    case PST_TICKET_STATUS_SERVING:
      if (action == PST_TICKET_ACTION_REQUEUE)
        return _("A ticket being served cannot go back to the queue; finish or transfer it");
      return _("This ticket is already being served");

    case PST_TICKET_STATUS_NO_SHOW:
      /* Translators: "recall" is the action that calls the ticket again. */
      return _("The visitor did not come when called; recall the ticket first");

    case PST_TICKET_STATUS_DONE:
      return _("This ticket is already finished");

    case PST_TICKET_STATUS_TRANSFERRED:
      return _("This ticket was transferred to another service; use its new ticket");

    case PST_N_TICKET_STATUSES:
    default:
      break;
    }

  g_assert_not_reached ();
  return NULL;
}

const char *
pst_ticket_action_to_string (PstTicketAction action)
{
  g_return_val_if_fail ((guint) action < PST_N_TICKET_ACTIONS, NULL);

  return action_names[action];
}

gboolean
pst_ticket_action_from_string (const char      *str,
                               PstTicketAction *out_action)
{
  for (guint i = 0; str != NULL && i < PST_N_TICKET_ACTIONS; i++)
    {
      if (g_str_equal (str, action_names[i]))
        {
          if (out_action != NULL)
            *out_action = (PstTicketAction) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Sets *@out_to to the status @action leads to from @from, or fails with
 * PST_ERROR_CONFLICT when the queue does not allow it.
 */
gboolean
pst_ticket_transition (PstTicketStatus   from,
                       PstTicketAction   action,
                       PstTicketStatus  *out_to,
                       GError          **error)
{
  const Transition *transition;

  g_return_val_if_fail ((guint) from < PST_N_TICKET_STATUSES, FALSE);
  g_return_val_if_fail ((guint) action < PST_N_TICKET_ACTIONS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  transition = find_transition (from, action);
  if (transition == NULL)
    {
      g_set_error_literal (error, PST_ERROR, PST_ERROR_CONFLICT,
                           conflict_message (from, action));
      return FALSE;
    }

  if (out_to != NULL)
    *out_to = transition->to;
  return TRUE;
}

gboolean
pst_ticket_action_is_allowed (PstTicketStatus from,
                              PstTicketAction action)
{
  g_return_val_if_fail ((guint) from < PST_N_TICKET_STATUSES, FALSE);
  g_return_val_if_fail ((guint) action < PST_N_TICKET_ACTIONS, FALSE);

  return find_transition (from, action) != NULL;
}

gboolean
pst_ticket_status_is_final (PstTicketStatus status)
{
  g_return_val_if_fail ((guint) status < PST_N_TICKET_STATUSES, FALSE);

  return status == PST_TICKET_STATUS_DONE || status == PST_TICKET_STATUS_TRANSFERRED;
}

char *
pst_ticket_format_number (PstService service,
                          guint      n)
{
  g_return_val_if_fail ((guint) service < PST_N_SERVICES, NULL);
  g_return_val_if_fail (n > 0, NULL);

  return g_strdup_printf ("%c-%0*u", pst_service_ticket_prefix (service), NUMBER_MIN_DIGITS, n);
}

gboolean
pst_ticket_parse_number (const char *number,
                         PstService *out_service,
                         guint      *out_n)
{
  g_autofree char *canonical = NULL;
  guint64 n;
  int service = -1;

  if (number == NULL || number[0] == '\0' || number[1] != '-')
    return FALSE;

  for (int i = 0; i < PST_N_SERVICES; i++)
    {
      if (pst_service_ticket_prefix ((PstService) i) == number[0])
        service = i;
    }
  if (service < 0)
    return FALSE;

  for (const char *p = number + 2; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  if (!g_ascii_string_to_unsigned (number + 2, 10, 1, G_MAXUINT, &n, NULL))
    return FALSE;

  /* Only the form pst_ticket_format_number() writes: no K-01, no K-0001. */
  canonical = pst_ticket_format_number ((PstService) service, (guint) n);
  if (!g_str_equal (canonical, number))
    return FALSE;

  if (out_service != NULL)
    *out_service = (PstService) service;
  if (out_n != NULL)
    *out_n = (guint) n;
  return TRUE;
}

gint64
pst_ticket_wait_start (gint64   issued_us,
                       gboolean has_previous,
                       gint64   previous_finished_us)
{
  g_return_val_if_fail (issued_us != PST_TICKET_NO_TIME, PST_TICKET_NO_TIME);

  if (!has_previous)
    return issued_us;

  if (previous_finished_us == PST_TICKET_NO_TIME)
    return PST_TICKET_NO_TIME;

  return MAX (issued_us, previous_finished_us);
}

/* When a ticket whose wait started at @wait_start_us must have been
 * called: plain elapsed minutes, as DOMAIN.md says of minute targets.
 */
gint64
pst_ticket_wait_due (gint64 wait_start_us,
                     guint  target_minutes)
{
  if (wait_start_us == PST_TICKET_NO_TIME)
    return PST_TICKET_NO_TIME;

  return wait_start_us + (gint64) target_minutes * PST_USEC_PER_MINUTE;
}
