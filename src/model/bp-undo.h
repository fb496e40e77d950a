/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-undo.h: BpUndo, the undo and redo stacks of the edits of one BpNetwork. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BP_TYPE_UNDO (bp_undo_get_type ())

G_DECLARE_FINAL_TYPE (BpUndo, bp_undo, BP, UNDO, GObject)

#define BP_UNDO_MAX_ENTRIES 200          /* undo and redo entries together */
#define BP_UNDO_MAX_BYTES (64u << 20)    /* what their states may take together */

gboolean      bp_undo_get_can_undo          (BpUndo         *self);
gboolean      bp_undo_get_can_redo          (BpUndo         *self);
guint         bp_undo_get_n_undo            (BpUndo         *self);
guint         bp_undo_get_n_redo            (BpUndo         *self);
gsize         bp_undo_get_n_bytes           (BpUndo         *self);
void          bp_undo_set_limits            (BpUndo         *self,
                                             guint           max_entries,
                                             gsize           max_bytes);
gboolean      bp_undo_undo                  (BpUndo         *self);
gboolean      bp_undo_redo                  (BpUndo         *self);
void          bp_undo_clear                 (BpUndo         *self);
void          bp_undo_begin_group           (BpUndo         *self);
void          bp_undo_end_group             (BpUndo         *self);

G_END_DECLS
