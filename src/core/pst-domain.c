/* pst-domain.c: the value types of the domain, as API.md shapes them.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-domain.h"

#include <string.h>

/* Copies or compares one value of a domain type. */
typedef gpointer (*CopyFunc) (gconstpointer value);
typedef gboolean (*EqualFunc) (gconstpointer a,
                               gconstpointer b);

G_DEFINE_BOXED_TYPE (PstOfficer, pst_officer, pst_officer_copy, pst_officer_free)
G_DEFINE_BOXED_TYPE (PstServiceHours, pst_service_hours, pst_service_hours_copy, pst_service_hours_free)
G_DEFINE_BOXED_TYPE (PstStandard, pst_standard, pst_standard_copy, pst_standard_free)
G_DEFINE_BOXED_TYPE (PstComplaintChannelEntry, pst_complaint_channel_entry,
                     pst_complaint_channel_entry_copy, pst_complaint_channel_entry_free)
G_DEFINE_BOXED_TYPE (PstOffice, pst_office, pst_office_copy, pst_office_free)
G_DEFINE_BOXED_TYPE (PstGuestBook, pst_guest_book, pst_guest_book_copy, pst_guest_book_free)
G_DEFINE_BOXED_TYPE (PstTicketHistoryEntry, pst_ticket_history_entry,
                     pst_ticket_history_entry_copy, pst_ticket_history_entry_free)
G_DEFINE_BOXED_TYPE (PstTicket, pst_ticket, pst_ticket_copy, pst_ticket_free)
G_DEFINE_BOXED_TYPE (PstRequester, pst_requester, pst_requester_copy, pst_requester_free)
G_DEFINE_BOXED_TYPE (PstSla, pst_sla, pst_sla_copy, pst_sla_free)
G_DEFINE_BOXED_TYPE (PstKbSearched, pst_kb_searched, pst_kb_searched_copy, pst_kb_searched_free)
G_DEFINE_BOXED_TYPE (PstFollowUp, pst_follow_up, pst_follow_up_copy, pst_follow_up_free)
G_DEFINE_BOXED_TYPE (PstMessage, pst_message, pst_message_copy, pst_message_free)
G_DEFINE_BOXED_TYPE (PstConsultation, pst_consultation, pst_consultation_copy, pst_consultation_free)
G_DEFINE_BOXED_TYPE (PstKbArticle, pst_kb_article, pst_kb_article_copy, pst_kb_article_free)
G_DEFINE_BOXED_TYPE (PstRating, pst_rating, pst_rating_copy, pst_rating_free)
G_DEFINE_BOXED_TYPE (PstComplaint, pst_complaint, pst_complaint_copy, pst_complaint_free)
G_DEFINE_BOXED_TYPE (PstEvent, pst_event, pst_event_copy, pst_event_free)
G_DEFINE_BOXED_TYPE (PstApiError, pst_api_error, pst_api_error_copy, pst_api_error_free)

/* Private helpers shared by the types. */

static GPtrArray *
string_array_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static gpointer
copy_string_cb (gconstpointer src,
                gpointer      user_data)
{
  return g_strdup (src);
}

static GPtrArray *
string_array_copy (GPtrArray *array)
{
  if (array == NULL)
    return NULL;

  return g_ptr_array_copy (array, copy_string_cb, NULL);
}

static gpointer
copy_with_cb (gconstpointer src,
              gpointer      user_data)
{
  CopyFunc copy = (CopyFunc) user_data;

  return copy (src);
}

/* Deep-copies an array of values; the copy frees its elements with
 * @free_func as the original does.
 */
static GPtrArray *
value_array_copy (GPtrArray      *array,
                  CopyFunc        copy,
                  GDestroyNotify  free_func)
{
  GPtrArray *result;

  if (array == NULL)
    return NULL;

  result = g_ptr_array_copy (array, copy_with_cb, (gpointer) copy);
  g_ptr_array_set_free_func (result, free_func);

  return result;
}

