/* pst-route-consultations.c: consultations as officers work them — lists,
 * threads, claiming, assigning, closing, follow-ups.
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

#include <stdlib.h>
#include <string.h>

/* Decisions this file makes where API.md leaves room:
 * - Statuses: a new consultation is `open`; an officer message makes it
 *   `awaiting_requester` (and starts the idle-close clock), a requester
 *   message makes an answered one `awaiting_officer`. A closed one takes
 *   no messages (409) until it is reopened; reopening makes it
 *   `awaiting_officer`.
 * - `sla.state` is computed when answering, from the first-response clock
 *   (pst-consultation-rules.h); the `sla_state` column holds the last state
 *   the scheduler announced with sla.warning / sla.breached.
 * - GET /consultations lists the consultations that are not closed unless
 *   `status=` (a comma list) says otherwise; `assignee` defaults to `any`.
 *   Most urgent first: unanswered by first-response due, then those
 *   awaiting an officer, then those awaiting the requester; `cursor` is an
 *   opaque position in that order.
 * - Writes answer with the consultation and its messages. message.created
 *   carries the consultation with the new message in `message`.
 * - Names travel with the ids, so every desk can show them (officers may
 *   not list the office's accounts): `assignee_name` beside `assignee`,
 *   `officer_name` beside a message's `officer`, and `sla.first_response_at`
 *   so a desk can sort as the list does.
 * - POST /consultations records `walk_in` and `phone` threads only (online
 *   ones come from the requester); the recording officer is the assignee.
 * - Claiming one's own consultation again is 200; a closed one is 409.
 * - Assigning needs an active officer or supervisor of the office; the
 *   audit entry `consultation.assign` has {from, to, note}.
 * - A follow-up is in the future; Zoom needs an https link.
 */

/* Store helpers. */

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static gint64
column_instant (sqlite3_stmt *stmt,
                int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return PST_TIME_UNSET;

  return sqlite3_column_int64 (stmt, column);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, PST_STORE_ERROR, PST_STORE_ERROR_NOT_FOUND, "no such consultation");
}

void
pst_consultation_office_free (PstConsultationOffice *office)
{
  if (office == NULL)
    return;

  g_free (office->code);
  g_clear_object (&office->calendar);
  g_clear_pointer (&office->standard, pst_standard_free);
  g_free (office);
}

/* The calendar and standard of office @code; PST_STORE_ERROR_NOT_FOUND
 * for an unknown office.
 */
