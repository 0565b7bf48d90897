/* pst-ikm.c: the IKM satisfaction index of PermenPANRB 14/2017.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-ikm.h"

#include "pst-i18n.h"
#include "pst-time.h"
#include "pst-validate.h"

#include <string.h>

/* The grade boundaries in hundredths of the index. */
#define IKM_MIN_HUNDREDTHS     2500
#define IKM_MAX_HUNDREDTHS     10000
#define GRADE_A_MIN_HUNDREDTHS 8831
#define GRADE_B_MIN_HUNDREDTHS 7661
#define GRADE_C_MIN_HUNDREDTHS 6500

struct _PstIkmGroups
{
  PstIkmGroupBy group_by;
  GHashTable *tallies;  /* key → PstIkmTally */
};

/* The names are in the context "IKM element", the grades' labels in
 * "IKM grade", apart from the same words used elsewhere.
 */
static const char *const element_names[PST_IKM_N_ELEMENTS] = {
  /* Translators: SKM survey element 1, officially "Persyaratan". */
  NC_("IKM element", "Requirements"),
  /* Translators: SKM element 2, officially "Sistem, mekanisme dan prosedur". */
  NC_("IKM element", "Systems, mechanisms and procedures"),
  /* Translators: SKM element 3, officially "Waktu penyelesaian". */
  NC_("IKM element", "Completion time"),
  /* Translators: SKM element 4, officially "Biaya/tarif". */
  NC_("IKM element", "Cost/tariff"),
  /* Translators: SKM element 5, officially "Produk spesifikasi jenis pelayanan". */
  NC_("IKM element", "Product specification by type of service"),
  /* Translators: SKM element 6, officially "Kompetensi pelaksana". */
  NC_("IKM element", "Competence of the officers"),
  /* Translators: SKM element 7, officially "Perilaku pelaksana". */
  NC_("IKM element", "Behaviour of the officers"),
  /* Translators: SKM element 8, officially "Penanganan pengaduan, saran dan masukan". */
  NC_("IKM element", "Handling of complaints, suggestions and feedback"),
  /* Translators: SKM element 9, officially "Sarana dan prasarana". */
  NC_("IKM element", "Facilities and infrastructure"),
};

static const char *const grade_letters[PST_N_IKM_GRADES] = { "A", "B", "C", "D" };

static const char *const grade_labels[PST_N_IKM_GRADES] = {
  /* Translators: IKM grade A (88.31–100), officially "Sangat Baik". */
  NC_("IKM grade", "Very good"),
  /* Translators: IKM grade B (76.61–88.30), officially "Baik". */
  NC_("IKM grade", "Good"),
  /* Translators: IKM grade C (65.00–76.60), officially "Kurang Baik". */
  NC_("IKM grade", "Poor"),
  /* Translators: IKM grade D (25.00–64.99), officially "Tidak Baik". */
  NC_("IKM grade", "Very poor"),
};

static const char *const group_by_names[PST_N_IKM_GROUP_BYS] = {
  "none", "office", "officer", "channel", "month",
};

static guint64
tally_total (const PstIkmTally *tally)
{
  guint64 total = 0;

  for (guint i = 0; i < PST_IKM_N_ELEMENTS; i++)
    total += tally->sums[i];

  return total;
}

const char *
pst_ikm_element_get_name (PstIkmElement element)
{
  g_return_val_if_fail ((guint) element < PST_IKM_N_ELEMENTS, NULL);

  return pst_dpgettext2 ("IKM element", element_names[element]);
}

const char *
pst_ikm_grade_to_letter (PstIkmGrade grade)
{
  g_return_val_if_fail ((guint) grade < PST_N_IKM_GRADES, NULL);

  return grade_letters[grade];
}

