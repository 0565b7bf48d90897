/* pst-message-item.h: one message of a consultation thread in a list model.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pst-core.h"

G_BEGIN_DECLS

#define PST_TYPE_MESSAGE_ITEM (pst_message_item_get_type ())

G_DECLARE_FINAL_TYPE (PstMessageItem, pst_message_item, PST, MESSAGE_ITEM, GObject)

/* A message as the server described it, or one written at this desk that
 * waits in the outbox (`pending`, with a local id until the server has
 * it; the same item then takes the server's description).
 */
PstMessageItem   *pst_message_item_new         (const PstMessage *message,
                                                gboolean          pending);
const PstMessage *pst_message_item_get_message (PstMessageItem   *self);
void              pst_message_item_set_message (PstMessageItem   *self,
                                                const PstMessage *message);
const char       *pst_message_item_get_id      (PstMessageItem   *self);
gboolean          pst_message_item_get_pending (PstMessageItem   *self);
void              pst_message_item_set_pending (PstMessageItem   *self,
                                                gboolean          pending);

G_END_DECLS
