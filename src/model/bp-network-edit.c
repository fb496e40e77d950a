/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-edit.c: BpNetwork's edits: functions, loss, input, target, weights and biases.
 * Each checks its value, writes it through the engine, recomputes, signals, then records the
 * state before it in the network's BpUndo. */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-private.h"

#include <math.h>
#include <string.h>

/* Bit-exact, so that writing −0.0 over 0.0 still counts as an edit. */
static gboolean
doubles_identical (double a,
                   double b)
{
  return memcmp (&a, &b, sizeof (double)) == 0;
}

/* The engine has no setters for inputs, targets and parameters: the model writes the
 * fields itself and recomputes at once, so that the net is never left stale. */
/* What one of the setters below changes. */
typedef enum {
  SLOT_INPUT,    /* a[0][to] */
  SLOT_TARGET,   /* target[to] */
  SLOT_WEIGHT,   /* W[layer][to][from] */
  SLOT_BIAS,     /* b[layer][to] */
} SlotKind;

/* Writes one value through the engine's setters; the caller has checked it. */
static void
write_slot (BpNet    *net,
            SlotKind  kind,
            guint     layer,
            guint     to,
            guint     from,
            double    value)
{
  g_autofree double *vector = NULL;

  switch (kind)
    {
    case SLOT_INPUT:
      vector = g_memdup2 (net->a[0], net->sizes[0] * sizeof (double));
      vector[to] = value;
      bp_net_set_input (net, vector);
      break;
    case SLOT_TARGET:
      vector = g_memdup2 (net->target, net->sizes[net->n_layers] * sizeof (double));
      vector[to] = value;
      if (!bp_net_set_target (net, vector, NULL))
        g_assert_not_reached ();
      break;
    case SLOT_WEIGHT:
      bp_net_set_weight (net, layer, to, from, value);
      break;
    case SLOT_BIAS:
    default:
      bp_net_set_bias (net, layer, to, value);
      break;
    }
}

static void
set_value (BpNetwork *self,
           SlotKind   kind,
           guint      layer,
           guint      to,
           guint      from,
           double     value)
{
  g_autoptr(BpUndoState) undo_state = _bp_undo_capture (self->undo);
  BpSnapshot before;

  _bp_network_snapshot_take (self, &before);
  write_slot (self->net, kind, layer, to, from, value);
  _bp_network_recompute (self);
  _bp_network_finish_change (self, &before, kind == SLOT_WEIGHT || kind == SLOT_BIAS);
  _bp_undo_commit (self->undo, g_steal_pointer (&undo_state));
}

/**
 * bp_network_get_activation:
 * @self: a network
 * @layer: a weight layer, 0 ≤ @layer < L
 *
 * Returns: the activation of layer @layer + 1, the output of weight layer @layer
 */
BpActivation
bp_network_get_activation (BpNetwork *self,
                           guint      layer)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), BP_ACTIVATION_LINEAR);
  g_return_val_if_fail (layer < self->net->n_layers, BP_ACTIVATION_LINEAR);

  return self->net->activations[layer];
}

/**
 * bp_network_set_activation:
 * @self: a network
 * @layer: a weight layer, 0 ≤ @layer < L
 * @activation: the new activation of its output neurons
 * @error: return location for an error
 *
 * Changes one layer's activation and keeps the weights. Emits "structure-changed",
 * "forward", "backward" when the activation really changes. Fails, changing nothing,
 * when the loss does not allow it (cross-entropy needs a sigmoid output).
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_set_activation (BpNetwork     *self,
                           guint          layer,
                           BpActivation   activation,
                           GError       **error)
{
  g_autoptr(BpUndoState) undo_state = NULL;
  BpSnapshot before;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (layer < self->net->n_layers, FALSE);
  g_return_val_if_fail ((guint) activation < BP_N_ACTIVATIONS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->net->activations[layer] == activation)
    return TRUE;
  undo_state = _bp_undo_capture (self->undo);
  _bp_network_snapshot_take (self, &before);
  if (!bp_net_set_activation (self->net, layer, activation, error))
    return FALSE;
  _bp_network_recompute (self);
  _bp_network_finish_change (self, &before, FALSE);
  _bp_undo_commit (self->undo, g_steal_pointer (&undo_state));
  return TRUE;
}

/**
 * bp_network_get_loss_kind:
 * @self: a network
 *
 * Returns: the loss function
 */
