/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-raster-private.h: the rasteriser of bp-diagram-raster.c, which paints a weight
 * layer's connections from a strip cached in the BpDiagramCache, for bp-diagram-connections.c. */
#pragma once

#include "bp-diagram-draw-private.h"

G_BEGIN_DECLS

gboolean      bp_diagram_raster_paint_strip (cairo_t             *cr,
                                             const Scene         *scene,
                                             guint                l,
                                             const Part          *parts,
                                             gsize                n);

G_END_DECLS
