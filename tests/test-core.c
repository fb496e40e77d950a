/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "bp-core.h"

#include <math.h>
#include <string.h>

static BpNet *
make_net (guint               n_sizes,
          const guint        *sizes,
          const BpActivation *activations,
          BpLoss              loss,
          guint32             seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x5eed);
  BpNet *net;

  net = bp_net_new (n_sizes, sizes, activations, loss, &error);
  g_assert_no_error (error);
  bp_net_init_seeded (net, seed);
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < sizes[l + 1]; j++)
      net->biases[l][j] = g_rand_double_range (rand, -0.5, 0.5);
  for (guint i = 0; i < sizes[0]; i++)
    net->a[0][i] = g_rand_double_range (rand, -1.5, 1.5);
  for (guint k = 0; k < sizes[n_sizes - 1]; k++)
    net->target[k] = g_rand_double_range (rand, 0.05, 0.95);
  net->learning_rate = 0.1;
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

/* A 2-2-1 network worked through by hand. Every number is a dyadic fraction, so the
 * engine must reproduce each one exactly, whatever the order of its sums.
 *
 *   x = (1, 2)   W1 = [[0.5, -0.25], [0.25, 0.5]]   b1 = (0.5, -1)   hidden: ReLU
 *   z1 = (0.5 - 0.5 + 0.5, 0.25 + 1 - 1) = (0.5, 0.25)   a1 = (0.5, 0.25)
 *   W2 = [[2, -4]]   b2 = 0.25   output: linear
 *   z2 = 2·0.5 - 4·0.25 + 0.25 = 0.25 = y      target t = 1
 *   L = ½ (y - t)² = ½ · 0.5625 = 0.28125
 * Backward:
 *   dL/dy = y - t = -0.75,  dy/dz2 = 1  →  δ2 = -0.75
 *   dL/dW2 = δ2 · a1 = (-0.375, -0.1875),  dL/db2 = -0.75
 *   dL/da1 = W2ᵀ δ2 = (-1.5, 3),  ReLU' = (1, 1)  →  δ1 = (-1.5, 3)
 *   dL/dW1 = δ1 ⊗ x = [[-1.5, -3], [3, 6]],  dL/db1 = (-1.5, 3)
 *   dL/dx = W1ᵀ δ1 = (-0.75 + 0.75, 0.375 + 1.5) = (0, 1.875)
 * One step with η = 1/32:
 *   W2 = (2 + 0.375/32, -4 + 0.1875/32) = (2.01171875, -3.994140625),  b2 = 0.2734375
 *   W1 = [[0.546875, -0.15625], [0.15625, 0.3125]],  b1 = (0.546875, -1.09375)
 *   z1 = (0.546875 - 0.3125 + 0.546875, 0.15625 + 0.625 - 1.09375) = (0.78125, -0.3125)
 *   a1 = (0.78125, 0)   — the second hidden neuron has switched off
 *   y = 2.01171875 · 0.78125 + 0.2734375 = 1.5716552734375 + 0.2734375 = 1.8450927734375
 *   L = ½ · 0.8450927734375² = 47927929 / 2^27 = 0.357090897858142852783203125, exact in binary
 */
