/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline-draw.c: the loss per step of the current run (since the last reset) as a
 * small line chart, linear or logarithmic, a plain function of (cairo_t, size, history,
 * palette, text scale, scale) so that the widget, tests and exports call the same code, and
 * its description in words for screen readers. */
#define G_LOG_DOMAIN "bp-sparkline"

#include "config.h"

#include "bp-sparkline-draw.h"
#include "bp-sparkline-draw-private.h"

#include "bp-draw-text.h"
#include "bp-format.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#define LOG_RANGE 100.0   /* the automatic scale turns logarithmic above this max / min */

/* Where the parts of the chart go, in device units. */
typedef struct {
  guint first, n;                    /* the run shown: points first to n − 1 */
  double pad;
  double left, right;                /* the plot area's sides */
  LossAxis axis;                     /* its top and bottom, and the losses there */
  const BpGhost *ghosts;             /* the learning-rate ghosts, or NULL */
  guint n_ghosts;
  double frame_right;                /* the frame's right end: the plot's, or the ghosts' */
  double value_left;                 /* where the current loss is printed */
} Layout;

char *
_bp_sparkline_format_loss (double value)
{
  return bp_format_number (value, BP_NUMBER_FORMULA);
}

PangoLayout *
_bp_sparkline_text_layout (cairo_t    *cr,
                           double      text_scale,
                           const char *text)
{
  return bp_draw_text_layout (cr, BP_SPARKLINE_FONT_PX * text_scale, text);
}

