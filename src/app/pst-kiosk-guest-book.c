/* pst-kiosk-guest-book.c: the guest book form, sized for a touch screen.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kiosk-guest-book.h"

#include "pst-core.h"
#include "pst-format.h"
#include "pst-i18n.h"

#include <string.h>

/* The same fields and rules as the desk's guest book
 * (pst_validate_guest_book_field() of the core), laid out for a finger:
 * big entries in two columns, the ID type as four large toggle buttons
 * instead of a drop-down. A field's message shows under it once the
 * visitor has typed in it; Continue is enabled when all are valid and
 * emits `completed`. Nothing is kept after clear(): the kiosk clears the
 * form when a visitor is done or walks away.
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

typedef struct
{
  const char      *api_name;
  GtkInputPurpose  purpose;
  int              max_chars;
  guint            column;
  guint            row;
} FieldInfo;

/* Left column: who the visitor is; right column: how to reach them and why
 * they came. Rows count three grid lines each (title, input, message).
 */
static const FieldInfo fields[N_FIELDS] = {
  [FIELD_NAME] = { "name", GTK_INPUT_PURPOSE_NAME, PST_GUEST_BOOK_NAME_MAX, 0, 0 },
  [FIELD_ID_TYPE] = { "id_type", GTK_INPUT_PURPOSE_FREE_FORM, 0, 0, 1 },
  [FIELD_ID_NUMBER] = { "id_number", GTK_INPUT_PURPOSE_FREE_FORM, 32, 0, 2 },
  [FIELD_EMAIL] = { "email", GTK_INPUT_PURPOSE_EMAIL, 254, 0, 3 },
  [FIELD_PHONE] = { "phone", GTK_INPUT_PURPOSE_PHONE, 24, 1, 0 },
  [FIELD_INSTITUTION] = { "institution", GTK_INPUT_PURPOSE_FREE_FORM,
                          PST_GUEST_BOOK_INSTITUTION_MAX, 1, 1 },
  [FIELD_OCCUPATION] = { "occupation", GTK_INPUT_PURPOSE_FREE_FORM,
                         PST_GUEST_BOOK_OCCUPATION_MAX, 1, 2 },
  [FIELD_PURPOSE] = { "purpose", GTK_INPUT_PURPOSE_FREE_FORM, PST_GUEST_BOOK_PURPOSE_MAX, 1, 3 },
};

struct _PstKioskGuestBook
{
  AdwBin parent_instance;

  GtkWidget *title_label;
  GtkWidget *intro_label;
  GtkWidget *grid;
  GtkWidget *cancel_button;
  GtkWidget *continue_button;

  GtkWidget *titles[N_FIELDS];
  GtkWidget *inputs[N_FIELDS];          /* GtkEntry; NULL for the ID type */
  GtkWidget *errors[N_FIELDS];
  GtkWidget *id_types[PST_N_ID_TYPES];  /* GtkToggleButton, grouped */
  gboolean   touched[N_FIELDS];
  gboolean   valid[N_FIELDS];
};

enum
{
  SIGNAL_COMPLETED,
  SIGNAL_EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PstKioskGuestBook, pst_kiosk_guest_book, ADW_TYPE_BIN)

/* Texts, in the language of the moment. */

static const char *
field_title (Field field)
{
  switch (field)
    {
    case FIELD_NAME:
      /* Translators: A field of the guest book on the visitor kiosk. */
      return _("Full name");
    case FIELD_ID_TYPE:
      return _("ID type");
    case FIELD_ID_NUMBER:
      return _("ID number");
    case FIELD_EMAIL:
      return _("Email");
    case FIELD_PHONE:
      /* Translators: A field of the guest book on the visitor kiosk. */
      return _("Phone (optional)");
    case FIELD_INSTITUTION:
      return _("Institution (optional)");
    case FIELD_OCCUPATION:
      return _("Occupation (optional)");
    case FIELD_PURPOSE:
      return _("Purpose of your visit");
    case N_FIELDS:
    default:
      break;
    }

  g_return_val_if_reached ("");
}