static gboolean
array_equal (GPtrArray *a,
             GPtrArray *b,
             EqualFunc  equal)
{
  if (a == NULL || b == NULL)
    return a == b;

  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
string_equal_cb (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (a, b) == 0;
}

static gboolean
string_array_equal (GPtrArray *a,
                    GPtrArray *b)
{
  return array_equal (a, b, string_equal_cb);
}

/* Compares two optional values with @equal, NULL being equal to NULL. */
static gboolean
optional_equal (gconstpointer a,
                gconstpointer b,
                EqualFunc     equal)
{
  if (a == NULL || b == NULL)
    return a == b;

  return equal (a, b);
}

static gboolean
holiday_equal_cb (gconstpointer a,
                  gconstpointer b)
{
  const PstHoliday *ha = a;
  const PstHoliday *hb = b;

  return g_date_compare (&ha->date, &hb->date) == 0 &&
         g_strcmp0 (ha->name, hb->name) == 0 &&
         g_strcmp0 (ha->name_en, hb->name_en) == 0 &&
         ha->kind == hb->kind &&
         g_strcmp0 (ha->office, hb->office) == 0;
}

/* Frees a string that may hold personal data, overwriting it first. */
static void
free_secret (char *str)
{
  if (str == NULL)
    return;

  explicit_bzero (str, strlen (str));
  g_free (str);
}

/* PstOfficer */

PstOfficer *
pst_officer_new (void)
{
  PstOfficer *self = g_new0 (PstOfficer, 1);

  self->role = PST_ROLE_OFFICER;
  self->presence = PST_PRESENCE_OFFLINE;

  return self;
}

PstOfficer *
pst_officer_copy (const PstOfficer *self)
{
  PstOfficer *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id = g_strdup (self->id);
  copy->username = g_strdup (self->username);
  copy->name = g_strdup (self->name);
  copy->office = g_strdup (self->office);
  copy->desk = g_strdup (self->desk);

  return copy;
}

void
pst_officer_free (PstOfficer *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->username);
  g_free (self->name);
  g_free (self->office);
  g_free (self->desk);
  g_free (self);
}

gboolean
pst_officer_equal (const PstOfficer *a,
                   const PstOfficer *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->has_workload != b->has_workload)
    return FALSE;

  if (a->has_workload &&
      (a->workload_tickets != b->workload_tickets ||
       a->workload_consultations != b->workload_consultations ||
       a->workload_overdue != b->workload_overdue))
    return FALSE;

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->username, b->username) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         a->role == b->role &&
         g_strcmp0 (a->office, b->office) == 0 &&
         g_strcmp0 (a->desk, b->desk) == 0 &&
         a->presence == b->presence;
}

/* PstServiceHours */

PstServiceHours *
pst_service_hours_new (int weekday,
                       int open_minute,
                       int close_minute)
{
  PstServiceHours *self = g_new0 (PstServiceHours, 1);

  self->weekday = weekday;
  self->open_minute = open_minute;
  self->close_minute = close_minute;

  return self;
}

