/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-selection.h: an item of a network that a view can select or hover: a connection, a
 * bias, a neuron, a target or the loss. */
#pragma once

#include <glib-object.h>

#include "bp-core.h"

G_BEGIN_DECLS

/* BpNetwork (bp-network.h), named here without pulling GIO into every user. */
struct _BpNetwork;

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

#define BP_TYPE_SELECTION (bp_selection_get_type ())

/* Nothing selected, for initialising and comparing. */
#define BP_SELECTION_INIT_NONE ((BpSelection) { BP_SELECTION_NONE, 0, 0, 0 })

GType         bp_selection_get_type        (void) G_GNUC_CONST;
BpSelection  *bp_selection_copy            (const BpSelection    *sel);
void          bp_selection_free            (BpSelection          *sel);
gboolean      bp_selection_equal           (const BpSelection    *a,
                                            const BpSelection    *b);
gboolean      bp_selection_valid           (const BpNet          *net,
                                            const BpSelection    *sel);
gboolean      bp_selection_selectable_in   (const BpNet          *net,
                                            const BpSelection    *sel);
gboolean      bp_selection_selectable      (const BpSelection    *sel,
                                            struct _BpNetwork    *network);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpSelection, bp_selection_free)

G_END_DECLS
