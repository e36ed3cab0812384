/* lc-history-dialog.c — the History: the stored runs listed as they are read (in a thread), one
 * reopened read-only with its verdict, code, rules to open, checks and calls; delete with undo,
 * export, the folder; runs kept or removed while it is open come and go
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-call-view.h"
#include "lc-history-dialog.h"
#include "lc-history-row.h"
#include "lc-report-pdf.h"
#include "lc-result-code-view.h"
#include "lc-words.h"

/* What the folder says changed is looked at this long after its last word: a save is several
 * events (the temporary file, its rename), a prune many. */
#define CHECK_DELAY_MS 200

/* Runs come from the thread in batches of this many after a first screenful. */
#define LIST_BATCH 100

/* GTK 4.8's list view keeps a row widget for about 200 items around what is in sight, made as
 * items arrive: so the first ones go into the list a few a frame (a screenful first), and the
 * rest, which get no widget, at once. A row costs 2–4 ms to make and lay out under Xvfb. */
#define ROWS_FIRST     8
#define ROWS_PER_FRAME 4
#define ROWS_KEPT      240

/* Files the History cannot open are named below the list, this many at most. */
#define MAX_SKIPPED_SHOWN 3

struct _LcHistoryDialog
{
  AdwWindow             parent_instance;

  GtkWidget            *toast_overlay;
  GtkWidget            *pages;
  GtkWidget            *list_page;
  GtkWidget            *list_title;
  GtkWidget            *list_stack;
  GtkWidget            *list_view;
  GtkWidget            *skipped_label;
  GtkWidget            *detail_page;
  GtkWidget            *detail_title;
  GtkWidget            *detail_stack;
  GtkWidget            *detail_error;
  GtkWidget            *detail_scroller;
  GtkWidget            *detail_box;

  LcHistory            *history;
  GListStore           *runs;          /* LcHistoryEntry, newest first */
  GCancellable         *cancellable;   /* the window's: cancelled when it closes */
  GCancellable         *open_cancellable;
  LcHistoryEntry       *shown_entry;
  LcReport             *shown_report;
  GPtrArray            *pending;       /* PendingDelete: deleted, still undoable */
  GQueue                incoming;      /* LcHistoryEntry read, not yet in the list */
  guint                 feed_id;
  gboolean              listed;        /* the thread is done */
  guint                 build_id;      /* the reopened report's pages, a piece a frame */
  guint                 build_step;
  gboolean              built;
  GtkNativeDialog      *chooser;
  void                (*export) (LcHistoryDialog *self,
                                 GFile           *destination);
  gboolean              loaded;
  GFileMonitor         *monitor;       /* the folder, for runs kept or removed while open */
  GHashTable           *to_check;      /* paths the folder said changed, not yet looked at */
  guint                 check_id;
};

G_DEFINE_FINAL_TYPE (LcHistoryDialog, lc_history_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_actions (LcHistoryDialog *self);

static void
toast (LcHistoryDialog *self,
       const char      *message)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (message));
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  return g_date_time_compare (lc_history_entry_get_started ((LcHistoryEntry *)b),
                              lc_history_entry_get_started ((LcHistoryEntry *)a));
}

static void
update_count (LcHistoryDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));
  g_autofree char *count = NULL;

  if (n > 0)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs", n), n);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->list_title), count ? count : "");
  if (n > 0)
    gtk_stack_set_visible_child_name (GTK_STACK (self->list_stack), "list");
  else if (self->loaded)
    gtk_stack_set_visible_child_name (GTK_STACK (self->list_stack), "empty");
}

/* Listing --------------------------------------------------------------------------------- */

static void
finish_loading (LcHistoryDialog *self)
{
  if (!self->listed || !g_queue_is_empty (&self->incoming) || self->loaded)
    return;
  self->loaded = TRUE;
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static gboolean
feed_rows (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));
  guint limit = n == 0 ? ROWS_FIRST : n < ROWS_KEPT ? ROWS_PER_FRAME : G_MAXUINT;
  LcHistoryEntry *entry;

  /* Each in its place by date: a name that does not say the time right still sorts right. */
  for (guint i = 0; i < limit && (entry = g_queue_pop_head (&self->incoming)) != NULL; i++)
    {
      g_list_store_insert_sorted (self->runs, entry, compare_newest_first, NULL);
      g_object_unref (entry);
    }
  update_count (self);

  if (!g_queue_is_empty (&self->incoming))
    return G_SOURCE_CONTINUE;
  self->feed_id = 0;
  finish_loading (self);
  return G_SOURCE_REMOVE;
}

