/* pst-consultations-page.c: the online consultation threads and their conversations.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-consultations-page.h"

#include "pst-consultation-row.h"
#include "pst-format.h"
#include "pst-i18n.h"
#include "pst-thread-view.h"

/* The page is a split view (AdwLeaflet): the office's consultations on
 * the left, the chosen thread on the right; in a narrow window one at a
 * time. The list is a GtkListView over a GtkSortListModel (most urgent
 * first, as the server orders them) over a GtkFilterListModel (whose, which
 * channel, which status, and the search text) over the sync engine's
 * consultation model. Items change in place; the page watches each one
 * and tells the filter and the sorter, so a thread moves or leaves the
 * list as soon as it changes, whoever changed it.
 *
 * The thread shown is the page's own choice (`current`), not the list's
 * selection: a thread that moves in the list or is filtered out stays
 * open, and the selection follows it when it is in the list.
 *
 * While the page is on screen its tick redraws the countdown badges of
 * the rows that are bound, the open thread's badge and the office's
 * summary line: every second while a deadline is within the hour, every
 * minute otherwise. No row is rebuilt for that.
 *
 * New consultations and requesters' replies become desktop notifications
 * (when the preferences allow them), except for the thread the officer is
 * looking at in the active window; activating one opens its thread.
 */

typedef enum
{
  SCOPE_MINE,
  SCOPE_UNASSIGNED,
  SCOPE_OFFICE,
} Scope;

/* The entries of the status filter, in its order. */
typedef enum
{
  STATUS_FILTER_NOT_CLOSED,
  STATUS_FILTER_NEW,
  STATUS_FILTER_NEEDS_REPLY,
  STATUS_FILTER_WAITING,
  STATUS_FILTER_CLOSED,
} StatusFilter;

struct _PstConsultationsPage
{
  AdwBin parent_instance;

  PstContext          *context;
  GListModel          *consultations;
  GtkCustomFilter     *filter;
  GtkCustomSorter     *sorter;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;
  GHashTable          *watched;       /* PstConsultationItem → handler ID */
  GPtrArray           *bound_rows;    /* PstConsultationRow, not owned */
  PstConsultationItem *current;
  GtkWidget           *thread_view;
  char                *search_text;
  guint                tick_id;
  guint                to_top_id;
  gboolean             syncing_selection;

  GtkWidget *toast_overlay;
  GtkWidget *leaflet;
  GtkWidget *list_pane;
  GtkWidget *search_entry;
  GtkWidget *mine_button;
  GtkWidget *unassigned_button;
  GtkWidget *office_button;
  GtkWidget *channel_dropdown;
  GtkWidget *status_dropdown;
  GtkWidget *summary_label;
  GtkWidget *list_stack;
  GtkWidget *list_view;
  GtkListItemFactory *factory;
  GtkWidget *thread_stack;
  GtkWidget *thread_bin;
};

G_DEFINE_FINAL_TYPE (PstConsultationsPage, pst_consultations_page, ADW_TYPE_BIN)

#define CSS_RESOURCE     "/id/go/bps/PstDesk/pst-consultations-page.css"
#define NEAR_DEADLINE_US PST_USEC_PER_HOUR
#define SHOW_ACTION      "show-consultation"

static void schedule_tick (PstConsultationsPage *self,
                           gint64                nearest_us);

/* Who and where. */

static PstSync *
page_sync (PstConsultationsPage *self)
{
  return pst_context_get_sync (self->context);
}

static gint64
page_now (PstConsultationsPage *self)
{
  return pst_clock_get_now (pst_context_get_clock (self->context));
}

static const char *
my_id (PstConsultationsPage *self)
{
  const PstOfficer *me = pst_sync_get_officer (page_sync (self));

  return me != NULL ? me->id : NULL;
}

static Scope
current_scope (PstConsultationsPage *self)
{
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->mine_button)))
    return SCOPE_MINE;
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->unassigned_button)))
    return SCOPE_UNASSIGNED;
  return SCOPE_OFFICE;
}

