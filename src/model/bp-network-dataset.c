/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-dataset.c: BpNetwork in dataset mode: the dataset, the input features, the batch
 * size and the regularisation, mini-batch steps, and the train and test loss and accuracy.
 *
 * The settings live where the network file keeps them (the extras, the net's regularisation
 * and the model's dataset), so bp_network_save() writes them and BpUndo restores them. In
 * dataset mode a step is a mini-batch step of bp_net_minibatch_step(); the position in the
 * epochs follows from the step count and the batch size, as for `backprop-cli train`, so the
 * model and the command line train bit for bit alike. After every operation the net shows
 * the mini-batch its next step applies (bp_net_show_batch()): its input and target are that
 * batch's first example, whose values and δ the views show and the animation plays, and the
 * gradients every view reads are the batch's mean gradient, the penalty's included, which
 * the step applies. A file still gets the first training point (_bp_network_net_for_file).
 */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-private.h"

#include "bp-forward-batch.h"
#include "bp-minibatch.h"

#include <glib/gi18n.h>
#include <string.h>

G_DEFINE_ENUM_TYPE (BpFileMode, bp_file_mode,
  G_DEFINE_ENUM_VALUE (BP_FILE_MODE_EXAMPLE, "example"),
  G_DEFINE_ENUM_VALUE (BP_FILE_MODE_DATASET, "dataset"))

/* The dataset's points as the network takes them, and the buffers of steps and measures. */
typedef struct _BpDatasetCache
{
  BpFeatureSet features;
  guint n_inputs;
  guint n_train;
  guint n_test;
  double *train_inputs;   /* features by point */
  double *train_targets;
  double *test_inputs;
  double *test_targets;
  BpForwardBatch *eval;   /* reused for every measure; remade when the net's shape changes */
  BpMinibatch *mb;        /* remade when the batch size changes */
} BpDatasetCache;

static void
fill (const BpDataset *dataset,
      BpFeatureSet     features,
      guint            first,
      guint            n,
      double         **inputs,
      double         **targets)
{
  guint n_in = bp_feature_set_count (features);

  *inputs = g_new (double, (gsize) MAX (n, 1) * n_in);
  *targets = g_new (double, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      const BpPoint *p = &dataset->points[first + k];

      bp_feature_set_fill (features, p->x1, p->x2, *inputs + (gsize) k * n_in);
      (*targets)[k] = p->label;
    }
}

void
_bp_network_drop_cache (BpNetwork *self)
{
  BpDatasetCache *cache = g_steal_pointer (&self->cache);

  if (cache == NULL)
    return;
  g_free (cache->train_inputs);
  g_free (cache->train_targets);
  g_free (cache->test_inputs);
  g_free (cache->test_targets);
  g_clear_pointer (&cache->eval, bp_forward_batch_free);
  g_clear_pointer (&cache->mb, bp_minibatch_free);
  g_free (cache);
}

/* The cache of the current dataset, features, net and batch size (dataset mode only). */
static BpDatasetCache *
get_cache (BpNetwork *self)
{
  BpFeatureSet features = bp_network_get_features (self);
  guint batch_size = bp_network_get_batch_size (self);
  const BpDataset *dataset = self->dataset;
  BpDatasetCache *cache;

  if (self->cache != NULL && self->cache->features != features)
    _bp_network_drop_cache (self);
  if (self->cache == NULL)
    {
      cache = self->cache = g_new0 (BpDatasetCache, 1);
      cache->features = features;
      cache->n_inputs = bp_feature_set_count (features);
      cache->n_train = dataset->n_train;
      cache->n_test = dataset->n_points - dataset->n_train;
      fill (dataset, features, 0, cache->n_train, &cache->train_inputs, &cache->train_targets);
      fill (dataset, features, cache->n_train, cache->n_test,
            &cache->test_inputs, &cache->test_targets);
    }
  cache = self->cache;
  if (cache->eval == NULL
      || !bp_forward_batch_fits (cache->eval, self->net, MAX (cache->n_train, cache->n_test)))
    {
      g_clear_pointer (&cache->eval, bp_forward_batch_free);
      cache->eval = bp_forward_batch_new (self->net, MAX (cache->n_train,
                                                          MAX (cache->n_test, 1)));
    }
  if (cache->mb == NULL || cache->mb->batch_size != batch_size)
    {
      g_clear_pointer (&cache->mb, bp_minibatch_free);
      cache->mb = bp_minibatch_new (cache->n_train, batch_size, cache->n_inputs, 1,
                                    dataset->seed);
    }
  return cache;
}

/* Whether the network trains on its dataset: the mode says so and everything fits. */
gboolean
_bp_network_in_dataset_mode (BpNetwork *self)
{
  const BpNet *net = self->net;

  return self->extras.has_mode && self->extras.mode == BP_FILE_MODE_DATASET
         && self->dataset != NULL && self->dataset->n_train > 0
         && net->sizes[net->n_layers] == 1
         && bp_feature_set_count (bp_network_get_features (self)) == net->sizes[0];
}

static double
evaluate (BpNetwork      *self,
          BpDatasetCache *cache,
          const double   *inputs,
          const double   *targets,
          guint           n,
          double         *accuracy)
{
  guint n_correct = 0;
  double loss;

  *accuracy = 0.0;
  if (n == 0)
    return 0.0;
  bp_net_forward_batch (self->net, inputs, n, BP_FORWARD_EXACT, cache->eval);
  loss = bp_net_mean_loss (self->net, targets, cache->eval, &n_correct);
  if (self->dataset->kind == BP_DATASET_CLASSIFICATION)
    *accuracy = (double) n_correct / n;
  return loss;
}

/* Makes the net show the mini-batch at (@epoch, @batch), the one the next step applies. */
static void
show_next_batch (BpNetwork      *self,
                 BpDatasetCache *cache,
                 guint64         epoch,
                 guint           batch)
{
  double inputs[BP_FILE_MAX_BATCH_SIZE * BP_N_FEATURES];
  double targets[BP_FILE_MAX_BATCH_SIZE];
  guint n_in = cache->n_inputs;
  const guint *examples;
  guint n;

  bp_minibatch_seek (cache->mb, epoch, batch);
  examples = bp_minibatch_peek (cache->mb, &n);
  g_assert (n >= 1 && n <= BP_FILE_MAX_BATCH_SIZE && n_in <= BP_N_FEATURES);
  for (guint s = 0; s < n; s++)
    {
      memcpy (inputs + (gsize) s * n_in, cache->train_inputs + (gsize) examples[s] * n_in,
              n_in * sizeof (double));
      targets[s] = cache->train_targets[examples[s]];
    }
  /* A batch whose gradient is not finite shows as such; the next step reports it. */
  bp_net_show_batch (self->net, inputs, targets, n);
}

/* Recomputes the train and test loss and accuracy, the epoch the extras save, and in dataset
 * mode the mini-batch the net shows (in example mode, its own example). */
void
_bp_network_measure (BpNetwork *self)
{
  BpDatasetCache *cache;
  guint batch;

  self->train_loss = self->test_loss = 0.0;
  self->train_accuracy = self->test_accuracy = 0.0;
  if (!_bp_network_in_dataset_mode (self))
    {
      self->net->input_features = 0;
      bp_net_show_sample (self->net);
      bp_health_measure (self->health, self->net, self->extras.step, NULL);
      return;
    }
  /* The views name each input by its feature. */
  self->net->input_features = bp_network_get_features (self);
  cache = get_cache (self);
  self->extras.has_epoch = TRUE;
  bp_dataset_step_position (cache->n_train, bp_network_get_batch_size (self),
                            self->extras.step, &self->extras.epoch, &batch);
  show_next_batch (self, cache, self->extras.epoch, batch);
  self->train_loss = evaluate (self, cache, cache->train_inputs, cache->train_targets,
                               cache->n_train, &self->train_accuracy);
  bp_health_measure (self->health, self->net, self->extras.step, cache->eval);
  self->test_loss = evaluate (self, cache, cache->test_inputs, cache->test_targets,
                              cache->n_test, &self->test_accuracy);
}

/**
 * _bp_network_net_for_file:
 * @self: a network
 *
 * What a network file writes keeps the first training point as its "input" and "target" in
 * dataset mode, whichever batch the net shows, so older readers open it as one example.
 *
 * Returns: (transfer full) (nullable): a copy of the net with that point, or %NULL when the
 *   net is written as it is
 */
BpNet *
_bp_network_net_for_file (BpNetwork *self)
{
  const BpPoint *p;
  double input[BP_N_FEATURES];
  BpNet *net;

  if (!_bp_network_in_dataset_mode (self))
    return NULL;
  net = bp_net_copy (self->net);
  p = &self->dataset->points[0];
  bp_feature_set_fill (bp_network_get_features (self), p->x1, p->x2, input);
  bp_net_set_input (net, input);
  bp_net_set_target (net, &p->label, NULL);
  bp_net_show_sample (net);
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

/* What the loss chart shows: the train loss in dataset mode, else the example's loss. */
double
_bp_network_chart_loss (BpNetwork *self)
{
  return _bp_network_in_dataset_mode (self) ? self->train_loss : self->net->loss;
}

/* Sets the dataset to @dataset (transfer full, nullable) and its CSV @source. */
void
_bp_network_take_dataset (BpNetwork  *self,
                          BpDataset  *dataset,
                          const char *source)
{
  char *copy = g_strdup (source);

  /* Steps on other points are another timeline. */
  self->timeline_stale = TRUE;
  _bp_network_drop_cache (self);
  g_clear_pointer (&self->dataset, bp_dataset_free);
  g_clear_pointer (&self->dataset_source, g_free);
  self->dataset = dataset;
  self->dataset_source = copy;
}

/* Gets the dataset's points and buffers ready for steps in dataset mode, and tells the steps
 * of an epoch there (1 in example mode). */
guint
_bp_network_prepare_steps (BpNetwork *self)
{
  if (!_bp_network_in_dataset_mode (self))
    return 1;
  return get_cache (self)->mb->batches_per_epoch;
}

/* The mini-batch step from step count @step, applied to @net (the network's own, or its
 * timeline's replay): the batch follows from @step alone, so a replay takes the same batches.
 * With @loss, puts there the train loss after the step, as the chart shows it. Needs
 * _bp_network_prepare_steps() first. */
gboolean
_bp_network_dataset_step (BpNetwork  *self,
                          BpNet      *net,
                          guint64     step,
                          double     *loss,
                          GError    **error)
{
  BpDatasetCache *cache = self->cache;
  guint n_correct = 0;
  guint64 epoch;
  guint batch;

  g_assert (cache != NULL && cache->mb != NULL);
  bp_dataset_step_position (cache->n_train, cache->mb->batch_size, step, &epoch, &batch);
  bp_minibatch_seek (cache->mb, epoch, batch);
  if (!bp_net_minibatch_step (net, cache->mb, cache->train_inputs, cache->train_targets, NULL,
                              error))
    return FALSE;
  if (loss != NULL)
    {
      bp_net_forward_batch (net, cache->train_inputs, cache->n_train, BP_FORWARD_EXACT,
                            cache->eval);
      *loss = bp_net_mean_loss (net, cache->train_targets, cache->eval, &n_correct);
    }
  return TRUE;
}

/* The index of @feature among the inputs of @set, or -1. */
static int
feature_index (BpFeatureSet set,
               BpFeature    feature)
{
  int index = 0;

  if (!(set & BP_FEATURE_BIT (feature)))
    return -1;
  for (guint f = 0; f < feature; f++)
    index += (set & BP_FEATURE_BIT (f)) != 0;
  return index;
}

/* Gives the input layer the neurons of @features: the weights of the features kept move with
 * them bit for bit, those of new features are 0. Without features (a network in example mode
 * of another input size) the inputs are matched by position. */
static void
apply_features (BpNetwork    *self,
                BpFeatureSet  features)
{
  const BpNet *old = self->net;
  BpFeatureSet old_features = 0;
  guint sizes[BP_MAX_LAYERS + 1];
  guint n_in = bp_feature_set_count (features);
  int from[BP_N_FEATURES];
  guint j = 0;
  BpNet *net;

  if (self->extras.has_features)
    old_features = self->extras.features;
  else if (old->sizes[0] == bp_feature_set_count (BP_FEATURES_DEFAULT))
    old_features = BP_FEATURES_DEFAULT;
  for (guint f = 0; f < BP_N_FEATURES; f++)
    if (features & BP_FEATURE_BIT (f))
      {
        from[j] = old_features != 0 ? feature_index (old_features, f)
                                    : (j < old->sizes[0] ? (int) j : -1);
        j++;
      }
  self->extras.has_features = TRUE;
  self->extras.features = features;
  if (old_features == features)
    return;

  memcpy (sizes, old->sizes, sizeof sizes);
  sizes[0] = n_in;
  net = bp_net_new (old->n_layers + 1, sizes, old->activations, old->loss_kind, NULL);
  g_assert (net != NULL);
  net->learning_rate = old->learning_rate;
  net->regularization = old->regularization;
  net->regularization_rate = old->regularization_rate;
  for (guint to = 0; to < sizes[1]; to++)
    for (j = 0; j < n_in; j++)
      net->weights[0][(gsize) to * n_in + j] = from[j] >= 0 ? *bp_net_weight (old, 0, to,
                                                                              from[j])
                                                            : 0.0;
  memcpy (net->biases[0], old->biases[0], sizes[1] * sizeof (double));
  for (guint l = 1; l < old->n_layers; l++)
    {
      memcpy (net->weights[l], old->weights[l],
              (gsize) sizes[l] * sizes[l + 1] * sizeof (double));
      memcpy (net->biases[l], old->biases[l], sizes[l + 1] * sizeof (double));
    }
  for (j = 0; j < n_in; j++)
    net->a[0][j] = from[j] >= 0 ? old->a[0][from[j]] : 0.0;
  memcpy (net->target, old->target, sizes[old->n_layers] * sizeof (double));
  bp_net_free (self->net);
  self->net = net;
  bp_history_mark_reset (self->history);
}

/* Ends a dataset edit begun with @undo_state and @before. */
static void
finish_edit (BpNetwork        *self,
             BpUndoState      *undo_state,
             const BpSnapshot *before,
             gboolean          new_run)
{
  if (new_run)
    bp_history_mark_reset (self->history);
  _bp_network_recompute (self);
  _bp_network_finish_change (self, before, TRUE);
  _bp_undo_commit (self->undo, undo_state);
}

/**
 * bp_network_get_mode:
 * @self: a network
 *
 * Returns: %BP_FILE_MODE_DATASET when the network trains on its dataset, else
 *   %BP_FILE_MODE_EXAMPLE
 */
BpFileMode
bp_network_get_mode (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), BP_FILE_MODE_EXAMPLE);
  return _bp_network_in_dataset_mode (self) ? BP_FILE_MODE_DATASET : BP_FILE_MODE_EXAMPLE;
}