static void
on_batch (LcHistory *history,
          GPtrArray *entries,
          gpointer   user_data)
{
  LcHistoryDialog *self = user_data;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  /* The list is in sight before it has rows: GTK 4.8's list view must not be measured with rows
   * it has never laid out (gtk_list_view_get_unknown_row_height). */
  gtk_stack_set_visible_child_name (GTK_STACK (self->list_stack), "list");
  for (guint i = 0; i < entries->len; i++)
    g_queue_push_tail (&self->incoming, g_object_ref (g_ptr_array_index (entries, i)));
  if (self->feed_id == 0)
    self->feed_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), feed_rows, NULL, NULL);
}

static void
on_listed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LcHistoryDialog) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;

  entries = lc_history_list_finish (LC_HISTORY (object), result, &skipped, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->listed = TRUE;
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The reports folder cannot be read: %s"),
                                                  error->message);
      adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (
                                         GTK_STACK (self->list_stack), "empty")), message);
    }
  if (skipped != NULL && skipped->len > 0)
    {
      g_autoptr(GString) lines = g_string_new (NULL);
      g_autofree char *text = NULL;

      /* A few lines, which and why; all of them on hover. */
      for (guint i = 0; i < skipped->len; i++)
        {
          if (i < MAX_SKIPPED_SHOWN)
            g_string_append_printf (lines, "\n%s", (char *)g_ptr_array_index (skipped, i));
        }
      if (skipped->len > MAX_SKIPPED_SHOWN)
        g_string_append_printf (lines, "\n%s", _("…"));
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u file in the folder is not a report this version "
                                           "can open:%s",
                                           "%u files in the folder are not reports this version "
                                           "can open:%s", skipped->len),
                              skipped->len, lines->str);
      gtk_label_set_text (GTK_LABEL (self->skipped_label), text);
      g_ptr_array_add (skipped, NULL);
      {
        g_autofree char *all = g_strjoinv ("\n", (char **)skipped->pdata);
        gtk_widget_set_tooltip_text (self->skipped_label, all);
      }
      gtk_widget_set_visible (self->skipped_label, TRUE);
    }
  finish_loading (self);
  update_count (self);
}

/* Reopening ------------------------------------------------------------------------------- */

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWidget *
add_row (GtkWidget  *group,
         const char *icon_name,
         const char *css_class,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      if (css_class != NULL)
        gtk_widget_add_css_class (icon, css_class);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
status_icon (LcStatus     status,
             const char **icon_name,
             const char **css_class)
{
  switch (status)
    {
    case LC_STATUS_PASS:
      *icon_name = "emblem-ok-symbolic";
      *css_class = "success";
      break;
    case LC_STATUS_WARN:
      *icon_name = "dialog-warning-symbolic";
      *css_class = "warning";
      break;
    case LC_STATUS_FAIL:
      *icon_name = "dialog-error-symbolic";
      *css_class = "error";
      break;
    case LC_STATUS_SKIP:
    default:
      *icon_name = "action-unavailable-symbolic";
      *css_class = "dim-label";
      break;
    }
}

static GtkWidget *
add_group (LcHistoryDialog *self,
           const char      *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (self->detail_box), group);
  return group;
}

/* One more piece of the reopened report: the checks (step 0), a call (steps 1…), the delete
 * button last. A call's view with its charts costs a frame of its own under Xvfb. */
