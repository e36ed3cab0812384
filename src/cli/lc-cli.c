/* lc-cli.c — `linecheck --cli`: headless runs, profile listing and validation
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include <math.h>
#include <glib-unix.h>

#include "lc-cli.h"
#include "lc-range-check.h"
#include "lc-profile-catalog.h"
#include "lc-runner.h"

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
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/**
 * lc_cli_wants_command_line:
 *
 * Returns: %TRUE when the arguments ask for the command line rather than the app's window
 */
gboolean
lc_cli_wants_command_line (int    argc,
                           char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--cli") ||
          g_str_equal (argv[i], "--version") ||
          g_str_equal (argv[i], "--help") ||
          g_str_equal (argv[i], "-h") ||
          g_str_equal (argv[i], "-?"))
        return TRUE;
    }

  return FALSE;
}

static void
print_error (const char *message)
{
  g_printerr ("linecheck: %s\n", message);
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

      g_print ("%s\n", line->str);
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
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = lc_profile_new_from_file (file, &error);

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
    g_print (_("%s: a valid profile, “%s” (%s): %s, %s, %s\n"), path,
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
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  /* A trailing newline is the editor's, not the password's. */
  g_strchomp (contents);
  *out = g_steal_pointer (&contents);
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

static const char *
status_word (LcStatus status)
{
  switch (status)
    {
    case LC_STATUS_PASS: return _("pass");
    case LC_STATUS_WARN: return _("warn");
    case LC_STATUS_FAIL: return _("FAIL");
    case LC_STATUS_SKIP: return _("skip");
    default: return "?";
    }
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
    pad_append (line, status_word (lc_check_result_get_status (result)), 6);
    pad_append (line, lc_check_result_get_service (result) ? lc_check_result_get_service (result)
                                                           : "", 5);
    pad_append (line, rule, 17);
    pad_append (line, lc_check_result_get_check (result), 11);
    g_string_append (line, lc_check_result_get_host (result) ? lc_check_result_get_host (result)
                                                             : "");
    g_printerr ("%s\n", line->str);
  }
}

static char *
format_figure (double      value,
               const char *unit)
{
  /* A second without a fresh figure prints as a dash, never as 0. */
  return isfinite (value) ? g_strdup_printf ("%.1f %s", value, unit) : g_strdup ("–");
}

static void
on_media_started (LcRunner   *runner,
                  const char *entry_id,
                  CliRun     *run)
{
  if (run->progress)
    g_printerr (_("Calling “%s”…\n"), entry_id);
}

static void
on_media_sample (LcRunner      *runner,
                 const char    *entry_id,
                 LcMediaSample *sample,
                 CliRun        *run)
{
  g_autofree char *rtt = format_figure (sample->rtt_ms, "ms");
  g_autofree char *jitter = format_figure (sample->jitter_ms, "ms");
  g_autofree char *loss = format_figure (sample->loss_percent, "%");
  g_autofree char *up = format_figure (sample->send_kbps, "kbps");
  g_autofree char *down = format_figure (sample->recv_kbps, "kbps");

  if (!run->progress)
    return;

  /* Translators: one second of a test call, printed as it runs */
  g_printerr (_("  %s %3.0f s  round trip %s, jitter %s, loss %s, up %s, down %s\n"),
              entry_id, sample->t, rtt, jitter, loss, up, down);
}

static const char *
media_status_word (LcMediaStatus status)
{
  switch (status)
    {
    case LC_MEDIA_STATUS_PASS: return _("pass");
    case LC_MEDIA_STATUS_WARN: return _("warn");
    case LC_MEDIA_STATUS_FAIL: return _("FAIL");
    case LC_MEDIA_STATUS_SKIP: return _("skip");
    case LC_MEDIA_STATUS_INTERRUPTED: return _("CUT");
    default: return "?";
    }
}

static void
print_media (LcReport *report)
{
  GPtrArray *media = lc_report_get_media (report);

  if (media->len == 0)
    return;

  g_print ("\n%s\n", _("Test calls:"));
  for (guint i = 0; i < media->len; i++)
    {
      LcMediaResult *result = g_ptr_array_index (media, i);
      LcMediaSample *summary = lc_media_result_get_summary (result);
      const char * const *codecs = lc_media_result_get_codecs (result);
      g_autofree char *codec_list = codecs ? g_strjoinv ("+", (char **)codecs) : g_strdup ("");
      g_autoptr(GString) line = g_string_new (NULL);

      pad_append (line, media_status_word (lc_media_result_get_status (result)), 6);
      pad_append (line, lc_media_result_get_id (result), 11);
      pad_append (line, codec_list, 10);
      if (summary != NULL)
        {
          g_autofree char *rtt = format_figure (summary->rtt_ms, "ms");
          g_autofree char *jitter = format_figure (summary->jitter_ms, "ms");
          g_autofree char *loss = format_figure (summary->loss_percent, "%");
          g_autofree char *up = format_figure (summary->send_kbps, "kbps");
          g_autofree char *down = format_figure (summary->recv_kbps, "kbps");
          double mos = lc_media_result_get_mos (result);

          g_string_append_printf (line, _("round trip %s, jitter %s, loss %s, up %s, down %s"),
                                  rtt, jitter, loss, up, down);
          if (isfinite (mos))
            g_string_append_printf (line, _(", MOS %.2f"), mos);
        }
      g_print ("%s\n", line->str);

      /* The figures say it all for a good call; anything else gets its words. */
      if (lc_media_result_get_status (result) != LC_MEDIA_STATUS_PASS &&
          lc_media_result_get_detail (result) != NULL)
        g_print ("      %s\n", lc_media_result_get_detail (result));
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

  g_printerr ("%s\n", _("Cancelling…"));
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

      pad_append (line, status_word (lc_check_result_get_status (result)), 6);
      pad_append (line, lc_check_result_get_step (result), 10);
      pad_append (line, service ? service : "-", 5);
      pad_append (line, rule, 17);
      pad_append (line, lc_check_result_get_check (result), 11);
      g_string_append_printf (line, "%8s  %s", time,
                              lc_check_result_get_detail (result)
                                ? lc_check_result_get_detail (result) : "");
      g_print ("%s\n", line->str);
      print_port_spans (result);
    }

  print_media (report);

  switch (lc_report_get_verdict (report))
    {
    case LC_STATUS_PASS: verdict = _("PASS: every requirement is met"); break;
    case LC_STATUS_WARN: verdict = _("PASS WITH WARNINGS: the requirements are met, "
                                     "some recommendations are not"); break;
    case LC_STATUS_FAIL:
    default: verdict = _("FAIL: some requirements are not met"); break;
    }

  g_print ("\n%s\n", verdict);
  if (lc_report_get_chosen_edge (report) != NULL)
    g_print (_("Edge: %s\n"), lc_report_get_chosen_edge (report));

  if (rules->len > 0)
    {
      g_print ("\n%s\n", _("Rules to open on the firewall:"));
      for (guint i = 0; i < rules->len; i++)
        {
          LcRuleToOpen *rule = g_ptr_array_index (rules, i);
          g_autofree char *protocol = g_ascii_strup (rule->protocol, -1);

          /* Translators: a rule to open, e.g. "TCP 8989 to rtc.example.net" */
          g_autofree char *what = g_strdup_printf (_("%s %s to %s"), protocol, rule->ports,
                                                   rule->host);
          g_autoptr(GString) line = g_string_new ("  ");

          pad_append (line, what, 40);
          g_string_append_printf (line, "(%s%s%s)", rule->service_name,
                                  rule->description ? ": " : "",
                                  rule->description ? rule->description : "");
          g_print ("%s\n", line->str);
        }
    }
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

  if (options->pdf != NULL)
    {
      print_error (_("--pdf: this version cannot write PDF reports yet"));
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

  if (options->turn_username != NULL || credential != NULL)
    {
      const LcService *ice = lc_profile_lookup_service (profile, "ice");

      lc_profile_set_ice_credentials (profile,
                                      options->turn_username ? options->turn_username
                                                             : ice ? ice->username : NULL,
                                      credential ? credential : ice ? ice->credential : NULL);
    }

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

  g_printerr (_("Checking “%s”…\n"), lc_profile_get_name (profile));
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
        g_printerr (_("Report saved to %s\n"), path);
      }
    else
      {
        g_autofree char *message = g_strdup_printf (_("the report could not be kept: %s"),
                                                    save_error->message);
        print_error (message);
      }
  }

  if (options->json)
    {
      g_autofree char *data = lc_report_to_data (run.report, NULL);
      g_print ("%s", data);
    }
  else
    print_table (run.report);

  {
    LcStatus verdict = lc_report_get_verdict (run.report);
    g_clear_object (&run.report);
    return verdict == LC_STATUS_FAIL ? LC_CLI_EXIT_FAIL : LC_CLI_EXIT_PASS;
  }
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
    { "host", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.hosts,
      N_("The host of a service the profile leaves open, e.g. rtc=rtc.example.net"),
      N_("SERVICE=HOST") },
    { "edge", 0, 0, G_OPTION_ARG_STRING, &options.edge,
      N_("Use this edge instead of the nearest"), N_("ID") },
    { "only", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.only,
      N_("Run only this step: firewall, edge, media or context (repeatable)"), N_("STEP") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("Write the report as JSON to standard output"), NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &options.pdf,
      N_("Also write the report as a PDF file"), N_("FILE") },
    { "turn-username", 0, 0, G_OPTION_ARG_STRING, &options.turn_username,
      N_("TURN user name, if the profile has none"), N_("NAME") },
    { "turn-credential-file", 0, 0, G_OPTION_ARG_FILENAME, &options.turn_credential_file,
      N_("Read the TURN password from this file, if the profile has none"), N_("FILE") },
    { "list-profiles", 0, 0, G_OPTION_ARG_NONE, &options.list_profiles,
      N_("List the profiles found on the search path"), NULL },
    { "validate-profile", 0, 0, G_OPTION_ARG_FILENAME, &options.validate_profile,
      N_("Check a profile file and say what is wrong with it"), N_("FILE") },
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
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      print_error (error->message);
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  if (options.version)
    {
      g_print ("linecheck %s\n", PACKAGE_VERSION);
      return LC_CLI_EXIT_PASS;
    }

  if (g_strv_length (args) > 1)
    {
      g_autofree char *message = g_strdup_printf (_("unexpected argument “%s”; see --help"),
                                                  args[1]);
      print_error (message);
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  if (!options.cli)
    {
      print_error (_("these options go with --cli; see --help"));
      return LC_CLI_EXIT_CANNOT_RUN;
    }

  if (options.validate_profile != NULL)
    return validate_profile (options.validate_profile);

  catalog = lc_profile_catalog_new ();
  lc_profile_catalog_scan (catalog);

  if (options.list_profiles)
    return list_profiles (catalog);

  return run_checks (catalog, &options);
}
