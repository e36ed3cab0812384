/* test-dtls-identity.c — the DTLS key kept in the cache: made once, reused by the next call,
 * and a cache file that is not a fresh private key of ours is never trusted
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a call does runs in a child process of its own (the key and OpenSSL's default method
 * are per process: g_test_trap_subprocess () runs the same case again, and
 * g_test_subprocess () tells the child), with XDG_CACHE_HOME set by the parent to a new
 * folder.
 */
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lc-dtls-identity.h"

static char *
modulus_hex (const RSA *rsa)
{
  const BIGNUM *n = NULL;
  char *hex;
  char *copy;

  RSA_get0_key (rsa, &n, NULL, NULL);
  g_assert_nonnull (n);
  hex = BN_bn2hex (n);
  copy = g_strdup (hex);
  OPENSSL_free (hex);
  return copy;
}

/* The key in the cache file, or NULL when the file is not a plain RSA key. */
static RSA *
read_cache_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  RSA *rsa;
  BIO *bio;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return NULL;
  bio = BIO_new_mem_buf (data, (int)length);
  rsa = PEM_read_bio_RSAPrivateKey (bio, NULL, NULL, NULL);
  BIO_free (bio);
  return rsa;
}

static char *
cache_file_modulus (void)
{
  g_autofree char *path = lc_dtls_identity_path ();
  RSA *rsa = read_cache_file (path);
  char *hex;

  g_assert_nonnull (rsa);
  hex = modulus_hex (rsa);
  RSA_free (rsa);
  return hex;
}

/* What GStreamer's DTLS does: RSA_new () then RSA_generate_key_ex (). */
static RSA *
generate (int    bits,
          gulong e_word)
{
  BIGNUM *e = BN_new ();
  RSA *rsa = RSA_new ();

  g_assert_cmpint (BN_set_word (e, e_word), ==, 1);
  g_assert_cmpint (RSA_generate_key_ex (rsa, bits, e, NULL), ==, 1);
  BN_free (e);
  g_assert_cmpint (RSA_check_key (rsa), ==, 1);
  g_assert_cmpint (RSA_bits (rsa), ==, bits);
  /* The key handed out is an ordinary one: OpenSSL's own method, not ours. */
  g_assert_true (RSA_get_method (rsa) == RSA_PKCS1_OpenSSL ());
  return rsa;
}