static PstConsultationItem *
find_consultation (PstConsultationsPage *self,
                   const char           *id)
{
  guint n = g_list_model_get_n_items (self->consultations);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PstConsultationItem) item = g_list_model_get_item (self->consultations, i);

      if (g_strcmp0 (pst_consultation_item_get_id (item), id) == 0)
        return item;
    }

  return NULL;
}

/* Filtering and order. */

static gboolean
matches_status (const PstConsultation *consultation,
                StatusFilter           status)
{
  switch (status)
    {
    case STATUS_FILTER_NEW:
      return consultation->status == PST_CONSULTATION_STATUS_OPEN;
    case STATUS_FILTER_NEEDS_REPLY:
      return consultation->status == PST_CONSULTATION_STATUS_AWAITING_OFFICER;
    case STATUS_FILTER_WAITING:
      return consultation->status == PST_CONSULTATION_STATUS_AWAITING_REQUESTER;
    case STATUS_FILTER_CLOSED:
      return consultation->status == PST_CONSULTATION_STATUS_CLOSED;
    case STATUS_FILTER_NOT_CLOSED:
    default:
      return consultation->status != PST_CONSULTATION_STATUS_CLOSED;
    }
}

static gboolean
matches_text (PstConsultationItem   *item,
              const PstConsultation *consultation,
              const char            *search)
{
  g_autoptr(GString) haystack = g_string_new (consultation->subject);
  const char *last_message = pst_consultation_item_get_last_message (item);

  if (consultation->requester != NULL)
    {
      const char *parts[] = { consultation->requester->name, consultation->requester->email,
                              consultation->requester->phone };

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (parts[i] != NULL)
          g_string_append_printf (haystack, " %s", parts[i]);
    }
  if (last_message != NULL)
    g_string_append_printf (haystack, " %s", last_message);

  return g_str_match_string (search, haystack->str, TRUE);
}

static gboolean
filter_func (gpointer object,
             gpointer user_data)
{
  PstConsultationsPage *self = user_data;
  PstConsultationItem *item = object;
  const PstConsultation *consultation = pst_consultation_item_get_consultation (item);
  guint channel = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->channel_dropdown));

  switch (current_scope (self))
    {
    case SCOPE_MINE:
      if (consultation->assignee == NULL || g_strcmp0 (consultation->assignee, my_id (self)) != 0)
        return FALSE;
      break;
    case SCOPE_UNASSIGNED:
      if (consultation->assignee != NULL)
        return FALSE;
      break;
    case SCOPE_OFFICE:
    default:
      break;
    }

  if (channel != GTK_INVALID_LIST_POSITION && channel > 0 &&
      consultation->channel != (PstChannel) (channel - 1))
    return FALSE;

  if (!matches_status (consultation,
                       gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_dropdown))))
    return FALSE;

  if (self->search_text != NULL && *self->search_text != '\0' &&
      !matches_text (item, consultation, self->search_text))
    return FALSE;

  return TRUE;
}

/* How urgent a consultation is, most urgent lowest: open ones before
 * closed ones, unanswered ones first, then those the requester wrote
 * again in, then those waiting for the requester.
 */
static int
urgency_rank (const PstConsultation *consultation)
{
  switch (consultation->status)
    {
    case PST_CONSULTATION_STATUS_OPEN:
      return 0;
    case PST_CONSULTATION_STATUS_AWAITING_OFFICER:
      return consultation->sla != NULL && consultation->sla->first_response_at == PST_TIME_UNSET
             ? 0 : 1;
    case PST_CONSULTATION_STATUS_AWAITING_REQUESTER:
      return 2;
    case PST_CONSULTATION_STATUS_CLOSED:
    case PST_N_CONSULTATION_STATUSES:
    default:
      return 3;
    }
}

