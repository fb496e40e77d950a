/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-health-export.c: the gradient health strip in a file, as a PNG, SVG or PDF picture.
 * (The diagram's export draws the badges: bp_export_diagram ().) */
#define G_LOG_DOMAIN "bp-health"

#include "config.h"

#include "bp-health-draw.h"

#include "bp-export.h"

/* What the strip's picture shows. */
typedef struct {
  const BpHealth *health;
  const BpPalette *palette;
} StripPicture;

static void
draw_strip (cairo_t  *cr,
            int       width,
            int       height,
            gpointer  data)
{
  const StripPicture *p = data;

  bp_health_draw_strip (cr, width, height, p->health, p->palette, 1.0);
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
  StripPicture picture = { health, palette };

  g_return_val_if_fail (health != NULL && palette != NULL && G_IS_FILE (file), FALSE);

  /* At the size asked for, as the window draws it: no layout to scale up. */
  return bp_export_picture (format, width, height, 0.0, 0.0, draw_strip, &picture, file,
                            error);
}