PstConsultationOffice *
pst_consultation_office_load (PstServer   *server,
                              const char  *code,
                              GError     **error)
{
  g_autoptr(PstConsultationOffice) office = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  PstStore *store;
  PstCalendar *calendar;

  g_return_val_if_fail (PST_IS_SERVER (server), NULL);

  if (code == NULL)
    {
      set_not_found (error);
      return NULL;
    }

  store = pst_server_get_store (server);
  stmt = pst_store_prepare (store,
                            "SELECT web_response_working_days,"
                            " coalesce (whatsapp_first_response_working_days, 0),"
                            " coalesce (email_response_working_days, 0), idle_close_amount,"
                            " idle_close_unit FROM offices WHERE code = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, code);
  if (!pst_store_step_one (store, stmt, error))
    return NULL;

  calendar = pst_server_get_calendar (server, code, error);
  if (calendar == NULL)
    return NULL;

  office = g_new0 (PstConsultationOffice, 1);
  office->code = g_strdup (code);
  office->calendar = g_object_ref (calendar);
  office->standard = pst_standard_new ();
  office->standard->web_response_working_days = sqlite3_column_int (stmt, 0);
  office->standard->whatsapp_first_response_working_days = sqlite3_column_int (stmt, 1);
  office->standard->email_response_working_days = sqlite3_column_int (stmt, 2);
  office->standard->idle_close_amount = sqlite3_column_int (stmt, 3);
  if (!pst_duration_unit_from_string (pst_store_column_text (stmt, 4),
                                      &office->standard->idle_close_unit))
    office->standard->idle_close_unit = PST_DURATION_UNIT_DAYS;

  return g_steal_pointer (&office);
}

#define CONSULTATION_COLUMNS \
  "c.id, c.office, c.channel, c.subject, c.category, c.status, c.resolution, c.requester_name," \
  " c.requester_email, c.requester_phone, c.assignee, c.created_at, c.first_response_due," \
  " c.first_response_at, c.idle_close_at, c.kb_query, c.kb_viewed, c.follow_up_mode," \
  " c.follow_up_at, c.follow_up_link, c.last_message_at," \
  " (SELECT o.name FROM officers o WHERE o.id = c.assignee)"

static PstConsultation *
consultation_from_statement (PstServer    *server,
                             sqlite3_stmt *stmt,
                             gint64        now)
{
  g_autoptr(PstConsultation) consultation = pst_consultation_new ();
  PstCalendar *calendar;
  gint64 first_response_at;
  const char *text;
  int value;

  consultation->id = g_strdup (pst_store_column_text (stmt, 0));
  consultation->office = g_strdup (pst_store_column_text (stmt, 1));
  if (pst_channel_from_string (pst_store_column_text (stmt, 2), (PstChannel *) &value))
    consultation->channel = value;
  consultation->subject = g_strdup (pst_store_column_text (stmt, 3));
  if (pst_category_from_string (pst_store_column_text (stmt, 4), (PstCategory *) &value))
    consultation->category = value;
  if (pst_consultation_status_from_string (pst_store_column_text (stmt, 5),
                                           (PstConsultationStatus *) &value))
    consultation->status = value;
  text = pst_store_column_text (stmt, 6);
  if (text != NULL && pst_resolution_from_string (text, (PstResolution *) &value))
    {
      consultation->has_resolution = TRUE;
      consultation->resolution = value;
    }
  if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
    consultation->requester = pst_requester_new (pst_store_column_text (stmt, 7),
                                                 pst_store_column_text (stmt, 8),
                                                 pst_store_column_text (stmt, 9));
  consultation->assignee = g_strdup (pst_store_column_text (stmt, 10));
  consultation->assignee_name = g_strdup (pst_store_column_text (stmt, 21));
  consultation->created_at = sqlite3_column_int64 (stmt, 11);

  consultation->sla = pst_sla_new ();
  consultation->sla->first_response_due = sqlite3_column_int64 (stmt, 12);
  first_response_at = column_instant (stmt, 13);
  consultation->sla->first_response_at = first_response_at;
  consultation->sla->idle_close_at = column_instant (stmt, 14);
  consultation->sla->state = PST_BADGE_OK;
  calendar = pst_server_get_calendar (server, consultation->office, NULL);
  if (calendar != NULL)
    consultation->sla->state = pst_consultation_sla_state (calendar, consultation->status,
                                                           consultation->created_at,
                                                           consultation->sla->first_response_due,
                                                           first_response_at, now);

  if (sqlite3_column_type (stmt, 15) != SQLITE_NULL || sqlite3_column_type (stmt, 16) != SQLITE_NULL)
    {
      g_autoptr(JsonNode) viewed = NULL;

      consultation->kb_searched = pst_kb_searched_new (pst_store_column_text (stmt, 15));
      text = pst_store_column_text (stmt, 16);
      if (text != NULL)
        viewed = pst_json_parse (text, -1, NULL);
      if (viewed != NULL && JSON_NODE_HOLDS_ARRAY (viewed))
        {
          JsonArray *array = json_node_get_array (viewed);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              const char *article = json_array_get_string_element (array, i);

              if (article != NULL)
                g_ptr_array_add (consultation->kb_searched->viewed, g_strdup (article));
            }
        }
    }

  if (sqlite3_column_type (stmt, 17) != SQLITE_NULL &&
      pst_follow_up_mode_from_string (pst_store_column_text (stmt, 17), (PstFollowUpMode *) &value))
    consultation->follow_up = pst_follow_up_new (value, sqlite3_column_int64 (stmt, 18),
                                                 pst_store_column_text (stmt, 19));
  consultation->last_message_at = column_instant (stmt, 20);

  return g_steal_pointer (&consultation);
}

static gboolean
load_messages (PstStore         *store,
               PstConsultation  *consultation,
               GError          **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store,
                            "SELECT m.id, m.author, m.officer, m.body, m.kb_article_ids, m.at,"
                            " o.name FROM messages m LEFT JOIN officers o ON o.id = m.officer"
                            " WHERE m.consultation = ?1 ORDER BY m.at, m.rowid",
                            error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, consultation->id);
  consultation->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_message_free);
  while (pst_store_step_row (store, stmt, error))
    {
      g_autoptr(PstMessage) message = pst_message_new ();
      g_autoptr(JsonNode) ids = NULL;
      PstAuthor author;

      message->id = g_strdup (pst_store_column_text (stmt, 0));
      message->consultation = g_strdup (consultation->id);
      if (pst_author_from_string (pst_store_column_text (stmt, 1), &author))
        message->author = author;
      message->officer = g_strdup (pst_store_column_text (stmt, 2));
      message->officer_name = g_strdup (pst_store_column_text (stmt, 6));
      message->body = g_strdup (pst_store_column_text (stmt, 3));
      ids = pst_json_parse (pst_store_column_text (stmt, 4), -1, NULL);
      if (ids != NULL && JSON_NODE_HOLDS_ARRAY (ids))
        {
          JsonArray *array = json_node_get_array (ids);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              const char *article = json_array_get_string_element (array, i);

              if (article != NULL)
                g_ptr_array_add (message->kb_article_ids, g_strdup (article));
            }
        }
      message->at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (consultation->messages, g_steal_pointer (&message));
    }

  return error == NULL || *error == NULL;
}

