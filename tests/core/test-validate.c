/* test-validate.c: NIK, email, phone, ID masking and the guest book.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-i18n.h"
#include "pst-validate.h"
#include "pst-test-locale.h"

#include <locale.h>

typedef struct
{
  const char *input;
  int         code;  /* -1 when valid */
} Case;

/* 32 01 01 120390 0001: Jawa Barat, born 12 March 1990, a man. */
#define NIK_MAN   "3201011203900001"
#define NIK_WOMAN "3201015203900001"

static void
assert_cases (const Case *cases,
              guint       n_cases,
              gboolean  (*validate) (const char *, GError **))
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = validate (cases[i].input, &error);

      g_test_message ("case %u: “%s”", i, cases[i].input);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, PST_VALIDATION_ERROR, cases[i].code);
          g_assert_false (ok);
          g_assert_nonnull (error->message);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_nik_valid (void)
{
  static const Case cases[] = {
    { NIK_MAN, -1 },
    { NIK_WOMAN, -1 },
    { "1101010101000001", -1 },          /* Aceh, 1 January */
    { "2171013112990123", -1 },          /* Kepulauan Riau, 31 December */
    { "3174014101850002", -1 },          /* a woman born on the 1st (41) */
    { "3174017112850002", -1 },          /* a woman born on the 31st (71) */
    { "7604012902000001", -1 },          /* 29 February, YY 00 */
    { "7604012902040001", -1 },          /* 29 February, YY 04 */
    { "7604016902960001", -1 },          /* 29 February of a woman, YY 96 */
    { "8205013004880001", -1 },          /* 30 April */
    { "9101010101010001", -1 },          /* Papua */
    { "9301010101010001", -1 },          /* Papua Selatan (2022) */
    { "9601010101010001", -1 },          /* Papua Barat Daya (2022) */
    { "6501010101019999", -1 },          /* Kalimantan Utara */
    { "1905011506770001", -1 },          /* Bangka Belitung */
    { "3201 0112 0390 0001", -1 },       /* spaces between groups */
    { "32.01.01.120390.0001", -1 },      /* dots, as on some forms */
    { "32-01-01-120390-0001", -1 },
    { "  3201011203900001\t", -1 },
  };

  assert_cases (cases, G_N_ELEMENTS (cases), pst_validate_nik);
}

static void
test_nik_invalid (void)
{
  static const Case cases[] = {
    { NULL, PST_VALIDATION_ERROR_REQUIRED },
    { "", PST_VALIDATION_ERROR_REQUIRED },
    { "   ", PST_VALIDATION_ERROR_REQUIRED },
    { "320101120390001", PST_VALIDATION_ERROR_NIK_FORMAT },     /* 15 digits */
    { "32010112039000011", PST_VALIDATION_ERROR_NIK_FORMAT },   /* 17 digits */
    { "32010112039000O1", PST_VALIDATION_ERROR_NIK_FORMAT },    /* letter O */
    { "3201011203900001a", PST_VALIDATION_ERROR_NIK_FORMAT },
    { "3201/0112/0390/0001", PST_VALIDATION_ERROR_NIK_FORMAT },
    { "３２０１０１１２０３９０００01", PST_VALIDATION_ERROR_NIK_FORMAT },  /* full-width */
    { "0001011203900001", PST_VALIDATION_ERROR_NIK_REGION },    /* 00 province */
    { "1001011203900001", PST_VALIDATION_ERROR_NIK_REGION },
    { "2001011203900001", PST_VALIDATION_ERROR_NIK_REGION },    /* 20 is no province */
    { "3701011203900001", PST_VALIDATION_ERROR_NIK_REGION },
    { "5401011203900001", PST_VALIDATION_ERROR_NIK_REGION },
    { "6601011203900001", PST_VALIDATION_ERROR_NIK_REGION },
    { "7701011203900001", PST_VALIDATION_ERROR_NIK_REGION },
    { "8301011203900001", PST_VALIDATION_ERROR_NIK_REGION },
    { "9701011203900001", PST_VALIDATION_ERROR_NIK_REGION },    /* BPS's code, not Dukcapil's */
    { "9901011203900001", PST_VALIDATION_ERROR_NIK_REGION },
    { "3200011203900001", PST_VALIDATION_ERROR_NIK_REGION },    /* 00 regency */
    { "3201001203900001", PST_VALIDATION_ERROR_NIK_REGION },    /* 00 district */
    { "3201013102900001", PST_VALIDATION_ERROR_NIK_DATE },      /* 31 February */
    { "3201017102900001", PST_VALIDATION_ERROR_NIK_DATE },      /* 31 February, a woman */
    { "3201012902010001", PST_VALIDATION_ERROR_NIK_DATE },      /* 29 February, YY 01 */
    { "3201013104900001", PST_VALIDATION_ERROR_NIK_DATE },      /* 31 April */
    { "3201013106900001", PST_VALIDATION_ERROR_NIK_DATE },      /* 31 June */
    { "3201013109900001", PST_VALIDATION_ERROR_NIK_DATE },      /* 31 September */
    { "3201013111900001", PST_VALIDATION_ERROR_NIK_DATE },      /* 31 November */
    { "3201010003900001", PST_VALIDATION_ERROR_NIK_DATE },      /* day 00 */
    { "3201013203900001", PST_VALIDATION_ERROR_NIK_DATE },      /* day 32 */
    { "3201014003900001", PST_VALIDATION_ERROR_NIK_DATE },      /* day 40 */
    { "3201017203900001", PST_VALIDATION_ERROR_NIK_DATE },      /* day 72 */
    { "3201019903900001", PST_VALIDATION_ERROR_NIK_DATE },
    { "3201011200900001", PST_VALIDATION_ERROR_NIK_DATE },      /* month 00 */
    { "3201011213900001", PST_VALIDATION_ERROR_NIK_DATE },      /* month 13 */
    { "3201011203900000", PST_VALIDATION_ERROR_NIK_SERIAL },
  };

  assert_cases (cases, G_N_ELEMENTS (cases), pst_validate_nik);
}

