/* pst-queue-page.c: the live walk-in queue.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-queue-page.h"

#include "pst-finish-dialog.h"
#include "pst-format.h"
#include "pst-guest-book-dialog.h"
#include "pst-i18n.h"
#include "pst-ticket-row.h"

/* The page shows today's tickets of the office in five groups — waiting,
 * called, being served, no-show, done (with the transferred ones) — each a
 * GtkListView over a GtkSortListModel over a GtkFilterListModel over the
 * sync engine's ticket model. Items change in place; the page watches each
 * item and tells the filters (when its status changed) or the group's
 * sorter (when its place in the group did), so a row moves to its new
 * group as soon as the item changes, whoever changed it.
 *
 * Once a second (while the page is on screen) the page recomputes the wait
 * clocks of the waiting tickets with the core's rule, the header's figures
 * and the officer's own visitor, and redraws the clocks of the rows that
 * are bound; no list is rebuilt for that.
 *
 * Every ticket action goes through the page's "queue.ticket-action" action
 * (the rows and toasts activate it), which opens the finish, transfer and
 * guest book dialogs or hands the action to the sync engine. Where the
 * office's flow puts the guest book decides when it is offered: before
 * the ticket is issued (before_queue), when the ticket is called
 * (front_office), or when serving starts (at_desk); it can always be
 * opened from a ticket's menu.
 */

typedef enum
{
  GROUP_WAITING,
  GROUP_CALLED,
  GROUP_SERVING,
  GROUP_NO_SHOW,
  GROUP_DONE,
  N_GROUPS
} Group;

/* One group of tickets and the widgets that show it. */
typedef struct
{
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkSortListModel   *model;
  GtkWidget          *view;
  GtkWidget          *stack;
  GtkWidget          *count_label;
  GtkListItemFactory *factory;
  guint               to_top_id;
} QueueGroup;

/* What the page last saw of a watched item, to tell what moved. */
typedef struct
{
  gulong          handler;
  PstTicketStatus status;
  gint64          sort_key;
} WatchedTicket;

struct _PstQueuePage
{
  AdwBin parent_instance;

  PstContext    *context;
  GListModel    *tickets;
  GHashTable    *watched;      /* PstTicketItem → WatchedTicket */
  GHashTable    *wait_dues;    /* PstTicketItem → gint64 *, waiting tickets */
  GHashTable    *heads;        /* PstTicketItem, the first waiting of each service */
  GPtrArray     *bound_rows;   /* PstTicketRow, not owned */
  PstTicketItem *my_ticket;
  GtkWidget     *card_row;
  GCancellable  *call_cancellable;
  gint64         not_online_since;   /* monotonic, 0 while online */
  guint          tick_id;
  guint          refresh_id;

  QueueGroup groups[N_GROUPS];

  GtkWidget *toast_overlay;
  GtkWidget *waiting_stat_label;
  GtkWidget *average_stat_label;
  GtkWidget *longest_stat_label;
  GtkWidget *target_stat_label;
  GtkWidget *call_button;
  GtkWidget *offline_revealer;
  GtkWidget *offline_label;
  GtkWidget *card_revealer;
  GtkWidget *card_bin;
  GtkWidget *board_stack;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (PstQueuePage, pst_queue_page, ADW_TYPE_BIN)

#define DEFAULT_WAIT_TARGET_MIN 10
#define OFFLINE_GRACE_US        (3 * G_USEC_PER_SEC)
#define CSS_RESOURCE "/id/go/bps/PstDesk/pst-queue-page.css"

static void schedule_refresh (PstQueuePage *self);

/* Groups, order and the office. */

static Group
group_of_status (PstTicketStatus status)
{
  switch (status)
    {
    case PST_TICKET_STATUS_WAITING:
      return GROUP_WAITING;
    case PST_TICKET_STATUS_CALLED:
      return GROUP_CALLED;
    case PST_TICKET_STATUS_SERVING:
      return GROUP_SERVING;
    case PST_TICKET_STATUS_NO_SHOW:
      return GROUP_NO_SHOW;
    case PST_TICKET_STATUS_DONE:
    case PST_TICKET_STATUS_TRANSFERRED:
    case PST_N_TICKET_STATUSES:
    default:
      return GROUP_DONE;
    }
}

/* The instant that orders a ticket within its group. */
static gint64
ticket_sort_key (const PstTicket *ticket)
{
  switch (group_of_status (ticket->status))
    {
    case GROUP_WAITING:
      return ticket->issued_at;
    case GROUP_CALLED:
    case GROUP_NO_SHOW:
      return ticket->called_at;
    case GROUP_SERVING:
      return ticket->started_at;
    case GROUP_DONE:
    case N_GROUPS:
    default:
      return ticket->finished_at;
    }
}

static gboolean
group_filter_func (gpointer item,
                   gpointer user_data)
{
  Group group = GPOINTER_TO_INT (user_data);

  return group_of_status (pst_ticket_item_get_status (item)) == group;
}

static int
compare_instants (gint64 a,
                  gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

/* Waiting, called and served tickets in the order they came (the line);
 * no-shows and finished tickets newest first.
 */
static int
group_sort_func (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  Group group = GPOINTER_TO_INT (user_data);
  const PstTicket *ta = pst_ticket_item_get_ticket ((PstTicketItem *) a);
  const PstTicket *tb = pst_ticket_item_get_ticket ((PstTicketItem *) b);
  int order = compare_instants (ticket_sort_key (ta), ticket_sort_key (tb));

  if (group == GROUP_NO_SHOW || group == GROUP_DONE)
    order = -order;
  if (order == 0)
    order = compare_instants (ta->issued_at, tb->issued_at);
  if (order == 0)
    order = g_strcmp0 (ta->number, tb->number);

  return order;
}

static const PstOffice *
get_office (PstQueuePage *self)
{
  return pst_sync_get_office (pst_context_get_sync (self->context));
}

static int
wait_target_minutes (PstQueuePage *self)
{
  const PstOffice *office = get_office (self);

  if (office != NULL && office->standard != NULL && office->standard->walkin_wait_min > 0)
    return office->standard->walkin_wait_min;

  return DEFAULT_WAIT_TARGET_MIN;
}

static PstGuestBookStage
guest_book_stage (PstQueuePage *self)
{
  const PstOffice *office = get_office (self);

  return office != NULL ? office->guest_book_stage : PST_GUEST_BOOK_FRONT_OFFICE;
}

static char *
my_desk (PstQueuePage *self)
{
  return g_strdup_printf ("%d", g_settings_get_int (pst_context_get_settings (self->context),
                                                    "desk"));
}

static gboolean
ticket_is_mine (PstQueuePage    *self,
                const PstTicket *ticket)
{
  const PstOfficer *me = pst_sync_get_officer (pst_context_get_sync (self->context));

  return me != NULL && me->id != NULL && g_strcmp0 (me->id, ticket->officer) == 0;
}

static PstTicketItem *
find_ticket (PstQueuePage *self,
             const char   *id)
{
  guint n = g_list_model_get_n_items (self->tickets);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PstTicketItem) item = g_list_model_get_item (self->tickets, i);

      if (g_strcmp0 (pst_ticket_item_get_id (item), id) == 0)
        return item;
    }

