/* pst-demo-consultations.c: the online part of the demo — open
 * consultations in every badge state in each office.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-demo.h"

#include "pst-consultation-rules.h"
#include "pst-password.h"

#include <stdio.h>

/* In each office: consultations that are ok, warning and breached, some
 * unassigned and some assigned, on the office's online channels and one
 * walk-in thread, with questions people really send to a PST desk. The
 * instants are chosen backwards from now so that each badge is in the
 * state it stands for when the demo starts.
 */

typedef struct
{
  const char *requester;
  const char *email;
  const char *phone;
  const char *subject;
  const char *category;
  const char *question;
  const char *answer;      /* NULL: not answered yet */
} DemoThread;

static const DemoThread threads[] = {
  { "Rina Marlina", "rina.marlina@example.co.id", "081234567801",
    "Inflasi bulanan dan IHK kabupaten",
    "data",
    "Selamat pagi. Saya mahasiswa ekonomi dan membutuhkan data inflasi bulanan serta Indeks "
    "Harga Konsumen (IHK) menurut kelompok pengeluaran untuk tahun 2024 dan 2025. Apakah "
    "tersedia untuk kabupaten ini atau hanya untuk kota IHK terdekat?",
    NULL },
  { "David Hartono", "d.hartono@example.com", NULL,
    "Poverty line and headcount by regency",
    "data",
    "Hello, I am preparing a report for an NGO. Where can I find the poverty line (garis "
    "kemiskinan) and the percentage of poor people for this regency for March 2024, and how "
    "are they estimated from Susenas?",
    NULL },
  { "Siti Nurhaliza", "siti.nurhaliza@example.ac.id", "085298765402",
    "Data Sensus Penduduk 2020 per desa",
    "data",
    "Mohon info, apakah hasil Sensus Penduduk 2020 (jumlah penduduk menurut jenis kelamin dan "
    "kelompok umur) tersedia sampai tingkat desa/kelurahan? Saya perlu untuk perencanaan "
    "puskesmas.",
    NULL },
  { "Andi Pratama", "andi.pratama@example.id", "081355501234",
    "Kode KBLI untuk usaha kopi bubuk",
    "classification",
    "Saya akan mendaftarkan NIB untuk usaha pengolahan kopi bubuk skala rumahan. Kode KBLI 2020 "
    "yang tepat yang mana, 10761 atau 10762?",
    "Terima kasih atas pertanyaannya. Untuk industri pengolahan kopi (penyangraian dan "
    "penggilingan) kodenya KBLI 10761 Industri Pengolahan Kopi. Kode 10762 untuk industri "
    "pengolahan herbal. Bila Bapak juga menjual langsung di kedai, ada kode tambahan 56303." },
  { "Maria Tanujaya", "maria.t@example.org", NULL,
    "Regional GDP (PDRB) at constant prices",
    "metadata",
    "Could you explain the difference between PDRB at current prices and at constant 2010 "
    "prices, and which series I should use to compute the real economic growth of the regency?",
    NULL },
  { "Benny Saputra", "benny.saputra@example.net", "082187654303",
    "KBLI code for an online marketplace seller",
    "classification",
    "I sell clothes only through e-commerce platforms. Is my business KBLI 47911 (retail via "
    "internet) or should it be classified by the product sold?",
    NULL },
  { "Hj. Nurbaya", "nurbaya@example.co.id", "081244433322",
    "PDRB menurut lapangan usaha",
    "data",
    "Kami dari Bappeda membutuhkan PDRB menurut lapangan usaha 2019–2024 dalam format Excel "
    "untuk penyusunan RPJMD.",
    "Tabel PDRB menurut lapangan usaha atas dasar harga berlaku dan konstan 2010 tahun "
    "2019–2024 sudah kami kirimkan ke email Ibu. Publikasi lengkapnya juga tersedia di laman "
    "BPS kabupaten, menu Publikasi." },
};

/* The demo state of each thread: its badge when the demo starts. */
typedef enum
{
  WANT_OK,
  WANT_WARNING,
  WANT_BREACHED,
} WantState;

typedef struct
{
  WantState   want;
  const char *assignee;   /* account name prefix ("petugas1") or NULL */
  gboolean    walk_in;
} DemoPlan;