/* Loads consultation @id (with its messages when asked), its badge as of
 * @now. PST_STORE_ERROR_NOT_FOUND when there is none.
 */
PstConsultation *
pst_consultation_load (PstServer   *server,
                       const char  *id,
                       gboolean     with_messages,
                       gint64       now,
                       GError     **error)
{
  g_autoptr(PstConsultation) consultation = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  PstStore *store;

  g_return_val_if_fail (PST_IS_SERVER (server), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  store = pst_server_get_store (server);
  stmt = pst_store_prepare (store,
                            "SELECT " CONSULTATION_COLUMNS " FROM consultations c WHERE c.id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, id);
  if (!pst_store_step_one (store, stmt, error))
    return NULL;

  consultation = consultation_from_statement (server, stmt, now);
  if (with_messages && !load_messages (store, consultation, error))
    return NULL;

  return g_steal_pointer (&consultation);
}

static char *
ids_to_json_text (GPtrArray *ids)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), json_array_new ());
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (ids, i));

  return pst_json_to_string (node);
}

/* Adds a message to consultation @id in the open transaction and moves the
 * consultation on: an officer's answer makes it wait for the requester
 * (first response, idle-close clock), the requester's reply makes an
 * answered one wait for an officer. A system message changes nothing else.
 */
gboolean
pst_consultation_add_message (PstServer              *server,
                              PstConsultationOffice  *office,
                              const char             *id,
                              PstAuthor               author,
                              const char             *officer,
                              const char             *body,
                              GPtrArray              *kb_article_ids,
                              gint64                  now,
                              char                  **out_message_id,
                              GError                **error)
{
  g_auto(PstStoreStatement) insert = NULL;
  g_auto(PstStoreStatement) update = NULL;
  g_autofree char *message_id = pst_random_id ("msg");
  g_autofree char *ids_text = ids_to_json_text (kb_article_ids);
  PstStore *store;

  g_return_val_if_fail (PST_IS_SERVER (server), FALSE);
  g_return_val_if_fail (office != NULL && id != NULL && body != NULL, FALSE);

  store = pst_server_get_store (server);
  insert = pst_store_prepare (store,
                              "INSERT INTO messages (id, consultation, author, officer, body,"
                              " kb_article_ids, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              error);
  if (insert == NULL)
    return FALSE;

  bind_text (insert, 1, message_id);
  bind_text (insert, 2, id);
  bind_text (insert, 3, pst_author_to_string (author));
  bind_text (insert, 4, author == PST_AUTHOR_OFFICER ? officer : NULL);
  bind_text (insert, 5, body);
  bind_text (insert, 6, ids_text);
  sqlite3_bind_int64 (insert, 7, now);
  if (!pst_store_step_done (store, insert, error))
    return FALSE;

  switch (author)
    {
    case PST_AUTHOR_OFFICER:
      update = pst_store_prepare (store,
                                  "UPDATE consultations SET status = 'awaiting_requester',"
                                  " first_response_at = coalesce (first_response_at, ?2),"
                                  " idle_close_at = ?3, sla_state = 'ok', last_message_at = ?2,"
                                  " updated_at = ?2 WHERE id = ?1",
                                  error);
      if (update == NULL)
        return FALSE;
      sqlite3_bind_int64 (update, 3,
                          pst_consultation_idle_close_for_status (office->calendar, office->standard,
                                                                  PST_CONSULTATION_STATUS_AWAITING_REQUESTER,
                                                                  now, PST_TIME_UNSET));
      break;

    case PST_AUTHOR_REQUESTER:
      update = pst_store_prepare (store,
                                  "UPDATE consultations SET status = CASE status WHEN 'open' THEN"
                                  " 'open' ELSE 'awaiting_officer' END, idle_close_at = NULL,"
                                  " last_message_at = ?2, updated_at = ?2 WHERE id = ?1",
                                  error);
      break;

    case PST_AUTHOR_SYSTEM:
    case PST_N_AUTHORS:
    default:
      update = pst_store_prepare (store,
                                  "UPDATE consultations SET last_message_at = ?2, updated_at = ?2"
                                  " WHERE id = ?1",
                                  error);
      break;
    }

  if (update == NULL)
    return FALSE;

  bind_text (update, 1, id);
  sqlite3_bind_int64 (update, 2, now);
  if (!pst_store_step_done (store, update, error))
    return FALSE;

  if (out_message_id != NULL)
    *out_message_id = g_steal_pointer (&message_id);

  return TRUE;
}

/* Appends event @type with consultation @id (and message @message_id in
 * `message`, when not NULL) in the open transaction.
 */
gboolean
pst_consultation_emit (PstServer   *server,
                       const char  *type,
                       const char  *id,
                       const char  *message_id,
                       gint64       now,
                       GError     **error)
{
  g_autoptr(PstConsultation) consultation = NULL;
  JsonNode *node;

  g_return_val_if_fail (PST_IS_SERVER (server), FALSE);

  consultation = pst_consultation_load (server, id, message_id != NULL, now, error);
  if (consultation == NULL)
    return FALSE;

  if (message_id != NULL)
    {
      JsonNode *found = NULL;

      for (guint i = 0; i < consultation->messages->len; i++)
        {
          PstMessage *message = g_ptr_array_index (consultation->messages, i);

          if (found == NULL && g_strcmp0 (message->id, message_id) == 0)
            found = pst_message_to_json (message);
        }
      g_clear_pointer (&consultation->messages, g_ptr_array_unref);
      node = pst_consultation_to_json (consultation);
      if (found != NULL)
        json_object_set_member (json_node_get_object (node), "message", found);
    }
  else
    node = pst_consultation_to_json (consultation);

  return pst_server_append_event (server, type, consultation->office, node, error);
}

/* Reads a required text member, trimmed, 1 to @max_chars characters. */
char *
pst_consultation_read_body (JsonObject  *obj,
                            const char  *member,
                            int          max_chars,
                            GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (obj != NULL && member != NULL, NULL);

  if (!pst_json_get_string (obj, member, TRUE, &text, error))
    return NULL;

  g_strstrip (text);
  if (*text == '\0' || g_utf8_strlen (text, -1) > max_chars)
    {
      /* Translators: %d is a number of characters. */
      g_set_error (error, PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD,
                   _("Write 1 to %d characters here"), max_chars);
      pst_json_error_prefix_field (*error, member);
      return NULL;
    }

  return g_steal_pointer (&text);
}

/* Request helpers. */

static void
reply_invalid_message (PstRequest *request,
                       const char *field,
                       const char *message)
{
  pst_request_reply_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY, PST_API_ERROR_INVALID_FIELD,
                           field, message);
}

