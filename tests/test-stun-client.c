// test-stun-client.c — STUN/TURN probes against a real coturn started by the test
// SPDX-License-Identifier: GPL-3.0-or-later

#define G_LOG_DOMAIN "linecheck-test"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>

#include "lc-stun-client.h"
#include "lc-stun-message.h"

#define LAB_USER     "u"
#define LAB_PASSWORD "p4ss-w0rd-lab"
#define LAB_REALM    "lab"
#define WRONG_PASSWORD "not-the-Password-42"

typedef struct
{
  char         *dir;
  GSubprocess  *turnserver;
  guint16       port;      /* UDP and TCP */
  guint16       tls_port;
  GTlsDatabase *ca;
} Lab;

static Lab lab;
static GString *stun_log;

/* Helpers. */

static void
run_command (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int status = 0;

  if (!g_spawn_sync (lab.dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                     &output, &status, &error))
    g_error ("Could not run %s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, output);
}

static guint16
find_free_port (void)
{
  for (guint attempt = 0; attempt < 50; attempt++)
    {
      g_autoptr(GSocket) tcp = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                             G_SOCKET_PROTOCOL_TCP, NULL);
      g_autoptr(GSocket) udp = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                             G_SOCKET_PROTOCOL_UDP, NULL);
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
      g_autoptr(GSocketAddress) bound = NULL;
      g_autoptr(GSocketAddress) same_port = NULL;
      guint16 port;

      g_assert_true (g_socket_bind (tcp, any_port, FALSE, NULL));
      bound = g_socket_get_local_address (tcp, NULL);
      port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      same_port = g_inet_socket_address_new (loopback, port);
      if (g_socket_bind (udp, same_port, FALSE, NULL))
        return port;
    }

  g_error ("No free port on 127.0.0.1");
}

