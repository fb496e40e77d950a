/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-nodes.c: the neurons (a disc whose ring and tint show the activation, cached
 * as rasters in a crowded diagram), the inputs' and targets' drag handles, the targets, the
 * loss box, the column headings and the legend. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"
#include "bp-format.h"
#include "bp-health-draw.h"

#include <math.h>
#include <string.h>

/* A node's disc: its background, tinted by @alpha of @tint, and the grey ring. */
static void
draw_disc (cairo_t         *cr,
           const BpPalette *p,
           const Box       *b,
           const BpColor   *tint,
           double           alpha)
{
  double ring = MAX (2.0, b->hh * 0.16);

  bp_color_set_source (cr, &p->background);
  box_path (cr, b, 0, b->hh);
  cairo_fill_preserve (cr);
  set_source_mix (cr, tint, alpha);
  cairo_fill (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, ring);
  bp_color_set_source (cr, &p->grid);
  box_path (cr, b, -ring / 2.0, b->hh - ring / 2.0);
  cairo_stroke (cr);
}

/* The disc from a cached raster, one for each tint in N_TINTS steps: Cairo takes some
 * 40 µs to fill and stroke the curves of one (measured), 6 ms for the 144 nodes of
 * 8 × 16, and a raster takes 1 µs to paint. The nodes of a size (most have the same) have
 * their centre in the middle of a pixel (see place_column ()), so one raster serves them
 * all. FALSE for a node of another size, or if there is no memory for the raster. */
static gboolean
paint_disc (cairo_t       *cr,
            const Scene   *scene,
            const Box     *b,
            guint          kind,
            const BpColor *tint,
            double         level)
{
  BpDiagramCache *cache = scene->cache;
  guint t = (guint) lround (CLAMP (level, 0.0, 1.0) * N_TINTS);
  cairo_surface_t **disc = &cache->discs[kind][t];
  /* The raster's corner on whole pixels (also at a scale of 2 or more), the disc's
   * centre half a pixel from them. */
  gboolean scaled = FALSE;
  double half_w, half_h;

  if (cache->disc_palette != scene->palette || cache->disc_scale != scene->disc_scale)
    {
      bp_diagram_clear_discs (cache);
      cache->disc_palette = scene->palette;
      cache->disc_scale = scene->disc_scale;
    }
  /* The rasters are of one node size; a node of another (a column may be narrower or wider
   * than the rest) is drawn with its curves. */
  if (cache->disc_hw == 0.0)
    {
      /* A re-layout's nodes are on their way to the layout's sizes: the rasters are for
       * those, as the first node has them. */
      const Box *size = scene->relayout != NULL
                        ? bp_diagram_relayout_layout_box (scene->relayout, 0) : b;

      cache->disc_hw = size->hw;
      cache->disc_hh = size->hh;
    }
  /* During a re-layout, a node on its way from one size to another is the raster scaled:
   * its curves would cost some 40 µs a frame each. */
  if (b->hw != cache->disc_hw || b->hh != cache->disc_hh)
    {
      if (scene->relayout == NULL)
        return FALSE;
      scaled = TRUE;
    }
  half_w = ceil (cache->disc_hw) + 1.5;
  half_h = ceil (cache->disc_hh) + 1.5;
  if (*disc == NULL)
    {
      Box centred = { half_w, half_h, cache->disc_hw, cache->disc_hh };
      double scale = scene->disc_scale;
      cairo_t *dcr;

      *disc = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                          (int) ceil (2.0 * half_w * scale),
                                          (int) ceil (2.0 * half_h * scale));
      if (cairo_surface_status (*disc) != CAIRO_STATUS_SUCCESS)
        {
          g_clear_pointer (disc, cairo_surface_destroy);
          return FALSE;
        }
      cairo_surface_set_device_scale (*disc, scale, scale);
      dcr = cairo_create (*disc);
      draw_disc (dcr, scene->palette, &centred, tint, 0.06 + 0.22 * t / N_TINTS);
      cairo_destroy (dcr);
    }
  if (!scaled)
    {
      cairo_set_source_surface (cr, *disc, b->x - half_w, b->y - half_h);
      cairo_paint (cr);
      return TRUE;
    }
  cairo_save (cr);
  cairo_translate (cr, b->x, b->y);
  cairo_scale (cr, b->hw / cache->disc_hw, b->hh / cache->disc_hh);
  cairo_set_source_surface (cr, *disc, -half_w, -half_h);
  cairo_paint (cr);
  cairo_restore (cr);
  return TRUE;
}

