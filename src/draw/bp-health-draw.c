/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-health-draw.c: the gradient health strip and the badges of saturated and dead neurons.
 *
 * One row per weight layer; the recent steps run left to right, the newest at the right
 * edge. Each step is a bar whose height is log10 of the layer's gradient norm on a FIXED
 * scale from 1e−8 (the row's bottom) to 1e2 (its top), never fitted to the values shown, so
 * that a vanishing gradient (under 1e−5, the lower dashed line) stays near the bottom and an
 * exploding one (over 10, the upper dashed line) near the top. Vanishing and exploding bars
 * take the palette's fall and rise colours, steady ones its dim grey, so the height and the
 * colour both tell. */
#define G_LOG_DOMAIN "bp-health"

#include "config.h"

#include "bp-health-draw.h"

#include "bp-draw-text.h"
#include "bp-format.h"

#include <glib/gi18n.h>
#include <math.h>

#define FONT_PX 11.0

typedef struct {
  double text_scale;
  double px, pad;
  double label_w, value_w;
  double plot_x, plot_w;
  double top, row_h, gap;
} Strip;

/* The height of @norm within a row, 0 … 1, on the fixed scale. */
static double
level_of (double norm)
{
  if (!(norm > 0.0))
    return 0.0;
  return CLAMP ((log10 (norm) - BP_HEALTH_LOG_MIN) / (BP_HEALTH_LOG_MAX - BP_HEALTH_LOG_MIN),
                0.0, 1.0);
}

static const BpColor *
norm_color (const BpPalette *palette,
            double           norm)
{
  if (!(norm >= BP_HEALTH_VANISHING))
    return &palette->fall;
  if (norm > BP_HEALTH_EXPLODING)
    return &palette->rise;
  return &palette->dim_text;
}

/**
 * bp_health_layer_name:
 * @layer: a weight layer, from 0
 *
 * Returns: (transfer full): its name, "Layer 1 → 2": the layers it connects, as the diagram
 *   numbers them from the input, 0
 */
char *
bp_health_layer_name (guint layer)
{
  /* Translators: a row of the gradient health strip: the weights from layer %u to layer %u
   * of the network (0 is the input) */
  return g_strdup_printf (_("Layer %u → %u"), layer, layer + 1);
}

static const char *
trend_word (BpGradientTrend trend)
{
  switch (trend)
    {
    case BP_GRADIENT_VANISHING:
      /* Translators: a layer's gradient norm is under 1e−5 */
      return _("vanishing");
    case BP_GRADIENT_EXPLODING:
      /* Translators: a layer's gradient norm is over 10 */
      return _("exploding");
    case BP_GRADIENT_STEADY:
      /* Translators: a layer's gradient norm is between 1e−5 and 10 */
      return _("steady");
    case BP_GRADIENT_UNKNOWN:
    default:
      return "";
    }
}

/* "3.2e−2, steady" or "0, vanishing": the latest norm of @layer and how it reads. */
static char *
layer_value_text (const BpHealth *health,
                  guint           layer)
{
  char number[BP_NUMBER_SIZE];

  if (bp_health_get_n_steps (health) == 0)
    /* Translators: the health strip's value of a layer before any step */
    return g_strdup (_("no steps yet"));
  bp_format_number_into (bp_health_get_last_norm (health, layer), BP_NUMBER_FORMULA,
                         number, sizeof number);
  /* Translators: a layer's latest gradient norm and how it reads: "3.2e−2, steady" */
  return g_strdup_printf (_("%s, %s"), number,
                          trend_word (bp_health_get_trend (health, layer)));
}

static double
text_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

static void
show_text (cairo_t         *cr,
           PangoLayout     *layout,
           double           x,
           double           y_middle,
           const BpColor   *color)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  bp_color_set_source (cr, color);
  cairo_move_to (cr, x, y_middle - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* Lays out the columns: the layers' names, the plot, their latest values. */
static void
strip_layout (cairo_t        *cr,
              Strip          *s,
              int             width,
              int             height,
              const BpHealth *health)
{
  guint n = MAX (bp_health_get_n_layers (health), 1);

  s->px = FONT_PX * s->text_scale;
  s->pad = 6.0 * s->text_scale;
  s->label_w = s->value_w = 0.0;
  for (guint l = 0; l < bp_health_get_n_layers (health); l++)
    {
      g_autofree char *name = bp_health_layer_name (l);
      g_autofree char *value = layer_value_text (health, l);
      g_autoptr(PangoLayout) a = bp_draw_text_layout (cr, s->px, name);
      g_autoptr(PangoLayout) b = bp_draw_text_layout (cr, s->px, value);

      s->label_w = MAX (s->label_w, text_width (a));
      s->value_w = MAX (s->value_w, text_width (b));
    }
  s->top = s->px * 1.6;
  s->gap = MAX (1.0, 2.0 * s->text_scale);
  s->row_h = MAX (1.0, (height - s->top - s->gap) / n - s->gap);
  s->plot_x = s->pad + s->label_w + s->pad;
  s->plot_w = MAX (1.0, width - s->plot_x - s->pad - s->value_w - s->pad);
}

/* The title and the scale's key along the top. */
static void
draw_header (cairo_t         *cr,
             const Strip     *s,
             int              width,
             const BpPalette *palette)
{
  g_autofree char *key = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) legend = NULL;
  char low[BP_NUMBER_SIZE], high[BP_NUMBER_SIZE], vanish[BP_NUMBER_SIZE];
  char explode[BP_NUMBER_SIZE];

  /* Translators: the title of the gradient health strip: the norm of each layer's weight
   * gradient over the last 200 steps */
  title = bp_draw_text_layout (cr, s->px, _("Gradient norm per layer, last 200 steps"));
  bp_format_number_into (pow (10.0, BP_HEALTH_LOG_MIN), BP_NUMBER_FORMULA, low, sizeof low);
  bp_format_number_into (pow (10.0, BP_HEALTH_LOG_MAX), BP_NUMBER_FORMULA, high, sizeof high);
  bp_format_number_into (BP_HEALTH_VANISHING, BP_NUMBER_FORMULA, vanish, sizeof vanish);
  bp_format_number_into (BP_HEALTH_EXPLODING, BP_NUMBER_FORMULA, explode, sizeof explode);
  /* Translators: the key of the health strip's fixed logarithmic scale: its bottom and top,
   * then the dashed lines under which a gradient vanishes and over which it explodes */
  key = g_strdup_printf (_("log scale %s … %s, dashed at %s and %s"), low, high, vanish,
                         explode);
  legend = bp_draw_text_layout (cr, s->px * 0.9, key);
  show_text (cr, title, s->pad, s->top / 2.0, &palette->text);
  show_text (cr, legend, MAX (s->pad + text_width (title) + 2 * s->pad,
                              width - s->pad - text_width (legend)),
             s->top / 2.0, &palette->dim_text);
}

/* A row's frame and its dashed lines at the vanishing and exploding norms. */
static void
draw_row_frame (cairo_t         *cr,
                const Strip     *s,
                double           y,
                const BpPalette *palette)
{
  double dash[] = { 3.0 * s->text_scale, 3.0 * s->text_scale };
  double lines[] = { BP_HEALTH_VANISHING, BP_HEALTH_EXPLODING };

  cairo_save (cr);
  bp_color_set_source (cr, &palette->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, s->plot_x + 0.5, y + 0.5, s->plot_w - 1.0, s->row_h - 1.0);
  cairo_stroke (cr);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0.0);
  for (guint k = 0; k < G_N_ELEMENTS (lines); k++)
    {
      double ly = round (y + s->row_h * (1.0 - level_of (lines[k]))) + 0.5;

      cairo_move_to (cr, s->plot_x, ly);
      cairo_line_to (cr, s->plot_x + s->plot_w, ly);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The bars of @layer: one per recorded step, the newest at the right edge. */
static void
draw_row_bars (cairo_t         *cr,
               const Strip     *s,
               const BpHealth  *health,
               guint            layer,
               double           y,
               const BpPalette *palette)
{
  guint64 last = bp_health_get_last_step (health);
  double slot = s->plot_w / BP_HEALTH_STEPS;
  double min_h = MAX (1.0, s->text_scale);

  for (guint i = 0; i < bp_health_get_n_steps (health); i++)
    {
      double norm = bp_health_get_norm (health, layer, i);
      double h = MAX (min_h, s->row_h * level_of (norm));
      guint64 step, age;

      if (!bp_health_get_step (health, i, &step) || last - step >= BP_HEALTH_STEPS)
        continue;
      age = last - step;
      bp_color_set_source (cr, norm_color (palette, norm));
      cairo_rectangle (cr, s->plot_x + s->plot_w - (age + 1) * slot, y + s->row_h - h,
                       MAX (slot, 1.0), h);
      cairo_fill (cr);
    }
}

/**
 * bp_health_draw_strip:
 * @cr: where to draw
 * @width: the width, in pixels
 * @height: the height
 * @health: the record
 * @palette: the colours
 * @text_scale: the text size's factor (large text, the diagram's zoom)
 *
 * Draws the strip: a title with the scale's key, then per weight layer its name, its
 * norms over the last %BP_HEALTH_STEPS steps and its latest norm with how it reads.
 */
void
bp_health_draw_strip (cairo_t         *cr,
                      int              width,
                      int              height,
                      const BpHealth  *health,
                      const BpPalette *palette,
                      double           text_scale)
{
  Strip s = { .text_scale = MAX (text_scale, 0.5) };

  g_return_if_fail (cr != NULL && health != NULL && palette != NULL);

  cairo_save (cr);
  bp_color_set_source (cr, &palette->background);
  cairo_paint (cr);
  strip_layout (cr, &s, width, height, health);
  draw_header (cr, &s, width, palette);
  for (guint l = 0; l < bp_health_get_n_layers (health); l++)
    {
      double y = s.top + s.gap + l * (s.row_h + s.gap);
      g_autofree char *name = bp_health_layer_name (l);
      g_autofree char *value = layer_value_text (health, l);
      g_autoptr(PangoLayout) a = bp_draw_text_layout (cr, s.px, name);
      g_autoptr(PangoLayout) b = bp_draw_text_layout (cr, s.px, value);

      show_text (cr, a, s.pad, y + s.row_h / 2.0, &palette->text);
      draw_row_frame (cr, &s, y, palette);
      draw_row_bars (cr, &s, health, l, y, palette);
      show_text (cr, b, s.plot_x + s.plot_w + s.pad, y + s.row_h / 2.0,
                 bp_health_get_trend (health, l) == BP_GRADIENT_STEADY ? &palette->text
                 : &palette->dim_text);
    }
  cairo_restore (cr);
}

/* "h1₂ (tanh′ = 0.003)" for the list of badged neurons. */
static void
append_neurons (GString        *text,
                const BpHealth *health,
                const BpNet    *net,
                BpNeuronHealth  kind)
{
  gboolean first = TRUE;

  for (guint l = 1; l <= net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l]; j++)
      if (bp_health_get_neuron (health, l, j, NULL) == kind)
        {
          g_autofree char *name = bp_format_net_neuron (net, l, j);

          g_string_append_printf (text, first ? "%s" : ", %s", name);
          first = FALSE;
        }
}

/**
 * bp_health_describe_strip:
 * @health: the record
 * @net: the network it was measured on
 *
 * Returns: (transfer full): the strip in words for screen readers: each layer's latest
 *   gradient norm and how it reads, then the saturated and the dead neurons
 */
char *
bp_health_describe_strip (const BpHealth *health,
                          const BpNet    *net)
{
  GString *text = g_string_new (NULL);
  guint n_saturated, n_dead;

  g_return_val_if_fail (health != NULL && net != NULL, NULL);

  for (guint l = 0; l < bp_health_get_n_layers (health); l++)
    {
      g_autofree char *name = bp_health_layer_name (l);
      g_autofree char *value = layer_value_text (health, l);

      /* Translators: one layer in the health strip's description: "Layer 0 → 1: gradient
       * norm 3.2e−2, steady; " */
      g_string_append_printf (text, _("%s: gradient norm %s; "), name, value);
    }
  if (!bp_health_matches (health, net))
    return g_string_free (text, FALSE);
  n_saturated = bp_health_count (health, BP_NEURON_SATURATED);
  n_dead = bp_health_count (health, BP_NEURON_DEAD);
  if (n_saturated == 0 && n_dead == 0)
    /* Translators: the end of the health strip's description */
    g_string_append (text, _("no saturated or dead neurons."));
  if (n_saturated > 0)
    {
      /* Translators: before the names of the saturated neurons in the strip's description */
      g_string_append (text, _("saturated: "));
      append_neurons (text, health, net, BP_NEURON_SATURATED);
      g_string_append (text, n_dead > 0 ? "; " : ".");
    }
  if (n_dead > 0)
    {
      /* Translators: before the names of the dead ReLU neurons in the strip's description */
      g_string_append (text, _("dead: "));
      append_neurons (text, health, net, BP_NEURON_DEAD);
      g_string_append (text, ".");
    }
  return g_string_free (text, FALSE);
}

/**
 * bp_health_explain_neuron:
 * @health: the record
 * @net: the network it was measured on
 * @layer: a layer, 1 to L
 * @index: a neuron of it
 *
 * Returns: (transfer full) (nullable): the one line that explains the neuron's badge, or
 *   %NULL when it has none
 */
char *
bp_health_explain_neuron (const BpHealth *health,
                          const BpNet    *net,
                          guint           layer,
                          guint           index)
{
  char slope[BP_NUMBER_SIZE];
  BpNeuronHealth state;
  double value;

  g_return_val_if_fail (health != NULL && net != NULL, NULL);

  if (!bp_health_matches (health, net))
    return NULL;
  state = bp_health_get_neuron (health, layer, index, &value);
  bp_format_number_into (value, BP_NUMBER_FORMULA, slope, sizeof slope);
  if (state == BP_NEURON_DEAD && bp_health_over_dataset (health))
    /* Translators: the explanation of a dead ReLU neuron in dataset mode */
    return g_strdup (_("Dead: this ReLU gives 0 for every training point, so no gradient "
                       "passes through it and its weights stop learning."));
  if (state == BP_NEURON_DEAD)
    /* Translators: the explanation of a dead ReLU neuron in example mode; %u is 100 */
    return g_strdup_printf (_("Dead: this ReLU gave 0 at the examples of the last %u steps, "
                              "so no gradient passes through it and its weights stop "
                              "learning."), BP_HEALTH_DEAD_STEPS);
  if (state == BP_NEURON_SATURATED && bp_health_over_dataset (health))
    /* Translators: the explanation of a saturated tanh or sigmoid neuron in dataset mode;
     * %s is its mean slope, like 0.003 */
    return g_strdup_printf (_("Saturated: its slope f′ averages %s over the training set, "
                              "under 1 %% of its maximum, so almost no gradient passes "
                              "back through it."), slope);
  if (state == BP_NEURON_SATURATED)
    /* Translators: the explanation of a saturated tanh or sigmoid neuron; %s is its slope */
    return g_strdup_printf (_("Saturated: its slope f′ is %s at this example, under 1 %% "
                              "of its maximum, so almost no gradient passes back through "
                              "it."), slope);
  return NULL;
}

/* @text broken into lines of about @width characters at spaces. */
static char *
wrap_line (const char *text,
           guint       width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  GString *out = g_string_new (NULL);
  guint column = 0;

  for (guint k = 0; words[k] != NULL; k++)
    {
      guint n = g_utf8_strlen (words[k], -1);

      if (column > 0 && column + 1 + n > width)
        {
          g_string_append_c (out, '\n');
          column = 0;
        }
      else if (column > 0)
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[k]);
      column += n;
    }
  return g_string_free (out, FALSE);
}

