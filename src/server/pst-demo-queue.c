/* pst-demo-queue.c: the walk-in morning of the demo data.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-demo.h"

#include "pst-queue.h"

/* Each demo office gets the same morning, replayed through the queue's
 * own operations (pst-queue.h) so numbers, history, stored wait targets
 * and guest books are exactly what the API would have written:
 *
 *   K-001 done      K-002 done      K-003 no-show   K-004 transferred → J-002
 *   K-005 done      K-006 done      K-007 serving (petugas1, desk 1, started 5 min ago)
 *   K-008 called (petugas2, desk 2, 2 min ago)      K-009, K-010 waiting
 *   J-001 done      J-002 done (the visitor of K-004)
 *   P-001 done      P-002 waiting, past its wait target   P-003 waiting
 *   R-001 done      R-002 waiting, due in 2 minutes
 *
 * 17 tickets: 8 done, 1 serving, 1 called, 1 no-show, 1 transferred and 5
 * waiting; the next numbers are K-011, J-003, P-004 and R-003. Tickets
 * are issued by the office's kiosk; the guest book is filled in when the
 * office does it: at issue (before_queue), when called (front_office) or
 * when serving starts (at_desk); a no-show never filled it in.
 *
 * The morning spans 150 minutes and ends now when now is in today's
 * service hours (in the office's zone) at least 150 minutes after
 * opening, or earlier today; after closing it is the first 150 minutes
 * after opening. Only in the first 150 minutes after local midnight does
 * it lie ahead (again the first 150 minutes after opening), so the queue
 * of today is never empty.
 */

#define MORNING_MINUTES 150

/* The ticket slots of the morning. */
enum
{
  K1, K2, K3, K4, K5, K6, K7, K8, K9, K10,
  J1, J2,
  P1, P2, P3,
  R1, R2,
  N_SLOTS
};

typedef enum
{
  STEP_ISSUE,
  STEP_CALL,
  STEP_START,
  STEP_FINISH,
  STEP_NO_SHOW,
  STEP_TRANSFER,
} StepKind;

/* A minute that depends on the office: R-001 finishes two minutes less
 * than the wait target before the end, so R-002 is due in 2 minutes.
 */
#define MINUTE_WAIT_TARGET_MINUS_2 G_MININT

typedef struct
{
  int      minute;    /* before the end of the morning */
  StepKind kind;
  int      slot;
  int      officer;   /* 1 or 2: petugas1 or petugas2 (desk 1 or 2) */
} DemoStep;

/* What a visitor came for. Texts may name {region}, {town}, {univ} and
 * {press}, replaced with the office's.
 */
typedef struct
{
  PstService  service;
  const char *institution;
  const char *occupation;
  const char *purpose;
  PstCategory topic;      /* when finished */
  const char *outcome;    /* when finished */
} DemoVisit;

typedef struct
{
  const char *name;
  gboolean    female;
  guint       birth_day;
  guint       birth_month;
  guint       birth_year;   /* two digits */
  const char *mail_domain;
} DemoPerson;

typedef struct
{
  const char *code;
  const char *region;       /* "Kabupaten Halmahera Utara" */
  const char *town;         /* the capital */
  const char *university;
  const char *press;
  const char *nik_prefix;   /* province and regency of its residents' NIKs */
} DemoPlace;

static const DemoPlace places[] = {
  { "8205", "Kabupaten Halmahera Utara", "Tobelo", "Universitas Halmahera", "Malut Post", "8205" },
  { "6500", "Provinsi Kalimantan Utara", "Tanjung Selor", "Universitas Borneo Tarakan",
    "Radar Tarakan", "6571" },
  { "1905", "Kabupaten Bangka Selatan", "Toboali", "Universitas Bangka Belitung", "Bangka Pos",
    "1905" },
  { "7604", "Kabupaten Mamuju", "Mamuju", "Universitas Tomakaka", "Radar Sulbar", "7604" },
  { "7325", "Kabupaten Luwu Timur", "Malili", "Universitas Andi Djemma", "Palopo Pos", "7325" },
};

