/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline-draw.h: the loss per step of the current run, on a linear or logarithmic
 * axis fitted to it, drawn with Cairo; in dataset mode the train and test loss. */
#pragma once

#include <cairo.h>

#include "bp-history.h"
#include "bp-network.h"
#include "bp-palette.h"

G_BEGIN_DECLS

/* The loss chart's vertical axis, as the "loss-chart-scale" setting's values. */
typedef enum {
  BP_SPARKLINE_SCALE_AUTOMATIC,    /* logarithmic when the losses span more than 100× */
  BP_SPARKLINE_SCALE_LINEAR,
  BP_SPARKLINE_SCALE_LOGARITHMIC,
} BpSparklineScale;

/* At most this many learning-rate ghosts on a chart. */
#define BP_SPARKLINE_MAX_GHOSTS 4

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

/* Learning-rate ghosts: bp-sparkline-draw-ghosts.c */
void        bp_sparkline_draw_history_ghosts (cairo_t          *cr,
                                              int               width,
                                              int               height,
                                              const BpHistory  *history,
                                              const BpPalette  *palette,
                                              double            text_scale,
                                              BpSparklineScale  scale,
                                              const BpGhost    *ghosts,
                                              guint             n_ghosts);
void        bp_sparkline_draw_dataset_ghosts (cairo_t          *cr,
                                              int               width,
                                              int               height,
                                              const BpHistory  *history,
                                              const BpPalette  *palette,
                                              double            text_scale,
                                              gboolean          log_scale,
                                              const BpGhost    *ghosts,
                                              guint             n_ghosts);
char       *bp_sparkline_ghost_name       (double           factor);
char       *bp_sparkline_describe_ghosts  (const char      *description,
                                           const BpGhost   *ghosts,
                                           guint            n_ghosts);

G_END_DECLS
