/* test-history.c — the stored runs: listed newest first, bad files skipped with the reason,
 * 1,000 runs, a save killed half-way, bounds, reading a report back exactly as it was stored
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "history-test-data.h"
#include "lc-history.h"
#include "lc-report-code.h"

static GPtrArray *
list_ok (LcHistory  *history,
         GPtrArray **skipped)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = lc_history_list (history, skipped, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static void
write_file (GFile      *dir,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static const char *
find_line (GPtrArray  *lines,
           const char *name)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (lines, i), name))
      return g_ptr_array_index (lines, i);
  return NULL;
}

static void
test_history_lists_newest_first (void)
{
  g_autoptr(GFile) dir = history_test_make_dir ("newest-first");
  g_autoptr(LcHistory) history = lc_history_new (dir);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) skipped = NULL;

  /* Stored out of order: the list is by date all the same. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(LcReport) report = history_test_report_new ((i * 3) % 4);
      g_autoptr(GFile) file = history_test_store (dir, report);
    }

  entries = list_ok (history, &skipped);
  g_assert_cmpuint (skipped->len, ==, 0);
  g_assert_cmpuint (entries->len, ==, 4);
  for (guint i = 0; i < entries->len; i++)
    {
      LcHistoryEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(LcReport) expected = history_test_report_new (3 - i);
      g_autofree char *code = lc_report_dup_result_code (expected);

      g_assert_cmpint (g_date_time_compare (lc_history_entry_get_started (entry),
                                            lc_report_get_started (expected)), ==, 0);
      g_assert_cmpstr (lc_history_entry_get_profile_id (entry), ==, "cpaas-agent");
      g_assert_cmpstr (lc_history_entry_get_profile_name (entry), ==, "CPaaS agent");
      g_assert_cmpint (lc_history_entry_get_verdict (entry), ==,
                       lc_report_get_verdict (expected));
      g_assert_cmpstr (lc_history_entry_get_result_code (entry), ==, code);
    }
  /* Run 3 fails TCP 8089 and run 0 too; runs 1 and 2 pass. */
  g_assert_cmpint (lc_history_entry_get_verdict (g_ptr_array_index (entries, 0)), ==,
                   LC_STATUS_FAIL);
  g_assert_cmpint (lc_history_entry_get_verdict (g_ptr_array_index (entries, 1)), ==,
                   LC_STATUS_PASS);
}

