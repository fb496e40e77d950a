/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-gradcheck-export.c: the plot of a gradient check as PNG, SVG or PDF, drawn by the
 * function that draws it in the window (bp-gradcheck-draw.c). */
#define G_LOG_DOMAIN "bp-draw"

#include "config.h"

#include "bp-gradcheck-draw.h"

#include "bp-export.h"

static void
draw_plot (cairo_t  *cr,
           int       width,
           int       height,
           gpointer  data)
{
  const BpGradcheckPlot *plot = data;

  bp_color_set_source (cr, &plot->palette->background);
  cairo_paint (cr);
  bp_gradcheck_draw (cr, width, height, plot);
}

/**
 * bp_gradcheck_export:
 * @plot: what to draw
 * @format: PNG, SVG or PDF
 * @width: the width (pixels; points for PDF), within BP_EXPORT_MIN_SIZE … BP_EXPORT_MAX_SIZE
 * @height: the height
 * @file: where to write; replaced atomically
 * @error: return location for a #GError
 *
 * Draws the plot of a gradient check on the palette's background, as the window shows it.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_gradcheck_export (const BpGradcheckPlot *plot,
                     BpExportFormat         format,
                     int                    width,
                     int                    height,
                     GFile                 *file,
                     GError               **error)
{
  g_return_val_if_fail (plot != NULL && plot->palette != NULL && G_IS_FILE (file), FALSE);

  /* At the size asked for: the plot lays itself out in it. */
  return bp_export_picture (format, width, height, 0.0, 0.0, draw_plot, (gpointer) plot, file,
                            error);
}
