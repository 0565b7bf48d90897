/* test-sync.c: the sync engine (cache, outbox, models, connection) against
 * a real pst-server with the demo data, without a display.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include <glib/gstdio.h>

#include "pst-cache.h"
#include "pst-sync.h"
#include "pst-test-server.h"
#include "sync-harness.h"

#define DEMO_PASSWORD "pst-demo"
#define OFFICE "7604"

/* A self-signed certificate (and its key) for a TLS server nobody trusts. */
static const char untrusted_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIDGzCCAgOgAwIBAgIUX7mNw4aQL6zcMMf9hEnQ4VjlyzowDQYJKoZIhvcNAQEL\n"
  "BQAwHDEaMBgGA1UEAwwRcHN0LmV4YW1wbGUuZ28uaWQwIBcNMjYxMTIxMDQwOTIy\n"
  "WhgPMjEyNjEwMjgwNDA5MjJaMBwxGjAYBgNVBAMMEXBzdC5leGFtcGxlLmdvLmlk\n"
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuMwMcSyc0wJKbYrzUklP\n"
  "iu2ITjIB4ECAlVnKqHFvlKgjbXn5qTZrEOnnnekHYf+3i8HTTjbj6mKuOZkn6USp\n"
  "Q12LdPBtAe58+ecoJDKzoiOrkpe51NJ81pVmlL8tVnUUg6H/th9PqMCVRqM2bw8x\n"
  "Jb8y6HHBvEz5py/DszDDqE2jIkuozbDW6lnIhy5GmeKZ2u7PPKL308badSt8XCu9\n"
  "zdmmbNqR/GwZxjP6bnOs5uYbv4m89FrG4a1IMl9JwuVT1VFaaCfRfqlnIA6Dh/c7\n"
  "RlV98gnfqm0qjxVkJ+bpSkGLwUx5oq6BmoBpc2kEHQLW1fGqCP4kayp6ZoZ5nKCL\n"
  "bwIDAQABo1MwUTAdBgNVHQ4EFgQUIOqhr5eLFuPWacs1lQKRTqQtYBswHwYDVR0j\n"
  "BBgwFoAUIOqhr5eLFuPWacs1lQKRTqQtYBswDwYDVR0TAQH/BAUwAwEB/zANBgkq\n"
  "hkiG9w0BAQsFAAOCAQEAfcbYyoijAMfqzalE1dmxvri7yqSQvm0WUmutItOI3phR\n"
  "l0oRawLIefunUtDYzQY+LRMqB4hSYz8GYaBsgtVfVh01MUquwgc7ocMRum8UHJ/s\n"
  "6jfOvbGADbFZfUOP0lzl6b44OQX4QeI/VotaJq1oFmf2js9eASOp1T5Xzmw48MIQ\n"
  "+hyZ7Ryng4CKb7ot1KCPeRybZeh1iRliPdofSlMLTjWoEn6P261wETCcKL33rQBK\n"
  "bcQKLbpBoFdaP8TcFy2Gx6OhJLt5+WDQv+tLTJLhg+yCIeT+a5q2/gZqoB8nhcJP\n"
  "vATaKD7HIJFwj2BQ4YridzTB5EeP+KKM9YDAHp2qRQ==\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC4zAxxLJzTAkpt\n"
  "ivNSSU+K7YhOMgHgQICVWcqocW+UqCNtefmpNmsQ6eed6Qdh/7eLwdNONuPqYq45\n"
  "mSfpRKlDXYt08G0B7nz55ygkMrOiI6uSl7nU0nzWlWaUvy1WdRSDof+2H0+owJVG\n"
  "ozZvDzElvzLoccG8TPmnL8OzMMOoTaMiS6jNsNbqWciHLkaZ4pna7s88ovfTxtp1\n"
  "K3xcK73N2aZs2pH8bBnGM/puc6zm5hu/ibz0WsbhrUgyX0nC5VPVUVpoJ9F+qWcg\n"
  "DoOH9ztGVX3yCd+qbSqPFWQn5ulKQYvBTHmiroGagGlzaQQdAtbV8aoI/iRrKnpm\n"
  "hnmcoItvAgMBAAECggEAAP5VLB/sRpTNkkyGmwZP338AFkOIj7cTueR+BW0kB22R\n"
  "UIZbrure+nv3cHmPPkSiAlCsHSXduyXaqplF21LbghmKUA+hgRAngIRwn86HTrOD\n"
  "DvUH3RALTHAIhCY0TTGwnDXjv7aStrqKUuiPuLB2jYMQoqqckFxC6gDaEX2NSmYA\n"
  "wsfDORYpfyPNE6Vb1QMuvYF54/3+mgq0uqT4xOVXtZB5LqKyMsXlJpnV70HLQcwe\n"
  "cVzOE4L8kZJnZT6zH2tfBDJ9PlWbFeVlE8UfNRQeSuz96d1E8MVPT+BsoGC6O8vy\n"
  "ahq1sFenv4cz/tux2qjN5d0gplMsccjS2QEp+VbD2QKBgQD4pfoFJo5HpO9qdYzk\n"
  "eWuxJz5BFguo0c1DzXEjXgpjcEnF3/Z9wtgsbmjtSQTvNmi2bTN2qwHXNFnnMo+Z\n"
  "YMcrncGOQaqT8C1WI3C2gQStwpnMV+UbbF0tfwETBI+zF8bjqFa09MqpGXqM6QW2\n"
  "N6NgSYWzOMtBdxFcEiS3nTbkYwKBgQC+QsfT9ZGLqTnFZ0sOiscDU92Ox33uWHUI\n"
  "O3ElgFmWQVWxPkQb4GHZH18gslhT563nB82ZnRnoP2OhMaJfpVTRlSp7Yqm9zCMz\n"
  "QjlOdKrV5hmKOpYDbRvLwwLBawPv0nBUvsX2xpYJDUoFq08rPzuynKFbuNWRH0GX\n"
  "EUkRzH/MhQKBgQCDxhKWoDRPK83mMZ4Vh3PXUuDfRXuwYF/USxBmmfQPdvbh8yuC\n"
  "wrwl7+2Ts1r2G3OrGnxnq4EyOABdUqJfurZTGyv05EAuXt7oA6g8UGvWWod/kCVP\n"
  "P0KyVdiP557wXu18wT4ScJjmvSYBf40TYLEo2k4NCVBOxXdhwAvNc3gf2QKBgQCy\n"
  "gNcYjwn5nVCdW3b48s0a2yFAZvxIlWdfzN0wEQZ8SVoLi968xL0oxx0qAQmL1w66\n"
  "dgC4wcNfubFQt8+eqvA0Hh4YWw3kC1VvLw+zAxSQ0Gxf2u2J02FDv/ei3jN4WtiX\n"
  "OdFj4Rc88OHlBb+mVJI+1mMxOe3tVQTlpgsHDvVMPQKBgA0/5oF+rEVfjwu+HE/Q\n"
  "JOarpVd4U1yWpwUppv4kJEw1fxgbuCR1jllsJM9DdqAaQW/5h6Y4ZEp/6DniKpQx\n"
  "VWXNmvtwJe9tPjDbTOZiBg0n/CehuEjP0ORrYAAGYTEzNYYEeEfgkAuYTbZirADz\n"
  "88Hu8y99A9K141X66sjwZ9ms\n"
  "-----END PRIVATE KEY-----\n";

/* The fixture: a demo server behind a relay, an empty cache folder, a
 * clock fixed at the real time (the demo's day is the server's today).
 */
