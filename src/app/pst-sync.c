/* pst-sync.c: the only code of pst-desk that touches the network.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-sync.h"

#include <libsoup/soup.h>

#include "pst-cache.h"
#include "pst-i18n.h"
#include "pst-sync-private.h"

/* How the sync engine works.
 *
 * Session. Logging in posts the credentials, reads the officer (GET /me)
 * and the office (its zone, hours and holidays make the PstCalendar),
 * opens the cache of that server and office (pst-cache.c: a worker thread
 * owns the sqlite file) and shows what it holds for today before asking
 * the server anything more. The bearer token is kept in memory only.
 * Every login and logout bumps `generation`; an answer, a cache result or
 * a socket that belongs to an older generation is dropped on arrival (the
 * callbacks hold the engine by a weak reference), so nothing of a closed
 * session leaks into the next one.
 *
 * Connection. A (re)connection first catches up: GET /changes since the
 * last applied seq, 500 at a time, or, when the desk never synced or the
 * server asks for a resync, the log position and then a snapshot of
 * today's tickets. Then it opens the WebSocket with `since`, and the state
 * is ONLINE until the socket closes or a request fails for want of a
 * network, when it goes back to CONNECTING and tries again after a back-off
 * (1 s doubling to 30 s, with jitter). A 401 anywhere ends the session
 * (`session-ended`) and keeps the outbox. `serial` counters tell the steps
 * of an abandoned attempt from those of the current one.
 *
 * Model. `confirmed` holds each of today's tickets as the server last
 * described it. What a row shows is that ticket with this officer's
 * outbox actions on it applied in order (pst_ticket_transition() for the
 * status): so an action shows at once, and a refused one rolls back by
 * just dropping it. A ticket issued here shows as a placeholder with a
 * local id until the server numbers it; the same item then becomes the
 * real ticket. Items are updated in place (pst_ticket_item_set_ticket())
 * and kept in queue order (issued_at, then number). A newer description
 * of a ticket replaces an older one; one with a shorter history (an
 * answer that crossed a later event) is ignored. Tickets of another
 * office-local day than today drop out; the day is checked at least once
 * a minute, when the clock is set, and as events arrive.
 *
 * Outbox. Each action is a row written to the cache (with a fresh
 * Idempotency-Key) before anything is sent; the sender takes the rows in
 * order, one at a time, and only once on disk. 2xx removes the row and
 * applies the answer; a network failure waits for the connection; 408,
 * 429 and 5xx retry after a back-off; 401 ends the session; any other
 * refusal drops the row, tells the UI (`action-failed`) and reads the
 * ticket again. Rows belong to the officer who took the action: only that
 * officer's session sends them (the server keeps keys per officer, so a
 * replay under another account would not be recognised as one). Another
 * officer logging in on the same desk neither sees nor sends them; they
 * wait on disk for their officer's next login.
 *
 * Consultations. Their list, threads and unread marks, and what the
 * outbox rows about them (subject `consultation:ID`) show, are
 * pst-sync-consultations.c's; this file hands it the events, the cache
 * snapshot at login, each (re)connection, and the outbox's answers.
 */

#define REQUEST_TIMEOUT_S    20
#define HANDSHAKE_TIMEOUT_S  20
#define KEEPALIVE_S          25
#define MAX_FRAME_BYTES      (4 * 1024 * 1024)
#define BACKOFF_MIN_MS       1000
#define BACKOFF_MAX_MS       30000
#define PAGE_SIZE            500
#define DAY_CHECK_MAX_MS     60000

/* One request in flight. @func runs only while the session that sent it
 * lasts; @data is freed in any case.
 */
typedef struct
{
  GWeakRef        self;
  guint           generation;
  ReplyFunc       func;
  gpointer        data;
  GDestroyNotify  data_free;
  SoupMessage    *msg;
} Call;

typedef struct
{
  GWeakRef        self;
  guint           generation;
  CacheDoneFunc   func;
  gpointer        data;
  GDestroyNotify  data_free;
} CacheCall;

/* The steps of signing in (reference counted: each request holds one). */
typedef struct
{
  GTask        *task;       /* NULL once answered */
  PstOfficer   *officer;
  PstOffice    *office;
  PstCalendar  *calendar;
  PstCache     *cache;
  char         *today;
  GCancellable *user_cancellable;
  gulong        cancelled_id;
} Login;

typedef struct
{
  GTask *task;              /* NULL once answered */
} CallNext;

/* One catch-up: a (re)connection, or a reload while the socket stays open. */
typedef struct
{
  gboolean   reload;
  guint      serial;
  gboolean   full;          /* take a snapshot of the tickets */
  gint64     position;      /* the log position of the snapshot, or -1 */
  GPtrArray *tickets;       /* the snapshot's pages so far */
} SyncOp;

typedef struct
{
  GWeakRef     self;
  guint        generation;
  SyncOp      *op;
  SoupMessage *msg;
} SocketCall;

enum {
  PROP_0,
  PROP_STATE,
  PROP_PENDING_COUNT,
  PROP_LOGGED_IN,
  PROP_OFFICER,
  PROP_OFFICE,
  PROP_CALENDAR,
  PROP_SERVER_URL,
  N_PROPS
};

enum {
  SESSION_ENDED,
  ACTION_FAILED,
  CONSULTATION_ARRIVED,
  REQUESTER_REPLIED,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

static const struct
{
  PstTicketAction action;
  const char     *verb;
} action_verbs[] = {
  { PST_TICKET_ACTION_START, "start" },
  { PST_TICKET_ACTION_FINISH, "finish" },
  { PST_TICKET_ACTION_NO_SHOW, "no-show" },
  { PST_TICKET_ACTION_RECALL, "recall" },
  { PST_TICKET_ACTION_REQUEUE, "requeue" },
  { PST_TICKET_ACTION_TRANSFER, "transfer" },
};

G_DEFINE_FINAL_TYPE (PstSync, pst_sync, G_TYPE_OBJECT)
G_DEFINE_QUARK (pst-sync-error-quark, pst_sync_error)
G_DEFINE_ENUM_TYPE (PstConnectionState, pst_connection_state,
                    G_DEFINE_ENUM_VALUE (PST_CONNECTION_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (PST_CONNECTION_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (PST_CONNECTION_ONLINE, "online"))

static void connect_start     (PstSync    *self,
                               gboolean    full);
static void connection_lost   (PstSync    *self);
static void session_ended     (PstSync    *self);
static void outbox_kick       (PstSync    *self);
static void start_reload      (PstSync    *self,
                               gboolean    resync);
static void fetch_ticket      (PstSync    *self,
                               const char *id);
static void refresh_office    (PstSync    *self);
static void check_day         (PstSync    *self);
static void adopt_placeholder (PstSync         *self,
                               const char      *local_id,
                               const PstTicket *real);
static gboolean is_issue_in_flight (PstSync         *self,
                                    const PstTicket *ticket);

/* Small helpers. */

static void
wipe_free (char *str)
{
  if (str == NULL)
    return;

  memset (str, 0, strlen (str));
  g_free (str);
}

static gboolean
is_local_id (const char *id)
{
  return id != NULL && g_str_has_prefix (id, LOCAL_ID_PREFIX);
}

static char *
escape_segment (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

static guint
history_length (const PstTicket *ticket)
{
  return ticket->history != NULL ? ticket->history->len : 0;
}

/* Between half and all of 1 s × 2^@attempt, at most 30 s: desks that lost
 * the server together do not all come back in the same instant.
 */
static guint
backoff_delay_ms (guint attempt)
{
  guint delay = BACKOFF_MIN_MS;

  for (guint i = 0; i < attempt && delay < BACKOFF_MAX_MS; i++)
    delay *= 2;
  delay = MIN (delay, BACKOFF_MAX_MS);

  return delay / 2 + (guint) g_random_int_range (0, (gint32) (delay / 2) + 1);
}

/* The Accept-Language header for the UI's languages, best first:
 * "id-id, id;q=0.9, en;q=0.8"; NULL when only C is set.
 */
static char *
build_accept_language (void)
{
  const char *const *names = g_get_language_names ();
  g_autoptr(GPtrArray) langs = g_ptr_array_new_with_free_func (g_free);
  GString *header;

  for (guint i = 0; names[i] != NULL && langs->len < 10; i++)
    {
      g_autofree char *lang = g_ascii_strdown (names[i], -1);
      gboolean seen = FALSE;

      lang[strcspn (lang, ".@")] = '\0';
      g_strdelimit (lang, "_", '-');
      if (*lang == '\0' || g_str_equal (lang, "c") || g_str_equal (lang, "posix"))
        continue;

      for (guint j = 0; j < langs->len; j++)
        seen = seen || g_str_equal (g_ptr_array_index (langs, j), lang);
      if (!seen)
        g_ptr_array_add (langs, g_steal_pointer (&lang));
    }

  if (langs->len == 0)
    return NULL;

  header = g_string_new (NULL);
  for (guint i = 0; i < langs->len; i++)
    {
      if (i > 0)
        g_string_append (header, ", ");
      g_string_append (header, g_ptr_array_index (langs, i));
      if (i > 0)
        g_string_append_printf (header, ";q=0.%u", 10 - i);
    }

  return g_string_free (header, FALSE);
}

/* The session's Accept-Language: the one set with pst_sync_set_language(),
 * else the environment's.
 */
static char *
session_accept_language (PstSync *self)
{
  return self->language != NULL ? g_strdup (self->language) : build_accept_language ();
}

/* The server's root URL without a trailing slash, or NULL when @input is
 * not an http(s) URL.
 */
static char *
normalize_server_url (const char *input)
{
  g_autofree char *url = g_strstrip (g_strdup (input));
  g_autoptr(GUri) uri = NULL;
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return NULL;

  return g_steal_pointer (&url);
}

/* The office calendar: its zone, its hours (closed on the weekdays it
 * lists none for, as the server does) and its closed days.
 */
static PstCalendar *
calendar_from_office (const PstOffice  *office,
                      GError          **error)
{
  g_autoptr(PstCalendar) calendar = NULL;
  int open[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };
  int close[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };

  calendar = pst_calendar_new_for_zone (office->timezone, error);
  if (calendar == NULL)
    return NULL;

  if (office->service_hours != NULL && office->service_hours->len > 0)
    {
      for (guint i = 0; i < office->service_hours->len; i++)
        {
          const PstServiceHours *hours = g_ptr_array_index (office->service_hours, i);

          if (hours->weekday < 1 || hours->weekday > 7)
            continue;
          if (open[hours->weekday] < 0 || hours->open_minute < open[hours->weekday])
            open[hours->weekday] = hours->open_minute;
          if (close[hours->weekday] < 0 || hours->close_minute > close[hours->weekday])
            close[hours->weekday] = hours->close_minute;
        }

      for (int weekday = G_DATE_MONDAY; weekday <= G_DATE_SUNDAY; weekday++)
        {
          if (open[weekday] >= 0)
            pst_calendar_set_hours (calendar, weekday, open[weekday], close[weekday]);
          else
            pst_calendar_set_hours (calendar, weekday, 0, 0);
        }
    }

  if (office->holidays != NULL)
    pst_calendar_add_holidays (calendar, office->holidays);

  return g_steal_pointer (&calendar);
}

static char *
local_date_in (PstCalendar *calendar,
               gint64       instant)
{
  g_autoptr(GDateTime) dt = NULL;

  if (calendar == NULL || instant == PST_TIME_UNSET)
    return NULL;

  dt = pst_time_to_date_time (instant, pst_calendar_get_time_zone (calendar));
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : NULL;
}

static char *
today_in (PstSync     *self,
          PstCalendar *calendar)
{
  return local_date_in (calendar, pst_clock_get_now (self->clock));
}

static gboolean
ticket_is_today (PstSync         *self,
                 const PstTicket *ticket)
{
  g_autofree char *date = local_date_in (self->calendar, ticket->issued_at);

  return date != NULL && g_strcmp0 (date, self->today) == 0;
}

static void
set_state (PstSync            *self,
           PstConnectionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STATE]);
}

static void
update_pending_count (PstSync *self)
{
  guint count = g_queue_get_length (&self->outbox);

  if (self->pending_count == count)
    return;

  self->pending_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PENDING_COUNT]);
}

/* Errors. */

static GError *
transport_error (PstSync      *self,
                 const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (PST_SYNC_ERROR, PST_SYNC_ERROR_TLS,
                        /* Translators: %s is the server address, then what went wrong. */
                        _("The secure connection to %s failed (%s); check the server address, or "
                          "ask your administrator about the server’s certificate"),
                        self->server_url, error->message);

  if (error->domain == SOUP_SESSION_ERROR)
    return g_error_new (PST_SYNC_ERROR, PST_SYNC_ERROR_PROTOCOL,
                        /* Translators: %s is the server address, then what went wrong. */
                        _("The server at %s gave an answer PST Desk does not understand (%s)"),
                        self->server_url, error->message);

  return g_error_new (PST_SYNC_ERROR, PST_SYNC_ERROR_UNREACHABLE,
                      /* Translators: %s is the server address, then what went wrong. */
                      _("The server at %s cannot be reached (%s); check the address and the "
                        "network connection"),
                      self->server_url, error->message);
}

