/* test-sync-consultations.c: the consultations part of the sync engine
 * (list, threads, outbox, unread marks, notifications) against a real
 * pst-server with the demo data, without a display.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "pst-cache.h"
#include "pst-sync.h"
#include "pst-test-server.h"
#include "sync-harness.h"

#define DEMO_PASSWORD "pst-demo"
#define OFFICE "7604"
#define OFFICER "petugas1." OFFICE
#define OTHER_OFFICER "petugas2." OFFICE
#define SUPERVISOR "spv." OFFICE
#define QUESTION "Mohon data persentase penduduk miskin tahun 2024 per kecamatan."

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
  char          *other_dir;   /* a second desk's cache folder */
  PstSync       *other;       /* a second desk, for a supervisor */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = pst_test_server_start (TRUE);
  f->relay = relay_new (f->server->port);
  f->cache_dir = g_dir_make_tmp ("pst-sync-cns-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->other_dir = g_dir_make_tmp ("pst-sync-cns-test-XXXXXX", &error);
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
  if (f->other != NULL)
    g_assert_finalize_object (g_steal_pointer (&f->other));

  /* Answers and cache results of the closed sessions arrive and are dropped. */
  run_for (200);

  relay_free (f->relay);
  pst_test_server_free (f->server);
  remove_tree (f->cache_dir);
  g_free (f->cache_dir);
  remove_tree (f->other_dir);
  g_free (f->other_dir);
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

/* Stops the server once it has no event socket open (see the harness). */
static void
stop_server (Fixture *f)
{
  server_stop_idle (f->server);
}

/* Waits until the desk is online and has read the office's list. */
static void
login_online (Fixture    *f,
              PstSync    *sync,
              const char *username)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (login_as (f, sync, username, DEMO_PASSWORD, &error));
  g_assert_no_error (error);
  WAIT_FOR (pst_sync_get_state (sync) == PST_CONNECTION_ONLINE);
  WAIT_FOR (g_list_model_get_n_items (pst_sync_get_consultations (sync)) > 0);
}

/* The item of consultation @id, or NULL. */
static PstConsultationItem *
find_item (PstSync    *sync,
           const char *id)
{
  GListModel *model = pst_sync_get_consultations (sync);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PstConsultationItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (pst_consultation_item_get_id (item), id) == 0)
        return item;   /* the model keeps it */
    }

  return NULL;
}

static char *
model_ids (PstSync *sync)
{
  GListModel *model = pst_sync_get_consultations (sync);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PstConsultationItem) item = g_list_model_get_item (model, i);

      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", pst_consultation_item_get_id (item));
    }

  return g_string_free (ids, FALSE);
}

/* The ids of GET /consultations, every page, in the server's order. */
static char *
server_ids (Fixture *f)
{
  g_autofree char *token = pst_test_login (f->server, SUPERVISOR, DEMO_PASSWORD);
  g_autofree char *cursor = NULL;
  GString *ids = g_string_new (NULL);

  do
    {
      g_autofree char *path = NULL;
      g_autoptr(PstTestResponse) response = NULL;
      JsonObject *obj;
      JsonArray *items;

      path = g_strdup_printf ("/api/v1/consultations?office=" OFFICE "&limit=3%s%s",
                              cursor != NULL ? "&cursor=" : "", cursor != NULL ? cursor : "");
      response = pst_test_request (f->server, "GET", path, token, NULL);
      pst_test_assert_status (response, 200);
      obj = pst_test_response_object (response);
      items = json_object_get_array_member (obj, "items");
      for (guint i = 0; i < json_array_get_length (items); i++)
        g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "",
                                json_object_get_string_member (json_array_get_object_element (items, i),
                                                               "id"));
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member_with_default (obj, "next_cursor", NULL));
    }
  while (cursor != NULL);

  return g_string_free (ids, FALSE);
}

/* A requester asks through the web form; returns the id and the access token. */
static char *
open_public (Fixture  *f,
             char    **out_token)
{
  g_autoptr(PstTestResponse) response = NULL;
  JsonObject *obj;

  response = pst_test_request (f->server, "POST", "/api/v1/public/consultations", NULL,
                               "{\"office\":\"" OFFICE "\",\"requester\":{\"name\":\"Wulan Sari\","
                               "\"email\":\"wulan@example.co.id\"},\"subject\":\"Data kemiskinan\","
                               "\"category\":\"data\",\"message\":\"" QUESTION "\","
                               "\"kb_searched\":{\"query\":\"kemiskinan\",\"viewed\":[]}}");
  pst_test_assert_status (response, 201);
  obj = pst_test_response_object (response);
  if (out_token != NULL)
    *out_token = g_strdup (json_object_get_string_member (obj, "access_token"));

  return g_strdup (json_object_get_string_member (obj, "id"));
}