typedef struct
{
  PstTestServer *server;
  Relay         *relay;
  char          *cache_dir;
  PstClock      *clock;
  PstSync       *sync;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = pst_test_server_start (TRUE);
  f->relay = relay_new (f->server->port);
  f->cache_dir = g_dir_make_tmp ("pst-sync-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->clock = pst_clock_new_fixed (g_get_real_time ());
  f->sync = pst_sync_new (f->clock, f->cache_dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->sync != NULL)
    g_assert_finalize_object (g_steal_pointer (&f->sync));

  /* Answers and cache results of the closed sessions arrive and are dropped. */
  run_for (200);

  relay_free (f->relay);
  pst_test_server_free (f->server);
  remove_tree (f->cache_dir);
  g_free (f->cache_dir);
  g_assert_finalize_object (f->clock);
}

/* Helpers. */

static gboolean
login_as (Fixture     *f,
          PstSync     *sync,
          const char  *username,
          const char  *password,
          GError     **error)
{
  return sync_login (sync, f->relay->url, username, password, error);
}

static void
login_online (Fixture    *f,
              const char *username)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (login_as (f, f->sync, username, DEMO_PASSWORD, &error));
  g_assert_no_error (error);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_ONLINE);
  WAIT_FOR (g_list_model_get_n_items (pst_sync_get_tickets (f->sync)) >= 17);
}

/* The item of the ticket numbered @number, or NULL. */
static PstTicketItem *
find_item (PstSync    *sync,
           const char *number)
{
  GListModel *model = pst_sync_get_tickets (sync);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PstTicketItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (pst_ticket_item_get_number (item), number) == 0)
        return item;   /* the model keeps it */
    }

  return NULL;
}

static PstTicketItem *
call_next (PstSync           *sync,
           const PstService  *services,
           guint              n_services,
           GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pst_sync_call_next_async (sync, "1", services, n_services, NULL, async_result_cb, &result);
  WAIT_FOR (result != NULL);

  return pst_sync_call_next_finish (sync, result, error);
}

static JsonObject *
finish_body (const char *outcome)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "topic", "data");
  json_object_set_string_member (body, "outcome", outcome);

  return body;
}

/* The ticket @id as the server has it now. */
static PstTicket *
server_ticket (Fixture    *f,
               const char *id)
{
  g_autofree char *token = pst_test_login (f->server, "spv." OFFICE, DEMO_PASSWORD);
  g_autofree char *path = g_strconcat ("/api/v1/tickets/", id, NULL);
  g_autoptr(PstTestResponse) response = pst_test_request (f->server, "GET", path, token, NULL);
  g_autoptr(GError) error = NULL;
  PstTicket *ticket;

  pst_test_assert_status (response, 200);
  ticket = pst_ticket_from_json (response->json, &error);
  g_assert_no_error (error);

  return ticket;
}

static guint
count_history (const PstTicket *ticket,
               const char      *action)
{
  guint n = 0;

  for (guint i = 0; ticket->history != NULL && i < ticket->history->len; i++)
    {
      const PstTicketHistoryEntry *entry = g_ptr_array_index (ticket->history, i);

      n += g_strcmp0 (entry->action, action) == 0;
    }

  return n;
}

/* Another officer acts on the server directly, over plain HTTP. */
static void
other_officer_acts (Fixture    *f,
                    const char *id,
                    const char *verb,
                    const char *body)
{
  g_autofree char *token = pst_test_login (f->server, "petugas2." OFFICE, DEMO_PASSWORD);
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s/%s", id, verb);
  g_autoptr(PstTestResponse) response = pst_test_request (f->server, "POST", path, token, body);

  pst_test_assert_status (response, 200);
}

static void
other_officer_calls_next (Fixture    *f,
                          const char *service)
{
  g_autofree char *token = pst_test_login (f->server, "petugas2." OFFICE, DEMO_PASSWORD);
  g_autofree char *body = g_strdup_printf ("{\"desk\":\"2\",\"services\":[\"%s\"]}", service);
  g_autoptr(PstTestResponse) response = NULL;

  response = pst_test_request (f->server, "POST", "/api/v1/offices/" OFFICE "/tickets/call-next",
                               token, body);
  pst_test_assert_status (response, 200);
}

/* The number of event sockets the server holds, from /metrics. */
static guint
socket_clients (Fixture *f)
{
  return server_socket_clients (f->server);
}

/* Stops the server once it has no event socket open (see the harness). */
static void
stop_server (Fixture *f)
{
  server_stop_idle (f->server);
}

static void
exec_sql (const char *db_path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("Cannot run “%s”: %s", sql, message);
  sqlite3_close (db);
}

static gint64
query_int (const char *db_path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static char *
today_in_office (PstClock *clock)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Makassar");
  g_autoptr(GDateTime) now = pst_time_to_date_time (pst_clock_get_now (clock), zone);

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *counter)
{
  (*counter)++;
}

static void
session_ended_cb (PstSync *sync,
                  guint   *counter)
{
  (*counter)++;
}

/* The cache. */

static PstCache *
open_cache (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PstCache *cache;

  pst_cache_open_async (path, NULL, async_result_cb, &result);
  WAIT_FOR (result != NULL);
  cache = pst_cache_open_finish (result, &error);
  g_assert_no_error (error);

  return cache;
}

static PstCacheSnapshot *
load_cache (PstCache   *cache,
            const char *date,
            const char *officer)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PstCacheSnapshot *snapshot;

  pst_cache_load_async (cache, OFFICE, date, officer, NULL, async_result_cb, &result);
  WAIT_FOR (result != NULL);
  snapshot = pst_cache_load_finish (cache, result, &error);
  g_assert_no_error (error);

  return snapshot;
}

static void
wait_write (PstCache     *cache,
            GAsyncResult **result)
{
  g_autoptr(GError) error = NULL;

  WAIT_FOR (*result != NULL);
  g_assert_true (pst_cache_write_finish (cache, *result, &error));
  g_assert_no_error (error);
  g_clear_object (result);
}

static PstTicket *
make_ticket (const char *id,
             const char *number,
             gint64      issued_at)
{
  PstTicket *ticket = pst_ticket_new ();

  ticket->id = g_strdup (id);
  ticket->office = g_strdup (OFFICE);
  ticket->number = g_strdup (number);
  ticket->issued_at = issued_at;

  return ticket;
}

