/* pst-locale.h: answering each request in the language it asks for.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pst-enums.h"

G_BEGIN_DECLS

/* Messages are localized with gettext under the request's own thread
 * locale (uselocale()), so concurrent requests in different languages do
 * not disturb each other or the process locale.
 */
typedef struct _PstLocaleScope PstLocaleScope;

void            pst_locale_init                  (const char     *localedir);
PstLang         pst_lang_from_accept_language    (const char     *header);
PstLocaleScope *pst_locale_scope_enter           (PstLang         lang);
void            pst_locale_scope_leave           (PstLocaleScope *scope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstLocaleScope, pst_locale_scope_leave)

G_END_DECLS
