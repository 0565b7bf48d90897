/* pst-kb-tokenizer.c: the "pst" FTS5 tokenizer of the knowledge base.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-kb-tokenizer.h"
#include "pst-error.h"
#include "pst-paths.h"

#include <hunspell/hunspell.h>
#include <libstemmer.h>
#include <string.h>

/* Every word of an article is split at anything that is not a letter or a
 * digit, folded (lower case, diacritics removed) and emitted as a token;
 * its roots follow as tokens colocated with it (FTS5_TOKEN_COLOCATED), so
 * *kemiskinan* is indexed as both "kemiskinan" and "miskin" and an exact
 * word still ranks above a match through its root.
 *
 * Roots come from a real morphology: Debian's hunspell-id dictionary
 * (Hunspell_stem) for a word it knows, else the Snowball English stemmer.
 * A word that is a root itself (hunspell lists it among its own stems) is
 * kept as it is: that is how *penduduk* stays apart from *duduk*, once
 * data/kb/roots-id.txt has added *penduduk* as a root with the affixes of
 * *duduk* (the dictionary only knows it as pen- + duduk). A root that is a
 * closed compound the dictionary only knows in its derived form
 * (ketenagakerjaan → "tenagakerja") is split into dictionary words too
 * ("tenaga", "kerja"). When a word's stems include such a root of its own,
 * the stems inside it are dropped (*penduduknya* → "penduduk", not
 * "duduk").
 *
 * Some derived words mean something else than the root hunspell finds:
 * *pengangguran* (unemployment) is not about *anggur* (grapes), though
 * the dictionary says so. roots-id.txt maps them to a root of their own
 * with lines `word = root…`: their forms are the word and those roots
 * only (*pengangguran*, *menganggur* → "penganggur"), so the family finds
 * itself and nothing else.
 *
 * Threads: hunspell and Snowball handles are not thread-safe, and loading
 * the dictionary takes a while, so one analyzer serves the whole process
 * behind a mutex, with a cache of analyzed words. The FTS5 tokenizer
 * instances of every connection share it. The speller, a handle of its
 * own, has its own mutex: a suggestion, slow on a large vocabulary, does
 * not hold up the searches of other threads.
 */

#define HUNSPELL_DIR      "/usr/share/hunspell"
#define MAX_HUNSPELL_WORD 48
#define MAX_CACHE         50000

typedef struct
{
  GMutex              lock;
  Hunhandle          *id;          /* stems; NULL without the dictionary */
  GMutex              speller_lock;  /* a slow suggestion does not hold up the stems */
  Hunhandle          *speller;     /* suggestions, with the index's words */
  GHashTable         *spelled;     /* words added to the speller */
  GHashTable         *own_roots;   /* roots-id.txt's roots of their own */
  GHashTable         *overrides;   /* roots-id.txt's word → char ** roots */
  struct sb_stemmer  *en;
  GHashTable         *cache;       /* folded word → char ** forms */
} Analyzer;

typedef struct
{
  Analyzer *analyzer;
} PstFts5Tokenizer;

static void
load_extra_roots (Hunhandle  *handle,
                  GHashTable *own_roots,
                  GHashTable *overrides)
{
  g_autofree char *path = g_build_filename (pst_paths_get_data_dir (), "kb", "roots-id.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_debug ("No extra Indonesian roots at %s", path);
      return;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0' || line[0] == '#')
        continue;

      if (strchr (line, '=') != NULL)
        {
          g_auto(GStrv) sides = g_strsplit (line, "=", 2);
          g_autofree char *word = g_ascii_strdown (g_strstrip (sides[0]), -1);
          g_auto(GStrv) roots = g_strsplit_set (g_strstrip (sides[1]), " \t", -1);
          g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

          for (guint r = 0; roots[r] != NULL; r++)
            if (roots[r][0] != '\0')
              g_ptr_array_add (kept, g_ascii_strdown (roots[r], -1));
          if (word[0] == '\0' || kept->len == 0)
            {
              g_debug ("Ignored the line “%s” of %s: “word = root…” needs both", line, path);
              continue;
            }
          g_ptr_array_add (kept, NULL);
          g_hash_table_insert (overrides, g_steal_pointer (&word),
                               g_ptr_array_free (g_steal_pointer (&kept), FALSE));
          continue;
        }

      fields = g_strsplit_set (line, " \t", -1);
      if (handle == NULL)
        ;
      else if (fields[1] != NULL && fields[1][0] != '\0')
        Hunspell_add_with_affix (handle, fields[0], fields[1]);
      else
        Hunspell_add (handle, fields[0]);
      g_hash_table_add (own_roots, g_ascii_strdown (fields[0], -1));
    }
}

