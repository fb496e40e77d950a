/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-animation.c: the diagram follows a playback (BpPlayback) and draws its moment:
 * the update, the forward pulse and the gradient wave of a step, as every other view shows
 * them. A diagram without a shared playback makes its own, which shows each change at
 * once. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-private.h"

/* Whether changes of shape move: not when animations are off (GTK's enable-animations)
 * or the playback shows steps without motion (the reduced-motion setting). */
static gboolean
motion_wanted (BpDiagram *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  gboolean animations = TRUE;

  if (settings != NULL)
    g_object_get (settings, "gtk-enable-animations", &animations, NULL);
  return animations && (self->playback == NULL || bp_playback_get_motion (self->playback));
}

void
bp_diagram_stop_relayout (BpDiagram *self)
{
  if (self->motion_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->motion_tick);
  self->motion_tick = 0;
  g_clear_pointer (&self->motion, bp_diagram_motion_free);
  self->motion_progress = 1.0;
}

/**
 * bp_diagram_relayout_tick: (skip)
 * @self: a diagram
 * @frame_time: the frame clock's time, in µs
 *
 * Moves the re-layout on to @frame_time: it began at the first frame after the change of
 * shape and takes %BP_DIAGRAM_MOTION_SECONDS. The tick callback calls it; tests call it
 * with times of their own.
 */
void
bp_diagram_relayout_tick (BpDiagram *self,
                          gint64     frame_time)
{
  if (self->motion == NULL)
    return;
  if (self->motion_start == 0)
    self->motion_start = frame_time;
  self->motion_progress = (frame_time - self->motion_start)
                          / (BP_DIAGRAM_MOTION_SECONDS * G_USEC_PER_SEC);
  if (self->motion_progress >= 1.0)
    {
      g_clear_pointer (&self->motion, bp_diagram_motion_free);
      self->motion_progress = 1.0;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
relayout_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       data)
{
  BpDiagram *self = BP_DIAGRAM (widget);

  (void) data;
  bp_diagram_relayout_tick (self, gdk_frame_clock_get_frame_time (clock));
  if (self->motion != NULL)
    return G_SOURCE_CONTINUE;
  self->motion_tick = 0;
  return G_SOURCE_REMOVE;
}

/* Whether the network's new shape has the sizes of the one drawn (a new activation or
 * loss): nothing moves. */
static gboolean
same_sizes (BpDiagram *self)
{
  const BpNet *drawn = bp_diagram_net (self);
  const BpNet *net = self->network != NULL ? bp_network_get_net (self->network) : drawn;

  if (drawn->n_layers != net->n_layers)
    return FALSE;
  for (guint c = 0; c <= net->n_layers; c++)
    if (drawn->sizes[c] != net->sizes[c])
      return FALSE;
  return TRUE;
}

/* A change of shape: the nodes that stay move from where they are drawn now (the playback
 * still holds the earlier net: it follows "updated", which comes after
 * "structure-changed"). */
static void
start_relayout (BpDiagram *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  BpDiagramMotion *motion;
  BpDiagramFrame frame;

  if (!motion_wanted (self) || bp_diagram_net (self) == NULL || width < 16 || height < 16
      || !gtk_widget_get_mapped (widget) || same_sizes (self))
    {
      bp_diagram_stop_relayout (self);
      return;
    }
  bp_diagram_fill_frame (self, &frame);
  motion = bp_diagram_motion_new (width, height, &frame);
  g_clear_pointer (&self->motion, bp_diagram_motion_free);
  self->motion = motion;
  self->motion_start = 0;
  self->motion_progress = 0.0;
  if (self->motion_tick == 0)
    self->motion_tick = gtk_widget_add_tick_callback (widget, relayout_tick_cb, NULL, NULL);
}

/* A new shape: the selection model forgets what is gone (it follows the network itself),
 * the geometry is laid out again, and moves there. */
static void
network_structure_changed_cb (BpDiagram *self)
{
  start_relayout (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Other numbers are shown: a sub-step completed, a step began, the network changed. */
static void
playback_changed_cb (BpDiagram *self)
{
  bp_diagram_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
playback_moved_cb (BpDiagram *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The handlers move with the network and playback properties: one set of each group's
 * target. */
void
bp_diagram_connect_network (BpDiagram *self)
{
  self->network_signals = g_signal_group_new (BP_TYPE_NETWORK);
  g_signal_group_connect_object (self->network_signals, "structure-changed",
                                 G_CALLBACK (network_structure_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  self->playback_signals = g_signal_group_new (BP_TYPE_PLAYBACK);
  g_signal_group_connect_object (self->playback_signals, "changed",
                                 G_CALLBACK (playback_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->playback_signals, "moved",
                                 G_CALLBACK (playback_moved_cb), self, G_CONNECT_SWAPPED);
}

/* Shows @playback from now on; @own when the diagram made it for its network. */
void
bp_diagram_use_playback (BpDiagram  *self,
                         BpPlayback *playback,
                         gboolean    own)
{
  g_set_object (&self->playback, playback);
  self->own_playback = own;
  g_signal_group_set_target (self->playback_signals, playback);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  playback_changed_cb (self);
}

/**
 * bp_diagram_get_playback:
 * @self: a diagram
 *
 * Returns: (transfer none) (nullable): the playback whose moment the diagram draws
 */
BpPlayback *
bp_diagram_get_playback (BpDiagram *self)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), NULL);
  return self->playback;
}

/**
 * bp_diagram_get_relayout_running:
 * @self: a diagram
 *
 * Returns: whether the nodes are moving to the places of a new shape
 */
gboolean
bp_diagram_get_relayout_running (BpDiagram *self)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), FALSE);
  return self->motion != NULL;
}
