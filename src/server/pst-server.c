/* pst-server.c: the HTTP server of PST Desk.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

#include "pst-i18n.h"
#include "pst-locale.h"
#include "pst-password.h"
#include "pst-metrics.h"
#include "pst-request.h"
#include "pst-router.h"
#include "pst-routes.h"
#include "pst-server.h"

/* PstServer wraps a SoupServer. Every API path goes through one handler,
 * handle_api_cb(), which finds the route, authenticates the bearer token,
 * applies the route's access rule (pst-authz.c, the one place), replays
 * idempotent POSTs, and runs writes in one store transaction together with
 * the events they append; the events reach WebSocket clients only after
 * the transaction committed. Handlers run on the main loop: each is a few
 * indexed sqlite statements. The one slow step, checking a password
 * (argon2id, ~100 ms), runs on a thread pool while the request is paused
 * (pst_server_verify_password()); knowledge-base searches are deferred the
 * same way to a pool of their own (pst_server_defer(),
 * pst-kb-search-pool.c).
 *
 * Workers. With `workers = N` (--workers) the first PstServer, the leader,
 * starts N − 1 more, each a PstServer of its own on its own thread, main
 * context, SoupServer and sqlite connection, all listening on the same
 * port with SO_REUSEPORT (the kernel spreads the connections). They
 * share what must hold across workers: the login rate limits and the
 * metrics (each with its own lock), a write lock that takes sqlite's
 * turns in memory instead of through busy waits (every write is one
 * BEGIN IMMEDIATE transaction; sqlite serialises them anyway, so a
 * call-next stays atomic across workers), and a calendar generation that
 * tells every worker to drop its cached calendars. The scheduler and the
 * pruning run on the leader only.
 *
 * Events with workers: the events table is the one source, as
 * LISTEN/NOTIFY would be with PostgreSQL. After a commit with events, the
 * committing worker pokes every worker (itself included); a poked worker
 * reads the events after the last seq it published, in seq order, and
 * hands them to its hub; a one-second poll is the safety net. Writes are
 * serialised and seq comes from AUTOINCREMENT, so the seqs a reader sees
 * have no holes that a later commit fills: nothing is lost nor sent
 * twice, and each worker sends in seq order. A token revocation closes
 * the revoking worker's sockets at once and the other workers' after the
 * commit.
 */

#define TAIL_POLL_INTERVAL_S 1
#define TAIL_BATCH 500

typedef struct
{
  gint64  seq;
  char   *office;
  char   *type;
  char   *frame;
} PendingEvent;

typedef struct
{
  PstServer    *server;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
} Worker;

/* A token looked up, kept while nothing was committed since (by any
 * worker), for at most PRINCIPAL_CACHE_TTL_US (changes made to the
 * database from outside), and never past the token's expiry: a read
 * then skips the token query. Any write may revoke a token or change an
 * account, so every commit starts a new generation.
 */
typedef struct
{
  PstPrincipal *principal;
  int           generation;
  gint64        cached_us;   /* monotonic */
  char         *me_json;     /* GET /me's answer, once asked; same lifetime */
} CachedPrincipal;

#define PRINCIPAL_CACHE_MAX 4096
#define PRINCIPAL_CACHE_TTL_US (5 * G_USEC_PER_SEC)

/* Password work on the pool, for a paused request: a login's check (the
 * stored @hash) or a new password's hash (@hashing, into @new_hash); or,
 * without either, any work a handler deferred (pst_server_defer()): its
 * result.
 */
typedef struct _PstDeferral
{
  PstServer         *server;
  SoupServerMessage *msg;
  char              *hash;
  char              *password;
  gboolean           hashing;
  char              *new_hash;
  GError            *hash_error;
  gint64             started_us;
  gboolean           verified;
  gboolean           disconnected;
  gpointer           result;
  GDestroyNotify     result_free;
} Verification;

struct _PstServer
{
  GObject parent_instance;

  PstStore        *store;
  PstClock        *clock;
  PstServerConfig *config;
  SoupServer      *soup;
  PstRouter       *router;
  PstMetrics      *metrics;
  PstEventHub     *hub;
  PstRateLimit    *login_limit;
  PstRateLimit    *login_address_limit;
  GHashTable      *calendars;   /* office code → PstCalendar */
  GPtrArray       *pending;     /* PendingEvent*, appended in the open transaction */
  GBytes          *fingerprint_key;
  gboolean         stopped;
  GSource         *prune_source;
  GSource         *scheduler_source;
  guint16          port;

  /* Workers: see the comment at the top. */
  PstServer       *leader;      /* NULL on the leader itself */
  GPtrArray       *workers;     /* Worker*, on the leader */
  GMainContext    *context;     /* where this server runs; NULL: the global default */
  GMutex           write_lock;  /* the leader's is the one used */
  GThreadPool     *verify_pool; /* the leader's is the one used */
  int              calendar_generation;  /* the leader's counts */
  int              calendars_seen;       /* the generation this cache is of */
  gboolean         calendars_dirty;
  gboolean         tailing;     /* events reach the hub from the log, not directly */
  gint64           tail_seq;    /* the last event handed to the hub */
  int              tail_poked;
  GSource         *tail_source;
  guint            verifications;  /* paused logins of this server */
  Verification    *deferred;    /* set by pst_server_verify_password () for the dispatcher */
  char            *log_tag;     /* " worker=N" with workers, "" without */
  GHashTable      *principals;  /* token hash → CachedPrincipal, this server's */
  int              auth_generation;  /* the leader's counts the commits */
};

G_DEFINE_FINAL_TYPE (PstServer, pst_server, G_TYPE_OBJECT)

static void
pending_event_free (gpointer data)
{
  PendingEvent *pending = data;

  g_free (pending->office);
  g_free (pending->type);
  g_free (pending->frame);
  g_free (pending);
}

static void
verification_free (Verification *verification)
{
  g_object_unref (verification->server);
  g_clear_object (&verification->msg);
  g_free (verification->hash);
  if (verification->password != NULL)
    memset (verification->password, 0, strlen (verification->password));
  g_free (verification->password);
  g_free (verification->new_hash);
  g_clear_error (&verification->hash_error);
  if (verification->result_free != NULL)
    verification->result_free (verification->result);
  g_free (verification);
}

static void
cached_principal_free (gpointer data)
{
  CachedPrincipal *cached = data;

  pst_principal_free (cached->principal);
  g_free (cached->me_json);
  g_free (cached);
}

static void
worker_free (gpointer data)
{
  Worker *worker = data;

  g_assert (worker->thread == NULL);
  g_clear_object (&worker->server);
  g_main_loop_unref (worker->loop);
  g_main_context_unref (worker->context);
  g_free (worker);
}

static void
pst_server_finalize (GObject *object)
{
  PstServer *self = (PstServer *) object;

  pst_server_stop (self);
  g_clear_pointer (&self->workers, g_ptr_array_unref);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->hub, pst_event_hub_free);
  g_clear_pointer (&self->router, pst_router_free);
  if (self->leader == NULL)
    {
      if (self->verify_pool != NULL)
        g_thread_pool_free (g_steal_pointer (&self->verify_pool), FALSE, TRUE);
      g_clear_pointer (&self->metrics, pst_metrics_free);
      g_clear_pointer (&self->login_limit, pst_rate_limit_free);
      g_clear_pointer (&self->login_address_limit, pst_rate_limit_free);
    }
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->log_tag);
  g_clear_pointer (&self->principals, g_hash_table_unref);
  g_mutex_clear (&self->write_lock);
  g_clear_pointer (&self->calendars, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->fingerprint_key, g_bytes_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (pst_server_parent_class)->finalize (object);
}

static void
pst_server_class_init (PstServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pst_server_finalize;
}

