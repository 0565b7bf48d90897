/* pst-route-queue.c: the walk-in queue — tickets, calls, guest book.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-queue.h"

#include "pst-i18n.h"
#include "pst-password.h"
#include "pst-request.h"
#include "pst-routes.h"
#include "pst-server.h"

#include <sodium.h>
#include <stdio.h>

/* The queue of an office is its tickets of one local service day per
 * service (K-001, K-002… for consultations, P-001… for the library).
 *
 * Every operation runs inside the transaction the dispatcher opened for
 * the request, on the main loop: numbering takes MAX (seq) + 1 and
 * call-next claims the oldest waiting ticket with a single UPDATE, so two
 * officers never get the same ticket and no number is given twice (the
 * UNIQUE (office, service, service_date, seq) constraint stands behind
 * both).
 *
 * Decisions this file makes where API.md leaves room:
 * - Answers and events carry the ticket as the codec writes it plus
 *   `has_guest_book`, `transferred_from`, `transferred_to` and
 *   `session_due` (started_at + the office's session limit, or null).
 * - Personal data never goes into an event: events are kept in the change
 *   log (outside the guest book's retention) and reach kiosks, so their
 *   ticket has `guest_book: null`; clients read it with GET /tickets/ID.
 *   Kiosks get tickets without the guest book in answers too.
 * - POST /offices/C/tickets answers once with `access_token`, the secret
 *   printed on the ticket for rating the service (only its hash is kept).
 * - wait_due is computed for a waiting ticket when answering; when the
 *   ticket is called, the value that applied is stored, so a called or
 *   finished ticket keeps the target it was called against.
 * - A requeued ticket keeps its place (its issue time) in the queue.
 * - An officer who already has a called or served ticket may call the
 *   next one (two visitors of one group, a quick question while the
 *   other waits for a print-out); the team board shows the workload.
 * - A transfer to another service answers 200 with the visitor's new
 *   ticket (its `transferred_from` names the old one) and appends two
 *   events: `ticket.transferred` with the old ticket and `ticket.issued`
 *   with the new one. The history is copied to the new ticket and the
 *   guest book moves with the visitor.
 */

#define DESK_MAX_CHARS    32
#define OUTCOME_MAX_CHARS 200
#define NOTES_MAX_CHARS   2000

/* A ticket's state as the operations need it. */
typedef struct
{
  char           *id;
  char           *office;
  char           *number;
  PstService      service;
  PstTicketStatus status;
  char           *service_date;
  guint           seq;
  char           *desk;
  char           *officer;
  gint64          issued_at;
  gint64          called_at;
  gint64          started_at;
  gint64          finished_at;
  gboolean        has_guest_book;
} TicketState;

/* A ticket as answered: the domain value and what the codec lacks. */
typedef struct
{
  PstTicket *ticket;
  char      *service_date;
  guint      seq;
  char      *transferred_from;
  char      *transferred_to;
  gboolean   has_guest_book;
} TicketRow;

static const char *const guest_book_fields[] = {
  "name", "id_type", "id_number", "email", "phone", "institution", "occupation", "purpose",
};

static void
ticket_state_free (TicketState *state)
{
  if (state == NULL)
    return;

  g_free (state->id);
  g_free (state->office);
  g_free (state->number);
  g_free (state->service_date);
  g_free (state->desk);
  g_free (state->officer);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TicketState, ticket_state_free)

static void
ticket_row_free (TicketRow *row)
{
  if (row == NULL)
    return;

  g_clear_pointer (&row->ticket, pst_ticket_free);
  g_free (row->service_date);
  g_free (row->transferred_from);
  g_free (row->transferred_to);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TicketRow, ticket_row_free)

/* Helpers. */

/* Frees a string that may hold an ID number, clearing it first. */
static void
wipe_free (char *str)
{
  if (str == NULL)
    return;

  sodium_memzero (str, strlen (str));
  g_free (str);
}

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

static void
bind_instant (sqlite3_stmt *stmt,
              int           index,
              gint64        instant)
{
  if (instant == PST_TIME_UNSET)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, instant);
}

static gint64
column_instant (sqlite3_stmt *stmt,
                int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return PST_TIME_UNSET;

  return sqlite3_column_int64 (stmt, column);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup (pst_store_column_text (stmt, column));
}

static void
set_not_found (GError **error)
{
  /* Answered as 404 with the API's own message. */
  g_set_error_literal (error, PST_STORE_ERROR, PST_STORE_ERROR_NOT_FOUND, "no such ticket or office");
}

static const char *
history_action (PstTicketAction action)
{
  switch (action)
    {
    case PST_TICKET_ACTION_CALL:
      return "called";
    case PST_TICKET_ACTION_START:
      return "started";
    case PST_TICKET_ACTION_FINISH:
      return "finished";
    case PST_TICKET_ACTION_NO_SHOW:
      return "no_show";
    case PST_TICKET_ACTION_RECALL:
      return "recalled";
    case PST_TICKET_ACTION_REQUEUE:
      return "requeued";
    case PST_TICKET_ACTION_TRANSFER:
      return "transferred";
    case PST_N_TICKET_ACTIONS:
    default:
      break;
    }

  g_assert_not_reached ();
  return NULL;
}

static const char *
event_type (PstTicketAction action)
{
  switch (action)
    {
    case PST_TICKET_ACTION_CALL:
    case PST_TICKET_ACTION_RECALL:
      return "ticket.called";
    case PST_TICKET_ACTION_START:
      return "ticket.started";
    case PST_TICKET_ACTION_FINISH:
      return "ticket.finished";
    case PST_TICKET_ACTION_NO_SHOW:
      return "ticket.no_show";
    case PST_TICKET_ACTION_REQUEUE:
      return "ticket.requeued";
    case PST_TICKET_ACTION_TRANSFER:
      return "ticket.transferred";
    case PST_N_TICKET_ACTIONS:
    default:
      break;
    }

  g_assert_not_reached ();
  return NULL;
}

/* A visitor has left the desk: their ticket is done, no-show or transferred. */
static gboolean
status_has_left (PstTicketStatus status)
{
  return status == PST_TICKET_STATUS_DONE || status == PST_TICKET_STATUS_NO_SHOW ||
         status == PST_TICKET_STATUS_TRANSFERRED;
}

/* Store operations. */

