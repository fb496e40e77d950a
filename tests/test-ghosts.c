/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ghosts.c: learning-rate ghosts: each ghost equals, bit for bit, the chart's loss of a
 * network loaded from the same file after one real step at that multiple of η, in example
 * and dataset mode (with L1 and L2, batches of 1 and 10); computing them leaves the network
 * as it was; a step that overflows or runs away is reported diverged. */
#define G_LOG_DOMAIN "test-ghosts"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "bp-dataset.h"
#include "bp-network.h"

static const double factors[] = { 0.1, 1.0, 10.0 };

static gboolean
same_bits (double a,
           double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* Saves @network to a new file in @dir. */
static GFile *
save (BpNetwork  *network,
      const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "ghosts.backprop", NULL);
  g_autoptr(GError) error = NULL;
  GFile *file = g_file_new_for_path (path);

  g_assert_true (bp_network_save (network, file, &error));
  g_assert_no_error (error);
  return file;
}

static BpNetwork *
load (GFile *file)
{
  g_autoptr(GError) error = NULL;
  BpNetwork *network = bp_network_new ();

  g_assert_true (bp_network_load (network, file, &error));
  g_assert_no_error (error);
  return network;
}

static double
chart_loss (BpNetwork *network)
{
  return bp_network_get_mode (network) == BP_FILE_MODE_DATASET
         ? bp_network_get_train_loss (network) : bp_network_get_loss (network);
}

/* Everything the ghosts must leave alone. */
typedef struct {
  BpNet *net;
  guint64 step;
  guint history_length;
  BpHistoryPoint last;
  guint n_undo, n_redo;
  double learning_rate, chart_loss;
  gboolean diverged;
} State;

static void
state_take (State     *state,
            BpNetwork *network)
{
  const BpHistory *history = bp_network_get_history (network);

  state->net = bp_net_copy (bp_network_get_net (network));
  state->step = bp_network_get_step_count (network);
  state->history_length = bp_history_get_length (history);
  state->last = *bp_history_get (history, state->history_length - 1);
  state->n_undo = bp_undo_get_n_undo (bp_network_get_undo (network));
  state->n_redo = bp_undo_get_n_redo (bp_network_get_undo (network));
  state->learning_rate = bp_network_get_learning_rate (network);
  state->chart_loss = chart_loss (network);
  state->diverged = bp_network_get_diverged (network);
}

static void
assert_state_unchanged (const State *state,
                        BpNetwork   *network)
{
  const BpNet *net = bp_network_get_net (network);
  const BpHistory *history = bp_network_get_history (network);

  for (guint l = 0; l < net->n_layers; l++)
    {
      g_assert_cmpmem (net->weights[l], (gsize) net->sizes[l] * net->sizes[l + 1] * sizeof (double),
                       state->net->weights[l],
                       (gsize) net->sizes[l] * net->sizes[l + 1] * sizeof (double));
      g_assert_cmpmem (net->biases[l], net->sizes[l + 1] * sizeof (double),
                       state->net->biases[l], net->sizes[l + 1] * sizeof (double));
      g_assert_cmpmem (net->a[l + 1], net->sizes[l + 1] * sizeof (double),
                       state->net->a[l + 1], net->sizes[l + 1] * sizeof (double));
    }
  g_assert_true (same_bits (net->loss, state->net->loss));
  g_assert_cmpuint (bp_network_get_step_count (network), ==, state->step);
  g_assert_cmpuint (bp_history_get_length (history), ==, state->history_length);
  g_assert_cmpmem (bp_history_get (history, state->history_length - 1), sizeof state->last,
                   &state->last, sizeof state->last);
  g_assert_cmpuint (bp_undo_get_n_undo (bp_network_get_undo (network)), ==, state->n_undo);
  g_assert_cmpuint (bp_undo_get_n_redo (bp_network_get_undo (network)), ==, state->n_redo);
  g_assert_true (same_bits (bp_network_get_learning_rate (network), state->learning_rate));
  g_assert_true (same_bits (chart_loss (network), state->chart_loss));
  g_assert_cmpint (bp_network_get_diverged (network), ==, state->diverged);
}