static void
test_cache_tickets (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pst-cache-test-XXXXXX", &error);
  g_autofree char *path = pst_cache_build_path (dir, "https://pst.example.go.id", OFFICE);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                         "https://pst.example.go.id", -1);
  g_autofree char *odd = pst_cache_build_path (dir, "https://pst.example.go.id", "../x");
  g_autoptr(PstClock) clock = pst_clock_new_fixed (g_get_real_time ());
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Makassar");
  g_autofree char *today = today_in_office (clock);
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_ticket_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PstCacheSnapshot) snapshot = NULL;
  g_autoptr(PstCache) cache = NULL;
  gint64 now = pst_clock_get_now (clock);

  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (path, G_DIR_SEPARATOR_S OFFICE ".db"));
  g_assert_nonnull (strstr (path, hash));
  g_assert_true (g_str_has_suffix (odd, G_DIR_SEPARATOR_S "%2E%2E%2Fx.db"));

  cache = open_cache (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Two of today, one of yesterday, stored out of order. */
  g_ptr_array_add (tickets, make_ticket ("tkt_b", "K-002", now - 10 * G_USEC_PER_SEC));
  g_ptr_array_add (tickets, make_ticket ("tkt_a", "K-001", now - 20 * G_USEC_PER_SEC));
  g_ptr_array_add (tickets, make_ticket ("tkt_old", "K-009", now - PST_USEC_PER_DAY));
  pst_cache_store_tickets_async (cache, OFFICE, zone, tickets, NULL, 42, now, NULL,
                                 async_result_cb, &result);
  wait_write (cache, &result);

  snapshot = load_cache (cache, today, "off_a");
  g_assert_cmpint (snapshot->last_seq, ==, 42);
  g_assert_cmpuint (snapshot->tickets->len, ==, 2);
  g_assert_cmpstr (((PstTicket *) g_ptr_array_index (snapshot->tickets, 0))->number, ==, "K-001");
  g_assert_cmpstr (((PstTicket *) g_ptr_array_index (snapshot->tickets, 1))->number, ==, "K-002");
  g_assert_cmpuint (snapshot->outbox->len, ==, 0);
  g_clear_pointer (&snapshot, pst_cache_snapshot_free);

  /* Loading today deleted the other day. */
  {
    g_autoptr(GDateTime) yesterday_dt = pst_time_to_date_time (now - PST_USEC_PER_DAY, zone);
    g_autofree char *yesterday = g_date_time_format (yesterday_dt, "%Y-%m-%d");

    snapshot = load_cache (cache, yesterday, NULL);
    g_assert_cmpuint (snapshot->tickets->len, ==, 0);
    g_clear_pointer (&snapshot, pst_cache_snapshot_free);
  }

  /* A fresh list of the day replaces it; the position stays when not given. */
  g_ptr_array_set_size (tickets, 0);
  g_ptr_array_add (tickets, make_ticket ("tkt_a", "K-001", now - 20 * G_USEC_PER_SEC));
  ((PstTicket *) g_ptr_array_index (tickets, 0))->status = PST_TICKET_STATUS_CALLED;
  pst_cache_store_tickets_async (cache, OFFICE, zone, tickets, today, -1, now, NULL,
                                 async_result_cb, &result);
  wait_write (cache, &result);

  g_assert_finalize_object (g_steal_pointer (&cache));
  cache = open_cache (path);
  snapshot = load_cache (cache, today, NULL);
  g_assert_cmpint (snapshot->last_seq, ==, 42);
  g_assert_cmpuint (snapshot->tickets->len, ==, 1);
  g_assert_cmpint (((PstTicket *) g_ptr_array_index (snapshot->tickets, 0))->status, ==,
                   PST_TICKET_STATUS_CALLED);

  g_assert_finalize_object (g_steal_pointer (&cache));
  remove_tree (dir);
}

static void
test_cache_outbox (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pst-cache-test-XXXXXX", &error);
  g_autofree char *path = pst_cache_build_path (dir, "http://127.0.0.1:8470", OFFICE);
  g_autoptr(PstClock) clock = pst_clock_new_fixed (g_get_real_time ());
  g_autofree char *today = today_in_office (clock);
  g_autoptr(PstOutboxEntry) first = NULL;
  g_autoptr(PstOutboxEntry) other = NULL;
  g_autoptr(PstOutboxEntry) second = NULL;
  g_autoptr(PstCacheSnapshot) snapshot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PstCache) cache = NULL;
  PstOutboxEntry *row;
  gint64 now = pst_clock_get_now (clock);
  PstOutboxEntry **entries[3];

  g_assert_no_error (error);
  cache = open_cache (path);

  first = pst_outbox_entry_new ("off_a", "POST", "/api/v1/tickets/tkt_1/start", NULL,
                                "ticket:tkt_1", now);
  other = pst_outbox_entry_new ("off_b", "POST", "/api/v1/tickets/tkt_2/start", NULL,
                                "ticket:tkt_2", now);
  second = pst_outbox_entry_new ("off_a", "POST", "/api/v1/tickets/tkt_1/finish",
                                 "{\"topic\":\"data\",\"outcome\":\"ok\"}", "ticket:tkt_1", now);
  g_assert_true (g_str_has_prefix (first->idempotency_key, "off_a/"));
  g_assert_cmpstr (first->idempotency_key, !=, second->idempotency_key);
  g_assert_cmpint (first->next_attempt_at, ==, PST_TIME_UNSET);

  entries[0] = &first;
  entries[1] = &other;
  entries[2] = &second;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      pst_cache_outbox_add_async (cache, *entries[i], NULL, async_result_cb, &result);
      WAIT_FOR (result != NULL);
      (*entries[i])->id = pst_cache_outbox_add_finish (cache, result, &error);
      g_assert_no_error (error);
      g_assert_cmpint ((*entries[i])->id, >, 0);
      g_clear_object (&result);
    }
  g_assert_cmpint (first->id, <, other->id);
  g_assert_cmpint (other->id, <, second->id);

  /* Each officer sees their own rows, in order. */
  snapshot = load_cache (cache, today, "off_a");
  g_assert_cmpuint (snapshot->outbox->len, ==, 2);
  row = g_ptr_array_index (snapshot->outbox, 0);
  g_assert_cmpint (row->id, ==, first->id);
  g_assert_cmpstr (row->officer, ==, "off_a");
  g_assert_cmpstr (row->idempotency_key, ==, first->idempotency_key);
  g_assert_null (row->body);
  row = g_ptr_array_index (snapshot->outbox, 1);
  g_assert_cmpstr (row->path, ==, "/api/v1/tickets/tkt_1/finish");
  g_assert_cmpstr (row->body, ==, "{\"topic\":\"data\",\"outcome\":\"ok\"}");
  g_clear_pointer (&snapshot, pst_cache_snapshot_free);

  /* Retry fields and a renamed ticket are written back. */
  second->attempts = 2;
  second->next_attempt_at = now + G_USEC_PER_SEC;
  second->last_error = g_strdup ("HTTP 503");
  g_free (second->path);
  second->path = g_strdup ("/api/v1/tickets/tkt_3/finish");
  pst_cache_outbox_update_async (cache, second, NULL, async_result_cb, &result);
  wait_write (cache, &result);
  pst_cache_outbox_remove_async (cache, first->id, NULL, async_result_cb, &result);
  wait_write (cache, &result);

  g_assert_finalize_object (g_steal_pointer (&cache));
  cache = open_cache (path);

  snapshot = load_cache (cache, today, "off_a");
  g_assert_cmpuint (snapshot->outbox->len, ==, 1);
  row = g_ptr_array_index (snapshot->outbox, 0);
  g_assert_cmpint (row->attempts, ==, 2);
  g_assert_cmpint (row->next_attempt_at, ==, now + G_USEC_PER_SEC);
  g_assert_cmpstr (row->last_error, ==, "HTTP 503");
  g_assert_cmpstr (row->path, ==, "/api/v1/tickets/tkt_3/finish");
  g_clear_pointer (&snapshot, pst_cache_snapshot_free);

  snapshot = load_cache (cache, today, "off_b");
  g_assert_cmpuint (snapshot->outbox->len, ==, 1);
  g_clear_pointer (&snapshot, pst_cache_snapshot_free);

  /* Closed: later calls fail instead of waiting forever. */
  pst_cache_close (cache);
  pst_cache_outbox_remove_async (cache, other->id, NULL, async_result_cb, &result);
  WAIT_FOR (result != NULL);
  g_assert_false (pst_cache_write_finish (cache, result, &error));
  g_assert_error (error, PST_STORE_ERROR, PST_STORE_ERROR_FAILED);

  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&cache));
  remove_tree (dir);
}

/* Logging in. */

static void
test_login_wrong_password (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (login_as (f, f->sync, "petugas1." OFFICE, "not-the-password", &error));
  g_assert_error (error, PST_SYNC_ERROR, PST_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "Wrong username or password");

  g_assert_false (pst_sync_is_logged_in (f->sync));
  g_assert_cmpint (pst_sync_get_state (f->sync), ==, PST_CONNECTION_OFFLINE);
  g_assert_null (pst_sync_get_officer (f->sync));
  g_assert_null (pst_sync_get_server_url (f->sync));
  g_assert_cmpuint (g_list_model_get_n_items (pst_sync_get_tickets (f->sync)), ==, 0);
}

static void
test_login_indonesian (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The server's messages follow the UI's language. */
  g_setenv ("LANGUAGE", "id", TRUE);
  login_as (f, f->sync, "petugas1." OFFICE, "not-the-password", &error);
  g_unsetenv ("LANGUAGE");

  g_assert_error (error, PST_SYNC_ERROR, PST_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "Nama pengguna atau kata sandi salah");
}

