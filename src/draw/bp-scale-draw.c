/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-scale-draw.c: the Scale page's plot. Above, the time per pass against the parameters on
 * log–log axes: forward as a solid line through filled circles, backward as a dashed line
 * through open squares, so the two are told apart without their colours. Below, on a linear
 * axis, backward ÷ forward through diamonds, over a band at 1 to 3: what the guide claims.
 * The parameter axis spans the whole measurement from the start, so the rows fill it in as
 * they come; only the time axis grows with them. */
#define G_LOG_DOMAIN "bp-draw"

#include "config.h"

#include "bp-scale-draw.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-draw-text.h"

#define FONT_PX 13.0

typedef struct {
  double x, y, w, h;
} Box;

static gboolean
row_plottable (const BpScaleRow *row)
{
  return row->params > 0 && isfinite (row->forward_ns) && row->forward_ns > 0
         && isfinite (row->backward_ns) && row->backward_ns > 0;
}

/**
 * bp_scale_row_ratio:
 * @row: a measured row
 *
 * Returns: backward_ns / forward_ns, or NaN for a row without two positive finite times
 */
double
bp_scale_row_ratio (const BpScaleRow *row)
{
  g_return_val_if_fail (row != NULL, NAN);
  return row_plottable (row) ? row->backward_ns / row->forward_ns : NAN;
}

/**
 * bp_scale_axes_fit:
 * @rows: the rows measured so far
 * @n_rows: how many
 * @max_params: the bound of the measurement, which the parameter axis reaches from the start
 * @axes: (out): the axes
 *
 * The parameter axis runs from 1 to the power of ten at or above @max_params; the time axis
 * over the powers of ten around every time (10 ns to 10 µs while there is none); the ratio
 * axis from 0 to 4, or to the whole number above the largest ratio (times 1.1).
 */
void
bp_scale_axes_fit (const BpScaleRow *rows,
                   guint             n_rows,
                   guint64           max_params,
                   BpScaleAxes      *axes)
{
  double low = INFINITY, high = -INFINITY;

  g_return_if_fail (axes != NULL);

  axes->params_low = 0;
  axes->params_high = MAX (1, (int) ceil (log10 ((double) MAX (max_params, 10)) - 1e-9));
  axes->ratio_high = 4.0;
  for (guint i = 0; i < n_rows; i++)
    if (row_plottable (&rows[i]))
      {
        low = MIN (low, MIN (rows[i].forward_ns, rows[i].backward_ns));
        high = MAX (high, MAX (rows[i].forward_ns, rows[i].backward_ns));
        axes->ratio_high = MAX (axes->ratio_high, ceil (bp_scale_row_ratio (&rows[i]) * 1.1));
        axes->params_high = MAX (axes->params_high,
                                 (int) ceil (log10 ((double) rows[i].params) - 1e-9));
      }
  if (low > high)
    {
      axes->time_low = 1;
      axes->time_high = 4;
      return;
    }
  axes->time_low = (int) floor (log10 (low));
  axes->time_high = (int) ceil (log10 (high));
  if (axes->time_high <= axes->time_low)
    axes->time_high = axes->time_low + 1;
}

static double
x_of (const Box         *box,
      const BpScaleAxes *axes,
      double             params)
{
  return box->x + (log10 (params) - axes->params_low)
                  / (axes->params_high - axes->params_low) * box->w;
}

static double
y_of_time (const Box         *box,
           const BpScaleAxes *axes,
           double             ns)
{
  return box->y + box->h - (log10 (ns) - axes->time_low)
                           / (axes->time_high - axes->time_low) * box->h;
}

static double
y_of_ratio (const Box         *box,
            const BpScaleAxes *axes,
            double             ratio)
{
  return box->y + box->h - MIN (ratio, axes->ratio_high) / axes->ratio_high * box->h;
}

/* 10^k ns as a person reads it: 10 ns, 100 µs, 1 s. */
static char *
time_label (int k)
{
  static const char * const units[] = { "ns", "µs", "ms", "s" };
  int unit = CLAMP (k / 3, 0, 3);
  double value = pow (10.0, k - 3 * unit);

  return g_strdup_printf ("%g %s", value, units[unit]);
}

/* 10^k as 1, 10, 10², … 10⁷: the same in every language. */
static char *
power_label (int k)
{
  static const char * const superscripts[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };

  if (k <= 1)
    return g_strdup (k == 0 ? "1" : "10");
  return g_strdup_printf ("10%s", superscripts[CLAMP (k, 0, 9)]);
}

