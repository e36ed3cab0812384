/* lc-profile.c — loads and validates profiles (contracts §1)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-profile"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lc-file-reader.h"
#include "lc-json-reader.h"
#include "lc-profile.h"

#define DEFAULT_TIMEOUT_MS 5000
#define MAX_NAME_CHARS 200

struct _LcProfile
{
  GObject       parent_instance;

  char         *id;
  char         *name;
  char         *description;
  char         *origin;
  GFile        *file;
  GFile        *ca_file;
  char         *report_url;
  guint         timeout_ms;

  GPtrArray    *services;   /* LcService */
  GPtrArray    *rules;      /* LcRule */
  GPtrArray    *media;      /* LcMediaEntry */
  GPtrArray    *edges;      /* LcEdge */
  LcThresholds  thresholds;
};

G_DEFINE_FINAL_TYPE (LcProfile, lc_profile, G_TYPE_OBJECT)

G_DEFINE_QUARK (lc-profile-error-quark, lc_profile_error)

/* g_set_str() is GLib 2.76; Debian 12 has 2.74. */
static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static void
service_free (LcService *service)
{
  g_free (service->id);
  g_free (service->name);
  g_free (service->host);
  g_free (service->username);
  if (service->credential != NULL)
    memset (service->credential, 0, strlen (service->credential));
  g_free (service->credential);
  g_free (service->token_url);
  g_clear_pointer (&service->ports, g_hash_table_unref);
  g_free (service);
}

static void
rule_free (LcRule *rule)
{
  g_free (rule->id);
  g_free (rule->service);
  g_free (rule->path);
  g_free (rule->subprotocol);
  g_free (rule->description);
  g_free (rule);
}

static void
media_entry_free (LcMediaEntry *entry)
{
  g_free (entry->id);
  g_free (entry->service);
  g_strfreev (entry->codecs);
  g_free (entry);
}

static void
edge_free (LcEdge *edge)
{
  g_free (edge->id);
  g_free (edge->name);
  g_clear_pointer (&edge->hosts, g_hash_table_unref);
  g_free (edge);
}

static void
lc_profile_finalize (GObject *object)
{
  LcProfile *self = (LcProfile *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->origin);
  g_clear_object (&self->file);
  g_clear_object (&self->ca_file);
  g_free (self->report_url);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->media, g_ptr_array_unref);
  g_clear_pointer (&self->edges, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_profile_parent_class)->finalize (object);
}

static void
lc_profile_class_init (LcProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lc_profile_finalize;
}

static void
lc_profile_init (LcProfile *self)
{
  self->services = g_ptr_array_new_with_free_func ((GDestroyNotify)service_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify)rule_free);
  self->media = g_ptr_array_new_with_free_func ((GDestroyNotify)media_entry_free);
  self->edges = g_ptr_array_new_with_free_func ((GDestroyNotify)edge_free);
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
}

/**
 * lc_profile_new_for_report:
 * @thresholds: (nullable): what the report's calls were held against, if it says
 *
 * The profile a stored report names: its id, name and thresholds, its services' names added
 * with lc_profile_add_service_name(); no rules, calls or hosts. A report opened from disk
 * stands on its own: the profile it came from may be gone.
 *
 * Returns: (transfer full): the profile
 */
LcProfile *
lc_profile_new_for_report (const char         *id,
                           const char         *name,
                           const LcThresholds *thresholds)
{
  LcProfile *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (LC_TYPE_PROFILE, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name ? name : id);
  self->origin = g_strdup (_("a stored report"));
  if (thresholds != NULL)
    self->thresholds = *thresholds;
  return self;
}

/**
 * lc_profile_add_service_name:
 *
 * For a profile made by lc_profile_new_for_report(): a service the report names, without host.
 */
void
lc_profile_add_service_name (LcProfile  *self,
                             const char *id,
                             const char *name)
{
  LcService *service;

  g_return_if_fail (LC_IS_PROFILE (self));
  g_return_if_fail (id != NULL);

  if (lc_profile_lookup_service (self, id) != NULL)
    return;
  service = g_new0 (LcService, 1);
  service->id = g_strdup (id);
  service->name = g_strdup (name ? name : id);
  service->ports = g_hash_table_new (NULL, NULL);
  g_ptr_array_add (self->services, service);
}

/* Copying ------------------------------------------------------------------------------------ */

static LcService *
service_copy (const LcService *service)
{
  LcService *copy = g_new0 (LcService, 1);
  GHashTableIter iter;
  gpointer key, value;

  copy->id = g_strdup (service->id);
  copy->name = g_strdup (service->name);
  copy->host = g_strdup (service->host);
  copy->username = g_strdup (service->username);
  copy->credential = g_strdup (service->credential);
  copy->token_url = g_strdup (service->token_url);
  copy->ports = g_hash_table_new (NULL, NULL);
  if (service->ports != NULL)
    {
      g_hash_table_iter_init (&iter, service->ports);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (copy->ports, key, value);
    }
  return copy;
}

static LcRule *
rule_copy (const LcRule *rule)
{
  LcRule *copy = g_memdup2 (rule, sizeof *rule);

  copy->id = g_strdup (rule->id);
  copy->service = g_strdup (rule->service);
  copy->path = g_strdup (rule->path);
  copy->subprotocol = g_strdup (rule->subprotocol);
  copy->description = g_strdup (rule->description);
  return copy;
}

static LcMediaEntry *
media_entry_copy (const LcMediaEntry *entry)
{
  LcMediaEntry *copy = g_memdup2 (entry, sizeof *entry);

  copy->id = g_strdup (entry->id);
  copy->service = g_strdup (entry->service);
  copy->codecs = g_strdupv (entry->codecs);
  return copy;
}

static LcEdge *
edge_copy (const LcEdge *edge)
{
  LcEdge *copy = g_new0 (LcEdge, 1);
  GHashTableIter iter;
  gpointer key, value;

  copy->id = g_strdup (edge->id);
  copy->name = g_strdup (edge->name);
  copy->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, edge->hosts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->hosts, g_strdup (key), g_strdup (value));
  return copy;
}