/**
 * bp_network_set_mode:
 * @self: a network
 * @mode: what to train on
 * @error: return location for an error
 *
 * Switches between training on the one example (input and target) and on the dataset, which
 * must be set (bp_network_set_dataset()). In dataset mode the input layer takes the features
 * (bp_network_get_features(), x1 and x2 unless set), reshaped as bp_network_set_features()
 * does; the input and the target become the first training point; steps are mini-batch steps;
 * the loss chart shows the train loss. Fails, changing nothing, when the network has more
 * than one output. An edit: one undo entry. Emits as an architecture edit when the input
 * layer changes, then notifies "mode" and the losses.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_set_mode (BpNetwork   *self,
                     BpFileMode   mode,
                     GError     **error)
{
  g_autoptr(BpUndoState) undo_state = NULL;
  BpSnapshot before;
  guint n_out;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (mode == BP_FILE_MODE_EXAMPLE || self->dataset != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (mode == bp_network_get_mode (self))
    return TRUE;
  n_out = self->net->sizes[self->net->n_layers];
  if (mode == BP_FILE_MODE_DATASET && n_out != 1)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   /* Translators: %u is the number of outputs of the network (2 or more) */
                   _("A dataset’s points have one label: dataset mode needs a network with "
                     "one output, not %u"), n_out);
      return FALSE;
    }
  undo_state = _bp_undo_capture (self->undo);
  _bp_network_snapshot_take (self, &before);
  if (mode == BP_FILE_MODE_DATASET)
    {
      apply_features (self, bp_network_get_features (self));
      self->extras.batch_size = bp_network_get_batch_size (self);
      self->extras.has_batch_size = TRUE;
    }
  self->extras.has_mode = TRUE;
  self->extras.mode = mode;
  finish_edit (self, g_steal_pointer (&undo_state), &before, TRUE);
  return TRUE;
}

