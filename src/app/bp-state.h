/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-state.h: the state file, where the window keeps its network between launches. */
#pragma once

#include <gio/gio.h>

#include "bp-network.h"

G_BEGIN_DECLS

GFile     *bp_state_get_default_file (void);
BpNetwork *bp_state_load             (GFile          *state_file,
                                      BpFileSession  *session,
                                      GError        **error);
gboolean   bp_state_save             (GFile          *state_file,
                                      BpNetwork      *network,
                                      GFile          *document,
                                      gboolean        modified,
                                      GError        **error);
GFile     *bp_state_set_aside        (GFile          *state_file,
                                      GError        **error);

G_END_DECLS
