/* pst-holidays.c: days an office is closed, and the national list.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-holidays.h"
#include "pst-paths.h"

#include "pst-error.h"
#include "pst-i18n.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* The years a holiday list may name; anything else is a typo. */
#define MIN_YEAR 1900
#define MAX_YEAR 9999

/* Reads `YYYY-MM-DD`, and nothing else, into @out_date. */
static gboolean
parse_iso_date (const char *str,
                GDate      *out_date)
{
  int year, month, day;

  if (str == NULL || strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;

  for (int i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (str[i]))
        return FALSE;
    }

  year = (int) g_ascii_strtoll (str, NULL, 10);
  month = (int) g_ascii_strtoll (str + 5, NULL, 10);
  day = (int) g_ascii_strtoll (str + 8, NULL, 10);

  if (year < MIN_YEAR || year > MAX_YEAR)
    return FALSE;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, day, month, year);
  return TRUE;
}

/* The member @name of @object if it is a JSON string, else NULL. */
static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
is_blank (const char *str)
{
  for (; *str != '\0'; str++)
    {
      if (!g_ascii_isspace (*str))
        return FALSE;
    }

  return TRUE;
}


/* Parses the @index-th (from 1) entry of a `holidays` array. Only the
 * national list's kinds are accepted: an office's own closures do not come
 * through here.
 */
static PstHoliday *
parse_holiday (JsonNode *node,
               guint     index,
               GError  **error)
{
  JsonObject *object;
  JsonNode *name_en_node;
  const char *date_str;
  const char *name;
  const char *name_en = NULL;
  const char *kind_str;
  PstHolidayKind kind;
  GDate date;
  PstHoliday *holiday;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   /* Translators: do not translate the quoted member names. */
                   _("Holiday %u must be an object with “date”, “name” and “kind”"),
                   index);
      return NULL;
    }
  object = json_node_get_object (node);

  date_str = get_string_member (object, "date");
  if (date_str == NULL)
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   /* Translators: do not translate “date” nor YYYY-MM-DD. */
                   _("Holiday %u has no date; add “date” as YYYY-MM-DD"),
                   index);
      return NULL;
    }
  if (!parse_iso_date (date_str, &date))
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   /* Translators: do not translate YYYY-MM-DD. */
                   _("Holiday %u: “%s” is not a valid date; write it as YYYY-MM-DD"),
                   index, date_str);
      return NULL;
    }

  name = get_string_member (object, "name");
  if (name == NULL || is_blank (name))
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   /* Translators: the second placeholder is the holiday's date. */
                   _("Holiday %u (%s) has no name; add “name” as written in the decree"),
                   index, date_str);
      return NULL;
    }

  name_en_node = json_object_get_member (object, "name_en");
  if (name_en_node != NULL && !JSON_NODE_HOLDS_NULL (name_en_node))
    {
      name_en = get_string_member (object, "name_en");
      if (name_en == NULL)
        {
          g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                       /* Translators: the second placeholder is the holiday's date. */
                       _("Holiday %u (%s): “name_en” must be a text or be left out"),
                       index, date_str);
          return NULL;
        }
    }

  kind_str = get_string_member (object, "kind");
  if (kind_str == NULL)
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   /* Translators: do not translate the quoted kinds. */
                   _("Holiday %u (%s) has no kind; use “national” or “cuti_bersama”"),
                   index, date_str);
      return NULL;
    }
  if (!pst_holiday_kind_from_string (kind_str, &kind) || kind == PST_HOLIDAY_LOCAL)
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   /* Translators: do not translate the quoted kinds. */
                   _("Holiday %u (%s) has the unknown kind “%s”; "
                     "use “national” or “cuti_bersama”"),
                   index, date_str, kind_str);
      return NULL;
    }

  holiday = g_new0 (PstHoliday, 1);
  holiday->date = date;
  holiday->name = g_strdup (name);
  holiday->name_en = g_strdup (name_en);
  holiday->kind = kind;

  return holiday;
}

/* Appends the entries of a `holidays` array to @out. A @year other than 0
 * is the year they are listed under, which every date must fall in.
 */
static gboolean
parse_holiday_array (JsonArray  *array,
                     int         year,
                     GPtrArray  *out,
                     GError    **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      PstHoliday *holiday = parse_holiday (json_array_get_element (array, i), i + 1, error);

      if (holiday == NULL)
        return FALSE;

      g_ptr_array_add (out, holiday);

      if (year != 0 && g_date_get_year (&holiday->date) != year)
        {
          char date_str[16];

          g_date_strftime (date_str, sizeof date_str, "%Y-%m-%d", &holiday->date);
          g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                       /* Translators: “Holiday 3 (2026-01-01) is not in 2025, …”. */
                       _("Holiday %u (%s) is not in %d, the year it is listed under; "
                         "move it to its own year"),
                       i + 1, date_str, year);
          return FALSE;
        }
    }

  return TRUE;
}