static Hunhandle *
open_indonesian (void)
{
  const char *dir = g_getenv ("PST_HUNSPELL_DIR");
  g_autofree char *aff = NULL;
  g_autofree char *dic = NULL;

  if (dir == NULL)
    dir = HUNSPELL_DIR;
  aff = g_build_filename (dir, "id_ID.aff", NULL);
  dic = g_build_filename (dir, "id_ID.dic", NULL);
  if (!g_file_test (aff, G_FILE_TEST_EXISTS) || !g_file_test (dic, G_FILE_TEST_EXISTS))
    {
      g_debug ("No Indonesian hunspell dictionary in %s; indexing without roots", dir);
      return NULL;
    }

  return Hunspell_create (aff, dic);
}

static Analyzer *
analyzer_get (void)
{
  static gsize once = 0;
  static Analyzer analyzer;

  if (g_once_init_enter (&once))
    {
      g_mutex_init (&analyzer.lock);
      g_mutex_init (&analyzer.speller_lock);
      analyzer.own_roots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      analyzer.overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_strfreev);
      analyzer.id = open_indonesian ();
      load_extra_roots (analyzer.id, analyzer.own_roots, analyzer.overrides);
      analyzer.speller = open_indonesian ();
      analyzer.spelled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      analyzer.en = sb_stemmer_new ("english", NULL);
      analyzer.cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_strfreev);
      g_once_init_leave (&once, 1);
    }

  return &analyzer;
}

/* A word hunspell and Snowball are asked about: three to 48 ASCII
 * letters (a folded Indonesian or English word; no digits).
 */
static gboolean
is_plain_word (const char *word)
{
  gsize len = strlen (word);

  if (len < 3 || len > MAX_HUNSPELL_WORD)
    return FALSE;
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;

  return TRUE;
}

static void
add_form (GPtrArray  *forms,
          const char *form)
{
  for (guint i = 0; i < forms->len; i++)
    if (g_str_equal (g_ptr_array_index (forms, i), form))
      return;
  g_ptr_array_add (forms, g_strdup (form));
}

/* A closed compound the dictionary knows only in derived form: two words
 * of at least three letters each that are roots of their own.
 */
static void
add_compound_parts (Hunhandle  *id,
                    GPtrArray  *forms,
                    const char *stem)
{
  gsize len = strlen (stem);

  if (Hunspell_spell (id, stem))
    return;

  for (gsize cut = 3; cut + 3 <= len; cut++)
    {
      g_autofree char *head = g_strndup (stem, cut);
      const char *tail = stem + cut;

      if (Hunspell_spell (id, head) && Hunspell_spell (id, tail))
        {
          add_form (forms, head);
          add_form (forms, tail);
          return;
        }
    }
}

/* Called with the lock held. */
static char **
analyze_locked (Analyzer   *self,
                const char *word)
{
  g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func (g_free);
  char **override = g_hash_table_lookup (self->overrides, word);

  add_form (forms, word);

  if (override != NULL)
    {
      for (guint i = 0; override[i] != NULL; i++)
        add_form (forms, override[i]);
    }
  else if (is_plain_word (word))
    {
      if (self->id != NULL && Hunspell_spell (self->id, word))
        {
          char **stems = NULL;
          int n = Hunspell_stem (self->id, &stems, word);
          gboolean is_root = FALSE;

          for (int i = 0; i < n; i++)
            if (g_str_equal (stems[i], word))
              is_root = TRUE;

          if (!is_root)
            {
              const char *own_root = NULL;

              for (int i = 0; i < n && own_root == NULL; i++)
                if (g_hash_table_contains (self->own_roots, stems[i]))
                  own_root = stems[i];

              for (int i = 0; i < n; i++)
                {
                  if (own_root != NULL && stems[i] != own_root &&
                      strstr (own_root, stems[i]) != NULL)
                    continue;
                  add_form (forms, stems[i]);
                  add_compound_parts (self->id, forms, stems[i]);
                }
            }
          Hunspell_free_list (self->id, &stems, n);
        }
      else if (self->en != NULL)
        {
          const sb_symbol *stem = sb_stemmer_stem (self->en, (const sb_symbol *) word,
                                                   (int) strlen (word));

          if (stem != NULL)
            {
              g_autofree char *copy = g_strndup ((const char *) stem,
                                                 (gsize) sb_stemmer_length (self->en));
              add_form (forms, copy);
            }
        }
    }

  g_ptr_array_add (forms, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&forms), FALSE);
}

