/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline.h: the loss per step, auto-scaled, with resets marked. */
#pragma once

#include <gtk/gtk.h>

#include "bp-network.h"
#include "bp-playback.h"
#include "bp-sparkline-draw.h"

G_BEGIN_DECLS

#define BP_TYPE_SPARKLINE (bp_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (BpSparkline, bp_sparkline, BP, SPARKLINE, GtkWidget)

GtkWidget  *bp_sparkline_new              (void);
BpNetwork  *bp_sparkline_get_network      (BpSparkline     *self);
void        bp_sparkline_set_network      (BpSparkline     *self,
                                           BpNetwork       *network);
double      bp_sparkline_get_zoom         (BpSparkline     *self);
void        bp_sparkline_set_zoom         (BpSparkline     *self,
                                           double           zoom);
void        bp_sparkline_set_scale        (BpSparkline      *self,
                                           BpSparklineScale  scale);
gboolean    bp_sparkline_get_log_scale    (BpSparkline     *self);
void        bp_sparkline_set_log_scale    (BpSparkline     *self,
                                           gboolean         log_scale);
void        bp_sparkline_set_palette_choice (BpSparkline   *self,
                                           BpPaletteChoice  choice);
const char *bp_sparkline_get_description  (BpSparkline     *self);
void        bp_sparkline_set_conceal_ghosts (BpSparkline   *self,
                                             gboolean       conceal);
gboolean    bp_sparkline_get_show_ghosts  (BpSparkline     *self);
void        bp_sparkline_set_show_ghosts  (BpSparkline     *self,
                                           gboolean         show_ghosts);

void          bp_sparkline_set_playback    (BpSparkline          *self,
                                            BpPlayback           *playback);

G_END_DECLS
