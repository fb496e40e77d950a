/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-draw.c: one frame of the diagram, a plain function of a BpDiagramFrame, so it
 * renders the same into the widget, a PNG, an SVG and the tests: the cache of shaped text
 * and geometry, what each part shows at a moment of a step's animation, the drawing, the
 * selection and the info box, and the geometry queries behind the widget's hit tests.
 * Layers of many connections are painted from rasters that bp-diagram-raster.c writes.
 *
 * Visual code: a connection is orange and solid when dL/dw < 0 (the step raises the weight),
 * teal and dashed when dL/dw > 0 (the step lowers it), a thin grey line when dL/dw = 0; its
 * width grows with sqrt (|dL/dw| / max |dL/dw|). A node's ring and tint show its activation:
 * blue and clockwise for a positive one, purple and counter-clockwise for a negative one,
 * the sweep growing with tanh (|a|).
 */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"
#include "bp-diagram-raster-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define BASE_FONT_PX 14.0       /* a node's value at zoom 1, as GNOME's 11 pt UI font */
#define MIN_FONT_PX 7.5         /* text never gets smaller than this */
#define MIN_LINE_PX 0.75        /* the hairline of the smallest gradient */
#define MAX_LINE_PX 8.0         /* the line of the largest gradient, at zoom 1 */
#define MAX_SORTED 65536        /* above this many connections they are drawn unsorted */
#define MIN_STRIPS 64           /* from this many connections on, layers are cached rasters,
                                 * and so are the nodes' discs */

/* ---------------------------------------------------------------------------------------
 * Text helpers
 */

void
bp_diagram_format_value (double  value,
                         char   *buffer,
                         gsize   size)
{
  char digits[BP_DIAGRAM_VALUE_SIZE];
  double magnitude = fabs (value);

  g_return_if_fail (buffer != NULL && size > 0);

  if (!isfinite (value))
    {
      g_strlcpy (buffer, "—", size);
      return;
    }
  if (magnitude == 0.0)
    {
      g_strlcpy (buffer, "0", size);
      return;
    }
  if (magnitude >= 0.1 && magnitude < 1000.0)
    g_snprintf (digits, sizeof digits, "%.3f", magnitude);
  else if (magnitude >= 0.001 && magnitude < 0.1)
    g_snprintf (digits, sizeof digits, "%.4f", magnitude);
  else
    {
      /* printf rounds the mantissa (9.996e-5 gives 1.00e-04) and copes with subnormals. */
      char raw[BP_DIAGRAM_VALUE_SIZE];
      char *e;

      g_snprintf (raw, sizeof raw, "%.2e", magnitude);
      e = strchr (raw, 'e');
      g_assert (e != NULL);
      *e = '\0';
      g_snprintf (digits, sizeof digits, "%se%s%d", raw, e[1] == '-' ? "−" : "",
                  (int) g_ascii_strtoll (e + 2, NULL, 10));
    }
  /* A real minus sign: it has the width of a digit and reads well on a projector. */
  g_snprintf (buffer, size, "%s%s", value < 0.0 ? "−" : "", digits);
}

void
bp_diagram_node_label (const BpNet *net,
                       guint        layer,
                       guint        index,
                       char        *buffer,
                       gsize        size)
{
  g_return_if_fail (net != NULL && buffer != NULL);

  if (layer == 0)
    g_snprintf (buffer, size, "x%u", index + 1);
  else if (layer == net->n_layers)
    g_snprintf (buffer, size, "y%u", index + 1);
  else if (layer == net->n_layers + 1)
    g_snprintf (buffer, size, "t%u", index + 1);
  else if (net->n_layers == 2)
    g_snprintf (buffer, size, "h%u", index + 1);
  else
    /* Several hidden layers: layer first, then neuron, as in a matrix index. */
    g_snprintf (buffer, size, "h%u,%u", layer, index + 1);
}

/* Names in the user's language: "linear" is translated, sigmoid, tanh and ReLU are not. */
static const char *
activation_name (BpActivation activation)
{
  return bp_activation_display_name (activation);
}

static const char *
loss_name (BpLoss loss)
{
  return bp_loss_display_name (loss);
}

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

static void
set_text_if_changed (PangoLayout *layout,
                     char        *shown,
                     const char  *text)
{
  if (strcmp (shown, text) == 0)
    return;
  g_strlcpy (shown, text, BP_DIAGRAM_VALUE_SIZE);
  pango_layout_set_text (layout, text, -1);
}

