/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's gradient health, as a user meets it: the strip under the loss chart with one
 * row per weight layer, whose values are the norms of the engine's gradients; Ctrl+Shift+H's
 * action hides and shows it; badges and their explanations on a saturated network; the
 * Guide opened at "Why gradients differ". */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bp-diagram.h"
#include "bp-export.h"
#include "bp-format.h"
#include "bp-health-strip.h"
#include "bp-selection-model.h"
#include "bp-window.h"
#include "widget-tree.h"
#include "window-test.h"

/* Runs the main loop until the strip's description holds @text, for up to five seconds. */
static const char *
wait_for_description (BpHealthStrip *strip,
                      const char    *text)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end
         && (bp_health_strip_get_description (strip) == NULL
             || strstr (bp_health_strip_get_description (strip), text) == NULL))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return bp_health_strip_get_description (strip);
}

static double
engine_norm (const BpNet *net,
             guint        layer)
{
  double sum = 0.0;

  for (guint to = 0; to < net->sizes[layer + 1]; to++)
    for (guint from = 0; from < net->sizes[layer]; from++)
      sum += pow (net->delta[layer + 1][to] * net->a[layer][from], 2);
  return sqrt (sum);
}

static guint
count_of (const char *text,
          const char *word)
{
  guint n = 0;

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    n++;
  return n;
}

/* Ten steps: the strip has a row per weight layer, and its values are the norms of the
 * gradients the engine's own tenth step applied. */
static void
test_strip_values (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  BpHealthStrip *strip = BP_HEALTH_STRIP (child (window, "health_strip"));
  g_autoptr(BpNet) copy = bp_net_copy (bp_network_get_net (network));
  const BpHealth *health = bp_network_get_health (network);
  double expected[BP_MAX_LAYERS];
  const char *description;

  g_assert_true (gtk_widget_get_visible (child (window, "health_box")));
  for (guint s = 0; s < 10; s++)
    {
      for (guint l = 0; l < copy->n_layers; l++)
        expected[l] = engine_norm (copy, l);
      g_assert_true (bp_net_step (copy, NULL));
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL));
  wait_ms (100);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 10);
  g_assert_cmpuint (bp_health_get_n_steps (health), ==, 10);
  description = wait_for_description (strip, "Layer 1 → 2: gradient norm 0");
  g_assert_nonnull (description);
  g_test_message ("%s", description);
  g_assert_cmpuint (count_of (description, "gradient norm"), ==,
                    bp_network_get_n_layers (network));
  for (guint l = 0; l < copy->n_layers; l++)
    {
      g_autofree char *number = bp_format_number (expected[l], BP_NUMBER_FORMULA);
      g_autofree char *row = g_strdup_printf ("Layer %u → %u: gradient norm %s", l, l + 1,
                                              number);

      g_assert_cmpfloat (fabs (bp_health_get_last_norm (health, l) - expected[l]), <=,
                         1e-12 * expected[l]);
      g_assert_nonnull (strstr (description, row));
    }
  g_assert_nonnull (strstr (description, "no saturated or dead neurons"));

  /* A hidden layer more: a row more, and the steps start afresh. */
  g_assert_true (bp_network_add_layer (network, 1, 3, NULL));
  description = wait_for_description (strip, "Layer 2 → 3");
  g_assert_cmpuint (count_of (description, "Layer "), ==, 3);
  g_assert_nonnull (strstr (description, "no steps yet"));
  close_window (window);
}

/* Ctrl+Shift+H's action hides the strip and shows it again, and the setting follows. */
static void
test_toggle (void)
{
  BpWindow *window = new_window ();
  GtkWidget *box = child (window, "health_box");
  g_autoptr(GSettings) settings = g_settings_new ("io.github.backproplab.Backprop");
  g_autoptr(GVariant) state = NULL;

  g_assert_true (gtk_widget_get_visible (box));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-health", NULL));
  g_assert_false (gtk_widget_get_visible (box));
  g_assert_false (g_settings_get_boolean (settings, "show-health"));
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "show-health");
  g_assert_false (g_variant_get_boolean (state));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-health", NULL));
  g_assert_true (gtk_widget_get_visible (box));
  g_assert_true (g_settings_get_boolean (settings, "show-health"));
  close_window (window);
}

/* Huge weights into the tanh layer (the input is 0.5, −0.5): every hidden neuron is
 * saturated, the strip names them and a selected one explains its badge in the diagram's
 * description. */
static void
test_badges (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  BpHealthStrip *strip = BP_HEALTH_STRIP (child (window, "health_strip"));
  BpDiagram *diagram = BP_DIAGRAM (child (window, "diagram"));
  const BpNet *net = bp_network_get_net (network);
  g_autofree char *diagram_text = NULL;
  const char *description;
  BpSelection node = { BP_SELECTION_NODE, 1, 0, 0 };

  for (guint to = 0; to < net->sizes[1]; to++)
    for (guint from = 0; from < net->sizes[0]; from++)
      g_assert_true (bp_network_set_weight (network, 0, to, from, from == 0 ? 60.0 : -60.0,
                                            NULL));
  g_assert_cmpuint (bp_health_count (bp_network_get_health (network), BP_NEURON_SATURATED),
                    >=, net->sizes[1]);
  description = wait_for_description (strip, "saturated: ");
  g_test_message ("%s", description);
  g_assert_nonnull (strstr (description, "saturated: "));
  g_assert_null (strstr (description, "no saturated"));

  bp_selection_model_set_selected (bp_diagram_get_selection_model (diagram), &node);
  diagram_text = bp_diagram_dup_description (diagram);
  g_test_message ("%s", diagram_text);
  g_assert_nonnull (strstr (diagram_text, "Saturated: its slope f′ is"));

  /* The window's export draws the badges; the plain diagram export has none. */
  {
    g_autofree char *dir = g_dir_make_tmp ("window-health-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "badged.png", NULL);
    g_autofree char *strip_path = g_build_filename (dir, "strip.svg", NULL);
    g_autofree char *contents = NULL;
    g_autoptr(GBytes) plain = NULL;
    gsize length;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to-path",
                                               "(sii)", path, 960, 600));
    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    plain = bp_export_diagram_bytes (&(BpDiagramPicture) {
                                       .net = net, .palette = bp_palette_get (BP_PALETTE_LIGHT),
                                       .selection = &node },
                                     BP_EXPORT_PNG, 960, 600, NULL);
    g_assert_nonnull (plain);
    g_assert_cmpuint (length, >, 1000);
    g_assert_false (length == g_bytes_get_size (plain)
                    && memcmp (contents, g_bytes_get_data (plain, NULL), length) == 0);
    g_clear_pointer (&contents, g_free);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-health-to-path",
                                               "(sii)", strip_path, 800, 160));
    g_assert_true (g_file_get_contents (strip_path, &contents, &length, NULL));
    g_assert_nonnull (strstr (contents, "<svg"));
    g_remove (path);
    g_remove (strip_path);
    g_rmdir (dir);
  }

  /* The Guide opens at the section that explains it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-gradients-guide",
                                             NULL));
  wait_ms (200);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (window, "side_stack"))),
                   ==, "guide");
  g_assert_true (gtk_widget_get_mapped (child (window, "guide_gradients_heading")));
  close_window (window);
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);

  g_test_add_func ("/bp/window-health/strip-values", test_strip_values);
  g_test_add_func ("/bp/window-health/toggle", test_toggle);
  g_test_add_func ("/bp/window-health/badges", test_badges);
  return g_test_run ();
}