static const char *
field_placeholder (Field field)
{
  switch (field)
    {
    case FIELD_ID_NUMBER:
      /* Translators: The hint inside the ID number field of the kiosk. */
      return _("16 digits for a KTP");
    case FIELD_EMAIL:
      /* Translators: An example email address; keep it an example. */
      return _("name@example.com");
    case FIELD_PHONE:
      /* Translators: An example Indonesian mobile number. */
      return _("0812 3456 7890");
    case FIELD_PURPOSE:
      /* Translators: The hint inside the purpose field of the kiosk. */
      return _("For example: poverty data of the regency");
    case FIELD_NAME:
    case FIELD_ID_TYPE:
    case FIELD_INSTITUTION:
    case FIELD_OCCUPATION:
    case N_FIELDS:
    default:
      return "";
    }
}

/* The ID types as the buttons show them (shorter than the desk's). */
static const char *
id_type_label (PstIdType id_type)
{
  switch (id_type)
    {
    case PST_ID_TYPE_KTP:
      /* Translators: The Indonesian identity card, on a kiosk button. */
      return _("KTP");
    case PST_ID_TYPE_SIM:
      /* Translators: The Indonesian driving licence, on a kiosk button. */
      return _("SIM");
    case PST_ID_TYPE_PASSPORT:
      return _("Passport");
    case PST_ID_TYPE_OTHER:
      /* Translators: Another kind of ID, on a kiosk button. */
      return _("Other ID");
    case PST_N_ID_TYPES:
    default:
      break;
    }

  g_return_val_if_reached ("");
}

/* Helpers. */

static PstIdType
selected_id_type (PstKioskGuestBook *self)
{
  for (guint i = 0; i < PST_N_ID_TYPES; i++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->id_types[i])))
      return i;

  return PST_ID_TYPE_KTP;
}

static char *
field_text (PstKioskGuestBook *self,
            Field              field)
{
  if (field == FIELD_ID_TYPE)
    return g_strdup (pst_id_type_to_string (selected_id_type (self)));

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->inputs[field])));
}

/* Frees a string that may hold personal data, wiping it first. */
static void
wipe_free (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

static gboolean
check_field (PstKioskGuestBook  *self,
             Field               field,
             char              **out_normalized,
             GError            **error)
{
  char *text = field_text (self, field);
  gboolean valid;

  valid = pst_validate_guest_book_field (fields[field].api_name, text, selected_id_type (self),
                                         out_normalized, error);
  wipe_free (text);

  return valid;
}

static void
show_field_state (PstKioskGuestBook *self,
                  Field              field,
                  const GError      *error)
{
  gboolean show = error != NULL && self->touched[field];
  GtkWidget *input = self->inputs[field];

  gtk_label_set_label (GTK_LABEL (self->errors[field]), show ? error->message : "");
  gtk_widget_set_visible (self->errors[field], show);

  if (input == NULL)
    return;

  if (show)
    gtk_widget_add_css_class (input, "error");
  else
    gtk_widget_remove_css_class (input, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (input),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               show ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
validate_field (PstKioskGuestBook *self,
                Field              field)
{
  g_autoptr(GError) error = NULL;

  self->valid[field] = check_field (self, field, NULL, &error);
  show_field_state (self, field, error);
}

static void
validate_all (PstKioskGuestBook *self)
{
  gboolean all_valid = TRUE;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      validate_field (self, i);
      all_valid &= self->valid[i];
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guest-book.continue", all_valid);
}

static Field
field_of_input (PstKioskGuestBook *self,
                GtkWidget         *input)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (self->inputs[i] == input)
      return i;

  g_assert_not_reached ();
}

/* Callbacks. */

static void
input_changed_cb (PstKioskGuestBook *self,
                  GtkWidget         *input)
{
  Field field = field_of_input (self, input);

  if (*gtk_editable_get_text (GTK_EDITABLE (input)) != '\0')
    self->touched[field] = TRUE;
  validate_all (self);
  g_signal_emit (self, signals[SIGNAL_EDITED], 0);
}

static void
input_activate_cb (PstKioskGuestBook *self,
                   GtkWidget         *input)
{
  Field field = field_of_input (self, input);

  /* Enter moves on to the next field to type in, as on a form on paper. */
  for (guint next = field + 1; next < N_FIELDS; next++)
    if (self->inputs[next] != NULL)
      {
        gtk_widget_grab_focus (self->inputs[next]);
        return;
      }

  gtk_widget_activate_action (GTK_WIDGET (self), "guest-book.continue", NULL);
}

static void
id_type_toggled_cb (PstKioskGuestBook *self,
                    GtkToggleButton   *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  /* The rule of the ID number depends on the type (NIK for a KTP). */
  validate_all (self);
  g_signal_emit (self, signals[SIGNAL_EDITED], 0);
}

static void
continue_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PstKioskGuestBook *self = PST_KIOSK_GUEST_BOOK (widget);

  for (guint i = 0; i < N_FIELDS; i++)
    self->touched[i] = TRUE;
  validate_all (self);

  for (guint i = 0; i < N_FIELDS; i++)
    if (!self->valid[i])
      {
        if (self->inputs[i] != NULL)
          gtk_widget_grab_focus (self->inputs[i]);
        return;
      }

  g_signal_emit (self, signals[SIGNAL_COMPLETED], 0);
}

/* Setup. */

static GtkWidget *
new_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
build_id_types (PstKioskGuestBook *self)
{
  GtkWidget *grid = gtk_grid_new ();

  /* Two by two: four buttons in a row would not leave room for the
   * second column of the form.
   */
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  for (guint i = 0; i < PST_N_ID_TYPES; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_widget_add_css_class (button, "kiosk-choice");
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button),
                                     GTK_TOGGLE_BUTTON (self->id_types[0]));
      gtk_grid_attach (GTK_GRID (grid), button, (int) (i % 2), (int) (i / 2), 1, 1);
      self->id_types[i] = button;
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->id_types[PST_ID_TYPE_KTP]), TRUE);

  for (guint i = 0; i < PST_N_ID_TYPES; i++)
    g_signal_connect_swapped (self->id_types[i], "toggled", G_CALLBACK (id_type_toggled_cb), self);

  return grid;
}

