/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram.c: the network as a student sees it. The drawing is a plain function of a
 * BpDiagramFrame, so it renders the same into the widget, a PNG, an SVG and the tests; the
 * widget only keeps the two nets of a step (before and after), runs the animation on the
 * frame clock and turns pointer and keys into selections and input changes.
 *
 * Visual code: a connection is orange and solid when dL/dw < 0 (the step raises the weight),
 * teal and dashed when dL/dw > 0 (the step lowers it), a thin grey line when dL/dw = 0; its
 * width grows with sqrt (|dL/dw| / max |dL/dw|). A node's ring and tint show its activation:
 * blue and clockwise for a positive one, purple and counter-clockwise for a negative one,
 * the sweep growing with tanh (|a|).
 */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram.h"

#include <adwaita.h>
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
#define N_TINTS 64              /* steps of a cached node's tint, each under 1/255 */
#define DRAG_FULL_RANGE_PX 240.0

typedef struct {
  double x, y, hw, hh;
} Box;

typedef char ValueText[BP_DIAGRAM_VALUE_SIZE];

/* A connection, or the part of one on either side of the gradient wave, to be stroked in
 * a batch with all others of the same key (width level and sign). */
typedef struct {
  guint16 key;
  guint8 layer;
  guint16 to;
  guint16 from;
  float t0, t1;
} Part;

#define N_LEVELS 32                       /* widths between the hairline and the thickest */
#define N_KEYS ((N_LEVELS + 1) * 3)

struct _BpDiagramCache {
  /* What the geometry depends on. */
  gboolean valid;
  int width, height;
  double zoom, text_scale;
  guint n_layers;
  guint sizes[BP_MAX_LAYERS + 1];
  BpActivation activations[BP_MAX_LAYERS];
  BpLoss loss_kind;
  char *family;

  /* Geometry. */
  double font_px, small_px, margin, unit;
  double area_top, area_bottom;
  gboolean two_line;
  guint offsets[BP_MAX_LAYERS + 2];
  guint n_nodes;
  Box *nodes;
  Box *targets;
  Box loss;
  gsize n_connections;
  Part *parts;              /* room for two parts per connection, then as many sorted */
  cairo_surface_t *strips[BP_MAX_LAYERS];   /* the connections of each weight layer */
  cairo_surface_t *discs[3][N_TINTS + 1];   /* a node's disc, ring and tint (paint_disc ()) */
  const BpPalette *disc_palette;            /* what the discs were drawn for */
  double disc_scale;
  guint64 strip_keys[BP_MAX_LAYERS];        /* what each strip shows */
  double legend_x[3], legend_y[3];
  double header_x[BP_MAX_LAYERS + 3], header_y;

  /* Text, shaped once and reshaped only when it changes. */
  PangoContext *context;
  PangoAttrList *tabular;
  PangoLayout **labels;
  PangoLayout **values;
  ValueText *value_texts;
  PangoLayout **target_labels;
  PangoLayout **target_values;
  ValueText *target_texts;
  PangoLayout *loss_label;
  PangoLayout *loss_value;
  char loss_text[BP_DIAGRAM_VALUE_SIZE];
  PangoLayout *headers[BP_MAX_LAYERS + 3];
  PangoLayout *legend[3];
  PangoLayout *scratch;
};

/* Everything a frame needs besides the cache: which net each part shows at this moment. */
typedef struct {
  const BpDiagramFrame *frame;
  BpDiagramCache *cache;
  const BpPalette *palette;
  const BpNet *net;           /* after */
  const BpNet *old;           /* before, or after when there is nothing to animate */
  double s;                   /* progress in segments: progress × (n_layers + 1) */
  double gmax;
  double exponent;            /* width grows with (|g| / gmax) ^ exponent */
  double wmin, wmax;
  double dmax;                /* the largest weight change, in the update phase */
  double disc_scale;          /* pixels per unit of the cached node discs, 0 for none */
} Scene;

