/* test-result-code.c — the result code: round trips, every typo refused, words, a report's code
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lc-report-code.h"
#include "lc-result-code-private.h"

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* A payload with every field drawn at random within what the format allows. */
static void
random_code (LcResultCode *code)
{
  lc_result_code_init (code);
  code->verdict = g_test_rand_int_range (LC_RESULT_CODE_STATUS_PASS,
                                         LC_RESULT_CODE_STATUS_FAIL + 1);
  for (guint i = 0; i < LC_RESULT_CODE_N_STEPS; i++)
    code->steps[i] = g_test_rand_int_range (0, 4);
  for (guint i = 0; i < LC_RESULT_CODE_N_SERVICES; i++)
    code->services[i] = g_test_rand_int_range (0, 4);
  code->direct_media = g_test_rand_int_range (0, 4);
  code->relay_media = g_test_rand_int_range (0, 4);
  code->cause = g_test_rand_int_range (0, 16);
  code->rules_to_open = g_test_rand_int_range (0, LC_RESULT_CODE_MAX_COUNT + 1);
  code->failed_checks = g_test_rand_int_range (0, LC_RESULT_CODE_MAX_COUNT + 1);
  code->edge = g_test_rand_int_range (0, LC_RESULT_CODE_MAX_EDGE + 1);
  code->edge_nearest = code->edge != 0 && g_test_rand_bit ();
  for (guint i = 0; i < LC_RESULT_CODE_N_FIGURES; i++)
    code->buckets[i] = g_test_rand_int_range (0, lc_result_code_get_n_buckets (i));
}

static void
assert_codes_equal (const LcResultCode *a,
                    const LcResultCode *b)
{
  g_assert_cmpuint (a->format, ==, b->format);
  g_assert_cmpuint (a->verdict, ==, b->verdict);
  for (guint i = 0; i < LC_RESULT_CODE_N_STEPS; i++)
    g_assert_cmpuint (a->steps[i], ==, b->steps[i]);
  for (guint i = 0; i < LC_RESULT_CODE_N_SERVICES; i++)
    g_assert_cmpuint (a->services[i], ==, b->services[i]);
  g_assert_cmpuint (a->direct_media, ==, b->direct_media);
  g_assert_cmpuint (a->relay_media, ==, b->relay_media);
  g_assert_cmpuint (a->cause, ==, b->cause);
  g_assert_cmpuint (a->rules_to_open, ==, b->rules_to_open);
  g_assert_cmpuint (a->failed_checks, ==, b->failed_checks);
  g_assert_cmpuint (a->edge, ==, b->edge);
  g_assert_cmpint (a->edge_nearest, ==, b->edge_nearest);
  for (guint i = 0; i < LC_RESULT_CODE_N_FIGURES; i++)
    g_assert_cmpuint (a->buckets[i], ==, b->buckets[i]);
}

static void
test_result_code_round_trips_random_payloads (void)
{
  for (guint n = 0; n < 20000; n++)
    {
      LcResultCode code, decoded;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *grouped = NULL;

      random_code (&code);
      text = lc_result_code_encode (&code);
      g_assert_cmpuint (strlen (text), ==, LC_RESULT_CODE_LENGTH);
      g_assert_cmpuint (strspn (text, alphabet), ==, LC_RESULT_CODE_LENGTH);

      g_assert_true (lc_result_code_decode (text, &decoded, &error));
      g_assert_no_error (error);
      assert_codes_equal (&code, &decoded);

      /* As it is printed and read: in groups. */
      grouped = lc_result_code_group (text, '-');
      g_assert_cmpuint (strlen (grouped), ==, 19);
      memset (&decoded, 0xff, sizeof decoded);
      g_assert_true (lc_result_code_decode (grouped, &decoded, &error));
      assert_codes_equal (&code, &decoded);
    }
}

static void
assert_refused (const char *text,
                int         expected,
                const char *message)
{
  LcResultCode code;
  LcResultCode untouched;
  g_autoptr(GError) error = NULL;

  memset (&code, 0x5a, sizeof code);
  untouched = code;
  g_assert_false (lc_result_code_decode (text, &code, &error));
  g_assert_error (error, LC_RESULT_CODE_ERROR, expected);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  /* A refused code says nothing at all. */
  g_assert_cmpint (memcmp (&code, &untouched, sizeof code), ==, 0);
}

/* Every character replaced by every other one, check characters included: always refused, as a
 * mistyped code, and the hint points at the character that changed. */
static void
test_result_code_refuses_every_single_substitution (void)
{
  guint refused = 0;

  for (guint n = 0; n < 2000; n++)
    {
      LcResultCode code;
      g_autofree char *text = NULL;

      random_code (&code);
      text = lc_result_code_encode (&code);

      for (guint position = 0; position < LC_RESULT_CODE_LENGTH; position++)
        for (guint symbol = 0; symbol < 32; symbol++)
          {
            g_autofree char *typo = g_strdup (text);
            g_autofree char *hint = NULL;

            if (alphabet[symbol] == text[position])
              continue;
            typo[position] = alphabet[symbol];
            hint = g_strdup_printf ("The check does not match: a character is mistyped. "
                                    "Character %u looks wrong: ask for it again", position + 1);
            assert_refused (typo, LC_RESULT_CODE_ERROR_CHECK, hint);
            refused++;
          }
    }

  g_assert_cmpuint (refused, ==, 2000 * 16 * 31);
  g_test_message ("%u single substitutions refused, none decoded", refused);
}

