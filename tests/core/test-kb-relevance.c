/* test-kb-relevance.c: how well the knowledge-base search finds the seed
 * articles for the questions people ask, with and without stemming.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kb-search.h"
#include "pst-store.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* The index is every article of data/kb/seed-*.json (PST_DATA_DIR), each
 * stored with its external_id as its ID, searched through the core search
 * (pst_kb_search(): the synonyms, the MATCH building and the ranking the
 * server uses).
 *
 * The queries are every tests/kb/relevance-*.json, each a JSON array of
 *
 *   {"query": "what a requester types",
 *    "lang": "id" | "en",                  the language of the asker
 *    "expected": ["seed/TOPIC/id", …]}     the external_ids that answer it,
 *                                          most relevant first, one to three
 *
 * and an optional "comment" member, ignored. Every query runs twice: with
 * the "pst" tokenizer (roots and stems, what the programs use) and with
 * unicode61's plain folded words (pst_kb_search_reindex()). When a query
 * finds nothing and the search offers a "did you mean", its correction
 * runs instead, as the app offers it with one click; typos count through
 * that.
 *
 * Measures, over the queries: recall@3, the share of each query's
 * expected articles among its first three hits, averaged; MRR, the mean
 * of 1/rank of the first expected article among the first ten hits (0
 * when none). Both are printed per file and overall as TAP comments, with
 * the queries whose expected articles are not all in the first three.
 * The test fails when recall@3 with stemming is below 0.9 over all the
 * queries. tests/kb/README.md has the figures and how to rerun.
 */

#define RECALL_AT_3_MIN 0.9
#define CUTOFF          3
#define LIMIT           10

typedef struct
{
  char    *file;
  char    *query;
  PstLang  lang;
  GStrv    expected;
} Query;

typedef struct
{
  double recall;
  double reciprocal_rank;
  guint  n;
} Totals;

static void
query_free (gpointer data)
{
  Query *query = data;

  g_free (query->file);
  g_free (query->query);
  g_strfreev (query->expected);
  g_free (query);
}

static JsonArray *
load_array (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_file (parser, path, &error);
  if (error != NULL)
    g_error ("%s: %s", path, error->message);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    g_error ("%s: not a JSON array", path);

  return json_array_ref (json_node_get_array (root));
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names of @dir that start with @prefix and end in .json, sorted. */
static GPtrArray *
list_files (const char *dir,
            const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = g_dir_open (dir, 0, &error);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_paths);

  return paths;
}

/* An in-memory server store holding every seed article; @ids gets their
 * external_ids.
 */
static PstStore *
open_seeded_store (GHashTable *ids)
{
  g_autofree char *dir = g_build_filename (g_getenv ("PST_DATA_DIR"), "kb", NULL);
  g_autoptr(GPtrArray) files = list_files (dir, "seed-");
  g_autoptr(GError) error = NULL;
  PstStore *store = pst_store_open (":memory:", PST_STORE_SCHEMA_SERVER, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (files->len, >=, 1);

  for (guint f = 0; f < files->len; f++)
    {
      g_autoptr(JsonArray) array = load_array (g_ptr_array_index (files, f));

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *entry = json_array_get_object_element (array, i);
          g_auto(PstStoreStatement) stmt = NULL;
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autofree char *tags = NULL;
          const char *external_id = json_object_get_string_member (entry, "external_id");

          json_generator_set_root (generator, json_object_get_member (entry, "tags"));
          tags = json_generator_to_data (generator, NULL);
          stmt = pst_store_prepare (store,
                                    "INSERT INTO kb_articles (id, external_id, lang, title, body,"
                                    " tags, category, created_at, updated_at)"
                                    " VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, 1000, 1000)",
                                    &error);
          g_assert_no_error (error);
          sqlite3_bind_text (stmt, 1, external_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, json_object_get_string_member (entry, "lang"), -1,
                             SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, json_object_get_string_member (entry, "title"), -1,
                             SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, json_object_get_string_member (entry, "body"), -1,
                             SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 5, tags, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 6, json_object_get_string_member_with_default (entry,
                                                                                  "category",
                                                                                  "other"),
                             -1, SQLITE_TRANSIENT);
          pst_store_step_done (store, stmt, &error);
          g_assert_no_error (error);
          g_hash_table_add (ids, g_strdup (external_id));
        }
    }

  return store;
}

/* Every query of tests/kb/relevance-*.json; each expected ID must be a
 * seed article's.
 */
static GPtrArray *
load_queries (GHashTable *ids)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "kb", NULL);
  g_autoptr(GPtrArray) files = list_files (dir, "relevance-");
  GPtrArray *queries = g_ptr_array_new_with_free_func (query_free);

  g_assert_cmpuint (files->len, >=, 1);

  for (guint f = 0; f < files->len; f++)
    {
      const char *path = g_ptr_array_index (files, f);
      g_autoptr(JsonArray) array = load_array (path);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *entry = json_array_get_object_element (array, i);
          JsonArray *expected;
          Query *query = g_new0 (Query, 1);
          const char *lang;

          if (entry == NULL || !json_object_has_member (entry, "query") ||
              !json_object_has_member (entry, "expected"))
            g_error ("%s: [%u] needs a query and its expected articles", path, i);

          query->file = g_path_get_basename (path);
          query->query = g_strdup (json_object_get_string_member (entry, "query"));
          lang = json_object_get_string_member_with_default (entry, "lang", "id");
          if (query->query == NULL || !pst_lang_from_string (lang, &query->lang))
            g_error ("%s: [%u] has no query text or a language other than id or en", path, i);

          expected = json_object_get_array_member (entry, "expected");
          if (expected == NULL || json_array_get_length (expected) == 0)
            g_error ("%s: [%u] \"%s\" expects no article", path, i, query->query);
          query->expected = g_new0 (char *, json_array_get_length (expected) + 1);
          for (guint e = 0; e < json_array_get_length (expected); e++)
            {
              const char *id = json_array_get_string_element (expected, e);

              if (id == NULL || !g_hash_table_contains (ids, id))
                g_error ("%s: [%u] \"%s\" expects %s, which is no seed article", path, i,
                         query->query, id != NULL ? id : "a non-string");
              query->expected[e] = g_strdup (id);
            }

          g_ptr_array_add (queries, query);
        }
    }

  return queries;
}

