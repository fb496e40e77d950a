/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline-draw-private.h: what the loss chart's two drawings share, the sparkline of
 * example mode (bp-sparkline-draw.c) and the train/test chart of dataset mode
 * (bp-sparkline-draw-dataset.c, its legend and words in bp-sparkline-draw-legend.c). */
#pragma once

#include "bp-sparkline-draw.h"

#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define BP_SPARKLINE_FONT_PX 11.0

/* The loss axis of the sparkline and of the timeline's chart: the plot's top and bottom,
 * and the losses there. */
typedef struct {
  double top, bottom;
  gboolean log;                      /* a logarithmic axis: lo and hi are powers of ten */
  double lo, hi;                     /* the loss at the bottom and the top of the plot */
} LossAxis;

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
double       _bp_sparkline_axis_y      (const LossAxis  *axis,
                                        double           loss);
void         _bp_sparkline_draw_axis   (cairo_t         *cr,
                                        const LossAxis  *axis,
                                        double           left,
                                        double           right,
                                        double           pad,
                                        const BpPalette *palette,
                                        double           text_scale);
guint        _bp_sparkline_run_start   (const BpHistory *history);
void         _bp_sparkline_fit_axis    (double           min,
                                        double           max,
                                        double           min_positive,
                                        BpSparklineScale scale,
                                        LossAxis        *axis);

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
  const BpGhost *ghosts;             /* the learning-rate ghosts, or NULL */
  guint n_ghosts;
  struct _GhostMarks *marks;         /* where they go */
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

/* Learning-rate ghosts (bp-sparkline-draw-ghosts.c). */

#define BP_SPARKLINE_GHOST_GAP 18.0        /* from the curve's end to the markers, at 11 px */

typedef enum {
  GHOST_IN_RANGE,
  GHOST_ABOVE,                       /* pinned to the top, with an arrow and its number */
  GHOST_BELOW,                       /* pinned to the bottom */
  GHOST_DIVERGED,                    /* at the top: "10η: diverges" */
} GhostPlace;

typedef struct _GhostMarks {
  const BpGhost *ghosts;
  guint n;
  GhostPlace place[BP_SPARKLINE_MAX_GHOSTS];
  char *label[BP_SPARKLINE_MAX_GHOSTS];
  double y[BP_SPARKLINE_MAX_GHOSTS];
  double from_x, from_y;             /* the curve's newest point */
  double x;                          /* the markers: the next step */
  double top, bottom;                /* the plot's edges */
} GhostMarks;

void         _bp_sparkline_ghosts_widen (const BpGhost   *ghosts,
                                         guint            n_ghosts,
                                         double          *min,
                                         double          *max,
                                         double          *min_positive);
void         _bp_sparkline_ghosts_place (GhostMarks      *marks,
                                         const BpGhost   *ghosts,
                                         guint            n_ghosts,
                                         double           lo,
                                         double           hi,
                                         gboolean         log);
void         _bp_sparkline_ghosts_clear (GhostMarks      *marks);
double       _bp_sparkline_ghosts_width (cairo_t         *cr,
                                         const GhostMarks *marks,
                                         double           text_scale);
void         _bp_sparkline_draw_ghosts  (cairo_t         *cr,
                                         GhostMarks      *marks,
                                         double           from_x,
                                         double           from_y,
                                         double           plot_right,
                                         double           top,
                                         double           bottom,
                                         double         (*value_y) (gconstpointer chart,
                                                                    double        value),
                                         gconstpointer    chart,
                                         const BpPalette *palette,
                                         double           text_scale);

G_END_DECLS
