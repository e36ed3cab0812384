/* lc-result-code.c — the result code: payload, Crockford base 32, a Reed–Solomon check
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-code"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lc-result-code-private.h"
#include "lc-safe-text.h"

G_DEFINE_QUARK (lc-result-code-error-quark, lc_result_code_error)

/* Crockford's base 32: no I, L, O (read as 1, 1, 0) and no U. */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#define DATA_LENGTH (LC_RESULT_CODE_LENGTH - LC_RESULT_CODE_CHECK_LENGTH)

G_STATIC_ASSERT (DATA_LENGTH * 5 == _LC_RESULT_CODE_PAYLOAD_BITS);

/* ---- GF(32) and the check ---------------------------------------------------------------- */

/* GF(2^5) built on the primitive polynomial x^5 + x^2 + 1; α = x = 2. */
#define GF_POLYNOMIAL 0x25

static guint8
gf_mul (guint8 a,
        guint8 b)
{
  guint8 product = 0;

  while (b != 0)
    {
      if (b & 1)
        product ^= a;
      b >>= 1;
      a <<= 1;
      if (a & 0x20)
        a ^= GF_POLYNOMIAL;
    }
  return product;
}

static guint8
gf_pow (guint8 a,
        guint  n)
{
  guint8 result = 1;

  for (guint i = 0; i < n; i++)
    result = gf_mul (result, a);
  return result;
}

/* Every non-zero element satisfies a^31 = 1. */
static guint8
gf_inv (guint8 a)
{
  g_assert (a != 0);
  return gf_pow (a, 30);
}

/* The generator (x − α)(x − α²)(x − α³)(x − α⁴): coefficients from x⁴ (always 1) down to x⁰. */
static void
generator (guint8 g[LC_RESULT_CODE_CHECK_LENGTH + 1])
{
  memset (g, 0, LC_RESULT_CODE_CHECK_LENGTH + 1);
  g[0] = 1;

  for (guint j = 1; j <= LC_RESULT_CODE_CHECK_LENGTH; j++)
    {
      guint8 root = gf_pow (2, j);

      /* Multiply by (x + root), from the lowest coefficient up so that each is read once. */
      for (guint k = j; k > 0; k--)
        g[k] = g[k] ^ gf_mul (g[k - 1], root);
    }
}

/* The check: the remainder of data(x) · x⁴ divided by the generator, first character highest. */
static void
compute_check (const guint8 data[DATA_LENGTH],
               guint8       check[LC_RESULT_CODE_CHECK_LENGTH])
{
  guint8 g[LC_RESULT_CODE_CHECK_LENGTH + 1];

  generator (g);
  memset (check, 0, LC_RESULT_CODE_CHECK_LENGTH);

  for (guint i = 0; i < DATA_LENGTH; i++)
    {
      guint8 feedback = data[i] ^ check[0];

      for (guint k = 0; k + 1 < LC_RESULT_CODE_CHECK_LENGTH; k++)
        check[k] = check[k + 1] ^ gf_mul (feedback, g[k + 1]);
      check[LC_RESULT_CODE_CHECK_LENGTH - 1] = gf_mul (feedback, g[LC_RESULT_CODE_CHECK_LENGTH]);
    }
}

/* S_j = c(α^j) for j = 1…4, the first character the highest coefficient: all 0 for a code. */
static gboolean
syndromes (const guint8 values[LC_RESULT_CODE_LENGTH],
           guint8       s[LC_RESULT_CODE_CHECK_LENGTH])
{
  gboolean zero = TRUE;

  for (guint j = 1; j <= LC_RESULT_CODE_CHECK_LENGTH; j++)
    {
      guint8 root = gf_pow (2, j);
      guint8 sum = 0;

      for (guint i = 0; i < LC_RESULT_CODE_LENGTH; i++)
        sum = gf_mul (sum, root) ^ values[i];
      s[j - 1] = sum;
      zero = zero && sum == 0;
    }
  return zero;
}

/* When one character alone explains the mismatch, its position (1–16), else 0. A hint for the
 * person to read that character again, never a correction: the code stays refused. */