static void
reply_conflict (PstRequest *request,
                const char *message)
{
  pst_request_reply_error (request, SOUP_STATUS_CONFLICT, PST_API_ERROR_CONFLICT, NULL, message);
}

/* Loads the consultation of the path and checks the caller may act on its
 * office (404 otherwise). Returns NULL when it answered.
 */
static PstConsultation *
request_consultation (PstRequest *request,
                      gboolean    with_messages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstConsultation) consultation = NULL;
  const char *id = pst_request_get_param (request, "id");

  if (id == NULL)
    {
      pst_request_reply_not_found (request);
      return NULL;
    }

  consultation = pst_consultation_load (request->server, id, with_messages, request->now, &error);
  if (consultation == NULL)
    {
      pst_request_reply_gerror (request, error);
      return NULL;
    }

  if (!pst_request_authorize_office (request, consultation->office))
    return NULL;

  return g_steal_pointer (&consultation);
}

static PstConsultationOffice *
request_office (PstRequest *request,
                const char *code)
{
  g_autoptr(GError) error = NULL;
  PstConsultationOffice *office;

  office = pst_consultation_office_load (request->server, code, &error);
  if (office == NULL)
    pst_request_reply_gerror (request, error);

  return office;
}

/* Appends @type's event (when not NULL) and answers with consultation @id
 * and its messages.
 */
