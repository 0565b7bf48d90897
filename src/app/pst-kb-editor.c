/* pst-kb-editor.c: writing and changing a knowledge-base article.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kb-editor.h"

#include "pst-format.h"
#include "pst-i18n.h"

#include <string.h>

/* The editor checks the rules of POST/PUT /kb/articles (pst-route-kb.c)
 * before sending, so most mistakes show next to their field at once; what
 * the server still refuses shows at the top, and next to the field when
 * its message names one. The fields keep what was typed whatever happens;
 * the window closes only once the server has accepted the article.
 *
 * Where an article applies is not chosen here: a supervisor writes their
 * office's articles, an administrator national ones, and an article never
 * changes office (the server's rules).
 */

#define TITLE_MAX_CHARS 200
#define BODY_MAX_CHARS  20000
#define TAG_MAX_CHARS   60
#define TAGS_MAX        30

typedef enum
{
  FIELD_TITLE,
  FIELD_TAGS,
  FIELD_BODY,
  N_FIELDS
} Field;

struct _PstKbEditor
{
  AdwWindow parent_instance;

  PstContext   *context;
  PstKbArticle *article;       /* being changed, or NULL for a new one */
  GCancellable *cancellable;
  gboolean      tried;         /* Save was pressed once: check as one types */
  char         *server_errors[N_FIELDS];

  GtkWidget *window_title;
  GtkWidget *save_button;
  GtkWidget *saving_spinner;
  GtkWidget *status_revealer;
  GtkWidget *status_label;
  GtkWidget *title_input;
  GtkWidget *title_error;
  GtkWidget *lang_input;
  GtkWidget *category_input;
  GtkWidget *scope_label;
  GtkWidget *scope_note;
  GtkWidget *tags_input;
  GtkWidget *tags_error;
  GtkWidget *body_input;
  GtkWidget *body_error;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PstKbEditor, pst_kb_editor, ADW_TYPE_WINDOW)

/* Reading the fields. */

static char *
title_text (PstKbEditor *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_input))));
}

static char *
body_text (PstKbEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_input));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/* The tags typed, separated by commas, without blanks or repeats. */
static GPtrArray *
tags_list (PstKbEditor *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->tags_input)),
                                    ",", -1);
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (*tag != '\0' && !g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL))
        g_ptr_array_add (tags, g_strdup (tag));
    }

  return tags;
}

static PstLang
selected_lang (PstKbEditor *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->lang_input));

  return selected < PST_N_LANGS ? (PstLang) selected : PST_LANG_ID;
}

static PstCategory
selected_category (PstKbEditor *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->category_input));

  return selected < PST_N_CATEGORIES ? (PstCategory) selected : PST_CATEGORY_OTHER;
}

/* The server's rules. */

static gboolean
has_control_characters (const char *text,
                        gboolean    multiline)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == 0x7f || (c < 0x20 && !(multiline && (c == '\n' || c == '\t' || c == '\r'))))
        return TRUE;
    }

  return FALSE;
}

static char *
title_problem (PstKbEditor *self)
{
  g_autofree char *title = title_text (self);

  if (*title == '\0')
    return g_strdup (_("Give the article a title"));
  if (g_utf8_strlen (title, -1) > TITLE_MAX_CHARS)
    return g_strdup_printf (_("Keep the title to %d characters"), TITLE_MAX_CHARS);
  if (has_control_characters (title, FALSE))
    return g_strdup (_("The title contains characters that are not allowed"));

  return NULL;
}

static char *
body_problem (PstKbEditor *self)
{
  g_autofree char *body = body_text (self);
  glong length = g_utf8_strlen (body, -1);

  if (length == 0)
    return g_strdup (_("Write the text of the article"));
  if (length > BODY_MAX_CHARS)
    return g_strdup_printf (_("The text has %ld characters; keep it to %d"), length,
                            BODY_MAX_CHARS);
  if (has_control_characters (body, TRUE))
    return g_strdup (_("The text contains characters that are not allowed"));

  return NULL;
}

static char *
tags_problem (PstKbEditor *self)
{
  g_autoptr(GPtrArray) tags = tags_list (self);

  if (tags->len > TAGS_MAX)
    return g_strdup_printf (_("Give at most %d tags"), TAGS_MAX);

  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);

      if (g_utf8_strlen (tag, -1) > TAG_MAX_CHARS)
        /* Translators: %s is a tag that is too long. */
        return g_strdup_printf (_("The tag “%s” is too long: keep each tag to %d characters"),
                                tag, TAG_MAX_CHARS);
      if (has_control_characters (tag, FALSE))
        return g_strdup (_("A tag contains characters that are not allowed"));
    }

  return NULL;
}

/* Showing problems. */