static int
compare_instants (gint64 a,
                  gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  const PstConsultation *ca = pst_consultation_item_get_consultation ((PstConsultationItem *) a);
  const PstConsultation *cb = pst_consultation_item_get_consultation ((PstConsultationItem *) b);
  int order = urgency_rank (ca) - urgency_rank (cb);

  if (order == 0 && urgency_rank (ca) == 0)
    order = compare_instants (pst_consultation_item_get_due ((PstConsultationItem *) a),
                              pst_consultation_item_get_due ((PstConsultationItem *) b));
  if (order == 0 && urgency_rank (ca) == 3)
    order = -compare_instants (ca->last_message_at, cb->last_message_at);
  if (order == 0)
    order = compare_instants (ca->last_message_at, cb->last_message_at);
  if (order == 0)
    order = g_strcmp0 (ca->id, cb->id);

  return order;
}

static void
filters_changed (PstConsultationsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
search_changed_cb (PstConsultationsPage *self)
{
  g_free (self->search_text);
  self->search_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  filters_changed (self);
}

/* The list and the thread. */

static void
update_list_stack (PstConsultationsPage *self)
{
  const char *name = "list";

  if (g_list_model_get_n_items (self->consultations) == 0)
    name = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) == 0)
    name = "no-match";

  gtk_stack_set_visible_child_name (GTK_STACK (self->list_stack), name);
}

/* Selects the current thread in the list when it is there. */
static void
sync_selection (PstConsultationsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->current != NULL)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(PstConsultationItem) item = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

        if (item == self->current)
          {
            position = i;
            break;
          }
      }

  if (gtk_single_selection_get_selected (self->selection) == position)
    return;

  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing_selection = FALSE;
}

static void
withdraw_notification (PstConsultationsPage *self,
                       PstConsultationItem  *item)
{
  GApplication *app = g_application_get_default ();
  g_autofree char *id = NULL;

  if (app == NULL || item == NULL)
    return;

  id = g_strdup_printf ("consultation-%s", pst_consultation_item_get_id (item));
  g_application_withdraw_notification (app, id);
}

static void
show_thread (PstConsultationsPage *self,
             PstConsultationItem  *item)
{
  if (item != self->current)
    {
      g_set_object (&self->current, item);
      pst_thread_view_set_item (PST_THREAD_VIEW (self->thread_view), item);
      pst_thread_view_update_badge (PST_THREAD_VIEW (self->thread_view), page_now (self));
    }

  gtk_stack_set_visible_child_name (GTK_STACK (self->thread_stack), item != NULL ? "thread" : "none");
  withdraw_notification (self, item);
  sync_selection (self);

  if (item != NULL)
    adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->thread_stack);
}

static void
selected_item_cb (PstConsultationsPage *self)
{
  PstConsultationItem *item = gtk_single_selection_get_selected_item (self->selection);

  /* A selection lost to a change of the list keeps the thread open. */
  if (self->syncing_selection || item == NULL)
    return;

  show_thread (self, item);
}

static void
list_activate_cb (PstConsultationsPage *self,
                  guint                 position)
{
  g_autoptr(PstConsultationItem) item = g_list_model_get_item (G_LIST_MODEL (self->sort_model),
                                                               position);

  if (item == NULL)
    return;

  show_thread (self, item);
  pst_thread_view_focus_composer (PST_THREAD_VIEW (self->thread_view));
}

static GtkAdjustment *
list_adjustment (PstConsultationsPage *self)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
}

static gboolean
list_to_top_cb (gpointer user_data)
{
  PstConsultationsPage *self = user_data;

  self->to_top_id = 0;
  gtk_adjustment_set_value (list_adjustment (self), 0);

  return G_SOURCE_REMOVE;
}

/* A list scrolled to its top stays there when a more urgent thread
 * arrives above the first one, instead of following the one that was
 * first.
 */
static void
sorted_changed_cb (PstConsultationsPage *self,
                   guint                 position,
                   guint                 removed,
                   guint                 added)
{
  if (position == 0 && added > 0 && self->to_top_id == 0 &&
      gtk_adjustment_get_value (list_adjustment (self)) <= 1)
    self->to_top_id = g_idle_add (list_to_top_cb, self);

  update_list_stack (self);
  sync_selection (self);
}

