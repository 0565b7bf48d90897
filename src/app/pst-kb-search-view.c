/* pst-kb-search-view.c: searching the knowledge base as one types.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kb-search-view.h"

#include "pst-format.h"
#include "pst-i18n.h"

#include <string.h>

/* The entry waits a quarter second after the last keystroke (its
 * search-delay), then the view asks the server (GET /kb/search) through
 * PstSync with a fresh GCancellable, cancelling the search before it, so
 * only the latest answer is ever shown. The answer fills a GListStore of
 * hits that a GtkListView shows.
 *
 * The server puts the requested language first but still finds the other
 * one, so the language filter asks for that language and keeps only its
 * articles. Hits name their category (docs/api-extensions.md).
 *
 * Snippets arrive as escaped markup with the matches in <mark>…</mark>;
 * the view turns those into <b>…</b> for Pango, after checking that the
 * result parses, and shows the plain text otherwise.
 */

#define CSS_RESOURCE "/id/go/bps/PstDesk/pst-kb-page.css"

#define SEARCH_LIMIT          25
#define FILTERED_SEARCH_LIMIT 50

typedef enum
{
  LANG_FILTER_ALL,
  LANG_FILTER_ID,
  LANG_FILTER_EN,
} LangFilter;

/* One article found. */

#define PST_TYPE_KB_HIT (pst_kb_hit_get_type ())
G_DECLARE_FINAL_TYPE (PstKbHit, pst_kb_hit, PST, KB_HIT, GObject)

struct _PstKbHit
{
  GObject parent_instance;

  char   *id;
  char   *lang;
  char   *title;
  char   *snippet_markup;
  char   *category;   /* the category's name once known, or NULL */
};

G_DEFINE_FINAL_TYPE (PstKbHit, pst_kb_hit, G_TYPE_OBJECT)

static void
pst_kb_hit_finalize (GObject *object)
{
  PstKbHit *self = (PstKbHit *) object;

  g_free (self->id);
  g_free (self->lang);
  g_free (self->title);
  g_free (self->snippet_markup);
  g_free (self->category);

  G_OBJECT_CLASS (pst_kb_hit_parent_class)->finalize (object);
}

static void
pst_kb_hit_class_init (PstKbHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pst_kb_hit_finalize;
}

static void
pst_kb_hit_init (PstKbHit *self)
{
}

struct _PstKbSearchView
{
  AdwBin parent_instance;

  PstContext         *context;
  GListStore         *hits;
  GtkSingleSelection *selection;
  GCancellable       *cancellable;     /* the search under way */
  char               *suggestion;
  char               *last_query;      /* of the results shown */
  LangFilter          last_filter;
  char               *started_query;   /* of the latest search started */
  LangFilter          started_filter;
  gboolean            has_results;     /* a search has answered */

  GtkWidget *search_bar;
  GtkWidget *search_entry;
  GtkWidget *lang_filter;
  GtkWidget *filter_all;
  GtkWidget *filter_id;
  GtkWidget *filter_en;
  GtkWidget *error_revealer;
  GtkWidget *error_label;
  GtkWidget *suggestion_revealer;
  GtkWidget *suggestion_label;
  GtkWidget *results_stack;
  GtkWidget *topics_box;
  GtkWidget *results_view;
  GtkListItemFactory *results_factory;
  GtkWidget *empty_page;
  GtkWidget *failure_page;
  GtkWidget *busy_spinner;
  GtkWidget *took_label;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  ARTICLE_SELECTED,
  ARTICLE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PstKbSearchView, pst_kb_search_view, ADW_TYPE_BIN)

static void start_search         (PstKbSearchView *self);
static void selection_changed_cb (PstKbSearchView *self);
static void set_suggestion       (PstKbSearchView *self,
                                  const char      *suggestion);

/* Text. */

/* The language's short tag shown on a result, e.g. "ID". */
static const char *
lang_tag (const char *lang)
{
  if (g_strcmp0 (lang, "id") == 0)
    /* Translators: The short tag of an article in Indonesian. */
    return C_("language tag", "ID");
  if (g_strcmp0 (lang, "en") == 0)
    /* Translators: The short tag of an article in English. */
    return C_("language tag", "EN");

  return "?";
}

static const char *
lang_name (const char *lang)
{
  if (g_strcmp0 (lang, "id") == 0)
    return _("Indonesian");
  if (g_strcmp0 (lang, "en") == 0)
    return _("English");

  return _("Unknown language");
}