/* The ghosts of @network, checked against real steps of networks loaded from its file; each
 * equals the same ghost computed on @network itself. */
static void
assert_ghosts_are_real_steps (BpNetwork *network)
{
  BpGhost own[G_N_ELEMENTS (factors)];
  g_autofree char *dir = g_dir_make_tmp ("test-ghosts-XXXXXX", NULL);
  g_autoptr(GFile) file = save (network, dir);
  g_autoptr(BpNetwork) shown = load (file);
  BpGhost ghosts[G_N_ELEMENTS (factors)];
  double eta = bp_network_get_learning_rate (shown);
  State state;

  state_take (&state, shown);
  g_assert_cmpuint (bp_network_ghost_losses (shown, factors, G_N_ELEMENTS (factors), ghosts),
                    ==, G_N_ELEMENTS (factors));
  assert_state_unchanged (&state, shown);
  /* Twice: the same numbers, nothing kept from the first time. */
  for (guint k = 0; k < G_N_ELEMENTS (factors); k++)
    {
      g_autoptr(BpNetwork) real = load (file);
      g_autoptr(GError) error = NULL;

      g_assert_true (ghosts[k].factor == factors[k]);
      g_assert_false (ghosts[k].diverged);
      bp_network_set_learning_rate (real, factors[k] * eta);
      g_assert_true (bp_network_step (real, &error));
      g_assert_no_error (error);
      g_test_message ("η × %g: ghost %.17g, real %.17g", factors[k], ghosts[k].loss,
                      chart_loss (real));
      g_assert_true (same_bits (ghosts[k].loss, chart_loss (real)));
    }
  g_assert_cmpuint (bp_network_ghost_losses (network, factors, G_N_ELEMENTS (factors), own), ==,
                    G_N_ELEMENTS (factors));
  for (guint k = 0; k < G_N_ELEMENTS (factors); k++)
    g_assert_true (same_bits (own[k].loss, ghosts[k].loss));
  bp_network_ghost_losses (shown, factors, G_N_ELEMENTS (factors), ghosts);
  assert_state_unchanged (&state, shown);
  bp_net_free (state.net);

  g_assert_true (g_file_delete (file, NULL, NULL));
  g_rmdir (dir);
}

static void
test_example (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();

  bp_network_set_learning_rate (network, 0.5);
  g_assert_true (bp_network_step_n (network, 3, NULL));
  assert_ghosts_are_real_steps (network);
  /* Fresh from a reset: no step yet. */
  bp_network_reset (network, 5);
  assert_ghosts_are_real_steps (network);
}

static BpNetwork *
dataset_network (guint             batch_size,
                 BpRegularization  regularization,
                 guint             steps)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) dataset = bp_dataset_generate (BP_GENERATOR_XOR, 120, 0.1, 50.0, 3,
                                                      &error);
  BpNetwork *network = bp_network_new ();
  guint n_rates;
  const double *rates = bp_regularization_rates (&n_rates);

  g_assert_no_error (error);
  bp_network_set_dataset (network, dataset, NULL);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  bp_network_set_batch_size (network, batch_size);
  g_assert_true (bp_network_set_regularization (network, regularization,
                                                regularization == BP_REGULARIZATION_NONE
                                                ? 0.0 : rates[n_rates / 2], &error));
  g_assert_no_error (error);
  bp_network_set_learning_rate (network, 0.3);
  g_assert_true (bp_network_step_n (network, steps, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_DATASET);
  return network;
}

/* One network through edits that change its training set's size, its inputs and its batch
 * size: the ghosts follow each (the buffers the model keeps for them are refilled). */
