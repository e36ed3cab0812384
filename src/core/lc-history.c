/* lc-history.c — the reports kept in the data folder, listed through the guarded readers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-history"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lc-history.h"
#include "lc-file-reader.h"
#include "lc-json-reader.h"
#include "lc-report.h"

struct _LcHistory
{
  GObject  parent_instance;

  GFile   *dir;
};

G_DEFINE_FINAL_TYPE (LcHistory, lc_history, G_TYPE_OBJECT)

/* A leftover of an atomic save cut short (g_file_set_contents() writes NAME.XXXXXX, then
 * renames it): older than this, nobody is still writing it. */
#define STALE_TEMP_SECONDS (10 * 60)

/* The rows already read, in the folder; its name starts with a dot, so it is no report. */
#define INDEX_NAME ".history-index.json"
#define INDEX_MAX_BYTES (16 * 1024 * 1024)

/* What a window shows without scrolling: the first batch is no larger. */
#define FIRST_BATCH 12

static void
lc_history_finalize (GObject *object)
{
  LcHistory *self = (LcHistory *)object;

  g_clear_object (&self->dir);

  G_OBJECT_CLASS (lc_history_parent_class)->finalize (object);
}

static void
lc_history_class_init (LcHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_history_finalize;
}

static void
lc_history_init (LcHistory *self)
{
}

/**
 * lc_history_new:
 * @dir: the folder the reports are kept in
 *
 * Returns: (transfer full): the history of @dir
 */
LcHistory *
lc_history_new (GFile *dir)
{
  LcHistory *self;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  self = g_object_new (LC_TYPE_HISTORY, NULL);
  self->dir = g_object_ref (dir);
  return self;
}

/**
 * lc_history_new_default:
 *
 * Returns: (transfer full): the history of the folder runs are kept in
 *   (lc_report_dup_history_dir())
 */
LcHistory *
lc_history_new_default (void)
{
  g_autoptr(GFile) dir = lc_report_dup_history_dir ();

  return lc_history_new (dir);
}

GFile *
lc_history_get_dir (LcHistory *self)
{
  g_return_val_if_fail (LC_IS_HISTORY (self), NULL);
  return self->dir;
}

/**
 * lc_history_read_entry:
 * @file: a stored report
 *
 * Reads what a row needs (date, profile, verdict, code) through the guarded readers and checks
 * the rest reads too, so that a row the history shows opens. Blocks on file I/O.
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL with @error saying why the file is
 *   not a report this version can open
 */