static const double phase_seconds[] = {
  [BP_PHASE_IDLE] = 0.0,
  [BP_PHASE_UPDATE] = 0.30,
  [BP_PHASE_FORWARD] = 0.45,
  [BP_PHASE_BACKWARD] = 0.45,
};

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
key_width (const Scene *scene,
           guint        key)
{
  return scene->wmin + (scene->wmax - scene->wmin) * (key / 3) / N_LEVELS;
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

static const Box *
node_box (const BpDiagramCache *cache,
          guint                 c,
          guint                 i)
{
  return &cache->nodes[cache->offsets[c] + i];
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

static guint64
strip_key (const Scene *scene,
           const Part  *parts,
           gsize        n,
           double       scale)
{
  guint64 h = 14695981039346656037ull;
  guint64 words[4] = {
    GPOINTER_TO_SIZE (scene->palette), (guint64) (scene->wmax * 1024.0),
    (guint64) (scale * 1024.0), (guint64) (scene->frame->zoom * 1024.0),
  };

  for (guint k = 0; k < G_N_ELEMENTS (words); k++)
    h = (h ^ words[k]) * 1099511628211ull;
  for (gsize k = 0; k < n; k++)
    {
      guint64 w = (guint64) parts[k].key | (guint64) parts[k].to << 8
                  | (guint64) parts[k].from << 24 | (guint64) (parts[k].t0 * 4096.0f) << 40;

      h = (h ^ w) * 1099511628211ull;
    }
  return h;
}

/* ---------------------------------------------------------------------------------------
 * Connections written straight into a strip's pixels
 *
 * Cairo 1.16 pays about 35 ns for every pixel row an antialiased stroke crosses, however
 * thin the line: a connection between far neurons of a 16-neuron column crosses 300 rows,
 * so the 1,792 lines of 8 × 16 took 35 ms a frame while the state changed, the dashed ones
 * twice as long as the solid ones (measured; batching, CAIRO_ANTIALIAS_FAST, a coarser
 * tolerance and dashes as one stroke or a repeating gradient were no faster or slower).
 * A strip holds nothing but straight lines with butt ends on a transparent raster, so it
 * writes their coverage itself: each pixel takes the share of its box, seen across and
 * along the line, that falls inside the line (or its dash), and is blended OVER. That is
 * how Cairo's strokes look to within a level or two of each channel, in a few ns a pixel.
 */

typedef struct {
  guint32 *data;
  int stride;               /* in pixels */
  int width, height;
} Raster;

/* One part of a connection in device pixels. */
typedef struct {
  double ax, ay;            /* where the connection starts */
  double ux, uy;            /* its direction, a unit vector */
  double half;              /* half the line's width */
  double start, end;        /* the part, as distances from (ax, ay) */
  double on, period;        /* dashes from @start on; period 0 for a solid line */
  guint32 rb, ag;           /* the colour, premultiplied, as 0x00rr00bb and 0x00aa00gg */
  guint32 alpha;
} Segment;

/* OVER with coverage @cover (0 … 256) of the segment's colour, on premultiplied pixels;
 * a coverage of 0 leaves the pixel as it was. */
static inline guint32
blend (guint32 dst,
       guint32 col_rb,
       guint32 col_ag,
       guint32 alpha,
       guint32 cover)
{
  guint32 src_rb = (col_rb * cover >> 8) & 0x00ff00ff;
  guint32 src_ag = (col_ag * cover >> 8) & 0x00ff00ff;
  guint32 keep = 255 - (alpha * cover >> 8);
  guint32 rb = (dst & 0x00ff00ff) * keep;
  guint32 ag = (dst >> 8 & 0x00ff00ff) * keep;

  /* x / 255, rounded (exact for these products), two channels at a time. */
  rb = (rb + 0x00800080 + (rb >> 8 & 0x00ff00ff)) >> 8 & 0x00ff00ff;
  ag = (ag + 0x00800080 + (ag >> 8 & 0x00ff00ff)) >> 8 & 0x00ff00ff;
  return (rb + src_rb) | (ag + src_ag) << 8;
}

/* How much of a pixel's box filter, seen across or along the line (where it is f wide),
 * a band of half width h covers at distance @r from the band's middle: (@reach − |r|) / f
 * with reach = h + f/2, between 0 and @cap = min (1, 2h / f). Without branches, which
 * would mispredict at every edge. */
static inline float
band_cover (float r,
            float reach,
            float inv_f,
            float cap)
{
  return MIN (MAX ((reach - fabsf (r)) * inv_f, 0.0f), cap);
}

/* The bands of a segment, as band_cover () takes them. */
typedef struct {
  float inv_f;
  float across_reach, across_cap;
  float part_mid, part_reach, part_cap;   /* along a solid part, or around the dashes */
  gboolean dashed;
  float period, inv_period;
  float dash_mid, dash_reach, dash_cap;   /* the dash from 0 to on */
} Bands;

static void
bands_init (Bands         *bands,
            const Segment *seg,
            double         f)
{
  double len = seg->end - seg->start;

  bands->inv_f = 1.0 / f;
  bands->across_reach = seg->half + f / 2.0;
  bands->across_cap = MIN (1.0, 2.0 * seg->half / f);
  bands->part_mid = len / 2.0;
  bands->part_reach = (len + f) / 2.0;
  bands->part_cap = MIN (1.0, len / f);
  bands->dashed = seg->period > 0.0;
  bands->period = seg->period;
  bands->inv_period = bands->dashed ? 1.0 / seg->period : 0.0;
  bands->dash_mid = seg->on / 2.0;
  bands->dash_reach = (seg->on + f) / 2.0;
  bands->dash_cap = MIN (1.0, seg->on / f);
}

/* Blends @n pixels of a row from @pixels on; @perp and @d are the first one's distances
 * across the line and along it from the start of the part, which the next one changes
 * by −uy and ux. Single precision, from a nearby origin, keeps a hundredth of a pixel. */
static void
raster_run (guint32       *pixels,
            int            n,
            const Segment *seg,
            const Bands   *bands,
            float          perp,
            float          d)
{
  /* Copies, which the stores into @pixels cannot alias. */
  const Bands b = *bands;
  float ux = seg->ux, uy = seg->uy;
  guint32 rb = seg->rb, ag = seg->ag, alpha = seg->alpha;

  for (int k = 0; k < n; k++, perp -= uy, d += ux)
    {
      float across = band_cover (perp, b.across_reach, b.inv_f, b.across_cap);
      float along = band_cover (d - b.part_mid, b.part_reach, b.inv_f, b.part_cap);

      if (b.dashed)
        {
          /* The pixel's box is narrower than a gap, so only the nearest dash counts;
           * rounding by conversion, as t / period > −1 here. */
          float t = d - b.dash_mid;
          float nearest = ((int) (t * b.inv_period + 1.5f) - 1) * b.period;

          along = MIN (along, band_cover (t - nearest, b.dash_reach, b.inv_f, b.dash_cap));
        }
      /* Even a coverage of 0 is blended (it changes nothing): a test would mispredict. */
      pixels[k] = blend (pixels[k], rb, ag, alpha, (guint32) (across * along * 256.0f + 0.5f));
    }
}

/* The pixels from which a row of pixel centres can touch a line: where the row crosses
 * the band across the line (x from @lo to @hi) and the band of the part along it (@lo2 to
 * @hi2), within the raster. Conversions instead of floor () and ceil (), which are calls
 * on plain x86-64. */
static inline gboolean
row_span (int     width,
          double  lo,
          double  hi,
          double  lo2,
          double  hi2,
          int    *i0,
          int    *i1)
{
  double x0 = MAX (MAX (lo, lo2), 0.0) - 0.5, x1 = MIN (MIN (hi, hi2), width) - 0.5;
  int t0, t1;

  if (!(x1 >= x0))
    return FALSE;
  /* The first centre at or after x0 and the last at or before x1, for x0, x1 ≥ −0.5. */
  t0 = (int) x0;
  t1 = (int) (x1 + 1.0) - 1;
  *i0 = t0 + (x0 > t0);
  *i1 = MIN (t1, width - 1);
  return *i0 <= *i1;
}

static void
raster_segment (const Raster  *raster,
                const Segment *seg)
{
  /* A pixel's box seen across or along a line at any angle is |ux| + |uy| wide. */
  double f = fabs (seg->ux) + fabs (seg->uy);
  double reach = seg->half + f / 2.0, lo = seg->start - f / 2.0, hi = seg->end + f / 2.0;
  double y_start = seg->ay + seg->uy * lo, y_end = seg->ay + seg->uy * hi;
  double spread = fabs (seg->ux) * reach;
  int iy0 = MAX (0, (int) floor (MIN (y_start, y_end) - spread));
  int iy1 = MIN (raster->height - 1, (int) ceil (MAX (y_start, y_end) + spread));
  /* A row py below ay meets the band across the line where x − ax = py·ux/uy ± reach/|uy|,
   * and the band along it where x − ax = (lo … hi − py·uy) / ux; a horizontal line's row
   * is all in or all out of the first, a vertical line's of the second. */
  gboolean steep = fabs (seg->uy) > 1e-9, wide = fabs (seg->ux) > 1e-9;
  double across_b = steep ? seg->ux / seg->uy : 0.0;
  double across_c = steep ? reach / fabs (seg->uy) : G_MAXDOUBLE;
  double along_b = wide ? -seg->uy / seg->ux : 0.0;
  double along_lo = wide ? MIN (lo / seg->ux, hi / seg->ux) : -G_MAXDOUBLE;
  double along_hi = wide ? MAX (lo / seg->ux, hi / seg->ux) : G_MAXDOUBLE;
  Bands bands;

  bands_init (&bands, seg, f);
  for (int iy = iy0; iy <= iy1; iy++)
    {
      double py = iy + 0.5 - seg->ay, px;
      double across_x = seg->ax + py * across_b, along_x = seg->ax + py * along_b;
      int i0, i1;

      if ((!steep && fabs (py * seg->ux) >= reach)
          || (!wide && (py * seg->uy <= lo || py * seg->uy >= hi)))
        continue;
      if (!row_span (raster->width, across_x - across_c, across_x + across_c,
                     along_x + along_lo, along_x + along_hi, &i0, &i1))
        continue;
      px = i0 + 0.5 - seg->ax;
      raster_run (raster->data + (gsize) iy * raster->stride + i0, i1 - i0 + 1, seg, &bands,
                  py * seg->ux - px * seg->uy, px * seg->ux + py * seg->uy - seg->start);
    }
}

static void
segment_color (Segment       *seg,
               const BpColor *color)
{
  guint32 a = (guint32) lround (CLAMP (color->alpha, 0.0, 1.0) * 255.0);
  guint32 r = (guint32) lround (CLAMP (color->red, 0.0, 1.0) * a);
  guint32 g = (guint32) lround (CLAMP (color->green, 0.0, 1.0) * a);
  guint32 b = (guint32) lround (CLAMP (color->blue, 0.0, 1.0) * a);

  seg->rb = r << 16 | b;
  seg->ag = a << 16 | g;
  seg->alpha = a;
}

/* The parts as draw_parts () strokes them, in device pixels of @raster, whose origin is
 * the user point (@x0, @y0) and which has @scale pixels per unit. */
static void
raster_parts (const Raster *raster,
              const Scene  *scene,
              const Part   *parts,
              gsize         n,
              double        x0,
              double        y0,
              double        scale)
{
  const BpColor *colors[3] = { &scene->palette->grid, &scene->palette->fall,
                               &scene->palette->rise };
  double z = MAX (1.0, scene->frame->zoom);
  Segment seg = { 0 };

  for (gsize k = 0; k < n; k++)
    {
      const Part *part = &parts[k];
      const Box *from = node_box (scene->cache, part->layer, part->from);
      const Box *to = node_box (scene->cache, part->layer + 1, part->to);
      double dx = (to->x - from->x) * scale, dy = (to->y - from->y) * scale;
      double len = hypot (dx, dy), w;

      if (!(len > 0.0))
        continue;
      if (k == 0 || part->key != parts[k - 1].key)
        {
          w = key_width (scene, part->key);
          segment_color (&seg, colors[part->key % 3]);
          seg.half = w * scale / 2.0;
          /* The dashes of emit_part (). */
          seg.on = part->key % 3 == 1 ? MAX (6.0 * z, 2.5 * w) * scale : 0.0;
          seg.period = part->key % 3 == 1 ? seg.on + MAX (4.0 * z, 1.6 * w) * scale : 0.0;
        }
      seg.ax = (from->x - x0) * scale;
      seg.ay = (from->y - y0) * scale;
      seg.ux = dx / len;
      seg.uy = dy / len;
      seg.start = part->t0 * len;
      seg.end = part->t1 * len;
      raster_segment (raster, &seg);
    }
}

/* A transparent raster of @width × @height pixels in *@strip, the one already there if it
 * has that size: a new one would be mapped and faulted in afresh on every frame. Returns
 * its pixels, ready to be written, or NULL if there is no memory for them. */
static guint32 *
clear_strip (cairo_surface_t **strip,
             int               width,
             int               height,
             double            scale)
{
  if (*strip == NULL || cairo_image_surface_get_width (*strip) != width
      || cairo_image_surface_get_height (*strip) != height)
    {
      g_clear_pointer (strip, cairo_surface_destroy);
      *strip = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      if (cairo_surface_status (*strip) != CAIRO_STATUS_SUCCESS)
        {
          g_clear_pointer (strip, cairo_surface_destroy);
          return NULL;
        }
    }
  else
    {
      /* Flushing first gives a recording (GTK's) that still shows the old pixels its
       * own copy of them. */
      cairo_surface_flush (*strip);
      memset (cairo_image_surface_get_data (*strip), 0,
              (gsize) cairo_image_surface_get_stride (*strip) * height);
    }
  cairo_surface_set_device_scale (*strip, scale, scale);
  return (guint32 *) cairo_image_surface_get_data (*strip);
}

/* Paints weight layer @l from its cached raster, redrawing that only when it changed:
 * while idle, during the forward pulse and between waves no layer changes, and while the
 * wave runs only the layer it crosses. */
static void
paint_strip (cairo_t     *cr,
             const Scene *scene,
             guint        l,
             const Part  *parts,
             gsize        n)
{
  BpDiagramCache *cache = scene->cache;
  double pad = scene->wmax + 2.0, sx = 1.0, sy = 1.0, scale;
  double x0 = floor (node_box (cache, l, 0)->x - pad);
  double x1 = ceil (node_box (cache, l + 1, 0)->x + pad);
  double y0 = floor (cache->area_top - pad), y1 = ceil (cache->area_bottom + pad);
  guint64 key;

  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  scale = MAX (1, scene->frame->scale_factor) * sx;
  key = strip_key (scene, parts, n, scale);
  if (cache->strips[l] == NULL || cache->strip_keys[l] != key)
    {
      int w = (int) ceil ((x1 - x0) * scale), h = (int) ceil ((y1 - y0) * scale);
      Raster raster;

      raster.data = clear_strip (&cache->strips[l], w, h, scale);
      if (raster.data == NULL)
        {
          draw_parts (cr, scene, parts, n);
          return;
        }
      raster.stride = cairo_image_surface_get_stride (cache->strips[l]) / 4;
      raster.width = w;
      raster.height = h;
      raster_parts (&raster, scene, parts, n, x0, y0, scale);
      cairo_surface_mark_dirty (cache->strips[l]);
      cache->strip_keys[l] = key;
    }
  cairo_set_source_surface (cr, cache->strips[l], x0, y0);
  cairo_paint (cr);
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

      if (strips)
        paint_strip (cr, scene, l, sorted, n);
      else
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

static gboolean
selection_valid (const BpNet       *net,
                 const BpSelection *sel)
{
  switch (sel->kind)
    {
    case BP_SELECTION_CONNECTION:
      return sel->layer < net->n_layers && sel->to < net->sizes[sel->layer + 1]
             && sel->from < net->sizes[sel->layer];
    case BP_SELECTION_BIAS:
      return sel->layer < net->n_layers && sel->to < net->sizes[sel->layer + 1];
    case BP_SELECTION_NODE:
      if (sel->layer <= net->n_layers)
        return sel->to < net->sizes[sel->layer];
      if (sel->layer == net->n_layers + 1)
        return sel->to < net->sizes[net->n_layers];
      return sel->layer == net->n_layers + 2;
    case BP_SELECTION_NONE:
    default:
      return FALSE;
    }
}

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

  if (!selection_valid (scene->net, sel))
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
  const BpSelection *sel = selection_valid (scene->net, &frame->hover) ? &frame->hover
                           : &frame->selection;
  BpDiagramCache *cache = scene->cache;
  g_autofree char *markup = NULL;
  const Box *b;
  double x, y, w, h, pad = cache->small_px * 0.7, off = 10.0 * cache->zoom;
  int lw, lh;

  if (!selection_valid (scene->net, sel))
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

  if (!selection_valid (frame->after, &sel))
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

/* ---------------------------------------------------------------------------------------
 * Keyboard navigation
 *
 * Predictable by design, like a debugger's variable tree:
 * - nothing selected: an arrow key selects x1; Tab is left alone, so focus moves on;
 * - a node: Up/Down move within its column, Left/Right to the neighbouring column (same
 *   row, or that column's last one if it is shorter); Tab selects its first outgoing
 *   connection (for an output, its first incoming one), Shift+Tab its last incoming one
 *   (for an input, its last outgoing one);
 * - a connection: Tab/Shift+Tab step through all connections in reading order (weight
 *   layer, then source neuron, then destination neuron); past the last (or before the
 *   first) the key is not used, so focus leaves the diagram as Tab does everywhere;
 *   Up/Down move its far end to the destination above or below; Left selects its source
 *   node, Right its destination node;
 * - Escape clears the selection. Ctrl+Tab always leaves the diagram (GTK's own binding).
 */

typedef enum {
  MOVE_NONE,
  MOVE_UP,
  MOVE_DOWN,
  MOVE_LEFT,
  MOVE_RIGHT,
  MOVE_NEXT,
  MOVE_PREVIOUS,
  MOVE_CLEAR,
} Move;

static Move
move_for_key (guint           keyval,
              GdkModifierType state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return MOVE_UP;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return MOVE_DOWN;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return MOVE_LEFT;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return MOVE_RIGHT;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      return shift ? MOVE_PREVIOUS : MOVE_NEXT;
    case GDK_KEY_ISO_Left_Tab:
      return MOVE_PREVIOUS;
    case GDK_KEY_Escape:
      return MOVE_CLEAR;
    default:
      return MOVE_NONE;
    }
}

/* Moves to the next or previous connection in reading order; FALSE at the ends. */
static gboolean
step_connection (const BpNet *net,
                 BpSelection *sel,
                 gboolean     forward)
{
  guint L = net->n_layers;

  if (forward)
    {
      if (sel->to + 1 < net->sizes[sel->layer + 1])
        sel->to++;
      else if (sel->from + 1 < net->sizes[sel->layer])
        sel->from++, sel->to = 0;
      else if (sel->layer + 1 < L)
        sel->layer++, sel->from = 0, sel->to = 0;
      else
        return FALSE;
      return TRUE;
    }
  if (sel->to > 0)
    sel->to--;
  else if (sel->from > 0)
    sel->from--, sel->to = net->sizes[sel->layer + 1] - 1;
  else if (sel->layer > 0)
    {
      sel->layer--;
      sel->from = net->sizes[sel->layer] - 1;
      sel->to = net->sizes[sel->layer + 1] - 1;
    }
  else
    return FALSE;
  return TRUE;
}

static void
move_from_node (const BpNet *net,
                BpSelection *sel,
                Move         move)
{
  guint c = sel->layer, i = sel->to, L = net->n_layers;

  switch (move)
    {
    case MOVE_UP:
      sel->to = i > 0 ? i - 1 : 0;
      break;
    case MOVE_DOWN:
      sel->to = MIN (i + 1, net->sizes[c] - 1);
      break;
    case MOVE_LEFT:
    case MOVE_RIGHT:
      c = move == MOVE_LEFT ? (c > 0 ? c - 1 : 0) : MIN (c + 1, L);
      *sel = (BpSelection) { BP_SELECTION_NODE, c, MIN (i, net->sizes[c] - 1), 0 };
      break;
    case MOVE_NEXT:
      if (c < L)
        *sel = (BpSelection) { BP_SELECTION_CONNECTION, c, 0, i };
      else
        *sel = (BpSelection) { BP_SELECTION_CONNECTION, L - 1, i, 0 };
      break;
    case MOVE_PREVIOUS:
      if (c > 0)
        *sel = (BpSelection) { BP_SELECTION_CONNECTION, c - 1, i, net->sizes[c - 1] - 1 };
      else
        *sel = (BpSelection) { BP_SELECTION_CONNECTION, 0, net->sizes[1] - 1, i };
      break;
    case MOVE_NONE:
    case MOVE_CLEAR:
    default:
      break;
    }
}

static gboolean
move_from_connection (const BpNet *net,
                      BpSelection *sel,
                      Move         move)
{
  switch (move)
    {
    case MOVE_UP:
      sel->to = sel->to > 0 ? sel->to - 1 : 0;
      break;
    case MOVE_DOWN:
      sel->to = MIN (sel->to + 1, net->sizes[sel->layer + 1] - 1);
      break;
    case MOVE_LEFT:
      *sel = (BpSelection) { BP_SELECTION_NODE, sel->layer, sel->from, 0 };
      break;
    case MOVE_RIGHT:
      *sel = (BpSelection) { BP_SELECTION_NODE, sel->layer + 1, sel->to, 0 };
      break;
    case MOVE_NEXT:
    case MOVE_PREVIOUS:
      return step_connection (net, sel, move == MOVE_NEXT);
    case MOVE_NONE:
    case MOVE_CLEAR:
    default:
      break;
    }
  return TRUE;
}

/**
 * bp_diagram_selection_move:
 * @net: the network shown
 * @selection: (inout): the selection to move
 * @keyval: the key pressed
 * @state: its modifiers
 *
 * Applies the diagram's keyboard navigation (see the comment above) to @selection.
 *
 * Returns: %TRUE if the key belongs to the navigation and was used
 */
gboolean
bp_diagram_selection_move (const BpNet     *net,
                           BpSelection     *selection,
                           guint            keyval,
                           GdkModifierType  state)
{
  Move move;

  g_return_val_if_fail (net != NULL && selection != NULL, FALSE);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return FALSE;
  move = move_for_key (keyval, state);
  if (move == MOVE_NONE)
    return FALSE;
  if (move == MOVE_CLEAR)
    {
      if (selection->kind == BP_SELECTION_NONE)
        return FALSE;
      *selection = (BpSelection) { BP_SELECTION_NONE, 0, 0, 0 };
      return TRUE;
    }
  if (selection->kind == BP_SELECTION_BIAS)
    *selection = (BpSelection) { BP_SELECTION_NODE, selection->layer + 1, selection->to, 0 };
  if (!selection_valid (net, selection) || selection->layer > net->n_layers)
    {
      if (move == MOVE_NEXT || move == MOVE_PREVIOUS)
        return FALSE;
      *selection = (BpSelection) { BP_SELECTION_NODE, 0, 0, 0 };
      return TRUE;
    }
  if (selection->kind == BP_SELECTION_NODE)
    {
      move_from_node (net, selection, move);
      return TRUE;
    }
  return move_from_connection (net, selection, move);
}

/* ---------------------------------------------------------------------------------------
 * The widget
 */

struct _BpDiagram
{
  GtkWidget parent_instance;

  BpNetwork *network;
  BpNet *before;            /* the shown net before the step being animated */
  BpNet *after;             /* the shown net: the model at its last "backward" */
  BpDiagramCache *cache;
  PangoFontDescription *font;
  const BpPalette *palette;
  BpPaletteChoice palette_choice;
  char *description;
  double zoom;
  double speed;
  double text_scale;
  BpSelection selection;
  BpSelection hover;

  gboolean animate_next;    /* the window asked to animate the coming step */
  gboolean saw_update;      /* "updated" came since the last "backward" */
  BpPhase phase;
  double progress;
  guint tick_id;
  gint64 start_time;        /* frame time of the animation's first frame, or -1 */

  gboolean dragging;
  gboolean drag_moved;
  BpSelection drag_item;
  double drag_start_value;
  double drag_low;
  double drag_high;
};

G_DEFINE_FINAL_TYPE (BpDiagram, bp_diagram, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_ZOOM,
  PROP_ANIMATION_SPEED,
  PROP_PALETTE_CHOICE,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
selection_equal (const BpSelection *a,
                 const BpSelection *b)
{
  if (a->kind != b->kind)
    return FALSE;
  return a->kind == BP_SELECTION_NONE
         || (a->layer == b->layer && a->to == b->to
             && (a->kind != BP_SELECTION_CONNECTION || a->from == b->from));
}

static void
fill_frame (BpDiagram      *self,
            BpDiagramFrame *frame)
{
  *frame = (BpDiagramFrame) {
    .before = self->phase != BP_PHASE_IDLE ? self->before : NULL,
    .after = self->after,
    .phase = self->phase,
    .progress = self->progress,
    .selection = self->selection,
    .hover = self->hover,
    .zoom = self->zoom,
    .text_scale = self->text_scale,
    .palette = self->palette,
    .focus_visible = gtk_widget_has_visible_focus (GTK_WIDGET (self)),
    .font = self->font,
    .cache = self->cache,
  };
}

static gboolean
hit_test (BpDiagram   *self,
          double       x,
          double       y,
          BpSelection *hit)
{
  BpDiagramFrame frame;

  fill_frame (self, &frame);
  return bp_diagram_frame_hit (gtk_widget_get_width (GTK_WIDGET (self)),
                               gtk_widget_get_height (GTK_WIDGET (self)), &frame, x, y, hit);
}

static void
append_selection_sentence (BpDiagram *self,
                           GString   *text)
{
  const BpNet *net = self->after;
  const BpSelection *sel = &self->selection;
  char from[16], to[16], v[BP_DIAGRAM_VALUE_SIZE], g[BP_DIAGRAM_VALUE_SIZE];

  if (!selection_valid (net, sel) || sel->layer > net->n_layers)
    return;
  g_string_append_c (text, ' ');
  if (sel->kind == BP_SELECTION_CONNECTION)
    {
      double grad = bp_net_weight_gradient (net, sel->layer, sel->to, sel->from);

      bp_diagram_node_label (net, sel->layer, sel->from, from, sizeof from);
      bp_diagram_node_label (net, sel->layer + 1, sel->to, to, sizeof to);
      bp_diagram_format_value (*bp_net_weight (net, sel->layer, sel->to, sel->from), v, sizeof v);
      bp_diagram_format_value (grad, g, sizeof g);
      if (isfinite (grad) && grad < 0.0)
        /* Translators: read by screen readers; the neurons' names (x1, h1), the weight's
         * value and its gradient dL/dw (notation: keep it) */
        g_string_append_printf (text, _("Selected weight from %s to %s: %s, gradient dL/dw %s; "
                                        "the step raises it."), from, to, v, g);
      else if (isfinite (grad) && grad > 0.0)
        /* Translators: as above, for a weight the next step lowers */
        g_string_append_printf (text, _("Selected weight from %s to %s: %s, gradient dL/dw %s; "
                                        "the step lowers it."), from, to, v, g);
      else
        /* Translators: as above, for a weight the next step leaves as it is */
        g_string_append_printf (text, _("Selected weight from %s to %s: %s, gradient dL/dw %s."),
                                from, to, v, g);
      return;
    }
  if (sel->kind == BP_SELECTION_BIAS)
    {
      bp_diagram_node_label (net, sel->layer + 1, sel->to, to, sizeof to);
      bp_diagram_format_value (net->biases[sel->layer][sel->to], v, sizeof v);
      bp_diagram_format_value (bp_net_bias_gradient (net, sel->layer, sel->to), g, sizeof g);
      /* Translators: read by screen readers; the neuron's name (h1), the bias, its gradient */
      g_string_append_printf (text, _("Selected bias of %s: %s, gradient %s."), to, v, g);
      return;
    }
  bp_diagram_node_label (net, sel->layer, sel->to, to, sizeof to);
  bp_diagram_format_value (net->a[sel->layer][sel->to], v, sizeof v);
  if (sel->layer == 0)
    {
      /* Translators: read by screen readers; the input's name (x1) and its value */
      g_string_append_printf (text, _("Selected input %s: %s."), to, v);
      return;
    }
  bp_diagram_format_value (net->delta[sel->layer][sel->to], g, sizeof g);
  /* Translators: read by screen readers; the neuron's name (h1), its activation a and its
   * gradient dL/dz (notation: keep it) */
  g_string_append_printf (text, _("Selected neuron %s: activation %s, dL/dz %s."), to, v, g);
}

static char *
build_description (BpDiagram *self)
{
  const BpNet *net = self->after;
  GString *text;
  char v[BP_DIAGRAM_VALUE_SIZE], t[BP_DIAGRAM_VALUE_SIZE], label[16];

  if (net == NULL)
    return g_strdup (_("No network"));
  text = g_string_new (NULL);
  bp_diagram_format_value (net->loss, v, sizeof v);
  /* Translators: read by screen readers: the loss's value */
  g_string_append_printf (text, _("Loss %s."), v);
  for (guint k = 0; k < net->sizes[net->n_layers]; k++)
    {
      bp_diagram_node_label (net, net->n_layers, k, label, sizeof label);
      bp_diagram_format_value (bp_net_output (net)[k], v, sizeof v);
      bp_diagram_format_value (net->target[k], t, sizeof t);
      g_string_append_c (text, ' ');
      /* Translators: read by screen readers: the output's name (y1), its value and the
       * target value */
      g_string_append_printf (text, _("Output %s is %s, target %s."), label, v, t);
    }
  append_selection_sentence (self, text);
  return g_string_free (text, FALSE);
}

static void
update_description (BpDiagram *self)
{
  g_autofree char *text = build_description (self);

  if (g_strcmp0 (text, self->description) == 0)
    return;
  g_free (self->description);
  self->description = g_steal_pointer (&text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description, -1);
}

/* Where the animation stands @t seconds (at speed 1) after it began; FALSE once over. */
static gboolean
advance (BpDiagram *self,
         double     t)
{
  for (BpPhase phase = BP_PHASE_UPDATE; phase <= BP_PHASE_BACKWARD; phase++)
    {
      if (t < phase_seconds[phase])
        {
          self->phase = phase;
          self->progress = t / phase_seconds[phase];
          return TRUE;
        }
      t -= phase_seconds[phase];
    }
  return FALSE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  BpDiagram *self = BP_DIAGRAM (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  (void) user_data;
  if (self->start_time < 0)
    self->start_time = now;
  if (!advance (self, (now - self->start_time) / (double) G_USEC_PER_SEC * self->speed))
    {
      self->tick_id = 0;
      self->phase = BP_PHASE_IDLE;
      self->progress = 0.0;
    }
  gtk_widget_queue_draw (widget);
  return self->tick_id != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
start_animation (BpDiagram *self)
{
  self->phase = BP_PHASE_UPDATE;
  self->progress = 0.0;
  self->start_time = -1;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

/* Keeps the two copies in the model's shape; a new shape starts from fresh copies. */
static void
ensure_copies (BpDiagram   *self,
               const BpNet *net)
{
  if (self->after != NULL && bp_net_same_shape (self->after, net))
    return;
  g_clear_pointer (&self->before, bp_net_free);
  g_clear_pointer (&self->after, bp_net_free);
  self->before = bp_net_copy (net);
  self->after = bp_net_copy (net);
}

static void
drop_invalid_selection (BpDiagram *self)
{
  if (self->selection.kind == BP_SELECTION_NONE || selection_valid (self->after, &self->selection))
    return;
  self->selection = (BpSelection) { BP_SELECTION_NONE, 0, 0, 0 };
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
network_structure_changed_cb (BpDiagram *self)
{
  bp_diagram_finish_animation (self);
  self->animate_next = FALSE;
  self->hover = (BpSelection) { BP_SELECTION_NONE, 0, 0, 0 };
  ensure_copies (self, bp_network_get_net (self->network));
  drop_invalid_selection (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
network_updated_cb (BpDiagram *self)
{
  self->saw_update = TRUE;
}

/* Whether the system allows travelling animation: libadwaita's switch (which follows
 * gtk-enable-animations) and, where GTK has it, the reduced-motion preference. */
static gboolean
motion_allowed (BpDiagram *self)
{
  if (!adw_get_enable_animations (GTK_WIDGET (self)))
    return FALSE;
#if GTK_CHECK_VERSION (4, 22, 0)
  {
    GtkReducedMotion reduced = GTK_REDUCED_MOTION_NO_PREFERENCE;

    g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                  "gtk-interface-reduced-motion", &reduced, NULL);
    if (reduced == GTK_REDUCED_MOTION_REDUCE)
      return FALSE;
  }
#endif
  return TRUE;
}

/* Every change ends with "backward": the moment the new state is complete. */
static void
network_backward_cb (BpDiagram *self)
{
  const BpNet *net = bp_network_get_net (self->network);
  gboolean animate = self->animate_next && self->saw_update && motion_allowed (self);

  self->animate_next = self->saw_update = FALSE;
  bp_diagram_finish_animation (self);
  ensure_copies (self, net);
  drop_invalid_selection (self);
  if (animate)
    bp_net_copy_values (self->before, self->after);
  bp_net_copy_values (self->after, net);
  if (animate)
    start_animation (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
style_changed_cb (BpDiagram *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->palette = bp_palette_resolve (self->palette_choice,
                                      adw_style_manager_get_dark (manager),
                                      adw_style_manager_get_high_contrast (manager));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The large-text setting reaches us as the font resolution; 96 dpi is a factor of 1. */
static void
settings_changed_cb (BpDiagram *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  g_autofree char *font_name = NULL;
  int dpi = -1;

  g_object_get (settings, "gtk-xft-dpi", &dpi, "gtk-font-name", &font_name, NULL);
  self->text_scale = dpi > 0 ? CLAMP (dpi / (96.0 * 1024.0), 0.5, 3.0) : 1.0;
  g_clear_pointer (&self->font, pango_font_description_free);
  if (font_name != NULL)
    self->font = pango_font_description_from_string (font_name);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           BpDiagram                *self)
{
  BpSelection hit;
  const char *cursor = NULL;

  (void) controller;
  if (self->after == NULL)
    return;
  hit_test (self, x, y, &hit);
  if (self->dragging)
    hit = self->drag_item;
  if (hit.kind == BP_SELECTION_NODE
      && (hit.layer == 0 || hit.layer == self->after->n_layers + 1))
    cursor = "ns-resize";
  else if (hit.kind != BP_SELECTION_NONE)
    cursor = "pointer";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
  if (selection_equal (&hit, &self->hover))
    return;
  self->hover = hit;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          BpDiagram                *self)
{
  (void) controller;
  if (self->hover.kind == BP_SELECTION_NONE || self->dragging)
    return;
  self->hover = (BpSelection) { BP_SELECTION_NONE, 0, 0, 0 };
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  BpDiagram       *self)
{
  (void) gesture, (void) n_press, (void) x, (void) y;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   BpDiagram       *self)
{
  BpSelection hit;

  (void) gesture, (void) n_press;
  if (self->after == NULL)
    return;
  hit_test (self, x, y, &hit);
  /* The target and the loss box have numbers to hover over but nothing to select. */
  if (hit.kind == BP_SELECTION_NODE && hit.layer > self->after->n_layers)
    return;
  bp_diagram_set_selection (self, &hit);
}

/* What dragging can set: inputs −2 … 2, a target within the output activation's range. */
static gboolean
drag_range (BpDiagram         *self,
            const BpSelection *item,
            double            *value,
            double            *low,
            double            *high)
{
  const BpNet *net = self->after;

  if (item->kind != BP_SELECTION_NODE)
    return FALSE;
  *low = -2.0;
  *high = 2.0;
  if (item->layer == 0)
    {
      *value = net->a[0][item->to];
      return TRUE;
    }
  if (item->layer != net->n_layers + 1)
    return FALSE;
  *value = net->target[item->to];
  if (net->activations[net->n_layers - 1] == BP_ACTIVATION_SIGMOID)
    *low = 0.0, *high = 1.0;
  else if (net->activations[net->n_layers - 1] == BP_ACTIVATION_TANH)
    *low = -1.0, *high = 1.0;
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               BpDiagram      *self)
{
  BpSelection hit;

  if (self->after == NULL || !hit_test (self, x, y, &hit)
      || !drag_range (self, &hit, &self->drag_start_value, &self->drag_low, &self->drag_high))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->dragging = TRUE;
  self->drag_moved = FALSE;
  self->drag_item = hit;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                BpDiagram      *self)
{
  double span, value;

  (void) dx;
  if (!self->dragging || self->network == NULL)
    return;
  if (!self->drag_moved && fabs (dy) < 3.0)
    return;
  if (!self->drag_moved)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_moved = TRUE;
  span = self->drag_high - self->drag_low;
  value = self->drag_start_value - dy * span / (DRAG_FULL_RANGE_PX * self->zoom);
  /* Hundredths: the numbers a student reads and types stay short. */
  value = CLAMP (round (value * 100.0) / 100.0, self->drag_low, self->drag_high);
  if (self->drag_item.layer == 0)
    bp_network_set_input (self->network, self->drag_item.to, value);
  else
    bp_network_set_target (self->network, self->drag_item.to, value, NULL);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             BpDiagram      *self)
{
  (void) gesture, (void) dx, (void) dy;
  self->dragging = FALSE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BpDiagram             *self)
{
  BpSelection selection = self->selection;

  (void) controller, (void) keycode;
  if (self->after == NULL || !bp_diagram_selection_move (self->after, &selection, keyval, state))
    return FALSE;
  bp_diagram_set_selection (self, &selection);
  return TRUE;
}

static void
disconnect_network (BpDiagram *self)
{
  if (self->network == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->network, self);
  g_clear_object (&self->network);
}

static void
bp_diagram_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  BpDiagram *self = BP_DIAGRAM (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  BpDiagramFrame frame;
  cairo_t *cr;

  fill_frame (self, &frame);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  bp_diagram_draw_frame (cr, width, height, &frame);
  cairo_destroy (cr);
}

/* Room for legible text at the current zoom; the window scrolls what does not fit. */
static void
bp_diagram_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  BpDiagram *self = BP_DIAGRAM (widget);
  double z = self->zoom * self->text_scale;
  guint n_columns = 4, max_n = 3;

  (void) for_size;
  if (self->after != NULL)
    {
      n_columns = self->after->n_layers + 3;
      max_n = 1;
      for (guint c = 0; c <= self->after->n_layers; c++)
        max_n = MAX (max_n, self->after->sizes[c]);
    }
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (320 * self->zoom);
      *natural = (int) MAX (*minimum, n_columns * 140 * z);
    }
  else
    {
      *minimum = (int) (220 * self->zoom);
      *natural = (int) MAX (*minimum, max_n * 56 * z + 110 * z);
    }
  *minimum_baseline = *natural_baseline = -1;
}

static void
bp_diagram_state_flags_changed (GtkWidget     *widget,
                                GtkStateFlags  previous)
{
  GTK_WIDGET_CLASS (bp_diagram_parent_class)->state_flags_changed (widget, previous);
  /* The focus ring follows focus-visible. */
  gtk_widget_queue_draw (widget);
}

static void
bp_diagram_dispose (GObject *object)
{
  BpDiagram *self = BP_DIAGRAM (object);

  bp_diagram_finish_animation (self);
  disconnect_network (self);
  G_OBJECT_CLASS (bp_diagram_parent_class)->dispose (object);
}

static void
bp_diagram_finalize (GObject *object)
{
  BpDiagram *self = BP_DIAGRAM (object);

  g_clear_pointer (&self->before, bp_net_free);
  g_clear_pointer (&self->after, bp_net_free);
  g_clear_pointer (&self->cache, bp_diagram_cache_free);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_free (self->description);
  G_OBJECT_CLASS (bp_diagram_parent_class)->finalize (object);
}

static void
bp_diagram_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BpDiagram *self = BP_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_ANIMATION_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_PALETTE_CHOICE:
      g_value_set_enum (value, self->palette_choice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_diagram_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BpDiagram *self = BP_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      bp_diagram_set_network (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      bp_diagram_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_ANIMATION_SPEED:
      bp_diagram_set_animation_speed (self, g_value_get_double (value));
      break;
    case PROP_PALETTE_CHOICE:
      bp_diagram_set_palette_choice (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_diagram_class_init (BpDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_diagram_dispose;
  object_class->finalize = bp_diagram_finalize;
  object_class->get_property = bp_diagram_get_property;
  object_class->set_property = bp_diagram_set_property;
  widget_class->snapshot = bp_diagram_snapshot;
  widget_class->measure = bp_diagram_measure;
  widget_class->state_flags_changed = bp_diagram_state_flags_changed;

  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, BP_TYPE_NETWORK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.5, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANIMATION_SPEED] =
    g_param_spec_double ("animation-speed", NULL, NULL, 0.25, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PALETTE_CHOICE] =
    g_param_spec_enum ("palette-choice", NULL, NULL, BP_TYPE_PALETTE_CHOICE,
                       BP_PALETTE_CHOICE_AUTOMATIC,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpDiagram::selection-changed:
   *
   * Emitted after the selected node or connection changed, by a click, a key or
   * bp_diagram_set_selection (), or because a new shape no longer has it.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "bp-diagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
add_controllers (BpDiagram *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, motion);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (widget, key);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));
}

static void
bp_diagram_init (BpDiagram *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));

  self->zoom = 1.0;
  self->speed = 1.0;
  self->text_scale = 1.0;
  self->phase = BP_PHASE_IDLE;
  self->start_time = -1;
  self->cache = bp_diagram_cache_new ();
  self->palette = bp_palette_get (BP_PALETTE_LIGHT);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  add_controllers (self);

  if (adw_is_initialized ())
    {
      AdwStyleManager *manager = adw_style_manager_get_default ();

      g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed_cb),
                               self, G_CONNECT_SWAPPED);
      style_changed_cb (self);
    }
  if (settings != NULL)
    {
      g_signal_connect_object (settings, "notify::gtk-xft-dpi", G_CALLBACK (settings_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "notify::gtk-font-name", G_CALLBACK (settings_changed_cb),
                               self, G_CONNECT_SWAPPED);
      settings_changed_cb (self);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Network diagram"), -1);
  update_description (self);
}

/**
 * bp_diagram_new:
 *
 * Returns: (transfer floating): a new diagram without a network
 */
GtkWidget *
bp_diagram_new (void)
{
  return g_object_new (BP_TYPE_DIAGRAM, NULL);
}

BpNetwork *
bp_diagram_get_network (BpDiagram *self)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), NULL);

  return self->network;
}

/**
 * bp_diagram_set_network:
 * @self: a diagram
 * @network: (nullable): the model to show
 *
 * Shows @network and follows its signals from now on.
 */
void
bp_diagram_set_network (BpDiagram *self,
                        BpNetwork *network)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));
  g_return_if_fail (network == NULL || BP_IS_NETWORK (network));

  if (self->network == network)
    return;
  bp_diagram_finish_animation (self);
  disconnect_network (self);
  self->animate_next = self->saw_update = FALSE;
  self->hover = (BpSelection) { BP_SELECTION_NONE, 0, 0, 0 };
  if (network != NULL)
    {
      self->network = g_object_ref (network);
      g_signal_connect_object (network, "structure-changed",
                               G_CALLBACK (network_structure_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (network, "updated", G_CALLBACK (network_updated_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (network, "backward", G_CALLBACK (network_backward_cb), self,
                               G_CONNECT_SWAPPED);
      network_structure_changed_cb (self);
      network_backward_cb (self);
    }
  else
    {
      g_clear_pointer (&self->before, bp_net_free);
      g_clear_pointer (&self->after, bp_net_free);
      update_description (self);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

double
bp_diagram_get_zoom (BpDiagram *self)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), 1.0);

  return self->zoom;
}

/**
 * bp_diagram_set_zoom:
 * @self: a diagram
 * @zoom: 0.5 … 4; scales nodes, lines and text
 */
void
bp_diagram_set_zoom (BpDiagram *self,
                     double     zoom)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));

  zoom = CLAMP (zoom, 0.5, 4.0);
  if (self->zoom == zoom)
    return;
  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
bp_diagram_get_animation_speed (BpDiagram *self)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), 1.0);

  return self->speed;
}

