/* lc-dtls-identity.c — one DTLS key per user, kept in the cache, instead of one per process
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GStreamer 1.22's DTLS elements give every process one self-signed certificate, made the
 * first time a dtlsdec is created, in its instance init, around a new RSA-2048 key
 * (RSA_generate_key_ex): 0.08–0.40 s of CPU before a call can start, a third of what a 10-s
 * A/V call costs in all. No property can be set before that, and a `pem` set later replaces
 * the agent without saving the cost.
 *
 * The legacy key generation that the plugin calls goes through the RSA_METHOD of the new key,
 * which OpenSSL takes from RSA_get_default_method (). lc_dtls_identity_install () puts in a
 * method that differs from OpenSSL's own in one thing: asked for the shape the plugin asks
 * for (2048 bits, e = 65537), it hands out the key kept in the user's cache folder, made the
 * first time and kept for 30 days. Any other request, and any failure, falls through to
 * OpenSSL's generator. The key it hands out carries OpenSSL's own method again, so the rest
 * of OpenSSL treats it as any other key. The certificate around it is still made by the
 * plugin in each process (a new serial and name each time); only the key is kept, as a
 * browser keeps an RTCCertificate.
 *
 * The cache file is outside input like any other: a regular file of ours only, not readable
 * by others, at most 8 KiB, a PEM RSA key with no password, of the expected shape, that
 * passes RSA_check_key (). Anything else is replaced by a new key.
 */
#define OPENSSL_SUPPRESS_DEPRECATED 1 /* RSA_METHOD: the plugin's own call is the legacy one */

#include "config.h"

#include "lc-dtls-identity.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_BITS      2048
#define KEY_FILE_MAX  8192
#define KEY_MAX_AGE_S (30 * 24 * 3600)

static GMutex key_lock;
static RSA *kept_key;           /* key_lock */
static gboolean looked;         /* key_lock: the cache was read (or tried) once */

char *
lc_dtls_identity_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "linecheck", "dtls-key.pem", NULL);
}

static int
refuse_password (char  *buf,
                 int    size,
                 int    rwflag,
                 void  *user_data)
{
  return 0; /* never prompt on a terminal: a key with a password is simply not ours */
}

static gboolean
has_kept_shape (const RSA *rsa)
{
  const BIGNUM *e = NULL;

  RSA_get0_key (rsa, NULL, &e, NULL);
  return RSA_bits (rsa) == KEY_BITS && e != NULL && BN_is_word (e, RSA_F4);
}

/* Reads the kept key: NULL for anything that is not a fresh, private, well-formed key. */
static RSA *
read_kept_key (const char *path)
{
  g_autofree char *data = NULL;
  struct stat st;
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;
  ssize_t got;
  size_t total = 0;
  BIO *bio;
  RSA *rsa;
  int fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != getuid ()
      || (st.st_mode & 077) != 0 || st.st_size <= 0 || st.st_size > KEY_FILE_MAX
      || st.st_mtime > now_s + 60 || now_s - st.st_mtime > KEY_MAX_AGE_S)
    {
      g_close (fd, NULL);
      return NULL;
    }

  data = g_malloc (KEY_FILE_MAX + 1);
  while (total < KEY_FILE_MAX)
    {
      got = read (fd, data + total, KEY_FILE_MAX - total);
      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        break;
      total += (size_t)got;
    }
  g_close (fd, NULL);
  if (total == 0 || total != (size_t)st.st_size)
    {
      OPENSSL_cleanse (data, KEY_FILE_MAX);
      return NULL;
    }

  bio = BIO_new_mem_buf (data, (int)total);
  rsa = bio ? PEM_read_bio_RSAPrivateKey (bio, NULL, refuse_password, NULL) : NULL;
  BIO_free (bio);
  OPENSSL_cleanse (data, KEY_FILE_MAX);

  if (rsa != NULL && (!has_kept_shape (rsa) || RSA_check_key (rsa) != 1))
    g_clear_pointer (&rsa, RSA_free);
  return rsa;
}

