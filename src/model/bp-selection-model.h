/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-selection-model.h: what is selected and what the pointer is over, in one object that the
 * diagram, the math panel and anything else showing the selection follow. */
#pragma once

#include "bp-network.h"
#include "bp-selection.h"

G_BEGIN_DECLS

#define BP_TYPE_SELECTION_MODEL (bp_selection_model_get_type ())

G_DECLARE_FINAL_TYPE (BpSelectionModel, bp_selection_model, BP, SELECTION_MODEL, GObject)

BpSelectionModel *bp_selection_model_new   (BpNetwork            *network);
BpNetwork    *bp_selection_model_get_network (BpSelectionModel   *self);
void          bp_selection_model_set_network (BpSelectionModel   *self,
                                            BpNetwork            *network);
void          bp_selection_model_get_selected (BpSelectionModel  *self,
                                            BpSelection          *selection);
void          bp_selection_model_set_selected (BpSelectionModel  *self,
                                            const BpSelection    *selection);
void          bp_selection_model_get_hovered (BpSelectionModel   *self,
                                            BpSelection          *hovered);
void          bp_selection_model_set_hovered (BpSelectionModel   *self,
                                            const BpSelection    *hovered);
gboolean      bp_selection_model_replace (BpSelectionModel  **slot,
                                            gboolean            *own,
                                            BpSelectionModel    *model,
                                            BpNetwork           *network);

G_END_DECLS
