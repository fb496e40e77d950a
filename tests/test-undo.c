/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-undo.c: BpNetwork's architecture edits (their signals, the selection), and BpUndo:
 * exact undo and redo over random edits, redo cleared by an edit, steps not recorded,
 * groups, limits. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bp-network.h"
#include "bp-selection-model.h"
#include "signal-recorder.h"

/* The network's four signals and every notification of it and of its undo stacks. */
static Recorder *
undo_recorder_new (BpNetwork *network)
{
  Recorder *recorder = recorder_new (network, TRUE);

  g_signal_connect (bp_network_get_undo (network), "notify", G_CALLBACK (recorder_notify_cb),
                    recorder);
  return recorder;
}

/* Everything an undo must bring back, as bytes: shape, activations, loss, η, weights,
 * biases, input, target, seed and step count. */
static GBytes *
dump (BpNetwork *network)
{
  const BpNet *net = bp_network_get_net (network);
  GByteArray *bytes = g_byte_array_new ();
  guint32 seed = bp_network_get_seed (network);
  guint64 step = bp_network_get_step_count (network);

  g_byte_array_append (bytes, (const guint8 *) &net->n_layers, sizeof net->n_layers);
  g_byte_array_append (bytes, (const guint8 *) net->sizes,
                       (net->n_layers + 1) * sizeof (guint));
  g_byte_array_append (bytes, (const guint8 *) net->activations,
                       net->n_layers * sizeof (BpActivation));
  g_byte_array_append (bytes, (const guint8 *) &net->loss_kind, sizeof net->loss_kind);
  g_byte_array_append (bytes, (const guint8 *) &net->learning_rate, sizeof (double));
  for (guint l = 0; l < net->n_layers; l++)
    {
      g_byte_array_append (bytes, (const guint8 *) net->weights[l],
                           net->sizes[l] * net->sizes[l + 1] * sizeof (double));
      g_byte_array_append (bytes, (const guint8 *) net->biases[l],
                           net->sizes[l + 1] * sizeof (double));
    }
  g_byte_array_append (bytes, (const guint8 *) net->a[0], net->sizes[0] * sizeof (double));
  g_byte_array_append (bytes, (const guint8 *) net->target,
                       net->sizes[net->n_layers] * sizeof (double));
  g_byte_array_append (bytes, (const guint8 *) &seed, sizeof seed);
  g_byte_array_append (bytes, (const guint8 *) &step, sizeof step);
  /* The passes are recomputed: the loss is that of the state. */
  g_byte_array_append (bytes, (const guint8 *) &net->loss, sizeof (double));
  return g_byte_array_free_to_bytes (bytes);
}

static void
assert_state (BpNetwork *network,
              GBytes    *expected)
{
  g_autoptr(GBytes) now = dump (network);

  g_assert_true (g_bytes_equal (now, expected));
}

static void
test_signals (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(Recorder) recorder = undo_recorder_new (network);
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_network_add_layer (network, 2, 4, &error));
  g_assert_no_error (error);
  assert_log (recorder, "structure-changed,updated,forward,backward,notify::n-layers,"
                        "notify::sizes,notify::activations,notify::loss,notify::can-undo");
  g_assert_true (bp_network_add_neuron (network, 1, 3, &error));
  assert_log (recorder, "structure-changed,updated,forward,backward,notify::sizes,"
                        "notify::loss");
  g_assert_true (bp_network_remove_neuron (network, 2, 0, &error));
  assert_log (recorder, "structure-changed,updated,forward,backward,notify::sizes,"
                        "notify::loss");
  g_assert_true (bp_network_remove_layer (network, 1, &error));
  assert_log (recorder, "structure-changed,updated,forward,backward,notify::n-layers,"
                        "notify::sizes,notify::activations,notify::loss");
  g_assert_true (bp_network_set_layer_activation (network, 1, BP_ACTIVATION_RELU, &error));
  assert_log (recorder, "structure-changed,forward,backward,notify::activations,"
                        "notify::loss");
  /* The same activation again is no edit. */
  g_assert_true (bp_network_set_layer_activation (network, 1, BP_ACTIVATION_RELU, &error));
  assert_log (recorder, "");
  g_assert_no_error (error);

  /* Undo and redo signal as the edit did; can-redo follows the network's notifications. */
  g_assert_true (bp_undo_undo (bp_network_get_undo (network)));
  assert_log (recorder, "structure-changed,updated,forward,backward,notify::activations,"
                        "notify::loss,notify::can-redo");
  g_assert_true (bp_undo_redo (bp_network_get_undo (network)));
  assert_log (recorder, "structure-changed,updated,forward,backward,notify::activations,"
                        "notify::loss,notify::can-redo");
}

