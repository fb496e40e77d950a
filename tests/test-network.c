/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-network.c: BpNetwork, its defaults, properties, and the order of its signals. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bp-network.h"
#include "bp-selection-model.h"
#include "signal-recorder.h"

/* Every weight and bias, concatenated, to compare whole networks. */
static GArray *
params_of (BpNetwork *network)
{
  const BpNet *net = bp_network_get_net (network);
  GArray *params = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint l = 0; l < net->n_layers; l++)
    {
      g_array_append_vals (params, net->weights[l],
                           (guint) net->sizes[l] * net->sizes[l + 1]);
      g_array_append_vals (params, net->biases[l], net->sizes[l + 1]);
    }
  return params;
}

static void
assert_same_params (GArray *a,
                    GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpmem (a->data, a->len * sizeof (double), b->data, b->len * sizeof (double));
}

static void
assert_all_finite (GArray *params)
{
  for (guint i = 0; i < params->len; i++)
    g_assert_true (isfinite (g_array_index (params, double, i)));
}

/* The loss of the default network computed by hand from its weights, not by the engine. */
static double
hand_loss (BpNetwork *network)
{
  double x[2] = { 0.5, -0.5 };
  double z2 = bp_network_get_bias (network, 1, 0);
  double y;

  for (guint j = 0; j < 3; j++)
    {
      double z1 = bp_network_get_bias (network, 0, j);

      for (guint i = 0; i < 2; i++)
        z1 += bp_network_get_weight (network, 0, j, i) * x[i];
      z2 += bp_network_get_weight (network, 1, 0, j) * tanh (z1);
    }
  y = 1.0 / (1.0 + exp (-z2));
  return 0.5 * (y - 0.8) * (y - 0.8);
}

static void
test_defaults (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNet) net = NULL;
  static const guint expected_sizes[] = { 2, 3, 1 };
  static const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  const guint *sizes;
  guint n_sizes;

  sizes = bp_network_get_sizes (network, &n_sizes);
  g_assert_cmpmem (sizes, n_sizes * sizeof (guint), expected_sizes, sizeof expected_sizes);
  g_assert_cmpuint (bp_network_get_n_layers (network), ==, 2);
  g_assert_cmpint (bp_network_get_activation (network, 0), ==, BP_ACTIVATION_TANH);
  g_assert_cmpint (bp_network_get_activation (network, 1), ==, BP_ACTIVATION_SIGMOID);
  g_assert_cmpint (bp_network_get_loss_kind (network), ==, BP_LOSS_SQUARED_ERROR);
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 0.5);
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 0.5);
  g_assert_cmpfloat (bp_network_get_input (network, 1), ==, -0.5);
  g_assert_cmpfloat (bp_network_get_target (network, 0), ==, 0.8);
  g_assert_cmpuint (bp_network_get_seed (network), ==, BP_NETWORK_DEFAULT_SEED);
  g_assert_true (bp_network_has_seed (network));
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 0);
  g_assert_false (bp_network_get_diverged (network));

  /* The loss is that of the seeded weights, by hand and by a separate engine network. */
  g_assert_true (isfinite (bp_network_get_loss (network)));
  g_assert_cmpfloat_with_epsilon (bp_network_get_loss (network), hand_loss (network), 1e-15);
  net = bp_net_new (3, expected_sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  bp_net_init_seeded (net, BP_NETWORK_DEFAULT_SEED);
  net->a[0][0] = 0.5;
  net->a[0][1] = -0.5;
  net->target[0] = 0.8;
  bp_net_forward (net);
  g_assert_cmpfloat (bp_network_get_loss (network), ==, net->loss);
  g_assert_cmpmem (net->weights[0], 6 * sizeof (double),
                   bp_network_get_net (network)->weights[0], 6 * sizeof (double));

  g_assert_finalize_object (g_steal_pointer (&network));
}

static void
test_properties (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(GVariant) sizes = NULL;
  g_auto(GStrv) activations = NULL;
  g_autofree char *printed = NULL;
  g_autoptr(GEnumClass) activation_class = g_type_class_ref (BP_TYPE_ACTIVATION);
  g_autoptr(GEnumClass) loss_class = g_type_class_ref (BP_TYPE_LOSS);
  double learning_rate, loss;
  guint64 step_count;
  gboolean diverged;
  guint n_layers, seed;
  BpLoss loss_kind;

  g_object_get (network, "learning-rate", &learning_rate, "step-count", &step_count,
                "loss", &loss, "diverged", &diverged, "loss-kind", &loss_kind,
                "n-layers", &n_layers, "seed", &seed, "sizes", &sizes,
                "activations", &activations, NULL);
  g_assert_cmpfloat (learning_rate, ==, 0.5);
  g_assert_cmpuint (step_count, ==, 0);
  g_assert_cmpfloat (loss, ==, bp_network_get_loss (network));
  g_assert_false (diverged);
  g_assert_cmpint (loss_kind, ==, BP_LOSS_SQUARED_ERROR);
  g_assert_cmpuint (n_layers, ==, 2);
  g_assert_cmpuint (seed, ==, BP_NETWORK_DEFAULT_SEED);
  printed = g_variant_print (sizes, FALSE);
  g_assert_cmpstr (printed, ==, "[2, 3, 1]");
  g_assert_cmpstrv (activations, ((const char *const[]) { "tanh", "sigmoid", NULL }));

  g_object_set (network, "learning-rate", 0.25, "loss-kind", BP_LOSS_CROSS_ENTROPY, NULL);
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 0.25);
  g_assert_cmpint (bp_network_get_loss_kind (network), ==, BP_LOSS_CROSS_ENTROPY);
  /* The enum nicks are the names used in files and on the command line. */
  g_assert_cmpstr (g_enum_get_value (activation_class, BP_ACTIVATION_LEAKY_RELU)->value_nick,
                   ==, "leaky-relu");
  g_assert_cmpstr (g_enum_get_value (loss_class, BP_LOSS_CROSS_ENTROPY)->value_nick,
                   ==, "cross-entropy");

  g_assert_finalize_object (g_steal_pointer (&network));
}

