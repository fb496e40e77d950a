/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-info.c: the highlight of the selected and the hovered item, and the box with
 * its numbers. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"
#include "bp-format.h"

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
  const BpNet *g_net = c > 0 && wave_passed (scene, c - 1) > 0.0 ? scene->net : scene->old;
  char label[16], a[BP_DIAGRAM_VALUE_SIZE], z[BP_DIAGRAM_VALUE_SIZE];
  char d[BP_DIAGRAM_VALUE_SIZE], b[BP_DIAGRAM_VALUE_SIZE];

  bp_format_neuron_into (net->n_layers, c, i, label, sizeof label);
  bp_format_number_into (net->a[c][i], BP_NUMBER_NODE, a, sizeof a);
  if (c == 0)
    {
      bp_format_number_into (g_net->grad_a[0][i], BP_NUMBER_NODE, d, sizeof d);
      /* Translators: the box shown over an input neuron; keep the line breaks and the
       * markup. The first %s is the input's name (x1), then its value, its name again in
       * ∂L/∂x1 (the gradient, notation: keep it) and the gradient's value. */
      return g_markup_printf_escaped (_("<b>%s</b> · input\nvalue %s\n∂L/∂%s %s\n"
                                        "<i>drag up or down to change</i>"),
                                      label, a, label, d);
    }
  bp_format_number_into (net->z[c][i], BP_NUMBER_NODE, z, sizeof z);
  bp_format_number_into (g_net->delta[c][i], BP_NUMBER_NODE, d, sizeof d);
  bp_format_number_into (net->biases[c - 1][i], BP_NUMBER_NODE, b, sizeof b);
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
  const BpNet *g_net = wave_passed (scene, l) > 0.0 ? scene->net : scene->old;
  double g = bp_net_weight_gradient (g_net, l, j, i);
  char from[16], to[16], w[BP_DIAGRAM_VALUE_SIZE], d[BP_DIAGRAM_VALUE_SIZE];
  const char *format;

  bp_format_neuron_into (scene->net->n_layers, l, i, from, sizeof from);
  bp_format_neuron_into (scene->net->n_layers, l + 1, j, to, sizeof to);
  bp_format_number_into (bp_diagram_shown_weight (scene, l, j, i), BP_NUMBER_NODE, w, sizeof w);
  bp_format_number_into (g, BP_NUMBER_NODE, d, sizeof d);
  if (!isfinite (g) || g == 0.0)
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
  return g_markup_printf_escaped (format, from, to, w, d);
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
      bp_format_neuron_into (net->n_layers, sel->layer, sel->to, label, sizeof label);
      bp_format_number_into (net->target[sel->to], BP_NUMBER_NODE, v, sizeof v);
      /* Translators: the box shown over a target value; %s is its name (t1), then its
       * value; keep the line breaks and the markup */
      return g_markup_printf_escaped (_("<b>%s</b> · target\nvalue %s\n"
                                        "<i>drag up or down to change</i>"), label, v);
    }
  bp_format_number_into (bp_diagram_loss_net (scene)->loss, BP_NUMBER_NODE, v, sizeof v);
  /* Translators: the box shown over the loss: the loss function ("squared error"), then the
   * loss's value; keep the line break and the markup */
  return g_markup_printf_escaped (_("<b>Loss</b> · %s\n%s"),
                                  bp_loss_display_name (net->loss_kind), v);
}

/* The box with the numbers of the hovered item, or else of the selected one. */
void
bp_diagram_draw_info_box (cairo_t     *cr,
                          const Scene *scene,
                          int          width,
                          int          height)
{
  const BpDiagramFrame *frame = scene->frame;
  const BpSelection *sel = bp_selection_valid (scene->net, &frame->hover)
                           ? &frame->hover : &frame->selection;
  BpDiagramCache *cache = scene->cache;
  g_autofree char *markup = NULL;
  const Box *b;
  double x, y, w, h, pad = cache->small_px * 0.7, off = 10.0 * cache->zoom;
  int lw, lh;

  if (!bp_selection_valid (scene->net, sel))
    return;
  markup = info_text (scene, sel);
  pango_layout_set_markup (cache->scratch, markup, -1);
  pango_layout_get_pixel_size (cache->scratch, &lw, &lh);
  w = lw + 2 * pad;
  h = lh + 2 * pad;
  b = bp_diagram_selection_box (cache, scene->net, sel);
  if (b != NULL)
    {
      x = b->x + b->hw + off;
      y = b->y - b->hh - h * 0.3;
      if (x + w > width - 4)
        x = b->x - b->hw - off - w;
    }
  else
    {
      Box mid;

      point_on (node_box (cache, sel->layer, sel->from), node_box (cache, sel->layer + 1, sel->to),
                0.5, &mid.x, &mid.y);
      x = mid.x + off;
      y = mid.y - h - off;
    }
  x = CLAMP (x, 4.0, MAX (4.0, width - w - 4.0));
  y = CLAMP (y, 4.0, MAX (4.0, height - h - 4.0));

  set_source_mix (cr, &scene->palette->background, 0.96);
  rounded_rect (cr, x, y, w, h, pad);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, &scene->palette->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  bp_color_set_source (cr, &scene->palette->text);
  cairo_move_to (cr, x + pad, y + pad);
  pango_cairo_show_layout (cr, cache->scratch);
}
