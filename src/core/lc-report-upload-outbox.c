/* lc-report-upload-outbox.c — the outbox: one file per report waiting to be sent, written
 * atomically for this user only, bounded, read back with suspicion
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here blocks on file I/O: lc-report-upload.c calls it from worker threads.
 */
#define G_LOG_DOMAIN "linecheck-upload"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lc-file-reader.h"
#include "lc-report-upload-private.h"
#include "lc-tls.h"

#define OUTBOX_FORMAT 1
/* The envelope holds the body as a JSON string: escaping at most doubles it (plus ASCII for
 * control codes, which a report never holds). */
#define MAX_ENTRY_BYTES (LC_REPORT_UPLOAD_MAX_BODY_BYTES * 2 + 64 * 1024)

/* Claims ------------------------------------------------------------------------------------
 *
 * An entry being sent is claimed, so that a retry running at the same time in this process
 * does not send it a second time. */

static GMutex claims_lock;
static GHashTable *claims;

gboolean
_lc_report_upload_claim (const char *path)
{
  gboolean claimed;

  g_mutex_lock (&claims_lock);
  if (claims == NULL)
    claims = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  claimed = g_hash_table_add (claims, g_strdup (path));
  g_mutex_unlock (&claims_lock);
  return claimed;
}

void
_lc_report_upload_release (const char *path)
{
  g_mutex_lock (&claims_lock);
  if (claims != NULL)
    g_hash_table_remove (claims, path);
  g_mutex_unlock (&claims_lock);
}

/* Entries ----------------------------------------------------------------------------------- */

void
_lc_report_upload_entry_free (LcUploadEntry *entry)
{
  if (entry->claimed != NULL)
    _lc_report_upload_release (entry->claimed);
  g_free (entry->claimed);
  g_free (entry->path);
  g_free (entry->name);
  g_free (entry->url);
  g_free (entry->ca_file);
  g_clear_pointer (&entry->body, g_bytes_unref);
  g_clear_object (&entry->database);
  g_clear_error (&entry->error);
  g_free (entry);
}

/* Names sort by the time they were queued: the oldest first. */
char *
_lc_report_upload_new_entry_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  return g_strdup_printf ("%s-%03d-%08x", stamp, g_date_time_get_microsecond (now) / 1000,
                          g_random_int ());
}

/* Blocks on file I/O. */
static gboolean
ensure_outbox (GFile   *outbox,
               GError **error)
{
  g_autofree char *path = g_file_get_path (outbox);

  /* Only this user reads what waits to be sent. */
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_QUEUE,
                   _("The folder %s for reports waiting to be sent cannot be made: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static void
listed_free (LcOutboxFile *listed)
{
  g_free (listed->name);
  g_free (listed->path);
  g_free (listed);
}

static int
compare_listed (gconstpointer a,
                gconstpointer b)
{
  const LcOutboxFile *la = *(const LcOutboxFile **)a;
  const LcOutboxFile *lb = *(const LcOutboxFile **)b;

  return strcmp (la->name, lb->name);
}

/* The outbox's entries, the oldest first. Blocks on file I/O. */
GPtrArray *
_lc_report_upload_list_outbox (GFile   *outbox,
                               GError **error)
{
  g_autofree char *dir_path = g_file_get_path (outbox);
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func ((GDestroyNotify)listed_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &local_error);
  const char *name;

  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&listed);
      g_set_error (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_QUEUE,
                   _("The reports waiting to be sent in %s cannot be read: %s"), dir_path,
                   local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      LcOutboxFile *item;
      GStatBuf st;
      g_autofree char *path = NULL;

      /* g_file_set_contents() writes NAME.json.XXXXXX first: not an entry yet. */
      if (!g_str_has_suffix (name, LC_OUTBOX_ENTRY_SUFFIX))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;

      item = g_new0 (LcOutboxFile, 1);
      item->name = g_strndup (name, strlen (name) - strlen (LC_OUTBOX_ENTRY_SUFFIX));
      item->path = g_steal_pointer (&path);
      item->size = st.st_size;
      g_ptr_array_add (listed, item);
    }

  g_ptr_array_sort (listed, compare_listed);
  return g_steal_pointer (&listed);
}

/* Keeps the outbox within its bounds, dropping the oldest entries first, never @keep. */
static void
prune_outbox (GFile      *outbox,
              const char *keep)
{
  g_autoptr(GPtrArray) listed = _lc_report_upload_list_outbox (outbox, NULL);
  guint count;
  goffset total = 0;

  if (listed == NULL)
    return;

  count = listed->len;
  for (guint i = 0; i < listed->len; i++)
    total += ((LcOutboxFile *)g_ptr_array_index (listed, i))->size;

  for (guint i = 0; i < listed->len; i++)
    {
      LcOutboxFile *item = g_ptr_array_index (listed, i);

      if (count <= LC_REPORT_UPLOAD_MAX_QUEUED && total <= LC_REPORT_UPLOAD_MAX_QUEUE_BYTES)
        break;
      if (g_strcmp0 (item->path, keep) == 0)
        continue;
      if (g_unlink (item->path) == 0)
        g_message ("The outbox holds more than %u reports or %u MB: dropped the oldest, %s "
                   "(its copy stays in the history)", LC_REPORT_UPLOAD_MAX_QUEUED,
                   LC_REPORT_UPLOAD_MAX_QUEUE_BYTES / (1024 * 1024), item->name);
      count--;
      total -= item->size;
    }
}

/* Writes @entry into the outbox, atomically and readable by this user only, then keeps the
 * outbox within its bounds. Blocks on file I/O. */
gboolean
_lc_report_upload_write_entry (GFile          *outbox,
                               LcUploadEntry  *entry,
                               GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *queued = g_date_time_format_iso8601 (now);
  g_autofree char *body = NULL;
  g_autofree char *data = NULL;
  g_autofree char *dir_path = g_file_get_path (outbox);
  g_autofree char *file_name = g_strconcat (entry->name, LC_OUTBOX_ENTRY_SUFFIX, NULL);
  g_autofree char *path = g_build_filename (dir_path, file_name, NULL);
  gsize body_len;
  gsize len;
  GError *local_error = NULL;

  body = g_strndup (g_bytes_get_data (entry->body, &body_len), g_bytes_get_size (entry->body));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, OUTBOX_FORMAT);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, entry->url);
  json_builder_set_member_name (builder, "ca_file");
  if (entry->ca_file != NULL)
    json_builder_add_string_value (builder, entry->ca_file);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "queued");
  json_builder_add_string_value (builder, queued);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &len);

  if (!ensure_outbox (outbox, error))
    return FALSE;

  if (!g_file_set_contents_full (path, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_QUEUE,
                   _("The report could not be queued in %s: %s"), dir_path,
                   local_error->message);
      g_error_free (local_error);
      return FALSE;
    }

  entry->path = g_steal_pointer (&path);
  prune_outbox (outbox, entry->path);
  return TRUE;
}

