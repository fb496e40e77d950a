/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-gradcheck-draw.h: the plot of a gradient check: the loss as one parameter varies, the
 * tangent of backprop's slope touching it at the parameter's value, and the point. The same
 * function draws the widget and, through bp_export_plot (), the PNG, SVG and PDF exports. */
#pragma once

#include <cairo.h>

#include "bp-palette.h"
#include "bp-probe.h"

G_BEGIN_DECLS

typedef struct {
  const BpProbe *probe;
  const char *parameter;     /* the x axis's label, "w(h1→y1)" */
  const BpPalette *palette;
  double text_scale;         /* 1 at the diagram's normal zoom */
} BpGradcheckPlot;

void          bp_gradcheck_draw           (cairo_t               *cr,
                                           double                 width,
                                           double                 height,
                                           const BpGradcheckPlot *plot);

G_END_DECLS
