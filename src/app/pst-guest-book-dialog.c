/* pst-guest-book-dialog.c: the walk-in guest book form.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-guest-book-dialog.h"

#include "pst-format.h"
#include "pst-i18n.h"

/* The form checks each field as it is typed with the core's
 * pst_validate_guest_book_field() and shows that field's message under
 * it (once the field was edited or left, so an empty form is not all
 * red); Save is enabled only when every field is valid. Saving sends the
 * normalized values: for a ticket with pst_sync_set_guest_book(), for a
 * visitor of an office that fills the guest book in before the queue with
 * pst_sync_issue_ticket().
 *
 * The full ID number is never shown back: a saved guest book only has the
 * masked number, which the form offers as a hint.
 */

typedef enum
{
  FIELD_NAME,
  FIELD_ID_TYPE,
  FIELD_ID_NUMBER,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_INSTITUTION,
  FIELD_OCCUPATION,
  FIELD_PURPOSE,
  N_FIELDS
} Field;

/* The API names of the fields, as pst_validate_guest_book_field() takes them. */
static const char *field_names[N_FIELDS] = {
  "name", "id_type", "id_number", "email", "phone", "institution", "occupation", "purpose",
};

struct _PstGuestBookDialog
{
  AdwWindow parent_instance;

  PstContext    *context;
  PstTicketItem *ticket;      /* NULL when issuing a new ticket */
  PstService     service;

  GtkWidget *inputs[N_FIELDS];
  GtkWidget *errors[N_FIELDS];
  gboolean   touched[N_FIELDS];
  gboolean   valid[N_FIELDS];

  GtkWidget *window_title;
  GtkWidget *intro_label;
  GtkWidget *save_button;
};

G_DEFINE_FINAL_TYPE (PstGuestBookDialog, pst_guest_book_dialog, ADW_TYPE_WINDOW)

/* Helpers. */

static PstIdType
selected_id_type (PstGuestBookDialog *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->inputs[FIELD_ID_TYPE]));

  return selected < PST_N_ID_TYPES ? (PstIdType) selected : PST_ID_TYPE_KTP;
}

/* The text of a field as typed (the ID type as its wire name). */
static char *
field_text (PstGuestBookDialog *self,
            Field               field)
{
  GtkWidget *input = self->inputs[field];

  if (field == FIELD_ID_TYPE)
    return g_strdup (pst_id_type_to_string (selected_id_type (self)));

  if (GTK_IS_TEXT_VIEW (input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (input)));
}

