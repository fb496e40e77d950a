/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-landscape-draw.c: the picture of a loss landscape. The loss maps to colour over the
 * slice's own range, from the lowest loss (the palette's deep "high" heat colour: valleys) to
 * the highest (its neutral middle), in BP_LANDSCAPE_BANDS equal bands, on a log scale where
 * the range spans two decades or more; the colour bar beside the map says which values each
 * band holds, and "log" or "linear", so a redraw after training never changes what a colour
 * means without the bar saying so. A range too narrow to show (below 1e-9 relative) is drawn
 * in one colour and said to be flat rather than stretched. The arrow is −∇ scaled by a round
 * factor written under the map. */
#define G_LOG_DOMAIN "bp-draw"

#include "config.h"

#include "bp-landscape-draw.h"

#include "bp-draw-text.h"
#include "bp-format.h"

#include <glib/gi18n.h>
#include <math.h>

#define FONT_PX 12.0
#define BAR_WIDTH 12.0
/* The filled map is an image of at most this many pixels on a side, scaled to the plot. */
#define MAX_IMAGE 480

typedef struct {
  double left, top, size;   /* the square map's area */
  double x0, y0, span;      /* the weights' values at its centre, and its half-width */
} Frame;

/**
 * bp_landscape_scale_of:
 * @slice: a slice
 * @scale: (out caller-allocates): its colour scale
 */
void
bp_landscape_scale_of (const BpLandscapeSlice *slice,
                       BpLandscapeScale       *scale)
{
  *scale = (BpLandscapeScale) { INFINITY, -INFINITY, FALSE, FALSE, 0 };
  for (guint k = 0; k < slice->grid * slice->grid; k++)
    if (isfinite (slice->values[k]))
      {
        scale->lo = fmin (scale->lo, slice->values[k]);
        scale->hi = fmax (scale->hi, slice->values[k]);
      }
    else
      scale->n_missing++;
  if (!isfinite (scale->lo))
    {
      /* No finite loss: the bar says "—", not a value. */
      scale->lo = scale->hi = NAN;
      scale->flat = TRUE;
      return;
    }
  scale->flat = scale->hi - scale->lo <= 1e-9 * fmax (fabs (scale->hi), 1e-300);
  scale->log = !scale->flat && scale->lo > 0.0 && scale->hi / scale->lo >= 100.0;
}

/* Where @loss lies on the scale, 0 (lo) to 1 (hi); NaN for a missing value. */
double
bp_landscape_scale_fraction (const BpLandscapeScale *scale,
                             double                  loss)
{
  double t;

  if (!isfinite (loss))
    return NAN;
  if (scale->flat)
    return 0.5;
  if (scale->log)
    t = (log (loss) - log (scale->lo)) / (log (scale->hi) - log (scale->lo));
  else
    t = (loss - scale->lo) / (scale->hi - scale->lo);
  return CLAMP (t, 0.0, 1.0);
}

/* The loss at @fraction of the scale. */
double
bp_landscape_scale_value (const BpLandscapeScale *scale,
                          double                  fraction)
{
  if (scale->flat)
    return scale->lo;
  if (scale->log)
    return exp (log (scale->lo) + fraction * (log (scale->hi) - log (scale->lo)));
  return scale->lo + fraction * (scale->hi - scale->lo);
}

/**
 * bp_landscape_arrow_factor:
 * @slice: a slice
 *
 * The arrow is −∇ times this: 1, 2 or 5 times a power of ten, the largest that keeps it
 * within half the span.
 *
 * Returns: the factor, or 0 when the gradient is 0 or not finite
 */
double
bp_landscape_arrow_factor (const BpLandscapeSlice *slice)
{
  double norm = hypot (slice->gradient[0], slice->gradient[1]);
  double most, decade;

  if (!isfinite (norm) || norm == 0.0)
    return 0.0;
  most = 0.5 * slice->span / norm;
  decade = pow (10.0, floor (log10 (most)));
  if (5.0 * decade <= most)
    return 5.0 * decade;
  if (2.0 * decade <= most)
    return 2.0 * decade;
  return decade;
}