PstServiceHours *
pst_service_hours_copy (const PstServiceHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
pst_service_hours_free (PstServiceHours *self)
{
  g_free (self);
}

gboolean
pst_service_hours_equal (const PstServiceHours *a,
                         const PstServiceHours *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->weekday == b->weekday &&
         a->open_minute == b->open_minute &&
         a->close_minute == b->close_minute;
}

/* PstStandard */

PstStandard *
pst_standard_new (void)
{
  PstStandard *self = g_new0 (PstStandard, 1);

  self->walkin_wait_min = 10;
  self->session_max_min = 0;
  self->web_response_working_days = 3;
  self->whatsapp_first_response_working_days = 0;
  self->email_response_working_days = 0;
  self->idle_close_amount = 7;
  self->idle_close_unit = PST_DURATION_UNIT_DAYS;
  self->complaint_response_working_days = 5;

  return self;
}

PstStandard *
pst_standard_copy (const PstStandard *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
pst_standard_free (PstStandard *self)
{
  g_free (self);
}

gboolean
pst_standard_equal (const PstStandard *a,
                    const PstStandard *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->walkin_wait_min == b->walkin_wait_min &&
         a->session_max_min == b->session_max_min &&
         a->web_response_working_days == b->web_response_working_days &&
         a->whatsapp_first_response_working_days == b->whatsapp_first_response_working_days &&
         a->email_response_working_days == b->email_response_working_days &&
         a->idle_close_amount == b->idle_close_amount &&
         a->idle_close_unit == b->idle_close_unit &&
         a->complaint_response_working_days == b->complaint_response_working_days;
}

/* PstComplaintChannelEntry */

PstComplaintChannelEntry *
pst_complaint_channel_entry_new (PstComplaintChannel  kind,
                                 const char          *value)
{
  PstComplaintChannelEntry *self = g_new0 (PstComplaintChannelEntry, 1);

  self->kind = kind;
  self->value = g_strdup (value);

  return self;
}

PstComplaintChannelEntry *
pst_complaint_channel_entry_copy (const PstComplaintChannelEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pst_complaint_channel_entry_new (self->kind, self->value);
}

void
pst_complaint_channel_entry_free (PstComplaintChannelEntry *self)
{
  if (self == NULL)
    return;

  g_free (self->value);
  g_free (self);
}

gboolean
pst_complaint_channel_entry_equal (const PstComplaintChannelEntry *a,
                                   const PstComplaintChannelEntry *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->kind == b->kind && g_strcmp0 (a->value, b->value) == 0;
}

/* PstOffice */

PstOffice *
pst_office_new (void)
{
  PstOffice *self = g_new0 (PstOffice, 1);

  self->guest_book_stage = PST_GUEST_BOOK_FRONT_OFFICE;
  self->service_hours = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_service_hours_free);
  self->holidays = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_holiday_free);
  self->complaint_channels =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pst_complaint_channel_entry_free);

  return self;
}

PstOffice *
pst_office_copy (const PstOffice *self)
{
  PstOffice *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (PstOffice, 1);
  copy->code = g_strdup (self->code);
  copy->name = g_strdup (self->name);
  copy->timezone = g_strdup (self->timezone);
  copy->sk_number = g_strdup (self->sk_number);
  copy->address = g_strdup (self->address);
  copy->phone = g_strdup (self->phone);
  copy->guest_book_stage = self->guest_book_stage;
  copy->service_hours = value_array_copy (self->service_hours,
                                          (CopyFunc) pst_service_hours_copy,
                                          (GDestroyNotify) pst_service_hours_free);
  copy->holidays = value_array_copy (self->holidays,
                                     (CopyFunc) pst_holiday_copy,
                                     (GDestroyNotify) pst_holiday_free);
  copy->standard = self->standard ? pst_standard_copy (self->standard) : NULL;
  copy->complaint_channels = value_array_copy (self->complaint_channels,
                                               (CopyFunc) pst_complaint_channel_entry_copy,
                                               (GDestroyNotify) pst_complaint_channel_entry_free);

  return copy;
}

void
pst_office_free (PstOffice *self)
{
  if (self == NULL)
    return;

  g_free (self->code);
  g_free (self->name);
  g_free (self->timezone);
  g_free (self->sk_number);
  g_free (self->address);
  g_free (self->phone);
  g_clear_pointer (&self->service_hours, g_ptr_array_unref);
  g_clear_pointer (&self->holidays, g_ptr_array_unref);
  g_clear_pointer (&self->standard, pst_standard_free);
  g_clear_pointer (&self->complaint_channels, g_ptr_array_unref);
  g_free (self);
}

gboolean
pst_office_equal (const PstOffice *a,
                  const PstOffice *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_strcmp0 (a->code, b->code) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->timezone, b->timezone) == 0 &&
         g_strcmp0 (a->sk_number, b->sk_number) == 0 &&
         g_strcmp0 (a->address, b->address) == 0 &&
         g_strcmp0 (a->phone, b->phone) == 0 &&
         a->guest_book_stage == b->guest_book_stage &&
         array_equal (a->service_hours, b->service_hours, (EqualFunc) pst_service_hours_equal) &&
         array_equal (a->holidays, b->holidays, holiday_equal_cb) &&
         optional_equal (a->standard, b->standard, (EqualFunc) pst_standard_equal) &&
         array_equal (a->complaint_channels, b->complaint_channels,
                      (EqualFunc) pst_complaint_channel_entry_equal);
}

