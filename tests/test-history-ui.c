/* test-history-ui.c — the History window under Xvfb: the runs listed, one reopened exactly as it
 * was stored, deleted with undo, opened from the app menu, following the folder while open;
 * screenshots light and dark, wide and
 * 360 px
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "history-test-data.h"
#include "lc-application.h"
#include "lc-history-dialog.h"
#include "lc-history-row.h"
#include "lc-window.h"
#include "lc-words.h"
#include "ui-test-utils.h"

static LcApplication *test_app;

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_loaded (gpointer data)
{
  return lc_history_dialog_get_loaded (data);
}

static gboolean
report_shown (gpointer data)
{
  return lc_history_dialog_get_shown_report (data) != NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} TextWait;

static gboolean
text_shown (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *visible = ui_visible_text (wait->root);

  return strstr (visible, wait->text) != NULL;
}

static void
wait_for_text (GtkWidget  *root,
               const char *text)
{
  TextWait wait = { root, text };

  ui_wait_until (text_shown, &wait, 5000, text);
}

static void
save_light_and_dark (GtkWidget  *window,
                     const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  ui_save_screenshot (window, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  ui_save_screenshot (window, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* Wide and 360 px, light and dark. */
static void
save_four (GtkWidget  *window,
           const char *name)
{
  g_autofree char *narrow = g_strdup_printf ("%s-360", name);

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 760);
  ui_run_for (200);
  save_light_and_dark (window, name);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 760);
  ui_run_for (200);
  save_light_and_dark (window, narrow);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 760);
  ui_run_for (200);
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  g_autoptr(GPtrArray) buttons = ui_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

static gboolean
undo_shown (gpointer data)
{
  GtkWidget *button = find_button_labelled (data, "_Undo");

  return button != NULL && gtk_widget_get_mapped (button);
}

static gboolean
has_30_runs (gpointer data)
{
  return g_list_model_get_n_items (data) == 30;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_query_exists (data, NULL);
}

static gboolean
file_gone (gpointer data)
{
  return !g_file_query_exists (data, NULL);
}