static void
show_centred (cairo_t     *cr,
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

static void
clear_discs (BpDiagramCache *cache)
{
  for (guint c = 0; c < 3; c++)
    for (guint t = 0; t <= N_TINTS; t++)
      g_clear_pointer (&cache->discs[c][t], cairo_surface_destroy);
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
  clear_discs (cache);
  g_clear_object (&cache->loss_label);
  g_clear_object (&cache->loss_value);
  g_clear_object (&cache->scratch);
  for (guint i = 0; i < G_N_ELEMENTS (cache->headers); i++)
    g_clear_object (&cache->headers[i]);
  for (guint i = 0; i < G_N_ELEMENTS (cache->legend); i++)
    g_clear_object (&cache->legend[i]);
  cache->valid = FALSE;
}

void
bp_diagram_cache_free (BpDiagramCache *cache)
{
  if (cache == NULL)
    return;
  cache_clear (cache);
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
         && cache->zoom == frame->zoom && cache->text_scale == frame->text_scale
         && cache->n_layers == net->n_layers
         && memcmp (cache->sizes, net->sizes, (net->n_layers + 1) * sizeof (guint)) == 0
         && memcmp (cache->activations, net->activations,
                    net->n_layers * sizeof (BpActivation)) == 0
         && cache->loss_kind == net->loss_kind
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
    return g_strdup_printf (_("Output · %s"), activation_name (net->activations[L - 1]));
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
    return g_strdup_printf (_("Hidden · %s"), activation_name (net->activations[column - 1]));
  /* Translators: the heading of hidden layer %u; %s is its activation, such as "tanh". */
  return g_strdup_printf (_("Hidden %u · %s"), column,
                          activation_name (net->activations[column - 1]));
}

/* Lays the legend out in rows from the bottom-left corner; returns the height it takes. */
static double
layout_legend (BpDiagramCache *cache)
{
  static const char *texts[3] = {
    /* Translators: the diagram's legend of the colours and widths of the connections; dL/dw
     * (the gradient of the loss with respect to a weight) stays as it is */
    N_("step raises weight (dL/dw < 0)"),
    /* Translators: as above: the legend of the teal, dashed connections */
    N_("step lowers weight (dL/dw > 0)"),
    /* Translators: the width of a connection in the diagram shows the size of its
     * gradient; |dL/dw| stays as it is */
    N_("width: |dL/dw|"),
  };
  double sample = 26.0 * cache->zoom;
  double gap = cache->small_px * 1.6;
  double row_h = cache->small_px * 1.7;
  double x = cache->margin, row = 0;
  double right = cache->width - cache->margin;

  for (guint i = 0; i < 3; i++)
    {
      double w;

      cache->legend[i] = new_layout (cache, cache->small_px, FALSE, _(texts[i]));
      w = sample + cache->small_px * 0.5 + layout_width (cache->legend[i]);
      if (x > cache->margin && x + w > right)
        {
          x = cache->margin;
          row++;
        }
      cache->legend_x[i] = x;
      cache->legend_y[i] = row;
      x += w + gap;
    }
  for (guint i = 0; i < 3; i++)
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

        bp_diagram_node_label (net, c, i, label, sizeof label);
        cache->labels[k] = new_layout (cache, cache->small_px, FALSE, label);
        cache->values[k] = new_layout (cache, cache->font_px, FALSE, "");
      }
  cache->target_labels = g_new0 (PangoLayout *, n_outputs);
  cache->target_values = g_new0 (PangoLayout *, n_outputs);
  cache->target_texts = g_new0 (ValueText, n_outputs);
  for (guint k = 0; k < n_outputs; k++)
    {
      char label[16];

      bp_diagram_node_label (net, net->n_layers + 1, k, label, sizeof label);
      cache->target_labels[k] = new_layout (cache, cache->small_px, FALSE, label);
      cache->target_values[k] = new_layout (cache, cache->font_px, FALSE, "");
    }
  cache->loss_label = new_layout (cache, cache->small_px, FALSE, loss_name (net->loss_kind));
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

static void
place_everything (BpDiagramCache *cache,
                  const BpNet    *net)
{
  guint L = net->n_layers, max_n = 1;
  guint n_outputs = net->sizes[L];
  double r, r_limit, hw, x0, x_loss, loss_hw, loss_hh, text_half;
  g_autoptr(PangoLayout) probe = NULL;
  g_autoptr(PangoLayout) probe_label = NULL;

  for (guint c = 0; c <= L; c++)
    max_n = MAX (max_n, net->sizes[c]);

  /* Columns: neurons one unit apart, then the target 0.65 and the loss 0.75 further. The
   * loss box is measured at the unshrunk text size, so its text always fits. */
  probe = new_layout (cache, BASE_FONT_PX * cache->zoom * cache->text_scale * 1.15, TRUE,
                      "−0.0000");
  probe_label = new_layout (cache, cache->small_px, FALSE, loss_name (net->loss_kind));
  loss_hw = MAX (layout_width (probe), layout_width (probe_label)) / 2.0 + 0.6 * cache->small_px;
  x0 = cache->margin + 2.4 * cache->small_px;
  cache->unit = MAX (1.0, (cache->width - cache->margin - loss_hw - x0) / (L + 0.65 + 0.75));
  /* In a narrow diagram the loss box shrinks, to stay clear of the targets (0.31 units
   * wide at most): half a box of 0.4 units plus 0.31 fits in the 0.75 between them. */
  if (loss_hw > 0.4 * cache->unit)
    {
      double u = (cache->width - cache->margin - x0) / (L + 0.65 + 0.75 + 0.4);

      loss_hw = 0.4 * u;
      cache->unit = MAX (1.0, u);
    }
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
    {
      g_autofree char *text = header_text (net, c);
      double x = c <= L ? cache->nodes[cache->offsets[c]].x
                        : c == L + 1 ? cache->targets[0].x : cache->loss.x;
      double room = c == L + 1 ? cache->unit * 0.7 : cache->unit * 0.95;

      if (c == L + 2)
        room = MAX (room, 2 * loss_hw);
      cache->headers[c] = new_layout (cache, cache->small_px, TRUE, text);
      pango_layout_set_width (cache->headers[c], (int) (room * PANGO_SCALE));
      pango_layout_set_ellipsize (cache->headers[c], PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (cache->headers[c], PANGO_ALIGN_CENTER);
      cache->header_x[c] = x;
    }
}

static void
cache_build (BpDiagramCache       *cache,
             int                   width,
             int                   height,
             const BpDiagramFrame *frame)
{
  const BpNet *net = frame->after;
  double legend_h, header_h;

  cache_clear (cache);
  cache->width = width;
  cache->height = height;
  cache->zoom = frame->zoom;
  cache->text_scale = frame->text_scale;
  cache->n_layers = net->n_layers;
  memcpy (cache->sizes, net->sizes, sizeof cache->sizes);
  memcpy (cache->activations, net->activations, sizeof cache->activations);
  cache->loss_kind = net->loss_kind;
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

  /* The headings and the legend take what they need; the nodes get the rest. */
  cache->margin = MAX (6.0, 14.0 * cache->zoom);
  cache->small_px = MAX (MIN_FONT_PX, 0.82 * BASE_FONT_PX * cache->zoom * cache->text_scale);
  cache->font_px = cache->small_px;
  legend_h = layout_legend (cache);
  header_h = cache->small_px * 1.8;
  cache->header_y = cache->margin + header_h / 2.0;
  cache->area_top = cache->margin + header_h + cache->small_px * 0.4;
  cache->area_bottom = MAX (cache->area_top + 1.0,
                            height - cache->margin - legend_h - cache->small_px * 0.8);
  place_everything (cache, net);
  cache->valid = TRUE;
}

static BpDiagramCache *
cache_for (BpDiagramCache      **temporary,
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

/* ---------------------------------------------------------------------------------------
 * What each part shows at this moment of the animation
 */

static gboolean
animating (const BpDiagramFrame *frame)
{
  return frame->before != NULL && frame->phase != BP_PHASE_IDLE
         && bp_net_same_shape (frame->before, frame->after);
}

/* The net whose activations column @c shows: the forward pulse switches them on arrival. */
static const BpNet *
column_net (const Scene *scene,
            guint        c)
{
  switch (scene->frame->phase)
    {
    case BP_PHASE_UPDATE:
      return c == 0 ? scene->net : scene->old;
    case BP_PHASE_FORWARD:
      return c == 0 || scene->s >= c ? scene->net : scene->old;
    case BP_PHASE_IDLE:
    case BP_PHASE_BACKWARD:
    default:
      return scene->net;
    }
}

/* How far the gradient wave has crossed weight layer @l: 0 not yet, 1 all the way. */
static double
wave_passed (const Scene *scene,
             guint        l)
{
  switch (scene->frame->phase)
    {
    case BP_PHASE_UPDATE:
    case BP_PHASE_FORWARD:
      return 0.0;
    case BP_PHASE_BACKWARD:
      return CLAMP (scene->s - (1 + scene->net->n_layers - 1 - l), 0.0, 1.0);
    case BP_PHASE_IDLE:
    default:
      return 1.0;
    }
}

static const BpNet *
loss_net (const Scene *scene)
{
  return scene->frame->phase == BP_PHASE_UPDATE || scene->frame->phase == BP_PHASE_FORWARD
         ? scene->old : scene->net;
}

static double
shown_weight (const Scene *scene,
              guint        l,
              guint        j,
              guint        i)
{
  double after = *bp_net_weight (scene->net, l, j, i);

  if (scene->frame->phase == BP_PHASE_UPDATE)
    {
      double before = *bp_net_weight (scene->old, l, j, i);
      double t = scene->frame->progress;

      return before + (after - before) * t * t * (3.0 - 2.0 * t);
    }
  return after;
}

static double
largest_gradient (const BpNet *net)
{
  double gmax = 0.0;

  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      {
        double d = fabs (net->delta[l + 1][j]);

        if (!isfinite (d))
          continue;
        for (guint i = 0; i < net->sizes[l]; i++)
          {
            double g = d * fabs (net->a[l][i]);

            if (isfinite (g) && g > gmax)
              gmax = g;
          }
      }
  return gmax;
}

static double
largest_change (const BpNet *before,
                const BpNet *after)
{
  double dmax = 0.0;

  for (guint l = 0; l < after->n_layers; l++)
    {
      gsize n = (gsize) after->sizes[l] * after->sizes[l + 1];

      for (gsize k = 0; k < n; k++)
        {
          double d = fabs (after->weights[l][k] - before->weights[l][k]);

          if (isfinite (d) && d > dmax)
            dmax = d;
        }
    }
  return dmax;
}

static void
scene_init (Scene                *scene,
            const BpDiagramFrame *frame,
            BpDiagramCache       *cache)
{
  gboolean moving = animating (frame);
  double g_after = largest_gradient (frame->after);

  scene->frame = frame;
  scene->cache = cache;
  scene->palette = frame->palette != NULL ? frame->palette : bp_palette_get (BP_PALETTE_LIGHT);
  scene->net = frame->after;
  scene->old = moving ? frame->before : frame->after;
  scene->s = CLAMP (frame->progress, 0.0, 1.0) * (frame->after->n_layers + 1);
  scene->wmin = MIN_LINE_PX * MAX (1.0, frame->zoom);
  /* In a crowded column the thickest line must not swallow its neighbours. */
  scene->wmax = MIN (MAX_LINE_PX * frame->zoom,
                     MAX (2.0 * scene->wmin, cache->nodes[0].hh * 0.3));
  /* A square root shows small gradients in a small network; in a crowded one it would
   * make hundreds of lines thick, so there the width follows |dL/dw| itself. */
  scene->exponent = cache->n_connections > 64 ? 1.0 : 0.5;
  scene->gmax = g_after;
  scene->dmax = 0.0;
  if (moving)
    {
      double g_before = largest_gradient (frame->before);

      /* One scale for the whole animation, so that a line changes width only when the
       * wave brings its new gradient (and cached layers stay valid until then). */
      scene->gmax = MAX (g_before, g_after);
      if (frame->phase == BP_PHASE_UPDATE)
        scene->dmax = largest_change (frame->before, frame->after);
    }
}

/* ---------------------------------------------------------------------------------------
 * Drawing
 */

static void
set_source_mix (cairo_t       *cr,
                const BpColor *color,
                double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI_2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI_2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI_2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
}

static void
box_path (cairo_t   *cr,
          const Box *b,
          double     grow,
          double     corner)
{
  rounded_rect (cr, b->x - b->hw - grow, b->y - b->hh - grow,
                2 * (b->hw + grow), 2 * (b->hh + grow), corner + grow);
}

/* A connection's look as one number: width level × 3 + 0 (no gradient), 1 (teal, dL/dw > 0)
 * or 2 (orange, dL/dw < 0). */
static guint
style_key (const Scene *scene,
           double       g)
{
  double t;

  if (!isfinite (g) || g == 0.0 || !(scene->gmax > 0.0))
    return 0;
  t = pow (MIN (1.0, fabs (g) / scene->gmax), scene->exponent);
  return (guint) lround (t * N_LEVELS) * 3 + (g > 0.0 ? 1 : 2);
}

static double
line_width_for (const Scene *scene,
                double       g)
{
  return key_width (scene, style_key (scene, g));
}

static void
set_key_style (cairo_t     *cr,
               const Scene *scene,
               guint        key)
{
  cairo_set_line_width (cr, key_width (scene, key));
  switch (key % 3)
    {
    case 1:
      /* Dashed, drawn by emit_part (): Cairo's own dasher takes twice as long. */
      bp_color_set_source (cr, &scene->palette->fall);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case 2:
      bp_color_set_source (cr, &scene->palette->rise);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    default:
      bp_color_set_source (cr, &scene->palette->grid);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
path_part (cairo_t   *cr,
           const Box *from,
           const Box *to,
           double     t0,
           double     t1)
{
  double dx = to->x - from->x, dy = to->y - from->y;

  cairo_move_to (cr, from->x + dx * t0, from->y + dy * t0);
  cairo_line_to (cr, from->x + dx * t1, from->y + dy * t1);
}

static void
stroke_part (cairo_t   *cr,
             const Box *from,
             const Box *to,
             double     t0,
             double     t1)
{
  path_part (cr, from, to, t0, t1);
  cairo_stroke (cr);
}

/* Calls @emit for the one or two parts of a connection: while the wave crosses its layer,
 * the part it has passed shows the new gradient and the rest the old one. */
static guint
connection_parts (const Scene *scene,
                  guint        l,
                  guint        j,
                  guint        i,
                  Part         parts[2])
{
  double passed = wave_passed (scene, l);
  double g_new = bp_net_weight_gradient (scene->net, l, j, i);
  double g_old = bp_net_weight_gradient (scene->old, l, j, i);
  guint k_new = style_key (scene, g_new), k_old = style_key (scene, g_old);

  if (passed >= 1.0 || k_new == k_old)
    parts[0] = (Part) { k_new, l, j, i, 0.0f, 1.0f };
  else if (passed <= 0.0)
    parts[0] = (Part) { k_old, l, j, i, 0.0f, 1.0f };
  else
    {
      parts[0] = (Part) { k_old, l, j, i, 0.0f, (float) (1.0 - passed) };
      parts[1] = (Part) { k_new, l, j, i, (float) (1.0 - passed), 1.0f };
      return 2;
    }
  return 1;
}

/* Strokes one part in the look set by set_key_style (); a teal one as a row of dashes,
 * filled as quadrilaterals, their length growing with the width. */
static void
emit_part (cairo_t     *cr,
           const Scene *scene,
           guint        key,
           const Box   *from,
           const Box   *to,
           double       t0,
           double       t1)
{
  double w, z, dx, dy, len, on, period, nx, ny, ux, uy;

  if (key % 3 != 1)
    {
      stroke_part (cr, from, to, t0, t1);
      return;
    }
  w = key_width (scene, key);
  z = MAX (1.0, scene->frame->zoom);
  dx = to->x - from->x;
  dy = to->y - from->y;
  len = hypot (dx, dy);
  if (len <= 0.0)
    return;
  on = MAX (6.0 * z, 2.5 * w);
  period = on + MAX (4.0 * z, 1.6 * w);
  ux = dx / len;
  uy = dy / len;
  nx = -uy * w / 2.0;
  ny = ux * w / 2.0;
  for (double d = t0 * len; d < t1 * len; d += period)
    {
      double e = MIN (d + on, t1 * len);
      double ax = from->x + ux * d, ay = from->y + uy * d;
      double bx = from->x + ux * e, by = from->y + uy * e;

      cairo_move_to (cr, ax + nx, ay + ny);
      cairo_line_to (cr, bx + nx, by + ny);
      cairo_line_to (cr, bx - nx, by - ny);
      cairo_line_to (cr, ax - nx, ay - ny);
      cairo_close_path (cr);
    }
  cairo_fill (cr);
}

static void
draw_connection (cairo_t     *cr,
                 const Scene *scene,
                 guint        l,
                 guint        j,
                 guint        i)
{
  Part parts[2];
  guint n = connection_parts (scene, l, j, i, parts);

  for (guint k = 0; k < n; k++)
    {
      set_key_style (cr, scene, parts[k].key);
      emit_part (cr, scene, parts[k].key, node_box (scene->cache, l, i),
                 node_box (scene->cache, l + 1, j), parts[k].t0, parts[k].t1);
    }
}

/* The parts of weight layer @l in @sorted, thin before thick so the lines that matter lie
 * on top (a counting sort by key, level first); returns how many. */
static gsize
collect_layer (const Scene *scene,
               guint        l,
               Part        *parts,
               Part        *sorted)
{
  const BpNet *net = scene->net;
  gsize n = 0, start[N_KEYS + 1] = { 0 };

  for (guint j = 0; j < net->sizes[l + 1]; j++)
    for (guint i = 0; i < net->sizes[l]; i++)
      n += connection_parts (scene, l, j, i, parts + n);
  for (gsize k = 0; k < n; k++)
    start[parts[k].key + 1]++;
  for (guint key = 0; key < N_KEYS; key++)
    start[key + 1] += start[key];
  for (gsize k = 0; k < n; k++)
    sorted[start[parts[k].key]++] = parts[k];
  return n;
}

/* Cairo pays for a stroke by its bounding box, row by row, so the strokes are separate:
 * batched into one path they took four times as long. */
static void
draw_parts (cairo_t     *cr,
            const Scene *scene,
            const Part  *parts,
            gsize        n)
{
  for (gsize k = 0; k < n; k++)
    {
      const Part *part = &parts[k];

      if (k == 0 || part->key != parts[k - 1].key)
        set_key_style (cr, scene, part->key);
      emit_part (cr, scene, part->key, node_box (scene->cache, part->layer, part->from),
                 node_box (scene->cache, part->layer + 1, part->to), part->t0, part->t1);
    }
}

/* A raster cache is right for pixels (an image, or GTK's recording that becomes pixels)
 * drawn without scaling; an SVG or PDF keeps its lines as vectors. */
static gboolean
can_cache (cairo_t *cr)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));
  cairo_matrix_t m;

  cairo_get_matrix (cr, &m);
  return (type == CAIRO_SURFACE_TYPE_IMAGE || type == CAIRO_SURFACE_TYPE_RECORDING)
         && m.xx == 1.0 && m.yy == 1.0 && m.xy == 0.0 && m.yx == 0.0;
}

static void
draw_connections (cairo_t     *cr,
                  const Scene *scene)
{
  const BpNet *net = scene->net;
  BpDiagramCache *cache = scene->cache;
  gboolean strips;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, NULL, 0, 0);
  if (cache->parts == NULL)
    {
      for (guint l = 0; l < net->n_layers; l++)
        for (guint j = 0; j < net->sizes[l + 1]; j++)
          for (guint i = 0; i < net->sizes[l]; i++)
            draw_connection (cr, scene, l, j, i);
      return;
    }
  strips = cache->n_connections >= MIN_STRIPS && can_cache (cr);
  for (guint l = 0; l < net->n_layers; l++)
    {
      Part *sorted = cache->parts + 2 * cache->n_connections;
      gsize n = collect_layer (scene, l, cache->parts, sorted);

      if (!strips || !bp_diagram_raster_paint_strip (cr, scene, l, sorted, n))
        draw_parts (cr, scene, sorted, n);
    }
}

/* The thin lines from each output to its target and on to the loss. */
static void
draw_loss_lines (cairo_t     *cr,
                 const Scene *scene)
{
  BpDiagramCache *cache = scene->cache;
  guint L = scene->net->n_layers;

  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, MAX (1.0, scene->frame->zoom));
  set_source_mix (cr, &scene->palette->dim_text, 0.6);
  for (guint k = 0; k < scene->net->sizes[L]; k++)
    {
      const Box *y = node_box (cache, L, k);

      cairo_move_to (cr, y->x, y->y);
      cairo_line_to (cr, cache->targets[k].x, cache->targets[k].y);
      cairo_line_to (cr, cache->loss.x, cache->loss.y);
    }
  cairo_stroke (cr);
}

