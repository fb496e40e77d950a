/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-maps.c: BpMaps, one BpHeatmap of a network shared by the views that show maps (the
 * boundary view, the diagram's neuron maps). It follows the network through a signal group
 * and only marks itself stale: the grid is evaluated when a view asks for it from its
 * snapshot, so however many steps run between two frames, the maps are computed at most
 * once per frame. "changed" fires once per staleness, which is when views queue a draw.
 * The colours follow the palette choice and the style manager's dark and high-contrast
 * flags, as the diagram's do.
 */
#define G_LOG_DOMAIN "bp-maps"

#include "config.h"

#include "bp-maps.h"

#include <adwaita.h>

struct _BpMaps
{
  GObject parent_instance;

  BpNetwork *network;
  GSignalGroup *network_signals;
  BpPaletteChoice palette_choice;
  const BpPalette *palette;
  BpHeatmap *heatmap;
  gboolean stale;        /* the network changed since the last evaluation */
  gboolean recolor;      /* the palette or discretisation changed since the last colouring */
  gboolean pending;      /* "changed" was emitted and no view asked for the maps since */
  gboolean active;
  guint n_updates;
};

G_DEFINE_FINAL_TYPE (BpMaps, bp_maps, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_PALETTE_CHOICE,
  PROP_DISCRETIZE,
  PROP_ACTIVE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Emits "changed" unless it did since the maps were last handed out. */
static void
invalidate (BpMaps   *self,
            gboolean  stale)
{
  if (stale)
    self->stale = TRUE;
  else
    self->recolor = TRUE;
  if (self->pending)
    return;
  self->pending = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
update_active (BpMaps *self)
{
  gboolean active = self->network != NULL
                    && bp_network_get_mode (self->network) == BP_FILE_MODE_DATASET;

  if (active == self->active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
network_changed_cb (BpMaps *self)
{
  update_active (self);
  invalidate (self, TRUE);
}

static void
style_changed_cb (BpMaps *self)
{
  gboolean dark = FALSE, high_contrast = FALSE;

  if (adw_is_initialized ())
    {
      AdwStyleManager *manager = adw_style_manager_get_default ();

      dark = adw_style_manager_get_dark (manager);
      high_contrast = adw_style_manager_get_high_contrast (manager);
    }
  self->palette = bp_palette_resolve (self->palette_choice, dark, high_contrast);
  invalidate (self, FALSE);
}

static void
bp_maps_dispose (GObject *object)
{
  BpMaps *self = BP_MAPS (object);

  if (self->network_signals != NULL)
    g_signal_group_set_target (self->network_signals, NULL);
  g_clear_object (&self->network_signals);
  g_clear_object (&self->network);
  G_OBJECT_CLASS (bp_maps_parent_class)->dispose (object);
}

static void
bp_maps_finalize (GObject *object)
{
  BpMaps *self = BP_MAPS (object);

  g_clear_pointer (&self->heatmap, bp_heatmap_free);
  G_OBJECT_CLASS (bp_maps_parent_class)->finalize (object);
}

static void
bp_maps_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  BpMaps *self = BP_MAPS (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    case PROP_PALETTE_CHOICE:
      g_value_set_enum (value, self->palette_choice);
      break;
    case PROP_DISCRETIZE:
      g_value_set_boolean (value, bp_maps_get_discretize (self));
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_maps_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  BpMaps *self = BP_MAPS (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      bp_maps_set_network (self, g_value_get_object (value));
      break;
    case PROP_PALETTE_CHOICE:
      bp_maps_set_palette_choice (self, g_value_get_enum (value));
      break;
    case PROP_DISCRETIZE:
      bp_maps_set_discretize (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_maps_class_init (BpMapsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bp_maps_dispose;
  object_class->finalize = bp_maps_finalize;
  object_class->get_property = bp_maps_get_property;
  object_class->set_property = bp_maps_set_property;

  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, BP_TYPE_NETWORK, rw);
  properties[PROP_PALETTE_CHOICE] =
    g_param_spec_enum ("palette-choice", NULL, NULL, BP_TYPE_PALETTE_CHOICE,
                       BP_PALETTE_CHOICE_AUTOMATIC, rw);
  properties[PROP_DISCRETIZE] =
    g_param_spec_boolean ("discretize", NULL, NULL, FALSE, rw);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpMaps::changed:
   * @self: the maps
   *
   * Emitted once when the maps handed out last are out of date (the network changed, was
   * replaced or left dataset mode; the palette or the discretisation changed), and not
   * again until bp_maps_get_heatmap() is called: a view queues a draw and asks for the maps
   * from its snapshot.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bp_maps_init (BpMaps *self)
{
  self->heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
  self->stale = TRUE;
  self->network_signals = g_signal_group_new (BP_TYPE_NETWORK);
  /* "backward" ends every operation that changes values, parameters, the dataset or the
   * structure (steps, edits, undo, loads); a change of mode notifies after it. */
  g_signal_group_connect_object (self->network_signals, "backward",
                                 G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->network_signals, "structure-changed",
                                 G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->network_signals, "notify::mode",
                                 G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  if (adw_is_initialized ())
    {
      AdwStyleManager *manager = adw_style_manager_get_default ();

      g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  style_changed_cb (self);
}

/**
 * bp_maps_new:
 * @network: (nullable): the network whose maps to show
 *
 * Returns: (transfer full): maps of @network on a %BP_HEATMAP_DEFAULT_GRID grid
 */
BpMaps *
bp_maps_new (BpNetwork *network)
{
  g_return_val_if_fail (network == NULL || BP_IS_NETWORK (network), NULL);

  return g_object_new (BP_TYPE_MAPS, "network", network, NULL);
}

BpNetwork *
bp_maps_get_network (BpMaps *self)
{
  g_return_val_if_fail (BP_IS_MAPS (self), NULL);
  return self->network;
}

/**
 * bp_maps_set_network:
 * @self: the maps
 * @network: (nullable): the network to follow
 */
void
bp_maps_set_network (BpMaps    *self,
                     BpNetwork *network)
{
  g_return_if_fail (BP_IS_MAPS (self));
  g_return_if_fail (network == NULL || BP_IS_NETWORK (network));

  if (!g_set_object (&self->network, network))
    return;
  g_signal_group_set_target (self->network_signals, network);
  update_active (self);
  invalidate (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

BpPaletteChoice
bp_maps_get_palette_choice (BpMaps *self)
{
  g_return_val_if_fail (BP_IS_MAPS (self), BP_PALETTE_CHOICE_AUTOMATIC);
  return self->palette_choice;
}

/**
 * bp_maps_set_palette_choice:
 * @self: the maps
 * @choice: automatic, colour-blind safe or high contrast, as in the "palette" setting and
 *   as bp_diagram_set_palette_choice() takes it
 */
void
bp_maps_set_palette_choice (BpMaps          *self,
                            BpPaletteChoice  choice)
{
  g_return_if_fail (BP_IS_MAPS (self));

  if (self->palette_choice == choice)
    return;
  self->palette_choice = choice;
  style_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE_CHOICE]);
}

/**
 * bp_maps_get_palette:
 * @self: the maps
 *
 * Returns: the colours the maps are drawn in, for the points and axes drawn with them
 */
const BpPalette *
bp_maps_get_palette (BpMaps *self)
{
  g_return_val_if_fail (BP_IS_MAPS (self), NULL);
  return self->palette;
}

gboolean
bp_maps_get_discretize (BpMaps *self)
{
  g_return_val_if_fail (BP_IS_MAPS (self), FALSE);
  return bp_heatmap_get_discretize (self->heatmap);
}

/**
 * bp_maps_set_discretize:
 * @self: the maps
 * @discretize: whether the output's map shows only the class (or sign) of each cell
 */
void
bp_maps_set_discretize (BpMaps   *self,
                        gboolean  discretize)
{
  g_return_if_fail (BP_IS_MAPS (self));

  discretize = !!discretize;
  if (bp_heatmap_get_discretize (self->heatmap) == discretize)
    return;
  bp_heatmap_set_discretize (self->heatmap, discretize);
  invalidate (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCRETIZE]);
}

/**
 * bp_maps_get_active:
 * @self: the maps
 *
 * Returns: whether there are maps to show: the network is in dataset mode (it has a
 *   dataset, one output, and an input per feature)
 */
gboolean
bp_maps_get_active (BpMaps *self)
{
  g_return_val_if_fail (BP_IS_MAPS (self), FALSE);
  return self->active;
}

/**
 * bp_maps_get_heatmap:
 * @self: the maps
 *
 * The maps of the network's current parameters and features, evaluated now if the network
 * changed since the last call (one batched pass over the grid), recoloured if only the
 * palette or the discretisation did, else as they were. Call it from a snapshot.
 *
 * Returns: (transfer none) (nullable): the heatmap, valid until the next call; %NULL when
 *   not active
 */
const BpHeatmap *
bp_maps_get_heatmap (BpMaps *self)
{
  g_return_val_if_fail (BP_IS_MAPS (self), NULL);

  self->pending = FALSE;
  if (!self->active)
    return NULL;
  if (self->stale || !bp_heatmap_is_ready (self->heatmap))
    {
      bp_heatmap_update (self->heatmap, bp_network_get_net (self->network),
                         bp_network_get_features (self->network), self->palette);
      self->n_updates++;
    }
  else if (self->recolor)
    bp_heatmap_recolor (self->heatmap, self->palette);
  self->stale = self->recolor = FALSE;
  return self->heatmap;
}

/**
 * bp_maps_get_n_updates:
 * @self: the maps
 *
 * Returns: how many times the grid was evaluated, for tests and benchmarks
 */
guint
bp_maps_get_n_updates (BpMaps *self)
{
  g_return_val_if_fail (BP_IS_MAPS (self), 0);
  return self->n_updates;
}