/**
 * bp_health_append_info:
 * @markup: (transfer full): the info box's markup of @selection
 * @health: (nullable): the record, or %NULL
 * @net: the network drawn
 * @selection: the item the box shows
 *
 * Adds the badge's explanation to the info box of a saturated or dead neuron (or its bias),
 * with where the Guide explains it.
 *
 * Returns: (transfer full): the markup
 */
char *
bp_health_append_info (char              *markup,
                       const BpHealth    *health,
                       const BpNet       *net,
                       const BpSelection *selection)
{
  g_autofree char *owned = markup;
  g_autofree char *line = NULL, *wrapped = NULL, *escaped = NULL, *guide = NULL;
  guint layer = selection->kind == BP_SELECTION_BIAS ? selection->layer + 1 : selection->layer;

  if (health == NULL
      || (selection->kind != BP_SELECTION_NODE && selection->kind != BP_SELECTION_BIAS))
    return g_steal_pointer (&owned);
  line = bp_health_explain_neuron (health, net, layer, selection->to);
  if (line == NULL)
    return g_steal_pointer (&owned);
  wrapped = wrap_line (line, 42);
  escaped = g_markup_escape_text (wrapped, -1);
  /* Translators: the last line of a badged neuron's info box in the diagram: the section of
   * the Guide that explains saturated and dead neurons (the Guide's heading) */
  guide = g_markup_escape_text (_("See the Guide: Why gradients differ"), -1);
  return g_strdup_printf ("%s\n<i>%s</i>\n%s", owned, escaped, guide);
}

