/* pst-kb-import.c: reading, checking and writing knowledge-base articles,
 * shared by the /kb routes and the demo's seed articles.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kb-import.h"

#include "pst-i18n.h"
#include "pst-password.h"

#include <string.h>

/* The rules an article must follow (API.md leaves them to the server):
 * lang id|en, title 1–200 characters, body 1–20000, at most 30 tags of
 * 1–60 characters, external_id at most 200 characters and unique.
 * Control characters other than newline, carriage return and tab are
 * refused in all of them, and title, tags and external_id are one line.
 * The routes (pst-route-kb.c) and the demo's seed files
 * (data/kb/seed-*.json, tests/server/test-kb.c checks every entry) go
 * through these same checks and the same statements.
 */

#define TITLE_MAX_CHARS       200
#define BODY_MAX_CHARS        20000
#define TAG_MAX_CHARS         60
#define TAGS_MAX              30
#define EXTERNAL_ID_MAX_CHARS 200

#define ARTICLE_COLUMNS \
  "id, external_id, lang, title, body, tags, category, office, updated_at, views, helpful," \
  " not_helpful"

/* Store helpers. */

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static char *
tags_to_string (GPtrArray *tags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (tags, i));
  json_builder_end_array (builder);
  node = json_builder_get_root (builder);

  return pst_json_to_string (node);
}

static PstKbArticle *
article_from_statement (sqlite3_stmt *stmt)
{
  g_autoptr(PstKbArticle) article = pst_kb_article_new ();
  g_autoptr(JsonNode) tags = NULL;
  const char *text;
  int value;

  article->id = g_strdup (pst_store_column_text (stmt, 0));
  article->external_id = g_strdup (pst_store_column_text (stmt, 1));
  if (pst_lang_from_string (pst_store_column_text (stmt, 2), (PstLang *) &value))
    article->lang = value;
  article->title = g_strdup (pst_store_column_text (stmt, 3));
  article->body = g_strdup (pst_store_column_text (stmt, 4));

  text = pst_store_column_text (stmt, 5);
  if (text != NULL)
    tags = pst_json_parse (text, -1, NULL);
  if (article->tags == NULL)
    article->tags = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (article->tags, 0);
  if (tags != NULL && JSON_NODE_HOLDS_ARRAY (tags))
    {
      JsonArray *array = json_node_get_array (tags);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *tag = json_array_get_string_element (array, i);

          if (tag != NULL)
            g_ptr_array_add (article->tags, g_strdup (tag));
        }
    }

  text = pst_store_column_text (stmt, 6);
  if (text != NULL && pst_category_from_string (text, (PstCategory *) &value))
    article->category = value;
  article->office = g_strdup (pst_store_column_text (stmt, 7));
  article->updated_at = sqlite3_column_int64 (stmt, 8);
  article->views = sqlite3_column_int (stmt, 9);
  article->helpful = sqlite3_column_int (stmt, 10);
  article->not_helpful = sqlite3_column_int (stmt, 11);

  return g_steal_pointer (&article);
}

static gboolean
office_exists (PstStore    *store,
               const char  *code,
               gboolean    *out_exists,
               GError     **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = pst_store_prepare (store, "SELECT 1 FROM offices WHERE code = ?1", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, code);
  *out_exists = pst_store_step_row (store, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* Runs @sql, an INSERT or UPDATE of kb_articles whose parameters are, in
 * order: id, external_id, lang, title, body, tags, category, office and
 * the instant of the change.
 */
static gboolean
article_write (PstStore      *store,
               PstKbArticle  *article,
               gint64         now,
               const char    *sql,
               GError       **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *tags = tags_to_string (article->tags);

  stmt = pst_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, article->id);
  bind_text (stmt, 2, article->external_id);
  bind_text (stmt, 3, pst_lang_to_string (article->lang));
  bind_text (stmt, 4, article->title);
  bind_text (stmt, 5, article->body);
  bind_text (stmt, 6, tags);
  bind_text (stmt, 7, pst_category_to_string (article->category));
  bind_text (stmt, 8, article->office);
  sqlite3_bind_int64 (stmt, 9, now);
  article->updated_at = now;

  return pst_store_step_done (store, stmt, error);
}

/* Validation. */

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f)
        return TRUE;
    }

  return FALSE;
}

