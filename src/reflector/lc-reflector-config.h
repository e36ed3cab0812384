/* lc-reflector-config.h — linecheck-reflector's settings, from a key file and the command line
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One socket each: more would need more file descriptors than a host will give. */
#define LC_REFLECTOR_MAX_PORTS 20000

#define LC_REFLECTOR_CONFIG_GROUP "reflector"

typedef struct
{
  guint16 first;
  guint16 last;
} LcPortRange;

typedef struct
{
  GArray       *ranges;        /* LcPortRange, sorted, merged */
  guint         n_ports;
  char         *address;       /* NULL: every address */
  char         *secret_file;
  guint16       token_port;    /* 0: no token endpoint here */
  char         *cert_file;
  char         *key_file;
  GBytes       *secret;        /* once loaded */
  GTlsCertificate *certificate;
} LcReflectorConfig;

LcReflectorConfig *lc_reflector_config_new         (void);
void               lc_reflector_config_free        (LcReflectorConfig  *config);
gboolean           lc_reflector_config_load_file   (LcReflectorConfig  *config,
                                                    const char         *path,
                                                    GError            **error);
gboolean           lc_reflector_config_set         (LcReflectorConfig  *config,
                                                    const char         *name,
                                                    const char         *value,
                                                    GError            **error);
gboolean           lc_reflector_config_validate    (LcReflectorConfig  *config,
                                                    GError            **error);
char              *lc_reflector_config_describe    (LcReflectorConfig  *config);

gboolean           lc_port_ranges_parse            (const char         *text,
                                                    GArray             *ranges,
                                                    GError            **error);
char              *lc_port_ranges_format           (GArray             *ranges);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcReflectorConfig, lc_reflector_config_free)

G_END_DECLS
