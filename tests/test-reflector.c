/* test-reflector.c — linecheck-reflector's command line as an operator scripts it (contracts §5),
 * and the probe format both ends share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "lc-probe-token.h"

static char *workdir;
static char *secret_path;

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

static void
run_reflector_v (Run                *run,
                 const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *)g_getenv ("LC_REFLECTOR"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err,
                                                &error));
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                      : -1;
}

#define run_reflector(run, ...) \
  G_STMT_START { const char *args_[] = { __VA_ARGS__, NULL }; \
                 run_reflector_v (run, args_); } G_STMT_END

static void
assert_one_line (const char *text,
                 const char *needle)
{
  const char *newline = strchr (text, '\n');

  if (strstr (text, needle) == NULL)
    g_error ("expected “%s” in “%s”", needle, text);
  /* One line that says what is wrong, and nothing after it. */
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
}

static char *
write_file (const char *name,
            const char *content,
            int         mode)
{
  char *path = g_build_filename (workdir, name, NULL);

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return path;
}

static void
test_help_and_version (void)
{
  g_auto(Run) help = { 0 };
  g_auto(Run) version = { 0 };

  run_reflector (&help, "--help");
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--ports"));
  g_assert_nonnull (strstr (help.out, "--secret-file"));
  g_assert_nonnull (strstr (help.out, "--check-config"));
  g_assert_nonnull (strstr (help.out, "Exit status"));

  run_reflector (&version, "--version");
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "linecheck-reflector " PACKAGE_VERSION "\n");
}

static void
test_check_config_accepts_a_good_key_file (void)
{
  g_autofree char *text = g_strdup_printf ("[reflector]\nports=10000-20000,19099-20099\n"
                                           "secret-file=%s\naddress=127.0.0.1\n", secret_path);
  g_autofree char *config = write_file ("good.conf", text, 0644);
  g_auto(Run) run = { 0 };

  run_reflector (&run, "--check-config", "--config", config);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "configuration OK: UDP 10000-20099 (10100 ports) on 127.0.0.1; "
                                "tokens from another service sharing the secret\n");
}