/* The cached forms of @word, analyzed first if need be; valid while the
 * lock is held.
 */
static char **
analyze_cached_locked (Analyzer   *self,
                       const char *word)
{
  char **cached = g_hash_table_lookup (self->cache, word);

  if (cached == NULL)
    {
      if (g_hash_table_size (self->cache) >= MAX_CACHE)
        g_hash_table_remove_all (self->cache);
      cached = analyze_locked (self, word);
      g_hash_table_insert (self->cache, g_strdup (word), cached);
    }

  return cached;
}

char **
pst_kb_tokenizer_analyze_word (const char *word)
{
  Analyzer *self = analyzer_get ();
  char **forms;

  g_return_val_if_fail (word != NULL, NULL);

  g_mutex_lock (&self->lock);
  forms = g_strdupv (analyze_cached_locked (self, word));
  g_mutex_unlock (&self->lock);

  return forms;
}

char **
pst_kb_tokenizer_suggest (const char  *word,
                          char       **known)
{
  Analyzer *self = analyzer_get ();
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (word != NULL, NULL);

  g_mutex_lock (&self->speller_lock);
  for (guint i = 0; self->speller != NULL && known != NULL && known[i] != NULL; i++)
    {
      if (!is_plain_word (known[i]) || g_hash_table_contains (self->spelled, known[i]))
        continue;
      Hunspell_add (self->speller, known[i]);
      g_hash_table_add (self->spelled, g_strdup (known[i]));
    }

  if (self->speller != NULL && is_plain_word (word))
    {
      char **list = NULL;
      int n;

      n = Hunspell_suggest (self->speller, &list, word);
      for (int i = 0; i < n; i++)
        {
          g_autofree char *folded = g_ascii_strdown (list[i], -1);

          /* Suggestions of two words ("kemiskinan" → "ke miskinan") or
           * with a hyphen are not kept: one word replaces one word.
           */
          if (is_plain_word (folded))
            add_form (out, folded);
        }
      Hunspell_free_list (self->speller, &list, n);
    }
  g_mutex_unlock (&self->speller_lock);

  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/* Lower case without diacritics: "Ékonomi" → "ekonomi". Most words of
 * the articles are plain ASCII: they skip the normalisation.
 */
static char *
fold_word (const char *word,
           gssize      len)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;
  gboolean ascii = TRUE;

  for (gssize i = 0; i < len && ascii; i++)
    ascii = (guchar) word[i] < 0x80;
  if (ascii)
    return g_ascii_strdown (word, len);

  decomposed = g_utf8_normalize (word, len, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return NULL;

  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }

  return g_utf8_strdown (bare->str, -1);
}

typedef gboolean (*WordFunc) (const char *folded,
                              int         start,
                              int         end,
                              gpointer    user_data);

/* Calls @func for each word of @text (@len bytes, maybe invalid UTF-8)
 * with its byte offsets; stops when it returns FALSE.
 */
static gboolean
foreach_word (const char *text,
              int         len,
              WordFunc    func,
              gpointer    user_data)
{
  int i = 0;
  int start = -1;

  while (i <= len)
    {
      gunichar c = 0;
      int step = 1;
      gboolean in_word = FALSE;

      if (i < len)
        {
          c = g_utf8_get_char_validated (text + i, len - i);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            c = 0;
          else
            step = (int) (g_utf8_next_char (text + i) - (text + i));
          in_word = c != 0 && (g_unichar_isalnum (c) || (start >= 0 && g_unichar_ismark (c)));
        }

      if (in_word && start < 0)
        start = i;
      else if (!in_word && start >= 0)
        {
          g_autofree char *folded = fold_word (text + start, i - start);

          if (folded != NULL && folded[0] != '\0' && !func (folded, start, i, user_data))
            return FALSE;
          start = -1;
        }

      i += step;
    }

  return TRUE;
}