static void
pst_server_init (PstServer *self)
{
  g_mutex_init (&self->write_lock);
  self->log_tag = g_strdup ("");
  self->principals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            cached_principal_free);
  self->router = pst_router_new ();
  self->calendars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending = g_ptr_array_new_with_free_func (pending_event_free);
}

/* Request handling. */

static void
log_request (PstServer  *self,
             PstRequest *request,
             const char *route,
             gint64      duration_us)
{
  if (!self->config->log_requests)
    return;

  /* One line per request, with no personal data: the route pattern, not
   * the path, and the officer's id only.
   */
  g_message ("request method=%s route=\"%s\" status=%u us=%" G_GINT64_FORMAT " officer=%s%s",
             request->method, route, request->status, duration_us,
             request->principal != NULL ? request->principal->officer_id : "-", self->log_tag);
}

static void
request_clear (PstRequest *request)
{
  g_clear_pointer (&request->params, g_hash_table_unref);
  g_clear_pointer (&request->principal, pst_principal_free);
  g_clear_pointer (&request->office, g_free);
  g_clear_pointer (&request->response_body, g_free);
  g_clear_pointer (&request->body, json_node_unref);
}

/* A keyed digest of the request (method, path, body) kept with its
 * Idempotency-Key: a replay must be the same request, and the digest must
 * not reveal a body such as a guest book's ID number.
 */
static char *
request_fingerprint (PstServer  *self,
                     PstRequest *request,
                     const char *path)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);
  g_autoptr(GHmac) hmac = NULL;
  gsize key_length;
  const guchar *key = g_bytes_get_data (self->fingerprint_key, &key_length);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_length);
  g_hmac_update (hmac, (const guchar *) request->method, -1);
  g_hmac_update (hmac, (const guchar *) "\n", 1);
  g_hmac_update (hmac, (const guchar *) path, -1);
  g_hmac_update (hmac, (const guchar *) "\n", 1);
  if (body->length > 0)
    g_hmac_update (hmac, (const guchar *) body->data, body->length);

  return g_strdup (g_hmac_get_string (hmac));
}

static const char *
idempotency_principal (PstRequest *request)
{
  return request->principal != NULL ? request->principal->officer_id : "public";
}

/* Answers again with the first answer to this Idempotency-Key, if there was
 * one. A key reused for another request is a conflict.
 */
static gboolean
replay_idempotent (PstServer  *self,
                   PstRequest *request,
                   const char *key,
                   const char *fingerprint)
{
  g_autoptr(GError) error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  const char *stored_fingerprint;

  stmt = pst_store_prepare (self->store,
                            "SELECT request_hash, response_status, response_body FROM idempotency_keys"
                            " WHERE principal = ?1 AND idempotency_key = ?2",
                            &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return TRUE;
    }

  sqlite3_bind_text (stmt, 1, idempotency_principal (request), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_row (self->store, stmt, &error))
    {
      if (error != NULL)
        pst_request_reply_gerror (request, error);
      return error != NULL;
    }

  stored_fingerprint = pst_store_column_text (stmt, 0);
  if (g_strcmp0 (stored_fingerprint, fingerprint) != 0)
    {
      pst_request_reply_error (request, SOUP_STATUS_CONFLICT, PST_API_ERROR_CONFLICT, NULL,
                               _("This Idempotency-Key was already used for a different request"));
      return TRUE;
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Idempotent-Replayed", "true");
  if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
    {
      request->status = sqlite3_column_int (stmt, 1);
      soup_server_message_set_status (request->msg, request->status, NULL);
    }
  else
    {
      pst_request_reply_text (request, sqlite3_column_int (stmt, 1), "application/json",
                              pst_store_column_text (stmt, 2));
    }

  return TRUE;
}

static gboolean
remember_idempotent (PstServer   *self,
                     PstRequest  *request,
                     const char  *key,
                     const char  *path,
                     const char  *fingerprint,
                     GError     **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (self->store,
                            "INSERT INTO idempotency_keys (principal, idempotency_key, method, path,"
                            " request_hash, response_status, response_body, created_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, idempotency_principal (request), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, request->method, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, fingerprint, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, (int) request->status);
  if (request->response_body != NULL)
    sqlite3_bind_text (stmt, 7, request->response_body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, request->now);

  return pst_store_step_done (self->store, stmt, error);
}

/* Runs a writing handler in one transaction: committed when it answered
 * below 400, rolled back otherwise. A failure to commit replaces the
 * answer with an error, so nothing is acknowledged that was not written.
 */
static void
run_write (PstServer  *self,
           PstRequest *request,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  const char *key = pst_request_get_header (request, "Idempotency-Key");

  if (request->route->flags & PST_ROUTE_NO_REPLAY)
    key = NULL;

  if (key != NULL && strlen (key) > 255)
    {
      pst_request_reply_error (request, SOUP_STATUS_BAD_REQUEST, PST_API_ERROR_INVALID_FIELD,
                               "Idempotency-Key", _("The Idempotency-Key is too long"));
      return;
    }

  if (key != NULL)
    {
      fingerprint = request_fingerprint (self, request, path);
      if (replay_idempotent (self, request, key, fingerprint))
        return;
    }

  pst_server_lock_writes (self);
  if (!pst_store_begin (self->store, &error))
    {
      pst_server_unlock_writes (self);
      pst_request_reply_gerror (request, error);
      return;
    }

  request->route->handler (request);
  if (request->status == 0 && self->deferred != NULL)
    {
      /* The handler waits for a password check (pst_server_verify_password()):
       * nothing is written yet, and it runs again once the check is done.
       */
      pst_store_rollback (self->store, NULL);
      pst_server_discard_pending (self);
      pst_server_unlock_writes (self);
      return;
    }
  if (request->status == 0)
    {
      g_critical ("Route %s %s gave no answer", request->route->method, request->route->pattern);
      pst_request_reply_error (request, SOUP_STATUS_INTERNAL_SERVER_ERROR, PST_API_ERROR_INTERNAL,
                               NULL, _("The server could not complete the request; try again later"));
    }

  if (request->status >= 400)
    {
      pst_store_rollback (self->store, NULL);
      pst_server_discard_pending (self);
      pst_server_unlock_writes (self);
      return;
    }

  if ((key != NULL && !remember_idempotent (self, request, key, path, fingerprint, &error)) ||
      !pst_store_commit (self->store, &error))
    {
      pst_store_rollback (self->store, NULL);
      pst_server_discard_pending (self);
      pst_server_unlock_writes (self);
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_server_unlock_writes (self);
  pst_server_publish_pending (self);
}

static gboolean
check_access (PstServer  *self,
              PstRequest *request,
              const char *token)
{
  const PstAccess *access = &request->route->access;
  PstAuthzResult result;

  if (token != NULL)
    request->principal = pst_server_authenticate (self, token);

  result = pst_authz_check_role (request->principal, access);
  if (result == PST_AUTHZ_OK && access->scope == PST_OFFICE_SCOPE_PATH)
    {
      request->office = g_strdup (pst_request_get_param (request, access->office_param));
      result = pst_authz_check_office (request->principal, request->office);
    }
  else if (result == PST_AUTHZ_OK && access->scope == PST_OFFICE_SCOPE_QUERY)
    {
      const char *office = pst_request_get_query (request, access->office_param);

      /* Without the parameter a route acts on the caller's own office; an
       * admin, who has none, must name one.
       */
      if (office == NULL && request->principal->office == NULL)
        {
          pst_request_reply_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                                   PST_API_ERROR_INVALID_FIELD, access->office_param,
                                   _("Choose an office"));
          return FALSE;
        }
      request->office = g_strdup (office != NULL ? office : request->principal->office);
      result = pst_authz_check_office (request->principal, request->office);
    }

  switch (result)
    {
    case PST_AUTHZ_OK:
      return TRUE;

    case PST_AUTHZ_UNAUTHORIZED:
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                    "WWW-Authenticate", "Bearer");
      pst_request_reply_error (request, SOUP_STATUS_UNAUTHORIZED, PST_API_ERROR_UNAUTHORIZED, NULL,
                               token != NULL ? _("Your session has ended; log in again")
                                             : _("Log in first"));
      return FALSE;

    case PST_AUTHZ_FORBIDDEN:
    default:
      pst_request_reply_error (request, SOUP_STATUS_FORBIDDEN, PST_API_ERROR_FORBIDDEN, NULL,
                               _("Your account may not do this"));
      return FALSE;
    }
}

/* Runs a reading handler in one read transaction, the token's look-up
 * included: its queries see one snapshot and take the database lock once,
 * not once per statement.
 */
static void
run_read (PstServer  *self,
          PstRequest *request)
{
  g_autoptr(GError) error = NULL;

  if (!pst_store_begin_read (self->store, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (check_access (self, request, pst_request_bearer_token (request->msg)))
    request->route->handler (request);
  pst_store_commit (self->store, NULL);
}

static void
dispatch (PstServer  *self,
          PstRequest *request,
          const char *path)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);
  PstRouteMatch match;

  match = pst_router_match (self->router, request->method, path, &request->route, &request->params);
  if (match == PST_ROUTE_NO_PATH)
    {
      pst_request_reply_not_found (request);
      return;
    }
  if (match == PST_ROUTE_NO_METHOD)
    {
      pst_request_reply_error (request, SOUP_STATUS_METHOD_NOT_ALLOWED, PST_API_ERROR_NOT_FOUND,
                               NULL, _("This address does not accept that method"));
      return;
    }

  if (body->length > PST_BODY_LIMIT)
    {
      pst_request_reply_error (request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                               PST_API_ERROR_PAYLOAD_TOO_LARGE, NULL,
                               _("The request is larger than 1 MiB"));
      return;
    }

  if (strcmp (request->method, "GET") == 0 || strcmp (request->method, "HEAD") == 0)
    {
      run_read (self, request);
      return;
    }

  /* A write looks the token up before it takes the write lock. */
  if (check_access (self, request, pst_request_bearer_token (request->msg)))
    run_write (self, request, path);
}

static void start_verification (PstServer    *self,
                                Verification *verification,
                                gint64        started_us);

/* Answers an API request; @started_us is when it came in (monotonic), a
 * while ago for a login answered after its password check. Returns FALSE
 * when the answer waits for a password check.
 */
static gboolean
handle_api (PstServer         *self,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gint64             started)
{
  PstRequest request = { 0 };
  g_autoptr(PstLocaleScope) scope = NULL;
  const char *relative = path + strlen (PST_API_BASE);
  const char *accept_language;

  accept_language = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "Accept-Language");
  request.server = self;
  request.store = self->store;
  request.clock = self->clock;
  request.msg = msg;
  request.method = soup_server_message_get_method (msg);
  request.query = query;
  request.lang = pst_lang_from_accept_language (accept_language);
  request.now = pst_clock_get_now (self->clock);

  scope = pst_locale_scope_enter (request.lang);

  if (!g_str_has_prefix (path, PST_API_BASE) || (*relative != '/' && *relative != '\0'))
    pst_request_reply_not_found (&request);
  else
    dispatch (self, &request, *relative == '\0' ? "/" : relative);

  if (self->deferred != NULL)
    {
      /* Counted and logged when answered. */
      start_verification (self, g_steal_pointer (&self->deferred), started);
      request_clear (&request);
      return FALSE;
    }

  {
    const char *route = request.route != NULL ? request.route->pattern : "unmatched";
    gint64 duration = g_get_monotonic_time () - started;

    /* An accepted WebSocket upgrade is counted as 101 here; the socket's
     * own line is logged when the handshake completes.
     */
    if (request.upgrade)
      request.status = SOUP_STATUS_SWITCHING_PROTOCOLS;
    pst_metrics_observe_request (self->metrics, route, request.status, duration);
    if (!request.upgrade)
      log_request (self, &request, route, duration);
  }

  request_clear (&request);
  return TRUE;
}

