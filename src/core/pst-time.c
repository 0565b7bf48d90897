/* pst-time.c: instants as microseconds since the Unix epoch, UTC.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-error.h"
#include "pst-i18n.h"
#include "pst-time.h"

#include <string.h>

static gboolean
has_digits (const char *str,
            size_t      n)
{
  /* Stops at the terminating nul, which is not a digit. */
  for (size_t i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (str[i]))
        return FALSE;
    }

  return TRUE;
}

/* Whether @str has RFC 3339's shape, `YYYY-MM-DDTHH:MM:SS[.frac]` then `Z`
 * or `±HH:MM`. GLib's ISO 8601 parser, which checks the ranges, would also
 * take forms RFC 3339 does not have (`T030405`, `,5`, `+07`, `+24:00`).
 */
static gboolean
has_rfc3339_shape (const char *str)
{
  const char *p = str;

  if (!has_digits (p, 4) || p[4] != '-' || !has_digits (p + 5, 2) || p[7] != '-' ||
      !has_digits (p + 8, 2) || (p[10] != 'T' && p[10] != 't'))
    return FALSE;

  p += 11;
  if (!has_digits (p, 2) || p[2] != ':' || !has_digits (p + 3, 2) || p[5] != ':' ||
      !has_digits (p + 6, 2))
    return FALSE;

  p += 8;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (*p == 'Z' || *p == 'z')
    return p[1] == '\0';

  if ((*p == '+' || *p == '-') && has_digits (p + 1, 2) && p[3] == ':' &&
      has_digits (p + 4, 2) && p[6] == '\0')
    return (p[1] - '0') * 10 + (p[2] - '0') <= 23;

  return FALSE;
}

/* Parses an RFC 3339 instant with an explicit offset (`Z` or `±HH:MM`);
 * a local time without an offset is ambiguous and refused.
 */
gboolean
pst_time_parse_rfc3339 (const char *str,
                        gint64     *out_us)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *upper = NULL;
  size_t len;

  g_return_val_if_fail (out_us != NULL, FALSE);

  if (str == NULL || !has_rfc3339_shape (str))
    return FALSE;

  /* RFC 3339 allows a lowercase `z`; GLib does not. */
  len = strlen (str);
  if (str[len - 1] == 'z')
    {
      upper = g_strdup (str);
      upper[len - 1] = 'Z';
      str = upper;
    }

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
