/* lc-media-result.c — the outcome of one media entry, as the report's `media[]` writes it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-media"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lc-json-reader.h"
#include "lc-media-result.h"

struct _LcMediaResult
{
  GObject        parent_instance;

  char          *id;
  LcMediaVia     via;
  gboolean       relayed;
  LcTransport    transport;
  LcMediaStatus  status;
  LcCause        cause;
  char          *detail;
  char          *fix;
  GStrv          codecs;
  GPtrArray     *samples;
  LcMediaSample *summary;
  double         media_seconds;
  double         mos;
  JsonObject    *evidence;
};

G_DEFINE_FINAL_TYPE (LcMediaResult, lc_media_result, G_TYPE_OBJECT)

static const char * const status_names[] = {
  [LC_MEDIA_STATUS_PASS] = "pass",
  [LC_MEDIA_STATUS_WARN] = "warn",
  [LC_MEDIA_STATUS_FAIL] = "fail",
  [LC_MEDIA_STATUS_SKIP] = "skip",
  [LC_MEDIA_STATUS_INTERRUPTED] = "interrupted",
};

const char *
lc_media_status_to_string (LcMediaStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

static void
lc_media_result_finalize (GObject *object)
{
  LcMediaResult *self = LC_MEDIA_RESULT (object);

  g_free (self->id);
  g_free (self->detail);
  g_free (self->fix);
  g_strfreev (self->codecs);
  g_ptr_array_unref (self->samples);
  g_clear_pointer (&self->summary, lc_media_sample_unref);
  json_object_unref (self->evidence);

  G_OBJECT_CLASS (lc_media_result_parent_class)->finalize (object);
}

static void
lc_media_result_class_init (LcMediaResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_media_result_finalize;
}

static void
lc_media_result_init (LcMediaResult *self)
{
  self->samples = g_ptr_array_new_with_free_func ((GDestroyNotify)lc_media_sample_unref);
  self->evidence = json_object_new ();
  self->codecs = g_new0 (char *, 1);
  self->status = LC_MEDIA_STATUS_FAIL;
  self->mos = NAN;
}

/**
 * lc_media_result_new:
 * @entry: the profile's media entry the result is for
 *
 * Returns: (transfer full): a result that says "fail" until the call says otherwise
 */
LcMediaResult *
lc_media_result_new (const LcMediaEntry *entry)
{
  LcMediaResult *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (LC_TYPE_MEDIA_RESULT, NULL);
  self->id = g_strdup (entry->id);
  self->via = entry->via;
  self->relayed = entry->via == LC_MEDIA_VIA_TURN || entry->relay;
  self->transport = entry->transport;
  return self;
}

const char *
lc_media_result_get_id (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), NULL);
  return self->id;
}

LcMediaVia
lc_media_result_get_via (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), LC_MEDIA_VIA_ECHO);
  return self->via;
}

/* Over what the relay carried the media, when it was relayed. */
LcTransport
lc_media_result_get_transport (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), LC_TRANSPORT_UDP);
  return self->transport;
}

/* Whether the media went through the TURN relay (a "turn" entry, or an echo with relay). */
gboolean
lc_media_result_get_relayed (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), FALSE);
  return self->relayed;
}

LcMediaStatus
lc_media_result_get_status (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), LC_MEDIA_STATUS_FAIL);
  return self->status;
}

LcCause
lc_media_result_get_cause (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), LC_CAUSE_NONE);
  return self->cause;
}

/* What happened, in a sentence a person can read out. */
const char *
lc_media_result_get_detail (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), NULL);
  return self->detail;
}

const char *
lc_media_result_get_fix (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), NULL);
  return self->fix;
}

/**
 * lc_media_result_get_codecs:
 *
 * Returns: (transfer none): the codecs the peers really negotiated ("opus", "vp8"), empty
 *   when the call never got that far
 */
const char * const *
lc_media_result_get_codecs (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), NULL);
  return (const char * const *)self->codecs;
}

/**
 * lc_media_result_get_samples:
 *
 * Returns: (transfer none) (element-type LcMediaSample): one sample per second of media
 */
GPtrArray *
lc_media_result_get_samples (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), NULL);
  return self->samples;
}

/**
 * lc_media_result_get_summary:
 *
 * Returns: (transfer none) (nullable): the figures over the whole call, %NULL before it ran
 */
LcMediaSample *
lc_media_result_get_summary (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), NULL);
  return self->summary;
}

/* How long media flowed, in seconds: for "interrupted after N s". */
double
lc_media_result_get_media_seconds (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), 0);
  return self->media_seconds;
}

double
lc_media_result_get_mos (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), NAN);
  return self->mos;
}

/**
 * lc_media_result_get_evidence:
 *
 * Returns: (transfer none): what the call saw: addresses, candidates, the selected pair,
 *   the gateway, timings; the report writes it as `evidence`
 */
JsonObject *
lc_media_result_get_evidence (LcMediaResult *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), NULL);
  return self->evidence;
}

/**
 * lc_media_result_set_status:
 * @cause: why it did not pass (%LC_CAUSE_NONE for a pass)
 * @detail: (nullable): what happened, in words a person can act on
 */
