/* pst-bench-kb.c: indexing and query figures of the knowledge-base search,
 * beside PostgreSQL's built-in text search on the same corpus.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kb-search.h"
#include "pst-paths.h"
#include "pst-store.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The corpus is the seed knowledge base (data/kb/seed-*.json, whatever
 * exists), a few probe articles written only with root forms (so that
 * *kemiskinan* must find *miskin*), and N generated articles: each one
 * recombines sentences, titles and tags of the seed articles of its
 * language with real region names and years, from a fixed pseudo-random
 * sequence, so every run indexes the same text.
 *
 * 1. The core search: the articles are inserted into kb_articles of a
 *    server store (pst_store_open, so the "pst" tokenizer and the FTS5
 *    triggers are the server's) in one transaction; then the query mix
 *    runs through pst_kb_search() as GET /kb/search does (limit 10,
 *    snippets with markers), one warm-up pass and P measured passes, on
 *    the same connection made a reader as the server's search pool makes
 *    its own (pst_kb_search_prepare_reader()).
 * 2. PostgreSQL, when its binaries are found: a throwaway cluster in a
 *    temporary directory on a Unix socket only (run as an unprivileged
 *    user when the benchmark runs as root), the same articles loaded with
 *    \copy into a table whose stored tsvector column uses the built-in
 *    `indonesian` or `english` configuration by the article's language
 *    (title weight A, body B, tags C), a GIN index, and a search function
 *    doing what the core does: websearch_to_tsquery (all words), then
 *    the articles with any word when fewer than 10 were found, ranked by
 *    ts_rank with the weights 8:2:1, the requester's language first.
 *    Latency is psql's \timing of each call over the Unix socket.
 * 3. For the queries with an expected article (tests/kb/relevance-*.json
 *    and the probes): its rank in the first 10 hits of each system, on
 *    the seed corpus alone and on the whole corpus.
 */

#define DEFAULT_ARTICLES 100000
#define DEFAULT_PASSES   5
#define HITS             10
#define PG_PORT          "5432"
#define PG_ROLE          "bench"

static int opt_articles = DEFAULT_ARTICLES;
static int opt_passes = DEFAULT_PASSES;
static char *opt_data_dir = NULL;
static char *opt_relevance_dir = NULL;
static char *opt_pg_bin = NULL;
static char *opt_pg_user = NULL;
static gboolean opt_no_postgres = FALSE;
static gboolean opt_keep = FALSE;
static gboolean opt_verbose = FALSE;

static const GOptionEntry entries[] = {
  { "articles", 'n', 0, G_OPTION_ARG_INT, &opt_articles, "Generated articles added to the seed (100000)", "N" },
  { "passes", 'p', 0, G_OPTION_ARG_INT, &opt_passes, "Measured passes over the query mix (5)", "N" },
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_data_dir, "Folder with kb/seed-*.json (default: $PST_DATA_DIR)", "DIR" },
  { "relevance-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_relevance_dir, "Folder with relevance-*.json (default: $G_TEST_SRCDIR/kb)", "DIR" },
  { "pg-bin", 0, 0, G_OPTION_ARG_FILENAME, &opt_pg_bin, "Folder with initdb, pg_ctl and psql (default: $PST_BENCH_PG_BIN, /usr/lib/postgresql/*/bin, $PATH)", "DIR" },
  { "pg-user", 0, 0, G_OPTION_ARG_STRING, &opt_pg_user, "User PostgreSQL runs as when this runs as root (postgres)", "NAME" },
  { "no-postgres", 0, 0, G_OPTION_ARG_NONE, &opt_no_postgres, "Leave PostgreSQL out", NULL },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &opt_keep, "Keep the temporary folder (databases, scripts)", NULL },
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose, "Show each relevance query's hits", NULL },
  { NULL }
};

typedef struct
{
  char *ext;
  char *lang;
  char *title;
  char *body;
  char *tags;     /* a JSON array */
} Article;

typedef struct
{
  char     *text;
  PstLang   lang;
  char    **expected;   /* NULL when the query is only timed */
  char     *source;
} Query;

/* One system's run of the query mix. */
typedef struct
{
  GArray     *samples_ms;   /* of double, every measured call */
  GArray     *cpu_samples_ms; /* of double, the CPU time of each measured call, when known */
  double     *mean_ms;      /* per query */
  GPtrArray **hits;         /* per query: the external ids of the first pass */
  double      cpu_ms;       /* CPU time of all the calls, warm-up included */
  guint       calls;
} Run;

typedef struct
{
  char    *bin;
  char    *psql;
  char    *dir;
  char    *data;
  gboolean drop;
  uid_t    uid;
  gid_t    gid;
  gboolean started;
  char    *version;
} Pg;

/* Articles written only with root forms, and the inflected queries that
 * must find them.
 */
static const struct
{
  const char *ext;
  const char *lang;
  const char *title;
  const char *body;
  const char *query;
} probes[] = {
  { "probe/miskin", "id", "Jumlah orang miskin menurut kabupaten",
    "Tabel jumlah dan persentase orang miskin di setiap kabupaten dan kota, dari survei rumah "
    "tangga bulan Maret. Orang miskin adalah penduduk dengan pengeluaran per kapita sebulan di "
    "bawah garis yang ditetapkan.", "kemiskinan" },
  { "probe/tumbuh", "id", "Ekonomi Sulawesi Barat tumbuh 5,1 persen",
    "Perekonomian Sulawesi Barat tumbuh 5,1 persen pada triwulan III dibanding triwulan yang sama "
    "tahun lalu, didorong lapangan usaha pertanian dan perdagangan.", "pertumbuhan ekonomi" },
  { "probe/menganggur", "id", "Berapa orang yang menganggur di Mamuju",
    "Seseorang dihitung menganggur bila tidak bekerja, sedang mencari kerja atau menyiapkan usaha, "
    "dan siap bekerja.", "pengangguran" },
  { "probe/penduduk", "id", "Banyaknya penduduk menurut kecamatan",
    "Jumlah penduduk di setiap kecamatan menurut jenis kelamin, hasil proyeksi pertengahan tahun.",
    "kependudukan kecamatan" },
  { "probe/unemployed", "en", "Who is counted as unemployed",
    "A person is unemployed when without work, looking for work or preparing a business, and "
    "available to work.", "unemployment" },
  { "probe/industries", "en", "Output of manufacturing industries by province",
    "Growth of the production of each manufacturing industry, quarterly, for every province.",
    "industrial production" },
};

