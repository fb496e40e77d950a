/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-draw.c: how long one frame of the diagram takes in an image surface, for the
 * default 2-3-1 network and for 8 weight layers of 16 neurons (9 columns of 16 neurons,
 * 1,792 weights): first a table at 1280×800, idle and in the middle of each phase of a
 * step; then the figures of the targets, the median frame of whole animated steps (every
 * sub-step: the update, each layer forward, the loss, each layer backward, as BpPlayback
 * plays them): the default network at
 * 1920×1080 within 4 ms, 8 × 16 at 1280×800 within 16 ms, animated and with a new state in
 * every frame (fast Play). Then dataset mode: 6-8-8-8-1 at 1920×1080 with and without
 * the neurons' maps in the nodes, and a frame of the re-layout.
 *
 * bench-draw --png DIR writes the frames it draws, to look at. bench-draw --animated
 * default|wide [STEPS] draws only that network's animated steps at its target's size, and
 * --playing default|wide [FRAMES] only frames that each show another state (fast Play), for
 * `valgrind --tool=callgrind --toggle-collect=bp_diagram_draw_frame`: instructions per
 * frame, a figure the load of a shared machine does not change. */
#define G_LOG_DOMAIN "bench-draw"

#include "config.h"

#include "bp-diagram.h"
#include "bp-heatmap.h"
#include "bp-reshape.h"

#include <math.h>
#include <stdlib.h>

#define WIDTH 1280
#define HEIGHT 800
#define ROUNDS 7
#define FRAMES_PER_PHASE 30     /* of an animated step, per sub-step (BpMoment) */
#define ANIMATED_ROUNDS 5       /* animated steps timed, frame by frame */

static BpNet *
make_wide_net (void)
{
  guint sizes[9];
  BpActivation activations[8];
  BpNet *net;

  for (guint l = 0; l < 9; l++)
    sizes[l] = 16;
  for (guint l = 0; l < 8; l++)
    activations[l] = l == 7 ? BP_ACTIVATION_SIGMOID : BP_ACTIVATION_TANH;
  net = bp_net_new (9, sizes, activations, BP_LOSS_SQUARED_ERROR, NULL);
  g_assert (net != NULL);
  net->learning_rate = 0.5;
  bp_net_init_seeded (net, 7);
  for (guint i = 0; i < 16; i++)
    {
      net->a[0][i] = sin (i * 1.3);
      net->target[i] = 0.5 + 0.4 * cos (i * 0.7);
    }
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

static BpNet *
make_default_net (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();

  return bp_net_copy (bp_network_get_net (network));
}

static gint64
median (gint64 *values,
        guint   n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        gint64 t = values[j];

        values[j] = values[j - 1];
        values[j - 1] = t;
      }
  return values[n / 2];
}

/* Median time of one frame in ns, over ROUNDS rounds of a few frames each. With
 * @alternate, every frame shows another state (as in fast Play), so nothing cached about
 * the connections can be reused. */
static gint64
time_frame (BpDiagramFrame *frame,
            int             width,
            int             height,
            const BpNet    *alternate)
{
  const BpNet *states[2] = { frame->after, alternate };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  gint64 times[ROUNDS];
  const int per_round = 10;

  bp_diagram_draw_frame (cr, width, height, frame);  /* warm the cache */
  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      for (int k = 0; k < per_round; k++)
        {
          /* Move the animation a little, as the frame clock would. */
          frame->progress = fmod (0.5 + 0.01 * k, 1.0);
          if (alternate != NULL)
            frame->after = states[k % 2];
          bp_diagram_draw_frame (cr, width, height, frame);
        }
      cairo_surface_flush (surface);
      times[r] = (g_get_monotonic_time () - start) * 1000 / per_round;
    }
  frame->after = states[0];
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return median (times, ROUNDS);
}

/* A step's "before": the net as it was, and the net after one step. */
static void
prepare_step (const BpNet *net,
              BpNet      **before,
              BpNet      **after)
{
  *before = bp_net_copy (net);
  *after = bp_net_copy (net);
  bp_net_step (*after, NULL);
}

