/* pst-authz.h: who may call a route — decided here and nowhere else.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pst-enums.h"

G_BEGIN_DECLS

/* The caller of a request, from its bearer token. */
typedef struct
{
  char   *officer_id;
  char   *username;
  PstRole role;
  char   *office;      /* NULL for an admin, who works across offices */
  char   *token_hash;
  gint64  expires_at;
} PstPrincipal;

PstPrincipal *pst_principal_copy (const PstPrincipal *principal);
void          pst_principal_free (PstPrincipal       *principal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PstPrincipal, pst_principal_free)

#define PST_ROLE_BIT(role) (1u << (role))
#define PST_ROLES_ANY_TOKEN (PST_ROLE_BIT (PST_ROLE_OFFICER) | PST_ROLE_BIT (PST_ROLE_SUPERVISOR) | \
                             PST_ROLE_BIT (PST_ROLE_ADMIN) | PST_ROLE_BIT (PST_ROLE_KIOSK))
#define PST_ROLES_STAFF (PST_ROLE_BIT (PST_ROLE_OFFICER) | PST_ROLE_BIT (PST_ROLE_SUPERVISOR) | \
                         PST_ROLE_BIT (PST_ROLE_ADMIN))
#define PST_ROLES_SUPERVISOR (PST_ROLE_BIT (PST_ROLE_SUPERVISOR) | PST_ROLE_BIT (PST_ROLE_ADMIN))
#define PST_ROLES_ADMIN (PST_ROLE_BIT (PST_ROLE_ADMIN))

/* Which office a route acts on, so the caller's office can be checked:
 * none (not office data), a path parameter, a query parameter (defaulting
 * to the caller's own office), or the resource the handler loads (the
 * handler then calls pst_request_authorize_office() before it answers).
 */
typedef enum
{
  PST_OFFICE_SCOPE_NONE,
  PST_OFFICE_SCOPE_PATH,
  PST_OFFICE_SCOPE_QUERY,
  PST_OFFICE_SCOPE_RESOURCE,
} PstOfficeScope;

/* A route's access rule. `roles` 0 means public: no token needed. */
typedef struct
{
  guint           roles;
  PstOfficeScope  scope;
  const char     *office_param;
} PstAccess;

#define PST_ACCESS_PUBLIC            { 0, PST_OFFICE_SCOPE_NONE, NULL }
#define PST_ACCESS(roles_, scope_, param_) { (roles_), PST_OFFICE_SCOPE_##scope_, (param_) }

typedef enum
{
  PST_AUTHZ_OK,
  PST_AUTHZ_UNAUTHORIZED,  /* no valid token: 401 */
  PST_AUTHZ_FORBIDDEN,     /* a token, but not for this: 403 */
} PstAuthzResult;

PstAuthzResult pst_authz_check_role   (const PstPrincipal *principal,
                                       const PstAccess    *access);
PstAuthzResult pst_authz_check_office (const PstPrincipal *principal,
                                       const char         *office);

G_END_DECLS

G_BEGIN_DECLS

gboolean pst_authz_may_see_event (const PstPrincipal *principal,
                                  const char         *office,
                                  const char         *type);

G_END_DECLS