static void
test_login_rate_limited (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint attempts = 0;

  while (error == NULL || g_error_matches (error, PST_SYNC_ERROR, PST_SYNC_ERROR_UNAUTHORIZED))
    {
      g_clear_error (&error);
      g_assert_cmpuint (++attempts, <=, 10);
      login_as (f, f->sync, "petugas2." OFFICE, "not-the-password", &error);
    }

  g_assert_error (error, PST_SYNC_ERROR, PST_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpuint (attempts, ==, 6);
  /* Says when to try again. */
  g_assert_true (g_str_has_prefix (error->message, "Too many failed attempts; try again in "));
  g_assert_true (g_str_has_suffix (error->message, " minutes"));
}

static void
test_login_unreachable (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autofree char *url = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint16 port;

  /* A port nothing listens on any more. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/", port);

  pst_sync_login_async (f->sync, url, "petugas1." OFFICE, DEMO_PASSWORD, NULL,
                        async_result_cb, &result);
  g_assert_cmpint (pst_sync_get_state (f->sync), ==, PST_CONNECTION_CONNECTING);
  WAIT_FOR (result != NULL);
  g_assert_false (pst_sync_login_finish (f->sync, result, &error));
  g_assert_error (error, PST_SYNC_ERROR, PST_SYNC_ERROR_UNREACHABLE);
  g_assert_cmpint (pst_sync_get_state (f->sync), ==, PST_CONNECTION_OFFLINE);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Not an address at all. */
  pst_sync_login_async (f->sync, "pst.example.go.id", "petugas1." OFFICE, DEMO_PASSWORD, NULL,
                        async_result_cb, &result);
  WAIT_FOR (result != NULL);
  g_assert_false (pst_sync_login_finish (f->sync, result, &error));
  g_assert_error (error, PST_SYNC_ERROR, PST_SYNC_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "https://pst.example.go.id"));
}

static void
tls_handshake_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, NULL);
  g_io_stream_close (G_IO_STREAM (source), NULL, NULL);
  g_object_unref (source);
}

static gboolean
tls_incoming_cb (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source,
                 gpointer           user_data)
{
  GIOStream *tls = g_tls_server_connection_new (G_IO_STREAM (connection), user_data, NULL);

  g_assert_nonnull (tls);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL,
                                    tls_handshake_cb, NULL);
  return TRUE;
}

static void
test_login_tls (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GSocketService) service = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint16 port;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("No TLS backend (glib-networking)");
      return;
    }

  /* A server whose certificate nobody signed. */
  certificate = g_tls_certificate_new_from_pem (untrusted_pem, -1, &error);
  g_assert_no_error (error);
  service = g_socket_service_new ();
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (tls_incoming_cb), certificate);
  g_socket_service_start (service);

  url = g_strdup_printf ("https://127.0.0.1:%u", port);
  pst_sync_login_async (f->sync, url, "petugas1." OFFICE, DEMO_PASSWORD, NULL,
                        async_result_cb, &result);
  WAIT_FOR (result != NULL);
  g_assert_false (pst_sync_login_finish (f->sync, result, &error));
  g_assert_error (error, PST_SYNC_ERROR, PST_SYNC_ERROR_TLS);
  g_assert_false (pst_sync_is_logged_in (f->sync));

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  run_for (50);
}

static void
login_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *n_items_then = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (pst_sync_login_finish (PST_SYNC (source), result, &error));
  g_assert_no_error (error);
  /* What the model holds when the login finishes. */
  *n_items_then = g_list_model_get_n_items (pst_sync_get_tickets (PST_SYNC (source)));
}

static void
test_login_success (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *cache_path = NULL;
  GListModel *model = pst_sync_get_tickets (f->sync);
  const PstOfficer *officer;
  const PstOffice *office;
  PstCalendar *calendar;
  guint logged_in_notes = 0;
  guint state_notes = 0;
  guint n_items_then = G_MAXUINT;
  gint64 previous = G_MININT64;

  g_signal_connect (f->sync, "notify::logged-in", G_CALLBACK (count_cb), &logged_in_notes);
  g_signal_connect (f->sync, "notify::state", G_CALLBACK (count_cb), &state_notes);

  login_online (f, "petugas1." OFFICE);
  g_assert_cmpuint (logged_in_notes, ==, 1);
  g_assert_cmpuint (state_notes, >=, 2);
  g_assert_true (pst_sync_is_logged_in (f->sync));
  g_assert_cmpstr (pst_sync_get_server_url (f->sync), ==, f->relay->url);

  officer = pst_sync_get_officer (f->sync);
  g_assert_cmpstr (officer->username, ==, "petugas1." OFFICE);
  g_assert_cmpstr (officer->office, ==, OFFICE);
  office = pst_sync_get_office (f->sync);
  g_assert_cmpstr (office->code, ==, OFFICE);
  g_assert_cmpstr (office->timezone, ==, "Asia/Makassar");
  g_assert_nonnull (office->standard);
  g_assert_cmpuint (office->holidays->len, >, 0);
  calendar = pst_sync_get_calendar (f->sync);
  g_assert_cmpstr (g_time_zone_get_identifier (pst_calendar_get_time_zone (calendar)), ==,
                   "Asia/Makassar");

  /* The demo morning: 17 tickets, in queue order, none pending. */
  WAIT_FOR (g_list_model_get_n_items (model) == 17);
  for (guint i = 0; i < 17; i++)
    {
      g_autoptr(PstTicketItem) item = g_list_model_get_item (model, i);
      const PstTicket *ticket = pst_ticket_item_get_ticket (item);

      g_assert_cmpint (ticket->issued_at, >=, previous);
      previous = ticket->issued_at;
      g_assert_false (pst_ticket_item_get_pending (item));
      g_assert_cmpstr (ticket->office, ==, OFFICE);
    }
  g_assert_cmpint (pst_ticket_item_get_status (find_item (f->sync, "K-007")), ==,
                   PST_TICKET_STATUS_SERVING);
  g_assert_cmpint (pst_ticket_item_get_status (find_item (f->sync, "K-008")), ==,
                   PST_TICKET_STATUS_CALLED);
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 0);

  /* The cache is per server and office, under the folder given. */
  cache_path = g_strdup (pst_sync_get_cache_path (f->sync));
  g_assert_true (g_str_has_prefix (cache_path, f->cache_dir));
  g_assert_true (g_str_has_suffix (cache_path, G_DIR_SEPARATOR_S OFFICE ".db"));

  pst_sync_logout (f->sync);
  g_assert_false (pst_sync_is_logged_in (f->sync));
  g_assert_cmpint (pst_sync_get_state (f->sync), ==, PST_CONNECTION_OFFLINE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (pst_sync_get_cache_path (f->sync));
  g_assert_true (g_file_test (cache_path, G_FILE_TEST_EXISTS));

  /* Logging in again shows the cached list before the server's. */
  pst_sync_login_async (f->sync, f->relay->url, "petugas1." OFFICE, DEMO_PASSWORD, NULL,
                        login_done_cb, &n_items_then);
  WAIT_FOR (n_items_then != G_MAXUINT);
  g_assert_cmpuint (n_items_then, ==, 17);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_ONLINE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 17);

  g_signal_handlers_disconnect_by_data (f->sync, &logged_in_notes);
  g_signal_handlers_disconnect_by_data (f->sync, &state_notes);
}

/* Live events. */

typedef struct
{
  PstSync            *sync;
  guint               notes;
  PstConnectionState  state_then;
} StatusWatch;

static void
status_changed_cb (PstTicketItem *item,
                   GParamSpec    *pspec,
                   StatusWatch   *watch)
{
  watch->notes++;
  watch->state_then = pst_sync_get_state (watch->sync);
}

