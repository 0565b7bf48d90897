/* pst-thread-view.c: one consultation's conversation, its requester and its actions.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-thread-view.h"

#include "pst-consultation-dialogs.h"
#include "pst-consultation-row.h"
#include "pst-format.h"
#include "pst-i18n.h"
#include "pst-kb-chooser.h"
#include "pst-message-row.h"

/* The view shows the consultation of one PstConsultationItem and follows
 * it: the header (subject, who asked through which channel, where it
 * stands, the countdown badge and the actions legal now), the messages
 * as bubbles from the sync engine's model of the thread, a composer, and
 * beside them the requester's details with what they searched in the
 * knowledge base before asking.
 *
 * Everything the officer does goes through the sync engine's outbox, so
 * a reply shows at once as "Sending…" and survives going offline and
 * restarts. Each thread keeps its unsent draft while the officer looks
 * at another one. The thread is marked read while it is on screen in
 * the active window.
 */
struct _PstThreadView
{
  AdwBin parent_instance;

  PstContext          *context;
  PstConsultationItem *item;
  gulong               item_handler;
  GListModel          *messages;
  gulong               messages_handler;
  GHashTable          *drafts;          /* consultation ID → char * */
  GPtrArray           *article_ids;     /* inserted in the draft, char * */
  GPtrArray           *article_refs;    /* their text in the draft, char * */
  GHashTable          *article_titles;  /* article ID → title, or NULL while asked */
  GCancellable        *cancellable;
  GtkWindow           *window;          /* not owned, while mapped */
  gulong               active_handler;
  gboolean             stick_to_bottom;
  guint                scroll_id;

  GtkWidget *back_button;
  GtkWidget *subject_label;
  GtkWidget *badge_label;
  GtkWidget *meta_label;
  GtkWidget *claim_button;
  GtkWidget *follow_up_button;
  GtkWidget *reassign_button;
  GtkWidget *close_button;
  GtkWidget *reopen_button;
  GtkWidget *details_button;
  GtkWidget *messages_stack;
  GtkWidget *loading_spinner;
  GtkWidget *messages_scroller;
  GtkWidget *message_list;
  GtkWidget *composer_box;
  GtkWidget *closed_label;
  GtkWidget *composer_row;
  GtkWidget *composer_view;
  GtkWidget *composer_hint;
  GtkWidget *details_box;
};

G_DEFINE_FINAL_TYPE (PstThreadView, pst_thread_view, ADW_TYPE_BIN)

static void update (PstThreadView *self);

/* Helpers. */

static PstSync *
view_sync (PstThreadView *self)
{
  return pst_context_get_sync (self->context);
}

static gint64
view_now (PstThreadView *self)
{
  return pst_clock_get_now (pst_context_get_clock (self->context));
}

static GTimeZone *
view_zone (PstThreadView *self)
{
  PstCalendar *calendar = pst_sync_get_calendar (view_sync (self));

  return calendar != NULL ? pst_calendar_get_time_zone (calendar) : NULL;
}

static const PstConsultation *
view_consultation (PstThreadView *self)
{
  return self->item != NULL ? pst_consultation_item_get_consultation (self->item) : NULL;
}

static gboolean
is_supervisor (PstThreadView *self)
{
  const PstOfficer *me = pst_sync_get_officer (view_sync (self));

  return me != NULL && (me->role == PST_ROLE_SUPERVISOR || me->role == PST_ROLE_ADMIN);
}

static const char *
requester_name (const PstConsultation *consultation)
{
  if (consultation->requester != NULL && consultation->requester->name != NULL &&
      *consultation->requester->name != '\0')
    return consultation->requester->name;

  return _("Unnamed requester");
}

static GtkWindow *
parent_window (PstThreadView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_toast (PstThreadView *self,
            const char    *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static char *
composer_text (PstThreadView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->composer_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_composer_text (PstThreadView *self,
                   const char    *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->composer_view));

  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
}

/* Read markers: the thread is read while it is on screen in the active
 * window.
 */
static void
maybe_mark_read (PstThreadView *self)
{
  if (self->item == NULL || !pst_consultation_item_get_unread (self->item))
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->window == NULL ||
      !gtk_window_is_active (self->window))
    return;

  pst_sync_mark_read (view_sync (self), self->item);
}

