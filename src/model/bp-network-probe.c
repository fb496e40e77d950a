/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-probe.c: the gradient check of one parameter of a BpNetwork. In dataset mode
 * the loss is that of the mini-batch the next step applies, the one whose gradient the net
 * shows (bp-network-dataset.c): gathered here again from the dataset, the features, the
 * batch size and the step count, as `backprop-cli train` and the model gather it. */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-probe.h"

#include "bp-format.h"
#include "bp-minibatch.h"
#include "bp-network-private.h"

/* The mini-batch at @step of training (the one step @step + 1 applies) into @inputs and
 * @targets; returns its size. Dataset mode only. */
static guint
batch_at (BpNetwork *self,
          guint64    step,
          double    *inputs,
          double    *targets)
{
  g_autoptr(BpMinibatch) mb = NULL;
  BpFeatureSet features = bp_network_get_features (self);
  guint n_in = bp_feature_set_count (features);
  guint batch_size = bp_network_get_batch_size (self);
  const guint *examples;
  guint batch, n;
  guint64 epoch;

  mb = bp_minibatch_new (self->dataset->n_train, batch_size, n_in, 1, self->dataset->seed);
  bp_dataset_step_position (self->dataset->n_train, batch_size, step, &epoch, &batch);
  bp_minibatch_seek (mb, epoch, batch);
  examples = bp_minibatch_peek (mb, &n);
  g_assert (n >= 1 && n <= BP_FILE_MAX_BATCH_SIZE && n_in <= BP_N_FEATURES);
  for (guint s = 0; s < n; s++)
    {
      const BpPoint *p = &self->dataset->points[examples[s]];

      bp_feature_set_fill (features, p->x1, p->x2, inputs + (gsize) s * n_in);
      targets[s] = p->label;
    }
  return n;
}

/**
 * bp_network_get_next_batch:
 * @self: a network
 * @inputs: (out caller-allocates): room for BP_FILE_MAX_BATCH_SIZE × BP_N_FEATURES values
 * @targets: (out caller-allocates): room for BP_FILE_MAX_BATCH_SIZE values
 *
 * The mini-batch the next step applies in dataset mode, whose gradient the net shows.
 *
 * Returns: its number of examples, or 0 when the network is not in dataset mode
 */
guint
bp_network_get_next_batch (BpNetwork *self,
                           double    *inputs,
                           double    *targets)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0);

  if (!_bp_network_in_dataset_mode (self) || !self->net->shows_batch)
    return 0;
  return batch_at (self, self->extras.step, inputs, targets);
}

/* The copy of the network whose gradient of @layer the views show while @playback shows a
 * step, and the step count at which it was taken. */
static const BpNet *
shown_net (BpNetwork  *self,
           BpPlayback *playback,
           guint       layer,
           guint64    *step)
{
  const BpNet *net;

  *step = self->extras.step;
  if (playback == NULL || !bp_playback_get_busy (playback))
    return self->net;
  net = bp_playback_gradients_net (playback, layer);
  if (net == bp_playback_get_after (playback))
    return self->net;
  /* The copy from before the step being shown: the batch that step applies. */
  *step = *step > 0 ? *step - 1 : 0;
  return net;
}

/**
 * bp_network_probe:
 * @self: a network
 * @playback: (nullable): the step being shown, if any
 * @selection: a weight (a connection) or a bias
 * @n_points: the curve's points, or 0 for as many as a frame affords
 *
 * Checks the gradient of the selected parameter (bp_probe_new ()) on the loss whose
 * gradient the views show: its example's, or in dataset mode the mini-batch's mean loss
 * plus the penalty. While @playback shows a step and the backward wave has not yet crossed
 * the parameter's layer, that is the network from before the step, as the diagram and the
 * Math panel show it. The network is not touched.
 *
 * Returns: (transfer full) (nullable): the probe, or %NULL when @selection is no parameter
 *   of the network
 */
BpProbe *
bp_network_probe (BpNetwork         *self,
                  BpPlayback        *playback,
                  const BpSelection *selection,
                  guint              n_points)
{
  double inputs[BP_FILE_MAX_BATCH_SIZE * BP_N_FEATURES];
  double targets[BP_FILE_MAX_BATCH_SIZE];
  const BpNet *net;
  guint64 step;
  guint n = 0;

  g_return_val_if_fail (BP_IS_NETWORK (self), NULL);
  g_return_val_if_fail (playback == NULL || BP_IS_PLAYBACK (playback), NULL);
  g_return_val_if_fail (selection != NULL, NULL);

  if ((selection->kind != BP_SELECTION_CONNECTION && selection->kind != BP_SELECTION_BIAS)
      || !bp_selection_valid (self->net, selection))
    return NULL;
  net = shown_net (self, playback, selection->layer, &step);
  if (!bp_selection_valid (net, selection))
    return NULL;
  if (_bp_network_in_dataset_mode (self) && net->shows_batch)
    n = batch_at (self, step, inputs, targets);
  if (n_points == 0)
    n_points = bp_probe_budget_points (net, MAX (n, 1));
  return bp_probe_new (net, selection->layer, selection->to,
                       selection->kind == BP_SELECTION_BIAS ? BP_PROBE_BIAS : selection->from,
                       n > 0 ? inputs : NULL, n > 0 ? targets : NULL, n, n_points);
}

/**
 * bp_probe_format_name:
 * @net: the network probed
 * @probe: a probe of it
 *
 * Returns: (transfer full): the parameter's name as the Math panel writes it:
 *   "w(h1→y1)" for a weight, "b(h1)" for a bias
 */
char *
bp_probe_format_name (const BpNet   *net,
                      const BpProbe *probe)
{
  g_autofree char *to = NULL;
  g_autofree char *from = NULL;

  g_return_val_if_fail (net != NULL && probe != NULL, NULL);

  to = bp_format_net_neuron (net, probe->layer + 1, probe->to);
  if (probe->from == BP_PROBE_BIAS)
    return g_strdup_printf ("b(%s)", to);
  from = bp_format_net_neuron (net, probe->layer, probe->from);
  return g_strdup_printf ("w(%s→%s)", from, to);
}
