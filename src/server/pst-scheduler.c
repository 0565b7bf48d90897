/* pst-scheduler.c: the server's periodic consultation job — idle closing
 * and the SLA warnings.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-consultations.h"

#include "pst-server.h"

/* One pass, for a given instant (so tests can run it at any time):
 * - a consultation waiting for the requester whose idle-close instant has
 *   passed is closed with resolution `no_response` and a system message
 *   (in both languages: it is stored once and read by either), appending
 *   message.created and consultation.closed;
 * - an unanswered consultation whose badge got worse than the state last
 *   announced (the `sla_state` column) appends sla.warning or
 *   sla.breached once, and the column remembers it. Going from ok straight
 *   to breached announces breached only.
 * The pass runs in its own transaction and publishes its events after
 * the commit; it handles at most BATCH consultations of each kind, the
 * rest waiting for the next pass.
 */

#define BATCH 500

static const char idle_close_message[] =
  "Percakapan ini ditutup otomatis karena tidak ada balasan. Silakan buka konsultasi baru bila "
  "masih ada pertanyaan.\n\n"
  "This conversation was closed automatically because there was no reply. Please open a new "
  "consultation if you still have a question.";

static GPtrArray *
select_ids (PstStore    *store,
            const char  *sql,
            gint64       now,
            GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(PstStoreStatement) stmt = pst_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int (stmt, 2, BATCH);
  while (pst_store_step_row (store, stmt, error))
    {
      g_ptr_array_add (ids, g_strdup (pst_store_column_text (stmt, 0)));
      g_ptr_array_add (ids, g_strdup (pst_store_column_text (stmt, 1)));
    }

  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&ids);
}

static gboolean
close_idle (PstServer  *server,
            gint64      now,
            guint      *closed,
            guint      *events,
            GError    **error)
{
  PstStore *store = pst_server_get_store (server);
  g_autoptr(GPtrArray) rows = NULL;

  rows = select_ids (store,
                     "SELECT id, office FROM consultations WHERE status = 'awaiting_requester'"
                     " AND idle_close_at IS NOT NULL AND idle_close_at <= ?1"
                     " ORDER BY idle_close_at LIMIT ?2",
                     now, error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i + 1 < rows->len; i += 2)
    {
      const char *id = g_ptr_array_index (rows, i);
      const char *code = g_ptr_array_index (rows, i + 1);
      g_autoptr(PstConsultationOffice) office = NULL;
      g_auto(PstStoreStatement) stmt = NULL;
      g_autofree char *message_id = NULL;

      office = pst_consultation_office_load (server, code, error);
      if (office == NULL ||
          !pst_consultation_add_message (server, office, id, PST_AUTHOR_SYSTEM, NULL,
                                         idle_close_message, NULL, now, &message_id, error))
        return FALSE;

      stmt = pst_store_prepare (store,
                                "UPDATE consultations SET status = 'closed',"
                                " resolution = 'no_response', closed_at = ?2, idle_close_at = NULL,"
                                " updated_at = ?2 WHERE id = ?1",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, now);
      if (!pst_store_step_done (store, stmt, error) ||
          !pst_consultation_emit (server, "message.created", id, message_id, now, error) ||
          !pst_consultation_emit (server, "consultation.closed", id, NULL, now, error))
        return FALSE;

      *closed += 1;
      *events += 2;
    }

  return TRUE;
}

static gboolean
announce_sla (PstServer  *server,
              gint64      now,
              guint      *events,
              GError    **error)
{
  PstStore *store = pst_server_get_store (server);
  g_autoptr(GPtrArray) rows = NULL;

  /* Unanswered and not yet announced as breached; those whose deadline
   * is far off are skipped cheaply by the calendar check below.
   */
  rows = select_ids (store,
                     "SELECT id, office FROM consultations WHERE first_response_at IS NULL"
                     " AND status <> 'closed' AND sla_state <> 'breached' AND created_at <= ?1"
                     " ORDER BY first_response_due LIMIT ?2",
                     now, error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i + 1 < rows->len; i += 2)
    {
      const char *id = g_ptr_array_index (rows, i);
      g_autoptr(PstConsultation) consultation = NULL;
      g_auto(PstStoreStatement) read = NULL;
      g_auto(PstStoreStatement) stmt = NULL;
      PstBadgeState announced = PST_BADGE_OK;
      PstBadgeState state;

      consultation = pst_consultation_load (server, id, FALSE, now, error);
      if (consultation == NULL)
        return FALSE;

      read = pst_store_prepare (store, "SELECT sla_state FROM consultations WHERE id = ?1", error);
      if (read == NULL)
        return FALSE;
      sqlite3_bind_text (read, 1, id, -1, SQLITE_TRANSIENT);
      if (!pst_store_step_one (store, read, error))
        return FALSE;
      if (!pst_badge_state_from_string (pst_store_column_text (read, 0), &announced))
        announced = PST_BADGE_OK;

      state = consultation->sla->state;
      if (pst_badge_state_rank (state) <= pst_badge_state_rank (announced))
        continue;

      stmt = pst_store_prepare (store, "UPDATE consultations SET sla_state = ?2 WHERE id = ?1",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, pst_badge_state_to_string (state), -1, SQLITE_TRANSIENT);
      if (!pst_store_step_done (store, stmt, error) ||
          !pst_consultation_emit (server,
                                  state == PST_BADGE_BREACHED ? "sla.breached" : "sla.warning",
                                  id, NULL, now, error))
        return FALSE;

      *events += 1;
    }

  return TRUE;
}

/**
 * pst_scheduler_run:
 * @now: the instant the pass runs at
 *
 * Runs one pass of the consultation job in its own transaction and
 * publishes its events after the commit.
 *
 * Returns: %FALSE on a store failure (nothing is changed then)
 */
gboolean
pst_scheduler_run (PstServer  *server,
                   gint64      now,
                   guint      *out_closed,
                   guint      *out_events,
                   GError    **error)
{
  PstStore *store;
  guint closed = 0;
  guint events = 0;

  g_return_val_if_fail (PST_IS_SERVER (server), FALSE);

  store = pst_server_get_store (server);
  pst_server_lock_writes (server);
  if (!pst_store_begin (store, error))
    {
      pst_server_unlock_writes (server);
      return FALSE;
    }

  if (!close_idle (server, now, &closed, &events, error) ||
      !announce_sla (server, now, &events, error) ||
      !pst_store_commit (store, error))
    {
      pst_store_rollback (store, NULL);
      pst_server_discard_pending (server);
      pst_server_unlock_writes (server);
      return FALSE;
    }

  pst_server_unlock_writes (server);
  pst_server_publish_pending (server);

  if (out_closed != NULL)
    *out_closed = closed;
  if (out_events != NULL)
    *out_events = events;

  return TRUE;
}