/* @text with every run of line breaks and tabs made one space: a snippet
 * is a glimpse of the article, not its layout.
 */
static GString *
one_line (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return out;
}

/* @snippet (escaped, with <mark>…</mark>) as Pango markup with the
 * matches in bold; NULL when it is not what the server promises.
 */
static char *
snippet_to_pango (const char *snippet)
{
  g_autoptr(GString) markup = one_line (snippet);

  g_string_replace (markup, "<mark>", "<b>", 0);
  g_string_replace (markup, "</mark>", "</b>", 0);

  if (!pango_parse_markup (markup->str, -1, 0, NULL, NULL, NULL, NULL))
    return NULL;

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/* @snippet as plain text escaped for Pango: the tags dropped, the
 * entities left as they came (they are escaped already).
 */
static char *
snippet_to_plain_markup (const char *snippet)
{
  g_autoptr(GString) text = one_line (snippet);
  g_autofree char *plain = NULL;

  g_string_replace (text, "<mark>", "", 0);
  g_string_replace (text, "</mark>", "", 0);
  if (pango_parse_markup (text->str, -1, 0, NULL, &plain, NULL, NULL))
    return g_markup_escape_text (plain, -1);

  return g_markup_escape_text (snippet, -1);
}

static char *
query_from_entry (PstKbSearchView *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
}

static LangFilter
current_filter (PstKbSearchView *self)
{
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->filter_id)))
    return LANG_FILTER_ID;
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->filter_en)))
    return LANG_FILTER_EN;

  return LANG_FILTER_ALL;
}

static const char *
filter_lang (LangFilter filter)
{
  switch (filter)
    {
    case LANG_FILTER_ID:
      return "id";
    case LANG_FILTER_EN:
      return "en";
    case LANG_FILTER_ALL:
    default:
      return NULL;
    }
}

/* The rows. */

static PstKbHit *
selected_hit (PstKbSearchView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PstKbSearchView          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *tag = gtk_label_new (NULL);
  GtkWidget *category = gtk_label_new (NULL);
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "kb-result");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");

  gtk_widget_set_valign (tag, GTK_ALIGN_START);
  gtk_widget_add_css_class (tag, "kb-lang-tag");

  gtk_label_set_xalign (GTK_LABEL (category), 0);
  gtk_widget_add_css_class (category, "caption");
  gtk_widget_add_css_class (category, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 3);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_label_set_use_markup (GTK_LABEL (snippet), TRUE);
  gtk_widget_add_css_class (snippet, "kb-snippet");

  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), tag);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), category);
  gtk_box_append (GTK_BOX (box), snippet);

  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "tag", tag);
  g_object_set_data (G_OBJECT (box), "category", category);
  g_object_set_data (G_OBJECT (box), "snippet", snippet);

  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             PstKbSearchView          *self)
{
  PstKbHit *hit = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *category = g_object_get_data (G_OBJECT (box), "category");
  g_autofree char *name = NULL;

  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "title"), hit->title);
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "tag"), lang_tag (hit->lang));
  gtk_widget_set_tooltip_text (g_object_get_data (G_OBJECT (box), "tag"), lang_name (hit->lang));
  gtk_label_set_markup (g_object_get_data (G_OBJECT (box), "snippet"), hit->snippet_markup);
  gtk_label_set_label (GTK_LABEL (category), hit->category != NULL ? hit->category : "");
  gtk_widget_set_visible (category, hit->category != NULL);

  /* Translators: A search result for screen readers: "Title, Indonesian, Data". */
  name = hit->category != NULL ? g_strdup_printf (_("%s, %s, %s"), hit->title,
                                                  lang_name (hit->lang), hit->category)
                               /* Translators: A search result: "Title, Indonesian". */
                               : g_strdup_printf (_("%s, %s"), hit->title, lang_name (hit->lang));
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* Showing the state of the search. */

static void
clear_results (PstKbSearchView *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_list_store_remove_all (self->hits);
  self->has_results = FALSE;
  g_clear_pointer (&self->last_query, g_free);
  set_suggestion (self, NULL);
  gtk_label_set_label (GTK_LABEL (self->took_label), "");
}

