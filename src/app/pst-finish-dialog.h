/* pst-finish-dialog.h: finishing a walk-in visit with its topic and outcome.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_FINISH_DIALOG (pst_finish_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PstFinishDialog, pst_finish_dialog, PST, FINISH_DIALOG, AdwWindow)

GtkWidget *pst_finish_dialog_new (PstContext    *context,
                                  PstTicketItem *ticket);

G_END_DECLS