/* Scrolling: a thread opens at its latest message and stays there as
 * messages arrive, unless the officer scrolled up to read.
 */

static GtkAdjustment *
messages_adjustment (PstThreadView *self)
{
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->messages_scroller));
}

static gboolean
scroll_to_bottom_cb (gpointer user_data)
{
  PstThreadView *self = user_data;
  GtkAdjustment *adjustment = messages_adjustment (self);

  self->scroll_id = 0;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));

  return G_SOURCE_REMOVE;
}

static void
schedule_scroll_to_bottom (PstThreadView *self)
{
  if (self->scroll_id == 0)
    self->scroll_id = g_idle_add (scroll_to_bottom_cb, self);
}

static void
adjustment_value_changed_cb (PstThreadView *self,
                             GtkAdjustment *adjustment)
{
  if (self->scroll_id != 0)
    return;

  self->stick_to_bottom = gtk_adjustment_get_value (adjustment) +
                          gtk_adjustment_get_page_size (adjustment) >=
                          gtk_adjustment_get_upper (adjustment) - 24;
}

static void
adjustment_upper_changed_cb (PstThreadView *self)
{
  if (self->stick_to_bottom)
    schedule_scroll_to_bottom (self);
}

/* The messages. */

static GtkWidget *
create_message_row_cb (gpointer item,
                       gpointer user_data)
{
  PstThreadView *self = user_data;
  const PstConsultation *consultation = view_consultation (self);

  return pst_message_row_new (self->context, item,
                              consultation != NULL ? requester_name (consultation) : "");
}

static void
update_messages_stack (PstThreadView *self)
{
  gboolean empty = self->messages == NULL || g_list_model_get_n_items (self->messages) == 0;

  gtk_stack_set_visible_child_name (GTK_STACK (self->messages_stack),
                                    empty ? "loading" : "messages");
  gtk_spinner_set_spinning (GTK_SPINNER (self->loading_spinner), empty);
}

static void
messages_changed_cb (PstThreadView *self,
                     guint          position,
                     guint          removed,
                     guint          added)
{
  update_messages_stack (self);
  if (self->stick_to_bottom)
    schedule_scroll_to_bottom (self);
  maybe_mark_read (self);
}

/* The details beside the conversation. */

static void
add_heading (GtkWidget  *box,
             const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "details-heading");
  gtk_box_append (GTK_BOX (box), label);
}

static void
add_field (GtkWidget  *box,
           const char *title,
           const char *value)
{
  GtkWidget *title_label, *value_label;

  if (value == NULL || *value == '\0')
    return;

  title_label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_add_css_class (title_label, "caption");
  gtk_widget_add_css_class (title_label, "dim-label");
  gtk_box_append (GTK_BOX (box), title_label);

  value_label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_add_css_class (value_label, "details-value");
  gtk_box_append (GTK_BOX (box), value_label);
}

typedef struct
{
  PstThreadView *self;
  char          *id;
} ArticleRequest;

static void
article_request_free (ArticleRequest *request)
{
  g_object_unref (request->self);
  g_free (request->id);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArticleRequest, article_request_free)

