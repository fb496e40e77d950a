/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-scale-draw.h: the Scale page's plot: the time of a forward and of a backward pass
 * against the network's parameters on log–log axes, and below it their ratio, drawn with
 * Cairo for the window and for PNG, SVG and PDF. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "bp-export.h"
#include "bp-palette.h"
#include "bp-scale.h"

G_BEGIN_DECLS

/* The ratio the guide claims: backward costs about as much as forward, about twice. */
#define BP_SCALE_CLAIM_LOW 1.0
#define BP_SCALE_CLAIM_HIGH 3.0

/* The ranges of the plot's axes: powers of ten for the log axes. */
typedef struct {
  int params_low, params_high;   /* parameters, 10^params_low … 10^params_high */
  int time_low, time_high;       /* ns per pass, 10^time_low … 10^time_high */
  double ratio_high;             /* the ratio's axis, 0 … ratio_high */
} BpScaleAxes;

double    bp_scale_row_ratio   (const BpScaleRow *row);
void      bp_scale_axes_fit    (const BpScaleRow *rows,
                                guint             n_rows,
                                guint64           max_params,
                                BpScaleAxes      *axes);
void      bp_scale_draw        (cairo_t          *cr,
                                int               width,
                                int               height,
                                const BpScaleRow *rows,
                                guint             n_rows,
                                guint64           max_params,
                                const BpPalette  *palette,
                                double            text_scale);
char     *bp_scale_describe    (const BpScaleRow *rows,
                                guint             n_rows);
gboolean  bp_scale_export      (const BpScaleRow *rows,
                                guint             n_rows,
                                guint64           max_params,
                                BpExportFormat    format,
                                int               width,
                                int               height,
                                const BpPalette  *palette,
                                GFile            *file,
                                GError          **error);

G_END_DECLS
