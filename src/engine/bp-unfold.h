/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-unfold.h: one neuron unfolded into its computation graph: the products w_i·a_i, their
 * sum, the bias add and the activation, each with its value, its gradient and the local
 * derivatives on the edges between them, read from the network's current pass. */
#pragma once

#include "bp-core.h"

G_BEGIN_DECLS

/* One input of the neuron: the product node w_i·a_i and its two incoming edges. */
typedef struct {
  guint from;            /* the neuron i of the layer below */
  double weight;         /* w_i, and ∂(w·a)/∂a on the edge from a_i */
  double input;          /* a_i, and ∂(w·a)/∂w on the edge from w_i */
  double product;        /* w_i · a_i */
  double grad_product;   /* ∂L/∂(w_i·a_i) = ∂L/∂Σ · 1 */
  double grad_weight;    /* ∂L/∂w_i = a_i · ∂L/∂(w_i·a_i) */
  double grad_input;     /* this neuron's share of ∂L/∂a_i: w_i · ∂L/∂(w_i·a_i) */
} BpUnfoldTerm;

/* Neuron `index` of layer `layer` (1 … n_layers), unfolded. Every gradient is that of the
 * example the net's pass holds (in dataset mode, the first example of the batch shown). */
typedef struct {
  guint layer;
  guint index;
  BpActivation activation;
  gboolean output;       /* a neuron of the output layer: the loss follows it */
  gboolean shows_batch;  /* the net shows a mini-batch: its step applies the mean gradient */
  guint n_terms;
  BpUnfoldTerm *terms;
  double sum;            /* Σ w_i·a_i */
  double grad_sum;       /* ∂L/∂Σ = ∂L/∂z · ∂z/∂Σ, with ∂z/∂Σ = 1 */
  double bias;           /* b */
  double grad_bias;      /* ∂L/∂b = ∂L/∂z · ∂z/∂b, with ∂z/∂b = 1 */
  double z;              /* Σ + b */
  double grad_z;         /* ∂L/∂z = δ, as the engine stored it */
  double derivative;     /* ∂a/∂z = f′(z) */
  double a;              /* f(z) */
  double grad_a;         /* ∂L/∂a, as the engine stored it (not finite where a sigmoid
                          * output under cross-entropy saturates: δ = y − t is exact) */
} BpUnfold;

gboolean      bp_unfold_can               (const BpNet    *net,
                                           guint           layer,
                                           guint           index);
BpUnfold     *bp_unfold_new               (const BpNet    *net,
                                           guint           layer,
                                           guint           index);
void          bp_unfold_free              (BpUnfold       *unfold);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpUnfold, bp_unfold_free)

G_END_DECLS
