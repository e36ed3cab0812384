/* lc-profile-catalog.c — finds profiles: built-in, system, user, in that order of precedence
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-profile"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lc-profile-catalog.h"
#include "lc-core-resources.h"

typedef struct
{
  GFile *dir;
  char  *origin;
} SearchDir;

struct _LcProfileCatalog
{
  GObject    parent_instance;

  GPtrArray *dirs;       /* SearchDir, lowest precedence first */
  GPtrArray *profiles;   /* LcProfile, one per id, in the order found */
  GPtrArray *problems;   /* char*, NULL-terminated: files that were refused, and why */
  GMutex     mutex;
};

G_DEFINE_FINAL_TYPE (LcProfileCatalog, lc_profile_catalog, G_TYPE_OBJECT)

static void
search_dir_free (SearchDir *dir)
{
  g_clear_object (&dir->dir);
  g_free (dir->origin);
  g_free (dir);
}

static void
lc_profile_catalog_finalize (GObject *object)
{
  LcProfileCatalog *self = (LcProfileCatalog *)object;

  g_clear_pointer (&self->dirs, g_ptr_array_unref);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (lc_profile_catalog_parent_class)->finalize (object);
}

static void
lc_profile_catalog_class_init (LcProfileCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lc_profile_catalog_finalize;
}

static GPtrArray *
new_problems (void)
{
  GPtrArray *problems = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  return problems;
}

static void
lc_profile_catalog_init (LcProfileCatalog *self)
{
  self->dirs = g_ptr_array_new_with_free_func ((GDestroyNotify)search_dir_free);
  self->profiles = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = new_problems ();
  g_mutex_init (&self->mutex);
}

/**
 * lc_profile_catalog_new:
 *
 * Returns: (transfer full): a catalog over the standard search path: the built-in profiles,
 *   then `$sysconfdir/linecheck/profiles.d/`, then `$XDG_CONFIG_HOME/linecheck/profiles/`;
 *   a later profile with the same id replaces an earlier one
 */
LcProfileCatalog *
lc_profile_catalog_new (void)
{
  LcProfileCatalog *self = g_object_new (LC_TYPE_PROFILE_CATALOG, NULL);
  g_autoptr(GFile) system_dir = g_file_new_build_filename (SYSCONFDIR, "linecheck",
                                                           "profiles.d", NULL);
  g_autoptr(GFile) user_dir = g_file_new_build_filename (g_get_user_config_dir (), "linecheck",
                                                         "profiles", NULL);

  lc_profile_catalog_add_dir (self, system_dir, "system");
  lc_profile_catalog_add_dir (self, user_dir, "user");

  return self;
}

/**
 * lc_profile_catalog_add_dir:
 * @origin: how the app names profiles from there ("system", "user")
 *
 * Adds a folder of `*.json` profiles, with precedence over those added before.
 */
void
lc_profile_catalog_add_dir (LcProfileCatalog *self,
                            GFile            *dir,
                            const char       *origin)
{
  SearchDir *search_dir;

  g_return_if_fail (LC_IS_PROFILE_CATALOG (self));
  g_return_if_fail (G_IS_FILE (dir));

  search_dir = g_new0 (SearchDir, 1);
  search_dir->dir = g_object_ref (dir);
  search_dir->origin = g_strdup (origin);
  g_ptr_array_add (self->dirs, search_dir);
}