/* Queries timed besides the relevance ones: inflected Indonesian,
 * English, acronyms both ways, and a misspelling that finds nothing (so
 * the "did you mean" path is in the mix).
 */
static const struct
{
  const char *text;
  const char *lang;
} mix[] = {
  { "kemiskinan kabupaten", "id" }, { "pertumbuhan ekonomi triwulan", "id" },
  { "NTP", "id" }, { "nilai tukar petani bulan ini", "id" }, { "KBLI", "id" },
  { "klasifikasi baku lapangan usaha", "id" }, { "penduduk", "id" },
  { "jumlah penduduk kabupaten", "id" }, { "harga beras di penggilingan", "id" },
  { "mengadukan petugas", "id" }, { "permintaan data mikro", "id" },
  { "pengangguran terbuka", "id" }, { "sensus pertanian", "id" },
  { "tingkat penghunian kamar hotel", "id" }, { "inflasi bulanan", "id" },
  { "pelayanan statistik terpadu", "id" }, { "biaya publikasi", "id" },
  { "rekomendasi kegiatan statistik", "id" }, { "ekspor impor", "id" },
  { "bagaimana cara mendapatkan data kemiskinan desa", "id" }, { "qwertyuiop", "id" },
  { "poverty line", "en" }, { "unemployment rate", "en" }, { "farmer terms of trade", "en" },
  { "GRDP", "en" }, { "consumer price index", "en" }, { "foreign tourist arrivals", "en" },
  { "hotel occupancy", "en" }, { "microdata request", "en" },
  { "how to file a complaint", "en" }, { "agricultural census", "en" },
  { "industrial classification code", "en" }, { "population census 2020", "en" },
};

static const struct
{
  const char *name;
  gboolean    city;
} regions[] = {
  { "Mamuju", FALSE }, { "Majene", FALSE }, { "Polewali Mandar", FALSE }, { "Mamasa", FALSE },
  { "Pasangkayu", FALSE }, { "Luwu Timur", FALSE }, { "Bangka Selatan", FALSE },
  { "Halmahera Utara", FALSE }, { "Bulungan", FALSE }, { "Gowa", FALSE }, { "Bone", FALSE },
  { "Sleman", FALSE }, { "Bogor", FALSE }, { "Malang", FALSE }, { "Kupang", FALSE },
  { "Lombok Timur", FALSE }, { "Banjar", FALSE }, { "Aceh Besar", FALSE }, { "Jayapura", FALSE },
  { "Makassar", TRUE }, { "Palu", TRUE }, { "Kendari", TRUE }, { "Surabaya", TRUE },
  { "Medan", TRUE }, { "Ambon", TRUE }, { "Ternate", TRUE }, { "Pontianak", TRUE },
  { "Padang", TRUE }, { "Bandung", TRUE }, { "Denpasar", TRUE }, { "Tarakan", TRUE },
};

static void
article_free (Article *self)
{
  g_free (self->ext);
  g_free (self->lang);
  g_free (self->title);
  g_free (self->body);
  g_free (self->tags);
  g_free (self);
}

static void
query_free (Query *self)
{
  g_free (self->text);
  g_strfreev (self->expected);
  g_free (self->source);
  g_free (self);
}

static Article *
article_new (const char *ext,
             const char *lang,
             const char *title,
             const char *body,
             const char *tags)
{
  Article *self = g_new0 (Article, 1);

  self->ext = g_strdup (ext);
  self->lang = g_strdup (lang);
  self->title = g_strdup (title);
  self->body = g_strdup (body);
  self->tags = g_strdup (tags);
  return self;
}

static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* A fixed pseudo-random sequence (splitmix64), the same on every machine. */
static guint64 rng_state = 0x5eed5eed2026ULL;

static guint64
rng_next (void)
{
  guint64 z = (rng_state += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static guint
rng_below (guint n)
{
  return (guint) (rng_next () % n);
}

/* Loading. */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The files of @dir named PREFIX*.json, sorted. */
static GPtrArray *
list_json (const char *dir,
           const char *prefix)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_strings);
  return paths;
}

static JsonArray *
load_array (JsonParser  *parser,
            const char  *path,
            GError     **error)
{
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not a JSON array", path);
      return NULL;
    }
  return json_node_get_array (root);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
load_seeds (const char  *dir,
            GPtrArray   *articles,
            GString     *sources,
            GError     **error)
{
  g_autofree char *kb_dir = g_build_filename (dir, "kb", NULL);
  g_autoptr(GPtrArray) paths = list_json (kb_dir, "seed-");

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *array = load_array (parser, path, error);

      if (array == NULL)
        return FALSE;
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonNode *node = json_array_get_element (array, j);
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          const char *ext = object != NULL ? member_string (object, "external_id") : NULL;
          const char *lang = object != NULL ? member_string (object, "lang") : NULL;
          const char *title = object != NULL ? member_string (object, "title") : NULL;
          const char *body = object != NULL ? member_string (object, "body") : NULL;
          JsonNode *tags = object != NULL ? json_object_get_member (object, "tags") : NULL;
          g_autofree char *tags_json = NULL;

          if (ext == NULL || lang == NULL || title == NULL || body == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "%s: entry %u lacks external_id, lang, title or body", path, j);
              return FALSE;
            }
          tags_json = tags != NULL ? json_to_string (tags, FALSE) : g_strdup ("[]");
          g_ptr_array_add (articles, article_new (ext, lang, title, body, tags_json));
        }
      g_string_append_printf (sources, "%s%s (%u)", sources->len > 0 ? ", " : "",
                              path, json_array_get_length (array));
    }

  return TRUE;
}

static gboolean
load_relevance (const char  *dir,
                GPtrArray   *queries,
                GError     **error)
{
  g_autoptr(GPtrArray) paths = list_json (dir, "relevance-");

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *base = g_path_get_basename (path);
      JsonArray *array = load_array (parser, path, error);

      if (array == NULL)
        return FALSE;
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonNode *node = json_array_get_element (array, j);
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          const char *text = object != NULL ? member_string (object, "query") : NULL;
          const char *lang = object != NULL ? member_string (object, "lang") : NULL;
          JsonArray *expected = NULL;
          Query *query;

          if (object != NULL && json_object_has_member (object, "expected") &&
              JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "expected")))
            expected = json_object_get_array_member (object, "expected");
          if (text == NULL || lang == NULL || expected == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "%s: entry %u lacks query, lang or expected", path, j);
              return FALSE;
            }

          query = g_new0 (Query, 1);
          query->text = g_strdup (text);
          if (!pst_lang_from_string (lang, &query->lang))
            query->lang = PST_LANG_ID;
          query->expected = g_new0 (char *, json_array_get_length (expected) + 1);
          for (guint k = 0; k < json_array_get_length (expected); k++)
            query->expected[k] = g_strdup (json_array_get_string_element (expected, k));
          query->source = g_strdup (base);
          g_ptr_array_add (queries, query);
        }
    }

  return TRUE;
}

