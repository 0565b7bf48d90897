/* pst-kb-search.c: full-text search of the knowledge base.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kb-search.h"
#include "pst-kb-tokenizer.h"
#include "pst-paths.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* A query is never handed to FTS5 as typed. It is split into words the way
 * the tokenizer splits articles (so `"`, `*`, `-`, `NEAR(`, `:` and
 * parentheses are only separators), each word or phrase is quoted, and
 * acronyms and their expansions from data/kb/synonyms.json become groups
 * of alternatives: "pdrb" OR "produk domestik regional bruto" OR "grdp"….
 * The clauses are joined with AND, then with OR: articles with every word
 * asked get half as much score again, and those with only some come after
 * them unless they match much better (the incidental words of a question,
 * "apakah ada data pengangguran per kabupaten", do not bury the article
 * about unemployment). Roots need nothing here: the "pst" tokenizer gives
 * each quoted word its roots as colocated alternatives, and the index
 * holds the roots of every article's words.
 *
 * Ranking is BM25 with the title weighted above the body and the body above
 * the tags, then raised by how well the title names what was asked (the
 * share of the title's words asked for times the share of the query's
 * words in the title): of the best BM25 matches, an article titled with
 * just the words asked ("Inflasi dan IHK" for *inflasi*) goes before one
 * that mentions them more often under a narrower title ("Inflasi inti,
 * harga yang diatur pemerintah, …"). tests/core/test-kb-relevance.c
 * measures the search; TITLE_BOOST and ALL_WORDS_BONUS were chosen there.
 * Articles in the requester's language come first, the other language's
 * after them. When nothing is found, hunspell's suggestions for the words
 * the index does not know (with the index's own words added to its
 * dictionary) give a "did you mean".
 */

#define TITLE_WEIGHT    8.0
#define BODY_WEIGHT     2.0
#define TAGS_WEIGHT     1.0
#define DEFAULT_LIMIT   10
#define RERANK_POOL     30    /* BM25's best, reordered by title coverage */
#define TITLE_BOOST     3.0   /* a title of just the words asked: 4 × BM25 */
#define ALL_WORDS_BONUS 1.5   /* an article with every word asked */
#define MAX_LIMIT       100
#define MAX_WORDS       32

typedef struct
{
  GPtrArray *terms;   /* of char ** (the folded words of each term) */
} SynonymGroup;

/* Words a query may drop when others remain. */
static const char *const stop_words[] = {
  "yang", "dan", "di", "ke", "dari", "apa", "itu", "ini", "adalah", "untuk", "dengan",
  "bagaimana", "berapa", "cara", "mana", "atau", "pada", "dalam",
  /* How people ask at a desk. */
  "saya", "kami", "ingin", "mau", "minta", "mohon", "tolong", "tentang", "apakah", "ada",
  "bisa",
  "the", "of", "and", "what", "is", "in", "a", "an", "to", "how", "for", "on", "or",
  "i", "my", "me", "please", "where", "can", "do", "does", "are", "about", "want",
  NULL
};

static void
synonym_group_free (gpointer data)
{
  SynonymGroup *group = data;

  g_ptr_array_unref (group->terms);
  g_free (group);
}

static GPtrArray *
load_synonyms (void)
{
  g_autofree char *path = g_build_filename (pst_paths_get_data_dir (), "kb", "synonyms.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *groups = g_ptr_array_new_with_free_func (synonym_group_free);
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_debug ("No knowledge-base synonyms: %s", error->message);
      return groups;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "groups"))
    return groups;
  array = json_object_get_array_member (json_node_get_object (root), "groups");
  if (array == NULL)
    return groups;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonArray *terms = json_array_get_array_element (array, i);
      SynonymGroup *group;

      if (terms == NULL)
        continue;
      group = g_new0 (SynonymGroup, 1);
      group->terms = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      for (guint j = 0; j < json_array_get_length (terms); j++)
        {
          const char *term = json_array_get_string_element (terms, j);
          char **words = term != NULL ? pst_kb_tokenizer_split_words (term) : NULL;

          if (words != NULL && words[0] != NULL)
            g_ptr_array_add (group->terms, words);
          else
            g_strfreev (words);
        }
      g_ptr_array_add (groups, group);
    }

  return groups;
}

static GPtrArray *
get_synonyms (void)
{
  static gsize synonyms = 0;

  if (g_once_init_enter (&synonyms))
    g_once_init_leave (&synonyms, (gsize) load_synonyms ());

  return (GPtrArray *) synonyms;
}