static void
add_profile (GPtrArray *profiles,
             LcProfile *profile)
{
  for (guint i = 0; i < profiles->len; i++)
    {
      LcProfile *other = g_ptr_array_index (profiles, i);

      if (g_str_equal (lc_profile_get_id (other), lc_profile_get_id (profile)))
        {
          g_ptr_array_index (profiles, i) = g_object_ref (profile);
          g_object_unref (other);
          return;
        }
    }

  g_ptr_array_add (profiles, g_object_ref (profile));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static void
scan_dir (const SearchDir *search_dir,
          GPtrArray       *profiles,
          GPtrArray       *problems)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (search_dir->dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (enumerator == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_ptr_array_add (problems, g_strdup (error->message));
      return;
    }

  while ((info = g_file_enumerator_next_file (enumerator, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          g_str_has_suffix (name, ".json"))
        g_ptr_array_add (names, g_strdup (name));
      g_object_unref (info);
    }

  /* The order of a folder listing is arbitrary; reading in name order keeps runs alike. */
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (search_dir->dir, g_ptr_array_index (names, i));
      g_autoptr(GError) load_error = NULL;
      g_autoptr(LcProfile) profile = lc_profile_new_from_file (file, &load_error);

      if (profile == NULL)
        g_ptr_array_add (problems, g_strdup (load_error->message));
      else
        add_profile (profiles, profile);
    }
}

static void
scan_builtin (GPtrArray *profiles,
              GPtrArray *problems)
{
  g_auto(GStrv) children = NULL;

  /* Naming the resource keeps the linker from dropping it out of the static library. */
  g_assert (lc_core_get_resource () != NULL);

  children = g_resources_enumerate_children (LC_PROFILE_RESOURCE_DIR,
                                             G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (children == NULL)
    return;

  qsort (children, g_strv_length (children), sizeof (char *), compare_names);

  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (LC_PROFILE_RESOURCE_DIR, children[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(LcProfile) profile = lc_profile_new_from_resource (path, &error);

      if (profile == NULL)
        g_ptr_array_add (problems, g_strdup (error->message));
      else
        add_profile (profiles, profile);
    }
}

/**
 * lc_profile_catalog_scan:
 *
 * Reads the search path again. Files that are not valid profiles do not stop the scan: they
 * are listed by lc_profile_catalog_get_problems(). Blocks on file I/O: the app uses
 * lc_profile_catalog_scan_async().
 */
void
lc_profile_catalog_scan (LcProfileCatalog *self)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GPtrArray) dirs = NULL;

  g_return_if_fail (LC_IS_PROFILE_CATALOG (self));

  g_mutex_lock (&self->mutex);
  dirs = g_ptr_array_ref (self->dirs);
  g_mutex_unlock (&self->mutex);

  scan_builtin (profiles, problems);
  for (guint i = 0; i < dirs->len; i++)
    scan_dir (g_ptr_array_index (dirs, i), profiles, problems);

  g_mutex_lock (&self->mutex);
  g_ptr_array_unref (self->profiles);
  self->profiles = g_steal_pointer (&profiles);
  g_ptr_array_unref (self->problems);
  self->problems = g_steal_pointer (&problems);
  g_mutex_unlock (&self->mutex);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  lc_profile_catalog_scan (source_object);
  g_task_return_boolean (task, TRUE);
}

void
lc_profile_catalog_scan_async (LcProfileCatalog    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LC_IS_PROFILE_CATALOG (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_profile_catalog_scan_async);
  g_task_run_in_thread (task, scan_thread);
}

gboolean
lc_profile_catalog_scan_finish (LcProfileCatalog  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
lc_profile_catalog_get_n_profiles (LcProfileCatalog *self)
{
  g_return_val_if_fail (LC_IS_PROFILE_CATALOG (self), 0);
  return self->profiles->len;
}

/**
 * lc_profile_catalog_get_profile:
 *
 * Returns: (transfer none): the profile as read, for listing; to run it, take a fresh copy
 *   with lc_profile_catalog_load()
 */
LcProfile *
lc_profile_catalog_get_profile (LcProfileCatalog *self,
                                guint             index)
{
  g_return_val_if_fail (LC_IS_PROFILE_CATALOG (self), NULL);
  g_return_val_if_fail (index < self->profiles->len, NULL);
  return g_ptr_array_index (self->profiles, index);
}

/**
 * lc_profile_catalog_get_problems:
 *
 * Returns: (transfer none): one message per profile file that was refused
 */
const char * const *
lc_profile_catalog_get_problems (LcProfileCatalog *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (LC_IS_PROFILE_CATALOG (self), NULL);

  /* An empty array may have no storage at all. */
  if (self->problems->pdata == NULL)
    return none;
  return (const char * const *)self->problems->pdata;
}

static gboolean
looks_like_path (const char *str)
{
  return strchr (str, '/') != NULL || g_str_has_suffix (str, ".json");
}

/**
 * lc_profile_catalog_load:
 * @id_or_file: a profile id from the search path, or the path of a profile file
 *
 * Reads the profile again from its source, so that hosts filled into one run never leak into
 * the next.
 *
 * Returns: (transfer full): a new profile, or %NULL with @error
 */
LcProfile *
lc_profile_catalog_load (LcProfileCatalog  *self,
                         const char        *id_or_file,
                         GError           **error)
{
  g_autoptr(GString) known = g_string_new (NULL);

  g_autoptr(GPtrArray) profiles = NULL;

  g_return_val_if_fail (LC_IS_PROFILE_CATALOG (self), NULL);
  g_return_val_if_fail (id_or_file != NULL, NULL);

  if (looks_like_path (id_or_file))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (id_or_file);
      return lc_profile_new_from_file (file, error);
    }

  g_mutex_lock (&self->mutex);
  profiles = g_ptr_array_ref (self->profiles);
  g_mutex_unlock (&self->mutex);

  for (guint i = 0; i < profiles->len; i++)
    {
      LcProfile *profile = g_ptr_array_index (profiles, i);
      GFile *file = lc_profile_get_file (profile);

      if (!g_str_equal (lc_profile_get_id (profile), id_or_file))
        {
          g_string_append_printf (known, "%s%s", known->len ? ", " : "",
                                  lc_profile_get_id (profile));
          continue;
        }

      if (file != NULL)
        return lc_profile_new_from_file (file, error);
      else
        {
          g_autofree char *path = g_strconcat (LC_PROFILE_RESOURCE_DIR, id_or_file, ".json",
                                               NULL);
          return lc_profile_new_from_resource (path, error);
        }
    }

  g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_NOT_FOUND,
               _("No profile “%s” (there are: %s); give a profile id or a file"),
               id_or_file, known->len ? known->str : _("none"));
  return NULL;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  LcProfile *profile = lc_profile_catalog_load (source_object, task_data, &error);

  if (profile == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, profile, g_object_unref);
}

/**
 * lc_profile_catalog_load_async:
 *
 * Like lc_profile_catalog_load(), reading files on a worker thread.
 */
void
lc_profile_catalog_load_async (LcProfileCatalog    *self,
                               const char          *id_or_file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LC_IS_PROFILE_CATALOG (self));
  g_return_if_fail (id_or_file != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_profile_catalog_load_async);
  g_task_set_task_data (task, g_strdup (id_or_file), g_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * lc_profile_catalog_load_finish:
 *
 * Returns: (transfer full): the profile, or %NULL with @error
 */
LcProfile *
lc_profile_catalog_load_finish (LcProfileCatalog  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
