/* test-store.c: the sqlite store, its schemas and their migrations.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-store.h"
#include "pst-store-private.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

/* A temporary folder for the tests that need real files. */
typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("pst-test-store-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }

  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_clear_pointer (&fixture->dir, g_free);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static PstStore *
open_ok (const char     *path,
         PstStoreSchema  schema)
{
  g_autoptr(GError) error = NULL;
  PstStore *store = pst_store_open (path, schema, &error);

  g_assert_no_error (error);
  g_assert_true (PST_IS_STORE (store));
  return store;
}

static void
exec_ok (PstStore   *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  pst_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

static void
exec_fails (PstStore      *store,
            const char    *sql,
            PstStoreError  code)
{
  g_autoptr(GError) error = NULL;

  if (pst_store_exec (store, sql, &error))
    g_error ("Accepted: %s", sql);
  g_assert_error (error, PST_STORE_ERROR, (int) code);
}

static gint64
query_int (PstStore   *store,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_auto(PstStoreStatement) stmt = pst_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  pst_store_step_one (store, stmt, &error);
  g_assert_no_error (error);

  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (PstStore   *store,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_auto(PstStoreStatement) stmt = pst_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  pst_store_step_one (store, stmt, &error);
  g_assert_no_error (error);

  return g_strdup (pst_store_column_text (stmt, 0));
}

static gint64
count_rows (PstStore   *store,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return query_int (store, sql);
}

/* Representative rows, one block per server schema version: each uses
 * only the tables and columns its version has, so it can fill an old
 * database as well as a new one.
 */
static const char *const server_rows[] = {
  /* Version 1. */
  "INSERT INTO offices (code, name, timezone, sk_number, address, phone, website,"
  "                     walkin_wait_min, session_max_min, web_response_working_days,"
  "                     whatsapp_first_response_working_days, email_response_working_days,"
  "                     idle_close_amount, idle_close_unit, guest_book_stage, zoom_follow_up,"
  "                     retention_days, created_at, updated_at)"
  "  VALUES ('7604', 'BPS Kabupaten Mamuju', 'Asia/Makassar', 'B-001/76040/HK.010/2024',"
  "          'Jl. Soekarno Hatta, Mamuju', '0426-21000', 'https://mamujukab.bps.go.id',"
  "          10, 60, 3, 1, 3, 7, 'days', 'at_desk', 1, 730, 1000, 1000);"
  "INSERT INTO office_channels VALUES ('7604', 'walk_in'), ('7604', 'web'), ('7604', 'whatsapp');"
  "INSERT INTO office_hours VALUES ('7604', 1, 480, 930), ('7604', 5, 480, 960);"
  "INSERT INTO holidays (date, office, name, name_en, kind)"
  "  VALUES ('2026-08-17', NULL, 'Hari Kemerdekaan', 'Independence Day', 'national'),"
  "         ('2026-11-23', '7604', 'Penutupan kantor', NULL, 'local');"
  "INSERT INTO complaint_channels (office, kind, value) VALUES ('7604', 'phone', '0426-21000');"
  "INSERT INTO officers (id, username, name, role, office, desk, presence, password_hash,"
  "                      created_at, updated_at)"
  "  VALUES ('o1', 'petugas1.7604', 'Petugas Satu', 'officer', '7604', '1', 'available',"
  "          '$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA', 1000, 1000),"
  "         ('a1', 'admin', 'Administrator', 'admin', NULL, NULL, 'offline', 'x', 1000, 1000);"
  "INSERT INTO tokens VALUES (printf ('%064d', 1), 'o1', 1000, 2000, NULL, 1500);"
  "INSERT INTO tickets (id, office, service, service_date, seq, number, status, desk, officer,"
  "                     issued_at, called_at, wait_due)"
  "  VALUES ('t1', '7604', 'consultation', '2026-11-20', 1, 'K-001', 'called', '1', 'o1',"
  "          1000, 1100, 1600);"
  "INSERT INTO ticket_history (ticket, at, action, from_status, to_status, officer)"
  "  VALUES ('t1', 1000, 'issued', NULL, 'waiting', NULL),"
  "         ('t1', 1100, 'called', 'waiting', 'called', 'o1');"
  "INSERT INTO guest_book (id, ticket, office, name, id_type, id_number_masked, id_number_hash,"
  "                        email, phone, institution, occupation, purpose, created_at,"
  "                        erase_after)"
  "  VALUES ('g1', 't1', '7604', 'Budi Santoso', 'ktp', '************1234', printf ('%064d', 7),"
  "          'budi@example.id', '081234567890', 'Universitas Tadulako', 'Mahasiswa',"
  "          'Data kemiskinan', 1000, 9000);",

  /* Version 2. */
  "INSERT INTO consultations (id, office, channel, subject, category, status, requester_name,"
  "                           requester_email, assignee, created_at, updated_at,"
  "                           first_response_due, kb_query, kb_viewed, last_message_at,"
  "                           access_token_hash, erase_after)"
  "  VALUES ('c1', '7604', 'web', 'IPM Mamuju 2025', 'data', 'awaiting_officer', 'Siti',"
  "          'siti@example.id', 'o1', 1000, 1200, 5000, 'ipm mamuju', '[\"k1\"]', 1200,"
  "          printf ('%064d', 2), 90000);"
  "INSERT INTO messages (id, consultation, author, officer, body, kb_article_ids, at)"
  "  VALUES ('m1', 'c1', 'requester', NULL, 'Mohon data IPM', '[]', 1000),"
  "         ('m2', 'c1', 'officer', 'o1', 'Silakan lihat artikel ini', '[\"k1\"]', 1200);"
  "INSERT INTO kb_articles (id, external_id, lang, title, body, tags, category, office,"
  "                         created_at, updated_at)"
  "  VALUES ('k1', 'ext-1', 'id', 'Indeks Pembangunan Manusia',"
  "          'IPM mengukur capaian pembangunan manusia', '[\"ipm\"]', 'data', NULL, 1000, 1000);"
  "INSERT INTO kb_searches (at, query, lang, office, viewed, resolved_without_consultation,"
  "                         consultation)"
  "  VALUES (900, 'ipm', 'id', '7604', '[\"k1\"]', 0, 'c1');",

  /* Version 3. */
  "INSERT INTO ratings (id, office, ticket, officer, channel, score1, score2, score3, score4,"
  "                     score5, score6, score7, score8, score9, comment, created_at)"
  "  VALUES ('r1', '7604', 't1', 'o1', 'walk_in', 4, 4, 3, 4, 4, 4, 4, 3, 4, 'Cepat', 2000);"
  "INSERT INTO complaints (id, office, channel, body, status, received_at, response_due,"
  "                        updated_at)"
  "  VALUES ('p1', '7604', 'website', 'Antrian terlalu lama', 'received', 2000, 9000, 2000);"
  "INSERT INTO events (type, at, office, data) VALUES ('ticket.issued', 1000, '7604', '{\"id\":\"t1\"}');"
  "INSERT INTO idempotency_keys (principal, idempotency_key, method, path, request_hash,"
  "                              response_status, response_body, created_at)"
  "  VALUES ('o1', 'key-1', 'POST', '/api/v1/offices/7604/tickets', printf ('%064d', 3), 201,"
  "          '{}', 1000);"
  "INSERT INTO audit_log (at, actor, action, target_type, target_id, office, detail)"
  "  VALUES (1000, 'a1', 'consultation.assign', 'consultation', 'c1', '7604',"
  "          '{\"officer\":\"o1\"}');",

  /* Version 4 (its migration adds the 'idempotency' secret itself). */
  "INSERT INTO server_secrets (name, value) VALUES ('backup', randomblob (32));",

  /* Version 5 (the knowledge-base index made again; no table of its own). */
  "",

  /* Version 6 (the same, for the corrected roots). */
  "",
};

/* The tables each server version adds and the rows server_rows puts in them. */
typedef struct
{
  guint version;
  const char *table;
  gint64 rows;
} TableRows;

static const TableRows server_tables[] = {
  { 1, "offices", 1 },
  { 1, "office_channels", 3 },
  { 1, "office_hours", 2 },
  { 1, "holidays", 2 },
  { 1, "complaint_channels", 1 },
  { 1, "officers", 2 },
  { 1, "tokens", 1 },
  { 1, "tickets", 1 },
  { 1, "ticket_history", 2 },
  { 1, "guest_book", 1 },
  { 2, "consultations", 1 },
  { 2, "messages", 2 },
  { 2, "kb_articles", 1 },
  { 2, "kb_searches", 1 },
  { 3, "ratings", 1 },
  { 3, "complaints", 1 },
  { 3, "events", 1 },
  { 3, "idempotency_keys", 1 },
  { 3, "audit_log", 1 },
  { 4, "server_secrets", 1 },
};

static const char *const cache_rows[] = {
  /* Version 1. */
  "UPDATE sync_state SET server_url = 'http://pst.example:8470', office = '7604', last_seq = 42;"
  "INSERT INTO offices VALUES ('7604', 'BPS Kabupaten Mamuju', 'Asia/Makassar',"
  "                            '{\"code\":\"7604\"}', 1000);"
  "INSERT INTO officers (id, username, name, role, office, presence, json, synced_at)"
  "  VALUES ('o1', 'petugas1.7604', 'Petugas Satu', 'officer', '7604', 'available', '{}', 1000);"
  "INSERT INTO tickets (id, office, service, service_date, number, status, issued_at, json,"
  "                     synced_at)"
  "  VALUES ('t1', '7604', 'consultation', '2026-11-20', 'K-001', 'waiting', 1000,"
  "          '{\"id\":\"t1\"}', 1000);"
  "INSERT INTO consultations (id, office, channel, status, assignee, sla_state, due_at,"
  "                           created_at, json, synced_at)"
  "  VALUES ('c1', '7604', 'web', 'open', NULL, 'ok', 5000, 1000, '{\"id\":\"c1\"}', 1000);"
  "INSERT INTO messages VALUES ('m1', 'c1', 1000, '{\"id\":\"m1\"}', 1000);"
  "INSERT INTO outbox (idempotency_key, method, path, body, subject, created_at)"
  "  VALUES ('idem-1', 'POST', '/tickets/t1/start', '{}', 'ticket:t1', 1000);",

  /* Version 2. */
  "INSERT INTO kb_articles (id, lang, title, body, tags, office, updated_at, json, synced_at)"
  "  VALUES ('k1', 'id', 'Garis Kemiskinan', 'Batas pengeluaran penduduk miskin', '[]', NULL,"
  "          1000, '{\"id\":\"k1\"}', 1000);"
  "INSERT INTO outbox (idempotency_key, method, path, body, created_at, next_attempt_at)"
  "  VALUES ('idem-2', 'PUT', '/me/presence', '{\"presence\":\"away\"}', 1000, 3000);",

  /* Version 3 (the knowledge-base index made again; no table of its own). */
  "",

  /* Version 4. */
  "INSERT INTO consultation_reads (officer, consultation, read_at) VALUES ('o1', 'c1', 2000);",

  /* Version 5 (the knowledge-base index made again; no table of its own). */
  "",
};

static const TableRows cache_tables[] = {
  { 1, "sync_state", 1 },
  { 1, "offices", 1 },
  { 1, "officers", 1 },
  { 1, "tickets", 1 },
  { 1, "consultations", 1 },
  { 1, "messages", 1 },
  { 1, "outbox", 1 },
  { 2, "kb_articles", 1 },
  { 2, "outbox", 1 },
  { 4, "consultation_reads", 1 },
};

static const char *const *
schema_rows (PstStoreSchema schema)
{
  return schema == PST_STORE_SCHEMA_SERVER ? server_rows : cache_rows;
}

static void
fill (PstStore       *store,
      PstStoreSchema  schema,
      guint           from_version,
      guint           to_version)
{
  for (guint v = from_version + 1; v <= to_version; v++)
    exec_ok (store, schema_rows (schema)[v - 1]);
}

/* Checks every table has the rows of the versions filled so far. */
static void
check_rows (PstStore       *store,
            PstStoreSchema  schema,
            guint           filled_version)
{
  const TableRows *tables = schema == PST_STORE_SCHEMA_SERVER ? server_tables : cache_tables;
  guint n_tables = schema == PST_STORE_SCHEMA_SERVER ? G_N_ELEMENTS (server_tables)
                                                     : G_N_ELEMENTS (cache_tables);
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_tables; i++)
    {
      gint64 rows = GPOINTER_TO_SIZE (g_hash_table_lookup (expected, tables[i].table));

      if (tables[i].version <= filled_version)
        rows += tables[i].rows;
      g_hash_table_insert (expected, (gpointer) tables[i].table, GSIZE_TO_POINTER (rows));
    }

  for (guint i = 0; i < n_tables; i++)
    {
      gint64 rows = GPOINTER_TO_SIZE (g_hash_table_lookup (expected, tables[i].table));

      /* The cache has its single sync_state row from version 1 on, and
       * the server its idempotency secret from version 4 on.
       */
      if (g_str_equal (tables[i].table, "sync_state"))
        rows = 1;
      if (g_str_equal (tables[i].table, "server_secrets"))
        rows = filled_version >= 4 ? 2 : 1;

      if (count_rows (store, tables[i].table) != rows)
        g_error ("%s: %" G_GINT64_FORMAT " rows, expected %" G_GINT64_FORMAT,
                 tables[i].table, count_rows (store, tables[i].table), rows);
    }
}

static void
check_values (PstStore       *store,
              PstStoreSchema  schema,
              guint           filled_version)
{
  g_autofree char *text = NULL;

  if (schema == PST_STORE_SCHEMA_CACHE)
    {
      if (filled_version >= 1)
        {
          g_assert_cmpint (query_int (store, "SELECT last_seq FROM sync_state"), ==, 42);
          g_assert_cmpint (query_int (store, "SELECT next_attempt_at IS NULL FROM outbox"
                                             " WHERE idempotency_key = 'idem-1'"), ==, 1);
        }
      if (filled_version >= 2)
        g_assert_cmpint (query_int (store, "SELECT count(*) FROM kb_articles_fts"
                                           " WHERE kb_articles_fts MATCH 'miskin'"), ==, 1);
      return;
    }

  if (filled_version >= 1)
    {
      text = query_text (store, "SELECT name FROM guest_book WHERE id = 'g1'");
      g_assert_cmpstr (text, ==, "Budi Santoso");
      g_clear_pointer (&text, g_free);
      text = query_text (store, "SELECT number FROM tickets WHERE id = 't1'");
      g_assert_cmpstr (text, ==, "K-001");
      g_clear_pointer (&text, g_free);
      /* Columns added by later versions get their defaults. */
      g_assert_cmpint (query_int (store, "SELECT complaint_response_working_days FROM offices"),
                       ==, 5);
      g_assert_cmpint (query_int (store, "SELECT access_token_hash IS NULL FROM tickets"), ==, 1);
      g_assert_cmpint (query_int (store, "SELECT length (id_hash_key) FROM offices"), ==, 32);
    }

  if (filled_version >= 2)
    g_assert_cmpint (query_int (store, "SELECT count(*) FROM kb_articles_fts"
                                       " WHERE kb_articles_fts MATCH 'pembangunan'"), ==, 1);
}

static void
test_latest_versions (void)
{
  for (guint s = 0; s < PST_N_STORE_SCHEMAS; s++)
    {
      const PstStoreMigration *migrations;
      guint n_migrations = 0;

      migrations = pst_store_migrations_get (s, &n_migrations);
      g_assert_cmpuint (pst_store_get_latest_version (s), ==, n_migrations);
      for (guint i = 0; i < n_migrations; i++)
        {
          g_assert_cmpuint (migrations[i].version, ==, i + 1);
          g_assert_nonnull (migrations[i].sql);
          g_assert_nonnull (migrations[i].summary);
        }
    }

  g_assert_cmpuint (pst_store_get_latest_version (PST_STORE_SCHEMA_SERVER), >=, 3);
  g_assert_cmpuint (pst_store_get_latest_version (PST_STORE_SCHEMA_CACHE), >=, 2);
  g_assert_cmpuint (G_N_ELEMENTS (server_rows), ==,
                    pst_store_get_latest_version (PST_STORE_SCHEMA_SERVER));
  g_assert_cmpuint (G_N_ELEMENTS (cache_rows), ==,
                    pst_store_get_latest_version (PST_STORE_SCHEMA_CACHE));
  g_assert_cmpuint (pst_store_schema_application_id (PST_STORE_SCHEMA_SERVER), !=,
                    pst_store_schema_application_id (PST_STORE_SCHEMA_CACHE));
}

static void
test_open_memory (void)
{
  for (guint s = 0; s < PST_N_STORE_SCHEMAS; s++)
    {
      PstStore *store = open_ok (":memory:", s);
      g_autofree char *mode = NULL;

      g_assert_cmpuint (pst_store_get_schema_version (store), ==, pst_store_get_latest_version (s));
      g_assert_cmpint (pst_store_get_schema (store), ==, s);
      g_assert_cmpstr (pst_store_get_path (store), ==, ":memory:");
      g_assert_nonnull (pst_store_get_handle (store));
      g_assert_false (pst_store_in_transaction (store));
      g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
      g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, pst_store_get_latest_version (s));
      g_assert_cmpint (query_int (store, "PRAGMA application_id"), ==,
                       pst_store_schema_application_id (s));
      mode = query_text (store, "PRAGMA journal_mode");
      g_assert_cmpstr (mode, ==, "memory");

      g_assert_finalize_object (store);
    }
}

static void
test_open_file (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "server.db");
  g_autofree char *mode = NULL;
  PstStore *store;

  store = open_ok (path, PST_STORE_SCHEMA_SERVER);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  mode = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  /* NORMAL */
  g_assert_cmpint (query_int (store, "PRAGMA synchronous"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA busy_timeout"), >, 0);
  fill (store, PST_STORE_SCHEMA_SERVER, 0, pst_store_get_latest_version (PST_STORE_SCHEMA_SERVER));
  g_assert_finalize_object (store);

  /* Reopening keeps everything and migrates nothing. */
  store = open_ok (path, PST_STORE_SCHEMA_SERVER);
  g_assert_cmpuint (pst_store_get_schema_version (store), ==,
                    pst_store_get_latest_version (PST_STORE_SCHEMA_SERVER));
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_clear_pointer (&mode, g_free);
  mode = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  check_rows (store, PST_STORE_SCHEMA_SERVER, pst_store_get_latest_version (PST_STORE_SCHEMA_SERVER));
  g_assert_finalize_object (store);
}

/* Every path to the newest version: from an empty file, and from each
 * older version with rows in it, which must all still be there.
 */
static void
check_migration_paths (Fixture        *fixture,
                       PstStoreSchema  schema)
{
  guint latest = pst_store_get_latest_version (schema);

  for (guint v = 0; v < latest; v++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("schema%d-v%u.db", (int) schema, v);
      g_autofree char *path = fixture_path (fixture, name);
      PstStore *store;

      g_test_message ("Migrating schema %d from version %u", (int) schema, v);

      store = pst_store_open_at_version (path, schema, v, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (pst_store_get_schema_version (store), ==, v);
      g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, v);
      fill (store, schema, 0, v);
      g_assert_finalize_object (store);

      store = open_ok (path, schema);
      g_assert_cmpuint (pst_store_get_schema_version (store), ==, latest);
      g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, latest);
      g_assert_cmpint (query_int (store, "PRAGMA application_id"), ==,
                       pst_store_schema_application_id (schema));
      check_rows (store, schema, v);
      check_values (store, schema, v);

      /* The migrated schema takes the newer rows, linked to the old ones. */
      fill (store, schema, v, latest);
      check_rows (store, schema, latest);
      check_values (store, schema, latest);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_integrity_check"
                                         " WHERE integrity_check <> 'ok'"), ==, 0);
      g_assert_finalize_object (store);
    }
}

