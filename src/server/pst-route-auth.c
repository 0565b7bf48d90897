/* pst-route-auth.c: logging in and out, the caller's own account, and
 * managing the accounts of an office.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "pst-i18n.h"
#include "pst-password.h"
#include "pst-request.h"
#include "pst-routes.h"
#include "pst-server.h"

/* Decisions this file makes where API.md leaves room:
 *
 * - Login answers a wrong password and an unknown username alike (401 and
 *   the same message), and verifies against a dummy argon2id hash when the
 *   username is unknown so the time taken does not tell them apart. A
 *   disabled account is also refused with 401; only when its password was
 *   right does the message say it is disabled, which tells nothing to
 *   someone who does not know the password.
 * - Failed logins count against "user:NAME" and "addr:IP" in the login
 *   rate limit; either key blocked answers 429 with Retry-After (seconds)
 *   before any password is checked. A success forgets the username's
 *   failures, not the address's.
 * - Usernames are 3–64 characters of [a-z0-9._-], stored lower-cased
 *   (what the caller sends is lower-cased first); passwords have 8–256
 *   characters.
 * - PUT /me/presence is for staff, not kiosks; going offline leaves the
 *   desk. An admin without an office has no team board, so changing their
 *   presence appends no event.
 * - GET /officers lists every enabled account of the office, kiosks
 *   included (their role says what they are; the team board leaves them
 *   out, account management needs them), ordered by username, with
 *   `?role=` to keep one role. Disabled accounts are not listed.
 * - A supervisor manages the officer and kiosk accounts of their own
 *   office only: never admins or supervisors (their own account included)
 *   and never another office. Creating or moving an account into another
 *   office is 403; an account of another office is 404.
 * - PUT /officers/{id} replaces username, name, role and office; the
 *   password changes only when given, the desk only when present (null
 *   clears it). Changing the password, role or office revokes the
 *   account's tokens (except the caller's own) and closes their
 *   WebSockets, which hold the old role and office.
 * - DELETE disables the account (it keeps its history and its username),
 *   revokes its tokens, and sets it offline. Disabled accounts are 404 to
 *   PUT and DELETE. Nobody can disable their own account (409).
 */

#define USERNAME_MIN 3
#define USERNAME_MAX 64
#define PASSWORD_MIN 8
#define PASSWORD_MAX 256
#define ACCOUNT_NAME_MAX 200
#define DESK_MAX 32

/* libsoup 3.0 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429

/* An argon2id hash (libsodium's interactive limits, as pst_password_hash()
 * makes) of a random password nobody knows, to verify against when the
 * username does not exist.
 */
static const char dummy_hash[] =
  "$argon2id$v=19$m=65536,t=2,p=1$1Y4S5HprjtJH9KdR17FJ1A$BO2OozUl8lxQO9DF819Q/wMzQgbwMOsl9RldaNGuqr4";

#define OFFICER_COLUMNS "id, username, name, role, office, desk, presence, disabled"

/* Validation shared by the routes and --create-admin. */

/* Lower-cases @input into *@out_username and checks it: 3–64 characters
 * of a–z, 0–9, dot, hyphen and underscore.
 */
static gboolean
normalize_username (const char  *input,
                    char       **out_username,
                    GError     **error)
{
  g_autofree char *username = NULL;
  size_t len;

  g_assert (input != NULL);

  username = g_ascii_strdown (input, -1);
  len = strlen (username);
  if (len < USERNAME_MIN || len > USERNAME_MAX ||
      strspn (username, "abcdefghijklmnopqrstuvwxyz0123456789._-") != len)
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   /* Translators: the numbers are the shortest and longest lengths. */
                   _("A username has %d to %d characters: lowercase letters, digits, dots, hyphens and underscores"),
                   USERNAME_MIN, USERNAME_MAX);
      return FALSE;
    }

  *out_username = g_steal_pointer (&username);
  return TRUE;
}

static gboolean
validate_password (const char  *password,
                   GError     **error)
{
  glong len;

  g_assert (password != NULL);

  len = g_utf8_strlen (password, -1);
  if (len < PASSWORD_MIN || len > PASSWORD_MAX)
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   /* Translators: the numbers are the shortest and longest lengths. */
                   _("A password has %d to %d characters"), PASSWORD_MIN, PASSWORD_MAX);
      return FALSE;
    }

  return TRUE;
}

/* Trims @name in place and checks it: 1–200 characters, no control characters. */
static gboolean
validate_name (char    *name,
               GError **error)
{
  glong len;

  g_assert (name != NULL);

  g_strstrip (name);
  len = g_utf8_strlen (name, -1);
  if (len < 1 || len > ACCOUNT_NAME_MAX)
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   _("Write the person’s name, at most %d characters"), ACCOUNT_NAME_MAX);
      return FALSE;
    }

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          g_set_error_literal (error, PST_ERROR, PST_ERROR_INVALID,
                               _("The name must be one line of text"));
          return FALSE;
        }
    }

  return TRUE;
}

