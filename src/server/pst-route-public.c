/* pst-route-public.c: what requesters reach without an officer token —
 * opening an online consultation and following its thread.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-consultations.h"

#include "pst-i18n.h"
#include "pst-password.h"
#include "pst-request.h"
#include "pst-routes.h"
#include "pst-server.h"

#include <string.h>

/* Decisions this file makes where API.md leaves room:
 * - POST /public/consultations opens a `web` consultation (WhatsApp and
 *   email threads come through their gateways), refused (422, `office`)
 *   for an office whose channels do not include the web (7325); the requester's name and a
 *   valid email are required, a phone is optional (Indonesian, stored in
 *   E.164). The answer holds the access token once; only its SHA-256 is
 *   stored. What the requester searched is kept with the consultation and
 *   as a row of kb_searches (deflection data).
 * - GET /public/consultations/{id} and POST …/messages need that token as
 *   `Authorization: Bearer`; no token is 401, a wrong one 404 (as for an
 *   unknown consultation). The token grants nothing else: it is not an
 *   officer token, so every other route refuses it.
 * - The requester sees the consultation and its messages without the
 *   officers' IDs and names (`assignee`, `assignee_name`,
 *   `message.officer` and `message.officer_name` are null).
 * - A closed consultation takes no more messages (409); the requester
 *   opens a new one.
 */

#define NAME_MAX_CHARS 200

/* Loads the consultation of the path if the bearer token is its access
 * token. Returns NULL when it answered.
 */
static PstConsultation *
request_consultation (PstRequest *request,
                      gboolean    with_messages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstConsultation) consultation = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *hash = NULL;
  const char *id = pst_request_get_param (request, "id");
  const char *token = pst_request_bearer_token (request->msg);

  if (token == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                    "WWW-Authenticate", "Bearer");
      pst_request_reply_error (request, SOUP_STATUS_UNAUTHORIZED, PST_API_ERROR_UNAUTHORIZED, NULL,
                               _("Give the access token you received with this consultation"));
      return NULL;
    }

  hash = pst_token_hash (token);
  stmt = pst_store_prepare (request->store,
                            "SELECT 1 FROM consultations WHERE id = ?1 AND access_token_hash = ?2",
                            &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, id != NULL ? id : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_row (request->store, stmt, &error))
    {
      if (error != NULL)
        pst_request_reply_gerror (request, error);
      else
        pst_request_reply_not_found (request);
      return NULL;
    }

  consultation = pst_consultation_load (request->server, id, with_messages, request->now, &error);
  if (consultation == NULL)
    {
      pst_request_reply_gerror (request, error);
      return NULL;
    }

  return g_steal_pointer (&consultation);
}

/* The consultation as its requester sees it. */
static JsonNode *
requester_view (PstConsultation *consultation)
{
  g_clear_pointer (&consultation->assignee, g_free);
  g_clear_pointer (&consultation->assignee_name, g_free);
  for (guint i = 0; consultation->messages != NULL && i < consultation->messages->len; i++)
    {
      PstMessage *message = g_ptr_array_index (consultation->messages, i);

      g_clear_pointer (&message->officer, g_free);
      g_clear_pointer (&message->officer_name, g_free);
    }

  return pst_consultation_to_json (consultation);
}

static void
reply_json_error (PstRequest *request,
                  const char *prefix,
                  GError     *error)
{
  if (prefix != NULL)
    pst_json_error_prefix_field (error, prefix);
  pst_request_reply_gerror (request, error);
}

