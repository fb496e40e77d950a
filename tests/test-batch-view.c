/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-batch-view.c: in dataset mode the network shows the mini-batch its next step applies:
 * the engine's bp_net_show_batch () (the gradient shown is the batch loss's, by finite
 * differences, with and without L1 and L2), the model after a step, a run across an epoch,
 * a reset, an undo, a save and a load, example mode untouched, and BpPlayback's copies while
 * a dataset step is shown. */
#define G_LOG_DOMAIN "test-batch-view"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "bp-dataset.h"
#include "bp-minibatch.h"
#include "bp-network.h"
#include "bp-playback.h"
#include "bp-undo.h"

#define N_SAMPLES 6
#define MAX_BATCH 64

static gboolean
same_bits (double a,
           double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* The batch's loss, the mean of the per-example losses plus the penalty, at @net's
 * parameters. */
static double
batch_loss (const BpNet  *net,
            const double *inputs,
            const double *targets,
            guint         n)
{
  g_autoptr(BpNet) copy = bp_net_copy (net);

  g_assert_true (bp_net_batch_gradient (copy, inputs, targets, n));
  return copy->batch_data_loss + copy->batch_penalty;
}

/* (L(θ + h) − L(θ − h)) / 2h of the batch loss for one parameter (@from G_MAXUINT: a bias). */
static double
central_difference (const BpNet  *net,
                    guint         l,
                    guint         j,
                    guint         i,
                    const double *inputs,
                    const double *targets,
                    guint         n)
{
  const double h = 1e-6;
  g_autoptr(BpNet) moved = bp_net_copy (net);
  double theta = i == G_MAXUINT ? net->biases[l][j] : *bp_net_weight (net, l, j, i);
  double plus, minus;

  if (i == G_MAXUINT)
    bp_net_set_bias (moved, l, j, theta + h);
  else
    bp_net_set_weight (moved, l, j, i, theta + h);
  plus = batch_loss (moved, inputs, targets, n);
  if (i == G_MAXUINT)
    bp_net_set_bias (moved, l, j, theta - h);
  else
    bp_net_set_weight (moved, l, j, i, theta - h);
  minus = batch_loss (moved, inputs, targets, n);
  return (plus - minus) / (2.0 * h);
}

static void
assert_close (double shown,
              double expected)
{
  double scale = MAX (fabs (shown), fabs (expected));

  if (!(fabs (shown - expected) <= 1e-6 * scale + 1e-9))
    g_error ("gradient %.17g, finite difference %.17g", shown, expected);
}

/* bp_net_show_batch (): the sample is the batch's first example, and the gradient every view
 * reads is that of the batch's loss (mean plus penalty), to 1e-6 relative. */
static void
test_engine_show_batch (void)
{
  static const guint sizes[] = { 3, 4, 3, 1 };
  static const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                       BP_ACTIVATION_SIGMOID };
  static const BpRegularization kinds[] = { BP_REGULARIZATION_NONE, BP_REGULARIZATION_L1,
                                            BP_REGULARIZATION_L2 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  double inputs[N_SAMPLES * 3], targets[N_SAMPLES];

  for (guint k = 0; k < G_N_ELEMENTS (inputs); k++)
    inputs[k] = g_rand_double_range (rand, -2.0, 2.0);
  for (guint k = 0; k < N_SAMPLES; k++)
    targets[k] = k % 2;

  for (guint r = 0; r < G_N_ELEMENTS (kinds); r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpNet) net = bp_net_new (4, sizes, acts, BP_LOSS_SQUARED_ERROR, &error);
      g_autoptr(BpNet) first = NULL;
      g_autoptr(BpNet) copy = NULL;

      g_assert_no_error (error);
      bp_net_init_seeded (net, 3 + r);
      g_assert_true (bp_net_set_regularization (net, kinds[r], 0.03, &error));
      bp_net_forward (net);
      bp_net_backward (net);
      g_assert_false (net->shows_batch);

      g_assert_true (bp_net_show_batch (net, inputs, targets, N_SAMPLES));
      g_assert_true (net->shows_batch);
      g_assert_cmpuint (net->batch_n_samples, ==, N_SAMPLES);
      g_assert_cmpmem (net->a[0], 3 * sizeof (double), inputs, 3 * sizeof (double));
      g_assert_cmpfloat (net->target[0], ==, targets[0]);

      /* The values and δ are the first example's alone. */
      first = bp_net_copy (net);
      bp_net_show_sample (first);
      bp_net_forward (first);
      bp_net_backward (first);
      g_assert_true (same_bits (first->loss, net->loss));
      g_assert_cmpmem (first->delta[1], 4 * sizeof (double), net->delta[1], 4 * sizeof (double));

      copy = bp_net_copy (net);
      for (guint l = 0; l < net->n_layers; l++)
        for (guint j = 0; j < sizes[l + 1]; j++)
          {
            double gb = bp_net_bias_gradient (net, l, j);

            assert_close (gb, central_difference (net, l, j, G_MAXUINT, inputs, targets,
                                                  N_SAMPLES));
            g_assert_true (same_bits (gb, bp_net_batch_bias_gradient (net, l, j)));
            g_assert_true (same_bits (gb, bp_net_bias_gradient (copy, l, j)));
            for (guint i = 0; i < sizes[l]; i++)
              {
                double g = bp_net_weight_gradient (net, l, j, i);

                assert_close (g, central_difference (net, l, j, i, inputs, targets, N_SAMPLES));
                g_assert_true (same_bits (g, bp_net_weight_gradient (copy, l, j, i)));
                /* The sample's own gradient stays at hand, and is what it was. */
                g_assert_true (same_bits (bp_net_sample_weight_gradient (net, l, j, i),
                                          bp_net_weight_gradient (first, l, j, i)));
              }
          }

      /* Back to the sample: δ·a again. */
      bp_net_show_sample (net);
      g_assert_true (same_bits (bp_net_weight_gradient (net, 1, 2, 3),
                                net->delta[2][2] * net->a[1][3]));
    }
}

