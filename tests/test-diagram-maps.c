/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-diagram-maps.c: the diagram in dataset mode, where every node shows its own map over
 * the input plane, and the diagram's re-layout after a change of shape: drawn offscreen,
 * exported, and in the widget, whose frame time the tests drive. */
#define G_LOG_DOMAIN "test-diagram-maps"

#include "config.h"

#include "bp-diagram-private.h"
#include "bp-export.h"
#include "bp-heatmap.h"
#include "bp-reshape.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#define WIDTH 1024
#define HEIGHT 768
#define MAP_FEATURES (BP_FEATURE_BIT (BP_FEATURE_X1) | BP_FEATURE_BIT (BP_FEATURE_X2) \
                      | BP_FEATURE_BIT (BP_FEATURE_X1_SQUARED)                        \
                      | BP_FEATURE_BIT (BP_FEATURE_X2_SQUARED)                        \
                      | BP_FEATURE_BIT (BP_FEATURE_SIN_X1) | BP_FEATURE_BIT (BP_FEATURE_SIN_X2))

/* The benchmark's network: 6-8-8-8-1, tanh hidden layers, a sigmoid output. */
static BpNet *
make_map_net (guint32 seed)
{
  const guint sizes[] = { 6, 8, 8, 8, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  g_autoptr(GError) error = NULL;
  BpNet *net = bp_net_new (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR, &error);

  g_assert_no_error (error);
  bp_net_init_seeded (net, seed);
  /* Biases of both signs, so that the maps differ at the plane's origin, where every
   * feature is 0. */
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      bp_net_set_bias (net, l, j, (j % 2 ? -0.25 : 0.2) * (j + 1));
  bp_net_forward (net);
  return net;
}

static BpNet *
make_small_net (void)
{
  const guint sizes[] = { 2, 3, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(GError) error = NULL;
  BpNet *net = bp_net_new (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR, &error);

  g_assert_no_error (error);
  bp_net_init_seeded (net, 7);
  bp_net_forward (net);
  return net;
}

static cairo_surface_t *
draw_frame (const BpDiagramFrame *frame)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  bp_diagram_draw_frame (cr, WIDTH, HEIGHT, frame);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y,
          double           rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p = *(const guint32 *) (data + (int) floor (y) * stride + 4 * (int) floor (x));

  rgb[0] = ((p >> 16) & 0xff) / 255.0;
  rgb[1] = ((p >> 8) & 0xff) / 255.0;
  rgb[2] = (p & 0xff) / 255.0;
}

/* The colour the map of (@layer, @neuron) has at the plane's origin: its grid is odd, so
 * the origin is the middle of one cell. */
static BpColor
origin_colour (const BpHeatmap *heatmap,
               const BpPalette *palette,
               guint            layer,
               guint            neuron)
{
  guint grid = bp_heatmap_get_grid (heatmap), column, row;
  const double *values = bp_heatmap_get_values (heatmap, layer, neuron);
  BpHeatScale scale = bp_heatmap_get_scale (heatmap, layer, neuron);

  g_assert_true (bp_heatmap_cell_at (grid, 0.0, 0.0, &column, &row));
  return bp_heat_map_color (palette,
                            bp_heat_scale_position (scale, values[row * grid + column]));
}

/* Each node's centre shows its own map's colour at the plane's origin, in @kind. */
static void
check_centres (BpPaletteKind kind)
{
  g_autoptr(BpNet) net = make_map_net (11);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (101);
  const BpPalette *palette = bp_palette_get (kind);
  BpDiagramFrame frame = { .after = net, .zoom = 1.0, .text_scale = 1.0, .palette = palette,
                           .heatmap = heatmap };
  cairo_surface_t *surface;
  guint distinct = 0;
  BpColor first = { 0 };

  bp_heatmap_update (heatmap, net, MAP_FEATURES, palette);
  surface = draw_frame (&frame);
  for (guint c = 0; c <= net->n_layers; c++)
    for (guint i = 0; i < net->sizes[c]; i++)
      {
        BpColor want = origin_colour (heatmap, palette, c, i);
        BpDiagramBox box;
        double rgb[3];

        g_assert_true (bp_diagram_frame_node_box (WIDTH, HEIGHT, &frame, c, i, &box));
        pixel_at (surface, box.x, box.y, rgb);
        g_assert_cmpfloat_with_epsilon (rgb[0], want.red, 0.03);
        g_assert_cmpfloat_with_epsilon (rgb[1], want.green, 0.03);
        g_assert_cmpfloat_with_epsilon (rgb[2], want.blue, 0.03);
        if (c == 1 && i == 0)
          first = want;
        else if (c > 0 && fabs (want.red - first.red) + fabs (want.blue - first.blue) > 0.1)
          distinct++;
      }
  /* The maps differ from neuron to neuron, so the centres could not all pass by chance. */
  g_assert_cmpuint (distinct, >, 3);
  cairo_surface_destroy (surface);
}

static void
test_centres_all_palettes (void)
{
  for (guint kind = 0; kind < BP_N_PALETTES; kind++)
    check_centres (kind);
}

/* Without maps, or with maps of another shape (the window's heatmap not yet updated after
 * an edit), the nodes are drawn as in example mode. */
static void
test_no_maps_for_another_shape (void)
{
  g_autoptr(BpNet) net = make_map_net (11);
  g_autoptr(BpNet) other = make_small_net ();
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (101);
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  BpDiagramFrame frame = { .after = net, .zoom = 1.0, .text_scale = 1.0, .palette = palette };
  cairo_surface_t *plain, *mismatched, *mapped;
  gsize n = (gsize) HEIGHT * WIDTH * 4;

  plain = draw_frame (&frame);
  bp_heatmap_update (heatmap, other, BP_FEATURES_DEFAULT, palette);
  frame.heatmap = heatmap;
  mismatched = draw_frame (&frame);
  g_assert_true (memcmp (cairo_image_surface_get_data (plain),
                         cairo_image_surface_get_data (mismatched), n) == 0);
  bp_heatmap_update (heatmap, net, MAP_FEATURES, palette);
  mapped = draw_frame (&frame);
  g_assert_false (memcmp (cairo_image_surface_get_data (plain),
                          cairo_image_surface_get_data (mapped), n) == 0);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (mismatched);
  cairo_surface_destroy (mapped);
}

static guint
count_occurrences (GBytes     *bytes,
                   const char *needle)
{
  gsize size, len = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &size);
  guint n = 0;

  for (gsize k = 0; k + len <= size; k++)
    if (memcmp (data + k, needle, len) == 0)
      n++;
  return n;
}

