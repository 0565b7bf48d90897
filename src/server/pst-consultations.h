/* pst-consultations.h: consultations in the store, shared by the officer
 * routes, the public routes and the scheduler (private to src/server).
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pst-core.h"
#include "pst-consultation-rules.h"
#include "pst-server.h"

G_BEGIN_DECLS

#define PST_CONSULTATION_SUBJECT_MAX_CHARS 200
#define PST_CONSULTATION_BODY_MAX_CHARS    10000

/* What the rules need of an office: its calendar and standard. */
typedef struct
{
  char        *code;
  PstCalendar *calendar;
  PstStandard *standard;
} PstConsultationOffice;

PstConsultationOffice *pst_consultation_office_load (PstServer              *server,
                                                     const char             *code,
                                                     GError                **error);
void                   pst_consultation_office_free (PstConsultationOffice  *office);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstConsultationOffice, pst_consultation_office_free)

PstConsultation *pst_consultation_load        (PstServer             *server,
                                               const char            *id,
                                               gboolean               with_messages,
                                               gint64                 now,
                                               GError               **error);
gboolean         pst_consultation_add_message (PstServer             *server,
                                               PstConsultationOffice *office,
                                               const char            *id,
                                               PstAuthor              author,
                                               const char            *officer,
                                               const char            *body,
                                               GPtrArray             *kb_article_ids,
                                               gint64                 now,
                                               char                 **out_message_id,
                                               GError               **error);
gboolean         pst_consultation_emit        (PstServer             *server,
                                               const char            *type,
                                               const char            *id,
                                               const char            *message_id,
                                               gint64                 now,
                                               GError               **error);
char            *pst_consultation_read_body   (JsonObject            *obj,
                                               const char            *member,
                                               int                    max_chars,
                                               GError               **error);

G_END_DECLS
