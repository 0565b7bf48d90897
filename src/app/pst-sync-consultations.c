/* pst-sync-consultations.c: the consultations part of the sync engine.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-sync-private.h"

#include "pst-i18n.h"

/* How consultations are kept.
 *
 * Model. As for tickets, `consultations_confirmed` holds each
 * consultation as the server last described it (without its messages)
 * and an item shows it with this officer's outbox rows on it applied in
 * order: a message makes it wait for the requester, claim shows the
 * officer as assignee, assign the chosen one, close shows it closed,
 * reopen open again, follow-up the plan. An item is `pending` while any
 * such row waits, and a refused row rolls back by being dropped. Items
 * are sorted as the server lists them (pst-route-consultations.c): not
 * closed first, then unanswered ones, then those awaiting an officer,
 * then those awaiting the requester, each by first-response due, then by
 * the last message. Consultations closed during the session stay (the
 * server's list leaves closed ones out); the next session does not show
 * them.
 *
 * Sources. At login the cache's consultations show at once. After each
 * (re)connection and resync, GET /consultations (every page) is the
 * server's word: those it lacks drop out, except ones closed here or
 * changed by an event while the list was read (an event is never older
 * than a list read before it arrived, and a newer one always follows).
 * Events keep the list live: consultation.* and sla.* carry the
 * consultation, message.created also the new message.
 *
 * Threads. Each consultation's messages are read from the cache the
 * first time a thread is asked for, then from GET /consultations/{id};
 * both are merged by message id (a thread only grows), so an answer that
 * crossed an event loses nothing. One model per thread is shared while
 * anyone holds it (the engine keeps a weak reference). A message written
 * here shows at once as a pending item with a local id made from its
 * Idempotency-Key (so it is the same after a restart); when the server's
 * answer, or its message.created event, names the server's message, the
 * same item takes it.
 *
 * Last message and unread. The list's last-message text comes from the
 * cache's threads and from message.created; for consultations whose last
 * message the desk does not know yet (a first login, a requester's first
 * message, messages missed while offline), the thread is read in the
 * background, one at a time, after the list: that fills the cache for
 * offline reading too. Until then the text is NULL. An item is unread
 * when the newest requester message is later than the mark
 * pst_sync_mark_read() leaves (per officer, kept in the cache) and than
 * any officer's answer (someone dealt with it): on a new desk, the
 * threads waiting for an officer.
 *
 * Names. Officers may not list the office's accounts, so the server
 * sends names with the ids (`assignee_name`, a message's `officer_name`,
 * docs/api-extensions.md): the desk learns them from every consultation
 * and message it sees, cached ones included, and a supervisor's desk also
 * reads GET /officers?office= after each connection.
 *
 * Notifications. `consultation-arrived` and `requester-replied` are
 * emitted for events from the session's start on (the desk's clock at
 * login against the event's time): never for the cache, the list, or
 * events replayed from before the login.
 */

#define LIST_PAGE_SIZE 200
#define LIST_RETRY_S   10

struct _PstSyncThread
{
  char       *id;
  GPtrArray  *messages;          /* PstMessage, oldest first; NULL until loaded */
  GPtrArray  *early;             /* PstMessage that came before it was loaded */
  PstMessage *last;              /* the newest message known, or NULL */
  gint64      last_requester_at;
  gint64      last_officer_at;
  gint64      read_at;
  GListStore *model;             /* PstMessageItem; weak, while someone holds it */
  GHashTable *model_items;       /* message id (server or local) → PstMessageItem */
  GHashTable *adopted;           /* server message id → local id of the item */
  guint       events;            /* events applied to the consultation */
  guint       events_at_fetch;
  gboolean    cache_loading;
  gboolean    fetching;
  gboolean    fetched;           /* read from the server in this session */
};

typedef struct
{
  guint      serial;
  GPtrArray *items;              /* PstConsultation */
} ListOp;

typedef struct
{
  char     *id;
  gboolean  queued;              /* one of the background reads */
} ThreadFetch;

static const struct
{
  PstConsultationAction action;
  const char           *verb;
} action_verbs[] = {
  { PST_CONSULTATION_ACTION_CLAIM, "claim" },
  { PST_CONSULTATION_ACTION_ASSIGN, "assign" },
  { PST_CONSULTATION_ACTION_CLOSE, "close" },
  { PST_CONSULTATION_ACTION_REOPEN, "reopen" },
  { PST_CONSULTATION_ACTION_FOLLOW_UP, "follow-up" },
};

static void thread_fetch      (PstSync       *self,
                               PstSyncThread *thread,
                               gboolean       queued);
static void thread_fetch_next (PstSync       *self);

/* Officer names. */

static void
note_officer_name (PstSync    *self,
                   const char *id,
                   const char *name)
{
  if (id == NULL || name == NULL || *name == '\0')
    return;

  /* Interned: the pointers pst_sync_get_officer_name() gave stay valid. */
  g_hash_table_replace (self->officer_names, g_strdup (id), (gpointer) g_intern_string (name));
}

static void
note_message_names (PstSync   *self,
                    GPtrArray *messages)
{
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      const PstMessage *message = g_ptr_array_index (messages, i);

      note_officer_name (self, message->officer, message->officer_name);
    }
}

/* Threads. */

static void
model_gone_cb (gpointer  data,
               GObject  *where_the_object_was)
{
  PstSyncThread *thread = data;

  thread->model = NULL;
  g_hash_table_remove_all (thread->model_items);
}

static void
thread_free (PstSyncThread *thread)
{
  if (thread->model != NULL)
    g_object_weak_unref (G_OBJECT (thread->model), model_gone_cb, thread);
  g_free (thread->id);
  g_clear_pointer (&thread->messages, g_ptr_array_unref);
  g_clear_pointer (&thread->early, g_ptr_array_unref);
  g_clear_pointer (&thread->last, pst_message_free);
  g_clear_pointer (&thread->model_items, g_hash_table_unref);
  g_clear_pointer (&thread->adopted, g_hash_table_unref);
  g_free (thread);
}

static PstSyncThread *
thread_get (PstSync    *self,
            const char *id)
{
  PstSyncThread *thread = g_hash_table_lookup (self->threads, id);

  if (thread != NULL)
    return thread;

  thread = g_new0 (PstSyncThread, 1);
  thread->id = g_strdup (id);
  thread->last_requester_at = PST_TIME_UNSET;
  thread->last_officer_at = PST_TIME_UNSET;
  thread->read_at = PST_TIME_UNSET;
  thread->model_items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  thread->adopted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->threads, thread->id, thread);

  return thread;
}

/* Takes note of @message as a message of the thread, which needs not be
 * loaded: the newest message and the requester's last one.
 */
static void
thread_note_message (PstSyncThread    *thread,
                     const PstMessage *message)
{
  if (thread->last == NULL || message->at > thread->last->at ||
      (message->at == thread->last->at && g_strcmp0 (message->id, thread->last->id) == 0))
    {
      g_clear_pointer (&thread->last, pst_message_free);
      thread->last = pst_message_copy (message);
    }

  if (message->author == PST_AUTHOR_REQUESTER && message->at > thread->last_requester_at)
    thread->last_requester_at = message->at;
  if (message->author == PST_AUTHOR_OFFICER && message->at > thread->last_officer_at)
    thread->last_officer_at = message->at;
}

static int
compare_messages (gconstpointer a,
                  gconstpointer b)
{
  const PstMessage *ma = *(const PstMessage **) a;
  const PstMessage *mb = *(const PstMessage **) b;

  if (ma->at != mb->at)
    return ma->at < mb->at ? -1 : 1;

  return 0;
}

