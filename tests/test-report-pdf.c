/* test-report-pdf.c — the PDF report as the IT team reads it: every rule, every rule to open,
 * embedded fonts, whole host names, page numbers, the locale's paper, no secret
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lc-advice.h"
#include "lc-report-code.h"
#include "lc-report-pdf.h"
#include "lc-words.h"
#include "report-test-data.h"

#define LONG_HOST "voice-server-of-the-contact-centre-for-agents-working-from-home." \
                  "eu-west-3.availability-zone-b.region-17.platform.example.net"

static char *
output_path (const char *name)
{
  const char *dir = g_getenv ("LC_SCREENSHOT_DIR");

  if (dir == NULL)
    dir = g_getenv ("G_TEST_BUILDDIR");
  if (dir == NULL)
    dir = ".";
  return g_build_filename (dir, name, NULL);
}

/* Runs a poppler tool and returns what it printed. */
static char *
run_tool (const char *first,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", first, err);
  return out;
}

/* The text without any white space: a cell that wraps a long host name onto three lines still
 * holds the whole name. */
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

typedef struct
{
  double x0, y0, x1, y1;
} Box;

/* Nothing clipped, nothing drawn over: every word of every page lies inside the margins (48 pt,
 * the footer below the body), and no two words overlap. */
static void
assert_words_fit (const char *path)
{
  g_autofree char *html = run_tool ("pdftotext", "-bbox", path, "-", NULL);
  g_auto(GStrv) pages = g_strsplit (html, "<page ", -1);
  g_autoptr(GRegex) page_size = g_regex_new ("^width=\"([\\d.]+)\" height=\"([\\d.]+)\"", 0, 0,
                                             NULL);
  g_autoptr(GRegex) word = g_regex_new ("xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" "
                                        "xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)<",
                                        0, 0, NULL);
  guint n_words = 0;

  for (guint p = 1; pages[p] != NULL; p++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box));
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      double width, height;

      g_assert_true (g_regex_match (page_size, pages[p], 0, &match));
      {
        g_autofree char *w = g_match_info_fetch (match, 1);
        g_autofree char *h = g_match_info_fetch (match, 2);

        width = g_ascii_strtod (w, NULL);
        height = g_ascii_strtod (h, NULL);
      }
      g_clear_pointer (&match, g_match_info_unref);

      for (g_regex_match (word, pages[p], 0, &match); g_match_info_matches (match);
           g_match_info_next (match, NULL))
        {
          Box box;
          g_autofree char *x0 = g_match_info_fetch (match, 1);
          g_autofree char *y0 = g_match_info_fetch (match, 2);
          g_autofree char *x1 = g_match_info_fetch (match, 3);
          g_autofree char *y1 = g_match_info_fetch (match, 4);

          box = (Box) { g_ascii_strtod (x0, NULL), g_ascii_strtod (y0, NULL),
                        g_ascii_strtod (x1, NULL), g_ascii_strtod (y1, NULL) };
          if (box.x0 < 47.5 || box.x1 > width - 47.5 || box.y0 < 40 || box.y1 > height - 30)
            g_error ("page %u: “%s” lies outside the margins (%.1f, %.1f – %.1f, %.1f)", p,
                     g_match_info_fetch (match, 5), box.x0, box.y0, box.x1, box.y1);
          g_array_append_val (boxes, box);
          g_ptr_array_add (texts, g_match_info_fetch (match, 5));
        }

      for (guint i = 0; i < boxes->len; i++)
        for (guint j = i + 1; j < boxes->len; j++)
          {
            Box *a = &g_array_index (boxes, Box, i), *b = &g_array_index (boxes, Box, j);
            double w = MIN (a->x1, b->x1) - MAX (a->x0, b->x0);
            double h = MIN (a->y1, b->y1) - MAX (a->y0, b->y0);
            double smaller = MIN ((a->x1 - a->x0) * (a->y1 - a->y0),
                                  (b->x1 - b->x0) * (b->y1 - b->y0));

            if (w > 0.5 && h > 0.5 && w * h > 0.2 * smaller)
              g_error ("page %u: “%s” and “%s” overlap", p,
                       (char *)g_ptr_array_index (texts, i), (char *)g_ptr_array_index (texts, j));
          }
      n_words += boxes->len;
    }
  g_assert_cmpuint (n_words, >, 500);
}