static const DemoVisit visits[N_SLOTS] = {
  [K1] = { PST_SERVICE_CONSULTATION, "{univ}", "Mahasiswa",
           "Data indeks pembangunan manusia (IPM) {region} 2020–2024 untuk skripsi",
           PST_CATEGORY_DATA,
           "Tabel IPM 2020–2024 per komponen dikirim ke surel; ditunjukkan cara mengunduh tabel "
           "dinamis di situs BPS" },
  [K2] = { PST_SERVICE_CONSULTATION, "Bappeda {region}", "Perencana",
           "Konsep garis kemiskinan dan metadata Susenas untuk penyusunan RPJMD",
           PST_CATEGORY_METADATA,
           "Dijelaskan konsep garis kemiskinan dan metode Susenas; tautan metadata di SiRuSa "
           "diberikan" },
  [K3] = { PST_SERVICE_CONSULTATION, NULL, "Wiraswasta",
           "Kode KBLI 2020 untuk mengurus NIB usaha kuliner", PST_CATEGORY_CLASSIFICATION, NULL },
  [K4] = { PST_SERVICE_CONSULTATION, "SMA Negeri 1 {town}", "Guru",
           "Data jumlah penduduk menurut kecamatan untuk bahan ajar geografi",
           PST_CATEGORY_DATA, NULL },
  [K5] = { PST_SERVICE_CONSULTATION, "{press}", "Wartawan",
           "Pertumbuhan ekonomi (PDRB) {region} tahun lalu untuk berita",
           PST_CATEGORY_DATA,
           "Diberikan Berita Resmi Statistik PDRB terbaru dan penjelasan laju pertumbuhan menurut "
           "lapangan usaha" },
  [K6] = { PST_SERVICE_CONSULTATION, "Dinas Pertanian {region}", "Penyuluh pertanian",
           "Kode klasifikasi komoditas perkebunan untuk pendataan hasil panen",
           PST_CATEGORY_CLASSIFICATION,
           "Ditunjukkan padanan KBKI untuk kelapa, pala dan cengkih beserta cara mencarinya" },
  [K7] = { PST_SERVICE_CONSULTATION, "{univ}", "Dosen",
           "Data produksi padi dan jagung per kecamatan 2019–2024 untuk penelitian",
           PST_CATEGORY_DATA, NULL },
  [K8] = { PST_SERVICE_CONSULTATION, "{univ}", "Mahasiswa",
           "Tingkat pengangguran terbuka (TPT) {region} menurut jenis kelamin",
           PST_CATEGORY_DATA, NULL },
  [K9] = { PST_SERVICE_CONSULTATION, "Dinas Kesehatan {region}", "Pegawai negeri sipil",
           "Penduduk menurut kelompok umur untuk sasaran imunisasi", PST_CATEGORY_DATA, NULL },
  [K10] = { PST_SERVICE_CONSULTATION, "Australian National University", "Peneliti",
            "Metadata Sensus Pertanian 2023 untuk penelitian perkebunan rakyat",
            PST_CATEGORY_METADATA, NULL },
  [J1] = { PST_SERVICE_SALES, "PT Bank Rakyat Indonesia Cabang {town}", "Analis kredit",
           "Membeli publikasi Statistik Daerah {region} 2025", PST_CATEGORY_DATA,
           "Membeli publikasi cetak Statistik Daerah 2025; bukti pembayaran PNBP diberikan" },
  [J2] = { PST_SERVICE_SALES, NULL, NULL, NULL, PST_CATEGORY_DATA,
           "Membeli publikasi {region} Dalam Angka 2025 dan tabel penduduk per kecamatan dalam "
           "bentuk softcopy" },
  [P1] = { PST_SERVICE_LIBRARY, "{univ}", "Mahasiswa",
           "Membaca publikasi {region} Dalam Angka di perpustakaan", PST_CATEGORY_DATA,
           "Dipinjamkan publikasi Dalam Angka 2020–2025 untuk dibaca di tempat" },
  [P2] = { PST_SERVICE_LIBRARY, "SMA Negeri 1 {town}", "Pelajar",
           "Mencari buku statistik untuk tugas sekolah", PST_CATEGORY_DATA, NULL },
  [P3] = { PST_SERVICE_LIBRARY, NULL, "Pensiunan",
           "Membaca publikasi Indikator Kesejahteraan Rakyat", PST_CATEGORY_DATA, NULL },
  [R1] = { PST_SERVICE_RECOMMENDATION, "Dinas Komunikasi dan Informatika {region}",
           "Kepala bidang statistik sektoral",
           "Rekomendasi kegiatan statistik: survei kepuasan masyarakat terhadap layanan publik",
           PST_CATEGORY_OTHER,
           "Formulir dan rancangan kuesioner diperiksa; perbaikan rancangan sampel disarankan "
           "sebelum rekomendasi terbit" },
  [R2] = { PST_SERVICE_RECOMMENDATION, "Dinas Pendidikan {region}", "Analis data",
           "Rekomendasi kegiatan statistik: pendataan anak tidak sekolah", PST_CATEGORY_OTHER,
           NULL },
};