/* Draws the frames of @n_steps animated steps of @frame's network, @before to @after,
 * as the frame clock would: FRAMES_PER_PHASE frames through each phase. With @times, the
 * time of each frame in ns goes there. Returns how many frames it drew. */
static guint
draw_animated_steps (BpDiagramFrame *frame,
                     int             width,
                     int             height,
                     const BpNet    *before,
                     const BpNet    *after,
                     guint           n_steps,
                     gint64         *times)
{
  guint n_sub_steps = bp_moment_count (after->n_layers);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  guint n = 0;

  frame->before = before;
  frame->after = after;
  /* Every sub-step of the step, as BpPlayback plays it: the update, each layer forward,
   * the loss, each layer backward. */
  for (guint r = 0; r < n_steps; r++)
    for (guint p = 0; p < n_sub_steps; p++)
      for (guint k = 0; k < FRAMES_PER_PHASE; k++)
        {
          BpMoment m = bp_moment_at (after->n_layers, p, (k + 0.5) / FRAMES_PER_PHASE);
          gint64 start = g_get_monotonic_time ();

          frame->phase = m.phase;
          frame->layer = m.layer;
          frame->progress = m.progress;
          bp_diagram_draw_frame (cr, width, height, frame);
          cairo_surface_flush (surface);
          if (times != NULL)
            times[n] = (g_get_monotonic_time () - start) * 1000;
          n++;
        }
  frame->phase = BP_PHASE_IDLE;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return n;
}

/* The median time in ns of a frame of an animated step of @net at @width × @height, with a
 * cache kept from frame to frame as the widget keeps it. */
static gint64
time_animated (const BpNet *net,
               int          width,
               int          height)
{
  g_autoptr(BpDiagramCache) cache = bp_diagram_cache_new ();
  g_autoptr(BpNet) before = NULL, after = NULL;
  g_autofree gint64 *times = g_new (gint64, ANIMATED_ROUNDS * bp_moment_count (net->n_layers)
                                             * FRAMES_PER_PHASE);
  BpDiagramFrame frame = {
    .zoom = 1.0, .text_scale = 1.0, .palette = bp_palette_get (BP_PALETTE_LIGHT),
    .cache = cache,
  };
  guint n;

  prepare_step (net, &before, &after);
  draw_animated_steps (&frame, width, height, before, after, 1, NULL);  /* warm up */
  n = draw_animated_steps (&frame, width, height, before, after, ANIMATED_ROUNDS, times);
  return median (times, n);
}

/* The median time in ns of a frame at @width × @height in which @net shows another state
 * each time, as in fast Play, which jumps from each step's end to the next. */
static gint64
time_playing (BpNet *net,
              int    width,
              int    height)
{
  g_autoptr(BpDiagramCache) cache = bp_diagram_cache_new ();
  g_autoptr(BpNet) before = NULL, after = NULL;
  BpDiagramFrame frame = {
    .after = net, .zoom = 1.0, .text_scale = 1.0,
    .palette = bp_palette_get (BP_PALETTE_LIGHT), .cache = cache,
  };

  prepare_step (net, &before, &after);
  return time_frame (&frame, width, height, after);
}

static void
report_target (const char *name,
               const char *frames,
               double      ms,
               int         width,
               int         height,
               double      target_ms)
{
  g_print ("%-22s %-10s %4dx%-5d %10.3f %10.1f   %s\n", name, frames, width, height, ms,
           target_ms, ms <= target_ms ? "met" : "MISSED");
}

static void
write_png (const char           *dir,
           const char           *name,
           const BpDiagramFrame *frame,
           int                   width,
           int                   height)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  bp_diagram_draw_frame (cr, width, height, frame);
  cairo_destroy (cr);
  if (cairo_surface_write_to_png (surface, path) != CAIRO_STATUS_SUCCESS)
    g_printerr ("Could not write %s\n", path);
  else
    g_print ("wrote %s\n", path);
  cairo_surface_destroy (surface);
}

/* The wide network in each phase of a step, the wave across a layer in the backward one:
 * the frames whose connections the rasteriser draws anew. */
