/* test-cli.c — `linecheck --cli` as a script or a person runs it: output and exit codes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs the real binary with @args (NULL-terminated) and no display. */
static void
run_linecheck (Run        *run,
               const char *first_arg,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *)g_getenv ("LC_BINARY"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static void
test_cli_prints_its_version (void)
{
  g_auto(Run) run = { 0 };

  run_linecheck (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "linecheck " PACKAGE_VERSION "\n");
}

static void
test_cli_help_names_every_option (void)
{
  static const char * const options[] = {
    "--cli", "--profile", "--edge", "--json", "--pdf", "--only", "--list-profiles",
    "--validate-profile", "--version", "--host", "--decode",
  };
  g_auto(Run) run = { 0 };

  run_linecheck (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_assert_nonnull (strstr (run.out, options[i]));
}

static void
test_cli_lists_the_builtin_profiles (void)
{
  g_auto(Run) run = { 0 };

  run_linecheck (&run, "--cli", "--list-profiles", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^cpaas-agent +CPaaS agent +built-in", run.out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^cpaas-user +CPaaS user +built-in", run.out,
                                       G_REGEX_MULTILINE, 0));
}

static void
test_cli_validates_a_good_profile (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "profiles",
                                                 "cpaas-agent.json", NULL);
  g_auto(Run) run = { 0 };

  run_linecheck (&run, "--cli", "--validate-profile", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "a valid profile, “CPaaS agent” (cpaas-agent): 14 rules"));
}

static void
test_cli_refuses_a_bad_profile_with_exit_2 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "profile.json", NULL);
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (path,
    "{\"format\": 1, \"id\": \"x\", \"name\": \"X\", \"services\": {\"rtc\": {}},\n"
    " \"rules\": [{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 1, \"check\": \"tcp\"},\n"
    "  {}, {}, {\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": \"http\", \"check\": \"tcp\"}]}",
    -1, NULL));

  run_linecheck (&run, "--cli", "--validate-profile", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  /* Exactly the contract's example: the file, the JSON path, what was expected. */
  g_assert_nonnull (strstr (run.err, "rules[1].service: missing"));

  g_assert_true (g_file_set_contents (path,
    "{\"format\": 1, \"id\": \"x\", \"name\": \"X\", \"services\": {\"rtc\": {}},\n"
    " \"rules\": [{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": \"http\", \"check\": \"tcp\"}]}",
    -1, NULL));
  run_clear (&run);
  run_linecheck (&run, "--cli", "--validate-profile", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_suffix (g_strchomp (run.err),
                                   "profile.json: rules[0].port: expected an integer 1–65535, got \"http\""));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_cli_says_which_host_is_missing (void)
{
  g_auto(Run) run = { 0 };

  run_linecheck (&run, "--cli", "--profile", "cpaas-user", "--host", "rtc=rtc.example.net", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "does not say the host of ice (STUN/TURN)"));
  g_assert_nonnull (strstr (run.err, "--host ice="));
  g_assert_null (strstr (run.err, "rtc (Video gateway)"));
}

static void
test_cli_refuses_bad_arguments_with_exit_2 (void)
{
  g_auto(Run) run = { 0 };

  run_linecheck (&run, "--cli", "--host", "rtc", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--host takes SERVICE=HOST"));

  run_clear (&run);
  run_linecheck (&run, "--cli", "--profile", "no-such-profile", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "No profile “no-such-profile”"));

  run_clear (&run);
  run_linecheck (&run, "--cli", "--no-such-option", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--no-such-option"));

  run_clear (&run);
  run_linecheck (&run, "--cli", "--host", "rtc=https://x/", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "is not a host name"));
}