/**
 * lc_profile_copy:
 *
 * A run works on its own snapshot: what it changes (the chosen edge's hosts) never reaches
 * the profile a page shows.
 *
 * Returns: (transfer full): a deep copy of @self
 */
LcProfile *
lc_profile_copy (LcProfile *self)
{
  LcProfile *copy;

  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);

  copy = g_object_new (LC_TYPE_PROFILE, NULL);
  copy->id = g_strdup (self->id);
  copy->name = g_strdup (self->name);
  copy->description = g_strdup (self->description);
  copy->origin = g_strdup (self->origin);
  copy->file = self->file ? g_object_ref (self->file) : NULL;
  copy->ca_file = self->ca_file ? g_object_ref (self->ca_file) : NULL;
  copy->report_url = g_strdup (self->report_url);
  copy->timeout_ms = self->timeout_ms;
  copy->thresholds = self->thresholds;

  for (guint i = 0; i < self->services->len; i++)
    g_ptr_array_add (copy->services, service_copy (g_ptr_array_index (self->services, i)));
  for (guint i = 0; i < self->rules->len; i++)
    g_ptr_array_add (copy->rules, rule_copy (g_ptr_array_index (self->rules, i)));
  for (guint i = 0; i < self->media->len; i++)
    g_ptr_array_add (copy->media, media_entry_copy (g_ptr_array_index (self->media, i)));
  for (guint i = 0; i < self->edges->len; i++)
    g_ptr_array_add (copy->edges, edge_copy (g_ptr_array_index (self->edges, i)));
  return copy;
}

/* Parsing ------------------------------------------------------------------------------------ */

typedef struct
{
  const char *display_name;
  LcProfile  *profile;
} Parse;

static gboolean G_GNUC_PRINTF (4, 5)
fail (Parse       *p,
      GError     **error,
      const char  *path,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_INVALID,
               "%s: %s: %s", p->display_name, path, message);
  return FALSE;
}

/* Says what a value is, for "expected X, got Y", without echoing a whole document. */
static char *
describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");

  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (_("an object"));

  if (JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup (_("a list"));

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        g_autofree char *cut = NULL;
        g_autofree char *escaped = NULL;

        if (g_utf8_strlen (s, -1) > 40)
          {
            g_autofree char *head = g_utf8_substring (s, 0, 40);
            cut = g_strconcat (head, "…", NULL);
          }
        else
          cut = g_strdup (s);
        escaped = g_strescape (cut, "…");
        return g_strdup_printf ("\"%s\"", escaped);
      }
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%g", json_node_get_double (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return g_strdup (_("an unknown value"));
    }
}

static char *
join_path (const char *prefix,
           const char *member)
{
  if (prefix == NULL || *prefix == '\0')
    return g_strdup (member);
  return g_strconcat (prefix, ".", member, NULL);
}

