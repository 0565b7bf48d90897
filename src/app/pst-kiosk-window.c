/* pst-kiosk-window.c: the visitor kiosk of an office.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kiosk-window.h"

#include "pst-format.h"
#include "pst-i18n.h"
#include "pst-kiosk-guest-book.h"
#include "pst-kiosk-result.h"

#include <locale.h>
#include <string.h>

/* A fullscreen screen for the visitors at the front office, logged in
 * with the office's kiosk account (PstSync's kiosk session: requests
 * only). A visitor searches the knowledge base (a big field and
 * suggested topics), reads an article and says whether it answered the
 * question: yes is recorded as resolved without a consultation; no, or
 * "Take a number" on the start screen, leads to a queue number — through
 * the guest book first when the office fills it in before the queue —
 * shown large, to note down.
 *
 * Everything a visitor typed is cleared when they are done or after a
 * while without a touch or a key (the guest book holds personal data):
 * PST_KIOSK_IDLE_S seconds (60), the thank-you and number screens after
 * at most 20. When the server cannot be reached or the session ends, a
 * friendly screen sends visitors to the desk while the kiosk logs in
 * again every PST_KIOSK_RETRY_S seconds (10); on the start screen it
 * checks the server every PST_KIOSK_CHECK_S seconds (60), which also
 * reads the office's procedure again.
 *
 * The kiosk speaks Indonesian whatever the system's language and English
 * one tap away: the language is the main thread's messages locale
 * (uselocale()), and every text is set from update_texts(), never from
 * the template, so a switch re-reads them all.
 */

#define DEFAULT_IDLE_S        60
#define DEFAULT_NUMBER_IDLE_S 20
#define DEFAULT_RETRY_S       10
#define DEFAULT_CHECK_S       60
#define TICKET_ATTEMPTS       3   /* sends of one number request when answers are lost */
#define TICKET_RETRY_S        2
#define SEARCH_LIMIT          20

typedef struct
{
  const char *label;  /* N_() */
  const char *query;  /* NC_("kiosk topic search", …) */
} Topic;

static const Topic topics[] = {
  /* Translators: Suggested topics on the kiosk's start screen, one tap
   * searches the knowledge base for them.
   */
  { N_("Inflation"), NC_("kiosk topic search", "inflation") },
  { N_("Poverty"), NC_("kiosk topic search", "poverty") },
  { N_("Population"), NC_("kiosk topic search", "population") },
  { N_("Unemployment"), NC_("kiosk topic search", "unemployment") },
  /* Translators: Gross regional domestic product; Indonesian PDRB. */
  { N_("GRDP"), NC_("kiosk topic search", "gross regional domestic product") },
  /* Translators: Human Development Index; Indonesian IPM. */
  { N_("HDI"), NC_("kiosk topic search", "human development index") },
  /* Translators: The Indonesian standard industrial classification. */
  { N_("KBLI"), NC_("kiosk topic search", "KBLI") },
  { N_("Statistical activity recommendation"),
    NC_("kiosk topic search", "statistical activity recommendation") },
};

#define TOPIC_COLUMNS 4

typedef struct
{
  PstService  service;
  const char *title;        /* N_() */
  const char *description;  /* N_() */
} ServiceChoice;

static const ServiceChoice services[] = {
  /* Translators: The services a visitor takes a number for on the kiosk. */
  { PST_SERVICE_CONSULTATION, N_("Statistical consultation"),
    N_("Ask an officer about data, metadata or classifications") },
  { PST_SERVICE_LIBRARY, N_("Library"),
    N_("Read BPS publications in the reading room") },
  { PST_SERVICE_SALES, N_("Publications and data sales"),
    N_("Buy printed publications or data files") },
  { PST_SERVICE_RECOMMENDATION, N_("Statistical activity recommendation"),
    N_("For agencies planning a survey or a census") },
};

struct _PstKioskWindow
{
  AdwApplicationWindow parent_instance;

  PstContext   *context;
  char         *office_code;
  char         *username;
  char         *password;           /* in memory only, wiped when freed */
  PstOffice    *office;             /* NULL until logged in */
  GTimeZone    *time_zone;
  PstLang       lang;
  gboolean      ready;              /* logged in at least once */

  GCancellable *cancellable;        /* the visitor's requests */
  GCancellable *check_cancellable;  /* the office check */
  /* Logging in. Cancelling it once the login is done would cancel the
   * session's requests too (PstSync forwards the cancellation): it is
   * only cancelled by the next login, which ends that session anyway,
   * and when the window goes.
   */
  GCancellable *login_cancellable;
  gboolean      logging_in;
  GListStore   *results;            /* of PstKioskResult */
  char         *query;
  char         *did_you_mean;
  char         *article_id;
  gboolean      article_failed;
  JsonNode     *guest_book;         /* what the visitor gave, until the number */
  PstTicket    *ticket;             /* the number just taken */
  /* Taking a number: its body and Idempotency-Key, kept while its answer
   * may have been lost, so sending it again never makes a second ticket.
   */
  JsonNode     *ticket_body;
  char         *ticket_key;
  guint         ticket_attempts;
  guint         ticket_retry_id;
  GError       *setup_error;

  guint         idle_s;
  guint         number_idle_s;
  guint         retry_s;
  guint         check_s;
  guint         idle_id;
  guint         retry_id;
  guint         check_id;

  GtkWidget    *topic_buttons[G_N_ELEMENTS (topics)];
  GtkWidget    *service_titles[G_N_ELEMENTS (services)];
  GtkWidget    *service_descriptions[G_N_ELEMENTS (services)];
  GtkWidget    *service_buttons[G_N_ELEMENTS (services)];