void
_bp_sparkline_text_size (PangoLayout *layout,
                         double      *width,
                         double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

/* Draws @layout with its left edge at @x (or its right edge, if @align_right) and its middle
 * at @y. */
void
_bp_sparkline_show_text (cairo_t       *cr,
                         PangoLayout   *layout,
                         const BpColor *color,
                         double         x,
                         double         y,
                         gboolean       align_right)
{
  double w, h;

  _bp_sparkline_text_size (layout, &w, &h);
  cairo_move_to (cr, align_right ? x - w : x, y - h / 2);
  bp_color_set_source (cr, color);
  pango_cairo_show_layout (cr, layout);
}

/* The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ at or above @value, so the top of the
 * axis reads well. */
static double
nice_ceil (double value)
{
  static const double steps[] = { 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0 };
  double power = pow (10.0, floor (log10 (value)));

  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    if (steps[k] * power >= value * (1 - 1e-12))
      return steps[k] * power;
  return 10.0 * power;
}

/* The newest run: from the last reset (or the oldest point kept) to the newest point. */
guint
_bp_sparkline_run_start (const BpHistory *history)
{
  guint n = bp_history_get_length (history);

  for (guint i = n; i-- > 1;)
    if (bp_history_get (history, i)->after_reset)
      return i;
  return 0;
}

/* The smallest and largest finite loss of the run shown, and the smallest positive one. */
static gboolean
loss_range (const BpHistory *history,
            const Layout    *lay,
            double          *min,
            double          *max,
            double          *min_positive)
{
  gboolean any = FALSE;

  *min = *min_positive = INFINITY;
  *max = -INFINITY;
  for (guint i = lay->first; i < lay->n; i++)
    {
      double loss = bp_history_get (history, i)->loss;

      if (!isfinite (loss))
        continue;
      *min = MIN (*min, loss);
      *max = MAX (*max, loss);
      if (loss > 0.0)
        *min_positive = MIN (*min_positive, loss);
      any = TRUE;
    }
  if (any)
    _bp_sparkline_ghosts_widen (lay->ghosts, lay->n_ghosts, min, max, min_positive);
  return any;
}

/* Starts the axis at zero unless the losses sit far above it and still move: a loss falling
 * from 0.2 to 0.12 would otherwise look nearly flat, while a plateau should look flat. Also
 * the branch chart's rule (bp-timeline-draw.c): the losses from @min to @max, the smallest
 * positive one @min_positive, give @axis a log scale (lo and hi powers of ten) or a linear
 * one. */
void
_bp_sparkline_fit_axis (double            min,
                        double            max,
                        double            min_positive,
                        BpSparklineScale  scale,
                        LossAxis         *axis)
{
  double headroom;

  axis->log = FALSE;
  /* Logarithmic when asked, or automatically once the losses span more than a hundredfold
   * (a linear axis would show the last part of a converging run as a flat line), from the
   * power of ten below the smallest positive loss to the one above the largest. */
  if (max > 0.0 && isfinite (min_positive)
      && (scale == BP_SPARKLINE_SCALE_LOGARITHMIC
          || (scale == BP_SPARKLINE_SCALE_AUTOMATIC && min > 0.0 && max > LOG_RANGE * min)))
    {
      axis->log = TRUE;
      axis->lo = pow (10.0, floor (log10 (min_positive)));
      axis->hi = pow (10.0, ceil (log10 (max)));
      if (axis->hi <= axis->lo)
        axis->hi = axis->lo * 10.0;
      return;
    }
  if (min >= 0.0 && (min <= 0.5 * max || max - min < 0.05 * max))
    {
      axis->lo = 0.0;
      axis->hi = max > 0.0 ? nice_ceil (max * 1.05) : 1.0;
      return;
    }
  headroom = MAX ((max - min) * 0.1, fabs (max) * 1e-3);
  if (headroom == 0.0)
    headroom = 1.0;
  axis->lo = min - headroom;
  axis->hi = max + headroom;
}

/* Where @loss is drawn on @axis: between its bottom and top, on its scale. */
double
_bp_sparkline_axis_y (const LossAxis *axis,
                      double          loss)
{
  double t = axis->log ? (loss > 0.0 ? log10 (loss / axis->lo) / log10 (axis->hi / axis->lo)
                                     : 0.0)
                       : (loss - axis->lo) / (axis->hi - axis->lo);

  return axis->bottom - CLAMP (t, 0.0, 1.0) * (axis->bottom - axis->top);
}

/* The frame of a loss chart from @left to @right: lines at @axis's top and bottom, fainter
 * ones at each power of ten between on a log axis, and the losses at the top and bottom
 * printed @pad left of it. */
void
_bp_sparkline_draw_axis (cairo_t         *cr,
                         const LossAxis  *axis,
                         double           left,
                         double           right,
                         double           pad,
                         const BpPalette *palette,
                         double           text_scale)
{
  g_autofree char *hi_text = _bp_sparkline_format_loss (axis->hi);
  g_autofree char *lo_text = _bp_sparkline_format_loss (axis->lo);
  g_autoptr(PangoLayout) hi = _bp_sparkline_text_layout (cr, text_scale, hi_text);
  g_autoptr(PangoLayout) lo = _bp_sparkline_text_layout (cr, text_scale, lo_text);
  double top = floor (axis->top) + 0.5;
  double bottom = floor (axis->bottom) + 0.5;

  bp_color_set_source (cr, &palette->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, left, top);
  cairo_line_to (cr, right, top);
  cairo_move_to (cr, left, bottom);
  cairo_line_to (cr, right, bottom);
  cairo_stroke (cr);
  if (axis->log)
    {
      /* A fainter line at each power of ten between: evenly spaced, they show the scale. */
      BpColor faint = palette->grid;

      faint.alpha *= 0.5;
      bp_color_set_source (cr, &faint);
      for (double v = axis->lo * 10.0; v < axis->hi * 0.99; v *= 10.0)
        {
          double y = floor (_bp_sparkline_axis_y (axis, v)) + 0.5;

          cairo_move_to (cr, left, y);
          cairo_line_to (cr, right, y);
        }
      cairo_stroke (cr);
    }
  _bp_sparkline_show_text (cr, hi, &palette->dim_text, left - pad, axis->top, TRUE);
  _bp_sparkline_show_text (cr, lo, &palette->dim_text, left - pad, axis->bottom, TRUE);
}

static void
scale_axis (const BpHistory  *history,
            BpSparklineScale  scale,
            Layout           *lay)
{
  double min, max, min_positive;

  lay->axis.log = FALSE;
  if (!loss_range (history, lay, &min, &max, &min_positive))
    {
      lay->axis.lo = 0.0;
      lay->axis.hi = 1.0;
      return;
    }
  _bp_sparkline_fit_axis (min, max, min_positive, scale, &lay->axis);
}

static double
point_x (const Layout *lay,
         guint         index)
{
  /* A run without a step yet is drawn only with ghosts: its point at the right end. */
  if (lay->n - lay->first < 2)
    return lay->right;
  return lay->left + (lay->right - lay->left) * (index - lay->first)
                     / (double) (lay->n - 1 - lay->first);
}

static double
point_y (const Layout *lay,
         double        loss)
{
  return _bp_sparkline_axis_y (&lay->axis, loss);
}

/* The last point of the run with a finite loss, or -1. */
static int
last_finite (const BpHistory *history,
             const Layout    *lay)
{
  for (int i = (int) lay->n - 1; i >= (int) lay->first; i--)
    if (isfinite (bp_history_get (history, i)->loss))
      return i;
  return -1;
}

void
_bp_sparkline_draw_message (cairo_t         *cr,
                            int              width,
                            int              height,
                            const BpPalette *palette,
                            double           text_scale,
                            const char      *message)
{
  g_autoptr(PangoLayout) layout = _bp_sparkline_text_layout (cr, text_scale, message);
  double w, h;

  _bp_sparkline_text_size (layout, &w, &h);
  _bp_sparkline_show_text (cr, layout, &palette->dim_text, MAX (0.0, (width - w) / 2),
                           height / 2.0, FALSE);
}

/* Puts @text centred under @x unless it would overlap what is already there; @taken holds
 * the spans (left, right) used so far. */
static void
place_label (cairo_t         *cr,
             GArray          *taken,
             const Layout    *lay,
             const BpPalette *palette,
             double           text_scale,
             const char      *text,
             double           x,
             double           y)
{
  g_autoptr(PangoLayout) layout = _bp_sparkline_text_layout (cr, text_scale, text);
  double w, h, left, right;

  _bp_sparkline_text_size (layout, &w, &h);
  left = CLAMP (x - w / 2, lay->left, lay->right - w);
  right = left + w;
  for (guint k = 0; k + 1 < taken->len; k += 2)
    if (left < g_array_index (taken, double, k + 1) + lay->pad &&
        right + lay->pad > g_array_index (taken, double, k))
      return;
  g_array_append_val (taken, left);
  g_array_append_val (taken, right);
  _bp_sparkline_show_text (cr, layout, &palette->dim_text, left, y, FALSE);
}

static char *
step_label (const BpHistory *history,
            guint            index)
{
  g_autofree char *step = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                           bp_history_get (history, index)->step);

  /* Translators: a step number under the loss chart */
  return g_strdup_printf (_("step %s"), step);
}

