/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-network-dataset.c: BpNetwork in dataset mode: switching modes, mini-batch training
 * bit-identical to a direct engine loop, the epoch counter, the notifications, features that
 * reshape the input layer, undo and redo of the settings to the bit, and a save and load. */
#define G_LOG_DOMAIN "test-network-dataset"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bp-dataset.h"
#include "bp-forward-batch.h"
#include "bp-minibatch.h"
#include "bp-network.h"

#define XOR_FEATURES (BP_FEATURES_DEFAULT | BP_FEATURE_BIT (BP_FEATURE_X1_TIMES_X2))

static gboolean
same_bits (double a,
           double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

static BpDataset *
make_xor (guint32 seed)
{
  g_autoptr(GError) error = NULL;
  BpDataset *dataset = bp_dataset_generate (BP_GENERATOR_XOR, 200, 0.0, 50.0, seed, &error);

  g_assert_no_error (error);
  return dataset;
}

/* The default network (2-3-1) on an exclusive-or of 200 points, in dataset mode. */
static BpNetwork *
make_network (BpFeatureSet features)
{
  g_autoptr(BpDataset) dataset = make_xor (7);
  g_autoptr(GError) error = NULL;
  BpNetwork *network = bp_network_new ();

  bp_network_set_dataset (network, dataset, NULL);
  bp_network_set_features (network, features);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  g_assert_no_error (error);
  return network;
}

/* The point the network shows in dataset mode: the first of the batch its next step applies. */
static const BpPoint *
shown_point (BpNetwork *network)
{
  const BpDataset *dataset = bp_network_get_dataset (network);
  guint batch_size = bp_network_get_batch_size (network);
  g_autoptr(BpMinibatch) mb = bp_minibatch_new (dataset->n_train, batch_size, 2, 1,
                                                dataset->seed);
  guint64 epoch;
  guint batch, n;

  bp_dataset_step_position (dataset->n_train, batch_size,
                            bp_network_get_step_count (network), &epoch, &batch);
  bp_minibatch_seek (mb, epoch, batch);
  return &dataset->points[bp_minibatch_peek (mb, &n)[0]];
}

static BpNet *
net_copy (const BpNet *net)
{
  BpNet *copy = bp_net_new (net->n_layers + 1, net->sizes, net->activations, net->loss_kind,
                            NULL);

  bp_net_copy_values (copy, net);
  return copy;
}

static gboolean
same_params (const BpNet *a,
             const BpNet *b)
{
  if (!bp_net_same_shape (a, b))
    return FALSE;
  for (guint l = 0; l < a->n_layers; l++)
    if (memcmp (a->weights[l], b->weights[l],
                (gsize) a->sizes[l] * a->sizes[l + 1] * sizeof (double)) != 0
        || memcmp (a->biases[l], b->biases[l], a->sizes[l + 1] * sizeof (double)) != 0)
      return FALSE;
  return TRUE;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GHashTable *counts = user_data;
  const char *name = g_param_spec_get_name (pspec);

  g_hash_table_insert (counts, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name))
                                         + 1));
}

static void
increment (guint *counter)
{
  (*counter)++;
}