/* PstGuestBook */

PstGuestBook *
pst_guest_book_new (void)
{
  PstGuestBook *self = g_new0 (PstGuestBook, 1);

  self->id_type = PST_ID_TYPE_KTP;

  return self;
}

PstGuestBook *
pst_guest_book_copy (const PstGuestBook *self)
{
  PstGuestBook *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (PstGuestBook, 1);
  copy->name = g_strdup (self->name);
  copy->id_type = self->id_type;
  copy->id_number = g_strdup (self->id_number);
  copy->id_number_masked = g_strdup (self->id_number_masked);
  copy->email = g_strdup (self->email);
  copy->phone = g_strdup (self->phone);
  copy->institution = g_strdup (self->institution);
  copy->occupation = g_strdup (self->occupation);
  copy->purpose = g_strdup (self->purpose);

  return copy;
}

void
pst_guest_book_free (PstGuestBook *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  free_secret (self->id_number);
  g_free (self->id_number_masked);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->institution);
  g_free (self->occupation);
  g_free (self->purpose);
  g_free (self);
}

gboolean
pst_guest_book_equal (const PstGuestBook *a,
                      const PstGuestBook *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_strcmp0 (a->name, b->name) == 0 &&
         a->id_type == b->id_type &&
         g_strcmp0 (a->id_number, b->id_number) == 0 &&
         g_strcmp0 (a->id_number_masked, b->id_number_masked) == 0 &&
         g_strcmp0 (a->email, b->email) == 0 &&
         g_strcmp0 (a->phone, b->phone) == 0 &&
         g_strcmp0 (a->institution, b->institution) == 0 &&
         g_strcmp0 (a->occupation, b->occupation) == 0 &&
         g_strcmp0 (a->purpose, b->purpose) == 0;
}

/* PstTicketHistoryEntry */

PstTicketHistoryEntry *
pst_ticket_history_entry_new (void)
{
  PstTicketHistoryEntry *self = g_new0 (PstTicketHistoryEntry, 1);

  self->at = PST_TIME_UNSET;
  self->to_status = PST_TICKET_STATUS_WAITING;

  return self;
}

PstTicketHistoryEntry *
pst_ticket_history_entry_copy (const PstTicketHistoryEntry *self)
{
  PstTicketHistoryEntry *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->action = g_strdup (self->action);
  copy->officer = g_strdup (self->officer);
  copy->detail = g_strdup (self->detail);

  return copy;
}

void
pst_ticket_history_entry_free (PstTicketHistoryEntry *self)
{
  if (self == NULL)
    return;

  g_free (self->action);
  g_free (self->officer);
  g_free (self->detail);
  g_free (self);
}

gboolean
pst_ticket_history_entry_equal (const PstTicketHistoryEntry *a,
                                const PstTicketHistoryEntry *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->has_from_status != b->has_from_status ||
      (a->has_from_status && a->from_status != b->from_status))
    return FALSE;

  return a->at == b->at &&
         g_strcmp0 (a->action, b->action) == 0 &&
         a->to_status == b->to_status &&
         g_strcmp0 (a->officer, b->officer) == 0 &&
         g_strcmp0 (a->detail, b->detail) == 0;
}

/* PstTicket */

PstTicket *
pst_ticket_new (void)
{
  PstTicket *self = g_new0 (PstTicket, 1);

  self->service = PST_SERVICE_CONSULTATION;
  self->status = PST_TICKET_STATUS_WAITING;
  self->issued_at = PST_TIME_UNSET;
  self->called_at = PST_TIME_UNSET;
  self->started_at = PST_TIME_UNSET;
  self->finished_at = PST_TIME_UNSET;
  self->wait_due = PST_TIME_UNSET;
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_ticket_history_entry_free);

  return self;
}