void
lc_media_result_set_status (LcMediaResult *self,
                            LcMediaStatus  status,
                            LcCause        cause,
                            const char    *detail)
{
  char *copy;

  g_return_if_fail (LC_IS_MEDIA_RESULT (self));
  g_return_if_fail (status < G_N_ELEMENTS (status_names));

  copy = g_strdup (detail);
  g_free (self->detail);
  self->detail = copy;
  self->status = status;
  self->cause = cause;
}

void
lc_media_result_set_fix (LcMediaResult *self,
                         const char    *fix)
{
  char *copy;

  g_return_if_fail (LC_IS_MEDIA_RESULT (self));

  copy = g_strdup (fix);
  g_free (self->fix);
  self->fix = copy;
}

void
lc_media_result_set_codecs (LcMediaResult      *self,
                            const char * const *codecs)
{
  g_return_if_fail (LC_IS_MEDIA_RESULT (self));
  g_return_if_fail (codecs != NULL);

  g_strfreev (self->codecs);
  self->codecs = g_strdupv ((char **)codecs);
}

/**
 * lc_media_result_add_sample:
 * @sample: (transfer none): the figures of the next second
 */
void
lc_media_result_add_sample (LcMediaResult *self,
                            LcMediaSample *sample)
{
  g_return_if_fail (LC_IS_MEDIA_RESULT (self));
  g_return_if_fail (sample != NULL);

  g_ptr_array_add (self->samples, lc_media_sample_ref (sample));
}

/**
 * lc_media_result_set_summary:
 * @summary: (transfer none): the figures over the whole call
 * @media_seconds: how long media flowed
 */
void
lc_media_result_set_summary (LcMediaResult *self,
                             LcMediaSample *summary,
                             double         media_seconds)
{
  g_return_if_fail (LC_IS_MEDIA_RESULT (self));
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&self->summary, lc_media_sample_unref);
  self->summary = lc_media_sample_ref (summary);
  self->media_seconds = media_seconds;
}

/**
 * lc_media_result_set_mos:
 * @mos: the call's mean opinion score, or NAN when it cannot be computed
 *
 * The media engine leaves the MOS unknown: the quality module (lc-quality.h,
 * lc_quality_mos()) computes it from the summary's rtt, jitter and loss and sets it here.
 */
void
lc_media_result_set_mos (LcMediaResult *self,
                         double         mos)
{
  g_return_if_fail (LC_IS_MEDIA_RESULT (self));
  self->mos = mos;
}

/**
 * lc_media_result_to_json:
 *
 * Returns: (transfer full): the entry of the report's `media` array (contracts §3): id,
 *   status, codecs, summary (with `mos`), samples, and beside them via, relayed, detail,
 *   cause, fix, media_seconds and evidence. Unknown figures are `null`. No secret is in it.
 */
