/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-probe.h: the gradient check of the selected weight or bias, on the loss whose
 * gradient the window shows: the example's, or in dataset mode the next mini-batch's. */
#pragma once

#include "bp-network.h"
#include "bp-playback.h"
#include "bp-probe.h"
#include "bp-selection.h"

G_BEGIN_DECLS

guint         bp_network_get_next_batch   (BpNetwork         *self,
                                           double            *inputs,
                                           double            *targets);
BpProbe      *bp_network_probe            (BpNetwork         *self,
                                           BpPlayback        *playback,
                                           const BpSelection *selection,
                                           guint              n_points);
char         *bp_probe_format_name        (const BpNet       *net,
                                           const BpProbe     *probe);

G_END_DECLS