/* The localized message of an API error answer, or NULL. */
static const char *
reply_message (Reply *reply)
{
  JsonObject *obj;
  JsonObject *error;

  if (reply->json == NULL || !JSON_NODE_HOLDS_OBJECT (reply->json))
    return NULL;

  obj = json_node_get_object (reply->json);
  if (!json_object_has_member (obj, "error") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "error")))
    return NULL;

  error = json_object_get_object_member (obj, "error");
  return json_object_get_string_member_with_default (error, "message", NULL);
}

static gboolean
reply_is_success (Reply *reply)
{
  return reply->error == NULL && reply->status >= 200 && reply->status < 300;
}

/* No answer for want of a network (not because the session closed). */
static gboolean
reply_is_network_failure (Reply *reply)
{
  return reply->error != NULL &&
         !g_error_matches (reply->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A failure worth trying again later: no network, or the server is busy. */
static gboolean
reply_is_transient (Reply *reply)
{
  return reply_is_network_failure (reply) ||
         reply->status == SOUP_STATUS_REQUEST_TIMEOUT || reply->status == 429 ||
         reply->status >= 500;
}

static GError *
protocol_error (PstSync      *self,
                const GError *detail)
{
  return g_error_new (PST_SYNC_ERROR, PST_SYNC_ERROR_PROTOCOL,
                      _("The server at %s gave an answer PST Desk does not understand (%s)"),
                      self->server_url, detail != NULL ? detail->message : "?");
}

static GError *
reply_to_error (PstSync *self,
                Reply   *reply)
{
  const char *message = reply_message (reply);

  if (reply->error != NULL)
    return transport_error (self, reply->error);

  if (reply->status == SOUP_STATUS_UNAUTHORIZED)
    return g_error_new_literal (PST_SYNC_ERROR, PST_SYNC_ERROR_UNAUTHORIZED,
                                message != NULL ? message
                                                : _("The server ended the session; sign in again"));

  if (reply->status == 429)
    {
      const char *retry = soup_message_headers_get_one (soup_message_get_response_headers (reply->msg),
                                                        "Retry-After");
      guint64 seconds = 0;

      if (retry != NULL && g_ascii_string_to_unsigned (retry, 10, 0, G_MAXUINT32, &seconds, NULL))
        {
          int minutes = (int) MAX ((seconds + 59) / 60, 1);

          return g_error_new (PST_SYNC_ERROR, PST_SYNC_ERROR_RATE_LIMITED,
                              dngettext (GETTEXT_PACKAGE,
                                         "Too many failed attempts; try again in %d minute",
                                         "Too many failed attempts; try again in %d minutes",
                                         minutes),
                              minutes);
        }

      return g_error_new_literal (PST_SYNC_ERROR, PST_SYNC_ERROR_RATE_LIMITED,
                                  message != NULL ? message
                                                  : _("Too many failed attempts; try again in a few minutes"));
    }

  if (reply->status >= 400 && message != NULL)
    return g_error_new_literal (PST_SYNC_ERROR, PST_SYNC_ERROR_REJECTED, message);

  return g_error_new (PST_SYNC_ERROR, PST_SYNC_ERROR_PROTOCOL,
                      /* Translators: %s is the server address, %u an HTTP status code. */
                      _("The server at %s gave an answer PST Desk does not understand (HTTP %u)"),
                      self->server_url, reply->status);
}

/* Requests. */

static void
call_free (Call *call)
{
  g_weak_ref_clear (&call->self);
  if (call->data_free != NULL && call->data != NULL)
    call->data_free (call->data);
  g_clear_object (&call->msg);
  g_free (call);
}

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(PstSync) self = g_weak_ref_get (&call->self);
  g_autoptr(GBytes) bytes = NULL;
  Reply reply = { 0 };

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply.error);
  reply.msg = call->msg;

  if (self != NULL && self->generation == call->generation && call->func != NULL)
    {
      if (bytes != NULL)
        {
          gsize size = 0;
          const char *data = g_bytes_get_data (bytes, &size);

          reply.status = soup_message_get_status (call->msg);
          if (size > 0)
            reply.json = pst_json_parse (data, (gssize) size, NULL);
        }

      call->func (self, &reply, call->data);
    }
  else if (reply.error != NULL && !g_error_matches (reply.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("A request of a closed session failed: %s", reply.error->message);
    }

  g_clear_error (&reply.error);
  g_clear_pointer (&reply.json, json_node_unref);
  call_free (call);
}

/* Sends @method @path (from the server root) with the session's token and
 * language, and @body (JSON text) and @key when not NULL. @func gets the
 * answer if the session still lasts then. A @detached request is sent
 * whatever happens to the session (logging out).
 */
static void
api_send_full (PstSync        *self,
               const char     *method,
               const char     *path,
               const char     *body,
               const char     *key,
               gboolean        detached,
               ReplyFunc       func,
               gpointer        data,
               GDestroyNotify  data_free)
{
  g_autofree char *url = g_strconcat (self->server_url, path, NULL);
  SoupMessageHeaders *headers;
  Call *call;

  call = g_new0 (Call, 1);
  g_weak_ref_init (&call->self, self);
  call->generation = self->generation;
  call->func = func;
  call->data = data;
  call->data_free = data_free;
  call->msg = soup_message_new (method, url);
  g_assert (call->msg != NULL);

  headers = soup_message_get_request_headers (call->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->accept_language != NULL)
    soup_message_headers_replace (headers, "Accept-Language", self->accept_language);
  if (self->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }
  if (key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", key);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (call->msg, "application/json", bytes);
    }

  soup_session_send_and_read_async (self->http, call->msg, G_PRIORITY_DEFAULT,
                                    detached ? NULL : self->cancellable, call_done_cb, call);
}

static void
api_send (PstSync        *self,
          const char     *method,
          const char     *path,
          const char     *body,
          const char     *key,
          ReplyFunc       func,
          gpointer        data,
          GDestroyNotify  data_free)
{
  api_send_full (self, method, path, body, key, FALSE, func, data, data_free);
}

static char *
node_to_string_take (JsonNode *node)
{
  char *text = pst_json_to_string (node);

  json_node_unref (node);
  return text;
}

/* Cache calls. */

static void
cache_call_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CacheCall *call = user_data;
  g_autoptr(PstSync) self = g_weak_ref_get (&call->self);

  if (self != NULL && self->generation == call->generation && call->func != NULL)
    call->func (self, PST_CACHE (source), result, call->data);

  g_weak_ref_clear (&call->self);
  if (call->data_free != NULL && call->data != NULL)
    call->data_free (call->data);
  g_free (call);
}

static gpointer
cache_call_new (PstSync        *self,
                CacheDoneFunc   func,
                gpointer        data,
                GDestroyNotify  data_free)
{
  CacheCall *call = g_new0 (CacheCall, 1);

  g_weak_ref_init (&call->self, self);
  call->generation = self->generation;
  call->func = func;
  call->data = data;
  call->data_free = data_free;

  return call;
}

static void
cache_written_cb (PstSync      *self,
                  PstCache     *cache,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (!pst_cache_write_finish (cache, result, &error))
    g_message ("Could not write to the local cache: %s", error->message);
}

/* Writes @tickets (may be NULL) and the log position to the cache. */
static void
cache_store (PstSync    *self,
             GPtrArray  *tickets,
             const char *replace_date)
{
  if (self->cache == NULL)
    return;

  pst_cache_store_tickets_async (self->cache, self->office->code,
                                 pst_calendar_get_time_zone (self->calendar), tickets,
                                 replace_date, self->last_seq, pst_clock_get_now (self->clock),
                                 NULL, cache_call_done_cb,
                                 cache_call_new (self, cache_written_cb, NULL, NULL));
}

static void
cache_store_one (PstSync    *self,
                 const char *id)
{
  const PstTicket *ticket = g_hash_table_lookup (self->confirmed, id);
  g_autoptr(GPtrArray) tickets = g_ptr_array_new ();

  if (ticket == NULL)
    return;

  g_ptr_array_add (tickets, (gpointer) ticket);
  cache_store (self, tickets, NULL);
}

/* The model. */

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const PstTicket *ta = pst_ticket_item_get_ticket ((PstTicketItem *) a);
  const PstTicket *tb = pst_ticket_item_get_ticket ((PstTicketItem *) b);
  int cmp;

  if (ta->issued_at != tb->issued_at)
    return ta->issued_at < tb->issued_at ? -1 : 1;

  cmp = g_strcmp0 (ta->number, tb->number);
  if (cmp != 0)
    return cmp;

  return g_strcmp0 (ta->id, tb->id);
}

static void
guest_book_mask (PstGuestBook *guest_book)
{
  if (guest_book->id_number != NULL)
    {
      g_free (guest_book->id_number_masked);
      guest_book->id_number_masked = pst_mask_id_number (guest_book->id_number);
      wipe_free (guest_book->id_number);
      guest_book->id_number = NULL;
    }
}

static PstGuestBook *
guest_book_from_body (JsonNode *node)
{
  PstGuestBook *guest_book;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  guest_book = pst_guest_book_from_json (node, NULL);
  if (guest_book != NULL)
    guest_book_mask (guest_book);

  return guest_book;
}

/* What @pending makes of @ticket (taken; NULL when there is none yet). */
static PstTicket *
apply_pending (PstSync   *self,
               Pending   *pending,
               PstTicket *ticket)
{
  JsonObject *body = pending->body != NULL && JSON_NODE_HOLDS_OBJECT (pending->body)
                       ? json_node_get_object (pending->body) : NULL;
  gint64 at = pending->entry->created_at;
  PstTicketStatus to;

  switch (pending->kind)
    {
    case PENDING_ISSUE:
      if (ticket == NULL && self->office != NULL)
        {
          PstService service = PST_SERVICE_CONSULTATION;

          if (body != NULL)
            pst_json_get_enum (body, "service", FALSE, PST_JSON_ENUM_FROM_STRING (pst_service),
                               (int *) &service, NULL);

          ticket = pst_ticket_new ();
          ticket->id = g_strdup (pending->ticket_id);
          ticket->office = g_strdup (self->office->code);
          ticket->service = service;
          ticket->status = PST_TICKET_STATUS_WAITING;
          /* The number is the server's to give: the prefix shows the queue meanwhile. */
          ticket->number = g_strdup_printf ("%c-…", pst_service_ticket_prefix (service));
          ticket->issued_at = at;
          if (body != NULL)
            ticket->guest_book = guest_book_from_body (json_object_get_member (body, "guest_book"));
        }
      return ticket;

    case PENDING_ACTION:
      if (ticket == NULL)
        return NULL;

      if (pending->action == PST_TICKET_ACTION_TRANSFER && body != NULL &&
          json_object_has_member (body, "officer"))
        {
          g_autofree char *officer = NULL;

          if (pst_json_get_string (body, "officer", FALSE, &officer, NULL) && officer != NULL)
            {
              g_free (ticket->officer);
              ticket->officer = g_steal_pointer (&officer);
            }
          return ticket;
        }

      /* An action the ticket has moved past (an event came first) shows nothing. */
      if (!pst_ticket_transition (ticket->status, pending->action, &to, NULL))
        return ticket;

      ticket->status = to;
      switch (pending->action)
        {
        case PST_TICKET_ACTION_START:
          ticket->started_at = at;
          break;

        case PST_TICKET_ACTION_FINISH:
          ticket->finished_at = at;
          if (body != NULL)
            {
              PstCategory topic;

              if (pst_json_get_enum (body, "topic", FALSE, PST_JSON_ENUM_FROM_STRING (pst_category),
                                     (int *) &topic, NULL) &&
                  json_object_has_member (body, "topic"))
                {
                  ticket->has_topic = TRUE;
                  ticket->topic = topic;
                }
              pst_json_get_string (body, "outcome", FALSE, &ticket->outcome, NULL);
              pst_json_get_string (body, "notes", FALSE, &ticket->notes, NULL);
            }
          break;

        case PST_TICKET_ACTION_RECALL:
          ticket->called_at = at;
          if (body != NULL)
            pst_json_get_string (body, "desk", FALSE, &ticket->desk, NULL);
          break;

        case PST_TICKET_ACTION_CALL:
        case PST_TICKET_ACTION_NO_SHOW:
        case PST_TICKET_ACTION_REQUEUE:
        case PST_TICKET_ACTION_TRANSFER:
        case PST_N_TICKET_ACTIONS:
        default:
          break;
        }
      return ticket;

    case PENDING_GUEST_BOOK:
      if (ticket != NULL && pending->body != NULL)
        {
          PstGuestBook *guest_book = guest_book_from_body (pending->body);

          if (guest_book != NULL)
            {
              g_clear_pointer (&ticket->guest_book, pst_guest_book_free);
              ticket->guest_book = guest_book;
            }
        }
      return ticket;

    case PENDING_OTHER:
    default:
      return ticket;
    }
}

