/* pst-consultation-row.c: one consultation thread in the consultations list.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-consultation-row.h"

#include "pst-format.h"
#include "pst-i18n.h"

/* A row shows one PstConsultationItem and follows it: the subject, the
 * requester and channel, the last message, who has it and whether it has
 * something unread or unconfirmed. Its countdown badge is redrawn by
 * pst_consultation_row_update_badge(), which the page calls on its tick
 * for the rows that are bound; nothing is rebuilt for that.
 *
 * The badge follows the first-response clock (DOMAIN.md): while no
 * officer has answered, the working time left ("2 working days", "3 h 20
 * min"), amber below a fifth of the window, red "overdue by …" once due.
 * An answered or closed thread shows where it stands instead.
 */
struct _PstConsultationRow
{
  AdwBin parent_instance;

  PstContext          *context;
  PstConsultationItem *item;
  gulong               notify_handler;

  GtkWidget *unread_dot;
  GtkWidget *subject_label;
  GtkWidget *badge_label;
  GtkWidget *channel_icon;
  GtkWidget *requester_label;
  GtkWidget *time_label;
  GtkWidget *last_message_label;
  GtkWidget *assignee_label;
  GtkWidget *pending_box;
};

G_DEFINE_FINAL_TYPE (PstConsultationRow, pst_consultation_row, ADW_TYPE_BIN)

static const char *const badge_classes[] = {
  "badge-ok", "badge-warning", "badge-breached", "badge-quiet", NULL
};

/* The badge. */

static const char *
channel_icon_name (PstChannel channel)
{
  switch (channel)
    {
    case PST_CHANNEL_WEB:
      return "web-browser-symbolic";
    case PST_CHANNEL_WHATSAPP:
      return "chat-message-new-symbolic";
    case PST_CHANNEL_EMAIL:
      return "mail-read-symbolic";
    case PST_CHANNEL_WALK_IN:
      return "emoji-people-symbolic";
    case PST_CHANNEL_PHONE:
      return "call-start-symbolic";
    case PST_N_CHANNELS:
    default:
      return "chat-message-new-symbolic";
    }
}

/* Whether the first-response clock still runs: nobody has answered.
 * A thread waiting for the requester was answered (only an officer's
 * message puts it there, even before the server confirms it); one that
 * needs a reply counts on when it was closed unanswered and reopened.
 */
static gboolean
first_response_pending (const PstConsultation *consultation)
{
  if (consultation->sla == NULL || consultation->sla->first_response_due == PST_TIME_UNSET)
    return FALSE;

  switch (consultation->status)
    {
    case PST_CONSULTATION_STATUS_OPEN:
      return TRUE;
    case PST_CONSULTATION_STATUS_AWAITING_OFFICER:
      return consultation->sla->first_response_at == PST_TIME_UNSET;
    case PST_CONSULTATION_STATUS_AWAITING_REQUESTER:
    case PST_CONSULTATION_STATUS_CLOSED:
    case PST_N_CONSULTATION_STATUSES:
    default:
      return FALSE;
    }
}

/* The service hours of the working day @instant_us falls on. */
static gint64
working_day_length (PstCalendar *calendar,
                    gint64       instant_us)
{
  GDate date;
  gint64 open_us, close_us;

  pst_calendar_get_local_date (calendar, instant_us, &date);
  if (!pst_calendar_get_service_period (calendar, &date, &open_us, &close_us) ||
      close_us <= open_us)
    return 0;

  return close_us - open_us;
}

static void
set_badge_class (GtkWidget  *label,
                 const char *css_class)
{
  for (guint i = 0; badge_classes[i] != NULL; i++)
    {
      if (g_strcmp0 (badge_classes[i], css_class) == 0)
        gtk_widget_add_css_class (label, badge_classes[i]);
      else
        gtk_widget_remove_css_class (label, badge_classes[i]);
    }
}

static void
set_accessible_name (GtkWidget  *widget,
                     const char *name)
{
  const char *old = g_object_get_data (G_OBJECT (widget), "pst-accessible-name");

  if (g_strcmp0 (old, name) == 0)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (widget), "pst-accessible-name", g_strdup (name), g_free);
}