static void
answer (PstRequest *request,
        const char *id,
        const char *type,
        const char *message_id,
        guint       status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstConsultation) consultation = NULL;

  if (type != NULL &&
      !pst_consultation_emit (request->server, type, id, message_id, request->now, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  consultation = pst_consultation_load (request->server, id, TRUE, request->now, &error);
  if (consultation == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_request_reply_json (request, status, pst_consultation_to_json (consultation));
}

static gboolean
step_update (PstRequest   *request,
             sqlite3_stmt *stmt)
{
  g_autoptr(GError) error = NULL;

  if (stmt != NULL && pst_store_step_done (request->store, stmt, &error))
    return TRUE;

  if (error == NULL)
    g_set_error_literal (&error, PST_ERROR, PST_ERROR_FAILED, "cannot prepare the update");
  pst_request_reply_gerror (request, error);
  return FALSE;
}

/* Handlers. */

/* GET /consultations?office=&status=&assignee=&limit=&cursor= */
static void
list_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT " CONSULTATION_COLUMNS
                                         " FROM consultations c WHERE c.office = ?1");
  g_auto(PstStoreStatement) stmt = NULL;
  g_autoptr(JsonNode) result = json_node_init_object (json_node_alloc (), json_object_new ());
  g_auto(GStrv) statuses = NULL;
  JsonArray *items = json_array_new ();
  const char *status_param = pst_request_get_query (request, "status");
  const char *assignee = pst_request_get_query (request, "assignee");
  const char *cursor = pst_request_get_query (request, "cursor");
  const char *assignee_id = NULL;
  guint limit = 50;
  guint64 offset = 0;
  guint count = 0;
  gboolean more = FALSE;

  json_object_set_array_member (json_node_get_object (result), "items", items);

  if (!pst_request_get_limit (request, &limit, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (cursor != NULL && !g_ascii_string_to_unsigned (cursor, 10, 0, G_MAXUINT32, &offset, NULL))
    {
      reply_invalid_message (request, "cursor", _("Use the cursor of the previous page"));
      return;
    }

  if (status_param != NULL && *status_param != '\0')
    {
      statuses = g_strsplit (status_param, ",", -1);
      g_string_append (sql, " AND c.status IN (");
      for (guint i = 0; statuses[i] != NULL; i++)
        {
          PstConsultationStatus status;

          if (!pst_consultation_status_from_string (statuses[i], &status))
            {
              reply_invalid_message (request, "status",
                                     _("Use open, awaiting_officer, awaiting_requester or closed"));
              return;
            }
          g_string_append_printf (sql, "%s'%s'", i > 0 ? ", " : "",
                                  pst_consultation_status_to_string (status));
        }
      g_string_append (sql, ")");
    }
  else
    g_string_append (sql, " AND c.status <> 'closed'");

  if (assignee == NULL || strcmp (assignee, "any") == 0)
    ;
  else if (strcmp (assignee, "unassigned") == 0)
    g_string_append (sql, " AND c.assignee IS NULL");
  else
    {
      assignee_id = strcmp (assignee, "me") == 0 ? request->principal->officer_id : assignee;
      g_string_append (sql, " AND c.assignee = ?2");
    }

  g_string_append (sql,
                   " ORDER BY c.status = 'closed', c.first_response_at IS NOT NULL,"
                   " c.status = 'awaiting_requester', c.first_response_due, c.last_message_at,"
                   " c.id LIMIT ?3 OFFSET ?4");

  stmt = pst_store_prepare (request->store, sql->str, &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  bind_text (stmt, 1, request->office);
  if (assignee_id != NULL)
    bind_text (stmt, 2, assignee_id);
  sqlite3_bind_int64 (stmt, 3, (gint64) limit + 1);
  sqlite3_bind_int64 (stmt, 4, (gint64) offset);

  while (pst_store_step_row (request->store, stmt, &error))
    {
      g_autoptr(PstConsultation) consultation = NULL;

      if (count == limit)
        {
          more = TRUE;
          break;
        }
      consultation = consultation_from_statement (request->server, stmt, request->now);
      json_array_add_element (items, pst_consultation_to_json (consultation));
      count++;
    }
  if (error != NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (more)
    {
      g_autofree char *next = g_strdup_printf ("%" G_GUINT64_FORMAT, offset + count);

      json_object_set_string_member (json_node_get_object (result), "next_cursor", next);
    }
  else
    json_object_set_null_member (json_node_get_object (result), "next_cursor");

  pst_request_reply_json (request, SOUP_STATUS_OK, g_steal_pointer (&result));
}

/* GET /consultations/{id} */
static void
get_cb (PstRequest *request)
{
  g_autoptr(PstConsultation) consultation = request_consultation (request, TRUE);

  if (consultation == NULL)
    return;

  pst_request_reply_json (request, SOUP_STATUS_OK, pst_consultation_to_json (consultation));
}

/* POST /consultations: a walk-in or phone consultation an officer records. */
static void
create_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstConsultationOffice) office = NULL;
  g_autoptr(PstRequester) requester = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *office_code = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *id = NULL;
  g_autofree char *message_id = NULL;
  JsonObject *body;
  JsonObject *requester_obj = NULL;
  int channel = PST_CHANNEL_WALK_IN;
  int category = PST_CATEGORY_OTHER;
  gint64 due;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL ||
      !pst_json_get_string (body, "office", FALSE, &office_code, &error) ||
      !pst_json_get_enum (body, "channel", TRUE, PST_JSON_ENUM_FROM_STRING (pst_channel),
                          &channel, &error) ||
      !pst_json_get_enum (body, "category", FALSE, PST_JSON_ENUM_FROM_STRING (pst_category),
                          &category, &error) ||
      !pst_json_get_object (body, "requester", TRUE, &requester_obj, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (channel != PST_CHANNEL_WALK_IN && channel != PST_CHANNEL_PHONE)
    {
      reply_invalid_message (request, "channel",
                             _("Record walk-in or phone consultations here; online ones come from the requester"));
      return;
    }

  if (office_code == NULL)
    office_code = g_strdup (request->principal->office);
  if (office_code == NULL)
    {
      reply_invalid_message (request, "office", _("Choose an office"));
      return;
    }
  if (!pst_request_authorize_named_office (request, office_code))
    return;

  subject = pst_consultation_read_body (body, "subject", PST_CONSULTATION_SUBJECT_MAX_CHARS, &error);
  if (subject == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }
  if (pst_json_has_member (body, "message"))
    {
      message = pst_consultation_read_body (body, "message", PST_CONSULTATION_BODY_MAX_CHARS, &error);
      if (message == NULL)
        {
          pst_request_reply_gerror (request, error);
          return;
        }
    }

  name = pst_consultation_read_body (requester_obj, "name", 200, &error);
  if (name == NULL ||
      !pst_json_get_string (requester_obj, "email", FALSE, &email, &error) ||
      !pst_json_get_string (requester_obj, "phone", FALSE, &phone, &error))
    {
      pst_json_error_prefix_field (error, "requester");
      pst_request_reply_gerror (request, error);
      return;
    }
  if (email != NULL)
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

  office = request_office (request, office_code);
  if (office == NULL)
    return;

  id = pst_random_id ("cns");
  due = pst_consultation_first_response_due (office->calendar, office->standard, channel,
                                             request->now);
  stmt = pst_store_prepare (request->store,
                            "INSERT INTO consultations (id, office, channel, subject, category,"
                            " status, requester_name, requester_email, requester_phone, assignee,"
                            " created_at, updated_at, first_response_due, last_message_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7, ?8, ?9, ?10, ?10, ?11,"
                            " NULL)",
                            &error);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, id);
      bind_text (stmt, 2, office->code);
      bind_text (stmt, 3, pst_channel_to_string (channel));
      bind_text (stmt, 4, subject);
      bind_text (stmt, 5, pst_category_to_string (category));
      bind_text (stmt, 6, name);
      bind_text (stmt, 7, email);
      bind_text (stmt, 8, phone);
      bind_text (stmt, 9, request->principal->role == PST_ROLE_ADMIN ? NULL
                                                                     : request->principal->officer_id);
      sqlite3_bind_int64 (stmt, 10, request->now);
      sqlite3_bind_int64 (stmt, 11, due);
    }
  if (!step_update (request, stmt))
    return;

  if (message != NULL &&
      !pst_consultation_add_message (request->server, office, id, PST_AUTHOR_REQUESTER, NULL, message,
                                     NULL, request->now, &message_id, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  answer (request, id, "consultation.created", NULL, SOUP_STATUS_CREATED);
}

/* POST /consultations/{id}/messages {body, kb_article_ids?[]} */
static void
message_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstConsultation) consultation = NULL;
  g_autoptr(PstConsultationOffice) office = NULL;
  g_autoptr(GPtrArray) kb_ids = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message_id = NULL;
  JsonObject *body;

  consultation = request_consultation (request, FALSE);
  if (consultation == NULL)
    return;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL ||
      (text = pst_consultation_read_body (body, "body", PST_CONSULTATION_BODY_MAX_CHARS,
                                          &error)) == NULL ||
      !pst_json_get_string_array (body, "kb_article_ids", FALSE, &kb_ids, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (consultation->status == PST_CONSULTATION_STATUS_CLOSED)
    {
      reply_conflict (request, _("This consultation is closed; reopen it first"));
      return;
    }

  office = request_office (request, consultation->office);
  if (office == NULL)
    return;

  if (!pst_consultation_add_message (request->server, office, consultation->id, PST_AUTHOR_OFFICER,
                                     request->principal->officer_id, text, kb_ids, request->now,
                                     &message_id, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  answer (request, consultation->id, "message.created", message_id, SOUP_STATUS_CREATED);
}

/* POST /consultations/{id}/claim */
static void
claim_cb (PstRequest *request)
{
  g_autoptr(PstConsultation) consultation = request_consultation (request, FALSE);
  g_auto(PstStoreStatement) stmt = NULL;

  if (consultation == NULL)
    return;

  if (consultation->status == PST_CONSULTATION_STATUS_CLOSED)
    {
      reply_conflict (request, _("This consultation is closed; reopen it first"));
      return;
    }

  if (g_strcmp0 (consultation->assignee, request->principal->officer_id) == 0)
    {
      answer (request, consultation->id, NULL, NULL, SOUP_STATUS_OK);
      return;
    }

  stmt = pst_store_prepare (request->store,
                            "UPDATE consultations SET assignee = ?2, updated_at = ?3"
                            " WHERE id = ?1 AND assignee IS NULL",
                            NULL);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, consultation->id);
      bind_text (stmt, 2, request->principal->officer_id);
      sqlite3_bind_int64 (stmt, 3, request->now);
    }
  if (!step_update (request, stmt))
    return;

  if (pst_store_changes (request->store) == 0)
    {
      reply_conflict (request, _("Another officer has already taken this consultation"));
      return;
    }

  answer (request, consultation->id, "consultation.assigned", NULL, SOUP_STATUS_OK);
}

/* POST /consultations/{id}/assign {officer, note?} */
static void
assign_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstConsultation) consultation = NULL;
  g_auto(PstStoreStatement) check = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autoptr(JsonNode) detail = NULL;
  g_autofree char *officer = NULL;
  g_autofree char *note = NULL;
  JsonObject *body;
  JsonObject *detail_obj;

  consultation = request_consultation (request, FALSE);
  if (consultation == NULL)
    return;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL ||
      !pst_json_get_string (body, "officer", TRUE, &officer, &error) ||
      !pst_json_get_string (body, "note", FALSE, &note, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }
  if (note != NULL && g_utf8_strlen (note, -1) > 500)
    {
      /* Translators: %d is a number of characters. */
      g_autofree char *message = g_strdup_printf (_("Write 1 to %d characters here"), 500);

      reply_invalid_message (request, "note", message);
      return;
    }

  if (consultation->status == PST_CONSULTATION_STATUS_CLOSED)
    {
      reply_conflict (request, _("This consultation is closed; reopen it first"));
      return;
    }

  check = pst_store_prepare (request->store,
                             "SELECT 1 FROM officers WHERE id = ?1 AND office = ?2 AND disabled = 0"
                             " AND role IN ('officer', 'supervisor')",
                             &error);
  if (check == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }
  bind_text (check, 1, officer);
  bind_text (check, 2, consultation->office);
  if (!pst_store_step_row (request->store, check, &error))
    {
      if (error != NULL)
        pst_request_reply_gerror (request, error);
      else
        reply_invalid_message (request, "officer",
                               _("Choose an active officer or supervisor of this office"));
      return;
    }

  stmt = pst_store_prepare (request->store,
                            "UPDATE consultations SET assignee = ?2, updated_at = ?3 WHERE id = ?1",
                            NULL);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, consultation->id);
      bind_text (stmt, 2, officer);
      sqlite3_bind_int64 (stmt, 3, request->now);
    }
  if (!step_update (request, stmt))
    return;

  detail = json_node_init_object (json_node_alloc (), json_object_new ());
  detail_obj = json_node_get_object (detail);
  if (consultation->assignee != NULL)
    json_object_set_string_member (detail_obj, "from", consultation->assignee);
  else
    json_object_set_null_member (detail_obj, "from");
  json_object_set_string_member (detail_obj, "to", officer);
  if (note != NULL)
    json_object_set_string_member (detail_obj, "note", note);
  else
    json_object_set_null_member (detail_obj, "note");

  if (!pst_request_audit (request, "consultation.assign", "consultation", consultation->id,
                          consultation->office, g_steal_pointer (&detail), &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  answer (request, consultation->id, "consultation.assigned", NULL, SOUP_STATUS_OK);
}

/* POST /consultations/{id}/close {resolution} */
static void
close_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstConsultation) consultation = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  JsonObject *body;
  int resolution = PST_RESOLUTION_ANSWERED;

  consultation = request_consultation (request, FALSE);
  if (consultation == NULL)
    return;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL ||
      !pst_json_get_enum (body, "resolution", TRUE, PST_JSON_ENUM_FROM_STRING (pst_resolution),
                          &resolution, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (consultation->status == PST_CONSULTATION_STATUS_CLOSED)
    {
      reply_conflict (request, _("This consultation is already closed"));
      return;
    }

  stmt = pst_store_prepare (request->store,
                            "UPDATE consultations SET status = 'closed', resolution = ?2,"
                            " closed_at = ?3, idle_close_at = NULL, updated_at = ?3 WHERE id = ?1",
                            NULL);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, consultation->id);
      bind_text (stmt, 2, pst_resolution_to_string (resolution));
      sqlite3_bind_int64 (stmt, 3, request->now);
    }
  if (!step_update (request, stmt))
    return;

  answer (request, consultation->id, "consultation.closed", NULL, SOUP_STATUS_OK);
}