static void
show_error (PstKbSearchView *self,
            const char      *message)
{
  g_autofree char *query = query_from_entry (self);

  /* Results of other words would mislead: only a search again for the
   * same words keeps them.
   */
  if (self->has_results &&
      (g_strcmp0 (query, self->last_query) != 0 || current_filter (self) != self->last_filter))
    clear_results (self);

  if (self->has_results)
    {
      /* Keep what was found before, and say the latest search failed. */
      gtk_label_set_label (GTK_LABEL (self->error_label), message);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->error_revealer), TRUE);
      return;
    }

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->error_revealer), FALSE);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->failure_page), message);
  gtk_stack_set_visible_child_name (GTK_STACK (self->results_stack), "error");
}

static void
set_busy (PstKbSearchView *self,
          gboolean         busy)
{
  gtk_widget_set_visible (self->busy_spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->busy_spinner), busy);
  gtk_widget_set_visible (self->took_label, !busy || self->has_results);
}

static void
set_suggestion (PstKbSearchView *self,
                const char      *suggestion)
{
  g_autofree char *escaped = NULL;
  g_autofree char *markup = NULL;

  g_free (self->suggestion);
  self->suggestion = g_strdup (suggestion);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb-search.use-suggestion",
                                 suggestion != NULL);
  gtk_widget_set_visible (self->suggestion_revealer, suggestion != NULL);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->suggestion_revealer), suggestion != NULL);
  if (suggestion == NULL)
    return;

  escaped = g_markup_escape_text (suggestion, -1);
  /* Translators: A clickable correction of the search words, e.g.
   * "Did you mean kemiskinan?"; the words are in bold.
   */
  markup = g_strdup_printf (_("Did you mean <b>%s</b>?"), escaped);
  gtk_label_set_markup (GTK_LABEL (self->suggestion_label), markup);
}

static void
show_empty (PstKbSearchView *self,
            const char      *query)
{
  g_autofree char *description = NULL;

  if (current_filter (self) != LANG_FILTER_ALL)
    description = g_strdup_printf (_("Nothing in %s matches “%s”. Try other words, or "
                                     "show articles in all languages."),
                                   lang_name (filter_lang (current_filter (self))), query);
  else
    description = g_strdup_printf (_("Nothing matches “%s”. Try other or fewer words, or "
                                     "check the spelling."), query);

  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page), description);
  gtk_stack_set_visible_child_name (GTK_STACK (self->results_stack), "empty");
}

/* Reads the answer of GET /kb/search into hits; FALSE when it is not
 * what the API promises.
 */
static gboolean
read_answer (PstKbSearchView *self,
             JsonNode        *node,
             GPtrArray       *hits,
             gint64          *took_us,
             char           **did_you_mean)
{
  const char *wanted = filter_lang (self->started_filter);
  JsonObject *obj;
  JsonNode *items;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  obj = json_node_get_object (node);
  items = json_object_get_member (obj, "items");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    return FALSE;

  array = json_node_get_array (items);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *item;
      const char *id, *lang, *title, *snippet, *category_name;
      PstCategory category;
      PstKbHit *hit;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return FALSE;

      item = json_node_get_object (element);
      id = json_object_get_string_member_with_default (item, "id", NULL);
      lang = json_object_get_string_member_with_default (item, "lang", NULL);
      title = json_object_get_string_member_with_default (item, "title", NULL);
      snippet = json_object_get_string_member_with_default (item, "snippet", "");
      if (id == NULL || title == NULL)
        return FALSE;

      if (wanted != NULL && g_strcmp0 (lang, wanted) != 0)
        continue;
      if (hits->len >= SEARCH_LIMIT)
        continue;

      hit = g_object_new (PST_TYPE_KB_HIT, NULL);
      hit->id = g_strdup (id);
      hit->lang = g_strdup (lang);
      hit->title = g_strdup (title);
      hit->snippet_markup = snippet_to_pango (snippet);
      if (hit->snippet_markup == NULL)
        hit->snippet_markup = snippet_to_plain_markup (snippet);
      category_name = json_object_get_string_member_with_default (item, "category", NULL);
      if (category_name != NULL && pst_category_from_string (category_name, &category))
        hit->category = g_strdup (pst_format_category (category));
      g_ptr_array_add (hits, hit);
    }

  *took_us = json_object_get_int_member_with_default (obj, "took_us", 0);
  *did_you_mean = g_strdup (json_object_get_string_member_with_default (obj, "did_you_mean",
                                                                         NULL));
  return TRUE;
}

