/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's architecture editor as a user drives it: the side panel's buttons for hidden
 * layers and neurons, the diagram's − and +, the keys, the row that takes a typed weight,
 * and undo and redo. */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "bp-diagram.h"
#include "bp-diagram-private.h"
#include "bp-reshape.h"
#include "bp-undo.h"
#include "bp-window.h"
#include "widget-tree.h"
#include "window-test.h"

static BpDiagram *
diagram_of (BpWindow *window)
{
  return BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));
}

/* What a screen reader hears of the diagram's columns: "…inputs first: 2, 3, 1." */
static char *
described_sizes (BpWindow *window)
{
  g_autofree char *text = bp_diagram_dup_description (diagram_of (window));
  const char *found = strstr (text, "inputs first: ");

  g_assert_nonnull (found);
  return g_strndup (found + strlen ("inputs first: "),
                    strcspn (found + strlen ("inputs first: "), "."));
}

static guint
n_columns (BpWindow *window)
{
  g_autofree char *sizes = described_sizes (window);
  g_auto(GStrv) parts = g_strsplit (sizes, ", ", -1);

  return g_strv_length (parts);
}

static void
click (BpWindow   *window,
       const char *id)
{
  GtkWidget *button = find_child (GTK_WIDGET (window), id);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  settle ();
}

/* The side panel's + adds a hidden layer: one more layer, one more column in the diagram;
 * its − takes it away again. */
static void
test_sidebar_layers (void)
{
  BpWindow *window = new_settled_window (0, 0);
  BpNetwork *network = bp_window_get_network (window);
  GtkLabel *count = GTK_LABEL (find_child (GTK_WIDGET (window), "layers_label"));
  guint layers = bp_network_get_n_layers (network), columns = n_columns (window);

  g_assert_cmpstr (gtk_label_get_label (count), ==, "1");
  click (window, "add_layer_button");
  g_assert_cmpuint (bp_network_get_n_layers (network), ==, layers + 1);
  g_assert_cmpuint (n_columns (window), ==, columns + 1);
  g_assert_cmpstr (gtk_label_get_label (count), ==, "2");
  click (window, "remove_layer_button");
  click (window, "remove_layer_button");
  g_assert_cmpuint (bp_network_get_n_layers (network), ==, 1);
  g_assert_cmpuint (n_columns (window), ==, columns - 1);
  g_assert_cmpstr (gtk_label_get_label (count), ==, "0");
  close_window (window);
}

/* The buttons that would go beyond the editor's limits are greyed out and say why. */
static void
test_limits (void)
{
  BpWindow *window = new_settled_window (0, 0);
  BpNetwork *network = bp_window_get_network (window);
  GtkWidget *add = find_child (GTK_WIDGET (window), "add_layer_button");
  GtkWidget *remove = find_child (GTK_WIDGET (window), "remove_layer_button");

  while (bp_network_get_n_layers (network) - 1 < BP_MAX_HIDDEN_LAYERS)
    click (window, "add_layer_button");
  g_assert_false (gtk_widget_is_sensitive (add));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (add), "6"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-layer", NULL);
  g_assert_cmpuint (bp_network_get_n_layers (network), ==, BP_MAX_HIDDEN_LAYERS + 1);
  while (bp_network_get_n_layers (network) > 1)
    click (window, "remove_layer_button");
  g_assert_false (gtk_widget_is_sensitive (remove));
  g_assert_true (gtk_widget_is_sensitive (add));
  g_assert_nonnull (gtk_widget_get_tooltip_text (remove));
  close_window (window);
}

