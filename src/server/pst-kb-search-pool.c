/* pst-kb-search-pool.c: knowledge-base searches off the server's loops.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kb-search-pool.h"
#include "pst-locale.h"

#include <glib/gstdio.h>

/* A search reads the whole index on a large knowledge base (tens of
 * milliseconds for a common word at 100,000 articles, more for a first
 * "did you mean"), too long for a loop that answers every other request.
 * GET /kb/search and GET /public/kb/search pause their request
 * (pst_server_defer()) and hand the search to this pool: a few threads
 * shared by every worker of the process, with connections of their own
 * to the database file, opened when first needed and kept for the next
 * search (each keeps its own cache of the index: pst-kb-search.c). The
 * connections are readers only (pst_kb_search_prepare_reader(): PRAGMA
 * query_only, the file mapped in memory); in WAL mode they do not block
 * the workers' writes nor wait for them.
 *
 * For tests: with PST_KB_SEARCH_TEST_GATE set to a path, every search
 * first creates PATH.held, then waits until PATH exists, so that a test
 * can hold searches on the pool and show that other requests are still
 * answered (tests/server/test-kb.c).
 */

#define GATE_POLL_US   (10 * 1000)
#define GATE_LIMIT_US  (60 * G_USEC_PER_SEC)

typedef struct
{
  GMutex       lock;
  GThreadPool *threads;
  GHashTable  *idle;    /* database path → GPtrArray of PstStore, free to use */
} SearchPool;

static void search_thread_cb (gpointer data,
                              gpointer user_data);

static SearchPool *
search_pool_get (void)
{
  static gsize once = 0;
  static SearchPool pool;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GError) error = NULL;

      g_mutex_init (&pool.lock);
      pool.idle = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
      /* Searches mostly wait for nothing but the CPU: no more at once
       * than there are cores, at least two so one slow search does not
       * hold up the next.
       */
      pool.threads = g_thread_pool_new (search_thread_cb, NULL,
                                        CLAMP (g_get_num_processors (), 2, 4), FALSE, &error);
      if (pool.threads == NULL)
        g_error ("Cannot start the knowledge-base search threads: %s", error->message);
      g_once_init_leave (&once, 1);
    }

  return &pool;
}

/* A connection to @path free for this thread: one kept, or a new one. */
static PstStore *
take_store (SearchPool  *pool,
            const char  *path,
            GError     **error)
{
  g_autoptr(PstStore) store = NULL;
  GPtrArray *stores;

  g_mutex_lock (&pool->lock);
  stores = g_hash_table_lookup (pool->idle, path);
  if (stores != NULL && stores->len > 0)
    store = g_ptr_array_steal_index_fast (stores, stores->len - 1);
  g_mutex_unlock (&pool->lock);

  if (store != NULL)
    return g_steal_pointer (&store);

  store = pst_store_open (path, PST_STORE_SCHEMA_SERVER, error);
  if (store == NULL || !pst_kb_search_prepare_reader (store, error))
    return NULL;

  return g_steal_pointer (&store);
}

static void
give_back_store (SearchPool *pool,
                 const char *path,
                 PstStore   *store)
{
  GPtrArray *stores;

  g_mutex_lock (&pool->lock);
  stores = g_hash_table_lookup (pool->idle, path);
  if (stores == NULL)
    {
      stores = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (pool->idle, g_strdup (path), stores);
    }
  g_ptr_array_add (stores, store);
  g_mutex_unlock (&pool->lock);
}

/* The test gate: see the top of the file. */
static void
wait_for_test_gate (void)
{
  const char *gate = g_getenv ("PST_KB_SEARCH_TEST_GATE");
  g_autofree char *held = NULL;
  gint64 waited = 0;

  if (gate == NULL || *gate == '\0')
    return;

  held = g_strconcat (gate, ".held", NULL);
  g_file_set_contents (held, "", 0, NULL);
  while (!g_file_test (gate, G_FILE_TEST_EXISTS) && waited < GATE_LIMIT_US)
    {
      g_usleep (GATE_POLL_US);
      waited += GATE_POLL_US;
    }
}

static void
search_thread_cb (gpointer data,
                  gpointer user_data)
{
  PstKbSearchJob *job = data;
  SearchPool *pool = search_pool_get ();
  g_autoptr(PstLocaleScope) scope = pst_locale_scope_enter (job->message_lang);
  g_autoptr(PstStore) store = take_store (pool, job->path, &job->error);

  wait_for_test_gate ();

  if (store != NULL)
    {
      job->result = pst_kb_search (store, job->query, job->lang, job->office, job->limit,
                                   job->mark_open, job->mark_close, &job->error);
      /* A connection that failed is closed, not kept. */
      if (job->result != NULL)
        give_back_store (pool, job->path, g_steal_pointer (&store));
    }

  job->done (job, job->user_data);
}

PstKbSearchJob *
pst_kb_search_job_new (const char *path,
                       const char *query,
                       PstLang     lang,
                       PstLang     message_lang,
                       const char *office,
                       guint       limit,
                       const char *mark_open,
                       const char *mark_close)
{
  PstKbSearchJob *job;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  job = g_new0 (PstKbSearchJob, 1);
  job->path = g_strdup (path);
  job->query = g_strdup (query);
  job->lang = lang;
  job->message_lang = message_lang;
  job->office = g_strdup (office);
  job->limit = limit;
  job->mark_open = mark_open;
  job->mark_close = mark_close;

  return job;
}

void
pst_kb_search_job_free (PstKbSearchJob *job)
{
  if (job == NULL)
    return;

  g_free (job->path);
  g_free (job->query);
  g_free (job->office);
  g_clear_pointer (&job->result, pst_kb_search_result_free);
  g_clear_error (&job->error);
  g_free (job);
}

/* Runs @job's search on the pool; @done is called on the pool's thread
 * with the outcome in @job, which it owns then.
 */
void
pst_kb_search_pool_run (PstKbSearchJob     *job,
                        PstKbSearchJobDone  done,
                        gpointer            user_data)
{
  SearchPool *pool = search_pool_get ();
  g_autoptr(GError) error = NULL;

  g_return_if_fail (job != NULL);
  g_return_if_fail (done != NULL);

  job->done = done;
  job->user_data = user_data;
  if (!g_thread_pool_push (pool->threads, job, &error))
    g_error ("Cannot search the knowledge base: %s", error->message);
}
