/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-math-panel-private.h: the lines of the math panel, built by bp-math-panel-text.c and
 * shown by bp-math-panel.c. */
#pragma once

#include "bp-math-panel.h"

G_BEGIN_DECLS

typedef enum {
  LINE_TITLE,
  LINE_HEADING,
  LINE_FORMULA,
  LINE_NUMBERS,     /* the numbers of the formula above, indented under it */
  LINE_NOTE,
  N_LINE_STYLES
} LineStyle;

typedef struct {
  LineStyle style;
  char *markup;     /* Pango markup */
} BpMathLine;

GArray       *bp_math_panel_build_lines    (const BpNet          *net,
                                            const BpSelection    *sel);

G_END_DECLS
