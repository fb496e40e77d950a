/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-undo-private.h: how BpNetwork feeds its BpUndo. Every edit captures the state before
 * it and, once the edit succeeded, commits that state; training steps capture nothing. */
#pragma once

#include "bp-network.h"
#include "bp-undo.h"

G_BEGIN_DECLS

typedef struct _BpUndoState BpUndoState;

BpUndo       *_bp_undo_new                  (BpNetwork      *network);
BpUndoState  *_bp_undo_capture              (BpUndo         *self);
void          _bp_undo_commit               (BpUndo         *self,
                                             BpUndoState    *state);
void          _bp_undo_state_free           (BpUndoState    *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpUndoState, _bp_undo_state_free)

G_END_DECLS
