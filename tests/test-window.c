/* test-window.c — the main window in a real display: steps, navigation, profile page
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "lc-application.h"
#include "lc-profile-page.h"
#include "lc-check-row.h"
#include "lc-window.h"
#include "ui-test-utils.h"

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static char *
row_text (GtkWidget *row)
{
  g_autoptr(GPtrArray) labels = ui_find_all (row, GTK_TYPE_LABEL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s%s", i ? " " : "",
                            gtk_label_get_text (g_ptr_array_index (labels, i)));
  return g_string_free (text, FALSE);
}

static LcApplication *test_app;

typedef struct
{
  LcApplication *app;
  LcWindow      *window;
  GtkWidget     *steps_list;
  GtkWidget     *pages;
  GtkWidget     *profile_page;
} Fixture;

static gboolean
profile_loaded (gpointer data)
{
  Fixture *f = data;
  return lc_profile_page_get_profile (LC_PROFILE_PAGE (f->profile_page)) != NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->app = g_object_ref (test_app);
  f->window = lc_window_new (f->app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 960, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  ui_wait_until (is_mapped, f->window, 5000, "the window to show");

  f->steps_list = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (f->window), LC_TYPE_WINDOW,
                                                 "steps_list");
  f->pages = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (f->window), LC_TYPE_WINDOW, "pages");
  f->profile_page = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (f->window), LC_TYPE_WINDOW,
                                                   "profile_page");
  ui_wait_until (profile_loaded, f, 5000, "the profile to load");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_run_for (50);
  g_clear_object (&f->app);
}

static void
test_window_lists_the_five_steps (Fixture       *f,
                                  gconstpointer  data)
{
  static const char * const titles[] = {
    "Network and Firewall", "Low Latency Edge", "Bandwidth", "Recommendations",
    "End-to-End Test",
  };
  g_autoptr(GPtrArray) rows = ui_find_all (f->steps_list, GTK_TYPE_LIST_BOX_ROW);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Linecheck");

  /* The profile page first, then the checklist's five steps in its order. */
  g_assert_cmpuint (rows->len, ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *text = row_text (g_ptr_array_index (rows, i + 1));
      g_autofree char *expected = g_strdup_printf ("%u %s", i + 1, titles[i]);
      g_assert_cmpstr (text, ==, expected);
    }

  ui_save_screenshot (GTK_WIDGET (f->window), "window-profile.png");
}

static void
fill_hosts (Fixture *f)
{
  g_autoptr(GPtrArray) entries = ui_find_all (f->profile_page, ADW_TYPE_ENTRY_ROW);
  guint filled = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (entries, i);
      const char *service = g_object_get_data (G_OBJECT (row), "lc-service");

      if (service != NULL)
        {
          g_autofree char *host = g_strdup_printf ("%s.example.net", service);
          gtk_editable_set_text (GTK_EDITABLE (row), host);
          filled++;
        }
    }

  /* The agent profile asks for the video gateway, the voice server and STUN/TURN. */
  g_assert_cmpuint (filled, ==, 3);
}

static void
test_window_needs_hosts_before_the_steps (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = ui_find_all (f->profile_page, ADW_TYPE_ENTRY_ROW);
  GtkWidget *first_host = NULL;

  g_assert_cmpstr (lc_profile_get_id (lc_profile_page_get_profile (LC_PROFILE_PAGE (f->profile_page))),
                   ==, "cpaas-agent");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "wizard.next", NULL) &&
                  lc_window_get_position (f->window) != 0);
  g_assert_cmpint (lc_window_get_position (f->window), ==, 0);

  for (guint i = 0; i < entries->len && first_host == NULL; i++)
    if (g_object_get_data (G_OBJECT (g_ptr_array_index (entries, i)), "lc-service") != NULL)
      first_host = g_ptr_array_index (entries, i);
  g_assert_nonnull (first_host);

  /* A URL is not a host: the row says so and the wizard stays. */
  gtk_editable_set_text (GTK_EDITABLE (first_host), "https://rtc.example.net/");
  g_assert_true (gtk_widget_has_css_class (first_host, "error"));
  g_assert_false (lc_profile_page_get_ready (LC_PROFILE_PAGE (f->profile_page)));
  /* And says why, beside it. */
  {
    g_autoptr(GPtrArray) images = ui_find_all (first_host, GTK_TYPE_IMAGE);
    gboolean said = FALSE;

    for (guint i = 0; i < images->len; i++)
      {
        GtkWidget *image = g_ptr_array_index (images, i);
        const char *tip = gtk_widget_get_tooltip_text (image);

        said |= gtk_widget_get_visible (image) && tip != NULL && strstr (tip, "https://") != NULL;
      }
    g_assert_true (said);
  }

  fill_hosts (f);
  g_assert_false (gtk_widget_has_css_class (first_host, "error"));
  g_assert_true (lc_profile_page_get_ready (LC_PROFILE_PAGE (f->profile_page)));
}

