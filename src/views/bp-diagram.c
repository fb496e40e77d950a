/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram.c: the network as a student sees it, as a widget. The drawing is a plain
 * function of a BpDiagramFrame (bp_diagram_draw_frame () in bp-diagram-draw.c), so it
 * renders the same into the widget, a PNG, an SVG and the tests. The widget follows two
 * models: its network, a playback that holds the moment of a step (bp-diagram-animation.c)
 * and a selection model, which holds what is selected and hovered and which other
 * views may share; bp-diagram-input.c turns pointer and keys into selections and input
 * changes, bp-diagram-info.c describes it all for screen readers.
 */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-private.h"
#include "bp-text-scale.h"

#include <adwaita.h>
#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (BpDiagram, bp_diagram, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_SELECTION_MODEL,
  PROP_ZOOM,
  PROP_PLAYBACK,
  PROP_PALETTE_CHOICE,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
bp_diagram_fill_frame (BpDiagram      *self,
                       BpDiagramFrame *frame)
{
  const BpMoment *moment = self->playback != NULL ? bp_playback_get_moment (self->playback)
                                                  : NULL;

  *frame = (BpDiagramFrame) {
    .before = moment != NULL && moment->phase != BP_PHASE_IDLE
              ? bp_playback_get_before (self->playback) : NULL,
    .after = bp_diagram_net (self),
    .phase = moment != NULL ? moment->phase : BP_PHASE_IDLE,
    .layer = moment != NULL ? moment->layer : 0,
    .progress = moment != NULL ? moment->progress : 1.0,
    .zoom = self->zoom,
    .text_scale = self->text_scale,
    .palette = self->palette,
    .focus_visible = gtk_widget_has_visible_focus (GTK_WIDGET (self)),
    .font = self->font,
    .cache = self->cache,
    .edit_controls = self->network != NULL,
    .motion = self->motion,
    .motion_progress = self->motion_progress,
    .health = self->network != NULL ? bp_network_get_health (self->network) : NULL,
    .conceal_gradients = self->conceal_gradients,
  };
  bp_selection_model_get_selected (self->selection_model, &frame->selection);
  bp_selection_model_get_hovered (self->selection_model, &frame->hover);
  bp_diagram_unfold_fill_frame (self, frame);
}