static void
handle_api_cb (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  handle_api (user_data, msg, path, query, g_get_monotonic_time ());
}

/* Password checks. */

#define VERIFICATION_KEY "pst-password-verification"

static void
verification_disconnected_cb (SoupServerMessage *msg,
                              Verification      *verification)
{
  verification->disconnected = TRUE;
}

static gboolean
verification_done_cb (gpointer user_data)
{
  Verification *verification = user_data;
  PstServer *self = verification->server;
  SoupServerMessage *msg = verification->msg;
  g_autoptr(GHashTable) query = NULL;
  GUri *uri;

  g_signal_handlers_disconnect_by_func (msg, verification_disconnected_cb, verification);
  g_assert (self->verifications > 0);
  self->verifications--;

  if (verification->disconnected || self->stopped)
    {
      verification_free (verification);
      return G_SOURCE_REMOVE;
    }

  /* The handler runs again from the start, now with the check's outcome
   * kept on the message (pst_server_verify_password() returns it): in a
   * new transaction, so it sees what changed meanwhile (the rate limit,
   * the account) and nothing was held during the check.
   */
  uri = soup_server_message_get_uri (msg);
  if (g_uri_get_query (uri) != NULL)
    query = soup_form_decode (g_uri_get_query (uri));
  g_object_set_data_full (G_OBJECT (msg), VERIFICATION_KEY, verification,
                          (GDestroyNotify) verification_free);
  g_object_ref (msg);
  /* The stored hash may have changed meanwhile: then it waits for
   * another check, still paused.
   */
  if (handle_api (self, msg, g_uri_get_path (uri), query, verification->started_us))
    soup_server_message_unpause (msg);
  g_object_set_data (G_OBJECT (msg), VERIFICATION_KEY, NULL);
  g_object_unref (msg);

  return G_SOURCE_REMOVE;
}

static void
verify_thread_cb (gpointer data,
                  gpointer user_data)
{
  Verification *verification = data;
  GSource *source;

  if (verification->hashing)
    verification->new_hash = pst_password_hash (verification->password,
                                                &verification->hash_error);
  else
    verification->verified = pst_password_verify (verification->hash, verification->password);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, verification_done_cb, verification, NULL);
  g_source_attach (source, verification->server->context);
  g_source_unref (source);
}

static void
start_verification (PstServer    *self,
                    Verification *verification,
                    gint64        started_us)
{
  PstServer *leader = self->leader != NULL ? self->leader : self;
  g_autoptr(GError) error = NULL;

  verification->started_us = started_us;
  soup_server_message_pause (verification->msg);
  g_signal_connect (verification->msg, "disconnected",
                    G_CALLBACK (verification_disconnected_cb), verification);
  self->verifications++;

  /* Other deferred work runs where its handler sent it. */
  if ((verification->hash != NULL || verification->hashing) &&
      !g_thread_pool_push (leader->verify_pool, verification, &error))
    g_error ("Cannot check a password: %s", error->message);
}

/**
 * pst_server_verify_password:
 * @request: a request being handled
 * @hash: the stored argon2id hash
 * @password: the password given
 *
 * Checks @password against @hash off the main loop. The first call
 * starts the check and returns %PST_PASSWORD_CHECK_PENDING: the handler
 * then returns without answering, the dispatcher rolls its transaction
 * back and pauses the request, and once the check is done it runs the
 * handler again, in a new transaction, where this returns the outcome.
 *
 * Returns: the outcome, or %PST_PASSWORD_CHECK_PENDING
 */
