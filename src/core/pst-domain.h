/* pst-domain.h: the value types of the domain, as API.md shapes them.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pst-enums.h"
#include "pst-holidays.h"

G_BEGIN_DECLS

/* Every type here is a plain struct whose fields are read and written
 * directly. Each has `_new()` (fields empty or at the documented default),
 * `_copy()` (deep), `_free()` (NULL-safe), `_equal()` (field by field, for
 * tests and for skipping needless updates) and a boxed GType.
 *
 * Conventions shared by all of them:
 * - Instants are gint64 microseconds since the epoch, UTC; an instant that
 *   is not set (JSON null) is PST_TIME_UNSET.
 * - Strings are UTF-8 `char *`, NULL when absent (JSON null).
 * - IDs of other resources (office codes, officer IDs…) are strings.
 * - Lists are GPtrArrays that own their elements (they were created with
 *   the element type's free function); `_new()` creates them empty.
 * - An enumeration that may be null in JSON has a `has_*` flag beside it.
 */

#ifndef PST_TIME_UNSET
#define PST_TIME_UNSET G_MININT64
#endif

/* The IKM survey has 9 elements, each scored 1–4 (DOMAIN.md). */
#define PST_RATING_N_SCORES 9
#define PST_RATING_SCORE_MIN 1
#define PST_RATING_SCORE_MAX 4

/* The type of the frame that tells a client its `since` is too old. */
#define PST_EVENT_TYPE_RESYNC "resync"

/* API.md's error codes. */
#define PST_API_ERROR_INVALID_JSON      "invalid_json"
#define PST_API_ERROR_INVALID_FIELD     "invalid_field"
#define PST_API_ERROR_UNAUTHORIZED      "unauthorized"
#define PST_API_ERROR_FORBIDDEN         "forbidden"
#define PST_API_ERROR_NOT_FOUND         "not_found"
#define PST_API_ERROR_CONFLICT          "conflict"
#define PST_API_ERROR_RATE_LIMITED      "rate_limited"
#define PST_API_ERROR_PAYLOAD_TOO_LARGE "payload_too_large"
#define PST_API_ERROR_INTERNAL          "internal"

/* An account: officer, supervisor, admin or kiosk. The workload counts
 * are only filled in for GET /officers (has_workload); JSON nests them
 * as `workload {tickets, consultations, overdue}`.
 */
typedef struct
{
  char       *id;
  char       *username;
  char       *name;
  PstRole     role;
  char       *office;      /* NULL for an admin */
  char       *desk;        /* NULL when not at a desk */
  PstPresence presence;    /* default offline */

  gboolean    has_workload;
  int         workload_tickets;        /* tickets called or being served */
  int         workload_consultations;  /* open consultations assigned */
  int         workload_overdue;        /* of those, with a breached SLA */
} PstOfficer;

/* An office's opening hours on one weekday (1 Monday … 7 Sunday), in
 * minutes after local midnight; JSON has "HH:MM" strings.
 */
typedef struct
{
  int weekday;
  int open_minute;
  int close_minute;
} PstServiceHours;

/* An office's service standard (Standar Pelayanan). A target of 0 means
 * the office has none of its own (JSON null).
 */
typedef struct
{
  int             walkin_wait_min;
  int             session_max_min;                      /* 0 = none */
  int             web_response_working_days;
  int             whatsapp_first_response_working_days; /* 0 = none */
  int             email_response_working_days;          /* 0 = none */
  int             idle_close_amount;
  PstDurationUnit idle_close_unit;
  int             complaint_response_working_days;
} PstStandard;

/* One way of lodging a complaint with an office, e.g. email + address. */
typedef struct
{
  PstComplaintChannel kind;
  char               *value;
} PstComplaintChannelEntry;

typedef struct
{
  char             *code;
  char             *name;
  char             *timezone;          /* IANA identifier */
  char             *sk_number;
  char             *address;
  char             *phone;
  PstGuestBookStage guest_book_stage;  /* default front_office */
  GPtrArray        *service_hours;     /* of PstServiceHours */
  GPtrArray        *holidays;          /* of PstHoliday */
  PstStandard      *standard;          /* NULL when not given */
  GPtrArray        *complaint_channels; /* of PstComplaintChannelEntry */
} PstOffice;

/* A walk-in visitor's guest book entry. The API only ever sends a masked
 * ID number (`id_number_masked`); a PUT carries the full number in
 * `id_number`, which is decoded into @id_number, is never encoded, and is
 * wiped from memory when the value is freed.
 */
typedef struct
{
  char     *name;
  PstIdType id_type;
  char     *id_number;         /* full number, inbound only */
  char     *id_number_masked;
  char     *email;
  char     *phone;
  char     *institution;
  char     *occupation;
  char     *purpose;
} PstGuestBook;

/* One step of a ticket's life. @action is a wire word such as "issued",
 * "called", "started", "finished", "no_show", "recalled", "requeued",
 * "transferred" or "guest_book"; JSON names the statuses "from" (null
 * when the ticket had none) and "to".
 */
