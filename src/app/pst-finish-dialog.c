/* pst-finish-dialog.c: finishing a walk-in visit with its topic and outcome.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-finish-dialog.h"

#include "pst-format.h"
#include "pst-i18n.h"

/* Finishing records what the visit was about (the topic), what came of it
 * (the outcome, required) and optional notes, and sends the ticket's
 * "finish" action with them. The limits are the server's.
 */
#define OUTCOME_MAX_CHARS 200
#define NOTES_MAX_CHARS   2000

struct _PstFinishDialog
{
  AdwWindow parent_instance;

  PstContext    *context;
  PstTicketItem *ticket;
  gboolean       outcome_touched;

  GtkWidget *window_title;
  GtkWidget *summary_label;
  GtkWidget *topic_input;
  GtkWidget *outcome_input;
  GtkWidget *outcome_error;
  GtkWidget *notes_input;
  GtkWidget *notes_error;
  GtkWidget *status_label;
};

G_DEFINE_FINAL_TYPE (PstFinishDialog, pst_finish_dialog, ADW_TYPE_WINDOW)

/* Helpers. */

static char *
notes_text (PstFinishDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_input));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static char *
outcome_text (PstFinishDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->outcome_input))));
}

/* The message for the outcome as it stands, or NULL when it is fine. */
static char *
outcome_problem (PstFinishDialog *self)
{
  g_autofree char *outcome = outcome_text (self);

  if (*outcome == '\0')
    return g_strdup (_("Write what came of the visit"));

  if (g_utf8_strlen (outcome, -1) > OUTCOME_MAX_CHARS)
    return g_strdup_printf (_("Keep the outcome to %d characters; put details in the notes"),
                            OUTCOME_MAX_CHARS);

  return NULL;
}

static gboolean
notes_fit (PstFinishDialog *self)
{
  g_autofree char *notes = notes_text (self);

  return g_utf8_strlen (notes, -1) <= NOTES_MAX_CHARS;
}

static void
validate (PstFinishDialog *self)
{
  g_autofree char *problem = outcome_problem (self);
  gboolean show = problem != NULL && self->outcome_touched;
  gboolean notes_ok = notes_fit (self);
  g_autofree char *notes_message = NULL;

  gtk_label_set_label (GTK_LABEL (self->outcome_error), show ? problem : "");
  gtk_widget_set_visible (self->outcome_error, show);
  if (show)
    gtk_widget_add_css_class (self->outcome_input, "error");
  else
    gtk_widget_remove_css_class (self->outcome_input, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->outcome_input),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               show ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);

  if (notes_ok)
    notes_message = g_strdup (_("Optional. Kept with the visit for reports."));
  else
    notes_message = g_strdup_printf (_("Keep the notes to %d characters"), NOTES_MAX_CHARS);
  gtk_label_set_label (GTK_LABEL (self->notes_error), notes_message);
  gtk_widget_remove_css_class (self->notes_error, notes_ok ? "error" : "dim-label");
  gtk_widget_add_css_class (self->notes_error, notes_ok ? "dim-label" : "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "finish.finish",
                                 problem == NULL && notes_ok);
}

static void
fill_summary (PstFinishDialog *self)
{
  const PstTicket *ticket = pst_ticket_item_get_ticket (self->ticket);
  GString *summary = g_string_new (NULL);

  g_string_append_printf (summary, "%s · %s", ticket->number,
                          pst_format_service (ticket->service));
  if (ticket->guest_book != NULL && ticket->guest_book->name != NULL)
    g_string_append_printf (summary, " · %s", ticket->guest_book->name);

  if (ticket->started_at != PST_TIME_UNSET)
    {
      gint64 now = pst_clock_get_now (pst_context_get_clock (self->context));
      g_autofree char *served = pst_format_duration (now - ticket->started_at);

      g_string_append (summary, " · ");
      /* Translators: How long the visitor has been served: "served 23 min". */
      g_string_append_printf (summary, _("served %s"), served);
    }

  gtk_label_set_label (GTK_LABEL (self->summary_label), summary->str);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title), ticket->number);
  g_string_free (summary, TRUE);
}

