/* pst-route-kb.c: the knowledge base — searching it (staff and public),
 * reading, editing and importing articles, and readers' feedback.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-i18n.h"
#include "pst-kb-import.h"
#include "pst-kb-search.h"
#include "pst-kb-search-pool.h"
#include "pst-password.h"
#include "pst-request.h"
#include "pst-routes.h"
#include "pst-server.h"

#include <string.h>

/* Decisions this file makes where API.md leaves room:
 * - Snippets are escaped markup: the article text is escaped as for HTML
 *   or Pango (`&amp;`, `&lt;`…) and the matched words are between
 *   `<mark>` and `</mark>`, so a web client may insert the snippet as HTML
 *   and the desk can turn `<mark>` into `<b>` for Pango. Titles are plain
 *   text.
 * - GET /kb/search searches the national articles and the caller's
 *   office's (an admin's: national ones, or `office=`'s). `lang` defaults
 *   to the request's language; articles in it come first. `q` is required
 *   (422 when blank). `did_you_mean` is present only when nothing was
 *   found and a correction exists.
 * - GET /public/kb/search?q=&lang=&office=&limit= needs no token; an
 *   unknown office is 422. It records nothing: GETs run in a read
 *   transaction. The deflection record is written by the feedback route
 *   (its body may carry the `query` and `office` the reader searched in).
 * - Both searches run off the loop: the request is checked on the loop,
 *   then paused while pst-kb-search-pool.c searches on a thread with a
 *   connection of its own, then answered on the loop (pst_server_defer()).
 *   A server without a database file (":memory:") searches on the loop.
 * - GETs never count views (they run in a read transaction). A view is
 *   counted by POST /kb/articles/{id}/feedback, which every reader's
 *   client sends once when the article has been read (a reader who answers
 *   "was this helpful?" has viewed it). A separate POST …/view and a public
 *   GET /public/kb/articles/{id} for kiosks would need rows in the
 *   authorization matrix (tests/server/test-authz.c) first.
 * - Staff read any article (GET /kb/articles/{id}), as the public does
 *   through the search; another office's article is 404 for editing. Editing: supervisors their office's articles, admins
 *   any, national ones included. A supervisor editing a national article
 *   is 403 (they can see it). POST /kb/articles: `office` absent means the
 *   supervisor's office, or national for an admin; a supervisor naming
 *   another office or null is 403.
 * - PUT /kb/articles/{id} changes the members given (absent ones stay);
 *   the office of an article does not move (`office` in a PUT body is
 *   ignored). Counters and updated_at are the server's.
 * - Validation (pst-kb-import.c, shared with the demo's seed articles):
 *   lang id|en, title 1–200 characters, body 1–20000, at most 30 tags of
 *   1–60 characters, external_id at most 200 characters and unique (409
 *   otherwise). Control characters other than newline and tab are refused
 *   in title and body.
 * - POST /kb/import (admin) takes a JSON array of articles (`office`
 *   allowed, null or absent = national), upserting by `external_id` (each
 *   entry must have one); it answers `{created, updated}`. A bad entry is
 *   422 with the field path `[INDEX].member` and nothing is written (the
 *   dispatcher rolls the transaction back). One kb.article.updated event
 *   per article written and one audit entry `kb.import`.
 * - kb.article.updated carries the article as GET answers it; a deleted
 *   one `{id, office, deleted: true}`. Audit entries kb.article.create,
 *   kb.article.update, kb.article.delete.
 * - POST /kb/articles/{id}/feedback (anyone) `{helpful, resolved_without_
 *   consultation?, query?, office?}` counts helpful / not_helpful; when
 *   resolved it also writes a kb_searches row (article, helpful, query,
 *   the article's language, the office given or the article's). It also
 *   counts a view. Answers `{views, helpful, not_helpful}`.
 */

#define QUERY_MAX_CHARS       500

/* The markers handed to the search: control characters the validation
 * refuses in articles, replaced once the snippet is escaped.
 */
#define MARK_OPEN_RAW  "\x01"
#define MARK_CLOSE_RAW "\x02"

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

/* Replies 422 for @error from pst_kb_article_read_json(), its field prefixed with
 * @prefix when not NULL.
 */
