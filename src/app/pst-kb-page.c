/* pst-kb-page.c: the knowledge base: search, read and edit articles.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kb-page.h"

#include "pst-format.h"
#include "pst-i18n.h"
#include "pst-kb-editor.h"
#include "pst-kb-search-view.h"

/* Like a mail client: the search and its results on the left
 * (PstKbSearchView), the article picked on the right, in an AdwLeaflet
 * that shows one pane at a time when the window is narrow.
 *
 * The article is read from the server (GET /kb/articles/ID) each time it
 * is opened, so it is never stale. Supervisors change their office's
 * articles and administrators any (the server decides; the page only
 * hides what would be refused): "New article" opens the editor, "Edit"
 * and "Delete" act on the article shown. Reading it to the end and
 * answering "did this help?" counts a view (the server's rule: GETs count
 * nothing).
 */

struct _PstKbPage
{
  AdwBin parent_instance;

  PstContext   *context;
  PstKbArticle *article;        /* shown, or NULL */
  char         *article_id;     /* shown or being loaded */
  GCancellable *load_cancellable;
  GCancellable *action_cancellable;
  gboolean      feedback_given;

  GtkWidget *toast_overlay;
  GtkWidget *leaflet;
  GtkWidget *list_pane;
  GtkWidget *search_view;
  GtkWidget *article_pane;
  GtkWidget *back_button;
  GtkWidget *edit_button;
  GtkWidget *delete_button;
  GtkWidget *article_stack;
  GtkWidget *article_error_page;
  GtkWidget *article_title;
  GtkWidget *article_meta;
  GtkWidget *tags_label;
  GtkWidget *article_body;
  GtkWidget *feedback_box;
  GtkWidget *feedback_label;
  GtkWidget *article_counts;
  GtkWidget *new_button;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (PstKbPage, pst_kb_page, ADW_TYPE_BIN)

static void load_article (PstKbPage  *self,
                          const char *id);

/* Who may do what. */

static const PstOfficer *
get_officer (PstKbPage *self)
{
  return pst_sync_get_officer (pst_context_get_sync (self->context));
}

static gboolean
may_write (PstKbPage *self)
{
  const PstOfficer *officer = get_officer (self);

  return officer != NULL &&
         (officer->role == PST_ROLE_SUPERVISOR || officer->role == PST_ROLE_ADMIN);
}

/* The server's rule: administrators edit every article, supervisors their
 * own office's (a national one is 403 for them).
 */
static gboolean
may_edit (PstKbPage          *self,
          const PstKbArticle *article)
{
  const PstOfficer *officer = get_officer (self);

  if (officer == NULL || article == NULL)
    return FALSE;
  if (officer->role == PST_ROLE_ADMIN)
    return TRUE;

  return officer->role == PST_ROLE_SUPERVISOR && article->office != NULL &&
         g_strcmp0 (article->office, officer->office) == 0;
}

static void
update_actions (PstKbPage *self)
{
  gboolean editable = may_edit (self, self->article);
  gboolean folded = adw_leaflet_get_folded (ADW_LEAFLET (self->leaflet));

  if (self->new_button == NULL)
    return;   /* not constructed yet */

  gtk_widget_set_visible (self->new_button, may_write (self));
  gtk_widget_set_visible (self->edit_button, editable);
  gtk_widget_set_visible (self->delete_button, editable);
  gtk_widget_set_visible (self->back_button, folded);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.new", may_write (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.edit", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.delete", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.feedback",
                                 self->article != NULL && !self->feedback_given);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.search",
                                 gtk_widget_get_mapped (GTK_WIDGET (self)));
}

/* Messages. */

static void
show_toast (PstKbPage  *self,
            const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), toast);
}

