/* pst-demo.c: the demo data of `pst-server --demo`.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-demo.h"

#include "pst-i18n.h"
#include "pst-password.h"
#include "pst-server.h"

/* `--demo` seeds an empty database (one without offices) with the five
 * offices of DOMAIN.md as their service standards (../shared/seeds/)
 * describe them: decree, address, phone, website, channels, targets,
 * where the guest book is filled in, and complaint channels. Service hours
 * are DOMAIN.md's default, Mon–Thu 08:00–15:30 and Fri 08:00–16:00, as no
 * standard gives others; websites are the seeds' hosts over https. Then
 * the national holidays and cuti bersama of the data file, the accounts
 * of API.md with password `pst-demo`, the walk-in morning of
 * pst-demo-queue.c, the consultations of pst-demo-consultations.c and the
 * seed knowledge base of pst-demo-kb.c, all in one transaction. A
 * database with offices is left alone, so `--demo` on every start is
 * harmless.
 *
 * Demo only: every demo account stores the same argon2id hash of
 * `pst-demo`, computed once, so seeding stays well under a second (each
 * hash costs about 0.1 s). Real accounts each get their own salt.
 */

#define DEMO_PASSWORD "pst-demo"

/* Wire names of the schema's enumerations, checked by its constraints. */
typedef struct
{
  const char *kind;
  const char *value;
} DemoComplaintChannel;

typedef struct
{
  const char *code;
  const char *name;
  const char *timezone;
  const char *sk_number;
  const char *address;
  const char *phone;
  const char *website;
  int         walkin_wait_min;
  int         session_max_min;                      /* 0: none */
  int         whatsapp_first_response_working_days; /* 0: none */
  int         email_response_working_days;          /* 0: none */
  int         idle_close_amount;
  const char *idle_close_unit;
  const char *guest_book_stage;
  gboolean    zoom_follow_up;
  const char *channels[5];                          /* NULL-terminated */
  DemoComplaintChannel complaint_channels[12];      /* ends with a NULL kind */
  const char *supervisor;
  const char *officers[2];
  const char *kiosk;
} DemoOffice;

