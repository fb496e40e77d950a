/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-timeline-draw.h: the loss chart of a timeline with branches: each branch's loss per
 * step side by side in its own colour and dash, labelled at its tip, the current branch on
 * top, the step shown as a vertical line, the current branch faint after it. Plain arrays in,
 * Cairo out, so the widget, the exports and the tests draw the same picture. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "bp-palette.h"
#include "bp-sparkline-draw.h"

G_BEGIN_DECLS

/* How many colour and dash pairs differ before the styles repeat. */
#define BP_TIMELINE_CHART_N_STYLES 30

/* One branch's curve: the loss at steps first_step, first_step + 1, … (n of them; a
 * non-finite loss breaks the line). Drawn from fork_step on (the steps before are its
 * ancestors', drawn by them), except the current branch, which is drawn whole. */
typedef struct {
  guint64 first_step;
  const double *losses;
  gsize n;
  guint64 fork_step;
  guint style;                 /* colour and dash: see bp_timeline_chart_style_color() */
  const char *label;           /* at its tip, such as "η = 0.5 · branch 2" */
} BpTimelineCurve;

typedef struct {
  const BpTimelineCurve *curves;
  guint n_curves;
  guint current;               /* the curve drawn on top, faint after the cursor */
  guint64 cursor;              /* the step shown */
} BpTimelineChart;

void     bp_timeline_chart_draw        (cairo_t               *cr,
                                        int                    width,
                                        int                    height,
                                        const BpTimelineChart *chart,
                                        const BpPalette       *palette,
                                        double                 text_scale,
                                        BpSparklineScale       scale);
char    *bp_timeline_chart_describe    (const BpTimelineChart *chart);
void     bp_timeline_chart_style_color (const BpPalette       *palette,
                                        guint                  style,
                                        BpColor               *color);
guint    bp_timeline_chart_style_dash  (guint                  style,
                                        double                 text_scale,
                                        double                *dashes);
guint64  bp_timeline_chart_drawn_from  (const BpTimelineChart *chart,
                                        guint                  index);
gboolean bp_timeline_chart_loss_at     (const BpTimelineCurve *curve,
                                        guint64                step,
                                        double                *loss);

G_END_DECLS
