/* lc-tls.c — trust anchors from the profile; certificate problems and details in words
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-tls"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lc-file-reader.h"
#include "lc-safe-text.h"
#include "lc-tls.h"

/* A bundle of every public CA is about 200 kB. */
#define LC_TLS_MAX_CA_FILE_BYTES (4 * 1024 * 1024)

/**
 * lc_tls_database_new_for_profile:
 *
 * Returns: (transfer full) (nullable): the profile's private CA as a database, or %NULL (and
 *   no error) when the profile trusts the system's authorities
 */
GTlsDatabase *
lc_tls_database_new_for_profile (LcProfile  *profile,
                                 GError    **error)
{
  GFile *ca_file;
  g_autofree char *path = NULL;

  g_return_val_if_fail (LC_IS_PROFILE (profile), NULL);

  ca_file = lc_profile_get_ca_file (profile);
  if (ca_file == NULL)
    return NULL;

  path = g_file_get_path (ca_file);
  return lc_tls_database_new_for_file (path, error);
}

/**
 * lc_tls_database_new_for_file:
 * @path: a PEM file of trusted authorities, as a profile's `tls.ca_file` names it
 *
 * Blocks on file I/O (a few kB).
 *
 * Returns: (transfer full): the authorities in @path, or %NULL with @error
 */
GTlsDatabase *
lc_tls_database_new_for_file (const char  *path,
                              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GTlsDatabase *database;

  g_return_val_if_fail (path != NULL, NULL);

  /* A CA file is a few kB of PEM; GnuTLS would block on a FIFO and read a device forever. */
  if (!lc_file_check_regular (path, LC_TLS_MAX_CA_FILE_BYTES, &local_error))
    {
      g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_READ,
                   _("The profile’s CA file %s cannot be used: %s"), path, local_error->message);
      return NULL;
    }
  database = g_tls_file_database_new (path, &local_error);
  if (database == NULL)
    g_set_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_READ,
                 _("The profile’s CA file %s cannot be used: %s"), path, local_error->message);
  return database;
}

/**
 * lc_tls_describe_errors:
 *
 * Returns: (transfer full): what is wrong with a certificate, e.g. "it is signed by an
 *   authority this machine does not trust"
 */
char *
lc_tls_describe_errors (GTlsCertificateFlags errors)
{
  const struct { GTlsCertificateFlags flag; const char *words; } problems[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("it is signed by an authority this machine does not trust") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("it was issued for another name") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("it is not valid yet") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("it has expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("it was revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("it uses an insecure algorithm") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("it could not be checked") },
  };
  GString *text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (problems); i++)
    {
      if ((errors & problems[i].flag) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, _(", and "));
      g_string_append (text, _(problems[i].words));
    }

  if (text->len == 0)
    g_string_append (text, _("it was refused"));

  return g_string_free (text, FALSE);
}

/**
 * lc_tls_describe_remedy:
 *
 * Returns: (transfer full): what a person can do about @errors
 */
char *
lc_tls_describe_remedy (GTlsCertificateFlags errors)
{
  if (errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_strdup (_("if the platform uses its own authority, give the profile its CA file; "
                       "otherwise a proxy on this network may be intercepting TLS"));
  if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup (_("check the host name: the certificate is for another one"));
  if (errors & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    return g_strdup (_("check this computer’s clock; if it is right, the server’s certificate "
                       "must be renewed"));
  return g_strdup (_("the server’s certificate must be replaced"));
}

/* A certificate's names are the server's words: shown safely, bounded. */
static char *
dup_safe_name (char *name)
{
  g_autofree char *owned = name;

  return owned ? lc_safe_text_new (owned, -1, 200) : NULL;
}

static char *
format_time (GDateTime *time)
{
  return time ? g_date_time_format_iso8601 (time) : NULL;
}

/**
 * lc_tls_describe_certificate:
 *
 * Returns: (transfer full): subject, issuer and validity of @certificate, for a report
 */
JsonNode *
lc_tls_describe_certificate (GTlsCertificate *certificate)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GDateTime) not_before = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  subject = dup_safe_name (g_tls_certificate_get_subject_name (certificate));
  issuer = dup_safe_name (g_tls_certificate_get_issuer_name (certificate));
  not_before = g_tls_certificate_get_not_valid_before (certificate);
  not_after = g_tls_certificate_get_not_valid_after (certificate);
  from = format_time (not_before);
  until = format_time (not_after);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, subject);
  json_builder_set_member_name (builder, "issuer");
  json_builder_add_string_value (builder, issuer);
  json_builder_set_member_name (builder, "not_before");
  json_builder_add_string_value (builder, from);
  json_builder_set_member_name (builder, "not_after");
  json_builder_add_string_value (builder, until);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static const char *
