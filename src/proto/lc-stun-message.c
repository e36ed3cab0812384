// lc-stun-message.c — builds, encodes, decodes and verifies STUN/TURN messages
// SPDX-License-Identifier: GPL-3.0-or-later

#define G_LOG_DOMAIN "linecheck-stun"

#include "config.h"

#include <string.h>

#include "lc-stun-message.h"

#define FINGERPRINT_XOR        0x5354554eu
#define INTEGRITY_SIZE         20
#define INTEGRITY_ATTR_SIZE    (4 + INTEGRITY_SIZE)
#define FINGERPRINT_ATTR_SIZE  8
#define MAX_USERNAME_BYTES     512
#define MAX_TEXT_BYTES         763
#define MAX_BODY_SIZE          (LC_STUN_MAX_MESSAGE_SIZE - LC_STUN_HEADER_SIZE)

typedef struct
{
  guint16  type;
  guint16  length;
  /* length + 1 bytes: NUL-terminated so validated strings can be handed out as they are. */
  guint8  *value;
} Attribute;

struct _LcStunMessage
{
  grefcount    ref_count;

  guint16      method;
  LcStunClass  klass;
  guint8       transaction_id[LC_STUN_TRANSACTION_ID_SIZE];
  guint8       padding_byte;

  GArray      *attributes;        /* Attribute, in wire order; never MI or FINGERPRINT */
  GArray      *unknown;           /* guint16: comprehension-required types not known here */
  gsize        body_size;         /* encoded size of the attributes added so far */

  /* Only for decoded messages: the bytes the integrity is checked against. */
  GBytes      *wire;
  gsize        integrity_offset;  /* of the MESSAGE-INTEGRITY attribute; 0 when absent */
  gboolean     has_fingerprint;
};

G_DEFINE_QUARK (lc-stun-error-quark, lc_stun_error)

G_DEFINE_BOXED_TYPE (LcStunMessage, lc_stun_message, lc_stun_message_ref, lc_stun_message_unref)

/* CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320), as FINGERPRINT needs. */
static const guint32 crc32_table[256] = {
  0x00000000, 0x77073096, 0xee0e612c, 0x990951ba, 0x076dc419, 0x706af48f,
  0xe963a535, 0x9e6495a3, 0x0edb8832, 0x79dcb8a4, 0xe0d5e91e, 0x97d2d988,
  0x09b64c2b, 0x7eb17cbd, 0xe7b82d07, 0x90bf1d91, 0x1db71064, 0x6ab020f2,
  0xf3b97148, 0x84be41de, 0x1adad47d, 0x6ddde4eb, 0xf4d4b551, 0x83d385c7,
  0x136c9856, 0x646ba8c0, 0xfd62f97a, 0x8a65c9ec, 0x14015c4f, 0x63066cd9,
  0xfa0f3d63, 0x8d080df5, 0x3b6e20c8, 0x4c69105e, 0xd56041e4, 0xa2677172,
  0x3c03e4d1, 0x4b04d447, 0xd20d85fd, 0xa50ab56b, 0x35b5a8fa, 0x42b2986c,
  0xdbbbc9d6, 0xacbcf940, 0x32d86ce3, 0x45df5c75, 0xdcd60dcf, 0xabd13d59,
  0x26d930ac, 0x51de003a, 0xc8d75180, 0xbfd06116, 0x21b4f4b5, 0x56b3c423,
  0xcfba9599, 0xb8bda50f, 0x2802b89e, 0x5f058808, 0xc60cd9b2, 0xb10be924,
  0x2f6f7c87, 0x58684c11, 0xc1611dab, 0xb6662d3d, 0x76dc4190, 0x01db7106,
  0x98d220bc, 0xefd5102a, 0x71b18589, 0x06b6b51f, 0x9fbfe4a5, 0xe8b8d433,
  0x7807c9a2, 0x0f00f934, 0x9609a88e, 0xe10e9818, 0x7f6a0dbb, 0x086d3d2d,
  0x91646c97, 0xe6635c01, 0x6b6b51f4, 0x1c6c6162, 0x856530d8, 0xf262004e,
  0x6c0695ed, 0x1b01a57b, 0x8208f4c1, 0xf50fc457, 0x65b0d9c6, 0x12b7e950,
  0x8bbeb8ea, 0xfcb9887c, 0x62dd1ddf, 0x15da2d49, 0x8cd37cf3, 0xfbd44c65,
  0x4db26158, 0x3ab551ce, 0xa3bc0074, 0xd4bb30e2, 0x4adfa541, 0x3dd895d7,
  0xa4d1c46d, 0xd3d6f4fb, 0x4369e96a, 0x346ed9fc, 0xad678846, 0xda60b8d0,
  0x44042d73, 0x33031de5, 0xaa0a4c5f, 0xdd0d7cc9, 0x5005713c, 0x270241aa,
  0xbe0b1010, 0xc90c2086, 0x5768b525, 0x206f85b3, 0xb966d409, 0xce61e49f,
  0x5edef90e, 0x29d9c998, 0xb0d09822, 0xc7d7a8b4, 0x59b33d17, 0x2eb40d81,
  0xb7bd5c3b, 0xc0ba6cad, 0xedb88320, 0x9abfb3b6, 0x03b6e20c, 0x74b1d29a,
  0xead54739, 0x9dd277af, 0x04db2615, 0x73dc1683, 0xe3630b12, 0x94643b84,
  0x0d6d6a3e, 0x7a6a5aa8, 0xe40ecf0b, 0x9309ff9d, 0x0a00ae27, 0x7d079eb1,
  0xf00f9344, 0x8708a3d2, 0x1e01f268, 0x6906c2fe, 0xf762575d, 0x806567cb,
  0x196c3671, 0x6e6b06e7, 0xfed41b76, 0x89d32be0, 0x10da7a5a, 0x67dd4acc,
  0xf9b9df6f, 0x8ebeeff9, 0x17b7be43, 0x60b08ed5, 0xd6d6a3e8, 0xa1d1937e,
  0x38d8c2c4, 0x4fdff252, 0xd1bb67f1, 0xa6bc5767, 0x3fb506dd, 0x48b2364b,
  0xd80d2bda, 0xaf0a1b4c, 0x36034af6, 0x41047a60, 0xdf60efc3, 0xa867df55,
  0x316e8eef, 0x4669be79, 0xcb61b38c, 0xbc66831a, 0x256fd2a0, 0x5268e236,
  0xcc0c7795, 0xbb0b4703, 0x220216b9, 0x5505262f, 0xc5ba3bbe, 0xb2bd0b28,
  0x2bb45a92, 0x5cb36a04, 0xc2d7ffa7, 0xb5d0cf31, 0x2cd99e8b, 0x5bdeae1d,
  0x9b64c2b0, 0xec63f226, 0x756aa39c, 0x026d930a, 0x9c0906a9, 0xeb0e363f,
  0x72076785, 0x05005713, 0x95bf4a82, 0xe2b87a14, 0x7bb12bae, 0x0cb61b38,
  0x92d28e9b, 0xe5d5be0d, 0x7cdcefb7, 0x0bdbdf21, 0x86d3d2d4, 0xf1d4e242,
  0x68ddb3f8, 0x1fda836e, 0x81be16cd, 0xf6b9265b, 0x6fb077e1, 0x18b74777,
  0x88085ae6, 0xff0f6a70, 0x66063bca, 0x11010b5c, 0x8f659eff, 0xf862ae69,
  0x616bffd3, 0x166ccf45, 0xa00ae278, 0xd70dd2ee, 0x4e048354, 0x3903b3c2,
  0xa7672661, 0xd06016f7, 0x4969474d, 0x3e6e77db, 0xaed16a4a, 0xd9d65adc,
  0x40df0b66, 0x37d83bf0, 0xa9bcae53, 0xdebb9ec5, 0x47b2cf7f, 0x30b5ffe9,
  0xbdbdf21c, 0xcabac28a, 0x53b39330, 0x24b4a3a6, 0xbad03605, 0xcdd70693,
  0x54de5729, 0x23d967bf, 0xb3667a2e, 0xc4614ab8, 0x5d681b02, 0x2a6f2b94,
  0xb40bbe37, 0xc30c8ea1, 0x5a05df1b, 0x2d02ef8d,
};

