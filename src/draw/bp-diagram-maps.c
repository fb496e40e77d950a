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
  double ring = MAX (2.0, b->hh * 0.16);
  double half = b->hh - ring;

  if (half <= 1.0)
    return;
  cairo_save (cr);
  cairo_new_path (cr);
  box_path (cr, b, -ring, b->hh);
  cairo_clip (cr);
  bp_heatmap_draw_neuron (cr, scene->frame->heatmap, c, i, b->x - half, b->y - half,
                          2.0 * half, 2.0 * half);
  cairo_restore (cr);
  cairo_new_path (cr);
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
