/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-boundary-view.c: the shared maps (evaluated lazily, at most once per frame, and
 * "changed" once per staleness) and the boundary view: its rendered colours agree with the
 * network's class, a click adds a point, a drag paints several as one undo entry, a right
 * press erases, the keyboard's crosshair adds and erases, a neuron's map is named, and the
 * accessible description follows training. */
#define G_LOG_DOMAIN "test-boundary-view"

#include "config.h"

#include "bp-boundary-view-private.h"
#include "bp-format.h"
#include "bp-maps.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#define SIZE 420

/* A 2-8-8-1 tanh network with a sigmoid output on a circle of 200 points, in dataset mode,
 * trained @steps mini-batch steps. */
static BpNetwork *
make_network (guint steps)
{
  const guint sizes[] = { 2, 8, 8, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  BpNet *net = bp_net_new (4, sizes, acts, BP_LOSS_CROSS_ENTROPY, NULL);
  g_autoptr(BpDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  BpNetwork *network;

  bp_net_init_seeded (net, 3);
  net->learning_rate = 0.1;
  network = bp_network_new_from_net (net, NULL);
  dataset = bp_dataset_generate (BP_GENERATOR_CIRCLE, 200, 0.0, 50.0, 5, &error);
  g_assert_no_error (error);
  bp_network_set_dataset (network, dataset, NULL);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  g_assert_no_error (error);
  if (steps > 0)
    g_assert_true (bp_network_step_n (network, steps, &error));
  return network;
}

static void
increment (guint *counter)
{
  (*counter)++;
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* A window of SIZE × SIZE showing the view, mapped and allocated. */
static GtkWindow *
show_view (BpBoundaryView *view)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_window_set_default_size (window, SIZE, SIZE);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  while (gtk_widget_get_width (GTK_WIDGET (view)) < SIZE - 20 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >=, SIZE - 20);
  return window;
}

/* The plane point under the widget's point (x, y), as the view lays the panel out. */
static void
to_plane (BpBoundaryView *view,
          double          x,
          double          y,
          double         *x1,
          double         *x2)
{
  BpHeatmapPlot plot;

  bp_boundary_view_plot (view, &plot);
  g_assert_cmpfloat (plot.size, >, 100);
  bp_heatmap_plot_to_plane (&plot, x, y, x1, x2);
}

static void
to_widget (BpBoundaryView *view,
           double          x1,
           double          x2,
           double         *x,
           double         *y)
{
  BpHeatmapPlot plot;

  bp_boundary_view_plot (view, &plot);
  bp_heatmap_plane_to_plot (&plot, x1, x2, x, y);
}

static GtkGesture *
find_drag (BpBoundaryView *view,
           guint           button)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller)
          && gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == button)
        return GTK_GESTURE (controller);
    }
  g_assert_not_reached ();
}

static gboolean
press_key (BpBoundaryView  *view,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          return handled;
        }
    }
  g_assert_not_reached ();
}

/* A press at (x, y), a drag through the offsets given, and the release. */
static void
drag (BpBoundaryView *view,
      guint           button,
      double          x,
      double          y,
      const double   *offsets,
      guint           n_offsets)
{
  GtkGesture *gesture = find_drag (view, button);
  double dx = 0, dy = 0;

  g_signal_emit_by_name (gesture, "drag-begin", x, y);
  for (guint k = 0; k + 1 < n_offsets; k += 2)
    {
      dx = offsets[k];
      dy = offsets[k + 1];
      g_signal_emit_by_name (gesture, "drag-update", dx, dy);
    }
  g_signal_emit_by_name (gesture, "drag-end", dx, dy);
}

/* The view as GTK renders it, on an image surface. */
static cairo_surface_t *
render (BpBoundaryView *view)
{
  int w = gtk_widget_get_width (GTK_WIDGET (view));
  int h = gtk_widget_get_height (GTK_WIDGET (view));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (view));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static BpColor
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 p = *(const guint32 *) (data + (gsize) y * cairo_image_surface_get_stride (surface)
                                  + (gsize) x * 4);

  return (BpColor) { ((p >> 16) & 0xff) / 255.0, ((p >> 8) & 0xff) / 255.0,
                     (p & 0xff) / 255.0, 1.0 };
}

