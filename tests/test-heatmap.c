/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-heatmap.c: the decision boundary and the neurons' maps (BpHeatmap), drawn offscreen:
 * the map's colour at the training points agrees with the network's output there, every
 * neuron's map holds what bp_net_forward() computes, every palette draws, a discretised map
 * has exactly two colours split where the output's class changes, the buffers are reused
 * while the shape stays, and SVG and PDF surfaces take the panel. */
#define G_LOG_DOMAIN "test-heatmap"

#include "config.h"

#include "bp-heatmap.h"
#include "bp-minibatch.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

/* x1, x2, x1·x2: exclusive-or, whose picture changes under a flip of either axis. */
#define FEATURES_XOR (BP_FEATURES_DEFAULT | BP_FEATURE_BIT (BP_FEATURE_X1_TIMES_X2))

static BpNet *
make_net (guint               n_sizes,
          const guint        *sizes,
          const BpActivation *activations,
          guint32             seed)
{
  BpActivation out = activations[n_sizes - 2];
  BpLoss loss = out == BP_ACTIVATION_SIGMOID ? BP_LOSS_CROSS_ENTROPY : BP_LOSS_SQUARED_ERROR;
  g_autoptr(GError) error = NULL;
  BpNet *net = bp_net_new (n_sizes, sizes, activations, loss, &error);

  g_assert_no_error (error);
  bp_net_init_seeded (net, seed);
  return net;
}

/* A network with one weight layer: output = f(w1·x1 + w2·x2 + b). */
static BpNet *
make_linear_unit (BpActivation f,
                  double       w1,
                  double       w2,
                  double       b)
{
  const guint sizes[] = { 2, 1 };
  BpNet *net = make_net (2, sizes, &f, 1);

  bp_net_set_weight (net, 0, 0, 0, w1);
  bp_net_set_weight (net, 0, 0, 1, w2);
  bp_net_set_bias (net, 0, 0, b);
  return net;
}

static double
forward_at (BpNet        *net,
            BpFeatureSet  features,
            double        x1,
            double        x2,
            guint         layer,
            guint         neuron)
{
  double input[BP_N_FEATURES];

  bp_feature_set_fill (features, x1, x2, input);
  bp_net_set_input (net, input);
  bp_net_forward (net);
  return net->a[layer][neuron];
}

