/* pst-ticket-row.c: one ticket in a list of the queue page.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-ticket-row.h"

#include "pst-format.h"
#include "pst-i18n.h"

/* A row shows one PstTicketItem and follows it: when the item notifies a
 * change, the labels and the actions that are legal in the new status are
 * updated in place. The running clocks (the wait countdown, the session
 * timer) are redrawn by pst_ticket_row_update_clock(), which the page
 * calls every second for the rows that are bound.
 *
 * The row's actions ("ticket.start", "ticket.finish"…) are enabled only
 * when pst_ticket_action_is_allowed() says so; activating one asks the
 * page to carry it out through its "queue.ticket-action" action with the
 * action's wire name and the ticket's ID, so dialogs and the sync engine
 * are driven from one place.
 *
 * A prominent row is the card of the officer's own visitor: bigger, with
 * the session timer beside the ticket.
 */
struct _PstTicketRow
{
  AdwBin parent_instance;

  PstContext    *context;
  PstTicketItem *item;
  gboolean       prominent;
  gulong         ticket_handler;
  gulong         pending_handler;

  GtkWidget *number_label;
  GtkWidget *heading_label;
  GtkWidget *service_label;
  GtkWidget *issued_label;
  GtkWidget *pending_box;
  GtkWidget *name_label;
  GtkWidget *detail_label;
  GtkWidget *clock_label;
  GtkWidget *big_clock_box;
  GtkWidget *big_clock_label;
  GtkWidget *big_clock_caption;
  GtkWidget *box;
  GtkWidget *clock_line;
  GtkWidget *side_slot;
  GtkWidget *menu_button;
  GtkWidget *actions_box;
  GtkWidget *primary_actions;
  GtkWidget *secondary_actions;
  GtkWidget *start_button;
  GtkWidget *finish_button;
  GtkWidget *recall_button;
  GtkWidget *no_show_button;
  GtkWidget *requeue_button;
  GtkWidget *transfer_button;
  GtkWidget *guest_book_button;
};

/* The row's two groups of actions (the common ones, the rarer ones) go
 * side by side when both fit the row's width, else one under the other:
 * a wrapping box for two children, which GTK 4.8 does not have.
 */
#define PST_TYPE_ACTIONS_LAYOUT (pst_actions_layout_get_type ())

G_DECLARE_FINAL_TYPE (PstActionsLayout, pst_actions_layout, PST, ACTIONS_LAYOUT, GtkLayoutManager)

struct _PstActionsLayout
{
  GtkLayoutManager parent_instance;

  int   width;       /* the last width allocated, 0 before any */
  guint resize_id;
};

G_DEFINE_FINAL_TYPE (PstActionsLayout, pst_actions_layout, GTK_TYPE_LAYOUT_MANAGER)

#define ACTIONS_SPACING 6

/* The natural widths of the shown children, side by side. */
static int
actions_line_width (GtkWidget *widget,
                    guint     *out_n_children)
{
  int width = 0;
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int natural;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      width += natural + (n > 0 ? ACTIONS_SPACING : 0);
      n++;
    }

  if (out_n_children != NULL)
    *out_n_children = n;

  return width;
}

static void
pst_actions_layout_measure (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            GtkOrientation    orientation,
                            int               for_size,
                            int              *minimum,
                            int              *natural,
                            int              *minimum_baseline,
                            int              *natural_baseline)
{
  PstActionsLayout *self = PST_ACTIONS_LAYOUT (manager);
  guint n_children;
  int line_width = actions_line_width (widget, &n_children);
  gboolean one_line;

  /* GtkListView (4.8) measures its rows' height for no width: take the
   * width last allocated then, or else the narrow layout, so a row is
   * never cut short.
   */
  if (for_size < 0)
    for_size = self->width > 0 ? self->width : 0;
  one_line = n_children <= 1 || line_width <= for_size;

  *minimum = *natural = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);

      if (orientation == GTK_ORIENTATION_HORIZONTAL || one_line)
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          *minimum += child_min + (*minimum > 0 ? ACTIONS_SPACING : 0);
          *natural += child_nat + (*natural > 0 ? ACTIONS_SPACING : 0);
        }
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, line_width);
}

