/* lc-json-reader.c — JSON from outside, with its size and depth checked before json-glib sees it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-json"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lc-json-reader.h"

G_DEFINE_QUARK (lc-json-error-quark, lc_json_error)

/**
 * lc_json_check_depth:
 * @line: (out) (optional): the line where the limit was passed
 *
 * json-glib 1.6 recurses once per nesting level and overflows the stack on hostile input
 * (100,000 opening brackets), so the depth is measured on the raw text first.
 *
 * Returns: %TRUE when no value is nested deeper than @max_depth
 */
gboolean
lc_json_check_depth (const char *data,
                     gsize       len,
                     guint       max_depth,
                     guint      *line)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint lines = 1;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '\n')
        lines++;

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              if (line != NULL)
                *line = lines;
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

/* json-glib says "<data>:3:14: Parse error: …"; a person wants "line 3, column 14: …". */
static char *
describe_syntax_error (const char *message)
{
  g_autoptr(GRegex) regex = g_regex_new ("^<data>:(\\d+):(\\d+): (?:Parse error: )?(.*)$",
                                         G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (g_regex_match (regex, message, 0, &match))
    {
      g_autofree char *line = g_match_info_fetch (match, 1);
      g_autofree char *column = g_match_info_fetch (match, 2);
      g_autofree char *what = g_match_info_fetch (match, 3);

      return g_strdup_printf (_("line %s, column %s: %s"), line, column, what);
    }

  return g_strdup (message);
}

/**
 * lc_json_parse:
 * @data: the text; need not end in a NUL
 * @max_bytes: larger input is refused unread
 * @max_depth: deeper nesting is refused before parsing
 *
 * The one way into json-glib for anything that comes from outside. Error messages name
 * what is wrong, not where the text came from: the caller adds that.
 *
 * Returns: (transfer full): the root node, or %NULL with @error (%LC_JSON_ERROR)
 */
JsonNode *
lc_json_parse (const char  *data,
               gsize        len,
               gsize        max_bytes,
               guint        max_depth,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *end = NULL;
  JsonNode *root;
  guint line = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > max_bytes)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_TOO_LARGE,
                   _("%s of JSON, more than the %s allowed"), size, limit);
      return NULL;
    }

  if (!g_utf8_validate_len (data, len, &end))
    {
      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_NOT_TEXT,
                   _("not UTF-8 text (byte %lu)"), (unsigned long)(end - data));
      return NULL;
    }

  if (memchr (data, '\0', len) != NULL)
    {
      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_NOT_TEXT,
                   _("holds a NUL byte (byte %lu)"),
                   (unsigned long)((const char *)memchr (data, '\0', len) - data));
      return NULL;
    }

  if (!lc_json_check_depth (data, len, max_depth, &line))
    {
      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_TOO_DEEP,
                   _("line %u: nested more than %u levels deep"), line, max_depth);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, len ? data : "", len, &local_error))
    {
      g_autofree char *what = describe_syntax_error (local_error->message);

      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_SYNTAX, _("not valid JSON: %s"), what);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, LC_JSON_ERROR, LC_JSON_ERROR_EMPTY, _("no JSON value in it"));
      return NULL;
    }

  return root;
}

/**
 * lc_json_parse_object:
 *
 * As lc_json_parse(), for text that must be one JSON object.
 *
 * Returns: (transfer full): the object, or %NULL with @error
 */
JsonObject *
lc_json_parse_object (const char  *data,
                      gsize        len,
                      gsize        max_bytes,
                      guint        max_depth,
                      GError     **error)
{
  g_autoptr(JsonNode) root = lc_json_parse (data, len, max_bytes, max_depth, error);

  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_TYPE, _("expected a JSON object, got %s"),
                   lc_json_node_type_name (root));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/**
 * lc_json_node_type_name:
 *
 * Returns: what @node holds, in words for an error: "a string", "a number", "null"…
 */
const char *
lc_json_node_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return _("a number");
    default:
      return _("a value of unknown type");
    }
}

/* The member's node, or NULL when it is absent or null; FALSE (with an error) when it is
 * required and not there. */