/* The colour of a fraction of the scale, quantised to its band. */
static BpColor
band_color (const BpPalette *palette,
            double           t)
{
  guint band = MIN ((guint) (t * BP_LANDSCAPE_BANDS), BP_LANDSCAPE_BANDS - 1);
  double u = (band + 0.5) / BP_LANDSCAPE_BANDS;
  const BpColor *a = &palette->heat_high;
  const BpColor *b = &palette->heat_middle;

  return (BpColor) { a->red + u * (b->red - a->red), a->green + u * (b->green - a->green),
                     a->blue + u * (b->blue - a->blue), 1.0 };
}

static double
fraction_at (const BpLandscapeSlice *slice,
             const BpLandscapeScale *scale,
             guint                   i,
             guint                   j)
{
  return bp_landscape_scale_fraction (scale, slice->values[(gsize) i * slice->grid + j]);
}

/* The fraction at grid coordinates (u, v), bilinear between the four points around. */
static double
interpolate (const BpLandscapeSlice *slice,
             const BpLandscapeScale *scale,
             double                  u,
             double                  v)
{
  guint i = MIN ((guint) u, slice->grid - 2);
  guint j = MIN ((guint) v, slice->grid - 2);
  double fu = u - i, fv = v - j;
  double a = fraction_at (slice, scale, i, j), b = fraction_at (slice, scale, i + 1, j);
  double c = fraction_at (slice, scale, i, j + 1), d = fraction_at (slice, scale, i + 1, j + 1);

  return (1 - fv) * ((1 - fu) * a + fu * b) + fv * ((1 - fu) * c + fu * d);
}