/* Trims @desk in place; an empty desk means none. */
static gboolean
validate_desk (char    *desk,
               GError **error)
{
  g_assert (desk != NULL);

  g_strstrip (desk);
  if (g_utf8_strlen (desk, -1) > DESK_MAX)
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   _("A desk name has at most %d characters"), DESK_MAX);
      return FALSE;
    }

  for (const char *p = desk; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          g_set_error_literal (error, PST_ERROR, PST_ERROR_INVALID,
                               _("The desk name must be one line of text"));
          return FALSE;
        }
    }

  return TRUE;
}

/* Store access. */

/* Reads a row of OFFICER_COLUMNS; *@out_disabled may be NULL. */
static PstOfficer *
officer_from_row (sqlite3_stmt *stmt,
                  gboolean     *out_disabled)
{
  g_autoptr(PstOfficer) officer = pst_officer_new ();
  PstPresence presence = PST_PRESENCE_OFFLINE;

  officer->id = g_strdup (pst_store_column_text (stmt, 0));
  officer->username = g_strdup (pst_store_column_text (stmt, 1));
  officer->name = g_strdup (pst_store_column_text (stmt, 2));
  if (!pst_role_from_string (pst_store_column_text (stmt, 3), &officer->role))
    g_warning ("Account %s has an unknown role", officer->id);
  officer->office = g_strdup (pst_store_column_text (stmt, 4));
  officer->desk = g_strdup (pst_store_column_text (stmt, 5));
  if (pst_presence_from_string (pst_store_column_text (stmt, 6), &presence))
    officer->presence = presence;
  if (out_disabled != NULL)
    *out_disabled = sqlite3_column_int (stmt, 7) != 0;

  return g_steal_pointer (&officer);
}

/* The account @id, disabled or not; PST_STORE_ERROR_NOT_FOUND when there
 * is none.
 */
static PstOfficer *
load_officer (PstStore    *store,
              const char  *id,
              gboolean    *out_disabled,
              GError     **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store, "SELECT " OFFICER_COLUMNS " FROM officers WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_one (store, stmt, error))
    return NULL;

  return officer_from_row (stmt, out_disabled);
}

/* Whether another account than @except_id (may be NULL) has @username,
 * disabled accounts included: a username is never reused.
 */