/* POST /consultations/{id}/reopen */
static void
reopen_cb (PstRequest *request)
{
  g_autoptr(PstConsultation) consultation = request_consultation (request, FALSE);
  g_auto(PstStoreStatement) stmt = NULL;

  if (consultation == NULL)
    return;

  if (consultation->status != PST_CONSULTATION_STATUS_CLOSED)
    {
      reply_conflict (request, _("This consultation is not closed"));
      return;
    }

  stmt = pst_store_prepare (request->store,
                            "UPDATE consultations SET status = 'awaiting_officer', resolution = NULL,"
                            " closed_at = NULL, idle_close_at = NULL, updated_at = ?2 WHERE id = ?1",
                            NULL);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, consultation->id);
      sqlite3_bind_int64 (stmt, 2, request->now);
    }
  if (!step_update (request, stmt))
    return;

  answer (request, consultation->id, "consultation.reopened", NULL, SOUP_STATUS_OK);
}

/* POST /consultations/{id}/follow-up {mode, at, link?} */
static void
follow_up_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstConsultation) consultation = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *link = NULL;
  JsonObject *body;
  int mode = PST_FOLLOW_UP_IN_PERSON;
  gint64 at = PST_TIME_UNSET;

  consultation = request_consultation (request, FALSE);
  if (consultation == NULL)
    return;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL ||
      !pst_json_get_enum (body, "mode", TRUE, PST_JSON_ENUM_FROM_STRING (pst_follow_up_mode),
                          &mode, &error) ||
      !pst_json_get_instant (body, "at", TRUE, &at, &error) ||
      !pst_json_get_string (body, "link", FALSE, &link, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (at <= request->now)
    {
      reply_invalid_message (request, "at", _("Plan the follow-up for a time still to come"));
      return;
    }

  if (mode == PST_FOLLOW_UP_ZOOM &&
      (link == NULL || !g_str_has_prefix (link, "https://") || strlen (link) > 500))
    {
      reply_invalid_message (request, "link", _("Give the meeting's https:// link"));
      return;
    }
  if (mode == PST_FOLLOW_UP_IN_PERSON)
    g_clear_pointer (&link, g_free);

  if (consultation->status == PST_CONSULTATION_STATUS_CLOSED)
    {
      reply_conflict (request, _("This consultation is closed; reopen it first"));
      return;
    }

  stmt = pst_store_prepare (request->store,
                            "UPDATE consultations SET follow_up_mode = ?2, follow_up_at = ?3,"
                            " follow_up_link = ?4, updated_at = ?5 WHERE id = ?1",
                            NULL);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, consultation->id);
      bind_text (stmt, 2, pst_follow_up_mode_to_string (mode));
      sqlite3_bind_int64 (stmt, 3, at);
      bind_text (stmt, 4, link);
      sqlite3_bind_int64 (stmt, 5, request->now);
    }
  if (!step_update (request, stmt))
    return;

  answer (request, consultation->id, "consultation.updated", NULL, SOUP_STATUS_OK);
}

