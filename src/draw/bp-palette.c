/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-palette.c: teal means the step lowers a weight, orange that it raises it. The two sit on
 * the blue–orange axis that the common colour-vision deficiencies keep apart, and the
 * diagram also shows the sign with a dash pattern, so colour is never the only cue. */
#define G_LOG_DOMAIN "bp-palette"

#include "config.h"

#include "bp-palette.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                   ((hex) & 0xff) / 255.0, 1.0 }
#define RGBA(hex, a) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                       ((hex) & 0xff) / 255.0, (a) }

static const BpPalette palettes[BP_N_PALETTES] = {
  [BP_PALETTE_LIGHT] = {
    .background = RGB (0xfafafb),
    .text = RGBA (0x000000, 0.85),
    .dim_text = RGBA (0x000000, 0.58),
    .grid = RGBA (0x000000, 0.14),
    .node_outline = RGB (0x3d3846),
    .node_positive = RGB (0x1c71d8),
    .node_negative = RGB (0x9141ac),
    .rise = RGB (0xc64600),
    .fall = RGB (0x00857a),
    .pulse = RGB (0xe5a50a),
    .wave = RGB (0xb5179e),
    .selection = RGB (0x3584e4),
    .target = RGB (0x26a269),
    .loss = RGB (0xc01c28),
    .reset_mark = RGBA (0x000000, 0.35),
    .heat_low = RGB (0xa8329a),
    .heat_middle = RGB (0xf2f2f4),
    .heat_high = RGB (0x1c71d8),
  },
  [BP_PALETTE_DARK] = {
    .background = RGB (0x242424),
    .text = RGB (0xffffff),
    .dim_text = RGBA (0xffffff, 0.65),
    .grid = RGBA (0xffffff, 0.16),
    .node_outline = RGB (0xdeddda),
    .node_positive = RGB (0x62a0ea),
    .node_negative = RGB (0xc061cb),
    .rise = RGB (0xff8c3a),
    .fall = RGB (0x2ec4b6),
    .pulse = RGB (0xf8e45c),
    .wave = RGB (0xff78d2),
    .selection = RGB (0x78aeed),
    .target = RGB (0x57e389),
    .loss = RGB (0xff7b63),
    .reset_mark = RGBA (0xffffff, 0.4),
    .heat_low = RGB (0xdc6ad0),
    .heat_middle = RGB (0x303033),
    .heat_high = RGB (0x62a0ea),
  },
  [BP_PALETTE_HIGH_CONTRAST_LIGHT] = {
    .background = RGB (0xffffff),
    .text = RGB (0x000000),
    .dim_text = RGB (0x000000),
    .grid = RGB (0x000000),
    .node_outline = RGB (0x000000),
    .node_positive = RGB (0x0b4f9e),
    .node_negative = RGB (0x61246f),
    .rise = RGB (0xa33a00),
    .fall = RGB (0x005f56),
    .pulse = RGB (0x8a5c00),
    .wave = RGB (0x000000),
    .selection = RGB (0x0040c0),
    .target = RGB (0x0f5a2e),
    .loss = RGB (0x9b0000),
    .reset_mark = RGB (0x000000),
    .heat_low = RGB (0x7a1a6e),
    .heat_middle = RGB (0xffffff),
    .heat_high = RGB (0x0b4f9e),
  },
  /* Colour-blind safe: Okabe and Ito's colours, which stay apart for protanopia,
   * deuteranopia and tritanopia. Bluish green and vermillion keep the teal/orange meaning
   * of the gradients' sign, blue and reddish purple that of the activations, so the guide's
   * words hold in every palette; the loss box is drawn in the text colour. */
  [BP_PALETTE_COLOUR_BLIND_LIGHT] = {
    .background = RGB (0xffffff),
    .text = RGBA (0x000000, 0.87),
    .dim_text = RGBA (0x000000, 0.6),
    .grid = RGBA (0x000000, 0.16),
    .node_outline = RGB (0x000000),
    .node_positive = RGB (0x0072b2),
    .node_negative = RGB (0xcc79a7),
    .rise = RGB (0xd55e00),
    .fall = RGB (0x007a5a),
    .pulse = RGB (0xe69f00),
    .wave = RGB (0x000000),
    .selection = RGB (0x0072b2),
    .target = RGB (0x009e73),
    .loss = RGB (0x000000),
    .reset_mark = RGBA (0x000000, 0.4),
    .heat_low = RGB (0xcc79a7),
    .heat_middle = RGB (0xf4f4f4),
    .heat_high = RGB (0x0072b2),
  },
  [BP_PALETTE_COLOUR_BLIND_DARK] = {
    .background = RGB (0x1e1e1e),
    .text = RGB (0xffffff),
    .dim_text = RGBA (0xffffff, 0.7),
    .grid = RGBA (0xffffff, 0.18),
    .node_outline = RGB (0xffffff),
    .node_positive = RGB (0x56b4e9),
    .node_negative = RGB (0xcc79a7),
    .rise = RGB (0xff8f3f),
    .fall = RGB (0x2ec99a),
    .pulse = RGB (0xf0e442),
    .wave = RGB (0xffffff),
    .selection = RGB (0x9ad3f5),
    .target = RGB (0x56b4e9),
    .loss = RGB (0xffffff),
    .reset_mark = RGBA (0xffffff, 0.45),
    .heat_low = RGB (0xcc79a7),
    .heat_middle = RGB (0x2a2a2a),
    .heat_high = RGB (0x56b4e9),
  },
  [BP_PALETTE_HIGH_CONTRAST_DARK] = {
    .background = RGB (0x000000),
    .text = RGB (0xffffff),
    .dim_text = RGB (0xffffff),
    .grid = RGB (0xffffff),
    .node_outline = RGB (0xffffff),
    .node_positive = RGB (0x8cc4ff),
    .node_negative = RGB (0xe5a3f0),
    .rise = RGB (0xffa552),
    .fall = RGB (0x3ff2dd),
    .pulse = RGB (0xffec3d),
    .wave = RGB (0xffffff),
    .selection = RGB (0x9cc8ff),
    .target = RGB (0x7cffa8),
    .loss = RGB (0xff9c8c),
    .reset_mark = RGB (0xffffff),
    .heat_low = RGB (0xff8ce6),
    .heat_middle = RGB (0x000000),
    .heat_high = RGB (0x8cc4ff),
  },
};

