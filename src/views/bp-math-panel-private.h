/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-math-panel-private.h: the lines of the math panel, built by bp-math-panel-text.c (and
 * bp-math-panel-loss.c for the loss box) and shown by bp-math-panel.c. */
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

/* The text being built by bp-math-panel-text.c: its lines, and the strings their numbers
 * were formatted into, which live as long as the text. */
typedef struct {
  const BpNet *net;
  GArray *lines;
  GPtrArray *scratch;
  gboolean not_finite;   /* some number was printed as "—" */
} BpMathText;

GArray       *bp_math_panel_build_lines    (const BpNet          *net,
                                            const BpSelection    *sel);

/* Adds a line; @format is Pango markup and the arguments are escaped. */
void          bp_math_text_add_line        (BpMathText           *t,
                                            LineStyle             style,
                                            const char           *format,
                                            ...) G_GNUC_PRINTF (3, 4);
/* A number in the formula style; the factor form wraps a negative one in parentheses. */
const char   *bp_math_text_num             (BpMathText           *t,
                                            double                value);
const char   *bp_math_text_factor_num      (BpMathText           *t,
                                            double                value);
/* x1, h1 (h2,1 with several hidden layers), y1: as the diagram names them. */
const char   *bp_math_text_neuron          (BpMathText           *t,
                                            guint                 layer,
                                            guint                 index);
void          bp_math_text_add_loss_derivative (BpMathText       *t,
                                                guint             k);

void          bp_math_text_init            (BpMathText           *t,
                                            const BpNet          *net);
void          bp_math_text_add_weighted_sum (BpMathText          *t,
                                            guint                 layer,
                                            guint                 j);
void          bp_math_text_add_neuron_gradient (BpMathText       *t,
                                                guint             layer,
                                                guint             j);

/* bp-math-panel-step.c */
void          bp_math_text_add_update      (BpMathText           *t,
                                            const BpChain        *chain);
void          bp_math_text_add_batch_note  (BpMathText           *t,
                                            gboolean              parameter);
void          bp_math_text_add_batch_mean  (BpMathText           *t,
                                            const BpChain        *chain);

/* bp-math-panel-moment.c */
void          bp_math_panel_add_moment_lines (GArray             *lines,
                                              const BpNet        *before,
                                              const BpNet        *after,
                                              const BpMoment     *moment,
                                              const BpSelection  *sel);

/* bp-math-panel-loss.c */
void          bp_math_text_add_loss        (BpMathText           *t);

G_END_DECLS