LcHistoryEntry *
lc_history_read_entry (GFile   *file,
                       GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(LcReport) report = NULL;
  g_autofree char *size_path = NULL;
  LcProfile *profile;
  GStatBuf st;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  root = lc_report_parse_file (path, error);
  if (root == NULL)
    return NULL;
  report = lc_report_new_from_json (root, error);
  if (report == NULL)
    return NULL;

  profile = lc_report_get_profile (report);
  return lc_history_entry_new (file, lc_report_get_started (report),
                               lc_profile_get_id (profile), lc_profile_get_name (profile),
                               lc_report_get_verdict (report),
                               lc_report_get_stored_result_code (report),
                               g_stat (path, &st) == 0 ? (guint64)st.st_size : 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/* What says a file changed: its size and its modification time. */
typedef struct
{
  guint64 size;
  gint64  mtime_us;
} FileStamp;

/* The reports of the folder, by name: names begin with the time, so this is oldest first.
 * @stamps: (out) (optional): name → #FileStamp */
static GPtrArray *
list_report_names (LcHistory     *self,
                   GArray       **sizes,
                   GHashTable   **stamps,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) size_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) stamp_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (self->dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                          G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                          G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable,
                                          &local_error);
  if (enumerator == NULL)
    {
      /* No folder yet: no run kept yet. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          if (sizes != NULL)
            *sizes = g_array_new (FALSE, FALSE, sizeof (guint64));
          if (stamps != NULL)
            *stamps = g_steal_pointer (&stamp_of);
          return g_steal_pointer (&names);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((info = g_file_enumerator_next_file (enumerator, cancellable, &local_error)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (g_str_has_suffix (name, ".json") && name[0] != '.')
        {
          char *copy = g_strdup (name);
          g_autoptr(GDateTime) modified = g_file_info_get_modification_date_time (info);
          FileStamp *stamp = g_new0 (FileStamp, 1);

          g_ptr_array_add (names, copy);
          g_hash_table_insert (size_of, copy, GSIZE_TO_POINTER ((gsize)g_file_info_get_size (info)));
          stamp->size = g_file_info_get_size (info);
          stamp->mtime_us = modified ? g_date_time_to_unix (modified) * G_USEC_PER_SEC +
                                       g_date_time_get_microsecond (modified)
                                     : 0;
          g_hash_table_insert (stamp_of, g_strdup (name), stamp);
        }
      else if (strstr (name, ".json.") != NULL && name[0] != '.')
        {
          g_autoptr(GDateTime) modified = g_file_info_get_modification_date_time (info);
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          if (modified != NULL &&
              g_date_time_difference (now, modified) > STALE_TEMP_SECONDS * G_TIME_SPAN_SECOND)
            {
              g_autoptr(GFile) stale = g_file_get_child (self->dir, name);

              g_file_delete (stale, NULL, NULL);
            }
        }
      g_object_unref (info);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_ptr_array_sort (names, compare_names);
  if (sizes != NULL)
    {
      *sizes = g_array_sized_new (FALSE, FALSE, sizeof (guint64), names->len);
      for (guint i = 0; i < names->len; i++)
        {
          guint64 size = GPOINTER_TO_SIZE (g_hash_table_lookup (size_of,
                                                                g_ptr_array_index (names, i)));
          g_array_append_val (*sizes, size);
        }
    }
  if (stamps != NULL)
    *stamps = g_steal_pointer (&stamp_of);
  return g_steal_pointer (&names);
}

/* The index: what each report's row says, so that a listing reads only the reports that are
 * new or changed since the last. It is a cache, read through the same guarded readers: if it
 * is missing, damaged or of another format, every report is read again and it is rewritten. */

typedef struct
{
  FileStamp       stamp;
  char           *started;
  char           *profile_id;
  char           *profile_name;
  char           *verdict;
  char           *result_code;
} IndexRow;

static void
index_row_free (IndexRow *row)
{
  g_free (row->started);
  g_free (row->profile_id);
  g_free (row->profile_name);
  g_free (row->verdict);
  g_free (row->result_code);
  g_free (row);
}

static GHashTable *
read_index (LcHistory *self)
{
  g_autoptr(GFile) file = g_file_get_child (self->dir, INDEX_NAME);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify)index_row_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *runs = NULL;
  gint64 format = 0;
  const char *data;
  gsize length;

  bytes = lc_file_read_bounded (path, INDEX_MAX_BYTES, &error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  root = lc_json_parse_object (data, length, INDEX_MAX_BYTES, 4, &error);
  if (root == NULL ||
      !lc_json_read_int (root, "format", LC_JSON_REQUIRED, 1, 1, &format, &error) ||
      !lc_json_read_array (root, "runs", LC_JSON_REQUIRED, &runs, &error))
    {
      g_debug ("The history's index is left aside: %s", error->message);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (runs); i++)
    {
      JsonNode *node = json_array_get_element (runs, i);
      const char *name = NULL, *started = NULL, *id = NULL, *profile = NULL, *verdict = NULL;
      const char *code = NULL;
      gint64 size = 0, mtime = 0;
      JsonObject *object;
      IndexRow *row;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      object = json_node_get_object (node);
      if (!lc_json_read_string (object, "name", LC_JSON_REQUIRED, &name, &error) ||
          !lc_json_read_int (object, "size", LC_JSON_REQUIRED, 0, G_MAXINT64, &size, &error) ||
          !lc_json_read_int (object, "mtime_us", LC_JSON_REQUIRED, G_MININT64, G_MAXINT64,
                             &mtime, &error) ||
          !lc_json_read_string (object, "started", LC_JSON_REQUIRED, &started, &error) ||
          !lc_json_read_string (object, "profile_id", LC_JSON_REQUIRED, &id, &error) ||
          !lc_json_read_string (object, "profile_name", LC_JSON_OPTIONAL, &profile, &error) ||
          !lc_json_read_string (object, "verdict", LC_JSON_REQUIRED, &verdict, &error) ||
          !lc_json_read_string (object, "result_code", LC_JSON_OPTIONAL, &code, &error))
        {
          g_debug ("The history's index is left aside: runs[%u]: %s", i, error->message);
          return NULL;
        }
      row = g_new0 (IndexRow, 1);
      row->stamp.size = size;
      row->stamp.mtime_us = mtime;
      row->started = g_strdup (started);
      row->profile_id = g_strdup (id);
      row->profile_name = g_strdup (profile);
      row->verdict = g_strdup (verdict);
      row->result_code = g_strdup (code);
      g_hash_table_replace (rows, g_strdup (name), row);
    }

  return g_steal_pointer (&rows);
}

/* The entry @row remembers for @file, if @stamp says the file is as it was. */
static LcHistoryEntry *
entry_from_index (GHashTable      *index,
                  const char      *name,
                  const FileStamp *stamp,
                  GFile           *file)
{
  IndexRow *row = index ? g_hash_table_lookup (index, name) : NULL;
  g_autoptr(GDateTime) started = NULL;
  LcStatus verdict;

  if (row == NULL || stamp == NULL || row->stamp.size != stamp->size ||
      row->stamp.mtime_us != stamp->mtime_us ||
      (started = g_date_time_new_from_iso8601 (row->started, NULL)) == NULL ||
      !lc_status_from_string (row->verdict, &verdict))
    return NULL;
  return lc_history_entry_new (file, started, row->profile_id, row->profile_name, verdict,
                               row->result_code, stamp->size);
}

/* Rewrites the index with @entries, atomically; a failure only costs the next listing time. */
static void
write_index (LcHistory  *self,
             GPtrArray  *entries,
             GHashTable *stamps)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) file = g_file_get_child (self->dir, INDEX_NAME);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      LcHistoryEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *name = g_file_get_basename (lc_history_entry_get_file (entry));
      g_autofree char *started = g_date_time_format_iso8601 (lc_history_entry_get_started (entry));
      FileStamp *stamp = g_hash_table_lookup (stamps, name);

      if (stamp == NULL)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, stamp->size);
      json_builder_set_member_name (builder, "mtime_us");
      json_builder_add_int_value (builder, stamp->mtime_us);
      json_builder_set_member_name (builder, "started");
      json_builder_add_string_value (builder, started);
      json_builder_set_member_name (builder, "profile_id");
      json_builder_add_string_value (builder, lc_history_entry_get_profile_id (entry));
      json_builder_set_member_name (builder, "profile_name");
      json_builder_add_string_value (builder, lc_history_entry_get_profile_name (entry));
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder,
                                     lc_status_to_string (lc_history_entry_get_verdict (entry)));
      json_builder_set_member_name (builder, "result_code");
      if (lc_history_entry_get_result_code (entry) != NULL)
        json_builder_add_string_value (builder, lc_history_entry_get_result_code (entry));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    g_debug ("The history's index could not be written: %s", error->message);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  LcHistoryEntry *x = *(LcHistoryEntry **)a;
  LcHistoryEntry *y = *(LcHistoryEntry **)b;
  int by_time = g_date_time_compare (lc_history_entry_get_started (y),
                                     lc_history_entry_get_started (x));
  g_autofree char *x_name = NULL;
  g_autofree char *y_name = NULL;

  if (by_time != 0)
    return by_time;
  x_name = g_file_get_basename (lc_history_entry_get_file (x));
  y_name = g_file_get_basename (lc_history_entry_get_file (y));
  return strcmp (y_name, x_name);
}