/* The generated articles. */

static void
split_sentences (const char *body,
                 GPtrArray  *out)
{
  g_auto(GStrv) lines = g_strsplit (body, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = lines[i];

      while (*p != '\0')
        {
          const char *end = strstr (p, ". ");
          g_autofree char *sentence = NULL;

          sentence = end != NULL ? g_strndup (p, end - p + 1) : g_strdup (p);
          g_strstrip (sentence);
          /* Sentences of a few words only; list markers and headings go. */
          if (strchr (sentence, ' ') != NULL && strlen (sentence) > 24)
            g_ptr_array_add (out, g_steal_pointer (&sentence));
          if (end == NULL)
            break;
          p = end + 2;
        }
    }
}

static void
generate (GPtrArray *seeds,
          int        count,
          GPtrArray *articles)
{
  GPtrArray *sentences[2];
  GPtrArray *titles[2];
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);

  for (guint l = 0; l < 2; l++)
    {
      sentences[l] = g_ptr_array_new_with_free_func (g_free);
      titles[l] = g_ptr_array_new_with_free_func (g_free);
    }

  for (guint i = 0; i < seeds->len; i++)
    {
      Article *seed = g_ptr_array_index (seeds, i);
      guint l = g_str_equal (seed->lang, "en") ? 1 : 0;
      g_autoptr(JsonNode) node = json_from_string (seed->tags, NULL);
      const char *colon = strchr (seed->title, ':');

      split_sentences (seed->body, sentences[l]);
      g_ptr_array_add (titles[l], colon != NULL ? g_strndup (seed->title, colon - seed->title)
                                                : g_strdup (seed->title));
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        for (guint t = 0; t < json_array_get_length (json_node_get_array (node)); t++)
          g_ptr_array_add (tags, g_strdup (json_array_get_string_element (json_node_get_array (node), t)));
    }

  for (int n = 0; n < count; n++)
    {
      guint l = rng_below (2);
      const char *lang = l == 1 ? "en" : "id";
      guint r = rng_below (G_N_ELEMENTS (regions));
      int year = 2015 + (int) rng_below (12);
      g_autofree char *region = NULL;
      g_autofree char *title = NULL;
      g_autofree char *ext = g_strdup_printf ("gen/%06d", n);
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) tag_node = NULL;
      g_autofree char *tags_json = NULL;
      const char *topic;
      guint n_sentences = 4 + rng_below (6);

      if (sentences[l]->len == 0 || titles[l]->len == 0)
        continue;
      topic = g_ptr_array_index (titles[l], rng_below (titles[l]->len));

      if (l == 0)
        region = g_strdup_printf ("%s %s", regions[r].city ? "Kota" : "Kabupaten", regions[r].name);
      else
        region = g_strdup_printf ("%s %s", regions[r].name, regions[r].city ? "City" : "Regency");

      switch (rng_below (3))
        {
        case 0:
          title = l == 0 ? g_strdup_printf ("%s di %s tahun %d", topic, region, year)
                         : g_strdup_printf ("%s in %s, %d", topic, region, year);
          break;
        case 1:
          title = g_strdup_printf ("%s: %s %d", topic, region, year);
          break;
        default:
          title = l == 0 ? g_strdup_printf ("Tanya jawab: %s (%s)", topic, region)
                         : g_strdup_printf ("Q&A: %s (%s)", topic, region);
          break;
        }

      g_string_append_printf (body, l == 0 ? "Catatan layanan PST %s, %d." : "PST desk note for %s, %d.",
                              region, year);
      for (guint s = 0; s < n_sentences; s++)
        {
          g_string_append (body, s % 3 == 0 ? "\n" : " ");
          g_string_append (body, g_ptr_array_index (sentences[l], rng_below (sentences[l]->len)));
        }

      json_builder_begin_array (builder);
      for (guint t = 0; t < 3 && tags->len > 0; t++)
        json_builder_add_string_value (builder, g_ptr_array_index (tags, rng_below (tags->len)));
      json_builder_end_array (builder);
      tag_node = json_builder_get_root (builder);
      tags_json = json_to_string (tag_node, FALSE);

      g_ptr_array_add (articles, article_new (ext, lang, title, body->str, tags_json));
    }

  for (guint l = 0; l < 2; l++)
    {
      g_ptr_array_unref (sentences[l]);
      g_ptr_array_unref (titles[l]);
    }
}

/* Figures. */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint index;

  if (sorted->len == 0)
    return 0;
  index = (guint) ceil (p * sorted->len);
  index = index == 0 ? 0 : index - 1;
  return g_array_index (sorted, double, MIN (index, sorted->len - 1));
}

static char *
format_bytes (gint64 bytes)
{
  return g_strdup_printf ("%.1f MiB", bytes / (1024.0 * 1024.0));
}

static Run *
run_new (guint n_queries)
{
  Run *self = g_new0 (Run, 1);

  self->samples_ms = g_array_new (FALSE, FALSE, sizeof (double));
  self->cpu_samples_ms = g_array_new (FALSE, FALSE, sizeof (double));
  self->mean_ms = g_new0 (double, n_queries);
  self->hits = g_new0 (GPtrArray *, n_queries);
  for (guint i = 0; i < n_queries; i++)
    self->hits[i] = g_ptr_array_new_with_free_func (g_free);
  return self;
}

static void
run_free (Run   *self,
          guint  n_queries)
{
  if (self == NULL)
    return;
  g_array_unref (self->samples_ms);
  g_array_unref (self->cpu_samples_ms);
  g_free (self->mean_ms);
  for (guint i = 0; i < n_queries; i++)
    g_ptr_array_unref (self->hits[i]);
  g_free (self->hits);
  g_free (self);
}