static gboolean
expect (Parse       *p,
        GError     **error,
        const char  *path,
        const char  *expected,
        JsonNode    *got)
{
  g_autofree char *described = describe_node (got);

  return fail (p, error, path, _("expected %s, got %s"), expected, described);
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
get_string (Parse       *p,
            JsonObject  *object,
            const char  *prefix,
            const char  *member,
            gboolean     required,
            char       **out,
            GError     **error)
{
  g_autofree char *path = join_path (prefix, member);
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      if (required)
        return fail (p, error, path, _("missing; expected a text"));
      return TRUE;
    }

  if (!node_is_string (node))
    return expect (p, error, path, _("a text"), node);

  if (required && *json_node_get_string (node) == '\0')
    return fail (p, error, path, _("expected a text, got an empty one"));

  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_uint (Parse       *p,
          JsonObject  *object,
          const char  *prefix,
          const char  *member,
          gboolean     required,
          guint        min,
          guint        max,
          guint       *out,
          GError     **error)
{
  g_autofree char *path = join_path (prefix, member);
  g_autofree char *expected = g_strdup_printf (_("an integer %u–%u"), min, max);
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL)
    {
      if (required)
        return fail (p, error, path, _("missing; expected %s"), expected);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return expect (p, error, path, expected, node);

  value = json_node_get_int (node);
  if (value < min || value > max)
    return expect (p, error, path, expected, node);

  *out = (guint)value;
  return TRUE;
}

static gboolean
get_number (Parse       *p,
            JsonObject  *object,
            const char  *prefix,
            const char  *member,
            double       max,
            double      *out,
            GError     **error)
{
  g_autofree char *path = join_path (prefix, member);
  g_autofree char *expected = g_strdup_printf (_("a number 0–%g"), max);
  JsonNode *node = json_object_get_member (object, member);
  double value;

  if (node == NULL)
    return fail (p, error, path, _("missing; expected %s"), expected);

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return expect (p, error, path, expected, node);

  value = json_node_get_double (node);
  if (!isfinite (value) || value < 0 || value > max)
    return expect (p, error, path, expected, node);

  *out = value;
  return TRUE;
}

static gboolean
get_bool (Parse       *p,
          JsonObject  *object,
          const char  *prefix,
          const char  *member,
          gboolean    *out,
          GError     **error)
{
  g_autofree char *path = join_path (prefix, member);
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return expect (p, error, path, _("true or false"), node);

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_choice (Parse              *p,
            JsonObject         *object,
            const char         *prefix,
            const char         *member,
            gboolean            required,
            const char * const *choices,
            int                *out,
            GError            **error)
{
  g_autofree char *path = join_path (prefix, member);
  g_autofree char *quoted = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  JsonNode *node = json_object_get_member (object, member);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (expected, choices[i + 1] == NULL ? _(" or ") : ", ");
      g_string_append_printf (expected, "\"%s\"", choices[i]);
    }

  if (node == NULL)
    {
      if (required)
        return fail (p, error, path, _("missing; expected %s"), expected->str);
      return TRUE;
    }

  if (node_is_string (node))
    {
      const char *value = json_node_get_string (node);

      for (guint i = 0; choices[i] != NULL; i++)
        {
          if (g_str_equal (value, choices[i]))
            {
              *out = (int)i;
              return TRUE;
            }
        }
    }

  return expect (p, error, path, expected->str, node);
}

static JsonObject *
get_object (Parse       *p,
            JsonObject  *object,
            const char  *prefix,
            const char  *member,
            gboolean     required,
            GError     **error)
{
  g_autofree char *path = join_path (prefix, member);
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      if (required)
        fail (p, error, path, _("missing; expected an object"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      expect (p, error, path, _("an object"), node);
      return NULL;
    }

  return json_node_get_object (node);
}

static JsonArray *
get_array (Parse       *p,
           JsonObject  *object,
           const char  *prefix,
           const char  *member,
           gboolean     required,
           GError     **error)
{
  g_autofree char *path = join_path (prefix, member);
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      if (required)
        fail (p, error, path, _("missing; expected a list"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      expect (p, error, path, _("a list"), node);
      return NULL;
    }

  return json_node_get_array (node);
}

/* Ids name things in reports and on the command line: keep them plain. */
static gboolean
id_is_valid (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > 64 || !g_ascii_isalnum (id[0]))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = id[i];
      if (!g_ascii_isalnum (c) && c != '-' && c != '_' && c != '.')
        return FALSE;
    }

  return TRUE;
}

/**
 * lc_host_is_valid:
 * @host: what a person typed or a profile holds
 *
 * Returns: %TRUE if @host is an IP address or a DNS host name (international names included)
 */
gboolean
lc_host_is_valid (const char *host)
{
  g_autofree char *problem = lc_host_describe_problem (host);

  return problem == NULL;
}

/**
 * lc_host_describe_problem:
 * @host: what a person typed or a profile holds
 *
 * Returns: (transfer full) (nullable): why @host is no IP address or host name, in words for
 *   the person who typed it; %NULL when it is one
 */
char *
lc_host_describe_problem (const char *host)
{
  g_autofree char *ascii = NULL;
  g_auto(GStrv) labels = NULL;
  gsize len;

  if (host == NULL || *host == '\0')
    return g_strdup (_("The name is empty"));
  if (!g_utf8_validate (host, -1, NULL))
    return g_strdup (_("The name is not valid text"));
  if (strpbrk (host, " \t\n") != NULL)
    return g_strdup (_("A host name has no spaces"));
  if (strstr (host, "://") != NULL || strchr (host, '/') != NULL)
    return g_strdup (_("Only the host name, without “https://” or a path: like rtc.example.net"));

  if (g_hostname_is_ip_address (host))
    return NULL;
  if (strchr (host, ':') != NULL)
    return g_strdup (_("Only the host name, without a port: the profile says the ports"));

  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL)
    return g_strdup (_("This is not a host name the DNS can look up"));

  len = strlen (ascii);
  if (ascii[len - 1] == '.')
    ascii[--len] = '\0';
  if (len == 0)
    return g_strdup (_("The name is empty"));
  if (len > 253)
    return g_strdup (_("The name is longer than the 253 characters a host name may have"));

  labels = g_strsplit (ascii, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *label = labels[i];
      gsize label_len = strlen (label);

      if (label_len == 0)
        return g_strdup (_("Two dots in a row, or a dot at the start: a part of the name is "
                           "empty"));
      if (label_len > 63)
        return g_strdup (_("A part of the name between dots is longer than 63 characters"));
      if (label[0] == '-' || label[label_len - 1] == '-')
        return g_strdup (_("A part of the name starts or ends with a dash"));
      for (gsize j = 0; j < label_len; j++)
        if (!g_ascii_isalnum (label[j]) && label[j] != '-' && label[j] != '_')
          /* Translators: %c is the character that is not allowed */
          return g_strdup_printf (_("“%c” is not allowed in a host name: use letters, digits, "
                                    "dots and dashes"), label[j]);
    }

  return NULL;
}

static gboolean
parse_host (Parse       *p,
            JsonObject  *object,
            const char  *prefix,
            const char  *member,
            char       **out,
            GError     **error)
{
  g_autofree char *host = NULL;

  if (!get_string (p, object, prefix, member, FALSE, &host, error))
    return FALSE;

  if (host != NULL && !lc_host_is_valid (host))
    {
      g_autofree char *path = join_path (prefix, member);
      JsonNode *node = json_object_get_member (object, member);
      return expect (p, error, path, _("a host name or IP address, like rtc.example.net"), node);
    }

  g_free (*out);
  *out = g_steal_pointer (&host);
  return TRUE;
}

static gboolean
parse_service (Parse       *p,
               const char  *id,
               JsonNode    *node,
               GError     **error)
{
  g_autofree char *prefix = g_strdup_printf ("services.%s", id);
  g_autoptr(GHashTable) ports = NULL;
  LcService *service;
  JsonObject *object;
  JsonObject *port_map;

  if (!id_is_valid (id))
    return fail (p, error, prefix,
                 _("a service id is 1–64 letters, digits, “-”, “_” or “.”"));

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return expect (p, error, prefix, _("an object"), node);
  object = json_node_get_object (node);

  service = g_new0 (LcService, 1);
  service->id = g_strdup (id);
  g_ptr_array_add (p->profile->services, service);

  if (!get_string (p, object, prefix, "name", FALSE, &service->name, error) ||
      !parse_host (p, object, prefix, "host", &service->host, error) ||
      !get_string (p, object, prefix, "username", FALSE, &service->username, error) ||
      !get_string (p, object, prefix, "credential", FALSE, &service->credential, error) ||
      !get_string (p, object, prefix, "token_url", FALSE, &service->token_url, error))
    return FALSE;

  if (service->name == NULL)
    service->name = g_strdup (id);

  if (service->token_url != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (service->token_url, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 ||
          g_uri_get_host (uri) == NULL)
        {
          g_autofree char *path = join_path (prefix, "token_url");
          return expect (p, error, path, _("an https:// address"),
                         json_object_get_member (object, "token_url"));
        }
    }

  service->ports = g_hash_table_new (NULL, NULL);
  port_map = get_object (p, object, prefix, "ports", FALSE, error);
  if (port_map == NULL && error != NULL && *error != NULL)
    return FALSE;

  if (port_map != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (port_map);
      g_autofree char *ports_prefix = join_path (prefix, "ports");

      for (const GList *l = members; l != NULL; l = l->next)
        {
          const char *key = l->data;
          guint64 rule_port = 0;
          guint local_port = 0;

          if (!g_ascii_string_to_unsigned (key, 10, 1, 65535, &rule_port, NULL))
            {
              g_autofree char *path = join_path (ports_prefix, key);
              return fail (p, error, path,
                           _("a port map's keys are port numbers 1–65535, like \"443\""));
            }

          if (!get_uint (p, port_map, ports_prefix, key, TRUE, 1, 65535, &local_port, error))
            return FALSE;

          g_hash_table_insert (service->ports, GUINT_TO_POINTER (rule_port),
                               GUINT_TO_POINTER (local_port));
        }
    }

  return TRUE;
}

