/* lc-cli.c — `linecheck --cli`: headless runs, profile listing and validation
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include <math.h>
#include <glib-unix.h>

#include "lc-cli.h"
#include "lc-advice.h"
#include "lc-file-reader.h"
#include "lc-range-check.h"
#include "lc-history.h"
#include "lc-profile-catalog.h"
#include "lc-report-code.h"
#include "lc-report-upload.h"
#include "lc-report-pdf.h"
#include "lc-result-code.h"
#include "lc-runner.h"
#include "lc-safe-text.h"
#include "lc-words.h"

/* A TURN password is a few dozen bytes; a file that holds more is not a password. */
#define MAX_CREDENTIAL_BYTES 4096

typedef struct
{
  gboolean   cli;
  gboolean   version;
  gboolean   list_profiles;
  gboolean   json;
  char      *validate_profile;
  char      *profile;
  char      *edge;
  char      *pdf;
  char     **only;
  char     **hosts;
  char      *turn_username;
  char      *turn_credential_file;
  char      *decode;
  gboolean   history;
  char      *show;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->validate_profile);
  g_free (options->profile);
  g_free (options->edge);
  g_free (options->pdf);
  g_strfreev (options->only);
  g_strfreev (options->hosts);
  g_free (options->turn_username);
  g_free (options->turn_credential_file);
  g_free (options->decode);
  g_free (options->show);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* Everything this program prints may quote a server, a profile or a stored report: control
 * and format characters are escaped on the way out, so that no text can drive the terminal
 * (clear it, move the cursor, print a fake verdict). */
static void out (const char *format, ...) G_GNUC_PRINTF (1, 2);
static void err (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
out (const char *format,
     ...)
{
  g_autofree char *text = NULL;
  g_autofree char *safe = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  safe = lc_safe_text_for_terminal (text);
  g_print ("%s", safe);
}

static void
err (const char *format,
     ...)
{
  g_autofree char *text = NULL;
  g_autofree char *safe = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  safe = lc_safe_text_for_terminal (text);
  g_printerr ("%s", safe);
}

static void
print_error (const char *message)
{
  err ("linecheck: %s\n", message);
}

/**
 * lc_cli_wants_command_line:
 *
 * Returns: %TRUE when the arguments ask for the command line rather than the app's window
 */
gboolean
lc_cli_wants_command_line (int    argc,
                           char **argv)
{
  /* These need no window: they work with or without --cli. */
  static const char * const headless[] = {
    "--cli", "--version", "--help", "-h", "-?", "--list-profiles", "--validate-profile",
    "--decode",
  };

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      for (gsize j = 0; j < G_N_ELEMENTS (headless); j++)
        if (g_str_equal (argv[i], headless[j]) ||
            (g_str_has_prefix (argv[i], headless[j]) && argv[i][strlen (headless[j])] == '='))
          return TRUE;
    }

  return FALSE;
}

/**
 * lc_cli_check_app_arguments:
 *
 * The app's own command line is `linecheck [--run] [ID|FILE]`. Anything else is refused
 * here, before GTK starts, with the exit code of bad arguments (contracts §2), not left to
 * GApplication, which exits 1 — the code that means "a requirement is not met".
 *
 * Returns: -1 when the app may start, or the exit code to leave with
 */
int
lc_cli_check_app_arguments (int    argc,
                            char **argv)
{
  static const char * const app_options[] = { "--run", NULL };
  gboolean positional = FALSE;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (positional || arg[0] != '-' || g_str_equal (arg, "-"))
        continue;
      if (g_str_equal (arg, "--"))
        {
          positional = TRUE;
          continue;
        }
      if (!g_strv_contains (app_options, arg))
        {
          static const char * const cli_options[] = {
            "--profile", "-p", "--host", "--edge", "--only", "--json", "--pdf",
            "--turn-username", "--turn-credential-file", "--history", "--show", NULL
          };
          g_autofree char *name = g_strndup (arg, strcspn (arg, "="));
          g_autofree char *safe = lc_safe_text_new (name, -1, 60);
          g_autofree char *message = NULL;

          message = g_strv_contains (cli_options, name)
            ? g_strdup_printf (_("%s goes with --cli: linecheck --cli %s …; see --help"), safe,
                               safe)
            : g_strdup_printf (_("unknown option %s; see --help"), safe);
          print_error (message);
          return LC_CLI_EXIT_CANNOT_RUN;
        }
    }

  return -1;
}