static void
print_latency (Run       *run,
               GPtrArray *queries)
{
  g_autoptr(GArray) sorted = g_array_copy (run->samples_ms);
  guint order[3] = { 0, 0, 0 };

  g_array_sort (sorted, compare_doubles);
  printf ("  query latency, %u calls: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n",
          sorted->len, percentile (sorted, 0.50), percentile (sorted, 0.95),
          percentile (sorted, 0.99), sorted->len > 0 ? g_array_index (sorted, double, sorted->len - 1) : 0);
  if (run->calls > 0 && run->cpu_ms > 0)
    printf ("  CPU time per call: %.2f ms on average (%u calls, warm-up included)\n",
            run->cpu_ms / run->calls, run->calls);
  if (run->cpu_samples_ms->len > 0)
    {
      g_autoptr(GArray) cpu = g_array_copy (run->cpu_samples_ms);

      g_array_sort (cpu, compare_doubles);
      printf ("  CPU time per measured call: p50 %.2f ms, p95 %.2f ms\n", percentile (cpu, 0.50),
              percentile (cpu, 0.95));
    }

  /* The three slowest queries by mean. */
  for (guint k = 0; k < 3 && k < queries->len; k++)
    {
      double best = -1;

      for (guint i = 0; i < queries->len; i++)
        {
          gboolean taken = FALSE;

          for (guint j = 0; j < k; j++)
            taken = taken || order[j] == i;
          if (!taken && run->mean_ms[i] > best)
            {
              best = run->mean_ms[i];
              order[k] = i;
            }
        }
      printf ("  %s \"%s\" (%s) %.2f ms\n", k == 0 ? "slowest:" : "        ",
              ((Query *) g_ptr_array_index (queries, order[k]))->text,
              pst_lang_to_string (((Query *) g_ptr_array_index (queries, order[k]))->lang),
              run->mean_ms[order[k]]);
    }
}

/* The core search. */

static gboolean
sqlite_int (PstStore    *store,
            const char  *sql,
            gint64      *out,
            GError     **error)
{
  g_auto(PstStoreStatement) stmt = pst_store_prepare (store, sql, error);

  if (stmt == NULL || !pst_store_step_one (store, stmt, error))
    return FALSE;
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static PstStore *
core_build (const char  *path,
            GPtrArray   *articles,
            double      *out_seconds,
            gint64      *out_fts_bytes,
            gint64      *out_file_bytes,
            GError     **error)
{
  g_autoptr(PstStore) store = pst_store_open (path, PST_STORE_SCHEMA_SERVER, error);
  gint64 start;
  GStatBuf st;

  if (store == NULL)
    return NULL;

  start = g_get_monotonic_time ();
  if (!pst_store_begin (store, error))
    return NULL;
  for (guint i = 0; i < articles->len; i++)
    {
      Article *article = g_ptr_array_index (articles, i);
      g_auto(PstStoreStatement) stmt =
        pst_store_prepare (store,
                           "INSERT INTO kb_articles (id, external_id, lang, title, body, tags,"
                           "                         category, created_at, updated_at)"
                           "  VALUES (?1, ?1, ?2, ?3, ?4, ?5, 'other', 1, 1)", error);

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, article->ext, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, article->lang, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, article->title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, article->body, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, article->tags, -1, SQLITE_STATIC);
      if (!pst_store_step_done (store, stmt, error))
        return NULL;
    }
  if (!pst_store_commit (store, error))
    return NULL;
  *out_seconds = seconds_since (start);

  if (!pst_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return NULL;
  /* dbstat counts the index's pages; without it, the segments' bytes. */
  if (!sqlite_int (store, "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'kb_articles_fts%'",
                   out_fts_bytes, NULL) &&
      !sqlite_int (store, "SELECT sum(length(block)) FROM kb_articles_fts_data", out_fts_bytes,
                   error))
    return NULL;
  *out_file_bytes = g_stat (path, &st) == 0 ? st.st_size : 0;

  /* Searched as the server's search pool does: a reader connection. */
  if (!pst_kb_search_prepare_reader (store, error))
    return NULL;

  return g_steal_pointer (&store);
}

static gboolean
core_run (PstStore   *store,
          GPtrArray  *queries,
          int         passes,
          Run        *run,
          GError    **error)
{
  double cpu_start = process_cpu_ms ();

  for (int pass = 0; pass <= passes; pass++)
    for (guint i = 0; i < queries->len; i++)
      {
        Query *query = g_ptr_array_index (queries, i);
        double cpu = thread_cpu_ms ();
        gint64 start = g_get_monotonic_time ();
        g_autoptr(PstKbSearchResult) result =
          pst_kb_search (store, query->text, query->lang, NULL, HITS, "<mark>", "</mark>", error);
        double ms = (g_get_monotonic_time () - start) / 1000.0;

        cpu = thread_cpu_ms () - cpu;

        if (result == NULL)
          return FALSE;
        if (pass == 0)
          {
            for (guint h = 0; h < result->hits->len; h++)
              g_ptr_array_add (run->hits[i],
                               g_strdup (((PstKbSearchHit *) g_ptr_array_index (result->hits, h))->id));
            continue;
          }
        g_array_append_val (run->samples_ms, ms);
        g_array_append_val (run->cpu_samples_ms, cpu);
        run->mean_ms[i] += ms / passes;
      }

  run->cpu_ms = process_cpu_ms () - cpu_start;
  run->calls = (passes + 1) * queries->len;
  return TRUE;
}

/* PostgreSQL. */

/* The postmaster, stopped at once if the benchmark is interrupted. */
static volatile pid_t postmaster_pid = 0;

/* The CPU time of the postmaster and of its exited children (the
 * backends psql used), in milliseconds; 0 when /proc has no answer.
 */
static double
postmaster_cpu_ms (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) postmaster_pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  double ticks = 0;

  if (postmaster_pid <= 0 || !g_file_get_contents (path, &text, NULL, NULL) ||
      (after_name = strrchr (text, ')')) == NULL)
    return 0;
  /* After "pid (comm)": state is field 3; utime, stime, cutime, cstime 14–17. */
  fields = g_strsplit (after_name + 2, " ", -1);
  if (g_strv_length (fields) < 15)
    return 0;
  for (guint i = 11; i <= 14; i++)
    ticks += g_ascii_strtod (fields[i], NULL);
  return ticks * 1000.0 / sysconf (_SC_CLK_TCK);
}