static gboolean
parse_services (Parse       *p,
                JsonObject  *root,
                GError     **error)
{
  JsonObject *services = get_object (p, root, NULL, "services", TRUE, error);
  g_autoptr(GList) members = NULL;

  if (services == NULL)
    return FALSE;

  members = json_object_get_members (services);
  if (members == NULL)
    return fail (p, error, "services", _("expected at least one service"));

  for (const GList *l = members; l != NULL; l = l->next)
    if (!parse_service (p, l->data, json_object_get_member (services, l->data), error))
      return FALSE;

  return TRUE;
}

static char *
list_services (Parse *p)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < p->profile->services->len; i++)
    {
      const LcService *service = g_ptr_array_index (p->profile->services, i);
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, service->id);
    }
  return g_string_free (list, FALSE);
}

static gboolean
check_is_tcp_only (LcCheckKind kind)
{
  return kind != LC_CHECK_KIND_STUN &&
         kind != LC_CHECK_KIND_TURN &&
         kind != LC_CHECK_KIND_UDP_RANGE;
}

static gboolean
parse_rule (Parse       *p,
            guint        index,
            JsonNode    *node,
            GError     **error)
{
  static const char * const protocols[] = { "tcp", "udp", NULL };
  static const char * const levels[] = { "required", "recommended", NULL };
  static const char * const checks[] = {
    "tcp", "tls", "http", "https", "websocket", "stun", "turn", "udp-range", "sip-ws", NULL
  };
  g_autofree char *prefix = g_strdup_printf ("rules[%u]", index);
  JsonObject *object;
  JsonArray *range;
  LcRule *rule;
  int protocol = 0;
  int level = LC_RULE_LEVEL_REQUIRED;
  int check = 0;
  guint port = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return expect (p, error, prefix, _("an object"), node);
  object = json_node_get_object (node);

  rule = g_new0 (LcRule, 1);
  g_ptr_array_add (p->profile->rules, rule);

  if (!get_string (p, object, prefix, "service", TRUE, &rule->service, error))
    return FALSE;

  if (lc_profile_lookup_service (p->profile, rule->service) == NULL)
    {
      g_autofree char *path = join_path (prefix, "service");
      g_autofree char *known = list_services (p);
      return fail (p, error, path, _("no service “%s” in “services” (there are: %s)"),
                   rule->service, known);
    }

  if (!get_choice (p, object, prefix, "protocol", TRUE, protocols, &protocol, error) ||
      !get_choice (p, object, prefix, "check", TRUE, checks, &check, error) ||
      !get_choice (p, object, prefix, "level", FALSE, levels, &level, error) ||
      !get_bool (p, object, prefix, "tls", &rule->tls, error) ||
      !get_bool (p, object, prefix, "relay_fallback", &rule->relay_fallback, error) ||
      !get_string (p, object, prefix, "path", FALSE, &rule->path, error) ||
      !get_string (p, object, prefix, "subprotocol", FALSE, &rule->subprotocol, error) ||
      !get_string (p, object, prefix, "description", FALSE, &rule->description, error) ||
      !get_string (p, object, prefix, "id", FALSE, &rule->id, error) ||
      !get_uint (p, object, prefix, "timeout_ms", FALSE, 100, 120000, &rule->timeout_ms, error))
    return FALSE;

  rule->protocol = protocol;
  rule->check = check;
  rule->level = level;

  range = get_array (p, object, prefix, "port_range", FALSE, error);
  if (range == NULL && error != NULL && *error != NULL)
    return FALSE;

  if (json_object_has_member (object, "port") && range != NULL)
    return fail (p, error, prefix, _("has both “port” and “port_range”; give one"));

  if (range != NULL)
    {
      g_autofree char *path = join_path (prefix, "port_range");
      guint bounds[2];

      if (json_array_get_length (range) != 2)
        return expect (p, error, path, _("a list of two ports, like [19099, 20099]"),
                       json_object_get_member (object, "port_range"));

      for (guint i = 0; i < 2; i++)
        {
          JsonNode *bound = json_array_get_element (range, i);
          g_autofree char *bound_path = g_strdup_printf ("%s[%u]", path, i);
          gint64 value;

          if (!JSON_NODE_HOLDS_VALUE (bound) ||
              json_node_get_value_type (bound) != G_TYPE_INT64 ||
              (value = json_node_get_int (bound)) < 1 || value > 65535)
            return expect (p, error, bound_path, _("an integer 1–65535"), bound);
          bounds[i] = (guint)value;
        }

      if (bounds[0] > bounds[1])
        return fail (p, error, path, _("the range is reversed (%u before %u)"),
                     bounds[0], bounds[1]);

      rule->port_min = bounds[0];
      rule->port_max = bounds[1];
      rule->is_range = TRUE;
    }
  else
    {
      if (!get_uint (p, object, prefix, "port", TRUE, 1, 65535, &port, error))
        return FALSE;
      rule->port_min = rule->port_max = port;
    }

  if (rule->protocol == LC_PROTOCOL_UDP && check_is_tcp_only (rule->check))
    {
      g_autofree char *path = join_path (prefix, "check");
      return fail (p, error, path, _("a “%s” check runs over TCP, but the rule says “udp”"),
                   checks[check]);
    }

  if (rule->check == LC_CHECK_KIND_UDP_RANGE &&
      (rule->protocol != LC_PROTOCOL_UDP || !rule->is_range))
    {
      g_autofree char *path = join_path (prefix, "check");
      return fail (p, error, path,
                   _("a “udp-range” check needs protocol “udp” and a “port_range”"));
    }

  if (rule->is_range && rule->check != LC_CHECK_KIND_UDP_RANGE)
    {
      g_autofree char *path = join_path (prefix, "port_range");
      return fail (p, error, path, _("only a “udp-range” check takes a range; use “port”"));
    }

  if (rule->tls && rule->protocol != LC_PROTOCOL_TCP)
    {
      g_autofree char *path = join_path (prefix, "tls");
      return fail (p, error, path, _("TLS goes only with protocol “tcp”"));
    }

  if (rule->path != NULL && rule->path[0] != '/')
    {
      g_autofree char *path = join_path (prefix, "path");
      return expect (p, error, path, _("a path starting with “/”"),
                     json_object_get_member (object, "path"));
    }

  if (rule->id == NULL)
    {
      if (rule->is_range)
        rule->id = g_strdup_printf ("%s-%s-%u-%u", rule->service,
                                    lc_protocol_to_string (rule->protocol),
                                    rule->port_min, rule->port_max);
      else
        rule->id = g_strdup_printf ("%s-%s-%u", rule->service,
                                    lc_protocol_to_string (rule->protocol), rule->port_min);
    }
  else if (!id_is_valid (rule->id))
    {
      g_autofree char *path = join_path (prefix, "id");
      return expect (p, error, path, _("1–64 letters, digits, “-”, “_” or “.”"),
                     json_object_get_member (object, "id"));
    }

  for (guint i = 0; i + 1 < p->profile->rules->len; i++)
    {
      const LcRule *other = g_ptr_array_index (p->profile->rules, i);

      if (g_str_equal (other->id, rule->id))
        return fail (p, error, prefix,
                     _("the id “%s” is also the id of rules[%u]; give one of them its own “id”"),
                     rule->id, i);
    }

  if (rule->timeout_ms == 0)
    rule->timeout_ms = p->profile->timeout_ms;

  return TRUE;
}