/* Adds @messages (PstMessage) to the thread, or replaces those of the
 * same id; a thread not loaded yet becomes loaded with @loads. Messages
 * that come while the cache is being read are kept aside until then (it
 * may have been read before they were written).
 */
static void
thread_merge_messages (PstSyncThread *thread,
                       GPtrArray     *messages,
                       gboolean       loads)
{
  if (thread->messages == NULL && loads)
    {
      g_autoptr(GPtrArray) early = g_steal_pointer (&thread->early);

      thread->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_message_free);
      if (early != NULL)
        thread_merge_messages (thread, early, FALSE);
    }

  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      const PstMessage *message = g_ptr_array_index (messages, i);
      gboolean found = FALSE;

      if (message->id == NULL)
        continue;

      thread_note_message (thread, message);
      if (thread->messages == NULL)
        {
          if (thread->cache_loading && thread->early == NULL)
            thread->early = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_message_free);
          if (thread->cache_loading)
            g_ptr_array_add (thread->early, pst_message_copy (message));
          continue;
        }

      for (guint j = 0; j < thread->messages->len && !found; j++)
        {
          PstMessage *known = g_ptr_array_index (thread->messages, j);

          if (g_strcmp0 (known->id, message->id) == 0)
            {
              g_ptr_array_index (thread->messages, j) = pst_message_copy (message);
              pst_message_free (known);
              found = TRUE;
            }
        }
      if (!found)
        g_ptr_array_add (thread->messages, pst_message_copy (message));
    }

  /* Stable: messages of the same instant keep the server's order. */
  if (thread->messages != NULL)
    g_ptr_array_sort (thread->messages, compare_messages);
}

static JsonObject *
pending_body (Pending *pending)
{
  return pending->body != NULL && JSON_NODE_HOLDS_OBJECT (pending->body)
           ? json_node_get_object (pending->body) : NULL;
}

static char *
pending_text (Pending *pending)
{
  JsonObject *body = pending_body (pending);
  const char *text = body != NULL ? json_object_get_string_member_with_default (body, "body", NULL)
                                  : NULL;

  return text != NULL ? g_strstrip (g_strdup (text)) : NULL;
}

/* The message @pending writes, as shown until the server has it. */
static PstMessage *
pending_message (PstSync *self,
                 Pending *pending)
{
  JsonObject *body = pending_body (pending);
  PstMessage *message = pst_message_new ();

  message->id = g_strdup (pending->message_id);
  message->consultation = g_strdup (pending->consultation_id);
  message->author = PST_AUTHOR_OFFICER;
  message->officer = g_strdup (pending->entry->officer);
  if (self->officer != NULL && g_strcmp0 (self->officer->id, pending->entry->officer) == 0)
    message->officer_name = g_strdup (self->officer->name);
  message->body = pending_text (pending);
  if (message->body == NULL)
    message->body = g_strdup ("");
  if (body != NULL && json_object_has_member (body, "kb_article_ids"))
    {
      g_autoptr(GPtrArray) ids = NULL;

      if (pst_json_get_string_array (body, "kb_article_ids", FALSE, &ids, NULL) && ids != NULL)
        {
          g_ptr_array_unref (message->kb_article_ids);
          message->kb_article_ids = g_steal_pointer (&ids);
        }
    }
  message->at = pending->entry->created_at;

  return message;
}

/* Whether @message is the server's copy of what @pending wrote. */
static gboolean
pending_wrote (Pending          *pending,
               const PstMessage *message)
{
  g_autofree char *text = NULL;

  if (pending->kind != PENDING_MESSAGE || message->author != PST_AUTHOR_OFFICER ||
      g_strcmp0 (message->officer, pending->entry->officer) != 0)
    return FALSE;

  text = pending_text (pending);
  return g_strcmp0 (text, message->body) == 0;
}

static gboolean
is_adopted (PstSyncThread *thread,
            const char    *server_id)
{
  return g_hash_table_contains (thread->adopted, server_id);
}

static void
adopt (PstSyncThread *thread,
       Pending       *pending,
       const char    *server_id)
{
  g_free (pending->server_message_id);
  pending->server_message_id = g_strdup (server_id);
  g_hash_table_replace (thread->adopted, g_strdup (server_id), g_strdup (pending->message_id));
}

/* Makes @model hold the items of @wanted, replacing only the middle part
 * that differs: rows that stay are not touched.
 */
static void
splice_changed (GListStore *model,
                GPtrArray  *wanted)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (model));
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < n_old && prefix < wanted->len)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), prefix);

      if (item != g_ptr_array_index (wanted, prefix))
        break;
      prefix++;
    }

  while (suffix < n_old - prefix && suffix < wanted->len - prefix)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), n_old - 1 - suffix);

      if (item != g_ptr_array_index (wanted, wanted->len - 1 - suffix))
        break;
      suffix++;
    }

  if (prefix == n_old && prefix == wanted->len)
    return;

  g_list_store_splice (model, prefix, n_old - prefix - suffix,
                       wanted->len > prefix + suffix ? wanted->pdata + prefix : NULL,
                       wanted->len - prefix - suffix);
}

/* Brings the thread's model in line: the server's messages, then those
 * written here that it does not have yet. An item keeps its object when
 * its message changes, and when a local message becomes the server's.
 */
static void
thread_refresh_model (PstSync       *self,
                      PstSyncThread *thread)
{
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GHashTable) items = NULL;

  if (thread->model == NULL)
    return;

  wanted = g_ptr_array_new ();
  items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; thread->messages != NULL && i < thread->messages->len; i++)
    {
      const PstMessage *message = g_ptr_array_index (thread->messages, i);
      const char *local_id = g_hash_table_lookup (thread->adopted, message->id);
      PstMessageItem *item = NULL;

      if (g_hash_table_contains (items, message->id))
        continue;
      if (local_id != NULL)
        item = g_hash_table_lookup (thread->model_items, local_id);
      if (item == NULL)
        item = g_hash_table_lookup (thread->model_items, message->id);

      if (item != NULL)
        {
          g_object_ref (item);
          pst_message_item_set_message (item, message);
          pst_message_item_set_pending (item, FALSE);
        }
      else
        item = pst_message_item_new (message, FALSE);

      g_hash_table_insert (items, g_strdup (message->id), item);
      g_ptr_array_add (wanted, item);
    }

  for (GList *l = self->outbox.head; l != NULL; l = l->next)
    {
      Pending *pending = l->data;
      g_autoptr(PstMessage) message = NULL;
      PstMessageItem *item;

      if (pending->kind != PENDING_MESSAGE ||
          g_strcmp0 (pending->consultation_id, thread->id) != 0 || pending->message_id == NULL)
        continue;
      if (pending->server_message_id != NULL &&
          g_hash_table_contains (items, pending->server_message_id))
        continue;

      message = pending_message (self, pending);
      item = g_hash_table_lookup (thread->model_items, pending->message_id);
      if (item != NULL)
        {
          g_object_ref (item);
          pst_message_item_set_message (item, message);
          pst_message_item_set_pending (item, TRUE);
        }
      else
        item = pst_message_item_new (message, TRUE);

      g_hash_table_insert (items, g_strdup (pending->message_id), item);
      g_ptr_array_add (wanted, item);
    }

  g_clear_pointer (&thread->model_items, g_hash_table_unref);
  thread->model_items = g_steal_pointer (&items);
  splice_changed (thread->model, wanted);
}