static GtkWindow *
parent_window (PstKbPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The article view. */

static char *
format_updated (PstKbPage *self,
                gint64     updated_at)
{
  PstCalendar *calendar = pst_sync_get_calendar (pst_context_get_sync (self->context));
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) dt = NULL;
  GTimeZone *tz = calendar != NULL ? pst_calendar_get_time_zone (calendar) : NULL;

  if (updated_at == PST_TIME_UNSET || updated_at <= 0)
    return NULL;
  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  dt = pst_time_to_date_time (updated_at, tz);
  if (dt == NULL)
    return NULL;

  /* Translators: When an article was last changed, a g_date_time_format()
   * pattern: "12 November 2026, 14:05". Indonesian: "%e %B %Y pukul %H.%M".
   */
  return g_date_time_format (dt, C_("article updated", "%e %B %Y, %H:%M"));
}

static char *
describe_scope (PstKbPage          *self,
                const PstKbArticle *article)
{
  const PstOffice *office = pst_sync_get_office (pst_context_get_sync (self->context));

  if (article->office == NULL)
    /* Translators: An article every office sees. */
    return g_strdup (_("National"));
  if (office != NULL && g_strcmp0 (office->code, article->office) == 0 && office->name != NULL)
    return g_strdup (office->name);

  /* Translators: An article of one office: "Office 7604". */
  return g_strdup_printf (_("Office %s"), article->office);
}

static void
show_counts (PstKbPage *self,
             int        views,
             int        helpful,
             int        not_helpful)
{
  g_autofree char *views_text = NULL;
  g_autofree char *helpful_text = NULL;
  g_autofree char *not_helpful_text = NULL;
  g_autofree char *text = NULL;

  /* Translators: Under an article: how often it was read. */
  views_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d view", "%d views", views),
                                views);
  /* Translators: Under an article: how many readers said it helped. */
  helpful_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d found it helpful",
                                               "%d found it helpful", helpful),
                                  helpful);
  /* Translators: Under an article: how many readers said it did not help. */
  not_helpful_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d did not",
                                                   "%d did not", not_helpful),
                                      not_helpful);
  text = g_strjoin (" · ", views_text, helpful_text, not_helpful_text, NULL);
  gtk_label_set_label (GTK_LABEL (self->article_counts), text);
}

static void
show_feedback_prompt (PstKbPage *self)
{
  gtk_label_set_label (GTK_LABEL (self->feedback_label),
                       self->feedback_given
                       ? _("Thank you: your answer is counted.")
                       : _("Did this article answer the question?"));
  gtk_widget_set_visible (gtk_widget_get_next_sibling (self->feedback_label),
                          !self->feedback_given);
  gtk_widget_set_visible (gtk_widget_get_last_child (self->feedback_box), !self->feedback_given);
}

static void
fill_tags (PstKbPage          *self,
           const PstKbArticle *article)
{
  g_autoptr(GString) tags = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; article->tags != NULL && i < article->tags->len; i++)
    {
      if (i > 0)
        g_string_append (tags, " · ");
      g_string_append (tags, g_ptr_array_index (article->tags, i));
    }

  /* Translators: The tags of an article: "Tags: susenas · poverty". */
  text = g_strdup_printf (_("Tags: %s"), tags->str);
  gtk_label_set_label (GTK_LABEL (self->tags_label), text);
  gtk_widget_set_visible (self->tags_label, tags->len > 0);
}

static void
show_article (PstKbPage          *self,
              const PstKbArticle *article)
{
  g_autofree char *scope = describe_scope (self, article);
  g_autofree char *updated = format_updated (self, article->updated_at);
  g_autofree char *updated_text = NULL;
  g_autofree char *meta = NULL;

  gtk_label_set_label (GTK_LABEL (self->article_title), article->title);
  if (updated != NULL)
    /* Translators: When an article was last changed: "updated 12 November 2026, 14:05". */
    updated_text = g_strdup_printf (_("updated %s"), g_strstrip (updated));
  meta = g_strjoin (" · ",
                    article->lang == PST_LANG_EN ? _("English") : _("Indonesian"),
                    pst_format_category (article->category),
                    scope,
                    updated_text,
                    NULL);
  gtk_label_set_label (GTK_LABEL (self->article_meta), meta);
  fill_tags (self, article);
  gtk_label_set_label (GTK_LABEL (self->article_body), article->body != NULL ? article->body : "");
  show_counts (self, article->views, article->helpful, article->not_helpful);
  show_feedback_prompt (self);

  gtk_stack_set_visible_child_name (GTK_STACK (self->article_stack), "article");
}

