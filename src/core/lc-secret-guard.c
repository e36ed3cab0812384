/* lc-secret-guard.c — what GStreamer and libnice log passes through here, TURN passwords masked
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * webrtcbin and its ICE layer log the whole TURN URL (user:password@host) at DEBUG level, and
 * libnice logs "user/pass : …" when it adds a relay: with GST_DEBUG=*:5 or NICE_DEBUG a run
 * would print the credential. Neither has an option against it, but both log through
 * functions that can be replaced: GStreamer's log function and GLib's handler for the
 * "libnice" domain. Both are swapped here for ones that mask every protected secret and pass
 * the rest on unchanged.
 */
#define G_LOG_DOMAIN "linecheck-media"

#include "config.h"

#include <string.h>
#include <gst/gst.h>

#include "lc-secret-guard.h"

#define MASK "********"

static GMutex lock;
static GPtrArray *secrets;   /* char *, each possibly several times (protect counts) */
static gboolean nice_installed;

static gboolean
holds_secret (const char *text)
{
  gboolean found = FALSE;

  if (text == NULL)
    return FALSE;

  g_mutex_lock (&lock);
  for (guint i = 0; secrets != NULL && i < secrets->len && !found; i++)
    found = strstr (text, g_ptr_array_index (secrets, i)) != NULL;
  g_mutex_unlock (&lock);
  return found;
}

/**
 * lc_secret_guard_redact:
 *
 * Returns: (transfer full): @text with every protected secret replaced by asterisks
 */
char *
lc_secret_guard_redact (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;

  out = g_string_new (text);
  g_mutex_lock (&lock);
  for (guint i = 0; secrets != NULL && i < secrets->len; i++)
    g_string_replace (out, g_ptr_array_index (secrets, i), MASK, 0);
  g_mutex_unlock (&lock);
  return g_string_free (out, FALSE);
}

static void
log_gstreamer (GstDebugCategory *category,
               GstDebugLevel     level,
               const char       *file,
               const char       *function,
               gint              line,
               GObject          *object,
               GstDebugMessage  *message,
               gpointer          user_data)
{
  const char *text = gst_debug_message_get (message);
  g_autofree char *redacted = NULL;

  if (!holds_secret (text))
    {
      gst_debug_log_default (category, level, file, function, line, object, message, NULL);
      return;
    }

  /* Logged again, masked: this function sees it once more and passes it on. */
  redacted = lc_secret_guard_redact (text);
  gst_debug_log_literal (category, level, file, function, line, object, redacted);
}

static void
log_libnice (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        user_data)
{
  g_autofree char *redacted = lc_secret_guard_redact (message);

  g_log_default_handler (domain, level, redacted, NULL);
}

/**
 * lc_secret_guard_attach:
 *
 * Puts the masking log function in GStreamer's place. Call it right after gst_init(), before
 * any pipeline runs: GStreamer 1.22 frees the entry of a log function it removes while other
 * threads may still be calling through it (a pipeline stopping on another thread, logging at
 * DEBUG level, called freed memory). Later calls do nothing.
 */
void
lc_secret_guard_attach (void)
{
  static gsize attached = 0;

  g_return_if_fail (gst_is_initialized ());

  if (g_once_init_enter (&attached))
    {
      gst_debug_add_log_function (log_gstreamer, NULL, NULL);
      gst_debug_remove_log_function (gst_debug_log_default);
      g_once_init_leave (&attached, 1);
    }
}

/* On the thread that sets calls up (the main thread). */
static void
install (void)
{
  if (gst_is_initialized ())
    lc_secret_guard_attach (); /* done at gst_init() already, normally */
  if (!nice_installed)
    {
      nice_installed = TRUE;
      g_log_set_handler ("libnice", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                         log_libnice, NULL);
    }
}

/**
 * lc_secret_guard_protect:
 * @secret: (nullable): a password, and each form it is written in (URL-escaped…)
 *
 * From now on GStreamer's and libnice's logs show asterisks where @secret would be, until
 * lc_secret_guard_forget(). Needs gst_init() first.
 */
void
lc_secret_guard_protect (const char *secret)
{
  if (secret == NULL || *secret == '\0')
    return;

  g_mutex_lock (&lock);
  if (secrets == NULL)
    secrets = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (secrets, g_strdup (secret));
  g_mutex_unlock (&lock);

  /* Outside the lock: adding a log function logs, through the new function. */
  install ();
}

/**
 * lc_secret_guard_forget:
 *
 * Undoes one lc_secret_guard_protect() of @secret.
 */
void
lc_secret_guard_forget (const char *secret)
{
  if (secret == NULL || *secret == '\0')
    return;

  g_mutex_lock (&lock);
  for (guint i = 0; secrets != NULL && i < secrets->len; i++)
    {
      char *held = g_ptr_array_index (secrets, i);

      if (g_str_equal (held, secret))
        {
          memset (held, 0, strlen (held));
          g_ptr_array_remove_index (secrets, i);
          break;
        }
    }
  g_mutex_unlock (&lock);
}