static gboolean
parse_rules (Parse       *p,
             JsonObject  *root,
             GError     **error)
{
  JsonArray *rules = get_array (p, root, NULL, "rules", TRUE, error);

  if (rules == NULL)
    return FALSE;

  if (json_array_get_length (rules) == 0)
    return fail (p, error, "rules", _("expected at least one rule"));

  for (guint i = 0; i < json_array_get_length (rules); i++)
    if (!parse_rule (p, i, json_array_get_element (rules, i), error))
      return FALSE;

  return TRUE;
}

static const LcRule *
find_turn_rule (LcProfile   *profile,
                LcTransport  transport)
{
  for (guint i = 0; i < profile->rules->len; i++)
    {
      const LcRule *rule = g_ptr_array_index (profile->rules, i);

      if (rule->check != LC_CHECK_KIND_TURN || g_strcmp0 (rule->service, "ice") != 0)
        continue;

      if ((transport == LC_TRANSPORT_UDP && rule->protocol == LC_PROTOCOL_UDP) ||
          (transport == LC_TRANSPORT_TCP && rule->protocol == LC_PROTOCOL_TCP && !rule->tls) ||
          (transport == LC_TRANSPORT_TLS && rule->protocol == LC_PROTOCOL_TCP && rule->tls))
        return rule;
    }

  return NULL;
}

static gboolean
parse_media_entry (Parse       *p,
                   guint        index,
                   JsonNode    *node,
                   GError     **error)
{
  static const char * const vias[] = { "echo", "turn", NULL };
  static const char * const transports[] = { "udp", "tcp", "tls", NULL };
  static const char * const codecs[] = { "opus", "vp8", NULL };
  g_autofree char *prefix = g_strdup_printf ("media[%u]", index);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  LcMediaEntry *entry;
  JsonObject *object;
  JsonArray *codec_list;
  int via = 0;
  int transport = -1;
  gboolean has_opus = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return expect (p, error, prefix, _("an object"), node);
  object = json_node_get_object (node);

  entry = g_new0 (LcMediaEntry, 1);
  g_ptr_array_add (p->profile->media, entry);

  if (!get_string (p, object, prefix, "id", TRUE, &entry->id, error) ||
      !get_choice (p, object, prefix, "via", TRUE, vias, &via, error) ||
      !get_string (p, object, prefix, "service", FALSE, &entry->service, error) ||
      !get_choice (p, object, prefix, "transport", FALSE, transports, &transport, error) ||
      !get_bool (p, object, prefix, "relay", &entry->relay, error) ||
      !get_uint (p, object, prefix, "seconds", TRUE, 1, 600, &entry->seconds, error))
    return FALSE;

  entry->via = via;

  if (!id_is_valid (entry->id))
    {
      g_autofree char *path = join_path (prefix, "id");
      return expect (p, error, path, _("1–64 letters, digits, “-”, “_” or “.”"),
                     json_object_get_member (object, "id"));
    }

  for (guint i = 0; i + 1 < p->profile->media->len; i++)
    {
      const LcMediaEntry *other = g_ptr_array_index (p->profile->media, i);

      if (g_str_equal (other->id, entry->id))
        {
          g_autofree char *path = join_path (prefix, "id");
          return fail (p, error, path, _("the id “%s” is also the id of media[%u]"),
                       entry->id, i);
        }
    }

  codec_list = get_array (p, object, prefix, "codecs", TRUE, error);
  if (codec_list == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (codec_list); i++)
    {
      JsonNode *codec = json_array_get_element (codec_list, i);
      g_autofree char *path = g_strdup_printf ("%s.codecs[%u]", prefix, i);
      const char *name;

      if (!node_is_string (codec) ||
          !g_strv_contains (codecs, (name = json_node_get_string (codec))))
        return expect (p, error, path, _("“opus” or “vp8”"), codec);

      for (guint j = 0; j < i; j++)
        if (g_str_equal (name, json_array_get_string_element (codec_list, j)))
          return fail (p, error, path, _("“%s” is listed twice"), name);

      has_opus |= g_str_equal (name, "opus");
      g_strv_builder_add (builder, name);
    }

  if (!has_opus)
    {
      g_autofree char *path = join_path (prefix, "codecs");
      return fail (p, error, path, _("every call carries audio: the list needs “opus”"));
    }
  entry->codecs = g_strv_builder_end (builder);

  if (entry->via == LC_MEDIA_VIA_ECHO)
    {
      gboolean has_websocket = FALSE;
      g_autofree char *path = join_path (prefix, "service");

      if (entry->service == NULL)
        return fail (p, error, path, _("missing; an echo call names the gateway’s service"));

      if (lc_profile_lookup_service (p->profile, entry->service) == NULL)
        return fail (p, error, path, _("no service “%s” in “services”"), entry->service);

      for (guint i = 0; i < p->profile->rules->len; i++)
        {
          const LcRule *rule = g_ptr_array_index (p->profile->rules, i);
          has_websocket |= rule->check == LC_CHECK_KIND_WEBSOCKET &&
                           g_str_equal (rule->service, entry->service);
        }

      if (!has_websocket)
        return fail (p, error, path,
                     _("the echo call needs a “websocket” rule of service “%s”"),
                     entry->service);
    }

  if (entry->via == LC_MEDIA_VIA_TURN || entry->relay)
    {
      g_autofree char *path = join_path (prefix, "transport");

      if (transport < 0)
        return fail (p, error, path, _("missing; expected “udp”, “tcp” or “tls”"));

      entry->transport = transport;
      if (find_turn_rule (p->profile, entry->transport) == NULL)
        return fail (p, error, path, _("no “turn” rule of service “ice” carries %s"),
                     transports[transport]);
    }

  return TRUE;
}

