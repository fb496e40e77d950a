/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-file-dataset.c: the keys of a network file that train it on a dataset: round trips to
 * the bit, each key refused with a message naming it, files without them unchanged, and
 * BpNetwork keeping a loaded dataset through a save. */
#define G_LOG_DOMAIN "test-file-dataset"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bp-dataset.h"
#include "bp-file.h"
#include "bp-network.h"

static gboolean
same_bits (double a,
           double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* A 4-8-1 network on a spiral with four features, L2 at 0.03, in mid-training. */
static BpNet *
make_dataset_net (BpFileExtras   *extras,
                  BpFileSession  *session)
{
  static const guint sizes[] = { 4, 8, 1 };
  static const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(GError) error = NULL;
  BpNet *net = bp_net_new (3, sizes, acts, BP_LOSS_CROSS_ENTROPY, &error);
  BpFeatureSet features = BP_FEATURES_DEFAULT | BP_FEATURE_BIT (BP_FEATURE_SIN_X1)
                          | BP_FEATURE_BIT (BP_FEATURE_SIN_X2);
  BpDataset *dataset;
  double input[4];

  g_assert_no_error (error);
  bp_net_init_seeded (net, 17);
  net->learning_rate = 0.1;
  g_assert_true (bp_net_set_regularization (net, BP_REGULARIZATION_L2, 0.03, &error));
  dataset = bp_dataset_generate (BP_GENERATOR_SPIRAL, 200, 12.5, 60, 99, &error);
  g_assert_no_error (error);
  bp_feature_set_fill (features, dataset->points[0].x1, dataset->points[0].x2, input);
  bp_net_set_input (net, input);
  g_assert_true (bp_net_set_target (net, &dataset->points[0].label, &error));
  bp_net_forward (net);
  bp_net_backward (net);

  *extras = (BpFileExtras) {
    .has_seed = TRUE, .seed = 17, .step = 345,
    .has_mode = TRUE, .mode = BP_FILE_MODE_DATASET,
    .has_features = TRUE, .features = features,
    .has_batch_size = TRUE, .batch_size = 10,
    .has_regularization = TRUE,
    .has_epoch = TRUE, .epoch = 28,
  };
  *session = (BpFileSession) { .dataset = dataset };
  return net;
}

static void
assert_same_dataset (const BpDataset *a,
                     const BpDataset *b)
{
  g_assert_true (bp_dataset_equal (a, b));
  g_assert_cmpuint (a->n_points, ==, b->n_points);
  g_assert_cmpuint (a->n_train, ==, b->n_train);
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpint (a->generator, ==, b->generator);
  g_assert_cmpuint (a->seed, ==, b->seed);
  g_assert_true (same_bits (a->noise, b->noise));
  g_assert_true (same_bits (a->train_percent, b->train_percent));
  for (guint k = 0; k < a->n_points; k++)
    {
      g_assert_true (same_bits (a->points[k].x1, b->points[k].x1));
      g_assert_true (same_bits (a->points[k].x2, b->points[k].x2));
      g_assert_true (same_bits (a->points[k].label, b->points[k].label));
    }
}

static void
assert_same_extras (const BpFileExtras *a,
                    const BpFileExtras *b)
{
  g_assert_cmpint (a->has_seed, ==, b->has_seed);
  g_assert_cmpuint (a->seed, ==, b->seed);
  g_assert_cmpuint (a->step, ==, b->step);
  g_assert_cmpint (a->has_mode, ==, b->has_mode);
  g_assert_cmpint (a->mode, ==, b->mode);
  g_assert_cmpint (a->has_features, ==, b->has_features);
  g_assert_cmpuint (a->features, ==, b->features);
  g_assert_cmpint (a->has_batch_size, ==, b->has_batch_size);
  g_assert_cmpuint (a->batch_size, ==, b->batch_size);
  g_assert_cmpint (a->has_regularization, ==, b->has_regularization);
  g_assert_cmpint (a->has_epoch, ==, b->has_epoch);
  g_assert_cmpuint (a->epoch, ==, b->epoch);
}

static void
test_round_trip (void)
{
  g_auto(BpFileSession) session = { 0 };
  g_auto(BpFileSession) read_session = { 0 };
  g_autoptr(GError) error = NULL;
  BpFileExtras extras, read_extras;
  g_autoptr(BpNet) net = make_dataset_net (&extras, &session);
  g_autoptr(GBytes) bytes = bp_file_to_bytes_full (net, &extras, &session);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(BpNet) loaded = NULL;
  const char *text = g_bytes_get_data (bytes, NULL);

  g_assert_nonnull (strstr (text, "\"mode\": \"dataset\",\n  \"features\": [\"x1\", \"x2\", "
                                  "\"sin_x1\", \"sin_x2\"],\n  \"batch_size\": 10,\n"
                                  "  \"regularization\": \"l2\",\n"
                                  "  \"regularization_rate\": 0.029999999999999999,\n"
                                  "  \"epoch\": 28,\n  \"dataset\": {\n"
                                  "    \"generator\": \"spiral\",\n    \"seed\": 99,\n"
                                  "    \"noise\": 12.5,\n    \"train_percent\": 60.0,\n"
                                  "    \"n_train\": 120,\n    \"points\": [\n      ["));
  loaded = bp_file_load_bytes_full (bytes, &read_extras, &read_session, &error);
  g_assert_no_error (error);
  assert_same_extras (&extras, &read_extras);
  assert_same_dataset (session.dataset, read_session.dataset);
  g_assert_null (read_session.dataset_source);
  g_assert_cmpint (loaded->regularization, ==, BP_REGULARIZATION_L2);
  g_assert_true (same_bits (loaded->regularization_rate, 0.03));
  g_assert_true (same_bits (loaded->loss, net->loss));

  again = bp_file_to_bytes_full (loaded, &read_extras, &read_session);
  g_assert_true (g_bytes_equal (bytes, again));
}

/* A CSV set keeps its source; regression labels of any value come back to the bit. */
static void
test_round_trip_csv (void)
{
  static const char csv[] = "x1,x2,label\n0.1,0.2,0.30000000000000004\n-5.5,1e-300,-7\n"
                            "3,3,2.5\n1,-1,0.125\n";
  g_auto(BpFileSession) session = { 0 };
  g_auto(BpFileSession) read_session = { 0 };
  g_autoptr(GError) error = NULL;
  BpFileExtras extras, read_extras;
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(BpNet) loaded = NULL;
  static const guint sizes[] = { 2, 3, 1 };
  static const BpActivation acts[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_LINEAR };

  net = bp_net_new (3, sizes, acts, BP_LOSS_SQUARED_ERROR, &error);
  g_assert_no_error (error);
  bp_net_init_seeded (net, 3);
  g_assert_true (bp_net_set_regularization (net, BP_REGULARIZATION_L1, 10, &error));
  extras = (BpFileExtras) { .has_seed = TRUE, .seed = 3, .has_mode = TRUE,
                            .mode = BP_FILE_MODE_DATASET, .has_features = TRUE,
                            .features = BP_FEATURES_DEFAULT };
  session.dataset = bp_dataset_new_from_csv (csv, -1, 50, 8, &error);
  g_assert_no_error (error);
  session.dataset_source = g_strdup ("/tmp/ünïcode \"points\".csv");

  bytes = bp_file_to_bytes_full (net, &extras, &session);
  loaded = bp_file_load_bytes_full (bytes, &read_extras, &read_session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (session.dataset->kind, ==, BP_DATASET_REGRESSION);
  assert_same_dataset (session.dataset, read_session.dataset);
  g_assert_cmpstr (read_session.dataset_source, ==, session.dataset_source);
  /* The network has a regularisation, so the keys are written though the extras had none. */
  g_assert_true (read_extras.has_regularization);
  g_assert_cmpint (loaded->regularization, ==, BP_REGULARIZATION_L1);
  g_assert_true (same_bits (loaded->regularization_rate, 10));
  again = bp_file_to_bytes_full (loaded, &read_extras, &read_session);
  g_assert_true (g_bytes_equal (bytes, again));
}

/* Points drawn for regression whose values happen to be 0 and 1 stay a regression set: the
 * file says their kind. */
static void
test_round_trip_drawn_kind (void)
{
  static const BpPoint points[] = { { 1, 2, 1 }, { -1, 0.5, 0 }, { 3, -3, 1 } };
  g_auto(BpFileSession) session = { 0 };
  g_auto(BpFileSession) read_session = { 0 };
  g_autoptr(GError) error = NULL;
  BpFileExtras extras, read_extras;
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BpNet) loaded = NULL;
  static const guint sizes[] = { 2, 3, 1 };
  static const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_LINEAR };

  net = bp_net_new (3, sizes, acts, BP_LOSS_SQUARED_ERROR, &error);
  g_assert_no_error (error);
  extras = (BpFileExtras) { .has_mode = TRUE, .mode = BP_FILE_MODE_DATASET,
                            .has_features = TRUE, .features = BP_FEATURES_DEFAULT };
  session.dataset = bp_dataset_new_from_points (BP_DATASET_REGRESSION, points, 3, 2, &error);
  g_assert_no_error (error);
  session.dataset->generator = BP_GENERATOR_DRAWN;
  bytes = bp_file_to_bytes_full (net, &extras, &session);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  "\"kind\": \"regression\""));
  loaded = bp_file_load_bytes_full (bytes, &read_extras, &read_session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read_session.dataset->kind, ==, BP_DATASET_REGRESSION);
  assert_same_dataset (session.dataset, read_session.dataset);
}

