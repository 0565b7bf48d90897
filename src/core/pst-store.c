/* pst-store.c: the sqlite database of pst-server and pst-desk's local cache.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-store.h"

#include "pst-i18n.h"
#include "pst-kb-tokenizer.h"
#include "pst-store-private.h"

/* How long a statement waits for another connection's write lock before
 * it fails with PST_STORE_ERROR_BUSY.
 */
#define DEFAULT_BUSY_TIMEOUT_MS 5000

/* One connection. `statements` caches every statement handed out by
 * pst_store_prepare(), keyed by its SQL text; `depth` counts the open
 * transaction (1) and the savepoints nested in it.
 */
struct _PstStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  PstStoreSchema schema;
  guint version;
  guint depth;
  GHashTable *statements;
};

G_DEFINE_FINAL_TYPE (PstStore, pst_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (pst-store-error-quark, pst_store_error)

static PstStoreError
error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return PST_STORE_ERROR_BUSY;

    case SQLITE_CONSTRAINT:
      return PST_STORE_ERROR_CONSTRAINT;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return PST_STORE_ERROR_CORRUPT;

    case SQLITE_CANTOPEN:
      return PST_STORE_ERROR_CANT_OPEN;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      return PST_STORE_ERROR_READ_ONLY;

    case SQLITE_FULL:
      return PST_STORE_ERROR_FULL;

    default:
      return PST_STORE_ERROR_FAILED;
    }
}

/* What a person reads for each failure. sqlite's own text goes after it in
 * parentheses: it names tables and constraints, never values, since every
 * value reaches sqlite through a binding.
 */
static const char *
error_message (PstStoreError code)
{
  switch (code)
    {
    case PST_STORE_ERROR_BUSY:
      return _("The database is busy; try again in a moment");

    case PST_STORE_ERROR_CONSTRAINT:
      /* Translators: a unique, required or linked value was missing or already taken. */
      return _("The change conflicts with the stored data and was not saved; reload and check it");

    case PST_STORE_ERROR_CORRUPT:
      return _("The database file is damaged or is not a database; restore it from a backup");

    case PST_STORE_ERROR_NOT_FOUND:
      return _("The record does not exist; it may have been deleted");

    case PST_STORE_ERROR_WRONG_SCHEMA:
      return _("The file is not a PST Desk database of the expected kind; check the path");

    case PST_STORE_ERROR_CANT_OPEN:
      return _("The database file cannot be opened; check that its folder exists and may be written");

    case PST_STORE_ERROR_READ_ONLY:
      return _("The database cannot be written; check the permissions of the file and its folder");

    case PST_STORE_ERROR_FULL:
      return _("The disk is full; free some space and try again");

    case PST_STORE_ERROR_TOO_NEW:
    case PST_STORE_ERROR_FAILED:
    default:
      return _("The database failed; try again, and report the problem if it persists");
    }
}

static void
set_error (GError        **error,
           PstStoreError   code,
           const char     *detail)
{
  if (detail != NULL)
    g_set_error (error, PST_STORE_ERROR, code, "%s (%s)", error_message (code), detail);
  else
    g_set_error_literal (error, PST_STORE_ERROR, code, error_message (code));
}

/* Maps the result @rc of the last call on the connection to an error, with
 * sqlite's message as the detail.
 */
static void
set_error_from_db (PstStore  *self,
                   int        rc,
                   GError   **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  set_error (error, error_code_from_sqlite (rc), detail);
}

static gboolean
is_memory_path (const char *path)
{
  return path[0] == '\0' || g_str_equal (path, ":memory:");
}

static gboolean
is_blank (const char *sql)
{
  for (; *sql != '\0'; sql++)
    {
      if (!g_ascii_isspace (*sql) && *sql != ';')
        return FALSE;
    }

  return TRUE;
}

static void
statement_free (gpointer data)
{
  sqlite3_finalize (data);
}

/* Runs @sql, a single statement returning one row, outside the cache; for
 * the pragmas read while opening. Either out argument may be NULL.
 */