static void
show_text (cairo_t       *cr,
           const char    *text,
           double         px,
           const BpColor *color,
           double         x,
           double         y,
           double         xalign,
           double         yalign)
{
  g_autoptr(PangoLayout) layout = bp_draw_text_layout (cr, px, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  bp_color_set_source (cr, color);
  cairo_move_to (cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (cr, layout);
}

typedef enum { MARK_CIRCLE, MARK_SQUARE, MARK_DIAMOND } Mark;

static void
draw_mark (cairo_t       *cr,
           Mark           mark,
           double         x,
           double         y,
           double         r,
           const BpColor *color,
           const BpColor *background)
{
  cairo_new_path (cr);
  if (mark == MARK_CIRCLE)
    cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  else if (mark == MARK_SQUARE)
    cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
  else
    {
      cairo_move_to (cr, x, y - 1.3 * r);
      cairo_line_to (cr, x + 1.3 * r, y);
      cairo_line_to (cr, x, y + 1.3 * r);
      cairo_line_to (cr, x - 1.3 * r, y);
      cairo_close_path (cr);
    }
  /* The backward squares are open: filled with the background, outlined in their colour. */
  bp_color_set_source (cr, mark == MARK_SQUARE ? background : color);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, color);
  cairo_stroke (cr);
}

static void
set_line (cairo_t *cr,
          double   width,
          gboolean dashed)
{
  double dashes[] = { 3 * width, 2 * width };

  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, dashes, dashed ? 2 : 0, 0);
}

/* The series of one time of every row (backward or forward), or of their ratio. */
typedef enum { SERIES_FORWARD, SERIES_BACKWARD, SERIES_RATIO } Series;

static gboolean
series_point (const Box         *box,
              const BpScaleAxes *axes,
              const BpScaleRow  *row,
              Series             series,
              double            *x,
              double            *y)
{
  if (!row_plottable (row))
    return FALSE;
  *x = x_of (box, axes, (double) row->params);
  if (series == SERIES_RATIO)
    *y = y_of_ratio (box, axes, bp_scale_row_ratio (row));
  else
    *y = y_of_time (box, axes, series == SERIES_FORWARD ? row->forward_ns : row->backward_ns);
  return TRUE;
}

static void
draw_series (cairo_t           *cr,
             const Box         *box,
             const BpScaleAxes *axes,
             const BpScaleRow  *rows,
             guint              n_rows,
             Series             series,
             const BpColor     *color,
             const BpPalette   *palette,
             double             s)
{
  static const Mark marks[] = { MARK_CIRCLE, MARK_SQUARE, MARK_DIAMOND };
  double x, y;
  gboolean started = FALSE;

  cairo_new_path (cr);
  for (guint i = 0; i < n_rows; i++)
    if (series_point (box, axes, &rows[i], series, &x, &y))
      {
        if (started)
          cairo_line_to (cr, x, y);
        else
          cairo_move_to (cr, x, y);
        started = TRUE;
      }
  bp_color_set_source (cr, color);
  set_line (cr, 2 * s, series == SERIES_BACKWARD);
  cairo_stroke (cr);
  set_line (cr, 1.5 * s, FALSE);
  for (guint i = 0; i < n_rows; i++)
    if (series_point (box, axes, &rows[i], series, &x, &y))
      draw_mark (cr, marks[series], x, y, 3.5 * s, color, &palette->background);
}

/* The vertical grid of both panels at every power of ten of the parameters. */
static void
draw_params_grid (cairo_t           *cr,
                  const Box         *box,
                  const BpScaleAxes *axes,
                  const BpPalette   *palette,
                  double             s)
{
  bp_color_set_source (cr, &palette->grid);
  set_line (cr, s, FALSE);
  for (int k = axes->params_low; k <= axes->params_high; k++)
    {
      double x = x_of (box, axes, pow (10.0, k));

      cairo_move_to (cr, x, box->y);
      cairo_line_to (cr, x, box->y + box->h);
    }
  cairo_stroke (cr);
  cairo_rectangle (cr, box->x, box->y, box->w, box->h);
  cairo_stroke (cr);
}