static void
interrupted_cb (int signum)
{
  if (postmaster_pid > 0)
    kill (postmaster_pid, SIGQUIT);
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
drop_privileges_cb (gpointer user_data)
{
  Pg *pg = user_data;

  if (setgroups (0, NULL) != 0 || setgid (pg->gid) != 0 || setuid (pg->uid) != 0)
    _exit (126);
}

/* Runs @argv; its output (stdout and stderr) in @out_output. */
static gboolean
pg_spawn (Pg          *pg,
          gboolean     as_server_user,
          const char  *const *argv,
          char       **out_output,
          GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_set_cwd (launcher, pg->dir);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "PGDATA");
  g_subprocess_launcher_unsetenv (launcher, "PGHOST");
  g_subprocess_launcher_unsetenv (launcher, "PGPORT");
  if (as_server_user && pg->drop)
    g_subprocess_launcher_set_child_setup (launcher, drop_privileges_cb, pg, NULL);

  process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, error))
    return FALSE;
  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s%s", argv[0],
                   err != NULL ? err : "", out != NULL ? out : "");
      return FALSE;
    }
  if (out_output != NULL)
    *out_output = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
pg_psql (Pg          *pg,
         const char  *script,
         char       **out_output,
         GError     **error)
{
  g_autofree char *path = g_build_filename (pg->dir, "script.sql", NULL);
  g_autofree char *sock = g_build_filename (pg->dir, "run", NULL);
  const char *argv[] = {
    pg->psql, "-X", "-q", "-A", "-t", "-F", "\t", "-h", sock, "-p", PG_PORT, "-U", PG_ROLE,
    "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-f", path, NULL
  };

  if (!g_file_set_contents (path, script, -1, error))
    return FALSE;
  return pg_spawn (pg, FALSE, argv, out_output, error);
}

static char *
find_pg_bin (void)
{
  const char *env = g_getenv ("PST_BENCH_PG_BIN");
  g_autofree char *pg_ctl = NULL;

  if (opt_pg_bin != NULL)
    return g_strdup (opt_pg_bin);
  if (env != NULL && *env != '\0')
    return g_strdup (env);

  /* The newest /usr/lib/postgresql/VERSION/bin (Debian), then $PATH. */
  {
    g_autoptr(GDir) dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
    const char *name;
    int best = 0;
    char *found = NULL;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *bin = g_build_filename ("/usr/lib/postgresql", name, "bin", NULL);
        g_autofree char *initdb = g_build_filename (bin, "initdb", NULL);
        int version = atoi (name);

        if (version > best && g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE))
          {
            best = version;
            g_free (found);
            found = g_steal_pointer (&bin);
          }
      }
    if (found != NULL)
      return found;
  }

  pg_ctl = g_find_program_in_path ("pg_ctl");
  return pg_ctl != NULL ? g_path_get_dirname (pg_ctl) : NULL;
}

/* Sets @pg up in @dir; FALSE with a reason in @error when PostgreSQL
 * cannot run here (a skip, not a failure).
 */
static gboolean
pg_init (Pg          *pg,
         const char  *dir,
         GError     **error)
{
  g_autofree char *initdb = NULL;
  g_autofree char *pg_ctl = NULL;
  g_autofree char *log = NULL;
  g_autofree char *options = NULL;
  g_autofree char *version = NULL;

  pg->bin = find_pg_bin ();
  if (pg->bin == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "initdb and pg_ctl not found (install postgresql or set PST_BENCH_PG_BIN)");
      return FALSE;
    }
  initdb = g_build_filename (pg->bin, "initdb", NULL);
  pg_ctl = g_build_filename (pg->bin, "pg_ctl", NULL);
  pg->psql = g_build_filename (pg->bin, "psql", NULL);
  if (!g_file_test (pg->psql, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_free (pg->psql);
      pg->psql = g_find_program_in_path ("psql");
    }
  if (!g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE) ||
      !g_file_test (pg_ctl, G_FILE_TEST_IS_EXECUTABLE) || pg->psql == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "initdb, pg_ctl or psql missing in %s", pg->bin);
      return FALSE;
    }

  pg->dir = g_build_filename (dir, "pg", NULL);
  pg->data = g_build_filename (pg->dir, "data", NULL);
  log = g_build_filename (pg->dir, "postgres.log", NULL);
  if (g_mkdir (pg->dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", pg->dir,
                   g_strerror (errno));
      return FALSE;
    }
  {
    g_autofree char *run = g_build_filename (pg->dir, "run", NULL);

    g_mkdir (run, 0700);
    /* PostgreSQL refuses to run as root: then it runs as another user,
     * which owns its folder.
     */
    if (geteuid () == 0)
      {
        const char *user = opt_pg_user != NULL ? opt_pg_user : "postgres";
        struct passwd *pw = getpwnam (user);

        if (pw == NULL)
          pw = getpwnam ("nobody");
        if (pw == NULL)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         "running as root and no user %s or nobody to run PostgreSQL as", user);
            return FALSE;
          }
        pg->drop = TRUE;
        pg->uid = pw->pw_uid;
        pg->gid = pw->pw_gid;
        if (chmod (dir, 0755) != 0 || chown (pg->dir, pg->uid, pg->gid) != 0 ||
            chown (run, pg->uid, pg->gid) != 0)
          {
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                         "cannot give %s to %s: %s", pg->dir, user, g_strerror (errno));
            return FALSE;
          }
      }

    /* A Unix socket in the folder and no TCP port. */
    options = g_strdup_printf ("-c listen_addresses='' -k %s -p %s", run, PG_PORT);
    {
      const char *init_argv[] = {
        initdb, "-D", pg->data, "-U", PG_ROLE, "-A", "trust", "-E", "UTF8",
        "--locale=C.UTF-8", "-N", NULL
      };
      const char *start_argv[] = {
        pg_ctl, "-D", pg->data, "-l", log, "-w", "-t", "120", "-o", options, "start", NULL
      };

      if (!pg_spawn (pg, TRUE, init_argv, NULL, error) ||
          !pg_spawn (pg, TRUE, start_argv, NULL, error))
        return FALSE;
      pg->started = TRUE;
    }
  }

  {
    g_autofree char *pid_path = g_build_filename (pg->data, "postmaster.pid", NULL);
    g_autofree char *pid_text = NULL;

    if (g_file_get_contents (pid_path, &pid_text, NULL, NULL))
      postmaster_pid = (pid_t) atoi (pid_text);
    signal (SIGINT, interrupted_cb);
    signal (SIGTERM, interrupted_cb);
    signal (SIGHUP, interrupted_cb);
    signal (SIGPIPE, interrupted_cb);
  }

  if (!pg_psql (pg, "SHOW server_version;", &version, error))
    return FALSE;
  pg->version = g_strstrip (g_steal_pointer (&version));
  return TRUE;
}

