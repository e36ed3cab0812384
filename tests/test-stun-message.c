// test-stun-message.c — STUN message encoding and decoding against RFC 5769 and hostile input
// SPDX-License-Identifier: GPL-3.0-or-later

#define G_LOG_DOMAIN "linecheck-test"

#include "config.h"

#include <string.h>

#include "lc-stun-message.h"

/* RFC 5769 §2.1–2.3, as copied into shared/reference.md. */
static const char vector_request[] =
  "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e207465737420636c69656e7400240004"
  "6e0001ff80290008932ff9b151263b36000600096576746a3a68367659202020000800149aeaa70cbfd8cb5678"
  "1ef2b5b2d3f249c1b571a280280004e57a3bcf";
static const char vector_ipv4_response[] =
  "0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220002000080001a147e1"
  "12a643000800142b91f599fd9e90c38c7489f92af9ba53f06be7d780280004c07d4c96";
static const char vector_ipv6_response[] =
  "010100482112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220002000140002a14701"
  "13a9faa5d3f179bc25f4b5bed2b9d900080014a382954e4be67bf11784c97c8292c275bfe3ed4180280004c8fb"
  "0b4c";
static const char vector_password[] = "VOkJxbRl1RmTxUk/WvJxBt";
static const guint8 vector_transaction_id[12] = {
  0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae,
};

static GBytes *
bytes_from_hex (const char *hex)
{
  gsize length = strlen (hex);
  guint8 *data;

  g_assert_cmpuint (length % 2, ==, 0);
  data = g_malloc (length / 2);
  for (gsize i = 0; i < length / 2; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      g_assert_cmpint (hi, >=, 0);
      g_assert_cmpint (lo, >=, 0);
      data[i] = (guint8) (hi << 4 | lo);
    }

  return g_bytes_new_take (data, length / 2);
}

/* Decodes from an exact-size heap copy, so that any read past the end is caught by ASan or
 * valgrind rather than landing in a neighbouring buffer. */
static LcStunMessage *
decode_exact (const guint8  *data,
              gsize          length,
              GError       **error)
{
  g_autofree guint8 *copy = g_memdup2 (data, length);

  return lc_stun_message_decode (copy, length, error);
}

static LcStunMessage *
decode_bytes (GBytes  *bytes,
              GError **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return decode_exact (data, length, error);
}

static LcStunMessage *
decode_hex (const char *hex)
{
  g_autoptr(GBytes) bytes = bytes_from_hex (hex);
  g_autoptr(GError) error = NULL;
  LcStunMessage *message = decode_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);

  return message;
}

