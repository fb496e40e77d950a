/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-draw-private.h: what the diagram's files share and nothing outside them sees: the
 * cache of shaped text and geometry kept from frame to frame, the scene of one frame, and
 * the few functions one of them calls in another. The drawing is bp-diagram-draw.c, the
 * rasteriser of connections bp-diagram-raster.c. */
#pragma once

#include "bp-diagram-frame.h"

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* A node, target or loss box: its centre and half extents, in pixels. */
typedef struct {
  double x, y, hw, hh;
} Box;

typedef char ValueText[BP_DIAGRAM_VALUE_SIZE];

/* A connection, or the part of one on either side of the gradient wave, to be stroked in
 * a batch with all others of the same key (width level and sign). */
typedef struct {
  guint16 key;
  guint8 layer;
  guint16 to;
  guint16 from;
  float t0, t1;
} Part;

#define N_LEVELS 32                       /* widths between the hairline and the thickest */
#define N_KEYS ((N_LEVELS + 1) * 3)
#define N_TINTS 64                        /* steps of a cached node's tint, each under 1/255 */

struct _BpDiagramCache {
  /* What the geometry depends on. */
  gboolean valid;
  int width, height;
  double zoom, text_scale;
  guint n_layers;
  guint sizes[BP_MAX_LAYERS + 1];
  BpActivation activations[BP_MAX_LAYERS];
  BpLoss loss_kind;
  char *family;

  /* Geometry. */
  double font_px, small_px, margin, unit;
  double area_top, area_bottom;
  gboolean two_line;
  guint offsets[BP_MAX_LAYERS + 2];
  guint n_nodes;
  Box *nodes;
  Box *targets;
  Box loss;
  gsize n_connections;
  Part *parts;              /* room for two parts per connection, then as many sorted */
  cairo_surface_t *strips[BP_MAX_LAYERS];   /* the connections of each weight layer */
  cairo_surface_t *discs[3][N_TINTS + 1];   /* a node's disc, ring and tint (paint_disc ()) */
  const BpPalette *disc_palette;            /* what the discs were drawn for */
  double disc_scale;
  guint64 strip_keys[BP_MAX_LAYERS];        /* what each strip shows */
  double legend_x[3], legend_y[3];
  double header_x[BP_MAX_LAYERS + 3], header_y;

  /* Text, shaped once and reshaped only when it changes. */
  PangoContext *context;
  PangoAttrList *tabular;
  PangoLayout **labels;
  PangoLayout **values;
  ValueText *value_texts;
  PangoLayout **target_labels;
  PangoLayout **target_values;
  ValueText *target_texts;
  PangoLayout *loss_label;
  PangoLayout *loss_value;
  char loss_text[BP_DIAGRAM_VALUE_SIZE];
  PangoLayout *headers[BP_MAX_LAYERS + 3];
  PangoLayout *legend[3];
  PangoLayout *scratch;
};


typedef struct {
  const BpDiagramFrame *frame;
  BpDiagramCache *cache;
  const BpPalette *palette;
  const BpNet *net;           /* after */
  const BpNet *old;           /* before, or after when there is nothing to animate */
  double s;                   /* progress in segments: progress × (n_layers + 1) */
  double gmax;
  double exponent;            /* width grows with (|g| / gmax) ^ exponent */
  double wmin, wmax;
  double dmax;                /* the largest weight change, in the update phase */
  double disc_scale;          /* pixels per unit of the cached node discs, 0 for none */
} Scene;

/* Where neuron @i of column @c is drawn. */
static inline const Box *
node_box (const BpDiagramCache *cache,
          guint                 c,
          guint                 i)
{
  return &cache->nodes[cache->offsets[c] + i];
}

/* The width of a connection of look @key (see style_key () in bp-diagram-draw.c). */
static inline double
key_width (const Scene *scene,
           guint        key)
{
  return scene->wmin + (scene->wmax - scene->wmin) * (key / 3) / N_LEVELS;
}

G_END_DECLS