  return NULL;
}

/* The officer's own ticket in @status, the latest if there are several. */
static PstTicketItem *
find_my_ticket (PstQueuePage    *self,
                PstTicketStatus  status)
{
  PstTicketItem *found = NULL;
  gint64 found_key = G_MININT64;
  guint n = g_list_model_get_n_items (self->tickets);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PstTicketItem) item = g_list_model_get_item (self->tickets, i);
      const PstTicket *ticket = pst_ticket_item_get_ticket (item);

      if (ticket->status != status || !ticket_is_mine (self, ticket))
        continue;

      if (found == NULL || ticket_sort_key (ticket) >= found_key)
        {
          found = item;
          found_key = ticket_sort_key (ticket);
        }
    }

  return found;
}

/* Messages. */

static void
show_toast (PstQueuePage *self,
            const char   *title,
            const char   *button_label,
            const char   *ticket_id)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 6);
  if (button_label != NULL && ticket_id != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, "queue.ticket-action");
      adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", "guest_book", ticket_id));
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), toast);
}

static GtkWindow *
parent_window (PstQueuePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
present_window (PstQueuePage *self,
                GtkWidget    *window)
{
  gtk_window_set_transient_for (GTK_WINDOW (window), parent_window (self));
  gtk_window_present (GTK_WINDOW (window));
}

static void
open_guest_book (PstQueuePage  *self,
                 PstTicketItem *item)
{
  present_window (self, pst_guest_book_dialog_new_for_ticket (self->context, item));
}

static gboolean
has_guest_book (PstTicketItem *item)
{
  return pst_ticket_item_get_ticket (item)->guest_book != NULL;
}

/* The wait clocks: which waiting ticket heads its line and when each
 * waiting ticket is due, by the core's rule (the clock starts when the
 * visitor before it in the same queue left the desk, or at issue).
 */

typedef struct
{
  PstTicketItem *item;
  PstService     service;
  guint          seq;
} QueueEntry;

static int
compare_queue_entries (gconstpointer a,
                       gconstpointer b)
{
  const QueueEntry *ea = a;
  const QueueEntry *eb = b;

  if (ea->service != eb->service)
    return ea->service < eb->service ? -1 : 1;
  if (ea->seq != eb->seq)
    return ea->seq < eb->seq ? -1 : 1;

  return compare_instants (pst_ticket_item_get_ticket (ea->item)->issued_at,
                           pst_ticket_item_get_ticket (eb->item)->issued_at);
}

static gboolean
status_has_left (PstTicketStatus status)
{
  return status == PST_TICKET_STATUS_DONE || status == PST_TICKET_STATUS_NO_SHOW ||
         status == PST_TICKET_STATUS_TRANSFERRED;
}

static void
compute_waits (PstQueuePage *self)
{
  guint n = g_list_model_get_n_items (self->tickets);
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, FALSE, sizeof (QueueEntry), n);
  guint target = (guint) wait_target_minutes (self);
  gint64 previous_left = PST_TICKET_NO_TIME;
  gboolean headed[PST_N_SERVICES] = { FALSE, };

  g_hash_table_remove_all (self->wait_dues);
  g_hash_table_remove_all (self->heads);

  for (guint i = 0; i < n; i++)
    {
      QueueEntry entry;

      entry.item = g_list_model_get_item (self->tickets, i);
      g_object_unref (entry.item);   /* the model keeps it alive meanwhile */
      entry.service = pst_ticket_item_get_service (entry.item);
      if (!pst_ticket_parse_number (pst_ticket_item_get_number (entry.item), NULL, &entry.seq))
        entry.seq = G_MAXUINT;
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_queue_entries);

  for (guint i = 0; i < entries->len; i++)
    {
      QueueEntry *entry = &g_array_index (entries, QueueEntry, i);
      const PstTicket *ticket = pst_ticket_item_get_ticket (entry->item);
      gboolean has_previous = i > 0 &&
                              g_array_index (entries, QueueEntry, i - 1).service == entry->service;

      if (ticket->status == PST_TICKET_STATUS_WAITING)
        {
          gint64 start = pst_ticket_wait_start (ticket->issued_at, has_previous,
                                                has_previous ? previous_left : PST_TICKET_NO_TIME);
          gint64 due = pst_ticket_wait_due (start, target);

          g_hash_table_insert (self->wait_dues, entry->item, g_memdup2 (&due, sizeof due));

          if (!headed[entry->service])
            {
              g_hash_table_add (self->heads, entry->item);
              headed[entry->service] = TRUE;
            }
        }

      previous_left = status_has_left (ticket->status) ? ticket->finished_at : PST_TICKET_NO_TIME;
    }
}

