/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-heatmap.h: what a network computes over the input plane −6 … 6 × −6 … 6, as pictures:
 * the output's map (the decision boundary, or the regression surface) and every neuron's
 * own map, from one batched forward pass over an N × N grid, coloured on a diverging scale
 * of the palette; and the drawing of them with Cairo: the boundary panel with its axes,
 * points and colour scale, and one neuron's small map.
 *
 * The grid's cell (column c, row r) is the square around the point
 *   x1 = −6 + 12 (c + ½) / N,   x2 = 6 − 12 (r + ½) / N,
 * so row 0 is the top (x2 near 6) and the surfaces' pixels are the cells.
 */
#pragma once

#include <cairo.h>

#include "bp-core.h"
#include "bp-dataset.h"
#include "bp-palette.h"

G_BEGIN_DECLS

#define BP_HEATMAP_DEFAULT_GRID 100
#define BP_HEATMAP_MAX_GRID 1000

typedef struct _BpHeatmap BpHeatmap;

/* The numbers of a colour scale: the value drawn in heat_low, the one drawn in heat_middle
 * (where a discretised map splits) and the one drawn in heat_high; values beyond the ends
 * take the ends' colours. */
typedef struct {
  double low;
  double middle;
  double high;
} BpHeatScale;

BpHeatmap       *bp_heatmap_new                (guint              grid);
void             bp_heatmap_free               (BpHeatmap         *heatmap);
void             bp_heatmap_set_grid           (BpHeatmap         *heatmap,
                                                guint              grid);
guint            bp_heatmap_get_grid           (const BpHeatmap   *heatmap);
void             bp_heatmap_set_discretize     (BpHeatmap         *heatmap,
                                                gboolean           discretize);
gboolean         bp_heatmap_get_discretize     (const BpHeatmap   *heatmap);
void             bp_heatmap_update             (BpHeatmap         *heatmap,
                                                const BpNet       *net,
                                                BpFeatureSet       features,
                                                const BpPalette   *palette);
void             bp_heatmap_recolor            (BpHeatmap         *heatmap,
                                                const BpPalette   *palette);
gboolean         bp_heatmap_is_ready           (const BpHeatmap   *heatmap);
guint            bp_heatmap_get_generation     (const BpHeatmap   *heatmap);
guint            bp_heatmap_get_n_layers       (const BpHeatmap   *heatmap);
guint            bp_heatmap_get_layer_size     (const BpHeatmap   *heatmap,
                                                guint              layer);
cairo_surface_t *bp_heatmap_get_output         (const BpHeatmap   *heatmap);
BpHeatScale      bp_heatmap_get_output_scale   (const BpHeatmap   *heatmap);
cairo_surface_t *bp_heatmap_get_neuron         (const BpHeatmap   *heatmap,
                                                guint              layer,
                                                guint              neuron);
BpHeatScale      bp_heatmap_get_scale          (const BpHeatmap   *heatmap,
                                                guint              layer,
                                                guint              neuron);
const double    *bp_heatmap_get_values         (const BpHeatmap   *heatmap,
                                                guint              layer,
                                                guint              neuron);

void             bp_heatmap_cell_center        (guint              grid,
                                                guint              column,
                                                guint              row,
                                                double            *x1,
                                                double            *x2);
gboolean         bp_heatmap_cell_at            (guint              grid,
                                                double             x1,
                                                double             x2,
                                                guint             *column,
                                                guint             *row);
BpHeatScale      bp_heat_scale_of_activation   (BpActivation       activation);
BpHeatScale      bp_heat_scale_of_feature      (BpFeature          feature);
BpColor          bp_heat_color                 (const BpPalette   *palette,
                                                double             t);
BpColor          bp_heat_map_color             (const BpPalette   *palette,
                                                double             t);
double           bp_heat_scale_position        (BpHeatScale        scale,
                                                double             value);

/* The boundary panel: the output's map over the plane, axes, points and colour scale; or,
 * to see one neuron's map large, that neuron's map and scale instead. */
typedef struct {
  const BpHeatmap *heatmap;     /* after an update: the output's map and scale */
  const BpDataset *dataset;     /* its points, or NULL for none */
  gboolean show_test;           /* draw the test points as well as the training points */
  gboolean vector;              /* for SVG or PDF: the points stay vectors, whatever the
                                 * surface says it is (Cairo 1.18's SVG surface draws
                                 * through a recording one) */
  const BpPalette *palette;
  double text_scale;            /* 1 for the usual text size */
  gboolean show_neuron;         /* draw neuron (layer, neuron)'s map, not the output's */
  guint layer;
  guint neuron;
} BpHeatmapPanel;

/* Where the panel puts the plane, in the units of the cairo_t it draws into. */
typedef struct {
  double x, y;                  /* the top left corner: (x1, x2) = (−6, 6) */
  double size;                  /* the side of the square: 12 along either axis */
} BpHeatmapPlot;

void             bp_heatmap_panel_layout       (int                width,
                                                int                height,
                                                double             text_scale,
                                                BpHeatmapPlot     *plot);
void             bp_heatmap_plot_to_plane      (const BpHeatmapPlot *plot,
                                                double             x,
                                                double             y,
                                                double            *x1,
                                                double            *x2);
void             bp_heatmap_plane_to_plot      (const BpHeatmapPlot *plot,
                                                double             x1,
                                                double             x2,
                                                double            *x,
                                                double            *y);
void             bp_heatmap_draw_panel         (cairo_t           *cr,
                                                int                width,
                                                int                height,
                                                const BpHeatmapPanel *panel);
void             bp_heatmap_draw_neuron        (cairo_t           *cr,
                                                const BpHeatmap   *heatmap,
                                                guint              layer,
                                                guint              neuron,
                                                double             x,
                                                double             y,
                                                double             width,
                                                double             height);
void             bp_heatmap_draw_scale         (cairo_t           *cr,
                                                BpHeatScale        scale,
                                                gboolean           discrete,
                                                const BpPalette   *palette,
                                                double             text_scale,
                                                double             x,
                                                double             y,
                                                double             height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpHeatmap, bp_heatmap_free)

G_END_DECLS