static gboolean
build_more (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (widget);
  LcReport *report = self->shown_report;
  LcProfile *profile;
  GPtrArray *checks, *media;
  guint step;

  if (report == NULL)
    {
      self->build_id = 0;
      return G_SOURCE_REMOVE;
    }

  profile = lc_report_get_profile (report);
  checks = lc_report_get_checks (report);
  media = lc_report_get_media (report);
  step = self->build_step++;

  if (step == 0)
    {
      if (checks->len > 0)
        {
          GtkWidget *group = add_group (self, _("Checks"));

          for (guint i = 0; i < checks->len; i++)
            {
              LcCheckResult *result = g_ptr_array_index (checks, i);
              g_autofree char *headline = lc_words_check_headline (result, profile);
              const char *icon_name, *css_class;

              status_icon (lc_check_result_get_status (result), &icon_name, &css_class);
              add_row (group, icon_name, css_class, headline, lc_check_result_get_detail (result));
            }
        }
      return G_SOURCE_CONTINUE;
    }

  /* A call's view as the live page shows it; the call's entry is what the report says of it. */
  if (step - 1 < media->len)
    {
      LcMediaResult *result = g_ptr_array_index (media, step - 1);
      GPtrArray *samples = lc_media_result_get_samples (result);
      LcMediaEntry entry = {
        .id = (char *)lc_media_result_get_id (result),
        .via = lc_media_result_get_via (result),
        .codecs = (GStrv)lc_media_result_get_codecs (result),
        .seconds = samples->len > 0 ? samples->len
                                    : (guint)round (lc_media_result_get_media_seconds (result)),
        .transport = lc_media_result_get_transport (result),
        .relay = lc_media_result_get_via (result) == LC_MEDIA_VIA_ECHO &&
                 lc_media_result_get_relayed (result),
      };
      GtkWidget *view = lc_call_view_new (&entry, lc_profile_get_thresholds (profile));

      lc_call_view_set_result (LC_CALL_VIEW (view), result);
      gtk_box_append (GTK_BOX (self->detail_box), view);
      return G_SOURCE_CONTINUE;
    }

  /* Last, away from everything else: the one action that loses something (and can be undone). */
  {
    GtkWidget *button = gtk_button_new_with_mnemonic (_("_Delete This Run"));

    gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (button, "destructive-action");
    gtk_widget_add_css_class (button, "pill");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "history.delete-shown");
    gtk_box_append (GTK_BOX (self->detail_box), button);
  }
  self->build_id = 0;
  self->built = TRUE;
  return G_SOURCE_REMOVE;
}

