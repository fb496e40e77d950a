/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-timeline-bar.h: the scrubber under the loss chart: the branch shown and a slider over
 * its recorded steps, which rewinds the network (through the window's win.timeline-seek). */
#pragma once

#include <gtk/gtk.h>

#include "bp-network.h"

G_BEGIN_DECLS

#define BP_TYPE_TIMELINE_BAR (bp_timeline_bar_get_type ())

G_DECLARE_FINAL_TYPE (BpTimelineBar, bp_timeline_bar, BP, TIMELINE_BAR, GtkWidget)

GtkWidget  *bp_timeline_bar_new            (void);
BpNetwork  *bp_timeline_bar_get_network    (BpTimelineBar *self);
void        bp_timeline_bar_set_network    (BpTimelineBar *self,
                                            BpNetwork     *network);
GtkWidget  *bp_timeline_bar_get_scale      (BpTimelineBar *self);
GtkWidget  *bp_timeline_bar_get_branch_dropdown (BpTimelineBar *self);
const char *bp_timeline_bar_get_value_text (BpTimelineBar *self);
const char *bp_timeline_bar_get_position_text (BpTimelineBar *self);
char       *bp_timeline_bar_branch_name    (BpNetwork     *network,
                                            guint          branch);

G_END_DECLS
