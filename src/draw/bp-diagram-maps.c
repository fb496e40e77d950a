/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-maps.c: in dataset mode every node shows its own output over the input plane
 * (BpHeatmap, the features' maps for the inputs): the map fills the node inside its grey
 * ring, under the activation's arc, and the node's label and value move to small plates at
 * its top and bottom, so that they stay readable over any colour and the map's middle, the
 * plane's origin, stays in sight. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"

/* Whether @heatmap holds maps for every neuron of @net: after an update for a network of
 * its shape. Right after a change of shape the window's heatmap may not have caught up
 * yet; the nodes then show no maps rather than wrong ones. */
gboolean
bp_diagram_maps_fit (const BpHeatmap *heatmap,
                     const BpNet     *net)
{
  if (heatmap == NULL || net == NULL || !bp_heatmap_is_ready (heatmap)
      || bp_heatmap_get_n_layers (heatmap) != net->n_layers)
    return FALSE;
  for (guint c = 0; c <= net->n_layers; c++)
    if (bp_heatmap_get_layer_size (heatmap, c) != net->sizes[c])
      return FALSE;
  return TRUE;
}

/* The map of neuron @i of column @c inside node @b: clipped to the inside of the node's
 * ring, the plane as the square the node's height spans (a wide node keeps its tint on
 * either side). */
void
bp_diagram_draw_node_map (cairo_t     *cr,
                          const Scene *scene,
                          const Box   *b,
                          guint        c,
                          guint        i)
{
  cairo_surface_t *map = bp_heatmap_get_neuron (scene->frame->heatmap, c, i);
  double ring = MAX (2.0, b->hh * 0.16);
  double half = b->hh - ring;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  int grid;

  if (half <= 1.0 || map == NULL)
    return;
  /* The map as the source of the node's inner shape, filled: a clip to a curved shape
   * would cost a mask for each node in each frame. As bp_heatmap_draw_neuron () draws
   * it: the cells fill the square, interpolated, the edge cells reaching its edges. */
  grid = cairo_image_surface_get_width (map);
  pattern = cairo_pattern_create_for_surface (map);
  cairo_matrix_init_scale (&matrix, grid / (2.0 * half), grid / (2.0 * half));
  cairo_matrix_translate (&matrix, -(b->x - half), -(b->y - half));
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_BILINEAR);
  cairo_new_path (cr);
  box_path (cr, b, -ring, b->hh);
  cairo_set_source (cr, pattern);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);
}

/* How far from a node's centre its label (up) and value (down) sit over a map. */
double
bp_diagram_map_text_offset (const Box *b)
{
  return b->hh * 0.6;
}

/* A plate behind @layout, drawn centred on (@x, @y) at @scale: the background colour,
 * nearly opaque, with rounded ends. */
void
bp_diagram_draw_plate (cairo_t     *cr,
                       const Scene *scene,
                       PangoLayout *layout,
                       double       x,
                       double       y,
                       double       scale)
{
  PangoRectangle ink, logical;
  double w, h, pad;

  pango_layout_get_pixel_extents (layout, &ink, &logical);
  scale = MIN (scale, 1.0);
  w = logical.width * scale;
  h = logical.height * scale * 0.8;
  pad = MAX (1.5, h * 0.18);
  cairo_new_path (cr);
  rounded_rect (cr, x - w / 2.0 - pad, y - h / 2.0 - pad / 2.0, w + 2.0 * pad, h + pad,
                (h + pad) / 2.0);
  set_source_mix (cr, &scene->palette->background, 0.85);
  cairo_fill (cr);
}
