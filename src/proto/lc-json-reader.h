/* lc-json-reader.h — JSON from outside (profiles, servers, stored reports), read with limits
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LC_JSON_ERROR (lc_json_error_quark ())

/**
 * LcJsonError:
 * @LC_JSON_ERROR_TOO_LARGE: more bytes than the caller allows
 * @LC_JSON_ERROR_TOO_DEEP: nested deeper than the caller allows
 * @LC_JSON_ERROR_NOT_TEXT: not UTF-8, or holds a NUL byte
 * @LC_JSON_ERROR_SYNTAX: not JSON
 * @LC_JSON_ERROR_EMPTY: nothing but white space
 * @LC_JSON_ERROR_TYPE: a value of the wrong type where one was expected
 * @LC_JSON_ERROR_MISSING: a required member is absent
 * @LC_JSON_ERROR_RANGE: a number outside what the member allows
 */
typedef enum
{
  LC_JSON_ERROR_TOO_LARGE = 1,
  LC_JSON_ERROR_TOO_DEEP,
  LC_JSON_ERROR_NOT_TEXT,
  LC_JSON_ERROR_SYNTAX,
  LC_JSON_ERROR_EMPTY,
  LC_JSON_ERROR_TYPE,
  LC_JSON_ERROR_MISSING,
  LC_JSON_ERROR_RANGE,
} LcJsonError;

GQuark lc_json_error_quark (void);

/**
 * LcJsonRead:
 * @LC_JSON_REQUIRED: the member must be there (a JSON null counts as absent)
 * @LC_JSON_OPTIONAL: an absent or null member leaves the value as the caller set it
 */
typedef enum
{
  LC_JSON_REQUIRED = 0,
  LC_JSON_OPTIONAL = 1 << 0,
} LcJsonRead;

JsonNode   *lc_json_parse          (const char   *data,
                                    gsize         len,
                                    gsize         max_bytes,
                                    guint         max_depth,
                                    GError      **error);
JsonObject *lc_json_parse_object   (const char   *data,
                                    gsize         len,
                                    gsize         max_bytes,
                                    guint         max_depth,
                                    GError      **error);
gboolean    lc_json_check_depth    (const char   *data,
                                    gsize         len,
                                    guint         max_depth,
                                    guint        *line);

const char *lc_json_node_type_name (JsonNode     *node);

gboolean    lc_json_read_string    (JsonObject   *object,
                                    const char   *member,
                                    LcJsonRead    flags,
                                    const char  **value,
                                    GError      **error);
gboolean    lc_json_read_int       (JsonObject   *object,
                                    const char   *member,
                                    LcJsonRead    flags,
                                    gint64        min,
                                    gint64        max,
                                    gint64       *value,
                                    GError      **error);
gboolean    lc_json_read_double    (JsonObject   *object,
                                    const char   *member,
                                    LcJsonRead    flags,
                                    double       *value,
                                    GError      **error);
gboolean    lc_json_read_boolean   (JsonObject   *object,
                                    const char   *member,
                                    LcJsonRead    flags,
                                    gboolean     *value,
                                    GError      **error);
gboolean    lc_json_read_object    (JsonObject   *object,
                                    const char   *member,
                                    LcJsonRead    flags,
                                    JsonObject  **value,
                                    GError      **error);
gboolean    lc_json_read_array     (JsonObject   *object,
                                    const char   *member,
                                    LcJsonRead    flags,
                                    JsonArray   **value,
                                    GError      **error);

G_END_DECLS