static void
test_live_event (Fixture       *f,
                 gconstpointer  data)
{
  StatusWatch watch = { f->sync, 0, PST_CONNECTION_OFFLINE };
  g_autoptr(PstTicket) on_server = NULL;
  PstTicketItem *item;
  PstTicketItem *next;
  guint due_notes = 0;
  gint64 started;

  login_online (f, "petugas1." OFFICE);
  item = find_item (f->sync, "K-008");
  g_assert_nonnull (item);
  g_signal_connect (item, "notify::status", G_CALLBACK (status_changed_cb), &watch);

  /* petugas2 starts serving the visitor they called. */
  other_officer_acts (f, pst_ticket_item_get_id (item), "start", NULL);
  started = g_get_monotonic_time ();
  WAIT_FOR_WITHIN (pst_ticket_item_get_status (item) == PST_TICKET_STATUS_SERVING, 1);
  g_test_message ("The event arrived after %.3f s",
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  /* The same item, updated in place. */
  g_assert_true (find_item (f->sync, "K-008") == item);
  g_assert_cmpuint (watch.notes, ==, 1);
  g_assert_cmpint (watch.state_then, ==, PST_CONNECTION_ONLINE);
  g_assert_cmpuint (g_list_model_get_n_items (pst_sync_get_tickets (f->sync)), ==, 17);
  g_signal_handlers_disconnect_by_data (item, &watch);

  /* When that visitor leaves, the next one's wait clock starts: the event
   * says nothing about K-009, the desk works it out as the server does.
   */
  next = find_item (f->sync, "K-009");
  g_assert_cmpint (pst_ticket_item_get_wait_due (next), ==, PST_TIME_UNSET);
  g_signal_connect (next, "notify::wait-due", G_CALLBACK (count_cb), &due_notes);
  other_officer_acts (f, pst_ticket_item_get_id (item), "finish",
                      "{\"topic\":\"data\",\"outcome\":\"Data diberikan\"}");
  WAIT_FOR (pst_ticket_item_get_status (item) == PST_TICKET_STATUS_DONE);
  g_assert_cmpuint (due_notes, ==, 1);
  on_server = server_ticket (f, pst_ticket_item_get_id (next));
  g_assert_cmpint (on_server->wait_due, !=, PST_TIME_UNSET);
  g_assert_cmpint (pst_ticket_item_get_wait_due (next), ==, on_server->wait_due);
  g_assert_cmpint (pst_ticket_item_get_wait_due (next), ==,
                   pst_ticket_item_get_ticket (item)->finished_at + 10 * PST_USEC_PER_MINUTE);
  g_signal_handlers_disconnect_by_data (next, &due_notes);
}

/* The outbox. */

static void
test_outbox_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  static const PstService consultation[] = { PST_SERVICE_CONSULTATION };
  g_autoptr(GError) error = NULL;
  g_autoptr(PstTicketItem) called = NULL;
  g_autoptr(PstTicket) on_server = NULL;
  g_autoptr(JsonObject) body = NULL;
  GListModel *model = pst_sync_get_tickets (f->sync);
  PstTicketItem *issued;
  guint count_notes = 0;

  login_online (f, "petugas1." OFFICE);
  g_signal_connect (f->sync, "notify::pending-count", G_CALLBACK (count_cb), &count_notes);

  /* A new ticket shows at once as a pending placeholder… */
  pst_sync_issue_ticket (f->sync, PST_SERVICE_CONSULTATION, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 18);
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 1);
  issued = find_item (f->sync, "K-…");
  g_assert_nonnull (issued);
  g_assert_true (pst_ticket_item_get_pending (issued));
  g_assert_true (g_str_has_prefix (pst_ticket_item_get_id (issued), "local-"));
  g_assert_cmpint (pst_ticket_item_get_status (issued), ==, PST_TICKET_STATUS_WAITING);

  /* …and becomes the real one. */
  WAIT_FOR (pst_sync_get_pending_count (f->sync) == 0);
  g_assert_false (pst_ticket_item_get_pending (issued));
  g_assert_cmpstr (pst_ticket_item_get_number (issued), ==, "K-011");
  g_assert_true (g_str_has_prefix (pst_ticket_item_get_id (issued), "tkt_"));
  g_assert_true (find_item (f->sync, "K-011") == issued);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 18);
  g_assert_cmpuint (count_notes, ==, 2);

  /* The server decides who is next. */
  called = call_next (f->sync, consultation, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (called);
  g_assert_cmpstr (pst_ticket_item_get_number (called), ==, "K-009");
  g_assert_cmpint (pst_ticket_item_get_status (called), ==, PST_TICKET_STATUS_CALLED);
  g_assert_true (find_item (f->sync, "K-009") == called);

  pst_sync_ticket_action (f->sync, called, PST_TICKET_ACTION_START, NULL);
  g_assert_cmpint (pst_ticket_item_get_status (called), ==, PST_TICKET_STATUS_SERVING);
  g_assert_true (pst_ticket_item_get_pending (called));
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 1);

  body = finish_body ("Tabel IPM dikirim lewat surel");
  pst_sync_ticket_action (f->sync, called, PST_TICKET_ACTION_FINISH, body);
  g_assert_cmpint (pst_ticket_item_get_status (called), ==, PST_TICKET_STATUS_DONE);
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 2);

  WAIT_FOR (pst_sync_get_pending_count (f->sync) == 0);
  g_assert_false (pst_ticket_item_get_pending (called));
  g_assert_cmpint (pst_ticket_item_get_status (called), ==, PST_TICKET_STATUS_DONE);
  g_assert_cmpstr (pst_ticket_item_get_ticket (called)->outcome, ==,
                   "Tabel IPM dikirim lewat surel");

  on_server = server_ticket (f, pst_ticket_item_get_id (called));
  g_assert_cmpint (on_server->status, ==, PST_TICKET_STATUS_DONE);
  g_assert_cmpuint (count_history (on_server, "started"), ==, 1);
  g_assert_cmpuint (count_history (on_server, "finished"), ==, 1);

  g_signal_handlers_disconnect_by_data (f->sync, &count_notes);
}

static void
test_guest_book (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PstGuestBook) guest_book = pst_guest_book_new ();
  g_autoptr(PstTicket) on_server = NULL;
  PstTicketItem *item;

  login_online (f, "petugas1." OFFICE);
  item = find_item (f->sync, "K-010");

  guest_book->name = g_strdup ("Andi Pratama");
  guest_book->id_type = PST_ID_TYPE_KTP;
  guest_book->id_number = g_strdup ("7604011203950001");
  guest_book->email = g_strdup ("andi@example.co.id");
  guest_book->phone = g_strdup ("081234567890");
  guest_book->institution = g_strdup ("Universitas Tomakaka");
  guest_book->occupation = g_strdup ("Mahasiswa");
  guest_book->purpose = g_strdup ("Data kemiskinan Kabupaten Mamuju");

  pst_sync_set_guest_book (f->sync, item, guest_book);
  /* Shown at once, masked. */
  g_assert_true (pst_ticket_item_get_pending (item));
  g_assert_cmpstr (pst_ticket_item_get_ticket (item)->guest_book->name, ==, "Andi Pratama");
  g_assert_null (pst_ticket_item_get_ticket (item)->guest_book->id_number);
  g_assert_null (strstr (pst_ticket_item_get_ticket (item)->guest_book->id_number_masked,
                         "76040112"));

  WAIT_FOR (pst_sync_get_pending_count (f->sync) == 0);
  g_assert_false (pst_ticket_item_get_pending (item));
  g_assert_cmpstr (pst_ticket_item_get_ticket (item)->guest_book->name, ==, "Andi Pratama");

  on_server = server_ticket (f, pst_ticket_item_get_id (item));
  g_assert_nonnull (on_server->guest_book);
  g_assert_cmpstr (on_server->guest_book->purpose, ==, "Data kemiskinan Kabupaten Mamuju");
}

