/* pst-consultations-page.h: the online consultation threads and their conversations.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_CONSULTATIONS_PAGE (pst_consultations_page_get_type ())

G_DECLARE_FINAL_TYPE (PstConsultationsPage, pst_consultations_page, PST, CONSULTATIONS_PAGE, AdwBin)

GtkWidget *pst_consultations_page_new (PstContext *context);

G_END_DECLS