static void
show_took (PstKbSearchView *self,
           guint            n_hits,
           gint64           took_us)
{
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  /* Translators: Under the search results: how many articles were found. */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", n_hits),
                           n_hits);
  if (took_us >= 1000)
    /* Translators: Under the search results: "12 articles · 3.4 ms", the server's search time. */
    text = g_strdup_printf (_("%s · %.1f ms"), count, took_us / 1000.0);
  else
    /* Translators: Under the search results: "12 articles · 450 µs", the server's search time. */
    text = g_strdup_printf (_("%s · %d µs"), count, (int) MAX (took_us, 0));

  gtk_label_set_label (GTK_LABEL (self->took_label), text);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PstKbSearchView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *did_you_mean = NULL;
  g_autofree char *query = NULL;
  g_autofree char *selected_id = NULL;
  gint64 took_us = 0;

  node = pst_sync_request_finish (PST_SYNC (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer search took its place, or the view is gone */

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (!read_answer (self, node, hits, &took_us, &did_you_mean))
    {
      show_error (self, _("The server’s answer to the search could not be read. Try again, "
                          "or tell the administrator if it keeps happening."));
      return;
    }

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->error_revealer), FALSE);

  /* Keep the selected article selected when it is still found. */
  if (selected_hit (self) != NULL)
    selected_id = g_strdup (selected_hit (self)->id);

  /* A newer search would have cancelled this one: it is the latest. */
  query = g_strdup (self->started_query != NULL ? self->started_query : "");
  g_free (self->last_query);
  self->last_query = g_strdup (query);
  self->last_filter = self->started_filter;
  self->has_results = TRUE;

  g_signal_handlers_block_by_func (self->selection, selection_changed_cb, self);
  g_list_store_splice (self->hits, 0, g_list_model_get_n_items (G_LIST_MODEL (self->hits)),
                       hits->pdata, hits->len);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; selected_id != NULL && i < hits->len; i++)
    if (g_strcmp0 (((PstKbHit *) g_ptr_array_index (hits, i))->id, selected_id) == 0)
      gtk_single_selection_set_selected (self->selection, i);
  g_signal_handlers_unblock_by_func (self->selection, selection_changed_cb, self);
  if (selected_id != NULL && selected_hit (self) == NULL)
    selection_changed_cb (self);

  set_suggestion (self, did_you_mean);
  show_took (self, hits->len, took_us);

  if (hits->len == 0)
    show_empty (self, query);
  else
    gtk_stack_set_visible_child_name (GTK_STACK (self->results_stack), "results");
}

static void
start_search (PstKbSearchView *self)
{
  g_autofree char *query = query_from_entry (self);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  const char *lang = filter_lang (current_filter (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_free (self->started_query);
  self->started_query = g_strdup (query);
  self->started_filter = current_filter (self);

  if (*query == '\0')
    {
      clear_results (self);
      set_busy (self, FALSE);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->error_revealer), FALSE);
      gtk_stack_set_visible_child_name (GTK_STACK (self->results_stack), "hint");
      return;
    }

  escaped = g_uri_escape_string (query, NULL, TRUE);
  if (lang != NULL)
    path = g_strdup_printf ("/kb/search?q=%s&lang=%s&limit=%d", escaped, lang,
                            FILTERED_SEARCH_LIMIT);
  else
    path = g_strdup_printf ("/kb/search?q=%s&limit=%d", escaped, SEARCH_LIMIT);

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  if (!self->has_results)
    gtk_stack_set_visible_child_name (GTK_STACK (self->results_stack), "loading");

  pst_sync_request_async (pst_context_get_sync (self->context), "GET", path, NULL,
                          self->cancellable, search_done_cb, g_object_ref (self));
}

/* Callbacks. */

/* The entry's delayed signal; a query set by program was searched at once. */
static void
search_changed_cb (PstKbSearchView *self)
{
  g_autofree char *query = query_from_entry (self);

  if (g_strcmp0 (query, self->started_query) == 0 && current_filter (self) == self->started_filter)
    return;

  start_search (self);
}

static void
filter_toggled_cb (PstKbSearchView *self,
                   GtkToggleButton *button)
{
  /* Each change toggles two buttons: search once, for the one turned on. */
  if (gtk_toggle_button_get_active (button))
    start_search (self);
}

/* Enter in the entry goes to the results: the first is selected. */
static void
entry_activate_cb (PstKbSearchView *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->hits)) == 0)
    return;

  if (selected_hit (self) == NULL)
    gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_grab_focus (self->results_view);
}