gboolean
pst_ikm_grade_from_letter (const char  *letter,
                           PstIkmGrade *out_grade)
{
  for (guint i = 0; letter != NULL && i < PST_N_IKM_GRADES; i++)
    {
      if (g_str_equal (letter, grade_letters[i]))
        {
          if (out_grade != NULL)
            *out_grade = (PstIkmGrade) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* The grade's localized name ("Sangat Baik" in Indonesian). */
const char *
pst_ikm_grade_get_label (PstIkmGrade grade)
{
  g_return_val_if_fail ((guint) grade < PST_N_IKM_GRADES, NULL);

  return pst_dpgettext2 ("IKM grade", grade_labels[grade]);
}

/* The grade of an IKM of @hundredths (2500–10000). */
PstIkmGrade
pst_ikm_grade_for_hundredths (int hundredths)
{
  g_return_val_if_fail (hundredths >= IKM_MIN_HUNDREDTHS, PST_IKM_GRADE_D);
  g_return_val_if_fail (hundredths <= IKM_MAX_HUNDREDTHS, PST_IKM_GRADE_A);

  if (hundredths >= GRADE_A_MIN_HUNDREDTHS)
    return PST_IKM_GRADE_A;
  if (hundredths >= GRADE_B_MIN_HUNDREDTHS)
    return PST_IKM_GRADE_B;
  if (hundredths >= GRADE_C_MIN_HUNDREDTHS)
    return PST_IKM_GRADE_C;

  return PST_IKM_GRADE_D;
}

/* "88.31" for 8831, with a dot whatever the locale (for CSV and logs). */
char *
pst_ikm_format_hundredths (int hundredths)
{
  g_return_val_if_fail (hundredths >= 0, NULL);

  return g_strdup_printf ("%d.%02d", hundredths / 100, hundredths % 100);
}

gboolean
pst_ikm_validate_scores (const int   scores[PST_IKM_N_ELEMENTS],
                         GError    **error)
{
  g_return_val_if_fail (scores != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < PST_IKM_N_ELEMENTS; i++)
    {
      if (scores[i] < PST_IKM_SCORE_MIN || scores[i] > PST_IKM_SCORE_MAX)
        {
          g_set_error (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_SCORE,
                       /* Translators: %s is an element of the survey; %d the score given. */
                       _("The score for “%s” must be from 1 to 4, not %d"),
                       pst_ikm_element_get_name ((PstIkmElement) i), scores[i]);
          return FALSE;
        }
    }

  return TRUE;
}

PstIkmTally *
pst_ikm_tally_new (void)
{
  return g_new0 (PstIkmTally, 1);
}

PstIkmTally *
pst_ikm_tally_copy (const PstIkmTally *tally)
{
  g_return_val_if_fail (tally != NULL, NULL);

  return g_memdup2 (tally, sizeof *tally);
}

void
pst_ikm_tally_free (PstIkmTally *tally)
{
  g_free (tally);
}

/* Adds one respondent's @scores; when one is outside 1–4 the tally is
 * left as it was and @error names the element.
 */
gboolean
pst_ikm_tally_add (PstIkmTally  *tally,
                   const int     scores[PST_IKM_N_ELEMENTS],
                   GError      **error)
{
  g_return_val_if_fail (tally != NULL, FALSE);

  if (!pst_ikm_validate_scores (scores, error))
    return FALSE;

  tally->respondents++;
  for (guint i = 0; i < PST_IKM_N_ELEMENTS; i++)
    tally->sums[i] += (guint64) scores[i];

  return TRUE;
}

void
pst_ikm_tally_merge (PstIkmTally       *tally,
                     const PstIkmTally *other)
{
  g_return_if_fail (tally != NULL);
  g_return_if_fail (other != NULL);

  tally->respondents += other->respondents;
  for (guint i = 0; i < PST_IKM_N_ELEMENTS; i++)
    tally->sums[i] += other->sums[i];
}

gboolean
pst_ikm_tally_is_empty (const PstIkmTally *tally)
{
  g_return_val_if_fail (tally != NULL, TRUE);

  return tally->respondents == 0;
}

/* The element's mean score, 1–4; 0 for an empty tally. */
double
pst_ikm_tally_get_nrr (const PstIkmTally *tally,
                       PstIkmElement      element)
{
  g_return_val_if_fail (tally != NULL, 0.0);
  g_return_val_if_fail ((guint) element < PST_IKM_N_ELEMENTS, 0.0);

  if (tally->respondents == 0)
    return 0.0;

  return (double) tally->sums[element] / (double) tally->respondents;
}

/* The IKM in hundredths, 2500–10000, or PST_IKM_NONE for an empty tally.
 * With S the total of all scores and n the respondents, Σ NRR = S / n, so
 * IKM × 100 = 2500 S / 9n, rounded half up as ⌊(5000 S + 9n) / 18n⌋.
 */
int
pst_ikm_tally_get_ikm_hundredths (const PstIkmTally *tally)
{
  guint64 n;

  g_return_val_if_fail (tally != NULL, PST_IKM_NONE);

  if (tally->respondents == 0)
    return PST_IKM_NONE;

  n = tally->respondents;
  return (int) ((5000 * tally_total (tally) + 9 * n) / (18 * n));
}

/* The IKM as a number (88.31), or 0 for an empty tally. */
double
pst_ikm_tally_get_ikm (const PstIkmTally *tally)
{
  g_return_val_if_fail (tally != NULL, 0.0);

  return pst_ikm_tally_get_ikm_hundredths (tally) / 100.0;
}

/* FALSE for an empty tally, which has no grade. */
gboolean
pst_ikm_tally_get_grade (const PstIkmTally *tally,
                         PstIkmGrade       *out_grade)
{
  g_return_val_if_fail (tally != NULL, FALSE);
  g_return_val_if_fail (out_grade != NULL, FALSE);

  if (tally->respondents == 0)
    return FALSE;

  *out_grade = pst_ikm_grade_for_hundredths (pst_ikm_tally_get_ikm_hundredths (tally));
  return TRUE;
}

const char *
pst_ikm_group_by_to_string (PstIkmGroupBy group_by)
{
  g_return_val_if_fail ((guint) group_by < PST_N_IKM_GROUP_BYS, NULL);

  return group_by_names[group_by];
}

gboolean
pst_ikm_group_by_from_string (const char    *str,
                              PstIkmGroupBy *out_group_by)
{
  for (guint i = 0; str != NULL && i < PST_N_IKM_GROUP_BYS; i++)
    {
      if (g_str_equal (str, group_by_names[i]))
        {
          if (out_group_by != NULL)
            *out_group_by = (PstIkmGroupBy) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* The month of @us in @tz (UTC when NULL) as "2026-11". */
char *
pst_ikm_month_key (gint64     us,
                   GTimeZone *tz)
{
  g_autoptr(GDateTime) dt = pst_time_to_date_time (us, tz);

  g_return_val_if_fail (dt != NULL, NULL);

  return g_date_time_format (dt, "%Y-%m");
}

PstIkmGroup *
pst_ikm_group_new (const char        *key,
                   const PstIkmTally *tally)
{
  PstIkmGroup *group;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (tally != NULL, NULL);

  group = g_new0 (PstIkmGroup, 1);
  group->key = g_strdup (key);
  group->respondents = tally->respondents;
  for (guint i = 0; i < PST_IKM_N_ELEMENTS; i++)
    group->nrr[i] = pst_ikm_tally_get_nrr (tally, (PstIkmElement) i);
  group->ikm_hundredths = pst_ikm_tally_get_ikm_hundredths (tally);
  group->grade = PST_IKM_GRADE_D;
  pst_ikm_tally_get_grade (tally, &group->grade);

  return group;
}

PstIkmGroup *
pst_ikm_group_copy (const PstIkmGroup *group)
{
  PstIkmGroup *copy;

  g_return_val_if_fail (group != NULL, NULL);

  copy = g_memdup2 (group, sizeof *group);
  copy->key = g_strdup (group->key);

  return copy;
}

void
pst_ikm_group_free (PstIkmGroup *group)
{
  if (group == NULL)
    return;

  g_free (group->key);
  g_free (group);
}

PstIkmGroups *
pst_ikm_groups_new (PstIkmGroupBy group_by)
{
  PstIkmGroups *groups;

  g_return_val_if_fail ((guint) group_by < PST_N_IKM_GROUP_BYS, NULL);

  groups = g_new0 (PstIkmGroups, 1);
  groups->group_by = group_by;
  groups->tallies = g_hash_table_new_full (g_str_hash, g_str_equal,
                                           g_free, (GDestroyNotify) pst_ikm_tally_free);

  if (group_by == PST_IKM_GROUP_BY_NONE)
    g_hash_table_insert (groups->tallies, g_strdup (PST_IKM_GROUP_KEY_ALL), pst_ikm_tally_new ());

  return groups;
}

void
pst_ikm_groups_free (PstIkmGroups *groups)
{
  if (groups == NULL)
    return;

  g_hash_table_unref (groups->tallies);
  g_free (groups);
}

PstIkmGroupBy
pst_ikm_groups_get_group_by (PstIkmGroups *groups)
{
  g_return_val_if_fail (groups != NULL, PST_IKM_GROUP_BY_NONE);

  return groups->group_by;
}

gboolean
pst_ikm_groups_add (PstIkmGroups  *groups,
                    const char    *key,
                    const int      scores[PST_IKM_N_ELEMENTS],
                    GError       **error)
{
  PstIkmTally *tally;

  g_return_val_if_fail (groups != NULL, FALSE);
  g_return_val_if_fail (groups->group_by == PST_IKM_GROUP_BY_NONE ||
                        (key != NULL && key[0] != '\0'), FALSE);

  if (!pst_ikm_validate_scores (scores, error))
    return FALSE;

  if (groups->group_by == PST_IKM_GROUP_BY_NONE)
    key = PST_IKM_GROUP_KEY_ALL;

  tally = g_hash_table_lookup (groups->tallies, key);
  if (tally == NULL)
    {
      tally = pst_ikm_tally_new ();
      g_hash_table_insert (groups->tallies, g_strdup (key), tally);
    }

  return pst_ikm_tally_add (tally, scores, error);
}

/* The tally of @key, or NULL when no rating went there. */
const PstIkmTally *
pst_ikm_groups_lookup (PstIkmGroups *groups,
                       const char   *key)
{
  g_return_val_if_fail (groups != NULL, NULL);

  if (groups->group_by == PST_IKM_GROUP_BY_NONE)
    key = PST_IKM_GROUP_KEY_ALL;
  if (key == NULL)
    return NULL;

  return g_hash_table_lookup (groups->tallies, key);
}

/* Returns a new array of PstIkmGroup, sorted by key. */
GPtrArray *
pst_ikm_groups_get_results (PstIkmGroups *groups)
{
  GList *keys;
  GPtrArray *results;

  g_return_val_if_fail (groups != NULL, NULL);

  keys = g_list_sort (g_hash_table_get_keys (groups->tallies), (GCompareFunc) strcmp);
  results = g_ptr_array_new_full (g_hash_table_size (groups->tallies),
                                  (GDestroyNotify) pst_ikm_group_free);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const PstIkmTally *tally = g_hash_table_lookup (groups->tallies, l->data);

      g_ptr_array_add (results, pst_ikm_group_new (l->data, tally));
    }

  g_list_free (keys);
  return results;
}
