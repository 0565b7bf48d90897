/* test-kb-search.c: the knowledge-base tokenizer and search.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kb-search.h"
#include "pst-kb-tokenizer.h"
#include "pst-store.h"

#include <glib/gstdio.h>

typedef struct
{
  const char *id;
  const char *lang;
  const char *title;
  const char *body;
  const char *tags;
} Article;

static const Article articles[] = {
  { "miskin-garis", "id", "Garis Kemiskinan Maret 2025",
    "Garis kemiskinan adalah batas pengeluaran per kapita sebulan untuk memenuhi kebutuhan "
    "makanan dan bukan makanan. Penduduk dengan pengeluaran di bawahnya dihitung miskin.",
    "[\"susenas\"]" },
  { "miskin-jumlah", "id", "Jumlah orang miskin menurut kabupaten",
    "Tabel jumlah dan persentase orang miskin di setiap kabupaten, dari Survei Sosial "
    "Ekonomi Nasional bulan Maret.", "[]" },
  { "poverty-line", "en", "Poverty line and the poor",
    "The poverty line is the monthly expenditure per capita needed for food and non-food "
    "needs. People spending less are counted as poor.", "[]" },
  { "inflasi-bulanan", "id", "Inflasi bulanan dan Indeks Harga Konsumen",
    "Inflasi diukur dari perubahan IHK di kota-kota yang disurvei. Berita Resmi Statistik "
    "inflasi terbit setiap awal bulan.", "[\"harga\"]" },
  { "inflation-monthly", "en", "Monthly inflation",
    "Inflation is measured by the change of the Consumer Price Index in the surveyed cities, "
    "published at the start of every month.", "[]" },
  { "sensus-2020", "id", "Sensus Penduduk 2020",
    "Hasil Sensus Penduduk 2020 mencatat jumlah penduduk Indonesia 270,2 juta jiwa.", "[]" },
  { "census-2020", "en", "Population Census 2020",
    "The 2020 Population Census counted 270.2 million people living in Indonesia.", "[]" },
  { "ruang-tunggu", "id", "Tempat duduk di ruang tunggu",
    "Pengunjung dapat duduk di kursi ruang tunggu sambil menunggu nomor antrean dipanggil.",
    "[]" },
  { "tpt-agustus", "id", "Tingkat Pengangguran Terbuka Agustus 2025",
    "TPT adalah persentase pengangguran terhadap angkatan kerja, dari Sakernas Agustus.", "[]" },
  { "tenaga-kerja", "id", "Data tenaga kerja menurut lapangan usaha",
    "Jumlah tenaga kerja di tiap sektor lapangan usaha, disusun menurut KBLI.", "[]" },
  { "unemployment-rate", "en", "Unemployment rate",
    "The open unemployment rate is the share of the labour force without work.", "[]" },
  { "unemployed-who", "en", "Who is unemployed",
    "A person is unemployed when without work, looking for work and available for it.", "[]" },
  { "pdrb-mamuju", "id", "PDRB Kabupaten Mamuju 2024",
    "PDRB atas dasar harga berlaku dan harga konstan, tahunan dan triwulanan.", "[]" },
  { "nilai-tambah", "id", "Produk Domestik Regional Bruto menurut pengeluaran",
    "Nilai tambah seluruh unit usaha di suatu wilayah dalam satu tahun.", "[]" },
  { "ekonomi-tumbuh", "id", "Ekonomi Sulawesi Barat tumbuh 5,1 persen",
    "Perekonomian Sulawesi Barat tumbuh 5,1 persen pada triwulan III dibanding tahun lalu.",
    "[]" },
  { "ipm-2025", "id", "Indeks Pembangunan Manusia 2025",
    "IPM mengukur capaian umur panjang dan sehat, pengetahuan, dan standar hidup layak.", "[]" },
  { "hdi-2025", "en", "Human Development Index 2025",
    "The HDI measures a long and healthy life, knowledge and a decent standard of living.",
    "[]" },
  { "ntp-oktober", "id", "Nilai Tukar Petani Oktober 2025",
    "NTP adalah rasio indeks harga yang diterima petani terhadap indeks harga yang dibayar "
    "petani.", "[]" },
  { "kbli-kode", "id", "Mencari kode KBLI 2020",
    "Klasifikasi Baku Lapangan Usaha Indonesia memberi kode lima digit untuk tiap kegiatan "
    "ekonomi.", "[]" },
  { "anggur-produksi", "id", "Produksi buah anggur",
    "Produksi anggur dan buah-buahan lain menurut provinsi, dari survei hortikultura.", "[]" },
  { "kbli-codes", "en", "Finding KBLI industry codes",
    "The Indonesia Standard Industrial Classification gives a five-digit code to each "
    "economic activity.", "[]" },
};

static PstStore *
open_store_at (const char *path)
{
  g_autoptr(GError) error = NULL;
  PstStore *store = pst_store_open (path, PST_STORE_SCHEMA_SERVER, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      g_auto(PstStoreStatement) stmt =
        pst_store_prepare (store,
                           "INSERT INTO kb_articles (id, lang, title, body, tags, created_at,"
                           "                         updated_at)"
                           "  VALUES (?, ?, ?, ?, ?, 1000, 1000)", &error);

      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, articles[i].id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, articles[i].lang, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, articles[i].title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, articles[i].body, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, articles[i].tags, -1, SQLITE_STATIC);
      pst_store_step_done (store, stmt, &error);
      g_assert_no_error (error);
    }

  return store;
}

static PstStore *
open_store (void)
{
  return open_store_at (":memory:");
}

static PstKbSearchResult *
search (PstStore   *store,
        const char *query,
        PstLang     lang)
{
  g_autoptr(GError) error = NULL;
  PstKbSearchResult *result = pst_kb_search (store, query, lang, NULL, 20, "«", "»", &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->took_us, >=, 0);
  return result;
}

static gboolean
has_hit (PstKbSearchResult *result,
         const char        *id)
{
  for (guint i = 0; i < result->hits->len; i++)
    {
      PstKbSearchHit *hit = g_ptr_array_index (result->hits, i);

      if (g_str_equal (hit->id, id))
        return TRUE;
    }

  return FALSE;
}

static void
assert_finds (PstStore   *store,
              const char *query,
              const char *id)
{
  g_autoptr(PstKbSearchResult) result = search (store, query, PST_LANG_ID);

  if (!has_hit (result, id))
    g_error ("“%s” (%s) did not find %s", query, result->match, id);
}

static void
assert_misses (PstStore   *store,
               const char *query,
               const char *id)
{
  g_autoptr(PstKbSearchResult) result = search (store, query, PST_LANG_ID);

  if (has_hit (result, id))
    g_error ("“%s” (%s) found %s", query, result->match, id);
}

static gboolean
strv_has (char       **strv,
          const char  *str)
{
  return g_strv_contains ((const char *const *) strv, str);
}

static void
test_tokenizer_roots (void)
{
  g_auto(GStrv) kemiskinan = pst_kb_tokenizer_analyze_word ("kemiskinan");
  g_auto(GStrv) penduduk = pst_kb_tokenizer_analyze_word ("penduduk");
  g_auto(GStrv) kependudukan = pst_kb_tokenizer_analyze_word ("kependudukan");
  g_auto(GStrv) ketenagakerjaan = pst_kb_tokenizer_analyze_word ("ketenagakerjaan");
  g_auto(GStrv) unemployment = pst_kb_tokenizer_analyze_word ("unemployment");
  g_auto(GStrv) pengangguran = pst_kb_tokenizer_analyze_word ("pengangguran");
  g_auto(GStrv) menganggur = pst_kb_tokenizer_analyze_word ("menganggur");
  g_auto(GStrv) angkatan = pst_kb_tokenizer_analyze_word ("angkatan");
  g_auto(GStrv) penduduknya = pst_kb_tokenizer_analyze_word ("penduduknya");
  g_auto(GStrv) words = pst_kb_tokenizer_split_words ("Ékonomi \"NEAR(kota-kota)* 5,1%");

  g_assert_cmpstr (kemiskinan[0], ==, "kemiskinan");
  g_assert_true (strv_has (kemiskinan, "miskin"));
  /* A root of its own keeps only itself. */
  g_assert_cmpuint (g_strv_length (penduduk), ==, 1);
  g_assert_cmpstr (penduduk[0], ==, "penduduk");
  g_assert_true (strv_has (kependudukan, "penduduk"));
  g_assert_false (strv_has (kependudukan, "duduk"));
  g_assert_true (strv_has (ketenagakerjaan, "tenaga"));
  g_assert_true (strv_has (ketenagakerjaan, "kerja"));
  g_assert_true (strv_has (unemployment, "unemploy"));
  /* Roots whose meaning departs (data/kb/roots-id.txt). */
  g_assert_true (strv_has (pengangguran, "penganggur"));
  g_assert_false (strv_has (pengangguran, "anggur"));
  g_assert_true (strv_has (menganggur, "penganggur"));
  g_assert_false (strv_has (menganggur, "anggur"));
  g_assert_cmpuint (g_strv_length (angkatan), ==, 1);
  g_assert_true (strv_has (penduduknya, "penduduk"));
  g_assert_false (strv_has (penduduknya, "duduk"));

  g_assert_cmpuint (g_strv_length (words), ==, 6);
  g_assert_cmpstr (words[0], ==, "ekonomi");
  g_assert_cmpstr (words[1], ==, "near");
  g_assert_cmpstr (words[2], ==, "kota");
  g_assert_cmpstr (words[4], ==, "5");
  g_assert_cmpstr (words[5], ==, "1");
}

