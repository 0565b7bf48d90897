/* pst-cache.c: pst-desk's local cache and outbox, on a worker thread.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-cache.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

/* A PstCache is one sqlite connection (a PstStore with the cache schema)
 * owned by one worker thread, which opens it and runs every query; the
 * main loop never touches the file. Each call queues a job and returns at
 * once; jobs run one after the other in the order they were queued, and
 * each one's result comes back to the calling thread's main context as a
 * GTask. So a write queued before a read is seen by it, and an outbox row
 * queued before the model changes is on disk before anything reads it
 * back.
 *
 * pst_cache_close() (also run when the object goes) queues the end of the
 * worker behind the jobs already queued and waits for it: the writes
 * asked for before are on disk when it returns, which is what an app that
 * quits right after an action needs.
 *
 * The file mirrors what the server sent (each object's JSON plus the
 * columns to sort and filter on) for the office-local day being shown;
 * older days are deleted when a session loads, since the guest books in
 * them are personal data the desk has no more use for. Consultations are
 * kept while they are open, with the messages of their threads; closed
 * ones (and their messages) are deleted when a session loads. Each
 * officer's unread marks (`consultation_reads`) stay across sessions. Outbox rows may
 * hold a guest book's full ID number until sent; the connection sets
 * `secure_delete` so a sent row's bytes are overwritten, not just
 * unlinked.
 */

typedef gpointer (*CacheFunc) (PstStore  *store,
                               gpointer   data,
                               GError   **error);

typedef struct
{
  CacheFunc       func;         /* NULL: the worker ends */
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
  GTask          *task;
  gpointer        result;       /* what func gave, back on the task's thread */
  GError         *error;
} Job;

/* What the worker thread owns; the PstCache only keeps the queue. */
typedef struct
{
  char        *path;
  GAsyncQueue *jobs;
} Worker;

struct _PstCache
{
  GObject parent_instance;

  char        *path;
  GAsyncQueue *jobs;     /* NULL once closed */
  GThread     *thread;
};

typedef struct
{
  char *office;
  char *service_date;
  char *officer;
} LoadData;

typedef struct
{
  char       *server_url;
  PstOffice  *office;
  PstOfficer *officer;
  gint64      now;
} SessionData;

typedef struct
{
  char      *office;
  GPtrArray *consultations;
  GPtrArray *messages;
  gboolean   replace;
  gint64     now;
} ConsultationsData;

typedef struct
{
  char   *officer;
  char   *consultation;
  gint64  read_at;
} ReadData;

typedef struct
{
  char      *office;
  GTimeZone *zone;
  GPtrArray *tickets;
  char      *replace_date;
  gint64     last_seq;
  gint64     now;
} TicketsData;

G_DEFINE_FINAL_TYPE (PstCache, pst_cache, G_TYPE_OBJECT)

/* Helpers. */

/* Clears a string that may hold personal data before freeing it. */
static void
wipe_free (char *str)
{
  if (str == NULL)
    return;

  memset (str, 0, strlen (str));
  g_free (str);
}

/* Job data. */

static void
load_data_free (LoadData *data)
{
  g_free (data->office);
  g_free (data->service_date);
  g_free (data->officer);
  g_free (data);
}

static void
session_data_free (SessionData *data)
{
  g_free (data->server_url);
  g_clear_pointer (&data->office, pst_office_free);
  g_clear_pointer (&data->officer, pst_officer_free);
  g_free (data);
}

static void
tickets_data_free (TicketsData *data)
{
  g_free (data->office);
  g_clear_pointer (&data->zone, g_time_zone_unref);
  g_clear_pointer (&data->tickets, g_ptr_array_unref);
  g_free (data->replace_date);
  g_free (data);
}

static void
consultations_data_free (ConsultationsData *data)
{
  g_free (data->office);
  g_clear_pointer (&data->consultations, g_ptr_array_unref);
  g_clear_pointer (&data->messages, g_ptr_array_unref);
  g_free (data);
}

static void
read_data_free (ReadData *data)
{
  g_free (data->officer);
  g_free (data->consultation);
  g_free (data);
}

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_clear_object (&job->task);
  g_clear_error (&job->error);
  g_free (job);
}

/* The worker. */

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_instant (sqlite3_stmt *stmt,
              int           index,
              gint64        instant)
{
  if (instant != PST_TIME_UNSET)
    sqlite3_bind_int64 (stmt, index, instant);
  else
    sqlite3_bind_null (stmt, index);
}

