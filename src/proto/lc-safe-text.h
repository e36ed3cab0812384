/* lc-safe-text.h — text from the network made safe to show: no control codes, bounded length
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How much of a server's words (a reason phrase, a status line, a name) a detail quotes. */
#define LC_SAFE_TEXT_MAX_CHARS 120

char     *lc_safe_text_new        (const char *untrusted,
                                   gssize      len,
                                   guint       max_chars);
char     *lc_safe_text_for_terminal (const char *text);
gboolean  lc_safe_text_is_clean   (const char *text);

G_END_DECLS