static void
requester_writes (Fixture    *f,
                  const char *id,
                  const char *token,
                  const char *text)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/public/consultations/%s/messages", id);
  g_autofree char *body = g_strdup_printf ("{\"body\":\"%s\"}", text);
  g_autoptr(PstTestResponse) response = pst_test_request (f->server, "POST", path, token, body);

  pst_test_assert_status (response, 201);
}

/* Another account acts on the server directly, over plain HTTP. */
static PstTestResponse *
staff_request (Fixture    *f,
               const char *username,
               const char *method,
               const char *path,
               const char *body)
{
  g_autofree char *token = pst_test_login (f->server, username, DEMO_PASSWORD);

  return pst_test_request (f->server, method, path, token, body);
}

static char *
officer_field (Fixture    *f,
               const char *username,
               const char *member)
{
  g_autoptr(PstTestResponse) response = staff_request (f, username, "GET", "/api/v1/me", NULL);

  pst_test_assert_status (response, 200);
  return g_strdup (pst_test_response_string (response, member));
}

static char *
officer_id_of (Fixture    *f,
               const char *username)
{
  return officer_field (f, username, "id");
}

/* How many messages with @text consultation @id has on the server. */
static guint
count_messages (Fixture    *f,
                const char *id,
                const char *text)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/consultations/%s", id);
  g_autoptr(PstTestResponse) response = staff_request (f, SUPERVISOR, "GET", path, NULL);
  JsonArray *messages;
  guint n = 0;

  pst_test_assert_status (response, 200);
  messages = json_object_get_array_member (pst_test_response_object (response), "messages");
  for (guint i = 0; i < json_array_get_length (messages); i++)
    n += g_strcmp0 (json_object_get_string_member (json_array_get_object_element (messages, i), "body"),
                    text) == 0;

  return n;
}

static PstMessageItem *
last_message_item (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  return n > 0 ? g_list_model_get_item (model, n - 1) : NULL;
}

typedef struct
{
  GPtrArray *items;     /* what the signal gave */
  char      *message;
} Signals;

