/* pst-sync-private.h: what the parts of the sync engine share.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "pst-cache.h"
#include "pst-sync.h"

G_BEGIN_DECLS

/* pst-sync.c holds the session, the connection, the outbox and the
 * walk-in queue; pst-sync-consultations.c the consultations, their
 * threads and what the outbox does to them. Both work on one PstSync on
 * the main loop.
 */

#define API_PREFIX           "/api/v1"
#define LOCAL_ID_PREFIX      "local-"
#define SUBJECT_PREFIX       "ticket:"
#define CONSULTATION_SUBJECT_PREFIX "consultation:"

/* An answer from the server, or why none came. */
typedef struct
{
  guint        status;   /* 0 when no answer came */
  GError      *error;    /* why no answer came */
  JsonNode    *json;     /* the body, when it is JSON */
  SoupMessage *msg;
} Reply;

typedef void (*ReplyFunc)     (PstSync      *self,
                               Reply        *reply,
                               gpointer      data);
typedef void (*CacheDoneFunc) (PstSync      *self,
                               PstCache     *cache,
                               GAsyncResult *result,
                               gpointer      data);

typedef enum
{
  PENDING_ISSUE,
  PENDING_ACTION,
  PENDING_GUEST_BOOK,
  PENDING_MESSAGE,        /* a message written in a consultation */
  PENDING_CONSULTATION,   /* claim, assign, close, reopen, follow-up */
  PENDING_OTHER,
} PendingKind;

/* An outbox row in memory, with what it does to its ticket or
 * consultation.
 */
typedef struct
{
  PstOutboxEntry        *entry;
  PendingKind            kind;
  PstTicketAction        action;
  char                  *ticket_id;
  JsonNode              *body;
  gboolean               written;   /* the row is on disk */
  gboolean               dirty;     /* changed while being written */

  PstConsultationAction  consultation_action;
  char                  *consultation_id;
  char                  *message_id;         /* a message's local id */
  char                  *server_message_id;  /* the server's id of it, once known */
  guint                  events_at_send;     /* its consultation's events when sent */
} Pending;

/* What the consultations part keeps of one thread. */
typedef struct _PstSyncThread PstSyncThread;

struct _PstSync
{
  GObject parent_instance;

  PstClock    *clock;
  char        *cache_dir;
  SoupSession *http;          /* requests, with a timeout */
  SoupSession *ws_http;       /* the long-lived WebSocket */

  /* The session. */
  guint               generation;
  GCancellable       *cancellable;
  char               *server_url;
  char               *accept_language;
  char               *language;      /* set by pst_sync_set_language(), or NULL */
  char               *token;
  PstOfficer         *officer;
  PstOffice          *office;
  PstCalendar        *calendar;
  PstCache           *cache;
  char               *today;
  gboolean            logged_in;
  PstConnectionState  state;

  /* The connection. */
  SoupWebsocketConnection *ws;
  GCancellable       *handshake_cancellable;
  gint64              last_seq;
  guint               connect_serial;
  gboolean            connecting;
  guint               reload_serial;
  gboolean            reloading;
  guint               reconnect_attempts;
  guint               reconnect_id;
  guint               handshake_timeout_id;
  guint               day_check_id;

  /* The model. */
  GListStore         *tickets;     /* PstTicketItem, in queue order */
  GHashTable         *items;       /* id → PstTicketItem (the store's) */
  GHashTable         *confirmed;   /* id → PstTicket */

  /* The outbox. */
  GQueue              outbox;      /* Pending, in row order */
  gboolean            sending;
  guint               retry_id;
  guint               pending_count;

  /* The consultations (pst-sync-consultations.c). */
  GListStore         *consultations;            /* PstConsultationItem, most urgent first */
  GHashTable         *consultation_items;       /* id → PstConsultationItem (the store's) */
  GPtrArray          *consultations_added;      /* new items of a batch, not in the store yet */
  GHashTable         *consultations_confirmed;  /* id → PstConsultation, without messages */
  GHashTable         *threads;                  /* id → PstSyncThread */
  GHashTable         *closed_here;              /* ids closed during this session */
  GHashTable         *officer_names;            /* officer id → name */
  gint64              session_started_at;
  guint               list_serial;
  gboolean            list_loading;
  guint               list_retry_id;             /* reading the list again after an error */
  GHashTable         *list_touched;             /* ids events changed while the list is read */
  GQueue              thread_fetches;           /* ids whose thread is to be read */
  gboolean            thread_fetching;
};

/* pst-sync.c, for the other parts. */
void      pst_sync_api_send             (PstSync        *self,
                                         const char     *method,
                                         const char     *path,
                                         const char     *body,
                                         const char     *key,
                                         ReplyFunc       func,
                                         gpointer        data,
                                         GDestroyNotify  data_free);
gpointer  pst_sync_cache_call_new       (PstSync        *self,
                                         CacheDoneFunc   func,
                                         gpointer        data,
                                         GDestroyNotify  data_free);
void      pst_sync_cache_call_done_cb   (GObject        *source,
                                         GAsyncResult   *result,
                                         gpointer        user_data);
void      pst_sync_cache_written_cb     (PstSync        *self,
                                         PstCache       *cache,
                                         GAsyncResult   *result,
                                         gpointer        data);
gboolean  pst_sync_reply_is_success     (Reply          *reply);
void      pst_sync_session_ended        (PstSync        *self);
void      pst_sync_outbox_add           (PstSync        *self,
                                         PstOutboxEntry *entry);
void      pst_sync_outbox_remove        (PstSync        *self,
                                         Pending        *pending);
char     *pst_sync_escape_segment       (const char     *segment);
char     *pst_sync_node_to_string_take  (JsonNode       *node);
void      pst_sync_emit_action_failed   (PstSync        *self,
                                         GObject        *item,
                                         const char     *message);
void      pst_sync_emit_consultation_arrived (PstSync             *self,
                                              PstConsultationItem *item);
void      pst_sync_emit_requester_replied    (PstSync             *self,
                                              PstConsultationItem *item);

/* pst-sync-consultations.c, for pst-sync.c. */
void      pst_sync_consultations_init       (PstSync          *self);
void      pst_sync_consultations_finalize   (PstSync          *self);
void      pst_sync_consultations_clear      (PstSync          *self);
void      pst_sync_consultations_load       (PstSync          *self,
                                             PstCacheSnapshot *snapshot);
void      pst_sync_consultations_reload     (PstSync          *self);
gboolean  pst_sync_consultations_apply_event (PstSync         *self,
                                              const PstEvent  *event);
void      pst_sync_consultations_parse_pending (Pending       *pending,
                                                char         **segments);
void      pst_sync_consultations_refresh    (PstSync          *self,
                                             const char       *consultation_id);
void      pst_sync_consultations_sending    (PstSync          *self,
                                             Pending          *pending);
void      pst_sync_consultations_accepted   (PstSync          *self,
                                             Pending          *pending,
                                             Reply            *reply);
void      pst_sync_consultations_failed     (PstSync          *self,
                                             Pending          *pending,
                                             const char       *message);

G_END_DECLS
