/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-hit.c: the geometry queries behind the widget's hit tests and the tests: where
 * a node is drawn, and what lies under a point. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"

#include <math.h>
#include <string.h>

/**
 * bp_diagram_frame_node_box:
 * @width: the width the frame is drawn at
 * @height: its height
 * @frame: the frame
 * @layer: the node's layer: 0 for an input, n_layers + 1 for a target, n_layers + 2 for
 *   the loss
 * @index: the node in its layer
 * @box: (out): where the node is drawn
 *
 * Where bp_diagram_draw_frame() draws a node, a target or the loss: during a re-layout
 * (`motion`), where it is at that moment.
 *
 * Returns: whether there is such a node
 */
gboolean
bp_diagram_frame_node_box (int                   width,
                           int                   height,
                           const BpDiagramFrame *frame,
                           guint                 layer,
                           guint                 index,
                           BpDiagramBox         *box)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpDiagramCache *cache;
  BpSelection sel = { BP_SELECTION_NODE, layer, index, 0 };
  Relayout *relayout;
  const Box *b;

  g_return_val_if_fail (frame != NULL && frame->after != NULL && box != NULL, FALSE);

  if (!bp_selection_valid (frame->after, &sel))
    return FALSE;
  cache = bp_diagram_cache_for (&temporary, width, height, frame);
  relayout = bp_diagram_relayout_begin (frame, cache, width, height);
  b = bp_diagram_selection_box (cache, frame->after, &sel);
  *box = (BpDiagramBox) { b->x, b->y, b->hw, b->hh };
  bp_diagram_relayout_end (relayout, cache);
  return TRUE;
}

static double
distance_to_segment (const Box *from,
                     const Box *to,
                     double     x,
                     double     y)
{
  double dx = to->x - from->x, dy = to->y - from->y;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0.0 ? ((x - from->x) * dx + (y - from->y) * dy) / len2 : 0.0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (x - from->x - t * dx, y - from->y - t * dy);
}

static gboolean
inside (const Box *b,
        double     x,
        double     y,
        double     slack)
{
  return fabs (x - b->x) <= b->hw + slack && fabs (y - b->y) <= b->hh + slack;
}

static gboolean
hit_nodes (const BpDiagramCache *cache,
           const BpNet          *net,
           double                x,
           double                y,
           BpSelection          *hit)
{
  guint L = net->n_layers;

  for (guint c = 0; c <= L; c++)
    for (guint i = 0; i < net->sizes[c]; i++)
      if (inside (node_box (cache, c, i), x, y, 2.0))
        {
          *hit = (BpSelection) { BP_SELECTION_NODE, c, i, 0 };
          return TRUE;
        }
  for (guint k = 0; k < net->sizes[L]; k++)
    if (inside (&cache->targets[k], x, y, 2.0))
      {
        *hit = (BpSelection) { BP_SELECTION_NODE, L + 1, k, 0 };
        return TRUE;
      }
  if (inside (&cache->loss, x, y, 2.0))
    {
      *hit = (BpSelection) { BP_SELECTION_NODE, L + 2, 0, 0 };
      return TRUE;
    }
  return FALSE;
}

/* The node or connection at (@x, @y) in @cache's layout: a connection within @best. */
static gboolean
hit_in (const BpDiagramCache *cache,
        const BpNet          *net,
        double                x,
        double                y,
        double                best,
        BpSelection          *hit)
{
  if (hit_nodes (cache, net, x, y, hit))
    return TRUE;
  for (guint l = 0; l < net->n_layers; l++)
    {
      const Box *first = node_box (cache, l, 0), *next = node_box (cache, l + 1, 0);

      if (x < first->x || x > next->x)
        continue;
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        for (guint i = 0; i < net->sizes[l]; i++)
          {
            double d = distance_to_segment (node_box (cache, l, i), node_box (cache, l + 1, j),
                                            x, y);

            if (d < best)
              {
                best = d;
                *hit = (BpSelection) { BP_SELECTION_CONNECTION, l, j, i };
              }
          }
    }
  return hit->kind != BP_SELECTION_NONE;
}

/**
 * bp_diagram_frame_hit:
 * @width: the width the frame is drawn at
 * @height: its height
 * @frame: the frame
 * @x: a point
 * @y: a point
 * @hit: (out): what is there
 *
 * Finds the node, target, loss box or connection under a point. Nodes win over the
 * connections that run under them; among connections the nearest one within a few pixels.
 *
 * Returns: %TRUE if something is there
 */
gboolean
bp_diagram_frame_hit (int                   width,
                      int                   height,
                      const BpDiagramFrame *frame,
                      double                x,
                      double                y,
                      BpSelection          *hit)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpDiagramCache *cache;
  Relayout *relayout;
  gboolean found;

  g_return_val_if_fail (frame != NULL && hit != NULL, FALSE);

  *hit = (BpSelection) { BP_SELECTION_NONE, 0, 0, 0 };
  if (frame->after == NULL || width < 16 || height < 16)
    return FALSE;
  cache = bp_diagram_cache_for (&temporary, width, height, frame);
  /* During a re-layout, what is under the pointer is what is drawn there. */
  relayout = bp_diagram_relayout_begin (frame, cache, width, height);
  found = hit_in (cache, frame->after, x, y, 5.0 * MAX (1.0, frame->zoom), hit);
  bp_diagram_relayout_end (relayout, cache);
  return found;
}