static void
reply_article_error (PstRequest   *request,
                     const char   *prefix,
                     const char   *field,
                     const GError *error)
{
  g_autofree char *path = NULL;

  if (error->domain == PST_JSON_ERROR && error->code == PST_JSON_ERROR_INVALID_JSON &&
      prefix == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (field == NULL && error->domain == PST_JSON_ERROR)
    field = pst_json_error_get_field (error);

  if (prefix == NULL)
    path = g_strdup (field);
  else if (field == NULL)
    path = g_strdup (prefix);
  else
    path = g_strconcat (prefix, ".", field, NULL);

  pst_request_reply_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY, PST_API_ERROR_INVALID_FIELD,
                           path, error->message);
}

static void
reply_invalid_message (PstRequest *request,
                       const char *field,
                       const char *message)
{
  pst_request_reply_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY, PST_API_ERROR_INVALID_FIELD,
                           field, message);
}

static void
reply_forbidden (PstRequest *request,
                 const char *field)
{
  pst_request_reply_error (request, SOUP_STATUS_FORBIDDEN, PST_API_ERROR_FORBIDDEN, field,
                           _("Your account may not do this"));
}

/* Writes. */

/* Appends kb.article.updated and the audit entry @action. */
static gboolean
announce (PstRequest    *request,
          PstKbArticle  *article,
          const char    *action,
          GError       **error)
{
  return pst_request_append_event (request, "kb.article.updated", article->office,
                                   pst_kb_article_to_json (article), error) &&
         pst_request_audit (request, action, "kb_article", article->id, article->office, NULL,
                            error);
}

static void
reply_write_error (PstRequest   *request,
                   const GError *error)
{
  if (g_error_matches (error, PST_STORE_ERROR, PST_STORE_ERROR_CONSTRAINT))
    pst_request_reply_error (request, SOUP_STATUS_CONFLICT, PST_API_ERROR_CONFLICT, "external_id",
                             _("Another article has this external ID"));
  else
    pst_request_reply_gerror (request, error);
}

/* Request helpers. */

/* The article of the path (any staff member may read any office's: the
 * public search shows them all). NULL when it answered.
 */
static PstKbArticle *
request_article (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstKbArticle) article = NULL;
  const char *id = pst_request_get_param (request, "id");

  if (id == NULL)
    {
      pst_request_reply_not_found (request);
      return NULL;
    }

  article = pst_kb_article_load_by (request->store, "id", id, &error);
  if (article == NULL)
    {
      pst_request_reply_gerror (request, error);
      return NULL;
    }

  return g_steal_pointer (&article);
}

/* The article of the path, which the caller may edit: their office's
 * (another office's is 404), a national one only for an admin (403).
 */
static PstKbArticle *
request_editable_article (PstRequest *request)
{
  g_autoptr(PstKbArticle) article = request_article (request);

  if (article == NULL)
    return NULL;

  if (article->office == NULL && !pst_request_has_role (request, PST_ROLES_ADMIN))
    {
      reply_forbidden (request, NULL);
      return NULL;
    }
  if (article->office != NULL && !pst_request_authorize_office (request, article->office))
    return NULL;

  return g_steal_pointer (&article);
}

/* Escapes @snippet as markup, the raw markers becoming <mark>…</mark>. */
static char *
snippet_to_markup (const char *snippet)
{
  GString *out = g_string_new (NULL);

  for (const char *p = snippet != NULL ? snippet : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\x01':
          g_string_append (out, "<mark>");
          break;
        case '\x02':
          g_string_append (out, "</mark>");
          break;
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&#39;");
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

static void
reply_search (PstRequest        *request,
              PstKbSearchResult *result,
              const GError      *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (result == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->hits->len; i++)
    {
      PstKbSearchHit *hit = g_ptr_array_index (result->hits, i);
      g_autofree char *snippet = snippet_to_markup (hit->snippet);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, hit->id);
      json_builder_set_member_name (builder, "lang");
      json_builder_add_string_value (builder, pst_lang_to_string (hit->lang));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, hit->title);
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, pst_category_to_string (hit->category));
      json_builder_set_member_name (builder, "office");
      if (hit->office != NULL)
        json_builder_add_string_value (builder, hit->office);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "snippet");
      json_builder_add_string_value (builder, snippet);
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, hit->score);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "took_us");
  json_builder_add_int_value (builder, result->took_us);
  if (result->did_you_mean != NULL)
    {
      json_builder_set_member_name (builder, "did_you_mean");
      json_builder_add_string_value (builder, result->did_you_mean);
    }
  json_builder_end_object (builder);

  pst_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (builder));
}

