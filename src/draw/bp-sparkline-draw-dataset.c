/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline-draw-dataset.c: the loss chart of dataset mode: the train loss (solid) and
 * the test loss (dashed, a second colour) of the current run over the steps, on a linear or
 * log10 axis with labelled ticks, the steps (and epochs where they fit) under it, and a
 * legend at the right end (bp-sparkline-draw-legend.c) with the current values and, for
 * classification, accuracies. A plain function of (cairo_t, size, history, palette, text
 * scale, log scale) like the sparkline of example mode. */
#define G_LOG_DOMAIN "bp-sparkline"

#include "config.h"

#include "bp-sparkline-draw.h"
#include "bp-sparkline-draw-private.h"

#include <glib/gi18n.h>
#include <math.h>

#define MIN_PLOT_WIDTH 60.0

/* Whether @value has a place on the axis: finite, and above zero on a log axis. */
static gboolean
plottable (const Chart *chart,
           double       value)
{
  return isfinite (value) && (!chart->log || value > 0.0);
}

/* The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above @value: a step between ticks. */
static double
nice_step (double value)
{
  static const double steps[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
  double power;

  if (!(value > 0.0) || !isfinite (value))
    return 1.0;
  power = pow (10.0, floor (log10 (value)));
  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    if (steps[k] * power >= value * (1 - 1e-12))
      return steps[k] * power;
  return 10.0 * power;
}

/* The smallest and largest finite loss of either curve, and the smallest positive one. */
static gboolean
loss_range (const Chart *chart,
            double      *min,
            double      *max,
            double      *min_positive)
{
  gboolean any = FALSE;

  *min = *min_positive = INFINITY;
  *max = -INFINITY;
  for (guint i = chart->first; i < chart->n; i++)
    for (Curve c = CURVE_TRAIN; c <= CURVE_TEST; c++)
      {
        double v = _bp_sparkline_curve_value (bp_history_get (chart->history, i), c);

        if (!isfinite (v))
          continue;
        *min = MIN (*min, v);
        *max = MAX (*max, v);
        if (v > 0.0)
          *min_positive = MIN (*min_positive, v);
        any = TRUE;
      }
  if (any)
    _bp_sparkline_ghosts_widen (chart->ghosts, chart->n_ghosts, min, max, min_positive);
  return any;
}

/* The largest of 1, 2, 5 × 10ⁿ at or below @value (with @up, the smallest at or above). */
static double
one_two_five (double   value,
              gboolean up)
{
  static const double steps[] = { 1.0, 2.0, 5.0, 10.0 };
  double power = pow (10.0, floor (log10 (value)));

  if (up)
    {
      for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
        if (steps[k] * power >= value * (1 - 1e-12))
          return steps[k] * power;
      return 10.0 * power;
    }
  for (guint k = G_N_ELEMENTS (steps) - 1; k-- > 0;)
    if (steps[k] * power <= value * (1 + 1e-12))
      return steps[k] * power;
  return power;
}

/* Fits the axis to the run. A log axis runs between values 1, 2 or 5 × 10ⁿ around the
 * positive losses; with no loss above zero it falls back to a linear one. A linear axis
 * starts at zero unless the losses sit far above it and still move (a loss falling from 0.2
 * to 0.12 would otherwise look nearly flat, a plateau should look flat), and ends on round
 * values about one labelled tick per two lines of text apart. */
static void
fit_axis (Chart    *chart,
          gboolean  log_scale)
{
  double min, max, min_positive, headroom;

  chart->max_ticks = (guint) MAX (2.0, floor ((chart->bottom - chart->top)
                                              / (2.0 * chart->line_h)));
  if (!loss_range (chart, &min, &max, &min_positive))
    min = max = min_positive = 0.0;
  chart->log = log_scale && max > 0.0 && isfinite (min_positive) && min_positive > 0.0;
  if (chart->log)
    {
      chart->lo = one_two_five (min_positive, FALSE);
      chart->hi = one_two_five (max, TRUE);
      if (chart->hi <= chart->lo * (1 + 1e-9))
        chart->hi = one_two_five (chart->lo * 1.5, TRUE);
      return;
    }
  if (min >= 0.0 && (min <= 0.5 * max || max - min < 0.05 * max))
    {
      chart->lo = 0.0;
      chart->hi = max > 0.0 ? max : 1.0;
    }
  else
    {
      headroom = MAX ((max - min) * 0.1, fabs (max) * 1e-3);
      if (headroom == 0.0)
        headroom = 1.0;
      chart->lo = min >= 0.0 ? MAX (0.0, min - headroom) : min - headroom;
      chart->hi = max + headroom;
    }
  chart->tick = nice_step ((chart->hi - chart->lo) / chart->max_ticks);
  chart->lo = floor (chart->lo / chart->tick + 1e-9) * chart->tick;
  chart->hi = ceil (chart->hi / chart->tick - 1e-9) * chart->tick;
  if (chart->hi <= chart->lo)
    chart->hi = chart->lo + chart->tick;
}

static double
value_y (const Chart *chart,
         double       value)
{
  double t = chart->log ? log10 (value / chart->lo) / log10 (chart->hi / chart->lo)
                        : (value - chart->lo) / (chart->hi - chart->lo);

  return chart->bottom - CLAMP (t, 0.0, 1.0) * (chart->bottom - chart->top);
}

static double
step_x (const Chart *chart,
        double       step)
{
  return chart->left + (chart->right - chart->left) * (step - chart->step_lo)
                       / (chart->step_hi - chart->step_lo);
}

/* The labelled values of a log axis: the powers of ten in it, every second or fifth one when
 * the height takes fewer; over less than two decades the values 1, 2, 5 × 10ⁿ when they
 * fit; and always at least its two ends. */
static void
log_ticks (const Chart *chart,
           GArray      *ticks)
{
  static const double steps[] = { 1.0, 2.0, 5.0 };
  guint n_decades = 0, stride;
  double v;

  if (chart->hi / chart->lo < 100.0)
    {
      for (double p = pow (10.0, floor (log10 (chart->lo))); p <= chart->hi; p *= 10.0)
        for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
          if ((v = steps[k] * p) >= chart->lo * (1 - 1e-9) && v <= chart->hi * (1 + 1e-9))
            g_array_append_val (ticks, v);
      if (ticks->len <= chart->max_ticks)
        return;
      g_array_set_size (ticks, 0);
    }
  for (v = pow (10.0, ceil (log10 (chart->lo) - 1e-9)); v <= chart->hi * (1 + 1e-9); v *= 10.0)
    n_decades++;
  stride = n_decades <= chart->max_ticks ? 1 : (n_decades + chart->max_ticks - 1)
                                                / chart->max_ticks;
  v = pow (10.0, ceil (log10 (chart->lo) - 1e-9));
  for (guint k = 0; k < n_decades; k++, v *= 10.0)
    if (k % stride == 0)
      g_array_append_val (ticks, v);
  if (ticks->len == 0 || g_array_index (ticks, double, 0) > chart->lo * (1 + 1e-9))
    g_array_prepend_val (ticks, chart->lo);
  if (ticks->len < 2)
    g_array_append_val (ticks, chart->hi);
}

/* The labelled values of the vertical axis, bottom first. */
static GArray *
axis_ticks (const Chart *chart)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (double));

  if (chart->log)
    {
      log_ticks (chart, ticks);
      return ticks;
    }
  for (double k = 0; chart->lo + k * chart->tick <= chart->hi * (1 + 1e-9) + 1e-12; k++)
    {
      double v = chart->lo + k * chart->tick;

      if (fabs (v) < chart->tick * 1e-9)
        v = 0.0;
      g_array_append_val (ticks, v);
    }
  return ticks;
}