static gboolean
record_search (PstRequest *request,
               const char *office,
               const char *id,
               const char *query,
               const char *viewed_text)
{
  g_autoptr(GError) error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (request->store,
                            "INSERT INTO kb_searches (at, query, lang, office, viewed, consultation)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, request->now);
  if (query != NULL)
    sqlite3_bind_text (stmt, 2, query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pst_lang_to_string (request->lang), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, office, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, viewed_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, id, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_done (request->store, stmt, &error))
    {
      pst_request_reply_gerror (request, error);
      return FALSE;
    }

  return TRUE;
}

/* Whether office @code takes consultations on the web: it does unless it
 * lists its channels without `web` (7325 serves WhatsApp only online).
 * Answers 422 when it does not.
 */
static gboolean
offers_web (PstRequest *request,
            const char *code)
{
  g_autoptr(GError) error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (request->store,
                            "SELECT count (*), coalesce (sum (channel = 'web'), 0)"
                            " FROM office_channels WHERE office = ?1",
                            &error);
  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (stmt == NULL || !pst_store_step_one (request->store, stmt, &error))
    {
      pst_request_reply_gerror (request, error);
      return FALSE;
    }

  if (sqlite3_column_int (stmt, 0) == 0 || sqlite3_column_int (stmt, 1) > 0)
    return TRUE;

  pst_request_reply_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY, PST_API_ERROR_INVALID_FIELD,
                           "office",
                           _("This office does not take consultations on the web; contact it by"
                             " one of its other channels"));
  return FALSE;
}