static void
test_call_next (Fixture       *f,
                gconstpointer  data)
{
  static const PstService sales[] = { PST_SERVICE_SALES };
  g_autoptr(GError) error = NULL;
  g_autoptr(PstTicketItem) item = NULL;

  /* Not logged in. */
  item = call_next (f->sync, NULL, 0, &error);
  g_assert_error (error, PST_SYNC_ERROR, PST_SYNC_ERROR_OFFLINE);
  g_assert_null (item);
  g_clear_error (&error);

  login_online (f, "petugas1." OFFICE);

  /* Nobody waits for the sales desk: no ticket, no error. */
  item = call_next (f->sync, sales, G_N_ELEMENTS (sales), &error);
  g_assert_no_error (error);
  g_assert_null (item);

  /* The line is down: the server's decision cannot be had. */
  relay_cut (f->relay);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_CONNECTING);
  item = call_next (f->sync, NULL, 0, &error);
  g_assert_error (error, PST_SYNC_ERROR, PST_SYNC_ERROR_OFFLINE);
  g_assert_cmpstr (error->message, ==, "Calling the next visitor needs a connection to the server");
  g_assert_null (item);
  g_assert_true (pst_sync_is_logged_in (f->sync));

  relay_restore (f->relay);
  pst_sync_retry_now (f->sync);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_ONLINE);
}

/* Offline and back: an action taken offline survives a restart of the app
 * and reaches the server exactly once.
 */
static void
restart_login_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gboolean *checked = user_data;
  PstSync *sync = PST_SYNC (source);
  PstTicketItem *item;

  g_assert_true (pst_sync_login_finish (sync, result, NULL));

  /* From the cache and the outbox, before the server was asked. */
  item = find_item (sync, "K-007");
  g_assert_nonnull (item);
  g_assert_cmpint (pst_ticket_item_get_status (item), ==, PST_TICKET_STATUS_DONE);
  g_assert_true (pst_ticket_item_get_pending (item));
  g_assert_cmpuint (pst_sync_get_pending_count (sync), ==, 1);
  *checked = TRUE;
}

static void
test_offline_and_back (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) body = finish_body ("Publikasi Kabupaten Mamuju Dalam Angka diberikan");
  g_autoptr(PstTicket) on_server = NULL;
  g_autofree char *id = NULL;
  PstTicketItem *item;
  gboolean checked = FALSE;

  login_online (f, "petugas1." OFFICE);
  item = find_item (f->sync, "K-007");
  id = g_strdup (pst_ticket_item_get_id (item));

  /* The line goes first, then the server stops (see stop_server ()). */
  relay_cut (f->relay);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_CONNECTING);
  stop_server (f);
  relay_restore (f->relay);

  pst_sync_ticket_action (f->sync, item, PST_TICKET_ACTION_FINISH, body);
  g_assert_cmpint (pst_ticket_item_get_status (item), ==, PST_TICKET_STATUS_DONE);
  g_assert_true (pst_ticket_item_get_pending (item));
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 1);

  /* The app quits. */
  g_assert_finalize_object (g_steal_pointer (&f->sync));
  run_for (100);

  /* The server comes back (on another port, behind the same address), and the app starts again. */
  pst_test_server_restart (f->server);
  f->relay->upstream = f->server->port;
  f->sync = pst_sync_new (f->clock, f->cache_dir);
  pst_sync_login_async (f->sync, f->relay->url, "petugas1." OFFICE, DEMO_PASSWORD, NULL,
                        restart_login_cb, &checked);
  WAIT_FOR (checked);

  WAIT_FOR (pst_sync_get_pending_count (f->sync) == 0);
  item = find_item (f->sync, "K-007");
  g_assert_false (pst_ticket_item_get_pending (item));
  g_assert_cmpint (pst_ticket_item_get_status (item), ==, PST_TICKET_STATUS_DONE);

  on_server = server_ticket (f, id);
  g_assert_cmpint (on_server->status, ==, PST_TICKET_STATUS_DONE);
  g_assert_cmpstr (on_server->outcome, ==, "Publikasi Kabupaten Mamuju Dalam Angka diberikan");
  g_assert_cmpuint (count_history (on_server, "finished"), ==, 1);
}

/* Another officer on the same desk neither sees nor sends the rows. */
static void
test_outbox_per_officer (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) body = finish_body ("Data diberikan");
  g_autoptr(PstTicket) on_server = NULL;
  g_autofree char *id = NULL;
  PstTicketItem *item;

  login_online (f, "petugas1." OFFICE);
  item = find_item (f->sync, "K-007");
  id = g_strdup (pst_ticket_item_get_id (item));

  relay_cut (f->relay);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_CONNECTING);
  pst_sync_ticket_action (f->sync, item, PST_TICKET_ACTION_FINISH, body);
  pst_sync_logout (f->sync);
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 0);
  relay_restore (f->relay);

  login_online (f, "petugas2." OFFICE);
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 0);
  g_assert_cmpint (pst_ticket_item_get_status (find_item (f->sync, "K-007")), ==,
                   PST_TICKET_STATUS_SERVING);
  run_for (300);
  on_server = server_ticket (f, id);
  g_assert_cmpint (on_server->status, ==, PST_TICKET_STATUS_SERVING);
  g_clear_pointer (&on_server, pst_ticket_free);
  pst_sync_logout (f->sync);

  /* Back to the officer who took the action: it goes now. */
  login_online (f, "petugas1." OFFICE);
  WAIT_FOR (pst_sync_get_pending_count (f->sync) == 0);
  on_server = server_ticket (f, id);
  g_assert_cmpint (on_server->status, ==, PST_TICKET_STATUS_DONE);
  g_assert_cmpuint (count_history (on_server, "finished"), ==, 1);
}

