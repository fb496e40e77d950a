/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-moment.h: BpMoment, one moment of a step as it is shown, and the rule that says which
 * numbers a moment shows. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

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

G_END_DECLS
