/* pst-request.c: one API request as its handler sees it.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-i18n.h"
#include "pst-request.h"
#include "pst-server.h"

#define LIMIT_DEFAULT 50
#define LIMIT_MAX 500

/* The token of an `Authorization: Bearer TOKEN` header, or NULL. */
const char *
pst_request_bearer_token (SoupServerMessage *msg)
{
  const char *header;

  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), NULL);

  header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                         "Authorization");
  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;

  header += 7;
  while (*header == ' ')
    header++;

  return *header != '\0' ? header : NULL;
}

const char *
pst_request_get_param (PstRequest *self,
                       const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->params == NULL)
    return NULL;

  return g_hash_table_lookup (self->params, name);
}

const char *
pst_request_get_query (PstRequest *self,
                       const char *name)
{
  const char *value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->query == NULL)
    return NULL;

  value = g_hash_table_lookup (self->query, name);
  return value != NULL && *value != '\0' ? value : NULL;
}

const char *
pst_request_get_header (PstRequest *self,
                        const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return soup_message_headers_get_one (soup_server_message_get_request_headers (self->msg), name);
}

/* The body as a JSON object, parsed once. Fails with PST_JSON_ERROR for an
 * empty, malformed or non-object body.
 */
JsonObject *
pst_request_get_body_object (PstRequest  *self,
                             GError     **error)
{
  SoupMessageBody *body;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->body == NULL)
    {
      body = soup_server_message_get_request_body (self->msg);
      self->body = pst_json_parse_object (body->length > 0 ? body->data : "", body->length, error);
      if (self->body == NULL)
        return NULL;
    }

  return json_node_get_object (self->body);
}

/* Reads ?limit= (default 50, at most 500). */
gboolean
pst_request_get_limit (PstRequest  *self,
                       guint       *out_limit,
                       GError     **error)
{
  const char *text = pst_request_get_query (self, "limit");
  guint64 limit;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_limit != NULL, FALSE);

  if (text == NULL)
    {
      *out_limit = LIMIT_DEFAULT;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, 1, LIMIT_MAX, &limit, NULL))
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   _("“limit” must be a whole number from 1 to %d"), LIMIT_MAX);
      return FALSE;
    }

  *out_limit = (guint) limit;
  return TRUE;
}

void
pst_request_reply_text (PstRequest *self,
                        guint       status,
                        const char *content_type,
                        const char *text)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);

  self->status = status;
  g_free (self->response_body);
  self->response_body = g_strdup (text);

  soup_server_message_set_status (self->msg, status, NULL);
  soup_server_message_set_response (self->msg, content_type, SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

/* Answers with @node (consumed) as JSON. */
void
pst_request_reply_json (PstRequest *self,
                        guint       status,
                        JsonNode   *node)
{
  g_autoptr(JsonNode) owned = node;
  g_autofree char *text = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (node != NULL);

  text = pst_json_to_string (owned);
  pst_request_reply_text (self, status, "application/json", text);
}

void
pst_request_reply_no_content (PstRequest *self)
{
  g_return_if_fail (self != NULL);

  self->status = SOUP_STATUS_NO_CONTENT;
  g_clear_pointer (&self->response_body, g_free);
  soup_server_message_set_status (self->msg, SOUP_STATUS_NO_CONTENT, NULL);
}

void
pst_request_reply_error (PstRequest *self,
                         guint       status,
                         const char *code,
                         const char *field,
                         const char *message)
{
  g_autoptr(PstApiError) api_error = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (code != NULL);
  g_return_if_fail (message != NULL);

  api_error = pst_api_error_new (code, message, field);
  pst_request_reply_json (self, status, pst_api_error_to_json (api_error));
}

/* Answers with the status and API error code that @error stands for. A
 * failure the caller cannot act on is logged and answered as `internal`
 * without its details.
 */
void
pst_request_reply_gerror (PstRequest   *self,
                          const GError *error)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (error != NULL);

  if (error->domain == PST_JSON_ERROR)
    {
      gboolean syntax = error->code == PST_JSON_ERROR_INVALID_JSON;

      pst_request_reply_error (self,
                               syntax ? SOUP_STATUS_BAD_REQUEST : SOUP_STATUS_UNPROCESSABLE_ENTITY,
                               syntax ? PST_API_ERROR_INVALID_JSON : PST_API_ERROR_INVALID_FIELD,
                               pst_json_error_get_field (error), error->message);
    }
  else if (error->domain == PST_VALIDATION_ERROR ||
           g_error_matches (error, PST_ERROR, PST_ERROR_INVALID))
    pst_request_reply_error (self, SOUP_STATUS_UNPROCESSABLE_ENTITY, PST_API_ERROR_INVALID_FIELD,
                             NULL, error->message);
  else if (g_error_matches (error, PST_ERROR, PST_ERROR_NOT_FOUND) ||
           g_error_matches (error, PST_STORE_ERROR, PST_STORE_ERROR_NOT_FOUND))
    pst_request_reply_not_found (self);
  else if (g_error_matches (error, PST_ERROR, PST_ERROR_CONFLICT))
    pst_request_reply_error (self, SOUP_STATUS_CONFLICT, PST_API_ERROR_CONFLICT, NULL,
                             error->message);
  else if (g_error_matches (error, PST_STORE_ERROR, PST_STORE_ERROR_CONSTRAINT))
    pst_request_reply_error (self, SOUP_STATUS_CONFLICT, PST_API_ERROR_CONFLICT, NULL,
                             _("This conflicts with data already stored"));
  else
    {
      g_warning ("Request %s %s failed: %s", self->method,
                 self->route != NULL ? self->route->pattern : "?", error->message);
      pst_request_reply_error (self, SOUP_STATUS_INTERNAL_SERVER_ERROR, PST_API_ERROR_INTERNAL,
                               NULL, _("The server could not complete the request; try again later"));
    }
}

