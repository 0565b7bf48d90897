/* pst-demo-kb.c: the knowledge base of the demo data.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-demo.h"

#include "pst-kb-import.h"

#include <string.h>

/* The demo's knowledge base is the seed articles of the data folder
 * (pst_paths_get_data_dir(), so the source tree's data/ when run from a
 * build, the installed one otherwise): every kb/seed-*.json, in name
 * order, a JSON array in the POST /kb/import format. They are imported as
 * national articles through the route's own checks and statements
 * (pst-kb-import.c), upserting by external_id, so a later file may
 * correct an earlier one. Each file is imported in a savepoint of the
 * demo's transaction: a file with a bad entry (or not JSON at all, say
 * while someone is still writing it) is left out whole, with a message
 * naming the file and the entry's field path as the import route would
 * answer, and the rest of the demo is seeded; tests/server/test-kb.c
 * checks that every seed file goes in. A database failure fails the
 * seeding. No seed file is not an error: the demo then has no articles.
 */

typedef struct
{
  const char *path;
  gint64      now;
  guint       created;
  guint       updated;
} SeedFile;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The seed files of @dir, sorted; an empty array when there is none. */
static GPtrArray *
list_seed_files (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return g_steal_pointer (&names);

  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, "seed-") && g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  return g_steal_pointer (&names);
}

static gboolean
import_file_cb (PstStore  *store,
                gpointer   user_data,
                GError   **error)
{
  SeedFile *file = user_data;

  return pst_kb_import_file (store, file->path, file->now, &file->created, &file->updated,
                             error);
}

gboolean
pst_demo_seed_kb (PstStore  *store,
                  PstClock  *clock,
                  GError   **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  gint64 now;
  guint created = 0;
  guint updated = 0;

  g_return_val_if_fail (PST_IS_STORE (store), FALSE);
  g_return_val_if_fail (PST_IS_CLOCK (clock), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = g_build_filename (pst_paths_get_data_dir (), "kb", NULL);
  names = list_seed_files (dir);
  now = pst_clock_get_now (clock);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) local_error = NULL;
      SeedFile file = { path, now, 0, 0 };

      if (!pst_store_transaction (store, import_file_cb, &file, &local_error))
        {
          if (local_error->domain == PST_STORE_ERROR)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_message ("The knowledge-base seed file %s was left out: %s", path,
                     local_error->message);
          continue;
        }
      created += file.created;
      updated += file.updated;
    }

  if (names->len == 0)
    g_message ("No knowledge-base seed files in %s; the demo has no articles", dir);
  else
    g_message ("Seeded %u knowledge-base articles (%u replaced) from %s", created, updated,
               dir);

  return TRUE;
}
