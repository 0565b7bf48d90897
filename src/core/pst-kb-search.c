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
#include <math.h>
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
#define MAX_CORRECTED   4     /* unknown words a "did you mean" looks up */
#define READER_MMAP_SIZE 268435456  /* 256 MiB of the file mapped for a reader */

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
  g_free (self->office);
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

/* What a store keeps between searches for one generation of its index
 * (it is read again when the index changed):
 * - The articles' language and office, by rowid, from the covering index
 *   on (lang, office): the search ranks the index alone and picks its
 *   best here, instead of joining every match with kb_articles, whose
 *   office is stored after the body (a match read the whole row).
 * - Their sizes in tokens, from the index's docsize table, for the
 *   ranking function (pst_bm25, below): FTS5's bm25() looks each match's
 *   size up with a statement of its own.
 * - The index's words for the "did you mean", read when one is first
 *   needed (fts5vocab reads every term's whole document list: about a
 *   second at 100,000 articles) and given to the speller once.
 * Every write of an article goes through the index (the triggers: a
 * change of language or office comes with its title in the same UPDATE),
 * so a new generation of the index is also one of the articles.
 */
typedef struct
{
  gint64 num;
  guint  office;    /* in IndexCache.offices; 0: national */
  guint  lang;      /* PstLang */
  guint  n_tokens;  /* in all its columns; NO_SIZE if unknown */
} IndexedArticle;

#define NO_SIZE G_MAXUINT

typedef struct
{
  GBytes     *generation;   /* the FTS5 structure record it was made from */
  GArray     *articles;     /* IndexedArticle, by num; NULL until needed */
  GPtrArray  *offices;      /* office codes, [0] NULL for national */
  GHashTable *vocabulary;   /* the index's words; NULL until needed */
  gboolean    spelled;      /* the speller has them */
} IndexCache;

#define INDEX_CACHE_KEY "pst-kb-search-index-cache"

static void
index_cache_clear (IndexCache *cache)
{
  g_clear_pointer (&cache->generation, g_bytes_unref);
  g_clear_pointer (&cache->articles, g_array_unref);
  g_clear_pointer (&cache->offices, g_ptr_array_unref);
  g_clear_pointer (&cache->vocabulary, g_hash_table_unref);
  cache->spelled = FALSE;
}

static void
index_cache_free (gpointer data)
{
  index_cache_clear (data);
  g_free (data);
}

/* The index's generation: its structure record (rowid 10 of the _data
 * shadow table), which every write to the index replaces (its segments
 * and write counter change).
 */
static GBytes *
read_generation (PstStore  *store,
                 GError   **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = pst_store_prepare (store, "SELECT block FROM kb_articles_fts_data WHERE id = 10", error);
  if (stmt == NULL)
    return NULL;

  if (!pst_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_bytes_new (NULL, 0);
    }

  return g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
}

/* The cache of @store for its index as it is now: emptied when another
 * connection or this one changed the index since it was filled.
 */
static IndexCache *
get_index_cache (PstStore  *store,
                 GError   **error)
{
  IndexCache *cache = g_object_get_data (G_OBJECT (store), INDEX_CACHE_KEY);
  g_autoptr(GBytes) generation = read_generation (store, error);

  if (generation == NULL)
    return NULL;

  if (cache == NULL)
    {
      cache = g_new0 (IndexCache, 1);
      g_object_set_data_full (G_OBJECT (store), INDEX_CACHE_KEY, cache, index_cache_free);
    }

  if (cache->generation == NULL || !g_bytes_equal (cache->generation, generation))
    {
      index_cache_clear (cache);
      cache->generation = g_steal_pointer (&generation);
    }

  return cache;
}

static int
compare_indexed_articles (gconstpointer a,
                          gconstpointer b)
{
  gint64 num_a = ((const IndexedArticle *) a)->num;
  gint64 num_b = ((const IndexedArticle *) b)->num;

  return num_a < num_b ? -1 : num_a > num_b;
}

static IndexedArticle *
find_article (IndexCache *cache,
              gint64      num)
{
  IndexedArticle key = { num, 0, 0, 0 };

  return bsearch (&key, cache->articles->data, cache->articles->len, sizeof (IndexedArticle),
                  compare_indexed_articles);
}

