/* pst-enums.h: the domain's enumerations and their wire names.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every enumeration has a wire name per value (the string API.md uses),
 * a `_to_string()` that returns it and a `_from_string()` that parses it
 * and returns FALSE for anything else. Values are dense from 0 and end
 * with an `N_*` count, so they can index tables.
 */

typedef enum
{
  PST_ROLE_OFFICER,
  PST_ROLE_SUPERVISOR,
  PST_ROLE_ADMIN,
  PST_ROLE_KIOSK,
  PST_N_ROLES
} PstRole;

typedef enum
{
  PST_SERVICE_CONSULTATION,
  PST_SERVICE_LIBRARY,
  PST_SERVICE_SALES,
  PST_SERVICE_RECOMMENDATION,
  PST_N_SERVICES
} PstService;

typedef enum
{
  PST_TICKET_STATUS_WAITING,
  PST_TICKET_STATUS_CALLED,
  PST_TICKET_STATUS_SERVING,
  PST_TICKET_STATUS_DONE,
  PST_TICKET_STATUS_NO_SHOW,
  PST_TICKET_STATUS_TRANSFERRED,
  PST_N_TICKET_STATUSES
} PstTicketStatus;

typedef enum
{
  PST_CHANNEL_WEB,
  PST_CHANNEL_WHATSAPP,
  PST_CHANNEL_EMAIL,
  PST_CHANNEL_WALK_IN,
  PST_CHANNEL_PHONE,
  PST_N_CHANNELS
} PstChannel;

typedef enum
{
  PST_CONSULTATION_STATUS_OPEN,
  PST_CONSULTATION_STATUS_AWAITING_OFFICER,
  PST_CONSULTATION_STATUS_AWAITING_REQUESTER,
  PST_CONSULTATION_STATUS_CLOSED,
  PST_N_CONSULTATION_STATUSES
} PstConsultationStatus;

/* The subject of a consultation; also a finished ticket's topic. */
typedef enum
{
  PST_CATEGORY_DATA,
  PST_CATEGORY_METADATA,
  PST_CATEGORY_CLASSIFICATION,
  PST_CATEGORY_OTHER,
  PST_N_CATEGORIES
} PstCategory;

typedef enum
{
  PST_RESOLUTION_ANSWERED,
  PST_RESOLUTION_REFERRED,
  PST_RESOLUTION_NO_RESPONSE,
  PST_RESOLUTION_DUPLICATE,
  PST_N_RESOLUTIONS
} PstResolution;

typedef enum
{
  PST_BADGE_OK,
  PST_BADGE_WARNING,
  PST_BADGE_BREACHED,
  PST_N_BADGES
} PstBadgeState;

typedef enum
{
  PST_ID_TYPE_KTP,
  PST_ID_TYPE_SIM,
  PST_ID_TYPE_PASSPORT,
  PST_ID_TYPE_OTHER,
  PST_N_ID_TYPES
} PstIdType;

typedef enum
{
  PST_PRESENCE_AVAILABLE,
  PST_PRESENCE_AWAY,
  PST_PRESENCE_OFFLINE,
  PST_N_PRESENCES
} PstPresence;

typedef enum
{
  PST_HOLIDAY_NATIONAL,
  PST_HOLIDAY_CUTI_BERSAMA,
  PST_HOLIDAY_LOCAL,
  PST_N_HOLIDAY_KINDS
} PstHolidayKind;

typedef enum
{
  PST_AUTHOR_REQUESTER,
  PST_AUTHOR_OFFICER,
  PST_AUTHOR_SYSTEM,
  PST_N_AUTHORS
} PstAuthor;

typedef enum
{
  PST_FOLLOW_UP_IN_PERSON,
  PST_FOLLOW_UP_ZOOM,
  PST_N_FOLLOW_UP_MODES
} PstFollowUpMode;

