/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The gradient health strip and badges as drawn: in every palette, a vanishing layer in the
 * palette's fall colour near the row's bottom and an exploding one in its rise colour near
 * the top, on the fixed scale; badges on the diagram's saturated neurons; PNG, SVG and PDF. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bp-diagram-frame.h"
#include "bp-health-draw.h"
#include "bp-network.h"

#define W 640
#define H 120

static gboolean
near_color (guint32        pixel,
            const BpColor *color)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return abs (r - (int) round (color->red * 255)) <= 2
         && abs (g - (int) round (color->green * 255)) <= 2
         && abs (b - (int) round (color->blue * 255)) <= 2;
}

/* The topmost row (y) of pixels of @color, or -1. */
static int
top_of (cairo_surface_t *surface,
        const BpColor   *color)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      if (near_color (*(const guint32 *) (data + y * stride + x * 4), color))
        return y;
  return -1;
}

static cairo_surface_t *
draw_strip (const BpHealth  *health,
            const BpPalette *palette)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);

  bp_health_draw_strip (cr, W, H, health, palette, 1.0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

/* One weight layer, linear: its gradient is as large or as small as the error makes it. */
static BpNetwork *
one_layer (double weight)
{
  const guint sizes[] = { 1, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_LINEAR };
  BpNet *net = bp_net_new (2, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  double input = 1.0, target = 0.0;

  bp_net_set_weight (net, 0, 0, 0, weight);
  bp_net_set_input (net, &input);
  g_assert_true (bp_net_set_target (net, &target, NULL));
  g_assert_true (bp_net_set_learning_rate (net, 1e-6, NULL));
  bp_net_forward (net);
  bp_net_backward (net);
  return bp_network_new_from_net (net, NULL);
}

static void
test_fixed_scale (void)
{
  g_autoptr(BpNetwork) small = one_layer (1e-7);  /* gradient 1e−7: vanishing */
  g_autoptr(BpNetwork) large = one_layer (1e3);   /* gradient 1e3: exploding */
  g_autoptr(BpNetwork) steady = one_layer (1e-1);

  g_assert_true (bp_network_step_n (small, 20, NULL));
  g_assert_true (bp_network_step_n (large, 20, NULL));
  g_assert_true (bp_network_step_n (steady, 20, NULL));
  for (BpPaletteKind kind = 0; kind < BP_N_PALETTES; kind++)
    {
      const BpPalette *palette = bp_palette_get (kind);
      cairo_surface_t *a = draw_strip (bp_network_get_health (small), palette);
      cairo_surface_t *b = draw_strip (bp_network_get_health (large), palette);
      cairo_surface_t *c = draw_strip (bp_network_get_health (steady), palette);
      int top_small = top_of (a, &palette->fall);
      int top_large = top_of (b, &palette->rise);

      g_test_message ("%s: vanishing bar from y %d, exploding from y %d",
                      bp_palette_kind_to_string (kind), top_small, top_large);
      /* The row spans about y 20 … 118: 1e−7 is a tenth up, 1e3 is over the top. */
      g_assert_cmpint (top_small, >, H * 3 / 4);
      g_assert_cmpint (top_large, >=, 0);
      g_assert_cmpint (top_large, <, H / 3);
      g_assert_cmpint (top_of (a, &palette->rise), ==, -1);
      g_assert_cmpint (top_of (c, &palette->fall), ==, -1);
      g_assert_cmpint (top_of (c, &palette->rise), ==, -1);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
      cairo_surface_destroy (c);
    }
  g_assert_cmpint (bp_health_get_trend (bp_network_get_health (small), 0), ==,
                   BP_GRADIENT_VANISHING);
  g_assert_cmpint (bp_health_get_trend (bp_network_get_health (large), 0), ==,
                   BP_GRADIENT_EXPLODING);
}

static void
test_export (void)
{
  g_autoptr(BpNetwork) network = one_layer (0.5);
  g_autofree char *dir = g_dir_make_tmp ("health-XXXXXX", NULL);
  const char *magic[] = { "\x89PNG", "<?xml", "%PDF" };
  BpExportFormat formats[] = { BP_EXPORT_PNG, BP_EXPORT_SVG, BP_EXPORT_PDF };
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent/x.png");
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_network_step_n (network, 5, NULL));
  for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
    {
      g_autofree char *path = g_build_filename (dir, bp_export_format_extension (formats[k]),
                                                NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (bp_health_export_strip (bp_network_get_health (network), formats[k],
                                             800, 150, bp_palette_get (BP_PALETTE_DARK),
                                             file, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 100);
      g_assert_true (memcmp (contents, magic[k], strlen (magic[k])) == 0);
      g_unlink (path);
    }
  g_assert_false (bp_health_export_strip (bp_network_get_health (network), BP_EXPORT_PNG, 10,
                                          10, bp_palette_get (BP_PALETTE_LIGHT), nowhere,
                                          &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_rmdir (dir);
}

/* The diagram draws an S badge on a saturated neuron when given the health, and nothing
 * else changes without it. */
static void
test_badges (void)
{
  const guint sizes[] = { 1, 1, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_LINEAR };
  BpNet *net = bp_net_new (3, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  g_autoptr(BpNetwork) network = NULL;
  double input = 1.0, target = 0.5;
  cairo_surface_t *with, *without;
  BpDiagramFrame frame = {
    .phase = BP_PHASE_IDLE,
    .zoom = 1.0,
    .text_scale = 1.0,
    .palette = bp_palette_get (BP_PALETTE_LIGHT),
    .scale_factor = 1,
  };
  g_autofree char *line = NULL;
  int differ = 0;

  bp_net_set_weight (net, 0, 0, 0, 50.0);
  bp_net_set_input (net, &input);
  g_assert_true (bp_net_set_target (net, &target, NULL));
  bp_net_forward (net);
  bp_net_backward (net);
  network = bp_network_new_from_net (net, NULL);
  frame.after = bp_network_get_net (network);
  g_assert_cmpint (bp_health_get_neuron (bp_network_get_health (network), 1, 0, NULL), ==,
                   BP_NEURON_SATURATED);
  line = bp_health_explain_neuron (bp_network_get_health (network), frame.after, 1, 0);
  g_assert_nonnull (strstr (line, "Saturated"));
  g_assert_null (bp_health_explain_neuron (bp_network_get_health (network), frame.after, 2, 0));

  without = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
  with = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
  {
    cairo_t *cr = cairo_create (without);

    bp_diagram_draw_frame (cr, 800, 500, &frame);
    cairo_destroy (cr);
    frame.health = bp_network_get_health (network);
    cr = cairo_create (with);
    bp_diagram_draw_frame (cr, 800, 500, &frame);
    cairo_destroy (cr);
  }
  cairo_surface_flush (with);
  cairo_surface_flush (without);
  for (int k = 0; k < 800 * 500; k++)
    differ += ((guint32 *) cairo_image_surface_get_data (with))[k]
              != ((guint32 *) cairo_image_surface_get_data (without))[k];
  g_test_message ("the badge changes %d pixels", differ);
  g_assert_cmpint (differ, >, 20);
  g_assert_cmpint (differ, <, 2000);
  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bp/health-draw/fixed-scale", test_fixed_scale);
  g_test_add_func ("/bp/health-draw/export", test_export);
  g_test_add_func ("/bp/health-draw/badges", test_badges);
  return g_test_run ();
}