BpLoss
bp_network_get_loss_kind (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), BP_LOSS_SQUARED_ERROR);

  return self->net->loss_kind;
}

/**
 * bp_network_set_loss_kind:
 * @self: a network
 * @loss: the new loss function
 * @error: return location for an error
 *
 * Changes the loss function. Emits "structure-changed", "forward", "backward" and
 * notifies "loss-kind" when it really changes. Fails, changing nothing, when the network
 * does not allow it (cross-entropy needs a sigmoid output and targets in [0, 1]).
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_set_loss_kind (BpNetwork  *self,
                          BpLoss      loss,
                          GError    **error)
{
  g_autoptr(BpUndoState) undo_state = NULL;
  BpSnapshot before;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail ((guint) loss < BP_N_LOSSES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->net->loss_kind == loss)
    return TRUE;
  undo_state = _bp_undo_capture (self->undo);
  _bp_network_snapshot_take (self, &before);
  /* The engine checks the output activation and, for cross-entropy, that the targets lie
   * in [0, 1]; it changes nothing when it refuses. */
  if (!bp_net_set_loss (self->net, loss, error))
    return FALSE;
  _bp_network_recompute (self);
  _bp_network_finish_change (self, &before, FALSE);
  _bp_undo_commit (self->undo, g_steal_pointer (&undo_state));
  return TRUE;
}

/**
 * bp_network_get_input:
 * @self: a network
 * @index: an input neuron
 *
 * Returns: the value of input @index
 */
double
bp_network_get_input (BpNetwork *self,
                      guint      index)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0.0);
  g_return_val_if_fail (index < self->net->sizes[0], 0.0);

  return self->net->a[0][index];
}

/**
 * bp_network_set_input:
 * @self: a network
 * @index: an input neuron
 * @value: a finite number
 *
 * Sets one input and emits "forward", "backward" if it really changed.
 */
void
bp_network_set_input (BpNetwork *self,
                      guint      index,
                      double     value)
{
  g_return_if_fail (BP_IS_NETWORK (self));
  g_return_if_fail (index < self->net->sizes[0]);
  g_return_if_fail (isfinite (value));

  if (!doubles_identical (self->net->a[0][index], value))
    set_value (self, SLOT_INPUT, 0, index, 0, value);
}

/**
 * bp_network_set_inputs:
 * @self: a network
 * @values: (array): one finite number per input neuron
 *
 * Sets all inputs at once and emits "forward", "backward" once if any changed.
 */
void
bp_network_set_inputs (BpNetwork    *self,
                       const double *values)
{
  g_autoptr(BpUndoState) undo_state = NULL;
  gsize size;
  BpSnapshot before;

  g_return_if_fail (BP_IS_NETWORK (self));
  g_return_if_fail (values != NULL);
  size = self->net->sizes[0] * sizeof (double);
  g_return_if_fail (_bp_network_all_finite (values, self->net->sizes[0]));

  if (memcmp (self->net->a[0], values, size) == 0)
    return;
  undo_state = _bp_undo_capture (self->undo);
  _bp_network_snapshot_take (self, &before);
  bp_net_set_input (self->net, values);
  _bp_network_recompute (self);
  _bp_network_finish_change (self, &before, FALSE);
  _bp_undo_commit (self->undo, g_steal_pointer (&undo_state));
}

/**
 * bp_network_get_target:
 * @self: a network
 * @index: an output neuron
 *
 * Returns: the target of output @index
 */
