/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-gradcheck-view.c: "Check". The view follows its network, after whose every backward
 * pass it checks the selected parameter again, and a selection model shared with the
 * diagram. A check costs a few hundred forward passes, so it runs at most once per frame
 * and only while the view is shown (bp-probe.c, bp-network-probe.c). */
#define G_LOG_DOMAIN "bp-gradcheck-view"

#include "config.h"

#include "bp-gradcheck-view-private.h"

#include "bp-export.h"
#include "bp-format.h"
#include "bp-gradcheck-draw.h"
#include "bp-network-probe.h"
#include "bp-pace.h"
#include "bp-text-scale.h"
#include "bp-view-style.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

/* The shortest time between two descriptions for screen readers. */
#define DESCRIBE_INTERVAL_MS 250


struct _BpGradcheckView
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *empty;          /* the status page shown when no parameter is selected */
  GtkWidget *title;
  GtkWidget *values[N_ROWS];
  GtkWidget *verdict;
  GtkWidget *plot;
  GtkWidget *note;
  BpNetwork *network;
  GSignalGroup *network_signals;
  BpPlayback *playback;      /* the step being shown, or NULL */
  GSignalGroup *playback_signals;
  gboolean shows_before;     /* the check is of the copy from before the step shown */
  BpSelectionModel *selection_model;  /* shared, or the view's own */
  gboolean own_selection_model;
  GSignalGroup *selection_signals;
  BpPaletteChoice palette_choice;
  double zoom;
  BpProbe *probe;            /* the last check, or NULL */
  char *parameter;           /* its parameter's name */
  char *text;                /* everything shown, as plain text */
  BpFrameRefresh pace;       /* one check a frame while training */
  BpThrottle describer;      /* screen readers told at most four times a second */
};

G_DEFINE_FINAL_TYPE (BpGradcheckView, bp_gradcheck_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_SELECTION_MODEL,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_label (GtkWidget  *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), text) != 0)
    gtk_label_set_label (GTK_LABEL (label), text);
}

static void
show_numbers (BpGradcheckView *self)
{
  const BpProbe *p = self->probe;
  g_autofree char *gradient = _bp_gradcheck_format_long (p->gradient);
  g_autofree char *slope = _bp_gradcheck_format_long (p->slope);
  g_autofree char *h = bp_format_number (p->h, BP_NUMBER_FORMULA);
  g_autofree char *error = bp_format_number (p->relative_error, BP_NUMBER_FORMULA);
  g_autofree char *verdict = _bp_gradcheck_verdict (p);

  set_label (self->title, self->parameter);
  set_label (self->values[ROW_BACKPROP], p->finite ? gradient : "—");
  set_label (self->values[ROW_SLOPE], p->finite ? slope : "—");
  set_label (self->values[ROW_H], h);
  set_label (self->values[ROW_ERROR], p->finite ? error : "—");
  set_label (self->verdict, verdict);
  set_label (self->note, _bp_gradcheck_note (p));
}

/* The plot's description for screen readers: what the picture shows, in numbers. */
static void
describe_plot (BpGradcheckView *self)
{
  g_autofree char *text = NULL;

  if (self->probe != NULL)
    text = _bp_gradcheck_plot_description (self->probe, self->parameter);
  if (text == NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->plot),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->plot),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static char *
plain_text (BpGradcheckView *self)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (self->probe == NULL)
    return g_strdup_printf ("%s\n%s", adw_status_page_get_title (ADW_STATUS_PAGE (self->empty)),
                            adw_status_page_get_description (ADW_STATUS_PAGE (self->empty)));
  g_string_append (s, self->parameter);
  for (guint k = 0; k < N_ROWS; k++)
    g_string_append_printf (s, "\n%s: %s", _bp_gradcheck_row_title (k),
                            gtk_label_get_label (GTK_LABEL (self->values[k])));
  g_string_append_printf (s, "\n%s\n%s", gtk_label_get_label (GTK_LABEL (self->verdict)),
                          gtk_label_get_label (GTK_LABEL (self->note)));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Whether the views show the selected parameter's gradient from before the step being
 * shown: the backward wave has not crossed its layer yet. */
static gboolean
wants_before (BpGradcheckView   *self,
              const BpSelection *selection)
{
  if (self->playback == NULL || !bp_playback_get_busy (self->playback)
      || (selection->kind != BP_SELECTION_CONNECTION && selection->kind != BP_SELECTION_BIAS))
    return FALSE;
  return bp_playback_gradients_net (self->playback, selection->layer)
         != bp_playback_get_after (self->playback);
}