/* The pill of a saturated neuron: rounded ends; or the square of a dead one. */
static void
badge_path (cairo_t       *cr,
            BpNeuronHealth state,
            double         x,
            double         y,
            double         w,
            double         h)
{
  double r = h / 2.0;

  if (state == BP_NEURON_DEAD)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, x + r, y + r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/**
 * bp_health_draw_badge:
 * @cr: where to draw
 * @health: (nullable): the record; nothing is drawn without one
 * @net: the network drawn
 * @layer: the node's layer
 * @index: the node
 * @x: the node's centre
 * @y: the node's centre
 * @half_width: the node's half extents
 * @half_height: the node's half extents
 * @font_px: the node's text size
 * @palette: the colours
 *
 * Draws the badge of a saturated ("S", a rounded pill) or dead ("D", a square) neuron at
 * the top right of its node, in the text colour on the background, so that it reads in
 * every palette and in grey.
 */
void
bp_health_draw_badge (cairo_t         *cr,
                      const BpHealth  *health,
                      const BpNet     *net,
                      guint            layer,
                      guint            index,
                      double           x,
                      double           y,
                      double           half_width,
                      double           half_height,
                      double           font_px,
                      const BpPalette *palette)
{
  g_autoptr(PangoLayout) letter = NULL;
  BpNeuronHealth state;
  double h, w, bx, by;
  int tw, th;

  if (health == NULL || layer == 0 || !bp_health_matches (health, net))
    return;
  state = bp_health_get_neuron (health, layer, index, NULL);
  if (state == BP_NEURON_HEALTHY)
    return;
  /* Translators: the badge letter of a saturated neuron (one letter) */
  letter = bp_draw_text_layout (cr, MAX (7.0, font_px * 0.75),
                                state == BP_NEURON_SATURATED ? C_("badge", "S")
                                /* Translators: the badge letter of a dead neuron */
                                                             : C_("badge", "D"));
  pango_layout_get_pixel_size (letter, &tw, &th);
  h = th + 2.0;
  w = MAX (h, tw + h * (state == BP_NEURON_SATURATED ? 0.9 : 0.5));
  bx = x + half_width * 0.75 - w / 2.0;
  by = y - half_height - h * 0.35;
  cairo_save (cr);
  badge_path (cr, state, bx, by, w, h);
  bp_color_set_source (cr, &palette->text);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, &palette->background);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  cairo_move_to (cr, bx + (w - tw) / 2.0, by + (h - th) / 2.0);
  pango_cairo_show_layout (cr, letter);
  cairo_restore (cr);
}
