/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-reshape.c: the engine's architecture edits: what they keep, what they draw, their
 * limits. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bp-reshape.h"

#define SEED 20261207u

/* A network with random weights, biases, input and target, its passes run. */
static BpNet *
make_net (guint               n_sizes,
          const guint        *sizes,
          const BpActivation *activations,
          guint32             seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0xabcd);
  BpNet *net;

  net = bp_net_new (n_sizes, sizes, activations, BP_LOSS_SQUARED_ERROR, &error);
  g_assert_no_error (error);
  bp_net_init_seeded (net, seed);
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < sizes[l + 1]; j++)
      net->biases[l][j] = g_rand_double_range (rand, -0.5, 0.5);
  for (guint i = 0; i < sizes[0]; i++)
    net->a[0][i] = g_rand_double_range (rand, -1.5, 1.5);
  for (guint k = 0; k < sizes[n_sizes - 1]; k++)
    net->target[k] = g_rand_double_range (rand, 0.05, 0.95);
  net->learning_rate = 0.125;
  g_assert_true (bp_net_set_regularization (net, BP_REGULARIZATION_L2, 0.03, NULL));
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

/* 2-3-4-1: tanh, ReLU, sigmoid. */
static BpNet *
make_2341 (void)
{
  static const guint sizes[] = { 2, 3, 4, 1 };
  static const BpActivation acts[] = {
    BP_ACTIVATION_TANH, BP_ACTIVATION_RELU, BP_ACTIVATION_SIGMOID
  };

  return make_net (G_N_ELEMENTS (sizes), sizes, acts, 7);
}

