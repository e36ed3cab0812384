/* lc-secret-guard.h — secrets kept out of GStreamer's and libnice's debug logs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  lc_secret_guard_attach  (void);
void  lc_secret_guard_protect (const char *secret);
void  lc_secret_guard_forget  (const char *secret);
char *lc_secret_guard_redact  (const char *text);

G_END_DECLS
