/* pst-kb-chooser.c: finding a knowledge-base article to put in a reply.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kb-chooser.h"

#include "pst-i18n.h"

/* TEMPORARY: the dialog is being written; this keeps callers building. */

struct _PstKbChooser
{
  AdwWindow parent_instance;

  PstContext *context;
};

enum {
  ARTICLE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PstKbChooser, pst_kb_chooser, ADW_TYPE_WINDOW)

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

  object_class->dispose = pst_kb_chooser_dispose;

  signals[ARTICLE_CHOSEN] = g_signal_new ("article-chosen", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 3,
                                          G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
pst_kb_chooser_init (PstKbChooser *self)
{
}

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

  return self;
}