static BpNet *
reshape_ok (const BpNet *net,
            BpReshape    edit,
            guint32      seed)
{
  g_autoptr(GError) error = NULL;
  BpNet *result = bp_net_reshape (net, &edit, seed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static gboolean
same_bits (double a,
           double b)
{
  return memcmp (&a, &b, sizeof (double)) == 0;
}

static void
assert_same_bits (double a,
                  double b)
{
  if (!same_bits (a, b))
    g_error ("%.17g and %.17g differ", a, b);
}

/* Weight layer @m of @net equals weight layer @o of @old, bit for bit. */
static void
assert_layer_kept (const BpNet *net,
                   guint        m,
                   const BpNet *old,
                   guint        o)
{
  g_assert_cmpuint (net->sizes[m], ==, old->sizes[o]);
  g_assert_cmpuint (net->sizes[m + 1], ==, old->sizes[o + 1]);
  g_assert_cmpmem (net->weights[m], net->sizes[m] * net->sizes[m + 1] * sizeof (double),
                   old->weights[o], old->sizes[o] * old->sizes[o + 1] * sizeof (double));
  g_assert_cmpmem (net->biases[m], net->sizes[m + 1] * sizeof (double),
                   old->biases[o], old->sizes[o + 1] * sizeof (double));
}

/* Every weight of layer @m lies within the limit of bp_net_init_seeded(); returns the
 * largest magnitude. */
static double
assert_fresh_layer (const BpNet *net,
                    guint        m)
{
  gboolean he = net->activations[m] == BP_ACTIVATION_RELU
                || net->activations[m] == BP_ACTIVATION_LEAKY_RELU;
  double limit = he ? sqrt (6.0 / net->sizes[m])
                    : sqrt (6.0 / (net->sizes[m] + net->sizes[m + 1]));
  double largest = 0.0;

  for (guint k = 0; k < net->sizes[m] * net->sizes[m + 1]; k++)
    {
      g_assert_cmpfloat (fabs (net->weights[m][k]), <=, limit);
      g_assert_cmpfloat (net->weights[m][k], !=, 0.0);
      largest = MAX (largest, fabs (net->weights[m][k]));
    }
  return largest;
}

static void
assert_same_sample (const BpNet *net,
                    const BpNet *old)
{
  g_assert_cmpmem (net->a[0], net->sizes[0] * sizeof (double),
                   old->a[0], old->sizes[0] * sizeof (double));
  g_assert_cmpmem (net->target, net->sizes[net->n_layers] * sizeof (double),
                   old->target, old->sizes[old->n_layers] * sizeof (double));
  assert_same_bits (net->learning_rate, old->learning_rate);
  g_assert_cmpint (net->loss_kind, ==, old->loss_kind);
  /* An edit of the shape keeps how the network trains: its regularisation too. */
  g_assert_cmpint (net->regularization, ==, old->regularization);
  assert_same_bits (net->regularization_rate, old->regularization_rate);
}

static void
test_add_layer (void)
{
  g_autoptr(BpNet) old = make_2341 ();
  g_autoptr(BpNet) net = reshape_ok (old, (BpReshape) { BP_RESHAPE_ADD_LAYER, 2, 0, 5 }, SEED);
  static const guint sizes[] = { 2, 3, 5, 4, 1 };

  g_assert_cmpuint (net->n_layers, ==, 4);
  g_assert_cmpmem (net->sizes, sizeof sizes, sizes, sizeof sizes);
  /* The layer below the new one is tanh: the new one takes it. */
  g_assert_cmpint (net->activations[0], ==, BP_ACTIVATION_TANH);
  g_assert_cmpint (net->activations[1], ==, BP_ACTIVATION_TANH);
  g_assert_cmpint (net->activations[2], ==, BP_ACTIVATION_RELU);
  g_assert_cmpint (net->activations[3], ==, BP_ACTIVATION_SIGMOID);
  assert_layer_kept (net, 0, old, 0);
  assert_layer_kept (net, 3, old, 2);
  assert_fresh_layer (net, 1);
  assert_fresh_layer (net, 2);
  /* The new layer's biases are 0; the neurons above it keep theirs. */
  for (guint j = 0; j < 5; j++)
    g_assert_cmpfloat (net->biases[1][j], ==, 0.0);
  g_assert_cmpmem (net->biases[2], 4 * sizeof (double), old->biases[1], 4 * sizeof (double));
  assert_same_sample (net, old);
}

static void
test_add_layer_ends (void)
{
  g_autoptr(BpNet) old = make_2341 ();
  g_autoptr(BpNet) first = reshape_ok (old, (BpReshape) { BP_RESHAPE_ADD_LAYER, 1, 0, 2 }, SEED);
  g_autoptr(BpNet) last = reshape_ok (old, (BpReshape) { BP_RESHAPE_ADD_LAYER, 3, 0, 2 }, SEED);
  static const guint one_sizes[] = { 3, 1 };
  static const BpActivation one_acts[] = { BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) single = make_net (2, one_sizes, one_acts, 3);
  g_autoptr(BpNet) grown = NULL;

  /* Right after the input: no hidden layer below, so it takes the one above (tanh). */
  g_assert_cmpint (first->activations[0], ==, BP_ACTIVATION_TANH);
  assert_layer_kept (first, 2, old, 1);
  assert_layer_kept (first, 3, old, 2);
  /* Right below the output: it takes the ReLU below it, so its weights are He's. */
  g_assert_cmpint (last->activations[2], ==, BP_ACTIVATION_RELU);
  g_assert_cmpint (last->activations[3], ==, BP_ACTIVATION_SIGMOID);
  assert_layer_kept (last, 0, old, 0);
  assert_layer_kept (last, 1, old, 1);
  /* With no hidden layer at all: tanh, and the output's weights are new. */
  grown = reshape_ok (single, (BpReshape) { BP_RESHAPE_ADD_LAYER, 1, 0, 4 }, SEED);
  g_assert_cmpuint (grown->n_layers, ==, 2);
  g_assert_cmpint (grown->activations[0], ==, BP_ACTIVATION_TANH);
  g_assert_cmpint (grown->activations[1], ==, BP_ACTIVATION_SIGMOID);
  assert_fresh_layer (grown, 0);
  assert_fresh_layer (grown, 1);
  assert_same_bits (grown->biases[1][0], single->biases[0][0]);
}

/* He's limit, √(6/fan_in), is wider than Glorot's: a ReLU layer of 16 × 16 draws beyond
 * Glorot's √(6/32) = 0.433, a tanh one never does. */
static void
test_rule (void)
{
  static const guint sizes[] = { 16, 16, 1 };
  static const BpActivation relu[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_LINEAR };
  static const BpActivation tanh_acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_LINEAR };
  g_autoptr(BpNet) r = make_net (3, sizes, relu, 1);
  g_autoptr(BpNet) t = make_net (3, sizes, tanh_acts, 1);
  g_autoptr(BpNet) r2 = reshape_ok (r, (BpReshape) { BP_RESHAPE_ADD_LAYER, 2, 0, 16 }, SEED);
  g_autoptr(BpNet) t2 = reshape_ok (t, (BpReshape) { BP_RESHAPE_ADD_LAYER, 2, 0, 16 }, SEED);

  g_assert_cmpint (r2->activations[1], ==, BP_ACTIVATION_RELU);
  g_assert_cmpfloat (assert_fresh_layer (r2, 1), >, sqrt (6.0 / 32.0));
  g_assert_cmpfloat (assert_fresh_layer (t2, 1), <=, sqrt (6.0 / 32.0));
}

static void
test_remove_layer (void)
{
  g_autoptr(BpNet) old = make_2341 ();
  g_autoptr(BpNet) net = reshape_ok (old, (BpReshape) { BP_RESHAPE_REMOVE_LAYER, 1, 0, 0 }, SEED);
  g_autoptr(BpNet) top = reshape_ok (old, (BpReshape) { BP_RESHAPE_REMOVE_LAYER, 2, 0, 0 }, SEED);
  static const guint sizes[] = { 2, 4, 1 };

  g_assert_cmpuint (net->n_layers, ==, 2);
  g_assert_cmpmem (net->sizes, sizeof sizes, sizes, sizeof sizes);
  g_assert_cmpint (net->activations[0], ==, BP_ACTIVATION_RELU);
  assert_fresh_layer (net, 0);
  /* The neurons above the removed layer keep their biases. */
  g_assert_cmpmem (net->biases[0], 4 * sizeof (double), old->biases[1], 4 * sizeof (double));
  assert_layer_kept (net, 1, old, 2);
  assert_same_sample (net, old);

  g_assert_cmpint (top->activations[0], ==, BP_ACTIVATION_TANH);
  assert_layer_kept (top, 0, old, 0);
  assert_fresh_layer (top, 1);
  assert_same_bits (top->biases[1][0], old->biases[2][0]);
}

static void
test_add_neuron (void)
{
  g_autoptr(BpNet) old = make_2341 ();

  for (guint at = 0; at <= 4; at++)
    {
      g_autoptr(BpNet) net = reshape_ok (old, (BpReshape) { BP_RESHAPE_ADD_NEURON, 2, at, 0 },
                                         SEED);

      g_assert_cmpuint (net->sizes[2], ==, 5);
      assert_layer_kept (net, 0, old, 0);
      for (guint j = 0; j < 5; j++)
        {
          for (guint i = 0; i < 3; i++)
            if (j != at)
              assert_same_bits (*bp_net_weight (net, 1, j, i),
                                *bp_net_weight (old, 1, j < at ? j : j - 1, i));
            else
              g_assert_cmpfloat (*bp_net_weight (net, 1, j, i), !=, 0.0);
          if (j != at)
            {
              assert_same_bits (net->biases[1][j], old->biases[1][j < at ? j : j - 1]);
              assert_same_bits (*bp_net_weight (net, 2, 0, j),
                                *bp_net_weight (old, 2, 0, j < at ? j : j - 1));
            }
        }
      g_assert_cmpfloat (net->biases[1][at], ==, 0.0);
      /* The new neuron's outgoing weight is a draw by the sigmoid output's rule. */
      g_assert_cmpfloat (fabs (*bp_net_weight (net, 2, 0, at)), <=, sqrt (6.0 / 6.0));
      g_assert_cmpfloat (*bp_net_weight (net, 2, 0, at), !=, 0.0);
      assert_same_bits (net->biases[2][0], old->biases[2][0]);
    }
}

static void
test_remove_neuron (void)
{
  g_autoptr(BpNet) old = make_2341 ();

  for (guint at = 0; at < 3; at++)
    {
      g_autoptr(BpNet) net = reshape_ok (old,
                                         (BpReshape) { BP_RESHAPE_REMOVE_NEURON, 1, at, 0 },
                                         SEED);

      g_assert_cmpuint (net->sizes[1], ==, 2);
      for (guint j = 0; j < 2; j++)
        {
          guint o = j < at ? j : j + 1;

          for (guint i = 0; i < 2; i++)
            assert_same_bits (*bp_net_weight (net, 0, j, i), *bp_net_weight (old, 0, o, i));
          assert_same_bits (net->biases[0][j], old->biases[0][o]);
          for (guint k = 0; k < 4; k++)
            assert_same_bits (*bp_net_weight (net, 1, k, j), *bp_net_weight (old, 1, k, o));
        }
      g_assert_cmpmem (net->biases[1], 4 * sizeof (double), old->biases[1], 4 * sizeof (double));
      assert_layer_kept (net, 2, old, 2);
    }
}

/* Adding a neuron then removing it gives back the network, bit for bit. */
static void
test_neuron_round_trip (void)
{
  g_autoptr(BpNet) old = make_2341 ();
  g_autoptr(BpNet) grown = reshape_ok (old, (BpReshape) { BP_RESHAPE_ADD_NEURON, 2, 1, 0 }, 5);
  g_autoptr(BpNet) back = reshape_ok (grown, (BpReshape) { BP_RESHAPE_REMOVE_NEURON, 2, 1, 0 }, 5);

  g_assert_true (bp_net_same_shape (back, old));
  for (guint l = 0; l < old->n_layers; l++)
    assert_layer_kept (back, l, old, l);
  assert_same_sample (back, old);
}

static gboolean
nets_identical (const BpNet *a,
                const BpNet *b)
{
  if (!bp_net_same_shape (a, b))
    return FALSE;
  for (guint l = 0; l < a->n_layers; l++)
    if (memcmp (a->weights[l], b->weights[l],
                a->sizes[l] * a->sizes[l + 1] * sizeof (double)) != 0
        || memcmp (a->biases[l], b->biases[l], a->sizes[l + 1] * sizeof (double)) != 0)
      return FALSE;
  return TRUE;
}

/* The same edit of the same network with the same seed draws the same weights; another
 * seed, or the same edit elsewhere, draws others. */
static void
test_reproducible (void)
{
  g_autoptr(BpNet) old = make_2341 ();
  BpReshape edits[] = {
    { BP_RESHAPE_ADD_LAYER, 2, 0, 3 },
    { BP_RESHAPE_REMOVE_LAYER, 1, 0, 0 },
    { BP_RESHAPE_ADD_NEURON, 1, 3, 0 },
  };

  for (guint e = 0; e < G_N_ELEMENTS (edits); e++)
    {
      g_autoptr(BpNet) a = reshape_ok (old, edits[e], SEED);
      g_autoptr(BpNet) b = reshape_ok (old, edits[e], SEED);
      g_autoptr(BpNet) c = reshape_ok (old, edits[e], SEED + 1);

      g_assert_true (nets_identical (a, b));
      g_assert_false (nets_identical (a, c));
    }
  {
    g_autoptr(BpNet) at_end = reshape_ok (old, (BpReshape) { BP_RESHAPE_ADD_NEURON, 1, 3, 0 },
                                          SEED);
    g_autoptr(BpNet) at_start = reshape_ok (old,
                                            (BpReshape) { BP_RESHAPE_ADD_NEURON, 1, 0, 0 },
                                            SEED);

    g_assert_false (same_bits (*bp_net_weight (at_end, 0, 3, 0),
                               *bp_net_weight (at_start, 0, 0, 0)));
  }
}

static void
assert_refused (const BpNet *net,
                BpReshape    edit,
                const char  *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (bp_net_check_reshape (net, &edit, NULL));
  g_assert_null (bp_net_reshape (net, &edit, SEED, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_SHAPE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_limits (void)
{
  static const guint six[] = { 2, 16, 1, 1, 1, 1, 1, 1 };
  static const guint none[] = { 2, 1 };
  static const guint wide[] = { 2, 20, 1 };
  BpActivation acts[BP_MAX_LAYERS];
  g_autoptr(BpNet) deep = NULL;
  g_autoptr(BpNet) flat = NULL;
  g_autoptr(BpNet) loaded = NULL;

  for (guint l = 0; l < BP_MAX_LAYERS; l++)
    acts[l] = BP_ACTIVATION_TANH;
  deep = make_net (G_N_ELEMENTS (six), six, acts, 1);
  flat = make_net (G_N_ELEMENTS (none), none, acts, 1);
  loaded = make_net (G_N_ELEMENTS (wide), wide, acts, 1);

  g_assert_cmpuint (bp_net_n_hidden_layers (deep), ==, 6);
  assert_refused (deep, (BpReshape) { BP_RESHAPE_ADD_LAYER, 3, 0, 2 },
                  "A network has at most 6 hidden layers");
  assert_refused (flat, (BpReshape) { BP_RESHAPE_ADD_LAYER, 1, 0, 17 },
                  "A hidden layer has 1 to 16 neurons, not 17");
  assert_refused (flat, (BpReshape) { BP_RESHAPE_ADD_LAYER, 1, 0, 0 },
                  "A hidden layer has 1 to 16 neurons, not 0");
  assert_refused (flat, (BpReshape) { BP_RESHAPE_REMOVE_LAYER, 1, 0, 0 },
                  "The network has no hidden layer to remove");
  assert_refused (deep, (BpReshape) { BP_RESHAPE_ADD_NEURON, 1, 16, 0 },
                  "Layer 1 is full: a hidden layer has at most 16 neurons");
  assert_refused (deep, (BpReshape) { BP_RESHAPE_REMOVE_NEURON, 4, 0, 0 },
                  "Layer 4 keeps its last neuron: a hidden layer has 1 to 16 neurons");
  /* A file may hold a wider layer: it may shrink, not grow. */
  assert_refused (loaded, (BpReshape) { BP_RESHAPE_ADD_NEURON, 1, 0, 0 },
                  "Layer 1 is full: a hidden layer has at most 16 neurons");
  {
    g_autoptr(BpNet) narrower = reshape_ok (loaded,
                                            (BpReshape) { BP_RESHAPE_REMOVE_NEURON, 1, 0, 0 },
                                            SEED);
    g_autoptr(BpNet) shallower = reshape_ok (deep,
                                             (BpReshape) { BP_RESHAPE_REMOVE_LAYER, 6, 0, 0 },
                                             SEED);
    g_autoptr(BpNet) full = reshape_ok (flat, (BpReshape) { BP_RESHAPE_ADD_LAYER, 1, 0, 16 },
                                        SEED);

    g_assert_cmpuint (narrower->sizes[1], ==, 19);
    g_assert_cmpuint (bp_net_n_hidden_layers (shallower), ==, 5);
    g_assert_cmpuint (full->sizes[1], ==, 16);
  }
}

/* The edited network trains as any other: its passes agree with a gradient check. */
static void
test_passes (void)
{
  g_autoptr(BpNet) old = make_2341 ();
  g_autoptr(BpNet) net = reshape_ok (old, (BpReshape) { BP_RESHAPE_ADD_LAYER, 3, 0, 6 }, SEED);
  g_autoptr(GError) error = NULL;

  bp_net_forward (net);
  bp_net_backward (net);
  g_assert_true (isfinite (net->loss));
  g_assert_cmpfloat (bp_net_gradient_check (net), <, 1e-6);
  g_assert_true (bp_net_step (net, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/reshape/add-layer", test_add_layer);
  g_test_add_func ("/bp/reshape/add-layer-ends", test_add_layer_ends);
  g_test_add_func ("/bp/reshape/rule", test_rule);
  g_test_add_func ("/bp/reshape/remove-layer", test_remove_layer);
  g_test_add_func ("/bp/reshape/add-neuron", test_add_neuron);
  g_test_add_func ("/bp/reshape/remove-neuron", test_remove_neuron);
  g_test_add_func ("/bp/reshape/neuron-round-trip", test_neuron_round_trip);
  g_test_add_func ("/bp/reshape/reproducible", test_reproducible);
  g_test_add_func ("/bp/reshape/limits", test_limits);
  g_test_add_func ("/bp/reshape/passes", test_passes);

  return g_test_run ();
}