PstPasswordCheck
pst_server_verify_password (PstRequest *request,
                            const char *hash,
                            const char *password)
{
  PstServer *self;
  Verification *verification;

  g_return_val_if_fail (request != NULL, PST_PASSWORD_CHECK_WRONG);
  g_return_val_if_fail (hash != NULL, PST_PASSWORD_CHECK_WRONG);
  g_return_val_if_fail (password != NULL, PST_PASSWORD_CHECK_WRONG);

  self = request->server;
  verification = g_object_get_data (G_OBJECT (request->msg), VERIFICATION_KEY);
  if (verification != NULL && g_strcmp0 (verification->hash, hash) == 0 &&
      g_strcmp0 (verification->password, password) == 0)
    return verification->verified ? PST_PASSWORD_CHECK_OK : PST_PASSWORD_CHECK_WRONG;

  /* Without a SoupServer (a server used in-process) there is no loop to
   * come back to.
   */
  if (self->soup == NULL)
    return pst_password_verify (hash, password) ? PST_PASSWORD_CHECK_OK : PST_PASSWORD_CHECK_WRONG;

  g_return_val_if_fail (self->deferred == NULL, PST_PASSWORD_CHECK_WRONG);

  verification = g_new0 (Verification, 1);
  verification->server = g_object_ref (self);
  verification->msg = g_object_ref (request->msg);
  verification->hash = g_strdup (hash);
  verification->password = g_strdup (password);
  self->deferred = verification;

  return PST_PASSWORD_CHECK_PENDING;
}

/**
 * pst_server_hash_password:
 * @request: a request being handled (a write that has written nothing yet)
 * @password: the new password
 * @out_pending: (out): set when the hash was started
 *
 * Makes @password's argon2id hash off the main loop, on the pool that
 * checks logins (at most one a core: each takes 64 MiB), the same way as
 * pst_server_verify_password(): the first call starts it and sets
 * *@out_pending, the handler returns without answering, and it runs again
 * in a new transaction, where this returns the hash.
 *
 * Returns: (nullable): the hash, or %NULL when pending or on error
 */
char *
pst_server_hash_password (PstRequest  *request,
                          const char  *password,
                          gboolean    *out_pending,
                          GError     **error)
{
  PstServer *self;
  Verification *verification;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);
  g_return_val_if_fail (out_pending != NULL, NULL);

  *out_pending = FALSE;
  self = request->server;
  verification = g_object_get_data (G_OBJECT (request->msg), VERIFICATION_KEY);
  if (verification != NULL && verification->hashing &&
      g_strcmp0 (verification->password, password) == 0)
    {
      if (verification->new_hash == NULL)
        {
          g_propagate_error (error, g_error_copy (verification->hash_error));
          return NULL;
        }
      return g_strdup (verification->new_hash);
    }

  if (self->soup == NULL)
    return pst_password_hash (password, error);

  g_return_val_if_fail (self->deferred == NULL, NULL);

  verification = g_new0 (Verification, 1);
  verification->server = g_object_ref (self);
  verification->msg = g_object_ref (request->msg);
  verification->hashing = TRUE;
  verification->password = g_strdup (password);
  self->deferred = verification;
  *out_pending = TRUE;

  return NULL;
}

/**
 * pst_server_defer:
 * @request: a request being handled
 *
 * For a handler whose work is too slow for the loop (a knowledge-base
 * search), the same way as a password check: a
 * writing handler's transaction is rolled back meanwhile and it runs again
 * in a new one, so it must not have written anything. The handler starts the work
 * elsewhere with the returned deferral and returns without answering; the
 * request is paused; the work hands its result to
 * pst_server_deferral_done() from any thread; the handler then runs again
 * from the start on the loop, where pst_server_get_deferred_result()
 * returns that result.
 *
 * Returns: (nullable): the deferral, or %NULL without a SoupServer (a
 *   server used in-process): then the handler does the work itself
 */
PstDeferral *
pst_server_defer (PstRequest *request)
{
  PstServer *self;
  Verification *deferral;

  g_return_val_if_fail (request != NULL, NULL);

  self = request->server;
  if (self->soup == NULL)
    return NULL;
  g_return_val_if_fail (self->deferred == NULL, NULL);

  deferral = g_new0 (Verification, 1);
  deferral->server = g_object_ref (self);
  deferral->msg = g_object_ref (request->msg);
  self->deferred = deferral;

  return deferral;
}

/* Hands @result (freed with @result_free with the deferral) to the loop of
 * @deferral's server, which answers the paused request. Any thread.
 */
void
pst_server_deferral_done (PstDeferral    *deferral,
                          gpointer        result,
                          GDestroyNotify  result_free)
{
  GSource *source;

  g_return_if_fail (deferral != NULL && deferral->hash == NULL && !deferral->hashing);

  deferral->result = result;
  deferral->result_free = result_free;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, verification_done_cb, deferral, NULL);
  g_source_attach (source, deferral->server->context);
  g_source_unref (source);
}

/* The result of @request's deferred work, in the handler's second run;
 * NULL in its first.
 */
gpointer
pst_server_get_deferred_result (PstRequest *request)
{
  Verification *deferral;

  g_return_val_if_fail (request != NULL, NULL);

  deferral = g_object_get_data (G_OBJECT (request->msg), VERIFICATION_KEY);
  return deferral != NULL && deferral->hash == NULL && !deferral->hashing ? deferral->result : NULL;
}

/* Refuses a body over the limit from its Content-Length, before it is read. */
static void
early_body_limit_cb (SoupServer        *soup,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  PstRequest request = { 0 };
  g_autoptr(PstLocaleScope) scope = NULL;

  if (soup_message_headers_get_content_length (headers) <= PST_BODY_LIMIT)
    return;

  request.msg = msg;
  request.lang = pst_lang_from_accept_language (soup_message_headers_get_one (headers,
                                                                              "Accept-Language"));
  scope = pst_locale_scope_enter (request.lang);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
  pst_request_reply_error (&request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                           PST_API_ERROR_PAYLOAD_TOO_LARGE, NULL,
                           _("The request is larger than 1 MiB"));
  request_clear (&request);
}

static void
handle_healthz_cb (SoupServer        *soup,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  static const char body[] = "{\"status\":\"ok\"}";

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    body, sizeof body - 1);
}

static void
handle_metrics_cb (SoupServer        *soup,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  PstServer *self = user_data;
  char *text = pst_metrics_render (self->metrics);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain; version=0.0.4", SOUP_MEMORY_TAKE,
                                    text, strlen (text));
}

/* Events past their retention go in small batches, one a minute: a
 * backlog of millions clears within a day without holding up requests.
 */
#define EVENTS_PRUNE_INTERVAL_S 60

static gboolean
prune_events_cb (gpointer user_data)
{
  PstServer *self = user_data;
  g_autoptr(GError) error = NULL;
  guint deleted = 0;
  gboolean ok;

  pst_server_lock_writes (self);
  ok = pst_route_events_prune (self, &deleted, &error);
  pst_server_unlock_writes (self);
  if (!ok)
    g_warning ("Cannot prune old events: %s", error->message);
  else if (deleted > 0)
    g_debug ("Pruned %u old events", deleted);

  return G_SOURCE_CONTINUE;
}

/* The consultation job: idle closing and SLA announcements. */
#define SCHEDULER_INTERVAL_S 60

static gboolean
run_scheduler_cb (gpointer user_data)
{
  PstServer *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pst_scheduler_run (self, pst_clock_get_now (self->clock), NULL, NULL, &error))
    g_warning ("Cannot run the consultation job: %s", error->message);

  return G_SOURCE_CONTINUE;
}

static void
handle_websocket_cb (SoupServer              *soup,
                     SoupServerMessage       *msg,
                     const char              *path,
                     SoupWebsocketConnection *connection,
                     gpointer                 user_data)
{
  pst_route_events_websocket (user_data, msg, connection);
}

/* Public API. */

/* The route table of every resource file, in one list, so the server and
 * the authorization matrix test see the same routes.
 */
static const PstRoute *(*const route_tables[]) (guint *) = {
  pst_route_auth_get_routes,
  pst_route_offices_get_routes,
  pst_route_queue_get_routes,
  pst_route_events_get_routes,
  pst_route_consultations_get_routes,
  pst_route_public_get_routes,
  pst_route_kb_get_routes,
};