static gboolean
parse_thresholds (Parse       *p,
                  JsonObject  *root,
                  GError     **error)
{
  JsonObject *object = get_object (p, root, NULL, "thresholds", TRUE, error);
  LcThresholds *t = &p->profile->thresholds;

  if (object == NULL)
    return FALSE;

  return get_number (p, object, "thresholds", "rtt_ms", 60000, &t->rtt_ms, error) &&
         get_number (p, object, "thresholds", "jitter_ms", 60000, &t->jitter_ms, error) &&
         get_number (p, object, "thresholds", "loss_percent", 100, &t->loss_percent, error) &&
         get_number (p, object, "thresholds", "audio_kbps", 100000, &t->audio_kbps, error) &&
         get_number (p, object, "thresholds", "video_kbps", 100000, &t->video_kbps, error);
}

static gboolean
parse_edge (Parse       *p,
            guint        index,
            JsonNode    *node,
            GError     **error)
{
  g_autofree char *prefix = g_strdup_printf ("edges[%u]", index);
  g_autofree char *hosts_prefix = join_path (prefix, "hosts");
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonObject *hosts;
  LcEdge *edge;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return expect (p, error, prefix, _("an object"), node);
  object = json_node_get_object (node);

  edge = g_new0 (LcEdge, 1);
  edge->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_ptr_array_add (p->profile->edges, edge);

  if (!get_string (p, object, prefix, "id", TRUE, &edge->id, error) ||
      !get_string (p, object, prefix, "name", FALSE, &edge->name, error))
    return FALSE;

  if (!id_is_valid (edge->id))
    {
      g_autofree char *path = join_path (prefix, "id");
      return expect (p, error, path, _("1–64 letters, digits, “-”, “_” or “.”"),
                     json_object_get_member (object, "id"));
    }

  for (guint i = 0; i + 1 < p->profile->edges->len; i++)
    {
      const LcEdge *other = g_ptr_array_index (p->profile->edges, i);

      if (g_str_equal (other->id, edge->id))
        {
          g_autofree char *path = join_path (prefix, "id");
          return fail (p, error, path, _("the id “%s” is also the id of edges[%u]"),
                       edge->id, i);
        }
    }

  if (edge->name == NULL)
    edge->name = g_strdup (edge->id);

  hosts = get_object (p, object, prefix, "hosts", TRUE, error);
  if (hosts == NULL)
    return FALSE;

  members = json_object_get_members (hosts);
  if (members == NULL)
    return fail (p, error, hosts_prefix, _("expected at least one service’s host"));

  for (const GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *host = NULL;

      if (lc_profile_lookup_service (p->profile, l->data) == NULL)
        {
          g_autofree char *path = join_path (hosts_prefix, l->data);
          return fail (p, error, path, _("no service “%s” in “services”"), (char *)l->data);
        }

      if (!parse_host (p, hosts, hosts_prefix, l->data, &host, error))
        return FALSE;

      g_hash_table_insert (edge->hosts, g_strdup (l->data), g_steal_pointer (&host));
    }

  return TRUE;
}

static gboolean
parse_list (Parse       *p,
            JsonObject  *root,
            const char  *member,
            gboolean   (*parse_one) (Parse *, guint, JsonNode *, GError **),
            GError     **error)
{
  JsonArray *array = get_array (p, root, NULL, member, FALSE, error);

  if (array == NULL)
    return error == NULL || *error == NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!parse_one (p, i, json_array_get_element (array, i), error))
      return FALSE;

  return TRUE;
}

/* Reports go only where TLS proves who receives them, and the address holds no secret. */
static gboolean
parse_report_url (Parse       *p,
                  JsonObject  *root,
                  GError     **error)
{
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;

  if (!get_string (p, root, NULL, "report_url", FALSE, &url, error))
    return FALSE;
  if (url == NULL)
    return TRUE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return expect (p, error, "report_url", _("an https:// address with a host name"),
                   json_object_get_member (root, "report_url"));
  if (g_uri_get_userinfo (uri) != NULL)
    return fail (p, error, "report_url",
                 _("expected an https:// address without a user name or password: a profile "
                   "holds no secret"));

  p->profile->report_url = g_steal_pointer (&url);
  return TRUE;
}

