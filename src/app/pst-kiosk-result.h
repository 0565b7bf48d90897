/* pst-kiosk-result.h: one knowledge-base search result on the kiosk.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PST_TYPE_KIOSK_RESULT (pst_kiosk_result_get_type ())

G_DECLARE_FINAL_TYPE (PstKioskResult, pst_kiosk_result, PST, KIOSK_RESULT, GObject)

PstKioskResult *pst_kiosk_result_new_from_json  (JsonObject     *item);
const char     *pst_kiosk_result_get_id         (PstKioskResult *self);
const char     *pst_kiosk_result_get_title      (PstKioskResult *self);
const char     *pst_kiosk_result_get_snippet    (PstKioskResult *self);

G_END_DECLS