static void
write_wide_phases (const char *dir,
                   BpNet      *wide)
{
  g_autoptr(BpNet) before = NULL, after = NULL;
  BpDiagramFrame frame = {
    .zoom = 1.0, .text_scale = 1.0, .palette = bp_palette_get (BP_PALETTE_DARK),
  };

  prepare_step (wide, &before, &after);
  frame.before = before;
  frame.after = after;
  for (BpPhase phase = BP_PHASE_UPDATE; phase <= BP_PHASE_BACKWARD; phase++)
    {
      g_autofree char *name = g_strdup_printf ("wide-phase%d.png", phase);

      frame.phase = phase;
      frame.progress = 0.63;
      write_png (dir, name, &frame, WIDTH, HEIGHT);
    }
}

static void
write_pngs (const char *dir,
            BpNet      *small,
            BpNet      *wide)
{
  g_autoptr(BpNet) before = NULL, after = NULL;
  BpDiagramFrame frame = {
    .after = small, .zoom = 1.0, .text_scale = 1.0,
    .palette = bp_palette_get (BP_PALETTE_LIGHT),
  };

  g_mkdir_with_parents (dir, 0755);
  write_png (dir, "default-light.png", &frame, WIDTH, HEIGHT);
  frame.palette = bp_palette_get (BP_PALETTE_DARK);
  frame.selection = (BpSelection) { BP_SELECTION_CONNECTION, 1, 0, 1 };
  frame.focus_visible = TRUE;
  write_png (dir, "default-dark.png", &frame, WIDTH, HEIGHT);
  frame.palette = bp_palette_get (BP_PALETTE_HIGH_CONTRAST_LIGHT);
  frame.hover = (BpSelection) { BP_SELECTION_NODE, 1, 1, 0 };
  frame.focus_visible = FALSE;
  write_png (dir, "default-hc-light.png", &frame, WIDTH, HEIGHT);
  frame.palette = bp_palette_get (BP_PALETTE_HIGH_CONTRAST_DARK);
  write_png (dir, "default-hc-dark.png", &frame, WIDTH, HEIGHT);
  frame.palette = bp_palette_get (BP_PALETTE_LIGHT);
  frame.hover.kind = BP_SELECTION_NONE;
  frame.selection.kind = BP_SELECTION_NONE;
  write_png (dir, "default-small.png", &frame, 500, 350);

  prepare_step (small, &before, &after);
  frame.before = before;
  frame.after = after;
  for (BpPhase phase = BP_PHASE_UPDATE; phase <= BP_PHASE_BACKWARD; phase++)
    {
      g_autofree char *name = g_strdup_printf ("default-phase%d.png", phase);

      frame.phase = phase;
      frame.progress = 0.5;
      write_png (dir, name, &frame, WIDTH, HEIGHT);
    }

  frame = (BpDiagramFrame) {
    .after = wide, .zoom = 1.0, .text_scale = 1.0,
    .palette = bp_palette_get (BP_PALETTE_LIGHT),
  };
  write_png (dir, "wide-light.png", &frame, WIDTH, HEIGHT);
  frame.palette = bp_palette_get (BP_PALETTE_DARK);
  write_png (dir, "wide-dark.png", &frame, WIDTH, HEIGHT);
  frame.palette = bp_palette_get (BP_PALETTE_LIGHT);
  write_png (dir, "wide-small.png", &frame, 500, 350);
  write_wide_phases (dir, wide);
  frame.zoom = 2.0;
  write_png (dir, "default-zoom2-4k.png", &(BpDiagramFrame) {
    .after = small, .zoom = 2.0, .text_scale = 1.0,
    .palette = bp_palette_get (BP_PALETTE_DARK) }, 2560, 1440);
}

