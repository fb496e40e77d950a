/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-moment.c: BpMoment, one moment of a step as it is shown, and the rule that says which
 * numbers of the step are new at that moment: a layer's values once the forward pass has
 * reached it, the loss once the pulse reached the loss, a layer's δ and gradients once the
 * backward wave has. BpPlayback (bp-playback.c) moves through the moments. */
#define G_LOG_DOMAIN "bp-moment"

#include "config.h"

#include "bp-moment.h"

#include <glib/gi18n.h>

G_DEFINE_ENUM_TYPE (BpPhase, bp_phase,
  G_DEFINE_ENUM_VALUE (BP_PHASE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (BP_PHASE_UPDATE, "update"),
  G_DEFINE_ENUM_VALUE (BP_PHASE_FORWARD, "forward"),
  G_DEFINE_ENUM_VALUE (BP_PHASE_LOSS, "loss"),
  G_DEFINE_ENUM_VALUE (BP_PHASE_BACKWARD, "backward"))

/**
 * bp_phase_get_display_name:
 * @phase: a phase
 *
 * Returns: the phase's name as the diagram's caption and the Math panel write it,
 *   translated; "" for idle
 */
const char *
bp_phase_get_display_name (BpPhase phase)
{
  switch (phase)
    {
    case BP_PHASE_UPDATE:
      /* Translators: the caption on the diagram while the weights change */
      return C_("phase", "Update");
    case BP_PHASE_FORWARD:
      /* Translators: the caption on the diagram while values flow to the outputs */
      return C_("phase", "Forward pass");
    case BP_PHASE_LOSS:
      /* Translators: the caption on the diagram while the outputs meet their targets */
      return C_("phase", "Loss");
    case BP_PHASE_BACKWARD:
      /* Translators: the caption on the diagram while gradients flow back */
      return C_("phase", "Backward pass");
    case BP_PHASE_IDLE:
    default:
      return "";
    }
}

/**
 * bp_moment_count:
 * @n_layers: L
 *
 * Returns: how many sub-steps a step has: 2L + 3
 */
guint
bp_moment_count (guint n_layers)
{
  return 2 * n_layers + 3;
}

/**
 * bp_moment_at:
 * @n_layers: L
 * @index: a sub-step, 0 … 2L + 2; beyond, the moment is idle
 * @progress: how far it has come, 0 … 1
 *
 * Returns: the moment
 */
BpMoment
bp_moment_at (guint  n_layers,
              guint  index,
              double progress)
{
  BpMoment m = { BP_PHASE_IDLE, 0, CLAMP (progress, 0.0, 1.0), n_layers };

  if (index == 0)
    m.phase = BP_PHASE_UPDATE;
  else if (index <= n_layers)
    {
      m.phase = BP_PHASE_FORWARD;
      m.layer = index;
    }
  else if (index == n_layers + 1)
    m.phase = BP_PHASE_LOSS;
  else if (index < bp_moment_count (n_layers))
    {
      m.phase = BP_PHASE_BACKWARD;
      m.layer = 2 * n_layers + 2 - index;
    }
  else
    m.progress = 1.0;
  return m;
}

BpMoment
bp_moment_idle (guint n_layers)
{
  return bp_moment_at (n_layers, bp_moment_count (n_layers), 1.0);
}

/**
 * bp_moment_index:
 * @moment: a moment
 *
 * Returns: its sub-step, 0 … 2L + 2, or 2L + 3 when idle
 */
guint
bp_moment_index (const BpMoment *moment)
{
  guint L = moment->n_layers;

  switch (moment->phase)
    {
    case BP_PHASE_UPDATE:
      return 0;
    case BP_PHASE_FORWARD:
      return moment->layer;
    case BP_PHASE_LOSS:
      return L + 1;
    case BP_PHASE_BACKWARD:
      return 2 * L + 2 - moment->layer;
    case BP_PHASE_IDLE:
    default:
      return bp_moment_count (L);
    }
}

/**
 * bp_moment_done:
 * @moment: a moment
 *
 * Returns: how many sub-steps are complete, their numbers shown: 0 … 2L + 3
 */
guint
bp_moment_done (const BpMoment *moment)
{
  guint index = bp_moment_index (moment);

  if (moment->phase == BP_PHASE_IDLE)
    return index;
  return index + (moment->progress >= 1.0 ? 1 : 0);
}

/**
 * bp_moment_segments:
 * @moment: a moment
 *
 * Returns: how far a pass has travelled, in layers crossed: the forward pulse from the
 *   inputs (0) through the outputs (L) into the loss (L + 1), the backward wave from the
 *   loss (0) through the outputs (1) to the inputs (L + 1); the update's progress during
 *   the update
 */
double
bp_moment_segments (const BpMoment *moment)
{
  switch (moment->phase)
    {
    case BP_PHASE_UPDATE:
      return moment->progress;
    case BP_PHASE_FORWARD:
      return moment->layer - 1 + moment->progress;
    case BP_PHASE_LOSS:
      return moment->n_layers + moment->progress;
    case BP_PHASE_BACKWARD:
      return moment->n_layers - moment->layer + moment->progress;
    case BP_PHASE_IDLE:
    default:
      return moment->n_layers + 1;
    }
}

/* Whether the weights shown are the updated ones (during the update they move). */
gboolean
bp_moment_new_weights (const BpMoment *moment)
{
  return bp_moment_done (moment) >= 1;
}

/* Whether layer @layer shows its new values z and a (the inputs: with the weights). */
gboolean
bp_moment_new_values (const BpMoment *moment,
                      guint           layer)
{
  return bp_moment_done (moment) >= 1 + layer;
}

gboolean
bp_moment_new_loss (const BpMoment *moment)
{
  return bp_moment_done (moment) >= moment->n_layers + 2;
}

/* Whether layer @layer shows its new δ (the inputs: ∂L/∂x). */
gboolean
bp_moment_new_deltas (const BpMoment *moment,
                      guint           layer)
{
  return bp_moment_done (moment) + layer >= 2 * moment->n_layers + 3;
}

/* Whether weight layer @weight_layer (between layers l and l + 1) shows its new gradients:
 * the wave crosses it on its way to layer l. */
gboolean
bp_moment_new_gradients (const BpMoment *moment,
                         guint           weight_layer)
{
  return bp_moment_new_deltas (moment, weight_layer);
}