static void
point_on (const Box *from,
          const Box *to,
          double     t,
          double    *x,
          double    *y)
{
  *x = from->x + (to->x - from->x) * t;
  *y = from->y + (to->y - from->y) * t;
}

static void
add_circle (cairo_t *cr,
            double   x,
            double   y,
            double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
}

/* Where each dot of a travelling pulse is: @pass 0 adds the soft halos, 1 the dots. The
 * forward pulse crosses one layer per segment, the last one from the outputs past their
 * targets into the loss. */
static void
forward_dots (cairo_t     *cr,
              const Scene *scene,
              double       r)
{
  BpDiagramCache *cache = scene->cache;
  const BpNet *net = scene->net;
  guint L = net->n_layers;
  guint l = (guint) MIN (scene->s, (double) L);
  double q = CLAMP (scene->s - l, 0.0, 1.0), x, y;

  if (l < L)
    {
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        for (guint i = 0; i < net->sizes[l]; i++)
          {
            point_on (node_box (cache, l, i), node_box (cache, l + 1, j), q, &x, &y);
            add_circle (cr, x, y, r);
          }
      return;
    }
  for (guint k = 0; k < net->sizes[L]; k++)
    {
      if (q < 0.5)
        point_on (node_box (cache, L, k), &cache->targets[k], q * 2.0, &x, &y);
      else
        point_on (&cache->targets[k], &cache->loss, q * 2.0 - 1.0, &x, &y);
      add_circle (cr, x, y, r);
    }
}