static void
test_history_of_no_folder_is_empty (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "history-tests", "none", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(LcHistory) history = lc_history_new (dir);
  g_autoptr(GPtrArray) entries = list_ok (history, NULL);

  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_history_skips_bad_files_with_the_reason (void)
{
  g_autoptr(GFile) dir = history_test_make_dir ("bad-files");
  g_autoptr(LcHistory) history = lc_history_new (dir);
  g_autoptr(LcReport) report = history_test_report_new (1);
  g_autoptr(GFile) good = history_test_store (dir, report);
  g_autofree char *data = lc_report_to_data (report, NULL);
  g_autofree char *dir_path = g_file_get_path (dir);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autofree char *future = NULL;
  g_autofree char *fifo = g_build_filename (dir_path, "20261101-000000-000-fifo.json", NULL);
  g_autofree char *folder = g_build_filename (dir_path, "20261101-000000-000-folder.json", NULL);
  const char *line;

  write_file (dir, "20261101-000000-000-corrupt.json", "{\"format\": 1, \"tool\": \x01\xff", -1);
  write_file (dir, "20261101-000000-000-truncated.json", data, strlen (data) / 2);
  write_file (dir, "20261101-000000-000-foreign.json", "{\"name\": \"a package.json\"}", -1);
  write_file (dir, "20261101-000000-000-empty.json", "", 0);
  write_file (dir, "20261101-000000-000-array.json", "[1, 2, 3]", -1);
  {
    g_autoptr(GRegex) format = g_regex_new ("\"format\" : 1", 0, 0, NULL);

    future = g_regex_replace_literal (format, data, -1, 0, "\"format\" : 2", 0, NULL);
    g_assert_nonnull (strstr (future, "\"format\" : 2"));
    write_file (dir, "20261101-000000-000-future.json", future, -1);
  }
  {
    g_autoptr(GRegex) verdict = g_regex_new ("\"verdict\" : \"pass\"", 0, 0, NULL);
    g_autofree char *bad = g_regex_replace_literal (verdict, data, -1, 0,
                                                    "\"verdict\" : \"maybe\"", 0, NULL);
    write_file (dir, "20261101-000000-000-bad-verdict.json", bad, -1);
  }
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  /* A leftover of a save cut short is not a report, nor listed as one. */
  write_file (dir, "20261101-000001-000-cpaas-agent.json.K2X8QZ", data, 100);

  entries = list_ok (history, &skipped);
  for (guint i = 0; i < skipped->len; i++)
    g_test_message ("%s", (char *)g_ptr_array_index (skipped, i));

  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_true (g_file_equal (lc_history_entry_get_file (g_ptr_array_index (entries, 0)), good));
  g_assert_cmpuint (skipped->len, ==, 9);

  line = find_line (skipped, "20261101-000000-000-corrupt.json: skipped: ");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "UTF-8"));
  line = find_line (skipped, "20261101-000000-000-truncated.json: skipped: ");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "line "));
  line = find_line (skipped, "20261101-000000-000-foreign.json: skipped: ");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "not a Linecheck report"));
  line = find_line (skipped, "20261101-000000-000-array.json: skipped: ");
  g_assert_nonnull (line);
  line = find_line (skipped, "20261101-000000-000-empty.json: skipped: ");
  g_assert_nonnull (line);
  line = find_line (skipped, "20261101-000000-000-future.json: skipped: ");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "format 2"));
  g_assert_nonnull (strstr (line, "reads format 1"));
  line = find_line (skipped, "20261101-000000-000-bad-verdict.json: skipped: ");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "maybe"));
  line = find_line (skipped, "20261101-000000-000-fifo.json: skipped: ");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "FIFO"));
  line = find_line (skipped, "20261101-000000-000-folder.json: skipped: ");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "folder"));
}

typedef struct
{
  gint64     started;
  gint64     first_rows;
  guint      batches;
  guint      rows;
  GPtrArray *entries;
  GPtrArray *skipped;
} Listing;

static void
on_batch (LcHistory *history,
          GPtrArray *entries,
          gpointer   user_data)
{
  Listing *listing = user_data;

  if (listing->batches++ == 0)
    listing->first_rows = g_get_monotonic_time ();
  listing->rows += entries->len;
}

static void
on_listed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Listing *listing = user_data;
  g_autoptr(GError) error = NULL;

  listing->entries = lc_history_list_finish (LC_HISTORY (object), result, &listing->skipped,
                                             &error);
  g_assert_no_error (error);
}

