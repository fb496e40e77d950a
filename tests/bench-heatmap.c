/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-heatmap: not a test. The median time of bp_heatmap_update (): one batched forward
 * pass over a 100×100 grid of −6…6, then the output's map and every neuron's map coloured
 * into their surfaces, for 6-8-8-8-1 (x1, x2, x1², x2², sin x1, sin x2) and 7-8-8-8-1 (all
 * seven features), tanh hidden layers and a sigmoid output; and its two halves apart (the
 * pass alone, the colouring alone). Target: 2 ms. Each figure also as time on the CPU, which
 * the other programs of a shared machine disturb less, and the fastest run. Then the time of
 * drawing them: the panel with 500 points and the 32 neuron maps, as a frame would.
 *
 * Usage: bench-heatmap [ROUNDS]
 *        bench-heatmap --png DIR   trains 6-8-8-8-1 on a spiral and writes its boundary
 *                                  panel and neuron maps in every palette, and a
 *                                  regression's surface (plane) in light and dark */
#define G_LOG_DOMAIN "bench-heatmap"

#include "config.h"

#include "bp-forward-batch.h"
#include "bp-heatmap.h"
#include "bp-minibatch.h"

#include <locale.h>
#include <stdlib.h>
#include <time.h>

#define FEATURES_6 (BP_FEATURES_ALL & ~BP_FEATURE_BIT (BP_FEATURE_X1_TIMES_X2))

static double
now_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static BpNet *
make_net (BpFeatureSet features,
          guint32      seed)
{
  const guint sizes[] = { bp_feature_set_count (features), 8, 8, 8, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  BpNet *net = bp_net_new (5, sizes, acts, BP_LOSS_CROSS_ENTROPY, NULL);

  g_assert (net != NULL);
  bp_net_init_seeded (net, seed);
  return net;
}

typedef enum { RUN_UPDATE, RUN_PASS, RUN_COLOR } Run;

/* Times of one kind of run: the median wall-clock time, the median time on the CPU (which
 * the other programs of a shared machine disturb less) and the fastest, in ms. */
typedef struct {
  double median, cpu, fastest;
} Figure;

static double
median_of (double *times,
           guint   n)
{
  qsort (times, n, sizeof (double), compare_doubles);
  return times[n / 2];
}

static Figure
measure (BpHeatmap      *heatmap,
         BpNet          *net,
         BpFeatureSet    features,
         double         *inputs,
         BpForwardBatch *batch,
         Run             run,
         guint           rounds)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  g_autofree double *wall = g_new (double, rounds);
  g_autofree double *cpu = g_new (double, rounds);
  Figure figure;

  for (guint k = 0; k < rounds; k++)
    {
      double start = now_ms (CLOCK_MONOTONIC);
      double start_cpu = now_ms (CLOCK_THREAD_CPUTIME_ID);

      if (run == RUN_UPDATE)
        bp_heatmap_update (heatmap, net, features, palette);
      else if (run == RUN_PASS)
        bp_net_forward_batch (net, inputs, 100 * 100, BP_FORWARD_FAST, batch);
      else
        bp_heatmap_recolor (heatmap, palette);
      cpu[k] = now_ms (CLOCK_THREAD_CPUTIME_ID) - start_cpu;
      wall[k] = now_ms (CLOCK_MONOTONIC) - start;
    }
  figure.median = median_of (wall, rounds);
  figure.fastest = wall[0];
  figure.cpu = median_of (cpu, rounds);
  return figure;
}

static void
print_figure (const char *what,
              Figure      figure)
{
  g_print ("  %-28s median %.3f ms (on the CPU %.3f ms), fastest %.3f ms\n", what,
           figure.median, figure.cpu, figure.fastest);
}

static void
bench (BpFeatureSet features,
       guint        rounds)
{
  g_autoptr(BpNet) net = make_net (features, 1);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (100);
  g_autoptr(BpForwardBatch) batch = bp_forward_batch_new (net, 100 * 100);
  guint n = bp_feature_set_count (features);
  g_autofree double *inputs = g_new (double, 100 * 100 * n);
  g_autofree char *names = bp_feature_set_to_string (features);
  Figure update, pass, color;
  guint maps = 1;

  for (guint r = 0; r < 100; r++)
    for (guint c = 0; c < 100; c++)
      {
        double x1, x2;

        bp_heatmap_cell_center (100, c, r, &x1, &x2);
        bp_feature_set_fill (features, x1, x2, inputs + (r * 100 + c) * n);
      }
  for (guint l = 0; l <= net->n_layers; l++)
    maps += net->sizes[l];
  /* Warm up: the first update allocates. */
  bp_heatmap_update (heatmap, net, features, bp_palette_get (BP_PALETTE_LIGHT));
  update = measure (heatmap, net, features, inputs, batch, RUN_UPDATE, rounds);
  pass = measure (heatmap, net, features, inputs, batch, RUN_PASS, rounds);
  color = measure (heatmap, net, features, inputs, batch, RUN_COLOR, rounds);
  g_print ("%u-8-8-8-1 (%s), 100×100, the output's map and %u neurons' maps:\n", n, names,
           maps - 1);
  print_figure ("update (pass and colours)", update);
  print_figure ("the batched pass alone", pass);
  print_figure ("the colouring alone", color);
  g_print ("  target 2 ms: %s\n", update.median <= 2.0 ? "met" : "MISSED");
}