/* What was stored, and only that: the words are the live result page's, from core. */
static void
show_report (LcHistoryDialog *self,
             LcReport        *report)
{
  LcProfile *profile = lc_report_get_profile (report);
  LcStatus verdict = lc_report_get_verdict (report);
  g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (report);
  g_autofree char *date = lc_history_row_describe_date (lc_report_get_started (report));
  const char *icon_name, *css_class;
  GtkWidget *group;

  clear_box (self->detail_box);
  self->built = FALSE;

  group = add_group (self, NULL);
  status_icon (verdict, &icon_name, &css_class);
  add_row (group, icon_name, css_class, lc_words_verdict_title (verdict),
           lc_words_verdict (verdict));
  add_row (group, NULL, NULL, _("Profile"), lc_profile_get_name (profile));
  add_row (group, NULL, NULL, _("Run on"), date);
  if (lc_report_get_chosen_edge (report) != NULL)
    add_row (group, NULL, NULL, _("Edge"), lc_report_get_chosen_edge (report));

  if (lc_report_get_stored_result_code (report) != NULL)
    {
      GtkWidget *view = lc_result_code_view_new ();

      lc_result_code_view_set_code (LC_RESULT_CODE_VIEW (view),
                                    lc_report_get_stored_result_code (report));
      gtk_box_append (GTK_BOX (self->detail_box), view);
    }

  if (rules->len > 0)
    {
      group = add_group (self, g_dngettext (GETTEXT_PACKAGE, "The Rule IT Must Open",
                                            "The Rules IT Must Open", rules->len));
      for (guint i = 0; i < rules->len; i++)
        {
          LcRuleToOpen *rule = g_ptr_array_index (rules, i);
          g_autofree char *line = lc_words_rule_to_open (rule);
          g_autofree char *what = rule->description
            ? g_strdup_printf (_("%s: %s"), rule->service_name, rule->description)
            : g_strdup (rule->service_name);

          add_row (group, "network-wired-disconnected-symbolic", NULL, line, what);
        }
    }

  /* The rest a piece a frame: the checks, then each call with its charts. */
  self->build_step = 0;
  if (self->build_id == 0)
    self->build_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), build_more, NULL, NULL);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              GTK_SCROLLED_WINDOW (self->detail_scroller)), 0);
  gtk_stack_set_visible_child_name (GTK_STACK (self->detail_stack), "report");
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (task_data);
  GError *error = NULL;
  LcReport *report = lc_report_new_from_file (path, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

static void
on_report_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (object);
  g_autoptr(LcReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  if (report == NULL)
    {
      adw_status_page_set_description (ADW_STATUS_PAGE (self->detail_error), error->message);
      gtk_stack_set_visible_child_name (GTK_STACK (self->detail_stack), "error");
      return;
    }

  g_set_object (&self->shown_report, report);
  show_report (self, report);
  update_actions (self);
}

static void
open_entry (LcHistoryDialog *self,
            LcHistoryEntry  *entry)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *date = lc_history_row_describe_date (lc_history_entry_get_started (entry));

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();

  g_set_object (&self->shown_entry, entry);
  g_clear_object (&self->shown_report);
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->detail_title),
                              lc_history_entry_get_profile_name (entry));
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->detail_title), date);
  gtk_stack_set_visible_child_name (GTK_STACK (self->detail_stack), "loading");
  gtk_stack_set_visible_child (GTK_STACK (self->pages), self->detail_page);
  update_actions (self);

  task = g_task_new (self, self->open_cancellable, on_report_loaded, NULL);
  g_task_set_source_tag (task, open_entry);
  g_task_set_task_data (task, g_object_ref (lc_history_entry_get_file (entry)), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

static void
on_list_activate (GtkListView     *list_view,
                  guint            position,
                  LcHistoryDialog *self)
{
  lc_history_dialog_open_run (self, position);
}

static LcHistoryEntry *
find_run (LcHistoryDialog *self,
          const char      *path,
          guint           *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->runs), i);
      g_autofree char *entry_path = g_file_get_path (lc_history_entry_get_file (entry));

      if (g_strcmp0 (entry_path, path) == 0)
        {
          if (position != NULL)
            *position = i;
          return entry;
        }
    }
  return NULL;
}

/* Deleting, with undo --------------------------------------------------------------------- */

typedef struct
{
  LcHistoryDialog *self;     /* owns this through its pending array */
  LcHistoryEntry *entry;
  AdwToast       *toast;
  gboolean        settled;   /* undone, or the file deleted */
} PendingDelete;

static void
pending_delete_free (PendingDelete *pending)
{
  g_signal_handlers_disconnect_by_data (pending->toast, pending);
  g_object_unref (pending->toast);
  g_object_unref (pending->entry);
  g_free (pending);
}

static void
on_file_deleted (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_delete_finish (G_FILE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_warning ("Could not delete a stored report: %s", error->message);
}

static void
settle (PendingDelete *pending,
        gboolean       undo)
{
  if (pending->settled)
    return;
  pending->settled = TRUE;
  if (!undo)
    g_file_delete_async (lc_history_entry_get_file (pending->entry), G_PRIORITY_DEFAULT, NULL,
                         on_file_deleted, NULL);
}

static void
on_undo_clicked (AdwToast      *toast,
                 PendingDelete *pending)
{
  LcHistoryDialog *self = pending->self;

  if (pending->settled)
    return;
  settle (pending, TRUE);
  g_list_store_insert_sorted (self->runs, pending->entry, compare_newest_first, NULL);
  update_count (self);
}

static void
on_toast_dismissed (AdwToast      *toast,
                    PendingDelete *pending)
{
  LcHistoryDialog *self = pending->self;

  settle (pending, FALSE);
  g_ptr_array_remove (self->pending, pending);
}

/* The run @entry is no longer there: if its page is shown, back to the list. */
static void
leave_run (LcHistoryDialog *self,
           LcHistoryEntry  *entry)
{
  if (self->shown_entry != entry)
    return;
  gtk_stack_set_visible_child (GTK_STACK (self->pages), self->list_page);
  g_clear_object (&self->shown_entry);
  g_clear_object (&self->shown_report);
}

static void
delete_entry (LcHistoryDialog *self,
              LcHistoryEntry  *entry)
{
  g_autofree char *date = lc_history_row_describe_date (lc_history_entry_get_started (entry));
  g_autofree char *title = NULL;
  PendingDelete *pending;
  guint position;

  if (!g_list_store_find (self->runs, entry, &position))
    return;

  pending = g_new0 (PendingDelete, 1);
  pending->self = self;
  pending->entry = g_object_ref (entry);
  g_list_store_remove (self->runs, position);

  /* Translators: a toast after a past run is deleted, with an Undo button */
  title = g_strdup_printf (_("The run of %s is deleted"), date);
  pending->toast = g_object_ref_sink (adw_toast_new (title));
  adw_toast_set_button_label (pending->toast, _("_Undo"));
  adw_toast_set_priority (pending->toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (pending->toast, "button-clicked", G_CALLBACK (on_undo_clicked), pending);
  g_signal_connect (pending->toast, "dismissed", G_CALLBACK (on_toast_dismissed), pending);
  g_ptr_array_add (self->pending, pending);

  leave_run (self, entry);
  update_count (self);
  update_actions (self);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay),
                               g_object_ref (pending->toast));
}