/* 3-6-1 (x1, x2, x1·x2; tanh, sigmoid) trained on an exclusive-or set with a little noise. */
static BpNet *
train_xor (BpDataset **dataset_out)
{
  const guint sizes[] = { 3, 6, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(GError) error = NULL;
  BpDataset *dataset = bp_dataset_generate (BP_GENERATOR_XOR, 300, 5, 50, 7, &error);
  BpNet *net = make_net (3, sizes, acts, 3);
  g_autoptr(BpMinibatch) mb = NULL;
  g_autofree double *inputs = NULL;
  g_autofree double *targets = NULL;

  g_assert_no_error (error);
  inputs = g_new (double, dataset->n_train * 3);
  targets = g_new (double, dataset->n_train);
  for (guint i = 0; i < dataset->n_train; i++)
    {
      bp_feature_set_fill (FEATURES_XOR, dataset->points[i].x1, dataset->points[i].x2,
                           inputs + i * 3);
      targets[i] = dataset->points[i].label;
    }
  bp_net_set_learning_rate (net, 0.1, &error);
  g_assert_no_error (error);
  mb = bp_minibatch_new (dataset->n_train, 10, 3, 1, dataset->seed);
  for (guint s = 0; s < 3000; s++)
    {
      g_assert_true (bp_net_minibatch_step (net, mb, inputs, targets, NULL, &error));
      g_assert_no_error (error);
    }
  *dataset_out = dataset;
  return net;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  unsigned char *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  return *(guint32 *) (gpointer) (data + (gsize) y * cairo_image_surface_get_stride (surface) +
                                 (gsize) x * 4);
}

static double
channel (guint32 pixel,
         guint   shift)
{
  return ((pixel >> shift) & 0xff) / 255.0;
}

/* The distance in RGB (0 … 1 per channel) between an opaque pixel and a colour. */
static double
distance (guint32        pixel,
          const BpColor *color)
{
  double dr = channel (pixel, 16) - color->red;
  double dg = channel (pixel, 8) - color->green;
  double db = channel (pixel, 0) - color->blue;

  return sqrt (dr * dr + dg * dg + db * db);
}

static double
color_distance (const BpColor *a,
                const BpColor *b)
{
  return sqrt ((a->red - b->red) * (a->red - b->red) +
               (a->green - b->green) * (a->green - b->green) +
               (a->blue - b->blue) * (a->blue - b->blue));
}

/* Whether @pixel is on the high side of the scale: the nearest colour of the maps' scale to
 * it is at or above the middle. */
static gboolean
looks_high (guint32          pixel,
            const BpPalette *palette)
{
  double best = G_MAXDOUBLE, where = 0.5;

  for (guint i = 0; i <= 512; i++)
    {
      BpColor c = bp_heat_map_color (palette, i / 512.0);
      double d = distance (pixel, &c);

      if (d < best)
        {
          best = d;
          where = i / 512.0;
        }
    }
  return where >= 0.5;
}

/* The map's colour in the cell of every training point is on the side of 0.5 of the
 * network's output at the point, wherever that output is clear of the boundary; the panel
 * shows the same at the point's place; and a discretised map is on the side of the output at
 * the cell's centre, for every point. */
static void
test_output_agrees_at_points (void)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  g_autoptr(BpDataset) dataset = NULL;
  g_autoptr(BpNet) net = train_xor (&dataset);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
  BpHeatmapPanel panel = { .heatmap = heatmap, .palette = palette, .text_scale = 1.0 };
  cairo_surface_t *drawn = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 560);
  cairo_t *cr = cairo_create (drawn);
  guint clear = 0, correct = 0;
  BpHeatmapPlot plot;

  bp_heatmap_update (heatmap, net, FEATURES_XOR, palette);
  bp_heatmap_draw_panel (cr, 640, 560, &panel);
  bp_heatmap_panel_layout (640, 560, 1.0, &plot);
  g_assert_cmpfloat (plot.size, >, 400);
  for (guint i = 0; i < dataset->n_train; i++)
    {
      const BpPoint *p = &dataset->points[i];
      double y = forward_at (net, FEATURES_XOR, p->x1, p->x2, 2, 0);
      guint c, r;
      double px, py;

      correct += (y >= 0.5) == (p->label >= 0.5);
      if (fabs (y - 0.5) < 0.1)
        continue;
      clear++;
      g_assert_true (bp_heatmap_cell_at (100, p->x1, p->x2, &c, &r));
      g_assert_cmpint (looks_high (pixel_at (bp_heatmap_get_output (heatmap), c, r), palette),
                       ==, y >= 0.5);
      bp_heatmap_plane_to_plot (&plot, p->x1, p->x2, &px, &py);
      g_assert_cmpint (looks_high (pixel_at (drawn, (int) px, (int) py), palette), ==, y >= 0.5);
    }
  g_test_message ("%u of %u training points classified right, %u clear of the boundary",
                  correct, dataset->n_train, clear);
  /* The network has learnt exclusive-or, so the check covers both classes broadly. */
  g_assert_cmpuint (correct, >=, dataset->n_train * 95 / 100);
  g_assert_cmpuint (clear, >=, dataset->n_train * 3 / 4);

  bp_heatmap_set_discretize (heatmap, TRUE);
  bp_heatmap_recolor (heatmap, palette);
  for (guint i = 0; i < dataset->n_train; i++)
    {
      const BpPoint *p = &dataset->points[i];
      guint32 high = pixel_at (bp_heatmap_get_output (heatmap), 99, 0);
      double x1, x2, y;
      guint c, r;

      g_assert_true (bp_heatmap_cell_at (100, p->x1, p->x2, &c, &r));
      bp_heatmap_cell_center (100, c, r, &x1, &x2);
      y = forward_at (net, FEATURES_XOR, x1, x2, 2, 0);
      /* The corner (6, 6) has x1·x2 > 0: class 1 there. */
      g_assert_cmpfloat (bp_heatmap_get_values (heatmap, 2, 0)[99], >=, 0.5);
      g_assert_cmpint (pixel_at (bp_heatmap_get_output (heatmap), c, r) == high, ==, y >= 0.5);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (drawn);
}

/* Every neuron's map, the inputs' and the output's included, holds its activation from a
 * single forward pass at the cell's centre (the fast activations within 1e-12), coloured
 * on its scale. */