static void
test_window_moves_through_the_steps (Fixture       *f,
                                     gconstpointer  data)
{
  static const char * const pages[] = {
    "profile", "firewall", "edge", "bandwidth", "recommendations", "end-to-end",
  };

  fill_hosts (f);

  for (int i = 1; i <= 5; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "wizard.next", NULL));
      ui_run_for (20);
      g_assert_cmpint (lc_window_get_position (f->window), ==, i);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (f->pages)), ==, pages[i]);
    }

  /* The last step has no next one. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "wizard.next", NULL);
  g_assert_cmpint (lc_window_get_position (f->window), ==, 5);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "wizard.go-to", "i", 1));
  ui_run_for (20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (f->pages)), ==, "firewall");
  ui_save_screenshot (GTK_WIDGET (f->window), "window-firewall.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "wizard.previous", NULL));
  g_assert_cmpint (lc_window_get_position (f->window), ==, 0);
}

static void
test_window_firewall_step_shows_the_profile_rules (Fixture       *f,
                                                   gconstpointer  data)
{
  GtkWidget *page;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) all = g_string_new (NULL);

  fill_hosts (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "wizard.go-to", "i", 1);
  page = gtk_stack_get_visible_child (GTK_STACK (f->pages));
  rows = ui_find_all (page, LC_TYPE_CHECK_ROW);

  /* Every rule of requirements.md's agent tables, with the host the person typed, waiting
   * for its test. */
  g_assert_cmpuint (rows->len, ==, 14);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *text = row_text (g_ptr_array_index (rows, i));
      g_string_append_printf (all, "%s\n", text);
    }
  g_assert_nonnull (strstr (all->str, "TCP 8989"));
  g_assert_nonnull (strstr (all->str, "UDP 19099-20099"));
  g_assert_nonnull (strstr (all->str, "UDP 10000-20000"));
  g_assert_nonnull (strstr (all->str, "STUN/TURN over TLS"));
  g_assert_nonnull (strstr (all->str, "Waiting"));

  {
    g_autoptr(GPtrArray) groups = ui_find_all (page, ADW_TYPE_PREFERENCES_GROUP);
    gboolean has_host = FALSE;

    for (guint i = 0; i < groups->len; i++)
      {
        const char *title = adw_preferences_group_get_title (g_ptr_array_index (groups, i));
        has_host |= title != NULL && strstr (title, "rtc.example.net") != NULL;
      }
    g_assert_true (has_host);
  }
}

static void
record_problem (char       **out,
                const char  *message)
{
  g_free (*out);
  *out = g_strdup (message);
}

static gboolean
has_string (gpointer data)
{
  return *(char **)data != NULL;
}

static void
test_window_imported_bad_profile_is_refused (Fixture       *f,
                                             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *problem = NULL;
  LcProfile *before = lc_profile_page_get_profile (LC_PROFILE_PAGE (f->profile_page));
  GtkWidget *dialog = NULL;

  g_assert_true (g_file_set_contents (path, "{\"format\": 1, \"id\": 7}", -1, NULL));
  g_signal_connect_swapped (f->profile_page, "problem", G_CALLBACK (record_problem), &problem);

  lc_profile_page_import_file (LC_PROFILE_PAGE (f->profile_page), file);
  ui_wait_until (has_string, &problem, 5000, "the import to be refused");

  /* The person is told which file, where in it, and what was expected. */
  g_assert_nonnull (strstr (problem, "broken.json"));
  g_assert_nonnull (strstr (problem, "id: expected a text, got 7"));

  /* …and loses nothing: the profile chosen before is still chosen. */
  g_assert_true (lc_profile_page_get_profile (LC_PROFILE_PAGE (f->profile_page)) == before);

  ui_run_for (200);
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "broken.json"));
  ui_save_screenshot (dialog, "window-import-refused.png");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_unlink (path);
  g_rmdir (dir);
}

/* The widest thing inside, to say what keeps a window from being narrow. */
static void
report_wide_widgets (GtkWidget *widget,
                     int        limit,
                     int        depth)
{
  int minimum = 0;

  if (!gtk_widget_get_visible (widget))
    return;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum <= limit)
    return;
  g_test_message ("%*s%s needs %d px", depth * 2, "", G_OBJECT_TYPE_NAME (widget), minimum);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    report_wide_widgets (child, limit, depth + 1);
}

/* A phone-width window (360 px) shows every page without growing wider. */
static void
test_window_fits_a_narrow_screen (Fixture       *f,
                                  gconstpointer  data)
{
  fill_hosts (f);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);

  for (int position = 0; position < 6; position++)
    {
      GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
      int minimum = 0;

      gtk_widget_activate_action (GTK_WIDGET (f->window), "wizard.go-to", "i", position);
      ui_run_for (100);
      /* The window's content: the frame a window manager or CSD adds is not part of it. */
      gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("page %d needs %d px", position, minimum);
      if (minimum > 360)
        report_wide_widgets (GTK_WIDGET (f->window), 360, 0);
      g_assert_cmpint (minimum, <=, 360);
    }
}