static void
die_with_test (gpointer data)
{
  /* If the test crashes, coturn goes with it rather than lingering on the machine. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
coturn_answers (void)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) tcp = NULL;
  g_autoptr(GSocketConnection) tls = NULL;
  g_autoptr(GSocket) udp = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) udp_address = g_inet_socket_address_new (loopback, lab.port);
  g_autoptr(LcStunMessage) request = lc_stun_message_new (LC_STUN_METHOD_BINDING,
                                                          LC_STUN_CLASS_REQUEST, NULL);
  g_autoptr(GBytes) bytes = lc_stun_message_encode (request, NULL, TRUE);
  char answer[512];

  tcp = g_socket_client_connect_to_host (client, "127.0.0.1", lab.port, NULL, NULL);
  tls = g_socket_client_connect_to_host (client, "127.0.0.1", lab.tls_port, NULL, NULL);
  if (tcp == NULL || tls == NULL)
    return FALSE;

  udp = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_socket_set_timeout (udp, 1);
  if (g_socket_send_to (udp, udp_address, g_bytes_get_data (bytes, NULL),
                        g_bytes_get_size (bytes), NULL, NULL) < 0)
    return FALSE;

  return g_socket_receive (udp, answer, sizeof answer, NULL, NULL) > 0;
}

/* The one place that knows how to start the ad-hoc lab: a CA and a server certificate for
 * 127.0.0.1 made with openssl, and coturn with long-term credentials on two free ports.
 * The project's lab script will take this over. */
static void
lab_start (void)
{
  static const char ext[] =
    "basicConstraints=CA:FALSE\n"
    "keyUsage=digitalSignature,keyEncipherment\n"
    "extendedKeyUsage=serverAuth\n"
    "subjectAltName=IP:127.0.0.1\n";
  const char *ca_argv[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
    "-subj", "/CN=Linecheck test CA", NULL,
  };
  const char *csr_argv[] = {
    "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1", NULL,
  };
  const char *sign_argv[] = {
    "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
    "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf", NULL,
  };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ext_path = NULL;
  g_autofree char *ca_path = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *log_file = NULL;
  g_autofree char *pid_file = NULL;
  g_autofree char *db_file = NULL;
  g_autofree char *port = NULL;
  g_autofree char *tls_port = NULL;
  gint64 give_up;

  lab.dir = g_dir_make_tmp ("linecheck-stun-XXXXXX", &error);
  g_assert_no_error (error);

  ext_path = g_build_filename (lab.dir, "ext.cnf", NULL);
  g_file_set_contents (ext_path, ext, -1, &error);
  g_assert_no_error (error);
  run_command (ca_argv);
  run_command (csr_argv);
  run_command (sign_argv);

  ca_path = g_build_filename (lab.dir, "ca.pem", NULL);
  lab.ca = g_tls_file_database_new (ca_path, &error);
  g_assert_no_error (error);

  lab.port = find_free_port ();
  do
    lab.tls_port = find_free_port ();
  while (lab.tls_port == lab.port);

  cert = g_build_filename (lab.dir, "server.pem", NULL);
  key = g_build_filename (lab.dir, "server.key", NULL);
  log_file = g_build_filename (lab.dir, "turn.log", NULL);
  pid_file = g_build_filename (lab.dir, "turn.pid", NULL);
  db_file = g_build_filename (lab.dir, "turndb", NULL);
  port = g_strdup_printf ("%u", lab.port);
  tls_port = g_strdup_printf ("%u", lab.tls_port);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  lab.turnserver = g_subprocess_launcher_spawn (
    launcher, &error, "turnserver", "-n", "--no-cli", "--listening-ip", "127.0.0.1",
    "--relay-ip", "127.0.0.1", "--listening-port", port, "--tls-listening-port", tls_port,
    "--cert", cert, "--pkey", key, "--lt-cred-mech", "--user", LAB_USER ":" LAB_PASSWORD,
    "--realm", LAB_REALM, "--allow-loopback-peers", "--no-dtls", "--no-rfc5780",
    "--log-file", log_file, "--simple-log", "--pidfile", pid_file, "--db", db_file, NULL);
  g_assert_no_error (error);

  give_up = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (!coturn_answers ())
    {
      if (g_get_monotonic_time () > give_up)
        g_error ("coturn did not answer on 127.0.0.1:%u/%u within 15 s (log: %s)", lab.port,
                 lab.tls_port, log_file);
      g_usleep (100 * 1000);
    }
}

static void
lab_stop (void)
{
  const char *files[] = {
    "ca.key", "ca.pem", "ca.srl", "ext.cnf", "server.csr", "server.key", "server.pem",
    "turn.log", "turn.pid", "turndb",
  };

  if (lab.turnserver != NULL)
    {
      g_subprocess_send_signal (lab.turnserver, SIGTERM);
      g_subprocess_wait (lab.turnserver, NULL, NULL);
      g_clear_object (&lab.turnserver);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (lab.dir, files[i], NULL);

      g_remove (path);
    }
  g_rmdir (lab.dir);
  g_clear_pointer (&lab.dir, g_free);
  g_clear_object (&lab.ca);
}

typedef struct
{
  LcStunResult *result;
  GError       *error;
  gboolean      done;
} Outcome;

static void
on_probe_done (GObject      *source,
               GAsyncResult *res,
               gpointer      data)
{
  Outcome *outcome = data;

  outcome->result = lc_stun_client_probe_finish (res, &outcome->error);
  outcome->done = TRUE;
}

/* Runs one probe to its end and says how long it took, in ms. */
static double
run_probe (GSocketConnectable *server,
           LcStunTransport     transport,
           LcStunProbeKind     kind,
           const char         *username,
           const char         *credential,
           GTlsDatabase       *ca,
           guint               timeout_ms,
           GCancellable       *cancellable,
           LcStunResult      **result,
           GError            **error)
{
  Outcome outcome = { NULL, NULL, FALSE };
  gint64 start = g_get_monotonic_time ();

  lc_stun_client_probe_async (server, 0, transport, kind, username, credential, ca, timeout_ms,
                              cancellable, on_probe_done, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);

  *result = outcome.result;
  if (outcome.error != NULL)
    g_propagate_error (error, outcome.error);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static LcStunResult *
probe_lab (LcStunTransport  transport,
           LcStunProbeKind  kind,
           const char      *password,
           GTlsDatabase    *ca)
{
  g_autoptr(GSocketConnectable) server = NULL;
  g_autoptr(GError) error = NULL;
  LcStunResult *result = NULL;

  server = g_network_address_new ("127.0.0.1", transport == LC_STUN_TRANSPORT_TLS
                                               ? lab.tls_port : lab.port);
  run_probe (server, transport, kind, password != NULL ? LAB_USER : NULL, password, ca, 5000,
             NULL, &result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_test_message ("%s", result->detail);

  return result;
}

static void
assert_contains (const char *text,
                 const char *words)
{
  if (text == NULL || strstr (text, words) == NULL)
    g_error ("Expected “%s” in “%s”", words, text ? text : "(null)");
}

static void
assert_no_secret (const LcStunResult *result)
{
  g_assert_null (strstr (result->detail, LAB_PASSWORD));
  g_assert_null (strstr (result->detail, WRONG_PASSWORD));
  g_assert_null (strstr (stun_log->str, LAB_PASSWORD));
  g_assert_null (strstr (stun_log->str, WRONG_PASSWORD));
}

/* The tests. */

static void
check_binding (LcStunTransport transport,
               const char     *words)
{
  g_autoptr(LcStunResult) result = probe_lab (transport, LC_STUN_PROBE_BIND, NULL,
                                              transport == LC_STUN_TRANSPORT_TLS ? lab.ca : NULL);

  g_assert_true (result->success);
  g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_NONE);
  g_assert_null (lc_stun_cause_to_string (result->cause));
  g_assert_true (g_str_has_prefix (result->mapped_address, "127.0.0.1:"));
  g_assert_cmpstr (result->mapped_address, !=, "127.0.0.1:0");
  g_assert_cmpfloat (result->rtt_ms, >, 0.0);
  g_assert_cmpfloat (result->rtt_ms, <, 1000.0);
  g_assert_null (result->relayed_address);
  g_assert_cmpuint (result->error_code, ==, 0);
  assert_contains (result->detail, words);
  assert_contains (result->detail, "this machine is seen as 127.0.0.1:");
}

static void
test_udp_binding (void)
{
  check_binding (LC_STUN_TRANSPORT_UDP, "STUN over UDP");
}

static void
test_tcp_binding (void)
{
  check_binding (LC_STUN_TRANSPORT_TCP, "STUN over TCP");
}

static void
test_tls_binding (void)
{
  check_binding (LC_STUN_TRANSPORT_TLS, "STUN over TLS");
}

static void
check_allocation (LcStunTransport transport)
{
  g_autoptr(LcStunResult) result = probe_lab (transport, LC_STUN_PROBE_ALLOCATE, LAB_PASSWORD,
                                              transport == LC_STUN_TRANSPORT_TLS ? lab.ca : NULL);
  g_autofree char *port = g_strdup_printf (" %u ", transport == LC_STUN_TRANSPORT_TLS
                                                   ? lab.tls_port : lab.port);

  g_assert_true (result->success);
  g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_NONE);
  g_assert_true (g_str_has_prefix (result->relayed_address, "127.0.0.1:"));
  g_assert_true (g_str_has_prefix (result->mapped_address, "127.0.0.1:"));
  g_assert_cmpuint (result->lifetime_s, >, 0);
  g_assert_cmpfloat (result->rtt_ms, >, 0.0);
  g_assert_cmpuint (result->error_code, ==, 0);
  assert_contains (result->detail, "TURN over");
  assert_contains (result->detail, port);
  assert_contains (result->detail, result->relayed_address);
  assert_no_secret (result);
}

static void
test_udp_allocation (void)
{
  check_allocation (LC_STUN_TRANSPORT_UDP);
}

static void
test_tcp_allocation (void)
{
  check_allocation (LC_STUN_TRANSPORT_TCP);
}

static void
test_tls_allocation (void)
{
  check_allocation (LC_STUN_TRANSPORT_TLS);
}

static void
test_wrong_password (void)
{
  LcStunTransport transports[] = {
    LC_STUN_TRANSPORT_UDP, LC_STUN_TRANSPORT_TCP, LC_STUN_TRANSPORT_TLS,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (transports); i++)
    {
      g_autoptr(LcStunResult) result = probe_lab (transports[i], LC_STUN_PROBE_ALLOCATE,
                                                  WRONG_PASSWORD, lab.ca);

      g_assert_false (result->success);
      g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_AUTH);
      g_assert_cmpstr (lc_stun_cause_to_string (result->cause), ==, "auth");
      g_assert_cmpuint (result->error_code, ==, 401);
      g_assert_null (result->relayed_address);
      assert_contains (result->detail, "401 Unauthorized twice");
      assert_contains (result->detail, "the username or password is wrong");
      assert_no_secret (result);
    }
}