static int
list_profiles (LcProfileCatalog *catalog)
{
  const char * const *problems;
  guint id_width = 2;
  guint name_width = 4;

  for (guint i = 0; i < lc_profile_catalog_get_n_profiles (catalog); i++)
    {
      LcProfile *profile = lc_profile_catalog_get_profile (catalog, i);
      id_width = MAX (id_width, g_utf8_strlen (lc_profile_get_id (profile), -1));
      name_width = MAX (name_width, g_utf8_strlen (lc_profile_get_name (profile), -1));
    }

  /* Pad by characters, not bytes: names may be in any script. */
  for (guint i = 0; i < lc_profile_catalog_get_n_profiles (catalog); i++)
    {
      LcProfile *profile = lc_profile_catalog_get_profile (catalog, i);
      g_autoptr(GPtrArray) missing = lc_profile_dup_missing_hosts (profile);
      g_autoptr(GString) line = g_string_new (NULL);
      const char *id = lc_profile_get_id (profile);
      const char *name = lc_profile_get_name (profile);
      GFile *file = lc_profile_get_file (profile);
      g_autofree char *origin = file ? g_file_get_parse_name (file)
                                     : g_strdup (lc_profile_get_origin (profile));

      g_string_append (line, id);
      for (guint pad = g_utf8_strlen (id, -1); pad < id_width + 2; pad++)
        g_string_append_c (line, ' ');
      g_string_append (line, name);
      for (guint pad = g_utf8_strlen (name, -1); pad < name_width + 2; pad++)
        g_string_append_c (line, ' ');
      g_string_append (line, origin);

      if (missing->len > 0)
        {
          g_ptr_array_add (missing, NULL);
          g_autofree char *services = g_strjoinv (", ", (char **)missing->pdata);
          g_string_append_printf (line, _("  (asks for the hosts of: %s)"), services);
        }

      out ("%s\n", line->str);
    }

  problems = lc_profile_catalog_get_problems (catalog);
  for (guint i = 0; problems[i] != NULL; i++)
    {
      g_autofree char *message = g_strdup_printf (_("skipped %s"), problems[i]);
      print_error (message);
    }

  return LC_CLI_EXIT_PASS;
}

static int
validate_profile (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = NULL;

  if (*path == '\0')
    {
      print_error (_("--validate-profile: the file name is empty"));
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  file = g_file_new_for_commandline_arg (path);
  profile = lc_profile_new_from_file (file, &error);
  if (profile == NULL)
    {
      print_error (error->message);
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  {
    guint n_rules = lc_profile_get_n_rules (profile);
    guint n_media = lc_profile_get_n_media (profile);
    guint n_edges = lc_profile_get_n_edges (profile);
    g_autofree char *rules = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rule", "%u rules",
                                                           n_rules), n_rules);
    g_autofree char *calls = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u call", "%u calls",
                                                           n_media), n_media);
    g_autofree char *edges = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u edge", "%u edges",
                                                           n_edges), n_edges);

    /* Translators: "FILE: a valid profile, “NAME” (ID): 14 rules, 5 calls, 0 edges" */
    out (_("%s: a valid profile, “%s” (%s): %s, %s, %s\n"), path,
             lc_profile_get_name (profile), lc_profile_get_id (profile), rules, calls, edges);
  }
  return LC_CLI_EXIT_PASS;
}

