/* lc-result-code-private.h — the raw payload, for the tests that build codes no encoder writes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-result-code.h"

G_BEGIN_DECLS

/* Bits of the payload; the first character's top bit is the payload's top bit. */
#define _LC_RESULT_CODE_PAYLOAD_BITS 60

char *_lc_result_code_encode_payload (guint64 payload);

G_END_DECLS
