/* fuzz-replies.c — libFuzzer target: any bytes as a server's reply (a gateway's message, a
 * STUN/TURN answer, text to show), never a crash, never unsafe text out
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "lc-janus-message.h"
#include "lc-safe-text.h"
#include "lc-stun-message.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static void
fuzz_janus (const guint8 *data,
            size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcJanusMessage) message = lc_janus_message_parse ((const char *)data, size, &error);

  /* Exactly one of the two: a message whose kind is text, or an error in words. */
  if ((message == NULL) == (error == NULL))
    __builtin_trap ();
  if (message != NULL && (message->kind == NULL || !g_utf8_validate (message->kind, -1, NULL)))
    __builtin_trap ();
  if (message != NULL && message->candidate_mline > 63)
    __builtin_trap ();
}

static void
fuzz_stun (const guint8 *data,
           size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStunMessage) message = lc_stun_message_decode (data, size, &error);
  const guint16 attributes[] = {
    LC_STUN_ATTR_XOR_MAPPED_ADDRESS, LC_STUN_ATTR_MAPPED_ADDRESS,
    LC_STUN_ATTR_XOR_RELAYED_ADDRESS, LC_STUN_ATTR_ALTERNATE_SERVER,
  };
  const char *reason = NULL;
  guint code = 0;
  guint32 lifetime;
  gsize n_unknown = 0;

  if ((message == NULL) == (error == NULL))
    __builtin_trap ();
  if (message == NULL)
    return;

  /* Every accessor the STUN client uses on an answer. */
  for (gsize i = 0; i < G_N_ELEMENTS (attributes); i++)
    g_free (lc_stun_message_dup_address_string (message, attributes[i]));
  if (lc_stun_message_get_error_code (message, &code, &reason))
    {
      g_autofree char *shown = lc_safe_text_new (reason, -1, LC_SAFE_TEXT_MAX_CHARS);

      if (!lc_safe_text_is_clean (shown))
        __builtin_trap ();
    }
  lc_stun_message_get_string (message, LC_STUN_ATTR_REALM);
  lc_stun_message_get_string (message, LC_STUN_ATTR_NONCE);
  lc_stun_message_get_uint32 (message, LC_STUN_ATTR_LIFETIME, &lifetime);
  lc_stun_message_get_unknown_attributes (message, &n_unknown);
  lc_stun_message_has_integrity (message);
  lc_stun_message_has_fingerprint (message);
}

static void
fuzz_text (const guint8 *data,
           size_t        size)
{
  g_autofree char *shown = lc_safe_text_new ((const char *)data, size, LC_SAFE_TEXT_MAX_CHARS);
  g_autofree char *terminal = NULL;
  g_autofree char *text = g_strndup ((const char *)data, size);

  if (!lc_safe_text_is_clean (shown) || g_utf8_strlen (shown, -1) > LC_SAFE_TEXT_MAX_CHARS * 5)
    __builtin_trap ();

  terminal = lc_safe_text_for_terminal (text);
  for (const char *p = terminal; *p != '\0'; p++)
    if ((*p > 0 && *p < 0x20 && *p != '\n') || *p == 0x7f)
      __builtin_trap ();
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  if (size == 0)
    return 0;

  /* The first byte chooses the parser; the rest is the reply. */
  switch (data[0] % 3)
    {
    case 0:
      fuzz_janus (data + 1, size - 1);
      break;
    case 1:
      fuzz_stun (data + 1, size - 1);
      break;
    default:
      fuzz_text (data + 1, size - 1);
      break;
    }
  return 0;
}