static gboolean
is_stop_word (const char *word)
{
  return g_strv_contains (stop_words, word);
}

/* Appends @words as one quoted FTS5 string (a phrase when several). */
static void
append_quoted (GString     *out,
               char *const *words,
               guint        n_words)
{
  g_string_append_c (out, '"');
  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* The longest synonym term that starts at @words[@at]; its group and length. */
static SynonymGroup *
find_synonym (char  **words,
              guint   n_words,
              guint   at,
              guint  *out_length)
{
  GPtrArray *groups = get_synonyms ();
  SynonymGroup *best = NULL;
  guint best_length = 0;

  for (guint g = 0; g < groups->len; g++)
    {
      SynonymGroup *group = g_ptr_array_index (groups, g);

      for (guint t = 0; t < group->terms->len; t++)
        {
          char **term = g_ptr_array_index (group->terms, t);
          guint length = g_strv_length (term);
          gboolean same = length > best_length && at + length <= n_words;

          for (guint k = 0; same && k < length; k++)
            same = g_str_equal (term[k], words[at + k]);
          if (same)
            {
              best = group;
              best_length = length;
            }
        }
    }

  *out_length = best_length;
  return best;
}

char *
pst_kb_search_build_match (const char *query,
                           gboolean    all)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stopped = g_ptr_array_new_with_free_func (g_free);
  guint n_words;

  g_return_val_if_fail (query != NULL, NULL);

  words = pst_kb_tokenizer_split_words (query);
  n_words = MIN (g_strv_length (words), MAX_WORDS);

  for (guint i = 0; i < n_words;)
    {
      g_autoptr(GString) clause = g_string_new (NULL);
      guint length = 0;
      SynonymGroup *group = find_synonym (words, n_words, i, &length);

      if (group != NULL)
        {
          g_string_append_c (clause, '(');
          for (guint t = 0; t < group->terms->len; t++)
            {
              char **term = g_ptr_array_index (group->terms, t);

              if (t > 0)
                g_string_append (clause, " OR ");
              append_quoted (clause, term, g_strv_length (term));
            }
          g_string_append_c (clause, ')');
          g_ptr_array_add (clauses, g_string_free (g_steal_pointer (&clause), FALSE));
          i += length;
          continue;
        }

      append_quoted (clause, &words[i], 1);
      g_ptr_array_add (is_stop_word (words[i]) ? stopped : clauses,
                       g_string_free (g_steal_pointer (&clause), FALSE));
      i++;
    }

  /* Stop words count only when the query has nothing else. */
  if (clauses->len == 0)
    {
      g_ptr_array_unref (clauses);
      clauses = g_steal_pointer (&stopped);
    }

  if (clauses->len == 0)
    return NULL;

  g_ptr_array_add (clauses, NULL);
  return g_strjoinv (all ? " AND " : " OR ", (char **) clauses->pdata);
}

static void
add_word_forms (GHashTable *forms,
                const char *word,
                gboolean    plain)
{
  g_auto(GStrv) analyzed = NULL;

  if (plain)
    {
      g_hash_table_add (forms, g_strdup (word));
      return;
    }

  analyzed = pst_kb_tokenizer_analyze_word (word);
  for (guint i = 0; analyzed[i] != NULL; i++)
    g_hash_table_add (forms, g_strdup (analyzed[i]));
}

/* The index forms a query searches for, as pst_kb_search_build_match()
 * reads it, one set per clause: a word's forms (stop words only when the
 * query has nothing else), or those of every term of the synonym group it
 * names. @plain: the words themselves, for an index without roots.
 */
static GPtrArray *
query_forms (const char *query,
             gboolean    plain)
{
  g_auto(GStrv) words = pst_kb_tokenizer_split_words (query);
  GPtrArray *clauses = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  guint n_words = MIN (g_strv_length (words), MAX_WORDS);
  gboolean only_stop_words = TRUE;

  for (guint i = 0; i < n_words; i++)
    if (!is_stop_word (words[i]))
      only_stop_words = FALSE;

  for (guint i = 0; i < n_words;)
    {
      GHashTable *forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint length = 0;
      SynonymGroup *group = find_synonym (words, n_words, i, &length);

      if (group != NULL)
        {
          for (guint t = 0; t < group->terms->len; t++)
            {
              char **term = g_ptr_array_index (group->terms, t);

              for (guint w = 0; term[w] != NULL; w++)
                add_word_forms (forms, term[w], plain);
            }
          i += length;
        }
      else
        {
          if (only_stop_words || !is_stop_word (words[i]))
            add_word_forms (forms, words[i], plain);
          i++;
        }

      if (g_hash_table_size (forms) > 0)
        g_ptr_array_add (clauses, forms);
      else
        g_hash_table_unref (forms);
    }

  return clauses;
}