/* Comprehension-required types from the IANA STUN registry that a message may carry without
 * being refused; anything else below 0x8000 is reported as unknown. */
static const guint16 known_required_types[] = {
  0x0001, 0x0003, 0x0006, 0x0008, 0x0009, 0x000A, 0x000C, 0x000D, 0x0012, 0x0013, 0x0014,
  0x0015, 0x0016, 0x0017, 0x0018, 0x0019, 0x001A, 0x001C, 0x001D, 0x001E, 0x0020, 0x0022,
  0x0024, 0x0025, 0x0026, 0x0027, 0x002A,
};

/**
 * lc_stun_crc32:
 * @data: (array length=length): bytes
 * @length: how many
 *
 * Returns: the CRC-32 (as used by zlib and by STUN's FINGERPRINT, before its XOR) of @data.
 */
guint32
lc_stun_crc32 (const guint8 *data,
               gsize         length)
{
  guint32 crc = 0xffffffffu;

  g_return_val_if_fail (data != NULL || length == 0, 0);

  for (gsize i = 0; i < length; i++)
    crc = crc32_table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);

  return crc ^ 0xffffffffu;
}

static inline guint16
read_u16 (const guint8 *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

static inline guint32
read_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static inline void
write_u16 (guint8  *p,
           guint16  v)
{
  p[0] = v >> 8;
  p[1] = v & 0xff;
}

static inline void
write_u32 (guint8  *p,
           guint32  v)
{
  p[0] = v >> 24;
  p[1] = (v >> 16) & 0xff;
  p[2] = (v >> 8) & 0xff;
  p[3] = v & 0xff;
}

static void
append_u16 (GByteArray *buf,
            guint16     v)
{
  guint8 b[2];

  write_u16 (b, v);
  g_byte_array_append (buf, b, sizeof b);
}

static void
append_u32 (GByteArray *buf,
            guint32     v)
{
  guint8 b[4];

  write_u32 (b, v);
  g_byte_array_append (buf, b, sizeof b);
}

static inline gsize
padded (gsize length)
{
  return (length + 3) & ~(gsize) 3;
}

static guint16
compose_type (guint       method,
              LcStunClass klass)
{
  return (guint16) ((method & 0x000f) | ((method & 0x0070) << 1) | ((method & 0x0f80) << 2)
                    | ((klass & 1) << 4) | ((klass & 2) << 7));
}

static gboolean
is_xor_address_type (guint16 type)
{
  return type == LC_STUN_ATTR_XOR_MAPPED_ADDRESS
         || type == LC_STUN_ATTR_XOR_PEER_ADDRESS
         || type == LC_STUN_ATTR_XOR_RELAYED_ADDRESS;
}

static gboolean
is_address_type (guint16 type)
{
  return is_xor_address_type (type)
         || type == LC_STUN_ATTR_MAPPED_ADDRESS
         || type == LC_STUN_ATTR_ALTERNATE_SERVER
         || type == LC_STUN_ATTR_RESPONSE_ORIGIN
         || type == LC_STUN_ATTR_OTHER_ADDRESS;
}

static gboolean
is_known_required_type (guint16 type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (known_required_types); i++)
    if (known_required_types[i] == type)
      return TRUE;

  return FALSE;
}

static void
attribute_clear (gpointer data)
{
  Attribute *attr = data;

  g_clear_pointer (&attr->value, g_free);
}

