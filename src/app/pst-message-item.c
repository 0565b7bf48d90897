/* pst-message-item.c: one message of a consultation thread in a list model.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-message-item.h"

struct _PstMessageItem
{
  GObject parent_instance;

  PstMessage *message;
  gboolean    pending;
};

enum {
  PROP_0,
  PROP_MESSAGE,
  PROP_ID,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (PstMessageItem, pst_message_item, G_TYPE_OBJECT)

static void
pst_message_item_finalize (GObject *object)
{
  PstMessageItem *self = (PstMessageItem *) object;

  g_clear_pointer (&self->message, pst_message_free);

  G_OBJECT_CLASS (pst_message_item_parent_class)->finalize (object);
}

static void
pst_message_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PstMessageItem *self = PST_MESSAGE_ITEM (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_boxed (value, self->message);
      break;
    case PROP_ID:
      g_value_set_string (value, self->message->id);
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pst_message_item_class_init (PstMessageItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pst_message_item_finalize;
  object_class->get_property = pst_message_item_get_property;

  props[PROP_MESSAGE] = g_param_spec_boxed ("message", NULL, NULL, PST_TYPE_MESSAGE,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_PENDING] = g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
pst_message_item_init (PstMessageItem *self)
{
}

PstMessageItem *
pst_message_item_new (const PstMessage *message,
                      gboolean          pending)
{
  PstMessageItem *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (PST_TYPE_MESSAGE_ITEM, NULL);
  self->message = pst_message_copy (message);
  self->pending = !!pending;

  return self;
}

const PstMessage *
pst_message_item_get_message (PstMessageItem *self)
{
  g_return_val_if_fail (PST_IS_MESSAGE_ITEM (self), NULL);

  return self->message;
}

void
pst_message_item_set_message (PstMessageItem   *self,
                              const PstMessage *message)
{
  g_autoptr(PstMessage) old = NULL;

  g_return_if_fail (PST_IS_MESSAGE_ITEM (self));
  g_return_if_fail (message != NULL);

  if (pst_message_equal (self->message, message))
    return;

  old = g_steal_pointer (&self->message);
  self->message = pst_message_copy (message);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (old->id, message->id) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MESSAGE]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
pst_message_item_get_id (PstMessageItem *self)
{
  g_return_val_if_fail (PST_IS_MESSAGE_ITEM (self), NULL);

  return self->message->id;
}

gboolean
pst_message_item_get_pending (PstMessageItem *self)
{
  g_return_val_if_fail (PST_IS_MESSAGE_ITEM (self), FALSE);

  return self->pending;
}

void
pst_message_item_set_pending (PstMessageItem *self,
                              gboolean        pending)
{
  g_return_if_fail (PST_IS_MESSAGE_ITEM (self));

  pending = !!pending;
  if (self->pending == pending)
    return;

  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PENDING]);
}