/* 6-8-8-8-1 trained on a spiral of 500 points, batch 10, as the window would. */
static BpNet *
train_spiral (BpDataset **dataset_out)
{
  guint n = bp_feature_set_count (FEATURES_6);
  BpDataset *dataset = bp_dataset_generate (BP_GENERATOR_SPIRAL, 500, 0, 50, 4, NULL);
  BpNet *net = make_net (FEATURES_6, 2);
  g_autoptr(BpMinibatch) mb = bp_minibatch_new (dataset->n_train, 10, n, 1, dataset->seed);
  g_autofree double *inputs = g_new (double, dataset->n_train * n);
  g_autofree double *targets = g_new (double, dataset->n_train);

  for (guint i = 0; i < dataset->n_train; i++)
    {
      bp_feature_set_fill (FEATURES_6, dataset->points[i].x1, dataset->points[i].x2,
                           inputs + i * n);
      targets[i] = dataset->points[i].label;
    }
  bp_net_set_learning_rate (net, 0.03, NULL);
  for (guint s = 0; s < 300 * mb->batches_per_epoch; s++)
    bp_net_minibatch_step (net, mb, inputs, targets, NULL, NULL);
  *dataset_out = dataset;
  return net;
}

/* 2-4-1 (tanh, linear) trained on the plane generator's regression set. */
static BpNet *
train_plane (BpDataset **dataset_out)
{
  const guint sizes[] = { 2, 4, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_LINEAR };
  BpDataset *dataset = bp_dataset_generate (BP_GENERATOR_PLANE, 300, 10, 50, 4, NULL);
  BpNet *net = bp_net_new (3, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  g_autoptr(BpMinibatch) mb = bp_minibatch_new (dataset->n_train, 10, 2, 1, dataset->seed);
  g_autofree double *inputs = g_new (double, dataset->n_train * 2);
  g_autofree double *targets = g_new (double, dataset->n_train);

  bp_net_init_seeded (net, 3);
  for (guint i = 0; i < dataset->n_train; i++)
    {
      inputs[2 * i] = dataset->points[i].x1;
      inputs[2 * i + 1] = dataset->points[i].x2;
      targets[i] = dataset->points[i].label;
    }
  bp_net_set_learning_rate (net, 0.01, NULL);
  for (guint s = 0; s < 100 * mb->batches_per_epoch; s++)
    bp_net_minibatch_step (net, mb, inputs, targets, NULL, NULL);
  *dataset_out = dataset;
  return net;
}

static void
write_png (cairo_surface_t *surface,
           const char      *dir,
           const char      *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  cairo_surface_write_to_png (surface, path);
  g_print ("wrote %s\n", path);
}

/* Every neuron's map, a column per layer. */
static void
write_neurons (const BpHeatmap *heatmap,
               const BpPalette *palette,
               const char      *dir,
               const char      *name)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 5 * 80, 8 * 80);
  cairo_t *cr = cairo_create (surface);

  bp_color_set_source (cr, &palette->background);
  cairo_paint (cr);
  for (guint l = 0; l <= bp_heatmap_get_n_layers (heatmap); l++)
    for (guint j = 0; j < bp_heatmap_get_layer_size (heatmap, l); j++)
      {
        cairo_save (cr);
        cairo_arc (cr, l * 80 + 40, j * 80 + 40, 32, 0, 2 * G_PI);
        cairo_clip (cr);
        bp_heatmap_draw_neuron (cr, heatmap, l, j, l * 80 + 8, j * 80 + 8, 64, 64);
        cairo_restore (cr);
        cairo_arc (cr, l * 80 + 40, j * 80 + 40, 32, 0, 2 * G_PI);
        bp_color_set_source (cr, &palette->node_outline);
        cairo_stroke (cr);
      }
  cairo_destroy (cr);
  write_png (surface, dir, name);
  cairo_surface_destroy (surface);
}