/* The filled contour map: x is the first weight, y the second, growing upwards. */
static void
draw_fill (cairo_t                *cr,
           const Frame            *f,
           const BpLandscapeSlice *slice,
           const BpLandscapeScale *scale,
           const BpPalette        *palette)
{
  int side = (int) CLAMP (ceil (f->size), 2, MAX_IMAGE);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
  unsigned char *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  double last = slice->grid - 1;

  cairo_surface_flush (image);
  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      {
        double u = (x + 0.5) / side * last;
        double v = (side - y - 0.5) / side * last;
        double t = interpolate (slice, scale, u, v);
        BpColor c = isfinite (t) ? band_color (palette, t) : palette->grid;
        guint32 *pixel = (guint32 *) (data + (gsize) y * stride) + x;

        *pixel = ((guint32) (c.red * 255 + 0.5) << 16) | ((guint32) (c.green * 255 + 0.5) << 8)
                 | (guint32) (c.blue * 255 + 0.5);
      }
  cairo_surface_mark_dirty (image);
  cairo_save (cr);
  cairo_rectangle (cr, f->left, f->top, f->size, f->size);
  cairo_clip (cr);
  cairo_translate (cr, f->left, f->top);
  cairo_scale (cr, f->size / side, f->size / side);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

/* Where a contour level crosses the edge from grid point (i0, j0) to (i1, j1), in pixels. */
static gboolean
crossing (const Frame            *f,
          const BpLandscapeSlice *slice,
          const BpLandscapeScale *scale,
          double                  level,
          guint i0, guint j0, guint i1, guint j1,
          double                 *x,
          double                 *y)
{
  double a = fraction_at (slice, scale, i0, j0), b = fraction_at (slice, scale, i1, j1);
  double s, step = f->size / (slice->grid - 1);

  if (!isfinite (a) || !isfinite (b) || (a < level) == (b < level) || a == b)
    return FALSE;
  s = (level - a) / (b - a);
  *x = f->left + (i0 + s * ((double) i1 - i0)) * step;
  *y = f->top + f->size - (j0 + s * ((double) j1 - j0)) * step;
  return TRUE;
}

/* The contour lines between the bands, by marching squares. */
static void
draw_contours (cairo_t                *cr,
               const Frame            *f,
               const BpLandscapeSlice *slice,
               const BpLandscapeScale *scale,
               const BpPalette        *palette)
{
  if (scale->flat)
    return;
  cairo_save (cr);
  bp_color_set_source (cr, &palette->text);
  cairo_set_line_width (cr, 0.8);
  for (guint b = 1; b < BP_LANDSCAPE_BANDS; b++)
    {
      double level = (double) b / BP_LANDSCAPE_BANDS;

      for (guint i = 0; i + 1 < slice->grid; i++)
        for (guint j = 0; j + 1 < slice->grid; j++)
          {
            double xs[4], ys[4];
            guint n = 0;

            n += crossing (f, slice, scale, level, i, j, i + 1, j, &xs[n], &ys[n]);
            n += crossing (f, slice, scale, level, i + 1, j, i + 1, j + 1, &xs[n], &ys[n]);
            n += crossing (f, slice, scale, level, i + 1, j + 1, i, j + 1, &xs[n], &ys[n]);
            n += crossing (f, slice, scale, level, i, j + 1, i, j, &xs[n], &ys[n]);
            for (guint k = 0; k + 1 < n; k += 2)
              {
                cairo_move_to (cr, xs[k], ys[k]);
                cairo_line_to (cr, xs[k + 1], ys[k + 1]);
              }
          }
    }
  cairo_set_source_rgba (cr, palette->text.red, palette->text.green, palette->text.blue, 0.45);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static double
to_x (const Frame *f,
      double       w)
{
  return f->left + (w - f->x0 + f->span) / (2 * f->span) * f->size;
}

static double
to_y (const Frame *f,
      double       w)
{
  return f->top + f->size - (w - f->y0 + f->span) / (2 * f->span) * f->size;
}

/* The path training took, projected on the slice, clipped to the map. */
static void
draw_path (cairo_t               *cr,
           const Frame           *f,
           const BpLandscapePlot *plot)
{
  if (plot->path_length == 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, f->left, f->top, f->size, f->size);
  cairo_clip (cr);
  for (guint k = 0; k < plot->path_length; k++)
    cairo_line_to (cr, to_x (f, plot->path[2 * k]), to_y (f, plot->path[2 * k + 1]));
  if (plot->has_current)
    cairo_line_to (cr, to_x (f, plot->current[0]), to_y (f, plot->current[1]));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  bp_color_set_source (cr, &plot->palette->background);
  cairo_set_line_width (cr, 3.5);
  cairo_stroke_preserve (cr);
  bp_color_set_source (cr, &plot->palette->text);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The point where the network is, and −∇ from it. */
static void
draw_point (cairo_t               *cr,
            const Frame           *f,
            const BpLandscapePlot *plot,
            double                 factor)
{
  double x, y, dx, dy, length;

  if (!plot->has_current)
    return;
  x = to_x (f, plot->current[0]);
  y = to_y (f, plot->current[1]);
  dx = -plot->slice->gradient[0] * factor / (2 * f->span) * f->size;
  dy = plot->slice->gradient[1] * factor / (2 * f->span) * f->size;
  length = hypot (dx, dy);
  cairo_save (cr);
  cairo_rectangle (cr, f->left, f->top, f->size, f->size);
  cairo_clip (cr);
  if (factor > 0.0 && length > 1.0)
    {
      double ux = dx / length, uy = dy / length, head = MIN (9.0, length / 2);

      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + dx - ux * head * 0.6, y + dy - uy * head * 0.6);
      bp_color_set_source (cr, &plot->palette->background);
      cairo_set_line_width (cr, 5.0);
      cairo_stroke_preserve (cr);
      bp_color_set_source (cr, &plot->palette->rise);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
      cairo_move_to (cr, x + dx, y + dy);
      cairo_line_to (cr, x + dx - ux * head - uy * head * 0.5, y + dy - uy * head + ux * head * 0.5);
      cairo_line_to (cr, x + dx - ux * head + uy * head * 0.5, y + dy - uy * head - ux * head * 0.5);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_arc (cr, x, y, 5.0, 0, 2 * G_PI);
  bp_color_set_source (cr, &plot->palette->rise);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, &plot->palette->background);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static char *
number (double value)
{
  return bp_format_number (value, BP_NUMBER_FORMULA);
}

/* The weights' values at the map's edges and centre. */
static void
draw_axes (cairo_t               *cr,
           const Frame           *f,
           const BpLandscapePlot *plot,
           double                 px)
{
  const BpColor *dim = &plot->palette->dim_text;

  bp_color_set_source (cr, &plot->palette->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, f->left - 0.5, f->top - 0.5, f->size + 1, f->size + 1);
  cairo_stroke (cr);
  for (int k = -1; k <= 1; k++)
    {
      g_autofree char *xv = number (f->x0 + k * f->span);
      g_autofree char *yv = number (f->y0 + k * f->span);
      double x = to_x (f, f->x0 + k * f->span), y = to_y (f, f->y0 + k * f->span);

      bp_draw_text (cr, xv, px, x, f->top + f->size + 3, (k + 1) / 2.0, 0.0, dim);
      bp_draw_text (cr, yv, px, f->left - 4, y, 1.0, (1 - k) / 2.0, dim);
    }
  /* The weights' names: the first along the bottom, the second over the map. */
  bp_draw_text (cr, plot->names[0], px, f->left + f->size, f->top + f->size + 3 + px * 1.4,
                1.0, 0.0, &plot->palette->text);
  bp_draw_text (cr, plot->names[1], px, f->left, f->top - 4, 0.0, 1.0, &plot->palette->text);
}

/* The colour bar: each band's colour and the losses at their edges. */
static void
draw_bar (cairo_t                *cr,
          const Frame            *f,
          const BpLandscapeScale *scale,
          const BpLandscapePlot  *plot,
          double                  px)
{
  double x = f->left + f->size + 10;
  double band_h = f->size / BP_LANDSCAPE_BANDS;

  for (guint b = 0; b < BP_LANDSCAPE_BANDS; b++)
    {
      BpColor c = band_color (plot->palette, (b + 0.5) / BP_LANDSCAPE_BANDS);

      bp_color_set_source (cr, &c);
      cairo_rectangle (cr, x, f->top + f->size - (b + 1) * band_h, BAR_WIDTH, band_h + 0.5);
      cairo_fill (cr);
    }
  for (guint b = 0; b <= BP_LANDSCAPE_BANDS; b += scale->flat ? BP_LANDSCAPE_BANDS : 2)
    {
      double t = (double) b / BP_LANDSCAPE_BANDS;
      g_autofree char *label = number (bp_landscape_scale_value (scale, scale->flat ? 0 : t));
      double y = f->top + f->size - t * f->size;

      if (scale->flat && b > 0)
        break;
      bp_color_set_source (cr, &plot->palette->grid);
      cairo_rectangle (cr, x + BAR_WIDTH, y - 0.5, 3, 1);
      cairo_fill (cr);
      bp_draw_text (cr, label, px, x + BAR_WIDTH + 5, scale->flat ? f->top + f->size / 2 : y,
                    0.0, 0.5, &plot->palette->dim_text);
    }
  /* Translators: over the loss landscape's colour bar: its scale is flat (one value),
   * logarithmic or linear; keep them short */
  bp_draw_text (cr,
                scale->flat ? C_("landscape scale", "flat")
                : scale->log ? C_("landscape scale", "log")
                : C_("landscape scale", "linear"),
                px, x, f->top - 4, 0.0, 1.0, &plot->palette->dim_text);
}

/* Under the map: what the arrow's length means. */
static void
draw_key (cairo_t                *cr,
          const Frame            *f,
          const BpLandscapePlot  *plot,
          double                  factor,
          double                  px)
{
  g_autofree char *text = NULL;

  if (factor > 0.0)
    {
      g_autofree char *k = number (factor);

      /* Translators: under the loss landscape; the arrow is minus the gradient times %s, a
       * number such as 0.5 */
      text = g_strdup_printf (_("Arrow: −∇L × %s"), k);
    }
  else
    /* Translators: under the loss landscape when the gradient is zero or not a number */
    text = g_strdup (_("No arrow: the gradient is 0 or not finite"));
  bp_draw_text (cr, text, px, f->left - px * 3, f->top + f->size + 3 + px * 2.8, 0.0, 0.0,
                &plot->palette->text);
}

static void
draw_message (cairo_t               *cr,
              double                 width,
              double                 height,
              const BpLandscapePlot *plot,
              double                 px)
{
  g_autoptr(PangoLayout) layout = bp_draw_text_layout (cr, px, plot->message ? plot->message
                                                                             : "");
  int w, h;

  pango_layout_set_width (layout, (int) (MAX (width - 24, 10) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &w, &h);
  bp_color_set_source (cr, &plot->palette->dim_text);
  cairo_move_to (cr, 12, round ((height - h) / 2));
  pango_cairo_show_layout (cr, layout);
}

/* The widest of @n labels of values from @first, @step apart. */
static double
widest_label (cairo_t *cr,
              double   px,
              double   first,
              double   step,
              guint    n)
{
  double widest = 0.0;

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *text = number (first + k * step);

      widest = MAX (widest, bp_draw_text_width (cr, px, text));
    }
  return widest;
}

/* The widest label of the colour bar, and of its scale's name over it. */
static double
widest_bar_label (cairo_t                *cr,
                  double                  px,
                  const BpLandscapeScale *scale)
{
  double widest = 0.0;

  for (guint b = 0; b <= BP_LANDSCAPE_BANDS; b += 2)
    {
      g_autofree char *text = number (bp_landscape_scale_value (scale,
                                                               (double) b / BP_LANDSCAPE_BANDS));

      widest = MAX (widest, bp_draw_text_width (cr, px, text));
    }
  return widest;
}

/**
 * bp_landscape_draw:
 * @cr: where to draw
 * @width: the picture's width
 * @height: its height
 * @plot: what to draw
 *
 * Draws the landscape (or, without a slice, the message) over a transparent background.
 */
void
bp_landscape_draw (cairo_t               *cr,
                   double                 width,
                   double                 height,
                   const BpLandscapePlot *plot)
{
  const BpLandscapeSlice *slice = plot->slice;
  double px = FONT_PX * MAX (plot->text_scale, 0.5);
  BpLandscapeScale scale;
  Frame f;
  double left, right, factor;

  g_return_if_fail (cr != NULL && plot != NULL && plot->palette != NULL);

  if (slice == NULL)
    {
      draw_message (cr, width, height, plot, px);
      return;
    }
  bp_landscape_scale_of (slice, &scale);
  left = widest_label (cr, px, slice->centre[1] - slice->span, slice->span, 3) + 6;
  right = 10 + BAR_WIDTH + 5 + widest_bar_label (cr, px, &scale) + 2;
  f.size = MIN (width - left - right, height - px * 1.5 - 8 - px * 4.4);
  f.size = MAX (f.size, 20);
  f.left = left;
  f.top = px * 1.5 + 8;
  f.x0 = slice->centre[0];
  f.y0 = slice->centre[1];
  f.span = slice->span;
  factor = bp_landscape_arrow_factor (slice);
  draw_fill (cr, &f, slice, &scale, plot->palette);
  draw_contours (cr, &f, slice, &scale, plot->palette);
  draw_path (cr, &f, plot);
  draw_point (cr, &f, plot, factor);
  draw_axes (cr, &f, plot, px);
  draw_bar (cr, &f, &scale, plot, px);
  draw_key (cr, &f, plot, factor, px);
}