static void
update_row_clock (PstQueuePage *self,
                  PstTicketRow *row,
                  gint64        now)
{
  PstTicketItem *item = pst_ticket_row_get_item (row);
  gint64 *due;

  if (item == NULL)
    return;

  due = g_hash_table_lookup (self->wait_dues, item);
  pst_ticket_row_update_clock (row, now, due != NULL ? *due : PST_TIME_UNSET,
                               g_hash_table_contains (self->heads, item));
}

/* The header. */

static void
set_stat (GtkWidget  *label,
          const char *text,
          gboolean    over_target)
{
  gtk_label_set_label (GTK_LABEL (label), text);
  if (over_target)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
}

static void
update_stats (PstQueuePage *self,
              gint64        now)
{
  guint n = g_list_model_get_n_items (self->tickets);
  gint64 target = wait_target_minutes (self) * PST_USEC_PER_MINUTE;
  gint64 total = 0, longest = -1;
  guint waiting = 0, called = 0;
  g_autofree char *waiting_text = NULL;
  g_autofree char *target_text = pst_format_duration (target);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PstTicketItem) item = g_list_model_get_item (self->tickets, i);
      const PstTicket *ticket = pst_ticket_item_get_ticket (item);
      gint64 wait;

      if (ticket->issued_at == PST_TIME_UNSET)
        continue;

      if (ticket->status == PST_TICKET_STATUS_WAITING)
        {
          waiting++;
          longest = MAX (longest, now - ticket->issued_at);
          continue;
        }

      if (ticket->called_at == PST_TIME_UNSET || ticket->called_at < ticket->issued_at)
        continue;

      wait = ticket->called_at - ticket->issued_at;
      total += wait;
      called++;
      longest = MAX (longest, wait);
    }

  waiting_text = g_strdup_printf ("%u", waiting);
  gtk_label_set_label (GTK_LABEL (self->waiting_stat_label), waiting_text);
  gtk_label_set_label (GTK_LABEL (self->target_stat_label), target_text);

  if (called > 0)
    {
      gint64 average = total / called;
      g_autofree char *text = pst_format_duration (average);

      set_stat (self->average_stat_label, text, average > target);
    }
  else
    {
      set_stat (self->average_stat_label, "–", FALSE);
    }

  if (longest >= 0)
    {
      g_autofree char *text = pst_format_duration (longest);

      set_stat (self->longest_stat_label, text, longest > target);
    }
  else
    {
      set_stat (self->longest_stat_label, "–", FALSE);
    }
}

static void
update_desk (PstQueuePage *self)
{
  g_autofree char *desk = my_desk (self);
  /* Translators: The tooltip of "Call next"; %s is the desk number. */
  g_autofree char *text = g_strdup_printf (_("Call the next waiting visitor to desk %s (Ctrl+N)"),
                                           desk);

  gtk_widget_set_tooltip_text (self->call_button, text);
}

/* The connection: an offline bar over the board, or a page instead of it
 * while there is nothing to show yet.
 */
