/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-animation.c: the diagram follows a playback (BpPlayback) and draws its moment:
 * the update, the forward pulse and the gradient wave of a step, as every other view shows
 * them. A diagram without a shared playback makes its own, which shows each change at
 * once. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-private.h"

/* A new shape: the selection model forgets what is gone (it follows the network itself),
 * the geometry is laid out again. */
static void
network_structure_changed_cb (BpDiagram *self)
{
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