G_DEFINE_ENUM_TYPE (BpPaletteChoice, bp_palette_choice,
  G_DEFINE_ENUM_VALUE (BP_PALETTE_CHOICE_AUTOMATIC, "automatic"),
  G_DEFINE_ENUM_VALUE (BP_PALETTE_CHOICE_COLOUR_BLIND_SAFE, "colour-blind-safe"),
  G_DEFINE_ENUM_VALUE (BP_PALETTE_CHOICE_HIGH_CONTRAST, "high-contrast"))

/* The names the command line takes, in the order of BpPaletteKind. */
static const char * const kind_names[BP_N_PALETTES] = {
  [BP_PALETTE_LIGHT] = "light",
  [BP_PALETTE_DARK] = "dark",
  [BP_PALETTE_HIGH_CONTRAST_LIGHT] = "high-contrast-light",
  [BP_PALETTE_HIGH_CONTRAST_DARK] = "high-contrast-dark",
  [BP_PALETTE_COLOUR_BLIND_LIGHT] = "colour-blind-light",
  [BP_PALETTE_COLOUR_BLIND_DARK] = "colour-blind-dark",
};

/**
 * bp_palette_kind_to_string:
 * @kind: a palette
 *
 * Returns: its name on the command line, such as "high-contrast-dark"
 */
const char *
bp_palette_kind_to_string (BpPaletteKind kind)
{
  g_return_val_if_fail (kind < BP_N_PALETTES, "light");
  return kind_names[kind];
}

/**
 * bp_palette_kind_from_string:
 * @name: a palette's name, as bp_palette_kind_to_string() writes it
 * @kind: (out): the palette
 *
 * Returns: %TRUE if @name is a palette's name (exactly, in lower case)
 */
gboolean
bp_palette_kind_from_string (const char    *name,
                             BpPaletteKind *kind)
{
  g_return_val_if_fail (name != NULL && kind != NULL, FALSE);

  for (guint k = 0; k < BP_N_PALETTES; k++)
    if (g_str_equal (name, kind_names[k]))
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

const BpPalette *
bp_palette_get (BpPaletteKind kind)
{
  g_return_val_if_fail (kind < BP_N_PALETTES, &palettes[BP_PALETTE_LIGHT]);
  return &palettes[kind];
}

BpPaletteKind
bp_palette_choose (gboolean dark,
                   gboolean high_contrast)
{
  if (high_contrast)
    return dark ? BP_PALETTE_HIGH_CONTRAST_DARK : BP_PALETTE_HIGH_CONTRAST_LIGHT;
  return dark ? BP_PALETTE_DARK : BP_PALETTE_LIGHT;
}

void
bp_color_set_source (cairo_t       *cr,
                     const BpColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/**
 * bp_palette_resolve:
 * @choice: the "palette" setting
 * @dark: whether the style is dark
 * @high_contrast: whether the system asks for high contrast
 *
 * Automatic follows the style; high contrast always uses a high-contrast palette; colour-blind
 * safe uses Okabe and Ito's colours, unless the system asks for high contrast, which wins.
 *
 * Returns: (transfer none): the palette
 */
const BpPalette *
bp_palette_resolve (BpPaletteChoice choice,
                    gboolean        dark,
                    gboolean        high_contrast)
{
  if (choice == BP_PALETTE_CHOICE_HIGH_CONTRAST)
    high_contrast = TRUE;
  if (choice == BP_PALETTE_CHOICE_COLOUR_BLIND_SAFE && !high_contrast)
    return bp_palette_get (dark ? BP_PALETTE_COLOUR_BLIND_DARK : BP_PALETTE_COLOUR_BLIND_LIGHT);
  return bp_palette_get (bp_palette_choose (dark, high_contrast));
}