static void
update_connection (PstQueuePage *self)
{
  PstSync *sync = pst_context_get_sync (self->context);
  PstConnectionState state = pst_sync_get_state (sync);
  gboolean logged_in = pst_sync_is_logged_in (sync);
  guint n = g_list_model_get_n_items (self->tickets);
  guint pending = pst_sync_get_pending_count (sync);
  gint64 now = g_get_monotonic_time ();
  gboolean disconnected;
  const char *page;

  /* Reconnecting for more than a moment is being offline for the officer. */
  if (state == PST_CONNECTION_ONLINE || !logged_in)
    self->not_online_since = 0;
  else if (self->not_online_since == 0)
    self->not_online_since = now;
  disconnected = state == PST_CONNECTION_OFFLINE ||
                 (self->not_online_since != 0 &&
                  now - self->not_online_since >= OFFLINE_GRACE_US);

  if (n > 0)
    page = "board";
  else if (state == PST_CONNECTION_OFFLINE)
    page = "offline";
  else if (!logged_in || get_office (self) == NULL || state == PST_CONNECTION_CONNECTING)
    page = "loading";
  else
    page = "empty";
  gtk_stack_set_visible_child_name (GTK_STACK (self->board_stack), page);

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->offline_revealer),
                                 disconnected && logged_in && n > 0);
  if (disconnected)
    {
      g_autofree char *text = NULL;

      if (pending > 0)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Not connected to the server. %u change is kept on "
                                             "this computer and sent when the connection returns; "
                                             "calling the next visitor needs the connection.",
                                             "Not connected to the server. %u changes are kept on "
                                             "this computer and sent when the connection returns; "
                                             "calling the next visitor needs the connection.",
                                             pending),
                                pending);
      else
        text = g_strdup (_("Not connected to the server. Changes are kept on this computer and "
                           "sent when the connection returns; calling the next visitor needs the "
                           "connection."));
      gtk_label_set_label (GTK_LABEL (self->offline_label), text);
    }
}

/* The officer's own visitor: the ticket being served at this officer's
 * desk, or else the one called to it, in the card above the board.
 */
static void
update_my_ticket (PstQueuePage *self)
{
  PstTicketItem *serving = find_my_ticket (self, PST_TICKET_STATUS_SERVING);
  PstTicketItem *called = find_my_ticket (self, PST_TICKET_STATUS_CALLED);
  PstTicketItem *mine = serving != NULL ? serving : called;

  gboolean shown = gtk_widget_get_mapped (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.start", shown && called != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.finish", shown && serving != NULL);

  if (g_set_object (&self->my_ticket, mine))
    {
      if (mine != NULL)
        pst_ticket_row_set_item (PST_TICKET_ROW (self->card_row), mine);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->card_revealer), mine != NULL);
    }
}

static void
update_groups (PstQueuePage *self)
{
  for (guint i = 0; i < N_GROUPS; i++)
    {
      QueueGroup *group = &self->groups[i];
      guint n = g_list_model_get_n_items (G_LIST_MODEL (group->model));
      g_autofree char *count = g_strdup_printf ("%u", n);

      gtk_label_set_label (GTK_LABEL (group->count_label), count);
      gtk_stack_set_visible_child_name (GTK_STACK (group->stack), n > 0 ? "list" : "empty");
    }
}

static void
update_actions (PstQueuePage *self)
{
  PstSync *sync = pst_context_get_sync (self->context);
  gboolean ready = pst_sync_is_logged_in (sync) && get_office (self) != NULL &&
                   gtk_widget_get_mapped (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.call-next",
                                 ready && self->call_cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.issue-ticket", ready);
}

/* Redraws what time moves: clocks, figures, the officer's visitor. */
static void
refresh (PstQueuePage *self)
{
  gint64 now = pst_clock_get_now (pst_context_get_clock (self->context));

  compute_waits (self);
  update_stats (self, now);
  update_my_ticket (self);
  update_groups (self);
  update_connection (self);
  update_actions (self);

  for (guint i = 0; i < self->bound_rows->len; i++)
    update_row_clock (self, g_ptr_array_index (self->bound_rows, i), now);

  if (self->my_ticket != NULL)
    update_row_clock (self, PST_TICKET_ROW (self->card_row), now);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  PstQueuePage *self = user_data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (PstQueuePage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static gboolean
tick_cb (gpointer user_data)
{
  refresh (user_data);

  return G_SOURCE_CONTINUE;
}

/* Watching the items: a ticket that changes status moves to another
 * group (the filters run again); one that keeps its status but changes
 * its place only reorders its group.
 */

static void
ticket_changed_cb (PstTicketItem *item,
                   GParamSpec    *pspec,
                   PstQueuePage  *self)
{
  WatchedTicket *watched = g_hash_table_lookup (self->watched, item);
  const PstTicket *ticket = pst_ticket_item_get_ticket (item);
  gint64 key = ticket_sort_key (ticket);

  g_assert (watched != NULL);

  if (watched->status != ticket->status)
    {
      watched->status = ticket->status;
      watched->sort_key = key;
      for (guint i = 0; i < N_GROUPS; i++)
        gtk_filter_changed (GTK_FILTER (self->groups[i].filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
  else if (watched->sort_key != key)
    {
      watched->sort_key = key;
      gtk_sorter_changed (GTK_SORTER (self->groups[group_of_status (ticket->status)].sorter),
                          GTK_SORTER_CHANGE_DIFFERENT);
    }

  schedule_refresh (self);
}

static void
unwatch (gpointer key,
         gpointer value,
         gpointer user_data)
{
  WatchedTicket *watched = value;

  g_signal_handler_disconnect (key, watched->handler);
}

static gboolean
unwatch_if_gone (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  GHashTable *present = user_data;

  if (g_hash_table_contains (present, key))
    return FALSE;

  unwatch (key, value, NULL);
  return TRUE;
}

static void
tickets_changed_cb (PstQueuePage *self)
{
  g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (self->tickets);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PstTicketItem) item = g_list_model_get_item (self->tickets, i);
      const PstTicket *ticket = pst_ticket_item_get_ticket (item);
      WatchedTicket *watched;

      g_hash_table_add (present, item);
      if (g_hash_table_contains (self->watched, item))
        continue;

      watched = g_new0 (WatchedTicket, 1);
      watched->status = ticket->status;
      watched->sort_key = ticket_sort_key (ticket);
      watched->handler = g_signal_connect (item, "notify::ticket",
                                           G_CALLBACK (ticket_changed_cb), self);
      g_hash_table_insert (self->watched, g_object_ref (item), watched);
    }

  g_hash_table_foreach_remove (self->watched, unwatch_if_gone, present);
  schedule_refresh (self);
}

/* The lists. */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PstQueuePage             *self)
{
  gtk_list_item_set_child (list_item, pst_ticket_row_new (self->context, FALSE));
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             PstQueuePage             *self)
{
  PstTicketRow *row = PST_TICKET_ROW (gtk_list_item_get_child (list_item));

  pst_ticket_row_set_item (row, gtk_list_item_get_item (list_item));
  g_ptr_array_add (self->bound_rows, row);
  update_row_clock (self, row, pst_clock_get_now (pst_context_get_clock (self->context)));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PstQueuePage             *self)
{
  PstTicketRow *row = PST_TICKET_ROW (gtk_list_item_get_child (list_item));

  g_ptr_array_remove_fast (self->bound_rows, row);
  pst_ticket_row_set_item (row, NULL);
}

static GtkAdjustment *
group_adjustment (QueueGroup *group)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (group->view));
}

static gboolean
group_to_top_cb (gpointer user_data)
{
  QueueGroup *group = user_data;

  group->to_top_id = 0;
  gtk_adjustment_set_value (group_adjustment (group), 0);

  return G_SOURCE_REMOVE;
}

/* A list scrolled to its top stays there when tickets arrive above the
 * first one (the newest first in the no-show and done groups), instead of
 * following the ticket that was first.
 */
static void
group_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        gpointer    user_data)
{
  PstQueuePage *self = user_data;
  QueueGroup *group = NULL;

  for (guint i = 0; i < N_GROUPS; i++)
    if (G_LIST_MODEL (self->groups[i].model) == model)
      group = &self->groups[i];
  g_assert (group != NULL);

  if (position == 0 && added > 0 && group->to_top_id == 0 &&
      gtk_adjustment_get_value (group_adjustment (group)) <= 1)
    group->to_top_id = g_idle_add (group_to_top_cb, group);

  schedule_refresh (self);
}

