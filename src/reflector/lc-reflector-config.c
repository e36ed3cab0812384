/* lc-reflector-config.c — reads and checks linecheck-reflector's settings (contracts §5)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-reflector"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lc-file-reader.h"
#include "lc-probe-token.h"
#include "lc-reflector-config.h"

/* A secret, a key file, a certificate: none is anywhere near this large. */
#define MAX_SECRET_BYTES 4096
#define MAX_CONFIG_BYTES (64 * 1024)
#define MAX_PEM_BYTES (256 * 1024)

static const char * const setting_names[] = {
  "ports", "secret-file", "address", "token-port", "cert", "key", NULL
};

LcReflectorConfig *
lc_reflector_config_new (void)
{
  LcReflectorConfig *config = g_new0 (LcReflectorConfig, 1);

  config->ranges = g_array_new (FALSE, FALSE, sizeof (LcPortRange));
  return config;
}

void
lc_reflector_config_free (LcReflectorConfig *config)
{
  if (config == NULL)
    return;
  g_array_unref (config->ranges);
  g_free (config->address);
  g_free (config->secret_file);
  g_free (config->cert_file);
  g_free (config->key_file);
  g_clear_pointer (&config->secret, g_bytes_unref);
  g_clear_object (&config->certificate);
  g_free (config);
}

static gboolean
parse_port (const char  *text,
            guint16     *port,
            GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 65535, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a port (1–65535)"), text);
      return FALSE;
    }
  *port = (guint16)value;
  return TRUE;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const LcPortRange *x = a, *y = b;

  return (int)x->first - (int)y->first;
}

/**
 * lc_port_ranges_parse:
 * @text: "FIRST-LAST" or one port, comma-separated: "10000-20000,19099-20099"
 * @ranges: (element-type LcPortRange): where the ranges go, sorted and merged
 */
gboolean
lc_port_ranges_parse (const char  *text,
                      GArray      *ranges,
                      GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GArray) parsed = g_array_new (FALSE, FALSE, sizeof (LcPortRange));

  g_return_val_if_fail (text != NULL && ranges != NULL, FALSE);

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) bounds = g_strsplit (g_strstrip (parts[i]), "-", 3);
      LcPortRange range;

      if (bounds[0] == NULL || *bounds[0] == '\0' || (bounds[1] != NULL && bounds[2] != NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a port or a range FIRST-LAST"), parts[i]);
          return FALSE;
        }
      if (!parse_port (g_strstrip (bounds[0]), &range.first, error))
        return FALSE;
      range.last = range.first;
      if (bounds[1] != NULL && !parse_port (g_strstrip (bounds[1]), &range.last, error))
        return FALSE;
      if (range.last < range.first)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("the range “%s” ends before it begins"), parts[i]);
          return FALSE;
        }
      g_array_append_val (parsed, range);
    }

  g_array_sort (parsed, compare_ranges);
  g_array_set_size (ranges, 0);
  for (guint i = 0; i < parsed->len; i++)
    {
      LcPortRange *range = &g_array_index (parsed, LcPortRange, i);
      LcPortRange *prev = ranges->len ? &g_array_index (ranges, LcPortRange, ranges->len - 1)
                                      : NULL;

      if (prev != NULL && (guint)range->first <= (guint)prev->last + 1)
        prev->last = MAX (prev->last, range->last);
      else
        g_array_append_val (ranges, *range);
    }
  return TRUE;
}

/**
 * lc_port_ranges_format:
 *
 * Returns: (transfer full): "10000-20099", the ranges as --ports takes them
 */
char *
lc_port_ranges_format (GArray *ranges)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ranges->len; i++)
    {
      LcPortRange *range = &g_array_index (ranges, LcPortRange, i);

      if (i > 0)
        g_string_append_c (text, ',');
      if (range->first == range->last)
        g_string_append_printf (text, "%u", range->first);
      else
        g_string_append_printf (text, "%u-%u", range->first, range->last);
    }
  return g_string_free (text, FALSE);
}

/**
 * lc_reflector_config_set:
 * @name: a setting, as the key file and the command line name it ("ports", "token-port", …)
 */
gboolean
lc_reflector_config_set (LcReflectorConfig  *config,
                         const char         *name,
                         const char         *value,
                         GError            **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (config != NULL && name != NULL && value != NULL, FALSE);

  if (g_str_equal (name, "ports"))
    {
      if (!lc_port_ranges_parse (value, config->ranges, &local))
        goto fail;
    }
  else if (g_str_equal (name, "address"))
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (value);

      if (address == NULL)
        {
          g_set_error (&local, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not an IP address"), value);
          goto fail;
        }
      g_free (config->address);
      config->address = g_strdup (value);
    }
  else if (g_str_equal (name, "token-port"))
    {
      if (!parse_port (value, &config->token_port, &local))
        goto fail;
    }
  else if (g_str_equal (name, "secret-file"))
    {
      g_free (config->secret_file);
      config->secret_file = g_strdup (value);
    }
  else if (g_str_equal (name, "cert"))
    {
      g_free (config->cert_file);
      config->cert_file = g_strdup (value);
    }
  else if (g_str_equal (name, "key"))
    {
      g_free (config->key_file);
      config->key_file = g_strdup (value);
    }
  else
    {
      g_set_error (&local, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
                   _("unknown setting (the settings are ports, secret-file, address, "
                     "token-port, cert and key)"));
      goto fail;
    }
  return TRUE;

fail:
  g_set_error (error, local->domain, local->code, "%s: %s", name, local->message);
  return FALSE;
}