static void
test_history_ui_lists_and_reopens_a_run (void)
{
  g_autoptr(GFile) dir = history_test_make_dir ("ui");
  g_autoptr(LcHistory) history = lc_history_new (dir);
  LcHistoryDialog *dialog;
  g_autoptr(LcHistoryEntry) newest = NULL;
  g_autoptr(LcHistoryEntry) second = NULL;
  g_autofree char *newest_date = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *shown_text = NULL;
  g_autofree char *newest_path = NULL;
  g_autofree char *second_path = NULL;
  GListModel *runs;
  GtkWidget *list_view;

  /* Run 30 is the newest: every third (30 too) fails TCP 8089 to the voice server. */
  for (guint i = 1; i <= 30; i++)
    {
      g_autoptr(LcReport) report = history_test_report_new (i);
      g_autoptr(GFile) file = history_test_store (dir, report);
    }
  {
    g_autoptr(GFile) bad = g_file_get_child (dir, "20261101-000000-000-broken.json");
    const char *text = "{\"format\": 1, \"tool\": \"linecheck";

    g_file_replace_contents (bad, text, strlen (text), NULL, FALSE, 0, NULL, NULL, NULL);
  }

  dialog = lc_history_dialog_new (NULL, history);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (test_app));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 720, 760);
  gtk_window_present (GTK_WINDOW (dialog));
  ui_wait_until (is_mapped, dialog, 5000, "the History to show");
  ui_wait_until (is_loaded, dialog, 10000, "the runs to be read");

  runs = lc_history_dialog_get_runs (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 30);
  newest = g_list_model_get_item (runs, 0);
  second = g_list_model_get_item (runs, 1);
  newest_date = lc_history_row_describe_date (lc_history_entry_get_started (newest));
  g_assert_cmpint (lc_history_entry_get_verdict (newest), ==, LC_STATUS_FAIL);

  /* The rows: date, profile and verdict, code; the broken file in one line, which and why. */
  wait_for_text (GTK_WIDGET (dialog), newest_date);
  wait_for_text (GTK_WIDGET (dialog), "CPaaS agent — Failed");
  wait_for_text (GTK_WIDGET (dialog), lc_history_entry_get_result_code (newest));
  wait_for_text (GTK_WIDGET (dialog), "30 runs");
  wait_for_text (GTK_WIDGET (dialog), "20261101-000000-000-broken.json: skipped: ");
  save_four (GTK_WIDGET (dialog), "history-list");

  /* Reopened as activating its row does: what was stored, exactly. */
  list_view = g_ptr_array_index (ui_find_all (GTK_WIDGET (dialog), GTK_TYPE_LIST_VIEW), 0);
  g_signal_emit_by_name (list_view, "activate", 0);
  ui_wait_until (report_shown, dialog, 5000, "the run to be reopened");
  newest_path = g_file_get_path (lc_history_entry_get_file (newest));
  g_assert_true (g_file_get_contents (newest_path, &stored, NULL, NULL));
  shown_text = lc_report_to_data (lc_history_dialog_get_shown_report (dialog), NULL);
  g_assert_cmpstr (shown_text, ==, stored);

  wait_for_text (GTK_WIDGET (dialog), lc_words_verdict (LC_STATUS_FAIL));
  wait_for_text (GTK_WIDGET (dialog), "The Rule IT Must Open");
  wait_for_text (GTK_WIDGET (dialog), "Voice server: WebSocket, voice over IP");
  wait_for_text (GTK_WIDGET (dialog), "No answer in 3 s");
  wait_for_text (GTK_WIDGET (dialog), "Audio echo call (Opus)");
  wait_for_text (GTK_WIDGET (dialog), "Call relayed by TURN over TLS");
  save_four (GTK_WIDGET (dialog), "history-run");
  /* Scrolled to the calls and their charts. */
  {
    g_autoptr(GPtrArray) scrollers = ui_find_all (GTK_WIDGET (dialog), GTK_TYPE_SCROLLED_WINDOW);

    for (guint i = 0; i < scrollers->len; i++)
      if (gtk_widget_get_mapped (scrollers->pdata[i]))
        {
          GtkAdjustment *adjustment =
            gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrollers->pdata[i]));

          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * 0.55);
        }
    ui_run_for (200);
    save_light_and_dark (GTK_WIDGET (dialog), "history-run-calls");
    for (guint i = 0; i < scrollers->len; i++)
      if (gtk_widget_get_mapped (scrollers->pdata[i]))
        {
          GtkAdjustment *adjustment =
            gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrollers->pdata[i]));

          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
        }
    ui_run_for (200);
    save_light_and_dark (GTK_WIDGET (dialog), "history-run-end");
  }
  {
    g_autofree char *shown = ui_visible_text (GTK_WIDGET (dialog));
    g_autofree char *code = g_strdup (lc_history_entry_get_result_code (newest));

    /* The result code view groups with spaces. */
    g_strdelimit (code, "-", ' ');
    g_assert_nonnull (strstr (shown, code));
  }

  /* Exported: the stored file, byte for byte. */
  {
    g_autoptr(GFile) exported = g_file_get_child (dir, "exported.json.out");
    g_autofree char *path = g_file_get_path (exported);
    g_autofree char *copy = NULL;

    lc_history_dialog_export_json (dialog, exported);
    wait_for_text (GTK_WIDGET (dialog), "Report exported");
    g_assert_true (g_file_get_contents (path, &copy, NULL, NULL));
    g_assert_cmpstr (copy, ==, stored);
  }

  /* As the PDF for the IT team, from the stored report alone. */
  {
    g_autoptr(GFile) pdf = g_file_get_child (dir, "exported.pdf.out");
    g_autofree char *path = g_file_get_path (pdf);
    g_autofree char *head = NULL;
    g_autofree char *text = NULL;
    const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
    gsize length;

    lc_history_dialog_export_pdf (dialog, pdf);
    ui_wait_until (file_exists, pdf, 10000, "the PDF to be written");
    g_assert_true (g_file_get_contents (path, &head, &length, NULL));
    g_assert_true (g_str_has_prefix (head, "%PDF-"));
    if (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &text, NULL, NULL, NULL) && text != NULL)
      {
        g_test_message ("pdftotext: %zu characters", strlen (text));
        g_assert_nonnull (strstr (text, "8089"));
        g_assert_nonnull (strstr (text, "acd.example.net"));
      }
  }

  /* Deleted from its page, then undone; then the second deleted from the list for good. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "history.delete-shown", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 29);
  ui_wait_until (undo_shown, dialog, 5000, "the Undo button");
  wait_for_text (GTK_WIDGET (dialog), "is deleted");
  /* As Space or Enter on the focused button: GTK clicks it after a short press. */
  gtk_widget_activate (find_button_labelled (GTK_WIDGET (dialog), "_Undo"));
  ui_wait_until (has_30_runs, runs, 5000, "the run to come back");
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 30);
  g_assert_true (g_list_model_get_item (runs, 0) == (gpointer)newest);
  g_object_unref (newest);
  g_assert_true (g_file_query_exists (lc_history_entry_get_file (newest), NULL));

  second_path = g_file_get_path (lc_history_entry_get_file (second));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "history.delete", "s", second_path);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 29);
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_wait_until (file_gone, lc_history_entry_get_file (second), 5000, "the run to be deleted");
  g_assert_true (g_file_query_exists (lc_history_entry_get_file (newest), NULL));
}

