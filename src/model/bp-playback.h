/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-playback.h: BpPlayback, the moment of a step that every view shows, and BpMoment, the
 * rule that says which numbers a moment shows. */
#pragma once

#include <gio/gio.h>

#include "bp-network.h"

G_BEGIN_DECLS

#define BP_TYPE_PLAYBACK (bp_playback_get_type ())
#define BP_TYPE_PHASE (bp_phase_get_type ())

/**
 * BpPhase:
 * @BP_PHASE_IDLE: no step is being shown: everything shows the network as it is
 * @BP_PHASE_UPDATE: the weights move from their old to their new values
 * @BP_PHASE_FORWARD: the forward pass computes one layer's sums and activations
 * @BP_PHASE_LOSS: the outputs meet their targets in the loss
 * @BP_PHASE_BACKWARD: the backward pass computes one layer's δ and the gradients of the
 *   weights it crosses
 *
 * The parts of a step, in the order a step makes them.
 */
typedef enum {
  BP_PHASE_IDLE,
  BP_PHASE_UPDATE,
  BP_PHASE_FORWARD,
  BP_PHASE_LOSS,
  BP_PHASE_BACKWARD,
} BpPhase;

GType       bp_phase_get_type         (void) G_GNUC_CONST;
const char *bp_phase_get_display_name (BpPhase phase);

/* A step shown at speed 1 lasts this long: the update, then the two passes in equal parts. */
#define BP_PLAYBACK_STEP_SECONDS 3.0
#define BP_PLAYBACK_UPDATE_SECONDS 0.6

/**
 * BpMoment:
 * @phase: the phase being shown
 * @layer: %BP_PHASE_FORWARD: the layer whose values are computed (1 … L);
 *   %BP_PHASE_BACKWARD: the layer the gradient wave reaches (L from the loss, then down to 0,
 *   the inputs); 0 otherwise
 * @progress: how far the phase has come, 0 … 1; at 1 its numbers are shown
 * @n_layers: L, the network's weight layers
 *
 * One moment of a step. A step is 2L + 3 sub-steps: the update, L forward layers, the loss
 * and L + 1 backward layers. Once a sub-step is complete its new numbers are shown, the rest
 * are those from before the step.
 */
typedef struct {
  BpPhase phase;
  guint layer;
  double progress;
  guint n_layers;
} BpMoment;

guint     bp_moment_count          (guint            n_layers);
BpMoment  bp_moment_at             (guint            n_layers,
                                    guint            index,
                                    double           progress);
BpMoment  bp_moment_idle           (guint            n_layers);
guint     bp_moment_index          (const BpMoment  *moment);
guint     bp_moment_done           (const BpMoment  *moment);
double    bp_moment_segments       (const BpMoment  *moment);
gboolean  bp_moment_new_weights    (const BpMoment  *moment);
gboolean  bp_moment_new_values     (const BpMoment  *moment,
                                    guint            layer);
gboolean  bp_moment_new_loss       (const BpMoment  *moment);
gboolean  bp_moment_new_deltas     (const BpMoment  *moment,
                                    guint            layer);
gboolean  bp_moment_new_gradients  (const BpMoment  *moment,
                                    guint            weight_layer);

G_DECLARE_FINAL_TYPE (BpPlayback, bp_playback, BP, PLAYBACK, GObject)

BpPlayback     *bp_playback_new               (BpNetwork    *network);
BpNetwork      *bp_playback_get_network       (BpPlayback   *self);
const BpMoment *bp_playback_get_moment        (BpPlayback   *self);
BpPhase         bp_playback_get_phase         (BpPlayback   *self);
gboolean        bp_playback_get_animating     (BpPlayback   *self);
gboolean        bp_playback_get_holding       (BpPlayback   *self);
gboolean        bp_playback_get_busy          (BpPlayback   *self);
double          bp_playback_get_speed         (BpPlayback   *self);
void            bp_playback_set_speed         (BpPlayback   *self,
                                               double        speed);
gboolean        bp_playback_get_motion        (BpPlayback   *self);
void            bp_playback_set_motion        (BpPlayback   *self,
                                               gboolean      motion);
double          bp_playback_get_step_duration (BpPlayback   *self);
const BpNet    *bp_playback_get_before        (BpPlayback   *self);
const BpNet    *bp_playback_get_after         (BpPlayback   *self);
const BpNet    *bp_playback_values_net        (BpPlayback   *self,
                                               guint         layer);
const BpNet    *bp_playback_loss_net          (BpPlayback   *self);
const BpNet    *bp_playback_gradients_net     (BpPlayback   *self,
                                               guint         weight_layer);
const BpNet    *bp_playback_deltas_net        (BpPlayback   *self,
                                               guint         layer);
guint64         bp_playback_get_shown_step    (BpPlayback   *self);
guint64         bp_playback_get_loss_step     (BpPlayback   *self);
void            bp_playback_show_next_step    (BpPlayback   *self,
                                               gboolean      hold);
void            bp_playback_advance           (BpPlayback   *self,
                                               gint64        frame_time_us);
gboolean        bp_playback_next              (BpPlayback   *self);
gboolean        bp_playback_previous          (BpPlayback   *self);
gboolean        bp_playback_hold_at           (BpPlayback   *self,
                                               const BpMoment *moment);
void            bp_playback_finish            (BpPlayback   *self);

G_END_DECLS
