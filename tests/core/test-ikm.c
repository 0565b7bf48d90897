/* test-ikm.c: the IKM index, its grades and report groups.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-i18n.h"
#include "pst-ikm.h"
#include "pst-time.h"
#include "pst-validate.h"
#include "pst-test-locale.h"

#include <locale.h>

#define ALL(x) { x, x, x, x, x, x, x, x, x }

/* The IKM in hundredths worked out independently of the library: the
 * exact value is 2500 S / 9n = q + r / 9n, and half up means adding one
 * when r / 9n ≥ 1/2.
 */
static int
expected_hundredths (guint64 n,
                     guint64 total)
{
  guint64 q = 2500 * total / (9 * n);
  guint64 r = 2500 * total % (9 * n);

  return (int) (q + (2 * r >= 9 * n ? 1 : 0));
}

/* Adds @n respondents whose scores sum to @total, spread as evenly as
 * integers allow over the respondents and elements.
 */
static void
add_respondents_with_total (PstIkmTally *tally,
                            guint        n,
                            guint64      total)
{
  guint64 extra = total - 9 * (guint64) n;  /* above all 1s */

  g_assert_cmpuint (total, >=, 9 * (guint64) n);
  g_assert_cmpuint (total, <=, 36 * (guint64) n);

  for (guint i = 0; i < n; i++)
    {
      int scores[PST_IKM_N_ELEMENTS];

      for (guint e = 0; e < PST_IKM_N_ELEMENTS; e++)
        {
          guint64 add = MIN (extra, 3);

          scores[e] = 1 + (int) add;
          extra -= add;
        }

      g_assert_true (pst_ikm_tally_add (tally, scores, NULL));
    }

  g_assert_cmpuint (extra, ==, 0);
}

static void
test_names (void)
{
  PstIkmGrade grade;

  g_assert_cmpstr (pst_ikm_element_get_name (PST_IKM_ELEMENT_REQUIREMENTS), ==, "Requirements");
  g_assert_cmpstr (pst_ikm_element_get_name (PST_IKM_ELEMENT_FACILITIES), ==,
                   "Facilities and infrastructure");
  for (guint e = 0; e < PST_IKM_N_ELEMENTS; e++)
    g_assert_nonnull (pst_ikm_element_get_name ((PstIkmElement) e));

  g_assert_cmpstr (pst_ikm_grade_to_letter (PST_IKM_GRADE_A), ==, "A");
  g_assert_cmpstr (pst_ikm_grade_to_letter (PST_IKM_GRADE_D), ==, "D");
  g_assert_cmpstr (pst_ikm_grade_get_label (PST_IKM_GRADE_A), ==, "Very good");
  g_assert_cmpstr (pst_ikm_grade_get_label (PST_IKM_GRADE_D), ==, "Very poor");

  for (guint g = 0; g < PST_N_IKM_GRADES; g++)
    {
      g_assert_true (pst_ikm_grade_from_letter (pst_ikm_grade_to_letter ((PstIkmGrade) g),
                                                &grade));
      g_assert_cmpint (grade, ==, g);
    }
  g_assert_false (pst_ikm_grade_from_letter ("E", &grade));
  g_assert_false (pst_ikm_grade_from_letter ("a", &grade));
  g_assert_false (pst_ikm_grade_from_letter ("", &grade));
  g_assert_false (pst_ikm_grade_from_letter (NULL, &grade));
}