static void
article_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ArticleRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PstKbArticle) article = NULL;
  PstThreadView *self = request->self;

  node = pst_sync_request_finish (PST_SYNC (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (node != NULL)
    article = pst_kb_article_from_json (node, NULL);

  /* An article that cannot be read keeps showing its ID. */
  g_hash_table_replace (self->article_titles, g_strdup (request->id),
                        g_strdup (article != NULL && article->title != NULL
                                  ? article->title : request->id));
  update (self);
}

static const char *
article_title (PstThreadView *self,
               const char    *id)
{
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;
  ArticleRequest *request;

  if (g_hash_table_contains (self->article_titles, id))
    {
      const char *title = g_hash_table_lookup (self->article_titles, id);

      return title != NULL ? title : id;
    }

  g_hash_table_insert (self->article_titles, g_strdup (id), NULL);
  escaped = g_uri_escape_string (id, NULL, FALSE);
  path = g_strdup_printf ("/kb/articles/%s", escaped);
  request = g_new0 (ArticleRequest, 1);
  request->self = g_object_ref (self);
  request->id = g_strdup (id);
  pst_sync_request_async (view_sync (self), "GET", path, NULL, self->cancellable,
                          article_loaded_cb, request);

  return id;
}

static void
add_kb_searched (PstThreadView         *self,
                 const PstConsultation *consultation)
{
  const PstKbSearched *searched = consultation->kb_searched;
  g_autoptr(GString) viewed = g_string_new (NULL);

  /* Translators: A heading: what the requester looked for in the
   * knowledge base before opening the consultation.
   */
  add_heading (self->details_box, _("Searched Before Asking"));

  if (searched == NULL)
    {
      add_field (self->details_box, _("Knowledge base"),
                 _("Nothing recorded: the requester wrote without searching here"));
      return;
    }

  if (searched->query != NULL && *searched->query != '\0')
    {
      /* Translators: What the requester typed in the search, quoted. */
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), searched->query);

      add_field (self->details_box, _("Searched for"), quoted);
    }
  else
    add_field (self->details_box, _("Searched for"), _("Nothing typed"));

  for (guint i = 0; searched->viewed != NULL && i < searched->viewed->len; i++)
    {
      if (viewed->len > 0)
        g_string_append_c (viewed, '\n');
      g_string_append (viewed, "• ");
      g_string_append (viewed, article_title (self, g_ptr_array_index (searched->viewed, i)));
    }

  add_field (self->details_box, _("Articles read"),
             viewed->len > 0 ? viewed->str : _("None opened"));
}

static void
add_follow_up (PstThreadView         *self,
               const PstConsultation *consultation)
{
  const PstFollowUp *follow_up = consultation->follow_up;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  add_heading (self->details_box, _("Follow-up"));

  if (follow_up == NULL)
    {
      add_field (self->details_box, _("Meeting"), _("None planned"));
      return;
    }

  when = pst_format_day_time (follow_up->at, view_now (self), view_zone (self));
  text = g_strdup_printf ("%s, %s",
                          follow_up->mode == PST_FOLLOW_UP_ZOOM ? _("Zoom meeting") : _("In person"),
                          when);
  add_field (self->details_box, _("Meeting"), text);
  add_field (self->details_box, _("Zoom link"), follow_up->link);
}

