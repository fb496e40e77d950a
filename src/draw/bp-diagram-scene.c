/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-scene.c: what each part of the diagram shows at a moment of a step's animation
 * (which activations, which gradients, how far the wave has come), and the animation's own
 * marks: the forward pulse, the backward wave of gradients and the glow of the update. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"

#include <math.h>
#include <string.h>

#include "bp-format.h"

/* ---------------------------------------------------------------------------------------
 * What each part shows at this moment of the animation
 */

gboolean
bp_diagram_animating (const BpDiagramFrame *frame)
{
  return frame->before != NULL && frame->phase != BP_PHASE_IDLE
         && bp_net_same_shape (frame->before, frame->after);
}

/* The moment of the frame, as BpPlayback describes it. */
static BpMoment
frame_moment (const BpDiagramFrame *frame)
{
  guint L = frame->after->n_layers;
  BpMoment m = { frame->phase, frame->layer, CLAMP (frame->progress, 0.0, 1.0), L };

  if (!bp_diagram_animating (frame))
    return bp_moment_idle (L);
  if (m.phase == BP_PHASE_FORWARD)
    m.layer = CLAMP (m.layer, 1, L);
  else if (m.phase == BP_PHASE_BACKWARD)
    m.layer = MIN (m.layer, L);
  else
    m.layer = 0;
  return m;
}

/* The net whose activations column @c shows: the forward pulse switches them on arrival. */
const BpNet *
bp_diagram_column_net (const Scene *scene,
                       guint        c)
{
  return bp_moment_new_values (&scene->moment, c) ? scene->net : scene->old;
}

const BpNet *
bp_diagram_loss_net (const Scene *scene)
{
  return bp_moment_new_loss (&scene->moment) ? scene->net : scene->old;
}

/* The net whose δ column @c shows: the backward wave switches them on arrival. */
const BpNet *
bp_diagram_deltas_net (const Scene *scene,
                       guint        c)
{
  return bp_moment_new_deltas (&scene->moment, c) ? scene->net : scene->old;
}

double
bp_diagram_shown_weight (const Scene *scene,
                         guint        l,
                         guint        j,
                         guint        i)
{
  double after = *bp_net_weight (scene->net, l, j, i);

  if (scene->moment.phase == BP_PHASE_UPDATE && scene->moment.progress < 1.0)
    {
      double before = *bp_net_weight (scene->old, l, j, i);
      double t = scene->moment.progress;

      return before + (after - before) * t * t * (3.0 - 2.0 * t);
    }
  return bp_moment_new_weights (&scene->moment) ? after : *bp_net_weight (scene->old, l, j, i);
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
  scene->moment = frame_moment (frame);
  scene->s = bp_moment_segments (&scene->moment);
  /* Lines grow with the zoom drawn at, which includes what fills a large window, so that
   * they keep their proportion to the nodes. */
  scene->wmin = MIN_LINE_PX * MAX (1.0, cache->zoom);
  /* In a crowded column the thickest line must not swallow its neighbours, and where
   * hundreds of lines cross (more than 64 connections) a third of that keeps the picture
   * readable: the scale stays the same for every step, only its thickest line is thinner
   * (the legend draws its samples at these widths). */
  scene->wmax = MIN (MAX_LINE_PX * cache->zoom,
                     MAX (2.0 * scene->wmin,
                          cache->nodes[0].hh * (cache->n_connections > 64 ? 0.1 : 0.3)));
  scene->dmax = 0.0;
  scene->maps = bp_diagram_maps_fit (frame->heatmap, frame->after);
  scene->relayout = NULL;
  scene->alpha = 1.0;
  if (moving && scene->moment.phase == BP_PHASE_UPDATE)
    scene->dmax = largest_change (frame->before, frame->after);
}

/* ---------------------------------------------------------------------------------------
 * The animation: pulse, wave and glow
 */

/* The radius of a pulse's dot: big enough to follow from the back of a room, a third of a
 * node's height. */
static double
pulse_radius (const Scene *scene)
{
  return MAX (5.0 * MAX (1.0, scene->cache->zoom), 0.3 * scene->cache->nodes[0].hh);
}

/* Whether the pulse on connection (@l, @j, @i) writes out the term it carries: on every
 * connection of a small network, else on those of the selected item. */