static gboolean
lookup (JsonObject  *object,
        const char  *member,
        LcJsonRead   flags,
        JsonNode   **node,
        GError     **error)
{
  *node = object != NULL ? json_object_get_member (object, member) : NULL;
  if (*node != NULL && JSON_NODE_HOLDS_NULL (*node))
    *node = NULL;

  if (*node == NULL && (flags & LC_JSON_OPTIONAL) == 0)
    {
      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_MISSING, _("“%s” is missing"), member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
wrong_type (JsonNode    *node,
            const char  *member,
            const char  *expected,
            GError     **error)
{
  g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_TYPE, _("“%s” is %s where %s is expected"),
               member, lc_json_node_type_name (node), expected);
  return FALSE;
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/**
 * lc_json_read_string:
 * @value: (out): borrowed from @object; left alone when an optional member is absent
 *
 * Returns: %FALSE with @error when the member is required and absent, or not a string
 */
gboolean
lc_json_read_string (JsonObject  *object,
                     const char  *member,
                     LcJsonRead   flags,
                     const char **value,
                     GError     **error)
{
  JsonNode *node;

  if (!lookup (object, member, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!holds (node, G_TYPE_STRING))
    return wrong_type (node, member, _("a string"), error);

  *value = json_node_get_string (node);
  return TRUE;
}

/**
 * lc_json_read_int:
 * @min: the smallest value allowed
 * @max: the largest value allowed
 *
 * Returns: %FALSE with @error when the member is required and absent, not an integer or
 *   outside [@min, @max]
 */
gboolean
lc_json_read_int (JsonObject  *object,
                  const char  *member,
                  LcJsonRead   flags,
                  gint64       min,
                  gint64       max,
                  gint64      *value,
                  GError     **error)
{
  JsonNode *node;
  gint64 number;

  if (!lookup (object, member, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!holds (node, G_TYPE_INT64))
    return wrong_type (node, member, _("an integer"), error);

  number = json_node_get_int (node);
  if (number < min || number > max)
    {
      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_RANGE, _("“%s” is %lld, outside %lld–%lld"),
                   member, (long long)number, (long long)min, (long long)max);
      return FALSE;
    }

  *value = number;
  return TRUE;
}

/**
 * lc_json_read_double:
 *
 * An integer is read as a number too. Infinite or NaN values are refused.
 */
gboolean
lc_json_read_double (JsonObject  *object,
                     const char  *member,
                     LcJsonRead   flags,
                     double      *value,
                     GError     **error)
{
  JsonNode *node;
  double number;

  if (!lookup (object, member, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (holds (node, G_TYPE_INT64))
    number = json_node_get_int (node);
  else if (holds (node, G_TYPE_DOUBLE))
    number = json_node_get_double (node);
  else
    return wrong_type (node, member, _("a number"), error);

  if (!isfinite (number))
    {
      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_RANGE, _("“%s” is not a finite number"),
                   member);
      return FALSE;
    }

  *value = number;
  return TRUE;
}

gboolean
lc_json_read_boolean (JsonObject  *object,
                      const char  *member,
                      LcJsonRead   flags,
                      gboolean    *value,
                      GError     **error)
{
  JsonNode *node;

  if (!lookup (object, member, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!holds (node, G_TYPE_BOOLEAN))
    return wrong_type (node, member, _("true or false"), error);

  *value = json_node_get_boolean (node);
  return TRUE;
}

/**
 * lc_json_read_object:
 * @value: (out): borrowed from @object
 */
gboolean
lc_json_read_object (JsonObject  *object,
                     const char  *member,
                     LcJsonRead   flags,
                     JsonObject **value,
                     GError     **error)
{
  JsonNode *node;

  if (!lookup (object, member, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (node, member, _("an object"), error);

  *value = json_node_get_object (node);
  return TRUE;
}

/**
 * lc_json_read_array:
 * @value: (out): borrowed from @object
 */
gboolean
lc_json_read_array (JsonObject  *object,
                    const char  *member,
                    LcJsonRead   flags,
                    JsonArray  **value,
                    GError     **error)
{
  JsonNode *node;

  if (!lookup (object, member, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (node, member, _("an array"), error);

  *value = json_node_get_array (node);
  return TRUE;
}
