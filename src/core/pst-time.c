/* pst-time.c: instants as microseconds since the Unix epoch, UTC.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-error.h"
#include "pst-i18n.h"
#include "pst-time.h"

/* Parses an RFC 3339 instant with an explicit offset (`Z` or `±HH:MM`);
 * a local time without an offset is ambiguous and refused.
 */
gboolean
pst_time_parse_rfc3339 (const char *str,
                        gint64     *out_us)
{
  g_autoptr(GDateTime) dt = NULL;
  size_t len;

  g_return_val_if_fail (out_us != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  len = strlen (str);
  /* 2026-01-02T03:04:05Z is the shortest valid form. */
  if (len < 20 || str[4] != '-' || str[7] != '-' || (str[10] != 'T' && str[10] != 't'))
    return FALSE;
  if (str[len - 1] != 'Z' && str[len - 1] != 'z' && str[len - 6] != '+' && str[len - 6] != '-')
    return FALSE;

  dt = g_date_time_new_from_iso8601 (str, NULL);
  if (dt == NULL)
    return FALSE;

  *out_us = pst_time_from_date_time (dt);
  return TRUE;
}

/* Formats @us in @tz (UTC with a `Z` when @tz is NULL), with a fraction of
 * a second only when there is one.
 */
char *
pst_time_format_rfc3339 (gint64     us,
                         GTimeZone *tz)
{
  g_autoptr(GDateTime) dt = pst_time_to_date_time (us, tz);
  g_autofree char *base = NULL;
  g_autofree char *offset = NULL;
  int frac = (int) (us % G_USEC_PER_SEC);

  g_return_val_if_fail (dt != NULL, NULL);

  if (frac < 0)
    frac += G_USEC_PER_SEC;

  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  if (tz == NULL)
    offset = g_strdup ("Z");
  else
    offset = g_date_time_format (dt, "%:z");

  if (frac == 0)
    return g_strconcat (base, offset, NULL);

  return g_strdup_printf ("%s.%06d%s", base, frac, offset);
}

GDateTime *
pst_time_to_date_time (gint64     us,
                       GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  gint64 secs = us / G_USEC_PER_SEC;
  gint64 frac = us % G_USEC_PER_SEC;

  if (frac < 0)
    {
      frac += G_USEC_PER_SEC;
      secs -= 1;
    }

  utc = g_date_time_new_from_unix_utc (secs);
  if (utc == NULL)
    return NULL;

  if (frac != 0)
    {
      GDateTime *with_frac = g_date_time_add (utc, frac);
      g_date_time_unref (utc);
      utc = with_frac;
    }

  if (tz == NULL)
    return g_steal_pointer (&utc);

  return g_date_time_to_timezone (utc, tz);
}

gint64
pst_time_from_date_time (GDateTime *dt)
{
  g_return_val_if_fail (dt != NULL, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

/* Loads an IANA zone such as `Asia/Makassar`. GLib silently falls back to
 * UTC for an unknown identifier; this reports it instead.
 */
GTimeZone *
pst_time_zone_new (const char *identifier,
                   GError    **error)
{
  GTimeZone *tz;

  if (identifier == NULL || *identifier == '\0')
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   _("A time zone is required"));
      return NULL;
    }

  tz = g_time_zone_new_identifier (identifier);
  if (tz == NULL)
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   _("Unknown time zone “%s”"), identifier);
      return NULL;
    }

  return tz;
}
