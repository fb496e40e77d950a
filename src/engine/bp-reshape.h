/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-reshape.h: new networks from old ones, with a hidden layer or a neuron added or removed.
 *
 * Layers are numbered as in bp-core.h: 0 is the input, L the output, 1 … L − 1 the hidden
 * layers. An edit never changes the input or the output layer.
 */
#pragma once

#include "bp-core.h"

G_BEGIN_DECLS

#define BP_MAX_HIDDEN_LAYERS 6   /* what an edit may reach; files may hold more */
#define BP_MAX_HIDDEN_WIDTH 16   /* neurons of a hidden layer an edit may reach */

typedef enum {
  BP_RESHAPE_ADD_LAYER,      /* a hidden layer of `size` neurons becomes layer `layer` */
  BP_RESHAPE_REMOVE_LAYER,   /* hidden layer `layer` goes */
  BP_RESHAPE_ADD_NEURON,     /* a neuron becomes neuron `index` of hidden layer `layer` */
  BP_RESHAPE_REMOVE_NEURON,  /* neuron `index` of hidden layer `layer` goes */
} BpReshapeKind;

typedef struct {
  BpReshapeKind kind;
  guint layer;   /* ADD_LAYER: 1 … L; the others: a hidden layer, 1 … L − 1 */
  guint index;   /* ADD_NEURON: 0 … size of the layer; REMOVE_NEURON: a neuron of it */
  guint size;    /* ADD_LAYER: the new layer's neurons, 1 … BP_MAX_HIDDEN_WIDTH */
} BpReshape;

guint         bp_net_n_hidden_layers      (const BpNet      *net);
gboolean      bp_net_check_reshape        (const BpNet      *net,
                                           const BpReshape  *edit,
                                           GError          **error);
BpNet        *bp_net_reshape              (const BpNet      *net,
                                           const BpReshape  *edit,
                                           guint32           seed,
                                           GError          **error);

G_END_DECLS