/* The activation's arc (or a wide node's bar), @level of a full turn. */
static void
stroke_level (cairo_t       *cr,
              const BpColor *color,
              const Box     *b,
              double         a,
              double         level,
              double         ring)
{
  /* A painted disc leaves the current point of the text before it, where an arc would
   * start its path. */
  cairo_new_path (cr);
  bp_color_set_source (cr, color);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, ring);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (b->hw <= b->hh + 0.01)
    {
      double sweep = 2 * G_PI * level;

      if (a >= 0.0)
        cairo_arc (cr, b->x, b->y, b->hh - ring / 2.0, -G_PI_2, -G_PI_2 + sweep);
      else
        cairo_arc_negative (cr, b->x, b->y, b->hh - ring / 2.0, -G_PI_2, -G_PI_2 - sweep);
    }
  else
    {
      /* A wide node shows the level as a bar along its lower edge instead. */
      double half = (b->hw - b->hh * 0.8) * level;

      cairo_move_to (cr, b->x - half, b->y + b->hh - ring / 2.0);
      cairo_line_to (cr, b->x + half, b->y + b->hh - ring / 2.0);
    }
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* The ring shows the activation: its sweep grows with tanh |a|, clockwise when positive.
 * With maps, neuron @i of column @c shows its map inside the ring. */
static void
draw_activation (cairo_t     *cr,
                 const Scene *scene,
                 const Box   *b,
                 double       a,
                 guint        c,
                 guint        i)
{
  const BpPalette *p = scene->palette;
  gboolean finite = isfinite (a);
  double level = finite ? tanh (fabs (a)) : 0.0;
  const BpColor *color = a < 0.0 ? &p->node_negative : &p->node_positive;
  const BpColor *tint = finite ? color : &p->grid;
  double ring = MAX (2.0, b->hh * 0.16);

  if (scene->disc_scale <= 0.0
      || !paint_disc (cr, scene, b, !finite ? 2 : a < 0.0, tint, level))
    draw_disc (cr, p, b, tint, 0.06 + 0.22 * level);
  if (scene->maps)
    bp_diagram_draw_node_map (cr, scene, b, c, i);
  if (level <= 0.0)
    return;

  stroke_level (cr, color, b, a, level, ring);
}

/* Pixels per unit for cached node discs, or 0 to draw them as vectors: into an SVG or
 * PDF, under a scale, or at a fractional scale, where a disc would not sit on whole pixels. */
double
bp_diagram_disc_scale (cairo_t     *cr,
                       const Scene *scene)
{
  double sx = 1.0, sy = 1.0, scale;

  /* Cached discs for every network: a large node's rings cost more to stroke than to
   * paint from a raster, and the window fills a large screen with large nodes. */
  if (!bp_diagram_can_cache (cr))
    return 0.0;
  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  scale = MAX (1, scene->frame->scale_factor) * sx;
  return sx == sy && scale == round (scale) ? scale : 0.0;
}

/* The width a value may take inside box @b: inside the ring (see draw_disc ()), with a
 * little air on either side; the loss box keeps the margin it was measured with (see
 * place_everything ()). */
static double
value_room (const BpDiagramCache *cache,
            const Box            *b)
{
  if (b == &cache->loss)
    return MAX (1.0, 2.0 * (b->hw - 0.6 * cache->small_px));
  return MAX (1.0, 2.0 * (b->hw - MAX (2.0, b->hh * 0.16) - 0.1 * cache->font_px));
}

/* Puts @value into @layout so that it fits @room: as a node shows numbers, else shorter
 * (BP_NUMBER_NODE_SHORT), else in a smaller font down to MIN_FONT_PX. Returns the scale to
 * draw the layout at; @font_px is the layout's size. */
