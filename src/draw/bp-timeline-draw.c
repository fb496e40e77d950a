/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-timeline-draw.c: the loss chart of a timeline: the branches side by side, each in its
 * own colour and dash (30 pairs, so two branches never look alike in any palette, and a
 * printout in black and white still tells them apart), labelled at their tips with a sample
 * of their line; the current branch on top and faint after the step shown, which is a
 * vertical line with its step number. The axis follows the sparkline's rule (linear, or
 * logarithmic once the losses span more than a hundredfold, or as the setting says). */
#define G_LOG_DOMAIN "bp-sparkline"

#include "config.h"

#include "bp-timeline-draw.h"
#include "bp-sparkline-draw-private.h"

#include <glib/gi18n.h>
#include <math.h>

#define FAINT 0.3            /* the current branch after the step shown */
#define SWATCH_W 18.0        /* a label's sample of its line, at 11 px */
#define MIN_PLOT_W 40.0
#define MIN_PLOT_H 16.0

typedef struct {
  const BpTimelineChart *chart;
  double text_scale, pad, line_h;
  double left, right;
  LossAxis axis;
  guint64 step_lo, step_hi;
} Plot;

static guint64
last_step (const BpTimelineCurve *curve)
{
  return curve->first_step + curve->n - 1;
}

static gboolean
fit_range (Plot            *plot,
           BpSparklineScale scale)
{
  const BpTimelineChart *chart = plot->chart;
  double min = INFINITY, max = -INFINITY, min_positive = INFINITY;
  gboolean any = FALSE, any_step = FALSE;

  for (guint c = 0; c < chart->n_curves; c++)
    {
      const BpTimelineCurve *curve = &chart->curves[c];
      guint64 from;

      if (curve->n == 0)
        continue;
      from = bp_timeline_chart_drawn_from (chart, c);
      plot->step_lo = any_step ? MIN (plot->step_lo, from) : from;
      plot->step_hi = any_step ? MAX (plot->step_hi, last_step (curve)) : last_step (curve);
      any_step = TRUE;
      for (guint64 s = from; s <= last_step (curve); s++)
        {
          double v = curve->losses[s - curve->first_step];

          if (!isfinite (v))
            continue;
          min = MIN (min, v);
          max = MAX (max, v);
          if (v > 0.0)
            min_positive = MIN (min_positive, v);
          any = TRUE;
        }
    }
  if (!any)
    return FALSE;
  _bp_sparkline_fit_axis (min, max, min_positive, scale, &plot->axis);
  return TRUE;
}

static double
step_x (const Plot *plot,
        guint64     step)
{
  if (plot->step_hi <= plot->step_lo)
    return plot->right;
  step = CLAMP (step, plot->step_lo, plot->step_hi);
  return plot->left + (plot->right - plot->left) * (double) (step - plot->step_lo)
                      / (double) (plot->step_hi - plot->step_lo);
}

static double
loss_y (const Plot *plot,
        double      loss)
{
  return _bp_sparkline_axis_y (&plot->axis, loss);
}

/* Adds @curve's line from step @from to @to as sub-paths broken at non-finite losses. More
 * steps than twice the plot's width in pixels are drawn as each column's lowest and highest
 * loss, so a spike stays visible and a long timeline costs one segment per pixel. */
static void
trace_curve (cairo_t               *cr,
             const Plot            *plot,
             const BpTimelineCurve *curve,
             guint64                from,
             guint64                to)
{
  double span = MAX (1.0, plot->right - plot->left);
  guint64 n = to - from + 1;
  guint64 per = (double) n > 2.0 * span ? (guint64) ceil ((double) n / span) : 1;
  gboolean pen = FALSE;

  for (guint64 s = from; s <= to; s += per)
    {
      double lo = INFINITY, hi = -INFINITY, x;
      guint64 end = MIN (to, s + per - 1);

      for (guint64 k = s; k <= end; k++)
        {
          double v = curve->losses[k - curve->first_step];

          if (isfinite (v))
            {
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
        }
      if (!isfinite (lo))
        {
          pen = FALSE;
          continue;
        }
      x = step_x (plot, s + (end - s) / 2);
      if (pen)
        cairo_line_to (cr, x, loss_y (plot, hi));
      else
        cairo_move_to (cr, x, loss_y (plot, hi));
      if (lo != hi)
        cairo_line_to (cr, x, loss_y (plot, lo));
      pen = TRUE;
    }
}

static void
stroke_curve (cairo_t               *cr,
              const Plot            *plot,
              const BpTimelineCurve *curve,
              const BpPalette       *palette,
              guint64                from,
              guint64                to,
              double                 alpha,
              double                 width)
{
  double dashes[4];
  guint n_dashes = bp_timeline_chart_style_dash (curve->style, plot->text_scale, dashes);
  BpColor color;

  if (from > to)
    return;
  bp_timeline_chart_style_color (palette, curve->style, &color);
  color.alpha *= alpha;
  cairo_new_path (cr);
  trace_curve (cr, plot, curve, from, to);
  /* A lone point is a dot, not an invisible line of no length. */
  if (from == to)
    cairo_line_to (cr, step_x (plot, from) + 0.01, loss_y (plot, curve->losses[from
                                                                   - curve->first_step]));
  bp_color_set_source (cr, &color);
  cairo_set_line_width (cr, width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, n_dashes > 0 ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, dashes, n_dashes, 0.0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0.0);
}

static char *
step_text (guint64 step)
{
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, step);

  /* Translators: a step number under the loss chart */
  return g_strdup_printf (_("step %s"), number);
}

