/* pst-store-private.h: the migration lists, shared with the tests.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pst-store.h"

G_BEGIN_DECLS

/* One step of a schema: the SQL that takes a database from version
 * `version - 1` to `version`. Steps are numbered densely from 1.
 */
typedef struct
{
  guint       version;
  const char *summary;
  const char *sql;
} PstStoreMigration;

const PstStoreMigration *pst_store_migrations_get           (PstStoreSchema           schema,
                                                             guint                   *out_n_migrations);
guint32                  pst_store_schema_application_id    (PstStoreSchema           schema);

/* Applies @migrations up to @target_version; for tests that need a list
 * of their own (a step that fails, for one).
 */
gboolean                 pst_store_migrate_with             (PstStore                *self,
                                                             const PstStoreMigration *migrations,
                                                             guint                    n_migrations,
                                                             guint                    target_version,
                                                             GError                 **error);

G_END_DECLS
