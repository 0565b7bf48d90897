/* pst-kb-search.h: full-text search of the knowledge base.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pst-enums.h"
#include "pst-store.h"

G_BEGIN_DECLS

/* One article found. @snippet is a piece of the body with the matched
 * words between the caller's markers; it is not escaped for any markup.
  * @score is positive, higher is better (BM25 with the sign turned, raised
 * by how much of the title the query covers).
 */
typedef struct
{
  char       *id;
  PstLang     lang;
  char       *title;
  PstCategory category;
  char       *office;    /* NULL for a national article */
  char       *snippet;
  double      score;
} PstKbSearchHit;

typedef struct
{
  GPtrArray *hits;           /* of PstKbSearchHit */
  char      *did_you_mean;   /* a corrected query when nothing was found, or NULL */
  char      *match;          /* the FTS5 expression that ran, for logs; NULL if none */
  gint64     took_us;
} PstKbSearchResult;

void               pst_kb_search_hit_free     (PstKbSearchHit    *self);
void               pst_kb_search_result_free  (PstKbSearchResult *self);

PstKbSearchResult *pst_kb_search              (PstStore          *store,
                                               const char        *query,
                                               PstLang            lang,
                                               const char        *office,
                                               guint              limit,
                                               const char        *mark_open,
                                               const char        *mark_close,
                                               GError           **error);

/* The FTS5 MATCH expression for @query: its words quoted, acronyms and
 * their expansions as alternatives, joined with AND (@all) or OR. NULL
 * when the query has no word.
 */
char              *pst_kb_search_build_match  (const char        *query,
                                               gboolean           all);

/* Readies @store, a connection used only to search, for many searches:
 * the file mapped in memory, and writes refused (PRAGMA query_only).
 */
gboolean           pst_kb_search_prepare_reader (PstStore        *store,
                                                 GError         **error);

/* Makes the index of @store again, with the "pst" tokenizer (roots and
 * stems, what the migrations set up) or, without @stemming, with
 * unicode61's plain folded words. For measuring what stemming brings
 * (tests/core/test-kb-relevance.c); the programs always index with stems.
 */
gboolean           pst_kb_search_reindex      (PstStore          *store,
                                               gboolean           stemming,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstKbSearchHit, pst_kb_search_hit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstKbSearchResult, pst_kb_search_result_free)

G_END_DECLS