/* Sums the varints of a docsize record (one per column), as FTS5 writes
 * them (sqlite's varint format); NO_SIZE when it is not one.
 */
static guint
sum_docsize (const guchar *data,
             int           length)
{
  guint64 total = 0;
  int i = 0;

  while (i < length)
    {
      guint64 value = 0;
      int n = 0;

      while (TRUE)
        {
          if (i >= length)
            return NO_SIZE;
          if (n == 8)
            {
              value = (value << 8) | data[i++];
              break;
            }
          value = (value << 7) | (data[i] & 0x7f);
          n++;
          if ((data[i++] & 0x80) == 0)
            break;
        }
      total += value;
    }

  return total < NO_SIZE ? (guint) total : NO_SIZE;
}

/* Gives @cache's articles their sizes in tokens. */
static gboolean
load_sizes (PstStore    *store,
            IndexCache  *cache,
            GError     **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store, "SELECT id, sz FROM kb_articles_fts_docsize", error);
  if (stmt == NULL)
    return FALSE;

  while (TRUE)
    {
      g_autoptr(GError) local_error = NULL;
      IndexedArticle *article;

      if (!pst_store_step_row (store, stmt, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          return TRUE;
        }

      article = find_article (cache, sqlite3_column_int64 (stmt, 0));
      if (article != NULL)
        article->n_tokens = sum_docsize (sqlite3_column_blob (stmt, 1),
                                         sqlite3_column_bytes (stmt, 1));
    }
}

/* Fills @cache's articles: about 30 ms and 2.3 MiB at 100,000. */
static gboolean
load_articles (PstStore    *store,
               IndexCache  *cache,
               GError     **error)
{
  g_autoptr(GHashTable) office_indices = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) articles = g_array_new (FALSE, FALSE, sizeof (IndexedArticle));
  g_autoptr(GPtrArray) offices = g_ptr_array_new_with_free_func (g_free);
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store, "SELECT num, lang, office FROM kb_articles", error);
  if (stmt == NULL)
    return FALSE;

  g_ptr_array_add (offices, NULL);
  while (TRUE)
    {
      g_autoptr(GError) local_error = NULL;
      const char *office;
      IndexedArticle article = { 0 };
      PstLang lang = PST_LANG_ID;

      if (!pst_store_step_row (store, stmt, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }

      article.num = sqlite3_column_int64 (stmt, 0);
      article.n_tokens = NO_SIZE;
      if (pst_lang_from_string (pst_store_column_text (stmt, 1), &lang))
        article.lang = lang;
      office = pst_store_column_text (stmt, 2);
      if (office != NULL)
        {
          gpointer index;

          if (!g_hash_table_lookup_extended (office_indices, office, NULL, &index))
            {
              index = GUINT_TO_POINTER (offices->len);
              g_ptr_array_add (offices, g_strdup (office));
              g_hash_table_insert (office_indices, g_ptr_array_index (offices, offices->len - 1),
                                   index);
            }
          article.office = GPOINTER_TO_UINT (index);
        }
      g_array_append_val (articles, article);
    }

  g_array_sort (articles, compare_indexed_articles);
  cache->articles = g_steal_pointer (&articles);
  cache->offices = g_steal_pointer (&offices);
  return load_sizes (store, cache, error);
}


/* The office index of @office in @cache; 0 (national only) when no
 * article belongs to it or it is NULL.
 */
static guint
find_office (IndexCache *cache,
             const char *office)
{
  for (guint i = 1; office != NULL && i < cache->offices->len; i++)
    if (g_str_equal (g_ptr_array_index (cache->offices, i), office))
      return i;

  return 0;
}

/* The index is ranked alone (search_sql); the best are picked in C by
 * language, office and score, then read (article_sql). Snippets are made
 * for the hits that are kept only (snippet_sql), once the pool of BM25's
 * best is reordered and cut.
 */
static const char search_sql[] =
  "SELECT rowid, pst_bm25 (kb_articles_fts, ?5, ?2, ?3, ?4)"
  "  FROM kb_articles_fts"
  " WHERE kb_articles_fts MATCH ?1";

/* pst_bm25 (table, cache, weight…): FTS5's bm25() (fts5_aux.c, same
 * formula, constants and order of operations, so the same scores), but
 * each row's size comes from the IndexCache bound as the first argument
 * instead of a docsize lookup per row; a row it does not know is looked
 * up as bm25() does.
 */