/* The ticket @id as shown: the server's, with this officer's outbox on it. */
static PstTicket *
compose_ticket (PstSync    *self,
                const char *id,
                gboolean   *out_pending)
{
  const PstTicket *confirmed = g_hash_table_lookup (self->confirmed, id);
  PstTicket *ticket = confirmed != NULL ? pst_ticket_copy (confirmed) : NULL;

  *out_pending = FALSE;
  for (GList *l = self->outbox.head; l != NULL; l = l->next)
    {
      Pending *pending = l->data;

      if (g_strcmp0 (pending->ticket_id, id) != 0)
        continue;

      *out_pending = TRUE;
      ticket = apply_pending (self, pending, ticket);
    }

  return ticket;
}

static void
remove_item (PstSync       *self,
             PstTicketItem *item)
{
  guint position;

  if (g_list_store_find (self->tickets, item, &position))
    g_list_store_remove (self->tickets, position);
}

/* Brings the item of @id in line with what it should show: updated in
 * place, added, moved when its place in the queue changed, or removed.
 */
static void
refresh_item (PstSync    *self,
              const char *id)
{
  g_autoptr(PstTicket) ticket = NULL;
  PstTicketItem *item;
  gboolean pending;

  if (id == NULL)
    return;

  ticket = compose_ticket (self, id, &pending);
  if (ticket != NULL && !is_local_id (id) && !ticket_is_today (self, ticket))
    g_clear_pointer (&ticket, pst_ticket_free);

  item = g_hash_table_lookup (self->items, id);

  if (ticket == NULL)
    {
      if (item != NULL)
        {
          g_object_ref (item);
          g_hash_table_remove (self->items, id);
          remove_item (self, item);
          g_object_unref (item);
        }
      return;
    }

  if (item == NULL)
    {
      g_autoptr(PstTicketItem) created = pst_ticket_item_new (ticket);

      pst_ticket_item_set_pending (created, pending);
      g_hash_table_insert (self->items, g_strdup (id), created);
      g_list_store_insert_sorted (self->tickets, created, compare_items, NULL);
      return;
    }

  {
    const PstTicket *old = pst_ticket_item_get_ticket (item);
    gboolean moved = old->issued_at != ticket->issued_at ||
                     g_strcmp0 (old->number, ticket->number) != 0;

    pst_ticket_item_set_ticket (item, ticket);
    pst_ticket_item_set_pending (item, pending);

    if (moved)
      {
        g_object_ref (item);
        remove_item (self, item);
        g_list_store_insert_sorted (self->tickets, item, compare_items, NULL);
        g_object_unref (item);
      }
  }
}

static void
refresh_all_items (PstSync *self)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (ids, g_strdup (key));
  g_hash_table_iter_init (&iter, self->confirmed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (ids, g_strdup (key));
  for (GList *l = self->outbox.head; l != NULL; l = l->next)
    {
      Pending *pending = l->data;

      if (pending->ticket_id != NULL)
        g_hash_table_add (ids, g_strdup (pending->ticket_id));
    }

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    refresh_item (self, key);
}

typedef struct
{
  PstTicket *ticket;
  guint      seq;
} QueuePlace;

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  const QueuePlace *pa = a;
  const QueuePlace *pb = b;

  if (pa->ticket->service != pb->ticket->service)
    return pa->ticket->service < pb->ticket->service ? -1 : 1;
  if (pa->seq != pb->seq)
    return pa->seq < pb->seq ? -1 : 1;

  return g_strcmp0 (pa->ticket->id, pb->ticket->id);
}

/* Keeps the wait target of each waiting ticket current, by the core's
 * rule: its clock starts when the visitor before it in the same queue
 * left the desk. The server computes it when it answers, but an event
 * about one ticket does not restate the next one's, so the desk applies
 * the same rule itself to what it knows.
 */
static void
update_wait_dues (PstSync *self)
{
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (QueuePlace));
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  guint target = 10;
  GHashTableIter iter;
  gpointer value;

  if (self->office == NULL)
    return;
  if (self->office->standard != NULL && self->office->standard->walkin_wait_min > 0)
    target = (guint) self->office->standard->walkin_wait_min;

  g_hash_table_iter_init (&iter, self->confirmed);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      QueuePlace place = { value, G_MAXUINT };
      PstService service;

      pst_ticket_parse_number (place.ticket->number, &service, &place.seq);
      g_array_append_val (places, place);
    }
  g_array_sort (places, compare_places);

  for (guint i = 0; i < places->len; i++)
    {
      PstTicket *ticket = g_array_index (places, QueuePlace, i).ticket;
      PstTicket *previous = i > 0 ? g_array_index (places, QueuePlace, i - 1).ticket : NULL;
      gboolean has_previous = previous != NULL && previous->service == ticket->service;
      gint64 previous_left = PST_TICKET_NO_TIME;
      gint64 due;

      if (ticket->status != PST_TICKET_STATUS_WAITING || ticket->issued_at == PST_TIME_UNSET)
        continue;

      if (has_previous &&
          (previous->status == PST_TICKET_STATUS_DONE ||
           previous->status == PST_TICKET_STATUS_NO_SHOW ||
           previous->status == PST_TICKET_STATUS_TRANSFERRED) &&
          previous->finished_at != PST_TIME_UNSET)
        previous_left = previous->finished_at;

      due = pst_ticket_wait_due (pst_ticket_wait_start (ticket->issued_at, has_previous,
                                                        previous_left),
                                 target);
      if (due != ticket->wait_due)
        {
          ticket->wait_due = due;
          g_ptr_array_add (changed, g_strdup (ticket->id));
        }
    }

  for (guint i = 0; i < changed->len; i++)
    refresh_item (self, g_ptr_array_index (changed, i));
}

/* Takes @incoming as the server's word on a ticket, unless it is older
 * than what is known (a shorter history), of another office, or of
 * another day (then the ticket drops out). Events carry no guest book:
 * with @keep_guest_book the known one stays. Returns whether the
 * confirmed ticket changed.
 */
static gboolean
merge_ticket (PstSync         *self,
              const PstTicket *incoming,
              gboolean         keep_guest_book)
{
  const PstTicket *existing;
  PstTicket *copy;

  if (incoming->id == NULL || self->office == NULL)
    return FALSE;
  if (incoming->office != NULL && g_strcmp0 (incoming->office, self->office->code) != 0)
    return FALSE;

  if (!ticket_is_today (self, incoming))
    {
      if (g_hash_table_remove (self->confirmed, incoming->id))
        {
          refresh_item (self, incoming->id);
          update_wait_dues (self);
        }
      return FALSE;
    }

  existing = g_hash_table_lookup (self->confirmed, incoming->id);
  if (existing != NULL && history_length (incoming) < history_length (existing))
    return FALSE;

  copy = pst_ticket_copy (incoming);
  if (keep_guest_book && copy->guest_book == NULL && existing != NULL && existing->guest_book != NULL)
    copy->guest_book = pst_guest_book_copy (existing->guest_book);

  if (existing != NULL && pst_ticket_equal (existing, copy))
    {
      pst_ticket_free (copy);
      return FALSE;
    }

  g_hash_table_replace (self->confirmed, g_strdup (copy->id), copy);
  refresh_item (self, copy->id);
  update_wait_dues (self);
  return TRUE;
}

static gboolean
event_has_guest_book (const PstEvent *event)
{
  if (event->data == NULL || !JSON_NODE_HOLDS_OBJECT (event->data))
    return FALSE;

  return json_object_get_boolean_member_with_default (json_node_get_object (event->data),
                                                      "has_guest_book", FALSE);
}

/* Applies log events (PstEvent, oldest first) and moves the log position
 * to @position.
 */
static void
apply_events (PstSync   *self,
              GPtrArray *events,
              gint64     position)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_ticket_free);
  gboolean office_changed = FALSE;
  guint generation = self->generation;

  check_day (self);

  for (guint i = 0; i < events->len; i++)
    {
      const PstEvent *event = g_ptr_array_index (events, i);

      if (event->type == NULL)
        continue;

      if (g_str_has_prefix (event->type, "ticket."))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(PstTicket) ticket = NULL;

          if (event->data != NULL)
            ticket = pst_ticket_from_json (event->data, &error);
          if (ticket == NULL)
            {
              g_debug ("Skipping event %" G_GINT64_FORMAT " (%s): %s", event->seq, event->type,
                       error != NULL ? error->message : "no data");
              continue;
            }

          if (g_str_equal (event->type, "ticket.issued") && is_issue_in_flight (self, ticket))
            adopt_placeholder (self, ((Pending *) g_queue_peek_head (&self->outbox))->ticket_id,
                               ticket);
          else if (merge_ticket (self, ticket, event_has_guest_book (event)))
            g_ptr_array_add (changed,
                             pst_ticket_copy (g_hash_table_lookup (self->confirmed, ticket->id)));

          /* Events leave the guest book out: read the new one. */
          if (g_str_equal (event->type, "ticket.guest_book") && ticket_is_today (self, ticket))
            fetch_ticket (self, ticket->id);
        }
      else if (g_str_equal (event->type, "office.updated") ||
               g_str_equal (event->type, "holidays.updated"))
        {
          office_changed = TRUE;
        }
      else
        {
          pst_sync_consultations_apply_event (self, event);
        }
    }

  if (self->generation != generation)
    return;

  if (position > self->last_seq)
    self->last_seq = position;

  cache_store (self, changed, NULL);

  if (office_changed)
    refresh_office (self);
}

/* Takes a fresh list of today's tickets (PstTicket) as the server's word:
 * tickets it lacks are gone.
 */
static void
apply_snapshot (PstSync   *self,
                GPtrArray *tickets)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < tickets->len; i++)
    {
      const PstTicket *ticket = g_ptr_array_index (tickets, i);

      if (ticket->id == NULL)
        continue;
      merge_ticket (self, ticket, FALSE);
      g_hash_table_add (seen, ticket->id);
    }

  g_hash_table_iter_init (&iter, self->confirmed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_hash_table_contains (seen, key))
        g_ptr_array_add (gone, g_strdup (key));
    }
  for (guint i = 0; i < gone->len; i++)
    {
      g_hash_table_remove (self->confirmed, g_ptr_array_index (gone, i));
      refresh_item (self, g_ptr_array_index (gone, i));
    }
  update_wait_dues (self);

  g_hash_table_iter_init (&iter, self->confirmed);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, value);
  cache_store (self, all, self->today);
}

/* The day. */

static gboolean day_check_cb (gpointer user_data);

/* Checks again at the office's next midnight, and at least once a minute
 * (a timer does not count the time a laptop sleeps).
 */
static void
schedule_day_check (PstSync *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next = NULL;
  gint64 now_us = pst_clock_get_now (self->clock);
  gint64 delay_ms = DAY_CHECK_MAX_MS;
  GTimeZone *zone;

  g_clear_handle_id (&self->day_check_id, g_source_remove);
  if (self->calendar == NULL)
    return;

  zone = pst_calendar_get_time_zone (self->calendar);
  now = pst_time_to_date_time (now_us, zone);
  if (now != NULL)
    {
      midnight = g_date_time_new (zone, g_date_time_get_year (now), g_date_time_get_month (now),
                                  g_date_time_get_day_of_month (now), 0, 0, 0);
      next = midnight != NULL ? g_date_time_add_days (midnight, 1) : NULL;
      if (next != NULL)
        delay_ms = (pst_time_from_date_time (next) - now_us) / 1000 + 1000;
    }

  self->day_check_id = g_timeout_add ((guint) CLAMP (delay_ms, 1000, DAY_CHECK_MAX_MS),
                                      day_check_cb, self);
}

static gboolean
day_check_cb (gpointer user_data)
{
  PstSync *self = user_data;

  self->day_check_id = 0;
  check_day (self);
  schedule_day_check (self);

  return G_SOURCE_REMOVE;
}

/* At the office's midnight the day's tickets drop out and the new day's
 * list is read.
 */
static void
check_day (PstSync *self)
{
  g_autofree char *today = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!self->logged_in)
    return;

  today = today_in (self, self->calendar);
  if (today == NULL || g_strcmp0 (today, self->today) == 0)
    return;

  g_debug ("The office's day is now %s", today);
  g_free (self->today);
  self->today = g_steal_pointer (&today);

  gone = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->confirmed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!ticket_is_today (self, value))
        g_ptr_array_add (gone, g_strdup (key));
    }
  for (guint i = 0; i < gone->len; i++)
    g_hash_table_remove (self->confirmed, g_ptr_array_index (gone, i));

  refresh_all_items (self);

  if (self->state == PST_CONNECTION_ONLINE)
    start_reload (self, FALSE);
}

static void
clock_changed_cb (PstClock *clock,
                  PstSync  *self)
{
  check_day (self);
  if (self->logged_in)
    schedule_day_check (self);
}

/* Sessions. */

static void
close_socket (PstSync *self)
{
  g_clear_handle_id (&self->handshake_timeout_id, g_source_remove);
  if (self->handshake_cancellable != NULL)
    {
      g_cancellable_cancel (self->handshake_cancellable);
      g_clear_object (&self->handshake_cancellable);
    }

  if (self->ws != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->ws, self);
      if (soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&self->ws);
    }
}