static gboolean
is_named_button (GtkWidget     *widget,
                 gconstpointer  name)
{
  const char *tip;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  tip = gtk_widget_get_tooltip_text (widget);
  return tip != NULL && g_str_equal (tip, name);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip)
{
  if (is_named_button (widget, tooltip))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A hidden layer's row: + up to 16 neurons, then greyed out; − down to 1. */
static void
test_neuron_buttons (void)
{
  BpWindow *window = new_settled_window (0, 0);
  BpNetwork *network = bp_window_get_network (window);
  GtkWidget *plus = find_button (GTK_WIDGET (window), "Add a neuron to hidden layer 1");
  GtkWidget *minus = find_button (GTK_WIDGET (window), "Remove a neuron from hidden layer 1");
  guint n_sizes;

  g_assert_nonnull (plus);
  g_assert_nonnull (minus);
  while (gtk_widget_is_sensitive (plus))
    {
      g_signal_emit_by_name (plus, "clicked");
      settle ();
    }
  g_assert_cmpuint (bp_network_get_sizes (network, &n_sizes)[1], ==, BP_MAX_HIDDEN_WIDTH);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (plus), "16"));
  while (gtk_widget_is_sensitive (minus))
    {
      g_signal_emit_by_name (minus, "clicked");
      settle ();
    }
  g_assert_cmpuint (bp_network_get_sizes (network, &n_sizes)[1], ==, 1);
  close_window (window);
}

static gboolean
is_layer_row (GtkWidget     *widget,
              gconstpointer  title)
{
  return ADW_IS_COMBO_ROW (widget) &&
         g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title);
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (is_layer_row (widget, title))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Each hidden layer has its own activation: picking ReLU for layer 2 leaves layer 1 and the
 * output as they were, and the diagram's heading follows; undo brings tanh back. */
static void
test_layer_activation (void)
{
  BpWindow *window = new_settled_window (0, 0);
  BpNetwork *network = bp_window_get_network (window);
  AdwComboRow *second;

  click (window, "add_layer_button");
  second = ADW_COMBO_ROW (find_row (GTK_WIDGET (window), "Hidden layer 2"));
  g_assert_nonnull (second);
  g_assert_nonnull (find_row (GTK_WIDGET (window), "Hidden layer 1"));
  g_assert_cmpint (bp_network_get_activation (network, 1), ==, BP_ACTIVATION_TANH);
  adw_combo_row_set_selected (second, 3);   /* linear, sigmoid, tanh, ReLU, leaky ReLU */
  settle ();
  g_assert_cmpint (bp_network_get_activation (network, 1), ==, BP_ACTIVATION_RELU);
  g_assert_cmpint (bp_network_get_activation (network, 0), ==, BP_ACTIVATION_TANH);
  g_assert_cmpint (bp_network_get_activation (network, 2), ==, BP_ACTIVATION_SIGMOID);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  settle ();
  g_assert_cmpint (bp_network_get_activation (network, 1), ==, BP_ACTIVATION_TANH);
  g_assert_cmpuint (adw_combo_row_get_selected (second), ==, 2);
  close_window (window);
}

static gboolean
is_spin_button (GtkWidget     *widget,
                gconstpointer  unused)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             gboolean (*test) (GtkWidget *, gconstpointer))
{
  if (test (widget, NULL))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, test);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
type_into (GtkWidget  *spin,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  settle ();
}

/* Select a weight, type a value with a true minus, or a hyphen: the weight takes it; a bias
 * too. */
static void
test_typed_weight (void)
{
  BpWindow *window = new_settled_window (0, 0);
  BpNetwork *network = bp_window_get_network (window);
  GtkWidget *group = find_child (GTK_WIDGET (window), "selected_group");
  BpSelection weight = { BP_SELECTION_CONNECTION, 0, 1, 0 };
  BpSelection bias = { BP_SELECTION_BIAS, 0, 2, 0 };
  BpSelection node = { BP_SELECTION_NODE, 1, 0, 0 };
  GtkWidget *spin;

  bp_diagram_set_selection (diagram_of (window), &weight);
  settle ();
  g_assert_true (gtk_widget_get_visible (group));
  spin = find_widget (group, is_spin_button);
  g_assert_nonnull (spin);
  type_into (spin, "−0.25");
  g_assert_cmpfloat (bp_network_get_weight (network, 0, 1, 0), ==, -0.25);
  type_into (spin, "-1.5");
  g_assert_cmpfloat (bp_network_get_weight (network, 0, 1, 0), ==, -1.5);

  bp_diagram_set_selection (diagram_of (window), &bias);
  settle ();
  spin = find_widget (group, is_spin_button);
  type_into (spin, "0.125");
  g_assert_cmpfloat (bp_network_get_bias (network, 0, 2), ==, 0.125);

  bp_diagram_set_selection (diagram_of (window), &node);
  settle ();
  g_assert_false (gtk_widget_get_visible (group));
  close_window (window);
}