static char *
write_report (LcReport   *report,
              const char *name,
              LcPaper     paper)
{
  g_autofree char *path = output_path (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_report_write_pdf_on_paper (report, path, paper, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static guint
count_pages (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", path, NULL);
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint)g_ascii_strtoull (line + strlen ("\nPages:") + strspn (line + 7, " "), NULL, 10);
}

static void
test_pdf_holds_every_rule_and_every_rule_to_open (void)
{
  g_autoptr(LcReport) report = report_test_new_many_rules (40, LONG_HOST);
  g_autofree char *path = write_report (report, "report-40-rules.pdf", LC_PAPER_A4);
  /* -raw keeps each cell's lines together, in the order they are drawn. */
  g_autofree char *text = run_tool ("pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL);
  g_autofree char *all = squeeze (text);
  g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (report);
  GPtrArray *checks = lc_report_get_checks (report);
  guint n_rules = 0;

  assert_words_fit (path);
  g_assert_cmpuint (lc_report_get_verdict (report), ==, LC_STATUS_FAIL);
  assert_has (all, lc_words_verdict (lc_report_get_verdict (report)));
  assert_has (all, lc_words_verdict_title (lc_report_get_verdict (report)));
  {
    g_autofree char *code = lc_report_dup_result_code (report);
    assert_has (all, code);
  }

  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);
      g_autofree char *protocol = NULL;
      g_autofree char *rule = NULL;

      if (g_strcmp0 (lc_check_result_get_step (result), "firewall") != 0)
        continue;
      protocol = g_ascii_strup (lc_check_result_get_protocol (result), -1);
      /* The row in the order it is drawn: status, service and description, rule, host. */
      rule = g_strdup_printf ("%s %s %s %s", lc_check_result_get_description (result),
                              protocol, lc_check_result_get_ports (result),
                              lc_check_result_get_check (result));
      assert_has (all, rule);
      assert_has (all, lc_words_check_status (result));
      if (lc_check_result_get_detail (result) != NULL)
        assert_has (all, lc_check_result_get_detail (result));
      n_rules++;
    }
  g_assert_cmpuint (n_rules, ==, 40);

  g_assert_cmpuint (rules->len, >=, 10);
  for (guint i = 0; i < rules->len; i++)
    {
      LcRuleToOpen *rule = g_ptr_array_index (rules, i);
      g_autofree char *protocol = g_ascii_strup (rule->protocol, -1);
      /* A row of the firewall table: host, address, protocol, ports, what for. */
      g_autofree char *row = g_strdup_printf ("%s %s %s", protocol, rule->ports,
                                              rule->description);

      assert_has (all, row);
      assert_has (all, rule->host);
    }

  /* The long name whole, in both tables: nothing clipped, no hyphen added where it wraps. */
  g_assert_nonnull (strstr (all, LONG_HOST));
  g_assert_nonnull (strstr (strstr (all, LONG_HOST) + 1, LONG_HOST));

  /* Every recommendation core reads off the run, with what to do. */
  {
    g_autoptr(GPtrArray) advice = lc_advice_for_report (report);

    g_assert_cmpuint (advice->len, >, 0);
    for (guint i = 0; i < advice->len; i++)
      {
        LcAdvice *a = g_ptr_array_index (advice, i);

        assert_has (all, a->title);
        if (a->action != NULL)
          assert_has (all, a->action);
      }
  }

  /* The edge, the calls, the step titles. */
  assert_has (all, "Europe");
  assert_has (all, "Audio and video echo call (Opus + VP8)");
  assert_has (all, "The TURN server did not answer on UDP 3478 within 5 s");
  assert_has (all, "4.3 — ");
  assert_has (all, "5. End-to-End Test");

  {
    guint pages = count_pages (path);
    g_autofree char *first = g_strdup_printf ("Page 1 of %u", pages);
    g_autofree char *last = g_strdup_printf ("Page %u of %u", pages, pages);

    g_assert_cmpuint (pages, >=, 3);
    assert_has (all, first);
    assert_has (all, last);
  }
}

static void
test_pdf_embeds_its_fonts (void)
{
  g_autoptr(LcReport) report = report_test_new_many_rules (40, LONG_HOST);
  g_autofree char *path = write_report (report, "report-fonts.pdf", LC_PAPER_A4);
  g_autofree char *fonts = run_tool ("pdffonts", path, NULL);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n_fonts = 0;

  /* name, type (several words), encoding, then emb sub uni object generation. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();

      for (guint j = 0; words[j] != NULL; j++)
        if (*words[j] != '\0')
          g_ptr_array_add (fields, words[j]);
      if (fields->len < 6)
        continue;
      if (g_strcmp0 (g_ptr_array_index (fields, fields->len - 5), "yes") != 0)
        g_error ("font not embedded: %s", lines[i]);
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >=, 2);
}

static void
test_pdf_pages_are_saved_as_images (void)
{
  g_autoptr(LcReport) report = report_test_new_many_rules (40, LONG_HOST);
  g_autofree char *path = write_report (report, "report-pages.pdf", LC_PAPER_A4);
  g_autofree char *prefix = output_path ("report-page");
  g_autofree char *first = output_path ("report-page-1.png");
  g_autofree char *second = output_path ("report-page-2.png");
  g_autofree char *out = NULL;

  g_unlink (first);
  g_unlink (second);
  out = run_tool ("pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "2", path, prefix, NULL);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));
  g_test_message ("pages: %s, %s", first, second);
}

static void
test_pdf_paper_follows_the_locale (void)
{
  g_autoptr(LcReport) report = report_test_new_many_rules (40, LONG_HOST);
  g_autofree char *a4 = write_report (report, "report-a4.pdf", LC_PAPER_A4);
  g_autofree char *letter = write_report (report, "report-letter.pdf", LC_PAPER_LETTER);
  g_autofree char *a4_info = run_tool ("pdfinfo", a4, NULL);
  g_autofree char *letter_info = run_tool ("pdfinfo", letter, NULL);
  g_autofree char *text = run_tool ("pdftotext", "-raw", letter, "-", NULL);
  g_autofree char *all = squeeze (text);

  g_assert_cmpuint (lc_paper_for_size_mm (216, 279), ==, LC_PAPER_LETTER);
  g_assert_cmpuint (lc_paper_for_size_mm (210, 297), ==, LC_PAPER_A4);
  g_assert_cmpuint (lc_paper_for_size_mm (0, 0), ==, LC_PAPER_A4);
  /* The tests run in C.UTF-8, whose paper is A4. */
  g_assert_cmpuint (lc_paper_from_locale (), ==, LC_PAPER_A4);

  g_assert_nonnull (strstr (a4_info, "(A4)"));
  g_assert_nonnull (strstr (letter_info, "(letter)"));
  assert_words_fit (letter);
  g_assert_nonnull (strstr (all, LONG_HOST));
}

static void
test_pdf_holds_no_secret (void)
{
  g_autoptr(LcReport) report = report_test_new_many_rules (40, LONG_HOST);
  g_autoptr(LcReport) agent = report_test_new_agent_run ();
  LcReport *reports[] = { report, agent };

  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autofree char *name = g_strdup_printf ("report-secrets-%u.pdf", i);
      g_autofree char *path = write_report (reports[i], name, LC_PAPER_A4);
      g_autofree char *text = run_tool ("pdftotext", "-raw", path, "-", NULL);
      g_autofree char *bytes = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
      g_assert_null (strstr (text, REPORT_TEST_TURN_PASSWORD));
      g_assert_null (strstr (text, REPORT_TEST_TURN_USERNAME));
      g_assert_null (g_strstr_len (bytes, length, REPORT_TEST_TURN_PASSWORD));
      g_assert_null (g_strstr_len (bytes, length, REPORT_TEST_TURN_USERNAME));
    }
}

