/* lc-janus-message.c — a gateway's message parsed once, every member's type checked
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-janus"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lc-janus-message.h"
#include "lc-json-reader.h"

void
lc_janus_message_free (LcJanusMessage *message)
{
  if (message == NULL)
    return;
  g_clear_pointer (&message->root, json_object_unref);
  g_free (message);
}

/* Ids are positive 53-bit integers in the gateway (JavaScript-safe). */
#define MAX_ID G_GINT64_CONSTANT (9007199254740991)

static gboolean
read_id (JsonObject  *object,
         const char  *member,
         guint64     *value,
         GError     **error)
{
  gint64 id = 0;

  if (!lc_json_read_int (object, member, LC_JSON_OPTIONAL, 0, MAX_ID, &id, error))
    return FALSE;
  *value = (guint64)id;
  return TRUE;
}

static gboolean
parse_members (LcJanusMessage  *m,
               GError         **error)
{
  JsonObject *root = m->root;
  JsonObject *data = NULL;
  JsonObject *failure = NULL;
  JsonObject *plugindata = NULL;
  JsonObject *jsep = NULL;
  JsonObject *candidate = NULL;
  gint64 mline = 0;

  if (!lc_json_read_string (root, "janus", LC_JSON_REQUIRED, &m->kind, error) ||
      !lc_json_read_string (root, "transaction", LC_JSON_OPTIONAL, &m->transaction, error) ||
      !read_id (root, "sender", &m->sender, error) ||
      !lc_json_read_string (root, "reason", LC_JSON_OPTIONAL, &m->reason, error) ||
      !lc_json_read_string (root, "name", LC_JSON_OPTIONAL, &m->name, error) ||
      !lc_json_read_string (root, "version_string", LC_JSON_OPTIONAL, &m->version_string,
                            error))
    return FALSE;

  if (!lc_json_read_object (root, "data", LC_JSON_OPTIONAL, &data, error) ||
      (data != NULL && !read_id (data, "id", &m->data_id, error)))
    return FALSE;

  if (!lc_json_read_object (root, "error", LC_JSON_OPTIONAL, &failure, error) ||
      (failure != NULL &&
       (!lc_json_read_int (failure, "code", LC_JSON_OPTIONAL, G_MININT32, G_MAXINT32,
                           &m->error_code, error) ||
        !lc_json_read_string (failure, "reason", LC_JSON_OPTIONAL, &m->error_reason, error))))
    return FALSE;

  if (!lc_json_read_object (root, "plugindata", LC_JSON_OPTIONAL, &plugindata, error) ||
      (plugindata != NULL &&
       !lc_json_read_object (plugindata, "data", LC_JSON_OPTIONAL, &m->plugin_data, error)))
    return FALSE;

  if (m->plugin_data != NULL &&
      (!lc_json_read_int (m->plugin_data, "error_code", LC_JSON_OPTIONAL, G_MININT32, G_MAXINT32,
                          &m->plugin_error_code, error) ||
       !lc_json_read_string (m->plugin_data, "error", LC_JSON_OPTIONAL, &m->plugin_error,
                             error)))
    return FALSE;

  if (!lc_json_read_object (root, "jsep", LC_JSON_OPTIONAL, &jsep, error) ||
      (jsep != NULL &&
       (!lc_json_read_string (jsep, "type", LC_JSON_OPTIONAL, &m->jsep_type, error) ||
        !lc_json_read_string (jsep, "sdp", LC_JSON_OPTIONAL, &m->jsep_sdp, error))))
    return FALSE;

  if (!lc_json_read_object (root, "candidate", LC_JSON_OPTIONAL, &candidate, error) ||
      (candidate != NULL &&
       (!lc_json_read_string (candidate, "candidate", LC_JSON_OPTIONAL, &m->candidate, error) ||
        !lc_json_read_int (candidate, "sdpMLineIndex", LC_JSON_OPTIONAL, 0, 63, &mline, error) ||
        !lc_json_read_boolean (candidate, "completed", LC_JSON_OPTIONAL,
                               &m->candidates_completed, error))))
    return FALSE;
  m->candidate_mline = (guint)mline;

  return TRUE;
}

/**
 * lc_janus_message_parse:
 * @data: one WebSocket text message from the gateway
 *
 * Returns: (transfer full): the message, or %NULL with @error (%LC_JSON_ERROR) saying what is
 *   wrong with it, in words
 */
LcJanusMessage *
lc_janus_message_parse (const char  *data,
                        gsize        len,
                        GError     **error)
{
  g_autoptr(LcJanusMessage) message = g_new0 (LcJanusMessage, 1);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  message->root = lc_json_parse_object (data, len, LC_JANUS_MESSAGE_MAX_BYTES,
                                        LC_JANUS_MESSAGE_MAX_DEPTH, error);
  if (message->root == NULL || !parse_members (message, error))
    return NULL;

  return g_steal_pointer (&message);
}
