/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-format.h: the one place that turns numbers into text and names neurons, for every view,
 * export and the command line. Text for people follows the locale (a decimal comma in
 * German) and uses a true minus sign; text for programs and files always uses '.'. */
#pragma once

#include "bp-core.h"

G_BEGIN_DECLS

/* One way to write a number for one quantity, chosen by where it is shown:
 *
 * - BP_NUMBER_FORMULA is the style of every number a person reads outside a node: the
 *   readouts under the diagram (the loss), the info box over the diagram, the math panel,
 *   the legend and the loss chart's labels. The same loss reads "6.423e−5" in all of them.
 * - BP_NUMBER_NODE is only for the value drawn inside a node, target or loss box, where
 *   space is short; BP_NUMBER_NODE_SHORT when even that does not fit.
 * - BP_NUMBER_EXACT is for entries a person edits (the spin buttons), BP_NUMBER_MACHINE for
 *   files and programs; the command line's text output may keep ASCII.
 */
typedef enum {
  BP_NUMBER_NODE,     /* inside a node or box: 3 or 4 decimals, else 3 significant digits
                       * in scientific form ("−0.500", "0.0123", "6.42e−5") */
  BP_NUMBER_NODE_SHORT, /* where BP_NUMBER_NODE does not fit its node: 2 decimals, else 1
                         * significant digit in scientific form ("−0.50", "−2e137") */
  BP_NUMBER_FORMULA,  /* in a formula, a readout, the info box, the legend and the loss
                       * chart: 4 significant digits, the exponent as a node writes it
                       * ("−0.4998", "6.423e−5", "1.235e5") */
  BP_NUMBER_EXACT,    /* the shortest text in the locale's style that reads back as exactly
                       * this number, with a true minus: for entries a person edits
                       * (bp_parse_number () takes it back, and a typed '-' too) */
  BP_NUMBER_MACHINE,  /* 17 significant digits with '.', whatever the locale: for files,
                       * JSON and the command line's output meant for programs */
} BpNumberStyle;

/* The longest text bp_format_number_into () writes, with its NUL. */
#define BP_NUMBER_SIZE 40

/* The longest neuron name bp_format_neuron_into () writes, with its NUL. */
#define BP_NEURON_NAME_SIZE 24

void          bp_format_number_into        (double                value,
                                            BpNumberStyle         style,
                                            char                 *buffer,
                                            gsize                 size);
char         *bp_format_number             (double                value,
                                            BpNumberStyle         style);
gboolean      bp_parse_number              (const char           *text,
                                            double               *value);
void          bp_format_neuron_into        (guint                 n_layers,
                                            guint                 layer,
                                            guint                 index,
                                            char                 *buffer,
                                            gsize                 size);
void          bp_format_net_neuron_into    (const BpNet          *net,
                                            guint                 layer,
                                            guint                 index,
                                            char                 *buffer,
                                            gsize                 size);
char         *bp_format_net_neuron         (const BpNet          *net,
                                            guint                 layer,
                                            guint                 index);
char         *bp_format_neuron             (guint                 n_layers,
                                            guint                 layer,
                                            guint                 index);
char         *bp_format_exact_ascii        (double                value);

G_END_DECLS
