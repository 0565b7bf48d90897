/* pst-cache.h: pst-desk's local cache and outbox, on a worker thread.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pst-core.h"

G_BEGIN_DECLS

/* One action waiting in the outbox to reach the server. @officer is whose
 * action it is: only that officer's session sends it (the server keeps
 * Idempotency-Keys per officer, so another officer's token would not make
 * a replay harmless). The cache schema's outbox has no column for it, so
 * the key itself starts with it: `OFFICER/RANDOM-UUID` (opaque to the
 * server). @path starts at the server root ("/api/v1/…").
 */
typedef struct
{
  gint64  id;               /* the row, 0 until written */
  char   *idempotency_key;
  char   *officer;
  char   *method;
  char   *path;
  char   *body;             /* JSON text, or NULL */
  char   *subject;          /* "ticket:ID" or "consultation:ID" */
  gint64  created_at;
  int     attempts;
  gint64  next_attempt_at;  /* PST_TIME_UNSET when not waiting */
  char   *last_error;
} PstOutboxEntry;

/* What the cache knows of a consultation's thread besides the
 * consultation: its newest message, when the requester and an officer
 * last wrote, and up to when the session's officer has read it.
 */
typedef struct
{
  char       *consultation;
  PstMessage *last_message;        /* NULL when no message is cached */
  gint64      last_requester_at;   /* PST_TIME_UNSET when none */
  gint64      last_officer_at;     /* PST_TIME_UNSET when none */
  gint64      read_at;             /* PST_TIME_UNSET when never opened */
} PstCacheThread;

/* What a session starts from: the cached tickets of one office-local day
 * (PstTicket, in queue order), how far the event log was applied, the
 * officer's outbox rows (PstOutboxEntry, in id order), and the office's
 * consultations that are not closed (PstConsultation, without messages)
 * with what is known of their threads (PstCacheThread, one for each).
 */
typedef struct
{
  gint64     last_seq;
  GPtrArray *tickets;
  GPtrArray *outbox;
  GPtrArray *consultations;
  GPtrArray *threads;
} PstCacheSnapshot;

PstOutboxEntry   *pst_outbox_entry_new         (const char           *officer,
                                                const char           *method,
                                                const char           *path,
                                                const char           *body,
                                                const char           *subject,
                                                gint64                created_at);
PstOutboxEntry   *pst_outbox_entry_copy        (const PstOutboxEntry *self);
void              pst_outbox_entry_free        (PstOutboxEntry       *self);
PstCacheSnapshot *pst_cache_snapshot_new       (void);
void              pst_cache_snapshot_free      (PstCacheSnapshot     *self);
void              pst_cache_thread_free        (PstCacheThread       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstOutboxEntry, pst_outbox_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstCacheSnapshot, pst_cache_snapshot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstCacheThread, pst_cache_thread_free)

#define PST_TYPE_CACHE (pst_cache_get_type ())

G_DECLARE_FINAL_TYPE (PstCache, pst_cache, PST, CACHE, GObject)

/* The cache file of one server and office under @cache_dir:
 * `cache_dir/<SHA-256 of the server URL>/<office>.db`.
 */
char             *pst_cache_build_path         (const char           *cache_dir,
                                                const char           *server_url,
                                                const char           *office);

void              pst_cache_open_async         (const char           *path,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
PstCache         *pst_cache_open_finish        (GAsyncResult         *result,
                                                GError              **error);
const char       *pst_cache_get_path           (PstCache             *self);
void              pst_cache_close              (PstCache             *self);

void              pst_cache_load_async         (PstCache             *self,
                                                const char           *office,
                                                const char           *service_date,
                                                const char           *officer,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
PstCacheSnapshot *pst_cache_load_finish        (PstCache             *self,
                                                GAsyncResult         *result,
                                                GError              **error);

void              pst_cache_save_session_async (PstCache             *self,
                                                const char           *server_url,
                                                const PstOffice      *office,
                                                const PstOfficer     *officer,
                                                gint64                now,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
void              pst_cache_store_tickets_async (PstCache            *self,
                                                const char           *office,
                                                GTimeZone            *zone,
                                                GPtrArray            *tickets,
                                                const char           *replace_date,
                                                gint64                last_seq,
                                                gint64                now,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
void              pst_cache_outbox_add_async   (PstCache             *self,
                                                const PstOutboxEntry *entry,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gint64            pst_cache_outbox_add_finish  (PstCache             *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void              pst_cache_outbox_update_async (PstCache            *self,
                                                const PstOutboxEntry *entry,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
void              pst_cache_outbox_remove_async (PstCache            *self,
                                                gint64                id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
void              pst_cache_store_consultations_async (PstCache       *self,
                                                const char           *office,
                                                GPtrArray            *consultations,
                                                GPtrArray            *messages,
                                                gboolean              replace,
                                                gint64                now,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
void              pst_cache_mark_read_async    (PstCache             *self,
                                                const char           *officer,
                                                const char           *consultation,
                                                gint64                read_at,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
void              pst_cache_load_messages_async (PstCache            *self,
                                                const char           *consultation,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GPtrArray        *pst_cache_load_messages_finish (PstCache           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
/* For the writes above. */
gboolean          pst_cache_write_finish       (PstCache             *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
