/* test-kb.c: the knowledge-base routes — search (staff and public),
 * editing and its permissions, import, views and feedback — against the
 * real server with the demo data.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-core.h"
#include "pst-test-server.h"

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
    g_assert_cmpfloat (json_object_get_double_member (first, "score"), >, 0.0);
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

  return g_test_run ();
}
