/* pst-kb-search-view.h: searching the knowledge base as one types.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_KB_SEARCH_VIEW (pst_kb_search_view_get_type ())

G_DECLARE_FINAL_TYPE (PstKbSearchView, pst_kb_search_view, PST, KB_SEARCH_VIEW, AdwBin)

/* A search entry, a language filter and the list of articles found, with
 * their highlighted snippets. The search runs on the server as the officer
 * types (after a short pause, each keystroke cancelling the search before
 * it); errors show in the view, never in a dialog.
 *
 * Signals: `article-selected (const char *id, const char *title, const
 * char *lang)` when the selected result changes (all NULL when none is
 * selected), and `article-activated (id, title, lang)` when a result is
 * activated (double click or Enter on it).
 */
GtkWidget  *pst_kb_search_view_new                 (PstContext      *context);
/* Puts @query in the entry and searches for it now. */
void        pst_kb_search_view_set_query           (PstKbSearchView *self,
                                                    const char      *query);
/* The text in the entry, stripped. */
char       *pst_kb_search_view_get_query           (PstKbSearchView *self);
/* Runs the current search again (after an article changed). */
void        pst_kb_search_view_refresh             (PstKbSearchView *self);
void        pst_kb_search_view_focus_entry         (PstKbSearchView *self);
/* Typing on @widget goes to the search entry. */
void        pst_kb_search_view_set_key_capture_widget (PstKbSearchView *self,
                                                    GtkWidget       *widget);
/* Adds @widget at the end of the row of the entry (e.g. a button). */
void        pst_kb_search_view_add_action          (PstKbSearchView *self,
                                                    GtkWidget       *widget);
/* The selected result's id, or NULL. */
const char *pst_kb_search_view_get_selected_id     (PstKbSearchView *self);
const char *pst_kb_search_view_get_selected_title  (PstKbSearchView *self);
const char *pst_kb_search_view_get_selected_lang   (PstKbSearchView *self);
/* Forgets the selection (the article was deleted, or the view goes back). */
void        pst_kb_search_view_unselect            (PstKbSearchView *self);

G_END_DECLS
