/* main.c: pst-desk's entry point: the language, then the application.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-application.h"
#include "pst-core.h"
#include "pst-i18n.h"

#include <gtk/gtk.h>
#include <locale.h>

/* Locales to switch to for a language preference, best first. gettext
 * ignores LANGUAGE while the messages locale is C or POSIX, so a real
 * locale is needed; when the language's own is not installed, any other
 * real locale still lets LANGUAGE choose the translation.
 */
static const char *const indonesian_locales[] = {
  "id_ID.UTF-8", "id_ID.utf8", "id_ID", "en_US.UTF-8", "en_GB.UTF-8", "C.UTF-8", NULL
};
static const char *const english_locales[] = {
  "en_US.UTF-8", "en_US.utf8", "en_GB.UTF-8", "en_GB.utf8", "C.UTF-8", NULL
};

/* The settings of the app, or NULL when their schema is not installed
 * (g_settings_new() would abort).
 */
static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, PST_APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/* Applies the `language` setting ("system", "id" or "en") to the process
 * before GTK starts, so every string, GTK's own included, follows it.
 */
static void
apply_language (GSettings *settings)
{
  g_autofree char *language = g_settings_get_string (settings, "language");
  const char *const *candidates;
  const char *messages_locale;

  if (g_strcmp0 (language, "id") == 0)
    candidates = indonesian_locales;
  else if (g_strcmp0 (language, "en") == 0)
    candidates = english_locales;
  else
    return;

  g_setenv ("LANGUAGE", language, TRUE);

  messages_locale = setlocale (LC_MESSAGES, NULL);
  if (messages_locale != NULL && g_str_has_prefix (messages_locale, language))
    return;

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      if (setlocale (LC_ALL, candidates[i]) != NULL)
        return;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(PstApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, pst_paths_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  settings = open_settings ();
  if (settings == NULL)
    {
      g_printerr (_("pst-desk: the settings schema %s is not installed. Install PST Desk, or "
                    "set GSETTINGS_SCHEMA_DIR to the data folder of its build.\n"),
                  PST_APP_ID);
      return 1;
    }
  apply_language (settings);
  g_clear_object (&settings);

  /* Only now: GLib decides once, at its first g_dgettext() (reading the
   * settings may well make one), whether to translate GTK's and
   * libadwaita's own strings, and it says no when the default domain has
   * no catalogue for the locale of that moment, before the language above
   * was applied.
   */
  textdomain (GETTEXT_PACKAGE);

  /* The locale is chosen above; GTK must not reset it from the environment. */
  gtk_disable_setlocale ();

  app = pst_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
