/* lc-media-result.h — what one media call found: status, codecs, samples, summary (contracts §3)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lc-media-sample.h"
#include "lc-profile.h"

G_BEGIN_DECLS

/**
 * LcMediaStatus:
 * @LC_MEDIA_STATUS_PASS: the call ran its seconds with media both ways
 * @LC_MEDIA_STATUS_WARN: it ran, with a reservation (set by the quality verdict)
 * @LC_MEDIA_STATUS_FAIL: the call could not be set up, or carried no media
 * @LC_MEDIA_STATUS_SKIP: this set-up cannot make the call (no host, no credentials)
 * @LC_MEDIA_STATUS_INTERRUPTED: media flowed, then the call broke off; the samples so far stay
 *
 * A media entry's outcome (contracts §3, `media[].status`).
 */
typedef enum
{
  LC_MEDIA_STATUS_PASS,
  LC_MEDIA_STATUS_WARN,
  LC_MEDIA_STATUS_FAIL,
  LC_MEDIA_STATUS_SKIP,
  LC_MEDIA_STATUS_INTERRUPTED,
} LcMediaStatus;

const char *lc_media_status_to_string (LcMediaStatus status);

#define LC_TYPE_MEDIA_RESULT (lc_media_result_get_type ())

G_DECLARE_FINAL_TYPE (LcMediaResult, lc_media_result, LC, MEDIA_RESULT, GObject)

LcMediaResult *lc_media_result_new              (const LcMediaEntry *entry);

const char    *lc_media_result_get_id           (LcMediaResult      *self);
LcMediaVia     lc_media_result_get_via          (LcMediaResult      *self);
gboolean       lc_media_result_get_relayed      (LcMediaResult      *self);
LcTransport    lc_media_result_get_transport    (LcMediaResult      *self);
LcMediaStatus  lc_media_result_get_status       (LcMediaResult      *self);
LcCause        lc_media_result_get_cause        (LcMediaResult      *self);
const char    *lc_media_result_get_detail       (LcMediaResult      *self);
const char    *lc_media_result_get_fix          (LcMediaResult      *self);
const char * const *lc_media_result_get_codecs  (LcMediaResult      *self);
GPtrArray     *lc_media_result_get_samples      (LcMediaResult      *self);
LcMediaSample *lc_media_result_get_summary      (LcMediaResult      *self);
double         lc_media_result_get_media_seconds (LcMediaResult     *self);
double         lc_media_result_get_mos          (LcMediaResult      *self);
JsonObject    *lc_media_result_get_evidence     (LcMediaResult      *self);

void           lc_media_result_set_status       (LcMediaResult      *self,
                                                 LcMediaStatus       status,
                                                 LcCause             cause,
                                                 const char         *detail);
void           lc_media_result_set_fix          (LcMediaResult      *self,
                                                 const char         *fix);
void           lc_media_result_set_codecs       (LcMediaResult      *self,
                                                 const char * const *codecs);
void           lc_media_result_add_sample       (LcMediaResult      *self,
                                                 LcMediaSample      *sample);
void           lc_media_result_set_summary      (LcMediaResult      *self,
                                                 LcMediaSample      *summary,
                                                 double              media_seconds);
void           lc_media_result_set_mos          (LcMediaResult      *self,
                                                 double              mos);

JsonNode      *lc_media_result_to_json          (LcMediaResult      *self);
LcMediaResult *lc_media_result_new_from_json    (JsonObject         *object,
                                                 GError            **error);

G_END_DECLS