static PangoLayout *
bold_layout (cairo_t    *cr,
             double      text_scale,
             const char *text)
{
  PangoLayout *layout = _bp_sparkline_text_layout (cr, text_scale, text);
  PangoAttrList *attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));

  if (attrs == NULL)
    attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* Puts @layout centred under @x, within the plot's width, unless it would overlap a span of
 * @taken (left, right pairs); returns whether it went in. */
static gboolean
place_step_label (cairo_t         *cr,
                  GArray          *taken,
                  const Plot      *plot,
                  PangoLayout     *layout,
                  const BpColor   *color,
                  double           x,
                  double           y)
{
  double w, h, left, right;

  _bp_sparkline_text_size (layout, &w, &h);
  left = CLAMP (x - w / 2, plot->left, MAX (plot->left, plot->right - w));
  right = left + w;
  for (guint k = 0; k + 1 < taken->len; k += 2)
    if (left < g_array_index (taken, double, k + 1) + plot->pad
        && right + plot->pad > g_array_index (taken, double, k))
      return FALSE;
  g_array_append_val (taken, left);
  g_array_append_val (taken, right);
  _bp_sparkline_show_text (cr, layout, color, left, y, FALSE);
  return TRUE;
}

/* The row under the plot: the step shown first (bold, with its loss), then the first and
 * the last step where they fit. */
static void
draw_step_row (cairo_t         *cr,
               const Plot      *plot,
               const BpPalette *palette,
               double           y)
{
  const BpTimelineCurve *current = &plot->chart->curves[plot->chart->current];
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cursor_step = step_text (plot->chart->cursor);
  g_autofree char *cursor_text = NULL;
  g_autofree char *first = step_text (plot->step_lo);
  g_autofree char *last = step_text (plot->step_hi);
  g_autoptr(PangoLayout) cursor_layout = NULL;
  g_autoptr(PangoLayout) first_layout = _bp_sparkline_text_layout (cr, plot->text_scale,
                                                                   first);
  g_autoptr(PangoLayout) last_layout = _bp_sparkline_text_layout (cr, plot->text_scale, last);
  double loss;

  if (bp_timeline_chart_loss_at (current, plot->chart->cursor, &loss) && isfinite (loss))
    {
      g_autofree char *number = _bp_sparkline_format_loss (loss);

      /* Translators: under the loss chart at the step shown: "step 120 · loss 0.0312" */
      cursor_text = g_strdup_printf (_("%s · loss %s"), cursor_step, number);
    }
  else
    cursor_text = g_strdup (cursor_step);
  cursor_layout = bold_layout (cr, plot->text_scale, cursor_text);
  place_step_label (cr, taken, plot, cursor_layout, &palette->text,
                    step_x (plot, plot->chart->cursor), y);
  place_step_label (cr, taken, plot, last_layout, &palette->dim_text, plot->right, y);
  if (plot->step_hi > plot->step_lo)
    place_step_label (cr, taken, plot, first_layout, &palette->dim_text, plot->left, y);
}

/* The step shown: a vertical line through the plot and a dot on the current branch. */
static void
draw_cursor (cairo_t         *cr,
             const Plot      *plot,
             const BpPalette *palette)
{
  const BpTimelineCurve *current = &plot->chart->curves[plot->chart->current];
  double x = round (step_x (plot, plot->chart->cursor)) + 0.5;
  double loss;
  BpColor color;

  bp_color_set_source (cr, &palette->text);
  cairo_set_line_width (cr, MAX (1.0, round (plot->text_scale)));
  cairo_move_to (cr, x, plot->axis.top);
  cairo_line_to (cr, x, plot->axis.bottom);
  cairo_stroke (cr);
  if (!bp_timeline_chart_loss_at (current, plot->chart->cursor, &loss) || !isfinite (loss))
    return;
  bp_timeline_chart_style_color (palette, current->style, &color);
  cairo_new_path (cr);
  cairo_arc (cr, step_x (plot, plot->chart->cursor), loss_y (plot, loss),
             4.0 * plot->text_scale, 0, 2 * G_PI);
  bp_color_set_source (cr, &color);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, &palette->background);
  cairo_set_line_width (cr, 1.5 * plot->text_scale);
  cairo_stroke (cr);
}

