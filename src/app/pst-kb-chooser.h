/* pst-kb-chooser.h: finding a knowledge-base article to put in a reply.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_KB_CHOOSER (pst_kb_chooser_get_type ())

G_DECLARE_FINAL_TYPE (PstKbChooser, pst_kb_chooser, PST, KB_CHOOSER, AdwWindow)

/* A modal dialog over @parent that searches the knowledge base (starting
 * with @query, which may be NULL) and lets the officer pick one article.
 * Signal `article-chosen (const char *id, const char *title, const char
 * *lang)` is emitted once when one is picked; the dialog then closes.
 * Show it with gtk_window_present().
 */
PstKbChooser *pst_kb_chooser_new (PstContext *context,
                                  GtkWindow  *parent,
                                  const char *query);

G_END_DECLS