static void
update_details (PstThreadView         *self,
                const PstConsultation *consultation)
{
  GtkWidget *child;
  g_autofree char *received = NULL;
  g_autofree char *due = NULL;
  g_autofree char *idle = NULL;
  gint64 now = view_now (self);

  while ((child = gtk_widget_get_first_child (self->details_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->details_box), child);

  add_heading (self->details_box, _("Requester"));
  add_field (self->details_box, _("Name"), requester_name (consultation));
  if (consultation->requester != NULL)
    {
      add_field (self->details_box, _("Email"), consultation->requester->email);
      add_field (self->details_box, _("Phone"), consultation->requester->phone);
    }

  add_heading (self->details_box, _("Consultation"));
  add_field (self->details_box, _("Channel"), pst_format_channel (consultation->channel));
  add_field (self->details_box, _("Topic"), pst_format_category (consultation->category));
  received = pst_format_day_time (consultation->created_at, now, view_zone (self));
  add_field (self->details_box, _("Received"), received);
  if (consultation->sla != NULL && consultation->sla->first_response_due != PST_TIME_UNSET)
    {
      due = pst_format_day_time (consultation->sla->first_response_due, now, view_zone (self));
      add_field (self->details_box, _("First reply due"), due);
    }
  add_field (self->details_box, _("Status"), pst_format_consultation_status (consultation->status));
  if (consultation->status == PST_CONSULTATION_STATUS_CLOSED && consultation->has_resolution)
    add_field (self->details_box, _("Resolution"), pst_format_resolution (consultation->resolution));
  if (consultation->sla != NULL && consultation->sla->idle_close_at != PST_TIME_UNSET &&
      consultation->status == PST_CONSULTATION_STATUS_AWAITING_REQUESTER)
    {
      idle = pst_format_day_time (consultation->sla->idle_close_at, now, view_zone (self));
      /* Translators: When a consultation closes by itself if the requester does not reply. */
      add_field (self->details_box, _("Closes without a reply on"), idle);
    }

  add_kb_searched (self, consultation);
  add_follow_up (self, consultation);
}

/* The header, the actions and the composer. */

static char *
describe_assignee (PstThreadView         *self,
                   const PstConsultation *consultation)
{
  const PstOfficer *me = pst_sync_get_officer (view_sync (self));
  const char *name;

  if (consultation->assignee == NULL)
    return g_strdup (_("Unassigned"));

  if (me != NULL && g_strcmp0 (me->id, consultation->assignee) == 0)
    return g_strdup (_("Assigned to you"));

  name = pst_sync_get_officer_name (view_sync (self), consultation->assignee);
  if (name == NULL)
    return g_strdup (_("Assigned to another officer"));

  return g_strdup_printf (_("Assigned to %s"), name);
}

static const char *
channel_hint (PstChannel channel)
{
  switch (channel)
    {
    case PST_CHANNEL_WEB:
      return _("The requester reads your reply on the website and gets an email. Ctrl+Enter sends.");
    case PST_CHANNEL_WHATSAPP:
      return _("Your reply is sent to the requester on WhatsApp. Ctrl+Enter sends.");
    case PST_CHANNEL_EMAIL:
      return _("Your reply is sent to the requester by email. Ctrl+Enter sends.");
    case PST_CHANNEL_WALK_IN:
    case PST_CHANNEL_PHONE:
      return _("Recorded at the desk: write what was said or given. Ctrl+Enter saves it.");
    case PST_N_CHANNELS:
    default:
      return _("Ctrl+Enter sends.");
    }
}

static void
update_actions (PstThreadView *self)
{
  const PstConsultation *consultation = view_consultation (self);
  gboolean have = consultation != NULL;
  gboolean closed = have && consultation->status == PST_CONSULTATION_STATUS_CLOSED;
  g_autofree char *text = have ? composer_text (self) : NULL;
  g_autofree char *stripped = text != NULL ? g_strstrip (g_strdup (text)) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "thread.claim",
                                 have && !closed && consultation->assignee == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "thread.follow-up", have && !closed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "thread.reassign",
                                 have && !closed && is_supervisor (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "thread.close", have && !closed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "thread.reopen", have && closed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "thread.insert-article", have && !closed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "thread.send",
                                 have && !closed && stripped != NULL && *stripped != '\0');

  gtk_widget_set_visible (self->claim_button, have && !closed && consultation->assignee == NULL);
  gtk_widget_set_visible (self->follow_up_button, have && !closed);
  gtk_widget_set_visible (self->reassign_button, have && !closed && is_supervisor (self));
  gtk_widget_set_visible (self->close_button, have && !closed);
  gtk_widget_set_visible (self->reopen_button, have && closed);
}

static void
update (PstThreadView *self)
{
  const PstConsultation *consultation = view_consultation (self);
  g_autofree char *assignee = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *name = NULL;
  gboolean closed;

  update_actions (self);
  if (consultation == NULL)
    return;

  closed = consultation->status == PST_CONSULTATION_STATUS_CLOSED;
  gtk_label_set_label (GTK_LABEL (self->subject_label),
                       consultation->subject != NULL && *consultation->subject != '\0'
                       ? consultation->subject : _("(no subject)"));
  /* Translators: The accessible name of the open thread: "Thread: Inflasi bulanan". */
  name = g_strdup_printf (_("Thread: %s"), gtk_label_get_label (GTK_LABEL (self->subject_label)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  assignee = describe_assignee (self, consultation);
  /* Translators: The line under a thread's subject: requester · channel ·
   * topic · status · who has it.
   */
  meta = g_strdup_printf (_("%s · %s · %s · %s · %s"), requester_name (consultation),
                          pst_format_channel (consultation->channel),
                          pst_format_category (consultation->category),
                          pst_format_consultation_status (consultation->status), assignee);
  gtk_label_set_label (GTK_LABEL (self->meta_label), meta);

  pst_consultation_badge_show (GTK_LABEL (self->badge_label),
                               pst_sync_get_calendar (view_sync (self)), consultation,
                               view_now (self));

  gtk_widget_set_visible (self->closed_label, closed);
  gtk_widget_set_visible (self->composer_row, !closed);
  gtk_label_set_label (GTK_LABEL (self->composer_hint), channel_hint (consultation->channel));

  update_details (self, consultation);
}

static void
item_notify_cb (PstThreadView *self)
{
  update (self);
  maybe_mark_read (self);
}

static void
buffer_changed_cb (PstThreadView *self)
{
  update_actions (self);
}

/* Actions. */

static void
claim_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  PstThreadView *self = PST_THREAD_VIEW (widget);

  if (self->item == NULL)
    return;

  pst_sync_consultation_action (view_sync (self), self->item, PST_CONSULTATION_ACTION_CLAIM, NULL);
  show_toast (self, _("The consultation is yours to answer"));
  pst_thread_view_focus_composer (self);
}

static void
reopen_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PstThreadView *self = PST_THREAD_VIEW (widget);

  if (self->item == NULL)
    return;

  pst_sync_consultation_action (view_sync (self), self->item, PST_CONSULTATION_ACTION_REOPEN, NULL);
}

static void
close_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  PstThreadView *self = PST_THREAD_VIEW (widget);

  if (self->item != NULL)
    pst_consultation_close_dialog_present (self->context, parent_window (self), self->item);
}

