/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline-draw-private.h: what the loss chart's two drawings share, the sparkline of
 * example mode (bp-sparkline-draw.c) and the train/test chart of dataset mode
 * (bp-sparkline-draw-dataset.c). */
#pragma once

#include "bp-sparkline-draw.h"

#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define BP_SPARKLINE_FONT_PX 11.0

char        *_bp_sparkline_format_loss (double           value);
PangoLayout *_bp_sparkline_text_layout (cairo_t         *cr,
                                        double           text_scale,
                                        const char      *text);
void         _bp_sparkline_text_size   (PangoLayout     *layout,
                                        double          *width,
                                        double          *height);
void         _bp_sparkline_show_text   (cairo_t         *cr,
                                        PangoLayout     *layout,
                                        const BpColor   *color,
                                        double           x,
                                        double           y,
                                        gboolean         align_right);
void         _bp_sparkline_draw_message (cairo_t        *cr,
                                         int             width,
                                         int             height,
                                         const BpPalette *palette,
                                         double          text_scale,
                                         const char     *message);
guint        _bp_sparkline_run_start   (const BpHistory *history);

G_END_DECLS
