/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-layout.c: the diagram's cache of shaped text and geometry, kept from frame to
 * frame and rebuilt only when the size, the zoom, the font or the network's shape changes:
 * where every node, target, heading and legend entry sits, and the text helpers the other
 * files of the diagram share. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"
#include "bp-format.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* The diagram grows at most this much beyond its natural size to fill a large window. */
#define MAX_FILL 4.0

/* ---------------------------------------------------------------------------------------
 * Text helpers
 */

static PangoLayout *
new_layout (BpDiagramCache *cache,
            double          px,
            gboolean        bold,
            const char     *text)
{
  PangoLayout *layout = pango_layout_new (cache->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, cache->family);
  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  /* Tabular figures: numbers keep their width while they change during an animation. */
  pango_layout_set_attributes (layout, cache->tabular);
  if (text != NULL)
    pango_layout_set_text (layout, text, -1);
  return layout;
}

void
bp_diagram_set_text_if_changed (PangoLayout *layout,
                                char        *shown,
                                const char  *text)
{
  if (strcmp (shown, text) == 0)
    return;
  g_strlcpy (shown, text, BP_DIAGRAM_VALUE_SIZE);
  pango_layout_set_text (layout, text, -1);
}

void
bp_diagram_show_centred (cairo_t     *cr,
                         PangoLayout *layout,
                         double       x,
                         double       y)
{
  PangoRectangle logical;

  /* The logical rectangle, not the size: a layout with a width may start right of 0. */
  pango_layout_get_extents (layout, NULL, &logical);
  cairo_move_to (cr, x - (logical.x + logical.width / 2.0) / PANGO_SCALE,
                 y - (logical.y + logical.height / 2.0) / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

static double
layout_width (PangoLayout *layout)
{
  int w;

  pango_layout_get_size (layout, &w, NULL);
  return (double) w / PANGO_SCALE;
}

/* ---------------------------------------------------------------------------------------
 * The cache and the layout
 */

BpDiagramCache *
bp_diagram_cache_new (void)
{
  BpDiagramCache *cache = g_new0 (BpDiagramCache, 1);
  PangoFontMap *map = pango_cairo_font_map_get_default ();

  cache->context = pango_font_map_create_context (map);
  cache->tabular = pango_attr_list_new ();
  pango_attr_list_insert (cache->tabular, pango_attr_font_features_new ("tnum"));
  return cache;
}

static void
clear_layouts (PangoLayout **layouts,
               guint         n)
{
  if (layouts == NULL)
    return;
  for (guint i = 0; i < n; i++)
    g_clear_object (&layouts[i]);
  g_free (layouts);
}

void
bp_diagram_clear_discs (BpDiagramCache *cache)
{
  for (guint c = 0; c < 3; c++)
    for (guint t = 0; t <= N_TINTS; t++)
      g_clear_pointer (&cache->discs[c][t], cairo_surface_destroy);
  cache->disc_hw = cache->disc_hh = 0.0;
  g_clear_pointer (&cache->dots[0], cairo_surface_destroy);
  g_clear_pointer (&cache->dots[1], cairo_surface_destroy);
}

static void
cache_clear (BpDiagramCache *cache)
{
  guint n_outputs = cache->n_layers > 0 ? cache->sizes[cache->n_layers] : 0;

  clear_layouts (cache->labels, cache->n_nodes);
  clear_layouts (cache->values, cache->n_nodes);
  clear_layouts (cache->target_labels, n_outputs);
  clear_layouts (cache->target_values, n_outputs);
  cache->labels = cache->values = cache->target_labels = cache->target_values = NULL;
  g_clear_pointer (&cache->value_texts, g_free);
  g_clear_pointer (&cache->target_texts, g_free);
  g_clear_pointer (&cache->nodes, g_free);
  g_clear_pointer (&cache->targets, g_free);
  g_clear_pointer (&cache->parts, g_free);
  for (guint l = 0; l < BP_MAX_LAYERS; l++)
    g_clear_pointer (&cache->strips[l], cairo_surface_destroy);
  bp_diagram_clear_discs (cache);
  g_clear_object (&cache->loss_label);
  g_clear_object (&cache->loss_value);
  g_clear_object (&cache->scratch);
  g_clear_object (&cache->term);
  for (guint i = 0; i < G_N_ELEMENTS (cache->caption); i++)
    g_clear_object (&cache->caption[i]);
  for (guint i = 0; i < G_N_ELEMENTS (cache->headers); i++)
    g_clear_object (&cache->headers[i]);
  for (guint i = 0; i < G_N_ELEMENTS (cache->legend); i++)
    g_clear_object (&cache->legend[i]);
  for (guint k = 0; k < N_WIDTH_SAMPLES; k++)
    g_clear_object (&cache->width_values[k]);
  cache->valid = FALSE;
}

void
bp_diagram_cache_free (BpDiagramCache *cache)
{
  if (cache == NULL)
    return;
  cache_clear (cache);
  bp_diagram_unfold_pool_free (cache->unfold_pool);
  g_clear_object (&cache->context);
  g_clear_pointer (&cache->tabular, pango_attr_list_unref);
  g_free (cache->family);
  g_free (cache);
}

static const char *
frame_family (const BpDiagramFrame *frame)
{
  const char *family = NULL;

  if (frame->font != NULL)
    family = pango_font_description_get_family (frame->font);
  return family != NULL ? family : "Sans";
}

static gboolean
cache_matches (const BpDiagramCache *cache,
               int                   width,
               int                   height,
               const BpDiagramFrame *frame)
{
  const BpNet *net = frame->after;

  return cache->valid && cache->width == width && cache->height == height
         && cache->asked_zoom == frame->zoom && cache->text_scale == frame->text_scale
         && cache->n_layers == net->n_layers
         && memcmp (cache->sizes, net->sizes, (net->n_layers + 1) * sizeof (guint)) == 0
         && memcmp (cache->activations, net->activations,
                    net->n_layers * sizeof (BpActivation)) == 0
         && cache->loss_kind == net->loss_kind
         && cache->input_features == net->input_features
         && cache->controls == frame->edit_controls
         && g_strcmp0 (cache->family, frame_family (frame)) == 0;
}

static char *
header_text (const BpNet *net,
             guint        column)
{
  guint L = net->n_layers;

  if (column == 0)
    /* Translators: the heading of the diagram's column of inputs */
    return g_strdup (_("Input"));
  if (column == L)
    /* Translators: the output column's heading; %s is an activation such as "sigmoid". */
    return g_strdup_printf (_("Output · %s"),
                            bp_activation_display_name (net->activations[L - 1]));
  if (column == L + 1)
    /* Translators: the heading of the diagram's column of target values (what the output
     * should be) */
    return g_strdup (_("Target"));
  if (column == L + 2)
    /* Translators: the heading of the diagram's last column: the loss, how wrong the
     * output is */
    return g_strdup (_("Loss"));
  if (L == 2)
    /* Translators: a hidden column's heading; %s is an activation such as "tanh". */
    return g_strdup_printf (_("Hidden · %s"),
                            bp_activation_display_name (net->activations[column - 1]));
  /* Translators: the heading of hidden layer %u; %s is its activation, such as "tanh". */
  return g_strdup_printf (_("Hidden %u · %s"), column,
                          bp_activation_display_name (net->activations[column - 1]));
}

/* The width of the legend's entry @i, and for the widths' entry where its sample lines go. */
static double
legend_entry_width (BpDiagramCache *cache,
                    guint           i,
                    double          x)
{
  double sample = 26.0 * cache->zoom, short_sample = 14.0 * cache->zoom;
  double w;

  if (i < 2)
    return sample + cache->small_px * 0.5 + layout_width (cache->legend[i]);
  if (i == 3)
    return 2.0 * bp_diagram_legend_ring_size (cache) + cache->small_px * 0.8
           + layout_width (cache->legend[i]);
  /* The text, then a sample line and its |dL/dw| for each of 1e-4, 1e-2 and 1. */
  w = layout_width (cache->legend[i]) + cache->small_px * 0.8;
  for (guint k = 0; k < N_WIDTH_SAMPLES; k++)
    {
      cache->width_x[k] = x + w;
      w += short_sample + cache->small_px * 0.3 + layout_width (cache->width_values[k]);
      if (k + 1 < N_WIDTH_SAMPLES)
        w += cache->small_px * 0.9;
    }
  return w;
}

/* Lays the legend out in rows from the bottom-left corner; returns the height it takes. */
static double
layout_legend (BpDiagramCache *cache)
{
  static const char *texts[N_LEGEND] = {
    /* Translators: the diagram's legend of the colours and widths of the connections; ∂L/∂w
     * (the gradient of the loss with respect to a weight) stays as it is */
    N_("step raises weight (∂L/∂w < 0)"),
    /* Translators: as above: the legend of the teal, dashed connections */
    N_("step lowers weight (∂L/∂w > 0)"),
    /* Translators: the width of a connection in the diagram shows the size of its
     * gradient on a logarithmic scale; sample lines follow, each with its |∂L/∂w|
     * ("0.0001", "0.01", "1"); |∂L/∂w| stays as it is */
    N_("width, logarithmic in |∂L/∂w|:"),
    /* Translators: the legend of the coloured ring around each neuron, after two sample
     * rings (a positive activation's arc runs clockwise, a negative one's the other way);
     * a and |a| stay as they are */
    N_("ring: activation a, its arc grows with |a|"),
  };
  double gap = cache->small_px * 1.6;
  double row_h = cache->small_px * 1.7;
  double x = cache->margin, row = 0;
  double right = cache->width - cache->margin;

  for (guint k = 0; k < N_WIDTH_SAMPLES; k++)
    {
      char text[BP_NUMBER_SIZE];

      bp_format_number_into (width_sample (k), BP_NUMBER_FORMULA, text, sizeof text);
      cache->width_values[k] = new_layout (cache, cache->small_px, FALSE, text);
    }
  for (guint i = 0; i < N_LEGEND; i++)
    {
      double w;

      cache->legend[i] = new_layout (cache, cache->small_px, FALSE, _(texts[i]));
      w = legend_entry_width (cache, i, x);
      if (x > cache->margin && x + w > right)
        {
          x = cache->margin;
          row++;
          w = legend_entry_width (cache, i, x);
        }
      cache->legend_x[i] = x;
      cache->legend_y[i] = row;
      x += w + gap;
    }
  for (guint i = 0; i < N_LEGEND; i++)
    cache->legend_y[i] = cache->height - cache->margin - (row - cache->legend_y[i] + 0.5) * row_h;
  return (row + 1) * row_h;
}

/* Picks the text sizes and the node radius so that the tallest column fits; returns the
 * largest radius the space allows. */
static double
fit_nodes (BpDiagramCache *cache,
           guint           max_n,
           double         *radius)
{
  double base = BASE_FONT_PX * cache->zoom * cache->text_scale;
  double r_wanted = 2.3 * base;
  double pitch_y = (cache->area_bottom - cache->area_top) / max_n;
  double r_limit = MAX (3.0, MIN (pitch_y * 0.42, cache->unit * 0.3));
  double r = MIN (r_wanted, r_limit);
  double fit = MIN (1.0, r / r_wanted);

  cache->font_px = MAX (MIN_FONT_PX, base * fit);
  cache->small_px = MAX (MIN_FONT_PX, 0.82 * base * fit);
  *radius = r;
  return r_limit;
}

static void
place_column (BpDiagramCache *cache,
              Box            *boxes,
              guint           n,
              double          x,
              double          r,
              double          hw)
{
  double area = cache->area_bottom - cache->area_top;
  double pitch = MIN (area / n, 4.8 * r);
  double mid = (cache->area_top + cache->area_bottom) / 2.0;

  for (guint i = 0; i < n; i++)
    {
      boxes[i].x = x;
      boxes[i].y = mid + (i - (n - 1) / 2.0) * pitch;
      /* Where the nodes are cached rasters, their centres sit in the middle of a pixel,
       * so that one raster fits every node (and a hairline between two nodes level with
       * each other covers one row of pixels, not half of two). */
      if (cache->n_connections >= MIN_STRIPS)
        {
          boxes[i].x = floor (boxes[i].x) + 0.5;
          boxes[i].y = floor (boxes[i].y) + 0.5;
        }
      boxes[i].hw = hw;
      boxes[i].hh = r;
    }
}

static void
make_node_layouts (BpDiagramCache *cache,
                   const BpNet    *net)
{
  guint n_outputs = net->sizes[net->n_layers];

  cache->labels = g_new0 (PangoLayout *, cache->n_nodes);
  cache->values = g_new0 (PangoLayout *, cache->n_nodes);
  cache->value_texts = g_new0 (ValueText, cache->n_nodes);
  for (guint c = 0; c <= net->n_layers; c++)
    for (guint i = 0; i < net->sizes[c]; i++)
      {
        guint k = cache->offsets[c] + i;
        char label[16];

        bp_format_net_neuron_into (net, c, i, label, sizeof label);
        cache->labels[k] = new_layout (cache, cache->small_px, FALSE, label);
        cache->values[k] = new_layout (cache, cache->font_px, FALSE, "");
      }
  cache->target_labels = g_new0 (PangoLayout *, n_outputs);
  cache->target_values = g_new0 (PangoLayout *, n_outputs);
  cache->target_texts = g_new0 (ValueText, n_outputs);
  for (guint k = 0; k < n_outputs; k++)
    {
      char label[16];

      bp_format_net_neuron_into (net, net->n_layers + 1, k, label, sizeof label);
      cache->target_labels[k] = new_layout (cache, cache->small_px, FALSE, label);
      cache->target_values[k] = new_layout (cache, cache->font_px, FALSE, "");
    }
  cache->loss_label = new_layout (cache, cache->small_px, FALSE,
                                  bp_loss_display_name (net->loss_kind));
  cache->loss_value = new_layout (cache, cache->font_px * 1.15, TRUE, "");
  cache->loss_text[0] = '\0';
  cache->scratch = new_layout (cache, cache->small_px, FALSE, "");
}

/* The widest value a node shows, so that no value ever spills out of its node. */
static double
widest_value (BpDiagramCache *cache)
{
  g_autoptr(PangoLayout) probe = new_layout (cache, cache->font_px, FALSE, "−0.0000");

  return layout_width (probe);
}

/* The half width of the loss box: its value at the unshrunk text size, so that it always
 * fits, or its label if wider. */
static double
loss_half_width (BpDiagramCache *cache,
                 const BpNet    *net)
{
  g_autoptr(PangoLayout) probe = new_layout (cache, cache->font_px * 1.15, TRUE, "−0.0000");
  g_autoptr(PangoLayout) label = new_layout (cache, cache->small_px, FALSE,
                                             bp_loss_display_name (net->loss_kind));

  return MAX (layout_width (probe), layout_width (label)) / 2.0 + 0.6 * cache->small_px;
}

/* Gives each centred heading the width it needs where its neighbours leave room, and
 * ellipsizes it only where two would meet: between two headings the gap goes first to the
 * shorter one's half, the rest to the other, so that headings never overlap at any zoom. */
static void
fit_headings (BpDiagramCache *cache,
              guint           n,
              const double   *x)
{
  double air = cache->small_px * 0.6;
  double left[BP_MAX_LAYERS + 3], right[BP_MAX_LAYERS + 3], half[BP_MAX_LAYERS + 3];
  for (guint c = 0; c < n; c++)
    half[c] = layout_width (cache->headers[c]) / 2.0;
  left[0] = x[0] - cache->margin * 0.5;
  right[n - 1] = cache->width - cache->margin * 0.5 - x[n - 1];
  for (guint c = 0; c + 1 < n; c++)
    {
      double gap = x[c + 1] - x[c] - air;
      double a = half[c], b = half[c + 1];

      if (a + b <= gap)
        right[c] = a, left[c + 1] = b;
      else if (MIN (a, b) <= gap / 2.0)
        {
          right[c] = a <= b ? a : gap - b;
          left[c + 1] = a <= b ? gap - a : b;
        }
      else
        right[c] = left[c + 1] = gap / 2.0;
    }
  for (guint c = 0; c < n; c++)
    {
      double room = 2.0 * MAX (1.0, MIN (half[c], MIN (left[c], right[c])));

      pango_layout_set_width (cache->headers[c], (int) (room * PANGO_SCALE));
      pango_layout_set_ellipsize (cache->headers[c], PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (cache->headers[c], PANGO_ALIGN_CENTER);
    }
}

static void
place_everything (BpDiagramCache *cache,
                  const BpNet    *net,
                  double          loss_hw)
{
  guint L = net->n_layers, max_n = 1;
  guint n_outputs = net->sizes[L];
  double r, r_limit, hw, x0, x_loss, loss_hh, text_half;
  double centres[BP_MAX_LAYERS + 3];

  for (guint c = 0; c <= L; c++)
    max_n = MAX (max_n, net->sizes[c]);

  x0 = cache->margin + 2.4 * cache->small_px;
  x_loss = cache->width - cache->margin - loss_hw;

  r_limit = fit_nodes (cache, max_n, &r);
  make_node_layouts (cache, net);
  /* A round node when its value fits inside, else as wide as the value needs. */
  text_half = widest_value (cache) / 2.0 + 0.25 * cache->font_px;
  if (text_half <= r_limit)
    r = hw = MAX (r, text_half);
  else
    hw = MIN (text_half, cache->unit * 0.31);
  cache->two_line = 2.0 * r >= 1.3 * (cache->font_px + cache->small_px);
  loss_hh = MAX (r, 1.25 * (cache->font_px + cache->small_px) / 2.0 + 0.4 * cache->font_px);

  for (guint c = 0; c <= L; c++)
    place_column (cache, cache->nodes + cache->offsets[c], net->sizes[c],
                  x0 + c * cache->unit, r, hw);
  place_column (cache, cache->targets, n_outputs, x0 + (L + 0.65) * cache->unit, r, hw);
  /* Targets sit beside their outputs. */
  for (guint k = 0; k < n_outputs; k++)
    cache->targets[k].y = cache->nodes[cache->offsets[L] + k].y;
  cache->loss = (Box) { x_loss, (cache->area_top + cache->area_bottom) / 2.0, loss_hw, loss_hh };

  for (guint c = 0; c <= L + 2; c++)
    centres[c] = c <= L ? cache->nodes[cache->offsets[c]].x
                        : c == L + 1 ? cache->targets[0].x : cache->loss.x;
  for (guint c = 0; c <= L + 2; c++)
    {
      g_autofree char *text = header_text (net, c);

      cache->headers[c] = new_layout (cache, cache->small_px, TRUE, text);
      cache->header_x[c] = centres[c];
    }
  fit_headings (cache, L + 3, centres);
  /* The window's controls, in the band below the nodes: − and + under each hidden column,
   * a + for a layer between the last hidden column (or the inputs) and the output. */
  for (guint c = 1; c < L; c++)
    {
      cache->control_x[c][0] = centres[c] - 1.35 * bp_diagram_control_radius (cache);
      cache->control_x[c][1] = centres[c] + 1.35 * bp_diagram_control_radius (cache);
    }
  cache->control_layer_x = (centres[L - 1] + centres[L]) / 2.0;
}

/* How much the diagram's natural size (what the widget asks for at zoom 1) fits into
 * @width × @height: a maximised window or a 4K screen shows the diagram larger, rather than
 * small nodes in a sea of space. Never below 1: a smaller window is the fit's business. */
static double
fill_factor (const BpNet *net,
             int          width,
             int          height,
             double       text_scale)
{
  guint max_n = 1;
  double natural_w, natural_h;

  for (guint c = 0; c <= net->n_layers; c++)
    max_n = MAX (max_n, net->sizes[c]);
  /* As bp_diagram_measure () asks: 140 pixels a column, 56 a row and 110 for the rest. */
  natural_w = (net->n_layers + 3) * 140.0 * text_scale;
  natural_h = (max_n * 56.0 + 110.0) * text_scale;
  return CLAMP (MIN (width / natural_w, height / natural_h), 1.0, MAX_FILL);
}

/* Everything but the nodes at zoom @zoom: the margins, the text sizes, the legend, the
 * headings' band, the nodes' area and the columns' spacing. Returns how much larger the
 * nodes want to be than the area lets them (1 or less: they fit). */
static double
frame_at (BpDiagramCache *cache,
          const BpNet    *net,
          double          zoom,
          double         *loss_hw)
{
  guint L = net->n_layers, max_n = 1;
  double legend_h, header_h, x0, pitch_y, r_limit;

  for (guint i = 0; i < G_N_ELEMENTS (cache->legend); i++)
    g_clear_object (&cache->legend[i]);
  for (guint k = 0; k < N_WIDTH_SAMPLES; k++)
    g_clear_object (&cache->width_values[k]);
  for (guint c = 0; c <= L; c++)
    max_n = MAX (max_n, net->sizes[c]);

  /* The headings and the legend take what they need; the nodes get the rest. */
  cache->zoom = zoom;
  cache->margin = MAX (6.0, 14.0 * zoom);
  cache->small_px = MAX (MIN_FONT_PX, 0.82 * BASE_FONT_PX * zoom * cache->text_scale);
  cache->font_px = MAX (MIN_FONT_PX, BASE_FONT_PX * zoom * cache->text_scale);
  legend_h = layout_legend (cache);
  header_h = cache->small_px * 1.8;
  cache->header_y = cache->margin + header_h / 2.0;
  cache->area_top = cache->margin + header_h + cache->small_px * 0.4;
  cache->area_bottom = MAX (cache->area_top + 1.0,
                            cache->height - cache->margin - legend_h - cache->small_px * 0.8);
  if (cache->controls)
    {
      double band = 3.0 * bp_diagram_control_radius (cache);

      cache->area_bottom = MAX (cache->area_top + 1.0, cache->area_bottom - band);
      cache->control_y = cache->area_bottom + band / 2.0;
    }

  /* Columns: neurons one unit apart, then the target 0.65 and the loss 0.75 further. */
  *loss_hw = loss_half_width (cache, net);
  x0 = cache->margin + 2.4 * cache->small_px;
  cache->unit = MAX (1.0, (cache->width - cache->margin - *loss_hw - x0) / (L + 0.65 + 0.75));
  /* In a narrow diagram the loss box shrinks, to stay clear of the targets (0.31 units
   * wide at most): half a box of 0.4 units plus 0.31 fits in the 0.75 between them. */
  if (*loss_hw > 0.4 * cache->unit)
    {
      double u = (cache->width - cache->margin - x0) / (L + 0.65 + 0.75 + 0.4);

      *loss_hw = 0.4 * u;
      cache->unit = MAX (1.0, u);
    }
  /* As fit_nodes () will, once the zoom is settled. */
  pitch_y = (cache->area_bottom - cache->area_top) / max_n;
  r_limit = MAX (3.0, MIN (pitch_y * 0.42, cache->unit * 0.3));
  return 2.3 * BASE_FONT_PX * zoom * cache->text_scale / r_limit;
}

/* The zoom drawn at is the asked one times the fill factor. Where the nodes do not fit at
 * it (a large zoom in a small window, presentation mode's zoom in a window that is not full
 * screen), everything shrinks together, the headings and the legend with the nodes, down
 * to the smallest legible text; below that only the nodes shrink (fit_nodes ()). */
static void
cache_build (BpDiagramCache       *cache,
             int                   width,
             int                   height,
             const BpDiagramFrame *frame)
{
  const BpNet *net = frame->after;
  double zoom, smallest, crowding, loss_hw;

  cache_clear (cache);
  cache->width = width;
  cache->height = height;
  cache->asked_zoom = frame->zoom;
  cache->text_scale = frame->text_scale;
  cache->n_layers = net->n_layers;
  memcpy (cache->sizes, net->sizes, sizeof cache->sizes);
  memcpy (cache->activations, net->activations, sizeof cache->activations);
  cache->loss_kind = net->loss_kind;
  cache->input_features = net->input_features;
  cache->controls = frame->edit_controls;
  g_free (cache->family);
  cache->family = g_strdup (frame_family (frame));

  cache->n_nodes = 0;
  cache->n_connections = 0;
  for (guint c = 0; c <= net->n_layers; c++)
    {
      cache->offsets[c] = cache->n_nodes;
      cache->n_nodes += net->sizes[c];
      if (c < net->n_layers)
        cache->n_connections += (gsize) net->sizes[c] * net->sizes[c + 1];
    }
  cache->nodes = g_new0 (Box, cache->n_nodes);
  cache->targets = g_new0 (Box, net->sizes[net->n_layers]);
  if (cache->n_connections <= MAX_SORTED)
    cache->parts = g_new0 (Part, 4 * cache->n_connections);

  zoom = frame->zoom * fill_factor (net, width, height, frame->text_scale);
  smallest = MIN (zoom, MIN_FONT_PX / (0.82 * BASE_FONT_PX * frame->text_scale));
  crowding = frame_at (cache, net, zoom, &loss_hw);
  if (crowding > 1.0 && zoom > smallest)
    {
      /* The largest zoom at which the nodes fit, within 2 %: the text's room changes with
       * the zoom (the legend may take another row), so it is searched for. */
      double lo = smallest, hi = zoom;

      while (hi / lo > 1.02)
        {
          double mid = sqrt (lo * hi);

          if (frame_at (cache, net, mid, &loss_hw) > 1.0)
            hi = mid;
          else
            lo = mid;
        }
      frame_at (cache, net, lo, &loss_hw);
    }
  place_everything (cache, net, loss_hw);
  cache->valid = TRUE;
}

BpDiagramCache *
bp_diagram_cache_for (BpDiagramCache      **temporary,
                      int                   width,
                      int                   height,
                      const BpDiagramFrame *frame)
{
  BpDiagramCache *cache = frame->cache;

  if (cache == NULL)
    cache = *temporary = bp_diagram_cache_new ();
  if (!cache_matches (cache, width, height, frame))
    cache_build (cache, width, height, frame);
  return cache;
}