static void
set_field_text (PstGuestBookDialog *self,
                Field               field,
                const char         *text)
{
  GtkWidget *input = self->inputs[field];

  if (text == NULL)
    return;

  if (GTK_IS_TEXT_VIEW (input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (input), text);
}

/* Validates one field; its normal form goes to @out_normalized if given. */
static gboolean
check_field (PstGuestBookDialog  *self,
             Field                field,
             char               **out_normalized,
             GError             **error)
{
  g_autofree char *text = field_text (self, field);

  return pst_validate_guest_book_field (field_names[field], text, selected_id_type (self),
                                        out_normalized, error);
}

static void
show_field_state (PstGuestBookDialog *self,
                  Field               field,
                  const GError       *error)
{
  GtkWidget *input = self->inputs[field];
  gboolean show = error != NULL && self->touched[field];
  GtkWidget *styled = GTK_IS_TEXT_VIEW (input) ? gtk_widget_get_parent (input) : input;

  gtk_label_set_label (GTK_LABEL (self->errors[field]), show ? error->message : "");
  gtk_widget_set_visible (self->errors[field], show);

  if (show)
    gtk_widget_add_css_class (styled, "error");
  else
    gtk_widget_remove_css_class (styled, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (input),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               show ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
validate_field (PstGuestBookDialog *self,
                Field               field)
{
  g_autoptr(GError) error = NULL;

  self->valid[field] = check_field (self, field, NULL, &error);
  show_field_state (self, field, error);
}

static void
update_save (PstGuestBookDialog *self)
{
  gboolean all_valid = TRUE;

  for (guint i = 0; i < N_FIELDS; i++)
    all_valid &= self->valid[i];

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guest-book.save", all_valid);
}

static void
validate_all (PstGuestBookDialog *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    validate_field (self, i);

  update_save (self);
}

static Field
field_of_input (PstGuestBookDialog *self,
                GtkWidget          *input)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (self->inputs[i] == input)
      return i;

  g_assert_not_reached ();
}

/* Builds the guest book from the normal forms of the fields. */
static PstGuestBook *
collect_guest_book (PstGuestBookDialog *self)
{
  g_autoptr(PstGuestBook) guest_book = pst_guest_book_new ();
  char **targets[N_FIELDS] = {
    [FIELD_NAME] = &guest_book->name,
    [FIELD_ID_NUMBER] = &guest_book->id_number,
    [FIELD_EMAIL] = &guest_book->email,
    [FIELD_PHONE] = &guest_book->phone,
    [FIELD_INSTITUTION] = &guest_book->institution,
    [FIELD_OCCUPATION] = &guest_book->occupation,
    [FIELD_PURPOSE] = &guest_book->purpose,
  };

  guest_book->id_type = selected_id_type (self);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autoptr(GError) error = NULL;

      if (targets[i] == NULL)
        continue;

      if (!check_field (self, i, targets[i], &error))
        {
          self->touched[i] = TRUE;
          show_field_state (self, i, error);
          gtk_widget_grab_focus (self->inputs[i]);
          return NULL;
        }
    }

  return g_steal_pointer (&guest_book);
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
input_changed_cb (PstGuestBookDialog *self,
                  GtkWidget          *input)
{
  Field field = field_of_input (self, input);

  self->touched[field] = TRUE;
  validate_field (self, field);
  update_save (self);
}

static void
buffer_changed_cb (PstGuestBookDialog *self)
{
  input_changed_cb (self, self->inputs[FIELD_PURPOSE]);
}

static void
id_type_changed_cb (PstGuestBookDialog *self)
{
  /* The rule of the ID number depends on the type (NIK for a KTP). */
  validate_field (self, FIELD_ID_TYPE);
  validate_field (self, FIELD_ID_NUMBER);
  update_save (self);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                PstGuestBookDialog      *self)
{
  GtkWidget *input = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  Field field = field_of_input (self, input);

  self->touched[field] = TRUE;
  validate_field (self, field);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PstGuestBookDialog *self = PST_GUEST_BOOK_DIALOG (widget);
  PstSync *sync = pst_context_get_sync (self->context);
  g_autoptr(PstGuestBook) guest_book = collect_guest_book (self);

  if (guest_book == NULL)
    return;

  if (self->ticket != NULL)
    pst_sync_set_guest_book (sync, self->ticket, guest_book);
  else
    pst_sync_issue_ticket (sync, self->service, guest_book);

  gtk_window_close (GTK_WINDOW (self));
}

/* Setup. */

static void
fill_id_types (PstGuestBookDialog *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  for (int i = 0; i < PST_N_ID_TYPES; i++)
    gtk_string_list_append (types, pst_format_id_type (i));

  gtk_drop_down_set_model (GTK_DROP_DOWN (self->inputs[FIELD_ID_TYPE]), G_LIST_MODEL (types));
}

static void
connect_inputs (PstGuestBookDialog *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      GtkWidget *input = self->inputs[i];
      GtkEventController *focus;

      if (i == FIELD_ID_TYPE)
        {
          g_signal_connect_swapped (input, "notify::selected",
                                    G_CALLBACK (id_type_changed_cb), self);
          continue;
        }

      if (GTK_IS_TEXT_VIEW (input))
        g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), "changed",
                                  G_CALLBACK (buffer_changed_cb), self);
      else
        g_signal_connect_swapped (input, "changed", G_CALLBACK (input_changed_cb), self);

      focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
      gtk_widget_add_controller (input, focus);
    }
}

/* Shows what is already on file for the ticket (never a full ID number). */
static void
fill_from_ticket (PstGuestBookDialog *self)
{
  const PstTicket *ticket = pst_ticket_item_get_ticket (self->ticket);
  const PstGuestBook *guest_book = ticket->guest_book;
  g_autofree char *subtitle = NULL;

  /* Translators: The subtitle of the guest book form: "K-012 · Consultation". */
  subtitle = g_strdup_printf (_("%s · %s"), ticket->number, pst_format_service (ticket->service));
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title), subtitle);

  if (guest_book == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->intro_label),
                           _("Fill in the guest book with the visitor."));
      return;
    }

  set_field_text (self, FIELD_NAME, guest_book->name);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->inputs[FIELD_ID_TYPE]), guest_book->id_type);
  set_field_text (self, FIELD_EMAIL, guest_book->email);
  set_field_text (self, FIELD_PHONE, guest_book->phone);
  set_field_text (self, FIELD_INSTITUTION, guest_book->institution);
  set_field_text (self, FIELD_OCCUPATION, guest_book->occupation);
  set_field_text (self, FIELD_PURPOSE, guest_book->purpose);

  if (guest_book->id_number_masked != NULL)
    {
      g_autofree char *intro = NULL;

      gtk_entry_set_placeholder_text (GTK_ENTRY (self->inputs[FIELD_ID_NUMBER]),
                                      guest_book->id_number_masked);
      /* Translators: %s is a masked ID number such as ************1234. */
      intro = g_strdup_printf (_("Correcting the guest book. The ID number on file is %s: "
                                 "type it again in full to save the changes."),
                               guest_book->id_number_masked);
      gtk_label_set_label (GTK_LABEL (self->intro_label), intro);
    }
}

static void
fill_for_issue (PstGuestBookDialog *self)
{
  g_autofree char *subtitle = NULL;

  /* Translators: The subtitle of the guest book form when it comes before
   * the ticket: "New Consultation ticket".
   */
  subtitle = g_strdup_printf (_("New %s ticket"), pst_format_service (self->service));
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title), subtitle);
  gtk_label_set_label (GTK_LABEL (self->intro_label),
                       _("This office fills in the guest book before giving a number. "
                         "The ticket is issued when you save."));
}

