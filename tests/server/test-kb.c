/* test-kb.c: the knowledge-base routes — search (staff and public),
 * editing and its permissions, import, views and feedback — against the
 * real server with the demo data.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-core.h"
#include "pst-kb-search.h"
#include "pst-test-server.h"

#include <glib/gstdio.h>

#include <string.h>

#define DEMO_PASSWORD "pst-demo"

static PstTestResponse *
request (PstTestServer *server,
         const char    *method,
         const char    *path,
         const char    *token,
         const char    *body)
{
  g_autofree char *full = g_strconcat ("/api/v1", path, NULL);

  return pst_test_request (server, method, full, token, body);
}

static const char *
member_string (JsonObject *obj,
               const char *member)
{
  return json_object_get_string_member_with_default (obj, member, NULL);
}

static const char *
error_field (PstTestResponse *response)
{
  JsonObject *error = json_object_get_object_member (pst_test_response_object (response), "error");

  return json_object_get_string_member_with_default (error, "field", NULL);
}

static const char *
error_message (PstTestResponse *response)
{
  JsonObject *error = json_object_get_object_member (pst_test_response_object (response), "error");

  return json_object_get_string_member_with_default (error, "message", NULL);
}

#define assert_invalid_field(resp, expected_field) \
  G_STMT_START { \
    pst_test_assert_error ((resp), 422, "invalid_field"); \
    g_assert_cmpstr (error_field (resp), ==, (expected_field)); \
  } G_STMT_END

static char *
login (PstTestServer *server,
       const char    *username)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username,
                                           DEMO_PASSWORD);
  g_autoptr(PstTestResponse) response = request (server, "POST", "/auth/login", NULL, body);

  pst_test_assert_status (response, 200);
  return g_strdup (member_string (pst_test_response_object (response), "token"));
}

static gint64
db_count (PstTestServer *server,
          const char    *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstStore) store = pst_store_open (server->db_path, PST_STORE_SCHEMA_SERVER, &error);
  g_auto(PstStoreStatement) stmt = NULL;

  g_assert_no_error (error);
  pst_store_set_busy_timeout (store, 5000);
  stmt = pst_store_prepare (store, sql, &error);
  g_assert_no_error (error);
  pst_store_step_one (store, stmt, &error);
  g_assert_no_error (error);
  return sqlite3_column_int64 (stmt, 0);
}

/* The demo seeds the articles of data/kb/seed-*.json; tests that count
 * exact hits over articles of their own remove them first.
 */
static void
remove_seed_articles (PstTestServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstStore) store = pst_store_open (server->db_path, PST_STORE_SCHEMA_SERVER, &error);

  g_assert_no_error (error);
  pst_store_set_busy_timeout (store, 5000);
  pst_store_exec (store, "DELETE FROM kb_articles WHERE external_id LIKE 'seed/%'", &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM kb_articles"), ==, 0);
}

/* Creates an article with @token; returns its id. */
static char *
create_article (PstTestServer *server,
                const char    *token,
                const char    *body)
{
  g_autoptr(PstTestResponse) response = request (server, "POST", "/kb/articles", token, body);

  pst_test_assert_status (response, 201);
  return g_strdup (member_string (pst_test_response_object (response), "id"));
}

static JsonArray *
items (PstTestResponse *response)
{
  return json_object_get_array_member (pst_test_response_object (response), "items");
}

static gboolean
finds (PstTestResponse *response,
       const char      *id)
{
  JsonArray *array = items (response);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (member_string (json_array_get_object_element (array, i), "id"), id) == 0)
      return TRUE;

  return FALSE;
}

