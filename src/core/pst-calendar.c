/* pst-calendar.c: an office's working calendar and its deadlines.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-calendar.h"

#include "pst-time.h"

/* A calendar knows, for one office, its IANA time zone, its service hours
 * per weekday and the days it is closed (national holidays, cuti bersama
 * and its own closures). Every rule works on the office's local dates and
 * wall-clock times, turned into instants through the zone, so a zone with
 * daylight saving time would work too.
 *
 * Holidays are kept in a hash table from a date's julian day number to the
 * holidays of that day, so a day's lookup costs the same however long the
 * list is. Once configured, a calendar is only read, and may be read from
 * several threads at once.
 *
 * DOMAIN.md's working-day rule: the *effective day* of an instant T is T's
 * local date if that is a working day and T is before its closing time,
 * otherwise the next working day; "N working days after T" is the closing
 * time of the N-th working day after the effective day. N = 0 is the
 * closing time of the effective day itself.
 */

#define MINUTES_PER_DAY (24 * 60)

/* The longest run of closed days searched for the next working day. */
#define MAX_SCAN_DAYS 3660

/* The most working days a deadline may count. */
#define MAX_WORKING_DAYS 3650

/* Instants the rules accept: from 1900-01-01 to 9000-01-01 (UTC). */
#define MIN_INSTANT_US (G_GINT64_CONSTANT (-2208988800) * G_USEC_PER_SEC)
#define MAX_INSTANT_US (G_GINT64_CONSTANT (221845392000) * G_USEC_PER_SEC)

struct _PstCalendar
{
  GObject parent_instance;

  GTimeZone *time_zone;

  /* Indexed by GDateWeekday, 1 (Monday) to 7 (Sunday); minutes after
   * local midnight. open == close means closed that weekday.
   */
  int open_minute[8];
  int close_minute[8];

  /* Julian day number → GPtrArray of PstHoliday, by kind. */
  GHashTable *holidays;
};

/* Selects the holidays to remove; @year 0 means every year. */
typedef gboolean (*HolidayPredicate) (const PstHoliday *holiday,
                                      int               year);

enum {
  PROP_0,
  PROP_TIME_ZONE,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (PstCalendar, pst_calendar, G_TYPE_OBJECT)

static gboolean
instant_is_supported (gint64 instant_us)
{
  return instant_us >= MIN_INSTANT_US && instant_us < MAX_INSTANT_US;
}

static gboolean
weekday_is_open (PstCalendar  *self,
                 GDateWeekday  weekday)
{
  return self->open_minute[weekday] < self->close_minute[weekday];
}

static gboolean
has_service_hours (PstCalendar *self)
{
  for (GDateWeekday wd = G_DATE_MONDAY; wd <= G_DATE_SUNDAY; wd++)
    {
      if (weekday_is_open (self, wd))
        return TRUE;
    }

  return FALSE;
}

static GDateWeekday
julian_weekday (guint32 julian)
{
  /* Julian day 1, 1 January of year 1, was a Monday (as in GDate). */
  return (GDateWeekday) ((julian - 1) % 7 + 1);
}

static guint32
local_julian (PstCalendar *self,
              gint64       instant_us)
{
  g_autoptr(GDateTime) dt = pst_time_to_date_time (instant_us, self->time_zone);
  GDate date;
  int year, month, day;

  g_assert (dt != NULL);

  g_date_time_get_ymd (dt, &year, &month, &day);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  return g_date_get_julian (&date);
}

/* The instant of @minute after local midnight of day @julian; 24:00 is
 * the next day's midnight.
 */
static gint64
local_instant (PstCalendar *self,
               guint32      julian,
               int          minute)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  g_assert (minute >= 0 && minute <= MINUTES_PER_DAY);

  if (minute == MINUTES_PER_DAY)
    {
      julian++;
      minute = 0;
    }

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  dt = g_date_time_new (self->time_zone,
                        g_date_get_year (&date),
                        g_date_get_month (&date),
                        g_date_get_day (&date),
                        minute / 60, minute % 60, 0);
  g_assert (dt != NULL);