static void
test_dataset_edits (void)
{
  g_autoptr(BpNetwork) network = dataset_network (10, BP_REGULARIZATION_NONE, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) larger = bp_dataset_generate (BP_GENERATOR_CIRCLE, 300, 0.0, 70.0, 9,
                                                     &error);
  g_autoptr(BpDataset) smaller = bp_dataset_generate (BP_GENERATOR_GAUSSIAN, 40, 0.0, 50.0, 4,
                                                      &error);

  g_assert_no_error (error);
  assert_ghosts_are_real_steps (network);
  bp_network_set_dataset (network, larger, NULL);
  assert_ghosts_are_real_steps (network);
  bp_network_set_features (network, BP_FEATURES_DEFAULT
                                    | BP_FEATURE_BIT (BP_FEATURE_X1_TIMES_X2)
                                    | BP_FEATURE_BIT (BP_FEATURE_SIN_X1));
  assert_ghosts_are_real_steps (network);
  bp_network_set_batch_size (network, 1);
  g_assert_true (bp_network_step_n (network, 4, NULL));
  assert_ghosts_are_real_steps (network);
  bp_network_set_dataset (network, smaller, NULL);
  bp_network_set_features (network, BP_FEATURE_BIT (BP_FEATURE_X1));
  assert_ghosts_are_real_steps (network);
}

static void
test_dataset (void)
{
  static const struct {
    guint batch_size;
    BpRegularization regularization;
    guint steps;
  } cases[] = {
    { 10, BP_REGULARIZATION_NONE, 7 },
    { 10, BP_REGULARIZATION_L1, 11 },   /* the next batch is in the second epoch */
    { 10, BP_REGULARIZATION_L2, 4 },
    { 1, BP_REGULARIZATION_L1, 5 },
    { 1, BP_REGULARIZATION_L2, 0 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(BpNetwork) network = dataset_network (cases[c].batch_size,
                                                      cases[c].regularization,
                                                      cases[c].steps);

      assert_ghosts_are_real_steps (network);
    }
}

/* y = w·x + b with x = 10: a step at η·101 > 2 overshoots; at 10η (η = 0.04) the error grows
 * 39-fold, the loss some 1500-fold, past the trainer's runaway factor; at η it grows 3-fold. */
static void
test_diverges (void)
{
  const guint sizes[] = { 1, 1 };
  const BpActivation activations[] = { BP_ACTIVATION_LINEAR };
  const double input = 10.0, target = 1.0;
  BpNet *net = bp_net_new (2, sizes, activations, BP_LOSS_SQUARED_ERROR, NULL);
  g_autoptr(BpNetwork) network = NULL;
  BpGhost ghosts[G_N_ELEMENTS (factors)];
  const double huge[] = { 1e200 };
  BpGhost overflow;
  State state;

  net->weights[0][0] = 0.5;
  net->biases[0][0] = 0.0;
  net->learning_rate = 0.04;
  bp_net_set_input (net, &input);
  g_assert_true (bp_net_set_target (net, &target, NULL));
  network = bp_network_new_from_net (net, NULL);
  state_take (&state, network);

  g_assert_cmpuint (bp_network_ghost_losses (network, factors, 3, ghosts), ==, 3);
  g_assert_false (ghosts[0].diverged);
  g_assert_false (ghosts[1].diverged);
  g_assert_true (isfinite (ghosts[1].loss));
  g_assert_cmpfloat (ghosts[1].loss, >, chart_loss (network));
  g_assert_true (ghosts[2].diverged);
  g_assert_true (isnan (ghosts[2].loss));

  /* A step the engine refuses: the numbers overflow. */
  g_assert_cmpuint (bp_network_ghost_losses (network, huge, 1, &overflow), ==, 1);
  g_assert_true (overflow.diverged);
  g_assert_true (isnan (overflow.loss));
  assert_state_unchanged (&state, network);
  bp_net_free (state.net);

  g_assert_false (bp_ghost_runs_away (0.5, 400.0));
  g_assert_true (bp_ghost_runs_away (0.5, 501.0));
  g_assert_false (bp_ghost_runs_away (1e-6, 0.9));
  g_assert_true (bp_ghost_runs_away (0.5, INFINITY));
  g_assert_true (bp_ghost_runs_away (0.5, NAN));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ghosts/example", test_example);
  g_test_add_func ("/ghosts/dataset", test_dataset);
  g_test_add_func ("/ghosts/dataset-edits", test_dataset_edits);
  g_test_add_func ("/ghosts/diverges", test_diverges);
  return g_test_run ();
}