static void
build_fields (PstKioskGuestBook *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      const FieldInfo *info = &fields[i];
      int row = (int) info->row * 3;
      GtkWidget *input;

      self->titles[i] = new_label ("kiosk-field-title");
      self->errors[i] = new_label ("kiosk-field-error");

      if (i == FIELD_ID_TYPE)
        {
          input = build_id_types (self);
        }
      else
        {
          input = gtk_entry_new ();
          gtk_entry_set_input_purpose (GTK_ENTRY (input), info->purpose);
          gtk_entry_set_input_hints (GTK_ENTRY (input), GTK_INPUT_HINT_NO_SPELLCHECK);
          gtk_entry_set_max_length (GTK_ENTRY (input), info->max_chars);
          gtk_widget_add_css_class (input, "kiosk-entry");
          gtk_widget_set_valign (input, GTK_ALIGN_START);
          g_signal_connect_swapped (input, "changed", G_CALLBACK (input_changed_cb), self);
          g_signal_connect_swapped (input, "activate", G_CALLBACK (input_activate_cb), self);
          self->inputs[i] = input;
        }

      gtk_grid_attach (GTK_GRID (self->grid), self->titles[i], (int) info->column, row, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), input, (int) info->column, row + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), self->errors[i], (int) info->column, row + 2, 1, 1);
    }
}

/* Class functions. */

static void
pst_kiosk_guest_book_dispose (GObject *object)
{
  PstKioskGuestBook *self = (PstKioskGuestBook *) object;

  /* Wipes what was typed; the fields go with the template's grid. */
  if (self->grid != NULL)
    pst_kiosk_guest_book_clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PST_TYPE_KIOSK_GUEST_BOOK);
  memset (self->titles, 0, sizeof self->titles);
  memset (self->inputs, 0, sizeof self->inputs);
  memset (self->errors, 0, sizeof self->errors);
  memset (self->id_types, 0, sizeof self->id_types);

  G_OBJECT_CLASS (pst_kiosk_guest_book_parent_class)->dispose (object);
}

