/* pst-time.h: instants as microseconds since the Unix epoch, UTC.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every instant in libpst is a gint64 count of microseconds since
 * 1970-01-01T00:00:00Z (as g_get_real_time() returns); time zones only
 * matter when an instant is shown or fed to a calendar rule.
 */

#define PST_USEC_PER_MINUTE (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))
#define PST_USEC_PER_HOUR   (PST_USEC_PER_MINUTE * 60)
#define PST_USEC_PER_DAY    (PST_USEC_PER_HOUR * 24)

gboolean   pst_time_parse_rfc3339      (const char *str,
                                        gint64     *out_us);
char      *pst_time_format_rfc3339     (gint64      us,
                                        GTimeZone  *tz);
GDateTime *pst_time_to_date_time       (gint64      us,
                                        GTimeZone  *tz);
gint64     pst_time_from_date_time     (GDateTime  *dt);
GTimeZone *pst_time_zone_new           (const char *identifier,
                                        GError    **error);

G_END_DECLS
