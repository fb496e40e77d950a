/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-dataset.c: `backprop-cli new --dataset …` and `train` of a dataset file, as a user
 * runs them: the real program, spawned; its files and per-epoch figures compared with what
 * the engine computes in this process. */
#define G_LOG_DOMAIN "test-cli-dataset"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "bp-core.h"
#include "cli-run.h"
#include "bp-dataset.h"
#include "bp-file.h"
#include "bp-forward-batch.h"
#include "bp-minibatch.h"


static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static BpNet *
load (const char     *path,
      BpFileExtras   *extras,
      BpFileSession  *session)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  BpNet *net = bp_file_load_full (file, extras, session, &error);

  g_assert_no_error (error);
  return net;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* ------------------------------------------------------------------------------------------ */
/* new                                                                                          */

static void
test_new_generated (void)
{
  g_autofree char *path = tmp_path ("xor.json");
  g_autofree char *again = tmp_path ("xor-again.json");
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  g_autoptr(CliRun) run = CLI_RUN ("new", "--sizes", "2,8,8,1", "--activations",
                            "tanh,tanh,sigmoid", "--loss", "cross-entropy", "--dataset", "xor",
                            "--seed", "7", "--output", path);
  g_autoptr(CliRun) run_again = CLI_RUN ("new", "--sizes", "2,8,8,1", "--activations",
                                  "tanh,tanh,sigmoid", "--loss", "cross-entropy", "--dataset",
                                  "xor", "--seed", "7", "--output", again);
  g_auto(BpFileSession) session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) expected = NULL;
  g_autoptr(BpNet) net = NULL;
  BpFileExtras extras;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run_again->status, ==, 0);
  text = read_text (path);
  text_again = read_text (again);
  g_assert_cmpstr (text, ==, text_again);

  net = load (path, &extras, &session);
  g_assert_true (extras.has_mode && extras.mode == BP_FILE_MODE_DATASET);
  g_assert_true (extras.has_features && extras.features == BP_FEATURES_DEFAULT);
  g_assert_true (extras.has_batch_size && extras.batch_size == 10);
  g_assert_true (extras.has_epoch && extras.epoch == 0);
  g_assert_cmpuint (extras.seed, ==, 7);
  g_assert_cmpint (net->regularization, ==, BP_REGULARIZATION_NONE);
  expected = bp_dataset_generate (BP_GENERATOR_XOR, 500, 0, 50, 7, &error);
  g_assert_no_error (error);
  g_assert_true (bp_dataset_equal (expected, session.dataset));
  g_assert_cmpint (session.dataset->generator, ==, BP_GENERATOR_XOR);
  g_assert_cmpuint (session.dataset->n_train, ==, 250);
  /* The input and target are the first training point. */
  g_assert_cmpfloat (net->a[0][0], ==, expected->points[0].x1);
  g_assert_cmpfloat (net->a[0][1], ==, expected->points[0].x2);
  g_assert_cmpfloat (net->target[0], ==, expected->points[0].label);
}

static void
test_new_options (void)
{
  g_autofree char *path = tmp_path ("plane.json");
  g_autoptr(CliRun) run = CLI_RUN ("new", "--sizes", "3,4,1", "--activations", "tanh,linear",
                            "--dataset", "plane", "--points", "120", "--noise", "10",
                            "--train-percent", "70", "--features", "x1,x2,sin_x2",
                            "--batch-size", "5", "--regularization", "l1",
                            "--regularization-rate", "0.003", "--seed", "2", "-o", path);
  g_auto(BpFileSession) session = { 0 };
  g_autoptr(BpNet) net = NULL;
  BpFileExtras extras;
  double sin_x2;

  g_assert_cmpint (run->status, ==, 0);
  net = load (path, &extras, &session);
  g_assert_cmpuint (extras.features, ==, BP_FEATURES_DEFAULT
                    | BP_FEATURE_BIT (BP_FEATURE_SIN_X2));
  g_assert_cmpuint (extras.batch_size, ==, 5);
  g_assert_cmpint (net->regularization, ==, BP_REGULARIZATION_L1);
  g_assert_cmpfloat (net->regularization_rate, ==, 0.003);
  g_assert_cmpuint (session.dataset->n_points, ==, 120);
  g_assert_cmpuint (session.dataset->n_train, ==, 84);
  g_assert_cmpfloat (session.dataset->noise, ==, 10);
  g_assert_cmpint (session.dataset->kind, ==, BP_DATASET_REGRESSION);
  sin_x2 = sin (session.dataset->points[0].x2);
  g_assert_cmpfloat (net->a[0][2], ==, sin_x2);
}

