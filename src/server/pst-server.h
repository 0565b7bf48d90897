/* pst-server.h: the HTTP server of PST Desk.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "pst-authz.h"
#include "pst-core.h"
#include "pst-event-hub.h"
#include "pst-rate-limit.h"
#include "pst-request.h"
#include "pst-server-config.h"

G_BEGIN_DECLS

#define PST_API_BASE "/api/v1"
#define PST_BODY_LIMIT (1024 * 1024)

#define PST_TYPE_SERVER (pst_server_get_type ())

G_DECLARE_FINAL_TYPE (PstServer, pst_server, PST, SERVER, GObject)

PstServer       *pst_server_new                (PstStore        *store,
                                                PstClock        *clock,
                                                PstServerConfig *config);
void             pst_server_add_worker         (PstServer       *self,
                                                PstStore        *store);
gboolean         pst_server_listen             (PstServer       *self,
                                                GError         **error);
guint16          pst_server_get_port           (PstServer       *self);
void             pst_server_stop               (PstServer       *self);

const char      *pst_server_get_log_tag        (PstServer       *self);
PstStore        *pst_server_get_store          (PstServer       *self);
PstClock        *pst_server_get_clock          (PstServer       *self);
PstServerConfig *pst_server_get_config         (PstServer       *self);
PstEventHub     *pst_server_get_event_hub      (PstServer       *self);
PstRateLimit    *pst_server_get_login_limit    (PstServer       *self);
PstRateLimit    *pst_server_get_login_address_limit (PstServer  *self);

PstPrincipal    *pst_server_authenticate       (PstServer       *self,
                                                const char      *token);
char            *pst_server_dup_cached_me      (PstServer       *self,
                                                const PstPrincipal *principal);
int              pst_server_get_auth_generation (PstServer      *self);
void             pst_server_cache_me           (PstServer       *self,
                                                const PstPrincipal *principal,
                                                int              generation,
                                                const char      *me_json);
PstCalendar     *pst_server_get_calendar       (PstServer       *self,
                                                const char      *office,
                                                GError         **error);
void             pst_server_forget_calendars   (PstServer       *self);

gboolean         pst_server_append_event       (PstServer       *self,
                                                const char      *type,
                                                const char      *office,
                                                JsonNode        *data,
                                                GError         **error);
void             pst_server_publish_pending    (PstServer       *self);
void             pst_server_discard_pending    (PstServer       *self);
void             pst_server_lock_writes        (PstServer       *self);
void             pst_server_unlock_writes      (PstServer       *self);

typedef enum
{
  PST_PASSWORD_CHECK_OK,
  PST_PASSWORD_CHECK_WRONG,
  PST_PASSWORD_CHECK_PENDING,
} PstPasswordCheck;

PstPasswordCheck pst_server_verify_password    (PstRequest      *request,
                                                const char      *hash,
                                                const char      *password);
char            *pst_server_hash_password      (PstRequest      *request,
                                                const char      *password,
                                                gboolean        *out_pending,
                                                GError         **error);

/* Work a handler runs off the loop, the request paused meanwhile; see
 * pst_server_defer() in pst-server.c.
 */
typedef struct _PstDeferral PstDeferral;

PstDeferral     *pst_server_defer              (PstRequest      *request);
void             pst_server_deferral_done      (PstDeferral     *deferral,
                                                gpointer         result,
                                                GDestroyNotify   result_free);
gpointer         pst_server_get_deferred_result (PstRequest     *request);

/* Defined with the routes and the seed data. */
gboolean         pst_server_create_admin       (PstStore        *store,
                                                const char      *username,
                                                const char      *password,
                                                GError         **error);
gboolean         pst_server_seed_demo          (PstStore        *store,
                                                PstClock        *clock,
                                                GError         **error);

/* The consultation job (pst-scheduler.c): one pass at @now — idle closing,
 * sla.warning / sla.breached announced once. The server runs it every
 * minute.
 */
gboolean         pst_scheduler_run             (PstServer       *server,
                                                gint64           now,
                                                guint           *out_closed,
                                                guint           *out_events,
                                                GError         **error);

G_END_DECLS
