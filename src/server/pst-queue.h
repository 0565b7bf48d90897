/* pst-queue.h: the walk-in queue's store operations, shared by its routes
 * (pst-route-queue.c) and the demo morning (pst-demo-queue.c).
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "pst-core.h"

G_BEGIN_DECLS

/* What the queue needs to know about an office: its zone (through a
 * calendar, for the local service day), its standard and its guest-book
 * settings.
 */
typedef struct
{
  char              *code;
  PstCalendar       *calendar;
  int                walkin_wait_min;
  int                session_max_min;    /* 0 = no limit */
  PstGuestBookStage  guest_book_stage;
  int                retention_days;
  GBytes            *id_hash_key;
} PstQueueOffice;

/* A change an officer makes to a ticket (pst_queue_apply()). */
typedef struct
{
  const char  *officer;   /* who acts; NULL for the server */
  const char  *desk;      /* call and recall: the desk (NULL keeps the ticket's) */
  PstCategory  topic;     /* finish */
  const char  *outcome;   /* finish, required */
  const char  *notes;     /* finish, may be NULL */
} PstQueueChange;

PstQueueOffice *pst_queue_office_load           (PstStore              *store,
                                                 const char            *code,
                                                 PstCalendar           *calendar,
                                                 GError               **error);
void            pst_queue_office_free           (PstQueueOffice        *office);
char           *pst_queue_office_service_date   (PstQueueOffice        *office,
                                                 gint64                 instant_us);

PstGuestBook   *pst_queue_guest_book_from_json  (JsonObject            *obj,
                                                 char                 **out_field,
                                                 GError               **error);

gboolean        pst_queue_issue                 (PstStore              *store,
                                                 PstQueueOffice        *office,
                                                 PstService             service,
                                                 const char            *officer,
                                                 gint64                 now,
                                                 char                 **out_id,
                                                 char                 **out_access_token,
                                                 GError               **error);
gboolean        pst_queue_set_guest_book        (PstStore              *store,
                                                 PstQueueOffice        *office,
                                                 const char            *ticket_id,
                                                 const PstGuestBook    *guest_book,
                                                 const char            *officer,
                                                 gint64                 now,
                                                 GError               **error);
gboolean        pst_queue_call_next             (PstStore              *store,
                                                 PstQueueOffice        *office,
                                                 const gboolean        *services,
                                                 const char            *officer,
                                                 const char            *desk,
                                                 gint64                 now,
                                                 char                 **out_id,
                                                 GError               **error);
gboolean        pst_queue_apply                 (PstStore              *store,
                                                 PstQueueOffice        *office,
                                                 const char            *ticket_id,
                                                 PstTicketAction        action,
                                                 const PstQueueChange  *change,
                                                 gint64                 now,
                                                 GError               **error);
gboolean        pst_queue_transfer              (PstStore              *store,
                                                 PstQueueOffice        *office,
                                                 const char            *ticket_id,
                                                 PstService             service,
                                                 const char            *officer,
                                                 gint64                 now,
                                                 char                 **out_new_id,
                                                 GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstQueueOffice, pst_queue_office_free)

G_END_DECLS