/* Checks @text of member @field; sets *@out_field and @error otherwise. */
static gboolean
check_text (const char  *text,
            const char  *field,
            guint        max_chars,
            gboolean     multiline,
            const char **out_field,
            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  glong length = g_utf8_strlen (text, -1);

  if (*stripped == '\0')
    {
      *out_field = field;
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID, _("“%s” may not be empty"), field);
      return FALSE;
    }
  if (length > (glong) max_chars)
    {
      *out_field = field;
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   _("“%s” may have at most %u characters"), field, max_chars);
      return FALSE;
    }
  if (has_control_characters (text) || (!multiline && strpbrk (text, "\n\r\t") != NULL))
    {
      *out_field = field;
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   _("“%s” contains characters that are not allowed"), field);
      return FALSE;
    }

  return TRUE;
}

gboolean
pst_kb_article_read_json (JsonObject    *obj,
                          PstKbArticle  *article,
                          gboolean       create,
                          const char   **out_field,
                          GError       **error)
{
  int lang;
  int category;

  g_return_val_if_fail (obj != NULL, FALSE);
  g_return_val_if_fail (article != NULL, FALSE);
  g_return_val_if_fail (out_field != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lang = article->lang;
  category = article->category;
  *out_field = NULL;

  if (!pst_json_get_string (obj, "external_id", FALSE, &article->external_id, error) ||
      !pst_json_get_enum (obj, "lang", create, PST_JSON_ENUM_FROM_STRING (pst_lang), &lang, error) ||
      !pst_json_get_string (obj, "title", create, &article->title, error) ||
      !pst_json_get_string (obj, "body", create, &article->body, error) ||
      !pst_json_get_string_array (obj, "tags", FALSE, &article->tags, error) ||
      !pst_json_get_enum (obj, "category", FALSE, PST_JSON_ENUM_FROM_STRING (pst_category),
                          &category, error))
    return FALSE;

  article->lang = lang;
  article->category = category;

  if (article->external_id != NULL &&
      !check_text (article->external_id, "external_id", EXTERNAL_ID_MAX_CHARS, FALSE, out_field,
                   error))
    return FALSE;
  if (!check_text (article->title != NULL ? article->title : "", "title", TITLE_MAX_CHARS, FALSE,
                   out_field, error) ||
      !check_text (article->body != NULL ? article->body : "", "body", BODY_MAX_CHARS, TRUE,
                   out_field, error))
    return FALSE;

  if (article->tags != NULL)
    {
      if (article->tags->len > TAGS_MAX)
        {
          *out_field = "tags";
          g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                       _("An article may have at most %u tags"), (guint) TAGS_MAX);
          return FALSE;
        }
      for (guint i = 0; i < article->tags->len; i++)
        if (!check_text (g_ptr_array_index (article->tags, i), "tags", TAG_MAX_CHARS, FALSE,
                         out_field, error))
          return FALSE;
    }

  return TRUE;
}

PstKbArticle *
pst_kb_article_load_by (PstStore    *store,
                        const char  *column,
                        const char  *value,
                        GError     **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (PST_IS_STORE (store), NULL);
  g_return_val_if_fail (g_strcmp0 (column, "id") == 0 || g_strcmp0 (column, "external_id") == 0,
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sql = g_strdup_printf ("SELECT " ARTICLE_COLUMNS " FROM kb_articles WHERE %s = ?1", column);
  stmt = pst_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, value);
  if (!pst_store_step_one (store, stmt, error))
    return NULL;

  return article_from_statement (stmt);
}