/**
 * bp_diagram_set_palette_choice:
 * @self: a diagram
 * @choice: automatic, colour-blind safe or high contrast, as in the "palette" setting
 */
void
bp_diagram_set_palette_choice (BpDiagram       *self,
                               BpPaletteChoice  choice)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));

  if (self->palette_choice == choice)
    return;
  self->palette_choice = choice;
  style_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE_CHOICE]);
}

/**
 * bp_diagram_set_animation_speed:
 * @self: a diagram
 * @speed: 0.25 … 4; 1 plays a step in about 1.2 s
 */
void
bp_diagram_set_animation_speed (BpDiagram *self,
                                double     speed)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));

  speed = CLAMP (speed, 0.25, 4.0);
  if (self->speed == speed)
    return;
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANIMATION_SPEED]);
}

void
bp_diagram_get_selection (BpDiagram   *self,
                          BpSelection *selection)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));
  g_return_if_fail (selection != NULL);

  *selection = self->selection;
}

/**
 * bp_diagram_set_selection:
 * @self: a diagram
 * @selection: (nullable): a node, connection or bias of the shown network; %NULL or one
 *   that does not exist selects nothing
 *
 * Selects and highlights an item, and emits "selection-changed" if it changed.
 */
void
bp_diagram_set_selection (BpDiagram         *self,
                          const BpSelection *selection)
{
  BpSelection wanted = { BP_SELECTION_NONE, 0, 0, 0 };

  g_return_if_fail (BP_IS_DIAGRAM (self));

  if (selection != NULL && self->after != NULL && selection_valid (self->after, selection)
      && selection->layer <= self->after->n_layers)
    wanted = *selection;
  if (wanted.kind != BP_SELECTION_CONNECTION)
    wanted.from = 0;
  if (wanted.kind == BP_SELECTION_NONE)
    wanted.layer = wanted.to = 0;
  if (selection_equal (&wanted, &self->selection))
    return;
  self->selection = wanted;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/**
 * bp_diagram_animate_next_step:
 * @self: a diagram
 *
 * Asks the diagram to animate the next step of its network (update, forward pulse,
 * gradient wave) instead of showing its result at once. Call it just before
 * bp_network_step (). Without animations (reduced motion) it does nothing.
 */
void
bp_diagram_animate_next_step (BpDiagram *self)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));

  self->animate_next = TRUE;
  self->saw_update = FALSE;
}

/**
 * bp_diagram_finish_animation:
 * @self: a diagram
 *
 * Jumps to the end of a running animation.
 */
void
bp_diagram_finish_animation (BpDiagram *self)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  if (self->phase == BP_PHASE_IDLE)
    return;
  self->phase = BP_PHASE_IDLE;
  self->progress = 0.0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
bp_diagram_is_animating (BpDiagram *self)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), FALSE);

  return self->phase != BP_PHASE_IDLE;
}

/**
 * bp_diagram_get_phase:
 * @self: a diagram
 * @progress: (out) (optional): where the phase stands, 0 … 1
 *
 * Returns: the phase of the running animation, or %BP_PHASE_IDLE
 */
BpPhase
bp_diagram_get_phase (BpDiagram *self,
                      double    *progress)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), BP_PHASE_IDLE);

  if (progress != NULL)
    *progress = self->progress;
  return self->phase;
}

/**
 * bp_diagram_dup_description:
 * @self: a diagram
 *
 * Returns: (transfer full): the accessible description: loss, outputs and targets, and
 *   the selected item with its numbers
 */
char *
bp_diagram_dup_description (BpDiagram *self)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), NULL);

  return g_strdup (self->description);
}
