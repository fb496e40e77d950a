/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-caption.c: the caption that names the phase of a step being shown ("Forward
 * pass") with its formula, large enough to read at the back of a room. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"

#include <glib/gi18n.h>

/**
 * bp_diagram_phase_formula:
 * @net: the network
 * @moment: the moment
 *
 * Returns: the formula the phase computes, in the notation of the Math panel
 */
const char *
bp_diagram_phase_formula (const BpNet    *net,
                          const BpMoment *moment)
{
  gboolean fused = net->loss_kind == BP_LOSS_CROSS_ENTROPY
                   && net->activations[net->n_layers - 1] == BP_ACTIVATION_SIGMOID;

  switch (moment->phase)
    {
    case BP_PHASE_UPDATE:
      return "w ← w − η · ∂L/∂w";
    case BP_PHASE_FORWARD:
      return "z = Σ w · a + b,  a = f(z)";
    case BP_PHASE_LOSS:
      return net->loss_kind == BP_LOSS_CROSS_ENTROPY
             ? "L = −Σ [t · ln y + (1 − t) · ln(1 − y)]"
             : "L = ½ Σ (y − t)²";
    case BP_PHASE_BACKWARD:
      if (moment->layer == net->n_layers)
        return fused ? "δ = y − t" : "∂L/∂y = y − t,  δ = f′(z) · ∂L/∂y";
      if (moment->layer == 0)
        return "∂L/∂w = δ · a,  ∂L/∂x = Σ w · δ";
      return "∂L/∂w = δ · a,  δ = f′(z) · Σ w · δ";
    case BP_PHASE_IDLE:
    default:
      return "";
    }
}

/* What the pulses of a pass carry, in words, or NULL. */
static const char *
phase_note (const BpNet    *net,
            const BpMoment *moment)
{
  if (moment->phase == BP_PHASE_FORWARD)
    /* Translators: under the caption "Forward pass"; w·a (a weight times an activation)
     * stays as it is */
    return _("Each pulse carries w·a to the next layer");
  if (moment->phase == BP_PHASE_BACKWARD && moment->layer == net->n_layers)
    /* Translators: under the caption "Backward pass"; ∂L/∂y stays as it is */
    return _("Each pulse carries ∂L/∂y from the loss back to its output");
  if (moment->phase == BP_PHASE_BACKWARD)
    /* Translators: under the caption "Backward pass"; w·δ (a weight times a neuron's δ)
     * stays as it is */
    return _("Each pulse carries w·δ back to the layer below");
  return NULL;
}

static PangoLayout *
caption_layout (BpDiagramCache *cache,
                guint           k,
                double          px,
                gboolean        bold,
                const char     *text)
{
  if (cache->caption[k] == NULL)
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_new ();

      cache->caption[k] = pango_layout_new (cache->context);
      pango_font_description_set_family (font, cache->family);
      pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
      if (bold)
        pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_layout_set_font_description (cache->caption[k], font);
      cache->caption_text[k][0] = '\0';
    }
  if (g_strcmp0 (cache->caption_text[k], text) != 0)
    {
      pango_layout_set_text (cache->caption[k], text, -1);
      g_strlcpy (cache->caption_text[k], text, sizeof cache->caption_text[k]);
    }
  return cache->caption[k];
}

/* How much of the boxes the diagram shows a caption at (@x, @y), @w × @h, would cover,
 * with a little room around it: nodes, targets, the loss, the info box @avoid and the
 * column headings. */
static double
covered (const BpDiagramCache *cache,
         const Box            *avoid,
         double                x,
         double                y,
         double                w,
         double                h)
{
  double gap = cache->small_px * 0.5, sum = 0.0;
  guint n_outputs = cache->sizes[cache->n_layers];

  for (guint k = 0; k < cache->n_nodes + n_outputs + 2; k++)
    {
      const Box *b = k < cache->n_nodes ? &cache->nodes[k]
                     : k < cache->n_nodes + n_outputs ? &cache->targets[k - cache->n_nodes]
                     : k == cache->n_nodes + n_outputs ? &cache->loss : avoid;
      double ox = MIN (x + w + gap, b->x + b->hw) - MAX (x - gap, b->x - b->hw);
      double oy = MIN (y + h + gap, b->y + b->hh) - MAX (y - gap, b->y - b->hh);

      if (ox > 0.0 && oy > 0.0)
        sum += ox * oy;
    }
  /* The headings' row. */
  if (y < cache->area_top)
    sum += w * (cache->area_top - y);
  return sum;
}

