/* lc-port-map.h — the port map widget: a swept UDP range, the sub-range under the pointer told
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lc-check-result.h"

G_BEGIN_DECLS

#define LC_TYPE_PORT_MAP (lc_port_map_get_type ())

G_DECLARE_FINAL_TYPE (LcPortMap, lc_port_map, LC, PORT_MAP, GtkWidget)

GtkWidget     *lc_port_map_new         (void);
LcCheckResult *lc_port_map_get_result  (LcPortMap     *self);
void           lc_port_map_set_result  (LcPortMap     *self,
                                        LcCheckResult *result);
char          *lc_port_map_dup_readout (LcPortMap     *self,
                                        double         x);

G_END_DECLS