static gboolean
local_profile_ready (gpointer data)
{
  Fixture *f = data;
  LcProfile *profile = lc_profile_page_get_profile (LC_PROFILE_PAGE (f->profile_page));

  return profile != NULL && g_str_equal (lc_profile_get_id (profile), "pdf-local") &&
         lc_profile_page_get_ready (LC_PROFILE_PAGE (f->profile_page));
}

static gboolean
step_is_done (gpointer data)
{
  Fixture *f = data;
  LcChecklist *checklist = lc_window_get_checklist (f->window);

  return checklist != NULL && !lc_checklist_is_running (checklist) &&
         lc_window_get_report (f->window) != NULL;
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} Export;

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Export *export = user_data;

  export->ok = lc_window_export_pdf_finish (LC_WINDOW (object), result, &export->error);
  export->done = TRUE;
}

static gboolean
export_is_done (gpointer data)
{
  return ((Export *)data)->done;
}

/* The result page's export writes the report the window shows, drawn without GTK. */
static void
test_window_exports_the_report_as_pdf (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "local.json", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autofree char *contents = NULL;
  Export export = { 0 };

  /* Port 9 on 127.0.0.1: refused at once, a rule to open. */
  g_assert_true (g_file_set_contents (path,
    "{\"format\": 1, \"id\": \"pdf-local\", \"name\": \"PDF local\",\n"
    " \"services\": {\"rtc\": {\"name\": \"Video gateway\", \"host\": \"127.0.0.1\"}},\n"
    " \"rules\": [{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 9, \"check\": \"tcp\"}],\n"
    " \"thresholds\": {\"rtt_ms\": 300, \"jitter_ms\": 50, \"loss_percent\": 1.5,\n"
    "                \"audio_kbps\": 40, \"video_kbps\": 80}}", -1, NULL));
  lc_window_import_profile (f->window, file);
  ui_wait_until (local_profile_ready, f, 5000, "the local profile to load");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "wizard.run-step", "i",
                                             LC_STEP_FIREWALL));
  ui_wait_until (step_is_done, f, 30000, "the firewall step to run");

  lc_window_export_pdf_async (f->window, pdf_file, NULL, on_exported, &export);
  /* While it draws, no run replaces the report under it. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "wizard.start", NULL) &&
                  lc_checklist_is_running (lc_window_get_checklist (f->window)));
  ui_wait_until (export_is_done, &export, 10000, "the PDF to be written");
  g_assert_no_error (export.error);
  g_assert_true (export.ok);

  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  {
    const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };
    g_autofree char *text = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &text, NULL, NULL, NULL));
    g_assert_nonnull (strstr (text, "FAIL: some requirements are not met"));
    g_assert_nonnull (strstr (text, "Rules to Open on the Firewall"));
    g_assert_nonnull (strstr (text, "PDF local"));
  }

  g_unlink (pdf);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  ui_allow_no_notification_service ();
  adw_init ();
  /* Screenshots show settled pages, not the middle of a cross-fade. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* One application for every test, as in a real session: it owns the settings and actions. */
  test_app = lc_application_new ();
  g_application_set_flags (G_APPLICATION (test_app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (test_app), NULL, &error));
  g_assert_no_error (error);

  g_test_add ("/ui/window/fits-a-narrow-screen", Fixture, NULL,
              fixture_set_up, test_window_fits_a_narrow_screen, fixture_tear_down);
  g_test_add ("/ui/window/lists-the-five-steps", Fixture, NULL,
              fixture_set_up, test_window_lists_the_five_steps, fixture_tear_down);
  g_test_add ("/ui/window/needs-hosts-before-the-steps", Fixture, NULL,
              fixture_set_up, test_window_needs_hosts_before_the_steps, fixture_tear_down);
  g_test_add ("/ui/window/moves-through-the-steps", Fixture, NULL,
              fixture_set_up, test_window_moves_through_the_steps, fixture_tear_down);
  g_test_add ("/ui/window/firewall-step-shows-the-profile-rules", Fixture, NULL,
              fixture_set_up, test_window_firewall_step_shows_the_profile_rules,
              fixture_tear_down);

  g_test_add ("/ui/window/imported-bad-profile-is-refused", Fixture, NULL,
              fixture_set_up, test_window_imported_bad_profile_is_refused, fixture_tear_down);
  g_test_add ("/ui/window/exports-the-report-as-pdf", Fixture, NULL,
              fixture_set_up, test_window_exports_the_report_as_pdf, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
