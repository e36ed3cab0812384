/* test-secrets.c — a whole run against the lab, with every debug log on, and then every output
 * and every file it wrote searched for the TURN password, the reflector's secret and the
 * private part of the DTLS key that the run kept in its cache folder
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <glib/gstdio.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "lab-fixture.h"

static LabFixture *lab;

typedef struct
{
  const char *what;
  GBytes     *needle;
} Secret;

static GPtrArray *secrets;  /* Secret */
static const char *secret_home; /* a file that is where a secret belongs: not searched */

static void
secret_free (Secret *secret)
{
  g_bytes_unref (secret->needle);
  g_free (secret);
}

static void
add_secret (const char *what,
            GBytes     *value)
{
  Secret *secret = g_new0 (Secret, 1);

  g_assert_cmpuint (g_bytes_get_size (value), >=, 8);
  secret->what = what;
  secret->needle = value;
  g_ptr_array_add (secrets, secret);
}

/* Fails, naming the secret and the place, if any secret is in @data. */
static void
assert_no_secret_in (const char *place,
                     const void *data,
                     gsize       len)
{
  for (guint i = 0; i < secrets->len; i++)
    {
      Secret *secret = g_ptr_array_index (secrets, i);
      gsize n;
      const void *needle = g_bytes_get_data (secret->needle, &n);

      if (memmem (data, len, needle, n) != NULL)
        g_error ("the %s is in %s", secret->what, place);
    }
}

static void
assert_no_secret_in_file (const char *path)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) error = NULL;

  mapped = g_mapped_file_new (path, FALSE, &error);
  g_assert_no_error (error);
  if (g_mapped_file_get_length (mapped) > 0)
    assert_no_secret_in (path, g_mapped_file_get_contents (mapped),
                         g_mapped_file_get_length (mapped));
}

/* Every regular file under @dir; returns how many were searched. */
static guint
assert_no_secret_under (const char *dir)
{
  g_autoptr(GDir) entries = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (entries == NULL)
    return 0;
  while ((name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || g_strcmp0 (path, secret_home) == 0)
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n += assert_no_secret_under (path);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          assert_no_secret_in_file (path);
          n++;
        }
    }
  return n;
}

static void
add_number_secrets (const char   *what,
                    const BIGNUM *number)
{
  gsize size = (gsize)BN_num_bytes (number);
  guint8 *binary = g_malloc (size);
  char *hex = BN_bn2hex (number);

  BN_bn2bin (number, binary);
  add_secret (what, g_bytes_new_take (binary, size));
  add_secret (what, g_bytes_new (hex, strlen (hex)));
  add_secret (what, g_bytes_new_take (g_ascii_strdown (hex, -1), strlen (hex)));
  OPENSSL_free (hex);
}

/* The private numbers of the kept DTLS key, in binary and in hex, and the lines of its PEM
 * past the public modulus. */
