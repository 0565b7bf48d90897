/* pst-window.c: the main window: the pages of a logged-in officer.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-window.h"
#include "pst-i18n.h"
#include "pst-consultations-page.h"
#include "pst-kb-page.h"
#include "pst-queue-page.h"

/* The window holds the pages in an AdwViewStack, switched in the header
 * bar (or at the bottom when the window is narrow), and keeps the officer
 * told who is logged in, at which office and desk, and whether their work
 * reaches the server: the status button at the start of the header bar
 * follows PstSync's `state` and `pending-count`, its popover gives the
 * details. The window exists only while someone is logged in.
 */
struct _PstWindow
{
  AdwApplicationWindow parent_instance;

  PstContext *context;
  gboolean    was_online;

  /* Template widgets. */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkMenuButton        *officer_button;
  GtkPopover           *officer_popover;
  AdwAvatar            *button_avatar;
  GtkLabel             *name_label;
  GtkLabel             *desk_label;
  AdwAvatar            *popover_avatar;
  GtkLabel             *officer_label;
  GtkLabel             *account_label;
  AdwActionRow         *office_row;
  AdwActionRow         *desk_row;
  GtkMenuButton        *status_button;
  GtkWidget            *state_pill;
  GtkImage             *state_icon;
  GtkLabel             *state_label;
  GtkImage             *connection_icon;
  GtkLabel             *connection_title;
  GtkLabel             *server_label;
  GtkLabel             *connection_label;
  GtkWidget            *retry_button;
};