static void
draw_time_panel (cairo_t           *cr,
                 const Box         *box,
                 const BpScaleAxes *axes,
                 const BpScaleRow  *rows,
                 guint              n_rows,
                 const BpPalette   *palette,
                 double             s)
{
  double px = FONT_PX * s;
  double decade = box->h / (axes->time_high - axes->time_low);
  /* Every decade has its line; a short panel labels every second or third. */
  int every = MAX (1, (int) ceil (1.3 * px / MAX (decade, 1.0)));

  draw_params_grid (cr, box, axes, palette, s);
  for (int k = axes->time_low; k <= axes->time_high; k++)
    {
      double y = y_of_time (box, axes, pow (10.0, k));
      g_autofree char *label = time_label (k);

      bp_color_set_source (cr, &palette->grid);
      cairo_move_to (cr, box->x, y);
      cairo_line_to (cr, box->x + box->w, y);
      cairo_stroke (cr);
      if ((k - axes->time_low) % every == 0)
        show_text (cr, label, px, &palette->dim_text, box->x - 6 * s, y, 1.0, 0.5);
    }
  draw_series (cr, box, axes, rows, n_rows, SERIES_FORWARD, &palette->pulse, palette, s);
  draw_series (cr, box, axes, rows, n_rows, SERIES_BACKWARD, &palette->wave, palette, s);
  if (n_rows == 0)
    show_text (cr, _("No sizes measured yet"), px, &palette->dim_text,
               box->x + box->w / 2, box->y + box->h / 2, 0.5, 0.5);
}

static void
draw_ratio_panel (cairo_t           *cr,
                  const Box         *box,
                  const BpScaleAxes *axes,
                  const BpScaleRow  *rows,
                  guint              n_rows,
                  const BpPalette   *palette,
                  double             s)
{
  double px = FONT_PX * s;
  double band_top = y_of_ratio (box, axes, BP_SCALE_CLAIM_HIGH);
  double band_bottom = y_of_ratio (box, axes, BP_SCALE_CLAIM_LOW);
  guint step = axes->ratio_high > 10 ? (guint) ceil (axes->ratio_high / 5) : 1;

  cairo_rectangle (cr, box->x, band_top, box->w, band_bottom - band_top);
  cairo_set_source_rgba (cr, palette->selection.red, palette->selection.green,
                         palette->selection.blue, 0.18);
  cairo_fill (cr);
  /* Translators: the band of the ratio backward ÷ forward that the guide claims */
  /* At the left, over the smallest networks, whose ratio is far from the band. */
  show_text (cr, _("The guide’s claim: 1 to 3"), px, &palette->dim_text,
             box->x + 6 * s, band_top + 3 * s, 0.0, 0.0);
  draw_params_grid (cr, box, axes, palette, s);
  for (guint r = 0; r <= axes->ratio_high; r += step)
    {
      double y = y_of_ratio (box, axes, r);
      char label[16];

      g_snprintf (label, sizeof label, "%u", r);
      bp_color_set_source (cr, &palette->grid);
      cairo_move_to (cr, box->x, y);
      cairo_line_to (cr, box->x + box->w, y);
      cairo_stroke (cr);
      show_text (cr, label, px, &palette->dim_text, box->x - 6 * s, y, 1.0, 0.5);
    }
  draw_series (cr, box, axes, rows, n_rows, SERIES_RATIO, &palette->loss, palette, s);
  for (int k = axes->params_low; k <= axes->params_high; k++)
    {
      g_autofree char *label = power_label (k);

      show_text (cr, label, px, &palette->dim_text, x_of (box, axes, pow (10.0, k)),
                 box->y + box->h + 4 * s, 0.5, 0.0);
    }
}

/* A legend entry: a short line through a mark, then its text; returns its right end. */
static double
draw_key (cairo_t         *cr,
          double           x,
          double           y,
          Series           series,
          const BpColor   *color,
          const char      *text,
          const BpPalette *palette,
          double           s)
{
  static const Mark marks[] = { MARK_CIRCLE, MARK_SQUARE, MARK_DIAMOND };
  double px = FONT_PX * s;

  bp_color_set_source (cr, color);
  set_line (cr, 2 * s, series == SERIES_BACKWARD);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + 28 * s, y);
  cairo_stroke (cr);
  set_line (cr, 1.5 * s, FALSE);
  draw_mark (cr, marks[series], x + 14 * s, y, 3.5 * s, color, &palette->background);
  show_text (cr, text, px, &palette->text, x + 34 * s, y, 0.0, 0.5);
  return x + 34 * s + bp_draw_text_width (cr, px, text) + 20 * s;
}

