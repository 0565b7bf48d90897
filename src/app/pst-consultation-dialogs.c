/* pst-consultation-dialogs.c: closing, following up and reassigning a consultation.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-consultation-dialogs.h"

#include "pst-format.h"
#include "pst-i18n.h"

/* Three AdwMessageDialogs with a form as their extra child. The state of
 * an open dialog lives in a DialogData attached to it, which holds its
 * own references, so the dialog works on even if the thread it was
 * opened from is no longer shown.
 */

typedef struct
{
  PstContext          *context;
  PstConsultationItem *item;
  GtkWidget           *dialog;
  gboolean             answered;   /* the dialog is closing: its form is torn down */

  /* Close. */
  GtkWidget *resolution_list;

  /* Follow-up. */
  GtkWidget *mode_list;
  GtkWidget *calendar;
  GtkWidget *hour_spin;
  GtkWidget *minute_spin;
  GtkWidget *link_row;
  GtkWidget *follow_up_error;

  /* Reassign. */
  GCancellable *cancellable;
  GPtrArray    *officers;     /* PstOfficer, in the list's order */
  GtkWidget    *officer_stack;
  GtkWidget    *officer_list;
  GtkWidget    *officer_error;
  GtkWidget    *note_row;
} DialogData;

static void
dialog_data_free (DialogData *data)
{
  g_cancellable_cancel (data->cancellable);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->officers, g_ptr_array_unref);
  g_clear_object (&data->context);
  g_clear_object (&data->item);
  g_free (data);
}

static DialogData *
dialog_data_new (PstContext          *context,
                 PstConsultationItem *item,
                 GtkWidget           *dialog)
{
  DialogData *data = g_new0 (DialogData, 1);

  data->context = g_object_ref (context);
  data->item = g_object_ref (item);
  data->dialog = dialog;
  g_object_set_data_full (G_OBJECT (dialog), "pst-dialog-data", data,
                          (GDestroyNotify) dialog_data_free);

  return data;
}

static const char *
subject_of (PstConsultationItem *item)
{
  const char *subject = pst_consultation_item_get_consultation (item)->subject;

  return subject != NULL ? subject : "";
}

/* The choices of a dialog are rows of a boxed list with single
 * selection (which keyboards, pointers and assistive technologies all
 * know how to pick); the chosen row shows a check mark.
 */
static void
choice_marks_cb (GtkListBox *list)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (list);

  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      GtkWidget *mark;

      if (row == NULL)
        break;
      mark = g_object_get_data (G_OBJECT (row), "pst-choice-mark");
      if (mark != NULL)
        gtk_widget_set_opacity (mark, row == selected ? 1.0 : 0.0);
    }
}

static GtkWidget *
new_choice_list (const char *accessible_name)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  g_signal_connect (list, "selected-rows-changed", G_CALLBACK (choice_marks_cb), NULL);
  return list;
}

/* A row of @list: @title, @subtitle (or NULL). */
static GtkWidget *
add_choice_row (GtkWidget  *list,
                const char *title,
                const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_opacity (mark, 0.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);
  g_object_set_data (G_OBJECT (row), "pst-choice-mark", mark);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  return row;
}

static void
choose (GtkWidget *list,
        GtkWidget *row)
{
  gtk_list_box_select_row (GTK_LIST_BOX (list), GTK_LIST_BOX_ROW (row));
}

/* The index of the chosen row, or -1. */
static int
chosen_index (GtkWidget *list)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (list));

  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

static GtkWidget *
new_boxed_list (const char *accessible_name)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  return list;
}

/* Closing. */