static guint
single_error_position (const guint8 s[LC_RESULT_CODE_CHECK_LENGTH])
{
  guint8 locator, value;

  if (s[0] == 0 || s[1] == 0)
    return 0;

  /* One error of value e at power i: S_j = e·α^(i·j), so α^i = S2/S1 and e = S1/α^i. */
  locator = gf_mul (s[1], gf_inv (s[0]));
  value = gf_mul (s[0], gf_inv (locator));
  if (gf_mul (value, gf_pow (locator, 3)) != s[2] || gf_mul (value, gf_pow (locator, 4)) != s[3])
    return 0;

  for (guint i = 0; i < LC_RESULT_CODE_LENGTH; i++)
    if (gf_pow (2, i) == locator)
      return LC_RESULT_CODE_LENGTH - i;
  return 0;
}

/* When swapping two neighbours makes the check match, the first one's position (1–15). */
static guint
swap_position (const guint8 values[LC_RESULT_CODE_LENGTH])
{
  for (guint i = 0; i + 1 < LC_RESULT_CODE_LENGTH; i++)
    {
      guint8 swapped[LC_RESULT_CODE_LENGTH];
      guint8 s[LC_RESULT_CODE_CHECK_LENGTH];

      if (values[i] == values[i + 1])
        continue;
      memcpy (swapped, values, sizeof swapped);
      swapped[i] = values[i + 1];
      swapped[i + 1] = values[i];
      if (syndromes (swapped, s))
        return i + 1;
    }
  return 0;
}

/* ---- Characters -------------------------------------------------------------------------- */

static int
symbol_value (char c)
{
  const char *found = strchr (alphabet, c);

  return c != '\0' && found != NULL ? (int)(found - alphabet) : -1;
}

static gboolean
is_separator (gunichar c)
{
  /* Spaces of every kind, and the dashes a word processor or a PDF puts in place of '-'. */
  return g_unichar_isspace (c) || c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/**
 * lc_result_code_normalize:
 * @text: a code as a person typed or pasted it, or part of one
 *
 * Drops spaces and dashes, reads lower case as upper case, I and L as 1, O as 0.
 *
 * Returns: (transfer full) (nullable): the code's characters, of any length; %NULL with
 *   %LC_RESULT_CODE_ERROR_CHARACTER when @text holds a character no code has
 */
char *
lc_result_code_normalize (const char  *text,
                          GError     **error)
{
  g_autoptr(GString) symbols = g_string_new (NULL);
  guint position = 0;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, LC_RESULT_CODE_ERROR, LC_RESULT_CODE_ERROR_CHARACTER,
                           _("Not a Linecheck code: it is not text"));
      return NULL;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char upper;

      if (is_separator (c))
        continue;
      position++;

      upper = c < 0x80 ? g_ascii_toupper ((char)c) : '\0';
      if (upper == 'I' || upper == 'L')
        upper = '1';
      else if (upper == 'O')
        upper = '0';

      if (symbol_value (upper) < 0)
        {
          g_autofree char *shown = lc_safe_text_new (p, g_utf8_next_char (p) - p, 1);

          if (upper == 'U')
            g_set_error (error, LC_RESULT_CODE_ERROR, LC_RESULT_CODE_ERROR_CHARACTER,
                         /* Translators: %u is the character's position in the code, from 1 */
                         _("Character %u is a “U”, which no Linecheck code has: perhaps it is "
                           "a V"), position);
          else
            g_set_error (error, LC_RESULT_CODE_ERROR, LC_RESULT_CODE_ERROR_CHARACTER,
                         /* Translators: "Character 5 is “?”, which…"; codes have digits and
                          * letters only */
                         _("Character %u is “%s”, which no Linecheck code has: codes have only "
                           "digits and letters"), position, shown);
          return NULL;
        }
      g_string_append_c (symbols, upper);
    }

  return g_string_free (g_steal_pointer (&symbols), FALSE);
}

/**
 * lc_result_code_group:
 * @symbols: a code's characters, normalised, of any length
 * @separator: what goes between groups of four: ' ' or '-'
 *
 * Returns: (transfer full): @symbols in groups of four, as they are read aloud
 */