/* How many requests to @route the server has logged so far. */
static guint
count_requests (Fixture    *f,
                const char *route)
{
  g_autofree char *log = pst_test_server_get_log (f->server);
  g_autofree char *needle = g_strdup_printf ("route=\"%s\"", route);
  guint n = 0;

  for (const char *p = strstr (log, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* The desk follows the log from a position of its own (the demo starts
 * with an empty log): a change seen live.
 */
static void
move_log_position (Fixture *f)
{
  PstTicketItem *item = find_item (f->sync, "R-002");

  other_officer_calls_next (f, "recommendation");
  WAIT_FOR (pst_ticket_item_get_status (item) == PST_TICKET_STATUS_CALLED);
}

/* Catching up after a cut: the events missed come from /changes, page by
 * page, before the socket opens again; the list is not read again.
 */
static void
test_catch_up (Fixture       *f,
               gconstpointer  data)
{
  StatusWatch watch = { f->sync, 0, PST_CONNECTION_OFFLINE };
  g_autofree char *token = NULL;
  PstTicketItem *item;
  guint lists, changes;

  login_online (f, "petugas1." OFFICE);
  move_log_position (f);
  item = find_item (f->sync, "K-008");
  g_signal_connect (item, "notify::status", G_CALLBACK (status_changed_cb), &watch);

  relay_cut (f->relay);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_CONNECTING);

  /* More than a page of other events, then the one that matters. */
  token = pst_test_login (f->server, "petugas2." OFFICE, DEMO_PASSWORD);
  for (guint i = 0; i < 520; i++)
    {
      g_autoptr(PstTestResponse) response = NULL;

      response = pst_test_request (f->server, "PUT", "/api/v1/me/presence", token,
                                   i % 2 == 0 ? "{\"presence\":\"away\"}"
                                              : "{\"presence\":\"available\"}");
      pst_test_assert_status (response, 200);
    }
  other_officer_acts (f, pst_ticket_item_get_id (item), "start", NULL);
  run_for (100);
  g_assert_cmpint (pst_ticket_item_get_status (item), ==, PST_TICKET_STATUS_CALLED);

  lists = count_requests (f, "/offices/{code}/tickets");
  changes = count_requests (f, "/changes");
  relay_restore (f->relay);
  pst_sync_retry_now (f->sync);
  WAIT_FOR (pst_ticket_item_get_status (item) == PST_TICKET_STATUS_SERVING);
  g_assert_cmpint (watch.state_then, ==, PST_CONNECTION_CONNECTING);
  g_assert_true (find_item (f->sync, "K-008") == item);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_ONLINE);
  /* (The server's log comes through a pipe: give it a moment.) */
  WAIT_FOR (count_requests (f, "/changes") >= changes + 2);
  run_for (200);
  g_assert_cmpuint (count_requests (f, "/offices/{code}/tickets"), ==, lists);

  /* And live again. */
  other_officer_acts (f, pst_ticket_item_get_id (item), "finish",
                      "{\"topic\":\"data\",\"outcome\":\"Data diberikan\"}");
  WAIT_FOR (pst_ticket_item_get_status (item) == PST_TICKET_STATUS_DONE);
  g_assert_cmpint (watch.state_then, ==, PST_CONNECTION_ONLINE);
  g_signal_handlers_disconnect_by_data (item, &watch);
}

/* The events missed were pruned: the server asks for a reload. */
static void
test_resync (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *cache_path = NULL;
  g_autofree char *id = NULL;
  PstTicketItem *item;
  guint lists;

  login_online (f, "petugas1." OFFICE);
  move_log_position (f);
  item = find_item (f->sync, "K-008");
  id = g_strdup (pst_ticket_item_get_id (item));

  relay_cut (f->relay);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_CONNECTING);
  other_officer_acts (f, id, "start", NULL);
  other_officer_acts (f, id, "finish", "{\"topic\":\"data\",\"outcome\":\"Data diberikan\"}");
  exec_sql (f->server->db_path, "DELETE FROM events WHERE seq < (SELECT max (seq) FROM events)");

  lists = count_requests (f, "/offices/{code}/tickets");
  relay_restore (f->relay);
  pst_sync_retry_now (f->sync);
  WAIT_FOR (pst_ticket_item_get_status (item) == PST_TICKET_STATUS_DONE);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_ONLINE);
  g_assert_cmpuint (g_list_model_get_n_items (pst_sync_get_tickets (f->sync)), ==, 17);
  /* The list was read again: the events in between are gone. */
  WAIT_FOR (count_requests (f, "/offices/{code}/tickets") == lists + 1);

  /* A position from another database (a restored server): reload too. */
  cache_path = g_strdup (pst_sync_get_cache_path (f->sync));
  pst_sync_logout (f->sync);
  exec_sql (cache_path, "UPDATE sync_state SET last_seq = 1000000000");

  login_online (f, "petugas1." OFFICE);
  g_assert_cmpint (pst_ticket_item_get_status (find_item (f->sync, "K-008")), ==,
                   PST_TICKET_STATUS_DONE);

  /* Live events come through after it. */
  item = find_item (f->sync, "P-002");
  other_officer_calls_next (f, "library");
  WAIT_FOR (pst_ticket_item_get_status (item) == PST_TICKET_STATUS_CALLED);

  pst_sync_logout (f->sync);
  g_assert_cmpint (query_int (cache_path, "SELECT last_seq FROM sync_state"), <,
                   query_int (f->server->db_path, "SELECT max (seq) FROM events") + 1);
}

static void
test_session_ended (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) body = finish_body ("Data diberikan");
  g_autoptr(PstCache) cache = NULL;
  g_autoptr(PstCacheSnapshot) snapshot = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *officer_id = NULL;
  g_autofree char *spv = NULL;
  g_autofree char *path = NULL;
  g_autofree char *today = today_in_office (f->clock);
  g_autoptr(PstTestResponse) response = NULL;
  guint ended = 0;

  login_online (f, "petugas1." OFFICE);
  g_signal_connect (f->sync, "session-ended", G_CALLBACK (session_ended_cb), &ended);
  cache_path = g_strdup (pst_sync_get_cache_path (f->sync));
  officer_id = g_strdup (pst_sync_get_officer (f->sync)->id);

  /* An action waits in the outbox while the line is down… */
  relay_cut (f->relay);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_CONNECTING);
  pst_sync_ticket_action (f->sync, find_item (f->sync, "K-007"), PST_TICKET_ACTION_FINISH, body);

  /* …and the supervisor disables the account meanwhile. */
  spv = pst_test_login (f->server, "spv." OFFICE, DEMO_PASSWORD);
  path = g_strconcat ("/api/v1/officers/", officer_id, NULL);
  response = pst_test_request (f->server, "DELETE", path, spv, NULL);
  g_assert_cmpuint (response->status, <, 300);

  relay_restore (f->relay);
  pst_sync_retry_now (f->sync);
  WAIT_FOR (ended == 1);
  g_assert_false (pst_sync_is_logged_in (f->sync));
  g_assert_cmpint (pst_sync_get_state (f->sync), ==, PST_CONNECTION_OFFLINE);
  g_assert_cmpuint (g_list_model_get_n_items (pst_sync_get_tickets (f->sync)), ==, 0);

  /* The outbox stays on disk. */
  cache = open_cache (cache_path);
  snapshot = load_cache (cache, today, officer_id);
  g_assert_cmpuint (snapshot->outbox->len, ==, 1);
  g_assert_true (g_str_has_suffix (((PstOutboxEntry *) g_ptr_array_index (snapshot->outbox, 0))->path,
                                   "/finish"));
  g_assert_finalize_object (g_steal_pointer (&cache));
}

/* An online session whose token is revoked: the socket closes, the next
 * request is refused.
 */
/* Takes the login's answer and cancels its cancellable at once, as a
 * window that closes its login page does.
 */
static void
login_then_cancel_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  int *outcome = user_data;
  g_autoptr(GError) error = NULL;

  *outcome = pst_sync_login_finish (PST_SYNC (source), result, &error) ? 1 : -1;
  g_assert_no_error (error);
  g_cancellable_cancel (g_task_get_cancellable (G_TASK (result)));
}

/* A request that needs an answer now: JSON back, the server's refusal as
 * REJECTED with its message, and a login's cancellable that is cancelled
 * after the login no longer reaches the session.
 */
