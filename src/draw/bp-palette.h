/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-palette.h: the app's own colours for the diagram and the sparkline. GTK 4.8 cannot
 * tell a widget the theme's colours, so the light, dark and high-contrast sets live here. */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

typedef struct {
  double red, green, blue, alpha;
} BpColor;

typedef enum {
  BP_PALETTE_LIGHT,
  BP_PALETTE_DARK,
  BP_PALETTE_HIGH_CONTRAST_LIGHT,
  BP_PALETTE_HIGH_CONTRAST_DARK,
  BP_PALETTE_COLOUR_BLIND_LIGHT,
  BP_PALETTE_COLOUR_BLIND_DARK,
  BP_N_PALETTES
} BpPaletteKind;

/* The values of the "palette" setting, in the schema's order and with its nicks. */
typedef enum {
  BP_PALETTE_CHOICE_AUTOMATIC,
  BP_PALETTE_CHOICE_COLOUR_BLIND_SAFE,
  BP_PALETTE_CHOICE_HIGH_CONTRAST,
} BpPaletteChoice;

#define BP_TYPE_PALETTE_CHOICE (bp_palette_choice_get_type ())

GType bp_palette_choice_get_type (void) G_GNUC_CONST;

typedef struct {
  BpColor background;
  BpColor text;
  BpColor dim_text;
  BpColor grid;            /* axes, hairlines, the sparkline's frame */
  BpColor node_outline;
  BpColor node_positive;   /* a neuron's fill for a positive activation */
  BpColor node_negative;   /* and for a negative one */
  BpColor rise;            /* orange: dL/dw < 0, the step increases the weight */
  BpColor fall;            /* teal: dL/dw > 0, the step decreases the weight */
  BpColor pulse;           /* the forward pulse */
  BpColor wave;            /* the backward pulse: unlike rise, fall and pulse */
  BpColor selection;
  BpColor target;
  BpColor loss;
  BpColor reset_mark;      /* the sparkline's reset markers */
  BpColor heat_low;        /* a heatmap's lowest value: class 0, a negative activation */
  BpColor heat_middle;     /* its middle: the decision boundary, an activation of 0 */
  BpColor heat_high;       /* its highest value: class 1, a positive activation */
} BpPalette;

const BpPalette *bp_palette_get              (BpPaletteKind    kind);
const char      *bp_palette_kind_to_string   (BpPaletteKind    kind);
gboolean         bp_palette_kind_from_string (const char      *name,
                                              BpPaletteKind   *kind);
BpPaletteKind    bp_palette_choose           (gboolean         dark,
                                              gboolean         high_contrast);
const BpPalette *bp_palette_resolve          (BpPaletteChoice  choice,
                                              gboolean         dark,
                                              gboolean         high_contrast);
void             bp_color_set_source         (cairo_t         *cr,
                                              const BpColor   *color);

G_END_DECLS
