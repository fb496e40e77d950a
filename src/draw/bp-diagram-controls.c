/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-controls.c: the window's controls of the architecture on the diagram: a − and a
 * + under each hidden column (a neuron less or more), and a + between the last hidden column
 * and the output (a hidden layer more). Drawn in a band the layout keeps below the nodes
 * (frame_at () in bp-diagram-layout.c), greyed out at the editor's limits, and found under a
 * point for the widget's clicks. Exports never show them. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"

#include "bp-reshape.h"

/* What the radius of a control is at the headings' size. */
double
bp_diagram_control_radius (const BpDiagramCache *cache)
{
  return 0.62 * cache->small_px;
}

static void
draw_control (cairo_t         *cr,
              const BpPalette *palette,
              double           x,
              double           y,
              double           r,
              gboolean         plus,
              gboolean         enabled)
{
  double arm = 0.5 * r;

  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0.0, 2.0 * G_PI);
  set_source_mix (cr, &palette->background, 1.0);
  cairo_fill_preserve (cr);
  set_source_mix (cr, enabled ? &palette->text : &palette->dim_text, enabled ? 1.0 : 0.45);
  cairo_set_line_width (cr, MAX (1.0, 0.12 * r));
  cairo_stroke (cr);
  cairo_set_line_width (cr, MAX (1.25, 0.18 * r));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x - arm, y);
  cairo_line_to (cr, x + arm, y);
  if (plus)
    {
      cairo_move_to (cr, x, y - arm);
      cairo_line_to (cr, x, y + arm);
    }
  cairo_stroke (cr);
}

/* Whether a control can do its edit on @net. */
static gboolean
control_enabled (const BpNet      *net,
                 BpDiagramControl  control,
                 guint             layer)
{
  switch (control)
    {
    case BP_DIAGRAM_CONTROL_REMOVE_NEURON:
      return net->sizes[layer] > 1;
    case BP_DIAGRAM_CONTROL_ADD_NEURON:
      return net->sizes[layer] < BP_MAX_HIDDEN_WIDTH;
    case BP_DIAGRAM_CONTROL_ADD_LAYER:
      return net->n_layers - 1 < BP_MAX_HIDDEN_LAYERS;
    case BP_DIAGRAM_CONTROL_NONE:
    default:
      return FALSE;
    }
}

void
bp_diagram_draw_controls (cairo_t     *cr,
                          const Scene *scene)
{
  const BpDiagramCache *cache = scene->cache;
  const BpNet *net = scene->net;
  double r = bp_diagram_control_radius (cache), y = cache->control_y;
  guint L = net->n_layers;

  cairo_save (cr);
  for (guint c = 1; c < L; c++)
    {
      draw_control (cr, scene->palette, cache->control_x[c][0], y, r, FALSE,
                    control_enabled (net, BP_DIAGRAM_CONTROL_REMOVE_NEURON, c));
      draw_control (cr, scene->palette, cache->control_x[c][1], y, r, TRUE,
                    control_enabled (net, BP_DIAGRAM_CONTROL_ADD_NEURON, c));
    }
  draw_control (cr, scene->palette, cache->control_layer_x, y, r, TRUE,
                control_enabled (net, BP_DIAGRAM_CONTROL_ADD_LAYER, L));
  cairo_restore (cr);
}

static gboolean
near (double x,
      double y,
      double cx,
      double cy,
      double r)
{
  return hypot (x - cx, y - cy) <= r;
}

/**
 * bp_diagram_frame_control_at:
 * @width: the width the frame is drawn at
 * @height: its height
 * @frame: the frame, with edit_controls set
 * @x: a point
 * @y: a point
 * @layer: (out): the hidden layer the control edits, or for ADD_LAYER the new layer's place
 *
 * Finds the control under a point, if it can do its edit (a greyed-out one is not found).
 *
 * Returns: the control, or %BP_DIAGRAM_CONTROL_NONE
 */
BpDiagramControl
bp_diagram_frame_control_at (int                   width,
                             int                   height,
                             const BpDiagramFrame *frame,
                             double                x,
                             double                y,
                             guint                *layer)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpDiagramCache *cache;
  const BpNet *net;
  double r, cy;
  BpDiagramControl found = BP_DIAGRAM_CONTROL_NONE;
  guint L;

  g_return_val_if_fail (frame != NULL && layer != NULL, BP_DIAGRAM_CONTROL_NONE);

  net = frame->after;
  if (!frame->edit_controls || net == NULL || width < 16 || height < 16)
    return BP_DIAGRAM_CONTROL_NONE;
  cache = bp_diagram_cache_for (&temporary, width, height, frame);
  r = bp_diagram_control_radius (cache) + 3.0;
  cy = cache->control_y;
  L = net->n_layers;
  for (guint c = 1; c < L && found == BP_DIAGRAM_CONTROL_NONE; c++)
    {
      *layer = c;
      if (near (x, y, cache->control_x[c][0], cy, r))
        found = BP_DIAGRAM_CONTROL_REMOVE_NEURON;
      else if (near (x, y, cache->control_x[c][1], cy, r))
        found = BP_DIAGRAM_CONTROL_ADD_NEURON;
    }
  if (found == BP_DIAGRAM_CONTROL_NONE && near (x, y, cache->control_layer_x, cy, r))
    {
      *layer = L;
      found = BP_DIAGRAM_CONTROL_ADD_LAYER;
    }
  return control_enabled (net, found, *layer) ? found : BP_DIAGRAM_CONTROL_NONE;
}
