/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-frame.h: the network drawn with Cairo: nodes in columns, connections coloured by
 * the sign of their gradient, the forward pulse and the gradient wave of a step. A plain
 * function of one frame's description, so it draws the same into a widget, a PNG, an SVG or
 * a PDF. */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "bp-core.h"
#include "bp-health.h"
#include "bp-heatmap.h"
#include "bp-palette.h"
#include "bp-playback.h"
#include "bp-selection.h"

G_BEGIN_DECLS

typedef struct _BpDiagramCache BpDiagramCache;

/* Where the nodes of a shape were drawn, for the re-layout that follows a change of shape
 * (bp_diagram_motion_new ()). */
typedef struct _BpDiagramMotion BpDiagramMotion;

/* How long a re-layout takes, in seconds. */
#define BP_DIAGRAM_MOTION_SECONDS 0.35

/* Everything one frame depends on: the drawing is a plain function of this. */
typedef struct {
  const BpNet *before;      /* the network before the step being shown, or NULL */
  const BpNet *after;       /* the network as it is now */
  BpPhase phase;            /* the moment of the step shown (see BpMoment) */
  guint layer;
  double progress;          /* 0 … 1 within the phase; at 1 it is complete */
  BpSelection selection;
  BpSelection hover;         /* as selection; also kind NODE with layer n_layers + 1 for
                              * target `to`, layer n_layers + 2 for the loss */
  double zoom;              /* 1 = normal; scales text and nodes */
  double text_scale;        /* the system's large-text factor */
  const BpPalette *palette;
  gboolean focus_visible;
  const PangoFontDescription *font; /* its family is used; NULL for "Sans" */
  BpDiagramCache *cache;    /* layouts kept from frame to frame, or NULL */
  int scale_factor;         /* device pixels per unit (HiDPI), for cached rasters; 0 = 1 */
  gboolean edit_controls;   /* the window's − and + for neurons and layers (not exports) */
  const BpHeatmap *heatmap; /* dataset mode: each node shows its map over the input plane
                             * (used when it was updated for a net of `after`'s shape) */
  const BpDiagramMotion *motion; /* a re-layout from an earlier shape, or NULL */
  double motion_progress;   /* 0 … 1 of it, linear in time (the easing is the drawing's) */
  const BpHealth *health;   /* badges on saturated and dead neurons, or NULL for none */
  BpSelection unfold;       /* kind NODE: the neuron unfolded into its computation graph
                             * (bp-diagram-unfold.c); NONE for none */
  double unfold_progress;   /* 0 … 1 of its opening, linear in time; 1 when open */
  gboolean conceal_gradients; /* a question waits for the learner's prediction: lines drawn
                               * alike, no ∂L/∂w or ∂L/∂z shown until the answer */
} BpDiagramFrame;

/* The window's controls of the architecture (bp_diagram_frame_control_at ()). */
typedef enum {
  BP_DIAGRAM_CONTROL_NONE,
  BP_DIAGRAM_CONTROL_REMOVE_NEURON,  /* the last neuron of hidden layer `layer` */
  BP_DIAGRAM_CONTROL_ADD_NEURON,     /* a neuron after the last of hidden layer `layer` */
  BP_DIAGRAM_CONTROL_ADD_LAYER,      /* a hidden layer becomes layer `layer`, below the output */
} BpDiagramControl;

/* Where a node, target or loss box is drawn: centre and half extents, in pixels. */
typedef struct {
  double x, y;
  double half_width, half_height;
} BpDiagramBox;

/* Room for a number as a node shows it (bp_format_number_into (), BP_NUMBER_NODE). */
#define BP_DIAGRAM_VALUE_SIZE 32

void          bp_diagram_draw_frame        (cairo_t              *cr,
                                            int                   width,
                                            int                   height,
                                            const BpDiagramFrame *frame);
BpDiagramCache *bp_diagram_cache_new       (void);
void          bp_diagram_cache_free        (BpDiagramCache       *cache);
gboolean      bp_diagram_frame_node_box    (int                   width,
                                            int                   height,
                                            const BpDiagramFrame *frame,
                                            guint                 layer,
                                            guint                 index,
                                            BpDiagramBox         *box);
gboolean      bp_diagram_frame_hit         (int                   width,
                                            int                   height,
                                            const BpDiagramFrame *frame,
                                            double                x,
                                            double                y,
                                            BpSelection          *hit);
gboolean      bp_diagram_frame_info_box    (int                   width,
                                            int                   height,
                                            const BpDiagramFrame *frame,
                                            BpDiagramBox         *box);
char         *bp_diagram_frame_info_text   (int                   width,
                                            int                   height,
                                            const BpDiagramFrame *frame);
gboolean      bp_diagram_frame_handle_box  (int                   width,
                                            int                   height,
                                            const BpDiagramFrame *frame,
                                            guint                 layer,
                                            guint                 index,
                                            BpDiagramBox         *box);
double        bp_diagram_frame_value_width (int                   width,
                                            int                   height,
                                            const BpDiagramFrame *frame,
                                            guint                 layer,
                                            guint                 index,
                                            double               *room);
BpDiagramControl bp_diagram_frame_control_at (int                   width,
                                            int                   height,
                                            const BpDiagramFrame *frame,
                                            double                x,
                                            double                y,
                                            guint                *layer);
gboolean      bp_diagram_frame_unfold_box  (int                   width,
                                            int                   height,
                                            const BpDiagramFrame *frame,
                                            BpDiagramBox         *box);
char         *bp_diagram_unfold_describe   (const BpNet          *net,
                                            guint                 layer,
                                            guint                 index);
BpDiagramMotion *bp_diagram_motion_new    (int                   width,
                                            int                   height,
                                            const BpDiagramFrame *frame);
void          bp_diagram_motion_free       (BpDiagramMotion      *motion);
double        bp_diagram_motion_ease       (double                progress);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpDiagramCache, bp_diagram_cache_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpDiagramMotion, bp_diagram_motion_free)

G_END_DECLS
