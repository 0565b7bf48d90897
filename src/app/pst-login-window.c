/* pst-login-window.c: the full-window login of a shared office desk.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-login-window.h"
#include "pst-window.h"
#include "pst-i18n.h"

/* The login fills the whole window, as large as the main window, so the
 * desk shows nothing of anybody's work while nobody is logged in. The
 * server address and username are offered again from the settings (the
 * address from $PST_DEFAULT_SERVER when the settings keep the default);
 * the password is never kept, and the session token is PstSync's alone.
 * A successful login saves the address and username and emits
 * `logged-in`; the application then opens the main window.
 */
struct _PstLoginWindow
{
  AdwApplicationWindow parent_instance;

  PstContext   *context;
  GCancellable *cancellable;

  /* Template widgets. */
  AdwStatusPage *status_page;
  AdwEntryRow   *server_row;
  AdwEntryRow   *username_row;
  AdwEntryRow   *password_row;
  GtkLabel      *error_label;
  GtkButton     *login_button;
  GtkSpinner    *spinner;
};

enum {
  LOGGED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PstLoginWindow, pst_login_window, ADW_TYPE_APPLICATION_WINDOW)

/* The server address to offer: the saved one, or the environment's
 * default (run-demo sets it) while the setting has never been changed.
 */
static char *
initial_server_url (GSettings *settings)
{
  g_autoptr(GVariant) user_value = g_settings_get_user_value (settings, "server-url");
  const char *from_env = g_getenv ("PST_DEFAULT_SERVER");

  if (user_value == NULL && from_env != NULL && *from_env != '\0')
    return g_strdup (from_env);

  return g_settings_get_string (settings, "server-url");
}

static void
mark_row_error (AdwEntryRow *row,
                gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
clear_error (PstLoginWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_label (self->error_label, "");
  mark_row_error (self->server_row, FALSE);
  mark_row_error (self->username_row, FALSE);
  mark_row_error (self->password_row, FALSE);
}

/* Shows @message under the form, marks @row (if any) and moves the focus to it. */
static void
show_error (PstLoginWindow *self,
            AdwEntryRow    *row,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->login_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
  if (row != NULL)
    {
      mark_row_error (row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
set_busy (PstLoginWindow *self,
          gboolean        busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->username_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->login_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

/* The message for a failed login, by the sync engine's error code. */
static char *
describe_login_error (const GError *error,
                      const char   *server_url)
{
  if (error->domain != PST_SYNC_ERROR)
    return g_strdup (error->message);

  switch ((PstSyncError) error->code)
    {
    case PST_SYNC_ERROR_UNAUTHORIZED:
      return g_strdup (_("The username or password is wrong. Check them and try again."));

    case PST_SYNC_ERROR_OFFLINE:
    case PST_SYNC_ERROR_UNREACHABLE:
      /* Translators: %s is the server address, e.g. https://pst.example.org:8470. */
      return g_strdup_printf (_("Cannot reach the server at %s. Check the address and that the "
                                "server is running."),
                              server_url);

    case PST_SYNC_ERROR_TLS:
      return g_strdup_printf (_("The security certificate of %s cannot be trusted, so the "
                                "connection is not safe. Ask your administrator to check the "
                                "server’s certificate."),
                              server_url);

    case PST_SYNC_ERROR_RATE_LIMITED:
      return g_strdup (_("Too many failed attempts. Wait a few minutes, then try again."));

    case PST_SYNC_ERROR_PROTOCOL:
      return g_strdup_printf (_("The server at %s did not answer like a PST server. Check the "
                                "address, or ask your administrator whether the server needs "
                                "an update."),
                              server_url);

    case PST_SYNC_ERROR_CACHE:
      /* Translators: %s is a technical detail of the problem. */
      return g_strdup_printf (_("The data kept on this computer cannot be opened (%s). Ask your "
                                "administrator for help."),
                              error->message);

    case PST_SYNC_ERROR_REJECTED:
    default:
      return g_strdup (error->message);
    }
}

/* The field to correct after a failed login, or NULL. */
static AdwEntryRow *
row_for_error (PstLoginWindow *self,
               const GError   *error)
{
  if (error->domain != PST_SYNC_ERROR)
    return NULL;

  switch ((PstSyncError) error->code)
    {
    case PST_SYNC_ERROR_UNAUTHORIZED:
      return self->password_row;
    case PST_SYNC_ERROR_OFFLINE:
    case PST_SYNC_ERROR_UNREACHABLE:
    case PST_SYNC_ERROR_TLS:
    case PST_SYNC_ERROR_PROTOCOL:
      return self->server_row;
    case PST_SYNC_ERROR_RATE_LIMITED:
    case PST_SYNC_ERROR_REJECTED:
    case PST_SYNC_ERROR_CACHE:
    default:
      return NULL;
    }
}

static void
remember_session (PstLoginWindow *self,
                  const char     *server_url,
                  const char     *username)
{
  GSettings *settings = pst_context_get_settings (self->context);
  const PstOffice *office = pst_sync_get_office (pst_context_get_sync (self->context));

  g_settings_set_string (settings, "server-url", server_url);
  g_settings_set_string (settings, "username", username);
  if (office != NULL && office->code != NULL)
    g_settings_set_string (settings, "office", office->code);
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PstLoginWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_url = NULL;
  g_autofree char *username = NULL;
  g_autofree char *message = NULL;

  if (!pst_sync_login_finish (PST_SYNC (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_busy (self, FALSE);
      server_url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
      message = describe_login_error (error, server_url);
      if (g_error_matches (error, PST_SYNC_ERROR, PST_SYNC_ERROR_UNAUTHORIZED))
        gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      show_error (self, row_for_error (self, error), message);
      return;
    }

  /* The login is done: closing this window must not cancel the session. */
  g_clear_object (&self->cancellable);

  server_url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_row))));
  remember_session (self, server_url, username);

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  set_busy (self, FALSE);
  g_signal_emit (self, signals[LOGGED_IN], 0);
}

static void
login_clicked_cb (PstLoginWindow *self)
{
  g_autofree char *server_url = NULL;
  g_autofree char *username = NULL;
  const char *password;

  g_assert (PST_IS_LOGIN_WINDOW (self));

  server_url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  clear_error (self);

  if (!pst_is_server_url (server_url))
    {
      show_error (self, self->server_row,
                  _("Enter the server address with http:// or https://, for example "
                    "https://pst.example.org:8470."));
      return;
    }
  if (*username == '\0')
    {
      show_error (self, self->username_row, _("Enter your username."));
      return;
    }
  if (*password == '\0')
    {
      show_error (self, self->password_row, _("Enter your password."));
      return;
    }

  set_busy (self, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  pst_sync_login_async (pst_context_get_sync (self->context), server_url, username, password,
                        self->cancellable, login_cb, g_object_ref (self));
}

static void
field_changed_cb (PstLoginWindow *self)
{
  g_assert (PST_IS_LOGIN_WINDOW (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    clear_error (self);
}

/* Fills the form from the settings and puts the focus where typing starts. */
static void
fill_form (PstLoginWindow *self)
{
  GSettings *settings = pst_context_get_settings (self->context);
  g_autofree char *server_url = initial_server_url (settings);
  g_autofree char *username = g_settings_get_string (settings, "username");

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_url);
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
  clear_error (self);

  if (*server_url == '\0')
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->server_row));
  else if (*username == '\0')
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->username_row));
  else
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->password_row));
}