char *
lc_result_code_group (const char *symbols,
                      char        separator)
{
  GString *grouped;

  g_return_val_if_fail (symbols != NULL, NULL);

  grouped = g_string_sized_new (strlen (symbols) + strlen (symbols) / 4);
  for (gsize i = 0; symbols[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (grouped, separator);
      g_string_append_c (grouped, symbols[i]);
    }
  return g_string_free (grouped, FALSE);
}

/* ---- The payload ------------------------------------------------------------------------- */

/* Fields are written from the payload's top bit down, in the order docs/result-code.md lists. */
typedef struct
{
  guint64 bits;
  guint   used;
} Payload;

static void
payload_put (Payload *payload,
             guint    width,
             guint    value)
{
  g_assert (value < (1u << width));
  g_assert (payload->used + width <= _LC_RESULT_CODE_PAYLOAD_BITS);

  payload->used += width;
  payload->bits |= (guint64)value << (_LC_RESULT_CODE_PAYLOAD_BITS - payload->used);
}

static guint
payload_get (Payload *payload,
             guint    width)
{
  g_assert (payload->used + width <= _LC_RESULT_CODE_PAYLOAD_BITS);

  payload->used += width;
  return (payload->bits >> (_LC_RESULT_CODE_PAYLOAD_BITS - payload->used)) & ((1u << width) - 1);
}

#define RESERVED_BITS 4

/* Lower bounds of buckets 1, 2, …: a value falls in the last bucket whose bound it reaches.
 * Bucket 0 is "not measured". */
static const double rtt_bounds[] = { 0, 20, 40, 60, 80, 100, 150, 200, 250, 300, 400, 500, 750,
                                     1000, 2000 };
static const double jitter_bounds[] = { 0, 5, 10, 20, 30, 50, 100 };
static const double loss_bounds[] = { 0, 0.1, 0.5, 1, 1.5, 3, 10 };
static const double mos_bounds[] = { 1, 2.6, 3.1, 3.6, 4.0, 4.3, 4.4 };

/* Every value of a figure's bits is a bucket: a decoder need not refuse any. */
G_STATIC_ASSERT (G_N_ELEMENTS (rtt_bounds) + 1 == 1 << 4);
G_STATIC_ASSERT (G_N_ELEMENTS (jitter_bounds) + 1 == 1 << 3);
G_STATIC_ASSERT (G_N_ELEMENTS (loss_bounds) + 1 == 1 << 3);
G_STATIC_ASSERT (G_N_ELEMENTS (mos_bounds) + 1 == 1 << 3);

static const struct
{
  const double *bounds;
  guint         n_bounds;
  guint         width;
} figures[LC_RESULT_CODE_N_FIGURES] = {
  [LC_RESULT_CODE_FIGURE_RTT] = { rtt_bounds, G_N_ELEMENTS (rtt_bounds), 4 },
  [LC_RESULT_CODE_FIGURE_JITTER] = { jitter_bounds, G_N_ELEMENTS (jitter_bounds), 3 },
  [LC_RESULT_CODE_FIGURE_LOSS] = { loss_bounds, G_N_ELEMENTS (loss_bounds), 3 },
  [LC_RESULT_CODE_FIGURE_MOS] = { mos_bounds, G_N_ELEMENTS (mos_bounds), 3 },
};

/**
 * lc_result_code_init:
 *
 * Sets @code to this format, with nothing run, measured or failed, and a passing verdict.
 */
void
lc_result_code_init (LcResultCode *code)
{
  g_return_if_fail (code != NULL);

  memset (code, 0, sizeof *code);
  code->format = LC_RESULT_CODE_FORMAT;
  code->verdict = LC_RESULT_CODE_STATUS_PASS;
}

static char *
encode_payload (guint64 bits)
{
  guint8 data[DATA_LENGTH];
  guint8 check[LC_RESULT_CODE_CHECK_LENGTH];
  char *text = g_malloc (LC_RESULT_CODE_LENGTH + 1);

  for (guint i = 0; i < DATA_LENGTH; i++)
    data[i] = (bits >> (_LC_RESULT_CODE_PAYLOAD_BITS - 5 * (i + 1))) & 0x1f;
  compute_check (data, check);

  for (guint i = 0; i < DATA_LENGTH; i++)
    text[i] = alphabet[data[i]];
  for (guint i = 0; i < LC_RESULT_CODE_CHECK_LENGTH; i++)
    text[DATA_LENGTH + i] = alphabet[check[i]];
  text[LC_RESULT_CODE_LENGTH] = '\0';
  return text;
}

/* The tests use it to write codes that no encoder would: bad fields, reserved bits set. */
char *
_lc_result_code_encode_payload (guint64 payload)
{
  g_return_val_if_fail (payload >> _LC_RESULT_CODE_PAYLOAD_BITS == 0, NULL);
  return encode_payload (payload);
}

/**
 * lc_result_code_encode:
 *
 * Returns: (transfer full): the code's 16 characters, ungrouped (see lc_result_code_group())
 */
char *
lc_result_code_encode (const LcResultCode *code)
{
  Payload payload = { 0 };

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (code->format >= 1 && code->format <= 15, NULL);
  g_return_val_if_fail (code->verdict >= LC_RESULT_CODE_STATUS_PASS &&
                        code->verdict <= LC_RESULT_CODE_STATUS_FAIL, NULL);
  g_return_val_if_fail (code->cause <= 15, NULL);
  g_return_val_if_fail (code->rules_to_open <= LC_RESULT_CODE_MAX_COUNT, NULL);
  g_return_val_if_fail (code->failed_checks <= LC_RESULT_CODE_MAX_COUNT, NULL);
  g_return_val_if_fail (code->edge <= LC_RESULT_CODE_MAX_EDGE, NULL);
  g_return_val_if_fail (code->edge != 0 || !code->edge_nearest, NULL);
  for (guint i = 0; i < LC_RESULT_CODE_N_STEPS; i++)
    g_return_val_if_fail (code->steps[i] <= LC_RESULT_CODE_STATUS_FAIL, NULL);
  for (guint i = 0; i < LC_RESULT_CODE_N_SERVICES; i++)
    g_return_val_if_fail (code->services[i] <= LC_RESULT_CODE_STATUS_FAIL, NULL);
  g_return_val_if_fail (code->direct_media <= LC_RESULT_CODE_STATUS_FAIL, NULL);
  g_return_val_if_fail (code->relay_media <= LC_RESULT_CODE_STATUS_FAIL, NULL);
  for (guint i = 0; i < LC_RESULT_CODE_N_FIGURES; i++)
    g_return_val_if_fail (code->buckets[i] <= figures[i].n_bounds, NULL);

  payload_put (&payload, 4, code->format);
  payload_put (&payload, 2, code->verdict);
  for (guint i = 0; i < LC_RESULT_CODE_N_STEPS; i++)
    payload_put (&payload, 2, code->steps[i]);
  for (guint i = 0; i < LC_RESULT_CODE_N_SERVICES; i++)
    payload_put (&payload, 2, code->services[i]);
  payload_put (&payload, 2, code->direct_media);
  payload_put (&payload, 2, code->relay_media);
  payload_put (&payload, 4, code->cause);
  payload_put (&payload, 4, code->rules_to_open);
  payload_put (&payload, 4, code->failed_checks);
  payload_put (&payload, 4, code->edge);
  payload_put (&payload, 1, code->edge_nearest ? 1 : 0);
  for (guint i = 0; i < LC_RESULT_CODE_N_FIGURES; i++)
    payload_put (&payload, figures[i].width, code->buckets[i]);
  payload_put (&payload, RESERVED_BITS, 0);
  g_assert (payload.used == _LC_RESULT_CODE_PAYLOAD_BITS);

  return encode_payload (payload.bits);
}

static void
set_check_error (GError       **error,
                 const guint8   values[LC_RESULT_CODE_LENGTH],
                 const guint8   s[LC_RESULT_CODE_CHECK_LENGTH])
{
  const char *mistyped = _("The check does not match: a character is mistyped");
  guint single = single_error_position (s);
  guint swap = single == 0 ? swap_position (values) : 0;

  if (single != 0)
    g_set_error (error, LC_RESULT_CODE_ERROR, LC_RESULT_CODE_ERROR_CHECK,
                 /* Translators: the first %s is "The check does not match: …"; %u a position */
                 _("%s. Character %u looks wrong: ask for it again"), mistyped, single);
  else if (swap != 0)
    g_set_error (error, LC_RESULT_CODE_ERROR, LC_RESULT_CODE_ERROR_CHECK,
                 /* Translators: the first %s is "The check does not match: …"; "characters 7
                  * and 8 look swapped" */
                 _("%s. Characters %u and %u look swapped: ask for them again"), mistyped, swap,
                 swap + 1);
  else
    g_set_error_literal (error, LC_RESULT_CODE_ERROR, LC_RESULT_CODE_ERROR_CHECK, mistyped);
}

/**
 * lc_result_code_decode:
 * @text: a code as typed: lower case, spaces, dashes, I/L for 1 and O for 0 are all fine
 * @code: (out caller-allocates): what it says
 *
 * Refuses, with the reason in words, a code of the wrong length, with a character no code has,
 * whose check does not match (any single mistyped character and any two swapped neighbours is
 * caught), of a newer format, or whose fields make no sense. A refused code leaves @code
 * untouched.
 *
 * Returns: %TRUE when @text is a valid code
 */
gboolean
lc_result_code_decode (const char    *text,
                       LcResultCode  *code,
                       GError       **error)
{
  g_autofree char *symbols = NULL;
  guint8 values[LC_RESULT_CODE_LENGTH];
  guint8 s[LC_RESULT_CODE_CHECK_LENGTH];
  Payload payload = { 0 };
  LcResultCode decoded = { 0 };
  gsize length;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  symbols = lc_result_code_normalize (text, error);
  if (symbols == NULL)
    return FALSE;

  length = strlen (symbols);
  if (length != LC_RESULT_CODE_LENGTH)
    {
      g_set_error (error, LC_RESULT_CODE_ERROR, LC_RESULT_CODE_ERROR_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Not a Linecheck code: it has %u character, a code has %u",
                                "Not a Linecheck code: it has %u characters, a code has %u",
                                length),
                   (guint)length, (guint)LC_RESULT_CODE_LENGTH);
      return FALSE;
    }

  for (guint i = 0; i < LC_RESULT_CODE_LENGTH; i++)
    values[i] = symbol_value (symbols[i]);

  /* The check comes before the format: a mistyped first character must not pass for a code
   * of a newer Linecheck. */
  if (!syndromes (values, s))
    {
      set_check_error (error, values, s);
      return FALSE;
    }

  for (guint i = 0; i < DATA_LENGTH; i++)
    payload.bits = (payload.bits << 5) | values[i];

  decoded.format = payload_get (&payload, 4);
  if (decoded.format > LC_RESULT_CODE_FORMAT)
    {
      g_set_error (error, LC_RESULT_CODE_ERROR, LC_RESULT_CODE_ERROR_NEWER_FORMAT,
                   _("Made by a newer Linecheck (format %u): this version reads format %u. "
                     "Update Linecheck to read it"),
                   decoded.format, (guint)LC_RESULT_CODE_FORMAT);
      return FALSE;
    }

  decoded.verdict = payload_get (&payload, 2);
  for (guint i = 0; i < LC_RESULT_CODE_N_STEPS; i++)
    decoded.steps[i] = payload_get (&payload, 2);
  for (guint i = 0; i < LC_RESULT_CODE_N_SERVICES; i++)
    decoded.services[i] = payload_get (&payload, 2);
  decoded.direct_media = payload_get (&payload, 2);
  decoded.relay_media = payload_get (&payload, 2);
  decoded.cause = payload_get (&payload, 4);
  decoded.rules_to_open = payload_get (&payload, 4);
  decoded.failed_checks = payload_get (&payload, 4);
  decoded.edge = payload_get (&payload, 4);
  decoded.edge_nearest = payload_get (&payload, 1);
  for (guint i = 0; i < LC_RESULT_CODE_N_FIGURES; i++)
    decoded.buckets[i] = payload_get (&payload, figures[i].width);

  /* The check matched, so this is what was written, by something that is not Linecheck. */
  if (decoded.format == 0 || decoded.verdict == LC_RESULT_CODE_STATUS_NONE ||
      (decoded.edge == 0 && decoded.edge_nearest) ||
      payload_get (&payload, RESERVED_BITS) != 0)
    {
      g_set_error_literal (error, LC_RESULT_CODE_ERROR, LC_RESULT_CODE_ERROR_INVALID,
                           _("Not a Linecheck code: its check matches, but what it says makes "
                             "no sense"));
      return FALSE;
    }

  *code = decoded;
  return TRUE;
}

