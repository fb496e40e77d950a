/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-connections.c: the connections of the diagram, coloured and sized by their
 * gradient, split where the gradient wave crosses them, sorted thin before thick and
 * stroked as vectors or painted from the rasters of bp-diagram-raster.c; and the thin lines
 * from each output to its target and the loss. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"
#include "bp-diagram-raster-private.h"

#include <math.h>
#include <string.h>

/* A connection's look as one number: width level (width_level ()) × 3 + 0 (no gradient),
 * 1 (teal, dL/dw > 0) or 2 (orange, dL/dw < 0). */
guint
bp_diagram_style_key (const Scene *scene,
                      double       g)
{
  if (!isfinite (g) || g == 0.0 || scene->frame->conceal_gradients)
    return 0;
  return width_level (g) * 3 + (g > 0.0 ? 1 : 2);
}

double
bp_diagram_line_width_for (const Scene *scene,
                           double       g)
{
  return key_width (scene, bp_diagram_style_key (scene, g));
}

static void
set_key_style (cairo_t     *cr,
               const Scene *scene,
               guint        key)
{
  cairo_set_line_width (cr, key_width (scene, key));
  switch (key % 3)
    {
    case 1:
      /* Dashed, drawn by emit_part (): Cairo's own dasher takes twice as long. */
      set_source_mix (cr, &scene->palette->fall, scene->alpha);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case 2:
      set_source_mix (cr, &scene->palette->rise, scene->alpha);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    default:
      set_source_mix (cr, &scene->palette->grid, scene->alpha);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
path_part (cairo_t   *cr,
           const Box *from,
           const Box *to,
           double     t0,
           double     t1)
{
  double dx = to->x - from->x, dy = to->y - from->y;

  cairo_move_to (cr, from->x + dx * t0, from->y + dy * t0);
  cairo_line_to (cr, from->x + dx * t1, from->y + dy * t1);
}

void
bp_diagram_stroke_part (cairo_t   *cr,
                        const Box *from,
                        const Box *to,
                        double     t0,
                        double     t1)
{
  path_part (cr, from, to, t0, t1);
  cairo_stroke (cr);
}

/* Calls @emit for the one or two parts of a connection: while the wave crosses its layer,
 * the part it has passed shows the new gradient and the rest the old one. */
static guint
connection_parts (const Scene *scene,
                  guint        l,
                  guint        j,
                  guint        i,
                  Part         parts[2])
{
  double passed = wave_passed (scene, l);
  double g_new = bp_net_weight_gradient (scene->net, l, j, i);
  double g_old = bp_net_weight_gradient (scene->old, l, j, i);
  guint k_new = bp_diagram_style_key (scene, g_new), k_old = bp_diagram_style_key (scene, g_old);

  if (passed >= 1.0 || k_new == k_old)
    parts[0] = (Part) { k_new, l, j, i, 0.0f, 1.0f };
  else if (passed <= 0.0)
    parts[0] = (Part) { k_old, l, j, i, 0.0f, 1.0f };
  else
    {
      parts[0] = (Part) { k_old, l, j, i, 0.0f, (float) (1.0 - passed) };
      parts[1] = (Part) { k_new, l, j, i, (float) (1.0 - passed), 1.0f };
      return 2;
    }
  return 1;
}

/* Strokes one part in the look set by set_key_style (); a teal one as a row of dashes,
 * filled as quadrilaterals, their length growing with the width. */
static void
emit_part (cairo_t     *cr,
           const Scene *scene,
           guint        key,
           const Box   *from,
           const Box   *to,
           double       t0,
           double       t1)
{
  double w, z, dx, dy, len, on, period, nx, ny, ux, uy;

  if (key % 3 != 1)
    {
      bp_diagram_stroke_part (cr, from, to, t0, t1);
      return;
    }
  w = key_width (scene, key);
  z = MAX (1.0, scene->frame->zoom);
  dx = to->x - from->x;
  dy = to->y - from->y;
  len = hypot (dx, dy);
  if (len <= 0.0)
    return;
  on = MAX (6.0 * z, 2.5 * w);
  period = on + MAX (4.0 * z, 1.6 * w);
  ux = dx / len;
  uy = dy / len;
  nx = -uy * w / 2.0;
  ny = ux * w / 2.0;
  for (double d = t0 * len; d < t1 * len; d += period)
    {
      double e = MIN (d + on, t1 * len);
      double ax = from->x + ux * d, ay = from->y + uy * d;
      double bx = from->x + ux * e, by = from->y + uy * e;

      cairo_move_to (cr, ax + nx, ay + ny);
      cairo_line_to (cr, bx + nx, by + ny);
      cairo_line_to (cr, bx - nx, by - ny);
      cairo_line_to (cr, ax - nx, ay - ny);
      cairo_close_path (cr);
    }
  cairo_fill (cr);
}

void
bp_diagram_draw_connection (cairo_t     *cr,
                            const Scene *scene,
                            guint        l,
                            guint        j,
                            guint        i)
{
  Part parts[2];
  guint n = connection_parts (scene, l, j, i, parts);

  for (guint k = 0; k < n; k++)
    {
      set_key_style (cr, scene, parts[k].key);
      emit_part (cr, scene, parts[k].key, node_box (scene->cache, l, i),
                 node_box (scene->cache, l + 1, j), parts[k].t0, parts[k].t1);
    }
}

/* The parts of weight layer @l in @sorted, thin before thick so the lines that matter lie
 * on top (a counting sort by key, level first); returns how many. */
static gsize
collect_layer (const Scene *scene,
               guint        l,
               Part        *parts,
               Part        *sorted)
{
  const BpNet *net = scene->net;
  gsize n = 0, start[N_KEYS + 1] = { 0 };

  for (guint j = 0; j < net->sizes[l + 1]; j++)
    for (guint i = 0; i < net->sizes[l]; i++)
      n += connection_parts (scene, l, j, i, parts + n);
  for (gsize k = 0; k < n; k++)
    start[parts[k].key + 1]++;
  for (guint key = 0; key < N_KEYS; key++)
    start[key + 1] += start[key];
  for (gsize k = 0; k < n; k++)
    sorted[start[parts[k].key]++] = parts[k];
  return n;
}

/* Cairo pays for a stroke by its bounding box, row by row, so the strokes are separate:
 * batched into one path they took four times as long. */
static void
draw_parts (cairo_t     *cr,
            const Scene *scene,
            const Part  *parts,
            gsize        n)
{
  for (gsize k = 0; k < n; k++)
    {
      const Part *part = &parts[k];

      if (k == 0 || part->key != parts[k - 1].key)
        set_key_style (cr, scene, part->key);
      emit_part (cr, scene, part->key, node_box (scene->cache, part->layer, part->from),
                 node_box (scene->cache, part->layer + 1, part->to), part->t0, part->t1);
    }
}

/* A raster cache is right for pixels (an image, or GTK's recording that becomes pixels)
 * drawn without scaling; an SVG or PDF keeps its lines as vectors. */
gboolean
bp_diagram_can_cache (cairo_t *cr)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));
  cairo_matrix_t m;

  cairo_get_matrix (cr, &m);
  return (type == CAIRO_SURFACE_TYPE_IMAGE || type == CAIRO_SURFACE_TYPE_RECORDING)
         && m.xx == 1.0 && m.yy == 1.0 && m.xy == 0.0 && m.yx == 0.0;
}

