/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-gradcheck-view-private.h: what BpGradcheckView's files share: the rows of numbers and
 * the text the page writes (bp-gradcheck-view-text.c). */
#pragma once

#include "bp-gradcheck-view.h"

G_BEGIN_DECLS

/* The rows of numbers, top to bottom. */
enum {
  ROW_BACKPROP,
  ROW_SLOPE,
  ROW_H,
  ROW_ERROR,
  N_ROWS
};

const char *_bp_gradcheck_row_title         (guint          row);
char       *_bp_gradcheck_format_long       (double         value);
char       *_bp_gradcheck_verdict           (const BpProbe *probe);
const char *_bp_gradcheck_note              (const BpProbe *probe);
char       *_bp_gradcheck_plot_description  (const BpProbe *probe,
                                             const char    *parameter);

G_END_DECLS
