/* lc-profile-page.h — the wizard's first page: which profile, and the hosts it leaves open
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lc-profile-catalog.h"

G_BEGIN_DECLS

#define LC_TYPE_PROFILE_PAGE (lc_profile_page_get_type ())

G_DECLARE_FINAL_TYPE (LcProfilePage, lc_profile_page, LC, PROFILE_PAGE, AdwBin)

LcProfile *lc_profile_page_get_profile  (LcProfilePage *self);
gboolean   lc_profile_page_get_ready    (LcProfilePage *self);
void       lc_profile_page_set_settings (LcProfilePage *self,
                                         GSettings     *settings);
void       lc_profile_page_import_file  (LcProfilePage *self,
                                         GFile         *file);
void       lc_profile_page_save         (LcProfilePage *self);
void       lc_profile_page_choose       (LcProfilePage *self,
                                         const char    *id_or_file);

G_END_DECLS