PstTicket *
pst_ticket_copy (const PstTicket *self)
{
  PstTicket *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id = g_strdup (self->id);
  copy->office = g_strdup (self->office);
  copy->number = g_strdup (self->number);
  copy->desk = g_strdup (self->desk);
  copy->officer = g_strdup (self->officer);
  copy->guest_book = self->guest_book ? pst_guest_book_copy (self->guest_book) : NULL;
  copy->outcome = g_strdup (self->outcome);
  copy->notes = g_strdup (self->notes);
  copy->history = value_array_copy (self->history,
                                    (CopyFunc) pst_ticket_history_entry_copy,
                                    (GDestroyNotify) pst_ticket_history_entry_free);

  return copy;
}

void
pst_ticket_free (PstTicket *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->office);
  g_free (self->number);
  g_free (self->desk);
  g_free (self->officer);
  g_clear_pointer (&self->guest_book, pst_guest_book_free);
  g_free (self->outcome);
  g_free (self->notes);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_free (self);
}

gboolean
pst_ticket_equal (const PstTicket *a,
                  const PstTicket *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->has_topic != b->has_topic || (a->has_topic && a->topic != b->topic))
    return FALSE;

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->office, b->office) == 0 &&
         g_strcmp0 (a->number, b->number) == 0 &&
         a->service == b->service &&
         a->status == b->status &&
         g_strcmp0 (a->desk, b->desk) == 0 &&
         g_strcmp0 (a->officer, b->officer) == 0 &&
         a->issued_at == b->issued_at &&
         a->called_at == b->called_at &&
         a->started_at == b->started_at &&
         a->finished_at == b->finished_at &&
         a->wait_due == b->wait_due &&
         optional_equal (a->guest_book, b->guest_book, (EqualFunc) pst_guest_book_equal) &&
         g_strcmp0 (a->outcome, b->outcome) == 0 &&
         g_strcmp0 (a->notes, b->notes) == 0 &&
         array_equal (a->history, b->history, (EqualFunc) pst_ticket_history_entry_equal);
}

/* PstRequester */

PstRequester *
pst_requester_new (const char *name,
                   const char *email,
                   const char *phone)
{
  PstRequester *self = g_new0 (PstRequester, 1);

  self->name = g_strdup (name);
  self->email = g_strdup (email);
  self->phone = g_strdup (phone);

  return self;
}

PstRequester *
pst_requester_copy (const PstRequester *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pst_requester_new (self->name, self->email, self->phone);
}

void
pst_requester_free (PstRequester *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->email);
  g_free (self->phone);
  g_free (self);
}

gboolean
pst_requester_equal (const PstRequester *a,
                     const PstRequester *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->email, b->email) == 0 &&
         g_strcmp0 (a->phone, b->phone) == 0;
}

/* PstSla */

PstSla *
pst_sla_new (void)
{
  PstSla *self = g_new0 (PstSla, 1);

  self->first_response_due = PST_TIME_UNSET;
  self->idle_close_at = PST_TIME_UNSET;
  self->state = PST_BADGE_OK;
  self->first_response_at = PST_TIME_UNSET;

  return self;
}