static void
pending_free (Pending *pending)
{
  pst_outbox_entry_free (pending->entry);
  g_free (pending->ticket_id);
  g_free (pending->consultation_id);
  g_free (pending->message_id);
  g_free (pending->server_message_id);
  g_clear_pointer (&pending->body, json_node_unref);
  g_free (pending);
}

/* Closes the session: the socket, the requests in flight, the token, the
 * models. The cache and its outbox stay on disk. With @tell_server, the
 * token is revoked (best effort, nobody waits for the answer).
 */
static void
end_session (PstSync  *self,
             gboolean  tell_server)
{
  gboolean had_server = self->server_url != NULL;

  g_object_freeze_notify (G_OBJECT (self));

  if (tell_server && self->token != NULL && self->server_url != NULL)
    api_send_full (self, "POST", API_PREFIX "/auth/logout", NULL, NULL, TRUE, NULL, NULL, NULL);

  self->generation++;
  self->connect_serial++;
  self->reload_serial++;
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  close_socket (self);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->day_check_id, g_source_remove);
  g_clear_pointer (&self->token, wipe_free);

  /* Waits for the writes already queued, such as the last action's row. */
  if (self->cache != NULL)
    pst_cache_close (self->cache);
  g_clear_object (&self->cache);

  g_list_store_remove_all (self->tickets);
  g_hash_table_remove_all (self->items);
  g_hash_table_remove_all (self->confirmed);
  g_queue_clear_full (&self->outbox, (GDestroyNotify) pending_free);
  pst_sync_consultations_clear (self);
  self->sending = FALSE;
  self->connecting = FALSE;
  self->reloading = FALSE;
  self->last_seq = 0;
  self->reconnect_attempts = 0;
  update_pending_count (self);

  if (self->officer != NULL)
    {
      g_clear_pointer (&self->officer, pst_officer_free);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_OFFICER]);
    }
  if (self->office != NULL)
    {
      g_clear_pointer (&self->office, pst_office_free);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_OFFICE]);
    }
  if (self->calendar != NULL)
    {
      g_clear_object (&self->calendar);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CALENDAR]);
    }
  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->accept_language, g_free);
  if (had_server)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SERVER_URL]);

  if (self->logged_in)
    {
      self->logged_in = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOGGED_IN]);
    }
  set_state (self, PST_CONNECTION_OFFLINE);

  g_object_thaw_notify (G_OBJECT (self));
}

/* The server refused the session (401): logged out, outbox kept. */
static void
session_ended (PstSync *self)
{
  if (!self->logged_in)
    return;

  g_message ("The server ended the session");
  end_session (self, FALSE);
  g_signal_emit (self, signals[SESSION_ENDED], 0);
}

/* The connection. */

static gboolean
reconnect_cb (gpointer user_data)
{
  PstSync *self = user_data;

  self->reconnect_id = 0;
  connect_start (self, FALSE);

  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (PstSync *self)
{
  guint delay;

  if (!self->logged_in)
    return;

  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  delay = backoff_delay_ms (self->reconnect_attempts);
  if (self->reconnect_attempts < 16)
    self->reconnect_attempts++;

  g_debug ("Reconnecting in %u ms", delay);
  self->reconnect_id = g_timeout_add (delay, reconnect_cb, self);
  set_state (self, PST_CONNECTION_CONNECTING);
}

/* The socket closed or a request found no network: try again later. */
static void
connection_lost (PstSync *self)
{
  if (!self->logged_in)
    return;

  close_socket (self);
  self->connecting = FALSE;
  self->connect_serial++;
  self->reloading = FALSE;
  self->reload_serial++;

  if (self->reconnect_id == 0)
    schedule_reconnect (self);
}

static void
sync_op_clear (SyncOp *op)
{
  g_clear_pointer (&op->tickets, g_ptr_array_unref);
}

static SyncOp *
sync_op_new (gboolean reload,
             guint    serial,
             gboolean full)
{
  SyncOp *op = g_rc_box_new0 (SyncOp);

  op->reload = reload;
  op->serial = serial;
  op->full = full;
  op->position = -1;
  op->tickets = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_ticket_free);

  return op;
}

static SyncOp *
sync_op_ref (SyncOp *op)
{
  return g_rc_box_acquire (op);
}

static void
sync_op_unref (SyncOp *op)
{
  g_rc_box_release_full (op, (GDestroyNotify) sync_op_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncOp, sync_op_unref)

static gboolean
sync_op_is_current (PstSync *self,
                    SyncOp  *op)
{
  if (op->reload)
    return self->reloading && op->serial == self->reload_serial;

  return self->connecting && op->serial == self->connect_serial;
}

/* A step of @op failed: no answer or an error answer (@reply), or one
 * that could not be read (@error).
 */
static void
sync_op_failed (PstSync      *self,
                SyncOp       *op,
                Reply        *reply,
                const GError *error)
{
  if (reply->status == SOUP_STATUS_UNAUTHORIZED)
    {
      session_ended (self);
      return;
    }

  if (error != NULL)
    g_debug ("Catching up failed: %s", error->message);
  else if (reply->error != NULL)
    g_debug ("Catching up failed: %s", reply->error->message);
  else
    g_debug ("Catching up failed: HTTP %u", reply->status);

  if (op->reload)
    {
      self->reloading = FALSE;
      if (error == NULL && reply_is_transient (reply))
        connection_lost (self);
      return;
    }

  self->connecting = FALSE;
  schedule_reconnect (self);
}

static void
socket_message_cb (SoupWebsocketConnection *connection,
                   SoupWebsocketDataType    type,
                   GBytes                  *message,
                   PstSync                 *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PstEvent) event = NULL;
  g_autoptr(GPtrArray) events = NULL;
  const char *data;
  gsize size;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;

  data = g_bytes_get_data (message, &size);
  node = pst_json_parse_object (data, (gssize) size, &error);
  if (node != NULL)
    event = pst_event_from_json (node, &error);
  if (event == NULL)
    {
      g_debug ("Skipping a frame: %s", error->message);
      return;
    }

  if (g_str_equal (event->type, PST_EVENT_TYPE_RESYNC))
    {
      start_reload (self, TRUE);
      return;
    }

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_event_free);
  g_ptr_array_add (events, g_steal_pointer (&event));
  apply_events (self, events, ((PstEvent *) g_ptr_array_index (events, 0))->seq);
}

static void
socket_closed_cb (SoupWebsocketConnection *connection,
                  PstSync                 *self)
{
  if (connection != self->ws)
    return;

  g_debug ("The event socket closed (code %u)",
           soup_websocket_connection_get_close_code (connection));
  connection_lost (self);
}

static gboolean
handshake_timeout_cb (gpointer user_data)
{
  PstSync *self = user_data;

  self->handshake_timeout_id = 0;
  if (self->handshake_cancellable != NULL)
    g_cancellable_cancel (self->handshake_cancellable);

  return G_SOURCE_REMOVE;
}

static void
socket_call_free (SocketCall *call)
{
  g_weak_ref_clear (&call->self);
  sync_op_unref (call->op);
  g_clear_object (&call->msg);
  g_free (call);
}

static void
socket_connected_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SocketCall *call = user_data;
  g_autoptr(PstSync) self = g_weak_ref_get (&call->self);
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);

  if (self == NULL || self->generation != call->generation || !sync_op_is_current (self, call->op))
    {
      if (connection != NULL)
        {
          soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
          g_object_unref (connection);
        }
      socket_call_free (call);
      return;
    }

  g_clear_handle_id (&self->handshake_timeout_id, g_source_remove);
  g_clear_object (&self->handshake_cancellable);

  if (connection == NULL)
    {
      if (soup_message_get_status (call->msg) == SOUP_STATUS_UNAUTHORIZED)
        {
          socket_call_free (call);
          session_ended (self);
          return;
        }

      g_debug ("The event socket did not open: %s", error->message);
      self->connecting = FALSE;
      socket_call_free (call);
      schedule_reconnect (self);
      return;
    }

  socket_call_free (call);

  self->ws = connection;
  soup_websocket_connection_set_keepalive_interval (connection, KEEPALIVE_S);
  soup_websocket_connection_set_max_incoming_payload_size (connection, MAX_FRAME_BYTES);
  g_signal_connect (connection, "message", G_CALLBACK (socket_message_cb), self);
  g_signal_connect (connection, "closed", G_CALLBACK (socket_closed_cb), self);

  self->connecting = FALSE;
  self->reconnect_attempts = 0;
  set_state (self, PST_CONNECTION_ONLINE);

  pst_sync_consultations_reload (self);
  outbox_kick (self);
}

static void
open_socket (PstSync *self,
             SyncOp  *op)
{
  g_autofree char *url = NULL;
  g_autofree char *auth = NULL;
  SoupMessageHeaders *headers;
  SocketCall *call;
  const char *rest = self->server_url;

  /* http → ws, https → wss. */
  if (g_str_has_prefix (rest, "https"))
    rest += strlen ("https");
  else
    rest += strlen ("http");
  url = g_strdup_printf ("%s%s" API_PREFIX "/events?since=%" G_GINT64_FORMAT,
                         g_str_has_prefix (self->server_url, "https") ? "wss" : "ws", rest,
                         MAX (self->last_seq, 0));

  call = g_new0 (SocketCall, 1);
  g_weak_ref_init (&call->self, self);
  call->generation = self->generation;
  call->op = sync_op_ref (op);
  call->msg = soup_message_new ("GET", url);
  g_assert (call->msg != NULL);

  headers = soup_message_get_request_headers (call->msg);
  auth = g_strconcat ("Bearer ", self->token, NULL);
  soup_message_headers_replace (headers, "Authorization", auth);
  memset (auth, 0, strlen (auth));
  if (self->accept_language != NULL)
    soup_message_headers_replace (headers, "Accept-Language", self->accept_language);

  close_socket (self);
  self->handshake_cancellable = g_cancellable_new ();
  self->handshake_timeout_id = g_timeout_add_seconds (HANDSHAKE_TIMEOUT_S, handshake_timeout_cb,
                                                      self);
  soup_session_websocket_connect_async (self->ws_http, call->msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->handshake_cancellable, socket_connected_cb, call);
}

static void fetch_snapshot (PstSync    *self,
                            SyncOp     *op,
                            const char *cursor);

static void
snapshot_cb (PstSync  *self,
             Reply    *reply,
             gpointer  data)
{
  SyncOp *op = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *next_cursor = NULL;

  if (!sync_op_is_current (self, op))
    return;

  if (!reply_is_success (reply))
    {
      sync_op_failed (self, op, reply, NULL);
      return;
    }

  if (reply->json == NULL ||
      (items = pst_json_list_from_json (reply->json, (PstJsonDecodeFunc) pst_ticket_from_json,
                                        (GDestroyNotify) pst_ticket_free, &next_cursor,
                                        &error)) == NULL)
    {
      sync_op_failed (self, op, reply, error);
      return;
    }

  g_ptr_array_extend_and_steal (op->tickets, g_steal_pointer (&items));

  if (next_cursor != NULL)
    {
      fetch_snapshot (self, op, next_cursor);
      return;
    }

  if (op->position >= 0)
    self->last_seq = op->reload ? MAX (op->position, self->last_seq) : op->position;
  apply_snapshot (self, op->tickets);

  if (op->reload)
    {
      self->reloading = FALSE;
      pst_sync_consultations_reload (self);
      return;
    }

  open_socket (self, op);
}

static void
fetch_snapshot (PstSync    *self,
                SyncOp     *op,
                const char *cursor)
{
  g_autofree char *code = escape_segment (self->office->code);
  g_autofree char *escaped_cursor = cursor != NULL ? escape_segment (cursor) : NULL;
  g_autofree char *path = NULL;

  path = g_strdup_printf (API_PREFIX "/offices/%s/tickets?limit=%d%s%s", code, PAGE_SIZE,
                          cursor != NULL ? "&cursor=" : "",
                          cursor != NULL ? escaped_cursor : "");
  api_send (self, "GET", path, NULL, NULL, snapshot_cb, sync_op_ref (op),
            (GDestroyNotify) sync_op_unref);
}

static GPtrArray *
decode_changes (Reply   *reply,
                gint64  *out_last_seq,
                GError **error)
{
  if (reply->json == NULL)
    {
      g_set_error_literal (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_JSON, "no JSON");
      return NULL;
    }

  return pst_changes_from_json (reply->json, out_last_seq, error);
}

static void
position_cb (PstSync  *self,
             Reply    *reply,
             gpointer  data)
{
  SyncOp *op = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 last_seq = 0;

  if (!sync_op_is_current (self, op))
    return;

  if (!reply_is_success (reply))
    {
      sync_op_failed (self, op, reply, NULL);
      return;
    }

  events = decode_changes (reply, &last_seq, &error);
  if (events == NULL)
    {
      sync_op_failed (self, op, reply, error);
      return;
    }

  op->position = last_seq;
  fetch_snapshot (self, op, NULL);
}