static void
item_changed_cb (PstConsultationsPage *self)
{
  filters_changed (self);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Keeps a handler on every item of the model and none on those gone. */
static void
consultations_changed_cb (PstConsultationsPage *self)
{
  guint n = g_list_model_get_n_items (self->consultations);
  g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PstConsultationItem) item = g_list_model_get_item (self->consultations, i);

      g_hash_table_add (present, item);
      if (!g_hash_table_contains (self->watched, item))
        {
          gulong handler = g_signal_connect_swapped (item, "notify::consultation",
                                                     G_CALLBACK (item_changed_cb), self);

          g_hash_table_insert (self->watched, g_object_ref (item), GSIZE_TO_POINTER (handler));
        }
    }

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (present, key))
      {
        g_signal_handler_disconnect (key, GPOINTER_TO_SIZE (value));
        g_hash_table_iter_remove (&iter);
      }

  update_list_stack (self);
}

/* The rows. */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PstConsultationsPage     *self)
{
  gtk_list_item_set_child (list_item, pst_consultation_row_new (self->context));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             PstConsultationsPage     *self)
{
  PstConsultationRow *row = PST_CONSULTATION_ROW (gtk_list_item_get_child (list_item));

  pst_consultation_row_set_item (row, gtk_list_item_get_item (list_item));
  g_ptr_array_add (self->bound_rows, row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PstConsultationsPage     *self)
{
  PstConsultationRow *row = PST_CONSULTATION_ROW (gtk_list_item_get_child (list_item));

  g_ptr_array_remove_fast (self->bound_rows, row);
  pst_consultation_row_set_item (row, NULL);
}

/* The tick: badges and the office's summary. */

static void
update_summary (PstConsultationsPage *self,
                gint64                now)
{
  PstCalendar *calendar = pst_sync_get_calendar (page_sync (self));
  guint n = g_list_model_get_n_items (self->consultations);
  guint open = 0, overdue = 0, due_soon = 0, unassigned = 0;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PstConsultationItem) item = g_list_model_get_item (self->consultations, i);
      const PstConsultation *consultation = pst_consultation_item_get_consultation (item);
      gboolean counting = FALSE;
      PstBadgeState state;

      if (consultation->status == PST_CONSULTATION_STATUS_CLOSED)
        continue;

      open++;
      if (consultation->assignee == NULL)
        unassigned++;
      state = pst_consultation_badge_get_state (calendar, consultation, now, &counting);
      if (counting && state == PST_BADGE_BREACHED)
        overdue++;
      else if (counting && state == PST_BADGE_WARNING)
        due_soon++;
    }

  /* Translators: The office's summary above the list: "12 open · 3
   * overdue · 2 due soon · 4 unassigned".
   */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u open", "%u open", open), open);
  if (overdue > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " · %u overdue", " · %u overdue",
                                               overdue), overdue);
  if (due_soon > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " · %u due soon",
                                               " · %u due soon", due_soon), due_soon);
  if (unassigned > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " · %u unassigned",
                                               " · %u unassigned", unassigned), unassigned);

  gtk_label_set_label (GTK_LABEL (self->summary_label), text->str);
}

static gint64
tick (PstConsultationsPage *self)
{
  gint64 now = page_now (self);
  gint64 nearest = G_MAXINT64;

  for (guint i = 0; i < self->bound_rows->len; i++)
    nearest = MIN (nearest, pst_consultation_row_update_badge (g_ptr_array_index (self->bound_rows, i),
                                                               now));
  nearest = MIN (nearest, pst_thread_view_update_badge (PST_THREAD_VIEW (self->thread_view), now));
  update_summary (self, now);

  return nearest;
}

static gboolean
tick_cb (gpointer user_data)
{
  PstConsultationsPage *self = user_data;

  self->tick_id = 0;
  schedule_tick (self, tick (self));

  return G_SOURCE_REMOVE;
}

static void
schedule_tick (PstConsultationsPage *self,
               gint64                nearest_us)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if (nearest_us < NEAR_DEADLINE_US)
    self->tick_id = g_timeout_add (1000, tick_cb, self);
  else
    self->tick_id = g_timeout_add_seconds (60, tick_cb, self);
}

