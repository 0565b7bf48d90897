/* pst-route-offices.c: offices, their service standard and the working
 * calendar.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* pst-routes.h needs the types of pst-request.h before it. */
#include "pst-request.h"
#include "pst-routes.h"

#include "pst-i18n.h"
#include "pst-server.h"

#include <stdarg.h>
#include <stdio.h>

/* The routes of API.md's "Offices and the working calendar", and what they
 * add to it:
 *
 * GET /offices (public) lists `{code, name, timezone}` by code in the list
 * envelope, with ?limit= and ?cursor= (a national install has ~550).
 *
 * GET /offices/{code} (public) is the whole office: API.md's fields, the
 * `guest_book_stage`, and the settings the codec of pst-json.c does not
 * carry: `website`, `channels` (the consultation channels it serves, as
 * ticket and consultation channels are named), `zoom_follow_up` and
 * `retention_days` (how long visitors' personal data is kept). Its
 * `holidays` are the days the office is closed, national and its own, of
 * the current year in the office's zone and the next one; `?year=YYYY`
 * gives those of one year instead.
 *
 * GET /offices/{code}/due?from=T and exactly one of working_days=N (0–365,
 * DOMAIN.md's rule; 0 is the closing time of the effective day),
 * minutes=N (0–525600) or days=N (0–3650) answers `{due, due_local}`.
 *
 * POST /offices and PUT /offices/{code} (admin) take the office in the
 * same shape. POST needs code (four digits), name and timezone; hours
 * default to DOMAIN.md's Mon–Thu 08:00–15:30, Fri 08:00–16:00, the
 * standard to DOMAIN.md's common one, channels to walk-in and web. PUT
 * changes the members it is given and keeps the others (`standard` member
 * by member), so a client may send back what GET gave it. `holidays` are
 * ignored there: PUT /offices/{code}/holidays replaces the office's own
 * closures, PUT /holidays/{year} a year's national list (GET
 * /holidays/{year} reads it back).
 *
 * Events (API.md lists none for offices; these are additions): every
 * change of an office appends `office.updated` with the office as GET
 * answers it; a new national list appends `holidays.updated` with
 * `{year, holidays}` and no office, so desks reload their calendars.
 */

#define OFFICE_CODE_LENGTH 4

#define NAME_MAX_CHARS 200
#define TEXT_MAX_CHARS 500
#define LIST_MAX_ENTRIES 400

#define YEAR_MIN 1970
#define YEAR_MAX 2999

#define DUE_MAX_WORKING_DAYS 365
#define DUE_MAX_MINUTES (365 * 24 * 60)
#define DUE_MAX_DAYS 3650

#define RETENTION_MAX_DAYS 3650

#define DEFAULT_OPEN_MINUTE (8 * 60)
#define DEFAULT_CLOSE_MINUTE (15 * 60 + 30)
#define DEFAULT_FRIDAY_CLOSE_MINUTE (16 * 60)

/* An office with what it has beyond PstOffice. */
typedef struct
{
  PstOffice *office;
  char      *website;
  gboolean   channels[PST_N_CHANNELS];
  gboolean   zoom_follow_up;
  int        retention_days;
} OfficeConfig;

static void
office_config_free (OfficeConfig *config)
{
  if (config == NULL)
    return;

  g_clear_pointer (&config->office, pst_office_free);
  g_free (config->website);
  g_free (config);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OfficeConfig, office_config_free)

/* Errors. */

/* An invalid_field error about @field, like the codecs' own. */
G_GNUC_PRINTF (3, 4)
static void
set_field_error (GError    **error,
                 const char *field,
                 const char *format,
                 ...)
{
  GError *local;
  va_list args;

  va_start (args, format);
  local = g_error_new_valist (PST_JSON_ERROR, PST_JSON_ERROR_INVALID_FIELD, format, args);
  va_end (args);

  pst_json_error_prefix_field (local, field);
  g_propagate_error (error, local);
}