static GMenuModel *
find_primary_menu (GtkWidget *window)
{
  g_autoptr(GPtrArray) buttons = ui_find_all (window, GTK_TYPE_MENU_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_menu_button_get_primary (g_ptr_array_index (buttons, i)))
      return gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, i));
  return NULL;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action,
                 char      **label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;
      GMenuModel *section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          gboolean found = menu_has_action (section, action, label);

          g_object_unref (section);
          if (found)
            return TRUE;
        }
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_action, action))
        {
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", label);
          return TRUE;
        }
    }
  return FALSE;
}

static LcHistoryDialog *
find_history_dialog (void)
{
  LcHistoryDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (LC_IS_HISTORY_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
history_dialog_shown (gpointer data)
{
  return find_history_dialog () != NULL;
}

typedef struct
{
  GListModel *model;
  guint       n;
} CountWait;

static gboolean
has_n_items (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n;
}

static void
wait_for_n_runs (LcHistoryDialog *dialog,
                 guint            n,
                 const char      *what)
{
  CountWait wait = { lc_history_dialog_get_runs (dialog), n };

  ui_wait_until (has_n_items, &wait, 5000, what);
}

static gboolean
is_listed (GListModel *runs,
           GFile      *file)
{
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(LcHistoryEntry) entry = g_list_model_get_item (runs, i);

      if (g_file_equal (lc_history_entry_get_file (entry), file))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  LcHistoryDialog *dialog;
  GFile           *file;
} ListedWait;

static gboolean
file_listed (gpointer data)
{
  ListedWait *wait = data;

  return is_listed (lc_history_dialog_get_runs (wait->dialog), wait->file);
}

/* Open on an empty folder: runs stored meanwhile show at their place by date, one removed from
 * the folder goes (its page too, if it was open), a file that is not a report stays out. */
static void
test_history_ui_follows_the_folder (void)
{
  g_autoptr(GFile) dir = history_test_make_dir ("ui-follow");
  g_autoptr(LcHistory) history = lc_history_new (dir);
  LcHistoryDialog *dialog = lc_history_dialog_new (NULL, history);
  g_autoptr(LcReport) later = history_test_report_new (7);
  g_autoptr(LcReport) earlier = history_test_report_new (4);
  g_autoptr(GFile) later_file = NULL;
  g_autoptr(GFile) earlier_file = NULL;
  g_autoptr(LcHistoryEntry) first = NULL;
  g_autoptr(LcHistoryEntry) second = NULL;
  g_autofree char *later_date = NULL;
  GListModel *runs = lc_history_dialog_get_runs (dialog);

  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (test_app));
  gtk_window_present (GTK_WINDOW (dialog));
  ui_wait_until (is_loaded, dialog, 5000, "the runs to be read");
  wait_for_text (GTK_WIDGET (dialog), "No Runs Yet");

  later_file = history_test_store (dir, later);
  wait_for_n_runs (dialog, 1, "the run stored while the History is open");
  later_date = lc_history_row_describe_date (lc_report_get_started (later));
  wait_for_text (GTK_WIDGET (dialog), later_date);
  wait_for_text (GTK_WIDGET (dialog), "1 run");

  earlier_file = history_test_store (dir, earlier);
  wait_for_n_runs (dialog, 2, "the second run stored");
  first = g_list_model_get_item (runs, 0);
  second = g_list_model_get_item (runs, 1);
  g_assert_true (g_file_equal (lc_history_entry_get_file (first), later_file));
  g_assert_true (g_file_equal (lc_history_entry_get_file (second), earlier_file));
  wait_for_text (GTK_WIDGET (dialog), "2 runs");
  save_light_and_dark (GTK_WIDGET (dialog), "history-followed");

  /* Not a report: left out, and nothing else changes. */
  {
    g_autoptr(GFile) junk = g_file_get_child (dir, "20261101-090000-000-junk.json");

    g_assert_true (g_file_replace_contents (junk, "[[[", 3, NULL, FALSE, 0, NULL, NULL, NULL));
    ui_run_for (1000);
    g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 2);
  }

  /* The run shown is removed from the folder: back to the list, without it. */
  lc_history_dialog_open_run (dialog, 1);
  ui_wait_until (report_shown, dialog, 5000, "the earlier run to be reopened");
  g_assert_true (g_file_delete (earlier_file, NULL, NULL));
  wait_for_n_runs (dialog, 1, "the removed run to go");
  g_assert_null (lc_history_dialog_get_shown_report (dialog));
  wait_for_text (GTK_WIDGET (dialog), "1 run");
  g_assert_true (is_listed (runs, later_file));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The History open on the app's own folder shows the run the window keeps at its end. */
static void
test_history_ui_shows_a_run_kept_while_open (void)
{
  LcHistoryDialog *dialog = lc_history_dialog_new (NULL, NULL);
  g_autoptr(LcReport) report = history_test_report_new (11);
  g_autoptr(GFile) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  ListedWait wait = { dialog, NULL };

  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (test_app));
  gtk_window_present (GTK_WINDOW (dialog));
  ui_wait_until (is_loaded, dialog, 5000, "the runs to be read");

  /* As the window keeps a finished run. */
  lc_report_set_started (report, now);
  g_assert_true (lc_report_save_to_history (report, &saved, &error));
  g_assert_no_error (error);
  wait.file = saved;
  ui_wait_until (file_listed, &wait, 5000, "the kept run in the open History");

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (g_file_delete (saved, NULL, NULL));
}