#define BM25_K1 1.2
#define BM25_B  0.75
#define INDEX_CACHE_POINTER "pst-kb-index-cache"

typedef struct
{
  int     n_phrases;
  double  avgdl;
  double *idf;
  double *freq;
} Bm25Data;

static int
count_phrase_cb (const Fts5ExtensionApi *api,
                 Fts5Context            *fts,
                 void                   *user_data)
{
  (*(sqlite3_int64 *) user_data)++;
  return SQLITE_OK;
}

static void
bm25_data_free (void *data)
{
  Bm25Data *bm25 = data;

  g_free (bm25->idf);
  g_free (bm25->freq);
  g_free (bm25);
}

/* The per-query part of BM25: the average size and each phrase's IDF. */
static int
get_bm25_data (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               Bm25Data               **out)
{
  Bm25Data *bm25 = api->xGetAuxdata (fts, 0);
  sqlite3_int64 n_rows = 0;
  sqlite3_int64 n_tokens = 0;
  int rc;

  if (bm25 != NULL)
    {
      *out = bm25;
      return SQLITE_OK;
    }

  bm25 = g_new0 (Bm25Data, 1);
  bm25->n_phrases = api->xPhraseCount (fts);
  bm25->idf = g_new0 (double, MAX (bm25->n_phrases, 1));
  bm25->freq = g_new0 (double, MAX (bm25->n_phrases, 1));

  rc = api->xRowCount (fts, &n_rows);
  if (rc == SQLITE_OK)
    rc = api->xColumnTotalSize (fts, -1, &n_tokens);
  if (rc == SQLITE_OK)
    bm25->avgdl = (double) n_tokens / (double) n_rows;

  for (int i = 0; rc == SQLITE_OK && i < bm25->n_phrases; i++)
    {
      sqlite3_int64 n_hits = 0;

      rc = api->xQueryPhrase (fts, i, &n_hits, count_phrase_cb);
      if (rc == SQLITE_OK)
        {
          double idf = log ((n_rows - n_hits + 0.5) / (n_hits + 0.5));

          bm25->idf[i] = idf <= 0.0 ? 1e-6 : idf;
        }
    }

  if (rc == SQLITE_OK)
    rc = api->xSetAuxdata (fts, bm25, bm25_data_free);
  else
    bm25_data_free (bm25);
  *out = rc == SQLITE_OK ? bm25 : NULL;
  return rc;
}

static void
pst_bm25_function (const Fts5ExtensionApi  *api,
                   Fts5Context             *fts,
                   sqlite3_context         *context,
                   int                      n_values,
                   sqlite3_value          **values)
{
  IndexCache *cache = n_values > 0 ? sqlite3_value_pointer (values[0], INDEX_CACHE_POINTER) : NULL;
  IndexedArticle *article = NULL;
  Bm25Data *bm25 = NULL;
  double score = 0.0;
  double size = 0.0;
  int n_instances = 0;
  int rc;

  rc = get_bm25_data (api, fts, &bm25);
  if (rc == SQLITE_OK)
    {
      memset (bm25->freq, 0, sizeof (double) * bm25->n_phrases);
      rc = api->xInstCount (fts, &n_instances);
    }
  for (int i = 0; rc == SQLITE_OK && i < n_instances; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK)
        bm25->freq[phrase] += n_values > column + 1 ? sqlite3_value_double (values[column + 1])
                                                    : 1.0;
    }

  if (rc == SQLITE_OK && cache != NULL && cache->articles != NULL)
    article = find_article (cache, api->xRowid (fts));
  if (rc == SQLITE_OK && article != NULL && article->n_tokens != NO_SIZE)
    size = (double) article->n_tokens;
  else if (rc == SQLITE_OK)
    {
      int n_tokens = 0;

      rc = api->xColumnSize (fts, -1, &n_tokens);
      size = (double) n_tokens;
    }

  for (int i = 0; rc == SQLITE_OK && i < bm25->n_phrases; i++)
    score += bm25->idf[i] * ((bm25->freq[i] * (BM25_K1 + 1.0)) /
                             (bm25->freq[i] + BM25_K1 * (1 - BM25_B + BM25_B * size / bm25->avgdl)));

  if (rc == SQLITE_OK)
    sqlite3_result_double (context, -1.0 * score);
  else
    sqlite3_result_error_code (context, rc);
}