static PstTestResponse *
search (PstTestServer *server,
        const char    *route,
        const char    *token,
        const char    *q,
        const char    *extra)
{
  g_autofree char *escaped = g_uri_escape_string (q, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("%s?q=%s%s", route, escaped, extra != NULL ? extra : "");

  return request (server, "GET", path, token, NULL);
}

typedef struct
{
  char *poverty_id;
  char *poverty_en;
  char *pdrb;
  char *unemployment_en;
  char *local;    /* 7604's */
  char *foreign;  /* 8205's */
} Articles;

static void
create_articles (PstTestServer *server,
                 Articles      *out)
{
  g_autofree char *admin = login (server, "admin");
  g_autofree char *spv = login (server, "spv.7604");
  g_autofree char *foreign_spv = login (server, "spv.8205");

  out->poverty_id = create_article (server, admin,
    "{\"lang\":\"id\",\"title\":\"Angka kemiskinan kabupaten\",\"body\":\"Angka kemiskinan"
    " dihitung dari garis kemiskinan & pengeluaran per kapita <per bulan>.\","
    "\"tags\":[\"poverty\"],\"category\":\"data\"}");
  out->poverty_en = create_article (server, admin,
    "{\"lang\":\"en\",\"title\":\"Poverty statistics\",\"body\":\"The poverty line is the"
    " monthly spending below which a person counts as poor.\",\"tags\":[\"poverty\"],"
    "\"category\":\"data\"}");
  out->pdrb = create_article (server, admin,
    "{\"lang\":\"id\",\"title\":\"Produk Domestik Regional Bruto menurut lapangan usaha\","
    "\"body\":\"Nilai tambah seluruh unit usaha di suatu wilayah.\",\"tags\":[\"ekonomi\"]}");
  out->unemployment_en = create_article (server, admin,
    "{\"lang\":\"en\",\"title\":\"Open unemployment rate\",\"body\":\"The share of the labour"
    " force without work.\",\"tags\":[\"labour\"]}");
  out->local = create_article (server, spv,
    "{\"lang\":\"id\",\"title\":\"Jadwal layanan tatap muka Polewali\",\"body\":\"Layanan"
    " tatap muka buka Senin sampai Jumat.\"}");
  out->foreign = create_article (server, foreign_spv,
    "{\"lang\":\"id\",\"title\":\"Jadwal layanan tatap muka Merauke\",\"body\":\"Layanan"
    " tatap muka buka Senin sampai Kamis.\"}");
}

static void
articles_clear (Articles *articles)
{
  g_free (articles->poverty_id);
  g_free (articles->poverty_en);
  g_free (articles->pdrb);
  g_free (articles->unemployment_en);
  g_free (articles->local);
  g_free (articles->foreign);
}

static void
test_search (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *officer = login (server, "petugas1.7604");
  Articles articles = { 0 };

  remove_seed_articles (server);
  create_articles (server, &articles);

  /* An inflected form: *miskin* finds the *kemiskinan* article. */
  {
    g_autoptr(PstTestResponse) response = search (server, "/kb/search", officer, "miskin", NULL);
    JsonObject *first;

    pst_test_assert_status (response, 200);
    g_assert_true (finds (response, articles.poverty_id));
    g_assert_true (json_object_has_member (pst_test_response_object (response), "took_us"));
    g_assert_false (json_object_has_member (pst_test_response_object (response), "did_you_mean"));
    first = json_array_get_object_element (items (response), 0);
    g_assert_cmpstr (member_string (first, "id"), ==, articles.poverty_id);
    g_assert_cmpstr (member_string (first, "lang"), ==, "id");
    g_assert_cmpstr (member_string (first, "category"), ==, "data");
    g_assert_true (json_node_is_null (json_object_get_member (first, "office")));
    g_assert_cmpfloat (json_object_get_double_member (first, "score"), >, 0.0);
  }

  /* A hit names its category and, for an office's article, the office. */
  {
    g_autoptr(PstTestResponse) response = search (server, "/kb/search", officer, "Polewali", NULL);
    JsonObject *first;

    pst_test_assert_status (response, 200);
    g_assert_true (finds (response, articles.local));
    first = json_array_get_object_element (items (response), 0);
    g_assert_cmpstr (member_string (first, "id"), ==, articles.local);
    g_assert_cmpstr (member_string (first, "category"), ==, "other");
    g_assert_cmpstr (member_string (first, "office"), ==, "7604");
  }

  /* Snippets are escaped markup with <mark>. */
  {
    g_autoptr(PstTestResponse) response = search (server, "/kb/search", officer, "pengeluaran",
                                                  NULL);
    const char *snippet;

    pst_test_assert_status (response, 200);
    g_assert_cmpuint (json_array_get_length (items (response)), >=, 1);
    snippet = member_string (json_array_get_object_element (items (response), 0), "snippet");
    g_assert_nonnull (strstr (snippet, "<mark>pengeluaran</mark>"));
    g_assert_nonnull (strstr (snippet, "&amp;"));
    g_assert_nonnull (strstr (snippet, "&lt;per bulan&gt;"));
  }

  /* Acronyms both ways. */
  {
    g_autoptr(PstTestResponse) response = search (server, "/kb/search", officer, "PDRB", NULL);

    pst_test_assert_status (response, 200);
    g_assert_true (finds (response, articles.pdrb));
  }

  /* Language order: the requested language first. */
  {
    g_autoptr(PstTestResponse) id = search (server, "/kb/search", officer, "poverty", "&lang=id");
    g_autoptr(PstTestResponse) en = search (server, "/kb/search", officer, "poverty", "&lang=en");

    pst_test_assert_status (id, 200);
    pst_test_assert_status (en, 200);
    g_assert_cmpuint (json_array_get_length (items (id)), ==, 2);
    g_assert_cmpstr (member_string (json_array_get_object_element (items (id), 0), "lang"), ==,
                     "id");
    g_assert_cmpstr (member_string (json_array_get_object_element (items (en), 0), "lang"), ==,
                     "en");
  }

  /* Office articles: one's own, never another office's. */
  {
    g_autoptr(PstTestResponse) response = search (server, "/kb/search", officer, "jadwal layanan",
                                                  NULL);

    pst_test_assert_status (response, 200);
    g_assert_true (finds (response, articles.local));
    g_assert_false (finds (response, articles.foreign));
  }

  /* Did you mean. */
  {
    g_autoptr(PstTestResponse) response = search (server, "/kb/search", officer, "kemiskinaan",
                                                  NULL);

    pst_test_assert_status (response, 200);
    g_assert_cmpuint (json_array_get_length (items (response)), ==, 0);
    g_assert_cmpstr (member_string (pst_test_response_object (response), "did_you_mean"), ==,
                     "kemiskinan");
  }

  /* Hostile queries never fail. */
  {
    const char *const hostile[] = { "\"", "NEAR(", "*", "kemiskinan\"", "NEAR(kemiskinan, 2)",
                                    "title:miskin", "-(", "a OR", "^" };

    for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
      {
        g_autoptr(PstTestResponse) response = search (server, "/kb/search", officer, hostile[i],
                                                      NULL);

        pst_test_assert_status (response, 200);
        g_assert_nonnull (items (response));
      }
  }

  /* Bad parameters and access. */
  {
    g_autoptr(PstTestResponse) no_q = request (server, "GET", "/kb/search", officer, NULL);
    g_autoptr(PstTestResponse) bad_lang = search (server, "/kb/search", officer, "miskin",
                                                  "&lang=fr");
    g_autoptr(PstTestResponse) anonymous = search (server, "/kb/search", NULL, "miskin", NULL);

    assert_invalid_field (no_q, "q");
    assert_invalid_field (bad_lang, "lang");
    pst_test_assert_status (anonymous, 401);
  }

  /* The public search needs no token; an office adds its articles. */
  {
    g_autoptr(PstTestResponse) national = search (server, "/public/kb/search", NULL, "miskin",
                                                  NULL);
    g_autoptr(PstTestResponse) merauke = search (server, "/public/kb/search", NULL,
                                                 "jadwal layanan", "&office=8205");
    g_autoptr(PstTestResponse) unknown = search (server, "/public/kb/search", NULL, "miskin",
                                                 "&office=0000");
    g_autoptr(PstTestResponse) hostile = search (server, "/public/kb/search", NULL, "NEAR(", NULL);

    pst_test_assert_status (national, 200);
    g_assert_true (finds (national, articles.poverty_id));
    pst_test_assert_status (merauke, 200);
    g_assert_true (finds (merauke, articles.foreign));
    g_assert_false (finds (merauke, articles.local));
    assert_invalid_field (unknown, "office");
    pst_test_assert_status (hostile, 200);
  }

  articles_clear (&articles);
}

static void
test_edit (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *admin = login (server, "admin");
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autofree char *spv = login (server, "spv.7604");
  g_autofree char *foreign_spv = login (server, "spv.8205");
  g_autofree char *foreign_officer = login (server, "petugas1.8205");
  const char *article = "{\"lang\":\"id\",\"title\":\"Tingkat pengangguran terbuka\","
                        "\"body\":\"Persentase angkatan kerja yang tidak bekerja.\"}";
  g_autofree char *local = NULL;
  g_autofree char *national = NULL;
  gint64 events_before;

  remove_seed_articles (server);

  /* Who may create. */
  {
    g_autoptr(PstTestResponse) by_officer = request (server, "POST", "/kb/articles", officer,
                                                     article);
    g_autoptr(PstTestResponse) other_office = request (server, "POST", "/kb/articles", spv,
      "{\"lang\":\"id\",\"title\":\"X\",\"body\":\"Y\",\"office\":\"8205\"}");
    g_autoptr(PstTestResponse) spv_national = request (server, "POST", "/kb/articles", spv,
      "{\"lang\":\"id\",\"title\":\"X\",\"body\":\"Y\",\"office\":null}");
    g_autoptr(PstTestResponse) own = request (server, "POST", "/kb/articles", spv, article);
    g_autoptr(PstTestResponse) by_admin = request (server, "POST", "/kb/articles", admin, article);

    pst_test_assert_error (by_officer, 403, "forbidden");
    pst_test_assert_error (other_office, 403, "forbidden");
    pst_test_assert_error (spv_national, 403, "forbidden");
    pst_test_assert_status (own, 201);
    g_assert_cmpstr (member_string (pst_test_response_object (own), "office"), ==, "7604");
    local = g_strdup (member_string (pst_test_response_object (own), "id"));
    pst_test_assert_status (by_admin, 201);
    g_assert_true (json_node_is_null (json_object_get_member (pst_test_response_object (by_admin),
                                                              "office")));
    national = g_strdup (member_string (pst_test_response_object (by_admin), "id"));
  }
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM events WHERE type = 'kb.article.updated'"),
                   ==, 2);
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM audit_log"
                                     " WHERE action = 'kb.article.create'"), ==, 2);

  /* Validation. */
  {
    g_autofree char *long_title = g_strnfill (201, 'a');
    g_autofree char *long_body = g_strdup_printf ("{\"lang\":\"id\",\"title\":\"%s\",\"body\":\"b\"}",
                                                  long_title);
    g_autoptr(PstTestResponse) bad_lang = request (server, "POST", "/kb/articles", spv,
      "{\"lang\":\"fr\",\"title\":\"X\",\"body\":\"Y\"}");
    g_autoptr(PstTestResponse) too_long = request (server, "POST", "/kb/articles", spv, long_body);
    g_autoptr(PstTestResponse) bad_tags = request (server, "POST", "/kb/articles", spv,
      "{\"lang\":\"id\",\"title\":\"X\",\"body\":\"Y\",\"tags\":[1]}");
    g_autoptr(PstTestResponse) blank = request (server, "POST", "/kb/articles", spv,
      "{\"lang\":\"id\",\"title\":\"  \",\"body\":\"Y\"}");
    g_autoptr(PstTestResponse) no_body = request (server, "POST", "/kb/articles", spv,
      "{\"lang\":\"id\",\"title\":\"X\"}");

    assert_invalid_field (bad_lang, "lang");
    assert_invalid_field (too_long, "title");
    g_assert_cmpstr (error_field (bad_tags), !=, NULL);
    g_assert_true (g_str_has_prefix (error_field (bad_tags), "tags"));
    assert_invalid_field (blank, "title");
    assert_invalid_field (no_body, "body");
  }

  /* Reading: any office's article. */
  {
    g_autofree char *local_path = g_strconcat ("/kb/articles/", local, NULL);
    g_autofree char *national_path = g_strconcat ("/kb/articles/", national, NULL);
    g_autoptr(PstTestResponse) own = request (server, "GET", local_path, officer, NULL);
    g_autoptr(PstTestResponse) foreign = request (server, "GET", local_path, foreign_officer, NULL);
    g_autoptr(PstTestResponse) nat = request (server, "GET", national_path, foreign_officer, NULL);
    g_autoptr(PstTestResponse) missing = request (server, "GET", "/kb/articles/kba-nope", officer,
                                                  NULL);

    pst_test_assert_status (own, 200);
    g_assert_cmpstr (member_string (pst_test_response_object (own), "title"), ==,
                     "Tingkat pengangguran terbuka");
    pst_test_assert_status (foreign, 200);
    pst_test_assert_status (nat, 200);
    pst_test_assert_error (missing, 404, "not_found");
  }

  events_before = db_count (server, "SELECT count(*) FROM events");

  /* Editing. */
  {
    g_autofree char *local_path = g_strconcat ("/kb/articles/", local, NULL);
    g_autofree char *national_path = g_strconcat ("/kb/articles/", national, NULL);
    const char *change = "{\"title\":\"Tingkat pengangguran terbuka (TPT)\",\"tags\":[\"tpt\"]}";
    g_autoptr(PstTestResponse) by_officer = request (server, "PUT", local_path, officer, change);
    g_autoptr(PstTestResponse) foreign = request (server, "PUT", local_path, foreign_spv, change);
    g_autoptr(PstTestResponse) spv_national = request (server, "PUT", national_path, spv, change);
    g_autoptr(PstTestResponse) own = request (server, "PUT", local_path, spv, change);
    g_autoptr(PstTestResponse) admin_national = request (server, "PUT", national_path, admin,
                                                         change);
    g_autoptr(PstTestResponse) bad = request (server, "PUT", local_path, spv,
                                              "{\"lang\":\"de\"}");
    g_autoptr(PstTestResponse) found = NULL;
    JsonObject *obj;

    pst_test_assert_error (by_officer, 403, "forbidden");
    pst_test_assert_error (foreign, 404, "not_found");
    pst_test_assert_error (spv_national, 403, "forbidden");
    pst_test_assert_status (own, 200);
    obj = pst_test_response_object (own);
    g_assert_cmpstr (member_string (obj, "title"), ==, "Tingkat pengangguran terbuka (TPT)");
    g_assert_cmpstr (member_string (obj, "body"), ==,
                     "Persentase angkatan kerja yang tidak bekerja.");
    g_assert_cmpstr (member_string (obj, "office"), ==, "7604");
    pst_test_assert_status (admin_national, 200);
    assert_invalid_field (bad, "lang");

    /* The index follows the edit. */
    found = search (server, "/kb/search", officer, "tpt", NULL);
    pst_test_assert_status (found, 200);
    g_assert_true (finds (found, local));
  }
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM events"), ==, events_before + 2);
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM events WHERE type = 'kb.article.updated'"
                                     " AND office = '7604'"), ==, 2);

  /* Deleting. */
  {
    g_autofree char *local_path = g_strconcat ("/kb/articles/", local, NULL);
    g_autofree char *national_path = g_strconcat ("/kb/articles/", national, NULL);
    g_autoptr(PstTestResponse) foreign = request (server, "DELETE", local_path, foreign_spv, NULL);
    g_autoptr(PstTestResponse) spv_national = request (server, "DELETE", national_path, spv, NULL);
    g_autoptr(PstTestResponse) own = request (server, "DELETE", local_path, spv, NULL);
    g_autoptr(PstTestResponse) again = request (server, "GET", local_path, spv, NULL);
    g_autoptr(PstTestResponse) admin_national = request (server, "DELETE", national_path, admin,
                                                         NULL);

    pst_test_assert_error (foreign, 404, "not_found");
    pst_test_assert_error (spv_national, 403, "forbidden");
    pst_test_assert_status (own, 204);
    pst_test_assert_error (again, 404, "not_found");
    pst_test_assert_status (admin_national, 204);
  }
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM kb_articles"), ==, 0);
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM audit_log"
                                     " WHERE action = 'kb.article.delete'"), ==, 2);
}

