/* pst-message-row.c: one message of a consultation thread, as a chat bubble.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-message-row.h"

#include "pst-format.h"
#include "pst-i18n.h"

/* The requester's messages sit on the left, the officers' on the right,
 * the system's (closed for no response, reassigned…) in the middle. The
 * text wraps and can be selected and copied. A message written at this
 * desk that the server does not have yet says so ("Sending…") until the
 * item takes the server's description.
 */
struct _PstMessageRow
{
  GtkListBoxRow parent_instance;

  PstContext     *context;
  PstMessageItem *item;
  char           *requester_name;
  gulong          notify_handler;

  GtkWidget *bubble;
  GtkWidget *author_label;
  GtkWidget *body_label;
  GtkWidget *articles_label;
  GtkWidget *pending_box;
};

G_DEFINE_FINAL_TYPE (PstMessageRow, pst_message_row, GTK_TYPE_LIST_BOX_ROW)

static char *
describe_author (PstMessageRow    *self,
                 const PstMessage *message)
{
  PstSync *sync = pst_context_get_sync (self->context);
  const PstOfficer *me = pst_sync_get_officer (sync);
  const char *name;

  switch (message->author)
    {
    case PST_AUTHOR_REQUESTER:
      return g_strdup (self->requester_name);
    case PST_AUTHOR_OFFICER:
      if (me != NULL && message->officer != NULL && g_strcmp0 (me->id, message->officer) == 0)
        /* Translators: The author of a message this officer wrote. */
        return g_strdup (_("You"));
      name = pst_sync_get_officer_name (sync, message->officer);
      /* Translators: The author of a message by an officer whose name is not known here. */
      return g_strdup (name != NULL ? name : _("Officer"));
    case PST_AUTHOR_SYSTEM:
    default:
      /* Translators: The author of messages the server writes itself. */
      return g_strdup (_("PST Desk"));
    }
}

static void
update (PstMessageRow *self)
{
  const PstMessage *message = pst_message_item_get_message (self->item);
  PstCalendar *calendar = pst_sync_get_calendar (pst_context_get_sync (self->context));
  gint64 now = pst_clock_get_now (pst_context_get_clock (self->context));
  gboolean pending = pst_message_item_get_pending (self->item);
  g_autofree char *author = describe_author (self, message);
  g_autofree char *when = NULL;
  g_autofree char *header = NULL;
  g_autofree char *name = NULL;
  guint n_articles = message->kb_article_ids != NULL ? message->kb_article_ids->len : 0;

  when = pst_format_day_time (message->at, now,
                              calendar != NULL ? pst_calendar_get_time_zone (calendar) : NULL);
  /* Translators: Above a message: "Rina Marlina · 08:15". */
  header = g_strdup_printf (_("%s · %s"), author, when);
  gtk_label_set_label (GTK_LABEL (self->author_label), header);
  gtk_label_set_label (GTK_LABEL (self->body_label), message->body != NULL ? message->body : "");

  if (n_articles > 0)
    {
      g_autofree char *articles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u knowledge-base article linked",
                                                                "%u knowledge-base articles linked",
                                                                n_articles), n_articles);
      gtk_label_set_label (GTK_LABEL (self->articles_label), articles);
    }
  gtk_widget_set_visible (self->articles_label, n_articles > 0);

  gtk_widget_set_visible (self->pending_box, pending);
  if (pending)
    gtk_widget_add_css_class (self->bubble, "pending");
  else
    gtk_widget_remove_css_class (self->bubble, "pending");

  /* Translators: A message read out: "Message from Rina Marlina · 08:15". */
  name = g_strdup_printf (_("Message from %s"), header);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
build (PstMessageRow *self)
{
  const PstMessage *message = pst_message_item_get_message (self->item);
  GtkWidget *image, *label;

  self->bubble = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (self->bubble, "bubble");

  switch (message->author)
    {
    case PST_AUTHOR_REQUESTER:
      gtk_widget_add_css_class (self->bubble, "from-requester");
      gtk_widget_set_halign (self->bubble, GTK_ALIGN_START);
      gtk_widget_set_margin_end (self->bubble, 48);
      break;
    case PST_AUTHOR_OFFICER:
      gtk_widget_add_css_class (self->bubble, "from-officer");
      gtk_widget_set_halign (self->bubble, GTK_ALIGN_END);
      gtk_widget_set_margin_start (self->bubble, 48);
      break;
    case PST_AUTHOR_SYSTEM:
    default:
      gtk_widget_add_css_class (self->bubble, "from-system");
      gtk_widget_set_halign (self->bubble, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_start (self->bubble, 48);
      gtk_widget_set_margin_end (self->bubble, 48);
      break;
    }

  self->author_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->author_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->author_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->author_label, "caption-heading");
  gtk_widget_add_css_class (self->author_label, "bubble-author");
  gtk_box_append (GTK_BOX (self->bubble), self->author_label);

  self->body_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->body_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->body_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->body_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (self->body_label), 70);
  gtk_label_set_selectable (GTK_LABEL (self->body_label), TRUE);
  gtk_widget_add_css_class (self->body_label, "bubble-body");
  gtk_box_append (GTK_BOX (self->bubble), self->body_label);

  self->articles_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->articles_label), 0);
  gtk_widget_add_css_class (self->articles_label, "caption");
  gtk_widget_add_css_class (self->articles_label, "dim-label");
  gtk_box_append (GTK_BOX (self->bubble), self->articles_label);

  self->pending_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (self->pending_box, "pending-marker");
  gtk_widget_set_tooltip_text (self->pending_box,
                               _("Kept on this computer until the server has it; sent as soon "
                                 "as there is a connection"));
  image = gtk_image_new_from_icon_name ("emblem-synchronizing-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (image), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (self->pending_box), image);
  /* Translators: Under a message the server does not have yet. */
  label = gtk_label_new (_("Sending…"));
  gtk_box_append (GTK_BOX (self->pending_box), label);
  gtk_box_append (GTK_BOX (self->bubble), self->pending_box);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), self->bubble);
}

static void
item_notify_cb (PstMessageRow *self)
{
  update (self);
}

static void
pst_message_row_dispose (GObject *object)
{
  PstMessageRow *self = (PstMessageRow *) object;

  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_handler, self->item);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (pst_message_row_parent_class)->dispose (object);
}

static void
pst_message_row_finalize (GObject *object)
{
  PstMessageRow *self = (PstMessageRow *) object;

  g_clear_object (&self->context);
  g_clear_pointer (&self->requester_name, g_free);

  G_OBJECT_CLASS (pst_message_row_parent_class)->finalize (object);
}

static void
pst_message_row_class_init (PstMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pst_message_row_dispose;
  object_class->finalize = pst_message_row_finalize;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pst_message_row_init (PstMessageRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "message-row");
}

GtkWidget *
pst_message_row_new (PstContext     *context,
                     PstMessageItem *item,
                     const char     *requester_name)
{
  PstMessageRow *self;

  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (PST_IS_MESSAGE_ITEM (item), NULL);

  self = g_object_new (PST_TYPE_MESSAGE_ROW, NULL);
  self->context = g_object_ref (context);
  self->item = g_object_ref (item);
  self->requester_name = g_strdup (requester_name);

  build (self);
  update (self);
  self->notify_handler = g_signal_connect_swapped (item, "notify", G_CALLBACK (item_notify_cb), self);

  return GTK_WIDGET (self);
}
