/* test-result-code-ui.c — Decode a Code and the result code view, in a real window under Xvfb
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "lc-application.h"
#include "lc-decode-dialog.h"
#include "lc-result-code-view.h"
#include "lc-window.h"
#include "ui-test-utils.h"

/* The example of docs/result-code.md: passed with warnings, media only by relay, edge 2. */
#define EXAMPLE_CODE "39B1-0J20-MSB0-CS1D"
#define EXAMPLE_SWAPPED "39B1-0J20-MS0B-CS1D"

static LcApplication *test_app;

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static GtkWidget *
find_one (GtkWidget *root,
          GType      type)
{
  g_autoptr(GPtrArray) found = ui_find_all (root, type);

  g_assert_cmpuint (found->len, >=, 1);
  return g_ptr_array_index (found, 0);
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  g_autofree char *visible = ui_visible_text (root);
  return strstr (visible, text) != NULL;
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
  return shows_text (wait->root, wait->text);
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

static LcDecodeDialog *
open_dialog (void)
{
  LcDecodeDialog *dialog = lc_decode_dialog_new (NULL);

  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (test_app));
  gtk_window_present (GTK_WINDOW (dialog));
  ui_wait_until (is_mapped, dialog, 5000, "the Decode a Code window to show");
  return dialog;
}

/* Types @text at the cursor a character at a time, as the keyboard would. */
static void
type_text (GtkEditable *editable,
           const char  *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = gtk_editable_get_position (editable);

      gtk_editable_insert_text (editable, p, g_utf8_next_char (p) - p, &position);
      gtk_editable_set_position (editable, position);
      ui_run_for (5);
    }
}

typedef struct
{
  GtkEditable *editable;
  const char  *text;
} Expected;

static gboolean
editable_reads (gpointer data)
{
  Expected *expected = data;

  return g_strcmp0 (gtk_editable_get_text (expected->editable), expected->text) == 0;
}

/* The dialog regroups and upper-cases what is typed once the keystroke is handled. */
static void
wait_for_editable_text (GtkEditable *editable,
                        const char  *text)
{
  Expected expected = { editable, text };

  ui_wait_until (editable_reads, &expected, 2000, text);
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, text);
}