static void fetch_changes (PstSync *self,
                           SyncOp  *op);

static void
changes_cb (PstSync  *self,
            Reply    *reply,
            gpointer  data)
{
  SyncOp *op = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 last_seq = 0;
  guint generation = self->generation;

  if (!sync_op_is_current (self, op))
    return;

  if (!reply_is_success (reply))
    {
      sync_op_failed (self, op, reply, NULL);
      return;
    }

  events = decode_changes (reply, &last_seq, &error);
  if (events == NULL)
    {
      sync_op_failed (self, op, reply, error);
      return;
    }

  if (events->len > 0 &&
      g_strcmp0 (((PstEvent *) g_ptr_array_index (events, 0))->type, PST_EVENT_TYPE_RESYNC) == 0)
    {
      g_debug ("The server asks for a reload");
      op->full = TRUE;
      op->position = last_seq;
      fetch_snapshot (self, op, NULL);
      return;
    }

  apply_events (self, events, last_seq);
  if (self->generation != generation || !sync_op_is_current (self, op))
    return;

  if (events->len >= PAGE_SIZE)
    fetch_changes (self, op);
  else if (op->full)
    {
      op->position = self->last_seq;
      fetch_snapshot (self, op, NULL);
    }
  else
    open_socket (self, op);
}

static void
fetch_changes (PstSync *self,
               SyncOp  *op)
{
  g_autofree char *path = NULL;

  path = g_strdup_printf (API_PREFIX "/changes?since=%" G_GINT64_FORMAT "&limit=%d",
                          self->last_seq, PAGE_SIZE);
  api_send (self, "GET", path, NULL, NULL, changes_cb, sync_op_ref (op),
            (GDestroyNotify) sync_op_unref);
}

/* (Re)connects: catches up with the log (or takes a snapshot when the
 * desk has no position, or @full), then opens the socket.
 */
static void
connect_start (PstSync  *self,
               gboolean  full)
{
  g_autoptr(SyncOp) op = NULL;

  if (!self->logged_in || self->ws != NULL || self->connecting)
    return;

  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  self->connecting = TRUE;
  self->connect_serial++;
  set_state (self, PST_CONNECTION_CONNECTING);

  op = sync_op_new (FALSE, self->connect_serial, full);
  if (self->last_seq <= 0)
    {
      op->full = TRUE;
      api_send (self, "GET", API_PREFIX "/changes", NULL, NULL, position_cb, sync_op_ref (op),
                (GDestroyNotify) sync_op_unref);
    }
  else
    fetch_changes (self, op);
}

/* Reads today's list again while the socket stays open: after a resync
 * frame (@resync: the position is unknown until the server says it) or
 * when the day changed.
 */
static void
start_reload (PstSync  *self,
              gboolean  resync)
{
  g_autoptr(SyncOp) op = NULL;

  if (!self->logged_in || self->reloading)
    return;

  self->reloading = TRUE;
  self->reload_serial++;
  op = sync_op_new (TRUE, self->reload_serial, TRUE);

  if (resync)
    {
      /* Events after the resync frame move it up from here. */
      self->last_seq = 0;
      api_send (self, "GET", API_PREFIX "/changes", NULL, NULL, position_cb, sync_op_ref (op),
                (GDestroyNotify) sync_op_unref);
    }
  else
    fetch_snapshot (self, op, NULL);
}

/* Reading one ticket (after an action was refused, or for its guest book). */

static void
ticket_fetched_cb (PstSync  *self,
                   Reply    *reply,
                   gpointer  data)
{
  const char *id = data;
  g_autoptr(PstTicket) ticket = NULL;

  if (reply->status == SOUP_STATUS_UNAUTHORIZED)
    {
      session_ended (self);
      return;
    }

  if (reply->status == SOUP_STATUS_NOT_FOUND)
    {
      if (g_hash_table_remove (self->confirmed, id))
        {
          refresh_item (self, id);
          update_wait_dues (self);
        }
      return;
    }

  if (!reply_is_success (reply) || reply->json == NULL)
    return;

  ticket = pst_ticket_from_json (reply->json, NULL);
  if (ticket != NULL && merge_ticket (self, ticket, FALSE))
    cache_store_one (self, ticket->id);
  refresh_item (self, id);
}

static void
fetch_ticket (PstSync    *self,
              const char *id)
{
  g_autofree char *escaped = escape_segment (id);
  g_autofree char *path = g_strconcat (API_PREFIX "/tickets/", escaped, NULL);

  api_send (self, "GET", path, NULL, NULL, ticket_fetched_cb, g_strdup (id), g_free);
}

/* The office. */

static void
office_refreshed_cb (PstSync  *self,
                     Reply    *reply,
                     gpointer  data)
{
  g_autoptr(PstOffice) office = NULL;
  g_autoptr(PstCalendar) calendar = NULL;

  if (reply->status == SOUP_STATUS_UNAUTHORIZED)
    {
      session_ended (self);
      return;
    }

  if (!reply_is_success (reply) || reply->json == NULL ||
      (office = pst_office_from_json (reply->json, NULL)) == NULL ||
      g_strcmp0 (office->code, self->office->code) != 0 ||
      (calendar = calendar_from_office (office, NULL)) == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (!pst_office_equal (office, self->office))
    {
      pst_office_free (self->office);
      self->office = g_steal_pointer (&office);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_OFFICE]);
      if (self->cache != NULL)
        pst_cache_save_session_async (self->cache, self->server_url, self->office, self->officer,
                                      pst_clock_get_now (self->clock), NULL, cache_call_done_cb,
                                      cache_call_new (self, cache_written_cb, NULL, NULL));
    }
  g_set_object (&self->calendar, calendar);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CALENDAR]);
  g_object_thaw_notify (G_OBJECT (self));

  check_day (self);
  schedule_day_check (self);
}

static void
refresh_office (PstSync *self)
{
  g_autofree char *code = escape_segment (self->office->code);
  g_autofree char *path = g_strconcat (API_PREFIX "/offices/", code, NULL);

  api_send (self, "GET", path, NULL, NULL, office_refreshed_cb, NULL, NULL);
}

/* The outbox. */

static Pending *
pending_new (PstOutboxEntry *entry)
{
  Pending *pending = g_new0 (Pending, 1);
  g_autofree char *rest = NULL;
  g_auto(GStrv) segments = NULL;
  guint n;

  pending->entry = entry;
  pending->kind = PENDING_OTHER;

  if (entry->subject != NULL && g_str_has_prefix (entry->subject, SUBJECT_PREFIX))
    pending->ticket_id = g_strdup (entry->subject + strlen (SUBJECT_PREFIX));
  else if (entry->subject != NULL &&
           g_str_has_prefix (entry->subject, CONSULTATION_SUBJECT_PREFIX))
    pending->consultation_id = g_strdup (entry->subject + strlen (CONSULTATION_SUBJECT_PREFIX));

  if (entry->body != NULL)
    pending->body = pst_json_parse (entry->body, -1, NULL);

  /* The path says what the row does: /api/v1/offices/C/tickets,
   * /api/v1/tickets/ID/VERB, /api/v1/consultations/ID/VERB.
   */
  if (!g_str_has_prefix (entry->path, API_PREFIX "/"))
    return pending;

  rest = g_strdup (entry->path + strlen (API_PREFIX "/"));
  segments = g_strsplit (rest, "/", 4);
  n = g_strv_length (segments);

  if (n == 3 && g_str_equal (segments[0], "offices") && g_str_equal (segments[2], "tickets") &&
      g_str_equal (entry->method, "POST"))
    pending->kind = PENDING_ISSUE;
  else if (n == 3 && g_str_equal (segments[0], "tickets") &&
           g_str_equal (segments[2], "guest-book") && g_str_equal (entry->method, "PUT"))
    pending->kind = PENDING_GUEST_BOOK;
  else if (n == 3 && g_str_equal (segments[0], "tickets") && g_str_equal (entry->method, "POST"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (action_verbs); i++)
        {
          if (g_str_equal (segments[2], action_verbs[i].verb))
            {
              pending->kind = PENDING_ACTION;
              pending->action = action_verbs[i].action;
            }
        }
    }
  else if (n == 3 && g_str_equal (segments[0], "consultations") &&
           g_str_equal (entry->method, "POST"))
    pst_sync_consultations_parse_pending (pending, segments);

  return pending;
}

static void outbox_added_cb (PstSync      *self,
                             PstCache     *cache,
                             GAsyncResult *result,
                             gpointer      data);

static void
outbox_write_update (PstSync *self,
                     Pending *pending)
{
  if (!pending->written)
    {
      pending->dirty = TRUE;
      return;
    }

  pst_cache_outbox_update_async (self->cache, pending->entry, NULL, cache_call_done_cb,
                                 cache_call_new (self, cache_written_cb, NULL, NULL));
}

/* Removes @pending from the outbox, and its row from the disk. */
static void
outbox_remove (PstSync *self,
               Pending *pending)
{
  g_queue_remove (&self->outbox, pending);
  if (pending->written && self->cache != NULL)
    pst_cache_outbox_remove_async (self->cache, pending->entry->id, NULL, cache_call_done_cb,
                                   cache_call_new (self, cache_written_cb, NULL, NULL));
  pending_free (pending);
  update_pending_count (self);
}

/* Queues @entry (taken): on disk first, then shown, then sent. */
static void
outbox_add (PstSync        *self,
            PstOutboxEntry *entry)
{
  Pending *pending = pending_new (entry);

  g_queue_push_tail (&self->outbox, pending);
  pst_cache_outbox_add_async (self->cache, pending->entry, NULL, cache_call_done_cb,
                              cache_call_new (self, outbox_added_cb, pending, NULL));
  update_pending_count (self);
  refresh_item (self, pending->ticket_id);
  pst_sync_consultations_refresh (self, pending->consultation_id);
}

/* Drops every row about @ticket_id (a ticket that was never issued). */
static void
outbox_drop_ticket (PstSync    *self,
                    const char *ticket_id)
{
  GList *l = self->outbox.head;

  while (l != NULL)
    {
      Pending *pending = l->data;

      l = l->next;
      if (g_strcmp0 (pending->ticket_id, ticket_id) == 0)
        outbox_remove (self, pending);
    }
}

static void
outbox_failed (PstSync    *self,
               Pending    *pending,
               const char *message)
{
  g_autofree char *ticket_id = g_strdup (pending->ticket_id);
  g_autofree char *text = g_strdup (message);
  PendingKind kind = pending->kind;
  guint generation = self->generation;
  PstTicketItem *item;

  if (pending->consultation_id != NULL)
    {
      pst_sync_consultations_failed (self, pending, message);
      return;
    }

  outbox_remove (self, pending);
  /* Later actions on a ticket that was never issued cannot go either. */
  if (kind == PENDING_ISSUE)
    outbox_drop_ticket (self, ticket_id);
  refresh_item (self, ticket_id);

  /* Held: a handler may log out, which empties the model. */
  item = ticket_id != NULL ? g_hash_table_lookup (self->items, ticket_id) : NULL;
  if (item != NULL)
    g_object_ref (item);
  pst_sync_emit_action_failed (self, G_OBJECT (item), text);
  g_clear_object (&item);
  if (self->generation != generation)
    return;

  if (ticket_id != NULL && !is_local_id (ticket_id))
    fetch_ticket (self, ticket_id);
}

static void
outbox_added_cb (PstSync      *self,
                 PstCache     *cache,
                 GAsyncResult *result,
                 gpointer      data)
{
  Pending *pending = data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = pst_cache_outbox_add_finish (cache, result, &error);

  if (g_queue_find (&self->outbox, pending) == NULL)
    {
      /* Dropped while it was being written. */
      if (id > 0)
        pst_cache_outbox_remove_async (cache, id, NULL, NULL, NULL);
      return;
    }

  if (id <= 0)
    {
      g_autofree char *message = NULL;

      g_message ("Could not save an action: %s", error->message);
      message = g_strdup_printf (_("The action could not be saved on this computer (%s); "
                                   "try again"),
                                 error->message);
      outbox_failed (self, pending, message);
      return;
    }

  pending->entry->id = id;
  pending->written = TRUE;
  if (pending->dirty)
    {
      pending->dirty = FALSE;
      outbox_write_update (self, pending);
    }

  outbox_kick (self);
}

static gboolean
retry_cb (gpointer user_data)
{
  PstSync *self = user_data;

  self->retry_id = 0;
  outbox_kick (self);

  return G_SOURCE_REMOVE;
}

static void
outbox_retry_later (PstSync    *self,
                    Pending    *pending,
                    const char *reason,
                    gboolean    schedule)
{
  guint delay = backoff_delay_ms ((guint) pending->entry->attempts);

  pending->entry->attempts++;
  pending->entry->next_attempt_at = pst_clock_get_now (self->clock) + (gint64) delay * 1000;
  g_free (pending->entry->last_error);
  pending->entry->last_error = g_strdup (reason);
  outbox_write_update (self, pending);

  if (schedule)
    {
      g_clear_handle_id (&self->retry_id, g_source_remove);
      self->retry_id = g_timeout_add (delay, retry_cb, self);
    }
}