static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
url_is_https (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri != NULL && g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         g_uri_get_userinfo (uri) == NULL;
}

/* Reads one outbox file back. Blocks on file I/O. */
LcOutboxRead
_lc_report_upload_read_entry (LcOutboxFile   *listed,
                              LcUploadEntry **out,
                              char          **why)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(LcUploadEntry) entry = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *format;
  JsonNode *ca_file;
  const char *url;
  const char *body;

  bytes = lc_file_read_bounded (listed->path, MAX_ENTRY_BYTES, &error);
  if (bytes == NULL)
    {
      *why = g_strdup (error->message);
      return g_error_matches (error, LC_FILE_ERROR, LC_FILE_ERROR_TOO_LARGE) ? LC_OUTBOX_READ_CORRUPT
                                                                              : LC_OUTBOX_READ_LATER;
    }

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    {
      *why = g_strdup_printf (_("not valid JSON: %s"), error->message);
      return LC_OUTBOX_READ_CORRUPT;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      *why = g_strdup (_("not an object"));
      return LC_OUTBOX_READ_CORRUPT;
    }
  object = json_node_get_object (root);

  format = json_object_get_member (object, "format");
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_INT64)
    {
      *why = g_strdup (_("no format"));
      return LC_OUTBOX_READ_CORRUPT;
    }
  if (json_node_get_int (format) != OUTBOX_FORMAT)
    {
      *why = g_strdup_printf (_("format %lld, from another version of Linecheck"),
                              (long long)json_node_get_int (format));
      return json_node_get_int (format) > OUTBOX_FORMAT ? LC_OUTBOX_READ_LATER : LC_OUTBOX_READ_CORRUPT;
    }

  url = get_string_member (object, "url");
  body = get_string_member (object, "body");
  ca_file = json_object_get_member (object, "ca_file");
  /* Sent only where a profile could have said: HTTPS, with a host. */
  if (!url_is_https (url))
    {
      *why = g_strdup (_("no https:// address"));
      return LC_OUTBOX_READ_CORRUPT;
    }
  if (body == NULL || strlen (body) > LC_REPORT_UPLOAD_MAX_BODY_BYTES)
    {
      *why = g_strdup (_("no report, or one too large"));
      return LC_OUTBOX_READ_CORRUPT;
    }
  if (ca_file != NULL && !JSON_NODE_HOLDS_NULL (ca_file) && get_string_member (object, "ca_file") == NULL)
    {
      *why = g_strdup (_("ca_file is not a path"));
      return LC_OUTBOX_READ_CORRUPT;
    }

  entry = g_new0 (LcUploadEntry, 1);
  entry->path = g_strdup (listed->path);
  entry->name = g_strdup (listed->name);
  entry->url = g_strdup (url);
  entry->ca_file = g_strdup (get_string_member (object, "ca_file"));
  entry->body = g_bytes_new (body, strlen (body));
  *out = g_steal_pointer (&entry);
  return LC_OUTBOX_READ_OK;
}

/* The trust the entry's profile asked for: its CA file, or the system's. Blocks on file I/O. */
void
_lc_report_upload_load_trust (LcUploadEntry *entry,
                              GHashTable    *cache)
{
  GTlsDatabase *database;

  if (entry->ca_file == NULL)
    {
      /* The system's authorities load once, here rather than in the middle of a handshake. */
      g_autoptr(GTlsDatabase) system =
        g_tls_backend_get_default_database (g_tls_backend_get_default ());
      return;
    }

  database = cache ? g_hash_table_lookup (cache, entry->ca_file) : NULL;
  if (database != NULL)
    {
      entry->database = g_object_ref (database);
      return;
    }

  entry->database = lc_tls_database_new_for_file (entry->ca_file, &entry->error);
  if (entry->database != NULL && cache != NULL)
    g_hash_table_insert (cache, g_strdup (entry->ca_file), g_object_ref (entry->database));
}

void
_lc_report_upload_remove_entry_thread (GTask        *task,
                                       gpointer      source_object,
                                       gpointer      task_data,
                                       GCancellable *cancellable)
{
  LcUploadEntry *entry = task_data;

  if (entry->path != NULL && g_unlink (entry->path) != 0 && errno != ENOENT)
    g_warning ("A report sent stays in the outbox and will be sent again: %s: %s",
               entry->path, g_strerror (errno));
  g_task_return_boolean (task, TRUE);
}
