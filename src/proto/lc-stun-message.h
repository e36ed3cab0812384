// lc-stun-message.h — STUN/TURN messages: build, encode, decode, verify (RFC 8489, RFC 8656)
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LC_STUN_MAGIC_COOKIE        0x2112A442u
#define LC_STUN_HEADER_SIZE         20
#define LC_STUN_TRANSACTION_ID_SIZE 12
/* The largest message the 16-bit length field can describe. */
#define LC_STUN_MAX_MESSAGE_SIZE    (LC_STUN_HEADER_SIZE + 65532)

#define LC_STUN_ERROR (lc_stun_error_quark ())

/**
 * LcStunError:
 * @LC_STUN_ERROR_TRUNCATED: fewer bytes than the header or its length field promise
 * @LC_STUN_ERROR_NOT_STUN: not a STUN message at all (first bits, magic cookie, length)
 * @LC_STUN_ERROR_MALFORMED: a STUN header, but the attributes do not parse
 * @LC_STUN_ERROR_BAD_FINGERPRINT: the FINGERPRINT does not match the message
 * @LC_STUN_ERROR_NO_INTEGRITY: MESSAGE-INTEGRITY was required but is absent
 * @LC_STUN_ERROR_BAD_INTEGRITY: MESSAGE-INTEGRITY does not match the key
 */
typedef enum
{
  LC_STUN_ERROR_TRUNCATED = 1,
  LC_STUN_ERROR_NOT_STUN,
  LC_STUN_ERROR_MALFORMED,
  LC_STUN_ERROR_BAD_FINGERPRINT,
  LC_STUN_ERROR_NO_INTEGRITY,
  LC_STUN_ERROR_BAD_INTEGRITY,
} LcStunError;

typedef enum
{
  LC_STUN_METHOD_BINDING = 0x001,
  LC_STUN_METHOD_ALLOCATE = 0x003,
  LC_STUN_METHOD_REFRESH = 0x004,
  LC_STUN_METHOD_SEND = 0x006,
  LC_STUN_METHOD_DATA = 0x007,
  LC_STUN_METHOD_CREATE_PERMISSION = 0x008,
  LC_STUN_METHOD_CHANNEL_BIND = 0x009,
} LcStunMethod;

typedef enum
{
  LC_STUN_CLASS_REQUEST = 0,
  LC_STUN_CLASS_INDICATION = 1,
  LC_STUN_CLASS_SUCCESS = 2,
  LC_STUN_CLASS_ERROR = 3,
} LcStunClass;

/**
 * LcStunAttributeType:
 *
 * The attribute types this module knows by name. Types below 0x8000 are
 * comprehension-required: a decoded message lists the ones not known here in
 * lc_stun_message_get_unknown_attributes().
 */
typedef enum
{
  LC_STUN_ATTR_MAPPED_ADDRESS = 0x0001,
  LC_STUN_ATTR_USERNAME = 0x0006,
  LC_STUN_ATTR_MESSAGE_INTEGRITY = 0x0008,
  LC_STUN_ATTR_ERROR_CODE = 0x0009,
  LC_STUN_ATTR_UNKNOWN_ATTRIBUTES = 0x000A,
  LC_STUN_ATTR_CHANNEL_NUMBER = 0x000C,
  LC_STUN_ATTR_LIFETIME = 0x000D,
  LC_STUN_ATTR_XOR_PEER_ADDRESS = 0x0012,
  LC_STUN_ATTR_DATA = 0x0013,
  LC_STUN_ATTR_REALM = 0x0014,
  LC_STUN_ATTR_NONCE = 0x0015,
  LC_STUN_ATTR_XOR_RELAYED_ADDRESS = 0x0016,
  LC_STUN_ATTR_REQUESTED_ADDRESS_FAMILY = 0x0017,
  LC_STUN_ATTR_EVEN_PORT = 0x0018,
  LC_STUN_ATTR_REQUESTED_TRANSPORT = 0x0019,
  LC_STUN_ATTR_DONT_FRAGMENT = 0x001A,
  LC_STUN_ATTR_MESSAGE_INTEGRITY_SHA256 = 0x001C,
  LC_STUN_ATTR_PASSWORD_ALGORITHM = 0x001D,
  LC_STUN_ATTR_USERHASH = 0x001E,
  LC_STUN_ATTR_XOR_MAPPED_ADDRESS = 0x0020,
  LC_STUN_ATTR_RESERVATION_TOKEN = 0x0022,
  LC_STUN_ATTR_PRIORITY = 0x0024,
  LC_STUN_ATTR_USE_CANDIDATE = 0x0025,
  LC_STUN_ATTR_SOFTWARE = 0x8022,
  LC_STUN_ATTR_ALTERNATE_SERVER = 0x8023,
  LC_STUN_ATTR_FINGERPRINT = 0x8028,
  LC_STUN_ATTR_ICE_CONTROLLED = 0x8029,
  LC_STUN_ATTR_ICE_CONTROLLING = 0x802A,
  LC_STUN_ATTR_RESPONSE_ORIGIN = 0x802B,
  LC_STUN_ATTR_OTHER_ADDRESS = 0x802C,
} LcStunAttributeType;

