/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-draw-text.h: the text of the small drawings (the loss chart, the boundary panel). */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

PangoLayout *bp_draw_text_layout (cairo_t    *cr,
                                  double      px,
                                  const char *text);

G_END_DECLS
