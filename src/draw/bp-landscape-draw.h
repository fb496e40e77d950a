/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-landscape-draw.h: the picture of a loss landscape: a filled contour map of the loss over
 * two weights with its contour lines and a labelled colour scale, the axes in the weights'
 * values, the path training took, the point where the network is and the downhill direction
 * −∇. The same function draws the widget and, through bp_export_plot (), the PNG, SVG and
 * PDF exports. */
#pragma once

#include <cairo.h>

#include "bp-landscape-model.h"
#include "bp-palette.h"

G_BEGIN_DECLS

/* The bands of the filled contour map, and so the contour lines between them. */
#define BP_LANDSCAPE_BANDS 10

typedef struct {
  const BpLandscapeSlice *slice;   /* NULL: only the message */
  const char *names[2];            /* the weights' names, "w(h1→y1)" */
  const double *path;              /* path_length pairs of the weights' values, oldest first */
  guint path_length;
  gboolean has_current;
  double current[2];               /* where the network is now */
  const char *message;             /* what to say while there is no slice */
  const BpPalette *palette;
  double text_scale;               /* 1 at the diagram's normal zoom */
} BpLandscapePlot;

/* How losses map to colours: from lo to hi, on a log scale where they span two decades. */
typedef struct {
  double lo;
  double hi;
  gboolean log;
  gboolean flat;        /* lo and hi too close to tell apart: one colour */
  guint n_missing;      /* grid points without a finite loss */
} BpLandscapeScale;

void          bp_landscape_scale_of      (const BpLandscapeSlice *slice,
                                          BpLandscapeScale       *scale);
double        bp_landscape_scale_fraction (const BpLandscapeScale *scale,
                                          double                  loss);
double        bp_landscape_scale_value   (const BpLandscapeScale *scale,
                                          double                  fraction);
double        bp_landscape_arrow_factor  (const BpLandscapeSlice *slice);
void          bp_landscape_draw          (cairo_t                *cr,
                                          double                  width,
                                          double                  height,
                                          const BpLandscapePlot  *plot);

G_END_DECLS
