/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-selection.h: an item of a network that a view can select or hover: a connection, a
 * bias, a neuron, a target or the loss. */
#pragma once

#include "bp-core.h"

G_BEGIN_DECLS

typedef enum {
  BP_SELECTION_NONE,
  BP_SELECTION_CONNECTION,  /* weight (layer, to, from) */
  BP_SELECTION_BIAS,        /* bias of (layer + 1, to) */
  BP_SELECTION_NODE,        /* neuron `to` of layer `layer` (0 = input) */
} BpSelectionKind;

typedef struct {
  BpSelectionKind kind;
  guint layer;
  guint to;
  guint from;
} BpSelection;

gboolean      bp_selection_valid           (const BpNet          *net,
                                            const BpSelection    *sel);

G_END_DECLS