static void
signals_clear (Signals *signals)
{
  g_clear_pointer (&signals->items, g_ptr_array_unref);
  g_clear_pointer (&signals->message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Signals, signals_clear)

static void
item_signal_cb (PstSync             *sync,
                PstConsultationItem *item,
                Signals             *signals)
{
  g_ptr_array_add (signals->items, g_object_ref (item));
}

static void
action_failed_cb (PstSync    *sync,
                  GObject    *item,
                  const char *message,
                  Signals    *signals)
{
  g_ptr_array_add (signals->items, item != NULL ? g_object_ref (item) : NULL);
  g_free (signals->message);
  signals->message = g_strdup (message);
}

static Signals *
watch (PstSync    *sync,
       const char *name,
       Signals    *signals)
{
  signals->items = g_ptr_array_new_with_free_func (g_object_unref);
  if (g_str_equal (name, "action-failed"))
    g_signal_connect (sync, name, G_CALLBACK (action_failed_cb), signals);
  else
    g_signal_connect (sync, name, G_CALLBACK (item_signal_cb), signals);

  return signals;
}

static gboolean
signalled_for (Signals    *signals,
               const char *id)
{
  for (guint i = 0; i < signals->items->len; i++)
    {
      GObject *item = g_ptr_array_index (signals->items, i);

      if (PST_IS_CONSULTATION_ITEM (item) &&
          g_strcmp0 (pst_consultation_item_get_id (PST_CONSULTATION_ITEM (item)), id) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Tests. */

/* The list appears most urgent first, in the server's order; the first
 * load notifies nothing.
 */
static void
test_list_order (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Signals) arrived = { 0 };
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  GListModel *model = pst_sync_get_consultations (f->sync);

  watch (f->sync, "consultation-arrived", &arrived);
  login_online (f, f->sync, OFFICER);
  expected = server_ids (f);
  shown = model_ids (f->sync);
  g_assert_cmpstr (shown, ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 5);

  /* Each thread's last message is read in the background. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PstConsultationItem) item = g_list_model_get_item (model, i);

      WAIT_FOR (pst_consultation_item_get_last_message (item) != NULL);
      g_assert_false (pst_consultation_item_get_pending (item));

      /* On a new desk, what waits for an officer is unread; what an
       * officer answered is not.
       */
      if (pst_consultation_item_get_status (item) == PST_CONSULTATION_STATUS_AWAITING_REQUESTER)
        g_assert_false (pst_consultation_item_get_unread (item));
      else if (pst_consultation_item_get_status (item) == PST_CONSULTATION_STATUS_OPEN)
        g_assert_true (pst_consultation_item_get_unread (item));
    }

  g_assert_cmpstr (pst_sync_get_officer_name (f->sync, pst_sync_get_officer (f->sync)->id), !=,
                   NULL);
  g_assert_null (pst_sync_get_officer_name (f->sync, "no-such-officer"));
  run_for (200);
  g_assert_cmpuint (arrived.items->len, ==, 0);
  g_signal_handlers_disconnect_by_data (f->sync, &arrived);
}

/* A requester's new consultation appears live, in its place, with its
 * question; a requester's message makes it unread and is announced.
 */
static void
test_arrived_and_unread (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Signals) arrived = { 0 };
  g_auto(Signals) replied = { 0 };
  g_autofree char *token = NULL;
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  PstConsultationItem *item;

  login_online (f, f->sync, OFFICER);
  watch (f->sync, "consultation-arrived", &arrived);
  watch (f->sync, "requester-replied", &replied);

  id = open_public (f, &token);
  WAIT_FOR (signalled_for (&arrived, id));
  g_assert_cmpuint (arrived.items->len, ==, 1);
  item = find_item (f->sync, id);
  g_assert_true (g_ptr_array_index (arrived.items, 0) == (gpointer) item);
  g_assert_cmpint (pst_consultation_item_get_status (item), ==, PST_CONSULTATION_STATUS_OPEN);
  g_assert_null (pst_consultation_item_get_assignee (item));
  WAIT_FOR (pst_consultation_item_get_last_message (item) != NULL);
  g_assert_cmpstr (pst_consultation_item_get_last_message (item), ==, QUESTION);
  g_assert_true (pst_consultation_item_get_unread (item));
  expected = server_ids (f);
  shown = model_ids (f->sync);
  g_assert_cmpstr (shown, ==, expected);

  pst_sync_mark_read (f->sync, item);
  g_assert_false (pst_consultation_item_get_unread (item));
  g_assert_cmpuint (replied.items->len, ==, 0);

  /* A walk-in consultation the officer records is not news to them; one
   * another officer records is.
   */
  {
    const char *walk_in = "{\"channel\":\"walk_in\",\"subject\":\"Peta wilayah kerja statistik\","
                          "\"category\":\"data\",\"requester\":{\"name\":\"Pak Amir\"}}";
    g_autoptr(PstTestResponse) mine = NULL;
    g_autoptr(PstTestResponse) theirs = NULL;
    const char *mine_id;
    const char *theirs_id;

    mine = staff_request (f, OFFICER, "POST", "/api/v1/consultations", walk_in);
    pst_test_assert_status (mine, 201);
    theirs = staff_request (f, OTHER_OFFICER, "POST", "/api/v1/consultations", walk_in);
    pst_test_assert_status (theirs, 201);
    mine_id = pst_test_response_string (mine, "id");
    theirs_id = pst_test_response_string (theirs, "id");
    WAIT_FOR (signalled_for (&arrived, theirs_id));
    g_assert_nonnull (find_item (f->sync, mine_id));
    g_assert_false (signalled_for (&arrived, mine_id));
    g_assert_cmpuint (arrived.items->len, ==, 2);
  }

  requester_writes (f, id, token, "Kalau bisa juga untuk tahun 2023.");
  WAIT_FOR (signalled_for (&replied, id));
  g_assert_true (pst_consultation_item_get_unread (item));
  g_assert_cmpstr (pst_consultation_item_get_last_message (item), ==,
                   "Kalau bisa juga untuk tahun 2023.");
  g_assert_cmpuint (arrived.items->len, ==, 2);

  pst_sync_mark_read (f->sync, item);
  g_assert_false (pst_consultation_item_get_unread (item));

  /* The mark stays across a restart of the app. */
  g_signal_handlers_disconnect_by_data (f->sync, &arrived);
  g_signal_handlers_disconnect_by_data (f->sync, &replied);
  g_assert_finalize_object (g_steal_pointer (&f->sync));
  f->sync = pst_sync_new (f->clock, f->cache_dir);
  login_online (f, f->sync, OFFICER);
  item = find_item (f->sync, id);
  g_assert_nonnull (item);
  run_for (300);
  g_assert_false (pst_consultation_item_get_unread (item));
}

/* A reply goes through the outbox: pending at once, then the server's
 * message in the same item; the requester reads it.
 */
static void
test_reply (Fixture       *f,
            gconstpointer  data)
{
  const char *kb_ids[] = { "kb-demo-1", NULL };
  const char *text = "Data tersedia di publikasi Kecamatan Dalam Angka 2024.";
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(PstMessageItem) mine = NULL;
  g_autoptr(PstMessageItem) still = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(PstTestResponse) seen = NULL;
  g_autofree char *token = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *local_id = NULL;
  g_autofree char *order = NULL;
  g_autofree char *shown = NULL;
  PstConsultationItem *item;
  const PstMessage *message;
  JsonArray *thread;
  guint n;

  login_online (f, f->sync, OFFICER);
  id = open_public (f, &token);
  WAIT_FOR ((item = find_item (f->sync, id)) != NULL);

  messages = pst_sync_get_messages (f->sync, id);
  WAIT_FOR (g_list_model_get_n_items (messages) == 1);
  again = pst_sync_get_messages (f->sync, id);
  g_assert_true (again == messages);

  pst_sync_send_message (f->sync, item, text, kb_ids);
  n = g_list_model_get_n_items (messages);
  g_assert_cmpuint (n, ==, 2);
  mine = last_message_item (messages);
  g_assert_true (pst_message_item_get_pending (mine));
  g_assert_true (g_str_has_prefix (pst_message_item_get_id (mine), "local-"));
  local_id = g_strdup (pst_message_item_get_id (mine));
  g_assert_cmpstr (pst_message_item_get_message (mine)->body, ==, text);
  g_assert_true (pst_consultation_item_get_pending (item));
  g_assert_cmpint (pst_consultation_item_get_status (item), ==,
                   PST_CONSULTATION_STATUS_AWAITING_REQUESTER);
  g_assert_cmpstr (pst_consultation_item_get_last_message (item), ==, text);

  WAIT_FOR (!pst_message_item_get_pending (mine));
  g_assert_false (g_str_has_prefix (pst_message_item_get_id (mine), "local-"));
  WAIT_FOR (!pst_consultation_item_get_pending (item));
  run_for (300);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  still = last_message_item (messages);
  g_assert_true (still == mine);
  message = pst_message_item_get_message (mine);
  g_assert_cmpint (message->author, ==, PST_AUTHOR_OFFICER);
  g_assert_cmpstr (message->officer, ==, pst_sync_get_officer (f->sync)->id);
  g_assert_cmpstr (message->officer_name, ==, pst_sync_get_officer (f->sync)->name);
  g_assert_cmpuint (message->kb_article_ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (message->kb_article_ids, 0), ==, "kb-demo-1");
  g_assert_cmpint (pst_consultation_item_get_status (item), ==,
                   PST_CONSULTATION_STATUS_AWAITING_REQUESTER);

  path = g_strdup_printf ("/api/v1/public/consultations/%s", id);
  seen = pst_test_request (f->server, "GET", path, token, NULL);
  pst_test_assert_status (seen, 200);
  thread = json_object_get_array_member (pst_test_response_object (seen), "messages");
  g_assert_cmpuint (json_array_get_length (thread), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (thread, 1), "body"),
                   ==, text);
  g_assert_cmpuint (count_messages (f, id, text), ==, 1);

  /* Answered, it moves down among those awaiting the requester, read; a
   * reply of the requester brings it up among those awaiting an officer,
   * unread.
   */
  g_assert_false (pst_consultation_item_get_unread (item));
  order = server_ids (f);
  shown = model_ids (f->sync);
  g_assert_cmpstr (shown, ==, order);
  requester_writes (f, id, token, "Terima kasih, tapi tautannya tidak bisa dibuka.");
  WAIT_FOR (pst_consultation_item_get_status (item) == PST_CONSULTATION_STATUS_AWAITING_OFFICER);
  WAIT_FOR (pst_consultation_item_get_unread (item));
  WAIT_FOR (g_list_model_get_n_items (messages) == 3);
  g_clear_pointer (&order, g_free);
  g_clear_pointer (&shown, g_free);
  order = server_ids (f);
  shown = model_ids (f->sync);
  g_assert_cmpstr (shown, ==, order);
}

