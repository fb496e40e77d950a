/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-health-strip.h: the gradient health strip, each weight layer's gradient norm over the
 * recent steps on a fixed log scale. */
#pragma once

#include <gtk/gtk.h>

#include "bp-health-draw.h"
#include "bp-network.h"

G_BEGIN_DECLS

#define BP_TYPE_HEALTH_STRIP (bp_health_strip_get_type ())

G_DECLARE_FINAL_TYPE (BpHealthStrip, bp_health_strip, BP, HEALTH_STRIP, GtkWidget)

GtkWidget  *bp_health_strip_new                (void);
BpNetwork  *bp_health_strip_get_network        (BpHealthStrip   *self);
void        bp_health_strip_set_network        (BpHealthStrip   *self,
                                                BpNetwork       *network);
void        bp_health_strip_set_zoom           (BpHealthStrip   *self,
                                                double           zoom);
void        bp_health_strip_set_palette_choice (BpHealthStrip   *self,
                                                BpPaletteChoice  choice);
const BpPalette *bp_health_strip_get_palette   (BpHealthStrip   *self);
const char *bp_health_strip_get_description    (BpHealthStrip   *self);

G_END_DECLS