  /* Template children. */
  GtkWidget *service_label;
  GtkWidget *office_label;
  GtkWidget *home_button;
  GtkWidget *language_button;
  GtkWidget *stack;
  GtkWidget *setup_title_label;
  GtkWidget *setup_intro_label;
  GtkWidget *server_title_label;
  GtkWidget *server_entry;
  GtkWidget *username_title_label;
  GtkWidget *username_entry;
  GtkWidget *password_title_label;
  GtkWidget *password_entry;
  GtkWidget *setup_error_label;
  GtkWidget *setup_button;
  GtkWidget *setup_spinner;
  GtkWidget *unavailable_title_label;
  GtkWidget *unavailable_body_label;
  GtkWidget *unavailable_status_label;
  GtkWidget *welcome_label;
  GtkWidget *welcome_hint_label;
  GtkWidget *search_entry;
  GtkWidget *search_button;
  GtkWidget *topics_label;
  GtkWidget *topics_grid;
  GtkWidget *ask_officer_label;
  GtkWidget *take_number_button;
  GtkWidget *results_title_label;
  GtkWidget *results_notice_label;
  GtkWidget *did_you_mean_button;
  GtkWidget *results_stack;
  GtkWidget *results_list;
  GtkWidget *empty_title_label;
  GtkWidget *empty_body_label;
  GtkWidget *search_again_button;
  GtkWidget *results_number_button;
  GtkWidget *article_title_label;
  GtkWidget *article_body_label;
  GtkWidget *back_to_results_button;
  GtkWidget *question_label;
  GtkWidget *yes_button;
  GtkWidget *no_button;
  GtkWidget *thanks_title_label;
  GtkWidget *thanks_body_label;
  GtkWidget *thanks_done_button;
  GtkWidget *guest_book_form;
  GtkWidget *service_title_label;
  GtkWidget *services_grid;
  GtkWidget *service_error_label;
  GtkWidget *busy_spinner;
  GtkWidget *busy_label;
  GtkWidget *number_caption_label;
  GtkWidget *number_label;
  GtkWidget *number_service_label;
  GtkWidget *number_time_label;
  GtkWidget *number_hint_label;
  GtkWidget *number_done_button;
};

G_DEFINE_FINAL_TYPE (PstKioskWindow, pst_kiosk_window, ADW_TYPE_APPLICATION_WINDOW)

static void start_over       (PstKioskWindow *self);
static void show_unavailable (PstKioskWindow *self);
static void update_texts     (PstKioskWindow *self);
static void note_activity    (PstKioskWindow *self);

/* The language. */

/* A locale like the process's, with the messages of the first of @names
 * that is installed; (locale_t) 0 when none is.
 */
static locale_t
open_messages_locale (const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      locale_t base = duplocale (LC_GLOBAL_LOCALE);
      locale_t loc;

      if (base == (locale_t) 0)
        return (locale_t) 0;
      loc = newlocale (LC_MESSAGES_MASK, names[i], base);
      if (loc != (locale_t) 0)
        return loc;
      freelocale (base);
    }

  return (locale_t) 0;
}

/* Makes @lang the language of the main thread's messages. The two locales
 * are opened once and kept for the life of the process.
 */
static void
use_language (PstLang lang)
{
  static const char *const id_names[] = { "id_ID.UTF-8", "id_ID.utf8", "id_ID", NULL };
  static const char *const en_names[] = {
    "en_US.UTF-8", "en_US.utf8", "en_GB.UTF-8", "C.UTF-8", "C", NULL
  };
  static locale_t locales[PST_N_LANGS];
  static gboolean opened;

  if (!opened)
    {
      opened = TRUE;
      locales[PST_LANG_ID] = open_messages_locale (id_names);
      locales[PST_LANG_EN] = open_messages_locale (en_names);
      if (locales[PST_LANG_ID] == (locale_t) 0)
        g_message ("The id_ID.UTF-8 locale is not installed: the kiosk shows English only");
    }

  if (locales[lang] != (locale_t) 0)
    uselocale (locales[lang]);
}

/* Helpers. */

static const char *
current_page (PstKioskWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));

  return name != NULL ? name : "";
}

static void
show_page (PstKioskWindow *self,
           const char     *name)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), name);
}

static void
show_busy (PstKioskWindow *self,
           const char     *message)
{
  gtk_label_set_label (GTK_LABEL (self->busy_label), message);
  show_page (self, "busy");
}

static PstSync *
get_sync (PstKioskWindow *self)
{
  return pst_context_get_sync (self->context);
}

static guint
env_seconds (const char *name,
             guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 24 * 60 * 60, &value, NULL))
    return fallback;

  return (guint) value;
}

static void
wipe_free (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

/* Forgets the guest book the visitor gave, wiping its strings. */
static void
clear_guest_book (PstKioskWindow *self)
{
  if (self->guest_book != NULL && JSON_NODE_HOLDS_OBJECT (self->guest_book))
    {
      JsonObject *obj = json_node_get_object (self->guest_book);
      g_autoptr(GList) members = json_object_get_members (obj);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (obj, l->data);
          const char *text = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

          if (text != NULL)
            memset ((char *) text, 0, strlen (text));
        }
    }
  g_clear_pointer (&self->guest_book, json_node_unref);
  pst_kiosk_guest_book_clear (PST_KIOSK_GUEST_BOOK (self->guest_book_form));
}

/* Forgets the number request under way. */
static void
forget_ticket_request (PstKioskWindow *self)
{
  g_clear_handle_id (&self->ticket_retry_id, g_source_remove);
  /* Its guest book is self->guest_book's node, wiped by clear_guest_book(). */
  g_clear_pointer (&self->ticket_body, json_node_unref);
  g_clear_pointer (&self->ticket_key, g_free);
  self->ticket_attempts = 0;
}

