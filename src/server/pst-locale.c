/* pst-locale.c: answering each request in the language it asks for.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "pst-i18n.h"
#include "pst-locale.h"

struct _PstLocaleScope
{
  locale_t previous;
};

static locale_t locales[PST_N_LANGS];

static locale_t
open_locale (const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      locale_t loc = newlocale (LC_ALL_MASK, names[i], (locale_t) 0);

      if (loc != (locale_t) 0)
        return loc;
    }

  return (locale_t) 0;
}

/* Binds the text domain and opens the Indonesian and English locales once.
 * A machine without the Indonesian locale answers in English and says so
 * in the log at start-up.
 */
void
pst_locale_init (const char *localedir)
{
  static const char *const id_names[] = { "id_ID.UTF-8", "id_ID.utf8", NULL };
  static const char *const en_names[] = { "en_US.UTF-8", "en_US.utf8", "C.UTF-8", NULL };

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (locales[PST_LANG_ID] == (locale_t) 0)
    locales[PST_LANG_ID] = open_locale (id_names);
  if (locales[PST_LANG_EN] == (locale_t) 0)
    locales[PST_LANG_EN] = open_locale (en_names);

  if (locales[PST_LANG_ID] == (locale_t) 0)
    g_warning ("The id_ID.UTF-8 locale is not installed; answering in English only");
}

/* Picks Indonesian or English from an Accept-Language header by quality;
 * English when neither is asked for.
 */
PstLang
pst_lang_from_accept_language (const char *header)
{
  g_auto(GStrv) ranges = NULL;
  PstLang best = PST_LANG_EN;
  double best_q = 0.0;

  if (header == NULL)
    return PST_LANG_EN;

  ranges = g_strsplit (header, ",", 16);
  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_autofree char *range = g_strstrip (g_strdup (ranges[i]));
      char *params = strchr (range, ';');
      double q = 1.0;
      PstLang lang;

      if (params != NULL)
        {
          const char *qs = strstr (params, "q=");

          *params = '\0';
          if (qs != NULL)
            q = g_ascii_strtod (qs + 2, NULL);
        }

      if (g_ascii_strncasecmp (range, "id", 2) == 0 && (range[2] == '\0' || range[2] == '-'))
        lang = PST_LANG_ID;
      else if (g_ascii_strncasecmp (range, "en", 2) == 0 && (range[2] == '\0' || range[2] == '-'))
        lang = PST_LANG_EN;
      else
        continue;

      if (q > best_q)
        {
          best = lang;
          best_q = q;
        }
    }

  return best;
}

PstLocaleScope *
pst_locale_scope_enter (PstLang lang)
{
  PstLocaleScope *scope = g_new0 (PstLocaleScope, 1);
  locale_t loc = locales[lang];

  scope->previous = (locale_t) 0;
  if (loc != (locale_t) 0)
    scope->previous = uselocale (loc);

  return scope;
}

void
pst_locale_scope_leave (PstLocaleScope *scope)
{
  if (scope == NULL)
    return;

  if (scope->previous != (locale_t) 0)
    uselocale (scope->previous);
  g_free (scope);
}