static const DemoOffice demo_offices[] = {
  {
    .code = "8205",
    .name = "BPS Kabupaten Halmahera Utara",
    .timezone = "Asia/Jayapura",
    .sk_number = "003.1/8205/KEPKA/2024",
    .address = "Jl. Kawasan Perkantoran Pemda Halut, MKCM, Tobelo, Halmahera Utara",
    .phone = "082190001533",
    .website = "https://halutkab.bps.go.id",
    .walkin_wait_min = 10,
    .idle_close_amount = 7,
    .idle_close_unit = "days",
    .guest_book_stage = "front_office",
    .zoom_follow_up = TRUE,
    .channels = { "walk_in", "web", "whatsapp", "email", NULL },
    .complaint_channels = {
      { "suggestion_box", "Kotak saran & pengaduan Ruang Pelayanan Statistik Terpadu" },
      { "phone", "0821-9000-1533" },
      { "email", "bps8205@bps.go.id" },
      { "website", "https://halutkab.bps.go.id/menu/35/layanan-pengaduan.html" },
      { "social_media", "Facebook: BPS Kabupaten Halmahera Utara" },
      { "social_media", "Instagram: @bps.halut" },
      { "lapor", "https://www.lapor.go.id" },
      { NULL, NULL },
    },
    .supervisor = "Ferdinand Manery",
    .officers = { "Sofyan Djafar", "Hartini Umasugi" },
    .kiosk = "Kios PST Halmahera Utara",
  },
  {
    .code = "6500",
    .name = "BPS Provinsi Kalimantan Utara",
    .timezone = "Asia/Makassar",
    .sk_number = "0330001/65/KPG TAHUN 2023",
    .address = "Jl. H. Masykur RT 19, Tanjung Selor Hilir, Tanjung Selor, Kabupaten Bulungan 777212",
    .phone = "05522033254",
    .website = "https://kaltara.bps.go.id",
    .walkin_wait_min = 10,
    .idle_close_amount = 7,
    .idle_close_unit = "days",
    .guest_book_stage = "front_office",
    .zoom_follow_up = TRUE,
    .channels = { "walk_in", "web", "whatsapp", "email", NULL },
    .complaint_channels = {
      { "suggestion_box", "Kotak saran & pengaduan pada unit PST BPS Provinsi Kalimantan Utara" },
      { "website", "https://s.bps.go.id/pengaduan6500" },
      { "email", "bps6500@bps.go.id" },
      { "sms", "0812-1767-8691" },
      { "whatsapp", "0812-1767-8691" },
      { NULL, NULL },
    },
    .supervisor = "Ahmad Rifani",
    .officers = { "Siti Rahmawati", "Yohanes Lahang" },
    .kiosk = "Kios PST Kalimantan Utara",
  },
  {
    .code = "1905",
    .name = "BPS Kabupaten Bangka Selatan",
    .timezone = "Asia/Jakarta",
    .sk_number = "23 Tahun 2024",
    .address = "Komplek Perkantoran Pemkab Bangka Selatan 33783",
    .phone = "07184220039",
    .website = "https://bangkaselatankab.bps.go.id",
    .walkin_wait_min = 5,
    .idle_close_amount = 7,
    .idle_close_unit = "days",
    .guest_book_stage = "before_queue",
    .channels = { "walk_in", "web", NULL },
    .complaint_channels = {
      { "suggestion_box", "Kotak saran dan pengaduan di ruangan perpustakaan" },
      { "website", "https://pengaduan.bps.go.id" },
      { "email", "bps1905@bps.go.id" },
      { "sms", "081271067114" },
      { "whatsapp", "081271067114" },
      { NULL, NULL },
    },
    .supervisor = "Hendra Saputra",
    .officers = { "Rika Oktaviani", "Andi Wijaya" },
    .kiosk = "Kios PST Bangka Selatan",
  },
  {
    .code = "7604",
    .name = "BPS Kabupaten Mamuju",
    .timezone = "Asia/Makassar",
    .sk_number = "341/KPG TAHUN 2022",
    .address = "Jl. Trans Sulawesi Lingkungan Timbu Kelurahan Mamunyu Kecamatan Mamuju"
               " Sulawesi Barat 91511",
    .phone = "081210007604",
    .website = "https://mamujukab.bps.go.id",
    .walkin_wait_min = 10,
    .session_max_min = 60,
    .whatsapp_first_response_working_days = 1,
    .email_response_working_days = 3,
    .idle_close_amount = 7,
    .idle_close_unit = "days",
    .guest_book_stage = "at_desk",
    .channels = { "walk_in", "web", "whatsapp", "email", NULL },
    .complaint_channels = {
      { "suggestion_box", "Kotak saran dan pengaduan pada unit PST BPS Kabupaten Mamuju" },
      { "website", "Saran Pengaduan Online dan Rating Petugas Layanan (SPATULA):"
                   " http://s.bps.go.id/saran-pengaduan-sulbar" },
      { "email", "bps7604@bps.go.id" },
      { "sms", "0812-1000-7604" },
      { "whatsapp", "0812-1000-7604" },
      { "lapor", "https://www.lapor.go.id" },
      { "lapor", "Twitter: @lapor1708" },
      { "lapor", "Instagram: @lapor1708" },
      { "lapor", "Facebook: lapor1708" },
      { NULL, NULL },
    },
    .supervisor = "Muhammad Arsyad",
    .officers = { "Nurul Hidayah", "Syamsul Bahri" },
    .kiosk = "Kios PST Mamuju",
  },
  {
    .code = "7325",
    .name = "BPS Kabupaten Luwu Timur",
    .timezone = "Asia/Makassar",
    .sk_number = "B-004.04/BPS/7325/9280/01/2022",
    .address = "Jl. Ki Hajar Dewantara, Puncak Indah 92936",
    .phone = "04743220038",
    .website = "https://luwutimurkab.bps.go.id",
    .walkin_wait_min = 10,
    .idle_close_amount = 3,
    .idle_close_unit = "working_days",
    .guest_book_stage = "before_queue",
    .channels = { "walk_in", "whatsapp", NULL },
    .complaint_channels = {
      { "desk", "Meja pengaduan pada unit PST BPS Kabupaten Luwu Timur" },
      { "email", "pst7325@bps.go.id" },
      { "whatsapp", "0851-6196-7325" },
      { NULL, NULL },
    },
    .supervisor = "Andi Muhammad Akbar",
    .officers = { "Sitti Hardianti", "Rahmat Hidayat" },
    .kiosk = "Kios PST Luwu Timur",
  },
};

#define DEMO_ADMIN_NAME "Retno Wulandari"

/* DOMAIN.md's default service hours, in minutes after local midnight. */
#define DEMO_OPEN_MINUTE (8 * 60)
#define DEMO_CLOSE_MINUTE (15 * 60 + 30)
#define DEMO_FRIDAY_CLOSE_MINUTE (16 * 60)

#define DEMO_WEB_RESPONSE_WORKING_DAYS 3
#define DEMO_COMPLAINT_RESPONSE_WORKING_DAYS 5

