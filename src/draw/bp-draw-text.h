/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-draw-text.h: the text of the small drawings (the loss chart, the boundary panel, the
 * gradient check's plot, the loss landscape). */
#pragma once

#include <pango/pangocairo.h>

#include "bp-palette.h"

G_BEGIN_DECLS

PangoLayout *bp_draw_text_layout (cairo_t    *cr,
                                  double      px,
                                  const char *text);
void         bp_draw_text        (cairo_t       *cr,
                                  const char    *text,
                                  double         px,
                                  double         x,
                                  double         y,
                                  double         xalign,
                                  double         yalign,
                                  const BpColor *color);
double       bp_draw_text_width  (cairo_t    *cr,
                                  double      px,
                                  const char *text);

G_END_DECLS
