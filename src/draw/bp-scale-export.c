/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-scale-export.c: the Scale page's plot as a PNG, SVG or PDF file, drawn by
 * bp_scale_draw() as the page draws it, and written whole and renamed into place. */
#define G_LOG_DOMAIN "bp-export"

#include "config.h"

#include "bp-scale-draw.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "bp-file.h"

/* Laid out for a page about this size; a larger export is the same picture scaled up. */
#define LAYOUT_WIDTH 900.0
#define LAYOUT_HEIGHT 560.0

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
create_surface (BpExportFormat  format,
                GByteArray     *out,
                int             width,
                int             height)
{
  cairo_surface_t *surface;

  if (format == BP_EXPORT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (append_cb, out, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }
  else if (format == BP_EXPORT_PDF)
    surface = cairo_pdf_surface_create_for_stream (append_cb, out, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  return surface;
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
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  double scale = MAX (1.0, MIN (width / LAYOUT_WIDTH, height / LAYOUT_HEIGHT));
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (rows != NULL || n_rows == 0, FALSE);
  g_return_val_if_fail (palette != NULL && G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format != BP_EXPORT_MARKDOWN, FALSE);

  if (width < BP_EXPORT_MIN_SIZE || width > BP_EXPORT_MAX_SIZE
      || height < BP_EXPORT_MIN_SIZE || height > BP_EXPORT_MAX_SIZE)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID, _("The size %d × %d is outside %d to %d"),
                   width, height, BP_EXPORT_MIN_SIZE, BP_EXPORT_MAX_SIZE);
      return FALSE;
    }
  surface = create_surface (format, out, width, height);
  cr = cairo_create (surface);
  /* Text and lines keep their proportions on a large picture, as the diagram's do. */
  cairo_scale (cr, scale, scale);
  bp_scale_draw (cr, (int) (width / scale), (int) (height / scale), rows, n_rows, max_params,
                 palette, 1.0);
  cairo_destroy (cr);
  if (format == BP_EXPORT_PNG)
    cairo_surface_write_to_png_stream (surface, append_cb, out);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID, _("The drawing failed: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&out));
  return bp_file_replace_safely (file, bytes, error);
}