static void
test_hand_example (void)
{
  const guint sizes[] = { 2, 2, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_LINEAR };
  const double w1[] = { 0.5, -0.25, 0.25, 0.5 };
  g_autoptr(BpNet) net = bp_net_new (3, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  g_autoptr(GError) error = NULL;

  memcpy (net->weights[0], w1, sizeof w1);
  net->biases[0][0] = 0.5;
  net->biases[0][1] = -1.0;
  net->weights[1][0] = 2.0;
  net->weights[1][1] = -4.0;
  net->biases[1][0] = 0.25;
  net->a[0][0] = 1.0;
  net->a[0][1] = 2.0;
  net->target[0] = 1.0;
  net->learning_rate = 1.0 / 32;

  bp_net_forward (net);
  g_assert_cmpfloat (net->z[1][0], ==, 0.5);
  g_assert_cmpfloat (net->z[1][1], ==, 0.25);
  g_assert_cmpfloat (net->a[2][0], ==, 0.25);
  g_assert_cmpfloat (net->loss, ==, 0.28125);

  bp_net_backward (net);
  g_assert_cmpfloat (net->delta[2][0], ==, -0.75);
  g_assert_cmpfloat (bp_net_weight_gradient (net, 1, 0, 0), ==, -0.375);
  g_assert_cmpfloat (bp_net_weight_gradient (net, 1, 0, 1), ==, -0.1875);
  g_assert_cmpfloat (bp_net_bias_gradient (net, 1, 0), ==, -0.75);
  g_assert_cmpfloat (net->grad_a[1][0], ==, -1.5);
  g_assert_cmpfloat (net->grad_a[1][1], ==, 3.0);
  g_assert_cmpfloat (bp_net_weight_gradient (net, 0, 0, 0), ==, -1.5);
  g_assert_cmpfloat (bp_net_weight_gradient (net, 0, 0, 1), ==, -3.0);
  g_assert_cmpfloat (bp_net_weight_gradient (net, 0, 1, 0), ==, 3.0);
  g_assert_cmpfloat (bp_net_weight_gradient (net, 0, 1, 1), ==, 6.0);
  g_assert_cmpfloat (net->grad_a[0][0], ==, 0.0);
  g_assert_cmpfloat (net->grad_a[0][1], ==, 1.875);

  g_assert_true (bp_net_step (net, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (*bp_net_weight (net, 1, 0, 0), ==, 2.01171875);
  g_assert_cmpfloat (*bp_net_weight (net, 1, 0, 1), ==, -3.994140625);
  g_assert_cmpfloat (net->biases[1][0], ==, 0.2734375);
  g_assert_cmpfloat (*bp_net_weight (net, 0, 0, 0), ==, 0.546875);
  g_assert_cmpfloat (*bp_net_weight (net, 0, 0, 1), ==, -0.15625);
  g_assert_cmpfloat (*bp_net_weight (net, 0, 1, 0), ==, 0.15625);
  g_assert_cmpfloat (*bp_net_weight (net, 0, 1, 1), ==, 0.3125);
  g_assert_cmpfloat (net->biases[0][0], ==, 0.546875);
  g_assert_cmpfloat (net->biases[0][1], ==, -1.09375);
  g_assert_cmpfloat (net->z[1][0], ==, 0.78125);
  g_assert_cmpfloat (net->z[1][1], ==, -0.3125);
  g_assert_cmpfloat (net->a[1][1], ==, 0.0);
  g_assert_cmpfloat (net->a[2][0], ==, 1.8450927734375);
  g_assert_cmpfloat (net->loss, ==, 0.5 * (0.8450927734375 * 0.8450927734375));
  g_assert_cmpfloat (net->loss, ==, 47927929.0 / 134217728.0);
  /* The step also computed the new gradients: the dead neuron's are zero. */
  g_assert_cmpfloat (bp_net_weight_gradient (net, 0, 1, 0), ==, 0.0);
  g_assert_cmpfloat (net->delta[2][0], ==, 0.8450927734375);
}

typedef struct {
  guint n_sizes;
  guint sizes[10];
} Shape;

static const Shape shapes[] = {
  { 3, { 2, 3, 1 } },
  { 2, { 3, 2 } },
  { 4, { 3, 5, 4, 2 } },
  { 4, { 1, 1, 1, 1 } },
  { 10, { 4, 6, 6, 6, 6, 6, 6, 6, 6, 3 } },  /* deep */
  { 3, { 24, 96, 5 } },                      /* wide */
  { 5, { 2, 7, 1, 7, 2 } },                  /* a bottleneck */
};

static void
check_gradients_for (const Shape *shape,
                     BpActivation hidden,
                     BpActivation output,
                     BpLoss       loss,
                     guint32      seed)
{
  BpActivation acts[BP_MAX_LAYERS];
  g_autoptr(BpNet) net = NULL;
  double error;

  for (guint l = 0; l + 1 < shape->n_sizes; l++)
    acts[l] = l + 2 == shape->n_sizes ? output : hidden;
  net = make_net (shape->n_sizes, shape->sizes, acts, loss, seed);
  error = bp_net_gradient_check (net);
  if (error > 1e-6)
    g_test_message ("shape %u layers, %s/%s, %s: relative error %g", shape->n_sizes,
                    bp_activation_to_string (hidden), bp_activation_to_string (output),
                    bp_loss_to_string (loss), error);
  g_assert_cmpfloat (error, <=, 1e-6);
}

/* Every activation in the hidden layers and at the output, under both losses. */
static void
test_gradient_check (void)
{
  guint32 seed = 1;

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (BpActivation h = 0; h < BP_N_ACTIVATIONS; h++)
      {
        for (BpActivation o = 0; o < BP_N_ACTIVATIONS; o++)
          check_gradients_for (&shapes[s], h, o, BP_LOSS_SQUARED_ERROR, seed++);
        check_gradients_for (&shapes[s], h, BP_ACTIVATION_SIGMOID, BP_LOSS_CROSS_ENTROPY,
                             seed++);
      }
}

/* The gradient check must be able to fail. At a ReLU's kink backprop takes the left slope, 0,
 * while a central difference sees the average of both sides: it must report that. */
static void
test_gradient_check_fails (void)
{
  const guint sizes[] = { 1, 1, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_LINEAR };
  g_autoptr(BpNet) net = bp_net_new (3, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);

  net->weights[0][0] = 1.0;
  net->weights[1][0] = 1.0;
  net->a[0][0] = 0.0;
  net->target[0] = 1.0;
  g_assert_cmpfloat (bp_net_gradient_check (net), >, 0.1);

  net->a[0][0] = 0.5;
  g_assert_cmpfloat (bp_net_gradient_check (net), <, 1e-8);

  /* Gradients that are not numbers are the worst error, not none at all. */
  net->weights[1][0] = 1e308;
  net->weights[0][0] = 1e308;
  g_assert_true (isnan (bp_net_gradient_check (net)));
}

static BpNet *
default_like (guint32 seed)
{
  const guint sizes[] = { 2, 3, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };

  return make_net (3, sizes, acts, BP_LOSS_SQUARED_ERROR, seed);
}

/* A fused step must equal the plain recipe: update with the held gradients, then a fresh
 * forward and backward pass. */
static void
test_step_equals_recipe (void)
{
  const guint sizes[] = { 5, 9, 7, 3 };
  const BpActivation acts[] = { BP_ACTIVATION_LEAKY_RELU, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) net = make_net (4, sizes, acts, BP_LOSS_CROSS_ENTROPY, 3);
  g_autoptr(BpNet) plain = bp_net_copy (net);

  for (guint s = 0; s < 25; s++)
    {
      g_assert_true (bp_net_step (net, NULL));

      for (guint l = 0; l < plain->n_layers; l++)
        for (guint j = 0; j < sizes[l + 1]; j++)
          {
            for (guint i = 0; i < sizes[l]; i++)
              bp_net_set_weight (plain, l, j, i,
                                 *bp_net_weight (plain, l, j, i)
                                 - plain->learning_rate * bp_net_weight_gradient (plain, l, j, i));
            plain->biases[l][j] -= plain->learning_rate * bp_net_bias_gradient (plain, l, j);
          }
      bp_net_forward (plain);
      bp_net_backward (plain);

      g_assert_cmpmem (net->weights[0], sizeof (double) * 45, plain->weights[0],
                       sizeof (double) * 45);
      g_assert_cmpmem (net->weights[2], sizeof (double) * 21, plain->weights[2],
                       sizeof (double) * 21);
      g_assert_cmpmem (net->biases[1], sizeof (double) * 7, plain->biases[1],
                       sizeof (double) * 7);
      g_assert_cmpfloat (net->loss, ==, plain->loss);
      for (guint l = 0; l <= 3; l++)
        {
          g_assert_cmpmem (net->a[l], sizes[l] * sizeof (double), plain->a[l],
                           sizes[l] * sizeof (double));
          g_assert_cmpmem (net->grad_a[l], sizes[l] * sizeof (double), plain->grad_a[l],
                           sizes[l] * sizeof (double));
        }
    }
}

static void
test_training_lowers_loss (void)
{
  g_autoptr(BpNet) net = default_like (11);
  double first = net->loss;

  net->learning_rate = 0.5;
  for (guint s = 0; s < 200; s++)
    g_assert_true (bp_net_step (net, NULL));
  g_assert_cmpfloat (net->loss, <, first * 0.01);
}

static void
test_determinism (void)
{
  const guint sizes[] = { 3, 16, 16, 2 };
  const BpActivation acts[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) a = bp_net_new (4, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  g_autoptr(BpNet) b = bp_net_new (4, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  g_autoptr(BpNet) c = bp_net_new (4, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  double limit_relu = sqrt (6.0 / 3), limit_tanh = sqrt (6.0 / 32);
  double biggest = 0.0;

  bp_net_init_seeded (a, 42);
  bp_net_init_seeded (b, 42);
  bp_net_init_seeded (c, 43);
  for (guint l = 0; l < 3; l++)
    g_assert_cmpmem (a->weights[l], sizes[l] * sizes[l + 1] * sizeof (double),
                     b->weights[l], sizes[l] * sizes[l + 1] * sizeof (double));
  g_assert_true (memcmp (a->weights[0], c->weights[0], 48 * sizeof (double)) != 0);

  /* GRand is MT19937 on every machine: the first weight of seed 42 is always this. */
  g_assert_cmpfloat (a->weights[0][0], ==, b->weights[0][0]);
  for (guint k = 0; k < 48; k++)
    {
      g_assert_cmpfloat (fabs (a->weights[0][k]), <=, limit_relu);
      biggest = fmax (biggest, fabs (a->weights[0][k]));
    }
  /* He's range is wider than Glorot's and the draws use it. */
  g_assert_cmpfloat (biggest, >, limit_tanh);
  for (guint k = 0; k < 256; k++)
    g_assert_cmpfloat (fabs (a->weights[1][k]), <=, limit_tanh);
  for (guint j = 0; j < 16; j++)
    g_assert_cmpfloat (a->biases[0][j], ==, 0.0);
}

static gboolean
all_params_equal (const BpNet *a,
                  const BpNet *b)
{
  for (guint l = 0; l < a->n_layers; l++)
    if (memcmp (a->weights[l], b->weights[l],
                (gsize) a->sizes[l] * a->sizes[l + 1] * sizeof (double)) != 0 ||
        memcmp (a->biases[l], b->biases[l], a->sizes[l + 1] * sizeof (double)) != 0)
      return FALSE;
  return TRUE;
}

/* η = 100 on a ReLU network with large inputs blows up within a few steps. */
static void
test_divergence (void)
{
  const guint sizes[] = { 2, 8, 8, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_RELU,
                                BP_ACTIVATION_LINEAR };
  g_autoptr(BpNet) net = make_net (4, sizes, acts, BP_LOSS_SQUARED_ERROR, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNet) before = NULL;
  guint steps = 0;

  net->learning_rate = 100.0;
  net->a[0][0] = 1000.0;
  net->a[0][1] = 1000.0;
  net->target[0] = 1.0;
  bp_net_forward (net);
  bp_net_backward (net);

  while (steps < 1000)
    {
      g_clear_pointer (&before, bp_net_free);
      before = bp_net_copy (net);
      if (!bp_net_step (net, &error))
        break;
      steps++;
    }
  g_assert_cmpuint (steps, <, 1000);
  g_assert_error (error, BP_ERROR, BP_ERROR_DIVERGED);
  g_assert_nonnull (strstr (error->message, "smaller learning rate"));
  /* Nothing of the refused step was applied, and every number is still finite. */
  g_assert_true (all_params_equal (net, before));
  g_assert_cmpfloat (net->loss, ==, before->loss);
  g_assert_true (isfinite (net->loss));
  for (guint l = 0; l < 3; l++)
    for (guint k = 0; k < sizes[l] * sizes[l + 1]; k++)
      g_assert_true (isfinite (net->weights[l][k]));

  /* A sensible learning rate gets it going again from where it stopped, if the gradients
   * are finite; otherwise refusing again is right. */
  g_clear_error (&error);
  net->learning_rate = 1e-12;
  if (bp_net_gradients_finite (net))
    g_assert_true (bp_net_step (net, &error));
}

static void
test_limits (void)
{
  const guint too_deep[18] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  const guint too_wide[] = { 4097, 1 };
  const guint too_many[] = { 4096, 4096, 2 };
  const guint zero[] = { 2, 0, 1 };
  const guint widest[] = { 4096, 4095 };
  BpActivation acts[BP_MAX_LAYERS + 1] = { 0 };
  g_autoptr(GError) error = NULL;
  BpNet *net;

  net = bp_net_new (18, too_deep, acts, BP_LOSS_SQUARED_ERROR, &error);
  g_assert_null (net);
  g_assert_error (error, BP_ERROR, BP_ERROR_SHAPE);
  g_clear_error (&error);
  g_assert_false (bp_net_check_shape (1, too_deep, &error));
  g_clear_error (&error);
  g_assert_true (bp_net_check_shape (17, too_deep, NULL));
  g_assert_false (bp_net_check_shape (2, too_wide, &error));
  g_assert_nonnull (strstr (error->message, "4097"));
  g_clear_error (&error);
  g_assert_false (bp_net_check_shape (3, too_many, &error));
  g_assert_nonnull (strstr (error->message, "parameters"));
  g_clear_error (&error);
  g_assert_false (bp_net_check_shape (3, zero, &error));
  g_clear_error (&error);
  /* 4096 · 4095 + 4095 = 16 777 215 parameters is just within 2^24. */
  g_assert_true (bp_net_check_shape (2, widest, NULL));

  acts[0] = BP_ACTIVATION_TANH;
  acts[1] = BP_ACTIVATION_LINEAR;
  g_assert_null (bp_net_new (3, (guint[]) { 2, 3, 1 }, acts, BP_LOSS_CROSS_ENTROPY, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "sigmoid"));
  g_clear_error (&error);
  g_assert_false (bp_net_check_learning_rate (0.0, NULL));
  g_assert_false (bp_net_check_learning_rate (100.5, NULL));
  g_assert_false (bp_net_check_learning_rate (NAN, NULL));
  g_assert_true (bp_net_check_learning_rate (100.0, NULL));
}

/* Cross-entropy stays finite where the sigmoid has saturated to exactly 1. */
static void
test_cross_entropy_stable (void)
{
  const guint sizes[] = { 1, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) net = bp_net_new (2, sizes, acts, BP_LOSS_CROSS_ENTROPY, NULL);

  net->weights[0][0] = 1.0;
  net->a[0][0] = 800.0;
  net->target[0] = 0.0;
  bp_net_forward (net);
  bp_net_backward (net);
  g_assert_cmpfloat (net->a[1][0], ==, 1.0);
  g_assert_cmpfloat (net->loss, ==, 800.0);
  g_assert_cmpfloat (net->delta[1][0], ==, 1.0);
  g_assert_cmpfloat (bp_net_weight_gradient (net, 0, 0, 0), ==, 800.0);
}

/* A mini-batch step applies the mean of the samples' gradients. */
static void
test_batch_step (void)
{
  const guint sizes[] = { 2, 4, 2 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  const double inputs[] = { 0.5, -1.0, 1.0, 1.0, -0.25, 0.75 };
  const double targets[] = { 0.1, 0.9, 0.7, 0.3, 0.5, 0.5 };
  g_autoptr(BpNet) net = make_net (3, sizes, acts, BP_LOSS_SQUARED_ERROR, 9);
  g_autoptr(BpNet) one = bp_net_copy (net);
  double expected[8 + 4] = { 0 };
  double expected_loss = 0.0, mean_loss;

  for (guint s = 0; s < 3; s++)
    {
      memcpy (one->a[0], inputs + 2 * s, 2 * sizeof (double));
      memcpy (one->target, targets + 2 * s, 2 * sizeof (double));
      bp_net_forward (one);
      bp_net_backward (one);
      expected_loss += one->loss / 3;
      for (guint j = 0; j < 4; j++)
        {
          for (guint i = 0; i < 2; i++)
            expected[j * 2 + i] += bp_net_weight_gradient (one, 0, j, i) / 3;
          expected[8 + j] += bp_net_bias_gradient (one, 0, j) / 3;
        }
    }

  g_assert_true (bp_net_batch_step (net, inputs, targets, 3, &mean_loss, NULL));
  g_assert_cmpfloat_with_epsilon (mean_loss, expected_loss, 1e-15);
  for (guint k = 0; k < 8; k++)
    g_assert_cmpfloat_with_epsilon (net->weights[0][k],
                                    one->weights[0][k] - 0.1 * expected[k], 1e-15);
  for (guint j = 0; j < 4; j++)
    g_assert_cmpfloat_with_epsilon (net->biases[0][j],
                                    one->biases[0][j] - 0.1 * expected[8 + j], 1e-15);
  /* Afterwards the network holds the values and gradients of its own sample. */
  {
    g_autoptr(BpNet) check = bp_net_copy (net);

    bp_net_forward (check);
    bp_net_backward (check);
    g_assert_cmpfloat (check->loss, ==, net->loss);
    g_assert_cmpmem (check->delta[1], 4 * sizeof (double), net->delta[1], 4 * sizeof (double));
  }
}

/* FNV-1a over the bytes of every weight and bias, in order, each double taken as its 64 bits
 * in little-endian order so the hash means the same on every machine. */
static guint64
params_hash (const BpNet *net,
             guint64      hash)
{
  for (guint l = 0; l < net->n_layers; l++)
    {
      gsize n_w = (gsize) net->sizes[l] * net->sizes[l + 1];
      const double *lists[2] = { net->weights[l], net->biases[l] };
      gsize counts[2] = { n_w, net->sizes[l + 1] };

      for (guint k = 0; k < 2; k++)
        for (gsize i = 0; i < counts[k]; i++)
          {
            guint64 bits;

            memcpy (&bits, &lists[k][i], sizeof bits);
            for (guint b = 0; b < 8; b++)
              {
                hash ^= (bits >> (8 * b)) & 0xff;
                hash *= G_GUINT64_CONSTANT (0x100000001b3);
              }
          }
    }
  return hash;
}

/* The same seeded networks trained the same way must end on the same bits, recorded once:
 * every activation, both losses, single steps and mini-batch steps. A change to the engine
 * that moves any weight by one unit in the last place fails here. */
static void
test_golden_bits (void)
{
  const guint sizes_a[] = { 3, 7, 5, 2 };
  const BpActivation acts_a[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_LEAKY_RELU,
                                  BP_ACTIVATION_SIGMOID };
  const guint sizes_b[] = { 2, 6, 4, 1 };
  const BpActivation acts_b[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_SIGMOID,
                                  BP_ACTIVATION_LINEAR };
  const double inputs[] = { 0.5, -1.0, 1.0, 1.0, -0.25, 0.75, 0.0, 2.0 };
  const double targets[] = { 0.2, 0.9, -0.3, 0.6 };
  g_autoptr(BpNet) a = bp_net_new (4, sizes_a, acts_a, BP_LOSS_CROSS_ENTROPY, NULL);
  g_autoptr(BpNet) b = bp_net_new (4, sizes_b, acts_b, BP_LOSS_SQUARED_ERROR, NULL);
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  double loss_bits[2];
  g_autofree char *hex = NULL;

  bp_net_init_seeded (a, 2024);
  bp_net_init_seeded (b, 7);
  g_assert_true (bp_net_set_learning_rate (a, 0.5, NULL));
  g_assert_true (bp_net_set_learning_rate (b, 0.05, NULL));
  for (guint s = 0; s < 200; s++)
    {
      double x[3] = { (s * 37 % 17) / 8.0 - 1.0, (s * 11 % 13) / 6.0 - 1.0,
                      (s % 5) * 0.25 - 0.5 };
      double t[2] = { (s % 3) == 0 ? 1.0 : 0.0, (s % 2) * 0.75 + 0.125 };

      bp_net_set_input (a, x);
      g_assert_true (bp_net_set_target (a, t, NULL));
      bp_net_forward (a);
      bp_net_backward (a);
      g_assert_true (bp_net_step (a, NULL));
    }
  for (guint s = 0; s < 200; s++)
    g_assert_true (bp_net_batch_step (b, inputs, targets, 4, &loss_bits[1], NULL));
  loss_bits[0] = a->loss;

  hash = params_hash (a, hash);
  hash = params_hash (b, hash);
  hex = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", hash);
  g_test_message ("losses %.17g %.17g", loss_bits[0], loss_bits[1]);
  /* Recorded on the engine as it was before it was split into files. */
  g_assert_cmpstr (hex, ==, "d6e444d26c31f2b7");
  g_assert_cmpfloat (bp_net_gradient_check (a), <, 1e-6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/core/hand-example", test_hand_example);
  g_test_add_func ("/bp/core/gradient-check", test_gradient_check);
  g_test_add_func ("/bp/core/gradient-check-fails", test_gradient_check_fails);
  g_test_add_func ("/bp/core/step-equals-recipe", test_step_equals_recipe);
  g_test_add_func ("/bp/core/training-lowers-loss", test_training_lowers_loss);
  g_test_add_func ("/bp/core/determinism", test_determinism);
  g_test_add_func ("/bp/core/divergence", test_divergence);
  g_test_add_func ("/bp/core/limits", test_limits);
  g_test_add_func ("/bp/core/cross-entropy-stable", test_cross_entropy_stable);
  g_test_add_func ("/bp/core/batch-step", test_batch_step);
  g_test_add_func ("/bp/core/golden-bits", test_golden_bits);

  return g_test_run ();
}
