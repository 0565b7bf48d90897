/* pst-preferences-window.c: the settings of this desk's computer.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-preferences-window.h"
#include "pst-i18n.h"

/* Every row is bound to its GSettings key and takes effect at once,
 * except two: the server address is checked and saved when applied, and
 * is used at the next login; the language is applied by main() when the
 * app starts, so a change says that a restart is needed.
 */
struct _PstPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  PstContext *context;

  /* Template widgets. */
  AdwEntryRow *server_row;
  GtkWidget   *desk_spin;
  GtkWidget   *notifications_switch;
  AdwComboRow *language_row;
};

G_DEFINE_FINAL_TYPE (PstPreferencesWindow, pst_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The values of the `language` key, in the order of the language row. */
static const char *const languages[] = { "system", "id", "en" };

static gboolean
language_to_row_cb (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *language = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      if (g_strcmp0 (language, languages[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
row_to_language_cb (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (languages))
    return NULL;

  return g_variant_new_string (languages[selected]);
}

static void
show_toast (PstPreferencesWindow *self,
            const char           *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 6);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
server_apply_cb (PstPreferencesWindow *self)
{
  g_autofree char *url = NULL;

  g_assert (PST_IS_PREFERENCES_WINDOW (self));

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  if (!pst_is_server_url (url))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
      show_toast (self, _("Enter the server address with http:// or https://, for example "
                          "https://pst.example.org:8470."));
      return;
    }

  g_settings_set_string (pst_context_get_settings (self->context), "server-url", url);
  show_toast (self, _("The new server address is used at the next login"));
}

static void
server_changed_cb (PstPreferencesWindow *self)
{
  g_assert (PST_IS_PREFERENCES_WINDOW (self));

  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
}

static void
language_changed_cb (PstPreferencesWindow *self)
{
  g_assert (PST_IS_PREFERENCES_WINDOW (self));

  show_toast (self, _("Restart PST Desk to use the new language"));
}

/* The address the login offers: the saved one, or $PST_DEFAULT_SERVER
 * while the setting has never been changed.
 */
static char *
current_server_url (GSettings *settings)
{
  g_autoptr(GVariant) user_value = g_settings_get_user_value (settings, "server-url");
  const char *from_env = g_getenv ("PST_DEFAULT_SERVER");

  if (user_value == NULL && from_env != NULL && *from_env != '\0')
    return g_strdup (from_env);

  return g_settings_get_string (settings, "server-url");
}

static void
bind_settings (PstPreferencesWindow *self)
{
  GSettings *settings = pst_context_get_settings (self->context);
  g_autofree char *server_url = current_server_url (settings);

  /* The apply button shows once the text changes, so only after it is set. */
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_url);
  adw_entry_row_set_show_apply_button (self->server_row, TRUE);
  g_settings_bind (settings, "desk", self->desk_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "notifications", self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "language", self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                language_to_row_cb, row_to_language_cb, NULL, NULL);

  /* Connected after the binding set the row, so only a change by the user tells. */
  g_signal_connect_object (settings, "changed::language", G_CALLBACK (language_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
pst_preferences_window_dispose (GObject *object)
{
  PstPreferencesWindow *self = PST_PREFERENCES_WINDOW (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_preferences_window_parent_class)->dispose (object);
}

static void
pst_preferences_window_class_init (PstPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pst_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PstPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, PstPreferencesWindow, desk_spin);
  gtk_widget_class_bind_template_child (widget_class, PstPreferencesWindow,
                                        notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, PstPreferencesWindow, language_row);
  gtk_widget_class_bind_template_callback (widget_class, server_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);
}

static void
pst_preferences_window_init (PstPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pst_preferences_window_new (PstContext *context)
{
  PstPreferencesWindow *self;

  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);

  self = g_object_new (PST_TYPE_PREFERENCES_WINDOW, NULL);
  self->context = g_object_ref (context);
  bind_settings (self);

  return GTK_WIDGET (self);
}