/* The route table number @index (from 0), or NULL past the last one. */
const PstRoute *
pst_routes_get_table (guint  index,
                      guint *n_routes)
{
  g_return_val_if_fail (n_routes != NULL, NULL);

  if (index >= G_N_ELEMENTS (route_tables))
    return NULL;

  return route_tables[index] (n_routes);
}

static PstServer *
server_new (PstStore        *store,
            PstClock        *clock,
            PstServerConfig *config,
            PstServer       *leader)
{
  PstServer *self;
  const PstRoute *routes;
  guint n_routes;

  self = g_object_new (PST_TYPE_SERVER, NULL);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);
  self->config = config;
  self->leader = leader;
  self->context = g_main_context_ref_thread_default ();

  if (leader != NULL)
    {
      self->metrics = leader->metrics;
      self->login_limit = leader->login_limit;
      self->login_address_limit = leader->login_address_limit;
    }
  else
    {
      self->metrics = pst_metrics_new ();
      self->login_limit = pst_rate_limit_new (clock, config->login_max_failures,
                                              (gint64) config->login_window_minutes *
                                              PST_USEC_PER_MINUTE);
      /* A whole office may share one address (NAT): an address gets ten
       * times the failures a username gets.
       */
      self->login_address_limit = pst_rate_limit_new (clock, config->login_max_failures * 10,
                                                      (gint64) config->login_window_minutes *
                                                      PST_USEC_PER_MINUTE);
      /* argon2id takes 64 MiB and a core per check: no more checks at
       * once than there are cores.
       */
      self->verify_pool = g_thread_pool_new (verify_thread_cb, NULL,
                                             CLAMP (g_get_num_processors (), 1, 4), FALSE, NULL);
    }
  self->hub = pst_event_hub_new (self->metrics, config->ping_interval_seconds);

  for (guint i = 0; (routes = pst_routes_get_table (i, &n_routes)) != NULL; i++)
    pst_router_add (self->router, routes, n_routes);

  return self;
}

PstServer *
pst_server_new (PstStore        *store,
                PstClock        *clock,
                PstServerConfig *config)
{
  g_return_val_if_fail (PST_IS_STORE (store), NULL);
  g_return_val_if_fail (PST_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (config != NULL, NULL);

  return server_new (store, clock, config, NULL);
}

/**
 * pst_server_add_worker:
 * @store: the worker's own connection to the leader's database
 *
 * Adds a worker to the leader @self, before pst_server_listen(): a
 * server of its own on its own thread and main context, sharing the
 * leader's port, rate limits and metrics (see the comment at the top).
 */
void
pst_server_add_worker (PstServer *self,
                       PstStore  *store)
{
  Worker *worker;

  g_return_if_fail (PST_IS_SERVER (self));
  g_return_if_fail (self->leader == NULL);
  g_return_if_fail (self->soup == NULL);
  g_return_if_fail (PST_IS_STORE (store));

  if (self->workers == NULL)
    self->workers = g_ptr_array_new_with_free_func (worker_free);

  worker = g_new0 (Worker, 1);
  worker->context = g_main_context_new ();
  worker->loop = g_main_loop_new (worker->context, FALSE);
  /* Built with its context as the thread's default, so its sources (the
   * hub's pings, the listening socket) attach there.
   */
  g_main_context_push_thread_default (worker->context);
  worker->server = server_new (store, self->clock, self->config, self);
  g_main_context_pop_thread_default (worker->context);
  g_ptr_array_add (self->workers, worker);

  /* The request log says which worker answered. */
  g_free (self->log_tag);
  self->log_tag = g_strdup (" worker=0");
  g_free (worker->server->log_tag);
  worker->server->log_tag = g_strdup_printf (" worker=%u", self->workers->len);
}

static GBytes *
load_secret (PstServer   *self,
             const char  *name,
             GError     **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (self->store, "SELECT value FROM server_secrets WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!pst_store_step_one (self->store, stmt, error))
    return NULL;

  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

static GSocketAddress *
resolve_address (const char  *address,
                 GError     **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GSocketAddressEnumerator) enumerator = NULL;
  GSocketAddress *socket_address;

  connectable = g_network_address_parse (address, 8470, error);
  if (connectable == NULL)
    return NULL;

  enumerator = g_socket_connectable_enumerate (connectable);
  socket_address = g_socket_address_enumerator_next (enumerator, NULL, error);
  if (socket_address == NULL && error != NULL && *error == NULL)
    g_set_error (error, PST_ERROR, PST_ERROR_INVALID, _("Cannot listen on “%s”"), address);

  return socket_address;
}

/* A listening socket on @socket_address; with @reuse_port, one of several
 * on the same port, among which the kernel spreads the connections.
 */
static GSocket *
listen_socket_new (GSocketAddress  *socket_address,
                   guint            backlog,
                   gboolean         reuse_port,
                   GError         **error)
{
  g_autoptr(GSocket) socket = NULL;

  socket = g_socket_new (g_socket_address_get_family (socket_address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;

  /* libsoup's own listen leaves the kernel's accept queue at 10; all the
   * officers of a national install reconnect at once after a restart.
   */
  g_socket_set_listen_backlog (socket, (int) backlog);
  if (reuse_port)
    {
      struct sockaddr_storage native;
      gsize length = g_socket_address_get_native_size (socket_address);

      /* g_socket_bind() turns SO_REUSEPORT off for TCP: bind directly. */
      if (!g_socket_set_option (socket, SOL_SOCKET, SO_REUSEADDR, 1, error) ||
          !g_socket_set_option (socket, SOL_SOCKET, SO_REUSEPORT, 1, error) ||
          !g_socket_address_to_native (socket_address, &native, sizeof native, error))
        return NULL;
      if (bind (g_socket_get_fd (socket), (struct sockaddr *) &native, length) != 0)
        {
          int saved = errno;
          g_autofree char *text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (socket_address));

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot listen on “%s”: %s"), text, g_strerror (saved));
          return NULL;
        }
    }
  else if (!g_socket_bind (socket, socket_address, TRUE, error))
    {
      return NULL;
    }

  if (!g_socket_listen (socket, error))
    return NULL;

  return g_steal_pointer (&socket);
}

/* Sets up @self's SoupServer on @socket_address; in @self's context. */
static gboolean
server_listen (PstServer       *self,
               GSocketAddress  *socket_address,
               gboolean         reuse_port,
               GError         **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  SoupServerListenOptions options = 0;

  self->fingerprint_key = load_secret (self, "idempotency", error);
  if (self->fingerprint_key == NULL)
    return FALSE;

  self->soup = soup_server_new ("server-header", "pst-server/" PST_VERSION, NULL);
  /* Event frames are small JSON: permessage-deflate costs each socket far
   * more memory and CPU (measured: 22 → 385 MiB for 2,000 clients) than
   * it saves.
   */
  soup_server_remove_websocket_extension (self->soup, SOUP_TYPE_WEBSOCKET_EXTENSION_DEFLATE);
  if (self->config->tls_cert != NULL)
    {
      g_autoptr(GTlsCertificate) certificate = NULL;

      certificate = g_tls_certificate_new_from_files (self->config->tls_cert,
                                                      self->config->tls_key, error);
      if (certificate == NULL)
        return FALSE;
      soup_server_set_tls_certificate (self->soup, certificate);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }

  soup_server_add_early_handler (self->soup, PST_API_BASE, early_body_limit_cb, self, NULL);
  soup_server_add_handler (self->soup, PST_API_BASE, handle_api_cb, self, NULL);
  soup_server_add_handler (self->soup, PST_API_BASE "/events", handle_api_cb, self, NULL);
  soup_server_add_websocket_handler (self->soup, PST_API_BASE "/events", NULL, NULL,
                                     handle_websocket_cb, self, NULL);
  soup_server_add_handler (self->soup, "/healthz", handle_healthz_cb, self, NULL);
  soup_server_add_handler (self->soup, "/metrics", handle_metrics_cb, self, NULL);

  socket = listen_socket_new (socket_address, self->config->listen_backlog, reuse_port, error);
  if (socket == NULL || !soup_server_listen_socket (self->soup, socket, options, error))
    return FALSE;

  local = g_socket_get_local_address (socket, error);
  if (local == NULL)
    return FALSE;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));

  return TRUE;
}

static GSource *
add_timeout_seconds (PstServer   *self,
                     guint        interval_s,
                     GSourceFunc  func)
{
  GSource *source = g_timeout_source_new_seconds (interval_s);

  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, self->context);
  return source;
}