static const DemoPlan plans[G_N_ELEMENTS (threads)] = {
  { WANT_OK, NULL, FALSE },
  { WANT_WARNING, NULL, FALSE },
  { WANT_BREACHED, "petugas1", FALSE },
  { WANT_OK, "petugas2", FALSE },
  { WANT_WARNING, "petugas1", FALSE },
  { WANT_BREACHED, NULL, FALSE },
  { WANT_OK, "petugas2", TRUE },
};

static char *
lookup_text (PstStore    *store,
             const char  *sql,
             const char  *key,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) stmt = pst_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_one (store, stmt, &local_error))
    {
      g_set_error (error, PST_ERROR, PST_ERROR_FAILED, "Demo data for %s is missing: %s", key,
                   local_error->message);
      return NULL;
    }

  return g_strdup (pst_store_column_text (stmt, 0));
}

/* The office's calendar as the server builds it: zone, hours, holidays. */
static PstCalendar *
load_calendar (PstStore    *store,
               const char  *code,
               GError     **error)
{
  g_autoptr(PstCalendar) calendar = NULL;
  g_auto(PstStoreStatement) hours = NULL;
  g_auto(PstStoreStatement) holidays = NULL;
  g_autofree char *zone = NULL;
  gboolean any = FALSE;

  zone = lookup_text (store, "SELECT timezone FROM offices WHERE code = ?1", code, error);
  if (zone == NULL)
    return NULL;
  calendar = pst_calendar_new_for_zone (zone, error);
  if (calendar == NULL)
    return NULL;

  hours = pst_store_prepare (store,
                             "SELECT weekday, min (open_min), max (close_min) FROM office_hours"
                             " WHERE office = ?1 GROUP BY weekday",
                             error);
  if (hours == NULL)
    return NULL;
  sqlite3_bind_text (hours, 1, code, -1, SQLITE_TRANSIENT);
  while (pst_store_step_row (store, hours, error))
    {
      if (!any)
        {
          for (int weekday = G_DATE_MONDAY; weekday <= G_DATE_SUNDAY; weekday++)
            pst_calendar_set_hours (calendar, weekday, 0, 0);
          any = TRUE;
        }
      pst_calendar_set_hours (calendar, sqlite3_column_int (hours, 0),
                              sqlite3_column_int (hours, 1), sqlite3_column_int (hours, 2));
    }
  if (error != NULL && *error != NULL)
    return NULL;

  holidays = pst_store_prepare (store,
                                "SELECT date, name, kind FROM holidays WHERE office IS NULL"
                                " OR office = ?1",
                                error);
  if (holidays == NULL)
    return NULL;
  sqlite3_bind_text (holidays, 1, code, -1, SQLITE_TRANSIENT);
  while (pst_store_step_row (store, holidays, error))
    {
      g_autoptr(PstHoliday) holiday = NULL;
      PstHolidayKind kind;
      int year, month, day;

      if (sscanf (pst_store_column_text (holidays, 0), "%d-%d-%d", &year, &month, &day) != 3 ||
          !g_date_valid_dmy (day, month, year) ||
          !pst_holiday_kind_from_string (pst_store_column_text (holidays, 2), &kind))
        continue;
      holiday = pst_holiday_new (year, month, day, pst_store_column_text (holidays, 1), NULL, kind,
                                 kind == PST_HOLIDAY_LOCAL ? code : NULL);
      pst_calendar_add_holiday (calendar, holiday);
    }
  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&calendar);
}

static gboolean
load_standard (PstStore     *store,
               const char   *code,
               PstStandard  *standard,
               GError      **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store,
                            "SELECT web_response_working_days,"
                            " coalesce (whatsapp_first_response_working_days, 0),"
                            " coalesce (email_response_working_days, 0), idle_close_amount,"
                            " idle_close_unit FROM offices WHERE code = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_one (store, stmt, error))
    return FALSE;

  standard->web_response_working_days = sqlite3_column_int (stmt, 0);
  standard->whatsapp_first_response_working_days = sqlite3_column_int (stmt, 1);
  standard->email_response_working_days = sqlite3_column_int (stmt, 2);
  standard->idle_close_amount = sqlite3_column_int (stmt, 3);
  if (!pst_duration_unit_from_string (pst_store_column_text (stmt, 4), &standard->idle_close_unit))
    standard->idle_close_unit = PST_DURATION_UNIT_DAYS;

  return TRUE;
}