static void
test_history_ui_opens_from_the_app_menu (void)
{
  LcWindow *window = lc_window_new (test_app);
  g_autofree char *label = NULL;
  LcHistoryDialog *dialog;
  GMenuModel *menu;

  gtk_window_present (GTK_WINDOW (window));
  ui_wait_until (is_mapped, window, 5000, "the window to show");

  menu = find_primary_menu (GTK_WIDGET (window));
  g_assert_nonnull (menu);
  g_assert_true (menu_has_action (menu, "app.history", &label));
  g_assert_cmpstr (label, ==, "_History");

  g_action_group_activate_action (G_ACTION_GROUP (test_app), "history", NULL);
  ui_wait_until (history_dialog_shown, NULL, 5000, "the History window");
  dialog = find_history_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "History");
  ui_wait_until (is_loaded, dialog, 10000, "the runs to be read");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_history_ui_says_when_there_is_no_run (void)
{
  g_autoptr(GFile) dir = history_test_make_dir ("ui-empty");
  g_autoptr(LcHistory) history = lc_history_new (dir);
  LcHistoryDialog *dialog = lc_history_dialog_new (NULL, history);

  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (test_app));
  gtk_window_present (GTK_WINDOW (dialog));
  ui_wait_until (is_loaded, dialog, 5000, "the runs to be read");
  wait_for_text (GTK_WIDGET (dialog), "No Runs Yet");
  save_light_and_dark (GTK_WIDGET (dialog), "history-empty");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  test_app = lc_application_new ();
  g_application_set_flags (G_APPLICATION (test_app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (test_app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/history/lists-runs-and-reopens-one-as-stored",
                   test_history_ui_lists_and_reopens_a_run);
  g_test_add_func ("/ui/history/says-when-there-is-no-run",
                   test_history_ui_says_when_there_is_no_run);
  g_test_add_func ("/ui/history/opens-from-the-app-menu", test_history_ui_opens_from_the_app_menu);
  g_test_add_func ("/ui/history/follows-the-folder-while-open", test_history_ui_follows_the_folder);
  g_test_add_func ("/ui/history/shows-a-run-kept-while-open",
                   test_history_ui_shows_a_run_kept_while_open);

  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