static void
test_allocation_without_credentials (void)
{
  g_autoptr(LcStunResult) result = probe_lab (LC_STUN_TRANSPORT_UDP, LC_STUN_PROBE_ALLOCATE,
                                              NULL, NULL);

  g_assert_false (result->success);
  g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_AUTH);
  g_assert_cmpuint (result->error_code, ==, 401);
  assert_contains (result->detail, "asks for a username and password");
}

static void
test_closed_tcp_port (void)
{
  g_autoptr(GSocketConnectable) server = g_network_address_new ("127.0.0.1", find_free_port ());
  g_autoptr(LcStunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double elapsed;

  elapsed = run_probe (server, LC_STUN_TRANSPORT_TCP, LC_STUN_PROBE_ALLOCATE, LAB_USER,
                       LAB_PASSWORD, NULL, 5000, NULL, &result, &error);
  g_assert_no_error (error);
  g_test_message ("%s (%.0f ms)", result->detail, elapsed);

  g_assert_false (result->success);
  g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_REFUSED);
  g_assert_cmpstr (lc_stun_cause_to_string (result->cause), ==, "refused");
  g_assert_cmpfloat (elapsed, <, 1000.0);
  g_assert_cmpfloat (result->rtt_ms, <, 0.0);
  assert_contains (result->detail, "TURN over TCP");
  assert_contains (result->detail, "connection refused");
}