static void
test_new_csv (void)
{
  g_autofree char *csv = tmp_path ("points.csv");
  g_autofree char *bad = tmp_path ("bad.csv");
  g_autofree char *missing = tmp_path ("missing.csv");
  g_autofree char *path = tmp_path ("csv.json");
  g_autofree char *expected_error = NULL;
  g_auto(BpFileSession) session = { 0 };
  g_autoptr(BpNet) net = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) run_bad = NULL;
  g_autoptr(CliRun) run_missing = NULL;
  BpFileExtras extras;

  g_assert_true (g_file_set_contents (csv, "x1,x2,label\n1,2,1\n-1,-2,0\n3,0.5,1\n0,0,0\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (bad, "1,2,1\n1,2\n", -1, NULL));
  run = CLI_RUN ("new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid", "--dataset-file", csv,
             "--seed", "1", "-o", path);
  g_assert_cmpint (run->status, ==, 0);
  net = load (path, &extras, &session);
  g_assert_cmpint (session.dataset->generator, ==, BP_GENERATOR_CSV);
  g_assert_cmpint (session.dataset->kind, ==, BP_DATASET_CLASSIFICATION);
  g_assert_cmpuint (session.dataset->n_points, ==, 4);
  g_assert_cmpstr (session.dataset_source, ==, csv);

  run_bad = CLI_RUN ("new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid", "--dataset-file",
                 bad, "-o", path);
  g_assert_cmpint (run_bad->status, ==, 1);
  expected_error = g_strdup_printf ("backprop-cli: %s: line 2: expected 3 numbers, found 2\n",
                                    bad);
  g_assert_cmpstr (run_bad->err, ==, expected_error);
  run_missing = CLI_RUN ("new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                     "--dataset-file", missing, "-o", path);
  g_assert_cmpint (run_missing->status, ==, 1);
  g_assert_nonnull (strstr (run_missing->err, "missing.csv: No such file"));
}

static void
test_new_errors (void)
{
  static const struct {
    const char *args[8];
    const char *message;
  } cases[] = {
    { { "--sizes", "3,4,1", "--dataset", "circle" },
      "--sizes starts with 3 inputs, but --features gives 2: x1,x2" },
    { { "--sizes", "2,4,1", "--dataset", "circle", "--features", "x1" },
      "--sizes starts with 2 inputs, but --features gives 1: x1" },
    { { "--sizes", "2,4,2", "--dataset", "circle" },
      "--sizes ends with 2 outputs; a dataset’s points have one label, so the network needs "
      "one output" },
    { { "--sizes", "2,4,1", "--dataset", "moons" },
      "--dataset: unknown dataset “moons” (use circle, xor, gaussian, spiral, plane or "
      "multi-gaussian)" },
    { { "--sizes", "2,4,1", "--dataset", "csv" },
      "--dataset: unknown dataset “csv” (use circle, xor, gaussian, spiral, plane or "
      "multi-gaussian)" },
    { { "--sizes", "2,4,1", "--points", "100" }, "--points needs --dataset or --dataset-file" },
    { { "--sizes", "2,4,1", "--regularization", "l2" },
      "--regularization needs --dataset or --dataset-file" },
    { { "--sizes", "2,4,1", "--dataset", "xor", "--dataset-file", "a.csv" },
      "--dataset and --dataset-file cannot be used together" },
    { { "--sizes", "2,4,1", "--dataset", "xor", "--input", "1,2" },
      "--input and --dataset cannot be used together" },
    { { "--sizes", "2,4,1", "--dataset", "xor", "--batch-size", "65" },
      "--batch-size: “65” is not a whole number from 1 to 64" },
    { { "--sizes", "2,4,1", "--dataset", "xor", "--regularization", "l3" },
      "--regularization: unknown regularization “l3” (use none, l1 or l2)" },
    { { "--sizes", "2,4,1", "--dataset", "xor", "--regularization-rate", "0.5" },
      "--regularization-rate: The regularization rate must be one of 0, 0.001, 0.003, 0.01, "
      "0.03, 0.1, 0.3, 1, 3 or 10, not 0.5" },
    { { "--sizes", "2,4,1", "--dataset", "xor", "--points", "0" },
      "--points: “0” is not a whole number from 1 to 10000" },
    { { "--sizes", "2,4,1", "--dataset", "xor", "--noise", "60" },
      "The noise is 0 to 50 %, not 60 %" },
    { { "--sizes", "2,4,1", "--dataset", "xor", "--features", "x1,x1" },
      "--features: The feature “x1” is listed twice" },
  };
  g_autofree char *path = tmp_path ("error.json");

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      const char *args[16] = { "new", "--activations", "tanh,sigmoid", "-o", path };
      g_autofree char *expected = g_strdup_printf ("backprop-cli: %s\nRun “backprop-cli new "
                                                   "--help” to see its options.\n",
                                                   cases[k].message);
      g_autoptr(CliRun) run = NULL;
      guint n = 5;

      for (guint i = 0; i < G_N_ELEMENTS (cases[k].args) && cases[k].args[i] != NULL; i++)
        args[n++] = cases[k].args[i];
      run = cli_run (args);
      g_assert_cmpint (run->status, ==, 2);
      g_assert_cmpstr (run->err, ==, expected);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

/* ------------------------------------------------------------------------------------------ */
/* train                                                                                        */

/* What `train --json` must print: the engine's own epochs, in this process. */
static char *
expected_epochs (const char *path,
                 guint       n_epochs)
{
  g_auto(BpFileSession) session = { 0 };
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GString) out = g_string_new ("[");
  g_autoptr(BpMinibatch) mb = NULL;
  BpForwardBatch *batch;
  BpFileExtras extras;
  const BpDataset *d;
  guint n_in, n_test;
  g_autofree double *inputs = NULL;
  g_autofree double *targets = NULL;

  net = load (path, &extras, &session);
  d = session.dataset;
  n_in = net->sizes[0];
  n_test = d->n_points - d->n_train;
  inputs = g_new (double, (gsize) d->n_points * n_in);
  targets = g_new (double, d->n_points);
  for (guint k = 0; k < d->n_points; k++)
    {
      bp_feature_set_fill (extras.features, d->points[k].x1, d->points[k].x2,
                           inputs + (gsize) k * n_in);
      targets[k] = d->points[k].label;
    }
  mb = bp_minibatch_new (d->n_train, extras.batch_size, n_in, 1, d->seed);
  batch = bp_forward_batch_new (net, d->n_points);
  for (guint e = 1; e <= n_epochs; e++)
    {
      guint train_correct = 0, test_correct = 0;
      double train_loss, test_loss;
      g_autofree char *line = NULL;

      while (mb->epoch < e)
        g_assert_true (bp_net_minibatch_step (net, mb, inputs, targets, NULL, NULL));
      bp_net_forward_batch (net, inputs, d->n_train, BP_FORWARD_EXACT, batch);
      train_loss = bp_net_mean_loss (net, targets, batch, &train_correct);
      bp_net_forward_batch (net, inputs + (gsize) d->n_train * n_in, n_test, BP_FORWARD_EXACT,
                            batch);
      test_loss = bp_net_mean_loss (net, targets + d->n_train, batch, &test_correct);
      if (d->kind == BP_DATASET_CLASSIFICATION)
        line = g_strdup_printf ("{\"epoch\":%u,\"train_loss\":%.17g,\"test_loss\":%.17g,"
                                "\"train_accuracy\":%.17g,\"test_accuracy\":%.17g}", e,
                                train_loss, test_loss, (double) train_correct / d->n_train,
                                (double) test_correct / n_test);
      else
        line = g_strdup_printf ("{\"epoch\":%u,\"train_loss\":%.17g,\"test_loss\":%.17g,"
                                "\"train_accuracy\":null,\"test_accuracy\":null}", e,
                                train_loss, test_loss);
      g_string_append_printf (out, "%s%s", e > 1 ? "," : "", line);
    }
  bp_forward_batch_free (batch);
  g_string_append (out, "]\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
make_file (const char *name,
           const char *dataset,
           const char *output)
{
  char *path = tmp_path (name);
  g_autoptr(CliRun) run = CLI_RUN ("new", "--sizes", "2,6,1", "--activations",
                            g_str_equal (output, "sigmoid") ? "tanh,sigmoid" : "tanh,linear",
                            "--dataset", dataset, "--points", "200", "--seed", "3",
                            "--learning-rate", "0.1", "-o", path);

  g_assert_cmpint (run->status, ==, 0);
  return path;
}

/* Compares JSON arrays by parsing them: %.17g and the CLI's writer may spell a number
 * differently while meaning the same double. */
static void
assert_same_json (const char *actual,
                  const char *expected)
{
  g_autoptr(JsonParser) a = json_parser_new ();
  g_autoptr(JsonParser) b = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *x, *y;

  g_assert_true (json_parser_load_from_data (a, actual, -1, &error));
  g_assert_true (json_parser_load_from_data (b, expected, -1, &error));
  x = json_node_get_array (json_parser_get_root (a));
  y = json_node_get_array (json_parser_get_root (b));
  g_assert_cmpuint (json_array_get_length (x), ==, json_array_get_length (y));
  for (guint k = 0; k < json_array_get_length (x); k++)
    {
      JsonObject *ox = json_array_get_object_element (x, k);
      JsonObject *oy = json_array_get_object_element (y, k);
      static const char *const keys[] = { "epoch", "train_loss", "test_loss",
                                          "train_accuracy", "test_accuracy" };

      g_assert_cmpuint (json_object_get_size (ox), ==, G_N_ELEMENTS (keys));
      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          JsonNode *nx = json_object_get_member (ox, keys[i]);
          JsonNode *ny = json_object_get_member (oy, keys[i]);

          g_assert_nonnull (nx);
          g_assert_cmpint (JSON_NODE_TYPE (nx), ==, JSON_NODE_TYPE (ny));
          if (!JSON_NODE_HOLDS_NULL (nx))
            {
              double vx = json_node_get_double (nx), vy = json_node_get_double (ny);

              g_assert_true (memcmp (&vx, &vy, sizeof vx) == 0);
            }
        }
    }
}

static void
test_train_json (void)
{
  g_autofree char *circle = make_file ("circle.json", "circle", "sigmoid");
  g_autofree char *plane = make_file ("plane-train.json", "plane", "linear");
  g_autofree char *expected_circle = expected_epochs (circle, 4);
  g_autofree char *expected_plane = expected_epochs (plane, 3);
  g_autoptr(CliRun) run_circle = CLI_RUN ("train", circle, "--epochs", "4", "--json");
  g_autoptr(CliRun) run_plane = CLI_RUN ("train", plane, "--epochs", "3", "--json");

  g_assert_cmpint (run_circle->status, ==, 0);
  g_assert_cmpstr (run_circle->err, ==, "");
  assert_same_json (run_circle->out, expected_circle);
  g_assert_cmpint (run_plane->status, ==, 0);
  assert_same_json (run_plane->out, expected_plane);
  g_assert_nonnull (strstr (run_plane->out, "\"train_accuracy\":null,\"test_accuracy\":null"));
}

static void
test_train_text (void)
{
  g_autofree char *circle = make_file ("circle-text.json", "circle", "sigmoid");
  g_autofree char *plane = make_file ("plane-text.json", "plane", "linear");
  g_autoptr(CliRun) run = CLI_RUN ("train", circle, "--epochs", "3");
  g_autoptr(CliRun) run_plane = CLI_RUN ("train", plane, "--epochs", "2");
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) plane_lines = NULL;

  g_assert_cmpint (run->status, ==, 0);
  lines = g_strsplit (run->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *start = g_strdup_printf ("epoch %u: train loss ", k + 1);

      g_assert_true (g_str_has_prefix (lines[k], start));
      g_assert_true (g_regex_match_simple ("^epoch [0-9]+: train loss [0-9.e-]+, test loss "
                                           "[0-9.e-]+, train accuracy [0-9]+\\.[0-9] %, test "
                                           "accuracy [0-9]+\\.[0-9] %$", lines[k], 0, 0));
    }
  g_assert_cmpint (run_plane->status, ==, 0);
  plane_lines = g_strsplit (run_plane->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (plane_lines), ==, 3);
  g_assert_true (g_regex_match_simple ("^epoch 2: train loss [0-9.e-]+, test loss [0-9.e-]+$",
                                       plane_lines[1], 0, 0));
}

/* --steps counts mini-batches: 100 training points in batches of 10 make 10 a epoch, so 25
 * steps report epochs 1 and 2, then 2.5. Training in two runs through --output ends where one
 * run ends, to the bit. */
static void
test_train_steps_resume (void)
{
  g_autofree char *circle = make_file ("circle-steps.json", "circle", "sigmoid");
  g_autofree char *half = tmp_path ("half.json");
  g_autofree char *whole = tmp_path ("whole.json");
  g_autofree char *resumed = tmp_path ("resumed.json");
  g_autoptr(CliRun) run = CLI_RUN ("train", circle, "--steps", "25", "--json");
  g_autoptr(CliRun) run_half = CLI_RUN ("train", circle, "--steps", "25", "-o", half);
  g_autoptr(CliRun) run_rest = CLI_RUN ("train", half, "--steps", "15", "-o", resumed);
  g_autoptr(CliRun) run_whole = CLI_RUN ("train", circle, "--epochs", "4", "-o", whole);
  g_autofree char *text_resumed = NULL;
  g_autofree char *text_whole = NULL;
  g_auto(BpFileSession) session = { 0 };
  g_autoptr(BpNet) net = NULL;
  BpFileExtras extras;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "[{\"epoch\":1,"));
  g_assert_nonnull (strstr (run->out, "},{\"epoch\":2,"));
  g_assert_nonnull (strstr (run->out, "},{\"epoch\":2.5,"));
  g_assert_cmpint (run_half->status, ==, 0);
  net = load (half, &extras, &session);
  g_assert_cmpuint (extras.step, ==, 25);
  g_assert_cmpuint (extras.epoch, ==, 2);
  g_assert_nonnull (session.dataset);

  g_assert_cmpint (run_rest->status, ==, 0);
  g_assert_cmpint (run_whole->status, ==, 0);
  text_resumed = read_text (resumed);
  text_whole = read_text (whole);
  g_assert_cmpstr (text_resumed, ==, text_whole);
}

