/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-ghosts.c: learning-rate ghosts: what the loss chart would show after one step at
 * a multiple of η, each computed on a copy of the engine's network by the step the real one
 * would take (one SGD step on the example, or the next mini-batch step on the dataset), so
 * the network itself, its step count, history and undo stay as they are. */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-private.h"

#include "bp-forward-batch.h"
#include "bp-minibatch.h"
#include "bp-trainer.h"

#include <math.h>

#define SCRATCH_KEY "bp-network-ghosts-scratch"

/* The training points of dataset mode as the network takes them, as bp-network-dataset.c
 * builds them, so the mean loss is the chart's to the bit. The buffers stay with the network
 * (only their size is kept: the points are filled in anew each time), since a large training
 * set's forward buffers cost more to make than the passes themselves. */
typedef struct {
  guint n_inputs;
  guint n_train;
  gsize capacity;         /* doubles inputs holds */
  guint n_targets;        /* and targets */
  double *inputs;
  double *targets;
  BpForwardBatch *eval;
  BpMinibatch *mb;
} Training;

static void
training_free (gpointer data)
{
  Training *training = data;

  g_free (training->inputs);
  g_free (training->targets);
  g_clear_pointer (&training->eval, bp_forward_batch_free);
  g_clear_pointer (&training->mb, bp_minibatch_free);
  g_free (training);
}

static Training *
get_training (BpNetwork *self)
{
  const BpDataset *dataset = self->dataset;
  BpFeatureSet features = bp_network_get_features (self);
  guint n_in = bp_feature_set_count (features);
  guint n = dataset->n_train;
  Training *training = g_object_get_data (G_OBJECT (self), SCRATCH_KEY);

  if (training == NULL)
    {
      training = g_new0 (Training, 1);
      g_object_set_data_full (G_OBJECT (self), SCRATCH_KEY, training, training_free);
    }
  if (training->capacity < (gsize) n * n_in || training->n_targets < n)
    {
      g_free (training->inputs);
      g_free (training->targets);
      training->capacity = (gsize) n * n_in;
      training->n_targets = n;
      training->inputs = g_new (double, training->capacity);
      training->targets = g_new (double, n);
    }
  training->n_inputs = n_in;
  training->n_train = n;
  for (guint k = 0; k < n; k++)
    {
      const BpPoint *p = &dataset->points[k];

      bp_feature_set_fill (features, p->x1, p->x2, training->inputs + (gsize) k * n_in);
      training->targets[k] = p->label;
    }
  if (training->eval == NULL || !bp_forward_batch_fits (training->eval, self->net, n))
    {
      g_clear_pointer (&training->eval, bp_forward_batch_free);
      training->eval = bp_forward_batch_new (self->net, n);
    }
  g_clear_pointer (&training->mb, bp_minibatch_free);
  training->mb = bp_minibatch_new (n, bp_network_get_batch_size (self), n_in, 1,
                                   dataset->seed);
  return training;
}

/* One step of @net as the network's next step would take it; the chart's loss after it, or
 * NaN when the engine refuses the step. */
static double
ghost_step (BpNetwork *self,
            BpNet     *net,
            Training  *training)
{
  guint64 epoch;
  guint batch;

  if (training == NULL)
    return bp_net_step (net, NULL) ? net->loss : NAN;
  bp_dataset_step_position (training->n_train, training->mb->batch_size, self->extras.step,
                            &epoch, &batch);
  bp_minibatch_seek (training->mb, epoch, batch);
  if (!bp_net_minibatch_step (net, training->mb, training->inputs, training->targets, NULL,
                              NULL))
    return NAN;
  bp_net_forward_batch (net, training->inputs, training->n_train, BP_FORWARD_EXACT,
                        training->eval);
  return bp_net_mean_loss (net, training->targets, training->eval, NULL);
}

/**
 * bp_ghost_runs_away:
 * @before: the chart's loss before the step
 * @after: its loss after the step
 *
 * The trainer's rule for a loss that runs away (see #BpTrainer): above 1 and more than
 * %BP_TRAINER_RUNAWAY_FACTOR times the loss it started from.
 *
 * Returns: %TRUE when the step diverges
 */
gboolean
bp_ghost_runs_away (double before,
                    double after)
{
  return !isfinite (after)
         || (after > 1.0 && after > BP_TRAINER_RUNAWAY_FACTOR * MAX (before, 1e-3));
}

/**
 * bp_network_ghost_losses:
 * @self: a network
 * @factors: (array length=n): multiples of the learning rate, each above 0
 * @n: how many
 * @out: (out caller-allocates) (array length=n): for each factor, the ghost
 *
 * What the loss chart would show after one step at @factors[k]·η: in example mode the
 * example's loss after one SGD step; in dataset mode the training set's mean loss after the
 * mini-batch step the network's next step would take (the next batch, with the penalty).
 * Each step is taken on a copy of the engine's network; the network does not change and emits
 * nothing. A step the engine refuses, whose loss is not finite, or whose loss runs away (see
 * bp_ghost_runs_away()) is marked diverged, its loss NaN.
 *
 * Returns: the number of ghosts written, @n (0 when the network's state is not finite)
 */
guint
bp_network_ghost_losses (BpNetwork    *self,
                         const double *factors,
                         guint         n,
                         BpGhost      *out)
{
  Training *training = NULL;
  double before;
  BpNet *copy;

  g_return_val_if_fail (BP_IS_NETWORK (self), 0);
  g_return_val_if_fail (n == 0 || (factors != NULL && out != NULL), 0);

  before = _bp_network_chart_loss (self);
  if (n == 0 || !isfinite (before))
    return 0;
  if (_bp_network_in_dataset_mode (self))
    training = get_training (self);
  copy = bp_net_copy (self->net);
  for (guint k = 0; k < n; k++)
    {
      double loss;

      bp_net_copy_values (copy, self->net);
      copy->learning_rate = factors[k] * self->net->learning_rate;
      loss = ghost_step (self, copy, training);
      out[k].factor = factors[k];
      out[k].diverged = bp_ghost_runs_away (before, loss);
      out[k].loss = out[k].diverged ? NAN : loss;
    }
  bp_net_free (copy);
  return n;
}