static GBytes *
parameters (BpNetwork *network)
{
  const BpNet *net = bp_network_get_net (network);
  GByteArray *bytes = g_byte_array_new ();
  guint n = net->n_layers;

  g_byte_array_append (bytes, (const guint8 *) &n, sizeof n);
  g_byte_array_append (bytes, (const guint8 *) net->sizes, (n + 1) * sizeof (guint));
  for (guint l = 0; l < n; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      {
        double b = bp_network_get_bias (network, l, j);

        g_byte_array_append (bytes, (const guint8 *) &b, sizeof b);
        for (guint i = 0; i < net->sizes[l]; i++)
          {
            double w = bp_network_get_weight (network, l, j, i);

            g_byte_array_append (bytes, (const guint8 *) &w, sizeof w);
          }
      }
  return g_byte_array_free_to_bytes (bytes);
}

/* Edits, then Ctrl+Z (win.undo) as often: the parameters are bit for bit what they were;
 * Ctrl+Shift+Z (win.redo) brings the edits back, also exactly. Undo is greyed out with
 * nothing to undo. */
static void
test_undo_exact (void)
{
  BpWindow *window = new_settled_window (0, 0);
  BpNetwork *network = bp_window_get_network (window);
  g_autoptr(GBytes) before = NULL, edited = NULL, now = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL);
  settle ();
  before = parameters (network);
  click (window, "add_layer_button");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-neuron", NULL);
  bp_network_set_weight (network, 1, 0, 0, -0.375, NULL);
  settle ();
  edited = parameters (network);
  g_assert_false (g_bytes_equal (before, edited));
  for (int k = 0; k < 3; k++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  now = parameters (network);
  g_assert_true (g_bytes_equal (before, now));
  g_assert_cmpuint (n_columns (window), ==, 3);
  g_assert_false (bp_undo_get_can_undo (bp_network_get_undo (network)));
  for (int k = 0; k < 3; k++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  settle ();
  g_clear_pointer (&now, g_bytes_unref);
  now = parameters (network);
  g_assert_true (g_bytes_equal (edited, now));
  g_assert_cmpuint (n_columns (window), ==, 4);
  close_window (window);
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, k);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

/* Dragging an input through many values is one edit: one undo brings it back. */
static void
test_one_drag_one_undo (void)
{
  BpWindow *window = new_settled_window (0, 0);
  BpNetwork *network = bp_window_get_network (window);
  BpDiagram *diagram = diagram_of (window);
  BpUndo *undo = bp_network_get_undo (network);
  GtkEventController *drag = find_controller (GTK_WIDGET (diagram), GTK_TYPE_GESTURE_DRAG);
  BpDiagramFrame frame;
  BpDiagramBox box;
  double x1 = bp_network_get_input (network, 0);
  guint entries = bp_undo_get_n_undo (undo);

  g_assert_nonnull (drag);
  bp_diagram_fill_frame (diagram, &frame);
  g_assert_true (bp_diagram_frame_node_box (gtk_widget_get_width (GTK_WIDGET (diagram)),
                                            gtk_widget_get_height (GTK_WIDGET (diagram)),
                                            &frame, 0, 0, &box));
  g_signal_emit_by_name (drag, "drag-begin", box.x, box.y);
  for (int k = 1; k <= 10; k++)
    g_signal_emit_by_name (drag, "drag-update", 0.0, -6.0 * k);
  g_signal_emit_by_name (drag, "drag-end", 0.0, -60.0);
  settle ();
  g_assert_cmpfloat (bp_network_get_input (network, 0), !=, x1);
  g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, entries + 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, x1);
  close_window (window);
}

/* The diagram's controls: found by scanning the widget for the first point over one. */
static gboolean
find_control (BpDiagram        *diagram,
              BpDiagramControl  wanted,
              guint             layer,
              double           *x,
              double           *y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (diagram));
  int height = gtk_widget_get_height (GTK_WIDGET (diagram));
  BpDiagramFrame frame;

  bp_diagram_fill_frame (diagram, &frame);
  for (int v = 0; v < height; v += 2)
    for (int u = 0; u < width; u += 2)
      {
        guint at;

        if (bp_diagram_frame_control_at (width, height, &frame, u, v, &at) == wanted &&
            at == layer)
          {
            *x = u, *y = v;
            return TRUE;
          }
      }
  return FALSE;
}