/* Following the folder ----------------------------------------------------------------- */

/* A run kept while the History is open (by this app's window, another one, or the command line)
 * shows at its place by date; one removed (pruned, deleted elsewhere) goes. */

typedef struct
{
  char           *path;
  LcHistoryEntry *entry;   /* the report there, if it is one this version opens */
  gboolean        gone;
} FolderChange;

static void
folder_change_free (FolderChange *change)
{
  g_free (change->path);
  g_clear_object (&change->entry);
  g_free (change);
}

static void
look_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GPtrArray *paths = task_data;
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify)folder_change_free);

  for (guint i = 0; i < paths->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      FolderChange *change = g_new0 (FolderChange, 1);
      g_autoptr(GError) error = NULL;

      change->path = g_strdup (path);
      change->gone = !g_file_query_exists (file, NULL);
      if (!change->gone)
        {
          change->entry = lc_history_read_entry (file, &error);
          if (change->entry == NULL)
            g_debug ("A new file in the history is not listed: %s: %s", path, error->message);
        }
      g_ptr_array_add (changes, change);
    }
  g_task_return_pointer (task, changes, (GDestroyNotify)g_ptr_array_unref);
}

static gboolean
is_pending (LcHistoryDialog *self,
            const char      *path)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      PendingDelete *pending = g_ptr_array_index (self->pending, i);
      g_autofree char *pending_path = g_file_get_path (lc_history_entry_get_file (pending->entry));

      if (g_strcmp0 (pending_path, path) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
on_looked (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (object);
  g_autoptr(GPtrArray) changes = g_task_propagate_pointer (G_TASK (result), NULL);

  if (changes == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  for (guint i = 0; i < changes->len; i++)
    {
      FolderChange *change = g_ptr_array_index (changes, i);
      guint position;
      LcHistoryEntry *listed = find_run (self, change->path, &position);

      /* One deleted here and still undoable is the toast's to settle. */
      if (is_pending (self, change->path))
        continue;
      if (change->entry != NULL && listed == NULL)
        g_list_store_insert_sorted (self->runs, change->entry, compare_newest_first, NULL);
      else if (change->gone && listed != NULL)
        {
          leave_run (self, listed);
          g_list_store_remove (self->runs, position);
        }
    }
  update_count (self);
  update_actions (self);
}

static gboolean
check_folder (gpointer user_data)
{
  LcHistoryDialog *self = user_data;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GTask) task = NULL;
  GHashTableIter iter;
  gpointer path;

  /* Until the first listing is done, what it reads is the folder as it is. */
  if (!self->loaded)
    return G_SOURCE_CONTINUE;
  self->check_id = 0;

  paths = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->to_check);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    {
      g_ptr_array_add (paths, path);
      g_hash_table_iter_steal (&iter);
    }
  task = g_task_new (self, self->cancellable, on_looked, NULL);
  g_task_set_source_tag (task, check_folder);
  g_task_set_task_data (task, g_steal_pointer (&paths), (GDestroyNotify)g_ptr_array_unref);
  g_task_run_in_thread (task, look_in_thread);
  return G_SOURCE_REMOVE;
}