static void
fill_topics (PstFinishDialog *self)
{
  g_autoptr(GtkStringList) topics = gtk_string_list_new (NULL);

  for (int i = 0; i < PST_N_CATEGORIES; i++)
    gtk_string_list_append (topics, pst_format_category (i));

  gtk_drop_down_set_model (GTK_DROP_DOWN (self->topic_input), G_LIST_MODEL (topics));
}

/* A GtkDropDown (4.8) is a toggle button inside: give it the drop-down's
 * name too, so no control is left unnamed for screen readers.
 */
static void
name_drop_down_button (GtkWidget  *drop_down,
                       const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (drop_down);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
}

/* Callbacks. */

static void
outcome_changed_cb (PstFinishDialog *self)
{
  self->outcome_touched = TRUE;
  validate (self);
}

static void
outcome_leave_cb (PstFinishDialog *self)
{
  self->outcome_touched = TRUE;
  validate (self);
}

static void
finish_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PstFinishDialog *self = PST_FINISH_DIALOG (widget);
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *outcome = outcome_text (self);
  g_autofree char *notes = notes_text (self);
  guint topic = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->topic_input));

  if (!pst_ticket_action_is_allowed (pst_ticket_item_get_status (self->ticket),
                                     PST_TICKET_ACTION_FINISH))
    {
      gtk_label_set_label (GTK_LABEL (self->status_label),
                           _("This ticket is no longer being served, so it cannot be "
                             "finished here. Close this window to see where it is now."));
      gtk_widget_set_visible (self->status_label, TRUE);
      return;
    }

  body = json_object_new ();
  json_object_set_string_member (body, "topic",
                                 pst_category_to_string (topic < PST_N_CATEGORIES
                                                         ? (PstCategory) topic
                                                         : PST_CATEGORY_OTHER));
  json_object_set_string_member (body, "outcome", outcome);
  if (*notes != '\0')
    json_object_set_string_member (body, "notes", notes);

  pst_sync_ticket_action (pst_context_get_sync (self->context), self->ticket,
                          PST_TICKET_ACTION_FINISH, body);

  gtk_window_close (GTK_WINDOW (self));
}

/* Class functions. */

/* Typing starts in the first field to fill in. */
static void
pst_finish_dialog_map (GtkWidget *widget)
{
  PstFinishDialog *self = (PstFinishDialog *) widget;

  GTK_WIDGET_CLASS (pst_finish_dialog_parent_class)->map (widget);

  gtk_widget_grab_focus (self->outcome_input);
}

static void
pst_finish_dialog_finalize (GObject *object)
{
  PstFinishDialog *self = (PstFinishDialog *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->ticket);

  G_OBJECT_CLASS (pst_finish_dialog_parent_class)->finalize (object);
}

static void
pst_finish_dialog_class_init (PstFinishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pst_finish_dialog_finalize;
  widget_class->map = pst_finish_dialog_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-finish-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PstFinishDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PstFinishDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PstFinishDialog, topic_input);
  gtk_widget_class_bind_template_child (widget_class, PstFinishDialog, outcome_input);
  gtk_widget_class_bind_template_child (widget_class, PstFinishDialog, outcome_error);
  gtk_widget_class_bind_template_child (widget_class, PstFinishDialog, notes_input);
  gtk_widget_class_bind_template_child (widget_class, PstFinishDialog, notes_error);
  gtk_widget_class_bind_template_child (widget_class, PstFinishDialog, status_label);

  gtk_widget_class_install_action (widget_class, "finish.finish", NULL, finish_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "finish.finish", NULL);
}

static void
pst_finish_dialog_init (PstFinishDialog *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  fill_topics (self);
  /* Translators: The accessible name of the topic drop-down's button. */
  name_drop_down_button (self->topic_input, _("Topic"));

  g_signal_connect_swapped (self->outcome_input, "changed",
                            G_CALLBACK (outcome_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_input)),
                            "changed", G_CALLBACK (validate), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (outcome_leave_cb), self);
  gtk_widget_add_controller (self->outcome_input, focus);

  validate (self);
}

/* Public functions. */

GtkWidget *
pst_finish_dialog_new (PstContext    *context,
                       PstTicketItem *ticket)
{
  PstFinishDialog *self;

  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (PST_IS_TICKET_ITEM (ticket), NULL);

  self = g_object_new (PST_TYPE_FINISH_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->ticket = g_object_ref (ticket);

  fill_summary (self);

  return GTK_WIDGET (self);
}
