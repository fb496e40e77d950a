/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-draw-text.c: the text of the small drawings (the loss chart, the boundary panel, the
 * gradient check's plot, the loss landscape). */
#define G_LOG_DOMAIN "bp-draw"

#include "config.h"

#include "bp-draw-text.h"

#include <math.h>

/**
 * bp_draw_text_layout:
 * @cr: where the text will be drawn
 * @px: its size in pixels
 * @text: the text
 *
 * Returns: (transfer full): @text laid out in Sans at @px, with tabular figures so that a
 *   printed value does not jitter while it changes
 */
PangoLayout *
bp_draw_text_layout (cairo_t    *cr,
                     double      px,
                     const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/**
 * bp_draw_text:
 * @cr: where to draw
 * @text: the text
 * @px: its size in pixels
 * @x: where its anchor goes
 * @y: likewise
 * @xalign: the anchor's place across the text: 0 its left edge, 1 its right
 * @yalign: likewise down the text: 0 its top, 1 its bottom
 * @color: its colour
 *
 * Draws @text laid out as bp_draw_text_layout () does, on whole pixels so that it stays sharp.
 */
void
bp_draw_text (cairo_t       *cr,
              const char    *text,
              double         px,
              double         x,
              double         y,
              double         xalign,
              double         yalign,
              const BpColor *color)
{
  g_autoptr(PangoLayout) layout = bp_draw_text_layout (cr, px, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  bp_color_set_source (cr, color);
  cairo_move_to (cr, round (x - xalign * w), round (y - yalign * h));
  pango_cairo_show_layout (cr, layout);
}

/**
 * bp_draw_text_width:
 * @cr: where the text would be drawn
 * @px: its size in pixels
 * @text: the text
 *
 * Returns: the width in pixels of @text laid out as bp_draw_text_layout () does
 */
double
bp_draw_text_width (cairo_t    *cr,
                    double      px,
                    const char *text)
{
  g_autoptr(PangoLayout) layout = bp_draw_text_layout (cr, px, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}