/* A file without the keys is written as before, and reads with none of them set. */
static void
test_old_files (void)
{
  static const guint sizes[] = { 2, 2, 1 };
  static const BpActivation acts[] = { BP_ACTIVATION_SIGMOID, BP_ACTIVATION_SIGMOID };
  static const char *const keys[] = { "\"mode\"", "\"features\"", "\"batch_size\"",
                                      "\"regularization", "\"epoch\"", "\"dataset\"" };
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNet) net = bp_net_new (3, sizes, acts, BP_LOSS_SQUARED_ERROR, &error);
  BpFileExtras extras = { .has_seed = TRUE, .seed = 5, .step = 2 };
  g_auto(BpFileSession) session = { 0 };
  BpFileExtras read_extras;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(BpNet) loaded = NULL;

  bp_net_init_seeded (net, 5);
  bytes = bp_file_to_bytes (net, &extras);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    g_assert_null (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 keys[k]));
  loaded = bp_file_load_bytes_full (bytes, &read_extras, &session, &error);
  g_assert_no_error (error);
  g_assert_false (read_extras.has_mode || read_extras.has_features
                  || read_extras.has_batch_size || read_extras.has_regularization
                  || read_extras.has_epoch);
  g_assert_null (session.dataset);
  g_assert_cmpint (loaded->regularization, ==, BP_REGULARIZATION_NONE);
  again = bp_file_to_bytes_full (loaded, &read_extras, &session);
  g_assert_true (g_bytes_equal (bytes, again));
}