/* Events with workers. */

/* Reads the events after the last one handed to the hub and hands them
 * over, in seq order.
 */
static gboolean
tail_events (PstServer  *self,
             GError    **error)
{
  gboolean more = TRUE;

  while (more)
    {
      g_auto(PstStoreStatement) stmt = NULL;
      guint rows = 0;

      stmt = pst_store_prepare (self->store,
                                "SELECT seq, type, at, office, data FROM events WHERE seq > ?1"
                                " ORDER BY seq LIMIT ?2",
                                error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, self->tail_seq);
      sqlite3_bind_int (stmt, 2, TAIL_BATCH);
      while (pst_store_step_row (self->store, stmt, error))
        {
          const char *data_text = pst_store_column_text (stmt, 4);
          g_autoptr(JsonNode) data = NULL;
          g_autoptr(PstEvent) event = NULL;
          g_autoptr(JsonNode) frame = NULL;
          g_autofree char *text = NULL;
          g_autoptr(GError) local_error = NULL;

          rows++;
          self->tail_seq = sqlite3_column_int64 (stmt, 0);
          data = pst_json_parse (data_text != NULL ? data_text : "{}", -1, &local_error);
          if (data == NULL)
            {
              g_warning ("Event %" G_GINT64_FORMAT " is not JSON: %s", self->tail_seq,
                         local_error->message);
              continue;
            }

          event = pst_event_new (pst_store_column_text (stmt, 1), pst_store_column_text (stmt, 3),
                                 g_steal_pointer (&data));
          event->seq = self->tail_seq;
          event->at = sqlite3_column_int64 (stmt, 2);
          frame = pst_event_to_json (event);
          text = pst_json_to_string (frame);
          pst_event_hub_publish (self->hub, event->seq, event->office, event->type, text);
        }
      if (error != NULL && *error != NULL)
        return FALSE;

      more = rows == TAIL_BATCH;
    }

  return TRUE;
}

static gboolean
tail_events_cb (gpointer user_data)
{
  PstServer *self = user_data;
  g_autoptr(GError) error = NULL;

  g_atomic_int_set (&self->tail_poked, 0);
  if (self->stopped)
    return G_SOURCE_CONTINUE;

  if (!tail_events (self, &error))
    g_warning ("Cannot read new events: %s", error->message);

  return G_SOURCE_CONTINUE;
}

static gboolean
tail_poke_cb (gpointer user_data)
{
  PstServer *self = user_data;

  if (!self->stopped)
    tail_events_cb (self);
  return G_SOURCE_REMOVE;
}

/* Makes @self read the new events on its own thread soon; one wake-up
 * for any number of pokes until then. Called from any thread.
 */
static void
poke_tail (PstServer *self)
{
  GSource *source;

  if (!g_atomic_int_compare_and_exchange (&self->tail_poked, 0, 1))
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, tail_poke_cb, self, NULL);
  g_source_attach (source, self->context);
  g_source_unref (source);
}

/* The sources posted to another worker's context carry plain pointers to
 * its server: it lives until its thread is joined, and a source left
 * over when the thread stopped is destroyed with the context, unrun.
 */
typedef struct
{
  PstServer *server;
  char      *token_hash;
} Revocation;

static void
revocation_free (gpointer data)
{
  Revocation *revocation = data;

  g_free (revocation->token_hash);
  g_free (revocation);
}

static gboolean
close_token_cb (gpointer user_data)
{
  Revocation *revocation = user_data;

  if (!revocation->server->stopped)
    pst_event_hub_close_token (revocation->server->hub, revocation->token_hash);
  return G_SOURCE_REMOVE;
}

/* Calls @func on the leader and every worker. */
static void
foreach_server (PstServer *self,
                void     (*func) (PstServer *server,
                                  gpointer   user_data),
                gpointer   user_data)
{
  PstServer *leader = self->leader != NULL ? self->leader : self;

  func (leader, user_data);
  for (guint i = 0; leader->workers != NULL && i < leader->workers->len; i++)
    func (((Worker *) g_ptr_array_index (leader->workers, i))->server, user_data);
}

static void
poke_tail_func (PstServer *server,
                gpointer   user_data)
{
  poke_tail (server);
}

static void
close_token_func (PstServer *server,
                  gpointer   user_data)
{
  PstServer *self = ((gpointer *) user_data)[0];
  const char *token_hash = ((gpointer *) user_data)[1];
  Revocation *revocation;
  GSource *source;

  if (server == self)
    return;

  revocation = g_new0 (Revocation, 1);
  revocation->server = server;
  revocation->token_hash = g_strdup (token_hash);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, close_token_cb, revocation, revocation_free);
  g_source_attach (source, server->context);
  g_source_unref (source);
}

/* After a commit or a rollback: the other workers close the sockets of
 * the tokens this one revoked, and drop their calendars if this one
 * changed any.
 */
static void
share_changes (PstServer *self)
{
  PstServer *leader = self->leader != NULL ? self->leader : self;
  g_autoptr(GPtrArray) revoked = NULL;

  if (self->calendars_dirty)
    {
      self->calendars_dirty = FALSE;
      g_atomic_int_inc (&leader->calendar_generation);
    }

  revoked = pst_event_hub_take_revocations (self->hub);
  for (guint i = 0; revoked != NULL && i < revoked->len; i++)
    {
      gpointer data[] = { self, g_ptr_array_index (revoked, i) };

      foreach_server (self, close_token_func, data);
    }
}

static gpointer
worker_thread_cb (gpointer user_data)
{
  Worker *worker = user_data;

  g_main_context_push_thread_default (worker->context);
  g_main_loop_run (worker->loop);
  pst_server_stop (worker->server);
  g_main_context_pop_thread_default (worker->context);

  return NULL;
}

gboolean
pst_server_listen (PstServer  *self,
                   GError    **error)
{
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  gboolean several;

  g_return_val_if_fail (PST_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->leader == NULL, FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  pst_locale_init (self->config->locale_dir);

  several = self->workers != NULL && self->workers->len > 0;
  socket_address = resolve_address (self->config->listen, error);
  if (socket_address == NULL || !server_listen (self, socket_address, several, error))
    return FALSE;

  if (several)
    {
      gint64 newest = 0;
      g_auto(PstStoreStatement) stmt = NULL;

      /* The workers bind the port the leader got (it may have asked for 0). */
      bound = g_inet_socket_address_new (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (socket_address)),
                                         self->port);
      for (guint i = 0; i < self->workers->len; i++)
        {
          Worker *worker = g_ptr_array_index (self->workers, i);
          gboolean ok;

          g_main_context_push_thread_default (worker->context);
          ok = server_listen (worker->server, bound, TRUE, error);
          g_main_context_pop_thread_default (worker->context);
          if (!ok)
            return FALSE;
        }

      /* Every hub starts from the newest event now. */
      stmt = pst_store_prepare (self->store, "SELECT seq FROM events ORDER BY seq DESC LIMIT 1",
                                error);
      if (stmt == NULL)
        return FALSE;
      if (pst_store_step_row (self->store, stmt, error))
        newest = sqlite3_column_int64 (stmt, 0);
      else if (error != NULL && *error != NULL)
        return FALSE;

      for (guint i = 0; i <= self->workers->len; i++)
        {
          PstServer *server = i == 0 ? self
                                     : ((Worker *) g_ptr_array_index (self->workers, i - 1))->server;

          server->tailing = TRUE;
          server->tail_seq = newest;
          pst_event_hub_keep_revocations (server->hub);
          server->tail_source = add_timeout_seconds (server, TAIL_POLL_INTERVAL_S, tail_events_cb);
        }

      for (guint i = 0; i < self->workers->len; i++)
        {
          Worker *worker = g_ptr_array_index (self->workers, i);
          g_autofree char *name = g_strdup_printf ("pst-worker-%u", i + 1);

          worker->thread = g_thread_new (name, worker_thread_cb, worker);
        }
    }

  self->prune_source = add_timeout_seconds (self, EVENTS_PRUNE_INTERVAL_S, prune_events_cb);
  self->scheduler_source = add_timeout_seconds (self, SCHEDULER_INTERVAL_S, run_scheduler_cb);

  g_message ("Listening on %s (port %u)", self->config->listen, self->port);
  if (several)
    g_message ("Serving with %u workers", self->workers->len + 1);
  return TRUE;
}

