/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-heatmap.c: every neuron's activation over a grid of the input plane, from one batched
 * forward pass in fast mode (pictures do not need the engine's last bit), coloured through a
 * lookup table of the palette's diverging scale. The pass's buffers, the grid's features and
 * the surfaces are allocated once and kept while the grid and the network's shape stay, so
 * that redrawing at the display's rate while training allocates nothing.
 */
#define G_LOG_DOMAIN "bp-heatmap"

#include "config.h"

#include "bp-heatmap.h"

#include "bp-forward-batch.h"

#include <math.h>
#include <string.h>

/* An odd number of entries, so that the middle of the scale has an entry of its own. */
#define LUT_SIZE 257
#define LUT_MIDDLE (LUT_SIZE / 2)
/* The maps reach this share of the way from heat_middle to the ends, so that the points,
 * drawn in the full colours, stand out on the region of their own class. */
#define MAP_STRENGTH 0.7

struct _BpHeatmap {
  guint grid;
  gboolean discretize;
  guint generation;          /* bumped whenever the surfaces and values are replaced */
  gboolean ready;            /* an update has filled the values since the last allocation */

  /* The shape of the buffers and the network of the last update. */
  guint n_layers;
  guint sizes[BP_MAX_LAYERS + 1];
  BpActivation activations[BP_MAX_LAYERS];
  BpFeatureSet features;

  BpForwardBatch *batch;
  cairo_surface_t **maps;    /* every neuron's, layer by layer */
  guint first[BP_MAX_LAYERS + 2];  /* maps[first[l] + j] is neuron j of layer l */
  cairo_surface_t *output;   /* the output's map, discretised if asked */

  /* The features of the grid's points, point by point, for inputs_features. */
  double *inputs;
  guint inputs_grid;
  BpFeatureSet inputs_features;

  guint32 lut[LUT_SIZE];
  BpColor lut_ends[3];       /* the palette colours the table was made of */
  gboolean lut_valid;
};

static guint32
pack_pixel (const BpColor *color)
{
  guint r = (guint) lround (CLAMP (color->red, 0.0, 1.0) * 255.0);
  guint g = (guint) lround (CLAMP (color->green, 0.0, 1.0) * 255.0);
  guint b = (guint) lround (CLAMP (color->blue, 0.0, 1.0) * 255.0);

  return 0xff000000u | r << 16 | g << 8 | b;
}

static void
ensure_lut (BpHeatmap       *self,
            const BpPalette *palette)
{
  BpColor ends[3] = { palette->heat_low, palette->heat_middle, palette->heat_high };

  if (self->lut_valid && memcmp (ends, self->lut_ends, sizeof ends) == 0)
    return;
  for (guint i = 0; i < LUT_SIZE; i++)
    {
      BpColor c = bp_heat_map_color (palette, (double) i / (LUT_SIZE - 1));

      self->lut[i] = pack_pixel (&c);
    }
  memcpy (self->lut_ends, ends, sizeof ends);
  self->lut_valid = TRUE;
}

static void
free_buffers (BpHeatmap *self)
{
  guint n_maps = self->first[self->n_layers + 1];

  for (guint m = 0; self->maps != NULL && m < n_maps; m++)
    cairo_surface_destroy (self->maps[m]);
  g_clear_pointer (&self->maps, g_free);
  g_clear_pointer (&self->output, cairo_surface_destroy);
  g_clear_pointer (&self->batch, bp_forward_batch_free);
  self->ready = FALSE;
}

static gboolean
buffers_fit (const BpHeatmap *self,
             const BpNet     *net)
{
  guint n_points = self->grid * self->grid;

  return self->batch != NULL && self->batch->capacity == n_points &&
         bp_forward_batch_fits (self->batch, net, n_points);
}

static cairo_surface_t *
new_map (guint grid)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, grid, grid);

  g_assert (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS);
  return surface;
}

/* The pass's buffers and a surface for every neuron and for the output, for @net's shape. */
static void
ensure_buffers (BpHeatmap   *self,
                const BpNet *net)
{
  if (buffers_fit (self, net))
    return;
  free_buffers (self);
  self->n_layers = net->n_layers;
  memcpy (self->sizes, net->sizes, sizeof self->sizes);
  self->first[0] = 0;
  for (guint l = 0; l <= net->n_layers; l++)
    self->first[l + 1] = self->first[l] + net->sizes[l];
  self->batch = bp_forward_batch_new (net, self->grid * self->grid);
  self->maps = g_new (cairo_surface_t *, self->first[net->n_layers + 1]);
  for (guint m = 0; m < self->first[net->n_layers + 1]; m++)
    self->maps[m] = new_map (self->grid);
  self->output = new_map (self->grid);
  self->generation++;
}

