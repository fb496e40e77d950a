/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-gradcheck-export.c: the plot of a gradient check as PNG, SVG or PDF, drawn by the
 * function that draws it in the window (bp-gradcheck-draw.c). */
#define G_LOG_DOMAIN "bp-draw"

#include "config.h"

#include "bp-gradcheck-draw.h"

#include "bp-file.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

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
      return surface;
    }
  if (format == BP_EXPORT_PDF)
    return cairo_pdf_surface_create_for_stream (append_cb, out, width, height);
  return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
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
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (plot != NULL && plot->palette != NULL && G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format != BP_EXPORT_MARKDOWN, FALSE);

  if (width < BP_EXPORT_MIN_SIZE || width > BP_EXPORT_MAX_SIZE
      || height < BP_EXPORT_MIN_SIZE || height > BP_EXPORT_MAX_SIZE)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   _("The size %d × %d is outside %d to %d"), width, height,
                   BP_EXPORT_MIN_SIZE, BP_EXPORT_MAX_SIZE);
      return FALSE;
    }
  surface = create_surface (format, out, width, height);
  cr = cairo_create (surface);
  bp_color_set_source (cr, &plot->palette->background);
  cairo_paint (cr);
  bp_gradcheck_draw (cr, width, height, plot);
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