/* Under the chart: the run's newest step at the right end, its first at the left end. */
static void
draw_step_range (cairo_t         *cr,
                 const Layout    *lay,
                 const BpHistory *history,
                 const BpPalette *palette,
                 double           text_scale,
                 double           y)
{
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *last = step_label (history, lay->n - 1);
  g_autofree char *first = step_label (history, lay->first);

  place_label (cr, taken, lay, palette, text_scale, last, lay->right, y);
  if (lay->n - lay->first >= 2)
    place_label (cr, taken, lay, palette, text_scale, first, lay->left, y);
}

/* Adds the loss line as one sub-path per stretch of finite points; a non-finite loss breaks
 * the line, so a jump is never drawn as a slope. */
static void
trace_line (cairo_t         *cr,
            const Layout    *lay,
            const BpHistory *history,
            gboolean         closed)
{
  guint n = lay->n;
  int run_start = -1;
  double run_x = 0.0, last_x = 0.0;

  for (guint i = lay->first; i <= n; i++)
    {
      const BpHistoryPoint *p = i < n ? bp_history_get (history, i) : NULL;
      gboolean breaks = p == NULL || !isfinite (p->loss);

      if (breaks && run_start >= 0)
        {
          if (closed)
            {
              cairo_line_to (cr, last_x, lay->axis.bottom);
              cairo_line_to (cr, run_x, lay->axis.bottom);
              cairo_close_path (cr);
            }
          run_start = -1;
        }
      if (p == NULL || !isfinite (p->loss))
        continue;

      last_x = point_x (lay, i);
      if (run_start < 0)
        {
          run_start = i;
          run_x = last_x;
          cairo_move_to (cr, last_x, point_y (lay, p->loss));
        }
      else
        cairo_line_to (cr, last_x, point_y (lay, p->loss));
    }
}

