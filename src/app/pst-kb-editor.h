/* pst-kb-editor.h: writing and changing a knowledge-base article.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_KB_EDITOR (pst_kb_editor_get_type ())

G_DECLARE_FINAL_TYPE (PstKbEditor, pst_kb_editor, PST, KB_EDITOR, AdwWindow)

/* A modal window over @parent to write a new article (@article NULL: for
 * the supervisor's office, or national for an administrator) or change
 * @article. It checks the server's rules as the fields are filled and
 * shows the server's refusals next to the field at fault; nothing typed is
 * lost. Signal `saved (const char *id)` is emitted when the server has
 * accepted the article; the window then closes.
 */
PstKbEditor *pst_kb_editor_new (PstContext         *context,
                                GtkWindow          *parent,
                                const PstKbArticle *article);

G_END_DECLS
