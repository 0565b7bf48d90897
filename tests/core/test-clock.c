/* test-clock.c: where "now" comes from.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-clock.h"
#include "pst-time.h"

static void
count_changed_cb (PstClock *clock,
                  guint    *count)
{
  (*count)++;
}

static void
test_fixed (void)
{
  PstClock *clock = pst_clock_new_fixed (1000);
  guint changed = 0;

  g_signal_connect (clock, "changed", G_CALLBACK (count_changed_cb), &changed);

  g_assert_true (pst_clock_is_fixed (clock));
  g_assert_cmpint (pst_clock_get_now (clock), ==, 1000);
  g_assert_cmpint (pst_clock_get_now (clock), ==, 1000);

  pst_clock_set_now (clock, 5000);
  g_assert_cmpint (pst_clock_get_now (clock), ==, 5000);
  g_assert_cmpuint (changed, ==, 1);

  /* Setting the same instant again is no change. */
  pst_clock_set_now (clock, 5000);
  g_assert_cmpuint (changed, ==, 1);

  pst_clock_advance (clock, PST_USEC_PER_MINUTE);
  g_assert_cmpint (pst_clock_get_now (clock), ==, 5000 + PST_USEC_PER_MINUTE);
  g_assert_cmpuint (changed, ==, 2);

  pst_clock_advance (clock, -PST_USEC_PER_MINUTE);
  g_assert_cmpint (pst_clock_get_now (clock), ==, 5000);
  g_assert_cmpuint (changed, ==, 3);

  pst_clock_advance (clock, 0);
  g_assert_cmpuint (changed, ==, 3);

  /* Before the epoch is an instant too. */
  pst_clock_set_now (clock, -PST_USEC_PER_DAY);
  g_assert_cmpint (pst_clock_get_now (clock), ==, -PST_USEC_PER_DAY);
  g_assert_cmpuint (changed, ==, 4);

  g_assert_finalize_object (clock);
}

static void
test_system (void)
{
  PstClock *clock = pst_clock_new_system ();
  gint64 before, now, after;

  g_assert_false (pst_clock_is_fixed (clock));

  before = g_get_real_time ();
  now = pst_clock_get_now (clock);
  after = g_get_real_time ();

  g_assert_cmpint (before, <=, now);
  g_assert_cmpint (now, <=, after);
  g_assert_cmpint (after - before, <, G_USEC_PER_SEC);

  g_assert_finalize_object (clock);
}

/* Only a fixed clock can be moved. */
static void
test_system_cannot_be_set (void)
{
  PstClock *clock = pst_clock_new_system ();
  guint changed = 0;

  g_signal_connect (clock, "changed", G_CALLBACK (count_changed_cb), &changed);

  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*self->fixed*");
  pst_clock_set_now (clock, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*self->fixed*");
  pst_clock_advance (clock, PST_USEC_PER_HOUR);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpint (pst_clock_get_now (clock), >, 0);

  g_assert_finalize_object (clock);
}

static void
test_type (void)
{
  g_autoptr(PstClock) clock = pst_clock_new_fixed (0);

  g_assert_true (PST_IS_CLOCK (clock));
  g_assert_true (G_TYPE_IS_FINAL (PST_TYPE_CLOCK));
  g_assert_cmpuint (g_signal_lookup ("changed", PST_TYPE_CLOCK), !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock/fixed", test_fixed);
  g_test_add_func ("/clock/system", test_system);
  g_test_add_func ("/clock/system-cannot-be-set", test_system_cannot_be_set);
  g_test_add_func ("/clock/type", test_type);

  return g_test_run ();
}