/* ---- Buckets, causes, statuses ----------------------------------------------------------- */

/**
 * lc_result_code_bucket:
 * @value: the figure; `NAN` when it was not measured
 *
 * Returns: the bucket @value falls in: 0 for not measured, else the last bucket whose lower
 *   bound @value reaches (a value under the first bound falls in bucket 1)
 */
guint
lc_result_code_bucket (LcResultCodeFigure figure,
                       double             value)
{
  guint bucket = 1;

  g_return_val_if_fail (figure < LC_RESULT_CODE_N_FIGURES, 0);

  if (isnan (value))
    return 0;

  for (guint i = 1; i < figures[figure].n_bounds; i++)
    if (value >= figures[figure].bounds[i])
      bucket = i + 1;
  return bucket;
}

/**
 * lc_result_code_get_n_buckets:
 *
 * Returns: how many buckets @figure has, "not measured" (0) included
 */
guint
lc_result_code_get_n_buckets (LcResultCodeFigure figure)
{
  g_return_val_if_fail (figure < LC_RESULT_CODE_N_FIGURES, 0);
  return figures[figure].n_bounds + 1;
}

/**
 * lc_result_code_get_bucket_bounds:
 * @lower: (out): the bucket's lower bound, included; -INFINITY for the first bucket
 * @upper: (out): its upper bound, excluded; INFINITY for the last
 *
 * Returns: %FALSE for bucket 0 (not measured) or one the figure does not have
 */
