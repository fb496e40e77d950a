/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-explain-private.h: what the files of the worked example share.
 *
 * bp-explain.c holds the numbers and the parameters the example shows, and puts the text and
 * Markdown together from bp-explain-forward.c and bp-explain-backward.c, which write through
 * bp-explain-doc.c (which hands LaTeX to bp-explain-latex.c); bp-explain-json.c writes the
 * JSON.
 */
#pragma once

#include "bp-explain.h"

G_BEGIN_DECLS

/* Written-out sums (w·a + … + b) for at most this many terms; beyond it, Σ notation. */
#define WRITE_OUT_MAX_TERMS 8
/* For networks above BP_EXPLAIN_FULL_MAX_PARAMS: how much is listed per layer. */
#define SAMPLE_NEURONS 10
#define SAMPLE_WEIGHTS 6
#define SAMPLE_BIASES 3

typedef enum {
  BLOCK_NONE,
  BLOCK_LINES,
  BLOCK_TABLE,
} BlockKind;

typedef struct {
  GString *out;
  const BpNet *net;
  gboolean markdown;
  gboolean latex;       /* a LaTeX document: see bp-explain-latex.c */
  gboolean full;        /* small enough to list every neuron and parameter */
  BlockKind block;
} Doc;

/* bp-explain.c */
char *
bp_explain_document (const BpNet *net,
                     gboolean     markdown,
                     gboolean     latex);

void
bp_explain_append_num (GString *s,
                       double   x);

gulong
bp_explain_plural_count (guint64 n);

const char *
bp_explain_list_separator (void);

void
bp_explain_append_factor (GString *s,
                          double   x);

char *
bp_explain_num_string (double x);

double
bp_explain_param_value (const BpNet *net,
                        guint        layer,
                        guint        to,
                        guint        from);

double
bp_explain_param_gradient (const BpNet *net,
                           guint        layer,
                           guint        to,
                           guint        from);

double
bp_explain_param_updated (const BpNet *net,
                          guint        layer,
                          guint        to,
                          guint        from);

void
bp_explain_append_param_name (GString *s,
                              guint    layer,
                              guint    to,
                              guint    from);

const char *
bp_explain_layer_activation_name (const BpNet *net,
                                  guint        layer);

const char *
bp_explain_layer_activation_display (const BpNet *net,
                                     guint        layer);

double
bp_explain_layer_derivative (const BpNet *net,
                             guint        layer,
                             guint        j);

gsize
bp_explain_n_params (const BpNet *net);

double
bp_explain_loss_after_step (const BpNet *net);

/* bp-explain-doc.c */
void
bp_doc_end_block (Doc *d);

int
bp_explain_display_width (const char *text);

void
bp_doc_heading (Doc        *d,
                int         level,
                const char *text);

void
bp_doc_para (Doc        *d,
             const char *text);

void
bp_doc_line (Doc        *d,
             const char *line);

void
bp_doc_table_row (Doc                *d,
                  const char * const *cells,
                  guint               n_cells);

void
bp_doc_table_begin (Doc                *d,
                    const char * const *headers,
                    guint               n_cells);

void
bp_doc_line_take (Doc     *d,
                  GString *line);

void
bp_doc_para_take (Doc  *d,
                  char *text);

guint
bp_doc_limit (Doc   *d,
              guint  n,
              guint  sample);

void
bp_doc_more (Doc   *d,
             guint  listed,
             guint  n);

void
bp_explain_append_vector (GString      *s,
                          const double *v,
                          guint         n,
                          guint         limit);

void
bp_doc_append_words (Doc        *d,
                     GString    *line,
                     const char *words);

/* bp-explain-latex.c: the LaTeX forms of the writer's pieces */
void
bp_latex_begin (Doc *d);

void
bp_latex_end (Doc *d);

void
bp_latex_end_block (Doc *d);

void
bp_latex_heading (Doc        *d,
                  int         level,
                  const char *text);

void
bp_latex_para (Doc        *d,
               const char *text);

void
bp_latex_line (Doc        *d,
               const char *line);

void
bp_latex_table_begin (Doc                *d,
                      const char * const *headers,
                      guint               n_cells);

void
bp_latex_table_row (Doc                *d,
                    const char * const *cells,
                    guint               n_cells);

/* bp-explain-forward.c */
void
bp_doc_intro (Doc *d);

void
bp_doc_forward (Doc *d);

void
bp_doc_loss (Doc *d);

/* bp-explain-backward.c */
void
bp_doc_deltas (Doc *d);

void
bp_doc_gradients (Doc *d);

void
bp_doc_updates (Doc *d);

G_END_DECLS