static void
selected_cb (BpDiagram *self)
{
  bp_diagram_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
hovered_cb (BpDiagram *self)
{
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

static void
settings_changed_cb (BpDiagram *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  g_autofree char *font_name = NULL;

  g_object_get (settings, "gtk-font-name", &font_name, NULL);
  self->text_scale = bp_text_scale_for_widget (GTK_WIDGET (self));
  g_clear_pointer (&self->font, pango_font_description_free);
  if (font_name != NULL)
    self->font = pango_font_description_from_string (font_name);
  gtk_widget_queue_resize (GTK_WIDGET (self));
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

  bp_diagram_fill_frame (self, &frame);
  /* The maps are asked for only to be drawn: the window computes them lazily. */
  if (self->heatmap_func != NULL)
    frame.heatmap = self->heatmap_func (self->heatmap_data);
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
  if (bp_diagram_net (self) != NULL)
    {
      const BpNet *net = bp_diagram_net (self);

      n_columns = net->n_layers + 3;
      max_n = 1;
      for (guint c = 0; c <= net->n_layers; c++)
        max_n = MAX (max_n, net->sizes[c]);
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

  bp_diagram_end_drag_group (self);
  bp_diagram_stop_relayout (self);
  bp_diagram_unfold_dispose (self);
  if (self->network_signals != NULL)
    g_signal_group_set_target (self->network_signals, NULL);
  if (self->playback_signals != NULL)
    g_signal_group_set_target (self->playback_signals, NULL);
  if (self->selection_signals != NULL)
    g_signal_group_set_target (self->selection_signals, NULL);
  g_clear_object (&self->network_signals);
  g_clear_object (&self->playback_signals);
  g_clear_object (&self->selection_signals);
  g_clear_object (&self->playback);
  g_clear_object (&self->network);
  g_clear_object (&self->selection_model);
  G_OBJECT_CLASS (bp_diagram_parent_class)->dispose (object);
}

static void
bp_diagram_finalize (GObject *object)
{
  BpDiagram *self = BP_DIAGRAM (object);

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
    case PROP_SELECTION_MODEL:
      g_value_set_object (value, self->selection_model);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_PLAYBACK:
      g_value_set_object (value, self->playback);
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
    case PROP_SELECTION_MODEL:
      bp_diagram_set_selection_model (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      bp_diagram_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_PLAYBACK:
      bp_diagram_set_playback (self, g_value_get_object (value));
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
  /**
   * BpDiagram:selection-model:
   *
   * What is selected and hovered. Views that share one show the same selection; without
   * one set, the diagram has its own, which follows the diagram's network.
   */
  properties[PROP_SELECTION_MODEL] =
    g_param_spec_object ("selection-model", NULL, NULL, BP_TYPE_SELECTION_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.5, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYBACK] =
    g_param_spec_object ("playback", NULL, NULL, BP_TYPE_PLAYBACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PALETTE_CHOICE] =
    g_param_spec_enum ("palette-choice", NULL, NULL, BP_TYPE_PALETTE_CHOICE,
                       BP_PALETTE_CHOICE_AUTOMATIC,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpDiagram::selection-changed:
   *
   * Emitted after the selected node or connection changed: by a click, a key,
   * bp_diagram_set_selection () or any other change of the selection model's "selected",
   * or because a new shape no longer has it.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "bp-diagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bp_diagram_init (BpDiagram *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));

  self->zoom = 1.0;
  self->motion_progress = 1.0;
  self->text_scale = 1.0;
  self->cache = bp_diagram_cache_new ();
  self->palette = bp_palette_get (BP_PALETTE_LIGHT);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  bp_diagram_add_controllers (self);
  bp_diagram_connect_network (self);
  bp_diagram_unfold_init (self);
  self->selection_signals = g_signal_group_new (BP_TYPE_SELECTION_MODEL);
  g_signal_group_connect_object (self->selection_signals, "notify::selected",
                                 G_CALLBACK (selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->selection_signals, "notify::hovered",
                                 G_CALLBACK (hovered_cb), self, G_CONNECT_SWAPPED);
  bp_diagram_set_selection_model (self, NULL);

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
  bp_diagram_update_description (self);
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
 * Shows @network and follows its signals from now on. The diagram's own selection model,
 * if it has no shared one, follows @network too.
 */
void
bp_diagram_set_network (BpDiagram *self,
                        BpNetwork *network)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));
  g_return_if_fail (network == NULL || BP_IS_NETWORK (network));

  if (self->network == network)
    return;
  g_set_object (&self->network, network);
  g_signal_group_set_target (self->network_signals, network);
  if (self->own_selection_model)
    bp_selection_model_set_network (self->selection_model, network);
  /* A shared playback of another network no longer applies: the diagram makes its own. */
  if (self->own_playback || self->playback == NULL
      || bp_playback_get_network (self->playback) != network)
    {
      g_autoptr(BpPlayback) own = network != NULL ? bp_playback_new (network) : NULL;

      bp_diagram_use_playback (self, own, own != NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYBACK]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

/**
 * bp_diagram_get_selection_model:
 * @self: a diagram
 *
 * Returns: (transfer none): the selection model the diagram shows and changes: the shared
 *   one, or its own
 */
BpSelectionModel *
bp_diagram_get_selection_model (BpDiagram *self)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), NULL);

  return self->selection_model;
}

/**
 * bp_diagram_set_selection_model:
 * @self: a diagram
 * @model: (nullable): a selection model to share with other views; %NULL gives the diagram
 *   its own, which follows the diagram's network
 *
 * Shows @model's selection and hover from now on; clicks and keys change @model. Whoever
 * shares @model sets its network.
 */
void
bp_diagram_set_selection_model (BpDiagram        *self,
                                BpSelectionModel *model)
{
  BpSelection before = BP_SELECTION_INIT_NONE, after;

  g_return_if_fail (BP_IS_DIAGRAM (self));
  g_return_if_fail (model == NULL || BP_IS_SELECTION_MODEL (model));

  if (self->selection_model != NULL)
    bp_selection_model_get_selected (self->selection_model, &before);
  if (!bp_selection_model_replace (&self->selection_model, &self->own_selection_model, model,
                                   self->network))
    return;
  g_signal_group_set_target (self->selection_signals, self->selection_model);
  bp_selection_model_get_selected (self->selection_model, &after);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (!bp_selection_equal (&before, &after))
    selected_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODEL]);
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
 * bp_diagram_get_selection:
 * @self: a diagram
 * @selection: (out caller-allocates): the selected item, as the selection model has it
 */
void
bp_diagram_get_selection (BpDiagram   *self,
                          BpSelection *selection)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));
  g_return_if_fail (selection != NULL);

  bp_selection_model_get_selected (self->selection_model, selection);
}

