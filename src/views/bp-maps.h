/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-maps.h: BpMaps, the maps over the input plane of a network's output and neurons,
 * shared by every view that shows them and computed at most once per frame. */
#pragma once

#include <glib-object.h>

#include "bp-heatmap.h"
#include "bp-network.h"
#include "bp-palette.h"

G_BEGIN_DECLS

#define BP_TYPE_MAPS (bp_maps_get_type ())

G_DECLARE_FINAL_TYPE (BpMaps, bp_maps, BP, MAPS, GObject)

BpMaps          *bp_maps_new                  (BpNetwork        *network);
BpNetwork       *bp_maps_get_network          (BpMaps           *self);
void             bp_maps_set_network          (BpMaps           *self,
                                               BpNetwork        *network);
BpPaletteChoice  bp_maps_get_palette_choice   (BpMaps           *self);
void             bp_maps_set_palette_choice   (BpMaps           *self,
                                               BpPaletteChoice   choice);
const BpPalette *bp_maps_get_palette          (BpMaps           *self);
gboolean         bp_maps_get_discretize       (BpMaps           *self);
void             bp_maps_set_discretize       (BpMaps           *self,
                                               gboolean          discretize);
gboolean         bp_maps_get_active           (BpMaps           *self);
const BpHeatmap *bp_maps_get_heatmap          (BpMaps           *self);
guint            bp_maps_get_n_updates        (BpMaps           *self);

G_END_DECLS