static double
axis_label_width (cairo_t     *cr,
                  const Chart *chart,
                  GArray      *ticks)
{
  double widest = 0.0;

  for (guint k = 0; k < ticks->len; k++)
    {
      g_autofree char *text = _bp_sparkline_format_loss (g_array_index (ticks, double, k));
      g_autoptr(PangoLayout) layout = _bp_sparkline_text_layout (cr, chart->text_scale, text);
      double w, h;

      _bp_sparkline_text_size (layout, &w, &h);
      widest = MAX (widest, w);
    }
  return widest;
}

static void
stroke_hline (cairo_t     *cr,
              const Chart *chart,
              double       y)
{
  y = floor (y) + 0.5;
  cairo_move_to (cr, chart->left, y);
  cairo_line_to (cr, chart->right, y);
}

/* The grid line and label of every tick, fainter lines at the powers of ten between the
 * labelled ones, and the axes. */
static void
draw_value_axis (cairo_t         *cr,
                 const Chart     *chart,
                 GArray          *ticks,
                 const BpPalette *palette)
{
  BpColor faint = palette->grid;

  cairo_set_line_width (cr, 1.0);
  faint.alpha *= 0.25;
  bp_color_set_source (cr, &faint);
  if (chart->log)
    for (double v = pow (10.0, floor (log10 (chart->lo)) + 1); v < chart->hi * 0.99; v *= 10.0)
      stroke_hline (cr, chart, value_y (chart, v));
  cairo_stroke (cr);
  /* The lines across the plot fainter than the axes, which have the grid's full colour. */
  faint.alpha *= 2.0;
  bp_color_set_source (cr, &faint);
  for (guint k = 1; k < ticks->len; k++)
    stroke_hline (cr, chart, value_y (chart, g_array_index (ticks, double, k)));
  cairo_stroke (cr);
  bp_color_set_source (cr, &palette->grid);
  stroke_hline (cr, chart, chart->bottom);
  cairo_move_to (cr, floor (chart->left) + 0.5, chart->top);
  cairo_line_to (cr, floor (chart->left) + 0.5, chart->bottom);
  cairo_stroke (cr);

  for (guint k = 0; k < ticks->len; k++)
    {
      double v = g_array_index (ticks, double, k);
      g_autofree char *text = _bp_sparkline_format_loss (v);
      g_autoptr(PangoLayout) layout = _bp_sparkline_text_layout (cr, chart->text_scale, text);

      _bp_sparkline_show_text (cr, layout, &palette->dim_text, chart->left - chart->pad,
                               value_y (chart, v), TRUE);
    }
}

