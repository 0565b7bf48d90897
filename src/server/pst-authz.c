/* pst-authz.c: who may call a route — decided here and nowhere else.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-authz.h"

PstPrincipal *
pst_principal_copy (const PstPrincipal *principal)
{
  PstPrincipal *copy;

  g_return_val_if_fail (principal != NULL, NULL);

  copy = g_new0 (PstPrincipal, 1);
  copy->officer_id = g_strdup (principal->officer_id);
  copy->username = g_strdup (principal->username);
  copy->role = principal->role;
  copy->office = g_strdup (principal->office);
  copy->token_hash = g_strdup (principal->token_hash);
  copy->expires_at = principal->expires_at;

  return copy;
}

void
pst_principal_free (PstPrincipal *principal)
{
  if (principal == NULL)
    return;

  g_free (principal->officer_id);
  g_free (principal->username);
  g_free (principal->office);
  g_free (principal->token_hash);
  g_free (principal);
}

/* The role half of the rule: public routes let anyone in; the others need
 * a token whose role is among the route's roles.
 */
PstAuthzResult
pst_authz_check_role (const PstPrincipal *principal,
                      const PstAccess    *access)
{
  g_return_val_if_fail (access != NULL, PST_AUTHZ_FORBIDDEN);

  if (access->roles == 0)
    return PST_AUTHZ_OK;

  if (principal == NULL)
    return PST_AUTHZ_UNAUTHORIZED;

  if ((access->roles & PST_ROLE_BIT (principal->role)) == 0)
    return PST_AUTHZ_FORBIDDEN;

  return PST_AUTHZ_OK;
}

/* The office half: an admin reaches every office; everyone else only
 * their own. An officer never sees another office's requesters.
 */
PstAuthzResult
pst_authz_check_office (const PstPrincipal *principal,
                        const char         *office)
{
  if (principal == NULL)
    return PST_AUTHZ_UNAUTHORIZED;

  if (principal->role == PST_ROLE_ADMIN)
    return PST_AUTHZ_OK;

  if (office == NULL || principal->office == NULL || strcmp (office, principal->office) != 0)
    return PST_AUTHZ_FORBIDDEN;

  return PST_AUTHZ_OK;
}

/* Live events follow the same rule as reads: an event of an office goes to
 * that office's accounts and to admins; an event of no office (national
 * holidays, national knowledge-base articles) goes to everyone. A kiosk
 * sees only its office's queue events, which carry no personal data.
 */
gboolean
pst_authz_may_see_event (const PstPrincipal *principal,
                         const char         *office,
                         const char         *type)
{
  g_return_val_if_fail (principal != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  if (principal->role == PST_ROLE_KIOSK && !g_str_has_prefix (type, "ticket."))
    return FALSE;

  if (office == NULL)
    return principal->role != PST_ROLE_KIOSK;

  return pst_authz_check_office (principal, office) == PST_AUTHZ_OK;
}