static void
show_no_article (PstKbPage *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->article, pst_kb_article_free);
  g_clear_pointer (&self->article_id, g_free);
  gtk_stack_set_visible_child_name (GTK_STACK (self->article_stack), "none");
  update_actions (self);
}

static void
load_article_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PstKbPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PstKbArticle) article = NULL;

  node = pst_sync_request_finish (PST_SYNC (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  if (node != NULL)
    article = pst_kb_article_from_json (node, &error);
  else if (error == NULL)
    g_set_error_literal (&error, PST_SYNC_ERROR, PST_SYNC_ERROR_PROTOCOL,
                         _("The server sent no article"));

  if (article == NULL)
    {
      adw_status_page_set_description (ADW_STATUS_PAGE (self->article_error_page),
                                       error->message);
      gtk_stack_set_visible_child_name (GTK_STACK (self->article_stack), "error");
      g_clear_pointer (&self->article, pst_kb_article_free);
      update_actions (self);
      return;
    }

  g_clear_pointer (&self->article, pst_kb_article_free);
  self->article = g_steal_pointer (&article);
  self->feedback_given = FALSE;
  show_article (self, self->article);
  update_actions (self);
}

static void
load_article (PstKbPage  *self,
              const char *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, TRUE);
  g_autofree char *path = g_strconcat ("/kb/articles/", escaped, NULL);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  if (g_strcmp0 (self->article_id, id) != 0)
    {
      g_free (self->article_id);
      self->article_id = g_strdup (id);
      g_clear_pointer (&self->article, pst_kb_article_free);
      gtk_stack_set_visible_child_name (GTK_STACK (self->article_stack), "loading");
      update_actions (self);
    }

  pst_sync_request_async (pst_context_get_sync (self->context), "GET", path, NULL,
                          self->load_cancellable, load_article_cb, g_object_ref (self));
}

/* Callbacks of the search. */

static void
article_selected_cb (PstKbPage  *self,
                     const char *id)
{
  /* Without a selection the article stays: it is still worth reading. */
  if (id == NULL)
    return;

  if (g_strcmp0 (id, self->article_id) != 0)
    load_article (self, id);
  adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->article_pane);
}

static void
article_activated_cb (PstKbPage  *self,
                      const char *id)
{
  article_selected_cb (self, id);
}

static void
folded_changed_cb (PstKbPage *self)
{
  update_actions (self);
}

/* Actions. */

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PstKbPage *self = PST_KB_PAGE (widget);

  adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->list_pane);
  pst_kb_search_view_focus_entry (PST_KB_SEARCH_VIEW (self->search_view));
}

static void
back_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PstKbPage *self = PST_KB_PAGE (widget);

  adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->list_pane);
}

static void
reload_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PstKbPage *self = PST_KB_PAGE (widget);
  g_autofree char *id = g_strdup (self->article_id);

  if (id == NULL)
    return;

  g_clear_pointer (&self->article_id, g_free);
  load_article (self, id);
}

static void
editor_saved_cb (PstKbPage  *self,
                 const char *id)
{
  show_toast (self, _("Article saved"));
  pst_kb_search_view_refresh (PST_KB_SEARCH_VIEW (self->search_view));

  /* Show it as the server has it now. */
  g_clear_pointer (&self->article_id, g_free);
  load_article (self, id);
  adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->article_pane);
}

static void
open_editor (PstKbPage          *self,
             const PstKbArticle *article)
{
  PstKbEditor *editor = pst_kb_editor_new (self->context, parent_window (self), article);

  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  PstKbPage *self = PST_KB_PAGE (widget);

  if (may_write (self))
    open_editor (self, NULL);
}

