/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-info.c: the highlight of the selected and the hovered item, and the box with
 * its numbers. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"
#include "bp-format.h"
#include "bp-health-draw.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

const Box *
bp_diagram_selection_box (const BpDiagramCache *cache,
                          const BpNet          *net,
                          const BpSelection    *sel)
{
  if (sel->kind == BP_SELECTION_BIAS)
    return node_box (cache, sel->layer + 1, sel->to);
  if (sel->kind != BP_SELECTION_NODE)
    return NULL;
  if (sel->layer <= net->n_layers)
    return node_box (cache, sel->layer, sel->to);
  if (sel->layer == net->n_layers + 1)
    return &cache->targets[sel->to];
  return &cache->loss;
}

void
bp_diagram_draw_highlight (cairo_t           *cr,
                           const Scene       *scene,
                           const BpSelection *sel,
                           double             alpha)
{
  const BpDiagramCache *cache = scene->cache;
  const Box *b;
  double z = MAX (1.0, scene->frame->zoom);

  if (!bp_selection_valid (scene->net, sel))
    return;
  set_source_mix (cr, &scene->palette->selection, alpha);
  cairo_set_dash (cr, NULL, 0, 0);
  if (sel->kind == BP_SELECTION_CONNECTION)
    {
      double g = bp_net_weight_gradient (scene->net, sel->layer, sel->to, sel->from);

      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_width (cr, bp_diagram_line_width_for (scene, g) + 6.0 * z);
      bp_diagram_stroke_part (cr, node_box (cache, sel->layer, sel->from),
                              node_box (cache, sel->layer + 1, sel->to), 0.0, 1.0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      bp_diagram_draw_connection (cr, scene, sel->layer, sel->to, sel->from);
      return;
    }
  b = bp_diagram_selection_box (cache, scene->net, sel);
  cairo_set_line_width (cr, 3.0 * z);
  box_path (cr, b, 3.5 * z, b == &cache->loss || sel->layer == scene->net->n_layers + 1
                             ? b->hh * 0.35 : b->hh);
  cairo_stroke (cr);
}

static char *
node_info (const Scene *scene,
           guint        c,
           guint        i)
{
  const BpNet *net = bp_diagram_column_net (scene, c);
  const BpNet *g_net = bp_diagram_deltas_net (scene, c);
  char label[16], a[BP_DIAGRAM_VALUE_SIZE], z[BP_DIAGRAM_VALUE_SIZE];
  char d[BP_DIAGRAM_VALUE_SIZE], b[BP_DIAGRAM_VALUE_SIZE];

  bp_format_net_neuron_into (net, c, i, label, sizeof label);
  bp_format_number_into (net->a[c][i], BP_NUMBER_FORMULA, a, sizeof a);
  if (c == 0)
    {
      bp_format_number_into (g_net->grad_a[0][i], BP_NUMBER_FORMULA, d, sizeof d);
      /* Translators: the box shown over an input neuron; keep the line breaks and the
       * markup. The first %s is the input's name (x1), then its value, its name again in
       * ∂L/∂x1 (the gradient, notation: keep it) and the gradient's value. */
      return g_markup_printf_escaped (_("<b>%s</b> · input\nvalue %s\n∂L/∂%s %s\n"
                                        "<i>drag up or down to change</i>"),
                                      label, a, label, d);
    }
  bp_format_number_into (net->z[c][i], BP_NUMBER_FORMULA, z, sizeof z);
  bp_format_number_into (g_net->delta[c][i], BP_NUMBER_FORMULA, d, sizeof d);
  bp_format_number_into (net->biases[c - 1][i], BP_NUMBER_FORMULA, b, sizeof b);
  if (scene->frame->conceal_gradients)
    /* Translators: the box shown over a neuron while an exercise waits for the learner's
     * prediction: its name (h1), its activation function ("tanh"), pre-activation z,
     * activation a and bias; keep the line breaks, the markup and the symbols z and a. */
    return g_markup_printf_escaped (_("<b>%s</b> · %s\nz %s\na %s\nbias %s"), label,
                                    bp_activation_display_name (net->activations[c - 1]),
                                    z, a, b);
  /* Translators: the box shown over a neuron: its name (h1), its activation function
   * ("tanh"), pre-activation z, activation a, gradient ∂L/∂z and bias; keep the line breaks,
   * the markup and the symbols z, a and ∂L/∂z. */
  return g_markup_printf_escaped (_("<b>%s</b> · %s\nz %s\na %s\n∂L/∂z %s\nbias %s"),
                                  label, bp_activation_display_name (net->activations[c - 1]),
                                  z, a, d, b);
}

static char *
connection_info (const Scene *scene,
                 guint        l,
                 guint        j,
                 guint        i)
{
  const BpNet *g_net = wave_passed (scene, l) >= 1.0 ? scene->net : scene->old;
  double g = bp_net_weight_gradient (g_net, l, j, i);
  char from[16], to[16], w[BP_DIAGRAM_VALUE_SIZE], d[BP_DIAGRAM_VALUE_SIZE];
  const char *format;

  bp_format_net_neuron_into (scene->net, l, i, from, sizeof from);
  bp_format_net_neuron_into (scene->net, l + 1, j, to, sizeof to);
  bp_format_number_into (bp_diagram_shown_weight (scene, l, j, i), BP_NUMBER_FORMULA, w, sizeof w);
  bp_format_number_into (g, BP_NUMBER_FORMULA, d, sizeof d);
  if (scene->frame->conceal_gradients)
    /* Translators: the box shown over a connection (x1 → h1) while an exercise waits for
     * the learner's prediction: its weight only; keep the line break and the markup */
    format = _("<b>%s → %s</b>\nweight %s");
  else if (!isfinite (g) || g == 0.0)
    /* Translators: the box shown over a connection between two neurons (x1 → h1): its
     * weight and gradient ∂L/∂w (notation: keep it), then what the next step does to the
     * weight; keep the line breaks and the markup. */
    format = _("<b>%s → %s</b>\nweight %s\n∂L/∂w %s\n<i>the step leaves it as it is</i>");
  else if (g > 0.0)
    /* Translators: as above, for a weight the next step lowers */
    format = _("<b>%s → %s</b>\nweight %s\n∂L/∂w %s\n<i>the step lowers it</i>");
  else
    /* Translators: as above, for a weight the next step raises */
    format = _("<b>%s → %s</b>\nweight %s\n∂L/∂w %s\n<i>the step raises it</i>");
  return scene->frame->conceal_gradients ? g_markup_printf_escaped (format, from, to, w)
                                         : g_markup_printf_escaped (format, from, to, w, d);
}

static char *
info_text (const Scene       *scene,
           const BpSelection *sel)
{
  const BpNet *net = scene->net;
  char v[BP_DIAGRAM_VALUE_SIZE], label[16];

  if (sel->kind == BP_SELECTION_CONNECTION)
    return connection_info (scene, sel->layer, sel->to, sel->from);
  if (sel->kind == BP_SELECTION_BIAS)
    return node_info (scene, sel->layer + 1, sel->to);
  if (sel->layer <= net->n_layers)
    return node_info (scene, sel->layer, sel->to);
  if (sel->layer == net->n_layers + 1)
    {
      bp_format_net_neuron_into (net, sel->layer, sel->to, label, sizeof label);
      bp_format_number_into (net->target[sel->to], BP_NUMBER_FORMULA, v, sizeof v);
      /* Translators: the box shown over a target value; %s is its name (t1), then its
       * value; keep the line breaks and the markup */
      return g_markup_printf_escaped (_("<b>%s</b> · target\nvalue %s\n"
                                        "<i>drag up or down to change</i>"), label, v);
    }
  bp_format_number_into (bp_diagram_loss_net (scene)->loss, BP_NUMBER_FORMULA, v, sizeof v);
  /* Translators: the box shown over the loss: the loss function ("squared error"), then the
   * loss's value; keep the line break and the markup */
  return g_markup_printf_escaped (_("<b>Loss</b> · %s\n%s"),
                                  bp_loss_display_name (net->loss_kind), v);
}

/* ---------------------------------------------------------------------------------------
 * Where the box goes: never over what it describes
 */

#define MAX_ITEM_BOXES 3
#define N_GRID 24           /* the last resort scans the diagram in this many steps a side */

/* The boxes the info box of @sel must leave visible: a node (with its target, for an
 * output), a target with its output, the loss, or a connection's two end nodes. */
static guint
item_boxes (const BpDiagramCache *cache,
            const BpNet          *net,
            const BpSelection    *sel,
            const Box            *boxes[MAX_ITEM_BOXES])
{
  guint L = net->n_layers;
  guint n = 0;

  if (sel->kind == BP_SELECTION_CONNECTION)
    {
      boxes[n++] = node_box (cache, sel->layer, sel->from);
      boxes[n++] = node_box (cache, sel->layer + 1, sel->to);
      return n;
    }
  boxes[n++] = bp_diagram_selection_box (cache, net, sel);
  if (sel->kind == BP_SELECTION_NODE && sel->layer == L)
    boxes[n++] = &cache->targets[sel->to];
  else if (sel->kind == BP_SELECTION_NODE && sel->layer == L + 1)
    boxes[n++] = node_box (cache, L, sel->to);
  return n;
}

/* The area two rectangles share: @b grown by @grow on every side. */
static double
shared_area (double     x,
             double     y,
             double     w,
             double     h,
             const Box *b,
             double     grow)
{
  double dx = MIN (x + w, b->x + b->hw + grow) - MAX (x, b->x - b->hw - grow);
  double dy = MIN (y + h, b->y + b->hh + grow) - MAX (y, b->y - b->hh - grow);

  return dx > 0.0 && dy > 0.0 ? dx * dy : 0.0;
}

/* What a box at (@x, @y) costs: covering the item is out of the question, covering a
 * connection's line or other nodes is bad, and far from the item is a little worse than
 * near. @line_from and @line_to are a connection's ends, or NULL for a node. */
static double
placement_cost (const BpDiagramCache *cache,
                const BpNet          *net,
                const Box           **item,
                guint                 n_item,
                const Box            *line_from,
                const Box            *line_to,
                double                x,
                double                y,
                double                w,
                double                h)
{
  double grow = 5.0 * MAX (1.0, cache->zoom);
  double cost = 0.0, cx = 0.0, cy = 0.0;

  for (guint k = 0; k < n_item; k++)
    {
      if (shared_area (x, y, w, h, item[k], grow) > 0.0)
        return G_MAXDOUBLE;
      cx += item[k]->x / n_item;
      cy += item[k]->y / n_item;
    }
  /* A connection's line is part of it too: covering it costs as much as covering a
   * node, for each of 16 points along it. */
  if (line_from != NULL)
    for (guint k = 1; k < 16; k++)
      {
        double px, py;

        point_on (line_from, line_to, k / 16.0, &px, &py);
        if (px > x - grow && px < x + w + grow && py > y - grow && py < y + h + grow)
          cost += 4.0 * line_from->hw * line_from->hh;
      }
  for (guint k = 0; k < cache->n_nodes; k++)
    cost += shared_area (x, y, w, h, &cache->nodes[k], 0.0);
  for (guint k = 0; k < net->sizes[net->n_layers]; k++)
    cost += shared_area (x, y, w, h, &cache->targets[k], 0.0);
  cost += shared_area (x, y, w, h, &cache->loss, 0.0);
  return cost + 0.5 * hypot (x + w / 2.0 - cx, y + h / 2.0 - cy);
}

/* Where the info box of @sel, @w × @h, goes in a diagram of @width × @height: beside, above
 * or below the item (for a connection also beside its middle), in the free space nearest
 * to it; when every such place covers the item, anywhere in the diagram that does not. */
static void
place_info_box (const BpDiagramCache *cache,
                const BpNet          *net,
                const BpSelection    *sel,
                double                w,
                double                h,
                int                   width,
                int                   height,
                double               *x,
                double               *y)
{
  const Box *item[MAX_ITEM_BOXES];
  guint n_item = item_boxes (cache, net, sel, item);
  double off = 10.0 * cache->zoom + 5.0 * MAX (1.0, cache->zoom);
  double x_max = MAX (4.0, width - w - 4.0), y_max = MAX (4.0, height - h - 4.0);
  double best = G_MAXDOUBLE;
  Box around[MAX_ITEM_BOXES + 1];
  guint n_around = 0;
  const Box *line_from = NULL, *line_to = NULL;

  if (sel->kind == BP_SELECTION_CONNECTION)
    {
      Box mid = { 0, 0, 0, 0 };

      point_on (item[0], item[1], 0.5, &mid.x, &mid.y);
      around[n_around++] = mid;
      line_from = item[0];
      line_to = item[1];
    }
  for (guint k = 0; k < n_item; k++)
    around[n_around++] = *item[k];

  *x = 4.0;
  *y = 4.0;
  for (guint k = 0; k < n_around; k++)
    {
      const Box *b = &around[k];
      /* Right (as before: a little above the centre), left, above, below, and the
       * corners. */
      double xs[] = { b->x + b->hw + off, b->x - b->hw - off - w, b->x - w / 2.0,
                      b->x - w / 2.0, b->x + b->hw + off, b->x - b->hw - off - w,
                      b->x + b->hw + off, b->x - b->hw - off - w };
      double ys[] = { b->y - b->hh - h * 0.3, b->y - b->hh - h * 0.3, b->y - b->hh - off - h,
                      b->y + b->hh + off, b->y - b->hh - off - h, b->y - b->hh - off - h,
                      b->y + b->hh + off, b->y + b->hh + off };

      for (guint c = 0; c < G_N_ELEMENTS (xs); c++)
        {
          double cx = CLAMP (xs[c], 4.0, x_max), cy = CLAMP (ys[c], 4.0, y_max);
          double cost = placement_cost (cache, net, item, n_item, line_from, line_to, cx, cy, w, h);

          if (cost < best)
            {
              best = cost;
              *x = cx;
              *y = cy;
            }
        }
    }
  if (best < G_MAXDOUBLE)
    return;
  for (guint r = 0; r <= N_GRID; r++)
    for (guint c = 0; c <= N_GRID; c++)
      {
        double cx = 4.0 + (x_max - 4.0) * c / N_GRID, cy = 4.0 + (y_max - 4.0) * r / N_GRID;
        double cost = placement_cost (cache, net, item, n_item, line_from, line_to, cx, cy, w, h);

        if (cost < best)
          {
            best = cost;
            *x = cx;
            *y = cy;
          }
      }
}

/* Shapes the info box's text into the cache's scratch layout and finds where the box goes;
 * FALSE if nothing is hovered or selected. */
static gboolean
layout_info_box (const Scene *scene,
                 int          width,
                 int          height,
                 double      *x,
                 double      *y,
                 double      *w,
                 double      *h)
{
  const BpDiagramFrame *frame = scene->frame;
  const BpSelection *sel = bp_selection_valid (scene->net, &frame->hover)
                           ? &frame->hover : &frame->selection;
  BpDiagramCache *cache = scene->cache;
  g_autofree char *markup = NULL;
  double pad = cache->small_px * 0.7;
  int lw, lh;

  if (!bp_selection_valid (scene->net, sel))
    return FALSE;
  markup = bp_health_append_info (info_text (scene, sel), frame->health, scene->net, sel);
  pango_layout_set_markup (cache->scratch, markup, -1);
  pango_layout_get_pixel_size (cache->scratch, &lw, &lh);
  *w = lw + 2 * pad;
  *h = lh + 2 * pad;
  place_info_box (cache, scene->net, sel, *w, *h, width, height, x, y);
  return TRUE;
}

/* The box with the numbers of the hovered item, or else of the selected one; where it went
 * in @drawn (a box of half-width 0 when there is none). */
void
bp_diagram_draw_info_box (cairo_t     *cr,
                          const Scene *scene,
                          int          width,
                          int          height,
                          Box         *drawn)
{
  double x, y, w, h, pad = scene->cache->small_px * 0.7;

  *drawn = (Box) { 0.0, 0.0, 0.0, 0.0 };
  if (!layout_info_box (scene, width, height, &x, &y, &w, &h))
    return;
  *drawn = (Box) { x + w / 2.0, y + h / 2.0, w / 2.0, h / 2.0 };
  set_source_mix (cr, &scene->palette->background, 0.96);
  rounded_rect (cr, x, y, w, h, pad);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, &scene->palette->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  bp_color_set_source (cr, &scene->palette->text);
  cairo_move_to (cr, x + pad, y + pad);
  pango_cairo_show_layout (cr, scene->cache->scratch);
}

/**
 * bp_diagram_frame_info_box:
 * @width: the width the frame is drawn at
 * @height: its height
 * @frame: the frame
 * @box: (out): where the box with the numbers of the hovered (else the selected) item is
 *
 * Where bp_diagram_draw_frame() draws the info box, for tests and the widget.
 *
 * Returns: %TRUE if there is one
 */
gboolean
bp_diagram_frame_info_box (int                   width,
                           int                   height,
                           const BpDiagramFrame *frame,
                           BpDiagramBox         *box)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  Scene scene;
  double x, y, w, h;

  g_return_val_if_fail (frame != NULL && box != NULL, FALSE);

  if (frame->after == NULL || width < 16 || height < 16)
    return FALSE;
  bp_diagram_scene_init (&scene, frame, bp_diagram_cache_for (&temporary, width, height, frame));
  if (!layout_info_box (&scene, width, height, &x, &y, &w, &h))
    return FALSE;
  *box = (BpDiagramBox) { x + w / 2.0, y + h / 2.0, w / 2.0, h / 2.0 };
  return TRUE;
}

/**
 * bp_diagram_frame_info_text:
 * @width: the width the frame is drawn at
 * @height: its height
 * @frame: the frame
 *
 * The text, without its markup, of the box bp_diagram_draw_frame() shows with the numbers
 * of the hovered (else the selected) item, for tests.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if there is no box
 */
char *
bp_diagram_frame_info_text (int                   width,
                            int                   height,
                            const BpDiagramFrame *frame)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  Scene scene;
  double x, y, w, h;

  g_return_val_if_fail (frame != NULL, NULL);

  if (frame->after == NULL || width < 16 || height < 16)
    return NULL;
  bp_diagram_scene_init (&scene, frame, bp_diagram_cache_for (&temporary, width, height, frame));
  if (!layout_info_box (&scene, width, height, &x, &y, &w, &h))
    return NULL;
  return g_strdup (pango_layout_get_text (scene.cache->scratch));
}
