/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-minibatch.h: epochs of mini-batches drawn from a training set in an order shuffled by
 * a seed, and the steps that train on them.
 */
#pragma once

#include "bp-core.h"

G_BEGIN_DECLS

/* Where training stands in its epochs. The order of an epoch depends only on the seed and
 * the epoch's number, so a run is reproducible and resumes from (epoch, batch). All fields
 * are read-only. */
typedef struct {
  guint n_examples;      /* the training set's size */
  guint batch_size;      /* examples per step; at least n_examples means full batch */
  guint n_inputs;
  guint n_outputs;
  guint32 seed;
  guint64 epoch;         /* the epoch the next batch belongs to, from 0 */
  guint batch;           /* the next batch's index in its epoch */
  guint batches_per_epoch;

  /*< private >*/
  guint64 ordered_epoch; /* the epoch order[] holds, or G_MAXUINT64 */
  guint *order;          /* this epoch's permutation of the examples */
  double *inputs;        /* the next batch's examples, gathered */
  double *targets;
  GRand *rand;
} BpMinibatch;

BpMinibatch  *bp_minibatch_new            (guint           n_examples,
                                           guint           batch_size,
                                           guint           n_inputs,
                                           guint           n_outputs,
                                           guint32         seed);
void          bp_minibatch_free           (BpMinibatch    *minibatch);
void          bp_minibatch_seek           (BpMinibatch    *minibatch,
                                           guint64         epoch,
                                           guint           batch);
const guint  *bp_minibatch_peek           (BpMinibatch    *minibatch,
                                           guint          *n_samples);
gboolean      bp_net_minibatch_step       (BpNet          *net,
                                           BpMinibatch    *minibatch,
                                           const double   *inputs,
                                           const double   *targets,
                                           double         *loss,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpMinibatch, bp_minibatch_free)

G_END_DECLS