/* Tells screen readers what the view and its plot show. */
static void
describe_now (GtkWidget *widget)
{
  BpGradcheckView *self = BP_GRADCHECK_VIEW (widget);

  describe_plot (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->text, -1);
}

/* Checks the selected parameter again and shows the result. */
static void
refresh (BpGradcheckView *self)
{
  BpSelection selection;

  g_clear_pointer (&self->probe, bp_probe_free);
  g_clear_pointer (&self->parameter, g_free);
  bp_selection_model_get_selected (self->selection_model, &selection);
  if (self->network != NULL)
    self->probe = bp_network_probe (self->network, self->playback, &selection, 0);
  self->shows_before = wants_before (self, &selection);
  if (self->probe != NULL)
    {
      self->parameter = bp_probe_format_name (bp_network_get_net (self->network), self->probe);
      show_numbers (self);
    }
  gtk_widget_set_visible (self->empty, self->probe == NULL);
  gtk_widget_set_visible (self->box, self->probe != NULL);
  gtk_widget_queue_draw (self->plot);
  bp_throttle_call_for_text (&self->describer, &self->text, plain_text (self));
}

static void
refresh_widget (GtkWidget *widget)
{
  refresh (BP_GRADCHECK_VIEW (widget));
}

static void
refresh_now (BpGradcheckView *self)
{
  bp_frame_refresh_now (&self->pace);
}

/* Training emits "backward" many times per frame: one check per frame, none while hidden. */
static void
changed_cb (BpGradcheckView *self)
{
  bp_frame_refresh_queue (&self->pace);
}

/* The playback changes every frame while it shows a step; the check changes only when the
 * backward wave crosses the parameter's layer, or the step ends. */
static void
playback_changed_cb (BpGradcheckView *self)
{
  BpSelection selection;

  bp_selection_model_get_selected (self->selection_model, &selection);
  if (wants_before (self, &selection) != self->shows_before)
    changed_cb (self);
}

static double
text_factor (BpGradcheckView *self)
{
  return bp_text_scale_for_zoom (GTK_WIDGET (self), self->zoom);
}

static void
plot_draw_cb (GtkDrawingArea *area G_GNUC_UNUSED,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  BpGradcheckView *self = data;
  BpGradcheckPlot plot = {
    self->probe, self->parameter, bp_view_style_palette (self->palette_choice),
    text_factor (self),
  };

  bp_gradcheck_draw (cr, width, height, &plot);
}

static void
bp_gradcheck_view_map (GtkWidget *widget)
{
  BpGradcheckView *self = BP_GRADCHECK_VIEW (widget);

  GTK_WIDGET_CLASS (bp_gradcheck_view_parent_class)->map (widget);
  bp_frame_refresh_flush (&self->pace);
}

static void
bp_gradcheck_view_dispose (GObject *object)
{
  BpGradcheckView *self = BP_GRADCHECK_VIEW (object);

  bp_frame_refresh_clear (&self->pace);
  bp_throttle_clear (&self->describer);
  if (self->network_signals != NULL)
    g_signal_group_set_target (self->network_signals, NULL);
  if (self->selection_signals != NULL)
    g_signal_group_set_target (self->selection_signals, NULL);
  if (self->playback_signals != NULL)
    g_signal_group_set_target (self->playback_signals, NULL);
  g_clear_object (&self->playback_signals);
  g_clear_object (&self->playback);
  g_clear_object (&self->network_signals);
  g_clear_object (&self->selection_signals);
  g_clear_object (&self->network);
  g_clear_object (&self->selection_model);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->empty, gtk_widget_unparent);
  G_OBJECT_CLASS (bp_gradcheck_view_parent_class)->dispose (object);
}

static void
bp_gradcheck_view_finalize (GObject *object)
{
  BpGradcheckView *self = BP_GRADCHECK_VIEW (object);

  g_clear_pointer (&self->probe, bp_probe_free);
  g_free (self->parameter);
  g_free (self->text);
  G_OBJECT_CLASS (bp_gradcheck_view_parent_class)->finalize (object);
}

