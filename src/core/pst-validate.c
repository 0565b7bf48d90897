/* pst-validate.c: checks and normal forms of what visitors type in.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-validate.h"

#include "pst-i18n.h"

#include <string.h>

#define EMAIL_MAX        254
#define EMAIL_LOCAL_MAX  64
#define DOMAIN_LABEL_MAX 63
#define ID_NUMBER_MIN    3
#define ID_NUMBER_MAX    32
#define PHONE_NSN_MIN    8
#define PHONE_NSN_MAX    12
#define MOBILE_NSN_MIN   9

/* The province codes of Kemendagri, which Dukcapil uses as the first two
 * digits of a NIK. These are not BPS's codes: BPS numbers the Papua
 * provinces differently (91 Papua Barat, 94 Papua, …).
 */
static const guint8 province_codes[] = {
  11, 12, 13, 14, 15, 16, 17, 18, 19,  /* Sumatra */
  21,                                  /* Kepulauan Riau */
  31, 32, 33, 34, 35, 36,              /* Java */
  51, 52, 53,                          /* Bali, Nusa Tenggara */
  61, 62, 63, 64, 65,                  /* Kalimantan */
  71, 72, 73, 74, 75, 76,              /* Sulawesi */
  81, 82,                              /* Maluku */
  91, 92, 93, 94, 95, 96,              /* Papua, with the provinces of 2022 */
};

/* The characters RFC 5322 allows in an atom, besides letters and digits. */
static const char email_atext[] = "!#$%&'*+-/=?^_`{|}~";

G_DEFINE_QUARK (pst-validation-error-quark, pst_validation_error)

static gboolean
is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (; *str != '\0'; str++)
    {
      if (!g_ascii_isspace (*str))
        return FALSE;
    }

  return TRUE;
}

static guint
two_digits (const char *digits)
{
  g_assert (g_ascii_isdigit (digits[0]) && g_ascii_isdigit (digits[1]));

  return (guint) (digits[0] - '0') * 10 + (guint) (digits[1] - '0');
}

static guint
days_in_month (guint month,
               guint two_digit_year)
{
  static const guint8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_assert (month >= 1 && month <= 12);

  if (month == 2 && two_digit_year % 4 == 0)
    return 29;

  return days[month - 1];
}

/* Keeps the digits of @input, skipping spaces, dots and hyphens; FALSE
 * when any other character is there.
 */
static gboolean
nik_collect_digits (const char *input,
                    GString    *digits)
{
  for (const char *p = input; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (!g_ascii_isspace (*p) && *p != '.' && *p != '-')
        return FALSE;
    }

  return TRUE;
}

static gboolean
nik_check_parts (PstNik  *nik,
                 GError **error)
{
  const char *d = nik->digits;
  guint day_field = two_digits (d + 6);

  nik->province = two_digits (d);
  nik->regency = two_digits (d + 2);
  nik->district = two_digits (d + 4);
  nik->birth_month = two_digits (d + 8);
  nik->birth_year = two_digits (d + 10);
  nik->serial = (guint) g_ascii_strtoull (d + 12, NULL, 10);
  nik->sex = day_field > 40 ? PST_SEX_FEMALE : PST_SEX_MALE;
  nik->birth_day = day_field > 40 ? day_field - 40 : day_field;

  if (!pst_nik_province_is_valid (nik->province))
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_NIK_REGION,
                           _("The first two digits of a NIK are a province code, and these "
                             "are not one; check the number on the ID card"));
      return FALSE;
    }

  if (nik->regency == 0 || nik->district == 0)
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_NIK_REGION,
                           _("Digits 3 to 6 of a NIK are the regency and district codes "
                             "and cannot be 00; check the number on the ID card"));
      return FALSE;
    }

  if (nik->birth_month < 1 || nik->birth_month > 12 ||
      nik->birth_day < 1 || nik->birth_day > 31 ||
      nik->birth_day > days_in_month (nik->birth_month, nik->birth_year))
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_NIK_DATE,
                           /* Translators: DDMMYY is the order day, month, year. */
                           _("Digits 7 to 12 of a NIK are the date of birth (DDMMYY, with "
                             "40 added to the day for women), and this is not a valid "
                             "date; check the number on the ID card"));
      return FALSE;
    }

  if (nik->serial == 0)
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_NIK_SERIAL,
                           _("The last four digits of a NIK cannot be 0000; check the "
                             "number on the ID card"));
      return FALSE;
    }

  return TRUE;
}