/**
 * bp_diagram_set_selection:
 * @self: a diagram
 * @selection: (nullable): a node, connection or bias of the shown network; %NULL or one
 *   that does not exist selects nothing
 *
 * Selects and highlights an item through the selection model, and emits
 * "selection-changed" if it changed.
 */
void
bp_diagram_set_selection (BpDiagram         *self,
                          const BpSelection *selection)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));

  bp_selection_model_set_selected (self->selection_model, selection);
}

/**
 * bp_diagram_set_playback:
 * @self: a diagram
 * @playback: (nullable): the playback whose moment to draw, shared with the other views;
 *   %NULL for one of the diagram's own, which shows each change at once
 *
 * Shows @playback and its network from now on.
 */
void
bp_diagram_set_playback (BpDiagram  *self,
                         BpPlayback *playback)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));
  g_return_if_fail (playback == NULL || BP_IS_PLAYBACK (playback));

  if (playback == NULL)
    {
      g_autoptr(BpPlayback) own = NULL;

      if (self->own_playback || self->playback == NULL)
        return;
      own = self->network != NULL ? bp_playback_new (self->network) : NULL;
      bp_diagram_use_playback (self, own, own != NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYBACK]);
      return;
    }
  if (self->playback == playback)
    return;
  bp_diagram_set_network (self, bp_playback_get_network (playback));
  bp_diagram_use_playback (self, playback, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYBACK]);
}

/**
 * bp_diagram_set_heatmap_func:
 * @self: a diagram
 * @func: (nullable): returns the maps to show in the nodes, or %NULL for none (example
 *   mode); called when the diagram draws, so it may compute them lazily
 * @data: for @func
 *
 * In dataset mode every node shows its own output over the input plane: the inputs their
 * features, the neurons their activations, from the BpHeatmap @func returns (maps that
 * do not fit the network's shape are not drawn). Call bp_diagram_heatmap_changed() when
 * they change.
 */
void
bp_diagram_set_heatmap_func (BpDiagram         *self,
                             const BpHeatmap *(*func) (gpointer data),
                             gpointer           data)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));

  if (self->heatmap_func == func && self->heatmap_data == data)
    return;
  self->heatmap_func = func;
  self->heatmap_data = data;
  bp_diagram_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * bp_diagram_set_conceal_gradients:
 * @self: a diagram
 * @conceal: whether to hide the gradients
 *
 * While an exercise waits for the learner's prediction, every connection is drawn alike and
 * neither the boxes nor the description give a gradient: what the next step does is the
 * question. The step's wave shows them again once it is unset.
 */
void
bp_diagram_set_conceal_gradients (BpDiagram *self,
                                  gboolean   conceal)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));

  if (self->conceal_gradients == !!conceal)
    return;
  self->conceal_gradients = !!conceal;
  bp_diagram_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * bp_diagram_heatmap_changed:
 * @self: a diagram
 *
 * Says the maps the heatmap function returns have changed (new weights, a new palette,
 * dataset mode on or off): the diagram draws again, asking for them.
 */
void
bp_diagram_heatmap_changed (BpDiagram *self)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));

  bp_diagram_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