static void
edit_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PstKbPage *self = PST_KB_PAGE (widget);

  if (may_edit (self, self->article))
    open_editor (self, self->article);
}

static void
delete_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PstKbPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = pst_sync_request_finish (PST_SYNC (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->action_cancellable);
  if (error != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: A deletion the server refused; %s is its reason. */
      text = g_strdup_printf (_("The article was not deleted: %s"), error->message);
      show_toast (self, text);
      return;
    }

  show_toast (self, _("Article deleted"));
  pst_kb_search_view_unselect (PST_KB_SEARCH_VIEW (self->search_view));
  show_no_article (self);
  pst_kb_search_view_refresh (PST_KB_SEARCH_VIEW (self->search_view));
  adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->list_pane);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PstKbPage        *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "article-id");
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  if (g_strcmp0 (response, "delete") != 0 || id == NULL)
    return;

  escaped = g_uri_escape_string (id, NULL, TRUE);
  path = g_strconcat ("/kb/articles/", escaped, NULL);
  g_cancellable_cancel (self->action_cancellable);
  g_clear_object (&self->action_cancellable);
  self->action_cancellable = g_cancellable_new ();
  pst_sync_request_async (pst_context_get_sync (self->context), "DELETE", path, NULL,
                          self->action_cancellable, delete_done_cb, g_object_ref (self));
}

static void
delete_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PstKbPage *self = PST_KB_PAGE (widget);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (!may_edit (self, self->article))
    return;

  /* Translators: %s is the title of the article to delete. */
  body = g_strdup_printf (_("“%s” will no longer be found by officers or requesters. "
                            "This cannot be undone."), self->article->title);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                       _("Delete This Article?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "article-id", g_strdup (self->article->id), g_free);

  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
feedback_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PstKbPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *obj;

  node = pst_sync_request_finish (PST_SYNC (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      self->feedback_given = FALSE;
      show_feedback_prompt (self);
      update_actions (self);
      show_toast (self, error->message);
      return;
    }

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      obj = json_node_get_object (node);
      show_counts (self,
                   json_object_get_int_member_with_default (obj, "views", 0),
                   json_object_get_int_member_with_default (obj, "helpful", 0),
                   json_object_get_int_member_with_default (obj, "not_helpful", 0));
    }
}

static void
feedback_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PstKbPage *self = PST_KB_PAGE (widget);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;

  if (self->article == NULL || self->feedback_given)
    return;

  query = pst_kb_search_view_get_query (PST_KB_SEARCH_VIEW (self->search_view));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "helpful");
  json_builder_add_boolean_value (builder, g_variant_get_boolean (parameter));
  if (*query != '\0')
    {
      json_builder_set_member_name (builder, "query");
      json_builder_add_string_value (builder, query);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  escaped = g_uri_escape_string (self->article->id, NULL, TRUE);
  path = g_strconcat ("/kb/articles/", escaped, "/feedback", NULL);
  self->feedback_given = TRUE;
  show_feedback_prompt (self);
  update_actions (self);
  pst_sync_request_async (pst_context_get_sync (self->context), "POST", path, body,
                          self->load_cancellable, feedback_done_cb, g_object_ref (self));
}

/* Class functions. */

static void
pst_kb_page_map (GtkWidget *widget)
{
  PstKbPage *self = PST_KB_PAGE (widget);

  GTK_WIDGET_CLASS (pst_kb_page_parent_class)->map (widget);

  update_actions (self);
  if (self->article == NULL)
    pst_kb_search_view_focus_entry (PST_KB_SEARCH_VIEW (self->search_view));
}

static void
pst_kb_page_unmap (GtkWidget *widget)
{
  PstKbPage *self = PST_KB_PAGE (widget);

  GTK_WIDGET_CLASS (pst_kb_page_parent_class)->unmap (widget);

  /* Ctrl+F belongs to the page shown. */
  update_actions (self);
}