static void
assert_decode_fails (const guint8 *data,
                     gsize         length,
                     gint          code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStunMessage) message = decode_exact (data, length, &error);

  g_assert_null (message);
  g_assert_error (error, LC_STUN_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_request_vector_decodes (void)
{
  g_autoptr(LcStunMessage) message = decode_hex (vector_request);
  g_autoptr(GBytes) key = lc_stun_key_new_short_term (vector_password);
  g_autoptr(GBytes) wrong_key = lc_stun_key_new_short_term ("VOkJxbRl1RmTxUk/WvJxBT");
  g_autoptr(GError) error = NULL;
  const guint8 *priority;
  gsize n_unknown;
  gsize length;

  g_assert_cmpuint (lc_stun_message_get_method (message), ==, LC_STUN_METHOD_BINDING);
  g_assert_cmpint (lc_stun_message_get_class (message), ==, LC_STUN_CLASS_REQUEST);
  g_assert_true (lc_stun_message_has_transaction_id (message, vector_transaction_id));
  g_assert_cmpstr (lc_stun_message_get_string (message, LC_STUN_ATTR_USERNAME), ==, "evtj:h6vY");
  g_assert_cmpstr (lc_stun_message_get_string (message, LC_STUN_ATTR_SOFTWARE), ==,
                   "STUN test client");

  priority = lc_stun_message_get_attribute (message, LC_STUN_ATTR_PRIORITY, &length);
  g_assert_nonnull (priority);
  g_assert_cmpuint (length, ==, 4);
  g_assert_cmpmem (priority, 4, "\x6e\x00\x01\xff", 4);
  g_assert_true (lc_stun_message_has_attribute (message, LC_STUN_ATTR_ICE_CONTROLLED));

  g_assert_true (lc_stun_message_has_fingerprint (message));
  g_assert_true (lc_stun_message_has_integrity (message));
  g_assert_true (lc_stun_message_verify_integrity (message, key, &error));
  g_assert_no_error (error);

  g_assert_false (lc_stun_message_verify_integrity (message, wrong_key, &error));
  g_assert_error (error, LC_STUN_ERROR, LC_STUN_ERROR_BAD_INTEGRITY);

  lc_stun_message_get_unknown_attributes (message, &n_unknown);
  g_assert_cmpuint (n_unknown, ==, 0);
}

static void
check_response_vector (const char *hex,
                       const char *expected_address,
                       const char *expected_ip,
                       GSocketFamily family)
{
  g_autoptr(LcStunMessage) message = decode_hex (hex);
  g_autoptr(GBytes) key = lc_stun_key_new_short_term (vector_password);
  g_autoptr(GInetSocketAddress) address = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ip = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (lc_stun_message_get_method (message), ==, LC_STUN_METHOD_BINDING);
  g_assert_cmpint (lc_stun_message_get_class (message), ==, LC_STUN_CLASS_SUCCESS);
  g_assert_cmpstr (lc_stun_message_get_string (message, LC_STUN_ATTR_SOFTWARE), ==,
                   "test vector");

  address = lc_stun_message_get_address (message, LC_STUN_ATTR_XOR_MAPPED_ADDRESS);
  g_assert_nonnull (address);
  g_assert_cmpuint (g_inet_socket_address_get_port (address), ==, 32853);
  g_assert_cmpint (g_inet_address_get_family (g_inet_socket_address_get_address (address)), ==,
                   family);
  ip = g_inet_address_to_string (g_inet_socket_address_get_address (address));
  g_assert_cmpstr (ip, ==, expected_ip);

  text = lc_stun_message_dup_address_string (message, LC_STUN_ATTR_XOR_MAPPED_ADDRESS);
  g_assert_cmpstr (text, ==, expected_address);

  /* There is no plain MAPPED-ADDRESS in these vectors. */
  g_assert_null (lc_stun_message_dup_address_string (message, LC_STUN_ATTR_MAPPED_ADDRESS));

  g_assert_true (lc_stun_message_has_fingerprint (message));
  g_assert_true (lc_stun_message_verify_integrity (message, key, &error));
  g_assert_no_error (error);
}

static void
test_ipv4_vector_gives_mapped_address (void)
{
  check_response_vector (vector_ipv4_response, "192.0.2.1:32853", "192.0.2.1",
                         G_SOCKET_FAMILY_IPV4);
}

static void
test_ipv6_vector_gives_mapped_address (void)
{
  check_response_vector (vector_ipv6_response, "[2001:db8:1234:5678:11:2233:4455:6677]:32853",
                         "2001:db8:1234:5678:11:2233:4455:6677", G_SOCKET_FAMILY_IPV6);
}

static LcStunMessage *
build_vector_request (guint8 padding_byte)
{
  LcStunMessage *message = lc_stun_message_new (LC_STUN_METHOD_BINDING, LC_STUN_CLASS_REQUEST,
                                                vector_transaction_id);

  lc_stun_message_set_padding_byte (message, padding_byte);
  lc_stun_message_add_string (message, LC_STUN_ATTR_SOFTWARE, "STUN test client");
  lc_stun_message_add_uint32 (message, LC_STUN_ATTR_PRIORITY, 0x6e0001ff);
  lc_stun_message_add_attribute (message, LC_STUN_ATTR_ICE_CONTROLLED,
                                 "\x93\x2f\xf9\xb1\x51\x26\x3b\x36", 8);
  lc_stun_message_add_string (message, LC_STUN_ATTR_USERNAME, "evtj:h6vY");

  return message;
}

static void
test_request_vector_encodes_byte_for_byte (void)
{
  /* RFC 5769 pads USERNAME ("evtj:h6vY", 9 bytes) with three spaces, and the integrity and
   * fingerprint cover that padding: with space padding the output is identical. */
  g_autoptr(LcStunMessage) message = build_vector_request (' ');
  g_autoptr(GBytes) key = lc_stun_key_new_short_term (vector_password);
  g_autoptr(GBytes) expected = bytes_from_hex (vector_request);
  g_autoptr(GBytes) encoded = lc_stun_message_encode (message, key, TRUE);

  g_assert_true (g_bytes_equal (encoded, expected));
}

static void
test_request_with_zero_padding_still_verifies (void)
{
  /* The default zero padding changes the padding bytes, the integrity and the fingerprint,
   * but the decoded meaning is the same and verifies with the same password. */
  g_autoptr(LcStunMessage) message = build_vector_request (0);
  g_autoptr(GBytes) key = lc_stun_key_new_short_term (vector_password);
  g_autoptr(GBytes) expected = bytes_from_hex (vector_request);
  g_autoptr(GBytes) encoded = lc_stun_message_encode (message, key, TRUE);
  g_autoptr(LcStunMessage) decoded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_bytes_get_size (encoded), ==, g_bytes_get_size (expected));
  g_assert_false (g_bytes_equal (encoded, expected));

  decoded = decode_bytes (encoded, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lc_stun_message_get_string (decoded, LC_STUN_ATTR_USERNAME), ==, "evtj:h6vY");
  g_assert_true (lc_stun_message_verify_integrity (decoded, key, &error));
  g_assert_no_error (error);
}

static void
encode_response_vector (const char *hex,
                        const char *ip)
{
  g_autoptr(LcStunMessage) message = lc_stun_message_new (LC_STUN_METHOD_BINDING,
                                                          LC_STUN_CLASS_SUCCESS,
                                                          vector_transaction_id);
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (ip);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, 32853);
  g_autoptr(GBytes) key = lc_stun_key_new_short_term (vector_password);
  g_autoptr(GBytes) expected = bytes_from_hex (hex);
  g_autoptr(GBytes) encoded = NULL;

  lc_stun_message_set_padding_byte (message, ' ');
  lc_stun_message_add_string (message, LC_STUN_ATTR_SOFTWARE, "test vector");
  lc_stun_message_add_address (message, LC_STUN_ATTR_XOR_MAPPED_ADDRESS,
                               G_INET_SOCKET_ADDRESS (address));
  encoded = lc_stun_message_encode (message, key, TRUE);

  g_assert_true (g_bytes_equal (encoded, expected));
}

