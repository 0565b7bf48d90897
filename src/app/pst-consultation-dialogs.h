/* pst-consultation-dialogs.h: closing, following up and reassigning a consultation.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-consultation-item.h"
#include "pst-context.h"

G_BEGIN_DECLS

/* Each presents a modal dialog over @parent that asks what the action
 * needs and, when confirmed, hands the action to the sync engine (the
 * outbox: it shows at once and reaches the server when it can). The
 * reassign dialog loads the office's officers first, so it needs the
 * connection.
 */
void pst_consultation_close_dialog_present     (PstContext          *context,
                                                GtkWindow           *parent,
                                                PstConsultationItem *item);
void pst_consultation_follow_up_dialog_present (PstContext          *context,
                                                GtkWindow           *parent,
                                                PstConsultationItem *item);
void pst_consultation_reassign_dialog_present  (PstContext          *context,
                                                GtkWindow           *parent,
                                                PstConsultationItem *item);

G_END_DECLS