static void
renew_cancellable (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

/* Handles a request's failure that is not the visitor's: the server gone
 * or the session ended shows the "not available" screen. TRUE when the
 * caller has nothing more to do.
 */
static gboolean
handle_request_error (PstKioskWindow *self,
                      const GError   *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;

  if (error->domain == PST_SYNC_ERROR && error->code == PST_SYNC_ERROR_REJECTED)
    return FALSE;

  g_message ("Kiosk request failed: %s", error->message);
  show_unavailable (self);
  return TRUE;
}

static void
send_request (PstKioskWindow      *self,
              const char          *method,
              const char          *path,
              JsonNode            *body,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback)
{
  pst_sync_request_async (get_sync (self), method, path, body, cancellable, callback,
                          g_object_ref (self));
}

static char *
escape (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

static const ServiceChoice *
service_choice (PstService service)
{
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    if (services[i].service == service)
      return &services[i];

  return &services[0];
}

static void
set_office (PstKioskWindow  *self,
            PstOffice       *office)
{
  g_clear_pointer (&self->office, pst_office_free);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  self->office = office;
  if (office != NULL && office->timezone != NULL)
    self->time_zone = g_time_zone_new_identifier (office->timezone);

  gtk_label_set_label (GTK_LABEL (self->office_label),
                       office != NULL && office->name != NULL ? office->name : "");
}

/* The server address to offer: the saved one, or the environment's
 * default (run-demo sets it) while the setting has never been changed.
 */
static char *
initial_server_url (PstKioskWindow *self)
{
  GSettings *settings = pst_context_get_settings (self->context);
  g_autoptr(GVariant) user_value = g_settings_get_user_value (settings, "server-url");
  const char *from_env = g_getenv ("PST_DEFAULT_SERVER");

  if (user_value == NULL && from_env != NULL && *from_env != '\0')
    return g_strdup (from_env);

  return g_settings_get_string (settings, "server-url");
}

/* Idle: back to the start after a while without a touch or a key. */

static gboolean
idle_cb (gpointer user_data)
{
  PstKioskWindow *self = user_data;

  self->idle_id = 0;
  g_debug ("Kiosk idle on page %s: back to the start", current_page (self));
  start_over (self);

  return G_SOURCE_REMOVE;
}

static guint
idle_seconds (PstKioskWindow *self)
{
  const char *page = current_page (self);

  if (g_str_equal (page, "setup") || g_str_equal (page, "unavailable") ||
      g_str_equal (page, "busy"))
    return 0;
  /* The start waits for nobody, unless something typed is left behind. */
  if (g_str_equal (page, "start"))
    return *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0' ||
           !pst_kiosk_guest_book_is_empty (PST_KIOSK_GUEST_BOOK (self->guest_book_form))
           ? self->idle_s : 0;
  if (g_str_equal (page, "thanks") || g_str_equal (page, "number"))
    return self->number_idle_s;

  return self->idle_s;
}

static void
note_activity (PstKioskWindow *self)
{
  guint seconds = idle_seconds (self);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (seconds > 0)
    self->idle_id = g_timeout_add_seconds (seconds, idle_cb, self);
}

static gboolean
input_event_cb (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                PstKioskWindow           *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_KEY_PRESS:
    case GDK_SCROLL:
      note_activity (self);
      break;
    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

/* The office check: on the start screen, every check_s seconds. */

static void schedule_check (PstKioskWindow *self);

static void
office_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PstKioskWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pst_sync_request_finish (PST_SYNC (source), result, &error);
  PstOffice *office;

  if (node == NULL)
    {
      if (error != NULL && !handle_request_error (self, error))
        g_message ("Kiosk: the office cannot be read: %s", error->message);
      return;
    }

  office = pst_office_from_json (node, &error);
  if (office == NULL)
    {
      g_message ("Kiosk: the office's answer is not understood: %s", error->message);
      return;
    }
  set_office (self, office);
  update_texts (self);
}

static void
check_office (PstKioskWindow *self)
{
  g_autofree char *code = escape (self->office_code);
  g_autofree char *path = g_strconcat ("/offices/", code, NULL);

  renew_cancellable (&self->check_cancellable);
  send_request (self, "GET", path, NULL, self->check_cancellable, office_cb);
}

static gboolean
check_cb (gpointer user_data)
{
  PstKioskWindow *self = user_data;

  self->check_id = 0;
  if (g_str_equal (current_page (self), "start") &&
      *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    check_office (self);
  schedule_check (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_check (PstKioskWindow *self)
{
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add_seconds (self->check_s, check_cb, self);
}

/* Logging in: by the setup screen, from a password file, and again
 * after the server went away.
 */

static void login (PstKioskWindow *self);

/* What went wrong while logging in, for the staff at the setup screen. */
static char *
describe_login_error (PstKioskWindow *self,
                      const GError   *error)
{
  if (error->domain == PST_SYNC_ERROR && error->code == PST_SYNC_ERROR_UNAUTHORIZED)
    return g_strdup (_("The username or password is not right. Check them and try again."));
  if (error->domain == PST_SYNC_ERROR && error->code == PST_SYNC_ERROR_UNREACHABLE)
    /* Translators: %s is the server address. */
    return g_strdup_printf (_("Cannot reach the server at %s. Check the address and that the "
                              "server is running."),
                            gtk_editable_get_text (GTK_EDITABLE (self->server_entry)));

  return g_strdup (error->message);
}

static void
show_setup_error (PstKioskWindow *self,
                  const GError   *error)
{
  g_autofree char *message = NULL;

  g_clear_error (&self->setup_error);
  if (error != NULL)
    {
      self->setup_error = g_error_copy (error);
      message = describe_login_error (self, error);
    }

  gtk_label_set_label (GTK_LABEL (self->setup_error_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->setup_error_label, message != NULL);
}

static gboolean
retry_cb (gpointer user_data)
{
  PstKioskWindow *self = user_data;

  self->retry_id = 0;
  login (self);

  return G_SOURCE_REMOVE;
}

/* The account is the kiosk of this office, or a PST_ERROR saying why not. */
static gboolean
check_account (PstKioskWindow  *self,
               GError         **error)
{
  const PstOfficer *officer = pst_sync_get_officer (get_sync (self));

  if (officer != NULL && officer->role == PST_ROLE_KIOSK &&
      g_strcmp0 (officer->office, self->office_code) == 0)
    return TRUE;

  g_set_error (error, PST_ERROR, PST_ERROR_FAILED,
               /* Translators: %s is an office code such as 7604. */
               _("This is not the kiosk account of office %s. Use the account kiosk.%s."),
               self->office_code, self->office_code);
  return FALSE;
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PstKioskWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean logged_in = pst_sync_login_finish (PST_SYNC (source), result, &error);
  gboolean from_setup;

  /* Cancelled: logging in again, or the window is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->logging_in = FALSE;

  from_setup = gtk_widget_get_visible (self->setup_spinner);
  gtk_widget_set_visible (self->setup_spinner, FALSE);
  gtk_widget_set_sensitive (self->setup_button, TRUE);

  if (!logged_in || !check_account (self, &error))
    {
      gboolean wrong_account;

      if (error->domain == PST_ERROR)
        pst_sync_logout (get_sync (self));

      /* Staff at the setup screen, a wrong password (file) or account are
       * told what is wrong; an unattended kiosk whose server is away
       * sends visitors to the desk and keeps trying.
       */
      wrong_account = error->domain == PST_ERROR ||
                      (error->domain == PST_SYNC_ERROR &&
                       error->code == PST_SYNC_ERROR_UNAUTHORIZED);
      if (!from_setup && !wrong_account)
        {
          g_message ("Kiosk: logging in failed: %s", error->message);
          show_unavailable (self);
          return;
        }

      show_setup_error (self, error);
      show_page (self, "setup");
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  show_setup_error (self, NULL);

  self->ready = TRUE;
  set_office (self, pst_office_copy (pst_sync_get_office (get_sync (self))));
  update_texts (self);
  start_over (self);
  schedule_check (self);
}

static void
login (PstKioskWindow *self)
{
  g_autofree char *server_url = NULL;

  server_url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_entry))));
  renew_cancellable (&self->login_cancellable);
  self->logging_in = TRUE;
  pst_sync_login_async (get_sync (self), server_url, self->username, self->password,
                        self->login_cancellable, login_cb, g_object_ref (self));
}

static void
session_ended_cb (PstSync        *sync,
                  PstKioskWindow *self)
{
  if (self->ready)
    show_unavailable (self);
}

/* Shows the "not available" screen and tries again and again. */
static void
show_unavailable (PstKioskWindow *self)
{
  renew_cancellable (&self->cancellable);
  clear_guest_book (self);
  g_clear_handle_id (&self->check_id, g_source_remove);

  show_page (self, "unavailable");
  /* Already trying: a failed request in between does not put it off. */
  if (self->retry_id == 0)
    self->retry_id = g_timeout_add_seconds (self->retry_s, retry_cb, self);
}

/* The pages. */

/* Clears everything a visitor typed or saw and shows the start. */
static void
start_over (PstKioskWindow *self)
{
  renew_cancellable (&self->cancellable);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_list_store_remove_all (self->results);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->did_you_mean, g_free);
  g_clear_pointer (&self->article_id, g_free);
  self->article_failed = FALSE;
  gtk_label_set_label (GTK_LABEL (self->article_title_label), "");
  gtk_label_set_label (GTK_LABEL (self->article_body_label), "");
  forget_ticket_request (self);
  clear_guest_book (self);
  g_clear_pointer (&self->ticket, pst_ticket_free);
  gtk_widget_set_visible (self->service_error_label, FALSE);
  update_texts (self);

  show_page (self, "start");
  gtk_widget_grab_focus (self->search_entry);

  /* Between visitors: the office's procedure may have changed. */
  if (self->ready)
    check_office (self);
}

static GtkWidget *
create_result_row_cb (gpointer item,
                      gpointer user_data)
{
  PstKioskResult *result = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (pst_kiosk_result_get_title (result));
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "kiosk-result-title");

  gtk_label_set_markup (GTK_LABEL (snippet), pst_kiosk_result_get_snippet (result));
  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_lines (GTK_LABEL (snippet), 2);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (snippet, "kiosk-result-snippet");
  gtk_widget_set_visible (snippet, *pst_kiosk_result_get_snippet (result) != '\0');

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), snippet);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "kiosk-result");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kiosk.open-article");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                    pst_kiosk_result_get_id (result));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  pst_kiosk_result_get_title (result),
                                  -1);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PstKioskWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pst_sync_request_finish (PST_SYNC (source), result, &error);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *items = NULL;

  if (node == NULL && error != NULL && handle_request_error (self, error))
    return;

  /* An answer not understood shows as nothing found, with the way to ask. */
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);

      if (!pst_json_get_array (obj, "items", TRUE, &items, NULL))
        items = NULL;
      g_clear_pointer (&self->did_you_mean, g_free);
      if (!pst_json_get_string (obj, "did_you_mean", FALSE, &self->did_you_mean, NULL))
        g_clear_pointer (&self->did_you_mean, g_free);
    }

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      PstKioskResult *kiosk_result = NULL;

      if (JSON_NODE_HOLDS_OBJECT (item))
        kiosk_result = pst_kiosk_result_new_from_json (json_node_get_object (item));
      if (kiosk_result != NULL)
        g_ptr_array_add (found, kiosk_result);
    }

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       found->pdata, found->len);
  gtk_stack_set_visible_child_name (GTK_STACK (self->results_stack),
                                    found->len > 0 ? "list" : "empty");
  gtk_widget_set_visible (self->results_notice_label, FALSE);
  update_texts (self);
  show_page (self, "results");
}