static void
test_response_vectors_encode_byte_for_byte (void)
{
  encode_response_vector (vector_ipv4_response, "192.0.2.1");
  encode_response_vector (vector_ipv6_response, "2001:db8:1234:5678:11:2233:4455:6677");
}

static void
test_crc32_matches_check_value (void)
{
  g_assert_cmphex (lc_stun_crc32 ((const guint8 *) "123456789", 9), ==, 0xcbf43926);
  g_assert_cmphex (lc_stun_crc32 (NULL, 0), ==, 0);
}

static void
test_method_and_class_interleave (void)
{
  struct { guint method; LcStunClass klass; guint16 type; } cases[] = {
    { LC_STUN_METHOD_BINDING, LC_STUN_CLASS_REQUEST, 0x0001 },
    { LC_STUN_METHOD_BINDING, LC_STUN_CLASS_SUCCESS, 0x0101 },
    { LC_STUN_METHOD_ALLOCATE, LC_STUN_CLASS_ERROR, 0x0113 },
    { LC_STUN_METHOD_REFRESH, LC_STUN_CLASS_SUCCESS, 0x0104 },
    { LC_STUN_METHOD_DATA, LC_STUN_CLASS_INDICATION, 0x0017 },
    { 0xfff, LC_STUN_CLASS_ERROR, 0x3fff },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LcStunMessage) message = lc_stun_message_new (cases[i].method, cases[i].klass,
                                                              NULL);
      g_autoptr(GBytes) encoded = lc_stun_message_encode (message, NULL, FALSE);
      g_autoptr(LcStunMessage) decoded = NULL;
      g_autoptr(GError) error = NULL;
      const guint8 *data = g_bytes_get_data (encoded, NULL);

      g_assert_cmphex ((data[0] << 8) | data[1], ==, cases[i].type);
      decoded = decode_bytes (encoded, &error);
      g_assert_no_error (error);
      g_assert_cmphex (lc_stun_message_get_method (decoded), ==, cases[i].method);
      g_assert_cmpint (lc_stun_message_get_class (decoded), ==, cases[i].klass);
      g_assert_true (lc_stun_message_has_transaction_id (
        decoded, lc_stun_message_get_transaction_id (message)));
    }
}

static void
test_long_term_key_is_md5_of_user_realm_password (void)
{
  /* MD5 of "u:lab:p" and of the RFC 5769 §2.4 user (katakana), realm and prepared password,
   * computed independently with Python's hashlib. */
  g_autoptr(GBytes) key = lc_stun_key_new_long_term ("u", "lab", "p");
  g_autoptr(GBytes) expected = bytes_from_hex ("2e150f8e432a0e1a4116e5387f96d708");
  g_autoptr(GBytes) key_2 = lc_stun_key_new_long_term (
    "\xe3\x83\x9e\xe3\x83\x88\xe3\x83\xaa\xe3\x83\x83\xe3\x82\xaf\xe3\x82\xb9", "example.org",
    "TheMatrIX");
  g_autoptr(GBytes) expected_2 = bytes_from_hex ("e8ca7ad59d5eb0518e312911d2dab2a9");

  g_assert_cmpuint (g_bytes_get_size (key), ==, 16);
  g_assert_true (g_bytes_equal (key, expected));
  g_assert_true (g_bytes_equal (key_2, expected_2));
}

static void
test_long_term_integrity_round_trips (void)
{
  g_autoptr(LcStunMessage) message = lc_stun_message_new (LC_STUN_METHOD_ALLOCATE,
                                                          LC_STUN_CLASS_REQUEST, NULL);
  g_autoptr(GBytes) key = lc_stun_key_new_long_term ("u", "lab", "p");
  g_autoptr(GBytes) other_realm_key = lc_stun_key_new_long_term ("u", "lab2", "p");
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(LcStunMessage) decoded = NULL;
  g_autoptr(GError) error = NULL;
  guint8 protocol = 0;

  lc_stun_message_add_requested_transport (message, LC_STUN_TRANSPORT_PROTOCOL_UDP);
  lc_stun_message_add_string (message, LC_STUN_ATTR_USERNAME, "u");
  lc_stun_message_add_string (message, LC_STUN_ATTR_REALM, "lab");
  lc_stun_message_add_string (message, LC_STUN_ATTR_NONCE, "abc123");
  encoded = lc_stun_message_encode (message, key, TRUE);

  decoded = decode_bytes (encoded, &error);
  g_assert_no_error (error);
  g_assert_true (lc_stun_message_get_requested_transport (decoded, &protocol));
  g_assert_cmpuint (protocol, ==, 17);
  g_assert_cmpstr (lc_stun_message_get_string (decoded, LC_STUN_ATTR_NONCE), ==, "abc123");
  g_assert_true (lc_stun_message_verify_integrity (decoded, key, &error));
  g_assert_no_error (error);
  g_assert_false (lc_stun_message_verify_integrity (decoded, other_realm_key, &error));
  g_assert_error (error, LC_STUN_ERROR, LC_STUN_ERROR_BAD_INTEGRITY);
}

