/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-landscape: the window's loss landscape against the engine's exact grid
 * (bp_landscape_grid ()): the cached grid, exact and fast, on one and two threads, for
 * weights in one neuron, one layer and two layers in both orders, whole or in part; the model's slice in
 * example and dataset mode (its centre the network's loss to the bit), its gradient against
 * finite differences, its path, its cancelled jobs, and its slices handed over only by the
 * main thread's loop. */
#include "config.h"

#include "bp-dataset.h"
#include "bp-landscape-fast.h"
#include "bp-landscape-model.h"

#include <math.h>

#define FEATURES_6 (BP_FEATURES_ALL & ~BP_FEATURE_BIT (BP_FEATURE_X1_TIMES_X2))

typedef struct {
  BpNet *net;
  double *inputs;
  double *targets;
  BpLandscapeData data;
} Fixture;

static void
fixture_init (Fixture *f,
              gboolean regularized)
{
  const guint sizes[] = { 6, 5, 4, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  g_autoptr(BpDataset) dataset = bp_dataset_generate (BP_GENERATOR_SPIRAL, 120, 0.1, 50, 3,
                                                      NULL);
  guint n = dataset->n_train;

  f->net = bp_net_new (4, sizes, acts, BP_LOSS_CROSS_ENTROPY, NULL);
  bp_net_init_seeded (f->net, 7);
  if (regularized)
    g_assert_true (bp_net_set_regularization (f->net, BP_REGULARIZATION_L2, 0.03, NULL));
  f->inputs = g_new (double, (gsize) n * 6);
  f->targets = g_new (double, n);
  for (guint k = 0; k < n; k++)
    {
      bp_feature_set_fill (FEATURES_6, dataset->points[k].x1, dataset->points[k].x2,
                           f->inputs + (gsize) k * 6);
      f->targets[k] = dataset->points[k].label;
    }
  f->data = (BpLandscapeData) { f->inputs, f->targets, n, regularized };
}

static void
fixture_clear (Fixture *f)
{
  bp_net_free (f->net);
  g_free (f->inputs);
  g_free (f->targets);
}

/* Pairs of weights: one neuron, one layer, two layers in both orders, the last layer. */
static const BpWeightRef pairs[][2] = {
  { { 0, 1, 2 }, { 0, 1, 4 } },
  { { 0, 0, 0 }, { 0, 3, 5 } },
  { { 0, 2, 1 }, { 2, 0, 3 } },
  { { 1, 3, 2 }, { 0, 4, 0 } },
  { { 2, 0, 0 }, { 2, 0, 1 } },
  { { 1, 0, 4 }, { 2, 0, 2 } },
};

static void
compare_grids (BpForwardMode mode,
               double        tolerance,
               gboolean      regularized)
{
  Fixture f;
  const guint grid = 9;
  double exact[81], cached[81];

  fixture_init (&f, regularized);
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    for (guint threads = 1; threads <= 2; threads++)
      {
        bp_landscape_grid (f.net, pairs[p], 1.5, grid, &f.data, exact);
        g_assert_true (bp_landscape_grid_cached (f.net, pairs[p], 1.5, grid, &f.data, mode,
                                                 threads, NULL, cached));
        for (guint k = 0; k < grid * grid; k++)
          {
            g_assert_true (isfinite (exact[k]));
            g_assert_cmpfloat (fabs (cached[k] - exact[k]), <=, tolerance * fabs (exact[k]));
          }
        if (mode == BP_FORWARD_EXACT)
          g_assert_cmpmem (&cached[grid * grid / 2], sizeof (double),
                           &exact[grid * grid / 2], sizeof (double));
      }
  fixture_clear (&f);
}

static void
test_cached_exact (void)
{
  compare_grids (BP_FORWARD_EXACT, 1e-12, FALSE);
  compare_grids (BP_FORWARD_EXACT, 1e-12, TRUE);
}

static void
test_cached_fast (void)
{
  compare_grids (BP_FORWARD_FAST, 1e-6, TRUE);
}

/* Some values of the lower weight, as a refinement computes them: the same rows (or, when the
 * lower weight is the second, columns) as the whole grid's. */
static void
test_cached_rows (void)
{
  Fixture f;
  const guint grid = 9, outers[] = { 0, 4, 8 };
  double exact[81], part[81];

  fixture_init (&f, TRUE);
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      gboolean transposed = pairs[p][1].layer < pairs[p][0].layer;

      bp_landscape_grid (f.net, pairs[p], 0.7, grid, &f.data, exact);
      g_assert_true (bp_landscape_grid_rows (f.net, pairs[p], 0.7, grid, &f.data,
                                             BP_FORWARD_EXACT, 2, outers, 3, NULL, part));
      for (guint k = 0; k < 3; k++)
        for (guint m = 0; m < grid; m++)
          {
            gsize at = transposed ? (gsize) m * grid + outers[k] : (gsize) outers[k] * grid + m;

            g_assert_cmpfloat (fabs (part[at] - exact[at]), <=, 1e-12 * fabs (exact[at]));
          }
    }
  fixture_clear (&f);
}

static void
test_cached_cancel (void)
{
  Fixture f;
  double values[121];
  gint cancel = 1;

  fixture_init (&f, FALSE);
  g_assert_false (bp_landscape_grid_cached (f.net, pairs[2], 1.0, 11, &f.data,
                                            BP_FORWARD_FAST, 2, &cancel, values));
  fixture_clear (&f);
}

/* Runs the main loop until the model's slice is complete and of the network as it is. */
static const BpLandscapeSlice *
wait_complete (BpLandscapeModel *model)
{
  const BpLandscapeSlice *slice = bp_landscape_model_get_slice (model);
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (slice == NULL || !slice->complete || bp_landscape_model_get_busy (model))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
      slice = bp_landscape_model_get_slice (model);
    }
  return slice;
}

