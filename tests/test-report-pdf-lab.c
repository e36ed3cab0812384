/* test-report-pdf-lab.c — `linecheck --cli --pdf` on a real run against the lab: every check,
 * every call with its charts and MOS, the verdict and the code, and not the TURN password
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lab-fixture.h"
#include "lc-words.h"

static LabFixture *lab;

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The text without white space (a cell may wrap anywhere, and "TCP 8989" keeps its space
 * from breaking with a no-break space). */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static void
assert_has (const char *squeezed,
            const char *needle)
{
  g_autofree char *want = squeeze (needle);

  if (strstr (squeezed, want) == NULL)
    g_error ("“%s” is not in the PDF's text", needle);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_a_lab_run_exports_every_check_and_call (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "pdf-lab.json", NULL, NULL);
  g_autofree char *profile_path = g_build_filename (lab->dir, "pdf-lab.json", NULL);
  g_autofree char *pdf = g_build_filename (lab->dir, "report.pdf", NULL);
  const LcService *ice = lc_profile_lookup_service (profile, "ice");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
    G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *all = NULL;
  g_autofree char *bytes = NULL;
  JsonObject *root;
  JsonArray *checks, *media;
  guint with_samples = 0;
  gsize length;

  /* No display: the PDF is drawn without one. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LC_BINARY"), "--cli",
                                         "--profile", profile_path, "--json", "--pdf", pdf,
                                         NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 2);
  g_assert_nonnull (strstr (err, "PDF report written to "));

  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  text = pdf_text (pdf);
  all = squeeze (text);

  {
    const char *verdict = json_object_get_string_member (root, "verdict");
    LcStatus status = g_str_equal (verdict, "pass") ? LC_STATUS_PASS
                    : g_str_equal (verdict, "warn") ? LC_STATUS_WARN : LC_STATUS_FAIL;

    assert_has (all, lc_words_verdict (status));
    assert_has (all, json_object_get_string_member (root, "result_code"));
  }

  checks = json_object_get_array_member (root, "checks");
  g_assert_cmpuint (json_array_get_length (checks), >=, 14);
  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *check = json_array_get_object_element (checks, i);
      const char *protocol = json_object_get_string_member_with_default (check, "protocol",
                                                                         NULL);
      const char *ports = json_object_get_string_member_with_default (check, "ports", NULL);

      if (protocol != NULL && ports != NULL)
        {
          g_autofree char *upper = g_ascii_strup (protocol, -1);
          g_autofree char *rule = g_strdup_printf ("%s %s", upper, ports);

          assert_has (all, rule);
        }
      if (json_object_get_string_member_with_default (check, "detail", NULL) != NULL)
        assert_has (all, json_object_get_string_member (check, "detail"));
    }

  /* Every call, by the words the window uses; each one that carried media with its charts and
   * its MOS. */
  media = json_object_get_array_member (root, "media");
  g_assert_cmpuint (json_array_get_length (media), ==, lc_profile_get_n_media (profile));
  for (guint i = 0; i < lc_profile_get_n_media (profile); i++)
    {
      JsonObject *call = json_array_get_object_element (media, i);
      g_autofree char *title = lc_words_call_title (lc_profile_get_media (profile, i));
      JsonArray *samples = json_object_get_array_member (call, "samples");

      assert_has (all, title);
      if (json_array_get_length (samples) > 0)
        {
          JsonObject *summary = json_object_get_object_member (call, "summary");
          JsonNode *mos = json_object_get_member (summary, "mos");
          g_autofree char *caption = g_strdup_printf ("%s: 5-second windows", title);

          assert_has (all, caption);
          if (mos != NULL && !JSON_NODE_HOLDS_NULL (mos))
            {
              g_autofree char *words = lc_words_mos (json_node_get_double (mos));
              assert_has (all, words);
            }
          with_samples++;
        }
    }
  g_assert_cmpuint (with_samples, >=, 1);
  g_assert_cmpuint (count (all, "5-secondwindows"), ==, with_samples);

  /* The profile's TURN account is nowhere in the file. */
  g_assert_nonnull (ice->credential);
  g_assert_true (g_file_get_contents (pdf, &bytes, &length, NULL));
  g_assert_null (g_strstr_len (bytes, length, ice->credential));
  g_assert_null (strstr (text, ice->credential));
  g_assert_null (strstr (out, ice->credential));
  g_assert_null (strstr (err, ice->credential));

  g_unlink (pdf);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  lab = lab_fixture_start ();

  g_test_add_func ("/lab/report-pdf/a-lab-run-exports-every-check-and-call",
                   test_a_lab_run_exports_every_check_and_call);

  status = g_test_run ();
  lab_fixture_stop (lab);
  return status;
}