static void
test_every_attribute_kind_round_trips (void)
{
  g_autoptr(LcStunMessage) message = lc_stun_message_new (LC_STUN_METHOD_ALLOCATE,
                                                          LC_STUN_CLASS_ERROR, NULL);
  g_autoptr(GInetAddress) v4 = g_inet_address_new_from_string ("198.18.0.4");
  g_autoptr(GInetAddress) v6 = g_inet_address_new_from_string ("2001:db8::42");
  g_autoptr(GSocketAddress) mapped = g_inet_socket_address_new (v4, 443);
  g_autoptr(GSocketAddress) relayed = g_inet_socket_address_new (v6, 50000);
  g_autoptr(GSocketAddress) peer = g_inet_socket_address_new (v4, 1);
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(LcStunMessage) decoded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mapped_text = NULL;
  g_autofree char *relayed_text = NULL;
  g_autofree char *peer_text = NULL;
  g_autofree char *plain_text = NULL;
  const char *reason = NULL;
  guint code = 0;
  guint32 lifetime = 0;
  gsize n_unknown;

  lc_stun_message_add_error_code (message, 438, "Stale Nonce");
  lc_stun_message_add_string (message, LC_STUN_ATTR_REALM, "lab");
  lc_stun_message_add_string (message, LC_STUN_ATTR_NONCE, "n0nce");
  lc_stun_message_add_string (message, LC_STUN_ATTR_SOFTWARE, "Linecheck");
  lc_stun_message_add_string (message, LC_STUN_ATTR_USERNAME, "");
  lc_stun_message_add_uint32 (message, LC_STUN_ATTR_LIFETIME, 600);
  lc_stun_message_add_address (message, LC_STUN_ATTR_XOR_MAPPED_ADDRESS,
                               G_INET_SOCKET_ADDRESS (mapped));
  lc_stun_message_add_address (message, LC_STUN_ATTR_XOR_RELAYED_ADDRESS,
                               G_INET_SOCKET_ADDRESS (relayed));
  lc_stun_message_add_address (message, LC_STUN_ATTR_XOR_PEER_ADDRESS,
                               G_INET_SOCKET_ADDRESS (peer));
  lc_stun_message_add_address (message, LC_STUN_ATTR_MAPPED_ADDRESS,
                               G_INET_SOCKET_ADDRESS (relayed));
  encoded = lc_stun_message_encode (message, NULL, TRUE);

  decoded = decode_bytes (encoded, &error);
  g_assert_no_error (error);
  g_assert_true (lc_stun_message_get_error_code (decoded, &code, &reason));
  g_assert_cmpuint (code, ==, 438);
  g_assert_cmpstr (reason, ==, "Stale Nonce");
  g_assert_cmpstr (lc_stun_message_get_string (decoded, LC_STUN_ATTR_REALM), ==, "lab");
  g_assert_cmpstr (lc_stun_message_get_string (decoded, LC_STUN_ATTR_NONCE), ==, "n0nce");
  g_assert_cmpstr (lc_stun_message_get_string (decoded, LC_STUN_ATTR_SOFTWARE), ==, "Linecheck");
  g_assert_cmpstr (lc_stun_message_get_string (decoded, LC_STUN_ATTR_USERNAME), ==, "");
  g_assert_true (lc_stun_message_get_uint32 (decoded, LC_STUN_ATTR_LIFETIME, &lifetime));
  g_assert_cmpuint (lifetime, ==, 600);

  mapped_text = lc_stun_message_dup_address_string (decoded, LC_STUN_ATTR_XOR_MAPPED_ADDRESS);
  relayed_text = lc_stun_message_dup_address_string (decoded, LC_STUN_ATTR_XOR_RELAYED_ADDRESS);
  peer_text = lc_stun_message_dup_address_string (decoded, LC_STUN_ATTR_XOR_PEER_ADDRESS);
  plain_text = lc_stun_message_dup_address_string (decoded, LC_STUN_ATTR_MAPPED_ADDRESS);
  g_assert_cmpstr (mapped_text, ==, "198.18.0.4:443");
  g_assert_cmpstr (relayed_text, ==, "[2001:db8::42]:50000");
  g_assert_cmpstr (peer_text, ==, "198.18.0.4:1");
  g_assert_cmpstr (plain_text, ==, "[2001:db8::42]:50000");

  g_assert_true (lc_stun_message_has_fingerprint (decoded));
  g_assert_false (lc_stun_message_has_integrity (decoded));
  lc_stun_message_get_unknown_attributes (decoded, &n_unknown);
  g_assert_cmpuint (n_unknown, ==, 0);

  g_assert_false (lc_stun_message_get_uint32 (decoded, LC_STUN_ATTR_PRIORITY, NULL));
  g_assert_null (lc_stun_message_get_string (decoded, LC_STUN_ATTR_USERHASH));
}

static void
test_unknown_required_attributes_are_reported (void)
{
  g_autoptr(LcStunMessage) message = lc_stun_message_new (LC_STUN_METHOD_BINDING,
                                                          LC_STUN_CLASS_SUCCESS, NULL);
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(LcStunMessage) decoded = NULL;
  g_autoptr(GError) error = NULL;
  const guint16 *unknown;
  gsize n_unknown;

  lc_stun_message_add_attribute (message, 0x7777, "abc", 3);
  lc_stun_message_add_attribute (message, 0xc0de, "ignored", 7);  /* optional: not reported */
  lc_stun_message_add_attribute (message, 0x0002, NULL, 0);
  encoded = lc_stun_message_encode (message, NULL, FALSE);

  decoded = decode_bytes (encoded, &error);
  g_assert_no_error (error);
  unknown = lc_stun_message_get_unknown_attributes (decoded, &n_unknown);
  g_assert_cmpuint (n_unknown, ==, 2);
  g_assert_cmphex (unknown[0], ==, 0x7777);
  g_assert_cmphex (unknown[1], ==, 0x0002);
}