static void
draw_forward_pulse (cairo_t     *cr,
                    const Scene *scene)
{
  double r = 3.5 * MAX (1.0, scene->frame->zoom);

  forward_dots (cr, scene, 2.0 * r);
  set_source_mix (cr, &scene->palette->pulse, 0.3);
  cairo_fill (cr);
  forward_dots (cr, scene, r);
  bp_color_set_source (cr, &scene->palette->pulse);
  cairo_fill_preserve (cr);
  set_source_mix (cr, &scene->palette->text, 0.5);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_stroke (cr);
}

/* The gradient wave's dots of one look (see style_key ()), each as thick as its line. */
static void
wave_dots (cairo_t     *cr,
           const Scene *scene,
           guint        style,
           double       r)
{
  BpDiagramCache *cache = scene->cache;
  const BpNet *net = scene->net;
  double x, y;

  for (guint l = 0; l < net->n_layers; l++)
    {
      double passed = wave_passed (scene, l);

      if (passed <= 0.0 || passed >= 1.0)
        continue;
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        for (guint i = 0; i < net->sizes[l]; i++)
          {
            guint key = style_key (scene, bp_net_weight_gradient (net, l, j, i));

            if (key % 3 != style)
              continue;
            point_on (node_box (cache, l, i), node_box (cache, l + 1, j), 1.0 - passed, &x, &y);
            add_circle (cr, x, y, MAX (r, key_width (scene, key) * 0.9));
          }
    }
}

/* The gradient wave: from the loss back to the outputs, then across each layer, a dot per
 * connection in its new colour. */
static void
draw_backward_wave (cairo_t     *cr,
                    const Scene *scene)
{
  BpDiagramCache *cache = scene->cache;
  const BpNet *net = scene->net;
  const BpColor *colors[3] = { &scene->palette->grid, &scene->palette->fall,
                               &scene->palette->rise };
  guint L = net->n_layers;
  double s = scene->s, x, y;
  double r = 3.5 * MAX (1.0, scene->frame->zoom);

  if (s < 1.0)
    {
      for (guint k = 0; k < net->sizes[L]; k++)
        {
          if (s < 0.5)
            point_on (&cache->loss, &cache->targets[k], s * 2.0, &x, &y);
          else
            point_on (&cache->targets[k], node_box (cache, L, k), s * 2.0 - 1.0, &x, &y);
          add_circle (cr, x, y, r);
        }
      bp_color_set_source (cr, &scene->palette->loss);
      cairo_fill (cr);
      return;
    }
  for (guint style = 0; style < 3; style++)
    {
      /* A soft halo twice the dot's size, then the dot. */
      wave_dots (cr, scene, style, 2.0 * r);
      set_source_mix (cr, colors[style], 0.3);
      cairo_fill (cr);
      wave_dots (cr, scene, style, 1.3 * r);
      bp_color_set_source (cr, colors[style]);
      cairo_fill (cr);
    }
}

