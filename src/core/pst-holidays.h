/* pst-holidays.h: days an office is closed, and the national list.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pst-enums.h"

G_BEGIN_DECLS

/* One closed day: a national holiday, a cuti bersama day, or an office's
 * own closure (then @office is its code). Islamic dates are never computed:
 * they come from the yearly joint ministerial decree.
 */
typedef struct
{
  GDate          date;
  char          *name;     /* Indonesian name, as in the decree */
  char          *name_en;  /* English name, or NULL */
  PstHolidayKind kind;
  char          *office;   /* NULL for national days */
} PstHoliday;

PstHoliday *pst_holiday_new  (int               year,
                              int               month,
                              int               day,
                              const char       *name,
                              const char       *name_en,
                              PstHolidayKind    kind,
                              const char       *office);
PstHoliday *pst_holiday_copy (const PstHoliday *holiday);
void        pst_holiday_free (PstHoliday       *holiday);
int         pst_holiday_compare (gconstpointer  a,
                                 gconstpointer  b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstHoliday, pst_holiday_free)

/* The national list is a JSON document, either one year's
 * `{"holidays": [{"date", "name", "name_en"?, "kind"}]}` (what
 * `PUT /holidays/{year}` takes) or the data file's
 * `{"years": [{"year", "holidays": [...]}]}`. The functions below return
 * arrays of PstHoliday sorted by date, which free their elements.
 */
GPtrArray  *pst_holidays_parse          (const char       *json,
                                         gssize            length,
                                         GError          **error);
GPtrArray  *pst_holidays_load_file      (const char       *path,
                                         GError          **error);
char       *pst_holidays_find_data_file (void);
GPtrArray  *pst_holidays_filter_year    (GPtrArray        *holidays,
                                         int               year);

G_END_DECLS
