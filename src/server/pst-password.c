/* pst-password.c: password hashes and bearer tokens.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>

#include "pst-error.h"
#include "pst-i18n.h"
#include "pst-password.h"

/* Passwords are hashed with argon2id (libsodium's crypto_pwhash_str_alg,
 * interactive limits: 64 MiB, 2 passes), each with its own salt inside the
 * encoded string. Tokens are 32 random bytes, given to the client once in
 * base64url and stored only as their SHA-256, so a copy of the database
 * does not let anyone in.
 */

#define TOKEN_BYTES 32

gboolean
pst_password_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, PST_ERROR, PST_ERROR_FAILED,
                           _("The cryptography library could not start"));
      return FALSE;
    }

  return TRUE;
}

char *
pst_password_hash (const char *password,
                   GError    **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);

  if (crypto_pwhash_str_alg (hash, password, strlen (password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, PST_ERROR, PST_ERROR_FAILED,
                           _("Out of memory while hashing a password"));
      return NULL;
    }

  return g_strdup (hash);
}

gboolean
pst_password_verify (const char *hash,
                     const char *password)
{
  g_return_val_if_fail (password != NULL, FALSE);

  if (hash == NULL || strlen (hash) >= crypto_pwhash_STRBYTES)
    return FALSE;

  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

char *
pst_token_generate (void)
{
  guint8 bytes[TOKEN_BYTES];
  char encoded[sodium_base64_ENCODED_LEN (TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (encoded, sizeof encoded, bytes, sizeof bytes,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);

  return g_strdup (encoded);
}

char *
pst_token_hash (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/* An opaque, unguessable id such as `tkt_3b1f…`: 12 random bytes in hex
 * after a short prefix that says what it names.
 */
char *
pst_random_id (const char *prefix)
{
  guint8 bytes[12];
  char hex[sizeof bytes * 2 + 1];

  g_return_val_if_fail (prefix != NULL, NULL);

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (hex, sizeof hex, bytes, sizeof bytes);

  return g_strconcat (prefix, "_", hex, NULL);
}
