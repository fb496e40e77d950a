/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-caption.c: the caption that names the phase of a step being shown ("Forward
 * pass") with its formula, large enough to read at the back of a room. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"

#include <glib/gi18n.h>
#include <string.h>

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

/* In dataset mode the pulses carry the first example of the batch the net shows, while the
 * colours and widths of the connections show the batch's mean gradient: in words, or NULL.
 * The gradient of a weight layer changes as the backward wave crosses it, as in example
 * mode: each example's backward pass reaches that layer at the same point, so its mean is
 * known there too, and one rule serves both modes. */
static char *
batch_note (const Scene    *scene,
            const BpMoment *moment)
{
  const BpNet *net = moment->phase == BP_PHASE_UPDATE ? scene->old : scene->net;
  guint n = net->batch_n_samples;

  if (!net->shows_batch)
    return NULL;
  switch (moment->phase)
    {
    case BP_PHASE_UPDATE:
      /* Translators: under the caption "Update" in dataset mode; %u is the number of
       * examples in the mini-batch */
      return g_strdup_printf (ngettext ("Each parameter moves against the mean gradient of "
                                        "the batch of %u example",
                                        "Each parameter moves against the mean gradient of "
                                        "the batch of %u examples", n), n);
    case BP_PHASE_FORWARD:
    case BP_PHASE_LOSS:
      /* Translators: under the caption "Forward pass" or "Loss" in dataset mode */
      return g_strdup (_("The pulses carry the first example of the next batch"));
    case BP_PHASE_BACKWARD:
      /* Translators: under the caption "Backward pass" in dataset mode: the pulses carry
       * one example, the connections' colours the mean over the batch; %u is its size */
      return g_strdup_printf (ngettext ("Pulses: the batch’s first example. Colours: the "
                                        "batch’s mean gradient (%u example)",
                                        "Pulses: the batch’s first example. Colours: the "
                                        "batch’s mean gradient (%u examples)", n), n);
    case BP_PHASE_IDLE:
    default:
      return NULL;
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

/* How much a caption at (@x, @y), @w × @h, with a little room around it, would cover of
 * what the diagram shows: nodes, targets, the loss, the info box @avoid and the column
 * headings by their area, and the connections (where the pulses travel) by a sample of
 * points along each. */
static double
covered (const BpDiagramCache *cache,
         const Box            *avoid,
         double                x,
         double                y,
         double                w,
         double                h)
{
  double gap = cache->small_px * 0.5, sum = 0.0, point = 2.0 * cache->small_px * cache->small_px;
  guint n_outputs = cache->sizes[cache->n_layers];
  guint n_samples = cache->n_connections > 256 ? 0 : 7;

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
  for (guint l = 0; l < cache->n_layers && n_samples > 0; l++)
    for (guint j = 0; j < cache->sizes[l + 1]; j++)
      for (guint i = 0; i < cache->sizes[l]; i++)
        for (guint k = 1; k <= n_samples; k++)
          {
            double px, py;

            point_on (node_box (cache, l, i), node_box (cache, l + 1, j),
                      k / (n_samples + 1.0), &px, &py);
            if (px > x - gap && px < x + w + gap && py > y - gap && py < y + h + gap)
              sum += point;
          }
  /* The headings' row, and the legend's. */
  if (y < cache->area_top)
    sum += w * (cache->area_top - y);
  if (y + h > cache->area_bottom)
    sum += w * (y + h - cache->area_bottom);
  return sum;
}

#define N_COLUMNS 7
#define N_ROWS 6

/* Where the caption goes: the free place nearest the top middle of the diagram, else the
 * one that covers least. Kept in @cache while nothing it depends on changes. */
static void
place (BpDiagramCache *cache,
       const Box      *avoid,
       double          w,
       double          h,
       double         *x,
       double         *y)
{
  double key[] = { w, h, avoid->x, avoid->y, avoid->hw, avoid->hh, cache->width,
                   cache->height, cache->zoom, cache->n_nodes };
  double left = cache->margin, right = MAX (left, cache->width - cache->margin - w);
  double top = cache->area_top, bottom = MAX (top, cache->area_bottom - h);
  double best = G_MAXDOUBLE;

  G_STATIC_ASSERT (G_N_ELEMENTS (key) == G_N_ELEMENTS (cache->caption_key));
  if (memcmp (key, cache->caption_key, sizeof key) == 0)
    {
      *x = cache->caption_x;
      *y = cache->caption_y;
      return;
    }
  /* From the top down, and in each row from the middle outwards. */
  for (guint r = 0; r < N_ROWS && best > 0.0; r++)
    for (guint c = 0; c < N_COLUMNS && best > 0.0; c++)
      {
        double side = c % 2 == 0 ? 1.0 : -1.0;
        double cx = 0.5 + side * (double) ((c + 1) / 2) / (N_COLUMNS - 1.0);
        double cand_x = left + (right - left) * cx;
        double cand_y = top + (bottom - top) * r / (N_ROWS - 1.0);
        double cost = covered (cache, avoid, cand_x, cand_y, w, h);

        if (cost < best)
          {
            best = cost;
            *x = cand_x;
            *y = cand_y;
          }
      }
  memcpy (cache->caption_key, key, sizeof key);
  cache->caption_x = *x;
  cache->caption_y = *y;
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
  g_autofree char *batch_text = NULL;
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
  batch_text = batch_note (scene, m);
  note_text = batch_text != NULL ? batch_text : phase_note (scene->net, m);
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