G_DEFINE_FINAL_TYPE (PstWindow, pst_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *const state_styles[] = { "success", "warning", "error" };

static const char *
describe_role (PstRole role)
{
  switch (role)
    {
    case PST_ROLE_OFFICER:
      return _("Officer");
    case PST_ROLE_SUPERVISOR:
      return _("Supervisor");
    case PST_ROLE_ADMIN:
      return _("Administrator");
    case PST_ROLE_KIOSK:
      return _("Kiosk");
    case PST_N_ROLES:
    default:
      return "";
    }
}

/* The state in a word or two, e.g. "Reconnecting…". */
static const char *
describe_state_title (PstWindow          *self,
                      PstConnectionState  state)
{
  switch (state)
    {
    case PST_CONNECTION_ONLINE:
      return _("Online");
    case PST_CONNECTION_CONNECTING:
      return self->was_online ? _("Reconnecting…") : _("Connecting…");
    case PST_CONNECTION_OFFLINE:
    default:
      return _("Offline");
    }
}

/* The short state in the header bar, e.g. "Offline · 3 pending". */
static char *
describe_state_short (PstWindow          *self,
                      PstConnectionState  state,
                      guint               pending)
{
  switch (state)
    {
    case PST_CONNECTION_ONLINE:
      if (pending == 0)
        return g_strdup (describe_state_title (self, state));
      /* Translators: in the header bar while changes are being sent to the server. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Online · %u sending",
                                           "Online · %u sending", pending),
                              pending);

    case PST_CONNECTION_CONNECTING:
      if (pending == 0)
        return g_strdup (describe_state_title (self, state));
      /* Translators: in the header bar; %u changes wait on this computer. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reconnecting · %u pending",
                                           "Reconnecting · %u pending", pending),
                              pending);

    case PST_CONNECTION_OFFLINE:
    default:
      if (pending == 0)
        return g_strdup (describe_state_title (self, state));
      /* Translators: in the header bar; %u changes wait on this computer. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline · %u pending",
                                           "Offline · %u pending", pending),
                              pending);
    }
}

/* The full sentence in the status popover. */
static char *
describe_state_long (PstWindow          *self,
                     PstConnectionState  state,
                     guint               pending)
{
  const char *connection;
  g_autofree char *waiting = NULL;

  switch (state)
    {
    case PST_CONNECTION_ONLINE:
      connection = _("Connected. Your changes reach the server at once.");
      break;
    case PST_CONNECTION_CONNECTING:
      connection = self->was_online ? _("The connection was lost. Trying to reconnect…")
                                    : _("Connecting to the server…");
      break;
    case PST_CONNECTION_OFFLINE:
    default:
      connection = _("Not connected. You can keep working with what is on this computer.");
      break;
    }

  if (pending == 0)
    return g_strdup (connection);

  waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u change waits on this computer and is sent as soon "
                                          "as the server can be reached.",
                                          "%u changes wait on this computer and are sent as soon "
                                          "as the server can be reached.",
                                          pending),
                             pending);

  return g_strjoin (" ", connection, waiting, NULL);
}

static const char *
state_icon_name (PstConnectionState state)
{
  switch (state)
    {
    case PST_CONNECTION_ONLINE:
      return "network-transmit-receive-symbolic";
    case PST_CONNECTION_CONNECTING:
      return "emblem-synchronizing-symbolic";
    case PST_CONNECTION_OFFLINE:
    default:
      return "network-offline-symbolic";
    }
}

static void
update_state_style (PstWindow          *self,
                    PstConnectionState  state)
{
  guint style = state == PST_CONNECTION_ONLINE ? 0 : state == PST_CONNECTION_CONNECTING ? 1 : 2;

  for (guint i = 0; i < G_N_ELEMENTS (state_styles); i++)
    {
      if (i == style)
        {
          gtk_widget_add_css_class (self->state_pill, state_styles[i]);
          gtk_widget_add_css_class (GTK_WIDGET (self->connection_icon), state_styles[i]);
        }
      else
        {
          gtk_widget_remove_css_class (self->state_pill, state_styles[i]);
          gtk_widget_remove_css_class (GTK_WIDGET (self->connection_icon), state_styles[i]);
        }
    }
}

/* The officer's name, or their username while the profile is not known. */
static char *
officer_display_name (PstWindow        *self,
                      const PstOfficer *officer)
{
  if (officer != NULL && officer->name != NULL && *officer->name != '\0')
    return g_strdup (officer->name);
  if (officer != NULL && officer->username != NULL)
    return g_strdup (officer->username);

  return g_settings_get_string (pst_context_get_settings (self->context), "username");
}

static char *
office_display_name (PstWindow       *self,
                     const PstOffice *office)
{
  if (office != NULL && office->name != NULL)
    /* Translators: an office's name and its BPS code, e.g. "BPS Kabupaten Mamuju (7604)". */
    return g_strdup_printf (_("%s (%s)"), office->name, office->code);

  return g_settings_get_string (pst_context_get_settings (self->context), "office");
}

static void
update_identity (PstWindow *self)
{
  PstSync *sync = pst_context_get_sync (self->context);
  const PstOfficer *officer = pst_sync_get_officer (sync);
  const PstOffice *office = pst_sync_get_office (sync);
  int desk = g_settings_get_int (pst_context_get_settings (self->context), "desk");
  g_autofree char *name = officer_display_name (self, officer);
  g_autofree char *office_name = office_display_name (self, office);
  g_autofree char *desk_text = NULL;
  g_autofree char *account = NULL;
  g_autofree char *tooltip = NULL;

  /* Translators: the service desk (loket) number this computer stands at. */
  desk_text = g_strdup_printf (_("Desk %d"), desk);
  if (officer != NULL)
    /* Translators: the officer's role and username, e.g. "Officer · petugas1.7604". */
    account = g_strdup_printf (_("%s · %s"), describe_role (officer->role), officer->username);
  /* Translators: the tooltip of the officer button: name, desk and office,
   * e.g. "Nurul Hidayah · Desk 3 · BPS Kabupaten Mamuju (7604)".
   */
  tooltip = g_strdup_printf (_("%s · %s · %s"), name, desk_text, office_name);

  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->desk_label, desk_text);
  adw_avatar_set_text (self->button_avatar, name);
  adw_avatar_set_text (self->popover_avatar, name);
  gtk_label_set_label (self->officer_label, name);
  gtk_label_set_label (self->account_label, account != NULL ? account : "");
  gtk_widget_set_visible (GTK_WIDGET (self->account_label), account != NULL);
  adw_action_row_set_subtitle (self->office_row, office_name);
  adw_action_row_set_subtitle (self->desk_row, desk_text);
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        office != NULL ? office->name : NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->officer_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->officer_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
}

static void
update_connection (PstWindow *self)
{
  PstSync *sync = pst_context_get_sync (self->context);
  PstConnectionState state = pst_sync_get_state (sync);
  guint pending = pst_sync_get_pending_count (sync);
  g_autofree char *short_text = NULL;
  g_autofree char *long_text = NULL;

  if (state == PST_CONNECTION_ONLINE)
    self->was_online = TRUE;

  short_text = describe_state_short (self, state, pending);
  long_text = describe_state_long (self, state, pending);

  gtk_label_set_label (self->state_label, short_text);
  gtk_image_set_from_icon_name (self->state_icon, state_icon_name (state));
  update_state_style (self, state);

  gtk_image_set_from_icon_name (self->connection_icon, state_icon_name (state));
  gtk_label_set_label (self->connection_title, describe_state_title (self, state));
  gtk_label_set_label (self->server_label, pst_sync_get_server_url (sync));
  gtk_label_set_label (self->connection_label, long_text);
  gtk_widget_set_visible (self->retry_button, state != PST_CONNECTION_ONLINE);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_button), long_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, long_text,
                                  -1);
}

static void
update_status (PstWindow *self)
{
  update_identity (self);
  update_connection (self);
}

static void
status_changed_cb (PstWindow *self)
{
  g_assert (PST_IS_WINDOW (self));

  update_status (self);
}