static const PstRoute routes[] = {
  { "GET", "/consultations", list_cb,
    PST_ACCESS (PST_ROLES_STAFF, QUERY, "office") },
  { "POST", "/consultations", create_cb,
    PST_ACCESS (PST_ROLES_STAFF, NONE, NULL) },
  { "GET", "/consultations/{id}", get_cb,
    PST_ACCESS (PST_ROLES_STAFF, RESOURCE, NULL) },
  { "POST", "/consultations/{id}/messages", message_cb,
    PST_ACCESS (PST_ROLES_STAFF, RESOURCE, NULL) },
  { "POST", "/consultations/{id}/claim", claim_cb,
    PST_ACCESS (PST_ROLES_STAFF, RESOURCE, NULL) },
  { "POST", "/consultations/{id}/assign", assign_cb,
    PST_ACCESS (PST_ROLES_SUPERVISOR, RESOURCE, NULL) },
  { "POST", "/consultations/{id}/close", close_cb,
    PST_ACCESS (PST_ROLES_STAFF, RESOURCE, NULL) },
  { "POST", "/consultations/{id}/reopen", reopen_cb,
    PST_ACCESS (PST_ROLES_STAFF, RESOURCE, NULL) },
  { "POST", "/consultations/{id}/follow-up", follow_up_cb,
    PST_ACCESS (PST_ROLES_STAFF, RESOURCE, NULL) },
};

const PstRoute *
pst_route_consultations_get_routes (guint *n_routes)
{
  g_return_val_if_fail (n_routes != NULL, NULL);

  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
