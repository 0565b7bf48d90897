/* pst-kb-tokenizer.h: the "pst" FTS5 tokenizer of the knowledge base.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean   pst_kb_tokenizer_register      (sqlite3    *db,
                                           GError    **error);

/* Splits @text into folded words (lower case, no diacritics), the way the
 * tokenizer does before finding roots. Returns a NULL-terminated array.
 */
char     **pst_kb_tokenizer_split_words   (const char *text);

/* The index forms of one folded word: the word itself first, then its
 * Indonesian roots (hunspell) or English stem (Snowball), no duplicates.
 */
char     **pst_kb_tokenizer_analyze_word  (const char *word);

/* Spelling suggestions for a folded word: hunspell's Indonesian ones,
 * with the words of @known (may be NULL) added to its dictionary first.
 */
char     **pst_kb_tokenizer_suggest       (const char *word,
                                           char      **known);

G_END_DECLS
