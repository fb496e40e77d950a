/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-export.h: the diagram as PNG, SVG or PDF, and the worked example as Markdown or LaTeX,
 * written to files by plain functions that need no display. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "bp-core.h"
#include "bp-dataset.h"
#include "bp-health.h"
#include "bp-heatmap.h"
#include "bp-palette.h"
#include "bp-playback.h"
#include "bp-selection.h"

G_BEGIN_DECLS

typedef enum {
  BP_EXPORT_PNG,
  BP_EXPORT_SVG,
  BP_EXPORT_PDF,
  BP_EXPORT_MARKDOWN,
  BP_EXPORT_TORCH,     /* the network as a PyTorch script: written by the model */
  BP_EXPORT_LATEX,     /* the worked example as a LaTeX document: written by the model */
  BP_EXPORT_TIMELINE_CSV, /* the timeline's steps and parameters: written by the model */
} BpExportFormat;

#define BP_EXPORT_LAST BP_EXPORT_TIMELINE_CSV

/* PNG, SVG and PDF are pictures; the others are text. */
#define BP_EXPORT_IS_PICTURE(format) ((format) <= BP_EXPORT_PDF)

/* The width and height of an export: pixels for PNG and SVG, points for PDF. */
#define BP_EXPORT_MIN_SIZE 64
#define BP_EXPORT_MAX_SIZE 8000

/* Draws a picture of @width × @height (cairo units) on @cr. */
typedef void (*BpExportDrawFunc) (cairo_t  *cr,
                                  int       width,
                                  int       height,
                                  gpointer  user_data);

GBytes          *bp_export_picture_bytes    (BpExportFormat      format,
                                             int                 width,
                                             int                 height,
                                             double              layout_width,
                                             double              layout_height,
                                             BpExportDrawFunc    draw_func,
                                             gpointer            user_data,
                                             GError            **error);
gboolean         bp_export_picture          (BpExportFormat      format,
                                             int                 width,
                                             int                 height,
                                             double              layout_width,
                                             double              layout_height,
                                             BpExportDrawFunc    draw_func,
                                             gpointer            user_data,
                                             GFile              *file,
                                             GError            **error);

/* Draws @plot in @width × @height on @cr, over whatever background is there: the plots of
 * the side panel's pages (bp_gradcheck_draw (), bp_landscape_draw ()). */
typedef void (*BpPlotDrawFunc) (cairo_t       *cr,
                                double         width,
                                double         height,
                                gconstpointer  plot);

gboolean         bp_export_plot             (GFile              *file,
                                             int                 width,
                                             int                 height,
                                             const BpPalette    *palette,
                                             BpPlotDrawFunc      draw_func,
                                             gconstpointer       plot,
                                             GError            **error);

gboolean         bp_export_format_for_name  (const char         *name,
                                             BpExportFormat     *format);
const char      *bp_export_format_extension (BpExportFormat      format);
/* What a picture of the diagram shows: see bp_export_diagram_bytes (). */
typedef struct {
  const BpNet *net;
  const BpNet *before;
  const BpMoment *moment;
  const BpHeatmap *heatmap;
  const BpPalette *palette;
  const BpSelection *selection;
  const BpSelection *unfold;
  const BpHealth *health;
} BpDiagramPicture;

GBytes          *bp_export_diagram_bytes    (const BpDiagramPicture *picture,
                                             BpExportFormat      format,
                                             int                 width,
                                             int                 height,
                                             GError            **error);
gboolean         bp_export_diagram          (const BpDiagramPicture *picture,
                                             BpExportFormat      format,
                                             int                 width,
                                             int                 height,
                                             GFile              *file,
                                             GError            **error);
/* What a picture of a decision boundary shows besides the map and the training points. */
typedef struct {
  gboolean show_test;          /* the test points too */
  gboolean discretize;         /* the output split in two at its middle */
} BpExportBoundaryOptions;

gboolean         bp_export_boundary         (const BpNet        *net,
                                             BpFeatureSet        features,
                                             const BpDataset    *dataset,
                                             const BpExportBoundaryOptions *options,
                                             BpExportFormat      format,
                                             int                 width,
                                             int                 height,
                                             const BpPalette    *palette,
                                             GFile              *file,
                                             GError            **error);
gboolean         bp_export_markdown         (const BpNet        *net,
                                             GFile              *file,
                                             GError            **error);
gboolean         bp_export_latex            (const BpNet        *net,
                                             GFile              *file,
                                             GError            **error);

G_END_DECLS
