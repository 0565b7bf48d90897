/* pst-json.c: the JSON form of the domain types, and reading helpers.
 *
 * Copyright 2026 The PST Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pst-json.h"

#include "pst-error.h"
#include "pst-i18n.h"
#include "pst-time.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The extra data of a PST_JSON_ERROR: the path of the offending field. */
typedef struct
{
  char *field;
} PstJsonErrorPrivate;

/* Reads the members of a nested object into @target. */
typedef gboolean (*ReadFunc) (JsonObject *obj,
                              gpointer    target,
                              GError    **error);

/* Where a strict syntax check of a JSON text is. */
typedef struct
{
  const char *data;
  gsize       len;
  gsize       pos;
} Scanner;

/* Longest piece of a refused value quoted back in a message, in bytes. */
#define MAX_QUOTED_VALUE 64

static void
pst_json_error_private_init (PstJsonErrorPrivate *priv)
{
  g_assert (priv != NULL);
  priv->field = NULL;
}

static void
pst_json_error_private_copy (const PstJsonErrorPrivate *src_priv,
                             PstJsonErrorPrivate       *dest_priv)
{
  g_assert (src_priv != NULL && dest_priv != NULL);
  dest_priv->field = g_strdup (src_priv->field);
}

static void
pst_json_error_private_clear (PstJsonErrorPrivate *priv)
{
  g_assert (priv != NULL);
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (PstJsonError, pst_json_error)

/* The private data of an error known to be of PST_JSON_ERROR. */
static PstJsonErrorPrivate *
get_private (const GError *error)
{
  PstJsonErrorPrivate *priv = pst_json_error_get_private (error);

  g_assert (priv != NULL);
  return priv;
}

/* Private helpers: errors. */

G_GNUC_PRINTF (4, 5)
static void
set_error (GError       **error,
           PstJsonError   code,
           const char    *field,
           const char    *format,
           ...)
{
  GError *local;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  local = g_error_new_valist (PST_JSON_ERROR, code, format, args);
  va_end (args);

  get_private (local)->field = g_strdup (field);
  g_propagate_error (error, local);
}

/* Prefixes the field of @local with @prefix and moves it into @error. */
static void
propagate_prefixed (GError    **error,
                    GError     *local,
                    const char *prefix)
{
  pst_json_error_prefix_field (local, prefix);
  g_propagate_error (error, local);
}

/* A user's value shortened for quoting in a message. */
static char *
quote_value (const char *value)
{
  g_autofree char *start = NULL;
  const char *end;

  if (strlen (value) <= MAX_QUOTED_VALUE)
    return g_strdup (value);

  /* Cuts before the character that crosses the limit. */
  end = g_utf8_find_prev_char (value, value + MAX_QUOTED_VALUE + 1);
  start = g_strndup (value, end - value);
  return g_strconcat (start, "…", NULL);
}

static void
set_required_error (GError    **error,
                    const char *field)
{
  /* Translators: %s is the name of a field of the data, like “email”. */
  set_error (error, PST_JSON_ERROR_INVALID_FIELD, field, _("“%s” is required"), field);
}

static void
set_type_error (GError     **error,
                const char  *field,
                JsonNodeType expected)
{
  switch (expected)
    {
    case JSON_NODE_OBJECT:
      /* Translators: %s is the name of a field of the data, like “email”. */
      set_error (error, PST_JSON_ERROR_INVALID_FIELD, field, _("“%s” must be an object"), field);
      break;

    case JSON_NODE_ARRAY:
      /* Translators: %s is the name of a field of the data, like “tags”. */
      set_error (error, PST_JSON_ERROR_INVALID_FIELD, field, _("“%s” must be an array"), field);
      break;

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      g_assert_not_reached ();
    }
}

/* Private helpers: strict syntax check. json-glib 1.6 accepts comments,
 * single quotes and trailing data, silently wraps integers that overflow,
 * cuts strings at \u0000, and recurses without limit (a long run of `[`
 * crashes it), so every text passes this check first.
 */

static int
scanner_peek (Scanner *s)
{
  return s->pos < s->len ? (guchar) s->data[s->pos] : -1;
}

static gboolean
is_digit (int c)
{
  return c >= '0' && c <= '9';
}

static void
scanner_skip_space (Scanner *s)
{
  int c;

  while ((c = scanner_peek (s)) == ' ' || c == '\t' || c == '\n' || c == '\r')
    s->pos++;
}

static gboolean
scanner_hex4 (Scanner *s,
              guint   *out)
{
  guint value = 0;

  if (s->len - s->pos < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (s->data[s->pos + i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (guint) digit;
    }

  s->pos += 4;
  *out = value;
  return TRUE;
}

/* Scans a \u escape (after the `u`), refusing U+0000 and lone surrogates. */
static gboolean
scanner_unicode_escape (Scanner *s)
{
  guint unit;
  guint low;

  if (!scanner_hex4 (s, &unit) || unit == 0 || (unit >= 0xdc00 && unit <= 0xdfff))
    return FALSE;

  if (unit < 0xd800 || unit > 0xdbff)
    return TRUE;

  if (s->len - s->pos < 2 || s->data[s->pos] != '\\' || s->data[s->pos + 1] != 'u')
    return FALSE;

  s->pos += 2;
  return scanner_hex4 (s, &low) && low >= 0xdc00 && low <= 0xdfff;
}

static gboolean
scanner_string (Scanner *s)
{
  if (scanner_peek (s) != '"')
    return FALSE;

  s->pos++;
  while (s->pos < s->len)
    {
      guchar c = (guchar) s->data[s->pos++];

      if (c == '"')
        return TRUE;
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        continue;

      if (s->pos >= s->len)
        return FALSE;

      c = (guchar) s->data[s->pos++];
      if (c == 'u')
        {
          if (!scanner_unicode_escape (s))
            return FALSE;
        }
      else if (c == '\0' || strchr ("\"\\/bfnrt", c) == NULL)
        {
          return FALSE;
        }
    }

  return FALSE;
}

static gboolean
scanner_number (Scanner *s)
{
  gsize start = s->pos;
  gboolean integer = TRUE;

  if (scanner_peek (s) == '-')
    s->pos++;

  if (scanner_peek (s) == '0')
    s->pos++;
  else if (is_digit (scanner_peek (s)))
    while (is_digit (scanner_peek (s)))
      s->pos++;
  else
    return FALSE;

  if (scanner_peek (s) == '.')
    {
      integer = FALSE;
      s->pos++;
      if (!is_digit (scanner_peek (s)))
        return FALSE;
      while (is_digit (scanner_peek (s)))
        s->pos++;
    }

  if (scanner_peek (s) == 'e' || scanner_peek (s) == 'E')
    {
      integer = FALSE;
      s->pos++;
      if (scanner_peek (s) == '+' || scanner_peek (s) == '-')
        s->pos++;
      if (!is_digit (scanner_peek (s)))
        return FALSE;
      while (is_digit (scanner_peek (s)))
        s->pos++;
    }

  if (integer)
    {
      char buffer[24];
      gsize n = s->pos - start;

      if (n >= sizeof buffer)
        return FALSE;

      memcpy (buffer, s->data + start, n);
      buffer[n] = '\0';
      errno = 0;
      g_ascii_strtoll (buffer, NULL, 10);
      if (errno == ERANGE)
        return FALSE;
    }

  return TRUE;
}

static gboolean
scanner_literal (Scanner    *s,
                 const char *word)
{
  gsize n = strlen (word);

  if (s->len - s->pos < n || memcmp (s->data + s->pos, word, n) != 0)
    return FALSE;

  s->pos += n;
  return TRUE;
}

static gboolean
scanner_scalar (Scanner *s)
{
  switch (scanner_peek (s))
    {
    case '"':
      return scanner_string (s);
    case 't':
      return scanner_literal (s, "true");
    case 'f':
      return scanner_literal (s, "false");
    case 'n':
      return scanner_literal (s, "null");
    default:
      return scanner_number (s);
    }
}

/* Scans `"name" :` before a member's value. */
static gboolean
scanner_member_name (Scanner *s)
{
  if (!scanner_string (s))
    return FALSE;

  scanner_skip_space (s);
  if (scanner_peek (s) != ':')
    return FALSE;

  s->pos++;
  scanner_skip_space (s);
  return TRUE;
}

/* After a value: closes finished containers and moves past a comma.
 * Returns FALSE on a syntax error; sets *@done when the top-level value
 * is complete.
 */
static gboolean
scanner_after_value (Scanner  *s,
                     char     *stack,
                     int      *depth,
                     gboolean *done)
{
  for (;;)
    {
      char closer;

      scanner_skip_space (s);
      if (*depth == 0)
        {
          *done = TRUE;
          return s->pos == s->len;
        }

      closer = stack[*depth - 1] == '{' ? '}' : ']';
      if (scanner_peek (s) == closer)
        {
          s->pos++;
          (*depth)--;
          continue;
        }

      if (scanner_peek (s) != ',')
        return FALSE;

      s->pos++;
      scanner_skip_space (s);
      if (stack[*depth - 1] == '{')
        return scanner_member_name (s);
      return TRUE;
    }
}

static gboolean
check_syntax (const char *data,
              gsize       len,
              GError    **error)
{
  Scanner s = { data, len, 0 };
  char stack[PST_JSON_MAX_DEPTH];
  int depth = 0;
  gboolean done = FALSE;

  if (!g_utf8_validate_len (data, len, NULL))
    {
      set_error (error, PST_JSON_ERROR_INVALID_JSON, NULL,
                 _("The data is not UTF-8 text; send JSON encoded in UTF-8"));
      return FALSE;
    }

  scanner_skip_space (&s);
  if (s.pos == s.len)
    {
      set_error (error, PST_JSON_ERROR_INVALID_JSON, NULL,
                 _("The data is empty; send a JSON object"));
      return FALSE;
    }

  while (!done)
    {
      int c = scanner_peek (&s);
      gboolean ok;

      if (c == '{' || c == '[')
        {
          char closer = c == '{' ? '}' : ']';

          if (depth == PST_JSON_MAX_DEPTH)
            {
              set_error (error, PST_JSON_ERROR_INVALID_JSON, NULL,
                         /* Translators: %d is a number of levels, like 64. */
                         _("The data is nested more than %d levels deep"),
                         PST_JSON_MAX_DEPTH);
              return FALSE;
            }

          stack[depth++] = (char) c;
          s.pos++;
          scanner_skip_space (&s);

          if (scanner_peek (&s) == closer)
            {
              s.pos++;
              depth--;
              ok = scanner_after_value (&s, stack, &depth, &done);
            }
          else
            {
              ok = c == '[' || scanner_member_name (&s);
            }
        }
      else
        {
          ok = scanner_scalar (&s) && scanner_after_value (&s, stack, &depth, &done);
        }

      if (!ok)
        {
          set_error (error, PST_JSON_ERROR_INVALID_JSON, NULL,
                     /* Translators: %u is a position in the data, counted in bytes from 0. */
                     _("The data is not valid JSON (error near byte %u); check its syntax"),
                     (guint) MIN (s.pos, G_MAXUINT));
          return FALSE;
        }
    }

  return TRUE;
}

/* Private helpers: reading. */

/* The object of a node given to a `_from_json()`. */
static JsonObject *
object_of (JsonNode  *node,
           GError   **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_error (error, PST_JSON_ERROR_INVALID_JSON, NULL,
                 _("The data must be a JSON object"));
      return NULL;
    }

  return json_node_get_object (node);
}

/* Finds @member; *@out_node is NULL when it is absent or null. */
static gboolean
lookup_member (JsonObject  *obj,
               const char  *member,
               gboolean     required,
               JsonNode   **out_node,
               GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out_node = NULL;
      if (required)
        {
          set_required_error (error, member);
          return FALSE;
        }
      return TRUE;
    }

  *out_node = node;
  return TRUE;
}

/* lookup_member() for a member that must be an object or an array (@type)
 * when present.
 */
static gboolean
lookup_typed_member (JsonObject    *obj,
                     const char    *member,
                     gboolean       required,
                     JsonNodeType   type,
                     JsonNode     **out_node,
                     GError       **error)
{
  if (!lookup_member (obj, member, required, out_node, error))
    return FALSE;

  if (*out_node != NULL && json_node_get_node_type (*out_node) != type)
    {
      set_type_error (error, member, type);
      return FALSE;
    }

  return TRUE;
}

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
read_string (JsonNode    *node,
             const char  *field,
             const char **out,
             GError     **error)
{
  if (!node_holds (node, G_TYPE_STRING))
    {
      /* Translators: %s is the name of a field of the data, like “email”. */
      set_error (error, PST_JSON_ERROR_INVALID_FIELD, field, _("“%s” must be a string"), field);
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_int64 (JsonNode   *node,
            const char *field,
            gint64     *out,
            GError    **error)
{
  if (!node_holds (node, G_TYPE_INT64))
    {
      /* Translators: %s is the name of a field of the data, like “views”. */
      set_error (error, PST_JSON_ERROR_INVALID_FIELD, field, _("“%s” must be a whole number"), field);
      return FALSE;
    }

  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_int_range (JsonNode   *node,
                const char *field,
                int         min,
                int         max,
                int        *out,
                GError    **error)
{
  gint64 value;

  if (!read_int64 (node, field, &value, error))
    return FALSE;

  if (value < min || value > max)
    {
      set_error (error, PST_JSON_ERROR_INVALID_FIELD, field,
                 /* Translators: %s is the name of a field, the numbers its limits. */
                 _("“%s” must be between %d and %d"), field, min, max);
      return FALSE;
    }

  *out = (int) value;
  return TRUE;
}

/* Reads "HH:MM" (00:00 to 24:00) as minutes after midnight. */
static gboolean
get_minute_of_day (JsonObject *obj,
                   const char *member,
                   int        *out,
                   GError    **error)
{
  JsonNode *node;
  const char *str;
  int hours;
  int minutes;

  if (!lookup_member (obj, member, TRUE, &node, error) ||
      !read_string (node, member, &str, error))
    return FALSE;

  if (strlen (str) != 5 || !is_digit (str[0]) || !is_digit (str[1]) || str[2] != ':' ||
      !is_digit (str[3]) || !is_digit (str[4]))
    goto invalid;

  hours = (str[0] - '0') * 10 + (str[1] - '0');
  minutes = (str[3] - '0') * 10 + (str[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
    goto invalid;

  *out = hours * 60 + minutes;
  return TRUE;

invalid:
  /* Translators: %s is the name of a field, like “open”. Keep 08:00 as is. */
  set_error (error, PST_JSON_ERROR_INVALID_FIELD, member, _("“%s” must be a time like 08:00"), member);
  return FALSE;
}

/* Reads a nested object with @read, naming errors inside it
 * "member.field".
 */
static gboolean
read_nested (JsonObject *obj,
             const char *member,
             gboolean    required,
             ReadFunc    read,
             gpointer    target,
             GError    **error)
{
  JsonObject *nested = NULL;
  GError *local = NULL;

  if (!pst_json_get_object (obj, member, required, &nested, error))
    return FALSE;

  if (nested == NULL)
    return TRUE;

  if (!read (nested, target, &local))
    {
      propagate_prefixed (error, local, member);
      return FALSE;
    }

  return TRUE;
}

/* Decodes the object element @node of an array whose path is @path. */
static gpointer
decode_element (JsonNode          *node,
                const char        *path,
                guint              index,
                PstJsonDecodeFunc  decode,
                GError           **error)
{
  g_autofree char *field = g_strdup_printf ("%s[%u]", path, index);
  GError *local = NULL;
  gpointer value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_type_error (error, field, JSON_NODE_OBJECT);
      return NULL;
    }

  value = decode (node, &local);
  if (value == NULL)
    propagate_prefixed (error, local, field);

  return value;
}

static GPtrArray *
decode_array (JsonArray         *array,
              const char        *path,
              PstJsonDecodeFunc  decode,
              GDestroyNotify     free_func,
              GError           **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (free_func);
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      gpointer value = decode_element (json_array_get_element (array, i), path, i, decode, error);

      if (value == NULL)
        return NULL;
      g_ptr_array_add (items, value);
    }

  return g_steal_pointer (&items);
}

/* Reads the object member @member with @decode into *@out, replacing what
 * was there with @free_func.
 */
static gboolean
decode_member (JsonObject         *obj,
               const char         *member,
               gboolean            required,
               PstJsonDecodeFunc   decode,
               GDestroyNotify      free_func,
               gpointer           *out,
               GError            **error)
{
  JsonNode *node;
  GError *local = NULL;
  gpointer value;

  if (!lookup_typed_member (obj, member, required, JSON_NODE_OBJECT, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  value = decode (node, &local);
  if (value == NULL)
    {
      propagate_prefixed (error, local, member);
      return FALSE;
    }

  if (*out != NULL)
    free_func (*out);
  *out = value;
  return TRUE;
}

/* Reads the array member @member of objects into *@out, replacing it. */
static gboolean
decode_array_member (JsonObject         *obj,
                     const char         *member,
                     gboolean            required,
                     PstJsonDecodeFunc   decode,
                     GDestroyNotify      free_func,
                     GPtrArray         **out,
                     GError            **error)
{
  JsonArray *array = NULL;
  GPtrArray *items;

  if (!pst_json_get_array (obj, member, required, &array, error))
    return FALSE;

  if (array == NULL)
    return TRUE;

  items = decode_array (array, member, decode, free_func, error);
  if (items == NULL)
    return FALSE;

  g_clear_pointer (out, g_ptr_array_unref);
  *out = items;
  return TRUE;
}

/* Reads an optional enumeration that may be null, setting *@out_has. */
static gboolean
get_nullable_enum (JsonObject            *obj,
                   const char            *member,
                   PstJsonEnumFromString  from_string,
                   gboolean              *out_has,
                   int                   *out,
                   GError               **error)
{
  *out_has = pst_json_has_member (obj, member);
  if (!*out_has)
    return TRUE;

  return pst_json_get_enum (obj, member, TRUE, from_string, out, error);
}

#define ENUM_FROM_STRING(prefix) PST_JSON_ENUM_FROM_STRING (prefix)

/* Enumeration fields are read through an int pointer. */
G_STATIC_ASSERT (sizeof (PstTicketStatus) == sizeof (int));

/* Private helpers: writing. */

static JsonNode *
node_take_object (JsonObject *obj)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, obj);
  return node;
}

static void
set_string (JsonObject *obj,
            const char *member,
            const char *value)
{
  if (value == NULL)
    json_object_set_null_member (obj, member);
  else
    json_object_set_string_member (obj, member, value);
}

static void
set_instant (JsonObject *obj,
             const char *member,
             gint64      value)
{
  g_autofree char *str = NULL;

  if (value != PST_TIME_UNSET)
    str = pst_time_format_rfc3339 (value, NULL);

  set_string (obj, member, str);
}

/* Writes 0 as null (a target the office does not have). */
static void
set_int_or_null (JsonObject *obj,
                 const char *member,
                 int         value)
{
  if (value == 0)
    json_object_set_null_member (obj, member);
  else
    json_object_set_int_member (obj, member, value);
}

static void
set_minute_of_day (JsonObject *obj,
                   const char *member,
                   int         minutes)
{
  g_autofree char *str = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);

  json_object_set_string_member (obj, member, str);
}

static void
set_string_array (JsonObject *obj,
                  const char *member,
                  GPtrArray  *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));

  json_object_set_array_member (obj, member, array);
}

static void
set_value (JsonObject        *obj,
           const char        *member,
           gconstpointer      value,
           PstJsonEncodeFunc  encode)
{
  if (value == NULL)
    json_object_set_null_member (obj, member);
  else
    json_object_set_member (obj, member, encode (value));
}

static void
set_value_array (JsonObject        *obj,
                 const char        *member,
                 GPtrArray         *values,
                 PstJsonEncodeFunc  encode)
{
  json_object_set_member (obj, member, pst_json_array_encode (values, encode));
}

/* The error domain. */

const char *
pst_json_error_get_field (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (error->domain == PST_JSON_ERROR, NULL);

  return get_private (error)->field;
}

/* Puts @prefix (a member name, or an element such as "items[2]") in front
 * of the error's field path, so "email" becomes "guest_book.email", and
 * the message names the new path. Errors of other domains are left alone.
 */
void
pst_json_error_prefix_field (GError     *error,
                             const char *prefix)
{
  PstJsonErrorPrivate *priv;
  char *field;

  g_return_if_fail (error != NULL);
  g_return_if_fail (prefix != NULL);

  if (error->domain != PST_JSON_ERROR)
    return;

  priv = get_private (error);
  if (priv->field == NULL || *priv->field == '\0')
    field = g_strdup (prefix);
  else if (priv->field[0] == '[')
    field = g_strconcat (prefix, priv->field, NULL);
  else
    field = g_strconcat (prefix, ".", priv->field, NULL);

  if (priv->field != NULL)
    {
      g_autofree char *old_quoted = g_strconcat ("“", priv->field, "”", NULL);
      const char *at = strstr (error->message, old_quoted);

      if (at != NULL)
        {
          char *message = g_strdup_printf ("%.*s“%s”%s",
                                           (int) (at - error->message), error->message,
                                           field, at + strlen (old_quoted));
          g_free (error->message);
          error->message = message;
        }
    }

  g_free (priv->field);
  priv->field = field;
}

/* Text. */

JsonNode *
pst_json_parse (const char *data,
                gssize      len,
                GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  gsize length;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  length = len < 0 ? strlen (data) : (gsize) len;
  if (!check_syntax (data != NULL ? data : "", length, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local) ||
      json_parser_get_root (parser) == NULL)
    {
      /* The check above should have caught it; refuse it all the same. */
      set_error (error, PST_JSON_ERROR_INVALID_JSON, NULL,
                 _("The data is not valid JSON (error near byte %u); check its syntax"), 0u);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

JsonNode *
pst_json_parse_object (const char *data,
                       gssize      len,
                       GError    **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = pst_json_parse (data, len, error);
  if (node == NULL || object_of (node, error) == NULL)
    return NULL;

  return g_steal_pointer (&node);
}

/* Compact text, without spaces. */
char *
pst_json_to_string (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return json_to_string (node, FALSE);
}

/* Reading members. */

gboolean
pst_json_has_member (JsonObject *obj,
                     const char *member)
{
  JsonNode *node;

  g_return_val_if_fail (obj != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  node = json_object_get_member (obj, member);
  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

gboolean
pst_json_get_string (JsonObject  *obj,
                     const char  *member,
                     gboolean     required,
                     char       **out,
                     GError     **error)
{
  JsonNode *node;
  const char *str;

  g_return_val_if_fail (obj != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_member (obj, member, required, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!read_string (node, member, &str, error))
    return FALSE;

  if (required && *str == '\0')
    {
      /* Translators: %s is the name of a field of the data, like “name”. */
      set_error (error, PST_JSON_ERROR_INVALID_FIELD, member, _("“%s” must not be empty"), member);
      return FALSE;
    }

  g_free (*out);
  *out = g_strdup (str);
  return TRUE;
}

gboolean
pst_json_get_int64 (JsonObject  *obj,
                    const char  *member,
                    gboolean     required,
                    gint64      *out,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (obj != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_member (obj, member, required, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  return read_int64 (node, member, out, error);
}

gboolean
pst_json_get_int (JsonObject  *obj,
                  const char  *member,
                  gboolean     required,
                  int         *out,
                  GError     **error)
{
  return pst_json_get_int_range (obj, member, required, G_MININT, G_MAXINT, out, error);
}

gboolean
pst_json_get_int_range (JsonObject  *obj,
                        const char  *member,
                        gboolean     required,
                        int          min,
                        int          max,
                        int         *out,
                        GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (obj != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (min <= max, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_member (obj, member, required, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  return read_int_range (node, member, min, max, out, error);
}

gboolean
pst_json_get_bool (JsonObject  *obj,
                   const char  *member,
                   gboolean     required,
                   gboolean    *out,
                   GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (obj != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_member (obj, member, required, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!node_holds (node, G_TYPE_BOOLEAN))
    {
      /* Translators: %s is the name of a field of the data, like “helpful”. */
      set_error (error, PST_JSON_ERROR_INVALID_FIELD, member, _("“%s” must be true or false"), member);
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Reads a wire name with @from_string, for example
 * `pst_json_get_enum (obj, "status", TRUE,
 * PST_JSON_ENUM_FROM_STRING (pst_ticket_status), (int *) &status, error)`.
 */
gboolean
pst_json_get_enum (JsonObject             *obj,
                   const char             *member,
                   gboolean                required,
                   PstJsonEnumFromString   from_string,
                   int                    *out,
                   GError                **error)
{
  JsonNode *node;
  const char *str;
  int value;

  g_return_val_if_fail (obj != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (from_string != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_member (obj, member, required, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!read_string (node, member, &str, error))
    return FALSE;

  if (!from_string (str, &value))
    {
      g_autofree char *quoted = quote_value (str);

      set_error (error, PST_JSON_ERROR_INVALID_FIELD, member,
                 /* Translators: the first %s is the name of a field, the second the value given. */
                 _("“%s” has an unknown value “%s”"), member, quoted);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

gboolean
pst_json_get_instant (JsonObject  *obj,
                      const char  *member,
                      gboolean     required,
                      gint64      *out,
                      GError     **error)
{
  JsonNode *node;
  const char *str;
  gint64 value;

  g_return_val_if_fail (obj != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_member (obj, member, required, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!read_string (node, member, &str, error))
    return FALSE;

  if (!pst_time_parse_rfc3339 (str, &value) || value == PST_TIME_UNSET)
    {
      set_error (error, PST_JSON_ERROR_INVALID_FIELD, member,
                 /* Translators: %s is the name of a field. Keep the example date as is. */
                 _("“%s” must be a date and time like 2026-01-31T08:00:00Z"), member);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/* Reads a calendar date "YYYY-MM-DD". */
gboolean
pst_json_get_date (JsonObject  *obj,
                   const char  *member,
                   gboolean     required,
                   GDate       *out,
                   GError     **error)
{
  JsonNode *node;
  const char *str;
  int year;
  int month;
  int day;

  g_return_val_if_fail (obj != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_member (obj, member, required, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!read_string (node, member, &str, error))
    return FALSE;

  if (strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    goto invalid;

  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !is_digit (str[i]))
        goto invalid;
    }

  year = atoi (str);
  month = atoi (str + 5);
  day = atoi (str + 8);
  if (year < 1 || !g_date_valid_dmy (day, month, year))
    goto invalid;

  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
  return TRUE;

invalid:
  /* Translators: %s is the name of a field. Keep the example date as is. */
  set_error (error, PST_JSON_ERROR_INVALID_FIELD, member, _("“%s” must be a date like 2026-01-31"), member);
  return FALSE;
}

/* Reads an array of strings into a new array of char * (freed with
 * g_free()).
 */
gboolean
pst_json_get_string_array (JsonObject  *obj,
                           const char  *member,
                           gboolean     required,
                           GPtrArray  **out,
                           GError     **error)
{
  g_autoptr(GPtrArray) strings = NULL;
  JsonArray *array = NULL;
  guint n;

  g_return_val_if_fail (obj != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pst_json_get_array (obj, member, required, &array, error))
    return FALSE;

  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  strings = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = g_strdup_printf ("%s[%u]", member, i);
      const char *str;

      if (!read_string (json_array_get_element (array, i), field, &str, error))
        return FALSE;
      g_ptr_array_add (strings, g_strdup (str));
    }

  g_clear_pointer (out, g_ptr_array_unref);
  *out = g_steal_pointer (&strings);
  return TRUE;
}

/* Finds an object member; *@out is borrowed from @obj. */
gboolean
pst_json_get_object (JsonObject  *obj,
                     const char  *member,
                     gboolean     required,
                     JsonObject **out,
                     GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (obj != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_typed_member (obj, member, required, JSON_NODE_OBJECT, &node, error))
    return FALSE;

  if (node != NULL)
    *out = json_node_get_object (node);
  return TRUE;
}

/* Finds an array member; *@out is borrowed from @obj. */
gboolean
pst_json_get_array (JsonObject  *obj,
                    const char  *member,
                    gboolean     required,
                    JsonArray  **out,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (obj != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_typed_member (obj, member, required, JSON_NODE_ARRAY, &node, error))
    return FALSE;

  if (node != NULL)
    *out = json_node_get_array (node);
  return TRUE;
}

/* PstHoliday */

JsonNode *
pst_holiday_to_json (const PstHoliday *self)
{
  JsonObject *obj;
  g_autofree char *date = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (g_date_valid (&self->date), NULL);

  date = g_strdup_printf ("%04d-%02d-%02d",
                          g_date_get_year (&self->date),
                          g_date_get_month (&self->date),
                          g_date_get_day (&self->date));

  obj = json_object_new ();
  json_object_set_string_member (obj, "date", date);
  set_string (obj, "name", self->name);
  if (self->name_en != NULL)
    json_object_set_string_member (obj, "name_en", self->name_en);
  set_string (obj, "kind", pst_holiday_kind_to_string (self->kind));

  return node_take_object (obj);
}

PstHoliday *
pst_holiday_from_json (JsonNode  *node,
                       GError   **error)
{
  JsonObject *obj;
  GDate date;
  g_autofree char *name = NULL;
  g_autofree char *name_en = NULL;
  PstHolidayKind kind = PST_HOLIDAY_LOCAL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  g_date_clear (&date, 1);
  if (!pst_json_get_date (obj, "date", TRUE, &date, error) ||
      !pst_json_get_string (obj, "name", TRUE, &name, error) ||
      !pst_json_get_string (obj, "name_en", FALSE, &name_en, error) ||
      !pst_json_get_enum (obj, "kind", FALSE, ENUM_FROM_STRING (pst_holiday_kind),
                          (int *) &kind, error))
    return NULL;

  return pst_holiday_new (g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), name, name_en, kind, NULL);
}

/* PstOfficer */

JsonNode *
pst_officer_to_json (const PstOfficer *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "id", self->id);
  set_string (obj, "username", self->username);
  set_string (obj, "name", self->name);
  set_string (obj, "role", pst_role_to_string (self->role));
  set_string (obj, "office", self->office);
  set_string (obj, "desk", self->desk);
  set_string (obj, "presence", pst_presence_to_string (self->presence));

  if (self->has_workload)
    {
      JsonObject *workload = json_object_new ();

      json_object_set_int_member (workload, "tickets", self->workload_tickets);
      json_object_set_int_member (workload, "consultations", self->workload_consultations);
      json_object_set_int_member (workload, "overdue", self->workload_overdue);
      json_object_set_object_member (obj, "workload", workload);
    }

  return node_take_object (obj);
}

static gboolean
read_workload (JsonObject *obj,
               gpointer    target,
               GError    **error)
{
  PstOfficer *self = target;

  self->has_workload = TRUE;
  return pst_json_get_int_range (obj, "tickets", FALSE, 0, G_MAXINT,
                                 &self->workload_tickets, error) &&
         pst_json_get_int_range (obj, "consultations", FALSE, 0, G_MAXINT,
                                 &self->workload_consultations, error) &&
         pst_json_get_int_range (obj, "overdue", FALSE, 0, G_MAXINT,
                                 &self->workload_overdue, error);
}

PstOfficer *
pst_officer_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(PstOfficer) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_officer_new ();
  if (!pst_json_get_string (obj, "id", FALSE, &self->id, error) ||
      !pst_json_get_string (obj, "username", TRUE, &self->username, error) ||
      !pst_json_get_string (obj, "name", TRUE, &self->name, error) ||
      !pst_json_get_enum (obj, "role", TRUE, ENUM_FROM_STRING (pst_role),
                          (int *) &self->role, error) ||
      !pst_json_get_string (obj, "office", FALSE, &self->office, error) ||
      !pst_json_get_string (obj, "desk", FALSE, &self->desk, error) ||
      !pst_json_get_enum (obj, "presence", FALSE, ENUM_FROM_STRING (pst_presence),
                          (int *) &self->presence, error) ||
      !read_nested (obj, "workload", FALSE, read_workload, self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstServiceHours */

JsonNode *
pst_service_hours_to_json (const PstServiceHours *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  json_object_set_int_member (obj, "weekday", self->weekday);
  set_minute_of_day (obj, "open", self->open_minute);
  set_minute_of_day (obj, "close", self->close_minute);

  return node_take_object (obj);
}

PstServiceHours *
pst_service_hours_from_json (JsonNode  *node,
                             GError   **error)
{
  JsonObject *obj;
  int weekday;
  int open_minute;
  int close_minute;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  if (!pst_json_get_int_range (obj, "weekday", TRUE, 1, 7, &weekday, error) ||
      !get_minute_of_day (obj, "open", &open_minute, error) ||
      !get_minute_of_day (obj, "close", &close_minute, error))
    return NULL;

  if (close_minute <= open_minute)
    {
      set_error (error, PST_JSON_ERROR_INVALID_FIELD, "close",
                 /* Translators: both %s are names of fields, “close” and “open”. */
                 _("“%s” must be later than “%s”"), "close", "open");
      return NULL;
    }

  return pst_service_hours_new (weekday, open_minute, close_minute);
}

/* PstStandard */

JsonNode *
pst_standard_to_json (const PstStandard *self)
{
  JsonObject *obj;
  JsonObject *idle_close;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  json_object_set_int_member (obj, "walkin_wait_min", self->walkin_wait_min);
  set_int_or_null (obj, "session_max_min", self->session_max_min);
  json_object_set_int_member (obj, "web_response_working_days", self->web_response_working_days);
  set_int_or_null (obj, "whatsapp_first_response_working_days",
                   self->whatsapp_first_response_working_days);
  set_int_or_null (obj, "email_response_working_days", self->email_response_working_days);

  idle_close = json_object_new ();
  json_object_set_int_member (idle_close, "amount", self->idle_close_amount);
  set_string (idle_close, "unit", pst_duration_unit_to_string (self->idle_close_unit));
  json_object_set_object_member (obj, "idle_close", idle_close);

  json_object_set_int_member (obj, "complaint_response_working_days",
                              self->complaint_response_working_days);

  return node_take_object (obj);
}

static gboolean
read_idle_close (JsonObject *obj,
                 gpointer    target,
                 GError    **error)
{
  PstStandard *self = target;

  return pst_json_get_int_range (obj, "amount", TRUE, 1, 365, &self->idle_close_amount, error) &&
         pst_json_get_enum (obj, "unit", TRUE, ENUM_FROM_STRING (pst_duration_unit),
                            (int *) &self->idle_close_unit, error);
}

/* A target that may be null reads 0 as null too. */
static gboolean
get_optional_target (JsonObject *obj,
                     const char *member,
                     int         max,
                     int        *out,
                     GError    **error)
{
  if (!pst_json_has_member (obj, member))
    {
      *out = 0;
      return TRUE;
    }

  return pst_json_get_int_range (obj, member, TRUE, 0, max, out, error);
}

PstStandard *
pst_standard_from_json (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(PstStandard) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_standard_new ();
  if (!pst_json_get_int_range (obj, "walkin_wait_min", FALSE, 1, 24 * 60,
                               &self->walkin_wait_min, error) ||
      !get_optional_target (obj, "session_max_min", 24 * 60, &self->session_max_min, error) ||
      !pst_json_get_int_range (obj, "web_response_working_days", FALSE, 1, 365,
                               &self->web_response_working_days, error) ||
      !get_optional_target (obj, "whatsapp_first_response_working_days", 365,
                            &self->whatsapp_first_response_working_days, error) ||
      !get_optional_target (obj, "email_response_working_days", 365,
                            &self->email_response_working_days, error) ||
      !read_nested (obj, "idle_close", FALSE, read_idle_close, self, error) ||
      !pst_json_get_int_range (obj, "complaint_response_working_days", FALSE, 1, 365,
                               &self->complaint_response_working_days, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstComplaintChannelEntry */

JsonNode *
pst_complaint_channel_entry_to_json (const PstComplaintChannelEntry *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "kind", pst_complaint_channel_to_string (self->kind));
  set_string (obj, "value", self->value);

  return node_take_object (obj);
}

PstComplaintChannelEntry *
pst_complaint_channel_entry_from_json (JsonNode  *node,
                                       GError   **error)
{
  g_autoptr(PstComplaintChannelEntry) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_complaint_channel_entry_new (PST_COMPLAINT_CHANNEL_SUGGESTION_BOX, NULL);
  if (!pst_json_get_enum (obj, "kind", TRUE, ENUM_FROM_STRING (pst_complaint_channel),
                          (int *) &self->kind, error) ||
      !pst_json_get_string (obj, "value", TRUE, &self->value, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstOffice */

JsonNode *
pst_office_summary_to_json (const PstOffice *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "code", self->code);
  set_string (obj, "name", self->name);
  set_string (obj, "timezone", self->timezone);

  return node_take_object (obj);
}

JsonNode *
pst_office_to_json (const PstOffice *self)
{
  JsonNode *node;
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  node = pst_office_summary_to_json (self);
  obj = json_node_get_object (node);
  set_string (obj, "sk_number", self->sk_number);
  set_string (obj, "address", self->address);
  set_string (obj, "phone", self->phone);
  set_string (obj, "guest_book_stage", pst_guest_book_stage_to_string (self->guest_book_stage));
  set_value_array (obj, "service_hours", self->service_hours,
                   (PstJsonEncodeFunc) pst_service_hours_to_json);
  set_value_array (obj, "holidays", self->holidays, (PstJsonEncodeFunc) pst_holiday_to_json);
  set_value (obj, "standard", self->standard, (PstJsonEncodeFunc) pst_standard_to_json);
  set_value_array (obj, "complaint_channels", self->complaint_channels,
                   (PstJsonEncodeFunc) pst_complaint_channel_entry_to_json);

  return node;
}

static gboolean
check_time_zone (const char *member,
                 const char *identifier,
                 GError    **error)
{
  g_autoptr(GTimeZone) tz = NULL;

  tz = pst_time_zone_new (identifier, NULL);
  if (tz == NULL)
    {
      set_error (error, PST_JSON_ERROR_INVALID_FIELD, member,
                 /* Translators: %s is the name of a field. Keep Asia/Makassar as is. */
                 _("“%s” must be a time zone like Asia/Makassar"), member);
      return FALSE;
    }

  return TRUE;
}

PstOffice *
pst_office_from_json (JsonNode  *node,
                      GError   **error)
{
  g_autoptr(PstOffice) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_office_new ();
  if (!pst_json_get_string (obj, "code", TRUE, &self->code, error) ||
      !pst_json_get_string (obj, "name", TRUE, &self->name, error) ||
      !pst_json_get_string (obj, "timezone", TRUE, &self->timezone, error) ||
      !check_time_zone ("timezone", self->timezone, error) ||
      !pst_json_get_string (obj, "sk_number", FALSE, &self->sk_number, error) ||
      !pst_json_get_string (obj, "address", FALSE, &self->address, error) ||
      !pst_json_get_string (obj, "phone", FALSE, &self->phone, error) ||
      !pst_json_get_enum (obj, "guest_book_stage", FALSE, ENUM_FROM_STRING (pst_guest_book_stage),
                          (int *) &self->guest_book_stage, error) ||
      !decode_array_member (obj, "service_hours", FALSE,
                            (PstJsonDecodeFunc) pst_service_hours_from_json,
                            (GDestroyNotify) pst_service_hours_free,
                            &self->service_hours, error) ||
      !decode_array_member (obj, "holidays", FALSE,
                            (PstJsonDecodeFunc) pst_holiday_from_json,
                            (GDestroyNotify) pst_holiday_free,
                            &self->holidays, error) ||
      !decode_member (obj, "standard", FALSE,
                      (PstJsonDecodeFunc) pst_standard_from_json,
                      (GDestroyNotify) pst_standard_free,
                      (gpointer *) &self->standard, error) ||
      !decode_array_member (obj, "complaint_channels", FALSE,
                            (PstJsonDecodeFunc) pst_complaint_channel_entry_from_json,
                            (GDestroyNotify) pst_complaint_channel_entry_free,
                            &self->complaint_channels, error))
    return NULL;

  for (guint i = 0; i < self->holidays->len; i++)
    {
      PstHoliday *holiday = g_ptr_array_index (self->holidays, i);

      if (holiday->kind == PST_HOLIDAY_LOCAL)
        holiday->office = g_strdup (self->code);
    }

  return g_steal_pointer (&self);
}

/* PstGuestBook */

JsonNode *
pst_guest_book_to_json (const PstGuestBook *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  /* The full ID number (self->id_number) never leaves in JSON. */
  obj = json_object_new ();
  set_string (obj, "name", self->name);
  set_string (obj, "id_type", pst_id_type_to_string (self->id_type));
  set_string (obj, "id_number_masked", self->id_number_masked);
  set_string (obj, "email", self->email);
  set_string (obj, "phone", self->phone);
  set_string (obj, "institution", self->institution);
  set_string (obj, "occupation", self->occupation);
  set_string (obj, "purpose", self->purpose);

  return node_take_object (obj);
}

PstGuestBook *
pst_guest_book_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(PstGuestBook) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_guest_book_new ();
  if (!pst_json_get_string (obj, "name", TRUE, &self->name, error) ||
      !pst_json_get_enum (obj, "id_type", TRUE, ENUM_FROM_STRING (pst_id_type),
                          (int *) &self->id_type, error) ||
      !pst_json_get_string (obj, "id_number", FALSE, &self->id_number, error) ||
      !pst_json_get_string (obj, "id_number_masked", FALSE, &self->id_number_masked, error) ||
      !pst_json_get_string (obj, "email", FALSE, &self->email, error) ||
      !pst_json_get_string (obj, "phone", FALSE, &self->phone, error) ||
      !pst_json_get_string (obj, "institution", FALSE, &self->institution, error) ||
      !pst_json_get_string (obj, "occupation", FALSE, &self->occupation, error) ||
      !pst_json_get_string (obj, "purpose", FALSE, &self->purpose, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstTicketHistoryEntry */

JsonNode *
pst_ticket_history_entry_to_json (const PstTicketHistoryEntry *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_instant (obj, "at", self->at);
  set_string (obj, "action", self->action);
  set_string (obj, "from",
              self->has_from_status ? pst_ticket_status_to_string (self->from_status) : NULL);
  set_string (obj, "to", pst_ticket_status_to_string (self->to_status));
  set_string (obj, "officer", self->officer);
  set_string (obj, "detail", self->detail);

  return node_take_object (obj);
}

PstTicketHistoryEntry *
pst_ticket_history_entry_from_json (JsonNode  *node,
                                    GError   **error)
{
  g_autoptr(PstTicketHistoryEntry) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_ticket_history_entry_new ();
  if (!pst_json_get_instant (obj, "at", TRUE, &self->at, error) ||
      !pst_json_get_string (obj, "action", TRUE, &self->action, error) ||
      !get_nullable_enum (obj, "from", ENUM_FROM_STRING (pst_ticket_status),
                          &self->has_from_status, (int *) &self->from_status, error) ||
      !pst_json_get_enum (obj, "to", TRUE, ENUM_FROM_STRING (pst_ticket_status),
                          (int *) &self->to_status, error) ||
      !pst_json_get_string (obj, "officer", FALSE, &self->officer, error) ||
      !pst_json_get_string (obj, "detail", FALSE, &self->detail, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstTicket */

JsonNode *
pst_ticket_to_json (const PstTicket *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "id", self->id);
  set_string (obj, "office", self->office);
  set_string (obj, "number", self->number);
  set_string (obj, "service", pst_service_to_string (self->service));
  set_string (obj, "status", pst_ticket_status_to_string (self->status));
  set_string (obj, "desk", self->desk);
  set_string (obj, "officer", self->officer);
  set_instant (obj, "issued_at", self->issued_at);
  set_instant (obj, "called_at", self->called_at);
  set_instant (obj, "started_at", self->started_at);
  set_instant (obj, "finished_at", self->finished_at);
  set_instant (obj, "wait_due", self->wait_due);
  set_value (obj, "guest_book", self->guest_book, (PstJsonEncodeFunc) pst_guest_book_to_json);
  set_string (obj, "topic", self->has_topic ? pst_category_to_string (self->topic) : NULL);
  set_string (obj, "outcome", self->outcome);
  set_string (obj, "notes", self->notes);
  set_value_array (obj, "history", self->history,
                   (PstJsonEncodeFunc) pst_ticket_history_entry_to_json);

  return node_take_object (obj);
}

PstTicket *
pst_ticket_from_json (JsonNode  *node,
                      GError   **error)
{
  g_autoptr(PstTicket) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_ticket_new ();
  if (!pst_json_get_string (obj, "id", FALSE, &self->id, error) ||
      !pst_json_get_string (obj, "office", FALSE, &self->office, error) ||
      !pst_json_get_string (obj, "number", FALSE, &self->number, error) ||
      !pst_json_get_enum (obj, "service", TRUE, ENUM_FROM_STRING (pst_service),
                          (int *) &self->service, error) ||
      !pst_json_get_enum (obj, "status", FALSE, ENUM_FROM_STRING (pst_ticket_status),
                          (int *) &self->status, error) ||
      !pst_json_get_string (obj, "desk", FALSE, &self->desk, error) ||
      !pst_json_get_string (obj, "officer", FALSE, &self->officer, error) ||
      !pst_json_get_instant (obj, "issued_at", FALSE, &self->issued_at, error) ||
      !pst_json_get_instant (obj, "called_at", FALSE, &self->called_at, error) ||
      !pst_json_get_instant (obj, "started_at", FALSE, &self->started_at, error) ||
      !pst_json_get_instant (obj, "finished_at", FALSE, &self->finished_at, error) ||
      !pst_json_get_instant (obj, "wait_due", FALSE, &self->wait_due, error) ||
      !decode_member (obj, "guest_book", FALSE,
                      (PstJsonDecodeFunc) pst_guest_book_from_json,
                      (GDestroyNotify) pst_guest_book_free,
                      (gpointer *) &self->guest_book, error) ||
      !get_nullable_enum (obj, "topic", ENUM_FROM_STRING (pst_category),
                          &self->has_topic, (int *) &self->topic, error) ||
      !pst_json_get_string (obj, "outcome", FALSE, &self->outcome, error) ||
      !pst_json_get_string (obj, "notes", FALSE, &self->notes, error) ||
      !decode_array_member (obj, "history", FALSE,
                            (PstJsonDecodeFunc) pst_ticket_history_entry_from_json,
                            (GDestroyNotify) pst_ticket_history_entry_free,
                            &self->history, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstRequester */

JsonNode *
pst_requester_to_json (const PstRequester *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "name", self->name);
  set_string (obj, "email", self->email);
  set_string (obj, "phone", self->phone);

  return node_take_object (obj);
}

PstRequester *
pst_requester_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(PstRequester) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_requester_new (NULL, NULL, NULL);
  if (!pst_json_get_string (obj, "name", FALSE, &self->name, error) ||
      !pst_json_get_string (obj, "email", FALSE, &self->email, error) ||
      !pst_json_get_string (obj, "phone", FALSE, &self->phone, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstSla */

JsonNode *
pst_sla_to_json (const PstSla *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_instant (obj, "first_response_due", self->first_response_due);
  set_instant (obj, "idle_close_at", self->idle_close_at);
  set_string (obj, "state", pst_badge_state_to_string (self->state));
  /* Only once answered (an extension: docs/api-extensions.md). */
  if (self->first_response_at != PST_TIME_UNSET)
    set_instant (obj, "first_response_at", self->first_response_at);

  return node_take_object (obj);
}

PstSla *
pst_sla_from_json (JsonNode  *node,
                   GError   **error)
{
  g_autoptr(PstSla) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_sla_new ();
  if (!pst_json_get_instant (obj, "first_response_due", TRUE, &self->first_response_due, error) ||
      !pst_json_get_instant (obj, "idle_close_at", FALSE, &self->idle_close_at, error) ||
      !pst_json_get_enum (obj, "state", TRUE, ENUM_FROM_STRING (pst_badge_state),
                          (int *) &self->state, error) ||
      !pst_json_get_instant (obj, "first_response_at", FALSE, &self->first_response_at, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstKbSearched */

JsonNode *
pst_kb_searched_to_json (const PstKbSearched *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "query", self->query);
  set_string_array (obj, "viewed", self->viewed);

  return node_take_object (obj);
}

PstKbSearched *
pst_kb_searched_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(PstKbSearched) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_kb_searched_new (NULL);
  if (!pst_json_get_string (obj, "query", FALSE, &self->query, error) ||
      !pst_json_get_string_array (obj, "viewed", FALSE, &self->viewed, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstFollowUp */

JsonNode *
pst_follow_up_to_json (const PstFollowUp *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "mode", pst_follow_up_mode_to_string (self->mode));
  set_instant (obj, "at", self->at);
  set_string (obj, "link", self->link);

  return node_take_object (obj);
}

PstFollowUp *
pst_follow_up_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(PstFollowUp) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_follow_up_new (PST_FOLLOW_UP_IN_PERSON, PST_TIME_UNSET, NULL);
  if (!pst_json_get_enum (obj, "mode", TRUE, ENUM_FROM_STRING (pst_follow_up_mode),
                          (int *) &self->mode, error) ||
      !pst_json_get_instant (obj, "at", TRUE, &self->at, error) ||
      !pst_json_get_string (obj, "link", FALSE, &self->link, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstMessage */

JsonNode *
pst_message_to_json (const PstMessage *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "id", self->id);
  set_string (obj, "consultation", self->consultation);
  set_string (obj, "author", pst_author_to_string (self->author));
  set_string (obj, "officer", self->officer);
  /* Only when known (an extension: docs/api-extensions.md). */
  if (self->officer_name != NULL)
    set_string (obj, "officer_name", self->officer_name);
  set_string (obj, "body", self->body);
  set_string_array (obj, "kb_article_ids", self->kb_article_ids);
  set_instant (obj, "at", self->at);

  return node_take_object (obj);
}

PstMessage *
pst_message_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(PstMessage) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_message_new ();
  if (!pst_json_get_string (obj, "id", FALSE, &self->id, error) ||
      !pst_json_get_string (obj, "consultation", FALSE, &self->consultation, error) ||
      !pst_json_get_enum (obj, "author", FALSE, ENUM_FROM_STRING (pst_author),
                          (int *) &self->author, error) ||
      !pst_json_get_string (obj, "officer", FALSE, &self->officer, error) ||
      !pst_json_get_string (obj, "officer_name", FALSE, &self->officer_name, error) ||
      !pst_json_get_string (obj, "body", TRUE, &self->body, error) ||
      !pst_json_get_string_array (obj, "kb_article_ids", FALSE, &self->kb_article_ids, error) ||
      !pst_json_get_instant (obj, "at", FALSE, &self->at, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstConsultation */

JsonNode *
pst_consultation_to_json (const PstConsultation *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "id", self->id);
  set_string (obj, "office", self->office);
  set_string (obj, "channel", pst_channel_to_string (self->channel));
  set_string (obj, "subject", self->subject);
  set_string (obj, "category", pst_category_to_string (self->category));
  set_string (obj, "status", pst_consultation_status_to_string (self->status));
  set_string (obj, "resolution",
              self->has_resolution ? pst_resolution_to_string (self->resolution) : NULL);
  set_value (obj, "requester", self->requester, (PstJsonEncodeFunc) pst_requester_to_json);
  set_string (obj, "assignee", self->assignee);
  /* Only when known (an extension: docs/api-extensions.md). */
  if (self->assignee_name != NULL)
    set_string (obj, "assignee_name", self->assignee_name);
  set_instant (obj, "created_at", self->created_at);
  set_value (obj, "sla", self->sla, (PstJsonEncodeFunc) pst_sla_to_json);
  set_value (obj, "kb_searched", self->kb_searched, (PstJsonEncodeFunc) pst_kb_searched_to_json);
  set_value (obj, "follow_up", self->follow_up, (PstJsonEncodeFunc) pst_follow_up_to_json);
  set_instant (obj, "last_message_at", self->last_message_at);
  if (self->messages != NULL)
    set_value_array (obj, "messages", self->messages, (PstJsonEncodeFunc) pst_message_to_json);

  return node_take_object (obj);
}

PstConsultation *
pst_consultation_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(PstConsultation) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_consultation_new ();
  if (!pst_json_get_string (obj, "id", FALSE, &self->id, error) ||
      !pst_json_get_string (obj, "office", FALSE, &self->office, error) ||
      !pst_json_get_enum (obj, "channel", FALSE, ENUM_FROM_STRING (pst_channel),
                          (int *) &self->channel, error) ||
      !pst_json_get_string (obj, "subject", TRUE, &self->subject, error) ||
      !pst_json_get_enum (obj, "category", TRUE, ENUM_FROM_STRING (pst_category),
                          (int *) &self->category, error) ||
      !pst_json_get_enum (obj, "status", FALSE, ENUM_FROM_STRING (pst_consultation_status),
                          (int *) &self->status, error) ||
      !get_nullable_enum (obj, "resolution", ENUM_FROM_STRING (pst_resolution),
                          &self->has_resolution, (int *) &self->resolution, error) ||
      !decode_member (obj, "requester", FALSE,
                      (PstJsonDecodeFunc) pst_requester_from_json,
                      (GDestroyNotify) pst_requester_free,
                      (gpointer *) &self->requester, error) ||
      !pst_json_get_string (obj, "assignee", FALSE, &self->assignee, error) ||
      !pst_json_get_string (obj, "assignee_name", FALSE, &self->assignee_name, error) ||
      !pst_json_get_instant (obj, "created_at", FALSE, &self->created_at, error) ||
      !decode_member (obj, "sla", FALSE,
                      (PstJsonDecodeFunc) pst_sla_from_json,
                      (GDestroyNotify) pst_sla_free,
                      (gpointer *) &self->sla, error) ||
      !decode_member (obj, "kb_searched", FALSE,
                      (PstJsonDecodeFunc) pst_kb_searched_from_json,
                      (GDestroyNotify) pst_kb_searched_free,
                      (gpointer *) &self->kb_searched, error) ||
      !decode_member (obj, "follow_up", FALSE,
                      (PstJsonDecodeFunc) pst_follow_up_from_json,
                      (GDestroyNotify) pst_follow_up_free,
                      (gpointer *) &self->follow_up, error) ||
      !pst_json_get_instant (obj, "last_message_at", FALSE, &self->last_message_at, error) ||
      !decode_array_member (obj, "messages", FALSE,
                            (PstJsonDecodeFunc) pst_message_from_json,
                            (GDestroyNotify) pst_message_free,
                            &self->messages, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstKbArticle */

JsonNode *
pst_kb_article_to_json (const PstKbArticle *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "id", self->id);
  set_string (obj, "external_id", self->external_id);
  set_string (obj, "lang", pst_lang_to_string (self->lang));
  set_string (obj, "title", self->title);
  set_string (obj, "body", self->body);
  set_string_array (obj, "tags", self->tags);
  set_string (obj, "category", pst_category_to_string (self->category));
  set_string (obj, "office", self->office);
  set_instant (obj, "updated_at", self->updated_at);
  json_object_set_int_member (obj, "views", self->views);
  json_object_set_int_member (obj, "helpful", self->helpful);
  json_object_set_int_member (obj, "not_helpful", self->not_helpful);

  return node_take_object (obj);
}

PstKbArticle *
pst_kb_article_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(PstKbArticle) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_kb_article_new ();
  if (!pst_json_get_string (obj, "id", FALSE, &self->id, error) ||
      !pst_json_get_string (obj, "external_id", FALSE, &self->external_id, error) ||
      !pst_json_get_enum (obj, "lang", TRUE, ENUM_FROM_STRING (pst_lang),
                          (int *) &self->lang, error) ||
      !pst_json_get_string (obj, "title", TRUE, &self->title, error) ||
      !pst_json_get_string (obj, "body", TRUE, &self->body, error) ||
      !pst_json_get_string_array (obj, "tags", FALSE, &self->tags, error) ||
      !pst_json_get_enum (obj, "category", FALSE, ENUM_FROM_STRING (pst_category),
                          (int *) &self->category, error) ||
      !pst_json_get_string (obj, "office", FALSE, &self->office, error) ||
      !pst_json_get_instant (obj, "updated_at", FALSE, &self->updated_at, error) ||
      !pst_json_get_int_range (obj, "views", FALSE, 0, G_MAXINT, &self->views, error) ||
      !pst_json_get_int_range (obj, "helpful", FALSE, 0, G_MAXINT, &self->helpful, error) ||
      !pst_json_get_int_range (obj, "not_helpful", FALSE, 0, G_MAXINT,
                               &self->not_helpful, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstRating */

JsonNode *
pst_rating_to_json (const PstRating *self)
{
  JsonObject *obj;
  JsonArray *scores;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "id", self->id);
  set_string (obj, "office", self->office);
  set_string (obj, "consultation", self->consultation);
  set_string (obj, "ticket", self->ticket);
  set_string (obj, "officer", self->officer);
  set_string (obj, "channel", pst_channel_to_string (self->channel));

  scores = json_array_sized_new (PST_RATING_N_SCORES);
  for (guint i = 0; i < PST_RATING_N_SCORES; i++)
    json_array_add_int_element (scores, self->scores[i]);
  json_object_set_array_member (obj, "scores", scores);

  set_string (obj, "comment", self->comment);
  set_instant (obj, "created_at", self->created_at);

  return node_take_object (obj);
}

static gboolean
get_scores (JsonObject *obj,
            int        *scores,
            GError    **error)
{
  JsonArray *array = NULL;

  if (!pst_json_get_array (obj, "scores", TRUE, &array, error))
    return FALSE;

  if (json_array_get_length (array) != PST_RATING_N_SCORES)
    {
      set_error (error, PST_JSON_ERROR_INVALID_FIELD, "scores",
                 /* Translators: %s is the name of a field, %d a count. */
                 _("“%s” must have exactly %d entries"), "scores", PST_RATING_N_SCORES);
      return FALSE;
    }

  for (guint i = 0; i < PST_RATING_N_SCORES; i++)
    {
      g_autofree char *field = g_strdup_printf ("scores[%u]", i);

      if (!read_int_range (json_array_get_element (array, i), field,
                           PST_RATING_SCORE_MIN, PST_RATING_SCORE_MAX, &scores[i], error))
        return FALSE;
    }

  return TRUE;
}

PstRating *
pst_rating_from_json (JsonNode  *node,
                      GError   **error)
{
  g_autoptr(PstRating) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_rating_new ();
  if (!pst_json_get_string (obj, "id", FALSE, &self->id, error) ||
      !pst_json_get_string (obj, "office", FALSE, &self->office, error) ||
      !pst_json_get_string (obj, "consultation", FALSE, &self->consultation, error) ||
      !pst_json_get_string (obj, "ticket", FALSE, &self->ticket, error) ||
      !pst_json_get_string (obj, "officer", FALSE, &self->officer, error) ||
      !pst_json_get_enum (obj, "channel", FALSE, ENUM_FROM_STRING (pst_channel),
                          (int *) &self->channel, error) ||
      !get_scores (obj, self->scores, error) ||
      !pst_json_get_string (obj, "comment", FALSE, &self->comment, error) ||
      !pst_json_get_instant (obj, "created_at", FALSE, &self->created_at, error))
    return NULL;

  if (self->consultation == NULL && self->ticket == NULL)
    {
      set_error (error, PST_JSON_ERROR_INVALID_FIELD, "consultation",
                 /* Translators: “consultation” and “ticket” are names of fields; keep them. */
                 _("Give the “consultation” or the “ticket” that is rated"));
      return NULL;
    }

  if (self->consultation != NULL && self->ticket != NULL)
    {
      set_error (error, PST_JSON_ERROR_INVALID_FIELD, "ticket",
                 /* Translators: “consultation” and “ticket” are names of fields; keep them. */
                 _("Give either a “consultation” or a “ticket”, not both"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* PstComplaint */

JsonNode *
pst_complaint_to_json (const PstComplaint *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "id", self->id);
  set_string (obj, "office", self->office);
  set_string (obj, "channel", pst_complaint_channel_to_string (self->channel));
  set_value (obj, "reporter", self->reporter, (PstJsonEncodeFunc) pst_requester_to_json);
  set_string (obj, "body", self->body);
  set_string (obj, "consultation", self->consultation);
  set_string (obj, "status", pst_complaint_status_to_string (self->status));
  set_instant (obj, "received_at", self->received_at);
  set_instant (obj, "response_due", self->response_due);
  set_string (obj, "response", self->response);
  set_instant (obj, "responded_at", self->responded_at);

  return node_take_object (obj);
}

PstComplaint *
pst_complaint_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(PstComplaint) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_complaint_new ();
  if (!pst_json_get_string (obj, "id", FALSE, &self->id, error) ||
      !pst_json_get_string (obj, "office", TRUE, &self->office, error) ||
      !pst_json_get_enum (obj, "channel", TRUE, ENUM_FROM_STRING (pst_complaint_channel),
                          (int *) &self->channel, error) ||
      !decode_member (obj, "reporter", FALSE,
                      (PstJsonDecodeFunc) pst_requester_from_json,
                      (GDestroyNotify) pst_requester_free,
                      (gpointer *) &self->reporter, error) ||
      !pst_json_get_string (obj, "body", TRUE, &self->body, error) ||
      !pst_json_get_string (obj, "consultation", FALSE, &self->consultation, error) ||
      !pst_json_get_enum (obj, "status", FALSE, ENUM_FROM_STRING (pst_complaint_status),
                          (int *) &self->status, error) ||
      !pst_json_get_instant (obj, "received_at", FALSE, &self->received_at, error) ||
      !pst_json_get_instant (obj, "response_due", FALSE, &self->response_due, error) ||
      !pst_json_get_string (obj, "response", FALSE, &self->response, error) ||
      !pst_json_get_instant (obj, "responded_at", FALSE, &self->responded_at, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* PstEvent */

JsonNode *
pst_event_to_json (const PstEvent *self)
{
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, NULL);

  obj = json_object_new ();
  json_object_set_int_member (obj, "seq", self->seq);
  set_string (obj, "type", self->type);
  set_instant (obj, "at", self->at);
  set_string (obj, "office", self->office);
  if (self->data != NULL)
    json_object_set_member (obj, "data", json_node_copy (self->data));
  else
    json_object_set_null_member (obj, "data");

  return node_take_object (obj);
}

PstEvent *
pst_event_from_json (JsonNode  *node,
                     GError   **error)
{
  g_autoptr(PstEvent) self = NULL;
  JsonObject *obj;
  JsonNode *data;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_event_new (NULL, NULL, NULL);
  if (!pst_json_get_int64 (obj, "seq", FALSE, &self->seq, error) ||
      !pst_json_get_string (obj, "type", TRUE, &self->type, error) ||
      !pst_json_get_instant (obj, "at", FALSE, &self->at, error) ||
      !pst_json_get_string (obj, "office", FALSE, &self->office, error) ||
      !lookup_member (obj, "data", FALSE, &data, error))
    return NULL;

  if (data != NULL)
    self->data = json_node_copy (data);

  return g_steal_pointer (&self);
}

/* PstApiError */

JsonNode *
pst_api_error_to_json (const PstApiError *self)
{
  JsonObject *obj;
  JsonObject *body;

  g_return_val_if_fail (self != NULL, NULL);

  body = json_object_new ();
  set_string (body, "code", self->code);
  set_string (body, "message", self->message);
  set_string (body, "field", self->field);

  obj = json_object_new ();
  json_object_set_object_member (obj, "error", body);

  return node_take_object (obj);
}

static gboolean
read_api_error (JsonObject *obj,
                gpointer    target,
                GError    **error)
{
  PstApiError *self = target;

  return pst_json_get_string (obj, "code", TRUE, &self->code, error) &&
         pst_json_get_string (obj, "message", TRUE, &self->message, error) &&
         pst_json_get_string (obj, "field", FALSE, &self->field, error);
}

PstApiError *
pst_api_error_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(PstApiError) self = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  self = pst_api_error_new (NULL, NULL, NULL);
  if (!read_nested (obj, "error", TRUE, read_api_error, self, error))
    return NULL;

  return g_steal_pointer (&self);
}

PstApiError *
pst_api_error_new_from_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == PST_JSON_ERROR)
    {
      const char *code = error->code == PST_JSON_ERROR_INVALID_JSON
                         ? PST_API_ERROR_INVALID_JSON
                         : PST_API_ERROR_INVALID_FIELD;

      return pst_api_error_new (code, error->message, pst_json_error_get_field (error));
    }

  if (g_error_matches (error, PST_ERROR, PST_ERROR_NOT_FOUND))
    return pst_api_error_new (PST_API_ERROR_NOT_FOUND, error->message, NULL);

  if (g_error_matches (error, PST_ERROR, PST_ERROR_CONFLICT))
    return pst_api_error_new (PST_API_ERROR_CONFLICT, error->message, NULL);

  return pst_api_error_new (PST_API_ERROR_INTERNAL,
                            _("The server could not complete the request; try again later"),
                            NULL);
}

/* Arrays and envelopes. */

JsonNode *
pst_json_array_encode (GPtrArray         *items,
                       PstJsonEncodeFunc  encode)
{
  JsonArray *array;
  JsonNode *node;

  g_return_val_if_fail (encode != NULL, NULL);

  array = json_array_sized_new (items != NULL ? items->len : 0);
  for (guint i = 0; items != NULL && i < items->len; i++)
    json_array_add_element (array, encode (g_ptr_array_index (items, i)));

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

/* Decodes an array of objects (the body of POST /kb/import, say). A node
 * that is not an array is PST_JSON_ERROR_INVALID_JSON.
 */
GPtrArray *
pst_json_array_decode (JsonNode           *node,
                       PstJsonDecodeFunc   decode,
                       GDestroyNotify      free_func,
                       GError            **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (decode != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_error (error, PST_JSON_ERROR_INVALID_JSON, NULL, _("The data must be a JSON array"));
      return NULL;
    }

  return decode_array (json_node_get_array (node), "", decode, free_func, error);
}

JsonNode *
pst_json_list_to_json (GPtrArray         *items,
                       PstJsonEncodeFunc  encode,
                       const char        *next_cursor)
{
  JsonObject *obj;

  g_return_val_if_fail (encode != NULL, NULL);

  obj = json_object_new ();
  set_value_array (obj, "items", items, encode);
  set_string (obj, "next_cursor", next_cursor);

  return node_take_object (obj);
}

GPtrArray *
pst_json_list_from_json (JsonNode           *node,
                         PstJsonDecodeFunc   decode,
                         GDestroyNotify      free_func,
                         char              **out_next_cursor,
                         GError            **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *next_cursor = NULL;
  JsonObject *obj;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (decode != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  if (!decode_array_member (obj, "items", TRUE, decode, free_func, &items, error) ||
      !pst_json_get_string (obj, "next_cursor", FALSE, &next_cursor, error))
    return NULL;

  if (out_next_cursor != NULL)
    *out_next_cursor = g_steal_pointer (&next_cursor);

  return g_steal_pointer (&items);
}

JsonNode *
pst_changes_to_json (GPtrArray *events,
                     gint64     last_seq)
{
  JsonObject *obj = json_object_new ();

  set_value_array (obj, "events", events, (PstJsonEncodeFunc) pst_event_to_json);
  json_object_set_int_member (obj, "last_seq", last_seq);

  return node_take_object (obj);
}

GPtrArray *
pst_changes_from_json (JsonNode  *node,
                       gint64    *out_last_seq,
                       GError   **error)
{
  g_autoptr(GPtrArray) events = NULL;
  JsonObject *obj;
  gint64 last_seq = 0;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((obj = object_of (node, error)) == NULL)
    return NULL;

  if (!decode_array_member (obj, "events", TRUE,
                            (PstJsonDecodeFunc) pst_event_from_json,
                            (GDestroyNotify) pst_event_free,
                            &events, error) ||
      !pst_json_get_int64 (obj, "last_seq", TRUE, &last_seq, error))
    return NULL;

  if (out_last_seq != NULL)
    *out_last_seq = last_seq;

  return g_steal_pointer (&events);
}