/* PNG, SVG and PDF exports carry the maps: one image per node in the vector files. */
static void
test_export_formats (void)
{
  g_autoptr(BpNet) net = make_map_net (5);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
  const BpPalette *palette = bp_palette_get (BP_PALETTE_DARK);
  guint n_nodes = 6 + 8 + 8 + 8 + 1;
  g_autoptr(GError) error = NULL;

  bp_heatmap_update (heatmap, net, MAP_FEATURES, palette);
  for (BpExportFormat format = BP_EXPORT_PNG; format <= BP_EXPORT_PDF; format++)
    {
      g_autoptr(GBytes) with = bp_export_diagram_bytes (&(BpDiagramPicture) {
                                                          .net = net, .heatmap = heatmap,
                                                          .palette = palette },
                                                        format, 1600, 900, &error);
      g_autoptr(GBytes) without = bp_export_diagram_bytes (&(BpDiagramPicture) {
                                                             .net = net, .palette = palette },
                                                           format, 1600, 900, &error);

      g_assert_no_error (error);
      g_assert_nonnull (with);
      g_assert_false (g_bytes_equal (with, without));
      if (format == BP_EXPORT_SVG)
        {
          g_assert_cmpuint (count_occurrences (with, "<image"), >=, n_nodes);
          g_assert_cmpuint (count_occurrences (without, "<image"), ==, 0);
        }
      else if (format == BP_EXPORT_PDF)
        {
          g_assert_cmpuint (count_occurrences (with, "/Subtype /Image"), >=, 1);
          g_assert_cmpuint (count_occurrences (without, "/Subtype /Image"), ==, 0);
        }
      else
        g_assert_cmpuint (g_bytes_get_size (with), >, g_bytes_get_size (without));
    }
}