static void
test_refused (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(Recorder) recorder = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  BpUndo *undo = bp_network_get_undo (network);

  for (guint k = 0; k < 13; k++)
    g_assert_true (bp_network_add_neuron (network, 1, 0, NULL));
  for (guint k = 0; k < 5; k++)
    g_assert_true (bp_network_add_layer (network, 1, 1, NULL));
  before = dump (network);
  recorder = undo_recorder_new (network);
  g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, 18);

  g_assert_false (bp_network_add_neuron (network, 6, 16, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_SHAPE);
  g_assert_cmpstr (error->message, ==, "Layer 6 is full: a hidden layer has at most 16 neurons");
  g_clear_error (&error);
  g_assert_false (bp_network_add_layer (network, 7, 2, &error));
  g_assert_cmpstr (error->message, ==, "A network has at most 6 hidden layers");
  g_clear_error (&error);
  g_assert_false (bp_network_remove_neuron (network, 1, 0, &error));
  g_assert_cmpstr (error->message, ==,
                   "Layer 1 keeps its last neuron: a hidden layer has 1 to 16 neurons");
  g_clear_error (&error);
  /* Cross-entropy keeps its sigmoid output. */
  g_assert_true (bp_network_set_loss_kind (network, BP_LOSS_CROSS_ENTROPY, NULL));
  g_string_truncate (recorder->log, 0);
  g_clear_pointer (&before, g_bytes_unref);
  before = dump (network);
  g_assert_false (bp_network_set_layer_activation (network, 7, BP_ACTIVATION_TANH, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);

  /* Nothing changed, nothing was emitted, nothing was recorded. */
  assert_log (recorder, "");
  assert_state (network, before);
  g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, 19);
}

/* A selection that an edit removes becomes nothing; one that stays is kept. */
static void
test_selection (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpSelectionModel) model = bp_selection_model_new (network);
  BpSelection weight = { BP_SELECTION_CONNECTION, 1, 0, 2 };
  BpSelection bias = { BP_SELECTION_BIAS, 0, 1, 0 };
  BpSelection now;

  bp_selection_model_set_selected (model, &weight);
  g_assert_true (bp_network_remove_neuron (network, 1, 2, NULL));
  bp_selection_model_get_selected (model, &now);
  g_assert_cmpint (now.kind, ==, BP_SELECTION_NONE);

  bp_selection_model_set_selected (model, &bias);
  g_assert_true (bp_network_add_layer (network, 2, 3, NULL));
  bp_selection_model_get_selected (model, &now);
  g_assert_true (bp_selection_equal (&now, &bias));
  g_assert_true (bp_undo_undo (bp_network_get_undo (network)));
  bp_selection_model_get_selected (model, &now);
  g_assert_true (bp_selection_equal (&now, &bias));
}