static const Attribute *
find_attribute (LcStunMessage *self,
                guint16        type)
{
  for (guint i = 0; i < self->attributes->len; i++)
    {
      const Attribute *attr = &g_array_index (self->attributes, Attribute, i);

      if (attr->type == type)
        return attr;
    }

  return NULL;
}

static LcStunMessage *
message_alloc (void)
{
  LcStunMessage *self = g_new0 (LcStunMessage, 1);

  g_ref_count_init (&self->ref_count);
  self->attributes = g_array_new (FALSE, TRUE, sizeof (Attribute));
  g_array_set_clear_func (self->attributes, attribute_clear);
  self->unknown = g_array_new (FALSE, FALSE, sizeof (guint16));

  return self;
}

static void
fill_random (guint8 *out,
             gsize   length)
{
  /* GLib 2.74 has no CSPRNG; the transaction id only has to be unguessable enough that
   * an off-path host cannot answer for the server, and the client also checks integrity
   * on authenticated answers. */
  for (gsize i = 0; i < length; i++)
    out[i] = (guint8) g_random_int_range (0, 256);
}

/**
 * lc_stun_message_new:
 * @method: a #LcStunMethod (or any 12-bit method)
 * @klass: request, indication, success or error
 * @transaction_id: (nullable) (array fixed-size=12): the id to use; %NULL makes a random one
 *
 * Starts a message to encode. Attributes are encoded in the order they are added.
 *
 * Returns: (transfer full): the new message
 */
LcStunMessage *
lc_stun_message_new (guint         method,
                     LcStunClass   klass,
                     const guint8 *transaction_id)
{
  LcStunMessage *self;

  g_return_val_if_fail (method <= 0x0fff, NULL);
  g_return_val_if_fail (klass <= LC_STUN_CLASS_ERROR, NULL);

  self = message_alloc ();
  self->method = method;
  self->klass = klass;

  if (transaction_id != NULL)
    memcpy (self->transaction_id, transaction_id, LC_STUN_TRANSACTION_ID_SIZE);
  else
    fill_random (self->transaction_id, LC_STUN_TRANSACTION_ID_SIZE);

  return self;
}

LcStunMessage *
lc_stun_message_ref (LcStunMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);

  return self;
}

void
lc_stun_message_unref (LcStunMessage *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->attributes, g_array_unref);
  g_clear_pointer (&self->unknown, g_array_unref);
  g_clear_pointer (&self->wire, g_bytes_unref);
  g_free (self);
}

/**
 * lc_stun_message_size_from_header:
 * @header: (array length=length): the first bytes of a message
 * @length: how many bytes @header has (at least 20 are needed)
 * @error: where to say why these bytes do not start a STUN message
 *
 * Checks a 20-byte STUN header and says how long the whole message is; this is how a
 * message is framed on a TCP or TLS stream.
 *
 * Returns: the size of the whole message, header included, or 0 with @error set
 */