PstSla *
pst_sla_copy (const PstSla *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
pst_sla_free (PstSla *self)
{
  g_free (self);
}

gboolean
pst_sla_equal (const PstSla *a,
               const PstSla *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->first_response_due == b->first_response_due &&
         a->idle_close_at == b->idle_close_at &&
         a->state == b->state &&
         a->first_response_at == b->first_response_at;
}

/* PstKbSearched */

PstKbSearched *
pst_kb_searched_new (const char *query)
{
  PstKbSearched *self = g_new0 (PstKbSearched, 1);

  self->query = g_strdup (query);
  self->viewed = string_array_new ();

  return self;
}

PstKbSearched *
pst_kb_searched_copy (const PstKbSearched *self)
{
  PstKbSearched *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (PstKbSearched, 1);
  copy->query = g_strdup (self->query);
  copy->viewed = string_array_copy (self->viewed);

  return copy;
}

void
pst_kb_searched_free (PstKbSearched *self)
{
  if (self == NULL)
    return;

  g_free (self->query);
  g_clear_pointer (&self->viewed, g_ptr_array_unref);
  g_free (self);
}

gboolean
pst_kb_searched_equal (const PstKbSearched *a,
                       const PstKbSearched *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_strcmp0 (a->query, b->query) == 0 &&
         string_array_equal (a->viewed, b->viewed);
}

/* PstFollowUp */

PstFollowUp *
pst_follow_up_new (PstFollowUpMode  mode,
                   gint64           at,
                   const char      *link)
{
  PstFollowUp *self = g_new0 (PstFollowUp, 1);

  self->mode = mode;
  self->at = at;
  self->link = g_strdup (link);

  return self;
}

PstFollowUp *
pst_follow_up_copy (const PstFollowUp *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pst_follow_up_new (self->mode, self->at, self->link);
}

void
pst_follow_up_free (PstFollowUp *self)
{
  if (self == NULL)
    return;

  g_free (self->link);
  g_free (self);
}

gboolean
pst_follow_up_equal (const PstFollowUp *a,
                     const PstFollowUp *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->mode == b->mode &&
         a->at == b->at &&
         g_strcmp0 (a->link, b->link) == 0;
}

/* PstMessage */

PstMessage *
pst_message_new (void)
{
  PstMessage *self = g_new0 (PstMessage, 1);

  self->author = PST_AUTHOR_REQUESTER;
  self->kb_article_ids = string_array_new ();
  self->at = PST_TIME_UNSET;

  return self;
}

PstMessage *
pst_message_copy (const PstMessage *self)
{
  PstMessage *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id = g_strdup (self->id);
  copy->consultation = g_strdup (self->consultation);
  copy->officer = g_strdup (self->officer);
  copy->officer_name = g_strdup (self->officer_name);
  copy->body = g_strdup (self->body);
  copy->kb_article_ids = string_array_copy (self->kb_article_ids);

  return copy;
}

void
pst_message_free (PstMessage *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->consultation);
  g_free (self->officer);
  g_free (self->officer_name);
  g_free (self->body);
  g_clear_pointer (&self->kb_article_ids, g_ptr_array_unref);
  g_free (self);
}

gboolean
pst_message_equal (const PstMessage *a,
                   const PstMessage *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->consultation, b->consultation) == 0 &&
         a->author == b->author &&
         g_strcmp0 (a->officer, b->officer) == 0 &&
         g_strcmp0 (a->officer_name, b->officer_name) == 0 &&
         g_strcmp0 (a->body, b->body) == 0 &&
         string_array_equal (a->kb_article_ids, b->kb_article_ids) &&
         a->at == b->at;
}

/* PstConsultation */

PstConsultation *
pst_consultation_new (void)
{
  PstConsultation *self = g_new0 (PstConsultation, 1);

  self->channel = PST_CHANNEL_WEB;
  self->category = PST_CATEGORY_OTHER;
  self->status = PST_CONSULTATION_STATUS_OPEN;
  self->created_at = PST_TIME_UNSET;
  self->last_message_at = PST_TIME_UNSET;

  return self;
}

PstConsultation *
pst_consultation_copy (const PstConsultation *self)
{
  PstConsultation *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id = g_strdup (self->id);
  copy->office = g_strdup (self->office);
  copy->subject = g_strdup (self->subject);
  copy->requester = self->requester ? pst_requester_copy (self->requester) : NULL;
  copy->assignee = g_strdup (self->assignee);
  copy->assignee_name = g_strdup (self->assignee_name);
  copy->sla = self->sla ? pst_sla_copy (self->sla) : NULL;
  copy->kb_searched = self->kb_searched ? pst_kb_searched_copy (self->kb_searched) : NULL;
  copy->follow_up = self->follow_up ? pst_follow_up_copy (self->follow_up) : NULL;
  copy->messages = value_array_copy (self->messages,
                                     (CopyFunc) pst_message_copy,
                                     (GDestroyNotify) pst_message_free);

  return copy;
}