static gboolean
actions_layout_resize_cb (gpointer user_data)
{
  PstActionsLayout *self = user_data;

  self->resize_id = 0;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));

  return G_SOURCE_REMOVE;
}

static void
pst_actions_layout_allocate (GtkLayoutManager *manager,
                             GtkWidget        *widget,
                             int               width,
                             int               height,
                             int               baseline)
{
  PstActionsLayout *self = PST_ACTIONS_LAYOUT (manager);
  int line_width = actions_line_width (widget, NULL);
  gboolean one_line = line_width <= width;
  int x = 0, y = 0;

  /* Measured for another width: measure again (not while allocating). */
  if (width != self->width)
    {
      gboolean was_one_line = line_width <= self->width;

      self->width = width;
      if (was_one_line != one_line && self->resize_id == 0)
        self->resize_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, actions_layout_resize_cb,
                                           g_object_ref (self), g_object_unref);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_width, child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_width, NULL, NULL);
      child_width = MIN (child_width, width);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width,
                          NULL, &child_height, NULL, NULL);

      if (one_line)
        {
          gtk_widget_size_allocate (child,
                                    &(GtkAllocation) { x, 0, child_width, child_height }, -1);
          x += child_width + ACTIONS_SPACING;
        }
      else
        {
          gtk_widget_size_allocate (child,
                                    &(GtkAllocation) { 0, y, child_width, child_height }, -1);
          y += child_height + ACTIONS_SPACING;
        }
    }
}

static void
pst_actions_layout_dispose (GObject *object)
{
  PstActionsLayout *self = PST_ACTIONS_LAYOUT (object);

  g_clear_handle_id (&self->resize_id, g_source_remove);

  G_OBJECT_CLASS (pst_actions_layout_parent_class)->dispose (object);
}

static void
pst_actions_layout_class_init (PstActionsLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pst_actions_layout_dispose;
  layout_class->measure = pst_actions_layout_measure;
  layout_class->allocate = pst_actions_layout_allocate;
}

static void
pst_actions_layout_init (PstActionsLayout *self)
{
}

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PROMINENT,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (PstTicketRow, pst_ticket_row, ADW_TYPE_BIN)

/* The row's actions, the ticket action each stands for, and the word the
 * page's "queue.ticket-action" takes for it.
 */
static const struct
{
  const char      *name;
  PstTicketAction  action;
  const char      *wire;
} row_actions[] = {
  { "ticket.start", PST_TICKET_ACTION_START, "start" },
  { "ticket.finish", PST_TICKET_ACTION_FINISH, "finish" },
  { "ticket.no-show", PST_TICKET_ACTION_NO_SHOW, "no_show" },
  { "ticket.recall", PST_TICKET_ACTION_RECALL, "recall" },
  { "ticket.requeue", PST_TICKET_ACTION_REQUEUE, "requeue" },
  { "ticket.transfer", PST_TICKET_ACTION_TRANSFER, "transfer" },
};

#define STATE_CLASSES_N 3
static const char *clock_classes[STATE_CLASSES_N] = { "clock-ok", "warning", "error" };

/* Helpers. */

static const PstTicket *
row_ticket (PstTicketRow *self)
{
  return self->item != NULL ? pst_ticket_item_get_ticket (self->item) : NULL;
}

/* A ticket issued here has no number until the server gives it one. */
static const char *
ticket_number (const PstTicket *ticket)
{
  return ticket->number != NULL ? ticket->number : "…";
}

static GTimeZone *
office_time_zone (PstTicketRow *self)
{
  PstCalendar *calendar = pst_sync_get_calendar (pst_context_get_sync (self->context));

  return calendar != NULL ? pst_calendar_get_time_zone (calendar) : NULL;
}