static double
fit_value (PangoLayout *layout,
           char        *shown,
           double       value,
           double       room,
           double       font_px)
{
  char text[BP_DIAGRAM_VALUE_SIZE], short_text[BP_DIAGRAM_VALUE_SIZE];
  PangoRectangle logical;

  bp_format_number_into (value, BP_NUMBER_NODE, text, sizeof text);
  bp_format_number_into (value, BP_NUMBER_NODE_SHORT, short_text, sizeof short_text);
  /* The short form shows only once the usual one did not fit (the room changes only with
   * a new cache): keep it without shaping the usual one again in every frame. */
  if (strcmp (shown, short_text) != 0 || strcmp (text, short_text) == 0)
    {
      bp_diagram_set_text_if_changed (layout, shown, text);
      pango_layout_get_extents (layout, NULL, &logical);
      if (logical.width <= room * PANGO_SCALE)
        return 1.0;
      bp_diagram_set_text_if_changed (layout, shown, short_text);
    }
  pango_layout_get_extents (layout, NULL, &logical);
  if (logical.width <= room * PANGO_SCALE)
    return 1.0;
  return MAX (MIN (1.0, MIN_FONT_PX / font_px), room * PANGO_SCALE / logical.width);
}

static void
show_scaled (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             double       scale)
{
  if (scale >= 1.0)
    {
      bp_diagram_show_centred (cr, layout, x, y);
      return;
    }
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  bp_diagram_show_centred (cr, layout, 0.0, 0.0);
  cairo_restore (cr);
}

/* A node's label and value over its map: on plates at its top and bottom. */
static void
draw_map_text (cairo_t     *cr,
               const Scene *scene,
               const Box   *b,
               PangoLayout *label,
               PangoLayout *value,
               double       scale)
{
  const BpPalette *p = scene->palette;
  double dy = bp_diagram_map_text_offset (b);

  if (scene->cache->two_line)
    {
      bp_diagram_draw_plate (cr, scene, label, b->x, b->y - dy, 1.0);
      bp_color_set_source (cr, &p->dim_text);
      bp_diagram_show_centred (cr, label, b->x, b->y - dy);
    }
  bp_diagram_draw_plate (cr, scene, value, b->x, b->y + dy, scale);
  bp_color_set_source (cr, &p->text);
  show_scaled (cr, value, b->x, b->y + dy, scale);
}

static void
draw_node_text (cairo_t              *cr,
                const BpDiagramCache *cache,
                const BpPalette      *p,
                const Box            *b,
                PangoLayout          *label,
                PangoLayout          *value,
                double                scale)
{
  if (cache->two_line)
    {
      double gap = (cache->small_px + cache->font_px) * 0.5;

      bp_color_set_source (cr, &p->dim_text);
      bp_diagram_show_centred (cr, label, b->x, b->y - gap * 0.55);
      bp_color_set_source (cr, &p->text);
      show_scaled (cr, value, b->x, b->y + gap * 0.5, scale);
    }
  else
    {
      bp_color_set_source (cr, &p->text);
      show_scaled (cr, value, b->x, b->y, scale);
    }
}

/* The handle that says an input or a target can be dragged up and down: a small arrow
 * above the node pointing up and one below pointing down, in the free space between it and
 * its neighbours in @boxes (@n of them). The upper arrow's box goes to @up; FALSE when there
 * is no room for arrows large enough to see. */
static gboolean
handle_box (const BpDiagramCache *cache,
            const Box            *boxes,
            guint                 n,
            guint                 i,
            Box                  *up)
{
  const Box *b = &boxes[i];
  double pad = MAX (1.5, b->hh * 0.12);
  double room = b->hh * 0.45, size;

  if (i > 0)
    room = MIN (room, (b->y - boxes[i - 1].y - b->hh - boxes[i - 1].hh) / 2.0 - pad);
  if (i + 1 < n)
    room = MIN (room, (boxes[i + 1].y - b->y - b->hh - boxes[i + 1].hh) / 2.0 - pad);
  room = MIN (room, b->y - b->hh - pad - cache->area_top + cache->small_px * 0.4);
  size = MIN (room, 3.0 + 6.0 * cache->zoom);
  if (size < 3.0)
    return FALSE;
  up->x = b->x;
  up->hw = size * 0.8;
  up->hh = size / 2.0;
  up->y = b->y - b->hh - pad - up->hh;
  return TRUE;
}