/* A click on the diagram's + under the hidden column adds a neuron, on its − removes one,
 * on the + before the output adds a layer; with a hidden neuron selected, Insert (win.add-neuron)
 * adds one after it and selects the new one, Shift+Delete (win.remove-layer) removes its
 * layer. */
static void
test_diagram_controls_and_keys (void)
{
  BpWindow *window = new_settled_window (0, 0);
  BpNetwork *network = bp_window_get_network (window);
  BpDiagram *diagram = diagram_of (window);
  GtkEventController *gesture = find_controller (GTK_WIDGET (diagram), GTK_TYPE_GESTURE_CLICK);
  BpSelection node = { BP_SELECTION_NODE, 1, 0, 0 }, selected;
  guint n_sizes;
  double x, y;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  settle ();
  g_assert_true (find_control (diagram, BP_DIAGRAM_CONTROL_ADD_NEURON, 1, &x, &y));
  g_signal_emit_by_name (gesture, "released", 1, x, y);
  g_assert_cmpuint (bp_network_get_sizes (network, &n_sizes)[1], ==, 4);
  g_assert_true (find_control (diagram, BP_DIAGRAM_CONTROL_REMOVE_NEURON, 1, &x, &y));
  g_signal_emit_by_name (gesture, "released", 1, x, y);
  g_assert_cmpuint (bp_network_get_sizes (network, &n_sizes)[1], ==, 3);
  g_assert_true (find_control (diagram, BP_DIAGRAM_CONTROL_ADD_LAYER, 2, &x, &y));
  g_signal_emit_by_name (gesture, "released", 1, x, y);
  g_assert_cmpuint (bp_network_get_n_layers (network), ==, 3);
  g_assert_cmpuint (n_columns (window), ==, 4);

  bp_diagram_set_selection (diagram, &node);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-neuron", NULL);
  g_assert_cmpuint (bp_network_get_sizes (network, &n_sizes)[1], ==, 4);
  bp_diagram_get_selection (diagram, &selected);
  g_assert_cmpint (selected.kind, ==, BP_SELECTION_NODE);
  g_assert_cmpuint (selected.layer, ==, 1);
  g_assert_cmpuint (selected.to, ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-neuron", NULL);
  g_assert_cmpuint (bp_network_get_sizes (network, &n_sizes)[1], ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-layer", NULL);
  g_assert_cmpuint (bp_network_get_n_layers (network), ==, 4);
  bp_diagram_get_selection (diagram, &selected);
  g_assert_cmpuint (selected.layer, ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-layer", NULL);
  g_assert_cmpuint (bp_network_get_n_layers (network), ==, 3);
  close_window (window);
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);

  g_test_add_func ("/bp/architecture/sidebar-layers", test_sidebar_layers);
  g_test_add_func ("/bp/architecture/limits", test_limits);
  g_test_add_func ("/bp/architecture/neuron-buttons", test_neuron_buttons);
  g_test_add_func ("/bp/architecture/layer-activation", test_layer_activation);
  g_test_add_func ("/bp/architecture/typed-weight", test_typed_weight);
  g_test_add_func ("/bp/architecture/undo-exact", test_undo_exact);
  g_test_add_func ("/bp/architecture/one-drag-one-undo", test_one_drag_one_undo);
  g_test_add_func ("/bp/architecture/diagram-controls-and-keys", test_diagram_controls_and_keys);

  return g_test_run ();
}