static void
test_signals_step (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (network, FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_network_step (network, &error));
  g_assert_no_error (error);
  assert_log (recorder, "updated,forward,backward");
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&network));
}

static void
test_signals_step_notify (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (network, TRUE);

  g_assert_true (bp_network_step (network, NULL));
  assert_log (recorder, "updated,forward,backward,notify::step-count,notify::loss");

  g_assert_finalize_object (g_steal_pointer (&network));
}

static void
test_signals_step_n (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) single = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (network, TRUE);
  g_autoptr(GArray) batched = NULL;
  g_autoptr(GArray) stepped = NULL;

  /* A batch of steps is announced once, as one step. */
  g_assert_true (bp_network_step_n (network, 10, NULL));
  assert_log (recorder, "updated,forward,backward,notify::step-count,notify::loss");
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 10);

  g_assert_true (bp_network_step_n (network, 0, NULL));
  assert_log (recorder, "");
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 10);

  /* The batch is exactly ten single steps. */
  for (guint i = 0; i < 10; i++)
    g_assert_true (bp_network_step (single, NULL));
  batched = params_of (network);
  stepped = params_of (single);
  assert_same_params (batched, stepped);
  g_assert_cmpfloat (bp_network_get_loss (network), ==, bp_network_get_loss (single));

  g_assert_finalize_object (g_steal_pointer (&network));
  g_assert_finalize_object (g_steal_pointer (&single));
}

static void
test_signals_input (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (network, FALSE);
  g_autoptr(GError) error = NULL;
  const double inputs[] = { 1.0, 2.0 };
  double loss = bp_network_get_loss (network);

  bp_network_set_input (network, 0, 0.25);
  assert_log (recorder, "forward,backward");
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 0.25);
  g_assert_cmpfloat (bp_network_get_loss (network), !=, loss);

  bp_network_set_inputs (network, inputs);
  assert_log (recorder, "forward,backward");
  g_assert_cmpfloat (bp_network_get_input (network, 1), ==, 2.0);

  g_assert_true (bp_network_set_target (network, 0, 0.1, &error));
  g_assert_no_error (error);
  assert_log (recorder, "forward,backward");
  g_assert_cmpfloat (bp_network_get_target (network, 0), ==, 0.1);

  /* Setting what is already there changes nothing and says nothing. */
  bp_network_set_input (network, 0, 1.0);
  bp_network_set_inputs (network, inputs);
  g_assert_true (bp_network_set_target (network, 0, 0.1, NULL));
  assert_log (recorder, "");
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&network));
}

static void
test_input_not_finite (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (network, TRUE);

  g_test_expect_message ("bp-network", G_LOG_LEVEL_CRITICAL, "*isfinite*");
  bp_network_set_input (network, 0, NAN);
  g_test_assert_expected_messages ();
  g_test_expect_message ("bp-network", G_LOG_LEVEL_CRITICAL, "*finite*");
  bp_network_set_inputs (network, (const double[]) { 0.0, INFINITY });
  g_test_assert_expected_messages ();

  assert_log (recorder, "");
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 0.5);
  g_assert_cmpfloat (bp_network_get_input (network, 1), ==, -0.5);

  g_assert_finalize_object (g_steal_pointer (&network));
}