static void
test_import (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *admin = login (server, "admin");
  g_autofree char *spv = login (server, "spv.7604");
  g_autofree char *officer = login (server, "petugas1.7604");
  const char *first =
    "[{\"external_id\":\"bps-001\",\"lang\":\"id\",\"title\":\"Inflasi bulanan\","
    "\"body\":\"Inflasi diukur dari perubahan Indeks Harga Konsumen.\",\"tags\":[\"ihk\"]},"
    " {\"external_id\":\"bps-002\",\"lang\":\"en\",\"title\":\"Monthly inflation\","
    "\"body\":\"Inflation is the change of the Consumer Price Index.\",\"office\":\"7604\"}]";
  const char *second =
    "[{\"external_id\":\"bps-001\",\"lang\":\"id\",\"title\":\"Inflasi bulanan dan tahunan\","
    "\"body\":\"Inflasi diukur dari perubahan Indeks Harga Konsumen.\"},"
    " {\"external_id\":\"bps-002\",\"lang\":\"en\",\"title\":\"Monthly inflation\","
    "\"body\":\"Inflation is the change of the CPI.\",\"office\":\"7604\"},"
    " {\"external_id\":\"bps-003\",\"lang\":\"id\",\"title\":\"Ekspor dan impor\","
    "\"body\":\"Nilai ekspor menurut pelabuhan muat.\"}]";
  const char *bad =
    "[{\"external_id\":\"bps-004\",\"lang\":\"id\",\"title\":\"Pariwisata\","
    "\"body\":\"Tingkat penghunian kamar hotel.\"},"
    " {\"external_id\":\"bps-001\",\"lang\":\"id\",\"title\":\"Diubah\",\"body\":\"Diubah.\"},"
    " {\"external_id\":\"bps-005\",\"lang\":\"xx\",\"title\":\"Salah\",\"body\":\"Salah.\"}]";

  remove_seed_articles (server);

  {
    g_autoptr(PstTestResponse) by_spv = request (server, "POST", "/kb/import", spv, first);
    g_autoptr(PstTestResponse) by_officer = request (server, "POST", "/kb/import", officer, first);

    pst_test_assert_error (by_spv, 403, "forbidden");
    pst_test_assert_error (by_officer, 403, "forbidden");
  }

  {
    g_autoptr(PstTestResponse) response = request (server, "POST", "/kb/import", admin, first);
    JsonObject *obj;

    pst_test_assert_status (response, 200);
    obj = pst_test_response_object (response);
    g_assert_cmpint (json_object_get_int_member (obj, "created"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (obj, "updated"), ==, 0);
  }

  {
    g_autoptr(PstTestResponse) response = request (server, "POST", "/kb/import", admin, second);
    JsonObject *obj;

    pst_test_assert_status (response, 200);
    obj = pst_test_response_object (response);
    g_assert_cmpint (json_object_get_int_member (obj, "created"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (obj, "updated"), ==, 2);
  }
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM kb_articles"), ==, 3);
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM kb_articles WHERE external_id = 'bps-001'"
                                     " AND title = 'Inflasi bulanan dan tahunan'"), ==, 1);
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM kb_articles WHERE external_id = 'bps-002'"
                                     " AND office = '7604'"), ==, 1);

  /* A bad entry: its path, and nothing written. */
  {
    g_autoptr(PstTestResponse) response = request (server, "POST", "/kb/import", admin, bad);
    g_autoptr(PstTestResponse) no_external = request (server, "POST", "/kb/import", admin,
      "[{\"lang\":\"id\",\"title\":\"T\",\"body\":\"B\"}]");
    g_autoptr(PstTestResponse) not_array = request (server, "POST", "/kb/import", admin,
                                                    "{\"lang\":\"id\"}");
    g_autoptr(PstTestResponse) bad_office = request (server, "POST", "/kb/import", admin,
      "[{\"external_id\":\"x\",\"lang\":\"id\",\"title\":\"T\",\"body\":\"B\",\"office\":\"0000\"}]");

    assert_invalid_field (response, "[2].lang");
    assert_invalid_field (no_external, "[0].external_id");
    pst_test_assert_error (not_array, 400, "invalid_json");
    assert_invalid_field (bad_office, "[0].office");
  }
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM kb_articles"), ==, 3);
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM kb_articles WHERE title = 'Diubah'"),
                   ==, 0);

  /* The imported articles are searchable. */
  {
    g_autoptr(PstTestResponse) response = search (server, "/public/kb/search", NULL, "ekspor", NULL);

    pst_test_assert_status (response, 200);
    g_assert_cmpuint (json_array_get_length (items (response)), ==, 1);
  }
}