static double
distance (BpColor a,
          BpColor b)
{
  return fabs (a.red - b.red) + fabs (a.green - b.green) + fabs (a.blue - b.blue);
}

/* The network's output at (x1, x2), computed by the engine on a copy. */
static double
output_at (BpNetwork *network,
           double     x1,
           double     x2)
{
  const BpNet *net = bp_network_get_net (network);
  BpNet *copy = bp_net_new (net->n_layers + 1, net->sizes, net->activations, net->loss_kind,
                            NULL);
  double input[BP_N_FEATURES], y;

  bp_net_copy_values (copy, net);
  bp_feature_set_fill (bp_network_get_features (network), x1, x2, input);
  bp_net_set_input (copy, input);
  bp_net_forward (copy);
  y = copy->a[copy->n_layers][0];
  bp_net_free (copy);
  return y;
}

static guint
n_points (BpNetwork *network)
{
  return bp_network_get_dataset (network)->n_points;
}

/* ---------------------------------------------------------------------------------------
 * Tests
 */

static void
test_maps_lazy (void)
{
  g_autoptr(BpNetwork) network = make_network (0);
  g_autoptr(BpNetwork) example = bp_network_new ();
  g_autoptr(BpMaps) maps = bp_maps_new (network);
  const BpHeatmap *heatmap;
  guint n_changed = 0;

  g_signal_connect_swapped (maps, "changed", G_CALLBACK (increment), &n_changed);
  g_assert_true (bp_maps_get_active (maps));
  heatmap = bp_maps_get_heatmap (maps);
  g_assert_nonnull (heatmap);
  g_assert_cmpuint (bp_maps_get_n_updates (maps), ==, 1);
  g_assert_cmpuint (bp_heatmap_get_grid (heatmap), ==, 100);
  g_assert_cmpuint (bp_heatmap_get_n_layers (heatmap), ==, 3);

  /* Many steps between two frames: one "changed", one evaluation. */
  for (guint k = 0; k < 20; k++)
    g_assert_true (bp_network_step (network, NULL));
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (bp_maps_get_n_updates (maps), ==, 1);
  bp_maps_get_heatmap (maps);
  bp_maps_get_heatmap (maps);
  g_assert_cmpuint (bp_maps_get_n_updates (maps), ==, 2);

  /* The maps are those of the network now. */
  {
    const double *values = bp_heatmap_get_values (heatmap, 3, 0);
    double x1, x2;

    bp_heatmap_cell_center (100, 17, 71, &x1, &x2);
    g_assert_cmpfloat_with_epsilon (values[71 * 100 + 17], output_at (network, x1, x2), 1e-9);
  }

  /* A new palette or discretisation recolours without a pass. */
  bp_maps_set_discretize (maps, TRUE);
  bp_maps_set_palette_choice (maps, BP_PALETTE_CHOICE_HIGH_CONTRAST);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_true (bp_maps_get_palette (maps) == bp_palette_resolve (BP_PALETTE_CHOICE_HIGH_CONTRAST,
                                                                   FALSE, FALSE)
                 || bp_maps_get_palette (maps) == bp_palette_resolve
                                                    (BP_PALETTE_CHOICE_HIGH_CONTRAST, TRUE,
                                                     FALSE));
  bp_maps_get_heatmap (maps);
  g_assert_cmpuint (bp_maps_get_n_updates (maps), ==, 2);

  /* One example: nothing to show. */
  bp_maps_set_network (maps, example);
  g_assert_false (bp_maps_get_active (maps));
  g_assert_null (bp_maps_get_heatmap (maps));
  bp_maps_set_network (maps, network);
  g_assert_true (bp_maps_get_active (maps));
  g_assert_nonnull (bp_maps_get_heatmap (maps));
}

