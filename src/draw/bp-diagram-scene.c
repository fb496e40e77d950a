/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-scene.c: what each part of the diagram shows at a moment of a step's animation
 * (which activations, which gradients, how far the wave has come), and the animation's own
 * marks: the forward pulse, the backward wave of gradients and the glow of the update. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"

#include <math.h>
#include <string.h>

/* ---------------------------------------------------------------------------------------
 * What each part shows at this moment of the animation
 */

gboolean
bp_diagram_animating (const BpDiagramFrame *frame)
{
  return frame->before != NULL && frame->phase != BP_PHASE_IDLE
         && bp_net_same_shape (frame->before, frame->after);
}

/* The net whose activations column @c shows: the forward pulse switches them on arrival. */
const BpNet *
bp_diagram_column_net (const Scene *scene,
                       guint        c)
{
  switch (scene->frame->phase)
    {
    case BP_PHASE_UPDATE:
      return c == 0 ? scene->net : scene->old;
    case BP_PHASE_FORWARD:
      return c == 0 || scene->s >= c ? scene->net : scene->old;
    case BP_PHASE_IDLE:
    case BP_PHASE_BACKWARD:
    default:
      return scene->net;
    }
}

const BpNet *
bp_diagram_loss_net (const Scene *scene)
{
  return scene->frame->phase == BP_PHASE_UPDATE || scene->frame->phase == BP_PHASE_FORWARD
         ? scene->old : scene->net;
}

double
bp_diagram_shown_weight (const Scene *scene,
                         guint        l,
                         guint        j,
                         guint        i)
{
  double after = *bp_net_weight (scene->net, l, j, i);

  if (scene->frame->phase == BP_PHASE_UPDATE)
    {
      double before = *bp_net_weight (scene->old, l, j, i);
      double t = scene->frame->progress;

      return before + (after - before) * t * t * (3.0 - 2.0 * t);
    }
  return after;
}

static double
largest_change (const BpNet *before,
                const BpNet *after)
{
  double dmax = 0.0;

  for (guint l = 0; l < after->n_layers; l++)
    {
      gsize n = (gsize) after->sizes[l] * after->sizes[l + 1];

      for (gsize k = 0; k < n; k++)
        {
          double d = fabs (after->weights[l][k] - before->weights[l][k]);

          if (isfinite (d) && d > dmax)
            dmax = d;
        }
    }
  return dmax;
}

void
bp_diagram_scene_init (Scene                *scene,
                       const BpDiagramFrame *frame,
                       BpDiagramCache       *cache)
{
  gboolean moving = bp_diagram_animating (frame);

  scene->frame = frame;
  scene->cache = cache;
  scene->palette = frame->palette != NULL ? frame->palette : bp_palette_get (BP_PALETTE_LIGHT);
  scene->net = frame->after;
  scene->old = moving ? frame->before : frame->after;
  scene->s = CLAMP (frame->progress, 0.0, 1.0) * (frame->after->n_layers + 1);
  scene->wmin = MIN_LINE_PX * MAX (1.0, frame->zoom);
  /* In a crowded column the thickest line must not swallow its neighbours, and where
   * hundreds of lines cross (more than 64 connections) a third of that keeps the picture
   * readable: the scale stays the same for every step, only its thickest line is thinner
   * (the legend draws its samples at these widths). */
  scene->wmax = MIN (MAX_LINE_PX * frame->zoom,
                     MAX (2.0 * scene->wmin,
                          cache->nodes[0].hh * (cache->n_connections > 64 ? 0.1 : 0.3)));
  scene->dmax = 0.0;
  if (moving && frame->phase == BP_PHASE_UPDATE)
    scene->dmax = largest_change (frame->before, frame->after);
}

/* ---------------------------------------------------------------------------------------
 * The animation: pulse, wave and glow
 */

/* Where each dot of a travelling pulse is: @pass 0 adds the soft halos, 1 the dots. The
 * forward pulse crosses one layer per segment, the last one from the outputs past their
 * targets into the loss. */
static void
forward_dots (cairo_t     *cr,
              const Scene *scene,
              double       r)
{
  BpDiagramCache *cache = scene->cache;
  const BpNet *net = scene->net;
  guint L = net->n_layers;
  guint l = (guint) MIN (scene->s, (double) L);
  double q = CLAMP (scene->s - l, 0.0, 1.0), x, y;

  if (l < L)
    {
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        for (guint i = 0; i < net->sizes[l]; i++)
          {
            point_on (node_box (cache, l, i), node_box (cache, l + 1, j), q, &x, &y);
            add_circle (cr, x, y, r);
          }
      return;
    }
  for (guint k = 0; k < net->sizes[L]; k++)
    {
      if (q < 0.5)
        point_on (node_box (cache, L, k), &cache->targets[k], q * 2.0, &x, &y);
      else
        point_on (&cache->targets[k], &cache->loss, q * 2.0 - 1.0, &x, &y);
      add_circle (cr, x, y, r);
    }
}