/* Registers pst_bm25 on @store's connection, once. */
static gboolean
register_rank_function (PstStore  *store,
                        GError   **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  fts5_api *api = NULL;
  int rc;

  if (g_object_get_data (G_OBJECT (store), "pst-kb-search-bm25") != NULL)
    return TRUE;

  stmt = pst_store_prepare (store, "SELECT fts5 (?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  if (!pst_store_step_row (store, stmt, &local_error) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (api == NULL)
    {
      g_set_error_literal (error, PST_STORE_ERROR, PST_STORE_ERROR_FAILED, "sqlite has no FTS5");
      return FALSE;
    }

  rc = api->xCreateFunction (api, "pst_bm25", NULL, pst_bm25_function, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PST_STORE_ERROR, PST_STORE_ERROR_FAILED,
                   "Could not register the ranking function: %s", sqlite3_errstr (rc));
      return FALSE;
    }

  g_object_set_data (G_OBJECT (store), "pst-kb-search-bm25", GINT_TO_POINTER (TRUE));
  return TRUE;
}

static const char article_sql[] =
  "SELECT id, title, category, office FROM kb_articles WHERE num = ?1";

static const char snippet_sql[] =
  "SELECT snippet (kb_articles_fts, 1, ?2, ?3, '…', 24)"
  "  FROM kb_articles_fts"
  " WHERE kb_articles_fts MATCH ?1"
  "   AND rowid = (SELECT num FROM kb_articles WHERE id = ?4)";

/* A match on its way into the pool. */
typedef struct
{
  gboolean  other_lang;
  double    bm25;        /* lower is better */
  gint64    num;
  PstLang   lang;
  char     *id;          /* read for the pool only */
  char     *title;
  PstCategory category;
  char     *office;
} Candidate;

/* Extra places in the pool for matches tied with its last one: the
 * article ID, read for the pool only, orders ties.
 */
#define POOL_TIES 8

static void
candidate_clear (gpointer data)
{
  Candidate *candidate = data;

  g_clear_pointer (&candidate->id, g_free);
  g_clear_pointer (&candidate->title, g_free);
  g_clear_pointer (&candidate->office, g_free);
}

static int
compare_candidates (const Candidate *a,
                    const Candidate *b)
{
  if (a->other_lang != b->other_lang)
    return a->other_lang ? 1 : -1;
  if (a->bm25 != b->bm25)
    return a->bm25 < b->bm25 ? -1 : 1;
  if (a->id != NULL && b->id != NULL)
    return strcmp (a->id, b->id);
  return a->num < b->num ? -1 : a->num > b->num;
}

static int
compare_candidates_cb (gconstpointer a,
                       gconstpointer b)
{
  return compare_candidates (a, b);
}

/* Keeps @candidate among the @size best of @pool, in order. */
static void
pool_offer (GArray          *pool,
            guint            size,
            const Candidate *candidate)
{
  guint at;

  if (pool->len == size &&
      compare_candidates (candidate, &g_array_index (pool, Candidate, pool->len - 1)) >= 0)
    return;

  at = pool->len;
  while (at > 0 && compare_candidates (candidate, &g_array_index (pool, Candidate, at - 1)) < 0)
    at--;
  g_array_insert_val (pool, at, *candidate);
  if (pool->len > size)
    g_array_set_size (pool, size);
}

/* Reads the ID and title of @pool's articles, orders the pool again with
 * the IDs, and adds its first @limit to @hits.
 */