/* A faint area under the line makes the fall visible at a glance, even from the back of a
 * lecture hall. */
static void
draw_area (cairo_t         *cr,
           const Layout    *lay,
           const BpHistory *history,
           const BpPalette *palette)
{
  BpColor fill = palette->loss;

  fill.alpha *= 0.14;
  trace_line (cr, lay, history, TRUE);
  bp_color_set_source (cr, &fill);
  cairo_fill (cr);
}

static void
draw_line (cairo_t         *cr,
           const Layout    *lay,
           const BpHistory *history,
           const BpPalette *palette,
           double           text_scale)
{
  trace_line (cr, lay, history, FALSE);
  bp_color_set_source (cr, &palette->loss);
  cairo_set_line_width (cr, 2.0 * text_scale);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
}

/* The dot at the newest point and the current loss beside it. */
static void
draw_current (cairo_t         *cr,
              const Layout    *lay,
              const BpHistory *history,
              const BpPalette *palette,
              double           text_scale,
              PangoLayout     *value)
{
  int last = last_finite (history, lay);
  double y = lay->axis.bottom, w, h;

  if (last >= 0)
    {
      double x = point_x (lay, last);

      y = point_y (lay, bp_history_get (history, last)->loss);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 3.5 * text_scale, 0, 2 * G_PI);
      bp_color_set_source (cr, &palette->loss);
      cairo_fill (cr);
    }
  _bp_sparkline_text_size (value, &w, &h);
  y = CLAMP (y, lay->axis.top + h / 2 - lay->pad, lay->axis.bottom - h / 2 + lay->pad);
  _bp_sparkline_show_text (cr, value, &palette->text, lay->value_left, y, FALSE);
}