static void
test_neuron_maps_match_forward (void)
{
  const guint sizes[] = { 7, 8, 8, 8, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_RELU,
                                BP_ACTIVATION_SIGMOID, BP_ACTIVATION_SIGMOID };
  const BpPalette *palette = bp_palette_get (BP_PALETTE_DARK);
  g_autoptr(BpNet) net = make_net (5, sizes, acts, 11);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
  guint checked = 0;

  bp_heatmap_update (heatmap, net, BP_FEATURES_ALL, palette);
  g_assert_cmpuint (bp_heatmap_get_n_layers (heatmap), ==, 4);
  for (guint r = 0; r < 100; r += 7)
    for (guint c = 3; c < 100; c += 9)
      {
        double x1, x2;

        bp_heatmap_cell_center (100, c, r, &x1, &x2);
        forward_at (net, BP_FEATURES_ALL, x1, x2, 0, 0);
        for (guint l = 0; l <= 4; l++)
          for (guint j = 0; j < sizes[l]; j++)
            {
              double v = bp_heatmap_get_values (heatmap, l, j)[r * 100 + c];
              BpHeatScale scale = bp_heatmap_get_scale (heatmap, l, j);
              BpColor want = bp_heat_map_color (palette, bp_heat_scale_position (scale, v));
              guint32 got = pixel_at (bp_heatmap_get_neuron (heatmap, l, j), c, r);

              g_assert_cmpfloat_with_epsilon (v, net->a[l][j], 1e-12);
              /* The colour table has 257 steps: within one step of the exact colour. */
              g_assert_cmpfloat (distance (got, &want), <, 0.03);
              g_assert_cmphex (got >> 24, ==, 0xff);
              checked++;
            }
      }
  g_assert_cmpuint (checked, >, 5000);
  /* The scales follow the activations and the features. */
  g_assert_cmpfloat (bp_heatmap_get_scale (heatmap, 1, 0).low, ==, -1.0);
  g_assert_cmpfloat (bp_heatmap_get_scale (heatmap, 3, 0).middle, ==, 0.5);
  g_assert_cmpfloat (bp_heatmap_get_output_scale (heatmap).middle, ==, 0.5);
  g_assert_cmpfloat (bp_heatmap_get_scale (heatmap, 0, 0).high, ==, 6.0);
  g_assert_cmpfloat (bp_heatmap_get_scale (heatmap, 0, 2).high, ==, 36.0);
  g_assert_cmpfloat (bp_heatmap_get_scale (heatmap, 0, 4).low, ==, -36.0);
  g_assert_cmpfloat (bp_heatmap_get_scale (heatmap, 0, 6).high, ==, 1.0);
}

