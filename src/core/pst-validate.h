/* pst-validate.h: checks and normal forms of what visitors type in.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pst-enums.h"

G_BEGIN_DECLS

#define PST_VALIDATION_ERROR (pst_validation_error_quark ())

/* Why a value was refused. Every message is localized and tells the person
 * what to fix; none of them repeats the value (it may be personal data).
 * The checks below take NULL or blank input as missing (REQUIRED).
 */
typedef enum
{
  PST_VALIDATION_ERROR_REQUIRED,
  PST_VALIDATION_ERROR_TOO_LONG,
  PST_VALIDATION_ERROR_INVALID_TEXT,
  PST_VALIDATION_ERROR_NIK_FORMAT,
  PST_VALIDATION_ERROR_NIK_REGION,
  PST_VALIDATION_ERROR_NIK_DATE,
  PST_VALIDATION_ERROR_NIK_SERIAL,
  PST_VALIDATION_ERROR_ID_TYPE,
  PST_VALIDATION_ERROR_ID_NUMBER,
  PST_VALIDATION_ERROR_EMAIL,
  PST_VALIDATION_ERROR_PHONE,
  PST_VALIDATION_ERROR_PHONE_COUNTRY,
  PST_VALIDATION_ERROR_SCORE,
  PST_VALIDATION_ERROR_UNKNOWN_FIELD,
} PstValidationError;

GQuark pst_validation_error_quark (void);

/* NIK, the 16-digit national ID number: PP KK CC DDMMYY SSSS (province,
 * regency/city, district, date of birth with 40 added to the day for
 * women, serial). Spaces, dots and hyphens anywhere are ignored, so
 * "3201 0112 0390 0001" and "32.01.01.120390.0001" are accepted; any other
 * character is refused. PP must be a Kemendagri province code: 11–19, 21,
 * 31–36, 51–53, 61–65, 71–76, 81–82, 91–96 (91 Papua, 92 Papua Barat and
 * the provinces of 2022: 93 Papua Selatan, 94 Papua Tengah, 95 Papua
 * Pegunungan, 96 Papua Barat Daya). KK and CC are not 00, SSSS not 0000.
 * The century of the birth year is not in a NIK, so 29 February is
 * accepted whenever YY is a multiple of 4.
 */
#define PST_NIK_LENGTH 16

typedef enum
{
  PST_SEX_MALE,
  PST_SEX_FEMALE,
} PstSex;

typedef struct
{
  char   digits[PST_NIK_LENGTH + 1];  /* the normalized NIK */
  guint  province;
  guint  regency;
  guint  district;
  guint  birth_day;                   /* 1–31, without the 40 for women */
  guint  birth_month;                 /* 1–12 */
  guint  birth_year;                  /* the last two digits, 0–99 */
  PstSex sex;
  guint  serial;
} PstNik;

PstNik   *pst_nik_parse              (const char   *input,
                                      GError      **error);
PstNik   *pst_nik_copy               (const PstNik *nik);
void      pst_nik_free               (PstNik       *nik);
gboolean  pst_nik_province_is_valid  (guint         province);
gboolean  pst_validate_nik           (const char   *nik,
                                      GError      **error);
char     *pst_normalize_nik          (const char   *input,
                                      GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstNik, pst_nik_free)

/* Email: local@domain.tld in plain ASCII, at most 254 characters and 64
 * before the @; the local part is dot-separated atoms of RFC 5322 (no
 * quoted strings), the domain at least two labels of letters, digits and
 * inner hyphens, with an alphabetic (or xn--) top-level label. Whitespace
 * around the address is ignored; normalizing lower-cases the domain only.
 */
gboolean  pst_validate_email         (const char   *email,
                                      GError      **error);
char     *pst_normalize_email        (const char   *input,
                                      GError      **error);

/* Indonesian phone numbers to E.164 ("+62…"). Spaces, hyphens, dots and
 * parentheses are ignored; the number starts with the trunk 0, with +62,
 * 62 or 0062. A number without one of those is refused rather than
 * guessed (a landline typed without its area code would otherwise become
 * another city's number). The national number after the prefix does not
 * start with 0 and has 8–12 digits, 9–12 for mobiles (8…).
 */
char     *pst_normalize_phone        (const char   *input,
                                      GError      **error);

/* ID numbers are stored masked plus a keyed hash for de-duplication;
 * both work on the normalized number (ASCII letters and digits only,
 * upper-cased). Masking keeps the last 4 characters of numbers of 8 or
 * more characters and hides shorter ones entirely.
 */
char     *pst_normalize_id_number    (const char   *id_number);
char     *pst_mask_id_number         (const char   *id_number);
char     *pst_hash_id_number         (const char   *id_number,
                                      GBytes       *key);

/* The guest book's fields by their API names: "name" (required, ≤ 200
 * characters), "id_type" (a wire name of PstIdType), "id_number" (NIK
 * rules for a KTP, otherwise 3–32 letters and digits), "email" (required),
 * "phone" (optional), "institution" (optional, ≤ 200), "occupation"
 * (optional, ≤ 100) and "purpose" (required, ≤ 1000, may have several
 * lines). On success *out_normalized (if not NULL) gets the normal form,
 * or NULL for an optional field left empty.
 */
#define PST_GUEST_BOOK_NAME_MAX        200
#define PST_GUEST_BOOK_INSTITUTION_MAX 200
#define PST_GUEST_BOOK_OCCUPATION_MAX  100
#define PST_GUEST_BOOK_PURPOSE_MAX     1000

gboolean  pst_validate_guest_book_field (const char  *field,
                                         const char  *value,
                                         PstIdType    id_type,
                                         char       **out_normalized,
                                         GError     **error);

gboolean pst_is_server_url (const char *url);

G_END_DECLS