typedef enum
{
  PST_COMPLAINT_STATUS_RECEIVED,
  PST_COMPLAINT_STATUS_IN_PROGRESS,
  PST_COMPLAINT_STATUS_RESPONDED,
  PST_COMPLAINT_STATUS_CLOSED,
  PST_N_COMPLAINT_STATUSES
} PstComplaintStatus;

/* Where a complaint can be lodged (per office). */
typedef enum
{
  PST_COMPLAINT_CHANNEL_SUGGESTION_BOX,
  PST_COMPLAINT_CHANNEL_PHONE,
  PST_COMPLAINT_CHANNEL_EMAIL,
  PST_COMPLAINT_CHANNEL_WEBSITE,
  PST_COMPLAINT_CHANNEL_WHATSAPP,
  PST_COMPLAINT_CHANNEL_SMS,
  PST_COMPLAINT_CHANNEL_SOCIAL_MEDIA,
  PST_COMPLAINT_CHANNEL_LAPOR,
  PST_COMPLAINT_CHANNEL_DESK,
  PST_N_COMPLAINT_CHANNELS
} PstComplaintChannel;

typedef enum
{
  PST_DURATION_UNIT_DAYS,
  PST_DURATION_UNIT_WORKING_DAYS,
  PST_N_DURATION_UNITS
} PstDurationUnit;

/* When a walk-in visitor fills in the guest book (offices differ). */
typedef enum
{
  PST_GUEST_BOOK_BEFORE_QUEUE,
  PST_GUEST_BOOK_FRONT_OFFICE,
  PST_GUEST_BOOK_AT_DESK,
  PST_N_GUEST_BOOK_STAGES
} PstGuestBookStage;

typedef enum
{
  PST_LANG_ID,
  PST_LANG_EN,
  PST_N_LANGS
} PstLang;

#define PST_DECLARE_ENUM_STRINGS(Type, prefix) \
  const char *prefix##_to_string (Type value); \
  gboolean    prefix##_from_string (const char *str, Type *out_value);

PST_DECLARE_ENUM_STRINGS (PstRole, pst_role)
PST_DECLARE_ENUM_STRINGS (PstService, pst_service)
PST_DECLARE_ENUM_STRINGS (PstTicketStatus, pst_ticket_status)
PST_DECLARE_ENUM_STRINGS (PstChannel, pst_channel)
PST_DECLARE_ENUM_STRINGS (PstConsultationStatus, pst_consultation_status)
PST_DECLARE_ENUM_STRINGS (PstCategory, pst_category)
PST_DECLARE_ENUM_STRINGS (PstResolution, pst_resolution)
PST_DECLARE_ENUM_STRINGS (PstBadgeState, pst_badge_state)
PST_DECLARE_ENUM_STRINGS (PstIdType, pst_id_type)
PST_DECLARE_ENUM_STRINGS (PstPresence, pst_presence)
PST_DECLARE_ENUM_STRINGS (PstHolidayKind, pst_holiday_kind)
PST_DECLARE_ENUM_STRINGS (PstAuthor, pst_author)
PST_DECLARE_ENUM_STRINGS (PstFollowUpMode, pst_follow_up_mode)
PST_DECLARE_ENUM_STRINGS (PstComplaintStatus, pst_complaint_status)
PST_DECLARE_ENUM_STRINGS (PstComplaintChannel, pst_complaint_channel)
PST_DECLARE_ENUM_STRINGS (PstDurationUnit, pst_duration_unit)
PST_DECLARE_ENUM_STRINGS (PstGuestBookStage, pst_guest_book_stage)
PST_DECLARE_ENUM_STRINGS (PstLang, pst_lang)

/* The letter that prefixes a ticket number of @service (`K` for a
 * consultation, `P` library, `J` sales, `R` recommendation).
 */
char pst_service_ticket_prefix (PstService service);

/* A role's rank for "at least" checks: kiosk < officer < supervisor < admin. */
gboolean pst_role_at_least (PstRole role,
                            PstRole minimum);

G_END_DECLS