static guint
count_of (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_modes (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpDataset) dataset = make_xor (7);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  double loss = bp_network_get_loss (network);

  g_signal_connect (network, "notify", G_CALLBACK (count_notify), counts);
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_EXAMPLE);
  g_assert_cmpfloat (bp_network_get_train_loss (network), ==, 0.0);

  bp_network_set_dataset (network, dataset, NULL);
  g_assert_true (bp_dataset_equal (bp_network_get_dataset (network), dataset));
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_EXAMPLE);
  g_assert_true (same_bits (bp_network_get_loss (network), loss));
  g_assert_cmpuint (count_of (counts, "mode"), ==, 0);

  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_DATASET);
  g_assert_cmpuint (count_of (counts, "mode"), ==, 1);
  g_assert_cmpuint (count_of (counts, "train-loss"), ==, 1);
  g_assert_cmpuint (count_of (counts, "test-loss"), ==, 1);
  g_assert_cmpfloat (bp_network_get_train_loss (network), >, 0.0);
  g_assert_cmpfloat (bp_network_get_test_loss (network), >, 0.0);
  g_assert_cmpuint (bp_network_get_batch_size (network), ==, BP_NETWORK_DEFAULT_BATCH_SIZE);
  g_assert_cmpuint (bp_network_get_features (network), ==, BP_FEATURES_DEFAULT);
  {
    BpFileMode mode;
    guint batch_size;
    guint64 epoch;
    double train_loss, test_loss, train_accuracy, test_accuracy;

    g_object_get (network, "mode", &mode, "batch-size", &batch_size, "epoch", &epoch,
                  "train-loss", &train_loss, "test-loss", &test_loss,
                  "train-accuracy", &train_accuracy, "test-accuracy", &test_accuracy, NULL);
    g_assert_cmpint (mode, ==, BP_FILE_MODE_DATASET);
    g_assert_cmpuint (batch_size, ==, BP_NETWORK_DEFAULT_BATCH_SIZE);
    g_assert_cmpuint (epoch, ==, 0);
    g_assert_true (same_bits (train_loss, bp_network_get_train_loss (network)));
    g_assert_true (same_bits (test_loss, bp_network_get_test_loss (network)));
    g_assert_true (same_bits (train_accuracy, bp_network_get_train_accuracy (network)));
    g_assert_true (same_bits (test_accuracy, bp_network_get_test_accuracy (network)));
  }
  /* The example shown is the first of the first mini-batch. */
  g_assert_true (same_bits (bp_network_get_input (network, 0), shown_point (network)->x1));
  g_assert_true (same_bits (bp_network_get_target (network, 0), shown_point (network)->label));

  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_EXAMPLE, &error));
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_EXAMPLE);
  g_assert_cmpfloat (bp_network_get_train_loss (network), ==, 0.0);
  g_assert_cmpuint (count_of (counts, "mode"), ==, 2);
}

static void
test_two_outputs_refused (void)
{
  static const guint sizes[] = { 2, 3, 2 };
  static const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(BpDataset) dataset = make_xor (7);
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNetwork) network = NULL;
  BpNet *net = bp_net_new (3, sizes, acts, BP_LOSS_SQUARED_ERROR, &error);

  g_assert_no_error (error);
  network = bp_network_new_from_net (net, NULL);
  bp_network_set_dataset (network, dataset, NULL);
  g_assert_false (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2"));
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_EXAMPLE);
}