static const char *
describe_resolution (PstResolution resolution)
{
  switch (resolution)
    {
    case PST_RESOLUTION_ANSWERED:
      return _("The question has been answered");
    case PST_RESOLUTION_REFERRED:
      return _("Sent on to another BPS office or agency that holds the data");
    case PST_RESOLUTION_NO_RESPONSE:
      return _("The requester stopped replying");
    case PST_RESOLUTION_DUPLICATE:
      return _("The same question is handled in another consultation");
    case PST_N_RESOLUTIONS:
    default:
      return NULL;
    }
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   DialogData       *data)
{
  g_autoptr(JsonObject) body = NULL;
  int resolution = chosen_index (data->resolution_list);

  data->answered = TRUE;

  if (g_strcmp0 (response, "close") != 0 || resolution < 0 || resolution >= PST_N_RESOLUTIONS)
    return;

  body = json_object_new ();
  json_object_set_string_member (body, "resolution", pst_resolution_to_string (resolution));

  pst_sync_consultation_action (pst_context_get_sync (data->context), data->item,
                                PST_CONSULTATION_ACTION_CLOSE, body);
}

void
pst_consultation_close_dialog_present (PstContext          *context,
                                       GtkWindow           *parent,
                                       PstConsultationItem *item)
{
  GtkWidget *dialog;
  DialogData *data;

  g_return_if_fail (PST_IS_CONTEXT (context));
  g_return_if_fail (PST_IS_CONSULTATION_ITEM (item));

  dialog = adw_message_dialog_new (parent, _("Close Consultation?"), NULL);
  /* Translators: The body of the close dialog; %s is the subject. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” leaves the list of open consultations. How was it "
                                    "resolved?"), subject_of (item));
  data = dialog_data_new (context, item, dialog);

  data->resolution_list = new_choice_list (_("Resolution"));
  for (guint i = 0; i < PST_N_RESOLUTIONS; i++)
    {
      GtkWidget *row = add_choice_row (data->resolution_list, pst_format_resolution (i),
                                       describe_resolution (i));

      if (i == PST_RESOLUTION_ANSWERED)
        choose (data->resolution_list, row);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), data->resolution_list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Cancel"),
                                    /* Translators: The button that closes a consultation. */
                                    "close", C_("consultation", "Close"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Following up. */

static GTimeZone *
office_zone (DialogData *data)
{
  PstCalendar *calendar = pst_sync_get_calendar (pst_context_get_sync (data->context));

  return calendar != NULL ? g_time_zone_ref (pst_calendar_get_time_zone (calendar))
                          : g_time_zone_new_local ();
}

/* The instant chosen in the form, in the office's time zone. */
static gint64
follow_up_instant (DialogData *data)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (GTK_CALENDAR (data->calendar));
  g_autoptr(GTimeZone) tz = office_zone (data);
  g_autoptr(GDateTime) at = NULL;

  at = g_date_time_new (tz, g_date_time_get_year (day), g_date_time_get_month (day),
                        g_date_time_get_day_of_month (day),
                        gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (data->hour_spin)),
                        gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (data->minute_spin)), 0);

  return at != NULL ? pst_time_from_date_time (at) : PST_TIME_UNSET;
}

static gboolean
follow_up_is_zoom (DialogData *data)
{
  return chosen_index (data->mode_list) == 1;
}

/* Says what is missing and enables "Schedule" only when nothing is. */
static void
follow_up_validate (DialogData *data)
{
  gint64 at = follow_up_instant (data);
  gint64 now = pst_clock_get_now (pst_context_get_clock (data->context));
  const char *link = gtk_editable_get_text (GTK_EDITABLE (data->link_row));
  const char *problem = NULL;

  if (data->answered)
    return;

  gtk_widget_set_visible (data->link_row, follow_up_is_zoom (data));

  if (at == PST_TIME_UNSET || at <= now)
    problem = _("Choose a day and time still to come");
  else if (follow_up_is_zoom (data) && !g_str_has_prefix (link, "https://"))
    problem = _("Paste the meeting’s link, starting with https://");

  gtk_label_set_label (GTK_LABEL (data->follow_up_error), problem != NULL ? problem : "");
  gtk_widget_set_visible (data->follow_up_error, problem != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (data->dialog), "schedule",
                                           problem == NULL);
}

static void
follow_up_changed_cb (DialogData *data)
{
  follow_up_validate (data);
}