static void
test_target_invalid (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (network, FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_false (bp_network_set_target (network, 0, NAN, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_clear_error (&error);

  /* Squared error takes any target; cross-entropy only [0, 1]. */
  g_assert_true (bp_network_set_target (network, 0, 1.5, NULL));
  assert_log (recorder, "forward,backward");
  g_assert_false (bp_network_set_loss_kind (network, BP_LOSS_CROSS_ENTROPY, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_clear_error (&error);
  assert_log (recorder, "");
  g_assert_true (bp_network_set_target (network, 0, 1.0, NULL));
  g_assert_true (bp_network_set_loss_kind (network, BP_LOSS_CROSS_ENTROPY, NULL));
  assert_log (recorder, "forward,backward,structure-changed,forward,backward");

  g_assert_false (bp_network_set_target (network, 0, 1.5, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  assert_log (recorder, "");
  g_assert_cmpfloat (bp_network_get_target (network, 0), ==, 1.0);

  g_assert_finalize_object (g_steal_pointer (&network));
}

static void
test_signals_edit (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (network, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;

  g_assert_true (bp_network_set_weight (network, 1, 0, 2, 0.75, &error));
  g_assert_no_error (error);
  assert_log (recorder, "updated,forward,backward");
  g_assert_cmpfloat (bp_network_get_weight (network, 1, 0, 2), ==, 0.75);
  g_assert_cmpfloat_with_epsilon (bp_network_get_loss (network), hand_loss (network), 1e-15);

  g_assert_true (bp_network_set_bias (network, 0, 1, -0.25, &error));
  g_assert_no_error (error);
  assert_log (recorder, "updated,forward,backward");
  g_assert_cmpfloat (bp_network_get_bias (network, 0, 1), ==, -0.25);
  g_assert_cmpfloat_with_epsilon (bp_network_get_loss (network), hand_loss (network), 1e-15);

  /* The same value again is no edit; a non-finite one is refused. */
  g_assert_true (bp_network_set_weight (network, 1, 0, 2, 0.75, NULL));
  before = params_of (network);
  g_assert_false (bp_network_set_weight (network, 0, 0, 0, INFINITY, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bp_network_set_bias (network, 1, 0, NAN, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  assert_log (recorder, "");
  after = params_of (network);
  assert_same_params (before, after);

  g_assert_finalize_object (g_steal_pointer (&network));
}

static void
test_signals_reset (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) fresh = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (network, TRUE);
  g_autoptr(GArray) reset = NULL;
  g_autoptr(GArray) initial = NULL;

  g_assert_true (bp_network_step_n (network, 3, NULL));
  assert_log (recorder, "updated,forward,backward,notify::step-count,notify::loss");

  /* Same shape: no structure-changed. */
  bp_network_reset (network, 7);
  assert_log (recorder, "updated,forward,backward,notify::step-count,notify::seed,notify::loss");
  g_assert_cmpuint (bp_network_get_seed (network), ==, 7);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 0);

  /* Resetting to the default seed gives the default network back, bit for bit. */
  bp_network_reset (network, BP_NETWORK_DEFAULT_SEED);
  assert_log (recorder, "updated,forward,backward,notify::seed,notify::loss");
  reset = params_of (network);
  initial = params_of (fresh);
  assert_same_params (reset, initial);
  g_assert_cmpfloat (bp_network_get_loss (network), ==, bp_network_get_loss (fresh));

  g_assert_finalize_object (g_steal_pointer (&network));
  g_assert_finalize_object (g_steal_pointer (&fresh));
}

static void
test_signals_structure (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (network, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;

  before = params_of (network);
  g_assert_true (bp_network_set_activation (network, 0, BP_ACTIVATION_RELU, &error));
  g_assert_no_error (error);
  assert_log (recorder, "structure-changed,forward,backward");
  g_assert_cmpint (bp_network_get_activation (network, 0), ==, BP_ACTIVATION_RELU);
  after = params_of (network);
  assert_same_params (before, after);

  g_assert_true (bp_network_set_activation (network, 0, BP_ACTIVATION_RELU, NULL));
  assert_log (recorder, "");

  g_assert_true (bp_network_set_loss_kind (network, BP_LOSS_CROSS_ENTROPY, &error));
  g_assert_no_error (error);
  assert_log (recorder, "structure-changed,forward,backward");

  /* Cross-entropy needs a sigmoid output: refused, nothing emitted. */
  g_assert_false (bp_network_set_activation (network, 1, BP_ACTIVATION_TANH, &error));
  g_assert_nonnull (error);
  assert_log (recorder, "");
  g_assert_cmpint (bp_network_get_activation (network, 1), ==, BP_ACTIVATION_SIGMOID);

  g_assert_true (bp_network_set_loss_kind (network, BP_LOSS_SQUARED_ERROR, NULL));
  assert_log (recorder, "structure-changed,forward,backward");

  g_assert_finalize_object (g_steal_pointer (&network));
}

static void
test_structure_notify (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (network, TRUE);

  g_assert_true (bp_network_set_activation (network, 0, BP_ACTIVATION_LINEAR, NULL));
  assert_log (recorder, "structure-changed,forward,backward,notify::activations,notify::loss");
  g_assert_true (bp_network_set_loss_kind (network, BP_LOSS_CROSS_ENTROPY, NULL));
  assert_log (recorder, "structure-changed,forward,backward,notify::loss-kind,notify::loss");

  g_assert_finalize_object (g_steal_pointer (&network));
}

static void
test_signals_learning_rate (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (network, TRUE);

  bp_network_set_learning_rate (network, 0.1);
  assert_log (recorder, "notify::learning-rate");
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 0.1);

  bp_network_set_learning_rate (network, 0.1);
  assert_log (recorder, "");

  g_test_expect_message ("bp-network", G_LOG_LEVEL_CRITICAL, "*learning_rate*");
  bp_network_set_learning_rate (network, 0.0);
  g_test_assert_expected_messages ();
  g_test_expect_message ("bp-network", G_LOG_LEVEL_CRITICAL, "*learning_rate*");
  bp_network_set_learning_rate (network, 100.5);
  g_test_assert_expected_messages ();
  assert_log (recorder, "");
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 0.1);

  bp_network_set_learning_rate (network, 100.0);
  assert_log (recorder, "notify::learning-rate");

  g_assert_finalize_object (g_steal_pointer (&network));
}

static void
test_step_lowers_loss (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  double first = bp_network_get_loss (network);
  double previous = first;

  for (guint i = 1; i <= 50; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (bp_network_step (network, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (bp_network_get_step_count (network), ==, i);
      g_assert_cmpfloat (bp_network_get_loss (network), <, previous);
      previous = bp_network_get_loss (network);
    }
  g_assert_cmpfloat (previous, <, first / 2);
  g_assert_cmpfloat_with_epsilon (previous, hand_loss (network), 1e-15);

  g_assert_finalize_object (g_steal_pointer (&network));
}

/* Steps a network made to blow up until it refuses a step. */
static BpNetwork *
diverging_network (GError **error)
{
  BpNetwork *network = bp_network_new ();
  const double inputs[] = { 50.0, -50.0 };

  g_assert_true (bp_network_set_activation (network, 0, BP_ACTIVATION_RELU, NULL));
  g_assert_true (bp_network_set_activation (network, 1, BP_ACTIVATION_LINEAR, NULL));
  bp_network_set_inputs (network, inputs);
  bp_network_set_learning_rate (network, 100.0);
  for (guint i = 0; i < 1000; i++)
    if (!bp_network_step (network, error))
      break;
  return network;
}

static void
test_divergence (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNetwork) network = diverging_network (&error);
  g_autoptr(Recorder) recorder = recorder_new (network, TRUE);
  g_autoptr(GArray) before = params_of (network);
  g_autoptr(GArray) after = NULL;
  guint64 steps = bp_network_get_step_count (network);

  g_assert_error (error, BP_ERROR, BP_ERROR_DIVERGED);
  g_assert_nonnull (strstr (error->message, "learning rate"));
  g_assert_true (bp_network_get_diverged (network));
  g_assert_true (isfinite (bp_network_get_loss (network)));
  assert_all_finite (before);
  g_clear_error (&error);

  /* Once more: still refused, nothing changes, nothing is announced. */
  g_assert_false (bp_network_step (network, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_DIVERGED);
  assert_log (recorder, "");
  after = params_of (network);
  assert_same_params (before, after);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, steps);

  bp_network_reset (network, 1);
  g_assert_false (bp_network_get_diverged (network));
  assert_log (recorder, "updated,forward,backward,notify::step-count,notify::seed,"
                        "notify::loss,notify::diverged");

  g_assert_finalize_object (g_steal_pointer (&network));
}

static void
test_divergence_notify (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(Recorder) recorder = NULL;
  g_autoptr(GError) error = NULL;
  guint64 steps;

  g_assert_true (bp_network_set_activation (network, 0, BP_ACTIVATION_RELU, NULL));
  g_assert_true (bp_network_set_activation (network, 1, BP_ACTIVATION_LINEAR, NULL));
  bp_network_set_inputs (network, (const double[]) { 50.0, -50.0 });
  bp_network_set_learning_rate (network, 100.0);
  recorder = recorder_new (network, TRUE);

  /* A batch that diverges halfway keeps and announces its good steps, then the divergence. */
  g_assert_false (bp_network_step_n (network, 1000, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_DIVERGED);
  steps = bp_network_get_step_count (network);
  g_assert_cmpuint (steps, >, 0);
  g_assert_cmpuint (steps, <, 1000);
  assert_log (recorder, "updated,forward,backward,notify::step-count,notify::loss,"
                        "notify::diverged");
  g_assert_true (bp_network_get_diverged (network));

  /* A new input makes the model finite again. */
  bp_network_set_input (network, 0, 0.0);
  g_assert_false (bp_network_get_diverged (network));
  g_assert_true (g_str_has_prefix (recorder->log->str, "forward,backward,"));
  g_assert_true (g_str_has_suffix (recorder->log->str, ",notify::diverged"));

  g_assert_finalize_object (g_steal_pointer (&network));
}

static GFile *
temp_file (char **dir)
{
  g_autoptr(GError) error = NULL;

  *dir = g_dir_make_tmp ("test-network-XXXXXX", &error);
  g_assert_no_error (error);
  return g_file_new_build_filename (*dir, "network.json", NULL);
}

static void
remove_temp_file (GFile *file,
                  char  *dir)
{
  g_file_delete (file, NULL, NULL);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_free (dir);
}

/* A network that differs from the default in everything a file holds. */
static BpNetwork *
edited_network (void)
{
  BpNetwork *network = bp_network_new ();

  bp_network_reset (network, 99);
  g_assert_true (bp_network_step_n (network, 5, NULL));
  g_assert_true (bp_network_set_weight (network, 0, 2, 1, 1.0 / 3.0, NULL));
  g_assert_true (bp_network_set_target (network, 0, 0.25, NULL));
  bp_network_set_input (network, 1, -0.0);
  bp_network_set_learning_rate (network, 0.125);
  return network;
}

static void
assert_same_network (BpNetwork *a,
                     BpNetwork *b)
{
  g_autoptr(GArray) pa = params_of (a);
  g_autoptr(GArray) pb = params_of (b);
  double ia[2] = { bp_network_get_input (a, 0), bp_network_get_input (a, 1) };
  double ib[2] = { bp_network_get_input (b, 0), bp_network_get_input (b, 1) };

  assert_same_params (pa, pb);
  g_assert_cmpmem (ia, sizeof ia, ib, sizeof ib);
  g_assert_cmpfloat (bp_network_get_target (a, 0), ==, bp_network_get_target (b, 0));
  g_assert_cmpfloat (bp_network_get_learning_rate (a), ==, bp_network_get_learning_rate (b));
  g_assert_cmpuint (bp_network_get_step_count (a), ==, bp_network_get_step_count (b));
  g_assert_cmpuint (bp_network_get_seed (a), ==, bp_network_get_seed (b));
  g_assert_cmpfloat (bp_network_get_loss (a), ==, bp_network_get_loss (b));
}

static void
test_load_round_trip (void)
{
  g_autoptr(BpNetwork) saved = edited_network ();
  g_autoptr(BpNetwork) loaded = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (loaded, FALSE);
  g_autoptr(GError) error = NULL;
  char *dir;
  GFile *file = temp_file (&dir);

  g_assert_true (bp_network_save (saved, file, &error));
  g_assert_no_error (error);
  g_assert_true (bp_network_load (loaded, file, &error));
  g_assert_no_error (error);

  /* Same shape: no structure-changed; the learning rate comes from the file. */
  assert_log (recorder, "updated,forward,backward,notify::learning-rate");
  assert_same_network (saved, loaded);
  g_assert_cmpuint (bp_network_get_step_count (loaded), ==, 5);
  g_assert_cmpuint (bp_network_get_seed (loaded), ==, 99);

  remove_temp_file (file, dir);
  g_object_unref (file);
  g_assert_finalize_object (g_steal_pointer (&saved));
  g_assert_finalize_object (g_steal_pointer (&loaded));
}

static void
test_load_structure (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) other = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (network, TRUE);
  g_autoptr(GError) error = NULL;
  static const guint sizes[] = { 2, 4, 4, 1 };
  static const BpActivation acts[] = {
    BP_ACTIVATION_RELU, BP_ACTIVATION_RELU, BP_ACTIVATION_SIGMOID
  };
  BpNet *net = bp_net_new (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  g_autoptr(BpNetwork) deep = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const BpFileExtras no_extras = { .has_seed = FALSE, .seed = 0, .step = 0 };

  bp_net_init_seeded (net, 5);
  deep = bp_network_new_from_net (net, NULL);
  g_assert_false (bp_network_has_seed (deep));

  /* Another shape. */
  bytes = bp_file_to_bytes (bp_network_get_net (deep), &no_extras);
  g_assert_true (bp_network_load_bytes (network, bytes, &error));
  g_assert_no_error (error);
  assert_log (recorder, "structure-changed,updated,forward,backward,notify::n-layers,"
                        "notify::sizes,notify::activations,notify::seed,notify::loss");
  g_assert_cmpuint (bp_network_get_n_layers (network), ==, 3);
  g_assert_false (bp_network_has_seed (network));
  g_clear_pointer (&bytes, g_bytes_unref);

  /* The same shape with other activations is a structure change too. */
  g_assert_true (bp_network_set_activation (other, 0, BP_ACTIVATION_LEAKY_RELU, NULL));
  bytes = bp_file_to_bytes (bp_network_get_net (other), &no_extras);
  g_assert_true (bp_network_load_bytes (network, bytes, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (recorder->log->str, "structure-changed,updated,forward,"
                                                       "backward,notify::n-layers,"));
  g_string_truncate (recorder->log, 0);

  /* Loading the very same network again: parameters announced, no structure change. */
  g_assert_true (bp_network_load_bytes (network, bytes, &error));
  g_assert_no_error (error);
  assert_log (recorder, "updated,forward,backward");

  g_assert_finalize_object (g_steal_pointer (&network));
  g_assert_finalize_object (g_steal_pointer (&other));
  g_assert_finalize_object (g_steal_pointer (&deep));
}

/* Loading in place, as the window opens a file into its one network: whoever follows the
 * network sees the new one through the usual signals, and the history starts with it. */
static void
test_load_net (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(Recorder) recorder = recorder_new (network, TRUE);
  g_autoptr(GError) error = NULL;
  static const guint sizes[] = { 3, 2 };
  static const BpActivation acts[] = { BP_ACTIVATION_LINEAR };
  BpNet *net = bp_net_new (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  const BpFileExtras extras = { .has_seed = TRUE, .seed = 42, .step = 7 };
  const BpHistory *history = bp_network_get_history (network);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  BpNet *bad;

  g_assert_true (bp_network_step_n (network, 20, NULL));
  g_string_truncate (recorder->log, 0);
  bp_net_init_seeded (net, 42);
  g_assert_true (bp_network_load_net (network, net, &extras, NULL, &error));
  g_assert_no_error (error);
  assert_log (recorder, "structure-changed,updated,forward,backward,notify::n-layers,"
                        "notify::sizes,notify::activations,notify::step-count,notify::seed,"
                        "notify::loss");
  g_assert_cmpuint (bp_network_get_n_layers (network), ==, 1);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 7);
  g_assert_cmpuint (bp_network_get_seed (network), ==, 42);
  /* The old run's losses are gone from the sparkline. */
  g_assert_cmpuint (bp_history_get_length (history), ==, 1);
  g_assert_cmpuint (bp_history_get (history, 0)->step, ==, 7);

  /* A network the model cannot take leaves it as it was, and says nothing. */
  before = params_of (network);
  bad = bp_net_new (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  bad->learning_rate = -1.0;
  g_assert_false (bp_network_load_net (network, bad, NULL, NULL, &error));
  g_assert_nonnull (error);
  assert_log (recorder, "");
  after = params_of (network);
  assert_same_params (before, after);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 7);

  g_assert_finalize_object (g_steal_pointer (&network));
}

static void
assert_load_refused (BpNetwork  *network,
                     Recorder   *recorder,
                     const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GArray) before = params_of (network);
  g_autoptr(GArray) after = NULL;
  g_autoptr(GError) error = NULL;
  double loss = bp_network_get_loss (network);

  g_assert_false (bp_network_load_bytes (network, bytes, &error));
  g_assert_nonnull (error);
  assert_log (recorder, "");
  after = params_of (network);
  assert_same_params (before, after);
  g_assert_cmpfloat (bp_network_get_loss (network), ==, loss);
}

static void
test_load_malformed (void)
{
  g_autoptr(BpNetwork) network = edited_network ();
  g_autoptr(Recorder) recorder = recorder_new (network, TRUE);
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  assert_load_refused (network, recorder, "");
  assert_load_refused (network, recorder, "{\"format\": \"backprop-network\", \"version\"");
  assert_load_refused (network, recorder, "[1, 2, 3]");
  assert_load_refused (network, recorder,
                       "{\"format\": \"backprop-network\", \"version\": 1, \"sizes\": [2, 1],"
                       " \"activations\": [\"tanh\"], \"loss\": \"squared-error\","
                       " \"learning_rate\": 0.5, \"weights\": [[[1, 2, 3]]],"
                       " \"biases\": [[0]], \"input\": [0, 0], \"target\": [0]}");
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 5);
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 0.125);

  /* A file that does not exist. */
  dir = g_dir_make_tmp ("test-network-XXXXXX", NULL);
  file = g_file_new_build_filename (dir, "missing.json", NULL);
  g_assert_false (bp_network_load (network, file, &error));
  g_assert_nonnull (error);
  assert_log (recorder, "");
  g_rmdir (dir);

  g_assert_finalize_object (g_steal_pointer (&network));
}

/* The sparkline's history: one point per step, the same step replaced by an input change,
 * and a reset starts a new run. */
static void
test_history (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  const BpHistory *history = bp_network_get_history (network);
  double losses[11];

  g_assert_cmpuint (bp_history_get_length (history), ==, 1);
  g_assert_true (bp_history_get (history, 0)->after_reset);
  losses[0] = bp_network_get_loss (network);
  for (guint s = 1; s <= 4; s++)
    {
      g_assert_true (bp_network_step (network, NULL));
      losses[s] = bp_network_get_loss (network);
    }
  g_assert_true (bp_network_step_n (network, 6, NULL));
  g_assert_cmpuint (bp_history_get_length (history), ==, 11);
  for (guint s = 0; s < 5; s++)
    {
      g_assert_cmpuint (bp_history_get (history, s)->step, ==, s);
      g_assert_cmpfloat (bp_history_get (history, s)->loss, ==, losses[s]);
    }
  g_assert_cmpuint (bp_history_get (history, 10)->step, ==, 10);
  g_assert_cmpfloat (bp_history_get (history, 10)->loss, ==, bp_network_get_loss (network));
  g_assert_false (bp_history_get (history, 10)->after_reset);

  bp_network_set_input (network, 0, 1.0);
  g_assert_cmpuint (bp_history_get_length (history), ==, 11);
  g_assert_cmpfloat (bp_history_get (history, 10)->loss, ==, bp_network_get_loss (network));

  bp_network_reset (network, 7);
  g_assert_cmpuint (bp_history_get_length (history), ==, 12);
  g_assert_cmpuint (bp_history_get (history, 11)->step, ==, 0);
  g_assert_true (bp_history_get (history, 11)->after_reset);

  /* A long run keeps the most recent points only. */
  g_assert_true (bp_network_step_n (network, BP_HISTORY_CAPACITY + 5, NULL));
  g_assert_cmpuint (bp_history_get_length (history), ==, BP_HISTORY_CAPACITY);
  g_assert_cmpuint (bp_history_get (history, BP_HISTORY_CAPACITY - 1)->step, ==,
                    BP_HISTORY_CAPACITY + 5);
  g_assert_finalize_object (g_steal_pointer (&network));
}

/* ---------------------------------------------------------------------------------------
 * BpSelectionModel: the one selection the views share.
 */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (void) object, (void) pspec;
  (*count)++;
}

static void
assert_selected (BpSelectionModel *model,
                 BpSelectionKind   kind,
                 guint             layer,
                 guint             to,
                 guint             from)
{
  BpSelection sel;

  bp_selection_model_get_selected (model, &sel);
  g_assert_cmpint (sel.kind, ==, kind);
  g_assert_cmpuint (sel.layer, ==, layer);
  g_assert_cmpuint (sel.to, ==, to);
  g_assert_cmpuint (sel.from, ==, from);
}

/* The one rule: what the network has, with math to show (the loss too); targets only hover. */
static void
test_selection_selectable (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();   /* 2-3-1 */
  BpSelection weight = { BP_SELECTION_CONNECTION, 1, 0, 2 };
  BpSelection no_weight = { BP_SELECTION_CONNECTION, 1, 1, 0 };
  BpSelection bias = { BP_SELECTION_BIAS, 0, 2, 0 };
  BpSelection output = { BP_SELECTION_NODE, 2, 0, 0 };
  BpSelection target = { BP_SELECTION_NODE, 3, 0, 0 };
  BpSelection loss = { BP_SELECTION_NODE, 4, 0, 0 };
  BpSelection none = BP_SELECTION_INIT_NONE;
  g_autoptr(BpSelection) copy = bp_selection_copy (&weight);

  g_assert_true (bp_selection_selectable (&weight, network));
  g_assert_true (bp_selection_selectable (&bias, network));
  g_assert_true (bp_selection_selectable (&output, network));
  g_assert_false (bp_selection_selectable (&no_weight, network));
  g_assert_false (bp_selection_selectable (&target, network));
  g_assert_true (bp_selection_selectable (&loss, network));
  g_assert_false (bp_selection_selectable (&none, network));
  g_assert_false (bp_selection_selectable (&weight, NULL));
  g_assert_true (bp_selection_equal (copy, &weight));
  g_assert_false (bp_selection_equal (copy, &bias));
  g_assert_true (G_TYPE_IS_BOXED (BP_TYPE_SELECTION));
}

/* A real change notifies once; setting the same item again, or another invalid one while
 * nothing is selected, notifies nothing. */
static void
test_selection_model_notify (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  BpSelectionModel *model = bp_selection_model_new (network);
  BpSelection weight = { BP_SELECTION_CONNECTION, 1, 0, 2 };
  BpSelection bad = { BP_SELECTION_CONNECTION, 1, 5, 0 };
  BpSelection neuron = { BP_SELECTION_NODE, 1, 2, 7 };    /* from is ignored for a neuron */
  BpSelection target = { BP_SELECTION_NODE, 3, 0, 0 };
  g_autoptr(BpSelection) boxed = NULL;
  guint selected = 0, hovered = 0;

  g_signal_connect (model, "notify::selected", G_CALLBACK (count_notify_cb), &selected);
  g_signal_connect (model, "notify::hovered", G_CALLBACK (count_notify_cb), &hovered);
  assert_selected (model, BP_SELECTION_NONE, 0, 0, 0);

  bp_selection_model_set_selected (model, &weight);
  g_assert_cmpuint (selected, ==, 1);
  assert_selected (model, BP_SELECTION_CONNECTION, 1, 0, 2);
  bp_selection_model_set_selected (model, &weight);
  g_assert_cmpuint (selected, ==, 1);
  g_object_get (model, "selected", &boxed, NULL);
  g_assert_true (bp_selection_equal (boxed, &weight));

  bp_selection_model_set_selected (model, &neuron);
  g_assert_cmpuint (selected, ==, 2);
  assert_selected (model, BP_SELECTION_NODE, 1, 2, 0);

  /* Not in the network, or a target: nothing is selected. */
  bp_selection_model_set_selected (model, &bad);
  g_assert_cmpuint (selected, ==, 3);
  assert_selected (model, BP_SELECTION_NONE, 0, 0, 0);
  bp_selection_model_set_selected (model, &target);
  bp_selection_model_set_selected (model, NULL);
  g_assert_cmpuint (selected, ==, 3);

  /* A target can be hovered over, and the hover leaves the selection alone. */
  g_object_set (model, "hovered", &target, NULL);
  g_assert_cmpuint (hovered, ==, 1);
  g_object_set (model, "hovered", &target, NULL);
  g_assert_cmpuint (hovered, ==, 1);
  bp_selection_model_set_hovered (model, NULL);
  g_assert_cmpuint (hovered, ==, 2);
  g_assert_cmpuint (selected, ==, 3);

  g_assert_finalize_object (model);
}

/* A new shape forgets a selection it does not have, and only that; without a network
 * nothing is selected. */
static void
test_selection_model_structure (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();   /* 2-3-1 */
  g_autoptr(BpNetwork) other = bp_network_new ();
  BpSelectionModel *model = bp_selection_model_new (NULL);
  BpSelection hidden = { BP_SELECTION_NODE, 1, 2, 0 };
  BpSelection input = { BP_SELECTION_NODE, 0, 1, 0 };
  BpSelection loss = { BP_SELECTION_NODE, 4, 0, 0 };
  static const char small_json[] =
    "{\"format\": \"backprop-network\", \"version\": 1, \"sizes\": [2, 1],"
    " \"activations\": [\"tanh\"], \"loss\": \"squared-error\","
    " \"learning_rate\": 0.5, \"weights\": [[[1, 2]]],"
    " \"biases\": [[0]], \"input\": [0, 0], \"target\": [0]}";
  g_autoptr(GBytes) small = g_bytes_new_static (small_json, sizeof small_json - 1);
  g_autoptr(GError) error = NULL;
  guint selected = 0, hovered = 0, network_notified = 0;

  g_signal_connect (model, "notify::selected", G_CALLBACK (count_notify_cb), &selected);
  g_signal_connect (model, "notify::hovered", G_CALLBACK (count_notify_cb), &hovered);
  g_signal_connect (model, "notify::network", G_CALLBACK (count_notify_cb),
                    &network_notified);
  bp_selection_model_set_selected (model, &hidden);
  g_assert_cmpuint (selected, ==, 0);

  g_object_set (model, "network", network, NULL);
  g_assert_cmpuint (network_notified, ==, 1);
  g_object_set (model, "network", network, NULL);
  g_assert_cmpuint (network_notified, ==, 1);
  bp_selection_model_set_selected (model, &hidden);
  bp_selection_model_set_hovered (model, &loss);
  g_assert_cmpuint (selected, ==, 1);
  g_assert_cmpuint (hovered, ==, 1);

  /* Same shape, another activation: the neuron is still there; the hover is dropped. */
  g_assert_true (bp_network_set_activation (network, 0, BP_ACTIVATION_RELU, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (selected, ==, 1);
  g_assert_cmpuint (hovered, ==, 2);
  assert_selected (model, BP_SELECTION_NODE, 1, 2, 0);

  /* 2-1: no third hidden neuron any more. */
  g_assert_true (bp_network_load_bytes (network, small, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (selected, ==, 2);
  assert_selected (model, BP_SELECTION_NONE, 0, 0, 0);

  /* An input survives the change of shape. */
  bp_selection_model_set_selected (model, &input);
  g_assert_true (bp_network_load_bytes (other, small, &error));
  g_assert_true (bp_network_set_activation (network, 0, BP_ACTIVATION_SIGMOID, &error));
  g_assert_cmpuint (selected, ==, 3);
  assert_selected (model, BP_SELECTION_NODE, 0, 1, 0);

  /* After a swap, the old network's changes no longer reach the model. */
  bp_selection_model_set_network (model, other);
  g_assert_cmpuint (selected, ==, 3);
  bp_selection_model_set_network (model, NULL);
  g_assert_cmpuint (selected, ==, 4);
  g_assert_true (bp_network_load_bytes (network, small, &error));
  g_assert_cmpuint (network_notified, ==, 3);

  g_assert_finalize_object (model);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/network/defaults", test_defaults);
  g_test_add_func ("/bp/network/properties", test_properties);
  g_test_add_func ("/bp/network/signals/step", test_signals_step);
  g_test_add_func ("/bp/network/signals/step-notify", test_signals_step_notify);
  g_test_add_func ("/bp/network/signals/step-n", test_signals_step_n);
  g_test_add_func ("/bp/network/signals/input", test_signals_input);
  g_test_add_func ("/bp/network/signals/edit", test_signals_edit);
  g_test_add_func ("/bp/network/signals/reset", test_signals_reset);
  g_test_add_func ("/bp/network/signals/structure", test_signals_structure);
  g_test_add_func ("/bp/network/signals/structure-notify", test_structure_notify);
  g_test_add_func ("/bp/network/signals/learning-rate", test_signals_learning_rate);
  g_test_add_func ("/bp/network/signals/load", test_load_round_trip);
  g_test_add_func ("/bp/network/signals/load-structure", test_load_structure);
  g_test_add_func ("/bp/network/signals/load-net", test_load_net);
  g_test_add_func ("/bp/network/input-not-finite", test_input_not_finite);
  g_test_add_func ("/bp/network/target-invalid", test_target_invalid);
  g_test_add_func ("/bp/network/step-lowers-loss", test_step_lowers_loss);
  g_test_add_func ("/bp/network/divergence", test_divergence);
  g_test_add_func ("/bp/network/divergence-notify", test_divergence_notify);
  g_test_add_func ("/bp/network/load-malformed", test_load_malformed);
  g_test_add_func ("/bp/network/history", test_history);

  /* BpSelectionModel */
  g_test_add_func ("/bp/selection/selectable", test_selection_selectable);
  g_test_add_func ("/bp/selection-model/notify", test_selection_model_notify);
  g_test_add_func ("/bp/selection-model/structure", test_selection_model_structure);

  return g_test_run ();
}
