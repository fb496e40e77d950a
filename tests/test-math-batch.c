/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-math-batch.c: the Math panel in dataset mode: a weight's chain rule is that of the
 * next batch's first example and says so, then comes the batch's mean gradient with the L1
 * or L2 term apart, and the update with that gradient (stopping at 0 under L1); a bias is
 * never penalised; a neuron says whose numbers it shows; example mode is as before. And the
 * diagram's caption while a dataset step is shown. */
#define G_LOG_DOMAIN "test-math-batch"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bp-dataset.h"
#include "bp-diagram-draw-private.h"
#include "bp-format.h"
#include "bp-math-panel.h"
#include "bp-playback.h"

static char *
formatted (double value)
{
  return bp_format_number (value, BP_NUMBER_FORMULA);
}

static gboolean
contains (const char *text,
          const char *part)
{
  if (strstr (text, part) != NULL)
    return TRUE;
  g_test_message ("\"%s\" not found in:\n%s", part, text);
  return FALSE;
}

/* 2-3-1 on an exclusive-or of 200 points, half for training, batches of 10, in dataset mode
 * with @regularization at rate 0.01. */
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

static char *
describe (BpNetwork       *network,
          BpSelectionKind  kind,
          guint            layer,
          guint            to,
          guint            from)
{
  g_autoptr(GtkWidget) panel = g_object_ref_sink (bp_math_panel_new ());
  BpSelection selection = { kind, layer, to, from };

  bp_math_panel_set_network (BP_MATH_PANEL (panel), network);
  bp_math_panel_set_selection (BP_MATH_PANEL (panel), &selection);
  return bp_math_panel_describe (BP_MATH_PANEL (panel));
}

/* Under L2: the note, the first example's chain rule checked against its own δ·a, the
 * batch's mean with λ·w, and the update with the batch's gradient, in this order. */
static void
test_weight_l2 (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_REGULARIZATION_L2);
  const BpNet *net = bp_network_get_net (network);
  double w = *bp_net_weight (net, 0, 1, 0);
  double g = bp_net_weight_gradient (net, 0, 1, 0);
  double sample = bp_net_sample_weight_gradient (net, 0, 1, 0);
  g_autofree char *text = describe (network, BP_SELECTION_CONNECTION, 0, 1, 0);
  g_autofree char *title = NULL, *backprop = NULL, *mean = NULL, *updated = NULL;
  g_autofree char *g_text = formatted (g), *data = formatted (g - 0.01 * w);
  g_autofree char *sample_text = formatted (sample);
  g_autofree char *update_text = formatted (w - net->learning_rate * g);
  const char *note, *path, *heading, *update;

  g_assert_cmpfloat (g, !=, sample);
  title = g_strdup_printf ("∂L/∂w = %s", g_text);
  g_assert_true (contains (text, "Weight from x1 to h2"));
  g_assert_true (contains (text, title));
  note = strstr (text, "The chain rule below is that of the first example of the next batch. "
                       "The step applies the mean gradient of the batch’s 10 examples, given "
                       "after it.");
  g_assert_nonnull (note);
  backprop = g_strdup_printf ("= %s", sample_text);
  g_assert_true (contains (text, "Backprop: ∂L/∂w = δ(h2) · a(x1)"));
  g_assert_true (contains (strstr (text, "Backprop:"), backprop));
  g_assert_true (contains (text, "✓ The sum over the paths equals backprop’s gradient."));
  heading = strstr (text, "Mean gradient of the batch of 10 examples");
  g_assert_nonnull (heading);
  g_assert_true (contains (heading, "∂L/∂w = 1/10 · Σᵢ ∂Lᵢ/∂w + λ·w"));
  mean = g_strdup_printf ("= %s + ", data);
  g_assert_true (contains (heading, mean));
  g_assert_true (contains (heading, "The step applies this mean gradient, and the diagram’s "
                                    "colours and widths show it."));
  update = strstr (text, "Update (η = ");
  g_assert_nonnull (update);
  g_assert_true (contains (update, update_text));
  path = strstr (text, "Path 1");
  g_assert_true (note < path && path < heading && heading < update);
  g_assert_null (strstr (text, "exactly 0"));
}