static void
test_cli_runs_and_keeps_the_report (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "local.json", NULL);
  g_autofree char *history = g_build_filename (g_getenv ("XDG_DATA_HOME"), "linecheck", "reports",
                                               NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDir) listing = NULL;
  g_auto(Run) run = { 0 };
  g_autofree char *kept = NULL;
  const char *name;
  JsonObject *root;

  g_assert_true (g_file_set_contents (path,
    "{\"format\": 1, \"id\": \"local\", \"name\": \"Local\",\n"
    " \"services\": {\"rtc\": {\"host\": \"127.0.0.1\"}},\n"
    " \"rules\": [{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 9, \"check\": \"tcp\"}],\n"
    " \"thresholds\": {\"rtt_ms\": 300, \"jitter_ms\": 50, \"loss_percent\": 1.5,\n"
    "                \"audio_kbps\": 40, \"video_kbps\": 80}}", -1, NULL));

  /* Only the name-resolution step: it runs without any server. */
  run_linecheck (&run, "--cli", "--profile", path, "--only", "context", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "pass");
  g_assert_nonnull (strstr (run.err, "Report saved to "));

  /* The same report, kept in the history before it was printed. */
  listing = g_dir_open (history, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (history, name, NULL);

      if (g_str_has_suffix (name, "-local.json") && strstr (run.err, file) != NULL)
        g_assert_true (g_file_get_contents (file, &kept, NULL, NULL));
    }
  g_assert_cmpstr (kept, ==, run.out);

  run_clear (&run);
  run_linecheck (&run, "--cli", "--profile", path, "--only", "nothing", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Unknown step “nothing”"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in “%s”", needle, haystack ? haystack : "(null)");
}

#define LOCAL_PROFILE(ice) \
  "{\"format\": 1, \"id\": \"local\", \"name\": \"Local\",\n" \
  " \"services\": {\"rtc\": {\"host\": \"127.0.0.1\"}, \"ice\": {\"host\": \"127.0.0.1\"" ice "}},\n" \
  " \"rules\": [{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 9, \"check\": \"tcp\"}],\n" \
  " \"thresholds\": {\"rtt_ms\": 300, \"jitter_ms\": 50, \"loss_percent\": 1.5,\n" \
  "                \"audio_kbps\": 40, \"video_kbps\": 80}}"

/* A FIFO with no writer would block open() and read() forever; a device never ends. */
static void
test_cli_refuses_special_files_at_once (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-cli-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "profile.json", NULL);
  g_autofree char *profile = g_build_filename (dir, "local.json", NULL);
  const struct { const char *option; const char *file; const char *words; } cases[] = {
    { "--profile", fifo, "named pipe" },
    { "--validate-profile", fifo, "named pipe" },
    { "--turn-credential-file", fifo, "named pipe" },
    { "--turn-credential-file", "/dev/zero", "device" },
    { "--validate-profile", "/dev/zero", "device" },
    { "--validate-profile", dir, "folder" },
    { "--turn-credential-file", dir, "folder" },
  };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (g_file_set_contents (profile, LOCAL_PROFILE (""), -1, NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      gint64 started = g_get_monotonic_time ();

      if (g_str_equal (cases[i].option, "--validate-profile"))
        run_linecheck (&run, "--cli", "--validate-profile", cases[i].file, NULL);
      else if (g_str_equal (cases[i].option, "--profile"))
        run_linecheck (&run, "--cli", "--profile", cases[i].file, NULL);
      else
        run_linecheck (&run, "--cli", "--profile", profile, "--only", "context",
                       cases[i].option, cases[i].file, NULL);

      g_test_message ("%s %s: %s", cases[i].option, cases[i].file, run.err);
      g_assert_cmpint (run.status, ==, 2);
      assert_contains (run.err, cases[i].words);
      if (g_str_equal (cases[i].option, "--turn-credential-file"))
        assert_contains (run.err, "--turn-credential-file");
      /* At once: well under the seconds a person would wait for. */
      g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);
    }

  g_unlink (fifo);
  g_unlink (profile);
  g_rmdir (dir);
}

static void
test_cli_names_the_option_with_bad_text (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) empty = { 0 };
  g_auto(Run) empty_profile = { 0 };

  run_linecheck (&run, "--cli", "--host", "rtc=\xff\xfe.example.net", NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "--host");
  g_assert_null (strstr (run.err, "Invalid byte sequence"));

  run_linecheck (&empty, "--cli", "--validate-profile", "", NULL);
  g_assert_cmpint (empty.status, ==, 2);
  assert_contains (empty.err, "--validate-profile: the file name is empty");

  run_linecheck (&empty_profile, "--cli", "--profile", "", NULL);
  g_assert_cmpint (empty_profile.status, ==, 2);
  assert_contains (empty_profile.err, "--profile");
}