/* Whether the thread's newest message is not known here yet. */
static gboolean
thread_is_stale (PstSyncThread         *thread,
                 const PstConsultation *consultation)
{
  if (consultation == NULL || consultation->last_message_at == PST_TIME_UNSET)
    return FALSE;

  return thread->last == NULL || consultation->last_message_at > thread->last->at;
}

/* Items. */

/* Not answered yet: the server says when it was (`sla.first_response_at`,
 * an extension); without it, an open consultation is one.
 */
static gboolean
is_unanswered (const PstConsultation *consultation)
{
  if (consultation->sla != NULL)
    return consultation->sla->first_response_at == PST_TIME_UNSET;

  return consultation->status == PST_CONSULTATION_STATUS_OPEN;
}

static gint64
due_of (const PstConsultation *consultation)
{
  return consultation->sla != NULL ? consultation->sla->first_response_due : PST_TIME_UNSET;
}

/* The server's order of GET /consultations. */
static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const PstConsultation *ca = pst_consultation_item_get_consultation ((PstConsultationItem *) a);
  const PstConsultation *cb = pst_consultation_item_get_consultation ((PstConsultationItem *) b);
  gboolean closed_a = ca->status == PST_CONSULTATION_STATUS_CLOSED;
  gboolean closed_b = cb->status == PST_CONSULTATION_STATUS_CLOSED;
  gboolean waiting_a = ca->status == PST_CONSULTATION_STATUS_AWAITING_REQUESTER;
  gboolean waiting_b = cb->status == PST_CONSULTATION_STATUS_AWAITING_REQUESTER;

  if (closed_a != closed_b)
    return closed_a ? 1 : -1;
  if (is_unanswered (ca) != is_unanswered (cb))
    return is_unanswered (ca) ? -1 : 1;
  if (waiting_a != waiting_b)
    return waiting_a ? 1 : -1;
  if (due_of (ca) != due_of (cb))
    return due_of (ca) < due_of (cb) ? -1 : 1;
  if (ca->last_message_at != cb->last_message_at)
    return ca->last_message_at < cb->last_message_at ? -1 : 1;

  return g_strcmp0 (ca->id, cb->id);
}

/* What @pending makes of @consultation (taken). */
static PstConsultation *
apply_pending (PstSync         *self,
               Pending         *pending,
               PstConsultation *consultation)
{
  JsonObject *body = pending_body (pending);
  gboolean closed = consultation->status == PST_CONSULTATION_STATUS_CLOSED;

  if (pending->kind == PENDING_MESSAGE)
    {
      if (!closed)
        {
          consultation->status = PST_CONSULTATION_STATUS_AWAITING_REQUESTER;
          consultation->last_message_at = MAX (consultation->last_message_at,
                                               pending->entry->created_at);
          if (consultation->sla != NULL)
            {
              consultation->sla->state = PST_BADGE_OK;
              if (consultation->sla->first_response_at == PST_TIME_UNSET)
                consultation->sla->first_response_at = pending->entry->created_at;
            }
        }
      return consultation;
    }

  if (pending->kind != PENDING_CONSULTATION)
    return consultation;

  switch (pending->consultation_action)
    {
    case PST_CONSULTATION_ACTION_CLAIM:
      if (!closed && consultation->assignee == NULL)
        {
          consultation->assignee = g_strdup (pending->entry->officer);
          g_free (consultation->assignee_name);
          consultation->assignee_name = g_strdup (g_hash_table_lookup (self->officer_names,
                                                                       pending->entry->officer));
        }
      break;

    case PST_CONSULTATION_ACTION_ASSIGN:
      {
        const char *officer = body != NULL
                                ? json_object_get_string_member_with_default (body, "officer", NULL)
                                : NULL;

        if (!closed && officer != NULL)
          {
            g_free (consultation->assignee);
            consultation->assignee = g_strdup (officer);
            g_free (consultation->assignee_name);
            consultation->assignee_name = g_strdup (g_hash_table_lookup (self->officer_names,
                                                                         officer));
          }
      }
      break;

    case PST_CONSULTATION_ACTION_CLOSE:
      if (!closed)
        {
          PstResolution resolution = PST_RESOLUTION_ANSWERED;

          if (body != NULL)
            pst_json_get_enum (body, "resolution", FALSE, PST_JSON_ENUM_FROM_STRING (pst_resolution),
                               (int *) &resolution, NULL);
          consultation->status = PST_CONSULTATION_STATUS_CLOSED;
          consultation->has_resolution = TRUE;
          consultation->resolution = resolution;
          if (consultation->sla != NULL)
            consultation->sla->idle_close_at = PST_TIME_UNSET;
        }
      break;

    case PST_CONSULTATION_ACTION_REOPEN:
      if (closed)
        {
          consultation->status = PST_CONSULTATION_STATUS_AWAITING_OFFICER;
          consultation->has_resolution = FALSE;
        }
      break;

    case PST_CONSULTATION_ACTION_FOLLOW_UP:
      if (!closed && body != NULL)
        {
          PstFollowUpMode mode = PST_FOLLOW_UP_IN_PERSON;
          gint64 at = PST_TIME_UNSET;
          g_autofree char *link = NULL;

          if (pst_json_get_enum (body, "mode", TRUE, PST_JSON_ENUM_FROM_STRING (pst_follow_up_mode),
                                 (int *) &mode, NULL) &&
              pst_json_get_instant (body, "at", TRUE, &at, NULL))
            {
              pst_json_get_string (body, "link", FALSE, &link, NULL);
              g_clear_pointer (&consultation->follow_up, pst_follow_up_free);
              consultation->follow_up = pst_follow_up_new (mode, at, link);
            }
        }
      break;

    default:
      break;
    }

  return consultation;
}

/* Consultation @id as shown: the server's, with this officer's outbox on
 * it; NULL when the desk does not know it. @out_text is the newest
 * message written here and not yet sent, if any.
 */
static PstConsultation *
compose (PstSync     *self,
         const char  *id,
         gboolean    *out_pending,
         char       **out_text)
{
  const PstConsultation *confirmed = g_hash_table_lookup (self->consultations_confirmed, id);
  PstConsultation *consultation = confirmed != NULL ? pst_consultation_copy (confirmed) : NULL;

  *out_pending = FALSE;
  *out_text = NULL;
  for (GList *l = self->outbox.head; l != NULL; l = l->next)
    {
      Pending *pending = l->data;

      if (g_strcmp0 (pending->consultation_id, id) != 0)
        continue;

      *out_pending = TRUE;
      if (pending->kind == PENDING_MESSAGE)
        {
          g_free (*out_text);
          *out_text = pending_text (pending);
        }
      if (consultation != NULL)
        consultation = apply_pending (self, pending, consultation);
    }

  return consultation;
}

static void
remove_item (PstSync             *self,
             PstConsultationItem *item)
{
  guint position;

  if (self->consultations_added != NULL)
    g_ptr_array_remove (self->consultations_added, item);
  if (g_list_store_find (self->consultations, item, &position))
    g_list_store_remove (self->consultations, position);
}

static int
compare_items_indirect (gconstpointer a,
                        gconstpointer b)
{
  return compare_items (*(gpointer *) a, *(gpointer *) b, NULL);
}

/* Many items change at once (the cache at login, the server's list): new
 * ones are added together at the end, so a list that was empty fills in
 * one go, from the top.
 */