static gboolean
read_pool (PstStore    *store,
           GArray      *pool,
           guint        limit,
           GPtrArray   *hits,
           GError     **error)
{
  for (guint i = 0; i < pool->len; i++)
    {
      Candidate *candidate = &g_array_index (pool, Candidate, i);
      g_auto(PstStoreStatement) stmt = pst_store_prepare (store, article_sql, error);
      g_autoptr(GError) local_error = NULL;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, candidate->num);
      if (pst_store_step_row (store, stmt, &local_error))
        {
          const char *category = pst_store_column_text (stmt, 2);

          candidate->id = g_strdup (pst_store_column_text (stmt, 0));
          candidate->title = g_strdup (pst_store_column_text (stmt, 1));
          if (category == NULL || !pst_category_from_string (category, &candidate->category))
            candidate->category = PST_CATEGORY_OTHER;
          candidate->office = g_strdup (pst_store_column_text (stmt, 3));
        }
      else if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  g_array_sort (pool, compare_candidates_cb);

  for (guint i = 0; i < pool->len && hits->len < limit; i++)
    {
      Candidate *candidate = &g_array_index (pool, Candidate, i);
      PstKbSearchHit *hit;

      if (candidate->id == NULL)
        continue;
      hit = g_new0 (PstKbSearchHit, 1);
      hit->id = g_steal_pointer (&candidate->id);
      hit->lang = candidate->lang;
      hit->title = g_steal_pointer (&candidate->title);
      hit->category = candidate->category;
      hit->office = g_steal_pointer (&candidate->office);
      hit->score = -candidate->bm25;
      g_ptr_array_add (hits, hit);
    }

  return TRUE;
}

/* Adds to @hits the @limit best articles for @match, national or of
 * @office, those in @lang first, by BM25.
 */