typedef struct
{
  LcHistory          *history;
  LcHistoryBatchFunc  func;
  gpointer            data;
  GPtrArray          *entries;
} Batch;

static gboolean
deliver_batch (gpointer user_data)
{
  Batch *batch = user_data;

  batch->func (batch->history, batch->entries, batch->data);
  return G_SOURCE_REMOVE;
}

static void
batch_free (gpointer user_data)
{
  Batch *batch = user_data;

  g_object_unref (batch->history);
  g_ptr_array_unref (batch->entries);
  g_free (batch);
}

typedef struct
{
  guint               batch_size;
  LcHistoryBatchFunc  batch_func;
  gpointer            batch_data;
  GDestroyNotify      batch_data_free;
  GMainContext       *context;
  GPtrArray          *skipped;
} ListData;

static void
list_data_free (ListData *data)
{
  if (data->batch_data_free != NULL)
    data->batch_data_free (data->batch_data);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_clear_pointer (&data->skipped, g_ptr_array_unref);
  g_free (data);
}

/* Reads the reports newest name first; hands each @batch_size of them to @data's batch_func. */
static GPtrArray *
list_reports (LcHistory     *self,
              ListData      *data,
              GPtrArray     *skipped,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GHashTable) stamps = NULL;
  g_autoptr(GPtrArray) names = list_report_names (self, NULL, &stamps, cancellable, error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GHashTable) index = NULL;
  guint from_index = 0;

  if (names == NULL)
    return NULL;
  index = read_index (self);

  entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = names->len; i-- > 0; )
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GFile) file = g_file_get_child (self->dir, name);
      g_autoptr(GError) local_error = NULL;
      LcHistoryEntry *entry;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      entry = entry_from_index (index, name, g_hash_table_lookup (stamps, name), file);
      if (entry != NULL)
        from_index++;
      else
        entry = lc_history_read_entry (file, &local_error);
      if (entry == NULL)
        {
          /* Translators: a stored report the history leaves out: "NAME: skipped: WHY" */
          char *line = g_strdup_printf (_("%s: skipped: %s"), name, local_error->message);

          g_debug ("%s", line);
          g_ptr_array_add (skipped, line);
          continue;
        }
      g_ptr_array_add (entries, entry);

      if (data != NULL && data->batch_func != NULL)
        {
          if (batch == NULL)
            batch = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (batch, g_object_ref (entry));
          /* A screenful first, as soon as it is read; then the batches the caller asked for. */
          if (batch->len >= (entries->len <= FIRST_BATCH ? MIN (FIRST_BATCH, data->batch_size)
                                                         : data->batch_size) || i == 0)
            {
              Batch *b = g_new0 (Batch, 1);

              g_ptr_array_sort (batch, compare_newest_first);
              b->history = g_object_ref (self);
              b->func = data->batch_func;
              b->data = data->batch_data;
              b->entries = g_steal_pointer (&batch);
              g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_batch, b,
                                          batch_free);
            }
        }
    }

  if (data != NULL && data->batch_func != NULL && batch != NULL && batch->len > 0)
    {
      Batch *b = g_new0 (Batch, 1);

      g_ptr_array_sort (batch, compare_newest_first);
      b->history = g_object_ref (self);
      b->func = data->batch_func;
      b->data = data->batch_data;
      b->entries = g_steal_pointer (&batch);
      g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_batch, b,
                                  batch_free);
    }

  g_ptr_array_sort (entries, compare_newest_first);
  /* Anything read afresh, or gone since: the index says it next time. */
  if ((names->len > 0 || index != NULL) &&
      (from_index != entries->len || index == NULL || g_hash_table_size (index) != from_index))
    write_index (self, entries, stamps);
  return g_steal_pointer (&entries);
}