static void
run_search (PstKioskWindow *self,
            const char     *query)
{
  g_autofree char *q = escape (query);
  g_autofree char *code = escape (self->office_code);
  g_autofree char *path = NULL;

  g_free (self->query);
  self->query = g_strdup (query);
  path = g_strdup_printf ("/public/kb/search?q=%s&lang=%s&office=%s&limit=%d", q,
                          pst_lang_to_string (self->lang), code, SEARCH_LIMIT);

  renew_cancellable (&self->cancellable);
  /* Translators: While the kiosk searches the knowledge base. */
  show_busy (self, _("Searching…"));
  send_request (self, "GET", path, NULL, self->cancellable, search_cb);
}

static void
article_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PstKioskWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pst_sync_request_finish (PST_SYNC (source), result, &error);
  g_autoptr(PstKbArticle) article = NULL;

  if (node == NULL && error != NULL && handle_request_error (self, error))
    return;

  if (node != NULL)
    article = pst_kb_article_from_json (node, NULL);
  if (article == NULL || article->title == NULL || article->body == NULL)
    {
      /* Gone since the search, or not understood: choose another one. */
      gtk_widget_set_visible (self->results_notice_label, TRUE);
      show_page (self, "results");
      return;
    }

  gtk_label_set_label (GTK_LABEL (self->article_title_label), article->title);
  gtk_label_set_label (GTK_LABEL (self->article_body_label), article->body);
  show_page (self, "article");
}

static void
feedback_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PstKioskWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pst_sync_request_finish (PST_SYNC (source), result, &error);

  /* The visitor has moved on; a lost answer is only a lost count. */
  if (node == NULL && error != NULL)
    g_message ("Kiosk: the article's feedback was not recorded: %s", error->message);
}

static void
send_feedback (PstKioskWindow *self,
               gboolean        answered)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id = escape (self->article_id);
  g_autofree char *path = g_strconcat ("/kb/articles/", id, "/feedback", NULL);

  json_object_set_boolean_member (body, "helpful", answered);
  json_object_set_boolean_member (body, "resolved_without_consultation", answered);
  if (self->query != NULL)
    json_object_set_string_member (body, "query", self->query);
  json_object_set_string_member (body, "office", self->office_code);
  node = json_node_init_object (json_node_alloc (), body);

  /* Not cancelled by starting over: the visitor's answer counts. */
  send_request (self, "POST", path, node, NULL, feedback_cb);
}

