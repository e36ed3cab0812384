/* lc-safe-text.c — what a server says, shown without letting it drive a terminal or a label
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-text"

#include "config.h"

#include <string.h>

#include "lc-safe-text.h"

/* C0 and C1 controls, DEL, and the format characters that reorder or hide text
 * (bidirectional overrides, zero-width joiners): a terminal or a label would act on them. */
static gboolean
is_unsafe (gunichar c)
{
  if (c < 0x20 || (c >= 0x7f && c < 0xa0))
    return TRUE;
  if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069) || c == 0xfeff || c == 0x2028 || c == 0x2029)
    return TRUE;
  return FALSE;
}

/**
 * lc_safe_text_new:
 * @untrusted: (nullable): bytes from the network; need not be UTF-8 nor end in a NUL
 * @len: its length, or -1 when it ends in a NUL
 * @max_chars: how many characters to keep at most; longer text ends in "…"
 *
 * Invalid UTF-8 becomes U+FFFD, control and format characters become a visible `\xNN` or
 * `\u{NNNN}`, white space runs (tabs, line breaks) become one space, and the text is cut to
 * @max_chars characters. The result can go to a terminal, a label, a PDF or a report.
 *
 * Returns: (transfer full): the safe text; "" for %NULL
 */
char *
lc_safe_text_new (const char *untrusted,
                  gssize      len,
                  guint       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint chars = 0;
  gboolean space = FALSE;

  if (untrusted == NULL)
    return g_strdup ("");

  if (len < 0)
    len = strlen (untrusted);

  /* Only what can be shown is looked at: a 60 KB reason phrase costs as much as 4 × the cap. */
  if ((gsize)len > (gsize)max_chars * 4 + 4)
    len = (gssize)max_chars * 4 + 4;

  valid = g_utf8_make_valid (untrusted, len);
  out = g_string_sized_new (MIN ((gsize)len, (gsize)max_chars * 4) + 8);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (chars >= max_chars)
        {
          g_string_append (out, "…");
          break;
        }

      if (c == '\t' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
        {
          if (!space && out->len > 0)
            {
              g_string_append_c (out, ' ');
              chars++;
            }
          space = TRUE;
          continue;
        }
      space = FALSE;

      if (is_unsafe (c))
        {
          if (c < 0x100)
            g_string_append_printf (out, "\\x%02X", c);
          else
            g_string_append_printf (out, "\\u{%04X}", c);
          chars += 4;
          continue;
        }

      g_string_append_unichar (out, c);
      chars++;
    }

  /* No trailing space from a final line break. */
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/**
 * lc_safe_text_for_terminal:
 * @text: (nullable): any text about to be printed
 *
 * The last guard before a terminal: control and format characters of @text are escaped,
 * everything else (its length, its line breaks) kept.
 *
 * Returns: (transfer full): the text to print
 */
char *
lc_safe_text_for_terminal (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        g_string_append_c (out, '\n');
      else if (c == '\t')
        g_string_append_c (out, ' ');
      else if (is_unsafe (c))
        {
          if (c < 0x100)
            g_string_append_printf (out, "\\x%02X", c);
          else
            g_string_append_printf (out, "\\u{%04X}", c);
        }
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * lc_safe_text_is_clean:
 *
 * Returns: whether @text is valid UTF-8 without control or format characters (line breaks
 *   and tabs included): what lc_safe_text_new() makes
 */
gboolean
lc_safe_text_is_clean (const char *text)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_unsafe (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}