/* How well @title names what was asked, from 0 to 1: the share of its
 * words (stop words aside) that the query asked for times the share of the
 * query's clauses it has. A title of just the words asked scores 1.
 */
static double
title_coverage (const char *title,
                GPtrArray  *clauses,
                gboolean    plain)
{
  g_auto(GStrv) words = pst_kb_tokenizer_split_words (title);
  g_autoptr(GHashTable) found_clauses = g_hash_table_new (NULL, NULL);
  guint total = 0;
  guint matched = 0;

  if (clauses->len == 0)
    return 0.0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_auto(GStrv) analyzed = NULL;
      gboolean found = FALSE;

      if (is_stop_word (words[i]))
        continue;
      total++;

      analyzed = plain ? g_strdupv ((char *[]) { words[i], NULL })
                       : pst_kb_tokenizer_analyze_word (words[i]);
      for (guint c = 0; c < clauses->len; c++)
        for (guint f = 0; analyzed[f] != NULL; f++)
          if (g_hash_table_contains (g_ptr_array_index (clauses, c), analyzed[f]))
            {
              g_hash_table_add (found_clauses, GUINT_TO_POINTER (c + 1));
              found = TRUE;
              break;
            }
      if (found)
        matched++;
    }

  if (total == 0)
    return 0.0;

  return (double) matched / total * g_hash_table_size (found_clauses) / clauses->len;
}

static int
compare_hits (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const PstKbSearchHit *hit_a = *(const PstKbSearchHit *const *) a;
  const PstKbSearchHit *hit_b = *(const PstKbSearchHit *const *) b;
  PstLang lang = GPOINTER_TO_INT (user_data);

  if ((hit_a->lang == lang) != (hit_b->lang == lang))
    return hit_a->lang == lang ? -1 : 1;
  if (hit_a->score != hit_b->score)
    return hit_a->score > hit_b->score ? -1 : 1;
  return g_strcmp0 (hit_a->id, hit_b->id);
}

/* Raises each hit's score by its title coverage and sorts @hits again. */
static void
rerank (GPtrArray  *hits,
        GPtrArray  *clauses,
        gboolean    plain,
        PstLang     lang)
{
  for (guint i = 0; i < hits->len; i++)
    {
      PstKbSearchHit *hit = g_ptr_array_index (hits, i);

      hit->score *= 1.0 + TITLE_BOOST * title_coverage (hit->title, clauses, plain);
    }

  g_ptr_array_sort_with_data (hits, compare_hits, GINT_TO_POINTER (lang));
}

void
pst_kb_search_hit_free (PstKbSearchHit *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->title);
  g_free (self->snippet);
  g_free (self);
}

void
pst_kb_search_result_free (PstKbSearchResult *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_free (self->did_you_mean);
  g_free (self->match);
  g_free (self);
}

/* Snippets are made for the hits that are kept only (snippet_sql), once
 * the pool of BM25's best is reordered and cut.
 */
static const char search_sql[] =
  "SELECT a.id, a.lang, a.title,"
  "       bm25 (kb_articles_fts, ?4, ?5, ?6) AS score"
  "  FROM kb_articles_fts JOIN kb_articles AS a ON a.num = kb_articles_fts.rowid"
  " WHERE kb_articles_fts MATCH ?1"
  "   AND (a.office IS NULL OR a.office = ?7)"
  " ORDER BY (a.lang = ?8) DESC, score, a.id"
  " LIMIT ?9";

static const char snippet_sql[] =
  "SELECT snippet (kb_articles_fts, 1, ?2, ?3, '…', 24)"
  "  FROM kb_articles_fts"
  " WHERE kb_articles_fts MATCH ?1"
  "   AND rowid = (SELECT num FROM kb_articles WHERE id = ?4)";