static void
test_migrations_server (Fixture       *fixture,
                        gconstpointer  user_data)
{
  check_migration_paths (fixture, PST_STORE_SCHEMA_SERVER);
}

static void
test_migrations_cache (Fixture       *fixture,
                       gconstpointer  user_data)
{
  check_migration_paths (fixture, PST_STORE_SCHEMA_CACHE);
}

static guint
raw_user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint version;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return version;
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "future.db");
  g_autofree char *older = fixture_path (fixture, "older.db");
  g_autofree char *bump = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  guint latest = pst_store_get_latest_version (PST_STORE_SCHEMA_SERVER);
  gsize before_len = 0;
  gsize after_len = 0;
  PstStore *store;

  /* A database a newer pst-server left behind. */
  store = open_ok (path, PST_STORE_SCHEMA_SERVER);
  fill (store, PST_STORE_SCHEMA_SERVER, 0, latest);
  bump = g_strdup_printf ("PRAGMA user_version = %u", latest + 1);
  exec_ok (store, bump);
  g_assert_finalize_object (store);

  g_file_get_contents (path, &before, &before_len, &error);
  g_assert_no_error (error);

  store = pst_store_open (path, PST_STORE_SCHEMA_SERVER, &error);
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Untouched, byte for byte. */
  g_file_get_contents (path, &after, &after_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpuint (raw_user_version (path), ==, latest + 1);

  /* Asking for an older version than the file has is refused the same way. */
  store = open_ok (older, PST_STORE_SCHEMA_SERVER);
  g_assert_finalize_object (store);
  store = pst_store_open_at_version (older, PST_STORE_SCHEMA_SERVER, 1, &error);
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  g_assert_cmpuint (raw_user_version (older), ==, latest);
}