/* The slice against bp_landscape_grid () on the network's data. */
static void
check_slice (const BpLandscapeSlice *slice,
             const BpNet            *net,
             const BpLandscapeData  *data)
{
  g_autofree double *exact = g_new (double, (gsize) slice->grid * slice->grid);

  bp_landscape_grid (net, slice->weights, slice->span, slice->grid, data, exact);
  for (guint k = 0; k < slice->grid * slice->grid; k++)
    g_assert_cmpfloat (fabs (slice->values[k] - exact[k]), <=, 1e-12 * fabs (exact[k]));
}

static void
test_model_example (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpLandscapeModel) model = bp_landscape_model_new (network);
  const BpNet *net = bp_network_get_net (network);
  BpLandscapeData data = { net->a[0], net->target, 1, FALSE };
  const BpLandscapeSlice *slice;
  BpWeightRef w[2];
  double loss;

  g_assert_true (bp_landscape_model_get_weights (model, w));
  g_assert_false (bp_landscape_model_get_chosen (model));
  /* The defaults are in the last layer. */
  g_assert_cmpuint (w[0].layer, ==, net->n_layers - 1);
  g_assert_true (fabs (bp_net_weight_gradient (net, w[0].layer, w[0].to, w[0].from))
                 >= fabs (bp_net_weight_gradient (net, w[1].layer, w[1].to, w[1].from)));
  bp_landscape_model_set_mode (model, BP_FORWARD_EXACT);
  bp_landscape_model_set_grid (model, 21);
  g_assert_null (bp_landscape_model_get_slice (model));
  bp_landscape_model_set_active (model, TRUE);
  slice = wait_complete (model);
  g_assert_cmpuint (slice->grid, ==, 21);
  g_assert_false (slice->dataset);
  loss = bp_network_get_loss (network);
  g_assert_cmpmem (&slice->centre_loss, sizeof loss, &loss, sizeof loss);
  check_slice (slice, net, &data);
  /* ∂L/∂w at the centre, as backprop computed it for the network. */
  for (guint k = 0; k < 2; k++)
    g_assert_cmpfloat (slice->gradient[k], ==,
                       bp_net_weight_gradient (net, w[k].layer, w[k].to, w[k].from));
}

static BpNetwork *
dataset_network (void)
{
  const guint sizes[] = { 6, 5, 4, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  BpNet *net = bp_net_new (4, sizes, acts, BP_LOSS_CROSS_ENTROPY, NULL);
  g_autoptr(BpDataset) dataset = bp_dataset_generate (BP_GENERATOR_SPIRAL, 200, 0.1, 50, 4,
                                                      NULL);
  BpNetwork *network;

  bp_net_init_seeded (net, 2);
  net->learning_rate = 0.1;
  network = bp_network_new_from_net (net, NULL);
  bp_network_set_dataset (network, dataset, NULL);
  bp_network_set_features (network, FEATURES_6);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, NULL));
  g_assert_true (bp_network_set_regularization (network, BP_REGULARIZATION_L2, 0.01, NULL));
  return network;
}