static void
test_search_kemiskinan (void)
{
  g_autoptr(PstStore) store = open_store ();

  /* Only "miskin" in the second; only "kemiskinan" and "miskin" in the first. */
  assert_finds (store, "kemiskinan", "miskin-jumlah");
  assert_finds (store, "kemiskinan", "miskin-garis");
  assert_finds (store, "miskin", "miskin-garis");
  assert_finds (store, "penduduk miskin", "miskin-garis");
  assert_finds (store, "penduduk miskin", "miskin-jumlah");
  assert_misses (store, "kemiskinan", "inflasi-bulanan");

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_search_pertumbuhan (void)
{
  g_autoptr(PstStore) store = open_store ();

  assert_finds (store, "pertumbuhan ekonomi", "ekonomi-tumbuh");
  assert_finds (store, "Pertumbuhan Perekonomian", "ekonomi-tumbuh");
  assert_finds (store, "ketenagakerjaan", "tenaga-kerja");

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_search_root_kept (void)
{
  g_autoptr(PstStore) store = open_store ();

  assert_misses (store, "penduduk", "ruang-tunggu");
  assert_finds (store, "penduduk", "sensus-2020");
  assert_finds (store, "kependudukan", "sensus-2020");
  assert_finds (store, "duduk", "ruang-tunggu");
  assert_misses (store, "duduk", "sensus-2020");

  g_assert_finalize_object (g_steal_pointer (&store));
}

/* *pengangguran* and *menganggur* find each other, never grapes. */
static void
test_search_departing_roots (void)
{
  g_autoptr(PstStore) store = open_store ();

  assert_finds (store, "menganggur", "tpt-agustus");
  assert_finds (store, "penganggur", "tpt-agustus");
  assert_misses (store, "pengangguran", "anggur-produksi");
  assert_misses (store, "menganggur", "anggur-produksi");
  assert_finds (store, "anggur", "anggur-produksi");
  assert_misses (store, "anggur", "tpt-agustus");

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_search_english (void)
{
  g_autoptr(PstStore) store = open_store ();

  assert_finds (store, "unemployment", "unemployed-who");
  assert_finds (store, "unemployed", "unemployment-rate");
  assert_finds (store, "measuring inflation", "inflation-monthly");

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_search_acronyms (void)
{
  g_autoptr(PstStore) store = open_store ();

  assert_finds (store, "PDRB", "nilai-tambah");
  assert_finds (store, "PDRB", "pdrb-mamuju");
  assert_finds (store, "produk domestik regional bruto", "pdrb-mamuju");
  assert_finds (store, "GRDP", "pdrb-mamuju");
  assert_finds (store, "IPM", "hdi-2025");
  assert_finds (store, "human development index", "ipm-2025");
  assert_finds (store, "nilai tukar petani", "ntp-oktober");
  assert_finds (store, "kbli", "kbli-codes");
  assert_finds (store, "klasifikasi baku lapangan usaha indonesia", "tenaga-kerja");
  assert_finds (store, "survei angkatan kerja nasional", "tpt-agustus");
  assert_finds (store, "TPT", "tpt-agustus");
  assert_finds (store, "IHK", "inflation-monthly");

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_search_language_order (void)
{
  g_autoptr(PstStore) store = open_store ();
  g_autoptr(PstKbSearchResult) in_id = search (store, "inflasi", PST_LANG_ID);
  g_autoptr(PstKbSearchResult) in_en = search (store, "inflasi", PST_LANG_EN);
  PstKbSearchHit *first;
  PstKbSearchHit *last;

  g_assert_cmpuint (in_id->hits->len, ==, 2);
  first = g_ptr_array_index (in_id->hits, 0);
  last = g_ptr_array_index (in_id->hits, 1);
  g_assert_cmpstr (first->id, ==, "inflasi-bulanan");
  g_assert_cmpint (first->lang, ==, PST_LANG_ID);
  g_assert_cmpstr (last->id, ==, "inflation-monthly");

  g_assert_cmpuint (in_en->hits->len, ==, 2);
  first = g_ptr_array_index (in_en->hits, 0);
  g_assert_cmpstr (first->id, ==, "inflation-monthly");
  g_assert_cmpint (first->lang, ==, PST_LANG_EN);
  g_assert_cmpfloat (first->score, >, 0.0);

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_search_title_weight (void)
{
  g_autoptr(PstStore) store = open_store ();
  g_autoptr(PstKbSearchResult) result = search (store, "sensus", PST_LANG_ID);
  PstKbSearchHit *first;

  g_assert_cmpuint (result->hits->len, >=, 1);
  first = g_ptr_array_index (result->hits, 0);
  g_assert_cmpstr (first->id, ==, "sensus-2020");

  /* "Tenaga kerja" is in the title of one and the body of the other. */
  {
    g_autoptr(PstKbSearchResult) kerja = search (store, "tenaga kerja", PST_LANG_ID);

    g_assert_cmpuint (kerja->hits->len, >=, 1);
    first = g_ptr_array_index (kerja->hits, 0);
    g_assert_cmpstr (first->id, ==, "tenaga-kerja");
  }

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_search_snippet (void)
{
  g_autoptr(PstStore) store = open_store ();
  g_autoptr(PstKbSearchResult) result = search (store, "kemiskinan", PST_LANG_ID);

  for (guint i = 0; i < result->hits->len; i++)
    {
      PstKbSearchHit *hit = g_ptr_array_index (result->hits, i);

      if (g_str_equal (hit->id, "miskin-garis"))
        {
          g_assert_nonnull (strstr (hit->snippet, "«kemiskinan»"));
          g_assert_nonnull (strstr (hit->snippet, "«miskin»"));
        }
      if (g_str_equal (hit->id, "miskin-jumlah"))
        g_assert_nonnull (strstr (hit->snippet, "«miskin»"));
    }
  g_assert_true (has_hit (result, "miskin-garis"));

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_search_did_you_mean (void)
{
  g_autoptr(PstStore) store = open_store ();
  g_autoptr(PstKbSearchResult) miskin = search (store, "kemiskinaan", PST_LANG_ID);
  g_autoptr(PstKbSearchResult) inflasi = search (store, "inflsi", PST_LANG_ID);
  g_autoptr(PstKbSearchResult) found = search (store, "inflasi", PST_LANG_ID);

  g_assert_cmpuint (miskin->hits->len, ==, 0);
  g_assert_cmpstr (miskin->did_you_mean, ==, "kemiskinan");
  g_assert_cmpuint (inflasi->hits->len, ==, 0);
  g_assert_cmpstr (inflasi->did_you_mean, ==, "inflasi");
  g_assert_null (found->did_you_mean);

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_search_hostile (void)
{
  static const char *const queries[] = {
    "", "   ", "\"", "\"\"\"", "NEAR(", "NEAR(kemiskinan inflasi, 2)", "*", "kemiskinan*",
    "-", "-miskin", "((", "miskin)", "title:miskin", "miskin AND", "OR", "NOT NOT",
    "^miskin", "{title body}: miskin", "'; DROP TABLE kb_articles; --", "\xff\xfe miskin",
    "miskin \"penduduk", "+", ".", "ü", "2020",
  };
  g_autoptr(PstStore) store = open_store ();

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PstKbSearchResult) result =
        pst_kb_search (store, queries[i], PST_LANG_ID, "7604", 5, "<b>", "</b>", &error);

      g_assert_no_error (error);
      g_assert_nonnull (result);
    }

  {
    g_autoptr(PstKbSearchResult) result = search (store, "-miskin)", PST_LANG_ID);

    g_assert_true (has_hit (result, "miskin-jumlah"));
  }

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_search_office (void)
{
  g_autoptr(PstStore) store = open_store ();
  g_autoptr(GError) error = NULL;

  pst_store_exec (store,
                  "INSERT INTO offices (code, name, timezone, created_at, updated_at)"
                  "  VALUES ('7604', 'BPS Kabupaten Mamuju', 'Asia/Makassar', 1, 1),"
                  "         ('7601', 'BPS Kabupaten Majene', 'Asia/Makassar', 1, 1);"
                  "INSERT INTO kb_articles (id, lang, title, body, office, created_at, updated_at)"
                  "  VALUES ('mamuju-miskin', 'id', 'Kemiskinan Mamuju', 'Angka lokal', '7604', 1, 1),"
                  "         ('majene-miskin', 'id', 'Kemiskinan Majene', 'Angka lokal', '7601', 1, 1)",
                  &error);
  g_assert_no_error (error);

  {
    g_autoptr(PstKbSearchResult) national =
      pst_kb_search (store, "kemiskinan", PST_LANG_ID, NULL, 0, "[", "]", &error);
    g_autoptr(PstKbSearchResult) mamuju =
      pst_kb_search (store, "kemiskinan", PST_LANG_ID, "7604", 0, "[", "]", &error);

    g_assert_no_error (error);
    g_assert_true (has_hit (national, "miskin-garis"));
    g_assert_false (has_hit (national, "mamuju-miskin"));
    g_assert_false (has_hit (national, "majene-miskin"));
    g_assert_true (has_hit (mamuju, "miskin-garis"));
    g_assert_true (has_hit (mamuju, "mamuju-miskin"));
    g_assert_false (has_hit (mamuju, "majene-miskin"));
  }

  g_assert_finalize_object (g_steal_pointer (&store));
}

static gpointer
search_thread_cb (gpointer data)
{
  g_autoptr(PstStore) store = open_store ();

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(PstKbSearchResult) result = search (store, i % 2 ? "kemiskinan" : "unemployed",
                                                    PST_LANG_ID);

      g_assert_cmpuint (result->hits->len, >=, 2);
    }

  g_assert_finalize_object (g_steal_pointer (&store));
  return NULL;
}

/* Each thread has its own store, as pst-server's workers do; they share
 * the hunspell and Snowball handles behind the tokenizer's lock.
 */
static void
test_search_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("kb-search", search_thread_cb, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* A reader connection (as the server's search pool has) keeps the index's
 * articles, sizes and words between searches: it sees every change
 * another connection commits, and refuses writes.
 */
static void
test_search_reader_follows_changes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pst-test-kb-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "kb.db", NULL);
  g_autoptr(PstStore) writer = open_store_at (path);
  g_autoptr(PstStore) reader = pst_store_open (path, PST_STORE_SCHEMA_SERVER, &error);

  g_assert_no_error (error);
  g_assert_true (pst_kb_search_prepare_reader (reader, &error));
  g_assert_no_error (error);

  assert_finds (reader, "kemiskinan", "miskin-garis");
  {
    g_autoptr(PstKbSearchResult) mamuju =
      pst_kb_search (reader, "kemiskinan", PST_LANG_ID, "7604", 0, NULL, NULL, &error);
    g_autoptr(PstKbSearchResult) typo = search (reader, "gabahh", PST_LANG_ID);

    g_assert_no_error (error);
    g_assert_false (has_hit (mamuju, "mamuju-miskin"));
    g_assert_cmpuint (typo->hits->len, ==, 0);
    g_assert_cmpstr (typo->did_you_mean, !=, "gabah");
  }

  /* An office's article and a new word. */
  pst_store_exec (writer,
                  "INSERT INTO offices (code, name, timezone, created_at, updated_at)"
                  "  VALUES ('7604', 'BPS Kabupaten Mamuju', 'Asia/Makassar', 1, 1);"
                  "INSERT INTO kb_articles (id, lang, title, body, office, created_at, updated_at)"
                  "  VALUES ('mamuju-miskin', 'id', 'Kemiskinan Mamuju', 'Angka lokal', '7604', 1, 1),"
                  "         ('gabah-harga', 'id', 'Harga gabah', 'Harga gabah kering panen', NULL, 1, 1)",
                  &error);
  g_assert_no_error (error);
  {
    g_autoptr(PstKbSearchResult) mamuju =
      pst_kb_search (reader, "kemiskinan", PST_LANG_ID, "7604", 0, NULL, NULL, &error);
    g_autoptr(PstKbSearchResult) typo = search (reader, "gabahh", PST_LANG_ID);

    g_assert_no_error (error);
    g_assert_true (has_hit (mamuju, "mamuju-miskin"));
    g_assert_cmpuint (typo->hits->len, ==, 0);
    g_assert_cmpstr (typo->did_you_mean, ==, "gabah");
  }

  /* A language changed (with the title, as the API's UPDATE does), an
   * article deleted.
   */
  pst_store_exec (writer,
                  "UPDATE kb_articles SET lang = 'en', title = 'Poor people by regency'"
                  " WHERE id = 'miskin-jumlah';"
                  "DELETE FROM kb_articles WHERE id = 'miskin-garis'",
                  &error);
  g_assert_no_error (error);
  {
    g_autoptr(PstKbSearchResult) result = search (reader, "miskin kabupaten", PST_LANG_ID);
    gboolean seen = FALSE;

    g_assert_false (has_hit (result, "miskin-garis"));
    for (guint i = 0; i < result->hits->len; i++)
      {
        PstKbSearchHit *hit = g_ptr_array_index (result->hits, i);

        if (g_str_equal (hit->id, "miskin-jumlah"))
          {
            g_assert_cmpint (hit->lang, ==, PST_LANG_EN);
            g_assert_cmpstr (hit->title, ==, "Poor people by regency");
            seen = TRUE;
          }
      }
    g_assert_true (seen);
  }

  /* The same hits and scores as a fresh connection's. */
  {
    g_autoptr(PstStore) fresh = pst_store_open (path, PST_STORE_SCHEMA_SERVER, &error);
    g_autoptr(PstKbSearchResult) cached = search (reader, "harga kemiskinan", PST_LANG_ID);
    g_autoptr(PstKbSearchResult) uncached = NULL;

    g_assert_no_error (error);
    uncached = search (fresh, "harga kemiskinan", PST_LANG_ID);
    g_assert_cmpuint (cached->hits->len, ==, uncached->hits->len);
    g_assert_cmpuint (cached->hits->len, >, 1);
    for (guint i = 0; i < cached->hits->len; i++)
      {
        PstKbSearchHit *a = g_ptr_array_index (cached->hits, i);
        PstKbSearchHit *b = g_ptr_array_index (uncached->hits, i);

        g_assert_cmpstr (a->id, ==, b->id);
        g_assert_cmpfloat (a->score, ==, b->score);
      }
    g_assert_finalize_object (g_steal_pointer (&fresh));
  }

  /* The reader writes nothing. */
  g_assert_false (pst_store_exec (reader, "DELETE FROM kb_articles", &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_READ_ONLY);

  g_assert_finalize_object (g_steal_pointer (&reader));
  g_assert_finalize_object (g_steal_pointer (&writer));
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

static void
test_search_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pst-kb-XXXXXX", &error);
  g_autofree char *path = NULL;
  PstStore *store;

  g_assert_no_error (error);
  path = g_build_filename (dir, "server.db", NULL);

  /* An article indexed with unicode61 before version 5… */
  store = pst_store_open_at_version (path, PST_STORE_SCHEMA_SERVER, 4, &error);
  g_assert_no_error (error);
  pst_store_exec (store,
                  "INSERT INTO kb_articles (id, lang, title, body, created_at, updated_at)"
                  "  VALUES ('k1', 'id', 'Garis Kemiskinan', 'Batas pengeluaran', 1, 1)",
                  &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  /* …is found by its root after the index is rebuilt. */
  store = pst_store_open (path, PST_STORE_SCHEMA_SERVER, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PstKbSearchResult) result = search (store, "miskin", PST_LANG_ID);

    g_assert_true (has_hit (result, "k1"));
  }
  g_assert_finalize_object (store);

  g_assert_cmpint (g_unlink (path), ==, 0);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kb/tokenizer/roots", test_tokenizer_roots);
  g_test_add_func ("/kb/search/kemiskinan", test_search_kemiskinan);
  g_test_add_func ("/kb/search/pertumbuhan", test_search_pertumbuhan);
  g_test_add_func ("/kb/search/root-kept", test_search_root_kept);
  g_test_add_func ("/kb/search/departing-roots", test_search_departing_roots);
  g_test_add_func ("/kb/search/english", test_search_english);
  g_test_add_func ("/kb/search/acronyms", test_search_acronyms);
  g_test_add_func ("/kb/search/language-order", test_search_language_order);
  g_test_add_func ("/kb/search/title-weight", test_search_title_weight);
  g_test_add_func ("/kb/search/snippet", test_search_snippet);
  g_test_add_func ("/kb/search/did-you-mean", test_search_did_you_mean);
  g_test_add_func ("/kb/search/hostile", test_search_hostile);
  g_test_add_func ("/kb/search/office", test_search_office);
  g_test_add_func ("/kb/search/threads", test_search_threads);
  g_test_add_func ("/kb/search/migration", test_search_migration);
  g_test_add_func ("/kb/search/reader-follows-changes", test_search_reader_follows_changes);

  return g_test_run ();
}
