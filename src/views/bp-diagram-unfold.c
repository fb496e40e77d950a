/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-unfold.c: the diagram's unfolded neuron: Return (or Enter, or a double click)
 * on a selected hidden or output neuron unfolds it into its computation graph, drawn by
 * src/draw/bp-diagram-unfold.c; the same key folds it back, and so does Escape. One neuron
 * at a time. It opens and closes in BP_DIAGRAM_UNFOLD_SECONDS on the frame clock, at once
 * when animations are off, and stays unfolded while the network keeps its shape. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-private.h"

#include "bp-unfold.h"

#include <math.h>

#define BP_DIAGRAM_UNFOLD_SECONDS 0.3

static gboolean
animations_enabled (BpDiagram *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  gboolean animations = TRUE;

  if (settings != NULL)
    g_object_get (settings, "gtk-enable-animations", &animations, NULL);
  return animations && gtk_widget_get_mapped (GTK_WIDGET (self))
         && (self->playback == NULL || bp_playback_get_motion (self->playback));
}

static void
stop_tick (BpDiagram *self)
{
  if (self->unfold_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->unfold_tick);
  self->unfold_tick = 0;
}

/* Where the animation stands at @frame_time: on to 1 while opening, back to 0 while
 * folding; a folded neuron is forgotten. */
static void
advance (BpDiagram *self,
         gint64     frame_time)
{
  double step;

  if (self->unfold_last == 0)
    self->unfold_last = frame_time;
  step = (frame_time - self->unfold_last) / (BP_DIAGRAM_UNFOLD_SECONDS * G_USEC_PER_SEC);
  self->unfold_last = frame_time;
  self->unfold_progress = CLAMP (self->unfold_progress + (self->unfold_open ? step : -step),
                                 0.0, 1.0);
  if (!self->unfold_open && self->unfold_progress <= 0.0)
    self->unfold = BP_SELECTION_INIT_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  BpDiagram *self = BP_DIAGRAM (widget);

  (void) data;
  advance (self, gdk_frame_clock_get_frame_time (clock));
  if (self->unfold_open ? self->unfold_progress < 1.0 : self->unfold_progress > 0.0)
    return G_SOURCE_CONTINUE;
  self->unfold_tick = 0;
  return G_SOURCE_REMOVE;
}

