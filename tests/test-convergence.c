/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-convergence.c: training on datasets converges where it should, with the bounds of
 * issue 9, each on 5 seeds out of 5: 500 points without noise, η 0.1, mini-batches of 10,
 * tanh hidden layers and a sigmoid output with cross-entropy, at most 300 epochs. An epoch
 * loop stops as soon as the bound is met; the epochs it took are printed. And L2 shrinks the
 * weights against none, L1 sets some of them to exactly 0. */
#define G_LOG_DOMAIN "test-convergence"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "bp-core.h"
#include "bp-dataset.h"
#include "bp-forward-batch.h"
#include "bp-minibatch.h"

#define N_POINTS 500
#define LEARNING_RATE 0.1
#define BATCH_SIZE 10
#define MAX_EPOCHS 300
#define N_SEEDS 5

typedef struct {
  BpNet *net;
  BpDataset *dataset;
  BpMinibatch *minibatch;
  BpForwardBatch *batch;
  guint n_inputs;
  double *train_inputs;
  double *train_targets;
  double *test_inputs;
  double *test_targets;
} Run;

static Run *
run_new (BpGenerator       generator,
         BpFeatureSet      features,
         guint32           seed,
         BpRegularization  regularization,
         double            rate)
{
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);
  guint sizes[4] = { 0, 8, 8, 1 };
  guint n_train, n_test;

  run->n_inputs = sizes[0] = bp_feature_set_count (features);
  run->net = bp_net_new (4, sizes, acts, BP_LOSS_CROSS_ENTROPY, &error);
  g_assert_no_error (error);
  bp_net_init_seeded (run->net, seed);
  run->net->learning_rate = LEARNING_RATE;
  g_assert_true (bp_net_set_regularization (run->net, regularization, rate, &error));
  run->dataset = bp_dataset_generate (generator, N_POINTS, 0.0, 50.0, seed, &error);
  g_assert_no_error (error);

  n_train = run->dataset->n_train;
  n_test = run->dataset->n_points - n_train;
  run->train_inputs = g_new (double, (gsize) n_train * run->n_inputs);
  run->train_targets = g_new (double, n_train);
  run->test_inputs = g_new (double, (gsize) n_test * run->n_inputs);
  run->test_targets = g_new (double, n_test);
  for (guint k = 0; k < run->dataset->n_points; k++)
    {
      const BpPoint *p = &run->dataset->points[k];
      gboolean train = k < n_train;
      guint i = train ? k : k - n_train;

      bp_feature_set_fill (features, p->x1, p->x2,
                           (train ? run->train_inputs : run->test_inputs)
                           + (gsize) i * run->n_inputs);
      (train ? run->train_targets : run->test_targets)[i] = p->label;
    }
  run->minibatch = bp_minibatch_new (n_train, BATCH_SIZE, run->n_inputs, 1, seed);
  run->batch = bp_forward_batch_new (run->net, MAX (n_train, n_test));
  return run;
}