gsize
lc_stun_message_size_from_header (const guint8  *header,
                                  gsize          length,
                                  GError       **error)
{
  guint16 body_length;

  g_return_val_if_fail (header != NULL || length == 0, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (length < LC_STUN_HEADER_SIZE)
    {
      g_set_error (error, LC_STUN_ERROR, LC_STUN_ERROR_TRUNCATED,
                   "%" G_GSIZE_FORMAT " bytes are too few for a STUN header (20 bytes)", length);
      return 0;
    }

  if ((header[0] & 0xc0) != 0)
    {
      g_set_error_literal (error, LC_STUN_ERROR, LC_STUN_ERROR_NOT_STUN,
                           "Not a STUN message: the first two bits are not zero");
      return 0;
    }

  if (read_u32 (header + 4) != LC_STUN_MAGIC_COOKIE)
    {
      g_set_error_literal (error, LC_STUN_ERROR, LC_STUN_ERROR_NOT_STUN,
                           "Not a STUN message: the magic cookie is wrong");
      return 0;
    }

  body_length = read_u16 (header + 2);
  if (body_length % 4 != 0)
    {
      g_set_error (error, LC_STUN_ERROR, LC_STUN_ERROR_NOT_STUN,
                   "Not a STUN message: its length %u is not a multiple of 4", body_length);
      return 0;
    }

  return LC_STUN_HEADER_SIZE + (gsize) body_length;
}

static gboolean
validate_text (guint16        type,
               const guint8  *value,
               gsize          length,
               gsize          max_length,
               GError       **error)
{
  if (length > max_length)
    {
      g_set_error (error, LC_STUN_ERROR, LC_STUN_ERROR_MALFORMED,
                   "Attribute 0x%04x is %" G_GSIZE_FORMAT " bytes long; at most %"
                   G_GSIZE_FORMAT " are allowed", type, length, max_length);
      return FALSE;
    }

  /* Also refuses embedded NULs, so the stored copy can be used as a C string. */
  if (length > 0 && !g_utf8_validate ((const char *) value, length, NULL))
    {
      g_set_error (error, LC_STUN_ERROR, LC_STUN_ERROR_MALFORMED,
                   "Attribute 0x%04x is not valid UTF-8 text", type);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_attribute (guint16        type,
                    const guint8  *value,
                    gsize          length,
                    GError       **error)
{
  gsize wanted = 0;

  if (is_address_type (type))
    {
      if (length >= 2 && value[1] == 0x01)
        wanted = 8;
      else if (length >= 2 && value[1] == 0x02)
        wanted = 20;

      if (wanted == 0 || length != wanted)
        {
          g_set_error (error, LC_STUN_ERROR, LC_STUN_ERROR_MALFORMED,
                       "Address attribute 0x%04x has an unknown family or a wrong length (%"
                       G_GSIZE_FORMAT " bytes)", type, length);
          return FALSE;
        }

      return TRUE;
    }

  switch (type)
    {
    case LC_STUN_ATTR_USERNAME:
      return validate_text (type, value, length, MAX_USERNAME_BYTES, error);

    case LC_STUN_ATTR_REALM:
    case LC_STUN_ATTR_NONCE:
    case LC_STUN_ATTR_SOFTWARE:
      return validate_text (type, value, length, MAX_TEXT_BYTES, error);

    case LC_STUN_ATTR_ERROR_CODE:
      if (length < 4 || (value[2] & 0x07) < 3 || (value[2] & 0x07) > 6 || value[3] > 99)
        {
          g_set_error_literal (error, LC_STUN_ERROR, LC_STUN_ERROR_MALFORMED,
                               "ERROR-CODE is too short or its code is out of range");
          return FALSE;
        }
      return validate_text (type, value + 4, length - 4, MAX_TEXT_BYTES, error);

    case LC_STUN_ATTR_LIFETIME:
    case LC_STUN_ATTR_REQUESTED_TRANSPORT:
    case LC_STUN_ATTR_PRIORITY:
    case LC_STUN_ATTR_CHANNEL_NUMBER:
    case LC_STUN_ATTR_REQUESTED_ADDRESS_FAMILY:
      wanted = 4;
      break;

    case LC_STUN_ATTR_ICE_CONTROLLED:
    case LC_STUN_ATTR_ICE_CONTROLLING:
    case LC_STUN_ATTR_RESERVATION_TOKEN:
      wanted = 8;
      break;

    case LC_STUN_ATTR_UNKNOWN_ATTRIBUTES:
      if (length % 2 != 0)
        {
          g_set_error_literal (error, LC_STUN_ERROR, LC_STUN_ERROR_MALFORMED,
                               "UNKNOWN-ATTRIBUTES has an odd length");
          return FALSE;
        }
      return TRUE;

    default:
      return TRUE;
    }

  if (length != wanted)
    {
      g_set_error (error, LC_STUN_ERROR, LC_STUN_ERROR_MALFORMED,
                   "Attribute 0x%04x is %" G_GSIZE_FORMAT " bytes long instead of %"
                   G_GSIZE_FORMAT, type, length, wanted);
      return FALSE;
    }

  return TRUE;
}

static void
store_attribute (LcStunMessage *self,
                 guint16        type,
                 const guint8  *value,
                 gsize          length)
{
  Attribute attr;

  attr.type = type;
  attr.length = (guint16) length;
  attr.value = g_malloc (length + 1);
  if (length > 0)
    memcpy (attr.value, value, length);
  attr.value[length] = 0;

  g_array_append_val (self->attributes, attr);
  self->body_size += 4 + padded (length);
}

/**
 * lc_stun_message_decode:
 * @data: (array length=length): the bytes of exactly one message (one datagram, or one
 *   message framed with lc_stun_message_size_from_header())
 * @length: how many
 * @error: where to say why the bytes are not a valid message
 *
 * Decodes and checks a message: header, attribute framing, known attributes' formats, and
 * FINGERPRINT when present. Attributes that follow MESSAGE-INTEGRITY (other than FINGERPRINT)
 * are ignored, as RFC 8489 says. MESSAGE-INTEGRITY needs a key: see
 * lc_stun_message_verify_integrity(). Never reads outside @data, whatever it holds.
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 */
LcStunMessage *
lc_stun_message_decode (const guint8  *data,
                        gsize          length,
                        GError       **error)
{
  g_autoptr(LcStunMessage) self = NULL;
  gsize size;
  gsize offset;
  guint16 type;
  gboolean after_integrity = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = lc_stun_message_size_from_header (data, length, error);
  if (size == 0)
    return NULL;

  if (length < size)
    {
      g_set_error (error, LC_STUN_ERROR, LC_STUN_ERROR_TRUNCATED,
                   "The STUN header announces %" G_GSIZE_FORMAT " bytes but only %"
                   G_GSIZE_FORMAT " arrived", size, length);
      return NULL;
    }

  if (length > size)
    {
      g_set_error (error, LC_STUN_ERROR, LC_STUN_ERROR_MALFORMED,
                   "%" G_GSIZE_FORMAT " bytes follow the end the STUN header announces",
                   length - size);
      return NULL;
    }

  self = message_alloc ();
  type = read_u16 (data);
  self->method = (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2);
  self->klass = ((type >> 4) & 1) | ((type >> 7) & 2);
  memcpy (self->transaction_id, data + 8, LC_STUN_TRANSACTION_ID_SIZE);

  offset = LC_STUN_HEADER_SIZE;
  while (offset < size)
    {
      guint16 attr_type;
      gsize attr_length;
      const guint8 *value;

      /* size - offset is a positive multiple of 4 here, so the 4-byte header fits. */
      if (self->has_fingerprint)
        {
          g_set_error_literal (error, LC_STUN_ERROR, LC_STUN_ERROR_MALFORMED,
                               "An attribute follows FINGERPRINT, which must come last");
          return NULL;
        }

      attr_type = read_u16 (data + offset);
      attr_length = read_u16 (data + offset + 2);
      value = data + offset + 4;

      if (padded (attr_length) > size - offset - 4)
        {
          g_set_error (error, LC_STUN_ERROR, LC_STUN_ERROR_MALFORMED,
                       "Attribute 0x%04x claims %" G_GSIZE_FORMAT " bytes but only %"
                       G_GSIZE_FORMAT " remain in the message",
                       attr_type, attr_length, size - offset - 4);
          return NULL;
        }

      if (attr_type == LC_STUN_ATTR_FINGERPRINT)
        {
          guint32 expected;

          if (attr_length != 4)
            {
              g_set_error_literal (error, LC_STUN_ERROR, LC_STUN_ERROR_MALFORMED,
                                   "FINGERPRINT is not 4 bytes long");
              return NULL;
            }

          /* FINGERPRINT is last, so the header's length already covers it as it must. */
          expected = lc_stun_crc32 (data, offset) ^ FINGERPRINT_XOR;
          if (read_u32 (value) != expected)
            {
              g_set_error_literal (error, LC_STUN_ERROR, LC_STUN_ERROR_BAD_FINGERPRINT,
                                   "The FINGERPRINT does not match: the message was damaged");
              return NULL;
            }

          self->has_fingerprint = TRUE;
        }
      else if (after_integrity)
        {
          /* Not covered by MESSAGE-INTEGRITY: RFC 8489 §14.5 says to ignore it. */
        }
      else if (attr_type == LC_STUN_ATTR_MESSAGE_INTEGRITY)
        {
          if (attr_length != INTEGRITY_SIZE)
            {
              g_set_error_literal (error, LC_STUN_ERROR, LC_STUN_ERROR_MALFORMED,
                                   "MESSAGE-INTEGRITY is not 20 bytes long");
              return NULL;
            }

          self->integrity_offset = offset;
          after_integrity = TRUE;
        }
      else
        {
          if (!validate_attribute (attr_type, value, attr_length, error))
            return NULL;

          store_attribute (self, attr_type, value, attr_length);

          if (attr_type < 0x8000 && !is_known_required_type (attr_type))
            g_array_append_val (self->unknown, attr_type);
        }

      offset += 4 + padded (attr_length);
    }

  self->wire = g_bytes_new (data, size);

  return g_steal_pointer (&self);
}

guint
lc_stun_message_get_method (LcStunMessage *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->method;
}

LcStunClass
lc_stun_message_get_class (LcStunMessage *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->klass;
}

/**
 * lc_stun_message_get_transaction_id:
 *
 * Returns: (array fixed-size=12): the 96-bit transaction id, owned by @self
 */
const guint8 *
lc_stun_message_get_transaction_id (LcStunMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->transaction_id;
}

gboolean
lc_stun_message_has_transaction_id (LcStunMessage *self,
                                    const guint8  *transaction_id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (transaction_id != NULL, FALSE);

  return memcmp (self->transaction_id, transaction_id, LC_STUN_TRANSACTION_ID_SIZE) == 0;
}

/**
 * lc_stun_message_set_padding_byte:
 * @padding_byte: the byte that pads attributes to 4 bytes when encoding
 *
 * Receivers ignore padding and this module pads with zeros; RFC 5769's test vectors pad
 * with spaces, which this allows to reproduce byte for byte.
 */
void
lc_stun_message_set_padding_byte (LcStunMessage *self,
                                  guint8         padding_byte)
{
  g_return_if_fail (self != NULL);

  self->padding_byte = padding_byte;
}

/**
 * lc_stun_message_add_attribute:
 * @type: the attribute type; not MESSAGE-INTEGRITY or FINGERPRINT, which
 *   lc_stun_message_encode() adds
 * @value: (array length=length) (nullable): the value, without padding
 * @length: its length
 *
 * Adds a raw attribute.
 */
void
lc_stun_message_add_attribute (LcStunMessage *self,
                               guint16        type,
                               const void    *value,
                               gsize          length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (value != NULL || length == 0);
  g_return_if_fail (type != LC_STUN_ATTR_MESSAGE_INTEGRITY);
  g_return_if_fail (type != LC_STUN_ATTR_FINGERPRINT);
  /* Leave room for MESSAGE-INTEGRITY and FINGERPRINT within the 16-bit length. */
  g_return_if_fail (self->body_size + 4 + padded (length) + INTEGRITY_ATTR_SIZE
                    + FINGERPRINT_ATTR_SIZE <= MAX_BODY_SIZE);

  store_attribute (self, type, value, length);
}

/**
 * lc_stun_message_add_string:
 * @type: USERNAME, REALM, NONCE, SOFTWARE or another text attribute
 * @value: UTF-8 text
 */
void
lc_stun_message_add_string (LcStunMessage *self,
                            guint16        type,
                            const char    *value)
{
  g_return_if_fail (value != NULL);

  lc_stun_message_add_attribute (self, type, value, strlen (value));
}

/**
 * lc_stun_message_add_uint32:
 * @type: LIFETIME, PRIORITY or another 32-bit attribute
 * @value: the value, in host order
 */
void
lc_stun_message_add_uint32 (LcStunMessage *self,
                            guint16        type,
                            guint32        value)
{
  guint8 b[4];

  write_u32 (b, value);
  lc_stun_message_add_attribute (self, type, b, sizeof b);
}

static void
xor_address (LcStunMessage *self,
             guint8        *value,
             gsize          addr_length)
{
  guint8 mask[16];

  write_u32 (mask, LC_STUN_MAGIC_COOKIE);
  memcpy (mask + 4, self->transaction_id, LC_STUN_TRANSACTION_ID_SIZE);

  value[2] ^= mask[0];
  value[3] ^= mask[1];
  for (gsize i = 0; i < addr_length; i++)
    value[4 + i] ^= mask[i];
}

/**
 * lc_stun_message_add_address:
 * @type: an address attribute; the XOR- ones are obfuscated as RFC 8489 says
 * @address: an IPv4 or IPv6 address and port
 */
void
lc_stun_message_add_address (LcStunMessage      *self,
                             guint16             type,
                             GInetSocketAddress *address)
{
  GInetAddress *inet;
  guint8 value[20] = { 0 };
  gsize addr_length;

  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_INET_SOCKET_ADDRESS (address));

  inet = g_inet_socket_address_get_address (address);
  addr_length = g_inet_address_get_native_size (inet);
  g_return_if_fail (addr_length == 4 || addr_length == 16);

  value[1] = addr_length == 4 ? 0x01 : 0x02;
  write_u16 (value + 2, g_inet_socket_address_get_port (address));
  memcpy (value + 4, g_inet_address_to_bytes (inet), addr_length);

  if (is_xor_address_type (type))
    xor_address (self, value, addr_length);

  lc_stun_message_add_attribute (self, type, value, 4 + addr_length);
}

/**
 * lc_stun_message_add_error_code:
 * @code: 300–699
 * @reason: a short reason phrase
 */
void
lc_stun_message_add_error_code (LcStunMessage *self,
                                guint          code,
                                const char    *reason)
{
  g_autofree guint8 *value = NULL;
  gsize reason_length;

  g_return_if_fail (code >= 300 && code <= 699);
  g_return_if_fail (reason != NULL);

  reason_length = strlen (reason);
  g_return_if_fail (reason_length <= MAX_TEXT_BYTES);

  value = g_malloc0 (4 + reason_length);
  value[2] = code / 100;
  value[3] = code % 100;
  memcpy (value + 4, reason, reason_length);

  lc_stun_message_add_attribute (self, LC_STUN_ATTR_ERROR_CODE, value, 4 + reason_length);
}

/**
 * lc_stun_message_add_requested_transport:
 * @protocol: %LC_STUN_TRANSPORT_PROTOCOL_UDP (the only one RFC 8656 allocates) or TCP
 */
void
lc_stun_message_add_requested_transport (LcStunMessage *self,
                                         guint8         protocol)
{
  guint8 value[4] = { protocol, 0, 0, 0 };

  lc_stun_message_add_attribute (self, LC_STUN_ATTR_REQUESTED_TRANSPORT, value, sizeof value);
}

static const guint8 *
key_data (GBytes *key,
          gsize  *length)
{
  static const guint8 empty = 0;
  const guint8 *data = g_bytes_get_data (key, length);

  /* GHmac wants a pointer even for an empty key. */
  return data != NULL ? data : &empty;
}

/* HMAC-SHA1 over @data (a header and the attributes before MESSAGE-INTEGRITY) as if the
 * header's length ended just after MESSAGE-INTEGRITY. */
static void
compute_integrity (GBytes       *key,
                   const guint8 *data,
                   gsize         prefix_length,
                   guint8        digest[INTEGRITY_SIZE])
{
  g_autoptr(GHmac) hmac = NULL;
  guint8 header[LC_STUN_HEADER_SIZE];
  const guint8 *k;
  gsize k_length;
  gsize digest_length = INTEGRITY_SIZE;

  g_assert (prefix_length >= LC_STUN_HEADER_SIZE);

  memcpy (header, data, LC_STUN_HEADER_SIZE);
  write_u16 (header + 2, prefix_length - LC_STUN_HEADER_SIZE + INTEGRITY_ATTR_SIZE);

  k = key_data (key, &k_length);
  hmac = g_hmac_new (G_CHECKSUM_SHA1, k, k_length);
  g_hmac_update (hmac, header, sizeof header);
  g_hmac_update (hmac, data + LC_STUN_HEADER_SIZE, prefix_length - LC_STUN_HEADER_SIZE);
  g_hmac_get_digest (hmac, digest, &digest_length);
  g_assert (digest_length == INTEGRITY_SIZE);
}

/**
 * lc_stun_message_encode:
 * @integrity_key: (nullable): a key from lc_stun_key_new_short_term() or
 *   lc_stun_key_new_long_term(); adds MESSAGE-INTEGRITY after the attributes
 * @fingerprint: whether to end with FINGERPRINT
 *
 * Returns: (transfer full): the message on the wire
 */
GBytes *
lc_stun_message_encode (LcStunMessage *self,
                        GBytes        *integrity_key,
                        gboolean       fingerprint)
{
  GByteArray *buf;

  g_return_val_if_fail (self != NULL, NULL);
  /* A decoded message may already fill the 16-bit length; there is no room left then. */
  g_return_val_if_fail (self->body_size + (integrity_key != NULL ? INTEGRITY_ATTR_SIZE : 0)
                        + (fingerprint ? FINGERPRINT_ATTR_SIZE : 0) <= MAX_BODY_SIZE, NULL);

  buf = g_byte_array_sized_new (LC_STUN_HEADER_SIZE + self->body_size + INTEGRITY_ATTR_SIZE
                                + FINGERPRINT_ATTR_SIZE);

  append_u16 (buf, compose_type (self->method, self->klass));
  append_u16 (buf, 0);
  append_u32 (buf, LC_STUN_MAGIC_COOKIE);
  g_byte_array_append (buf, self->transaction_id, LC_STUN_TRANSACTION_ID_SIZE);

  for (guint i = 0; i < self->attributes->len; i++)
    {
      const Attribute *attr = &g_array_index (self->attributes, Attribute, i);
      gsize pad = padded (attr->length) - attr->length;

      append_u16 (buf, attr->type);
      append_u16 (buf, attr->length);
      g_byte_array_append (buf, attr->value, attr->length);
      for (gsize j = 0; j < pad; j++)
        g_byte_array_append (buf, &self->padding_byte, 1);
    }

  if (integrity_key != NULL)
    {
      guint8 digest[INTEGRITY_SIZE];

      compute_integrity (integrity_key, buf->data, buf->len, digest);
      append_u16 (buf, LC_STUN_ATTR_MESSAGE_INTEGRITY);
      append_u16 (buf, INTEGRITY_SIZE);
      g_byte_array_append (buf, digest, sizeof digest);
    }

  if (fingerprint)
    {
      guint32 crc;

      write_u16 (buf->data + 2, buf->len - LC_STUN_HEADER_SIZE + FINGERPRINT_ATTR_SIZE);
      crc = lc_stun_crc32 (buf->data, buf->len) ^ FINGERPRINT_XOR;
      append_u16 (buf, LC_STUN_ATTR_FINGERPRINT);
      append_u16 (buf, 4);
      append_u32 (buf, crc);
    }

  write_u16 (buf->data + 2, buf->len - LC_STUN_HEADER_SIZE);

  return g_byte_array_free_to_bytes (buf);
}

gboolean
lc_stun_message_has_attribute (LcStunMessage *self,
                               guint16        type)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (type == LC_STUN_ATTR_MESSAGE_INTEGRITY)
    return self->integrity_offset != 0;
  if (type == LC_STUN_ATTR_FINGERPRINT)
    return self->has_fingerprint;

  return find_attribute (self, type) != NULL;
}

/**
 * lc_stun_message_get_attribute:
 * @type: the attribute type; the first one of that type counts
 * @length: (out) (optional): its length, without padding
 *
 * Returns: (nullable) (array length=length): the raw value, owned by @self, or %NULL
 */
const guint8 *
lc_stun_message_get_attribute (LcStunMessage *self,
                               guint16        type,
                               gsize         *length)
{
  const Attribute *attr;

  g_return_val_if_fail (self != NULL, NULL);

  attr = find_attribute (self, type);
  if (length != NULL)
    *length = attr != NULL ? attr->length : 0;

  return attr != NULL ? attr->value : NULL;
}

/**
 * lc_stun_message_get_string:
 * @type: USERNAME, REALM, NONCE or SOFTWARE (validated as UTF-8 when decoded)
 *
 * Returns: (nullable): the text, owned by @self, or %NULL when absent or not UTF-8 text
 */
const char *
lc_stun_message_get_string (LcStunMessage *self,
                            guint16        type)
{
  const Attribute *attr;

  g_return_val_if_fail (self != NULL, NULL);

  attr = find_attribute (self, type);
  if (attr == NULL)
    return NULL;

  /* Only text types are validated when decoding; never hand out anything that is not text. */
  if (!g_utf8_validate ((const char *) attr->value, attr->length, NULL))
    return NULL;

  return (const char *) attr->value;
}

/**
 * lc_stun_message_get_uint32:
 * @type: LIFETIME or another 32-bit attribute
 * @value: (out) (optional): the value
 *
 * Returns: %TRUE if the attribute is there and 4 bytes long
 */
gboolean
lc_stun_message_get_uint32 (LcStunMessage *self,
                            guint16        type,
                            guint32       *value)
{
  const Attribute *attr;

  g_return_val_if_fail (self != NULL, FALSE);

  attr = find_attribute (self, type);
  if (attr == NULL || attr->length != 4)
    return FALSE;

  if (value != NULL)
    *value = read_u32 (attr->value);

  return TRUE;
}

/**
 * lc_stun_message_get_address:
 * @type: MAPPED-ADDRESS, XOR-MAPPED-ADDRESS, XOR-RELAYED-ADDRESS, XOR-PEER-ADDRESS, …
 *
 * Returns: (transfer full) (nullable): the address, de-obfuscated, or %NULL when absent
 */
GInetSocketAddress *
lc_stun_message_get_address (LcStunMessage *self,
                             guint16        type)
{
  const Attribute *attr;
  g_autoptr(GInetAddress) inet = NULL;
  guint8 value[20];
  gsize addr_length;

  g_return_val_if_fail (self != NULL, NULL);

  attr = find_attribute (self, type);
  if (attr == NULL || attr->length < 4)
    return NULL;

  if (attr->value[1] == 0x01 && attr->length == 8)
    addr_length = 4;
  else if (attr->value[1] == 0x02 && attr->length == 20)
    addr_length = 16;
  else
    return NULL;

  memcpy (value, attr->value, attr->length);
  if (is_xor_address_type (type))
    xor_address (self, value, addr_length);

  inet = g_inet_address_new_from_bytes (value + 4, addr_length == 4 ? G_SOCKET_FAMILY_IPV4
                                                                    : G_SOCKET_FAMILY_IPV6);

  return G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (inet, read_u16 (value + 2)));
}