static void
refresh_cb (PstConsultationsPage *self)
{
  schedule_tick (self, tick (self));
}

/* Notifications. */

static gboolean
is_looking_at (PstConsultationsPage *self,
               PstConsultationItem  *item)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return item == self->current && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
         GTK_IS_WINDOW (root) && gtk_window_is_active (GTK_WINDOW (root));
}

static void
send_notification (PstConsultationsPage *self,
                   PstConsultationItem  *item,
                   const char           *title,
                   const char           *body)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;

  if (app == NULL || is_looking_at (self, item) ||
      !g_settings_get_boolean (pst_context_get_settings (self->context), "notifications"))
    return;

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app." SHOW_ACTION, "s",
                                                 pst_consultation_item_get_id (item));
  id = g_strdup_printf ("consultation-%s", pst_consultation_item_get_id (item));
  g_application_send_notification (app, id, notification);
}

static const char *
requester_of (const PstConsultation *consultation)
{
  if (consultation->requester != NULL && consultation->requester->name != NULL)
    return consultation->requester->name;

  return _("Unnamed requester");
}

static void
consultation_arrived_cb (PstConsultationsPage *self,
                         PstConsultationItem  *item)
{
  const PstConsultation *consultation = pst_consultation_item_get_consultation (item);
  g_autofree char *body = NULL;

  /* Translators: A notification's body: "Rina Marlina by WhatsApp: Inflasi bulanan". */
  body = g_strdup_printf (_("%s by %s: %s"), requester_of (consultation),
                          pst_format_channel (consultation->channel),
                          consultation->subject != NULL ? consultation->subject : "");
  send_notification (self, item, _("New Consultation"), body);
}

static void
requester_replied_cb (PstConsultationsPage *self,
                      PstConsultationItem  *item)
{
  const PstConsultation *consultation = pst_consultation_item_get_consultation (item);
  const char *last = pst_consultation_item_get_last_message (item);
  g_autofree char *title = NULL;

  /* Translators: A notification's title: "Rina Marlina replied". */
  title = g_strdup_printf (_("%s replied"), requester_of (consultation));
  send_notification (self, item, title,
                     last != NULL ? last : consultation->subject != NULL ? consultation->subject : "");
}

static void
show_consultation_activate_cb (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  PstConsultationsPage *self = user_data;
  PstConsultationItem *item = find_consultation (self, g_variant_get_string (parameter, NULL));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* The consultations page is the window's second. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "i", 2);
  if (item != NULL)
    show_thread (self, item);
  if (GTK_IS_WINDOW (root))
    gtk_window_present (GTK_WINDOW (root));
}

static void
install_app_action (PstConsultationsPage *self)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GSimpleAction) action = NULL;

  if (app == NULL || !G_IS_ACTION_MAP (app))
    return;

  action = g_simple_action_new (SHOW_ACTION, G_VARIANT_TYPE_STRING);
  g_object_set_data (G_OBJECT (action), "pst-page", self);
  g_signal_connect_object (action, "activate", G_CALLBACK (show_consultation_activate_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));
}

static void
remove_app_action (PstConsultationsPage *self)
{
  GApplication *app = g_application_get_default ();
  GAction *action;

  if (app == NULL || !G_IS_ACTION_MAP (app))
    return;

  /* Only our own: a newer window may have put its page's there. */
  action = g_action_map_lookup_action (G_ACTION_MAP (app), SHOW_ACTION);
  if (action != NULL && g_object_get_data (G_OBJECT (action), "pst-page") == self)
    g_action_map_remove_action (G_ACTION_MAP (app), SHOW_ACTION);
}

/* The server refused a queued action on a consultation: it shows the
 * server's state again, and the officer is told why.
 */
