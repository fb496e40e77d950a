/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A neuron unfolded in the window's diagram, as a user drives it: Return on a selected
 * neuron unfolds it in place, the drawing shows its card where the node is, the accessible
 * description reads its numbers, Escape folds it, the export carries it, and a new shape
 * folds it. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bp-diagram.h"
#include "bp-diagram-private.h"
#include "bp-export.h"
#include "bp-format.h"
#include "bp-unfold.h"
#include "bp-window.h"
#include "widget-tree.h"
#include "window-test.h"

static BpDiagram *
diagram_of (BpWindow *window)
{
  return BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));
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

/* Sends @keyval to the diagram's key controller, as a key press does. */
static gboolean
press (BpDiagram *diagram,
       guint      keyval)
{
  GtkEventController *key = find_controller (GTK_WIDGET (diagram), GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_assert_nonnull (key);
  g_signal_emit_by_name (key, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
  return handled;
}

/* The diagram as it draws now, offscreen. */
static cairo_surface_t *
render (BpDiagram *diagram)
{
  int width = gtk_widget_get_width (GTK_WIDGET (diagram));
  int height = gtk_widget_get_height (GTK_WIDGET (diagram));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  BpDiagramFrame frame;

  bp_diagram_fill_frame (diagram, &frame);
  frame.focus_visible = FALSE;
  bp_diagram_draw_frame (cr, width, height, &frame);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The share of pixels of @box that differ between @a and @b. */
static double
differing (cairo_surface_t    *a,
           cairo_surface_t    *b,
           const BpDiagramBox *box)
{
  int stride = cairo_image_surface_get_stride (a);
  const guint8 *pa = cairo_image_surface_get_data (a);
  const guint8 *pb = cairo_image_surface_get_data (b);
  int x0 = MAX (0, (int) (box->x - box->half_width));
  int x1 = MIN (cairo_image_surface_get_width (a), (int) (box->x + box->half_width));
  int y0 = MAX (0, (int) (box->y - box->half_height));
  int y1 = MIN (cairo_image_surface_get_height (a), (int) (box->y + box->half_height));
  guint n = 0, total = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++, total++)
      n += memcmp (pa + y * stride + 4 * x, pb + y * stride + 4 * x, 4) != 0;
  return total > 0 ? (double) n / total : 0.0;
}

static void
select_node (BpDiagram *diagram,
             guint      layer,
             guint      index)
{
  BpSelection sel = { BP_SELECTION_NODE, layer, index, 0 };

  bp_diagram_set_selection (diagram, &sel);
}

/* Return unfolds the selected hidden neuron; the card covers its node and the rest of the
 * picture stays; Return again folds it, and so does Escape. */
static void
test_return_unfolds (void)
{
  BpWindow *window = new_settled_window (1280, 800);
  BpDiagram *diagram = diagram_of (window);
  int width = gtk_widget_get_width (GTK_WIDGET (diagram));
  int height = gtk_widget_get_height (GTK_WIDGET (diagram));
  cairo_surface_t *folded, *unfolded, *again;
  BpDiagramFrame frame;
  BpDiagramBox card, node;
  BpSelection sel;

  g_assert_cmpint (width, >, 100);
  select_node (diagram, 1, 1);
  folded = render (diagram);
  g_assert_true (press (diagram, GDK_KEY_Return));
  g_assert_true (bp_diagram_get_unfolded (diagram, &sel));
  g_assert_cmpuint (sel.kind, ==, BP_SELECTION_NODE);
  g_assert_cmpuint (sel.layer, ==, 1);
  g_assert_cmpuint (sel.to, ==, 1);
  /* Animations are off in the tests: it is open at once. */
  g_assert_cmpfloat (diagram->unfold_progress, ==, 1.0);
  unfolded = render (diagram);
  bp_diagram_fill_frame (diagram, &frame);
  g_assert_true (bp_diagram_frame_unfold_box (width, height, &frame, &card));
  g_assert_true (bp_diagram_frame_node_box (width, height, &frame, 1, 1, &node));
  /* The card is anchored on the node, and fits in the diagram. */
  g_assert_cmpfloat (fabs (card.x - node.x), <=, card.half_width);
  g_assert_cmpfloat (fabs (card.y - node.y), <=, card.half_height);
  g_assert_cmpfloat (card.x - card.half_width, >=, 0.0);
  g_assert_cmpfloat (card.x + card.half_width, <=, width);
  g_assert_cmpfloat (card.y + card.half_height, <=, height);
  g_test_message ("DBG %d x %d card %g %g %g %g diff %g", width, height, card.x, card.y, card.half_width, card.half_height, differing (folded, unfolded, &card));
  g_assert_cmpfloat (differing (folded, unfolded, &card), >, 0.3);
  /* Escape folds it; the picture is the folded one again. */
  g_assert_true (press (diagram, GDK_KEY_Escape));
  g_assert_false (bp_diagram_get_unfolded (diagram, NULL));
  bp_diagram_get_selection (diagram, &sel);
  g_assert_cmpuint (sel.kind, ==, BP_SELECTION_NODE);
  again = render (diagram);
  g_assert_cmpfloat (differing (folded, again, &card), ==, 0.0);
  /* Enter on the keypad unfolds, Return on the same neuron folds. */
  g_assert_true (press (diagram, GDK_KEY_KP_Enter));
  g_assert_true (bp_diagram_get_unfolded (diagram, NULL));
  g_assert_true (press (diagram, GDK_KEY_Return));
  g_assert_false (bp_diagram_get_unfolded (diagram, NULL));
  cairo_surface_destroy (folded);
  cairo_surface_destroy (unfolded);
  cairo_surface_destroy (again);
  close_window (window);
}

/* A double click on a neuron unfolds it; another folds it. A single click does not. */
static void
test_double_click (void)
{
  BpWindow *window = new_settled_window (1280, 800);
  BpDiagram *diagram = diagram_of (window);
  GtkEventController *click = find_controller (GTK_WIDGET (diagram), GTK_TYPE_GESTURE_CLICK);
  BpDiagramFrame frame;
  BpDiagramBox node, card;
  BpSelection sel;

  g_assert_nonnull (click);
  bp_diagram_fill_frame (diagram, &frame);
  g_assert_true (bp_diagram_frame_node_box (gtk_widget_get_width (GTK_WIDGET (diagram)),
                                            gtk_widget_get_height (GTK_WIDGET (diagram)),
                                            &frame, 1, 2, &node));
  g_signal_emit_by_name (click, "released", 1, node.x, node.y);
  g_assert_false (bp_diagram_get_unfolded (diagram, NULL));
  g_signal_emit_by_name (click, "released", 2, node.x, node.y);
  g_assert_true (bp_diagram_get_unfolded (diagram, &sel));
  g_assert_cmpuint (sel.layer, ==, 1);
  g_assert_cmpuint (sel.to, ==, 2);
  /* The card covers what is under it: a click on it selects nothing there. */
  bp_diagram_fill_frame (diagram, &frame);
  g_assert_true (bp_diagram_frame_unfold_box (gtk_widget_get_width (GTK_WIDGET (diagram)),
                                              gtk_widget_get_height (GTK_WIDGET (diagram)),
                                              &frame, &card));
  g_signal_emit_by_name (click, "released", 1, card.x - 0.9 * card.half_width,
                         card.y + 0.5 * card.half_height);
  bp_diagram_get_selection (diagram, &sel);
  g_assert_cmpuint (sel.kind, ==, BP_SELECTION_NODE);
  g_assert_cmpuint (sel.layer, ==, 1);
  g_assert_cmpuint (sel.to, ==, 2);
  g_assert_true (bp_diagram_get_unfolded (diagram, NULL));
  g_signal_emit_by_name (click, "released", 2, node.x, node.y);
  g_assert_false (bp_diagram_get_unfolded (diagram, NULL));
  close_window (window);
}

/* Inputs do not unfold; outputs do, and only one neuron is unfolded at a time. */
static void
test_which_unfold (void)
{
  BpWindow *window = new_settled_window (1280, 800);
  BpDiagram *diagram = diagram_of (window);
  const BpNet *net = bp_network_get_net (bp_window_get_network (window));
  BpSelection sel;

  select_node (diagram, 0, 0);
  g_assert_false (press (diagram, GDK_KEY_Return));
  g_assert_false (bp_diagram_get_unfolded (diagram, NULL));
  select_node (diagram, net->n_layers, 0);
  g_assert_true (press (diagram, GDK_KEY_Return));
  select_node (diagram, 1, 0);
  g_assert_true (press (diagram, GDK_KEY_Return));
  g_assert_true (bp_diagram_get_unfolded (diagram, &sel));
  g_assert_cmpuint (sel.layer, ==, 1);
  g_assert_cmpuint (sel.to, ==, 0);
  close_window (window);
}

/* The description reads the unfolded graph's numbers: ∂L/∂w₁ is the engine's. */
static void
test_description (void)
{
  BpWindow *window = new_settled_window (1280, 800);
  BpDiagram *diagram = diagram_of (window);
  const BpNet *net = bp_network_get_net (bp_window_get_network (window));
  g_autofree char *before = bp_diagram_dup_description (diagram);
  g_autofree char *after = NULL;
  g_autofree char *name = bp_format_net_neuron (net, 1, 2);
  g_autofree char *title = g_strdup_printf ("%s, unfolded", name);
  char g[BP_NUMBER_SIZE];
  g_autofree char *expected = NULL;

  select_node (diagram, 1, 2);
  g_assert_true (press (diagram, GDK_KEY_Return));
  after = bp_diagram_dup_description (diagram);
  g_assert_null (strstr (before, title));
  g_assert_nonnull (strstr (after, title));
  bp_format_number_into (bp_net_weight_gradient (net, 0, 2, 0), BP_NUMBER_FORMULA, g, sizeof g);
  expected = g_strdup_printf ("∂L/∂w₁ = %s,", g);
  g_assert_nonnull (strstr (after, expected));
  g_assert_true (press (diagram, GDK_KEY_Escape));
  g_free (after);
  after = bp_diagram_dup_description (diagram);
  g_assert_null (strstr (after, title));
  close_window (window);
}

/* The export carries the unfolded neuron: the picture differs from the folded one. */
static void
test_export (void)
{
  BpWindow *window = new_settled_window (1280, 800);
  BpDiagram *diagram = diagram_of (window);
  const BpNet *net = bp_network_get_net (bp_window_get_network (window));
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  g_autofree char *dir = g_dir_make_tmp ("unfold-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "net.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) open = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *plain_svg = NULL;
  BpSelection sel;

  select_node (diagram, 1, 0);
  g_assert_true (press (diagram, GDK_KEY_Return));
  g_assert_true (bp_diagram_get_unfolded (diagram, &sel));
  plain = bp_export_diagram_bytes (&(BpDiagramPicture) { .net = net, .palette = palette },
                                   BP_EXPORT_PNG, 960, 600, NULL);
  open = bp_export_diagram_bytes (&(BpDiagramPicture) {
                                    .net = net, .palette = palette, .unfold = &sel },
                                  BP_EXPORT_PNG, 960, 600, NULL);
  g_assert_nonnull (plain);
  g_assert_nonnull (open);
  g_assert_false (g_bytes_equal (plain, open));
  /* File → Export: the window's own export, as SVG, has the card's text. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to-path", "(sii)",
                                             path, 960, 600));
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_true (press (diagram, GDK_KEY_Escape));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to-path", "(sii)",
                                             path, 960, 600));
  g_assert_true (g_file_get_contents (path, &plain_svg, NULL, NULL));
  g_assert_cmpuint (strlen (svg), >, strlen (plain_svg) + 1000);
  g_unlink (path);
  g_rmdir (dir);
  close_window (window);
}

/* A new shape folds the neuron; a new activation keeps it. */
static void
test_shape_folds (void)
{
  BpWindow *window = new_settled_window (1280, 800);
  BpDiagram *diagram = diagram_of (window);
  BpNetwork *network = bp_window_get_network (window);

  select_node (diagram, 1, 0);
  g_assert_true (press (diagram, GDK_KEY_Return));
  g_assert_true (bp_network_set_activation (network, 0, BP_ACTIVATION_RELU, NULL));
  g_assert_true (bp_diagram_get_unfolded (diagram, NULL));
  g_assert_true (bp_network_add_neuron (network, 1, 3, NULL));
  g_assert_false (bp_diagram_get_unfolded (diagram, NULL));
  close_window (window);
}

/* Sixteen inputs still fit: the output of a 2-16-1 network unfolds with a row for each, at
 * 1024 × 768, and the description reads all sixteen. */
static void
test_sixteen_inputs (void)
{
  BpWindow *window = new_settled_window (1280, 800);
  BpDiagram *diagram = diagram_of (window);
  BpNetwork *network = bp_window_get_network (window);
  const BpNet *net;
  g_autofree char *text = NULL;
  BpDiagramFrame frame;
  BpDiagramBox card;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
  while (bp_network_get_net (network)->sizes[1] < 16)
    g_assert_true (bp_network_add_neuron (network, 1, bp_network_get_net (network)->sizes[1],
                                          NULL));
  for (int k = 0; k < 20; k++)
    g_main_context_iteration (NULL, FALSE);
  net = bp_network_get_net (network);
  select_node (diagram, 2, 0);
  g_assert_true (press (diagram, GDK_KEY_Return));
  width = gtk_widget_get_width (GTK_WIDGET (diagram));
  height = gtk_widget_get_height (GTK_WIDGET (diagram));
  bp_diagram_fill_frame (diagram, &frame);
  g_assert_true (bp_diagram_frame_unfold_box (width, height, &frame, &card));
  g_assert_cmpfloat (card.x - card.half_width, >=, 0.0);
  g_assert_cmpfloat (card.y - card.half_height, >=, 0.0);
  g_assert_cmpfloat (card.x + card.half_width, <=, width);
  g_assert_cmpfloat (card.y + card.half_height, <=, height);
  text = bp_diagram_dup_description (diagram);
  g_assert_nonnull (strstr (text, "∂L/∂w₁₆ = "));
  g_assert_null (strstr (text, "more input"));
  g_assert_cmpuint (net->sizes[1], ==, 16);
  close_window (window);
}

/* Iterates the main loop until @done or two seconds pass. */
static gboolean
run_until (BpDiagram *diagram,
           gboolean (*done) (BpDiagram *diagram))
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (!done (diagram) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return done (diagram);
}

static gboolean
fully_open (BpDiagram *diagram)
{
  return diagram->unfold_progress >= 1.0;
}

static gboolean
fully_folded (BpDiagram *diagram)
{
  return diagram->unfold.kind == BP_SELECTION_NONE;
}

/* With animations on, the card grows out of the node on the frame clock and shrinks back
 * into it; it is drawn while it folds, and forgotten once folded. */
static void
test_animation (void)
{
  BpWindow *window = new_settled_window (1280, 800);
  BpDiagram *diagram = diagram_of (window);

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  select_node (diagram, 1, 1);
  g_assert_true (press (diagram, GDK_KEY_Return));
  g_assert_true (bp_diagram_get_unfolded (diagram, NULL));
  g_assert_cmpfloat (diagram->unfold_progress, <, 1.0);
  g_assert_true (run_until (diagram, fully_open));
  g_assert_true (press (diagram, GDK_KEY_Escape));
  g_assert_false (bp_diagram_get_unfolded (diagram, NULL));
  g_assert_cmpuint (diagram->unfold.kind, ==, BP_SELECTION_NODE);
  g_assert_true (run_until (diagram, fully_folded));
  g_assert_cmpfloat (diagram->unfold_progress, ==, 0.0);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_test_add_func ("/bp/window-unfold/return-unfolds", test_return_unfolds);
  g_test_add_func ("/bp/window-unfold/which", test_which_unfold);
  g_test_add_func ("/bp/window-unfold/double-click", test_double_click);
  g_test_add_func ("/bp/window-unfold/description", test_description);
  g_test_add_func ("/bp/window-unfold/export", test_export);
  g_test_add_func ("/bp/window-unfold/shape-folds", test_shape_folds);
  g_test_add_func ("/bp/window-unfold/sixteen-inputs", test_sixteen_inputs);
  g_test_add_func ("/bp/window-unfold/animation", test_animation);
  return g_test_run ();
}