/* Claiming and answering at once: both go, in order; the thread's model
 * holds the answer once.
 */
static void
test_claim_and_reply (Fixture       *f,
                      gconstpointer  data)
{
  const char *text = "Terima kasih. Data per kecamatan belum dirilis; yang tersedia tingkat kabupaten.";
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(PstMessageItem) mine = NULL;
  g_autofree char *token = NULL;
  g_autofree char *id = NULL;
  PstConsultationItem *item;

  login_online (f, f->sync, OFFICER);
  id = open_public (f, &token);
  WAIT_FOR ((item = find_item (f->sync, id)) != NULL);
  messages = pst_sync_get_messages (f->sync, id);
  WAIT_FOR (g_list_model_get_n_items (messages) == 1);

  pst_sync_consultation_action (f->sync, item, PST_CONSULTATION_ACTION_CLAIM, NULL);
  WAIT_FOR (count_messages (f, id, text) == 0 &&
            g_strcmp0 (pst_consultation_item_get_assignee (item),
                       pst_sync_get_officer (f->sync)->id) == 0);
  pst_sync_send_message (f->sync, item, text, NULL);
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), >=, 1);

  WAIT_FOR (pst_sync_get_pending_count (f->sync) == 0);
  WAIT_FOR (count_messages (f, id, text) == 1);
  mine = last_message_item (messages);
  WAIT_FOR (!pst_message_item_get_pending (mine));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  g_assert_cmpstr (pst_consultation_item_get_assignee (item), ==, pst_sync_get_officer (f->sync)->id);
  g_assert_cmpint (pst_consultation_item_get_status (item), ==,
                   PST_CONSULTATION_STATUS_AWAITING_REQUESTER);
}