/* IANA protocol numbers for REQUESTED-TRANSPORT. */
#define LC_STUN_TRANSPORT_PROTOCOL_UDP 17
#define LC_STUN_TRANSPORT_PROTOCOL_TCP 6

typedef struct _LcStunMessage LcStunMessage;

#define LC_TYPE_STUN_MESSAGE (lc_stun_message_get_type ())

GQuark         lc_stun_error_quark (void);
GType          lc_stun_message_get_type (void) G_GNUC_CONST;

LcStunMessage *lc_stun_message_new (guint         method,
                                    LcStunClass   klass,
                                    const guint8 *transaction_id);
LcStunMessage *lc_stun_message_decode (const guint8  *data,
                                       gsize          length,
                                       GError       **error);
gsize          lc_stun_message_size_from_header (const guint8  *header,
                                                 gsize          length,
                                                 GError       **error);
LcStunMessage *lc_stun_message_ref (LcStunMessage *self);
void           lc_stun_message_unref (LcStunMessage *self);

guint          lc_stun_message_get_method (LcStunMessage *self);
LcStunClass    lc_stun_message_get_class (LcStunMessage *self);
const guint8  *lc_stun_message_get_transaction_id (LcStunMessage *self);
gboolean       lc_stun_message_has_transaction_id (LcStunMessage *self,
                                                   const guint8  *transaction_id);

void           lc_stun_message_set_padding_byte (LcStunMessage *self,
                                                 guint8         padding_byte);
void           lc_stun_message_add_attribute (LcStunMessage *self,
                                              guint16        type,
                                              const void    *value,
                                              gsize          length);
void           lc_stun_message_add_string (LcStunMessage *self,
                                           guint16        type,
                                           const char    *value);
void           lc_stun_message_add_uint32 (LcStunMessage *self,
                                           guint16        type,
                                           guint32        value);
void           lc_stun_message_add_address (LcStunMessage      *self,
                                            guint16             type,
                                            GInetSocketAddress *address);
void           lc_stun_message_add_error_code (LcStunMessage *self,
                                               guint          code,
                                               const char    *reason);
void           lc_stun_message_add_requested_transport (LcStunMessage *self,
                                                        guint8         protocol);
GBytes        *lc_stun_message_encode (LcStunMessage *self,
                                       GBytes        *integrity_key,
                                       gboolean       fingerprint);

gboolean       lc_stun_message_has_attribute (LcStunMessage *self,
                                              guint16        type);
const guint8  *lc_stun_message_get_attribute (LcStunMessage *self,
                                              guint16        type,
                                              gsize         *length);
const char    *lc_stun_message_get_string (LcStunMessage *self,
                                           guint16        type);
gboolean       lc_stun_message_get_uint32 (LcStunMessage *self,
                                           guint16        type,
                                           guint32       *value);
GInetSocketAddress *lc_stun_message_get_address (LcStunMessage *self,
                                                 guint16        type);
char          *lc_stun_message_dup_address_string (LcStunMessage *self,
                                                   guint16        type);
gboolean       lc_stun_message_get_error_code (LcStunMessage  *self,
                                               guint          *code,
                                               const char    **reason);
gboolean       lc_stun_message_get_requested_transport (LcStunMessage *self,
                                                        guint8        *protocol);
const guint16 *lc_stun_message_get_unknown_attributes (LcStunMessage *self,
                                                       gsize         *n_unknown);
gboolean       lc_stun_message_has_integrity (LcStunMessage *self);
gboolean       lc_stun_message_has_fingerprint (LcStunMessage *self);
gboolean       lc_stun_message_verify_integrity (LcStunMessage  *self,
                                                 GBytes         *key,
                                                 GError        **error);

GBytes        *lc_stun_key_new_short_term (const char *password);
GBytes        *lc_stun_key_new_long_term (const char *username,
                                          const char *realm,
                                          const char *password);
char          *lc_stun_address_to_string (GInetSocketAddress *address);
guint32        lc_stun_crc32 (const guint8 *data,
                              gsize         length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcStunMessage, lc_stun_message_unref)

G_END_DECLS
