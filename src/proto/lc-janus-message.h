/* lc-janus-message.h — one message from a video gateway (janus-protocol), read with types checked
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A gateway's message is a few kB (an SDP at most); deeper than this is no gateway's. */
#define LC_JANUS_MESSAGE_MAX_BYTES (256 * 1024)
#define LC_JANUS_MESSAGE_MAX_DEPTH 16

/**
 * LcJanusMessage:
 * @root: the whole message
 * @kind: the `janus` member ("success", "event", "trickle"…); never %NULL
 * @transaction: (nullable): the transaction it answers
 * @sender: the plugin handle it comes from, 0 if none
 * @data_id: `data.id` (the id of a created session or an attached handle), 0 if none
 * @error_code: `error.code`, 0 if none
 * @error_reason: (nullable): `error.reason`
 * @plugin_data: (nullable): `plugindata.data`
 * @plugin_error_code: `plugindata.data.error_code`, 0 if none
 * @plugin_error: (nullable): `plugindata.data.error`
 * @jsep_type: (nullable): `jsep.type`
 * @jsep_sdp: (nullable): `jsep.sdp`
 * @candidate: (nullable): a trickle's `candidate.candidate`
 * @candidate_mline: a trickle's `candidate.sdpMLineIndex`, 0 if none
 * @candidates_completed: a trickle's `candidate.completed`
 * @reason: (nullable): a hangup's `reason`
 * @name: (nullable): a server_info's `name`
 * @version_string: (nullable): a server_info's `version_string`
 *
 * Every member is checked for its type when it is there: a message with `"janus": 1` or
 * `"name": 7` is refused with words, never read as a NULL string. Whether a member that a
 * particular answer needs is there is for the caller to say. Strings borrow from @root.
 */
typedef struct
{
  JsonObject *root;
  const char *kind;
  const char *transaction;
  guint64     sender;
  guint64     data_id;
  gint64      error_code;
  const char *error_reason;
  JsonObject *plugin_data;
  gint64      plugin_error_code;
  const char *plugin_error;
  const char *jsep_type;
  const char *jsep_sdp;
  const char *candidate;
  guint       candidate_mline;
  gboolean    candidates_completed;
  const char *reason;
  const char *name;
  const char *version_string;
} LcJanusMessage;

LcJanusMessage *lc_janus_message_parse (const char     *data,
                                        gsize           len,
                                        GError        **error);
void            lc_janus_message_free  (LcJanusMessage *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcJanusMessage, lc_janus_message_free)

G_END_DECLS