static void
batch_begin (PstSync *self)
{
  g_assert (self->consultations_added == NULL);

  self->consultations_added = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
batch_end (PstSync *self)
{
  g_autoptr(GPtrArray) added = g_steal_pointer (&self->consultations_added);

  g_ptr_array_sort (added, compare_items_indirect);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->consultations)) == 0)
    {
      g_list_store_splice (self->consultations, 0, 0, added->len > 0 ? added->pdata : NULL,
                           added->len);
      return;
    }

  for (guint i = 0; i < added->len; i++)
    g_list_store_insert_sorted (self->consultations, g_ptr_array_index (added, i),
                                compare_items, NULL);
}

/* Moves @item when its neighbours say it is out of order. */
static void
keep_sorted (PstSync             *self,
             PstConsultationItem *item)
{
  GListModel *model = G_LIST_MODEL (self->consultations);
  g_autoptr(PstConsultationItem) before = NULL;
  g_autoptr(PstConsultationItem) after = NULL;
  guint position;

  if (!g_list_store_find (self->consultations, item, &position))
    return;

  if (position > 0)
    before = g_list_model_get_item (model, position - 1);
  after = g_list_model_get_item (model, position + 1);
  if ((before == NULL || compare_items (before, item, NULL) <= 0) &&
      (after == NULL || compare_items (item, after, NULL) <= 0))
    return;

  g_object_ref (item);
  g_list_store_remove (self->consultations, position);
  g_list_store_insert_sorted (self->consultations, item, compare_items, NULL);
  g_object_unref (item);
}

static void
update_item_thread (PstSync             *self,
                    PstConsultationItem *item,
                    PstSyncThread       *thread,
                    const char          *pending_text)
{
  gboolean unread = FALSE;

  /* An officer's answer after it counts as read: someone dealt with it. */
  if (thread != NULL && thread->last_requester_at != PST_TIME_UNSET)
    unread = thread->last_requester_at > thread->read_at &&
             thread->last_requester_at > thread->last_officer_at;

  if (pending_text != NULL)
    pst_consultation_item_set_last_message (item, pending_text);
  else
    pst_consultation_item_set_last_message (item, thread != NULL && thread->last != NULL
                                                    ? thread->last->body : NULL);
  pst_consultation_item_set_unread (item, unread);
}

/* Brings the item of @id in line with what it should show: updated in
 * place, added, moved, or removed; and its thread's model.
 */
static void
refresh (PstSync    *self,
         const char *id)
{
  g_autoptr(PstConsultation) consultation = NULL;
  g_autofree char *text = NULL;
  PstConsultationItem *item;
  PstSyncThread *thread;
  gboolean pending;

  if (id == NULL)
    return;

  consultation = compose (self, id, &pending, &text);
  item = g_hash_table_lookup (self->consultation_items, id);
  thread = g_hash_table_lookup (self->threads, id);

  if (thread != NULL)
    thread_refresh_model (self, thread);

  if (consultation == NULL)
    {
      if (item != NULL)
        {
          g_object_ref (item);
          g_hash_table_remove (self->consultation_items, id);
          remove_item (self, item);
          g_object_unref (item);
        }
      return;
    }

  if (item == NULL)
    {
      g_autoptr(PstConsultationItem) created = pst_consultation_item_new (consultation);

      pst_consultation_item_set_pending (created, pending);
      update_item_thread (self, created, thread, text);
      g_hash_table_insert (self->consultation_items, g_strdup (id), created);
      if (self->consultations_added != NULL)
        g_ptr_array_add (self->consultations_added, g_object_ref (created));
      else
        g_list_store_insert_sorted (self->consultations, created, compare_items, NULL);
      return;
    }

  pst_consultation_item_set_consultation (item, consultation);
  pst_consultation_item_set_pending (item, pending);
  update_item_thread (self, item, thread, text);
  keep_sorted (self, item);
}

/* Takes @incoming (its messages, if any, are not kept) as the server's
 * word on a consultation of the office. Returns whether it is one.
 */
static gboolean
merge (PstSync               *self,
       const PstConsultation *incoming)
{
  PstConsultation *copy;

  if (incoming->id == NULL || self->office == NULL ||
      (incoming->office != NULL && g_strcmp0 (incoming->office, self->office->code) != 0))
    return FALSE;

  note_officer_name (self, incoming->assignee, incoming->assignee_name);
  note_message_names (self, incoming->messages);
  copy = pst_consultation_copy (incoming);
  g_clear_pointer (&copy->messages, g_ptr_array_unref);
  g_hash_table_replace (self->consultations_confirmed, g_strdup (copy->id), copy);

  return TRUE;
}

/* Writing to the cache. */

static void
cache_store (PstSync               *self,
             const PstConsultation *consultation,
             const PstMessage      *message)
{
  g_autoptr(GPtrArray) consultations = g_ptr_array_new ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();

  if (self->cache == NULL || self->office == NULL)
    return;

  if (consultation != NULL)
    g_ptr_array_add (consultations, (gpointer) consultation);
  if (message != NULL)
    g_ptr_array_add (messages, (gpointer) message);

  pst_cache_store_consultations_async (self->cache, self->office->code, consultations, messages,
                                       FALSE, pst_clock_get_now (self->clock), NULL,
                                       pst_sync_cache_call_done_cb,
                                       pst_sync_cache_call_new (self, pst_sync_cache_written_cb,
                                                                NULL, NULL));
}

/* The consultation @id as confirmed with its thread's messages, for the
 * cache (the thread only grows, so this is never less than it holds).
 */
static void
cache_store_thread (PstSync       *self,
                    PstSyncThread *thread)
{
  const PstConsultation *confirmed = g_hash_table_lookup (self->consultations_confirmed, thread->id);
  g_autoptr(PstConsultation) copy = NULL;

  if (confirmed == NULL || thread->messages == NULL)
    return;

  copy = pst_consultation_copy (confirmed);
  g_clear_pointer (&copy->messages, g_ptr_array_unref);
  copy->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_message_free);
  for (guint i = 0; i < thread->messages->len; i++)
    g_ptr_array_add (copy->messages, pst_message_copy (g_ptr_array_index (thread->messages, i)));
  cache_store (self, copy, NULL);
}

/* Reading a thread. */

static void
thread_fetch_free (ThreadFetch *fetch)
{
  g_free (fetch->id);
  g_free (fetch);
}

static void
thread_fetched_cb (PstSync  *self,
                   Reply    *reply,
                   gpointer  data)
{
  ThreadFetch *fetch = data;
  const char *id = fetch->id;
  PstSyncThread *thread = g_hash_table_lookup (self->threads, id);
  g_autoptr(PstConsultation) consultation = NULL;

  if (fetch->queued)
    self->thread_fetching = FALSE;
  if (thread == NULL)
    return;

  thread->fetching = FALSE;

  if (reply->status == SOUP_STATUS_UNAUTHORIZED)
    {
      pst_sync_session_ended (self);
      return;
    }

  if (reply->status == SOUP_STATUS_NOT_FOUND)
    {
      /* Gone, or moved to another office. */
      g_hash_table_remove (self->consultations_confirmed, id);
      refresh (self, id);
    }
  else if (pst_sync_reply_is_success (reply) && reply->json != NULL &&
           (consultation = pst_consultation_from_json (reply->json, NULL)) != NULL &&
           g_strcmp0 (consultation->id, id) == 0)
    {
      thread->fetched = TRUE;
      note_message_names (self, consultation->messages);
      thread_merge_messages (thread, consultation->messages, TRUE);
      /* An event that came meanwhile is as new as the answer, or newer. */
      if (thread->events == thread->events_at_fetch)
        merge (self, consultation);
      cache_store_thread (self, thread);
      refresh (self, id);
    }

  thread_fetch_next (self);
}