JsonNode *
lc_media_result_to_json (LcMediaResult *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (LC_IS_MEDIA_RESULT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, lc_media_status_to_string (self->status));
  json_builder_set_member_name (builder, "via");
  json_builder_add_string_value (builder, self->via == LC_MEDIA_VIA_ECHO ? "echo" : "turn");
  json_builder_set_member_name (builder, "relayed");
  json_builder_add_boolean_value (builder, self->relayed);
  if (self->relayed)
    {
      json_builder_set_member_name (builder, "transport");
      json_builder_add_string_value (builder, lc_transport_to_string (self->transport));
    }

  json_builder_set_member_name (builder, "codecs");
  json_builder_begin_array (builder);
  for (guint i = 0; self->codecs[i] != NULL; i++)
    json_builder_add_string_value (builder, self->codecs[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "media_seconds");
  json_builder_add_double_value (builder, round (self->media_seconds * 100.0) / 100.0);

  json_builder_set_member_name (builder, "detail");
  if (self->detail != NULL)
    json_builder_add_string_value (builder, self->detail);
  else
    json_builder_add_null_value (builder);

  if (self->status != LC_MEDIA_STATUS_PASS)
    {
      json_builder_set_member_name (builder, "cause");
      json_builder_add_string_value (builder, lc_cause_to_string (self->cause));
      if (self->fix != NULL)
        {
          json_builder_set_member_name (builder, "fix");
          json_builder_add_string_value (builder, self->fix);
        }
    }

  json_builder_set_member_name (builder, "summary");
  if (self->summary != NULL)
    {
      JsonNode *summary = lc_media_sample_to_json (self->summary, FALSE);

      /* The MOS belongs to the quality module: null until it has set one. */
      if (isfinite (self->mos))
        json_object_set_double_member (json_node_get_object (summary), "mos",
                                       round (self->mos * 100.0) / 100.0);
      else
        json_object_set_null_member (json_node_get_object (summary), "mos");
      json_builder_add_value (builder, summary);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "samples");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->samples->len; i++)
    json_builder_add_value (builder, lc_media_sample_to_json (g_ptr_array_index (self->samples, i),
                                                              TRUE));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "evidence");
  json_builder_add_value (builder, json_node_init_object (json_node_alloc (), self->evidence));

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
read_sample (JsonNode        *node,
             const char      *what,
             LcMediaSample  **sample,
             GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_TYPE, _("%s: expected an object"), what);
      return FALSE;
    }
  *sample = lc_media_sample_new_from_json (json_node_get_object (node), &local_error);
  if (*sample == NULL)
    {
      g_set_error (error, LC_JSON_ERROR, local_error->code, "%s: %s", what, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * lc_media_result_new_from_json:
 * @object: a call as lc_media_result_to_json() writes it (a stored report's `media[]`)
 *
 * Reads back what was stored, as it was: samples, summary, MOS and status are not judged again.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error (%LC_JSON_ERROR)
 */
LcMediaResult *
lc_media_result_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(LcMediaResult) self = NULL;
  const char *id = NULL, *status = NULL, *via = "echo", *transport = NULL, *detail = NULL;
  const char *cause = NULL, *fix = NULL;
  gboolean relayed = FALSE;
  double media_seconds = 0;
  JsonArray *codecs = NULL, *samples = NULL;
  JsonObject *summary = NULL, *evidence = NULL;
  gboolean known_status = FALSE;

  g_return_val_if_fail (object != NULL, NULL);

  if (!lc_json_read_string (object, "id", LC_JSON_REQUIRED, &id, error) ||
      !lc_json_read_string (object, "status", LC_JSON_REQUIRED, &status, error) ||
      !lc_json_read_string (object, "via", LC_JSON_OPTIONAL, &via, error) ||
      !lc_json_read_boolean (object, "relayed", LC_JSON_OPTIONAL, &relayed, error) ||
      !lc_json_read_string (object, "transport", LC_JSON_OPTIONAL, &transport, error) ||
      !lc_json_read_array (object, "codecs", LC_JSON_OPTIONAL, &codecs, error) ||
      !lc_json_read_double (object, "media_seconds", LC_JSON_OPTIONAL, &media_seconds, error) ||
      !lc_json_read_string (object, "detail", LC_JSON_OPTIONAL, &detail, error) ||
      !lc_json_read_string (object, "cause", LC_JSON_OPTIONAL, &cause, error) ||
      !lc_json_read_string (object, "fix", LC_JSON_OPTIONAL, &fix, error) ||
      !lc_json_read_object (object, "summary", LC_JSON_OPTIONAL, &summary, error) ||
      !lc_json_read_array (object, "samples", LC_JSON_OPTIONAL, &samples, error) ||
      !lc_json_read_object (object, "evidence", LC_JSON_OPTIONAL, &evidence, error))
    return NULL;

  self = g_object_new (LC_TYPE_MEDIA_RESULT, NULL);
  self->id = g_strdup (id);
  for (guint i = 0; i < G_N_ELEMENTS (status_names) && !known_status; i++)
    if (g_strcmp0 (status, status_names[i]) == 0)
      {
        self->status = i;
        known_status = TRUE;
      }
  if (!known_status)
    {
      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_RANGE, _("“status” “%s” is not known"),
                   status);
      return NULL;
    }
  self->via = g_strcmp0 (via, "turn") == 0 ? LC_MEDIA_VIA_TURN : LC_MEDIA_VIA_ECHO;
  self->relayed = relayed;
  self->transport = g_strcmp0 (transport, "tls") == 0 ? LC_TRANSPORT_TLS
                    : g_strcmp0 (transport, "tcp") == 0 ? LC_TRANSPORT_TCP : LC_TRANSPORT_UDP;
  if (cause != NULL && !lc_cause_from_string (cause, &self->cause))
    {
      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_RANGE, _("“cause” “%s” is not known"),
                   cause);
      return NULL;
    }
  self->detail = g_strdup (detail);
  self->fix = g_strdup (fix);
  self->media_seconds = media_seconds;

  if (codecs != NULL)
    {
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (codecs); i++)
        {
          JsonNode *node = json_array_get_element (codecs, i);

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            {
              g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_TYPE,
                           _("codecs[%u]: expected a string"), i);
              return NULL;
            }
          g_strv_builder_add (names, json_node_get_string (node));
        }
      g_strfreev (self->codecs);
      self->codecs = g_strv_builder_end (names);
    }

  if (summary != NULL)
    {
      JsonNode *summary_node = json_object_get_member (object, "summary");
      double mos = NAN;

      if (!read_sample (summary_node, "summary", &self->summary, error) ||
          !lc_json_read_double (summary, "mos", LC_JSON_OPTIONAL, &mos, error))
        return NULL;
      self->mos = mos;
    }

  for (guint i = 0; samples != NULL && i < json_array_get_length (samples); i++)
    {
      g_autofree char *what = g_strdup_printf ("samples[%u]", i);
      LcMediaSample *sample = NULL;

      if (!read_sample (json_array_get_element (samples, i), what, &sample, error))
        return NULL;
      g_ptr_array_add (self->samples, sample);
    }

  if (evidence != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (evidence);

      for (const GList *l = members; l != NULL; l = l->next)
        json_object_set_member (self->evidence, l->data,
                                json_node_copy (json_object_get_member (evidence, l->data)));
    }

  return g_steal_pointer (&self);
}
