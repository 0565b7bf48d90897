/* pst-holidays.c: days an office is closed, and the national list.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-holidays.h"

PstHoliday *
pst_holiday_new (int             year,
                 int             month,
                 int             day,
                 const char     *name,
                 const char     *name_en,
                 PstHolidayKind  kind,
                 const char     *office)
{
  PstHoliday *holiday;

  g_return_val_if_fail (g_date_valid_dmy (day, month, year), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  holiday = g_new0 (PstHoliday, 1);
  g_date_set_dmy (&holiday->date, day, month, year);
  holiday->name = g_strdup (name);
  holiday->name_en = g_strdup (name_en);
  holiday->kind = kind;
  holiday->office = g_strdup (office);

  return holiday;
}

PstHoliday *
pst_holiday_copy (const PstHoliday *holiday)
{
  PstHoliday *copy;

  g_return_val_if_fail (holiday != NULL, NULL);

  copy = g_new0 (PstHoliday, 1);
  copy->date = holiday->date;
  copy->name = g_strdup (holiday->name);
  copy->name_en = g_strdup (holiday->name_en);
  copy->kind = holiday->kind;
  copy->office = g_strdup (holiday->office);

  return copy;
}

void
pst_holiday_free (PstHoliday *holiday)
{
  if (holiday == NULL)
    return;

  g_free (holiday->name);
  g_free (holiday->name_en);
  g_free (holiday->office);
  g_free (holiday);
}