typedef struct
{
  gint64          at;
  char           *action;
  gboolean        has_from_status;
  PstTicketStatus from_status;
  PstTicketStatus to_status;
  char           *officer;
  char           *detail;
} PstTicketHistoryEntry;

typedef struct
{
  char           *id;
  char           *office;
  char           *number;      /* "K-001" */
  PstService      service;
  PstTicketStatus status;      /* default waiting */
  char           *desk;
  char           *officer;
  gint64          issued_at;
  gint64          called_at;
  gint64          started_at;
  gint64          finished_at;
  gint64          wait_due;
  PstGuestBook   *guest_book;  /* NULL when not filled in */
  gboolean        has_topic;   /* set once finished */
  PstCategory     topic;
  char           *outcome;
  char           *notes;
  GPtrArray      *history;     /* of PstTicketHistoryEntry */
} PstTicket;

/* A requester of a consultation, or the reporter of a complaint. */
typedef struct
{
  char *name;
  char *email;
  char *phone;
} PstRequester;

typedef struct
{
  gint64        first_response_due;
  gint64        idle_close_at;   /* PST_TIME_UNSET when not counting */
  PstBadgeState state;
  gint64        first_response_at;  /* PST_TIME_UNSET while unanswered */
} PstSla;

/* What a requester searched in the knowledge base before asking. */
typedef struct
{
  char      *query;
  GPtrArray *viewed;   /* of char *, article IDs */
} PstKbSearched;

typedef struct
{
  PstFollowUpMode mode;
  gint64          at;
  char           *link;   /* Zoom link, or NULL */
} PstFollowUp;

typedef struct
{
  char                 *id;
  char                 *consultation;
  PstAuthor             author;
  char                 *officer;         /* NULL unless an officer wrote it */
  char                 *officer_name;    /* the officer's name, when the server gave it */
  char                 *body;
  GPtrArray            *kb_article_ids;  /* of char * */
  gint64                at;
} PstMessage;

typedef struct
{
  char                 *id;
  char                 *office;
  PstChannel            channel;
  char                 *subject;
  PstCategory           category;
  PstConsultationStatus status;          /* default open */
  gboolean              has_resolution;
  PstResolution         resolution;
  PstRequester         *requester;       /* NULL when not given */
  char                 *assignee;        /* officer ID, NULL if unassigned */
  char                 *assignee_name;   /* the assignee's name, when the server gave it */
  gint64                created_at;
  PstSla               *sla;             /* NULL when not given */
  PstKbSearched        *kb_searched;     /* NULL when not recorded */
  PstFollowUp          *follow_up;       /* NULL when none planned */
  gint64                last_message_at;
  GPtrArray            *messages;        /* of PstMessage; NULL when not
                                          * loaded (only GET /consultations/ID
                                          * sends them) */
} PstConsultation;

typedef struct
{
  char       *id;
  char       *external_id;
  PstLang     lang;
  char       *title;
  char       *body;
  GPtrArray  *tags;      /* of char * */
  PstCategory category;
  char       *office;    /* NULL = national */
  gint64      updated_at;
  int         views;
  int         helpful;
  int         not_helpful;
} PstKbArticle;

/* One IKM survey answer, about either a consultation or a ticket. */
typedef struct
{
  char      *id;
  char      *office;
  char      *consultation;
  char      *ticket;
  char      *officer;
  PstChannel channel;
  int        scores[PST_RATING_N_SCORES];
  char      *comment;
  gint64     created_at;
} PstRating;

typedef struct
{
  char               *id;
  char               *office;
  PstComplaintChannel channel;
  PstRequester       *reporter;      /* NULL when anonymous */
  char               *body;
  char               *consultation;
  PstComplaintStatus  status;        /* default received */
  gint64              received_at;
  gint64              response_due;
  char               *response;
  gint64              responded_at;
} PstComplaint;

/* An entry of the change log. @data is any JSON value the event type
 * defines (usually the changed resource), or NULL.
 */
typedef struct
{
  gint64    seq;
  char     *type;     /* "ticket.called" */
  gint64    at;
  char     *office;   /* NULL for events not tied to an office */
  JsonNode *data;
} PstEvent;

/* The body of an API error: `{"error": {code, message, field}}`. */
typedef struct
{
  char *code;     /* one of PST_API_ERROR_* */
  char *message;  /* localized */
  char *field;    /* path of the offending field, or NULL */
} PstApiError;