void
bp_diagram_draw_forward_pulse (cairo_t     *cr,
                               const Scene *scene)
{
  double r = 3.5 * MAX (1.0, scene->frame->zoom);

  forward_dots (cr, scene, 2.0 * r);
  set_source_mix (cr, &scene->palette->pulse, 0.3);
  cairo_fill (cr);
  forward_dots (cr, scene, r);
  bp_color_set_source (cr, &scene->palette->pulse);
  cairo_fill_preserve (cr);
  set_source_mix (cr, &scene->palette->text, 0.5);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_stroke (cr);
}

/* The gradient wave's dots of one look (see bp_diagram_style_key ()), each as thick as
 * its line. */
static void
wave_dots (cairo_t     *cr,
           const Scene *scene,
           guint        style,
           double       r)
{
  BpDiagramCache *cache = scene->cache;
  const BpNet *net = scene->net;
  double x, y;

  for (guint l = 0; l < net->n_layers; l++)
    {
      double passed = wave_passed (scene, l);

      if (passed <= 0.0 || passed >= 1.0)
        continue;
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        for (guint i = 0; i < net->sizes[l]; i++)
          {
            guint key = bp_diagram_style_key (scene, bp_net_weight_gradient (net, l, j, i));

            if (key % 3 != style)
              continue;
            point_on (node_box (cache, l, i), node_box (cache, l + 1, j), 1.0 - passed, &x, &y);
            add_circle (cr, x, y, MAX (r, key_width (scene, key) * 0.9));
          }
    }
}

/* The gradient wave: from the loss back to the outputs, then across each layer, a dot per
 * connection in its new colour. */
void
bp_diagram_draw_backward_wave (cairo_t     *cr,
                               const Scene *scene)
{
  BpDiagramCache *cache = scene->cache;
  const BpNet *net = scene->net;
  const BpColor *colors[3] = { &scene->palette->grid, &scene->palette->fall,
                               &scene->palette->rise };
  guint L = net->n_layers;
  double s = scene->s, x, y;
  double r = 3.5 * MAX (1.0, scene->frame->zoom);

  if (s < 1.0)
    {
      for (guint k = 0; k < net->sizes[L]; k++)
        {
          if (s < 0.5)
            point_on (&cache->loss, &cache->targets[k], s * 2.0, &x, &y);
          else
            point_on (&cache->targets[k], node_box (cache, L, k), s * 2.0 - 1.0, &x, &y);
          add_circle (cr, x, y, r);
        }
      bp_color_set_source (cr, &scene->palette->loss);
      cairo_fill (cr);
      return;
    }
  for (guint style = 0; style < 3; style++)
    {
      /* A soft halo twice the dot's size, then the dot. */
      wave_dots (cr, scene, style, 2.0 * r);
      set_source_mix (cr, colors[style], 0.3);
      cairo_fill (cr);
      wave_dots (cr, scene, style, 1.3 * r);
      bp_color_set_source (cr, colors[style]);
      cairo_fill (cr);
    }
}

#define MAX_GLOWS 48

typedef struct {
  double change;
  guint layer, to, from;
} Glow;

static int
compare_glows (const void *a,
               const void *b)
{
  double ca = ((const Glow *) a)->change, cb = ((const Glow *) b)->change;

  return (ca < cb) - (ca > cb);
}

/* The update: a glow on the weights that move most, brighter and wider as their change is
 * larger. Only the largest MAX_GLOWS changes glow: they are the ones to watch, and a glow
 * on each of 1,792 lines would cost more than the rest of the frame. */
void
bp_diagram_draw_update_glow (cairo_t     *cr,
                             const Scene *scene)
{
  const BpNet *net = scene->net;
  double envelope = sin (G_PI * CLAMP (scene->frame->progress, 0.0, 1.0));
  Glow glows[MAX_GLOWS + 1];
  guint n = 0;

  if (!(scene->dmax > 0.0))
    return;
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      for (guint i = 0; i < net->sizes[l]; i++)
        {
          double d = fabs (*bp_net_weight (net, l, j, i) - *bp_net_weight (scene->old, l, j, i));

          if (!isfinite (d) || d < 0.1 * scene->dmax)
            continue;
          if (n == MAX_GLOWS && d <= glows[n - 1].change)
            continue;
          /* Insertion into the list kept sorted, largest first. */
          glows[n < MAX_GLOWS ? n++ : n - 1] = (Glow) { d, l, j, i };
          for (guint k = n - 1; k > 0 && compare_glows (&glows[k - 1], &glows[k]) > 0; k--)
            {
              Glow t = glows[k];

              glows[k] = glows[k - 1];
              glows[k - 1] = t;
            }
        }
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint k = n; k-- > 0;)
    {
      double rel = glows[k].change / scene->dmax;

      set_source_mix (cr, &scene->palette->pulse, 0.8 * rel * envelope);
      cairo_set_line_width (cr, scene->wmin + (4.0 + 12.0 * rel) * scene->frame->zoom * envelope);
      bp_diagram_stroke_part (cr, node_box (scene->cache, glows[k].layer, glows[k].from),
                              node_box (scene->cache, glows[k].layer + 1, glows[k].to), 0.0, 1.0);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}