static void
test_history_lists_1000_runs (void)
{
  g_autoptr(GFile) dir = history_test_make_dir ("1000-runs");
  g_autoptr(LcHistory) history = lc_history_new (dir);
  Listing listing = { 0 };
  double first_ms, all_ms;

  history_test_fill (dir, 1000);

  listing.started = g_get_monotonic_time ();
  lc_history_list_async (history, 50, on_batch, &listing, NULL, NULL, on_listed, &listing);
  while (listing.entries == NULL)
    g_main_context_iteration (NULL, TRUE);
  all_ms = (g_get_monotonic_time () - listing.started) / 1000.0;
  first_ms = (listing.first_rows - listing.started) / 1000.0;
  g_test_message ("1,000 runs: first rows after %.0f ms, all after %.0f ms", first_ms, all_ms);

  g_assert_cmpuint (listing.entries->len, ==, 1000);
  g_assert_cmpuint (listing.skipped->len, ==, 0);
  g_assert_cmpuint (listing.rows, ==, 1000);
  g_assert_cmpuint (listing.batches, >=, 20);
  for (guint i = 1; i < listing.entries->len; i++)
    g_assert_cmpint (g_date_time_compare (
                       lc_history_entry_get_started (g_ptr_array_index (listing.entries, i - 1)),
                       lc_history_entry_get_started (g_ptr_array_index (listing.entries, i))),
                     >, 0);
  /* The budget: 0.5 s to the first rows (about 0.14 s even under ASan + UBSan). */
  g_assert_cmpfloat (first_ms, <, 500);

  g_ptr_array_unref (listing.entries);
  g_ptr_array_unref (listing.skipped);

  /* Listed again, the rows come from the index: only a new or changed file is read. */
  {
    gint64 started = g_get_monotonic_time ();
    g_autoptr(GPtrArray) again = list_ok (history, NULL);
    double again_ms = (g_get_monotonic_time () - started) / 1000.0;

    g_test_message ("1,000 runs again, with the index: all after %.0f ms", again_ms);
    g_assert_cmpuint (again->len, ==, 1000);
    g_assert_cmpfloat (again_ms, <, 500);
  }
}

/* The index is a cache: it never hides a change, and a damaged one is only slower. */
static void
test_history_index_never_hides_a_change (void)
{
  g_autoptr(GFile) dir = history_test_make_dir ("index");
  g_autoptr(GFile) index = g_file_get_child (dir, ".history-index.json");
  g_autoptr(LcHistory) history = lc_history_new (dir);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) fourth = NULL;
  g_autofree char *victim = NULL;
  g_autofree char *text = NULL;
  gsize length;

  history_test_fill (dir, 5);
  first = list_ok (history, NULL);
  g_assert_true (g_file_query_exists (index, NULL));
  second = list_ok (history, NULL);
  g_assert_cmpuint (second->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      LcHistoryEntry *a = first->pdata[i], *b = second->pdata[i];

      g_assert_true (g_file_equal (lc_history_entry_get_file (a), lc_history_entry_get_file (b)));
      g_assert_cmpint (g_date_time_compare (lc_history_entry_get_started (a),
                                            lc_history_entry_get_started (b)), ==, 0);
      g_assert_cmpstr (lc_history_entry_get_profile_name (a), ==,
                       lc_history_entry_get_profile_name (b));
      g_assert_cmpint (lc_history_entry_get_verdict (a), ==, lc_history_entry_get_verdict (b));
      g_assert_cmpstr (lc_history_entry_get_result_code (a), ==,
                       lc_history_entry_get_result_code (b));
    }

  /* A report cut in half after it was indexed is read again, and skipped. */
  victim = g_file_get_path (lc_history_entry_get_file (second->pdata[2]));
  g_assert_true (g_file_get_contents (victim, &text, &length, NULL));
  g_assert_true (g_file_set_contents (victim, text, length / 2, NULL));
  third = list_ok (history, &skipped);
  g_assert_cmpuint (third->len, ==, 4);
  g_assert_cmpuint (skipped->len, ==, 1);

  /* A damaged index is left aside. */
  {
    g_autofree char *path = g_file_get_path (index);

    g_assert_true (g_file_set_contents (path, "{\"format\": 1, \"runs\": [{\"name\": 3}]}", -1,
                                        NULL));
  }
  fourth = list_ok (history, NULL);
  g_assert_cmpuint (fourth->len, ==, 4);
}

static guint
count_leftovers (GFile *dir)
{
  g_autofree char *path = g_file_get_path (dir);
  g_autoptr(GDir) folder = g_dir_open (path, 0, NULL);
  const char *name;
  guint temps = 0;

  while ((name = g_dir_read_name (folder)) != NULL)
    temps += strstr (name, ".json.") != NULL;
  return temps;
}

