/* pst-kiosk-guest-book.h: the guest book form, sized for a touch screen.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PST_TYPE_KIOSK_GUEST_BOOK (pst_kiosk_guest_book_get_type ())

G_DECLARE_FINAL_TYPE (PstKioskGuestBook, pst_kiosk_guest_book, PST, KIOSK_GUEST_BOOK, AdwBin)

GtkWidget *pst_kiosk_guest_book_new          (void);
void       pst_kiosk_guest_book_clear        (PstKioskGuestBook *self);
gboolean   pst_kiosk_guest_book_is_empty     (PstKioskGuestBook *self);
void       pst_kiosk_guest_book_update_texts (PstKioskGuestBook *self);
JsonNode  *pst_kiosk_guest_book_to_json      (PstKioskGuestBook *self);

G_END_DECLS