/* The choice of service, with the first one ready for a keyboard. */
static void
show_services (PstKioskWindow *self)
{
  show_page (self, "service");
  gtk_widget_grab_focus (self->service_buttons[0]);
}

static void
take_number (PstKioskWindow *self)
{
  gtk_widget_set_visible (self->service_error_label, FALSE);

  if (self->office != NULL && self->office->guest_book_stage == PST_GUEST_BOOK_BEFORE_QUEUE &&
      self->guest_book == NULL)
    {
      show_page (self, "guest-book");
      return;
    }

  show_services (self);
}

/* The sentence under the number: what comes next at this office. */
static const char *
number_hint (PstKioskWindow *self)
{
  PstGuestBookStage stage = self->office != NULL ? self->office->guest_book_stage
                                                 : PST_GUEST_BOOK_FRONT_OFFICE;

  switch (stage)
    {
    case PST_GUEST_BOOK_BEFORE_QUEUE:
      return _("Please note down your number and wait until it is called.");
    case PST_GUEST_BOOK_AT_DESK:
      return _("Please note down your number and wait until it is called. The officer fills "
               "in the guest book with you at the desk.");
    case PST_GUEST_BOOK_FRONT_OFFICE:
    case PST_N_GUEST_BOOK_STAGES:
    default:
      return _("Please note down your number and wait until it is called. When you are "
               "called, fill in the guest book at the front office.");
    }
}

static gboolean ticket_retry_cb (gpointer user_data);

static void
ticket_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PstKioskWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pst_sync_request_finish (PST_SYNC (source), result, &error);
  PstTicket *ticket = NULL;

  /* No answer: maybe the ticket was made and the answer lost. The same
   * request with the same key again, a few times, before giving up.
   */
  if (node == NULL && g_error_matches (error, PST_SYNC_ERROR, PST_SYNC_ERROR_UNREACHABLE) &&
      self->ticket_key != NULL && self->ticket_attempts < TICKET_ATTEMPTS)
    {
      self->ticket_retry_id = g_timeout_add_seconds (TICKET_RETRY_S, ticket_retry_cb, self);
      return;
    }

  if (node == NULL && error != NULL && handle_request_error (self, error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        forget_ticket_request (self);
      return;
    }

  forget_ticket_request (self);

  if (node != NULL)
    ticket = pst_ticket_from_json (node, NULL);
  if (ticket == NULL || ticket->number == NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The number could not be taken: %s. Please ask at the desk."),
                                 error != NULL ? error->message : _("the server’s answer is not "
                                                                    "understood"));
      gtk_label_set_label (GTK_LABEL (self->service_error_label), message);
      gtk_widget_set_visible (self->service_error_label, TRUE);
      g_clear_pointer (&ticket, pst_ticket_free);
      show_page (self, "service");
      return;
    }

  /* The guest book went with the number: nothing of it stays here. */
  clear_guest_book (self);
  g_clear_pointer (&self->ticket, pst_ticket_free);
  self->ticket = ticket;
  update_texts (self);
  show_page (self, "number");
}

static void
send_ticket_request (PstKioskWindow *self)
{
  g_autofree char *code = escape (self->office_code);
  g_autofree char *path = g_strconcat ("/offices/", code, "/tickets", NULL);

  self->ticket_attempts++;
  pst_sync_request_once_async (get_sync (self), "POST", path, self->ticket_body, self->ticket_key,
                               self->cancellable, ticket_cb, g_object_ref (self));
}

static gboolean
ticket_retry_cb (gpointer user_data)
{
  PstKioskWindow *self = user_data;

  self->ticket_retry_id = 0;
  send_ticket_request (self);
  return G_SOURCE_REMOVE;
}

static void
issue_ticket (PstKioskWindow *self,
              PstService      service)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "service", pst_service_to_string (service));
  if (self->guest_book != NULL)
    json_object_set_member (body, "guest_book", json_node_ref (self->guest_book));

  forget_ticket_request (self);
  self->ticket_body = json_node_init_object (json_node_alloc (), body);
  self->ticket_key = g_uuid_string_random ();

  renew_cancellable (&self->cancellable);
  /* Translators: While the kiosk asks the server for a queue number. */
  show_busy (self, _("Taking your number…"));
  send_ticket_request (self);
}

/* Texts. */

static void
update_number_texts (PstKioskWindow *self)
{
  g_autofree char *time = NULL;
  g_autofree char *taken = NULL;

  if (self->ticket == NULL)
    return;

  time = pst_format_time (self->ticket->issued_at, self->time_zone);
  /* Translators: Under the queue number on the kiosk; %s is a time of day. */
  taken = g_strdup_printf (_("Taken at %s"), time);

  gtk_label_set_label (GTK_LABEL (self->number_label), self->ticket->number);
  gtk_label_set_label (GTK_LABEL (self->number_service_label),
                       _(service_choice (self->ticket->service)->title));
  gtk_label_set_label (GTK_LABEL (self->number_time_label), taken);
  gtk_label_set_label (GTK_LABEL (self->number_hint_label), number_hint (self));
}

static void
update_results_texts (PstKioskWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *suggestion = NULL;

  if (self->query == NULL)
    return;

  /* Translators: The heading of the kiosk's search results; %s is what
   * the visitor searched for.
   */
  title = g_strdup_printf (_("Results for “%s”"), self->query);
  gtk_label_set_label (GTK_LABEL (self->results_title_label), title);
  /* Translators: %s is what the visitor searched for. */
  empty = g_strdup_printf (_("Nothing found for “%s”"), self->query);
  gtk_label_set_label (GTK_LABEL (self->empty_title_label), empty);

  gtk_widget_set_visible (self->did_you_mean_button, self->did_you_mean != NULL);
  if (self->did_you_mean != NULL)
    {
      /* Translators: A button under the kiosk's search results; %s is a
       * corrected spelling of the search.
       */
      suggestion = g_strdup_printf (_("Did you mean “%s”?"), self->did_you_mean);
      gtk_button_set_label (GTK_BUTTON (self->did_you_mean_button), suggestion);
    }
}