static void
follow_up_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       DialogData       *data)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *at_text = NULL;
  gint64 at;

  data->answered = TRUE;

  if (g_strcmp0 (response, "schedule") != 0)
    return;

  at = follow_up_instant (data);
  if (at == PST_TIME_UNSET)
    return;

  at_text = pst_time_format_rfc3339 (at, NULL);
  body = json_object_new ();
  json_object_set_string_member (body, "mode",
                                 pst_follow_up_mode_to_string (follow_up_is_zoom (data)
                                                               ? PST_FOLLOW_UP_ZOOM
                                                               : PST_FOLLOW_UP_IN_PERSON));
  json_object_set_string_member (body, "at", at_text);
  if (follow_up_is_zoom (data))
    json_object_set_string_member (body, "link",
                                   gtk_editable_get_text (GTK_EDITABLE (data->link_row)));

  pst_sync_consultation_action (pst_context_get_sync (data->context), data->item,
                                PST_CONSULTATION_ACTION_FOLLOW_UP, body);
}

/* Hours and minutes with two digits: "09:05". */
static gboolean
spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static GtkWidget *
new_spin (int         max,
          int         value,
          const char *accessible_name)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  g_signal_connect (spin, "output", G_CALLBACK (spin_output_cb), NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
  gtk_widget_add_css_class (spin, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  return spin;
}

void
pst_consultation_follow_up_dialog_present (PstContext          *context,
                                           GtkWindow           *parent,
                                           PstConsultationItem *item)
{
  const PstConsultation *consultation = pst_consultation_item_get_consultation (item);
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) start = NULL;
  GtkWidget *dialog, *box, *in_person, *zoom, *when, *time_box, *colon, *link_list;
  DialogData *data;

  g_return_if_fail (PST_IS_CONTEXT (context));
  g_return_if_fail (PST_IS_CONSULTATION_ITEM (item));

  dialog = adw_message_dialog_new (parent, _("Schedule a Follow-up"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Meet the requester of “%s” at the office or by Zoom. The "
                                    "time is the office’s local time."), subject_of (item));
  data = dialog_data_new (context, item, dialog);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  data->mode_list = new_choice_list (_("How to meet"));
  in_person = add_choice_row (data->mode_list, _("In person"),
                              _("The requester comes to the PST desk"));
  zoom = add_choice_row (data->mode_list, _("Zoom meeting"),
                         _("Send the meeting link with the invitation"));
  gtk_box_append (GTK_BOX (box), data->mode_list);

  /* The default: the next full hour, or what is planned already. */
  tz = office_zone (data);
  if (consultation->follow_up != NULL && consultation->follow_up->at != PST_TIME_UNSET)
    start = pst_time_to_date_time (consultation->follow_up->at, tz);
  else
    {
      g_autoptr(GDateTime) now = pst_time_to_date_time (pst_clock_get_now (pst_context_get_clock (context)), tz);
      g_autoptr(GDateTime) hour = g_date_time_add_minutes (now, 60 - g_date_time_get_minute (now));

      start = g_date_time_ref (hour);
    }

  when = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  data->calendar = gtk_calendar_new ();
  gtk_calendar_select_day (GTK_CALENDAR (data->calendar), start);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Day"), -1);
  gtk_widget_add_css_class (data->calendar, "card");
  gtk_box_append (GTK_BOX (when), data->calendar);

  time_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_valign (time_box, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (time_box, TRUE);
  gtk_widget_set_halign (time_box, GTK_ALIGN_CENTER);
  data->hour_spin = new_spin (23, g_date_time_get_hour (start), _("Hour"));
  data->minute_spin = new_spin (59, g_date_time_get_minute (start), _("Minute"));
  colon = gtk_label_new (":");
  gtk_widget_add_css_class (colon, "title-2");
  gtk_box_append (GTK_BOX (time_box), data->hour_spin);
  gtk_box_append (GTK_BOX (time_box), colon);
  gtk_box_append (GTK_BOX (time_box), data->minute_spin);
  gtk_box_append (GTK_BOX (when), time_box);
  gtk_box_append (GTK_BOX (box), when);

  link_list = new_boxed_list (_("Meeting link"));
  data->link_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->link_row), _("Zoom link"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->link_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Zoom link"), -1);
  gtk_list_box_append (GTK_LIST_BOX (link_list), data->link_row);
  g_object_bind_property (data->link_row, "visible", link_list, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), link_list);

  data->follow_up_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (data->follow_up_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (data->follow_up_error), 0);
  gtk_widget_add_css_class (data->follow_up_error, "error");
  gtk_widget_add_css_class (data->follow_up_error, "caption");
  gtk_box_append (GTK_BOX (box), data->follow_up_error);

  if (consultation->follow_up != NULL && consultation->follow_up->mode == PST_FOLLOW_UP_ZOOM)
    {
      choose (data->mode_list, zoom);
      if (consultation->follow_up->link != NULL)
        gtk_editable_set_text (GTK_EDITABLE (data->link_row), consultation->follow_up->link);
    }
  else
    choose (data->mode_list, in_person);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Cancel"),
                                    "schedule", _("Schedule"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "schedule",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "schedule");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_swapped (data->mode_list, "selected-rows-changed",
                            G_CALLBACK (follow_up_changed_cb), data);
  g_signal_connect_swapped (data->calendar, "day-selected", G_CALLBACK (follow_up_changed_cb), data);
  g_signal_connect_swapped (data->hour_spin, "value-changed", G_CALLBACK (follow_up_changed_cb), data);
  g_signal_connect_swapped (data->minute_spin, "value-changed", G_CALLBACK (follow_up_changed_cb), data);
  g_signal_connect_swapped (data->link_row, "changed", G_CALLBACK (follow_up_changed_cb), data);
  g_signal_connect (dialog, "response", G_CALLBACK (follow_up_response_cb), data);
  follow_up_validate (data);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Reassigning (supervisors). */

static char *
describe_workload (const PstOfficer *officer)
{
  g_autofree char *open = NULL;

  if (!officer->has_workload)
    return NULL;

  open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d open consultation",
                                       "%d open consultations",
                                       (gulong) officer->workload_consultations),
                          officer->workload_consultations);
  if (officer->workload_overdue == 0)
    return g_steal_pointer (&open);

  /* Translators: An officer's workload: "3 open consultations, 1 overdue". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d overdue", "%s, %d overdue",
                                       (gulong) officer->workload_overdue),
                          open, officer->workload_overdue);
}

static const PstOfficer *
chosen_officer (DialogData *data)
{
  int index = chosen_index (data->officer_list);

  if (data->officers == NULL || index < 0 || (guint) index >= data->officers->len)
    return NULL;

  return g_ptr_array_index (data->officers, index);
}

static void
reassign_validate (DialogData *data)
{
  const PstOfficer *officer = chosen_officer (data);

  if (data->answered)
    return;

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (data->dialog), "reassign",
                                           officer != NULL &&
                                           g_strcmp0 (officer->id,
                                                      pst_consultation_item_get_assignee (data->item)) != 0);
}

static void
officer_chosen_cb (DialogData *data)
{
  reassign_validate (data);
}

static void
show_officers (DialogData *data)
{
  const char *assignee = pst_consultation_item_get_assignee (data->item);

  for (guint i = 0; i < data->officers->len; i++)
    {
      const PstOfficer *officer = g_ptr_array_index (data->officers, i);
      g_autofree char *workload = describe_workload (officer);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (g_strcmp0 (officer->id, assignee) == 0)
        /* Translators: After the workload of the officer who has the consultation now. */
        subtitle = g_strdup_printf (_("%s · has it now"), workload != NULL ? workload : "");
      else
        subtitle = g_steal_pointer (&workload);

      row = add_choice_row (data->officer_list, officer->name, subtitle);
      if (g_strcmp0 (officer->id, assignee) == 0)
        choose (data->officer_list, row);
    }

  g_signal_connect_swapped (data->officer_list, "selected-rows-changed",
                            G_CALLBACK (officer_chosen_cb), data);
  gtk_stack_set_visible_child_name (GTK_STACK (data->officer_stack), "list");
  reassign_validate (data);
}

