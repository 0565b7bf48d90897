/* pst-application.c: the PST Desk application: context, actions, windows.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pst-application.h"
#include "pst-context.h"
#include "pst-i18n.h"
#include "pst-kiosk-window.h"
#include "pst-login-window.h"
#include "pst-preferences-window.h"
#include "pst-resources.h"
#include "pst-window.h"

/* The application owns the PstContext and decides which window is shown:
 * the login while nobody is logged in, the main window after. Logging out
 * (or a session the server ended) closes every window of the session, so
 * nothing of one officer's work stays on screen for the next person at a
 * shared desk. All keyboard accelerators are set here, in one table.
 */
struct _PstApplication
{
  AdwApplication parent_instance;

  PstContext *context;

  /* The kiosk mode (--kiosk): the office, and the password read from
   * --kiosk-password-file (NULL: a staff member types it in).
   */
  char       *kiosk_office;
  char       *kiosk_password;
};

G_DEFINE_FINAL_TYPE (PstApplication, pst_application, ADW_TYPE_APPLICATION)

/* Window pages are numbered from 1 for Alt+1 … Alt+9. */
#define N_PAGE_ACCELS 9

typedef struct
{
  const char *action;
  const char *accels[3];
} PstAccel;

static const PstAccel accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.logout", { "<Control><Shift>l", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
};

static const GOptionEntry option_entries[] = {
  /* Translators: the description of a command-line option; OFFICE is a BPS office code. */
  { "kiosk", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Run as the visitor kiosk of OFFICE"),
    /* Translators: the argument of --kiosk and --display in `pst-desk --help`. */
    N_("OFFICE") },
  { "kiosk-password-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    /* Translators: the description of a command-line option. */
    N_("Read the kiosk account’s password from FILE, readable only by you"),
    /* Translators: the argument of --kiosk-password-file in `pst-desk --help`. */
    N_("FILE") },
  { "display", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Run as the waiting-room display board of OFFICE"), N_("OFFICE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

static GtkWindow *
find_window (PstApplication *self,
             GType           type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
        return l->data;
    }

  return NULL;
}

static void
update_session_actions (PstApplication *self)
{
  gboolean logged_in = pst_sync_is_logged_in (pst_context_get_sync (self->context));
  GAction *logout = g_action_map_lookup_action (G_ACTION_MAP (self), "logout");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (logout), logged_in);
}

/* Closes every window except @keep. The main window is closed rather than
 * destroyed so it remembers its size; dialogs are simply destroyed.
 */
static void
close_other_windows (PstApplication *self,
                     GtkWindow      *keep)
{
  GList *windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                                     (GCopyFunc) g_object_ref, NULL);

  for (GList *l = windows; l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;

      if (window == keep)
        continue;
      if (PST_IS_WINDOW (window))
        gtk_window_close (window);
      else
        gtk_window_destroy (window);
    }

  g_list_free_full (windows, g_object_unref);
}

static void
show_main_window (PstApplication *self)
{
  GtkWindow *window = find_window (self, PST_TYPE_WINDOW);

  if (window == NULL)
    window = GTK_WINDOW (pst_window_new (GTK_APPLICATION (self), self->context));
  gtk_window_present (window);

  close_other_windows (self, window);
  update_session_actions (self);
}

static void
logged_in_cb (PstLoginWindow *login,
              PstApplication *self)
{
  g_assert (PST_IS_APPLICATION (self));

  show_main_window (self);
}

/* Shows the login (with @notice above the form, if not NULL) and closes
 * everything else.
 */
static void
show_login (PstApplication *self,
            const char     *notice)
{
  GtkWindow *login = find_window (self, PST_TYPE_LOGIN_WINDOW);

  if (login == NULL)
    {
      login = GTK_WINDOW (pst_login_window_new (GTK_APPLICATION (self), self->context));
      g_signal_connect_object (login, "logged-in", G_CALLBACK (logged_in_cb), self, 0);
    }
  pst_login_window_set_notice (PST_LOGIN_WINDOW (login), notice);
  gtk_window_present (login);

  close_other_windows (self, login);
  update_session_actions (self);
}

static void
session_ended_cb (PstSync        *sync,
                  PstApplication *self)
{
  g_assert (PST_IS_APPLICATION (self));

  /* The kiosk logs in again by itself. */
  if (self->kiosk_office != NULL)
    return;

  show_login (self, _("Your session has ended. Log in again to continue."));
}