static gboolean
wants_term (const Scene *scene,
            guint        l,
            guint        j,
            guint        i)
{
  const BpSelection *sel = &scene->frame->selection;

  if (scene->cache->n_connections <= BP_DIAGRAM_MAX_TERMS)
    return TRUE;
  switch (sel->kind)
    {
    case BP_SELECTION_CONNECTION:
      return sel->layer == l && sel->to == j && sel->from == i;
    case BP_SELECTION_BIAS:
      return sel->layer == l && sel->to == j;
    case BP_SELECTION_NODE:
      return (sel->layer == l && sel->to == i) || (sel->layer == l + 1 && sel->to == j);
    case BP_SELECTION_NONE:
    default:
      return FALSE;
    }
}

/* A pulse's dot at (@x, @y): a soft halo, the dot in @fill, ringed in @edge so that it
 * stands out on a line of any colour. */
static void
stroke_dot (cairo_t       *cr,
            double         x,
            double         y,
            double         r,
            const BpColor *fill,
            const BpColor *edge)
{
  cairo_new_path (cr);
  add_circle (cr, x, y, 1.8 * r);
  set_source_mix (cr, fill, 0.3);
  cairo_fill (cr);
  add_circle (cr, x, y, r);
  bp_color_set_source (cr, fill);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, edge);
  cairo_set_line_width (cr, MAX (1.5, 0.18 * r));
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_stroke (cr);
}

/* The dot, painted from a raster kept in the cache (one per kind: 0 forward, 1 backward)
 * where the surface allows, as the nodes' discs are: filling and stroking its curves for
 * each of many pulses costs more than painting. */
static void
draw_dot (cairo_t       *cr,
          const Scene   *scene,
          double         x,
          double         y,
          const BpColor *fill,
          const BpColor *edge)
{
  BpDiagramCache *cache = scene->cache;
  double r = pulse_radius (scene), half = ceil (1.8 * r) + 1.0;
  guint kind = fill == &scene->palette->wave;
  cairo_surface_t **dot = &cache->dots[kind];
  double scale = scene->disc_scale;

  if (scale <= 0.0)
    {
      stroke_dot (cr, x, y, r, fill, edge);
      return;
    }
  if (*dot != NULL && (cache->dot_palette != scene->palette || cache->dot_radius != r
                       || cache->dot_scale != scale))
    {
      g_clear_pointer (&cache->dots[0], cairo_surface_destroy);
      g_clear_pointer (&cache->dots[1], cairo_surface_destroy);
    }
  if (*dot == NULL)
    {
      cairo_t *dcr;

      *dot = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (2.0 * half * scale),
                                         (int) ceil (2.0 * half * scale));
      if (cairo_surface_status (*dot) != CAIRO_STATUS_SUCCESS)
        {
          g_clear_pointer (dot, cairo_surface_destroy);
          stroke_dot (cr, x, y, r, fill, edge);
          return;
        }
      cairo_surface_set_device_scale (*dot, scale, scale);
      dcr = cairo_create (*dot);
      stroke_dot (dcr, half, half, r, fill, edge);
      cairo_destroy (dcr);
      cache->dot_palette = scene->palette;
      cache->dot_radius = r;
      cache->dot_scale = scale;
    }
  cairo_set_source_surface (cr, *dot, x - half, y - half);
  cairo_paint (cr);
}

/* How visible a term's label is at @t of the way along its line: it fades in as its pulse
 * leaves a neuron and out as it arrives, so that it never hides a neuron's value. */
static double
term_alpha (double t)
{
  return CLAMP (MIN (t, 1.0 - t) / 0.15, 0.0, 1.0);
}

/* The term a pulse carries, written in a small label above its dot, @alpha visible. */
static void
draw_term (cairo_t       *cr,
           const Scene   *scene,
           double         x,
           double         y,
           double         value,
           const BpColor *edge,
           double         alpha)
{
  BpDiagramCache *cache = scene->cache;
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  char text[BP_NUMBER_SIZE];
  double r = pulse_radius (scene), pad = cache->small_px * 0.3, bx, by;
  int w, h;

  if (alpha <= 0.0)
    return;
  if (cache->term == NULL)
    cache->term = pango_layout_new (cache->context);
  pango_font_description_set_family (font, cache->family);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_absolute_size (font, cache->small_px * PANGO_SCALE);
  pango_layout_set_font_description (cache->term, font);
  pango_layout_set_attributes (cache->term, cache->tabular);
  bp_format_number_into (value, BP_NUMBER_NODE, text, sizeof text);
  pango_layout_set_text (cache->term, text, -1);
  pango_layout_get_pixel_size (cache->term, &w, &h);
  bx = x - w / 2.0 - pad;
  by = y - r - h - 2.0 * pad - 2.0;
  rounded_rect (cr, bx, by, w + 2.0 * pad, h + 2.0 * pad, h / 2.0);
  set_source_mix (cr, &scene->palette->background, 0.92 * alpha);
  cairo_fill_preserve (cr);
  set_source_mix (cr, edge, alpha);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  set_source_mix (cr, &scene->palette->text, alpha);
  cairo_move_to (cr, bx + pad, by + pad);
  pango_cairo_show_layout (cr, cache->term);
}