static void
note_change (LcHistoryDialog *self,
             GFile           *file)
{
  g_autofree char *name = file ? g_file_get_basename (file) : NULL;

  /* Reports only: not the index, nor the temporary files a save writes first. */
  if (name == NULL || name[0] == '.' || !g_str_has_suffix (name, ".json"))
    return;
  g_hash_table_add (self->to_check, g_file_get_path (file));
  if (self->check_id != 0)
    g_source_remove (self->check_id);
  self->check_id = g_timeout_add (CHECK_DELAY_MS, check_folder, self);
}

static void
on_folder_changed (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event,
                   LcHistoryDialog   *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      note_change (self, file);
      break;
    case G_FILE_MONITOR_EVENT_RENAMED:
      note_change (self, file);
      note_change (self, other_file);
      break;
    default:
      break;
    }
}

/* Before the first run there is no folder: one that is not there yet is only looked for every
 * few seconds, and what was written into it before it was found never said so. So it is made
 * first (off the main loop), then followed, then read. */
static void
make_folder_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  g_file_make_directory_with_parents (task_data, cancellable, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
follow_folder (LcHistoryDialog *self)
{
  GFile *dir = lc_history_get_dir (self->history);
  g_autoptr(GError) error = NULL;

  self->monitor = g_file_monitor_directory (dir,
                                            G_FILE_MONITOR_WATCH_MOVES, self->cancellable,
                                            &error);
  if (self->monitor == NULL)
    {
      g_debug ("The history folder is not followed: %s", error->message);
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (on_folder_changed), self);
}

static void
on_folder_made (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (object);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  follow_folder (self);
  lc_history_list_async (self->history, LIST_BATCH, on_batch, g_object_ref (self),
                         g_object_unref, self->cancellable, on_listed, g_object_ref (self));
}

/* Actions ----------------------------------------------------------------------------------- */

static void
update_actions (LcHistoryDialog *self)
{
  gboolean shown = self->shown_report != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.delete-shown",
                                 self->shown_entry != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export-json", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export-pdf", shown);
}

static void
history_open (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (widget);
  LcHistoryEntry *entry = find_run (self, g_variant_get_string (parameter, NULL), NULL);

  if (entry != NULL)
    open_entry (self, entry);
}

static void
history_back (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (widget);

  gtk_stack_set_visible_child (GTK_STACK (self->pages), self->list_page);
}

static void
history_delete (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (widget);
  LcHistoryEntry *entry = find_run (self, g_variant_get_string (parameter, NULL), NULL);

  if (entry != NULL)
    delete_entry (self, entry);
}

static void
history_delete_shown (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (widget);

  if (self->shown_entry != NULL)
    delete_entry (self, self->shown_entry);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LcHistoryDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_file_copy_finish (G_FILE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The report could not be exported: %s"), error->message);
    }
  else
    message = g_strdup (_("Report exported"));
  toast (self, message);
}

/**
 * lc_history_dialog_export_json:
 * @destination: where the file chooser said
 *
 * Copies the shown report's file: the JSON exported is the one stored, byte for byte.
 */
void
lc_history_dialog_export_json (LcHistoryDialog *self,
                               GFile           *destination)
{
  g_return_if_fail (LC_IS_HISTORY_DIALOG (self));
  g_return_if_fail (G_IS_FILE (destination));

  if (self->shown_entry == NULL)
    return;
  g_file_copy_async (lc_history_entry_get_file (self->shown_entry), destination,
                     G_FILE_COPY_OVERWRITE, G_PRIORITY_DEFAULT, self->cancellable, NULL, NULL,
                     on_exported, g_object_ref (self));
}

typedef struct
{
  LcReport *report;
  GFile    *file;
} PdfExport;

static void
pdf_export_free (PdfExport *export)
{
  g_object_unref (export->report);
  g_object_unref (export->file);
  g_free (export);
}

