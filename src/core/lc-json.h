/* lc-json.h — writing reports: what was not measured is null, never a made-up value
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void lc_json_add_string (JsonBuilder *builder,
                         const char  *member,
                         const char  *value);
void lc_json_add_double (JsonBuilder *builder,
                         const char  *member,
                         double       value,
                         int          decimals);

G_END_DECLS