static void
officers_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DialogData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *items = NULL;

  node = pst_sync_request_finish (PST_SYNC (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      json_object_has_member (json_node_get_object (node), "items") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (node), "items")))
    items = json_object_get_array_member (json_node_get_object (node), "items");

  if (items == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why, from the server or the connection. */
      text = g_strdup_printf (_("The office’s officers could not be loaded: %s"),
                              error != NULL ? error->message : _("the server’s answer was not understood"));
      gtk_label_set_label (GTK_LABEL (data->officer_error), text);
      gtk_stack_set_visible_child_name (GTK_STACK (data->officer_stack), "error");
      return;
    }

  data->officers = g_ptr_array_new_with_free_func ((GDestroyNotify) pst_officer_free);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      PstOfficer *officer = pst_officer_from_json (json_array_get_element (items, i), NULL);

      if (officer == NULL)
        continue;
      if (officer->role != PST_ROLE_OFFICER && officer->role != PST_ROLE_SUPERVISOR)
        {
          pst_officer_free (officer);
          continue;
        }
      g_ptr_array_add (data->officers, officer);
    }

  show_officers (data);
}

static void
reassign_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      DialogData       *data)
{
  const PstOfficer *officer = chosen_officer (data);
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *note = NULL;

  data->answered = TRUE;

  if (g_strcmp0 (response, "reassign") != 0 || officer == NULL)
    return;

  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->note_row))));
  body = json_object_new ();
  json_object_set_string_member (body, "officer", officer->id);
  if (*note != '\0')
    json_object_set_string_member (body, "note", note);

  pst_sync_consultation_action (pst_context_get_sync (data->context), data->item,
                                PST_CONSULTATION_ACTION_ASSIGN, body);
}