static void
export_pdf_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  PdfExport *export = task_data;
  g_autofree char *path = g_file_get_path (export->file);
  GError *error = NULL;

  if (path == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Reports are saved to local files only"));
  else if (lc_report_write_pdf (export->report, path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_pdf_exported (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The report could not be exported: %s"), error->message);
    }
  else
    message = g_strdup (_("Report exported"));
  toast (self, message);
}

/**
 * lc_history_dialog_export_pdf:
 * @destination: where the file chooser said
 *
 * Writes the shown report as the PDF for the IT team (lc_report_write_pdf(), on the locale's
 * paper), in a worker thread.
 */
void
lc_history_dialog_export_pdf (LcHistoryDialog *self,
                              GFile           *destination)
{
  g_autoptr(GTask) task = NULL;
  PdfExport *export;

  g_return_if_fail (LC_IS_HISTORY_DIALOG (self));
  g_return_if_fail (G_IS_FILE (destination));

  if (self->shown_report == NULL)
    return;
  export = g_new0 (PdfExport, 1);
  export->report = g_object_ref (self->shown_report);
  export->file = g_object_ref (destination);
  task = g_task_new (self, self->cancellable, on_pdf_exported, NULL);
  g_task_set_source_tag (task, lc_history_dialog_export_pdf);
  g_task_set_task_data (task, export, (GDestroyNotify)pdf_export_free);
  g_task_run_in_thread (task, export_pdf_in_thread);
}

typedef void (*ExportFunc) (LcHistoryDialog *self,
                            GFile           *destination);

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     LcHistoryDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->shown_entry != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        self->export (self, file);
    }
  g_clear_object (&self->chooser);
}

/* A file chooser with the suggested name (date and profile) for @extension; @export gets the
 * file chosen. */
static void
choose_export_file (LcHistoryDialog *self,
                    const char      *extension,
                    ExportFunc       export)
{
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->shown_entry == NULL || self->chooser != NULL)
    return;

  name = lc_history_entry_dup_export_name (self->shown_entry, extension);
  chooser = gtk_file_chooser_native_new (_("Export the Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  self->export = export;
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
history_export_json (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_export_file (LC_HISTORY_DIALOG (widget), "json", lc_history_dialog_export_json);
}

static void
history_export_pdf (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_export_file (LC_HISTORY_DIALOG (widget), "pdf", lc_history_dialog_export_pdf);
}

static void
on_folder_shown (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LcHistoryDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The folder could not be opened: %s"),
                                                  error->message);
      toast (self, message);
    }
}

static void
history_open_folder (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (widget);
  GFile *dir = lc_history_get_dir (self->history);
  g_autofree char *uri = g_file_get_uri (dir);

  /* Before the first run there is no folder yet; an empty one opens better than an error. */
  g_file_make_directory_with_parents (dir, NULL, NULL);

  g_app_info_launch_default_for_uri_async (uri, NULL, self->cancellable, on_folder_shown,
                                           g_object_ref (self));
}

/* The list's rows: only those in sight exist, so a thousand runs cost what a screenful does. */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, lc_history_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  lc_history_row_set_entry (LC_HISTORY_ROW (gtk_list_item_get_child (item)),
                            gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  lc_history_row_set_entry (LC_HISTORY_ROW (gtk_list_item_get_child (item)), NULL);
}

/* GObject ----------------------------------------------------------------------------------- */

static void
lc_history_dialog_constructed (GObject *object)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (object);

  G_OBJECT_CLASS (lc_history_dialog_parent_class)->constructed (object);

  if (self->history == NULL)
    self->history = lc_history_new_default ();
  {
    g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_folder_made, NULL);

    g_task_set_source_tag (task, on_folder_made);
    g_task_set_task_data (task, g_object_ref (lc_history_get_dir (self->history)),
                          g_object_unref);
    g_task_run_in_thread (task, make_folder_in_thread);
  }
}

static void
lc_history_dialog_dispose (GObject *object)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->open_cancellable);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->check_id != 0)
    g_source_remove (self->check_id);
  self->check_id = 0;
  if (self->feed_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->feed_id);
  self->feed_id = 0;
  if (self->build_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->build_id);
  self->build_id = 0;
  g_queue_clear_full (&self->incoming, g_object_unref);
  /* Closed before the toasts went: what was deleted and not undone is deleted now. */
  if (self->pending != NULL)
    for (guint i = 0; i < self->pending->len; i++)
      settle (g_ptr_array_index (self->pending, i), FALSE);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_HISTORY_DIALOG);

  G_OBJECT_CLASS (lc_history_dialog_parent_class)->dispose (object);
}

