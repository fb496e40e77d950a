/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-autosave.h: BpAutosave keeps a network in the state file: a few seconds after every
 * change, when play pauses, and when asked (on close). */
#pragma once

#include <gio/gio.h>

#include "bp-network.h"
#include "bp-trainer.h"

G_BEGIN_DECLS

#define BP_TYPE_AUTOSAVE (bp_autosave_get_type ())

G_DECLARE_FINAL_TYPE (BpAutosave, bp_autosave, BP, AUTOSAVE, GObject)

/* The state file is written this long after a change. A seconds timer may fire up to a
 * second late, so 4 keeps the promise that killing the app loses at most 5 s of training. */
#define BP_AUTOSAVE_SECONDS 4

BpAutosave *bp_autosave_new          (BpNetwork  *network,
                                      BpTrainer  *trainer);
void        bp_autosave_set_file     (BpAutosave *self,
                                      GFile      *state_file);
GFile      *bp_autosave_get_file     (BpAutosave *self);
void        bp_autosave_set_document (BpAutosave *self,
                                      GFile      *document,
                                      gboolean    modified);
gboolean    bp_autosave_get_dirty    (BpAutosave *self);
gboolean    bp_autosave_write        (BpAutosave *self,
                                      GError    **error);
gboolean    bp_autosave_save         (BpAutosave *self);

G_END_DECLS
