/* lc-cli.h — the command-line front end (contracts §2)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of `linecheck --cli` (contracts §2). */
#define LC_CLI_EXIT_PASS      0
#define LC_CLI_EXIT_FAIL      1
#define LC_CLI_EXIT_CANNOT_RUN 2

gboolean lc_cli_wants_command_line (int    argc,
                                    char **argv);
int      lc_cli_check_app_arguments (int    argc,
                                     char **argv);
int      lc_cli_main               (int    argc,
                                    char **argv);

G_END_DECLS
