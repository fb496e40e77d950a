/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-draw-private.h: what the diagram's files share and nothing outside them sees: the
 * cache of shaped text and geometry kept from frame to frame, the scene of one frame, and
 * the functions one of them calls in another. The frame is drawn by bp-diagram-draw.c from
 * the parts in bp-diagram-layout.c, -scene.c, -connections.c, -nodes.c and -info.c; the
 * rasteriser of connections is bp-diagram-raster.c. */
#pragma once

#include "bp-diagram-frame.h"

#include <math.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define BASE_FONT_PX 14.0       /* a node's value at zoom 1, as GNOME's 11 pt UI font */
#define MIN_FONT_PX 7.5         /* text never gets smaller than this */
#define MIN_LINE_PX 0.75        /* the hairline of the smallest gradient */
#define MAX_LINE_PX 8.0         /* the line of the largest gradient, at zoom 1 */
#define THIN_GRADIENT 1e-4      /* |dL/dw| at and below which a line is a hairline */
#define THICK_GRADIENT 1.0      /* |dL/dw| at and above which a line is the thickest */
#define N_WIDTH_SAMPLES 3       /* the legend's sample widths: 1e-4, 1e-2 and 1 */
#define N_LEGEND 4              /* the legend's entries: rise, fall, widths, rings */
#define BP_DIAGRAM_MAX_TERMS 16  /* up to this many connections, every pulse writes its term */
#define MAX_SORTED 65536        /* above this many connections they are drawn unsorted */
#define MIN_STRIPS 64           /* from this many connections on, layers are cached rasters
                                 * (the nodes' discs are for every network) */

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

#define N_LEVELS 32                       /* widths between the hairline and the thickest,
                                           * 8 a decade of |dL/dw| */
#define N_KEYS ((N_LEVELS + 1) * 3)
#define N_TINTS 64                        /* steps of a cached node's tint, each under 1/255 */

struct _BpDiagramCache {
  /* What the geometry depends on. */
  gboolean valid;
  int width, height;
  double asked_zoom;        /* the frame's zoom */
  double zoom, text_scale;  /* zoom: the one drawn at, the asked one times what fills the
                             * space, or less where that does not fit (see cache_build ()) */
  guint n_layers;
  guint input_features;        /* the inputs' names (BpNet's input_features) */
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
  double disc_hw, disc_hh;                  /* the size of node they were drawn for */
  cairo_surface_t *dots[2];                 /* a pulse's dot, forward and backward */
  const BpPalette *dot_palette;             /* what they were drawn for */
  double dot_radius, dot_scale;
  guint64 strip_keys[BP_MAX_LAYERS];        /* what each strip shows */
  double legend_x[N_LEGEND], legend_y[N_LEGEND];
  double header_x[BP_MAX_LAYERS + 3], header_y;
  gboolean controls;                        /* the window's − and + are drawn */
  double control_x[BP_MAX_LAYERS + 1][2];   /* a hidden column's −, then its +, at control_y */
  double control_y;                         /* the band of the controls, below the nodes */
  double control_layer_x;                   /* the + that adds a layer below the output */

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
  PangoLayout *legend[N_LEGEND];
  PangoLayout *width_values[N_WIDTH_SAMPLES];   /* "0.0001", "0.01", "1" */
  double width_x[N_WIDTH_SAMPLES];              /* where each sample line starts */
  PangoLayout *scratch;
  PangoLayout *term;            /* the term a pulse carries (bp-diagram-scene.c) */
  PangoLayout *caption[3];      /* the phase's name, formula and what its pulses carry
                                 * (bp-diagram-caption.c) */
  char caption_text[3][128];
  double caption_key[10];       /* what the caption's place was found for */
  double caption_x, caption_y;
  struct _UnfoldPool *unfold_pool;  /* an unfolded neuron's text (bp-diagram-unfold.c) */
};


typedef struct _Relayout Relayout;

typedef struct {
  const BpDiagramFrame *frame;
  BpDiagramCache *cache;
  const BpPalette *palette;
  const BpNet *net;           /* after */
  const BpNet *old;           /* before, or after when there is nothing to animate */
  BpMoment moment;            /* which numbers are new (idle when nothing is animated) */
  double s;                   /* how far a pass has come, in layers (bp_moment_segments ()) */
  double wmin, wmax;          /* the hairline and the thickest line, in pixels */
  double dmax;                /* the largest weight change, in the update phase */
  double disc_scale;          /* pixels per unit of the cached node discs, 0 for none */
  gboolean maps;              /* the nodes show their maps (frame->heatmap fits the net) */
  const Relayout *relayout;   /* a re-layout in progress (bp-diagram-motion.c), or NULL */
  double alpha;               /* how visible the connections drawn are: 1, or less while
                               * new ones fade in */
} Scene;

/* Where neuron @i of column @c is drawn. */
static inline const Box *
node_box (const BpDiagramCache *cache,
          guint                 c,
          guint                 i)
{
  return &cache->nodes[cache->offsets[c] + i];
}

/* The width level of a gradient, 0 (hairline) to N_LEVELS (thickest): logarithmic in |@g|
 * from THIN_GRADIENT to THICK_GRADIENT, the same scale for every network and every step,
 * so that lines thin as training converges and small gradients look small. */
static inline guint
width_level (double g)
{
  double t = (log10 (fabs (g)) - log10 (THIN_GRADIENT))
             / (log10 (THICK_GRADIENT) - log10 (THIN_GRADIENT));

  return (guint) lround (CLAMP (t, 0.0, 1.0) * N_LEVELS);
}

/* The |dL/dw| of the legend's sample line @k: from THIN_GRADIENT to THICK_GRADIENT in
 * equal steps of the scale (1e-4, 1e-2, 1). */
static inline double
width_sample (guint k)
{
  return THIN_GRADIENT * pow (THICK_GRADIENT / THIN_GRADIENT, k / (N_WIDTH_SAMPLES - 1.0));
}

/* The width of a connection of look @key (see bp_diagram_style_key ()). */
static inline double
key_width (const Scene *scene,
           guint        key)
{
  return scene->wmin + (scene->wmax - scene->wmin) * (key / 3) / N_LEVELS;
}

/* Small helpers shared by several files, inline as they were when the files were one. */

static inline void
set_source_mix (cairo_t       *cr,
                const BpColor *color,
                double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static inline void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI_2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI_2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI_2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
}

static inline void
box_path (cairo_t   *cr,
          const Box *b,
          double     grow,
          double     corner)
{
  rounded_rect (cr, b->x - b->hw - grow, b->y - b->hh - grow,
                2 * (b->hw + grow), 2 * (b->hh + grow), corner + grow);
}

static inline void
point_on (const Box *from,
          const Box *to,
          double     t,
          double    *x,
          double    *y)
{
  *x = from->x + (to->x - from->x) * t;
  *y = from->y + (to->y - from->y) * t;
}

static inline void
add_circle (cairo_t *cr,
            double   x,
            double   y,
            double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
}

/* How far the gradient wave has crossed weight layer @l: 0 not yet, 1 all the way. */
static inline double
wave_passed (const Scene *scene,
             guint        l)
{
  if (scene->moment.phase == BP_PHASE_BACKWARD)
    return CLAMP (scene->s - (scene->net->n_layers - l), 0.0, 1.0);
  return bp_moment_new_gradients (&scene->moment, l) ? 1.0 : 0.0;
}

/* bp-diagram-caption.c */
const char *bp_diagram_phase_formula (const BpNet    *net,
                                      const BpMoment *moment);
void bp_diagram_draw_caption (cairo_t     *cr,
                              const Scene *scene,
                              const Box   *avoid);

/* bp-diagram-layout.c */
void bp_diagram_set_text_if_changed (PangoLayout *layout,
                                     char        *shown,
                                     const char  *text);
void bp_diagram_show_centred (cairo_t     *cr,
                              PangoLayout *layout,
                              double       x,
                              double       y);
void bp_diagram_clear_discs (BpDiagramCache *cache);
BpDiagramCache *bp_diagram_cache_for (BpDiagramCache       **temporary,
                                      int                    width,
                                      int                    height,
                                      const BpDiagramFrame  *frame);

/* bp-diagram-scene.c */
gboolean bp_diagram_animating (const BpDiagramFrame *frame);
const BpNet *bp_diagram_column_net (const Scene *scene,
                                    guint        c);
const BpNet *bp_diagram_loss_net (const Scene *scene);
const BpNet *bp_diagram_deltas_net (const Scene *scene,
                                    guint        c);
double bp_diagram_shown_weight (const Scene *scene,
                                guint        l,
                                guint        j,
                                guint        i);
void bp_diagram_scene_init (Scene                *scene,
                            const BpDiagramFrame *frame,
                            BpDiagramCache       *cache);
void bp_diagram_draw_forward_pulse (cairo_t     *cr,
                                    const Scene *scene);
void bp_diagram_draw_backward_wave (cairo_t     *cr,
                                    const Scene *scene);
void bp_diagram_draw_update_glow (cairo_t     *cr,
                                  const Scene *scene);

/* bp-diagram-connections.c */
guint bp_diagram_style_key (const Scene *scene,
                            double       g);
double bp_diagram_line_width_for (const Scene *scene,
                                  double       g);
void bp_diagram_stroke_part (cairo_t   *cr,
                             const Box *from,
                             const Box *to,
                             double     t0,
                             double     t1);
void bp_diagram_draw_connection (cairo_t     *cr,
                                 const Scene *scene,
                                 guint        l,
                                 guint        j,
                                 guint        i);
gboolean bp_diagram_can_cache (cairo_t *cr);
void bp_diagram_draw_connections (cairo_t     *cr,
                                  const Scene *scene);
void bp_diagram_draw_loss_lines (cairo_t     *cr,
                                 const Scene *scene);

/* bp-diagram-nodes.c */
double bp_diagram_disc_scale (cairo_t     *cr,
                              const Scene *scene);
void bp_diagram_draw_nodes (cairo_t     *cr,
                            const Scene *scene);
void bp_diagram_draw_target (cairo_t     *cr,
                             const Scene *scene,
                             guint        k);
void bp_diagram_draw_loss_box (cairo_t     *cr,
                               const Scene *scene);
double bp_diagram_control_radius (const BpDiagramCache *cache);
void bp_diagram_draw_controls (cairo_t     *cr,
                               const Scene *scene);
void bp_diagram_draw_headers (cairo_t     *cr,
                              const Scene *scene);
void bp_diagram_draw_legend (cairo_t     *cr,
                             const Scene *scene);
double bp_diagram_legend_ring_size (const BpDiagramCache *cache);

/* bp-diagram-nodes.c, for bp-diagram-motion.c */
void bp_diagram_draw_node (cairo_t     *cr,
                           const Scene *scene,
                           guint        c,
                           guint        i);
void bp_diagram_draw_input_handles (cairo_t     *cr,
                                    const Scene *scene);

/* bp-diagram-maps.c */
gboolean bp_diagram_maps_fit (const BpHeatmap *heatmap,
                              const BpNet     *net);
void bp_diagram_draw_node_map (cairo_t     *cr,
                               const Scene *scene,
                               const Box   *b,
                               guint        c,
                               guint        i);
void bp_diagram_draw_plate (cairo_t     *cr,
                            const Scene *scene,
                            PangoLayout *layout,
                            double       x,
                            double       y,
                            double       scale);
double bp_diagram_map_text_offset (const Box *b);

/* bp-diagram-motion.c */
Relayout *bp_diagram_relayout_begin (const BpDiagramFrame *frame,
                                     BpDiagramCache       *cache,
                                     int                   width,
                                     int                   height);
void bp_diagram_relayout_end (Relayout       *relayout,
                              BpDiagramCache *cache);
const Box *bp_diagram_relayout_layout_box (const Relayout *relayout,
                                           guint           k);
void bp_diagram_relayout_draw_gone (cairo_t     *cr,
                                    const Scene *scene);
void bp_diagram_relayout_draw_connections (cairo_t     *cr,
                                           const Scene *scene);
void bp_diagram_relayout_draw_nodes (cairo_t     *cr,
                                     const Scene *scene);

/* bp-diagram-unfold-text.c; an unfolded neuron's card and description show each of up to
 * this many inputs */
#define BP_DIAGRAM_UNFOLD_ROWS 16
#define BP_DIAGRAM_UNFOLD_TEXTS (BP_DIAGRAM_UNFOLD_ROWS * 6 + 40)   /* texts of a card */
void bp_diagram_unfold_pool_free (struct _UnfoldPool *pool);
PangoLayout *bp_diagram_unfold_layout (BpDiagramCache *cache,
                                       guint           k,
                                       double          px,
                                       gboolean        bold,
                                       double          wrap,
                                       const char     *text);

void bp_diagram_subscript (guint  n,
                           char  *buffer,
                           gsize  size);
const char *bp_diagram_activation_formula (BpActivation f);

/* bp-diagram-unfold.c */
void bp_diagram_draw_unfold (cairo_t     *cr,
                             const Scene *scene,
                             int          width,
                             int          height);

/* bp-diagram-info.c */
const Box *bp_diagram_selection_box (const BpDiagramCache *cache,
                                     const BpNet          *net,
                                     const BpSelection    *sel);
void bp_diagram_draw_highlight (cairo_t           *cr,
                                const Scene       *scene,
                                const BpSelection *sel,
                                double             alpha);
void bp_diagram_draw_info_box (cairo_t     *cr,
                               const Scene *scene,
                               int          width,
                               int          height,
                               Box         *drawn);

G_END_DECLS
