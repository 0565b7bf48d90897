/* pst-rate-limit.c: slowing down password guessing.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-rate-limit.h"

/* Failed logins are counted per key (a username, or a client address) in
 * a sliding window; a key with `max_failures` failures inside the window
 * is blocked until the oldest of them leaves it. A success resets the
 * username's key. State is in memory: a restart forgives, which is fine
 * for a limit measured in minutes. The workers of a server
 * (pst-server.c) share one PstRateLimit, so the limit holds whichever
 * worker a login reaches; a mutex guards it.
 */

typedef struct
{
  GArray *failures;  /* gint64 instants, oldest first */
} Entry;

struct _PstRateLimit
{
  GMutex      lock;
  PstClock   *clock;
  guint       max_failures;
  gint64      window_us;
  GHashTable *entries;  /* key → Entry* */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_array_unref (entry->failures);
  g_free (entry);
}

PstRateLimit *
pst_rate_limit_new (PstClock *clock,
                    guint     max_failures,
                    gint64    window_us)
{
  PstRateLimit *self;

  g_return_val_if_fail (PST_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (max_failures > 0, NULL);

  self = g_new0 (PstRateLimit, 1);
  g_mutex_init (&self->lock);
  self->clock = g_object_ref (clock);
  self->max_failures = max_failures;
  self->window_us = window_us;
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);

  return self;
}

void
pst_rate_limit_free (PstRateLimit *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->clock);
  g_hash_table_unref (self->entries);
  g_mutex_clear (&self->lock);
  g_free (self);
}

static void
forget_old (PstRateLimit *self,
            Entry        *entry,
            gint64        now)
{
  guint keep_from = 0;

  while (keep_from < entry->failures->len &&
         g_array_index (entry->failures, gint64, keep_from) <= now - self->window_us)
    keep_from++;

  if (keep_from > 0)
    g_array_remove_range (entry->failures, 0, keep_from);
}

gboolean
pst_rate_limit_is_blocked (PstRateLimit *self,
                           const char   *key,
                           gint64       *out_retry_after_us)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 now;
  Entry *entry;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  entry = g_hash_table_lookup (self->entries, key);
  if (entry == NULL)
    return FALSE;

  now = pst_clock_get_now (self->clock);
  forget_old (self, entry, now);

  if (entry->failures->len < self->max_failures)
    return FALSE;

  if (out_retry_after_us != NULL)
    {
      gint64 oldest = g_array_index (entry->failures, gint64,
                                     entry->failures->len - self->max_failures);
      *out_retry_after_us = oldest + self->window_us - now;
    }

  return TRUE;
}

void
pst_rate_limit_add_failure (PstRateLimit *self,
                            const char   *key)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 now;
  Entry *entry;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  locker = g_mutex_locker_new (&self->lock);
  now = pst_clock_get_now (self->clock);
  entry = g_hash_table_lookup (self->entries, key);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->failures = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (self->entries, g_strdup (key), entry);
    }

  forget_old (self, entry, now);
  g_array_append_val (entry->failures, now);
  /* Only the newest max_failures matter; drop the rest. */
  if (entry->failures->len > self->max_failures)
    g_array_remove_range (entry->failures, 0, entry->failures->len - self->max_failures);
}

void
pst_rate_limit_reset (PstRateLimit *self,
                      const char   *key)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->entries, key);
  g_mutex_unlock (&self->lock);
}