static gint64
show_quiet_badge (GtkLabel              *label,
                  const PstConsultation *consultation)
{
  const char *text;
  const char *name;

  switch (consultation->status)
    {
    case PST_CONSULTATION_STATUS_AWAITING_OFFICER:
      /* Translators: A badge: the requester wrote again after an answer. */
      text = C_("badge", "Needs reply");
      name = _("Answered before; the requester wrote again and needs a reply");
      break;
    case PST_CONSULTATION_STATUS_AWAITING_REQUESTER:
      /* Translators: A badge: an officer has answered the consultation. */
      text = C_("badge", "Answered");
      name = _("Answered; waiting for the requester");
      break;
    case PST_CONSULTATION_STATUS_CLOSED:
      /* Translators: A badge: the consultation is closed. */
      text = C_("badge", "Closed");
      name = _("Closed");
      break;
    case PST_CONSULTATION_STATUS_OPEN:
    case PST_N_CONSULTATION_STATUSES:
    default:
      /* Translators: A badge: a new consultation without a deadline. */
      text = C_("badge", "New");
      name = _("New");
      break;
    }

  gtk_label_set_label (label, text);
  set_badge_class (GTK_WIDGET (label), "badge-quiet");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), name);
  set_accessible_name (GTK_WIDGET (label), name);

  return G_MAXINT64;
}

static void
badge_deadline (const PstConsultation *consultation,
                PstDeadline           *deadline)
{
  deadline->due_us = consultation->sla->first_response_due;
  deadline->start_us = consultation->created_at != PST_TIME_UNSET &&
                       consultation->created_at <= deadline->due_us
                       ? consultation->created_at : deadline->due_us;
  deadline->kind = PST_DEADLINE_WORKING;
}

PstBadgeState
pst_consultation_badge_get_state (PstCalendar           *calendar,
                                  const PstConsultation *consultation,
                                  gint64                 now_us,
                                  gboolean              *counting)
{
  PstDeadline deadline;

  g_return_val_if_fail (consultation != NULL, PST_BADGE_OK);

  if (counting != NULL)
    *counting = first_response_pending (consultation);
  if (!first_response_pending (consultation))
    return PST_BADGE_OK;

  badge_deadline (consultation, &deadline);
  if (calendar == NULL)
    return now_us >= deadline.due_us ? PST_BADGE_BREACHED : consultation->sla->state;

  return pst_calendar_deadline_state (calendar, &deadline, now_us);
}

gint64
pst_consultation_badge_show (GtkLabel              *label,
                             PstCalendar           *calendar,
                             const PstConsultation *consultation,
                             gint64                 now_us)
{
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *due_text = NULL;
  PstDeadline deadline;
  PstBadgeState state;
  gint64 remaining;
  const char *state_word;

  g_return_val_if_fail (GTK_IS_LABEL (label), G_MAXINT64);
  g_return_val_if_fail (consultation != NULL, G_MAXINT64);

  if (!first_response_pending (consultation))
    return show_quiet_badge (label, consultation);

  badge_deadline (consultation, &deadline);
  state = pst_consultation_badge_get_state (calendar, consultation, now_us, NULL);
  remaining = calendar != NULL ? pst_calendar_deadline_remaining (calendar, &deadline, now_us)
                               : deadline.due_us - now_us;

  if (state == PST_BADGE_BREACHED)
    text = pst_format_overdue (now_us - deadline.due_us);
  else
    text = pst_format_working_time_left (remaining,
                                         calendar != NULL
                                         ? working_day_length (calendar, deadline.due_us) : 0);

  switch (state)
    {
    case PST_BADGE_WARNING:
      /* Translators: The state of a reply deadline, read out before the time left. */
      state_word = C_("badge state", "Due soon");
      set_badge_class (GTK_WIDGET (label), "badge-warning");
      break;
    case PST_BADGE_BREACHED:
      state_word = C_("badge state", "Overdue");
      set_badge_class (GTK_WIDGET (label), "badge-breached");
      break;
    case PST_BADGE_OK:
    case PST_N_BADGES:
    default:
      state_word = C_("badge state", "On time");
      set_badge_class (GTK_WIDGET (label), "badge-ok");
      break;
    }

  gtk_label_set_label (label, text);

  if (state == PST_BADGE_BREACHED)
    {
      /* "overdue by 2 h" reads as "Overdue by 2 h". */
      g_autofree char *first = g_utf8_strup (text, g_utf8_next_char (text) - text);

      name = g_strconcat (first, g_utf8_next_char (text), NULL);
    }
  else
    /* Translators: A badge's accessible name: "Due soon: 3 h 20 min left". */
    name = g_strdup_printf (_("%s: %s left"), state_word, text);
  set_accessible_name (GTK_WIDGET (label), name);

  due_text = pst_format_day_time (deadline.due_us, now_us,
                                  calendar != NULL ? pst_calendar_get_time_zone (calendar) : NULL);
  /* Translators: The tooltip of a badge: "First reply due Thu 17 Jul, 15:30". */
  tooltip = g_strdup_printf (_("First reply due %s"), due_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);

  return state == PST_BADGE_BREACHED ? now_us - deadline.due_us : remaining;
}

