/* pst-thread-view.h: one consultation's conversation, its requester and its actions.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pst-consultation-item.h"
#include "pst-context.h"

G_BEGIN_DECLS

#define PST_TYPE_THREAD_VIEW (pst_thread_view_get_type ())

G_DECLARE_FINAL_TYPE (PstThreadView, pst_thread_view, PST, THREAD_VIEW, AdwBin)

GtkWidget           *pst_thread_view_new              (PstContext          *context);
PstConsultationItem *pst_thread_view_get_item         (PstThreadView       *self);
void                 pst_thread_view_set_item         (PstThreadView       *self,
                                                       PstConsultationItem *item);
/* Whether the back button (to the list, in a narrow window) shows. */
void                 pst_thread_view_set_show_back    (PstThreadView       *self,
                                                       gboolean             show_back);
/* Redraws the countdown badge; returns as pst_consultation_badge_show(). */
gint64               pst_thread_view_update_badge     (PstThreadView       *self,
                                                       gint64               now_us);
/* Puts the keyboard focus in the composer. */
void                 pst_thread_view_focus_composer   (PstThreadView       *self);

G_END_DECLS