/* Claiming one another officer took meanwhile: 409, rolled back. */
static void
test_claim_conflict (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Signals) failed = { 0 };
  g_autoptr(PstTestResponse) claimed = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *other_id = officer_id_of (f, OTHER_OFFICER);
  PstConsultationItem *item;

  login_online (f, f->sync, OFFICER);
  id = open_public (f, NULL);
  WAIT_FOR ((item = find_item (f->sync, id)) != NULL);
  watch (f->sync, "action-failed", &failed);

  relay_cut (f->relay);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_CONNECTING);
  path = g_strdup_printf ("/api/v1/consultations/%s/claim", id);
  claimed = staff_request (f, OTHER_OFFICER, "POST", path, NULL);
  pst_test_assert_status (claimed, 200);

  pst_sync_consultation_action (f->sync, item, PST_CONSULTATION_ACTION_CLAIM, NULL);
  g_assert_cmpstr (pst_consultation_item_get_assignee (item), ==,
                   pst_sync_get_officer (f->sync)->id);
  g_assert_true (pst_consultation_item_get_pending (item));

  relay_restore (f->relay);
  pst_sync_retry_now (f->sync);
  WAIT_FOR (failed.items->len == 1);
  g_assert_true (g_ptr_array_index (failed.items, 0) == (gpointer) item);
  g_assert_cmpstr (failed.message, ==, "Another officer has already taken this consultation");
  g_assert_cmpstr (pst_consultation_item_get_assignee (item), ==, other_id);
  g_assert_false (pst_consultation_item_get_pending (item));
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 0);
  g_signal_handlers_disconnect_by_data (f->sync, &failed);
}

/* A message written offline to a consultation someone closed meanwhile:
 * refused (409), it leaves the thread and the officer is told.
 */