/* POST /public/consultations */
static void
create_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstConsultationOffice) office = NULL;
  g_autoptr(GPtrArray) viewed = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *office_code = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *query = NULL;
  g_autofree char *viewed_text = NULL;
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *due_text = NULL;
  JsonObject *body;
  JsonObject *requester = NULL;
  JsonObject *kb_searched = NULL;
  JsonObject *answer_obj;
  int category = PST_CATEGORY_OTHER;
  gint64 due;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL ||
      !pst_json_get_string (body, "office", TRUE, &office_code, &error) ||
      !pst_json_get_object (body, "requester", TRUE, &requester, &error) ||
      !pst_json_get_enum (body, "category", TRUE, PST_JSON_ENUM_FROM_STRING (pst_category),
                          &category, &error) ||
      !pst_json_get_object (body, "kb_searched", FALSE, &kb_searched, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  name = pst_consultation_read_body (requester, "name", NAME_MAX_CHARS, &error);
  if (name == NULL ||
      !pst_json_get_string (requester, "email", TRUE, &email, &error) ||
      !pst_json_get_string (requester, "phone", FALSE, &phone, &error))
    {
      reply_json_error (request, "requester", error);
      return;
    }

  {
    g_autofree char *normalized = pst_normalize_email (email, &error);

    if (normalized == NULL)
      {
        pst_request_reply_invalid (request, "requester.email", error);
        return;
      }
    g_free (email);
    email = g_steal_pointer (&normalized);
  }
  if (phone != NULL)
    {
      g_autofree char *normalized = pst_normalize_phone (phone, &error);

      if (normalized == NULL)
        {
          pst_request_reply_invalid (request, "requester.phone", error);
          return;
        }
      g_free (phone);
      phone = g_steal_pointer (&normalized);
    }

  subject = pst_consultation_read_body (body, "subject", PST_CONSULTATION_SUBJECT_MAX_CHARS, &error);
  if (subject == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }
  message = pst_consultation_read_body (body, "message", PST_CONSULTATION_BODY_MAX_CHARS, &error);
  if (message == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (kb_searched != NULL &&
      (!pst_json_get_string (kb_searched, "query", FALSE, &query, &error) ||
       !pst_json_get_string_array (kb_searched, "viewed", FALSE, &viewed, &error)))
    {
      reply_json_error (request, "kb_searched", error);
      return;
    }
  if (kb_searched != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), json_array_new ());

      for (guint i = 0; viewed != NULL && i < viewed->len; i++)
        json_array_add_string_element (json_node_get_array (node), g_ptr_array_index (viewed, i));
      viewed_text = pst_json_to_string (node);
    }

  office = pst_consultation_office_load (request->server, office_code, &error);
  if (office == NULL)
    {
      if (g_error_matches (error, PST_STORE_ERROR, PST_STORE_ERROR_NOT_FOUND))
        pst_request_reply_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                                 PST_API_ERROR_INVALID_FIELD, "office",
                                 _("Choose one of the offices the service lists"));
      else
        pst_request_reply_gerror (request, error);
      return;
    }

  if (!offers_web (request, office->code))
    return;

  id = pst_random_id ("cns");
  token = pst_token_generate ();
  token_hash = pst_token_hash (token);
  due = pst_consultation_first_response_due (office->calendar, office->standard, PST_CHANNEL_WEB,
                                             request->now);

  stmt = pst_store_prepare (request->store,
                            "INSERT INTO consultations (id, office, channel, subject, category,"
                            " status, requester_name, requester_email, requester_phone, created_at,"
                            " updated_at, first_response_due, kb_query, kb_viewed,"
                            " access_token_hash) VALUES (?1, ?2, 'web', ?3, ?4, 'open', ?5, ?6, ?7,"
                            " ?8, ?8, ?9, ?10, ?11, ?12)",
                            &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, office->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, pst_category_to_string (category), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, email, -1, SQLITE_TRANSIENT);
  if (phone != NULL)
    sqlite3_bind_text (stmt, 7, phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, request->now);
  sqlite3_bind_int64 (stmt, 9, due);
  if (query != NULL)
    sqlite3_bind_text (stmt, 10, query, -1, SQLITE_TRANSIENT);
  if (viewed_text != NULL)
    sqlite3_bind_text (stmt, 11, viewed_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, token_hash, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_done (request->store, stmt, &error) ||
      !pst_consultation_add_message (request->server, office, id, PST_AUTHOR_REQUESTER, NULL,
                                     message, NULL, request->now, NULL, &error) ||
      !pst_consultation_emit (request->server, "consultation.created", id, NULL, request->now,
                              &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (kb_searched != NULL &&
      !record_search (request, office->code, id, query, viewed_text))
    return;

  answer = json_node_init_object (json_node_alloc (), json_object_new ());
  answer_obj = json_node_get_object (answer);
  due_text = pst_time_format_rfc3339 (due, NULL);
  json_object_set_string_member (answer_obj, "id", id);
  json_object_set_string_member (answer_obj, "access_token", token);
  json_object_set_string_member (answer_obj, "first_response_due", due_text);
  pst_request_reply_json (request, SOUP_STATUS_CREATED, g_steal_pointer (&answer));
}

/* GET /public/consultations/{id} */
static void
get_cb (PstRequest *request)
{
  g_autoptr(PstConsultation) consultation = request_consultation (request, TRUE);

  if (consultation == NULL)
    return;

  pst_request_reply_json (request, SOUP_STATUS_OK, requester_view (consultation));
}

/* POST /public/consultations/{id}/messages {body} */
static void
message_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstConsultation) consultation = NULL;
  g_autoptr(PstConsultation) updated = NULL;
  g_autoptr(PstConsultationOffice) office = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message_id = NULL;
  JsonObject *body;

  consultation = request_consultation (request, FALSE);
  if (consultation == NULL)
    return;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL ||
      (text = pst_consultation_read_body (body, "body", PST_CONSULTATION_BODY_MAX_CHARS,
                                          &error)) == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (consultation->status == PST_CONSULTATION_STATUS_CLOSED)
    {
      pst_request_reply_error (request, SOUP_STATUS_CONFLICT, PST_API_ERROR_CONFLICT, NULL,
                               _("This consultation is closed; open a new one to ask again"));
      return;
    }

  office = pst_consultation_office_load (request->server, consultation->office, &error);
  if (office == NULL ||
      !pst_consultation_add_message (request->server, office, consultation->id,
                                     PST_AUTHOR_REQUESTER, NULL, text, NULL, request->now,
                                     &message_id, &error) ||
      !pst_consultation_emit (request->server, "message.created", consultation->id, message_id,
                              request->now, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  updated = pst_consultation_load (request->server, consultation->id, TRUE, request->now, &error);
  if (updated == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_request_reply_json (request, SOUP_STATUS_CREATED, requester_view (updated));
}

static const PstRoute routes[] = {
  { "POST", "/public/consultations", create_cb, PST_ACCESS_PUBLIC, PST_ROUTE_NO_REPLAY },
  { "GET", "/public/consultations/{id}", get_cb, PST_ACCESS_PUBLIC },
  { "POST", "/public/consultations/{id}/messages", message_cb, PST_ACCESS_PUBLIC },
};

const PstRoute *
pst_route_public_get_routes (guint *n_routes)
{
  g_return_val_if_fail (n_routes != NULL, NULL);

  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