static void
test_feedback (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autofree char *feedback_path = NULL;
  g_autofree char *path = NULL;
  Articles articles = { 0 };

  create_articles (server, &articles);
  feedback_path = g_strconcat ("/kb/articles/", articles.poverty_id, "/feedback", NULL);
  path = g_strconcat ("/kb/articles/", articles.poverty_id, NULL);

  {
    g_autoptr(PstTestResponse) resolved = request (server, "POST", feedback_path, NULL,
      "{\"helpful\":true,\"resolved_without_consultation\":true,\"query\":\"miskin\","
      "\"office\":\"7604\"}");
    g_autoptr(PstTestResponse) unhelpful = request (server, "POST", feedback_path, NULL,
                                                    "{\"helpful\":false}");
    g_autoptr(PstTestResponse) missing = request (server, "POST", feedback_path, NULL, "{}");
    g_autoptr(PstTestResponse) unknown = request (server, "POST", "/kb/articles/kba-nope/feedback",
                                                  NULL, "{\"helpful\":true}");
    g_autoptr(PstTestResponse) article = NULL;
    JsonObject *obj;

    pst_test_assert_status (resolved, 200);
    g_assert_cmpint (json_object_get_int_member (pst_test_response_object (resolved), "helpful"),
                     ==, 1);
    pst_test_assert_status (unhelpful, 200);
    g_assert_cmpint (json_object_get_int_member (pst_test_response_object (unhelpful),
                                                 "not_helpful"), ==, 1);
    assert_invalid_field (missing, "helpful");
    pst_test_assert_error (unknown, 404, "not_found");
    g_assert_cmpint (json_object_get_int_member (pst_test_response_object (unhelpful), "views"),
                     ==, 2);

    article = request (server, "GET", path, officer, NULL);
    pst_test_assert_status (article, 200);
    obj = pst_test_response_object (article);
    g_assert_cmpint (json_object_get_int_member (obj, "views"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (obj, "helpful"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (obj, "not_helpful"), ==, 1);
  }

  g_assert_cmpint (db_count (server, "SELECT count(*) FROM kb_searches"
                                     " WHERE resolved_without_consultation = 1 AND helpful = 1"
                                     " AND query = 'miskin' AND office = '7604'"), ==, 1);
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM kb_searches"), ==, 1);

  articles_clear (&articles);
}

/* A kiosk shows visitors the articles it finds: it reads them (its own
 * office's and national ones) but edits none.
 */
static void
test_kiosk_reads (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *kiosk = login (server, "kiosk.7604");
  g_autofree char *national = NULL;
  g_autofree char *local = NULL;
  Articles articles = { 0 };

  create_articles (server, &articles);
  national = g_strconcat ("/kb/articles/", articles.poverty_id, NULL);
  local = g_strconcat ("/kb/articles/", articles.local, NULL);

  {
    g_autoptr(PstTestResponse) read = request (server, "GET", national, kiosk, NULL);
    g_autoptr(PstTestResponse) read_local = request (server, "GET", local, kiosk, NULL);
    g_autoptr(PstTestResponse) put = request (server, "PUT", local, kiosk,
                                              "{\"title\":\"Diubah kios\"}");
    g_autoptr(PstTestResponse) delete = request (server, "DELETE", local, kiosk, NULL);
    g_autoptr(PstTestResponse) create = request (server, "POST", "/kb/articles", kiosk,
      "{\"lang\":\"id\",\"title\":\"Kios\",\"body\":\"Isi\"}");
    g_autoptr(PstTestResponse) after = request (server, "GET", local, kiosk, NULL);

    pst_test_assert_status (read, 200);
    g_assert_cmpstr (member_string (pst_test_response_object (read), "title"), ==,
                     "Angka kemiskinan kabupaten");
    g_assert_nonnull (strstr (member_string (pst_test_response_object (read), "body"),
                              "garis kemiskinan"));
    pst_test_assert_status (read_local, 200);
    pst_test_assert_error (put, 403, "forbidden");
    pst_test_assert_error (delete, 403, "forbidden");
    pst_test_assert_error (create, 403, "forbidden");
    pst_test_assert_status (after, 200);
    g_assert_cmpstr (member_string (pst_test_response_object (after), "title"), ==,
                     "Jadwal layanan tatap muka Polewali");
  }

  articles_clear (&articles);
}

/* Every seed file's entries. */
static JsonArray *
load_seed_entries (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("PST_DATA_DIR"), "kb", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  JsonArray *entries = json_array_new ();
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      JsonArray *array;

      if (!g_str_has_prefix (name, "seed-") || !g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir, name, NULL);
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
      array = json_node_get_array (json_parser_get_root (parser));
      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (entries, json_node_copy (json_array_get_element (array, i)));
    }

  return entries;
}

static const char *
seed_title (JsonArray  *entries,
            const char *external_id)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (member_string (entry, "external_id"), external_id) == 0)
        return member_string (entry, "title");
    }

  g_error ("No seed article %s", external_id);
  return NULL;
}