static GSocket *
bind_silent_udp_socket (GSocketConnectable **server)
{
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                  G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  /* Bound but never read: datagrams vanish as a dropping firewall would make them. */
  g_assert_true (g_socket_bind (socket, any_port, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  *server = G_SOCKET_CONNECTABLE (g_object_ref (bound));

  return socket;
}

static void
test_silent_udp_port (void)
{
  g_autoptr(GSocketConnectable) server = NULL;
  g_autoptr(GSocket) silent = bind_silent_udp_socket (&server);
  g_autoptr(LcStunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double elapsed;

  elapsed = run_probe (server, LC_STUN_TRANSPORT_UDP, LC_STUN_PROBE_BIND, NULL, NULL, NULL, 1500,
                       NULL, &result, &error);
  g_assert_no_error (error);
  g_test_message ("%s (%.0f ms)", result->detail, elapsed);

  g_assert_false (result->success);
  g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_TIMEOUT);
  g_assert_cmpstr (lc_stun_cause_to_string (result->cause), ==, "timeout");
  g_assert_cmpfloat (elapsed, >=, 1450.0);
  g_assert_cmpfloat (elapsed, <, 1500.0 + 300.0);
  g_assert_cmpfloat (result->rtt_ms, <, 0.0);
  g_assert_null (result->mapped_address);
  assert_contains (result->detail, "STUN over UDP");
  assert_contains (result->detail, "no answer in 1.5 s");
  assert_contains (result->detail, "firewall");
}

static void
test_udp_retransmissions (void)
{
  g_autoptr(GSocketConnectable) server = NULL;
  g_autoptr(GSocket) silent = bind_silent_udp_socket (&server);
  g_autoptr(LcStunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (
    (GDestroyNotify) lc_stun_message_unref);
  guint8 buffer[2048];
  gssize received;

  /* RFC 8489: sends at 0, 0.5 and 1.5 s fit in a 1.7 s deadline; the next would be at 3.5 s. */
  run_probe (server, LC_STUN_TRANSPORT_UDP, LC_STUN_PROBE_BIND, NULL, NULL, NULL, 1700, NULL,
             &result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_TIMEOUT);

  g_socket_set_blocking (silent, FALSE);
  while ((received = g_socket_receive (silent, (char *) buffer, sizeof buffer, NULL, NULL)) > 0)
    {
      LcStunMessage *request = lc_stun_message_decode (buffer, received, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (lc_stun_message_get_method (request), ==, LC_STUN_METHOD_BINDING);
      g_assert_true (lc_stun_message_has_fingerprint (request));
      g_ptr_array_add (requests, request);
    }

  g_assert_cmpuint (requests->len, ==, 3);
  for (guint i = 1; i < requests->len; i++)
    g_assert_true (lc_stun_message_has_transaction_id (
      requests->pdata[i], lc_stun_message_get_transaction_id (requests->pdata[0])));
}

static void
test_closed_udp_port (void)
{
  /* Nothing is bound there, so the kernel answers with ICMP port unreachable, as a host
   * without the service (or a rejecting firewall) would. */
  g_autoptr(GSocketConnectable) server = g_network_address_new ("127.0.0.1", find_free_port ());
  g_autoptr(LcStunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double elapsed;

  elapsed = run_probe (server, LC_STUN_TRANSPORT_UDP, LC_STUN_PROBE_BIND, NULL, NULL, NULL, 3000,
                       NULL, &result, &error);
  g_assert_no_error (error);
  g_test_message ("%s (%.0f ms)", result->detail, elapsed);

  g_assert_false (result->success);
  g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_REFUSED);
  g_assert_cmpfloat (elapsed, <, 1000.0);
  assert_contains (result->detail, "port is closed");
}

static void
test_tls_without_the_ca (void)
{
  g_autoptr(LcStunResult) result = probe_lab (LC_STUN_TRANSPORT_TLS, LC_STUN_PROBE_ALLOCATE,
                                              LAB_PASSWORD, NULL);

  g_assert_false (result->success);
  g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_TLS);
  g_assert_cmpstr (lc_stun_cause_to_string (result->cause), ==, "tls");
  g_assert_true (result->tls_errors & G_TLS_CERTIFICATE_UNKNOWN_CA);
  assert_contains (result->detail, "TURN over TLS");
  assert_contains (result->detail, "certificate is not trusted");
  assert_contains (result->detail, "signed by an authority this machine does not trust");
  assert_no_secret (result);
}

static void
test_tls_to_a_name_not_in_the_certificate (void)
{
  /* The certificate names 127.0.0.1 only; "localhost" reaches the same server. */
  g_autoptr(GSocketConnectable) server = g_network_address_new ("localhost", lab.tls_port);
  g_autoptr(LcStunResult) result = NULL;
  g_autoptr(GError) error = NULL;

  run_probe (server, LC_STUN_TRANSPORT_TLS, LC_STUN_PROBE_BIND, NULL, NULL, lab.ca, 5000, NULL,
             &result, &error);
  g_assert_no_error (error);
  g_test_message ("%s", result->detail);

  g_assert_false (result->success);
  g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_TLS);
  g_assert_true (result->tls_errors & G_TLS_CERTIFICATE_BAD_IDENTITY);
  g_assert_false (result->tls_errors & G_TLS_CERTIFICATE_UNKNOWN_CA);
  assert_contains (result->detail, "to localhost");
  assert_contains (result->detail, "issued for another name");
}

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));

  return G_SOURCE_REMOVE;
}