/* The model's steps are the engine's mini-batch steps, bit for bit, with the same seeds. */
static void
test_training_matches_engine (void)
{
  g_autoptr(BpNetwork) network = make_network (XOR_FEATURES);
  const BpDataset *dataset = bp_network_get_dataset (network);
  guint n_train = dataset->n_train, n_test = dataset->n_points - n_train;
  g_autofree double *train_in = g_new (double, n_train * 3);
  g_autofree double *train_t = g_new (double, n_train);
  g_autofree double *test_in = g_new (double, n_test * 3);
  g_autofree double *test_t = g_new (double, n_test);
  g_autoptr(BpMinibatch) mb = NULL;
  g_autoptr(BpForwardBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  double first_test_loss = bp_network_get_test_loss (network);
  guint n_correct = 0;
  BpNet *net;

  g_assert_true (bp_network_set_regularization (network, BP_REGULARIZATION_L2, 0.001, &error));
  g_assert_no_error (error);
  bp_network_set_batch_size (network, 8);
  net = net_copy (bp_network_get_net (network));
  for (guint k = 0; k < dataset->n_points; k++)
    {
      const BpPoint *p = &dataset->points[k];
      gboolean train = k < n_train;
      guint i = train ? k : k - n_train;

      bp_feature_set_fill (XOR_FEATURES, p->x1, p->x2, (train ? train_in : test_in) + i * 3);
      (train ? train_t : test_t)[i] = p->label;
    }
  mb = bp_minibatch_new (n_train, 8, 3, 1, dataset->seed);
  for (guint s = 0; s < 2000; s++)
    g_assert_true (bp_net_minibatch_step (net, mb, train_in, train_t, NULL, NULL));

  /* In chunks, as the window's timer steps. */
  g_assert_true (bp_network_step (network, &error));
  for (guint c = 0; c < 20; c++)
    g_assert_true (bp_network_step_n (network, c < 19 ? 100 : 99, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 2000);
  g_assert_true (same_params (bp_network_get_net (network), net));

  batch = bp_forward_batch_new (net, n_test);
  bp_net_forward_batch (net, test_in, n_test, BP_FORWARD_EXACT, batch);
  g_assert_true (same_bits (bp_network_get_test_loss (network),
                            bp_net_mean_loss (net, test_t, batch, &n_correct)));
  g_assert_true (same_bits (bp_network_get_test_accuracy (network),
                            (double) n_correct / n_test));
  g_test_message ("test loss %.17g -> %.17g, accuracy train %g test %g",
                  first_test_loss, bp_network_get_test_loss (network),
                  bp_network_get_train_accuracy (network), bp_network_get_test_accuracy (network));
  g_assert_cmpfloat (bp_network_get_test_loss (network), <, first_test_loss / 2);
  g_assert_cmpfloat (bp_network_get_test_accuracy (network), >=, 0.9);
  g_assert_cmpfloat (bp_network_get_train_accuracy (network), >=, 0.9);
  /* The loss chart shows the train loss. */
  {
    const BpHistory *history = bp_network_get_history (network);
    const BpHistoryPoint *last = bp_history_get (history, bp_history_get_length (history) - 1);

    g_assert_cmpuint (last->step, ==, 2000);
    g_assert_true (same_bits (last->loss, bp_network_get_train_loss (network)));
  }
  bp_net_free (net);
}

static void
test_epochs_and_notifications (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_FEATURES_DEFAULT);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  guint backward = 0;

  g_signal_connect (network, "notify", G_CALLBACK (count_notify), counts);
  g_signal_connect_swapped (network, "backward", G_CALLBACK (increment), &backward);
  /* 100 training points in batches of 10: ten steps an epoch. */
  g_assert_cmpuint (bp_network_get_epoch (network), ==, 0);
  g_assert_true (bp_network_step_n (network, 9, NULL));
  g_assert_cmpuint (bp_network_get_epoch (network), ==, 0);
  g_assert_cmpuint (count_of (counts, "epoch"), ==, 0);
  g_assert_true (bp_network_step (network, NULL));
  g_assert_cmpuint (bp_network_get_epoch (network), ==, 1);
  g_assert_cmpuint (count_of (counts, "epoch"), ==, 1);
  g_assert_true (bp_network_step_n (network, 25, NULL));
  g_assert_cmpuint (bp_network_get_epoch (network), ==, 3);
  g_assert_cmpuint (count_of (counts, "epoch"), ==, 2);
  g_assert_cmpuint (count_of (counts, "train-loss"), ==, 3);
  g_assert_cmpuint (count_of (counts, "test-loss"), ==, 3);
  g_assert_cmpuint (count_of (counts, "step-count"), ==, 3);
  g_assert_cmpuint (backward, ==, 3);

  bp_network_set_batch_size (network, 20);
  g_assert_cmpuint (count_of (counts, "batch-size"), ==, 1);
  g_assert_cmpuint (bp_network_get_batch_size (network), ==, 20);
  /* 35 steps of 20 = 7 epochs of 100 points. */
  g_assert_cmpuint (bp_network_get_epoch (network), ==, 7);
  g_assert_cmpuint (bp_network_get_extras (network)->epoch, ==, 7);
  bp_network_set_batch_size (network, 20);
  g_assert_cmpuint (count_of (counts, "batch-size"), ==, 1);
}

static void
test_features_reshape (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_FEATURES_DEFAULT);
  g_autoptr(BpNet) before = NULL;
  BpFeatureSet two = BP_FEATURE_BIT (BP_FEATURE_X2) | BP_FEATURE_BIT (BP_FEATURE_X1_TIMES_X2);
  guint structure = 0;
  const BpNet *net;

  g_signal_connect_swapped (network, "structure-changed", G_CALLBACK (increment),
                            &structure);
  g_assert_true (bp_network_step_n (network, 30, NULL));
  before = net_copy (bp_network_get_net (network));

  bp_network_set_features (network, XOR_FEATURES);
  net = bp_network_get_net (network);
  g_assert_cmpuint (structure, ==, 1);
  g_assert_cmpuint (net->sizes[0], ==, 3);
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_DATASET);
  for (guint to = 0; to < 3; to++)
    {
      g_assert_true (same_bits (*bp_net_weight (net, 0, to, 0), *bp_net_weight (before, 0, to, 0)));
      g_assert_true (same_bits (*bp_net_weight (net, 0, to, 1), *bp_net_weight (before, 0, to, 1)));
      g_assert_true (same_bits (*bp_net_weight (net, 0, to, 2), 0.0));
      g_assert_true (same_bits (net->biases[0][to], before->biases[0][to]));
    }
  g_assert_cmpmem (net->weights[1], 3 * sizeof (double), before->weights[1], 3 * sizeof (double));

  /* x1 goes; x2 and x1·x2 keep their weights, moved to inputs 0 and 1. */
  g_clear_pointer (&before, bp_net_free);
  before = net_copy (bp_network_get_net (network));
  bp_network_set_features (network, two);
  net = bp_network_get_net (network);
  g_assert_cmpuint (structure, ==, 2);
  g_assert_cmpuint (net->sizes[0], ==, 2);
  for (guint to = 0; to < 3; to++)
    {
      g_assert_true (same_bits (*bp_net_weight (net, 0, to, 0), *bp_net_weight (before, 0, to, 1)));
      g_assert_true (same_bits (*bp_net_weight (net, 0, to, 1), *bp_net_weight (before, 0, to, 2)));
    }
  /* Same size, other features: no structure change, but the inputs follow. */
  bp_network_set_features (network, BP_FEATURES_DEFAULT);
  g_assert_cmpuint (structure, ==, 2);
  g_assert_true (same_bits (bp_network_get_input (network, 0), shown_point (network)->x1));
  g_assert_true (bp_network_step_n (network, 5, NULL));
}