static void
add_page (PstWindow  *self,
          GtkWidget  *page,
          const char *name,
          const char *title,
          const char *icon_name)
{
  AdwViewStackPage *stack_page = adw_view_stack_add_titled (self->view_stack, page, name, title);

  adw_view_stack_page_set_icon_name (stack_page, icon_name);
}

static void
add_pages (PstWindow *self)
{
  /* Translators: the title of the page with the walk-in queue (antrian). */
  add_page (self, pst_queue_page_new (self->context), "queue", _("Queue"),
            "view-list-ordered-symbolic");
  /* Translators: the title of the page with the online consultations (konsultasi). */
  add_page (self, pst_consultations_page_new (self->context), "consultations",
            _("Consultations"), "mail-unread-symbolic");
  /* Translators: the title of the page with the knowledge base (basis pengetahuan). */
  add_page (self, pst_kb_page_new (self->context), "kb", _("Knowledge Base"),
            "system-search-symbolic");
}

static void
change_desk_cb (PstWindow *self)
{
  g_assert (PST_IS_WINDOW (self));

  gtk_popover_popdown (self->officer_popover);
  gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
}

/* win.retry-connection: reconnects and sends the waiting changes now,
 * without waiting for the back-off.
 */
static void
retry_connection_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PstWindow *self = PST_WINDOW (widget);

  pst_sync_retry_now (pst_context_get_sync (self->context));
}

/* win.show-page(i): shows the i-th page, from 1 (Alt+1 … Alt+9). */
static void
show_page_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PstWindow *self = PST_WINDOW (widget);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);
  int index = g_variant_get_int32 (parameter) - 1;
  g_autoptr(AdwViewStackPage) page = NULL;

  if (index < 0 || (guint) index >= g_list_model_get_n_items (G_LIST_MODEL (pages)))
    return;

  page = g_list_model_get_item (G_LIST_MODEL (pages), index);
  if (adw_view_stack_page_get_visible (page))
    adw_view_stack_set_visible_child (self->view_stack, adw_view_stack_page_get_child (page));
}

/* Gives @window the main window's remembered size (the login uses it too,
 * so one follows the other without a jump).
 */
void
pst_window_restore_size (GtkWindow *window,
                         GSettings *settings)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (G_IS_SETTINGS (settings));

  gtk_window_set_default_size (window,
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (window);
}

static void
save_size (PstWindow *self)
{
  GSettings *settings = pst_context_get_settings (self->context);
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width;
  int height;

  g_settings_delay (settings);
  g_settings_set_boolean (settings, "window-maximized", maximized);
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_apply (settings);
}

static void
connect_status (PstWindow *self)
{
  PstSync *sync = pst_context_get_sync (self->context);
  static const char *const sync_signals[] = {
    "notify::state", "notify::pending-count", "notify::officer", "notify::office",
    "notify::server-url",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sync_signals); i++)
    g_signal_connect_object (sync, sync_signals[i], G_CALLBACK (status_changed_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (pst_context_get_settings (self->context), "changed::desk",
                           G_CALLBACK (status_changed_cb), self, G_CONNECT_SWAPPED);
}

static gboolean
pst_window_close_request (GtkWindow *window)
{
  PstWindow *self = PST_WINDOW (window);

  if (self->context != NULL)
    save_size (self);

  return GTK_WINDOW_CLASS (pst_window_parent_class)->close_request (window);
}

static void
pst_window_dispose (GObject *object)
{
  PstWindow *self = PST_WINDOW (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_window_parent_class)->dispose (object);
}

static void
pst_window_class_init (PstWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pst_window_dispose;
  window_class->close_request = pst_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/id/go/bps/PstDesk/pst-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PstWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, officer_button);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, officer_popover);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, button_avatar);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, desk_label);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, popover_avatar);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, officer_label);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, account_label);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, office_row);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, desk_row);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, status_button);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, state_pill);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, state_label);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, connection_icon);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, connection_title);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, server_label);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, connection_label);
  gtk_widget_class_bind_template_child (widget_class, PstWindow, retry_button);

  gtk_widget_class_bind_template_callback (widget_class, change_desk_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "i", show_page_cb);
  gtk_widget_class_install_action (widget_class, "win.retry-connection", NULL,
                                   retry_connection_cb);
}

static void
pst_window_init (PstWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#ifdef PST_ENABLE_DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

GtkWidget *
pst_window_new (GtkApplication *application,
                PstContext     *context)
{
  PstWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);

  self = g_object_new (PST_TYPE_WINDOW, "application", application, NULL);
  self->context = g_object_ref (context);

  pst_window_restore_size (GTK_WINDOW (self), pst_context_get_settings (self->context));
  add_pages (self);
  connect_status (self);
  update_status (self);

  return GTK_WIDGET (self);
}

/**
 * pst_window_add_toast:
 * @self: a window
 * @toast: (transfer full): the toast to show
 *
 * Shows @toast at the bottom of the window.
 */
void
pst_window_add_toast (PstWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (PST_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