/* Escape in the entry clears it (GtkSearchEntry's stop-search). */
static void
stop_search_cb (PstKbSearchView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
emit_for_hit (PstKbSearchView *self,
              guint            signal_id,
              PstKbHit        *hit)
{
  if (hit != NULL)
    g_signal_emit (self, signal_id, 0, hit->id, hit->title, hit->lang);
  else
    g_signal_emit (self, signal_id, 0, NULL, NULL, NULL);
}

static void
selection_changed_cb (PstKbSearchView *self)
{
  emit_for_hit (self, signals[ARTICLE_SELECTED], selected_hit (self));
}

static void
results_activate_cb (PstKbSearchView *self,
                     guint            position)
{
  g_autoptr(PstKbHit) hit = g_list_model_get_item (G_LIST_MODEL (self->hits), position);

  if (hit == NULL)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  emit_for_hit (self, signals[ARTICLE_ACTIVATED], hit);
}

static void
topic_clicked_cb (GtkButton       *button,
                  PstKbSearchView *self)
{
  pst_kb_search_view_set_query (self, g_object_get_data (G_OBJECT (button), "topic"));
}

static void
retry_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  start_search (PST_KB_SEARCH_VIEW (widget));
}

static void
use_suggestion_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PstKbSearchView *self = PST_KB_SEARCH_VIEW (widget);
  g_autofree char *suggestion = g_strdup (self->suggestion);

  if (suggestion != NULL)
    pst_kb_search_view_set_query (self, suggestion);
}

/* Setting up. */

static void
fill_topics (PstKbSearchView *self)
{
  /* Frequent questions at a PST desk, as search words in the UI language. */
  const char *topics[] = {
    /* Translators: A popular search of the knowledge base (as search words). */
    C_("kb topic", "poverty"),
    /* Translators: A popular search of the knowledge base (as search words). */
    C_("kb topic", "inflation"),
    /* Translators: A popular search of the knowledge base (as search words). */
    C_("kb topic", "unemployment"),
    /* Translators: A popular search of the knowledge base (as search words). */
    C_("kb topic", "population census"),
    /* Translators: A popular search of the knowledge base (as search words). */
    C_("kb topic", "GDP"),
    /* Translators: A popular search of the knowledge base (as search words). */
    C_("kb topic", "KBLI classification"),
    /* Translators: A popular search of the knowledge base (as search words). */
    C_("kb topic", "exports"),
    /* Translators: A popular search of the knowledge base (as search words). */
    C_("kb topic", "data request"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (topics[i]);

      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "kb-topic");
      g_object_set_data_full (G_OBJECT (button), "topic", g_strdup (topics[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (topic_clicked_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (self->topics_box), button);
    }
}

/* The style of the page, the chooser and the editor. */
static void
load_css (PstKbSearchView *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  g_autoptr(GtkCssProvider) provider = NULL;

  if (g_object_get_data (G_OBJECT (display), CSS_RESOURCE) != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, CSS_RESOURCE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), CSS_RESOURCE,
                          g_object_ref (provider), g_object_unref);
}

/* Class functions. */

static void
pst_kb_search_view_dispose (GObject *object)
{
  PstKbSearchView *self = (PstKbSearchView *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->results_view != NULL)
    gtk_list_view_set_model (GTK_LIST_VIEW (self->results_view), NULL);

  G_OBJECT_CLASS (pst_kb_search_view_parent_class)->dispose (object);
}

static void
pst_kb_search_view_finalize (GObject *object)
{
  PstKbSearchView *self = (PstKbSearchView *) object;

  g_clear_object (&self->selection);
  g_clear_object (&self->hits);
  g_clear_pointer (&self->suggestion, g_free);
  g_clear_pointer (&self->last_query, g_free);
  g_clear_pointer (&self->started_query, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_kb_search_view_parent_class)->finalize (object);
}

static void
pst_kb_search_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PstKbSearchView *self = PST_KB_SEARCH_VIEW (object);

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
pst_kb_search_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PstKbSearchView *self = PST_KB_SEARCH_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
pst_kb_search_view_grab_focus (GtkWidget *widget)
{
  PstKbSearchView *self = PST_KB_SEARCH_VIEW (widget);

  return gtk_widget_grab_focus (self->search_entry);
}

static void
pst_kb_search_view_class_init (PstKbSearchViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pst_kb_search_view_dispose;
  object_class->finalize = pst_kb_search_view_finalize;
  object_class->get_property = pst_kb_search_view_get_property;
  object_class->set_property = pst_kb_search_view_set_property;
  widget_class->grab_focus = pst_kb_search_view_grab_focus;

  props[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, PST_TYPE_CONTEXT,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                             G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[ARTICLE_SELECTED] = g_signal_new ("article-selected", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 3,
                                            G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  signals[ARTICLE_ACTIVATED] = g_signal_new ("article-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 3,
                                             G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-kb-search-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, lang_filter);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, filter_all);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, filter_id);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, filter_en);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, error_label);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, suggestion_revealer);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, suggestion_label);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, results_stack);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, topics_box);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, results_view);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, results_factory);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, failure_page);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, PstKbSearchView, took_label);

  gtk_widget_class_install_action (widget_class, "kb-search.retry", NULL, retry_cb);
  gtk_widget_class_install_action (widget_class, "kb-search.use-suggestion", NULL,
                                   use_suggestion_cb);
}