/* Whether one of the first @n hits has @title. */
static gboolean
finds_title_in_first (PstTestResponse *response,
                      const char      *title,
                      guint            n)
{
  JsonArray *array = items (response);

  for (guint i = 0; i < json_array_get_length (array) && i < n; i++)
    if (g_strcmp0 (member_string (json_array_get_object_element (array, i), "title"), title) == 0)
      return TRUE;

  return FALSE;
}

/* `--demo` seeds every article of data/kb/seed-*.json as a national
 * article, once each (the import's own checks pass on every entry), and
 * they are found the way a requester asks.
 */
static void
test_demo_seed (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autoptr(JsonArray) entries = load_seed_entries ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *officer = login (server, "petugas1.7604");
  g_autofree char *admin = login (server, "admin");
  g_autofree char *log = NULL;

  g_assert_cmpuint (json_array_get_length (entries), >=, 60);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *external_id = member_string (entry, "external_id");
      g_autofree char *sql = NULL;

      g_assert_nonnull (external_id);
      if (!g_hash_table_add (ids, (gpointer) external_id))
        g_error ("The seed article %s is in the seed files twice", external_id);
      sql = g_strdup_printf ("SELECT count(*) FROM kb_articles WHERE external_id = '%s'"
                             " AND office IS NULL", external_id);
      if (db_count (server, sql) != 1)
        g_error ("The demo did not seed %s; the server said:\n%s", external_id,
                 (log = pst_test_server_get_log (server)));
    }
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM kb_articles"), ==,
                   g_hash_table_size (ids));

  /* Inflected Indonesian, English, an acronym, on the staff and the public search. */
  {
    g_autoptr(PstTestResponse) poverty = search (server, "/kb/search", officer, "kemiskinan",
                                                 "&lang=id");
    g_autoptr(PstTestResponse) unemployment = search (server, "/public/kb/search", NULL,
                                                      "unemployment rate", "&lang=en");
    g_autoptr(PstTestResponse) pdrb = search (server, "/public/kb/search", NULL,
                                              "produk domestik regional bruto", "&lang=id");

    pst_test_assert_status (poverty, 200);
    g_assert_true (finds_title_in_first (poverty,
                                         seed_title (entries, "seed/persentase-penduduk-miskin/id"),
                                         3));
    pst_test_assert_status (unemployment, 200);
    g_assert_true (finds_title_in_first (unemployment, seed_title (entries, "seed/tpt/en"), 3));
    pst_test_assert_status (pdrb, 200);
    g_assert_true (finds_title_in_first (pdrb, seed_title (entries, "seed/pdrb/id"), 3));
  }

  /* The seed files import through the route too, updating every article. */
  {
    g_autofree char *path = g_build_filename (g_getenv ("PST_DATA_DIR"), "kb", "seed-1.json",
                                              NULL);
    g_autofree char *contents = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(PstTestResponse) response = NULL;
    JsonObject *obj;

    g_file_get_contents (path, &contents, NULL, &error);
    g_assert_no_error (error);
    response = request (server, "POST", "/kb/import", admin, contents);
    pst_test_assert_status (response, 200);
    obj = pst_test_response_object (response);
    g_assert_cmpint (json_object_get_int_member (obj, "created"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (obj, "updated"), ==, 60);
  }
  g_assert_cmpint (db_count (server, "SELECT count(*) FROM kb_articles"), ==,
                   g_hash_table_size (ids));
}

