/* lc-media-sample.c — one second of a media call's figures, and how it reads in a report
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-media"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "lc-json.h"
#include "lc-json-reader.h"
#include "lc-media-sample.h"

G_DEFINE_BOXED_TYPE (LcMediaSample, lc_media_sample, lc_media_sample_ref, lc_media_sample_unref)

static void
lc_media_sample_clear (LcMediaSample *self)
{
  g_free (self->kind);
  g_clear_pointer (&self->streams, g_ptr_array_unref);
}

/**
 * lc_media_sample_new:
 * @kind: (nullable): %NULL for the whole call, else the stream's kind ("audio", "video")
 *
 * Returns: (transfer full): a sample with every figure unknown (NAN)
 */
LcMediaSample *
lc_media_sample_new (double      t,
                     const char *kind,
                     gboolean    loopback)
{
  LcMediaSample *self = g_atomic_rc_box_new0 (LcMediaSample);

  self->t = t;
  self->kind = g_strdup (kind);
  self->loopback = loopback;
  self->rtt_ms = self->jitter_ms = self->loss_percent = NAN;
  self->send_kbps = self->recv_kbps = self->wire_send_kbps = self->wire_recv_kbps = NAN;
  self->uplink_loss_percent = self->uplink_jitter_ms = NAN;
  self->downlink_loss_percent = self->downlink_jitter_ms = NAN;
  self->loopback_rtt_ms = self->loopback_loss_percent = self->loopback_jitter_ms = NAN;
  self->jitter_all_ms = NAN;
  return self;
}

LcMediaSample *
lc_media_sample_ref (LcMediaSample *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
lc_media_sample_unref (LcMediaSample *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify)lc_media_sample_clear);
}

/**
 * lc_media_sample_add_stream:
 * @stream: (transfer none): the figures of one stream of the call
 */
void
lc_media_sample_add_stream (LcMediaSample *self,
                            LcMediaSample *stream)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stream != NULL && stream->kind != NULL);

  if (self->streams == NULL)
    self->streams = g_ptr_array_new_with_free_func ((GDestroyNotify)lc_media_sample_unref);
  g_ptr_array_add (self->streams, lc_media_sample_ref (stream));
}

/**
 * lc_media_sample_get_stream:
 *
 * Returns: (transfer none) (nullable): the figures of the stream of @kind
 */
LcMediaSample *
lc_media_sample_get_stream (LcMediaSample *self,
                            const char    *kind)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; self->streams != NULL && i < self->streams->len; i++)
    {
      LcMediaSample *stream = g_ptr_array_index (self->streams, i);

      if (g_strcmp0 (stream->kind, kind) == 0)
        return stream;
    }

  return NULL;
}

static void
add_sample (JsonBuilder   *builder,
            LcMediaSample *self,
            gboolean       with_t)
{
  json_builder_begin_object (builder);

  if (self->kind != NULL)
    {
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, self->kind);
    }
  if (with_t)
    lc_json_add_double (builder, "t", self->t, 2);

  lc_json_add_double (builder, "rtt_ms", self->rtt_ms, 2);
  lc_json_add_double (builder, "jitter_ms", self->jitter_ms, 2);
  lc_json_add_double (builder, "loss_percent", self->loss_percent, 2);
  lc_json_add_double (builder, "send_kbps", self->send_kbps, 2);
  lc_json_add_double (builder, "recv_kbps", self->recv_kbps, 2);
  lc_json_add_double (builder, "wire_send_kbps", self->wire_send_kbps, 2);
  lc_json_add_double (builder, "wire_recv_kbps", self->wire_recv_kbps, 2);

  if (self->loopback)
    {
      lc_json_add_double (builder, "loopback_rtt_ms", self->loopback_rtt_ms, 2);
      lc_json_add_double (builder, "loopback_loss_percent", self->loopback_loss_percent, 2);
      lc_json_add_double (builder, "loopback_jitter_ms", self->loopback_jitter_ms, 2);
      lc_json_add_double (builder, "loopback_jitter_all_ms", self->jitter_all_ms, 2);
    }
  else
    {
      json_builder_set_member_name (builder, "uplink");
      json_builder_begin_object (builder);
      lc_json_add_double (builder, "loss_percent", self->uplink_loss_percent, 2);
      lc_json_add_double (builder, "jitter_ms", self->uplink_jitter_ms, 2);
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "downlink");
      json_builder_begin_object (builder);
      lc_json_add_double (builder, "loss_percent", self->downlink_loss_percent, 2);
      lc_json_add_double (builder, "jitter_ms", self->downlink_jitter_ms, 2);
      lc_json_add_double (builder, "jitter_all_ms", self->jitter_all_ms, 2);
      json_builder_end_object (builder);
    }

  if (self->streams != NULL && self->streams->len > 0)
    {
      json_builder_set_member_name (builder, "streams");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->streams->len; i++)
        add_sample (builder, g_ptr_array_index (self->streams, i), FALSE);
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
}