static gboolean
apply_hosts (LcProfile  *profile,
             char      **hosts,
             GError    **error)
{
  for (guint i = 0; hosts != NULL && hosts[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (hosts[i], "=", 2);

      if (parts[0] == NULL || parts[1] == NULL || *parts[0] == '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--host takes SERVICE=HOST, like rtc=rtc.example.net; got “%s”"),
                       hosts[i]);
          return FALSE;
        }

      if (!lc_profile_set_host (profile, parts[0], parts[1], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_hosts (LcProfile  *profile,
             GError    **error)
{
  g_autoptr(GPtrArray) missing = lc_profile_dup_missing_hosts (profile);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GString) example = g_string_new (NULL);

  if (missing->len == 0)
    return TRUE;

  for (guint i = 0; i < missing->len; i++)
    {
      const char *id = g_ptr_array_index (missing, i);
      const LcService *service = lc_profile_lookup_service (profile, id);

      g_string_append_printf (list, "%s%s (%s)", i ? ", " : "", id, service->name);
      g_string_append_printf (example, " --host %s=%s.example.net", id, id);
    }

  g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "The profile “%s” does not say the host of %s. Give it, e.g.%s",
                            "The profile “%s” does not say the hosts of %s. Give them, e.g.%s",
                            missing->len),
               lc_profile_get_name (profile), list->str, example->str);
  return FALSE;
}

static gboolean
read_credential (const char  *path,
                 char       **out,
                 GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  const char *data;

  bytes = lc_file_read_bounded (path, MAX_CREDENTIAL_BYTES, &local_error);
  if (bytes == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--turn-credential-file %s: %s"), name, local_error->message);
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &length);
  if (!g_utf8_validate_len (data, length, NULL) || memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--turn-credential-file: the file is not text; it should hold the TURN "
                     "password on one line"));
      return FALSE;
    }

  contents = g_strndup (data, length);
  /* A trailing newline is the editor's, not the password's. */
  g_strchomp (contents);
  if (*contents == '\0' || strchr (contents, '\n') != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   *contents == '\0'
                     ? _("--turn-credential-file: the file is empty; it should hold the TURN "
                         "password")
                     : _("--turn-credential-file: the file holds several lines; it should hold "
                         "only the TURN password"));
      return FALSE;
    }

  *out = g_steal_pointer (&contents);
  return TRUE;
}

/* Option values come in the locale's encoding; invalid bytes are refused with the option's
 * name, not with the conversion's words alone. */
static gboolean
option_to_utf8 (const char  *option,
                char       **value,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *converted;

  if (*value == NULL)
    return TRUE;

  converted = g_locale_to_utf8 (*value, -1, NULL, NULL, &local_error);
  if (converted == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: the value is not valid text in this system’s encoding"), option);
      return FALSE;
    }

  g_free (*value);
  *value = converted;
  return TRUE;
}

static gboolean
options_to_utf8 (const char  *option,
                 char       **values,
                 GError     **error)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (!option_to_utf8 (option, &values[i], error))
      return FALSE;
  return TRUE;
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  LcReport     *report;
  GError       *error;
  gboolean      progress;
} CliRun;

/* Pads by characters, not bytes: translated words and host names may be in any script. */
static void
pad_append (GString    *line,
            const char *text,
            guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (line, text);
  for (glong i = length; i < (glong)width; i++)
    g_string_append_c (line, ' ');
  if (length >= (glong)width)
    g_string_append_c (line, ' ');
}

