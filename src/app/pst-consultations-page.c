/* pst-consultations-page.c: the online consultation threads and their conversations.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-consultations-page.h"

#include "pst-i18n.h"

/* TEMPORARY: the page is being written; this keeps the window building. */

struct _PstConsultationsPage
{
  AdwBin parent_instance;

  PstContext *context;
};

G_DEFINE_FINAL_TYPE (PstConsultationsPage, pst_consultations_page, ADW_TYPE_BIN)

static void
pst_consultations_page_dispose (GObject *object)
{
  PstConsultationsPage *self = (PstConsultationsPage *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_consultations_page_parent_class)->dispose (object);
}

static void
pst_consultations_page_class_init (PstConsultationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pst_consultations_page_dispose;
}

static void
pst_consultations_page_init (PstConsultationsPage *self)
{
}

GtkWidget *
pst_consultations_page_new (PstContext *context)
{
  PstConsultationsPage *self;

  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);

  self = g_object_new (PST_TYPE_CONSULTATIONS_PAGE, NULL);
  self->context = g_object_ref (context);

  return GTK_WIDGET (self);
}