static void
draw_handle (cairo_t              *cr,
             const BpDiagramCache *cache,
             const BpPalette      *p,
             const Box            *boxes,
             guint                 n,
             guint                 i)
{
  Box up;
  double below;

  if (!handle_box (cache, boxes, n, i, &up))
    return;
  below = 2.0 * boxes[i].y - up.y;
  cairo_new_path (cr);
  cairo_move_to (cr, up.x, up.y - up.hh);
  cairo_line_to (cr, up.x + up.hw, up.y + up.hh);
  cairo_line_to (cr, up.x - up.hw, up.y + up.hh);
  cairo_close_path (cr);
  cairo_move_to (cr, up.x, below + up.hh);
  cairo_line_to (cr, up.x + up.hw, below - up.hh);
  cairo_line_to (cr, up.x - up.hw, below - up.hh);
  cairo_close_path (cr);
  bp_color_set_source (cr, &p->dim_text);
  cairo_fill (cr);
}

/* Neuron @i of column @c: its disc, map, activation, label and value. */
void
bp_diagram_draw_node (cairo_t     *cr,
                      const Scene *scene,
                      guint        c,
                      guint        i)
{
  BpDiagramCache *cache = scene->cache;
  guint k = cache->offsets[c] + i;
  double a = bp_diagram_column_net (scene, c)->a[c][i];
  double scale = fit_value (cache->values[k], cache->value_texts[k], a,
                            value_room (cache, &cache->nodes[k]), cache->font_px);

  draw_activation (cr, scene, &cache->nodes[k], a, c, i);
  if (scene->maps)
    draw_map_text (cr, scene, &cache->nodes[k], cache->labels[k], cache->values[k], scale);
  else
    draw_node_text (cr, cache, scene->palette, &cache->nodes[k], cache->labels[k],
                    cache->values[k], scale);
  bp_health_draw_badge (cr, scene->frame->health, scene->net, c, i, cache->nodes[k].x,
                        cache->nodes[k].y, cache->nodes[k].hw, cache->nodes[k].hh,
                        cache->font_px, scene->palette);
}

/* The inputs can be dragged. */
void
bp_diagram_draw_input_handles (cairo_t     *cr,
                               const Scene *scene)
{
  for (guint i = 0; i < scene->net->sizes[0]; i++)
    draw_handle (cr, scene->cache, scene->palette, scene->cache->nodes, scene->net->sizes[0], i);
}

void
bp_diagram_draw_nodes (cairo_t     *cr,
                       const Scene *scene)
{
  const BpNet *net = scene->net;

  if (scene->relayout != NULL)
    {
      bp_diagram_relayout_draw_nodes (cr, scene);
      return;
    }
  for (guint c = 0; c <= net->n_layers; c++)
    for (guint i = 0; i < net->sizes[c]; i++)
      bp_diagram_draw_node (cr, scene, c, i);
  bp_diagram_draw_input_handles (cr, scene);
}

void
bp_diagram_draw_target (cairo_t     *cr,
                        const Scene *scene,
                        guint        k)
{
  BpDiagramCache *cache = scene->cache;
  const BpPalette *p = scene->palette;
  const Box *b = &cache->targets[k];
  double corner = b->hh * 0.35;
  double scale = fit_value (cache->target_values[k], cache->target_texts[k],
                            scene->net->target[k], value_room (cache, b), cache->font_px);

  bp_color_set_source (cr, &p->background);
  box_path (cr, b, 0, corner);
  cairo_fill_preserve (cr);
  set_source_mix (cr, &p->target, 0.10);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, &p->target);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, MAX (1.5, 2.0 * scene->frame->zoom));
  cairo_stroke (cr);
  draw_node_text (cr, cache, p, b, cache->target_labels[k], cache->target_values[k], scale);
  draw_handle (cr, cache, p, cache->targets, scene->net->sizes[scene->net->n_layers], k);
}

