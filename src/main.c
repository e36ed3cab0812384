/* main.c — starts the app, or the command line when asked for it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "lc-application.h"
#include "lc-cli.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(LcApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The command line never needs a display: decide before GTK is touched. */
  if (lc_cli_wants_command_line (argc, argv))
    return lc_cli_main (argc, argv);

  status = lc_cli_check_app_arguments (argc, argv);
  if (status >= 0)
    return status;

  g_set_application_name (_("Linecheck"));
  app = lc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