static void
follow_up_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PstThreadView *self = PST_THREAD_VIEW (widget);

  if (self->item != NULL)
    pst_consultation_follow_up_dialog_present (self->context, parent_window (self), self->item);
}

static void
reassign_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PstThreadView *self = PST_THREAD_VIEW (widget);

  if (self->item != NULL && is_supervisor (self))
    pst_consultation_reassign_dialog_present (self->context, parent_window (self), self->item);
}

static void
send_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PstThreadView *self = PST_THREAD_VIEW (widget);
  g_autofree char *text = composer_text (self);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  const PstConsultation *consultation = view_consultation (self);
  g_autofree char *id = NULL;

  if (consultation == NULL || consultation->status == PST_CONSULTATION_STATUS_CLOSED)
    return;

  g_strstrip (text);
  if (*text == '\0')
    return;

  /* Sending changes the item's description: nothing of it is kept. */
  id = g_strdup (consultation->id);
  consultation = NULL;

  /* Only the articles whose reference is still in the text. */
  for (guint i = 0; i < self->article_ids->len; i++)
    if (strstr (text, g_ptr_array_index (self->article_refs, i)) != NULL)
      g_ptr_array_add (ids, g_ptr_array_index (self->article_ids, i));
  g_ptr_array_add (ids, NULL);

  pst_sync_send_message (view_sync (self), self->item, text,
                         ids->len > 1 ? (const char * const *) ids->pdata : NULL);

  g_ptr_array_set_size (self->article_ids, 0);
  g_ptr_array_set_size (self->article_refs, 0);
  g_hash_table_remove (self->drafts, id);
  set_composer_text (self, NULL);
  self->stick_to_bottom = TRUE;
  schedule_scroll_to_bottom (self);
}

static void
article_chosen_cb (PstThreadView *self,
                   const char    *id,
                   const char    *title,
                   const char    *lang,
                   PstKbChooser  *chooser)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->composer_view));
  PstConsultationItem *item = g_object_get_data (G_OBJECT (chooser), "pst-item");
  g_autofree char *reference = NULL;

  if (id == NULL || item != self->item)
    return;

  /* The reference goes to the requester, in the article's language. */
  reference = g_strdup_printf ("“%s”", title != NULL && *title != '\0' ? title : id);
  gtk_text_buffer_insert_at_cursor (buffer, reference, -1);
  g_ptr_array_add (self->article_ids, g_strdup (id));
  g_ptr_array_add (self->article_refs, g_steal_pointer (&reference));
  gtk_widget_grab_focus (self->composer_view);
}

