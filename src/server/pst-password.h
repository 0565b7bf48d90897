/* pst-password.h: password hashes and bearer tokens.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  pst_password_init     (GError    **error);
char     *pst_password_hash     (const char *password,
                                 GError    **error);
gboolean  pst_password_verify   (const char *hash,
                                 const char *password);
char     *pst_token_generate    (void);
char     *pst_token_hash        (const char *token);

G_END_DECLS

G_BEGIN_DECLS

char *pst_random_id (const char *prefix);

G_END_DECLS