/* Without --cli: the app's own options only, and the headless ones work anyway. */
static void
test_cli_app_mode_arguments (void)
{
  g_auto(Run) unknown = { 0 };
  g_auto(Run) cli_only = { 0 };
  g_auto(Run) list = { 0 };

  run_linecheck (&unknown, "--no-such-option", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  assert_contains (unknown.err, "unknown option --no-such-option");

  run_linecheck (&cli_only, "--json", NULL);
  g_assert_cmpint (cli_only.status, ==, 2);
  assert_contains (cli_only.err, "--json goes with --cli");

  run_linecheck (&list, "--list-profiles", NULL);
  g_assert_cmpint (list.status, ==, 0);
  assert_contains (list.out, "cpaas-agent");
}

/* As --help says: the options fill in what a profile leaves out, and never override it. */
static void
test_cli_turn_options_do_not_override_the_profile (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-cli-XXXXXX", NULL);
  g_autofree char *with = g_build_filename (dir, "with.json", NULL);
  g_autofree char *without = g_build_filename (dir, "without.json", NULL);
  g_autofree char *secret = g_build_filename (dir, "secret", NULL);
  g_auto(Run) kept = { 0 };
  g_auto(Run) filled = { 0 };

  g_assert_true (g_file_set_contents (with, LOCAL_PROFILE (", \"username\": \"u\", "
                                                           "\"credential\": \"profile-pw\""),
                                      -1, NULL));
  g_assert_true (g_file_set_contents (without, LOCAL_PROFILE (""), -1, NULL));
  g_assert_true (g_file_set_contents (secret, "file-pw-7c1e\n", -1, NULL));

  run_linecheck (&kept, "--cli", "--profile", with, "--only", "context", "--json",
                 "--turn-credential-file", secret, NULL);
  g_assert_cmpint (kept.status, ==, 0);
  assert_contains (kept.err, "--turn-credential-file is not used");

  run_linecheck (&filled, "--cli", "--profile", without, "--only", "context", "--json",
                 "--turn-username", "u", "--turn-credential-file", secret, NULL);
  g_assert_cmpint (filled.status, ==, 0);
  g_assert_null (strstr (filled.err, "is not used"));
  g_assert_null (strstr (filled.out, "file-pw-7c1e"));
  g_assert_null (strstr (filled.err, "file-pw-7c1e"));
  g_assert_null (strstr (kept.out, "profile-pw"));

  g_unlink (with);
  g_unlink (without);
  g_unlink (secret);
  g_rmdir (dir);
}

/* The example of docs/result-code.md: a warning, a timeout, media only by relay, edge 2. */
#define EXAMPLE_CODE "39B1-0J20-MSB0-CS1D"

static void
test_cli_decodes_a_code_without_a_display (void)
{
  g_auto(Run) run = { 0 };

  /* No --cli, no display: support decodes on any machine. */
  run_linecheck (&run, "--decode", EXAMPLE_CODE, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out,
                                   "Result code " EXAMPLE_CODE " (format 1)\n"
                                   "Passed with warnings: the requirements are met, some "
                                   "recommendations are not\n"));
  g_assert_nonnull (strstr (run.out, "firewall: passed with warnings"));
  g_assert_nonnull (strstr (run.out, "nothing answered in time"));
  g_assert_nonnull (strstr (run.out, "media got through only by relay"));
  g_assert_nonnull (strstr (run.out, "number 2 in the profile’s list of edges, the nearest"));
  g_assert_nonnull (strstr (run.out, "round trip: 40–60 ms"));

  /* As typed from the phone: lower case, groups as separate words, an O for the 0. */
  run_clear (&run);
  run_linecheck (&run, "--decode", "39b1", "oj2o", "msbo", "cs1d", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Result code " EXAMPLE_CODE));
}

static void
test_cli_decodes_a_code_as_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *root;

  run_linecheck (&run, "--decode", EXAMPLE_CODE, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "code"), ==, EXAMPLE_CODE);
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "warn");
  g_assert_cmpstr (json_object_get_string_member (root, "cause"), ==, "timeout");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (root, "media"),
                                                 "only_relay"));
}