/**
 * lc_reflector_config_load_file:
 *
 * Reads the `[reflector]` group of a key file; a setting the command line gave already wins.
 */
gboolean
lc_reflector_config_load_file (LcReflectorConfig  *config,
                               const char         *path,
                               GError            **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) keys = NULL;
  gsize len;
  const char *data;

  bytes = lc_file_read_bounded (path, MAX_CONFIG_BYTES, &local);
  if (bytes == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: %s", path, local->message);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &len);
  if (!g_key_file_load_from_data (file, data, len, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: %s", path, local->message);
      return FALSE;
    }

  keys = g_key_file_get_keys (file, LC_REFLECTOR_CONFIG_GROUP, NULL, &local);
  if (keys == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("%s: no [%s] group"), path, LC_REFLECTOR_CONFIG_GROUP);
      return FALSE;
    }

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (!g_strv_contains (setting_names, keys[i]))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       _("%s: unknown setting “%s” (the settings are ports, secret-file, "
                         "address, token-port, cert and key)"), path, keys[i]);
          return FALSE;
        }
      value = g_key_file_get_string (file, LC_REFLECTOR_CONFIG_GROUP, keys[i], &local);
      if (value == NULL || !lc_reflector_config_set (config, keys[i], g_strstrip (value), &local))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: %s", path,
                       local ? local->message : keys[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads the secret from the descriptor whose mode was checked, so that the file checked is the
 * file read; refuses one that anyone but its owner may read or change. */
static GBytes *
read_secret (const char  *path,
             GError     **error)
{
  g_autofree guint8 *buffer = g_malloc (MAX_SECRET_BYTES + 1);
  struct stat st;
  gsize total = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("secret-file: %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("secret-file: %s is not a regular file"), path);
      close (fd);
      return NULL;
    }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   _("secret-file: %s is readable or writable by others (mode %04o): make it "
                     "the service user’s alone (chmod 600)"), path,
                   (guint)(st.st_mode & 07777));
      close (fd);
      return NULL;
    }

  while (total <= MAX_SECRET_BYTES)
    {
      ssize_t n = read (fd, buffer + total, MAX_SECRET_BYTES + 1 - total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("secret-file: %s: %s"), path, g_strerror (saved));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      total += n;
    }
  close (fd);

  if (total > MAX_SECRET_BYTES)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("secret-file: %s is larger than %u bytes"), path, MAX_SECRET_BYTES);
      return NULL;
    }
  if (total < LC_PROBE_SECRET_MIN_LEN)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("secret-file: %s holds %zu bytes, at least %u are needed (for example "
                     "head -c 32 /dev/urandom)"), path, total, LC_PROBE_SECRET_MIN_LEN);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&buffer), total);
}

/**
 * lc_reflector_config_validate:
 *
 * Checks that the settings make a reflector that can run, and loads the secret and the
 * certificate. The error is one line that says what is wrong.
 */
gboolean
lc_reflector_config_validate (LcReflectorConfig  *config,
                              GError            **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (config != NULL, FALSE);

  if (config->ranges->len == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("no ports: give --ports FIRST-LAST (or ports= in the key file)"));
      return FALSE;
    }

  config->n_ports = 0;
  for (guint i = 0; i < config->ranges->len; i++)
    {
      LcPortRange *range = &g_array_index (config->ranges, LcPortRange, i);
      config->n_ports += range->last - range->first + 1;
    }
  if (config->n_ports > LC_REFLECTOR_MAX_PORTS)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("ports: %u ports, at most %u can each have a socket; for more, listen on "
                     "one port behind an nftables redirect (docs/reflector.md)"),
                   config->n_ports, LC_REFLECTOR_MAX_PORTS);
      return FALSE;
    }

  if (config->secret_file == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("no secret: give --secret-file FILE (or secret-file= in the key "
                             "file)"));
      return FALSE;
    }
  g_clear_pointer (&config->secret, g_bytes_unref);
  config->secret = read_secret (config->secret_file, error);
  if (config->secret == NULL)
    return FALSE;

  if (config->token_port == 0 && (config->cert_file != NULL || config->key_file != NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("cert and key are for the token endpoint: give --token-port too"));
      return FALSE;
    }
  if (config->token_port != 0)
    {
      if (config->cert_file == NULL || config->key_file == NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("token-port needs cert and key (PEM files) for HTTPS"));
          return FALSE;
        }
      if (!lc_file_check_regular (config->cert_file, MAX_PEM_BYTES, &local) ||
          !lc_file_check_regular (config->key_file, MAX_PEM_BYTES, &local))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("cert or key: %s"),
                       local->message);
          return FALSE;
        }
      g_clear_object (&config->certificate);
      config->certificate = g_tls_certificate_new_from_files (config->cert_file,
                                                              config->key_file, &local);
      if (config->certificate == NULL)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       _("cert %s with key %s: %s"), config->cert_file, config->key_file,
                       local->message);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * lc_reflector_config_describe:
 *
 * Returns: (transfer full): what the settings make, in one line, without the secret
 */
char *
lc_reflector_config_describe (LcReflectorConfig *config)
{
  g_autofree char *ports = lc_port_ranges_format (config->ranges);
  const char *address = config->address ? config->address : _("every address");

  if (config->token_port == 0)
    return g_strdup_printf (_("UDP %s (%u ports) on %s; tokens from another service sharing "
                              "the secret"), ports, config->n_ports, address);

  return g_strdup_printf (_("UDP %s (%u ports) on %s; tokens at HTTPS port %u, GET /v1/token"),
                          ports, config->n_ports, address, config->token_port);
}
