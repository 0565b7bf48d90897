/* test-enums.c: the domain's enumerations and their wire names.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-enums.h"

/* Checks that @prefix's enumeration has exactly the wire names given, in
 * value order (as API.md writes them), that each round-trips, and that
 * near misses are refused.
 */
#define CHECK_ENUM(Type, prefix, N, ...) \
  G_STMT_START { \
    static const char *const names[] = { __VA_ARGS__ }; \
    g_assert_cmpuint (G_N_ELEMENTS (names), ==, N); \
    for (guint i = 0; i < N; i++) \
      { \
        Type value = (Type) N; \
        g_autofree char *upper = g_ascii_strup (names[i], -1); \
        g_autofree char *padded = g_strconcat (names[i], " ", NULL); \
        g_autofree char *shorter = g_strndup (names[i], strlen (names[i]) - 1); \
        g_assert_cmpstr (prefix##_to_string ((Type) i), ==, names[i]); \
        g_assert_true (prefix##_from_string (names[i], &value)); \
        g_assert_cmpint (value, ==, i); \
        g_assert_true (prefix##_from_string (names[i], NULL)); \
        value = (Type) N; \
        g_assert_false (prefix##_from_string (upper, &value)); \
        g_assert_false (prefix##_from_string (padded, &value)); \
        g_assert_false (prefix##_from_string (shorter, &value)); \
        g_assert_cmpint (value, ==, N); \
      } \
    { \
      Type value = (Type) N; \
      g_assert_false (prefix##_from_string (NULL, &value)); \
      g_assert_false (prefix##_from_string ("", &value)); \
      g_assert_false (prefix##_from_string ("unknown", &value)); \
      g_assert_false (prefix##_from_string ("unknown", NULL)); \
      g_assert_cmpint (value, ==, N); \
    } \
  } G_STMT_END

static void
test_role (void)
{
  CHECK_ENUM (PstRole, pst_role, PST_N_ROLES, "officer", "supervisor", "admin", "kiosk");
}

static void
test_service (void)
{
  CHECK_ENUM (PstService, pst_service, PST_N_SERVICES,
              "consultation", "library", "sales", "recommendation");
}

static void
test_ticket_status (void)
{
  CHECK_ENUM (PstTicketStatus, pst_ticket_status, PST_N_TICKET_STATUSES,
              "waiting", "called", "serving", "done", "no_show", "transferred");
}

static void
test_channel (void)
{
  CHECK_ENUM (PstChannel, pst_channel, PST_N_CHANNELS,
              "web", "whatsapp", "email", "walk_in", "phone");
}

static void
test_consultation_status (void)
{
  CHECK_ENUM (PstConsultationStatus, pst_consultation_status, PST_N_CONSULTATION_STATUSES,
              "open", "awaiting_officer", "awaiting_requester", "closed");
}

static void
test_category (void)
{
  CHECK_ENUM (PstCategory, pst_category, PST_N_CATEGORIES,
              "data", "metadata", "classification", "other");
}

static void
test_resolution (void)
{
  CHECK_ENUM (PstResolution, pst_resolution, PST_N_RESOLUTIONS,
              "answered", "referred", "no_response", "duplicate");
}

static void
test_badge_state (void)
{
  CHECK_ENUM (PstBadgeState, pst_badge_state, PST_N_BADGES, "ok", "warning", "breached");
}

static void
test_id_type (void)
{
  CHECK_ENUM (PstIdType, pst_id_type, PST_N_ID_TYPES, "ktp", "sim", "passport", "other");
}

static void
test_presence (void)
{
  CHECK_ENUM (PstPresence, pst_presence, PST_N_PRESENCES, "available", "away", "offline");
}

static void
test_holiday_kind (void)
{
  CHECK_ENUM (PstHolidayKind, pst_holiday_kind, PST_N_HOLIDAY_KINDS,
              "national", "cuti_bersama", "local");
}

static void
test_author (void)
{
  CHECK_ENUM (PstAuthor, pst_author, PST_N_AUTHORS, "requester", "officer", "system");
}

static void
test_follow_up_mode (void)
{
  CHECK_ENUM (PstFollowUpMode, pst_follow_up_mode, PST_N_FOLLOW_UP_MODES, "in_person", "zoom");
}

static void
test_complaint_status (void)
{
  CHECK_ENUM (PstComplaintStatus, pst_complaint_status, PST_N_COMPLAINT_STATUSES,
              "received", "in_progress", "responded", "closed");
}

static void
test_complaint_channel (void)
{
  CHECK_ENUM (PstComplaintChannel, pst_complaint_channel, PST_N_COMPLAINT_CHANNELS,
              "suggestion_box", "phone", "email", "website", "whatsapp", "sms",
              "social_media", "lapor", "desk");
}

static void
test_duration_unit (void)
{
  CHECK_ENUM (PstDurationUnit, pst_duration_unit, PST_N_DURATION_UNITS, "days", "working_days");
}

static void
test_guest_book_stage (void)
{
  CHECK_ENUM (PstGuestBookStage, pst_guest_book_stage, PST_N_GUEST_BOOK_STAGES,
              "before_queue", "front_office", "at_desk");
}

static void
test_lang (void)
{
  CHECK_ENUM (PstLang, pst_lang, PST_N_LANGS, "id", "en");
}

static void
test_ticket_prefixes (void)
{
  static const char prefixes[PST_N_SERVICES] = { 'K', 'P', 'J', 'R' };

  for (guint i = 0; i < PST_N_SERVICES; i++)
    {
      g_assert_cmpint (pst_service_ticket_prefix ((PstService) i), ==, prefixes[i]);

      for (guint j = 0; j < i; j++)
        g_assert_cmpint (pst_service_ticket_prefix ((PstService) i), !=,
                         pst_service_ticket_prefix ((PstService) j));
    }
}

static void
test_role_ranks (void)
{
  /* kiosk < officer < supervisor < admin, whatever the values' order. */
  static const PstRole ascending[] = {
    PST_ROLE_KIOSK, PST_ROLE_OFFICER, PST_ROLE_SUPERVISOR, PST_ROLE_ADMIN,
  };

  g_assert_cmpuint (G_N_ELEMENTS (ascending), ==, PST_N_ROLES);

  for (guint i = 0; i < PST_N_ROLES; i++)
    {
      for (guint j = 0; j < PST_N_ROLES; j++)
        {
          g_test_message ("%s at least %s", pst_role_to_string (ascending[i]),
                          pst_role_to_string (ascending[j]));
          g_assert_cmpint (pst_role_at_least (ascending[i], ascending[j]), ==, i >= j);
        }
    }

  g_assert_true (pst_role_at_least (PST_ROLE_ADMIN, PST_ROLE_SUPERVISOR));
  g_assert_false (pst_role_at_least (PST_ROLE_KIOSK, PST_ROLE_OFFICER));
  g_assert_false (pst_role_at_least (PST_ROLE_OFFICER, PST_ROLE_SUPERVISOR));
}

static void
test_out_of_range_value (void)
{
  if (g_test_subprocess ())
    {
      pst_ticket_status_to_string (PST_N_TICKET_STATUSES);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*pst_ticket_status_to_string*");
}

static void
test_out_of_range_prefix (void)
{
  if (g_test_subprocess ())
    {
      pst_service_ticket_prefix (PST_N_SERVICES);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*pst_service_ticket_prefix*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/enums/role", test_role);
  g_test_add_func ("/enums/service", test_service);
  g_test_add_func ("/enums/ticket-status", test_ticket_status);
  g_test_add_func ("/enums/channel", test_channel);
  g_test_add_func ("/enums/consultation-status", test_consultation_status);
  g_test_add_func ("/enums/category", test_category);
  g_test_add_func ("/enums/resolution", test_resolution);
  g_test_add_func ("/enums/badge-state", test_badge_state);
  g_test_add_func ("/enums/id-type", test_id_type);
  g_test_add_func ("/enums/presence", test_presence);
  g_test_add_func ("/enums/holiday-kind", test_holiday_kind);
  g_test_add_func ("/enums/author", test_author);
  g_test_add_func ("/enums/follow-up-mode", test_follow_up_mode);
  g_test_add_func ("/enums/complaint-status", test_complaint_status);
  g_test_add_func ("/enums/complaint-channel", test_complaint_channel);
  g_test_add_func ("/enums/duration-unit", test_duration_unit);
  g_test_add_func ("/enums/guest-book-stage", test_guest_book_stage);
  g_test_add_func ("/enums/lang", test_lang);
  g_test_add_func ("/enums/ticket-prefixes", test_ticket_prefixes);
  g_test_add_func ("/enums/role-ranks", test_role_ranks);
  g_test_add_func ("/enums/out-of-range/value", test_out_of_range_value);
  g_test_add_func ("/enums/out-of-range/prefix", test_out_of_range_prefix);

  return g_test_run ();
}