static void
test_cli_refuses_a_bad_code_with_exit_2 (void)
{
  static const struct
  {
    const char *code;
    const char *reason;
  } cases[] = {
    { "39B1-0J20-MSB0-CS1", "Not a Linecheck code: it has 15 characters, a code has 16" },
    { "39B1-0J20-MSC0-CS1D", "The check does not match: a character is mistyped. "
                             "Character 11 looks wrong: ask for it again" },
    { "39B1-0J20-MS0B-CS1D", "The check does not match: a character is mistyped. "
                             "Characters 11 and 12 look swapped: ask for them again" },
    { "39B1-0J2U-MSB0-CS1D", "Character 8 is a “U”, which no Linecheck code has: "
                             "perhaps it is a V" },
    { "6G00-0000-0000-EDH2", "Made by a newer Linecheck (format 3): this version reads "
                             "format 1. Update Linecheck to read it" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *expected = g_strdup_printf ("linecheck: %s\n", cases[i].reason);

      run_linecheck (&run, "--decode", cases[i].code, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, ==, expected);
    }

  /* What a terminal would act on is shown, not obeyed. */
  {
    g_auto(Run) run = { 0 };

    run_linecheck (&run, "--decode", "39B1\x1b[2J", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_null (strchr (run.err, '\x1b'));
  }
}

/* A real run, its code printed by the verdict, and that code decoded back to what happened. */
static void
test_cli_run_prints_a_code_that_decodes_to_it (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "closed.json", NULL);
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *code = NULL;
  g_auto(Run) run = { 0 };
  const char *line;
  guint16 port;

  /* A port that was just free: nothing listens there, so the connection is refused. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  profile = g_strdup_printf (
    "{\"format\": 1, \"id\": \"closed\", \"name\": \"Closed\",\n"
    " \"services\": {\"rtc\": {\"host\": \"127.0.0.1\"}},\n"
    " \"rules\": [{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": %u,"
    " \"check\": \"tcp\"}],\n"
    " \"thresholds\": {\"rtt_ms\": 300, \"jitter_ms\": 50, \"loss_percent\": 1.5,\n"
    "                \"audio_kbps\": 40, \"video_kbps\": 80}}", port);
  g_assert_true (g_file_set_contents (path, profile, -1, NULL));

  run_linecheck (&run, "--cli", "--profile", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  line = strstr (run.out, "\nResult code: ");
  g_assert_nonnull (line);
  code = g_strndup (line + strlen ("\nResult code: "), 19);
  g_assert_cmpint (code[4], ==, '-');

  run_clear (&run);
  run_linecheck (&run, "--decode", code, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Failed: some requirements are not met"));
  g_assert_nonnull (strstr (run.out, "firewall: failed"));
  g_assert_nonnull (strstr (run.out, "RTC: failed"));
  g_assert_nonnull (strstr (run.out, "1 failed, 1 rule to open on the firewall"));
  g_assert_nonnull (strstr (run.out, "the connection was refused"));

  g_unlink (path);
  g_rmdir (dir);
}

/* Runs a poppler tool on @path and returns what it printed. */
static char *
pdf_tool (const char *tool,
          const char *path)
{
  const char *argv[] = { tool, "-raw", "-enc", "UTF-8", path, "-", NULL };
  const char *fonts_argv[] = { tool, path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)(g_str_equal (tool, "pdftotext") ? argv : fonts_argv), NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_cli_writes_a_pdf_beside_the_json (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "closed.json", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no-such-folder", "report.pdf", NULL);
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *rule = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *root;
  gsize length;
  guint16 port;

  /* A port that was just free: the connection is refused, a rule to open. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  profile = g_strdup_printf (
    "{\"format\": 1, \"id\": \"closed\", \"name\": \"Closed\",\n"
    " \"services\": {\"rtc\": {\"name\": \"Video gateway\", \"host\": \"127.0.0.1\"},\n"
    "              \"ice\": {\"host\": \"127.0.0.1\", \"username\": \"pdf-user-4d2\",\n"
    "                      \"credential\": \"pdf-secret-9b1f\"}},\n"
    " \"rules\": [{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": %u,"
    " \"check\": \"tcp\", \"description\": \"Signalling\"}],\n"
    " \"thresholds\": {\"rtt_ms\": 300, \"jitter_ms\": 50, \"loss_percent\": 1.5,\n"
    "                \"audio_kbps\": 40, \"video_kbps\": 80}}", port);
  g_assert_true (g_file_set_contents (path, profile, -1, NULL));

  run_linecheck (&run, "--cli", "--profile", path, "--json", "--pdf", pdf, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "PDF report written to ");

  /* --json still writes the report, and only the report, to stdout. */
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "fail");

  text = pdf_tool ("pdftotext", pdf);
  /* The space in "TCP 8089" does not break; pdftotext may give it as either space. */
  rule = g_strdup_printf ("TCP(\\s|\u00a0)%u\\b", port);
  assert_contains (text, "FAIL: some requirements are not met");
  assert_contains (text, json_object_get_string_member (root, "result_code"));
  assert_contains (text, "Rules to Open on the Firewall");
  g_assert_true (g_regex_match_simple (rule, text, 0, 0));
  assert_contains (text, "127.0.0.1");
  assert_contains (text, "Page 1 of ");
  fonts = pdf_tool ("pdffonts", pdf);
  g_assert_nonnull (strstr (fonts, " yes "));
  g_assert_null (strstr (fonts, " no "));

  g_assert_true (g_file_get_contents (pdf, &bytes, &length, NULL));
  g_assert_true (g_str_has_prefix (bytes, "%PDF-"));
  g_assert_null (g_strstr_len (bytes, length, "pdf-secret-9b1f"));
  g_assert_null (strstr (text, "pdf-secret-9b1f"));
  g_assert_null (strstr (text, "pdf-user-4d2"));

  /* A folder that is not there is refused before the run, with exit 2. */
  run_clear (&run);
  run_linecheck (&run, "--cli", "--profile", path, "--pdf", nowhere, NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "no-such-folder");
  g_assert_null (strstr (run.err, "Checking"));

  run_clear (&run);
  run_linecheck (&run, "--cli", "--profile", path, "--pdf", "", NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "--pdf: the file name is empty");

  run_clear (&run);
  run_linecheck (&run, "--cli", "--profile", path, "--pdf", dir, NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "this is a folder");

  /* A folder where no file can be made (not even by root): the run is printed and kept, the
   * missing PDF said, and the exit code is 2. */
  run_clear (&run);
  run_linecheck (&run, "--cli", "--profile", path, "--json", "--pdf", "/proc/linecheck.pdf", NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_contains (run.err, "Could not write the PDF report to /proc/linecheck.pdf");
  assert_contains (run.err, "Report saved to ");
  assert_contains (run.out, "\"verdict\"");

  g_unlink (pdf);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/prints-its-version", test_cli_prints_its_version);
  g_test_add_func ("/cli/help-names-every-option", test_cli_help_names_every_option);
  g_test_add_func ("/cli/lists-the-builtin-profiles", test_cli_lists_the_builtin_profiles);
  g_test_add_func ("/cli/validates-a-good-profile", test_cli_validates_a_good_profile);
  g_test_add_func ("/cli/refuses-a-bad-profile-with-exit-2",
                   test_cli_refuses_a_bad_profile_with_exit_2);
  g_test_add_func ("/cli/says-which-host-is-missing", test_cli_says_which_host_is_missing);
  g_test_add_func ("/cli/runs-and-keeps-the-report", test_cli_runs_and_keeps_the_report);
  g_test_add_func ("/cli/decodes-a-code-without-a-display",
                   test_cli_decodes_a_code_without_a_display);
  g_test_add_func ("/cli/decodes-a-code-as-json", test_cli_decodes_a_code_as_json);
  g_test_add_func ("/cli/refuses-a-bad-code-with-exit-2", test_cli_refuses_a_bad_code_with_exit_2);
  g_test_add_func ("/cli/run-prints-a-code-that-decodes-to-it",
                   test_cli_run_prints_a_code_that_decodes_to_it);
  g_test_add_func ("/cli/refuses-bad-arguments-with-exit-2",
                   test_cli_refuses_bad_arguments_with_exit_2);
  g_test_add_func ("/cli/refuses-special-files-at-once", test_cli_refuses_special_files_at_once);
  g_test_add_func ("/cli/names-the-option-with-bad-text", test_cli_names_the_option_with_bad_text);
  g_test_add_func ("/cli/app-mode-arguments", test_cli_app_mode_arguments);
  g_test_add_func ("/cli/turn-options-do-not-override-the-profile",
                   test_cli_turn_options_do_not_override_the_profile);
  g_test_add_func ("/cli/writes-a-pdf-beside-the-json", test_cli_writes_a_pdf_beside_the_json);

  return g_test_run ();
}