static void
test_wrong_file (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *server = fixture_path (fixture, "server.db");
  g_autofree char *foreign = fixture_path (fixture, "foreign.db");
  g_autofree char *garbage = fixture_path (fixture, "garbage.db");
  g_autofree char *missing = fixture_path (fixture, "no-such-folder/x.db");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  PstStore *store;

  /* A server database is not a cache. */
  store = open_ok (server, PST_STORE_SCHEMA_SERVER);
  g_assert_finalize_object (store);
  store = pst_store_open (server, PST_STORE_SCHEMA_CACHE, &error);
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_WRONG_SCHEMA);
  g_assert_null (store);
  g_clear_error (&error);

  /* Another program's database is left alone. */
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (body TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  store = pst_store_open (foreign, PST_STORE_SCHEMA_SERVER, &error);
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_WRONG_SCHEMA);
  g_assert_null (store);
  g_clear_error (&error);

  /* Not a database at all. */
  g_file_set_contents (garbage, "This is not an sqlite database, just some text that is long "
                                "enough to fill a header of one hundred bytes or so ........",
                       -1, &error);
  g_assert_no_error (error);
  store = pst_store_open (garbage, PST_STORE_SCHEMA_SERVER, &error);
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  g_clear_error (&error);

  store = pst_store_open (missing, PST_STORE_SCHEMA_SERVER, &error);
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_CANT_OPEN);
  g_assert_null (store);
}