/* The base file of the error cases: a 2-2-1 network in dataset mode, three points. */
static const char base_file[] =
  "{\"format\": \"backprop-network\", \"version\": 1, \"sizes\": [2, 2, 1],\n"
  " \"activations\": [\"tanh\", \"sigmoid\"], \"loss\": \"squared-error\",\n"
  " \"learning_rate\": 0.1, \"weights\": [[[1, 2], [3, 4]], [[5, 6]]],\n"
  " \"biases\": [[0, 0], [0]], \"input\": [1, 2], \"target\": [1]@TOP@,\n"
  " \"mode\": \"dataset\", \"features\": [\"x1\", \"x2\"], \"batch_size\": 10,\n"
  " \"regularization\": \"l2\", \"regularization_rate\": 0.01, \"epoch\": 3,\n"
  " \"dataset\": {\"generator\": \"drawn\", \"seed\": 4, \"noise\": 0,\n"
  "   \"train_percent\": 50, \"n_train\": 2, \"points\": [[1, 2, 1], [3, 4, 0], [5, 6, 1]]"
  "@DATA@}}\n";

static GBytes *
patched (const char *from,
         const char *to)
{
  g_autoptr(GString) text = g_string_new (base_file);

  if (from != NULL)
    g_assert_cmpuint (g_string_replace (text, from, to, 1), ==, 1);
  g_string_replace (text, "@TOP@", "", 0);
  g_string_replace (text, "@DATA@", "", 0);
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

static void
test_errors (void)
{
  static const struct {
    const char *from, *to, *message;
  } cases[] = {
    { "\"mode\": \"dataset\"", "\"mode\": \"datasets\"",
      "mode is “datasets”, not one of example, dataset" },
    { "\"mode\": \"dataset\"", "\"mode\": 1", "mode must be a name in quotes, not 1" },
    { "[\"x1\", \"x2\"]", "[\"x2\", \"x1\"]",
      "features[1] is “x1”; features lists some of x1, x2, x1_squared, x2_squared, "
      "x1_times_x2, sin_x1, sin_x2, each once, in this order" },
    { "[\"x1\", \"x2\"]", "[\"x1\", \"x1\"]",
      "features[1] is “x1”; features lists some of x1, x2, x1_squared, x2_squared, "
      "x1_times_x2, sin_x1, sin_x2, each once, in this order" },
    { "[\"x1\", \"x2\"]", "[\"x1\", \"x3\"]",
      "features[1] is “x3”; features lists some of x1, x2, x1_squared, x2_squared, "
      "x1_times_x2, sin_x1, sin_x2, each once, in this order" },
    { "[\"x1\", \"x2\"]", "[\"x1\", \"x2\", \"sin_x1\"]",
      "features lists 3 features, but sizes[0] is 2" },
    { "[\"x1\", \"x2\"]", "\"x1\"", "features must be an array of names, not the text “x1”" },
    { "[\"x1\", \"x2\"]", "[\"x1\", 2]", "features[1] must be a name in quotes, not 2" },
    { "\"batch_size\": 10", "\"batch_size\": 65", "batch_size is 65; it must be from 1 to 64" },
    { "\"batch_size\": 10", "\"batch_size\": 0", "batch_size is 0; it must be from 1 to 64" },
    { "\"batch_size\": 10", "\"batch_size\": 1.5",
      "batch_size must be a whole number, not 1.5" },
    { "\"regularization\": \"l2\"", "\"regularization\": \"L2\"",
      "regularization is “L2”, not one of none, l1, l2" },
    { "\"regularization_rate\": 0.01", "\"regularization_rate\": 0.02",
      "regularization_rate: The regularization rate must be one of 0, 0.001, 0.003, 0.01, "
      "0.03, 0.1, 0.3, 1, 3 or 10, not 0.02" },
    { "\"regularization_rate\": 0.01", "\"regularization_rate\": \"0.01\"",
      "regularization_rate must be a number, not the text “0.01”" },
    { "\"epoch\": 3", "\"epoch\": -1", "epoch is -1; it must be 0 or more" },
    { "\"dataset\": {", "\"datasets\": {", "dataset is missing" },
    { "\"features\": [\"x1\", \"x2\"],", "", "features is missing" },
    { "\"epoch\": 3", "\"epoch\": 0", NULL },
    { "\"dataset\": {\"generator\": \"drawn\", \"seed\": 4, \"noise\": 0,\n"
      "   \"train_percent\": 50, \"n_train\": 2, \"points\": [[1, 2, 1], [3, 4, 0], [5, 6, 1]]"
      "@DATA@}", "\"dataset\": []", "dataset must be an object with a generator and points, "
      "not an array" },
    { "\"generator\": \"drawn\"", "\"generator\": \"spirals\"",
      "dataset.generator is “spirals”, not one of circle, xor, gaussian, spiral, plane, "
      "multi-gaussian, csv, drawn" },
    { "\"generator\": \"drawn\", ", "", "dataset.generator is missing" },
    { "@DATA@", ", \"kind\": \"regresion\"",
      "dataset.kind is “regresion”, not one of classification, regression" },
    { "@DATA@", ", \"kind\": 1", "dataset.kind must be a name in quotes, not 1" },
    { "@DATA@", ", \"kind\": \"classification\"", NULL },
    { "\"generator\": \"drawn\"", "\"generator\": \"csv\"", "dataset.source is missing" },
    { "@DATA@", ", \"source\": \"a.csv\"",
      "dataset.source is only for the generator csv, not drawn" },
    { "\"seed\": 4", "\"seed\": 4294967296",
      "dataset.seed is 4294967296; it must be from 0 to 4294967295" },
    { "\"seed\": 4, ", "", "dataset.seed is missing" },
    { "\"noise\": 0", "\"noise\": 51",
      "dataset.noise: The noise is 0 to 50 %, not 51 %" },
    { "\"noise\": 0", "\"noise\": null", "dataset.noise must be a number, not null" },
    { "\"train_percent\": 50", "\"train_percent\": 95",
      "dataset.train_percent: The training share is 10 to 90 %, not 95 %" },
    { "\"n_train\": 2", "\"n_train\": 4",
      "dataset.n_train is 4; it must be from 1 to 3, the number of points" },
    { "\"n_train\": 2", "\"n_train\": 0",
      "dataset.n_train is 0; it must be from 1 to 3, the number of points" },
    { "\"n_train\": 2, ", "", "dataset.n_train is missing" },
    { "[3, 4, 0]", "[3, 4]", "dataset.points[1] has 2 values; a point is [x1, x2, label]" },
    { "[3, 4, 0]", "3", "dataset.points[1] must be an array [x1, x2, label], not 3" },
    { "[3, 4, 0]", "[3, \"4\", 0]",
      "dataset.points[1][1] must be a number, not the text “4”" },
    { "[3, 4, 0]", "[3, 4, 1e999]", "dataset.points[1][2] is too large a number: it reads as "
      "infinity" },
    { "[[1, 2, 1], [3, 4, 0], [5, 6, 1]]", "[]",
      "dataset.points: A dataset has 1 to 10000 points, not 0" },
    { "\"points\": [[1, 2, 1], [3, 4, 0], [5, 6, 1]]", "\"points\": {}",
      "dataset.points must be an array of [x1, x2, label], not an object" },
    { "\"generator\": \"drawn\"", "\"generator\": \"xor\"", NULL },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GBytes) bytes = patched (cases[k].from, cases[k].to);
      g_autoptr(GError) error = NULL;
      g_autoptr(BpNet) net = bp_file_load_bytes (bytes, NULL, &error);

      g_test_message ("case %u: %s", k, cases[k].message != NULL ? cases[k].message : "ok");
      if (cases[k].message == NULL)
        {
          /* Two cases the checks must let through: epoch 0, a generator of classification
           * with labels 0 and 1. */
          g_assert_no_error (error);
          continue;
        }
      g_assert_null (net);
      g_assert_error (error, BP_ERROR, error->code);
      g_assert_cmpstr (error->message, ==, cases[k].message);
    }
}