/* The child saves runs into the folder for ever, as the app does after a run; the parent kills
 * it (SIGKILL) until at least one save was cut short half-way, then lists what is left. */
static void
test_history_survives_a_kill_during_save (void)
{
  g_autoptr(GFile) dir = history_test_make_dir ("killed");

  if (g_test_subprocess ())
    {
      g_autoptr(LcReport) first = history_test_report_new (7);
      g_autoptr(GFile) kept = history_test_store (dir, first);
      g_autoptr(LcReport) report = history_test_report_new (8);
      g_autoptr(LcReport) other = history_test_report_new (9);

      /* Over the same two names again and again: each save replaces a whole report. */
      for (guint i = 0; ; i++)
        {
          g_autoptr(GFile) file = history_test_store (dir, i % 2 ? report : other);
        }
      return;
    }

  {
    g_autoptr(LcHistory) history = lc_history_new (dir);
    g_autoptr(GPtrArray) entries = NULL;
    g_autoptr(GPtrArray) skipped = NULL;
    guint temps = 0;
    guint round;

    for (round = 0; round < 30 && temps == 0; round++)
      {
        g_test_trap_subprocess (NULL, (300 + 17 * round) * 1000, G_TEST_SUBPROCESS_DEFAULT);
        g_assert_false (g_test_trap_has_passed ());
        temps = count_leftovers (dir);
      }
    g_test_message ("%u kills; %u saves cut short half-way (their temporary files are left)",
                    round, temps);
    g_assert_cmpuint (temps, >, 0);

    entries = list_ok (history, &skipped);
    g_assert_cmpuint (skipped->len, ==, 0);
    g_assert_cmpuint (entries->len, >=, 1);
    g_assert_cmpuint (entries->len, <=, 3);
    for (guint i = 0; i < entries->len; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *path = g_file_get_path (lc_history_entry_get_file (
                                                   g_ptr_array_index (entries, i)));
        g_autoptr(LcReport) report = lc_report_new_from_file (path, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (lc_report_get_checks (report)->len, ==, 14);
        g_assert_cmpuint (lc_report_get_media (report)->len, ==, 5);
      }
  }
}

static void
test_history_prunes_the_oldest_first (void)
{
  g_autoptr(GFile) dir = history_test_make_dir ("prune");
  g_autoptr(LcHistory) history = lc_history_new (dir);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint64 size;

  history_test_fill (dir, 10);

  g_assert_cmpuint (lc_history_prune (history, 6, G_MAXUINT64, &error), ==, 4);
  g_assert_no_error (error);
  entries = list_ok (history, NULL);
  g_assert_cmpuint (entries->len, ==, 6);
  {
    g_autoptr(LcReport) newest = history_test_report_new (9);
    g_autoptr(LcReport) oldest = history_test_report_new (4);

    g_assert_cmpint (g_date_time_compare (lc_history_entry_get_started (entries->pdata[0]),
                                          lc_report_get_started (newest)), ==, 0);
    g_assert_cmpint (g_date_time_compare (lc_history_entry_get_started (entries->pdata[5]),
                                          lc_report_get_started (oldest)), ==, 0);
  }

  /* By size: room for two and a half runs keeps the two newest. */
  size = lc_history_entry_get_size (entries->pdata[0]);
  g_assert_cmpuint (lc_history_prune (history, 1000, size * 5 / 2, &error), ==, 4);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_ok (history, NULL);
  g_assert_cmpuint (entries->len, ==, 2);

  /* The newest run stays, even larger than the bound. */
  g_assert_cmpuint (lc_history_prune (history, 0, 0, &error), ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_ok (history, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
}

static void
test_history_deletes_one_run (void)
{
  g_autoptr(GFile) dir = history_test_make_dir ("delete");
  g_autoptr(LcHistory) history = lc_history_new (dir);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;

  history_test_fill (dir, 3);
  entries = list_ok (history, NULL);
  g_assert_true (lc_history_delete (history, entries->pdata[1], &error));
  g_assert_no_error (error);
  after = list_ok (history, NULL);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_true (g_file_equal (lc_history_entry_get_file (after->pdata[0]),
                               lc_history_entry_get_file (entries->pdata[0])));
  g_assert_true (g_file_equal (lc_history_entry_get_file (after->pdata[1]),
                               lc_history_entry_get_file (entries->pdata[2])));
}

/* Read back, the report writes the same text: every check, call, sample, verdict, code and
 * rule to open as it was — and without the profile, which may be gone. */
static void
test_history_reads_a_report_back_exactly (void)
{
  g_autoptr(GFile) dir = history_test_make_dir ("read-back");
  g_autoptr(LcReport) report = history_test_report_new (3);
  g_autoptr(GFile) file = history_test_store (dir, report);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcReport) back = lc_report_new_from_file (path, &error);
  g_autofree char *stored = NULL;
  g_autofree char *again = lc_report_to_data (report, NULL);
  g_autofree char *read_back = NULL;
  g_autoptr(GPtrArray) rules = NULL;

  g_assert_no_error (error);
  g_assert_true (lc_report_is_stored (back));
  g_assert_true (g_file_get_contents (path, &stored, NULL, NULL));
  read_back = lc_report_to_data (back, NULL);
  g_assert_cmpstr (read_back, ==, stored);
  g_assert_cmpstr (again, ==, stored);

  g_assert_cmpint (lc_report_get_verdict (back), ==, LC_STATUS_FAIL);
  rules = lc_report_dup_rules_to_open (back);
  g_assert_cmpuint (rules->len, ==, 1);
  g_assert_cmpstr (((LcRuleToOpen *)rules->pdata[0])->ports, ==, "8089");
  g_assert_cmpstr (((LcRuleToOpen *)rules->pdata[0])->service_name, ==, "Voice server");
  g_assert_cmpuint (lc_report_get_media (back)->len, ==, 5);
  g_assert_cmpfloat (lc_profile_get_thresholds (lc_report_get_profile (back))->rtt_ms, ==,
                     lc_profile_get_thresholds (lc_report_get_profile (report))->rtt_ms);
}

static void
test_history_suggests_export_names (void)
{
  g_autoptr(GFile) dir = history_test_make_dir ("export-name");
  g_autoptr(LcReport) report = history_test_report_new (0);
  g_autoptr(GFile) file = history_test_store (dir, report);
  g_autoptr(LcHistoryEntry) entry = lc_history_read_entry (file, NULL);
  g_autofree char *name = lc_history_entry_dup_export_name (entry, "json");

  g_assert_true (g_str_has_prefix (name, "linecheck-2026-11-01-"));
  g_assert_true (g_str_has_suffix (name, "-cpaas-agent.json"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/history/lists-runs-newest-first", test_history_lists_newest_first);
  g_test_add_func ("/core/history/of-no-folder-is-empty", test_history_of_no_folder_is_empty);
  g_test_add_func ("/core/history/skips-bad-files-saying-which-and-why",
                   test_history_skips_bad_files_with_the_reason);
  g_test_add_func ("/core/history/lists-1000-runs", test_history_lists_1000_runs);
  g_test_add_func ("/core/history/index-never-hides-a-change",
                   test_history_index_never_hides_a_change);
  g_test_add_func ("/core/history/survives-a-kill-during-save",
                   test_history_survives_a_kill_during_save);
  g_test_add_func ("/core/history/prunes-the-oldest-first", test_history_prunes_the_oldest_first);
  g_test_add_func ("/core/history/deletes-one-run", test_history_deletes_one_run);
  g_test_add_func ("/core/history/reads-a-report-back-exactly",
                   test_history_reads_a_report_back_exactly);
  g_test_add_func ("/core/history/suggests-export-names", test_history_suggests_export_names);

  return g_test_run ();
}