/* A regression's surface in the light and dark palettes, discretised at 0 too. */
static void
write_regression (const char *dir)
{
  g_autoptr(BpDataset) dataset = NULL;
  g_autoptr(BpNet) net = train_plane (&dataset);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (100);

  for (BpPaletteKind kind = BP_PALETTE_LIGHT; kind <= BP_PALETTE_DARK; kind++)
    for (guint discrete = 0; discrete <= 1; discrete++)
      {
        const BpPalette *palette = bp_palette_get (kind);
        BpHeatmapPanel panel = { .heatmap = heatmap, .dataset = dataset, .show_test = TRUE,
                                 .palette = palette, .text_scale = 1.0 };
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 560, 480);
        cairo_t *cr = cairo_create (surface);
        g_autofree char *name = g_strdup_printf ("plane-%s%s.png",
                                                 bp_palette_kind_to_string (kind),
                                                 discrete ? "-discrete" : "");

        bp_heatmap_set_discretize (heatmap, discrete);
        bp_heatmap_update (heatmap, net, BP_FEATURES_DEFAULT, palette);
        bp_heatmap_draw_panel (cr, 560, 480, &panel);
        cairo_destroy (cr);
        write_png (surface, dir, name);
        cairo_surface_destroy (surface);
      }
}

static void
write_pictures (const char *dir)
{
  g_autoptr(BpDataset) dataset = NULL;
  g_autoptr(BpNet) net = train_spiral (&dataset);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (100);
  const BpPaletteKind kinds[] = { BP_PALETTE_LIGHT, BP_PALETTE_DARK,
                                  BP_PALETTE_HIGH_CONTRAST_LIGHT,
                                  BP_PALETTE_HIGH_CONTRAST_DARK,
                                  BP_PALETTE_COLOUR_BLIND_LIGHT, BP_PALETTE_COLOUR_BLIND_DARK };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint discrete = 0; discrete <= 1; discrete++)
      {
        const BpPalette *palette = bp_palette_get (kinds[k]);
        BpHeatmapPanel panel = { .heatmap = heatmap, .dataset = dataset, .show_test = TRUE,
                                 .palette = palette, .text_scale = 1.0 };
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 560, 480);
        cairo_t *cr = cairo_create (surface);
        g_autofree char *name = g_strdup_printf ("boundary-%s%s.png",
                                                 bp_palette_kind_to_string (kinds[k]),
                                                 discrete ? "-discrete" : "");
        g_autofree char *neurons = g_strdup_printf ("neurons-%s.png",
                                                    bp_palette_kind_to_string (kinds[k]));

        bp_heatmap_set_discretize (heatmap, discrete);
        bp_heatmap_update (heatmap, net, FEATURES_6, palette);
        bp_heatmap_draw_panel (cr, 560, 480, &panel);
        cairo_destroy (cr);
        write_png (surface, dir, name);
        cairo_surface_destroy (surface);
        if (!discrete)
          write_neurons (heatmap, palette, dir, neurons);
      }
}

/* The median time of drawing the panel (the output's map, axes, 500 points, the scale) at
 * 560×480 and every neuron's map at 48×48, into an image surface, as a frame would. */
static void
bench_drawing (guint rounds)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  g_autoptr(BpNet) net = make_net (FEATURES_6, 1);
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (100);
  g_autoptr(BpDataset) dataset = bp_dataset_generate (BP_GENERATOR_SPIRAL, 500, 0, 50, 4,
                                                      NULL);
  BpHeatmapPanel panel = { .heatmap = heatmap, .dataset = dataset, .show_test = TRUE,
                           .palette = palette, .text_scale = 1.0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 560, 480);
  cairo_t *cr = cairo_create (surface);
  g_autofree double *panel_ms = g_new (double, rounds);
  g_autofree double *neurons_ms = g_new (double, rounds);

  bp_heatmap_update (heatmap, net, FEATURES_6, palette);
  for (guint k = 0; k < rounds; k++)
    {
      double start = now_ms (CLOCK_MONOTONIC);

      bp_heatmap_draw_panel (cr, 560, 480, &panel);
      panel_ms[k] = now_ms (CLOCK_MONOTONIC) - start;
      start = now_ms (CLOCK_MONOTONIC);
      for (guint l = 0; l <= net->n_layers; l++)
        for (guint j = 0; j < net->sizes[l]; j++)
          bp_heatmap_draw_neuron (cr, heatmap, l, j, l * 50, j * 50, 48, 48);
      cairo_surface_flush (surface);
      neurons_ms[k] = now_ms (CLOCK_MONOTONIC) - start;
    }
  g_print ("drawing, median: the panel at 560×480 with 500 points %.3f ms, 32 neuron maps at "
           "48×48 %.3f ms\n", median_of (panel_ms, rounds), median_of (neurons_ms, rounds));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  guint rounds = 201;

  setlocale (LC_ALL, "");
  if (argc == 3 && g_str_equal (argv[1], "--png"))
    {
      write_pictures (argv[2]);
      write_regression (argv[2]);
      return 0;
    }
  if (argc > 1)
    rounds = MAX (1, atoi (argv[1]));
  g_print ("median of %u rounds\n", rounds);
  bench (FEATURES_6, rounds);
  bench (BP_FEATURES_ALL, rounds);
  bench_drawing (MIN (rounds, 51));
  return 0;
}