static void
test_message_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Signals) failed = { 0 };
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(PstTestResponse) closed = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  PstConsultationItem *item;

  login_online (f, f->sync, OFFICER);
  id = open_public (f, NULL);
  WAIT_FOR ((item = find_item (f->sync, id)) != NULL);
  messages = pst_sync_get_messages (f->sync, id);
  WAIT_FOR (g_list_model_get_n_items (messages) == 1);
  watch (f->sync, "action-failed", &failed);

  relay_cut (f->relay);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_CONNECTING);
  path = g_strdup_printf ("/api/v1/consultations/%s/close", id);
  closed = staff_request (f, OTHER_OFFICER, "POST", path, "{\"resolution\":\"duplicate\"}");
  pst_test_assert_status (closed, 200);

  pst_sync_send_message (f->sync, item, "Sebentar, saya cek dulu datanya.", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  g_assert_true (pst_consultation_item_get_pending (item));

  relay_restore (f->relay);
  pst_sync_retry_now (f->sync);
  WAIT_FOR (failed.items->len == 1);
  g_assert_true (g_ptr_array_index (failed.items, 0) == (gpointer) item);
  g_assert_cmpstr (failed.message, ==, "This consultation is closed; reopen it first");
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 1);
  g_assert_false (pst_consultation_item_get_pending (item));
  g_assert_cmpint (pst_consultation_item_get_status (item), ==, PST_CONSULTATION_STATUS_CLOSED);
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 0);

  /* Closed while the officer looks: it stays in the list. */
  run_for (300);
  g_assert_true (find_item (f->sync, id) == item);
  g_signal_handlers_disconnect_by_data (f->sync, &failed);
}

typedef struct
{
  char     *id;
  gboolean  checked;
} RestartCheck;

static void
restart_login_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RestartCheck *check = user_data;
  PstSync *sync = PST_SYNC (source);
  PstConsultationItem *item;

  g_assert_true (pst_sync_login_finish (sync, result, NULL));

  /* From the cache and the outbox, before the server was asked. */
  item = find_item (sync, check->id);
  g_assert_nonnull (item);
  g_assert_true (pst_consultation_item_get_pending (item));
  g_assert_cmpint (pst_consultation_item_get_status (item), ==,
                   PST_CONSULTATION_STATUS_AWAITING_REQUESTER);
  g_assert_cmpuint (pst_sync_get_pending_count (sync), ==, 1);
  check->checked = TRUE;
}

/* A reply written offline survives a restart of the app and of the
 * server, and reaches the server exactly once.
 */
static void
test_offline_replay (Fixture       *f,
                     gconstpointer  data)
{
  const char *text = "Mohon maaf, datanya kami kirim lewat surel besok pagi.";
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(PstMessageItem) mine = NULL;
  g_autofree char *id = NULL;
  RestartCheck check = { 0 };
  PstConsultationItem *item;

  login_online (f, f->sync, OFFICER);
  id = open_public (f, NULL);
  WAIT_FOR ((item = find_item (f->sync, id)) != NULL);
  messages = pst_sync_get_messages (f->sync, id);
  WAIT_FOR (g_list_model_get_n_items (messages) == 1);

  relay_cut (f->relay);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_CONNECTING);
  stop_server (f);
  relay_restore (f->relay);

  pst_sync_send_message (f->sync, item, text, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 1);

  /* The app quits. */
  g_clear_object (&messages);
  g_assert_finalize_object (g_steal_pointer (&f->sync));
  run_for (100);

  /* The server comes back, and the app starts again. */
  pst_test_server_restart (f->server);
  f->relay->upstream = f->server->port;
  f->sync = pst_sync_new (f->clock, f->cache_dir);
  check.id = id;
  pst_sync_login_async (f->sync, f->relay->url, OFFICER, DEMO_PASSWORD, NULL, restart_login_cb,
                        &check);
  WAIT_FOR (check.checked);

  /* The thread shows the message written before, pending, from the outbox. */
  messages = pst_sync_get_messages (f->sync, id);
  g_assert_cmpuint (g_list_model_get_n_items (messages), >=, 1);
  mine = last_message_item (messages);
  g_assert_cmpstr (pst_message_item_get_message (mine)->body, ==, text);

  WAIT_FOR (pst_sync_get_pending_count (f->sync) == 0);
  WAIT_FOR (!pst_message_item_get_pending (mine));
  item = find_item (f->sync, id);
  WAIT_FOR (!pst_consultation_item_get_pending (item));
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  g_assert_cmpuint (count_messages (f, id, text), ==, 1);

  /* And once more: nothing is sent again. */
  g_clear_object (&messages);
  g_clear_object (&mine);
  g_assert_finalize_object (g_steal_pointer (&f->sync));
  f->sync = pst_sync_new (f->clock, f->cache_dir);
  login_online (f, f->sync, OFFICER);
  run_for (300);
  g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 0);
  g_assert_cmpuint (count_messages (f, id, text), ==, 1);
}