void
bp_diagram_draw_loss_box (cairo_t     *cr,
                          const Scene *scene)
{
  BpDiagramCache *cache = scene->cache;
  const BpPalette *p = scene->palette;
  const Box *b = &cache->loss;
  double gap = (cache->small_px + cache->font_px * 1.15) * 0.5;
  double scale = fit_value (cache->loss_value, cache->loss_text,
                            bp_diagram_loss_net (scene)->loss, value_room (cache, b),
                            cache->font_px * 1.15);

  bp_color_set_source (cr, &p->background);
  box_path (cr, b, 0, b->hh * 0.35);
  cairo_fill_preserve (cr);
  set_source_mix (cr, &p->loss, 0.10);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, &p->loss);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, MAX (1.5, 2.0 * scene->frame->zoom));
  cairo_stroke (cr);
  bp_color_set_source (cr, &p->dim_text);
  bp_diagram_show_centred (cr, cache->loss_label, b->x, b->y - gap * 0.6);
  bp_color_set_source (cr, &p->text);
  show_scaled (cr, cache->loss_value, b->x, b->y + gap * 0.5, scale);
}

void
bp_diagram_draw_headers (cairo_t     *cr,
                         const Scene *scene)
{
  BpDiagramCache *cache = scene->cache;

  bp_color_set_source (cr, &scene->palette->dim_text);
  for (guint c = 0; c <= scene->net->n_layers + 2; c++)
    bp_diagram_show_centred (cr, cache->headers[c], cache->header_x[c], cache->header_y);
  if (cache->controls)
    bp_diagram_draw_controls (cr, scene);
}

void
bp_diagram_draw_legend (cairo_t     *cr,
                        const Scene *scene)
{
  BpDiagramCache *cache = scene->cache;
  const BpPalette *p = scene->palette;
  double sample = 26.0 * cache->zoom, short_sample = 14.0 * cache->zoom;
  double z = MAX (1.0, cache->zoom);
  double dash[2] = { 6.0 * z, 4.0 * z };
  double text_dy = cache->small_px * 0.65;

  cairo_set_line_width (cr, 3.0 * z);
  for (guint i = 0; i < 2; i++)
    {
      double x = cache->legend_x[i], y = cache->legend_y[i];

      bp_color_set_source (cr, i == 0 ? &p->rise : &p->fall);
      cairo_set_dash (cr, dash, i == 0 ? 0 : 2, 0);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + sample, y);
      cairo_stroke (cr);
      bp_color_set_source (cr, &p->dim_text);
      cairo_move_to (cr, x + sample + cache->small_px * 0.5, y - text_dy);
      pango_cairo_show_layout (cr, cache->legend[i]);
    }
  cairo_set_dash (cr, NULL, 0, 0);

  /* The widths: the scale in words, then lines as wide as those of 1e-4, 1e-2 and 1. */
  bp_color_set_source (cr, &p->dim_text);
  cairo_move_to (cr, cache->legend_x[2], cache->legend_y[2] - text_dy);
  pango_cairo_show_layout (cr, cache->legend[2]);
  for (guint k = 0; k < N_WIDTH_SAMPLES; k++)
    {
      double x = cache->width_x[k], y = cache->legend_y[2];

      cairo_set_line_width (cr, key_width (scene, width_level (width_sample (k)) * 3));
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + short_sample, y);
      cairo_stroke (cr);
      cairo_move_to (cr, x + short_sample + cache->small_px * 0.3, y - text_dy);
      pango_cairo_show_layout (cr, cache->width_values[k]);
    }

  /* The rings: a positive and a negative activation's, then what they mean. */
  {
    double size = bp_diagram_legend_ring_size (cache);
    double x = cache->legend_x[3], y = cache->legend_y[3];

    for (guint k = 0; k < 2; k++)
      {
        Box b = { x + size * (k + 0.5) + cache->small_px * 0.3 * k, y, size / 2.0, size / 2.0 };
        const BpColor *color = k == 0 ? &p->node_positive : &p->node_negative;
        double ring = MAX (1.5, b.hh * 0.3);

        draw_disc (cr, p, &b, color, 0.2);
        stroke_level (cr, color, &b, k == 0 ? 1.0 : -1.0, 0.7, ring);
      }
    bp_color_set_source (cr, &p->dim_text);
    cairo_move_to (cr, x + 2.0 * size + cache->small_px * 0.8, y - text_dy);
    pango_cairo_show_layout (cr, cache->legend[3]);
  }
}