static void
test_train_options (void)
{
  g_autofree char *circle = make_file ("circle-options.json", "circle", "sigmoid");
  g_autofree char *out = tmp_path ("options-out.json");
  g_autoptr(CliRun) run = CLI_RUN ("train", circle, "--epochs", "1", "--batch-size", "64",
                            "--regularization", "l2", "--regularization-rate", "0.01",
                            "-o", out);
  g_auto(BpFileSession) session = { 0 };
  g_autoptr(BpNet) net = NULL;
  BpFileExtras extras;

  g_assert_cmpint (run->status, ==, 0);
  net = load (out, &extras, &session);
  g_assert_cmpuint (extras.batch_size, ==, 64);
  g_assert_cmpuint (extras.step, ==, 2);     /* 100 training points: batches of 64 and 36 */
  g_assert_cmpint (net->regularization, ==, BP_REGULARIZATION_L2);
  g_assert_cmpfloat (net->regularization_rate, ==, 0.01);
}

static void
test_train_errors (void)
{
  g_autofree char *circle = make_file ("circle-errors.json", "circle", "sigmoid");
  g_autofree char *example = tmp_path ("example.json");
  g_autofree char *expected = NULL;
  g_autoptr(CliRun) made = CLI_RUN ("new", "--sizes", "2,2,1", "--activations", "tanh,sigmoid",
                             "-o", example);
  g_autoptr(CliRun) both = CLI_RUN ("train", circle, "--epochs", "1", "--steps", "2");
  g_autoptr(CliRun) neither = CLI_RUN ("train", circle);
  g_autoptr(CliRun) batch = CLI_RUN ("train", circle, "--epochs", "1", "--batch-size", "0");
  g_autoptr(CliRun) epochs = CLI_RUN ("train", circle, "--epochs", "0");
  g_autoptr(CliRun) on_example = CLI_RUN ("train", example, "--epochs", "1");
  g_autoptr(CliRun) steps_on_example = CLI_RUN ("train", example, "--steps", "1", "--batch-size", "4");

  g_assert_cmpint (made->status, ==, 0);
  g_assert_cmpint (both->status, ==, 2);
  g_assert_cmpstr (both->err, ==, "backprop-cli: --steps and --epochs cannot be used together\n"
                                  "Run “backprop-cli train --help” to see its options.\n");
  g_assert_cmpint (neither->status, ==, 2);
  g_assert_true (g_str_has_prefix (neither->err, "backprop-cli: train needs --steps\n"));
  g_assert_cmpint (batch->status, ==, 2);
  g_assert_true (g_str_has_prefix (batch->err, "backprop-cli: --batch-size: “0” is not a "
                                               "whole number from 1 to 64\n"));
  g_assert_cmpint (epochs->status, ==, 2);
  expected = g_strdup_printf ("backprop-cli: %s: --epochs, --batch-size and --regularization "
                              "are for files in dataset mode; this one trains on one example\n",
                              example);
  g_assert_cmpint (on_example->status, ==, 1);
  g_assert_cmpstr (on_example->err, ==, expected);
  g_assert_cmpint (steps_on_example->status, ==, 1);
  g_assert_cmpstr (steps_on_example->err, ==, expected);
}

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) d = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (tmp_dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("backprop-cli-dataset-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_add_func ("/bp/cli-dataset/new-generated", test_new_generated);
  g_test_add_func ("/bp/cli-dataset/new-options", test_new_options);
  g_test_add_func ("/bp/cli-dataset/new-csv", test_new_csv);
  g_test_add_func ("/bp/cli-dataset/new-errors", test_new_errors);
  g_test_add_func ("/bp/cli-dataset/train-json", test_train_json);
  g_test_add_func ("/bp/cli-dataset/train-text", test_train_text);
  g_test_add_func ("/bp/cli-dataset/train-steps-resume", test_train_steps_resume);
  g_test_add_func ("/bp/cli-dataset/train-options", test_train_options);
  g_test_add_func ("/bp/cli-dataset/train-errors", test_train_errors);
  status = g_test_run ();
  remove_tmp_dir ();
  g_free (tmp_dir);
  return status;
}