static const PstStandard *
office_standard (PstTicketRow *self)
{
  const PstOffice *office = pst_sync_get_office (pst_context_get_sync (self->context));

  return office != NULL ? office->standard : NULL;
}

static gboolean
ticket_is_mine (PstTicketRow    *self,
                const PstTicket *ticket)
{
  const PstOfficer *me = pst_sync_get_officer (pst_context_get_sync (self->context));

  return me != NULL && me->id != NULL && g_strcmp0 (me->id, ticket->officer) == 0;
}

/* The badge state of a minute target from @start_us to @due_us (the
 * core's rule, through the office's calendar once it is known).
 */
static PstBadgeState
deadline_state (PstTicketRow *self,
                gint64        start_us,
                gint64        due_us,
                gint64        now_us)
{
  PstCalendar *calendar = pst_sync_get_calendar (pst_context_get_sync (self->context));
  g_autoptr(PstDeadline) deadline = pst_deadline_new (start_us, due_us, PST_DEADLINE_ELAPSED);

  if (calendar == NULL)
    return now_us >= due_us ? PST_BADGE_BREACHED : PST_BADGE_OK;

  return pst_calendar_deadline_state (calendar, deadline, now_us);
}

static void
set_clock_state (GtkWidget     *label,
                 PstBadgeState  state,
                 gboolean       neutral)
{
  for (guint i = 0; i < STATE_CLASSES_N; i++)
    gtk_widget_remove_css_class (label, clock_classes[i]);
  gtk_widget_remove_css_class (label, "dim-label");

  if (neutral)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, clock_classes[MIN (state, STATE_CLASSES_N - 1)]);
}

static void
set_label (GtkWidget  *label,
           const char *text)
{
  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL && *text != '\0');
}

static char *
describe_desk (PstTicketRow    *self,
               const PstTicket *ticket)
{
  const char *desk = ticket->desk != NULL ? ticket->desk : "?";

  if (ticket_is_mine (self, ticket))
    /* Translators: Where a ticket is, e.g. "Your desk 2". */
    return g_strdup_printf (_("Your desk %s"), desk);

  /* Translators: Where a ticket is, e.g. "Desk 3". */
  return g_strdup_printf (_("Desk %s"), desk);
}

/* The line under the name: where the ticket is, and since when. */
static char *
describe_detail (PstTicketRow    *self,
                 const PstTicket *ticket)
{
  GTimeZone *tz = office_time_zone (self);
  g_autofree char *desk = NULL;
  g_autofree char *at = NULL;

  switch (ticket->status)
    {
    case PST_TICKET_STATUS_CALLED:
      desk = describe_desk (self, ticket);
      at = pst_format_time (ticket->called_at, tz);
      /* Translators: "Desk 2 · called 08:15". */
      return g_strdup_printf (_("%s · called %s"), desk, at);

    case PST_TICKET_STATUS_SERVING:
      desk = describe_desk (self, ticket);
      at = pst_format_time (ticket->started_at, tz);
      /* Translators: "Desk 2 · since 08:20", being served since then. */
      return g_strdup_printf (_("%s · since %s"), desk, at);

    case PST_TICKET_STATUS_NO_SHOW:
      desk = describe_desk (self, ticket);
      at = pst_format_time (ticket->called_at, tz);
      /* Translators: "Desk 2 · called 08:15, did not come". */
      return g_strdup_printf (_("%s · called %s, did not come"), desk, at);

    case PST_TICKET_STATUS_DONE:
      at = pst_format_time (ticket->finished_at, tz);
      if (ticket->has_topic)
        /* Translators: "Finished 09:12 · Data": the time and the topic. */
        return g_strdup_printf (_("Finished %s · %s"), at, pst_format_category (ticket->topic));
      /* Translators: "Finished 09:12". */
      return g_strdup_printf (_("Finished %s"), at);

    case PST_TICKET_STATUS_TRANSFERRED:
      if (ticket->finished_at == PST_TIME_UNSET)
        return g_strdup (_("Sent to another service"));
      at = pst_format_time (ticket->finished_at, tz);
      /* Translators: "Sent to another service at 09:12". */
      return g_strdup_printf (_("Sent to another service at %s"), at);

    case PST_TICKET_STATUS_WAITING:
    case PST_N_TICKET_STATUSES:
    default:
      return NULL;
    }
}

