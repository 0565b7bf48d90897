/* pst-sync.h: the only code of pst-desk that touches the network.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pst-core.h"
#include "pst-consultation-item.h"
#include "pst-message-item.h"
#include "pst-ticket-item.h"

G_BEGIN_DECLS

/* PstSync keeps a local cache of the office's data (a PstStore with the
 * cache schema, per server and office, under the user data dir) and the
 * list models the views read. It logs in, follows the server's events over
 * a WebSocket (catching up with /changes after a reconnect, with backoff),
 * and sends the officer's actions through an outbox with idempotency keys,
 * so an action taken offline is replayed exactly once when the connection
 * returns, even after a restart. Views never wait on it: every call
 * returns at once, and models change with items-changed / notify.
 *
 * The session token lives in memory only: office desktops are shared.
 *
 * Properties (all read-only, with notify): `state` (PstConnectionState),
 * `pending-count` (outbox rows of this officer not yet accepted),
 * `logged-in`, `officer` and `office` (boxed PstOfficer, PstOffice),
 * `calendar` (PstCalendar of the office) and `server-url`.
 * Signals: `session-ended` (the server refused the session: token expired
 * or revoked; the sync is logged out, the outbox kept) and `action-failed
 * (GObject *item or NULL, const char *message)` (the server refused a
 * queued action, which is dropped; the item shows the server's state).
 * The item is a PstTicketItem (NULL for a ticket never issued) or a
 * PstConsultationItem (never NULL): handlers check its type.
 * A kiosk account's session (role kiosk) has no cache, events or outbox:
 * it is ONLINE once logged in and works through pst_sync_request_async().
 * pst_sync_call_next_finish() gives a new reference, or NULL without an
 * error when nobody waits; the call fails at once with
 * PST_SYNC_ERROR_OFFLINE unless `state` is ONLINE.
 */

#define PST_SYNC_ERROR (pst_sync_error_quark ())

typedef enum
{
  PST_SYNC_ERROR_OFFLINE,       /* the action needs the server's decision: not while offline */
  PST_SYNC_ERROR_UNREACHABLE,   /* no answer from the server address */
  PST_SYNC_ERROR_TLS,           /* the server's certificate cannot be trusted */
  PST_SYNC_ERROR_UNAUTHORIZED,  /* wrong username or password, or the session ended */
  PST_SYNC_ERROR_RATE_LIMITED,  /* too many failed logins; try later */
  PST_SYNC_ERROR_REJECTED,      /* the server refused the action (its message says why) */
  PST_SYNC_ERROR_PROTOCOL,      /* an answer we do not understand */
  PST_SYNC_ERROR_CACHE,         /* the local cache cannot be opened or written */
} PstSyncError;

typedef enum
{
  PST_CONNECTION_OFFLINE,
  PST_CONNECTION_CONNECTING,
  PST_CONNECTION_ONLINE,
} PstConnectionState;

#define PST_TYPE_CONNECTION_STATE (pst_connection_state_get_type ())
#define PST_TYPE_SYNC (pst_sync_get_type ())

G_DECLARE_FINAL_TYPE (PstSync, pst_sync, PST, SYNC, GObject)

GQuark              pst_sync_error_quark       (void);
GType               pst_connection_state_get_type (void);

PstSync            *pst_sync_new               (PstClock            *clock,
                                                const char          *cache_dir);