static void
ensure_inputs (BpHeatmap    *self,
               BpFeatureSet  features)
{
  guint n_features = bp_feature_set_count (features);
  guint grid = self->grid;

  if (self->inputs != NULL && self->inputs_grid == grid && self->inputs_features == features)
    return;
  g_free (self->inputs);
  self->inputs = g_new (double, (gsize) grid * grid * n_features);
  for (guint r = 0; r < grid; r++)
    for (guint c = 0; c < grid; c++)
      {
        double x1, x2;

        bp_heatmap_cell_center (grid, c, r, &x1, &x2);
        bp_feature_set_fill (features, x1, x2,
                             self->inputs + ((gsize) r * grid + c) * n_features);
      }
  self->inputs_grid = grid;
  self->inputs_features = features;
}

/* The feature that input neuron @neuron is, in the features' fixed order. */
static BpFeature
input_feature (BpFeatureSet features,
               guint        neuron)
{
  for (BpFeature f = 0; f < BP_N_FEATURES; f++)
    if ((features & BP_FEATURE_BIT (f)) && neuron-- == 0)
      return f;
  g_return_val_if_reached (BP_FEATURE_X1);
}

/* Writes @values into @surface through the table: the continuous scale, or the end on the
 * value's side of the middle when @discrete. NaN takes the middle. */
static void
color_map (const BpHeatmap *self,
           const double    *values,
           BpHeatScale      scale,
           gboolean         discrete,
           cairo_surface_t *surface)
{
  double below = LUT_MIDDLE / (scale.middle - scale.low);
  double above = LUT_MIDDLE / (scale.high - scale.middle);
  guint grid = self->grid;
  unsigned char *data;
  int stride;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint r = 0; r < grid; r++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) r * stride);
      const double *v = values + (gsize) r * grid;

      for (guint c = 0; c < grid; c++)
        {
          double x;

          if (G_UNLIKELY (isnan (v[c])))
            x = LUT_MIDDLE;
          else if (discrete)
            x = v[c] >= scale.middle ? LUT_SIZE - 1 : 0;
          else
            x = v[c] < scale.middle ? (v[c] - scale.low) * below
                                    : LUT_MIDDLE + (v[c] - scale.middle) * above;
          x = x > 0.0 ? x : 0.0;
          x = x < LUT_SIZE - 1 ? x : LUT_SIZE - 1;
          row[c] = self->lut[(guint) (x + 0.5)];
        }
    }
  cairo_surface_mark_dirty (surface);
}

/* Public API */

/**
 * bp_heatmap_new:
 * @grid: cells along each axis, 2 to BP_HEATMAP_MAX_GRID (BP_HEATMAP_DEFAULT_GRID)
 *
 * Returns: (transfer full): a heatmap with no maps until bp_heatmap_update()
 */
BpHeatmap *
bp_heatmap_new (guint grid)
{
  BpHeatmap *self;

  g_return_val_if_fail (grid >= 2 && grid <= BP_HEATMAP_MAX_GRID, NULL);

  self = g_new0 (BpHeatmap, 1);
  self->grid = grid;
  return self;
}

void
bp_heatmap_free (BpHeatmap *heatmap)
{
  if (heatmap == NULL)
    return;
  free_buffers (heatmap);
  g_free (heatmap->inputs);
  g_free (heatmap);
}

/**
 * bp_heatmap_set_grid:
 * @heatmap: a heatmap
 * @grid: cells along each axis, 2 to BP_HEATMAP_MAX_GRID
 *
 * A new grid drops the maps (and the surfaces a caller holds no reference to) until the
 * next update.
 */
void
bp_heatmap_set_grid (BpHeatmap *heatmap,
                     guint      grid)
{
  g_return_if_fail (heatmap != NULL);
  g_return_if_fail (grid >= 2 && grid <= BP_HEATMAP_MAX_GRID);

  if (heatmap->grid == grid)
    return;
  free_buffers (heatmap);
  heatmap->grid = grid;
}

guint
bp_heatmap_get_grid (const BpHeatmap *heatmap)
{
  g_return_val_if_fail (heatmap != NULL, 0);
  return heatmap->grid;
}