static gboolean
query_one (PstStore    *self,
           const char  *sql,
           gint64      *out_int,
           char       **out_text,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        set_error (error, PST_STORE_ERROR_NOT_FOUND, sql);
      else
        set_error_from_db (self, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  if (out_int != NULL)
    *out_int = sqlite3_column_int64 (stmt, 0);
  if (out_text != NULL)
    *out_text = g_strdup (pst_store_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  return TRUE;
}

/* Refuses a file that holds another kind of database, or a newer version
 * of ours than @target_version, before anything is written to it.
 */
static gboolean
check_header (PstStore  *self,
              guint      target_version,
              GError   **error)
{
  gint64 application_id = 0;
  gint64 user_version = 0;
  gint64 n_objects = 0;
  gboolean empty;

  if (!query_one (self, "PRAGMA application_id", &application_id, NULL, error) ||
      !query_one (self, "PRAGMA user_version", &user_version, NULL, error) ||
      !query_one (self, "SELECT count(*) FROM sqlite_schema", &n_objects, NULL, error))
    return FALSE;

  empty = application_id == 0 && user_version == 0 && n_objects == 0;
  if (!empty && (guint32) application_id != pst_store_schema_application_id (self->schema))
    {
      set_error (error, PST_STORE_ERROR_WRONG_SCHEMA, NULL);
      return FALSE;
    }

  if (user_version < 0 || user_version > target_version)
    {
      g_set_error (error, PST_STORE_ERROR, PST_STORE_ERROR_TOO_NEW,
                   /* Translators: the database structure versions, the file's and the highest this program knows. */
                   _("The database has structure version %u, newer than version %u that this program knows; update PST Desk to open it"),
                   (guint) user_version, target_version);
      return FALSE;
    }

  self->version = (guint) user_version;
  return TRUE;
}

/* Write-ahead logging lets readers on other connections go on while one
 * connection writes; it needs a real file (and shared memory), so a file
 * system that cannot do it keeps the rollback journal.
 */
static gboolean
set_journal_mode (PstStore  *self,
                  GError   **error)
{
  g_autofree char *mode = NULL;

  if (!query_one (self, "PRAGMA journal_mode = WAL", NULL, &mode, error))
    return FALSE;

  if (g_ascii_strcasecmp (mode, "wal") != 0)
    g_message ("The database stays in journal mode “%s”: write-ahead logging is not available", mode);

  return TRUE;
}

/* Fails when a step left a row pointing at nothing; sqlite only checks
 * this on commit when foreign keys are on, and they are off in a step.
 */
static gboolean
check_foreign_keys (PstStore  *self,
                    GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_db (self, rc, error);
      return FALSE;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *detail = g_strdup_printf ("FOREIGN KEY check failed: %s",
                                                 pst_store_column_text (stmt, 0));

      set_error (error, PST_STORE_ERROR_CONSTRAINT, detail);
    }
  else if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, rc, error);
    }

  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/* The body of one step, inside its transaction. Another connection may
 * have applied it since this one read the version: then it does nothing.
 */
static gboolean
run_migration (PstStore                *self,
               const PstStoreMigration *migration,
               GError                 **error)
{
  g_autofree char *bump = NULL;
  gint64 current = 0;

  if (!query_one (self, "PRAGMA user_version", &current, NULL, error))
    return FALSE;

  if (current >= migration->version)
    {
      self->version = (guint) current;
      return TRUE;
    }

  bump = g_strdup_printf ("PRAGMA user_version = %u; PRAGMA application_id = %u",
                          migration->version,
                          (guint) pst_store_schema_application_id (self->schema));

  if (!pst_store_exec (self, migration->sql, error) ||
      !check_foreign_keys (self, error) ||
      !pst_store_exec (self, bump, error))
    return FALSE;

  self->version = migration->version;
  return TRUE;
}

/* Applies one step in its own transaction, all or nothing. Foreign keys
 * are off meanwhile (a step may rebuild a table) and only switch outside a
 * transaction.
 */
static gboolean
apply_migration (PstStore                *self,
                 const PstStoreMigration *migration,
                 GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  guint version_before = self->version;
  gboolean ok;

  g_assert (self->depth == 0);

  if (!pst_store_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;

  ok = pst_store_begin (self, &local_error);
  if (ok)
    {
      ok = run_migration (self, migration, &local_error);
      if (ok)
        ok = pst_store_commit (self, &local_error);
      else
        pst_store_rollback (self, NULL);
    }

  if (!ok)
    self->version = version_before;

  if (!pst_store_exec (self, "PRAGMA foreign_keys = ON", ok ? &local_error : NULL))
    ok = FALSE;

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_debug ("Migrated the database to version %u (%s)", self->version, migration->summary);
  return TRUE;
}

static void
pst_store_finalize (GObject *object)
{
  PstStore *self = (PstStore *)object;

  /* Statements first: a connection with statements left does not close. */
  g_clear_pointer (&self->statements, g_hash_table_unref);

  if (self->db != NULL)
    {
      int rc = sqlite3_close (self->db);

      if (rc != SQLITE_OK)
        g_critical ("Could not close the database: %s", sqlite3_errstr (rc));
      self->db = NULL;
    }

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (pst_store_parent_class)->finalize (object);
}

static void
pst_store_class_init (PstStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pst_store_finalize;
}

static void
pst_store_init (PstStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, statement_free);
}