#define MAX_GLOWS 48

typedef struct {
  double change;
  guint layer, to, from;
} Glow;

static int
compare_glows (const void *a,
               const void *b)
{
  double ca = ((const Glow *) a)->change, cb = ((const Glow *) b)->change;

  return (ca < cb) - (ca > cb);
}

/* The update: a glow on the weights that move most, brighter and wider as their change is
 * larger. Only the largest MAX_GLOWS changes glow: they are the ones to watch, and a glow
 * on each of 1,792 lines would cost more than the rest of the frame. */
static void
draw_update_glow (cairo_t     *cr,
                  const Scene *scene)
{
  const BpNet *net = scene->net;
  double envelope = sin (G_PI * CLAMP (scene->frame->progress, 0.0, 1.0));
  Glow glows[MAX_GLOWS + 1];
  guint n = 0;

  if (!(scene->dmax > 0.0))
    return;
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      for (guint i = 0; i < net->sizes[l]; i++)
        {
          double d = fabs (*bp_net_weight (net, l, j, i) - *bp_net_weight (scene->old, l, j, i));

          if (!isfinite (d) || d < 0.1 * scene->dmax)
            continue;
          if (n == MAX_GLOWS && d <= glows[n - 1].change)
            continue;
          /* Insertion into the list kept sorted, largest first. */
          glows[n < MAX_GLOWS ? n++ : n - 1] = (Glow) { d, l, j, i };
          for (guint k = n - 1; k > 0 && compare_glows (&glows[k - 1], &glows[k]) > 0; k--)
            {
              Glow t = glows[k];

              glows[k] = glows[k - 1];
              glows[k - 1] = t;
            }
        }
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint k = n; k-- > 0;)
    {
      double rel = glows[k].change / scene->dmax;

      set_source_mix (cr, &scene->palette->pulse, 0.8 * rel * envelope);
      cairo_set_line_width (cr, scene->wmin + (4.0 + 12.0 * rel) * scene->frame->zoom * envelope);
      stroke_part (cr, node_box (scene->cache, glows[k].layer, glows[k].from),
                   node_box (scene->cache, glows[k].layer + 1, glows[k].to), 0.0, 1.0);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* A node's disc: its background, tinted by @alpha of @tint, and the grey ring. */
static void
draw_disc (cairo_t         *cr,
           const BpPalette *p,
           const Box       *b,
           const BpColor   *tint,
           double           alpha)
{
  double ring = MAX (2.0, b->hh * 0.16);

  bp_color_set_source (cr, &p->background);
  box_path (cr, b, 0, b->hh);
  cairo_fill_preserve (cr);
  set_source_mix (cr, tint, alpha);
  cairo_fill (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, ring);
  bp_color_set_source (cr, &p->grid);
  box_path (cr, b, -ring / 2.0, b->hh - ring / 2.0);
  cairo_stroke (cr);
}

/* The disc from a cached raster, one for each tint in N_TINTS steps: Cairo takes some
 * 40 µs to fill and stroke the curves of one (measured), 6 ms for the 144 nodes of
 * 8 × 16, and a raster takes 1 µs to paint. Every node has the same size and its centre
 * in the middle of a pixel (see place_column ()), so one raster serves all. FALSE if
 * there is no memory for the raster. */
static gboolean
paint_disc (cairo_t       *cr,
            const Scene   *scene,
            const Box     *b,
            guint          kind,
            const BpColor *tint,
            double         level)
{
  BpDiagramCache *cache = scene->cache;
  guint t = (guint) lround (CLAMP (level, 0.0, 1.0) * N_TINTS);
  cairo_surface_t **disc = &cache->discs[kind][t];
  /* The raster's corner on whole pixels (also at a scale of 2 or more), the disc's
   * centre half a pixel from them. */
  double half_w = ceil (b->hw) + 1.5, half_h = ceil (b->hh) + 1.5;

  if (cache->disc_palette != scene->palette || cache->disc_scale != scene->disc_scale)
    {
      clear_discs (cache);
      cache->disc_palette = scene->palette;
      cache->disc_scale = scene->disc_scale;
    }
  if (*disc == NULL)
    {
      Box centred = { half_w, half_h, b->hw, b->hh };
      double scale = scene->disc_scale;
      cairo_t *dcr;

      *disc = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                          (int) ceil (2.0 * half_w * scale),
                                          (int) ceil (2.0 * half_h * scale));
      if (cairo_surface_status (*disc) != CAIRO_STATUS_SUCCESS)
        {
          g_clear_pointer (disc, cairo_surface_destroy);
          return FALSE;
        }
      cairo_surface_set_device_scale (*disc, scale, scale);
      dcr = cairo_create (*disc);
      draw_disc (dcr, scene->palette, &centred, tint, 0.06 + 0.22 * t / N_TINTS);
      cairo_destroy (dcr);
    }
  cairo_set_source_surface (cr, *disc, b->x - half_w, b->y - half_h);
  cairo_paint (cr);
  return TRUE;
}

/* The ring shows the activation: its sweep grows with tanh |a|, clockwise when positive. */
static void
draw_activation (cairo_t     *cr,
                 const Scene *scene,
                 const Box   *b,
                 double       a)
{
  const BpPalette *p = scene->palette;
  gboolean finite = isfinite (a);
  double level = finite ? tanh (fabs (a)) : 0.0;
  const BpColor *color = a < 0.0 ? &p->node_negative : &p->node_positive;
  const BpColor *tint = finite ? color : &p->grid;
  double ring = MAX (2.0, b->hh * 0.16);

  if (scene->disc_scale <= 0.0
      || !paint_disc (cr, scene, b, !finite ? 2 : a < 0.0, tint, level))
    draw_disc (cr, p, b, tint, 0.06 + 0.22 * level);
  if (level <= 0.0)
    return;

  /* A painted disc leaves the current point of the text before it, where an arc would
   * start its path. */
  cairo_new_path (cr);
  bp_color_set_source (cr, color);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, ring);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (b->hw <= b->hh + 0.01)
    {
      double sweep = 2 * G_PI * level;

      if (a >= 0.0)
        cairo_arc (cr, b->x, b->y, b->hh - ring / 2.0, -G_PI_2, -G_PI_2 + sweep);
      else
        cairo_arc_negative (cr, b->x, b->y, b->hh - ring / 2.0, -G_PI_2, -G_PI_2 - sweep);
    }
  else
    {
      /* A wide node shows the level as a bar along its lower edge instead. */
      double half = (b->hw - b->hh * 0.8) * level;

      cairo_move_to (cr, b->x - half, b->y + b->hh - ring / 2.0);
      cairo_line_to (cr, b->x + half, b->y + b->hh - ring / 2.0);
    }
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* Pixels per unit for cached node discs, or 0 to draw them as vectors: into an SVG or
 * PDF, under a scale, or at a fractional scale, where a disc would not sit on whole pixels. */
