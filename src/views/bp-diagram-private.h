/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-private.h: the diagram's state, shared by its files: bp-diagram.c (the widget,
 * its properties and the model it follows), bp-diagram-animation.c (the two nets of a step
 * and the animation on the frame clock), bp-diagram-input.c (pointer and keys) and
 * bp-diagram-info.c (the accessible description). */
#pragma once

#include "bp-diagram.h"

G_BEGIN_DECLS

struct _BpDiagram
{
  GtkWidget parent_instance;

  BpNetwork *network;
  GSignalGroup *network_signals;
  BpSelectionModel *selection_model;  /* shared, or the diagram's own */
  gboolean own_selection_model;       /* made by the diagram; follows its network */
  GSignalGroup *selection_signals;
  BpNet *before;            /* the shown net before the step being animated */
  BpNet *after;             /* the shown net: the model at its last "backward" */
  BpDiagramCache *cache;
  PangoFontDescription *font;
  const BpPalette *palette;
  BpPaletteChoice palette_choice;
  char *description;
  double zoom;
  double speed;
  double text_scale;

  gboolean animate_next;    /* the window asked to animate the coming step */
  gboolean saw_update;      /* "updated" came since the last "backward" */
  BpPhase phase;
  double progress;
  guint tick_id;
  gint64 start_time;        /* frame time of the animation's first frame, or -1 */

  gboolean dragging;
  gboolean drag_moved;
  BpSelection drag_item;
  double drag_start_value;
  double drag_low;
  double drag_high;
};

/* bp-diagram.c */
void          bp_diagram_fill_frame        (BpDiagram            *self,
                                            BpDiagramFrame       *frame);

/* bp-diagram-animation.c */
void          bp_diagram_connect_network   (BpDiagram            *self);
void          bp_diagram_network_structure_changed (BpDiagram    *self);
void          bp_diagram_network_backward  (BpDiagram            *self);

/* bp-diagram-input.c */
void          bp_diagram_add_controllers   (BpDiagram            *self);

/* bp-diagram-info.c */
void          bp_diagram_update_description (BpDiagram           *self);

G_END_DECLS