static char *
describe_rule_column (LcCheckResult *result)
{
  const char *protocol = lc_check_result_get_protocol (result);
  const char *ports = lc_check_result_get_ports (result);
  g_autofree char *upper = g_ascii_strup (protocol ? protocol : "", -1);

  if (ports == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s %s", upper, ports);
}

static void
on_check_finished (LcRunner      *runner,
                   LcCheckResult *result,
                   guint          done,
                   guint          total,
                   CliRun        *run)
{
  g_autofree char *rule = describe_rule_column (result);

  if (!run->progress)
    return;

  {
    g_autoptr(GString) line = g_string_new (NULL);
    g_autofree char *count = g_strdup_printf ("[%u/%u]", done, total);

    pad_append (line, count, 8);
    pad_append (line, lc_words_status_tag (lc_check_result_get_status (result)), 6);
    pad_append (line, lc_check_result_get_service (result) ? lc_check_result_get_service (result)
                                                           : "", 5);
    pad_append (line, rule, 17);
    pad_append (line, lc_check_result_get_check (result), 11);
    g_string_append (line, lc_check_result_get_host (result) ? lc_check_result_get_host (result)
                                                             : "");
    err ("%s\n", line->str);
  }
}


static void
on_media_started (LcRunner   *runner,
                  const char *entry_id,
                  CliRun     *run)
{
  if (run->progress)
    err (_("Calling “%s”…\n"), entry_id);
}

static void
on_media_sample (LcRunner      *runner,
                 const char    *entry_id,
                 LcMediaSample *sample,
                 CliRun        *run)
{
  g_autofree char *rtt = lc_words_figure (sample->rtt_ms, "ms");
  g_autofree char *jitter = lc_words_figure (sample->jitter_ms, "ms");
  g_autofree char *loss = lc_words_figure (sample->loss_percent, "%");
  g_autofree char *up = lc_words_figure (sample->send_kbps, "kbps");
  g_autofree char *down = lc_words_figure (sample->recv_kbps, "kbps");

  if (!run->progress)
    return;

  /* Translators: one second of a test call, printed as it runs */
  err (_("  %s %3.0f s  round trip %s, jitter %s, loss %s, up %s, down %s\n"),
              entry_id, sample->t, rtt, jitter, loss, up, down);
}

static void
print_media (LcReport *report)
{
  GPtrArray *media = lc_report_get_media (report);

  if (media->len == 0)
    return;

  out ("\n%s\n", _("Test calls:"));
  for (guint i = 0; i < media->len; i++)
    {
      LcMediaResult *result = g_ptr_array_index (media, i);
      LcMediaSample *summary = lc_media_result_get_summary (result);
      const char * const *codecs = lc_media_result_get_codecs (result);
      g_autofree char *codec_list = codecs ? g_strjoinv ("+", (char **)codecs) : g_strdup ("");
      g_autoptr(GString) line = g_string_new (NULL);

      pad_append (line, lc_words_media_status_tag (lc_media_result_get_status (result)), 6);
      pad_append (line, lc_media_result_get_id (result), 11);
      pad_append (line, codec_list, 10);
      if (summary != NULL)
        {
          g_autofree char *rtt = lc_words_figure (summary->rtt_ms, "ms");
          g_autofree char *jitter = lc_words_figure (summary->jitter_ms, "ms");
          g_autofree char *loss = lc_words_figure (summary->loss_percent, "%");
          g_autofree char *up = lc_words_figure (summary->send_kbps, "kbps");
          g_autofree char *down = lc_words_figure (summary->recv_kbps, "kbps");
          double mos = lc_media_result_get_mos (result);

          g_string_append_printf (line, _("round trip %s, jitter %s, loss %s, up %s, down %s"),
                                  rtt, jitter, loss, up, down);
          if (isfinite (mos))
            g_string_append_printf (line, _(", MOS %.2f"), mos);
        }
      out ("%s\n", line->str);

      /* The figures say it all for a good call; anything else gets its words. */
      if (lc_media_result_get_status (result) != LC_MEDIA_STATUS_PASS &&
          lc_media_result_get_detail (result) != NULL)
        out ("      %s\n", lc_media_result_get_detail (result));
    }
}

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CliRun *run = user_data;

  run->report = lc_runner_run_finish (LC_RUNNER (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_interrupt (gpointer user_data)
{
  CliRun *run = user_data;

  err ("%s\n", _("Cancelling…"));
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

/* A swept range gets its sub-ranges on lines of their own: the detail may be long. */
static void
print_port_spans (LcCheckResult *result)
{
  g_autoptr(GArray) open = lc_range_result_dup_spans (result, TRUE);
  g_autoptr(GArray) blocked = lc_range_result_dup_spans (result, FALSE);

  if (open == NULL || blocked == NULL)
    return;
  if (blocked->len > 0)
    {
      g_autofree char *text = lc_port_spans_describe (blocked);
      g_print (_("      blocked: UDP %s (%u ports)\n"), text, lc_port_spans_count (blocked));
    }
  if (open->len > 0)
    {
      g_autofree char *text = lc_port_spans_describe (open);
      g_print (_("      open:    UDP %s (%u ports)\n"), text, lc_port_spans_count (open));
    }
}

static void print_advice (LcReport *report);

static void
print_table (LcReport *report)
{
  GPtrArray *checks = lc_report_get_checks (report);
  g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (report);
  const char *verdict;

  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);
      g_autofree char *rule = describe_rule_column (result);
      double ms = lc_check_result_get_duration_ms (result);
      g_autofree char *time = ms >= 0 ? g_strdup_printf ("%.0f ms", ms) : g_strdup ("");
      const char *service = lc_check_result_get_service (result);

      g_autoptr(GString) line = g_string_new (NULL);

      pad_append (line, lc_words_status_tag (lc_check_result_get_status (result)), 6);
      pad_append (line, lc_check_result_get_step (result), 10);
      pad_append (line, service ? service : "-", 5);
      pad_append (line, rule, 17);
      pad_append (line, lc_check_result_get_check (result), 11);
      g_string_append_printf (line, "%8s  %s", time,
                              lc_check_result_get_detail (result)
                                ? lc_check_result_get_detail (result) : "");
      out ("%s\n", line->str);
      print_port_spans (result);
    }

  print_media (report);

  verdict = lc_words_verdict (lc_report_get_verdict (report));

  out ("\n%s\n", verdict);
  {
    g_autofree char *code = lc_report_dup_result_code (report);

    /* Translators: the code a person reads to support over the phone, "4K2M-9QXR-…" */
    out (_("Result code: %s\n"), code);
  }
  if (lc_report_get_chosen_edge (report) != NULL)
    out (_("Edge: %s\n"), lc_report_get_chosen_edge (report));

  if (rules->len > 0)
    {
      out ("\n%s\n", _("Rules to open on the firewall:"));
      for (guint i = 0; i < rules->len; i++)
        {
          LcRuleToOpen *rule = g_ptr_array_index (rules, i);
          g_autofree char *what = lc_words_rule_to_open (rule);
          g_autoptr(GString) line = g_string_new ("  ");

          pad_append (line, what, 40);
          g_string_append_printf (line, "(%s%s%s)", rule->service_name,
                                  rule->description ? ": " : "",
                                  rule->description ? rule->description : "");
          out ("%s\n", line->str);
        }
    }

  print_advice (report);
}

static void
print_advice (LcReport *report)
{
  g_autoptr(GPtrArray) advice = lc_advice_for_report (report);

  if (advice->len == 0)
    return;
  out ("\n%s\n", _("What to do:"));
  for (guint i = 0; i < advice->len; i++)
    {
      LcAdvice *a = g_ptr_array_index (advice, i);

      out ("  %s %s\n", a->severity == LC_STATUS_FAIL ? "!" : "-", a->title);
      out ("    %s\n", a->why);
      if (a->action != NULL)
        /* Translators: the exact action of a recommendation */
        out (_("    Do: %s\n"), a->action);
    }
}

/* Sending the report to the platform -------------------------------------------------------- */

/* The person's (or the administrator's) answer in the app's settings; without the app's
 * schema installed, no consent. */
static gboolean
consents_to_sending (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL)
    return FALSE;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "send-reports"))
    return FALSE;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_boolean (settings, "send-reports");
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} CliWait;