void
pst_consultation_reassign_dialog_present (PstContext          *context,
                                          GtkWindow           *parent,
                                          PstConsultationItem *item)
{
  PstSync *sync;
  const PstOffice *office;
  GtkWidget *dialog, *box, *spinner, *scrolled, *note_list;
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;
  DialogData *data;

  g_return_if_fail (PST_IS_CONTEXT (context));
  g_return_if_fail (PST_IS_CONSULTATION_ITEM (item));

  sync = pst_context_get_sync (context);
  office = pst_sync_get_office (sync);

  dialog = adw_message_dialog_new (parent, _("Reassign Consultation"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Who in the office should answer “%s”? They see it in their "
                                    "list at once; the note is kept with the change."),
                                  subject_of (item));
  data = dialog_data_new (context, item, dialog);
  data->cancellable = g_cancellable_new ();

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  data->officer_stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (data->officer_stack), FALSE);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 24, 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Loading the office’s officers"), -1);
  gtk_stack_add_named (GTK_STACK (data->officer_stack), spinner, "loading");

  data->officer_list = new_choice_list (_("Officers"));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), data->officer_list);
  gtk_stack_add_named (GTK_STACK (data->officer_stack), scrolled, "list");

  data->officer_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (data->officer_error), TRUE);
  gtk_widget_add_css_class (data->officer_error, "error");
  gtk_stack_add_named (GTK_STACK (data->officer_stack), data->officer_error, "error");
  gtk_stack_set_visible_child_name (GTK_STACK (data->officer_stack), "loading");
  gtk_box_append (GTK_BOX (box), data->officer_stack);

  note_list = new_boxed_list (_("Note"));
  data->note_row = adw_entry_row_new ();
  /* Translators: A note kept with a reassignment, for the officer who gets it. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->note_row), _("Note (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->note_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  gtk_list_box_append (GTK_LIST_BOX (note_list), data->note_row);
  gtk_box_append (GTK_BOX (box), note_list);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Cancel"),
                                    "reassign", _("Reassign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reassign",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reassign", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (reassign_response_cb), data);

  escaped = g_uri_escape_string (office != NULL && office->code != NULL ? office->code : "",
                                 NULL, FALSE);
  path = g_strdup_printf ("/officers?office=%s&limit=500", escaped);
  pst_sync_request_async (sync, "GET", path, NULL, data->cancellable, officers_loaded_cb, data);

  gtk_window_present (GTK_WINDOW (dialog));
}
