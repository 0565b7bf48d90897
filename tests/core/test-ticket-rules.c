/* test-ticket-rules.c: the walk-in queue's state machine, numbers and wait.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-error.h"
#include "pst-i18n.h"
#include "pst-ticket-rules.h"
#include "pst-time.h"
#include "pst-test-locale.h"

#include <locale.h>

#define W  PST_TICKET_STATUS_WAITING
#define C  PST_TICKET_STATUS_CALLED
#define S  PST_TICKET_STATUS_SERVING
#define D  PST_TICKET_STATUS_DONE
#define N  PST_TICKET_STATUS_NO_SHOW
#define T  PST_TICKET_STATUS_TRANSFERRED
#define NO (-1)

/* What DOMAIN.md and the brief allow, written out independently of the
 * library's table: [from][action] → to, or NO.
 */
static const int expected[PST_N_TICKET_STATUSES][PST_N_TICKET_ACTIONS] = {
  /*            call start finish no_show recall requeue transfer */
  [W] = {       C,   NO,   NO,    NO,     NO,    NO,     T },
  [C] = {       NO,  S,    NO,    N,      C,     W,      T },
  [S] = {       NO,  NO,   D,     NO,     NO,    NO,     T },
  [D] = {       NO,  NO,   NO,    NO,     NO,    NO,     NO },
  [N] = {       NO,  NO,   NO,    NO,     C,     W,      T },
  [T] = {       NO,  NO,   NO,    NO,     NO,    NO,     NO },
};

static void
test_action_names (void)
{
  static const char *const names[] = {
    "call", "start", "finish", "no_show", "recall", "requeue", "transfer",
  };
  PstTicketAction action;

  g_assert_cmpuint (G_N_ELEMENTS (names), ==, PST_N_TICKET_ACTIONS);

  for (guint i = 0; i < PST_N_TICKET_ACTIONS; i++)
    {
      g_assert_cmpstr (pst_ticket_action_to_string ((PstTicketAction) i), ==, names[i]);
      g_assert_true (pst_ticket_action_from_string (names[i], &action));
      g_assert_cmpint (action, ==, i);
    }

  g_assert_true (pst_ticket_action_from_string ("call", NULL));
  g_assert_false (pst_ticket_action_from_string ("no-show", &action));
  g_assert_false (pst_ticket_action_from_string ("CALL", &action));
  g_assert_false (pst_ticket_action_from_string ("", &action));
  g_assert_false (pst_ticket_action_from_string (NULL, &action));
}

static void
test_full_matrix (void)
{
  guint n_legal = 0;

  for (guint from = 0; from < PST_N_TICKET_STATUSES; from++)
    {
      for (guint action = 0; action < PST_N_TICKET_ACTIONS; action++)
        {
          g_autoptr(GError) error = NULL;
          PstTicketStatus to = PST_N_TICKET_STATUSES;
          gboolean ok;

          g_test_message ("%s + %s",
                          pst_ticket_status_to_string ((PstTicketStatus) from),
                          pst_ticket_action_to_string ((PstTicketAction) action));
          ok = pst_ticket_transition ((PstTicketStatus) from, (PstTicketAction) action,
                                      &to, &error);
          g_assert_cmpint (pst_ticket_action_is_allowed ((PstTicketStatus) from,
                                                         (PstTicketAction) action), ==, ok);

          if (expected[from][action] == NO)
            {
              g_assert_false (ok);
              g_assert_error (error, PST_ERROR, PST_ERROR_CONFLICT);
              g_assert_cmpstr (error->message, !=, "");
              g_assert_cmpint (to, ==, PST_N_TICKET_STATUSES);  /* untouched */
            }
          else
            {
              g_assert_no_error (error);
              g_assert_true (ok);
              g_assert_cmpint (to, ==, expected[from][action]);
              n_legal++;
            }
        }
    }

  g_assert_cmpuint (n_legal, ==, 12);
}

