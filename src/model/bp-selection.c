/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-selection.c: what a BpSelection can point at in a network, and which of those a person
 * can select. */
#define G_LOG_DOMAIN "bp-selection"

#include "config.h"

#include "bp-selection.h"

#include "bp-network.h"

G_DEFINE_BOXED_TYPE (BpSelection, bp_selection, bp_selection_copy, bp_selection_free)

/**
 * bp_selection_copy:
 * @sel: a selection
 *
 * Returns: (transfer full): a copy of @sel
 */
BpSelection *
bp_selection_copy (const BpSelection *sel)
{
  g_return_val_if_fail (sel != NULL, NULL);

  return g_memdup2 (sel, sizeof *sel);
}

void
bp_selection_free (BpSelection *sel)
{
  g_free (sel);
}

/**
 * bp_selection_equal:
 * @a: a selection
 * @b: another
 *
 * Returns: whether @a and @b point at the same item; the fields an item of its kind does
 *   not use are ignored
 */
gboolean
bp_selection_equal (const BpSelection *a,
                    const BpSelection *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->kind != b->kind)
    return FALSE;
  return a->kind == BP_SELECTION_NONE
         || (a->layer == b->layer && a->to == b->to
             && (a->kind != BP_SELECTION_CONNECTION || a->from == b->from));
}

/* Whether @net has the item @sel points at: a connection, a bias, a neuron, a target (layer
 * n_layers + 1) or the loss (layer n_layers + 2). Anything can be hovered over. */
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

/**
 * bp_selection_selectable_in:
 * @net: a network
 * @sel: a selection
 *
 * The one rule of what can be selected: an item @net has that has math to show, so a
 * connection, a bias, a neuron or the loss, but not a target, which can only be hovered.
 *
 * Returns: whether @sel can be selected in @net
 */
gboolean
bp_selection_selectable_in (const BpNet       *net,
                            const BpSelection *sel)
{
  g_return_val_if_fail (net != NULL && sel != NULL, FALSE);

  return bp_selection_valid (net, sel)
         && (sel->layer <= net->n_layers
             || (sel->kind == BP_SELECTION_NODE && sel->layer == net->n_layers + 2));
}

/**
 * bp_selection_selectable:
 * @sel: a selection
 * @network: (nullable): a network
 *
 * As bp_selection_selectable_in() for @network's net; nothing is selectable without one.
 *
 * Returns: whether @sel can be selected in @network
 */
gboolean
bp_selection_selectable (const BpSelection *sel,
                         BpNetwork         *network)
{
  g_return_val_if_fail (sel != NULL, FALSE);
  g_return_val_if_fail (network == NULL || BP_IS_NETWORK (network), FALSE);

  return network != NULL && bp_selection_selectable_in (bp_network_get_net (network), sel);
}