/* Errors that need more than one change of the base file. */
static void
test_errors_shape (void)
{
  static const struct {
    const char *from, *to, *message;
  } cases[] = {
    { "\"target\": [1]", "\"target\": [1, 0]",
      "mode is dataset, whose points have one label, but sizes ends with 2 outputs" },
    { "[5, 6, 1]]@DATA@", "[5, 6, 0.5]]",
      "dataset.points: Point 3 has the label 0.5; a classification label is 0 or 1" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GString) text = g_string_new (base_file);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(BpNet) net = NULL;

      g_string_replace (text, cases[k].from, cases[k].to, 1);
      if (k == 0)
        {
          g_string_replace (text, "\"sizes\": [2, 2, 1]", "\"sizes\": [2, 2, 2]", 1);
          g_string_replace (text, "[[5, 6]]", "[[5, 6], [7, 8]]", 1);
          g_string_replace (text, "[0]]", "[0, 0]]", 1);
        }
      else
        g_string_replace (text, "\"drawn\"", "\"circle\"", 1);
      g_string_replace (text, "@TOP@", "", 0);
      g_string_replace (text, "@DATA@", "", 0);
      bytes = g_string_free_to_bytes (g_steal_pointer (&text));
      net = bp_file_load_bytes (bytes, NULL, &error);
      g_assert_null (net);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[k].message);
    }
}