static gboolean
run_match (PstStore    *store,
           IndexCache  *cache,
           const char  *match,
           PstLang      lang,
           const char  *office,
           guint        limit,
           GPtrArray   *hits,
           GError     **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_autoptr(GArray) pool = g_array_sized_new (FALSE, FALSE, sizeof (Candidate), limit + POOL_TIES);
  guint office_index;

  if (!register_rank_function (store, error) ||
      (cache->articles == NULL && !load_articles (store, cache, error)))
    return FALSE;
  stmt = pst_store_prepare (store, search_sql, error);
  if (stmt == NULL)
    return FALSE;

  g_array_set_clear_func (pool, candidate_clear);
  office_index = find_office (cache, office);

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 2, TITLE_WEIGHT);
  sqlite3_bind_double (stmt, 3, BODY_WEIGHT);
  sqlite3_bind_double (stmt, 4, TAGS_WEIGHT);
  sqlite3_bind_pointer (stmt, 5, cache, INDEX_CACHE_POINTER, NULL);

  while (TRUE)
    {
      g_autoptr(GError) local_error = NULL;
      const IndexedArticle *article;
      Candidate candidate = { 0 };

      if (!pst_store_step_row (store, stmt, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }

      /* Not in the cache: written after the generation was read, outside
       * a transaction; the next search sees it.
       */
      article = find_article (cache, sqlite3_column_int64 (stmt, 0));
      if (article == NULL || (article->office != 0 && article->office != office_index))
        continue;

      candidate.num = article->num;
      candidate.lang = (PstLang) article->lang;
      candidate.other_lang = candidate.lang != lang;
      candidate.bm25 = sqlite3_column_double (stmt, 1);
      pool_offer (pool, limit + POOL_TIES, &candidate);
    }
  g_clear_pointer (&stmt, pst_store_statement_release);

  return read_pool (store, pool, limit, hits, error);
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

static const char vocabulary_sql[] =
  "CREATE VIRTUAL TABLE IF NOT EXISTS temp.pst_kb_vocabulary"
  "  USING fts5vocab (main, 'kb_articles_fts', 'row')";

/* The index's words (surface forms and roots), for the speller. */
static GHashTable *
load_vocabulary (PstStore  *store,
                 GError   **error)
{
  g_autoptr(GHashTable) vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(PstStoreStatement) stmt = NULL;

  if (!pst_store_exec (store, vocabulary_sql, error))
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
 * first suggestion that it does know; NULL when there is none. At most
 * MAX_CORRECTED words are looked up (each costs hunspell a walk of its
 * dictionary); the others stay as typed.
 */
static char *
suggest_query (PstStore    *store,
               IndexCache  *cache,
               const char  *query,
               GError     **error)
{
  GHashTable *vocabulary;
  g_auto(GStrv) words = NULL;
  g_autofree char **known = NULL;
  gboolean changed = FALSE;
  guint looked_up = 0;

  if (cache->vocabulary == NULL)
    {
      cache->vocabulary = load_vocabulary (store, error);
      if (cache->vocabulary == NULL)
        return NULL;
    }
  vocabulary = cache->vocabulary;

  /* The speller keeps the words it was given, for the whole process. */
  if (!cache->spelled)
    known = (char **) g_hash_table_get_keys_as_array (vocabulary, NULL);
  words = pst_kb_tokenizer_split_words (query);
  for (guint i = 0; words[i] != NULL && i < MAX_WORDS && looked_up < MAX_CORRECTED; i++)
    {
      g_auto(GStrv) suggestions = NULL;

      if (g_hash_table_contains (vocabulary, words[i]) || is_stop_word (words[i]))
        continue;

      looked_up++;
      suggestions = pst_kb_tokenizer_suggest (words[i], known);
      g_clear_pointer (&known, g_free);
      cache->spelled = TRUE;
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
  g_object_set_data (G_OBJECT (store), INDEX_CACHE_KEY, NULL);
  return TRUE;
}

/* Readies @store, a connection that only searches (pst-server's search
 * pool), for many searches: the database file is mapped in memory (pages
 * are read without a copy each), the vocabulary table of the "did you
 * mean" is made, then every write is refused (PRAGMA query_only).
 */
gboolean
pst_kb_search_prepare_reader (PstStore  *store,
                              GError   **error)
{
  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return pst_store_exec (store, "PRAGMA mmap_size = " G_STRINGIFY (READER_MMAP_SIZE), error) &&
         pst_store_exec (store, vocabulary_sql, error) &&
         pst_store_exec (store, "PRAGMA query_only = ON", error);
}

/* The search itself, in one snapshot of the database. */
static gboolean
search_snapshot (PstStore           *store,
                 PstKbSearchResult  *result,
                 const char         *query,
                 PstLang             lang,
                 const char         *office,
                 guint               limit,
                 const char         *mark_open,
                 const char         *mark_close,
                 GError            **error)
{
  g_autoptr(GPtrArray) clauses = NULL;
  g_autofree char *any = NULL;
  IndexCache *cache;
  gboolean plain;
  guint pool;

  result->match = pst_kb_search_build_match (query, TRUE);
  if (result->match == NULL)
    return TRUE;

  cache = get_index_cache (store, error);
  if (cache == NULL)
    return FALSE;

  pool = MAX (limit, RERANK_POOL);
  plain = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (store), "pst-kb-search-plain"));
  any = pst_kb_search_build_match (query, FALSE);
  clauses = query_forms (query, plain);
  if (!run_match (store, cache, result->match, lang, office, pool, result->hits, error))
    return FALSE;
  rerank (result->hits, clauses, plain, lang);

  /* Articles with only some of the words join those with all, whose
   * scores count half as much again; not needed when a whole pool has
   * all the words.
   */
  if (!g_str_equal (any, result->match) && result->hits->len < pool)
    {
      g_autoptr(GPtrArray) more =
        g_ptr_array_new_with_free_func ((GDestroyNotify) pst_kb_search_hit_free);

      if (!run_match (store, cache, any, lang, office, pool, more, error))
        return FALSE;
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
    return FALSE;

  if (result->hits->len == 0)
    {
      g_autoptr(GError) local_error = NULL;

      result->did_you_mean = suggest_query (store, cache, query, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

/* Searches the knowledge base of @store for @query, articles in @lang
 * first. @office limits the articles to the national ones and that
 * office's (NULL: national only). @limit 0 means 10; at most 100. A query
 * with no word gives no hits and no error; only a database failure is an
 * error. Outside a transaction the search opens a read transaction of its
 * own, so that it reads one snapshot.
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
  gint64 started = g_get_monotonic_time ();
  gboolean own_transaction;
  gboolean ok;

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

  result = g_new0 (PstKbSearchResult, 1);
  result->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_kb_search_hit_free);

  own_transaction = !pst_store_in_transaction (store);
  if (own_transaction && !pst_store_begin_read (store, error))
    return NULL;
  ok = search_snapshot (store, result, query, lang, office, limit, mark_open, mark_close, error);
  if (own_transaction)
    {
      if (ok)
        pst_store_commit (store, NULL);
      else
        pst_store_rollback (store, NULL);
    }
  if (!ok)
    return NULL;

  result->took_us = g_get_monotonic_time () - started;
  return g_steal_pointer (&result);
}