static void
test_cancel_mid_probe (void)
{
  g_autoptr(GSocketConnectable) server = NULL;
  g_autoptr(GSocket) silent = bind_silent_udp_socket (&server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LcStunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double elapsed;

  g_timeout_add_full (G_PRIORITY_DEFAULT, 300, cancel_later, g_object_ref (cancellable),
                      g_object_unref);
  elapsed = run_probe (server, LC_STUN_TRANSPORT_UDP, LC_STUN_PROBE_ALLOCATE, LAB_USER,
                       LAB_PASSWORD, NULL, 10000, cancellable, &result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpfloat (elapsed, >=, 290.0);
  g_assert_cmpfloat (elapsed, <, 300.0 + 200.0);
}

static void
test_cancel_mid_tls_probe (void)
{
  g_autoptr(GSocketConnectable) server = g_network_address_new ("127.0.0.1", lab.tls_port);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LcStunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double elapsed;

  /* Cancelled as soon as the main loop turns: during the connection or the handshake. */
  g_idle_add_full (G_PRIORITY_DEFAULT, cancel_later, g_object_ref (cancellable),
                   g_object_unref);
  elapsed = run_probe (server, LC_STUN_TRANSPORT_TLS, LC_STUN_PROBE_ALLOCATE, LAB_USER,
                       LAB_PASSWORD, lab.ca, 10000, cancellable, &result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpfloat (elapsed, <, 500.0);
}

static void
test_already_cancelled (void)
{
  g_autoptr(GSocketConnectable) server = g_network_address_new ("127.0.0.1", lab.port);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LcStunResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  run_probe (server, LC_STUN_TRANSPORT_UDP, LC_STUN_PROBE_BIND, NULL, NULL, NULL, 5000,
             cancellable, &result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
}

static void
on_http_connection (GSocketService     *service,
                    GSocketConnection  *connection,
                    GObject            *source,
                    gpointer            data)
{
  static const char reply[] =
    "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
}

static void
test_tcp_to_a_web_server (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GSocketConnectable) server = NULL;
  g_autoptr(LcStunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_http_connection), NULL);
  g_socket_service_start (service);

  server = g_network_address_new ("127.0.0.1", port);
  run_probe (server, LC_STUN_TRANSPORT_TCP, LC_STUN_PROBE_BIND, NULL, NULL, NULL, 5000, NULL,
             &result, &error);
  g_assert_no_error (error);
  g_test_message ("%s", result->detail);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));

  g_assert_false (result->success);
  g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_PROTOCOL);
  assert_contains (result->detail, "not STUN");
}

