/* pst-json.h: the JSON form of the domain types, and reading helpers.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "pst-domain.h"
#include "pst-holidays.h"

G_BEGIN_DECLS

#define PST_JSON_ERROR (pst_json_error_quark ())

/* Why a JSON text or value was refused. An error of this domain carries
 * the path of the offending field (pst_json_error_get_field()), such as
 * "guest_book.email", "scores[3]" or "items[2].status"; NULL when the
 * whole text is at fault. The server answers them with API.md's
 * `invalid_json` and `invalid_field`.
 */
typedef enum
{
  PST_JSON_ERROR_INVALID_JSON,   /* unparseable, too deep, or not an object */
  PST_JSON_ERROR_INVALID_FIELD,  /* wrong type, missing, bad value */
} PstJsonError;

/* How deep objects and arrays may nest in a text we parse. */
#define PST_JSON_MAX_DEPTH 64

/* Encodes or decodes one value of a domain type (cast the typed
 * functions below, e.g. `(PstJsonEncodeFunc) pst_ticket_to_json`).
 */
typedef JsonNode *(*PstJsonEncodeFunc)     (gconstpointer  value);
typedef gpointer  (*PstJsonDecodeFunc)     (JsonNode      *node,
                                            GError       **error);
/* An enumeration's `_from_string()` (pst-enums.h), cast to this type:
 * `PST_JSON_ENUM_FROM_STRING (pst_role)`.
 */
typedef gboolean  (*PstJsonEnumFromString) (const char    *str,
                                            int           *out_value);
#define PST_JSON_ENUM_FROM_STRING(prefix) ((PstJsonEnumFromString) prefix##_from_string)

GQuark      pst_json_error_quark        (void);
const char *pst_json_error_get_field    (const GError  *error);
void        pst_json_error_prefix_field (GError        *error,
                                         const char    *prefix);

/* Text. Parsing is strict RFC 8259 (no comments, single quotes or
 * trailing data), UTF-8 only, at most PST_JSON_MAX_DEPTH deep; integers
 * must fit in 64 bits and strings may not contain U+0000.
 */
JsonNode   *pst_json_parse              (const char    *data,
                                         gssize         len,
                                         GError       **error);
JsonNode   *pst_json_parse_object       (const char    *data,
                                         gssize         len,
                                         GError       **error);
char       *pst_json_to_string          (JsonNode      *node);

/* Reading members of a request body. Each returns FALSE and sets a
 * PST_JSON_ERROR_INVALID_FIELD error naming @member when the member is
 * of the wrong type or value, or is missing (or null) while @required.
 * A member that is absent or null and not @required leaves *@out as it
 * was and returns TRUE. Strings and arrays stored in *@out replace (and
 * free) what was there; a required string may not be empty.
 */
gboolean    pst_json_has_member         (JsonObject    *obj,
                                         const char    *member);
gboolean    pst_json_get_string         (JsonObject    *obj,
                                         const char    *member,
                                         gboolean       required,
                                         char         **out,
                                         GError       **error);
gboolean    pst_json_get_int64          (JsonObject    *obj,
                                         const char    *member,
                                         gboolean       required,
                                         gint64        *out,
                                         GError       **error);
gboolean    pst_json_get_int            (JsonObject    *obj,
                                         const char    *member,
                                         gboolean       required,
                                         int           *out,
                                         GError       **error);
gboolean    pst_json_get_int_range      (JsonObject    *obj,
                                         const char    *member,
                                         gboolean       required,
                                         int            min,
                                         int            max,
                                         int           *out,
                                         GError       **error);
gboolean    pst_json_get_bool           (JsonObject    *obj,
                                         const char    *member,
                                         gboolean       required,
                                         gboolean      *out,
                                         GError       **error);
gboolean    pst_json_get_enum           (JsonObject    *obj,
                                         const char    *member,
                                         gboolean       required,
                                         PstJsonEnumFromString from_string,
                                         int           *out,
                                         GError       **error);
gboolean    pst_json_get_instant        (JsonObject    *obj,
                                         const char    *member,
                                         gboolean       required,
                                         gint64        *out,
                                         GError       **error);
gboolean    pst_json_get_date           (JsonObject    *obj,
                                         const char    *member,
                                         gboolean       required,
                                         GDate         *out,
                                         GError       **error);
gboolean    pst_json_get_string_array   (JsonObject    *obj,
                                         const char    *member,
                                         gboolean       required,
                                         GPtrArray    **out,
                                         GError       **error);
gboolean    pst_json_get_object         (JsonObject    *obj,
                                         const char    *member,
                                         gboolean       required,
                                         JsonObject   **out,
                                         GError       **error);
gboolean    pst_json_get_array          (JsonObject    *obj,
                                         const char    *member,
                                         gboolean       required,
                                         JsonArray    **out,
                                         GError       **error);