gboolean
pst_kb_article_insert (PstStore      *store,
                       PstKbArticle  *article,
                       gint64         now,
                       GError       **error)
{
  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (article != NULL && article->id != NULL, FALSE);

  return article_write (store, article, now,
                        "INSERT INTO kb_articles (id, external_id, lang, title, body, tags,"
                        " category, office, created_at, updated_at)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                        error);
}

gboolean
pst_kb_article_update (PstStore      *store,
                       PstKbArticle  *article,
                       gint64         now,
                       GError       **error)
{
  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (article != NULL && article->id != NULL, FALSE);

  return article_write (store, article, now,
                        "UPDATE kb_articles SET external_id = ?2, lang = ?3, title = ?4,"
                        " body = ?5, tags = ?6, category = ?7, office = ?8, updated_at = ?9"
                        " WHERE id = ?1",
                        error);
}

PstKbArticle *
pst_kb_import_entry (PstStore     *store,
                     JsonNode     *node,
                     gboolean      national,
                     gint64        now,
                     gboolean     *out_created,
                     const char  **out_field,
                     GError      **error)
{
  g_autoptr(PstKbArticle) incoming = pst_kb_article_new ();
  g_autoptr(PstKbArticle) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *obj;

  g_return_val_if_fail (PST_IS_STORE (store), NULL);
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (out_created != NULL, NULL);
  g_return_val_if_fail (out_field != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  *out_created = FALSE;
  *out_field = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID, "%s",
                   _("Each entry must be an article object"));
      return NULL;
    }
  obj = json_node_get_object (node);

  if (!pst_kb_article_read_json (obj, incoming, TRUE, out_field, error))
    return NULL;
  if (!national && !pst_json_get_string (obj, "office", FALSE, &incoming->office, error))
    return NULL;

  if (incoming->external_id == NULL)
    {
      *out_field = "external_id";
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID, "%s",
                   _("Each imported article needs an external ID"));
      return NULL;
    }
  if (incoming->office != NULL)
    {
      gboolean exists = FALSE;

      if (!office_exists (store, incoming->office, &exists, error))
        return NULL;
      if (!exists)
        {
          *out_field = "office";
          g_set_error (error, PST_ERROR, PST_ERROR_INVALID, "%s", _("There is no such office"));
          return NULL;
        }
    }

  existing = pst_kb_article_load_by (store, "external_id", incoming->external_id, &local_error);
  if (existing == NULL &&
      !g_error_matches (local_error, PST_STORE_ERROR, PST_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (existing == NULL)
    {
      incoming->id = pst_random_id ("kba");
      if (!pst_kb_article_insert (store, incoming, now, error))
        return NULL;
      *out_created = TRUE;
    }
  else
    {
      g_free (incoming->id);
      incoming->id = g_strdup (existing->id);
      incoming->views = existing->views;
      incoming->helpful = existing->helpful;
      incoming->not_helpful = existing->not_helpful;
      if (!pst_kb_article_update (store, incoming, now, error))
        return NULL;
    }

  return g_steal_pointer (&incoming);
}

gboolean
pst_kb_import_file (PstStore    *store,
                    const char  *path,
                    gint64       now,
                    guint       *n_created,
                    guint       *n_updated,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *name = NULL;
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (n_created != NULL && n_updated != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_path_get_basename (path);
  if (!json_parser_load_from_mapped_file (parser, path, error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID, "%s: %s", name,
                   _("Send a JSON array of articles"));
      return FALSE;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(PstKbArticle) article = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean created = FALSE;
      const char *field = NULL;

      article = pst_kb_import_entry (store, json_array_get_element (array, i), TRUE, now,
                                     &created, &field, &local_error);
      if (article == NULL)
        {
          if (field == NULL && local_error->domain == PST_JSON_ERROR)
            field = pst_json_error_get_field (local_error);
          if (field != NULL)
            g_prefix_error (&local_error, "%s: [%u].%s: ", name, i, field);
          else
            g_prefix_error (&local_error, "%s: [%u]: ", name, i);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (created)
        (*n_created)++;
      else
        (*n_updated)++;
    }

  return TRUE;
}