/* The epoch of the newest point at or before @step. */
static guint32
epoch_at (const Chart *chart,
          double       step)
{
  guint32 epoch = bp_history_get (chart->history, chart->first)->epoch;

  for (guint i = chart->first; i < chart->n; i++)
    {
      const BpHistoryPoint *p = bp_history_get (chart->history, i);

      if ((double) p->step > step)
        break;
      epoch = p->epoch;
    }
  return epoch;
}

/* Shows @text centred under @x, but inside the plot's width: the row's name is left of it. */
static void
show_centred (cairo_t         *cr,
              const Chart     *chart,
              const BpPalette *palette,
              const char      *text,
              double           x,
              double           y)
{
  g_autoptr(PangoLayout) layout = _bp_sparkline_text_layout (cr, chart->text_scale, text);
  double w, h;

  _bp_sparkline_text_size (layout, &w, &h);
  x = MAX (chart->left, MIN (x - w / 2, chart->right + 2 * chart->pad - w));
  _bp_sparkline_show_text (cr, layout, &palette->dim_text, x, y, FALSE);
}

/* The width of the widest step label, the newest step's. */
static double
step_label_width (cairo_t     *cr,
                  const Chart *chart)
{
  g_autofree char *text = g_strdup_printf ("%.0f", chart->step_hi);
  g_autoptr(PangoLayout) layout = _bp_sparkline_text_layout (cr, chart->text_scale, text);
  double w, h;

  _bp_sparkline_text_size (layout, &w, &h);
  return w;
}

/* Under the plot: the steps at round values as far apart as their labels need, and under
 * them the epoch each belongs to when there is room; the rows are named in the gutter. */