static void
test_attributes_after_integrity_are_ignored (void)
{
  /* Append an unauthenticated USERNAME after MESSAGE-INTEGRITY, as an attacker could. */
  g_autoptr(LcStunMessage) message = lc_stun_message_new (LC_STUN_METHOD_BINDING,
                                                          LC_STUN_CLASS_SUCCESS, NULL);
  g_autoptr(GBytes) key = lc_stun_key_new_short_term ("secret");
  g_autoptr(GBytes) signed_bytes = NULL;
  g_autoptr(GByteArray) forged = NULL;
  g_autoptr(LcStunMessage) decoded = NULL;
  g_autoptr(GError) error = NULL;
  static const guint8 extra[] = { 0x00, 0x06, 0x00, 0x04, 'e', 'v', 'i', 'l' };

  lc_stun_message_add_string (message, LC_STUN_ATTR_SOFTWARE, "real");
  signed_bytes = lc_stun_message_encode (message, key, FALSE);
  forged = g_byte_array_new ();
  g_byte_array_append (forged, g_bytes_get_data (signed_bytes, NULL),
                       g_bytes_get_size (signed_bytes));
  g_byte_array_append (forged, extra, sizeof extra);
  forged->data[3] += sizeof extra;

  decoded = decode_exact (forged->data, forged->len, &error);
  g_assert_no_error (error);
  g_assert_true (lc_stun_message_verify_integrity (decoded, key, &error));
  g_assert_no_error (error);
  g_assert_null (lc_stun_message_get_string (decoded, LC_STUN_ATTR_USERNAME));
  g_assert_cmpstr (lc_stun_message_get_string (decoded, LC_STUN_ATTR_SOFTWARE), ==, "real");
}

static void
test_stream_framing_reads_length_from_header (void)
{
  g_autoptr(GBytes) bytes = bytes_from_hex (vector_request);
  g_autoptr(GError) error = NULL;
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  static const guint8 http[20] = "HTTP/1.1 400 Bad Re";

  g_assert_cmpuint (lc_stun_message_size_from_header (data, 20, &error), ==, 108);
  g_assert_no_error (error);
  g_assert_cmpuint (lc_stun_message_size_from_header (data, 19, &error), ==, 0);
  g_assert_error (error, LC_STUN_ERROR, LC_STUN_ERROR_TRUNCATED);
  g_clear_error (&error);
  g_assert_cmpuint (lc_stun_message_size_from_header (http, 20, &error), ==, 0);
  g_assert_error (error, LC_STUN_ERROR, LC_STUN_ERROR_NOT_STUN);
}

/* Hostile input. */

static void
test_empty_and_short_input_is_truncated (void)
{
  static const guint8 nothing[1] = { 0 };
  g_autoptr(GBytes) bytes = bytes_from_hex (vector_request);

  assert_decode_fails (nothing, 0, LC_STUN_ERROR_TRUNCATED);
  assert_decode_fails (g_bytes_get_data (bytes, NULL), 19, LC_STUN_ERROR_TRUNCATED);
}

static void
test_every_truncation_is_refused (void)
{
  const char *vectors[] = { vector_request, vector_ipv4_response, vector_ipv6_response };

  for (gsize v = 0; v < G_N_ELEMENTS (vectors); v++)
    {
      g_autoptr(GBytes) bytes = bytes_from_hex (vectors[v]);
      gsize length;
      const guint8 *data = g_bytes_get_data (bytes, &length);

      for (gsize cut = 0; cut < length; cut++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(LcStunMessage) message = decode_exact (data, cut, &error);

          g_assert_null (message);
          g_assert_error (error, LC_STUN_ERROR, LC_STUN_ERROR_TRUNCATED);
        }
    }
}