/* Off the points, the rendered view is in the colour of the network's class there. */
static void
test_colour_agrees (void)
{
  g_autoptr(BpNetwork) network = make_network (600);
  g_autoptr(BpMaps) maps = bp_maps_new (network);
  BpBoundaryView *view = BP_BOUNDARY_VIEW (bp_boundary_view_new ());
  GtkWindow *window;
  cairo_surface_t *surface;
  const BpDataset *d = bp_network_get_dataset (network);
  const BpPalette *palette;
  BpColor high, low;
  guint n_checked = 0, n_classes[2] = { 0, 0 };

  g_assert_cmpfloat (bp_network_get_train_accuracy (network), >, 0.8);
  bp_boundary_view_set_maps (view, maps);
  bp_boundary_view_set_discretize (view, TRUE);
  g_assert_true (bp_boundary_view_get_network (view) == network);
  window = show_view (view);
  surface = render (view);
  palette = bp_maps_get_palette (maps);
  high = bp_heat_map_color (palette, 1.0);
  low = bp_heat_map_color (palette, 0.0);
  g_assert_cmpfloat (distance (high, low), >, 0.3);

  /* Beside every training point (the points themselves are drawn over the map), where no
   * point covers the map and the output is not right at the boundary. */
  for (guint i = 0; i < d->n_train * 4; i++)
    {
      const double offsets[4][2] = { { 0.45, 0 }, { -0.45, 0 }, { 0, 0.45 }, { 0, -0.45 } };
      double q1 = d->points[i / 4].x1 + offsets[i % 4][0];
      double q2 = d->points[i / 4].x2 + offsets[i % 4][1];
      gboolean clear = fabs (q1) < 5.8 && fabs (q2) < 5.8;
      double y, x, py;
      BpColor c;
      gboolean one;

      for (guint j = 0; j < d->n_points && clear; j++)
        clear = hypot (d->points[j].x1 - q1, d->points[j].x2 - q2) > 0.35;
      y = output_at (network, q1, q2);
      if (!clear || fabs (y - 0.5) < 0.05)
        continue;
      to_widget (view, q1, q2, &x, &py);
      c = pixel (surface, (int) x, (int) py);
      one = distance (c, high) < distance (c, low);
      g_assert_cmpint (one, ==, y >= 0.5);
      n_checked++;
      n_classes[one]++;
    }
  g_assert_cmpuint (n_checked, >=, 40);
  g_assert_cmpuint (n_classes[0], >, 0);
  g_assert_cmpuint (n_classes[1], >, 0);

  cairo_surface_destroy (surface);
  gtk_window_destroy (window);
}