guint16
pst_server_get_port (PstServer *self)
{
  g_return_val_if_fail (PST_IS_SERVER (self), 0);

  return self->port;
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* Stops the workers (each on its own thread, then joined), then @self:
 * no more connections, the WebSockets closed, and the password checks
 * still running waited for (their requests are dropped). Every
 * acknowledged write was committed before its answer went out.
 */
void
pst_server_stop (PstServer *self)
{
  g_return_if_fail (PST_IS_SERVER (self));

  for (guint i = 0; self->workers != NULL && i < self->workers->len; i++)
    {
      Worker *worker = g_ptr_array_index (self->workers, i);

      if (worker->thread == NULL)
        continue;
      g_main_loop_quit (worker->loop);
      g_thread_join (g_steal_pointer (&worker->thread));
    }

  clear_source (&self->prune_source);
  clear_source (&self->scheduler_source);
  clear_source (&self->tail_source);
  if (self->soup == NULL || self->stopped)
    return;

  self->stopped = TRUE;
  pst_event_hub_close_all (self->hub);
  soup_server_disconnect (self->soup);

  while (self->verifications > 0)
    g_main_context_iteration (self->context, TRUE);
}

/* What the request log lines end with: " worker=N" when there are
 * workers, "" otherwise.
 */
const char *
pst_server_get_log_tag (PstServer *self)
{
  g_return_val_if_fail (PST_IS_SERVER (self), "");

  return self->log_tag;
}

PstStore *
pst_server_get_store (PstServer *self)
{
  g_return_val_if_fail (PST_IS_SERVER (self), NULL);

  return self->store;
}

PstClock *
pst_server_get_clock (PstServer *self)
{
  g_return_val_if_fail (PST_IS_SERVER (self), NULL);

  return self->clock;
}

PstServerConfig *
pst_server_get_config (PstServer *self)
{
  g_return_val_if_fail (PST_IS_SERVER (self), NULL);

  return self->config;
}

PstEventHub *
pst_server_get_event_hub (PstServer *self)
{
  g_return_val_if_fail (PST_IS_SERVER (self), NULL);

  return self->hub;
}

PstRateLimit *
pst_server_get_login_limit (PstServer *self)
{
  g_return_val_if_fail (PST_IS_SERVER (self), NULL);

  return self->login_limit;
}

PstRateLimit *
pst_server_get_login_address_limit (PstServer *self)
{
  g_return_val_if_fail (PST_IS_SERVER (self), NULL);

  return self->login_address_limit;
}

static int
auth_generation (PstServer *self)
{
  return g_atomic_int_get (&(self->leader != NULL ? self->leader : self)->auth_generation);
}

/* Looks a bearer token up by its hash: valid when not revoked, not expired,
 * and its account not disabled.
 */
PstPrincipal *
pst_server_authenticate (PstServer  *self,
                         const char *token)
{
  g_autoptr(GError) error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *hash = NULL;
  PstPrincipal *principal;
  CachedPrincipal *cached;
  PstRole role;
  int generation;
  gint64 now;

  g_return_val_if_fail (PST_IS_SERVER (self), NULL);
  g_return_val_if_fail (token != NULL, NULL);

  hash = pst_token_hash (token);
  now = pst_clock_get_now (self->clock);
  /* Read before the query: a commit meanwhile makes the entry stale. */
  generation = auth_generation (self);
  cached = g_hash_table_lookup (self->principals, hash);
  if (cached != NULL && cached->generation == generation &&
      g_get_monotonic_time () - cached->cached_us < PRINCIPAL_CACHE_TTL_US &&
      cached->principal->expires_at > now)
    return pst_principal_copy (cached->principal);
  if (cached != NULL)
    g_hash_table_remove (self->principals, hash);

  stmt = pst_store_prepare (self->store,
                            "SELECT o.id, o.username, o.role, o.office, t.expires_at"
                            " FROM tokens t JOIN officers o ON o.id = t.officer"
                            " WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND t.expires_at > ?2"
                            " AND o.disabled = 0",
                            &error);
  if (stmt == NULL)
    {
      g_warning ("Cannot look up a token: %s", error->message);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!pst_store_step_row (self->store, stmt, &error))
    {
      if (error != NULL)
        g_warning ("Cannot look up a token: %s", error->message);
      return NULL;
    }

  if (!pst_role_from_string (pst_store_column_text (stmt, 2), &role))
    return NULL;

  principal = g_new0 (PstPrincipal, 1);
  principal->officer_id = g_strdup (pst_store_column_text (stmt, 0));
  principal->username = g_strdup (pst_store_column_text (stmt, 1));
  principal->role = role;
  principal->office = g_strdup (pst_store_column_text (stmt, 3));
  principal->token_hash = g_steal_pointer (&hash);
  principal->expires_at = sqlite3_column_int64 (stmt, 4);

  if (g_hash_table_size (self->principals) >= PRINCIPAL_CACHE_MAX)
    g_hash_table_remove_all (self->principals);
  cached = g_new0 (CachedPrincipal, 1);
  cached->principal = pst_principal_copy (principal);
  cached->generation = generation;
  cached->cached_us = g_get_monotonic_time ();
  g_hash_table_insert (self->principals, g_strdup (principal->token_hash), cached);

  return principal;
}

/* GET /me's answer for @principal's token while its cache entry holds
 * (until the next commit by any worker, as the principal itself), or
 * NULL: /me then reads the officer and gives the answer to
 * pst_server_cache_me(). Desks ask it on every start and reconnect.
 */
char *
pst_server_dup_cached_me (PstServer          *self,
                          const PstPrincipal *principal)
{
  CachedPrincipal *cached;

  g_return_val_if_fail (PST_IS_SERVER (self), NULL);
  g_return_val_if_fail (principal != NULL, NULL);

  cached = g_hash_table_lookup (self->principals, principal->token_hash);
  if (cached == NULL || cached->me_json == NULL || cached->generation != auth_generation (self))
    return NULL;

  return g_strdup (cached->me_json);
}

/* The generation to give pst_server_cache_me(): read it before reading
 * the officer, so that a commit in between keeps the answer out.
 */
int
pst_server_get_auth_generation (PstServer *self)
{
  g_return_val_if_fail (PST_IS_SERVER (self), 0);

  return auth_generation (self);
}

void
pst_server_cache_me (PstServer          *self,
                     const PstPrincipal *principal,
                     int                 generation,
                     const char         *me_json)
{
  CachedPrincipal *cached;

  g_return_if_fail (PST_IS_SERVER (self));
  g_return_if_fail (principal != NULL);
  g_return_if_fail (me_json != NULL);

  cached = g_hash_table_lookup (self->principals, principal->token_hash);
  if (cached == NULL || cached->generation != generation || generation != auth_generation (self))
    return;

  g_free (cached->me_json);
  cached->me_json = g_strdup (me_json);
}

/* Calendars. */

static int
get_calendar_generation (PstServer *self)
{
  PstServer *leader = self->leader != NULL ? self->leader : self;

  return g_atomic_int_get (&leader->calendar_generation);
}

static gboolean
load_hours (PstServer    *self,
            PstCalendar  *calendar,
            const char   *office,
            GError      **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  gboolean any = FALSE;

  stmt = pst_store_prepare (self->store,
                            "SELECT weekday, min (open_min), max (close_min) FROM office_hours"
                            " WHERE office = ?1 GROUP BY weekday",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, office, -1, SQLITE_TRANSIENT);
  while (pst_store_step_row (self->store, stmt, error))
    {
      /* An office with hours of its own is closed on the days it lists none. */
      if (!any)
        {
          for (int weekday = G_DATE_MONDAY; weekday <= G_DATE_SUNDAY; weekday++)
            pst_calendar_set_hours (calendar, weekday, 0, 0);
          any = TRUE;
        }
      pst_calendar_set_hours (calendar, sqlite3_column_int (stmt, 0),
                              sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 2));
    }

  return error == NULL || *error == NULL;
}