static void
pst_kb_page_constructed (GObject *object)
{
  PstKbPage *self = (PstKbPage *) object;

  G_OBJECT_CLASS (pst_kb_page_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  self->search_view = pst_kb_search_view_new (self->context);
  gtk_widget_set_vexpand (self->search_view, TRUE);
  gtk_box_append (GTK_BOX (self->list_pane), self->search_view);

  /* Supervisors and administrators write articles. */
  self->new_button = gtk_button_new_from_icon_name ("document-new-symbolic");
  gtk_widget_set_valign (self->new_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->new_button), "kb.new");
  gtk_widget_set_tooltip_text (self->new_button, _("Write a new article"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New article"),
                                  -1);
  pst_kb_search_view_add_action (PST_KB_SEARCH_VIEW (self->search_view), self->new_button);
  pst_kb_search_view_set_key_capture_widget (PST_KB_SEARCH_VIEW (self->search_view),
                                             GTK_WIDGET (self));

  g_signal_connect_object (self->search_view, "article-selected",
                           G_CALLBACK (article_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_view, "article-activated",
                           G_CALLBACK (article_activated_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (pst_context_get_sync (self->context), "notify::officer",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

static void
pst_kb_page_dispose (GObject *object)
{
  PstKbPage *self = (PstKbPage *) object;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->action_cancellable);
  g_clear_object (&self->action_cancellable);

  G_OBJECT_CLASS (pst_kb_page_parent_class)->dispose (object);
}

static void
pst_kb_page_finalize (GObject *object)
{
  PstKbPage *self = (PstKbPage *) object;

  g_clear_pointer (&self->article, pst_kb_article_free);
  g_clear_pointer (&self->article_id, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_kb_page_parent_class)->finalize (object);
}

static void
pst_kb_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PstKbPage *self = PST_KB_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pst_kb_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PstKbPage *self = PST_KB_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pst_kb_page_class_init (PstKbPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pst_kb_page_constructed;
  object_class->dispose = pst_kb_page_dispose;
  object_class->finalize = pst_kb_page_finalize;
  object_class->get_property = pst_kb_page_get_property;
  object_class->set_property = pst_kb_page_set_property;
  widget_class->map = pst_kb_page_map;
  widget_class->unmap = pst_kb_page_unmap;

  props[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, PST_TYPE_CONTEXT,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                             G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-kb-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, article_pane);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, article_stack);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, article_error_page);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, article_title);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, article_meta);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, tags_label);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, article_body);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, feedback_box);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, PstKbPage, article_counts);

  gtk_widget_class_install_action (widget_class, "kb.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "kb.back", NULL, back_cb);
  gtk_widget_class_install_action (widget_class, "kb.reload", NULL, reload_cb);
  gtk_widget_class_install_action (widget_class, "kb.new", NULL, new_cb);
  gtk_widget_class_install_action (widget_class, "kb.edit", NULL, edit_cb);
  gtk_widget_class_install_action (widget_class, "kb.delete", NULL, delete_cb);
  gtk_widget_class_install_action (widget_class, "kb.feedback", "b", feedback_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "kb.search", NULL);
}

/* Ctrl+F works wherever the focus is in the window (the header bar, the
 * page switcher), not only inside the page: the window runs the page's
 * shortcuts after the focused widget had its chance. It does nothing
 * while the page is not shown, since its action is disabled then.
 */
static void
manage_shortcuts (PstKbPage *self)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (self));
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller) &&
          g_strcmp0 (gtk_event_controller_get_name (controller), "gtk-widget-class-shortcuts") == 0)
        gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                           GTK_SHORTCUT_SCOPE_MANAGED);
    }
}

static void
pst_kb_page_init (PstKbPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  manage_shortcuts (self);

  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (folded_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (GTK_STACK (self->article_stack), "none");
}

/* Public functions. */

GtkWidget *
pst_kb_page_new (PstContext *context)
{
  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);

  return g_object_new (PST_TYPE_KB_PAGE, "context", context, NULL);
}