/* The network of these tests: 2-3-1 on an exclusive-or of 200 points, half for training,
 * batches of 10, so an epoch is 10 steps. */
static BpNetwork *
make_network (BpRegularization regularization)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) dataset = bp_dataset_generate (BP_GENERATOR_XOR, 200, 0.0, 50.0, 7,
                                                      &error);
  BpNetwork *network = bp_network_new ();

  g_assert_no_error (error);
  bp_network_set_dataset (network, dataset, NULL);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  g_assert_true (bp_network_set_regularization (network, regularization, 0.01, &error));
  g_assert_no_error (error);
  return network;
}

/* The batch the network's next step applies, from the dataset and the step count alone. */
static guint
next_batch (BpNetwork *network,
            double    *inputs,
            double    *targets)
{
  const BpDataset *dataset = bp_network_get_dataset (network);
  guint batch_size = bp_network_get_batch_size (network);
  g_autoptr(BpMinibatch) mb = bp_minibatch_new (dataset->n_train, batch_size, 2, 1,
                                                dataset->seed);
  const guint *examples;
  guint64 epoch;
  guint batch, n;

  bp_dataset_step_position (dataset->n_train, batch_size,
                            bp_network_get_step_count (network), &epoch, &batch);
  bp_minibatch_seek (mb, epoch, batch);
  examples = bp_minibatch_peek (mb, &n);
  g_assert_cmpuint (n, <=, MAX_BATCH);
  for (guint s = 0; s < n; s++)
    {
      const BpPoint *p = &dataset->points[examples[s]];

      inputs[2 * s] = p->x1;
      inputs[2 * s + 1] = p->x2;
      targets[s] = p->label;
    }
  return n;
}

/* The network shows its next batch: the first example's input and target, and the mean
 * gradient of the whole batch, the penalty's included, bit for bit as the engine computes it
 * for that batch. */