static void
bench (const char *name,
       BpNet      *net)
{
  g_autoptr(BpDiagramCache) cache = bp_diagram_cache_new ();
  g_autoptr(BpNet) before = NULL, after = NULL;
  BpDiagramFrame frame = {
    .after = net, .zoom = 1.0, .text_scale = 1.0,
    .palette = bp_palette_get (BP_PALETTE_LIGHT), .cache = cache,
  };
  gint64 idle, changing, update, forward, backward;

  idle = time_frame (&frame, WIDTH, HEIGHT, NULL);
  prepare_step (net, &before, &after);
  changing = time_frame (&frame, WIDTH, HEIGHT, after);
  frame.before = before;
  frame.after = after;
  frame.phase = BP_PHASE_UPDATE;
  update = time_frame (&frame, WIDTH, HEIGHT, NULL);
  frame.phase = BP_PHASE_FORWARD;
  forward = time_frame (&frame, WIDTH, HEIGHT, NULL);
  frame.phase = BP_PHASE_BACKWARD;
  backward = time_frame (&frame, WIDTH, HEIGHT, NULL);
  g_print ("%-22s %10.3f %10.3f %10.3f %10.3f %10.3f\n", name, idle / 1e6, changing / 1e6,
           update / 1e6, forward / 1e6, backward / 1e6);
}

/* Dataset mode: a 6-8-8-8-1 network (features x1, x2, x1², x2², sin x1, sin x2) at
 * 1920×1080, its nodes with and without their maps (a 100 × 100 heatmap, updated
 * beforehand: the window computes it apart from the drawing), idle and with a new state
 * in every frame; then a frame of the re-layout after a layer is added. */