/**
 * bp_network_set_dataset:
 * @self: a network
 * @dataset: the points to train on (copied), such as bp_dataset_generate() makes
 * @source: (nullable): the CSV file it was imported from, as the file will say, or %NULL
 *
 * Replaces the dataset, which bp_network_save() then writes. In dataset mode the input and
 * target become its first training point and the losses are measured on it. An edit.
 */
void
bp_network_set_dataset (BpNetwork       *self,
                        const BpDataset *dataset,
                        const char      *source)
{
  g_autoptr(BpUndoState) undo_state = NULL;
  BpSnapshot before;

  g_return_if_fail (BP_IS_NETWORK (self));
  g_return_if_fail (dataset != NULL && dataset->n_points > 0);

  undo_state = _bp_undo_capture (self->undo);
  _bp_network_snapshot_take (self, &before);
  _bp_network_take_dataset (self, bp_dataset_copy (dataset), source);
  finish_edit (self, g_steal_pointer (&undo_state), &before, _bp_network_in_dataset_mode (self));
}

/**
 * bp_network_regenerate:
 * @self: a network whose dataset was generated (not imported or drawn)
 * @seed: the new seed
 * @error: return location for an error
 *
 * Generates the dataset anew with the same generator, number of points, noise and split,
 * from @seed, as bp_network_set_dataset() would set it.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_regenerate (BpNetwork  *self,
                       guint32     seed,
                       GError    **error)
{
  const BpDataset *d;
  g_autoptr(BpDataset) dataset = NULL;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (self->dataset != NULL, FALSE);
  g_return_val_if_fail (self->dataset->generator < BP_N_GENERATED, FALSE);

  d = self->dataset;
  dataset = bp_dataset_generate (d->generator, d->n_points, d->noise, d->train_percent, seed,
                                 error);
  if (dataset == NULL)
    return FALSE;
  bp_network_set_dataset (self, dataset, NULL);
  return TRUE;
}

/**
 * bp_network_get_features:
 * @self: a network
 *
 * Returns: the input features of dataset mode, x1 and x2 unless set
 */