static void
update_topic_and_service_texts (PstKioskWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (self->topic_buttons[i]));

      gtk_label_set_label (GTK_LABEL (label), _(topics[i].label));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->topic_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(topics[i].label),
                                      -1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      gtk_label_set_label (GTK_LABEL (self->service_titles[i]), _(services[i].title));
      gtk_label_set_label (GTK_LABEL (self->service_descriptions[i]),
                           _(services[i].description));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->service_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(services[i].title),
                                      -1);
    }
}

static void
set_label (GtkWidget  *label,
           const char *text)
{
  gtk_label_set_label (GTK_LABEL (label), text);
}

static void
set_button (GtkWidget  *button,
            const char *text)
{
  gtk_button_set_label (GTK_BUTTON (button), text);
}

static void
set_entry_name (GtkWidget  *entry,
                const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* Sets every text in the language of the moment. */
static void
update_texts (PstKioskWindow *self)
{
  g_autofree char *intro = NULL;

  use_language (self->lang);
  /* The server's messages (a refused guest book…) follow the toggle too. */
  pst_sync_set_language (get_sync (self), pst_lang_to_string (self->lang));

  /* Translators: The window title of the visitor kiosk. */
  gtk_window_set_title (GTK_WINDOW (self), _("PST Kiosk"));
  /* The other language, in its own words: never translated. */
  set_button (self->language_button,
              self->lang == PST_LANG_ID ? "English" : "Bahasa Indonesia");
  /* Translators: At the top of the kiosk, above the office's name. */
  set_label (self->service_label, _("Integrated Statistical Services (PST)"));
  /* Translators: A kiosk button: leave what you are doing, back to the start. */
  set_button (self->home_button, _("Start over"));

  set_label (self->setup_title_label, _("Set up the kiosk"));
  /* Translators: %s is an office code such as 7604. */
  intro = g_strdup_printf (_("A staff member logs in with the kiosk account of office %s once "
                             "each time the kiosk starts. The password is kept in memory only."),
                           self->office_code);
  set_label (self->setup_intro_label, intro);
  set_label (self->server_title_label, _("Server address"));
  set_entry_name (self->server_entry, _("Server address"));
  set_label (self->username_title_label, _("Kiosk account"));
  set_entry_name (self->username_entry, _("Kiosk account"));
  set_label (self->password_title_label, _("Password"));
  set_entry_name (self->password_entry, _("Password"));
  /* Translators: The button of the kiosk's setup screen. */
  set_button (self->setup_button, _("Start the Kiosk"));
  if (self->setup_error != NULL)
    {
      g_autoptr(GError) error = g_steal_pointer (&self->setup_error);

      show_setup_error (self, error);
    }

  set_label (self->unavailable_title_label, _("Self-service is not available right now"));
  set_label (self->unavailable_body_label, _("Please take a queue number at the front desk."));
  set_label (self->unavailable_status_label,
             _("The kiosk keeps trying to connect and comes back by itself."));

  set_label (self->welcome_label, _("How can we help you?"));
  set_label (self->welcome_hint_label,
             _("Search our answers to common questions about statistics."));
  /* Translators: The hint inside the kiosk's big search field. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->search_entry),
                                  _("Type a topic, for example: poverty rate"));
  set_entry_name (self->search_entry, _("Search"));
  /* Translators: The button beside the kiosk's search field. */
  set_button (self->search_button, _("Search"));
  set_label (self->topics_label, _("Popular topics"));
  set_label (self->ask_officer_label,
             _("Would you rather talk to an officer? Take a queue number."));
  set_button (self->take_number_button, _("Take a Number"));

  set_label (self->results_notice_label,
             _("That article cannot be opened now. Choose another one, or take a number."));
  set_label (self->empty_body_label,
             _("Try other words, or take a number and ask an officer."));
  /* Translators: A kiosk button: back to the search field. */
  set_button (self->search_again_button, _("Search Again"));
  set_button (self->results_number_button, _("Take a Number"));

  /* Translators: A kiosk button on an article: back to the search results. */
  set_button (self->back_to_results_button, _("Back to Results"));
  set_label (self->question_label, _("Did this answer your question?"));
  /* Translators: The answer to "Did this answer your question?" on the kiosk. */
  set_button (self->yes_button, _("Yes"));
  /* Translators: The answer to "Did this answer your question?" on the kiosk. */
  set_button (self->no_button, _("No, Ask an Officer"));

  set_label (self->thanks_title_label, _("Thank you!"));
  set_label (self->thanks_body_label,
             _("We are glad the answer helped. Your feedback makes our answers better."));
  /* Translators: A kiosk button that ends the visit and goes back to the start. */
  set_button (self->thanks_done_button, _("Done"));

  set_label (self->service_title_label, _("Which service do you need?"));

  /* Translators: While the kiosk waits for the server. */
  set_label (self->busy_label, _("One moment…"));
  /* Translators: Above the big queue number on the kiosk. */
  set_label (self->number_caption_label, _("Your queue number"));
  set_button (self->number_done_button, _("Done"));

  update_topic_and_service_texts (self);
  update_results_texts (self);
  update_number_texts (self);
  pst_kiosk_guest_book_update_texts (PST_KIOSK_GUEST_BOOK (self->guest_book_form));
}

/* Callbacks. */

static void
page_changed_cb (PstKioskWindow *self)
{
  const char *page = current_page (self);
  gboolean at_start = g_str_equal (page, "start") || g_str_equal (page, "setup") ||
                      g_str_equal (page, "unavailable") || g_str_equal (page, "busy");

  gtk_widget_set_visible (self->home_button, !at_start);
  if (g_str_equal (page, "busy"))
    gtk_spinner_start (GTK_SPINNER (self->busy_spinner));
  else
    gtk_spinner_stop (GTK_SPINNER (self->busy_spinner));

  note_activity (self);
}

static void
search_activate_cb (PstKioskWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "kiosk.search", NULL);
}

static void
search_changed_cb (PstKioskWindow *self)
{
  note_activity (self);
}

static void
did_you_mean_cb (PstKioskWindow *self)
{
  g_autofree char *query = g_strdup (self->did_you_mean);

  if (query != NULL)
    run_search (self, query);
}