static void
setup_group (PstQueuePage *self,
             Group         group_id)
{
  QueueGroup *group = &self->groups[group_id];
  GtkFilterListModel *filtered;
  g_autoptr(GtkNoSelection) selection = NULL;

  group->filter = gtk_custom_filter_new (group_filter_func, GINT_TO_POINTER (group_id), NULL);
  group->sorter = gtk_custom_sorter_new (group_sort_func, GINT_TO_POINTER (group_id), NULL);

  filtered = gtk_filter_list_model_new (g_object_ref (self->tickets),
                                        g_object_ref (GTK_FILTER (group->filter)));
  group->model = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                          g_object_ref (GTK_SORTER (group->sorter)));
  g_signal_connect_object (group->model, "items-changed",
                           G_CALLBACK (group_items_changed_cb), self, 0);

  g_signal_connect (group->factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (group->factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (group->factory, "unbind", G_CALLBACK (unbind_row_cb), self);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (group->model)));
  gtk_list_view_set_model (GTK_LIST_VIEW (group->view), GTK_SELECTION_MODEL (selection));
}

/* Actions on one ticket. */

/* One response per service but @except, named by the service's wire
 * name: "Consultation (K)". Stacked responses show the last added on top,
 * so they are added from the last service up.
 */
static void
add_service_responses (AdwMessageDialog *dialog,
                       PstService        except)
{
  for (int i = PST_N_SERVICES - 1; i >= 0; i--)
    {
      g_autofree char *label = NULL;

      if ((PstService) i == except)
        continue;

      label = g_strdup_printf ("%s (%c)", pst_format_service (i), pst_service_ticket_prefix (i));
      adw_message_dialog_add_response (dialog, pst_service_to_string (i), label);
    }
}

static void
transfer_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      PstQueuePage     *self)
{
  PstTicketItem *item = g_object_get_data (G_OBJECT (dialog), "ticket");
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *text = NULL;
  PstService service;

  if (!pst_service_from_string (response, &service))
    return;

  if (!pst_ticket_action_is_allowed (pst_ticket_item_get_status (item),
                                     PST_TICKET_ACTION_TRANSFER))
    return;

  body = json_object_new ();
  json_object_set_string_member (body, "service", response);
  pst_sync_ticket_action (pst_context_get_sync (self->context), item,
                          PST_TICKET_ACTION_TRANSFER, body);

  /* Translators: "K-012 goes to the Library queue with a new number". */
  text = g_strdup_printf (_("%s goes to the %s queue with a new number"),
                          pst_ticket_item_get_number (item), pst_format_service (service));
  show_toast (self, text, NULL, NULL);
}