  return pst_time_from_date_time (dt);
}

static gboolean
julian_is_working_day (PstCalendar *self,
                       guint32      julian)
{
  if (!weekday_is_open (self, julian_weekday (julian)))
    return FALSE;

  return !g_hash_table_contains (self->holidays, GUINT_TO_POINTER (julian));
}

static gint64
opening_of (PstCalendar *self,
            guint32      julian)
{
  return local_instant (self, julian, self->open_minute[julian_weekday (julian)]);
}

static gint64
closing_of (PstCalendar *self,
            guint32      julian)
{
  return local_instant (self, julian, self->close_minute[julian_weekday (julian)]);
}

/* The first working day after @julian, or 0 if there is none soon. */
static guint32
next_working_julian (PstCalendar *self,
                     guint32      julian)
{
  if (!has_service_hours (self))
    return 0;

  for (guint i = 1; i <= MAX_SCAN_DAYS; i++)
    {
      if (julian_is_working_day (self, julian + i))
        return julian + i;
    }

  return 0;
}

/* DOMAIN.md's effective day of @instant_us, or 0 if there is none soon. */
static guint32
effective_julian (PstCalendar *self,
                  gint64       instant_us)
{
  guint32 julian = local_julian (self, instant_us);

  if (julian_is_working_day (self, julian) && instant_us < closing_of (self, julian))
    return julian;

  return next_working_julian (self, julian);
}

static guint32
date_to_julian (const GDate *date)
{
  return g_date_get_julian (date);
}

static int
compare_by_kind (gconstpointer a,
                 gconstpointer b)
{
  const PstHoliday *ha = *(PstHoliday * const *) a;
  const PstHoliday *hb = *(PstHoliday * const *) b;

  return (int) ha->kind - (int) hb->kind;
}


static gboolean
is_national_of_year (const PstHoliday *holiday,
                     int               year)
{
  return holiday->kind != PST_HOLIDAY_LOCAL &&
         (year == 0 || g_date_get_year (&holiday->date) == year);
}

static gboolean
is_office_closure (const PstHoliday *holiday,
                   int               year)
{
  return holiday->kind == PST_HOLIDAY_LOCAL;
}

static void
remove_holidays_where (PstCalendar      *self,
                       HolidayPredicate  predicate,
                       int               year)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->holidays);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *day = value;

      for (guint i = day->len; i > 0; i--)
        {
          if (predicate (g_ptr_array_index (day, i - 1), year))
            g_ptr_array_remove_index (day, i - 1);
        }

      if (day->len == 0)
        g_hash_table_iter_remove (&iter);
    }
}

static void
pst_calendar_finalize (GObject *object)
{
  PstCalendar *self = (PstCalendar *) object;

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->holidays, g_hash_table_unref);

  G_OBJECT_CLASS (pst_calendar_parent_class)->finalize (object);
}

static void
pst_calendar_constructed (GObject *object)
{
  PstCalendar *self = (PstCalendar *) object;

  G_OBJECT_CLASS (pst_calendar_parent_class)->constructed (object);

  if (self->time_zone == NULL)
    self->time_zone = g_time_zone_new_utc ();
}