static void
add_dtls_key_secrets (const char *key_path)
{
  g_autofree char *pem = NULL;
  g_auto(GStrv) lines = NULL;
  const BIGNUM *d = NULL, *p = NULL, *q = NULL;
  gsize length = 0;
  guint n_lines;
  RSA *rsa;
  BIO *bio;

  g_assert_true (g_file_get_contents (key_path, &pem, &length, NULL));
  bio = BIO_new_mem_buf (pem, (int)length);
  rsa = PEM_read_bio_RSAPrivateKey (bio, NULL, NULL, NULL);
  BIO_free (bio);
  g_assert_nonnull (rsa);
  RSA_get0_key (rsa, NULL, NULL, &d);
  RSA_get0_factors (rsa, &p, &q);
  add_number_secrets ("DTLS private exponent", d);
  add_number_secrets ("DTLS key's first prime", p);
  add_number_secrets ("DTLS key's second prime", q);
  RSA_free (rsa);

  lines = g_strsplit (pem, "\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines, >, 20);
  for (guint i = 7; i + 2 < n_lines; i++)   /* past the version and n */
    add_secret ("DTLS key's PEM", g_bytes_new (lines[i], strlen (lines[i])));
}

/* Runs the CLI with @args, its standard output and error to files; returns its exit code. */
static int
run_cli (const char * const *args,
         char              **env,
         const char         *out_path,
         const char         *err_path)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int out_fd = open (out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err_fd = open (err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;

  g_assert_cmpint (out_fd, >=, 0);
  g_assert_cmpint (err_fd, >=, 0);
  g_ptr_array_add (argv, (char *)g_getenv ("LC_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_environ (launcher, env);
  g_subprocess_launcher_take_stdout_fd (launcher, out_fd);
  g_subprocess_launcher_take_stderr_fd (launcher, err_fd);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (process))
    g_error ("linecheck %s was ended by signal %d (%s)", args[0],
             g_subprocess_get_term_sig (process), g_strsignal (g_subprocess_get_term_sig (process)));
  return g_subprocess_get_exit_status (process);
}

static void
test_no_secret_in_any_output_or_file (void)
{
  g_autofree char *work = g_dir_make_tmp ("lc-secrets-XXXXXX", NULL);
  g_autofree char *profile = g_build_filename (work, "profile.json", NULL);
  g_autofree char *pdf = g_build_filename (work, "report.pdf", NULL);
  g_autofree char *out = g_build_filename (work, "run.out", NULL);
  g_autofree char *err = g_build_filename (work, "run.log", NULL);
  g_autofree char *history_out = g_build_filename (work, "history.out", NULL);
  g_autofree char *history_err = g_build_filename (work, "history.log", NULL);
  g_autofree char *data_home = g_build_filename (work, "data", NULL);
  g_autofree char *reports = g_build_filename (data_home, "linecheck", "reports", NULL);
  g_autofree char *text = NULL;
  g_autofree char *log = NULL;
  g_auto(GStrv) env = g_get_environ ();
  JsonObject *root = json_node_get_object (lab->profile);
  JsonObject *ice = json_object_get_object_member (json_object_get_object_member (root,
                                                                                 "services"),
                                                   "ice");
  const char *credential = json_object_get_string_member (ice, "credential");
  g_autoptr(GBytes) reflector_secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) stored = NULL;
  gsize log_len = 0;
  guint searched;
  int status;

  secrets = g_ptr_array_new_with_free_func ((GDestroyNotify)secret_free);
  add_secret ("TURN password", g_bytes_new (credential, strlen (credential)));
  {
    JsonObject *reflector = json_object_get_object_member (json_node_get_object (lab->lab),
                                                           "reflector");
    gchar *contents = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (json_object_get_string_member (reflector, "secret_file"),
                                        &contents, &len, &error));
    g_assert_no_error (error);
    g_strchomp (contents);
    reflector_secret = g_bytes_new_take (contents, strlen (contents));
    add_secret ("reflector's secret", g_bytes_ref (reflector_secret));
  }

  /* The lab's own profile: every rule (the TURN checks allocate with the password, the ranges
   * fetch tokens) and its calls, the relay one authenticating to coturn. */
  g_free (profile);
  profile = g_build_filename (lab->dir, "profile.json", NULL);

  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", work, TRUE);
  /* Every debug log there is, as support would ask a person to run it. */
  env = g_environ_setenv (env, "GST_DEBUG", "*:5", TRUE);
  env = g_environ_setenv (env, "GST_DEBUG_NO_COLOR", "1", TRUE);
  env = g_environ_setenv (env, "NICE_DEBUG", "all", TRUE);
  env = g_environ_setenv (env, "G_MESSAGES_DEBUG", "all", TRUE);

  {
    const char *args[] = { "--cli", "--profile", profile, "--json", "--pdf", pdf, NULL };

    status = run_cli (args, env, out, err);
    g_test_message ("the run exited %d", status);
    g_assert_cmpint (status, ==, 0);
  }

  /* The logs did run: a search of nothing proves nothing. */
  g_assert_true (g_file_get_contents (err, &log, &log_len, NULL));
  g_test_message ("%" G_GSIZE_FORMAT " bytes of logs", log_len);
  g_assert_cmpuint (log_len, >, 100000);
  g_assert_nonnull (strstr (log, "GST_"));
  g_assert_nonnull (g_strstr_len (log, log_len, "webrtcnice"));
  /* The TURN server went into the logs, masked. */
  g_assert_nonnull (g_strstr_len (log, log_len, ":********@"));
  g_clear_pointer (&log, g_free);

  /* The stored report is found and printed again as a run prints it. */
  stored = g_dir_open (reports, 0, &error);
  g_assert_no_error (error);
  {
    const char *name = g_dir_read_name (stored);
    g_autofree char *path = NULL;
    const char *args[] = { "--cli", "--show", NULL, NULL };

    g_assert_nonnull (name);
    path = g_build_filename (reports, name, NULL);
    args[2] = path;
    status = run_cli (args, env, history_out, history_err);
    g_test_message ("--show exited %d", status);
    g_assert_cmpint (status, ==, 0);
  }

  /* What pdftotext reads in the PDF, beside the PDF's own bytes. */
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &text, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "PASS"));
    assert_no_secret_in ("the PDF's text", text, strlen (text));
  }

  /* The run kept its DTLS key in its cache folder, private: that file is where it belongs,
   * and nowhere else. */
  {
    g_autofree char *key_path = g_build_filename (work, "linecheck", "dtls-key.pem", NULL);
    GStatBuf st;

    g_assert_cmpint (g_lstat (key_path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    add_dtls_key_secrets (key_path);
    secret_home = key_path;
    assert_no_secret_in ("the PDF's text", text, strlen (text));

    /* The JSON on stdout, the logs, the PDF, the history, --show, and whatever else the run
     * left in its folders. */
    searched = assert_no_secret_under (work);
    secret_home = NULL;
  }
  g_test_message ("%u files searched", searched);
  g_assert_cmpuint (searched, >=, 7);

  {
    g_autofree char *json = NULL;

    g_assert_true (g_file_get_contents (out, &json, NULL, NULL));
    g_assert_nonnull (strstr (json, "\"verdict\""));
  }

  g_clear_pointer (&secrets, g_ptr_array_unref);
  {
    g_autofree char *argv_rm = g_strdup_printf ("rm -rf '%s'", work);
    g_assert_true (g_spawn_command_line_sync (argv_rm, NULL, NULL, NULL, NULL));
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  lab = lab_fixture_start ();
  g_test_add_func ("/secrets/no-secret-in-any-output-or-file",
                   test_no_secret_in_any_output_or_file);
  status = g_test_run ();
  lab_fixture_stop (lab);
  return status;
}