static gboolean
run_match (PstStore    *store,
           const char  *match,
           PstLang      lang,
           const char  *office,
           guint        limit,
           GPtrArray   *hits,
           GError     **error)
{
  g_auto(PstStoreStatement) stmt = pst_store_prepare (store, search_sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 4, TITLE_WEIGHT);
  sqlite3_bind_double (stmt, 5, BODY_WEIGHT);
  sqlite3_bind_double (stmt, 6, TAGS_WEIGHT);
  if (office != NULL)
    sqlite3_bind_text (stmt, 7, office, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_text (stmt, 8, pst_lang_to_string (lang), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, (int) limit);

  while (TRUE)
    {
      g_autoptr(GError) local_error = NULL;
      PstKbSearchHit *hit;

      if (!pst_store_step_row (store, stmt, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          return TRUE;
        }

      hit = g_new0 (PstKbSearchHit, 1);
      hit->id = g_strdup (pst_store_column_text (stmt, 0));
      if (!pst_lang_from_string (pst_store_column_text (stmt, 1), &hit->lang))
        hit->lang = PST_LANG_ID;
      hit->title = g_strdup (pst_store_column_text (stmt, 2));
      hit->score = -sqlite3_column_double (stmt, 3);
      g_ptr_array_add (hits, hit);
    }
}

/* Gives each of @hits its snippet of the body, the words of @match marked. */
static gboolean
add_snippets (PstStore    *store,
              const char  *match,
              const char  *mark_open,
              const char  *mark_close,
              GPtrArray   *hits,
              GError     **error)
{
  for (guint i = 0; i < hits->len; i++)
    {
      PstKbSearchHit *hit = g_ptr_array_index (hits, i);
      g_auto(PstStoreStatement) stmt = pst_store_prepare (store, snippet_sql, error);
      g_autoptr(GError) local_error = NULL;

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, mark_open, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, mark_close, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, hit->id, -1, SQLITE_TRANSIENT);
      if (pst_store_step_row (store, stmt, &local_error))
        hit->snippet = g_strdup (pst_store_column_text (stmt, 0));
      else if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (hit->snippet == NULL)
        hit->snippet = g_strdup ("");
    }

  return TRUE;
}

static gboolean
has_hit (GPtrArray  *hits,
         const char *id)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_str_equal (((PstKbSearchHit *) g_ptr_array_index (hits, i))->id, id))
      return TRUE;

  return FALSE;
}