static void
pst_login_window_dispose (GObject *object)
{
  PstLoginWindow *self = PST_LOGIN_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_login_window_parent_class)->dispose (object);
}

static void
pst_login_window_class_init (PstLoginWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pst_login_window_dispose;

  /**
   * PstLoginWindow::logged-in:
   *
   * Emitted when the officer has logged in; the settings keep the server
   * address and username by then.
   */
  signals[LOGGED_IN] = g_signal_new ("logged-in",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-login-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PstLoginWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, PstLoginWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, PstLoginWindow, username_row);
  gtk_widget_class_bind_template_child (widget_class, PstLoginWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, PstLoginWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, PstLoginWindow, login_button);
  gtk_widget_class_bind_template_child (widget_class, PstLoginWindow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, login_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
}

static void
pst_login_window_init (PstLoginWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->login_button));
  pst_login_window_set_notice (self, NULL);

#ifdef PST_ENABLE_DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

GtkWidget *
pst_login_window_new (GtkApplication *application,
                      PstContext     *context)
{
  PstLoginWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);

  self = g_object_new (PST_TYPE_LOGIN_WINDOW, "application", application, NULL);
  self->context = g_object_ref (context);
  pst_window_restore_size (GTK_WINDOW (self), pst_context_get_settings (self->context));
  fill_form (self);

  return GTK_WIDGET (self);
}

/**
 * pst_login_window_set_notice:
 * @self: a login window
 * @notice: (nullable): why the login is shown, e.g. an ended session
 *
 * Shows @notice under the title instead of the usual invitation.
 */
void
pst_login_window_set_notice (PstLoginWindow *self,
                             const char     *notice)
{
  g_return_if_fail (PST_IS_LOGIN_WINDOW (self));

  if (notice == NULL)
    notice = _("Serve visitors and answer statistical consultations at your office’s "
               "service desk.");

  adw_status_page_set_description (self->status_page, notice);
}