void
pst_consultation_free (PstConsultation *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->office);
  g_free (self->subject);
  g_clear_pointer (&self->requester, pst_requester_free);
  g_free (self->assignee);
  g_free (self->assignee_name);
  g_clear_pointer (&self->sla, pst_sla_free);
  g_clear_pointer (&self->kb_searched, pst_kb_searched_free);
  g_clear_pointer (&self->follow_up, pst_follow_up_free);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_free (self);
}

gboolean
pst_consultation_equal (const PstConsultation *a,
                        const PstConsultation *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->has_resolution != b->has_resolution ||
      (a->has_resolution && a->resolution != b->resolution))
    return FALSE;

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->office, b->office) == 0 &&
         a->channel == b->channel &&
         g_strcmp0 (a->subject, b->subject) == 0 &&
         a->category == b->category &&
         a->status == b->status &&
         optional_equal (a->requester, b->requester, (EqualFunc) pst_requester_equal) &&
         g_strcmp0 (a->assignee, b->assignee) == 0 &&
         g_strcmp0 (a->assignee_name, b->assignee_name) == 0 &&
         a->created_at == b->created_at &&
         optional_equal (a->sla, b->sla, (EqualFunc) pst_sla_equal) &&
         optional_equal (a->kb_searched, b->kb_searched, (EqualFunc) pst_kb_searched_equal) &&
         optional_equal (a->follow_up, b->follow_up, (EqualFunc) pst_follow_up_equal) &&
         a->last_message_at == b->last_message_at &&
         array_equal (a->messages, b->messages, (EqualFunc) pst_message_equal);
}

/* PstKbArticle */

PstKbArticle *
pst_kb_article_new (void)
{
  PstKbArticle *self = g_new0 (PstKbArticle, 1);

  self->lang = PST_LANG_ID;
  self->tags = string_array_new ();
  self->category = PST_CATEGORY_OTHER;
  self->updated_at = PST_TIME_UNSET;

  return self;
}

PstKbArticle *
pst_kb_article_copy (const PstKbArticle *self)
{
  PstKbArticle *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id = g_strdup (self->id);
  copy->external_id = g_strdup (self->external_id);
  copy->title = g_strdup (self->title);
  copy->body = g_strdup (self->body);
  copy->tags = string_array_copy (self->tags);
  copy->office = g_strdup (self->office);

  return copy;
}

void
pst_kb_article_free (PstKbArticle *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->external_id);
  g_free (self->title);
  g_free (self->body);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_free (self->office);
  g_free (self);
}

gboolean
pst_kb_article_equal (const PstKbArticle *a,
                      const PstKbArticle *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->external_id, b->external_id) == 0 &&
         a->lang == b->lang &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->body, b->body) == 0 &&
         string_array_equal (a->tags, b->tags) &&
         a->category == b->category &&
         g_strcmp0 (a->office, b->office) == 0 &&
         a->updated_at == b->updated_at &&
         a->views == b->views &&
         a->helpful == b->helpful &&
         a->not_helpful == b->not_helpful;
}

/* PstRating */

PstRating *
pst_rating_new (void)
{
  PstRating *self = g_new0 (PstRating, 1);

  self->channel = PST_CHANNEL_WALK_IN;
  self->created_at = PST_TIME_UNSET;

  return self;
}

PstRating *
pst_rating_copy (const PstRating *self)
{
  PstRating *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id = g_strdup (self->id);
  copy->office = g_strdup (self->office);
  copy->consultation = g_strdup (self->consultation);
  copy->ticket = g_strdup (self->ticket);
  copy->officer = g_strdup (self->officer);
  copy->comment = g_strdup (self->comment);

  return copy;
}

void
pst_rating_free (PstRating *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->office);
  g_free (self->consultation);
  g_free (self->ticket);
  g_free (self->officer);
  g_free (self->comment);
  g_free (self);
}

gboolean
pst_rating_equal (const PstRating *a,
                  const PstRating *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  for (guint i = 0; i < PST_RATING_N_SCORES; i++)
    {
      if (a->scores[i] != b->scores[i])
        return FALSE;
    }

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->office, b->office) == 0 &&
         g_strcmp0 (a->consultation, b->consultation) == 0 &&
         g_strcmp0 (a->ticket, b->ticket) == 0 &&
         g_strcmp0 (a->officer, b->officer) == 0 &&
         a->channel == b->channel &&
         g_strcmp0 (a->comment, b->comment) == 0 &&
         a->created_at == b->created_at;
}