static void
draw_step_axis (cairo_t         *cr,
                const Chart     *chart,
                const BpPalette *palette)
{
  double label_w = step_label_width (cr, chart) + 4 * chart->pad;
  double room = MAX (1.0, floor ((chart->right - chart->left) / label_w));
  double tick = MAX (1.0, nice_step ((chart->step_hi - chart->step_lo) / room));
  double step_y = chart->bottom + chart->pad + chart->line_h / 2;
  double epoch_y = step_y + chart->line_h;
  /* Up to the newest step: a run of one point has its step only, not the axis's end. */
  double last = (double) bp_history_get (chart->history, chart->n - 1)->step;
  g_autoptr(PangoLayout) step_name = NULL;

  for (double s = ceil (chart->step_lo / tick) * tick; s <= last; s += tick)
    {
      double x = step_x (chart, s);
      g_autofree char *text = g_strdup_printf ("%.0f", s);

      bp_color_set_source (cr, &palette->grid);
      cairo_move_to (cr, floor (x) + 0.5, chart->bottom);
      cairo_line_to (cr, floor (x) + 0.5, chart->bottom + chart->pad);
      cairo_stroke (cr);
      show_centred (cr, chart, palette, text, x, step_y);
      if (chart->with_epochs)
        {
          g_autofree char *epoch = g_strdup_printf ("%u", epoch_at (chart, s));

          show_centred (cr, chart, palette, epoch, x, epoch_y);
        }
    }
  /* Translators: names the row of step numbers under the train and test loss chart */
  step_name = _bp_sparkline_text_layout (cr, chart->text_scale, C_("loss chart axis", "step"));
  _bp_sparkline_show_text (cr, step_name, &palette->dim_text, chart->left - chart->pad, step_y,
                           TRUE);
  if (chart->with_epochs)
    {
      /* Translators: names the row of epoch numbers under the train and test loss chart */
      g_autoptr(PangoLayout) epoch_name =
        _bp_sparkline_text_layout (cr, chart->text_scale, C_("loss chart axis", "epoch"));

      _bp_sparkline_show_text (cr, epoch_name, &palette->dim_text, chart->left - chart->pad,
                               epoch_y, TRUE);
    }
}


/* One curve, broken where a value has no place on the axis (not finite, or not above zero
 * on a log axis) so that a gap is never drawn as a slope, with a dot at its newest point. */