static void
test_model_dataset (void)
{
  g_autoptr(BpNetwork) network = dataset_network ();
  g_autoptr(BpLandscapeModel) model = bp_landscape_model_new (network);
  const BpNet *net;
  const BpLandscapeSlice *slice;
  const BpWeightRef first = { 0, 2, 3 };
  double expected;
  g_autofree double *inputs = NULL;
  g_autofree double *targets = NULL;
  const BpDataset *dataset;
  BpLandscapeData data;

  g_assert_true (bp_network_step_n (network, 30, NULL));
  g_assert_true (bp_landscape_model_choose (model, 0, &first));
  bp_landscape_model_set_mode (model, BP_FORWARD_EXACT);
  bp_landscape_model_set_grid (model, 11);
  bp_landscape_model_set_active (model, TRUE);
  slice = wait_complete (model);
  net = bp_network_get_net (network);
  g_assert_true (slice->dataset);
  dataset = bp_network_get_dataset (network);
  g_assert_cmpuint (slice->n_points, ==, dataset->n_train);
  expected = bp_network_get_train_loss (network) + bp_net_penalty (net);
  g_assert_cmpmem (&slice->centre_loss, sizeof expected, &expected, sizeof expected);
  inputs = g_new (double, (gsize) dataset->n_train * 6);
  targets = g_new (double, dataset->n_train);
  for (guint k = 0; k < dataset->n_train; k++)
    {
      bp_feature_set_fill (FEATURES_6, dataset->points[k].x1, dataset->points[k].x2,
                           inputs + (gsize) k * 6);
      targets[k] = dataset->points[k].label;
    }
  data = (BpLandscapeData) { inputs, targets, dataset->n_train, TRUE };
  check_slice (slice, net, &data);
}

/* The gradient of the sliced loss (the training mean plus the penalty) against central
 * differences of the narrowest slice. */
static void
test_model_gradient (void)
{
  g_autoptr(BpNetwork) network = dataset_network ();
  g_autoptr(BpLandscapeModel) model = bp_landscape_model_new (network);
  const BpWeightRef second = { 1, 1, 3 };
  const BpLandscapeSlice *slice;
  /* The smallest span: neighbouring grid points 0.002 apart. */
  const double h = 0.002;
  guint c;

  g_assert_true (bp_network_step_n (network, 10, NULL));
  g_assert_true (bp_landscape_model_choose (model, 1, &second));
  bp_landscape_model_set_mode (model, BP_FORWARD_EXACT);
  bp_landscape_model_set_grid (model, 11);
  bp_landscape_model_set_span (model, BP_LANDSCAPE_MIN_SPAN);
  bp_landscape_model_set_active (model, TRUE);
  slice = wait_complete (model);
  c = slice->grid / 2;
  for (guint k = 0; k < 2; k++)
    {
      gsize plus = k == 0 ? (gsize) (c + 1) * slice->grid + c : (gsize) c * slice->grid + c + 1;
      gsize minus = k == 0 ? (gsize) (c - 1) * slice->grid + c
                           : (gsize) c * slice->grid + c - 1;
      double slope = (slice->values[plus] - slice->values[minus]) / (2 * h);

      g_assert_cmpfloat (fabs (slope - slice->gradient[k]), <=,
                         1e-3 * MAX (fabs (slope), 1e-2));
    }
}

