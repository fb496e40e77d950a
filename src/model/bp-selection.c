/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-selection.c: what a BpSelection can point at in a network. */
#define G_LOG_DOMAIN "bp-selection"

#include "config.h"

#include "bp-selection.h"

/* Whether @net has the item @sel points at: a connection, a bias, a neuron, a target (layer
 * n_layers + 1) or the loss (layer n_layers + 2). */
gboolean
bp_selection_valid (const BpNet       *net,
                    const BpSelection *sel)
{
  switch (sel->kind)
    {
    case BP_SELECTION_CONNECTION:
      return sel->layer < net->n_layers && sel->to < net->sizes[sel->layer + 1]
             && sel->from < net->sizes[sel->layer];
    case BP_SELECTION_BIAS:
      return sel->layer < net->n_layers && sel->to < net->sizes[sel->layer + 1];
    case BP_SELECTION_NODE:
      if (sel->layer <= net->n_layers)
        return sel->to < net->sizes[sel->layer];
      if (sel->layer == net->n_layers + 1)
        return sel->to < net->sizes[net->n_layers];
      return sel->layer == net->n_layers + 2;
    case BP_SELECTION_NONE:
    default:
      return FALSE;
    }
}