static void
test_nik_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PstNik) man = pst_nik_parse ("32.01.01.120390.0001", &error);
  g_autoptr(PstNik) woman = NULL;
  g_autoptr(PstNik) copy = NULL;
  g_autofree char *normalized = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (man);
  g_assert_cmpstr (man->digits, ==, NIK_MAN);
  g_assert_cmpuint (man->province, ==, 32);
  g_assert_cmpuint (man->regency, ==, 1);
  g_assert_cmpuint (man->district, ==, 1);
  g_assert_cmpuint (man->birth_day, ==, 12);
  g_assert_cmpuint (man->birth_month, ==, 3);
  g_assert_cmpuint (man->birth_year, ==, 90);
  g_assert_cmpint (man->sex, ==, PST_SEX_MALE);
  g_assert_cmpuint (man->serial, ==, 1);

  woman = pst_nik_parse ("7604017112051234", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (woman->province, ==, 76);
  g_assert_cmpuint (woman->regency, ==, 4);
  g_assert_cmpuint (woman->district, ==, 1);
  g_assert_cmpuint (woman->birth_day, ==, 31);
  g_assert_cmpuint (woman->birth_month, ==, 12);
  g_assert_cmpuint (woman->birth_year, ==, 5);
  g_assert_cmpint (woman->sex, ==, PST_SEX_FEMALE);
  g_assert_cmpuint (woman->serial, ==, 1234);

  copy = pst_nik_copy (woman);
  g_assert_true (copy != woman);
  g_assert_cmpmem (copy, sizeof *copy, woman, sizeof *woman);

  g_assert_null (pst_nik_parse ("3201013102900001", &error));
  g_assert_error (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_NIK_DATE);
  g_clear_error (&error);

  normalized = pst_normalize_nik (" 3201 0112 0390 0001 ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, NIK_MAN);

  g_assert_null (pst_normalize_nik ("12345", &error));
  g_assert_error (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_NIK_FORMAT);
}

static void
test_nik_provinces (void)
{
  static const guint valid[] = {
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
    61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
  };
  guint n_valid = 0;

  for (guint code = 0; code < 100; code++)
    {
      gboolean expected = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
        expected = expected || valid[i] == code;

      g_assert_cmpint (pst_nik_province_is_valid (code), ==, expected);
      n_valid += expected;
    }

  g_assert_cmpuint (n_valid, ==, 38);
}

static void
test_nik_message_keeps_number_private (void)
{
  g_autoptr(GError) error = NULL;

  /* An error never repeats the number or its date of birth. */
  g_assert_false (pst_validate_nik ("3201013102900001", &error));
  g_assert_null (strstr (error->message, "310290"));
  g_assert_null (strstr (error->message, "3201"));
}

static void
test_email_valid (void)
{
  static const Case cases[] = {
    { "nama@bps.go.id", -1 },
    { "pst7604@bps.go.id", -1 },
    { "first.last+pst@mail.example.com", -1 },
    { "o'neil@example.org", -1 },
    { "a!#$%&'*+-/=?^_`{|}~z@example.co.id", -1 },
    { "x@a.id", -1 },
    { "user@sub-domain.example.travel", -1 },
    { "user@xn--bcher-kva.example", -1 },
    { "user@contoh.XN--3E0B707E", -1 },
    { "  nama@BPS.GO.ID  ", -1 },
    { "user@123.example.com", -1 },
  };

  assert_cases (cases, G_N_ELEMENTS (cases), pst_validate_email);
}

static void
test_email_invalid (void)
{
  static const Case cases[] = {
    { NULL, PST_VALIDATION_ERROR_REQUIRED },
    { "", PST_VALIDATION_ERROR_REQUIRED },
    { " \t", PST_VALIDATION_ERROR_REQUIRED },
    { "nama", PST_VALIDATION_ERROR_EMAIL },
    { "nama.bps.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "nama@@bps.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "na@ma@bps.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "@bps.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "nama@", PST_VALIDATION_ERROR_EMAIL },
    { "nama ku@bps.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "nama@bps .go.id", PST_VALIDATION_ERROR_EMAIL },
    { ".nama@bps.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "nama.@bps.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "na..ma@bps.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "\"nama\"@bps.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "nama,x@bps.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "názov@bps.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "nama@localhost", PST_VALIDATION_ERROR_EMAIL },
    { "nama@bps", PST_VALIDATION_ERROR_EMAIL },
    { "nama@bps.go.id.", PST_VALIDATION_ERROR_EMAIL },
    { "nama@.bps.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "nama@bps..go.id", PST_VALIDATION_ERROR_EMAIL },
    { "nama@-bps.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "nama@bps-.go.id", PST_VALIDATION_ERROR_EMAIL },
    { "nama@bps_go.id", PST_VALIDATION_ERROR_EMAIL },
    { "nama@bps.go.i", PST_VALIDATION_ERROR_EMAIL },
    { "nama@bps.go.123", PST_VALIDATION_ERROR_EMAIL },
    { "nama@192.168.1.1", PST_VALIDATION_ERROR_EMAIL },
    { "nama@[192.168.1.1]", PST_VALIDATION_ERROR_EMAIL },
    { "nama@bps.gö.id", PST_VALIDATION_ERROR_EMAIL },
  };

  assert_cases (cases, G_N_ELEMENTS (cases), pst_validate_email);
}

static char *
email_of_lengths (guint local_len,
                  guint total_len)
{
  GString *email = g_string_new (NULL);
  guint domain_len = total_len - local_len - 1;

  g_assert (domain_len >= 4);

  for (guint i = 0; i < local_len; i++)
    g_string_append_c (email, 'a');
  g_string_append_c (email, '@');

  /* Labels of up to 63 characters, then ".id". */
  for (guint left = domain_len - 3; left > 0;)
    {
      guint label = MIN (left, 63);

      if (left - label == 1)
        label--;  /* no empty label before the dot */
      for (guint i = 0; i < label; i++)
        g_string_append_c (email, 'b');
      left -= label;
      if (left > 0)
        {
          g_string_append_c (email, '.');
          left--;
        }
    }
  g_string_append (email, ".id");

  g_assert_cmpuint (email->len, ==, total_len);
  return g_string_free (email, FALSE);
}

static void
test_email_lengths (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *local_64 = email_of_lengths (64, 80);
  g_autofree char *local_65 = email_of_lengths (65, 80);
  g_autofree char *total_254 = email_of_lengths (64, 254);
  g_autofree char *total_255 = email_of_lengths (64, 255);
  g_autofree char *label_64 = g_strconcat ("a@", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                                           ".id", NULL);

  g_assert_true (pst_validate_email (local_64, &error));
  g_assert_no_error (error);
  g_assert_true (pst_validate_email (total_254, &error));
  g_assert_no_error (error);

  g_assert_false (pst_validate_email (local_65, &error));
  g_assert_error (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_TOO_LONG);
  g_clear_error (&error);

  g_assert_false (pst_validate_email (total_255, &error));
  g_assert_error (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_TOO_LONG);
  g_clear_error (&error);

  g_assert_false (pst_validate_email (label_64, &error));
  g_assert_error (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_EMAIL);
}

static void
test_email_normalize (void)
{
  static const struct { const char *input, *expected; } cases[] = {
    { "Nama.Saya@BPS.GO.ID", "Nama.Saya@bps.go.id" },
    { "  pst7604@Gmail.Com\n", "pst7604@gmail.com" },
    { "x@a.id", "x@a.id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = pst_normalize_email (cases[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, cases[i].expected);
    }
}

static void
test_phone_valid (void)
{
  static const struct { const char *input, *expected; } cases[] = {
    { "0812-3456-7890", "+6281234567890" },
    { "+62 812 3456 7890", "+6281234567890" },
    { "6281234567890", "+6281234567890" },
    { "081234567890", "+6281234567890" },
    { "0812.3456.7890", "+6281234567890" },
    { "(+62) 812-3456-7890", "+6281234567890" },
    { "0062 812 3456 7890", "+6281234567890" },
    { "  0852 1234 5678  ", "+6285212345678" },
    { "0811 123 456", "+62811123456" },             /* 9-digit mobile */
    { "0812 3456 78901", "+62812345678901" },       /* 12-digit mobile */
    { "(0474) 322-0038", "+624743220038" },          /* Halmahera Utara */
    { "(021) 3841195", "+62213841195" },             /* Jakarta */
    { "+62 21 3841 195", "+62213841195" },
    { "(0426) 21234", "+6242621234" },               /* 8-digit landline */
    { "0411 123 4567 89", "+62411123456789" },       /* 12-digit landline */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = pst_normalize_phone (cases[i].input, &error);

      g_test_message ("case %u: “%s”", i, cases[i].input);
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, cases[i].expected);
    }
}

static gboolean
validate_phone (const char  *input,
                GError     **error)
{
  g_autofree char *normalized = pst_normalize_phone (input, error);

  return normalized != NULL;
}

static void
test_phone_invalid (void)
{
  static const Case cases[] = {
    { NULL, PST_VALIDATION_ERROR_REQUIRED },
    { "", PST_VALIDATION_ERROR_REQUIRED },
    { "  ", PST_VALIDATION_ERROR_REQUIRED },
    { "0812-3456-789O", PST_VALIDATION_ERROR_PHONE },          /* letter O */
    { "0812 3456 7890 ext 12", PST_VALIDATION_ERROR_PHONE },
    { "62+812345678", PST_VALIDATION_ERROR_PHONE },            /* + inside */
    { "++62812345678", PST_VALIDATION_ERROR_PHONE },
    { "0812/3456/7890", PST_VALIDATION_ERROR_PHONE },
    { "+65 6123 4567", PST_VALIDATION_ERROR_PHONE_COUNTRY },   /* Singapore */
    { "+1 202 555 0100", PST_VALIDATION_ERROR_PHONE_COUNTRY },
    { "0065 6123 4567", PST_VALIDATION_ERROR_PHONE_COUNTRY },
    { "+6", PST_VALIDATION_ERROR_PHONE_COUNTRY },
    { "81234567890", PST_VALIDATION_ERROR_PHONE },             /* no prefix */
    { "3220038", PST_VALIDATION_ERROR_PHONE },
    { "()", PST_VALIDATION_ERROR_PHONE },
    { "+62 0812 3456 7890", PST_VALIDATION_ERROR_PHONE },      /* 0 after +62 */
    { "00812345678", PST_VALIDATION_ERROR_PHONE_COUNTRY },     /* 00 then 8… */
    { "62", PST_VALIDATION_ERROR_PHONE },
    { "0", PST_VALIDATION_ERROR_PHONE },
    { "0812 3456 7", PST_VALIDATION_ERROR_PHONE },             /* mobile, 8 digits */
    { "0812 3456 7890 12", PST_VALIDATION_ERROR_PHONE },       /* mobile, 13 digits */
    { "+62 812 345", PST_VALIDATION_ERROR_PHONE },
    { "(021) 12345", PST_VALIDATION_ERROR_PHONE },             /* landline, 7 digits */
    { "0411 123 4567 890", PST_VALIDATION_ERROR_PHONE },       /* landline, 13 digits */
  };

  assert_cases (cases, G_N_ELEMENTS (cases), validate_phone);
}

static void
test_id_mask (void)
{
  static const struct { const char *input, *expected; } cases[] = {
    { NIK_MAN, "************0001" },
    { "3201 0112 0390 3456", "************3456" },
    { "32.01.01.120390.3456", "************3456" },
    { "a1234567", "****4567" },      /* passport: upper-cased, 8 characters */
    { "1234567", "*******" },        /* shorter than 8: all hidden */
    { "1234", "****" },
    { "12", "**" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = pst_mask_id_number (cases[i].input);

      g_assert_cmpstr (masked, ==, cases[i].expected);
    }
}

static void
test_id_hash (void)
{
  g_autoptr(GBytes) key = g_bytes_new_static ("kantor-7604", 11);
  g_autoptr(GBytes) other_key = g_bytes_new_static ("kantor-8205", 11);
  g_autofree char *hash = pst_hash_id_number (NIK_MAN, key);
  g_autofree char *again = pst_hash_id_number (NIK_MAN, key);
  g_autofree char *spaced = pst_hash_id_number ("3201 0112.0390-0001", key);
  g_autofree char *other = pst_hash_id_number (NIK_MAN, other_key);
  g_autofree char *woman = pst_hash_id_number (NIK_WOMAN, key);
  g_autofree char *passport = pst_hash_id_number ("a 1234 567", key);
  g_autofree char *normalized = pst_normalize_id_number (" a-1234.567 ");

  /* HMAC-SHA256 of the normalized number, as Python's hmac module says. */
  g_assert_cmpstr (hash, ==, "58846370399df80854f0a3cc25d38c74dbbf88ffe20a7c9ceda525194a6f74cf");
  g_assert_cmpstr (passport, ==, "097132ee37bf942362a2db21246bcf7ce2f9e53c8f8e01bc9bd548c213320d18");
  g_assert_cmpstr (normalized, ==, "A1234567");

  g_assert_cmpuint (strlen (hash), ==, 64);
  g_assert_cmpstr (hash, ==, again);
  g_assert_cmpstr (hash, ==, spaced);
  g_assert_cmpstr (hash, !=, other);
  g_assert_cmpstr (hash, !=, woman);
  for (const char *p = hash; *p != '\0'; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
}

static void
test_guest_book (void)
{
  static const struct
  {
    const char *field;
    const char *value;
    PstIdType   id_type;
    const char *expected;  /* NULL: valid and empty */
    int         code;      /* -1 when valid */
  } cases[] = {
    { "name", "  Andi   Pratama ", PST_ID_TYPE_KTP, "Andi Pratama", -1 },
    { "name", "Siti\tNur\nHaliza", PST_ID_TYPE_KTP, "Siti Nur Haliza", -1 },
    { "name", "Made Wirawan\xc2\xa0Putra", PST_ID_TYPE_KTP, "Made Wirawan Putra", -1 },
    { "name", "Jose\xcc\x81", PST_ID_TYPE_KTP, "Jos\xc3\xa9", -1 },   /* made NFC */
    { "name", "", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_REQUIRED },
    { "name", " \n ", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_REQUIRED },
    { "name", NULL, PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_REQUIRED },
    { "name", "Andi\x01", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_INVALID_TEXT },
    { "name", "Andi\xff", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_INVALID_TEXT },
    { "id_type", "ktp", PST_ID_TYPE_KTP, "ktp", -1 },
    { "id_type", "passport", PST_ID_TYPE_KTP, "passport", -1 },
    { "id_type", "KTP", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_ID_TYPE },
    { "id_type", "", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_REQUIRED },
    { "id_number", "3201 0112 0390 0001", PST_ID_TYPE_KTP, NIK_MAN, -1 },
    { "id_number", "3201013102900001", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_NIK_DATE },
    { "id_number", "", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_REQUIRED },
    { "id_number", "b 1234567", PST_ID_TYPE_PASSPORT, "B1234567", -1 },
    { "id_number", "1234-5678-901234", PST_ID_TYPE_SIM, "12345678901234", -1 },
    { "id_number", "3201013102900001", PST_ID_TYPE_SIM, "3201013102900001", -1 },
    { "id_number", "NIM/2024/001", PST_ID_TYPE_OTHER, "NIM2024001", -1 },
    { "id_number", "AB1", PST_ID_TYPE_OTHER, "AB1", -1 },
    { "id_number", "A1", PST_ID_TYPE_OTHER, NULL, PST_VALIDATION_ERROR_ID_NUMBER },
    { "id_number", "123456789012345678901234567890123", PST_ID_TYPE_OTHER, NULL,
      PST_VALIDATION_ERROR_ID_NUMBER },
    { "id_number", "B#1234567", PST_ID_TYPE_PASSPORT, NULL, PST_VALIDATION_ERROR_ID_NUMBER },
    { "id_number", " ", PST_ID_TYPE_PASSPORT, NULL, PST_VALIDATION_ERROR_REQUIRED },
    { "email", " Andi@Example.CO.ID ", PST_ID_TYPE_KTP, "Andi@example.co.id", -1 },
    { "email", "", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_REQUIRED },
    { "email", "andi@", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_EMAIL },
    { "phone", "0812-3456-7890", PST_ID_TYPE_KTP, "+6281234567890", -1 },
    { "phone", "", PST_ID_TYPE_KTP, NULL, -1 },
    { "phone", NULL, PST_ID_TYPE_KTP, NULL, -1 },
    { "phone", "+65 6123 4567", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_PHONE_COUNTRY },
    { "institution", " Universitas  Tadulako ", PST_ID_TYPE_KTP, "Universitas Tadulako", -1 },
    { "institution", "", PST_ID_TYPE_KTP, NULL, -1 },
    { "occupation", "Mahasiswa", PST_ID_TYPE_KTP, "Mahasiswa", -1 },
    { "occupation", NULL, PST_ID_TYPE_KTP, NULL, -1 },
    { "purpose", " Data kemiskinan\r\nKabupaten Mamuju 2024 \n", PST_ID_TYPE_KTP,
      "Data kemiskinan\nKabupaten Mamuju 2024", -1 },
    { "purpose", "\t", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_REQUIRED },
    { "purpose", "Data\x07", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_INVALID_TEXT },
    { "address", "Jl. Ahmad Yani", PST_ID_TYPE_KTP, NULL, PST_VALIDATION_ERROR_UNKNOWN_FIELD },
  };

  static char untouched[] = "untouched";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      char *normalized = untouched;
      gboolean ok;

      g_test_message ("case %u: %s", i, cases[i].field);
      ok = pst_validate_guest_book_field (cases[i].field, cases[i].value, cases[i].id_type,
                                          &normalized, &error);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_true (normalized != untouched);
          g_assert_cmpstr (normalized, ==, cases[i].expected);
          g_free (normalized);
        }
      else
        {
          g_assert_error (error, PST_VALIDATION_ERROR, cases[i].code);
          g_assert_false (ok);
          g_assert_true (normalized == untouched);
        }
    }
}

static void
test_guest_book_lengths (void)
{
  static const struct { const char *field; guint max; gboolean required; } fields[] = {
    { "name", PST_GUEST_BOOK_NAME_MAX, TRUE },
    { "institution", PST_GUEST_BOOK_INSTITUTION_MAX, FALSE },
    { "occupation", PST_GUEST_BOOK_OCCUPATION_MAX, FALSE },
    { "purpose", PST_GUEST_BOOK_PURPOSE_MAX, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GString) value = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;

      /* Characters, not bytes, count: "é" is two bytes. */
      for (guint j = 0; j < fields[i].max; j++)
        g_string_append (value, "\xc3\xa9");

      g_assert_true (pst_validate_guest_book_field (fields[i].field, value->str,
                                                    PST_ID_TYPE_KTP, &normalized, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_utf8_strlen (normalized, -1), ==, fields[i].max);

      g_string_append_c (value, 'x');
      g_assert_false (pst_validate_guest_book_field (fields[i].field, value->str,
                                                     PST_ID_TYPE_KTP, NULL, &error));
      g_assert_error (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_TOO_LONG);
    }
}

static void
test_localized_message (void)
{
  PstTestLocale saved;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) english = NULL;

  g_assert_false (pst_validate_nik ("123", &english));
  g_assert_cmpstr (english->message, ==, "A NIK has 16 digits, not 3");

  if (!pst_test_locale_enter (&saved, "id_ID.UTF-8"))
    return;

  g_assert_false (pst_validate_nik ("12345678901234567", &error));
  g_assert_cmpstr (error->message, ==, "NIK terdiri dari 16 digit, bukan 17");
  g_clear_error (&error);

  g_assert_false (pst_validate_nik ("3201013102900001", &error));
  g_assert_cmpstr (error->message, ==,
                   "Digit ke-7 sampai ke-12 NIK adalah tanggal lahir (DDMMYY, tanggal ditambah "
                   "40 untuk perempuan), dan ini bukan tanggal yang valid; periksa nomor pada "
                   "kartu identitas");
  g_clear_error (&error);

  g_assert_false (pst_validate_email ("nama@bps.go.id@x", &error));
  g_assert_cmpstr (error->message, ==,
                   "Alamat email memiliki tepat satu @, seperti nama@bps.go.id");
  g_clear_error (&error);

  g_assert_null (pst_normalize_phone ("+65 6123 4567", &error));
  g_assert_cmpstr (error->message, ==, "Hanya nomor telepon Indonesia (+62) yang diterima");
  g_clear_error (&error);

  g_assert_false (pst_validate_guest_book_field ("name", "", PST_ID_TYPE_KTP, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Masukkan nama pengunjung");

  pst_test_locale_leave (&saved);
}

static void
test_bad_arguments (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

      pst_hash_id_number (NIK_MAN, empty);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*pst_hash_id_number*");
}

/* The address of a pst-server, as the login and preferences accept it. */
static void
test_server_url (void)
{
  g_assert_true (pst_is_server_url ("http://127.0.0.1:8470"));
  g_assert_true (pst_is_server_url ("https://pst.bps.go.id"));
  g_assert_true (pst_is_server_url ("HTTPS://pst.example:8443/"));
  g_assert_true (pst_is_server_url ("http://[::1]:8470"));

  g_assert_false (pst_is_server_url (NULL));
  g_assert_false (pst_is_server_url (""));
  g_assert_false (pst_is_server_url ("pst.bps.go.id"));
  g_assert_false (pst_is_server_url ("127.0.0.1:8470"));
  g_assert_false (pst_is_server_url ("ftp://pst.bps.go.id"));
  g_assert_false (pst_is_server_url ("http://"));
  g_assert_false (pst_is_server_url ("http:///path"));
  g_assert_false (pst_is_server_url ("http://exa mple.id"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/nik/valid", test_nik_valid);
  g_test_add_func ("/validate/nik/invalid", test_nik_invalid);
  g_test_add_func ("/validate/nik/parse", test_nik_parse);
  g_test_add_func ("/validate/nik/provinces", test_nik_provinces);
  g_test_add_func ("/validate/nik/private-message", test_nik_message_keeps_number_private);
  g_test_add_func ("/validate/email/valid", test_email_valid);
  g_test_add_func ("/validate/email/invalid", test_email_invalid);
  g_test_add_func ("/validate/email/lengths", test_email_lengths);
  g_test_add_func ("/validate/email/normalize", test_email_normalize);
  g_test_add_func ("/validate/phone/valid", test_phone_valid);
  g_test_add_func ("/validate/phone/invalid", test_phone_invalid);
  g_test_add_func ("/validate/id-number/mask", test_id_mask);
  g_test_add_func ("/validate/id-number/hash", test_id_hash);
  g_test_add_func ("/validate/guest-book/fields", test_guest_book);
  g_test_add_func ("/validate/guest-book/lengths", test_guest_book_lengths);
  g_test_add_func ("/validate/server-url", test_server_url);
  g_test_add_func ("/validate/bad-arguments", test_bad_arguments);
  g_test_add_func ("/validate/l10n/indonesian", test_localized_message);

  return g_test_run ();
}
