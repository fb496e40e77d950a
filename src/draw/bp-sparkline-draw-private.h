/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline-draw-private.h: what the loss chart's two drawings share, the sparkline of
 * example mode (bp-sparkline-draw.c) and the train/test chart of dataset mode
 * (bp-sparkline-draw-dataset.c, its legend and words in bp-sparkline-draw-legend.c). */
#pragma once

#include "bp-sparkline-draw.h"

#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define BP_SPARKLINE_FONT_PX 11.0

char        *_bp_sparkline_format_loss (double           value);
PangoLayout *_bp_sparkline_text_layout (cairo_t         *cr,
                                        double           text_scale,
                                        const char      *text);
void         _bp_sparkline_text_size   (PangoLayout     *layout,
                                        double          *width,
                                        double          *height);
void         _bp_sparkline_show_text   (cairo_t         *cr,
                                        PangoLayout     *layout,
                                        const BpColor   *color,
                                        double           x,
                                        double           y,
                                        gboolean         align_right);
void         _bp_sparkline_draw_message (cairo_t        *cr,
                                         int             width,
                                         int             height,
                                         const BpPalette *palette,
                                         double          text_scale,
                                         const char     *message);
guint        _bp_sparkline_run_start   (const BpHistory *history);

/* The chart of dataset mode (bp-sparkline-draw-dataset.c and -legend.c). */

/* Where the parts of the chart go, in device units, and what it shows. */
typedef struct {
  const BpHistory *history;
  guint first, n;                    /* the run shown: points first to n − 1 */
  gboolean log;                      /* a log10 axis: lo and hi are 1, 2 or 5 × 10ⁿ */
  gboolean classification;           /* the run has accuracies */
  gboolean has_test;                 /* the run has test losses */
  double text_scale, pad, line_h;
  double left, right, top, bottom;   /* the plot area */
  double lo, hi;                     /* the loss at the bottom and the top of the plot */
  double tick;                       /* linear: the step between labelled values */
  guint max_ticks;                   /* as many labelled values as the height takes */
  double step_lo, step_hi;           /* the steps at the left and right edge */
  gboolean with_epochs;              /* a row of epochs under the steps */
  gboolean legend_above;             /* a narrow chart: the legend over the plot */
} Chart;

typedef enum {
  CURVE_TRAIN,
  CURVE_TEST,
} Curve;

static inline double
_bp_sparkline_curve_value (const BpHistoryPoint *point,
                           Curve                 curve)
{
  return curve == CURVE_TRAIN ? point->loss : point->test_loss;
}

/* The legend's layouts: for each curve its loss and, for classification, its accuracy. */
typedef struct {
  PangoLayout *loss[2];
  PangoLayout *accuracy[2];
  double swatch_w, text_w;
} Legend;

void         _bp_sparkline_set_curve_style (cairo_t         *cr,
                                            const Chart     *chart,
                                            const BpPalette *palette,
                                            Curve            curve);
void         _bp_sparkline_legend_init     (Legend          *legend,
                                            cairo_t         *cr,
                                            const Chart     *chart);
void         _bp_sparkline_legend_clear    (Legend          *legend);
double       _bp_sparkline_legend_width    (const Legend    *legend,
                                            const Chart     *chart);
void         _bp_sparkline_draw_legend     (cairo_t         *cr,
                                            const Chart     *chart,
                                            const Legend    *legend,
                                            const BpPalette *palette,
                                            double           x,
                                            double           height);

G_END_DECLS