/* Draws the panel with points into an image surface of @kind's palette. */
static cairo_surface_t *
draw_panel_image (const BpHeatmapPanel *panel,
                  int                   width,
                  int                   height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  bp_heatmap_draw_panel (cr, width, height, panel);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

/* Whether text is drawn in the rectangle: some pixel there is nearer the palette's text
 * colour than its background, clearly off the background (antialiased glyphs of a small
 * font need not reach the full colour, and Debian 12's and forky's fonts differ). */
static gboolean
has_text (cairo_surface_t *surface,
          const BpPalette *palette,
          double           x,
          double           y,
          double           width,
          double           height)
{
  BpColor text = palette->text;
  int x0 = MAX (0, (int) x), y0 = MAX (0, (int) y);
  int x1 = MIN (cairo_image_surface_get_width (surface), (int) (x + width));
  int y1 = MIN (cairo_image_surface_get_height (surface), (int) (y + height));

  /* Translucent text colours land on the background. */
  text.red = text.red * text.alpha + palette->background.red * (1 - text.alpha);
  text.green = text.green * text.alpha + palette->background.green * (1 - text.alpha);
  text.blue = text.blue * text.alpha + palette->background.blue * (1 - text.alpha);

  for (int j = y0; j < y1; j++)
    for (int i = x0; i < x1; i++)
      {
        double to_text = distance (pixel_at (surface, i, j), &text);
        double to_background = distance (pixel_at (surface, i, j), &palette->background);

        if (to_text < to_background && to_background > 0.25)
          return TRUE;
      }
  return FALSE;
}

/* Every palette draws the panel: its two ends far apart and apart from the middle, the
 * colour scale high at the top and low at the bottom, the points visible on the map, the
 * numbers of the scale and the axes. */
static void
test_every_palette_draws (void)
{
  g_autoptr(BpDataset) dataset = NULL;
  g_autoptr(BpNet) net = train_xor (&dataset);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (60);
  const BpPoint *last = &dataset->points[dataset->n_points - 1];

  for (BpPaletteKind kind = 0; kind < BP_N_PALETTES; kind++)
    {
      const BpPalette *p = bp_palette_get (kind);
      BpHeatmapPanel panel = { .heatmap = heatmap, .dataset = dataset, .show_test = TRUE,
                               .palette = p, .text_scale = 1.0 };
      cairo_surface_t *surface;
      BpHeatmapPlot plot;
      double bar_x, x, y;
      BpColor lo, hi;

      g_test_message ("%s: low-high %.2f, low-middle %.2f, high-middle %.2f",
                      bp_palette_kind_to_string (kind),
                      color_distance (&p->heat_low, &p->heat_high),
                      color_distance (&p->heat_low, &p->heat_middle),
                      color_distance (&p->heat_high, &p->heat_middle));
      g_assert_cmpfloat (color_distance (&p->heat_low, &p->heat_high), >, 0.45);
      g_assert_cmpfloat (color_distance (&p->heat_low, &p->heat_middle), >, 0.4);
      g_assert_cmpfloat (color_distance (&p->heat_high, &p->heat_middle), >, 0.4);

      /* The points, in the full colours, stand out on the map's ends. */
      lo = bp_heat_map_color (p, 0.0);
      hi = bp_heat_map_color (p, 1.0);
      g_assert_cmpfloat (color_distance (&p->heat_low, &lo), >, 0.1);
      g_assert_cmpfloat (color_distance (&p->heat_high, &hi), >, 0.1);

      bp_heatmap_update (heatmap, net, FEATURES_XOR, p);
      surface = draw_panel_image (&panel, 480, 400);
      bp_heatmap_panel_layout (480, 400, 1.0, &plot);
      bar_x = plot.x + plot.size + 1.1 * 11 + 4;
      g_assert_cmpfloat (distance (pixel_at (surface, (int) bar_x, (int) plot.y + 2), &hi), <,
                         0.05);
      g_assert_cmpfloat (distance (pixel_at (surface, (int) bar_x,
                                             (int) (plot.y + plot.size) - 2), &lo), <, 0.05);
      /* The last point drawn (a test point) shows its label's colour at its centre. */
      bp_heatmap_plane_to_plot (&plot, last->x1, last->x2, &x, &y);
      g_assert_cmpfloat (distance (pixel_at (surface, (int) x, (int) y),
                                   last->label >= 0.5 ? &p->heat_high : &p->heat_low), <, 0.05);
      g_assert_cmpfloat (distance (pixel_at (surface, 1, 1), &p->background), <, 0.01);
      /* The numbers: of the scale, right of its bar at the top, the middle and the bottom;
       * of the axes, under the plane's middle and left of it. */
      /* The areas leave room for other fonts' metrics (Debian 12's and forky's differ). */
      for (guint k = 0; k < 3; k++)
        g_assert_true (has_text (surface, p, bar_x + 11, plot.y + plot.size * k / 2.0 - 10,
                                 40, 20));
      g_assert_true (has_text (surface, p, plot.x + plot.size / 2 - 10, plot.y + plot.size + 2,
                               20, 20));
      g_assert_true (has_text (surface, p, plot.x - 30, plot.y + plot.size / 2 - 10, 28, 20));
      cairo_surface_destroy (surface);
    }
}

/* Collects the distinct pixels of a surface. */
static GHashTable *
distinct_pixels (cairo_surface_t *surface)
{
  GHashTable *set = g_hash_table_new (NULL, NULL);
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      g_hash_table_add (set, GUINT_TO_POINTER (pixel_at (surface, x, y)));
  return set;
}

/* Discretised, the output's map has exactly two colours, the scale's ends, split where the
 * class changes: at 0.5 for a sigmoid output (σ(x1): at x1 = 0), at 0 for a linear one
 * (x2 − 1: at x2 = 1). The neurons' maps stay continuous. */
static void
test_discretize (void)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_COLOUR_BLIND_LIGHT);
  g_autoptr(BpNet) sigmoid = make_linear_unit (BP_ACTIVATION_SIGMOID, 1.0, 0.0, 0.0);
  g_autoptr(BpNet) linear = make_linear_unit (BP_ACTIVATION_LINEAR, 0.0, 1.0, -1.0);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (40);
  g_autoptr(GHashTable) continuous = NULL;
  g_autoptr(GHashTable) two = NULL;
  BpColor lo = bp_heat_map_color (palette, 0.0);
  BpColor hi = bp_heat_map_color (palette, 1.0);
  cairo_surface_t *out;

  bp_heatmap_update (heatmap, sigmoid, BP_FEATURES_DEFAULT, palette);
  continuous = distinct_pixels (bp_heatmap_get_output (heatmap));
  g_assert_cmpuint (g_hash_table_size (continuous), >, 10);
  g_assert_false (bp_heatmap_get_discretize (heatmap));
  bp_heatmap_set_discretize (heatmap, TRUE);
  bp_heatmap_update (heatmap, sigmoid, BP_FEATURES_DEFAULT, palette);
  out = bp_heatmap_get_output (heatmap);
  two = distinct_pixels (out);
  g_assert_cmpuint (g_hash_table_size (two), ==, 2);
  for (int r = 0; r < 40; r++)
    for (int c = 0; c < 40; c++)
      g_assert_cmpfloat (distance (pixel_at (out, c, r), c >= 20 ? &hi : &lo), <, 0.004);
  g_clear_pointer (&two, g_hash_table_unref);
  two = distinct_pixels (bp_heatmap_get_neuron (heatmap, 1, 0));
  g_assert_cmpuint (g_hash_table_size (two), >, 10);
  g_clear_pointer (&two, g_hash_table_unref);

  /* A regression output splits at 0: the rows with x2 ≥ 1 are high. */
  bp_heatmap_update (heatmap, linear, BP_FEATURES_DEFAULT, palette);
  out = bp_heatmap_get_output (heatmap);
  two = distinct_pixels (out);
  g_assert_cmpuint (g_hash_table_size (two), ==, 2);
  for (int r = 0; r < 40; r++)
    {
      double x1, x2;

      bp_heatmap_cell_center (40, 0, r, &x1, &x2);
      g_assert_cmpint (looks_high (pixel_at (out, 7, r), palette), ==, x2 - 1.0 >= 0.0);
    }
  g_assert_cmpfloat (bp_heatmap_get_output_scale (heatmap).middle, ==, 0.0);
}