/* Reads the thread from the server (a @queued one is one of the
 * background reads, one at a time).
 */
static void
thread_fetch (PstSync       *self,
              PstSyncThread *thread,
              gboolean       queued)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  ThreadFetch *fetch;

  if (thread->fetching || self->state != PST_CONNECTION_ONLINE)
    return;

  thread->fetching = TRUE;
  thread->events_at_fetch = thread->events;
  if (queued)
    self->thread_fetching = TRUE;

  fetch = g_new0 (ThreadFetch, 1);
  fetch->id = g_strdup (thread->id);
  fetch->queued = queued;
  escaped = pst_sync_escape_segment (thread->id);
  path = g_strconcat (API_PREFIX "/consultations/", escaped, NULL);
  pst_sync_api_send (self, "GET", path, NULL, NULL, thread_fetched_cb, fetch,
                     (GDestroyNotify) thread_fetch_free);
}

/* Starts the next background read of a thread whose newest message the
 * desk does not know.
 */
static void
thread_fetch_next (PstSync *self)
{
  while (!self->thread_fetching && self->state == PST_CONNECTION_ONLINE &&
         !g_queue_is_empty (&self->thread_fetches))
    {
      g_autofree char *id = g_queue_pop_head (&self->thread_fetches);
      PstSyncThread *thread = thread_get (self, id);

      if (!thread->fetching &&
          thread_is_stale (thread, g_hash_table_lookup (self->consultations_confirmed, id)))
        thread_fetch (self, thread, TRUE);
    }
}

static void
queue_fetch (PstSync    *self,
             const char *id)
{
  if (g_queue_find_custom (&self->thread_fetches, id, (GCompareFunc) g_strcmp0) != NULL)
    return;

  g_queue_push_tail (&self->thread_fetches, g_strdup (id));
}

static void
thread_cache_loaded_cb (PstSync      *self,
                        PstCache     *cache,
                        GAsyncResult *result,
                        gpointer      data)
{
  const char *id = data;
  PstSyncThread *thread = g_hash_table_lookup (self->threads, id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  messages = pst_cache_load_messages_finish (cache, result, &error);
  if (thread == NULL)
    return;

  thread->cache_loading = FALSE;
  if (messages == NULL)
    g_message ("Could not read a thread from the local cache: %s", error->message);
  note_message_names (self, messages);
  thread_merge_messages (thread, messages, TRUE);
  refresh (self, id);
}

/* Events. */

static gboolean
is_live (PstSync        *self,
         const PstEvent *event)
{
  return event->at != PST_TIME_UNSET && event->at >= self->session_started_at;
}

/* Applies a consultation.*, message.created or sla.* event; returns
 * whether it was one.
 */
gboolean
pst_sync_consultations_apply_event (PstSync        *self,
                                    const PstEvent *event)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstConsultation) consultation = NULL;
  g_autoptr(PstMessage) message = NULL;
  PstConsultationItem *item;
  PstSyncThread *thread;
  gboolean known;
  guint generation = self->generation;

  if (!g_str_has_prefix (event->type, "consultation.") &&
      !g_str_has_prefix (event->type, "sla.") &&
      !g_str_equal (event->type, "message.created"))
    return FALSE;

  if (event->data != NULL)
    consultation = pst_consultation_from_json (event->data, &error);
  if (consultation == NULL || consultation->id == NULL)
    {
      g_debug ("Skipping event %" G_GINT64_FORMAT " (%s): %s", event->seq, event->type,
               error != NULL ? error->message : "no data");
      return TRUE;
    }

  if (g_str_equal (event->type, "message.created"))
    {
      JsonObject *obj = json_node_get_object (event->data);
      JsonNode *node = json_object_get_member (obj, "message");

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        message = pst_message_from_json (node, NULL);
      if (message != NULL && message->id == NULL)
        g_clear_pointer (&message, pst_message_free);
      if (message != NULL && message->consultation == NULL)
        message->consultation = g_strdup (consultation->id);
    }

  known = g_hash_table_contains (self->consultations_confirmed, consultation->id);
  if (!merge (self, consultation))
    return TRUE;

  thread = thread_get (self, consultation->id);
  thread->events++;
  if (self->list_loading)
    g_hash_table_add (self->list_touched, g_strdup (consultation->id));
  /* Closed while the officer looks: it stays in the list. */
  if (consultation->status == PST_CONSULTATION_STATUS_CLOSED && is_live (self, event))
    g_hash_table_add (self->closed_here, g_strdup (consultation->id));

  if (message != NULL)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      Pending *head = g_queue_peek_head (&self->outbox);

      /* The event of the message being sent came before the answer. */
      if (self->sending && head != NULL && !is_adopted (thread, message->id) &&
          head->server_message_id == NULL &&
          g_strcmp0 (head->consultation_id, consultation->id) == 0 &&
          pending_wrote (head, message))
        adopt (thread, head, message->id);

      g_ptr_array_add (one, message);
      note_message_names (self, one);
      thread_merge_messages (thread, one, FALSE);
    }

  /* A new consultation's first message is not in its event. */
  if (thread_is_stale (thread, consultation))
    queue_fetch (self, consultation->id);

  cache_store (self, consultation, message);
  refresh (self, consultation->id);
  thread_fetch_next (self);

  if (!is_live (self, event))
    return TRUE;

  item = g_hash_table_lookup (self->consultation_items, consultation->id);
  if (item == NULL)
    return TRUE;

  g_object_ref (item);
  /* Not the walk-in or phone consultation this officer just recorded. */
  if (g_str_equal (event->type, "consultation.created") && !known &&
      g_strcmp0 (consultation->assignee, self->officer->id) != 0)
    pst_sync_emit_consultation_arrived (self, item);
  if (self->generation == generation && message != NULL &&
      message->author == PST_AUTHOR_REQUESTER)
    pst_sync_emit_requester_replied (self, item);
  g_object_unref (item);

  return TRUE;
}

/* The list. */

static void
list_op_free (ListOp *op)
{
  g_clear_pointer (&op->items, g_ptr_array_unref);
  g_free (op);
}

static void fetch_list (PstSync    *self,
                        ListOp     *op,
                        const char *cursor);

/* Takes the server's list (PstConsultation) of the office's consultations
 * that are not closed.
 */