static void
assert_private_cache_file (void)
{
  g_autofree char *path = lc_dtls_identity_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static char *
new_cache_home (void)
{
  g_autoptr(GError) error = NULL;
  char *home = g_dir_make_tmp ("linecheck-dtls-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", home, TRUE); /* the children inherit it */
  return home;
}

static char *
kept_path_in (const char *home)
{
  return g_build_filename (home, "linecheck", "dtls-key.pem", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);
      GStatBuf st;

      if (g_lstat (child, &st) == 0 && S_ISDIR (st.st_mode))
        remove_tree (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

/* ---- the first call makes the key, the next one reuses it ---- */

/* Child: tells the parent which key it was handed, in a file beside the cache folder. */
static void
tell_parent (const char *modulus)
{
  g_autofree char *told = g_build_filename (g_get_user_cache_dir (), "handed.txt", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (told, modulus, -1, &error);
  g_assert_no_error (error);
}

/* Child: what a call does. Prints the modulus of the certificate the DTLS element uses. */
static void
child_dtls_element (void)
{
  g_autofree char *pem = NULL;
  g_autofree char *cert_modulus = NULL;
  g_autofree char *file_modulus = NULL;
  GstElement *dec;
  EVP_PKEY *public_key;
  X509 *cert;
  BIO *bio;

  lc_dtls_identity_install ();
  gst_init (NULL, NULL);
  dec = gst_element_factory_make ("dtlsdec", NULL);
  g_assert_nonnull (dec);
  g_object_get (dec, "pem", &pem, NULL);
  g_assert_nonnull (pem);
  g_assert_null (strstr (pem, "PRIVATE KEY")); /* the element hands out its certificate only */

  bio = BIO_new_mem_buf (pem, -1);
  cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
  BIO_free (bio);
  g_assert_nonnull (cert);
  public_key = X509_get0_pubkey (cert);
  g_assert_nonnull (public_key);
  cert_modulus = modulus_hex (EVP_PKEY_get0_RSA (public_key));
  X509_free (cert);
  gst_object_unref (dec);

  assert_private_cache_file ();
  file_modulus = cache_file_modulus ();
  g_assert_cmpstr (cert_modulus, ==, file_modulus);
  tell_parent (cert_modulus);
}

/* Runs the current case again in a child; returns the modulus the child was handed. */
static char *
run_child (void)
{
  g_autofree char *told = g_build_filename (g_getenv ("XDG_CACHE_HOME"), "handed.txt", NULL);
  char *modulus = NULL;

  g_unlink (told);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  if (!g_file_get_contents (told, &modulus, NULL, NULL))
    return NULL;
  g_assert_cmpuint (strlen (modulus), ==, 512); /* 2048 bits in hex */
  return modulus;
}

static void
test_kept_across_calls (void)
{
  g_autofree char *home = NULL;
  g_autofree char *path = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (g_test_subprocess ())
    {
      child_dtls_element ();
      return;
    }
  home = new_cache_home ();
  path = kept_path_in (home);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  first = run_child ();
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  /* The next call, another process: the same key, and the file is left as it was. */
  second = run_child ();
  g_assert_cmpstr (first, ==, second);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  /* With no cache file, a call makes a new key: a removed file is not a fault. */
  g_unlink (path);
  g_free (second);
  second = run_child ();
  g_assert_cmpstr (first, !=, second);
  remove_tree (home);
}

/* ---- only the plugin's request is served from the cache ---- */

static void
child_other_requests (void)
{
  g_autofree char *kept = NULL;
  g_autofree char *again = NULL;
  g_autofree char *other_e = NULL;
  g_autofree char *file_modulus = NULL;
  RSA *rsa;

  lc_dtls_identity_install ();
  lc_dtls_identity_install (); /* twice is once */

  rsa = generate (2048, RSA_F4);
  kept = modulus_hex (rsa);
  RSA_free (rsa);
  rsa = generate (2048, RSA_F4);
  again = modulus_hex (rsa);
  RSA_free (rsa);
  g_assert_cmpstr (kept, ==, again);
  file_modulus = cache_file_modulus ();
  g_assert_cmpstr (kept, ==, file_modulus);

  /* Another size or exponent: a new key each time, never the kept one. */
  rsa = generate (1024, RSA_F4);
  RSA_free (rsa);
  rsa = generate (2048, 3);
  other_e = modulus_hex (rsa);
  RSA_free (rsa);
  g_assert_cmpstr (other_e, !=, kept);
}

static void
test_other_requests (void)
{
  g_autofree char *home = NULL;

  if (g_test_subprocess ())
    {
      child_other_requests ();
      return;
    }
  home = new_cache_home ();
  g_free (run_child ());
  remove_tree (home);
}

/* ---- a cache file that is not a fresh private key of ours ---- */

typedef enum
{
  CACHE_GARBAGE,
  CACHE_EMPTY,
  CACHE_TOO_LARGE,
  CACHE_SMALL_KEY,
  CACHE_WITH_PASSWORD,
  CACHE_READABLE_BY_OTHERS,
  CACHE_EXPIRED,
  CACHE_FROM_THE_FUTURE,
  CACHE_FIFO,
  CACHE_SYMLINK,
  CACHE_DIRECTORY,
} CacheFault;

static const struct
{
  const char *name;
  CacheFault fault;
} cache_faults[] = {
  { "garbage", CACHE_GARBAGE },
  { "empty", CACHE_EMPTY },
  { "too-large", CACHE_TOO_LARGE },
  { "1024-bit-key", CACHE_SMALL_KEY },
  { "key-with-password", CACHE_WITH_PASSWORD },
  { "readable-by-others", CACHE_READABLE_BY_OTHERS },
  { "older-than-30-days", CACHE_EXPIRED },
  { "from-the-future", CACHE_FROM_THE_FUTURE },
  { "fifo", CACHE_FIFO },
  { "symlink-to-a-key", CACHE_SYMLINK },
  { "directory", CACHE_DIRECTORY },
};

static char *
pem_of (RSA        *rsa,
        const char *password)
{
  BIO *mem = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long length;
  char *copy;

  if (password != NULL)
    g_assert_cmpint (PEM_write_bio_RSAPrivateKey (mem, rsa, EVP_aes_128_cbc (),
                                                  (unsigned char *)password,
                                                  (int)strlen (password), NULL, NULL), ==, 1);
  else
    g_assert_cmpint (PEM_write_bio_RSAPrivateKey (mem, rsa, NULL, NULL, 0, NULL, NULL), ==, 1);
  length = BIO_get_mem_data (mem, &data);
  copy = g_strndup (data, (gsize)length);
  BIO_free (mem);
  return copy;
}

static RSA *
plain_key (int bits)
{
  BIGNUM *e = BN_new ();
  RSA *rsa = RSA_new ();

  BN_set_word (e, RSA_F4);
  g_assert_cmpint (RSA_generate_key_ex (rsa, bits, e, NULL), ==, 1);
  BN_free (e);
  return rsa;
}

static void
write_file (const char *path,
            const char *data,
            gsize       length,
            int         mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, data, (gssize)length, G_FILE_SET_CONTENTS_NONE, mode, &error);
  g_assert_no_error (error);
}

static void
set_age (const char *path,
         gint64      seconds_ago)
{
  struct timespec times[2];
  gint64 when = g_get_real_time () / G_USEC_PER_SEC - seconds_ago;

  times[0].tv_sec = times[1].tv_sec = (time_t)when;
  times[0].tv_nsec = times[1].tv_nsec = 0;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW), ==, 0);
}

/* Writes the fault at the cache path; returns the modulus of a key it holds, if any. */
static char *
plant_fault (const char *home,
             CacheFault  fault,
             char      **symlink_target)
{
  g_autofree char *path = kept_path_in (home);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *pem = NULL;
  char *modulus = NULL;
  RSA *rsa = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (fault != CACHE_GARBAGE && fault != CACHE_EMPTY && fault != CACHE_FIFO
      && fault != CACHE_DIRECTORY)
    {
      rsa = fault == CACHE_SMALL_KEY ? plain_key (1024) : plain_key (2048);
      modulus = modulus_hex (rsa);
      pem = pem_of (rsa, fault == CACHE_WITH_PASSWORD ? "secret" : NULL);
      RSA_free (rsa);
    }

  switch (fault)
    {
    case CACHE_GARBAGE:
      write_file (path, "-----BEGIN RSA PRIVATE KEY-----\n\x1b[2J\xff\xfe\n", 40, 0600);
      break;
    case CACHE_EMPTY:
      write_file (path, "", 0, 0600);
      break;
    case CACHE_TOO_LARGE:
      {
        GString *large = g_string_new (pem);

        while (large->len <= 8192)
          g_string_append (large, "# padding that a key file never has\n");
        write_file (path, large->str, large->len, 0600);
        g_string_free (large, TRUE);
      }
      break;
    case CACHE_SMALL_KEY:
    case CACHE_WITH_PASSWORD:
      write_file (path, pem, strlen (pem), 0600);
      break;
    case CACHE_READABLE_BY_OTHERS:
      write_file (path, pem, strlen (pem), 0644);
      break;
    case CACHE_EXPIRED:
      write_file (path, pem, strlen (pem), 0600);
      set_age (path, 31 * 24 * 3600);
      break;
    case CACHE_FROM_THE_FUTURE:
      write_file (path, pem, strlen (pem), 0600);
      set_age (path, -7 * 24 * 3600);
      break;
    case CACHE_FIFO:
      g_assert_cmpint (mkfifo (path, 0600), ==, 0);
      break;
    case CACHE_SYMLINK:
      *symlink_target = g_build_filename (home, "elsewhere.pem", NULL);
      write_file (*symlink_target, pem, strlen (pem), 0600);
      g_assert_cmpint (symlink (*symlink_target, path), ==, 0);
      break;
    case CACHE_DIRECTORY:
      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      break;
    default:
      g_assert_not_reached ();
    }
  return modulus;
}

/* Child: a key is handed out whatever the file holds, and it is the one now in the file. */
static void
child_fault (void)
{
  g_autofree char *handed = NULL;
  RSA *rsa;

  lc_dtls_identity_install ();
  rsa = generate (2048, RSA_F4);
  handed = modulus_hex (rsa);
  RSA_free (rsa);
  tell_parent (handed);
}

static void
test_cache_fault (gconstpointer data)
{
  CacheFault fault = GPOINTER_TO_INT (data);
  g_autofree char *home = NULL;
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  g_autofree char *target_before = NULL;
  g_autofree char *planted = NULL;
  g_autofree char *handed = NULL;
  GStatBuf st;

  if (g_test_subprocess ())
    {
      child_fault ();
      return;
    }
  home = new_cache_home ();
  path = kept_path_in (home);
  planted = plant_fault (home, fault, &target);
  if (target != NULL)
    g_assert_true (g_file_get_contents (target, &target_before, NULL, NULL));

  handed = run_child ();
  g_assert_nonnull (handed);

  /* Never the planted key: not ours, not private, not fresh, or not the right shape. */
  if (planted != NULL)
    g_assert_cmpstr (handed, !=, planted);

  if (fault == CACHE_DIRECTORY)
    {
      /* Nowhere to keep it: the call still has its key, and the folder is left alone. */
      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      g_assert_true (S_ISDIR (st.st_mode));
    }
  else
    {
      RSA *now = NULL;
      g_autofree char *kept = NULL;

      /* Replaced by the key the call used, as a private regular file. */
      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      g_assert_true (S_ISREG (st.st_mode));
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      now = read_cache_file (path);
      g_assert_nonnull (now);
      kept = modulus_hex (now);
      RSA_free (now);
      g_assert_cmpstr (kept, ==, handed);
    }

  if (target != NULL)
    {
      g_autofree char *target_after = NULL;

      /* The link was replaced, not written through. */
      g_assert_true (g_file_get_contents (target, &target_after, NULL, NULL));
      g_assert_cmpstr (target_before, ==, target_after);
    }
  remove_tree (home);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dtls-identity/kept-across-calls", test_kept_across_calls);
  g_test_add_func ("/dtls-identity/other-requests-made-fresh", test_other_requests);
  for (guint i = 0; i < G_N_ELEMENTS (cache_faults); i++)
    {
      g_autofree char *name = g_strdup_printf ("/dtls-identity/cache-file/%s",
                                               cache_faults[i].name);

      g_test_add_data_func (name, GINT_TO_POINTER (cache_faults[i].fault), test_cache_fault);
    }
  return g_test_run ();
}