static void
ask_transfer (PstQueuePage  *self,
              PstTicketItem *item)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  /* Translators: The heading of the transfer dialog: "Transfer K-012". */
  heading = g_strdup_printf (_("Transfer %s"), pst_ticket_item_get_number (item));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading,
    _("Which service should the visitor go to? They get a number in that queue; "
      "this ticket keeps its history.")));

  adw_message_dialog_add_response (dialog, "cancel", _("Cancel"));
  add_service_responses (dialog, pst_ticket_item_get_service (item));
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "ticket", g_object_ref (item), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (transfer_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* After serving starts: the guest book if this office fills it in at the
 * desk, a reminder if it should have been filled in at the front office.
 */
static void
offer_guest_book_at_start (PstQueuePage  *self,
                           PstTicketItem *item)
{
  g_autofree char *text = NULL;

  if (has_guest_book (item))
    return;

  switch (guest_book_stage (self))
    {
    case PST_GUEST_BOOK_AT_DESK:
      open_guest_book (self, item);
      break;
    case PST_GUEST_BOOK_FRONT_OFFICE:
    case PST_GUEST_BOOK_BEFORE_QUEUE:
      /* Translators: "K-012 has no guest book entry yet". */
      text = g_strdup_printf (_("%s has no guest book entry yet"),
                              pst_ticket_item_get_number (item));
      show_toast (self, text, _("Fill In"), pst_ticket_item_get_id (item));
      break;
    case PST_N_GUEST_BOOK_STAGES:
    default:
      break;
    }
}

static void
run_ticket_action (PstQueuePage    *self,
                   PstTicketItem   *item,
                   PstTicketAction  action)
{
  PstSync *sync = pst_context_get_sync (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  PstTicketStatus to;

  if (!pst_ticket_transition (pst_ticket_item_get_status (item), action, &to, &error))
    {
      show_toast (self, error->message, NULL, NULL);
      return;
    }

  switch (action)
    {
    case PST_TICKET_ACTION_FINISH:
      present_window (self, pst_finish_dialog_new (self->context, item));
      break;

    case PST_TICKET_ACTION_TRANSFER:
      ask_transfer (self, item);
      break;

    case PST_TICKET_ACTION_START:
      pst_sync_ticket_action (sync, item, action, NULL);
      offer_guest_book_at_start (self, item);
      break;

    case PST_TICKET_ACTION_RECALL:
      {
        g_autofree char *desk = my_desk (self);

        /* Announced again at this desk (a no-show may come back to any desk). */
        body = json_object_new ();
        json_object_set_string_member (body, "desk", desk);
        pst_sync_ticket_action (sync, item, action, body);
      }
      break;

    case PST_TICKET_ACTION_NO_SHOW:
    case PST_TICKET_ACTION_REQUEUE:
      pst_sync_ticket_action (sync, item, action, NULL);
      break;

    case PST_TICKET_ACTION_CALL:
    case PST_N_TICKET_ACTIONS:
    default:
      g_return_if_reached ();
    }
}

static void
ticket_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PstQueuePage *self = PST_QUEUE_PAGE (widget);
  const char *what = NULL;
  const char *id = NULL;
  PstTicketItem *item;
  PstTicketAction action;

  g_variant_get (parameter, "(&s&s)", &what, &id);

  item = find_ticket (self, id);
  if (item == NULL)
    {
      show_toast (self, _("This ticket is no longer in today’s queue"), NULL, NULL);
      return;
    }

  if (g_str_equal (what, "guest_book"))
    {
      open_guest_book (self, item);
      return;
    }

  if (!pst_ticket_action_from_string (what, &action))
    g_return_if_reached ();

  run_ticket_action (self, item, action);
}

static void
start_mine_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PstQueuePage *self = PST_QUEUE_PAGE (widget);
  PstTicketItem *item = find_my_ticket (self, PST_TICKET_STATUS_CALLED);

  if (item != NULL)
    run_ticket_action (self, item, PST_TICKET_ACTION_START);
}

static void
finish_mine_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PstQueuePage *self = PST_QUEUE_PAGE (widget);
  PstTicketItem *item = find_my_ticket (self, PST_TICKET_STATUS_SERVING);

  if (item != NULL)
    run_ticket_action (self, item, PST_TICKET_ACTION_FINISH);
}

/* Calling the next visitor: the server decides who, so it needs the
 * connection.
 */

static void
call_next_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PstQueuePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PstTicketItem) item = NULL;
  g_autofree char *text = NULL;
  g_autofree char *desk = NULL;

  item = pst_sync_call_next_finish (PST_SYNC (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->call_cancellable);
  update_actions (self);

  if (g_error_matches (error, PST_SYNC_ERROR, PST_SYNC_ERROR_OFFLINE))
    {
      show_toast (self, _("Calling the next visitor needs a connection to the server"),
                  NULL, NULL);
      return;
    }

  if (error != NULL)
    {
      /* Translators: %s is the reason, from the server or the connection. */
      text = g_strdup_printf (_("Could not call the next visitor: %s"), error->message);
      show_toast (self, text, NULL, NULL);
      return;
    }

  if (item == NULL)
    {
      show_toast (self, _("Nobody is waiting"), NULL, NULL);
      return;
    }

  desk = my_desk (self);
  /* Translators: "K-012 called to desk 2". */
  text = g_strdup_printf (_("%s called to desk %s"), pst_ticket_item_get_number (item), desk);

  if (guest_book_stage (self) == PST_GUEST_BOOK_FRONT_OFFICE && !has_guest_book (item))
    show_toast (self, text, _("Fill In Guest Book"), pst_ticket_item_get_id (item));
  else
    show_toast (self, text, NULL, NULL);

  schedule_refresh (self);
}