static void
log_out (PstApplication *self)
{
  pst_sync_logout (pst_context_get_sync (self->context));
  show_login (self, NULL);
}

static void
logout_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PstApplication   *self)
{
  g_assert (PST_IS_APPLICATION (self));

  if (g_strcmp0 (response, "logout") == 0)
    log_out (self);
}

/* Logging out with changes still in the outbox asks first: they wait on
 * this computer until this account logs in again.
 */
static void
logout_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  PstApplication *self = user_data;
  guint pending = pst_sync_get_pending_count (pst_context_get_sync (self->context));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (pending == 0)
    {
      log_out (self);
      return;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u change has not reached the server yet. It is kept on "
                                       "this computer and sent the next time you log in here.",
                                       "%u changes have not reached the server yet. They are kept "
                                       "on this computer and sent the next time you log in here.",
                                       pending),
                          pending);
  dialog = adw_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                   _("Log Out With Changes Not Sent?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "logout", _("_Log Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "logout",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (logout_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  PstApplication *self = user_data;
  GtkWindow *preferences = find_window (self, PST_TYPE_PREFERENCES_WINDOW);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (preferences == NULL)
    {
      preferences = GTK_WINDOW (pst_preferences_window_new (self->context));
      gtk_window_set_modal (preferences, TRUE);
      gtk_window_set_application (preferences, GTK_APPLICATION (self));
    }
  if (parent != preferences)
    gtk_window_set_transient_for (preferences, parent);
  gtk_window_present (preferences);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PstApplication *self = user_data;
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", _("PST Desk"),
                        "application-icon", PST_APP_ID,
                        "developer-name", "The PST Desk authors",
                        "version", PST_VERSION,
                        "comments", _("Serve walk-in visitors and answer online statistical "
                                      "consultations at the integrated statistical service "
                                      "desk (PST) of a BPS office."),
                        "copyright", "© 2026 The PST Desk authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one a line, to be credited in the About window. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* Closes every window, so the main window remembers its size; the
 * application ends with its last window.
 */
static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PstApplication *self = user_data;

  close_other_windows (self, NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "preferences", preferences_activated_cb },
  { "about", about_activated_cb },
  { "logout", logout_activated_cb },
};

static void
set_accels (PstApplication *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  for (int page = 1; page <= N_PAGE_ACCELS; page++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-page(%d)", page);
      g_autofree char *accel = g_strdup_printf ("<Alt>%d", page);
      const char *page_accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (self), action, page_accels);
    }
}

/* Lets an uninstalled build find its own icon (data/icons beside the
 * source's data); installed, the icon is in the system's theme already.
 */
static void
add_icon_search_path (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autofree char *icons = g_build_filename (pst_paths_get_data_dir (), "icons", NULL);

  if (display != NULL && g_file_test (icons, G_FILE_TEST_IS_DIR))
    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (display), icons);
}

/* Reads the kiosk's password from @path, which only its owner may read
 * (the file's first line; a trailing newline is not part of it).
 */
static char *
read_kiosk_password (const char  *path,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: %s is a file name, then the system's reason. */
                   _("The password file %s cannot be read: %s"), path,
                   g_strerror (saved_errno));
      return NULL;
    }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   /* Translators: %s is a file name; keep the command as it is. */
                   _("The password file %s can be read by other users; make it readable only "
                     "by the kiosk’s user (chmod 600 FILE)"),
                   path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;

  contents[strcspn (contents, "\r\n")] = '\0';
  if (*contents == '\0')
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The password file %s is empty"), path);
      return NULL;
    }

  return g_steal_pointer (&contents);
}

/* The kiosk mode: its own process (not handed to a running desk), in
 * Indonesian by default whatever the system's language: the kiosk window
 * switches the language itself, which LANGUAGE would override.
 */
static int
handle_kiosk_options (PstApplication *self,
                      GVariantDict   *options)
{
  g_autofree char *office = NULL;
  g_autofree char *password_file = NULL;

  g_variant_dict_lookup (options, "kiosk", "s", &office);
  g_variant_dict_lookup (options, "kiosk-password-file", "^ay", &password_file);

  if (office == NULL || *office == '\0' || strspn (office, "0123456789") != strlen (office))
    {
      g_printerr ("%s\n", _("pst-desk: --kiosk needs the code of an office, for example "
                            "--kiosk 7604."));
      return 2;
    }

  if (password_file != NULL)
    {
      g_autoptr(GError) error = NULL;

      self->kiosk_password = read_kiosk_password (password_file, &error);
      if (self->kiosk_password == NULL)
        {
          g_printerr ("pst-desk: %s\n", error->message);
          return 2;
        }
    }

  self->kiosk_office = g_steal_pointer (&office);
  g_application_set_flags (G_APPLICATION (self),
                           g_application_get_flags (G_APPLICATION (self)) |
                           G_APPLICATION_NON_UNIQUE);
  g_unsetenv ("LANGUAGE");

  return -1;
}