static const DemoPerson people[] = {
  { "Rizky Pratama", FALSE, 14, 3, 2, "gmail.com" },
  { "Siti Nurhaliza Ahmad", TRUE, 2, 11, 98, "gmail.com" },
  { "Andi Muhammad Fadli", FALSE, 23, 7, 85, "yahoo.co.id" },
  { "Nur Aisyah", TRUE, 9, 1, 3, "gmail.com" },
  { "Yohanis Lasut", FALSE, 30, 5, 79, "gmail.com" },
  { "Fransiska Tuwo", TRUE, 17, 8, 90, "yahoo.co.id" },
  { "Muhammad Iqbal Ramadhan", FALSE, 11, 12, 96, "gmail.com" },
  { "Dewi Lestari", TRUE, 25, 4, 88, "gmail.com" },
  { "Hendra Wijaya", FALSE, 6, 6, 76, "yahoo.co.id" },
  { "Maria Magdalena Soselisa", TRUE, 19, 9, 82, "gmail.com" },
  { "Ahmad Fauzi", FALSE, 1, 2, 94, "gmail.com" },
  { "Rahmawati Said", TRUE, 28, 10, 87, "yahoo.co.id" },
  { "Stevanus Rumbiak", FALSE, 15, 1, 91, "gmail.com" },
  { "Putri Ayu Ningsih", TRUE, 4, 5, 4, "gmail.com" },
  { "La Ode Syarifuddin", FALSE, 20, 3, 80, "gmail.com" },
  { "Indah Permatasari", TRUE, 12, 7, 99, "yahoo.co.id" },
  { "Bambang Setiawan", FALSE, 8, 8, 68, "gmail.com" },
  { "Sri Wahyuni", TRUE, 27, 2, 84, "gmail.com" },
  { "Akbar Mappasessu", FALSE, 3, 10, 97, "gmail.com" },
  { "Fitri Handayani", TRUE, 22, 12, 93, "yahoo.co.id" },
};

/* The morning, in the order it happened. */
static const DemoStep steps[] = {
  { -145, STEP_ISSUE, K1, 0 },
  { -144, STEP_CALL, K1, 1 },
  { -143, STEP_START, K1, 1 },
  { -142, STEP_ISSUE, J1, 0 },
  { -141, STEP_CALL, J1, 2 },
  { -140, STEP_ISSUE, K2, 0 },
  { -140, STEP_START, J1, 2 },
  { -130, STEP_ISSUE, K3, 0 },
  { -126, STEP_FINISH, J1, 2 },
  { -125, STEP_FINISH, K1, 1 },
  { -124, STEP_CALL, K2, 2 },
  { -123, STEP_START, K2, 2 },
  { -120, STEP_ISSUE, K4, 0 },
  { -110, STEP_ISSUE, K5, 0 },
  { -100, STEP_ISSUE, K6, 0 },
  { -100, STEP_FINISH, K2, 2 },
  { -99, STEP_CALL, K3, 1 },
  { -96, STEP_NO_SHOW, K3, 1 },
  { -95, STEP_CALL, K4, 1 },
  { -94, STEP_START, K4, 1 },
  { -80, STEP_TRANSFER, K4, 1 },
  { -79, STEP_CALL, K5, 1 },
  { -78, STEP_START, K5, 1 },
  { -75, STEP_CALL, J2, 2 },
  { -74, STEP_START, J2, 2 },
  { -70, STEP_ISSUE, K7, 0 },
  { -65, STEP_ISSUE, R1, 0 },
  { -60, STEP_ISSUE, P1, 0 },
  { -60, STEP_FINISH, J2, 2 },
  { -59, STEP_CALL, R1, 2 },
  { -58, STEP_START, R1, 2 },
  { -55, STEP_ISSUE, K8, 0 },
  { -50, STEP_FINISH, K5, 1 },
  { -49, STEP_CALL, P1, 1 },
  { -48, STEP_START, P1, 1 },
  { -45, STEP_ISSUE, P2, 0 },
  { -40, STEP_ISSUE, K9, 0 },
  { -30, STEP_FINISH, P1, 1 },
  { -29, STEP_CALL, K6, 1 },
  { -28, STEP_START, K6, 1 },
  { -25, STEP_ISSUE, R2, 0 },
  { -20, STEP_ISSUE, K10, 0 },
  { -15, STEP_ISSUE, P3, 0 },
  { -9, STEP_FINISH, K6, 1 },
  { MINUTE_WAIT_TARGET_MINUS_2, STEP_FINISH, R1, 2 },
  { -8, STEP_CALL, K7, 1 },
  { -5, STEP_START, K7, 1 },
  { -2, STEP_CALL, K8, 2 },
};