static void
pst_calendar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PstCalendar *self = PST_CALENDAR (object);

  switch (prop_id)
    {
    case PROP_TIME_ZONE:
      g_value_set_boxed (value, self->time_zone);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pst_calendar_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PstCalendar *self = PST_CALENDAR (object);

  switch (prop_id)
    {
    case PROP_TIME_ZONE:
      g_clear_pointer (&self->time_zone, g_time_zone_unref);
      self->time_zone = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pst_calendar_class_init (PstCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pst_calendar_finalize;
  object_class->constructed = pst_calendar_constructed;
  object_class->get_property = pst_calendar_get_property;
  object_class->set_property = pst_calendar_set_property;

  /**
   * PstCalendar:time-zone:
   *
   * The office's time zone; UTC if none is given.
   */
  props[PROP_TIME_ZONE] =
    g_param_spec_boxed ("time-zone", NULL, NULL,
                        G_TYPE_TIME_ZONE,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
pst_calendar_init (PstCalendar *self)
{
  self->holidays = g_hash_table_new_full (NULL, NULL, NULL,
                                          (GDestroyNotify) g_ptr_array_unref);

  /* DOMAIN.md's default service hours: Mon–Thu 08:00–15:30,
   * Fri 08:00–16:00, closed on Saturday and Sunday.
   */
  for (GDateWeekday wd = G_DATE_MONDAY; wd <= G_DATE_THURSDAY; wd++)
    {
      self->open_minute[wd] = 8 * 60;
      self->close_minute[wd] = 15 * 60 + 30;
    }
  self->open_minute[G_DATE_FRIDAY] = 8 * 60;
  self->close_minute[G_DATE_FRIDAY] = 16 * 60;
}

/**
 * pst_calendar_new:
 * @tz: the office's time zone
 *
 * Creates a calendar with DOMAIN.md's default service hours and no
 * holidays.
 *
 * Returns: (transfer full): a new calendar
 */
PstCalendar *
pst_calendar_new (GTimeZone *tz)
{
  g_return_val_if_fail (tz != NULL, NULL);

  return g_object_new (PST_TYPE_CALENDAR, "time-zone", tz, NULL);
}

/**
 * pst_calendar_new_for_zone:
 * @tzid: an IANA zone such as `Asia/Makassar`
 * @error: return location for a PST_ERROR_INVALID error
 *
 * Returns: (transfer full): a new calendar, or NULL if @tzid is unknown
 */
PstCalendar *
pst_calendar_new_for_zone (const char  *tzid,
                           GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tz = pst_time_zone_new (tzid, error);
  if (tz == NULL)
    return NULL;

  return pst_calendar_new (tz);
}

/**
 * pst_calendar_get_time_zone:
 *
 * Returns: (transfer none): the office's time zone
 */
GTimeZone *
pst_calendar_get_time_zone (PstCalendar *self)
{
  g_return_val_if_fail (PST_IS_CALENDAR (self), NULL);

  return self->time_zone;
}

/**
 * pst_calendar_set_hours:
 * @weekday: the weekday
 * @open_minute: opening time, in minutes after local midnight
 * @close_minute: closing time, in minutes after local midnight (at most
 *   24 × 60); equal to @open_minute when the office is closed that weekday
 */
void
pst_calendar_set_hours (PstCalendar  *self,
                        GDateWeekday  weekday,
                        int           open_minute,
                        int           close_minute)
{
  g_return_if_fail (PST_IS_CALENDAR (self));
  g_return_if_fail (g_date_valid_weekday (weekday));
  g_return_if_fail (open_minute >= 0 && open_minute <= MINUTES_PER_DAY);
  g_return_if_fail (close_minute >= open_minute && close_minute <= MINUTES_PER_DAY);

  self->open_minute[weekday] = open_minute;
  self->close_minute[weekday] = close_minute;
}

/**
 * pst_calendar_get_hours:
 * @weekday: the weekday
 * @open_minute: (out) (optional): opening time, minutes after local midnight
 * @close_minute: (out) (optional): closing time, minutes after local midnight
 *
 * Returns: whether the office is open on @weekday (holidays aside)
 */
gboolean
pst_calendar_get_hours (PstCalendar  *self,
                        GDateWeekday  weekday,
                        int          *open_minute,
                        int          *close_minute)
{
  g_return_val_if_fail (PST_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (g_date_valid_weekday (weekday), FALSE);

  if (open_minute != NULL)
    *open_minute = self->open_minute[weekday];
  if (close_minute != NULL)
    *close_minute = self->close_minute[weekday];

  return weekday_is_open (self, weekday);
}

/**
 * pst_calendar_add_holiday:
 * @holiday: a closed day, copied
 *
 * Several holidays may fall on one date (a national holiday and an office
 * closure, say); the day is closed either way.
 */
void
pst_calendar_add_holiday (PstCalendar      *self,
                          const PstHoliday *holiday)
{
  gpointer key;
  GPtrArray *day;

  g_return_if_fail (PST_IS_CALENDAR (self));
  g_return_if_fail (holiday != NULL);
  g_return_if_fail (g_date_valid (&holiday->date));

  key = GUINT_TO_POINTER (date_to_julian (&holiday->date));
  day = g_hash_table_lookup (self->holidays, key);
  if (day == NULL)
    {
      day = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_holiday_free);
      g_hash_table_insert (self->holidays, key, day);
    }

  g_ptr_array_add (day, pst_holiday_copy (holiday));
  g_ptr_array_sort (day, compare_by_kind);
}

/**
 * pst_calendar_add_holidays:
 * @holidays: (element-type PstHoliday): closed days, copied
 */
void
pst_calendar_add_holidays (PstCalendar *self,
                           GPtrArray   *holidays)
{
  g_return_if_fail (PST_IS_CALENDAR (self));
  g_return_if_fail (holidays != NULL);

  for (guint i = 0; i < holidays->len; i++)
    pst_calendar_add_holiday (self, g_ptr_array_index (holidays, i));
}

/**
 * pst_calendar_remove_national_holidays:
 * @year: the year whose national list goes, or 0 for every year
 *
 * Removes the national holidays and cuti bersama days of @year, before
 * that year's list is loaded again. The office's own closures stay.
 */
void
pst_calendar_remove_national_holidays (PstCalendar *self,
                                       int          year)
{
  g_return_if_fail (PST_IS_CALENDAR (self));
  g_return_if_fail (year >= 0);

  remove_holidays_where (self, is_national_of_year, year);
}

/**
 * pst_calendar_remove_office_holidays:
 *
 * Removes the office's own closures (kind PST_HOLIDAY_LOCAL), before they
 * are replaced. National holidays stay.
 */
void
pst_calendar_remove_office_holidays (PstCalendar *self)
{
  g_return_if_fail (PST_IS_CALENDAR (self));

  remove_holidays_where (self, is_office_closure, 0);
}

/**
 * pst_calendar_get_holidays:
 *
 * Returns: (transfer full) (element-type PstHoliday): copies of every
 *   holiday, sorted by date
 */
GPtrArray *
pst_calendar_get_holidays (PstCalendar *self)
{
  GPtrArray *result;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PST_IS_CALENDAR (self), NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_holiday_free);

  g_hash_table_iter_init (&iter, self->holidays);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *day = value;

      for (guint i = 0; i < day->len; i++)
        g_ptr_array_add (result, pst_holiday_copy (g_ptr_array_index (day, i)));
    }

  g_ptr_array_sort (result, pst_holiday_compare);

  return result;
}

/**
 * pst_calendar_lookup_holiday:
 * @date: a local date
 *
 * When several holidays fall on @date, the national one comes first, then
 * cuti bersama, then the office's own closure.
 *
 * Returns: (transfer none) (nullable): the holiday on @date, or NULL
 */
const PstHoliday *
pst_calendar_lookup_holiday (PstCalendar *self,
                             const GDate *date)
{
  GPtrArray *day;

  g_return_val_if_fail (PST_IS_CALENDAR (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  day = g_hash_table_lookup (self->holidays, GUINT_TO_POINTER (date_to_julian (date)));
  if (day == NULL)
    return NULL;

  return g_ptr_array_index (day, 0);
}

/**
 * pst_calendar_get_local_date:
 * @instant_us: an instant
 * @out_date: (out caller-allocates): the office's local date at @instant_us
 */
void
pst_calendar_get_local_date (PstCalendar *self,
                             gint64       instant_us,
                             GDate       *out_date)
{
  g_return_if_fail (PST_IS_CALENDAR (self));
  g_return_if_fail (instant_is_supported (instant_us));
  g_return_if_fail (out_date != NULL);

  g_date_clear (out_date, 1);
  g_date_set_julian (out_date, local_julian (self, instant_us));
}

/**
 * pst_calendar_is_working_day:
 * @date: a local date
 *
 * Returns: whether @date is a weekday with service hours and no holiday
 */
gboolean
pst_calendar_is_working_day (PstCalendar *self,
                             const GDate *date)
{
  g_return_val_if_fail (PST_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return julian_is_working_day (self, date_to_julian (date));
}

/**
 * pst_calendar_get_service_period:
 * @date: a local date
 * @open_us: (out) (optional): when the desk opens on @date
 * @close_us: (out) (optional): when it closes
 *
 * Returns: whether @date is a working day; the instants are set only then
 */
gboolean
pst_calendar_get_service_period (PstCalendar *self,
                                 const GDate *date,
                                 gint64      *open_us,
                                 gint64      *close_us)
{
  guint32 julian;

  g_return_val_if_fail (PST_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  julian = date_to_julian (date);
  if (!julian_is_working_day (self, julian))
    return FALSE;

  if (open_us != NULL)
    *open_us = opening_of (self, julian);
  if (close_us != NULL)
    *close_us = closing_of (self, julian);

  return TRUE;
}

/**
 * pst_calendar_is_open_at:
 * @instant_us: an instant
 *
 * The desk is open from the opening time included to the closing time
 * excluded: at 15:30 on a Monday it is closed.
 *
 * Returns: whether @instant_us falls in the service hours of a working day
 */
gboolean
pst_calendar_is_open_at (PstCalendar *self,
                         gint64       instant_us)
{
  guint32 julian;

  g_return_val_if_fail (PST_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (instant_is_supported (instant_us), FALSE);

  julian = local_julian (self, instant_us);
  if (!julian_is_working_day (self, julian))
    return FALSE;

  return opening_of (self, julian) <= instant_us && instant_us < closing_of (self, julian);
}

/**
 * pst_calendar_next_opening:
 * @instant_us: an instant
 *
 * Returns: @instant_us if the desk is open then, else the next time it
 *   opens; PST_CALENDAR_NEVER if it never does
 */
gint64
pst_calendar_next_opening (PstCalendar *self,
                           gint64       instant_us)
{
  guint32 julian;

  g_return_val_if_fail (PST_IS_CALENDAR (self), PST_CALENDAR_NEVER);
  g_return_val_if_fail (instant_is_supported (instant_us), PST_CALENDAR_NEVER);

  julian = local_julian (self, instant_us);
  if (julian_is_working_day (self, julian) && instant_us < closing_of (self, julian))
    return MAX (instant_us, opening_of (self, julian));

  julian = next_working_julian (self, julian);
  if (julian == 0)
    return PST_CALENDAR_NEVER;

  return opening_of (self, julian);
}

/**
 * pst_calendar_add_working_days:
 * @from_us: when the clock starts (a request is received)
 * @n: how many working days it allows
 *
 * DOMAIN.md's rule: the effective day is @from_us's local date if that is
 * a working day and @from_us is before its closing time, otherwise the
 * next working day; the deadline is the closing time of the @n-th working
 * day after the effective day. With @n = 0 it is the closing time of the
 * effective day itself.
 *
 * Returns: the deadline, or PST_CALENDAR_NEVER if the calendar has no
 *   working days
 */
gint64
pst_calendar_add_working_days (PstCalendar *self,
                               gint64       from_us,
                               guint        n)
{
  guint32 julian;

  g_return_val_if_fail (PST_IS_CALENDAR (self), PST_CALENDAR_NEVER);
  g_return_val_if_fail (instant_is_supported (from_us), PST_CALENDAR_NEVER);
  g_return_val_if_fail (n <= MAX_WORKING_DAYS, PST_CALENDAR_NEVER);

  julian = effective_julian (self, from_us);

  for (guint i = 0; i < n && julian != 0; i++)
    julian = next_working_julian (self, julian);

  if (julian == 0)
    return PST_CALENDAR_NEVER;

  return closing_of (self, julian);
}

/**
 * pst_calendar_working_time_between:
 * @a_us: an instant
 * @b_us: another instant
 *
 * Counts the service hours of working days between the two instants, to
 * say how much working time is left before a deadline.
 *
 * Returns: microseconds of service hours from @a_us to @b_us, negative if
 *   @b_us is before @a_us
 */
gint64
pst_calendar_working_time_between (PstCalendar *self,
                                   gint64       a_us,
                                   gint64       b_us)
{
  guint32 first, last;
  gint64 total = 0;

  g_return_val_if_fail (PST_IS_CALENDAR (self), 0);
  g_return_val_if_fail (instant_is_supported (a_us), 0);
  g_return_val_if_fail (instant_is_supported (b_us), 0);

  if (b_us < a_us)
    return -pst_calendar_working_time_between (self, b_us, a_us);

  first = local_julian (self, a_us);
  last = local_julian (self, b_us);

  for (guint32 julian = first; julian <= last; julian++)
    {
      gint64 open_us, close_us;

      if (!julian_is_working_day (self, julian))
        continue;

      open_us = MAX (opening_of (self, julian), a_us);
      close_us = MIN (closing_of (self, julian), b_us);
      if (close_us > open_us)
        total += close_us - open_us;
    }

  return total;
}

/**
 * pst_deadline_new:
 * @start_us: when the clock started
 * @due_us: when it is due
 * @kind: how its window is measured
 *
 * Returns: (transfer full): a new deadline
 */
PstDeadline *
pst_deadline_new (gint64          start_us,
                  gint64          due_us,
                  PstDeadlineKind kind)
{
  PstDeadline *deadline;

  g_return_val_if_fail (kind == PST_DEADLINE_ELAPSED || kind == PST_DEADLINE_WORKING, NULL);

  deadline = g_new0 (PstDeadline, 1);
  deadline->start_us = start_us;
  deadline->due_us = due_us;
  deadline->kind = kind;

  return deadline;
}

PstDeadline *
pst_deadline_copy (const PstDeadline *deadline)
{
  g_return_val_if_fail (deadline != NULL, NULL);

  return g_memdup2 (deadline, sizeof *deadline);
}

void
pst_deadline_free (PstDeadline *deadline)
{
  g_free (deadline);
}

static gint64
saturating_add (gint64 a,
                gint64 b)
{
  g_assert (b >= 0);

  if (a > G_MAXINT64 - b)
    return G_MAXINT64;

  return a + b;
}

/**
 * pst_deadline_minutes:
 * @from_us: when the clock starts
 * @n: minutes allowed
 *
 * A minute target (walk-in wait, session length): plain elapsed minutes,
 * whatever the service hours.
 *
 * Returns: (transfer full): a PST_DEADLINE_ELAPSED deadline
 */
PstDeadline *
pst_deadline_minutes (gint64 from_us,
                      guint  n)
{
  return pst_deadline_new (from_us, saturating_add (from_us, n * PST_USEC_PER_MINUTE),
                           PST_DEADLINE_ELAPSED);
}

/**
 * pst_deadline_days:
 * @from_us: when the clock starts
 * @n: calendar days allowed
 *
 * "N calendar days": @from_us + N × 24 h, holidays and weekends included.
 *
 * Returns: (transfer full): a PST_DEADLINE_ELAPSED deadline
 */
PstDeadline *
pst_deadline_days (gint64 from_us,
                   guint  n)
{
  gint64 span = ((gint64) n > G_MAXINT64 / PST_USEC_PER_DAY)
                ? G_MAXINT64 : n * PST_USEC_PER_DAY;

  return pst_deadline_new (from_us, saturating_add (from_us, span), PST_DEADLINE_ELAPSED);
}

/**
 * pst_calendar_deadline_working_days:
 * @from_us: when the clock starts
 * @n: working days allowed
 *
 * Due by pst_calendar_add_working_days(); the window is the working time
 * from @from_us to then.
 *
 * Returns: (transfer full): a PST_DEADLINE_WORKING deadline
 */
PstDeadline *
pst_calendar_deadline_working_days (PstCalendar *self,
                                    gint64       from_us,
                                    guint        n)
{
  g_return_val_if_fail (PST_IS_CALENDAR (self), NULL);
  g_return_val_if_fail (instant_is_supported (from_us), NULL);
  g_return_val_if_fail (n <= MAX_WORKING_DAYS, NULL);

  return pst_deadline_new (from_us, pst_calendar_add_working_days (self, from_us, n),
                           PST_DEADLINE_WORKING);
}

/* The deadline's whole window and what is left of it at @now_us, measured
 * the same way; @remaining is positive exactly when @now_us < due.
 */
static void
measure_deadline (PstCalendar       *self,
                  const PstDeadline *deadline,
                  gint64             now_us,
                  gint64            *window,
                  gint64            *remaining)
{
  if (now_us >= deadline->due_us)
    {
      /* Overdue time is elapsed time: an officer late by a weekend is
       * late by the weekend.
       */
      *remaining = deadline->due_us - now_us;
      *window = 0;
      return;
    }

  if (deadline->due_us == PST_CALENDAR_NEVER)
    {
      *remaining = G_MAXINT64;
      *window = G_MAXINT64;
      return;
    }

  if (deadline->kind == PST_DEADLINE_WORKING)
    {
      *remaining = pst_calendar_working_time_between (self, now_us, deadline->due_us);
      *window = pst_calendar_working_time_between (self, deadline->start_us, deadline->due_us);
    }
  else
    {
      *remaining = deadline->due_us - now_us;
      *window = deadline->due_us - deadline->start_us;
    }
}

/**
 * pst_calendar_deadline_remaining:
 * @deadline: a deadline
 * @now_us: the current instant, from a PstClock
 *
 * What the countdown badge shows. Before the deadline: for a
 * PST_DEADLINE_WORKING deadline the service hours left (a request due on
 * Monday afternoon has little time left on Friday evening, not three
 * days), for a PST_DEADLINE_ELAPSED one the elapsed time left. Once due,
 * whatever the kind: minus the elapsed time since @deadline's due instant
 * ("overdue by"), so 0 exactly at the due instant.
 *
 * Returns: microseconds left; 0 or negative when due or overdue
 */
gint64
pst_calendar_deadline_remaining (PstCalendar       *self,
                                 const PstDeadline *deadline,
                                 gint64             now_us)
{
  gint64 window, remaining;

  g_return_val_if_fail (PST_IS_CALENDAR (self), 0);
  g_return_val_if_fail (deadline != NULL, 0);

  measure_deadline (self, deadline, now_us, &window, &remaining);

  return remaining;
}

/**
 * pst_calendar_deadline_state:
 * @deadline: a deadline
 * @now_us: the current instant, from a PstClock
 *
 * `breached` from the due instant on; `warning` while less than 20 % of
 * the window is left (window and time left both measured as in
 * pst_calendar_deadline_remaining(): working time for working-day
 * deadlines, elapsed time otherwise); `ok` before, including at exactly
 * 20 %.
 *
 * Returns: the badge state at @now_us
 */
PstBadgeState
pst_calendar_deadline_state (PstCalendar       *self,
                             const PstDeadline *deadline,
                             gint64             now_us)
{
  gint64 window, remaining;

  g_return_val_if_fail (PST_IS_CALENDAR (self), PST_BADGE_OK);
  g_return_val_if_fail (deadline != NULL, PST_BADGE_OK);

  if (now_us >= deadline->due_us)
    return PST_BADGE_BREACHED;

  measure_deadline (self, deadline, now_us, &window, &remaining);

  /* remaining / window < 1/5, in integers; when 5 × remaining would
   * overflow it is more than any window.
   */
  if (remaining <= G_MAXINT64 / 5 && remaining * 5 < window)
    return PST_BADGE_WARNING;

  return PST_BADGE_OK;
}