static char *
ascii_strip_dup (const char *input)
{
  const char *start = input;
  const char *end;

  while (g_ascii_isspace (*start))
    start++;

  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  return g_strndup (start, (gsize) (end - start));
}

static gboolean
email_check_local (const char *local,
                   gsize       len,
                   GError    **error)
{
  gboolean ok = len > 0 && local[0] != '.' && local[len - 1] != '.';

  for (gsize i = 0; ok && i < len; i++)
    {
      char c = local[i];

      if (c == '.')
        ok = local[i + 1] != '.';
      else
        ok = g_ascii_isalnum (c) || strchr (email_atext, c) != NULL;
    }

  if (!ok)
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_EMAIL,
                           _("The name before the @ is missing or not valid; check for "
                             "misplaced dots or characters that are not allowed"));
      return FALSE;
    }

  if (len > EMAIL_LOCAL_MAX)
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_TOO_LONG,
                           _("The part of an email address before the @ has at most 64 "
                             "characters"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
domain_label_is_valid (const char *label,
                       gsize       len)
{
  if (len == 0 || len > DOMAIN_LABEL_MAX)
    return FALSE;
  if (label[0] == '-' || label[len - 1] == '-')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (label[i]) && label[i] != '-')
        return FALSE;
    }

  return TRUE;
}

static gboolean
domain_tld_is_valid (const char *label,
                     gsize       len)
{
  if (len < 2)
    return FALSE;
  if (len > 4 && g_ascii_strncasecmp (label, "xn--", 4) == 0)
    return TRUE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalpha (label[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
email_check_domain (const char *domain,
                    GError    **error)
{
  guint n_labels = 0;
  const char *label = domain;
  gsize len = 0;
  gboolean ok = TRUE;

  for (;;)
    {
      const char *dot = strchr (label, '.');

      len = dot != NULL ? (gsize) (dot - label) : strlen (label);
      ok = domain_label_is_valid (label, len);
      n_labels++;

      if (!ok || dot == NULL)
        break;
      label = dot + 1;
    }

  /* Here @label is the top-level label. */
  if (!ok || n_labels < 2 || !domain_tld_is_valid (label, len))
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_EMAIL,
                           _("The domain after the @ is not valid; it looks like "
                             "bps.go.id or gmail.com"));
      return FALSE;
    }

  return TRUE;
}

static char *
normalize_id_characters (const char *id_number)
{
  GString *normalized = g_string_new (NULL);

  for (const char *p = id_number; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (normalized, g_ascii_toupper (*p));
    }

  return g_string_free (normalized, FALSE);
}

/* Normal form of a text field: NFC, surrounding whitespace removed and,
 * for a single line, every run of whitespace made one space; a multi-line
 * text keeps its line breaks (as \n) and turns tabs into spaces. Other
 * control characters and invalid UTF-8 are refused.
 */
static char *
normalize_text (const char *value,
                gboolean    multiline,
                GError    **error)
{
  g_autofree char *nfc = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  if (value == NULL)
    return g_strdup ("");

  if (!g_utf8_validate (value, -1, NULL) ||
      (nfc = g_utf8_normalize (value, -1, G_NORMALIZE_DEFAULT_COMPOSE)) == NULL)
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_INVALID_TEXT,
                           _("The text contains characters that are not allowed; type it "
                             "again"));
      return NULL;
    }

  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (multiline && (c == '\n' || c == '\r'))
        {
          /* \r\n and a lone \r become one \n. */
          if (c == '\r' && p[1] == '\n')
            continue;
          g_string_append_c (out, '\n');
          pending_space = FALSE;
        }
      else if (g_unichar_isspace (c))
        {
          if (!multiline)
            pending_space = out->len > 0;
          else
            g_string_append_c (out, ' ');
        }
      else if (g_unichar_iscntrl (c))
        {
          g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_INVALID_TEXT,
                               _("The text contains characters that are not allowed; type "
                                 "it again"));
          return NULL;
        }
      else
        {
          if (pending_space)
            g_string_append_c (out, ' ');
          pending_space = FALSE;
          g_string_append_unichar (out, c);
        }
    }

  return g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
}