/* The rest of the row. */

static PstCalendar *
row_calendar (PstConsultationRow *self)
{
  return pst_sync_get_calendar (pst_context_get_sync (self->context));
}

static gint64
row_now (PstConsultationRow *self)
{
  return pst_clock_get_now (pst_context_get_clock (self->context));
}

static char *
describe_assignee (PstConsultationRow    *self,
                   const PstConsultation *consultation)
{
  PstSync *sync = pst_context_get_sync (self->context);
  const PstOfficer *me = pst_sync_get_officer (sync);
  const char *name;

  if (consultation->assignee == NULL)
    return g_strdup (_("Unassigned"));

  if (me != NULL && g_strcmp0 (me->id, consultation->assignee) == 0)
    return g_strdup (_("Assigned to you"));

  name = pst_sync_get_officer_name (sync, consultation->assignee);
  if (name == NULL)
    return g_strdup (_("Assigned to another officer"));

  /* Translators: Who has a consultation: "Assigned to Rahmat Hidayat". */
  return g_strdup_printf (_("Assigned to %s"), name);
}

static const char *
requester_name (const PstConsultation *consultation)
{
  if (consultation->requester != NULL && consultation->requester->name != NULL &&
      *consultation->requester->name != '\0')
    return consultation->requester->name;

  if (consultation->requester != NULL && consultation->requester->email != NULL)
    return consultation->requester->email;

  /* Translators: A requester who left no name. */
  return _("Unnamed requester");
}

static void
update_accessible (PstConsultationRow    *self,
                   const PstConsultation *consultation,
                   const char            *assignee)
{
  const char *badge_name = g_object_get_data (G_OBJECT (self->badge_label), "pst-accessible-name");
  g_autofree char *name = NULL;

  /* Translators: A consultation row read out: subject, requester, channel,
   * who has it, the badge ("Overdue: overdue by 2 h"), and "unread" when
   * it has news.
   */
  name = g_strdup_printf (_("%s, from %s, %s, %s, %s%s"),
                          consultation->subject != NULL ? consultation->subject : "",
                          requester_name (consultation),
                          pst_format_channel (consultation->channel),
                          assignee,
                          badge_name != NULL ? badge_name : "",
                          pst_consultation_item_get_unread (self->item) ? _(", unread") : "");
  set_accessible_name (GTK_WIDGET (self), name);
}

static void
update_badge_and_name (PstConsultationRow *self)
{
  const PstConsultation *consultation = pst_consultation_item_get_consultation (self->item);
  g_autofree char *assignee = describe_assignee (self, consultation);

  pst_consultation_badge_show (GTK_LABEL (self->badge_label), row_calendar (self), consultation,
                               row_now (self));
  update_accessible (self, consultation, assignee);
}

