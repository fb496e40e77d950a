/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-math-panel.c: "Watch the math". The panel follows two models: its network, after
 * whose every backward pass it rewrites its numbers, and a selection model, which says what
 * to explain and which the diagram may share, so a click there shows here with no one in
 * between. The lines themselves come from bp-math-panel-text.c. */
#define G_LOG_DOMAIN "bp-math-panel"

#include "config.h"

#include "bp-math-panel-private.h"
#include "bp-pace.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _BpMathPanel
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *empty;      /* the status page shown when nothing is selected */
  GPtrArray *rows;       /* the box's children, one per line shown: a label, or a formula's
                          * label in a horizontal scroller */
  GPtrArray *labels;     /* the GtkLabels, one per line shown */
  BpNetwork *network;
  GSignalGroup *network_signals;
  BpPlayback *playback;  /* the moment shown, or NULL for the network as it is */
  GSignalGroup *playback_signals;
  BpSelectionModel *selection_model;  /* shared, or the panel's own */
  gboolean own_selection_model;       /* made by the panel; follows its network */
  GSignalGroup *selection_signals;
  char *text;            /* everything shown, as plain text */
  BpFrameRefresh pace;   /* the text rewritten once a frame while training */
};

G_DEFINE_FINAL_TYPE (BpMathPanel, bp_math_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_SELECTION_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A formula never wraps inside an expression: it scrolls sideways instead. Notes wrap. */
static gboolean
scrolls (LineStyle style)
{
  return style == LINE_FORMULA || style == LINE_NUMBERS;
}

static void
style_label (GtkWidget *label,
             LineStyle  style)
{
  static const char *classes[N_LINE_STYLES][3] = {
    [LINE_TITLE] = { "title-4", NULL },
    [LINE_HEADING] = { "heading", NULL },
    [LINE_FORMULA] = { "numeric", NULL },
    [LINE_NUMBERS] = { "numeric", NULL },
    [LINE_NOTE] = { "dim-label", NULL },
  };

  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "bp-style")) == style + 1)
    return;
  g_object_set_data (G_OBJECT (label), "bp-style", GUINT_TO_POINTER (style + 1));
  gtk_widget_set_css_classes (label, classes[style]);
  gtk_label_set_wrap (GTK_LABEL (label), !scrolls (style));
  gtk_widget_set_margin_start (label, style == LINE_NUMBERS ? 18 : 0);
  gtk_widget_set_margin_top (label, style == LINE_HEADING ? 10 : 0);
}

static GtkWidget *
new_line_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Tabular figures line up the numbers of consecutive formulas. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  /* Bounds the natural width, so a long line never widens the window; given more room, the
   * text still uses it. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Twenty lines must not become twenty Tab stops; the mouse can still select and copy, and
   * screen readers get the whole text as the panel's description. */
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  return label;
}

/* @label as a row of the box: as it is, or in a scroller that shows a long formula whole
 * on one line. The scroller asks for no width of its own, so a long formula never widens
 * the panel. */
static GtkWidget *
new_row (GtkWidget *label,
         gboolean   scroller)
{
  GtkWidget *row;

  if (!scroller)
    return label;
  row = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (row), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (row), label);
  return row;
}

/* Gives line @k a row of the kind its style needs: a new one at the end, or in place of
 * one of the other kind. */
static GtkLabel *
line_label (BpMathPanel *self,
            guint        k,
            LineStyle    style)
{
  GtkWidget *label, *row;

  if (k < self->rows->len
      && GTK_IS_SCROLLED_WINDOW (self->rows->pdata[k]) == scrolls (style))
    return self->labels->pdata[k];
  label = new_line_label ();
  row = new_row (label, scrolls (style));
  if (k < self->rows->len)
    {
      gtk_box_insert_child_after (GTK_BOX (self->box), row, self->rows->pdata[k]);
      gtk_box_remove (GTK_BOX (self->box), self->rows->pdata[k]);
      self->rows->pdata[k] = row;
      self->labels->pdata[k] = label;
    }
  else
    {
      gtk_box_append (GTK_BOX (self->box), row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->labels, label);
    }
  return GTK_LABEL (label);
}