static gboolean
collect_word_cb (const char *folded,
                 int         start,
                 int         end,
                 gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (folded));
  return TRUE;
}

char **
pst_kb_tokenizer_split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new ();

  g_return_val_if_fail (text != NULL, NULL);

  foreach_word (text, (int) strlen (text), collect_word_cb, words);
  g_ptr_array_add (words, NULL);
  return (char **) g_ptr_array_free (words, FALSE);
}

/* FTS5 glue. */

typedef struct
{
  void *ctx;
  int (*token) (void *, int, const char *, int, int, int);
  int rc;
  gboolean roots;
} TokenizeData;

/* Emits the word and, for the index and queries, its roots as colocated
 * tokens. The forms are emitted from the analyzer's cache with its lock
 * held (FTS5's callback only copies them), not copied out for each word.
 */
static gboolean
emit_word_cb (const char *folded,
              int         start,
              int         end,
              gpointer    user_data)
{
  TokenizeData *data = user_data;
  Analyzer *self;
  char **forms;

  if (!data->roots)
    {
      data->rc = data->token (data->ctx, 0, folded, (int) strlen (folded), start, end);
      return data->rc == SQLITE_OK;
    }

  self = analyzer_get ();
  g_mutex_lock (&self->lock);
  forms = analyze_cached_locked (self, folded);
  for (guint i = 0; forms[i] != NULL; i++)
    {
      data->rc = data->token (data->ctx, i == 0 ? 0 : FTS5_TOKEN_COLOCATED,
                              forms[i], (int) strlen (forms[i]), start, end);
      if (data->rc != SQLITE_OK)
        break;
    }
  g_mutex_unlock (&self->lock);

  return data->rc == SQLITE_OK;
}

static int
pst_fts5_create (void          *user_data,
                 const char   **args,
                 int            n_args,
                 Fts5Tokenizer **out)
{
  PstFts5Tokenizer *self = g_new0 (PstFts5Tokenizer, 1);

  self->analyzer = analyzer_get ();
  *out = (Fts5Tokenizer *) self;
  return SQLITE_OK;
}

static void
pst_fts5_delete (Fts5Tokenizer *tokenizer)
{
  g_free (tokenizer);
}

static int
pst_fts5_tokenize (Fts5Tokenizer *tokenizer,
                   void          *ctx,
                   int            flags,
                   const char    *text,
                   int            len,
                   int          (*token) (void *, int, const char *, int, int, int))
{
  TokenizeData data = { ctx, token, SQLITE_OK, TRUE };

  /* Queries get the same forms, colocated, which FTS5 matches as
   * alternatives: a query word finds its root in any article. snippet()
   * and highlight() (FTS5_TOKENIZE_AUX) only count the tokens that are
   * not colocated, for their positions and offsets: they get the words
   * alone, which spares the analysis of every word of every body shown.
   */
  if (flags & FTS5_TOKENIZE_AUX)
    data.roots = FALSE;
  foreach_word (text, len, emit_word_cb, &data);
  return data.rc;
}

/* Registers the "pst" tokenizer on @db; every connection that opens a
 * table made with `tokenize = 'pst'` needs it first.
 */
gboolean
pst_kb_tokenizer_register (sqlite3  *db,
                           GError  **error)
{
  static fts5_tokenizer tokenizer = {
    pst_fts5_create,
    pst_fts5_delete,
    pst_fts5_tokenize,
  };
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rc = sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK || api == NULL)
    {
      g_set_error (error, PST_ERROR, PST_ERROR_FAILED,
                   "sqlite has no FTS5: %s", sqlite3_errmsg (db));
      return FALSE;
    }

  rc = api->xCreateTokenizer (api, "pst", NULL, &tokenizer, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PST_ERROR, PST_ERROR_FAILED,
                   "Could not register the knowledge-base tokenizer: %s", sqlite3_errstr (rc));
      return FALSE;
    }

  return TRUE;
}