/**
 * bp_scale_draw:
 * @cr: where to draw
 * @width: the width in pixels
 * @height: the height
 * @rows: the rows measured so far, by growing parameters
 * @n_rows: how many
 * @max_params: the bound of the measurement, the end of the parameter axis
 * @palette: the colours
 * @text_scale: the factor of the text and the lines (1 at the normal size)
 *
 * Draws the two panels with their legends and axes on the palette's background.
 */
void
bp_scale_draw (cairo_t          *cr,
               int               width,
               int               height,
               const BpScaleRow *rows,
               guint             n_rows,
               guint64           max_params,
               const BpPalette  *palette,
               double            text_scale)
{
  double s = text_scale, px = FONT_PX * text_scale, line = px * 1.7, margin = 12 * s;
  g_autofree char *widest = time_label (5);
  double left = margin + bp_draw_text_width (cr, px, widest) + 10 * s;
  double plots, x;
  BpScaleAxes axes;
  Box top, bottom;

  g_return_if_fail (cr != NULL && palette != NULL);
  g_return_if_fail (rows != NULL || n_rows == 0);

  bp_scale_axes_fit (rows, n_rows, max_params, &axes);
  bp_color_set_source (cr, &palette->background);
  cairo_paint (cr);
  cairo_save (cr);
  plots = MAX (height - 2 * margin - 4 * line, 20.0);
  top = (Box) { left, margin + line, MAX (width - left - 2 * margin, 20.0), plots * 0.6 };
  bottom = top;
  bottom.y = top.y + top.h + line;
  bottom.h = plots - top.h;
  x = draw_key (cr, left, margin + line / 2, SERIES_FORWARD, &palette->pulse,
                /* Translators: the legend of the plot's line of forward times */
                _("Forward pass"), palette, s);
  x = draw_key (cr, x, margin + line / 2, SERIES_BACKWARD, &palette->wave,
                _("Backward pass"), palette, s);
  /* Translators: the title of the plot's time axis */
  show_text (cr, _("time per pass"), px, &palette->dim_text, x, margin + line / 2, 0.0, 0.5);
  draw_time_panel (cr, &top, &axes, rows, n_rows, palette, s);
  draw_key (cr, left, top.y + top.h + line / 2, SERIES_RATIO, &palette->loss,
            /* Translators: the legend of the plot's line of ratios of the two times */
            _("Backward ÷ forward"), palette, s);
  draw_ratio_panel (cr, &bottom, &axes, rows, n_rows, palette, s);
  /* Translators: the title of the plot's horizontal axis, which is logarithmic */
  show_text (cr, _("Parameters (weights and biases), logarithmic scale"), px, &palette->text,
             bottom.x + bottom.w / 2, bottom.y + bottom.h + line + 2 * s, 0.5, 0.0);
  cairo_restore (cr);
}

/**
 * bp_scale_describe:
 * @rows: the rows measured so far
 * @n_rows: how many
 *
 * Returns: (transfer full): what the plot shows, in a sentence, for a screen reader
 */
char *
bp_scale_describe (const BpScaleRow *rows,
                   guint             n_rows)
{
  double low = INFINITY, high = -INFINITY;
  char first[32], last[32];
  guint n = 0;

  for (guint i = 0; i < n_rows; i++)
    if (row_plottable (&rows[i]))
      {
        low = MIN (low, bp_scale_row_ratio (&rows[i]));
        high = MAX (high, bp_scale_row_ratio (&rows[i]));
        n++;
      }
  if (n == 0)
    return g_strdup (_("No sizes measured yet"));
  g_snprintf (first, sizeof first, "%" G_GUINT64_FORMAT, rows[0].params);
  g_snprintf (last, sizeof last, "%" G_GUINT64_FORMAT, rows[n_rows - 1].params);
  return g_strdup_printf (
    /* Translators: the first number counts networks, the two %s are numbers of parameters,
     * the last two numbers the smallest and the largest ratio of the two times */
    ngettext ("Forward and backward time per pass of %u network, from %s to %s parameters; "
              "the backward pass took %.2f to %.2f times as long as the forward pass",
              "Forward and backward time per pass of %u networks, from %s to %s parameters; "
              "the backward pass took %.2f to %.2f times as long as the forward pass", n),
    n, first, last, low, high);
}
