/* lc-media-call.h — one media entry of a profile, called for real: echo or relay loopback
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lc-media-result.h"
#include "lc-profile.h"

G_BEGIN_DECLS

/* How long ICE and DTLS get to connect once the offer is out, unless set otherwise: ICE's
 * checks, then DTLS's retransmissions at 1, 2 and 4 s on a lossy path. */
#define LC_MEDIA_CALL_DEFAULT_CONNECT_TIMEOUT_MS 10000
/* No packet back for this long, mid-call: the call is interrupted. */
#define LC_MEDIA_CALL_SILENCE_SECONDS 3.0

#define LC_TYPE_MEDIA_CALL (lc_media_call_get_type ())

G_DECLARE_FINAL_TYPE (LcMediaCall, lc_media_call, LC, MEDIA_CALL, GObject)

LcMediaCall   *lc_media_call_new                    (LcProfile           *profile,
                                                     const char          *entry_id);

LcProfile     *lc_media_call_get_profile            (LcMediaCall         *self);
const char    *lc_media_call_get_entry_id           (LcMediaCall         *self);
guint          lc_media_call_get_connect_timeout_ms (LcMediaCall         *self);
void           lc_media_call_set_connect_timeout_ms (LcMediaCall         *self,
                                                     guint                timeout_ms);
const char    *lc_media_call_get_echo_plugin        (LcMediaCall         *self);
void           lc_media_call_set_echo_plugin        (LcMediaCall         *self,
                                                     const char          *plugin);
void           lc_media_call_set_sources            (LcMediaCall         *self,
                                                     const char          *audio,
                                                     const char          *video);

void           lc_media_call_run_async              (LcMediaCall         *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
LcMediaResult *lc_media_call_run_finish             (LcMediaCall         *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