static void
update (PstConsultationRow *self)
{
  const PstConsultation *consultation;
  g_autofree char *requester = NULL;
  g_autofree char *assignee = NULL;
  g_autofree char *time = NULL;
  const char *last_message;
  gboolean unread;
  PstCalendar *calendar;

  if (self->item == NULL)
    return;

  consultation = pst_consultation_item_get_consultation (self->item);
  calendar = row_calendar (self);
  unread = pst_consultation_item_get_unread (self->item);

  gtk_label_set_label (GTK_LABEL (self->subject_label),
                       consultation->subject != NULL && *consultation->subject != '\0'
                       /* Translators: A consultation without a subject. */
                       ? consultation->subject : _("(no subject)"));
  if (unread)
    gtk_widget_add_css_class (self->subject_label, "unread");
  else
    gtk_widget_remove_css_class (self->subject_label, "unread");
  gtk_widget_set_visible (self->unread_dot, unread);

  gtk_image_set_from_icon_name (GTK_IMAGE (self->channel_icon),
                                channel_icon_name (consultation->channel));
  gtk_widget_set_tooltip_text (self->channel_icon, pst_format_channel (consultation->channel));

  /* Translators: Under a consultation's subject: "Rina Marlina · WhatsApp". */
  requester = g_strdup_printf (_("%s · %s"), requester_name (consultation),
                               pst_format_channel (consultation->channel));
  gtk_label_set_label (GTK_LABEL (self->requester_label), requester);

  time = pst_format_day_time (consultation->last_message_at != PST_TIME_UNSET
                              ? consultation->last_message_at : consultation->created_at,
                              row_now (self),
                              calendar != NULL ? pst_calendar_get_time_zone (calendar) : NULL);
  gtk_label_set_label (GTK_LABEL (self->time_label), time);

  last_message = pst_consultation_item_get_last_message (self->item);
  gtk_label_set_label (GTK_LABEL (self->last_message_label),
                       last_message != NULL ? last_message : "");
  gtk_widget_set_visible (self->last_message_label, last_message != NULL && *last_message != '\0');

  assignee = describe_assignee (self, consultation);
  gtk_label_set_label (GTK_LABEL (self->assignee_label), assignee);
  if (consultation->assignee == NULL && consultation->status != PST_CONSULTATION_STATUS_CLOSED)
    gtk_widget_add_css_class (self->assignee_label, "unassigned");
  else
    gtk_widget_remove_css_class (self->assignee_label, "unassigned");

  gtk_widget_set_visible (self->pending_box, pst_consultation_item_get_pending (self->item));

  update_badge_and_name (self);
}

static void
item_notify_cb (PstConsultationRow *self)
{
  update (self);
}

/* Class functions. */

static void
pst_consultation_row_dispose (GObject *object)
{
  PstConsultationRow *self = (PstConsultationRow *) object;

  pst_consultation_row_set_item (self, NULL);

  G_OBJECT_CLASS (pst_consultation_row_parent_class)->dispose (object);
}

static void
pst_consultation_row_finalize (GObject *object)
{
  PstConsultationRow *self = (PstConsultationRow *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_consultation_row_parent_class)->finalize (object);
}

static void
pst_consultation_row_class_init (PstConsultationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pst_consultation_row_dispose;
  object_class->finalize = pst_consultation_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/bps/PstDesk/pst-consultation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PstConsultationRow, unread_dot);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationRow, subject_label);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationRow, badge_label);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationRow, channel_icon);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationRow, requester_label);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationRow, last_message_label);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationRow, assignee_label);
  gtk_widget_class_bind_template_child (widget_class, PstConsultationRow, pending_box);
  gtk_widget_class_set_css_name (widget_class, "consultationrow");
}

static void
pst_consultation_row_init (PstConsultationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public functions. */

GtkWidget *
pst_consultation_row_new (PstContext *context)
{
  PstConsultationRow *self;

  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);

  self = g_object_new (PST_TYPE_CONSULTATION_ROW, NULL);
  self->context = g_object_ref (context);

  return GTK_WIDGET (self);
}

PstConsultationItem *
pst_consultation_row_get_item (PstConsultationRow *self)
{
  g_return_val_if_fail (PST_IS_CONSULTATION_ROW (self), NULL);

  return self->item;
}

void
pst_consultation_row_set_item (PstConsultationRow  *self,
                               PstConsultationItem *item)
{
  g_return_if_fail (PST_IS_CONSULTATION_ROW (self));
  g_return_if_fail (item == NULL || PST_IS_CONSULTATION_ITEM (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_handler, self->item);
  g_set_object (&self->item, item);

  /* A row kept for reuse names nothing. */
  if (item == NULL)
    {
      set_accessible_name (GTK_WIDGET (self), "");
      set_accessible_name (self->badge_label, "");
    }

  if (item != NULL)
    {
      self->notify_handler = g_signal_connect_swapped (item, "notify",
                                                       G_CALLBACK (item_notify_cb), self);
      update (self);
    }
}

gint64
pst_consultation_row_update_badge (PstConsultationRow *self,
                                   gint64              now_us)
{
  gint64 span;

  g_return_val_if_fail (PST_IS_CONSULTATION_ROW (self), G_MAXINT64);

  if (self->item == NULL)
    return G_MAXINT64;

  span = pst_consultation_badge_show (GTK_LABEL (self->badge_label), row_calendar (self),
                                      pst_consultation_item_get_consultation (self->item), now_us);
  update_accessible (self, pst_consultation_item_get_consultation (self->item),
                     gtk_label_get_label (GTK_LABEL (self->assignee_label)));

  return span;
}