/* The server numbered the ticket issued here as @real: the placeholder
 * item becomes it (the same object, so a row showing it just updates),
 * and the rows about the placeholder name it.
 */
static void
adopt_placeholder (PstSync         *self,
                   const char      *local_id,
                   const PstTicket *real)
{
  g_autofree char *escaped = escape_segment (real->id);
  g_autofree char *old_id = g_strdup (local_id);
  PstTicketItem *item;
  PstTicketItem *duplicate;

  for (GList *l = self->outbox.head; l != NULL; l = l->next)
    {
      Pending *pending = l->data;
      const char *verb = NULL;

      if (g_strcmp0 (pending->ticket_id, old_id) != 0)
        continue;

      if (pending->kind == PENDING_GUEST_BOOK)
        verb = "guest-book";
      for (guint i = 0; pending->kind == PENDING_ACTION && i < G_N_ELEMENTS (action_verbs); i++)
        {
          if (action_verbs[i].action == pending->action)
            verb = action_verbs[i].verb;
        }

      g_free (pending->ticket_id);
      pending->ticket_id = g_strdup (real->id);
      g_free (pending->entry->subject);
      pending->entry->subject = g_strconcat (SUBJECT_PREFIX, real->id, NULL);
      if (verb != NULL)
        {
          g_free (pending->entry->path);
          pending->entry->path = g_strconcat (API_PREFIX "/tickets/", escaped, "/", verb, NULL);
        }
      outbox_write_update (self, pending);
    }

  item = g_hash_table_lookup (self->items, old_id);
  if (item != NULL)
    {
      g_object_ref (item);
      g_hash_table_remove (self->items, old_id);

      /* An event made an item of its own first: the placeholder's stays. */
      duplicate = g_hash_table_lookup (self->items, real->id);
      if (duplicate != NULL && duplicate != item)
        {
          g_object_ref (duplicate);
          g_hash_table_remove (self->items, real->id);
          remove_item (self, duplicate);
          g_object_unref (duplicate);
        }
      g_hash_table_insert (self->items, g_strdup (real->id), item);
      g_object_unref (item);
    }

  merge_ticket (self, real, FALSE);
  refresh_item (self, real->id);
  cache_store_one (self, real->id);
}

/* Whether @ticket, announced by a `ticket.issued` event before the answer
 * to the issue being sent came, is that answer: a ticket this officer
 * issued in the same queue. Then the placeholder takes it at once rather
 * than showing it twice for a moment. (Were it not, the answer still
 * adds the right ticket; nothing is lost.)
 */
static gboolean
is_issue_in_flight (PstSync         *self,
                    const PstTicket *ticket)
{
  Pending *head = g_queue_peek_head (&self->outbox);
  const PstTicketHistoryEntry *first;
  JsonObject *body;

  if (!self->sending || head == NULL || head->kind != PENDING_ISSUE ||
      !is_local_id (head->ticket_id) || head->body == NULL ||
      !JSON_NODE_HOLDS_OBJECT (head->body))
    return FALSE;

  if (g_hash_table_contains (self->confirmed, ticket->id) ||
      g_hash_table_contains (self->items, ticket->id))
    return FALSE;

  body = json_node_get_object (head->body);
  if (g_strcmp0 (json_object_get_string_member_with_default (body, "service", NULL),
                 pst_service_to_string (ticket->service)) != 0)
    return FALSE;

  if (ticket->history == NULL || ticket->history->len == 0)
    return FALSE;
  first = g_ptr_array_index (ticket->history, 0);

  return g_strcmp0 (first->action, "issued") == 0 &&
         g_strcmp0 (first->officer, self->officer->id) == 0;
}

/* The server accepted @pending: its answer is the ticket as it is now
 * (for a transfer to another service, the visitor's new ticket).
 */
static void
outbox_accepted (PstSync *self,
                 Pending *pending,
                 Reply   *reply)
{
  g_autoptr(PstTicket) answer = NULL;
  g_autofree char *ticket_id = g_strdup (pending->ticket_id);
  PendingKind kind = pending->kind;

  if (pending->consultation_id != NULL)
    {
      pst_sync_consultations_accepted (self, pending, reply);
      return;
    }

  if (reply->json != NULL && JSON_NODE_HOLDS_OBJECT (reply->json))
    answer = pst_ticket_from_json (reply->json, NULL);
  if (answer != NULL && answer->id == NULL)
    g_clear_pointer (&answer, pst_ticket_free);

  if (kind == PENDING_ISSUE)
    {
      outbox_remove (self, pending);
      if (answer != NULL && is_local_id (ticket_id))
        adopt_placeholder (self, ticket_id, answer);
      else if (answer != NULL && merge_ticket (self, answer, FALSE))
        cache_store_one (self, answer->id);
      refresh_item (self, ticket_id);
      return;
    }

  if (answer != NULL && ticket_id != NULL && g_strcmp0 (answer->id, ticket_id) != 0)
    {
      /* A transfer: the old ticket is as the action left it until its event comes. */
      const PstTicket *old = g_hash_table_lookup (self->confirmed, ticket_id);

      if (old != NULL)
        {
          PstTicket *moved = apply_pending (self, pending, pst_ticket_copy (old));

          g_hash_table_replace (self->confirmed, g_strdup (ticket_id), moved);
          update_wait_dues (self);
        }
    }

  outbox_remove (self, pending);
  if (answer != NULL && merge_ticket (self, answer, FALSE))
    cache_store_one (self, answer->id);
  refresh_item (self, ticket_id);
}

static void
outbox_sent_cb (PstSync  *self,
                Reply    *reply,
                gpointer  data)
{
  Pending *pending = data;

  self->sending = FALSE;

  if (g_queue_find (&self->outbox, pending) == NULL)
    {
      outbox_kick (self);
      return;
    }

  if (reply->error != NULL)
    {
      if (!reply_is_network_failure (reply))
        return;

      g_debug ("Sending an action failed: %s", reply->error->message);
      outbox_retry_later (self, pending, reply->error->message, FALSE);
      connection_lost (self);
      return;
    }

  if (reply_is_success (reply))
    {
      outbox_accepted (self, pending, reply);
      outbox_kick (self);
      return;
    }

  if (reply->status == SOUP_STATUS_UNAUTHORIZED)
    {
      session_ended (self);
      return;
    }

  if (reply_is_transient (reply))
    {
      g_autofree char *reason = g_strdup_printf ("HTTP %u", reply->status);

      outbox_retry_later (self, pending, reason, TRUE);
      return;
    }

  {
    g_autoptr(GError) error = reply_to_error (self, reply);

    outbox_failed (self, pending, error->message);
  }
  outbox_kick (self);
}

/* Sends the first row when online, on disk and not waiting to retry. */
static void
outbox_kick (PstSync *self)
{
  Pending *pending;

  if (self->sending || self->state != PST_CONNECTION_ONLINE || self->retry_id != 0)
    return;

  pending = g_queue_peek_head (&self->outbox);
  if (pending == NULL || !pending->written)
    return;

  self->sending = TRUE;
  if (pending->consultation_id != NULL)
    pst_sync_consultations_sending (self, pending);
  api_send (self, pending->entry->method, pending->entry->path, pending->entry->body,
            pending->entry->idempotency_key, outbox_sent_cb, pending, NULL);
}

/* Logging in. */

/* Once answered, the caller's cancellable no longer reaches the session. */
static void
login_stop_forwarding (Login *login)
{
  if (login->user_cancellable != NULL)
    {
      g_cancellable_disconnect (login->user_cancellable, login->cancelled_id);
      g_clear_object (&login->user_cancellable);
    }
}

static void
login_clear (Login *login)
{
  login_stop_forwarding (login);

  /* Answered by now, unless the session went away under it. */
  if (login->task != NULL)
    g_task_return_new_error (login->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  g_clear_object (&login->task);
  g_clear_pointer (&login->officer, pst_officer_free);
  g_clear_pointer (&login->office, pst_office_free);
  g_clear_object (&login->calendar);
  g_clear_object (&login->cache);
  g_clear_pointer (&login->today, g_free);
}

static Login *
login_ref (Login *login)
{
  return g_rc_box_acquire (login);
}

static void
login_unref (Login *login)
{
  g_rc_box_release_full (login, (GDestroyNotify) login_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Login, login_unref)

static void
login_fail (PstSync *self,
            Login   *login,
            GError  *error)
{
  g_autoptr(GTask) task = NULL;

  login_stop_forwarding (login);
  task = g_steal_pointer (&login->task);
  if (login->cache != NULL)
    pst_cache_close (login->cache);
  end_session (self, TRUE);
  g_task_return_error (task, error);
}

static void
login_fail_reply (PstSync *self,
                  Login   *login,
                  Reply   *reply)
{
  login_fail (self, login, reply_to_error (self, reply));
}

static void
login_loaded_cb (PstSync      *self,
                 PstCache     *cache,
                 GAsyncResult *result,
                 gpointer      data)
{
  Login *login = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PstCacheSnapshot) snapshot = NULL;
  g_autoptr(GTask) task = NULL;

  snapshot = pst_cache_load_finish (cache, result, &error);
  if (snapshot == NULL)
    {
      login_fail (self, login,
                  g_error_new (PST_SYNC_ERROR, PST_SYNC_ERROR_CACHE,
                               /* Translators: %s is a file, then what went wrong. */
                               _("The local cache %s cannot be read (%s); free some disk space "
                                 "or ask your administrator"),
                               pst_cache_get_path (cache), error->message));
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));

  self->officer = g_steal_pointer (&login->officer);
  self->office = g_steal_pointer (&login->office);
  self->calendar = g_steal_pointer (&login->calendar);
  self->cache = g_steal_pointer (&login->cache);
  self->today = g_steal_pointer (&login->today);
  self->last_seq = snapshot->last_seq;
  self->logged_in = TRUE;

  /* What the cache holds shows at once; the server's list follows. */
  for (guint i = 0; i < snapshot->tickets->len; i++)
    {
      PstTicket *ticket = g_ptr_array_index (snapshot->tickets, i);

      if (ticket->id != NULL && ticket_is_today (self, ticket))
        g_hash_table_replace (self->confirmed, g_strdup (ticket->id), pst_ticket_copy (ticket));
    }
  for (guint i = 0; i < snapshot->outbox->len; i++)
    {
      Pending *pending = pending_new (g_steal_pointer (&g_ptr_array_index (snapshot->outbox, i)));

      pending->written = TRUE;
      g_queue_push_tail (&self->outbox, pending);
    }
  g_ptr_array_set_size (snapshot->outbox, 0);
  update_wait_dues (self);
  refresh_all_items (self);
  update_pending_count (self);
  pst_sync_consultations_load (self, snapshot);

  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_OFFICER]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_OFFICE]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CALENDAR]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOGGED_IN]);
  g_object_thaw_notify (G_OBJECT (self));

  schedule_day_check (self);

  login_stop_forwarding (login);
  task = g_steal_pointer (&login->task);
  g_task_return_boolean (task, TRUE);

  if (self->logged_in)
    connect_start (self, TRUE);
}

static void login_cache_opened_cb (PstSync      *self,
                                   PstCache     *cache,
                                   GAsyncResult *result,
                                   gpointer      data);

/* A kiosk's session: no cache, events or outbox, only requests. */
static void
login_done_kiosk (PstSync *self,
                  Login   *login)
{
  g_autoptr(GTask) task = NULL;

  g_object_freeze_notify (G_OBJECT (self));
  self->officer = g_steal_pointer (&login->officer);
  self->office = g_steal_pointer (&login->office);
  self->calendar = g_steal_pointer (&login->calendar);
  self->today = g_steal_pointer (&login->today);
  self->logged_in = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_OFFICER]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_OFFICE]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CALENDAR]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOGGED_IN]);
  set_state (self, PST_CONNECTION_ONLINE);
  g_object_thaw_notify (G_OBJECT (self));

  login_stop_forwarding (login);
  task = g_steal_pointer (&login->task);
  g_task_return_boolean (task, TRUE);
}

static void
office_cb (PstSync  *self,
           Reply    *reply,
           gpointer  data)
{
  Login *login = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!reply_is_success (reply))
    {
      login_fail_reply (self, login, reply);
      return;
    }

  if (reply->json == NULL ||
      (login->office = pst_office_from_json (reply->json, &error)) == NULL ||
      (login->calendar = calendar_from_office (login->office, &error)) == NULL)
    {
      login_fail (self, login, protocol_error (self, error));
      return;
    }

  login->today = today_in (self, login->calendar);
  if (login->officer->role == PST_ROLE_KIOSK)
    {
      login_done_kiosk (self, login);
      return;
    }

  path = pst_cache_build_path (self->cache_dir, self->server_url, login->office->code);
  pst_cache_open_async (path, NULL, cache_call_done_cb,
                        cache_call_new (self, login_cache_opened_cb, login_ref (login),
                                        (GDestroyNotify) login_unref));
}

