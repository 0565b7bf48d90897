/* test-paths.c: where the programs find their data and translations.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-paths.h"

static void
test_environment_first (void)
{
  g_setenv ("PST_DATA_DIR", "/somewhere/data", TRUE);
  g_setenv ("PST_LOCALE_DIR", "/somewhere/locale", TRUE);

  g_assert_cmpstr (pst_paths_get_data_dir (), ==, "/somewhere/data");
  g_assert_cmpstr (pst_paths_get_locale_dir (), ==, "/somewhere/locale");
}

/* Not installed (the tests run from the build folder): the source tree's
 * data and the build's translations, unless an installed copy exists.
 */
static void
test_uninstalled (void)
{
  g_autofree char *installed_holidays = g_build_filename (PKGDATADIR, "holidays", NULL);
  g_autofree char *installed_catalogue = g_build_filename (LOCALEDIR, "id", "LC_MESSAGES",
                                                           GETTEXT_PACKAGE ".mo", NULL);

  g_unsetenv ("PST_DATA_DIR");
  g_unsetenv ("PST_LOCALE_DIR");

  if (g_file_test (installed_holidays, G_FILE_TEST_EXISTS))
    g_assert_cmpstr (pst_paths_get_data_dir (), ==, PKGDATADIR);
  else
    g_assert_cmpstr (pst_paths_get_data_dir (), ==, PST_SOURCE_DATADIR);

  if (g_file_test (installed_catalogue, G_FILE_TEST_EXISTS))
    g_assert_cmpstr (pst_paths_get_locale_dir (), ==, LOCALEDIR);
  else
    g_assert_cmpstr (pst_paths_get_locale_dir (), ==, PST_BUILD_LOCALEDIR);

  /* An empty variable counts as unset. */
  g_setenv ("PST_DATA_DIR", "", TRUE);
  g_assert_cmpstr (pst_paths_get_data_dir (), !=, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paths/environment-first", test_environment_first);
  g_test_add_func ("/paths/uninstalled", test_uninstalled);

  return g_test_run ();
}