typedef struct
{
  PstStore       *store;
  PstQueueOffice *office;
  const DemoPlace *place;
  guint           place_index;
  char           *kiosk;
  char           *officers[2];
  char           *ids[N_SLOTS];
  gboolean        has_guest_book[N_SLOTS];
} DemoMorning;

static void
demo_morning_clear (DemoMorning *morning)
{
  g_clear_pointer (&morning->office, pst_queue_office_free);
  g_clear_pointer (&morning->kiosk, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (morning->officers); i++)
    g_clear_pointer (&morning->officers[i], g_free);
  for (guint i = 0; i < N_SLOTS; i++)
    g_clear_pointer (&morning->ids[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DemoMorning, demo_morning_clear)

static char *
fill_place (const DemoPlace *place,
            const char      *text)
{
  GString *filled;

  if (text == NULL)
    return NULL;

  filled = g_string_new (text);
  g_string_replace (filled, "{region}", place->region, 0);
  g_string_replace (filled, "{town}", place->town, 0);
  g_string_replace (filled, "{univ}", place->university, 0);
  g_string_replace (filled, "{press}", place->press, 0);

  return g_string_free (filled, FALSE);
}

static char *
lookup_account (PstStore    *store,
                const char  *username,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;

  stmt = pst_store_prepare (store, "SELECT id FROM officers WHERE username = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  if (!pst_store_step_one (store, stmt, &local_error))
    {
      g_set_error (error, PST_ERROR, PST_ERROR_FAILED,
                   "The demo account %s is missing: %s", username, local_error->message);
      return NULL;
    }

  return g_strdup (pst_store_column_text (stmt, 0));
}

/* Today's service hours in the office's zone, with the demo's defaults
 * for a day without any.
 */
static gboolean
today_hours (DemoMorning  *morning,
             gint64        now,
             gint64       *out_midnight,
             gint64       *out_open,
             gint64       *out_close,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(PstStoreStatement) stmt = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  GTimeZone *tz = pst_calendar_get_time_zone (morning->office->calendar);
  int open_min = 8 * 60;
  int close_min = 15 * 60 + 30;

  local_now = pst_time_to_date_time (now, tz);
  midnight = g_date_time_new (tz, g_date_time_get_year (local_now),
                              g_date_time_get_month (local_now),
                              g_date_time_get_day_of_month (local_now), 0, 0, 0);

  stmt = pst_store_prepare (morning->store,
                            "SELECT min (open_min), max (close_min) FROM office_hours"
                            " WHERE office = ?1 AND weekday = ?2",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, morning->office->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, g_date_time_get_day_of_week (local_now));
  if (pst_store_step_row (morning->store, stmt, &local_error) &&
      sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      open_min = sqlite3_column_int (stmt, 0);
      close_min = sqlite3_column_int (stmt, 1);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *out_midnight = pst_time_from_date_time (midnight);
  *out_open = *out_midnight + open_min * PST_USEC_PER_MINUTE;
  *out_close = *out_midnight + close_min * PST_USEC_PER_MINUTE;
  return TRUE;
}

static gint64
morning_end (gint64 now,
             gint64 midnight,
             gint64 open,
             gint64 close)
{
  gint64 span = MORNING_MINUTES * PST_USEC_PER_MINUTE;

  if (now > close)
    return open + span;
  if (now - span >= midnight)
    return now;
  return open + span;
}

/* A visitor's guest book, as a kiosk or officer would send it. */
static JsonObject *
visitor_json (DemoMorning *morning,
              int          slot)
{
  const DemoVisit *visit = &visits[slot];
  const DemoPerson *person = &people[(slot + 5 * morning->place_index) % G_N_ELEMENTS (people)];
  JsonObject *obj = json_object_new ();
  g_autofree char *institution = fill_place (morning->place, visit->institution);
  g_autofree char *purpose = fill_place (morning->place, visit->purpose);
  g_autofree char *phone = NULL;

  phone = g_strdup_printf ("08%u%u%08u", 1 + (slot % 2), 1 + (slot % 9),
                           10234567 + 7919 * (slot + 1) + 104729 * morning->place_index);

  if (slot == K10)
    {
      /* A foreign researcher with a passport. */
      json_object_set_string_member (obj, "name", "Emily Carter");
      json_object_set_string_member (obj, "id_type", "passport");
      json_object_set_string_member (obj, "id_number", "PA8841276");
      json_object_set_string_member (obj, "email", "emily.carter@anu.edu.au");
    }
  else
    {
      g_auto(GStrv) words = g_strsplit (person->name, " ", -1);
      guint n_words = g_strv_length (words);
      g_autofree char *local = g_ascii_strdown (words[0], -1);
      g_autofree char *last = g_ascii_strdown (words[n_words - 1], -1);
      g_autofree char *email = NULL;
      g_autofree char *nik = NULL;

      email = g_strdup_printf ("%s.%s%u@%s", local, last, person->birth_year,
                               person->mail_domain);
      nik = g_strdup_printf ("%s%02u%02u%02u%02u%04u", morning->place->nik_prefix,
                             1 + (slot % 9), person->birth_day + (person->female ? 40 : 0),
                             person->birth_month, person->birth_year,
                             1 + (guint) (slot * 37 + morning->place_index * 11) % 900);

      json_object_set_string_member (obj, "name", person->name);
      json_object_set_string_member (obj, "id_type", "ktp");
      json_object_set_string_member (obj, "id_number", nik);
      json_object_set_string_member (obj, "email", email);
    }

  json_object_set_string_member (obj, "phone", phone);
  if (institution != NULL)
    json_object_set_string_member (obj, "institution", institution);
  json_object_set_string_member (obj, "occupation", visit->occupation);
  json_object_set_string_member (obj, "purpose", purpose);

  return obj;
}

static gboolean
fill_guest_book (DemoMorning  *morning,
                 int           slot,
                 const char   *by,
                 gint64        at,
                 GError      **error)
{
  g_autoptr(JsonObject) obj = NULL;
  g_autoptr(PstGuestBook) guest_book = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *field = NULL;

  if (morning->has_guest_book[slot])
    return TRUE;

  obj = visitor_json (morning, slot);
  guest_book = pst_queue_guest_book_from_json (obj, &field, &local_error);
  if (guest_book == NULL)
    {
      g_set_error (error, PST_ERROR, PST_ERROR_FAILED, "demo guest book field %s: %s", field,
                   local_error->message);
      return FALSE;
    }

  if (!pst_queue_set_guest_book (morning->store, morning->office, morning->ids[slot], guest_book,
                                 by, at, error))
    return FALSE;

  morning->has_guest_book[slot] = TRUE;
  return TRUE;
}

static gboolean
run_step (DemoMorning     *morning,
          const DemoStep  *step,
          gint64           end,
          GError         **error)
{
  PstQueueOffice *office = morning->office;
  const char *officer = step->officer > 0 ? morning->officers[step->officer - 1] : NULL;
  g_autofree char *desk = g_strdup_printf ("%d", step->officer);
  g_autofree char *outcome = NULL;
  PstQueueChange change = { 0 };
  int minute = step->minute;
  int slot = step->slot;
  gint64 at;

  if (minute == MINUTE_WAIT_TARGET_MINUS_2)
    minute = -(office->walkin_wait_min - 2);
  at = end + minute * PST_USEC_PER_MINUTE;

  change.officer = officer;
  change.desk = desk;

  switch (step->kind)
    {
    case STEP_ISSUE:
      if (!pst_queue_issue (morning->store, office, visits[slot].service, morning->kiosk, at,
                            &morning->ids[slot], NULL, error))
        return FALSE;
      if (office->guest_book_stage == PST_GUEST_BOOK_BEFORE_QUEUE)
        return fill_guest_book (morning, slot, morning->kiosk, at, error);
      return TRUE;

    case STEP_CALL:
      if (!pst_queue_apply (morning->store, office, morning->ids[slot], PST_TICKET_ACTION_CALL,
                            &change, at, error))
        return FALSE;
      /* The front office fills it in after the call; a no-show never did. */
      if (office->guest_book_stage == PST_GUEST_BOOK_FRONT_OFFICE && slot != K3)
        return fill_guest_book (morning, slot, officer, at + 30 * G_USEC_PER_SEC, error);
      return TRUE;

    case STEP_START:
      if (!pst_queue_apply (morning->store, office, morning->ids[slot], PST_TICKET_ACTION_START,
                            &change, at, error))
        return FALSE;
      if (office->guest_book_stage == PST_GUEST_BOOK_AT_DESK)
        return fill_guest_book (morning, slot, officer, at + 60 * G_USEC_PER_SEC, error);
      return TRUE;

    case STEP_FINISH:
      outcome = fill_place (morning->place, visits[slot].outcome);
      change.topic = visits[slot].topic;
      change.outcome = outcome;
      return pst_queue_apply (morning->store, office, morning->ids[slot],
                              PST_TICKET_ACTION_FINISH, &change, at, error);

    case STEP_NO_SHOW:
      return pst_queue_apply (morning->store, office, morning->ids[slot],
                              PST_TICKET_ACTION_NO_SHOW, &change, at, error);

    case STEP_TRANSFER:
      /* K-004's visitor goes on to buy the publication: J-002. */
      g_assert (slot == K4);
      if (!pst_queue_transfer (morning->store, office, morning->ids[K4], PST_SERVICE_SALES,
                               officer, at, &morning->ids[J2], error))
        return FALSE;
      morning->has_guest_book[J2] = morning->has_guest_book[K4];
      return TRUE;

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static gboolean
seed_office (PstStore   *store,
             PstClock   *clock,
             guint       place_index,
             GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(DemoMorning) morning = { 0 };
  g_autofree char *kiosk = g_strconcat ("kiosk.", places[place_index].code, NULL);
  g_autofree char *first = g_strconcat ("petugas1.", places[place_index].code, NULL);
  g_autofree char *second = g_strconcat ("petugas2.", places[place_index].code, NULL);
  gint64 now = pst_clock_get_now (clock);
  gint64 midnight, open, close, end;

  morning.store = store;
  morning.place = &places[place_index];
  morning.place_index = place_index;
  morning.office = pst_queue_office_load (store, morning.place->code, NULL, &local_error);
  if (morning.office == NULL)
    {
      /* Only the offices that were seeded get a morning. */
      if (g_error_matches (local_error, PST_STORE_ERROR, PST_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if ((morning.kiosk = lookup_account (store, kiosk, error)) == NULL ||
      (morning.officers[0] = lookup_account (store, first, error)) == NULL ||
      (morning.officers[1] = lookup_account (store, second, error)) == NULL ||
      !today_hours (&morning, now, &midnight, &open, &close, error))
    return FALSE;

  end = morning_end (now, midnight, open, close);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (!run_step (&morning, &steps[i], end, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * pst_demo_seed_queue:
 * @store: the server's database, in the demo's transaction
 * @clock: where "now" comes from
 *
 * Seeds today's walk-in morning of every demo office that exists, as the
 * comment at the top of this file describes.
 *
 * Returns: %FALSE with @error set on a failure
 */
gboolean
pst_demo_seed_queue (PstStore  *store,
                     PstClock  *clock,
                     GError   **error)
{
  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (PST_IS_CLOCK (clock), FALSE);
  g_return_val_if_fail (pst_store_in_transaction (store), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      if (!seed_office (store, clock, i, error))
        return FALSE;
    }

  return TRUE;
}