/* Under L1: λ·sign(w); a weight the step would carry across zero stops at 0, and says so. */
static void
test_weight_l1 (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_REGULARIZATION_L1);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = describe (network, BP_SELECTION_CONNECTION, 1, 0, 2);
  g_autofree char *small = NULL;
  const BpNet *net;

  g_assert_true (contains (text, "∂L/∂w = 1/10 · Σᵢ ∂Lᵢ/∂w + λ·sign(w)"));
  g_assert_null (strstr (text, "exactly 0"));

  /* A weight a hair above zero: the mean of the data's gradients plus λ moves it below zero
   * unless that sum is negative, and then the same hair below zero is moved above it. */
  g_assert_true (bp_network_set_weight (network, 1, 0, 2, 1e-12, &error));
  net = bp_network_get_net (network);
  if (bp_net_weight_gradient (net, 1, 0, 2) < 0.0)
    g_assert_true (bp_network_set_weight (network, 1, 0, 2, -1e-12, &error));
  g_assert_no_error (error);
  small = describe (network, BP_SELECTION_CONNECTION, 1, 0, 2);
  g_assert_true (contains (small, "This would carry the weight across zero: under L1 the step "
                                  "sets it to exactly 0 instead."));
  g_assert_true (bp_network_step (network, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (*bp_net_weight (bp_network_get_net (network), 1, 0, 2), ==, 0.0);
}

/* A bias: the mean alone, and the penalty leaves it out. A neuron: whose numbers they are. */
static void
test_bias_and_neuron (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_REGULARIZATION_L2);
  const BpNet *net = bp_network_get_net (network);
  g_autofree char *g = formatted (bp_net_bias_gradient (net, 0, 2));
  g_autofree char *line = g_strdup_printf ("∂L/∂b = 1/10 · Σᵢ ∂Lᵢ/∂b = %s", g);
  g_autofree char *bias = describe (network, BP_SELECTION_BIAS, 0, 2, 0);
  g_autofree char *neuron = describe (network, BP_SELECTION_NODE, 1, 0, 0);
  g_autofree char *input = describe (network, BP_SELECTION_NODE, 0, 1, 0);
  g_autofree char *x2 = formatted (net->a[0][1]);
  const char *dataset_note = "Dataset mode: these are the numbers of the first example of the "
                             "next batch, the one the animation plays.";

  g_assert_true (contains (bias, "Bias of h3"));
  g_assert_true (contains (bias, line));
  g_assert_true (contains (bias, "L1 and L2 regularization penalize the weights only, never "
                                 "the biases."));
  g_assert_true (contains (neuron, "Hidden neuron h1"));
  g_assert_true (contains (neuron, dataset_note));
  g_assert_true (contains (input, x2));
  g_assert_true (contains (input, dataset_note));
}

/* Example mode: the text of one example, as before. */
static void
test_example_mode (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_REGULARIZATION_L2);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *neuron = NULL;
  g_autofree char *update = NULL;
  const BpNet *net;

  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_EXAMPLE, &error));
  net = bp_network_get_net (network);
  update = formatted (*bp_net_weight (net, 0, 1, 0)
                      - net->learning_rate * net->delta[1][1] * net->a[0][0]);
  text = describe (network, BP_SELECTION_CONNECTION, 0, 1, 0);
  neuron = describe (network, BP_SELECTION_NODE, 1, 0, 0);
  g_assert_null (strstr (text, "Mean gradient of the batch"));
  g_assert_null (strstr (text, "first example"));
  g_assert_true (contains (text, "✓"));
  g_assert_true (contains (strstr (text, "Update (η = "), update));
  g_assert_null (strstr (neuron, "Dataset mode"));
}