/* The newest finite loss of @curve, for its label's height. */
static gboolean
tip_loss (const BpTimelineCurve *curve,
          double                *loss)
{
  for (gsize i = curve->n; i-- > 0;)
    if (isfinite (curve->losses[i]))
      {
        *loss = curve->losses[i];
        return TRUE;
      }
  return FALSE;
}

typedef struct {
  guint curve;
  double y;
  PangoLayout *layout;
} TipLabel;

static int
compare_tips (gconstpointer a,
              gconstpointer b)
{
  const TipLabel *ta = a, *tb = b;

  return ta->y < tb->y ? -1 : ta->y > tb->y;
}

static PangoLayout *
tip_layout (cairo_t               *cr,
            const Plot            *plot,
            guint                  index)
{
  const char *label = plot->chart->curves[index].label;

  if (label == NULL)
    label = "";
  return index == plot->chart->current ? bold_layout (cr, plot->text_scale, label)
                                       : _bp_sparkline_text_layout (cr, plot->text_scale,
                                                                    label);
}

static double
labels_width (cairo_t    *cr,
              const Plot *plot)
{
  double widest = 0.0;

  for (guint c = 0; c < plot->chart->n_curves; c++)
    {
      g_autoptr(PangoLayout) layout = tip_layout (cr, plot, c);
      double w, h;

      _bp_sparkline_text_size (layout, &w, &h);
      widest = MAX (widest, w);
    }
  return round (SWATCH_W * plot->text_scale) + plot->pad + widest;
}

/* Right of the plot, each branch's label at its tip's height with a sample of its line;
 * labels that would overlap are pushed apart, within the plot's height where they fit. */
static void
draw_tip_labels (cairo_t         *cr,
                 const Plot      *plot,
                 const BpPalette *palette)
{
  g_autoptr(GArray) tips = g_array_new (FALSE, FALSE, sizeof (TipLabel));
  double x = plot->right + 2 * plot->pad;
  double swatch = round (SWATCH_W * plot->text_scale);
  double gap = plot->line_h;

  for (guint c = 0; c < plot->chart->n_curves; c++)
    {
      TipLabel tip = { c, 0.0, NULL };
      double loss;

      if (plot->chart->curves[c].n == 0 || !tip_loss (&plot->chart->curves[c], &loss))
        continue;
      tip.y = loss_y (plot, loss);
      tip.layout = tip_layout (cr, plot, c);
      g_array_append_val (tips, tip);
    }
  if (tips->len == 0)
    return;
  g_array_sort (tips, compare_tips);
  for (guint k = 1; k < tips->len; k++)
    {
      TipLabel *t = &g_array_index (tips, TipLabel, k);

      t->y = MAX (t->y, g_array_index (tips, TipLabel, k - 1).y + gap);
    }
  /* Pushed below the chart's bottom: moved up again as far as the top allows. */
  {
    double over = g_array_index (tips, TipLabel, tips->len - 1).y - (plot->axis.bottom + gap / 2);

    if (over > 0)
      for (guint k = 0; k < tips->len; k++)
        {
          TipLabel *t = &g_array_index (tips, TipLabel, k);

          t->y = MAX (t->y - over, plot->axis.top - gap / 2 + k * gap);
        }
  }
  for (guint k = 0; k < tips->len; k++)
    {
      TipLabel *t = &g_array_index (tips, TipLabel, k);
      const BpTimelineCurve *curve = &plot->chart->curves[t->curve];
      double dashes[4];
      guint n_dashes = bp_timeline_chart_style_dash (curve->style, plot->text_scale, dashes);
      BpColor color;

      bp_timeline_chart_style_color (palette, curve->style, &color);
      bp_color_set_source (cr, &color);
      cairo_set_line_width (cr, (t->curve == plot->chart->current ? 3.0 : 2.0)
                                * plot->text_scale);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_dash (cr, dashes, n_dashes, 0.0);
      cairo_move_to (cr, x, t->y);
      cairo_line_to (cr, x + swatch, t->y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0.0);
      _bp_sparkline_show_text (cr, t->layout, &palette->text, x + swatch + plot->pad, t->y,
                               FALSE);
      g_object_unref (t->layout);
    }
}