static void
action_failed_cb (PstConsultationsPage *self,
                  GObject              *item,
                  const char           *message)
{
  g_autofree char *text = NULL;
  const char *subject;
  AdwToast *toast;

  if (!PST_IS_CONSULTATION_ITEM (item))
    return;

  /* Translators: A refused action: "Inflasi bulanan: This consultation is already closed". */
  subject = pst_consultation_item_get_consultation (PST_CONSULTATION_ITEM (item))->subject;
  text = g_strdup_printf (_("%s: %s"), subject != NULL ? subject : "", message);
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), toast);
}

/* Actions. */

static void
show_list_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PstConsultationsPage *self = PST_CONSULTATIONS_PAGE (widget);

  adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->list_pane);
}

static void
clear_filters_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PstConsultationsPage *self = PST_CONSULTATIONS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->channel_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->status_dropdown), STATUS_FILTER_NOT_CLOSED);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->office_button), TRUE);
}

static void
search_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PstConsultationsPage *self = PST_CONSULTATIONS_PAGE (widget);

  adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->list_pane);
  gtk_widget_grab_focus (self->search_entry);
}

static void
folded_cb (PstConsultationsPage *self)
{
  pst_thread_view_set_show_back (PST_THREAD_VIEW (self->thread_view),
                                 adw_leaflet_get_folded (ADW_LEAFLET (self->leaflet)));
}

/* Style. */

static void
load_css (PstConsultationsPage *self)
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

/* The drop-downs show their choice ellipsized, so a long entry does not
 * widen the list; their pop-ups show every entry whole.
 */
static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (user_data))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       gtk_string_object_get_string (string));
}

static void
set_choice_factories (GtkWidget *dropdown)
{
  g_autoptr(GtkListItemFactory) button = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) popup = gtk_signal_list_item_factory_new ();

  g_signal_connect (button, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (TRUE));
  g_signal_connect (button, "bind", G_CALLBACK (bind_choice_cb), NULL);
  g_signal_connect (popup, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (FALSE));
  g_signal_connect (popup, "bind", G_CALLBACK (bind_choice_cb), NULL);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), button);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), popup);
}

static void
setup_filters (PstConsultationsPage *self)
{
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  /* Translators: The channel filter's first entry. */
  gtk_string_list_append (channels, _("All channels"));
  for (guint i = 0; i < PST_N_CHANNELS; i++)
    gtk_string_list_append (channels, pst_format_channel (i));

  /* Translators: The status filter's entries: every consultation not closed… */
  gtk_string_list_append (statuses, _("All open"));
  gtk_string_list_append (statuses, pst_format_consultation_status (PST_CONSULTATION_STATUS_OPEN));
  gtk_string_list_append (statuses,
                          pst_format_consultation_status (PST_CONSULTATION_STATUS_AWAITING_OFFICER));
  gtk_string_list_append (statuses,
                          pst_format_consultation_status (PST_CONSULTATION_STATUS_AWAITING_REQUESTER));
  gtk_string_list_append (statuses, pst_format_consultation_status (PST_CONSULTATION_STATUS_CLOSED));

  set_choice_factories (self->channel_dropdown);
  set_choice_factories (self->status_dropdown);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->channel_dropdown), G_LIST_MODEL (channels));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->status_dropdown), G_LIST_MODEL (statuses));

  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->channel_dropdown, "notify::selected",
                           G_CALLBACK (filters_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_dropdown, "notify::selected",
                           G_CALLBACK (filters_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mine_button, "toggled",
                           G_CALLBACK (filters_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unassigned_button, "toggled",
                           G_CALLBACK (filters_changed), self, G_CONNECT_SWAPPED);
}

/* Class functions. */

static void
pst_consultations_page_map (GtkWidget *widget)
{
  PstConsultationsPage *self = PST_CONSULTATIONS_PAGE (widget);

  GTK_WIDGET_CLASS (pst_consultations_page_parent_class)->map (widget);

  gtk_widget_action_set_enabled (widget, "consultations.search", TRUE);
  refresh_cb (self);
}

static void
pst_consultations_page_unmap (GtkWidget *widget)
{
  PstConsultationsPage *self = PST_CONSULTATIONS_PAGE (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_action_set_enabled (widget, "consultations.search", FALSE);

  GTK_WIDGET_CLASS (pst_consultations_page_parent_class)->unmap (widget);
}

static void
pst_consultations_page_dispose (GObject *object)
{
  PstConsultationsPage *self = (PstConsultationsPage *) object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->to_top_id, g_source_remove);
  remove_app_action (self);

  /* Unbind every row while the page is whole. */
  if (self->list_view != NULL)
    gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), NULL);
  if (self->thread_view != NULL)
    pst_thread_view_set_item (PST_THREAD_VIEW (self->thread_view), NULL);

  if (self->watched != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->watched);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_signal_handler_disconnect (key, GPOINTER_TO_SIZE (value));
      g_clear_pointer (&self->watched, g_hash_table_unref);
    }
  g_clear_object (&self->current);

  G_OBJECT_CLASS (pst_consultations_page_parent_class)->dispose (object);
}