/* The codecs. `_to_json()` writes every field of API.md's shape (unset
 * ones as null) and returns a new object node. `_from_json()` takes an
 * object node, checks types, enumerations and ranges, and fills what is
 * absent from `_new()`'s defaults; a node that is not an object is
 * PST_JSON_ERROR_INVALID_JSON. Server-assigned fields (IDs, instants,
 * statuses, counters) are optional, so the same decoder reads a POST
 * body; the fields a client must give are required, as noted.
 */
#define PST_DECLARE_JSON_CODEC(Type, prefix) \
  JsonNode *prefix##_to_json   (const Type *self); \
  Type     *prefix##_from_json (JsonNode   *node, \
                                GError    **error);

/* {date "YYYY-MM-DD", name, name_en (only when set), kind}; date and name
 * required, kind defaults to local. The office is not in the JSON.
 */
PST_DECLARE_JSON_CODEC (PstHoliday, pst_holiday)
/* Required: username, name, role. */
PST_DECLARE_JSON_CODEC (PstOfficer, pst_officer)
/* {weekday, open "HH:MM", close "HH:MM"}, all required, open < close. */
PST_DECLARE_JSON_CODEC (PstServiceHours, pst_service_hours)
/* All optional, defaulting to pst_standard_new(). */
PST_DECLARE_JSON_CODEC (PstStandard, pst_standard)
/* Required: kind, value. */
PST_DECLARE_JSON_CODEC (PstComplaintChannelEntry, pst_complaint_channel_entry)
/* Required: code, name, timezone (a known IANA zone). Local holidays get
 * the office's code.
 */
PST_DECLARE_JSON_CODEC (PstOffice, pst_office)
/* Required: name, id_type. Writes `id_number_masked` only, never the
 * full `id_number` (which it reads).
 */
PST_DECLARE_JSON_CODEC (PstGuestBook, pst_guest_book)
/* Required: at, action, to. */
PST_DECLARE_JSON_CODEC (PstTicketHistoryEntry, pst_ticket_history_entry)
/* Required: service. */
PST_DECLARE_JSON_CODEC (PstTicket, pst_ticket)
/* All optional. */
PST_DECLARE_JSON_CODEC (PstRequester, pst_requester)
/* Required: first_response_due, state. */
PST_DECLARE_JSON_CODEC (PstSla, pst_sla)
/* All optional. */
PST_DECLARE_JSON_CODEC (PstKbSearched, pst_kb_searched)
/* Required: mode, at. */
PST_DECLARE_JSON_CODEC (PstFollowUp, pst_follow_up)
/* Required: body. */
PST_DECLARE_JSON_CODEC (PstMessage, pst_message)
/* Required: subject, category. `messages` is written only when loaded. */
PST_DECLARE_JSON_CODEC (PstConsultation, pst_consultation)
/* Required: lang, title, body. */
PST_DECLARE_JSON_CODEC (PstKbArticle, pst_kb_article)
/* Required: scores (9 of 1–4), and exactly one of consultation, ticket. */
PST_DECLARE_JSON_CODEC (PstRating, pst_rating)
/* Required: office, channel, body. */
PST_DECLARE_JSON_CODEC (PstComplaint, pst_complaint)
/* Required: type (so `{"type":"resync"}` decodes); data is any value. */
PST_DECLARE_JSON_CODEC (PstEvent, pst_event)
/* The whole error body, `{"error": {code, message, field}}`. */
PST_DECLARE_JSON_CODEC (PstApiError, pst_api_error)

/* The short form GET /offices lists: {code, name, timezone}. */
JsonNode    *pst_office_summary_to_json    (const PstOffice   *self);

/* The API error for a failure: PST_JSON_ERROR becomes invalid_json or
 * invalid_field with its field, PST_ERROR's not-found and conflict their
 * codes, anything else `internal` with a generic message.
 */
PstApiError *pst_api_error_new_from_error  (const GError      *error);

/* Arrays and envelopes. Decoding errors name the element, as in
 * "[3].title" or "items[3].title".
 */
JsonNode    *pst_json_array_encode         (GPtrArray         *items,
                                            PstJsonEncodeFunc  encode);
GPtrArray   *pst_json_array_decode         (JsonNode          *node,
                                            PstJsonDecodeFunc  decode,
                                            GDestroyNotify     free_func,
                                            GError           **error);
/* `{"items": [...], "next_cursor": "…" | null}` */
JsonNode    *pst_json_list_to_json         (GPtrArray         *items,
                                            PstJsonEncodeFunc  encode,
                                            const char        *next_cursor);
GPtrArray   *pst_json_list_from_json       (JsonNode          *node,
                                            PstJsonDecodeFunc  decode,
                                            GDestroyNotify     free_func,
                                            char             **out_next_cursor,
                                            GError           **error);
/* `{"events": [...], "last_seq": N}` of GET /changes; @events of PstEvent. */
JsonNode    *pst_changes_to_json           (GPtrArray         *events,
                                            gint64             last_seq);
GPtrArray   *pst_changes_from_json         (JsonNode          *node,
                                            gint64            *out_last_seq,
                                            GError           **error);

G_END_DECLS
