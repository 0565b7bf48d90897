/* pst-kb-page.h: the knowledge base: search, read and edit articles.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_KB_PAGE (pst_kb_page_get_type ())

G_DECLARE_FINAL_TYPE (PstKbPage, pst_kb_page, PST, KB_PAGE, AdwBin)

GtkWidget *pst_kb_page_new (PstContext *context);

G_END_DECLS