static void
run_free (Run *run)
{
  bp_net_free (run->net);
  bp_dataset_free (run->dataset);
  bp_minibatch_free (run->minibatch);
  bp_forward_batch_free (run->batch);
  g_free (run->train_inputs);
  g_free (run->train_targets);
  g_free (run->test_inputs);
  g_free (run->test_targets);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static void
run_epoch (Run *run)
{
  guint64 epoch = run->minibatch->epoch;
  g_autoptr(GError) error = NULL;

  while (run->minibatch->epoch == epoch)
    {
      g_assert_true (bp_net_minibatch_step (run->net, run->minibatch, run->train_inputs,
                                            run->train_targets, NULL, &error));
      g_assert_no_error (error);
    }
}

static double
test_accuracy (Run *run)
{
  guint n_test = run->dataset->n_points - run->dataset->n_train;
  guint n_correct = 0;

  bp_net_forward_batch (run->net, run->test_inputs, n_test, BP_FORWARD_EXACT, run->batch);
  bp_net_mean_loss (run->net, run->test_targets, run->batch, &n_correct);
  return (double) n_correct / n_test;
}

/* Trains each seed until the test accuracy reaches `bound`, or MAX_EPOCHS. */
static void
check_converges (BpGenerator   generator,
                 BpFeatureSet  features,
                 double        bound)
{
  g_autofree char *names = bp_feature_set_to_string (features);
  guint n_met = 0;

  for (guint32 seed = 1; seed <= N_SEEDS; seed++)
    {
      g_autoptr(Run) run = run_new (generator, features, seed, BP_REGULARIZATION_NONE, 0);
      double accuracy = test_accuracy (run);
      guint epochs = 0;

      while (accuracy < bound && epochs < MAX_EPOCHS)
        {
          run_epoch (run);
          epochs++;
          accuracy = test_accuracy (run);
        }
      g_test_message ("%s, features %s, seed %u: test accuracy %.1f %% after %u epochs",
                      bp_generator_to_string (generator), names, seed, 100 * accuracy, epochs);
      if (accuracy >= bound)
        n_met++;
    }
  g_test_message ("%s: %u of %d seeds reach %.0f %%", bp_generator_to_string (generator),
                  n_met, N_SEEDS, 100 * bound);
  g_assert_cmpuint (n_met, ==, N_SEEDS);
}

static void
test_xor (void)
{
  check_converges (BP_GENERATOR_XOR, BP_FEATURES_DEFAULT, 0.95);
}

static void
test_circle (void)
{
  check_converges (BP_GENERATOR_CIRCLE, BP_FEATURES_DEFAULT, 0.95);
}

static void
test_spiral (void)
{
  check_converges (BP_GENERATOR_SPIRAL,
                   BP_FEATURES_DEFAULT | BP_FEATURE_BIT (BP_FEATURE_SIN_X1)
                   | BP_FEATURE_BIT (BP_FEATURE_SIN_X2), 0.85);
}

/* Σw² and the weights exactly 0, over all layers (not the biases). */
static double
weight_norm (const BpNet *net,
             guint       *n_zero)
{
  double sum = 0.0;

  *n_zero = 0;
  for (guint l = 0; l < net->n_layers; l++)
    for (gsize k = 0; k < (gsize) net->sizes[l] * net->sizes[l + 1]; k++)
      {
        sum += net->weights[l][k] * net->weights[l][k];
        *n_zero += net->weights[l][k] == 0.0;
      }
  return sum;
}

static void
test_regularization (void)
{
  for (guint32 seed = 1; seed <= N_SEEDS; seed++)
    {
      g_autoptr(Run) none = run_new (BP_GENERATOR_CIRCLE, BP_FEATURES_DEFAULT, seed,
                                     BP_REGULARIZATION_NONE, 0);
      g_autoptr(Run) l2 = run_new (BP_GENERATOR_CIRCLE, BP_FEATURES_DEFAULT, seed,
                                   BP_REGULARIZATION_L2, 0.01);
      g_autoptr(Run) l1 = run_new (BP_GENERATOR_CIRCLE, BP_FEATURES_DEFAULT, seed,
                                   BP_REGULARIZATION_L1, 0.01);
      guint zero_none, zero_l2, zero_l1;
      double norm_none, norm_l2;

      for (guint e = 0; e < 50; e++)
        {
          run_epoch (none);
          run_epoch (l2);
          run_epoch (l1);
        }
      norm_none = weight_norm (none->net, &zero_none);
      norm_l2 = weight_norm (l2->net, &zero_l2);
      weight_norm (l1->net, &zero_l1);
      g_test_message ("seed %u after 50 epochs: Σw² %.3f without, %.3f with L2 0.01; "
                      "%u weights of %u exactly 0 with L1 0.01 (%u without)", seed,
                      norm_none, norm_l2, zero_l1, 8 * 2 + 8 * 8 + 8, zero_none);
      g_assert_cmpfloat (norm_l2, <, norm_none);
      g_assert_cmpuint (zero_none, ==, 0);
      g_assert_cmpuint (zero_l2, ==, 0);
      g_assert_cmpuint (zero_l1, >, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bp/convergence/xor", test_xor);
  g_test_add_func ("/bp/convergence/circle", test_circle);
  g_test_add_func ("/bp/convergence/spiral", test_spiral);
  g_test_add_func ("/bp/convergence/regularization", test_regularization);
  return g_test_run ();
}