/* One random edit; %TRUE if it reported success. Steps in between are not edits. */
static gboolean
random_edit (BpNetwork *network,
             GRand     *rand)
{
  const BpNet *net = bp_network_get_net (network);
  guint L = net->n_layers;
  guint hidden = L > 1 ? (guint) g_rand_int_range (rand, 1, L) : 1;
  guint layer = g_rand_int_range (rand, 0, L);
  guint to = g_rand_int_range (rand, 0, net->sizes[layer + 1]);
  guint from = g_rand_int_range (rand, 0, net->sizes[layer]);
  double value = g_rand_double_range (rand, -2.0, 2.0);
  BpActivation activation = g_rand_int_range (rand, 0, BP_N_ACTIVATIONS);

  switch (g_rand_int_range (rand, 0, 13))
    {
    case 0:
      return bp_network_add_layer (network, g_rand_int_range (rand, 1, L + 1),
                                   g_rand_int_range (rand, 1, 17), NULL);
    case 1:
      return bp_network_remove_layer (network, hidden, NULL);
    case 2:
      return L > 1 && bp_network_add_neuron (network, hidden,
                                             g_rand_int_range (rand, 0, net->sizes[hidden] + 1),
                                             NULL);
    case 3:
      return L > 1 && bp_network_remove_neuron (network, hidden,
                                                g_rand_int_range (rand, 0, net->sizes[hidden]),
                                                NULL);
    case 4:
      return bp_network_set_layer_activation (network, layer + 1, activation, NULL);
    case 5:
      return bp_network_set_loss_kind (network, g_rand_int_range (rand, 0, BP_N_LOSSES), NULL);
    case 6:
      bp_network_set_learning_rate (network, g_rand_double_range (rand, 0.01, 1.0));
      return TRUE;
    case 7:
      bp_network_set_input (network, g_rand_int_range (rand, 0, net->sizes[0]), value);
      return TRUE;
    case 8:
      return bp_network_set_target (network, 0, g_rand_double_range (rand, 0.05, 0.95), NULL);
    case 9:
      return bp_network_set_weight (network, layer, to, from, value, NULL);
    case 10:
      return bp_network_set_bias (network, layer, to, value, NULL);
    case 11:
      bp_network_reset (network, g_rand_int (rand));
      return TRUE;
    default:
      {
        double inputs[2] = { value, -value };

        bp_network_set_inputs (network, inputs);
        return TRUE;
      }
    }
}

/* 50 random edits with training steps between them, all undone then all redone: each
 * undo gives back, bit for bit, the state just before its edit (steps since included), each
 * redo the state its undo left. */
static void
test_random_sequence (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) last = NULL;
  BpUndo *undo = bp_network_get_undo (network);
  guint n_refused = 0;
  guint n_reshaped = 0;

  while (before->len < 50)
    {
      g_autoptr(GBytes) state = NULL;
      g_autoptr(GBytes) after = NULL;
      guint n_undo = bp_undo_get_n_undo (undo);
      guint n_params = bp_network_get_net (network)->n_weights;

      bp_network_step_n (network, g_rand_int_range (rand, 0, 4), NULL);
      g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, n_undo);
      state = dump (network);
      random_edit (network, rand);
      after = dump (network);
      if (bp_undo_get_n_undo (undo) == n_undo)
        {
          /* Refused or no change: nothing happened. */
          g_assert_true (g_bytes_equal (state, after));
          n_refused++;
          continue;
        }
      g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, n_undo + 1);
      g_assert_false (g_bytes_equal (state, after));
      g_ptr_array_add (before, g_steal_pointer (&state));
      if (bp_network_get_net (network)->n_weights != n_params)
        n_reshaped++;
    }
  g_test_message ("%u edits refused, %u of 50 changed the shape", n_refused, n_reshaped);
  g_assert_cmpuint (n_refused, >, 0);
  g_assert_cmpuint (n_reshaped, >=, 5);
  bp_network_step_n (network, 2, NULL);
  last = dump (network);

  for (guint i = before->len; i-- > 0;)
    {
      g_assert_true (bp_undo_get_can_undo (undo));
      g_assert_true (bp_undo_undo (undo));
      assert_state (network, g_ptr_array_index (before, i));
    }
  g_assert_false (bp_undo_get_can_undo (undo));
  g_assert_false (bp_undo_undo (undo));
  g_assert_cmpuint (bp_undo_get_n_redo (undo), ==, 50);

  for (guint i = 1; i < before->len; i++)
    {
      g_assert_true (bp_undo_redo (undo));
      assert_state (network, g_ptr_array_index (before, i));
    }
  g_assert_true (bp_undo_redo (undo));
  assert_state (network, last);
  g_assert_false (bp_undo_get_can_redo (undo));
  g_assert_false (bp_undo_redo (undo));
}

