/* lc-profile-catalog.h — the profiles a person can choose from, along the search path
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lc-profile.h"

G_BEGIN_DECLS

#define LC_PROFILE_RESOURCE_DIR "/io/github/linecheck/Linecheck/profiles/"

#define LC_TYPE_PROFILE_CATALOG (lc_profile_catalog_get_type ())

G_DECLARE_FINAL_TYPE (LcProfileCatalog, lc_profile_catalog, LC, PROFILE_CATALOG, GObject)

LcProfileCatalog *lc_profile_catalog_new              (void);
void              lc_profile_catalog_add_dir          (LcProfileCatalog     *self,
                                                       GFile                *dir,
                                                       const char           *origin);
void              lc_profile_catalog_scan             (LcProfileCatalog     *self);
void              lc_profile_catalog_scan_async       (LcProfileCatalog     *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean          lc_profile_catalog_scan_finish      (LcProfileCatalog     *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
guint             lc_profile_catalog_get_n_profiles   (LcProfileCatalog     *self);
LcProfile        *lc_profile_catalog_get_profile      (LcProfileCatalog     *self,
                                                       guint                 index);
const char * const *lc_profile_catalog_get_problems   (LcProfileCatalog     *self);
LcProfile        *lc_profile_catalog_load             (LcProfileCatalog     *self,
                                                       const char           *id_or_file,
                                                       GError              **error);
void              lc_profile_catalog_load_async       (LcProfileCatalog     *self,
                                                       const char           *id_or_file,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
LcProfile        *lc_profile_catalog_load_finish      (LcProfileCatalog     *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