/* What one desk does, another desk sees live: claim, follow-up, close
 * (the closed one stays in the list), reopen, and a supervisor's assign.
 */
static void
test_second_desk (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) follow_up = json_object_new ();
  g_autoptr(JsonObject) close = json_object_new ();
  g_autoptr(JsonObject) assign = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
  g_autofree char *at = g_date_time_format_iso8601 (later);
  g_autofree char *id = NULL;
  g_autofree char *other_id = officer_id_of (f, OTHER_OFFICER);
  g_autofree char *other_name = officer_field (f, OTHER_OFFICER, "name");
  const char *me;
  PstConsultationItem *mine;
  PstConsultationItem *seen;

  login_online (f, f->sync, OFFICER);
  f->other = pst_sync_new (f->clock, f->other_dir);
  login_online (f, f->other, SUPERVISOR);
  me = pst_sync_get_officer (f->sync)->id;

  /* The supervisor's desk knows every name of the office; the officer's
   * only those it has met.
   */
  WAIT_FOR (pst_sync_get_officer_name (f->other, other_id) != NULL);
  g_assert_cmpstr (pst_sync_get_officer_name (f->other, other_id), ==, other_name);

  id = open_public (f, NULL);
  WAIT_FOR ((mine = find_item (f->sync, id)) != NULL);
  WAIT_FOR ((seen = find_item (f->other, id)) != NULL);

  pst_sync_consultation_action (f->sync, mine, PST_CONSULTATION_ACTION_CLAIM, NULL);
  WAIT_FOR (g_strcmp0 (pst_consultation_item_get_assignee (seen), me) == 0);
  WAIT_FOR (!pst_consultation_item_get_pending (mine));
  g_assert_cmpstr (pst_sync_get_officer_name (f->other, me), ==,
                   pst_sync_get_officer (f->sync)->name);

  json_object_set_string_member (follow_up, "mode", "in_person");
  json_object_set_string_member (follow_up, "at", at);
  pst_sync_consultation_action (f->sync, mine, PST_CONSULTATION_ACTION_FOLLOW_UP, follow_up);
  g_assert_nonnull (pst_consultation_item_get_consultation (mine)->follow_up);
  WAIT_FOR (pst_consultation_item_get_consultation (seen)->follow_up != NULL);
  g_assert_cmpint (pst_consultation_item_get_consultation (seen)->follow_up->mode, ==,
                   PST_FOLLOW_UP_IN_PERSON);

  json_object_set_string_member (close, "resolution", "answered");
  pst_sync_consultation_action (f->sync, mine, PST_CONSULTATION_ACTION_CLOSE, close);
  g_assert_cmpint (pst_consultation_item_get_status (mine), ==, PST_CONSULTATION_STATUS_CLOSED);
  WAIT_FOR (pst_consultation_item_get_status (seen) == PST_CONSULTATION_STATUS_CLOSED);
  WAIT_FOR (!pst_consultation_item_get_pending (mine));
  g_assert_true (find_item (f->sync, id) == mine);
  g_assert_true (find_item (f->other, id) == seen);
  g_assert_true (pst_consultation_item_get_consultation (seen)->has_resolution);

  /* Closing again is refused at once. */
  {
    g_auto(Signals) failed = { 0 };

    watch (f->sync, "action-failed", &failed);
    pst_sync_consultation_action (f->sync, mine, PST_CONSULTATION_ACTION_CLOSE, close);
    g_assert_cmpuint (failed.items->len, ==, 1);
    g_assert_cmpuint (pst_sync_get_pending_count (f->sync), ==, 0);
    g_signal_handlers_disconnect_by_data (f->sync, &failed);
  }

  pst_sync_consultation_action (f->sync, mine, PST_CONSULTATION_ACTION_REOPEN, NULL);
  WAIT_FOR (pst_consultation_item_get_status (seen) == PST_CONSULTATION_STATUS_AWAITING_OFFICER);

  json_object_set_string_member (assign, "officer", other_id);
  json_object_set_string_member (assign, "note", "Mohon dibantu, saya cuti besok.");
  pst_sync_consultation_action (f->other, seen, PST_CONSULTATION_ACTION_ASSIGN, assign);
  g_assert_cmpstr (pst_consultation_item_get_assignee (seen), ==, other_id);
  WAIT_FOR (g_strcmp0 (pst_consultation_item_get_assignee (mine), other_id) == 0);
  g_assert_cmpstr (pst_consultation_item_get_consultation (mine)->assignee_name, ==, other_name);
  g_assert_cmpstr (pst_sync_get_officer_name (f->sync, other_id), ==, other_name);
  WAIT_FOR (pst_sync_get_pending_count (f->other) == 0);
  g_assert_cmpstr (pst_consultation_item_get_assignee (seen), ==, other_id);
}

