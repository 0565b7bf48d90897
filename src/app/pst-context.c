/* pst-context.c: the app-wide services, handed to every part of the UI.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-context.h"

struct _PstContext
{
  GObject parent_instance;

  GSettings *settings;
  PstClock  *clock;
  PstSync   *sync;
};

G_DEFINE_FINAL_TYPE (PstContext, pst_context, G_TYPE_OBJECT)

static void
pst_context_finalize (GObject *object)
{
  PstContext *self = (PstContext *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->clock);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (pst_context_parent_class)->finalize (object);
}

static void
pst_context_class_init (PstContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pst_context_finalize;
}

static void
pst_context_init (PstContext *self)
{
}

PstContext *
pst_context_new (GSettings *settings,
                 PstClock  *clock,
                 PstSync   *sync)
{
  PstContext *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (PST_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (PST_IS_SYNC (sync), NULL);

  self = g_object_new (PST_TYPE_CONTEXT, NULL);
  self->settings = g_object_ref (settings);
  self->clock = g_object_ref (clock);
  self->sync = g_object_ref (sync);

  return self;
}

GSettings *
pst_context_get_settings (PstContext *self)
{
  g_return_val_if_fail (PST_IS_CONTEXT (self), NULL);

  return self->settings;
}

PstClock *
pst_context_get_clock (PstContext *self)
{
  g_return_val_if_fail (PST_IS_CONTEXT (self), NULL);

  return self->clock;
}

PstSync *
pst_context_get_sync (PstContext *self)
{
  g_return_val_if_fail (PST_IS_CONTEXT (self), NULL);

  return self->sync;
}