static void
test_localized (void)
{
  g_autoptr(PstTestServer) server = pst_test_server_start (TRUE);
  g_autofree char *spv = login (server, "spv.7604");
  const char *const indonesian[] = { "Accept-Language", "id", NULL };
  g_autoptr(PstTestResponse) response = NULL;

  response = pst_test_request_full (server, "POST", "/api/v1/kb/articles", spv,
                                    "application/json",
                                    "{\"lang\":\"id\",\"title\":\"X\",\"body\":\"Y\","
                                    "\"office\":\"8205\"}",
                                    -1, indonesian);
  pst_test_assert_error (response, 403, "forbidden");
  g_assert_cmpstr (error_message (response), ==, "Akun Anda tidak berwenang melakukan ini");
}

/* Searches off the loop: searches held on the server's search pool (its
 * test gate, pst-kb-search-pool.c) while other requests are answered,
 * then the same hits as the core search gives on the database.
 */

typedef struct
{
  const char *route;
  gboolean    staff;
  const char *q;
  const char *extra;   /* more of the query string, or NULL */
  const char *lang;    /* of the articles first (lang=) */
  const char *office;  /* whose articles are searched besides the national ones */
} HeldSearch;

static const HeldSearch held_searches[] = {
  { "/kb/search", TRUE, "kemiskinan kabupaten", NULL, "id", "7604" },
  { "/kb/search", TRUE, "PDRB", NULL, "id", "7604" },
  { "/kb/search", TRUE, "unemployment rate", NULL, "en", "7604" },
  { "/kb/search", TRUE, "kemiskinaan", NULL, "id", "7604" },
  { "/public/kb/search", FALSE, "inflasi", NULL, "id", NULL },
  { "/public/kb/search", FALSE, "nilai tukar petani", "&office=7604", "id", "7604" },
  { "/public/kb/search", FALSE, "sensus penduduk", "&limit=20", "id", NULL },
  { "/public/kb/search", FALSE, "bagaimana cara mendapatkan data kemiskinan desa", NULL, "id",
    NULL },
};