static char *
describe_accessible (PstTicketRow    *self,
                     const PstTicket *ticket)
{
  GString *text = g_string_new (NULL);

  if (self->prominent)
    /* Translators: Accessible name of the card of the officer's own
     * visitor, e.g. "Your visitor: K-012, being served".
     */
    g_string_append_printf (text, _("Your visitor: %s, %s"),
                            ticket_number (ticket), pst_format_ticket_status (ticket->status));
  else
    /* Translators: Accessible name of a ticket row: "K-012, waiting". */
    g_string_append_printf (text, _("%s, %s"),
                            ticket_number (ticket), pst_format_ticket_status (ticket->status));

  g_string_append (text, ", ");
  g_string_append (text, pst_format_service (ticket->service));

  if (ticket->guest_book != NULL && ticket->guest_book->name != NULL)
    {
      g_string_append (text, ", ");
      g_string_append (text, ticket->guest_book->name);
    }

  if (pst_ticket_item_get_pending (self->item))
    {
      g_string_append (text, ", ");
      g_string_append (text, _("not confirmed by the server yet"));
    }

  return g_string_free (text, FALSE);
}

/* The line under the ticket shows when it has a clock or an action. */
static void
update_clock_line (PstTicketRow *self)
{
  gboolean side_action = gtk_widget_get_parent (self->actions_box) == self->side_slot &&
                         gtk_widget_get_visible (self->actions_box);

  gtk_widget_set_visible (self->clock_line,
                          gtk_widget_get_visible (self->clock_label) || side_action);
}

/* A single action fits beside the clock; more go on a line of their own. */
static void
place_actions (PstTicketRow *self,
               GtkWidget    *slot)
{
  GtkWidget *actions = self->actions_box;

  if (gtk_widget_get_parent (actions) == slot)
    return;

  g_object_ref (actions);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (actions)), actions);
  gtk_box_append (GTK_BOX (slot), actions);
  g_object_unref (actions);
}

static void
update_actions (PstTicketRow    *self,
                const PstTicket *ticket)
{
  GtkWidget *buttons[] = {
    self->start_button, self->finish_button, self->no_show_button,
    self->recall_button, self->requeue_button, self->transfer_button,
  };
  gboolean primary = FALSE, secondary = FALSE;
  guint n_allowed = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (buttons) == G_N_ELEMENTS (row_actions));

  for (guint i = 0; i < G_N_ELEMENTS (row_actions); i++)
    {
      gboolean allowed = ticket != NULL &&
                         pst_ticket_action_is_allowed (ticket->status, row_actions[i].action);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), row_actions[i].name, allowed);
      gtk_widget_set_visible (buttons[i], allowed);
      n_allowed += allowed;
    }

  /* The card of the officer's own visitor offers the guest book too,
   * highlighted while it is missing.
   */
  gtk_widget_set_visible (self->guest_book_button, self->prominent && ticket != NULL);
  if (self->prominent && ticket != NULL)
    {
      if (ticket->guest_book == NULL)
        gtk_widget_add_css_class (self->guest_book_button, "guest-book-missing");
      else
        gtk_widget_remove_css_class (self->guest_book_button, "guest-book-missing");
      n_allowed++;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.guest-book",
                                 ticket != NULL &&
                                 ticket->status != PST_TICKET_STATUS_TRANSFERRED);

  /* The common actions and the rarer ones are two groups, on one line
   * when they fit.
   */
  primary = gtk_widget_get_visible (self->start_button) ||
            gtk_widget_get_visible (self->finish_button) ||
            gtk_widget_get_visible (self->recall_button) ||
            gtk_widget_get_visible (self->no_show_button);
  secondary = gtk_widget_get_visible (self->requeue_button) ||
              gtk_widget_get_visible (self->transfer_button) ||
              gtk_widget_get_visible (self->guest_book_button);
  gtk_widget_set_visible (self->primary_actions, primary);
  gtk_widget_set_visible (self->secondary_actions, secondary);

  gtk_widget_set_visible (self->actions_box, n_allowed > 0);
  place_actions (self, !self->prominent && n_allowed <= 1 ? self->side_slot : self->box);
  update_clock_line (self);
}

