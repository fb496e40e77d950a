/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The engine's regularization of mini-batch steps and its batched forward pass. */
#include "bp-core.h"
#include "bp-forward-batch.h"
#include "bp-minibatch.h"

#include <math.h>
#include <string.h>

/* Six examples of a 2-input, 1-output problem, as a dataset would give them. */
static const double batch_inputs[] = { 0.5, -1.0, 1.0, 1.0, -0.25, 0.75,
                                       -1.5, -0.5, 2.0, 0.25, 0.0, -2.0 };
static const double batch_targets[] = { 1.0, 0.0, 1.0, 0.0, 1.0, 0.0 };
#define N_EXAMPLES 6

static BpNet *
make_net (guint               n_sizes,
          const guint        *sizes,
          const BpActivation *activations,
          BpLoss              loss,
          guint32             seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0xbeef);
  BpNet *net;

  net = bp_net_new (n_sizes, sizes, activations, loss, &error);
  g_assert_no_error (error);
  bp_net_init_seeded (net, seed);
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < sizes[l + 1]; j++)
      net->biases[l][j] = g_rand_double_range (rand, -0.5, 0.5);
  for (guint i = 0; i < sizes[0]; i++)
    net->a[0][i] = g_rand_double_range (rand, -1.0, 1.0);
  for (guint k = 0; k < sizes[n_sizes - 1]; k++)
    net->target[k] = g_rand_double_range (rand, 0.1, 0.9);
  g_assert_true (bp_net_set_learning_rate (net, 0.1, NULL));
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

static BpNet *
make_small_net (BpLoss  loss,
                guint32 seed)
{
  const guint sizes[] = { 2, 4, 3, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };

  return make_net (4, sizes, acts, loss, seed);
}

/* The batch's loss, mean of the examples' losses plus the penalty, at the net's parameters. */
static double
batch_loss (BpNet *net)
{
  g_assert_true (bp_net_batch_gradient (net, batch_inputs, batch_targets, N_EXAMPLES));
  return net->batch_data_loss + net->batch_penalty;
}