static void
test_decode_dialog_typed_code_shows_the_summary (void)
{
  LcDecodeDialog *dialog = open_dialog ();
  GtkWidget *row = find_one (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  GtkEditable *editable = GTK_EDITABLE (row);

  /* Keyboard only: the entry has the focus from the start. */
  g_assert_nonnull (focus);
  g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "0 of 16 characters"));

  /* Lower case, no separators, O for 0, as heard on the phone: grouped as it is typed. */
  type_text (editable, "39b1oj2");
  wait_for_editable_text (editable, "39B1 0J2");
  g_assert_cmpint (gtk_editable_get_position (editable), ==, 8);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "7 of 16 characters"));
  g_assert_false (lc_decode_dialog_get_decoded (dialog));

  type_text (editable, "0msb0cs1d");
  wait_for_editable_text (editable, "39B1 0J20 MSB0 CS1D");
  g_assert_cmpint (gtk_editable_get_position (editable), ==, 19);
  wait_for_text (GTK_WIDGET (dialog), "Passed with warnings: the requirements are met, some "
                                      "recommendations are not");
  g_assert_true (lc_decode_dialog_get_decoded (dialog));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "media got through only by relay"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "nothing answered in time"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "number 2 in the profile’s list of edges, "
                                                   "the nearest"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "A valid code, format 1"));
  save_light_and_dark (GTK_WIDGET (dialog), "decode-dialog-valid");

  /* On a narrow screen the summary wraps; nothing is cut. */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  ui_run_for (200);
  ui_save_screenshot (GTK_WIDGET (dialog), "decode-dialog-narrow.png");

  /* A character typed in the middle keeps the cursor right after it. */
  lc_decode_dialog_set_code (dialog, "39b10j20");
  gtk_editable_set_position (editable, 2);
  type_text (editable, "z");
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "39ZB 10J2 0");
  g_assert_cmpint (gtk_editable_get_position (editable), ==, 3);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_decode_dialog_mistyped_code_shows_the_reason (void)
{
  LcDecodeDialog *dialog = open_dialog ();
  GtkWidget *row = find_one (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);

  lc_decode_dialog_set_code (dialog, EXAMPLE_SWAPPED);
  wait_for_text (GTK_WIDGET (dialog), "The check does not match: a character is mistyped. "
                                      "Characters 11 and 12 look swapped: ask for them again");
  /* Refused means no summary at all, not a wrong one. */
  g_assert_false (lc_decode_dialog_get_decoded (dialog));
  g_assert_false (shows_text (GTK_WIDGET (dialog), "Passed"));
  g_assert_false (shows_text (GTK_WIDGET (dialog), "relay"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  save_light_and_dark (GTK_WIDGET (dialog), "decode-dialog-refused");

  /* A U is said at once, before the code is complete. */
  lc_decode_dialog_set_code (dialog, "39bu");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "39BU");
  wait_for_text (GTK_WIDGET (dialog), "Character 4 is a “U”, which no Linecheck code has: "
                                      "perhaps it is a V");

  /* Too long. */
  lc_decode_dialog_set_code (dialog, EXAMPLE_CODE "7");
  wait_for_text (GTK_WIDGET (dialog), "Not a Linecheck code: it has 17 characters, a code has 16");

  /* Mended: the summary comes back and the error style goes. */
  lc_decode_dialog_set_code (dialog, EXAMPLE_CODE);
  wait_for_text (GTK_WIDGET (dialog), "Passed with warnings");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  gtk_window_destroy (GTK_WINDOW (dialog));
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

static LcDecodeDialog *
find_decode_dialog (void)
{
  LcDecodeDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (LC_IS_DECODE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
decode_dialog_shown (gpointer data)
{
  return find_decode_dialog () != NULL;
}

static void
test_decode_dialog_opens_from_the_app_menu (void)
{
  LcWindow *window = lc_window_new (test_app);
  g_autofree char *label = NULL;
  GMenuModel *menu;
  LcDecodeDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  ui_wait_until (is_mapped, window, 5000, "the window to show");

  menu = find_primary_menu (GTK_WIDGET (window));
  g_assert_nonnull (menu);
  g_assert_true (menu_has_action (menu, "app.decode", &label));
  g_assert_cmpstr (label, ==, "_Decode a Code…");

  g_action_group_activate_action (G_ACTION_GROUP (test_app), "decode", NULL);
  ui_wait_until (decode_dialog_shown, NULL, 5000, "the Decode a Code window");
  dialog = find_decode_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Decode a Code");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
on_clipboard_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  if (error != NULL)
    g_test_message ("clipboard: %s", error->message);
  read->done = TRUE;
}

static gboolean
clipboard_read (gpointer data)
{
  return ((ClipboardRead *)data)->done;
}

static void
test_result_code_view_shows_copies_and_spells_the_code (void)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *view = lc_result_code_view_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *copy_button;
  GtkWidget *expander;
  ClipboardRead read = { NULL, FALSE };

  gtk_widget_set_margin_top (view, 24);
  gtk_widget_set_margin_bottom (view, 24);
  gtk_widget_set_margin_start (view, 24);
  gtk_widget_set_margin_end (view, 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), view);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), clamp);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 420);
  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (test_app));
  gtk_window_present (GTK_WINDOW (window));
  ui_wait_until (is_mapped, window, 5000, "the window to show");

  copy_button = find_one (view, GTK_TYPE_BUTTON);
  expander = find_one (view, GTK_TYPE_EXPANDER);

  /* No code yet: nothing to copy or spell. */
  ui_run_for (50);
  g_assert_false (gtk_widget_is_sensitive (copy_button));
  g_assert_false (gtk_widget_get_visible (expander));

  /* As the report holds it. */
  lc_result_code_view_set_code (LC_RESULT_CODE_VIEW (view), "39b1-0j20-msb0-cs1d");
  g_assert_cmpstr (lc_result_code_view_get_code (LC_RESULT_CODE_VIEW (view)), ==,
                   "39B10J20MSB0CS1D");
  g_assert_true (shows_text (view, "39B1 0J20 MSB0 CS1D"));
  ui_run_for (50);
  g_assert_true (gtk_widget_is_sensitive (copy_button));

  /* As Space or Enter on the focused button: GTK clicks it after a short press. */
  gtk_widget_activate (copy_button);
  wait_for_text (window, "Result code copied");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (view), NULL, on_clipboard_read, &read);
  ui_wait_until (clipboard_read, &read, 5000, "the clipboard");
  g_assert_cmpstr (read.text, ==, EXAMPLE_CODE);

  /* For the phone: every character with its NATO word. */
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  wait_for_text (view, "3 — Three, 9 — Nine, B — Bravo, 1 — One\n"
                       "0 — Zero, J — Juliett, 2 — Two, 0 — Zero\n"
                       "M — Mike, S — Sierra, B — Bravo, 0 — Zero\n"
                       "C — Charlie, S — Sierra, 1 — One, D — Delta");
  save_light_and_dark (window, "result-code-view");

  /* Something that is not a code is shown as none, never as another code. */
  lc_result_code_view_set_code (LC_RESULT_CODE_VIEW (view), EXAMPLE_SWAPPED);
  g_assert_null (lc_result_code_view_get_code (LC_RESULT_CODE_VIEW (view)));
  g_assert_false (shows_text (view, "0J20"));

  g_free (read.text);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Screenshots show settled windows, not the middle of a transition. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  test_app = lc_application_new ();
  g_application_set_flags (G_APPLICATION (test_app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (test_app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/decode-dialog/typed-code-shows-the-summary",
                   test_decode_dialog_typed_code_shows_the_summary);
  g_test_add_func ("/ui/decode-dialog/mistyped-code-shows-the-reason",
                   test_decode_dialog_mistyped_code_shows_the_reason);
  g_test_add_func ("/ui/decode-dialog/opens-from-the-app-menu",
                   test_decode_dialog_opens_from_the_app_menu);
  g_test_add_func ("/ui/result-code-view/shows-copies-and-spells-the-code",
                   test_result_code_view_shows_copies_and_spells_the_code);

  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