static void
apply_list (PstSync   *self,
            GPtrArray *consultations)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < consultations->len; i++)
    {
      const PstConsultation *consultation = g_ptr_array_index (consultations, i);

      if (consultation->id == NULL)
        continue;
      g_hash_table_add (seen, consultation->id);
      if (!g_hash_table_contains (self->list_touched, consultation->id))
        merge (self, consultation);
    }

  g_hash_table_iter_init (&iter, self->consultations_confirmed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (seen, key) && !g_hash_table_contains (self->closed_here, key) &&
          !g_hash_table_contains (self->list_touched, key))
        g_ptr_array_add (gone, g_strdup (key));
    }
  for (guint i = 0; i < gone->len; i++)
    g_hash_table_remove (self->consultations_confirmed, g_ptr_array_index (gone, i));

  /* What the desk keeps: the list, and those closed here or changed by an
   * event meanwhile.
   */
  g_hash_table_iter_init (&iter, self->consultations_confirmed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_ptr_array_add (ids, g_strdup (key));
      g_ptr_array_add (all, value);
    }
  batch_begin (self);
  for (guint i = 0; i < gone->len; i++)
    refresh (self, g_ptr_array_index (gone, i));
  for (guint i = 0; i < ids->len; i++)
    refresh (self, g_ptr_array_index (ids, i));
  batch_end (self);

  if (self->cache != NULL)
    pst_cache_store_consultations_async (self->cache, self->office->code, all, NULL, TRUE,
                                         pst_clock_get_now (self->clock), NULL,
                                         pst_sync_cache_call_done_cb,
                                         pst_sync_cache_call_new (self, pst_sync_cache_written_cb,
                                                                  NULL, NULL));

  /* The threads whose newest message is not known here, most urgent first. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->consultations)); i++)
    {
      g_autoptr(PstConsultationItem) item = g_list_model_get_item (G_LIST_MODEL (self->consultations),
                                                                   i);
      const char *id = pst_consultation_item_get_id (item);

      if (thread_is_stale (thread_get (self, id), g_hash_table_lookup (self->consultations_confirmed, id)))
        queue_fetch (self, id);
    }
  thread_fetch_next (self);
}

static gboolean
list_retry_cb (gpointer user_data)
{
  PstSync *self = user_data;

  self->list_retry_id = 0;
  if (self->state == PST_CONNECTION_ONLINE)
    pst_sync_consultations_reload (self);

  return G_SOURCE_REMOVE;
}

static void
list_cb (PstSync  *self,
         Reply    *reply,
         gpointer  data)
{
  ListOp *op = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *next_cursor = NULL;

  if (op->serial != self->list_serial || !self->list_loading)
    return;

  if (reply->status == SOUP_STATUS_UNAUTHORIZED)
    {
      pst_sync_session_ended (self);
      return;
    }

  if (!pst_sync_reply_is_success (reply) || reply->json == NULL ||
      (items = pst_json_list_from_json (reply->json, (PstJsonDecodeFunc) pst_consultation_from_json,
                                        (GDestroyNotify) pst_consultation_free, &next_cursor,
                                        &error)) == NULL)
    {
      /* Without a network the next connection reads it again; after an
       * error answer, a while later.
       */
      g_debug ("Reading the consultations failed: %s",
               error != NULL ? error->message
                             : reply->error != NULL ? reply->error->message : "HTTP error");
      self->list_loading = FALSE;
      if (reply->error == NULL && self->list_retry_id == 0)
        self->list_retry_id = g_timeout_add_seconds (LIST_RETRY_S, list_retry_cb, self);
      return;
    }

  g_ptr_array_extend_and_steal (op->items, g_steal_pointer (&items));

  if (next_cursor != NULL)
    {
      ListOp *next = g_new0 (ListOp, 1);

      next->serial = op->serial;
      next->items = g_steal_pointer (&op->items);
      op->items = g_ptr_array_new ();
      fetch_list (self, next, next_cursor);
      return;
    }

  self->list_loading = FALSE;
  apply_list (self, op->items);
  g_hash_table_remove_all (self->list_touched);
}

static void
fetch_list (PstSync    *self,
            ListOp     *op,
            const char *cursor)
{
  g_autofree char *code = pst_sync_escape_segment (self->office->code);
  g_autofree char *escaped_cursor = cursor != NULL ? pst_sync_escape_segment (cursor) : NULL;
  g_autofree char *path = NULL;

  path = g_strdup_printf (API_PREFIX "/consultations?office=%s&limit=%d%s%s", code, LIST_PAGE_SIZE,
                          cursor != NULL ? "&cursor=" : "",
                          cursor != NULL ? escaped_cursor : "");
  pst_sync_api_send (self, "GET", path, NULL, NULL, list_cb, op, (GDestroyNotify) list_op_free);
}

/* The office's accounts, which only a supervisor may list: names of
 * officers who have not yet taken or answered a consultation.
 */
static void fetch_officers (PstSync    *self,
                            const char *cursor);

static void
officers_cb (PstSync  *self,
             Reply    *reply,
             gpointer  data)
{
  g_autoptr(GPtrArray) officers = NULL;
  g_autofree char *next_cursor = NULL;

  if (!pst_sync_reply_is_success (reply) || reply->json == NULL ||
      (officers = pst_json_list_from_json (reply->json, (PstJsonDecodeFunc) pst_officer_from_json,
                                           (GDestroyNotify) pst_officer_free, &next_cursor,
                                           NULL)) == NULL)
    return;

  for (guint i = 0; i < officers->len; i++)
    {
      const PstOfficer *officer = g_ptr_array_index (officers, i);

      note_officer_name (self, officer->id, officer->name);
    }

  if (next_cursor != NULL)
    fetch_officers (self, next_cursor);
}

static void
fetch_officers (PstSync    *self,
                const char *cursor)
{
  g_autofree char *code = pst_sync_escape_segment (self->office->code);
  g_autofree char *escaped_cursor = cursor != NULL ? pst_sync_escape_segment (cursor) : NULL;
  g_autofree char *path = NULL;

  path = g_strdup_printf (API_PREFIX "/officers?office=%s&limit=500%s%s", code,
                          cursor != NULL ? "&cursor=" : "", cursor != NULL ? escaped_cursor : "");
  pst_sync_api_send (self, "GET", path, NULL, NULL, officers_cb, NULL, NULL);
}

/* Reads the office's list again (after a (re)connection or a resync),
 * and the threads being shown that were not read in this session; a
 * supervisor's desk also reads the office's accounts for their names.
 */
void
pst_sync_consultations_reload (PstSync *self)
{
  ListOp *op;
  GHashTableIter iter;
  gpointer value;

  if (!self->logged_in || self->office == NULL || self->cache == NULL)
    return;

  g_clear_handle_id (&self->list_retry_id, g_source_remove);
  self->list_serial++;
  self->list_loading = TRUE;
  g_hash_table_remove_all (self->list_touched);

  op = g_new0 (ListOp, 1);
  op->serial = self->list_serial;
  op->items = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_consultation_free);
  fetch_list (self, op, NULL);

  if (self->officer->role == PST_ROLE_SUPERVISOR || self->officer->role == PST_ROLE_ADMIN)
    fetch_officers (self, NULL);

  g_hash_table_iter_init (&iter, self->threads);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PstSyncThread *thread = value;

      if (thread->model != NULL && !thread->fetched)
        thread_fetch (self, thread, FALSE);
    }
  thread_fetch_next (self);
}

/* The outbox. */

void
pst_sync_consultations_parse_pending (Pending  *pending,
                                      char    **segments)
{
  const char *verb = segments[2];

  if (pending->consultation_id == NULL)
    return;

  if (g_str_equal (verb, "messages"))
    {
      const char *key = pending->entry->idempotency_key;
      const char *slash = key != NULL ? strrchr (key, '/') : NULL;

      pending->kind = PENDING_MESSAGE;
      pending->message_id = g_strconcat (LOCAL_ID_PREFIX, slash != NULL ? slash + 1 : key, NULL);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (action_verbs); i++)
    {
      if (g_str_equal (verb, action_verbs[i].verb))
        {
          pending->kind = PENDING_CONSULTATION;
          pending->consultation_action = action_verbs[i].action;
        }
    }
}

void
pst_sync_consultations_refresh (PstSync    *self,
                                const char *consultation_id)
{
  refresh (self, consultation_id);
}

/* The row @pending is being sent: an event about its consultation from
 * now on is as new as the answer.
 */
void
pst_sync_consultations_sending (PstSync *self,
                                Pending *pending)
{
  PstSyncThread *thread = thread_get (self, pending->consultation_id);

  pending->events_at_send = thread->events;
}