/**
 * bp_heatmap_set_discretize:
 * @heatmap: a heatmap
 * @discretize: whether the output's map shows only which side of the scale's middle each
 *   cell is on (the class of a sigmoid output, split at 0.5; the sign of another)
 *
 * Takes effect at the next bp_heatmap_update() or bp_heatmap_recolor(). The neurons' maps
 * stay continuous.
 */
void
bp_heatmap_set_discretize (BpHeatmap *heatmap,
                           gboolean   discretize)
{
  g_return_if_fail (heatmap != NULL);
  heatmap->discretize = !!discretize;
}

gboolean
bp_heatmap_get_discretize (const BpHeatmap *heatmap)
{
  g_return_val_if_fail (heatmap != NULL, FALSE);
  return heatmap->discretize;
}

/**
 * bp_heatmap_update:
 * @heatmap: a heatmap
 * @net: a network whose input layer takes @features
 * @features: the features its inputs are, in their fixed order
 * @palette: the colours
 *
 * Runs @net over the grid in one batched pass and colours every map. Allocates only when
 * the grid or the network's shape differs from the last update's (see
 * bp_heatmap_get_generation()).
 */
void
bp_heatmap_update (BpHeatmap       *heatmap,
                   const BpNet     *net,
                   BpFeatureSet     features,
                   const BpPalette *palette)
{
  g_return_if_fail (heatmap != NULL && net != NULL && palette != NULL);
  g_return_if_fail (features != 0 && (features & ~BP_FEATURES_ALL) == 0);
  g_return_if_fail (bp_feature_set_count (features) == net->sizes[0]);

  ensure_buffers (heatmap, net);
  ensure_inputs (heatmap, features);
  bp_net_forward_batch (net, heatmap->inputs, heatmap->grid * heatmap->grid, BP_FORWARD_FAST,
                        heatmap->batch);
  memcpy (heatmap->activations, net->activations, sizeof heatmap->activations);
  heatmap->features = features;
  heatmap->ready = TRUE;
  bp_heatmap_recolor (heatmap, palette);
}

/**
 * bp_heatmap_recolor:
 * @heatmap: a heatmap after an update
 * @palette: the colours
 *
 * Colours the maps of the last update again, without a pass: for a new palette or a change
 * of bp_heatmap_set_discretize().
 */
void
bp_heatmap_recolor (BpHeatmap       *heatmap,
                    const BpPalette *palette)
{
  guint L;

  g_return_if_fail (heatmap != NULL && palette != NULL);
  g_return_if_fail (heatmap->ready);

  L = heatmap->n_layers;
  ensure_lut (heatmap, palette);
  for (guint l = 0; l <= L; l++)
    for (guint j = 0; j < heatmap->sizes[l]; j++)
      color_map (heatmap, bp_heatmap_get_values (heatmap, l, j),
                 bp_heatmap_get_scale (heatmap, l, j), FALSE,
                 heatmap->maps[heatmap->first[l] + j]);
  color_map (heatmap, bp_heatmap_get_values (heatmap, L, 0),
             bp_heatmap_get_output_scale (heatmap), heatmap->discretize, heatmap->output);
}

/**
 * bp_heatmap_is_ready:
 * @heatmap: a heatmap
 *
 * Returns: whether an update has filled the maps since the grid or the shape last changed
 */
gboolean
bp_heatmap_is_ready (const BpHeatmap *heatmap)
{
  g_return_val_if_fail (heatmap != NULL, FALSE);
  return heatmap->ready;
}

/**
 * bp_heatmap_get_generation:
 * @heatmap: a heatmap
 *
 * Counts the allocations of the maps: it changes exactly when the surfaces and value arrays
 * handed out before are replaced (a new grid or network shape), so a view that keeps them
 * knows to fetch them again.
 *
 * Returns: the generation
 */
guint
bp_heatmap_get_generation (const BpHeatmap *heatmap)
{
  g_return_val_if_fail (heatmap != NULL, 0);
  return heatmap->generation;
}

guint
bp_heatmap_get_n_layers (const BpHeatmap *heatmap)
{
  g_return_val_if_fail (heatmap != NULL && heatmap->ready, 0);
  return heatmap->n_layers;
}

guint
bp_heatmap_get_layer_size (const BpHeatmap *heatmap,
                           guint            layer)
{
  g_return_val_if_fail (heatmap != NULL && heatmap->ready, 0);
  g_return_val_if_fail (layer <= heatmap->n_layers, 0);
  return heatmap->sizes[layer];
}