static void
update_status_class (PstTicketRow    *self,
                     const PstTicket *ticket)
{
  for (int i = 0; i < PST_N_TICKET_STATUSES; i++)
    {
      g_autofree char *name = g_strconcat ("status-", pst_ticket_status_to_string (i), NULL);

      if (ticket != NULL && ticket->status == (PstTicketStatus) i)
        gtk_widget_add_css_class (GTK_WIDGET (self), name);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), name);
    }
}

/* The names a screen reader gives the row and its menu. */
static void
update_accessible (PstTicketRow    *self,
                   const PstTicket *ticket)
{
  g_autofree char *row_name = describe_accessible (self, ticket);
  /* Translators: Accessible name of a ticket's menu button: "More actions for K-012". */
  g_autofree char *menu_name = g_strdup_printf (_("More actions for %s"), ticket_number (ticket));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row_name,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_name,
                                  -1);
}

/* Everything that changes only when the ticket does. */
static void
update_ticket (PstTicketRow *self)
{
  const PstTicket *ticket = row_ticket (self);
  g_autofree char *issued = NULL;
  g_autofree char *detail = NULL;

  update_actions (self, ticket);
  update_status_class (self, ticket);

  if (ticket == NULL)
    return;

  issued = pst_format_time (ticket->issued_at, office_time_zone (self));
  detail = describe_detail (self, ticket);

  gtk_label_set_label (GTK_LABEL (self->number_label), ticket_number (ticket));
  gtk_label_set_label (GTK_LABEL (self->service_label), pst_format_service (ticket->service));
  gtk_label_set_label (GTK_LABEL (self->issued_label), issued);
  gtk_widget_set_tooltip_text (self->issued_label, _("Issued at this time"));

  if (ticket->guest_book != NULL && ticket->guest_book->name != NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->name_label), ticket->guest_book->name);
      gtk_widget_remove_css_class (self->name_label, "dim-label");
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (self->name_label), _("Guest book not filled in"));
      gtk_widget_add_css_class (self->name_label, "dim-label");
    }

  if (ticket->status != PST_TICKET_STATUS_WAITING)
    set_label (self->detail_label, detail);

  gtk_widget_set_visible (self->pending_box, pst_ticket_item_get_pending (self->item));

  update_accessible (self, ticket);
}

/* The wait clock of a waiting ticket: a countdown to its target while it
 * runs, "overdue by" once passed.
 */