static void
pg_stop (Pg *pg)
{
  g_autofree char *pg_ctl = NULL;
  g_autoptr(GError) error = NULL;

  if (!pg->started)
    return;
  pg_ctl = g_build_filename (pg->bin, "pg_ctl", NULL);
  {
    const char *argv[] = { pg_ctl, "-D", pg->data, "-m", "fast", "-w", "stop", NULL };

    if (!pg_spawn (pg, TRUE, argv, NULL, &error))
      g_printerr ("Could not stop PostgreSQL: %s\n", error->message);
  }
  pg->started = FALSE;
  postmaster_pid = 0;
}

static void
append_csv (GString    *out,
            const char *field)
{
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_literal (GString    *out,
                const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (out, '\'');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/* The table and search function for corpus @name. */
static const char pg_schema[] =
  "SET client_min_messages = warning;\n"
  "CREATE TABLE kb_@ (\n"
  "  num   integer PRIMARY KEY,\n"
  "  ext   text NOT NULL,\n"
  "  lang  text NOT NULL,\n"
  "  title text NOT NULL,\n"
  "  body  text NOT NULL,\n"
  "  tags  text NOT NULL,\n"
  "  tsv   tsvector GENERATED ALWAYS AS (\n"
  "          setweight (to_tsvector (CASE WHEN lang = 'id' THEN 'indonesian'::regconfig\n"
  "                                  ELSE 'english'::regconfig END, title), 'A') ||\n"
  "          setweight (to_tsvector (CASE WHEN lang = 'id' THEN 'indonesian'::regconfig\n"
  "                                  ELSE 'english'::regconfig END, body), 'B') ||\n"
  "          setweight (to_tsvector (CASE WHEN lang = 'id' THEN 'indonesian'::regconfig\n"
  "                                  ELSE 'english'::regconfig END, tags), 'C')) STORED\n"
  ");\n"
  "CREATE FUNCTION kb_search_@ (q text, l text, lim integer DEFAULT 10)\n"
  "  RETURNS TABLE (ext text, score real) LANGUAGE plpgsql STABLE AS $f$\n"
  "DECLARE\n"
  "  qi tsquery := websearch_to_tsquery ('indonesian', q);\n"
  "  qe tsquery := websearch_to_tsquery ('english', q);\n"
  "  oi tsquery := replace (qi::text, ' & ', ' | ')::tsquery;\n"
  "  oe tsquery := replace (qe::text, ' & ', ' | ')::tsquery;\n"
  "  n integer;\n"
  "BEGIN\n"
  "  RETURN QUERY\n"
  "    SELECT k.ext, ts_rank ('{0.1, 0.125, 0.25, 1.0}', k.tsv,\n"
  "                           CASE WHEN k.lang = 'id' THEN qi ELSE qe END) AS s\n"
  "      FROM kb_@ AS k\n"
  "     WHERE (k.lang = 'id' AND k.tsv @@ qi) OR (k.lang = 'en' AND k.tsv @@ qe)\n"
  "     ORDER BY (k.lang = l) DESC, s DESC, k.num\n"
  "     LIMIT lim;\n"
  "  GET DIAGNOSTICS n = ROW_COUNT;\n"
  "  IF n < lim THEN\n"
  "    RETURN QUERY\n"
  "      SELECT k.ext, ts_rank ('{0.1, 0.125, 0.25, 1.0}', k.tsv,\n"
  "                             CASE WHEN k.lang = 'id' THEN oi ELSE oe END) AS s\n"
  "        FROM kb_@ AS k\n"
  "       WHERE ((k.lang = 'id' AND k.tsv @@ oi) OR (k.lang = 'en' AND k.tsv @@ oe))\n"
  "         AND NOT ((k.lang = 'id' AND k.tsv @@ qi) OR (k.lang = 'en' AND k.tsv @@ qe))\n"
  "       ORDER BY (k.lang = l) DESC, s DESC, k.num\n"
  "       LIMIT lim - n;\n"
  "  END IF;\n"
  "END\n"
  "$f$;\n";

static char *
pg_sql_for (const char *template,
            const char *name)
{
  g_auto(GStrv) parts = g_strsplit (template, "@", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  /* "@" stands for the corpus' name, except in the "@@" operator. */
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_string_append (out, parts[i]);
      if (parts[i + 1] == NULL)
        break;
      if (parts[i + 1][0] == '\0' && parts[i + 2] != NULL)
        {
          g_string_append (out, "@@");
          i++;
          continue;
        }
      g_string_append (out, name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
pg_build (Pg          *pg,
          const char  *name,
          GPtrArray   *articles,
          double      *out_load_seconds,
          double      *out_index_seconds,
          gint64      *out_gin_bytes,
          gint64      *out_table_bytes,
          GError     **error)
{
  g_autofree char *schema = pg_sql_for (pg_schema, name);
  g_autofree char *csv_path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *index = NULL;
  g_autofree char *sizes_sql = NULL;
  g_autofree char *sizes = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_auto(GStrv) fields = NULL;
  gint64 start;

  csv_path = g_strdup_printf ("%s/%s.csv", pg->dir, name);
  for (guint i = 0; i < articles->len; i++)
    {
      Article *article = g_ptr_array_index (articles, i);

      g_string_append_printf (csv, "%u,", i + 1);
      append_csv (csv, article->ext);
      g_string_append_c (csv, ',');
      append_csv (csv, article->lang);
      g_string_append_c (csv, ',');
      append_csv (csv, article->title);
      g_string_append_c (csv, ',');
      append_csv (csv, article->body);
      g_string_append_c (csv, ',');
      append_csv (csv, article->tags);
      g_string_append_c (csv, '\n');
    }
  if (!g_file_set_contents (csv_path, csv->str, csv->len, error) ||
      !pg_psql (pg, schema, NULL, error))
    return FALSE;

  copy = g_strdup_printf ("\\copy kb_%s (num, ext, lang, title, body, tags) FROM '%s' WITH (FORMAT csv)\n",
                          name, csv_path);
  start = g_get_monotonic_time ();
  if (!pg_psql (pg, copy, NULL, error))
    return FALSE;
  *out_load_seconds = seconds_since (start);

  index = g_strdup_printf ("CREATE INDEX kb_%s_tsv ON kb_%s USING gin (tsv);\n", name, name);
  start = g_get_monotonic_time ();
  if (!pg_psql (pg, index, NULL, error))
    return FALSE;
  *out_index_seconds = seconds_since (start);

  sizes_sql = g_strdup_printf ("VACUUM ANALYZE kb_%s;\nCHECKPOINT;\n"
                               "SELECT pg_relation_size ('kb_%s_tsv'), pg_table_size ('kb_%s');\n",
                               name, name, name);
  if (!pg_psql (pg, sizes_sql, &sizes, error))
    return FALSE;
  fields = g_strsplit (g_strstrip (sizes), "\t", -1);
  *out_gin_bytes = g_strv_length (fields) == 2 ? g_ascii_strtoll (fields[0], NULL, 10) : 0;
  *out_table_bytes = g_strv_length (fields) == 2 ? g_ascii_strtoll (fields[1], NULL, 10) : 0;
  return TRUE;
}

static gboolean
pg_run (Pg          *pg,
        const char  *name,
        GPtrArray   *queries,
        int          passes,
        Run         *run,
        GError     **error)
{
  g_autoptr(GString) script = g_string_new ("SET client_min_messages = warning;\n"
                                            "SET plan_cache_mode = force_custom_plan;\n"
                                            "\\timing on\n");
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  int pass = -1;
  int index = -1;
  double cpu_start;

  for (int p = 0; p <= passes; p++)
    for (guint i = 0; i < queries->len; i++)
      {
        Query *query = g_ptr_array_index (queries, i);

        g_string_append_printf (script, "\\echo '@@ %d %u'\nSELECT ext FROM kb_search_%s (", p, i,
                                name);
        append_literal (script, query->text);
        g_string_append_printf (script, ", '%s');\n", pst_lang_to_string (query->lang));
      }

  cpu_start = postmaster_cpu_ms ();
  if (!pg_psql (pg, script->str, &output, error))
    return FALSE;
  /* The backend's time counts once the postmaster has reaped it. */
  for (int tries = 0; tries < 20; tries++)
    {
      g_usleep (50000);
      run->cpu_ms = postmaster_cpu_ms () - cpu_start;
      if (run->cpu_ms > 0)
        break;
    }
  run->calls = (passes + 1) * queries->len;

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "@@ "))
        {
          if (sscanf (line + 3, "%d %d", &pass, &index) != 2)
            pass = index = -1;
        }
      else if (g_str_has_prefix (line, "Time: "))
        {
          double ms = g_ascii_strtod (line + 6, NULL);

          if (pass > 0 && index >= 0)
            {
              g_array_append_val (run->samples_ms, ms);
              run->mean_ms[index] += ms / passes;
            }
        }
      else if (*line != '\0' && pass == 0 && index >= 0)
        g_ptr_array_add (run->hits[index], g_strdup (line));
    }

  if (run->samples_ms->len != (guint) passes * queries->len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "psql gave %u timings for %u queries", run->samples_ms->len,
                   (guint) passes * queries->len);
      return FALSE;
    }
  return TRUE;
}

/* Relevance. */

/* The 1-based rank of the first expected article in @hits, or 0. */
static guint
rank_of (Query     *query,
         GPtrArray *hits)
{
  for (guint h = 0; h < hits->len && h < HITS; h++)
    if (g_strv_contains ((const char *const *) query->expected, g_ptr_array_index (hits, h)))
      return h + 1;
  return 0;
}

static void
print_relevance (GPtrArray *queries,
                 Run       *runs[4],
                 const char *names[4])
{
  guint found[4] = { 0 };
  guint first[4] = { 0 };
  guint total = 0;

  printf ("\nExpected article in the first %d hits (rank; - = not found):\n", HITS);
  printf ("  %-44s %-4s", "query", "lang");
  for (guint s = 0; s < 4; s++)
    if (runs[s] != NULL)
      printf (" %11s", names[s]);
  printf ("  expected\n");

  for (guint i = 0; i < queries->len; i++)
    {
      Query *query = g_ptr_array_index (queries, i);

      if (query->expected == NULL)
        continue;
      total++;
      printf ("  %-44.44s %-4s", query->text, pst_lang_to_string (query->lang));
      for (guint s = 0; s < 4; s++)
        {
          guint rank;

          if (runs[s] == NULL)
            continue;
          rank = rank_of (query, runs[s]->hits[i]);
          found[s] += rank > 0;
          first[s] += rank == 1;
          if (rank > 0)
            printf (" %11u", rank);
          else
            printf (" %11s", "-");
        }
      printf ("  %s\n", query->expected[0] != NULL ? query->expected[0] : "");

      if (opt_verbose)
        for (guint s = 0; s < 4; s++)
          if (runs[s] != NULL)
            {
              printf ("      %s:", names[s]);
              for (guint h = 0; h < runs[s]->hits[i]->len && h < 5; h++)
                printf (" %s", (char *) g_ptr_array_index (runs[s]->hits[i], h));
              printf ("\n");
            }
    }

  printf ("  %-49s", "found in the first 10 / first");
  for (guint s = 0; s < 4; s++)
    if (runs[s] != NULL)
      printf (" %5u/%-5u", found[s], first[s]);
  printf ("  of %u\n", total);
}

static char *
read_load_average (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("unknown");
  fields = g_strsplit (text, " ", 4);
  if (g_strv_length (fields) < 3)
    return g_strdup ("unknown");
  return g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2]);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— knowledge-base search benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) article_free);
  g_autoptr(GPtrArray) small = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GPtrArray) generated = g_ptr_array_new_with_free_func ((GDestroyNotify) article_free);
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func ((GDestroyNotify) query_free);
  g_autoptr(GString) sources = g_string_new (NULL);
  g_autofree char *dir = NULL;
  g_autofree char *relevance_dir = NULL;
  g_autofree char *load = NULL;
  g_autoptr(PstStore) core_small = NULL;
  g_autoptr(PstStore) core_all = NULL;
  Run *runs[4] = { NULL, NULL, NULL, NULL };
  const char *names[4] = { "core seed", "core all", "pg seed", "pg all" };
  Pg pg = { 0 };
  gint64 text_bytes = 0;
  guint n_relevance;
  double seconds;
  gint64 fts_bytes;
  gint64 file_bytes;
  int status = 0;

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_articles < 0 || opt_passes < 1)
    {
      g_printerr ("--articles must be 0 or more and --passes 1 or more\n");
      return 2;
    }

  /* The corpus. */
  if (!load_seeds (opt_data_dir != NULL ? opt_data_dir : pst_paths_get_data_dir (), seeds,
                   sources, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    g_ptr_array_add (seeds, article_new (probes[i].ext, probes[i].lang, probes[i].title,
                                         probes[i].body, "[]"));
  generate (seeds, opt_articles, generated);
  for (guint i = 0; i < seeds->len; i++)
    {
      g_ptr_array_add (small, g_ptr_array_index (seeds, i));
      g_ptr_array_add (all, g_ptr_array_index (seeds, i));
    }
  for (guint i = 0; i < generated->len; i++)
    g_ptr_array_add (all, g_ptr_array_index (generated, i));
  for (guint i = 0; i < all->len; i++)
    {
      Article *article = g_ptr_array_index (all, i);

      text_bytes += strlen (article->title) + strlen (article->body) + strlen (article->tags);
    }

  /* The queries. */
  if (opt_relevance_dir != NULL)
    relevance_dir = g_strdup (opt_relevance_dir);
  else if (g_getenv ("G_TEST_SRCDIR") != NULL)
    relevance_dir = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "kb", NULL);
  if (relevance_dir != NULL && !load_relevance (relevance_dir, queries, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  n_relevance = queries->len;
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      Query *query = g_new0 (Query, 1);

      query->text = g_strdup (probes[i].query);
      query->lang = g_str_equal (probes[i].lang, "en") ? PST_LANG_EN : PST_LANG_ID;
      query->expected = g_new0 (char *, 2);
      query->expected[0] = g_strdup (probes[i].ext);
      query->source = g_strdup ("probe");
      g_ptr_array_add (queries, query);
    }
  for (guint i = 0; i < G_N_ELEMENTS (mix); i++)
    {
      Query *query = g_new0 (Query, 1);

      query->text = g_strdup (mix[i].text);
      query->lang = g_str_equal (mix[i].lang, "en") ? PST_LANG_EN : PST_LANG_ID;
      query->source = g_strdup ("mix");
      g_ptr_array_add (queries, query);
    }

  load = read_load_average ();
  printf ("machine: %u cores, load average %s\n", g_get_num_processors (), load);
  printf ("corpus: %u seed articles from %s, %u probes, %u generated: %u articles, %.1f MiB of text\n",
          seeds->len - (guint) G_N_ELEMENTS (probes), sources->len > 0 ? sources->str : "nowhere",
          (guint) G_N_ELEMENTS (probes), generated->len, all->len, text_bytes / (1024.0 * 1024.0));
  printf ("queries: %u (%u from %s/relevance-*.json, %u probes, %u more), %d measured passes"
          " after one warm-up\n",
          queries->len, n_relevance, relevance_dir != NULL ? relevance_dir : "(none)",
          (guint) G_N_ELEMENTS (probes), (guint) G_N_ELEMENTS (mix), opt_passes);

  dir = g_dir_make_tmp ("pst-bench-kb-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* The core search. */
  {
    g_autofree char *small_path = g_build_filename (dir, "seed.sqlite", NULL);
    g_autofree char *all_path = g_build_filename (dir, "all.sqlite", NULL);
    g_autofree char *fts = NULL;
    g_autofree char *file = NULL;

    printf ("\nCore search (SQLite %s FTS5, \"pst\" tokenizer: hunspell roots, Snowball stems):\n",
            sqlite3_libversion ());
    core_small = core_build (small_path, small, &seconds, &fts_bytes, &file_bytes, &error);
    if (core_small != NULL)
      core_all = core_build (all_path, all, &seconds, &fts_bytes, &file_bytes, &error);
    if (core_all == NULL)
      {
        g_printerr ("Core search: %s\n", error->message);
        status = 1;
        goto out;
      }
    fts = format_bytes (fts_bytes);
    file = format_bytes (file_bytes);
    printf ("  indexing: %u articles in %.1f s (%.0f articles/s), one transaction\n",
            all->len, seconds, all->len / seconds);
    printf ("  index size: full-text index %s; database file %s (articles included)\n", fts, file);

    runs[0] = run_new (queries->len);
    runs[1] = run_new (queries->len);
    if (!core_run (core_small, queries, 0, runs[0], &error) ||
        !core_run (core_all, queries, opt_passes, runs[1], &error))
      {
        g_printerr ("Core search: %s\n", error->message);
        status = 1;
        goto out;
      }
    print_latency (runs[1], queries);
  }

  /* PostgreSQL. */
  if (opt_no_postgres)
    printf ("\nPostgreSQL: left out (--no-postgres)\n");
  else if (!pg_init (&pg, dir, &error))
    {
      printf ("\nPostgreSQL: skipped: %s\n", error->message);
      g_clear_error (&error);
      pg_stop (&pg);
    }
  else
    {
      double load_seconds, index_seconds;
      gint64 gin_bytes, table_bytes;
      g_autofree char *gin = NULL;
      g_autofree char *table = NULL;

      printf ("\nPostgreSQL %s (built-in indonesian/english configurations, GIN, ts_rank), %s:\n",
              pg.version, pg.bin);
      if (!pg_build (&pg, "seed", small, &load_seconds, &index_seconds, &gin_bytes, &table_bytes,
                     &error) ||
          !pg_build (&pg, "all", all, &load_seconds, &index_seconds, &gin_bytes, &table_bytes,
                     &error))
        {
          g_printerr ("PostgreSQL: %s\n", error->message);
          pg_stop (&pg);
          status = 1;
          goto out;
        }
      gin = format_bytes (gin_bytes);
      table = format_bytes (table_bytes);
      printf ("  indexing: %u articles in %.1f s: \\copy with the tsvector column %.1f s,"
              " CREATE INDEX (GIN) %.1f s\n",
              all->len, load_seconds + index_seconds, load_seconds, index_seconds);
      printf ("  index size: GIN index %s; table with the stored tsvector %s\n", gin, table);

      runs[2] = run_new (queries->len);
      runs[3] = run_new (queries->len);
      if (!pg_run (&pg, "seed", queries, 1, runs[2], &error) ||
          !pg_run (&pg, "all", queries, opt_passes, runs[3], &error))
        {
          g_printerr ("PostgreSQL: %s\n", error->message);
          pg_stop (&pg);
          status = 1;
          goto out;
        }
      print_latency (runs[3], queries);
      pg_stop (&pg);
    }

  print_relevance (queries, runs, names);

out:
  for (guint s = 0; s < 4; s++)
    run_free (runs[s], queries->len);
  g_clear_object (&core_small);
  g_clear_object (&core_all);
  if (opt_keep)
    printf ("\nkept: %s\n", dir);
  else
    remove_tree (dir);
  g_free (pg.bin);
  g_free (pg.psql);
  g_free (pg.dir);
  g_free (pg.data);
  g_free (pg.version);
  return status;
}
