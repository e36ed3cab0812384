/* fuzz-profile.c — libFuzzer target: any bytes into the profile loader, never a crash
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "lc-profile.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = lc_profile_new_from_bytes (bytes, "fuzz.json", &error);

  /* Exactly one of the two: a profile, or an error that says where. */
  if ((profile == NULL) == (error == NULL))
    __builtin_trap ();

  if (profile != NULL)
    {
      for (guint i = 0; i < lc_profile_get_n_rules (profile); i++)
        g_free (lc_rule_format_ports (lc_profile_get_rule (profile, i)));
    }

  return 0;
}