static void
assert_shows_next_batch (BpNetwork *network)
{
  const BpNet *net = bp_network_get_net (network);
  double inputs[MAX_BATCH * 2], targets[MAX_BATCH];
  guint n = next_batch (network, inputs, targets);
  g_autoptr(BpNet) expected = bp_net_copy (net);

  g_assert_true (net->shows_batch);
  g_assert_true (same_bits (bp_network_get_input (network, 0), inputs[0]));
  g_assert_true (same_bits (bp_network_get_input (network, 1), inputs[1]));
  g_assert_true (same_bits (bp_network_get_target (network, 0), targets[0]));
  bp_net_show_sample (expected);
  g_assert_true (bp_net_batch_gradient (expected, inputs, targets, n));
  g_assert_cmpuint (net->batch_n_samples, ==, n);
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      {
        g_assert_true (same_bits (bp_net_bias_gradient (net, l, j),
                                  bp_net_batch_bias_gradient (expected, l, j)));
        for (guint i = 0; i < net->sizes[l]; i++)
          g_assert_true (same_bits (bp_net_weight_gradient (net, l, j, i),
                                    bp_net_batch_weight_gradient (expected, l, j, i)));
      }
}

/* The "input" the file wrote. */
static double
file_input (const char *path,
            guint       index)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  return json_array_get_double_element (json_object_get_array_member (root, "input"), index);
}

static void
test_model_next_batch (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_REGULARIZATION_L2);
  g_autoptr(BpNetwork) loaded = bp_network_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-batch-view-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "net.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const BpDataset *dataset;

  g_assert_no_error (error);
  assert_shows_next_batch (network);
  g_assert_true (bp_network_step (network, &error));
  assert_shows_next_batch (network);
  /* Across the end of an epoch: step 13 is the fourth batch of epoch 1. */
  g_assert_true (bp_network_step_n (network, 12, &error));
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 13);
  g_assert_cmpuint (bp_network_get_epoch (network), ==, 1);
  assert_shows_next_batch (network);

  bp_network_reset (network, 99);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 0);
  assert_shows_next_batch (network);
  g_assert_true (bp_undo_undo (bp_network_get_undo (network)));
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 13);
  assert_shows_next_batch (network);

  /* An edit of the regularisation shows the new gradient at once. */
  g_assert_true (bp_network_set_regularization (network, BP_REGULARIZATION_L1, 0.03, &error));
  assert_shows_next_batch (network);

  /* The file keeps its first training point as the example; the loaded network shows the
   * same next batch. */
  g_assert_true (bp_network_save (network, file, &error));
  g_assert_no_error (error);
  dataset = bp_network_get_dataset (network);
  g_assert_true (same_bits (file_input (path, 0), dataset->points[0].x1));
  g_assert_true (same_bits (file_input (path, 1), dataset->points[0].x2));
  g_assert_true (bp_network_load (loaded, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bp_network_get_mode (loaded), ==, BP_FILE_MODE_DATASET);
  g_assert_cmpuint (bp_network_get_step_count (loaded), ==, 13);
  assert_shows_next_batch (loaded);
  g_assert_cmpmem (bp_network_get_net (loaded)->a[0], 2 * sizeof (double),
                   bp_network_get_net (network)->a[0], 2 * sizeof (double));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Example mode is untouched: the gradients are the example's δ·a, and stay so after steps. */
static void
test_example_mode (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_REGULARIZATION_L2);
  g_autoptr(BpNetwork) plain = bp_network_new ();
  g_autoptr(GError) error = NULL;
  const BpNet *net;

  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_EXAMPLE, &error));
  g_assert_true (bp_network_step_n (network, 3, &error));
  net = bp_network_get_net (network);
  g_assert_false (net->shows_batch);
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      {
        g_assert_true (same_bits (bp_net_bias_gradient (net, l, j), net->delta[l + 1][j]));
        for (guint i = 0; i < net->sizes[l]; i++)
          g_assert_true (same_bits (bp_net_weight_gradient (net, l, j, i),
                                    net->delta[l + 1][j] * net->a[l][i]));
      }
  g_assert_true (bp_network_step_n (plain, 3, &error));
  g_assert_false (bp_network_get_net (plain)->shows_batch);
}