static double
disc_scale (cairo_t     *cr,
            const Scene *scene)
{
  double sx = 1.0, sy = 1.0, scale;

  if (scene->cache->n_connections < MIN_STRIPS || !can_cache (cr))
    return 0.0;
  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  scale = MAX (1, scene->frame->scale_factor) * sx;
  return sx == sy && scale == round (scale) ? scale : 0.0;
}

static void
draw_node_text (cairo_t              *cr,
                const BpDiagramCache *cache,
                const BpPalette      *p,
                const Box            *b,
                PangoLayout          *label,
                PangoLayout          *value)
{
  if (cache->two_line)
    {
      double gap = (cache->small_px + cache->font_px) * 0.5;

      bp_color_set_source (cr, &p->dim_text);
      show_centred (cr, label, b->x, b->y - gap * 0.55);
      bp_color_set_source (cr, &p->text);
      show_centred (cr, value, b->x, b->y + gap * 0.5);
    }
  else
    {
      bp_color_set_source (cr, &p->text);
      show_centred (cr, value, b->x, b->y);
    }
}

static void
draw_nodes (cairo_t     *cr,
            const Scene *scene)
{
  BpDiagramCache *cache = scene->cache;
  const BpNet *net = scene->net;

  for (guint c = 0; c <= net->n_layers; c++)
    {
      const BpNet *shown = column_net (scene, c);

      for (guint i = 0; i < net->sizes[c]; i++)
        {
          guint k = cache->offsets[c] + i;
          double a = shown->a[c][i];
          char text[BP_DIAGRAM_VALUE_SIZE];

          bp_diagram_format_value (a, text, sizeof text);
          set_text_if_changed (cache->values[k], cache->value_texts[k], text);
          draw_activation (cr, scene, &cache->nodes[k], a);
          draw_node_text (cr, cache, scene->palette, &cache->nodes[k], cache->labels[k],
                          cache->values[k]);
        }
    }
}

static void
draw_target (cairo_t     *cr,
             const Scene *scene,
             guint        k)
{
  BpDiagramCache *cache = scene->cache;
  const BpPalette *p = scene->palette;
  const Box *b = &cache->targets[k];
  char text[BP_DIAGRAM_VALUE_SIZE];
  double corner = b->hh * 0.35;

  bp_diagram_format_value (scene->net->target[k], text, sizeof text);
  set_text_if_changed (cache->target_values[k], cache->target_texts[k], text);
  bp_color_set_source (cr, &p->background);
  box_path (cr, b, 0, corner);
  cairo_fill_preserve (cr);
  set_source_mix (cr, &p->target, 0.10);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, &p->target);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, MAX (1.5, 2.0 * scene->frame->zoom));
  cairo_stroke (cr);
  draw_node_text (cr, cache, p, b, cache->target_labels[k], cache->target_values[k]);
}

static void
draw_loss_box (cairo_t     *cr,
               const Scene *scene)
{
  BpDiagramCache *cache = scene->cache;
  const BpPalette *p = scene->palette;
  const Box *b = &cache->loss;
  char text[BP_DIAGRAM_VALUE_SIZE];
  double gap = (cache->small_px + cache->font_px * 1.15) * 0.5;

  bp_diagram_format_value (loss_net (scene)->loss, text, sizeof text);
  set_text_if_changed (cache->loss_value, cache->loss_text, text);
  bp_color_set_source (cr, &p->background);
  box_path (cr, b, 0, b->hh * 0.35);
  cairo_fill_preserve (cr);
  set_source_mix (cr, &p->loss, 0.10);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, &p->loss);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, MAX (1.5, 2.0 * scene->frame->zoom));
  cairo_stroke (cr);
  bp_color_set_source (cr, &p->dim_text);
  show_centred (cr, cache->loss_label, b->x, b->y - gap * 0.6);
  bp_color_set_source (cr, &p->text);
  show_centred (cr, cache->loss_value, b->x, b->y + gap * 0.5);
}

static void
draw_headers (cairo_t     *cr,
              const Scene *scene)
{
  BpDiagramCache *cache = scene->cache;

  bp_color_set_source (cr, &scene->palette->dim_text);
  for (guint c = 0; c <= scene->net->n_layers + 2; c++)
    show_centred (cr, cache->headers[c], cache->header_x[c], cache->header_y);
}