/* The index's words (surface forms and roots), for the speller. */
static GHashTable *
load_vocabulary (PstStore  *store,
                 GError   **error)
{
  g_autoptr(GHashTable) vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(PstStoreStatement) stmt = NULL;

  if (!pst_store_exec (store,
                       "CREATE VIRTUAL TABLE IF NOT EXISTS temp.pst_kb_vocabulary"
                       "  USING fts5vocab (main, 'kb_articles_fts', 'row')",
                       error))
    return NULL;

  stmt = pst_store_prepare (store, "SELECT term FROM temp.pst_kb_vocabulary", error);
  if (stmt == NULL)
    return NULL;

  while (TRUE)
    {
      g_autoptr(GError) local_error = NULL;

      if (!pst_store_step_row (store, stmt, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          break;
        }
      g_hash_table_add (vocabulary, g_strdup (pst_store_column_text (stmt, 0)));
    }

  return g_steal_pointer (&vocabulary);
}

/* A query with each word the index does not know replaced by hunspell's
 * first suggestion that it does know; NULL when there is none.
 */
static char *
suggest_query (PstStore    *store,
               const char  *query,
               GError     **error)
{
  g_autoptr(GHashTable) vocabulary = load_vocabulary (store, error);
  g_auto(GStrv) words = NULL;
  g_autofree char **known = NULL;
  gboolean changed = FALSE;

  if (vocabulary == NULL)
    return NULL;

  known = (char **) g_hash_table_get_keys_as_array (vocabulary, NULL);
  words = pst_kb_tokenizer_split_words (query);
  for (guint i = 0; words[i] != NULL && i < MAX_WORDS; i++)
    {
      g_auto(GStrv) suggestions = NULL;

      if (g_hash_table_contains (vocabulary, words[i]) || is_stop_word (words[i]))
        continue;

      suggestions = pst_kb_tokenizer_suggest (words[i], known);
      for (guint s = 0; suggestions[s] != NULL; s++)
        {
          g_auto(GStrv) forms = pst_kb_tokenizer_analyze_word (suggestions[s]);
          gboolean found = FALSE;

          for (guint f = 0; forms[f] != NULL && !found; f++)
            found = g_hash_table_contains (vocabulary, forms[f]);
          if (found)
            {
              g_free (words[i]);
              words[i] = g_strdup (suggestions[s]);
              changed = TRUE;
              break;
            }
        }
    }

  return changed ? g_strjoinv (" ", words) : NULL;
}

gboolean
pst_kb_search_reindex (PstStore  *store,
                       gboolean   stemming,
                       GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The triggers name the table, so they keep working on the new one. */
  sql = g_strdup_printf ("DROP TABLE kb_articles_fts;"
                         "CREATE VIRTUAL TABLE kb_articles_fts USING fts5 ("
                         "  title, body, tags,"
                         "  content = 'kb_articles', content_rowid = 'num',"
                         "  tokenize = '%s'"
                         ");"
                         "INSERT INTO kb_articles_fts (kb_articles_fts) VALUES ('rebuild');",
                         stemming ? "pst" : "unicode61 remove_diacritics 2");

  if (!pst_store_exec (store, sql, error))
    return FALSE;

  g_object_set_data (G_OBJECT (store), "pst-kb-search-plain", GINT_TO_POINTER (!stemming));
  return TRUE;
}

/* Searches the knowledge base of @store for @query, articles in @lang
 * first. @office limits the articles to the national ones and that
 * office's (NULL: national only). @limit 0 means 10; at most 100. A query
 * with no word gives no hits and no error; only a database failure is an
 * error.
 */
PstKbSearchResult *
pst_kb_search (PstStore    *store,
               const char  *query,
               PstLang      lang,
               const char  *office,
               guint        limit,
               const char  *mark_open,
               const char  *mark_close,
               GError     **error)
{
  g_autoptr(PstKbSearchResult) result = NULL;
  g_autoptr(GPtrArray) clauses = NULL;
  gint64 started = g_get_monotonic_time ();
  gboolean plain;
  guint pool;

  g_return_val_if_fail (PST_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail ((guint) lang < PST_N_LANGS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (mark_open == NULL)
    mark_open = "";
  if (mark_close == NULL)
    mark_close = "";
  if (limit == 0)
    limit = DEFAULT_LIMIT;
  limit = MIN (limit, MAX_LIMIT);
  pool = MAX (limit, RERANK_POOL);
  plain = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (store), "pst-kb-search-plain"));

  result = g_new0 (PstKbSearchResult, 1);
  result->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_kb_search_hit_free);

  result->match = pst_kb_search_build_match (query, TRUE);
  if (result->match != NULL)
    {
      g_autofree char *any = pst_kb_search_build_match (query, FALSE);

      clauses = query_forms (query, plain);
      if (!run_match (store, result->match, lang, office, pool, result->hits, error))
        return NULL;
      rerank (result->hits, clauses, plain, lang);

      /* Articles with only some of the words join those with all, whose
       * scores count half as much again; not needed when a whole pool has
       * all the words.
       */
      if (!g_str_equal (any, result->match) && result->hits->len < pool)
        {
          g_autoptr(GPtrArray) more =
            g_ptr_array_new_with_free_func ((GDestroyNotify) pst_kb_search_hit_free);

          if (!run_match (store, any, lang, office, pool, more, error))
            return NULL;
          rerank (more, clauses, plain, lang);

          for (guint i = 0; i < result->hits->len; i++)
            ((PstKbSearchHit *) g_ptr_array_index (result->hits, i))->score *= ALL_WORDS_BONUS;
          for (guint i = 0; i < more->len; i++)
            {
              PstKbSearchHit *hit = g_ptr_array_index (more, i);

              if (!has_hit (result->hits, hit->id))
                g_ptr_array_add (result->hits, g_steal_pointer (&more->pdata[i]));
            }
          g_ptr_array_sort_with_data (result->hits, compare_hits, GINT_TO_POINTER (lang));

          if (more->len > 0)
            {
              g_autofree char *all = g_steal_pointer (&result->match);

              result->match = g_strdup_printf ("(%s) ; (%s)", all, any);
            }
        }

      if (result->hits->len > limit)
        g_ptr_array_set_size (result->hits, limit);

      if (!add_snippets (store, any, mark_open, mark_close, result->hits, error))
        return NULL;

      if (result->hits->len == 0)
        {
          g_autoptr(GError) local_error = NULL;

          result->did_you_mean = suggest_query (store, query, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
    }

  result->took_us = g_get_monotonic_time () - started;
  return g_steal_pointer (&result);
}
