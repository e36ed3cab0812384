/* lc-json.c — members of a report: a missing text or an unmeasured figure is null
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-report"

#include "config.h"

#include <math.h>

#include "lc-json.h"

/**
 * lc_json_add_string:
 * @value: (nullable): written as null when %NULL
 */
void
lc_json_add_string (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * lc_json_add_double:
 * @value: written as null when NAN or infinite (not measured)
 * @decimals: how many decimals to keep, so that reports do not carry noise digits
 */
void
lc_json_add_double (JsonBuilder *builder,
                    const char  *member,
                    double       value,
                    int          decimals)
{
  double scale = pow (10, decimals);

  json_builder_set_member_name (builder, member);
  if (isfinite (value))
    json_builder_add_double_value (builder, round (value * scale) / scale);
  else
    json_builder_add_null_value (builder);
}