static gboolean
parse_root (Parse       *p,
            JsonNode    *root_node,
            GError     **error)
{
  JsonObject *root;
  JsonObject *tls;
  guint format = 0;
  JsonNode *format_node;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return expect (p, error, _("(top level)"), _("an object"), root_node);
  root = json_node_get_object (root_node);

  format_node = json_object_get_member (root, "format");
  if (format_node != NULL && JSON_NODE_HOLDS_VALUE (format_node) &&
      json_node_get_value_type (format_node) == G_TYPE_INT64 &&
      json_node_get_int (format_node) > 1)
    {
      g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_FORMAT,
                   _("%s: format: this profile is format %lld; this version of Linecheck reads "
                     "format 1 — update Linecheck"),
                   p->display_name, (long long)json_node_get_int (format_node));
      return FALSE;
    }

  if (!get_uint (p, root, NULL, "format", TRUE, 1, 1, &format, error) ||
      !get_string (p, root, NULL, "id", TRUE, &p->profile->id, error) ||
      !get_string (p, root, NULL, "name", TRUE, &p->profile->name, error) ||
      !get_string (p, root, NULL, "description", FALSE, &p->profile->description, error) ||
      !get_uint (p, root, NULL, "timeout_ms", FALSE, 100, 120000, &p->profile->timeout_ms, error))
    return FALSE;

  if (!id_is_valid (p->profile->id))
    return expect (p, error, "id", _("1–64 letters, digits, “-”, “_” or “.”"),
                   json_object_get_member (root, "id"));

  if (g_utf8_strlen (p->profile->name, -1) > MAX_NAME_CHARS)
    return fail (p, error, "name", _("expected at most %d characters"), MAX_NAME_CHARS);

  if (!parse_report_url (p, root, error))
    return FALSE;

  tls = get_object (p, root, NULL, "tls", FALSE, error);
  if (tls == NULL && error != NULL && *error != NULL)
    return FALSE;

  if (tls != NULL)
    {
      g_autofree char *ca_file = NULL;

      if (!get_string (p, tls, "tls", "ca_file", FALSE, &ca_file, error))
        return FALSE;

      if (ca_file != NULL)
        {
          g_autoptr(GFile) parent = p->profile->file ? g_file_get_parent (p->profile->file) : NULL;

          if (g_path_is_absolute (ca_file) || parent == NULL)
            p->profile->ca_file = g_file_new_for_path (ca_file);
          else
            p->profile->ca_file = g_file_resolve_relative_path (parent, ca_file);
        }
    }

  return parse_services (p, root, error) &&
         parse_rules (p, root, error) &&
         parse_list (p, root, "media", parse_media_entry, error) &&
         parse_thresholds (p, root, error) &&
         parse_list (p, root, "edges", parse_edge, error);
}

static LcProfile *
load (GBytes      *bytes,
      const char  *display_name,
      GFile       *file,
      GError     **error)
{
  g_autoptr(LcProfile) profile = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize len;
  Parse p;

  data = g_bytes_get_data (bytes, &len);

  if (len > LC_PROFILE_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (len);
      g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_TOO_LARGE,
                   _("%s: the file is %s; a profile is at most 1 MB"), display_name, size);
      return NULL;
    }

  if (len == 0 || data == NULL)
    {
      g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_SYNTAX,
                   _("%s: the file is empty; expected a JSON profile"), display_name);
      return NULL;
    }

  root = lc_json_parse (data, len, LC_PROFILE_MAX_BYTES, LC_PROFILE_MAX_DEPTH, &local_error);
  if (root == NULL)
    {
      if (g_error_matches (local_error, LC_JSON_ERROR, LC_JSON_ERROR_TOO_DEEP))
        g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_TOO_DEEP,
                     _("%s: %s; a profile is flatter"), display_name, local_error->message);
      else if (g_error_matches (local_error, LC_JSON_ERROR, LC_JSON_ERROR_NOT_TEXT))
        g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_NOT_TEXT,
                     _("%s: %s; expected a JSON profile"), display_name, local_error->message);
      else if (g_error_matches (local_error, LC_JSON_ERROR, LC_JSON_ERROR_EMPTY))
        g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_SYNTAX,
                     _("%s: the file is empty; expected a JSON profile"), display_name);
      else
        g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_SYNTAX,
                     "%s: %s", display_name, local_error->message);
      return NULL;
    }

  profile = g_object_new (LC_TYPE_PROFILE, NULL);
  profile->file = file != NULL ? g_object_ref (file) : NULL;
  profile->origin = g_strdup (display_name);

  p.display_name = display_name;
  p.profile = profile;

  if (!parse_root (&p, root, error))
    return NULL;

  return g_steal_pointer (&profile);
}

/**
 * lc_profile_new_from_bytes:
 * @bytes: the profile's JSON text
 * @display_name: how errors name the source, e.g. the file's base name
 *
 * Returns: (transfer full): the profile, or %NULL with @error saying where it is wrong
 */
LcProfile *
lc_profile_new_from_bytes (GBytes      *bytes,
                           const char  *display_name,
                           GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load (bytes, display_name, NULL, error);
}

/**
 * lc_profile_new_from_file:
 *
 * Reads at most %LC_PROFILE_MAX_BYTES (and one more, to tell a larger file), so a huge
 * file costs nothing.
 *
 * Returns: (transfer full): the profile, or %NULL with @error
 */
LcProfile *
lc_profile_new_from_file (GFile   *file,
                          GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_READ,
                   _("%s: cannot read the profile: it is not a local file"), display_name);
      return NULL;
    }

  bytes = lc_file_read_bounded (path, LC_PROFILE_MAX_BYTES, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, LC_FILE_ERROR, LC_FILE_ERROR_TOO_LARGE))
        g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_TOO_LARGE,
                     _("%s: %s; a profile is at most 1 MB"), display_name, local_error->message);
      else
        g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_READ,
                     _("%s: cannot read the profile: %s"), display_name, local_error->message);
      return NULL;
    }

  return load (bytes, display_name, file, error);
}

/**
 * lc_profile_new_from_resource:
 * @path: a GResource path, e.g. of a built-in profile
 *
 * Returns: (transfer full): the profile, or %NULL with @error
 */
LcProfile *
lc_profile_new_from_resource (const char  *path,
                              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  LcProfile *profile;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_NOT_FOUND,
                   "%s: %s", path, local_error->message);
      return NULL;
    }

  profile = load (bytes, path, NULL, error);
  if (profile != NULL)
    replace_string (&profile->origin, "built-in");
  return profile;
}

/* Accessors ---------------------------------------------------------------------------------- */

const char *
lc_profile_get_id (LcProfile *self)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);
  return self->id;
}

const char *
lc_profile_get_name (LcProfile *self)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);
  return self->name;
}