typedef struct
{
  const char *field;
  gboolean    required;
  gboolean    multiline;
  guint       max_chars;
} TextRule;

static gboolean
set_required_error (const char  *field,
                    GError     **error)
{
  const char *message = NULL;

  if (g_str_equal (field, "name"))
    message = _("Enter the visitor’s name");
  else if (g_str_equal (field, "purpose"))
    message = _("Enter the purpose of the visit");
  else
    g_assert_not_reached ();

  g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_REQUIRED, message);
  return FALSE;
}

static gboolean
set_too_long_error (const char  *field,
                    guint        max_chars,
                    GError     **error)
{
  GQuark domain = PST_VALIDATION_ERROR;
  int code = PST_VALIDATION_ERROR_TOO_LONG;

  if (g_str_equal (field, "name"))
    g_set_error (error, domain, code, _("A name has at most %u characters"), max_chars);
  else if (g_str_equal (field, "institution"))
    g_set_error (error, domain, code, _("An institution’s name has at most %u characters"),
                 max_chars);
  else if (g_str_equal (field, "occupation"))
    g_set_error (error, domain, code, _("An occupation has at most %u characters"), max_chars);
  else if (g_str_equal (field, "purpose"))
    g_set_error (error, domain, code, _("The purpose of the visit has at most %u characters"),
                 max_chars);
  else
    g_assert_not_reached ();

  return FALSE;
}

static gboolean
validate_text (const TextRule  *rule,
               const char      *value,
               char           **out_normalized,
               GError         **error)
{
  g_autofree char *normalized = normalize_text (value, rule->multiline, error);

  if (normalized == NULL)
    return FALSE;

  if (normalized[0] == '\0')
    {
      if (rule->required)
        return set_required_error (rule->field, error);

      if (out_normalized != NULL)
        *out_normalized = NULL;
      return TRUE;
    }

  if (g_utf8_strlen (normalized, -1) > (glong) rule->max_chars)
    return set_too_long_error (rule->field, rule->max_chars, error);

  if (out_normalized != NULL)
    *out_normalized = g_steal_pointer (&normalized);
  return TRUE;
}

static char *
validate_other_id_number (const char  *value,
                          GError     **error)
{
  g_autofree char *normalized = NULL;

  if (is_blank (value))
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_REQUIRED,
                           _("Enter the number of the ID card"));
      return NULL;
    }

  /* Separators people type (spaces, dots, hyphens, slashes) are dropped;
   * anything else that is not a letter or digit is a typing mistake.
   */
  for (const char *p = value; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && !g_ascii_isspace (*p) && strchr (".-/", *p) == NULL)
        {
          g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_ID_NUMBER,
                               _("An ID number has 3 to 32 letters and digits"));
          return NULL;
        }
    }

  normalized = normalize_id_characters (value);
  if (strlen (normalized) < ID_NUMBER_MIN || strlen (normalized) > ID_NUMBER_MAX)
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_ID_NUMBER,
                           _("An ID number has 3 to 32 letters and digits"));
      return NULL;
    }

  return g_steal_pointer (&normalized);
}

static char *
validate_id_type (const char  *value,
                  GError     **error)
{
  PstIdType id_type;

  if (!pst_id_type_from_string (value, &id_type))
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR,
                           is_blank (value) ? PST_VALIDATION_ERROR_REQUIRED
                                            : PST_VALIDATION_ERROR_ID_TYPE,
                           _("Choose the type of ID: KTP, SIM, passport or other"));
      return NULL;
    }

  return g_strdup (pst_id_type_to_string (id_type));
}