static gboolean
load_holidays (PstServer    *self,
               PstCalendar  *calendar,
               const char   *office,
               GError      **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (self->store,
                            "SELECT date, name, name_en, kind, office FROM holidays"
                            " WHERE office IS NULL OR office = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, office, -1, SQLITE_TRANSIENT);
  while (pst_store_step_row (self->store, stmt, error))
    {
      g_autoptr(PstHoliday) holiday = NULL;
      PstHolidayKind kind;
      int year, month, day;

      if (sscanf (pst_store_column_text (stmt, 0), "%d-%d-%d", &year, &month, &day) != 3 ||
          !g_date_valid_dmy (day, month, year) ||
          !pst_holiday_kind_from_string (pst_store_column_text (stmt, 3), &kind))
        continue;

      holiday = pst_holiday_new (year, month, day, pst_store_column_text (stmt, 1),
                                 pst_store_column_text (stmt, 2), kind,
                                 pst_store_column_text (stmt, 4));
      pst_calendar_add_holiday (calendar, holiday);
    }

  return error == NULL || *error == NULL;
}

/* The working calendar of @office (its zone, service hours and closed
 * days, national ones included), built from the store on first use and
 * kept until pst_server_forget_calendars(), which routes call when they
 * change hours or holidays. Transfer none.
 */
PstCalendar *
pst_server_get_calendar (PstServer   *self,
                         const char  *office,
                         GError     **error)
{
  g_autoptr(PstCalendar) calendar = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  PstCalendar *cached;

  g_return_val_if_fail (PST_IS_SERVER (self), NULL);
  g_return_val_if_fail (office != NULL, NULL);

  /* Another worker may have changed hours or holidays. */
  if (self->calendars_seen != get_calendar_generation (self))
    {
      g_hash_table_remove_all (self->calendars);
      self->calendars_seen = get_calendar_generation (self);
    }

  cached = g_hash_table_lookup (self->calendars, office);
  if (cached != NULL)
    return cached;

  stmt = pst_store_prepare (self->store, "SELECT timezone FROM offices WHERE code = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, office, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_one (self->store, stmt, error))
    return NULL;

  calendar = pst_calendar_new_for_zone (pst_store_column_text (stmt, 0), error);
  if (calendar == NULL ||
      !load_hours (self, calendar, office, error) ||
      !load_holidays (self, calendar, office, error))
    return NULL;

  cached = g_steal_pointer (&calendar);
  g_hash_table_insert (self->calendars, g_strdup (office), cached);
  return cached;
}

/* The other workers learn of it now and again after the commit (or the
 * rollback): one that reloaded in between read the old rows.
 */
void
pst_server_forget_calendars (PstServer *self)
{
  PstServer *leader;

  g_return_if_fail (PST_IS_SERVER (self));

  leader = self->leader != NULL ? self->leader : self;
  g_hash_table_remove_all (self->calendars);
  g_atomic_int_inc (&leader->calendar_generation);
  self->calendars_dirty = TRUE;
}

/* Events. */

/* Appends an event to the log inside the open transaction and keeps its
 * frame to publish after the commit. Takes ownership of @data (an object,
 * or NULL for {}).
 */
gboolean
pst_server_append_event (PstServer   *self,
                         const char  *type,
                         const char  *office,
                         JsonNode    *data,
                         GError     **error)
{
  g_autoptr(JsonNode) owned = data != NULL ? data : json_node_init_object (json_node_alloc (),
                                                                           json_object_new ());
  g_autoptr(PstEvent) event = NULL;
  g_autoptr(JsonNode) frame = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *data_text = NULL;
  PendingEvent *pending;
  gint64 now = pst_clock_get_now (self->clock);

  g_return_val_if_fail (PST_IS_SERVER (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (pst_store_in_transaction (self->store), FALSE);

  data_text = pst_json_to_string (owned);
  stmt = pst_store_prepare (self->store,
                            "INSERT INTO events (type, at, office, data) VALUES (?1, ?2, ?3, ?4)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  if (office != NULL)
    sqlite3_bind_text (stmt, 3, office, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, data_text, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_done (self->store, stmt, error))
    return FALSE;

  pending = g_new0 (PendingEvent, 1);
  pending->seq = pst_store_last_insert_rowid (self->store);
  pending->office = g_strdup (office);
  pending->type = g_strdup (type);
  /* With workers the hubs build their frames from the log. */
  if (!self->tailing)
    {
      event = pst_event_new (type, office, g_steal_pointer (&owned));
      event->seq = pending->seq;
      event->at = now;
      frame = pst_event_to_json (event);
      pending->frame = pst_json_to_string (frame);
    }
  g_ptr_array_add (self->pending, pending);

  return TRUE;
}

/* After a commit: one worker sends the events to its clients itself;
 * with several, every worker reads them from the log (see the comment at
 * the top).
 */
void
pst_server_publish_pending (PstServer *self)
{
  g_return_if_fail (PST_IS_SERVER (self));

  share_changes (self);
  g_atomic_int_inc (&(self->leader != NULL ? self->leader : self)->auth_generation);
  if (self->pending->len == 0)
    return;

  if (self->tailing)
    {
      foreach_server (self, poke_tail_func, NULL);
    }
  else
    {
      for (guint i = 0; i < self->pending->len; i++)
        {
          PendingEvent *pending = g_ptr_array_index (self->pending, i);

          pst_event_hub_publish (self->hub, pending->seq, pending->office, pending->type,
                                 pending->frame);
        }
    }

  pst_metrics_add_events (self->metrics, self->pending->len);
  g_ptr_array_set_size (self->pending, 0);
}

void
pst_server_discard_pending (PstServer *self)
{
  g_return_if_fail (PST_IS_SERVER (self));

  share_changes (self);
  g_ptr_array_set_size (self->pending, 0);
}

/* The write lock of all the workers: one write transaction at a time, as
 * sqlite allows, taken in turn here rather than by sqlite's busy waits.
 * Every writer takes it around its transaction.
 */
void
pst_server_lock_writes (PstServer *self)
{
  PstServer *leader;

  g_return_if_fail (PST_IS_SERVER (self));

  leader = self->leader != NULL ? self->leader : self;
  g_mutex_lock (&leader->write_lock);
}

void
pst_server_unlock_writes (PstServer *self)
{
  PstServer *leader;

  g_return_if_fail (PST_IS_SERVER (self));

  leader = self->leader != NULL ? self->leader : self;
  g_mutex_unlock (&leader->write_lock);
}
