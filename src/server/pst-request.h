/* pst-request.h: one API request as its handler sees it.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pst-core.h"
#include "pst-router.h"

G_BEGIN_DECLS

typedef struct _PstServer PstServer;

/* The context a route handler gets. The dispatcher fills it, checks the
 * caller against the route's access rule, and for a write opens the
 * transaction the handler works in: the handler answers with one of the
 * reply functions, and an answer below 400 commits, anything else rolls
 * back. Handlers never commit themselves.
 */
struct _PstRequest
{
  PstServer         *server;
  PstStore          *store;
  PstClock          *clock;
  SoupServerMessage *msg;
  const char        *method;
  const PstRoute    *route;
  GHashTable        *params;       /* path parameters */
  GHashTable        *query;        /* may be NULL */
  PstPrincipal      *principal;    /* NULL for an anonymous caller */
  char              *office;       /* the office a PATH or QUERY scoped route acts on */
  PstLang            lang;
  gint64             now;          /* the request's instant, from the server's clock */

  /* Set by the reply functions. */
  guint              status;
  char              *response_body;
  gboolean           upgrade;      /* GET /events: left for the WebSocket handler */

  JsonNode          *body;         /* parsed on first use */
};

const char *pst_request_bearer_token      (SoupServerMessage *msg);
const char *pst_request_get_param         (PstRequest   *self,
                                           const char   *name);
const char *pst_request_get_query         (PstRequest   *self,
                                           const char   *name);
const char *pst_request_get_header        (PstRequest   *self,
                                           const char   *name);
JsonObject *pst_request_get_body_object   (PstRequest   *self,
                                           GError      **error);
gboolean    pst_request_get_limit         (PstRequest   *self,
                                           guint        *out_limit,
                                           GError      **error);

void        pst_request_reply_json        (PstRequest   *self,
                                           guint         status,
                                           JsonNode     *node);
void        pst_request_reply_text        (PstRequest   *self,
                                           guint         status,
                                           const char   *content_type,
                                           const char   *text);
void        pst_request_reply_no_content  (PstRequest   *self);
void        pst_request_reply_error       (PstRequest   *self,
                                           guint         status,
                                           const char   *code,
                                           const char   *field,
                                           const char   *message);
void        pst_request_reply_gerror      (PstRequest   *self,
                                           const GError *error);
void        pst_request_reply_invalid     (PstRequest   *self,
                                           const char   *field,
                                           const GError *error);
void        pst_request_reply_not_found   (PstRequest   *self);

gboolean    pst_request_authorize_office  (PstRequest   *self,
                                           const char   *office);
gboolean    pst_request_authorize_named_office (PstRequest *self,
                                           const char   *office);
gboolean    pst_request_has_role          (PstRequest   *self,
                                           guint         roles);

gboolean    pst_request_append_event      (PstRequest   *self,
                                           const char   *type,
                                           const char   *office,
                                           JsonNode     *data,
                                           GError      **error);
gboolean    pst_request_audit             (PstRequest   *self,
                                           const char   *action,
                                           const char   *target_type,
                                           const char   *target_id,
                                           const char   *office,
                                           JsonNode     *detail,
                                           GError      **error);

G_END_DECLS
