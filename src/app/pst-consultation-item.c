/* pst-consultation-item.c: one consultation thread in the app's list models.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-consultation-item.h"

struct _PstConsultationItem
{
  GObject parent_instance;

  PstConsultation *consultation;
  char            *last_message;
  gboolean         unread;
  gboolean         pending;
};

enum {
  PROP_0,
  PROP_CONSULTATION,
  PROP_ID,
  PROP_STATUS,
  PROP_ASSIGNEE,
  PROP_DUE,
  PROP_LAST_MESSAGE,
  PROP_UNREAD,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (PstConsultationItem, pst_consultation_item, G_TYPE_OBJECT)

static gint64
due_of (const PstConsultation *consultation)
{
  return consultation->sla != NULL ? consultation->sla->first_response_due : PST_TIME_UNSET;
}

static void
pst_consultation_item_finalize (GObject *object)
{
  PstConsultationItem *self = (PstConsultationItem *) object;

  g_clear_pointer (&self->consultation, pst_consultation_free);
  g_clear_pointer (&self->last_message, g_free);

  G_OBJECT_CLASS (pst_consultation_item_parent_class)->finalize (object);
}

static void
pst_consultation_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PstConsultationItem *self = PST_CONSULTATION_ITEM (object);

  switch (prop_id)
    {
    case PROP_CONSULTATION:
      g_value_set_boxed (value, self->consultation);
      break;
    case PROP_ID:
      g_value_set_string (value, self->consultation->id);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->consultation->status);
      break;
    case PROP_ASSIGNEE:
      g_value_set_string (value, self->consultation->assignee);
      break;
    case PROP_DUE:
      g_value_set_int64 (value, due_of (self->consultation));
      break;
    case PROP_LAST_MESSAGE:
      g_value_set_string (value, self->last_message);
      break;
    case PROP_UNREAD:
      g_value_set_boolean (value, self->unread);
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pst_consultation_item_class_init (PstConsultationItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pst_consultation_item_finalize;
  object_class->get_property = pst_consultation_item_get_property;

  props[PROP_CONSULTATION] = g_param_spec_boxed ("consultation", NULL, NULL,
                                                 PST_TYPE_CONSULTATION,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0,
                                         PST_CONSULTATION_STATUS_CLOSED, 0,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_ASSIGNEE] = g_param_spec_string ("assignee", NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_DUE] = g_param_spec_int64 ("due", NULL, NULL, G_MININT64, G_MAXINT64,
                                        PST_TIME_UNSET,
                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_LAST_MESSAGE] = g_param_spec_string ("last-message", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_UNREAD] = g_param_spec_boolean ("unread", NULL, NULL, FALSE,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_PENDING] = g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
pst_consultation_item_init (PstConsultationItem *self)
{
}

PstConsultationItem *
pst_consultation_item_new (const PstConsultation *consultation)
{
  PstConsultationItem *self;

  g_return_val_if_fail (consultation != NULL, NULL);

  self = g_object_new (PST_TYPE_CONSULTATION_ITEM, NULL);
  self->consultation = pst_consultation_copy (consultation);
  g_clear_pointer (&self->consultation->messages, g_ptr_array_unref);

  return self;
}

const PstConsultation *
pst_consultation_item_get_consultation (PstConsultationItem *self)
{
  g_return_val_if_fail (PST_IS_CONSULTATION_ITEM (self), NULL);

  return self->consultation;
}

/* Replaces the consultation with a newer description (its messages, if
 * any, are not kept) and notifies what changed, and `consultation` itself
 * when anything did.
 */
void
pst_consultation_item_set_consultation (PstConsultationItem   *self,
                                        const PstConsultation *consultation)
{
  g_autoptr(PstConsultation) old = NULL;
  g_autoptr(PstConsultation) copy = NULL;

  g_return_if_fail (PST_IS_CONSULTATION_ITEM (self));
  g_return_if_fail (consultation != NULL);

  copy = pst_consultation_copy (consultation);
  g_clear_pointer (&copy->messages, g_ptr_array_unref);
  if (pst_consultation_equal (self->consultation, copy))
    return;

  old = g_steal_pointer (&self->consultation);
  self->consultation = g_steal_pointer (&copy);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (old->id, self->consultation->id) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ID]);
  if (old->status != self->consultation->status)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STATUS]);
  if (g_strcmp0 (old->assignee, self->consultation->assignee) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ASSIGNEE]);
  if (due_of (old) != due_of (self->consultation))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DUE]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CONSULTATION]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
pst_consultation_item_get_id (PstConsultationItem *self)
{
  g_return_val_if_fail (PST_IS_CONSULTATION_ITEM (self), NULL);

  return self->consultation->id;
}

PstConsultationStatus
pst_consultation_item_get_status (PstConsultationItem *self)
{
  g_return_val_if_fail (PST_IS_CONSULTATION_ITEM (self), PST_CONSULTATION_STATUS_OPEN);

  return self->consultation->status;
}

const char *
pst_consultation_item_get_assignee (PstConsultationItem *self)
{
  g_return_val_if_fail (PST_IS_CONSULTATION_ITEM (self), NULL);

  return self->consultation->assignee;
}

gint64
pst_consultation_item_get_due (PstConsultationItem *self)
{
  g_return_val_if_fail (PST_IS_CONSULTATION_ITEM (self), PST_TIME_UNSET);

  return due_of (self->consultation);
}

const char *
pst_consultation_item_get_last_message (PstConsultationItem *self)
{
  g_return_val_if_fail (PST_IS_CONSULTATION_ITEM (self), NULL);

  return self->last_message;
}

void
pst_consultation_item_set_last_message (PstConsultationItem *self,
                                        const char          *text)
{
  g_return_if_fail (PST_IS_CONSULTATION_ITEM (self));

  if (g_strcmp0 (self->last_message, text) == 0)
    return;

  g_free (self->last_message);
  self->last_message = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LAST_MESSAGE]);
}

gboolean
pst_consultation_item_get_unread (PstConsultationItem *self)
{
  g_return_val_if_fail (PST_IS_CONSULTATION_ITEM (self), FALSE);

  return self->unread;
}

void
pst_consultation_item_set_unread (PstConsultationItem *self,
                                  gboolean             unread)
{
  g_return_if_fail (PST_IS_CONSULTATION_ITEM (self));

  unread = !!unread;
  if (self->unread == unread)
    return;

  self->unread = unread;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_UNREAD]);
}

gboolean
pst_consultation_item_get_pending (PstConsultationItem *self)
{
  g_return_val_if_fail (PST_IS_CONSULTATION_ITEM (self), FALSE);

  return self->pending;
}

void
pst_consultation_item_set_pending (PstConsultationItem *self,
                                   gboolean             pending)
{
  g_return_if_fail (PST_IS_CONSULTATION_ITEM (self));

  pending = !!pending;
  if (self->pending == pending)
    return;

  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PENDING]);
}