void
pst_sync_consultations_accepted (PstSync *self,
                                 Pending *pending,
                                 Reply   *reply)
{
  g_autoptr(PstConsultation) answer = NULL;
  g_autofree char *id = g_strdup (pending->consultation_id);
  PstSyncThread *thread = thread_get (self, id);

  if (reply->json != NULL && JSON_NODE_HOLDS_OBJECT (reply->json))
    answer = pst_consultation_from_json (reply->json, NULL);
  if (answer != NULL && g_strcmp0 (answer->id, id) != 0)
    g_clear_pointer (&answer, pst_consultation_free);

  if (answer != NULL && answer->messages != NULL)
    {
      /* Which message of the answer is the one written here: the newest
       * of this officer with its text that no other item took.
       */
      if (pending->kind == PENDING_MESSAGE && pending->server_message_id == NULL)
        {
          for (guint i = answer->messages->len; i > 0; i--)
            {
              const PstMessage *message = g_ptr_array_index (answer->messages, i - 1);

              if (message->id != NULL && !is_adopted (thread, message->id) &&
                  pending_wrote (pending, message))
                {
                  adopt (thread, pending, message->id);
                  break;
                }
            }
        }
      note_message_names (self, answer->messages);
      thread_merge_messages (thread, answer->messages, FALSE);
    }

  if (answer != NULL && thread->events == pending->events_at_send)
    merge (self, answer);
  if (pending->kind == PENDING_CONSULTATION &&
      pending->consultation_action == PST_CONSULTATION_ACTION_CLOSE)
    g_hash_table_add (self->closed_here, g_strdup (id));

  pst_sync_outbox_remove (self, pending);
  if (thread->messages != NULL)
    cache_store_thread (self, thread);
  else if (answer != NULL)
    cache_store (self, answer, NULL);
  refresh (self, id);
}

void
pst_sync_consultations_failed (PstSync    *self,
                               Pending    *pending,
                               const char *message)
{
  g_autofree char *id = g_strdup (pending->consultation_id);
  g_autofree char *text = g_strdup (message);
  g_autoptr(PstConsultationItem) item = NULL;
  guint generation = self->generation;

  pst_sync_outbox_remove (self, pending);
  refresh (self, id);

  /* A handler tells it apart from a ticket by its type: never NULL. */
  item = g_hash_table_lookup (self->consultation_items, id);
  if (item != NULL)
    g_object_ref (item);
  else
    {
      g_autoptr(PstConsultation) unknown = pst_consultation_new ();

      unknown->id = g_strdup (id);
      unknown->subject = g_strdup ("");
      item = pst_consultation_item_new (unknown);
    }

  pst_sync_emit_action_failed (self, G_OBJECT (item), text);
  if (self->generation != generation)
    return;

  thread_fetch (self, thread_get (self, id), FALSE);
}

/* The session. */

void
pst_sync_consultations_init (PstSync *self)
{
  self->consultations = g_list_store_new (PST_TYPE_CONSULTATION_ITEM);
  self->consultation_items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->consultations_confirmed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) pst_consultation_free);
  self->threads = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) thread_free);
  self->closed_here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->officer_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->list_touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->thread_fetches);
  self->session_started_at = PST_TIME_UNSET;
}

void
pst_sync_consultations_finalize (PstSync *self)
{
  g_clear_object (&self->consultations);
  g_clear_pointer (&self->consultation_items, g_hash_table_unref);
  g_clear_pointer (&self->consultations_confirmed, g_hash_table_unref);
  g_clear_pointer (&self->threads, g_hash_table_unref);
  g_clear_pointer (&self->closed_here, g_hash_table_unref);
  g_clear_pointer (&self->officer_names, g_hash_table_unref);
  g_clear_pointer (&self->list_touched, g_hash_table_unref);
  g_queue_clear_full (&self->thread_fetches, g_free);
}

void
pst_sync_consultations_clear (PstSync *self)
{
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  /* The threads go first, then the models still held empty: a handler
   * of theirs finds the engine in order.
   */
  g_hash_table_iter_init (&iter, self->threads);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PstSyncThread *thread = value;

      if (thread->model == NULL)
        continue;
      g_object_weak_unref (G_OBJECT (thread->model), model_gone_cb, thread);
      g_ptr_array_add (models, g_object_ref (thread->model));
      thread->model = NULL;
    }
  g_hash_table_remove_all (self->threads);
  for (guint i = 0; i < models->len; i++)
    g_list_store_remove_all (g_ptr_array_index (models, i));

  if (self->consultations_added != NULL)
    g_ptr_array_set_size (self->consultations_added, 0);
  g_list_store_remove_all (self->consultations);
  g_hash_table_remove_all (self->consultation_items);
  g_hash_table_remove_all (self->consultations_confirmed);
  g_hash_table_remove_all (self->closed_here);
  g_hash_table_remove_all (self->officer_names);
  g_hash_table_remove_all (self->list_touched);
  g_queue_clear_full (&self->thread_fetches, g_free);
  self->thread_fetching = FALSE;
  g_clear_handle_id (&self->list_retry_id, g_source_remove);
  self->list_serial++;
  self->list_loading = FALSE;
  self->session_started_at = PST_TIME_UNSET;
}

/* What the cache holds shows at once. */
void
pst_sync_consultations_load (PstSync          *self,
                             PstCacheSnapshot *snapshot)
{
  self->session_started_at = pst_clock_get_now (self->clock);
  note_officer_name (self, self->officer->id, self->officer->name);

  for (guint i = 0; i < snapshot->consultations->len; i++)
    merge (self, g_ptr_array_index (snapshot->consultations, i));

  for (guint i = 0; i < snapshot->threads->len; i++)
    {
      PstCacheThread *cached = g_ptr_array_index (snapshot->threads, i);
      PstSyncThread *thread = thread_get (self, cached->consultation);

      if (cached->last_message != NULL)
        {
          note_officer_name (self, cached->last_message->officer,
                             cached->last_message->officer_name);
          thread_note_message (thread, cached->last_message);
        }
      thread->last_requester_at = MAX (thread->last_requester_at, cached->last_requester_at);
      thread->last_officer_at = MAX (thread->last_officer_at, cached->last_officer_at);
      thread->read_at = cached->read_at;
    }

  batch_begin (self);
  for (guint i = 0; i < snapshot->consultations->len; i++)
    refresh (self, ((PstConsultation *) g_ptr_array_index (snapshot->consultations, i))->id);
  for (GList *l = self->outbox.head; l != NULL; l = l->next)
    refresh (self, ((Pending *) l->data)->consultation_id);
  batch_end (self);
}

/* Public. */

/**
 * pst_sync_get_consultations:
 *
 * Returns: (transfer none): the office's consultations
 *   (PstConsultationItem), most urgent first; empty when logged out
 */
GListModel *
pst_sync_get_consultations (PstSync *self)
{
  g_return_val_if_fail (PST_IS_SYNC (self), NULL);

  return G_LIST_MODEL (self->consultations);
}

/**
 * pst_sync_get_messages:
 * @consultation_id: a consultation of the office
 *
 * The thread of @consultation_id: the cached messages at once, the
 * server's when they come, then live; messages written here show at the
 * end, pending. While the caller holds the model, the same one is
 * returned to everyone; it empties when the session ends.
 *
 * Returns: (transfer full): PstMessageItem, oldest first
 */