gboolean
lc_result_code_get_bucket_bounds (LcResultCodeFigure  figure,
                                  guint               bucket,
                                  double             *lower,
                                  double             *upper)
{
  g_return_val_if_fail (figure < LC_RESULT_CODE_N_FIGURES, FALSE);

  if (bucket == 0 || bucket > figures[figure].n_bounds)
    return FALSE;

  *lower = bucket == 1 ? -INFINITY : figures[figure].bounds[bucket - 1];
  *upper = bucket == figures[figure].n_bounds ? INFINITY : figures[figure].bounds[bucket];
  return TRUE;
}

/* The report's words for causes (contracts §3), at their numbers in the code. */
static const char * const cause_names[] = {
  [LC_RESULT_CODE_CAUSE_REFUSED] = "refused",
  [LC_RESULT_CODE_CAUSE_TIMEOUT] = "timeout",
  [LC_RESULT_CODE_CAUSE_UNREACHABLE] = "unreachable",
  [LC_RESULT_CODE_CAUSE_DNS] = "dns",
  [LC_RESULT_CODE_CAUSE_TLS] = "tls",
  [LC_RESULT_CODE_CAUSE_AUTH] = "auth",
  [LC_RESULT_CODE_CAUSE_PROTOCOL] = "protocol",
  [LC_RESULT_CODE_CAUSE_NETWORK] = "network",
  [LC_RESULT_CODE_CAUSE_NOT_TESTABLE] = "not-testable",
};

