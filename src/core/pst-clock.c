/* pst-clock.c: where "now" comes from, so tests can fix it.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-clock.h"

/* A clock is either the system's real-time clock or a fixed instant that
 * only moves when told to. Code that needs "now" takes a PstClock instead
 * of calling g_get_real_time(), so every deadline rule can be tested at an
 * exact moment. Setting a fixed clock emits `changed`.
 */
struct _PstClock
{
  GObject parent_instance;

  gboolean fixed;
  gint64 now_us;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PstClock, pst_clock, G_TYPE_OBJECT)

static void
pst_clock_class_init (PstClockClass *klass)
{
  /**
   * PstClock::changed:
   *
   * Emitted when a fixed clock is set or advanced.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
pst_clock_init (PstClock *self)
{
}

PstClock *
pst_clock_new_system (void)
{
  return g_object_new (PST_TYPE_CLOCK, NULL);
}

PstClock *
pst_clock_new_fixed (gint64 now_us)
{
  PstClock *self = g_object_new (PST_TYPE_CLOCK, NULL);

  self->fixed = TRUE;
  self->now_us = now_us;

  return self;
}

gint64
pst_clock_get_now (PstClock *self)
{
  g_return_val_if_fail (PST_IS_CLOCK (self), 0);

  if (self->fixed)
    return self->now_us;

  return g_get_real_time ();
}

gboolean
pst_clock_is_fixed (PstClock *self)
{
  g_return_val_if_fail (PST_IS_CLOCK (self), FALSE);

  return self->fixed;
}

void
pst_clock_set_now (PstClock *self,
                   gint64    now_us)
{
  g_return_if_fail (PST_IS_CLOCK (self));
  g_return_if_fail (self->fixed);

  if (self->now_us == now_us)
    return;

  self->now_us = now_us;
  g_signal_emit (self, signals[CHANGED], 0);
}

void
pst_clock_advance (PstClock *self,
                   gint64    delta_us)
{
  g_return_if_fail (PST_IS_CLOCK (self));
  g_return_if_fail (self->fixed);

  pst_clock_set_now (self, self->now_us + delta_us);
}
