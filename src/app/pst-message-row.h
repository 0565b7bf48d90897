/* pst-message-row.h: one message of a consultation thread, as a chat bubble.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"
#include "pst-message-item.h"

G_BEGIN_DECLS

#define PST_TYPE_MESSAGE_ROW (pst_message_row_get_type ())

G_DECLARE_FINAL_TYPE (PstMessageRow, pst_message_row, PST, MESSAGE_ROW, GtkListBoxRow)

/* @requester_name names the requester's bubbles. */
GtkWidget *pst_message_row_new (PstContext     *context,
                                PstMessageItem *item,
                                const char     *requester_name);

G_END_DECLS