/* Opens the database at @path (created if missing; ":memory:" for a private
 * database in memory) and migrates it to the newest version of @schema.
 * Fails with PST_STORE_ERROR_TOO_NEW, touching nothing, when the file was
 * made by a newer program, and PST_STORE_ERROR_WRONG_SCHEMA when it holds
 * another kind of database.
 */
PstStore *
pst_store_open (const char      *path,
                PstStoreSchema   schema,
                GError         **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail ((guint) schema < PST_N_STORE_SCHEMAS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pst_store_open_at_version (path, schema, pst_store_get_latest_version (schema), error);
}

/* Like pst_store_open(), but migrates only up to @version (0 leaves a new
 * file empty), so tests can build an old database. A file newer than
 * @version is refused with PST_STORE_ERROR_TOO_NEW.
 */
PstStore *
pst_store_open_at_version (const char      *path,
                           PstStoreSchema   schema,
                           guint            version,
                           GError         **error)
{
  g_autoptr(PstStore) self = NULL;
  const PstStoreMigration *migrations;
  guint n_migrations;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail ((guint) schema < PST_N_STORE_SCHEMAS, NULL);
  g_return_val_if_fail (version <= pst_store_get_latest_version (schema), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PST_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->schema = schema;

  /* No mutex: a connection is used by one thread at a time. */
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_db (self, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MS);
  /* Strings in double quotes are identifiers, as in standard SQL; and no
   * statement may write the schema behind sqlite's back.
   */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);

  if (!pst_kb_tokenizer_register (self->db, error) ||
      !pst_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !check_header (self, version, error))
    return NULL;

  if (!is_memory_path (path) && !set_journal_mode (self, error))
    return NULL;

  if (!pst_store_exec (self, "PRAGMA synchronous = NORMAL", error))
    return NULL;

  migrations = pst_store_migrations_get (schema, &n_migrations);
  if (!pst_store_migrate_with (self, migrations, n_migrations, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Applies @migrations from the store's version up to @target_version, each
 * in its own transaction; a failure leaves the store at the last step that
 * succeeded.
 */
gboolean
pst_store_migrate_with (PstStore                *self,
                        const PstStoreMigration *migrations,
                        guint                    n_migrations,
                        guint                    target_version,
                        GError                 **error)
{
  g_return_val_if_fail (PST_IS_STORE (self), FALSE);
  g_return_val_if_fail (migrations != NULL || n_migrations == 0, FALSE);
  g_return_val_if_fail (target_version <= n_migrations, FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (self->version < target_version)
    {
      const PstStoreMigration *migration = &migrations[self->version];

      g_assert (migration->version == self->version + 1);

      if (!apply_migration (self, migration, error))
        {
          g_prefix_error (error,
                          /* Translators: the prefix of a reason; %u is a number. */
                          _("Could not update the database to version %u: "),
                          migration->version);
          return FALSE;
        }
    }

  return TRUE;
}

/* The version pst_store_open() migrates @schema to. */
guint
pst_store_get_latest_version (PstStoreSchema schema)
{
  guint n_migrations = 0;

  g_return_val_if_fail ((guint) schema < PST_N_STORE_SCHEMAS, 0);

  pst_store_migrations_get (schema, &n_migrations);
  return n_migrations;
}

guint
pst_store_get_schema_version (PstStore *self)
{
  g_return_val_if_fail (PST_IS_STORE (self), 0);

  return self->version;
}

PstStoreSchema
pst_store_get_schema (PstStore *self)
{
  g_return_val_if_fail (PST_IS_STORE (self), PST_STORE_SCHEMA_SERVER);

  return self->schema;
}

const char *
pst_store_get_path (PstStore *self)
{
  g_return_val_if_fail (PST_IS_STORE (self), NULL);

  return self->path;
}

/* How long a statement waits for another connection's lock; 0 fails at once. */
void
pst_store_set_busy_timeout (PstStore *self,
                            guint     timeout_ms)
{
  g_return_if_fail (PST_IS_STORE (self));
  g_return_if_fail (timeout_ms <= G_MAXINT);

  sqlite3_busy_timeout (self->db, (int) timeout_ms);
}

/* The sqlite connection, for what this interface does not cover (register
 * a function or an FTS5 tokenizer). Not part of what a second backend
 * offers; never close it.
 */
sqlite3 *
pst_store_get_handle (PstStore *self)
{
  g_return_val_if_fail (PST_IS_STORE (self), NULL);

  return self->db;
}

/* Runs @sql, one or more statements without parameters (DDL, PRAGMA),
 * discarding any rows. Not cached.
 */
gboolean
pst_store_exec (PstStore    *self,
                const char  *sql,
                GError     **error)
{
  const char *tail = sql;

  g_return_val_if_fail (PST_IS_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (*tail != '\0')
    {
      sqlite3_stmt *stmt = NULL;
      const char *next = NULL;
      int rc;

      rc = sqlite3_prepare_v2 (self->db, tail, -1, &stmt, &next);
      if (rc != SQLITE_OK)
        {
          set_error_from_db (self, rc, error);
          return FALSE;
        }

      tail = next;
      if (stmt == NULL)
        continue;

      do
        rc = sqlite3_step (stmt);
      while (rc == SQLITE_ROW);

      if (rc != SQLITE_DONE)
        set_error_from_db (self, rc, error);

      sqlite3_finalize (stmt);

      if (rc != SQLITE_DONE)
        return FALSE;
    }

  return TRUE;
}

/* Returns the prepared statement for @sql (one statement, values as `?`
 * parameters), reset and with its bindings cleared. The store owns it and
 * keeps it for the next call with the same text, which resets it again:
 * do not finalize it, and do not prepare the same text while still
 * stepping through it. Declare it `g_auto(PstStoreStatement)` so it is
 * reset when it goes out of scope. The cache lives as long as the store:
 * keep @sql a constant, never text built from values.
 */
sqlite3_stmt *
pst_store_prepare (PstStore    *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  const char *tail = NULL;
  int rc;

  g_return_val_if_fail (PST_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK)
    {
      set_error_from_db (self, rc, error);
      return NULL;
    }

  if (stmt == NULL || !is_blank (tail))
    {
      set_error (error, PST_STORE_ERROR_FAILED, "not exactly one statement");
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Runs @stmt (INSERT, UPDATE, DELETE, …) to its end, discarding any rows,
 * then resets it. Read pst_store_changes() for the rows it touched.
 */
gboolean
pst_store_step_done (PstStore      *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc;

  g_return_val_if_fail (PST_IS_STORE (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  do
    rc = sqlite3_step (stmt);
  while (rc == SQLITE_ROW);

  if (rc != SQLITE_DONE)
    set_error_from_db (self, rc, error);

  pst_store_statement_release (stmt);
  return rc == SQLITE_DONE;
}

/* Steps @stmt: TRUE when a row is ready to read; FALSE at the end (@error
 * unset) or on a failure (@error set), and then @stmt is reset.
 *
 *   while (pst_store_step_row (store, stmt, &local_error))
 *     …
 *   if (local_error != NULL)
 *     …
 */
gboolean
pst_store_step_row (PstStore      *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc;

  g_return_val_if_fail (PST_IS_STORE (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc != SQLITE_DONE)
    set_error_from_db (self, rc, error);

  sqlite3_reset (stmt);
  return FALSE;
}

/* Steps @stmt to its first row, which must exist: FALSE with
 * PST_STORE_ERROR_NOT_FOUND when there is none.
 */
gboolean
pst_store_step_one (PstStore      *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PST_IS_STORE (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (pst_store_step_row (self, stmt, &local_error))
    return TRUE;

  if (local_error == NULL)
    set_error (&local_error, PST_STORE_ERROR_NOT_FOUND, NULL);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Resets @stmt and clears its bindings, ending any read it holds open.
 * The cleanup of g_auto(PstStoreStatement).
 */
void
pst_store_statement_release (sqlite3_stmt *stmt)
{
  if (stmt == NULL)
    return;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Column @column of the current row as UTF-8, NULL for SQL NULL. */
const char *
pst_store_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  g_return_val_if_fail (stmt != NULL, NULL);

  return (const char *) sqlite3_column_text (stmt, column);
}

/* Rows changed by the last INSERT, UPDATE or DELETE that ran to its end. */
gint64
pst_store_changes (PstStore *self)
{
  g_return_val_if_fail (PST_IS_STORE (self), 0);

  return sqlite3_changes64 (self->db);
}

/* The INTEGER PRIMARY KEY of the last row inserted. Portable query code
 * reads generated keys with `RETURNING` instead.
 */
gint64
pst_store_last_insert_rowid (PstStore *self)
{
  g_return_val_if_fail (PST_IS_STORE (self), 0);

  return sqlite3_last_insert_rowid (self->db);
}

/* Runs @func in a transaction: BEGIN IMMEDIATE (the write lock at once,
 * so two writers never deadlock upgrading a read) … COMMIT, or a savepoint
 * inside a transaction already open. Rolls back when @func returns FALSE,
 * which it does with @error set, or when the commit fails.
 */
gboolean
pst_store_transaction (PstStore                *self,
                       PstStoreTransactionFunc  func,
                       gpointer                 user_data,
                       GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  guint depth;
  gboolean ok;

  g_return_val_if_fail (PST_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pst_store_begin (self, error))
    return FALSE;

  depth = self->depth;
  ok = func (self, user_data, &local_error);

  if (self->depth != depth)
    {
      g_critical ("%s: the transaction function left %u transactions open, expected %u",
                  G_STRFUNC, self->depth, depth);
      while (self->depth > depth)
        pst_store_rollback (self, NULL);
      if (self->depth < depth)
        {
          g_clear_error (&local_error);
          set_error (error, PST_STORE_ERROR_FAILED, "unbalanced transaction");
          return FALSE;
        }
      ok = FALSE;
    }

  if (!ok)
    {
      if (local_error == NULL)
        {
          g_critical ("%s: the transaction function failed without an error", G_STRFUNC);
          set_error (&local_error, PST_STORE_ERROR_FAILED, "transaction rolled back");
        }

      pst_store_rollback (self, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return pst_store_commit (self, error);
}

/* Runs a statement without parameters through the statement cache. */
static gboolean
run_cached (PstStore    *self,
            const char  *sql,
            GError     **error)
{
  g_auto(PstStoreStatement) stmt = pst_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  return pst_store_step_done (self, stmt, error);
}

static gboolean
begin (PstStore    *self,
       const char  *outermost,
       GError     **error)
{
  g_autofree char *sql = NULL;

  /* The outermost statement is a cached prepared one: a server opens a
   * transaction for every request.
   */
  if (self->depth == 0)
    {
      if (!run_cached (self, outermost, error))
        return FALSE;
    }
  else
    {
      sql = g_strdup_printf ("SAVEPOINT pst_%u", self->depth);
      if (!pst_store_exec (self, sql, error))
        return FALSE;
    }

  self->depth++;
  return TRUE;
}

/* Opens a transaction (BEGIN IMMEDIATE: the write lock at once), or a
 * savepoint in the one already open. Every pst_store_begin() ends with one
 * pst_store_commit() or pst_store_rollback().
 */
gboolean
pst_store_begin (PstStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (PST_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return begin (self, "BEGIN IMMEDIATE", error);
}

/* Opens a read transaction (BEGIN DEFERRED), so a series of queries sees
 * one snapshot and takes the database lock once instead of per statement.
 * Ends with pst_store_commit() like any other.
 */
gboolean
pst_store_begin_read (PstStore  *self,
                      GError   **error)
{
  g_return_val_if_fail (PST_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return begin (self, "BEGIN DEFERRED", error);
}

/* Commits the innermost transaction or savepoint. When the outermost
 * commit fails the transaction is rolled back.
 */
gboolean
pst_store_commit (PstStore  *self,
                  GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (PST_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->depth--;

  /* sqlite ends a transaction itself after some failures (a full disk). */
  if (sqlite3_get_autocommit (self->db))
    {
      set_error (error, PST_STORE_ERROR_FAILED, "transaction rolled back");
      return FALSE;
    }

  if (self->depth == 0)
    {
      if (run_cached (self, "COMMIT", error))
        return TRUE;

      if (!sqlite3_get_autocommit (self->db))
        pst_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  sql = g_strdup_printf ("RELEASE pst_%u", self->depth);
  if (pst_store_exec (self, sql, error))
    return TRUE;

  g_free (sql);
  sql = g_strdup_printf ("ROLLBACK TO pst_%u; RELEASE pst_%u", self->depth, self->depth);
  pst_store_exec (self, sql, NULL);
  return FALSE;
}

/* Undoes the innermost transaction or savepoint. */
gboolean
pst_store_rollback (PstStore  *self,
                    GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (PST_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->depth--;

  if (sqlite3_get_autocommit (self->db))
    return TRUE;

  if (self->depth == 0)
    return pst_store_exec (self, "ROLLBACK", error);

  sql = g_strdup_printf ("ROLLBACK TO pst_%u; RELEASE pst_%u", self->depth, self->depth);
  return pst_store_exec (self, sql, error);
}

gboolean
pst_store_in_transaction (PstStore *self)
{
  g_return_val_if_fail (PST_IS_STORE (self), FALSE);

  return self->depth > 0;
}