/* On the pool's thread: back to the request's loop. */
static void
search_done_cb (PstKbSearchJob *job,
                gpointer        user_data)
{
  PstDeferral *deferral = user_data;

  pst_server_deferral_done (deferral, job, (GDestroyNotify) pst_kb_search_job_free);
}

static gboolean
is_file_path (const char *path)
{
  return path != NULL && path[0] != '\0' && !g_str_equal (path, ":memory:");
}

/* Checks the request, then searches on the pool (the handler runs again
 * with the outcome) or, without a loop to come back to or a file, here.
 */
static void
search (PstRequest *request,
        const char *office)
{
  g_autoptr(GError) error = NULL;
  const char *q = pst_request_get_query (request, "q");
  const char *lang_text = pst_request_get_query (request, "lang");
  const char *path = pst_store_get_path (request->store);
  PstKbSearchJob *job;
  PstDeferral *deferral = NULL;
  PstLang lang = request->lang;
  guint limit;

  if (q == NULL || *q == '\0' || g_utf8_strlen (q, -1) > QUERY_MAX_CHARS ||
      !g_utf8_validate (q, -1, NULL))
    {
      reply_invalid_message (request, "q", _("Type what to search for, up to 500 characters"));
      return;
    }
  if (lang_text != NULL && *lang_text != '\0' && !pst_lang_from_string (lang_text, &lang))
    {
      reply_invalid_message (request, "lang", _("The language must be “id” or “en”"));
      return;
    }
  if (!pst_request_get_limit (request, &limit, &error))
    {
      pst_request_reply_invalid (request, "limit", error);
      return;
    }

  job = pst_server_get_deferred_result (request);
  if (job != NULL)
    {
      reply_search (request, job->result, job->error);
      return;
    }

  if (is_file_path (path))
    deferral = pst_server_defer (request);
  if (deferral == NULL)
    {
      g_autoptr(PstKbSearchResult) result = NULL;

      result = pst_kb_search (request->store, q, lang, office, MIN (limit, 100), MARK_OPEN_RAW,
                              MARK_CLOSE_RAW, &error);
      reply_search (request, result, error);
      return;
    }

  job = pst_kb_search_job_new (path, q, lang, request->lang, office, MIN (limit, 100),
                               MARK_OPEN_RAW, MARK_CLOSE_RAW);
  pst_kb_search_pool_run (job, search_done_cb, deferral);
}

/* Handlers. */

/* GET /kb/search?q=&lang=&limit=&office= */
static void
search_cb (PstRequest *request)
{
  search (request, request->office);
}

/* GET /public/kb/search?q=&lang=&office=&limit= */
static void
public_search_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  const char *office = pst_request_get_query (request, "office");
  gboolean exists = FALSE;

  if (office != NULL && *office == '\0')
    office = NULL;
  if (office != NULL)
    {
      if (!office_exists (request->store, office, &exists, &error))
        {
          pst_request_reply_gerror (request, error);
          return;
        }
      if (!exists)
        {
          reply_invalid_message (request, "office", _("There is no such office"));
          return;
        }
    }

  search (request, office);
}

/* GET /kb/articles/{id} */
static void
get_cb (PstRequest *request)
{
  g_autoptr(PstKbArticle) article = request_article (request);

  if (article == NULL)
    return;

  pst_request_reply_json (request, SOUP_STATUS_OK, pst_kb_article_to_json (article));
}

/* POST /kb/articles */
static void
create_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstKbArticle) article = pst_kb_article_new ();
  const char *field = NULL;
  JsonObject *body;
  gboolean is_admin = pst_request_has_role (request, PST_ROLES_ADMIN);

  body = pst_request_get_body_object (request, &error);
  if (body == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }
  if (!pst_kb_article_read_json (body, article, TRUE, &field, &error))
    {
      reply_article_error (request, NULL, field, error);
      return;
    }

  if (json_object_has_member (body, "office") &&
      json_node_is_null (json_object_get_member (body, "office")))
    {
      if (!is_admin)
        {
          reply_forbidden (request, "office");
          return;
        }
    }
  else
    {
      if (!pst_json_get_string (body, "office", FALSE, &article->office, &error))
        {
          pst_request_reply_gerror (request, error);
          return;
        }
      if (article->office == NULL && !is_admin)
        article->office = g_strdup (request->principal->office);
      if (article->office != NULL)
        {
          gboolean exists = FALSE;

          if (!pst_request_authorize_named_office (request, article->office))
            return;
          if (!office_exists (request->store, article->office, &exists, &error))
            {
              pst_request_reply_gerror (request, error);
              return;
            }
          if (!exists)
            {
              reply_invalid_message (request, "office", _("There is no such office"));
              return;
            }
        }
    }

  g_free (article->id);
  article->id = pst_random_id ("kba");
  if (!pst_kb_article_insert (request->store, article, request->now, &error) ||
      !announce (request, article, "kb.article.create", &error))
    {
      reply_write_error (request, error);
      return;
    }

  pst_request_reply_json (request, SOUP_STATUS_CREATED, pst_kb_article_to_json (article));
}