/**
 * lc_history_list:
 * @skipped: (out) (optional) (transfer full) (element-type utf8): one line for each file left
 *   out, saying which and why ("NAME: skipped: the file is truncated …")
 *
 * Every stored report, newest first. A file that is not a report this version opens —
 * corrupt, truncated, foreign, of a newer format, not a regular file — is left out, with its
 * line in @skipped. Blocks on file I/O; lc_history_list_async() runs it in a thread.
 *
 * Returns: (transfer full) (element-type LcHistoryEntry) (nullable): the runs, or %NULL with
 *   @error when the folder cannot be read
 */
GPtrArray *
lc_history_list (LcHistory     *self,
                 GPtrArray    **skipped,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *entries;

  g_return_val_if_fail (LC_IS_HISTORY (self), NULL);

  entries = list_reports (self, NULL, lines, cancellable, error);
  if (entries != NULL && skipped != NULL)
    *skipped = g_steal_pointer (&lines);
  return entries;
}

static void
list_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ListData *data = task_data;
  GError *error = NULL;
  GPtrArray *entries = list_reports (source_object, data, data->skipped, cancellable, &error);

  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * lc_history_list_async:
 * @batch_size: how many runs each call of @batch_func gets; the first gets a screenful at most
 *   (12), so that the first rows come at once
 * @batch_func: (nullable): called on the caller's thread-default main context as runs are read
 *
 * lc_history_list() in a worker thread.
 */
