/* pst-metrics.c: counters for /metrics in Prometheus text format.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-metrics.h"

/* Upper bounds of the latency histogram's buckets, in microseconds. */
static const gint64 bucket_bounds_us[] = {
  250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000, 2500000,
};

#define N_BUCKETS G_N_ELEMENTS (bucket_bounds_us)

/* Every worker of a server (pst-server.c) counts into the same PstMetrics,
 * so /metrics covers the whole process whichever worker answers it; a
 * mutex guards the counters.
 */
struct _PstMetrics
{
  GMutex      lock;
  GHashTable *requests;            /* route → (status → guint64*) */
  guint64     buckets[N_BUCKETS];  /* cumulative counts are computed at render */
  guint64     observations;
  gint64      duration_sum_us;
  guint       websocket_clients;
  guint64     events;
  guint64     events_sent;
};

PstMetrics *
pst_metrics_new (void)
{
  PstMetrics *self = g_new0 (PstMetrics, 1);

  g_mutex_init (&self->lock);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_hash_table_unref);

  return self;
}

void
pst_metrics_free (PstMetrics *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->requests);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
pst_metrics_observe_request (PstMetrics *self,
                             const char *route,
                             guint       status,
                             gint64      duration_us)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GHashTable *by_status;
  guint64 *count;

  g_return_if_fail (self != NULL);

  /* Counted on every request: two lookups, no allocation once seen. */
  if (route == NULL)
    route = "unmatched";
  locker = g_mutex_locker_new (&self->lock);
  by_status = g_hash_table_lookup (self->requests, route);
  if (by_status == NULL)
    {
      by_status = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
      g_hash_table_insert (self->requests, g_strdup (route), by_status);
    }
  count = g_hash_table_lookup (by_status, GUINT_TO_POINTER (status));
  if (count == NULL)
    {
      count = g_new0 (guint64, 1);
      g_hash_table_insert (by_status, GUINT_TO_POINTER (status), count);
    }
  (*count)++;

  for (guint i = 0; i < N_BUCKETS; i++)
    {
      if (duration_us <= bucket_bounds_us[i])
        {
          self->buckets[i]++;
          break;
        }
    }
  self->observations++;
  self->duration_sum_us += duration_us;
}

void
pst_metrics_set_websocket_clients (PstMetrics *self,
                                   guint       clients)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  self->websocket_clients = clients;
  g_mutex_unlock (&self->lock);
}

/* Each worker's event hub adds and removes its own clients. */
void
pst_metrics_add_websocket_clients (PstMetrics *self,
                                   int         delta)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  if (delta < 0 && self->websocket_clients < (guint) -delta)
    self->websocket_clients = 0;
  else
    self->websocket_clients += delta;
  g_mutex_unlock (&self->lock);
}

void
pst_metrics_add_events (PstMetrics *self,
                        guint64     events)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  self->events += events;
  g_mutex_unlock (&self->lock);
}

void
pst_metrics_add_events_sent (PstMetrics *self,
                             guint64     frames)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  self->events_sent += frames;
  g_mutex_unlock (&self->lock);
}

/* Escapes a label value as the text format wants: backslash, quote and
 * newline.
 */
static void
append_label_value (GString    *out,
                    const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static int
compare_statuses (gconstpointer a,
                  gconstpointer b)
{
  guint sa = GPOINTER_TO_UINT (*(const gpointer *) a);
  guint sb = GPOINTER_TO_UINT (*(const gpointer *) b);

  return (sa > sb) - (sa < sb);
}

char *
pst_metrics_render (PstMetrics *self)
{
  GString *out = g_string_new (NULL);
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;
  guint64 cumulative = 0;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);

  g_string_append (out,
                   "# HELP pst_http_requests_total HTTP requests answered, by route and status.\n"
                   "# TYPE pst_http_requests_total counter\n");
  keys = g_hash_table_get_keys_as_array (self->requests, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      const char *route = keys[i];
      GHashTable *by_status = g_hash_table_lookup (self->requests, route);
      g_autofree gpointer *statuses = NULL;
      guint n_statuses = 0;

      statuses = g_hash_table_get_keys_as_array (by_status, &n_statuses);
      qsort (statuses, n_statuses, sizeof (gpointer), compare_statuses);
      for (guint j = 0; j < n_statuses; j++)
        {
          guint64 *count = g_hash_table_lookup (by_status, statuses[j]);

          g_string_append (out, "pst_http_requests_total{route=\"");
          append_label_value (out, route);
          g_string_append_printf (out, "\",status=\"%u\"} %" G_GUINT64_FORMAT "\n",
                                  GPOINTER_TO_UINT (statuses[j]), *count);
        }
    }

  g_string_append (out,
                   "# HELP pst_http_request_duration_seconds Time to answer an HTTP request.\n"
                   "# TYPE pst_http_request_duration_seconds histogram\n");
  for (guint i = 0; i < N_BUCKETS; i++)
    {
      cumulative += self->buckets[i];
      g_ascii_formatd (buf, sizeof buf, "%g", bucket_bounds_us[i] / 1e6);
      g_string_append_printf (out,
                              "pst_http_request_duration_seconds_bucket{le=\"%s\"} %" G_GUINT64_FORMAT "\n",
                              buf, cumulative);
    }
  g_string_append_printf (out,
                          "pst_http_request_duration_seconds_bucket{le=\"+Inf\"} %" G_GUINT64_FORMAT "\n",
                          self->observations);
  g_ascii_formatd (buf, sizeof buf, "%.6f", self->duration_sum_us / 1e6);
  g_string_append_printf (out, "pst_http_request_duration_seconds_sum %s\n", buf);
  g_string_append_printf (out, "pst_http_request_duration_seconds_count %" G_GUINT64_FORMAT "\n",
                          self->observations);

  g_string_append_printf (out,
                          "# HELP pst_websocket_clients Connected WebSocket event clients.\n"
                          "# TYPE pst_websocket_clients gauge\n"
                          "pst_websocket_clients %u\n"
                          "# HELP pst_events_total Events appended to the event log.\n"
                          "# TYPE pst_events_total counter\n"
                          "pst_events_total %" G_GUINT64_FORMAT "\n"
                          "# HELP pst_event_frames_sent_total Event frames sent to WebSocket clients.\n"
                          "# TYPE pst_event_frames_sent_total counter\n"
                          "pst_event_frames_sent_total %" G_GUINT64_FORMAT "\n",
                          self->websocket_clients, self->events, self->events_sent);

  return g_string_free (out, FALSE);
}
