/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-shape.c: BpNetwork's architecture: hidden layers and neurons added or removed,
 * a layer's activation, and the states BpUndo brings back.
 *
 * Layers are numbered here as the diagram shows them: 0 is the input, L the output, 1 … L − 1
 * the hidden layers. Each edit replaces the engine's network by the one bp_net_reshape()
 * makes, recomputes, signals, then records the state before it in the network's BpUndo.
 */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-private.h"

/* Puts @net (transfer full) in place of the network, keeping the pointer when the shape is
 * the same. The caller recomputes and signals. */
static void
replace (BpNetwork *self,
         BpNet     *net)
{
  if (bp_net_same_shape (self->net, net))
    {
      bp_net_copy_values (self->net, net);
      bp_net_free (net);
    }
  else
    {
      bp_net_free (self->net);
      self->net = net;
    }
}

/* Ends an edit of the architecture or a restore. With @new_run the loss history starts a
 * new run, since its earlier points belong to another network or another moment. */
static void
finish (BpNetwork        *self,
        const BpSnapshot *before,
        gboolean          new_run)
{
  if (new_run)
    bp_history_mark_reset (self->history);
  _bp_network_recompute (self);
  _bp_network_finish_change (self, before, TRUE);
}

/* Restores a state of BpUndo: @net (transfer full) with @extras, its seed and step count,
 * and its dataset (copied when it differs; another dataset starts a new run too).
 * Only a state of another shape, seed or step starts a new run of the loss history; one
 * that differs by values alone replaces the last point, as an edit of those values does. */
void
_bp_network_restore (BpNetwork          *self,
                     BpNet              *net,
                     const BpFileExtras *extras,
                     const BpDataset    *dataset,
                     const char         *dataset_source)
{
  BpSnapshot before;
  gboolean new_run = !bp_net_same_shape (self->net, net)
                     || extras->step != self->extras.step
                     || extras->seed != self->extras.seed;

  _bp_network_snapshot_take (self, &before);
  replace (self, net);
  self->extras = *extras;
  if ((dataset == NULL) != (self->dataset == NULL)
      || (dataset != NULL && !bp_dataset_equal (dataset, self->dataset))
      || g_strcmp0 (dataset_source, self->dataset_source) != 0)
    {
      _bp_network_take_dataset (self, dataset != NULL ? bp_dataset_copy (dataset) : NULL,
                                dataset_source);
      new_run = TRUE;
    }
  finish (self, &before, new_run);
}

/**
 * bp_network_reshape:
 * @self: a network
 * @edit: the edit; its layer and neuron must exist (see #BpReshape)
 * @error: return location for an error
 *
 * Adds or removes a hidden layer or a neuron of one, as bp_net_reshape() does: untouched
 * weights and biases stay bit for bit, new weights are drawn by the network's rule from
 * its seed (see bp_network_get_seed(); 0 when it has none) and the edit, so the same edit always gives the same
 * weights. Input, target, activations, loss, η and the step count stay. Emits
 * "structure-changed", "updated", "forward", "backward", then the notifications ("n-layers",
 * "sizes", "activations", "loss", …). Fails, changing nothing, beyond the editor's limits:
 * 0 to %BP_MAX_HIDDEN_LAYERS hidden layers of 1 to %BP_MAX_HIDDEN_WIDTH neurons.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_reshape (BpNetwork        *self,
                    const BpReshape  *edit,
                    GError          **error)
{
  g_autoptr(BpUndoState) undo_state = NULL;
  BpSnapshot before;
  BpNet *net;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  net = bp_net_reshape (self->net, edit, self->extras.seed, error);
  if (net == NULL)
    return FALSE;
  undo_state = _bp_undo_capture (self->undo);
  _bp_network_snapshot_take (self, &before);
  replace (self, net);
  finish (self, &before, TRUE);
  _bp_undo_commit (self->undo, g_steal_pointer (&undo_state));
  return TRUE;
}

/**
 * bp_network_add_layer:
 * @self: a network
 * @layer: where the new hidden layer goes, 1 … L: it becomes layer @layer and the layers
 *   from there on move up by one (L puts it right below the output)
 * @size: its neurons, 1 … %BP_MAX_HIDDEN_WIDTH
 * @error: return location for an error
 *
 * Adds a hidden layer, fully connected to its neighbours by new weights; its activation is
 * that of the hidden layer below it, or else above it, or else tanh. See
 * bp_network_reshape() for the weights kept and the signals.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_add_layer (BpNetwork  *self,
                      guint       layer,
                      guint       size,
                      GError    **error)
{
  BpReshape edit = { BP_RESHAPE_ADD_LAYER, layer, 0, size };

  return bp_network_reshape (self, &edit, error);
}

/**
 * bp_network_remove_layer:
 * @self: a network
 * @layer: a hidden layer, 1 … L − 1 (any value when there is none: that is the error)
 * @error: return location for an error
 *
 * Removes a hidden layer; the layers on either side are connected by new weights. See
 * bp_network_reshape() for the weights kept and the signals.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_remove_layer (BpNetwork  *self,
                         guint       layer,
                         GError    **error)
{
  BpReshape edit = { BP_RESHAPE_REMOVE_LAYER, layer, 0, 0 };

  return bp_network_reshape (self, &edit, error);
}

/**
 * bp_network_add_neuron:
 * @self: a network
 * @layer: a hidden layer, 1 … L − 1
 * @index: where the new neuron goes, 0 … its size (the size appends it)
 * @error: return location for an error
 *
 * Adds a neuron with new incoming and outgoing weights and a bias of 0. See
 * bp_network_reshape() for the weights kept and the signals.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_add_neuron (BpNetwork  *self,
                       guint       layer,
                       guint       index,
                       GError    **error)
{
  BpReshape edit = { BP_RESHAPE_ADD_NEURON, layer, index, 0 };

  return bp_network_reshape (self, &edit, error);
}

/**
 * bp_network_remove_neuron:
 * @self: a network
 * @layer: a hidden layer, 1 … L − 1
 * @index: one of its neurons
 * @error: return location for an error
 *
 * Removes a neuron with its weights and bias; a hidden layer keeps at least one. See
 * bp_network_reshape() for the signals.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_remove_neuron (BpNetwork  *self,
                          guint       layer,
                          guint       index,
                          GError    **error)
{
  BpReshape edit = { BP_RESHAPE_REMOVE_NEURON, layer, index, 0 };

  return bp_network_reshape (self, &edit, error);
}

/**
 * bp_network_set_layer_activation:
 * @self: a network
 * @layer: a layer 1 … L, numbered as by bp_network_add_layer() (L is the output)
 * @activation: its new activation
 * @error: return location for an error
 *
 * bp_network_set_activation() with the layers numbered as the diagram shows them: sets the
 * activation of the neurons of layer @layer. Emits "structure-changed", "forward",
 * "backward" when it really changes (the parameters stay, so no "updated"). Fails, changing
 * nothing, when the loss does not allow it: cross-entropy needs a sigmoid output.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_set_layer_activation (BpNetwork     *self,
                                 guint          layer,
                                 BpActivation   activation,
                                 GError       **error)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (layer >= 1 && layer <= self->net->n_layers, FALSE);

  return bp_network_set_activation (self, layer - 1, activation, error);
}