BpFeatureSet
bp_network_get_features (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), BP_FEATURES_DEFAULT);
  return self->extras.has_features ? self->extras.features : BP_FEATURES_DEFAULT;
}

/**
 * bp_network_set_features:
 * @self: a network
 * @features: one feature or more
 *
 * Chooses the input features; the input layer gets one neuron each, in the order of
 * #BpFeature. The first weight layer is rebuilt: the weights of the features kept stay bit for
 * bit (they move with their feature), those of new features start at 0 (the engine's reshape
 * helpers never change the input layer). The other layers, the biases and the target stay.
 * An edit; emits "structure-changed" when the input size changes, as an architecture edit.
 */
void
bp_network_set_features (BpNetwork    *self,
                         BpFeatureSet  features)
{
  g_autoptr(BpUndoState) undo_state = NULL;
  BpSnapshot before;

  g_return_if_fail (BP_IS_NETWORK (self));
  g_return_if_fail (features != 0 && (features & ~BP_FEATURES_ALL) == 0);

  if (self->extras.has_features && self->extras.features == features)
    return;
  undo_state = _bp_undo_capture (self->undo);
  _bp_network_snapshot_take (self, &before);
  apply_features (self, features);
  finish_edit (self, g_steal_pointer (&undo_state), &before, FALSE);
}