static void
test_result_code_refuses_every_neighbour_swap (void)
{
  guint refused = 0;

  for (guint n = 0; n < 20000; n++)
    {
      LcResultCode code;
      g_autofree char *text = NULL;

      random_code (&code);
      text = lc_result_code_encode (&code);

      for (guint position = 0; position + 1 < LC_RESULT_CODE_LENGTH; position++)
        {
          g_autofree char *swapped = g_strdup (text);
          g_autofree char *hint = NULL;

          /* Two equal neighbours swapped are the same code: no mistake was made. */
          if (text[position] == text[position + 1])
            continue;
          swapped[position] = text[position + 1];
          swapped[position + 1] = text[position];
          hint = g_strdup_printf ("The check does not match: a character is mistyped. "
                                  "Characters %u and %u look swapped: ask for them again",
                                  position + 1, position + 2);
          assert_refused (swapped, LC_RESULT_CODE_ERROR_CHECK, hint);
          refused++;
        }
    }

  g_assert_cmpuint (refused, >, 20000 * 14);
  g_test_message ("%u neighbour swaps refused, none decoded", refused);
}

/* The check has four characters over GF(32): any two, three or four wrong characters (two
 * swaps, a swap and a typo) are caught as well, which a single check character cannot do. */
static void
test_result_code_refuses_up_to_four_wrong_characters (void)
{
  for (guint n = 0; n < 50000; n++)
    {
      LcResultCode code;
      g_autofree char *text = NULL;
      g_autofree char *typo = NULL;
      guint wrong = g_test_rand_int_range (2, 5);
      gboolean changed[LC_RESULT_CODE_LENGTH] = { FALSE };

      random_code (&code);
      text = lc_result_code_encode (&code);
      typo = g_strdup (text);

      for (guint k = 0; k < wrong;)
        {
          guint position = g_test_rand_int_range (0, LC_RESULT_CODE_LENGTH);

          if (changed[position])
            continue;
          changed[position] = TRUE;
          /* Any other character: an offset of 1–31 in the alphabet. */
          typo[position] = alphabet[(strchr (alphabet, text[position]) - alphabet +
                                     g_test_rand_int_range (1, 32)) % 32];
          k++;
        }

      assert_refused (typo, LC_RESULT_CODE_ERROR_CHECK, NULL);
    }
}

/* What a person mistyping a whole code, or reading something else out, is likely to get. */
static void
test_result_code_refuses_random_text (void)
{
  guint accepted = 0;
  guint passed_check = 0;
  const guint tries = 1000000;

  for (guint n = 0; n < tries; n++)
    {
      char text[LC_RESULT_CODE_LENGTH + 1];
      LcResultCode code;
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < LC_RESULT_CODE_LENGTH; i++)
        text[i] = alphabet[g_test_rand_int_range (0, 32)];
      text[LC_RESULT_CODE_LENGTH] = '\0';

      if (lc_result_code_decode (text, &code, &error))
        accepted++;
      else if (!g_error_matches (error, LC_RESULT_CODE_ERROR, LC_RESULT_CODE_ERROR_CHECK))
        passed_check++;
    }

  /* The check alone lets 1 in 2^20 through; the format and the reserved bits 3 in 1024 of
   * those: about 3 in a billion. */
  g_test_message ("random codes: %u of %u passed the check, %u accepted", passed_check, tries,
                  accepted);
  g_assert_cmpuint (accepted, <=, 1);
  g_assert_cmpuint (passed_check, <=, 12);
}

static char *
find_code_with (const char *wanted)
{
  for (;;)
    {
      LcResultCode code;
      char *text;

      random_code (&code);
      text = lc_result_code_encode (&code);
      if (strpbrk (text, wanted) != NULL)
        return text;
      g_free (text);
    }
}

static char *
replace_chars (const char *text,
               char        from,
               char        to)
{
  char *copy = g_strdup (text);

  for (char *p = copy; *p != '\0'; p++)
    if (*p == from)
      *p = to;
  return copy;
}

