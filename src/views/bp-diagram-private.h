/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-private.h: the diagram's state, shared by its files: bp-diagram.c (the widget,
 * its properties and the model it follows), bp-diagram-animation.c (the playback whose
 * moment it draws), bp-diagram-input.c (pointer and keys) and
 * bp-diagram-info.c (the accessible description). */
#pragma once

#include "bp-diagram.h"
#include "bp-undo.h"

G_BEGIN_DECLS

struct _BpDiagram
{
  GtkWidget parent_instance;

  BpNetwork *network;
  GSignalGroup *network_signals;
  BpSelectionModel *selection_model;  /* shared, or the diagram's own */
  gboolean own_selection_model;       /* made by the diagram; follows its network */
  GSignalGroup *selection_signals;
  BpPlayback *playback;               /* the moment shown: shared, or the diagram's own */
  gboolean own_playback;              /* made by the diagram; follows its network */
  GSignalGroup *playback_signals;
  BpDiagramCache *cache;
  PangoFontDescription *font;
  const BpPalette *palette;
  BpPaletteChoice palette_choice;
  char *description;
  double zoom;
  double text_scale;

  gboolean dragging;
  gboolean drag_moved;
  BpSelection drag_item;
  double drag_start_value;
  double drag_low;
  double drag_high;
  BpUndo *drag_undo;          /* the undo stack whose group a drag holds open, or NULL */

  const BpHeatmap *(*heatmap_func) (gpointer data);   /* the maps of dataset mode */
  gpointer heatmap_data;

  BpDiagramMotion *motion;    /* the re-layout after a change of shape, or NULL */
  gint64 motion_start;        /* the frame time it began at, 0 before its first frame */
  double motion_progress;     /* 0 … 1 */
  guint motion_tick;          /* the tick callback that moves it on */

  BpSelection unfold;         /* the neuron unfolded, opening or folding (bp-diagram-unfold.c) */
  gboolean unfold_open;       /* opening or open; FALSE while it folds */
  double unfold_progress;     /* 0 … 1 */
  gint64 unfold_last;         /* the frame time of the last tick, 0 before the first */
  guint unfold_tick;
  guint unfold_shape[BP_MAX_LAYERS + 2];   /* n_layers, then the sizes it was unfolded in */

  gboolean conceal_gradients; /* an exercise waits for a prediction (bp_diagram_set_conceal_gradients ()) */
};

/* The network as the diagram shows it when no step is: its playback's copy. */
static inline const BpNet *
bp_diagram_net (BpDiagram *self)
{
  return self->playback != NULL ? bp_playback_get_after (self->playback) : NULL;
}

/* bp-diagram.c */
void          bp_diagram_fill_frame        (BpDiagram            *self,
                                            BpDiagramFrame       *frame);

/* bp-diagram-animation.c */
void          bp_diagram_connect_network   (BpDiagram            *self);
void          bp_diagram_use_playback      (BpDiagram            *self,
                                            BpPlayback           *playback,
                                            gboolean              own);
void          bp_diagram_relayout_tick     (BpDiagram            *self,
                                            gint64                frame_time);
void          bp_diagram_stop_relayout     (BpDiagram            *self);

/* bp-diagram-input.c */
void          bp_diagram_add_controllers   (BpDiagram            *self);
void          bp_diagram_end_drag_group    (BpDiagram            *self);

/* bp-diagram-unfold.c */
void          bp_diagram_unfold_init       (BpDiagram            *self);
void          bp_diagram_unfold_dispose    (BpDiagram            *self);
void          bp_diagram_unfold_fill_frame (BpDiagram            *self,
                                            BpDiagramFrame       *frame);
gboolean      bp_diagram_toggle_unfold     (BpDiagram            *self);
gboolean      bp_diagram_unfold_contains   (BpDiagram            *self,
                                            double                x,
                                            double                y);
void          bp_diagram_fold_now          (BpDiagram            *self);
void          bp_diagram_append_unfold_sentence (BpDiagram       *self,
                                            const BpNet          *net,
                                            GString              *text);

/* bp-diagram-info.c */
void          bp_diagram_update_description (BpDiagram           *self);

G_END_DECLS