/* The forward pulse: across one layer per sub-step, each dot carrying w·a to its neuron,
 * then from the outputs past their targets into the loss. */
void
bp_diagram_draw_forward_pulse (cairo_t     *cr,
                               const Scene *scene)
{
  BpDiagramCache *cache = scene->cache;
  const BpNet *net = scene->net;
  const BpPalette *palette = scene->palette;
  guint L = net->n_layers;
  guint l = (guint) MIN (scene->s, (double) L);
  double q = CLAMP (scene->s - l, 0.0, 1.0), x, y;

  if (l == L)
    {
      for (guint k = 0; k < net->sizes[L]; k++)
        {
          if (q < 0.5)
            point_on (node_box (cache, L, k), &cache->targets[k], q * 2.0, &x, &y);
          else
            point_on (&cache->targets[k], &cache->loss, q * 2.0 - 1.0, &x, &y);
          draw_dot (cr, scene, x, y, &palette->pulse, &palette->text);
        }
      return;
    }
  for (guint j = 0; j < net->sizes[l + 1]; j++)
    for (guint i = 0; i < net->sizes[l]; i++)
      {
        point_on (node_box (cache, l, i), node_box (cache, l + 1, j), q, &x, &y);
        draw_dot (cr, scene, x, y, &palette->pulse, &palette->text);
      }
  for (guint j = 0; j < net->sizes[l + 1]; j++)
    for (guint i = 0; i < net->sizes[l]; i++)
      if (wants_term (scene, l, j, i))
        {
          point_on (node_box (cache, l, i), node_box (cache, l + 1, j), q, &x, &y);
          draw_term (cr, scene, x, y, *bp_net_weight (net, l, j, i) * net->a[l][i],
                     &palette->pulse, term_alpha (q));
        }
}

/* The backward wave: from the loss back to the outputs carrying ∂L/∂y, then across each
 * layer, each dot carrying w·δ from a neuron to the one below. Behind it the lines take
 * their new gradients' colours. */
void
bp_diagram_draw_backward_wave (cairo_t     *cr,
                               const Scene *scene)
{
  BpDiagramCache *cache = scene->cache;
  const BpNet *net = scene->net;
  const BpPalette *palette = scene->palette;
  guint L = net->n_layers;
  double s = scene->s, x, y;
  guint l;
  double passed;

  if (s < 1.0)
    {
      for (guint k = 0; k < net->sizes[L]; k++)
        {
          if (s < 0.5)
            point_on (&cache->loss, &cache->targets[k], s * 2.0, &x, &y);
          else
            point_on (&cache->targets[k], node_box (cache, L, k), s * 2.0 - 1.0, &x, &y);
          draw_dot (cr, scene, x, y, &palette->wave, &palette->background);
          if (cache->n_connections <= BP_DIAGRAM_MAX_TERMS)
            draw_term (cr, scene, x, y, net->grad_a[L][k], &palette->wave, term_alpha (s));
        }
      return;
    }
  l = L - (guint) MIN (s, (double) L);
  passed = wave_passed (scene, l);
  for (guint j = 0; j < net->sizes[l + 1]; j++)
    for (guint i = 0; i < net->sizes[l]; i++)
      {
        point_on (node_box (cache, l, i), node_box (cache, l + 1, j), 1.0 - passed, &x, &y);
        draw_dot (cr, scene, x, y, &palette->wave, &palette->background);
      }
  for (guint j = 0; j < net->sizes[l + 1]; j++)
    for (guint i = 0; i < net->sizes[l]; i++)
      if (wants_term (scene, l, j, i))
        {
          point_on (node_box (cache, l, i), node_box (cache, l + 1, j), 1.0 - passed, &x, &y);
          draw_term (cr, scene, x, y, *bp_net_weight (net, l, j, i) * net->delta[l + 1][j],
                     &palette->wave, term_alpha (passed));
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
  double envelope = sin (G_PI * scene->moment.progress);
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
      cairo_set_line_width (cr, scene->wmin + (4.0 + 12.0 * rel) * scene->cache->zoom * envelope);
      bp_diagram_stroke_part (cr, node_box (scene->cache, glows[k].layer, glows[k].from),
                              node_box (scene->cache, glows[k].layer + 1, glows[k].to), 0.0, 1.0);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}