static void
guest_book_completed_cb (PstKioskWindow *self)
{
  g_clear_pointer (&self->guest_book, json_node_unref);
  self->guest_book = pst_kiosk_guest_book_to_json (PST_KIOSK_GUEST_BOOK (self->guest_book_form));
  if (self->guest_book != NULL)
    show_services (self);
}

static void
guest_book_edited_cb (PstKioskWindow *self)
{
  note_activity (self);
}

static gboolean
close_request_cb (PstKioskWindow *self)
{
  /* Visitors cannot close the kiosk; the system stops it (SIGTERM). */
  return TRUE;
}

/* Actions. */

static void
start_over_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  start_over (PST_KIOSK_WINDOW (widget));
}

static void
switch_language_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PstKioskWindow *self = PST_KIOSK_WINDOW (widget);

  self->lang = self->lang == PST_LANG_ID ? PST_LANG_EN : PST_LANG_ID;
  update_texts (self);
  note_activity (self);
}

static void
set_up_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PstKioskWindow *self = PST_KIOSK_WINDOW (widget);
  g_autofree char *server_url = NULL;
  g_autofree char *username = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));

  server_url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_entry))));
  username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_entry))));

  if (!pst_is_server_url (server_url))
    {
      g_autoptr(GError) error =
        g_error_new_literal (PST_ERROR, PST_ERROR_FAILED,
                             _("Enter the server address with http:// or https://, for example "
                               "https://pst.example.go.id:8470."));
      show_setup_error (self, error);
      gtk_widget_grab_focus (self->server_entry);
      return;
    }
  if (*username == '\0' || *password == '\0')
    {
      g_autoptr(GError) error =
        g_error_new_literal (PST_ERROR, PST_ERROR_FAILED,
                             _("Enter the kiosk account and its password."));
      show_setup_error (self, error);
      return;
    }

  g_free (self->username);
  self->username = g_steal_pointer (&username);
  wipe_free (self->password);
  self->password = g_strdup (password);

  show_setup_error (self, NULL);
  gtk_widget_set_visible (self->setup_spinner, TRUE);
  gtk_widget_set_sensitive (self->setup_button, FALSE);
  login (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PstKioskWindow *self = PST_KIOSK_WINDOW (widget);
  g_autofree char *query = NULL;

  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  if (*query == '\0')
    {
      gtk_widget_grab_focus (self->search_entry);
      return;
    }

  run_search (self, query);
}

static void
topic_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PstKioskWindow *self = PST_KIOSK_WINDOW (widget);
  int index = g_variant_get_int32 (parameter);

  g_return_if_fail (index >= 0 && (guint) index < G_N_ELEMENTS (topics));

  run_search (self, pst_dpgettext2 ("kiosk topic search", topics[index].query));
}

static void
search_again_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PstKioskWindow *self = PST_KIOSK_WINDOW (widget);

  show_page (self, "start");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), self->query ? self->query : "");
  gtk_widget_grab_focus (self->search_entry);
}

static void
open_article_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PstKioskWindow *self = PST_KIOSK_WINDOW (widget);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  g_free (self->article_id);
  self->article_id = g_variant_dup_string (parameter, NULL);
  id = escape (self->article_id);
  path = g_strconcat ("/kb/articles/", id, NULL);

  renew_cancellable (&self->cancellable);
  /* Translators: While the kiosk loads an article. */
  show_busy (self, _("Opening the article…"));
  send_request (self, "GET", path, NULL, self->cancellable, article_cb);
}

static void
back_to_results_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  show_page (PST_KIOSK_WINDOW (widget), "results");
}

static void
answered_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PstKioskWindow *self = PST_KIOSK_WINDOW (widget);
  gboolean answered = g_variant_get_boolean (parameter);

  if (self->article_id != NULL)
    send_feedback (self, answered);

  if (answered)
    show_page (self, "thanks");
  else
    take_number (self);
}

static void
take_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  take_number (PST_KIOSK_WINDOW (widget));
}

static void
service_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PstKioskWindow *self = PST_KIOSK_WINDOW (widget);
  PstService service;

  if (!pst_service_from_string (g_variant_get_string (parameter, NULL), &service))
    g_return_if_reached ();

  issue_ticket (self, service);
}

/* Setup of the widgets. */

static void
build_topics (PstKioskWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "kiosk-topic");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kiosk.topic");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (gint32) i);
      gtk_grid_attach (GTK_GRID (self->topics_grid), button, (int) (i % TOPIC_COLUMNS),
                       (int) (i / TOPIC_COLUMNS), 1, 1);
      self->topic_buttons[i] = button;
    }
}

static void
build_services (PstKioskWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      GtkWidget *title = gtk_label_new (NULL);
      GtkWidget *description = gtk_label_new (NULL);

      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (title, "kiosk-service-title");
      gtk_label_set_wrap (GTK_LABEL (description), TRUE);
      gtk_label_set_justify (GTK_LABEL (description), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (description, "kiosk-service-description");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), description);

      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "kiosk-service");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kiosk.service");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        pst_service_to_string (services[i].service));
      gtk_grid_attach (GTK_GRID (self->services_grid), button, (int) (i % 2), (int) (i / 2), 1,
                       1);

      self->service_buttons[i] = button;
      self->service_titles[i] = title;
      self->service_descriptions[i] = description;
    }
}

static void
load_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded || gdk_display_get_default () == NULL)
    return;
  loaded = TRUE;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/id/go/bps/PstDesk/pst-kiosk.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Class functions. */

static void
pst_kiosk_window_dispose (GObject *object)
{
  PstKioskWindow *self = (PstKioskWindow *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  /* Only a login under way: afterwards that would cancel the session's
   * last requests (its logout at shutdown).
   */
  if (self->login_cancellable != NULL && self->logging_in)
    g_cancellable_cancel (self->login_cancellable);
  /* Clearing the form notes activity: before the timers go. */
  if (self->guest_book_form != NULL)
    clear_guest_book (self);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);
  forget_ticket_request (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PST_TYPE_KIOSK_WINDOW);

  G_OBJECT_CLASS (pst_kiosk_window_parent_class)->dispose (object);
}

static void
pst_kiosk_window_finalize (GObject *object)
{
  PstKioskWindow *self = (PstKioskWindow *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->login_cancellable);
  g_clear_object (&self->results);
  g_clear_pointer (&self->office, pst_office_free);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->ticket, pst_ticket_free);
  g_clear_pointer (&self->guest_book, json_node_unref);
  g_clear_error (&self->setup_error);
  g_free (self->office_code);
  g_free (self->username);
  wipe_free (self->password);
  g_free (self->query);
  g_free (self->did_you_mean);
  g_free (self->article_id);

  G_OBJECT_CLASS (pst_kiosk_window_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PstKioskWindow, name)