/**
 * lc_stun_message_dup_address_string:
 *
 * Returns: (transfer full) (nullable): the address as "ip:port" or "[ipv6]:port"
 */
char *
lc_stun_message_dup_address_string (LcStunMessage *self,
                                    guint16        type)
{
  g_autoptr(GInetSocketAddress) address = lc_stun_message_get_address (self, type);

  return address != NULL ? lc_stun_address_to_string (address) : NULL;
}

/**
 * lc_stun_message_get_error_code:
 * @code: (out) (optional): 300–699
 * @reason: (out) (optional) (transfer none): the reason phrase, owned by @self
 *
 * Returns: %TRUE if the message carries a valid ERROR-CODE
 */
gboolean
lc_stun_message_get_error_code (LcStunMessage  *self,
                                guint          *code,
                                const char    **reason)
{
  const Attribute *attr;

  g_return_val_if_fail (self != NULL, FALSE);

  attr = find_attribute (self, LC_STUN_ATTR_ERROR_CODE);
  if (attr == NULL || attr->length < 4 || memchr (attr->value + 4, 0, attr->length - 4))
    return FALSE;

  if (code != NULL)
    *code = (attr->value[2] & 0x07) * 100 + attr->value[3];
  if (reason != NULL)
    *reason = (const char *) attr->value + 4;

  return TRUE;
}