static PstKbSearchResult *
run_search (PstStore   *store,
            const char *text,
            PstLang     lang)
{
  g_autoptr(GError) error = NULL;
  PstKbSearchResult *result = pst_kb_search (store, text, lang, NULL, LIMIT, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* Runs @query; adds its recall@3 and reciprocal rank to @totals. */
static void
measure (PstStore    *store,
         Query       *query,
         gboolean     report,
         Totals      *totals)
{
  g_autoptr(PstKbSearchResult) result = run_search (store, query->query, query->lang);
  g_autoptr(GString) got = g_string_new (NULL);
  guint n_expected = g_strv_length (query->expected);
  guint found = 0;
  double reciprocal_rank = 0.0;

  if (result->hits->len == 0 && result->did_you_mean != NULL)
    {
      g_autofree char *corrected = g_strdup (result->did_you_mean);

      g_clear_pointer (&result, pst_kb_search_result_free);
      result = run_search (store, corrected, query->lang);
    }

  for (guint i = 0; i < result->hits->len; i++)
    {
      PstKbSearchHit *hit = g_ptr_array_index (result->hits, i);
      gboolean relevant = g_strv_contains ((const char *const *) query->expected, hit->id);

      if (relevant && i < CUTOFF)
        found++;
      if (relevant && reciprocal_rank == 0.0)
        reciprocal_rank = 1.0 / (i + 1);
      if (i < CUTOFF)
        g_string_append_printf (got, "%s%s %.2f", i > 0 ? ", " : "", hit->id, hit->score);
    }

  totals->recall += (double) found / n_expected;
  totals->reciprocal_rank += reciprocal_rank;
  totals->n++;

  if (report && found < n_expected)
    {
      g_autofree char *expected = g_strjoinv (", ", query->expected);

      g_test_message ("  %s \"%s\" (%s): expected %s; first three: %s", query->file, query->query,
                      pst_lang_to_string (query->lang), expected,
                      got->len > 0 ? got->str : "nothing");
    }
}

/* Runs every query; returns the overall recall@3 and prints the figures. */
static double
measure_all (PstStore   *store,
             GPtrArray  *queries,
             const char *label)
{
  g_autoptr(GHashTable) per_file = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GList) files = NULL;
  Totals all = { 0 };

  g_test_message ("%s:", label);
  for (guint i = 0; i < queries->len; i++)
    {
      Query *query = g_ptr_array_index (queries, i);
      Totals *file = g_hash_table_lookup (per_file, query->file);

      if (file == NULL)
        {
          file = g_new0 (Totals, 1);
          g_hash_table_insert (per_file, query->file, file);
        }
      measure (store, query, TRUE, file);
    }

  files = g_list_sort (g_hash_table_get_keys (per_file), (GCompareFunc) g_strcmp0);
  for (GList *l = files; l != NULL; l = l->next)
    {
      Totals *file = g_hash_table_lookup (per_file, l->data);

      g_test_message ("  %s: recall@3 %.3f, MRR %.3f over %u queries", (const char *) l->data,
                      file->recall / file->n, file->reciprocal_rank / file->n, file->n);
      all.recall += file->recall;
      all.reciprocal_rank += file->reciprocal_rank;
      all.n += file->n;
    }
  g_test_message ("  all: recall@3 %.3f, MRR %.3f over %u queries", all.recall / all.n,
                  all.reciprocal_rank / all.n, all.n);

  return all.recall / all.n;
}

static void
test_relevance (void)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(PstStore) store = open_seeded_store (ids);
  g_autoptr(GPtrArray) queries = load_queries (ids);
  g_autoptr(GError) error = NULL;
  double stemmed;
  double plain;

  g_test_message ("%u seed articles, %u queries", g_hash_table_size (ids), queries->len);
  g_assert_cmpuint (queries->len, >=, 25);

  pst_kb_search_reindex (store, FALSE, &error);
  g_assert_no_error (error);
  plain = measure_all (store, queries, "Without stemming (unicode61)");

  pst_kb_search_reindex (store, TRUE, &error);
  g_assert_no_error (error);
  stemmed = measure_all (store, queries, "With stemming (pst)");

  g_test_message ("recall@3 with stemming %.3f, without %.3f; at least %.2f needed", stemmed,
                  plain, RECALL_AT_3_MIN);
  g_assert_cmpfloat (stemmed, >=, RECALL_AT_3_MIN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kb/relevance", test_relevance);

  return g_test_run ();
}
