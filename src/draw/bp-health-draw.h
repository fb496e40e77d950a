/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-health-draw.h: gradient health drawn with Cairo: the strip of each weight layer's
 * gradient norm over the recent steps on a fixed logarithmic scale, the badges of saturated
 * and dead neurons, and their words for screen readers and the diagram's info box
 * (bp-health-draw.c); the strip and the badged diagram in files (bp-health-export.c). */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "bp-export.h"
#include "bp-health.h"
#include "bp-palette.h"
#include "bp-selection.h"

G_BEGIN_DECLS

/* The strip's fixed scale: log10 of the norm from its bottom to its top. */
#define BP_HEALTH_LOG_MIN -8.0
#define BP_HEALTH_LOG_MAX 2.0

void        bp_health_draw_strip          (cairo_t          *cr,
                                           int               width,
                                           int               height,
                                           const BpHealth   *health,
                                           const BpPalette  *palette,
                                           double            text_scale);
char       *bp_health_describe_strip      (const BpHealth   *health,
                                           const BpNet      *net);
char       *bp_health_explain_neuron      (const BpHealth   *health,
                                           const BpNet      *net,
                                           guint             layer,
                                           guint             index);
char       *bp_health_layer_name          (guint             layer);
char       *bp_health_append_info         (char             *markup,
                                           const BpHealth   *health,
                                           const BpNet      *net,
                                           const BpSelection *selection);
void        bp_health_draw_badge          (cairo_t          *cr,
                                           const BpHealth   *health,
                                           const BpNet      *net,
                                           guint             layer,
                                           guint             index,
                                           double            x,
                                           double            y,
                                           double            half_width,
                                           double            half_height,
                                           double            font_px,
                                           const BpPalette  *palette);
gboolean    bp_health_export_strip        (const BpHealth   *health,
                                           BpExportFormat    format,
                                           int               width,
                                           int               height,
                                           const BpPalette  *palette,
                                           GFile            *file,
                                           GError          **error);

G_END_DECLS