typedef struct
{
  guint       pending;
  GPtrArray  *bodies;   /* GBytes of each answer, NULL until answered */
  GPtrArray  *messages; /* SoupMessage */
} HeldAnswers;

typedef struct
{
  HeldAnswers *answers;
  guint        index;
} HeldCall;

static void
held_answer_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  HeldCall *call = user_data;
  g_autoptr(GError) error = NULL;
  GBytes *body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (call->index < call->answers->bodies->len)
    {
      g_assert_no_error (error);
      g_ptr_array_index (call->answers->bodies, call->index) = body;
    }
  else
    {
      /* The request given up on. */
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
  call->answers->pending--;
  g_free (call);
}

static char *
first_article_id (PstTestServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstStore) store = pst_store_open (server->db_path, PST_STORE_SCHEMA_SERVER, &error);
  g_auto(PstStoreStatement) stmt = NULL;

  g_assert_no_error (error);
  stmt = pst_store_prepare (store, "SELECT id FROM kb_articles ORDER BY num LIMIT 1", &error);
  g_assert_no_error (error);
  g_assert_true (pst_store_step_one (store, stmt, &error));
  g_assert_no_error (error);
  return g_strdup (pst_store_column_text (stmt, 0));
}

/* Iterates the default context until @done or a minute passed. */
static gboolean
wait_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (!done (data))
        g_usleep (10 * 1000);
    }

  return done (data);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
all_answered (gpointer data)
{
  return ((HeldAnswers *) data)->pending == 0;
}

/* The first hits the core search gives on @server's database. */
static PstKbSearchResult *
core_search (PstTestServer    *server,
             const HeldSearch *held,
             guint             limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstStore) store = pst_store_open (server->db_path, PST_STORE_SCHEMA_SERVER, &error);
  PstLang lang = PST_LANG_ID;
  PstKbSearchResult *result;

  g_assert_no_error (error);
  g_assert_true (pst_lang_from_string (held->lang, &lang));
  result = pst_kb_search (store, held->q, lang, held->office, limit, NULL, NULL, &error);
  g_assert_no_error (error);
  return result;
}