double
bp_network_get_target (BpNetwork *self,
                       guint      index)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0.0);
  g_return_val_if_fail (index < self->net->sizes[self->net->n_layers], 0.0);

  return self->net->target[index];
}

/**
 * bp_network_set_target:
 * @self: a network
 * @index: an output neuron
 * @value: the target
 * @error: return location for an error
 *
 * Sets one target and emits "forward", "backward" if it really changed. Fails, changing
 * nothing, for a non-finite value or one the loss does not allow (cross-entropy needs
 * [0, 1]).
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_set_target (BpNetwork  *self,
                       guint       index,
                       double      value,
                       GError    **error)
{
  guint n_outputs;
  g_autofree double *target = NULL;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  n_outputs = self->net->sizes[self->net->n_layers];
  g_return_val_if_fail (index < n_outputs, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_bp_network_check_finite (value, error))
    return FALSE;
  if (doubles_identical (self->net->target[index], value))
    return TRUE;
  target = g_memdup2 (self->net->target, n_outputs * sizeof (double));
  target[index] = value;
  if (!bp_net_check_target (self->net, target, error))
    return FALSE;
  set_value (self, SLOT_TARGET, 0, index, 0, value);
  return TRUE;
}

/**
 * bp_network_get_weight:
 * @self: a network
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 * @from: a neuron of layer @layer
 *
 * Returns: the weight from @from to @to
 */
double
bp_network_get_weight (BpNetwork *self,
                       guint      layer,
                       guint      to,
                       guint      from)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0.0);
  g_return_val_if_fail (layer < self->net->n_layers, 0.0);
  g_return_val_if_fail (to < self->net->sizes[layer + 1], 0.0);
  g_return_val_if_fail (from < self->net->sizes[layer], 0.0);

  return *bp_net_weight (self->net, layer, to, from);
}

/**
 * bp_network_set_weight:
 * @self: a network
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 * @from: a neuron of layer @layer
 * @value: a finite number
 * @error: return location for an error
 *
 * Edits one weight and emits "updated", "forward", "backward" if it really changed.
 * Fails, changing nothing, for a non-finite value.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_set_weight (BpNetwork  *self,
                       guint       layer,
                       guint       to,
                       guint       from,
                       double      value,
                       GError    **error)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (layer < self->net->n_layers, FALSE);
  g_return_val_if_fail (to < self->net->sizes[layer + 1], FALSE);
  g_return_val_if_fail (from < self->net->sizes[layer], FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_bp_network_check_finite (value, error))
    return FALSE;
  if (!doubles_identical (*bp_net_weight (self->net, layer, to, from), value))
    set_value (self, SLOT_WEIGHT, layer, to, from, value);
  return TRUE;
}

/**
 * bp_network_get_bias:
 * @self: a network
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 *
 * Returns: the bias of neuron @to of layer @layer + 1
 */
double
bp_network_get_bias (BpNetwork *self,
                     guint      layer,
                     guint      to)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0.0);
  g_return_val_if_fail (layer < self->net->n_layers, 0.0);
  g_return_val_if_fail (to < self->net->sizes[layer + 1], 0.0);

  return self->net->biases[layer][to];
}

/**
 * bp_network_set_bias:
 * @self: a network
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 * @value: a finite number
 * @error: return location for an error
 *
 * Edits one bias and emits "updated", "forward", "backward" if it really changed.
 * Fails, changing nothing, for a non-finite value.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_set_bias (BpNetwork  *self,
                     guint       layer,
                     guint       to,
                     double      value,
                     GError    **error)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (layer < self->net->n_layers, FALSE);
  g_return_val_if_fail (to < self->net->sizes[layer + 1], FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_bp_network_check_finite (value, error))
    return FALSE;
  if (!doubles_identical (self->net->biases[layer][to], value))
    set_value (self, SLOT_BIAS, layer, to, 0, value);
  return TRUE;
}