static void
pst_kb_search_view_init (PstKbSearchView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->hits = g_list_store_new (PST_TYPE_KB_HIT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->hits)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  g_signal_connect (self->results_factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (self->results_factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->results_view),
                           GTK_SELECTION_MODEL (self->selection));

  fill_topics (self);
  set_suggestion (self, NULL);

  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->results_view, "activate",
                           G_CALLBACK (results_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (entry_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search",
                           G_CALLBACK (stop_search_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_all, "toggled",
                           G_CALLBACK (filter_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_id, "toggled",
                           G_CALLBACK (filter_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_en, "toggled",
                           G_CALLBACK (filter_toggled_cb), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (GTK_STACK (self->results_stack), "hint");
  set_busy (self, FALSE);
  load_css (self);
}

/* Public functions. */

GtkWidget *
pst_kb_search_view_new (PstContext *context)
{
  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);

  return g_object_new (PST_TYPE_KB_SEARCH_VIEW, "context", context, NULL);
}

void
pst_kb_search_view_set_query (PstKbSearchView *self,
                              const char      *query)
{
  g_return_if_fail (PST_IS_KB_SEARCH_VIEW (self));

  /* Search now rather than after the entry's delay (which then finds
   * the words searched already).
   */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query != NULL ? query : "");
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  start_search (self);
}

char *
pst_kb_search_view_get_query (PstKbSearchView *self)
{
  g_return_val_if_fail (PST_IS_KB_SEARCH_VIEW (self), NULL);

  return query_from_entry (self);
}

void
pst_kb_search_view_refresh (PstKbSearchView *self)
{
  g_return_if_fail (PST_IS_KB_SEARCH_VIEW (self));

  start_search (self);
}

void
pst_kb_search_view_focus_entry (PstKbSearchView *self)
{
  g_return_if_fail (PST_IS_KB_SEARCH_VIEW (self));

  gtk_widget_grab_focus (self->search_entry);
}

void
pst_kb_search_view_set_key_capture_widget (PstKbSearchView *self,
                                           GtkWidget       *widget)
{
  g_return_if_fail (PST_IS_KB_SEARCH_VIEW (self));

  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search_entry), widget);
}

void
pst_kb_search_view_add_action (PstKbSearchView *self,
                               GtkWidget       *widget)
{
  g_return_if_fail (PST_IS_KB_SEARCH_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (GTK_BOX (self->search_bar), widget);
}

const char *
pst_kb_search_view_get_selected_id (PstKbSearchView *self)
{
  g_return_val_if_fail (PST_IS_KB_SEARCH_VIEW (self), NULL);

  return selected_hit (self) != NULL ? selected_hit (self)->id : NULL;
}

const char *
pst_kb_search_view_get_selected_title (PstKbSearchView *self)
{
  g_return_val_if_fail (PST_IS_KB_SEARCH_VIEW (self), NULL);

  return selected_hit (self) != NULL ? selected_hit (self)->title : NULL;
}

const char *
pst_kb_search_view_get_selected_lang (PstKbSearchView *self)
{
  g_return_val_if_fail (PST_IS_KB_SEARCH_VIEW (self), NULL);

  return selected_hit (self) != NULL ? selected_hit (self)->lang : NULL;
}

void
pst_kb_search_view_unselect (PstKbSearchView *self)
{
  g_return_if_fail (PST_IS_KB_SEARCH_VIEW (self));

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}