static void
test_grade_bands (void)
{
  static const struct { int hundredths; PstIkmGrade grade; } cases[] = {
    { 2500, PST_IKM_GRADE_D },
    { 6499, PST_IKM_GRADE_D },
    { 6500, PST_IKM_GRADE_C },
    { 7660, PST_IKM_GRADE_C },
    { 7661, PST_IKM_GRADE_B },
    { 8830, PST_IKM_GRADE_B },
    { 8831, PST_IKM_GRADE_A },
    { 10000, PST_IKM_GRADE_A },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (pst_ikm_grade_for_hundredths (cases[i].hundredths), ==, cases[i].grade);
}

static void
test_format (void)
{
  static const struct { int hundredths; const char *text; } cases[] = {
    { 2500, "25.00" }, { 6505, "65.05" }, { 8831, "88.31" }, { 10000, "100.00" }, { 0, "0.00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pst_ikm_format_hundredths (cases[i].hundredths);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_extremes (void)
{
  const int all_4[] = ALL (4);
  const int all_1[] = ALL (1);
  PstIkmTally best = { 0 };
  PstIkmTally worst = { 0 };
  PstIkmGrade grade;

  for (guint i = 0; i < 7; i++)
    {
      g_assert_true (pst_ikm_tally_add (&best, all_4, NULL));
      g_assert_true (pst_ikm_tally_add (&worst, all_1, NULL));
    }

  g_assert_cmpuint (best.respondents, ==, 7);
  g_assert_cmpint (pst_ikm_tally_get_ikm_hundredths (&best), ==, 10000);
  g_assert_cmpfloat (pst_ikm_tally_get_ikm (&best), ==, 100.0);
  g_assert_true (pst_ikm_tally_get_grade (&best, &grade));
  g_assert_cmpint (grade, ==, PST_IKM_GRADE_A);
  g_assert_cmpfloat (pst_ikm_tally_get_nrr (&best, PST_IKM_ELEMENT_COST), ==, 4.0);

  g_assert_cmpint (pst_ikm_tally_get_ikm_hundredths (&worst), ==, 2500);
  g_assert_cmpfloat (pst_ikm_tally_get_ikm (&worst), ==, 25.0);
  g_assert_true (pst_ikm_tally_get_grade (&worst, &grade));
  g_assert_cmpint (grade, ==, PST_IKM_GRADE_D);
  g_assert_cmpfloat (pst_ikm_tally_get_nrr (&worst, PST_IKM_ELEMENT_BEHAVIOUR), ==, 1.0);
}

/* Four visitors of a walk-in desk, worked out by hand:
 *
 *          U1   U2   U3   U4   U5   U6   U7   U8   U9
 *   R1      4    4    3    4    3    4    4    3    3
 *   R2      3    3    3    4    3    3    4    3    3
 *   R3      4    3    3    4    4    4    4    3    3
 *   R4      3    3    2    4    3    3    4    2    3
 *   sum    14   13   11   16   13   14   16   11   12   (120)
 *   NRR  3.50 3.25 2.75 4.00 3.25 3.50 4.00 2.75 3.00   (Σ 30.00)
 *
 * IKM = 30 × 1/9 × 25 = 83.333… → 83.33, grade B. (With the weight
 * rounded to 0.111 as in the regulation's example it would be 83.25.)
 */
static void
test_worked_example (void)
{
  const int responses[4][PST_IKM_N_ELEMENTS] = {
    { 4, 4, 3, 4, 3, 4, 4, 3, 3 },
    { 3, 3, 3, 4, 3, 3, 4, 3, 3 },
    { 4, 3, 3, 4, 4, 4, 4, 3, 3 },
    { 3, 3, 2, 4, 3, 3, 4, 2, 3 },
  };
  const double nrr[PST_IKM_N_ELEMENTS] = { 3.5, 3.25, 2.75, 4.0, 3.25, 3.5, 4.0, 2.75, 3.0 };
  g_autoptr(PstIkmTally) tally = pst_ikm_tally_new ();
  PstIkmGrade grade;

  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    g_assert_true (pst_ikm_tally_add (tally, responses[i], NULL));

  g_assert_cmpuint (tally->respondents, ==, 4);
  for (guint e = 0; e < PST_IKM_N_ELEMENTS; e++)
    g_assert_cmpfloat_with_epsilon (pst_ikm_tally_get_nrr (tally, (PstIkmElement) e),
                                    nrr[e], 1e-12);

  g_assert_cmpint (pst_ikm_tally_get_ikm_hundredths (tally), ==, 8333);
  g_assert_cmpfloat_with_epsilon (pst_ikm_tally_get_ikm (tally), 83.33, 1e-9);
  g_assert_true (pst_ikm_tally_get_grade (tally, &grade));
  g_assert_cmpint (grade, ==, PST_IKM_GRADE_B);
  g_assert_cmpstr (pst_ikm_grade_get_label (grade), ==, "Good");
}

/* Three respondents, 36 + 36 + 28 = 100 points: 2500 × 100 / 27 =
 * 9259.259… hundredths → 92.59, grade A.
 */
static void
test_mixed_respondents (void)
{
  const int all_4[] = ALL (4);
  const int third[] = { 4, 4, 3, 3, 3, 3, 3, 3, 2 };
  PstIkmTally tally = { 0 };

  g_assert_true (pst_ikm_tally_add (&tally, all_4, NULL));
  g_assert_true (pst_ikm_tally_add (&tally, all_4, NULL));
  g_assert_true (pst_ikm_tally_add (&tally, third, NULL));

  g_assert_cmpfloat_with_epsilon (pst_ikm_tally_get_nrr (&tally, PST_IKM_ELEMENT_FACILITIES),
                                  10.0 / 3.0, 1e-12);
  g_assert_cmpint (pst_ikm_tally_get_ikm_hundredths (&tally), ==, 9259);
}

/* Finds n respondents and a total S whose IKM rounds to exactly @target
 * hundredths, builds such a tally and checks its grade.
 */
static void
check_band_edge (int         target,
                 PstIkmGrade expected)
{
  for (guint n = 1; n <= 5000; n++)
    {
      /* The exact value is 2500 S / 9n; only S near target × 9n / 2500 can round to it. */
      guint64 guess = (guint64) target * 9 * n / 2500;

      for (guint64 total = guess > 0 ? guess - 1 : 0; total <= guess + 1; total++)
        {
          PstIkmTally tally = { 0 };
          PstIkmGrade grade;

          if (total < 9 * (guint64) n || total > 36 * (guint64) n)
            continue;
          if (expected_hundredths (n, total) != target)
            continue;

          g_test_message ("IKM %d: %u respondents, %" G_GUINT64_FORMAT " points",
                          target, n, total);
          add_respondents_with_total (&tally, n, total);
          g_assert_cmpint (pst_ikm_tally_get_ikm_hundredths (&tally), ==, target);
          g_assert_cmpfloat_with_epsilon (pst_ikm_tally_get_ikm (&tally), target / 100.0, 1e-9);
          g_assert_true (pst_ikm_tally_get_grade (&tally, &grade));
          g_assert_cmpint (grade, ==, expected);
          return;
        }
    }

  g_assert_not_reached ();
}

static void
test_band_edges (void)
{
  check_band_edge (10000, PST_IKM_GRADE_A);
  check_band_edge (8831, PST_IKM_GRADE_A);
  check_band_edge (8830, PST_IKM_GRADE_B);
  check_band_edge (7661, PST_IKM_GRADE_B);
  check_band_edge (7660, PST_IKM_GRADE_C);
  check_band_edge (6500, PST_IKM_GRADE_C);
  check_band_edge (6499, PST_IKM_GRADE_D);
  check_band_edge (2500, PST_IKM_GRADE_D);
}

static void
test_rounding_half_up (void)
{
  PstIkmTally tally = { 0 };
  PstIkmTally below = { 0 };
  PstIkmGrade grade;

  /* 16 respondents, 162 points: 2500 × 162 / 144 = 2812.5 exactly → 28.13. */
  add_respondents_with_total (&tally, 16, 162);
  g_assert_cmpint (pst_ikm_tally_get_ikm_hundredths (&tally), ==, 2813);

  /* 5000 respondents, 137889 points: exactly 76.605, which no double
   * holds; half up gives 76.61, grade B, not 76.60 and C.
   */
  memset (&tally, 0, sizeof tally);
  add_respondents_with_total (&tally, 5000, 137889);
  g_assert_cmpint (pst_ikm_tally_get_ikm_hundredths (&tally), ==, 7661);
  g_assert_true (pst_ikm_tally_get_grade (&tally, &grade));
  g_assert_cmpint (grade, ==, PST_IKM_GRADE_B);

  /* One point less: 76.6044… → 76.60, grade C. */
  add_respondents_with_total (&below, 5000, 137888);
  g_assert_cmpint (pst_ikm_tally_get_ikm_hundredths (&below), ==, 7660);
  g_assert_true (pst_ikm_tally_get_grade (&below, &grade));
  g_assert_cmpint (grade, ==, PST_IKM_GRADE_C);

  /* Every total of small samples agrees with the independent rounding. */
  for (guint n = 1; n <= 40; n++)
    {
      for (guint64 total = 9 * n; total <= 36 * n; total++)
        {
          PstIkmTally t = { 0 };

          add_respondents_with_total (&t, n, total);
          g_assert_cmpint (pst_ikm_tally_get_ikm_hundredths (&t), ==,
                           expected_hundredths (n, total));
        }
    }
}

static void
test_invalid_scores (void)
{
  static const struct { int scores[PST_IKM_N_ELEMENTS]; const char *message; } cases[] = {
    { { 0, 4, 4, 4, 4, 4, 4, 4, 4 }, "The score for “Requirements” must be from 1 to 4, not 0" },
    { { 4, 4, 4, 5, 4, 4, 4, 4, 4 }, "The score for “Cost/tariff” must be from 1 to 4, not 5" },
    { { 4, 4, 4, 4, 4, 4, 4, 4, -1 },
      "The score for “Facilities and infrastructure” must be from 1 to 4, not -1" },
    { { 1, 2, 3, 4, 1, 2, 3, 4, 40 },
      "The score for “Facilities and infrastructure” must be from 1 to 4, not 40" },
  };
  const int good[] = { 3, 3, 3, 3, 3, 3, 3, 3, 4 };
  PstIkmTally tally = { 0 };

  g_assert_true (pst_ikm_tally_add (&tally, good, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      PstIkmTally before = tally;

      g_assert_false (pst_ikm_validate_scores (cases[i].scores, &error));
      g_assert_error (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_SCORE);
      g_clear_error (&error);

      g_assert_false (pst_ikm_tally_add (&tally, cases[i].scores, &error));
      g_assert_error (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_SCORE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpmem (&tally, sizeof tally, &before, sizeof before);
    }

  g_assert_true (pst_ikm_validate_scores (good, NULL));
  g_assert_cmpuint (tally.respondents, ==, 1);
}

static void
test_empty_and_merge (void)
{
  const int a[] = { 4, 3, 4, 3, 4, 3, 4, 3, 4 };
  const int b[] = { 2, 2, 3, 3, 1, 4, 4, 2, 3 };
  const int c[] = ALL (3);
  g_autoptr(PstIkmTally) empty = pst_ikm_tally_new ();
  g_autoptr(PstIkmTally) one = pst_ikm_tally_new ();
  g_autoptr(PstIkmTally) two = pst_ikm_tally_new ();
  g_autoptr(PstIkmTally) all = pst_ikm_tally_new ();
  g_autoptr(PstIkmTally) copy = NULL;
  PstIkmGrade grade = PST_IKM_GRADE_C;

  g_assert_true (pst_ikm_tally_is_empty (empty));
  g_assert_cmpuint (empty->respondents, ==, 0);
  g_assert_cmpint (pst_ikm_tally_get_ikm_hundredths (empty), ==, PST_IKM_NONE);
  g_assert_cmpfloat (pst_ikm_tally_get_ikm (empty), ==, 0.0);
  g_assert_cmpfloat (pst_ikm_tally_get_nrr (empty, PST_IKM_ELEMENT_COMPLETION_TIME), ==, 0.0);
  g_assert_false (pst_ikm_tally_get_grade (empty, &grade));
  g_assert_cmpint (grade, ==, PST_IKM_GRADE_C);

  g_assert_true (pst_ikm_tally_add (one, a, NULL));
  g_assert_true (pst_ikm_tally_add (two, b, NULL));
  g_assert_true (pst_ikm_tally_add (two, c, NULL));
  g_assert_true (pst_ikm_tally_add (all, a, NULL));
  g_assert_true (pst_ikm_tally_add (all, b, NULL));
  g_assert_true (pst_ikm_tally_add (all, c, NULL));

  copy = pst_ikm_tally_copy (one);
  pst_ikm_tally_merge (copy, two);
  pst_ikm_tally_merge (copy, empty);
  g_assert_false (pst_ikm_tally_is_empty (copy));
  g_assert_cmpmem (copy, sizeof *copy, all, sizeof *all);
  g_assert_cmpuint (one->respondents, ==, 1);

  /* 32 + 24 + 27 = 83 points over 3: 2500 × 83 / 27 = 7685.18… */
  g_assert_cmpint (pst_ikm_tally_get_ikm_hundredths (all), ==, 7685);
}

static void
test_group_by_names (void)
{
  static const char *const names[] = { "none", "office", "officer", "channel", "month" };
  PstIkmGroupBy group_by;

  for (guint i = 0; i < PST_N_IKM_GROUP_BYS; i++)
    {
      g_assert_cmpstr (pst_ikm_group_by_to_string ((PstIkmGroupBy) i), ==, names[i]);
      g_assert_true (pst_ikm_group_by_from_string (names[i], &group_by));
      g_assert_cmpint (group_by, ==, i);
    }

  g_assert_false (pst_ikm_group_by_from_string ("year", &group_by));
  g_assert_false (pst_ikm_group_by_from_string (NULL, NULL));
}

static void
test_groups_by_officer (void)
{
  const int all_4[] = ALL (4);
  const int all_3[] = ALL (3);
  const int all_2[] = ALL (2);
  const int bad[] = { 4, 4, 4, 4, 0, 4, 4, 4, 4 };
  g_autoptr(PstIkmGroups) groups = pst_ikm_groups_new (PST_IKM_GROUP_BY_OFFICER);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PstIkmGroup) copy = NULL;
  PstIkmGroup *group;

  g_assert_cmpint (pst_ikm_groups_get_group_by (groups), ==, PST_IKM_GROUP_BY_OFFICER);

  g_assert_true (pst_ikm_groups_add (groups, "petugas2.7604", all_2, NULL));
  g_assert_true (pst_ikm_groups_add (groups, "petugas1.7604", all_4, NULL));
  g_assert_true (pst_ikm_groups_add (groups, "petugas1.7604", all_3, NULL));
  g_assert_true (pst_ikm_groups_add (groups, "spv.7604", all_4, NULL));

  /* A refused rating does not even create its group. */
  g_assert_false (pst_ikm_groups_add (groups, "petugas9.7604", bad, &error));
  g_assert_error (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_SCORE);
  g_assert_null (pst_ikm_groups_lookup (groups, "petugas9.7604"));

  g_assert_cmpuint (pst_ikm_groups_lookup (groups, "petugas1.7604")->respondents, ==, 2);

  results = pst_ikm_groups_get_results (groups);
  g_assert_cmpuint (results->len, ==, 3);

  group = g_ptr_array_index (results, 0);
  g_assert_cmpstr (group->key, ==, "petugas1.7604");
  g_assert_cmpuint (group->respondents, ==, 2);
  g_assert_cmpfloat (group->nrr[PST_IKM_ELEMENT_COMPETENCE], ==, 3.5);
  g_assert_cmpint (group->ikm_hundredths, ==, 8750);
  g_assert_cmpint (group->grade, ==, PST_IKM_GRADE_B);

  group = g_ptr_array_index (results, 1);
  g_assert_cmpstr (group->key, ==, "petugas2.7604");
  g_assert_cmpuint (group->respondents, ==, 1);
  g_assert_cmpfloat (group->nrr[PST_IKM_ELEMENT_REQUIREMENTS], ==, 2.0);
  g_assert_cmpint (group->ikm_hundredths, ==, 5000);
  g_assert_cmpint (group->grade, ==, PST_IKM_GRADE_D);

  group = g_ptr_array_index (results, 2);
  g_assert_cmpstr (group->key, ==, "spv.7604");
  g_assert_cmpint (group->ikm_hundredths, ==, 10000);
  g_assert_cmpint (group->grade, ==, PST_IKM_GRADE_A);

  copy = pst_ikm_group_copy (group);
  g_assert_true (copy->key != group->key);
  g_assert_cmpstr (copy->key, ==, group->key);
  g_assert_cmpint (copy->ikm_hundredths, ==, group->ikm_hundredths);
}

static void
test_groups_by_channel (void)
{
  const int high[] = { 4, 4, 4, 4, 4, 4, 4, 4, 3 };
  const int low[] = { 3, 2, 3, 2, 3, 2, 3, 2, 3 };
  g_autoptr(PstIkmGroups) groups = pst_ikm_groups_new (PST_IKM_GROUP_BY_CHANNEL);
  g_autoptr(GPtrArray) results = NULL;
  PstIkmGroup *group;

  g_assert_true (pst_ikm_groups_add (groups, "whatsapp", low, NULL));
  g_assert_true (pst_ikm_groups_add (groups, "web", high, NULL));
  g_assert_true (pst_ikm_groups_add (groups, "walk_in", high, NULL));
  g_assert_true (pst_ikm_groups_add (groups, "walk_in", low, NULL));

  results = pst_ikm_groups_get_results (groups);
  g_assert_cmpuint (results->len, ==, 3);

  /* walk_in: 35 + 23 = 58 over 2 → 2500 × 58 / 18 = 8055.55… → 80.56. */
  group = g_ptr_array_index (results, 0);
  g_assert_cmpstr (group->key, ==, "walk_in");
  g_assert_cmpint (group->ikm_hundredths, ==, 8056);
  g_assert_cmpint (group->grade, ==, PST_IKM_GRADE_B);
  g_assert_cmpfloat (group->nrr[PST_IKM_ELEMENT_PROCEDURES], ==, 3.0);

  /* web: 35 → 2500 × 35 / 9 = 9722.2… → 97.22. */
  group = g_ptr_array_index (results, 1);
  g_assert_cmpstr (group->key, ==, "web");
  g_assert_cmpint (group->ikm_hundredths, ==, 9722);

  /* whatsapp: 23 → 6388.8… → 63.89, grade D. */
  group = g_ptr_array_index (results, 2);
  g_assert_cmpstr (group->key, ==, "whatsapp");
  g_assert_cmpint (group->ikm_hundredths, ==, 6389);
  g_assert_cmpint (group->grade, ==, PST_IKM_GRADE_D);
}

static void
test_groups_by_month (void)
{
  const int all_4[] = ALL (4);
  const int all_3[] = ALL (3);
  g_autoptr(GTimeZone) wita = g_time_zone_new_identifier ("Asia/Makassar");
  g_autoptr(PstIkmGroups) groups = pst_ikm_groups_new (PST_IKM_GROUP_BY_MONTH);
  g_autoptr(GPtrArray) results = NULL;
  struct { const char *at; const int *scores; } ratings[] = {
    { "2026-11-20T02:00:00Z", all_4 },
    { "2026-10-31T16:30:00Z", all_3 },  /* 1 November 00:30 in Mamuju */
    { "2026-10-31T15:30:00Z", all_4 },  /* still 31 October there */
    { "2027-01-02T01:00:00Z", all_3 },
    { "2026-09-30T23:59:59Z", all_4 },
  };
  PstIkmGroup *group;

  g_assert_nonnull (wita);

  for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
    {
      g_autofree char *key = NULL;
      gint64 us;

      g_assert_true (pst_time_parse_rfc3339 (ratings[i].at, &us));
      key = pst_ikm_month_key (us, wita);
      g_assert_true (pst_ikm_groups_add (groups, key, ratings[i].scores, NULL));
    }

  results = pst_ikm_groups_get_results (groups);
  g_assert_cmpuint (results->len, ==, 3);

  /* 30 September 23:59:59 UTC is already 1 October in Mamuju (WITA). */
  group = g_ptr_array_index (results, 0);
  g_assert_cmpstr (group->key, ==, "2026-10");
  g_assert_cmpuint (group->respondents, ==, 2);
  g_assert_cmpint (group->ikm_hundredths, ==, 10000);

  group = g_ptr_array_index (results, 1);
  g_assert_cmpstr (group->key, ==, "2026-11");
  g_assert_cmpuint (group->respondents, ==, 2);
  g_assert_cmpint (group->ikm_hundredths, ==, 8750);
  g_assert_cmpint (group->grade, ==, PST_IKM_GRADE_B);

  group = g_ptr_array_index (results, 2);
  g_assert_cmpstr (group->key, ==, "2027-01");
  g_assert_cmpuint (group->respondents, ==, 1);
  g_assert_cmpint (group->ikm_hundredths, ==, 7500);
}

static void
test_groups_none (void)
{
  const int all_4[] = ALL (4);
  const int all_2[] = ALL (2);
  g_autoptr(PstIkmGroups) groups = pst_ikm_groups_new (PST_IKM_GROUP_BY_NONE);
  g_autoptr(GPtrArray) results = NULL;
  PstIkmGroup *group;

  /* With no ratings there is still the one group, without an index. */
  results = pst_ikm_groups_get_results (groups);
  g_assert_cmpuint (results->len, ==, 1);
  group = g_ptr_array_index (results, 0);
  g_assert_cmpstr (group->key, ==, PST_IKM_GROUP_KEY_ALL);
  g_assert_cmpuint (group->respondents, ==, 0);
  g_assert_cmpint (group->ikm_hundredths, ==, PST_IKM_NONE);
  g_assert_cmpfloat (group->nrr[0], ==, 0.0);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Keys do not matter. */
  g_assert_true (pst_ikm_groups_add (groups, NULL, all_4, NULL));
  g_assert_true (pst_ikm_groups_add (groups, "web", all_2, NULL));
  g_assert_cmpuint (pst_ikm_groups_lookup (groups, "anything")->respondents, ==, 2);

  results = pst_ikm_groups_get_results (groups);
  g_assert_cmpuint (results->len, ==, 1);
  group = g_ptr_array_index (results, 0);
  g_assert_cmpstr (group->key, ==, "all");
  g_assert_cmpuint (group->respondents, ==, 2);
  g_assert_cmpint (group->ikm_hundredths, ==, 7500);
  g_assert_cmpint (group->grade, ==, PST_IKM_GRADE_C);
}

static void
test_localized (void)
{
  PstTestLocale saved;
  const int bad[] = { 4, 4, 4, 4, 4, 4, 4, 9, 4 };
  g_autoptr(GError) error = NULL;

  if (!pst_test_locale_enter (&saved, "id_ID.UTF-8"))
    return;

  g_assert_cmpstr (pst_ikm_grade_get_label (PST_IKM_GRADE_A), ==, "Sangat Baik");
  g_assert_cmpstr (pst_ikm_grade_get_label (PST_IKM_GRADE_B), ==, "Baik");
  g_assert_cmpstr (pst_ikm_grade_get_label (PST_IKM_GRADE_C), ==, "Kurang Baik");
  g_assert_cmpstr (pst_ikm_grade_get_label (PST_IKM_GRADE_D), ==, "Tidak Baik");
  g_assert_cmpstr (pst_ikm_element_get_name (PST_IKM_ELEMENT_PROCEDURES), ==,
                   "Sistem, mekanisme dan prosedur");

  g_assert_false (pst_ikm_validate_scores (bad, &error));
  g_assert_cmpstr (error->message, ==,
                   "Nilai untuk “Penanganan pengaduan, saran dan masukan” harus 1 sampai 4, "
                   "bukan 9");

  pst_test_locale_leave (&saved);
}

static void
test_bad_arguments (void)
{
  if (g_test_subprocess ())
    {
      pst_ikm_grade_for_hundredths (2499);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*pst_ikm_grade_for_hundredths*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ikm/names", test_names);
  g_test_add_func ("/ikm/grade-bands", test_grade_bands);
  g_test_add_func ("/ikm/format", test_format);
  g_test_add_func ("/ikm/extremes", test_extremes);
  g_test_add_func ("/ikm/worked-example", test_worked_example);
  g_test_add_func ("/ikm/mixed-respondents", test_mixed_respondents);
  g_test_add_func ("/ikm/band-edges", test_band_edges);
  g_test_add_func ("/ikm/rounding-half-up", test_rounding_half_up);
  g_test_add_func ("/ikm/invalid-scores", test_invalid_scores);
  g_test_add_func ("/ikm/empty-and-merge", test_empty_and_merge);
  g_test_add_func ("/ikm/group-by-names", test_group_by_names);
  g_test_add_func ("/ikm/groups/officer", test_groups_by_officer);
  g_test_add_func ("/ikm/groups/channel", test_groups_by_channel);
  g_test_add_func ("/ikm/groups/month", test_groups_by_month);
  g_test_add_func ("/ikm/groups/none", test_groups_none);
  g_test_add_func ("/ikm/bad-arguments", test_bad_arguments);
  g_test_add_func ("/ikm/l10n/indonesian", test_localized);

  return g_test_run ();
}