/* Answers 422 invalid_field for a value of @field that failed validation. */
void
pst_request_reply_invalid (PstRequest   *self,
                           const char   *field,
                           const GError *error)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (error != NULL);

  pst_request_reply_error (self, SOUP_STATUS_UNPROCESSABLE_ENTITY, PST_API_ERROR_INVALID_FIELD,
                           field, error->message);
}

void
pst_request_reply_not_found (PstRequest *self)
{
  g_return_if_fail (self != NULL);

  pst_request_reply_error (self, SOUP_STATUS_NOT_FOUND, PST_API_ERROR_NOT_FOUND, NULL,
                           _("Nothing was found at this address"));
}

/* For routes scoped by the resource they load: checks the caller may act
 * on @office, and answers 404 otherwise (another office's objects are not
 * even said to exist). Returns FALSE when it answered.
 */
gboolean
pst_request_authorize_office (PstRequest *self,
                              const char *office)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (pst_authz_check_office (self->principal, office) == PST_AUTHZ_OK)
    return TRUE;

  pst_request_reply_not_found (self);
  return FALSE;
}

/* For an office the caller names in the body (as a path or query
 * parameter would): answers 403, like the dispatcher does for those, when
 * the caller may not act on it. Returns FALSE when it answered.
 */
gboolean
pst_request_authorize_named_office (PstRequest *self,
                                    const char *office)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (pst_authz_check_office (self->principal, office) == PST_AUTHZ_OK)
    return TRUE;

  pst_request_reply_error (self, SOUP_STATUS_FORBIDDEN, PST_API_ERROR_FORBIDDEN, "office",
                           _("Your account may not do this"));
  return FALSE;
}

/* For a route whose answer depends on the role (a supervisor sees more than
 * an officer): TRUE when the caller has one of @roles.
 */
gboolean
pst_request_has_role (PstRequest *self,
                      guint       roles)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->principal != NULL && (roles & PST_ROLE_BIT (self->principal->role)) != 0;
}

/* Appends an event in the request's transaction; see
 * pst_server_append_event(). Takes ownership of @data.
 */
gboolean
pst_request_append_event (PstRequest  *self,
                          const char  *type,
                          const char  *office,
                          JsonNode    *data,
                          GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return pst_server_append_event (self->server, type, office, data, error);
}

/* Writes an audit-log entry in the request's transaction, with the caller
 * as the actor. Takes ownership of @detail (or NULL for {}).
 */
gboolean
pst_request_audit (PstRequest  *self,
                   const char  *action,
                   const char  *target_type,
                   const char  *target_id,
                   const char  *office,
                   JsonNode    *detail,
                   GError     **error)
{
  g_autoptr(JsonNode) owned = detail;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *detail_text = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (action != NULL && target_type != NULL, FALSE);

  detail_text = owned != NULL ? pst_json_to_string (owned) : g_strdup ("{}");
  stmt = pst_store_prepare (self->store,
                            "INSERT INTO audit_log (at, actor, action, target_type, target_id,"
                            " office, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->now);
  if (self->principal != NULL)
    sqlite3_bind_text (stmt, 2, self->principal->officer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, target_type, -1, SQLITE_TRANSIENT);
  if (target_id != NULL)
    sqlite3_bind_text (stmt, 5, target_id, -1, SQLITE_TRANSIENT);
  if (office != NULL)
    sqlite3_bind_text (stmt, 6, office, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, detail_text, -1, SQLITE_TRANSIENT);

  return pst_store_step_done (self->store, stmt, error);
}
