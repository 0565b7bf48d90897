/* pst-format.c: how the app writes durations, times and domain names.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-format.h"

#include "pst-i18n.h"

/* A span of time in whole minutes, rounded down: "3 min", "1 h 20 min"
 * ("1 j 20 m" in Indonesian); "less than 1 min" below a minute. Negative
 * spans are written as their size.
 */
char *
pst_format_duration (gint64 duration_us)
{
  gint64 minutes;

  if (duration_us < 0)
    duration_us = duration_us == G_MININT64 ? G_MAXINT64 : -duration_us;

  minutes = duration_us / PST_USEC_PER_MINUTE;

  if (minutes < 1)
    /* Translators: A duration shorter than a minute. */
    return g_strdup (_("< 1 min"));

  if (minutes < 60)
    /* Translators: A duration in minutes, short: "3 min". */
    return g_strdup_printf (_("%d min"), (int) minutes);

  if (minutes % 60 == 0)
    /* Translators: A duration in whole hours, short: "2 h" (Indonesian "2 j"). */
    return g_strdup_printf (_("%d h"), (int) MIN (minutes / 60, G_MAXINT));

  /* Translators: A duration in hours and minutes, short: "1 h 20 min"
   * (Indonesian "1 j 20 m").
   */
  return g_strdup_printf (_("%d h %d min"),
                          (int) MIN (minutes / 60, G_MAXINT), (int) (minutes % 60));
}

/* A running clock in seconds, as a stopwatch shows it: "4:05", "1:02:09".
 * Negative spans are written as their size.
 */
char *
pst_format_countdown (gint64 remaining_us)
{
  gint64 seconds;

  if (remaining_us < 0)
    remaining_us = remaining_us == G_MININT64 ? G_MAXINT64 : -remaining_us;

  seconds = remaining_us / G_USEC_PER_SEC;

  if (seconds < 3600)
    return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d:%02d", (int) MIN (seconds / 3600, G_MAXINT),
                          (int) (seconds / 60 % 60), (int) (seconds % 60));
}

/* The time of day of @instant_us in @tz (the local zone if NULL), "08:15". */
char *
pst_format_time (gint64     instant_us,
                 GTimeZone *tz)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (instant_us == PST_TIME_UNSET)
    return g_strdup ("–");

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  dt = pst_time_to_date_time (instant_us, tz);
  if (dt == NULL)
    return g_strdup ("–");

  /* Translators: The time of day, a g_date_time_format() pattern. Indonesian
   * writes it with a period: "%H.%M" (08.15).
   */
  return g_date_time_format (dt, C_("time of day", "%H:%M"));
}

const char *
pst_format_service (PstService service)
{
  switch (service)
    {
    case PST_SERVICE_CONSULTATION:
      /* Translators: A walk-in service of the PST desk (tickets K-…). */
      return C_("service", "Consultation");
    case PST_SERVICE_LIBRARY:
      /* Translators: A walk-in service of the PST desk (tickets P-…). */
      return C_("service", "Library");
    case PST_SERVICE_SALES:
      /* Translators: A walk-in service of the PST desk: sales of
       * publications and data (tickets J-…).
       */
      return C_("service", "Sales");
    case PST_SERVICE_RECOMMENDATION:
      /* Translators: A walk-in service of the PST desk: recommendation of
       * a statistical activity (tickets R-…).
       */
      return C_("service", "Recommendation");
    case PST_N_SERVICES:
    default:
      break;
    }

  g_return_val_if_reached ("");
}

/* A ticket's status in lower case, to follow a number: "K-012, waiting". */
const char *
pst_format_ticket_status (PstTicketStatus status)
{
  switch (status)
    {
    case PST_TICKET_STATUS_WAITING:
      return C_("ticket status", "waiting");
    case PST_TICKET_STATUS_CALLED:
      return C_("ticket status", "called");
    case PST_TICKET_STATUS_SERVING:
      return C_("ticket status", "being served");
    case PST_TICKET_STATUS_DONE:
      return C_("ticket status", "done");
    case PST_TICKET_STATUS_NO_SHOW:
      /* Translators: Called, but the visitor did not come to the desk. */
      return C_("ticket status", "no-show");
    case PST_TICKET_STATUS_TRANSFERRED:
      /* Translators: Sent on to the queue of another service. */
      return C_("ticket status", "transferred");
    case PST_N_TICKET_STATUSES:
    default:
      break;
    }

  g_return_val_if_reached ("");
}

/* The topic of a consultation. */
const char *
pst_format_category (PstCategory category)
{
  switch (category)
    {
    case PST_CATEGORY_DATA:
      return C_("topic", "Data");
    case PST_CATEGORY_METADATA:
      return C_("topic", "Metadata");
    case PST_CATEGORY_CLASSIFICATION:
      /* Translators: Statistical classifications (KBLI, KBJI…). */
      return C_("topic", "Classification");
    case PST_CATEGORY_OTHER:
      return C_("topic", "Other");
    case PST_N_CATEGORIES:
    default:
      break;
    }

  g_return_val_if_reached ("");
}

/* The kind of identity document a visitor shows. */
const char *
pst_format_id_type (PstIdType id_type)
{
  switch (id_type)
    {
    case PST_ID_TYPE_KTP:
      /* Translators: The Indonesian identity card (Kartu Tanda Penduduk). */
      return C_("id type", "KTP (identity card)");
    case PST_ID_TYPE_SIM:
      /* Translators: The Indonesian driving licence (Surat Izin Mengemudi). */
      return C_("id type", "SIM (driving licence)");
    case PST_ID_TYPE_PASSPORT:
      return C_("id type", "Passport");
    case PST_ID_TYPE_OTHER:
      return C_("id type", "Other");
    case PST_N_ID_TYPES:
    default:
      break;
    }

  g_return_val_if_reached ("");
}

