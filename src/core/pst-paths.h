/* pst-paths.h: where the programs find their data and translations.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *pst_paths_get_data_dir   (void);
const char *pst_paths_get_locale_dir (void);

G_END_DECLS