static void
bench_maps (void)
{
  const guint sizes[] = { 6, 8, 8, 8, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  BpFeatureSet features = BP_FEATURES_DEFAULT | BP_FEATURE_BIT (BP_FEATURE_X1_SQUARED)
                          | BP_FEATURE_BIT (BP_FEATURE_X2_SQUARED)
                          | BP_FEATURE_BIT (BP_FEATURE_SIN_X1)
                          | BP_FEATURE_BIT (BP_FEATURE_SIN_X2);
  BpReshape edit = { BP_RESHAPE_ADD_LAYER, 4, 0, 8 };
  g_autoptr(BpNet) net = bp_net_new (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR,
                                     NULL);
  g_autoptr(BpNet) before = NULL, after = NULL, grown = NULL;
  g_autoptr(BpHeatmap) heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
  g_autoptr(BpDiagramCache) cache = bp_diagram_cache_new ();
  g_autoptr(BpDiagramMotion) motion = NULL;
  BpDiagramFrame frame = {
    .zoom = 1.0, .text_scale = 1.0, .palette = bp_palette_get (BP_PALETTE_LIGHT),
    .cache = cache,
  };
  gint64 idle[2], playing[2], relayout;

  bp_net_init_seeded (net, 1);
  bp_net_forward (net);
  prepare_step (net, &before, &after);
  bp_heatmap_update (heatmap, after, features, frame.palette);
  frame.after = after;
  for (guint k = 0; k < 2; k++)
    {
      frame.heatmap = k == 0 ? NULL : heatmap;
      idle[k] = time_frame (&frame, 1920, 1080, NULL);
      playing[k] = time_frame (&frame, 1920, 1080, before);
    }
  grown = bp_net_reshape (after, &edit, 2, NULL);
  bp_net_forward (grown);
  motion = bp_diagram_motion_new (1920, 1080, &frame);
  bp_heatmap_update (heatmap, grown, features, frame.palette);
  frame.after = grown;
  frame.motion = motion;
  frame.motion_progress = 0.5;
  relayout = time_frame (&frame, 1920, 1080, NULL);
  g_print ("dataset mode, 6-8-8-8-1 at 1920x1080, ms per frame (median)\n");
  g_print ("%-22s %10s %10s\n", "nodes", "idle", "new state");
  g_print ("%-22s %10.3f %10.3f\n", "without maps", idle[0] / 1e6, playing[0] / 1e6);
  g_print ("%-22s %10.3f %10.3f\n", "with maps", idle[1] / 1e6, playing[1] / 1e6);
  g_print ("%-22s %10.3f\n\n", "re-layout, with maps", relayout / 1e6);
}

/* Draws @n frames that alternate between the states @a and @b, as fast Play shows them. */
static void
draw_playing (BpDiagramFrame *frame,
              int             width,
              int             height,
              const BpNet    *a,
              const BpNet    *b,
              guint           n)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  for (guint k = 0; k < n; k++)
    {
      frame->after = k % 2 == 0 ? a : b;
      bp_diagram_draw_frame (cr, width, height, frame);
    }
  cairo_surface_flush (surface);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Only the frames of animated steps (@playing FALSE) or of fast Play, at the size of the
 * network's target, for callgrind: @count steps or frames after a few to warm up. */
static int
draw_only (gboolean     playing,
           const char  *which,
           const char  *count_arg,
           const BpNet *small,
           const BpNet *wide)
{
  gboolean is_wide = g_str_equal (which, "wide");
  const BpNet *net = is_wide ? wide : small;
  int width = is_wide ? WIDTH : 1920, height = is_wide ? HEIGHT : 1080;
  g_autoptr(BpDiagramCache) cache = bp_diagram_cache_new ();
  g_autoptr(BpNet) before = NULL, after = NULL;
  BpDiagramFrame frame = {
    .zoom = 1.0, .text_scale = 1.0, .palette = bp_palette_get (BP_PALETTE_LIGHT),
    .cache = cache,
  };
  guint count = count_arg != NULL ? (guint) g_ascii_strtoull (count_arg, NULL, 10) : 1;

  if (!is_wide && !g_str_equal (which, "default"))
    {
      g_printerr ("Which network: default or wide, not %s\n", which);
      return EXIT_FAILURE;
    }
  prepare_step (net, &before, &after);
  if (playing)
    {
      draw_playing (&frame, width, height, before, after, 4);
      draw_playing (&frame, width, height, before, after, MAX (count, 1));
      g_print ("%u frames\n", MAX (count, 1));
      return EXIT_SUCCESS;
    }
  draw_animated_steps (&frame, width, height, before, after, 1, NULL);
  g_print ("%u frames\n", draw_animated_steps (&frame, width, height, before, after,
                                               MAX (count, 1), NULL));
  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BpNet) small = make_default_net ();
  g_autoptr(BpNet) wide = make_wide_net ();

  if (argc == 3 && g_str_equal (argv[1], "--png"))
    {
      write_pngs (argv[2], small, wide);
      return EXIT_SUCCESS;
    }
  if ((argc == 3 || argc == 4)
      && (g_str_equal (argv[1], "--animated") || g_str_equal (argv[1], "--playing")))
    return draw_only (g_str_equal (argv[1], "--playing"), argv[2], argc == 4 ? argv[3] : NULL,
                      small, wide);
  if (argc != 1)
    {
      g_printerr ("Usage: %s [--png DIR | --animated default|wide [STEPS]"
                  " | --playing default|wide [FRAMES]]\n", argv[0]);
      return EXIT_FAILURE;
    }
  g_print ("bp_diagram_draw_frame at %dx%d, median of %d rounds, ms per frame\n",
           WIDTH, HEIGHT, ROUNDS);
  g_print ("%-22s %10s %10s %10s %10s %10s\n", "network", "idle", "new state", "update",
           "forward", "backward");
  bench ("2-3-1 (default)", small);
  bench ("8 layers x 16 (1792 w)", wide);
  g_print ("idle: the same state again (hover, selection); new state: every frame another\n"
           "state, as in fast Play; update/forward/backward: the phases of an animated step.\n\n");
  bench_maps ();
  g_print ("targets: animated, the median frame of %d steps, %d frames per sub-step; new state,"
           " as above; ms per frame\n", ANIMATED_ROUNDS, FRAMES_PER_PHASE);
  g_print ("%-22s %-10s %10s %10s %10s\n", "network", "frames", "size", "median", "target");
  report_target ("2-3-1 (default)", "animated", time_animated (small, 1920, 1080) / 1e6,
                 1920, 1080, 4.0);
  report_target ("8 layers x 16 (1792 w)", "animated",
                 time_animated (wide, WIDTH, HEIGHT) / 1e6, WIDTH, HEIGHT, 16.0);
  report_target ("8 layers x 16 (1792 w)", "new state",
                 time_playing (wide, WIDTH, HEIGHT) / 1e6, WIDTH, HEIGHT, 16.0);
  return EXIT_SUCCESS;
}