static void
test_result_code_reads_what_people_type (void)
{
  g_autofree char *one = find_code_with ("1");
  g_autofree char *zero = find_code_with ("0");
  LcResultCode expected, decoded;
  g_autoptr(GError) error = NULL;
  const char *ones[] = { "I", "i", "L", "l" };
  const char *zeros[] = { "O", "o" };

  /* Lower case, and any separators a person or a word processor puts between groups. */
  g_assert_true (lc_result_code_decode (one, &expected, &error));
  {
    g_autofree char *lower = g_ascii_strdown (one, -1);
    g_autofree char *grouped = lc_result_code_group (lower, ' ');
    g_autofree char *dashed = lc_result_code_group (lower, '-');
    g_autofree char *messy = g_strdup_printf ("  %.3s - %.5s\t%.4s\n%s ", lower, lower + 3,
                                              lower + 8, lower + 12);
    g_autofree char *typographic = g_strdup_printf ("%.4s\u2013%.4s\u2014%.4s\u00a0%s", one,
                                                    one + 4, one + 8, one + 12);

    const char *forms[] = { lower, grouped, dashed, messy, typographic };

    for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
      {
        g_assert_true (lc_result_code_decode (forms[i], &decoded, &error));
        g_assert_no_error (error);
        assert_codes_equal (&expected, &decoded);
      }
  }

  /* I and L are read as 1, O as 0, in either case. */
  for (guint i = 0; i < G_N_ELEMENTS (ones); i++)
    {
      g_autofree char *typed = replace_chars (one, '1', ones[i][0]);

      g_assert_true (lc_result_code_decode (typed, &decoded, &error));
      g_assert_no_error (error);
      assert_codes_equal (&expected, &decoded);
    }

  g_assert_true (lc_result_code_decode (zero, &expected, &error));
  for (guint i = 0; i < G_N_ELEMENTS (zeros); i++)
    {
      g_autofree char *typed = replace_chars (zero, '0', zeros[i][0]);

      g_assert_true (lc_result_code_decode (typed, &decoded, &error));
      g_assert_no_error (error);
      assert_codes_equal (&expected, &decoded);
    }

  {
    g_autofree char *normal = lc_result_code_normalize ("4k2m-9qxr iLo0", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (normal, ==, "4K2M9QXR1100");
  }
}

static void
test_result_code_refuses_characters_no_code_has (void)
{
  LcResultCode code;
  g_autofree char *text = NULL;
  g_autofree char *with_u = NULL;
  g_autofree char *with_mark = NULL;

  lc_result_code_init (&code);
  text = lc_result_code_encode (&code);

  /* U is not in the alphabet: nobody reads it for V by mistake without being told. */
  with_u = g_strdup_printf ("%.4s-u%s", text, text + 5);
  assert_refused (with_u, LC_RESULT_CODE_ERROR_CHARACTER,
                  "Character 5 is a “U”, which no Linecheck code has: perhaps it is a V");

  with_mark = g_strdup_printf ("%.6s?%s", text, text + 7);
  assert_refused (with_mark, LC_RESULT_CODE_ERROR_CHARACTER,
                  "Character 7 is “?”, which no Linecheck code has: codes have only digits and "
                  "letters");
  assert_refused ("4K2M\x1b[2J9QXR", LC_RESULT_CODE_ERROR_CHARACTER, NULL);
  assert_refused ("4K2M\xff\xfe", LC_RESULT_CODE_ERROR_CHARACTER,
                  "Not a Linecheck code: it is not text");
  assert_refused ("4K2MÄ", LC_RESULT_CODE_ERROR_CHARACTER,
                  "Character 5 is “Ä”, which no Linecheck code has: codes have only digits and "
                  "letters");
}

static void
test_result_code_refuses_wrong_lengths (void)
{
  LcResultCode code;
  g_autofree char *text = NULL;
  g_autofree char *longer = NULL;

  lc_result_code_init (&code);
  code.verdict = LC_RESULT_CODE_STATUS_FAIL;
  text = lc_result_code_encode (&code);
  longer = g_strconcat (text, "7", NULL);

  assert_refused ("", LC_RESULT_CODE_ERROR_LENGTH,
                  "Not a Linecheck code: it has 0 characters, a code has 16");
  assert_refused (" - ", LC_RESULT_CODE_ERROR_LENGTH,
                  "Not a Linecheck code: it has 0 characters, a code has 16");
  assert_refused ("7", LC_RESULT_CODE_ERROR_LENGTH,
                  "Not a Linecheck code: it has 1 character, a code has 16");
  text[13] = '\0';
  assert_refused (text, LC_RESULT_CODE_ERROR_LENGTH,
                  "Not a Linecheck code: it has 13 characters, a code has 16");
  assert_refused (longer, LC_RESULT_CODE_ERROR_LENGTH,
                  "Not a Linecheck code: it has 17 characters, a code has 16");
}

static void
test_result_code_refuses_newer_formats (void)
{
  for (guint format = LC_RESULT_CODE_FORMAT + 1; format <= 15; format++)
    {
      LcResultCode code;
      g_autofree char *text = NULL;
      g_autofree char *message = NULL;

      random_code (&code);
      code.format = format;
      text = lc_result_code_encode (&code);
      message = g_strdup_printf ("Made by a newer Linecheck (format %u): this version reads "
                                 "format 1. Update Linecheck to read it", format);
      assert_refused (text, LC_RESULT_CODE_ERROR_NEWER_FORMAT, message);
    }
}

static void
test_result_code_refuses_fields_that_make_no_sense (void)
{
  const char *message = "Not a Linecheck code: its check matches, but what it says makes no sense";
  guint64 valid;
  LcResultCode code, decoded;
  g_autofree char *text = NULL;
  g_autofree char *check = NULL;

  lc_result_code_init (&code);
  code.verdict = LC_RESULT_CODE_STATUS_WARN;
  code.edge = 3;
  text = lc_result_code_encode (&code);

  /* The same payload through the raw encoder gives the same code: the layout is as expected. */
  valid = ((guint64)1 << 56) | ((guint64)2 << 54) | ((guint64)3 << 18);
  check = _lc_result_code_encode_payload (valid);
  g_assert_cmpstr (check, ==, text);
  g_assert_true (lc_result_code_decode (check, &decoded, NULL));

  {
    g_autofree char *format_0 = _lc_result_code_encode_payload (valid & ~((guint64)0xf << 56));
    g_autofree char *no_verdict = _lc_result_code_encode_payload (valid & ~((guint64)3 << 54));
    g_autofree char *reserved = _lc_result_code_encode_payload (valid | 1);
    g_autofree char *nearest_of_none =
      _lc_result_code_encode_payload ((valid & ~((guint64)0xf << 18)) | ((guint64)1 << 17));
    g_autofree char *zeros = _lc_result_code_encode_payload (0);

    assert_refused (format_0, LC_RESULT_CODE_ERROR_INVALID, message);
    assert_refused (no_verdict, LC_RESULT_CODE_ERROR_INVALID, message);
    assert_refused (reserved, LC_RESULT_CODE_ERROR_INVALID, message);
    assert_refused (nearest_of_none, LC_RESULT_CODE_ERROR_INVALID, message);
    g_assert_cmpstr (zeros, ==, "0000000000000000");
    assert_refused (zeros, LC_RESULT_CODE_ERROR_INVALID, message);
  }
}

static void
test_result_code_buckets_have_the_documented_bounds (void)
{
  static const struct
  {
    LcResultCodeFigure figure;
    double             value;
    guint              bucket;
  } cases[] = {
    { LC_RESULT_CODE_FIGURE_RTT, NAN, 0 },
    { LC_RESULT_CODE_FIGURE_RTT, -1, 1 },
    { LC_RESULT_CODE_FIGURE_RTT, 0, 1 },
    { LC_RESULT_CODE_FIGURE_RTT, 19.99, 1 },
    { LC_RESULT_CODE_FIGURE_RTT, 20, 2 },
    { LC_RESULT_CODE_FIGURE_RTT, 120, 6 },
    { LC_RESULT_CODE_FIGURE_RTT, 299.9, 9 },
    { LC_RESULT_CODE_FIGURE_RTT, 300, 10 },
    { LC_RESULT_CODE_FIGURE_RTT, 1999, 14 },
    { LC_RESULT_CODE_FIGURE_RTT, 2000, 15 },
    { LC_RESULT_CODE_FIGURE_RTT, INFINITY, 15 },
    { LC_RESULT_CODE_FIGURE_JITTER, NAN, 0 },
    { LC_RESULT_CODE_FIGURE_JITTER, 4.9, 1 },
    { LC_RESULT_CODE_FIGURE_JITTER, 49.9, 5 },
    { LC_RESULT_CODE_FIGURE_JITTER, 50, 6 },
    { LC_RESULT_CODE_FIGURE_JITTER, 100, 7 },
    { LC_RESULT_CODE_FIGURE_LOSS, 0, 1 },
    { LC_RESULT_CODE_FIGURE_LOSS, 0.1, 2 },
    { LC_RESULT_CODE_FIGURE_LOSS, 1.49, 4 },
    { LC_RESULT_CODE_FIGURE_LOSS, 1.5, 5 },
    { LC_RESULT_CODE_FIGURE_LOSS, 10, 7 },
    { LC_RESULT_CODE_FIGURE_MOS, NAN, 0 },
    { LC_RESULT_CODE_FIGURE_MOS, 1, 1 },
    { LC_RESULT_CODE_FIGURE_MOS, 2.59, 1 },
    { LC_RESULT_CODE_FIGURE_MOS, 3.1, 3 },
    { LC_RESULT_CODE_FIGURE_MOS, 4.29, 5 },
    { LC_RESULT_CODE_FIGURE_MOS, 4.3, 6 },
    { LC_RESULT_CODE_FIGURE_MOS, 4.5, 7 },
  };
  double lower, upper;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (lc_result_code_bucket (cases[i].figure, cases[i].value), ==,
                      cases[i].bucket);

  g_assert_cmpuint (lc_result_code_get_n_buckets (LC_RESULT_CODE_FIGURE_RTT), ==, 16);
  g_assert_false (lc_result_code_get_bucket_bounds (LC_RESULT_CODE_FIGURE_RTT, 0, &lower, &upper));
  g_assert_true (lc_result_code_get_bucket_bounds (LC_RESULT_CODE_FIGURE_RTT, 6, &lower, &upper));
  g_assert_cmpfloat (lower, ==, 100);
  g_assert_cmpfloat (upper, ==, 150);
  g_assert_true (lc_result_code_get_bucket_bounds (LC_RESULT_CODE_FIGURE_LOSS, 1, &lower, &upper));
  g_assert_true (isinf (lower) && lower < 0);
  g_assert_cmpfloat (upper, ==, 0.1);
  g_assert_true (lc_result_code_get_bucket_bounds (LC_RESULT_CODE_FIGURE_MOS, 7, &lower, &upper));
  g_assert_cmpfloat (lower, ==, 4.4);
  g_assert_true (isinf (upper));
}

/* The example in docs/result-code.md, field by field: another tool is written from it. */
static void
documented_example (LcResultCode *code)
{
  lc_result_code_init (code);
  code->verdict = LC_RESULT_CODE_STATUS_WARN;
  code->steps[LC_RESULT_CODE_STEP_FIREWALL] = LC_RESULT_CODE_STATUS_WARN;
  code->steps[LC_RESULT_CODE_STEP_EDGE] = LC_RESULT_CODE_STATUS_PASS;
  code->steps[LC_RESULT_CODE_STEP_MEDIA] = LC_RESULT_CODE_STATUS_PASS;
  code->steps[LC_RESULT_CODE_STEP_CONTEXT] = LC_RESULT_CODE_STATUS_PASS;
  code->services[LC_RESULT_CODE_SERVICE_RTC] = LC_RESULT_CODE_STATUS_WARN;
  code->services[LC_RESULT_CODE_SERVICE_ACD] = LC_RESULT_CODE_STATUS_NONE;
  code->services[LC_RESULT_CODE_SERVICE_ICE] = LC_RESULT_CODE_STATUS_PASS;
  code->services[LC_RESULT_CODE_SERVICE_OTHER] = LC_RESULT_CODE_STATUS_NONE;
  code->direct_media = LC_RESULT_CODE_STATUS_NONE;
  code->relay_media = LC_RESULT_CODE_STATUS_PASS;
  code->cause = LC_RESULT_CODE_CAUSE_TIMEOUT;
  code->rules_to_open = 1;
  code->failed_checks = 0;
  code->edge = 2;
  code->edge_nearest = TRUE;
  code->buckets[LC_RESULT_CODE_FIGURE_RTT] = lc_result_code_bucket (LC_RESULT_CODE_FIGURE_RTT, 42);
  code->buckets[LC_RESULT_CODE_FIGURE_JITTER] = lc_result_code_bucket (LC_RESULT_CODE_FIGURE_JITTER,
                                                                       3.2);
  code->buckets[LC_RESULT_CODE_FIGURE_LOSS] = lc_result_code_bucket (LC_RESULT_CODE_FIGURE_LOSS,
                                                                     0.2);
  code->buckets[LC_RESULT_CODE_FIGURE_MOS] = lc_result_code_bucket (LC_RESULT_CODE_FIGURE_MOS,
                                                                    4.38);
}

#define DOCUMENTED_CODE "39B1-0J20-MSB0-CS1D"

static void
test_result_code_matches_the_documented_example (void)
{
  LcResultCode code, decoded;
  g_autofree char *text = NULL;
  g_autofree char *grouped = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "result-code.md",
                                                 NULL);

  documented_example (&code);
  text = lc_result_code_encode (&code);
  grouped = lc_result_code_group (text, '-');
  g_assert_cmpstr (grouped, ==, DOCUMENTED_CODE);
  g_assert_true (lc_result_code_decode (DOCUMENTED_CODE, &decoded, NULL));
  assert_codes_equal (&code, &decoded);

  /* The page says the same code, so that a tool written from it can check itself. */
  g_assert_true (g_file_get_contents (path, &doc, NULL, NULL));
  g_assert_nonnull (strstr (doc, DOCUMENTED_CODE));
}