/**
 * lc_stun_message_get_requested_transport:
 * @protocol: (out) (optional): the IANA protocol number
 */
gboolean
lc_stun_message_get_requested_transport (LcStunMessage *self,
                                         guint8        *protocol)
{
  const Attribute *attr;

  g_return_val_if_fail (self != NULL, FALSE);

  attr = find_attribute (self, LC_STUN_ATTR_REQUESTED_TRANSPORT);
  if (attr == NULL || attr->length != 4)
    return FALSE;

  if (protocol != NULL)
    *protocol = attr->value[0];

  return TRUE;
}

/**
 * lc_stun_message_get_unknown_attributes:
 * @n_unknown: (out): how many
 *
 * A server answers a request that has any with 420 Unknown Attribute; a client treats a
 * response that has any as failed.
 *
 * Returns: (array length=n_unknown): the comprehension-required attribute types of a decoded
 *   message that this module does not know, owned by @self
 */
const guint16 *
lc_stun_message_get_unknown_attributes (LcStunMessage *self,
                                        gsize         *n_unknown)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_unknown != NULL, NULL);

  *n_unknown = self->unknown->len;

  return (const guint16 *) (gpointer) self->unknown->data;
}

gboolean
lc_stun_message_has_integrity (LcStunMessage *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->integrity_offset != 0;
}