/* Everything the dataset settings hold, to compare states to the bit. */
typedef struct {
  BpNet *net;
  BpFileExtras extras;
  BpDataset *dataset;
  double train_loss;
} State;

static void
state_take (State     *state,
            BpNetwork *network)
{
  state->net = net_copy (bp_network_get_net (network));
  state->extras = *bp_network_get_extras (network);
  state->dataset = bp_dataset_copy (bp_network_get_dataset (network));
  state->train_loss = bp_network_get_train_loss (network);
}

static void
state_assert (const State *state,
              BpNetwork   *network)
{
  const BpNet *net = bp_network_get_net (network);

  g_assert_true (same_params (net, state->net));
  g_assert_cmpint (net->regularization, ==, state->net->regularization);
  g_assert_true (same_bits (net->regularization_rate, state->net->regularization_rate));
  g_assert_cmpmem (bp_network_get_extras (network), sizeof (BpFileExtras),
                   &state->extras, sizeof (BpFileExtras));
  g_assert_true (bp_dataset_equal (bp_network_get_dataset (network), state->dataset));
  g_assert_true (same_bits (bp_network_get_train_loss (network), state->train_loss));
}

static void
state_clear (State *state)
{
  bp_net_free (state->net);
  bp_dataset_free (state->dataset);
}

static void
test_undo_redo (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_FEATURES_DEFAULT);
  g_autoptr(BpDataset) other = NULL;
  BpUndo *undo = bp_network_get_undo (network);
  State states[6];
  guint n = 0;

  g_assert_true (bp_network_step_n (network, 12, NULL));
  state_take (&states[n++], network);
  bp_network_set_features (network, XOR_FEATURES);
  state_take (&states[n++], network);
  bp_network_set_batch_size (network, 32);
  state_take (&states[n++], network);
  g_assert_true (bp_network_set_regularization (network, BP_REGULARIZATION_L1, 0.003, NULL));
  state_take (&states[n++], network);
  g_assert_true (bp_network_regenerate (network, 99, NULL));
  g_assert_cmpuint (bp_network_get_dataset (network)->seed, ==, 99);
  g_assert_cmpint (bp_network_get_dataset (network)->generator, ==, BP_GENERATOR_XOR);
  state_take (&states[n++], network);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_EXAMPLE, NULL));
  state_take (&states[n++], network);

  for (guint k = n - 1; k > 0; k--)
    {
      g_assert_true (bp_undo_undo (undo));
      state_assert (&states[k - 1], network);
    }
  for (guint k = 1; k < n; k++)
    {
      g_assert_true (bp_undo_redo (undo));
      state_assert (&states[k], network);
    }
  for (guint k = 0; k < n; k++)
    state_clear (&states[k]);
}

