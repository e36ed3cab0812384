/* lc-dtls-identity.h — one DTLS key per user, kept in the cache, instead of one per process
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  lc_dtls_identity_install (void);
char *lc_dtls_identity_path    (void);

G_END_DECLS
