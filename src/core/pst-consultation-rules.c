/* pst-consultation-rules.c: the deadlines of a consultation and its badge.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-consultation-rules.h"

#include "pst-time.h"

/* DOMAIN.md's clocks, as pure functions of the office's calendar and
 * standard:
 * - first response: web (and walk-in or phone threads an officer records)
 *   within the office's web target; WhatsApp and email within their own
 *   targets when the office has one (7604: 1 and 3 working days), the web
 *   target otherwise;
 * - idle close: counted from the last officer message while the thread
 *   waits for the requester, in calendar days (T + N × 24 h) or working
 *   days (7325: 3, closed automatically);
 * - the badge follows the first-response clock, the officers' obligation:
 *   `ok`, `warning` with less than 20 % of the window left, `breached`
 *   once it is due. An answered or closed consultation is `ok`.
 */

/**
 * pst_consultation_response_working_days:
 *
 * Returns: the first-response target of @channel, in working days.
 */
guint
pst_consultation_response_working_days (const PstStandard *standard,
                                        PstChannel         channel)
{
  int days;

  g_return_val_if_fail (standard != NULL, 3);

  days = standard->web_response_working_days;
  if (channel == PST_CHANNEL_WHATSAPP && standard->whatsapp_first_response_working_days > 0)
    days = standard->whatsapp_first_response_working_days;
  else if (channel == PST_CHANNEL_EMAIL && standard->email_response_working_days > 0)
    days = standard->email_response_working_days;

  return days > 0 ? (guint) days : 3;
}

/**
 * pst_consultation_first_response_due:
 *
 * Returns: the instant the first officer answer to a consultation
 *   received on @channel at @received_at is due.
 */
gint64
pst_consultation_first_response_due (PstCalendar       *calendar,
                                     const PstStandard *standard,
                                     PstChannel         channel,
                                     gint64             received_at)
{
  g_autoptr(PstDeadline) deadline = NULL;

  g_return_val_if_fail (PST_IS_CALENDAR (calendar), PST_TIME_UNSET);
  g_return_val_if_fail (standard != NULL, PST_TIME_UNSET);

  deadline = pst_calendar_deadline_working_days (calendar, received_at,
                                                 pst_consultation_response_working_days (standard,
                                                                                         channel));
  return deadline->due_us;
}

/**
 * pst_consultation_idle_close_at:
 *
 * Returns: when a consultation whose last officer message was at
 *   @last_officer_at is closed if the requester does not reply.
 */
gint64
pst_consultation_idle_close_at (PstCalendar       *calendar,
                                const PstStandard *standard,
                                gint64             last_officer_at)
{
  g_autoptr(PstDeadline) deadline = NULL;
  guint amount;

  g_return_val_if_fail (PST_IS_CALENDAR (calendar), PST_TIME_UNSET);
  g_return_val_if_fail (standard != NULL, PST_TIME_UNSET);

  amount = standard->idle_close_amount > 0 ? (guint) standard->idle_close_amount : 7;
  if (standard->idle_close_unit == PST_DURATION_UNIT_WORKING_DAYS)
    deadline = pst_calendar_deadline_working_days (calendar, last_officer_at, amount);
  else
    deadline = pst_deadline_days (last_officer_at, amount);

  return deadline->due_us;
}

/**
 * pst_consultation_idle_close_for_status:
 * @status_since: when the consultation entered @status (the last officer
 *   message for `awaiting_requester`)
 * @current: the idle-close instant stored so far, or %PST_TIME_UNSET
 *
 * Recomputes the idle-close instant when the status changes: only a
 * consultation waiting for the requester counts down to closing.
 *
 * Returns: the new idle-close instant, or %PST_TIME_UNSET
 */
gint64
pst_consultation_idle_close_for_status (PstCalendar          *calendar,
                                        const PstStandard    *standard,
                                        PstConsultationStatus status,
                                        gint64                status_since,
                                        gint64                current)
{
  g_return_val_if_fail (PST_IS_CALENDAR (calendar), PST_TIME_UNSET);
  g_return_val_if_fail (standard != NULL, PST_TIME_UNSET);

  if (status != PST_CONSULTATION_STATUS_AWAITING_REQUESTER)
    return PST_TIME_UNSET;

  if (status_since == PST_TIME_UNSET)
    return current;

  return pst_consultation_idle_close_at (calendar, standard, status_since);
}

/**
 * pst_consultation_sla_state:
 *
 * Returns: the badge of a consultation at @now.
 */
PstBadgeState
pst_consultation_sla_state (PstCalendar          *calendar,
                            PstConsultationStatus status,
                            gint64                created_at,
                            gint64                first_response_due,
                            gint64                first_response_at,
                            gint64                now)
{
  PstDeadline deadline = { created_at, first_response_due, PST_DEADLINE_WORKING };

  g_return_val_if_fail (PST_IS_CALENDAR (calendar), PST_BADGE_OK);

  if (status == PST_CONSULTATION_STATUS_CLOSED || first_response_at != PST_TIME_UNSET ||
      first_response_due == PST_TIME_UNSET)
    return PST_BADGE_OK;

  return pst_calendar_deadline_state (calendar, &deadline, now);
}

/* ok < warning < breached, for "crossed into a worse state" checks. */
int
pst_badge_state_rank (PstBadgeState state)
{
  switch (state)
    {
    case PST_BADGE_WARNING:
      return 1;
    case PST_BADGE_BREACHED:
      return 2;
    case PST_BADGE_OK:
    case PST_N_BADGES:
    default:
      return 0;
    }
}
