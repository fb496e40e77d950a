/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline-draw.h: the loss per step of the current run, on a linear or logarithmic
 * axis fitted to it, drawn with Cairo; in dataset mode the train and test loss. */
#pragma once

#include <cairo.h>

#include "bp-history.h"
#include "bp-palette.h"

G_BEGIN_DECLS

/* The loss chart's vertical axis, as the "loss-chart-scale" setting's values. */
typedef enum {
  BP_SPARKLINE_SCALE_AUTOMATIC,    /* logarithmic when the losses span more than 100× */
  BP_SPARKLINE_SCALE_LINEAR,
  BP_SPARKLINE_SCALE_LOGARITHMIC,
} BpSparklineScale;

void        bp_sparkline_draw_history     (cairo_t         *cr,
                                           int              width,
                                           int              height,
                                           const BpHistory *history,
                                           const BpPalette *palette,
                                           double           text_scale);
void        bp_sparkline_draw_history_scaled (cairo_t          *cr,
                                              int               width,
                                              int               height,
                                              const BpHistory  *history,
                                              const BpPalette  *palette,
                                              double            text_scale,
                                              BpSparklineScale  scale);
char       *bp_sparkline_describe_history (const BpHistory *history);

gboolean    bp_sparkline_dataset_spans_hundredfold (const BpHistory *history);
void        bp_sparkline_draw_dataset     (cairo_t         *cr,
                                           int              width,
                                           int              height,
                                           const BpHistory *history,
                                           const BpPalette *palette,
                                           double           text_scale,
                                           gboolean         log_scale);
char       *bp_sparkline_describe_dataset (const BpHistory *history);

G_END_DECLS