/* Class functions. */

/* Typing starts in the first field to fill in. */
static void
pst_guest_book_dialog_map (GtkWidget *widget)
{
  PstGuestBookDialog *self = (PstGuestBookDialog *) widget;

  GTK_WIDGET_CLASS (pst_guest_book_dialog_parent_class)->map (widget);

  gtk_widget_grab_focus (self->inputs[FIELD_NAME]);
}

static void
pst_guest_book_dialog_finalize (GObject *object)
{
  PstGuestBookDialog *self = (PstGuestBookDialog *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->ticket);

  G_OBJECT_CLASS (pst_guest_book_dialog_parent_class)->finalize (object);
}

static void
pst_guest_book_dialog_class_init (PstGuestBookDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pst_guest_book_dialog_finalize;
  widget_class->map = pst_guest_book_dialog_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-guest-book-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PstGuestBookDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PstGuestBookDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, PstGuestBookDialog, save_button);
  gtk_widget_class_bind_template_child_full (widget_class, "name_input", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, inputs[FIELD_NAME]));
  gtk_widget_class_bind_template_child_full (widget_class, "id_type_input", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, inputs[FIELD_ID_TYPE]));
  gtk_widget_class_bind_template_child_full (widget_class, "id_number_input", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, inputs[FIELD_ID_NUMBER]));
  gtk_widget_class_bind_template_child_full (widget_class, "email_input", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, inputs[FIELD_EMAIL]));
  gtk_widget_class_bind_template_child_full (widget_class, "phone_input", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, inputs[FIELD_PHONE]));
  gtk_widget_class_bind_template_child_full (widget_class, "institution_input", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, inputs[FIELD_INSTITUTION]));
  gtk_widget_class_bind_template_child_full (widget_class, "occupation_input", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, inputs[FIELD_OCCUPATION]));
  gtk_widget_class_bind_template_child_full (widget_class, "purpose_input", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, inputs[FIELD_PURPOSE]));
  gtk_widget_class_bind_template_child_full (widget_class, "name_error", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, errors[FIELD_NAME]));
  gtk_widget_class_bind_template_child_full (widget_class, "id_type_error", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, errors[FIELD_ID_TYPE]));
  gtk_widget_class_bind_template_child_full (widget_class, "id_number_error", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, errors[FIELD_ID_NUMBER]));
  gtk_widget_class_bind_template_child_full (widget_class, "email_error", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, errors[FIELD_EMAIL]));
  gtk_widget_class_bind_template_child_full (widget_class, "phone_error", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, errors[FIELD_PHONE]));
  gtk_widget_class_bind_template_child_full (widget_class, "institution_error", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, errors[FIELD_INSTITUTION]));
  gtk_widget_class_bind_template_child_full (widget_class, "occupation_error", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, errors[FIELD_OCCUPATION]));
  gtk_widget_class_bind_template_child_full (widget_class, "purpose_error", FALSE,
    G_STRUCT_OFFSET (PstGuestBookDialog, errors[FIELD_PURPOSE]));

  gtk_widget_class_install_action (widget_class, "guest-book.save", NULL, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "guest-book.save", NULL);
}

static void
pst_guest_book_dialog_init (PstGuestBookDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  fill_id_types (self);
  /* Translators: The accessible name of the ID type drop-down's button. */
  name_drop_down_button (self->inputs[FIELD_ID_TYPE], _("ID type"));
}

static PstGuestBookDialog *
guest_book_dialog_new (PstContext    *context,
                       PstTicketItem *ticket,
                       PstService     service)
{
  PstGuestBookDialog *self = g_object_new (PST_TYPE_GUEST_BOOK_DIALOG, NULL);

  self->context = g_object_ref (context);
  self->ticket = ticket != NULL ? g_object_ref (ticket) : NULL;
  self->service = service;

  if (ticket != NULL)
    fill_from_ticket (self);
  else
    fill_for_issue (self);

  /* Check what is filled in already, quietly; then follow the typing. */
  validate_all (self);
  connect_inputs (self);

  return self;
}

/* Public functions. */

GtkWidget *
pst_guest_book_dialog_new_for_ticket (PstContext    *context,
                                      PstTicketItem *ticket)
{
  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (PST_IS_TICKET_ITEM (ticket), NULL);

  return GTK_WIDGET (guest_book_dialog_new (context, ticket,
                                            pst_ticket_item_get_service (ticket)));
}

/* For an office whose guest book comes before the queue: saving issues a
 * ticket of @service with the guest book.
 */
GtkWidget *
pst_guest_book_dialog_new_for_issue (PstContext *context,
                                     PstService  service)
{
  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (service < PST_N_SERVICES, NULL);

  return GTK_WIDGET (guest_book_dialog_new (context, NULL, service));
}
