/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-health-export.c: the gradient health strip in a file, as a PNG, SVG or PDF picture.
 * (The diagram's export draws the badges: bp_export_diagram_unfolded ().) */
#define G_LOG_DOMAIN "bp-health"

#include "config.h"

#include "bp-health-draw.h"

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

static gboolean
check_size (int      width,
            int      height,
            GError **error)
{
  if (width >= BP_EXPORT_MIN_SIZE && width <= BP_EXPORT_MAX_SIZE
      && height >= BP_EXPORT_MIN_SIZE && height <= BP_EXPORT_MAX_SIZE)
    return TRUE;
  g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
               _("The size %d × %d is outside %d to %d"), width, height,
               BP_EXPORT_MIN_SIZE, BP_EXPORT_MAX_SIZE);
  return FALSE;
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

/* Ends drawing on @surface and writes the picture to @file. Takes @surface. */
static gboolean
finish (cairo_surface_t  *surface,
        BpExportFormat    format,
        GByteArray       *out,
        GFile            *file,
        GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  cairo_status_t status;

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
  bytes = g_bytes_new (out->data, out->len);
  return bp_file_replace_safely (file, bytes, error);
}

/**
 * bp_health_export_strip:
 * @health: the record
 * @format: PNG, SVG or PDF
 * @width: the width, from %BP_EXPORT_MIN_SIZE to %BP_EXPORT_MAX_SIZE (pixels; points for PDF)
 * @height: the height, likewise
 * @palette: the colours
 * @file: where to write; replaced atomically
 * @error: return location for a #GError
 *
 * Draws the strip as the window shows it into a file.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_health_export_strip (const BpHealth   *health,
                        BpExportFormat    format,
                        int               width,
                        int               height,
                        const BpPalette  *palette,
                        GFile            *file,
                        GError          **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (health != NULL && palette != NULL && G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format != BP_EXPORT_MARKDOWN, FALSE);

  if (!check_size (width, height, error))
    return FALSE;
  surface = create_surface (format, out, width, height);
  cr = cairo_create (surface);
  bp_health_draw_strip (cr, width, height, health, palette, 1.0);
  cairo_destroy (cr);
  return finish (surface, format, out, file, error);
}