static void
draw_curves (cairo_t         *cr,
             const Plot      *plot,
             const BpPalette *palette)
{
  const BpTimelineChart *chart = plot->chart;
  const BpTimelineCurve *current = &chart->curves[chart->current];
  double thin = 1.75 * plot->text_scale, thick = 2.5 * plot->text_scale;

  for (guint c = 0; c < chart->n_curves; c++)
    if (c != chart->current && chart->curves[c].n > 0)
      stroke_curve (cr, plot, &chart->curves[c], palette, bp_timeline_chart_drawn_from (chart, c),
                    last_step (&chart->curves[c]), 1.0, thin);
  if (current->n == 0)
    return;
  /* The current branch on top: whole as far as the step shown, faint after it. */
  if (chart->cursor >= current->first_step)
    stroke_curve (cr, plot, current, palette, current->first_step,
                  MIN (chart->cursor, last_step (current)), 1.0, thick);
  if (chart->cursor < last_step (current))
    stroke_curve (cr, plot, current, palette,
                  MAX (chart->cursor, current->first_step), last_step (current), FAINT,
                  thick);
}

/**
 * bp_timeline_chart_draw:
 * @cr: a Cairo context
 * @width: the width to fill, in device units
 * @height: the height to fill
 * @chart: the branches, the current one and the step shown
 * @palette: the colours
 * @text_scale: 1 for 11 px text; the system's large-text factor times any zoom
 * @scale: linear, logarithmic, or automatic, as the sparkline takes it
 *
 * Draws every branch's loss per step on one axis fitted to all of them, each from its fork
 * in its own colour and dash, the current branch on top (whole, faint after the step shown);
 * the step shown as a vertical line with a dot on the current branch; each branch's label
 * right of the plot at its tip's height; under the plot the step shown with its loss, and
 * the first and last step. Too small a size, or no finite loss, leaves words instead.
 */
void
bp_timeline_chart_draw (cairo_t               *cr,
                        int                    width,
                        int                    height,
                        const BpTimelineChart *chart,
                        const BpPalette       *palette,
                        double                 text_scale,
                        BpSparklineScale       scale)
{
  Plot plot = { .chart = chart };
  g_autoptr(PangoLayout) probe = NULL;
  double w;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (chart != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (chart->n_curves == 0 || chart->current < chart->n_curves);

  if (!(text_scale > 0.0) || !isfinite (text_scale))
    text_scale = 1.0;
  plot.text_scale = text_scale;
  cairo_save (cr);
  bp_color_set_source (cr, &palette->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  if (chart->n_curves == 0 || !fit_range (&plot, scale))
    {
      _bp_sparkline_draw_message (cr, width, height, palette, text_scale, _("No steps yet"));
      cairo_restore (cr);
      return;
    }
  probe = _bp_sparkline_text_layout (cr, text_scale, "0");
  _bp_sparkline_text_size (probe, &w, &plot.line_h);
  plot.pad = round (3.0 * text_scale);
  {
    g_autofree char *hi_text = _bp_sparkline_format_loss (plot.axis.hi);
    g_autofree char *lo_text = _bp_sparkline_format_loss (plot.axis.lo);
    g_autoptr(PangoLayout) hi = _bp_sparkline_text_layout (cr, text_scale, hi_text);
    g_autoptr(PangoLayout) lo = _bp_sparkline_text_layout (cr, text_scale, lo_text);
    double hi_w, lo_w, h;

    _bp_sparkline_text_size (hi, &hi_w, &h);
    _bp_sparkline_text_size (lo, &lo_w, &h);
    plot.left = 2 * plot.pad + MAX (hi_w, lo_w);
  }
  plot.right = width - 3 * plot.pad - labels_width (cr, &plot);
  plot.axis.top = round (plot.pad + plot.line_h / 2);
  plot.axis.bottom = round (height - 2 * plot.pad - plot.line_h);
  if (plot.right - plot.left < MIN_PLOT_W || plot.axis.bottom - plot.axis.top < MIN_PLOT_H)
    {
      g_autofree char *words = step_text (chart->cursor);

      /* Too small for a chart: the step shown says what matters. */
      _bp_sparkline_draw_message (cr, width, height, palette, text_scale, words);
      cairo_restore (cr);
      return;
    }
  _bp_sparkline_draw_axis (cr, &plot.axis, plot.left, plot.right, plot.pad, palette,
                           text_scale);
  draw_curves (cr, &plot, palette);
  draw_cursor (cr, &plot, palette);
  draw_tip_labels (cr, &plot, palette);
  draw_step_row (cr, &plot, palette, height - plot.pad - plot.line_h / 2);
  cairo_restore (cr);
}