static void
show_field_error (GtkWidget  *input,
                  GtkWidget  *label,
                  const char *problem)
{
  gtk_label_set_label (GTK_LABEL (label), problem != NULL ? problem : "");
  gtk_widget_set_visible (label, problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (input, "error");
  else
    gtk_widget_remove_css_class (input, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (input),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               problem != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                               : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
show_body_hint (PstKbEditor *self,
                const char  *problem)
{
  g_autofree char *body = body_text (self);
  g_autofree char *count = NULL;

  if (problem != NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->body_error), problem);
      gtk_widget_remove_css_class (self->body_error, "dim-label");
      gtk_widget_add_css_class (self->body_error, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->body_input),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      return;
    }

  /* Translators: Under the text of an article: "1,234 of 20,000 characters". */
  count = g_strdup_printf (_("%'ld of %'d characters"), g_utf8_strlen (body, -1),
                           BODY_MAX_CHARS);
  gtk_label_set_label (GTK_LABEL (self->body_error), count);
  gtk_widget_remove_css_class (self->body_error, "error");
  gtk_widget_add_css_class (self->body_error, "dim-label");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->body_input),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Checks every field; shows the problems once Save was pressed. TRUE when
 * the article can be sent.
 */
static gboolean
validate (PstKbEditor *self)
{
  g_autofree char *title = title_problem (self);
  g_autofree char *tags = tags_problem (self);
  g_autofree char *body = body_problem (self);
  const char *shown_title = title != NULL ? title : self->server_errors[FIELD_TITLE];
  const char *shown_tags = tags != NULL ? tags : self->server_errors[FIELD_TAGS];
  const char *shown_body = body != NULL ? body : self->server_errors[FIELD_BODY];

  show_field_error (self->title_input, self->title_error, self->tried ? shown_title : NULL);
  show_field_error (self->tags_input, self->tags_error, self->tried ? shown_tags : NULL);
  show_body_hint (self, self->tried ? shown_body : NULL);

  return title == NULL && tags == NULL && body == NULL;
}

static void
show_status (PstKbEditor *self,
             const char  *message)
{
  gtk_label_set_label (GTK_LABEL (self->status_label), message != NULL ? message : "");
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->status_revealer), message != NULL);
}

static void
set_saving (PstKbEditor *self,
            gboolean     saving)
{
  gtk_widget_set_visible (self->saving_spinner, saving);
  gtk_spinner_set_spinning (GTK_SPINNER (self->saving_spinner), saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !saving);
}

/* The field a message of the server names (it quotes the member, as
 * “title”), or N_FIELDS.
 */
static Field
field_of_message (const char *message)
{
  if (message == NULL)
    return N_FIELDS;
  if (strstr (message, "“title”") != NULL || strstr (message, "\"title\"") != NULL)
    return FIELD_TITLE;
  if (strstr (message, "“body”") != NULL || strstr (message, "\"body\"") != NULL)
    return FIELD_BODY;
  if (strstr (message, "“tags”") != NULL || strstr (message, "\"tags\"") != NULL)
    return FIELD_TAGS;

  return N_FIELDS;
}

static void
clear_server_errors (PstKbEditor *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->server_errors[i], g_free);
}

/* Saving. */

