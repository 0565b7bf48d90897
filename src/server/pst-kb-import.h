/* pst-kb-import.h: reading, checking and writing knowledge-base articles,
 * shared by the /kb routes and the demo's seed articles.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "pst-core.h"

G_BEGIN_DECLS

/* Reads the members of @obj into @article and checks them: with @create
 * the required ones (lang, title, body) must be there, otherwise absent
 * members leave @article as it is. `office` is the caller's business. On
 * failure *@out_field names the member at fault when @error (a
 * PST_JSON_ERROR, which carries its own field, or PST_ERROR_INVALID) does
 * not.
 */
gboolean      pst_kb_article_read_json  (JsonObject    *obj,
                                         PstKbArticle  *article,
                                         gboolean       create,
                                         const char   **out_field,
                                         GError       **error);

/* The article whose @column ("id" or "external_id") is @value; NULL with
 * PST_STORE_ERROR_NOT_FOUND when there is none.
 */
PstKbArticle *pst_kb_article_load_by    (PstStore      *store,
                                         const char    *column,
                                         const char    *value,
                                         GError       **error);

/* Writes @article (all its members but the counters) as of @now; a taken
 * external ID is PST_STORE_ERROR_CONSTRAINT.
 */
gboolean      pst_kb_article_insert     (PstStore      *store,
                                         PstKbArticle  *article,
                                         gint64         now,
                                         GError       **error);
gboolean      pst_kb_article_update     (PstStore      *store,
                                         PstKbArticle  *article,
                                         gint64         now,
                                         GError       **error);

/* One entry of an import (POST /kb/import, the seed files): @node must be
 * an article object with an external ID, and an office that exists or
 * none (national). The article with that external ID is updated, keeping
 * its ID and counters, or a new one is inserted. With @national the
 * entry's office is ignored and the article is national.
 *
 * Returns the article as written, with *@out_created telling which. On
 * failure: PST_ERROR_INVALID or a PST_JSON_ERROR for a bad entry, with
 * *@out_field naming the member at fault (NULL for the entry itself, or
 * when a PST_JSON_ERROR names it); a PST_STORE_ERROR when the database
 * failed (PST_STORE_ERROR_CONSTRAINT: another article has the external
 * ID).
 */
PstKbArticle *pst_kb_import_entry       (PstStore      *store,
                                         JsonNode      *node,
                                         gboolean       national,
                                         gint64         now,
                                         gboolean      *out_created,
                                         const char   **out_field,
                                         GError       **error);

/* Imports every entry of the JSON array in the file at @path as a
 * national article, adding to *@n_created and *@n_updated. A bad entry is
 * an error naming the file and the entry's field path
 * (`seed-1.json: [3].title: …`); the caller's transaction is then to be
 * rolled back.
 */
gboolean      pst_kb_import_file        (PstStore      *store,
                                         const char    *path,
                                         gint64         now,
                                         guint         *n_created,
                                         guint         *n_updated,
                                         GError       **error);

G_END_DECLS