/* The diameter of the legend's sample rings. */
double
bp_diagram_legend_ring_size (const BpDiagramCache *cache)
{
  return cache->small_px * 1.2;
}

/**
 * bp_diagram_frame_handle_box:
 * @width: the width the frame is drawn at
 * @height: its height
 * @frame: the frame
 * @layer: the node's layer, as bp_diagram_frame_node_box() takes it: 0 for an input,
 *   n_layers + 1 for a target
 * @index: the node in its layer
 * @box: (out): where the upper arrow of the node's drag handle is drawn
 *
 * Where bp_diagram_draw_frame() draws the handle that shows an input or a target can be
 * dragged: an arrow above the node and its mirror image below. Other nodes have none.
 *
 * Returns: whether the node has a handle drawn
 */
gboolean
bp_diagram_frame_handle_box (int                   width,
                             int                   height,
                             const BpDiagramFrame *frame,
                             guint                 layer,
                             guint                 index,
                             BpDiagramBox         *box)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpSelection sel = { BP_SELECTION_NODE, layer, index, 0 };
  const BpNet *net;
  BpDiagramCache *cache;
  gboolean drawn;
  Box up;

  g_return_val_if_fail (frame != NULL && frame->after != NULL && box != NULL, FALSE);

  net = frame->after;
  if (!bp_selection_valid (net, &sel) || (layer != 0 && layer != net->n_layers + 1))
    return FALSE;
  cache = bp_diagram_cache_for (&temporary, width, height, frame);
  if (layer == 0)
    drawn = handle_box (cache, cache->nodes, net->sizes[0], index, &up);
  else
    drawn = handle_box (cache, cache->targets, net->sizes[net->n_layers], index, &up);
  if (!drawn)
    return FALSE;
  *box = (BpDiagramBox) { up.x, up.y, up.hw, up.hh };
  return TRUE;
}

/**
 * bp_diagram_frame_value_width:
 * @width: the width the frame is drawn at
 * @height: its height
 * @frame: the frame, whose network after the step holds the values
 * @layer: the node's layer, as bp_diagram_frame_node_box() takes it (targets and the loss
 *   included)
 * @index: the node in its layer
 * @room: (out) (optional): the width the value may take inside its node
 *
 * How wide bp_diagram_draw_frame() draws the value inside a node, target or loss box, after
 * shortening it or shrinking its font to fit, for tests.
 *
 * Returns: the width in pixels, or -1 for no such node
 */
double
bp_diagram_frame_value_width (int                   width,
                              int                   height,
                              const BpDiagramFrame *frame,
                              guint                 layer,
                              guint                 index,
                              double               *room)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpSelection sel = { BP_SELECTION_NODE, layer, index, 0 };
  const BpNet *net;
  BpDiagramCache *cache;
  PangoLayout *layout;
  char *shown;
  const Box *b;
  double value, font_px, scale, r;
  PangoRectangle logical;

  g_return_val_if_fail (frame != NULL && frame->after != NULL, -1.0);

  net = frame->after;
  if (!bp_selection_valid (net, &sel))
    return -1.0;
  cache = bp_diagram_cache_for (&temporary, width, height, frame);
  b = bp_diagram_selection_box (cache, net, &sel);
  font_px = cache->font_px;
  if (layer <= net->n_layers)
    {
      guint k = cache->offsets[layer] + index;

      layout = cache->values[k];
      shown = cache->value_texts[k];
      value = net->a[layer][index];
    }
  else if (layer == net->n_layers + 1)
    {
      layout = cache->target_values[index];
      shown = cache->target_texts[index];
      value = net->target[index];
    }
  else
    {
      layout = cache->loss_value;
      shown = cache->loss_text;
      value = net->loss;
      font_px *= 1.15;
    }
  r = value_room (cache, b);
  scale = fit_value (layout, shown, value, r, font_px);
  if (room != NULL)
    *room = r;
  pango_layout_get_extents (layout, NULL, &logical);
  return scale * logical.width / PANGO_SCALE;
}