static void
call_next_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PstQueuePage *self = PST_QUEUE_PAGE (widget);
  g_autofree char *desk = my_desk (self);

  if (self->call_cancellable != NULL)
    return;

  self->call_cancellable = g_cancellable_new ();
  update_actions (self);

  pst_sync_call_next_async (pst_context_get_sync (self->context), desk, NULL, 0,
                            self->call_cancellable, call_next_done_cb, g_object_ref (self));
}

/* Issuing a ticket for a visitor at the desk. */

static void
issue_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PstQueuePage     *self)
{
  g_autofree char *text = NULL;
  PstService service;

  if (!pst_service_from_string (response, &service))
    return;

  if (guest_book_stage (self) == PST_GUEST_BOOK_BEFORE_QUEUE)
    {
      present_window (self, pst_guest_book_dialog_new_for_issue (self->context, service));
      return;
    }

  pst_sync_issue_ticket (pst_context_get_sync (self->context), service, NULL);

  /* Translators: "A Consultation ticket was issued; …". */
  text = g_strdup_printf (_("A %s ticket was issued; it is at the end of the waiting line"),
                          pst_format_service (service));
  show_toast (self, text, NULL, NULL);
}

static void
issue_ticket_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PstQueuePage *self = PST_QUEUE_PAGE (widget);
  AdwMessageDialog *dialog;
  const char *body;

  if (guest_book_stage (self) == PST_GUEST_BOOK_BEFORE_QUEUE)
    body = _("Which service does the visitor need? This office fills in the guest book "
             "first; the number is given when it is saved.");
  else
    body = _("Which service does the visitor need?");

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                       _("Issue a Ticket"), body));
  adw_message_dialog_add_response (dialog, "cancel", _("Cancel"));
  add_service_responses (dialog, PST_N_SERVICES);
  adw_message_dialog_set_response_appearance (dialog,
                                              pst_service_to_string (PST_SERVICE_CONSULTATION),
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog,
                                           pst_service_to_string (PST_SERVICE_CONSULTATION));
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_signal_connect_object (dialog, "response", G_CALLBACK (issue_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Style. */

static void
load_css (PstQueuePage *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  g_autoptr(GtkCssProvider) provider = NULL;

  if (g_object_get_data (G_OBJECT (display), CSS_RESOURCE) != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, CSS_RESOURCE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), CSS_RESOURCE,
                          g_object_ref (provider), g_object_unref);
}

/* The server refused an action that was queued: it is undone on screen,
 * and the officer is told why.
 */
static void
action_failed_cb (PstQueuePage *self,
                  GObject      *object,
                  const char   *message)
{
  g_autofree char *text = NULL;
  PstTicketItem *item;

  /* The consultations page tells of its own refusals. */
  if (object != NULL && !PST_IS_TICKET_ITEM (object))
    return;

  item = (PstTicketItem *) object;
  if (item != NULL && pst_ticket_item_get_number (item) != NULL)
    /* Translators: A refused action: "K-012: This ticket is already being served". */
    text = g_strdup_printf (_("%s: %s"), pst_ticket_item_get_number (item), message);
  else
    text = g_strdup (message);

  show_toast (self, text, NULL, NULL);
}

/* Class functions. */

static void
pst_queue_page_map (GtkWidget *widget)
{
  PstQueuePage *self = PST_QUEUE_PAGE (widget);

  GTK_WIDGET_CLASS (pst_queue_page_parent_class)->map (widget);

  refresh (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add (1000, tick_cb, self);
}

static void
pst_queue_page_unmap (GtkWidget *widget)
{
  PstQueuePage *self = PST_QUEUE_PAGE (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (pst_queue_page_parent_class)->unmap (widget);

  /* No shortcut of this page runs while another page is shown. */
  update_my_ticket (self);
  update_actions (self);
}

static void
pst_queue_page_constructed (GObject *object)
{
  PstQueuePage *self = (PstQueuePage *) object;
  PstSync *sync;

  G_OBJECT_CLASS (pst_queue_page_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  sync = pst_context_get_sync (self->context);
  self->tickets = g_object_ref (pst_sync_get_tickets (sync));

  for (guint i = 0; i < N_GROUPS; i++)
    setup_group (self, i);

  self->card_row = pst_ticket_row_new (self->context, TRUE);
  adw_bin_set_child (ADW_BIN (self->card_bin), self->card_row);

  g_signal_connect_object (self->tickets, "items-changed",
                           G_CALLBACK (tickets_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sync, "notify",
                           G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sync, "action-failed",
                           G_CALLBACK (action_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pst_context_get_clock (self->context), "changed",
                           G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pst_context_get_settings (self->context), "changed::desk",
                           G_CALLBACK (update_desk), self, G_CONNECT_SWAPPED);

  tickets_changed_cb (self);
  update_desk (self);
  refresh (self);
}

static void
pst_queue_page_dispose (GObject *object)
{
  PstQueuePage *self = (PstQueuePage *) object;

  g_cancellable_cancel (self->call_cancellable);
  g_clear_object (&self->call_cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  /* Unbind every row while the page is whole. */
  for (guint i = 0; i < N_GROUPS; i++)
    {
      g_clear_handle_id (&self->groups[i].to_top_id, g_source_remove);
      if (self->groups[i].view != NULL)
        gtk_list_view_set_model (GTK_LIST_VIEW (self->groups[i].view), NULL);
    }

  if (self->watched != NULL)
    g_hash_table_foreach (self->watched, unwatch, NULL);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_object (&self->my_ticket);

  G_OBJECT_CLASS (pst_queue_page_parent_class)->dispose (object);
}

static void
pst_queue_page_finalize (GObject *object)
{
  PstQueuePage *self = (PstQueuePage *) object;

  for (guint i = 0; i < N_GROUPS; i++)
    {
      g_clear_object (&self->groups[i].model);
      g_clear_object (&self->groups[i].filter);
      g_clear_object (&self->groups[i].sorter);
    }

  g_clear_pointer (&self->wait_dues, g_hash_table_unref);
  g_clear_pointer (&self->heads, g_hash_table_unref);
  g_clear_pointer (&self->bound_rows, g_ptr_array_unref);
  g_clear_object (&self->tickets);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_queue_page_parent_class)->finalize (object);
}

static void
pst_queue_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PstQueuePage *self = PST_QUEUE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pst_queue_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PstQueuePage *self = PST_QUEUE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND_GROUP(klass, name, group) \
  G_STMT_START { \
    gtk_widget_class_bind_template_child_full (klass, name "_view", FALSE, \
      G_STRUCT_OFFSET (PstQueuePage, groups[group].view)); \
    gtk_widget_class_bind_template_child_full (klass, name "_stack", FALSE, \
      G_STRUCT_OFFSET (PstQueuePage, groups[group].stack)); \
    gtk_widget_class_bind_template_child_full (klass, name "_count", FALSE, \
      G_STRUCT_OFFSET (PstQueuePage, groups[group].count_label)); \
    gtk_widget_class_bind_template_child_full (klass, name "_factory", FALSE, \
      G_STRUCT_OFFSET (PstQueuePage, groups[group].factory)); \
  } G_STMT_END

static void
pst_queue_page_class_init (PstQueuePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pst_queue_page_constructed;
  object_class->dispose = pst_queue_page_dispose;
  object_class->finalize = pst_queue_page_finalize;
  object_class->get_property = pst_queue_page_get_property;
  object_class->set_property = pst_queue_page_set_property;
  widget_class->map = pst_queue_page_map;
  widget_class->unmap = pst_queue_page_unmap;

  props[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, PST_TYPE_CONTEXT,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                             G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-queue-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PstQueuePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PstQueuePage, waiting_stat_label);
  gtk_widget_class_bind_template_child (widget_class, PstQueuePage, average_stat_label);
  gtk_widget_class_bind_template_child (widget_class, PstQueuePage, longest_stat_label);
  gtk_widget_class_bind_template_child (widget_class, PstQueuePage, target_stat_label);
  gtk_widget_class_bind_template_child (widget_class, PstQueuePage, call_button);
  gtk_widget_class_bind_template_child (widget_class, PstQueuePage, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, PstQueuePage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, PstQueuePage, card_revealer);
  gtk_widget_class_bind_template_child (widget_class, PstQueuePage, card_bin);
  gtk_widget_class_bind_template_child (widget_class, PstQueuePage, board_stack);
  BIND_GROUP (widget_class, "waiting", GROUP_WAITING);
  BIND_GROUP (widget_class, "called", GROUP_CALLED);
  BIND_GROUP (widget_class, "serving", GROUP_SERVING);
  BIND_GROUP (widget_class, "no_show", GROUP_NO_SHOW);
  BIND_GROUP (widget_class, "done", GROUP_DONE);

  gtk_widget_class_install_action (widget_class, "queue.call-next", NULL, call_next_cb);
  gtk_widget_class_install_action (widget_class, "queue.issue-ticket", NULL, issue_ticket_cb);
  gtk_widget_class_install_action (widget_class, "queue.start", NULL, start_mine_cb);
  gtk_widget_class_install_action (widget_class, "queue.finish", NULL, finish_mine_cb);
  gtk_widget_class_install_action (widget_class, "queue.ticket-action", "(ss)", ticket_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "queue.call-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "queue.issue-ticket", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "queue.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "queue.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "queue.finish", NULL);
}

/* The page's keyboard shortcuts work wherever the focus is in the window
 * (the header bar, a page switcher), not only inside the page: the
 * window runs them after the focused widget had its chance. They do
 * nothing while the page is not shown, since its actions are disabled
 * then.
 */
static void
manage_shortcuts (PstQueuePage *self)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (self));
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller) &&
          g_strcmp0 (gtk_event_controller_get_name (controller), "gtk-widget-class-shortcuts") == 0)
        gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                           GTK_SHORTCUT_SCOPE_MANAGED);
    }
}

static void
pst_queue_page_init (PstQueuePage *self)
{
  g_type_ensure (PST_TYPE_TICKET_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  manage_shortcuts (self);

  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->wait_dues = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->heads = g_hash_table_new (NULL, NULL);
  self->bound_rows = g_ptr_array_new ();

  load_css (self);
}

/* Public functions. */

GtkWidget *
pst_queue_page_new (PstContext *context)
{
  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);

  return g_object_new (PST_TYPE_QUEUE_PAGE, "context", context, NULL);
}