static void
draw_legend (cairo_t     *cr,
             const Scene *scene)
{
  BpDiagramCache *cache = scene->cache;
  const BpPalette *p = scene->palette;
  double sample = 26.0 * cache->zoom, z = MAX (1.0, cache->zoom);
  double dash[2] = { 6.0 * z, 4.0 * z };

  for (guint i = 0; i < 3; i++)
    {
      double x = cache->legend_x[i], y = cache->legend_y[i];

      cairo_set_line_width (cr, 3.0 * z);
      if (i == 0)
        {
          bp_color_set_source (cr, &p->rise);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else if (i == 1)
        {
          bp_color_set_source (cr, &p->fall);
          cairo_set_dash (cr, dash, 2, 0);
        }
      if (i < 2)
        {
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x + sample, y);
          cairo_stroke (cr);
        }
      else
        {
          /* A wedge from a hairline to a thick line. */
          bp_color_set_source (cr, &p->dim_text);
          cairo_move_to (cr, x, y - 0.4 * z);
          cairo_line_to (cr, x + sample, y - 4.0 * z);
          cairo_line_to (cr, x + sample, y + 4.0 * z);
          cairo_line_to (cr, x, y + 0.4 * z);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
      bp_color_set_source (cr, &p->dim_text);
      cairo_move_to (cr, x + sample + cache->small_px * 0.5,
                     y - cache->small_px * 0.65);
      pango_cairo_show_layout (cr, cache->legend[i]);
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

/* ---------------------------------------------------------------------------------------
 * Selection, hover and the info box
 */

static const Box *
selection_box (const BpDiagramCache *cache,
               const BpNet          *net,
               const BpSelection    *sel)
{
  if (sel->kind == BP_SELECTION_BIAS)
    return node_box (cache, sel->layer + 1, sel->to);
  if (sel->kind != BP_SELECTION_NODE)
    return NULL;
  if (sel->layer <= net->n_layers)
    return node_box (cache, sel->layer, sel->to);
  if (sel->layer == net->n_layers + 1)
    return &cache->targets[sel->to];
  return &cache->loss;
}

static void
draw_highlight (cairo_t           *cr,
                const Scene       *scene,
                const BpSelection *sel,
                double             alpha)
{
  const BpDiagramCache *cache = scene->cache;
  const Box *b;
  double z = MAX (1.0, scene->frame->zoom);

  if (!bp_selection_valid (scene->net, sel))
    return;
  set_source_mix (cr, &scene->palette->selection, alpha);
  cairo_set_dash (cr, NULL, 0, 0);
  if (sel->kind == BP_SELECTION_CONNECTION)
    {
      double g = bp_net_weight_gradient (scene->net, sel->layer, sel->to, sel->from);

      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_width (cr, line_width_for (scene, g) + 6.0 * z);
      stroke_part (cr, node_box (cache, sel->layer, sel->from),
                   node_box (cache, sel->layer + 1, sel->to), 0.0, 1.0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      draw_connection (cr, scene, sel->layer, sel->to, sel->from);
      return;
    }
  b = selection_box (cache, scene->net, sel);
  cairo_set_line_width (cr, 3.0 * z);
  box_path (cr, b, 3.5 * z, b == &cache->loss || sel->layer == scene->net->n_layers + 1
                             ? b->hh * 0.35 : b->hh);
  cairo_stroke (cr);
}

static char *
node_info (const Scene *scene,
           guint        c,
           guint        i)
{
  const BpNet *net = column_net (scene, c);
  const BpNet *g_net = c > 0 && wave_passed (scene, c - 1) > 0.0 ? scene->net : scene->old;
  char label[16], a[BP_DIAGRAM_VALUE_SIZE], z[BP_DIAGRAM_VALUE_SIZE];
  char d[BP_DIAGRAM_VALUE_SIZE], b[BP_DIAGRAM_VALUE_SIZE];

  bp_diagram_node_label (net, c, i, label, sizeof label);
  bp_diagram_format_value (net->a[c][i], a, sizeof a);
  if (c == 0)
    {
      bp_diagram_format_value (g_net->grad_a[0][i], d, sizeof d);
      /* Translators: the box shown over an input neuron; keep the line breaks and the
       * markup. The first %s is the input's name (x1), then its value, its name again in
       * dL/dx1 (the gradient, notation: keep it) and the gradient's value. */
      return g_markup_printf_escaped (_("<b>%s</b> · input\nvalue %s\ndL/d%s %s\n"
                                        "<i>drag up or down to change</i>"),
                                      label, a, label, d);
    }
  bp_diagram_format_value (net->z[c][i], z, sizeof z);
  bp_diagram_format_value (g_net->delta[c][i], d, sizeof d);
  bp_diagram_format_value (net->biases[c - 1][i], b, sizeof b);
  /* Translators: the box shown over a neuron: its name (h1), its activation function
   * ("tanh"), pre-activation z, activation a, gradient dL/dz and bias; keep the line breaks,
   * the markup and the symbols z, a and dL/dz. */
  return g_markup_printf_escaped (_("<b>%s</b> · %s\nz %s\na %s\ndL/dz %s\nbias %s"),
                                  label, activation_name (net->activations[c - 1]),
                                  z, a, d, b);
}

static char *
connection_info (const Scene *scene,
                 guint        l,
                 guint        j,
                 guint        i)
{
  const BpNet *g_net = wave_passed (scene, l) > 0.0 ? scene->net : scene->old;
  double g = bp_net_weight_gradient (g_net, l, j, i);
  char from[16], to[16], w[BP_DIAGRAM_VALUE_SIZE], d[BP_DIAGRAM_VALUE_SIZE];
  const char *format;

  bp_diagram_node_label (scene->net, l, i, from, sizeof from);
  bp_diagram_node_label (scene->net, l + 1, j, to, sizeof to);
  bp_diagram_format_value (shown_weight (scene, l, j, i), w, sizeof w);
  bp_diagram_format_value (g, d, sizeof d);
  if (!isfinite (g) || g == 0.0)
    /* Translators: the box shown over a connection between two neurons (x1 → h1): its
     * weight and gradient dL/dw (notation: keep it), then what the next step does to the
     * weight; keep the line breaks and the markup. */
    format = _("<b>%s → %s</b>\nweight %s\ndL/dw %s\n<i>the step leaves it as it is</i>");
  else if (g > 0.0)
    /* Translators: as above, for a weight the next step lowers */
    format = _("<b>%s → %s</b>\nweight %s\ndL/dw %s\n<i>the step lowers it</i>");
  else
    /* Translators: as above, for a weight the next step raises */
    format = _("<b>%s → %s</b>\nweight %s\ndL/dw %s\n<i>the step raises it</i>");
  return g_markup_printf_escaped (format, from, to, w, d);
}

static char *
info_text (const Scene       *scene,
           const BpSelection *sel)
{
  const BpNet *net = scene->net;
  char v[BP_DIAGRAM_VALUE_SIZE], label[16];

  if (sel->kind == BP_SELECTION_CONNECTION)
    return connection_info (scene, sel->layer, sel->to, sel->from);
  if (sel->kind == BP_SELECTION_BIAS)
    return node_info (scene, sel->layer + 1, sel->to);
  if (sel->layer <= net->n_layers)
    return node_info (scene, sel->layer, sel->to);
  if (sel->layer == net->n_layers + 1)
    {
      bp_diagram_node_label (net, sel->layer, sel->to, label, sizeof label);
      bp_diagram_format_value (net->target[sel->to], v, sizeof v);
      /* Translators: the box shown over a target value; %s is its name (t1), then its
       * value; keep the line breaks and the markup */
      return g_markup_printf_escaped (_("<b>%s</b> · target\nvalue %s\n"
                                        "<i>drag up or down to change</i>"), label, v);
    }
  bp_diagram_format_value (loss_net (scene)->loss, v, sizeof v);
  /* Translators: the box shown over the loss: the loss function ("squared error"), then the
   * loss's value; keep the line break and the markup */
  return g_markup_printf_escaped (_("<b>Loss</b> · %s\n%s"), loss_name (net->loss_kind), v);
}

/* The box with the numbers of the hovered item, or else of the selected one. */
static void
draw_info_box (cairo_t     *cr,
               const Scene *scene,
               int          width,
               int          height)
{
  const BpDiagramFrame *frame = scene->frame;
  const BpSelection *sel = bp_selection_valid (scene->net, &frame->hover)
                           ? &frame->hover : &frame->selection;
  BpDiagramCache *cache = scene->cache;
  g_autofree char *markup = NULL;
  const Box *b;
  double x, y, w, h, pad = cache->small_px * 0.7, off = 10.0 * cache->zoom;
  int lw, lh;

  if (!bp_selection_valid (scene->net, sel))
    return;
  markup = info_text (scene, sel);
  pango_layout_set_markup (cache->scratch, markup, -1);
  pango_layout_get_pixel_size (cache->scratch, &lw, &lh);
  w = lw + 2 * pad;
  h = lh + 2 * pad;
  b = selection_box (cache, scene->net, sel);
  if (b != NULL)
    {
      x = b->x + b->hw + off;
      y = b->y - b->hh - h * 0.3;
      if (x + w > width - 4)
        x = b->x - b->hw - off - w;
    }
  else
    {
      Box mid;

      point_on (node_box (cache, sel->layer, sel->from), node_box (cache, sel->layer + 1, sel->to),
                0.5, &mid.x, &mid.y);
      x = mid.x + off;
      y = mid.y - h - off;
    }
  x = CLAMP (x, 4.0, MAX (4.0, width - w - 4.0));
  y = CLAMP (y, 4.0, MAX (4.0, height - h - 4.0));

  set_source_mix (cr, &scene->palette->background, 0.96);
  rounded_rect (cr, x, y, w, h, pad);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, &scene->palette->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  bp_color_set_source (cr, &scene->palette->text);
  cairo_move_to (cr, x + pad, y + pad);
  pango_cairo_show_layout (cr, cache->scratch);
}

static void
draw_focus_ring (cairo_t     *cr,
                 const Scene *scene,
                 int          width,
                 int          height)
{
  bp_color_set_source (cr, &scene->palette->selection);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, 2.0);
  rounded_rect (cr, 2.0, 2.0, width - 4.0, height - 4.0, 8.0);
  cairo_stroke (cr);
}

/**
 * bp_diagram_draw_frame:
 * @cr: where to draw
 * @width: the width in user units
 * @height: the height
 * @frame: what to draw
 *
 * Draws one frame of the diagram: the background, the column headings, the connections
 * coloured by their gradient, the animation of a step, the nodes, target and loss, the
 * legend, the selection and the box with the numbers of the hovered item. Text is shaped
 * with PangoCairo, so any Cairo surface works (image, SVG, PDF). Non-finite numbers are
 * drawn as "—" in neutral colours.
 *
 * Right-to-left languages (Arabic): the window mirrors its controls, the diagram does not.
 * It is a figure, like a formula in a textbook: the forward pass runs left to right, inputs
 * left and loss right, in every language, so the guide's "left to right" stays true and an
 * export looks the same everywhere. Nothing here asks for the widget's direction, and the
 * layouts come from a PangoContext of our own (base direction weak LTR), so the geometry,
 * the hit tests and the arrow keys are those of a left-to-right locale. Pango lays out each
 * text by its own letters: Arabic headings, legend and hover boxes read right to left, and
 * their translations wrap numbers and notation in isolates (U+2066 … U+2069) so that
 * "−0.25" and "dL/dw < 0" keep their order inside an Arabic sentence.
 */
void
bp_diagram_draw_frame (cairo_t              *cr,
                       int                   width,
                       int                   height,
                       const BpDiagramFrame *frame)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpDiagramCache *cache;
  Scene scene;

  g_return_if_fail (cr != NULL && frame != NULL);

  bp_color_set_source (cr, frame->palette != NULL ? &frame->palette->background
                                                  : &bp_palette_get (BP_PALETTE_LIGHT)->background);
  cairo_paint (cr);
  if (frame->after == NULL || width < 16 || height < 16)
    return;

  cairo_save (cr);
  cache = cache_for (&temporary, width, height, frame);
  pango_cairo_update_context (cr, cache->context);
  scene_init (&scene, frame, cache);
  scene.disc_scale = disc_scale (cr, &scene);

  draw_headers (cr, &scene);
  if (frame->phase == BP_PHASE_UPDATE && animating (frame))
    draw_update_glow (cr, &scene);
  draw_connections (cr, &scene);
  draw_loss_lines (cr, &scene);
  draw_highlight (cr, &scene, &frame->hover, 0.35);
  draw_highlight (cr, &scene, &frame->selection, 0.9);
  if (frame->phase == BP_PHASE_FORWARD && animating (frame))
    draw_forward_pulse (cr, &scene);
  if (frame->phase == BP_PHASE_BACKWARD && animating (frame))
    draw_backward_wave (cr, &scene);
  draw_nodes (cr, &scene);
  for (guint k = 0; k < frame->after->sizes[frame->after->n_layers]; k++)
    draw_target (cr, &scene, k);
  draw_loss_box (cr, &scene);
  if (frame->selection.kind == BP_SELECTION_NODE)
    draw_highlight (cr, &scene, &frame->selection, 0.9);
  if (frame->hover.kind == BP_SELECTION_NODE)
    draw_highlight (cr, &scene, &frame->hover, 0.45);
  draw_legend (cr, &scene);
  draw_info_box (cr, &scene, width, height);
  if (frame->focus_visible)
    draw_focus_ring (cr, &scene, width, height);
  cairo_restore (cr);
}

/* ---------------------------------------------------------------------------------------
 * Geometry queries for hit testing and tests
 */

gboolean
bp_diagram_frame_node_box (int                   width,
                           int                   height,
                           const BpDiagramFrame *frame,
                           guint                 layer,
                           guint                 index,
                           BpDiagramBox         *box)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpDiagramCache *cache;
  BpSelection sel = { BP_SELECTION_NODE, layer, index, 0 };
  const Box *b;

  g_return_val_if_fail (frame != NULL && frame->after != NULL && box != NULL, FALSE);

  if (!bp_selection_valid (frame->after, &sel))
    return FALSE;
  cache = cache_for (&temporary, width, height, frame);
  b = selection_box (cache, frame->after, &sel);
  *box = (BpDiagramBox) { b->x, b->y, b->hw, b->hh };
  return TRUE;
}

static double
distance_to_segment (const Box *from,
                     const Box *to,
                     double     x,
                     double     y)
{
  double dx = to->x - from->x, dy = to->y - from->y;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0.0 ? ((x - from->x) * dx + (y - from->y) * dy) / len2 : 0.0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (x - from->x - t * dx, y - from->y - t * dy);
}

static gboolean
inside (const Box *b,
        double     x,
        double     y,
        double     slack)
{
  return fabs (x - b->x) <= b->hw + slack && fabs (y - b->y) <= b->hh + slack;
}

static gboolean
hit_nodes (const BpDiagramCache *cache,
           const BpNet          *net,
           double                x,
           double                y,
           BpSelection          *hit)
{
  guint L = net->n_layers;

  for (guint c = 0; c <= L; c++)
    for (guint i = 0; i < net->sizes[c]; i++)
      if (inside (node_box (cache, c, i), x, y, 2.0))
        {
          *hit = (BpSelection) { BP_SELECTION_NODE, c, i, 0 };
          return TRUE;
        }
  for (guint k = 0; k < net->sizes[L]; k++)
    if (inside (&cache->targets[k], x, y, 2.0))
      {
        *hit = (BpSelection) { BP_SELECTION_NODE, L + 1, k, 0 };
        return TRUE;
      }
  if (inside (&cache->loss, x, y, 2.0))
    {
      *hit = (BpSelection) { BP_SELECTION_NODE, L + 2, 0, 0 };
      return TRUE;
    }
  return FALSE;
}

/**
 * bp_diagram_frame_hit:
 * @width: the width the frame is drawn at
 * @height: its height
 * @frame: the frame
 * @x: a point
 * @y: a point
 * @hit: (out): what is there
 *
 * Finds the node, target, loss box or connection under a point. Nodes win over the
 * connections that run under them; among connections the nearest one within a few pixels.
 *
 * Returns: %TRUE if something is there
 */
gboolean
bp_diagram_frame_hit (int                   width,
                      int                   height,
                      const BpDiagramFrame *frame,
                      double                x,
                      double                y,
                      BpSelection          *hit)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpDiagramCache *cache;
  const BpNet *net;
  double best = 5.0 * MAX (1.0, frame->zoom);

  g_return_val_if_fail (frame != NULL && hit != NULL, FALSE);

  *hit = (BpSelection) { BP_SELECTION_NONE, 0, 0, 0 };
  net = frame->after;
  if (net == NULL || width < 16 || height < 16)
    return FALSE;
  cache = cache_for (&temporary, width, height, frame);
  if (hit_nodes (cache, net, x, y, hit))
    return TRUE;
  for (guint l = 0; l < net->n_layers; l++)
    {
      const Box *first = node_box (cache, l, 0), *next = node_box (cache, l + 1, 0);

      if (x < first->x || x > next->x)
        continue;
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        for (guint i = 0; i < net->sizes[l]; i++)
          {
            double d = distance_to_segment (node_box (cache, l, i), node_box (cache, l + 1, j),
                                            x, y);

            if (d < best)
              {
                best = d;
                *hit = (BpSelection) { BP_SELECTION_CONNECTION, l, j, i };
              }
          }
    }
  return hit->kind != BP_SELECTION_NONE;
}