static void
test_check_config_refuses_bad_settings_in_one_line (void)
{
  g_autofree char *unknown = write_file ("unknown.conf", "[reflector]\nport=1\n", 0644);
  g_autofree char *nogroup = write_file ("nogroup.conf", "[other]\nports=1\n", 0644);
  g_autofree char *short_secret = write_file ("short.secret", "too short", 0600);
  struct { const char *args[8]; const char *says; } cases[] = {
    { { "--check-config", "--ports", "70000", "--secret-file", secret_path }, "“70000” is not a port" },
    { { "--check-config", "--ports", "20-10", "--secret-file", secret_path }, "ends before it begins" },
    { { "--check-config", "--ports", "1-30000", "--secret-file", secret_path }, "at most 20000" },
    { { "--check-config", "--secret-file", secret_path }, "no ports" },
    { { "--check-config", "--ports", "15000" }, "no secret" },
    { { "--check-config", "--ports", "15000", "--secret-file", short_secret }, "at least 32" },
    { { "--check-config", "--ports", "15000", "--secret-file", "/nonexistent/secret" }, "No such file" },
    { { "--check-config", "--ports", "15000", "--secret-file", secret_path, "--token-port", "8443" }, "needs cert and key" },
    { { "--check-config", "--ports", "15000", "--secret-file", secret_path, "--address", "nowhere" }, "not an IP address" },
    { { "--check-config", "--config", unknown }, "unknown setting “port”" },
    { { "--check-config", "--config", nogroup }, "no [reflector] group" },
    { { "--check-config", "--config", "/nonexistent.conf" }, "/nonexistent.conf" },
    { { "--no-such-option" }, "Unknown option" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_reflector_v (&run, cases[i].args);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      assert_one_line (run.err, cases[i].says);
    }
}

static void
test_secret_readable_by_others_is_refused (void)
{
  g_autofree char *open_secret = write_file ("open.secret",
                                             "0123456789abcdef0123456789abcdef", 0644);
  g_autofree char *group_secret = write_file ("group.secret",
                                              "0123456789abcdef0123456789abcdef", 0640);
  g_auto(Run) run = { 0 };
  g_auto(Run) group = { 0 };

  run_reflector (&run, "--ports", "15000", "--secret-file", open_secret);
  g_assert_cmpint (run.status, ==, 2);
  assert_one_line (run.err, "is readable or writable by others (mode 0644)");
  /* The secret itself is never printed. */
  g_assert_null (strstr (run.err, "0123456789abcdef"));

  run_reflector (&group, "--check-config", "--ports", "15000", "--secret-file", group_secret);
  g_assert_cmpint (group.status, ==, 2);
  assert_one_line (group.err, "mode 0640");
}

static void
test_port_in_use_exits_1_naming_it (void)
{
  g_autoptr(GSocket) holder = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                            G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *ports = NULL;
  g_autofree char *says = NULL;
  g_auto(Run) run = { 0 };
  guint16 port;

  g_assert_true (g_socket_bind (holder, any, FALSE, NULL));
  bound = g_socket_get_local_address (holder, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  ports = g_strdup_printf ("%u-%u", port - 5, port);
  says = g_strdup_printf ("UDP port %u on 127.0.0.1 is already in use", port);

  run_reflector (&run, "--ports", ports, "--secret-file", secret_path, "--address", "127.0.0.1");
  g_assert_cmpint (run.status, ==, 1);
  assert_one_line (run.err, says);
}

static void
test_sigterm_stops_cleanly (void)
{
  const char *argv[] = { g_getenv ("LC_REFLECTOR"), "--ports", "45300-45310", "--secret-file",
                         secret_path, "--address", "127.0.0.1", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  /* communicate_utf8 () runs a main context of its own: signal first, then read. */
  g_usleep (500 * 1000);
  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (err, "answering: UDP 45300-45310 (11 ports) on 127.0.0.1"));
  g_assert_nonnull (strstr (err, "stopped:"));
}

/* The probe format ---------------------------------------------------------------------------- */

static void
test_probe_round_trip_and_limits (void)
{
  guint8 address[LC_PROBE_ADDRESS_LEN] = { 0 };
  guint8 secret[32];
  guint8 datagram[LC_PROBE_MAX_LEN + 1];
  guint8 reply_bytes[LC_PROBE_REPLY_LEN];
  LcProbe probe, parsed;
  LcProbeReply reply, reply_parsed;

  memset (secret, 7, sizeof secret);
  lc_probe_token_mint (secret, sizeof secret, address, 1000000, 120, &probe.token);
  probe.seq = 42;
  probe.port = 15000;

  g_assert_cmpuint (lc_probe_encode (&probe, datagram, LC_PROBE_LEN), ==, LC_PROBE_LEN);
  g_assert_true (lc_probe_parse (datagram, LC_PROBE_LEN, &parsed));
  g_assert_cmpuint (parsed.seq, ==, 42);
  g_assert_cmpuint (parsed.port, ==, 15000);
  g_assert_true (lc_probe_token_equal (&parsed.token, &probe.token));

  /* Shorter, longer than allowed, a wrong magic, a sequence number past the budget. */
  g_assert_false (lc_probe_parse (datagram, LC_PROBE_LEN - 1, &parsed));
  g_assert_cmpuint (lc_probe_encode (&probe, datagram, LC_PROBE_MAX_LEN + 1), ==, 0);
  g_assert_cmpuint (lc_probe_encode (&probe, datagram, LC_PROBE_MAX_LEN), ==, LC_PROBE_MAX_LEN);
  g_assert_true (lc_probe_parse (datagram, LC_PROBE_MAX_LEN, &parsed));
  g_assert_false (lc_probe_parse (datagram, LC_PROBE_MAX_LEN + 1, &parsed));
  g_assert_false (lc_probe_parse (NULL, 0, &parsed));
  probe.seq = LC_PROBE_MAX_SEQ;
  lc_probe_encode (&probe, datagram, LC_PROBE_LEN);
  g_assert_false (lc_probe_parse (datagram, LC_PROBE_LEN, &parsed));
  datagram[0] = 'X';
  g_assert_false (lc_probe_parse (datagram, LC_PROBE_LEN, &parsed));

  /* The reply is smaller than the smallest probe. */
  g_assert_cmpuint (LC_PROBE_REPLY_LEN, <, LC_PROBE_LEN);
  memcpy (reply.nonce, probe.token.nonce, sizeof reply.nonce);
  reply.seq = 9;
  reply.port = 20099;
  g_assert_cmpuint (lc_probe_reply_encode (&reply, reply_bytes), ==, LC_PROBE_REPLY_LEN);
  g_assert_true (lc_probe_reply_parse (reply_bytes, LC_PROBE_REPLY_LEN, &reply_parsed));
  g_assert_cmpuint (reply_parsed.seq, ==, 9);
  g_assert_cmpuint (reply_parsed.port, ==, 20099);
  g_assert_false (lc_probe_reply_parse (reply_bytes, LC_PROBE_REPLY_LEN - 1, &reply_parsed));
}

static void
test_token_verify_says_why (void)
{
  g_autoptr(GInetAddress) v4 = g_inet_address_new_from_string ("198.51.100.7");
  g_autoptr(GInetAddress) mapped = g_inet_address_new_from_string ("::ffff:198.51.100.7");
  g_autoptr(GInetAddress) other = g_inet_address_new_from_string ("198.51.100.8");
  guint8 a[LC_PROBE_ADDRESS_LEN], b[LC_PROBE_ADDRESS_LEN], c[LC_PROBE_ADDRESS_LEN];
  guint8 secret[32], wrong[32];
  LcProbeToken token, tampered;
  gint64 now = 1700000000;

  memset (secret, 1, sizeof secret);
  memset (wrong, 2, sizeof wrong);
  lc_probe_address_key (v4, a);
  lc_probe_address_key (mapped, b);
  lc_probe_address_key (other, c);
  /* IPv4 and its v4-mapped form key the same client. */
  g_assert_cmpmem (a, sizeof a, b, sizeof b);

  lc_probe_token_mint (secret, sizeof secret, a, now, 120, &token);
  g_assert_cmpint (lc_probe_token_verify (secret, sizeof secret, a, now, &token), ==,
                   LC_PROBE_TOKEN_VALID);
  g_assert_cmpint (lc_probe_token_verify (secret, sizeof secret, a, now + 119, &token), ==,
                   LC_PROBE_TOKEN_VALID);
  g_assert_cmpint (lc_probe_token_verify (secret, sizeof secret, a, now + 120, &token), ==,
                   LC_PROBE_TOKEN_EXPIRED);
  g_assert_cmpint (lc_probe_token_verify (secret, sizeof secret, c, now, &token), ==,
                   LC_PROBE_TOKEN_BAD_MAC);
  g_assert_cmpint (lc_probe_token_verify (wrong, sizeof wrong, a, now, &token), ==,
                   LC_PROBE_TOKEN_BAD_MAC);
  tampered = token;
  tampered.expiry += 60;  /* a longer life is not for the client to grant itself */
  g_assert_cmpint (lc_probe_token_verify (secret, sizeof secret, a, now, &tampered), ==,
                   LC_PROBE_TOKEN_BAD_MAC);
  tampered = token;
  tampered.expiry = now + LC_PROBE_TOKEN_MAX_LIFETIME_S + 1;
  g_assert_cmpint (lc_probe_token_verify (secret, sizeof secret, a, now, &tampered), ==,
                   LC_PROBE_TOKEN_TOO_LONG);
  tampered = token;
  tampered.version = 2;
  g_assert_cmpint (lc_probe_token_verify (secret, sizeof secret, a, now, &tampered), ==,
                   LC_PROBE_TOKEN_BAD_VERSION);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  workdir = g_dir_make_tmp ("linecheck-reflector-XXXXXX", NULL);
  secret_path = write_file ("secret", "abcdefghijklmnopqrstuvwxyz0123456789", 0600);

  g_test_add_func ("/core/reflector/cli/help-and-version", test_help_and_version);
  g_test_add_func ("/core/reflector/cli/check-config-accepts-a-good-key-file",
                   test_check_config_accepts_a_good_key_file);
  g_test_add_func ("/core/reflector/cli/check-config-refuses-bad-settings-in-one-line",
                   test_check_config_refuses_bad_settings_in_one_line);
  g_test_add_func ("/core/reflector/cli/secret-readable-by-others-is-refused",
                   test_secret_readable_by_others_is_refused);
  g_test_add_func ("/core/reflector/cli/port-in-use-exits-1-naming-it",
                   test_port_in_use_exits_1_naming_it);
  g_test_add_func ("/core/reflector/cli/sigterm-stops-cleanly", test_sigterm_stops_cleanly);
  g_test_add_func ("/core/reflector/probe/round-trip-and-limits",
                   test_probe_round_trip_and_limits);
  g_test_add_func ("/core/reflector/token/verify-says-why", test_token_verify_says_why);

  status = g_test_run ();

  {
    const char *rm[] = { "rm", "-rf", workdir, NULL };
    g_spawn_sync (NULL, (char **)rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
  g_free (secret_path);
  g_free (workdir);
  return status;
}