/* Asserts that @body, the server's answer to @held, has the core search's hits. */
static void
assert_same_hits (PstTestServer    *server,
                  const HeldSearch *held,
                  GBytes           *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PstKbSearchResult) expected = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  g_autofree char *text = g_strndup (data, length);
  JsonObject *object;
  JsonArray *array;

  root = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  g_assert_true (json_object_has_member (object, "items"));
  array = json_object_get_array_member (object, "items");

  /* The API's default limit is 50. */
  expected = core_search (server, held, held->extra != NULL && strstr (held->extra, "limit=20")
                                        ? 20 : 50);
  g_assert_cmpuint (json_array_get_length (array), ==, expected->hits->len);
  for (guint i = 0; i < expected->hits->len; i++)
    {
      PstKbSearchHit *hit = g_ptr_array_index (expected->hits, i);
      JsonObject *item = json_array_get_object_element (array, i);

      g_assert_cmpstr (member_string (item, "id"), ==, hit->id);
      g_assert_cmpstr (member_string (item, "title"), ==, hit->title);
      g_assert_cmpstr (member_string (item, "lang"), ==, pst_lang_to_string (hit->lang));
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "score"), hit->score,
                                      1e-9 * MAX (1.0, hit->score));
    }
  g_assert_cmpstr (json_object_get_string_member_with_default (object, "did_you_mean", NULL), ==,
                   expected->did_you_mean);
}

static void
run_held_searches (const char *const *args)
{
  g_autofree char *dir = g_dir_make_tmp ("pst-test-kb-XXXXXX", NULL);
  g_autofree char *gate = g_build_filename (dir, "gate", NULL);
  g_autofree char *held = g_strconcat (gate, ".held", NULL);
  g_autoptr(PstTestServer) server = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *officer = NULL;
  g_autofree char *auth = NULL;
  HeldAnswers answers = { 0 };
  const guint n = G_N_ELEMENTS (held_searches);

  g_assert_nonnull (dir);
  g_setenv ("PST_KB_SEARCH_TEST_GATE", gate, TRUE);
  server = pst_test_server_start_with_args (TRUE, args);
  g_unsetenv ("PST_KB_SEARCH_TEST_GATE");
  officer = login (server, "petugas1.7604");
  auth = g_strconcat ("Bearer ", officer, NULL);

  answers.bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_ptr_array_set_size (answers.bodies, n);
  answers.messages = g_ptr_array_new_with_free_func (g_object_unref);

  /* Every search, and one more whose client gives up while it is held. */
  for (guint i = 0; i <= n; i++)
    {
      const HeldSearch *search_i = &held_searches[MIN (i, n - 1)];
      g_autofree char *escaped = g_uri_escape_string (search_i->q, NULL, FALSE);
      g_autofree char *url = g_strdup_printf ("%s/api/v1%s?q=%s&lang=%s%s", server->base_url,
                                              search_i->route, escaped, search_i->lang,
                                              search_i->extra != NULL ? search_i->extra : "");
      SoupMessage *msg = soup_message_new ("GET", url);
      HeldCall *call = g_new0 (HeldCall, 1);

      if (search_i->staff)
        soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                      auth);
      call->answers = &answers;
      call->index = i;
      answers.pending++;
      g_ptr_array_add (answers.messages, msg);
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT,
                                        i < n ? NULL : cancellable, held_answer_cb, call);
    }

  /* A search is held on the pool… */
  g_assert_true (wait_until (file_exists, held));

  /* …and the server answers other requests meanwhile, staff and public,
   * a read from the database among them.
   */
  {
    g_autoptr(PstTestResponse) health = pst_test_request (server, "GET", "/healthz", NULL, NULL);
    g_autoptr(PstTestResponse) offices = request (server, "GET", "/offices", officer, NULL);
    g_autofree char *id = first_article_id (server);
    g_autofree char *path = g_strconcat ("/kb/articles/", id, NULL);
    g_autoptr(PstTestResponse) article = request (server, "GET", path, officer, NULL);

    pst_test_assert_status (health, 200);
    pst_test_assert_status (offices, 200);
    pst_test_assert_status (article, 200);
    g_assert_cmpstr (member_string (pst_test_response_object (article), "id"), ==, id);
  }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (answers.pending, ==, n + 1);

  /* The client that gives up; then the searches go on. */
  g_cancellable_cancel (cancellable);
  g_assert_true (g_file_set_contents (gate, "", 0, NULL));
  g_assert_true (wait_until (all_answered, &answers));

  for (guint i = 0; i < n; i++)
    {
      SoupMessage *msg = g_ptr_array_index (answers.messages, i);

      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      assert_same_hits (server, &held_searches[i], g_ptr_array_index (answers.bodies, i));
    }

  /* The server is still well after the dropped request. */
  {
    g_autoptr(PstTestResponse) health = pst_test_request (server, "GET", "/healthz", NULL, NULL);

    pst_test_assert_status (health, 200);
  }

  g_ptr_array_unref (answers.bodies);
  g_ptr_array_unref (answers.messages);
  g_unlink (gate);
  g_unlink (held);
  g_rmdir (dir);
}

static void
test_search_off_loop (void)
{
  run_held_searches (NULL);
}

static void
test_search_off_loop_workers (void)
{
  const char *const args[] = { "--workers", "2", NULL };

  run_held_searches (args);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/kb/search", test_search);
  g_test_add_func ("/server/kb/edit", test_edit);
  g_test_add_func ("/server/kb/import", test_import);
  g_test_add_func ("/server/kb/feedback", test_feedback);
  g_test_add_func ("/server/kb/kiosk-reads", test_kiosk_reads);
  g_test_add_func ("/server/kb/localized", test_localized);
  g_test_add_func ("/server/kb/demo-seed", test_demo_seed);
  g_test_add_func ("/server/kb/search-off-loop", test_search_off_loop);
  g_test_add_func ("/server/kb/search-off-loop-workers", test_search_off_loop_workers);

  return g_test_run ();
}