static void
bp_gradcheck_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BpGradcheckView *self = BP_GRADCHECK_VIEW (object);

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_gradcheck_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BpGradcheckView *self = BP_GRADCHECK_VIEW (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      bp_gradcheck_view_set_network (self, g_value_get_object (value));
      break;
    case PROP_SELECTION_MODEL:
      bp_gradcheck_view_set_selection_model (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      if (self->zoom != g_value_get_double (value))
        {
          self->zoom = g_value_get_double (value);
          gtk_widget_queue_draw (self->plot);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_gradcheck_view_class_init (BpGradcheckViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_gradcheck_view_dispose;
  object_class->finalize = bp_gradcheck_view_finalize;
  object_class->get_property = bp_gradcheck_view_get_property;
  object_class->set_property = bp_gradcheck_view_set_property;
  widget_class->map = bp_gradcheck_view_map;

  /**
   * BpGradcheckView:network:
   *
   * The network whose selected parameter the view checks after every backward pass (at
   * the next frame, once however many came).
   */
  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, BP_TYPE_NETWORK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BpGradcheckView:selection-model:
   *
   * What to check: its "selected" weight or bias.
   */
  properties[PROP_SELECTION_MODEL] =
    g_param_spec_object ("selection-model", NULL, NULL, BP_TYPE_SELECTION_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BpGradcheckView:zoom:
   *
   * The diagram's zoom: the plot's text grows with it, never below its normal size.
   */
  properties[PROP_ZOOM] = bp_text_scale_zoom_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gradcheck");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
new_label (const char *css_class,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  /* Bounds the natural width: the page never widens the side panel. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The rows of numbers: a title, and the value, selectable for copying. */
static GtkWidget *
build_grid (BpGradcheckView *self)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  for (guint k = 0; k < N_ROWS; k++)
    {
      GtkWidget *title = new_label ("dim-label", FALSE);

      gtk_label_set_label (GTK_LABEL (title), _bp_gradcheck_row_title (k));
      self->values[k] = new_label ("numeric", FALSE);
      gtk_label_set_selectable (GTK_LABEL (self->values[k]), TRUE);
      gtk_widget_set_focusable (self->values[k], FALSE);
      gtk_grid_attach (GTK_GRID (grid), title, 0, k, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), self->values[k], 1, k, 1, 1);
      /* The number is the label's name; its title, its description, as the readouts'. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->values[k]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _bp_gradcheck_row_title (k), -1);
    }
  return grid;
}

static void
build_box (BpGradcheckView *self)
{
  GtkWidget *formula;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  self->title = new_label ("title-4", FALSE);
  gtk_box_append (GTK_BOX (self->box), self->title);
  formula = new_label ("dim-label", TRUE);
  /* The finite difference and its step: notation, the same in every language. */
  gtk_label_set_label (GTK_LABEL (formula),
                       "∂L/∂p ≈ (L(p + h) − L(p − h)) / 2h\nh = 10⁻⁵·max(1, |p|)");
  gtk_box_append (GTK_BOX (self->box), formula);
  gtk_box_append (GTK_BOX (self->box), build_grid (self));
  self->verdict = new_label ("heading", TRUE);
  gtk_box_append (GTK_BOX (self->box), self->verdict);
  self->plot = gtk_drawing_area_new ();
  gtk_widget_set_size_request (self->plot, 200, 220);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->plot), plot_draw_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->plot),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: the plot's name for screen readers */
                                  _("The loss around the selected parameter, with "
                                    "backprop’s tangent"),
                                  -1);
  gtk_box_append (GTK_BOX (self->box), self->plot);
  self->note = new_label ("dim-label", TRUE);
  gtk_box_append (GTK_BOX (self->box), self->note);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

static void
bp_gradcheck_view_init (BpGradcheckView *self)
{
  bp_frame_refresh_init (&self->pace, GTK_WIDGET (self), refresh_widget);
  bp_throttle_init (&self->describer, GTK_WIDGET (self), DESCRIBE_INTERVAL_MS, describe_now);
  self->zoom = 1.0;
  build_box (self);
  self->empty = g_object_new (ADW_TYPE_STATUS_PAGE,
                              "icon-name", "input-mouse-symbolic",
                              /* Translators: the Check page when nothing checkable is
                               * selected */
                              "title", _("Select a weight or a bias"),
                              "description", _("Click a connection or a bias in the diagram, "
                                               "or use the arrow keys, to check its gradient "
                                               "against finite differences"),
                              NULL);
  gtk_widget_add_css_class (self->empty, "compact");
  gtk_widget_set_parent (self->empty, GTK_WIDGET (self));

  self->network_signals = g_signal_group_new (BP_TYPE_NETWORK);
  g_signal_group_connect_object (self->network_signals, "backward",
                                 G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  self->playback_signals = g_signal_group_new (BP_TYPE_PLAYBACK);
  g_signal_group_connect_object (self->playback_signals, "changed",
                                 G_CALLBACK (playback_changed_cb), self, G_CONNECT_SWAPPED);
  self->selection_signals = g_signal_group_new (BP_TYPE_SELECTION_MODEL);
  g_signal_group_connect_object (self->selection_signals, "notify::selected",
                                 G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  bp_view_style_redraw_on_change (self->plot);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Check this gradient"),
                                  -1);
  bp_gradcheck_view_set_selection_model (self, NULL);
  refresh (self);
}

GtkWidget *
bp_gradcheck_view_new (void)
{
  return g_object_new (BP_TYPE_GRADCHECK_VIEW, NULL);
}

/**
 * bp_gradcheck_view_set_network:
 * @self: a gradient check view
 * @network: (nullable): the model to check
 *
 * Follows @network: the view checks the selected parameter again after every backward
 * pass, at the next frame. Its own selection model, if it has no shared one, follows too.
 */
void
bp_gradcheck_view_set_network (BpGradcheckView *self,
                               BpNetwork       *network)
{
  g_return_if_fail (BP_IS_GRADCHECK_VIEW (self));
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
 * bp_gradcheck_view_set_selection_model:
 * @self: a gradient check view
 * @model: (nullable): a selection model shared with other views; %NULL gives the view its
 *   own, which follows the view's network
 */
void
bp_gradcheck_view_set_selection_model (BpGradcheckView  *self,
                                       BpSelectionModel *model)
{
  g_return_if_fail (BP_IS_GRADCHECK_VIEW (self));
  g_return_if_fail (model == NULL || BP_IS_SELECTION_MODEL (model));

  if (!bp_selection_model_replace (&self->selection_model, &self->own_selection_model, model,
                                   self->network))
    return;
  g_signal_group_set_target (self->selection_signals, self->selection_model);
  refresh_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODEL]);
}

/**
 * bp_gradcheck_view_set_playback:
 * @self: a gradient check view
 * @playback: (nullable): the step being shown, the diagram's and the Math panel's
 *
 * While @playback shows a step, the view checks the gradient the diagram shows: from
 * before the step until the backward wave crosses the parameter's layer.
 */
void
bp_gradcheck_view_set_playback (BpGradcheckView *self,
                                BpPlayback      *playback)
{
  g_return_if_fail (BP_IS_GRADCHECK_VIEW (self));
  g_return_if_fail (playback == NULL || BP_IS_PLAYBACK (playback));

  if (!g_set_object (&self->playback, playback))
    return;
  g_signal_group_set_target (self->playback_signals, playback);
  refresh_now (self);
}

void
bp_gradcheck_view_set_palette_choice (BpGradcheckView *self,
                                      BpPaletteChoice  choice)
{
  g_return_if_fail (BP_IS_GRADCHECK_VIEW (self));

  self->palette_choice = choice;
  gtk_widget_queue_draw (self->plot);
}

/**
 * bp_gradcheck_view_get_probe:
 * @self: a gradient check view
 *
 * The check shown, brought up to date first if the model changed since.
 *
 * Returns: (transfer none) (nullable): the probe, or %NULL when no weight or bias is
 *   selected
 */
const BpProbe *
bp_gradcheck_view_get_probe (BpGradcheckView *self)
{
  g_return_val_if_fail (BP_IS_GRADCHECK_VIEW (self), NULL);

  bp_frame_refresh_flush (&self->pace);
  return self->probe;
}

/**
 * bp_gradcheck_view_describe:
 * @self: a gradient check view
 *
 * Returns: (transfer full): everything the view shows as plain text, as screen readers get
 *   it in its description
 */
char *
bp_gradcheck_view_describe (BpGradcheckView *self)
{
  g_return_val_if_fail (BP_IS_GRADCHECK_VIEW (self), NULL);

  bp_frame_refresh_flush (&self->pace);
  return g_strdup (self->text);
}

/**
 * bp_gradcheck_view_export:
 * @self: a gradient check view
 * @file: a file ending in .png, .svg or .pdf (any other name is written as PNG)
 * @error: return location for a #GError
 *
 * Writes the plot as shown, 800 × 500, in the view's palette.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_gradcheck_view_export (BpGradcheckView  *self,
                          GFile            *file,
                          GError          **error)
{
  BpGradcheckPlot plot;

  g_return_val_if_fail (BP_IS_GRADCHECK_VIEW (self) && G_IS_FILE (file), FALSE);

  plot = (BpGradcheckPlot) {
    bp_gradcheck_view_get_probe (self), self->parameter,
    bp_view_style_palette (self->palette_choice), 1.5,
  };
  return bp_export_plot (file, 800, 500, plot.palette, (BpPlotDrawFunc) bp_gradcheck_draw, &plot,
                         error);
}