static void
insert_article_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PstThreadView *self = PST_THREAD_VIEW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->composer_view));
  const PstConsultation *consultation = view_consultation (self);
  g_autofree char *query = NULL;
  GtkTextIter start, end;
  PstKbChooser *chooser;

  if (consultation == NULL)
    return;

  /* Search for the selected words, or what the requester searched. */
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    query = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  else if (consultation->kb_searched != NULL && consultation->kb_searched->query != NULL)
    query = g_strdup (consultation->kb_searched->query);
  else
    query = g_strdup (consultation->subject);

  chooser = pst_kb_chooser_new (self->context, parent_window (self), query);
  g_object_set_data_full (G_OBJECT (chooser), "pst-item", g_object_ref (self->item),
                          g_object_unref);
  g_signal_connect_object (chooser, "article-chosen", G_CALLBACK (article_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (chooser));
}

/* Class functions. */

static void
window_active_cb (PstThreadView *self)
{
  maybe_mark_read (self);
}

static void
pst_thread_view_map (GtkWidget *widget)
{
  PstThreadView *self = PST_THREAD_VIEW (widget);

  GTK_WIDGET_CLASS (pst_thread_view_parent_class)->map (widget);

  self->window = parent_window (self);
  if (self->window != NULL)
    self->active_handler = g_signal_connect_swapped (self->window, "notify::is-active",
                                                     G_CALLBACK (window_active_cb), self);
  maybe_mark_read (self);
}

static void
pst_thread_view_unmap (GtkWidget *widget)
{
  PstThreadView *self = PST_THREAD_VIEW (widget);

  if (self->window != NULL)
    g_clear_signal_handler (&self->active_handler, self->window);
  self->window = NULL;

  GTK_WIDGET_CLASS (pst_thread_view_parent_class)->unmap (widget);
}

static void
pst_thread_view_dispose (GObject *object)
{
  PstThreadView *self = (PstThreadView *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  pst_thread_view_set_item (self, NULL);

  G_OBJECT_CLASS (pst_thread_view_parent_class)->dispose (object);
}

static void
pst_thread_view_finalize (GObject *object)
{
  PstThreadView *self = (PstThreadView *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_clear_pointer (&self->article_ids, g_ptr_array_unref);
  g_clear_pointer (&self->article_refs, g_ptr_array_unref);
  g_clear_pointer (&self->article_titles, g_hash_table_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_thread_view_parent_class)->finalize (object);
}

static void
pst_thread_view_class_init (PstThreadViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pst_thread_view_dispose;
  object_class->finalize = pst_thread_view_finalize;
  widget_class->map = pst_thread_view_map;
  widget_class->unmap = pst_thread_view_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-thread-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, back_button);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, subject_label);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, badge_label);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, claim_button);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, follow_up_button);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, reassign_button);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, close_button);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, details_button);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, messages_stack);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, messages_scroller);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, message_list);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, composer_box);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, closed_label);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, composer_row);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, composer_view);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, composer_hint);
  gtk_widget_class_bind_template_child (widget_class, PstThreadView, details_box);

  gtk_widget_class_install_action (widget_class, "thread.claim", NULL, claim_cb);
  gtk_widget_class_install_action (widget_class, "thread.reopen", NULL, reopen_cb);
  gtk_widget_class_install_action (widget_class, "thread.close", NULL, close_cb);
  gtk_widget_class_install_action (widget_class, "thread.follow-up", NULL, follow_up_cb);
  gtk_widget_class_install_action (widget_class, "thread.reassign", NULL, reassign_cb);
  gtk_widget_class_install_action (widget_class, "thread.send", NULL, send_cb);
  gtk_widget_class_install_action (widget_class, "thread.insert-article", NULL, insert_article_cb);
}

