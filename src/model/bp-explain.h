/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-explain.h: a worked example of one forward pass, one backward pass and one SGD step,
 * written out as a textbook would, as plain text, as a Markdown handout, as a LaTeX document
 * or as JSON.
 */
#pragma once

#include <glib.h>

#include "bp-core.h"

G_BEGIN_DECLS

/* Above this many weights and biases the text and Markdown forms summarise per neuron and
 * list only a sample of the individual parameters; JSON is always complete. */
#define BP_EXPLAIN_FULL_MAX_PARAMS 200

char *bp_explain_text     (const BpNet *net);
char *bp_explain_markdown (const BpNet *net);
char *bp_explain_json     (const BpNet *net);
char *bp_explain_latex    (const BpNet *net);

gboolean    bp_explain_latex_in_ui_language (void);
const char *bp_explain_latex_fallback_note  (void);
char       *bp_explain_latex_escape         (const char *text);

G_END_DECLS