/**
 * bp_network_get_batch_size:
 * @self: a network
 *
 * Returns: the examples of a mini-batch step, %BP_NETWORK_DEFAULT_BATCH_SIZE unless set
 */
guint
bp_network_get_batch_size (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), BP_NETWORK_DEFAULT_BATCH_SIZE);
  return self->extras.has_batch_size ? self->extras.batch_size : BP_NETWORK_DEFAULT_BATCH_SIZE;
}

/**
 * bp_network_set_batch_size:
 * @self: a network
 * @batch_size: 1 … %BP_FILE_MAX_BATCH_SIZE
 *
 * Sets the examples of a mini-batch step. The epoch follows from the step count and the batch
 * size, so it may change with it. An edit; notifies "batch-size".
 */
void
bp_network_set_batch_size (BpNetwork *self,
                           guint      batch_size)
{
  g_autoptr(BpUndoState) undo_state = NULL;
  BpSnapshot before;

  g_return_if_fail (BP_IS_NETWORK (self));
  g_return_if_fail (batch_size >= 1 && batch_size <= BP_FILE_MAX_BATCH_SIZE);

  if (self->extras.has_batch_size && self->extras.batch_size == batch_size)
    return;
  undo_state = _bp_undo_capture (self->undo);
  _bp_network_snapshot_take (self, &before);
  self->extras.has_batch_size = TRUE;
  self->extras.batch_size = batch_size;
  finish_edit (self, g_steal_pointer (&undo_state), &before, FALSE);
}

