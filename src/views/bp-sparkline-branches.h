/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline-branches.h: the loss chart's branches, gathered from the network's timeline
 * for bp_timeline_chart_draw() (bp-sparkline-branches.c); internal to BpSparkline. */
#pragma once

#include "bp-network.h"
#include "bp-timeline-draw.h"

G_BEGIN_DECLS

typedef struct _BpSparklineBranches BpSparklineBranches;

BpSparklineBranches   *_bp_sparkline_branches_new        (void);
void                   _bp_sparkline_branches_free       (BpSparklineBranches *branches);
void                   _bp_sparkline_branches_invalidate (BpSparklineBranches *branches);
const BpTimelineChart *_bp_sparkline_branches_get        (BpSparklineBranches *branches,
                                                          BpNetwork           *network);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpSparklineBranches, _bp_sparkline_branches_free)

G_END_DECLS
