/* lc-http-check.h — `http` and `https` rules: a real request, redirects and TLS reported
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-check.h"

G_BEGIN_DECLS

#define LC_TYPE_HTTP_CHECK (lc_http_check_get_type ())

G_DECLARE_FINAL_TYPE (LcHttpCheck, lc_http_check, LC, HTTP_CHECK, LcCheck)

LcCheck *lc_http_check_new (LcCheckResult *result,
                            gboolean       https,
                            const char    *path);

char    *lc_http_build_uri (const char    *scheme,
                            const char    *host,
                            guint16        port,
                            const char    *path);

G_END_DECLS