/**
 * bp_network_get_regularization:
 * @self: a network
 * @rate: (out) (optional): λ
 *
 * Returns: the penalty of mini-batch steps
 */
BpRegularization
bp_network_get_regularization (BpNetwork *self,
                               double    *rate)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), BP_REGULARIZATION_NONE);
  if (rate != NULL)
    *rate = self->net->regularization_rate;
  return self->net->regularization;
}

/**
 * bp_network_set_regularization:
 * @self: a network
 * @regularization: the penalty of mini-batch steps
 * @rate: λ, one of bp_regularization_rates()
 * @error: return location for an error
 *
 * Sets the penalty, as bp_net_set_regularization(), and saves it with the network. An edit.
 *
 * Returns: %TRUE on success; on failure nothing changed
 */
gboolean
bp_network_set_regularization (BpNetwork         *self,
                               BpRegularization   regularization,
                               double             rate,
                               GError           **error)
{
  g_autoptr(BpUndoState) undo_state = NULL;
  BpSnapshot before;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bp_regularization_check_rate (rate, error))
    return FALSE;
  undo_state = _bp_undo_capture (self->undo);
  _bp_network_snapshot_take (self, &before);
  if (!bp_net_set_regularization (self->net, regularization, rate, error))
    return FALSE;
  self->extras.has_regularization = TRUE;
  finish_edit (self, g_steal_pointer (&undo_state), &before, FALSE);
  return TRUE;
}