const char *
lc_profile_get_description (LcProfile *self)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);
  return self->description;
}

/**
 * lc_profile_get_file:
 *
 * Returns: (transfer none) (nullable): the file the profile was read from
 */
GFile *
lc_profile_get_file (LcProfile *self)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);
  return self->file;
}

/**
 * lc_profile_get_origin:
 *
 * Returns: where the profile came from: "built-in", or the file's name
 */
const char *
lc_profile_get_origin (LcProfile *self)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);
  return self->origin;
}

/**
 * lc_profile_get_ca_file:
 *
 * Returns: (transfer none) (nullable): the private CA to trust, %NULL for the system's
 */
GFile *
lc_profile_get_ca_file (LcProfile *self)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);
  return self->ca_file;
}

/**
 * lc_profile_get_report_url:
 *
 * Returns: (nullable): the HTTPS address where the platform collects reports, if it does
 */
const char *
lc_profile_get_report_url (LcProfile *self)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);
  return self->report_url;
}

guint
lc_profile_get_timeout_ms (LcProfile *self)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), 0);
  return self->timeout_ms;
}

guint
lc_profile_get_n_services (LcProfile *self)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), 0);
  return self->services->len;
}

const LcService *
lc_profile_get_service (LcProfile *self,
                        guint      index)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);
  g_return_val_if_fail (index < self->services->len, NULL);
  return g_ptr_array_index (self->services, index);
}

const LcService *
lc_profile_lookup_service (LcProfile  *self,
                           const char *id)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);

  for (guint i = 0; i < self->services->len; i++)
    {
      const LcService *service = g_ptr_array_index (self->services, i);
      if (g_strcmp0 (service->id, id) == 0)
        return service;
    }

  return NULL;
}

/**
 * lc_profile_set_host:
 * @host: a host name or IP address
 *
 * Fills in a host the profile leaves to the person.
 *
 * Returns: %FALSE with @error if there is no such service or @host is not a host
 */
gboolean
lc_profile_set_host (LcProfile   *self,
                     const char  *service_id,
                     const char  *host,
                     GError     **error)
{
  LcService *service;

  g_return_val_if_fail (LC_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (service_id != NULL, FALSE);

  service = (LcService *)lc_profile_lookup_service (self, service_id);
  if (service == NULL)
    {
      g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_INVALID,
                   _("The profile “%s” has no service “%s”"), self->id, service_id);
      return FALSE;
    }

  if (!lc_host_is_valid (host))
    {
      g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_INVALID,
                   _("“%s” is not a host name or IP address (like rtc.example.net)"),
                   host ? host : "");
      return FALSE;
    }

  replace_string (&service->host, host);
  return TRUE;
}

/**
 * lc_profile_set_ice_credentials:
 *
 * Sets the TURN long-term credentials of the "ice" service, if the profile has one.
 */
void
lc_profile_set_ice_credentials (LcProfile  *self,
                                const char *username,
                                const char *credential)
{
  LcService *service;

  g_return_if_fail (LC_IS_PROFILE (self));

  service = (LcService *)lc_profile_lookup_service (self, "ice");
  if (service == NULL)
    return;

  replace_string (&service->username, username);
  if (service->credential != NULL)
    memset (service->credential, 0, strlen (service->credential));
  replace_string (&service->credential, credential);
}

/**
 * lc_profile_dup_missing_hosts:
 *
 * Returns: (transfer full) (element-type utf8): ids of the services whose host is still open
 */
GPtrArray *
lc_profile_dup_missing_hosts (LcProfile *self)
{
  GPtrArray *missing;

  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);

  missing = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->services->len; i++)
    {
      const LcService *service = g_ptr_array_index (self->services, i);
      if (service->host == NULL)
        g_ptr_array_add (missing, g_strdup (service->id));
    }

  return missing;
}

/**
 * lc_service_get_local_port:
 *
 * Returns: the port that serves @rule_port here (the port map of test set-ups), else @rule_port
 */
guint16
lc_service_get_local_port (const LcService *service,
                           guint16          rule_port)
{
  gpointer local;

  g_return_val_if_fail (service != NULL, rule_port);

  if (service->ports != NULL &&
      g_hash_table_lookup_extended (service->ports, GUINT_TO_POINTER (rule_port), NULL, &local))
    return GPOINTER_TO_UINT (local);

  return rule_port;
}

guint
lc_profile_get_n_rules (LcProfile *self)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), 0);
  return self->rules->len;
}

const LcRule *
lc_profile_get_rule (LcProfile *self,
                     guint      index)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);
  g_return_val_if_fail (index < self->rules->len, NULL);
  return g_ptr_array_index (self->rules, index);
}

const LcRule *
lc_profile_lookup_rule (LcProfile  *self,
                        const char *id)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);

  for (guint i = 0; i < self->rules->len; i++)
    {
      const LcRule *rule = g_ptr_array_index (self->rules, i);
      if (g_strcmp0 (rule->id, id) == 0)
        return rule;
    }

  return NULL;
}

/**
 * lc_rule_format_ports:
 *
 * Returns: (transfer full): "8989" or "19099-20099", as reports write ports
 */
char *
lc_rule_format_ports (const LcRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);

  if (rule->is_range)
    return g_strdup_printf ("%u-%u", rule->port_min, rule->port_max);
  return g_strdup_printf ("%u", rule->port_min);
}

guint
lc_profile_get_n_media (LcProfile *self)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), 0);
  return self->media->len;
}

const LcMediaEntry *
lc_profile_get_media (LcProfile *self,
                      guint      index)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);
  g_return_val_if_fail (index < self->media->len, NULL);
  return g_ptr_array_index (self->media, index);
}

const LcThresholds *
lc_profile_get_thresholds (LcProfile *self)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);
  return &self->thresholds;
}

guint
lc_profile_get_n_edges (LcProfile *self)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), 0);
  return self->edges->len;
}

const LcEdge *
lc_profile_get_edge (LcProfile *self,
                     guint      index)
{
  g_return_val_if_fail (LC_IS_PROFILE (self), NULL);
  g_return_val_if_fail (index < self->edges->len, NULL);
  return g_ptr_array_index (self->edges, index);
}
