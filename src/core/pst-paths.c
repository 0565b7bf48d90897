/* pst-paths.c: where the programs find their data and translations.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-paths.h"

/* Each path is, in order: the environment's (PST_DATA_DIR, PST_LOCALE_DIR:
 * tests and development), the installed one, or, for a program run from
 * its build folder without being installed, the source tree's data and
 * the build's compiled translations.
 */

static const char *
choose (const char *env_name,
        const char *installed,
        const char *probe,
        const char *uninstalled)
{
  const char *from_env = g_getenv (env_name);
  g_autofree char *probe_path = NULL;

  if (from_env != NULL && *from_env != '\0')
    return from_env;

  probe_path = g_build_filename (installed, probe, NULL);
  if (!g_file_test (probe_path, G_FILE_TEST_EXISTS) && g_file_test (uninstalled, G_FILE_TEST_IS_DIR))
    return uninstalled;

  return installed;
}

const char *
pst_paths_get_data_dir (void)
{
  return choose ("PST_DATA_DIR", PKGDATADIR, "holidays", PST_SOURCE_DATADIR);
}

const char *
pst_paths_get_locale_dir (void)
{
  return choose ("PST_LOCALE_DIR", LOCALEDIR, "id/LC_MESSAGES/" GETTEXT_PACKAGE ".mo",
                 PST_BUILD_LOCALEDIR);
}