static void
pst_kiosk_window_class_init (PstKioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pst_kiosk_window_dispose;
  object_class->finalize = pst_kiosk_window_finalize;

  g_type_ensure (PST_TYPE_KIOSK_GUEST_BOOK);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-kiosk-window.ui");
  BIND (service_label);
  BIND (office_label);
  BIND (home_button);
  BIND (language_button);
  BIND (stack);
  BIND (setup_title_label);
  BIND (setup_intro_label);
  BIND (server_title_label);
  BIND (server_entry);
  BIND (username_title_label);
  BIND (username_entry);
  BIND (password_title_label);
  BIND (password_entry);
  BIND (setup_error_label);
  BIND (setup_button);
  BIND (setup_spinner);
  BIND (unavailable_title_label);
  BIND (unavailable_body_label);
  BIND (unavailable_status_label);
  BIND (welcome_label);
  BIND (welcome_hint_label);
  BIND (search_entry);
  BIND (search_button);
  BIND (topics_label);
  BIND (topics_grid);
  BIND (ask_officer_label);
  BIND (take_number_button);
  BIND (results_title_label);
  BIND (results_notice_label);
  BIND (did_you_mean_button);
  BIND (results_stack);
  BIND (results_list);
  BIND (empty_title_label);
  BIND (empty_body_label);
  BIND (search_again_button);
  BIND (results_number_button);
  BIND (article_title_label);
  BIND (article_body_label);
  BIND (back_to_results_button);
  BIND (question_label);
  BIND (yes_button);
  BIND (no_button);
  BIND (thanks_title_label);
  BIND (thanks_body_label);
  BIND (thanks_done_button);
  gtk_widget_class_bind_template_child_full (widget_class, "guest_book", FALSE,
    G_STRUCT_OFFSET (PstKioskWindow, guest_book_form));
  BIND (service_title_label);
  BIND (services_grid);
  BIND (service_error_label);
  BIND (busy_spinner);
  BIND (busy_label);
  BIND (number_caption_label);
  BIND (number_label);
  BIND (number_service_label);
  BIND (number_time_label);
  BIND (number_hint_label);
  BIND (number_done_button);

  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, did_you_mean_cb);
  gtk_widget_class_bind_template_callback (widget_class, guest_book_completed_cb);
  gtk_widget_class_bind_template_callback (widget_class, guest_book_edited_cb);

  gtk_widget_class_install_action (widget_class, "kiosk.start-over", NULL, start_over_action);
  gtk_widget_class_install_action (widget_class, "kiosk.switch-language", NULL,
                                   switch_language_action);
  gtk_widget_class_install_action (widget_class, "kiosk.set-up", NULL, set_up_action);
  gtk_widget_class_install_action (widget_class, "kiosk.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "kiosk.topic", "i", topic_action);
  gtk_widget_class_install_action (widget_class, "kiosk.search-again", NULL,
                                   search_again_action);
  gtk_widget_class_install_action (widget_class, "kiosk.open-article", "s",
                                   open_article_action);
  gtk_widget_class_install_action (widget_class, "kiosk.back-to-results", NULL,
                                   back_to_results_action);
  gtk_widget_class_install_action (widget_class, "kiosk.answered", "b", answered_action);
  gtk_widget_class_install_action (widget_class, "kiosk.take-number", NULL, take_number_action);
  gtk_widget_class_install_action (widget_class, "kiosk.service", "s", service_action);
}

#undef BIND

static void
pst_kiosk_window_init (PstKioskWindow *self)
{
  GtkEventController *controller;

  load_css ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->lang = PST_LANG_ID;
  self->idle_s = env_seconds ("PST_KIOSK_IDLE_S", DEFAULT_IDLE_S);
  self->number_idle_s = MIN (self->idle_s, DEFAULT_NUMBER_IDLE_S);
  self->retry_s = env_seconds ("PST_KIOSK_RETRY_S", DEFAULT_RETRY_S);
  self->check_s = env_seconds ("PST_KIOSK_CHECK_S", DEFAULT_CHECK_S);
  self->results = g_list_store_new (PST_TYPE_KIOSK_RESULT);
  self->cancellable = g_cancellable_new ();
  self->check_cancellable = g_cancellable_new ();

  gtk_list_box_bind_model (GTK_LIST_BOX (self->results_list), G_LIST_MODEL (self->results),
                           create_result_row_cb, self, NULL);
  build_topics (self);
  build_services (self);

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (input_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

/* Public functions. */

/**
 * pst_kiosk_window_new:
 * @office_code: the office whose kiosk this is
 * @password: (nullable): the kiosk account's password (from a password
 *   file): logs in at once; NULL shows the setup screen
 */
PstKioskWindow *
pst_kiosk_window_new (GtkApplication *application,
                      PstContext     *context,
                      const char     *office_code,
                      const char     *password)
{
  PstKioskWindow *self;
  g_autofree char *server_url = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (office_code != NULL, NULL);

  self = g_object_new (PST_TYPE_KIOSK_WINDOW, "application", application, NULL);
  self->context = g_object_ref (context);
  self->office_code = g_strdup (office_code);
  self->username = g_strconcat ("kiosk.", office_code, NULL);
  server_url = initial_server_url (self);

  gtk_editable_set_text (GTK_EDITABLE (self->server_entry), server_url);
  gtk_editable_set_text (GTK_EDITABLE (self->username_entry), self->username);
  g_signal_connect_object (pst_context_get_sync (context), "session-ended",
                           G_CALLBACK (session_ended_cb), self, 0);

  update_texts (self);
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);
  gtk_window_fullscreen (GTK_WINDOW (self));

  if (password != NULL && *password != '\0')
    {
      self->password = g_strdup (password);
      /* Translators: While the kiosk logs in by itself. */
      show_busy (self, _("Connecting…"));
      login (self);
    }
  else
    {
      show_page (self, "setup");
      gtk_widget_grab_focus (self->password_entry);
    }
  /* The first page shown is the stack's first: no notify for it. */
  page_changed_cb (self);

  return self;
}
