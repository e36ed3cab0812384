/* main.c — linecheck-reflector: the command line of contracts §5, signals, exit codes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-reflector"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <sys/resource.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "lc-reflector.h"
#include "lc-reflector-config.h"
#include "lc-token-server.h"

enum {
  EXIT_CLEAN = 0,
  EXIT_RUNTIME = 1,
  EXIT_CONFIG = 2,
};

/* Descriptors beyond the sockets: the token endpoint's connections, the epoll, GLib's own. */
#define SPARE_FDS (LC_TOKEN_SERVER_MAX_CONNECTIONS + 64)

static void
fail_line (const char *message)
{
  g_printerr ("linecheck-reflector: %s\n", message);
}

/* Each message is one line on stderr, which the journal keeps; no colours, no prefix noise. */
static void
log_to_stderr (const char     *log_domain,
               GLogLevelFlags  log_level,
               const char     *message,
               gpointer        user_data)
{
  const char *level = (log_level & G_LOG_LEVEL_WARNING) ? "warning: " :
                      (log_level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR)) ? "error: " : "";

  if ((log_level & G_LOG_LEVEL_DEBUG) && g_getenv ("G_MESSAGES_DEBUG") == NULL)
    return;
  g_printerr ("linecheck-reflector: %s%s\n", level, message);
}

static gboolean
raise_file_limit (guint     needed,
                  GError  **error)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0)
    return TRUE;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur >= needed)
    return TRUE;

  if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max >= needed)
    limit.rlim_cur = needed;
  else
    limit.rlim_cur = limit.rlim_max = needed;  /* only root may raise the hard limit */

  if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES,
                   _("needs %u open files, one socket per port, and may not have them: raise "
                     "the limit (LimitNOFILE= in the unit, ulimit -n) or use one port behind "
                     "a redirect"), needed);
      return FALSE;
    }
  return TRUE;
}

static gboolean
on_stop_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LcReflectorConfig) config = lc_reflector_config_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcReflector) reflector = NULL;
  g_autoptr(LcTokenServer) token_server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *config_file = NULL;
  g_autofree char *ports = NULL;
  g_autofree char *secret_file = NULL;
  g_autofree char *address = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *description = NULL;
  int token_port = -1;
  gboolean check_config = FALSE;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_file,
      N_("Read the settings from a key file (group [reflector], the option names as keys)"),
      N_("FILE") },
    { "ports", 0, 0, G_OPTION_ARG_STRING, &ports,
      N_("The UDP ports to answer on: FIRST-LAST or one port, comma-separated"),
      N_("RANGE[,RANGE…]") },
    { "secret-file", 0, 0, G_OPTION_ARG_FILENAME, &secret_file,
      N_("The HMAC secret the tokens are keyed with (at least 32 bytes, readable by the "
         "owner alone)"), N_("FILE") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address,
      N_("The address to listen on (default: every address)"), N_("ADDR") },
    { "token-port", 0, 0, G_OPTION_ARG_INT, &token_port,
      N_("Hand out tokens over HTTPS at GET /v1/token on this TCP port"), N_("PORT") },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &cert,
      N_("The token endpoint’s certificate (PEM, with its chain)"), N_("PEM") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key,
      N_("The token endpoint’s private key (PEM)"), N_("PEM") },
    { "check-config", 0, 0, G_OPTION_ARG_NONE, &check_config,
      N_("Check the settings, say what they make, and exit"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };
  const struct { const char *name; char **value; } settings[] = {
    { "ports", &ports }, { "secret-file", &secret_file }, { "address", &address },
    { "cert", &cert }, { "key", &key },
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_log_set_default_handler (log_to_stderr, NULL);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Answers Linecheck’s probes on every UDP port of the given ranges, so that a client can "
      "prove which ports its firewall lets through. Only a probe with a valid token is "
      "answered, and never with more bytes than it carried."));
  g_option_context_set_description (context,
    _("Exit status: 0 after a clean stop (SIGTERM, SIGINT), 2 for a bad configuration, "
      "1 for a failure while running (a port already in use, named).\n"
      "The wire format and the deployments: docs/reflector.md."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fail_line (error->message);
      return EXIT_CONFIG;
    }
  if (version)
    {
      g_print ("linecheck-reflector %s\n", PACKAGE_VERSION);
      return EXIT_CLEAN;
    }
  if (argc > 1)
    {
      g_autofree char *line = g_strdup_printf (_("unexpected argument “%s” (see --help)"),
                                               argv[1]);
      fail_line (line);
      return EXIT_CONFIG;
    }

  /* The command line first, then the key file for what it left out. */
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (*settings[i].value != NULL &&
        !lc_reflector_config_set (config, settings[i].name, *settings[i].value, &error))
      {
        g_autofree char *line = g_strdup_printf ("--%s", error->message);
        fail_line (line);
        return EXIT_CONFIG;
      }
  if (token_port != -1)
    {
      g_autofree char *text = g_strdup_printf ("%d", token_port);

      if (!lc_reflector_config_set (config, "token-port", text, &error))
        {
          g_autofree char *line = g_strdup_printf ("--%s", error->message);
          fail_line (line);
          return EXIT_CONFIG;
        }
    }
  if (config_file != NULL)
    {
      g_autoptr(LcReflectorConfig) from_file = lc_reflector_config_new ();

      if (!lc_reflector_config_load_file (from_file, config_file, &error))
        {
          fail_line (error->message);
          return EXIT_CONFIG;
        }
      if (ports == NULL)
        g_array_append_vals (g_array_set_size (config->ranges, 0), from_file->ranges->data,
                             from_file->ranges->len);
      if (secret_file == NULL)
        config->secret_file = g_steal_pointer (&from_file->secret_file);
      if (address == NULL)
        config->address = g_steal_pointer (&from_file->address);
      if (token_port == -1)
        config->token_port = from_file->token_port;
      if (cert == NULL)
        config->cert_file = g_steal_pointer (&from_file->cert_file);
      if (key == NULL)
        config->key_file = g_steal_pointer (&from_file->key_file);
    }

  if (!lc_reflector_config_validate (config, &error))
    {
      fail_line (error->message);
      return EXIT_CONFIG;
    }

  description = lc_reflector_config_describe (config);
  if (check_config)
    {
      g_print (_("configuration OK: %s\n"), description);
      return EXIT_CLEAN;
    }

  if (!raise_file_limit (config->n_ports + SPARE_FDS, &error))
    {
      fail_line (error->message);
      return EXIT_RUNTIME;
    }

  reflector = lc_reflector_new (config);
  if (!lc_reflector_start (reflector, &error))
    {
      fail_line (error->message);
      return EXIT_RUNTIME;
    }
  if (config->token_port != 0)
    {
      token_server = lc_token_server_new (config->secret, config->certificate);
      if (!lc_token_server_listen (token_server, config->address, config->token_port, &error))
        {
          fail_line (error->message);
          return EXIT_RUNTIME;
        }
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_stop_signal, loop);
  g_unix_signal_add (SIGINT, on_stop_signal, loop);

  g_message (_("answering: %s"), description);
  g_main_loop_run (loop);

  {
    LcReflectorStats stats;

    lc_reflector_get_stats (reflector, &stats);
    g_message (_("stopped: %llu probes answered in all, %u tokens issued"),
               (unsigned long long)stats.answered,
               token_server ? lc_token_server_get_n_issued (token_server) : 0);
  }
  return EXIT_CLEAN;
}