GListModel *
pst_sync_get_messages (PstSync    *self,
                       const char *consultation_id)
{
  PstSyncThread *thread;
  GListStore *model;

  g_return_val_if_fail (PST_IS_SYNC (self), NULL);
  g_return_val_if_fail (consultation_id != NULL, NULL);

  if (!self->logged_in || self->cache == NULL)
    return G_LIST_MODEL (g_list_store_new (PST_TYPE_MESSAGE_ITEM));

  thread = thread_get (self, consultation_id);
  if (thread->model != NULL)
    return G_LIST_MODEL (g_object_ref (thread->model));

  model = g_list_store_new (PST_TYPE_MESSAGE_ITEM);
  thread->model = model;
  g_object_weak_ref (G_OBJECT (model), model_gone_cb, thread);
  thread_refresh_model (self, thread);

  if (thread->messages == NULL && !thread->cache_loading)
    {
      thread->cache_loading = TRUE;
      pst_cache_load_messages_async (self->cache, consultation_id, NULL,
                                     pst_sync_cache_call_done_cb,
                                     pst_sync_cache_call_new (self, thread_cache_loaded_cb,
                                                              g_strdup (consultation_id), g_free));
    }
  if (!thread->fetched)
    thread_fetch (self, thread, FALSE);

  return G_LIST_MODEL (model);
}

/**
 * pst_sync_get_officer_name:
 * @officer_id: (nullable): an officer's id
 *
 * Returns: (nullable): the officer's name, when the desk knows it; the
 *   string stays valid for the life of the program
 */
const char *
pst_sync_get_officer_name (PstSync    *self,
                           const char *officer_id)
{
  g_return_val_if_fail (PST_IS_SYNC (self), NULL);

  if (officer_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->officer_names, officer_id);
}

/**
 * pst_sync_send_message:
 * @body: the text (trimmed by the server; 1 to 5,000 characters)
 * @kb_article_ids: (nullable) (array zero-terminated=1): knowledge-base
 *   articles the answer points to
 *
 * Writes a message in @consultation. It shows at once at the end of the
 * thread as a pending PstMessageItem with a local id, which becomes the
 * server's message in place once sent. A refusal (a closed consultation,
 * say) removes it and emits `action-failed` with the consultation.
 */
void
pst_sync_send_message (PstSync             *self,
                       PstConsultationItem *consultation,
                       const char          *body,
                       const char * const  *kb_article_ids)
{
  g_autoptr(JsonObject) obj = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  const char *id;

  g_return_if_fail (PST_IS_SYNC (self));
  g_return_if_fail (PST_IS_CONSULTATION_ITEM (consultation));
  g_return_if_fail (body != NULL);
  g_return_if_fail (self->logged_in && self->cache != NULL);

  obj = json_object_new ();
  json_object_set_string_member (obj, "body", body);
  if (kb_article_ids != NULL && kb_article_ids[0] != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; kb_article_ids[i] != NULL; i++)
        json_array_add_string_element (array, kb_article_ids[i]);
      json_object_set_array_member (obj, "kb_article_ids", array);
    }
  text = pst_sync_node_to_string_take (json_node_init_object (json_node_alloc (), obj));

  id = pst_consultation_item_get_id (consultation);
  escaped = pst_sync_escape_segment (id);
  path = g_strconcat (API_PREFIX "/consultations/", escaped, "/messages", NULL);
  subject = g_strconcat (CONSULTATION_SUBJECT_PREFIX, id, NULL);

  pst_sync_outbox_add (self, pst_outbox_entry_new (self->officer->id, "POST", path, text, subject,
                                                   pst_clock_get_now (self->clock)));
}

/**
 * pst_sync_consultation_action:
 * @body: (nullable): assign's `{officer, note?}`, close's `{resolution}`,
 *   follow-up's `{mode, at, link?}`; NULL for claim and reopen
 *
 * Applies @action to @consultation at once and queues it for the server.
 * One the consultation's status does not allow (closing a closed one…)
 * is refused at once with `action-failed`.
 */
void
pst_sync_consultation_action (PstSync               *self,
                              PstConsultationItem   *consultation,
                              PstConsultationAction  action,
                              JsonObject            *body)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  const char *verb = NULL;
  const char *refusal = NULL;
  const char *id;
  gboolean closed;

  g_return_if_fail (PST_IS_SYNC (self));
  g_return_if_fail (PST_IS_CONSULTATION_ITEM (consultation));
  g_return_if_fail (self->logged_in && self->cache != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (action_verbs); i++)
    {
      if (action_verbs[i].action == action)
        verb = action_verbs[i].verb;
    }
  g_return_if_fail (verb != NULL);

  closed = pst_consultation_item_get_status (consultation) == PST_CONSULTATION_STATUS_CLOSED;
  if (action == PST_CONSULTATION_ACTION_CLOSE && closed)
    refusal = _("This consultation is already closed");
  else if (action == PST_CONSULTATION_ACTION_REOPEN && !closed)
    refusal = _("This consultation is not closed");
  else if (action != PST_CONSULTATION_ACTION_REOPEN && closed)
    refusal = _("This consultation is closed; reopen it first");
  if (refusal != NULL)
    {
      pst_sync_emit_action_failed (self, G_OBJECT (consultation), refusal);
      return;
    }

  id = pst_consultation_item_get_id (consultation);
  escaped = pst_sync_escape_segment (id);
  path = g_strconcat (API_PREFIX "/consultations/", escaped, "/", verb, NULL);
  subject = g_strconcat (CONSULTATION_SUBJECT_PREFIX, id, NULL);
  text = pst_sync_node_to_string_take (json_node_init_object (json_node_alloc (),
                                                              body != NULL ? json_object_ref (body)
                                                                           : json_object_new ()));

  if (action == PST_CONSULTATION_ACTION_CLOSE)
    g_hash_table_add (self->closed_here, g_strdup (id));

  pst_sync_outbox_add (self, pst_outbox_entry_new (self->officer->id, "POST", path, text, subject,
                                                   pst_clock_get_now (self->clock)));
}

/**
 * pst_sync_mark_read:
 *
 * The officer has seen @consultation's thread up to its newest message:
 * it is no longer unread, on this desk, for this officer, across
 * restarts. Call it again while the thread stays in view and grows.
 */
void
pst_sync_mark_read (PstSync             *self,
                    PstConsultationItem *consultation)
{
  const PstConsultation *confirmed;
  PstSyncThread *thread;
  gint64 read_at;
  const char *id;

  g_return_if_fail (PST_IS_SYNC (self));
  g_return_if_fail (PST_IS_CONSULTATION_ITEM (consultation));

  if (!self->logged_in || self->cache == NULL)
    return;

  /* The server's instants only: the desk's clock may be off. */
  id = pst_consultation_item_get_id (consultation);
  confirmed = g_hash_table_lookup (self->consultations_confirmed, id);
  thread = thread_get (self, id);

  read_at = thread->last_requester_at;
  if (confirmed != NULL)
    read_at = MAX (read_at, confirmed->last_message_at);
  if (thread->last != NULL)
    read_at = MAX (read_at, thread->last->at);
  if (read_at == PST_TIME_UNSET || read_at <= thread->read_at)
    {
      pst_consultation_item_set_unread (consultation, FALSE);
      return;
    }

  thread->read_at = read_at;
  pst_cache_mark_read_async (self->cache, self->officer->id, id, read_at, NULL,
                             pst_sync_cache_call_done_cb,
                             pst_sync_cache_call_new (self, pst_sync_cache_written_cb, NULL, NULL));
  pst_consultation_item_set_unread (consultation, FALSE);
}