/* Opens or folds to the state of unfold_open, moving or at once. */
static void
animate (BpDiagram *self)
{
  if (!animations_enabled (self))
    {
      stop_tick (self);
      self->unfold_progress = self->unfold_open ? 1.0 : 0.0;
      if (!self->unfold_open)
        self->unfold = BP_SELECTION_INIT_NONE;
    }
  else if (self->unfold_tick == 0)
    {
      self->unfold_last = 0;
      self->unfold_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  bp_diagram_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Whether @net's sizes are those the unfolded neuron was unfolded in. */
static gboolean
same_shape (BpDiagram   *self,
            const BpNet *net)
{
  if (net == NULL || net->n_layers != self->unfold_shape[0])
    return FALSE;
  for (guint c = 0; c <= net->n_layers; c++)
    if (net->sizes[c] != self->unfold_shape[c + 1])
      return FALSE;
  return TRUE;
}

/* A new shape (or a new network) folds the neuron at once: its place is gone. */
static void
structure_changed_cb (BpDiagram *self)
{
  const BpNet *net = self->network != NULL ? bp_network_get_net (self->network) : NULL;

  if (self->unfold.kind == BP_SELECTION_NONE || same_shape (self, net))
    return;
  bp_diagram_fold_now (self);
}

/**
 * bp_diagram_fold_now: (skip)
 * @self: a diagram
 *
 * Forgets the unfolded neuron at once, without motion.
 */
void
bp_diagram_fold_now (BpDiagram *self)
{
  stop_tick (self);
  self->unfold = BP_SELECTION_INIT_NONE;
  self->unfold_open = FALSE;
  self->unfold_progress = 0.0;
  bp_diagram_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Called from bp_diagram_init (). */
void
bp_diagram_unfold_init (BpDiagram *self)
{
  self->unfold = BP_SELECTION_INIT_NONE;
  g_signal_group_connect_object (self->network_signals, "structure-changed",
                                 G_CALLBACK (structure_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->network_signals, "bind",
                           G_CALLBACK (structure_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Called from bp_diagram_dispose (). */
void
bp_diagram_unfold_dispose (BpDiagram *self)
{
  stop_tick (self);
}

/* Fills the frame's unfold fields. */
void
bp_diagram_unfold_fill_frame (BpDiagram      *self,
                              BpDiagramFrame *frame)
{
  frame->unfold = self->unfold;
  frame->unfold_progress = self->unfold_progress;
}

/**
 * bp_diagram_set_unfolded:
 * @self: a diagram
 * @node: (nullable): a hidden or output neuron (kind %BP_SELECTION_NODE) to unfold, or
 *   %NULL to fold the one unfolded
 *
 * Unfolds @node into its computation graph, folding any other, or folds. Inputs, targets,
 * the loss and items that are not neurons are not unfolded.
 *
 * Returns: whether a neuron is unfolded (or opening) now
 */
gboolean
bp_diagram_set_unfolded (BpDiagram         *self,
                         const BpSelection *node)
{
  const BpNet *net;

  g_return_val_if_fail (BP_IS_DIAGRAM (self), FALSE);
  net = bp_diagram_net (self);
  if (node == NULL || net == NULL || node->kind != BP_SELECTION_NODE
      || !bp_unfold_can (net, node->layer, node->to))
    {
      if (self->unfold_open)
        {
          self->unfold_open = FALSE;
          animate (self);
        }
      return FALSE;
    }
  if (self->unfold_open && bp_selection_equal (&self->unfold, node))
    return TRUE;
  if (!bp_selection_equal (&self->unfold, node))
    self->unfold_progress = 0.0;
  self->unfold = *node;
  self->unfold.from = 0;
  self->unfold_open = TRUE;
  self->unfold_shape[0] = net->n_layers;
  for (guint c = 0; c <= net->n_layers; c++)
    self->unfold_shape[c + 1] = net->sizes[c];
  animate (self);
  return TRUE;
}

/**
 * bp_diagram_get_unfolded:
 * @self: a diagram
 * @node: (out) (optional): the unfolded neuron
 *
 * Returns: whether a neuron is unfolded (or opening; not one folding)
 */
gboolean
bp_diagram_get_unfolded (BpDiagram   *self,
                         BpSelection *node)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), FALSE);
  if (node != NULL)
    *node = self->unfold_open ? self->unfold : BP_SELECTION_INIT_NONE;
  return self->unfold_open;
}

/* Return on the selection: unfolds a selected neuron, or folds it if it is the one
 * unfolded. FALSE when the key does nothing here (nothing selected that unfolds). */
gboolean
bp_diagram_toggle_unfold (BpDiagram *self)
{
  BpSelection sel;
  const BpNet *net = bp_diagram_net (self);

  bp_selection_model_get_selected (self->selection_model, &sel);
  if (net == NULL || sel.kind != BP_SELECTION_NODE || !bp_unfold_can (net, sel.layer, sel.to))
    {
      if (!self->unfold_open)
        return FALSE;
      bp_diagram_set_unfolded (self, NULL);
      return TRUE;
    }
  sel.from = 0;
  if (self->unfold_open && bp_selection_equal (&self->unfold, &sel))
    bp_diagram_set_unfolded (self, NULL);
  else
    bp_diagram_set_unfolded (self, &sel);
  return TRUE;
}

/* Whether (@x, @y) is on the open card: what is under it cannot be clicked or dragged. */
gboolean
bp_diagram_unfold_contains (BpDiagram *self,
                            double     x,
                            double     y)
{
  GtkWidget *widget = GTK_WIDGET (self);
  BpDiagramFrame frame;
  BpDiagramBox box;

  if (!self->unfold_open || bp_diagram_net (self) == NULL)
    return FALSE;
  bp_diagram_fill_frame (self, &frame);
  return bp_diagram_frame_unfold_box (gtk_widget_get_width (widget),
                                      gtk_widget_get_height (widget), &frame, &box)
         && fabs (x - box.x) <= box.half_width && fabs (y - box.y) <= box.half_height;
}

/* The description's sentence of the unfolded neuron, with all its numbers. */
void
bp_diagram_append_unfold_sentence (BpDiagram   *self,
                                   const BpNet *net,
                                   GString     *text)
{
  g_autofree char *words = NULL;

  if (!self->unfold_open || !same_shape (self, net))
    return;
  words = bp_diagram_unfold_describe (net, self->unfold.layer, self->unfold.to);
  if (words == NULL)
    return;
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, words);
}