gboolean
lc_stun_message_has_fingerprint (LcStunMessage *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->has_fingerprint;
}

/**
 * lc_stun_message_verify_integrity:
 * @key: the short-term or long-term key the peer should have used
 * @error: %LC_STUN_ERROR_NO_INTEGRITY or %LC_STUN_ERROR_BAD_INTEGRITY
 *
 * Checks MESSAGE-INTEGRITY of a decoded message against the bytes it was decoded from.
 *
 * Returns: %TRUE if the message carries MESSAGE-INTEGRITY and it matches @key
 */
gboolean
lc_stun_message_verify_integrity (LcStunMessage  *self,
                                  GBytes         *key,
                                  GError        **error)
{
  const guint8 *wire;
  gsize wire_length;
  guint8 digest[INTEGRITY_SIZE];
  guint8 diff = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->wire == NULL || self->integrity_offset == 0)
    {
      g_set_error_literal (error, LC_STUN_ERROR, LC_STUN_ERROR_NO_INTEGRITY,
                           "The message carries no MESSAGE-INTEGRITY");
      return FALSE;
    }

  wire = g_bytes_get_data (self->wire, &wire_length);
  g_assert (self->integrity_offset + INTEGRITY_ATTR_SIZE <= wire_length);

  compute_integrity (key, wire, self->integrity_offset, digest);

  /* Constant time, so the comparison does not tell how much of a forgery was right. */
  for (gsize i = 0; i < INTEGRITY_SIZE; i++)
    diff |= digest[i] ^ wire[self->integrity_offset + 4 + i];

  if (diff != 0)
    {
      g_set_error_literal (error, LC_STUN_ERROR, LC_STUN_ERROR_BAD_INTEGRITY,
                           "MESSAGE-INTEGRITY does not match: the password differs, or the "
                           "message was altered on the way");
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  gsize  length;
  guint8 bytes[];
} KeyBuffer;

