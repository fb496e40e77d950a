/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-minibatch.c: epochs of shuffled mini-batches.
 *
 * An epoch visits every training example once, in batches of batch_size (the last one
 * smaller when batch_size does not divide the set). Its order is a Fisher–Yates shuffle by
 * GLib's GRand seeded with (seed, epoch), the same on every machine; a batch size at least
 * the set's size is full-batch gradient descent on the set in its own order. Everything is
 * allocated by bp_minibatch_new(); the steps allocate nothing.
 */
#define G_LOG_DOMAIN "bp-core"

#include "config.h"

#include "bp-minibatch.h"

#include <string.h>

/**
 * bp_minibatch_new:
 * @n_examples: the training set's size, at least 1
 * @batch_size: examples per step, at least 1
 * @n_inputs: inputs of an example (the network's sizes[0])
 * @n_outputs: targets of an example (the network's sizes[L])
 * @seed: the seed of the epochs' order, the dataset's
 *
 * Starts at the first batch of epoch 0.
 *
 * Returns: (transfer full): the mini-batches
 */
BpMinibatch *
bp_minibatch_new (guint   n_examples,
                  guint   batch_size,
                  guint   n_inputs,
                  guint   n_outputs,
                  guint32 seed)
{
  BpMinibatch *mb;

  g_return_val_if_fail (n_examples > 0 && batch_size > 0, NULL);
  g_return_val_if_fail (n_inputs > 0 && n_outputs > 0, NULL);

  mb = g_new0 (BpMinibatch, 1);
  mb->n_examples = n_examples;
  mb->batch_size = MIN (batch_size, n_examples);
  mb->n_inputs = n_inputs;
  mb->n_outputs = n_outputs;
  mb->seed = seed;
  mb->batches_per_epoch = (n_examples + mb->batch_size - 1) / mb->batch_size;
  mb->ordered_epoch = G_MAXUINT64;
  mb->order = g_new (guint, n_examples);
  mb->inputs = g_new (double, (gsize) mb->batch_size * n_inputs);
  mb->targets = g_new (double, (gsize) mb->batch_size * n_outputs);
  mb->rand = g_rand_new_with_seed (seed);
  return mb;
}

void
bp_minibatch_free (BpMinibatch *mb)
{
  if (mb == NULL)
    return;
  g_free (mb->order);
  g_free (mb->inputs);
  g_free (mb->targets);
  g_rand_free (mb->rand);
  g_free (mb);
}

/**
 * bp_minibatch_seek:
 * @minibatch: mini-batches
 * @epoch: an epoch, from 0
 * @batch: a batch of it, from 0 (past the last, the first of the next epoch)
 *
 * Makes that batch the next one, as when training resumes from a file.
 */
void
bp_minibatch_seek (BpMinibatch *mb,
                   guint64      epoch,
                   guint        batch)
{
  g_return_if_fail (mb != NULL);

  mb->epoch = epoch + batch / mb->batches_per_epoch;
  mb->batch = batch % mb->batches_per_epoch;
}

/* The permutation of the current epoch, drawn once per epoch without allocating. */
static void
order_epoch (BpMinibatch *mb)
{
  guint32 key[3] = { mb->seed, (guint32) mb->epoch, (guint32) (mb->epoch >> 32) };

  if (mb->ordered_epoch == mb->epoch)
    return;
  for (guint k = 0; k < mb->n_examples; k++)
    mb->order[k] = k;
  if (mb->batches_per_epoch > 1)
    {
      g_rand_set_seed_array (mb->rand, key, G_N_ELEMENTS (key));
      for (guint k = mb->n_examples - 1; k > 0; k--)
        {
          guint other = g_rand_int_range (mb->rand, 0, (gint32) k + 1);
          guint t = mb->order[k];

          mb->order[k] = mb->order[other];
          mb->order[other] = t;
        }
    }
  mb->ordered_epoch = mb->epoch;
}

/**
 * bp_minibatch_peek:
 * @minibatch: mini-batches
 * @n_samples: (out): how many examples the next batch has
 *
 * The examples of the next batch, indices into the training set; the first is the one the
 * window's animation plays.
 *
 * Returns: (transfer none) (array length=n_samples): the indices
 */
const guint *
bp_minibatch_peek (BpMinibatch *mb,
                   guint       *n_samples)
{
  guint first;

  g_return_val_if_fail (mb != NULL && n_samples != NULL, NULL);

  order_epoch (mb);
  first = mb->batch * mb->batch_size;
  *n_samples = MIN (mb->batch_size, mb->n_examples - first);
  return mb->order + first;
}

static void
advance (BpMinibatch *mb)
{
  if (++mb->batch == mb->batches_per_epoch)
    {
      mb->batch = 0;
      mb->epoch++;
    }
}

/**
 * bp_net_minibatch_step:
 * @net: a network with @minibatch's numbers of inputs and outputs
 * @minibatch: mini-batches of the training set
 * @inputs: (array): the training set's inputs, n_examples rows of n_inputs
 * @targets: (array): its targets, n_examples rows of n_outputs
 * @loss: (out) (optional): the batch's loss before the step (see bp_net_batch_step())
 * @error: return location for a #GError
 *
 * One step of gradient descent on the next mini-batch, with the network's regularization;
 * then the next batch, or the first of the next epoch, is ready. A step refused for
 * divergence moves nothing on.
 *
 * Returns: %TRUE if the step was applied
 */
gboolean
bp_net_minibatch_step (BpNet        *net,
                       BpMinibatch  *mb,
                       const double *inputs,
                       const double *targets,
                       double       *loss,
                       GError      **error)
{
  const guint *examples;
  guint n;

  g_return_val_if_fail (net != NULL && mb != NULL && inputs != NULL && targets != NULL,
                        FALSE);
  g_return_val_if_fail (net->sizes[0] == mb->n_inputs &&
                        net->sizes[net->n_layers] == mb->n_outputs, FALSE);

  examples = bp_minibatch_peek (mb, &n);
  for (guint s = 0; s < n; s++)
    {
      memcpy (mb->inputs + (gsize) s * mb->n_inputs,
              inputs + (gsize) examples[s] * mb->n_inputs, mb->n_inputs * sizeof (double));
      memcpy (mb->targets + (gsize) s * mb->n_outputs,
              targets + (gsize) examples[s] * mb->n_outputs, mb->n_outputs * sizeof (double));
    }
  if (!bp_net_batch_step (net, mb->inputs, mb->targets, n, loss, error))
    return FALSE;
  advance (mb);
  return TRUE;
}