static void
show_lines (BpMathPanel *self,
            GArray      *lines)
{
  while (self->rows->len > lines->len)
    {
      GtkWidget *row = g_ptr_array_steal_index (self->rows, self->rows->len - 1);

      g_ptr_array_remove_index (self->labels, self->labels->len - 1);
      gtk_box_remove (GTK_BOX (self->box), row);
    }
  for (guint k = 0; k < lines->len; k++)
    {
      const BpMathLine *line = &g_array_index (lines, BpMathLine, k);
      GtkLabel *label = line_label (self, k, line->style);

      style_label (GTK_WIDGET (label), line->style);
      if (g_strcmp0 (gtk_label_get_label (label), line->markup) != 0)
        gtk_label_set_markup (label, line->markup);
    }
}

static char *
plain_text (GArray *lines)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint k = 0; k < lines->len; k++)
    {
      const BpMathLine *line = &g_array_index (lines, BpMathLine, k);
      g_autofree char *plain = NULL;

      if (!pango_parse_markup (line->markup, -1, 0, NULL, &plain, NULL, NULL))
        plain = g_strdup (line->markup);
      g_string_append_printf (s, "%s%s", k > 0 ? "\n" : "", plain);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The copy of the network whose numbers explain @sel at the moment shown: a parameter's
 * chain once the gradient wave has crossed its layer, a neuron's once the wave reached it,
 * the loss once the forward pulse did. */
static const BpNet *
net_for (BpMathPanel       *self,
         const BpSelection *sel)
{
  const BpNet *net;

  if (self->network == NULL)
    return NULL;
  if (self->playback == NULL)
    return bp_network_get_net (self->network);
  net = bp_playback_get_after (self->playback);
  if (!bp_selection_selectable_in (net, sel))
    return net;
  if (sel->kind == BP_SELECTION_CONNECTION || sel->kind == BP_SELECTION_BIAS)
    return bp_playback_gradients_net (self->playback, sel->layer);
  if (sel->kind == BP_SELECTION_NODE && sel->layer <= net->n_layers)
    return bp_playback_deltas_net (self->playback, sel->layer);
  return bp_playback_loss_net (self->playback);
}

static void
refresh (BpMathPanel *self)
{
  g_autoptr(GArray) lines = NULL;
  g_autofree char *text = NULL;
  BpSelection selection;
  const BpNet *net;
  gboolean empty;

  bp_selection_model_get_selected (self->selection_model, &selection);
  net = net_for (self, &selection);
  empty = net == NULL || !bp_selection_selectable_in (net, &selection);
  gtk_widget_set_visible (self->empty, empty);
  gtk_widget_set_visible (self->box, !empty);
  lines = bp_math_panel_build_lines (net, &selection);
  if (!empty && self->playback != NULL && bp_playback_get_busy (self->playback))
    bp_math_panel_add_moment_lines (lines, bp_playback_get_before (self->playback),
                                    bp_playback_get_after (self->playback),
                                    bp_playback_get_moment (self->playback), &selection);
  show_lines (self, lines);
  if (empty)
    text = g_strdup_printf ("%s\n%s", adw_status_page_get_title (ADW_STATUS_PAGE (self->empty)),
                            adw_status_page_get_description (ADW_STATUS_PAGE (self->empty)));
  else
    text = plain_text (lines);

  if (g_strcmp0 (text, self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_steal_pointer (&text);
  /* Screen readers reach every line as a label too; the description gives it in one go. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->text,
                                  -1);
}

static void
refresh_widget (GtkWidget *widget)
{
  refresh (BP_MATH_PANEL (widget));
}

static void
refresh_now (BpMathPanel *self)
{
  bp_frame_refresh_now (&self->pace);
}

/* Training at hundreds of steps per second emits "backward" many times per frame; the text
 * is rewritten once per frame, and not at all while the panel is hidden. */
static void
backward_cb (BpMathPanel *self)
{
  bp_frame_refresh_queue (&self->pace);
}

static void
bp_math_panel_map (GtkWidget *widget)
{
  BpMathPanel *self = BP_MATH_PANEL (widget);

  GTK_WIDGET_CLASS (bp_math_panel_parent_class)->map (widget);
  bp_frame_refresh_flush (&self->pace);
}

static void
bp_math_panel_dispose (GObject *object)
{
  BpMathPanel *self = BP_MATH_PANEL (object);

  bp_frame_refresh_clear (&self->pace);
  if (self->network_signals != NULL)
    g_signal_group_set_target (self->network_signals, NULL);
  if (self->selection_signals != NULL)
    g_signal_group_set_target (self->selection_signals, NULL);
  if (self->playback_signals != NULL)
    g_signal_group_set_target (self->playback_signals, NULL);
  g_clear_object (&self->network_signals);
  g_clear_object (&self->playback_signals);
  g_clear_object (&self->playback);
  g_clear_object (&self->selection_signals);
  g_clear_object (&self->network);
  g_clear_object (&self->selection_model);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->empty, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  G_OBJECT_CLASS (bp_math_panel_parent_class)->dispose (object);
}

static void
bp_math_panel_finalize (GObject *object)
{
  BpMathPanel *self = BP_MATH_PANEL (object);

  g_free (self->text);
  G_OBJECT_CLASS (bp_math_panel_parent_class)->finalize (object);
}

static void
bp_math_panel_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BpMathPanel *self = BP_MATH_PANEL (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    case PROP_SELECTION_MODEL:
      g_value_set_object (value, self->selection_model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_math_panel_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BpMathPanel *self = BP_MATH_PANEL (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      bp_math_panel_set_network (self, g_value_get_object (value));
      break;
    case PROP_SELECTION_MODEL:
      bp_math_panel_set_selection_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_math_panel_class_init (BpMathPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_math_panel_dispose;
  object_class->finalize = bp_math_panel_finalize;
  object_class->get_property = bp_math_panel_get_property;
  object_class->set_property = bp_math_panel_set_property;
  widget_class->map = bp_math_panel_map;

  /**
   * BpMathPanel:network:
   *
   * The network whose math the panel shows, rewritten after every backward pass and every
   * change of the learning rate (at the next frame, once however many came).
   */
  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, BP_TYPE_NETWORK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BpMathPanel:selection-model:
   *
   * What to explain: its "selected" item. Shared with the diagram, a click there shows here;
   * without one set, the panel has its own, which follows the panel's network.
   */
  properties[PROP_SELECTION_MODEL] =
    g_param_spec_object ("selection-model", NULL, NULL, BP_TYPE_SELECTION_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mathpanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
bp_math_panel_init (BpMathPanel *self)
{
  bp_frame_refresh_init (&self->pace, GTK_WIDGET (self), refresh_widget);
  self->rows = g_ptr_array_new ();
  self->labels = g_ptr_array_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->empty = g_object_new (ADW_TYPE_STATUS_PAGE,
                              "icon-name", "input-mouse-symbolic",
                              /* Translators: the math panel when nothing is selected */
                              "title", _("Nothing selected"),
                              /* Translators: the math panel when nothing is selected */
                              "description", _("Click a connection or a neuron in the "
                                               "diagram, or use the arrow keys, to see its "
                                               "chain rule"),
                              "visible", FALSE,
                              NULL);
  gtk_widget_add_css_class (self->empty, "compact");
  gtk_widget_set_parent (self->empty, GTK_WIDGET (self));

  self->playback_signals = g_signal_group_new (BP_TYPE_PLAYBACK);
  g_signal_group_connect_object (self->playback_signals, "changed",
                                 G_CALLBACK (backward_cb), self, G_CONNECT_SWAPPED);
  self->network_signals = g_signal_group_new (BP_TYPE_NETWORK);
  g_signal_group_connect_object (self->network_signals, "backward",
                                 G_CALLBACK (backward_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->network_signals, "notify::learning-rate",
                                 G_CALLBACK (backward_cb), self, G_CONNECT_SWAPPED);
  self->selection_signals = g_signal_group_new (BP_TYPE_SELECTION_MODEL);
  g_signal_group_connect_object (self->selection_signals, "notify::selected",
                                 G_CALLBACK (refresh_now), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Watch the math"),
                                  -1);
  bp_math_panel_set_selection_model (self, NULL);
  refresh (self);
}

GtkWidget *
bp_math_panel_new (void)
{
  return g_object_new (BP_TYPE_MATH_PANEL, NULL);
}

BpNetwork *
bp_math_panel_get_network (BpMathPanel *self)
{
  g_return_val_if_fail (BP_IS_MATH_PANEL (self), NULL);

  return self->network;
}

/**
 * bp_math_panel_set_network:
 * @self: a math panel
 * @network: (nullable): the model to explain
 *
 * Follows @network: the panel rewrites its numbers after every backward pass and every
 * change of the learning rate (at the next frame, once however many came). The panel's own
 * selection model, if it has no shared one, follows @network too, and so forgets a
 * selection that a change of shape made invalid.
 */
void
bp_math_panel_set_network (BpMathPanel *self,
                           BpNetwork   *network)
{
  g_return_if_fail (BP_IS_MATH_PANEL (self));
  g_return_if_fail (network == NULL || BP_IS_NETWORK (network));

  if (!g_set_object (&self->network, network))
    return;
  g_signal_group_set_target (self->network_signals, network);
  if (self->own_selection_model)
    bp_selection_model_set_network (self->selection_model, network);
  refresh_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

/**
 * bp_math_panel_get_selection_model:
 * @self: a math panel
 *
 * Returns: (transfer none): the selection model whose selection the panel explains
 */
BpSelectionModel *
bp_math_panel_get_selection_model (BpMathPanel *self)
{
  g_return_val_if_fail (BP_IS_MATH_PANEL (self), NULL);

  return self->selection_model;
}

/**
 * bp_math_panel_set_selection_model:
 * @self: a math panel
 * @model: (nullable): a selection model shared with other views; %NULL gives the panel its
 *   own, which follows the panel's network
 *
 * Explains @model's selection from now on. Whoever shares @model sets its network.
 */
void
bp_math_panel_set_selection_model (BpMathPanel      *self,
                                   BpSelectionModel *model)
{
  g_return_if_fail (BP_IS_MATH_PANEL (self));
  g_return_if_fail (model == NULL || BP_IS_SELECTION_MODEL (model));

  if (!bp_selection_model_replace (&self->selection_model, &self->own_selection_model, model,
                                   self->network))
    return;
  g_signal_group_set_target (self->selection_signals, self->selection_model);
  refresh_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODEL]);
}

/**
 * bp_math_panel_set_selection:
 * @self: a math panel
 * @selection: (nullable): what to explain; %NULL is the same as %BP_SELECTION_NONE
 *
 * Selects @selection in the panel's selection model, so the panel shows its math. A
 * selection outside the network selects nothing and shows the empty state.
 */
void
bp_math_panel_set_selection (BpMathPanel       *self,
                             const BpSelection *selection)
{
  g_return_if_fail (BP_IS_MATH_PANEL (self));

  bp_selection_model_set_selected (self->selection_model, selection);
  bp_frame_refresh_flush (&self->pace);
}

/**
 * bp_math_panel_get_selection:
 * @self: a math panel
 * @selection: (out caller-allocates): where to store what the panel explains
 */
void
bp_math_panel_get_selection (BpMathPanel *self,
                             BpSelection *selection)
{
  g_return_if_fail (BP_IS_MATH_PANEL (self));
  g_return_if_fail (selection != NULL);

  bp_selection_model_get_selected (self->selection_model, selection);
}

/**
 * bp_math_panel_describe:
 * @self: a math panel
 *
 * Returns: (transfer full): everything the panel shows, as plain text, one line per line;
 *   the same text is the panel's accessible description
 */
char *
bp_math_panel_describe (BpMathPanel *self)
{
  g_return_val_if_fail (BP_IS_MATH_PANEL (self), NULL);

  bp_frame_refresh_flush (&self->pace);
  return g_strdup (self->text);
}

/**
 * bp_math_panel_set_playback:
 * @self: a math panel
 * @playback: (nullable): the playback whose moment to explain
 *
 * Explains @playback's network as the step shown has come: each chain once the gradient
 * wave has reached it, and while a step is shown, what its current phase computes.
 */
void
bp_math_panel_set_playback (BpMathPanel *self,
                            BpPlayback  *playback)
{
  g_return_if_fail (BP_IS_MATH_PANEL (self));
  g_return_if_fail (playback == NULL || BP_IS_PLAYBACK (playback));

  if (!g_set_object (&self->playback, playback))
    return;
  g_signal_group_set_target (self->playback_signals, playback);
  bp_math_panel_set_network (self, playback != NULL ? bp_playback_get_network (playback) : NULL);
  refresh_now (self);
}
