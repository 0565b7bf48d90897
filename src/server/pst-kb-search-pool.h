/* pst-kb-search-pool.h: knowledge-base searches off the server's loops.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pst-core.h"
#include "pst-kb-search.h"

G_BEGIN_DECLS

typedef struct _PstKbSearchJob PstKbSearchJob;

/* Called on the pool's thread when @job is done. */
typedef void (*PstKbSearchJobDone) (PstKbSearchJob *job,
                                    gpointer        user_data);

/* One search: what pst_kb_search() is given, then its outcome. */
struct _PstKbSearchJob
{
  char               *path;         /* the database file */
  char               *query;
  PstLang             lang;         /* of the articles first */
  PstLang             message_lang; /* of an error message */
  char               *office;
  guint               limit;
  const char         *mark_open;    /* static strings */
  const char         *mark_close;

  PstKbSearchResult  *result;       /* NULL with @error set */
  GError             *error;

  PstKbSearchJobDone  done;
  gpointer            user_data;
};

PstKbSearchJob *pst_kb_search_job_new      (const char         *path,
                                            const char         *query,
                                            PstLang             lang,
                                            PstLang             message_lang,
                                            const char         *office,
                                            guint               limit,
                                            const char         *mark_open,
                                            const char         *mark_close);
void            pst_kb_search_job_free     (PstKbSearchJob     *job);

void            pst_kb_search_pool_run     (PstKbSearchJob     *job,
                                            PstKbSearchJobDone  done,
                                            gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstKbSearchJob, pst_kb_search_job_free)

G_END_DECLS