static void
test_redo_cleared (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(GBytes) edited = NULL;
  BpUndo *undo = bp_network_get_undo (network);

  bp_network_set_input (network, 0, 1.0);
  bp_network_set_input (network, 0, 2.0);
  bp_network_set_input (network, 0, 3.0);
  g_assert_true (bp_undo_undo (undo));
  g_assert_true (bp_undo_undo (undo));
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 1.0);
  g_assert_cmpuint (bp_undo_get_n_redo (undo), ==, 2);

  /* Training steps are not edits: redo survives them, they are lost on redo and come
   * back on the undo of that redo. */
  g_assert_true (bp_network_step_n (network, 3, NULL));
  edited = dump (network);
  g_assert_true (bp_undo_get_can_redo (undo));
  g_assert_true (bp_undo_redo (undo));
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 2.0);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 0);
  g_assert_true (bp_undo_undo (undo));
  assert_state (network, edited);

  /* An edit clears redo. */
  g_assert_true (bp_network_add_neuron (network, 1, 0, NULL));
  g_assert_false (bp_undo_get_can_redo (undo));
  g_assert_cmpuint (bp_undo_get_n_redo (undo), ==, 0);
  g_assert_false (bp_undo_redo (undo));
  g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, 2);
}

/* Undoing a reset brings back the weights, the seed and the steps; the same edit redone or
 * made again draws the same weights. */
static void
test_reset_and_seed (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(GBytes) trained = NULL;
  g_autoptr(GBytes) grown = NULL;
  BpUndo *undo = bp_network_get_undo (network);

  g_assert_true (bp_network_step_n (network, 7, NULL));
  g_assert_false (bp_undo_get_can_undo (undo));
  trained = dump (network);
  bp_network_reset (network, 99);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 0);
  g_assert_true (bp_undo_undo (undo));
  assert_state (network, trained);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 7);
  g_assert_cmpuint (bp_network_get_seed (network), ==, BP_NETWORK_DEFAULT_SEED);

  g_assert_true (bp_network_add_neuron (network, 1, 1, NULL));
  grown = dump (network);
  g_assert_true (bp_undo_undo (undo));
  g_assert_true (bp_undo_redo (undo));
  assert_state (network, grown);
  g_assert_true (bp_undo_undo (undo));
  g_assert_true (bp_network_add_neuron (network, 1, 1, NULL));
  assert_state (network, grown);
}

static void
test_group (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(GBytes) start = dump (network);
  BpUndo *undo = bp_network_get_undo (network);

  bp_undo_begin_group (undo);
  for (guint k = 1; k <= 5; k++)
    bp_network_set_input (network, 0, k * 0.25);
  bp_undo_begin_group (undo);
  bp_network_set_learning_rate (network, 0.125);
  bp_undo_end_group (undo);
  bp_undo_end_group (undo);
  g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, 1);
  bp_network_set_input (network, 1, 4.0);
  g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, 2);
  g_assert_true (bp_undo_undo (undo));
  g_assert_true (bp_undo_undo (undo));
  assert_state (network, start);
}