static gboolean
username_taken (PstStore    *store,
                const char  *username,
                const char  *except_id,
                gboolean    *out_taken,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store,
                            "SELECT 1 FROM officers WHERE username = ?1 AND id <> coalesce (?2, '')",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  if (except_id != NULL)
    sqlite3_bind_text (stmt, 2, except_id, -1, SQLITE_TRANSIENT);
  *out_taken = pst_store_step_row (store, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
office_exists (PstStore    *store,
               const char  *office,
               gboolean    *out_exists,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store, "SELECT 1 FROM offices WHERE code = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, office, -1, SQLITE_TRANSIENT);
  *out_exists = pst_store_step_row (store, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_officer (PstStore          *store,
                const PstOfficer  *officer,
                const char        *password_hash,
                gint64             now,
                GError           **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store,
                            "INSERT INTO officers (id, username, name, role, office, desk, presence,"
                            " password_hash, disabled, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?9)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, officer->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, officer->username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, officer->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, pst_role_to_string (officer->role), -1, SQLITE_STATIC);
  if (officer->office != NULL)
    sqlite3_bind_text (stmt, 5, officer->office, -1, SQLITE_TRANSIENT);
  if (officer->desk != NULL)
    sqlite3_bind_text (stmt, 6, officer->desk, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, pst_presence_to_string (officer->presence), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, password_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, now);

  return pst_store_step_done (store, stmt, error);
}

/* Revokes every live token of @officer_id but @except_hash (may be NULL)
 * and closes the WebSockets opened with them.
 */
static gboolean
revoke_tokens (PstRequest  *request,
               const char  *officer_id,
               const char  *except_hash,
               GError     **error)
{
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) select = NULL;
  g_auto(PstStoreStatement) update = NULL;
  PstEventHub *hub = pst_server_get_event_hub (request->server);

  select = pst_store_prepare (request->store,
                              "SELECT token_hash FROM tokens WHERE officer = ?1 AND revoked_at IS NULL"
                              " AND token_hash <> coalesce (?2, '')",
                              error);
  if (select == NULL)
    return FALSE;

  sqlite3_bind_text (select, 1, officer_id, -1, SQLITE_TRANSIENT);
  if (except_hash != NULL)
    sqlite3_bind_text (select, 2, except_hash, -1, SQLITE_TRANSIENT);
  while (pst_store_step_row (request->store, select, &local_error))
    g_ptr_array_add (hashes, g_strdup (pst_store_column_text (select, 0)));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  update = pst_store_prepare (request->store,
                              "UPDATE tokens SET revoked_at = ?3 WHERE officer = ?1"
                              " AND revoked_at IS NULL AND token_hash <> coalesce (?2, '')",
                              error);
  if (update == NULL)
    return FALSE;

  sqlite3_bind_text (update, 1, officer_id, -1, SQLITE_TRANSIENT);
  if (except_hash != NULL)
    sqlite3_bind_text (update, 2, except_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 3, request->now);
  if (!pst_store_step_done (request->store, update, error))
    return FALSE;

  for (guint i = 0; i < hashes->len; i++)
    pst_event_hub_revoke_token (hub, g_ptr_array_index (hashes, i));

  return TRUE;
}

/* Request helpers. */

static void
reply_forbidden (PstRequest *request,
                 const char *message)
{
  pst_request_reply_error (request, SOUP_STATUS_FORBIDDEN, PST_API_ERROR_FORBIDDEN, NULL, message);
}

/* Answers 422 for @field from a PST_ERROR_INVALID failure, and anything
 * else as pst_request_reply_gerror() does.
 */
static void
reply_field_error (PstRequest   *request,
                   const char   *field,
                   const GError *error)
{
  if (g_error_matches (error, PST_ERROR, PST_ERROR_INVALID))
    pst_request_reply_invalid (request, field, error);
  else
    pst_request_reply_gerror (request, error);
}

static gboolean
is_admin (PstRequest *request)
{
  return pst_request_has_role (request, PST_ROLES_ADMIN);
}

/* What a supervisor may manage: officer and kiosk accounts. */
static gboolean
role_managed_by_supervisor (PstRole role)
{
  return role == PST_ROLE_OFFICER || role == PST_ROLE_KIOSK;
}

/* POST /auth/login */

static void
reply_rate_limited (PstRequest *request,
                    gint64      retry_after_us)
{
  g_autofree char *seconds = NULL;

  seconds = g_strdup_printf ("%" G_GINT64_FORMAT,
                             MAX ((retry_after_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, 1));
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Retry-After", seconds);
  pst_request_reply_error (request, STATUS_TOO_MANY_REQUESTS, PST_API_ERROR_RATE_LIMITED,
                           NULL, _("Too many failed logins; wait a few minutes and try again"));
}

static void
reply_login_refused (PstRequest *request,
                     const char *message)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "WWW-Authenticate", "Bearer");
  pst_request_reply_error (request, SOUP_STATUS_UNAUTHORIZED, PST_API_ERROR_UNAUTHORIZED, NULL,
                           message);
}

/* Writes the audit entry of a login or logout with @officer as the actor. */
static gboolean
audit_as (PstRequest        *request,
          const PstOfficer  *officer,
          const char        *action,
          JsonNode          *detail,
          GError           **error)
{
  PstPrincipal *previous = request->principal;
  PstPrincipal actor = { 0 };
  gboolean ok;

  actor.officer_id = officer->id;
  actor.username = officer->username;
  actor.role = officer->role;
  actor.office = officer->office;

  request->principal = &actor;
  ok = pst_request_audit (request, action, "officer", officer->id, officer->office, detail, error);
  request->principal = previous;

  return ok;
}

static void
handle_login (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstOfficer) officer = NULL;
  g_autoptr(JsonBuilder) detail = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *user_key = NULL;
  g_autofree char *addr_key = NULL;
  g_autofree char *password_hash = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *expires = NULL;
  PstRateLimit *limit = pst_server_get_login_limit (request->server);
  PstRateLimit *address_limit = pst_server_get_login_address_limit (request->server);
  PstServerConfig *config = pst_server_get_config (request->server);
  const char *address = soup_server_message_get_remote_host (request->msg);
  gint64 user_retry = 0;
  gint64 addr_retry = 0;
  gboolean user_blocked;
  gboolean addr_blocked;
  gboolean verified;
  gboolean disabled = FALSE;
  PstPasswordCheck check;
  gint64 expires_at;
  JsonObject *body;
  JsonObject *answer;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL ||
      !pst_json_get_string (body, "username", TRUE, &username, &error) ||
      !pst_json_get_string (body, "password", TRUE, &password, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  /* Usernames compare without case; a key of bounded length whatever was sent. */
  folded = g_ascii_strdown (username, MIN (strlen (username), USERNAME_MAX + 1));
  user_key = g_strconcat ("user:", folded, NULL);
  addr_key = g_strconcat ("addr:", address != NULL ? address : "unknown", NULL);

  user_blocked = pst_rate_limit_is_blocked (limit, user_key, &user_retry);
  addr_blocked = pst_rate_limit_is_blocked (address_limit, addr_key, &addr_retry);
  if (user_blocked || addr_blocked)
    {
      reply_rate_limited (request, MAX (user_blocked ? user_retry : 0,
                                        addr_blocked ? addr_retry : 0));
      return;
    }

  stmt = pst_store_prepare (request->store,
                            "SELECT " OFFICER_COLUMNS ", password_hash FROM officers"
                            " WHERE username = ?1",
                            &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_TRANSIENT);
  if (strlen (folded) <= USERNAME_MAX && pst_store_step_row (request->store, stmt, &error))
    {
      officer = officer_from_row (stmt, &disabled);
      password_hash = g_strdup (pst_store_column_text (stmt, 8));
    }
  g_clear_pointer (&stmt, pst_store_statement_release);
  if (error != NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  /* The same work whether the account exists or not. The check runs off
   * the main loop: the first time through, this handler stops here and
   * the dispatcher runs it again once the check is done, rate limits and
   * account read again (pst_server_verify_password()).
   */
  check = pst_server_verify_password (request, officer != NULL ? password_hash : dummy_hash,
                                      password);
  if (check == PST_PASSWORD_CHECK_PENDING)
    return;
  verified = check == PST_PASSWORD_CHECK_OK;
  if (officer == NULL || !verified || disabled)
    {
      pst_rate_limit_add_failure (limit, user_key);
      pst_rate_limit_add_failure (address_limit, addr_key);
      reply_login_refused (request,
                           officer != NULL && verified
                             ? _("This account is disabled; ask your administrator")
                             : _("Wrong username or password"));
      return;
    }

  pst_rate_limit_reset (limit, user_key);

  token = pst_token_generate ();
  token_hash = pst_token_hash (token);
  expires_at = request->now + (gint64) config->token_ttl_hours * PST_USEC_PER_HOUR;
  stmt = pst_store_prepare (request->store,
                            "INSERT INTO tokens (token_hash, officer, created_at, expires_at)"
                            " VALUES (?1, ?2, ?3, ?4)",
                            &error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, officer->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, request->now);
      sqlite3_bind_int64 (stmt, 4, expires_at);
    }

  detail = json_builder_new ();
  json_builder_begin_object (detail);
  json_builder_set_member_name (detail, "address");
  json_builder_add_string_value (detail, address != NULL ? address : "unknown");
  json_builder_end_object (detail);

  if (stmt == NULL ||
      !pst_store_step_done (request->store, stmt, &error) ||
      !audit_as (request, officer, "auth.login", json_builder_get_root (detail), &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  expires = pst_time_format_rfc3339 (expires_at, NULL);
  answer = json_object_new ();
  json_object_set_string_member (answer, "token", token);
  json_object_set_string_member (answer, "expires_at", expires);
  json_object_set_member (answer, "officer", pst_officer_to_json (officer));
  pst_request_reply_json (request, SOUP_STATUS_OK, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}

/* POST /auth/logout */

static void
handle_logout (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  const PstPrincipal *principal = request->principal;

  stmt = pst_store_prepare (request->store,
                            "UPDATE tokens SET revoked_at = ?2 WHERE token_hash = ?1 AND revoked_at IS NULL",
                            &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  sqlite3_bind_text (stmt, 1, principal->token_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, request->now);
  if (!pst_store_step_done (request->store, stmt, &error) ||
      !pst_request_audit (request, "auth.logout", "officer", principal->officer_id,
                          principal->office, NULL, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_event_hub_revoke_token (pst_server_get_event_hub (request->server), principal->token_hash);
  pst_request_reply_no_content (request);
}

/* GET /me */

static void
handle_me (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstOfficer) officer = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = pst_server_dup_cached_me (request->server, request->principal);
  int generation;

  if (text == NULL)
    {
      generation = pst_server_get_auth_generation (request->server);
      officer = load_officer (request->store, request->principal->officer_id, NULL, &error);
      if (officer == NULL)
        {
          pst_request_reply_gerror (request, error);
          return;
        }
      node = pst_officer_to_json (officer);
      text = pst_json_to_string (node);
      pst_server_cache_me (request->server, request->principal, generation, text);
    }

  pst_request_reply_text (request, SOUP_STATUS_OK, "application/json", text);
}

/* PUT /me/presence */

/* Reads the optional `desk` of @body: *@out_present is FALSE when it is
 * absent, and *@out_desk NULL when it is null or empty.
 */
static gboolean
read_desk (JsonObject  *body,
           gboolean    *out_present,
           char       **out_desk,
           GError     **error)
{
  g_autofree char *desk = NULL;

  *out_present = json_object_has_member (body, "desk");
  if (!*out_present)
    return TRUE;

  if (!pst_json_get_string (body, "desk", FALSE, &desk, error))
    return FALSE;

  if (desk != NULL && !validate_desk (desk, error))
    return FALSE;

  g_free (*out_desk);
  *out_desk = desk != NULL && *desk != '\0' ? g_steal_pointer (&desk) : NULL;
  return TRUE;
}

static void
handle_presence (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstOfficer) before = NULL;
  g_autoptr(PstOfficer) after = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *desk = NULL;
  PstPresence presence;
  gboolean desk_given = FALSE;
  JsonObject *body;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL ||
      !pst_json_get_enum (body, "presence", TRUE, PST_JSON_ENUM_FROM_STRING (pst_presence),
                          (int *) &presence, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (!read_desk (body, &desk_given, &desk, &error))
    {
      reply_field_error (request, "desk", error);
      return;
    }

  before = load_officer (request->store, request->principal->officer_id, NULL, &error);
  if (before == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  after = pst_officer_copy (before);
  after->presence = presence;
  if (desk_given)
    {
      g_free (after->desk);
      after->desk = g_steal_pointer (&desk);
    }
  else if (presence == PST_PRESENCE_OFFLINE)
    g_clear_pointer (&after->desk, g_free);

  if (pst_officer_equal (before, after))
    {
      pst_request_reply_json (request, SOUP_STATUS_OK, pst_officer_to_json (after));
      return;
    }

  stmt = pst_store_prepare (request->store,
                            "UPDATE officers SET presence = ?2, desk = ?3, updated_at = ?4 WHERE id = ?1",
                            &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  sqlite3_bind_text (stmt, 1, after->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pst_presence_to_string (after->presence), -1, SQLITE_STATIC);
  if (after->desk != NULL)
    sqlite3_bind_text (stmt, 3, after->desk, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, request->now);
  if (!pst_store_step_done (request->store, stmt, &error) ||
      (after->office != NULL &&
       !pst_request_append_event (request, "officer.presence", after->office,
                                  pst_officer_to_json (after), &error)))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_request_reply_json (request, SOUP_STATUS_OK, pst_officer_to_json (after));
}

/* GET /officers?office=&role=&limit=&cursor= */

/* A page's cursor is the last username it listed, in hex. */
static char *
encode_cursor (const char *username)
{
  GString *cursor = g_string_new (NULL);

  for (const char *p = username; *p != '\0'; p++)
    g_string_append_printf (cursor, "%02x", (guint) (guchar) *p);

  return g_string_free (cursor, FALSE);
}

/* The username after which a page starts, or NULL for a cursor that is
 * not one of ours.
 */
static char *
decode_cursor (const char *cursor)
{
  g_autofree char *username = NULL;
  gsize len = strlen (cursor);

  if (len == 0 || len % 2 != 0 || len / 2 > USERNAME_MAX ||
      strspn (cursor, "0123456789abcdef") != len)
    return NULL;

  username = g_malloc0 (len / 2 + 1);
  for (gsize i = 0; i < len / 2; i++)
    username[i] = (char) (g_ascii_xdigit_value (cursor[2 * i]) * 16 +
                          g_ascii_xdigit_value (cursor[2 * i + 1]));

  if (strspn (username, "abcdefghijklmnopqrstuvwxyz0123456789._-") != len / 2)
    return NULL;

  return g_steal_pointer (&username);
}

static void
handle_list (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_officer_free);
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *after = NULL;
  g_autofree char *next_cursor = NULL;
  g_autofree char *today = NULL;
  const char *role_text = pst_request_get_query (request, "role");
  const char *cursor = pst_request_get_query (request, "cursor");
  PstCalendar *calendar;
  GDate date;
  PstRole role;
  guint limit;

  if (!pst_request_get_limit (request, &limit, &error))
    {
      reply_field_error (request, "limit", error);
      return;
    }

  if (role_text != NULL && !pst_role_from_string (role_text, &role))
    {
      g_set_error_literal (&error, PST_ERROR, PST_ERROR_INVALID,
                           /* Translators: do not translate the role names. */
                           _("“role” must be one of officer, supervisor, admin, kiosk"));
      pst_request_reply_invalid (request, "role", error);
      return;
    }

  if (cursor != NULL && (after = decode_cursor (cursor)) == NULL)
    {
      g_set_error_literal (&error, PST_ERROR, PST_ERROR_INVALID,
                           _("This cursor is not valid; start again from the first page"));
      pst_request_reply_invalid (request, "cursor", error);
      return;
    }

  /* An unknown office is 404 here, from its calendar. */
  calendar = pst_server_get_calendar (request->server, request->office, &error);
  if (calendar == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }
  pst_calendar_get_local_date (calendar, request->now, &date);
  today = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date));

  stmt = pst_store_prepare (request->store,
                            "SELECT o.id, o.username, o.name, o.role, o.office, o.desk, o.presence,"
                            " o.disabled,"
                            " (SELECT count (*) FROM tickets t WHERE t.officer = o.id"
                            "   AND t.service_date = ?2 AND t.status IN ('called', 'serving')),"
                            " (SELECT count (*) FROM consultations c WHERE c.assignee = o.id"
                            "   AND c.status <> 'closed'),"
                            " (SELECT count (*) FROM consultations c WHERE c.assignee = o.id"
                            "   AND c.status <> 'closed' AND c.sla_state = 'breached')"
                            " FROM officers o"
                            " WHERE o.office = ?1 AND o.disabled = 0"
                            " AND (?3 IS NULL OR o.role = ?3) AND (?4 IS NULL OR o.username > ?4)"
                            " ORDER BY o.username LIMIT ?5",
                            &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  sqlite3_bind_text (stmt, 1, request->office, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  if (role_text != NULL)
    sqlite3_bind_text (stmt, 3, pst_role_to_string (role), -1, SQLITE_STATIC);
  if (after != NULL)
    sqlite3_bind_text (stmt, 4, after, -1, SQLITE_TRANSIENT);
  /* One more than asked for, to know whether there is a next page. */
  sqlite3_bind_int (stmt, 5, (int) limit + 1);

  while (pst_store_step_row (request->store, stmt, &error))
    {
      PstOfficer *officer;

      if (items->len == limit)
        {
          PstOfficer *last = g_ptr_array_index (items, items->len - 1);

          next_cursor = encode_cursor (last->username);
          break;
        }

      officer = officer_from_row (stmt, NULL);
      officer->has_workload = TRUE;
      officer->workload_tickets = sqlite3_column_int (stmt, 8);
      officer->workload_consultations = sqlite3_column_int (stmt, 9);
      officer->workload_overdue = sqlite3_column_int (stmt, 10);
      g_ptr_array_add (items, officer);
    }
  if (error != NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_request_reply_json (request, SOUP_STATUS_OK,
                          pst_json_list_to_json (items, (PstJsonEncodeFunc) pst_officer_to_json,
                                                 next_cursor));
}

/* POST /officers, PUT /officers/{id} */

/* An account as a request body describes it. */
typedef struct
{
  char    *username;
  char    *name;
  PstRole  role;
  char    *office;
  char    *password;
  gboolean desk_given;
  char    *desk;
} AccountInput;

static void
account_input_clear (AccountInput *input)
{
  g_free (input->username);
  g_free (input->name);
  g_free (input->office);
  if (input->password != NULL)
    {
      memset (input->password, 0, strlen (input->password));
      g_free (input->password);
    }
  g_free (input->desk);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AccountInput, account_input_clear)

/* Reads the body's fields, checking their types only. */
static gboolean
read_account_input (PstRequest    *request,
                    gboolean       password_required,
                    AccountInput  *input,
                    GError       **error)
{
  JsonObject *body = pst_request_get_body_object (request, error);

  return body != NULL &&
         pst_json_get_string (body, "username", TRUE, &input->username, error) &&
         pst_json_get_string (body, "name", TRUE, &input->name, error) &&
         pst_json_get_enum (body, "role", TRUE, PST_JSON_ENUM_FROM_STRING (pst_role),
                            (int *) &input->role, error) &&
         pst_json_get_string (body, "office", FALSE, &input->office, error) &&
         pst_json_get_string (body, "password", password_required, &input->password, error) &&
         (!json_object_has_member (body, "desk") ||
          pst_json_get_string (body, "desk", FALSE, &input->desk, error));
}

/* What a supervisor may not do with @input (as the account's new state);
 * TRUE when it answered 403.
 */
static gboolean
refuse_for_supervisor (PstRequest         *request,
                       const AccountInput *input)
{
  if (is_admin (request))
    return FALSE;

  if (!role_managed_by_supervisor (input->role) ||
      g_strcmp0 (input->office, request->principal->office) != 0)
    {
      reply_forbidden (request, _("A supervisor manages only the officer and kiosk accounts of their own office"));
      return TRUE;
    }

  return FALSE;
}

/* Checks the values of @input and normalizes them; answers and returns
 * FALSE when one is refused. @self_id is the account being changed (NULL
 * for a new one).
 */
static gboolean
check_account_input (PstRequest   *request,
                     AccountInput *input,
                     const char   *self_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *username = NULL;
  gboolean exists = FALSE;
  gboolean taken = FALSE;

  if (!normalize_username (input->username, &username, &error))
    {
      reply_field_error (request, "username", error);
      return FALSE;
    }
  g_free (input->username);
  input->username = g_steal_pointer (&username);

  if (!validate_name (input->name, &error))
    {
      reply_field_error (request, "name", error);
      return FALSE;
    }

  if (input->password != NULL && !validate_password (input->password, &error))
    {
      reply_field_error (request, "password", error);
      return FALSE;
    }

  if (input->desk != NULL)
    {
      if (!validate_desk (input->desk, &error))
        {
          reply_field_error (request, "desk", error);
          return FALSE;
        }
      if (*input->desk == '\0')
        g_clear_pointer (&input->desk, g_free);
    }

  if (input->office == NULL && input->role != PST_ROLE_ADMIN)
    {
      g_set_error_literal (&error, PST_ERROR, PST_ERROR_INVALID,
                           _("Choose the office this account works for"));
      reply_field_error (request, "office", error);
      return FALSE;
    }

  if (input->office != NULL)
    {
      if (!office_exists (request->store, input->office, &exists, &error))
        {
          pst_request_reply_gerror (request, error);
          return FALSE;
        }
      if (!exists)
        {
          g_set_error_literal (&error, PST_ERROR, PST_ERROR_INVALID,
                               _("No office has this code; choose an existing office"));
          reply_field_error (request, "office", error);
          return FALSE;
        }
    }

  if (!username_taken (request->store, input->username, self_id, &taken, &error))
    {
      pst_request_reply_gerror (request, error);
      return FALSE;
    }
  if (taken)
    {
      pst_request_reply_error (request, SOUP_STATUS_CONFLICT, PST_API_ERROR_CONFLICT, "username",
                               _("This username is already taken; choose another"));
      return FALSE;
    }

  return TRUE;
}

static JsonNode *
account_audit_detail (const PstOfficer *officer,
                      gboolean          password_changed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, officer->username);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, pst_role_to_string (officer->role));
  json_builder_set_member_name (builder, "office");
  if (officer->office != NULL)
    json_builder_add_string_value (builder, officer->office);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "password_changed");
  json_builder_add_boolean_value (builder, password_changed);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
handle_create (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstOfficer) officer = NULL;
  g_auto(AccountInput) input = { 0 };
  g_autofree char *password_hash = NULL;
  gboolean pending;

  if (!read_account_input (request, TRUE, &input, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (refuse_for_supervisor (request, &input) || !check_account_input (request, &input, NULL))
    return;

  password_hash = pst_server_hash_password (request, input.password, &pending, &error);
  if (pending)
    return;
  if (password_hash == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  officer = pst_officer_new ();
  officer->id = pst_random_id ("off");
  officer->username = g_steal_pointer (&input.username);
  officer->name = g_steal_pointer (&input.name);
  officer->role = input.role;
  officer->office = g_steal_pointer (&input.office);
  officer->desk = g_steal_pointer (&input.desk);
  officer->presence = PST_PRESENCE_OFFLINE;

  if (!insert_officer (request->store, officer, password_hash, request->now, &error) ||
      !pst_request_audit (request, "officer.create", "officer", officer->id, officer->office,
                          account_audit_detail (officer, TRUE), &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_request_reply_json (request, SOUP_STATUS_CREATED, pst_officer_to_json (officer));
}

/* Loads the enabled account of the path's {id} and checks the caller may
 * manage it; answers and returns NULL otherwise.
 */
static PstOfficer *
load_target (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstOfficer) officer = NULL;
  const char *id = pst_request_get_param (request, "id");
  gboolean disabled = FALSE;

  if (id == NULL)
    {
      pst_request_reply_not_found (request);
      return NULL;
    }

  officer = load_officer (request->store, id, &disabled, &error);
  if (officer == NULL || disabled)
    {
      if (error != NULL)
        pst_request_reply_gerror (request, error);
      else
        pst_request_reply_not_found (request);
      return NULL;
    }

  if (!pst_request_authorize_office (request, officer->office))
    return NULL;

  if (!is_admin (request) && !role_managed_by_supervisor (officer->role))
    {
      reply_forbidden (request, _("A supervisor manages only the officer and kiosk accounts of their own office"));
      return NULL;
    }

  return g_steal_pointer (&officer);
}

static void
handle_update (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstOfficer) target = NULL;
  g_autoptr(PstOfficer) officer = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_auto(AccountInput) input = { 0 };
  g_autofree char *password_hash = NULL;
  gboolean desk_given;
  gboolean pending;

  target = load_target (request);
  if (target == NULL)
    return;

  if (!read_account_input (request, FALSE, &input, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }
  desk_given = json_object_has_member (json_node_get_object (request->body), "desk");

  if (refuse_for_supervisor (request, &input) || !check_account_input (request, &input, target->id))
    return;

  if (input.password != NULL)
    {
      password_hash = pst_server_hash_password (request, input.password, &pending, &error);
      if (pending)
        return;
      if (password_hash == NULL)
        {
          pst_request_reply_gerror (request, error);
          return;
        }
    }

  officer = pst_officer_copy (target);
  g_free (officer->username);
  officer->username = g_steal_pointer (&input.username);
  g_free (officer->name);
  officer->name = g_steal_pointer (&input.name);
  officer->role = input.role;
  g_free (officer->office);
  officer->office = g_steal_pointer (&input.office);
  if (desk_given)
    {
      g_free (officer->desk);
      officer->desk = g_steal_pointer (&input.desk);
    }

  stmt = pst_store_prepare (request->store,
                            "UPDATE officers SET username = ?2, name = ?3, role = ?4, office = ?5,"
                            " desk = ?6, password_hash = coalesce (?7, password_hash), updated_at = ?8"
                            " WHERE id = ?1",
                            &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  sqlite3_bind_text (stmt, 1, officer->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, officer->username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, officer->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, pst_role_to_string (officer->role), -1, SQLITE_STATIC);
  if (officer->office != NULL)
    sqlite3_bind_text (stmt, 5, officer->office, -1, SQLITE_TRANSIENT);
  if (officer->desk != NULL)
    sqlite3_bind_text (stmt, 6, officer->desk, -1, SQLITE_TRANSIENT);
  if (password_hash != NULL)
    sqlite3_bind_text (stmt, 7, password_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, request->now);
  if (!pst_store_step_done (request->store, stmt, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  /* Sessions hold the role and office they were opened with. */
  if ((password_hash != NULL || officer->role != target->role ||
       g_strcmp0 (officer->office, target->office) != 0) &&
      !revoke_tokens (request, officer->id, request->principal->token_hash, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (!pst_request_audit (request, "officer.update", "officer", officer->id, officer->office,
                          account_audit_detail (officer, password_hash != NULL), &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_request_reply_json (request, SOUP_STATUS_OK, pst_officer_to_json (officer));
}

/* DELETE /officers/{id} */

static void
handle_delete (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstOfficer) target = NULL;
  g_autoptr(PstOfficer) officer = NULL;
  g_auto(PstStoreStatement) stmt = NULL;

  target = load_target (request);
  if (target == NULL)
    return;

  if (g_strcmp0 (target->id, request->principal->officer_id) == 0)
    {
      pst_request_reply_error (request, SOUP_STATUS_CONFLICT, PST_API_ERROR_CONFLICT, NULL,
                               _("You cannot disable your own account; ask another administrator"));
      return;
    }

  stmt = pst_store_prepare (request->store,
                            "UPDATE officers SET disabled = 1, presence = 'offline', desk = NULL,"
                            " updated_at = ?2 WHERE id = ?1",
                            &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  sqlite3_bind_text (stmt, 1, target->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, request->now);
  if (!pst_store_step_done (request->store, stmt, &error) ||
      !revoke_tokens (request, target->id, NULL, &error) ||
      !pst_request_audit (request, "officer.disable", "officer", target->id, target->office,
                          account_audit_detail (target, FALSE), &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  /* Team boards showing the account at a desk see it leave. */
  officer = pst_officer_copy (target);
  officer->presence = PST_PRESENCE_OFFLINE;
  g_clear_pointer (&officer->desk, g_free);
  if (officer->office != NULL && !pst_officer_equal (officer, target) &&
      !pst_request_append_event (request, "officer.presence", officer->office,
                                 pst_officer_to_json (officer), &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_request_reply_no_content (request);
}

static const PstRoute routes[] = {
  { "POST", "/auth/login", handle_login, PST_ACCESS_PUBLIC, PST_ROUTE_NO_REPLAY },
  { "POST", "/auth/logout", handle_logout, PST_ACCESS (PST_ROLES_ANY_TOKEN, NONE, NULL) },
  { "GET", "/me", handle_me, PST_ACCESS (PST_ROLES_ANY_TOKEN, NONE, NULL) },
  { "PUT", "/me/presence", handle_presence, PST_ACCESS (PST_ROLES_STAFF, NONE, NULL) },
  { "GET", "/officers", handle_list, PST_ACCESS (PST_ROLES_SUPERVISOR, QUERY, "office") },
  { "POST", "/officers", handle_create, PST_ACCESS (PST_ROLES_SUPERVISOR, RESOURCE, NULL) },
  { "PUT", "/officers/{id}", handle_update, PST_ACCESS (PST_ROLES_SUPERVISOR, RESOURCE, NULL) },
  { "DELETE", "/officers/{id}", handle_delete, PST_ACCESS (PST_ROLES_SUPERVISOR, RESOURCE, NULL) },
};

const PstRoute *
pst_route_auth_get_routes (guint *n_routes)
{
  g_return_val_if_fail (n_routes != NULL, NULL);

  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

/* --create-admin */

typedef struct
{
  const PstOfficer *officer;
  const char       *password_hash;
  gint64            now;
} CreateAdmin;

static gboolean
create_admin_cb (PstStore  *store,
                 gpointer   user_data,
                 GError   **error)
{
  CreateAdmin *data = user_data;
  gboolean taken = FALSE;

  if (!username_taken (store, data->officer->username, NULL, &taken, error))
    return FALSE;

  if (taken)
    {
      g_set_error (error, PST_ERROR, PST_ERROR_CONFLICT,
                   _("An account named “%s” already exists; choose another username"),
                   data->officer->username);
      return FALSE;
    }

  return insert_officer (store, data->officer, data->password_hash, data->now, error);
}

/* Creates an administrator of no office, for `pst-server --create-admin`:
 * the first account of a new install. Fails with PST_ERROR_INVALID for a
 * username or password that is not acceptable and PST_ERROR_CONFLICT when
 * the username exists. pst_password_init() must have been called.
 */
gboolean
pst_server_create_admin (PstStore    *store,
                         const char  *username,
                         const char  *password,
                         GError     **error)
{
  g_autoptr(PstOfficer) officer = NULL;
  g_autoptr(PstClock) clock = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *password_hash = NULL;
  CreateAdmin data;

  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!normalize_username (username, &normalized, error) ||
      !validate_password (password, error))
    return FALSE;

  password_hash = pst_password_hash (password, error);
  if (password_hash == NULL)
    return FALSE;

  clock = pst_clock_new_system ();
  officer = pst_officer_new ();
  officer->id = pst_random_id ("off");
  officer->username = g_steal_pointer (&normalized);
  /* Translators: the display name of the first administrator account. */
  officer->name = g_strdup (_("Administrator"));
  officer->role = PST_ROLE_ADMIN;
  officer->presence = PST_PRESENCE_OFFLINE;

  data.officer = officer;
  data.password_hash = password_hash;
  data.now = pst_clock_get_now (clock);

  return pst_store_transaction (store, create_admin_cb, &data, error);
}