static void
pst_kiosk_guest_book_class_init (PstKioskGuestBookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pst_kiosk_guest_book_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-kiosk-guest-book.ui");
  gtk_widget_class_bind_template_child (widget_class, PstKioskGuestBook, title_label);
  gtk_widget_class_bind_template_child (widget_class, PstKioskGuestBook, intro_label);
  gtk_widget_class_bind_template_child (widget_class, PstKioskGuestBook, grid);
  gtk_widget_class_bind_template_child (widget_class, PstKioskGuestBook, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PstKioskGuestBook, continue_button);

  gtk_widget_class_install_action (widget_class, "guest-book.continue", NULL, continue_cb);

  /**
   * PstKioskGuestBook::completed:
   *
   * Every field is valid and the visitor tapped Continue; read the guest
   * book with pst_kiosk_guest_book_to_json().
   */
  signals[SIGNAL_COMPLETED] = g_signal_new ("completed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);

  /**
   * PstKioskGuestBook::edited:
   *
   * The visitor changed a field (however they typed: a key, an on-screen
   * keyboard, an assistive technology): they are still there.
   */
  signals[SIGNAL_EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
}

static void
pst_kiosk_guest_book_init (PstKioskGuestBook *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  build_fields (self);
  pst_kiosk_guest_book_update_texts (self);
  validate_all (self);
}

/* Public functions. */

GtkWidget *
pst_kiosk_guest_book_new (void)
{
  return g_object_new (PST_TYPE_KIOSK_GUEST_BOOK, NULL);
}

/* Empties every field and forgets what was typed. */
void
pst_kiosk_guest_book_clear (PstKioskGuestBook *self)
{
  g_return_if_fail (PST_IS_KIOSK_GUEST_BOOK (self));

  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (self->inputs[i] != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->inputs[i]), "");
      self->touched[i] = FALSE;
    }
  if (self->id_types[PST_ID_TYPE_KTP] != NULL)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->id_types[PST_ID_TYPE_KTP]), TRUE);

  if (self->grid != NULL)
    validate_all (self);
}

/* Whether nothing is typed in the form. */
gboolean
pst_kiosk_guest_book_is_empty (PstKioskGuestBook *self)
{
  g_return_val_if_fail (PST_IS_KIOSK_GUEST_BOOK (self), TRUE);

  for (guint i = 0; i < N_FIELDS; i++)
    if (self->inputs[i] != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->inputs[i])) != '\0')
      return FALSE;

  return TRUE;
}

/* Sets every text again in the language of the moment; the messages of
 * the fields too.
 */
void
pst_kiosk_guest_book_update_texts (PstKioskGuestBook *self)
{
  g_return_if_fail (PST_IS_KIOSK_GUEST_BOOK (self));

  gtk_label_set_label (GTK_LABEL (self->title_label), _("Guest book"));
  gtk_label_set_label (GTK_LABEL (self->intro_label),
                       _("This office asks every visitor to fill in the guest book before "
                         "taking a number. Your data is used only for this office’s guest "
                         "book and protected under the Personal Data Protection Law "
                         "(UU 27/2022)."));
  /* Translators: A button of the kiosk's guest book: to the choice of service. */
  gtk_button_set_label (GTK_BUTTON (self->continue_button), _("Continue"));
  /* Translators: A button of the kiosk: leave and go back to the start screen. */
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("Cancel"));

  for (guint i = 0; i < N_FIELDS; i++)
    {
      gtk_label_set_label (GTK_LABEL (self->titles[i]), field_title (i));
      if (self->inputs[i] == NULL)
        continue;
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->inputs[i]), field_placeholder (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->inputs[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, field_title (i),
                                      -1);
    }

  for (guint i = 0; i < PST_N_ID_TYPES; i++)
    gtk_button_set_label (GTK_BUTTON (self->id_types[i]), id_type_label (i));

  validate_all (self);
}

/* The guest book as the API takes it (normalized, with the full ID
 * number), or NULL when a field is not valid.
 */
JsonNode *
pst_kiosk_guest_book_to_json (PstKioskGuestBook *self)
{
  g_autoptr(JsonObject) obj = json_object_new ();

  g_return_val_if_fail (PST_IS_KIOSK_GUEST_BOOK (self), NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      char *normalized = NULL;

      if (!check_field (self, i, &normalized, NULL))
        return NULL;
      if (normalized != NULL)
        json_object_set_string_member (obj, fields[i].api_name, normalized);
      wipe_free (normalized);
    }

  return json_node_init_object (json_node_alloc (), obj);
}
