/* pst-kiosk-result.c: one knowledge-base search result on the kiosk.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kiosk-result.h"

#include "pst-core.h"

#include <pango/pango.h>

/* An item of the public search's answer: the article's id, its plain-text
 * title, and its snippet turned from the server's escaped text with
 * `<mark>` around the matches into Pango markup (`<b>`), or into escaped
 * plain text when it is not well formed.
 */
struct _PstKioskResult
{
  GObject parent_instance;

  char *id;
  char *title;
  char *snippet;   /* Pango markup */
};

G_DEFINE_FINAL_TYPE (PstKioskResult, pst_kiosk_result, G_TYPE_OBJECT)

/* The server's snippet as Pango markup. */
static char *
snippet_to_markup (const char *snippet)
{
  g_autoptr(GString) markup = NULL;
  g_autofree char *stripped = NULL;

  if (snippet == NULL)
    return g_strdup ("");

  markup = g_string_new (snippet);
  g_string_replace (markup, "<mark>", "<b>", 0);
  g_string_replace (markup, "</mark>", "</b>", 0);
  if (pango_parse_markup (markup->str, -1, 0, NULL, &stripped, NULL, NULL))
    return g_string_free (g_steal_pointer (&markup), FALSE);

  return g_markup_escape_text (snippet, -1);
}

static void
pst_kiosk_result_finalize (GObject *object)
{
  PstKioskResult *self = (PstKioskResult *) object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->snippet);

  G_OBJECT_CLASS (pst_kiosk_result_parent_class)->finalize (object);
}

static void
pst_kiosk_result_class_init (PstKioskResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pst_kiosk_result_finalize;
}

static void
pst_kiosk_result_init (PstKioskResult *self)
{
}

/* The result of one search item, or NULL when it is not one (no id or
 * title, or members of the wrong type).
 */
PstKioskResult *
pst_kiosk_result_new_from_json (JsonObject *item)
{
  g_autoptr(PstKioskResult) self = NULL;
  g_autofree char *snippet = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (PST_TYPE_KIOSK_RESULT, NULL);
  if (!pst_json_get_string (item, "id", TRUE, &self->id, NULL) ||
      !pst_json_get_string (item, "title", TRUE, &self->title, NULL) ||
      !pst_json_get_string (item, "snippet", FALSE, &snippet, NULL))
    return NULL;
  self->snippet = snippet_to_markup (snippet);

  return g_steal_pointer (&self);
}

const char *
pst_kiosk_result_get_id (PstKioskResult *self)
{
  g_return_val_if_fail (PST_IS_KIOSK_RESULT (self), NULL);

  return self->id;
}

const char *
pst_kiosk_result_get_title (PstKioskResult *self)
{
  g_return_val_if_fail (PST_IS_KIOSK_RESULT (self), NULL);

  return self->title;
}

const char *
pst_kiosk_result_get_snippet (PstKioskResult *self)
{
  g_return_val_if_fail (PST_IS_KIOSK_RESULT (self), NULL);

  return self->snippet;
}