typedef struct
{
  PstClock   *clock;
  const char *password_hash;
  gint64      now;
  guint       n_accounts;
} SeedContext;

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           index,
                   int           value)
{
  if (value > 0)
    sqlite3_bind_int (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
database_has_offices (PstStore  *store,
                      gboolean  *out_has,
                      GError   **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store, "SELECT 1 FROM offices LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  *out_has = pst_store_step_row (store, stmt, error);
  return error == NULL || *error == NULL;
}

/* The national holidays and cuti bersama of every year in the data file
 * (2025 and 2026). Days already loaded by an admin stay as they are.
 */
static gboolean
seed_holidays (PstStore  *store,
               GError   **error)
{
  g_autofree char *path = pst_holidays_find_data_file ();
  g_autoptr(GPtrArray) holidays = NULL;

  holidays = pst_holidays_load_file (path, error);
  if (holidays == NULL)
    return FALSE;

  for (guint i = 0; i < holidays->len; i++)
    {
      const PstHoliday *holiday = g_ptr_array_index (holidays, i);
      g_auto(PstStoreStatement) stmt = NULL;
      g_autofree char *date = NULL;

      if (holiday->office != NULL || holiday->kind == PST_HOLIDAY_LOCAL)
        continue;

      stmt = pst_store_prepare (store,
                                "INSERT INTO holidays (date, office, name, name_en, kind)"
                                " VALUES (?1, NULL, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                                error);
      if (stmt == NULL)
        return FALSE;

      date = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&holiday->date),
                              g_date_get_month (&holiday->date), g_date_get_day (&holiday->date));
      sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, holiday->name, -1, SQLITE_TRANSIENT);
      if (holiday->name_en != NULL)
        sqlite3_bind_text (stmt, 3, holiday->name_en, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, pst_holiday_kind_to_string (holiday->kind), -1, SQLITE_STATIC);
      if (!pst_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
seed_office_row (PstStore          *store,
                 const DemoOffice  *office,
                 gint64             now,
                 GError           **error)
{
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store,
                            "INSERT INTO offices (code, name, timezone, sk_number, address, phone,"
                            " website, walkin_wait_min, session_max_min, web_response_working_days,"
                            " whatsapp_first_response_working_days, email_response_working_days,"
                            " idle_close_amount, idle_close_unit, guest_book_stage, zoom_follow_up,"
                            " complaint_response_working_days, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                            " ?15, ?16, ?17, ?18, ?18)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, office->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, office->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, office->timezone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, office->sk_number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, office->address, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, office->phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, office->website, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, office->walkin_wait_min);
  bind_optional_int (stmt, 9, office->session_max_min);
  sqlite3_bind_int (stmt, 10, DEMO_WEB_RESPONSE_WORKING_DAYS);
  bind_optional_int (stmt, 11, office->whatsapp_first_response_working_days);
  bind_optional_int (stmt, 12, office->email_response_working_days);
  sqlite3_bind_int (stmt, 13, office->idle_close_amount);
  sqlite3_bind_text (stmt, 14, office->idle_close_unit, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, office->guest_book_stage, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 16, office->zoom_follow_up ? 1 : 0);
  sqlite3_bind_int (stmt, 17, DEMO_COMPLAINT_RESPONSE_WORKING_DAYS);
  sqlite3_bind_int64 (stmt, 18, now);

  return pst_store_step_done (store, stmt, error);
}

static gboolean
seed_office_hours (PstStore          *store,
                   const DemoOffice  *office,
                   GError           **error)
{
  for (int weekday = G_DATE_MONDAY; weekday <= G_DATE_FRIDAY; weekday++)
    {
      g_auto(PstStoreStatement) stmt = NULL;

      stmt = pst_store_prepare (store,
                                "INSERT INTO office_hours (office, weekday, open_min, close_min)"
                                " VALUES (?1, ?2, ?3, ?4)",
                                error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, office->code, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, weekday);
      sqlite3_bind_int (stmt, 3, DEMO_OPEN_MINUTE);
      sqlite3_bind_int (stmt, 4, weekday == G_DATE_FRIDAY ? DEMO_FRIDAY_CLOSE_MINUTE
                                                          : DEMO_CLOSE_MINUTE);
      if (!pst_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
seed_office_channels (PstStore          *store,
                      const DemoOffice  *office,
                      GError           **error)
{
  for (guint i = 0; office->channels[i] != NULL; i++)
    {
      g_auto(PstStoreStatement) stmt = NULL;

      stmt = pst_store_prepare (store,
                                "INSERT INTO office_channels (office, channel) VALUES (?1, ?2)",
                                error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, office->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, office->channels[i], -1, SQLITE_STATIC);
      if (!pst_store_step_done (store, stmt, error))
        return FALSE;
    }

  for (guint i = 0; office->complaint_channels[i].kind != NULL; i++)
    {
      g_auto(PstStoreStatement) stmt = NULL;

      stmt = pst_store_prepare (store,
                                "INSERT INTO complaint_channels (office, kind, value, position)"
                                " VALUES (?1, ?2, ?3, ?4)",
                                error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, office->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, office->complaint_channels[i].kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, office->complaint_channels[i].value, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, (int) i);
      if (!pst_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* One account; an existing one of the same username (an admin made with
 * --create-admin) is kept as it is.
 */
static gboolean
seed_account (PstStore     *store,
              SeedContext  *ctx,
              const char   *username,
              const char   *name,
              const char   *role,
              const char   *office,
              GError      **error)
{
  g_auto(PstStoreStatement) stmt = NULL;
  g_autofree char *id = pst_random_id ("off");

  stmt = pst_store_prepare (store,
                            "INSERT INTO officers (id, username, name, role, office, password_hash,"
                            " created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) ON CONFLICT DO NOTHING",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, role, -1, SQLITE_STATIC);
  if (office != NULL)
    sqlite3_bind_text (stmt, 5, office, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, ctx->password_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, ctx->now);
  if (!pst_store_step_done (store, stmt, error))
    return FALSE;

  ctx->n_accounts += (guint) pst_store_changes (store);
  return TRUE;
}

static gboolean
seed_office_accounts (PstStore          *store,
                      SeedContext       *ctx,
                      const DemoOffice  *office,
                      GError           **error)
{
  g_autofree char *supervisor = g_strconcat ("spv.", office->code, NULL);
  g_autofree char *kiosk = g_strconcat ("kiosk.", office->code, NULL);

  if (!seed_account (store, ctx, supervisor, office->supervisor, "supervisor", office->code,
                     error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (office->officers); i++)
    {
      g_autofree char *username = g_strdup_printf ("petugas%u.%s", i + 1, office->code);

      if (!seed_account (store, ctx, username, office->officers[i], "officer", office->code,
                         error))
        return FALSE;
    }

  return seed_account (store, ctx, kiosk, office->kiosk, "kiosk", office->code, error);
}

static gboolean
seed_cb (PstStore  *store,
         gpointer   user_data,
         GError   **error)
{
  SeedContext *ctx = user_data;

  if (!seed_holidays (store, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_offices); i++)
    {
      const DemoOffice *office = &demo_offices[i];

      if (!seed_office_row (store, office, ctx->now, error) ||
          !seed_office_hours (store, office, error) ||
          !seed_office_channels (store, office, error) ||
          !seed_office_accounts (store, ctx, office, error))
        return FALSE;
    }

  if (!seed_account (store, ctx, "admin", DEMO_ADMIN_NAME, "admin", NULL, error))
    return FALSE;

  return pst_demo_seed_queue (store, ctx->clock, error) &&
         pst_demo_seed_consultations (store, ctx->clock, error) &&
         pst_demo_seed_kb (store, ctx->clock, error);
}

/**
 * pst_server_seed_demo:
 * @store: the server's database
 * @clock: where "now" comes from
 *
 * Seeds the demo data into @store if it has no office yet; otherwise does
 * nothing.
 *
 * Returns: %TRUE when seeded or left alone, %FALSE with @error set when
 *   seeding failed (nothing was written)
 */
gboolean
pst_server_seed_demo (PstStore  *store,
                      PstClock  *clock,
                      GError   **error)
{
  g_autofree char *password_hash = NULL;
  SeedContext ctx = { 0 };
  gboolean has_offices = FALSE;
  gint64 started = g_get_monotonic_time ();

  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (PST_IS_CLOCK (clock), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!database_has_offices (store, &has_offices, error))
    return FALSE;

  if (has_offices)
    {
      g_message ("The database has offices already; the demo data is not seeded again");
      return TRUE;
    }

  /* Demo only: one hash for every demo account. */
  password_hash = pst_password_hash (DEMO_PASSWORD, error);
  if (password_hash == NULL)
    return FALSE;

  ctx.clock = clock;
  ctx.password_hash = password_hash;
  ctx.now = pst_clock_get_now (clock);
  if (!pst_store_transaction (store, seed_cb, &ctx, error))
    {
      g_prefix_error (error, "%s", _("The demo data could not be seeded: "));
      return FALSE;
    }

  g_message ("Seeded the demo data: %u offices, %u accounts with password “%s” (%.2f s)",
             (guint) G_N_ELEMENTS (demo_offices), ctx.n_accounts, DEMO_PASSWORD,
             (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  return TRUE;
}