static void
update_wait_clock (PstTicketRow    *self,
                   const PstTicket *ticket,
                   gint64           now_us,
                   gint64           wait_due_us,
                   gboolean         head_of_line)
{
  const PstStandard *standard = office_standard (self);
  int target = standard != NULL && standard->walkin_wait_min > 0 ? standard->walkin_wait_min : 10;
  g_autofree char *waited = pst_format_duration (now_us - ticket->issued_at);
  g_autofree char *detail = NULL;
  g_autofree char *text = NULL;
  gboolean running = wait_due_us != PST_TIME_UNSET && wait_due_us != PST_TICKET_NO_TIME;

  /* Translators: How long a waiting visitor has been waiting: "Waiting 12 min". */
  detail = g_strdup_printf (_("Waiting %s"), waited);

  if (!running && !head_of_line)
    {
      /* Further down the line: how long they wait is all there is to say. */
      set_label (self->detail_label, NULL);
      set_label (self->clock_label, detail);
      set_clock_state (self->clock_label, PST_BADGE_OK, TRUE);
      return;
    }

  set_label (self->detail_label, detail);

  if (!running)
    {
      set_label (self->clock_label,
                 /* Translators: The wait-target countdown of the first waiting
                  * ticket has not started because the previous visitor of
                  * this service is still at a desk.
                  */
                 _("Next in line · the clock starts when the desk is free"));
      set_clock_state (self->clock_label, PST_BADGE_OK, TRUE);
      return;
    }

  if (now_us >= wait_due_us)
    {
      g_autofree char *late = pst_format_duration (now_us - wait_due_us);

      /* Translators: The wait target has passed: "Overdue by 3 min". */
      text = g_strdup_printf (_("Overdue by %s"), late);
      set_clock_state (self->clock_label, PST_BADGE_BREACHED, FALSE);
    }
  else
    {
      g_autofree char *left = pst_format_countdown (wait_due_us - now_us);
      PstBadgeState state = deadline_state (self,
                                            wait_due_us - target * PST_USEC_PER_MINUTE,
                                            wait_due_us, now_us);

      /* Translators: The countdown to the wait target: "Call within 4:32". */
      text = g_strdup_printf (_("Call within %s"), left);
      set_clock_state (self->clock_label, state, FALSE);
    }

  set_label (self->clock_label, text);
}

/* The session timer of a ticket being served, against the office's limit
 * (60 min in 7604) when it has one.
 */
static void
update_session_clock (PstTicketRow    *self,
                      const PstTicket *ticket,
                      gint64           now_us)
{
  const PstStandard *standard = office_standard (self);
  int limit = standard != NULL ? standard->session_max_min : 0;
  g_autofree char *elapsed = pst_format_countdown (now_us - ticket->started_at);
  g_autofree char *text = NULL;
  g_autofree char *caption = NULL;
  PstBadgeState state = PST_BADGE_OK;

  if (ticket->started_at == PST_TIME_UNSET)
    {
      set_label (self->clock_label, NULL);
      gtk_widget_set_visible (self->big_clock_box, FALSE);
      return;
    }

  if (limit > 0)
    {
      gint64 due = ticket->started_at + limit * PST_USEC_PER_MINUTE;

      state = deadline_state (self, ticket->started_at, due, now_us);
      if (state == PST_BADGE_BREACHED)
        {
          g_autofree char *late = pst_format_duration (now_us - due);

          /* Translators: Under the session timer once the session went past
           * the office's limit: "5 min over the 60 min limit".
           */
          caption = g_strdup_printf (_("%s over the %d min limit"), late, limit);
          /* Translators: The session timer past the office's limit:
           * "Session 65:10 · 5 min over the 60 min limit".
           */
          text = g_strdup_printf (_("Session %s · %s"), elapsed, caption);
        }
      else
        {
          /* Translators: Under the session timer: "of 60 min". */
          caption = g_strdup_printf (_("of %d min"), limit);
          /* Translators: The session timer: "Session 12:34 of 60 min". */
          text = g_strdup_printf (_("Session %s of %d min"), elapsed, limit);
        }
    }
  else
    {
      caption = g_strdup (_("session"));
      /* Translators: The session timer when the office sets no limit: "Session 12:34". */
      text = g_strdup_printf (_("Session %s"), elapsed);
    }

  if (self->prominent)
    {
      gtk_label_set_label (GTK_LABEL (self->big_clock_label), elapsed);
      gtk_label_set_label (GTK_LABEL (self->big_clock_caption), caption);
      set_clock_state (self->big_clock_label, state, limit <= 0);
      set_clock_state (self->big_clock_caption, state, state == PST_BADGE_OK);
      gtk_widget_set_visible (self->big_clock_box, TRUE);
      set_label (self->clock_label, NULL);
    }
  else
    {
      set_label (self->clock_label, text);
      set_clock_state (self->clock_label, state, limit <= 0);
    }
}

