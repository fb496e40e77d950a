/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-gradcheck-draw.c: the plot of a gradient check. The loss is drawn as the engine
 * computed it at each sampled value; the tangent's slope is backprop's ∂L/∂p, so where
 * backprop is right the line touches the curve at the marked point and leaves it only as
 * the curve bends. */
#define G_LOG_DOMAIN "bp-draw"

#include "config.h"

#include "bp-gradcheck-draw.h"

#include "bp-draw-text.h"
#include "bp-format.h"

#include <math.h>

#define FONT_PX 12.0

typedef struct {
  double left, top, width, height;   /* the plot's area */
  double x0, x1, y0, y1;             /* the values at its edges */
} Frame;

static double
to_x (const Frame *f,
      double       x)
{
  return f->left + (x - f->x0) / (f->x1 - f->x0) * f->width;
}

static double
to_y (const Frame *f,
      double       y)
{
  return f->top + (f->y1 - y) / (f->y1 - f->y0) * f->height;
}

/* The loss's range over the curve, with a margin, never empty. */
static void
value_range (const BpProbe *probe,
             double        *lo,
             double        *hi)
{
  double pad;

  *lo = INFINITY;
  *hi = -INFINITY;
  for (guint k = 0; k < probe->n_points; k++)
    if (isfinite (probe->ys[k]))
      {
        *lo = fmin (*lo, probe->ys[k]);
        *hi = fmax (*hi, probe->ys[k]);
      }
  if (!isfinite (*lo))
    {
      *lo = 0.0;
      *hi = 1.0;
    }
  pad = fmax ((*hi - *lo) * 0.08, fmax (fabs (*hi), 1e-12) * 1e-6);
  *lo -= pad;
  *hi += pad;
}

static void
draw_number (cairo_t       *cr,
             double         value,
             double         px,
             double         x,
             double         y,
             double         xalign,
             double         yalign,
             const BpColor *color)
{
  char buf[BP_NUMBER_SIZE];

  bp_format_number_into (value, BP_NUMBER_FORMULA, buf, sizeof buf);
  bp_draw_text (cr, buf, px, x, y, xalign, yalign, color);
}

static void
draw_axes (cairo_t               *cr,
           const Frame           *f,
           const BpGradcheckPlot *plot,
           double                 px)
{
  const BpPalette *pal = plot->palette;
  const BpProbe *probe = plot->probe;
  double bottom = f->top + f->height;
  double cx = to_x (f, probe->value);

  bp_color_set_source (cr, &pal->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, f->left + 0.5, f->top + 0.5, f->width - 1, f->height - 1);
  cairo_stroke (cr);
  /* A hairline at the parameter's value. */
  cairo_move_to (cr, round (cx) + 0.5, f->top);
  cairo_line_to (cr, round (cx) + 0.5, bottom);
  cairo_stroke (cr);

  draw_number (cr, f->x0, px, f->left, bottom + 3, 0.0, 0.0, &pal->dim_text);
  draw_number (cr, probe->value, px, cx, bottom + 3, 0.5, 0.0, &pal->text);
  draw_number (cr, f->x1, px, f->left + f->width, bottom + 3, 1.0, 0.0, &pal->dim_text);
  draw_number (cr, f->y1, px, f->left - 4, f->top, 1.0, 0.0, &pal->dim_text);
  draw_number (cr, f->y0, px, f->left - 4, bottom, 1.0, 1.0, &pal->dim_text);
  bp_draw_text (cr, plot->parameter, px, f->left + f->width / 2, bottom + 4 + 1.3 * px, 0.5,
                0.0, &pal->text);
  bp_draw_text (cr, "L", px * 1.15, f->left - 4, f->top + f->height / 2, 1.0, 0.5,
                &pal->text);
}

static void
draw_curve (cairo_t       *cr,
            const Frame   *f,
            const BpProbe *probe,
            const BpColor *color,
            double         line)
{
  gboolean pen_down = FALSE;

  for (guint k = 0; k < probe->n_points; k++)
    {
      if (!isfinite (probe->ys[k]))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, to_x (f, probe->xs[k]), to_y (f, probe->ys[k]));
      else
        cairo_move_to (cr, to_x (f, probe->xs[k]), to_y (f, probe->ys[k]));
      pen_down = TRUE;
    }
  bp_color_set_source (cr, color);
  cairo_set_line_width (cr, line);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

/* The line of slope ∂L/∂p through (p, L(p)), clipped to the plot; the colour of the
 * diagram's gradients: a step raises the parameter where the slope is negative. */
static void
draw_tangent (cairo_t               *cr,
              const Frame           *f,
              const BpGradcheckPlot *plot,
              double                 line)
{
  const BpProbe *probe = plot->probe;
  double g = probe->gradient;

  cairo_save (cr);
  cairo_rectangle (cr, f->left, f->top, f->width, f->height);
  cairo_clip (cr);
  cairo_move_to (cr, to_x (f, f->x0), to_y (f, probe->loss + g * (f->x0 - probe->value)));
  cairo_line_to (cr, to_x (f, f->x1), to_y (f, probe->loss + g * (f->x1 - probe->value)));
  bp_color_set_source (cr, g < 0 ? &plot->palette->rise : &plot->palette->fall);
  cairo_set_line_width (cr, line);
  cairo_set_dash (cr, (double[]) { 6 * line / 1.5, 4 * line / 1.5 }, 2, 0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_point (cairo_t               *cr,
            const Frame           *f,
            const BpGradcheckPlot *plot,
            double                 radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, to_x (f, plot->probe->value), to_y (f, plot->probe->loss), radius, 0,
             2 * G_PI);
  bp_color_set_source (cr, &plot->palette->selection);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, &plot->palette->text);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

/**
 * bp_gradcheck_draw:
 * @cr: where to draw, its origin at the plot's top left
 * @width: the plot's width
 * @height: its height
 * @plot: what to draw
 *
 * Draws the loss over the probe's curve, the tangent of slope ∂L/∂p through the point
 * (p, L(p)), the point, and the axes: p's range with its value under the point, L's range,
 * labelled with @plot's parameter and "L". The background is left as it is. Without a
 * probe, or with one whose numbers are not finite, only the frame is drawn.
 */
void
bp_gradcheck_draw (cairo_t               *cr,
                   double                 width,
                   double                 height,
                   const BpGradcheckPlot *plot)
{
  double s = plot->text_scale > 0 ? plot->text_scale : 1.0;
  double px = FONT_PX * s;
  Frame f;

  g_return_if_fail (cr != NULL && plot != NULL && plot->palette != NULL);

  f.left = 6 + 5.2 * px;
  f.top = 0.5 * px + 2;
  f.width = width - f.left - px;
  f.height = height - f.top - 2.9 * px - 8;
  if (f.width < 8 || f.height < 8 || plot->probe == NULL || plot->probe->n_points < 2)
    return;
  f.x0 = plot->probe->xs[0];
  f.x1 = plot->probe->xs[plot->probe->n_points - 1];
  value_range (plot->probe, &f.y0, &f.y1);
  if (!(f.x1 > f.x0))
    return;
  cairo_save (cr);
  draw_axes (cr, &f, plot, px);
  if (plot->probe->finite)
    {
      draw_curve (cr, &f, plot->probe, &plot->palette->loss, 2.0 * s);
      draw_tangent (cr, &f, plot, 1.5 * s);
      draw_point (cr, &f, plot, 4.5 * s);
    }
  cairo_restore (cr);
}