/* The online channels office @code serves on, in a stable order. */
static GPtrArray *
online_channels (PstStore    *store,
                 const char  *code,
                 GError     **error)
{
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (g_free);
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store,
                            "SELECT channel FROM office_channels WHERE office = ?1 AND channel IN"
                            " ('web', 'whatsapp', 'email') ORDER BY CASE channel WHEN 'web' THEN 0"
                            " WHEN 'whatsapp' THEN 1 ELSE 2 END",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  while (pst_store_step_row (store, stmt, error))
    g_ptr_array_add (channels, g_strdup (pst_store_column_text (stmt, 0)));
  if (error != NULL && *error != NULL)
    return NULL;

  if (channels->len == 0)
    g_ptr_array_add (channels, g_strdup ("web"));

  return g_steal_pointer (&channels);
}

/* A creation instant before @now at which an unanswered consultation of
 * @channel has the badge @want at @now.
 */
static gint64
find_created_at (PstCalendar       *calendar,
                 const PstStandard *standard,
                 PstChannel         channel,
                 WantState          want,
                 gint64             now)
{
  PstBadgeState target = want == WANT_OK ? PST_BADGE_OK
                         : want == WANT_WARNING ? PST_BADGE_WARNING : PST_BADGE_BREACHED;

  for (gint64 back = 20 * PST_USEC_PER_MINUTE; back < 40 * PST_USEC_PER_DAY;
       back += 20 * PST_USEC_PER_MINUTE)
    {
      gint64 created = now - back;
      gint64 due = pst_consultation_first_response_due (calendar, standard, channel, created);

      if (pst_consultation_sla_state (calendar, PST_CONSULTATION_STATUS_OPEN, created, due,
                                      PST_TIME_UNSET, now) == target)
        {
          /* A breached one is overdue by a few hours, not minutes. */
          if (target == PST_BADGE_BREACHED)
            created -= 5 * PST_USEC_PER_HOUR;
          return created;
        }
    }

  return now - 20 * PST_USEC_PER_MINUTE;
}