/**
 * bp_heatmap_get_output:
 * @heatmap: a heatmap after an update
 *
 * The first output neuron's map on its scale, discretised if asked: the decision boundary of
 * a classifier, the surface of a regression.
 *
 * Returns: (transfer none): a grid × grid ARGB32 surface, row 0 at the top (x2 = 6)
 */
cairo_surface_t *
bp_heatmap_get_output (const BpHeatmap *heatmap)
{
  g_return_val_if_fail (heatmap != NULL && heatmap->ready, NULL);
  return heatmap->output;
}

/**
 * bp_heatmap_get_output_scale:
 * @heatmap: a heatmap after an update
 *
 * Returns: the output's scale: 0, 0.5, 1 for a sigmoid output, −1, 0, 1 otherwise
 */
BpHeatScale
bp_heatmap_get_output_scale (const BpHeatmap *heatmap)
{
  BpHeatScale none = { -1.0, 0.0, 1.0 };

  g_return_val_if_fail (heatmap != NULL && heatmap->ready, none);
  return bp_heat_scale_of_activation (heatmap->activations[heatmap->n_layers - 1]);
}

/**
 * bp_heatmap_get_neuron:
 * @heatmap: a heatmap after an update
 * @layer: a layer, 0 (the inputs) to L (the outputs)
 * @neuron: a neuron of it
 *
 * Returns: (transfer none): the neuron's map on its continuous scale, grid × grid ARGB32
 */
cairo_surface_t *
bp_heatmap_get_neuron (const BpHeatmap *heatmap,
                       guint            layer,
                       guint            neuron)
{
  g_return_val_if_fail (heatmap != NULL && heatmap->ready, NULL);
  g_return_val_if_fail (layer <= heatmap->n_layers && neuron < heatmap->sizes[layer], NULL);
  return heatmap->maps[heatmap->first[layer] + neuron];
}

/**
 * bp_heatmap_get_scale:
 * @heatmap: a heatmap after an update
 * @layer: a layer, 0 to L
 * @neuron: a neuron of it
 *
 * Returns: the scale of the neuron's map: its activation's range (−1 … 1 but for a sigmoid's
 *   0 … 1), or its feature's for an input
 */
BpHeatScale
bp_heatmap_get_scale (const BpHeatmap *heatmap,
                      guint            layer,
                      guint            neuron)
{
  BpHeatScale none = { -1.0, 0.0, 1.0 };

  g_return_val_if_fail (heatmap != NULL && heatmap->ready, none);
  g_return_val_if_fail (layer <= heatmap->n_layers && neuron < heatmap->sizes[layer], none);

  if (layer == 0)
    return bp_heat_scale_of_feature (input_feature (heatmap->features, neuron));
  return bp_heat_scale_of_activation (heatmap->activations[layer - 1]);
}

/**
 * bp_heatmap_get_values:
 * @heatmap: a heatmap after an update
 * @layer: a layer, 0 to L
 * @neuron: a neuron of it
 *
 * Returns: (transfer none): the neuron's activation in every cell, grid × grid values row by
 *   row (value [r × grid + c] is cell (c, r)), valid until the next update
 */
const double *
bp_heatmap_get_values (const BpHeatmap *heatmap,
                       guint            layer,
                       guint            neuron)
{
  g_return_val_if_fail (heatmap != NULL && heatmap->ready, NULL);
  g_return_val_if_fail (layer <= heatmap->n_layers && neuron < heatmap->sizes[layer], NULL);
  return bp_forward_batch_values (heatmap->batch, layer, neuron);
}

/**
 * bp_heatmap_cell_center:
 * @grid: cells along each axis
 * @column: a column, 0 at the left (x1 = −6)
 * @row: a row, 0 at the top (x2 = 6)
 * @x1: (out): the cell's centre
 * @x2: (out): the cell's centre
 */
void
bp_heatmap_cell_center (guint   grid,
                        guint   column,
                        guint   row,
                        double *x1,
                        double *x2)
{
  double side = 2.0 * BP_DATASET_RANGE;

  *x1 = -BP_DATASET_RANGE + side * (column + 0.5) / grid;
  *x2 = BP_DATASET_RANGE - side * (row + 0.5) / grid;
}

/**
 * bp_heatmap_cell_at:
 * @grid: cells along each axis
 * @x1: a point of the plane
 * @x2: a point of the plane
 * @column: (out): the column of the cell that holds it
 * @row: (out): its row
 *
 * Returns: whether the point lies on the plane −6 … 6 × −6 … 6 (its edges included)
 */
