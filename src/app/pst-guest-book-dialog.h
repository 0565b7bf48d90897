/* pst-guest-book-dialog.h: the walk-in guest book form.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_GUEST_BOOK_DIALOG (pst_guest_book_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PstGuestBookDialog, pst_guest_book_dialog, PST, GUEST_BOOK_DIALOG, AdwWindow)

GtkWidget *pst_guest_book_dialog_new_for_ticket (PstContext    *context,
                                                 PstTicketItem *ticket);
GtkWidget *pst_guest_book_dialog_new_for_issue  (PstContext    *context,
                                                 PstService     service);

G_END_DECLS
