/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline-draw.h: the loss per step, auto-scaled, with resets marked, drawn with Cairo. */
#pragma once

#include <cairo.h>

#include "bp-history.h"
#include "bp-palette.h"

G_BEGIN_DECLS

void        bp_sparkline_draw_history     (cairo_t         *cr,
                                           int              width,
                                           int              height,
                                           const BpHistory *history,
                                           const BpPalette *palette,
                                           double           text_scale);
char       *bp_sparkline_describe_history (const BpHistory *history);

G_END_DECLS