static JsonNode *
build_body (PstKbEditor *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) tags = tags_list (self);
  g_autofree char *title = title_text (self);
  g_autofree char *body = body_text (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  json_builder_set_member_name (builder, "lang");
  json_builder_add_string_value (builder, pst_lang_to_string (selected_lang (self)));
  json_builder_set_member_name (builder, "category");
  json_builder_add_string_value (builder, pst_category_to_string (selected_category (self)));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < tags->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (tags, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PstKbEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PstKbArticle) saved = NULL;
  Field field;

  node = pst_sync_request_finish (PST_SYNC (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  set_saving (self, FALSE);

  if (node != NULL)
    saved = pst_kb_article_from_json (node, &error);
  else if (error == NULL)
    g_set_error_literal (&error, PST_SYNC_ERROR, PST_SYNC_ERROR_PROTOCOL,
                         _("The server accepted the article but did not send it back"));

  if (saved == NULL || saved->id == NULL)
    {
      /* Everything typed stays; the message says what to change. */
      field = field_of_message (error != NULL ? error->message : NULL);
      clear_server_errors (self);
      if (field != N_FIELDS)
        self->server_errors[field] = g_strdup (error->message);
      self->tried = TRUE;
      validate (self);
      show_status (self, error != NULL ? error->message : _("The article could not be saved"));
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, saved->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PstKbEditor *self = PST_KB_EDITOR (widget);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  self->tried = TRUE;
  clear_server_errors (self);
  if (!validate (self))
    {
      show_status (self, _("Some fields need changes before the article can be saved."));
      return;
    }

  show_status (self, NULL);
  body = build_body (self);
  if (self->article != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (self->article->id, NULL, TRUE);

      path = g_strconcat ("/kb/articles/", escaped, NULL);
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_saving (self, TRUE);
  pst_sync_request_async (pst_context_get_sync (self->context),
                          self->article != NULL ? "PUT" : "POST",
                          path != NULL ? path : "/kb/articles", body, self->cancellable,
                          save_done_cb, g_object_ref (self));
}

static void
field_changed_cb (PstKbEditor *self)
{
  clear_server_errors (self);
  validate (self);
}

/* Setting up. */

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

static void
fill_choices (PstKbEditor *self)
{
  g_autoptr(GtkStringList) langs = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);

  /* In the order of PstLang. */
  gtk_string_list_append (langs, _("Indonesian"));
  gtk_string_list_append (langs, _("English"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->lang_input), G_LIST_MODEL (langs));

  for (int i = 0; i < PST_N_CATEGORIES; i++)
    gtk_string_list_append (categories, pst_format_category (i));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->category_input), G_LIST_MODEL (categories));

  name_drop_down_button (self->lang_input, _("Language"));
  name_drop_down_button (self->category_input, _("Category"));
}

static void
fill_scope (PstKbEditor *self)
{
  PstSync *sync = pst_context_get_sync (self->context);
  const PstOffice *office = pst_sync_get_office (sync);
  const PstOfficer *officer = pst_sync_get_officer (sync);
  const char *code = self->article != NULL ? self->article->office
                                           : officer != NULL && officer->role != PST_ROLE_ADMIN
                                             ? officer->office : NULL;
  g_autofree char *scope = NULL;

  if (code == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->scope_label),
                           _("Every office (a national article)"));
      gtk_label_set_label (GTK_LABEL (self->scope_note),
                           self->article != NULL
                           ? _("An article stays where it was written.")
                           : _("Administrators write national articles; supervisors write "
                               "their own office’s."));
      return;
    }

  if (office != NULL && g_strcmp0 (office->code, code) == 0 && office->name != NULL)
    /* Translators: Who sees an article: "Only BPS Kabupaten Mamuju (7604)". */
    scope = g_strdup_printf (_("Only %s (%s)"), office->name, code);
  else
    /* Translators: Who sees an article: "Only office 7604". */
    scope = g_strdup_printf (_("Only office %s"), code);

  gtk_label_set_label (GTK_LABEL (self->scope_label), scope);
  gtk_label_set_label (GTK_LABEL (self->scope_note),
                       _("Supervisors write their own office’s articles; national articles "
                         "are written by administrators."));
}

static void
fill_fields (PstKbEditor *self)
{
  const PstKbArticle *article = self->article;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_input));
  g_autofree char *tags = NULL;

  if (article == NULL)
    {
      /* Most requesters ask in Indonesian. */
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->lang_input), PST_LANG_ID);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->category_input), PST_CATEGORY_DATA);
      return;
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Article"));
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->window_title), _("Edit Article"));
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title), article->title);

  gtk_editable_set_text (GTK_EDITABLE (self->title_input), article->title ? article->title : "");
  gtk_text_buffer_set_text (buffer, article->body != NULL ? article->body : "", -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->lang_input), article->lang);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->category_input), article->category);
  if (article->tags != NULL && article->tags->len > 0)
    {
      g_ptr_array_add (article->tags, NULL);
      tags = g_strjoinv (", ", (char **) article->tags->pdata);
      g_ptr_array_remove_index (article->tags, article->tags->len - 1);
      gtk_editable_set_text (GTK_EDITABLE (self->tags_input), tags);
    }
}

/* Class functions. */

static void
pst_kb_editor_map (GtkWidget *widget)
{
  PstKbEditor *self = PST_KB_EDITOR (widget);

  GTK_WIDGET_CLASS (pst_kb_editor_parent_class)->map (widget);

  gtk_widget_grab_focus (self->title_input);
}

static void
pst_kb_editor_dispose (GObject *object)
{
  PstKbEditor *self = (PstKbEditor *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pst_kb_editor_parent_class)->dispose (object);
}

static void
pst_kb_editor_finalize (GObject *object)
{
  PstKbEditor *self = (PstKbEditor *) object;

  clear_server_errors (self);
  g_clear_pointer (&self->article, pst_kb_article_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_kb_editor_parent_class)->finalize (object);
}

static void
pst_kb_editor_class_init (PstKbEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pst_kb_editor_dispose;
  object_class->finalize = pst_kb_editor_finalize;
  widget_class->map = pst_kb_editor_map;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-kb-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, saving_spinner);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, title_input);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, title_error);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, lang_input);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, category_input);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, scope_label);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, scope_note);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, tags_input);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, tags_error);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, body_input);
  gtk_widget_class_bind_template_child (widget_class, PstKbEditor, body_error);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pst_kb_editor_init (PstKbEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  fill_choices (self);

  g_signal_connect_object (self->title_input, "changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tags_input, "changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_input)), "changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public functions. */

PstKbEditor *
pst_kb_editor_new (PstContext         *context,
                   GtkWindow          *parent,
                   const PstKbArticle *article)
{
  PstKbEditor *self;

  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (PST_TYPE_KB_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->context = g_object_ref (context);
  self->article = article != NULL ? pst_kb_article_copy (article) : NULL;

  fill_fields (self);
  fill_scope (self);
  validate (self);

  return self;
}