/* How long a called visitor has been called, to judge a no-show. */
static void
update_called_clock (PstTicketRow    *self,
                     const PstTicket *ticket,
                     gint64           now_us)
{
  g_autofree char *since = NULL;
  g_autofree char *text = NULL;

  if (ticket->called_at == PST_TIME_UNSET)
    {
      set_label (self->clock_label, NULL);
      gtk_widget_set_visible (self->big_clock_box, FALSE);
      return;
    }

  since = pst_format_countdown (now_us - ticket->called_at);

  if (self->prominent)
    {
      gtk_label_set_label (GTK_LABEL (self->big_clock_label), since);
      /* Translators: Under the time since a ticket was called. */
      gtk_label_set_label (GTK_LABEL (self->big_clock_caption), _("since called"));
      set_clock_state (self->big_clock_label, PST_BADGE_OK, TRUE);
      set_clock_state (self->big_clock_caption, PST_BADGE_OK, TRUE);
      gtk_widget_set_visible (self->big_clock_box, TRUE);
      set_label (self->clock_label, NULL);
      return;
    }

  /* Translators: Time since a ticket was called: "Called 2:10 ago". */
  text = g_strdup_printf (_("Called %s ago"), since);
  set_label (self->clock_label, text);
  set_clock_state (self->clock_label, PST_BADGE_OK, TRUE);
}

/* Actions. */

static void
ticket_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PstTicketRow *self = PST_TICKET_ROW (widget);
  const char *wire = NULL;

  if (self->item == NULL)
    return;

  if (g_str_equal (action_name, "ticket.guest-book"))
    wire = "guest_book";

  for (guint i = 0; wire == NULL && i < G_N_ELEMENTS (row_actions); i++)
    if (g_str_equal (action_name, row_actions[i].name))
      wire = row_actions[i].wire;

  g_assert (wire != NULL);

  gtk_widget_activate_action (widget, "queue.ticket-action", "(ss)",
                              wire, pst_ticket_item_get_id (self->item));
}

static void
item_changed_cb (PstTicketRow *self)
{
  update_ticket (self);
}

/* Class functions. */

static void
pst_ticket_row_dispose (GObject *object)
{
  PstTicketRow *self = (PstTicketRow *) object;

  pst_ticket_row_set_item (self, NULL);

  G_OBJECT_CLASS (pst_ticket_row_parent_class)->dispose (object);
}

static void
pst_ticket_row_finalize (GObject *object)
{
  PstTicketRow *self = (PstTicketRow *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_ticket_row_parent_class)->finalize (object);
}

static void
pst_ticket_row_constructed (GObject *object)
{
  PstTicketRow *self = (PstTicketRow *) object;

  G_OBJECT_CLASS (pst_ticket_row_parent_class)->constructed (object);

  g_assert (self->context != NULL);

  if (self->prominent)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "prominent");
      gtk_widget_set_visible (self->heading_label, TRUE);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "ticket-row");
    }

  update_ticket (self);
}

