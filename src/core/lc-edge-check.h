/* lc-edge-check.h — how near one edge of the platform is
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-check.h"

G_BEGIN_DECLS

#define LC_TYPE_EDGE_CHECK (lc_edge_check_get_type ())

G_DECLARE_FINAL_TYPE (LcEdgeCheck, lc_edge_check, LC, EDGE_CHECK, LcCheck)

LcCheck *lc_edge_check_new       (LcCheckResult *result,
                                  const char    *connect_host,
                                  guint16        connect_port,
                                  const char    *stun_host,
                                  guint16        stun_port);
double   lc_edge_check_get_score (LcEdgeCheck   *self);

G_END_DECLS