static void
test_rates (void)
{
  const double allowed[] = { 0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10 };
  const double refused[] = { 0.5, 0.002, -0.1, 100, 1e-9, NAN, INFINITY };
  g_autoptr(BpNet) net = make_small_net (BP_LOSS_SQUARED_ERROR, 1);
  guint n_rates;
  const double *rates = bp_regularization_rates (&n_rates);
  BpRegularization kind;

  g_assert_cmpuint (n_rates, ==, G_N_ELEMENTS (allowed));
  g_assert_cmpmem (rates, n_rates * sizeof (double), allowed, sizeof allowed);
  for (guint k = 0; k < G_N_ELEMENTS (allowed); k++)
    g_assert_true (bp_regularization_check_rate (allowed[k], NULL));
  for (guint k = 0; k < G_N_ELEMENTS (refused); k++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (bp_regularization_check_rate (refused[k], &error));
      g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
      /* The message names every allowed value. */
      g_assert_nonnull (strstr (error->message, "0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3"));
    }

  /* A new network is not regularized; a refused rate changes nothing. */
  g_assert_cmpint (net->regularization, ==, BP_REGULARIZATION_NONE);
  g_assert_cmpfloat (net->regularization_rate, ==, 0.0);
  g_assert_true (bp_net_set_regularization (net, BP_REGULARIZATION_L2, 0.03, NULL));
  g_assert_false (bp_net_set_regularization (net, BP_REGULARIZATION_L1, 0.05, NULL));
  g_assert_cmpint (net->regularization, ==, BP_REGULARIZATION_L2);
  g_assert_cmpfloat (net->regularization_rate, ==, 0.03);
  {
    g_autoptr(BpNet) copy = bp_net_copy (net);

    g_assert_cmpint (copy->regularization, ==, BP_REGULARIZATION_L2);
    g_assert_cmpfloat (copy->regularization_rate, ==, 0.03);
  }

  for (guint k = 0; k < BP_N_REGULARIZATIONS; k++)
    {
      g_assert_true (bp_regularization_from_string (bp_regularization_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_cmpstr (bp_regularization_to_string (BP_REGULARIZATION_L1), ==, "l1");
  g_assert_cmpstr (bp_regularization_display_name (BP_REGULARIZATION_L2), ==, "L2");
  g_assert_false (bp_regularization_from_string ("L2", &kind));
}

/* The penalty is λ·½·Σw² or λ·Σ|w| over the weights, never the biases. */
static void
test_penalty (void)
{
  g_autoptr(BpNet) net = make_small_net (BP_LOSS_SQUARED_ERROR, 2);
  double squares = 0.0, absolutes = 0.0;

  for (guint l = 0; l < net->n_layers; l++)
    for (guint k = 0; k < net->sizes[l] * net->sizes[l + 1]; k++)
      {
        squares += net->weights[l][k] * net->weights[l][k];
        absolutes += fabs (net->weights[l][k]);
      }
  g_assert_cmpfloat (bp_net_penalty (net), ==, 0.0);
  g_assert_true (bp_net_set_regularization (net, BP_REGULARIZATION_L2, 0.3, NULL));
  g_assert_cmpfloat_with_epsilon (bp_net_penalty (net), 0.3 * 0.5 * squares, 1e-14);
  g_assert_true (bp_net_set_regularization (net, BP_REGULARIZATION_L1, 3, NULL));
  g_assert_cmpfloat_with_epsilon (bp_net_penalty (net), 3 * absolutes, 1e-13);
  /* Biases do not count. */
  net->biases[0][0] += 100.0;
  g_assert_cmpfloat_with_epsilon (bp_net_penalty (net), 3 * absolutes, 1e-13);

  /* A batch step reports the mean loss plus the penalty, and both parts. */
  {
    double before = bp_net_penalty (net), mean_loss;
    g_autoptr(BpNet) plain = bp_net_copy (net);

    g_assert_true (bp_net_set_regularization (plain, BP_REGULARIZATION_NONE, 0, NULL));
    g_assert_true (bp_net_batch_step (plain, batch_inputs, batch_targets, N_EXAMPLES,
                                      &mean_loss, NULL));
    g_assert_cmpfloat (plain->batch_penalty, ==, 0.0);
    g_assert_true (bp_net_batch_step (net, batch_inputs, batch_targets, N_EXAMPLES,
                                      &mean_loss, NULL));
    g_assert_cmpfloat (net->batch_penalty, ==, before);
    g_assert_cmpfloat (net->batch_data_loss, ==, plain->batch_data_loss);
    g_assert_cmpfloat (mean_loss, ==, net->batch_data_loss + net->batch_penalty);
  }
}

/* Every gradient of the batch's loss, weights and biases, against central differences. */
static void
check_finite_differences (BpRegularization kind,
                          double           rate,
                          BpLoss           loss,
                          guint32          seed)
{
  g_autoptr(BpNet) net = make_small_net (loss, seed);
  g_autoptr(BpNet) probe = NULL;
  const double h = 1e-6;
  double worst = 0.0;

  g_assert_true (bp_net_set_regularization (net, kind, rate, NULL));
  probe = bp_net_copy (net);
  g_assert_true (bp_net_batch_gradient (net, batch_inputs, batch_targets, N_EXAMPLES));
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      for (guint i = 0; i <= net->sizes[l]; i++)
        {
          gboolean bias = i == net->sizes[l];
          double *p = bias ? &probe->biases[l][j]
                           : &probe->weights[l][(gsize) j * net->sizes[l] + i];
          double saved = *p, up, down, numeric, analytic;

          /* L1 has a kink at 0: differences across it would not be a derivative. */
          g_assert_true (bias || kind != BP_REGULARIZATION_L1 || fabs (saved) > 10 * h);
          *p = saved + h;
          up = batch_loss (probe);
          *p = saved - h;
          down = batch_loss (probe);
          *p = saved;
          numeric = (up - down) / (2 * h);
          analytic = bias ? bp_net_batch_bias_gradient (net, l, j)
                          : bp_net_batch_weight_gradient (net, l, j, i);
          worst = MAX (worst, fabs (numeric - analytic) / MAX (1.0, fabs (analytic)));
        }
  g_test_message ("%s lambda=%g %s: worst relative error %.3g",
                  bp_regularization_to_string (kind), rate, bp_loss_to_string (loss), worst);
  g_assert_cmpfloat (worst, <, 1e-7);
}

static void
test_finite_differences (void)
{
  for (guint seed = 1; seed <= 3; seed++)
    {
      check_finite_differences (BP_REGULARIZATION_L2, 0.3, BP_LOSS_SQUARED_ERROR, seed);
      check_finite_differences (BP_REGULARIZATION_L2, 3, BP_LOSS_CROSS_ENTROPY, seed);
      check_finite_differences (BP_REGULARIZATION_L1, 0.1, BP_LOSS_SQUARED_ERROR, seed);
      check_finite_differences (BP_REGULARIZATION_L1, 1, BP_LOSS_CROSS_ENTROPY, seed);
      check_finite_differences (BP_REGULARIZATION_NONE, 0, BP_LOSS_SQUARED_ERROR, seed);
    }
}

/* The penalty's part of a weight's gradient is λ·w or λ·sign(w); 0 at w = 0 under L1. */
static void
test_penalty_gradient (void)
{
  g_autoptr(BpNet) net = make_small_net (BP_LOSS_SQUARED_ERROR, 4);
  g_autoptr(BpNet) plain = NULL;

  bp_net_set_weight (net, 1, 2, 1, 0.0);
  plain = bp_net_copy (net);
  g_assert_true (bp_net_batch_gradient (plain, batch_inputs, batch_targets, N_EXAMPLES));
  for (guint kind = BP_REGULARIZATION_L1; kind <= BP_REGULARIZATION_L2; kind++)
    {
      g_assert_true (bp_net_set_regularization (net, kind, 0.1, NULL));
      g_assert_true (bp_net_batch_gradient (net, batch_inputs, batch_targets, N_EXAMPLES));
      for (guint l = 0; l < net->n_layers; l++)
        for (guint j = 0; j < net->sizes[l + 1]; j++)
          {
            for (guint i = 0; i < net->sizes[l]; i++)
              {
                double w = *bp_net_weight (net, l, j, i);
                double part = kind == BP_REGULARIZATION_L2 ? w : (w > 0) - (w < 0);

                g_assert_cmpfloat (bp_net_batch_weight_gradient (net, l, j, i), ==,
                                   bp_net_batch_weight_gradient (plain, l, j, i) + 0.1 * part);
              }
            g_assert_cmpfloat (bp_net_batch_bias_gradient (net, l, j), ==,
                               bp_net_batch_bias_gradient (plain, l, j));
          }
    }
  g_assert_cmpfloat (bp_net_batch_weight_gradient (net, 1, 2, 1), ==,
                     bp_net_batch_weight_gradient (plain, 1, 2, 1));
}

/* Under L1 a weight that a step would carry across zero stops at exactly 0; the others
 * move by −η·g. Under L2 every weight moves by −η·g. */
static void
test_l1_stops_at_zero (void)
{
  g_autoptr(BpNet) net = make_small_net (BP_LOSS_SQUARED_ERROR, 5);
  g_autoptr(BpNet) before = NULL;
  g_autoptr(BpNet) l2 = NULL;
  guint n_zero = 0, n_moved = 0;

  /* Small weights of both signs that λ = 3 with η = 0.1 pushes across zero. */
  bp_net_set_weight (net, 0, 1, 0, 0.01);
  bp_net_set_weight (net, 1, 0, 2, -0.02);
  bp_net_set_weight (net, 2, 0, 1, 0.03);
  g_assert_true (bp_net_set_regularization (net, BP_REGULARIZATION_L1, 3, NULL));
  before = bp_net_copy (net);
  l2 = bp_net_copy (net);
  g_assert_true (bp_net_set_regularization (l2, BP_REGULARIZATION_L2, 3, NULL));
  g_assert_true (bp_net_batch_step (net, batch_inputs, batch_targets, N_EXAMPLES, NULL, NULL));
  g_assert_true (bp_net_batch_step (l2, batch_inputs, batch_targets, N_EXAMPLES, NULL, NULL));

  for (guint l = 0; l < net->n_layers; l++)
    for (guint k = 0; k < net->sizes[l] * net->sizes[l + 1]; k++)
      {
        guint j = k / net->sizes[l], i = k % net->sizes[l];
        double w = before->weights[l][k];
        double moved = w - 0.1 * bp_net_batch_weight_gradient (net, l, j, i);
        guint64 bits;

        if ((w > 0 && moved < 0) || (w < 0 && moved > 0))
          {
            memcpy (&bits, &net->weights[l][k], sizeof bits);
            g_assert_cmphex (bits, ==, 0);   /* exactly +0 */
            n_zero++;
          }
        else
          {
            g_assert_cmpfloat (net->weights[l][k], ==, moved);
            n_moved++;
          }
      }
  g_assert_cmpfloat (net->weights[0][1 * 2 + 0], ==, 0.0);
  g_assert_cmpfloat (net->weights[1][0 * 4 + 2], ==, 0.0);
  g_assert_cmpfloat (net->weights[2][0 * 3 + 1], ==, 0.0);
  g_assert_cmpuint (n_zero, >=, 3);
  g_assert_cmpuint (n_moved, >, 0);
  /* L2 never stops a weight: each moves by −η·g. */
  for (guint l = 0; l < l2->n_layers; l++)
    for (guint k = 0; k < l2->sizes[l] * l2->sizes[l + 1]; k++)
      g_assert_cmpfloat (l2->weights[l][k], ==,
                         before->weights[l][k] -
                         0.1 * bp_net_batch_weight_gradient (l2, l, k / l2->sizes[l],
                                                             k % l2->sizes[l]));
}

static void
assert_same_parameters (const BpNet *a,
                        const BpNet *b)
{
  for (guint l = 0; l < a->n_layers; l++)
    {
      g_assert_cmpmem (a->weights[l], a->sizes[l] * a->sizes[l + 1] * sizeof (double),
                       b->weights[l], b->sizes[l] * b->sizes[l + 1] * sizeof (double));
      g_assert_cmpmem (a->biases[l], a->sizes[l + 1] * sizeof (double),
                       b->biases[l], b->sizes[l + 1] * sizeof (double));
    }
}

/* With λ = 0, L1 and L2 train to the same bits as no regularization, and so does none
 * with a rate set. (test-core's golden bits hold none to the engine before regularization.) */
static void
test_zero_rate_bit_identical (void)
{
  const BpRegularization kinds[] = { BP_REGULARIZATION_L1, BP_REGULARIZATION_L2,
                                     BP_REGULARIZATION_NONE };
  const double rates[] = { 0, 0, 0.3 };

  for (BpLoss loss = 0; loss < BP_N_LOSSES; loss++)
    {
      g_autoptr(BpNet) none = make_small_net (loss, 6);

      for (guint c = 0; c < G_N_ELEMENTS (kinds); c++)
        {
          g_autoptr(BpNet) reference = bp_net_copy (none);
          g_autoptr(BpNet) net = bp_net_copy (none);

          g_assert_true (bp_net_set_regularization (net, kinds[c], rates[c], NULL));
          for (guint s = 0; s < 100; s++)
            {
              guint first = s % 3, n = 1 + s % 3;
              double losses[2];

              g_assert_true (bp_net_batch_step (reference, batch_inputs + 2 * first,
                                                batch_targets + first, n, &losses[0], NULL));
              g_assert_true (bp_net_batch_step (net, batch_inputs + 2 * first,
                                                batch_targets + first, n, &losses[1], NULL));
              g_assert_cmpmem (&losses[0], sizeof (double), &losses[1], sizeof (double));
            }
          assert_same_parameters (reference, net);
          g_assert_cmpmem (&reference->loss, sizeof (double), &net->loss, sizeof (double));
        }
    }
}

/* L2 keeps the weights smaller than none on the same data and seed; L1 zeroes some. */
static void
test_training_effect (void)
{
  g_autoptr(BpNet) none = make_small_net (BP_LOSS_CROSS_ENTROPY, 7);
  g_autoptr(BpNet) l2 = bp_net_copy (none);
  g_autoptr(BpNet) l1 = bp_net_copy (none);
  double norm[2] = { 0, 0 };
  guint n_zero = 0;

  g_assert_true (bp_net_set_regularization (l2, BP_REGULARIZATION_L2, 0.1, NULL));
  g_assert_true (bp_net_set_regularization (l1, BP_REGULARIZATION_L1, 0.03, NULL));
  for (guint s = 0; s < 300; s++)
    {
      g_assert_true (bp_net_batch_step (none, batch_inputs, batch_targets, N_EXAMPLES,
                                        NULL, NULL));
      g_assert_true (bp_net_batch_step (l2, batch_inputs, batch_targets, N_EXAMPLES,
                                        NULL, NULL));
      g_assert_true (bp_net_batch_step (l1, batch_inputs, batch_targets, N_EXAMPLES,
                                        NULL, NULL));
    }
  for (guint l = 0; l < none->n_layers; l++)
    for (guint k = 0; k < none->sizes[l] * none->sizes[l + 1]; k++)
      {
        norm[0] += none->weights[l][k] * none->weights[l][k];
        norm[1] += l2->weights[l][k] * l2->weights[l][k];
        n_zero += l1->weights[l][k] == 0.0;
      }
  g_test_message ("sum of w^2: none %g, L2 %g; L1 zeros %u", norm[0], norm[1], n_zero);
  g_assert_cmpfloat (norm[1], <, 0.8 * norm[0]);
  g_assert_cmpuint (n_zero, >, 0);
}

/* Networks of several shapes and every activation, with random points: every neuron's value
 * of a batched pass equals bp_net_forward ()'s of the same point. */
static void
check_forward_batch (guint               n_sizes,
                     const guint        *sizes,
                     const BpActivation *acts,
                     guint32             seed)
{
  const guint counts[] = { 1, 3, 127, 128, 129, 300 };
  g_autoptr(BpNet) net = make_net (n_sizes, sizes, acts, BP_LOSS_SQUARED_ERROR, seed);
  g_autoptr(BpForwardBatch) batch = bp_forward_batch_new (net, 300);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree double *inputs = g_new (double, 300 * sizes[0]);
  double worst_fast = 0.0;

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    for (BpForwardMode mode = BP_FORWARD_EXACT; mode <= BP_FORWARD_FAST; mode++)
      {
        guint n = counts[c];

        for (guint k = 0; k < n * sizes[0]; k++)
          inputs[k] = g_rand_double_range (rand, -6.0, 6.0);
        bp_net_forward_batch (net, inputs, n, mode, batch);
        g_assert_cmpuint (batch->n_points, ==, n);
        for (guint p = 0; p < n; p++)
          {
            bp_net_set_input (net, inputs + (gsize) p * sizes[0]);
            bp_net_forward (net);
            for (guint l = 1; l < n_sizes; l++)
              for (guint j = 0; j < sizes[l]; j++)
                {
                  double single = net->a[l][j];
                  double batched = bp_forward_batch_values (batch, l, j)[p];

                  if (mode == BP_FORWARD_EXACT)
                    g_assert_cmpmem (&batched, sizeof (double), &single, sizeof (double));
                  else
                    worst_fast = MAX (worst_fast, fabs (batched - single));
                }
            if (mode == BP_FORWARD_EXACT)
              g_assert_cmpfloat (batch->output_z[p], ==, net->z[n_sizes - 1][0]);
            g_assert_cmpfloat (bp_forward_batch_values (batch, 0, 0)[p], ==, net->a[0][0]);
          }
      }
  g_test_message ("fast activations: worst |difference| %.3g", worst_fast);
  g_assert_cmpfloat (worst_fast, <=, 1e-12);
}

static void
test_forward_batch (void)
{
  const guint grid[] = { 6, 8, 8, 8, 1 };
  const BpActivation grid_acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                     BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  const guint mixed[] = { 7, 5, 9, 3, 2 };
  const BpActivation mixed_acts[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_LEAKY_RELU,
                                      BP_ACTIVATION_SIGMOID, BP_ACTIVATION_LINEAR };
  const guint one[] = { 1, 1 };
  const BpActivation one_act[] = { BP_ACTIVATION_TANH };
  const guint wide[] = { 2, 33, 1 };
  const BpActivation wide_acts[] = { BP_ACTIVATION_SIGMOID, BP_ACTIVATION_TANH };

  check_forward_batch (G_N_ELEMENTS (grid), grid, grid_acts, 1);
  check_forward_batch (G_N_ELEMENTS (mixed), mixed, mixed_acts, 2);
  check_forward_batch (G_N_ELEMENTS (one), one, one_act, 3);
  check_forward_batch (G_N_ELEMENTS (wide), wide, wide_acts, 4);
}

/* The fast tanh and sigmoid against libm's over their whole range, the edges included. */
static void
test_fast_activations (void)
{
  const guint sizes[] = { 1, 1 };
  const double edges[] = { 0.0, -0.0, 1e-300, -1e-12, 19.9, 20.5, -25.0, 700.0, -709.0,
                           750.0, -750.0, 1e300, INFINITY, -INFINITY };
  guint n = 20001 + G_N_ELEMENTS (edges);
  g_autofree double *x = g_new (double, n);

  for (guint k = 0; k <= 20000; k++)
    x[k] = (k - 10000.0) / 500.0;    /* −20 … 20 */
  memcpy (x + 20001, edges, sizeof edges);
  for (BpActivation f = BP_ACTIVATION_SIGMOID; f <= BP_ACTIVATION_TANH; f++)
    {
      g_autoptr(BpNet) net = bp_net_new (2, sizes, &f, BP_LOSS_SQUARED_ERROR, NULL);
      g_autoptr(BpForwardBatch) batch = bp_forward_batch_new (net, n);
      const double *y;
      double worst = 0.0;

      bp_net_set_weight (net, 0, 0, 0, 1.0);
      bp_net_forward_batch (net, x, n, BP_FORWARD_FAST, batch);
      y = bp_forward_batch_values (batch, 1, 0);
      for (guint k = 0; k < n; k++)
        {
          double want = f == BP_ACTIVATION_TANH ? tanh (x[k]) : 1.0 / (1.0 + exp (-x[k]));

          worst = MAX (worst, fabs (y[k] - want));
          if (want == 0.0 || fabs (want) == 1.0)
            g_assert_cmpfloat (fabs (y[k] - want), <=, 1e-300);
        }
      g_test_message ("%s: worst |fast - libm| %.3g", bp_activation_to_string (f), worst);
      g_assert_cmpfloat (worst, <=, 1e-15);
      /* NaN stays NaN. */
      x[0] = NAN;
      bp_net_forward_batch (net, x, 1, BP_FORWARD_FAST, batch);
      g_assert_true (isnan (bp_forward_batch_values (batch, 1, 0)[0]));
      x[0] = -20.0;
    }
}

/* The mean loss of an exact pass over a mini-batch is the data loss a step on it reports;
 * points are counted right when the output is on their label's side of 0.5. */
static void
test_mean_loss (void)
{
  g_autoptr(BpNet) net = make_small_net (BP_LOSS_CROSS_ENTROPY, 8);
  g_autoptr(BpForwardBatch) batch = bp_forward_batch_new (net, N_EXAMPLES);
  guint n_correct = 0, expected = 0;
  double mean;

  g_assert_true (bp_net_set_regularization (net, BP_REGULARIZATION_L2, 1, NULL));
  for (guint s = 0; s < 20; s++)
    g_assert_true (bp_net_batch_step (net, batch_inputs, batch_targets, N_EXAMPLES, NULL,
                                      NULL));
  bp_net_forward_batch (net, batch_inputs, N_EXAMPLES, BP_FORWARD_EXACT, batch);
  mean = bp_net_mean_loss (net, batch_targets, batch, &n_correct);
  g_assert_true (bp_net_batch_gradient (net, batch_inputs, batch_targets, N_EXAMPLES));
  g_assert_cmpmem (&mean, sizeof mean, &net->batch_data_loss, sizeof (double));
  for (guint p = 0; p < N_EXAMPLES; p++)
    expected += (bp_forward_batch_values (batch, 3, 0)[p] >= 0.5) == (batch_targets[p] >= 0.5);
  g_assert_cmpuint (n_correct, ==, expected);

  /* A batch fits only networks of its shape and up to its capacity. */
  {
    const guint other[] = { 2, 4, 1 };
    const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
    g_autoptr(BpNet) small = make_net (3, other, acts, BP_LOSS_SQUARED_ERROR, 1);

    g_assert_true (bp_forward_batch_fits (batch, net, N_EXAMPLES));
    g_assert_false (bp_forward_batch_fits (batch, net, N_EXAMPLES + 1));
    g_assert_false (bp_forward_batch_fits (batch, small, 1));
  }
}

/* Epochs visit every example once, in batches of the size asked (the last one smaller), in
 * an order that changes each epoch and depends only on the seed and the epoch. */
static void
test_minibatch_epochs (void)
{
  g_autoptr(BpMinibatch) mb = bp_minibatch_new (23, 5, 2, 1, 42);
  g_autoptr(BpMinibatch) again = bp_minibatch_new (23, 5, 2, 1, 42);
  g_autoptr(BpMinibatch) other = bp_minibatch_new (23, 5, 2, 1, 43);
  guint orders[2][23];
  gboolean differs = FALSE, seed_differs = FALSE;

  g_assert_cmpuint (mb->batches_per_epoch, ==, 5);
  for (guint e = 0; e < 2; e++)
    {
      guint seen[23] = { 0 };

      g_assert_cmpuint (mb->epoch, ==, e);
      for (guint b = 0; b < 5; b++)
        {
          guint n, n_again, n_other;
          const guint *idx = bp_minibatch_peek (mb, &n);
          const guint *idx_again = bp_minibatch_peek (again, &n_again);
          const guint *idx_other = bp_minibatch_peek (other, &n_other);

          g_assert_cmpuint (mb->batch, ==, b);
          g_assert_cmpuint (n, ==, b < 4 ? 5 : 3);
          g_assert_cmpmem (idx, n * sizeof (guint), idx_again, n_again * sizeof (guint));
          seed_differs |= memcmp (idx, idx_other, n * sizeof (guint)) != 0;
          for (guint k = 0; k < n; k++)
            {
              seen[idx[k]]++;
              orders[e][b * 5 + k] = idx[k];
            }
          /* What a step does to the position, without the step. */
          bp_minibatch_seek (mb, mb->epoch, mb->batch + 1);
          bp_minibatch_seek (again, again->epoch, again->batch + 1);
          bp_minibatch_seek (other, other->epoch, other->batch + 1);
        }
      for (guint k = 0; k < 23; k++)
        g_assert_cmpuint (seen[k], ==, 1);
    }
  g_assert_cmpuint (mb->epoch, ==, 2);
  for (guint k = 0; k < 23; k++)
    differs |= orders[0][k] != orders[1][k];
  g_assert_true (differs);
  g_assert_true (seed_differs);

  /* Seeking back gives the same batch again. */
  {
    guint n;
    const guint *idx;

    bp_minibatch_seek (mb, 1, 3);
    idx = bp_minibatch_peek (mb, &n);
    g_assert_cmpmem (idx, n * sizeof (guint), orders[1] + 15, 5 * sizeof (guint));
  }
}

/* A step on the next mini-batch is bp_net_batch_step () on its examples, to the bit; a batch
 * size at least the set's is full-batch descent on the set in its own order. */
static void
test_minibatch_step (void)
{
  g_autoptr(BpNet) net = make_small_net (BP_LOSS_CROSS_ENTROPY, 9);
  g_autoptr(BpNet) by_hand = bp_net_copy (net);
  g_autoptr(BpNet) full = bp_net_copy (net);
  g_autoptr(BpNet) full_by_hand = bp_net_copy (net);
  g_autoptr(BpMinibatch) mb = bp_minibatch_new (N_EXAMPLES, 4, 2, 1, 7);
  g_autoptr(BpMinibatch) whole = bp_minibatch_new (N_EXAMPLES, 64, 2, 1, 7);

  g_assert_true (bp_net_set_regularization (net, BP_REGULARIZATION_L1, 0.01, NULL));
  g_assert_true (bp_net_set_regularization (by_hand, BP_REGULARIZATION_L1, 0.01, NULL));
  g_assert_cmpuint (whole->batches_per_epoch, ==, 1);
  for (guint s = 0; s < 7; s++)
    {
      double x[4 * 2], t[4], loss[2];
      guint n;
      const guint *idx = bp_minibatch_peek (mb, &n);

      for (guint k = 0; k < n; k++)
        {
          memcpy (x + 2 * k, batch_inputs + 2 * idx[k], 2 * sizeof (double));
          t[k] = batch_targets[idx[k]];
        }
      g_assert_true (bp_net_batch_step (by_hand, x, t, n, &loss[0], NULL));
      g_assert_true (bp_net_minibatch_step (net, mb, batch_inputs, batch_targets, &loss[1],
                                            NULL));
      g_assert_cmpmem (&loss[0], sizeof (double), &loss[1], sizeof (double));
      g_assert_true (bp_net_batch_step (full_by_hand, batch_inputs, batch_targets, N_EXAMPLES,
                                        NULL, NULL));
      g_assert_true (bp_net_minibatch_step (full, whole, batch_inputs, batch_targets, NULL,
                                            NULL));
    }
  assert_same_parameters (net, by_hand);
  assert_same_parameters (full, full_by_hand);
  /* 7 steps of 2 batches per epoch (4 + 2 examples); full batch: one per epoch. */
  g_assert_cmpuint (mb->epoch, ==, 3);
  g_assert_cmpuint (mb->batch, ==, 1);
  g_assert_cmpuint (whole->epoch, ==, 7);

  /* A refused step moves nothing on. */
  {
    const guint sizes[] = { 2, 1 };
    const BpActivation linear = BP_ACTIVATION_LINEAR;
    g_autoptr(BpNet) huge = make_net (2, sizes, &linear, BP_LOSS_SQUARED_ERROR, 1);
    g_autoptr(GError) error = NULL;

    bp_net_set_weight (huge, 0, 0, 0, 1e200);
    g_assert_false (bp_net_minibatch_step (huge, mb, batch_inputs, batch_targets, NULL,
                                           &error));
    g_assert_error (error, BP_ERROR, BP_ERROR_DIVERGED);
    g_assert_cmpuint (mb->epoch, ==, 3);
    g_assert_cmpuint (mb->batch, ==, 1);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/regularization/rates", test_rates);
  g_test_add_func ("/bp/regularization/penalty", test_penalty);
  g_test_add_func ("/bp/regularization/finite-differences", test_finite_differences);
  g_test_add_func ("/bp/regularization/penalty-gradient", test_penalty_gradient);
  g_test_add_func ("/bp/regularization/l1-stops-at-zero", test_l1_stops_at_zero);
  g_test_add_func ("/bp/regularization/zero-rate-bit-identical", test_zero_rate_bit_identical);
  g_test_add_func ("/bp/regularization/training-effect", test_training_effect);
  g_test_add_func ("/bp/forward-batch/equals-forward", test_forward_batch);
  g_test_add_func ("/bp/forward-batch/fast-activations", test_fast_activations);
  g_test_add_func ("/bp/forward-batch/mean-loss", test_mean_loss);
  g_test_add_func ("/bp/minibatch/epochs", test_minibatch_epochs);
  g_test_add_func ("/bp/minibatch/step", test_minibatch_step);

  return g_test_run ();
}
