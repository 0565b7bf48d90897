/* pst-kb-page.c: the knowledge base: search, read and edit articles.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kb-page.h"

#include "pst-i18n.h"

/* TEMPORARY: the page is being written; this keeps the window building. */

struct _PstKbPage
{
  AdwBin parent_instance;

  PstContext *context;
};

G_DEFINE_FINAL_TYPE (PstKbPage, pst_kb_page, ADW_TYPE_BIN)

static void
pst_kb_page_dispose (GObject *object)
{
  PstKbPage *self = (PstKbPage *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (pst_kb_page_parent_class)->dispose (object);
}

static void
pst_kb_page_class_init (PstKbPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pst_kb_page_dispose;
}

static void
pst_kb_page_init (PstKbPage *self)
{
}

GtkWidget *
pst_kb_page_new (PstContext *context)
{
  PstKbPage *self;

  g_return_val_if_fail (PST_IS_CONTEXT (context), NULL);

  self = g_object_new (PST_TYPE_KB_PAGE, NULL);
  self->context = g_object_ref (context);

  return GTK_WIDGET (self);
}
