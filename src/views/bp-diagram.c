/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram.c: the network as a student sees it, as a widget. The drawing is a plain
 * function of a BpDiagramFrame (bp_diagram_draw_frame () in bp-diagram-draw.c), so it
 * renders the same into the widget, a PNG, an SVG and the tests; the widget only keeps the
 * two nets of a step (before and after), runs the animation on the frame clock and turns
 * pointer and keys into selections and input changes.
 */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

/* A drag this long (times the zoom) sweeps an input or a target across its whole range. */
#define DRAG_FULL_RANGE_PX 240.0

/* How long each phase of a step's animation lasts at speed 1. */
static const double phase_seconds[] = {
  [BP_PHASE_IDLE] = 0.0,
  [BP_PHASE_UPDATE] = 0.30,
  [BP_PHASE_FORWARD] = 0.45,
  [BP_PHASE_BACKWARD] = 0.45,
};

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

  if (!bp_selection_valid (net, sel) || sel->layer > net->n_layers)
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
  if (self->selection.kind == BP_SELECTION_NONE
      || bp_selection_valid (self->after, &self->selection))
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

  if (selection != NULL && self->after != NULL
      && bp_selection_valid (self->after, selection)
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