/* `backprop-cli render` of a dataset file draws the maps: its picture is, byte for byte,
 * the export with the maps of the file's network, and not the one without. */
static void
test_cli_render (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("backprop-maps-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "spiral.json", NULL);
  g_autofree char *png = g_build_filename (dir, "spiral.png", NULL);
  const char *cli = g_getenv ("BACKPROP_CLI");
  const char *new_args[] = { cli, "new", "--sizes", "4,5,1", "--activations", "tanh,sigmoid",
                             "--dataset", "spiral", "--features", "x1,x2,sin_x1,sin_x2",
                             "--seed", "4", "--output", path, NULL };
  const char *render_args[] = { cli, "render", path, "--output", png, "--width", "800",
                                "--height", "500", NULL };
  const char * const *runs[] = { new_args, render_args };
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  g_autoptr(GBytes) with = NULL, without = NULL, rendered = NULL;
  char *contents;
  gsize size;

  g_assert_no_error (error);
  g_assert_nonnull (cli);
  for (guint k = 0; k < G_N_ELEMENTS (runs); k++)
    {
      int status = -1;

      g_spawn_sync (NULL, (char **) runs[k], NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                    NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  g_assert_true (g_file_get_contents (png, &contents, &size, NULL));
  rendered = g_bytes_new_take (contents, size);
  g_assert_true (bp_network_load (network, file, &error));
  g_assert_no_error (error);
  bp_heatmap_update (heatmap, bp_network_get_net (network), bp_network_get_features (network),
                     palette);
  with = bp_export_diagram_bytes (&(BpDiagramPicture) {
                                    .net = bp_network_get_net (network), .heatmap = heatmap,
                                    .palette = palette }, BP_EXPORT_PNG, 800, 500, &error);
  without = bp_export_diagram_bytes (&(BpDiagramPicture) {
                                       .net = bp_network_get_net (network),
                                       .palette = palette }, BP_EXPORT_PNG, 800, 500, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (rendered, with));
  g_assert_false (g_bytes_equal (rendered, without));
  g_remove (path);
  g_remove (png);
  g_rmdir (dir);
}

/* The frame of @net moving on from @old's layout, @progress of the way. */
static void
relayout_boxes (const BpNet *old,
                const BpNet *net,
                double       progress,
                guint        layer,
                guint        index,
                BpDiagramBox *box)
{
  BpDiagramFrame before = { .after = old, .zoom = 1.0, .text_scale = 1.0 };
  BpDiagramFrame frame = { .after = net, .zoom = 1.0, .text_scale = 1.0,
                           .motion_progress = progress };
  g_autoptr(BpDiagramMotion) motion = bp_diagram_motion_new (WIDTH, HEIGHT, &before);

  BpSelection hit;

  frame.motion = motion;
  g_assert_true (bp_diagram_frame_node_box (WIDTH, HEIGHT, &frame, layer, index, box));
  /* What is under the pointer is what is drawn there, moving or not. */
  g_assert_true (bp_diagram_frame_hit (WIDTH, HEIGHT, &frame, box->x, box->y, &hit));
  g_assert_cmpint (hit.kind, ==, BP_SELECTION_NODE);
  g_assert_cmpuint (hit.layer, ==, layer);
  g_assert_cmpuint (hit.to, ==, index);
}

static void
static_box (const BpNet  *net,
            guint         layer,
            guint         index,
            BpDiagramBox *box)
{
  BpDiagramFrame frame = { .after = net, .zoom = 1.0, .text_scale = 1.0 };

  g_assert_true (bp_diagram_frame_node_box (WIDTH, HEIGHT, &frame, layer, index, box));
}

static void
assert_between (double value,
                double a,
                double b)
{
  g_assert_cmpfloat (value, >=, MIN (a, b) - 1e-9);
  g_assert_cmpfloat (value, <=, MAX (a, b) + 1e-9);
}

/* Node (@layer, @index) of @net, which was (@old_layer, @old_index) of @old: it starts where
 * it was, lies between there and its place mid-way (further than half way: easing out),
 * and ends exactly where the still layout puts it. */
static void
check_glide (const BpNet *old,
             guint        old_layer,
             guint        old_index,
             const BpNet *net,
             guint        layer,
             guint        index)
{
  BpDiagramBox from, to, start, mid, end;

  static_box (old, old_layer, old_index, &from);
  static_box (net, layer, index, &to);
  g_assert_true (fabs (from.x - to.x) + fabs (from.y - to.y) > 1.0);
  relayout_boxes (old, net, 0.0, layer, index, &start);
  relayout_boxes (old, net, 0.5, layer, index, &mid);
  relayout_boxes (old, net, 1.0, layer, index, &end);
  g_assert_cmpfloat_with_epsilon (start.x, from.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (start.y, from.y, 1e-9);
  assert_between (mid.x, from.x, to.x);
  assert_between (mid.y, from.y, to.y);
  assert_between (mid.half_height, from.half_height, to.half_height);
  if (fabs (to.x - from.x) > 1.0)
    g_assert_cmpfloat (fabs (mid.x - from.x), >, 0.5 * fabs (to.x - from.x));
  else
    g_assert_cmpfloat (fabs (mid.y - from.y), >, 0.5 * fabs (to.y - from.y));
  g_assert_true (memcmp (&end, &to, sizeof end) == 0);
}

static BpNet *
reshaped (const BpNet   *net,
          BpReshapeKind  kind,
          guint          layer,
          guint          index,
          guint          size)
{
  BpReshape edit = { kind, layer, index, size };
  g_autoptr(GError) error = NULL;
  BpNet *out = bp_net_reshape (net, &edit, 3, &error);

  g_assert_no_error (error);
  bp_net_forward (out);
  return out;
}

/* A neuron added: the others of its layer and the output glide to their new places. */
static void
test_relayout_add_neuron (void)
{
  g_autoptr(BpNet) old = make_small_net ();
  g_autoptr(BpNet) net = reshaped (old, BP_RESHAPE_ADD_NEURON, 1, 3, 0);

  check_glide (old, 1, 0, net, 1, 0);
  check_glide (old, 1, 2, net, 1, 2);
}

/* A hidden layer added next to the input: the old hidden layer (now layer 2) and the
 * output glide right, found by their kept weights, not by their numbers. */
static void
test_relayout_add_layer (void)
{
  g_autoptr(BpNet) old = make_small_net ();
  g_autoptr(BpNet) first = reshaped (old, BP_RESHAPE_ADD_LAYER, 1, 0, 3);
  g_autoptr(BpNet) last = reshaped (old, BP_RESHAPE_ADD_LAYER, 2, 0, 3);

  check_glide (old, 1, 1, first, 2, 1);
  check_glide (old, 2, 0, first, 3, 0);
  check_glide (old, 2, 0, last, 3, 0);
  /* And back: removing it glides them home. */
  check_glide (first, 2, 1, old, 1, 1);
}

static BpNet *
make_net_of (guint n_inputs)
{
  const guint sizes[] = { n_inputs, 3, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(GError) error = NULL;
  BpNet *net = bp_net_new (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR, &error);

  g_assert_no_error (error);
  bp_net_init_seeded (net, n_inputs);
  return net;
}

/* A feature switched on between others (x1, x2, sin x1 → x1, x2, x1², sin x1): the input
 * that was third is found fourth by its kept weights, and glides there. */
static void
test_relayout_features (void)
{
  g_autoptr(BpNet) old = make_net_of (3);
  g_autoptr(BpNet) net = make_net_of (4);
  const guint from[] = { 0, 1, 3 };

  for (guint j = 0; j < 3; j++)
    {
      for (guint k = 0; k < G_N_ELEMENTS (from); k++)
        bp_net_set_weight (net, 0, j, from[k], *bp_net_weight (old, 0, j, k));
      bp_net_set_weight (net, 1, 0, j, *bp_net_weight (old, 1, 0, j));
    }
  bp_net_forward (old);
  bp_net_forward (net);
  check_glide (old, 0, 2, net, 0, 3);
  check_glide (old, 0, 0, net, 0, 0);
}

/* Mid-way the picture is neither the old layout nor the new one, and at its end it is the
 * still frame's, pixel for pixel. */
static void
test_relayout_draws (void)
{
  g_autoptr(BpNet) old = make_small_net ();
  g_autoptr(BpNet) net = reshaped (old, BP_RESHAPE_ADD_LAYER, 2, 0, 4);
  BpDiagramFrame before = { .after = old, .zoom = 1.0, .text_scale = 1.0 };
  BpDiagramFrame frame = { .after = net, .zoom = 1.0, .text_scale = 1.0 };
  g_autoptr(BpDiagramMotion) motion = bp_diagram_motion_new (WIDTH, HEIGHT, &before);
  cairo_surface_t *still = draw_frame (&frame), *mid, *end;
  gsize n = (gsize) HEIGHT * WIDTH * 4;

  frame.motion = motion;
  frame.motion_progress = 0.4;
  mid = draw_frame (&frame);
  frame.motion_progress = 1.0;
  end = draw_frame (&frame);
  g_assert_false (memcmp (cairo_image_surface_get_data (still),
                          cairo_image_surface_get_data (mid), n) == 0);
  g_assert_true (memcmp (cairo_image_surface_get_data (still),
                         cairo_image_surface_get_data (end), n) == 0);
  cairo_surface_destroy (still);
  cairo_surface_destroy (mid);
  cairo_surface_destroy (end);
}

/* The widget. */

typedef struct {
  BpNetwork *network;
  BpPlayback *playback;
  BpDiagram *diagram;
  GtkWindow *window;
  BpHeatmap *heatmap;
  guint heatmap_calls;
} Fixture;

static const BpHeatmap *
get_heatmap (gpointer data)
{
  Fixture *f = data;

  f->heatmap_calls++;
  bp_heatmap_update (f->heatmap, bp_network_get_net (f->network),
                     bp_network_get_features (f->network), bp_palette_get (BP_PALETTE_LIGHT));
  return f->heatmap;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(BpDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  (void) data;
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  f->network = bp_network_new ();
  dataset = bp_dataset_generate (BP_GENERATOR_SPIRAL, 100, 0.0, 50.0, 1, &error);
  g_assert_no_error (error);
  bp_network_set_dataset (f->network, dataset, NULL);
  g_assert_true (bp_network_set_mode (f->network, BP_FILE_MODE_DATASET, &error));
  g_assert_no_error (error);
  f->heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
  f->playback = bp_playback_new (f->network);
  f->diagram = BP_DIAGRAM (bp_diagram_new ());
  bp_diagram_set_playback (f->diagram, f->playback);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 600);
  gtk_window_set_child (f->window, GTK_WIDGET (f->diagram));
  gtk_window_present (f->window);
  while (gtk_widget_get_width (GTK_WIDGET (f->diagram)) < 16)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  (void) data;
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->playback);
  g_assert_finalize_object (f->network);
  bp_heatmap_free (f->heatmap);
}

static void
add_layer (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  const BpNet *net = bp_network_get_net (f->network);

  g_assert_true (bp_network_add_layer (f->network, net->n_layers, 3, &error));
  g_assert_no_error (error);
}

/* The re-layout follows the frame time it is given: half-way after half its time, done
 * after all of it. */
static void
test_widget_relayout (Fixture       *f,
                      gconstpointer  data)
{
  gint64 t0 = 1000000;

  (void) data;
  add_layer (f);
  g_assert_true (bp_diagram_get_relayout_running (f->diagram));
  bp_diagram_relayout_tick (f->diagram, t0);
  g_assert_cmpfloat (f->diagram->motion_progress, ==, 0.0);
  bp_diagram_relayout_tick (f->diagram, t0 + (gint64) (BP_DIAGRAM_MOTION_SECONDS * 0.5e6));
  g_assert_cmpfloat_with_epsilon (f->diagram->motion_progress, 0.5, 1e-6);
  g_assert_true (bp_diagram_get_relayout_running (f->diagram));
  bp_diagram_relayout_tick (f->diagram, t0 + (gint64) (BP_DIAGRAM_MOTION_SECONDS * 1e6));
  g_assert_false (bp_diagram_get_relayout_running (f->diagram));
  /* Undo moves back the same way. */
  g_assert_true (bp_undo_undo (bp_network_get_undo (f->network)));
  g_assert_true (bp_diagram_get_relayout_running (f->diagram));
}

/* With animations off, or steps shown without motion, a change of shape jumps; a new
 * activation, which moves nothing, starts no re-layout. */
static void
test_widget_no_motion (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  (void) data;
  g_assert_true (bp_network_set_activation (f->network, 1, BP_ACTIVATION_RELU, &error));
  g_assert_no_error (error);
  g_assert_false (bp_diagram_get_relayout_running (f->diagram));
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  add_layer (f);
  g_assert_false (bp_diagram_get_relayout_running (f->diagram));
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  bp_playback_set_motion (f->playback, FALSE);
  add_layer (f);
  g_assert_false (bp_diagram_get_relayout_running (f->diagram));
}

static gboolean
drawn (Fixture *f)
{
  return f->heatmap_calls > 0;
}

/* The maps are asked for when the diagram draws; the description says the nodes show
 * them; hovering a node hovers it as in example mode. */
static void
test_widget_maps (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = NULL, *after = NULL;
  BpSelectionModel *model = bp_diagram_get_selection_model (f->diagram);
  GtkEventController *motion = NULL;
  g_autoptr(GListModel) controllers = NULL;
  BpDiagramFrame frame;
  BpDiagramBox box;
  BpSelection hovered;
  gint64 end;

  (void) data;
  before = bp_diagram_dup_description (f->diagram);
  g_assert_null (strstr (before, "small map"));
  bp_diagram_set_heatmap_func (f->diagram, get_heatmap, f);
  after = bp_diagram_dup_description (f->diagram);
  g_assert_nonnull (strstr (after, "Each node shows its own output over the input plane"));
  bp_diagram_heatmap_changed (f->diagram);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!drawn (f) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (f->heatmap_calls, >, 0);

  bp_diagram_fill_frame (f->diagram, &frame);
  g_assert_true (bp_diagram_frame_node_box (gtk_widget_get_width (GTK_WIDGET (f->diagram)),
                                            gtk_widget_get_height (GTK_WIDGET (f->diagram)),
                                            &frame, 1, 0, &box));
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->diagram));
  for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, k);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (c))
        motion = c;
    }
  g_assert_nonnull (motion);
  g_signal_emit_by_name (motion, "motion", box.x, box.y);
  bp_selection_model_get_hovered (model, &hovered);
  g_assert_cmpint (hovered.kind, ==, BP_SELECTION_NODE);
  g_assert_cmpuint (hovered.layer, ==, 1);
  g_assert_cmpuint (hovered.to, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/diagram-maps/centres-all-palettes", test_centres_all_palettes);
  g_test_add_func ("/bp/diagram-maps/no-maps-for-another-shape", test_no_maps_for_another_shape);
  g_test_add_func ("/bp/diagram-maps/export-formats", test_export_formats);
  g_test_add_func ("/bp/diagram-maps/cli-render", test_cli_render);
  g_test_add_func ("/bp/diagram-relayout/add-neuron", test_relayout_add_neuron);
  g_test_add_func ("/bp/diagram-relayout/add-layer", test_relayout_add_layer);
  g_test_add_func ("/bp/diagram-relayout/features", test_relayout_features);
  g_test_add_func ("/bp/diagram-relayout/draws", test_relayout_draws);
  g_test_add ("/bp/diagram-relayout/widget", Fixture, NULL, fixture_set_up,
              test_widget_relayout, fixture_tear_down);
  g_test_add ("/bp/diagram-relayout/widget-no-motion", Fixture, NULL, fixture_set_up,
              test_widget_no_motion, fixture_tear_down);
  g_test_add ("/bp/diagram-maps/widget", Fixture, NULL, fixture_set_up, test_widget_maps,
              fixture_tear_down);
  return g_test_run ();
}