/* The channel a consultation came through. */
const char *
pst_format_channel (PstChannel channel)
{
  switch (channel)
    {
    case PST_CHANNEL_WEB:
      /* Translators: A consultation channel: the office's website form. */
      return C_("channel", "Web");
    case PST_CHANNEL_WHATSAPP:
      return C_("channel", "WhatsApp");
    case PST_CHANNEL_EMAIL:
      return C_("channel", "Email");
    case PST_CHANNEL_WALK_IN:
      /* Translators: A consultation channel: recorded at the desk. */
      return C_("channel", "Walk-in");
    case PST_CHANNEL_PHONE:
      return C_("channel", "Phone");
    case PST_N_CHANNELS:
    default:
      break;
    }

  g_return_val_if_reached ("");
}

/* Where a consultation stands, as a short phrase. */
const char *
pst_format_consultation_status (PstConsultationStatus status)
{
  switch (status)
    {
    case PST_CONSULTATION_STATUS_OPEN:
      /* Translators: A consultation no officer has answered yet. */
      return C_("consultation status", "New");
    case PST_CONSULTATION_STATUS_AWAITING_OFFICER:
      /* Translators: The requester wrote again; an officer should reply. */
      return C_("consultation status", "Needs reply");
    case PST_CONSULTATION_STATUS_AWAITING_REQUESTER:
      /* Translators: An officer answered; waiting for the requester. */
      return C_("consultation status", "Waiting for requester");
    case PST_CONSULTATION_STATUS_CLOSED:
      return C_("consultation status", "Closed");
    case PST_N_CONSULTATION_STATUSES:
    default:
      break;
    }

  g_return_val_if_reached ("");
}

/* How a consultation was closed. */
const char *
pst_format_resolution (PstResolution resolution)
{
  switch (resolution)
    {
    case PST_RESOLUTION_ANSWERED:
      return C_("resolution", "Answered");
    case PST_RESOLUTION_REFERRED:
      /* Translators: Closed by sending the requester to another office or agency. */
      return C_("resolution", "Referred elsewhere");
    case PST_RESOLUTION_NO_RESPONSE:
      /* Translators: Closed because the requester stopped replying. */
      return C_("resolution", "No response from the requester");
    case PST_RESOLUTION_DUPLICATE:
      /* Translators: Closed because the same question is asked in another consultation. */
      return C_("resolution", "Duplicate");
    case PST_N_RESOLUTIONS:
    default:
      break;
    }

  g_return_val_if_reached ("");
}

/* An instant as a message list shows it: the time of day for today,
 * "Mon 14 Jul, 08:15" otherwise ("Sen 14 Jul, 08.15").
 */
char *
pst_format_day_time (gint64     instant_us,
                     gint64     now_us,
                     GTimeZone *tz)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (instant_us == PST_TIME_UNSET)
    return g_strdup ("–");

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  dt = pst_time_to_date_time (instant_us, tz);
  now = pst_time_to_date_time (now_us, tz);
  if (dt == NULL)
    return g_strdup ("–");

  if (now != NULL && g_date_time_get_year (dt) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (dt) == g_date_time_get_day_of_year (now))
    return pst_format_time (instant_us, tz);

  /* Translators: A day and time, a g_date_time_format() pattern: "Mon 14 Jul,
   * 08:15". Indonesian: "%a %d %b, %H.%M".
   */
  return g_date_time_format (dt, C_("day and time", "%a %d %b, %H:%M"));
}

/* What is left of a deadline counted in working time: whole working days
 * while at least one is left ("2 working days", rounded down, so the
 * badge never promises more than there is), hours and minutes below
 * ("3 h 20 min"). @day_length_us is the service hours of a working day.
 */
char *
pst_format_working_time_left (gint64 remaining_us,
                              gint64 day_length_us)
{
  gint64 days;

  if (remaining_us < 0)
    remaining_us = 0;

  if (day_length_us <= 0 || remaining_us < day_length_us)
    return pst_format_duration (remaining_us);

  days = remaining_us / day_length_us;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: Time left before a deadline, in
                                        * working days ("2 hari kerja").
                                        */
                                       "%d working day", "%d working days",
                                       (gulong) MIN (days, G_MAXINT)),
                          (int) MIN (days, G_MAXINT));
}

/* How long ago a deadline passed: "overdue by 2 h 5 min", or in calendar
 * days from a day on ("overdue by 3 days").
 */
char *
pst_format_overdue (gint64 overdue_us)
{
  g_autofree char *span = NULL;

  if (overdue_us < 0)
    overdue_us = 0;

  if (overdue_us >= PST_USEC_PER_DAY)
    {
      gint64 days = overdue_us / PST_USEC_PER_DAY;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: A deadline passed this many
                                            * calendar days ago ("lewat 3 hari").
                                            */
                                           "overdue by %d day", "overdue by %d days",
                                           (gulong) MIN (days, G_MAXINT)),
                              (int) MIN (days, G_MAXINT));
    }

  span = pst_format_duration (overdue_us);
  /* Translators: A deadline passed this long ago: "overdue by 2 h 5 min". */
  return g_strdup_printf (_("overdue by %s"), span);
}