static void
test_unresolvable_name (void)
{
  g_autoptr(GSocketConnectable) server = g_network_address_new ("no-such-host.invalid", 3478);
  g_autoptr(LcStunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LcStunTransport transports[] = { LC_STUN_TRANSPORT_UDP, LC_STUN_TRANSPORT_TCP };

  for (gsize i = 0; i < G_N_ELEMENTS (transports); i++)
    {
      g_clear_pointer (&result, lc_stun_result_free);
      run_probe (server, transports[i], LC_STUN_PROBE_BIND, NULL, NULL, NULL, 3000, NULL,
                 &result, &error);
      g_assert_no_error (error);
      g_test_message ("%s", result->detail);

      g_assert_false (result->success);
      g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_DNS);
      assert_contains (result->detail, "no-such-host.invalid");
      assert_contains (result->detail, "DNS");
    }
}

static void
test_result_copies (void)
{
  g_autoptr(LcStunResult) result = probe_lab (LC_STUN_TRANSPORT_UDP, LC_STUN_PROBE_BIND, NULL,
                                              NULL);
  g_autoptr(LcStunResult) copy = lc_stun_result_copy (result);
  GValue value = G_VALUE_INIT;

  g_assert_cmpstr (copy->mapped_address, ==, result->mapped_address);
  g_assert_cmpstr (copy->detail, ==, result->detail);
  g_assert_true (copy->mapped_address != result->mapped_address);

  g_value_init (&value, LC_TYPE_STUN_RESULT);
  g_value_set_boxed (&value, result);
  g_assert_cmpstr (((LcStunResult *) g_value_get_boxed (&value))->detail, ==, result->detail);
  g_value_unset (&value);
}

/* A scripted TURN server for what coturn cannot be made to do on demand: answer 438 Stale
 * Nonce, or sign an answer with the wrong key. It speaks real STUN on a real UDP socket. */

typedef enum
{
  SCRIPT_STALE_ONCE,
  SCRIPT_ALWAYS_STALE,
  SCRIPT_FORGED_ANSWER,
} Script;

typedef struct
{
  Script              script;
  GSocket            *socket;
  GSource            *source;
  GSocketConnectable *address;
  guint               n_nonces;
  gboolean            freed;
  gboolean            bad_integrity;
} ScriptedServer;

static void
scripted_reply (ScriptedServer *server,
                LcStunMessage  *request,
                GSocketAddress *from)
{
  guint method = lc_stun_message_get_method (request);
  const char *nonce = lc_stun_message_get_string (request, LC_STUN_ATTR_NONCE);
  g_autofree char *expected_nonce = g_strdup_printf ("nonce-%u", server->n_nonces);
  g_autofree char *next_nonce = NULL;
  g_autoptr(GBytes) key = lc_stun_key_new_long_term (LAB_USER, LAB_REALM, LAB_PASSWORD);
  g_autoptr(GBytes) wrong_key = lc_stun_key_new_long_term (LAB_USER, LAB_REALM, "guess");
  g_autoptr(LcStunMessage) reply = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) relay = g_inet_socket_address_new (loopback, 49999);
  GBytes *signing_key = NULL;
  guint32 lifetime = 1;

  if (lc_stun_message_has_attribute (request, LC_STUN_ATTR_USERNAME)
      && !lc_stun_message_verify_integrity (request, key, NULL))
    server->bad_integrity = TRUE;

  if (method == LC_STUN_METHOD_REFRESH)
    {
      lc_stun_message_get_uint32 (request, LC_STUN_ATTR_LIFETIME, &lifetime);
      server->freed = lifetime == 0 && !server->bad_integrity;
      reply = lc_stun_message_new (method, LC_STUN_CLASS_SUCCESS,
                                   lc_stun_message_get_transaction_id (request));
      lc_stun_message_add_uint32 (reply, LC_STUN_ATTR_LIFETIME, 0);
      signing_key = key;
    }
  else if (nonce == NULL || server->bad_integrity || g_strcmp0 (nonce, expected_nonce) != 0)
    {
      next_nonce = g_strdup_printf ("nonce-%u", ++server->n_nonces);
      reply = lc_stun_message_new (method, LC_STUN_CLASS_ERROR,
                                   lc_stun_message_get_transaction_id (request));
      lc_stun_message_add_error_code (reply, 401, "Unauthorized");
      lc_stun_message_add_string (reply, LC_STUN_ATTR_REALM, LAB_REALM);
      lc_stun_message_add_string (reply, LC_STUN_ATTR_NONCE, next_nonce);
    }
  else if (server->script == SCRIPT_ALWAYS_STALE
           || (server->script == SCRIPT_STALE_ONCE && server->n_nonces == 1))
    {
      next_nonce = g_strdup_printf ("nonce-%u", ++server->n_nonces);
      reply = lc_stun_message_new (method, LC_STUN_CLASS_ERROR,
                                   lc_stun_message_get_transaction_id (request));
      lc_stun_message_add_error_code (reply, 438, "Stale Nonce");
      lc_stun_message_add_string (reply, LC_STUN_ATTR_REALM, LAB_REALM);
      lc_stun_message_add_string (reply, LC_STUN_ATTR_NONCE, next_nonce);
    }
  else
    {
      reply = lc_stun_message_new (method, LC_STUN_CLASS_SUCCESS,
                                   lc_stun_message_get_transaction_id (request));
      lc_stun_message_add_address (reply, LC_STUN_ATTR_XOR_RELAYED_ADDRESS,
                                   G_INET_SOCKET_ADDRESS (relay));
      lc_stun_message_add_address (reply, LC_STUN_ATTR_XOR_MAPPED_ADDRESS,
                                   G_INET_SOCKET_ADDRESS (from));
      lc_stun_message_add_uint32 (reply, LC_STUN_ATTR_LIFETIME, 600);
      signing_key = server->script == SCRIPT_FORGED_ANSWER ? wrong_key : key;
    }

  bytes = lc_stun_message_encode (reply, signing_key, TRUE);
  g_socket_send_to (server->socket, from, g_bytes_get_data (bytes, NULL),
                    g_bytes_get_size (bytes), NULL, NULL);
}