/**
 * lc_media_sample_to_json:
 * @with_t: write `t` (a sample); a summary leaves it out
 *
 * Returns: (transfer full): the sample as contracts §3 writes it: unknown figures are `null`,
 *   the direction or loopback figures beside the per-path ones, and the streams
 */
JsonNode *
lc_media_sample_to_json (LcMediaSample *self,
                         gboolean       with_t)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  add_sample (builder, self, with_t);
  return json_builder_get_root (builder);
}

static gboolean
read_figures (JsonObject  *object,
              const char  *prefix,
              const char **members,
              double     **values,
              GError     **error)
{
  for (guint i = 0; members[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!lc_json_read_double (object, members[i], LC_JSON_OPTIONAL, values[i], &local_error))
        {
          g_set_error (error, LC_JSON_ERROR, local_error->code, "%s%s", prefix,
                       local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * lc_media_sample_new_from_json:
 * @object: a sample or summary as lc_media_sample_to_json() writes it (a stored report's)
 *
 * A figure that is `null` or absent is unknown (NAN), as it was when written.
 *
 * Returns: (transfer full) (nullable): the sample, or %NULL with @error (%LC_JSON_ERROR)
 */
LcMediaSample *
lc_media_sample_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(LcMediaSample) self = NULL;
  const char *kind = NULL;
  double t = NAN;
  JsonObject *uplink = NULL, *downlink = NULL;
  JsonArray *streams = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  if (!lc_json_read_string (object, "kind", LC_JSON_OPTIONAL, &kind, error) ||
      !lc_json_read_double (object, "t", LC_JSON_OPTIONAL, &t, error))
    return NULL;

  self = lc_media_sample_new (t, kind, json_object_has_member (object, "loopback_rtt_ms"));

  {
    const char *members[] = { "rtt_ms", "jitter_ms", "loss_percent", "send_kbps", "recv_kbps",
                              "wire_send_kbps", "wire_recv_kbps", "loopback_rtt_ms",
                              "loopback_loss_percent", "loopback_jitter_ms", NULL };
    double *values[] = { &self->rtt_ms, &self->jitter_ms, &self->loss_percent, &self->send_kbps,
                         &self->recv_kbps, &self->wire_send_kbps, &self->wire_recv_kbps,
                         &self->loopback_rtt_ms, &self->loopback_loss_percent,
                         &self->loopback_jitter_ms };

    if (!read_figures (object, "", members, values, error))
      return NULL;
  }

  if (!lc_json_read_object (object, "uplink", LC_JSON_OPTIONAL, &uplink, error) ||
      !lc_json_read_object (object, "downlink", LC_JSON_OPTIONAL, &downlink, error) ||
      !lc_json_read_array (object, "streams", LC_JSON_OPTIONAL, &streams, error))
    return NULL;

  if (uplink != NULL)
    {
      const char *members[] = { "loss_percent", "jitter_ms", NULL };
      double *values[] = { &self->uplink_loss_percent, &self->uplink_jitter_ms };

      if (!read_figures (uplink, "uplink: ", members, values, error))
        return NULL;
    }
  if (downlink != NULL)
    {
      const char *members[] = { "loss_percent", "jitter_ms", NULL };
      double *values[] = { &self->downlink_loss_percent, &self->downlink_jitter_ms };

      if (!read_figures (downlink, "downlink: ", members, values, error))
        return NULL;
    }

  for (guint i = 0; streams != NULL && i < json_array_get_length (streams); i++)
    {
      JsonNode *node = json_array_get_element (streams, i);
      g_autoptr(LcMediaSample) stream = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_TYPE,
                       _("streams[%u]: expected an object"), i);
          return NULL;
        }
      stream = lc_media_sample_new_from_json (json_node_get_object (node), error);
      if (stream == NULL)
        return NULL;
      if (stream->kind == NULL)
        {
          g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_MISSING,
                       _("streams[%u]: a stream says its “kind”"), i);
          return NULL;
        }
      lc_media_sample_add_stream (self, stream);
    }

  return g_steal_pointer (&self);
}