/* After a cut, what happened meanwhile comes with the catch-up and is
 * announced; what happened before the login is not.
 */
static void
test_catch_up (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Signals) arrived = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *during = NULL;
  g_autofree char *before = NULL;
  PstConsultationItem *item;

  login_online (f, f->sync, OFFICER);
  watch (f->sync, "consultation-arrived", &arrived);

  /* The desk follows the log from a position of its own (the demo
   * starts with an empty log, where a desk reads everything again).
   */
  first = open_public (f, NULL);
  WAIT_FOR (signalled_for (&arrived, first));

  relay_cut (f->relay);
  WAIT_FOR (pst_sync_get_state (f->sync) == PST_CONNECTION_CONNECTING);
  during = open_public (f, NULL);
  run_for (200);
  g_assert_null (find_item (f->sync, during));
  relay_restore (f->relay);
  pst_sync_retry_now (f->sync);
  WAIT_FOR (signalled_for (&arrived, during));
  WAIT_FOR (pst_consultation_item_get_last_message (find_item (f->sync, during)) != NULL);

  /* Created while nobody was signed in at this desk, found by the next login's catch-up. */
  pst_sync_logout (f->sync);
  before = open_public (f, NULL);
  pst_clock_advance (f->clock, 10 * G_USEC_PER_SEC * 60);
  login_online (f, f->sync, OFFICER);
  WAIT_FOR ((item = find_item (f->sync, before)) != NULL);
  WAIT_FOR (pst_consultation_item_get_last_message (item) != NULL);
  g_assert_cmpstr (pst_consultation_item_get_last_message (item), ==, QUESTION);
  run_for (200);
  g_assert_false (signalled_for (&arrived, before));
  g_assert_cmpuint (arrived.items->len, ==, 2);
  g_signal_handlers_disconnect_by_data (f->sync, &arrived);
}

static void
cache_login_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RestartCheck *check = user_data;
  PstSync *sync = PST_SYNC (source);
  PstConsultationItem *item;

  g_assert_true (pst_sync_login_finish (sync, result, NULL));

  /* Before the server was asked for the list. */
  item = find_item (sync, check->id);
  g_assert_nonnull (item);
  g_assert_cmpstr (pst_consultation_item_get_last_message (item), ==, QUESTION);
  g_assert_true (pst_consultation_item_get_unread (item));
  check->checked = TRUE;
}

/* The cache shows the list at login before the network does. */
static void
test_cache (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RestartCheck check = { 0 };
  PstConsultationItem *item;
  GListModel *model = pst_sync_get_consultations (f->sync);

  login_online (f, f->sync, OFFICER);
  id = open_public (f, NULL);
  WAIT_FOR ((item = find_item (f->sync, id)) != NULL);
  WAIT_FOR (pst_consultation_item_get_last_message (item) != NULL);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PstConsultationItem) each = g_list_model_get_item (model, i);

      WAIT_FOR (pst_consultation_item_get_last_message (each) != NULL);
    }
  before = model_ids (f->sync);

  pst_sync_logout (f->sync);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  check.id = id;
  pst_sync_login_async (f->sync, f->relay->url, OFFICER, DEMO_PASSWORD, NULL, cache_login_cb,
                        &check);
  WAIT_FOR (check.checked);
  after = model_ids (f->sync);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/app/sync-consultations/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("list-order", test_list_order);
  ADD ("arrived-and-unread", test_arrived_and_unread);
  ADD ("reply", test_reply);
  ADD ("claim-and-reply", test_claim_and_reply);
  ADD ("claim-conflict", test_claim_conflict);
  ADD ("message-refused", test_message_refused);
  ADD ("offline-replay", test_offline_replay);
  ADD ("second-desk", test_second_desk);
  ADD ("catch-up", test_catch_up);
  ADD ("cache", test_cache);

#undef ADD

  return g_test_run ();
}