static void
pst_ticket_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PstTicketRow *self = PST_TICKET_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_PROMINENT:
      g_value_set_boolean (value, self->prominent);
      break;
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pst_ticket_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PstTicketRow *self = PST_TICKET_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_PROMINENT:
      self->prominent = g_value_get_boolean (value);
      break;
    case PROP_ITEM:
      pst_ticket_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pst_ticket_row_class_init (PstTicketRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pst_ticket_row_dispose;
  object_class->finalize = pst_ticket_row_finalize;
  object_class->constructed = pst_ticket_row_constructed;
  object_class->get_property = pst_ticket_row_get_property;
  object_class->set_property = pst_ticket_row_set_property;

  props[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, PST_TYPE_CONTEXT,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                             G_PARAM_STATIC_STRINGS);
  props[PROP_PROMINENT] = g_param_spec_boolean ("prominent", NULL, NULL, FALSE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                G_PARAM_STATIC_STRINGS);
  props[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, PST_TYPE_TICKET_ITEM,
                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                          G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  g_type_ensure (PST_TYPE_ACTIONS_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-ticket-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, service_label);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, issued_label);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, pending_box);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, clock_label);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, big_clock_box);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, big_clock_label);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, big_clock_caption);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, box);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, clock_line);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, side_slot);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, actions_box);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, primary_actions);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, secondary_actions);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, start_button);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, finish_button);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, recall_button);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, no_show_button);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, requeue_button);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, transfer_button);
  gtk_widget_class_bind_template_child (widget_class, PstTicketRow, guest_book_button);

  for (guint i = 0; i < G_N_ELEMENTS (row_actions); i++)
    gtk_widget_class_install_action (widget_class, row_actions[i].name, NULL, ticket_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.guest-book", NULL, ticket_action_cb);
}

static void
pst_ticket_row_init (PstTicketRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public functions. */

GtkWidget *
pst_ticket_row_new (PstContext *context,
                    gboolean    prominent)
{
  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);

  return g_object_new (PST_TYPE_TICKET_ROW,
                       "context", context,
                       "prominent", prominent,
                       NULL);
}

PstTicketItem *
pst_ticket_row_get_item (PstTicketRow *self)
{
  g_return_val_if_fail (PST_IS_TICKET_ROW (self), NULL);

  return self->item;
}

void
pst_ticket_row_set_item (PstTicketRow  *self,
                         PstTicketItem *item)
{
  g_return_if_fail (PST_IS_TICKET_ROW (self));
  g_return_if_fail (item == NULL || PST_IS_TICKET_ITEM (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    {
      g_clear_signal_handler (&self->ticket_handler, self->item);
      g_clear_signal_handler (&self->pending_handler, self->item);
      g_clear_object (&self->item);
    }

  if (item != NULL)
    {
      self->item = g_object_ref (item);
      self->ticket_handler = g_signal_connect_swapped (item, "notify::ticket",
                                                       G_CALLBACK (item_changed_cb), self);
      self->pending_handler = g_signal_connect_swapped (item, "notify::pending",
                                                        G_CALLBACK (item_changed_cb), self);
    }

  if (self->context != NULL)
    update_ticket (self);

  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ITEM]);
}

/* Redraws the running clocks at @now_us. @wait_due_us is the wait target
 * of a waiting ticket (PST_TIME_UNSET when its clock has not started) and
 * @head_of_line says whether it is the next of its service's line.
 */
void
pst_ticket_row_update_clock (PstTicketRow *self,
                             gint64        now_us,
                             gint64        wait_due_us,
                             gboolean      head_of_line)
{
  const PstTicket *ticket;

  g_return_if_fail (PST_IS_TICKET_ROW (self));

  ticket = row_ticket (self);
  if (ticket == NULL)
    return;

  switch (ticket->status)
    {
    case PST_TICKET_STATUS_WAITING:
      update_wait_clock (self, ticket, now_us, wait_due_us, head_of_line);
      gtk_widget_set_visible (self->big_clock_box, FALSE);
      break;
    case PST_TICKET_STATUS_CALLED:
      update_called_clock (self, ticket, now_us);
      break;
    case PST_TICKET_STATUS_SERVING:
      update_session_clock (self, ticket, now_us);
      break;
    case PST_TICKET_STATUS_DONE:
    case PST_TICKET_STATUS_NO_SHOW:
    case PST_TICKET_STATUS_TRANSFERRED:
    case PST_N_TICKET_STATUSES:
    default:
      set_label (self->clock_label, NULL);
      gtk_widget_set_visible (self->big_clock_box, FALSE);
      break;
    }

  update_clock_line (self);
}