describe_version (GTlsProtocolVersion version)
{
  switch (version)
    {
    case G_TLS_PROTOCOL_VERSION_SSL_3_0: return "SSL 3.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_0: return "TLS 1.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_1: return "TLS 1.1";
    case G_TLS_PROTOCOL_VERSION_TLS_1_2: return "TLS 1.2";
    case G_TLS_PROTOCOL_VERSION_TLS_1_3: return "TLS 1.3";
    case G_TLS_PROTOCOL_VERSION_DTLS_1_0: return "DTLS 1.0";
    case G_TLS_PROTOCOL_VERSION_DTLS_1_2: return "DTLS 1.2";
    default: return NULL;
    }
}

/**
 * lc_tls_describe_connection:
 *
 * Returns: (transfer full): version, cipher suite and the server's certificate
 */
JsonNode *
lc_tls_describe_connection (GTlsConnection *connection)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *cipher = NULL;
  GTlsCertificate *peer;

  g_return_val_if_fail (G_IS_TLS_CONNECTION (connection), NULL);

  cipher = g_tls_connection_get_ciphersuite_name (connection);
  peer = g_tls_connection_get_peer_certificate (connection);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder,
                                 describe_version (g_tls_connection_get_protocol_version (connection)));
  json_builder_set_member_name (builder, "cipher");
  json_builder_add_string_value (builder, cipher);
  json_builder_set_member_name (builder, "certificate");
  if (peer != NULL)
    json_builder_add_value (builder, lc_tls_describe_certificate (peer));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * lc_tls_summarize_connection:
 *
 * Returns: (transfer full): "TLS 1.3, certificate for CN=…, valid until 2027-…"
 */
char *
lc_tls_summarize_connection (GTlsConnection *connection)
{
  const char *version = describe_version (g_tls_connection_get_protocol_version (connection));
  GTlsCertificate *peer = g_tls_connection_get_peer_certificate (connection);
  g_autofree char *subject = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *date = NULL;

  if (peer == NULL)
    return g_strdup (version ? version : "TLS");

  subject = dup_safe_name (g_tls_certificate_get_subject_name (peer));
  until = g_tls_certificate_get_not_valid_after (peer);
  date = until ? g_date_time_format (until, "%Y-%m-%d") : g_strdup ("?");

  /* Translators: e.g. "TLS 1.3, certificate CN=rtc.example.net valid until 2027-03-01" */
  return g_strdup_printf (_("%s, certificate %s valid until %s"), version ? version : "TLS",
                          subject ? subject : "?", date);
}

/**
 * lc_tls_classify_handshake_error:
 * @error: a failed handshake's error, not a certificate problem
 *
 * GIO says %G_TLS_ERROR_NOT_TLS both for a peer that answered something else and for one
 * that closed during the handshake, and %G_TLS_ERROR_MISC for a record that is no TLS at all
 * (an SSH banner, an HTTP answer). Only GnuTLS's words tell them apart; in a language other
 * than English they are not recognised, and the failure stays a plain TLS failure — never a
 * blocked port either way.
 *
 * Returns: what the failed handshake shows about the other side
 */
LcTlsHandshakeFailure
lc_tls_classify_handshake_error (const GError *error)
{
  const char *message = error ? error->message : "";

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_EOF) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
      strstr (message, "non-properly terminated") != NULL)
    return LC_TLS_HANDSHAKE_CLOSED;

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS) ||
      strstr (message, "unexpected TLS packet") != NULL ||
      strstr (message, "unexpected length") != NULL ||
      strstr (message, "unsupported version") != NULL ||
      strstr (message, "unknown protocol") != NULL)
    return LC_TLS_HANDSHAKE_NOT_TLS;

  return LC_TLS_HANDSHAKE_REFUSED;
}

static gpointer
load_default_database (gpointer data)
{
  g_autoptr(GTlsDatabase) database =
    g_tls_backend_get_default_database (g_tls_backend_get_default ());
  g_autoptr(GInputStream) in = g_memory_input_stream_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GIOStream) base = g_simple_io_stream_new (in, out);
  g_autoptr(GIOStream) client = NULL;

  /* The first client connection of the process loads the system's trust into its
   * credentials, apart from the database: one made here, never used, takes that cost. */
  client = g_tls_client_connection_new (base, NULL, NULL);
  return NULL;
}

/**
 * lc_tls_load_default_database_in_background:
 *
 * The system's trusted certificates take 50–300 ms to load, on the first TLS connection that
 * needs them; a window calls this at start so that this happens on a worker thread, not in
 * the middle of its main loop. Once per process.
 */
void
lc_tls_load_default_database_in_background (void)
{
  static gsize started = 0;

  if (g_once_init_enter (&started))
    {
      g_thread_unref (g_thread_new ("lc-tls-database", load_default_database, NULL));
      g_once_init_leave (&started, 1);
    }
}