/* Updates with the same grid and shape reuse the buffers: the same surfaces, the same
 * values, no new generation, even when the weights, an activation or the features (as many)
 * change; a new shape or grid replaces them. */
static void
test_buffers_reused (void)
{
  const guint sizes[] = { 2, 5, 1 };
  const guint wider[] = { 2, 6, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  BpFeatureSet sines = BP_FEATURE_BIT (BP_FEATURE_SIN_X1) | BP_FEATURE_BIT (BP_FEATURE_SIN_X2);
  g_autoptr(BpNet) net = make_net (3, sizes, acts, 5);
  g_autoptr(BpNet) other = make_net (3, wider, acts, 5);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
  cairo_surface_t *output, *neuron;
  const double *values;
  guint generation;
  double x1, x2;

  g_assert_false (bp_heatmap_is_ready (heatmap));
  bp_heatmap_update (heatmap, net, BP_FEATURES_DEFAULT, palette);
  generation = bp_heatmap_get_generation (heatmap);
  output = bp_heatmap_get_output (heatmap);
  neuron = bp_heatmap_get_neuron (heatmap, 1, 4);
  values = bp_heatmap_get_values (heatmap, 2, 0);

  bp_net_set_weight (net, 0, 4, 0, 2.5);
  bp_heatmap_update (heatmap, net, BP_FEATURES_DEFAULT, palette);
  g_assert_true (bp_net_set_activation (net, 0, BP_ACTIVATION_RELU, NULL));
  bp_heatmap_update (heatmap, net, BP_FEATURES_DEFAULT, bp_palette_get (BP_PALETTE_DARK));
  bp_heatmap_update (heatmap, net, sines, palette);
  g_assert_cmpuint (bp_heatmap_get_generation (heatmap), ==, generation);
  g_assert_true (bp_heatmap_get_output (heatmap) == output);
  g_assert_true (bp_heatmap_get_neuron (heatmap, 1, 4) == neuron);
  g_assert_true (bp_heatmap_get_values (heatmap, 2, 0) == values);
  /* The new features and activation are the ones shown. */
  bp_heatmap_cell_center (100, 10, 20, &x1, &x2);
  g_assert_cmpfloat (bp_heatmap_get_values (heatmap, 0, 0)[20 * 100 + 10], ==, sin (x1));
  g_assert_cmpfloat (bp_heatmap_get_values (heatmap, 1, 4)[20 * 100 + 10], >=, 0.0);

  bp_heatmap_update (heatmap, other, BP_FEATURES_DEFAULT, palette);
  g_assert_cmpuint (bp_heatmap_get_generation (heatmap), ==, generation + 1);
  g_assert_cmpuint (bp_heatmap_get_layer_size (heatmap, 1), ==, 6);
  bp_heatmap_update (heatmap, other, BP_FEATURES_DEFAULT, palette);
  g_assert_cmpuint (bp_heatmap_get_generation (heatmap), ==, generation + 1);
  bp_heatmap_set_grid (heatmap, 50);
  g_assert_false (bp_heatmap_is_ready (heatmap));
  bp_heatmap_update (heatmap, other, BP_FEATURES_DEFAULT, palette);
  g_assert_cmpuint (bp_heatmap_get_generation (heatmap), ==, generation + 2);
  g_assert_cmpint (cairo_image_surface_get_width (bp_heatmap_get_output (heatmap)), ==, 50);
  g_assert_cmpint (cairo_image_surface_get_height (bp_heatmap_get_neuron (heatmap, 1, 5)), ==,
                   50);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_into (cairo_surface_t      *surface,
           const BpHeatmapPanel *panel,
           const BpHeatmap      *heatmap)
{
  cairo_t *cr = cairo_create (surface);

  bp_heatmap_draw_panel (cr, 400, 340, panel);
  bp_heatmap_draw_neuron (cr, heatmap, 1, 2, 10, 10, 40, 40);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* The panel and a neuron's map draw into SVG and PDF: the maps go in as images. */
static void
test_vector_surfaces (void)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_HIGH_CONTRAST_DARK);
  g_autoptr(BpDataset) dataset = NULL;
  g_autoptr(BpNet) net = train_xor (&dataset);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
  BpHeatmapPanel panel = { .heatmap = heatmap, .dataset = dataset, .show_test = TRUE,
                           .vector = TRUE,
                           .palette = palette, .text_scale = 1.0 };
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autofree char *text = NULL;
  guint n_curves = 0, n_uses = 0;

  bp_heatmap_set_discretize (heatmap, TRUE);
  bp_heatmap_update (heatmap, net, FEATURES_XOR, palette);
  draw_into (cairo_svg_surface_create_for_stream (append_cb, svg, 400, 340), &panel, heatmap);
  draw_into (cairo_pdf_surface_create_for_stream (append_cb, pdf, 400, 340), &panel, heatmap);
  text = g_strndup ((const char *) svg->data, svg->len);
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_nonnull (strstr (text, "<image"));
  /* The points stay vectors, not copied pictures: four Bézier curves to a circle (or a
   * circle written once and repeated with <use>). */
  {
    /* "C" as a path command, however the writer spaces it. */
    g_autoptr(GRegex) curve = g_regex_new ("(?<=[0-9. ])C(?=[ ]?-?[0-9.])", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;

    for (g_regex_match (curve, text, 0, &match); g_match_info_matches (match);
         g_match_info_next (match, NULL))
      n_curves++;
  }
  for (const char *at = text; (at = strstr (at, "<use")) != NULL; at++)
    n_uses++;
  /* Cairo 1.18's SVG writer turns these translucent circles into fallback pictures of its
   * own (seen in Debian forky); the drawing still asks for vectors there. */
  if (cairo_version () < CAIRO_VERSION_ENCODE (1, 17, 0))
    g_assert_cmpuint (n_curves / 4 + n_uses, >=, dataset->n_points);
  g_assert_cmpuint (pdf->len, >, 1000);
  g_assert_cmpmem (pdf->data, 5, "%PDF-", 5);
}

/* Drawn into a recording (what GTK's snapshot gives a widget) and replayed, the panel has the
 * same pixels as drawn straight into an image. */
static void
test_recording_matches_image (void)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_COLOUR_BLIND_DARK);
  g_autoptr(BpDataset) dataset = NULL;
  g_autoptr(BpNet) net = train_xor (&dataset);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
  BpHeatmapPanel panel = { .heatmap = heatmap, .dataset = dataset, .show_test = TRUE,
                           .palette = palette, .text_scale = 1.0 };
  cairo_surface_t *direct, *replayed, *recording;
  cairo_t *cr;
  guint differ = 0;

  bp_heatmap_update (heatmap, net, FEATURES_XOR, palette);
  direct = draw_panel_image (&panel, 420, 360);
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (recording);
  bp_heatmap_draw_panel (cr, 420, 360, &panel);
  cairo_destroy (cr);
  replayed = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 420, 360);
  cr = cairo_create (replayed);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  for (int y = 0; y < 360; y++)
    for (int x = 0; x < 420; x++)
      differ += pixel_at (direct, x, y) != pixel_at (replayed, x, y);
  g_assert_cmpuint (differ, ==, 0);
  cairo_surface_destroy (direct);
  cairo_surface_destroy (replayed);
  cairo_surface_destroy (recording);
}