static void
on_upload_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CliWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* With consent, the report goes to the profile's report_url; then, the receiver being there,
 * whatever earlier runs left queued. What happens is told on stderr. */
static void
send_report (LcReport *report)
{
  const char *url = lc_profile_get_report_url (lc_report_get_profile (report));
  g_autoptr(LcReportUpload) upload = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  CliWait wait = { NULL, NULL };
  gboolean queued = FALSE;
  guint n_sent = 0;

  if (url == NULL || !consents_to_sending ())
    return;

  host = lc_report_upload_dup_host (url);
  upload = lc_report_upload_new (NULL);
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  lc_report_upload_send_async (upload, report, NULL, on_upload_done, &wait);
  g_main_loop_run (loop);

  if (!lc_report_upload_send_finish (upload, wait.result, &queued, &error))
    {
      g_autofree char *message = NULL;

      if (queued)
        message = g_strdup_printf (_("the report was not sent to %s (%s); it waits to be sent "
                                     "after the next run"), host, error->message);
      else
        message = g_strdup_printf (_("the report was not sent to %s: %s"), host,
                                   error->message);
      print_error (message);
      g_clear_object (&wait.result);
      return;
    }
  err (_("Report sent to %s\n"), host);
  g_clear_object (&wait.result);

  lc_report_upload_retry_queue_async (upload, NULL, on_upload_done, &wait);
  g_main_loop_run (loop);
  lc_report_upload_retry_queue_finish (upload, wait.result, &n_sent, NULL, NULL);
  if (n_sent > 0)
    err (g_dngettext (GETTEXT_PACKAGE, "%u report of an earlier run sent too\n",
                      "%u reports of earlier runs sent too\n", n_sent), n_sent);
  g_clear_object (&wait.result);
}