static void
add_send_shortcuts (PstThreadView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                      gtk_named_action_new ("thread.send")));
  gtk_widget_add_controller (self->composer_view, controller);
}

static void
pst_thread_view_init (PstThreadView *self)
{
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->article_ids = g_ptr_array_new_with_free_func (g_free);
  self->article_refs = g_ptr_array_new_with_free_func (g_free);
  self->article_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
  self->stick_to_bottom = TRUE;

  add_send_shortcuts (self);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->composer_view)),
                           "changed", G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);

  adjustment = messages_adjustment (self);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (adjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "notify::upper",
                           G_CALLBACK (adjustment_upper_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

/* Public functions. */

GtkWidget *
pst_thread_view_new (PstContext *context)
{
  PstThreadView *self;

  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);

  self = g_object_new (PST_TYPE_THREAD_VIEW, NULL);
  self->context = g_object_ref (context);

  return GTK_WIDGET (self);
}

PstConsultationItem *
pst_thread_view_get_item (PstThreadView *self)
{
  g_return_val_if_fail (PST_IS_THREAD_VIEW (self), NULL);

  return self->item;
}

void
pst_thread_view_set_item (PstThreadView       *self,
                          PstConsultationItem *item)
{
  const char *draft;

  g_return_if_fail (PST_IS_THREAD_VIEW (self));
  g_return_if_fail (item == NULL || PST_IS_CONSULTATION_ITEM (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    {
      g_autofree char *text = composer_text (self);

      if (*text != '\0')
        g_hash_table_replace (self->drafts, g_strdup (pst_consultation_item_get_id (self->item)),
                              g_steal_pointer (&text));
      else
        g_hash_table_remove (self->drafts, pst_consultation_item_get_id (self->item));
      g_clear_signal_handler (&self->item_handler, self->item);
    }
  if (self->messages != NULL)
    g_clear_signal_handler (&self->messages_handler, self->messages);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->message_list), NULL, NULL, NULL, NULL);
  g_clear_object (&self->messages);
  g_ptr_array_set_size (self->article_ids, 0);
  g_ptr_array_set_size (self->article_refs, 0);

  g_set_object (&self->item, item);
  if (item == NULL)
    {
      set_composer_text (self, NULL);
      update_actions (self);
      return;
    }

  self->item_handler = g_signal_connect_swapped (item, "notify", G_CALLBACK (item_notify_cb), self);
  self->messages = pst_sync_get_messages (view_sync (self), pst_consultation_item_get_id (item));
  self->messages_handler = g_signal_connect_swapped (self->messages, "items-changed",
                                                     G_CALLBACK (messages_changed_cb), self);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->message_list), self->messages,
                           create_message_row_cb, self, NULL);

  draft = g_hash_table_lookup (self->drafts, pst_consultation_item_get_id (item));
  set_composer_text (self, draft);

  self->stick_to_bottom = TRUE;
  update_messages_stack (self);
  update (self);
  schedule_scroll_to_bottom (self);
  maybe_mark_read (self);
}

void
pst_thread_view_set_show_back (PstThreadView *self,
                               gboolean       show_back)
{
  g_return_if_fail (PST_IS_THREAD_VIEW (self));

  gtk_widget_set_visible (self->back_button, show_back);
}

gint64
pst_thread_view_update_badge (PstThreadView *self,
                              gint64         now_us)
{
  g_return_val_if_fail (PST_IS_THREAD_VIEW (self), G_MAXINT64);

  if (self->item == NULL)
    return G_MAXINT64;

  return pst_consultation_badge_show (GTK_LABEL (self->badge_label),
                                      pst_sync_get_calendar (view_sync (self)),
                                      view_consultation (self), now_us);
}

void
pst_thread_view_focus_composer (PstThreadView *self)
{
  g_return_if_fail (PST_IS_THREAD_VIEW (self));

  if (gtk_widget_get_visible (self->composer_row))
    gtk_widget_grab_focus (self->composer_view);
}