static void
test_request (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  int login = 0;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) none = NULL;

  pst_sync_login_async (f->sync, f->relay->url, "petugas1." OFFICE, DEMO_PASSWORD, cancellable,
                        login_then_cancel_cb, &login);
  WAIT_FOR (login != 0);
  g_assert_cmpint (login, ==, 1);
  g_assert_true (g_cancellable_is_cancelled (cancellable));

  pst_sync_request_async (f->sync, "GET", "/me", NULL, NULL, async_result_cb, &result);
  WAIT_FOR (result != NULL);
  node = pst_sync_request_finish (f->sync, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "username"), ==,
                   "petugas1." OFFICE);
  g_assert_true (pst_sync_is_logged_in (f->sync));

  pst_sync_request_async (f->sync, "GET", "/kb/search?q=", NULL, NULL, async_result_cb, &refused);
  WAIT_FOR (refused != NULL);
  none = pst_sync_request_finish (f->sync, refused, &error);
  g_assert_null (none);
  g_assert_error (error, PST_SYNC_ERROR, PST_SYNC_ERROR_REJECTED);
  g_assert_nonnull (error->message);

  /* The server's messages follow the language asked for, at once. */
  {
    const char *const languages[] = { "en", "id" };
    g_autofree char *messages[G_N_ELEMENTS (languages)] = { NULL };

    for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
      {
        g_autoptr(GAsyncResult) answer = NULL;
        g_autoptr(GError) refusal = NULL;
        g_autoptr(JsonNode) nothing = NULL;

        pst_sync_set_language (f->sync, languages[i]);
        pst_sync_request_async (f->sync, "GET", "/kb/search?q=", NULL, NULL, async_result_cb,
                                &answer);
        WAIT_FOR (answer != NULL);
        nothing = pst_sync_request_finish (f->sync, answer, &refusal);
        g_assert_error (refusal, PST_SYNC_ERROR, PST_SYNC_ERROR_REJECTED);
        messages[i] = g_strdup (refusal->message);
      }
    g_assert_cmpstr (messages[0], !=, messages[1]);
    pst_sync_set_language (f->sync, NULL);
  }

  /* A write sent again with its key is done once: the same ticket. */
  {
    g_autofree char *key = g_uuid_string_random ();
    g_autoptr(JsonNode) body = pst_json_parse ("{\"service\": \"library\"}", -1, NULL);
    g_autofree char *ids[3] = { NULL };

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        g_autoptr(GAsyncResult) answer = NULL;
        g_autoptr(GError) failure = NULL;
        g_autoptr(JsonNode) ticket = NULL;

        pst_sync_request_once_async (f->sync, "POST", "/offices/" OFFICE "/tickets", body,
                                     i < 2 ? key : NULL, NULL, async_result_cb, &answer);
        WAIT_FOR (answer != NULL);
        ticket = pst_sync_request_finish (f->sync, answer, &failure);
        g_assert_no_error (failure);
        ids[i] = g_strdup (json_object_get_string_member (json_node_get_object (ticket), "id"));
      }
    g_assert_cmpstr (ids[0], ==, ids[1]);
    g_assert_cmpstr (ids[0], !=, ids[2]);
  }
}

/* A kiosk account's session: online at once, requests only. */
static void
test_kiosk_session (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_true (login_as (f, f->sync, "kiosk." OFFICE, DEMO_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pst_sync_get_state (f->sync), ==, PST_CONNECTION_ONLINE);
  g_assert_cmpint (pst_sync_get_officer (f->sync)->role, ==, PST_ROLE_KIOSK);
  g_assert_cmpstr (pst_sync_get_office (f->sync)->code, ==, OFFICE);
  g_assert_null (pst_sync_get_cache_path (f->sync));
  g_assert_cmpuint (g_list_model_get_n_items (pst_sync_get_tickets (f->sync)), ==, 0);
  g_assert_cmpuint (socket_clients (f), ==, 0);

  pst_sync_request_async (f->sync, "GET", "/public/kb/search?q=inflasi&office=" OFFICE, NULL, NULL,
                          async_result_cb, &result);
  WAIT_FOR (result != NULL);
  node = pst_sync_request_finish (f->sync, result, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_true (json_object_has_member (json_node_get_object (node), "items"));

  pst_sync_logout (f->sync);
  g_assert_false (pst_sync_is_logged_in (f->sync));
}

static void
test_session_revoked (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *admin = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autoptr(PstTestResponse) response = NULL;
  const PstOfficer *officer;
  guint ended = 0;

  login_online (f, "petugas2." OFFICE);
  g_signal_connect (f->sync, "session-ended", G_CALLBACK (session_ended_cb), &ended);
  officer = pst_sync_get_officer (f->sync);

  admin = pst_test_login (f->server, "admin", DEMO_PASSWORD);
  path = g_strconcat ("/api/v1/officers/", officer->id, NULL);
  body = g_strdup_printf ("{\"username\":\"%s\",\"name\":\"%s\",\"role\":\"officer\","
                          "\"office\":\"" OFFICE "\",\"password\":\"new-password-1\"}",
                          officer->username, officer->name);
  response = pst_test_request (f->server, "PUT", path, admin, body);
  pst_test_assert_status (response, 200);

  WAIT_FOR (ended == 1);
  g_assert_cmpint (pst_sync_get_state (f->sync), ==, PST_CONNECTION_OFFLINE);
}

/* The server refuses a queued action: dropped, rolled back, told. */
typedef struct
{
  guint          count;
  PstTicketItem *item;
  char          *message;
} Failure;

static void
action_failed_cb (PstSync       *sync,
                  PstTicketItem *item,
                  const char    *message,
                  Failure       *failure)
{
  failure->count++;
  failure->item = item;
  g_free (failure->message);
  failure->message = g_strdup (message);
}

static void
test_rejected (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonObject) body = finish_body ("");
  Failure failure = { 0 };
  PstTicketItem *item;
  PstTicketItem *done;

  login_online (f, "petugas1." OFFICE);
  g_signal_connect (f->sync, "action-failed", G_CALLBACK (action_failed_cb), &failure);
  item = find_item (f->sync, "K-007");

  /* No outcome: the server says what is missing. */
  pst_sync_ticket_action (f->sync, item, PST_TICKET_ACTION_FINISH, body);
  g_assert_cmpint (pst_ticket_item_get_status (item), ==, PST_TICKET_STATUS_DONE);
  g_assert_true (pst_ticket_item_get_pending (item));

  WAIT_FOR (failure.count == 1);
  g_assert_true (failure.item == item);
  g_assert_nonnull (failure.message);
  g_assert_cmpstr (failure.message, !=, "");
  g_assert_cmpint (pst_ticket_item_get_status (item), ==, PST_TICKET_STATUS_SERVING);
  g_assert_false (pst_ticket_item_get_pending (item));
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 0);
  g_assert_true (find_item (f->sync, "K-007") == item);

  /* What the ticket's status does not allow is refused here, at once. */
  done = find_item (f->sync, "K-001");
  pst_sync_ticket_action (f->sync, done, PST_TICKET_ACTION_START, NULL);
  g_assert_cmpuint (failure.count, ==, 2);
  g_assert_true (failure.item == done);
  g_assert_cmpstr (failure.message, ==, "This ticket is already finished");
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 0);

  g_signal_handlers_disconnect_by_data (f->sync, &failure);
  g_free (failure.message);
}

/* At the office's midnight the day's tickets drop out. */
static void
test_day_change (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *model = pst_sync_get_tickets (f->sync);

  login_online (f, "petugas1." OFFICE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 17);

  pst_clock_advance (f->clock, PST_USEC_PER_DAY);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  run_for (300);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  pst_clock_advance (f->clock, -PST_USEC_PER_DAY);
  WAIT_FOR (g_list_model_get_n_items (model) == 17);
}

int
main (int   argc,
      char *argv[])
{
  /* English (no Accept-Language) unless a test says otherwise; the
   * servers started here must not inherit a LANGUAGE either.
   */
  setlocale (LC_ALL, "");
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/sync/cache/tickets", test_cache_tickets);
  g_test_add_func ("/app/sync/cache/outbox", test_cache_outbox);

#define ADD(path, func) \
  g_test_add ("/app/sync/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("login/wrong-password", test_login_wrong_password);
  ADD ("login/indonesian", test_login_indonesian);
  ADD ("login/rate-limited", test_login_rate_limited);
  ADD ("login/unreachable", test_login_unreachable);
  ADD ("login/tls", test_login_tls);
  ADD ("login/success", test_login_success);
  ADD ("events/live", test_live_event);
  ADD ("events/catch-up", test_catch_up);
  ADD ("events/resync", test_resync);
  ADD ("outbox/round-trip", test_outbox_round_trip);
  ADD ("outbox/guest-book", test_guest_book);
  ADD ("outbox/offline-and-back", test_offline_and_back);
  ADD ("outbox/per-officer", test_outbox_per_officer);
  ADD ("outbox/rejected", test_rejected);
  ADD ("call-next", test_call_next);
  ADD ("session/ended", test_session_ended);
  ADD ("session/revoked", test_session_revoked);
  ADD ("request", test_request);
  ADD ("kiosk-session", test_kiosk_session);
  ADD ("day-change", test_day_change);

#undef ADD

  return g_test_run ();
}