PstNik *
pst_nik_parse (const char  *input,
               GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autoptr(PstNik) nik = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_blank (input))
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_REQUIRED,
                           _("Enter the 16-digit NIK"));
      return NULL;
    }

  if (!nik_collect_digits (input, digits))
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_NIK_FORMAT,
                           _("A NIK has only digits; remove letters and other characters"));
      return NULL;
    }

  if (digits->len != PST_NIK_LENGTH)
    {
      g_set_error (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_NIK_FORMAT,
                   /* Translators: %u is how many digits were typed. */
                   _("A NIK has 16 digits, not %u"), (guint) digits->len);
      return NULL;
    }

  nik = g_new0 (PstNik, 1);
  memcpy (nik->digits, digits->str, PST_NIK_LENGTH + 1);
  if (!nik_check_parts (nik, error))
    return NULL;

  return g_steal_pointer (&nik);
}

PstNik *
pst_nik_copy (const PstNik *nik)
{
  g_return_val_if_fail (nik != NULL, NULL);

  return g_memdup2 (nik, sizeof *nik);
}

void
pst_nik_free (PstNik *nik)
{
  g_free (nik);
}

gboolean
pst_nik_province_is_valid (guint province)
{
  for (guint i = 0; i < G_N_ELEMENTS (province_codes); i++)
    {
      if (province_codes[i] == province)
        return TRUE;
    }

  return FALSE;
}

gboolean
pst_validate_nik (const char  *nik,
                  GError     **error)
{
  g_autoptr(PstNik) parsed = pst_nik_parse (nik, error);

  return parsed != NULL;
}

/* Returns the 16 digits of a valid NIK, or NULL with @error set. */
char *
pst_normalize_nik (const char  *input,
                   GError     **error)
{
  g_autoptr(PstNik) parsed = pst_nik_parse (input, error);

  if (parsed == NULL)
    return NULL;

  return g_strdup (parsed->digits);
}

gboolean
pst_validate_email (const char  *email,
                    GError     **error)
{
  g_autofree char *normalized = pst_normalize_email (email, error);

  return normalized != NULL;
}

char *
pst_normalize_email (const char  *input,
                     GError     **error)
{
  g_autofree char *email = NULL;
  g_autofree char *domain = NULL;
  const char *at;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_blank (input))
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_REQUIRED,
                           _("Enter an email address"));
      return NULL;
    }

  email = ascii_strip_dup (input);

  if (strlen (email) > EMAIL_MAX)
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_TOO_LONG,
                           _("An email address has at most 254 characters"));
      return NULL;
    }

  for (const char *p = email; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_EMAIL,
                               _("An email address cannot contain spaces"));
          return NULL;
        }
    }

  at = strchr (email, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_EMAIL,
                           _("An email address has exactly one @, like nama@bps.go.id"));
      return NULL;
    }

  if (!email_check_local (email, (gsize) (at - email), error) ||
      !email_check_domain (at + 1, error))
    return NULL;

  domain = g_ascii_strdown (at + 1, -1);
  return g_strdup_printf ("%.*s@%s", (int) (at - email), email, domain);
}

char *
pst_normalize_phone (const char  *input,
                     GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean international = FALSE;
  const char *nsn;
  gsize len;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_blank (input))
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_REQUIRED,
                           _("Enter a phone number"));
      return NULL;
    }

  for (const char *p = input; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == '+' && digits->len == 0 && !international)
        international = TRUE;
      else if (!g_ascii_isspace (*p) && strchr ("-.()", *p) == NULL)
        {
          g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_PHONE,
                               _("A phone number has only digits, spaces, hyphens, dots, "
                                 "parentheses and a + at the start"));
          return NULL;
        }
    }

  /* 00 is the international prefix dialled from Indonesia. */
  if (!international && g_str_has_prefix (digits->str, "00"))
    {
      international = TRUE;
      g_string_erase (digits, 0, 2);
    }

  if (international && !g_str_has_prefix (digits->str, "62"))
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_PHONE_COUNTRY,
                           _("Only Indonesian phone numbers (+62) are accepted"));
      return NULL;
    }

  if (g_str_has_prefix (digits->str, "62"))
    nsn = digits->str + 2;
  else if (digits->str[0] == '0')
    nsn = digits->str + 1;
  else
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_PHONE,
                           _("Start the phone number with 0 or +62, like 0812 3456 7890"));
      return NULL;
    }

  if (nsn[0] == '0')
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_PHONE,
                           _("After +62 or the first 0 a phone number cannot start with "
                             "another 0"));
      return NULL;
    }

  len = strlen (nsn);
  if (nsn[0] == '8' && (len < MOBILE_NSN_MIN || len > PHONE_NSN_MAX))
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_PHONE,
                           _("A mobile number has 10 to 13 digits, counting the first 0"));
      return NULL;
    }
  if (len < PHONE_NSN_MIN || len > PHONE_NSN_MAX)
    {
      g_set_error_literal (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_PHONE,
                           _("A landline number has 9 to 13 digits, counting the first 0 "
                             "and the area code"));
      return NULL;
    }

  return g_strconcat ("+62", nsn, NULL);
}