void
bp_diagram_draw_connections (cairo_t     *cr,
                             const Scene *scene)
{
  const BpNet *net = scene->net;
  BpDiagramCache *cache = scene->cache;
  gboolean strips;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, NULL, 0, 0);
  if (scene->relayout != NULL)
    {
      bp_diagram_relayout_draw_connections (cr, scene);
      return;
    }
  if (cache->parts == NULL)
    {
      for (guint l = 0; l < net->n_layers; l++)
        for (guint j = 0; j < net->sizes[l + 1]; j++)
          for (guint i = 0; i < net->sizes[l]; i++)
            bp_diagram_draw_connection (cr, scene, l, j, i);
      return;
    }
  strips = cache->n_connections >= MIN_STRIPS && bp_diagram_can_cache (cr);
  for (guint l = 0; l < net->n_layers; l++)
    {
      Part *sorted = cache->parts + 2 * cache->n_connections;
      gsize n = collect_layer (scene, l, cache->parts, sorted);

      if (!strips || !bp_diagram_raster_paint_strip (cr, scene, l, sorted, n))
        draw_parts (cr, scene, sorted, n);
    }
}

/* The thin lines from each output to its target and on to the loss. */
void
bp_diagram_draw_loss_lines (cairo_t     *cr,
                            const Scene *scene)
{
  BpDiagramCache *cache = scene->cache;
  guint L = scene->net->n_layers;

  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, MAX (1.0, scene->frame->zoom));
  set_source_mix (cr, &scene->palette->dim_text, 0.6);
  for (guint k = 0; k < scene->net->sizes[L]; k++)
    {
      const Box *y = node_box (cache, L, k);

      cairo_move_to (cr, y->x, y->y);
      cairo_line_to (cr, cache->targets[k].x, cache->targets[k].y);
      cairo_line_to (cr, cache->loss.x, cache->loss.y);
    }
  cairo_stroke (cr);
}
