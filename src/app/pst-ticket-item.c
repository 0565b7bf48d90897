/* pst-ticket-item.c: one queue ticket in the app's list models.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-ticket-item.h"

struct _PstTicketItem
{
  GObject parent_instance;

  PstTicket *ticket;
  gboolean   pending;
};

enum {
  PROP_0,
  PROP_TICKET,
  PROP_ID,
  PROP_NUMBER,
  PROP_SERVICE,
  PROP_STATUS,
  PROP_WAIT_DUE,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (PstTicketItem, pst_ticket_item, G_TYPE_OBJECT)

static void
pst_ticket_item_finalize (GObject *object)
{
  PstTicketItem *self = (PstTicketItem *) object;

  g_clear_pointer (&self->ticket, pst_ticket_free);

  G_OBJECT_CLASS (pst_ticket_item_parent_class)->finalize (object);
}

static void
pst_ticket_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PstTicketItem *self = PST_TICKET_ITEM (object);

  switch (prop_id)
    {
    case PROP_TICKET:
      g_value_set_boxed (value, self->ticket);
      break;
    case PROP_ID:
      g_value_set_string (value, self->ticket->id);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->ticket->number);
      break;
    case PROP_SERVICE:
      g_value_set_int (value, self->ticket->service);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->ticket->status);
      break;
    case PROP_WAIT_DUE:
      g_value_set_int64 (value, self->ticket->wait_due);
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pst_ticket_item_class_init (PstTicketItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pst_ticket_item_finalize;
  object_class->get_property = pst_ticket_item_get_property;

  props[PROP_TICKET] = g_param_spec_boxed ("ticket", NULL, NULL, PST_TYPE_TICKET,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_NUMBER] = g_param_spec_string ("number", NULL, NULL, NULL,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_SERVICE] = g_param_spec_int ("service", NULL, NULL, 0, PST_N_SERVICES - 1, 0,
                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, PST_N_TICKET_STATUSES - 1, 0,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_WAIT_DUE] = g_param_spec_int64 ("wait-due", NULL, NULL,
                                             G_MININT64, G_MAXINT64, PST_TIME_UNSET,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_PENDING] = g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
pst_ticket_item_init (PstTicketItem *self)
{
}

PstTicketItem *
pst_ticket_item_new (const PstTicket *ticket)
{
  PstTicketItem *self;

  g_return_val_if_fail (ticket != NULL, NULL);

  self = g_object_new (PST_TYPE_TICKET_ITEM, NULL);
  self->ticket = pst_ticket_copy (ticket);

  return self;
}

const PstTicket *
pst_ticket_item_get_ticket (PstTicketItem *self)
{
  g_return_val_if_fail (PST_IS_TICKET_ITEM (self), NULL);

  return self->ticket;
}

/* Replaces the ticket with a newer description and notifies what changed
 * (and `ticket` itself when anything did).
 */
void
pst_ticket_item_set_ticket (PstTicketItem   *self,
                            const PstTicket *ticket)
{
  g_autoptr(PstTicket) old = NULL;

  g_return_if_fail (PST_IS_TICKET_ITEM (self));
  g_return_if_fail (ticket != NULL);

  if (pst_ticket_equal (self->ticket, ticket))
    return;

  old = g_steal_pointer (&self->ticket);
  self->ticket = pst_ticket_copy (ticket);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (old->id, ticket->id) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ID]);
  if (g_strcmp0 (old->number, ticket->number) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_NUMBER]);
  if (old->service != ticket->service)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SERVICE]);
  if (old->status != ticket->status)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STATUS]);
  if (old->wait_due != ticket->wait_due)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_WAIT_DUE]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_TICKET]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
pst_ticket_item_get_id (PstTicketItem *self)
{
  g_return_val_if_fail (PST_IS_TICKET_ITEM (self), NULL);

  return self->ticket->id;
}

const char *
pst_ticket_item_get_number (PstTicketItem *self)
{
  g_return_val_if_fail (PST_IS_TICKET_ITEM (self), NULL);

  return self->ticket->number;
}

PstService
pst_ticket_item_get_service (PstTicketItem *self)
{
  g_return_val_if_fail (PST_IS_TICKET_ITEM (self), PST_SERVICE_CONSULTATION);

  return self->ticket->service;
}

PstTicketStatus
pst_ticket_item_get_status (PstTicketItem *self)
{
  g_return_val_if_fail (PST_IS_TICKET_ITEM (self), PST_TICKET_STATUS_WAITING);

  return self->ticket->status;
}

gint64
pst_ticket_item_get_wait_due (PstTicketItem *self)
{
  g_return_val_if_fail (PST_IS_TICKET_ITEM (self), PST_TIME_UNSET);

  return self->ticket->wait_due;
}

gboolean
pst_ticket_item_get_pending (PstTicketItem *self)
{
  g_return_val_if_fail (PST_IS_TICKET_ITEM (self), FALSE);

  return self->pending;
}

/* Marks the ticket as changed here but not yet confirmed by the server. */
void
pst_ticket_item_set_pending (PstTicketItem *self,
                             gboolean       pending)
{
  g_return_if_fail (PST_IS_TICKET_ITEM (self));

  pending = !!pending;
  if (self->pending == pending)
    return;

  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PENDING]);
}
