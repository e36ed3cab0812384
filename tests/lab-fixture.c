/* lab-fixture.c — runs tests/lab/linecheck-lab for the test programs of the `lab` suite
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "lab-fixture.h"

static void
run_or_die (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                     &error))
    g_error ("cannot run %s: %s", argv[0], error->message);

  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s %s failed: %s\n%s\n%s", argv[0], argv[1], error->message, out, err);
}

static JsonNode *
read_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("%s: %s", path, error->message);
  return json_node_copy (json_parser_get_root (parser));
}

/**
 * lab_fixture_start:
 *
 * Starts the lab in a network namespace when root (as in CI), on loopback otherwise.
 */
LabFixture *
lab_fixture_start (void)
{
  return lab_fixture_start_mode (NULL);
}

/**
 * lab_fixture_start_mode:
 * @mode: (nullable): "loopback" or "netns" (the lab's `--loopback`, `--netns`); %NULL: the
 *   lab's default (a namespace when root, loopback otherwise)
 */
LabFixture *
lab_fixture_start_mode (const char *mode)
{
  LabFixture *lab = g_new0 (LabFixture, 1);
  const char *script = g_getenv ("LC_LAB");
  g_autofree char *profile_path = NULL;
  g_autofree char *lab_path = NULL;
  JsonObject *root;

  g_assert_nonnull (script);
  lab->dir = g_dir_make_tmp ("linecheck-lab-XXXXXX", NULL);
  g_assert_nonnull (lab->dir);

  {
    /* If this test program dies without stopping the lab, the lab stops itself. */
    g_autofree char *owner = g_strdup_printf ("%d", (int)getpid ());
    g_autofree char *flag = mode ? g_strdup_printf ("--%s", mode) : NULL;
    const char *argv[] = { script, "start", "--dir", lab->dir, "--owner-pid", owner, flag,
                           NULL };
    run_or_die (argv);
  }

  profile_path = g_build_filename (lab->dir, "profile.json", NULL);
  lab_path = g_build_filename (lab->dir, "lab.json", NULL);
  lab->profile = read_json (profile_path);
  lab->lab = read_json (lab_path);

  root = json_node_get_object (lab->lab);
  if (json_object_has_member (root, "netns") && !json_object_get_null_member (root, "netns"))
    lab->netns = g_strdup (json_object_get_string_member (root, "netns"));
  lab->janus_media = lab->netns != NULL ||
                     (json_object_has_member (root, "janus_media") &&
                      !json_object_get_null_member (root, "janus_media"));

  return lab;
}

void
lab_fixture_stop (LabFixture *lab)
{
  const char *argv[] = { g_getenv ("LC_LAB"), "stop", "--dir", lab->dir, NULL };

  run_or_die (argv);

  /* The lab is stopped: its folder (certificates, logs, profiles) goes too. */
  {
    const char *rm[] = { "rm", "-rf", lab->dir, NULL };
    run_or_die (rm);
  }
  g_free (lab->netns);
  json_node_unref (lab->profile);
  json_node_unref (lab->lab);
  g_free (lab->dir);
  g_free (lab);
}

/**
 * lab_fixture_load_profile:
 * @name: the file name the variant is written under, in the lab's folder (so that its
 *   relative CA path still holds)
 * @edit: (nullable): changes the profile's JSON before it is loaded
 */
LcProfile *
lab_fixture_load_profile (LabFixture  *lab,
                          const char  *name,
                          void       (*edit) (JsonObject *root, gpointer data),
                          gpointer     data)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *original = NULL;
  JsonNode *copy;
  g_autofree char *path = g_build_filename (lab->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LcProfile *profile;

  /* json_node_copy() shares the objects inside: a variant is made from the text instead. */
  json_generator_set_root (generator, lab->profile);
  original = json_generator_to_data (generator, NULL);
  g_assert_true (json_parser_load_from_data (parser, original, -1, NULL));
  copy = json_parser_get_root (parser);

  if (edit != NULL)
    edit (json_node_get_object (copy), data);

  json_generator_set_root (generator, copy);
  g_assert_true (json_generator_to_file (generator, path, NULL));

  profile = lc_profile_new_from_file (file, &error);
  g_assert_no_error (error);
  return profile;
}

/**
 * lab_fixture_nft:
 * @rule: an nft command line, run inside the lab's namespace (its servers' side)
 */
void
lab_fixture_nft (LabFixture *lab,
                 const char *rule)
{
  g_auto(GStrv) words = g_strsplit (rule, " ", -1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_assert_nonnull (lab->netns);
  g_ptr_array_add (argv, "ip");
  g_ptr_array_add (argv, "netns");
  g_ptr_array_add (argv, "exec");
  g_ptr_array_add (argv, lab->netns);
  g_ptr_array_add (argv, "nft");
  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (argv, words[i]);
  g_ptr_array_add (argv, NULL);
  run_or_die ((const char * const *)argv->pdata);
}

/* Removes every rule the tests added, so that each test starts from an open lab. */
void
lab_fixture_nft_flush (LabFixture *lab)
{
  if (lab->netns != NULL)
    lab_fixture_nft (lab, "flush ruleset");
}

JsonObject *
lab_fixture_find_rule (JsonObject *root,
                       const char *service,
                       const char *protocol,
                       gint64      port)
{
  JsonArray *rules = json_object_get_array_member (root, "rules");

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);

      if (g_str_equal (json_object_get_string_member (rule, "service"), service) &&
          g_str_equal (json_object_get_string_member (rule, "protocol"), protocol) &&
          json_object_has_member (rule, "port") &&
          json_object_get_int_member (rule, "port") == port)
        return rule;
    }

  g_error ("the lab profile has no %s %s %" G_GINT64_FORMAT " rule", service, protocol, port);
  return NULL;
}