static void
write_kept_key (const char *path,
                RSA        *rsa)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  BIO *mem = BIO_new (BIO_s_mem ());
  char *pem = NULL;
  long length = 0;

  if (mem == NULL)
    return;
  if (g_mkdir_with_parents (dir, 0700) == 0
      && PEM_write_bio_RSAPrivateKey (mem, rsa, NULL, NULL, 0, NULL, NULL) == 1
      && (length = BIO_get_mem_data (mem, &pem)) > 0
      && !g_file_set_contents_full (path, pem, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                    &error))
    g_debug ("The DTLS key is not kept for the next call: %s", error->message);
  if (pem != NULL)
    OPENSSL_cleanse (pem, (size_t)length);
  BIO_free (mem);
}

/* OpenSSL's own generator, for a key that is not to be kept or when keeping fails. */
static int
generate_with_openssl (RSA      *rsa,
                       int       bits,
                       BIGNUM   *e,
                       BN_GENCB *cb)
{
  RSA_set_method (rsa, RSA_PKCS1_OpenSSL ());
  return RSA_generate_key_ex (rsa, bits, e, cb);
}

static RSA *
make_kept_key (void)
{
  BIGNUM *e = BN_new ();
  RSA *rsa = RSA_new ();

  if (e == NULL || rsa == NULL || BN_set_word (e, RSA_F4) != 1
      || generate_with_openssl (rsa, KEY_BITS, e, NULL) != 1)
    g_clear_pointer (&rsa, RSA_free);
  BN_free (e);
  return rsa;
}

static gboolean
copy_key (RSA       *to,
          const RSA *from)
{
  const BIGNUM *n, *e, *d, *p, *q, *dmp1, *dmq1, *iqmp;
  BIGNUM *copies[8];
  gboolean copied = TRUE;

  RSA_get0_key (from, &n, &e, &d);
  RSA_get0_factors (from, &p, &q);
  RSA_get0_crt_params (from, &dmp1, &dmq1, &iqmp);
  copies[0] = BN_dup (n);
  copies[1] = BN_dup (e);
  copies[2] = BN_dup (d);
  copies[3] = BN_dup (p);
  copies[4] = BN_dup (q);
  copies[5] = BN_dup (dmp1);
  copies[6] = BN_dup (dmq1);
  copies[7] = BN_dup (iqmp);
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    copied = copied && copies[i] != NULL;
  if (!copied)
    {
      for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
        BN_clear_free (copies[i]);
      return FALSE;
    }
  /* Each set0 takes its numbers and cannot fail on a key with none set. */
  RSA_set0_key (to, copies[0], copies[1], copies[2]);
  RSA_set0_factors (to, copies[3], copies[4]);
  RSA_set0_crt_params (to, copies[5], copies[6], copies[7]);
  return TRUE;
}

static int
kept_keygen (RSA      *rsa,
             int       bits,
             BIGNUM   *e,
             BN_GENCB *cb)
{
  gboolean handed = FALSE;

  if (bits != KEY_BITS || e == NULL || !BN_is_word (e, RSA_F4))
    return generate_with_openssl (rsa, bits, e, cb);

  g_mutex_lock (&key_lock);
  if (!looked)
    {
      g_autofree char *path = lc_dtls_identity_path ();

      looked = TRUE;
      kept_key = read_kept_key (path);
      if (kept_key == NULL)
        {
          kept_key = make_kept_key ();
          if (kept_key != NULL)
            write_kept_key (path, kept_key);
        }
    }
  if (kept_key != NULL)
    handed = copy_key (rsa, kept_key);
  g_mutex_unlock (&key_lock);

  if (!handed)
    return generate_with_openssl (rsa, bits, e, cb);
  RSA_set_method (rsa, RSA_PKCS1_OpenSSL ()); /* an ordinary key from here on */
  return 1;
}

/**
 * lc_dtls_identity_install:
 *
 * Makes the process's DTLS key the one kept in the cache (see the top of this file). Call it
 * before the first webrtcbin is made; later calls do nothing. Leaves OpenSSL alone when
 * something else already changed its default RSA method.
 */
void
lc_dtls_identity_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      if (RSA_get_default_method () == RSA_PKCS1_OpenSSL ())
        {
          RSA_METHOD *method = RSA_meth_dup (RSA_PKCS1_OpenSSL ());

          if (method != NULL && RSA_meth_set1_name (method, "linecheck kept DTLS key") == 1
              && RSA_meth_set_keygen (method, kept_keygen) == 1)
            RSA_set_default_method (method); /* for the process's lifetime */
          else if (method != NULL)
            RSA_meth_free (method);
        }
      g_once_init_leave (&installed, 1);
    }
}