static void
test_save_load (void)
{
  g_autoptr(BpNetwork) network = make_network (XOR_FEATURES);
  g_autoptr(BpNetwork) loaded = bp_network_new ();
  g_autofree char *dir = g_dir_make_tmp ("test-network-dataset-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "xor.backprop", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  bp_network_set_batch_size (network, 16);
  g_assert_true (bp_network_set_regularization (network, BP_REGULARIZATION_L2, 0.01, &error));
  g_assert_true (bp_network_step_n (network, 23, &error));
  g_assert_true (bp_network_save (network, file, &error));
  g_assert_no_error (error);

  g_assert_true (bp_network_load (loaded, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bp_network_get_mode (loaded), ==, BP_FILE_MODE_DATASET);
  g_assert_cmpuint (bp_network_get_features (loaded), ==, XOR_FEATURES);
  g_assert_cmpuint (bp_network_get_batch_size (loaded), ==, 16);
  g_assert_cmpuint (bp_network_get_epoch (loaded), ==, bp_network_get_epoch (network));
  g_assert_cmpuint (bp_network_get_step_count (loaded), ==, 23);
  g_assert_cmpint (bp_network_get_regularization (loaded, NULL), ==, BP_REGULARIZATION_L2);
  g_assert_true (bp_dataset_equal (bp_network_get_dataset (loaded),
                                   bp_network_get_dataset (network)));
  g_assert_true (same_bits (bp_network_get_train_loss (loaded),
                            bp_network_get_train_loss (network)));
  g_assert_true (same_bits (bp_network_get_test_accuracy (loaded),
                            bp_network_get_test_accuracy (network)));

  /* Training resumes where it stopped, bit for bit. */
  g_assert_true (bp_network_step_n (network, 17, NULL));
  g_assert_true (bp_network_step_n (loaded, 17, NULL));
  g_assert_true (same_params (bp_network_get_net (loaded), bp_network_get_net (network)));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Settings chosen in example mode are saved too, and the file reads back. */
static void
test_example_mode_settings_saved (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) loaded = bp_network_new ();
  g_autoptr(BpDataset) dataset = make_xor (5);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-network-dataset-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "example.backprop", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  bp_network_set_dataset (network, dataset, NULL);
  bp_network_set_features (network, XOR_FEATURES);
  bp_network_set_batch_size (network, 4);
  g_assert_true (bp_network_set_regularization (network, BP_REGULARIZATION_L1, 0.1, &error));
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_EXAMPLE);
  g_assert_cmpuint (bp_network_get_sizes (network, NULL)[0], ==, 3);
  g_assert_true (bp_network_save (network, file, &error));
  g_assert_no_error (error);
  g_assert_true (bp_network_load (loaded, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bp_network_get_mode (loaded), ==, BP_FILE_MODE_EXAMPLE);
  g_assert_cmpuint (bp_network_get_features (loaded), ==, XOR_FEATURES);
  g_assert_cmpuint (bp_network_get_batch_size (loaded), ==, 4);
  g_assert_cmpint (bp_network_get_regularization (loaded, NULL), ==, BP_REGULARIZATION_L1);
  g_assert_true (bp_dataset_equal (bp_network_get_dataset (loaded), dataset));
  g_assert_true (same_params (bp_network_get_net (loaded), bp_network_get_net (network)));
  g_assert_true (bp_network_set_mode (loaded, BP_FILE_MODE_DATASET, &error));
  g_assert_true (bp_network_step_n (loaded, 3, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/network-dataset/modes", test_modes);
  g_test_add_func ("/network-dataset/two-outputs-refused", test_two_outputs_refused);
  g_test_add_func ("/network-dataset/training-matches-engine", test_training_matches_engine);
  g_test_add_func ("/network-dataset/epochs-and-notifications", test_epochs_and_notifications);
  g_test_add_func ("/network-dataset/features-reshape", test_features_reshape);
  g_test_add_func ("/network-dataset/undo-redo", test_undo_redo);
  g_test_add_func ("/network-dataset/save-load", test_save_load);
  g_test_add_func ("/network-dataset/example-mode-settings-saved",
                   test_example_mode_settings_saved);

  return g_test_run ();
}