/* PstComplaint */

PstComplaint *
pst_complaint_new (void)
{
  PstComplaint *self = g_new0 (PstComplaint, 1);

  self->channel = PST_COMPLAINT_CHANNEL_WEBSITE;
  self->status = PST_COMPLAINT_STATUS_RECEIVED;
  self->received_at = PST_TIME_UNSET;
  self->response_due = PST_TIME_UNSET;
  self->responded_at = PST_TIME_UNSET;

  return self;
}

PstComplaint *
pst_complaint_copy (const PstComplaint *self)
{
  PstComplaint *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id = g_strdup (self->id);
  copy->office = g_strdup (self->office);
  copy->reporter = self->reporter ? pst_requester_copy (self->reporter) : NULL;
  copy->body = g_strdup (self->body);
  copy->consultation = g_strdup (self->consultation);
  copy->response = g_strdup (self->response);

  return copy;
}

void
pst_complaint_free (PstComplaint *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->office);
  g_clear_pointer (&self->reporter, pst_requester_free);
  g_free (self->body);
  g_free (self->consultation);
  g_free (self->response);
  g_free (self);
}

gboolean
pst_complaint_equal (const PstComplaint *a,
                     const PstComplaint *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->office, b->office) == 0 &&
         a->channel == b->channel &&
         optional_equal (a->reporter, b->reporter, (EqualFunc) pst_requester_equal) &&
         g_strcmp0 (a->body, b->body) == 0 &&
         g_strcmp0 (a->consultation, b->consultation) == 0 &&
         a->status == b->status &&
         a->received_at == b->received_at &&
         a->response_due == b->response_due &&
         g_strcmp0 (a->response, b->response) == 0 &&
         a->responded_at == b->responded_at;
}

/* PstEvent */

PstEvent *
pst_event_new (const char *type,
               const char *office,
               JsonNode   *data)
{
  PstEvent *self = g_new0 (PstEvent, 1);

  self->type = g_strdup (type);
  self->at = PST_TIME_UNSET;
  self->office = g_strdup (office);
  self->data = data;

  return self;
}

PstEvent *
pst_event_copy (const PstEvent *self)
{
  PstEvent *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = pst_event_new (self->type, self->office,
                        self->data ? json_node_copy (self->data) : NULL);
  copy->seq = self->seq;
  copy->at = self->at;

  return copy;
}

void
pst_event_free (PstEvent *self)
{
  if (self == NULL)
    return;

  g_free (self->type);
  g_free (self->office);
  g_clear_pointer (&self->data, json_node_unref);
  g_free (self);
}

gboolean
pst_event_equal (const PstEvent *a,
                 const PstEvent *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->seq == b->seq &&
         g_strcmp0 (a->type, b->type) == 0 &&
         a->at == b->at &&
         g_strcmp0 (a->office, b->office) == 0 &&
         optional_equal (a->data, b->data, (EqualFunc) json_node_equal);
}

/* PstApiError */

PstApiError *
pst_api_error_new (const char *code,
                   const char *message,
                   const char *field)
{
  PstApiError *self = g_new0 (PstApiError, 1);

  self->code = g_strdup (code);
  self->message = g_strdup (message);
  self->field = g_strdup (field);

  return self;
}

PstApiError *
pst_api_error_copy (const PstApiError *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pst_api_error_new (self->code, self->message, self->field);
}

void
pst_api_error_free (PstApiError *self)
{
  if (self == NULL)
    return;

  g_free (self->code);
  g_free (self->message);
  g_free (self->field);
  g_free (self);
}

gboolean
pst_api_error_equal (const PstApiError *a,
                     const PstApiError *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_strcmp0 (a->code, b->code) == 0 &&
         g_strcmp0 (a->message, b->message) == 0 &&
         g_strcmp0 (a->field, b->field) == 0;
}