/* Opening a dataset file in BpNetwork and saving it keeps the dataset and its settings. */
static void
test_network_keeps_dataset (void)
{
  g_auto(BpFileSession) session = { 0 };
  g_auto(BpFileSession) saved_session = { 0 };
  g_autoptr(GError) error = NULL;
  BpFileExtras extras, saved_extras;
  g_autoptr(BpNet) net = make_dataset_net (&extras, &session);
  g_autoptr(GBytes) bytes = bp_file_to_bytes_full (net, &extras, &session);
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autofree char *dir = g_dir_make_tmp ("backprop-dataset-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BpNet) saved = NULL;

  g_assert_no_error (error);
  g_assert_null (bp_network_get_dataset (network));
  g_assert_true (bp_network_load_bytes (network, bytes, &error));
  g_assert_no_error (error);
  assert_same_dataset (session.dataset, bp_network_get_dataset (network));
  assert_same_extras (&extras, bp_network_get_extras (network));
  g_assert_true (bp_network_save (network, file, &error));
  g_assert_no_error (error);

  saved = bp_file_load_full (file, &saved_extras, &saved_session, &error);
  g_assert_no_error (error);
  assert_same_extras (&extras, &saved_extras);
  assert_same_dataset (session.dataset, saved_session.dataset);
  g_assert_cmpint (saved->regularization, ==, BP_REGULARIZATION_L2);
  g_assert_true (same_bits (saved->regularization_rate, 0.03));

  /* Another file without a dataset leaves none behind. */
  g_assert_true (bp_network_load_net (network, bp_net_copy (net), NULL, NULL, &error));
  g_assert_null (bp_network_get_dataset (network));
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A network given extras whose features do not fit its input layer (as a window that
 * changes the features must avoid): the saved file still reads, in example mode, with its
 * dataset kept for later. */
static void
test_network_save_inconsistent (void)
{
  g_auto(BpFileSession) session = { 0 };
  g_auto(BpFileSession) saved_session = { 0 };
  g_autoptr(GError) error = NULL;
  BpFileExtras extras, saved_extras;
  g_autoptr(BpNet) net = make_dataset_net (&extras, &session);
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autofree char *dir = g_dir_make_tmp ("backprop-dataset-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "inconsistent.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  static const guint sizes[] = { 5, 3, 1 };
  static const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  BpNet *other = bp_net_new (3, sizes, acts, BP_LOSS_SQUARED_ERROR, &error);
  g_autoptr(BpNet) saved = NULL;

  g_assert_no_error (error);
  bp_net_init_seeded (other, 1);
  bp_net_forward (other);
  g_assert_true (bp_network_load_net (network, other, &extras, &session, &error));
  g_assert_no_error (error);
  g_assert_true (bp_network_save (network, file, &error));
  g_assert_no_error (error);
  saved = bp_file_load_full (file, &saved_extras, &saved_session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->sizes[0], ==, 5);
  g_assert_false (saved_extras.has_features);
  g_assert_true (saved_extras.has_mode);
  g_assert_cmpint (saved_extras.mode, ==, BP_FILE_MODE_EXAMPLE);
  assert_same_dataset (session.dataset, saved_session.dataset);
  /* The model itself keeps what it was given. */
  g_assert_true (bp_network_get_extras (network)->has_features);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bp/file-dataset/round-trip", test_round_trip);
  g_test_add_func ("/bp/file-dataset/round-trip-csv", test_round_trip_csv);
  g_test_add_func ("/bp/file-dataset/round-trip-drawn-kind", test_round_trip_drawn_kind);
  g_test_add_func ("/bp/file-dataset/old-files", test_old_files);
  g_test_add_func ("/bp/file-dataset/errors", test_errors);
  g_test_add_func ("/bp/file-dataset/errors-shape", test_errors_shape);
  g_test_add_func ("/bp/file-dataset/network-keeps-dataset", test_network_keeps_dataset);
  g_test_add_func ("/bp/file-dataset/network-save-inconsistent",
                   test_network_save_inconsistent);
  return g_test_run ();
}