/* Weight layer @l's gradients in @net equal those of @expected, bit for bit. */
static gboolean
same_gradients (const BpNet *net,
                const BpNet *expected,
                guint        l)
{
  for (guint j = 0; j < net->sizes[l + 1]; j++)
    {
      if (!same_bits (bp_net_bias_gradient (net, l, j), bp_net_bias_gradient (expected, l, j)))
        return FALSE;
      for (guint i = 0; i < net->sizes[l]; i++)
        if (!same_bits (bp_net_weight_gradient (net, l, j, i),
                        bp_net_weight_gradient (expected, l, j, i)))
          return FALSE;
    }
  return TRUE;
}

/* A dataset step shown: the update applies the batch gradient the colours showed; from the
 * forward pass on the input is the next batch's first example; each layer's connections
 * turn to the next batch's mean gradient as the backward wave crosses them. */
static void
test_playback (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_REGULARIZATION_NONE);
  g_autoptr(BpPlayback) playback = bp_playback_new (network);
  g_autoptr(BpNet) before = bp_net_copy (bp_network_get_net (network));
  g_autoptr(GError) error = NULL;
  const BpNet *after;
  guint L = before->n_layers;
  BpMoment m;

  bp_playback_show_next_step (playback, FALSE);
  g_assert_true (bp_network_step (network, &error));
  after = bp_network_get_net (network);
  g_assert_true (bp_playback_get_busy (playback));
  g_assert_true (bp_playback_get_before (playback)->shows_batch);
  g_assert_true (bp_playback_get_after (playback)->shows_batch);

  /* The step moved every parameter by η times the gradient shown before it. */
  for (guint l = 0; l < L; l++)
    for (guint j = 0; j < before->sizes[l + 1]; j++)
      for (guint i = 0; i < before->sizes[l]; i++)
        g_assert_true (same_bits (*bp_net_weight (after, l, j, i),
                                  *bp_net_weight (before, l, j, i)
                                  - before->learning_rate
                                    * bp_net_weight_gradient (before, l, j, i)));

  m = bp_moment_at (L, 0, 0.5);
  g_assert_true (bp_playback_hold_at (playback, &m));
  g_assert_cmpmem (bp_playback_values_net (playback, 0)->a[0], 2 * sizeof (double),
                   before->a[0], 2 * sizeof (double));
  for (guint l = 0; l < L; l++)
    g_assert_true (same_gradients (bp_playback_gradients_net (playback, l), before, l));

  m = bp_moment_at (L, 1, 0.5);
  g_assert_true (bp_playback_hold_at (playback, &m));
  g_assert_cmpmem (bp_playback_values_net (playback, 0)->a[0], 2 * sizeof (double),
                   after->a[0], 2 * sizeof (double));
  g_assert_true (memcmp (after->a[0], before->a[0], 2 * sizeof (double)) != 0);

  /* The wave has crossed the last weight layer (it reached layer L − 1), not yet the first. */
  m = bp_moment_at (L, L + 3, 1.0);
  g_assert_true (bp_playback_hold_at (playback, &m));
  g_assert_true (same_gradients (bp_playback_gradients_net (playback, L - 1), after, L - 1));
  g_assert_true (same_gradients (bp_playback_gradients_net (playback, 0), before, 0));
  g_assert_false (same_gradients (after, before, 0));

  bp_playback_finish (playback);
  for (guint l = 0; l < L; l++)
    g_assert_true (same_gradients (bp_playback_gradients_net (playback, l), after, l));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/batch-view/engine", test_engine_show_batch);
  g_test_add_func ("/batch-view/model", test_model_next_batch);
  g_test_add_func ("/batch-view/example-mode", test_example_mode);
  g_test_add_func ("/batch-view/playback", test_playback);
  return g_test_run ();
}