static void
lc_history_dialog_finalize (GObject *object)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (object);

  g_clear_object (&self->history);
  g_clear_object (&self->runs);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->open_cancellable);
  g_clear_object (&self->shown_entry);
  g_clear_object (&self->shown_report);
  g_clear_pointer (&self->to_check, g_hash_table_unref);

  G_OBJECT_CLASS (lc_history_dialog_parent_class)->finalize (object);
}

static void
lc_history_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_history_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LcHistoryDialog *self = LC_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_history_dialog_class_init (LcHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lc_history_dialog_constructed;
  object_class->dispose = lc_history_dialog_dispose;
  object_class->finalize = lc_history_dialog_finalize;
  object_class->get_property = lc_history_dialog_get_property;
  object_class->set_property = lc_history_dialog_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, LC_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LC_TYPE_HISTORY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/linecheck/Linecheck/"
                                               "lc-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LcHistoryDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryDialog, pages);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryDialog, list_page);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryDialog, list_title);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryDialog, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryDialog, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryDialog, detail_page);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryDialog, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryDialog, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryDialog, detail_error);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryDialog, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryDialog, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);

  gtk_widget_class_install_action (widget_class, "history.open", "s", history_open);
  gtk_widget_class_install_action (widget_class, "history.back", NULL, history_back);
  gtk_widget_class_install_action (widget_class, "history.delete", "s", history_delete);
  gtk_widget_class_install_action (widget_class, "history.delete-shown", NULL,
                                   history_delete_shown);
  gtk_widget_class_install_action (widget_class, "history.export-json", NULL,
                                   history_export_json);
  gtk_widget_class_install_action (widget_class, "history.export-pdf", NULL, history_export_pdf);
  gtk_widget_class_install_action (widget_class, "history.open-folder", NULL,
                                   history_open_folder);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "history.back",
                                       NULL);
}

static void
lc_history_dialog_init (LcHistoryDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->runs = g_list_store_new (LC_TYPE_HISTORY_ENTRY);
  self->to_check = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify)pending_delete_free);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->runs))));
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), factory);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), selection);

  update_actions (self);
}

/**
 * lc_history_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @history: (nullable): the history to show; %NULL for the data folder's
 *
 * Returns: (transfer full): the History window, reading the runs already
 */
LcHistoryDialog *
lc_history_dialog_new (GtkWindow *parent,
                       LcHistory *history)
{
  return g_object_new (LC_TYPE_HISTORY_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "history", history,
                       NULL);
}

gboolean
lc_history_dialog_get_loaded (LcHistoryDialog *self)
{
  g_return_val_if_fail (LC_IS_HISTORY_DIALOG (self), FALSE);
  return self->loaded;
}

/**
 * lc_history_dialog_get_runs:
 *
 * Returns: (transfer none): the runs listed, newest first (#LcHistoryEntry)
 */
GListModel *
lc_history_dialog_get_runs (LcHistoryDialog *self)
{
  g_return_val_if_fail (LC_IS_HISTORY_DIALOG (self), NULL);
  return G_LIST_MODEL (self->runs);
}

/**
 * lc_history_dialog_open_run:
 *
 * Reopens the run at @position, as activating its row does.
 */
void
lc_history_dialog_open_run (LcHistoryDialog *self,
                            guint            position)
{
  g_autoptr(LcHistoryEntry) entry = NULL;

  g_return_if_fail (LC_IS_HISTORY_DIALOG (self));

  entry = g_list_model_get_item (G_LIST_MODEL (self->runs), position);
  if (entry != NULL)
    open_entry (self, entry);
}

/**
 * lc_history_dialog_get_shown_report:
 *
 * Returns: (transfer none) (nullable): the report reopened, once its page is complete
 */
LcReport *
lc_history_dialog_get_shown_report (LcHistoryDialog *self)
{
  g_return_val_if_fail (LC_IS_HISTORY_DIALOG (self), NULL);
  return self->built ? self->shown_report : NULL;
}