/* PUT /kb/articles/{id} */
static void
update_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstKbArticle) article = NULL;
  const char *field = NULL;
  JsonObject *body;

  article = request_editable_article (request);
  if (article == NULL)
    return;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }
  if (!pst_kb_article_read_json (body, article, FALSE, &field, &error))
    {
      reply_article_error (request, NULL, field, error);
      return;
    }

  if (!pst_kb_article_update (request->store, article, request->now, &error) ||
      !announce (request, article, "kb.article.update", &error))
    {
      reply_write_error (request, error);
      return;
    }

  pst_request_reply_json (request, SOUP_STATUS_OK, pst_kb_article_to_json (article));
}

/* DELETE /kb/articles/{id} */
static void
delete_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstKbArticle) article = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(PstStoreStatement) stmt = NULL;

  article = request_editable_article (request);
  if (article == NULL)
    return;

  stmt = pst_store_prepare (request->store, "DELETE FROM kb_articles WHERE id = ?1", &error);
  if (stmt != NULL)
    bind_text (stmt, 1, article->id);
  if (stmt == NULL || !pst_store_step_done (request->store, stmt, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, article->id);
  json_builder_set_member_name (builder, "office");
  if (article->office != NULL)
    json_builder_add_string_value (builder, article->office);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);

  if (!pst_request_append_event (request, "kb.article.updated", article->office,
                                 json_builder_get_root (builder), &error) ||
      !pst_request_audit (request, "kb.article.delete", "kb_article", article->id,
                          article->office, NULL, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_request_reply_no_content (request);
}

/* POST /kb/import [article, …] */
static void
import_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonBuilder) detail = json_builder_new ();
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);
  JsonArray *array;
  guint created = 0;
  guint updated = 0;

  root = pst_json_parse (body->length > 0 ? body->data : "", body->length, &error);
  if (root == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      pst_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, PST_API_ERROR_INVALID_JSON, NULL,
                               _("Send a JSON array of articles"));
      return;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("[%u]", i);
      g_autoptr(PstKbArticle) article = NULL;
      gboolean is_new = FALSE;
      const char *field = NULL;

      article = pst_kb_import_entry (request->store, json_array_get_element (array, i), FALSE,
                                     request->now, &is_new, &field, &error);
      if (article == NULL)
        {
          if (error->domain == PST_STORE_ERROR)
            reply_write_error (request, error);
          else
            reply_article_error (request, prefix, field, error);
          return;
        }
      if (!pst_request_append_event (request, "kb.article.updated", article->office,
                                     pst_kb_article_to_json (article), &error))
        {
          pst_request_reply_gerror (request, error);
          return;
        }

      if (is_new)
        created++;
      else
        updated++;
    }

  json_builder_begin_object (detail);
  json_builder_set_member_name (detail, "created");
  json_builder_add_int_value (detail, created);
  json_builder_set_member_name (detail, "updated");
  json_builder_add_int_value (detail, updated);
  json_builder_end_object (detail);
  if (!pst_request_audit (request, "kb.import", "kb_article", NULL, NULL,
                          json_builder_get_root (detail), &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, created);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, updated);
  json_builder_end_object (builder);
  pst_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (builder));
}