static void
test_foreign_keys (void)
{
  PstStore *store = open_ok (":memory:", PST_STORE_SCHEMA_SERVER);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  /* With bindings, the way the server writes. */
  stmt = pst_store_prepare (store,
                            "INSERT INTO officers (id, username, name, role, office,"
                            " password_hash, created_at, updated_at)"
                            " VALUES (?, ?, ?, 'officer', ?, 'x', 1, 1)",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, "o9", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, "petugas9", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, "Petugas Sembilan", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, "9999", -1, SQLITE_TRANSIENT);
  g_assert_false (pst_store_step_done (store, stmt, &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "FOREIGN KEY"));
  g_assert_false (sqlite3_stmt_busy (stmt));
  g_assert_cmpint (count_rows (store, "officers"), ==, 0);

  fill (store, PST_STORE_SCHEMA_SERVER, 0, 1);
  exec_fails (store,
              "INSERT INTO tickets (id, office, service, service_date, seq, number, officer,"
              " issued_at) VALUES ('t9', '7604', 'library', '2026-11-20', 1, 'P-001', 'nobody', 1)",
              PST_STORE_ERROR_CONSTRAINT);
  exec_fails (store, "INSERT INTO ticket_history (ticket, at, action) VALUES ('t404', 1, 'x')",
              PST_STORE_ERROR_CONSTRAINT);
  /* An office with officers and tickets cannot go. */
  exec_fails (store, "DELETE FROM offices WHERE code = '7604'", PST_STORE_ERROR_CONSTRAINT);
  /* Its own settings go with it: the hours cascade. */
  exec_ok (store, "INSERT INTO offices (code, name, timezone, created_at, updated_at)"
                  " VALUES ('1905', 'BPS Kabupaten Bangka Selatan', 'Asia/Jakarta', 1, 1);"
                  "INSERT INTO office_hours VALUES ('1905', 1, 480, 930);"
                  "DELETE FROM offices WHERE code = '1905'");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM office_hours WHERE office = '1905'"),
                   ==, 0);

  g_assert_finalize_object (store);
}

static void
test_check_constraints (void)
{
  static const char *const refused[] = {
    "UPDATE tickets SET status = 'lost'",
    "UPDATE tickets SET service = 'coffee'",
    "UPDATE tickets SET topic = 'weather'",
    "UPDATE tickets SET service_date = '20/11/2026'",
    "UPDATE ticket_history SET to_status = 'gone'",
    "UPDATE officers SET role = 'root'",
    "UPDATE officers SET presence = 'busy'",
    "UPDATE officers SET disabled = 2",
    "UPDATE officers SET office = NULL WHERE role = 'officer'",
    "UPDATE offices SET idle_close_unit = 'hours'",
    "UPDATE offices SET guest_book_stage = 'never'",
    "UPDATE offices SET walkin_wait_min = 0",
    "UPDATE offices SET complaint_response_working_days = 0",
    "INSERT INTO office_channels VALUES ('7604', 'fax')",
    "INSERT INTO office_hours VALUES ('7604', 8, 480, 930)",
    "INSERT INTO office_hours VALUES ('7604', 2, 930, 480)",
    "INSERT INTO holidays (date, name, kind) VALUES ('2026-12-25', 'Natal', 'regional')",
    "INSERT INTO holidays (date, name, kind) VALUES ('2026-12-26', 'Tutup', 'local')",
    "INSERT INTO complaint_channels (office, kind, value) VALUES ('7604', 'pigeon', 'x')",
    "UPDATE guest_book SET id_type = 'library_card'",
    "UPDATE guest_book SET id_number_masked = '7604011234560001'",
    "UPDATE guest_book SET id_number_hash = '7604011234560001'",
    "UPDATE guest_book SET name = NULL",
    "UPDATE consultations SET channel = 'fax'",
    "UPDATE consultations SET category = 'gossip'",
    "UPDATE consultations SET status = 'pending'",
    "UPDATE consultations SET status = 'closed'",
    "UPDATE consultations SET resolution = 'answered'",
    "UPDATE consultations SET sla_state = 'red'",
    "UPDATE consultations SET follow_up_mode = 'zoom'",
    "UPDATE consultations SET follow_up_mode = 'telepathy', follow_up_at = 1",
    "UPDATE consultations SET kb_viewed = 'not json'",
    "UPDATE messages SET author = 'bot'",
    "UPDATE messages SET officer = NULL WHERE author = 'officer'",
    "UPDATE kb_articles SET lang = 'fr'",
    "UPDATE kb_articles SET tags = '[unclosed'",
    "UPDATE kb_articles SET views = -1",
    "UPDATE ratings SET score1 = 5",
    "UPDATE ratings SET score9 = 0",
    "UPDATE ratings SET channel = 'fax'",
    "UPDATE complaints SET status = 'ignored'",
    "UPDATE complaints SET channel = 'pigeon'",
    "UPDATE complaints SET status = 'responded'",
    "UPDATE events SET data = '{broken'",
    "UPDATE idempotency_keys SET response_status = 42",
    "UPDATE audit_log SET detail = 'plain text'",
  };
  PstStore *store = open_ok (":memory:", PST_STORE_SCHEMA_SERVER);

  fill (store, PST_STORE_SCHEMA_SERVER, 0, pst_store_get_latest_version (PST_STORE_SCHEMA_SERVER));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    exec_fails (store, refused[i], PST_STORE_ERROR_CONSTRAINT);

  /* The same columns take every wire name. */
  exec_ok (store, "UPDATE tickets SET status = 'no_show', topic = 'classification';"
                  "UPDATE consultations SET status = 'closed', resolution = 'no_response';"
                  "UPDATE consultations SET follow_up_mode = 'in_person', follow_up_at = 5;"
                  "UPDATE offices SET idle_close_unit = 'working_days',"
                  " guest_book_stage = 'before_queue';"
                  "UPDATE complaints SET status = 'responded', response_body = 'Maaf',"
                  " responded_at = 3000;"
                  "UPDATE guest_book SET name = NULL, email = NULL, phone = NULL,"
                  " id_number_masked = NULL, id_number_hash = NULL, erased_at = 9000");

  g_assert_finalize_object (store);
}