static void
login_cache_opened_cb (PstSync      *self,
                       PstCache     *cache,
                       GAsyncResult *result,
                       gpointer      data)
{
  Login *login = data;
  g_autoptr(GError) error = NULL;

  login->cache = pst_cache_open_finish (result, &error);
  if (login->cache == NULL)
    {
      login_fail (self, login,
                  g_error_new (PST_SYNC_ERROR, PST_SYNC_ERROR_CACHE,
                               _("The local cache cannot be opened (%s); free some disk space or "
                                 "ask your administrator"),
                               error->message));
      return;
    }

  pst_cache_save_session_async (login->cache, self->server_url, login->office, login->officer,
                                pst_clock_get_now (self->clock), NULL, cache_call_done_cb,
                                cache_call_new (self, cache_written_cb, NULL, NULL));
  pst_cache_load_async (login->cache, login->office->code, login->today, login->officer->id,
                        NULL, cache_call_done_cb,
                        cache_call_new (self, login_loaded_cb, login_ref (login),
                                        (GDestroyNotify) login_unref));
}

static void
me_cb (PstSync  *self,
       Reply    *reply,
       gpointer  data)
{
  Login *login = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *path = NULL;

  if (!reply_is_success (reply))
    {
      login_fail_reply (self, login, reply);
      return;
    }

  g_clear_pointer (&login->officer, pst_officer_free);
  if (reply->json == NULL || (login->officer = pst_officer_from_json (reply->json, &error)) == NULL ||
      login->officer->id == NULL)
    {
      login_fail (self, login, protocol_error (self, error));
      return;
    }

  if (login->officer->office == NULL)
    {
      login_fail (self, login,
                  g_error_new_literal (PST_SYNC_ERROR, PST_SYNC_ERROR_UNAUTHORIZED,
                                       _("This account belongs to no office; sign in with the "
                                         "account of an office’s officer")));
      return;
    }

  code = escape_segment (login->officer->office);
  path = g_strconcat (API_PREFIX "/offices/", code, NULL);
  api_send (self, "GET", path, NULL, NULL, office_cb, login_ref (login),
            (GDestroyNotify) login_unref);
}

static void
login_cb (PstSync  *self,
          Reply    *reply,
          gpointer  data)
{
  Login *login = data;
  JsonObject *obj;
  const char *token;

  if (!reply_is_success (reply))
    {
      login_fail_reply (self, login, reply);
      return;
    }

  obj = reply->json != NULL && JSON_NODE_HOLDS_OBJECT (reply->json)
          ? json_node_get_object (reply->json) : NULL;
  token = obj != NULL ? json_object_get_string_member_with_default (obj, "token", NULL) : NULL;
  if (token == NULL || *token == '\0')
    {
      login_fail (self, login, protocol_error (self, NULL));
      return;
    }

  self->token = g_strdup (token);

  api_send (self, "GET", API_PREFIX "/me", NULL, NULL, me_cb, login_ref (login),
            (GDestroyNotify) login_unref);
}

static void
forward_cancel_cb (GCancellable *cancellable,
                   GCancellable *session)
{
  g_cancellable_cancel (session);
}

/* Building requests. */

static JsonNode *
guest_book_body (const PstGuestBook *guest_book)
{
  JsonNode *node = pst_guest_book_to_json (guest_book);
  JsonObject *obj = json_node_get_object (node);

  /* The server takes the full number and masks it itself. */
  json_object_remove_member (obj, "id_number_masked");
  if (guest_book->id_number != NULL)
    json_object_set_string_member (obj, "id_number", guest_book->id_number);

  return node;
}

/* Calling the next visitor. */

static void
call_next_clear (CallNext *call)
{
  if (call->task != NULL)
    g_task_return_new_error (call->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  g_clear_object (&call->task);
}

static void
call_next_unref (CallNext *call)
{
  g_rc_box_release_full (call, (GDestroyNotify) call_next_clear);
}

static void
call_next_cb (PstSync  *self,
              Reply    *reply,
              gpointer  data)
{
  CallNext *call = data;
  g_autoptr(GTask) task = g_steal_pointer (&call->task);
  g_autoptr(PstTicket) ticket = NULL;
  PstTicketItem *item;

  if (reply->status == SOUP_STATUS_NO_CONTENT)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (!reply_is_success (reply))
    {
      GError *error = reply_to_error (self, reply);

      g_task_return_error (task, error);
      if (reply->status == SOUP_STATUS_UNAUTHORIZED)
        session_ended (self);
      else if (reply_is_network_failure (reply))
        connection_lost (self);
      return;
    }

  if (reply->json == NULL || (ticket = pst_ticket_from_json (reply->json, NULL)) == NULL ||
      ticket->id == NULL)
    {
      g_task_return_error (task, protocol_error (self, NULL));
      return;
    }

  if (merge_ticket (self, ticket, FALSE))
    cache_store_one (self, ticket->id);
  refresh_item (self, ticket->id);

  item = g_hash_table_lookup (self->items, ticket->id);
  g_task_return_pointer (task, item != NULL ? g_object_ref (item) : NULL, g_object_unref);
}

/* Properties, signals and the object. */

static void
pst_sync_dispose (GObject *object)
{
  PstSync *self = (PstSync *) object;

  end_session (self, FALSE);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  if (self->http != NULL)
    soup_session_abort (self->http);
  if (self->ws_http != NULL)
    soup_session_abort (self->ws_http);

  G_OBJECT_CLASS (pst_sync_parent_class)->dispose (object);
}

static void
pst_sync_finalize (GObject *object)
{
  PstSync *self = (PstSync *) object;

  g_clear_object (&self->http);
  g_clear_object (&self->ws_http);
  g_clear_object (&self->clock);
  g_clear_object (&self->tickets);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->confirmed, g_hash_table_unref);
  pst_sync_consultations_finalize (self);
  g_free (self->cache_dir);
  g_free (self->language);

  G_OBJECT_CLASS (pst_sync_parent_class)->finalize (object);
}

static void
pst_sync_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PstSync *self = PST_SYNC (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PENDING_COUNT:
      g_value_set_uint (value, self->pending_count);
      break;
    case PROP_LOGGED_IN:
      g_value_set_boolean (value, self->logged_in);
      break;
    case PROP_OFFICER:
      g_value_set_boxed (value, self->logged_in ? self->officer : NULL);
      break;
    case PROP_OFFICE:
      g_value_set_boxed (value, self->logged_in ? self->office : NULL);
      break;
    case PROP_CALENDAR:
      g_value_set_object (value, self->logged_in ? self->calendar : NULL);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pst_sync_class_init (PstSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pst_sync_dispose;
  object_class->finalize = pst_sync_finalize;
  object_class->get_property = pst_sync_get_property;

  props[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, PST_TYPE_CONNECTION_STATE,
                                         PST_CONNECTION_OFFLINE,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                         G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_PENDING_COUNT] = g_param_spec_uint ("pending-count", NULL, NULL, 0, G_MAXUINT, 0,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                 G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_LOGGED_IN] = g_param_spec_boolean ("logged-in", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_OFFICER] = g_param_spec_boxed ("officer", NULL, NULL, PST_TYPE_OFFICER,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                            G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_OFFICE] = g_param_spec_boxed ("office", NULL, NULL, PST_TYPE_OFFICE,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                           G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_CALENDAR] = g_param_spec_object ("calendar", NULL, NULL, PST_TYPE_CALENDAR,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                              G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * PstSync::session-ended:
   *
   * The server refused the session (the token expired or was revoked).
   * The sync is logged out; the outbox waits on disk for the next login.
   */
  signals[SESSION_ENDED] = g_signal_new ("session-ended", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  /**
   * PstSync::action-failed:
   * @item: (nullable): the PstTicketItem or PstConsultationItem acted on,
   *   or %NULL for a ticket that was never issued
   * @message: the server's reason, for the officer
   *
   * The server refused an action from the outbox; it is dropped and the
   * item shows the server's state again. A handler looks at the item's
   * type: the queue page ignores consultations, the consultations page
   * tickets.
   */
  signals[ACTION_FAILED] = g_signal_new ("action-failed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_OBJECT, G_TYPE_STRING);

  /**
   * PstSync::consultation-arrived:
   * @item: the new consultation
   *
   * A consultation was created while the officer is signed in (not one
   * of the first load, nor one older than the session replayed after a
   * reconnection).
   */
  signals[CONSULTATION_ARRIVED] = g_signal_new ("consultation-arrived", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 1, PST_TYPE_CONSULTATION_ITEM);

  /**
   * PstSync::requester-replied:
   * @item: the consultation the requester wrote in
   *
   * A requester's message arrived while the officer is signed in.
   */
  signals[REQUESTER_REPLIED] = g_signal_new ("requester-replied", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, PST_TYPE_CONSULTATION_ITEM);
}

static void
pst_sync_init (PstSync *self)
{
  g_autofree char *agent = g_strdup_printf ("pst-desk/%s ", PST_VERSION);

  self->tickets = g_list_store_new (PST_TYPE_TICKET_ITEM);
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->confirmed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) pst_ticket_free);
  g_queue_init (&self->outbox);
  self->state = PST_CONNECTION_OFFLINE;
  pst_sync_consultations_init (self);

  self->http = soup_session_new_with_options ("timeout", REQUEST_TIMEOUT_S,
                                              "user-agent", agent, NULL);
  self->ws_http = soup_session_new_with_options ("user-agent", agent, NULL);
}

/* Public. */

/**
 * pst_sync_new:
 * @clock: where "now" comes from
 * @cache_dir: the folder of the caches (the app's user data folder)
 */
PstSync *
pst_sync_new (PstClock   *clock,
              const char *cache_dir)
{
  PstSync *self;

  g_return_val_if_fail (PST_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (cache_dir != NULL, NULL);

  self = g_object_new (PST_TYPE_SYNC, NULL);
  self->clock = g_object_ref (clock);
  self->cache_dir = g_strdup (cache_dir);
  g_signal_connect (clock, "changed", G_CALLBACK (clock_changed_cb), self);

  return self;
}

/**
 * pst_sync_login_async:
 *
 * Signs in at @server_url (http or https, without /api/v1) and opens the
 * office's cache. Any current session ends first. The task finishes once
 * the officer, the office and the cached tickets are there; the server's
 * list and the live events follow (`state` goes to ONLINE).
 */
void
pst_sync_login_async (PstSync             *self,
                      const char          *server_url,
                      const char          *username,
                      const char          *password,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(Login) login = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (PST_IS_SYNC (self));
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pst_sync_login_async);

  end_session (self, TRUE);

  url = normalize_server_url (server_url);
  if (url == NULL)
    {
      g_task_return_new_error (task, PST_SYNC_ERROR, PST_SYNC_ERROR_UNREACHABLE,
                               /* Translators: keep the example address as it is. */
                               _("“%s” is not a server address; write it like "
                                 "https://pst.example.go.id"),
                               server_url);
      return;
    }

  self->server_url = g_steal_pointer (&url);
  self->accept_language = session_accept_language (self);
  self->cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SERVER_URL]);
  set_state (self, PST_CONNECTION_CONNECTING);

  login = g_rc_box_new0 (Login);
  login->task = g_steal_pointer (&task);
  if (cancellable != NULL)
    {
      login->user_cancellable = g_object_ref (cancellable);
      login->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb),
                                                   g_object_ref (self->cancellable),
                                                   g_object_unref);
    }

  body = json_object_new ();
  json_object_set_string_member (body, "username", username);
  json_object_set_string_member (body, "password", password);
  text = node_to_string_take (json_node_init_object (json_node_alloc (), body));
  api_send (self, "POST", API_PREFIX "/auth/login", text, NULL, login_cb, login_ref (login),
            (GDestroyNotify) login_unref);
  memset (text, 0, strlen (text));
}