/* --pdf FILE is checked before the run: a run of minutes is not lost to a typo in a folder. */
static gboolean
check_pdf_path (const char  *path,
                GError     **error)
{
  g_autofree char *dir = NULL;

  if (*path == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--pdf: the file name is empty"));
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  if (g_file_test (path, G_FILE_TEST_IS_DIR) || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_filename_display_name (g_file_test (path, G_FILE_TEST_IS_DIR)
                                                       ? path : dir);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   g_file_test (path, G_FILE_TEST_IS_DIR)
                     ? _("--pdf %s: this is a folder; give a file name")
                     : _("--pdf: the folder %s does not exist"), name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_pdf (LcReport   *report,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_name (path);

  if (!lc_report_write_pdf (report, path, &error))
    {
      print_error (error->message);
      return FALSE;
    }

  err (_("PDF report written to %s\n"), name);
  return TRUE;
}

static int
run_checks (LcProfileCatalog *catalog,
            Options          *options)
{
  g_autoptr(LcProfile) profile = NULL;
  g_autoptr(LcRunner) runner = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *credential = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  CliRun run = { 0 };
  guint sigint_id, sigterm_id;

  if (options->pdf != NULL && !check_pdf_path (options->pdf, &error))
    {
      print_error (error->message);
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  if (options->profile != NULL && *options->profile == '\0')
    {
      print_error (_("--profile: the value is empty; give a profile id or a file"));
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  profile = lc_profile_catalog_load (catalog, options->profile ? options->profile : "cpaas-agent",
                                     &error);
  if (profile == NULL ||
      !apply_hosts (profile, options->hosts, &error) ||
      !check_hosts (profile, &error) ||
      (options->turn_credential_file != NULL &&
       !read_credential (options->turn_credential_file, &credential, &error)))
    {
      print_error (error->message);
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  /* As --help says: the options fill in what the profile leaves out; a profile that carries
   * its own TURN account keeps it. */
  {
    const LcService *ice = lc_profile_lookup_service (profile, "ice");
    const char *username = ice ? ice->username : NULL;
    const char *profile_credential = ice ? ice->credential : NULL;

    if (options->turn_username != NULL && username != NULL)
      print_error (_("--turn-username is not used: the profile gives its own TURN user name"));
    if (credential != NULL && profile_credential != NULL)
      print_error (_("--turn-credential-file is not used: the profile gives its own TURN "
                     "password"));

    if ((options->turn_username != NULL && username == NULL) ||
        (credential != NULL && profile_credential == NULL))
      lc_profile_set_ice_credentials (profile,
                                      username ? username : options->turn_username,
                                      profile_credential ? profile_credential : credential);
  }
  if (credential != NULL)
    memset (credential, 0, strlen (credential));

  runner = lc_runner_new (profile);
  if (!lc_runner_set_steps (runner, (const char * const *)options->only, &error))
    {
      print_error (error->message);
      return LC_CLI_EXIT_CANNOT_RUN;
    }
  lc_runner_set_edge (runner, options->edge);

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  run.loop = loop;
  run.cancellable = cancellable;
  run.progress = TRUE;

  g_signal_connect (runner, "check-finished", G_CALLBACK (on_check_finished), &run);
  g_signal_connect (runner, "media-started", G_CALLBACK (on_media_started), &run);
  g_signal_connect (runner, "media-sample", G_CALLBACK (on_media_sample), &run);
  sigint_id = g_unix_signal_add (SIGINT, on_interrupt, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_interrupt, &run);

  err (_("Checking “%s”…\n"), lc_profile_get_name (profile));
  lc_runner_run_async (runner, cancellable, on_run_done, &run);
  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (run.report == NULL)
    {
      print_error (run.error->message);
      g_error_free (run.error);
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  /* Kept before anything else is done with it: a report is never lost. */
  {
    g_autoptr(GError) save_error = NULL;
    g_autoptr(GFile) saved = NULL;

    if (lc_report_save_to_history (run.report, &saved, &save_error))
      {
        g_autofree char *path = g_file_get_path (saved);
        err (_("Report saved to %s\n"), path);
      }
    else
      {
        g_autofree char *message = g_strdup_printf (_("the report could not be kept: %s"),
                                                    save_error->message);
        print_error (message);
      }
  }

  send_report (run.report);

  if (options->json)
    {
      g_autofree char *data = lc_report_to_data (run.report, NULL);
      fputs (data, stdout);
    }
  else
    print_table (run.report);

  {
    LcStatus verdict = lc_report_get_verdict (run.report);
    gboolean written = options->pdf == NULL || write_pdf (run.report, options->pdf);

    g_clear_object (&run.report);
    /* A script that asked for the PDF learns that it is missing. */
    if (!written)
      return LC_CLI_EXIT_CANNOT_RUN;
    return verdict == LC_STATUS_FAIL ? LC_CLI_EXIT_FAIL : LC_CLI_EXIT_PASS;
  }
}

/* `linecheck --cli --history`: the stored runs, newest first, one line each; the files that
 * are not reports this version opens, one line each on standard error. */
static int
list_history (void)
{
  g_autoptr(LcHistory) history = lc_history_new_default ();
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_file_get_path (lc_history_get_dir (history));
  guint name_width = 0;

  entries = lc_history_list (history, &skipped, NULL, &error);
  if (entries == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("the history in %s cannot be read: %s"), dir,
                                                  error->message);
      print_error (message);
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  for (guint i = 0; i < skipped->len; i++)
    err ("linecheck: %s\n", (char *)g_ptr_array_index (skipped, i));
  if (entries->len == 0)
    {
      err (_("No runs are kept in %s yet\n"), dir);
      return LC_CLI_EXIT_PASS;
    }

  for (guint i = 0; i < entries->len; i++)
    name_width = MAX (name_width,
                      g_utf8_strlen (lc_history_entry_get_profile_name (entries->pdata[i]), -1));

  for (guint i = 0; i < entries->len; i++)
    {
      LcHistoryEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) local = g_date_time_to_local (lc_history_entry_get_started (entry));
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
      g_autofree char *path = g_file_get_path (lc_history_entry_get_file (entry));
      const char *code = lc_history_entry_get_result_code (entry);
      g_autoptr(GString) line = g_string_new (NULL);

      pad_append (line, when, 20);
      pad_append (line, lc_words_status_tag (lc_history_entry_get_verdict (entry)), 6);
      pad_append (line, lc_history_entry_get_profile_name (entry), name_width + 1);
      pad_append (line, code ? code : "-", 20);
      g_string_append (line, path);
      out ("%s\n", line->str);
    }
  return LC_CLI_EXIT_PASS;
}

/* `linecheck --cli --show FILE`: a stored report, printed as the run printed it (or its JSON);
 * the exit code is the run's. */
static int
show_report (const char *path,
             gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcReport) report = NULL;

  if (*path == '\0')
    {
      print_error (_("--show: the file name is empty; give a stored report"));
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  report = lc_report_new_from_file (path, &error);
  if (report == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("--show: %s: %s"), path, error->message);
      print_error (message);
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  if (json)
    {
      g_autofree char *data = lc_report_to_data (report, NULL);
      fputs (data, stdout);
    }
  else
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (lc_report_get_started (report));
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");

      /* Translators: the header of a stored report: "“CPaaS agent”, run on 2026-11-24 10:00:00" */
      err (_("“%s”, run on %s\n"), lc_profile_get_name (lc_report_get_profile (report)), when);
      print_table (report);
    }
  return lc_report_get_verdict (report) == LC_STATUS_FAIL ? LC_CLI_EXIT_FAIL : LC_CLI_EXIT_PASS;
}

/* `linecheck --decode CODE`: what a code read over the phone says, or why it is refused. */
static int
decode_code (const char *text,
             gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *symbols = NULL;
  g_autofree char *grouped = NULL;
  g_autofree char *verdict = NULL;
  LcResultCode code;
  guint width = 0;

  if (!lc_result_code_decode (text, &code, &error))
    {
      /* The reason may quote what was typed: keep it from driving the terminal. */
      g_autofree char *safe = lc_safe_text_for_terminal (error->message);
      print_error (safe);
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) node = lc_result_code_to_json (&code);
      g_autofree char *data = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      json_generator_set_root (generator, node);
      data = json_generator_to_data (generator, NULL);
      g_print ("%s\n", data);
      return LC_CLI_EXIT_PASS;
    }

  symbols = lc_result_code_encode (&code);
  grouped = lc_result_code_group (symbols, '-');
  verdict = lc_result_code_describe_verdict (&code);
  lines = lc_result_code_describe_lines (&code);

  /* Translators: "Result code 4K2M-9QXR-… (format 1)" */
  g_print (_("Result code %s (format %u)\n"), grouped, code.format);
  g_print ("%s\n\n", verdict);

  for (guint i = 0; i < lines->len; i++)
    width = MAX (width, g_utf8_strlen (((LcResultCodeLine *)g_ptr_array_index (lines, i))->title,
                                       -1));
  for (guint i = 0; i < lines->len; i++)
    {
      LcResultCodeLine *line = g_ptr_array_index (lines, i);
      g_autoptr(GString) out = g_string_new ("  ");

      pad_append (out, line->title, width + 2);
      g_string_append (out, line->text);
      g_print ("%s\n", out->str);
    }
  return LC_CLI_EXIT_PASS;
}

/**
 * lc_cli_main:
 *
 * Returns: the process's exit code (contracts §2)
 */
int
lc_cli_main (int    argc,
             char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfileCatalog) catalog = NULL;
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "cli", 0, 0, G_OPTION_ARG_NONE, &options.cli,
      N_("Run without a window; results on standard output"), NULL },
    { "profile", 'p', 0, G_OPTION_ARG_FILENAME, &options.profile,
      N_("The profile to check, by id or file (default: cpaas-agent)"), N_("ID|FILE") },
    { "host", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.hosts,
      N_("The host of a service the profile leaves open, e.g. rtc=rtc.example.net"),
      N_("SERVICE=HOST") },
    { "edge", 0, 0, G_OPTION_ARG_FILENAME, &options.edge,
      N_("Use this edge instead of the nearest"), N_("ID") },
    { "only", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.only,
      N_("Run only this step: firewall, edge, media or context (repeatable)"), N_("STEP") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("Write the report as JSON to standard output"), NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &options.pdf,
      N_("Also write the report as a PDF file"), N_("FILE") },
    { "turn-username", 0, 0, G_OPTION_ARG_FILENAME, &options.turn_username,
      N_("TURN user name, if the profile has none"), N_("NAME") },
    { "turn-credential-file", 0, 0, G_OPTION_ARG_FILENAME, &options.turn_credential_file,
      N_("Read the TURN password from this file, if the profile has none"), N_("FILE") },
    { "list-profiles", 0, 0, G_OPTION_ARG_NONE, &options.list_profiles,
      N_("List the profiles found on the search path"), NULL },
    { "validate-profile", 0, 0, G_OPTION_ARG_FILENAME, &options.validate_profile,
      N_("Check a profile file and say what is wrong with it"), N_("FILE") },
    { "decode", 0, 0, G_OPTION_ARG_STRING, &options.decode,
      N_("Say what a result code read over the phone means (exit 0), or why it is refused "
         "(exit 2); no --cli needed"), N_("CODE") },
    { "history", 0, 0, G_OPTION_ARG_NONE, &options.history,
      N_("List the past runs kept on this computer, newest first"), NULL },
    { "show", 0, 0, G_OPTION_ARG_FILENAME, &options.show,
      N_("Print a stored report as its run printed it"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options.version,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Checks that this network can carry calls to a contact-centre "
                                  "platform.\n\n"
                                  "Without --cli, linecheck opens the app."));
  g_option_context_set_description (context,
                                    _("Exit codes with --cli: 0 every requirement is met "
                                      "(warnings allowed), 1 a requirement is not met, "
                                      "2 could not run."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error) ||
      !options_to_utf8 ("--host", options.hosts, &error) ||
      !options_to_utf8 ("--only", options.only, &error) ||
      !option_to_utf8 ("--edge", &options.edge, &error) ||
      !option_to_utf8 ("--turn-username", &options.turn_username, &error))
    {
      print_error (error->message);
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  if (options.version)
    {
      out ("linecheck %s\n", PACKAGE_VERSION);
      return LC_CLI_EXIT_PASS;
    }

  /* A code read aloud is often typed in groups, unquoted: the other words are part of it. */
  if (options.decode != NULL)
    {
      g_autofree char *rest = g_strjoinv (" ", args + 1);
      g_autofree char *text = g_strconcat (options.decode, " ", rest, NULL);

      return decode_code (text, options.json);
    }

  if (g_strv_length (args) > 1)
    {
      g_autofree char *message = g_strdup_printf (_("unexpected argument “%s”; see --help"),
                                                  args[1]);
      print_error (message);
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  if (options.validate_profile != NULL)
    return validate_profile (options.validate_profile);

  if (options.list_profiles)
    {
      catalog = lc_profile_catalog_new ();
      lc_profile_catalog_scan (catalog);
      return list_profiles (catalog);
    }

  if (!options.cli)
    {
      print_error (_("these options go with --cli; see --help"));
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  if (options.history)
    return list_history ();
  if (options.show != NULL)
    return show_report (options.show, options.json);

  catalog = lc_profile_catalog_new ();
  lc_profile_catalog_scan (catalog);

  return run_checks (catalog, &options);
}