/* Session. */
void                pst_sync_login_async       (PstSync             *self,
                                                const char          *server_url,
                                                const char          *username,
                                                const char          *password,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean            pst_sync_login_finish      (PstSync             *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void                pst_sync_logout            (PstSync             *self);
gboolean            pst_sync_is_logged_in      (PstSync             *self);
const char         *pst_sync_get_server_url    (PstSync             *self);
const PstOfficer   *pst_sync_get_officer       (PstSync             *self);
const PstOffice    *pst_sync_get_office        (PstSync             *self);
PstCalendar        *pst_sync_get_calendar      (PstSync             *self);
PstConnectionState  pst_sync_get_state         (PstSync             *self);
guint               pst_sync_get_pending_count (PstSync             *self);

/* The walk-in queue: today's tickets of the office, PstTicketItem. */
GListModel         *pst_sync_get_tickets       (PstSync             *self);
void                pst_sync_issue_ticket      (PstSync             *self,
                                                PstService           service,
                                                const PstGuestBook  *guest_book);
void                pst_sync_ticket_action     (PstSync             *self,
                                                PstTicketItem       *ticket,
                                                PstTicketAction      action,
                                                JsonObject          *body);
void                pst_sync_set_guest_book    (PstSync             *self,
                                                PstTicketItem       *ticket,
                                                const PstGuestBook  *guest_book);
void                pst_sync_call_next_async   (PstSync             *self,
                                                const char          *desk,
                                                const PstService    *services,
                                                guint                n_services,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
PstTicketItem      *pst_sync_call_next_finish  (PstSync             *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Online consultations of the office (PstConsultationItem), most urgent
 * first: those the server lists as not closed, and those closed during
 * this session (so a thread does not vanish under the officer who closed
 * it). The cache shows them at once; events keep them live.
 * `consultation-arrived (PstConsultationItem *)` is emitted for a
 * consultation that appears by a live event (not the first load), and
 * `requester-replied (PstConsultationItem *)` for a requester's message
 * arriving live; both are what desktop notifications are made of. An
 * item's last message is NULL until the desk has read its thread (done in
 * the background after the list). `unread`: the requester wrote since
 * this officer last opened the thread (pst_sync_mark_read()) and since
 * any officer answered; kept per officer in the cache.
 */
GListModel         *pst_sync_get_consultations (PstSync             *self);
/* The messages of consultation @id (PstMessageItem, oldest first): what
 * the cache holds at once, then the server's thread; live afterwards.
 * The same model is returned while anyone holds it. Transfer full: unref
 * it when the thread is no longer shown.
 */
GListModel         *pst_sync_get_messages      (PstSync             *self,
                                                const char          *consultation_id);
/* The name of officer @officer_id of the office, when known, or NULL. */
const char         *pst_sync_get_officer_name  (PstSync             *self,
                                                const char          *officer_id);
/* Writing a message and acting on a consultation go through the outbox:
 * they show at once (pending) and survive going offline and restarts.
 * @kb_article_ids may be NULL.
 */
void                pst_sync_send_message      (PstSync             *self,
                                                PstConsultationItem *consultation,
                                                const char          *body,
                                                const char * const  *kb_article_ids);
void                pst_sync_consultation_action (PstSync           *self,
                                                PstConsultationItem *consultation,
                                                PstConsultationAction action,
                                                JsonObject          *body);
/* The officer has seen the thread up to its latest message (call it
 * again while the thread stays shown and grows).
 */
void                pst_sync_mark_read         (PstSync             *self,
                                                PstConsultationItem *consultation);

/* The language of the server's messages ("id", "en"), or NULL for the
 * environment's; kept across sessions.
 */
void                pst_sync_set_language      (PstSync             *self,
                                                const char          *language);

/* One request of the session that needs the server's answer now (search,
 * lists for a dialog, the kiosk): @path is under the API root
 * ("/kb/search?q=…", already escaped), @body JSON or NULL. The answer's
 * JSON (NULL without an error for an empty answer such as 204), or a
 * PstSyncError: UNREACHABLE, REJECTED with the server's localized message,
 * UNAUTHORIZED (which also ends the session)… Not through the outbox:
 * use it for reads and for writes that are useless later.
 */
void                pst_sync_request_async     (PstSync             *self,
                                                const char          *method,
                                                const char          *path,
                                                JsonNode            *body,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* The same with an Idempotency-Key (NULL: none), so a write whose answer
 * was lost can be sent again with the same key and body and is done once.
 */
void                pst_sync_request_once_async (PstSync            *self,
                                                const char          *method,
                                                const char          *path,
                                                JsonNode            *body,
                                                const char          *idempotency_key,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
JsonNode           *pst_sync_request_finish    (PstSync             *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* The session's cache file (NULL when logged out), and skipping the
 * back-off: reconnect and resend the outbox now (a "Try again" button).
 */
const char         *pst_sync_get_cache_path    (PstSync             *self);
void                pst_sync_retry_now         (PstSync             *self);

G_END_DECLS