char *
pst_normalize_id_number (const char *id_number)
{
  g_return_val_if_fail (id_number != NULL, NULL);

  return normalize_id_characters (id_number);
}

/* For example "3201011203900001" becomes "************0001". */
char *
pst_mask_id_number (const char *id_number)
{
  g_autofree char *normalized = NULL;
  gsize len;
  char *masked;

  g_return_val_if_fail (id_number != NULL, NULL);

  normalized = normalize_id_characters (id_number);
  len = strlen (normalized);
  masked = g_strdup (normalized);
  memset (masked, '*', len >= 8 ? len - 4 : len);

  return masked;
}

/* The lowercase hex HMAC-SHA256 of the normalized number under the
 * office's @key: the same number gives the same hash with the same key,
 * so a returning visitor is recognized without storing the number.
 */
char *
pst_hash_id_number (const char *id_number,
                    GBytes     *key)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GBytes) data = NULL;

  g_return_val_if_fail (id_number != NULL, NULL);
  g_return_val_if_fail (key != NULL && g_bytes_get_size (key) > 0, NULL);

  normalized = normalize_id_characters (id_number);
  data = g_bytes_new (normalized, strlen (normalized));

  return g_compute_hmac_for_bytes (G_CHECKSUM_SHA256, key, data);
}

gboolean
pst_validate_guest_book_field (const char  *field,
                               const char  *value,
                               PstIdType    id_type,
                               char       **out_normalized,
                               GError     **error)
{
  static const TextRule text_rules[] = {
    { "name", TRUE, FALSE, PST_GUEST_BOOK_NAME_MAX },
    { "institution", FALSE, FALSE, PST_GUEST_BOOK_INSTITUTION_MAX },
    { "occupation", FALSE, FALSE, PST_GUEST_BOOK_OCCUPATION_MAX },
    { "purpose", TRUE, TRUE, PST_GUEST_BOOK_PURPOSE_MAX },
  };
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail ((guint) id_type < PST_N_ID_TYPES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (text_rules); i++)
    {
      if (g_str_equal (field, text_rules[i].field))
        return validate_text (&text_rules[i], value, out_normalized, error);
    }

  if (g_str_equal (field, "id_type"))
    normalized = validate_id_type (value, error);
  else if (g_str_equal (field, "id_number") && id_type == PST_ID_TYPE_KTP)
    normalized = pst_normalize_nik (value, error);
  else if (g_str_equal (field, "id_number"))
    normalized = validate_other_id_number (value, error);
  else if (g_str_equal (field, "email"))
    normalized = pst_normalize_email (value, error);
  else if (g_str_equal (field, "phone"))
    {
      if (is_blank (value))
        {
          if (out_normalized != NULL)
            *out_normalized = NULL;
          return TRUE;
        }
      normalized = pst_normalize_phone (value, error);
    }
  else
    {
      g_set_error (error, PST_VALIDATION_ERROR, PST_VALIDATION_ERROR_UNKNOWN_FIELD,
                   _("The guest book has no field “%s”"), field);
      return FALSE;
    }

  if (normalized == NULL)
    return FALSE;

  if (out_normalized != NULL)
    *out_normalized = g_steal_pointer (&normalized);
  return TRUE;
}

/* Whether @url is an absolute http or https address with a host, as the
 * address of a pst-server must be.
 */
gboolean
pst_is_server_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  /* g_uri_parse() lets a space through into the host. */
  if (url == NULL || strpbrk (url, " \t\r\n") != NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && *host != '\0';
}
