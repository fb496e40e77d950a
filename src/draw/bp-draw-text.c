/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-draw-text.c: the text of the small drawings (the loss chart, the boundary panel). */
#define G_LOG_DOMAIN "bp-draw"

#include "config.h"

#include "bp-draw-text.h"

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