static int
pst_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("pst-desk %s\n", PST_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "kiosk"))
    return handle_kiosk_options (PST_APPLICATION (application), options);

  if (g_variant_dict_contains (options, "kiosk-password-file"))
    {
      g_printerr ("%s\n", _("pst-desk: --kiosk-password-file goes with --kiosk OFFICE."));
      return 2;
    }

  if (g_variant_dict_contains (options, "display"))
    {
      g_printerr ("%s\n", _("pst-desk: the display board mode is not available yet in this "
                            "version."));
      return 2;
    }

  return -1;
}

/* A session logout or `kill` sends SIGTERM: quit as from the menu, so the
 * cache finishes writing what the officer just did (the outbox) first.
 */
static gboolean
quit_on_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

static void
pst_application_startup (GApplication *application)
{
  PstApplication *self = PST_APPLICATION (application);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(PstClock) clock = NULL;
  g_autoptr(PstSync) sync = NULL;
  g_autofree char *cache_dir = NULL;

  G_APPLICATION_CLASS (pst_application_parent_class)->startup (application);

  g_set_application_name (_("PST Desk"));
  gtk_window_set_default_icon_name (PST_APP_ID);
  add_icon_search_path ();

  settings = g_settings_new (PST_APP_ID);
  clock = pst_clock_new_system ();
  cache_dir = g_build_filename (g_get_user_data_dir (), "pst-desk", NULL);
  sync = pst_sync_new (clock, cache_dir);
  self->context = pst_context_new (settings, clock, sync);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  /* Visitors at a kiosk keyboard cannot quit or open the preferences. */
  if (self->kiosk_office == NULL)
    set_accels (self);
  update_session_actions (self);

  g_signal_connect_object (sync, "session-ended", G_CALLBACK (session_ended_cb), self, 0);

  g_unix_signal_add (SIGTERM, quit_on_signal_cb, self);
  g_unix_signal_add (SIGINT, quit_on_signal_cb, self);
}

static void
pst_application_activate (GApplication *application)
{
  PstApplication *self = PST_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_window_present (window);
  else if (self->kiosk_office != NULL)
    gtk_window_present (GTK_WINDOW (pst_kiosk_window_new (GTK_APPLICATION (self), self->context,
                                                          self->kiosk_office,
                                                          self->kiosk_password)));
  else if (pst_sync_is_logged_in (pst_context_get_sync (self->context)))
    show_main_window (self);
  else
    show_login (self, NULL);
}

static void
pst_application_shutdown (GApplication *application)
{
  PstApplication *self = PST_APPLICATION (application);

  /* The session token lives in memory only; end the session cleanly. */
  if (self->context != NULL && pst_sync_is_logged_in (pst_context_get_sync (self->context)))
    pst_sync_logout (pst_context_get_sync (self->context));

  G_APPLICATION_CLASS (pst_application_parent_class)->shutdown (application);
}

static void
pst_application_dispose (GObject *object)
{
  PstApplication *self = PST_APPLICATION (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->kiosk_office, g_free);
  if (self->kiosk_password != NULL)
    memset (self->kiosk_password, 0, strlen (self->kiosk_password));
  g_clear_pointer (&self->kiosk_password, g_free);

  G_OBJECT_CLASS (pst_application_parent_class)->dispose (object);
}

static void
pst_application_class_init (PstApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pst_application_dispose;

  application_class->handle_local_options = pst_application_handle_local_options;
  application_class->startup = pst_application_startup;
  application_class->activate = pst_application_activate;
  application_class->shutdown = pst_application_shutdown;
}

static void
pst_application_init (PstApplication *self)
{
  /* The resources are compiled into the static library this file is in:
   * a call to them links them into the program, where they register
   * themselves before main() runs.
   */
  g_return_if_fail (pst_get_resource () != NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

PstApplication *
pst_application_new (void)
{
  return g_object_new (PST_TYPE_APPLICATION,
                       "application-id", PST_APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/id/go/bps/PstDesk",
                       NULL);
}