#define PST_TYPE_OFFICER                (pst_officer_get_type ())
#define PST_TYPE_SERVICE_HOURS          (pst_service_hours_get_type ())
#define PST_TYPE_STANDARD               (pst_standard_get_type ())
#define PST_TYPE_COMPLAINT_CHANNEL_ENTRY (pst_complaint_channel_entry_get_type ())
#define PST_TYPE_OFFICE                 (pst_office_get_type ())
#define PST_TYPE_GUEST_BOOK             (pst_guest_book_get_type ())
#define PST_TYPE_TICKET_HISTORY_ENTRY   (pst_ticket_history_entry_get_type ())
#define PST_TYPE_TICKET                 (pst_ticket_get_type ())
#define PST_TYPE_REQUESTER              (pst_requester_get_type ())
#define PST_TYPE_SLA                    (pst_sla_get_type ())
#define PST_TYPE_KB_SEARCHED            (pst_kb_searched_get_type ())
#define PST_TYPE_FOLLOW_UP              (pst_follow_up_get_type ())
#define PST_TYPE_MESSAGE                (pst_message_get_type ())
#define PST_TYPE_CONSULTATION           (pst_consultation_get_type ())
#define PST_TYPE_KB_ARTICLE             (pst_kb_article_get_type ())
#define PST_TYPE_RATING                 (pst_rating_get_type ())
#define PST_TYPE_COMPLAINT              (pst_complaint_get_type ())
#define PST_TYPE_EVENT                  (pst_event_get_type ())
#define PST_TYPE_API_ERROR              (pst_api_error_get_type ())

/* Declares the boxed type, copy, free, equal and autoptr of one type. */
#define PST_DECLARE_VALUE_TYPE(Type, prefix) \
  GType  prefix##_get_type (void) G_GNUC_CONST; \
  Type  *prefix##_copy     (const Type *self); \
  void   prefix##_free     (Type       *self); \
  gboolean prefix##_equal  (const Type *a, \
                            const Type *b); \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (Type, prefix##_free)

PST_DECLARE_VALUE_TYPE (PstOfficer, pst_officer)
PST_DECLARE_VALUE_TYPE (PstServiceHours, pst_service_hours)
PST_DECLARE_VALUE_TYPE (PstStandard, pst_standard)
PST_DECLARE_VALUE_TYPE (PstComplaintChannelEntry, pst_complaint_channel_entry)
PST_DECLARE_VALUE_TYPE (PstOffice, pst_office)
PST_DECLARE_VALUE_TYPE (PstGuestBook, pst_guest_book)
PST_DECLARE_VALUE_TYPE (PstTicketHistoryEntry, pst_ticket_history_entry)
PST_DECLARE_VALUE_TYPE (PstTicket, pst_ticket)
PST_DECLARE_VALUE_TYPE (PstRequester, pst_requester)
PST_DECLARE_VALUE_TYPE (PstSla, pst_sla)
PST_DECLARE_VALUE_TYPE (PstKbSearched, pst_kb_searched)
PST_DECLARE_VALUE_TYPE (PstFollowUp, pst_follow_up)
PST_DECLARE_VALUE_TYPE (PstMessage, pst_message)
PST_DECLARE_VALUE_TYPE (PstConsultation, pst_consultation)
PST_DECLARE_VALUE_TYPE (PstKbArticle, pst_kb_article)
PST_DECLARE_VALUE_TYPE (PstRating, pst_rating)
PST_DECLARE_VALUE_TYPE (PstComplaint, pst_complaint)
PST_DECLARE_VALUE_TYPE (PstEvent, pst_event)
PST_DECLARE_VALUE_TYPE (PstApiError, pst_api_error)

PstOfficer               *pst_officer_new                 (void);
PstServiceHours          *pst_service_hours_new           (int                  weekday,
                                                           int                  open_minute,
                                                           int                  close_minute);
/* DOMAIN.md's common standard: 10 min wait, no session limit, 3 working
 * days online, no WhatsApp or email target of its own, idle close after
 * 7 days, complaints within 5 working days.
 */
PstStandard              *pst_standard_new                (void);
PstComplaintChannelEntry *pst_complaint_channel_entry_new (PstComplaintChannel  kind,
                                                           const char          *value);
PstOffice                *pst_office_new                  (void);
PstGuestBook             *pst_guest_book_new              (void);
PstTicketHistoryEntry    *pst_ticket_history_entry_new    (void);
PstTicket                *pst_ticket_new                  (void);
PstRequester             *pst_requester_new               (const char          *name,
                                                           const char          *email,
                                                           const char          *phone);
PstSla                   *pst_sla_new                     (void);
PstKbSearched            *pst_kb_searched_new             (const char          *query);
PstFollowUp              *pst_follow_up_new               (PstFollowUpMode      mode,
                                                           gint64               at,
                                                           const char          *link);
PstMessage               *pst_message_new                 (void);
PstConsultation          *pst_consultation_new            (void);
PstKbArticle             *pst_kb_article_new              (void);
PstRating                *pst_rating_new                  (void);
PstComplaint             *pst_complaint_new               (void);
/* Takes ownership of @data, which may be NULL. */
PstEvent                 *pst_event_new                   (const char          *type,
                                                           const char          *office,
                                                           JsonNode            *data);
PstApiError              *pst_api_error_new               (const char          *code,
                                                           const char          *message,
                                                           const char          *field);

G_END_DECLS
