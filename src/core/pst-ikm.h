/* pst-ikm.h: the IKM satisfaction index of PermenPANRB 14/2017.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A rating answers the 9 elements of the SKM survey with a score of 1–4
 * each. NRR (the element's mean) = its sum / respondents; IKM = (Σ NRR ×
 * 1/9) × 25, from 25 to 100, rounded half up to 2 decimals at the very end
 * only. The weight is exactly 1/9, not the 0.111 of the regulation's
 * worked example. The arithmetic is exact: the IKM is kept in integer
 * hundredths (8831 for 88.31), and grades are decided on them.
 */
#define PST_IKM_N_ELEMENTS 9
#define PST_IKM_SCORE_MIN  1
#define PST_IKM_SCORE_MAX  4

/* The IKM of nobody: an empty tally has no index and no grade. */
#define PST_IKM_NONE 0

typedef enum
{
  PST_IKM_ELEMENT_REQUIREMENTS,
  PST_IKM_ELEMENT_PROCEDURES,
  PST_IKM_ELEMENT_COMPLETION_TIME,
  PST_IKM_ELEMENT_COST,
  PST_IKM_ELEMENT_PRODUCT,
  PST_IKM_ELEMENT_COMPETENCE,
  PST_IKM_ELEMENT_BEHAVIOUR,
  PST_IKM_ELEMENT_COMPLAINT_HANDLING,
  PST_IKM_ELEMENT_FACILITIES,
} PstIkmElement;

/* A 88.31–100, B 76.61–88.30, C 65.00–76.60, D 25.00–64.99. */
typedef enum
{
  PST_IKM_GRADE_A,
  PST_IKM_GRADE_B,
  PST_IKM_GRADE_C,
  PST_IKM_GRADE_D,
  PST_N_IKM_GRADES
} PstIkmGrade;

const char  *pst_ikm_element_get_name     (PstIkmElement  element);
const char  *pst_ikm_grade_to_letter      (PstIkmGrade    grade);
gboolean     pst_ikm_grade_from_letter    (const char    *letter,
                                           PstIkmGrade   *out_grade);
const char  *pst_ikm_grade_get_label      (PstIkmGrade    grade);
PstIkmGrade  pst_ikm_grade_for_hundredths (int            hundredths);
char        *pst_ikm_format_hundredths    (int            hundredths);
gboolean     pst_ikm_validate_scores      (const int      scores[PST_IKM_N_ELEMENTS],
                                           GError       **error);

/* The sums of a set of ratings. A zeroed struct (`PstIkmTally t = { 0 };`)
 * is an empty tally; change it only with the functions below.
 */
typedef struct
{
  guint   respondents;
  guint64 sums[PST_IKM_N_ELEMENTS];
} PstIkmTally;

PstIkmTally *pst_ikm_tally_new                (void);
PstIkmTally *pst_ikm_tally_copy               (const PstIkmTally *tally);
void         pst_ikm_tally_free               (PstIkmTally       *tally);
gboolean     pst_ikm_tally_add                (PstIkmTally       *tally,
                                               const int          scores[PST_IKM_N_ELEMENTS],
                                               GError           **error);
void         pst_ikm_tally_merge              (PstIkmTally       *tally,
                                               const PstIkmTally *other);
gboolean     pst_ikm_tally_is_empty           (const PstIkmTally *tally);
double       pst_ikm_tally_get_nrr            (const PstIkmTally *tally,
                                               PstIkmElement      element);
int          pst_ikm_tally_get_ikm_hundredths (const PstIkmTally *tally);
double       pst_ikm_tally_get_ikm            (const PstIkmTally *tally);
gboolean     pst_ikm_tally_get_grade          (const PstIkmTally *tally,
                                               PstIkmGrade       *out_grade);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstIkmTally, pst_ikm_tally_free)

/* How a report groups ratings (the `group_by` of GET /ratings/ikm). */
typedef enum
{
  PST_IKM_GROUP_BY_NONE,
  PST_IKM_GROUP_BY_OFFICE,
  PST_IKM_GROUP_BY_OFFICER,
  PST_IKM_GROUP_BY_CHANNEL,
  PST_IKM_GROUP_BY_MONTH,
  PST_N_IKM_GROUP_BYS
} PstIkmGroupBy;

const char *pst_ikm_group_by_to_string   (PstIkmGroupBy  group_by);
gboolean    pst_ikm_group_by_from_string (const char    *str,
                                          PstIkmGroupBy *out_group_by);

/* The key of the single group when grouping by nothing. */
#define PST_IKM_GROUP_KEY_ALL "all"

char *pst_ikm_month_key (gint64     us,
                         GTimeZone *tz);

/* One row of a report. */
typedef struct
{
  char        *key;
  guint        respondents;
  double       nrr[PST_IKM_N_ELEMENTS];  /* 0 when there are no respondents */
  int          ikm_hundredths;           /* PST_IKM_NONE without respondents */
  PstIkmGrade  grade;                    /* meaningless without respondents */
} PstIkmGroup;

PstIkmGroup *pst_ikm_group_new  (const char        *key,
                                 const PstIkmTally *tally);
PstIkmGroup *pst_ikm_group_copy (const PstIkmGroup *group);
void         pst_ikm_group_free (PstIkmGroup       *group);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstIkmGroup, pst_ikm_group_free)

/* Ratings added under a key (an officer's or office's id, a channel's
 * wire name, a month from pst_ikm_month_key()); the results come sorted
 * by key (byte order, so months are chronological). Grouping by NONE puts
 * every rating, whatever its key (NULL is fine), in one group keyed
 * PST_IKM_GROUP_KEY_ALL, which is there even with no ratings; the other
 * groupings have only the groups that received a rating.
 */
typedef struct _PstIkmGroups PstIkmGroups;

PstIkmGroups      *pst_ikm_groups_new          (PstIkmGroupBy  group_by);
void               pst_ikm_groups_free         (PstIkmGroups  *groups);
PstIkmGroupBy      pst_ikm_groups_get_group_by (PstIkmGroups  *groups);
gboolean           pst_ikm_groups_add          (PstIkmGroups  *groups,
                                                const char    *key,
                                                const int      scores[PST_IKM_N_ELEMENTS],
                                                GError       **error);
const PstIkmTally *pst_ikm_groups_lookup       (PstIkmGroups  *groups,
                                                const char    *key);
GPtrArray         *pst_ikm_groups_get_results  (PstIkmGroups  *groups);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstIkmGroups, pst_ikm_groups_free)

G_END_DECLS