/* Where the caption goes: in free space near the top middle, else near the bottom middle
 * above the legend, else whichever of them covers least. */
static void
place (const BpDiagramCache *cache,
       const Box            *avoid,
       double                w,
       double                h,
       double               *x,
       double               *y)
{
  double top = cache->area_top, bottom = cache->legend_y[0] - cache->small_px * 1.5 - h;
  double cx = (cache->width - w) / 2.0;
  double candidates[][2] = {
    { cx, top }, { cx, bottom }, { cx, (top + bottom) / 2.0 },
    { cache->margin, top }, { cache->width - cache->margin - w, top },
    { cache->margin, bottom }, { cache->width - cache->margin - w, bottom },
  };
  double best = G_MAXDOUBLE;

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      double c = covered (cache, avoid, candidates[k][0], candidates[k][1], w, h);

      if (c < best)
        {
          best = c;
          *x = candidates[k][0];
          *y = candidates[k][1];
        }
      if (c <= 0.0)
        return;
    }
}

/* The caption of the phase being shown, in free space at the top (or the bottom) of the
 * diagram: the name in bold, half again the size of a node's value, the formula under it,
 * and for a pass what its pulses carry. Nothing when no step is shown. */
void
bp_diagram_draw_caption (cairo_t     *cr,
                         const Scene *scene,
                         const Box   *avoid)
{
  BpDiagramCache *cache = scene->cache;
  const BpMoment *m = &scene->moment;
  const BpColor *accent;
  PangoLayout *name, *formula, *note = NULL;
  const char *note_text;
  int nw, nh, fw, fh, tw = 0, th = 0;
  double pad, w, h, x = 0.0, y = 0.0;

  if (m->phase == BP_PHASE_IDLE)
    return;
  accent = m->phase == BP_PHASE_BACKWARD ? &scene->palette->wave
           : m->phase == BP_PHASE_LOSS ? &scene->palette->loss
           : &scene->palette->pulse;
  name = caption_layout (cache, 0, cache->font_px * 1.5, TRUE,
                         bp_phase_get_display_name (m->phase));
  formula = caption_layout (cache, 1, cache->font_px, FALSE,
                            bp_diagram_phase_formula (scene->net, m));
  note_text = phase_note (scene->net, m);
  if (note_text != NULL)
    {
      note = caption_layout (cache, 2, cache->small_px, FALSE, note_text);
      pango_layout_get_pixel_size (note, &tw, &th);
    }
  pango_layout_get_pixel_size (name, &nw, &nh);
  pango_layout_get_pixel_size (formula, &fw, &fh);
  pad = cache->font_px * 0.5;
  w = MAX (MAX (nw, fw), tw) + 2.0 * pad;
  h = nh + fh + th + 2.0 * pad;
  place (cache, avoid, w, h, &x, &y);
  rounded_rect (cr, x, y, w, h, pad);
  set_source_mix (cr, &scene->palette->background, 0.94);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, accent);
  cairo_set_line_width (cr, MAX (2.0, cache->font_px * 0.15));
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_stroke (cr);
  bp_color_set_source (cr, &scene->palette->text);
  cairo_move_to (cr, x + (w - nw) / 2.0, y + pad);
  pango_cairo_show_layout (cr, name);
  cairo_move_to (cr, x + (w - fw) / 2.0, y + pad + nh);
  pango_cairo_show_layout (cr, formula);
  if (note != NULL)
    {
      bp_color_set_source (cr, &scene->palette->dim_text);
      cairo_move_to (cr, x + (w - tw) / 2.0, y + pad + nh + fh);
      pango_cairo_show_layout (cr, note);
    }
}