static TicketState *
load_state (PstStore    *store,
            const char  *id,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autoptr(TicketState) state = NULL;

  stmt = pst_store_prepare (store,
                            "SELECT t.id, t.office, t.number, t.service, t.status, t.service_date,"
                            " t.seq, t.desk, t.officer, t.issued_at, t.called_at, t.started_at,"
                            " t.finished_at, g.id"
                            " FROM tickets t LEFT JOIN guest_book g ON g.ticket = t.id"
                            " WHERE t.id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, id);
  if (!pst_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_not_found (error);
      return NULL;
    }

  state = g_new0 (TicketState, 1);
  state->id = column_dup (stmt, 0);
  state->office = column_dup (stmt, 1);
  state->number = column_dup (stmt, 2);
  state->service_date = column_dup (stmt, 5);
  state->seq = (guint) sqlite3_column_int (stmt, 6);
  state->desk = column_dup (stmt, 7);
  state->officer = column_dup (stmt, 8);
  state->issued_at = column_instant (stmt, 9);
  state->called_at = column_instant (stmt, 10);
  state->started_at = column_instant (stmt, 11);
  state->finished_at = column_instant (stmt, 12);
  state->has_guest_book = sqlite3_column_type (stmt, 13) != SQLITE_NULL;

  if (!pst_service_from_string (pst_store_column_text (stmt, 3), &state->service) ||
      !pst_ticket_status_from_string (pst_store_column_text (stmt, 4), &state->status))
    {
      g_set_error (error, PST_ERROR, PST_ERROR_FAILED, "ticket %s has an unknown service or status",
                   id);
      return NULL;
    }

  return g_steal_pointer (&state);
}

static gboolean
add_history (PstStore         *store,
             const char       *ticket,
             gint64            at,
             const char       *action,
             gboolean          has_from,
             PstTicketStatus   from,
             PstTicketStatus   to,
             const char       *officer,
             const char       *detail,
             GError          **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store,
                            "INSERT INTO ticket_history (ticket, at, action, from_status, to_status,"
                            " officer, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, ticket);
  sqlite3_bind_int64 (stmt, 2, at);
  bind_text (stmt, 3, action);
  bind_text (stmt, 4, has_from ? pst_ticket_status_to_string (from) : NULL);
  bind_text (stmt, 5, pst_ticket_status_to_string (to));
  bind_text (stmt, 6, officer);
  bind_text (stmt, 7, detail);

  return pst_store_step_done (store, stmt, error);
}

/* The wait target of the ticket at @seq of its queue (DOMAIN.md): the
 * clock starts when the visitor before it left the desk, or at issue.
 */
static gboolean
compute_wait_due (PstStore        *store,
                  PstQueueOffice  *office,
                  PstService       service,
                  const char      *service_date,
                  guint            seq,
                  gint64           issued_at,
                  gint64          *out_due,
                  GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  gboolean has_previous = FALSE;
  gint64 previous_left = PST_TICKET_NO_TIME;

  stmt = pst_store_prepare (store,
                            "SELECT status, finished_at FROM tickets"
                            " WHERE office = ?1 AND service = ?2 AND service_date = ?3 AND seq < ?4"
                            " ORDER BY seq DESC LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, office->code);
  bind_text (stmt, 2, pst_service_to_string (service));
  bind_text (stmt, 3, service_date);
  sqlite3_bind_int (stmt, 4, (int) seq);
  if (pst_store_step_row (store, stmt, &local_error))
    {
      PstTicketStatus status;

      has_previous = TRUE;
      if (pst_ticket_status_from_string (pst_store_column_text (stmt, 0), &status) &&
          status_has_left (status))
        previous_left = column_instant (stmt, 1);
    }
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *out_due = pst_ticket_wait_due (pst_ticket_wait_start (issued_at, has_previous, previous_left),
                                  (guint) office->walkin_wait_min);
  return TRUE;
}

/* Keeps the wait target that applied when the ticket was called. */
static gboolean
freeze_wait_due (PstStore        *store,
                 PstQueueOffice  *office,
                 const char      *id,
                 GError         **error)
{
  g_autoptr(TicketState) state = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  gint64 due;

  state = load_state (store, id, error);
  if (state == NULL ||
      !compute_wait_due (store, office, state->service, state->service_date, state->seq,
                         state->issued_at, &due, error))
    return FALSE;

  stmt = pst_store_prepare (store, "UPDATE tickets SET wait_due = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  bind_instant (stmt, 2, due);
  return pst_store_step_done (store, stmt, error);
}

static gboolean
insert_ticket (PstStore        *store,
               PstQueueOffice  *office,
               PstService       service,
               const char      *transferred_from,
               gint64           now,
               char           **out_id,
               char           **out_number,
               char           **out_access_token,
               GError         **error)
{
  g_autofree char *service_date = pst_queue_office_service_date (office, now);
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_auto(PstStoreStatement) next = NULL;
  g_auto(PstStoreStatement) insert = NULL;
  gint64 seq;

  next = pst_store_prepare (store,
                            "SELECT coalesce (max (seq), 0) + 1 FROM tickets"
                            " WHERE office = ?1 AND service = ?2 AND service_date = ?3",
                            error);
  if (next == NULL)
    return FALSE;

  bind_text (next, 1, office->code);
  bind_text (next, 2, pst_service_to_string (service));
  bind_text (next, 3, service_date);
  if (!pst_store_step_one (store, next, error))
    return FALSE;
  seq = sqlite3_column_int64 (next, 0);
  pst_store_statement_release (next);

  id = pst_random_id ("tkt");
  number = pst_ticket_format_number (service, (guint) seq);
  token = pst_token_generate ();
  token_hash = pst_token_hash (token);

  insert = pst_store_prepare (store,
                              "INSERT INTO tickets (id, office, service, service_date, seq, number,"
                              " status, issued_at, transferred_from, access_token_hash)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                              error);
  if (insert == NULL)
    return FALSE;

  bind_text (insert, 1, id);
  bind_text (insert, 2, office->code);
  bind_text (insert, 3, pst_service_to_string (service));
  bind_text (insert, 4, service_date);
  sqlite3_bind_int64 (insert, 5, seq);
  bind_text (insert, 6, number);
  bind_text (insert, 7, pst_ticket_status_to_string (PST_TICKET_STATUS_WAITING));
  sqlite3_bind_int64 (insert, 8, now);
  bind_text (insert, 9, transferred_from);
  bind_text (insert, 10, token_hash);
  if (!pst_store_step_done (store, insert, error))
    return FALSE;

  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  if (out_number != NULL)
    *out_number = g_steal_pointer (&number);
  if (out_access_token != NULL)
    *out_access_token = g_steal_pointer (&token);
  return TRUE;
}

/* Public store operations (pst-queue.h). */

void
pst_queue_office_free (PstQueueOffice *office)
{
  if (office == NULL)
    return;

  g_free (office->code);
  g_clear_object (&office->calendar);
  g_clear_pointer (&office->id_hash_key, g_bytes_unref);
  g_free (office);
}

/* Loads what the queue needs of office @code. @calendar gives its zone
 * (the server's cached one); when NULL, one is made from the office's
 * time zone. Fails with PST_STORE_ERROR_NOT_FOUND for an unknown office.
 */
PstQueueOffice *
pst_queue_office_load (PstStore     *store,
                       const char   *code,
                       PstCalendar  *calendar,
                       GError      **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_autoptr(PstQueueOffice) office = NULL;

  g_return_val_if_fail (PST_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (calendar == NULL || PST_IS_CALENDAR (calendar), NULL);

  stmt = pst_store_prepare (store,
                            "SELECT walkin_wait_min, coalesce (session_max_min, 0), guest_book_stage,"
                            " retention_days, id_hash_key, timezone FROM offices WHERE code = ?1",
                            error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, code);
  if (!pst_store_step_one (store, stmt, error))
    return NULL;

  office = g_new0 (PstQueueOffice, 1);
  office->code = g_strdup (code);
  office->walkin_wait_min = sqlite3_column_int (stmt, 0);
  office->session_max_min = sqlite3_column_int (stmt, 1);
  if (!pst_guest_book_stage_from_string (pst_store_column_text (stmt, 2),
                                         &office->guest_book_stage))
    office->guest_book_stage = PST_GUEST_BOOK_FRONT_OFFICE;
  office->retention_days = sqlite3_column_int (stmt, 3);
  office->id_hash_key = g_bytes_new (sqlite3_column_blob (stmt, 4),
                                     (gsize) sqlite3_column_bytes (stmt, 4));

  if (calendar != NULL)
    office->calendar = g_object_ref (calendar);
  else
    {
      office->calendar = pst_calendar_new_for_zone (pst_store_column_text (stmt, 5), error);
      if (office->calendar == NULL)
        return NULL;
    }

  return g_steal_pointer (&office);
}

/* The local service day of @instant_us in the office's zone, "YYYY-MM-DD". */
char *
pst_queue_office_service_date (PstQueueOffice *office,
                               gint64          instant_us)
{
  GDate date;

  g_return_val_if_fail (office != NULL, NULL);

  pst_calendar_get_local_date (office->calendar, instant_us, &date);
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (&date),
                          (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
}

/* Reads and validates a guest book, field by field in the order of the
 * form. On failure *@out_field names the JSON member at fault and @error
 * says what to fix (PST_JSON_ERROR for a wrong type, PST_VALIDATION_ERROR
 * for a bad value). The full ID number is kept only in the returned
 * value, whose free wipes it.
 */
PstGuestBook *
pst_queue_guest_book_from_json (JsonObject  *obj,
                                char       **out_field,
                                GError     **error)
{
  g_autoptr(PstGuestBook) guest_book = pst_guest_book_new ();
  PstIdType id_type = PST_ID_TYPE_OTHER;

  g_return_val_if_fail (obj != NULL, NULL);
  g_return_val_if_fail (out_field != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (guest_book_fields); i++)
    {
      const char *field = guest_book_fields[i];
      g_autoptr(GError) local_error = NULL;
      char *raw = NULL;
      char *normalized = NULL;
      char **target = NULL;

      if (!pst_json_get_string (obj, field, FALSE, &raw, &local_error) ||
          !pst_validate_guest_book_field (field, raw, id_type, &normalized, &local_error))
        {
          wipe_free (raw);
          *out_field = g_strdup (field);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      wipe_free (raw);

      if (g_str_equal (field, "id_type"))
        {
          if (!pst_id_type_from_string (normalized, &id_type))
            g_assert_not_reached ();
          guest_book->id_type = id_type;
          g_free (normalized);
          continue;
        }

      if (g_str_equal (field, "name"))
        target = &guest_book->name;
      else if (g_str_equal (field, "id_number"))
        target = &guest_book->id_number;
      else if (g_str_equal (field, "email"))
        target = &guest_book->email;
      else if (g_str_equal (field, "phone"))
        target = &guest_book->phone;
      else if (g_str_equal (field, "institution"))
        target = &guest_book->institution;
      else if (g_str_equal (field, "occupation"))
        target = &guest_book->occupation;
      else
        target = &guest_book->purpose;

      g_free (*target);
      *target = normalized;
    }

  return g_steal_pointer (&guest_book);
}

/* Issues the next ticket of @service today (in the office's zone) at
 * @now, issued by @officer (an account id, the kiosk's too, or NULL).
 * *@out_access_token gets the rating secret printed on the ticket.
 */
gboolean
pst_queue_issue (PstStore        *store,
                 PstQueueOffice  *office,
                 PstService       service,
                 const char      *officer,
                 gint64           now,
                 char           **out_id,
                 char           **out_access_token,
                 GError         **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (office != NULL, FALSE);
  g_return_val_if_fail ((guint) service < PST_N_SERVICES, FALSE);
  g_return_val_if_fail (pst_store_in_transaction (store), FALSE);

  if (!insert_ticket (store, office, service, NULL, now, &id, NULL, out_access_token, error) ||
      !add_history (store, id, now, "issued", FALSE, 0, PST_TICKET_STATUS_WAITING, officer, NULL,
                    error))
    return FALSE;

  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  return TRUE;
}

/* Records (or replaces) the guest book of a ticket: the ID number only
 * masked and as a keyed hash under the office's key, kept until the
 * office's retention ends.
 */
gboolean
pst_queue_set_guest_book (PstStore            *store,
                          PstQueueOffice      *office,
                          const char          *ticket_id,
                          const PstGuestBook  *guest_book,
                          const char          *officer,
                          gint64               now,
                          GError             **error)
{
  g_autoptr(TicketState) state = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *id = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (office != NULL, FALSE);
  g_return_val_if_fail (ticket_id != NULL, FALSE);
  g_return_val_if_fail (guest_book != NULL && guest_book->id_number != NULL, FALSE);
  g_return_val_if_fail (pst_store_in_transaction (store), FALSE);

  state = load_state (store, ticket_id, error);
  if (state == NULL)
    return FALSE;

  id = pst_random_id ("gb");
  masked = pst_mask_id_number (guest_book->id_number);
  hash = pst_hash_id_number (guest_book->id_number, office->id_hash_key);

  stmt = pst_store_prepare (store,
                            "INSERT INTO guest_book (id, ticket, office, name, id_type, id_number_masked,"
                            " id_number_hash, email, phone, institution, occupation, purpose,"
                            " created_at, erase_after)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
                            " ON CONFLICT (ticket) DO UPDATE SET name = excluded.name,"
                            " id_type = excluded.id_type, id_number_masked = excluded.id_number_masked,"
                            " id_number_hash = excluded.id_number_hash, email = excluded.email,"
                            " phone = excluded.phone, institution = excluded.institution,"
                            " occupation = excluded.occupation, purpose = excluded.purpose,"
                            " erase_after = excluded.erase_after, erased_at = NULL",
                            error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  bind_text (stmt, 2, ticket_id);
  bind_text (stmt, 3, state->office);
  bind_text (stmt, 4, guest_book->name);
  bind_text (stmt, 5, pst_id_type_to_string (guest_book->id_type));
  bind_text (stmt, 6, masked);
  bind_text (stmt, 7, hash);
  bind_text (stmt, 8, guest_book->email);
  bind_text (stmt, 9, guest_book->phone);
  bind_text (stmt, 10, guest_book->institution);
  bind_text (stmt, 11, guest_book->occupation);
  bind_text (stmt, 12, guest_book->purpose);
  sqlite3_bind_int64 (stmt, 13, now);
  sqlite3_bind_int64 (stmt, 14, now + (gint64) office->retention_days * PST_USEC_PER_DAY);
  if (!pst_store_step_done (store, stmt, error))
    return FALSE;

  return add_history (store, ticket_id, now, "guest_book", TRUE, state->status, state->status,
                      officer, NULL, error);
}

/* Calls the oldest waiting ticket of today among @services (indexed by
 * PstService; NULL for all) to @desk and @officer. The choice and the
 * change are one UPDATE statement. *@out_id is NULL when nobody waits.
 */
gboolean
pst_queue_call_next (PstStore        *store,
                     PstQueueOffice  *office,
                     const gboolean  *services,
                     const char      *officer,
                     const char      *desk,
                     gint64           now,
                     char           **out_id,
                     GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *service_date = NULL;
  g_autofree char *id = NULL;
  PstTicketStatus to;

  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (office != NULL, FALSE);
  g_return_val_if_fail (desk != NULL, FALSE);
  g_return_val_if_fail (out_id != NULL, FALSE);
  g_return_val_if_fail (pst_store_in_transaction (store), FALSE);

  if (!pst_ticket_transition (PST_TICKET_STATUS_WAITING, PST_TICKET_ACTION_CALL, &to, error))
    return FALSE;

  service_date = pst_queue_office_service_date (office, now);
  stmt = pst_store_prepare (store,
                            "UPDATE tickets SET status = ?3, desk = ?4, officer = ?5, called_at = ?6,"
                            " finished_at = NULL"
                            " WHERE id = (SELECT id FROM tickets"
                            "             WHERE office = ?1 AND service_date = ?2 AND status = ?7"
                            "             AND service IN (?8, ?9, ?10, ?11)"
                            "             ORDER BY issued_at, seq LIMIT 1)"
                            " AND status = ?7"
                            " RETURNING id",
                            error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, office->code);
  bind_text (stmt, 2, service_date);
  bind_text (stmt, 3, pst_ticket_status_to_string (to));
  bind_text (stmt, 4, desk);
  bind_text (stmt, 5, officer);
  sqlite3_bind_int64 (stmt, 6, now);
  bind_text (stmt, 7, pst_ticket_status_to_string (PST_TICKET_STATUS_WAITING));
  for (int service = 0; service < PST_N_SERVICES; service++)
    {
      if (services == NULL || services[service])
        bind_text (stmt, 8 + service, pst_service_to_string ((PstService) service));
    }

  if (!pst_store_step_row (store, stmt, &local_error))
    {
      *out_id = NULL;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  id = column_dup (stmt, 0);
  pst_store_statement_release (stmt);

  if (!freeze_wait_due (store, office, id, error) ||
      !add_history (store, id, now, history_action (PST_TICKET_ACTION_CALL), TRUE,
                    PST_TICKET_STATUS_WAITING, to, officer, desk, error))
    return FALSE;

  *out_id = g_steal_pointer (&id);
  return TRUE;
}

/* Applies @action (any but transfer) to a ticket by the state machine of
 * pst-ticket-rules.h, sets its instants and records it in the history.
 * An illegal change fails with PST_ERROR_CONFLICT and a localized message.
 */
gboolean
pst_queue_apply (PstStore              *store,
                 PstQueueOffice        *office,
                 const char            *ticket_id,
                 PstTicketAction        action,
                 const PstQueueChange  *change,
                 gint64                 now,
                 GError               **error)
{
  g_autoptr(TicketState) state = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  const char *desk;
  const char *officer;
  const char *detail = NULL;
  gint64 called_at, started_at, finished_at;
  gboolean finish = action == PST_TICKET_ACTION_FINISH;
  PstTicketStatus to;

  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (office != NULL, FALSE);
  g_return_val_if_fail (ticket_id != NULL, FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (action != PST_TICKET_ACTION_TRANSFER, FALSE);
  g_return_val_if_fail (!finish || change->outcome != NULL, FALSE);
  g_return_val_if_fail (pst_store_in_transaction (store), FALSE);

  state = load_state (store, ticket_id, error);
  if (state == NULL || !pst_ticket_transition (state->status, action, &to, error))
    return FALSE;

  desk = state->desk;
  officer = state->officer;
  called_at = state->called_at;
  started_at = state->started_at;
  finished_at = state->finished_at;

  switch (action)
    {
    case PST_TICKET_ACTION_CALL:
    case PST_TICKET_ACTION_RECALL:
      called_at = now;
      finished_at = PST_TIME_UNSET;
      if (change->desk != NULL)
        desk = change->desk;
      if (change->officer != NULL)
        officer = change->officer;
      detail = desk;
      break;

    case PST_TICKET_ACTION_START:
      started_at = now;
      if (officer == NULL)
        officer = change->officer;
      break;

    case PST_TICKET_ACTION_FINISH:
      finished_at = now;
      detail = pst_category_to_string (change->topic);
      break;

    case PST_TICKET_ACTION_NO_SHOW:
      finished_at = now;
      break;

    case PST_TICKET_ACTION_REQUEUE:
      desk = NULL;
      officer = NULL;
      called_at = PST_TIME_UNSET;
      started_at = PST_TIME_UNSET;
      finished_at = PST_TIME_UNSET;
      break;

    case PST_TICKET_ACTION_TRANSFER:
    case PST_N_TICKET_ACTIONS:
    default:
      g_assert_not_reached ();
    }

  stmt = pst_store_prepare (store,
                            "UPDATE tickets SET status = ?2, desk = ?3, officer = ?4, called_at = ?5,"
                            " started_at = ?6, finished_at = ?7,"
                            " wait_due = CASE WHEN ?2 = 'waiting' THEN NULL ELSE wait_due END,"
                            " topic = CASE WHEN ?8 THEN ?9 ELSE topic END,"
                            " outcome = CASE WHEN ?8 THEN ?10 ELSE outcome END,"
                            " notes = CASE WHEN ?8 THEN ?11 ELSE notes END"
                            " WHERE id = ?1 AND status = ?12",
                            error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, ticket_id);
  bind_text (stmt, 2, pst_ticket_status_to_string (to));
  bind_text (stmt, 3, desk);
  bind_text (stmt, 4, officer);
  bind_instant (stmt, 5, called_at);
  bind_instant (stmt, 6, started_at);
  bind_instant (stmt, 7, finished_at);
  sqlite3_bind_int (stmt, 8, finish);
  bind_text (stmt, 9, finish ? pst_category_to_string (change->topic) : NULL);
  bind_text (stmt, 10, finish ? change->outcome : NULL);
  bind_text (stmt, 11, finish ? change->notes : NULL);
  bind_text (stmt, 12, pst_ticket_status_to_string (state->status));
  if (!pst_store_step_done (store, stmt, error))
    return FALSE;

  if (action == PST_TICKET_ACTION_CALL && !freeze_wait_due (store, office, ticket_id, error))
    return FALSE;

  return add_history (store, ticket_id, now, history_action (action), TRUE, state->status, to,
                      change->officer, detail, error);
}

/* Transfers a ticket to the queue of @service: the ticket ends as
 * `transferred` and the visitor gets the next number of that queue, with
 * the history copied and the guest book moved to it.
 */
gboolean
pst_queue_transfer (PstStore        *store,
                    PstQueueOffice  *office,
                    const char      *ticket_id,
                    PstService       service,
                    const char      *officer,
                    gint64           now,
                    char           **out_new_id,
                    GError         **error)
{
  g_autoptr(TicketState) state = NULL;
  g_auto(PstStoreStatement) update = NULL;
  g_auto(PstStoreStatement) copy = NULL;
  g_auto(PstStoreStatement) move = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *new_number = NULL;
  PstTicketStatus to;

  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (office != NULL, FALSE);
  g_return_val_if_fail (ticket_id != NULL, FALSE);
  g_return_val_if_fail ((guint) service < PST_N_SERVICES, FALSE);
  g_return_val_if_fail (pst_store_in_transaction (store), FALSE);

  state = load_state (store, ticket_id, error);
  if (state == NULL ||
      !pst_ticket_transition (state->status, PST_TICKET_ACTION_TRANSFER, &to, error))
    return FALSE;

  if (state->service == service)
    {
      g_set_error_literal (error, PST_ERROR, PST_ERROR_INVALID,
                           _("The ticket is already in the queue of that service; choose another"));
      return FALSE;
    }

  if (!insert_ticket (store, office, service, ticket_id, now, &new_id, &new_number, NULL, error))
    return FALSE;

  update = pst_store_prepare (store,
                              "UPDATE tickets SET status = ?2, finished_at = ?3"
                              " WHERE id = ?1 AND status = ?4",
                              error);
  if (update == NULL)
    return FALSE;

  bind_text (update, 1, ticket_id);
  bind_text (update, 2, pst_ticket_status_to_string (to));
  sqlite3_bind_int64 (update, 3, now);
  bind_text (update, 4, pst_ticket_status_to_string (state->status));
  if (!pst_store_step_done (store, update, error) ||
      !add_history (store, ticket_id, now, history_action (PST_TICKET_ACTION_TRANSFER), TRUE,
                    state->status, to, officer, new_number, error))
    return FALSE;

  copy = pst_store_prepare (store,
                            "INSERT INTO ticket_history (ticket, at, action, from_status, to_status,"
                            " officer, detail)"
                            " SELECT ?2, at, action, from_status, to_status, officer, detail"
                            " FROM ticket_history WHERE ticket = ?1 ORDER BY at, id",
                            error);
  if (copy == NULL)
    return FALSE;

  bind_text (copy, 1, ticket_id);
  bind_text (copy, 2, new_id);
  if (!pst_store_step_done (store, copy, error) ||
      !add_history (store, new_id, now, "issued", FALSE, 0, PST_TICKET_STATUS_WAITING, officer,
                    state->number, error))
    return FALSE;

  move = pst_store_prepare (store, "UPDATE guest_book SET ticket = ?2 WHERE ticket = ?1", error);
  if (move == NULL)
    return FALSE;

  bind_text (move, 1, ticket_id);
  bind_text (move, 2, new_id);
  if (!pst_store_step_done (store, move, error))
    return FALSE;

  if (out_new_id != NULL)
    *out_new_id = g_steal_pointer (&new_id);
  return TRUE;
}

/* Hands a called or served ticket to another officer of its office. */
static gboolean
reassign (PstStore         *store,
          const char       *ticket_id,
          const char       *to_officer,
          const char       *by_officer,
          gint64            now,
          char            **out_invalid,
          GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TicketState) state = NULL;
  g_auto(PstStoreStatement) officer = NULL;
  g_auto(PstStoreStatement) update = NULL;
  g_autofree char *desk = NULL;
  gboolean valid = FALSE;

  state = load_state (store, ticket_id, error);
  if (state == NULL)
    return FALSE;

  if (state->status != PST_TICKET_STATUS_CALLED && state->status != PST_TICKET_STATUS_SERVING)
    {
      g_set_error_literal (error, PST_ERROR, PST_ERROR_CONFLICT,
                           _("Only a called ticket or one being served can be handed to another "
                             "officer"));
      return FALSE;
    }

  officer = pst_store_prepare (store,
                               "SELECT office, role, disabled, desk FROM officers WHERE id = ?1",
                               error);
  if (officer == NULL)
    return FALSE;

  bind_text (officer, 1, to_officer);
  if (pst_store_step_row (store, officer, &local_error))
    {
      PstRole role;

      /* Someone who serves visitors: an officer or a supervisor of the
       * ticket's office, not a kiosk nor an admin.
       */
      valid = g_strcmp0 (pst_store_column_text (officer, 0), state->office) == 0 &&
              sqlite3_column_int (officer, 2) == 0 &&
              pst_role_from_string (pst_store_column_text (officer, 1), &role) &&
              (role == PST_ROLE_OFFICER || role == PST_ROLE_SUPERVISOR);
      desk = column_dup (officer, 3);
    }
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  pst_store_statement_release (officer);

  if (!valid)
    {
      *out_invalid = g_strdup ("officer");
      g_set_error_literal (error, PST_ERROR, PST_ERROR_INVALID,
                           _("Choose an active officer of this office"));
      return FALSE;
    }

  if (g_strcmp0 (state->officer, to_officer) == 0)
    {
      g_set_error_literal (error, PST_ERROR, PST_ERROR_CONFLICT,
                           _("This ticket is already with that officer"));
      return FALSE;
    }

  update = pst_store_prepare (store,
                              "UPDATE tickets SET officer = ?2, desk = coalesce (?3, desk) WHERE id = ?1",
                              error);
  if (update == NULL)
    return FALSE;

  bind_text (update, 1, ticket_id);
  bind_text (update, 2, to_officer);
  bind_text (update, 3, desk);
  if (!pst_store_step_done (store, update, error))
    return FALSE;

  return add_history (store, ticket_id, now, "reassigned", TRUE, state->status, state->status,
                      by_officer, to_officer, error);
}

/* Reading tickets as the API answers them. */

#define TICKET_SELECT \
  "SELECT t.id, t.office, t.number, t.service, t.status, t.desk, t.officer, t.issued_at," \
  " t.called_at, t.started_at, t.finished_at, t.wait_due, t.topic, t.outcome, t.notes," \
  " t.transferred_from, t.service_date, t.seq, n.id, g.id, g.name, g.id_type," \
  " g.id_number_masked, g.email, g.phone, g.institution, g.occupation, g.purpose" \
  " FROM tickets t" \
  " LEFT JOIN tickets n ON n.transferred_from = t.id" \
  " LEFT JOIN guest_book g ON g.ticket = t.id"

static TicketRow *
ticket_row_from_statement (sqlite3_stmt  *stmt,
                           GError       **error)
{
  g_autoptr(TicketRow) row = g_new0 (TicketRow, 1);
  PstTicket *ticket;

  row->ticket = ticket = pst_ticket_new ();
  ticket->id = column_dup (stmt, 0);
  ticket->office = column_dup (stmt, 1);
  ticket->number = column_dup (stmt, 2);
  ticket->desk = column_dup (stmt, 5);
  ticket->officer = column_dup (stmt, 6);
  ticket->issued_at = column_instant (stmt, 7);
  ticket->called_at = column_instant (stmt, 8);
  ticket->started_at = column_instant (stmt, 9);
  ticket->finished_at = column_instant (stmt, 10);
  ticket->wait_due = column_instant (stmt, 11);
  ticket->has_topic = pst_category_from_string (pst_store_column_text (stmt, 12), &ticket->topic);
  ticket->outcome = column_dup (stmt, 13);
  ticket->notes = column_dup (stmt, 14);
  row->transferred_from = column_dup (stmt, 15);
  row->service_date = column_dup (stmt, 16);
  row->seq = (guint) sqlite3_column_int (stmt, 17);
  row->transferred_to = column_dup (stmt, 18);
  row->has_guest_book = sqlite3_column_type (stmt, 19) != SQLITE_NULL;

  if (!pst_service_from_string (pst_store_column_text (stmt, 3), &ticket->service) ||
      !pst_ticket_status_from_string (pst_store_column_text (stmt, 4), &ticket->status))
    {
      g_set_error (error, PST_ERROR, PST_ERROR_FAILED, "ticket %s has an unknown service or status",
                   ticket->id);
      return NULL;
    }

  if (row->has_guest_book)
    {
      PstGuestBook *guest_book = pst_guest_book_new ();

      guest_book->name = column_dup (stmt, 20);
      if (!pst_id_type_from_string (pst_store_column_text (stmt, 21), &guest_book->id_type))
        guest_book->id_type = PST_ID_TYPE_OTHER;
      guest_book->id_number_masked = column_dup (stmt, 22);
      guest_book->email = column_dup (stmt, 23);
      guest_book->phone = column_dup (stmt, 24);
      guest_book->institution = column_dup (stmt, 25);
      guest_book->occupation = column_dup (stmt, 26);
      guest_book->purpose = column_dup (stmt, 27);
      ticket->guest_book = guest_book;
    }

  return g_steal_pointer (&row);
}

static void
history_entry_from_statement (sqlite3_stmt *stmt,
                              int           first,
                              PstTicket    *ticket)
{
  PstTicketHistoryEntry *entry = pst_ticket_history_entry_new ();

  entry->at = sqlite3_column_int64 (stmt, first);
  entry->action = column_dup (stmt, first + 1);
  entry->has_from_status = pst_ticket_status_from_string (pst_store_column_text (stmt, first + 2),
                                                          &entry->from_status);
  if (!pst_ticket_status_from_string (pst_store_column_text (stmt, first + 3), &entry->to_status))
    entry->to_status = ticket->status;
  entry->officer = column_dup (stmt, first + 4);
  entry->detail = column_dup (stmt, first + 5);
  g_ptr_array_add (ticket->history, entry);
}

static gboolean
load_history (PstStore   *store,
              PstTicket  *ticket,
              GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store,
                            "SELECT at, action, from_status, to_status, officer, detail"
                            " FROM ticket_history WHERE ticket = ?1 ORDER BY at, id",
                            error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, ticket->id);
  while (pst_store_step_row (store, stmt, &local_error))
    history_entry_from_statement (stmt, 0, ticket);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* The histories of many tickets of one office and service day, in one
 * query rather than one per ticket (the queue list's cost).
 */
static gboolean
load_day_histories (PstStore    *store,
                    const char  *office,
                    const char  *service_date,
                    GPtrArray   *rows,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(PstStoreStatement) stmt = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      TicketRow *row = g_ptr_array_index (rows, i);

      g_hash_table_insert (by_id, row->ticket->id, row->ticket);
    }

  stmt = pst_store_prepare (store,
                            "SELECT h.ticket, h.at, h.action, h.from_status, h.to_status, h.officer,"
                            " h.detail FROM ticket_history h JOIN tickets t ON t.id = h.ticket"
                            " WHERE t.office = ?1 AND t.service_date = ?2 ORDER BY h.ticket, h.at, h.id",
                            error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, office);
  bind_text (stmt, 2, service_date);
  while (pst_store_step_row (store, stmt, &local_error))
    {
      PstTicket *ticket = g_hash_table_lookup (by_id, pst_store_column_text (stmt, 0));

      if (ticket != NULL)
        history_entry_from_statement (stmt, 1, ticket);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static TicketRow *
load_ticket_row (PstStore        *store,
                 PstQueueOffice  *office,
                 const char      *id,
                 GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TicketRow) row = NULL;
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store, TICKET_SELECT " WHERE t.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, id);
  if (!pst_store_step_row (store, stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_not_found (error);
      return NULL;
    }

  row = ticket_row_from_statement (stmt, error);
  pst_store_statement_release (stmt);
  if (row == NULL || !load_history (store, row->ticket, error))
    return NULL;

  if (row->ticket->status == PST_TICKET_STATUS_WAITING &&
      !compute_wait_due (store, office, row->ticket->service, row->service_date, row->seq,
                         row->ticket->issued_at, &row->ticket->wait_due, error))
    return NULL;

  return g_steal_pointer (&row);
}

static void
set_instant_member (JsonObject *obj,
                    const char *member,
                    gint64      instant)
{
  g_autofree char *text = NULL;

  if (instant == PST_TIME_UNSET)
    {
      json_object_set_null_member (obj, member);
      return;
    }

  text = pst_time_format_rfc3339 (instant, NULL);
  json_object_set_string_member (obj, member, text);
}

static void
set_string_member (JsonObject *obj,
                   const char *member,
                   const char *value)
{
  if (value == NULL)
    json_object_set_null_member (obj, member);
  else
    json_object_set_string_member (obj, member, value);
}

/* The ticket's JSON; without the guest book for kiosks and events. */
static JsonNode *
ticket_row_to_json (TicketRow       *row,
                    PstQueueOffice  *office,
                    gboolean         with_guest_book)
{
  JsonNode *node = pst_ticket_to_json (row->ticket);
  JsonObject *obj = json_node_get_object (node);
  gint64 session_due = PST_TIME_UNSET;

  if (!with_guest_book)
    json_object_set_null_member (obj, "guest_book");
  json_object_set_boolean_member (obj, "has_guest_book", row->has_guest_book);
  set_string_member (obj, "transferred_from", row->transferred_from);
  set_string_member (obj, "transferred_to", row->transferred_to);

  if (office->session_max_min > 0 && row->ticket->started_at != PST_TIME_UNSET)
    session_due = row->ticket->started_at + (gint64) office->session_max_min * PST_USEC_PER_MINUTE;
  set_instant_member (obj, "session_due", session_due);

  return node;
}

/* Request helpers. */

static gboolean
is_kiosk (PstRequest *request)
{
  return request->principal != NULL && request->principal->role == PST_ROLE_KIOSK;
}

static PstQueueOffice *
request_office (PstRequest *request,
                const char *code)
{
  g_autoptr(GError) error = NULL;
  PstCalendar *calendar = NULL;
  PstQueueOffice *office = NULL;

  if (code != NULL)
    calendar = pst_server_get_calendar (request->server, code, &error);
  else
    set_not_found (&error);

  if (calendar != NULL)
    office = pst_queue_office_load (request->store, code, calendar, &error);
  if (office == NULL)
    pst_request_reply_gerror (request, error);

  return office;
}

/* Loads the ticket of the path and checks the caller may act on its
 * office (404 otherwise). Returns NULL when it answered.
 */
static TicketState *
request_ticket (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TicketState) state = NULL;
  const char *id = pst_request_get_param (request, "id");

  if (id == NULL)
    {
      pst_request_reply_not_found (request);
      return NULL;
    }

  state = load_state (request->store, id, &error);
  if (state == NULL)
    {
      pst_request_reply_gerror (request, error);
      return NULL;
    }

  if (!pst_request_authorize_office (request, state->office))
    return NULL;

  return g_steal_pointer (&state);
}

/* The body of a route whose body is optional: NULL (and no answer) when
 * the request has none; NULL with an answer when it is not a JSON object.
 */
static gboolean
optional_body (PstRequest  *request,
               JsonObject **out_body)
{
  g_autoptr(GError) error = NULL;
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);

  *out_body = NULL;
  if (body->length == 0)
    return TRUE;

  *out_body = pst_request_get_body_object (request, &error);
  if (*out_body == NULL)
    {
      pst_request_reply_gerror (request, error);
      return FALSE;
    }

  return TRUE;
}

static void
reply_invalid_message (PstRequest *request,
                       const char *field,
                       const char *message)
{
  pst_request_reply_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY, PST_API_ERROR_INVALID_FIELD,
                           field, message);
}

/* Reads an optional desk name: trimmed, not empty, at most 32 characters. */
static gboolean
read_desk (PstRequest  *request,
           JsonObject  *body,
           gboolean     required,
           char       **out_desk)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *desk = NULL;

  if (body == NULL && !required)
    return TRUE;

  if (!pst_json_get_string (body, "desk", required, &desk, &error))
    {
      pst_request_reply_gerror (request, error);
      return FALSE;
    }

  if (desk == NULL)
    return TRUE;

  g_strstrip (desk);
  if (*desk == '\0' || g_utf8_strlen (desk, -1) > DESK_MAX_CHARS)
    {
      /* Translators: the desk (loket) a ticket is called to; %d is a
       * number of characters.
       */
      g_autofree char *message = g_strdup_printf (_("Name the desk in 1 to %d characters"),
                                                  DESK_MAX_CHARS);

      reply_invalid_message (request, "desk", message);
      return FALSE;
    }

  *out_desk = g_steal_pointer (&desk);
  return TRUE;
}

/* Answers a guest book that failed validation, its field under @prefix. */
static void
reply_guest_book_error (PstRequest *request,
                        const char *prefix,
                        const char *field,
                        GError     *error)
{
  g_autofree char *path = prefix != NULL ? g_strconcat (prefix, ".", field, NULL)
                                         : g_strdup (field);

  if (prefix != NULL && error->domain == PST_JSON_ERROR)
    pst_json_error_prefix_field (error, prefix);

  pst_request_reply_invalid (request, path, error);
}

/* Answers with the ticket @id after appending @type's event (when not
 * NULL) with it, in the request's transaction.
 */
static void
answer_ticket (PstRequest     *request,
               PstQueueOffice *office,
               const char     *id,
               const char     *type,
               guint           status,
               const char     *access_token)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TicketRow) row = NULL;
  JsonNode *node;

  row = load_ticket_row (request->store, office, id, &error);
  if (row == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (type != NULL &&
      !pst_request_append_event (request, type, office->code,
                                 ticket_row_to_json (row, office, FALSE), &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  node = ticket_row_to_json (row, office, !is_kiosk (request));
  if (access_token != NULL)
    json_object_set_string_member (json_node_get_object (node), "access_token", access_token);

  pst_request_reply_json (request, status, node);
}

static gboolean
audit_guest_book (PstRequest *request,
                  const char *ticket_id,
                  const char *office)
{
  g_autoptr(GError) error = NULL;

  if (pst_request_audit (request, "guest_book.write", "ticket", ticket_id, office, NULL, &error))
    return TRUE;

  pst_request_reply_gerror (request, error);
  return FALSE;
}

/* Handlers. */

/* POST /offices/{code}/tickets */
static void
issue_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstQueueOffice) office = NULL;
  g_autoptr(PstGuestBook) guest_book = NULL;
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  JsonObject *body;
  JsonObject *guest_book_obj = NULL;
  PstService service;

  office = request_office (request, request->office);
  if (office == NULL)
    return;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL ||
      !pst_json_get_enum (body, "service", TRUE, PST_JSON_ENUM_FROM_STRING (pst_service),
                          (int *) &service, &error) ||
      !pst_json_get_object (body, "guest_book", FALSE, &guest_book_obj, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (guest_book_obj != NULL)
    {
      g_autofree char *field = NULL;

      guest_book = pst_queue_guest_book_from_json (guest_book_obj, &field, &error);
      if (guest_book == NULL)
        {
          reply_guest_book_error (request, "guest_book", field, error);
          return;
        }
    }
  else if (office->guest_book_stage == PST_GUEST_BOOK_BEFORE_QUEUE)
    {
      reply_invalid_message (request, "guest_book",
                             _("This office fills in the guest book before giving a queue number; "
                               "send the guest book with the ticket"));
      return;
    }

  if (!pst_queue_issue (request->store, office, service, request->principal->officer_id,
                        request->now, &id, &token, &error) ||
      (guest_book != NULL &&
       !pst_queue_set_guest_book (request->store, office, id, guest_book,
                                  request->principal->officer_id, request->now, &error)))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (guest_book != NULL && !audit_guest_book (request, id, office->code))
    return;

  answer_ticket (request, office, id, "ticket.issued", SOUP_STATUS_CREATED, token);
}

static gboolean
parse_date (const char *text)
{
  int year, month, day;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (int i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  if (sscanf (text, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return FALSE;

  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* Reads a comma-separated list of wire names into @set (indexed by the
 * enumeration); FALSE when one is unknown.
 */
static gboolean
parse_name_set (const char            *text,
                PstJsonEnumFromString  from_string,
                gboolean              *set)
{
  g_auto(GStrv) names = g_strsplit (text, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      int value;

      if (!from_string (g_strstrip (names[i]), &value))
        return FALSE;
      set[value] = TRUE;
    }

  return TRUE;
}

static gboolean
parse_cursor (const char  *text,
              gint64      *out_issued_at,
              const char **out_id)
{
  const char *dot = strchr (text, '.');
  g_autofree char *number = NULL;

  if (dot == NULL || dot == text || dot[1] == '\0')
    return FALSE;

  number = g_strndup (text, dot - text);
  if (!g_ascii_string_to_signed (number, 10, 0, G_MAXINT64, out_issued_at, NULL))
    return FALSE;

  *out_id = dot + 1;
  return TRUE;
}

/* The wait target of every waiting ticket of the day, in one pass over
 * the day's queues in order: id → gint64.
 */
static GHashTable *
compute_day_wait_dues (PstStore        *store,
                       PstQueueOffice  *office,
                       const char      *service_date,
                       GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) dues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *previous_service = NULL;
  gint64 previous_left = PST_TICKET_NO_TIME;

  stmt = pst_store_prepare (store,
                            "SELECT id, service, status, issued_at, finished_at FROM tickets"
                            " WHERE office = ?1 AND service_date = ?2 ORDER BY service, seq",
                            error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, office->code);
  bind_text (stmt, 2, service_date);
  while (pst_store_step_row (store, stmt, &local_error))
    {
      const char *service = pst_store_column_text (stmt, 1);
      gboolean has_previous = g_strcmp0 (service, previous_service) == 0;
      PstTicketStatus status;

      if (!pst_ticket_status_from_string (pst_store_column_text (stmt, 2), &status))
        status = PST_TICKET_STATUS_WAITING;

      if (status == PST_TICKET_STATUS_WAITING)
        {
          gint64 start = pst_ticket_wait_start (sqlite3_column_int64 (stmt, 3), has_previous,
                                                has_previous ? previous_left : PST_TICKET_NO_TIME);
          gint64 due = pst_ticket_wait_due (start, (guint) office->walkin_wait_min);

          g_hash_table_insert (dues, column_dup (stmt, 0), g_memdup2 (&due, sizeof due));
        }

      g_free (previous_service);
      previous_service = g_strdup (service);
      previous_left = status_has_left (status) ? column_instant (stmt, 4) : PST_TICKET_NO_TIME;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&dues);
}

/* GET /offices/{code}/tickets?date=&status=&service=&limit=&cursor= */
static void
list_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstQueueOffice) office = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ticket_row_free);
  g_autoptr(GHashTable) dues = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *service_date = NULL;
  g_autofree char *next_cursor = NULL;
  gboolean statuses[PST_N_TICKET_STATUSES] = { FALSE };
  gboolean services[PST_N_SERVICES] = { FALSE };
  const char *date = pst_request_get_query (request, "date");
  const char *status = pst_request_get_query (request, "status");
  const char *service = pst_request_get_query (request, "service");
  const char *cursor = pst_request_get_query (request, "cursor");
  const char *cursor_id = NULL;
  gint64 cursor_issued_at = 0;
  gboolean any_waiting = FALSE;
  JsonArray *items;
  JsonObject *answer;
  guint limit;

  office = request_office (request, request->office);
  if (office == NULL)
    return;

  if (date != NULL && !parse_date (date))
    {
      /* Translators: YYYY-MM-DD is the form of the value the API accepts. */
      reply_invalid_message (request, "date", _("Give the date as YYYY-MM-DD"));
      return;
    }
  if (status != NULL &&
      !parse_name_set (status, PST_JSON_ENUM_FROM_STRING (pst_ticket_status), statuses))
    {
      reply_invalid_message (request, "status",
                             /* Translators: keep the status names as they are; they are
                              * the values the API accepts.
                              */
                             _("The status is one or more of waiting, called, serving, done, "
                               "no_show and transferred, separated by commas"));
      return;
    }
  if (service != NULL && !parse_name_set (service, PST_JSON_ENUM_FROM_STRING (pst_service), services))
    {
      reply_invalid_message (request, "service",
                             /* Translators: keep the service names as they are; they are
                              * the values the API accepts.
                              */
                             _("The service is one or more of consultation, library, sales and "
                               "recommendation, separated by commas"));
      return;
    }
  if (!pst_request_get_limit (request, &limit, &error))
    {
      pst_request_reply_invalid (request, "limit", error);
      return;
    }
  if (cursor != NULL && !parse_cursor (cursor, &cursor_issued_at, &cursor_id))
    {
      reply_invalid_message (request, "cursor",
                             _("This cursor is not valid; start again from the first page"));
      return;
    }

  service_date = date != NULL ? g_strdup (date)
                              : pst_queue_office_service_date (office, request->now);

  stmt = pst_store_prepare (request->store,
                            TICKET_SELECT
                            " WHERE t.office = ?1 AND t.service_date = ?2"
                            " AND (?3 = 0 OR t.status IN (?4, ?5, ?6, ?7, ?8, ?9))"
                            " AND (?10 = 0 OR t.service IN (?11, ?12, ?13, ?14))"
                            " AND (?15 IS NULL OR t.issued_at > ?15 OR (t.issued_at = ?15 AND t.id > ?16))"
                            " ORDER BY t.issued_at, t.id LIMIT ?17",
                            &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  bind_text (stmt, 1, office->code);
  bind_text (stmt, 2, service_date);
  sqlite3_bind_int (stmt, 3, status != NULL);
  for (int i = 0; i < PST_N_TICKET_STATUSES; i++)
    {
      if (statuses[i])
        bind_text (stmt, 4 + i, pst_ticket_status_to_string ((PstTicketStatus) i));
    }
  sqlite3_bind_int (stmt, 10, service != NULL);
  for (int i = 0; i < PST_N_SERVICES; i++)
    {
      if (services[i])
        bind_text (stmt, 11 + i, pst_service_to_string ((PstService) i));
    }
  if (cursor != NULL)
    {
      sqlite3_bind_int64 (stmt, 15, cursor_issued_at);
      bind_text (stmt, 16, cursor_id);
    }
  sqlite3_bind_int64 (stmt, 17, (gint64) limit + 1);

  while (pst_store_step_row (request->store, stmt, &error))
    {
      TicketRow *row = ticket_row_from_statement (stmt, &error);

      if (row == NULL)
        break;
      g_ptr_array_add (rows, row);
    }
  pst_store_statement_release (stmt);
  if (error != NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (rows->len > limit)
    {
      TicketRow *last = g_ptr_array_index (rows, limit - 1);

      next_cursor = g_strdup_printf ("%" G_GINT64_FORMAT ".%s", last->ticket->issued_at,
                                     last->ticket->id);
      g_ptr_array_set_size (rows, limit);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      TicketRow *row = g_ptr_array_index (rows, i);

      any_waiting = any_waiting || row->ticket->status == PST_TICKET_STATUS_WAITING;
    }

  if (!load_day_histories (request->store, office->code, service_date, rows, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (any_waiting)
    {
      dues = compute_day_wait_dues (request->store, office, service_date, &error);
      if (dues == NULL)
        {
          pst_request_reply_gerror (request, error);
          return;
        }
    }

  items = json_array_sized_new (rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      TicketRow *row = g_ptr_array_index (rows, i);

      if (row->ticket->status == PST_TICKET_STATUS_WAITING)
        {
          gint64 *due = g_hash_table_lookup (dues, row->ticket->id);

          row->ticket->wait_due = due != NULL ? *due : PST_TIME_UNSET;
        }
      json_array_add_element (items, ticket_row_to_json (row, office, TRUE));
    }

  answer = json_object_new ();
  json_object_set_array_member (answer, "items", items);
  set_string_member (answer, "next_cursor", next_cursor);
  json_object_set_string_member (answer, "date", service_date);
  pst_request_reply_json (request, SOUP_STATUS_OK,
                          json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}

/* POST /offices/{code}/tickets/call-next */
static void
call_next_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstQueueOffice) office = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *desk = NULL;
  g_autofree char *id = NULL;
  gboolean services[PST_N_SERVICES] = { FALSE };
  JsonObject *body;

  office = request_office (request, request->office);
  if (office == NULL)
    return;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (!read_desk (request, body, TRUE, &desk))
    return;

  if (!pst_json_get_string_array (body, "services", FALSE, &names, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (names != NULL && names->len == 0)
    {
      reply_invalid_message (request, "services",
                             _("Choose at least one service, or leave the list out to call from all"));
      return;
    }

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      PstService service;

      if (!pst_service_from_string (g_ptr_array_index (names, i), &service))
        {
          g_autofree char *field = g_strdup_printf ("services[%u]", i);

          reply_invalid_message (request, field,
                                 /* Translators: keep the service names as they are; they
                                  * are the values the API accepts.
                                  */
                                 _("The service is one of consultation, library, sales and "
                                   "recommendation"));
          return;
        }
      services[service] = TRUE;
    }

  if (!pst_queue_call_next (request->store, office, names != NULL ? services : NULL,
                            request->principal->officer_id, desk, request->now, &id, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (id == NULL)
    {
      pst_request_reply_no_content (request);
      return;
    }

  answer_ticket (request, office, id, "ticket.called", SOUP_STATUS_OK, NULL);
}

/* GET /tickets/{id} */
static void
get_cb (PstRequest *request)
{
  g_autoptr(TicketState) state = NULL;
  g_autoptr(PstQueueOffice) office = NULL;

  state = request_ticket (request);
  if (state == NULL)
    return;

  office = request_office (request, state->office);
  if (office == NULL)
    return;

  answer_ticket (request, office, state->id, NULL, SOUP_STATUS_OK, NULL);
}

/* Reads finish's body: topic, outcome (≤ 200), notes (optional). */
static gboolean
read_finish (PstRequest      *request,
             JsonObject      *body,
             PstQueueChange  *change,
             char           **out_outcome,
             char           **out_notes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *notes = NULL;

  if (body == NULL)
    body = pst_request_get_body_object (request, &error);

  if (body == NULL ||
      !pst_json_get_enum (body, "topic", TRUE, PST_JSON_ENUM_FROM_STRING (pst_category),
                          (int *) &change->topic, &error) ||
      !pst_json_get_string (body, "outcome", TRUE, &outcome, &error) ||
      !pst_json_get_string (body, "notes", FALSE, &notes, &error))
    {
      pst_request_reply_gerror (request, error);
      return FALSE;
    }

  g_strstrip (outcome);
  if (*outcome == '\0' || g_utf8_strlen (outcome, -1) > OUTCOME_MAX_CHARS)
    {
      /* Translators: %d is a number of characters. */
      g_autofree char *message = g_strdup_printf (_("Describe the outcome in 1 to %d characters"),
                                                  OUTCOME_MAX_CHARS);

      reply_invalid_message (request, "outcome", message);
      return FALSE;
    }

  if (notes != NULL)
    {
      g_strstrip (notes);
      if (g_utf8_strlen (notes, -1) > NOTES_MAX_CHARS)
        {
          /* Translators: %d is a number of characters. */
          g_autofree char *message = g_strdup_printf (_("The notes have at most %d characters"),
                                                      NOTES_MAX_CHARS);

          reply_invalid_message (request, "notes", message);
          return FALSE;
        }
      if (*notes == '\0')
        g_clear_pointer (&notes, g_free);
    }

  *out_outcome = g_steal_pointer (&outcome);
  *out_notes = g_steal_pointer (&notes);
  return TRUE;
}

static void
change_ticket (PstRequest      *request,
               PstTicketAction  action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TicketState) state = NULL;
  g_autoptr(PstQueueOffice) office = NULL;
  g_autofree char *desk = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *notes = NULL;
  PstQueueChange change = { 0 };
  JsonObject *body;

  state = request_ticket (request);
  if (state == NULL)
    return;

  office = request_office (request, state->office);
  if (office == NULL)
    return;

  if (!optional_body (request, &body))
    return;

  if (action == PST_TICKET_ACTION_RECALL && !read_desk (request, body, FALSE, &desk))
    return;
  if (action == PST_TICKET_ACTION_FINISH &&
      !read_finish (request, body, &change, &outcome, &notes))
    return;

  change.officer = request->principal->officer_id;
  change.desk = desk;
  change.outcome = outcome;
  change.notes = notes;

  if (!pst_queue_apply (request->store, office, state->id, action, &change, request->now, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  answer_ticket (request, office, state->id, event_type (action), SOUP_STATUS_OK, NULL);
}

static void
start_cb (PstRequest *request)
{
  change_ticket (request, PST_TICKET_ACTION_START);
}

static void
finish_cb (PstRequest *request)
{
  change_ticket (request, PST_TICKET_ACTION_FINISH);
}

static void
no_show_cb (PstRequest *request)
{
  change_ticket (request, PST_TICKET_ACTION_NO_SHOW);
}

static void
recall_cb (PstRequest *request)
{
  change_ticket (request, PST_TICKET_ACTION_RECALL);
}

static void
requeue_cb (PstRequest *request)
{
  change_ticket (request, PST_TICKET_ACTION_REQUEUE);
}

/* POST /tickets/{id}/transfer: {service} or {officer} */
static void
transfer_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TicketState) state = NULL;
  g_autoptr(PstQueueOffice) office = NULL;
  g_autoptr(TicketRow) old_row = NULL;
  g_autofree char *officer = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *invalid = NULL;
  g_autoptr(JsonObject) detail = NULL;
  JsonObject *body;
  PstService service;
  gboolean has_service, has_officer;

  state = request_ticket (request);
  if (state == NULL)
    return;

  office = request_office (request, state->office);
  if (office == NULL)
    return;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  has_service = pst_json_has_member (body, "service");
  has_officer = pst_json_has_member (body, "officer");
  if (has_service == has_officer)
    {
      reply_invalid_message (request, has_service ? "officer" : "service",
                             _("Transfer the ticket either to a service or to an officer"));
      return;
    }

  if (has_officer)
    {
      if (!pst_json_get_string (body, "officer", TRUE, &officer, &error) ||
          !reassign (request->store, state->id, officer, request->principal->officer_id,
                     request->now, &invalid, &error))
        {
          if (invalid != NULL)
            pst_request_reply_invalid (request, invalid, error);
          else
            pst_request_reply_gerror (request, error);
          return;
        }

      detail = json_object_new ();
      set_string_member (detail, "from", state->officer);
      json_object_set_string_member (detail, "to", officer);
      if (!pst_request_audit (request, "ticket.reassign", "ticket", state->id, office->code,
                              json_node_init_object (json_node_alloc (), detail), &error))
        {
          pst_request_reply_gerror (request, error);
          return;
        }

      answer_ticket (request, office, state->id, "ticket.transferred", SOUP_STATUS_OK, NULL);
      return;
    }

  if (!pst_json_get_enum (body, "service", TRUE, PST_JSON_ENUM_FROM_STRING (pst_service),
                          (int *) &service, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (!pst_queue_transfer (request->store, office, state->id, service,
                           request->principal->officer_id, request->now, &new_id, &error))
    {
      if (g_error_matches (error, PST_ERROR, PST_ERROR_INVALID))
        pst_request_reply_invalid (request, "service", error);
      else
        pst_request_reply_gerror (request, error);
      return;
    }

  old_row = load_ticket_row (request->store, office, state->id, &error);
  if (old_row == NULL ||
      !pst_request_append_event (request, "ticket.transferred", office->code,
                                 ticket_row_to_json (old_row, office, FALSE), &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  answer_ticket (request, office, new_id, "ticket.issued", SOUP_STATUS_OK, NULL);
}

/* PUT /tickets/{id}/guest-book */
static void
guest_book_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TicketState) state = NULL;
  g_autoptr(PstQueueOffice) office = NULL;
  g_autoptr(PstGuestBook) guest_book = NULL;
  g_autofree char *field = NULL;
  JsonObject *body;

  state = request_ticket (request);
  if (state == NULL)
    return;

  office = request_office (request, state->office);
  if (office == NULL)
    return;

  if (state->status == PST_TICKET_STATUS_TRANSFERRED)
    {
      pst_request_reply_error (request, SOUP_STATUS_CONFLICT, PST_API_ERROR_CONFLICT, NULL,
                               _("This ticket was transferred; fill in the guest book of its new "
                                 "ticket"));
      return;
    }

  if (is_kiosk (request))
    {
      g_autofree char *today = pst_queue_office_service_date (office, request->now);

      if (state->has_guest_book)
        {
          pst_request_reply_error (request, SOUP_STATUS_CONFLICT, PST_API_ERROR_CONFLICT, NULL,
                                   _("This ticket already has a guest book entry; an officer can "
                                     "correct it"));
          return;
        }
      if (g_strcmp0 (today, state->service_date) != 0)
        {
          pst_request_reply_error (request, SOUP_STATUS_CONFLICT, PST_API_ERROR_CONFLICT, NULL,
                                   _("A kiosk can fill in the guest book of today's tickets only"));
          return;
        }
    }

  body = pst_request_get_body_object (request, &error);
  if (body == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  guest_book = pst_queue_guest_book_from_json (body, &field, &error);
  if (guest_book == NULL)
    {
      reply_guest_book_error (request, NULL, field, error);
      return;
    }

  if (!pst_queue_set_guest_book (request->store, office, state->id, guest_book,
                                 request->principal->officer_id, request->now, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (!audit_guest_book (request, state->id, office->code))
    return;

  answer_ticket (request, office, state->id, "ticket.guest_book", SOUP_STATUS_OK, NULL);
}

static const PstRoute routes[] = {
  { "POST", "/offices/{code}/tickets", issue_cb,
    PST_ACCESS (PST_ROLES_ANY_TOKEN, PATH, "code") },
  { "GET", "/offices/{code}/tickets", list_cb,
    PST_ACCESS (PST_ROLES_STAFF, PATH, "code") },
  { "POST", "/offices/{code}/tickets/call-next", call_next_cb,
    PST_ACCESS (PST_ROLES_STAFF, PATH, "code") },
  { "GET", "/tickets/{id}", get_cb,
    PST_ACCESS (PST_ROLES_STAFF, RESOURCE, NULL) },
  { "POST", "/tickets/{id}/start", start_cb,
    PST_ACCESS (PST_ROLES_STAFF, RESOURCE, NULL) },
  { "POST", "/tickets/{id}/finish", finish_cb,
    PST_ACCESS (PST_ROLES_STAFF, RESOURCE, NULL) },
  { "POST", "/tickets/{id}/no-show", no_show_cb,
    PST_ACCESS (PST_ROLES_STAFF, RESOURCE, NULL) },
  { "POST", "/tickets/{id}/recall", recall_cb,
    PST_ACCESS (PST_ROLES_STAFF, RESOURCE, NULL) },
  { "POST", "/tickets/{id}/requeue", requeue_cb,
    PST_ACCESS (PST_ROLES_STAFF, RESOURCE, NULL) },
  { "POST", "/tickets/{id}/transfer", transfer_cb,
    PST_ACCESS (PST_ROLES_STAFF, RESOURCE, NULL) },
  { "PUT", "/tickets/{id}/guest-book", guest_book_cb,
    PST_ACCESS (PST_ROLES_ANY_TOKEN, RESOURCE, NULL) },
};

const PstRoute *
pst_route_queue_get_routes (guint *n_routes)
{
  g_return_val_if_fail (n_routes != NULL, NULL);

  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