static GByteArray *
mutable_vector (const char *hex)
{
  g_autoptr(GBytes) bytes = bytes_from_hex (hex);
  GByteArray *array = g_byte_array_new ();

  g_byte_array_append (array, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return array;
}

/* Rewrites the FINGERPRINT of a 2.x vector (always its last 8 bytes) after a change, so
 * that the check under test is the one that fires. */
static void
refresh_fingerprint (GByteArray *array)
{
  guint32 crc = lc_stun_crc32 (array->data, array->len - 8) ^ 0x5354554e;

  array->data[array->len - 4] = crc >> 24;
  array->data[array->len - 3] = (crc >> 16) & 0xff;
  array->data[array->len - 2] = (crc >> 8) & 0xff;
  array->data[array->len - 1] = crc & 0xff;
}

static void
test_wrong_magic_cookie_is_not_stun (void)
{
  g_autoptr(GByteArray) array = mutable_vector (vector_request);

  array->data[4] ^= 0x01;
  assert_decode_fails (array->data, array->len, LC_STUN_ERROR_NOT_STUN);
}

static void
test_first_bits_set_is_not_stun (void)
{
  g_autoptr(GByteArray) array = mutable_vector (vector_request);

  /* RTP and DTLS packets start with these bits set; they must not be taken for STUN. */
  array->data[0] |= 0x80;
  assert_decode_fails (array->data, array->len, LC_STUN_ERROR_NOT_STUN);
}

static void
test_length_not_multiple_of_four_is_not_stun (void)
{
  g_autoptr(GByteArray) array = mutable_vector (vector_request);

  array->data[3] -= 1;
  assert_decode_fails (array->data, array->len, LC_STUN_ERROR_NOT_STUN);
}

static void
test_header_length_disagreeing_with_size_is_refused (void)
{
  g_autoptr(GByteArray) longer = mutable_vector (vector_request);
  g_autoptr(GByteArray) shorter = mutable_vector (vector_request);

  longer->data[3] += 4;
  assert_decode_fails (longer->data, longer->len, LC_STUN_ERROR_TRUNCATED);

  /* Trailing bytes after the message the header describes. */
  shorter->data[3] -= 8;
  assert_decode_fails (shorter->data, shorter->len, LC_STUN_ERROR_MALFORMED);
}

static void
test_attribute_lying_about_its_length_is_refused (void)
{
  g_autoptr(GByteArray) array = mutable_vector (vector_request);
  g_autoptr(GByteArray) huge = mutable_vector (vector_request);

  /* SOFTWARE (at offset 20) claims 88 bytes; 84 follow its header. */
  array->data[22] = 0;
  array->data[23] = 88;
  assert_decode_fails (array->data, array->len, LC_STUN_ERROR_MALFORMED);

  huge->data[22] = 0xff;
  huge->data[23] = 0xff;
  assert_decode_fails (huge->data, huge->len, LC_STUN_ERROR_MALFORMED);
}

static void
test_missing_padding_is_refused (void)
{
  /* A 5-byte SOFTWARE value ends the message without its 3 padding bytes: the header length
   * (8) is a multiple of 4, but the attribute needs 4 + 8. */
  static const guint8 data[] = {
    0x00, 0x01, 0x00, 0x08, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    0x80, 0x22, 0x00, 0x05, 'a', 'b', 'c', 'd',
  };

  assert_decode_fails (data, sizeof data, LC_STUN_ERROR_MALFORMED);
}

static void
test_damaged_fingerprint_is_refused (void)
{
  g_autoptr(GByteArray) array = mutable_vector (vector_ipv4_response);
  g_autoptr(GByteArray) body = mutable_vector (vector_ipv4_response);

  array->data[array->len - 1] ^= 0x01;
  assert_decode_fails (array->data, array->len, LC_STUN_ERROR_BAD_FINGERPRINT);

  /* One flipped bit in the mapped address is caught by the fingerprint too. */
  body->data[46] ^= 0x10;
  assert_decode_fails (body->data, body->len, LC_STUN_ERROR_BAD_FINGERPRINT);
}

static void
test_tampered_integrity_is_refused (void)
{
  g_autoptr(GByteArray) array = mutable_vector (vector_ipv4_response);
  g_autoptr(GBytes) key = lc_stun_key_new_short_term (vector_password);
  g_autoptr(LcStunMessage) message = NULL;
  g_autoptr(GInetSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;

  /* Move the mapped port and fix the fingerprint, as an on-path forger could. */
  array->data[43] ^= 0x01;
  refresh_fingerprint (array);

  message = decode_exact (array->data, array->len, &error);
  g_assert_no_error (error);
  address = lc_stun_message_get_address (message, LC_STUN_ATTR_XOR_MAPPED_ADDRESS);
  g_assert_cmpuint (g_inet_socket_address_get_port (address), !=, 32853);

  g_assert_false (lc_stun_message_verify_integrity (message, key, &error));
  g_assert_error (error, LC_STUN_ERROR, LC_STUN_ERROR_BAD_INTEGRITY);
  g_assert_null (strstr (error->message, vector_password));
}

static void
test_missing_integrity_is_reported (void)
{
  g_autoptr(LcStunMessage) message = lc_stun_message_new (LC_STUN_METHOD_BINDING,
                                                          LC_STUN_CLASS_SUCCESS, NULL);
  g_autoptr(GBytes) key = lc_stun_key_new_short_term ("x");
  g_autoptr(GBytes) encoded = lc_stun_message_encode (message, NULL, TRUE);
  g_autoptr(LcStunMessage) decoded = NULL;
  g_autoptr(GError) error = NULL;

  decoded = decode_bytes (encoded, &error);
  g_assert_no_error (error);
  g_assert_false (lc_stun_message_verify_integrity (decoded, key, &error));
  g_assert_error (error, LC_STUN_ERROR, LC_STUN_ERROR_NO_INTEGRITY);

  /* A message built here (not decoded) has nothing to verify either. */
  g_clear_error (&error);
  g_assert_false (lc_stun_message_verify_integrity (message, key, &error));
  g_assert_error (error, LC_STUN_ERROR, LC_STUN_ERROR_NO_INTEGRITY);
}

static void
test_attribute_after_fingerprint_is_refused (void)
{
  g_autoptr(GByteArray) array = mutable_vector (vector_ipv4_response);
  static const guint8 extra[] = { 0x80, 0x22, 0x00, 0x00 };

  guint32 crc;
  gsize fingerprint_at = array->len - 8;

  g_byte_array_append (array, extra, sizeof extra);
  array->data[3] += sizeof extra;
  /* Keep the FINGERPRINT right for the new length, so only its position is wrong. */
  crc = lc_stun_crc32 (array->data, fingerprint_at) ^ 0x5354554e;
  array->data[fingerprint_at + 4] = crc >> 24;
  array->data[fingerprint_at + 5] = (crc >> 16) & 0xff;
  array->data[fingerprint_at + 6] = (crc >> 8) & 0xff;
  array->data[fingerprint_at + 7] = crc & 0xff;
  assert_decode_fails (array->data, array->len, LC_STUN_ERROR_MALFORMED);
}

static void
assert_attribute_refused (guint16       type,
                          const guint8 *value,
                          gsize         length)
{
  g_autoptr(LcStunMessage) message = lc_stun_message_new (LC_STUN_METHOD_BINDING,
                                                          LC_STUN_CLASS_SUCCESS, NULL);
  g_autoptr(GBytes) encoded = NULL;

  /* add_attribute does not validate: it is how a hostile peer's bytes are made here. */
  lc_stun_message_add_attribute (message, type, value, length);
  encoded = lc_stun_message_encode (message, NULL, FALSE);
  assert_decode_fails (g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded),
                       LC_STUN_ERROR_MALFORMED);
}

static void
test_malformed_known_attributes_are_refused (void)
{
  static const guint8 family_3[8] = { 0, 3, 0, 80, 1, 2, 3, 4 };
  static const guint8 v4_too_long[12] = { 0, 1, 0, 80, 1, 2, 3, 4, 5, 6, 7, 8 };
  static const guint8 v6_too_short[8] = { 0, 2, 0, 80, 1, 2, 3, 4 };
  static const guint8 error_class_7[8] = { 0, 0, 7, 1, 'o', 'o', 'p', 's' };
  static const guint8 error_number_100[4] = { 0, 0, 4, 100 };
  static const guint8 error_short[3] = { 0, 0, 4 };
  static const guint8 bad_utf8[4] = { 'a', 0xff, 0xfe, 'b' };
  static const guint8 with_nul[4] = { 'a', 0, 'b', 'c' };
  static const guint8 lifetime_short[2] = { 0, 1 };
  g_autofree guint8 *long_username = g_malloc0 (513);

  memset (long_username, 'u', 513);
  assert_attribute_refused (LC_STUN_ATTR_XOR_MAPPED_ADDRESS, family_3, sizeof family_3);
  assert_attribute_refused (LC_STUN_ATTR_MAPPED_ADDRESS, v4_too_long, sizeof v4_too_long);
  assert_attribute_refused (LC_STUN_ATTR_XOR_RELAYED_ADDRESS, v6_too_short, sizeof v6_too_short);
  assert_attribute_refused (LC_STUN_ATTR_XOR_PEER_ADDRESS, family_3, 1);
  assert_attribute_refused (LC_STUN_ATTR_ERROR_CODE, error_class_7, sizeof error_class_7);
  assert_attribute_refused (LC_STUN_ATTR_ERROR_CODE, error_number_100, sizeof error_number_100);
  assert_attribute_refused (LC_STUN_ATTR_ERROR_CODE, error_short, sizeof error_short);
  assert_attribute_refused (LC_STUN_ATTR_USERNAME, bad_utf8, sizeof bad_utf8);
  assert_attribute_refused (LC_STUN_ATTR_REALM, with_nul, sizeof with_nul);
  assert_attribute_refused (LC_STUN_ATTR_USERNAME, long_username, 513);
  assert_attribute_refused (LC_STUN_ATTR_LIFETIME, lifetime_short, sizeof lifetime_short);
}

static void
test_wrong_size_integrity_or_fingerprint_is_refused (void)
{
  static const guint8 short_integrity[] = {
    0x01, 0x01, 0x00, 0x08, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    0x00, 0x08, 0x00, 0x04, 0xde, 0xad, 0xbe, 0xef,
  };
  static const guint8 long_fingerprint[] = {
    0x01, 0x01, 0x00, 0x0c, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    0x80, 0x28, 0x00, 0x08, 0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef,
  };

  assert_decode_fails (short_integrity, sizeof short_integrity, LC_STUN_ERROR_MALFORMED);
  assert_decode_fails (long_fingerprint, sizeof long_fingerprint, LC_STUN_ERROR_MALFORMED);
}

static void
assert_clean_outcome (const guint8 *data,
                      gsize         length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStunMessage) message = decode_exact (data, length, &error);
  g_autoptr(GBytes) key = lc_stun_key_new_short_term (vector_password);

  if (message == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == LC_STUN_ERROR);
      return;
    }

  g_assert_no_error (error);
  /* Whatever decoded must be safe to read back in full. */
  for (guint16 type = 0; type < 0x30; type++)
    {
      g_autofree char *address = lc_stun_message_dup_address_string (message, type);
      const char *text = lc_stun_message_get_string (message, type);

      if (text != NULL)
        g_assert_true (g_utf8_validate (text, -1, NULL));
      (void) address;
    }
  lc_stun_message_get_error_code (message, NULL, NULL);
  lc_stun_message_verify_integrity (message, key, &error);
}