static void
test_conflict_messages (void)
{
  static const struct
  {
    PstTicketStatus from;
    PstTicketAction action;
    const char     *message;
  } cases[] = {
    { S, PST_TICKET_ACTION_START, "This ticket is already being served" },
    { S, PST_TICKET_ACTION_CALL, "This ticket is already being served" },
    { S, PST_TICKET_ACTION_REQUEUE,
      "A ticket being served cannot go back to the queue; finish or transfer it" },
    { W, PST_TICKET_ACTION_START, "This ticket has not been called yet; call it first" },
    { W, PST_TICKET_ACTION_NO_SHOW, "This ticket has not been called yet; call it first" },
    { C, PST_TICKET_ACTION_CALL,
      "This ticket has already been called; recall it to announce it again" },
    { C, PST_TICKET_ACTION_FINISH, "Start serving this ticket before finishing it" },
    { N, PST_TICKET_ACTION_START, "The visitor did not come when called; recall the ticket first" },
    { D, PST_TICKET_ACTION_RECALL, "This ticket is already finished" },
    { T, PST_TICKET_ACTION_CALL,
      "This ticket was transferred to another service; use its new ticket" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (pst_ticket_transition (cases[i].from, cases[i].action, NULL, &error));
      g_assert_error (error, PST_ERROR, PST_ERROR_CONFLICT);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_walk_through (void)
{
  static const PstTicketAction actions[] = {
    PST_TICKET_ACTION_CALL, PST_TICKET_ACTION_NO_SHOW, PST_TICKET_ACTION_RECALL,
    PST_TICKET_ACTION_RECALL, PST_TICKET_ACTION_REQUEUE, PST_TICKET_ACTION_CALL,
    PST_TICKET_ACTION_START, PST_TICKET_ACTION_FINISH,
  };
  static const PstTicketStatus states[] = { C, N, C, C, W, C, S, D };
  PstTicketStatus status = W;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_assert_true (pst_ticket_transition (status, actions[i], &status, NULL));
      g_assert_cmpint (status, ==, states[i]);
    }

  g_assert_true (pst_ticket_status_is_final (status));
}

static void
test_final (void)
{
  for (guint s = 0; s < PST_N_TICKET_STATUSES; s++)
    {
      gboolean any_allowed = FALSE;

      for (guint a = 0; a < PST_N_TICKET_ACTIONS; a++)
        any_allowed = any_allowed || pst_ticket_action_is_allowed ((PstTicketStatus) s,
                                                                   (PstTicketAction) a);

      g_assert_cmpint (pst_ticket_status_is_final ((PstTicketStatus) s), ==, !any_allowed);
    }

  g_assert_true (pst_ticket_status_is_final (D));
  g_assert_true (pst_ticket_status_is_final (T));
  g_assert_false (pst_ticket_status_is_final (N));
}

static void
test_format_number (void)
{
  static const struct { PstService service; guint n; const char *number; } cases[] = {
    { PST_SERVICE_CONSULTATION, 1, "K-001" },
    { PST_SERVICE_LIBRARY, 12, "P-012" },
    { PST_SERVICE_SALES, 999, "J-999" },
    { PST_SERVICE_RECOMMENDATION, 1000, "R-1000" },
    { PST_SERVICE_CONSULTATION, 99, "K-099" },
    { PST_SERVICE_CONSULTATION, 123456, "K-123456" },
    { PST_SERVICE_CONSULTATION, G_MAXUINT, "K-4294967295" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *number = pst_ticket_format_number (cases[i].service, cases[i].n);
      PstService service;
      guint n;

      g_assert_cmpstr (number, ==, cases[i].number);
      g_assert_true (pst_ticket_parse_number (number, &service, &n));
      g_assert_cmpint (service, ==, cases[i].service);
      g_assert_cmpuint (n, ==, cases[i].n);
    }
}

static void
test_parse_number (void)
{
  static const char *const rejected[] = {
    "K001", "X-001", "K-", "K-abc", "K-000", "k-001", "K-01", "K-1", "K-0001", "K-01000",
    "K--001", "K-+01", "K- 001", " K-001", "K-001 ", "K-001\n", "KK-001", "K-1x", "-001",
    "K", "", "K-4294967296", "K-99999999999999999999", "K-١٢٣",
  };
  PstService service = PST_N_SERVICES;
  guint n = 7;

  g_assert_true (pst_ticket_parse_number ("P-012", NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_test_message ("“%s”", rejected[i]);
      g_assert_false (pst_ticket_parse_number (rejected[i], &service, &n));
    }
  g_assert_false (pst_ticket_parse_number (NULL, &service, &n));

  g_assert_cmpint (service, ==, PST_N_SERVICES);
  g_assert_cmpuint (n, ==, 7);

  for (guint s = 0; s < PST_N_SERVICES; s++)
    {
      for (guint i = 1; i <= 2000; i += 37)
        {
          g_autofree char *number = pst_ticket_format_number ((PstService) s, i);

          g_assert_true (pst_ticket_parse_number (number, &service, &n));
          g_assert_cmpint (service, ==, s);
          g_assert_cmpuint (n, ==, i);
        }
    }
}

static void
test_wait_start (void)
{
  gint64 issued;
  gint64 before;
  gint64 after;

  g_assert_true (pst_time_parse_rfc3339 ("2026-11-23T01:00:00Z", &issued));
  before = issued - 5 * PST_USEC_PER_MINUTE;
  after = issued + 12 * PST_USEC_PER_MINUTE;

  /* Nobody before it: the clock starts when it is issued. */
  g_assert_cmpint (pst_ticket_wait_start (issued, FALSE, PST_TICKET_NO_TIME), ==, issued);
  g_assert_cmpint (pst_ticket_wait_start (issued, FALSE, after), ==, issued);

  /* The previous visitor left before this ticket was issued. */
  g_assert_cmpint (pst_ticket_wait_start (issued, TRUE, before), ==, issued);
  g_assert_cmpint (pst_ticket_wait_start (issued, TRUE, issued), ==, issued);

  /* The previous visitor finished after: the clock starts then. */
  g_assert_cmpint (pst_ticket_wait_start (issued, TRUE, after), ==, after);

  /* The previous visitor is still being served: no clock yet. */
  g_assert_cmpint (pst_ticket_wait_start (issued, TRUE, PST_TICKET_NO_TIME), ==,
                   PST_TICKET_NO_TIME);

  /* The target: 10 minutes (5 in 1905) after the start. */
  g_assert_cmpint (pst_ticket_wait_due (after, 10), ==, after + 10 * PST_USEC_PER_MINUTE);
  g_assert_cmpint (pst_ticket_wait_due (issued, 5), ==, issued + 300 * G_USEC_PER_SEC);
  g_assert_cmpint (pst_ticket_wait_due (PST_TICKET_NO_TIME, 10), ==, PST_TICKET_NO_TIME);
}

static void
test_localized (void)
{
  PstTestLocale saved;
  g_autoptr(GError) error = NULL;

  if (!pst_test_locale_enter (&saved, "id_ID.UTF-8"))
    return;

  g_assert_false (pst_ticket_transition (S, PST_TICKET_ACTION_START, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Tiket ini sedang dilayani");

  pst_test_locale_leave (&saved);
}

static void
test_bad_arguments (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *number = pst_ticket_format_number (PST_SERVICE_CONSULTATION, 0);

      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*pst_ticket_format_number*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ticket-rules/action-names", test_action_names);
  g_test_add_func ("/ticket-rules/transition/matrix", test_full_matrix);
  g_test_add_func ("/ticket-rules/transition/messages", test_conflict_messages);
  g_test_add_func ("/ticket-rules/transition/walk-through", test_walk_through);
  g_test_add_func ("/ticket-rules/transition/final", test_final);
  g_test_add_func ("/ticket-rules/number/format", test_format_number);
  g_test_add_func ("/ticket-rules/number/parse", test_parse_number);
  g_test_add_func ("/ticket-rules/wait-start", test_wait_start);
  g_test_add_func ("/ticket-rules/bad-arguments", test_bad_arguments);
  g_test_add_func ("/ticket-rules/l10n/indonesian", test_localized);

  return g_test_run ();
}