gboolean
pst_sync_login_finish (PstSync       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (PST_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Ends the session: the server revokes the token (best effort), the
 * socket closes, the models empty. The cache and the outbox stay on disk:
 * this officer's next login sends what is left.
 */
void
pst_sync_logout (PstSync *self)
{
  g_return_if_fail (PST_IS_SYNC (self));

  end_session (self, TRUE);
}

gboolean
pst_sync_is_logged_in (PstSync *self)
{
  g_return_val_if_fail (PST_IS_SYNC (self), FALSE);

  return self->logged_in;
}

const char *
pst_sync_get_server_url (PstSync *self)
{
  g_return_val_if_fail (PST_IS_SYNC (self), NULL);

  return self->server_url;
}

const PstOfficer *
pst_sync_get_officer (PstSync *self)
{
  g_return_val_if_fail (PST_IS_SYNC (self), NULL);

  return self->logged_in ? self->officer : NULL;
}

const PstOffice *
pst_sync_get_office (PstSync *self)
{
  g_return_val_if_fail (PST_IS_SYNC (self), NULL);

  return self->logged_in ? self->office : NULL;
}

PstCalendar *
pst_sync_get_calendar (PstSync *self)
{
  g_return_val_if_fail (PST_IS_SYNC (self), NULL);

  return self->logged_in ? self->calendar : NULL;
}

PstConnectionState
pst_sync_get_state (PstSync *self)
{
  g_return_val_if_fail (PST_IS_SYNC (self), PST_CONNECTION_OFFLINE);

  return self->state;
}

guint
pst_sync_get_pending_count (PstSync *self)
{
  g_return_val_if_fail (PST_IS_SYNC (self), 0);

  return self->pending_count;
}

const char *
pst_sync_get_cache_path (PstSync *self)
{
  g_return_val_if_fail (PST_IS_SYNC (self), NULL);

  return self->cache != NULL ? pst_cache_get_path (self->cache) : NULL;
}

/* Skips the back-off: reconnects now when not online, and sends the
 * outbox now.
 */
void
pst_sync_retry_now (PstSync *self)
{
  g_return_if_fail (PST_IS_SYNC (self));

  if (!self->logged_in)
    return;

  self->reconnect_attempts = 0;
  if (self->reconnect_id != 0)
    {
      g_clear_handle_id (&self->reconnect_id, g_source_remove);
      connect_start (self, FALSE);
    }

  g_clear_handle_id (&self->retry_id, g_source_remove);
  outbox_kick (self);
}

GListModel *
pst_sync_get_tickets (PstSync *self)
{
  g_return_val_if_fail (PST_IS_SYNC (self), NULL);

  return G_LIST_MODEL (self->tickets);
}

/**
 * pst_sync_issue_ticket:
 * @guest_book: (nullable): for offices that fill it in before the queue
 *
 * Issues a walk-in ticket. It shows at once as a pending placeholder
 * (its number not given yet) that becomes the real ticket when the
 * server answers.
 */
void
pst_sync_issue_ticket (PstSync            *self,
                       PstService          service,
                       const PstGuestBook *guest_book)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *subject = NULL;
  g_autofree char *code = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (PST_IS_SYNC (self));
  g_return_if_fail ((guint) service < PST_N_SERVICES);
  g_return_if_fail (self->logged_in);

  body = json_object_new ();
  json_object_set_string_member (body, "service", pst_service_to_string (service));
  if (guest_book != NULL)
    json_object_set_member (body, "guest_book", guest_book_body (guest_book));
  text = node_to_string_take (json_node_init_object (json_node_alloc (), body));

  subject = g_strconcat (SUBJECT_PREFIX, LOCAL_ID_PREFIX, uuid, NULL);
  code = escape_segment (self->office->code);
  path = g_strconcat (API_PREFIX "/offices/", code, "/tickets", NULL);

  outbox_add (self, pst_outbox_entry_new (self->officer->id, "POST", path, text, subject,
                                          pst_clock_get_now (self->clock)));
  memset (text, 0, strlen (text));
}

/**
 * pst_sync_ticket_action:
 * @body: (nullable): the action's body: finish's {topic, outcome, notes},
 *   transfer's {service} or {officer}, recall's optional {desk}
 *
 * Applies @action (not CALL: see pst_sync_call_next_async()) to @ticket at
 * once, and queues it for the server. An action the ticket's status does
 * not allow is refused with `action-failed`.
 */
void
pst_sync_ticket_action (PstSync         *self,
                        PstTicketItem   *ticket,
                        PstTicketAction  action,
                        JsonObject      *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  const char *verb = NULL;
  const char *id;
  PstTicketStatus to;

  g_return_if_fail (PST_IS_SYNC (self));
  g_return_if_fail (PST_IS_TICKET_ITEM (ticket));
  g_return_if_fail ((guint) action < PST_N_TICKET_ACTIONS);
  g_return_if_fail (action != PST_TICKET_ACTION_CALL);
  g_return_if_fail (self->logged_in);

  for (guint i = 0; i < G_N_ELEMENTS (action_verbs); i++)
    {
      if (action_verbs[i].action == action)
        verb = action_verbs[i].verb;
    }
  g_assert (verb != NULL);

  /* Handing the visitor to another officer keeps the status. */
  if (!(action == PST_TICKET_ACTION_TRANSFER && body != NULL &&
        json_object_has_member (body, "officer")) &&
      !pst_ticket_transition (pst_ticket_item_get_status (ticket), action, &to, &error))
    {
      g_signal_emit (self, signals[ACTION_FAILED], 0, ticket, error->message);
      return;
    }

  id = pst_ticket_item_get_id (ticket);
  escaped = escape_segment (id);
  path = g_strconcat (API_PREFIX "/tickets/", escaped, "/", verb, NULL);
  subject = g_strconcat (SUBJECT_PREFIX, id, NULL);
  if (body != NULL)
    text = node_to_string_take (json_node_init_object (json_node_alloc (), body));

  outbox_add (self, pst_outbox_entry_new (self->officer->id, "POST", path, text, subject,
                                          pst_clock_get_now (self->clock)));
}

/**
 * pst_sync_set_guest_book:
 *
 * Fills in or corrects @ticket's guest book (its full ID number goes to
 * the server and is wiped here once sent; the item shows it masked).
 */
void
pst_sync_set_guest_book (PstSync            *self,
                         PstTicketItem      *ticket,
                         const PstGuestBook *guest_book)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  const char *id;

  g_return_if_fail (PST_IS_SYNC (self));
  g_return_if_fail (PST_IS_TICKET_ITEM (ticket));
  g_return_if_fail (guest_book != NULL);
  g_return_if_fail (self->logged_in);

  id = pst_ticket_item_get_id (ticket);
  escaped = escape_segment (id);
  path = g_strconcat (API_PREFIX "/tickets/", escaped, "/guest-book", NULL);
  subject = g_strconcat (SUBJECT_PREFIX, id, NULL);
  text = node_to_string_take (guest_book_body (guest_book));

  outbox_add (self, pst_outbox_entry_new (self->officer->id, "PUT", path, text, subject,
                                          pst_clock_get_now (self->clock)));
  memset (text, 0, strlen (text));
}

/**
 * pst_sync_call_next_async:
 * @desk: (nullable): the desk to call to; the officer's desk when %NULL
 * @services: (nullable) (array length=n_services): the queues to call from;
 *   all when %NULL
 *
 * Asks the server for the next waiting visitor (the server decides, so
 * two officers never get the same one). Fails at once with
 * PST_SYNC_ERROR_OFFLINE when not online.
 */
void
pst_sync_call_next_async (PstSync             *self,
                          const char          *desk,
                          const PstService    *services,
                          guint                n_services,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *key = NULL;
  g_autofree char *code = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  CallNext *call;

  g_return_if_fail (PST_IS_SYNC (self));
  g_return_if_fail (services != NULL || n_services == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pst_sync_call_next_async);

  if (self->state != PST_CONNECTION_ONLINE)
    {
      g_task_return_new_error (task, PST_SYNC_ERROR, PST_SYNC_ERROR_OFFLINE,
                               _("Calling the next visitor needs a connection to the server"));
      return;
    }

  body = json_object_new ();
  if (desk == NULL)
    desk = self->officer->desk;
  if (desk != NULL)
    json_object_set_string_member (body, "desk", desk);
  if (services != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < n_services; i++)
        json_array_add_string_element (array, pst_service_to_string (services[i]));
      json_object_set_array_member (body, "services", array);
    }
  text = node_to_string_take (json_node_init_object (json_node_alloc (), body));

  uuid = g_uuid_string_random ();
  key = g_strconcat (self->officer->id, "/", uuid, NULL);
  code = escape_segment (self->office->code);
  path = g_strconcat (API_PREFIX "/offices/", code, "/tickets/call-next", NULL);

  call = g_rc_box_new0 (CallNext);
  call->task = g_steal_pointer (&task);
  api_send (self, "POST", path, text, key, call_next_cb, call, (GDestroyNotify) call_next_unref);
}

/**
 * pst_sync_call_next_finish:
 *
 * Returns: (transfer full) (nullable): the called ticket's item, or %NULL
 *   without an error when nobody is waiting
 */
PstTicketItem *
pst_sync_call_next_finish (PstSync       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (PST_IS_SYNC (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pst_sync_set_language:
 * @language: (nullable): a language tag such as "id" or "en", or %NULL
 *
 * Asks the server's messages in @language from now on (this session and
 * the next ones), or, with %NULL, in the languages of the environment. For
 * a UI whose language changes while it runs, such as the kiosk's.
 */
void
pst_sync_set_language (PstSync    *self,
                       const char *language)
{
  g_return_if_fail (PST_IS_SYNC (self));

  g_free (self->language);
  self->language = g_strdup (language);

  if (self->server_url == NULL)
    return;

  g_free (self->accept_language);
  self->accept_language = session_accept_language (self);
}

/* Requests that need an answer now. */

static void
request_task_free (GTask *task)
{
  /* Not answered: the session ended first. */
  if (!g_task_get_completed (task) && !g_task_had_error (task))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  g_object_unref (task);
}

static void
request_cb (PstSync  *self,
            Reply    *reply,
            gpointer  data)
{
  GTask *task = data;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!reply_is_success (reply))
    {
      g_task_return_error (task, reply_to_error (self, reply));
      if (reply->error == NULL && reply->status == SOUP_STATUS_UNAUTHORIZED)
        session_ended (self);
      return;
    }

  g_task_return_pointer (task, reply->json != NULL ? json_node_ref (reply->json) : NULL,
                         (GDestroyNotify) json_node_unref);
}

/**
 * pst_sync_request_async:
 * @path: under the API root, escaped, with its query
 * @body: (nullable): the JSON body
 *
 * Sends one request of the session now (not through the outbox) and
 * gives its answer's JSON. Fails with PST_SYNC_ERROR_UNAUTHORIZED when
 * logged out.
 */
void
pst_sync_request_async (PstSync             *self,
                        const char          *method,
                        const char          *path,
                        JsonNode            *body,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  pst_sync_request_once_async (self, method, path, body, NULL, cancellable, callback, user_data);
}

/**
 * pst_sync_request_once_async:
 * @idempotency_key: (nullable): the Idempotency-Key of the write
 *
 * As pst_sync_request_async(), with an Idempotency-Key: sent again with
 * the same key and body after an answer was lost, a write is done once
 * and its first answer given again. Finish with pst_sync_request_finish().
 */
void
pst_sync_request_once_async (PstSync             *self,
                             const char          *method,
                             const char          *path,
                             JsonNode            *body,
                             const char          *idempotency_key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *full = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (PST_IS_SYNC (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pst_sync_request_async);

  if (!self->logged_in || self->token == NULL)
    {
      g_task_return_new_error (task, PST_SYNC_ERROR, PST_SYNC_ERROR_UNAUTHORIZED, "%s",
                               _("The server ended the session; sign in again"));
      return;
    }

  full = g_strconcat (API_PREFIX, path, NULL);
  text = body != NULL ? pst_json_to_string (body) : NULL;
  api_send (self, method, full, text, idempotency_key, request_cb, g_steal_pointer (&task),
            (GDestroyNotify) request_task_free);
}

JsonNode *
pst_sync_request_finish (PstSync       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (PST_IS_SYNC (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* For the other parts of the engine (pst-sync-private.h). */

void
pst_sync_api_send (PstSync        *self,
                   const char     *method,
                   const char     *path,
                   const char     *body,
                   const char     *key,
                   ReplyFunc       func,
                   gpointer        data,
                   GDestroyNotify  data_free)
{
  api_send (self, method, path, body, key, func, data, data_free);
}

gpointer
pst_sync_cache_call_new (PstSync        *self,
                         CacheDoneFunc   func,
                         gpointer        data,
                         GDestroyNotify  data_free)
{
  return cache_call_new (self, func, data, data_free);
}

void
pst_sync_cache_call_done_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  cache_call_done_cb (source, result, user_data);
}

void
pst_sync_cache_written_cb (PstSync      *self,
                           PstCache     *cache,
                           GAsyncResult *result,
                           gpointer      data)
{
  cache_written_cb (self, cache, result, data);
}

gboolean
pst_sync_reply_is_success (Reply *reply)
{
  return reply_is_success (reply);
}

void
pst_sync_session_ended (PstSync *self)
{
  session_ended (self);
}

void
pst_sync_outbox_add (PstSync        *self,
                     PstOutboxEntry *entry)
{
  outbox_add (self, entry);
}

void
pst_sync_outbox_remove (PstSync *self,
                        Pending *pending)
{
  outbox_remove (self, pending);
}

char *
pst_sync_escape_segment (const char *segment)
{
  return escape_segment (segment);
}

char *
pst_sync_node_to_string_take (JsonNode *node)
{
  return node_to_string_take (node);
}

void
pst_sync_emit_action_failed (PstSync    *self,
                             GObject    *item,
                             const char *message)
{
  g_signal_emit (self, signals[ACTION_FAILED], 0, item, message);
}

void
pst_sync_emit_consultation_arrived (PstSync             *self,
                                    PstConsultationItem *item)
{
  g_signal_emit (self, signals[CONSULTATION_ARRIVED], 0, item);
}

void
pst_sync_emit_requester_replied (PstSync             *self,
                                 PstConsultationItem *item)
{
  g_signal_emit (self, signals[REQUESTER_REPLIED], 0, item);
}