static void
pst_consultations_page_finalize (GObject *object)
{
  PstConsultationsPage *self = (PstConsultationsPage *) object;

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->consultations);
  g_clear_pointer (&self->bound_rows, g_ptr_array_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_consultations_page_parent_class)->finalize (object);
}

static void
pst_consultations_page_class_init (PstConsultationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pst_consultations_page_dispose;
  object_class->finalize = pst_consultations_page_finalize;
  widget_class->map = pst_consultations_page_map;
  widget_class->unmap = pst_consultations_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-consultations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, mine_button);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, unassigned_button);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, office_button);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, factory);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, thread_stack);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationsPage, thread_bin);

  gtk_widget_class_install_action (widget_class, "consultations.show-list", NULL, show_list_cb);
  gtk_widget_class_install_action (widget_class, "consultations.clear-filters", NULL,
                                   clear_filters_cb);
  gtk_widget_class_install_action (widget_class, "consultations.search", NULL, search_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "consultations.search", NULL);
}

/* The page's shortcuts work wherever the focus is in the window (the
 * header bar, the page switcher), not only inside the page; they do
 * nothing while another page is shown, since their actions are disabled
 * then.
 */
static void
manage_shortcuts (PstConsultationsPage *self)
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
pst_consultations_page_init (PstConsultationsPage *self)
{
  g_type_ensure (PST_TYPE_CONSULTATION_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  manage_shortcuts (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.search", FALSE);

  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->bound_rows = g_ptr_array_new ();

  load_css (self);
}

static void
setup (PstConsultationsPage *self)
{
  PstSync *sync = page_sync (self);
  GtkFilterListModel *filtered;

  self->consultations = g_object_ref (pst_sync_get_consultations (sync));
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (self->consultations),
                                        g_object_ref (GTK_FILTER (self->filter)));
  self->filter_model = g_object_ref (filtered);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                              g_object_ref (GTK_SORTER (self->sorter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (self->factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (self->factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (self->factory, "unbind", G_CALLBACK (unbind_row_cb), self);

  self->thread_view = pst_thread_view_new (self->context);
  adw_bin_set_child (ADW_BIN (self->thread_bin), self->thread_view);

  setup_filters (self);

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selected_item_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (list_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (sorted_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->consultations, "items-changed",
                           G_CALLBACK (consultations_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sync, "notify",
                           G_CALLBACK (refresh_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sync, "action-failed",
                           G_CALLBACK (action_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sync, "consultation-arrived",
                           G_CALLBACK (consultation_arrived_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sync, "requester-replied",
                           G_CALLBACK (requester_replied_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pst_context_get_clock (self->context), "changed",
                           G_CALLBACK (refresh_cb), self, G_CONNECT_SWAPPED);

  install_app_action (self);
  consultations_changed_cb (self);
  folded_cb (self);
  show_thread (self, NULL);
}

/* Public functions. */

GtkWidget *
pst_consultations_page_new (PstContext *context)
{
  PstConsultationsPage *self;

  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);

  self = g_object_new (PST_TYPE_CONSULTATIONS_PAGE, NULL);
  self->context = g_object_ref (context);
  setup (self);

  return GTK_WIDGET (self);
}