static void
test_result_code_describes_a_code_in_words (void)
{
  LcResultCode code;
  g_autofree char *words = NULL;
  g_autofree char *verdict = NULL;

  documented_example (&code);
  words = lc_result_code_describe (&code);
  g_test_message ("%s", words);

  g_assert_true (g_str_has_prefix (words, "Passed with warnings: the requirements are met, some "
                                          "recommendations are not\n"));
  g_assert_nonnull (strstr (words, "Steps: firewall: passed with warnings · edge: passed · "
                                   "media: passed · context: passed\n"));
  g_assert_nonnull (strstr (words, "Services: RTC: passed with warnings · ACD: not tested · "
                                   "ICE: passed · other: not tested\n"));
  g_assert_nonnull (strstr (words, "Checks: none failed, 1 rule to open on the firewall\n"));
  g_assert_nonnull (strstr (words, "First problem: nothing answered in time: a firewall "
                                   "probably drops the traffic\n"));
  g_assert_nonnull (strstr (words, "Media: media got through only by relay (direct: no call "
                                   "made · relayed: passed)\n"));
  g_assert_nonnull (strstr (words, "Edge: number 2 in the profile’s list of edges, the "
                                   "nearest\n"));
  g_assert_nonnull (strstr (words, "Call quality: round trip: 40–60 ms · jitter: under 5 ms · "
                                   "loss: 0.1–0.5 % · MOS: 4.3–4.4 (excellent)\n"));

  /* A failed run that never got a call through. */
  lc_result_code_init (&code);
  code.verdict = LC_RESULT_CODE_STATUS_FAIL;
  code.steps[LC_RESULT_CODE_STEP_FIREWALL] = LC_RESULT_CODE_STATUS_FAIL;
  code.direct_media = LC_RESULT_CODE_STATUS_FAIL;
  code.relay_media = LC_RESULT_CODE_STATUS_FAIL;
  code.failed_checks = LC_RESULT_CODE_MAX_COUNT;
  code.rules_to_open = 3;
  code.cause = LC_RESULT_CODE_CAUSE_REFUSED;
  g_clear_pointer (&words, g_free);
  words = lc_result_code_describe (&code);
  verdict = lc_result_code_describe_verdict (&code);
  g_assert_cmpstr (verdict, ==, "Failed: some requirements are not met");
  g_assert_nonnull (strstr (words, "Checks: 15 or more failed, 3 rules to open on the firewall\n"));
  g_assert_nonnull (strstr (words, "Media: no media got through (direct: failed · relayed: "
                                   "failed)\n"));
  g_assert_nonnull (strstr (words, "Edge: none chosen\n"));
  g_assert_nonnull (strstr (words, "Call quality: not measured\n"));
  g_assert_nonnull (strstr (words, "context: not run"));

  /* A cause number this version has no name for still reads as a cause. */
  code.cause = 12;
  g_clear_pointer (&words, g_free);
  words = lc_result_code_describe (&code);
  g_assert_nonnull (strstr (words, "First problem: a cause only a newer Linecheck can name\n"));
}