static void
test_model_path (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpLandscapeModel) model = bp_landscape_model_new (network);
  const BpWeightRef first = { 0, 1, 0 };
  BpWeightRef w[2];
  double point[2];

  g_assert_cmpuint (bp_landscape_model_get_path_length (model), ==, 0);
  for (guint s = 0; s < 5; s++)
    g_assert_true (bp_network_step (network, NULL));
  g_assert_cmpuint (bp_landscape_model_get_path_length (model), ==, 5);
  bp_landscape_model_get_weights (model, w);
  bp_landscape_model_get_path_point (model, 4, point);
  for (guint k = 0; k < 2; k++)
    g_assert_cmpfloat (point[k], ==, bp_network_get_weight (network, w[k].layer, w[k].to,
                                                            w[k].from));
  /* Choosing a weight starts the path anew; the other weight swaps in when it is chosen. */
  g_assert_true (bp_landscape_model_choose (model, 0, &first));
  g_assert_true (bp_landscape_model_get_chosen (model));
  g_assert_cmpuint (bp_landscape_model_get_path_length (model), ==, 0);
  bp_landscape_model_get_weights (model, w);
  g_assert_true (bp_landscape_model_choose (model, 1, &first));
  bp_landscape_model_get_weights (model, w);
  g_assert_cmpuint (w[1].layer, ==, 0);
  g_assert_cmpuint (w[1].to, ==, 1);
  g_assert_false (w[0].layer == 0 && w[0].to == 1 && w[0].from == 0);
  /* Bounded. */
  g_assert_true (bp_network_step_n (network, BP_LANDSCAPE_PATH_CAPACITY + 30, NULL));
  for (guint s = 0; s < BP_LANDSCAPE_PATH_CAPACITY + 30; s++)
    g_assert_true (bp_network_step (network, NULL));
  g_assert_cmpuint (bp_landscape_model_get_path_length (model), ==,
                    BP_LANDSCAPE_PATH_CAPACITY);
  bp_network_reset (network, 5);
  g_assert_cmpuint (bp_landscape_model_get_path_length (model), ==, 0);
}

static void
changed_cb (BpLandscapeModel *model G_GNUC_UNUSED,
            gpointer          data)
{
  GThread **thread = data;

  *thread = g_thread_self ();
}

/* A slice reaches the model only through the main thread's loop: none arrives while that
 * thread waits without iterating it (as the window tests do between iterations), and each
 * "changed" is emitted on it. */
static void
test_model_main_thread (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpLandscapeModel) model = bp_landscape_model_new (network);
  GThread *emitted_on = NULL;

  bp_landscape_model_set_mode (model, BP_FORWARD_EXACT);
  g_signal_connect (model, "changed", G_CALLBACK (changed_cb), &emitted_on);
  bp_landscape_model_set_active (model, TRUE);
  /* The default network's 41×41 grid takes about a millisecond. */
  g_usleep (G_USEC_PER_SEC / 2);
  g_assert_null (emitted_on);
  g_assert_null (bp_landscape_model_get_slice (model));
  g_assert_nonnull (wait_complete (model));
  g_assert_true (emitted_on == g_thread_self ());
}

/* Settings changed while jobs run: the slice that stays is of the last settings. */
static void
test_model_restart (void)
{
  g_autoptr(BpNetwork) network = dataset_network ();
  g_autoptr(BpLandscapeModel) model = bp_landscape_model_new (network);
  const BpLandscapeSlice *slice;

  bp_landscape_model_set_active (model, TRUE);
  bp_landscape_model_set_grid (model, 61);
  bp_landscape_model_set_span (model, 0.5);
  g_assert_true (bp_network_step_n (network, 3, NULL));
  bp_landscape_model_set_grid (model, 20);
  slice = wait_complete (model);
  g_assert_cmpuint (slice->grid, ==, 21);
  g_assert_cmpfloat (slice->span, ==, 0.5);
  g_assert_cmpfloat (slice->centre[0], ==,
                     bp_network_get_weight (network, slice->weights[0].layer,
                                            slice->weights[0].to, slice->weights[0].from));
  g_clear_object (&model);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bp/landscape/cached-exact", test_cached_exact);
  g_test_add_func ("/bp/landscape/cached-fast", test_cached_fast);
  g_test_add_func ("/bp/landscape/cached-rows", test_cached_rows);
  g_test_add_func ("/bp/landscape/cached-cancel", test_cached_cancel);
  g_test_add_func ("/bp/landscape/model-example", test_model_example);
  g_test_add_func ("/bp/landscape/model-dataset", test_model_dataset);
  g_test_add_func ("/bp/landscape/model-gradient", test_model_gradient);
  g_test_add_func ("/bp/landscape/model-path", test_model_path);
  g_test_add_func ("/bp/landscape/model-restart", test_model_restart);
  g_test_add_func ("/bp/landscape/model-main-thread", test_model_main_thread);
  return g_test_run ();
}