static gboolean
on_scripted_readable (GSocket      *socket,
                      GIOCondition  condition,
                      gpointer      data)
{
  ScriptedServer *server = data;
  g_autoptr(GSocketAddress) from = NULL;
  g_autoptr(LcStunMessage) request = NULL;
  guint8 buffer[2048];
  gssize received;

  received = g_socket_receive_from (socket, &from, (char *) buffer, sizeof buffer, NULL, NULL);
  if (received <= 0)
    return G_SOURCE_CONTINUE;

  request = lc_stun_message_decode (buffer, received, NULL);
  if (request != NULL && lc_stun_message_get_class (request) == LC_STUN_CLASS_REQUEST)
    scripted_reply (server, request, from);

  return G_SOURCE_CONTINUE;
}

static void
scripted_server_start (ScriptedServer *server,
                       Script          script)
{
  g_autoptr(GSocketConnectable) address = NULL;

  memset (server, 0, sizeof *server);
  server->script = script;
  server->n_nonces = 0;
  server->socket = bind_silent_udp_socket (&address);
  server->address = g_steal_pointer (&address);
  g_socket_set_blocking (server->socket, FALSE);
  server->source = g_socket_create_source (server->socket, G_IO_IN, NULL);
  g_source_set_callback (server->source, G_SOURCE_FUNC (on_scripted_readable), server, NULL);
  g_source_attach (server->source, NULL);
}

static void
scripted_server_stop (ScriptedServer *server)
{
  g_source_destroy (server->source);
  g_clear_pointer (&server->source, g_source_unref);
  g_clear_object (&server->socket);
  g_clear_object (&server->address);
}

static LcStunResult *
probe_scripted (ScriptedServer *server)
{
  g_autoptr(GError) error = NULL;
  LcStunResult *result = NULL;

  run_probe (server->address, LC_STUN_TRANSPORT_UDP, LC_STUN_PROBE_ALLOCATE, LAB_USER,
             LAB_PASSWORD, NULL, 3000, NULL, &result, &error);
  g_assert_no_error (error);
  g_test_message ("%s", result->detail);

  return result;
}

static void
test_stale_nonce_is_retried (void)
{
  ScriptedServer server;
  g_autoptr(LcStunResult) result = NULL;

  scripted_server_start (&server, SCRIPT_STALE_ONCE);
  result = probe_scripted (&server);

  g_assert_true (result->success);
  g_assert_cmpstr (result->relayed_address, ==, "127.0.0.1:49999");
  g_assert_true (g_str_has_prefix (result->mapped_address, "127.0.0.1:"));
  g_assert_cmpuint (result->lifetime_s, ==, 600);
  g_assert_cmpuint (server.n_nonces, ==, 2);
  g_assert_false (server.bad_integrity);
  /* And the allocation was freed with a signed Refresh of lifetime 0. */
  g_assert_true (server.freed);

  scripted_server_stop (&server);
}