/**
 * lc_result_code_cause_from_string:
 * @cause: (nullable): the report's word for a cause ("timeout"), %NULL for none
 *
 * Returns: the code's number for it; %LC_RESULT_CODE_CAUSE_OTHER for a cause this format has
 *   no number for
 */
guint
lc_result_code_cause_from_string (const char *cause)
{
  if (cause == NULL)
    return LC_RESULT_CODE_CAUSE_NONE;

  for (guint i = 1; i < G_N_ELEMENTS (cause_names); i++)
    if (g_strcmp0 (cause_names[i], cause) == 0)
      return i;
  return LC_RESULT_CODE_CAUSE_OTHER;
}

/**
 * lc_result_code_cause_to_string:
 *
 * Returns: (nullable): the report's word for @cause, "other" for a number without one, %NULL
 *   for none
 */
const char *
lc_result_code_cause_to_string (guint cause)
{
  if (cause == LC_RESULT_CODE_CAUSE_NONE)
    return NULL;
  if (cause < G_N_ELEMENTS (cause_names) && cause_names[cause] != NULL)
    return cause_names[cause];
  return "other";
}

/**
 * lc_result_code_status_to_string:
 *
 * Returns: "pass", "warn", "fail", or "none" for not run
 */
const char *
lc_result_code_status_to_string (LcResultCodeStatus status)
{
  switch (status)
    {
    case LC_RESULT_CODE_STATUS_NONE: return "none";
    case LC_RESULT_CODE_STATUS_PASS: return "pass";
    case LC_RESULT_CODE_STATUS_WARN: return "warn";
    case LC_RESULT_CODE_STATUS_FAIL: return "fail";
    default: g_return_val_if_reached (NULL);
    }
}