/* The note under the caption of the diagram drawn at @phase, from its cache. */
static char *
caption_note (const BpNet *before,
              const BpNet *after,
              BpPhase      phase)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 600);
  cairo_t *cr = cairo_create (surface);
  BpDiagramCache *cache = bp_diagram_cache_new ();
  BpDiagramFrame frame = {
    .before = before, .after = after, .phase = phase, .progress = 0.5, .zoom = 1.0,
    .text_scale = 1.0, .palette = bp_palette_get (BP_PALETTE_LIGHT), .cache = cache,
    .layer = phase == BP_PHASE_FORWARD ? 1 : phase == BP_PHASE_BACKWARD ? 1 : 0,
  };
  char *note;

  bp_diagram_draw_frame (cr, 900, 600, &frame);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  note = cache->caption[2] != NULL ? g_strdup (cache->caption_text[2]) : g_strdup ("");
  bp_diagram_cache_free (cache);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return note;
}

/* The caption says what the pulses carry and what the colours show in dataset mode: the
 * next batch's first example, and the mean gradient of the batch of 10. */
static void
test_caption (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_REGULARIZATION_NONE);
  g_autoptr(BpNet) before = bp_net_copy (bp_network_get_net (network));
  g_autoptr(GError) error = NULL;
  g_autofree char *update = NULL, *forward = NULL, *backward = NULL, *example = NULL;
  const BpNet *after;

  g_assert_true (bp_network_step (network, &error));
  after = bp_network_get_net (network);
  update = caption_note (before, after, BP_PHASE_UPDATE);
  forward = caption_note (before, after, BP_PHASE_FORWARD);
  backward = caption_note (before, after, BP_PHASE_BACKWARD);
  g_assert_cmpstr (update, ==, "Each parameter moves against the mean gradient of the batch of "
                               "10 examples");
  g_assert_cmpstr (forward, ==, "The pulses carry the first example of the next batch");
  g_assert_cmpstr (backward, ==, "Pulses: the batch’s first example. Colours: the batch’s mean "
                                 "gradient (10 examples)");

  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_EXAMPLE, &error));
  g_clear_pointer (&before, bp_net_free);
  before = bp_net_copy (bp_network_get_net (network));
  g_assert_true (bp_network_step (network, &error));
  example = caption_note (before, bp_network_get_net (network), BP_PHASE_BACKWARD);
  g_assert_cmpstr (example, ==, "Each pulse carries w·δ back to the layer below");
}

/* A dataset step held in its backward pass: the panel says what the pulses and the colours
 * show, and the selected weight's chain rule is that of the next batch's first example. */
static void
test_moment (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_REGULARIZATION_NONE);
  g_autoptr(BpPlayback) playback = bp_playback_new (network);
  g_autoptr(GtkWidget) panel = g_object_ref_sink (bp_math_panel_new ());
  g_autoptr(GError) error = NULL;
  BpSelection weight = { BP_SELECTION_CONNECTION, 0, 1, 0 };
  BpMoment m = bp_moment_at (2, 5, 0.5);
  g_autofree char *text = NULL;

  bp_math_panel_set_playback (BP_MATH_PANEL (panel), playback);
  bp_math_panel_set_selection (BP_MATH_PANEL (panel), &weight);
  bp_playback_show_next_step (playback, FALSE);
  g_assert_true (bp_network_step (network, &error));
  g_assert_true (bp_playback_hold_at (playback, &m));
  text = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_true (contains (text, "Backward pass"));
  g_assert_true (contains (text, "Pulses: the batch’s first example. Colours: the batch’s mean "
                                 "gradient (10 examples)"));
  g_assert_true (contains (text, "The chain rule below is that of the first example"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/math-batch/weight-l2", test_weight_l2);
  g_test_add_func ("/math-batch/weight-l1", test_weight_l1);
  g_test_add_func ("/math-batch/bias-and-neuron", test_bias_and_neuron);
  g_test_add_func ("/math-batch/example-mode", test_example_mode);
  g_test_add_func ("/math-batch/caption", test_caption);
  g_test_add_func ("/math-batch/moment", test_moment);
  return g_test_run ();
}