static PstStore *
open_store (const char  *path,
            GError     **error)
{
  g_autoptr(PstStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  /* The folder holds guest books: for this account only. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PST_STORE_ERROR, PST_STORE_ERROR_CANT_OPEN,
                   "Cannot create the folder %s: %s", dir, g_strerror (saved_errno));
      return NULL;
    }

  store = pst_store_open (path, PST_STORE_SCHEMA_CACHE, error);
  if (store == NULL || !pst_store_exec (store, "PRAGMA secure_delete = ON", error))
    return NULL;

  return g_steal_pointer (&store);
}

/* Back on the thread of the task (the main loop): the task, its data and
 * its source object are only ever touched there, so the last reference
 * to a PstCache never goes on the worker.
 */
static gboolean
job_done_cb (gpointer user_data)
{
  Job *job = user_data;

  if (job->error != NULL)
    {
      if (job->result != NULL && job->result_free != NULL)
        job->result_free (g_steal_pointer (&job->result));
      g_task_return_error (job->task, g_steal_pointer (&job->error));
    }
  else
    g_task_return_pointer (job->task, g_steal_pointer (&job->result), job->result_free);
  job_free (job);

  return G_SOURCE_REMOVE;
}

/* Runs @job (taken) and hands it back to the task's main context. */
static void
run_job (PstStore     *store,
         const GError *open_error,
         Job          *job)
{
  GSource *source;

  if (store == NULL)
    job->error = g_error_copy (open_error);
  else
    job->result = job->func (store, job->data, &job->error);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, job_done_cb, job, NULL);
  g_source_set_static_name (source, "[pst-cache] job done");
  g_source_attach (source, g_task_get_context (job->task));
  g_source_unref (source);
}

static gpointer
worker_main (gpointer user_data)
{
  Worker *worker = user_data;
  g_autoptr(PstStore) store = NULL;
  g_autoptr(GError) open_error = NULL;

  store = open_store (worker->path, &open_error);

  for (;;)
    {
      Job *job = g_async_queue_pop (worker->jobs);

      if (job->func == NULL)
        {
          job_free (job);
          break;
        }
      run_job (store, open_error, job);
    }

  g_clear_object (&store);
  g_async_queue_unref (worker->jobs);
  g_free (worker->path);
  g_free (worker);

  return NULL;
}

static void
submit (PstCache            *self,
        gpointer             source_tag,
        CacheFunc            func,
        gpointer             data,
        GDestroyNotify       data_free,
        GDestroyNotify       result_free,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Job *job;

  g_task_set_source_tag (task, source_tag);

  if (self->jobs == NULL)
    {
      if (data_free != NULL && data != NULL)
        data_free (data);
      g_task_return_new_error (task, PST_STORE_ERROR, PST_STORE_ERROR_FAILED,
                               "The cache %s is closed", self->path);
      return;
    }

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->task = g_steal_pointer (&task);
  g_async_queue_push (self->jobs, job);
}

/* Jobs, run on the worker. */

static gpointer
open_func (PstStore  *store,
           gpointer   data,
           GError   **error)
{
  return GINT_TO_POINTER (TRUE);
}

static gboolean
read_outbox (PstStore    *store,
             const char  *officer,
             GPtrArray   *out,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *prefix = g_strconcat (officer, "/", NULL);

  stmt = pst_store_prepare (store,
                            "SELECT id, idempotency_key, method, path, body, subject, created_at,"
                            " attempts, next_attempt_at, last_error FROM outbox"
                            " WHERE state = 'pending' ORDER BY id",
                            error);
  if (stmt == NULL)
    return FALSE;

  while (pst_store_step_row (store, stmt, &local_error))
    {
      const char *key = pst_store_column_text (stmt, 1);
      PstOutboxEntry *entry;

      /* Another officer's actions wait for that officer's session. */
      if (key == NULL || !g_str_has_prefix (key, prefix))
        continue;

      entry = g_new0 (PstOutboxEntry, 1);
      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->idempotency_key = g_strdup (key);
      entry->officer = g_strdup (officer);
      entry->method = g_strdup (pst_store_column_text (stmt, 2));
      entry->path = g_strdup (pst_store_column_text (stmt, 3));
      entry->body = g_strdup (pst_store_column_text (stmt, 4));
      entry->subject = g_strdup (pst_store_column_text (stmt, 5));
      entry->created_at = sqlite3_column_int64 (stmt, 6);
      entry->attempts = sqlite3_column_int (stmt, 7);
      entry->next_attempt_at = sqlite3_column_type (stmt, 8) == SQLITE_NULL
                                 ? PST_TIME_UNSET : sqlite3_column_int64 (stmt, 8);
      entry->last_error = g_strdup (pst_store_column_text (stmt, 9));
      g_ptr_array_add (out, entry);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static PstMessage *
message_from_text (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  PstMessage *message = NULL;

  node = pst_json_parse_object (json, -1, &error);
  if (node != NULL)
    message = pst_message_from_json (node, &error);
  if (message == NULL)
    g_debug ("Skipping a cached message: %s", error->message);

  return message;
}

/* An instant column, or PST_TIME_UNSET for NULL. */
static gint64
column_instant (sqlite3_stmt *stmt,
                int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? PST_TIME_UNSET
                                                           : sqlite3_column_int64 (stmt, column);
}

/* What the cache knows of the thread of consultation @id. */
static PstCacheThread *
read_thread (PstStore    *store,
             const char  *id,
             const char  *officer,
             GError     **error)
{
  g_autoptr(PstCacheThread) thread = g_new0 (PstCacheThread, 1);
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) last = NULL;
  g_auto(PstStoreStatement) requester = NULL;
  g_auto(PstStoreStatement) officer_stmt = NULL;
  g_auto(PstStoreStatement) read = NULL;

  thread->consultation = g_strdup (id);
  thread->last_requester_at = PST_TIME_UNSET;
  thread->last_officer_at = PST_TIME_UNSET;
  thread->read_at = PST_TIME_UNSET;

  last = pst_store_prepare (store,
                            "SELECT json FROM messages WHERE consultation = ?1"
                            " ORDER BY at DESC, rowid DESC LIMIT 1",
                            error);
  requester = pst_store_prepare (store,
                                 "SELECT max (at) FROM messages WHERE consultation = ?1"
                                 " AND json_extract (json, '$.author') = 'requester'",
                                 error);
  officer_stmt = pst_store_prepare (store,
                                    "SELECT max (at) FROM messages WHERE consultation = ?1"
                                    " AND json_extract (json, '$.author') = 'officer'",
                                    error);
  read = pst_store_prepare (store,
                            "SELECT read_at FROM consultation_reads"
                            " WHERE officer = ?1 AND consultation = ?2",
                            error);
  if (last == NULL || requester == NULL || officer_stmt == NULL || read == NULL)
    return NULL;

  bind_text (last, 1, id);
  if (pst_store_step_row (store, last, &local_error))
    thread->last_message = message_from_text (pst_store_column_text (last, 0));

  bind_text (requester, 1, id);
  if (local_error == NULL && pst_store_step_row (store, requester, &local_error))
    thread->last_requester_at = column_instant (requester, 0);

  bind_text (officer_stmt, 1, id);
  if (local_error == NULL && pst_store_step_row (store, officer_stmt, &local_error))
    thread->last_officer_at = column_instant (officer_stmt, 0);

  bind_text (read, 1, officer != NULL ? officer : "");
  bind_text (read, 2, id);
  if (local_error == NULL && pst_store_step_row (store, read, &local_error))
    thread->read_at = column_instant (read, 0);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&thread);
}

/* The consultations of @office that are not closed, after deleting the
 * closed ones and those of another office, with their threads.
 */
static gboolean
read_consultations (PstStore          *store,
                    const char        *office,
                    const char        *officer,
                    PstCacheSnapshot  *snapshot,
                    GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) prune = NULL;
  g_auto(PstStoreStatement) stmt = NULL;

  prune = pst_store_prepare (store,
                             "DELETE FROM consultations WHERE status = 'closed' OR office <> ?1",
                             error);
  if (prune == NULL)
    return FALSE;
  bind_text (prune, 1, office);
  if (!pst_store_step_done (store, prune, error) ||
      !pst_store_exec (store,
                       "DELETE FROM messages WHERE consultation NOT IN"
                       " (SELECT id FROM consultations)",
                       error))
    return FALSE;

  stmt = pst_store_prepare (store,
                            "SELECT id, json FROM consultations WHERE office = ?1"
                            " ORDER BY due_at, id",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, office);
  while (pst_store_step_row (store, stmt, &local_error))
    {
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(JsonNode) node = NULL;
      PstConsultation *consultation = NULL;
      PstCacheThread *thread;

      node = pst_json_parse_object (pst_store_column_text (stmt, 1), -1, &parse_error);
      if (node != NULL)
        consultation = pst_consultation_from_json (node, &parse_error);
      if (consultation == NULL || consultation->id == NULL)
        {
          /* A row an older or newer desk wrote: the server sends it again. */
          g_debug ("Skipping cached consultation %s: %s", pst_store_column_text (stmt, 0),
                   parse_error != NULL ? parse_error->message : "no id");
          g_clear_pointer (&consultation, pst_consultation_free);
          continue;
        }
      g_clear_pointer (&consultation->messages, g_ptr_array_unref);

      thread = read_thread (store, consultation->id, officer, error);
      if (thread == NULL)
        {
          pst_consultation_free (consultation);
          return FALSE;
        }
      g_ptr_array_add (snapshot->consultations, consultation);
      g_ptr_array_add (snapshot->threads, thread);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static gpointer
load_func (PstStore  *store,
           gpointer   user_data,
           GError   **error)
{
  LoadData *data = user_data;
  g_autoptr(PstCacheSnapshot) snapshot = pst_cache_snapshot_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) prune = NULL;
  g_auto(PstStoreStatement) state = NULL;
  g_auto(PstStoreStatement) tickets = NULL;

  /* Days gone by: the server has them, and their guest books are not needed here. */
  prune = pst_store_prepare (store,
                             "DELETE FROM tickets WHERE office <> ?1 OR service_date <> ?2",
                             error);
  if (prune == NULL)
    return NULL;
  bind_text (prune, 1, data->office);
  bind_text (prune, 2, data->service_date);
  if (!pst_store_step_done (store, prune, error))
    return NULL;

  state = pst_store_prepare (store, "SELECT last_seq FROM sync_state WHERE id = 1", error);
  if (state == NULL)
    return NULL;
  if (pst_store_step_row (store, state, &local_error))
    snapshot->last_seq = sqlite3_column_int64 (state, 0);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  tickets = pst_store_prepare (store,
                               "SELECT id, json FROM tickets WHERE office = ?1 AND service_date = ?2"
                               " ORDER BY issued_at, number, id",
                               error);
  if (tickets == NULL)
    return NULL;
  bind_text (tickets, 1, data->office);
  bind_text (tickets, 2, data->service_date);
  while (pst_store_step_row (store, tickets, &local_error))
    {
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(JsonNode) node = NULL;
      PstTicket *ticket = NULL;

      node = pst_json_parse_object (pst_store_column_text (tickets, 1), -1, &parse_error);
      if (node != NULL)
        ticket = pst_ticket_from_json (node, &parse_error);
      if (ticket == NULL)
        {
          /* A row an older or newer desk wrote: the server sends it again. */
          g_debug ("Skipping cached ticket %s: %s", pst_store_column_text (tickets, 0),
                   parse_error->message);
          continue;
        }
      g_ptr_array_add (snapshot->tickets, ticket);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!read_consultations (store, data->office, data->officer, snapshot, error))
    return NULL;

  if (data->officer != NULL && !read_outbox (store, data->officer, snapshot->outbox, error))
    return NULL;

  return g_steal_pointer (&snapshot);
}

static gboolean
save_session_txn (PstStore  *store,
                  gpointer   user_data,
                  GError   **error)
{
  SessionData *data = user_data;
  g_auto(PstStoreStatement) state = NULL;
  g_auto(PstStoreStatement) office = NULL;
  g_auto(PstStoreStatement) officer = NULL;
  g_autoptr(JsonNode) office_node = pst_office_to_json (data->office);
  g_autoptr(JsonNode) officer_node = pst_officer_to_json (data->officer);
  g_autofree char *office_json = pst_json_to_string (office_node);
  g_autofree char *officer_json = pst_json_to_string (officer_node);

  state = pst_store_prepare (store,
                             "UPDATE sync_state SET server_url = ?1, office = ?2 WHERE id = 1",
                             error);
  if (state == NULL)
    return FALSE;
  bind_text (state, 1, data->server_url);
  bind_text (state, 2, data->office->code);
  if (!pst_store_step_done (store, state, error))
    return FALSE;

  office = pst_store_prepare (store,
                              "INSERT INTO offices (code, name, timezone, json, synced_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)"
                              " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
                              " timezone = excluded.timezone, json = excluded.json,"
                              " synced_at = excluded.synced_at",
                              error);
  if (office == NULL)
    return FALSE;
  bind_text (office, 1, data->office->code);
  bind_text (office, 2, data->office->name);
  bind_text (office, 3, data->office->timezone);
  bind_text (office, 4, office_json);
  sqlite3_bind_int64 (office, 5, data->now);
  if (!pst_store_step_done (store, office, error))
    return FALSE;

  officer = pst_store_prepare (store,
                               "INSERT INTO officers (id, username, name, role, office, presence,"
                               " json, synced_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                               " ON CONFLICT (id) DO UPDATE SET username = excluded.username,"
                               " name = excluded.name, role = excluded.role,"
                               " office = excluded.office, presence = excluded.presence,"
                               " json = excluded.json, synced_at = excluded.synced_at",
                               error);
  if (officer == NULL)
    return FALSE;
  bind_text (officer, 1, data->officer->id);
  bind_text (officer, 2, data->officer->username);
  bind_text (officer, 3, data->officer->name);
  bind_text (officer, 4, pst_role_to_string (data->officer->role));
  bind_text (officer, 5, data->officer->office);
  bind_text (officer, 6, pst_presence_to_string (data->officer->presence));
  bind_text (officer, 7, officer_json);
  sqlite3_bind_int64 (officer, 8, data->now);

  return pst_store_step_done (store, officer, error);
}

static gpointer
save_session_func (PstStore  *store,
                   gpointer   data,
                   GError   **error)
{
  if (!pst_store_transaction (store, save_session_txn, data, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

/* The office-local date of @instant, "YYYY-MM-DD". */
static char *
local_date (GTimeZone *zone,
            gint64     instant)
{
  g_autoptr(GDateTime) dt = pst_time_to_date_time (instant, zone);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : NULL;
}

static gboolean
store_tickets_txn (PstStore  *store,
                   gpointer   user_data,
                   GError   **error)
{
  TicketsData *data = user_data;

  if (data->replace_date != NULL)
    {
      g_auto(PstStoreStatement) clear = NULL;

      clear = pst_store_prepare (store,
                                 "DELETE FROM tickets WHERE office = ?1 AND service_date <= ?2",
                                 error);
      if (clear == NULL)
        return FALSE;
      bind_text (clear, 1, data->office);
      bind_text (clear, 2, data->replace_date);
      if (!pst_store_step_done (store, clear, error))
        return FALSE;
    }

  for (guint i = 0; data->tickets != NULL && i < data->tickets->len; i++)
    {
      const PstTicket *ticket = g_ptr_array_index (data->tickets, i);
      g_auto(PstStoreStatement) stmt = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *json = NULL;
      g_autofree char *service_date = NULL;

      if (ticket->id == NULL || ticket->number == NULL || ticket->issued_at == PST_TIME_UNSET)
        continue;

      service_date = local_date (data->zone, ticket->issued_at);
      node = pst_ticket_to_json (ticket);
      json = pst_json_to_string (node);

      stmt = pst_store_prepare (store,
                                "INSERT INTO tickets (id, office, service, service_date, number,"
                                " status, desk, officer, issued_at, wait_due, json, synced_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                                " ON CONFLICT (id) DO UPDATE SET office = excluded.office,"
                                " service = excluded.service, service_date = excluded.service_date,"
                                " number = excluded.number, status = excluded.status,"
                                " desk = excluded.desk, officer = excluded.officer,"
                                " issued_at = excluded.issued_at, wait_due = excluded.wait_due,"
                                " json = excluded.json, synced_at = excluded.synced_at",
                                error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, ticket->id);
      bind_text (stmt, 2, ticket->office != NULL ? ticket->office : data->office);
      bind_text (stmt, 3, pst_service_to_string (ticket->service));
      bind_text (stmt, 4, service_date);
      bind_text (stmt, 5, ticket->number);
      bind_text (stmt, 6, pst_ticket_status_to_string (ticket->status));
      bind_text (stmt, 7, ticket->desk);
      bind_text (stmt, 8, ticket->officer);
      sqlite3_bind_int64 (stmt, 9, ticket->issued_at);
      bind_instant (stmt, 10, ticket->wait_due);
      bind_text (stmt, 11, json);
      sqlite3_bind_int64 (stmt, 12, data->now);
      if (!pst_store_step_done (store, stmt, error))
        return FALSE;
    }

  if (data->last_seq >= 0)
    {
      g_auto(PstStoreStatement) state = NULL;

      state = pst_store_prepare (store,
                                 "UPDATE sync_state SET last_seq = ?1, synced_at = ?2 WHERE id = 1",
                                 error);
      if (state == NULL)
        return FALSE;
      sqlite3_bind_int64 (state, 1, data->last_seq);
      sqlite3_bind_int64 (state, 2, data->now);
      if (!pst_store_step_done (store, state, error))
        return FALSE;
    }

  return TRUE;
}

static gpointer
store_tickets_func (PstStore  *store,
                    gpointer   data,
                    GError   **error)
{
  if (!pst_store_transaction (store, store_tickets_txn, data, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gboolean
store_message (PstStore          *store,
               const PstMessage  *message,
               const char        *consultation,
               gint64             now,
               GError           **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  if (message->id == NULL || message->at == PST_TIME_UNSET)
    return TRUE;

  node = pst_message_to_json (message);
  json = pst_json_to_string (node);
  stmt = pst_store_prepare (store,
                            "INSERT INTO messages (id, consultation, at, json, synced_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)"
                            " ON CONFLICT (id) DO UPDATE SET consultation = excluded.consultation,"
                            " at = excluded.at, json = excluded.json,"
                            " synced_at = excluded.synced_at",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, message->id);
  bind_text (stmt, 2, message->consultation != NULL ? message->consultation : consultation);
  sqlite3_bind_int64 (stmt, 3, message->at);
  bind_text (stmt, 4, json);
  sqlite3_bind_int64 (stmt, 5, now);

  return pst_store_step_done (store, stmt, error);
}

/* Writes @consultation; with its messages (the whole thread) when it has
 * them, in place of those cached.
 */
static gboolean
store_consultation (PstStore               *store,
                    const PstConsultation  *consultation,
                    const char             *office,
                    gint64                  now,
                    GError                **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_autoptr(PstConsultation) bare = pst_consultation_copy (consultation);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  gint64 due_at = PST_TIME_UNSET;

  g_clear_pointer (&bare->messages, g_ptr_array_unref);
  node = pst_consultation_to_json (bare);
  json = pst_json_to_string (node);

  /* The deadline the badge counts down to. */
  if (consultation->sla != NULL)
    due_at = consultation->status == PST_CONSULTATION_STATUS_AWAITING_REQUESTER &&
             consultation->sla->idle_close_at != PST_TIME_UNSET
               ? consultation->sla->idle_close_at : consultation->sla->first_response_due;

  stmt = pst_store_prepare (store,
                            "INSERT INTO consultations (id, office, channel, status, assignee,"
                            " sla_state, due_at, created_at, last_message_at, json, synced_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                            " ON CONFLICT (id) DO UPDATE SET office = excluded.office,"
                            " channel = excluded.channel, status = excluded.status,"
                            " assignee = excluded.assignee, sla_state = excluded.sla_state,"
                            " due_at = excluded.due_at, created_at = excluded.created_at,"
                            " last_message_at = excluded.last_message_at, json = excluded.json,"
                            " synced_at = excluded.synced_at",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, consultation->id);
  bind_text (stmt, 2, consultation->office != NULL ? consultation->office : office);
  bind_text (stmt, 3, pst_channel_to_string (consultation->channel));
  bind_text (stmt, 4, pst_consultation_status_to_string (consultation->status));
  bind_text (stmt, 5, consultation->assignee);
  bind_text (stmt, 6, consultation->sla != NULL ? pst_badge_state_to_string (consultation->sla->state)
                                                : NULL);
  bind_instant (stmt, 7, due_at);
  sqlite3_bind_int64 (stmt, 8, consultation->created_at != PST_TIME_UNSET ? consultation->created_at
                                                                          : 0);
  bind_instant (stmt, 9, consultation->last_message_at);
  bind_text (stmt, 10, json);
  sqlite3_bind_int64 (stmt, 11, now);
  if (!pst_store_step_done (store, stmt, error))
    return FALSE;

  if (consultation->messages != NULL)
    {
      g_auto(PstStoreStatement) clear = NULL;

      clear = pst_store_prepare (store, "DELETE FROM messages WHERE consultation = ?1", error);
      if (clear == NULL)
        return FALSE;
      bind_text (clear, 1, consultation->id);
      if (!pst_store_step_done (store, clear, error))
        return FALSE;

      for (guint i = 0; i < consultation->messages->len; i++)
        {
          if (!store_message (store, g_ptr_array_index (consultation->messages, i),
                              consultation->id, now, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Deletes the consultations of @office not in @data's list, with their
 * messages.
 */
static gboolean
replace_consultations (PstStore           *store,
                       ConsultationsData  *data,
                       GError            **error)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;

  for (guint i = 0; i < data->consultations->len; i++)
    {
      const PstConsultation *consultation = g_ptr_array_index (data->consultations, i);

      if (consultation->id != NULL)
        g_hash_table_add (keep, consultation->id);
    }

  stmt = pst_store_prepare (store, "SELECT id FROM consultations WHERE office = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, data->office);
  while (pst_store_step_row (store, stmt, &local_error))
    {
      const char *id = pst_store_column_text (stmt, 0);

      if (id != NULL && !g_hash_table_contains (keep, id))
        g_ptr_array_add (gone, g_strdup (id));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < gone->len; i++)
    {
      g_auto(PstStoreStatement) consultation = NULL;
      g_auto(PstStoreStatement) messages = NULL;

      consultation = pst_store_prepare (store, "DELETE FROM consultations WHERE id = ?1", error);
      messages = pst_store_prepare (store, "DELETE FROM messages WHERE consultation = ?1", error);
      if (consultation == NULL || messages == NULL)
        return FALSE;
      bind_text (consultation, 1, g_ptr_array_index (gone, i));
      bind_text (messages, 1, g_ptr_array_index (gone, i));
      if (!pst_store_step_done (store, consultation, error) ||
          !pst_store_step_done (store, messages, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
store_consultations_txn (PstStore  *store,
                         gpointer   user_data,
                         GError   **error)
{
  ConsultationsData *data = user_data;

  if (data->replace && !replace_consultations (store, data, error))
    return FALSE;

  for (guint i = 0; i < data->consultations->len; i++)
    {
      const PstConsultation *consultation = g_ptr_array_index (data->consultations, i);

      if (consultation->id != NULL &&
          !store_consultation (store, consultation, data->office, data->now, error))
        return FALSE;
    }

  for (guint i = 0; i < data->messages->len; i++)
    {
      if (!store_message (store, g_ptr_array_index (data->messages, i), NULL, data->now, error))
        return FALSE;
    }

  return TRUE;
}

static gpointer
store_consultations_func (PstStore  *store,
                          gpointer   data,
                          GError   **error)
{
  if (!pst_store_transaction (store, store_consultations_txn, data, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gpointer
mark_read_func (PstStore  *store,
                gpointer   user_data,
                GError   **error)
{
  ReadData *data = user_data;
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store,
                            "INSERT INTO consultation_reads (officer, consultation, read_at)"
                            " VALUES (?1, ?2, ?3) ON CONFLICT (officer, consultation)"
                            " DO UPDATE SET read_at = max (read_at, excluded.read_at)",
                            error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, data->officer);
  bind_text (stmt, 2, data->consultation);
  sqlite3_bind_int64 (stmt, 3, data->read_at);
  if (!pst_store_step_done (store, stmt, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gpointer
load_messages_func (PstStore  *store,
                    gpointer   data,
                    GError   **error)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_message_free);
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store,
                            "SELECT json FROM messages WHERE consultation = ?1 ORDER BY at, rowid",
                            error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, data);
  while (pst_store_step_row (store, stmt, &local_error))
    {
      PstMessage *message = message_from_text (pst_store_column_text (stmt, 0));

      if (message != NULL)
        g_ptr_array_add (messages, message);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&messages);
}

static gpointer
outbox_add_func (PstStore  *store,
                 gpointer   data,
                 GError   **error)
{
  const PstOutboxEntry *entry = data;
  g_auto(PstStoreStatement) stmt = NULL;
  gint64 *id;

  stmt = pst_store_prepare (store,
                            "INSERT INTO outbox (idempotency_key, method, path, body, subject,"
                            " created_at, attempts, next_attempt_at, last_error, state)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'pending') RETURNING id",
                            error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, entry->idempotency_key);
  bind_text (stmt, 2, entry->method);
  bind_text (stmt, 3, entry->path);
  bind_text (stmt, 4, entry->body);
  bind_text (stmt, 5, entry->subject);
  sqlite3_bind_int64 (stmt, 6, entry->created_at);
  sqlite3_bind_int (stmt, 7, entry->attempts);
  bind_instant (stmt, 8, entry->next_attempt_at);
  bind_text (stmt, 9, entry->last_error);
  if (!pst_store_step_one (store, stmt, error))
    return NULL;

  id = g_new (gint64, 1);
  *id = sqlite3_column_int64 (stmt, 0);
  return id;
}

static gpointer
outbox_update_func (PstStore  *store,
                    gpointer   data,
                    GError   **error)
{
  const PstOutboxEntry *entry = data;
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store,
                            "UPDATE outbox SET path = ?2, body = ?3, subject = ?4, attempts = ?5,"
                            " next_attempt_at = ?6, last_error = ?7 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, entry->id);
  bind_text (stmt, 2, entry->path);
  bind_text (stmt, 3, entry->body);
  bind_text (stmt, 4, entry->subject);
  sqlite3_bind_int (stmt, 5, entry->attempts);
  bind_instant (stmt, 6, entry->next_attempt_at);
  bind_text (stmt, 7, entry->last_error);
  if (!pst_store_step_done (store, stmt, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gpointer
outbox_remove_func (PstStore  *store,
                    gpointer   data,
                    GError   **error)
{
  const gint64 *id = data;
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store, "DELETE FROM outbox WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, *id);
  if (!pst_store_step_done (store, stmt, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

/* The object. */

static void
pst_cache_finalize (GObject *object)
{
  PstCache *self = (PstCache *) object;

  pst_cache_close (self);
  g_free (self->path);

  G_OBJECT_CLASS (pst_cache_parent_class)->finalize (object);
}

static void
pst_cache_class_init (PstCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pst_cache_finalize;
}

static void
pst_cache_init (PstCache *self)
{
}

/* Public. */

/* A new entry with a fresh Idempotency-Key that starts with @officer. */
PstOutboxEntry *
pst_outbox_entry_new (const char *officer,
                      const char *method,
                      const char *path,
                      const char *body,
                      const char *subject,
                      gint64      created_at)
{
  PstOutboxEntry *self;
  g_autofree char *uuid = g_uuid_string_random ();

  g_return_val_if_fail (officer != NULL && *officer != '\0', NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (PstOutboxEntry, 1);
  self->idempotency_key = g_strconcat (officer, "/", uuid, NULL);
  self->officer = g_strdup (officer);
  self->method = g_strdup (method);
  self->path = g_strdup (path);
  self->body = g_strdup (body);
  self->subject = g_strdup (subject);
  self->created_at = created_at;
  self->next_attempt_at = PST_TIME_UNSET;

  return self;
}

PstOutboxEntry *
pst_outbox_entry_copy (const PstOutboxEntry *self)
{
  PstOutboxEntry *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (PstOutboxEntry, 1);
  copy->id = self->id;
  copy->idempotency_key = g_strdup (self->idempotency_key);
  copy->officer = g_strdup (self->officer);
  copy->method = g_strdup (self->method);
  copy->path = g_strdup (self->path);
  copy->body = g_strdup (self->body);
  copy->subject = g_strdup (self->subject);
  copy->created_at = self->created_at;
  copy->attempts = self->attempts;
  copy->next_attempt_at = self->next_attempt_at;
  copy->last_error = g_strdup (self->last_error);

  return copy;
}

void
pst_outbox_entry_free (PstOutboxEntry *self)
{
  if (self == NULL)
    return;

  g_free (self->idempotency_key);
  g_free (self->officer);
  g_free (self->method);
  g_free (self->path);
  wipe_free (self->body);
  g_free (self->subject);
  g_free (self->last_error);
  g_free (self);
}

PstCacheSnapshot *
pst_cache_snapshot_new (void)
{
  PstCacheSnapshot *self = g_new0 (PstCacheSnapshot, 1);

  self->tickets = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_ticket_free);
  self->outbox = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_outbox_entry_free);
  self->consultations = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_consultation_free);
  self->threads = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_cache_thread_free);

  return self;
}

void
pst_cache_snapshot_free (PstCacheSnapshot *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->tickets, g_ptr_array_unref);
  g_clear_pointer (&self->outbox, g_ptr_array_unref);
  g_clear_pointer (&self->consultations, g_ptr_array_unref);
  g_clear_pointer (&self->threads, g_ptr_array_unref);
  g_free (self);
}

void
pst_cache_thread_free (PstCacheThread *self)
{
  if (self == NULL)
    return;

  g_free (self->consultation);
  g_clear_pointer (&self->last_message, pst_message_free);
  g_free (self);
}

char *
pst_cache_build_path (const char *cache_dir,
                      const char *server_url,
                      const char *office)
{
  g_autofree char *hash = NULL;
  g_autofree char *file = NULL;
  GString *name;

  g_return_val_if_fail (cache_dir != NULL, NULL);
  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (office != NULL && *office != '\0', NULL);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, server_url, -1);

  /* Office codes are digits; anything else is escaped so the name stays one file. */
  name = g_string_new (NULL);
  for (const char *p = office; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
        g_string_append_c (name, *p);
      else
        g_string_append_printf (name, "%%%02X", (guint) (guchar) *p);
    }
  g_string_append (name, ".db");
  file = g_string_free (name, FALSE);

  return g_build_filename (cache_dir, hash, file, NULL);
}

/* Starts the worker, which creates the folders and opens (creating and
 * migrating as needed) the database at @path.
 */
void
pst_cache_open_async (const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(PstCache) self = NULL;
  Worker *worker;

  g_return_if_fail (path != NULL);

  self = g_object_new (PST_TYPE_CACHE, NULL);
  self->path = g_strdup (path);
  self->jobs = g_async_queue_new ();

  worker = g_new0 (Worker, 1);
  worker->path = g_strdup (path);
  worker->jobs = g_async_queue_ref (self->jobs);
  self->thread = g_thread_new ("pst-cache", worker_main, worker);

  submit (self, pst_cache_open_async, open_func, NULL, NULL, NULL,
          cancellable, callback, user_data);
}

PstCache *
pst_cache_open_finish (GAsyncResult  *result,
                       GError       **error)
{
  GTask *task = G_TASK (result);
  PstCache *self = g_task_get_source_object (task);

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == pst_cache_open_async, NULL);

  if (g_task_propagate_pointer (task, error) == NULL)
    return NULL;

  return g_object_ref (self);
}

const char *
pst_cache_get_path (PstCache *self)
{
  g_return_val_if_fail (PST_IS_CACHE (self), NULL);

  return self->path;
}

/* Ends the worker once the jobs queued so far have run, and waits for it.
 * Their results still come back on the main loop. Later calls fail with
 * PST_STORE_ERROR_FAILED.
 */
void
pst_cache_close (PstCache *self)
{
  Job *quit;

  g_return_if_fail (PST_IS_CACHE (self));

  if (self->thread == NULL)
    return;

  quit = g_new0 (Job, 1);
  g_async_queue_push (self->jobs, quit);
  g_clear_pointer (&self->jobs, g_async_queue_unref);

  g_assert (g_thread_self () != self->thread);
  g_clear_pointer (&self->thread, g_thread_join);
}

/* Reads what a session starts from (see PstCacheSnapshot): @officer's
 * outbox rows (none when NULL) and unread marks, the tickets of @office on
 * @service_date, after deleting those of any other day, and the office's
 * consultations that are not closed, after deleting the closed ones.
 */
void
pst_cache_load_async (PstCache            *self,
                      const char          *office,
                      const char          *service_date,
                      const char          *officer,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  LoadData *data;

  g_return_if_fail (PST_IS_CACHE (self));
  g_return_if_fail (office != NULL);
  g_return_if_fail (service_date != NULL);

  data = g_new0 (LoadData, 1);
  data->office = g_strdup (office);
  data->service_date = g_strdup (service_date);
  data->officer = g_strdup (officer);

  submit (self, pst_cache_load_async, load_func, data, (GDestroyNotify) load_data_free,
          (GDestroyNotify) pst_cache_snapshot_free, cancellable, callback, user_data);
}

PstCacheSnapshot *
pst_cache_load_finish (PstCache      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pst_cache_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Records which server and office the file mirrors, and the office and
 * officer as the server described them.
 */
void
pst_cache_save_session_async (PstCache            *self,
                              const char          *server_url,
                              const PstOffice     *office,
                              const PstOfficer    *officer,
                              gint64               now,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  SessionData *data;

  g_return_if_fail (PST_IS_CACHE (self));
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (office != NULL);
  g_return_if_fail (officer != NULL);

  data = g_new0 (SessionData, 1);
  data->server_url = g_strdup (server_url);
  data->office = pst_office_copy (office);
  data->officer = pst_officer_copy (officer);
  data->now = now;

  submit (self, pst_cache_save_session_async, save_session_func, data,
          (GDestroyNotify) session_data_free, NULL, cancellable, callback, user_data);
}

/* Writes @tickets (PstTicket, may be NULL) of @office in one transaction:
 * after deleting every cached ticket of @replace_date and the days before
 * it first when it is not NULL (a fresh list of that day), and setting the
 * event log position to @last_seq when it is 0 or more. Service dates are
 * the local dates in @zone of the tickets' issue.
 */
void
pst_cache_store_tickets_async (PstCache            *self,
                               const char          *office,
                               GTimeZone           *zone,
                               GPtrArray           *tickets,
                               const char          *replace_date,
                               gint64               last_seq,
                               gint64               now,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  TicketsData *data;

  g_return_if_fail (PST_IS_CACHE (self));
  g_return_if_fail (office != NULL);
  g_return_if_fail (zone != NULL);

  data = g_new0 (TicketsData, 1);
  data->office = g_strdup (office);
  data->zone = g_time_zone_ref (zone);
  data->tickets = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_ticket_free);
  for (guint i = 0; tickets != NULL && i < tickets->len; i++)
    g_ptr_array_add (data->tickets, pst_ticket_copy (g_ptr_array_index (tickets, i)));
  data->replace_date = g_strdup (replace_date);
  data->last_seq = last_seq;
  data->now = now;

  submit (self, pst_cache_store_tickets_async, store_tickets_func, data,
          (GDestroyNotify) tickets_data_free, NULL, cancellable, callback, user_data);
}

/* Writes a new outbox row; pst_cache_outbox_add_finish() gives its id. */
void
pst_cache_outbox_add_async (PstCache             *self,
                            const PstOutboxEntry *entry,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_return_if_fail (PST_IS_CACHE (self));
  g_return_if_fail (entry != NULL);
  g_return_if_fail (entry->idempotency_key != NULL);

  submit (self, pst_cache_outbox_add_async, outbox_add_func, pst_outbox_entry_copy (entry),
          (GDestroyNotify) pst_outbox_entry_free, g_free, cancellable, callback, user_data);
}

gint64
pst_cache_outbox_add_finish (PstCache      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pst_cache_outbox_add_async, 0);

  id = g_task_propagate_pointer (G_TASK (result), error);
  return id != NULL ? *id : 0;
}

/* Writes the path, body, subject and retry fields of the row @entry->id. */
void
pst_cache_outbox_update_async (PstCache             *self,
                               const PstOutboxEntry *entry,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_return_if_fail (PST_IS_CACHE (self));
  g_return_if_fail (entry != NULL);
  g_return_if_fail (entry->id > 0);

  submit (self, pst_cache_outbox_update_async, outbox_update_func, pst_outbox_entry_copy (entry),
          (GDestroyNotify) pst_outbox_entry_free, NULL, cancellable, callback, user_data);
}

void
pst_cache_outbox_remove_async (PstCache            *self,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PST_IS_CACHE (self));
  g_return_if_fail (id > 0);

  submit (self, pst_cache_outbox_remove_async, outbox_remove_func, g_memdup2 (&id, sizeof id),
          g_free, NULL, cancellable, callback, user_data);
}

gboolean
pst_cache_write_finish (PstCache      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

static GPtrArray *
copy_array (GPtrArray      *array,
            GBoxedCopyFunc  copy,
            GDestroyNotify  free_func)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (free_func);

  for (guint i = 0; array != NULL && i < array->len; i++)
    g_ptr_array_add (result, copy (g_ptr_array_index (array, i)));

  return result;
}

/* Writes @consultations (PstConsultation, may be NULL) of @office and
 * @messages (PstMessage, may be NULL) in one transaction. A consultation
 * that has its messages replaces the cached thread with them. With
 * @replace, @consultations is the office's whole list: the others are
 * deleted first.
 */
void
pst_cache_store_consultations_async (PstCache            *self,
                                     const char          *office,
                                     GPtrArray           *consultations,
                                     GPtrArray           *messages,
                                     gboolean             replace,
                                     gint64               now,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  ConsultationsData *data;

  g_return_if_fail (PST_IS_CACHE (self));
  g_return_if_fail (office != NULL);

  data = g_new0 (ConsultationsData, 1);
  data->office = g_strdup (office);
  data->consultations = copy_array (consultations, (GBoxedCopyFunc) pst_consultation_copy,
                                    (GDestroyNotify) pst_consultation_free);
  data->messages = copy_array (messages, (GBoxedCopyFunc) pst_message_copy,
                               (GDestroyNotify) pst_message_free);
  data->replace = replace;
  data->now = now;

  submit (self, pst_cache_store_consultations_async, store_consultations_func, data,
          (GDestroyNotify) consultations_data_free, NULL, cancellable, callback, user_data);
}

/* Records that @officer has read @consultation up to @read_at (a mark
 * never moves back).
 */
void
pst_cache_mark_read_async (PstCache            *self,
                           const char          *officer,
                           const char          *consultation,
                           gint64               read_at,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  ReadData *data;

  g_return_if_fail (PST_IS_CACHE (self));
  g_return_if_fail (officer != NULL);
  g_return_if_fail (consultation != NULL);

  data = g_new0 (ReadData, 1);
  data->officer = g_strdup (officer);
  data->consultation = g_strdup (consultation);
  data->read_at = read_at;

  submit (self, pst_cache_mark_read_async, mark_read_func, data, (GDestroyNotify) read_data_free,
          NULL, cancellable, callback, user_data);
}

/* Reads the cached messages of @consultation, oldest first. */
void
pst_cache_load_messages_async (PstCache            *self,
                               const char          *consultation,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PST_IS_CACHE (self));
  g_return_if_fail (consultation != NULL);

  submit (self, pst_cache_load_messages_async, load_messages_func, g_strdup (consultation), g_free,
          (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/* Returns: (transfer full): the messages (PstMessage), or NULL with @error. */
GPtrArray *
pst_cache_load_messages_finish (PstCache      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pst_cache_load_messages_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