static void
key_buffer_free (gpointer data)
{
  KeyBuffer *kb = data;
  volatile guint8 *p = kb->bytes;

  /* Through a volatile pointer so the compiler cannot drop the wipe before the free. */
  for (gsize i = 0; i < kb->length; i++)
    p[i] = 0;

  g_free (kb);
}

static GBytes *
key_bytes_new (const guint8 *data,
               gsize         length)
{
  KeyBuffer *kb = g_malloc (sizeof (KeyBuffer) + length + 1);

  kb->length = length;
  if (length > 0)
    memcpy (kb->bytes, data, length);

  return g_bytes_new_with_free_func (kb->bytes, length, key_buffer_free, kb);
}

/**
 * lc_stun_key_new_short_term:
 * @password: the short-term password (ICE)
 *
 * The key is the password itself. RFC 8489 first passes it through OpaqueString (SASLprep in
 * RFC 5389); that is not done here, which only matters for non-ASCII passwords.
 *
 * Returns: (transfer full): the key; its memory is wiped when freed
 */
GBytes *
lc_stun_key_new_short_term (const char *password)
{
  g_return_val_if_fail (password != NULL, NULL);

  return key_bytes_new ((const guint8 *) password, strlen (password));
}

/**
 * lc_stun_key_new_long_term:
 * @username: the TURN username
 * @realm: the REALM the server sent
 * @password: the TURN password
 *
 * The long-term key, MD5(username ":" realm ":" password) (RFC 8489 §9.2.2). As with
 * lc_stun_key_new_short_term(), no OpaqueString/SASLprep is applied.
 *
 * Returns: (transfer full): the 16-byte key; its memory is wiped when freed
 */
GBytes *
lc_stun_key_new_long_term (const char *username,
                           const char *realm,
                           const char *password)
{
  g_autoptr(GChecksum) md5 = NULL;
  guint8 digest[16];
  gsize digest_length = sizeof digest;
  GBytes *key;
  volatile guint8 *p = digest;

  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (realm != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  md5 = g_checksum_new (G_CHECKSUM_MD5);
  g_checksum_update (md5, (const guchar *) username, strlen (username));
  g_checksum_update (md5, (const guchar *) ":", 1);
  g_checksum_update (md5, (const guchar *) realm, strlen (realm));
  g_checksum_update (md5, (const guchar *) ":", 1);
  g_checksum_update (md5, (const guchar *) password, strlen (password));
  g_checksum_get_digest (md5, digest, &digest_length);
  g_assert (digest_length == sizeof digest);

  key = key_bytes_new (digest, sizeof digest);
  for (gsize i = 0; i < sizeof digest; i++)
    p[i] = 0;

  return key;
}

/**
 * lc_stun_address_to_string:
 *
 * Returns: (transfer full): "192.0.2.1:32853" or "[2001:db8::1]:32853"
 */
char *
lc_stun_address_to_string (GInetSocketAddress *address)
{
  GInetAddress *inet;
  g_autofree char *ip = NULL;

  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), NULL);

  inet = g_inet_socket_address_get_address (address);
  ip = g_inet_address_to_string (inet);

  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[%s]:%u", ip, g_inet_socket_address_get_port (address));

  return g_strdup_printf ("%s:%u", ip, g_inet_socket_address_get_port (address));
}
