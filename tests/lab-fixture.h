/* lab-fixture.h — starts the project's lab (real coturn, Janus, Kamailio) for a test program
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lc-profile.h"

G_BEGIN_DECLS

typedef struct
{
  char       *dir;
  char       *netns;      /* NULL in loopback mode */
  gboolean    janus_media; /* Janus offers candidates the client can reach: always in a
                            * namespace; on loopback only with the lab's getifaddrs() shim */
  JsonNode   *profile;    /* the lab's profile.json, to derive variants from */
  JsonNode   *lab;        /* lab.json */
} LabFixture;

LabFixture *lab_fixture_start        (void);
LabFixture *lab_fixture_start_mode   (const char  *mode);
void        lab_fixture_stop         (LabFixture  *lab);
LcProfile  *lab_fixture_load_profile (LabFixture  *lab,
                                      const char  *name,
                                      void       (*edit) (JsonObject *root, gpointer data),
                                      gpointer     data);
void        lab_fixture_nft          (LabFixture  *lab,
                                      const char  *rule);
void        lab_fixture_nft_flush    (LabFixture  *lab);
JsonObject *lab_fixture_find_rule    (JsonObject  *root,
                                      const char  *service,
                                      const char  *protocol,
                                      gint64       port);

G_END_DECLS