static void
test_result_code_spells_with_the_nato_alphabet (void)
{
  g_autofree char *spelling = lc_result_code_spell ("4k2m-9qxr-i0ab-cdef");

  g_assert_cmpstr (spelling, ==,
                   "4 — Four, K — Kilo, 2 — Two, M — Mike\n"
                   "9 — Nine, Q — Quebec, X — X-ray, R — Romeo\n"
                   "1 — One, 0 — Zero, A — Alfa, B — Bravo\n"
                   "C — Charlie, D — Delta, E — Echo, F — Foxtrot");
  g_assert_null (lc_result_code_spell ("4K2U"));

  /* Every character of the alphabet has its word. */
  {
    g_autofree char *all = lc_result_code_spell (alphabet);
    g_auto(GStrv) groups = g_strsplit (all, "\n", -1);

    g_assert_cmpuint (g_strv_length (groups), ==, 8);
    g_assert_null (strstr (all, "?"));
  }
}

static void
test_result_code_json_gives_the_fields (void)
{
  LcResultCode code;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  JsonObject *root;

  documented_example (&code);
  node = lc_result_code_to_json (&code);
  root = json_node_get_object (node);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_test_message ("%s", text);

  g_assert_cmpstr (json_object_get_string_member (root, "code"), ==, DOCUMENTED_CODE);
  g_assert_cmpint (json_object_get_int_member (root, "format"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "warn");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "steps"),
                                                  "firewall"), ==, "warn");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "services"),
                                                  "acd"), ==, "none");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (root, "media"),
                                                 "only_relay"));
  g_assert_cmpstr (json_object_get_string_member (root, "cause"), ==, "timeout");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "edge"),
                                               "position"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (root, "rtt_ms"),
                                                    "min"), ==, 40);
  g_assert_true (json_object_get_null_member (json_object_get_object_member (root, "mos"), "max")
                 == FALSE);
}