/* The data file's form: `{"years": [{"year": 2025, "holidays": [...]}]}`. */
static gboolean
parse_years (JsonArray  *years,
             GPtrArray  *out,
             GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n = json_array_get_length (years);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (years, i);
      JsonObject *object;
      JsonNode *year_node;
      JsonNode *holidays_node;
      gint64 year = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                       /* Translators: do not translate the quoted member names. */
                       _("Year entry %u must be an object with “year” and “holidays”"),
                       i + 1);
          return FALSE;
        }
      object = json_node_get_object (node);

      year_node = json_object_get_member (object, "year");
      if (year_node != NULL && JSON_NODE_HOLDS_VALUE (year_node) &&
          json_node_get_value_type (year_node) == G_TYPE_INT64)
        year = json_node_get_int (year_node);

      if (year < MIN_YEAR || year > MAX_YEAR)
        {
          g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                       /* Translators: do not translate “year”. */
                       _("Year entry %u: “year” must be a whole number from %d to %d"),
                       i + 1, MIN_YEAR, MAX_YEAR);
          return FALSE;
        }

      if (!g_hash_table_add (seen, GINT_TO_POINTER ((int) year)))
        {
          g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                       _("Year %d is listed twice; keep one entry per year"),
                       (int) year);
          return FALSE;
        }

      holidays_node = json_object_get_member (object, "holidays");
      if (holidays_node == NULL || !JSON_NODE_HOLDS_ARRAY (holidays_node))
        {
          g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                       /* Translators: do not translate the quoted member names. */
                       _("Year entry %u must be an object with “year” and “holidays”"),
                       i + 1);
          return FALSE;
        }

      if (!parse_holiday_array (json_node_get_array (holidays_node), (int) year, out, error))
        {
          /* Translators: prefixed to an error about one of that year's holidays. */
          g_prefix_error (error, _("Year %d: "), (int) year);
          return FALSE;
        }
    }

  return TRUE;
}

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

/**
 * pst_holidays_parse:
 * @json: the document
 * @length: its length in bytes, or -1 if it is nul-terminated
 * @error: return location for a PST_ERROR_INVALID error
 *
 * Parses a national holiday list, either one year's
 * `{"holidays": [{"date", "name", "name_en"?, "kind"}]}` or the data file's
 * `{"years": [{"year", "holidays": [...]}]}`. Every entry is checked: a
 * real `YYYY-MM-DD` date, a name, and a kind of `national` or
 * `cuti_bersama`; members it does not know (such as `note`) are ignored.
 * The error names the first bad entry.
 *
 * Returns: (transfer full): the holidays sorted by date, or NULL
 */
GPtrArray *
pst_holidays_parse (const char  *json,
                    gssize       length,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) holidays = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *member;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   _("The holiday list is not valid JSON: %s"),
                   local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   /* Translators: do not translate the quoted member names. */
                   _("The holiday list must be a JSON object with a “holidays” or “years” "
                     "array"));
      return NULL;
    }
  object = json_node_get_object (root);

  holidays = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_holiday_free);

  if ((member = json_object_get_member (object, "holidays")) != NULL &&
      JSON_NODE_HOLDS_ARRAY (member))
    {
      if (!parse_holiday_array (json_node_get_array (member), 0, holidays, error))
        return NULL;
    }
  else if ((member = json_object_get_member (object, "years")) != NULL &&
           JSON_NODE_HOLDS_ARRAY (member))
    {
      if (!parse_years (json_node_get_array (member), holidays, error))
        return NULL;
    }
  else
    {
      g_set_error (error, PST_ERROR, PST_ERROR_INVALID,
                   /* Translators: do not translate the quoted member names. */
                   _("The holiday list must be a JSON object with a “holidays” or “years” "
                     "array"));
      return NULL;
    }

  g_ptr_array_sort (holidays, pst_holiday_compare);

  return g_steal_pointer (&holidays);
}

/**
 * pst_holidays_load_file:
 * @path: a JSON file in the form pst_holidays_parse() reads
 * @error: return location for a #GFileError or PST_ERROR_INVALID error
 *
 * Returns: (transfer full): the holidays sorted by date, or NULL
 */
GPtrArray *
pst_holidays_load_file (const char  *path,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  GPtrArray *holidays;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  holidays = pst_holidays_parse (contents, (gssize) length, error);
  if (holidays == NULL)
    g_prefix_error (error, "%s: ", path);

  return holidays;
}

/**
 * pst_holidays_find_data_file:
 *
 * Where the national list is: `$PST_DATA_DIR/holidays/indonesia.json` when
 * `PST_DATA_DIR` is set (tests, development), else the installed copy, or,
 * for a program run from its build folder without being installed, the
 * copy in the source tree it was built from.
 *
 * Returns: (transfer full): a path, whether or not the file exists
 */
char *
pst_holidays_find_data_file (void)
{
  return g_build_filename (pst_paths_get_data_dir (), "holidays", "indonesia.json", NULL);
}

/**
 * pst_holidays_filter_year:
 * @holidays: (element-type PstHoliday): holidays
 * @year: a year
 *
 * Copies the holidays of @year, for loading or replacing one year's list.
 *
 * Returns: (transfer full): the holidays of @year, in the order of @holidays
 */
GPtrArray *
pst_holidays_filter_year (GPtrArray *holidays,
                          int        year)
{
  GPtrArray *result;

  g_return_val_if_fail (holidays != NULL, NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_holiday_free);

  for (guint i = 0; i < holidays->len; i++)
    {
      const PstHoliday *holiday = g_ptr_array_index (holidays, i);

      if (g_date_get_year (&holiday->date) == year)
        g_ptr_array_add (result, pst_holiday_copy (holiday));
    }

  return result;
}

/* Orders holidays by date, then kind, for g_ptr_array_sort() on an array
 * of PstHoliday pointers.
 */
int
pst_holiday_compare (gconstpointer a,
                     gconstpointer b)
{
  const PstHoliday *ha = *(PstHoliday * const *) a;
  const PstHoliday *hb = *(PstHoliday * const *) b;
  int cmp = g_date_compare (&ha->date, &hb->date);

  if (cmp != 0)
    return cmp;

  return (int) ha->kind - (int) hb->kind;
}