void
lc_history_list_async (LcHistory           *self,
                       guint                batch_size,
                       LcHistoryBatchFunc   batch_func,
                       gpointer             batch_data,
                       GDestroyNotify       batch_data_free,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (LC_IS_HISTORY (self));

  data = g_new0 (ListData, 1);
  data->batch_size = MAX (batch_size, 1);
  data->batch_func = batch_func;
  data->batch_data = batch_data;
  data->batch_data_free = batch_data_free;
  data->context = g_main_context_ref_thread_default ();
  data->skipped = g_ptr_array_new_with_free_func (g_free);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_history_list_async);
  g_task_set_task_data (task, data, (GDestroyNotify)list_data_free);
  g_task_run_in_thread (task, list_in_thread);
}

/**
 * lc_history_list_finish:
 * @skipped: (out) (optional) (transfer full) (element-type utf8): see lc_history_list()
 *
 * Returns: (transfer full) (element-type LcHistoryEntry) (nullable): every run, newest first
 */
GPtrArray *
lc_history_list_finish (LcHistory     *self,
                        GAsyncResult  *result,
                        GPtrArray    **skipped,
                        GError       **error)
{
  GPtrArray *entries;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  entries = g_task_propagate_pointer (G_TASK (result), error);
  if (entries != NULL && skipped != NULL)
    {
      ListData *data = g_task_get_task_data (G_TASK (result));

      *skipped = g_ptr_array_ref (data->skipped);
    }
  return entries;
}

/**
 * lc_history_delete:
 *
 * Removes @entry's report from the folder. Blocks on file I/O, briefly.
 */
gboolean
lc_history_delete (LcHistory       *self,
                   LcHistoryEntry  *entry,
                   GError         **error)
{
  g_return_val_if_fail (LC_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (LC_IS_HISTORY_ENTRY (entry), FALSE);

  return g_file_delete (lc_history_entry_get_file (entry), NULL, error);
}

/**
 * lc_history_prune:
 * @max_runs: keep at most this many reports
 * @max_bytes: and at most this many bytes of them
 *
 * Removes the oldest reports (by name, which begins with the time) until both limits hold;
 * the newest report is always kept. Blocks on file I/O.
 *
 * Returns: how many reports were removed
 */
guint
lc_history_prune (LcHistory  *self,
                  guint       max_runs,
                  guint64     max_bytes,
                  GError    **error)
{
  g_autoptr(GArray) sizes = NULL;
  g_autoptr(GPtrArray) names = NULL;
  guint64 total = 0;
  guint removed = 0;
  guint count;

  g_return_val_if_fail (LC_IS_HISTORY (self), 0);

  names = list_report_names (self, &sizes, NULL, NULL, error);
  if (names == NULL)
    return 0;

  for (guint i = 0; i < sizes->len; i++)
    total += g_array_index (sizes, guint64, i);
  count = names->len;

  for (guint i = 0; i + 1 < names->len && (count > max_runs || total > max_bytes); i++)
    {
      g_autoptr(GFile) file = g_file_get_child (self->dir, g_ptr_array_index (names, i));
      g_autoptr(GError) local_error = NULL;

      if (!g_file_delete (file, NULL, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return removed;
        }
      count--;
      total -= g_array_index (sizes, guint64, i);
      removed++;
    }

  return removed;
}
