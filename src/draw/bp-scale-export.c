/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-scale-export.c: the Scale page's plot as a PNG, SVG or PDF file, drawn by
 * bp_scale_draw() as the page draws it, and written whole and renamed into place. */
#define G_LOG_DOMAIN "bp-export"

#include "config.h"

#include "bp-scale-draw.h"

#include "bp-export.h"

/* Laid out for a page about this size; a larger export is the same picture scaled up. */
#define LAYOUT_WIDTH 900.0
#define LAYOUT_HEIGHT 560.0

/* What the plot's picture shows. */
typedef struct {
  const BpScaleRow *rows;
  guint n_rows;
  guint64 max_params;
  const BpPalette *palette;
} PlotPicture;

static void
draw_plot (cairo_t  *cr,
           int       width,
           int       height,
           gpointer  data)
{
  const PlotPicture *p = data;

  bp_scale_draw (cr, width, height, p->rows, p->n_rows, p->max_params, p->palette, 1.0);
}

/**
 * bp_scale_export:
 * @rows: the rows measured
 * @n_rows: how many
 * @max_params: the bound of the measurement
 * @format: PNG, SVG or PDF
 * @width: the width, %BP_EXPORT_MIN_SIZE … %BP_EXPORT_MAX_SIZE (pixels; points for PDF)
 * @height: the height, likewise
 * @palette: the colours
 * @file: where to write; replaced atomically
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
bp_scale_export (const BpScaleRow *rows,
                 guint             n_rows,
                 guint64           max_params,
                 BpExportFormat    format,
                 int               width,
                 int               height,
                 const BpPalette  *palette,
                 GFile            *file,
                 GError          **error)
{
  PlotPicture picture = { rows, n_rows, max_params, palette };

  g_return_val_if_fail (rows != NULL || n_rows == 0, FALSE);
  g_return_val_if_fail (palette != NULL && G_IS_FILE (file), FALSE);

  /* Text and lines keep their proportions on a large picture, as the diagram's do. */
  return bp_export_picture (format, width, height, LAYOUT_WIDTH, LAYOUT_HEIGHT, draw_plot,
                            &picture, file, error);
}
