/* lc-advice-page.c — step 4: advice read off this run's results
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-advice-page.h"

struct _LcAdvicePage
{
  LcWizardPage  parent_instance;

  GtkWidget    *group;
};

G_DEFINE_FINAL_TYPE (LcAdvicePage, lc_advice_page, LC_TYPE_WIZARD_PAGE)

static void
lc_advice_page_rebuild (LcWizardPage *page)
{
  LcAdvicePage *self = LC_ADVICE_PAGE (page);

  self->group = NULL;
  if (lc_wizard_page_get_profile (page) == NULL)
    return;
  self->group = lc_wizard_page_add_group (page, _("Advice"),
                                          _("It comes from the results of the other steps."));
}

static void
lc_advice_page_class_init (LcAdvicePageClass *klass)
{
  LC_WIZARD_PAGE_CLASS (klass)->rebuild = lc_advice_page_rebuild;
}

static void
lc_advice_page_init (LcAdvicePage *self)
{
}

GtkWidget *
lc_advice_page_new (void)
{
  return g_object_new (LC_TYPE_ADVICE_PAGE, "step", LC_STEP_RECOMMENDATIONS, NULL);
}