static PangoLayout *
value_layout (cairo_t         *cr,
              const BpHistory *history,
              double           text_scale)
{
  guint n = bp_history_get_length (history);
  g_autofree char *number = _bp_sparkline_format_loss (bp_history_get (history, n - 1)->loss);
  /* Translators: the current loss printed beside the loss chart */
  g_autofree char *text = g_strdup_printf (_("loss %s"), number);
  PangoLayout *layout = _bp_sparkline_text_layout (cr, text_scale, text);
  PangoAttrList *attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static double
gutter_width (cairo_t      *cr,
              const Layout *lay,
              double        text_scale)
{
  g_autofree char *hi_text = _bp_sparkline_format_loss (lay->axis.hi);
  g_autofree char *lo_text = _bp_sparkline_format_loss (lay->axis.lo);
  g_autoptr(PangoLayout) hi = _bp_sparkline_text_layout (cr, text_scale, hi_text);
  g_autoptr(PangoLayout) lo = _bp_sparkline_text_layout (cr, text_scale, lo_text);
  double hi_w, lo_w, h;

  _bp_sparkline_text_size (hi, &hi_w, &h);
  _bp_sparkline_text_size (lo, &lo_w, &h);
  return MAX (hi_w, lo_w);
}

static double
layout_value_y (gconstpointer lay,
                double        loss)
{
  return point_y (lay, loss);
}

/* The ghosts at the next step, right of the curve's end, linked to its newest point. */
static void
draw_ghosts (cairo_t         *cr,
             const Layout    *lay,
             GhostMarks      *marks,
             const BpHistory *history,
             const BpPalette *palette,
             double           text_scale)
{
  int last = last_finite (history, lay);

  if (marks->n > 0 && last >= 0)
    _bp_sparkline_draw_ghosts (cr, marks, point_x (lay, last),
                               point_y (lay, bp_history_get (history, last)->loss), lay->right,
                               lay->axis.top, lay->axis.bottom, layout_value_y, lay, palette,
                               text_scale);
}

/* Places the plot between the axis labels and the current loss, with the ghosts' column
 * between them when there are any. */
static void
place_plot (cairo_t      *cr,
            Layout       *lay,
            GhostMarks   *marks,
            int           width,
            int           height,
            double        value_w,
            double        line_h,
            double        text_scale)
{
  double ghosts_w;

  _bp_sparkline_ghosts_clear (marks);
  if (lay->n_ghosts > 0)
    _bp_sparkline_ghosts_place (marks, lay->ghosts, lay->n_ghosts, lay->axis.lo, lay->axis.hi,
                                lay->axis.log);
  ghosts_w = _bp_sparkline_ghosts_width (cr, marks, text_scale);
  lay->pad = round (3.0 * text_scale);
  lay->left = lay->pad + gutter_width (cr, lay, text_scale) + lay->pad;
  lay->right = width - 3 * lay->pad - value_w - ghosts_w;
  lay->axis.top = round (lay->pad + line_h / 2);
  lay->axis.bottom = round (height - 2 * lay->pad - line_h);
  lay->frame_right = marks->n > 0 ? lay->right + round (BP_SPARKLINE_GHOST_GAP * text_scale)
                                  : lay->right;
  lay->value_left = lay->right + ghosts_w + 2 * lay->pad;
}

static void
draw_chart (cairo_t          *cr,
            int               width,
            int               height,
            const BpHistory  *history,
            const BpPalette  *palette,
            double            text_scale,
            BpSparklineScale  scale,
            const BpGhost    *ghosts,
            guint             n_ghosts)
{
  g_autoptr(PangoLayout) value = value_layout (cr, history, text_scale);
  Layout lay = {
    .first = _bp_sparkline_run_start (history),
    .n = bp_history_get_length (history),
    .ghosts = ghosts,
    .n_ghosts = ghosts != NULL ? n_ghosts : 0,
  };
  GhostMarks marks = { 0 };
  double value_w, line_h;

  _bp_sparkline_text_size (value, &value_w, &line_h);
  if (lay.n - lay.first >= 2 || lay.n_ghosts > 0)
    {
      scale_axis (history, scale, &lay);
      place_plot (cr, &lay, &marks, width, height, value_w, line_h, text_scale);
      if (lay.n_ghosts > 0 && lay.right - lay.left < 40.0)
        {
          /* No room for the ghosts: the chart without them. */
          lay.n_ghosts = 0;
          scale_axis (history, scale, &lay);
          place_plot (cr, &lay, &marks, width, height, value_w, line_h, text_scale);
        }
    }
  if (lay.n - lay.first < 2 && lay.n_ghosts == 0)
    {
      /* The run has no step yet: the same words as with no history at all, and its loss
       * where the chart would print it. */
      _bp_sparkline_show_text (cr, value, &palette->text,
                               width - 2 * round (3.0 * text_scale) - value_w,
                               height / 2.0, FALSE);
      _bp_sparkline_draw_message (cr, width - value_w, height, palette, text_scale,
                                  _("No steps yet"));
      return;
    }
  if (lay.right - lay.left < 40.0 || lay.axis.bottom - lay.axis.top < 16.0)
    {
      /* Too small for a chart: the number alone still says what matters. */
      _bp_sparkline_draw_message (cr, width, height, palette, text_scale,
                                  pango_layout_get_text (value));
      _bp_sparkline_ghosts_clear (&marks);
      return;
    }

  _bp_sparkline_draw_axis (cr, &lay.axis, lay.left, lay.frame_right, lay.pad, palette,
                           text_scale);
  draw_step_range (cr, &lay, history, palette, text_scale, height - lay.pad - line_h / 2);
  draw_area (cr, &lay, history, palette);
  draw_line (cr, &lay, history, palette, text_scale);
  if (lay.n - lay.first < 2)
    {
      /* Only the ghosts go right of the run's one point: the words of a run without steps
       * stand in the plot. */
      g_autoptr(PangoLayout) words = _bp_sparkline_text_layout (cr, text_scale,
                                                                _("No steps yet"));
      double w, h;

      _bp_sparkline_text_size (words, &w, &h);
      _bp_sparkline_show_text (cr, words, &palette->dim_text,
                               MAX (lay.left, (lay.left + lay.right - w) / 2),
                               (lay.axis.top + lay.axis.bottom) / 2, FALSE);
    }
  draw_ghosts (cr, &lay, &marks, history, palette, text_scale);
  draw_current (cr, &lay, history, palette, text_scale, value);
  _bp_sparkline_ghosts_clear (&marks);
}

/**
 * bp_sparkline_draw_history_scaled:
 * @cr: a Cairo context
 * @width: the width to fill, in device units
 * @height: the height to fill
 * @history: (nullable): the losses to draw, or %NULL for none
 * @palette: the colours
 * @text_scale: 1 for 11 px text; the system's large-text factor times any zoom
 * @scale: linear, logarithmic, or automatic (logarithmic when the run's losses span more
 *   than a hundredfold)
 *
 * Draws the loss per step of the current run (the points since the last reset), its axis
 * fitted to that run, with the current value beside the newest point and the run's first
 * and last step under the chart. Non-finite losses are left out. Before the run's first
 * step "No steps yet" stands in for the chart.
 */
void
bp_sparkline_draw_history_scaled (cairo_t          *cr,
                                  int               width,
                                  int               height,
                                  const BpHistory  *history,
                                  const BpPalette  *palette,
                                  double            text_scale,
                                  BpSparklineScale  scale)
{
  bp_sparkline_draw_history_ghosts (cr, width, height, history, palette, text_scale, scale,
                                    NULL, 0);
}

/**
 * bp_sparkline_draw_history_ghosts:
 * @cr: a Cairo context
 * @width: the width to fill, in device units
 * @height: the height to fill
 * @history: (nullable): the losses to draw, or %NULL for none
 * @palette: the colours
 * @text_scale: 1 for 11 px text; the system's large-text factor times any zoom
 * @scale: as bp_sparkline_draw_history_scaled() takes it
 * @ghosts: (array length=n_ghosts) (nullable): learning-rate ghosts, or %NULL
 * @n_ghosts: how many, at most %BP_SPARKLINE_MAX_GHOSTS
 *
 * bp_sparkline_draw_history_scaled() with the ghosts at the next step beyond the curve's end
 * (bp-sparkline-draw-ghosts.c): a square, a diamond and a triangle for the first three,
 * labelled with their multiple of η, the axis widened to take them in up to a bounded factor.
 */
void
bp_sparkline_draw_history_ghosts (cairo_t          *cr,
                                  int               width,
                                  int               height,
                                  const BpHistory  *history,
                                  const BpPalette  *palette,
                                  double            text_scale,
                                  BpSparklineScale  scale,
                                  const BpGhost    *ghosts,
                                  guint             n_ghosts)
{
  guint n = history != NULL ? bp_history_get_length (history) : 0;

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
    draw_chart (cr, width, height, history, palette, text_scale, scale, ghosts, n_ghosts);
  cairo_restore (cr);
}

/**
 * bp_sparkline_draw_history:
 * @cr: a Cairo context
 * @width: the width to fill, in device units
 * @height: the height to fill
 * @history: (nullable): the losses to draw, or %NULL for none
 * @palette: the colours
 * @text_scale: 1 for 11 px text; the system's large-text factor times any zoom
 *
 * bp_sparkline_draw_history_scaled() with the automatic scale.
 */
void
bp_sparkline_draw_history (cairo_t         *cr,
                           int              width,
                           int              height,
                           const BpHistory *history,
                           const BpPalette *palette,
                           double           text_scale)
{
  bp_sparkline_draw_history_scaled (cr, width, height, history, palette, text_scale,
                                    BP_SPARKLINE_SCALE_AUTOMATIC);
}