gboolean
bp_heatmap_cell_at (guint   grid,
                    double  x1,
                    double  x2,
                    guint  *column,
                    guint  *row)
{
  double side = 2.0 * BP_DATASET_RANGE;
  double c = floor ((x1 + BP_DATASET_RANGE) / side * grid);
  double r = floor ((BP_DATASET_RANGE - x2) / side * grid);

  if (!(c >= 0 && c <= grid && r >= 0 && r <= grid))
    return FALSE;
  *column = MIN ((guint) c, grid - 1);
  *row = MIN ((guint) r, grid - 1);
  return TRUE;
}

/**
 * bp_heat_scale_of_activation:
 * @activation: a layer's activation
 *
 * Returns: 0, 0.5, 1 for a sigmoid; −1, 0, 1 for the others (tanh's range; the unbounded
 *   ones are shown over the same range and saturate beyond it)
 */
BpHeatScale
bp_heat_scale_of_activation (BpActivation activation)
{
  if (activation == BP_ACTIVATION_SIGMOID)
    return (BpHeatScale) { 0.0, 0.5, 1.0 };
  return (BpHeatScale) { -1.0, 0.0, 1.0 };
}

/**
 * bp_heat_scale_of_feature:
 * @feature: an input feature
 *
 * Returns: the feature's range over the plane: ±6 for x1 and x2, 0 … 36 for the squares,
 *   ±36 for x1·x2, ±1 for the sines
 */
BpHeatScale
bp_heat_scale_of_feature (BpFeature feature)
{
  double r = BP_DATASET_RANGE;

  switch (feature)
    {
    case BP_FEATURE_X1:
    case BP_FEATURE_X2:
      return (BpHeatScale) { -r, 0.0, r };
    case BP_FEATURE_X1_SQUARED:
    case BP_FEATURE_X2_SQUARED:
      return (BpHeatScale) { 0.0, r * r / 2, r * r };
    case BP_FEATURE_X1_TIMES_X2:
      return (BpHeatScale) { -r * r, 0.0, r * r };
    case BP_FEATURE_SIN_X1:
    case BP_FEATURE_SIN_X2:
    case BP_N_FEATURES:
    default:
      return (BpHeatScale) { -1.0, 0.0, 1.0 };
    }
}

/**
 * bp_heat_color:
 * @palette: the colours
 * @t: a position on the scale, 0 (low) to 1 (high)
 *
 * Returns: the colour there: heat_low at 0, heat_middle at ½, heat_high at 1, mixed
 *   linearly in between; the colour of a point with that label
 */
BpColor
bp_heat_color (const BpPalette *palette,
               double           t)
{
  const BpColor *a, *b;
  double s;

  t = isnan (t) ? 0.5 : CLAMP (t, 0.0, 1.0);
  a = t < 0.5 ? &palette->heat_low : &palette->heat_middle;
  b = t < 0.5 ? &palette->heat_middle : &palette->heat_high;
  s = t < 0.5 ? 2.0 * t : 2.0 * t - 1.0;
  return (BpColor) { a->red + (b->red - a->red) * s, a->green + (b->green - a->green) * s,
                     a->blue + (b->blue - a->blue) * s, a->alpha + (b->alpha - a->alpha) * s };
}

/**
 * bp_heat_map_color:
 * @palette: the colours
 * @t: a position on the scale, 0 (low) to 1 (high)
 *
 * Returns: the colour a map shows there: bp_heat_color() a little closer to the middle
 */
BpColor
bp_heat_map_color (const BpPalette *palette,
                   double           t)
{
  t = isnan (t) ? 0.5 : CLAMP (t, 0.0, 1.0);
  return bp_heat_color (palette, 0.5 + (t - 0.5) * MAP_STRENGTH);
}

/**
 * bp_heat_scale_position:
 * @scale: a scale
 * @value: a value
 *
 * Returns: where @value sits on @scale, from 0 (low or below) through ½ (the middle) to 1
 *   (high or above); ½ for NaN
 */
double
bp_heat_scale_position (BpHeatScale scale,
                        double      value)
{
  double t;

  if (isnan (value))
    return 0.5;
  if (value < scale.middle)
    t = 0.5 * (value - scale.low) / (scale.middle - scale.low);
  else
    t = 0.5 + 0.5 * (value - scale.middle) / (scale.high - scale.middle);
  return CLAMP (t, 0.0, 1.0);
}