static void
test_click_drag_erase_undo (void)
{
  g_autoptr(BpNetwork) network = make_network (0);
  BpBoundaryView *view = BP_BOUNDARY_VIEW (bp_boundary_view_new ());
  BpUndo *undo = bp_network_get_undo (network);
  GtkWindow *window;
  g_autoptr(BpDataset) before = NULL;
  const BpDataset *d;
  guint n0 = n_points (network), n_undo = bp_undo_get_n_undo (undo);
  double x, y, x1, x2, px_per_unit;
  const double path[] = { 10, 0, 25, 0, 40, 0, 55, 0 };

  bp_boundary_view_set_network (view, network);
  g_assert_nonnull (bp_boundary_view_get_maps (view));
  window = show_view (view);

  /* A click adds one training point of the label, where it is. */
  bp_boundary_view_set_draw_label (view, 0.0);
  to_widget (view, -2.0, 3.0, &x, &y);
  drag (view, GDK_BUTTON_PRIMARY, x, y, NULL, 0);
  d = bp_network_get_dataset (network);
  g_assert_cmpuint (d->n_points, ==, n0 + 1);
  to_plane (view, x, y, &x1, &x2);
  g_assert_cmpfloat (d->points[d->n_train - 1].x1, ==, x1);
  g_assert_cmpfloat (d->points[d->n_train - 1].x2, ==, x2);
  g_assert_cmpfloat (d->points[d->n_train - 1].label, ==, 0.0);
  g_assert_cmpint (d->generator, ==, BP_GENERATOR_DRAWN);
  g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, n_undo + 1);

  /* A drag of 55 pixels paints a point at the press and one every 0.35 units: one entry. */
  bp_boundary_view_set_draw_label (view, 1.0);
  before = bp_dataset_copy (bp_network_get_dataset (network));
  to_widget (view, 1.0, 1.0, &x, &y);
  {
    double xa, xb, dummy;

    to_plane (view, 0, 0, &xa, &dummy);
    to_plane (view, 1, 0, &xb, &dummy);
    px_per_unit = 1.0 / (xb - xa);
  }
  drag (view, GDK_BUTTON_PRIMARY, x, y, path, G_N_ELEMENTS (path));
  g_assert_cmpuint (n_points (network), ==,
                    before->n_points + 1 + (guint) floor (55.0 / px_per_unit / 0.35 + 1e-9));
  g_assert_cmpuint (n_points (network), >=, before->n_points + 4);
  g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, n_undo + 2);
  d = bp_network_get_dataset (network);
  for (guint i = before->n_train; i < d->n_train; i++)
    {
      g_assert_cmpfloat (d->points[i].label, ==, 1.0);
      g_assert_cmpfloat_with_epsilon (d->points[i].x2, d->points[before->n_train].x2, 1e-9);
    }

  /* Undo takes the whole drag away, redo brings it back. */
  g_assert_true (bp_undo_undo (undo));
  g_assert_true (bp_dataset_equal (bp_network_get_dataset (network), before));
  g_assert_true (bp_undo_redo (undo));
  g_assert_cmpuint (n_points (network), >, before->n_points);

  /* A right press on the drag's start erases what is within 0.4 units. */
  g_clear_pointer (&before, bp_dataset_free);
  before = bp_dataset_copy (bp_network_get_dataset (network));
  drag (view, GDK_BUTTON_SECONDARY, x, y, NULL, 0);
  g_assert_cmpuint (n_points (network), <, before->n_points);
  to_plane (view, x, y, &x1, &x2);
  d = bp_network_get_dataset (network);
  for (guint i = 0; i < d->n_points; i++)
    g_assert_cmpfloat (hypot (d->points[i].x1 - x1, d->points[i].x2 - x2), >,
                       BP_BOUNDARY_ERASE_RADIUS);
  g_assert_true (bp_undo_undo (undo));
  g_assert_true (bp_dataset_equal (bp_network_get_dataset (network), before));

  /* A press outside the plane draws nothing. */
  drag (view, GDK_BUTTON_PRIMARY, 2, 2, NULL, 0);
  g_assert_true (bp_dataset_equal (bp_network_get_dataset (network), before));

  gtk_window_destroy (window);
}