/* ---- A real report ----------------------------------------------------------------------- */

static const char report_profile[] =
  "{\"format\": 1, \"id\": \"code-test\", \"name\": \"Code test\",\n"
  " \"services\": {\"rtc\": {\"host\": \"rtc.example.net\"},\n"
  "              \"acd\": {\"host\": \"acd.example.net\"},\n"
  "              \"ice\": {\"host\": \"turn.example.net\", \"username\": \"u\","
  "                        \"credential\": \"p\"}},\n"
  " \"rules\": [\n"
  "   {\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 443, \"check\": \"https\"},\n"
  "   {\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 8989, \"check\": \"websocket\"},\n"
  "   {\"service\": \"acd\", \"protocol\": \"tcp\", \"port\": 8089, \"check\": \"sip-ws\"},\n"
  "   {\"service\": \"ice\", \"protocol\": \"tcp\", \"port\": 443, \"check\": \"turn\","
  "    \"tls\": true}],\n"
  " \"media\": [\n"
  "   {\"id\": \"audio\", \"via\": \"echo\", \"service\": \"rtc\", \"codecs\": [\"opus\"],"
  "    \"seconds\": 10},\n"
  "   {\"id\": \"relay\", \"via\": \"turn\", \"codecs\": [\"opus\"], \"transport\": \"tls\","
  "    \"seconds\": 8}],\n"
  " \"thresholds\": {\"rtt_ms\": 300, \"jitter_ms\": 50, \"loss_percent\": 1.5,\n"
  "                \"audio_kbps\": 40, \"video_kbps\": 80},\n"
  " \"edges\": [{\"id\": \"eu\", \"name\": \"Europe\", \"hosts\": {\"rtc\": \"eu.example.net\"}},\n"
  "           {\"id\": \"us\", \"name\": \"Americas\", \"hosts\": {\"rtc\": \"us.example.net\"}},\n"
  "           {\"id\": \"ap\", \"name\": \"Asia\", \"hosts\": {\"rtc\": \"ap.example.net\"}}]}";

static LcCheckResult *
rule_result (LcProfile  *profile,
             guint       index,
             LcStatus    status,
             LcCause     cause)
{
  LcCheckResult *result = lc_check_result_new_for_rule (profile, lc_profile_get_rule (profile,
                                                                                     index));

  if (status == LC_STATUS_PASS)
    lc_check_result_pass (result, "open");
  else if (status == LC_STATUS_FAIL)
    lc_check_result_fail (result, cause, "blocked");
  else
    lc_check_result_warn (result, cause, "slow");
  return result;
}

static LcCheckResult *
edge_result (const char *id,
             double      score)
{
  g_autofree char *check_id = g_strconcat ("edge-", id, NULL);
  LcCheckResult *result = lc_check_result_new (check_id, "edge", NULL, "edge");

  json_object_set_string_member (lc_check_result_get_evidence (result), "edge", id);
  json_object_set_double_member (lc_check_result_get_evidence (result), "score_ms", score);
  lc_check_result_pass (result, "measured");
  return result;
}

static LcMediaResult *
call_result (LcProfile     *profile,
             guint          index,
             LcMediaStatus  status,
             double         rtt,
             double         jitter,
             double         loss,
             double         mos)
{
  LcMediaResult *result = lc_media_result_new (lc_profile_get_media (profile, index));
  g_autoptr(LcMediaSample) summary = lc_media_sample_new (8, NULL, FALSE);

  summary->rtt_ms = rtt;
  summary->jitter_ms = jitter;
  summary->loss_percent = loss;
  lc_media_result_set_status (result, status,
                              status == LC_MEDIA_STATUS_FAIL ? LC_CAUSE_TIMEOUT : LC_CAUSE_NONE,
                              NULL);
  if (status != LC_MEDIA_STATUS_FAIL)
    {
      lc_media_result_set_summary (result, summary, 8);
      lc_media_result_set_mos (result, mos);
    }
  return result;
}