/* Reads a whole number from a query or path parameter. */
static gboolean
parse_number (const char  *field,
              const char  *text,
              gint64       min,
              gint64       max,
              gint64      *out,
              GError     **error)
{
  gint64 value;

  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    {
      /* Translators: %s is the name of a field of the data, like “minutes”. */
      set_field_error (error, field, _("“%s” must be a whole number"), field);
      return FALSE;
    }

  if (value < min || value > max)
    {
      /* Translators: %s is the name of a field, the numbers its limits. */
      set_field_error (error, field, _("“%s” must be between %d and %d"), field, (int) min,
                       (int) max);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

static gboolean
parse_year (const char  *field,
            const char  *text,
            int         *out_year,
            GError     **error)
{
  gint64 year;

  if (!parse_number (field, text, YEAR_MIN, YEAR_MAX, &year, error))
    return FALSE;

  *out_year = (int) year;
  return TRUE;
}

/* Small helpers. */

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_int_or_null (sqlite3_stmt *stmt,
                  int           index,
                  int           value)
{
  if (value > 0)
    sqlite3_bind_int (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* A stored holiday, or NULL when the row is unreadable (skipped). */
static PstHoliday *
holiday_from_row (sqlite3_stmt *stmt)
{
  PstHolidayKind kind;
  int year, month, day;

  if (sscanf (pst_store_column_text (stmt, 0), "%d-%d-%d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year) ||
      !pst_holiday_kind_from_string (pst_store_column_text (stmt, 3), &kind))
    return NULL;

  return pst_holiday_new (year, month, day, pst_store_column_text (stmt, 1),
                          pst_store_column_text (stmt, 2), kind, pst_store_column_text (stmt, 4));
}

/* The current year in @office's zone. */
static int
office_year (PstRequest *request,
             const char *timezone)
{
  g_autoptr(GTimeZone) tz = pst_time_zone_new (timezone, NULL);
  g_autoptr(GDateTime) now = pst_time_to_date_time (request->now, tz);

  return g_date_time_get_year (now);
}

/* Loading. */

static gboolean
load_office_row (PstStore      *store,
                 const char    *code,
                 OfficeConfig  *config,
                 GError       **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  PstOffice *office = config->office;
  PstStandard *standard;

  stmt = pst_store_prepare (store,
                            "SELECT code, name, timezone, sk_number, address, phone, website,"
                            " walkin_wait_min, session_max_min, web_response_working_days,"
                            " whatsapp_first_response_working_days, email_response_working_days,"
                            " idle_close_amount, idle_close_unit, guest_book_stage, zoom_follow_up,"
                            " retention_days, complaint_response_working_days"
                            " FROM offices WHERE code = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_one (store, stmt, error))
    return FALSE;

  office->code = g_strdup (pst_store_column_text (stmt, 0));
  office->name = g_strdup (pst_store_column_text (stmt, 1));
  office->timezone = g_strdup (pst_store_column_text (stmt, 2));
  office->sk_number = g_strdup (pst_store_column_text (stmt, 3));
  office->address = g_strdup (pst_store_column_text (stmt, 4));
  office->phone = g_strdup (pst_store_column_text (stmt, 5));
  config->website = g_strdup (pst_store_column_text (stmt, 6));

  office->standard = standard = pst_standard_new ();
  standard->walkin_wait_min = sqlite3_column_int (stmt, 7);
  standard->session_max_min = sqlite3_column_int (stmt, 8);
  standard->web_response_working_days = sqlite3_column_int (stmt, 9);
  standard->whatsapp_first_response_working_days = sqlite3_column_int (stmt, 10);
  standard->email_response_working_days = sqlite3_column_int (stmt, 11);
  standard->idle_close_amount = sqlite3_column_int (stmt, 12);
  if (!pst_duration_unit_from_string (pst_store_column_text (stmt, 13), &standard->idle_close_unit))
    standard->idle_close_unit = PST_DURATION_UNIT_DAYS;
  if (!pst_guest_book_stage_from_string (pst_store_column_text (stmt, 14),
                                         &office->guest_book_stage))
    office->guest_book_stage = PST_GUEST_BOOK_FRONT_OFFICE;
  config->zoom_follow_up = sqlite3_column_int (stmt, 15) != 0;
  config->retention_days = sqlite3_column_int (stmt, 16);
  standard->complaint_response_working_days = sqlite3_column_int (stmt, 17);

  return TRUE;
}

static gboolean
load_office_hours (PstStore      *store,
                   OfficeConfig  *config,
                   GError       **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store,
                            "SELECT weekday, open_min, close_min FROM office_hours"
                            " WHERE office = ?1 ORDER BY weekday, open_min",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, config->office->code, -1, SQLITE_TRANSIENT);
  while (pst_store_step_row (store, stmt, error))
    g_ptr_array_add (config->office->service_hours,
                     pst_service_hours_new (sqlite3_column_int (stmt, 0),
                                            sqlite3_column_int (stmt, 1),
                                            sqlite3_column_int (stmt, 2)));

  return error == NULL || *error == NULL;
}

static gboolean
load_office_channels (PstStore      *store,
                      OfficeConfig  *config,
                      GError       **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_auto(PstStoreStatement) complaints = NULL;

  stmt = pst_store_prepare (store, "SELECT channel FROM office_channels WHERE office = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, config->office->code, -1, SQLITE_TRANSIENT);
  while (pst_store_step_row (store, stmt, error))
    {
      PstChannel channel;

      if (pst_channel_from_string (pst_store_column_text (stmt, 0), &channel))
        config->channels[channel] = TRUE;
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  complaints = pst_store_prepare (store,
                                  "SELECT kind, value FROM complaint_channels WHERE office = ?1"
                                  " ORDER BY position, id",
                                  error);
  if (complaints == NULL)
    return FALSE;

  sqlite3_bind_text (complaints, 1, config->office->code, -1, SQLITE_TRANSIENT);
  while (pst_store_step_row (store, complaints, error))
    {
      PstComplaintChannel kind;

      if (pst_complaint_channel_from_string (pst_store_column_text (complaints, 0), &kind))
        g_ptr_array_add (config->office->complaint_channels,
                         pst_complaint_channel_entry_new (kind,
                                                          pst_store_column_text (complaints, 1)));
    }

  return error == NULL || *error == NULL;
}

/* The days the office is closed from @first_year to @last_year: national
 * holidays, cuti bersama and its own closures, by date.
 */
static gboolean
load_office_holidays (PstStore      *store,
                      OfficeConfig  *config,
                      int            first_year,
                      int            last_year,
                      GError       **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *first = g_strdup_printf ("%04d-01-01", first_year);
  g_autofree char *last = g_strdup_printf ("%04d-12-31", last_year);

  stmt = pst_store_prepare (store,
                            "SELECT date, name, name_en, kind, office FROM holidays"
                            " WHERE (office IS NULL OR office = ?1) AND date >= ?2 AND date <= ?3"
                            " ORDER BY date, coalesce (office, '')",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, config->office->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, last, -1, SQLITE_TRANSIENT);
  while (pst_store_step_row (store, stmt, error))
    {
      PstHoliday *holiday = holiday_from_row (stmt);

      if (holiday != NULL)
        g_ptr_array_add (config->office->holidays, holiday);
    }

  return error == NULL || *error == NULL;
}

/* Loads the office @code with its closed days from @first_year to
 * @last_year (none when @first_year is 0). Fails with
 * PST_STORE_ERROR_NOT_FOUND for an unknown office.
 */
static OfficeConfig *
load_office (PstStore    *store,
             const char  *code,
             int          first_year,
             int          last_year,
             GError     **error)
{
  g_autoptr(OfficeConfig) config = g_new0 (OfficeConfig, 1);

  config->office = pst_office_new ();
  if (!load_office_row (store, code, config, error) ||
      !load_office_hours (store, config, error) ||
      !load_office_channels (store, config, error) ||
      (first_year > 0 &&
       !load_office_holidays (store, config, first_year, last_year, error)))
    return NULL;

  return g_steal_pointer (&config);
}

static JsonNode *
office_config_to_json (const OfficeConfig *config)
{
  JsonNode *node = pst_office_to_json (config->office);
  JsonObject *obj = json_node_get_object (node);
  JsonArray *channels = json_array_new ();

  if (config->website != NULL)
    json_object_set_string_member (obj, "website", config->website);
  else
    json_object_set_null_member (obj, "website");

  for (int channel = 0; channel < PST_N_CHANNELS; channel++)
    {
      if (config->channels[channel])
        json_array_add_string_element (channels, pst_channel_to_string (channel));
    }
  json_object_set_array_member (obj, "channels", channels);
  json_object_set_boolean_member (obj, "zoom_follow_up", config->zoom_follow_up);
  json_object_set_int_member (obj, "retention_days", config->retention_days);

  return node;
}

/* The office as GET answers it by default: its closed days of this year
 * and the next, in its own zone.
 */
static JsonNode *
office_json_for_request (PstRequest  *request,
                         const char  *code,
                         GError     **error)
{
  g_autoptr(OfficeConfig) config = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  int year;

  stmt = pst_store_prepare (request->store, "SELECT timezone FROM offices WHERE code = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_one (request->store, stmt, error))
    return NULL;

  year = office_year (request, pst_store_column_text (stmt, 0));
  config = load_office (request->store, code, year, year + 1, error);
  if (config == NULL)
    return NULL;

  return office_config_to_json (config);
}

/* Reading an office from a request body. */

static gboolean
check_text (const char  *field,
            const char  *value,
            guint        max_chars,
            GError     **error)
{
  if (value != NULL && g_utf8_strlen (value, -1) > max_chars)
    {
      /* Translators: %s is the name of a field, %u a number of characters. */
      set_field_error (error, field, _("“%s” is too long; use at most %u characters"), field,
                       max_chars);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_list_length (const char  *field,
                   guint        length,
                   GError     **error)
{
  if (length > LIST_MAX_ENTRIES)
    {
      /* Translators: %s is the name of a list in the data, %d a number. */
      set_field_error (error, field, _("“%s” may have at most %d entries"), field,
                       LIST_MAX_ENTRIES);
      return FALSE;
    }

  return TRUE;
}

/* An optional text that is empty means none. */
static void
normalize_empty (char **text)
{
  if (*text != NULL && **text == '\0')
    g_clear_pointer (text, g_free);
}

static gboolean
check_office_code (const char  *code,
                   GError     **error)
{
  gboolean valid = strlen (code) == OFFICE_CODE_LENGTH;

  for (const char *c = code; valid && *c != '\0'; c++)
    valid = g_ascii_isdigit (*c);

  if (!valid)
    {
      /* Translators: %s is the name of the field, “code”. */
      set_field_error (error, "code", _("“%s” must be the four-digit BPS office code, like 7604"),
                       "code");
      return FALSE;
    }

  return TRUE;
}

static int
compare_hours (gconstpointer a,
               gconstpointer b)
{
  const PstServiceHours *x = *(const PstServiceHours *const *) a;
  const PstServiceHours *y = *(const PstServiceHours *const *) b;

  if (x->weekday != y->weekday)
    return x->weekday - y->weekday;

  return x->open_minute - y->open_minute;
}

/* Sorts the hours by day and opening, and refuses an empty list or spans
 * of one day that overlap.
 */
static gboolean
check_service_hours (GPtrArray  *hours,
                     GError    **error)
{
  if (hours->len == 0)
    {
      set_field_error (error, "service_hours",
                       /* Translators: %s is the name of the field, “service_hours”. */
                       _("“%s” must give the opening hours of at least one day"), "service_hours");
      return FALSE;
    }

  if (!check_list_length ("service_hours", hours->len, error))
    return FALSE;

  g_ptr_array_sort (hours, compare_hours);
  for (guint i = 1; i < hours->len; i++)
    {
      const PstServiceHours *before = g_ptr_array_index (hours, i - 1);
      const PstServiceHours *span = g_ptr_array_index (hours, i);

      if (span->weekday == before->weekday && span->open_minute < before->close_minute)
        {
          set_field_error (error, "service_hours",
                           _("The opening hours of one day must not overlap; merge them into one span"));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_complaint_channels (GPtrArray  *entries,
                          GError    **error)
{
  if (!check_list_length ("complaint_channels", entries->len, error))
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      const PstComplaintChannelEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *field = g_strdup_printf ("complaint_channels[%u]", i);
      g_autofree char *value_field = g_strconcat (field, ".value", NULL);

      if (!check_text (value_field, entry->value, TEXT_MAX_CHARS, error))
        return FALSE;

      for (guint j = 0; j < i; j++)
        {
          const PstComplaintChannelEntry *other = g_ptr_array_index (entries, j);

          if (other->kind == entry->kind && strcmp (other->value, entry->value) == 0)
            {
              set_field_error (error, field, _("This complaint channel is listed twice"));
              return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
read_channels (JsonObject    *obj,
               OfficeConfig  *config,
               GError       **error)
{
  g_autoptr(GPtrArray) names = NULL;

  if (!pst_json_get_string_array (obj, "channels", FALSE, &names, error))
    return FALSE;

  if (names == NULL)
    {
      config->channels[PST_CHANNEL_WALK_IN] = TRUE;
      config->channels[PST_CHANNEL_WEB] = TRUE;
      return TRUE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      PstChannel channel;

      if (!pst_channel_from_string (name, &channel))
        {
          g_autofree char *field = g_strdup_printf ("channels[%u]", i);

          /* Translators: the first %s is the name of a field, the second the value given. */
          set_field_error (error, field, _("“%s” has an unknown value “%s”"), field, name);
          return FALSE;
        }
      config->channels[channel] = TRUE;
    }

  return TRUE;
}

static gboolean
read_website (JsonObject    *obj,
              OfficeConfig  *config,
              GError       **error)
{
  if (!pst_json_get_string (obj, "website", FALSE, &config->website, error))
    return FALSE;

  normalize_empty (&config->website);
  if (config->website != NULL &&
      !g_str_has_prefix (config->website, "https://") &&
      !g_str_has_prefix (config->website, "http://"))
    {
      /* Translators: %s is the name of the field, “website”. */
      set_field_error (error, "website", _("“%s” must be a web address starting with https://"),
                       "website");
      return FALSE;
    }

  return check_text ("website", config->website, TEXT_MAX_CHARS, error);
}

static void
set_default_hours (PstOffice *office)
{
  for (int weekday = G_DATE_MONDAY; weekday <= G_DATE_FRIDAY; weekday++)
    g_ptr_array_add (office->service_hours,
                     pst_service_hours_new (weekday, DEFAULT_OPEN_MINUTE,
                                            weekday == G_DATE_FRIDAY ? DEFAULT_FRIDAY_CLOSE_MINUTE
                                                                     : DEFAULT_CLOSE_MINUTE));
}

/* Decodes an office from the body of POST /offices or the merged body of
 * PUT /offices/{code}; what is absent gets the defaults of a new office.
 * Holidays are not read: they have routes of their own.
 */
static OfficeConfig *
office_config_from_json (JsonObject  *obj,
                         GError     **error)
{
  g_autoptr(OfficeConfig) config = g_new0 (OfficeConfig, 1);
  g_autoptr(JsonObject) copy = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  PstOffice *office;

  /* The codec reads a copy without the holidays. */
  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (strcmp (name, "holidays") != 0)
        json_object_set_member (copy, name, json_node_copy (value));
    }
  node = json_node_init_object (json_node_alloc (), copy);

  config->office = office = pst_office_from_json (node, error);
  if (office == NULL)
    return NULL;

  if (!pst_json_has_member (obj, "service_hours"))
    set_default_hours (office);
  if (office->standard == NULL)
    office->standard = pst_standard_new ();

  config->retention_days = 730;
  normalize_empty (&office->sk_number);
  normalize_empty (&office->address);
  normalize_empty (&office->phone);

  if (!check_office_code (office->code, error) ||
      !check_text ("name", office->name, NAME_MAX_CHARS, error) ||
      !check_text ("sk_number", office->sk_number, NAME_MAX_CHARS, error) ||
      !check_text ("address", office->address, TEXT_MAX_CHARS, error) ||
      !check_text ("phone", office->phone, NAME_MAX_CHARS, error) ||
      !check_service_hours (office->service_hours, error) ||
      !check_complaint_channels (office->complaint_channels, error) ||
      !read_website (obj, config, error) ||
      !read_channels (obj, config, error) ||
      !pst_json_get_bool (obj, "zoom_follow_up", FALSE, &config->zoom_follow_up, error) ||
      !pst_json_get_int_range (obj, "retention_days", FALSE, 1, RETENTION_MAX_DAYS,
                               &config->retention_days, error))
    return NULL;

  return g_steal_pointer (&config);
}

/* Applies @changes to @target, member by member, and inside `standard` one
 * level deeper, so a PUT may change one target and keep the others.
 */
static void
overlay_object (JsonObject *target,
                JsonObject *changes,
                gboolean    into_standard)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, changes);
  while (json_object_iter_next (&iter, &name, &value))
    {
      JsonNode *current = json_object_get_member (target, name);

      if (into_standard && strcmp (name, "standard") == 0 &&
          current != NULL && JSON_NODE_HOLDS_OBJECT (current) && JSON_NODE_HOLDS_OBJECT (value))
        overlay_object (json_node_get_object (current), json_node_get_object (value), FALSE);
      else
        json_object_set_member (target, name, json_node_copy (value));
    }
}

/* Storing. */

static gboolean
store_office_row (PstStore            *store,
                  const OfficeConfig  *config,
                  gboolean             create,
                  gint64               now,
                  GError             **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  const PstOffice *office = config->office;
  const PstStandard *standard = office->standard;

  if (create)
    stmt = pst_store_prepare (store,
                              "INSERT INTO offices (code, name, timezone, sk_number, address, phone,"
                              " website, walkin_wait_min, session_max_min, web_response_working_days,"
                              " whatsapp_first_response_working_days, email_response_working_days,"
                              " idle_close_amount, idle_close_unit, guest_book_stage, zoom_follow_up,"
                              " retention_days, complaint_response_working_days, created_at,"
                              " updated_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                              " ?15, ?16, ?17, ?18, ?19, ?19)",
                              error);
  else
    stmt = pst_store_prepare (store,
                              "UPDATE offices SET name = ?2, timezone = ?3, sk_number = ?4,"
                              " address = ?5, phone = ?6, website = ?7, walkin_wait_min = ?8,"
                              " session_max_min = ?9, web_response_working_days = ?10,"
                              " whatsapp_first_response_working_days = ?11,"
                              " email_response_working_days = ?12, idle_close_amount = ?13,"
                              " idle_close_unit = ?14, guest_book_stage = ?15, zoom_follow_up = ?16,"
                              " retention_days = ?17, complaint_response_working_days = ?18,"
                              " updated_at = ?19"
                              " WHERE code = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, office->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, office->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, office->timezone, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, office->sk_number);
  bind_text_or_null (stmt, 5, office->address);
  bind_text_or_null (stmt, 6, office->phone);
  bind_text_or_null (stmt, 7, config->website);
  sqlite3_bind_int (stmt, 8, standard->walkin_wait_min);
  bind_int_or_null (stmt, 9, standard->session_max_min);
  sqlite3_bind_int (stmt, 10, standard->web_response_working_days);
  bind_int_or_null (stmt, 11, standard->whatsapp_first_response_working_days);
  bind_int_or_null (stmt, 12, standard->email_response_working_days);
  sqlite3_bind_int (stmt, 13, standard->idle_close_amount);
  sqlite3_bind_text (stmt, 14, pst_duration_unit_to_string (standard->idle_close_unit), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, pst_guest_book_stage_to_string (office->guest_book_stage), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int (stmt, 16, config->zoom_follow_up ? 1 : 0);
  sqlite3_bind_int (stmt, 17, config->retention_days);
  sqlite3_bind_int (stmt, 18, standard->complaint_response_working_days);
  sqlite3_bind_int64 (stmt, 19, now);

  return pst_store_step_done (store, stmt, error);
}

static gboolean
delete_office_rows (PstStore    *store,
                    const char  *sql,
                    const char  *code,
                    GError     **error)
{
  g_auto(PstStoreStatement) stmt = pst_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  return pst_store_step_done (store, stmt, error);
}

static gboolean
store_office_hours (PstStore            *store,
                    const OfficeConfig  *config,
                    GError             **error)
{
  const PstOffice *office = config->office;

  if (!delete_office_rows (store, "DELETE FROM office_hours WHERE office = ?1", office->code, error))
    return FALSE;

  for (guint i = 0; i < office->service_hours->len; i++)
    {
      const PstServiceHours *hours = g_ptr_array_index (office->service_hours, i);
      g_auto(PstStoreStatement) stmt = NULL;

      stmt = pst_store_prepare (store,
                                "INSERT INTO office_hours (office, weekday, open_min, close_min)"
                                " VALUES (?1, ?2, ?3, ?4)",
                                error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, office->code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, hours->weekday);
      sqlite3_bind_int (stmt, 3, hours->open_minute);
      sqlite3_bind_int (stmt, 4, hours->close_minute);
      if (!pst_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
store_office_channels (PstStore            *store,
                       const OfficeConfig  *config,
                       GError             **error)
{
  const PstOffice *office = config->office;

  if (!delete_office_rows (store, "DELETE FROM office_channels WHERE office = ?1", office->code,
                           error) ||
      !delete_office_rows (store, "DELETE FROM complaint_channels WHERE office = ?1", office->code,
                           error))
    return FALSE;

  for (int channel = 0; channel < PST_N_CHANNELS; channel++)
    {
      g_auto(PstStoreStatement) stmt = NULL;

      if (!config->channels[channel])
        continue;

      stmt = pst_store_prepare (store,
                                "INSERT INTO office_channels (office, channel) VALUES (?1, ?2)",
                                error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, office->code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, pst_channel_to_string (channel), -1, SQLITE_STATIC);
      if (!pst_store_step_done (store, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < office->complaint_channels->len; i++)
    {
      const PstComplaintChannelEntry *entry = g_ptr_array_index (office->complaint_channels, i);
      g_auto(PstStoreStatement) stmt = NULL;

      stmt = pst_store_prepare (store,
                                "INSERT INTO complaint_channels (office, kind, value, position)"
                                " VALUES (?1, ?2, ?3, ?4)",
                                error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, office->code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, pst_complaint_channel_to_string (entry->kind), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, entry->value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, (int) i);
      if (!pst_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_holiday (PstStore          *store,
                const PstHoliday  *holiday,
                const char        *office,
                GError           **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *date = format_date (&holiday->date);

  stmt = pst_store_prepare (store,
                            "INSERT INTO holidays (date, office, name, name_en, kind)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, office);
  sqlite3_bind_text (stmt, 3, holiday->name, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, holiday->name_en);
  sqlite3_bind_text (stmt, 5, pst_holiday_kind_to_string (holiday->kind), -1, SQLITE_STATIC);

  return pst_store_step_done (store, stmt, error);
}

/* After a change of @code (NULL: every office), the calendars are rebuilt,
 * the change audited and announced.
 */
static gboolean
office_changed (PstRequest  *request,
                const char  *code,
                const char  *action,
                JsonNode    *office_json,
                GError     **error)
{
  pst_server_forget_calendars (request->server);

  return pst_request_audit (request, action, "office", code, code, NULL, error) &&
         pst_request_append_event (request, "office.updated", code, json_node_copy (office_json),
                                   error);
}

/* Holiday lists of a request body. */

/* Reads `holidays` of a PUT body: each entry decoded by the codec, @check
 * applied, no date twice.
 */
typedef gboolean (*HolidayCheck) (JsonObject  *entry,
                                  PstHoliday  *holiday,
                                  const char  *field,
                                  gpointer     user_data,
                                  GError     **error);

static GPtrArray *
read_holidays (JsonObject    *body,
               HolidayCheck   check,
               gpointer       user_data,
               GError       **error)
{
  g_autoptr(GPtrArray) holidays = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_holiday_free);
  g_autoptr(GHashTable) dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array = NULL;

  if (!pst_json_get_array (body, "holidays", TRUE, &array, error) ||
      !check_list_length ("holidays", json_array_get_length (array), error))
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *field = g_strdup_printf ("holidays[%u]", i);
      g_autoptr(PstHoliday) holiday = NULL;
      g_autoptr(GError) local = NULL;
      char *date;

      holiday = pst_holiday_from_json (element, &local);
      if (holiday == NULL)
        {
          if (local->code == PST_JSON_ERROR_INVALID_JSON)
            {
              /* Translators: %s names an element of a list, like “holidays[2]”. */
              set_field_error (error, field, _("“%s” must be an object"), field);
              return NULL;
            }
          pst_json_error_prefix_field (local, field);
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }

      if (!check_text ("name", holiday->name, NAME_MAX_CHARS, &local) ||
          !check_text ("name_en", holiday->name_en, NAME_MAX_CHARS, &local) ||
          !check (json_node_get_object (element), holiday, field, user_data, &local))
        {
          pst_json_error_prefix_field (local, field);
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }

      date = format_date (&holiday->date);
      if (!g_hash_table_add (dates, date))
        {
          /* Translators: %s is a date like 2026-08-17. */
          set_field_error (error, field, _("The date %s is listed twice; give each day once"),
                           date);
          return NULL;
        }

      g_ptr_array_add (holidays, g_steal_pointer (&holiday));
    }

  g_ptr_array_sort (holidays, pst_holiday_compare);
  return g_steal_pointer (&holidays);
}

static gboolean
check_local_holiday_cb (JsonObject  *entry,
                        PstHoliday  *holiday,
                        const char  *field,
                        gpointer     user_data,
                        GError     **error)
{
  const char *code = user_data;

  if (holiday->kind != PST_HOLIDAY_LOCAL)
    {
      set_field_error (error, "kind",
                       /* Translators: %s is the field “kind”; keep “local” and the address. */
                       _("“%s” must be “local”: an office's own closures are local, the national list is set with PUT /holidays/YEAR"),
                       "kind");
      return FALSE;
    }

  g_free (holiday->office);
  holiday->office = g_strdup (code);
  return TRUE;
}

static gboolean
check_national_holiday_cb (JsonObject  *entry,
                           PstHoliday  *holiday,
                           const char  *field,
                           gpointer     user_data,
                           GError     **error)
{
  int year = GPOINTER_TO_INT (user_data);

  if (!pst_json_has_member (entry, "kind") || holiday->kind == PST_HOLIDAY_LOCAL)
    {
      /* Translators: %s is the field “kind”; keep “national” and “cuti_bersama”. */
      set_field_error (error, "kind", _("“%s” must be “national” or “cuti_bersama”"), "kind");
      return FALSE;
    }

  if (g_date_get_year (&holiday->date) != year)
    {
      /* Translators: %s is the name of the field, “date”; %d a year. */
      set_field_error (error, "date", _("“%s” must be a day of %d, the year in the address"),
                       "date", year);
      return FALSE;
    }

  return TRUE;
}

static JsonNode *
holidays_to_json (GPtrArray *holidays)
{
  return pst_json_array_encode (holidays, (PstJsonEncodeFunc) pst_holiday_to_json);
}

static GPtrArray *
load_national_holidays (PstStore  *store,
                        int        year,
                        GError   **error)
{
  g_autoptr(GPtrArray) holidays = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_holiday_free);
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *first = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *last = g_strdup_printf ("%04d-12-31", year);

  stmt = pst_store_prepare (store,
                            "SELECT date, name, name_en, kind, office FROM holidays"
                            " WHERE office IS NULL AND date >= ?1 AND date <= ?2 ORDER BY date",
                            error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);
  while (pst_store_step_row (store, stmt, error))
    {
      PstHoliday *holiday = holiday_from_row (stmt);

      if (holiday != NULL)
        g_ptr_array_add (holidays, holiday);
    }
  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&holidays);
}

static JsonNode *
year_holidays_to_json (int        year,
                       GPtrArray *holidays)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "year", year);
  json_object_set_member (obj, "holidays", holidays_to_json (holidays));

  return json_node_init_object (json_node_alloc (), obj);
}

/* Handlers. */

static void
offices_list_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offices = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_office_free);
  g_auto(PstStoreStatement) stmt = NULL;
  const char *cursor = pst_request_get_query (request, "cursor");
  const char *next_cursor = NULL;
  guint limit;

  if (!pst_request_get_limit (request, &limit, &error))
    {
      pst_request_reply_invalid (request, "limit", error);
      return;
    }

  stmt = pst_store_prepare (request->store,
                            "SELECT code, name, timezone FROM offices WHERE code > ?1"
                            " ORDER BY code LIMIT ?2",
                            &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  sqlite3_bind_text (stmt, 1, cursor != NULL ? cursor : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (gint64) limit + 1);
  while (pst_store_step_row (request->store, stmt, &error))
    {
      PstOffice *office;

      if (offices->len == limit)
        {
          const PstOffice *last = g_ptr_array_index (offices, offices->len - 1);

          next_cursor = last->code;
          break;
        }

      office = pst_office_new ();
      office->code = g_strdup (pst_store_column_text (stmt, 0));
      office->name = g_strdup (pst_store_column_text (stmt, 1));
      office->timezone = g_strdup (pst_store_column_text (stmt, 2));
      g_ptr_array_add (offices, office);
    }
  if (error != NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_request_reply_json (request, SOUP_STATUS_OK,
                          pst_json_list_to_json (offices,
                                                 (PstJsonEncodeFunc) pst_office_summary_to_json,
                                                 next_cursor));
}

static void
office_get_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OfficeConfig) config = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *code = pst_request_get_param (request, "code");
  const char *year_text = pst_request_get_query (request, "year");
  int year = 0;

  if (code == NULL)
    {
      pst_request_reply_not_found (request);
      return;
    }

  if (year_text != NULL && !parse_year ("year", year_text, &year, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (year != 0)
    {
      config = load_office (request->store, code, year, year, &error);
      if (config != NULL)
        node = office_config_to_json (config);
    }
  else
    node = office_json_for_request (request, code, &error);

  if (node == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_request_reply_json (request, SOUP_STATUS_OK, g_steal_pointer (&node));
}

/* `from` of the due query. A `+` of an offset that was not percent-encoded
 * arrives as a space; it is read as the `+` it was.
 */
static gboolean
parse_from (const char  *text,
            gint64      *out_us,
            GError     **error)
{
  g_autofree char *fixed = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (text == NULL)
    {
      /* Translators: %s is the name of a field of the data, like “from”. */
      set_field_error (error, "from", _("“%s” is required"), "from");
      return FALSE;
    }

  fixed = g_strdup (text);
  if (strlen (fixed) > 6 && fixed[strlen (fixed) - 6] == ' ')
    fixed[strlen (fixed) - 6] = '+';

  if (!pst_time_parse_rfc3339 (fixed, out_us))
    {
      /* Translators: %s is the name of a field of the data, like “from”. */
      set_field_error (error, "from", _("“%s” must be a date and time like 2026-01-31T08:00:00Z"),
                       "from");
      return FALSE;
    }

  utc = pst_time_to_date_time (*out_us, NULL);
  if (g_date_time_get_year (utc) < YEAR_MIN || g_date_time_get_year (utc) > YEAR_MAX)
    {
      /* Translators: %s is the name of a field, like “from”; the numbers are years. */
      set_field_error (error, "from", _("“%s” must be a date and time between the years %d and %d"),
                       "from", YEAR_MIN, YEAR_MAX);
      return FALSE;
    }

  return TRUE;
}

static void
office_due_cb (PstRequest *request)
{
  static const struct
  {
    const char *name;
    gint64      max;
  } measures[] = {
    { "working_days", DUE_MAX_WORKING_DAYS },
    { "minutes", DUE_MAX_MINUTES },
    { "days", DUE_MAX_DAYS },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *due_local = NULL;
  const char *code = pst_request_get_param (request, "code");
  const char *measure = NULL;
  PstCalendar *calendar;
  JsonObject *obj;
  gint64 from;
  gint64 n;
  gint64 due;

  if (code == NULL)
    {
      pst_request_reply_not_found (request);
      return;
    }

  calendar = pst_server_get_calendar (request->server, code, &error);
  if (calendar == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (!parse_from (pst_request_get_query (request, "from"), &from, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      const char *given = pst_request_get_query (request, measures[i].name);

      if (given == NULL)
        continue;

      if (measure != NULL)
        {
          pst_request_reply_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                                   PST_API_ERROR_INVALID_FIELD, measures[i].name,
                                   _("Give only one of “working_days”, “minutes” or “days”"));
          return;
        }

      if (!parse_number (measures[i].name, given, 0, measures[i].max, &n, &error))
        {
          pst_request_reply_gerror (request, error);
          return;
        }
      measure = measures[i].name;
    }

  if (measure == NULL)
    {
      pst_request_reply_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                               PST_API_ERROR_INVALID_FIELD, "working_days",
                               _("Give one of “working_days”, “minutes” or “days”"));
      return;
    }

  if (strcmp (measure, "working_days") == 0)
    due = pst_calendar_add_working_days (calendar, from, (guint) n);
  else if (strcmp (measure, "minutes") == 0)
    due = from + n * PST_USEC_PER_MINUTE;
  else
    due = from + n * PST_USEC_PER_DAY;

  if (due == PST_CALENDAR_NEVER)
    {
      pst_request_reply_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                               PST_API_ERROR_INVALID_FIELD, measure,
                               _("The office has no working days; give it service hours first"));
      return;
    }

  due_text = pst_time_format_rfc3339 (due, NULL);
  due_local = pst_time_format_rfc3339 (due, pst_calendar_get_time_zone (calendar));

  obj = json_object_new ();
  json_object_set_string_member (obj, "due", due_text);
  json_object_set_string_member (obj, "due_local", due_local);
  pst_request_reply_json (request, SOUP_STATUS_OK,
                          json_node_init_object (json_node_alloc (), obj));
}

static gboolean
office_exists (PstStore    *store,
               const char  *code,
               gboolean    *out_exists,
               GError     **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store, "SELECT 1 FROM offices WHERE code = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  *out_exists = pst_store_step_row (store, stmt, error);

  return error == NULL || *error == NULL;
}

/* Stores @config, audits and announces it, and answers with the office. */
static void
save_office (PstRequest   *request,
             OfficeConfig *config,
             gboolean      create)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *code = config->office->code;

  if (!store_office_row (request->store, config, create, request->now, &error) ||
      !store_office_hours (request->store, config, &error) ||
      !store_office_channels (request->store, config, &error) ||
      (node = office_json_for_request (request, code, &error)) == NULL ||
      !office_changed (request, code, create ? "office.create" : "office.update", node, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (create)
    {
      g_autofree char *location = g_strconcat (PST_API_BASE "/offices/", code, NULL);

      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                    "Location", location);
    }

  pst_request_reply_json (request, create ? SOUP_STATUS_CREATED : SOUP_STATUS_OK,
                          g_steal_pointer (&node));
}

static void
office_create_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OfficeConfig) config = NULL;
  JsonObject *body;
  gboolean exists;

  body = pst_request_get_body_object (request, &error);
  if (body == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  config = office_config_from_json (body, &error);
  if (config == NULL || !office_exists (request->store, config->office->code, &exists, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (exists)
    {
      pst_request_reply_error (request, SOUP_STATUS_CONFLICT, PST_API_ERROR_CONFLICT, "code",
                               _("An office with this code already exists; change it with PUT instead"));
      return;
    }

  save_office (request, config, TRUE);
}

static void
office_update_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OfficeConfig) current = NULL;
  g_autoptr(OfficeConfig) config = NULL;
  g_autoptr(JsonNode) merged = NULL;
  const char *code = pst_request_get_param (request, "code");
  JsonObject *body;
  JsonNode *body_code;

  if (code == NULL)
    {
      pst_request_reply_not_found (request);
      return;
    }

  current = load_office (request->store, code, 0, 0, &error);
  if (current == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  body = pst_request_get_body_object (request, &error);
  if (body == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  body_code = json_object_get_member (body, "code");
  if (body_code != NULL && !JSON_NODE_HOLDS_NULL (body_code) &&
      (json_node_get_value_type (body_code) != G_TYPE_STRING ||
       strcmp (json_node_get_string (body_code), code) != 0))
    {
      pst_request_reply_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                               PST_API_ERROR_INVALID_FIELD, "code",
                               _("An office's code cannot change; create a new office instead"));
      return;
    }

  merged = office_config_to_json (current);
  overlay_object (json_node_get_object (merged), body, TRUE);
  json_object_set_string_member (json_node_get_object (merged), "code", code);

  config = office_config_from_json (json_node_get_object (merged), &error);
  if (config == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  save_office (request, config, FALSE);
}

static void
office_holidays_replace_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) holidays = NULL;
  g_autoptr(JsonNode) office_json = NULL;
  const char *code = pst_request_get_param (request, "code");
  JsonObject *body;
  JsonObject *answer;
  gboolean exists = FALSE;

  if (code == NULL || !office_exists (request->store, code, &exists, &error) || !exists)
    {
      if (error != NULL)
        pst_request_reply_gerror (request, error);
      else
        pst_request_reply_not_found (request);
      return;
    }

  body = pst_request_get_body_object (request, &error);
  if (body == NULL ||
      (holidays = read_holidays (body, check_local_holiday_cb, (gpointer) code, &error)) == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  if (!delete_office_rows (request->store, "DELETE FROM holidays WHERE office = ?1", code, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  for (guint i = 0; i < holidays->len; i++)
    {
      if (!insert_holiday (request->store, g_ptr_array_index (holidays, i), code, &error))
        {
          pst_request_reply_gerror (request, error);
          return;
        }
    }

  office_json = office_json_for_request (request, code, &error);
  if (office_json == NULL ||
      !office_changed (request, code, "office.holidays", office_json, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  /* The answer is the office's own closures as now stored, all years. */
  answer = json_object_new ();
  json_object_set_member (answer, "holidays", holidays_to_json (holidays));
  pst_request_reply_json (request, SOUP_STATUS_OK,
                          json_node_init_object (json_node_alloc (), answer));
}

static void
holidays_get_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) holidays = NULL;
  const char *year_text = pst_request_get_param (request, "year");
  int year;

  if (year_text == NULL)
    {
      pst_request_reply_not_found (request);
      return;
    }

  if (!parse_year ("year", year_text, &year, &error) ||
      (holidays = load_national_holidays (request->store, year, &error)) == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_request_reply_json (request, SOUP_STATUS_OK, year_holidays_to_json (year, holidays));
}

static void
holidays_replace_cb (PstRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) holidays = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *target = NULL;
  const char *year_text = pst_request_get_param (request, "year");
  JsonObject *body;
  int year;

  if (year_text == NULL)
    {
      pst_request_reply_not_found (request);
      return;
    }

  if (!parse_year ("year", year_text, &year, &error) ||
      (body = pst_request_get_body_object (request, &error)) == NULL ||
      (holidays = read_holidays (body, check_national_holiday_cb, GINT_TO_POINTER (year),
                                 &error)) == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  first = g_strdup_printf ("%04d-01-01", year);
  last = g_strdup_printf ("%04d-12-31", year);
  stmt = pst_store_prepare (request->store,
                            "DELETE FROM holidays WHERE office IS NULL AND date >= ?1 AND date <= ?2",
                            &error);
  if (stmt == NULL)
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_done (request->store, stmt, &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  for (guint i = 0; i < holidays->len; i++)
    {
      if (!insert_holiday (request->store, g_ptr_array_index (holidays, i), NULL, &error))
        {
          pst_request_reply_gerror (request, error);
          return;
        }
    }

  pst_server_forget_calendars (request->server);

  answer = year_holidays_to_json (year, holidays);
  target = g_strdup_printf ("%d", year);
  if (!pst_request_audit (request, "holidays.replace", "holidays", target, NULL, NULL, &error) ||
      !pst_request_append_event (request, "holidays.updated", NULL, json_node_copy (answer),
                                 &error))
    {
      pst_request_reply_gerror (request, error);
      return;
    }

  pst_request_reply_json (request, SOUP_STATUS_OK, g_steal_pointer (&answer));
}

static const PstRoute routes[] = {
  { "GET", "/offices", offices_list_cb, PST_ACCESS_PUBLIC },
  { "POST", "/offices", office_create_cb, PST_ACCESS (PST_ROLES_ADMIN, NONE, NULL) },
  { "GET", "/offices/{code}", office_get_cb, PST_ACCESS_PUBLIC },
  { "PUT", "/offices/{code}", office_update_cb, PST_ACCESS (PST_ROLES_ADMIN, PATH, "code") },
  { "GET", "/offices/{code}/due", office_due_cb, PST_ACCESS_PUBLIC },
  { "PUT", "/offices/{code}/holidays", office_holidays_replace_cb,
    PST_ACCESS (PST_ROLES_ADMIN, PATH, "code") },
  { "GET", "/holidays/{year}", holidays_get_cb, PST_ACCESS_PUBLIC },
  { "PUT", "/holidays/{year}", holidays_replace_cb, PST_ACCESS (PST_ROLES_ADMIN, NONE, NULL) },
};

const PstRoute *
pst_route_offices_get_routes (guint *n_routes)
{
  g_return_val_if_fail (n_routes != NULL, NULL);

  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