static void
draw_curve (cairo_t         *cr,
            const Chart     *chart,
            const BpPalette *palette,
            Curve            curve)
{
  gboolean drawing = FALSE;
  double last_x = 0.0, last_y = 0.0;
  gboolean any = FALSE;

  cairo_new_path (cr);
  for (guint i = chart->first; i < chart->n; i++)
    {
      const BpHistoryPoint *p = bp_history_get (chart->history, i);
      double v = _bp_sparkline_curve_value (p, curve);

      if (!plottable (chart, v))
        {
          drawing = FALSE;
          continue;
        }
      last_x = step_x (chart, (double) p->step);
      last_y = value_y (chart, v);
      if (drawing)
        cairo_line_to (cr, last_x, last_y);
      else
        cairo_move_to (cr, last_x, last_y);
      drawing = any = TRUE;
    }
  _bp_sparkline_set_curve_style (cr, chart, palette, curve);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0.0);
  if (any)
    {
      cairo_arc (cr, last_x, last_y, 3.5 * chart->text_scale, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}


/* The legend's lines: each curve's loss, and its accuracy when there is room. */
static guint
legend_rows (const Chart *chart,
             int          height)
{
  guint curves = chart->has_test ? 2 : 1;
  gboolean accuracies = chart->classification
                        && height >= 4 * chart->line_h + 2 * chart->pad;

  return accuracies ? 2 * curves : curves;
}

/* Places the plot between @top and the steps (and epochs, when the plot keeps at least five
 * lines of height), the axis labels at the left and the legend's @legend_w at the right.
 * Returns FALSE when there is no room for a plot. */
static gboolean
place (cairo_t      *cr,
       Chart        *chart,
       double        top,
       double        legend_w,
       int           width,
       int           height,
       gboolean      log_scale,
       GArray      **ticks)
{
  g_autoptr(PangoLayout) epoch = _bp_sparkline_text_layout (cr, chart->text_scale,
                                                            C_("loss chart axis", "epoch"));
  g_autoptr(PangoLayout) step = _bp_sparkline_text_layout (cr, chart->text_scale,
                                                           C_("loss chart axis", "step"));
  double epoch_w, step_w, h, gutter, ghosts_w;

  g_clear_pointer (ticks, g_array_unref);
  chart->top = round (top);
  chart->bottom = round (height - 2 * chart->pad - 2 * chart->line_h);
  chart->with_epochs = chart->bottom - chart->top >= 5 * chart->line_h;
  if (!chart->with_epochs)
    chart->bottom = round (height - 2 * chart->pad - chart->line_h);
  if (chart->bottom - chart->top < 2 * chart->line_h)
    return FALSE;

  fit_axis (chart, log_scale);
  _bp_sparkline_ghosts_clear (chart->marks);
  if (chart->n_ghosts > 0)
    _bp_sparkline_ghosts_place (chart->marks, chart->ghosts, chart->n_ghosts, chart->lo,
                                chart->hi, chart->log);
  ghosts_w = _bp_sparkline_ghosts_width (cr, chart->marks, chart->text_scale);
  *ticks = axis_ticks (chart);
  _bp_sparkline_text_size (epoch, &epoch_w, &h);
  _bp_sparkline_text_size (step, &step_w, &h);
  gutter = MAX (axis_label_width (cr, chart, *ticks), step_w);
  if (chart->with_epochs)
    gutter = MAX (gutter, epoch_w);
  chart->left = round (2 * chart->pad + gutter);
  chart->right = round (width - 5 * chart->pad - legend_w - ghosts_w);
  return chart->right - chart->left >= MIN_PLOT_WIDTH * chart->text_scale;
}

/* Places the plot with the legend at the right; in a chart too narrow for both side by side
 * (the plot would keep less than half the width) but tall enough, the legend goes over the
 * plot. Returns FALSE when there is no room for a plot. */
static gboolean
lay_out (cairo_t      *cr,
         Chart        *chart,
         const Legend *legend,
         int           width,
         int           height,
         gboolean      log_scale,
         GArray      **ticks)
{
  double top = chart->pad + chart->line_h / 2;
  double above = legend_rows (chart, height) * chart->line_h + chart->pad;
  gboolean fits = place (cr, chart, top, _bp_sparkline_legend_width (legend, chart), width,
                         height, log_scale, ticks);

  chart->legend_above = FALSE;
  if (fits && chart->right - chart->left >= 0.5 * width)
    return TRUE;
  if (height - above < 8 * chart->line_h)
    return fits;
  chart->legend_above = TRUE;
  return place (cr, chart, top + above, -3 * chart->pad, width, height, log_scale, ticks);
}

static double
chart_value_y (gconstpointer chart,
               double        value)
{
  return value_y (chart, value);
}

/* The ghosts at the next step, right of the train curve's newest point, linked to it. */
static void
draw_ghosts (cairo_t         *cr,
             const Chart     *chart,
             const BpPalette *palette)
{
  for (guint i = chart->n; i-- > chart->first;)
    {
      const BpHistoryPoint *p = bp_history_get (chart->history, i);

      if (chart->marks->n > 0 && plottable (chart, p->loss))
        {
          _bp_sparkline_draw_ghosts (cr, chart->marks, step_x (chart, (double) p->step),
                                     value_y (chart, p->loss), chart->right, chart->top,
                                     chart->bottom, chart_value_y, chart, palette,
                                     chart->text_scale);
          return;
        }
    }
}

static void
draw_chart (cairo_t         *cr,
            int              width,
            int              height,
            Chart           *chart,
            const BpPalette *palette,
            gboolean         log_scale)
{
  g_autoptr(GArray) ticks = NULL;
  Legend legend = { 0 };
  g_autofree char *message = NULL;

  _bp_sparkline_legend_init (&legend, cr, chart);
  if (chart->n_ghosts > 0 && !lay_out (cr, chart, &legend, width, height, log_scale, &ticks))
    chart->n_ghosts = 0;  /* no room for the ghosts: the chart without them */
  if (!lay_out (cr, chart, &legend, width, height, log_scale, &ticks))
    {
      /* Too small for a plot: the numbers alone still say what matters. */
      message = g_strdup_printf ("%s · %s", pango_layout_get_text (legend.loss[CURVE_TRAIN]),
                                 pango_layout_get_text (legend.loss[CURVE_TEST]));
      _bp_sparkline_draw_message (cr, width, height, palette, chart->text_scale, message);
      _bp_sparkline_legend_clear (&legend);
      return;
    }
  draw_value_axis (cr, chart, ticks, palette);
  draw_step_axis (cr, chart, palette);
  cairo_save (cr);
  cairo_rectangle (cr, chart->left - 4 * chart->text_scale, 0,
                   chart->right - chart->left + 8 * chart->text_scale, height);
  cairo_clip (cr);
  draw_curve (cr, chart, palette, CURVE_TEST);
  draw_curve (cr, chart, palette, CURVE_TRAIN);
  cairo_restore (cr);
  draw_ghosts (cr, chart, palette);
  _bp_sparkline_draw_legend (cr, chart, &legend, palette,
                             chart->legend_above
                             ? chart->left
                             : width - 2 * chart->pad - _bp_sparkline_legend_width (&legend,
                                                                                   chart),
                             height);
  _bp_sparkline_legend_clear (&legend);
}

/* Whether any point of the run has an accuracy (a classification dataset), and a test loss. */
static void
find_contents (Chart *chart)
{
  for (guint i = chart->first; i < chart->n; i++)
    {
      const BpHistoryPoint *p = bp_history_get (chart->history, i);

      chart->classification |= isfinite (p->train_accuracy);
      chart->has_test |= isfinite (p->test_loss);
    }
}

/**
 * bp_sparkline_draw_dataset:
 * @cr: a Cairo context
 * @width: the width to fill, in device units
 * @height: the height to fill
 * @history: (nullable): the points to draw, recorded in dataset mode, or %NULL for none
 * @palette: the colours
 * @text_scale: 1 for 11 px text; the system's large-text factor times any zoom
 * @log_scale: a log10 axis with ticks at powers of ten (losses at or below zero are left
 *   out; with none above zero the axis stays linear), else a linear one from zero
 *
 * Draws the train loss (solid, in the palette's loss colour) and the test loss (dashed, in
 * its blue) of the current run (the points since the last reset) over the steps, each point
 * at its step, with labelled ticks on both axes, the epochs under the steps where the height
 * allows, and a legend at the right end with each curve's current loss and, for
 * classification, accuracy. Without any point "No steps yet" stands in for the chart.
 */
void
bp_sparkline_draw_dataset (cairo_t         *cr,
                           int              width,
                           int              height,
                           const BpHistory *history,
                           const BpPalette *palette,
                           double           text_scale,
                           gboolean         log_scale)
{
  bp_sparkline_draw_dataset_ghosts (cr, width, height, history, palette, text_scale, log_scale,
                                    NULL, 0);
}

/**
 * bp_sparkline_draw_dataset_ghosts:
 * @cr: a Cairo context
 * @width: the width to fill, in device units
 * @height: the height to fill
 * @history: (nullable): the points to draw, recorded in dataset mode, or %NULL for none
 * @palette: the colours
 * @text_scale: 1 for 11 px text; the system's large-text factor times any zoom
 * @log_scale: as bp_sparkline_draw_dataset() takes it
 * @ghosts: (array length=n_ghosts) (nullable): learning-rate ghosts of the train loss
 * @n_ghosts: how many, at most %BP_SPARKLINE_MAX_GHOSTS
 *
 * bp_sparkline_draw_dataset() with the ghosts at the next step right of the train curve, as
 * bp_sparkline_draw_history_ghosts() draws them.
 */
void
bp_sparkline_draw_dataset_ghosts (cairo_t         *cr,
                                  int              width,
                                  int              height,
                                  const BpHistory *history,
                                  const BpPalette *palette,
                                  double           text_scale,
                                  gboolean         log_scale,
                                  const BpGhost   *ghosts,
                                  guint            n_ghosts)
{
  guint n = history != NULL ? bp_history_get_length (history) : 0;
  GhostMarks marks = { 0 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (n_ghosts <= BP_SPARKLINE_MAX_GHOSTS);

  if (!(text_scale > 0.0) || !isfinite (text_scale))
    text_scale = 1.0;

  cairo_save (cr);
  bp_color_set_source (cr, &palette->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  if (n == 0)
    _bp_sparkline_draw_message (cr, width, height, palette, text_scale, _("No steps yet"));
  else
    {
      g_autoptr(PangoLayout) probe = _bp_sparkline_text_layout (cr, text_scale, "0");
      Chart chart = {
        .history = history,
        .first = _bp_sparkline_run_start (history),
        .n = n,
        .text_scale = text_scale,
        .pad = round (3.0 * text_scale),
        .ghosts = ghosts,
        .n_ghosts = ghosts != NULL ? n_ghosts : 0,
        .marks = &marks,
      };
      double w;

      _bp_sparkline_text_size (probe, &w, &chart.line_h);
      find_contents (&chart);
      chart.step_lo = (double) bp_history_get (history, chart.first)->step;
      chart.step_hi = MAX ((double) bp_history_get (history, n - 1)->step, chart.step_lo + 1.0);
      draw_chart (cr, width, height, &chart, palette, log_scale);
      _bp_sparkline_ghosts_clear (&marks);
    }
  cairo_restore (cr);
}
