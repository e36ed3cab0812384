/* lc-profile.h — what a platform asks of the network: services, rules, media, thresholds
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lc-types.h"

G_BEGIN_DECLS

#define LC_PROFILE_ERROR (lc_profile_error_quark ())

typedef enum
{
  LC_PROFILE_ERROR_READ = 1,
  LC_PROFILE_ERROR_TOO_LARGE,
  LC_PROFILE_ERROR_NOT_TEXT,
  LC_PROFILE_ERROR_TOO_DEEP,
  LC_PROFILE_ERROR_SYNTAX,
  LC_PROFILE_ERROR_FORMAT,
  LC_PROFILE_ERROR_INVALID,
  LC_PROFILE_ERROR_NOT_FOUND,
} LcProfileError;

GQuark lc_profile_error_quark (void);

/* Larger or deeper input than this is refused before it reaches the JSON parser. */
#define LC_PROFILE_MAX_BYTES (1024 * 1024)
#define LC_PROFILE_MAX_DEPTH 32

/**
 * LcService:
 *
 * A server of the platform the rules point at. Owned by its #LcProfile. (A field added to
 * this or the structures below must be copied in lc_profile_copy() too.)
 */
typedef struct
{
  char       *id;          /* "rtc", "acd", "ice", "reflector", … */
  char       *name;
  char       *host;        /* NULL while the person has not given it */
  char       *username;    /* ICE long-term credentials, when the profile has them */
  char       *credential;  /* a secret: never printed, never reported */
  char       *token_url;   /* reflector only */
  GHashTable *ports;       /* rule port → port served here (test set-ups) */
} LcService;

/**
 * LcRule:
 *
 * One firewall rule and how to test it. Owned by its #LcProfile.
 */
typedef struct
{
  char        *id;
  char        *service;
  LcProtocol   protocol;
  guint16      port_min;
  guint16      port_max;     /* == port_min for a single port */
  gboolean     is_range;
  LcCheckKind  check;
  gboolean     tls;
  char        *path;
  char        *subprotocol;
  char        *description;
  LcRuleLevel  level;
  gboolean     relay_fallback;
  guint        timeout_ms;
} LcRule;

typedef struct
{
  char        *id;
  LcMediaVia   via;
  char        *service;     /* echo: the gateway service */
  GStrv        codecs;
  guint        seconds;
  LcTransport  transport;
  gboolean     relay;
} LcMediaEntry;

typedef struct
{
  double rtt_ms;
  double jitter_ms;
  double loss_percent;
  double audio_kbps;
  double video_kbps;
} LcThresholds;

typedef struct
{
  char       *id;
  char       *name;
  GHashTable *hosts;         /* service id → host */
} LcEdge;

#define LC_TYPE_PROFILE (lc_profile_get_type ())

G_DECLARE_FINAL_TYPE (LcProfile, lc_profile, LC, PROFILE, GObject)

LcProfile          *lc_profile_new_from_file       (GFile         *file,
                                                    GError       **error);
LcProfile          *lc_profile_new_from_bytes      (GBytes        *bytes,
                                                    const char    *display_name,
                                                    GError       **error);
LcProfile          *lc_profile_new_from_resource   (const char    *path,
                                                    GError       **error);
LcProfile          *lc_profile_copy                (LcProfile     *self);
LcProfile          *lc_profile_new_for_report      (const char    *id,
                                                    const char    *name,
                                                    const LcThresholds *thresholds);
void                lc_profile_add_service_name    (LcProfile     *self,
                                                    const char    *id,
                                                    const char    *name);

const char         *lc_profile_get_id              (LcProfile     *self);
const char         *lc_profile_get_name            (LcProfile     *self);
const char         *lc_profile_get_description     (LcProfile     *self);
GFile              *lc_profile_get_file            (LcProfile     *self);
const char         *lc_profile_get_origin          (LcProfile     *self);
GFile              *lc_profile_get_ca_file         (LcProfile     *self);
guint               lc_profile_get_timeout_ms      (LcProfile     *self);
const char         *lc_profile_get_report_url      (LcProfile     *self);

guint               lc_profile_get_n_services      (LcProfile     *self);
const LcService    *lc_profile_get_service         (LcProfile     *self,
                                                    guint          index);
const LcService    *lc_profile_lookup_service      (LcProfile     *self,
                                                    const char    *id);
gboolean            lc_profile_set_host            (LcProfile     *self,
                                                    const char    *service_id,
                                                    const char    *host,
                                                    GError       **error);
void                lc_profile_set_ice_credentials (LcProfile     *self,
                                                    const char    *username,
                                                    const char    *credential);
GPtrArray          *lc_profile_dup_missing_hosts   (LcProfile     *self);
guint16             lc_service_get_local_port      (const LcService *service,
                                                    guint16        rule_port);

guint               lc_profile_get_n_rules         (LcProfile     *self);
const LcRule       *lc_profile_get_rule            (LcProfile     *self,
                                                    guint          index);
const LcRule       *lc_profile_lookup_rule         (LcProfile     *self,
                                                    const char    *id);
char               *lc_rule_format_ports           (const LcRule  *rule);

guint               lc_profile_get_n_media         (LcProfile     *self);
const LcMediaEntry *lc_profile_get_media           (LcProfile     *self,
                                                    guint          index);

const LcThresholds *lc_profile_get_thresholds      (LcProfile     *self);

guint               lc_profile_get_n_edges         (LcProfile     *self);
const LcEdge       *lc_profile_get_edge            (LcProfile     *self,
                                                    guint          index);

gboolean            lc_host_is_valid               (const char    *host);
char               *lc_host_describe_problem       (const char    *host);

G_END_DECLS