static char *
report_json_code (LcReport *report)
{
  g_autoptr(JsonNode) node = lc_report_to_json (report);
  JsonObject *root = json_node_get_object (node);

  if (json_object_get_null_member (root, "result_code"))
    return NULL;
  return g_strdup (json_object_get_string_member (root, "result_code"));
}

static void
test_result_code_of_a_report_carries_its_verdict_and_failures (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (report_profile, strlen (report_profile));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = lc_profile_new_from_bytes (bytes, "code-test.json", &error);
  g_autoptr(LcReport) report = NULL;
  g_autofree char *code_text = NULL;
  g_autofree char *words = NULL;
  LcResultCode code;

  g_assert_no_error (error);
  report = lc_report_new (profile);

  /* Chosen by hand: "ap", the third, while "us" measured nearer. */
  {
    LcCheckResult *checks[] = {
      edge_result ("eu", 80), edge_result ("us", 40), edge_result ("ap", 120),
      rule_result (profile, 0, LC_STATUS_PASS, LC_CAUSE_NONE),
      rule_result (profile, 1, LC_STATUS_FAIL, LC_CAUSE_TIMEOUT),
      rule_result (profile, 2, LC_STATUS_FAIL, LC_CAUSE_REFUSED),
      rule_result (profile, 3, LC_STATUS_PASS, LC_CAUSE_NONE),
      lc_check_result_new ("dns-rtc", "context", "rtc", "dns"),
    };

    lc_check_result_pass (checks[G_N_ELEMENTS (checks) - 1], "resolves");
    for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
      {
        lc_report_add_check (report, checks[i]);
        g_object_unref (checks[i]);
      }
  }
  lc_report_set_chosen_edge (report, "ap");
  {
    g_autoptr(LcMediaResult) direct = call_result (profile, 0, LC_MEDIA_STATUS_FAIL, NAN, NAN,
                                                   NAN, NAN);
    g_autoptr(LcMediaResult) relayed = call_result (profile, 1, LC_MEDIA_STATUS_PASS, 120, 7,
                                                    0.3, 4.1);

    lc_report_add_media (report, direct);
    lc_report_add_media (report, relayed);
  }

  /* No verdict yet, so no code: null, not a guess. */
  g_assert_null (report_json_code (report));

  lc_report_finish (report);
  code_text = report_json_code (report);
  g_assert_nonnull (code_text);
  g_test_message ("code: %s", code_text);
  g_assert_cmpuint (strlen (code_text), ==, 19);
  g_assert_true (lc_result_code_decode (code_text, &code, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (code.verdict, ==, LC_RESULT_CODE_STATUS_FAIL);
  g_assert_cmpuint (code.steps[LC_RESULT_CODE_STEP_FIREWALL], ==, LC_RESULT_CODE_STATUS_FAIL);
  g_assert_cmpuint (code.steps[LC_RESULT_CODE_STEP_EDGE], ==, LC_RESULT_CODE_STATUS_PASS);
  g_assert_cmpuint (code.steps[LC_RESULT_CODE_STEP_MEDIA], ==, LC_RESULT_CODE_STATUS_FAIL);
  g_assert_cmpuint (code.steps[LC_RESULT_CODE_STEP_CONTEXT], ==, LC_RESULT_CODE_STATUS_PASS);
  g_assert_cmpuint (code.services[LC_RESULT_CODE_SERVICE_RTC], ==, LC_RESULT_CODE_STATUS_FAIL);
  g_assert_cmpuint (code.services[LC_RESULT_CODE_SERVICE_ACD], ==, LC_RESULT_CODE_STATUS_FAIL);
  g_assert_cmpuint (code.services[LC_RESULT_CODE_SERVICE_ICE], ==, LC_RESULT_CODE_STATUS_PASS);
  g_assert_cmpuint (code.services[LC_RESULT_CODE_SERVICE_OTHER], ==, LC_RESULT_CODE_STATUS_NONE);
  g_assert_cmpuint (code.direct_media, ==, LC_RESULT_CODE_STATUS_FAIL);
  g_assert_cmpuint (code.relay_media, ==, LC_RESULT_CODE_STATUS_PASS);
  g_assert_cmpuint (code.cause, ==, LC_RESULT_CODE_CAUSE_TIMEOUT);
  g_assert_cmpuint (code.failed_checks, ==, 2);
  g_assert_cmpuint (code.rules_to_open, ==, 2);
  g_assert_cmpuint (code.edge, ==, 3);
  g_assert_false (code.edge_nearest);
  g_assert_cmpuint (code.buckets[LC_RESULT_CODE_FIGURE_RTT], ==, 6);
  g_assert_cmpuint (code.buckets[LC_RESULT_CODE_FIGURE_JITTER], ==, 2);
  g_assert_cmpuint (code.buckets[LC_RESULT_CODE_FIGURE_LOSS], ==, 2);
  g_assert_cmpuint (code.buckets[LC_RESULT_CODE_FIGURE_MOS], ==, 5);

  /* What support hears, in words. */
  words = lc_result_code_describe (&code);
  g_test_message ("%s", words);
  g_assert_true (g_str_has_prefix (words, "Failed: some requirements are not met\n"));
  g_assert_nonnull (strstr (words, "RTC: failed · ACD: failed · ICE: passed"));
  g_assert_nonnull (strstr (words, "2 failed, 2 rules to open on the firewall"));
  g_assert_nonnull (strstr (words, "media got through only by relay"));
  g_assert_nonnull (strstr (words, "number 3 in the profile’s list of edges, not the nearest"));
  g_assert_nonnull (strstr (words, "round trip: 100–150 ms"));
}

/* A clean run on the nearest edge: pass, no problem, the nearest named as such. */
static void
test_result_code_of_a_passing_report (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (report_profile, strlen (report_profile));
  g_autoptr(LcProfile) profile = lc_profile_new_from_bytes (bytes, "code-test.json", NULL);
  g_autoptr(LcReport) report = lc_report_new (profile);
  g_autofree char *code_text = NULL;
  LcResultCode code;

  {
    LcCheckResult *checks[] = {
      edge_result ("eu", 80), edge_result ("us", 40),
      rule_result (profile, 0, LC_STATUS_PASS, LC_CAUSE_NONE),
      rule_result (profile, 1, LC_STATUS_PASS, LC_CAUSE_NONE),
      rule_result (profile, 2, LC_STATUS_WARN, LC_CAUSE_PROTOCOL),
    };

    for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
      {
        lc_report_add_check (report, checks[i]);
        g_object_unref (checks[i]);
      }
  }
  lc_report_set_chosen_edge (report, "us");
  {
    g_autoptr(LcMediaResult) direct = call_result (profile, 0, LC_MEDIA_STATUS_PASS, 31, NAN,
                                                   0, 4.41);

    lc_report_add_media (report, direct);
  }
  lc_report_finish (report);

  code_text = lc_report_dup_result_code (report);
  g_assert_true (lc_result_code_decode (code_text, &code, NULL));
  g_assert_cmpuint (code.verdict, ==, LC_RESULT_CODE_STATUS_WARN);
  g_assert_cmpuint (code.cause, ==, LC_RESULT_CODE_CAUSE_PROTOCOL);
  g_assert_cmpuint (code.services[LC_RESULT_CODE_SERVICE_ACD], ==, LC_RESULT_CODE_STATUS_WARN);
  g_assert_cmpuint (code.steps[LC_RESULT_CODE_STEP_CONTEXT], ==, LC_RESULT_CODE_STATUS_NONE);
  g_assert_cmpuint (code.failed_checks, ==, 0);
  g_assert_cmpuint (code.rules_to_open, ==, 0);
  g_assert_cmpuint (code.direct_media, ==, LC_RESULT_CODE_STATUS_PASS);
  g_assert_cmpuint (code.relay_media, ==, LC_RESULT_CODE_STATUS_NONE);
  g_assert_cmpuint (code.edge, ==, 2);
  g_assert_true (code.edge_nearest);
  g_assert_cmpuint (code.buckets[LC_RESULT_CODE_FIGURE_RTT], ==, 2);
  /* A figure the call could not measure stays "not measured", never a good bucket. */
  g_assert_cmpuint (code.buckets[LC_RESULT_CODE_FIGURE_JITTER], ==, 0);
  g_assert_cmpuint (code.buckets[LC_RESULT_CODE_FIGURE_LOSS], ==, 1);
  g_assert_cmpuint (code.buckets[LC_RESULT_CODE_FIGURE_MOS], ==, 7);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/result-code/round-trips-random-payloads",
                   test_result_code_round_trips_random_payloads);
  g_test_add_func ("/core/result-code/refuses-every-single-substitution",
                   test_result_code_refuses_every_single_substitution);
  g_test_add_func ("/core/result-code/refuses-every-neighbour-swap",
                   test_result_code_refuses_every_neighbour_swap);
  g_test_add_func ("/core/result-code/refuses-up-to-four-wrong-characters",
                   test_result_code_refuses_up_to_four_wrong_characters);
  g_test_add_func ("/core/result-code/refuses-random-text", test_result_code_refuses_random_text);
  g_test_add_func ("/core/result-code/reads-lower-case-spaces-dashes-and-ILO",
                   test_result_code_reads_what_people_type);
  g_test_add_func ("/core/result-code/refuses-characters-no-code-has",
                   test_result_code_refuses_characters_no_code_has);
  g_test_add_func ("/core/result-code/refuses-wrong-lengths",
                   test_result_code_refuses_wrong_lengths);
  g_test_add_func ("/core/result-code/refuses-newer-formats",
                   test_result_code_refuses_newer_formats);
  g_test_add_func ("/core/result-code/refuses-fields-that-make-no-sense",
                   test_result_code_refuses_fields_that_make_no_sense);
  g_test_add_func ("/core/result-code/buckets-have-the-documented-bounds",
                   test_result_code_buckets_have_the_documented_bounds);
  g_test_add_func ("/core/result-code/matches-the-documented-example",
                   test_result_code_matches_the_documented_example);
  g_test_add_func ("/core/result-code/describes-a-code-in-words",
                   test_result_code_describes_a_code_in_words);
  g_test_add_func ("/core/result-code/spells-with-the-nato-alphabet",
                   test_result_code_spells_with_the_nato_alphabet);
  g_test_add_func ("/core/result-code/json-gives-the-fields",
                   test_result_code_json_gives_the_fields);
  g_test_add_func ("/core/result-code/of-a-report-carries-its-verdict-and-failures",
                   test_result_code_of_a_report_carries_its_verdict_and_failures);
  g_test_add_func ("/core/result-code/of-a-passing-report", test_result_code_of_a_passing_report);

  return g_test_run ();
}