static void
test_pdf_is_written_atomically (void)
{
  g_autoptr(LcReport) report = report_test_new_agent_run ();
  g_autofree char *dir = g_dir_make_tmp ("linecheck-pdf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *contents = NULL;
  const char *name;
  guint n_files = 0;

  g_assert_true (g_file_set_contents (path, "the old report", -1, NULL));
  g_assert_true (lc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* No temporary file is left beside it. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  g_assert_false (lc_report_write_pdf (report, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  g_assert_false (lc_report_write_pdf (report, "", &error));
  g_assert_nonnull (error);

  g_unlink (path);
  g_rmdir (dir);
}

/* What a hostile server or a careless profile can put in a report: a 253-character host name,
 * a reason of thousands of characters with terminal escapes, bidi overrides and one unbroken
 * word, 150 rules. The pages still hold every word inside their margins, no control character
 * reaches the text, and the export stays quick. */
static void
test_pdf_survives_hostile_text (void)
{
  /* Four labels of up to 63 characters: as long as a host name gets. */
  static const char * const labels[] = {
    "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-0-1-2-3-4-5",
    "voice-server-of-the-contact-centre-for-the-agents-at-home-eu-w3",
    "x123456789012345678901234567890123456789012345678901234567890",
    "example-of-a-long-domain-name-that-is-still-a-valid-label",
    "net", NULL
  };
  g_autofree char *host = g_strjoinv (".", (char **)labels);
  g_autoptr(LcReport) report = NULL;
  g_autoptr(GString) detail = g_string_new ("\x1b[2J\x1b[31mFAKE VERDICT: PASS"
                                            "\u202e txet desrever ");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  LcCheckResult *victim;
  gint64 start;
  double ms;

  g_assert_cmpuint (strlen (host), <=, 253);
  report = report_test_new_many_rules (150, host);
  /* One word wider than any column, then more than a report keeps. */
  for (guint i = 0; i < 300; i++)
    g_string_append_c (detail, "ABCDEFGHIJ"[i % 10]);
  for (guint i = 0; i < 300; i++)
    g_string_append (detail, " the server said something long and odd,");
  victim = g_ptr_array_index (lc_report_get_checks (report), 5);
  lc_check_result_fail (victim, LC_CAUSE_PROTOCOL, detail->str);
  lc_report_finish (report);

  start = g_get_monotonic_time ();
  path = write_report (report, "report-hostile.pdf", LC_PAPER_A4);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("150 rules exported in %.0f ms", ms);
  g_assert_cmpfloat (ms, <, 5000);

  assert_words_fit (path);
  text = run_tool ("pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL);
  g_assert_null (strchr (text, '\x1b'));
  g_assert_null (strstr (text, "\u202e"));
  /* The escape is shown, not obeyed. */
  g_assert_nonnull (strstr (text, "\\x1B[2J"));
  g_assert_nonnull (strstr (text, "\\u{202E}"));
  {
    g_autofree char *all = squeeze (text);
    g_assert_nonnull (strstr (all, host));
  }
}

/* In Spanish, the report says what the window and the CLI say in Spanish: the words of core. */
static void
test_pdf_speaks_the_language_of_the_locale (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *locale_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
      g_autoptr(LcReport) report = NULL;
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autofree char *all = NULL;

      g_setenv ("LANGUAGE", "es", TRUE);
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, locale_dir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      /* The translation is there to be used: the test is not passed by English. */
      g_assert_cmpstr (lc_words_verdict (LC_STATUS_FAIL), ==,
                       "FALLO: no se cumplen algunos requisitos");

      report = report_test_new_many_rules (12, LONG_HOST);
      path = write_report (report, "report-es.pdf", LC_PAPER_A4);
      text = run_tool ("pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL);
      all = squeeze (text);
      assert_has (all, "FALLO: no se cumplen algunos requisitos");
      assert_has (all, "1. Red y cortafuegos");
      assert_has (all, lc_words_verdict_title (LC_STATUS_FAIL));
      g_assert_null (strstr (all, "FAIL:somerequirementsarenotmet"));
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/report-pdf/holds-every-rule-and-every-rule-to-open",
                   test_pdf_holds_every_rule_and_every_rule_to_open);
  g_test_add_func ("/core/report-pdf/embeds-its-fonts", test_pdf_embeds_its_fonts);
  g_test_add_func ("/core/report-pdf/pages-are-saved-as-images",
                   test_pdf_pages_are_saved_as_images);
  g_test_add_func ("/core/report-pdf/paper-follows-the-locale",
                   test_pdf_paper_follows_the_locale);
  g_test_add_func ("/core/report-pdf/holds-no-secret", test_pdf_holds_no_secret);
  g_test_add_func ("/core/report-pdf/is-written-atomically", test_pdf_is_written_atomically);
  g_test_add_func ("/core/report-pdf/survives-hostile-text", test_pdf_survives_hostile_text);
  g_test_add_func ("/core/report-pdf/speaks-the-language-of-the-locale",
                   test_pdf_speaks_the_language_of_the_locale);

  return g_test_run ();
}