/* Messages say what failed in words a person can act on, with sqlite's
 * detail, and never the values that were refused.
 */
static void
test_error_messages (void)
{
  PstStore *store = open_ok (":memory:", PST_STORE_SCHEMA_SERVER);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  fill (store, PST_STORE_SCHEMA_SERVER, 0, 1);

  stmt = pst_store_prepare (store,
                            "INSERT INTO guest_book (id, office, name, id_type, id_number_masked,"
                            " id_number_hash, email, created_at, erase_after)"
                            " VALUES ('g2', '7604', ?, 'ktp', ?, ?, ?, 1, 2)",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, "Rahmawati Kusuma", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, "7604015505900002", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, "rahma@example.id", -1, SQLITE_STATIC);
  g_assert_false (pst_store_step_done (store, stmt, &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_CONSTRAINT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "CHECK constraint failed"));
  g_assert_null (strstr (error->message, "Rahmawati"));
  g_assert_null (strstr (error->message, "7604015505900002"));
  g_assert_null (strstr (error->message, "rahma@"));
  g_clear_error (&error);

  /* The second ticket K-001 of the day. */
  stmt = pst_store_prepare (store,
                            "INSERT INTO tickets (id, office, service, service_date, seq, number,"
                            " issued_at) VALUES (?, '7604', 'consultation', '2026-11-20', 1,"
                            " 'K-001', 1)",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, "t-secret-id", -1, SQLITE_STATIC);
  g_assert_false (pst_store_step_done (store, stmt, &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "UNIQUE constraint failed"));
  g_assert_null (strstr (error->message, "t-secret-id"));
  g_clear_error (&error);

  g_assert_finalize_object (store);
}