/* The cells tile the plane: a cell's centre lies in it, the plane's edges in the edge cells,
 * points beyond the plane in none; the panel's plot maps the plane both ways. */
static void
test_geometry (void)
{
  BpHeatmapPlot plot, plot2;
  guint c, r;
  double x1, x2, x, y;

  for (guint i = 0; i < 100; i += 11)
    for (guint j = 0; j < 100; j += 13)
      {
        bp_heatmap_cell_center (100, i, j, &x1, &x2);
        g_assert_true (bp_heatmap_cell_at (100, x1, x2, &c, &r));
        g_assert_cmpuint (c, ==, i);
        g_assert_cmpuint (r, ==, j);
      }
  g_assert_true (bp_heatmap_cell_at (100, 6.0, -6.0, &c, &r));
  g_assert_cmpuint (c, ==, 99);
  g_assert_cmpuint (r, ==, 99);
  g_assert_true (bp_heatmap_cell_at (100, -6.0, 6.0, &c, &r));
  g_assert_cmpuint (c + r, ==, 0);
  g_assert_false (bp_heatmap_cell_at (100, 6.2, 0.0, &c, &r));
  g_assert_false (bp_heatmap_cell_at (100, 0.0, NAN, &c, &r));

  bp_heatmap_panel_layout (500, 400, 1.0, &plot);
  g_assert_cmpfloat (plot.size, >, 300);
  g_assert_cmpfloat (plot.x + plot.size, <, 500);
  bp_heatmap_plane_to_plot (&plot, -6.0, 6.0, &x, &y);
  g_assert_cmpfloat (x, ==, plot.x);
  g_assert_cmpfloat (y, ==, plot.y);
  bp_heatmap_plane_to_plot (&plot, 1.5, -2.25, &x, &y);
  bp_heatmap_plot_to_plane (&plot, x, y, &x1, &x2);
  g_assert_cmpfloat_with_epsilon (x1, 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (x2, -2.25, 1e-12);
  /* Larger text leaves a smaller plane. */
  bp_heatmap_panel_layout (500, 400, 2.0, &plot2);
  g_assert_cmpfloat (plot2.size, <, plot.size - 50);
  g_assert_cmpfloat (plot2.size, >, 200);
  /* Too small for the axes: nothing but the background. */
  bp_heatmap_panel_layout (40, 30, 1.0, &plot);
  g_assert_cmpfloat (plot.size, ==, 0);
}

/* Whether the panel drawn at @panel shows the high side at the plane's point (x1, x2). */
static gboolean
panel_high_at (cairo_surface_t      *surface,
               const BpHeatmapPanel *panel,
               double                x1,
               double                x2)
{
  BpHeatmapPlot plot;
  double x, y;

  bp_heatmap_panel_layout (cairo_image_surface_get_width (surface),
                           cairo_image_surface_get_height (surface), panel->text_scale, &plot);
  bp_heatmap_plane_to_plot (&plot, x1, x2, &x, &y);
  return looks_high (pixel_at (surface, (int) x, (int) y), panel->palette);
}

/* The panel shows a chosen neuron's map large instead of the output's: hidden neuron 0 is
 * tanh(2 x1), the output σ(3 x2), and at (4, −4) the one is high where the other is low. */
static void
test_panel_shows_neuron (void)
{
  const guint sizes[] = { 2, 2, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  const BpPalette *palette = bp_palette_get (BP_PALETTE_DARK);
  g_autoptr(BpNet) net = make_net (3, sizes, acts, 1);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
  BpHeatmapPanel panel = { .heatmap = heatmap, .palette = palette, .text_scale = 1.5 };
  cairo_surface_t *output, *neuron;

  bp_net_set_weight (net, 0, 0, 0, 2.0);
  bp_net_set_weight (net, 0, 0, 1, 0.0);
  bp_net_set_bias (net, 0, 0, 0.0);
  bp_net_set_weight (net, 0, 1, 0, 0.0);
  bp_net_set_weight (net, 0, 1, 1, 2.0);
  bp_net_set_bias (net, 0, 1, 0.0);
  bp_net_set_weight (net, 1, 0, 0, 0.0);
  bp_net_set_weight (net, 1, 0, 1, 1.5);
  bp_net_set_bias (net, 1, 0, 0.0);
  bp_heatmap_update (heatmap, net, BP_FEATURES_DEFAULT, palette);
  output = draw_panel_image (&panel, 500, 440);
  panel.show_neuron = TRUE;
  panel.layer = 1;
  panel.neuron = 0;
  neuron = draw_panel_image (&panel, 500, 440);

  g_assert_false (panel_high_at (output, &panel, 4.0, -4.0));
  g_assert_true (panel_high_at (output, &panel, -4.0, 4.0));
  g_assert_true (panel_high_at (neuron, &panel, 4.0, -4.0));
  g_assert_false (panel_high_at (neuron, &panel, -4.0, 4.0));
  cairo_surface_destroy (output);
  cairo_surface_destroy (neuron);
}

/* A network gone non-finite draws its maps in the middle colour, neither class; a panel
 * before any update draws the plane in the middle colour and the points. */
static void
test_non_finite_and_empty (void)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  g_autoptr(BpNet) net = make_linear_unit (BP_ACTIVATION_SIGMOID, NAN, 1.0, 0.0);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (20);
  g_autoptr(BpDataset) dataset = bp_dataset_generate (BP_GENERATOR_XOR, 50, 10, 50, 1, NULL);
  BpHeatmapPanel panel = { .heatmap = heatmap, .dataset = dataset, .show_test = TRUE,
                           .palette = palette, .text_scale = 1.0 };
  BpColor middle = bp_heat_map_color (palette, 0.5);
  cairo_surface_t *surface;
  BpHeatmapPlot plot;

  surface = draw_panel_image (&panel, 300, 260);
  bp_heatmap_panel_layout (300, 260, 1.0, &plot);
  /* Before an update: the middle colour where no point lies. */
  g_assert_cmpfloat (distance (pixel_at (surface, (int) plot.x + 1, (int) plot.y + 1),
                               &palette->heat_middle), <, 0.01);
  cairo_surface_destroy (surface);

  for (guint discrete = 0; discrete <= 1; discrete++)
    {
      bp_heatmap_set_discretize (heatmap, discrete);
      bp_heatmap_update (heatmap, net, BP_FEATURES_DEFAULT, palette);
      g_assert_true (isnan (bp_heatmap_get_values (heatmap, 1, 0)[0]));
      for (int r = 0; r < 20; r += 3)
        for (int c = 0; c < 20; c += 3)
          {
            g_assert_cmpfloat (distance (pixel_at (bp_heatmap_get_output (heatmap), c, r),
                                         &middle), <, 0.004);
            g_assert_cmpfloat (distance (pixel_at (bp_heatmap_get_neuron (heatmap, 1, 0), c, r),
                                         &middle), <, 0.004);
          }
      surface = draw_panel_image (&panel, 300, 260);
      cairo_surface_destroy (surface);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/heatmap/output-agrees-at-points", test_output_agrees_at_points);
  g_test_add_func ("/bp/heatmap/neuron-maps-match-forward", test_neuron_maps_match_forward);
  g_test_add_func ("/bp/heatmap/every-palette-draws", test_every_palette_draws);
  g_test_add_func ("/bp/heatmap/discretize", test_discretize);
  g_test_add_func ("/bp/heatmap/buffers-reused", test_buffers_reused);
  g_test_add_func ("/bp/heatmap/vector-surfaces", test_vector_surfaces);
  g_test_add_func ("/bp/heatmap/recording-matches-image", test_recording_matches_image);
  g_test_add_func ("/bp/heatmap/geometry", test_geometry);
  g_test_add_func ("/bp/heatmap/panel-shows-neuron", test_panel_shows_neuron);
  g_test_add_func ("/bp/heatmap/non-finite-and-empty", test_non_finite_and_empty);
  return g_test_run ();
}
