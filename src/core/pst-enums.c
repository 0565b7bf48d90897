/* pst-enums.c: the domain's enumerations and their wire names.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-enums.h"

static gboolean
lookup_name (const char *const *names,
             guint               n_names,
             const char         *str,
             int                *out_index)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (names[i], str) == 0)
        {
          *out_index = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Defines the pair of functions of one enumeration from its name table,
 * which must list every value in order.
 */
#define PST_DEFINE_ENUM_STRINGS(Type, prefix, N, ...) \
  static const char *const prefix##_names[] = { __VA_ARGS__ }; \
  G_STATIC_ASSERT (G_N_ELEMENTS (prefix##_names) == N); \
  const char * \
  prefix##_to_string (Type value) \
  { \
    g_return_val_if_fail ((guint) value < N, NULL); \
    return prefix##_names[value]; \
  } \
  gboolean \
  prefix##_from_string (const char *str, \
                        Type       *out_value) \
  { \
    int index; \
    if (!lookup_name (prefix##_names, N, str, &index)) \
      return FALSE; \
    if (out_value != NULL) \
      *out_value = (Type) index; \
    return TRUE; \
  }

PST_DEFINE_ENUM_STRINGS (PstRole, pst_role, PST_N_ROLES,
                         "officer", "supervisor", "admin", "kiosk")
PST_DEFINE_ENUM_STRINGS (PstService, pst_service, PST_N_SERVICES,
                         "consultation", "library", "sales", "recommendation")
PST_DEFINE_ENUM_STRINGS (PstTicketStatus, pst_ticket_status, PST_N_TICKET_STATUSES,
                         "waiting", "called", "serving", "done", "no_show", "transferred")
PST_DEFINE_ENUM_STRINGS (PstChannel, pst_channel, PST_N_CHANNELS,
                         "web", "whatsapp", "email", "walk_in", "phone")
PST_DEFINE_ENUM_STRINGS (PstConsultationStatus, pst_consultation_status,
                         PST_N_CONSULTATION_STATUSES,
                         "open", "awaiting_officer", "awaiting_requester", "closed")
PST_DEFINE_ENUM_STRINGS (PstCategory, pst_category, PST_N_CATEGORIES,
                         "data", "metadata", "classification", "other")
PST_DEFINE_ENUM_STRINGS (PstResolution, pst_resolution, PST_N_RESOLUTIONS,
                         "answered", "referred", "no_response", "duplicate")
PST_DEFINE_ENUM_STRINGS (PstBadgeState, pst_badge_state, PST_N_BADGES,
                         "ok", "warning", "breached")
PST_DEFINE_ENUM_STRINGS (PstIdType, pst_id_type, PST_N_ID_TYPES,
                         "ktp", "sim", "passport", "other")
PST_DEFINE_ENUM_STRINGS (PstPresence, pst_presence, PST_N_PRESENCES,
                         "available", "away", "offline")
PST_DEFINE_ENUM_STRINGS (PstHolidayKind, pst_holiday_kind, PST_N_HOLIDAY_KINDS,
                         "national", "cuti_bersama", "local")
PST_DEFINE_ENUM_STRINGS (PstAuthor, pst_author, PST_N_AUTHORS,
                         "requester", "officer", "system")
PST_DEFINE_ENUM_STRINGS (PstFollowUpMode, pst_follow_up_mode, PST_N_FOLLOW_UP_MODES,
                         "in_person", "zoom")
PST_DEFINE_ENUM_STRINGS (PstComplaintStatus, pst_complaint_status, PST_N_COMPLAINT_STATUSES,
                         "received", "in_progress", "responded", "closed")
PST_DEFINE_ENUM_STRINGS (PstComplaintChannel, pst_complaint_channel, PST_N_COMPLAINT_CHANNELS,
                         "suggestion_box", "phone", "email", "website", "whatsapp", "sms",
                         "social_media", "lapor", "desk")
PST_DEFINE_ENUM_STRINGS (PstDurationUnit, pst_duration_unit, PST_N_DURATION_UNITS,
                         "days", "working_days")
PST_DEFINE_ENUM_STRINGS (PstGuestBookStage, pst_guest_book_stage, PST_N_GUEST_BOOK_STAGES,
                         "before_queue", "front_office", "at_desk")
PST_DEFINE_ENUM_STRINGS (PstLang, pst_lang, PST_N_LANGS,
                         "id", "en")

char
pst_service_ticket_prefix (PstService service)
{
  static const char prefixes[PST_N_SERVICES] = { 'K', 'P', 'J', 'R' };

  g_return_val_if_fail ((guint) service < PST_N_SERVICES, '?');

  return prefixes[service];
}

gboolean
pst_role_at_least (PstRole role,
                   PstRole minimum)
{
  /* Ranks by role value: officer 1, supervisor 2, admin 3, kiosk 0. */
  static const int ranks[PST_N_ROLES] = { 1, 2, 3, 0 };

  g_return_val_if_fail ((guint) role < PST_N_ROLES, FALSE);
  g_return_val_if_fail ((guint) minimum < PST_N_ROLES, FALSE);

  return ranks[role] >= ranks[minimum];
}
