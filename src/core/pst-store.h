/* pst-store.h: the sqlite database of pst-server and pst-desk's local cache.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A PstStore is one connection to one database file, created and migrated
 * to the newest version of its schema when opened. pst-server keeps the
 * central database (PST_STORE_SCHEMA_SERVER); pst-desk keeps a local cache
 * of what its office needs plus the outbox of actions not yet sent
 * (PST_STORE_SCHEMA_CACHE).
 *
 * Threads: a store is used by one thread at a time (it holds a statement
 * cache and a transaction depth and takes no lock). pst-server opens one
 * store per worker thread on the same file; in WAL mode readers do not
 * block the writer nor each other, and writers queue behind the busy
 * timeout. pst-desk uses its store on one worker thread and hands results
 * to the main loop.
 *
 * A second backend: the architecture plans PostgreSQL for the national
 * service behind this same interface. What callers rely on is backend
 * neutral: the error domain below (a backend maps its own codes, for
 * PostgreSQL the SQLSTATE classes 23 → CONSTRAINT, 40 → BUSY and so on),
 * pst_store_transaction() (BEGIN … COMMIT with savepoints when nested),
 * versioned migrations per schema and the tables and columns they define.
 * The statement calls below hand out sqlite3_stmt today; the backend step
 * puts a thin statement type with the same verbs (bind by position, step,
 * column getters, changes) in front of them and a vtable per backend, and
 * each backend gets its own migration lists with the same version
 * numbers. So query code must stay within the SQL both databases share:
 * positional `?` parameters (rewritten to `$n`), instants as 64-bit
 * integers of microseconds, booleans as 0/1, JSON as text handled in C
 * (no json_* functions in queries), `INSERT … ON CONFLICT … DO UPDATE`
 * rather than `INSERT OR REPLACE`, generated keys read with `RETURNING`
 * rather than the rowid, `coalesce` rather than `ifnull`, no `GLOB`.
 * Full-text search (FTS5 here, tsvector there) stays behind the
 * knowledge-base module's own functions.
 */

#define PST_STORE_ERROR (pst_store_error_quark ())

typedef enum
{
  PST_STORE_ERROR_FAILED,
  PST_STORE_ERROR_BUSY,
  PST_STORE_ERROR_CONSTRAINT,
  PST_STORE_ERROR_CORRUPT,
  PST_STORE_ERROR_TOO_NEW,
  PST_STORE_ERROR_NOT_FOUND,
  PST_STORE_ERROR_WRONG_SCHEMA,
  PST_STORE_ERROR_CANT_OPEN,
  PST_STORE_ERROR_READ_ONLY,
  PST_STORE_ERROR_FULL,
} PstStoreError;

typedef enum
{
  PST_STORE_SCHEMA_SERVER,
  PST_STORE_SCHEMA_CACHE,
  PST_N_STORE_SCHEMAS
} PstStoreSchema;

#define PST_TYPE_STORE (pst_store_get_type ())

G_DECLARE_FINAL_TYPE (PstStore, pst_store, PST, STORE, GObject)

/* Runs inside a transaction; returns FALSE with @error set to roll back. */
typedef gboolean (*PstStoreTransactionFunc) (PstStore *self,
                                             gpointer  user_data,
                                             GError  **error);

/* A statement borrowed from the store's cache. Declared with
 * `g_auto(PstStoreStatement) stmt = pst_store_prepare (…)` it is reset and
 * its bindings cleared when it goes out of scope, so no read stays open.
 */
typedef sqlite3_stmt *PstStoreStatement;

GQuark         pst_store_error_quark          (void);

PstStore      *pst_store_open                 (const char             *path,
                                               PstStoreSchema          schema,
                                               GError                **error);
PstStore      *pst_store_open_at_version      (const char             *path,
                                               PstStoreSchema          schema,
                                               guint                   version,
                                               GError                **error);
guint          pst_store_get_latest_version   (PstStoreSchema          schema);
guint          pst_store_get_schema_version   (PstStore               *self);
PstStoreSchema pst_store_get_schema           (PstStore               *self);
const char    *pst_store_get_path             (PstStore               *self);
void           pst_store_set_busy_timeout     (PstStore               *self,
                                               guint                   timeout_ms);
sqlite3       *pst_store_get_handle           (PstStore               *self);

gboolean       pst_store_exec                 (PstStore               *self,
                                               const char             *sql,
                                               GError                **error);
sqlite3_stmt  *pst_store_prepare              (PstStore               *self,
                                               const char             *sql,
                                               GError                **error);
gboolean       pst_store_step_done            (PstStore               *self,
                                               sqlite3_stmt           *stmt,
                                               GError                **error);
gboolean       pst_store_step_row             (PstStore               *self,
                                               sqlite3_stmt           *stmt,
                                               GError                **error);
gboolean       pst_store_step_one             (PstStore               *self,
                                               sqlite3_stmt           *stmt,
                                               GError                **error);
void           pst_store_statement_release    (sqlite3_stmt           *stmt);
const char    *pst_store_column_text          (sqlite3_stmt           *stmt,
                                               int                     column);
gint64         pst_store_changes              (PstStore               *self);
gint64         pst_store_last_insert_rowid    (PstStore               *self);

gboolean       pst_store_transaction          (PstStore               *self,
                                               PstStoreTransactionFunc func,
                                               gpointer                user_data,
                                               GError                **error);
gboolean       pst_store_begin                (PstStore               *self,
                                               GError                **error);
gboolean       pst_store_begin_read           (PstStore               *self,
                                               GError                **error);
gboolean       pst_store_commit               (PstStore               *self,
                                               GError                **error);
gboolean       pst_store_rollback             (PstStore               *self,
                                               GError                **error);
gboolean       pst_store_in_transaction       (PstStore               *self);

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (PstStoreStatement, pst_store_statement_release, NULL)

G_END_DECLS