static gboolean
insert_row_cb (PstStore  *store,
               gpointer   user_data,
               GError   **error)
{
  g_auto(PstStoreStatement) stmt = pst_store_prepare (store, "INSERT INTO t (x) VALUES (?)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, GPOINTER_TO_INT (user_data));
  return pst_store_step_done (store, stmt, error);
}

static gboolean
insert_then_fail_cb (PstStore  *store,
                     gpointer   user_data,
                     GError   **error)
{
  if (!insert_row_cb (store, user_data, error))
    return FALSE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled by the test");
  return FALSE;
}

static gboolean
insert_then_violate_cb (PstStore  *store,
                        gpointer   user_data,
                        GError   **error)
{
  return insert_row_cb (store, user_data, error) &&
         pst_store_exec (store, "INSERT INTO t (x) VALUES (NULL)", error);
}

/* Inserts 10, then 11 in a nested transaction that fails, and carries on. */
static gboolean
outer_survives_inner_cb (PstStore  *store,
                         gpointer   user_data,
                         GError   **error)
{
  g_autoptr(GError) inner_error = NULL;

  if (!insert_row_cb (store, GINT_TO_POINTER (10), error))
    return FALSE;

  g_assert_false (pst_store_transaction (store, insert_then_fail_cb, GINT_TO_POINTER (11),
                                         &inner_error));
  g_assert_error (inner_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (pst_store_in_transaction (store));

  return pst_store_transaction (store, insert_row_cb, GINT_TO_POINTER (12), error);
}

/* Inserts 20 in a nested transaction that succeeds, then fails itself. */
static gboolean
outer_fails_after_inner_cb (PstStore  *store,
                            gpointer   user_data,
                            GError   **error)
{
  g_assert_true (pst_store_transaction (store, insert_row_cb, GINT_TO_POINTER (20), NULL));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM t WHERE x = 20"), ==, 1);

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Outer failure");
  return FALSE;
}

static gboolean
fail_silently_cb (PstStore  *store,
                  gpointer   user_data,
                  GError   **error)
{
  insert_row_cb (store, user_data, error);
  return FALSE;
}

static void
test_transactions (void)
{
  PstStore *store = open_ok (":memory:", PST_STORE_SCHEMA_CACHE);
  g_autoptr(GError) error = NULL;

  exec_ok (store, "CREATE TABLE t (x INTEGER NOT NULL UNIQUE)");

  g_assert_true (pst_store_transaction (store, insert_row_cb, GINT_TO_POINTER (1), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM t WHERE x = 1"), ==, 1);
  g_assert_false (pst_store_in_transaction (store));

  /* The function's own error comes back, and its insert is undone. */
  g_assert_false (pst_store_transaction (store, insert_then_fail_cb, GINT_TO_POINTER (2), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM t WHERE x = 2"), ==, 0);

  g_assert_false (pst_store_transaction (store, insert_then_violate_cb, GINT_TO_POINTER (3), &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM t WHERE x = 3"), ==, 0);

  /* Savepoints: an inner failure undoes only the inner part… */
  g_assert_true (pst_store_transaction (store, outer_survives_inner_cb, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM t WHERE x IN (10, 12)"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM t WHERE x = 11"), ==, 0);

  /* …and an outer failure undoes the inner part that succeeded. */
  g_assert_false (pst_store_transaction (store, outer_fails_after_inner_cb, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM t WHERE x = 20"), ==, 0);
  g_assert_false (pst_store_in_transaction (store));

  /* Explicit calls, nested. */
  g_assert_true (pst_store_begin (store, &error));
  g_assert_no_error (error);
  g_assert_true (pst_store_in_transaction (store));
  g_assert_true (insert_row_cb (store, GINT_TO_POINTER (30), NULL));
  g_assert_true (pst_store_begin (store, &error));
  g_assert_true (insert_row_cb (store, GINT_TO_POINTER (31), NULL));
  g_assert_true (pst_store_rollback (store, &error));
  g_assert_true (pst_store_begin (store, &error));
  g_assert_true (insert_row_cb (store, GINT_TO_POINTER (32), NULL));
  g_assert_true (pst_store_commit (store, &error));
  g_assert_true (pst_store_in_transaction (store));
  g_assert_true (pst_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_false (pst_store_in_transaction (store));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM t WHERE x IN (30, 32)"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM t WHERE x = 31"), ==, 0);

  g_assert_true (pst_store_begin (store, &error));
  g_assert_true (insert_row_cb (store, GINT_TO_POINTER (40), NULL));
  g_assert_true (pst_store_rollback (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM t WHERE x = 40"), ==, 0);

  g_assert_finalize_object (store);
}

/* Failing without saying why is a bug of the caller: a critical, and the
 * transaction is still rolled back. Run in a subprocess, whatever log
 * domain libpst uses.
 */
static void
test_transaction_without_error (void)
{
  if (g_test_subprocess ())
    {
      PstStore *store = open_ok (":memory:", PST_STORE_SCHEMA_CACHE);
      g_autoptr(GError) error = NULL;

      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      exec_ok (store, "CREATE TABLE t (x INTEGER NOT NULL UNIQUE)");
      g_assert_false (pst_store_transaction (store, fail_silently_cb, GINT_TO_POINTER (50), &error));
      g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_FAILED);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM t WHERE x = 50"), ==, 0);
      g_assert_false (pst_store_in_transaction (store));
      g_assert_finalize_object (store);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*CRITICAL*without an error*");
}

static void
test_statement_cache (void)
{
  PstStore *store = open_ok (":memory:", PST_STORE_SCHEMA_SERVER);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  sqlite3_stmt *again;

  stmt = pst_store_prepare (store, "SELECT ?1", &error);
  g_assert_no_error (error);
  sqlite3_bind_int (stmt, 1, 42);
  g_assert_true (pst_store_step_row (store, stmt, &error));
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 42);
  g_assert_true (sqlite3_stmt_busy (stmt));

  /* The same text gives the same statement, reset and unbound. */
  again = pst_store_prepare (store, "SELECT ?1", &error);
  g_assert_no_error (error);
  g_assert_true (again == stmt);
  g_assert_false (sqlite3_stmt_busy (again));
  g_assert_true (pst_store_step_row (store, again, &error));
  g_assert_cmpint (sqlite3_column_type (again, 0), ==, SQLITE_NULL);
  g_assert_false (pst_store_step_row (store, again, &error));
  g_assert_no_error (error);
  g_assert_false (sqlite3_stmt_busy (again));

  /* g_auto releases a statement left in the middle of its rows. */
  {
    g_auto(PstStoreStatement) scoped = pst_store_prepare (store, "SELECT 1 UNION ALL SELECT 2",
                                                          &error);

    g_assert_no_error (error);
    g_assert_true (pst_store_step_row (store, scoped, &error));
    stmt = scoped;
    g_assert_true (sqlite3_stmt_busy (stmt));
  }
  g_assert_false (sqlite3_stmt_busy (stmt));

  /* One statement per call; a wrong one is an error, not a crash. */
  g_assert_null (pst_store_prepare (store, "SELECT 1; SELECT 2", &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (pst_store_prepare (store, "SELEKT 1", &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (pst_store_prepare (store, "SELECT * FROM no_such_table", &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_FAILED);
  g_clear_error (&error);
  /* Double quotes are identifiers, never strings, as in PostgreSQL. */
  g_assert_null (pst_store_prepare (store, "SELECT \"not a column\"", &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_FAILED);
  g_clear_error (&error);

  /* step_one, changes and the last rowid. */
  stmt = pst_store_prepare (store, "SELECT code FROM offices WHERE code = ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, "0000", -1, SQLITE_STATIC);
  g_assert_false (pst_store_step_one (store, stmt, &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  fill (store, PST_STORE_SCHEMA_SERVER, 0, 1);
  stmt = pst_store_prepare (store, "UPDATE officers SET presence = ? WHERE office = ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, "away", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, "7604", -1, SQLITE_STATIC);
  g_assert_true (pst_store_step_done (store, stmt, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pst_store_changes (store), ==, 1);

  stmt = pst_store_prepare (store, "INSERT INTO ticket_history (ticket, at, action)"
                                   " VALUES ('t1', 2000, 'recalled')", &error);
  g_assert_no_error (error);
  g_assert_true (pst_store_step_done (store, stmt, &error));
  g_assert_cmpint (pst_store_last_insert_rowid (store), ==, 3);

  g_assert_finalize_object (store);
}

static void
test_two_connections (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "shared.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  PstStore *a = open_ok (path, PST_STORE_SCHEMA_SERVER);
  PstStore *b = open_ok (path, PST_STORE_SCHEMA_SERVER);

  /* A write on one is read on the other. */
  fill (a, PST_STORE_SCHEMA_SERVER, 0, 1);
  name = query_text (b, "SELECT name FROM offices WHERE code = '7604'");
  g_assert_cmpstr (name, ==, "BPS Kabupaten Mamuju");

  /* Not before it commits; readers go on while a writer writes. */
  g_assert_true (pst_store_begin (a, &error));
  exec_ok (a, "UPDATE officers SET presence = 'away' WHERE id = 'o1'");
  g_assert_cmpint (query_int (b, "SELECT presence = 'available' FROM officers WHERE id = 'o1'"),
                   ==, 1);

  /* A second writer waits for the first, up to its busy timeout. */
  pst_store_set_busy_timeout (b, 0);
  g_assert_false (pst_store_begin (b, &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (pst_store_in_transaction (b));

  g_assert_true (pst_store_commit (a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (b, "SELECT presence = 'away' FROM officers WHERE id = 'o1'"), ==, 1);

  g_assert_true (pst_store_begin (b, &error));
  exec_ok (b, "UPDATE officers SET presence = 'offline' WHERE id = 'o1'");
  g_assert_true (pst_store_commit (b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (a, "SELECT presence = 'offline' FROM officers WHERE id = 'o1'"),
                   ==, 1);

  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

static gint64
count_matches (PstStore   *store,
               const char *query)
{
  g_autoptr(GError) error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  gint64 n = 0;

  stmt = pst_store_prepare (store,
                            "SELECT a.id FROM kb_articles_fts f"
                            " JOIN kb_articles a ON a.num = f.rowid"
                            " WHERE kb_articles_fts MATCH ?",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  while (pst_store_step_row (store, stmt, &error))
    n++;
  g_assert_no_error (error);

  return n;
}

static void
check_fts_integrity (PstStore *store)
{
  exec_ok (store, "INSERT INTO kb_articles_fts (kb_articles_fts, rank) VALUES ('integrity-check', 1)");
}

static void
test_fts_triggers (void)
{
  for (guint s = 0; s < PST_N_STORE_SCHEMAS; s++)
    {
      PstStore *store = open_ok (":memory:", s);

      if (s == PST_STORE_SCHEMA_SERVER)
        exec_ok (store,
                 "INSERT INTO kb_articles (id, lang, title, body, tags, created_at, updated_at)"
                 "  VALUES ('k1', 'id', 'Garis Kemiskinan Maret', 'Batas pengeluaran penduduk',"
                 "          '[\"kemiskinan\"]', 1, 1),"
                 "         ('k2', 'en', 'Consumer Price Index', 'The café basket', '[]', 1, 1)");
      else
        exec_ok (store,
                 "INSERT INTO kb_articles (id, lang, title, body, tags, updated_at, json, synced_at)"
                 "  VALUES ('k1', 'id', 'Garis Kemiskinan Maret', 'Batas pengeluaran penduduk',"
                 "          '[\"kemiskinan\"]', 1, '{}', 1),"
                 "         ('k2', 'en', 'Consumer Price Index', 'The café basket', '[]', 1, '{}', 1)");

      g_assert_cmpint (count_matches (store, "kemiskinan"), ==, 1);
      g_assert_cmpint (count_matches (store, "pengeluaran"), ==, 1);
      g_assert_cmpint (count_matches (store, "KEMISKINAN"), ==, 1);
      /* Diacritics folded. */
      g_assert_cmpint (count_matches (store, "cafe"), ==, 1);
      check_fts_integrity (store);

      exec_ok (store, "UPDATE kb_articles SET title = 'Garis Kemiskinan September' WHERE id = 'k1'");
      g_assert_cmpint (count_matches (store, "maret"), ==, 0);
      g_assert_cmpint (count_matches (store, "september"), ==, 1);
      check_fts_integrity (store);

      if (s == PST_STORE_SCHEMA_SERVER)
        {
          exec_ok (store, "UPDATE kb_articles SET views = views + 1, helpful = 1");
          check_fts_integrity (store);
        }

      exec_ok (store, "DELETE FROM kb_articles WHERE id = 'k1'");
      g_assert_cmpint (count_matches (store, "kemiskinan"), ==, 0);
      g_assert_cmpint (count_matches (store, "september"), ==, 0);
      g_assert_cmpint (count_matches (store, "price"), ==, 1);
      check_fts_integrity (store);

      g_assert_finalize_object (store);
    }
}

static gint64
insert_event (PstStore *store)
{
  g_autoptr(GError) error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store,
                            "INSERT INTO events (type, at, office, data)"
                            " VALUES ('ticket.called', 1, NULL, ?) RETURNING seq",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, "{\"id\":\"t1\"}", -1, SQLITE_STATIC);
  g_assert_true (pst_store_step_one (store, stmt, &error));
  g_assert_no_error (error);

  return sqlite3_column_int64 (stmt, 0);
}

static void
test_events_seq (void)
{
  PstStore *store = open_ok (":memory:", PST_STORE_SCHEMA_SERVER);
  gint64 first = insert_event (store);
  gint64 second = insert_event (store);
  gint64 third = insert_event (store);
  gint64 fourth;

  g_assert_cmpint (first, <, second);
  g_assert_cmpint (second, <, third);

  /* Deleting the newest does not free its number. */
  exec_ok (store, "DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)");
  fourth = insert_event (store);
  g_assert_cmpint (fourth, >, third);

  exec_ok (store, "DELETE FROM events");
  g_assert_cmpint (insert_event (store), >, fourth);

  exec_fails (store, "INSERT INTO events (type, at) VALUES ('', 1)", PST_STORE_ERROR_CONSTRAINT);

  g_assert_finalize_object (store);
}

static void
test_ticket_numbers (void)
{
  PstStore *store = open_ok (":memory:", PST_STORE_SCHEMA_SERVER);

  fill (store, PST_STORE_SCHEMA_SERVER, 0, 1);

  /* K-001 exists on 2026-11-20 at 7604. */
  exec_fails (store,
              "INSERT INTO tickets (id, office, service, service_date, seq, number, issued_at)"
              " VALUES ('t2', '7604', 'consultation', '2026-11-20', 1, 'K-001', 2)",
              PST_STORE_ERROR_CONSTRAINT);
  /* Another day, another service, another office: all fine. */
  exec_ok (store,
           "INSERT INTO offices (code, name, timezone, created_at, updated_at)"
           "  VALUES ('1905', 'BPS Kabupaten Bangka Selatan', 'Asia/Jakarta', 1, 1);"
           "INSERT INTO tickets (id, office, service, service_date, seq, number, issued_at)"
           "  VALUES ('t2', '7604', 'consultation', '2026-11-21', 1, 'K-001', 2),"
           "         ('t3', '7604', 'library', '2026-11-20', 1, 'P-001', 2),"
           "         ('t4', '1905', 'consultation', '2026-11-20', 1, 'K-001', 2),"
           "         ('t5', '7604', 'consultation', '2026-11-20', 2, 'K-002', 2)");
  g_assert_cmpint (count_rows (store, "tickets"), ==, 5);

  /* One guest-book entry per ticket. */
  exec_fails (store,
              "INSERT INTO guest_book (id, ticket, office, name, id_type, id_number_masked,"
              " id_number_hash, created_at, erase_after)"
              " VALUES ('g2', 't1', '7604', 'Ani', 'sim', '****5678', printf ('%064d', 9), 1, 2)",
              PST_STORE_ERROR_CONSTRAINT);

  g_assert_finalize_object (store);
}

static void
test_ratings_once (void)
{
  PstStore *store = open_ok (":memory:", PST_STORE_SCHEMA_SERVER);

  fill (store, PST_STORE_SCHEMA_SERVER, 0, pst_store_get_latest_version (PST_STORE_SCHEMA_SERVER));

  /* The ticket t1 was rated by the fill. */
  exec_fails (store,
              "INSERT INTO ratings (id, office, ticket, channel, score1, score2, score3, score4,"
              " score5, score6, score7, score8, score9, created_at)"
              " VALUES ('r2', '7604', 't1', 'walk_in', 1, 1, 1, 1, 1, 1, 1, 1, 1, 3000)",
              PST_STORE_ERROR_CONSTRAINT);
  exec_ok (store,
           "INSERT INTO ratings (id, office, consultation, channel, score1, score2, score3, score4,"
           " score5, score6, score7, score8, score9, created_at)"
           " VALUES ('r3', '7604', 'c1', 'web', 3, 3, 3, 3, 3, 3, 3, 3, 3, 3000)");
  exec_fails (store,
              "INSERT INTO ratings (id, office, consultation, channel, score1, score2, score3,"
              " score4, score5, score6, score7, score8, score9, created_at)"
              " VALUES ('r4', '7604', 'c1', 'web', 2, 2, 2, 2, 2, 2, 2, 2, 2, 3000)",
              PST_STORE_ERROR_CONSTRAINT);
  /* Exactly one service per rating. */
  exec_fails (store,
              "INSERT INTO ratings (id, office, channel, score1, score2, score3, score4, score5,"
              " score6, score7, score8, score9, created_at)"
              " VALUES ('r5', '7604', 'web', 2, 2, 2, 2, 2, 2, 2, 2, 2, 3000)",
              PST_STORE_ERROR_CONSTRAINT);
  exec_fails (store,
              "INSERT INTO ratings (id, office, consultation, ticket, channel, score1, score2,"
              " score3, score4, score5, score6, score7, score8, score9, created_at)"
              " VALUES ('r6', '7604', 'c1', 't1', 'web', 2, 2, 2, 2, 2, 2, 2, 2, 2, 3000)",
              PST_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (count_rows (store, "ratings"), ==, 2);

  g_assert_finalize_object (store);
}

static void
test_unique_keys (void)
{
  PstStore *store = open_ok (":memory:", PST_STORE_SCHEMA_SERVER);

  fill (store, PST_STORE_SCHEMA_SERVER, 0, pst_store_get_latest_version (PST_STORE_SCHEMA_SERVER));

  /* Usernames regardless of case. */
  exec_fails (store,
              "INSERT INTO officers (id, username, name, role, office, password_hash, created_at,"
              " updated_at) VALUES ('o2', 'PETUGAS1.7604', 'Lain', 'officer', '7604', 'x', 1, 1)",
              PST_STORE_ERROR_CONSTRAINT);
  /* One national holiday a date, and one closure per office and date. */
  exec_fails (store,
              "INSERT INTO holidays (date, name, kind) VALUES ('2026-08-17', 'Lagi', 'cuti_bersama')",
              PST_STORE_ERROR_CONSTRAINT);
  exec_fails (store,
              "INSERT INTO holidays (date, office, name, kind)"
              " VALUES ('2026-11-23', '7604', 'Lagi', 'local')",
              PST_STORE_ERROR_CONSTRAINT);
  exec_ok (store,
           "INSERT INTO holidays (date, office, name, kind)"
           " VALUES ('2026-08-17', '7604', 'Upacara', 'local')");
  /* An Idempotency-Key per principal. */
  exec_fails (store,
              "INSERT INTO idempotency_keys VALUES ('o1', 'key-1', 'POST', '/x', printf ('%064d', 4),"
              " 200, NULL, 5)",
              PST_STORE_ERROR_CONSTRAINT);
  exec_ok (store,
           "INSERT INTO idempotency_keys VALUES ('o2', 'key-1', 'POST', '/x', printf ('%064d', 4),"
           " 200, NULL, 5)");
  /* An article imported twice is one article. */
  exec_fails (store,
              "INSERT INTO kb_articles (id, external_id, lang, title, body, created_at, updated_at)"
              " VALUES ('k2', 'ext-1', 'id', 'Salinan', '', 1, 1)",
              PST_STORE_ERROR_CONSTRAINT);
  /* A webhook delivered twice. */
  exec_ok (store, "UPDATE messages SET external_ref = 'wamid.1' WHERE id = 'm1'");
  exec_fails (store, "UPDATE messages SET external_ref = 'wamid.1' WHERE id = 'm2'",
              PST_STORE_ERROR_CONSTRAINT);

  g_assert_finalize_object (store);
}

static void
test_cache_outbox (void)
{
  PstStore *store = open_ok (":memory:", PST_STORE_SCHEMA_CACHE);

  fill (store, PST_STORE_SCHEMA_CACHE, 0, pst_store_get_latest_version (PST_STORE_SCHEMA_CACHE));

  exec_fails (store,
              "INSERT INTO outbox (idempotency_key, method, path, created_at)"
              " VALUES ('idem-1', 'POST', '/tickets/t1/finish', 2000)",
              PST_STORE_ERROR_CONSTRAINT);
  exec_fails (store,
              "INSERT INTO outbox (idempotency_key, method, path, created_at)"
              " VALUES ('idem-3', 'GET', '/me', 2000)",
              PST_STORE_ERROR_CONSTRAINT);
  exec_fails (store, "UPDATE outbox SET state = 'lost'", PST_STORE_ERROR_CONSTRAINT);
  exec_fails (store, "UPDATE outbox SET body = 'not json'", PST_STORE_ERROR_CONSTRAINT);
  exec_fails (store, "INSERT INTO sync_state (id) VALUES (2)", PST_STORE_ERROR_CONSTRAINT);

  /* Replayed in order; the defaults of a new action. */
  g_assert_cmpint (query_int (store, "SELECT min(id) FROM outbox WHERE state = 'pending'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT attempts FROM outbox WHERE id = 1"), ==, 0);
  exec_ok (store, "UPDATE outbox SET state = 'sent' WHERE id = 1");
  g_assert_cmpint (query_int (store, "SELECT min(id) FROM outbox WHERE state = 'pending'"), ==, 2);

  g_assert_finalize_object (store);
}

/* A step that fails halfway leaves no trace: the database stays at the
 * last good version, which is still usable and migrates on later.
 */
static void
test_failing_migration (void)
{
  g_autoptr(GError) error = NULL;
  const PstStoreMigration *real;
  PstStoreMigration broken[3];
  guint n_real = 0;
  PstStore *store;

  real = pst_store_migrations_get (PST_STORE_SCHEMA_SERVER, &n_real);
  g_assert_cmpuint (n_real, >=, 3);

  store = pst_store_open_at_version (":memory:", PST_STORE_SCHEMA_SERVER, 1, &error);
  g_assert_no_error (error);
  fill (store, PST_STORE_SCHEMA_SERVER, 0, 1);

  broken[0] = real[0];
  broken[1] = real[1];
  broken[2] = (PstStoreMigration) {
    3, "fails halfway",
    "CREATE TABLE half_done (x INTEGER);"
    "INSERT INTO half_done VALUES (1);"
    "UPDATE offices SET name = 'changed';"
    "INSERT INTO no_such_table VALUES (1);"
  };
  g_assert_false (pst_store_migrate_with (store, broken, 3, 3, &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "no_such_table"));
  g_clear_error (&error);

  /* Step 2 went in on its own; step 3 left nothing. */
  g_assert_cmpuint (pst_store_get_schema_version (store), ==, 2);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_schema WHERE name = 'consultations'"),
                   ==, 1);
  g_assert_cmpint (query_int (store, "SELECT name = 'BPS Kabupaten Mamuju' FROM offices"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_false (pst_store_in_transaction (store));

  /* A step that leaves a dangling reference fails the foreign-key check. */
  broken[2] = (PstStoreMigration) {
    3, "dangling reference",
    "CREATE TABLE half_done (x INTEGER);"
    "INSERT INTO tickets (id, office, service, service_date, seq, number, issued_at)"
    "  VALUES ('t9', '0000', 'sales', '2026-11-20', 1, 'J-001', 1);"
  };
  g_assert_false (pst_store_migrate_with (store, broken, 3, 3, &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (pst_store_get_schema_version (store), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM tickets WHERE id = 't9'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'"),
                   ==, 0);

  /* The real step still applies. */
  g_assert_true (pst_store_migrate_with (store, real, n_real, n_real, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pst_store_get_schema_version (store), ==, n_real);
  check_rows (store, PST_STORE_SCHEMA_SERVER, 1);

  g_assert_finalize_object (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/latest-versions", test_latest_versions);
  g_test_add_func ("/store/open/memory", test_open_memory);
  g_test_add ("/store/open/file", Fixture, NULL,
              fixture_set_up, test_open_file, fixture_tear_down);
  g_test_add ("/store/open/too-new", Fixture, NULL,
              fixture_set_up, test_too_new, fixture_tear_down);
  g_test_add ("/store/open/wrong-file", Fixture, NULL,
              fixture_set_up, test_wrong_file, fixture_tear_down);
  g_test_add ("/store/migrations/server", Fixture, NULL,
              fixture_set_up, test_migrations_server, fixture_tear_down);
  g_test_add ("/store/migrations/cache", Fixture, NULL,
              fixture_set_up, test_migrations_cache, fixture_tear_down);
  g_test_add_func ("/store/migrations/failing-step", test_failing_migration);
  g_test_add_func ("/store/constraints/foreign-keys", test_foreign_keys);
  g_test_add_func ("/store/constraints/check", test_check_constraints);
  g_test_add_func ("/store/constraints/unique", test_unique_keys);
  g_test_add_func ("/store/constraints/ticket-numbers", test_ticket_numbers);
  g_test_add_func ("/store/constraints/ratings-once", test_ratings_once);
  g_test_add_func ("/store/errors/messages", test_error_messages);
  g_test_add_func ("/store/statements/cache", test_statement_cache);
  g_test_add_func ("/store/transactions/nesting", test_transactions);
  g_test_add_func ("/store/transactions/without-error", test_transaction_without_error);
  g_test_add ("/store/connections/two", Fixture, NULL,
              fixture_set_up, test_two_connections, fixture_tear_down);
  g_test_add_func ("/store/fts/triggers", test_fts_triggers);
  g_test_add_func ("/store/events/seq", test_events_seq);
  g_test_add_func ("/store/cache/outbox", test_cache_outbox);

  return g_test_run ();
}