static void
test_random_bytes_never_crash (void)
{
  guint8 buffer[256];
  guint iterations = g_test_thorough () ? 200000 : 20000;

  for (guint i = 0; i < iterations; i++)
    {
      gsize length = g_test_rand_int_range (0, sizeof buffer);

      for (gsize j = 0; j < length; j++)
        buffer[j] = (guint8) g_test_rand_int_range (0, 256);

      /* Half the time, make it past the header checks so the attribute parser is hit. */
      if (i % 2 == 0 && length >= 20)
        {
          gsize body = (length - 20) & ~(gsize) 3;

          buffer[0] &= 0x3f;
          buffer[2] = body >> 8;
          buffer[3] = body & 0xff;
          buffer[4] = 0x21;
          buffer[5] = 0x12;
          buffer[6] = 0xa4;
          buffer[7] = 0x42;
          if (g_test_rand_bit ())
            length = 20 + body;
        }

      assert_clean_outcome (buffer, length);
    }
}

static void
test_mutated_vectors_never_crash (void)
{
  const char *vectors[] = { vector_request, vector_ipv4_response, vector_ipv6_response };
  guint iterations = g_test_thorough () ? 100000 : 10000;

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(GByteArray) array = mutable_vector (vectors[i % G_N_ELEMENTS (vectors)]);
      guint flips = g_test_rand_int_range (1, 4);

      for (guint f = 0; f < flips; f++)
        {
          /* Keep the header so the mutation reaches attributes, integrity and fingerprint. */
          guint at = g_test_rand_int_range (20, array->len);

          array->data[at] = (guint8) g_test_rand_int_range (0, 256);
        }
      if (g_test_rand_bit ())
        refresh_fingerprint (array);

      assert_clean_outcome (array->data, array->len);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/stun/message/rfc5769-request-decodes-with-username-and-integrity",
                   test_request_vector_decodes);
  g_test_add_func ("/core/stun/message/rfc5769-ipv4-response-gives-192.0.2.1-port-32853",
                   test_ipv4_vector_gives_mapped_address);
  g_test_add_func ("/core/stun/message/rfc5769-ipv6-response-gives-2001-db8-port-32853",
                   test_ipv6_vector_gives_mapped_address);
  g_test_add_func ("/core/stun/message/rfc5769-request-encodes-byte-for-byte",
                   test_request_vector_encodes_byte_for_byte);
  g_test_add_func ("/core/stun/message/rfc5769-responses-encode-byte-for-byte",
                   test_response_vectors_encode_byte_for_byte);
  g_test_add_func ("/core/stun/message/zero-padding-changes-bytes-but-not-meaning",
                   test_request_with_zero_padding_still_verifies);
  g_test_add_func ("/core/stun/message/crc32-matches-the-standard-check-value",
                   test_crc32_matches_check_value);
  g_test_add_func ("/core/stun/message/method-and-class-bits-interleave-as-rfc-8489-says",
                   test_method_and_class_interleave);
  g_test_add_func ("/core/stun/message/long-term-key-is-md5-of-user-realm-password",
                   test_long_term_key_is_md5_of_user_realm_password);
  g_test_add_func ("/core/stun/message/long-term-integrity-round-trips-and-needs-the-realm",
                   test_long_term_integrity_round_trips);
  g_test_add_func ("/core/stun/message/every-attribute-kind-round-trips",
                   test_every_attribute_kind_round_trips);
  g_test_add_func ("/core/stun/message/unknown-required-attributes-are-reported",
                   test_unknown_required_attributes_are_reported);
  g_test_add_func ("/core/stun/message/attributes-after-integrity-are-ignored",
                   test_attributes_after_integrity_are_ignored);
  g_test_add_func ("/core/stun/message/stream-framing-reads-length-from-header",
                   test_stream_framing_reads_length_from_header);
  g_test_add_func ("/core/stun/message/hostile/empty-and-short-input-is-truncated",
                   test_empty_and_short_input_is_truncated);
  g_test_add_func ("/core/stun/message/hostile/every-truncation-is-refused",
                   test_every_truncation_is_refused);
  g_test_add_func ("/core/stun/message/hostile/wrong-magic-cookie-is-not-stun",
                   test_wrong_magic_cookie_is_not_stun);
  g_test_add_func ("/core/stun/message/hostile/first-bits-set-is-not-stun",
                   test_first_bits_set_is_not_stun);
  g_test_add_func ("/core/stun/message/hostile/length-not-multiple-of-four-is-not-stun",
                   test_length_not_multiple_of_four_is_not_stun);
  g_test_add_func ("/core/stun/message/hostile/header-length-disagreeing-with-size-is-refused",
                   test_header_length_disagreeing_with_size_is_refused);
  g_test_add_func ("/core/stun/message/hostile/attribute-lying-about-its-length-is-refused",
                   test_attribute_lying_about_its_length_is_refused);
  g_test_add_func ("/core/stun/message/hostile/missing-padding-is-refused",
                   test_missing_padding_is_refused);
  g_test_add_func ("/core/stun/message/hostile/damaged-fingerprint-is-refused",
                   test_damaged_fingerprint_is_refused);
  g_test_add_func ("/core/stun/message/hostile/tampered-integrity-is-refused",
                   test_tampered_integrity_is_refused);
  g_test_add_func ("/core/stun/message/hostile/missing-integrity-is-reported",
                   test_missing_integrity_is_reported);
  g_test_add_func ("/core/stun/message/hostile/attribute-after-fingerprint-is-refused",
                   test_attribute_after_fingerprint_is_refused);
  g_test_add_func ("/core/stun/message/hostile/malformed-known-attributes-are-refused",
                   test_malformed_known_attributes_are_refused);
  g_test_add_func ("/core/stun/message/hostile/wrong-size-integrity-or-fingerprint-is-refused",
                   test_wrong_size_integrity_or_fingerprint_is_refused);
  g_test_add_func ("/core/stun/message/hostile/random-bytes-decode-or-fail-cleanly",
                   test_random_bytes_never_crash);
  g_test_add_func ("/core/stun/message/hostile/mutated-vectors-decode-or-fail-cleanly",
                   test_mutated_vectors_never_crash);

  return g_test_run ();
}