static void
test_stale_nonce_twice (void)
{
  ScriptedServer server;
  g_autoptr(LcStunResult) result = NULL;

  scripted_server_start (&server, SCRIPT_ALWAYS_STALE);
  result = probe_scripted (&server);

  g_assert_false (result->success);
  g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_PROTOCOL);
  g_assert_cmpuint (result->error_code, ==, 438);
  g_assert_cmpstr (result->error_reason, ==, "Stale Nonce");
  assert_contains (result->detail, "438 Stale Nonce again");
  g_assert_false (server.bad_integrity);

  scripted_server_stop (&server);
}

static void
test_forged_answer (void)
{
  ScriptedServer server;
  g_autoptr(LcStunResult) result = NULL;

  scripted_server_start (&server, SCRIPT_FORGED_ANSWER);
  result = probe_scripted (&server);

  g_assert_false (result->success);
  g_assert_cmpint (result->cause, ==, LC_STUN_CAUSE_PROTOCOL);
  g_assert_null (result->relayed_address);
  assert_contains (result->detail, "fails its integrity check");

  scripted_server_stop (&server);
}

static void
capture_stun_log (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        data)
{
  /* Debug messages too, whatever G_MESSAGES_DEBUG says: none may carry a password. */
  g_string_append_printf (stun_log, "%s\n", message);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    g_log_default_handler (domain, level, message, data);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  stun_log = g_string_new (NULL);
  g_log_set_handler ("linecheck-stun", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL, capture_stun_log,
                     NULL);

  g_test_add_func ("/core/stun/client/udp-binding-tells-our-address-and-rtt", test_udp_binding);
  g_test_add_func ("/core/stun/client/tcp-binding-tells-our-address-and-rtt", test_tcp_binding);
  g_test_add_func ("/core/stun/client/tls-binding-with-the-private-ca-tells-our-address",
                   test_tls_binding);
  g_test_add_func ("/core/stun/client/udp-allocation-with-the-right-password-gives-a-relay",
                   test_udp_allocation);
  g_test_add_func ("/core/stun/client/tcp-allocation-with-the-right-password-gives-a-relay",
                   test_tcp_allocation);
  g_test_add_func ("/core/stun/client/tls-allocation-with-the-right-password-gives-a-relay",
                   test_tls_allocation);
  g_test_add_func ("/core/stun/client/wrong-password-is-an-auth-failure-on-every-transport",
                   test_wrong_password);
  g_test_add_func ("/core/stun/client/allocation-without-credentials-says-they-are-needed",
                   test_allocation_without_credentials);
  g_test_add_func ("/core/stun/client/closed-tcp-port-is-refused-quickly", test_closed_tcp_port);
  g_test_add_func ("/core/stun/client/silent-udp-port-times-out-at-the-deadline",
                   test_silent_udp_port);
  g_test_add_func ("/core/stun/client/udp-retransmits-at-0-then-0.5-then-1.5-s-same-transaction",
                   test_udp_retransmissions);
  g_test_add_func ("/core/stun/client/closed-udp-port-is-refused-by-icmp",
                   test_closed_udp_port);
  g_test_add_func ("/core/stun/client/tls-without-the-ca-names-the-unknown-ca",
                   test_tls_without_the_ca);
  g_test_add_func ("/core/stun/client/tls-to-a-name-not-in-the-certificate-is-bad-identity",
                   test_tls_to_a_name_not_in_the_certificate);
  g_test_add_func ("/core/stun/client/cancelling-mid-probe-returns-cancelled-promptly",
                   test_cancel_mid_probe);
  g_test_add_func ("/core/stun/client/cancelling-during-tls-returns-cancelled-promptly",
                   test_cancel_mid_tls_probe);
  g_test_add_func ("/core/stun/client/an-already-cancelled-probe-returns-cancelled",
                   test_already_cancelled);
  g_test_add_func ("/core/stun/client/tcp-to-a-web-server-says-it-is-not-stun",
                   test_tcp_to_a_web_server);
  g_test_add_func ("/core/stun/client/unresolvable-name-is-a-dns-failure",
                   test_unresolvable_name);
  g_test_add_func ("/core/stun/client/result-copies-deeply-and-boxes", test_result_copies);
  g_test_add_func ("/core/stun/client/stale-nonce-is-retried-once-then-the-relay-is-freed",
                   test_stale_nonce_is_retried);
  g_test_add_func ("/core/stun/client/stale-nonce-twice-is-a-protocol-failure",
                   test_stale_nonce_twice);
  g_test_add_func ("/core/stun/client/answer-signed-with-another-key-fails-integrity",
                   test_forged_answer);

  lab_start ();
  status = g_test_run ();
  lab_stop ();

  g_string_free (stun_log, TRUE);

  return status;
}
