/* pst-i18n.h: gettext for libpst and everything built on it.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libintl.h>

/* _() and C_() call gettext directly instead of g_dgettext(). GLib decides
 * once, from the process locale, whether to translate at all; pst-server
 * answers each request in its own language under a thread locale
 * (uselocale()), which that shortcut would ignore.
 */
#undef _
#define _(String) ((char *) dgettext (GETTEXT_PACKAGE, String))

#undef C_
#define C_(Context, String) pst_dpgettext2 (Context, String)

/* The translation of @msgid in @context, as g_dpgettext2() but without
 * its process-wide shortcut.
 */
static inline const char *
pst_dpgettext2 (const char *context,
                const char *msgid)
{
  g_autofree char *context_id = g_strconcat (context, "\004", msgid, NULL);
  const char *translation = dgettext (GETTEXT_PACKAGE, context_id);

  return translation == context_id ? msgid : translation;
}