static gboolean
insert_message (PstStore    *store,
                const char  *consultation,
                const char  *author,
                const char  *officer,
                const char  *body,
                gint64       at,
                GError     **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *id = pst_random_id ("msg");

  stmt = pst_store_prepare (store,
                            "INSERT INTO messages (id, consultation, author, officer, body, at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, consultation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, author, -1, SQLITE_TRANSIENT);
  if (officer != NULL)
    sqlite3_bind_text (stmt, 4, officer, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, at);

  return pst_store_step_done (store, stmt, error);
}

static gboolean
seed_thread (PstStore           *store,
             const char         *code,
             PstCalendar        *calendar,
             const PstStandard  *standard,
             const char         *channel_name,
             guint               index,
             gint64              now,
             GError            **error)
{
  const DemoThread *thread = &threads[index];
  const DemoPlan *plan = &plans[index];
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *id = pst_random_id ("cns");
  g_autofree char *assignee = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *phone = NULL;
  PstChannel channel = PST_CHANNEL_WEB;
  gint64 created;
  gint64 due;
  gint64 answered = PST_TIME_UNSET;
  gint64 idle_close = PST_TIME_UNSET;
  gint64 last;

  if (!pst_channel_from_string (channel_name, &channel))
    channel = PST_CHANNEL_WEB;

  if (plan->assignee != NULL)
    {
      g_autofree char *username = g_strconcat (plan->assignee, ".", code, NULL);

      assignee = lookup_text (store, "SELECT id FROM officers WHERE username = ?1", username,
                              error);
      if (assignee == NULL)
        return FALSE;
    }

  created = find_created_at (calendar, standard, channel, plan->want, now);
  due = pst_consultation_first_response_due (calendar, standard, channel, created);
  last = created;
  if (thread->answer != NULL)
    {
      answered = created + (now - created) / 2;
      idle_close = pst_consultation_idle_close_at (calendar, standard, answered);
      last = answered;
    }

  if (channel != PST_CHANNEL_WALK_IN)
    {
      token = pst_token_generate ();
      token_hash = pst_token_hash (token);
    }
  if (thread->phone != NULL)
    phone = pst_normalize_phone (thread->phone, NULL);

  stmt = pst_store_prepare (store,
                            "INSERT INTO consultations (id, office, channel, subject, category,"
                            " status, requester_name, requester_email, requester_phone, assignee,"
                            " created_at, updated_at, first_response_due, first_response_at,"
                            " idle_close_at, sla_state, last_message_at, access_token_hash)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                            " ?15, 'ok', ?12, ?16)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pst_channel_to_string (channel), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, thread->subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, thread->category, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, thread->answer != NULL ? "awaiting_requester" : "open", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, thread->requester, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, thread->email, -1, SQLITE_TRANSIENT);
  if (phone != NULL)
    sqlite3_bind_text (stmt, 9, phone, -1, SQLITE_TRANSIENT);
  if (assignee != NULL)
    sqlite3_bind_text (stmt, 10, assignee, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, created);
  sqlite3_bind_int64 (stmt, 12, last);
  sqlite3_bind_int64 (stmt, 13, due);
  if (answered != PST_TIME_UNSET)
    sqlite3_bind_int64 (stmt, 14, answered);
  if (idle_close != PST_TIME_UNSET)
    sqlite3_bind_int64 (stmt, 15, idle_close);
  if (token_hash != NULL)
    sqlite3_bind_text (stmt, 16, token_hash, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_done (store, stmt, error))
    return FALSE;

  if (!insert_message (store, id, "requester", NULL, thread->question, created, error))
    return FALSE;

  if (thread->answer != NULL)
    {
      g_autofree char *officer = NULL;

      officer = assignee != NULL ? g_strdup (assignee) : NULL;
      if (officer == NULL)
        {
          g_autofree char *username = g_strconcat ("petugas1.", code, NULL);

          officer = lookup_text (store, "SELECT id FROM officers WHERE username = ?1", username,
                                 error);
          if (officer == NULL)
            return FALSE;
        }
      if (!insert_message (store, id, "officer", officer, thread->answer, answered, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
seed_office (PstStore    *store,
             const char  *code,
             gint64       now,
             GError     **error)
{
  g_autoptr(PstCalendar) calendar = NULL;
  g_autoptr(PstStandard) standard = pst_standard_new ();
  g_autoptr(GPtrArray) channels = NULL;

  calendar = load_calendar (store, code, error);
  if (calendar == NULL || !load_standard (store, code, standard, error))
    return FALSE;

  channels = online_channels (store, code, error);
  if (channels == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      /* A warning shows on the widest window (web, or the only online
       * channel), which reaches its last fifth during more of the day.
       */
      const char *channel = plans[i].walk_in ? "walk_in"
                            : plans[i].want == WANT_WARNING ? g_ptr_array_index (channels, 0)
                            : g_ptr_array_index (channels, i % channels->len);

      if (!seed_thread (store, code, calendar, standard, channel, i, now, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * pst_demo_seed_consultations:
 *
 * Seeds the open consultations of every office already in the store,
 * inside the caller's transaction.
 *
 * Returns: %FALSE with @error set on a failure
 */
gboolean
pst_demo_seed_consultations (PstStore  *store,
                             PstClock  *clock,
                             GError   **error)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_auto(PstStoreStatement) stmt = NULL;
  gint64 now;

  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (PST_IS_CLOCK (clock), FALSE);
  g_return_val_if_fail (pst_store_in_transaction (store), FALSE);

  now = pst_clock_get_now (clock);
  stmt = pst_store_prepare (store, "SELECT code FROM offices ORDER BY code", error);
  if (stmt == NULL)
    return FALSE;
  while (pst_store_step_row (store, stmt, error))
    g_ptr_array_add (codes, g_strdup (pst_store_column_text (stmt, 0)));
  if (error != NULL && *error != NULL)
    return FALSE;

  for (guint i = 0; i < codes->len; i++)
    {
      if (!seed_office (store, g_ptr_array_index (codes, i), now, error))
        return FALSE;
    }

  return TRUE;
}
