/* pst-consultation-item.h: one consultation thread in the app's list models.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pst-core.h"

G_BEGIN_DECLS

/* What an officer does to a consultation (besides writing in it). The
 * JSON bodies are API.md's: assign `{officer, note?}`, close
 * `{resolution}`, follow-up `{mode, at, link?}`; claim and reopen take none.
 */
typedef enum
{
  PST_CONSULTATION_ACTION_CLAIM,
  PST_CONSULTATION_ACTION_ASSIGN,
  PST_CONSULTATION_ACTION_CLOSE,
  PST_CONSULTATION_ACTION_REOPEN,
  PST_CONSULTATION_ACTION_FOLLOW_UP,
} PstConsultationAction;

#define PST_TYPE_CONSULTATION_ITEM (pst_consultation_item_get_type ())

G_DECLARE_FINAL_TYPE (PstConsultationItem, pst_consultation_item, PST, CONSULTATION_ITEM, GObject)

/* The item between the model and a row: the consultation as the server
 * (or the outbox, while pending) last described it, without its messages
 * (PstSync keeps those per thread), plus what the desk knows on its own:
 * the last message's text, whether the officer has read the latest
 * requester message, whether an action of this officer is pending.
 * Setting a newer description notifies each property that changed.
 */
PstConsultationItem   *pst_consultation_item_new             (const PstConsultation *consultation);
const PstConsultation *pst_consultation_item_get_consultation (PstConsultationItem   *self);
void                   pst_consultation_item_set_consultation (PstConsultationItem   *self,
                                                               const PstConsultation *consultation);
const char            *pst_consultation_item_get_id          (PstConsultationItem   *self);
PstConsultationStatus  pst_consultation_item_get_status      (PstConsultationItem   *self);
const char            *pst_consultation_item_get_assignee    (PstConsultationItem   *self);
/* The first-response due instant, PST_TIME_UNSET when none. */
gint64                 pst_consultation_item_get_due         (PstConsultationItem   *self);
const char            *pst_consultation_item_get_last_message (PstConsultationItem  *self);
void                   pst_consultation_item_set_last_message (PstConsultationItem  *self,
                                                               const char            *text);
gboolean               pst_consultation_item_get_unread      (PstConsultationItem   *self);
void                   pst_consultation_item_set_unread      (PstConsultationItem   *self,
                                                              gboolean               unread);
gboolean               pst_consultation_item_get_pending     (PstConsultationItem   *self);
void                   pst_consultation_item_set_pending     (PstConsultationItem   *self,
                                                              gboolean               pending);

G_END_DECLS
