/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-boundary-view.c: what the network computes over the input plane, as a widget: the
 * boundary panel of bp-heatmap-draw.c (the output's map, axes, the dataset's points, the
 * colour scale) from the shared BpMaps, or one neuron's map under a heading that names it.
 * The maps are asked for from the snapshot, so they are evaluated at most once per frame.
 * bp-boundary-view-input.c draws and erases points with the pointer and the keyboard;
 * bp-boundary-view-info.c describes it all for screen readers.
 */
#define G_LOG_DOMAIN "bp-boundary-view"

#include "config.h"

#include "bp-boundary-view-private.h"

#include "bp-draw-text.h"
#include "bp-format.h"
#include "bp-text-scale.h"

#include <glib/gi18n.h>
#include <math.h>

#define FONT_PX 11.0
#define HEADING_LINES 1.9          /* the heading's band, in units of the font's size */
#define MIN_SIZE 200

G_DEFINE_FINAL_TYPE (BpBoundaryView, bp_boundary_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAPS,
  PROP_NETWORK,
  PROP_SHOW_TEST,
  PROP_DISCRETIZE,
  PROP_DRAW_LABEL,
  PROP_TEXT_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint bp_boundary_view_signals[BP_BOUNDARY_VIEW_N_SIGNALS];

double
bp_boundary_view_effective_text_scale (BpBoundaryView *self)
{
  return self->text_scale * self->system_text_scale;
}

/* The neuron whose map is shown, if the network still has it. */
static gboolean
neuron_shown (BpBoundaryView  *self,
              const BpHeatmap *heatmap)
{
  return self->show_neuron && heatmap != NULL
         && self->layer <= bp_heatmap_get_n_layers (heatmap)
         && self->neuron < bp_heatmap_get_layer_size (heatmap, self->layer);
}

static double
heading_height (BpBoundaryView *self)
{
  return self->show_neuron
         ? round (HEADING_LINES * FONT_PX * bp_boundary_view_effective_text_scale (self)) : 0.0;
}

/* Where the plane is in the widget, for the pointer and the crosshair. */
void
bp_boundary_view_plot (BpBoundaryView *self,
                       BpHeatmapPlot  *plot)
{
  double top = heading_height (self);
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - (int) top;

  bp_heatmap_panel_layout (gtk_widget_get_width (GTK_WIDGET (self)), MAX (height, 0),
                           bp_boundary_view_effective_text_scale (self), plot);
  plot->y += top;
}

/* The name of the neuron shown: its feature for an input, else as every view names it. */
char *
bp_boundary_view_neuron_name (BpBoundaryView *self)
{
  const BpNet *net = bp_network_get_net (self->network);
  BpFeatureSet features = bp_network_get_features (self->network);

  if (self->layer == 0)
    for (guint f = 0, j = 0; f < BP_N_FEATURES; f++)
      if (features & BP_FEATURE_BIT (f) && j++ == self->neuron)
        return g_strdup (bp_feature_display_name ((BpFeature) f));
  return bp_format_net_neuron (net, self->layer, self->neuron);
}

static void
draw_heading (BpBoundaryView  *self,
              cairo_t         *cr,
              const BpPalette *palette,
              double           height)
{
  double px = 1.15 * FONT_PX * bp_boundary_view_effective_text_scale (self);
  g_autofree char *name = bp_boundary_view_neuron_name (self);
  /* Translators: the heading of one neuron's map over the input plane; %s names the
   * neuron (h1, h2,3, y1) or the input's feature (x₁, sin x₂) */
  g_autofree char *text = g_strdup_printf (_("Neuron %s"), name);
  PangoLayout *layout = bp_draw_text_layout (cr, px, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  bp_color_set_source (cr, &palette->text);
  cairo_move_to (cr, round (px * 0.6), round ((height - h) / 2));
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_crosshair (BpBoundaryView  *self,
                cairo_t         *cr,
                const BpPalette *palette)
{
  const double dashes[] = { 3.0, 3.0 };
  BpHeatmapPlot plot;
  double x, y, r;

  bp_boundary_view_plot (self, &plot);
  if (plot.size <= 0)
    return;
  bp_heatmap_plane_to_plot (&plot, self->cursor_x1, self->cursor_x2, &x, &y);
  r = BP_BOUNDARY_ERASE_RADIUS / (2.0 * BP_DATASET_RANGE) * plot.size;
  cairo_save (cr);
  /* The text's colour on a halo of the background's: visible on either class's colour. */
  for (guint pass = 0; pass < 2; pass++)
    {
      cairo_set_line_width (cr, pass == 0 ? 4.0 : 1.5);
      bp_color_set_source (cr, pass == 0 ? &palette->background : &palette->text);
      cairo_set_dash (cr, NULL, 0, 0.0);
      cairo_move_to (cr, x - 2.5 * r, y);
      cairo_line_to (cr, x + 2.5 * r, y);
      cairo_move_to (cr, x, y - 2.5 * r);
      cairo_line_to (cr, x, y + 2.5 * r);
      cairo_stroke (cr);
      if (pass == 1)
        cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/**
 * bp_boundary_view_draw:
 * @self: a boundary view
 * @cr: a context
 * @width: the size to draw at
 * @height: the size to draw at
 *
 * Draws what the view shows, as its snapshot does: the maps are evaluated now if stale.
 */
void
bp_boundary_view_draw (BpBoundaryView *self,
                       cairo_t        *cr,
                       int             width,
                       int             height)
{
  const BpPalette *palette;
  const BpHeatmap *heatmap;
  BpHeatmapPanel panel;
  double top;

  g_return_if_fail (BP_IS_BOUNDARY_VIEW (self));

  palette = self->maps != NULL ? bp_maps_get_palette (self->maps)
                               : bp_palette_get (BP_PALETTE_LIGHT);
  heatmap = self->maps != NULL ? bp_maps_get_heatmap (self->maps) : NULL;
  panel = (BpHeatmapPanel) {
    .heatmap = heatmap,
    .dataset = heatmap != NULL ? bp_network_get_dataset (self->network) : NULL,
    .show_test = self->show_test,
    .palette = palette,
    .text_scale = bp_boundary_view_effective_text_scale (self),
    .show_neuron = neuron_shown (self, heatmap),
    .layer = self->layer,
    .neuron = self->neuron,
  };
  top = heading_height (self);
  bp_color_set_source (cr, &palette->background);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_translate (cr, 0, top);
  bp_heatmap_draw_panel (cr, width, MAX (height - (int) top, 0), &panel);
  cairo_restore (cr);
  /* After the panel, which paints its background over everything. */
  if (panel.show_neuron)
    draw_heading (self, cr, palette, top);
  if (heatmap != NULL && gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    draw_crosshair (self, cr, palette);
}

/* ---------------------------------------------------------------------------------------
 * Callbacks and the class
 */

static void
maps_changed_cb (BpBoundaryView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  bp_throttle_call (&self->describer);
}

static void
settings_changed_cb (BpBoundaryView *self)
{
  self->system_text_scale = bp_text_scale_for_widget (GTK_WIDGET (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
bp_boundary_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  bp_boundary_view_draw (BP_BOUNDARY_VIEW (widget), cr, width, height);
  cairo_destroy (cr);
}

static void
bp_boundary_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  (void) widget;
  (void) orientation;
  (void) for_size;
  *minimum = MIN_SIZE;
  /* The window sizes the view (a size request); on its own it stays small. */
  *natural = MIN_SIZE;
  *minimum_baseline = *natural_baseline = -1;
}

static void
bp_boundary_view_root (GtkWidget *widget)
{
  BpBoundaryView *self = BP_BOUNDARY_VIEW (widget);
  GtkSettings *settings;

  GTK_WIDGET_CLASS (bp_boundary_view_parent_class)->root (widget);
  settings = gtk_widget_get_settings (widget);
  g_signal_connect_object (settings, "notify::gtk-xft-dpi", G_CALLBACK (settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  settings_changed_cb (self);
}

static void
bp_boundary_view_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_settings (widget),
                                        settings_changed_cb, widget);
  GTK_WIDGET_CLASS (bp_boundary_view_parent_class)->unroot (widget);
}

static void
bp_boundary_view_dispose (GObject *object)
{
  BpBoundaryView *self = BP_BOUNDARY_VIEW (object);

  bp_boundary_view_end_stroke (self);
  bp_throttle_clear (&self->describer);
  if (self->network_signals != NULL)
    g_signal_group_set_target (self->network_signals, NULL);
  if (self->maps_signals != NULL)
    g_signal_group_set_target (self->maps_signals, NULL);
  g_clear_object (&self->network_signals);
  g_clear_object (&self->maps_signals);
  g_clear_object (&self->maps);
  g_clear_object (&self->own_maps);
  g_clear_object (&self->network);
  G_OBJECT_CLASS (bp_boundary_view_parent_class)->dispose (object);
}

static void
bp_boundary_view_finalize (GObject *object)
{
  BpBoundaryView *self = BP_BOUNDARY_VIEW (object);

  g_free (self->description);
  G_OBJECT_CLASS (bp_boundary_view_parent_class)->finalize (object);
}

static void
bp_boundary_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BpBoundaryView *self = BP_BOUNDARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_MAPS:
      g_value_set_object (value, self->maps);
      break;
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    case PROP_SHOW_TEST:
      g_value_set_boolean (value, self->show_test);
      break;
    case PROP_DISCRETIZE:
      g_value_set_boolean (value, self->discretize);
      break;
    case PROP_DRAW_LABEL:
      g_value_set_double (value, self->draw_label);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_boundary_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BpBoundaryView *self = BP_BOUNDARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_MAPS:
      bp_boundary_view_set_maps (self, g_value_get_object (value));
      break;
    case PROP_NETWORK:
      bp_boundary_view_set_network (self, g_value_get_object (value));
      break;
    case PROP_SHOW_TEST:
      bp_boundary_view_set_show_test (self, g_value_get_boolean (value));
      break;
    case PROP_DISCRETIZE:
      bp_boundary_view_set_discretize (self, g_value_get_boolean (value));
      break;
    case PROP_DRAW_LABEL:
      bp_boundary_view_set_draw_label (self, g_value_get_double (value));
      break;
    case PROP_TEXT_SCALE:
      bp_boundary_view_set_text_scale (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_boundary_view_class_init (BpBoundaryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bp_boundary_view_dispose;
  object_class->finalize = bp_boundary_view_finalize;
  object_class->get_property = bp_boundary_view_get_property;
  object_class->set_property = bp_boundary_view_set_property;
  widget_class->snapshot = bp_boundary_view_snapshot;
  widget_class->measure = bp_boundary_view_measure;
  widget_class->root = bp_boundary_view_root;
  widget_class->unroot = bp_boundary_view_unroot;

  properties[PROP_MAPS] = g_param_spec_object ("maps", NULL, NULL, BP_TYPE_MAPS, rw);
  properties[PROP_NETWORK] = g_param_spec_object ("network", NULL, NULL, BP_TYPE_NETWORK, rw);
  properties[PROP_SHOW_TEST] = g_param_spec_boolean ("show-test", NULL, NULL, TRUE, rw);
  properties[PROP_DISCRETIZE] = g_param_spec_boolean ("discretize", NULL, NULL, FALSE, rw);
  properties[PROP_DRAW_LABEL] =
    g_param_spec_double ("draw-label", NULL, NULL, -BP_DATASET_RANGE, BP_DATASET_RANGE, 1.0,
                         rw);
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.5, 4.0, 1.0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpBoundaryView::draw-failed:
   * @self: the view
   * @message: why, a sentence for the user (the dataset is full, say)
   *
   * Emitted when a point could not be drawn, at most once per press … release.
   */
  bp_boundary_view_signals[BP_BOUNDARY_VIEW_DRAW_FAILED] =
    g_signal_new ("draw-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "boundaryview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bp_boundary_view_init (BpBoundaryView *self)
{
  bp_throttle_init (&self->describer, GTK_WIDGET (self), BP_BOUNDARY_DESCRIPTION_MS,
                    bp_boundary_view_update_description);
  self->show_test = TRUE;
  self->draw_label = 1.0;
  self->text_scale = 1.0;
  self->system_text_scale = 1.0;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  self->network_signals = g_signal_group_new (BP_TYPE_NETWORK);
  /* The maps say when the network's values changed; the points need a redraw as well when
   * only the dataset did, which ends with "backward" too. */
  g_signal_group_connect_object (self->network_signals, "backward",
                                 G_CALLBACK (maps_changed_cb), self, G_CONNECT_SWAPPED);
  self->maps_signals = g_signal_group_new (BP_TYPE_MAPS);
  g_signal_group_connect_object (self->maps_signals, "changed",
                                 G_CALLBACK (maps_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->maps_signals, "notify::active",
                                 G_CALLBACK (maps_changed_cb), self, G_CONNECT_SWAPPED);
  bp_boundary_view_add_controllers (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Decision boundary"), -1);
  bp_throttle_now (&self->describer);
}

/* ---------------------------------------------------------------------------------------
 * Public API
 */

GtkWidget *
bp_boundary_view_new (void)
{
  return g_object_new (BP_TYPE_BOUNDARY_VIEW, NULL);
}

BpMaps *
bp_boundary_view_get_maps (BpBoundaryView *self)
{
  g_return_val_if_fail (BP_IS_BOUNDARY_VIEW (self), NULL);
  return self->maps;
}

/**
 * bp_boundary_view_set_maps:
 * @self: a boundary view
 * @maps: (nullable): the maps to show, shared with other views; the view follows their
 *   network and sets their discretisation to its own
 */
void
bp_boundary_view_set_maps (BpBoundaryView *self,
                           BpMaps         *maps)
{
  g_return_if_fail (BP_IS_BOUNDARY_VIEW (self));
  g_return_if_fail (maps == NULL || BP_IS_MAPS (maps));

  if (!g_set_object (&self->maps, maps))
    return;
  if (maps != NULL && maps != self->own_maps)
    g_clear_object (&self->own_maps);
  g_signal_group_set_target (self->maps_signals, maps);
  if (maps != NULL)
    {
      bp_maps_set_discretize (maps, self->discretize);
      if (bp_maps_get_network (maps) != self->network)
        bp_boundary_view_set_network (self, bp_maps_get_network (maps));
    }
  maps_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAPS]);
}

BpNetwork *
bp_boundary_view_get_network (BpBoundaryView *self)
{
  g_return_val_if_fail (BP_IS_BOUNDARY_VIEW (self), NULL);
  return self->network;
}

/**
 * bp_boundary_view_set_network:
 * @self: a boundary view
 * @network: (nullable): the network whose points are drawn and edited
 *
 * Without maps of its own, the view makes maps of @network; with shared maps of another
 * network, it sets theirs.
 */
void
bp_boundary_view_set_network (BpBoundaryView *self,
                              BpNetwork      *network)
{
  g_return_if_fail (BP_IS_BOUNDARY_VIEW (self));
  g_return_if_fail (network == NULL || BP_IS_NETWORK (network));

  if (!g_set_object (&self->network, network))
    return;
  bp_boundary_view_end_stroke (self);
  g_signal_group_set_target (self->network_signals, network);
  if (self->maps == NULL && network != NULL)
    {
      g_clear_object (&self->own_maps);
      self->own_maps = bp_maps_new (network);
      bp_boundary_view_set_maps (self, self->own_maps);
    }
  else if (self->maps != NULL && bp_maps_get_network (self->maps) != network)
    bp_maps_set_network (self->maps, network);
  maps_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

gboolean
bp_boundary_view_get_show_test (BpBoundaryView *self)
{
  g_return_val_if_fail (BP_IS_BOUNDARY_VIEW (self), TRUE);
  return self->show_test;
}

/**
 * bp_boundary_view_set_show_test:
 * @self: a boundary view
 * @show_test: whether the test points are drawn as well as the training points
 */
void
bp_boundary_view_set_show_test (BpBoundaryView *self,
                                gboolean        show_test)
{
  g_return_if_fail (BP_IS_BOUNDARY_VIEW (self));

  show_test = !!show_test;
  if (self->show_test == show_test)
    return;
  self->show_test = show_test;
  maps_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TEST]);
}

gboolean
bp_boundary_view_get_discretize (BpBoundaryView *self)
{
  g_return_val_if_fail (BP_IS_BOUNDARY_VIEW (self), FALSE);
  return self->discretize;
}

/**
 * bp_boundary_view_set_discretize:
 * @self: a boundary view
 * @discretize: whether the output's map shows only the class (or the sign) of each cell;
 *   passed on to the maps
 */
void
bp_boundary_view_set_discretize (BpBoundaryView *self,
                                 gboolean        discretize)
{
  g_return_if_fail (BP_IS_BOUNDARY_VIEW (self));

  discretize = !!discretize;
  if (self->discretize == discretize)
    return;
  self->discretize = discretize;
  if (self->maps != NULL)
    bp_maps_set_discretize (self->maps, discretize);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCRETIZE]);
}

double
bp_boundary_view_get_draw_label (BpBoundaryView *self)
{
  g_return_val_if_fail (BP_IS_BOUNDARY_VIEW (self), 1.0);
  return self->draw_label;
}

/**
 * bp_boundary_view_set_draw_label:
 * @self: a boundary view
 * @label: the label of the points drawn: in a classification dataset the class, 1 for 0.5
 *   and above, else 0; in a regression dataset the value, −6 … 6
 */
void
bp_boundary_view_set_draw_label (BpBoundaryView *self,
                                 double          label)
{
  g_return_if_fail (BP_IS_BOUNDARY_VIEW (self));

  label = CLAMP (label, -BP_DATASET_RANGE, BP_DATASET_RANGE);
  if (self->draw_label == label)
    return;
  self->draw_label = label;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAW_LABEL]);
}

double
bp_boundary_view_get_text_scale (BpBoundaryView *self)
{
  g_return_val_if_fail (BP_IS_BOUNDARY_VIEW (self), 1.0);
  return self->text_scale;
}

/**
 * bp_boundary_view_set_text_scale:
 * @self: a boundary view
 * @text_scale: 0.5 … 4, a zoom of the text as the diagram's, on top of the system's
 *   large-text factor
 */
void
bp_boundary_view_set_text_scale (BpBoundaryView *self,
                                 double          text_scale)
{
  g_return_if_fail (BP_IS_BOUNDARY_VIEW (self));

  text_scale = CLAMP (text_scale, 0.5, 4.0);
  if (self->text_scale == text_scale)
    return;
  self->text_scale = text_scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

/**
 * bp_boundary_view_show_neuron:
 * @self: a boundary view
 * @layer: the neuron's layer, 0 (an input) to L (an output)
 * @neuron: the neuron in its layer
 *
 * Shows that neuron's map large, under a heading that names it, instead of the output's;
 * while the network has no such neuron, the output's map is shown.
 */
void
bp_boundary_view_show_neuron (BpBoundaryView *self,
                              guint           layer,
                              guint           neuron)
{
  g_return_if_fail (BP_IS_BOUNDARY_VIEW (self));

  if (self->show_neuron && self->layer == layer && self->neuron == neuron)
    return;
  self->show_neuron = TRUE;
  self->layer = layer;
  self->neuron = neuron;
  maps_changed_cb (self);
}

/**
 * bp_boundary_view_show_output:
 * @self: a boundary view
 *
 * Shows the output's map again, the decision boundary or regression surface.
 */
void
bp_boundary_view_show_output (BpBoundaryView *self)
{
  g_return_if_fail (BP_IS_BOUNDARY_VIEW (self));

  if (!self->show_neuron)
    return;
  self->show_neuron = FALSE;
  maps_changed_cb (self);
}

/**
 * bp_boundary_view_get_shown_neuron:
 * @self: a boundary view
 * @layer: (out) (optional): the layer of the neuron shown
 * @neuron: (out) (optional): the neuron shown
 *
 * Returns: whether a neuron's map is shown rather than the output's
 */
gboolean
bp_boundary_view_get_shown_neuron (BpBoundaryView *self,
                                   guint          *layer,
                                   guint          *neuron)
{
  g_return_val_if_fail (BP_IS_BOUNDARY_VIEW (self), FALSE);

  if (layer != NULL)
    *layer = self->layer;
  if (neuron != NULL)
    *neuron = self->neuron;
  return self->show_neuron;
}