/* POST /kb/articles/{id}/feedback {helpful, resolved_without_consultation?, query?, office?} */
static void
feedback_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstKbArticle) article = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *query = NULL;
  g_autofree char *office = NULL;
  const char *id = pst_request_get_param (request, "id");
  gboolean helpful = FALSE;
  gboolean resolved = FALSE;
  JsonObject *body;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL ||
      !pst_json_get_bool (body, "helpful", TRUE, &helpful, &error) ||
      !pst_json_get_bool (body, "resolved_without_consultation", FALSE, &resolved, &error) ||
      !pst_json_get_string (body, "query", FALSE, &query, &error) ||
      !pst_json_get_string (body, "office", FALSE, &office, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }
  if (query != NULL && g_utf8_strlen (query, -1) > QUERY_MAX_CHARS)
    {
      reply_invalid_message (request, "query", _("Type what to search for, up to 500 characters"));
      return;
    }

  article = pst_kb_article_load_by (request->store, "id", id, &error);
  if (article == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (office != NULL)
    {
      gboolean exists = FALSE;

      if (!office_exists (request->store, office, &exists, &error))
        {
          pst_request_reply_gerror (request, error);
          return;
        }
      if (!exists)
        {
          reply_invalid_message (request, "office", _("There is no such office"));
          return;
        }
    }
  else
    office = g_strdup (article->office);

  stmt = pst_store_prepare (request->store,
                            helpful ? "UPDATE kb_articles SET views = views + 1, helpful = helpful + 1"
                                      " WHERE id = ?1"
                                    : "UPDATE kb_articles SET views = views + 1,"
                                      " not_helpful = not_helpful + 1 WHERE id = ?1",
                            &error);
  if (stmt != NULL)
    bind_text (stmt, 1, article->id);
  if (stmt == NULL || !pst_store_step_done (request->store, stmt, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }
  g_clear_pointer (&stmt, pst_store_statement_release);

  if (resolved)
    {
      stmt = pst_store_prepare (request->store,
                                "INSERT INTO kb_searches (at, query, lang, office, viewed, article,"
                                " helpful, resolved_without_consultation)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)",
                                &error);
      if (stmt != NULL)
        {
          g_autofree char *viewed = g_strdup_printf ("[\"%s\"]", article->id);

          sqlite3_bind_int64 (stmt, 1, request->now);
          bind_text (stmt, 2, query);
          bind_text (stmt, 3, pst_lang_to_string (article->lang));
          bind_text (stmt, 4, office);
          bind_text (stmt, 5, viewed);
          bind_text (stmt, 6, article->id);
          sqlite3_bind_int (stmt, 7, helpful ? 1 : 0);
        }
      if (stmt == NULL || !pst_store_step_done (request->store, stmt, &error))
        {
          pst_request_reply_gerror (request, error);
          return;
        }
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "views");
  json_builder_add_int_value (builder, article->views + 1);
  json_builder_set_member_name (builder, "helpful");
  json_builder_add_int_value (builder, article->helpful + (helpful ? 1 : 0));
  json_builder_set_member_name (builder, "not_helpful");
  json_builder_add_int_value (builder, article->not_helpful + (helpful ? 0 : 1));
  json_builder_end_object (builder);

  pst_request_reply_json (request, SOUP_STATUS_OK, json_builder_get_root (builder));
}

static const PstRoute routes[] = {
  { "GET", "/kb/search", search_cb,
    PST_ACCESS (PST_ROLES_STAFF, QUERY, "office") },
  { "GET", "/public/kb/search", public_search_cb, PST_ACCESS_PUBLIC },
  { "POST", "/kb/articles", create_cb,
    PST_ACCESS (PST_ROLES_SUPERVISOR, NONE, NULL) },
  { "GET", "/kb/articles/{id}", get_cb,
    PST_ACCESS (PST_ROLES_STAFF | PST_ROLE_BIT (PST_ROLE_KIOSK), NONE, NULL) },
  { "PUT", "/kb/articles/{id}", update_cb,
    PST_ACCESS (PST_ROLES_SUPERVISOR, RESOURCE, NULL) },
  { "DELETE", "/kb/articles/{id}", delete_cb,
    PST_ACCESS (PST_ROLES_SUPERVISOR, RESOURCE, NULL) },
  { "POST", "/kb/articles/{id}/feedback", feedback_cb, PST_ACCESS_PUBLIC },
  { "POST", "/kb/import", import_cb,
    PST_ACCESS (PST_ROLES_ADMIN, NONE, NULL) },
};

const PstRoute *
pst_route_kb_get_routes (guint *n_routes)
{
  g_return_val_if_fail (n_routes != NULL, NULL);

  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
