/* pst-kb-chooser.c: finding a knowledge-base article to put in a reply.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kb-chooser.h"

#include "pst-i18n.h"
#include "pst-kb-search-view.h"

/* The same search as the Knowledge Base page (PstKbSearchView) in a
 * modal window: the officer picks a result and presses Insert, or
 * activates the result (double click, Enter). The composer that opened it
 * adds the link and records the article on the message.
 */

struct _PstKbChooser
{
  AdwWindow parent_instance;

  PstContext *context;
  GtkWidget  *search_view;
  GtkWidget  *insert_button;
  gboolean    chosen;
};

enum {
  ARTICLE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PstKbChooser, pst_kb_chooser, ADW_TYPE_WINDOW)

static void
choose (PstKbChooser *self,
        const char   *id,
        const char   *title,
        const char   *lang)
{
  if (self->chosen || id == NULL)
    return;

  self->chosen = TRUE;
  g_signal_emit (self, signals[ARTICLE_CHOSEN], 0, id, title, lang);
  gtk_window_close (GTK_WINDOW (self));
}

static void
article_selected_cb (PstKbChooser *self,
                     const char   *id)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chooser.insert", id != NULL);
}

static void
article_activated_cb (PstKbChooser *self,
                      const char   *id,
                      const char   *title,
                      const char   *lang)
{
  choose (self, id, title, lang);
}

static void
insert_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PstKbChooser *self = PST_KB_CHOOSER (widget);
  PstKbSearchView *view = PST_KB_SEARCH_VIEW (self->search_view);
  g_autofree char *id = g_strdup (pst_kb_search_view_get_selected_id (view));
  g_autofree char *title = g_strdup (pst_kb_search_view_get_selected_title (view));
  g_autofree char *lang = g_strdup (pst_kb_search_view_get_selected_lang (view));

  choose (self, id, title, lang);
}

static GtkWidget *
build_content (PstKbChooser *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_label (_("Cancel"));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Insert an Article"),
                                                         _("The reply gets a link to it")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);

  /* Translators: Puts a link to the chosen article in the reply. */
  self->insert_button = gtk_button_new_with_label (_("Insert"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->insert_button), "chooser.insert");
  gtk_widget_add_css_class (self->insert_button, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->insert_button);

  gtk_widget_set_vexpand (self->search_view, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), self->search_view);

  return box;
}

/* Class functions. */

static void
pst_kb_chooser_map (GtkWidget *widget)
{
  PstKbChooser *self = PST_KB_CHOOSER (widget);

  GTK_WIDGET_CLASS (pst_kb_chooser_parent_class)->map (widget);

  pst_kb_search_view_focus_entry (PST_KB_SEARCH_VIEW (self->search_view));
}

static void
pst_kb_chooser_dispose (GObject *object)
{
  PstKbChooser *self = (PstKbChooser *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_kb_chooser_parent_class)->dispose (object);
}

static void
pst_kb_chooser_class_init (PstKbChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pst_kb_chooser_dispose;
  widget_class->map = pst_kb_chooser_map;

  signals[ARTICLE_CHOSEN] = g_signal_new ("article-chosen", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 3,
                                          G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "chooser.insert", NULL, insert_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pst_kb_chooser_init (PstKbChooser *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Insert an Article"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chooser.insert", FALSE);
}

/* Public functions. */

PstKbChooser *
pst_kb_chooser_new (PstContext *context,
                    GtkWindow  *parent,
                    const char *query)
{
  PstKbChooser *self;

  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);

  self = g_object_new (PST_TYPE_KB_CHOOSER,
                       "modal", TRUE,
                       "transient-for", parent,
                       NULL);
  self->context = g_object_ref (context);
  self->search_view = pst_kb_search_view_new (context);
  adw_window_set_content (ADW_WINDOW (self), build_content (self));

  g_signal_connect_object (self->search_view, "article-selected",
                           G_CALLBACK (article_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_view, "article-activated",
                           G_CALLBACK (article_activated_cb), self, G_CONNECT_SWAPPED);

  if (query != NULL && *query != '\0')
    pst_kb_search_view_set_query (PST_KB_SEARCH_VIEW (self->search_view), query);

  return self;
}