/* Waits until the description holds @text (it is updated a few times a second). */
static void
wait_for_text (BpBoundaryView *view,
               const char     *text)
{
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (strstr (bp_boundary_view_get_description (view), text) == NULL
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (strstr (bp_boundary_view_get_description (view), text));
}

static void
test_keyboard (void)
{
  g_autoptr(BpNetwork) network = make_network (0);
  BpBoundaryView *view = BP_BOUNDARY_VIEW (bp_boundary_view_new ());
  GtkWindow *window;
  const BpDataset *d;
  guint n0 = n_points (network);

  bp_boundary_view_set_network (view, network);
  window = show_view (view);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (view)));

  for (guint k = 0; k < 4; k++)
    g_assert_true (press_key (view, GDK_KEY_Right, 0));
  g_assert_true (press_key (view, GDK_KEY_Up, GDK_SHIFT_MASK));
  g_assert_true (press_key (view, GDK_KEY_Up, GDK_SHIFT_MASK));
  g_assert_true (press_key (view, GDK_KEY_Down, 0));
  g_assert_true (press_key (view, GDK_KEY_Return, 0));
  d = bp_network_get_dataset (network);
  g_assert_cmpuint (d->n_points, ==, n0 + 1);
  g_assert_cmpfloat (d->points[d->n_train - 1].x1, ==, 1.0);
  g_assert_cmpfloat (d->points[d->n_train - 1].x2, ==, 1.75);
  g_assert_cmpfloat (d->points[d->n_train - 1].label, ==, 1.0);

  /* The crosshair stays in the plane. */
  for (guint k = 0; k < 10; k++)
    g_assert_true (press_key (view, GDK_KEY_Left, GDK_SHIFT_MASK));
  g_assert_true (press_key (view, GDK_KEY_space, 0));
  d = bp_network_get_dataset (network);
  g_assert_cmpfloat (d->points[d->n_train - 1].x1, ==, -6.0);

  g_assert_true (press_key (view, GDK_KEY_Delete, 0));
  g_assert_cmpuint (n_points (network), ==, n0 + 1);
  for (guint k = 0; k < 7; k++)
    g_assert_true (press_key (view, GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_true (press_key (view, GDK_KEY_BackSpace, 0));
  g_assert_cmpuint (n_points (network), <=, n0);
  d = bp_network_get_dataset (network);
  for (guint i = 0; i < d->n_points; i++)
    g_assert_cmpfloat (hypot (d->points[i].x1 - 1.0, d->points[i].x2 - 1.75), >,
                       BP_BOUNDARY_ERASE_RADIUS);
  /* A screen reader hears where the crosshair is, and the map's value there. */
  wait_for_text (view, "Crosshair at x1 = 1");
  /* The value is the output in the crosshair's cell. */
  {
    guint column, row;
    double c1, c2;
    char number[BP_NUMBER_SIZE];
    g_autofree char *sentence = NULL;

    g_assert_true (bp_heatmap_cell_at (100, 1.0, 1.75, &column, &row));
    bp_heatmap_cell_center (100, column, row, &c1, &c2);
    bp_format_number_into (output_at (network, c1, c2), BP_NUMBER_FORMULA, number,
                           sizeof number);
    sentence = g_strdup_printf ("Value there: %s.", number);
    wait_for_text (view, sentence);
  }
  /* Keys the view does not use go on to the window. */
  g_assert_false (press_key (view, GDK_KEY_a, 0));
  g_assert_false (press_key (view, GDK_KEY_Right, GDK_CONTROL_MASK));

  gtk_window_destroy (window);
}

/* Waits until the description differs from @text (it is updated a few times a second). */
static gboolean
wait_description_change (BpBoundaryView *view,
                         const char     *text)
{
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (g_strcmp0 (bp_boundary_view_get_description (view), text) == 0
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return g_strcmp0 (bp_boundary_view_get_description (view), text) != 0;
}

static void
test_description (void)
{
  g_autoptr(BpNetwork) network = make_network (0);
  g_autoptr(BpNetwork) example = bp_network_new ();
  BpBoundaryView *view = BP_BOUNDARY_VIEW (bp_boundary_view_new ());
  GtkWindow *window;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;

  bp_boundary_view_set_network (view, network);
  window = show_view (view);
  wait_ms (400);
  before = g_strdup (bp_boundary_view_get_description (view));
  g_assert_nonnull (strstr (before, "Output over the input plane."));
  g_assert_nonnull (strstr (before, "100 training points"));
  g_assert_nonnull (strstr (before, "100 test points, shown"));
  g_assert_nonnull (strstr (before, "accuracy"));

  g_assert_true (bp_network_step_n (network, 300, NULL));
  g_assert_true (wait_description_change (view, before));
  g_assert_nonnull (strstr (bp_boundary_view_get_description (view), "test loss"));

  text = g_strdup (bp_boundary_view_get_description (view));
  bp_boundary_view_set_show_test (view, FALSE);
  g_assert_true (wait_description_change (view, text));
  g_assert_nonnull (strstr (bp_boundary_view_get_description (view), "100 test points, hidden"));

  /* A neuron's map is named in the description and drawn under a heading. */
  g_free (text);
  text = g_strdup (bp_boundary_view_get_description (view));
  bp_boundary_view_show_neuron (view, 1, 2);
  g_assert_true (wait_description_change (view, text));
  g_assert_nonnull (strstr (bp_boundary_view_get_description (view), "neuron h1,3"));
  {
    guint layer, neuron;

    g_assert_true (bp_boundary_view_get_shown_neuron (view, &layer, &neuron));
    g_assert_cmpuint (layer, ==, 1);
    g_assert_cmpuint (neuron, ==, 2);
  }
  cairo_surface_destroy (render (view));
  bp_boundary_view_show_output (view);
  g_assert_false (bp_boundary_view_get_shown_neuron (view, NULL, NULL));

  /* Example mode: nothing to show, and it says so. */
  bp_boundary_view_set_network (view, example);
  wait_ms (400);
  g_assert_nonnull (strstr (bp_boundary_view_get_description (view), "No dataset"));
  cairo_surface_destroy (render (view));

  gtk_window_destroy (window);
}

/* The view and the maps it made go with it; the network stays the caller's. */
static void
test_finalize (void)
{
  g_autoptr(BpNetwork) network = make_network (0);
  BpBoundaryView *view = g_object_ref_sink (BP_BOUNDARY_VIEW (bp_boundary_view_new ()));
  BpMaps *maps;

  bp_boundary_view_set_network (view, network);
  bp_boundary_view_set_maps (view, NULL);
  bp_boundary_view_set_network (view, NULL);
  bp_boundary_view_set_network (view, network);
  maps = bp_boundary_view_get_maps (view);
  g_assert_nonnull (maps);
  g_object_add_weak_pointer (G_OBJECT (maps), (gpointer *) &maps);
  g_assert_finalize_object (view);
  g_assert_null (maps);
  g_assert_true (bp_network_step (network, NULL));
}

/* Pictures to look at, not a test: BP_BOUNDARY_PNG_DIR=DIR writes the view of a trained
 * network (its output, discretised, a hidden neuron's map) in light and dark. */
static void
save_png (BpBoundaryView *view,
          const char     *dir,
          const char     *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface;

  wait_ms (200);
  surface = render (view);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
test_save_pictures (void)
{
  const char *dir = g_getenv ("BP_BOUNDARY_PNG_DIR");
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(BpNetwork) network = NULL;
  BpBoundaryView *view;
  GtkWindow *window;

  if (dir == NULL)
    {
      g_test_skip ("set BP_BOUNDARY_PNG_DIR to write the pictures");
      return;
    }
  g_mkdir_with_parents (dir, 0755);
  network = make_network (600);
  view = BP_BOUNDARY_VIEW (bp_boundary_view_new ());
  bp_boundary_view_set_network (view, network);
  window = show_view (view);
  save_png (view, dir, "boundary-light.png");
  bp_boundary_view_set_discretize (view, TRUE);
  save_png (view, dir, "boundary-discrete.png");
  bp_boundary_view_set_discretize (view, FALSE);
  bp_boundary_view_show_neuron (view, 2, 1);
  save_png (view, dir, "boundary-neuron.png");
  bp_boundary_view_show_output (view);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_window_set_focus_visible (window, TRUE);
  press_key (view, GDK_KEY_Right, GDK_SHIFT_MASK);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  save_png (view, dir, "boundary-dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/boundary-view/maps-lazy", test_maps_lazy);
  g_test_add_func ("/boundary-view/colour-agrees", test_colour_agrees);
  g_test_add_func ("/boundary-view/click-drag-erase-undo", test_click_drag_erase_undo);
  g_test_add_func ("/boundary-view/keyboard", test_keyboard);
  g_test_add_func ("/boundary-view/description", test_description);
  g_test_add_func ("/boundary-view/finalize", test_finalize);
  g_test_add_func ("/boundary-view/save-pictures", test_save_pictures);

  return g_test_run ();
}