static void
test_limits (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  BpUndo *undo = bp_network_get_undo (network);
  gsize one;

  bp_undo_set_limits (undo, 5, G_MAXSIZE);
  for (guint k = 1; k <= 10; k++)
    bp_network_set_input (network, 0, k);
  g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, 5);
  while (bp_undo_undo (undo))
    ;
  /* The oldest five went: the furthest back is the state before the sixth edit. */
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 5.0);
  g_assert_cmpuint (bp_undo_get_n_redo (undo), ==, 5);
  /* Undo and redo entries count together. */
  bp_undo_set_limits (undo, 3, G_MAXSIZE);
  g_assert_cmpuint (bp_undo_get_n_redo (undo), ==, 3);

  bp_undo_clear (undo);
  g_assert_cmpuint (bp_undo_get_n_bytes (undo), ==, 0);
  bp_undo_set_limits (undo, BP_UNDO_MAX_ENTRIES, BP_UNDO_MAX_BYTES);
  bp_network_set_input (network, 0, 0.5);
  one = bp_undo_get_n_bytes (undo);
  g_assert_cmpuint (one, >, 16 * sizeof (double));
  bp_undo_set_limits (undo, BP_UNDO_MAX_ENTRIES, 3 * one);
  for (guint k = 1; k <= 10; k++)
    bp_network_set_input (network, 0, k);
  g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, 3);
  g_assert_cmpuint (bp_undo_get_n_bytes (undo), ==, 3 * one);
  /* A bigger network's states take more room: fewer of them fit. */
  g_assert_true (bp_network_add_neuron (network, 1, 0, NULL));
  g_assert_true (bp_network_add_neuron (network, 1, 0, NULL));
  g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, 2);
  g_assert_cmpuint (bp_undo_get_n_bytes (undo), <=, 3 * one);

  /* A state too big on its own is not kept, and the entries before it go. */
  bp_undo_set_limits (undo, BP_UNDO_MAX_ENTRIES, one / 2);
  g_assert_false (bp_undo_get_can_undo (undo));
  bp_network_set_input (network, 0, 0.25);
  g_assert_false (bp_undo_get_can_undo (undo));
  g_assert_cmpuint (bp_undo_get_n_bytes (undo), ==, 0);

  /* The default keeps 200 entries. */
  bp_undo_set_limits (undo, BP_UNDO_MAX_ENTRIES, BP_UNDO_MAX_BYTES);
  for (guint k = 1; k <= 250; k++)
    bp_network_set_input (network, 1, k);
  g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, 200);
}

/* The loss chart: undoing a value edit replaces the last point, as the edit did; a change
 * of shape, or going back over steps, starts a new run. */
static void
test_history (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  BpUndo *undo = bp_network_get_undo (network);
  const BpHistory *history = bp_network_get_history (network);
  const BpHistoryPoint *last;
  guint length;

  g_assert_true (bp_network_step_n (network, 4, NULL));
  length = bp_history_get_length (history);
  bp_network_set_input (network, 0, 1.5);
  g_assert_true (bp_undo_undo (undo));
  g_assert_cmpuint (bp_history_get_length (history), ==, length);
  last = bp_history_get (history, length - 1);
  g_assert_false (last->after_reset);
  g_assert_cmpfloat (last->loss, ==, bp_network_get_loss (network));

  g_assert_true (bp_network_add_layer (network, 1, 3, NULL));
  last = bp_history_get (history, bp_history_get_length (history) - 1);
  g_assert_true (last->after_reset);
  g_assert_cmpuint (last->step, ==, 4);

  g_assert_true (bp_network_step_n (network, 2, NULL));
  g_assert_true (bp_undo_undo (undo));
  last = bp_history_get (history, bp_history_get_length (history) - 1);
  g_assert_true (last->after_reset);
  g_assert_cmpuint (last->step, ==, 4);
  g_assert_cmpfloat (last->loss, ==, bp_network_get_loss (network));
}

static void
test_load_clears (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) other = bp_network_new ();
  g_autoptr(GError) error = NULL;
  BpUndo *undo = bp_network_get_undo (network);

  g_assert_true (bp_network_add_layer (network, 1, 2, NULL));
  g_assert_true (bp_undo_get_can_undo (undo));
  g_assert_true (bp_network_load_net (network, bp_net_copy (bp_network_get_net (other)),
                                      NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (bp_undo_get_can_undo (undo));
  g_assert_finalize_object (g_steal_pointer (&network));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/undo/signals", test_signals);
  g_test_add_func ("/bp/undo/refused", test_refused);
  g_test_add_func ("/bp/undo/selection", test_selection);
  g_test_add_func ("/bp/undo/random-sequence", test_random_sequence);
  g_test_add_func ("/bp/undo/redo-cleared", test_redo_cleared);
  g_test_add_func ("/bp/undo/reset-and-seed", test_reset_and_seed);
  g_test_add_func ("/bp/undo/group", test_group);
  g_test_add_func ("/bp/undo/limits", test_limits);
  g_test_add_func ("/bp/undo/history", test_history);
  g_test_add_func ("/bp/undo/load-clears", test_load_clears);

  return g_test_run ();
}
