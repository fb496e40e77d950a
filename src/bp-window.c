/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window.c: the main window. It knows the network only through BpNetwork's public API
 * and signals; the diagram, the sparkline and the math panel draw it. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include "bp-window.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-diagram.h"
#include "bp-math-panel.h"
#include "bp-sparkline.h"

/* The window shows networks up to this size; larger ones are for backprop-cli. */
#define MAX_SHOWN_LAYERS 8
#define MAX_SHOWN_WIDTH 16

#define MIN_ZOOM 0.5
#define MAX_ZOOM 4.0
#define ZOOM_FACTOR 1.25

/* Play runs at 10^x steps per second for the speed slider's x in [0, 3]. Steps slower
 * than this are animated one by one. */
#define ANIMATED_PLAY_RATE 2.0

/* A loss this many times above its best since the last reset has run away. */
#define RUNAWAY_FACTOR 1000.0

/* Below this width the side panel gives its room to the diagram until asked for. */
#define NARROW_WIDTH 1100

/* The controls of one input or target. */
typedef struct {
  BpWindow *window;
  gboolean is_target;
  guint index;
  GtkAdjustment *scale_adjustment;
  GtkAdjustment *spin_adjustment;
} ValueControl;

struct _BpWindow
{
  AdwApplicationWindow parent_instance;

  BpNetwork *network;

  /* template children */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkButton *play_button;
  GtkRevealer *diverged_revealer;
  GtkLabel *diverged_label;
  AdwPreferencesGroup *inputs_group;
  AdwPreferencesGroup *targets_group;
  GtkAdjustment *rate_scale_adjustment;
  GtkAdjustment *rate_spin_adjustment;
  GtkSpinButton *rate_spin;
  AdwComboRow *hidden_row;
  AdwComboRow *output_row;
  AdwComboRow *loss_row;
  GtkLabel *step_label;
  GtkLabel *loss_label;
  GtkAdjustment *play_rate_adjustment;
  GtkLabel *play_rate_label;
  BpDiagram *diagram;
  BpSparkline *sparkline;
  BpMathPanel *math_panel;
  GtkRevealer *side_revealer;
  GtkStack *side_stack;

  GPtrArray *value_rows;      /* the rows of inputs and targets, rebuilt with the shape */
  GPtrArray *value_controls;  /* ValueControl, one per row */
  char *file_name;
  gboolean syncing;           /* the window itself is setting a control */

  gboolean narrow;            /* the window is narrower than NARROW_WIDTH */
  gboolean side_wanted;       /* the user's choice for the side panel in a wide window */
  guint layout_idle_id;

  guint play_tick_id;
  gint64 play_last_time;
  double play_debt;           /* steps owed to the play rate since the last frame */
};

G_DEFINE_FINAL_TYPE (BpWindow, bp_window, ADW_TYPE_APPLICATION_WINDOW)

static const BpActivation hidden_choices[] = {
  BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID, BP_ACTIVATION_RELU, BP_ACTIVATION_LEAKY_RELU,
  BP_ACTIVATION_LINEAR,
};
static const BpActivation output_choices[] = {
  BP_ACTIVATION_SIGMOID, BP_ACTIVATION_TANH, BP_ACTIVATION_LINEAR,
};
static const BpLoss loss_choices[] = { BP_LOSS_SQUARED_ERROR, BP_LOSS_CROSS_ENTROPY };

static void
toast (BpWindow   *self,
       const char *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* The range a target can take for the output's activation and the loss. */
static void
target_range (BpWindow *self,
              double   *lower,
              double   *upper)
{
  guint L = bp_network_get_n_layers (self->network);
  BpActivation output = bp_network_get_activation (self->network, L - 1);

  *lower = -2.0;
  *upper = 2.0;
  if (output == BP_ACTIVATION_SIGMOID || bp_network_get_loss_kind (self->network) ==
                                         BP_LOSS_CROSS_ENTROPY)
    *lower = 0.0, *upper = 1.0;
  else if (output == BP_ACTIVATION_TANH)
    *lower = -1.0, *upper = 1.0;
}

static double
control_value (BpWindow           *self,
               const ValueControl *control)
{
  if (control->is_target)
    return bp_network_get_target (self->network, control->index);
  return bp_network_get_input (self->network, control->index);
}

static void
apply_control_value (ValueControl *control,
                     double        value)
{
  BpWindow *self = control->window;
  g_autoptr(GError) error = NULL;

  if (self->syncing || !isfinite (value))
    return;
  if (value == control_value (self, control))
    return;
  if (control->is_target)
    {
      if (!bp_network_set_target (self->network, control->index, value, &error))
        toast (self, error->message);
    }
  else
    {
      bp_network_set_input (self->network, control->index, value);
    }
}

static void
value_scale_changed_cb (GtkAdjustment *adjustment,
                        ValueControl  *control)
{
  apply_control_value (control, gtk_adjustment_get_value (adjustment));
}

static void
value_spin_changed_cb (GtkAdjustment *adjustment,
                       ValueControl  *control)
{
  apply_control_value (control, gtk_adjustment_get_value (adjustment));
}

/* A row with a slider for the usual range and a spin button for the exact value. */
static GtkWidget *
value_row_new (BpWindow   *self,
               const char *name,
               gboolean    is_target,
               guint       index,
               double      lower,
               double      upper)
{
  ValueControl *control = g_new0 (ValueControl, 1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *scale, *spin;
  g_autofree char *scale_name = g_strdup_printf (_("%s slider"), name);

  control->window = self;
  control->is_target = is_target;
  control->index = index;
  control->scale_adjustment = gtk_adjustment_new (0, lower, upper, 0.01, 0.1, 0);
  control->spin_adjustment = gtk_adjustment_new (0, -1000, 1000, 0.01, 0.1, 0);

  /* The name is a prefix rather than the row's title, which a narrow sidebar would wrap
   * into "x-1"; the row keeps it as its accessible name. */
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_label_new (name));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, control->scale_adjustment);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_widget_set_size_request (scale, 90, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  scale_name, -1);
  spin = gtk_spin_button_new (control->spin_adjustment, 0.01, 3);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), scale);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

  g_signal_connect (control->scale_adjustment, "value-changed",
                    G_CALLBACK (value_scale_changed_cb), control);
  g_signal_connect (control->spin_adjustment, "value-changed",
                    G_CALLBACK (value_spin_changed_cb), control);
  g_ptr_array_add (self->value_controls, control);
  return row;
}

static void
clear_value_rows (BpWindow *self)
{
  for (guint k = 0; k < self->value_rows->len; k++)
    {
      GtkWidget *row = g_ptr_array_index (self->value_rows, k);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (
          row, ADW_TYPE_PREFERENCES_GROUP));

      adw_preferences_group_remove (group, row);
    }
  g_ptr_array_set_size (self->value_rows, 0);
  g_ptr_array_set_size (self->value_controls, 0);
}

/* One control per input and per output, rebuilt when the shape changes. */
static void
build_value_rows (BpWindow *self)
{
  guint n_sizes;
  const guint *sizes = bp_network_get_sizes (self->network, &n_sizes);
  double lower, upper;

  clear_value_rows (self);
  for (guint i = 0; i < sizes[0]; i++)
    {
      g_autofree char *name = g_strdup_printf ("x%u", i + 1);
      GtkWidget *row = value_row_new (self, name, FALSE, i, -2.0, 2.0);

      adw_preferences_group_add (self->inputs_group, row);
      g_ptr_array_add (self->value_rows, row);
    }
  target_range (self, &lower, &upper);
  for (guint k = 0; k < sizes[n_sizes - 1]; k++)
    {
      /* Translators: the target value of output k, as the diagram labels it */
      g_autofree char *name = g_strdup_printf (_("t%u"), k + 1);
      GtkWidget *row = value_row_new (self, name, TRUE, k, lower, upper);

      adw_preferences_group_add (self->targets_group, row);
      g_ptr_array_add (self->value_rows, row);
    }
}

static void
sync_value_controls (BpWindow *self)
{
  double lower, upper;

  target_range (self, &lower, &upper);
  self->syncing = TRUE;
  for (guint k = 0; k < self->value_controls->len; k++)
    {
      ValueControl *control = g_ptr_array_index (self->value_controls, k);
      double value = control_value (self, control);

      if (control->is_target)
        {
          gtk_adjustment_set_lower (control->scale_adjustment, lower);
          gtk_adjustment_set_upper (control->scale_adjustment, upper);
        }
      gtk_adjustment_set_value (control->scale_adjustment, value);
      gtk_adjustment_set_value (control->spin_adjustment, value);
    }
  self->syncing = FALSE;
}

static guint
choice_index (const BpActivation *choices,
              guint               n_choices,
              BpActivation        activation)
{
  for (guint k = 0; k < n_choices; k++)
    if (choices[k] == activation)
      return k;
  return 0;
}

static void
sync_pickers (BpWindow *self)
{
  guint L = bp_network_get_n_layers (self->network);

  self->syncing = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->hidden_row), L > 1);
  if (L > 1)
    adw_combo_row_set_selected (self->hidden_row,
                                choice_index (hidden_choices, G_N_ELEMENTS (hidden_choices),
                                              bp_network_get_activation (self->network, 0)));
  adw_combo_row_set_selected (self->output_row,
                              choice_index (output_choices, G_N_ELEMENTS (output_choices),
                                            bp_network_get_activation (self->network, L - 1)));
  adw_combo_row_set_selected (self->loss_row,
                              bp_network_get_loss_kind (self->network) == BP_LOSS_CROSS_ENTROPY);
  self->syncing = FALSE;
}

/* η from the log slider: 10^x. */
static void
rate_scale_changed_cb (BpWindow *self)
{
  double eta;

  if (self->syncing)
    return;
  /* Three significant digits are what a slider can mean; the spin button is exact. */
  eta = pow (10.0, gtk_adjustment_get_value (self->rate_scale_adjustment));
  eta = g_strtod (g_strdup_printf ("%.3g", eta), NULL);
  bp_network_set_learning_rate (self->network, eta);
}

static void
rate_spin_changed_cb (BpWindow *self)
{
  double eta = gtk_adjustment_get_value (self->rate_spin_adjustment);

  if (self->syncing || !(eta > 0.0 && eta <= 100.0))
    return;
  bp_network_set_learning_rate (self->network, eta);
}

/* The spin button shows η exactly, as %g, rather than with a fixed number of digits. */
static gboolean
rate_spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%.6g", gtk_spin_button_get_value (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
sync_rate (BpWindow *self)
{
  double eta = bp_network_get_learning_rate (self->network);

  self->syncing = TRUE;
  gtk_adjustment_set_value (self->rate_scale_adjustment, CLAMP (log10 (eta), -3.0, 1.0));
  gtk_adjustment_set_value (self->rate_spin_adjustment, eta);
  self->syncing = FALSE;
}

static void
update_readouts (BpWindow *self)
{
  g_autofree char *step = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                           bp_network_get_step_count (self->network));
  double loss = bp_network_get_loss (self->network);
  g_autofree char *loss_text = isfinite (loss) ? g_strdup_printf ("%.6g", loss)
                                               : g_strdup ("—");

  gtk_label_set_label (self->step_label, step);
  gtk_label_set_label (self->loss_label, loss_text);
}

static void
update_title (BpWindow *self)
{
  adw_window_title_set_subtitle (self->window_title,
                                 self->file_name != NULL ? self->file_name : _("Untitled"));
}

/* Whether the loss has run away: far above the lowest loss since the last reset. The engine
 * refuses only steps that overflow; a loss a thousand times its best is the same trouble,
 * seen before the numbers become infinite. */
static gboolean
loss_ran_away (BpWindow *self)
{
  const BpHistory *history = bp_network_get_history (self->network);
  double loss = bp_network_get_loss (self->network);
  double best = loss;

  for (guint k = bp_history_get_length (history); k > 0; k--)
    {
      const BpHistoryPoint *point = bp_history_get (history, k - 1);

      best = MIN (best, point->loss);
      if (point->after_reset)
        break;
    }
  return loss > 1.0 && loss > RUNAWAY_FACTOR * MAX (best, 1e-3);
}

static void
stop_playing (BpWindow *self);

/* Shows the calm message about a diverging network, and stops playing. */
static void
update_trouble (BpWindow *self)
{
  gboolean diverged = bp_network_get_diverged (self->network);
  gboolean runaway = !diverged && loss_ran_away (self);

  if (diverged)
    gtk_label_set_label (self->diverged_label,
                         _("The network diverged: the next step would make a number infinite, "
                           "so it was not applied. Lower the learning rate η or reset the "
                           "weights."));
  else if (runaway)
    gtk_label_set_label (self->diverged_label,
                         _("The loss is growing instead of falling: each step overshoots. "
                           "Lower the learning rate η or reset the weights."));
  if (diverged || runaway)
    stop_playing (self);
  gtk_revealer_set_reveal_child (self->diverged_revealer, diverged || runaway);
}

static void
network_backward_cb (BpWindow *self)
{
  update_readouts (self);
  sync_value_controls (self);
  update_trouble (self);
}

static void
network_structure_changed_cb (BpWindow *self)
{
  build_value_rows (self);
  sync_value_controls (self);
  sync_pickers (self);
}

static void
stop_playing (BpWindow *self)
{
  if (self->play_tick_id == 0)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->play_tick_id);
  self->play_tick_id = 0;
  gtk_button_set_label (self->play_button, _("Play"));
}

/* Runs n steps; the first is animated when asked. Stops playing on divergence. */
static gboolean
run_steps (BpWindow *self,
           guint     n_steps,
           gboolean  animated)
{
  g_autoptr(GError) error = NULL;

  if (animated)
    bp_diagram_animate_next_step (self->diagram);
  if (n_steps == 1 ? bp_network_step (self->network, &error)
                   : bp_network_step_n (self->network, n_steps, &error))
    return TRUE;

  update_trouble (self);
  return FALSE;
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_steps (BP_WINDOW (widget), 1, TRUE);
}

static void
step_ten_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  bp_diagram_finish_animation (self->diagram);
  run_steps (self, 10, FALSE);
}

static double
play_rate (BpWindow *self)
{
  return pow (10.0, gtk_adjustment_get_value (self->play_rate_adjustment));
}

static void
play_rate_changed_cb (BpWindow *self)
{
  double rate = play_rate (self);
  g_autofree char *text = NULL;

  /* Translators: how many training steps run per second while playing */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f step per second",
                                       "%.0f steps per second", (gulong) round (rate)),
                          rate);
  gtk_label_set_label (self->play_rate_label, text);
}

/* On every frame, run the steps the play rate owes since the last one. */
static gboolean
play_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  BpWindow *self = BP_WINDOW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double rate = play_rate (self);
  guint n;

  if (self->play_last_time == 0)
    {
      self->play_last_time = now;
      self->play_debt = 1.0;
    }
  self->play_debt += (now - self->play_last_time) / 1e6 * rate;
  self->play_debt = MIN (self->play_debt, rate / 10.0 + 1.0);
  self->play_last_time = now;
  n = (guint) self->play_debt;
  if (n == 0)
    return G_SOURCE_CONTINUE;
  self->play_debt -= n;
  if (!run_steps (self, n, rate <= ANIMATED_PLAY_RATE && n == 1))
    return G_SOURCE_REMOVE;
  return G_SOURCE_CONTINUE;
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  if (self->play_tick_id != 0)
    {
      stop_playing (self);
      return;
    }
  self->play_last_time = 0;
  self->play_tick_id = gtk_widget_add_tick_callback (widget, play_tick_cb, NULL, NULL);
  gtk_button_set_label (self->play_button, _("Pause"));
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  bp_diagram_finish_animation (self->diagram);
  bp_network_reset (self->network, g_random_int ());
}

static void
lower_rate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  double eta = bp_network_get_learning_rate (self->network);

  bp_network_set_learning_rate (self->network, MAX (eta / 10.0, 1e-6));
}

static void
zoom_by (BpWindow *self,
         double    factor)
{
  double zoom = factor == 0.0 ? 1.0 : bp_diagram_get_zoom (self->diagram) * factor;

  bp_diagram_set_zoom (self->diagram, CLAMP (zoom, MIN_ZOOM, MAX_ZOOM));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    zoom_by (self, ZOOM_FACTOR);
  else if (g_str_equal (action_name, "win.zoom-out"))
    zoom_by (self, 1.0 / ZOOM_FACTOR);
  else
    zoom_by (self, 0.0);
}

static void
show_guide_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  gboolean shown = !gtk_revealer_get_reveal_child (self->side_revealer);

  gtk_revealer_set_reveal_child (self->side_revealer, shown);
  if (!self->narrow)
    self->side_wanted = shown;
}

static gboolean
update_layout_cb (gpointer data)
{
  BpWindow *self = data;

  self->layout_idle_id = 0;
  gtk_revealer_set_reveal_child (self->side_revealer, self->side_wanted && !self->narrow);
  return G_SOURCE_REMOVE;
}

/* A narrow window hides the side panel; widening it brings the panel back if it was open.
 * The change waits for an idle moment: a widget must not change its children's visibility
 * while it is being allocated. */
static void
bp_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  BpWindow *self = BP_WINDOW (widget);
  gboolean narrow = width < NARROW_WIDTH;

  GTK_WIDGET_CLASS (bp_window_parent_class)->size_allocate (widget, width, height, baseline);
  if (narrow != self->narrow && self->layout_idle_id == 0)
    {
      self->narrow = narrow;
      self->layout_idle_id = g_idle_add (update_layout_cb, self);
    }
}

static void
activation_picked (BpWindow *self,
                   guint     first_layer,
                   guint     last_layer,
                   BpActivation activation)
{
  g_autoptr(GError) error = NULL;

  for (guint l = first_layer; l <= last_layer; l++)
    if (bp_network_get_activation (self->network, l) != activation &&
        !bp_network_set_activation (self->network, l, activation, &error))
      {
        toast (self, error->message);
        return;
      }
}

static void
hidden_picked_cb (BpWindow *self)
{
  guint L = bp_network_get_n_layers (self->network);
  guint k = adw_combo_row_get_selected (self->hidden_row);

  if (self->syncing || L < 2 || k >= G_N_ELEMENTS (hidden_choices))
    return;
  activation_picked (self, 0, L - 2, hidden_choices[k]);
}

/* Cross-entropy needs a sigmoid output: picking another output switches the loss back to
 * squared error first, and says so. */
static void
output_picked_cb (BpWindow *self)
{
  guint L = bp_network_get_n_layers (self->network);
  guint k = adw_combo_row_get_selected (self->output_row);

  if (self->syncing || k >= G_N_ELEMENTS (output_choices))
    return;
  if (output_choices[k] != BP_ACTIVATION_SIGMOID &&
      bp_network_get_loss_kind (self->network) == BP_LOSS_CROSS_ENTROPY)
    {
      bp_network_set_loss_kind (self->network, BP_LOSS_SQUARED_ERROR, NULL);
      toast (self, _("Cross-entropy needs a sigmoid output, so the loss is now squared error"));
    }
  activation_picked (self, L - 1, L - 1, output_choices[k]);
  sync_pickers (self);
  sync_value_controls (self);
}

static void
loss_picked_cb (BpWindow *self)
{
  guint L = bp_network_get_n_layers (self->network);
  guint k = adw_combo_row_get_selected (self->loss_row);
  g_autoptr(GError) error = NULL;

  if (self->syncing || k >= G_N_ELEMENTS (loss_choices))
    return;
  if (loss_choices[k] == BP_LOSS_CROSS_ENTROPY)
    {
      if (bp_network_get_activation (self->network, L - 1) != BP_ACTIVATION_SIGMOID)
        {
          activation_picked (self, L - 1, L - 1, BP_ACTIVATION_SIGMOID);
          toast (self, _("Cross-entropy needs a sigmoid output, so the output is now sigmoid"));
        }
      for (guint t = 0; t < self->value_controls->len; t++)
        {
          ValueControl *control = g_ptr_array_index (self->value_controls, t);

          if (control->is_target)
            bp_network_set_target (self->network, control->index,
                                   CLAMP (control_value (self, control), 0.0, 1.0), NULL);
        }
    }
  if (!bp_network_set_loss_kind (self->network, loss_choices[k], &error))
    toast (self, error->message);
  sync_pickers (self);
  sync_value_controls (self);
}

static void
selection_changed_cb (BpWindow *self)
{
  BpSelection selection;

  bp_diagram_get_selection (self->diagram, &selection);
  bp_math_panel_set_selection (self->math_panel, &selection);
  if (selection.kind != BP_SELECTION_NONE)
    gtk_stack_set_visible_child_name (self->side_stack, "math");
}

/* For the start-up benchmark: with BACKPROP_REPORT_FIRST_FRAME set, the time the first
 * frame was painted goes to standard error, on the monotonic clock. */
static void
first_frame_painted_cb (GdkFrameClock *clock,
                        BpWindow      *self)
{
  g_printerr ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, self);
}

static void
bp_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (bp_window_parent_class)->realize (widget);
  if (g_getenv ("BACKPROP_REPORT_FIRST_FRAME") != NULL)
    g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                      G_CALLBACK (first_frame_painted_cb), widget);
}

static void
bp_window_dispose (GObject *object)
{
  BpWindow *self = BP_WINDOW (object);

  stop_playing (self);
  g_clear_handle_id (&self->layout_idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_WINDOW);
  g_clear_pointer (&self->value_rows, g_ptr_array_unref);
  g_clear_pointer (&self->value_controls, g_ptr_array_unref);
  g_clear_object (&self->network);
  g_clear_pointer (&self->file_name, g_free);
  G_OBJECT_CLASS (bp_window_parent_class)->dispose (object);
}

static void
add_action_with_keys (GtkWidgetClass  *widget_class,
                      const char      *name,
                      GtkWidgetActionActivateFunc activate,
                      guint            key,
                      GdkModifierType  mods)
{
  gtk_widget_class_install_action (widget_class, name, NULL, activate);
  if (key != 0)
    gtk_widget_class_add_binding_action (widget_class, key, mods, name, NULL);
}

static void
bp_window_class_init (BpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_window_dispose;
  widget_class->size_allocate = bp_window_size_allocate;
  widget_class->realize = bp_window_realize;

  g_type_ensure (BP_TYPE_DIAGRAM);
  g_type_ensure (BP_TYPE_SPARKLINE);
  g_type_ensure (BP_TYPE_MATH_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplab/Backprop/bp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, diverged_revealer);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, diverged_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, inputs_group);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, targets_group);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, rate_scale_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, rate_spin_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, rate_spin);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, hidden_row);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, output_row);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, loss_row);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, step_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, loss_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, play_rate_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, play_rate_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, diagram);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, sparkline);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, math_panel);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, side_revealer);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, side_stack);

  add_action_with_keys (widget_class, "win.step", step_action, GDK_KEY_F10, 0);
  add_action_with_keys (widget_class, "win.step-ten", step_ten_action, GDK_KEY_F10,
                        GDK_SHIFT_MASK);
  add_action_with_keys (widget_class, "win.play", play_action, GDK_KEY_F5, 0);
  add_action_with_keys (widget_class, "win.reset", reset_action, GDK_KEY_r, GDK_CONTROL_MASK);
  add_action_with_keys (widget_class, "win.lower-rate", lower_rate_action, 0, 0);
  add_action_with_keys (widget_class, "win.zoom-in", zoom_action, GDK_KEY_plus,
                        GDK_CONTROL_MASK);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  add_action_with_keys (widget_class, "win.zoom-out", zoom_action, GDK_KEY_minus,
                        GDK_CONTROL_MASK);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  add_action_with_keys (widget_class, "win.zoom-reset", zoom_action, GDK_KEY_0,
                        GDK_CONTROL_MASK);
  add_action_with_keys (widget_class, "win.show-guide", show_guide_action, GDK_KEY_F1, 0);
}

static void
connect_controls (BpWindow *self)
{
  g_signal_connect_swapped (self->rate_scale_adjustment, "value-changed",
                            G_CALLBACK (rate_scale_changed_cb), self);
  g_signal_connect_swapped (self->rate_spin_adjustment, "value-changed",
                            G_CALLBACK (rate_spin_changed_cb), self);
  g_signal_connect (self->rate_spin, "output", G_CALLBACK (rate_spin_output_cb), NULL);
  g_signal_connect_swapped (self->hidden_row, "notify::selected",
                            G_CALLBACK (hidden_picked_cb), self);
  g_signal_connect_swapped (self->output_row, "notify::selected",
                            G_CALLBACK (output_picked_cb), self);
  g_signal_connect_swapped (self->loss_row, "notify::selected",
                            G_CALLBACK (loss_picked_cb), self);
  g_signal_connect_swapped (self->play_rate_adjustment, "value-changed",
                            G_CALLBACK (play_rate_changed_cb), self);
  g_signal_connect_swapped (self->diagram, "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);
}

/* Shows a network: every view follows the model from here on. */
static void
set_network (BpWindow  *self,
             BpNetwork *network)
{
  if (self->network != NULL)
    g_signal_handlers_disconnect_by_data (self->network, self);
  g_set_object (&self->network, network);

  g_signal_connect_object (network, "backward", G_CALLBACK (network_backward_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "structure-changed",
                           G_CALLBACK (network_structure_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "notify::diverged", G_CALLBACK (update_trouble), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "notify::learning-rate", G_CALLBACK (sync_rate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "notify::loss-kind", G_CALLBACK (sync_pickers), self,
                           G_CONNECT_SWAPPED);

  bp_diagram_set_network (self->diagram, network);
  bp_sparkline_set_network (self->sparkline, network);
  bp_math_panel_set_network (self->math_panel, network);
  network_structure_changed_cb (self);
  sync_rate (self);
  update_readouts (self);
  update_trouble (self);
}

static void
bp_window_init (BpWindow *self)
{
  g_autoptr(BpNetwork) network = bp_network_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->side_wanted = TRUE;
  self->value_rows = g_ptr_array_new ();
  self->value_controls = g_ptr_array_new_with_free_func (g_free);
  connect_controls (self);
  set_network (self, network);
  play_rate_changed_cb (self);
  update_title (self);
}

BpWindow *
bp_window_new (GtkApplication *application)
{
  return g_object_new (BP_TYPE_WINDOW, "application", application, NULL);
}

BpNetwork *
bp_window_get_network (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), NULL);
  return self->network;
}

static gboolean
check_shown_size (BpNetwork *network,
                  GError   **error)
{
  guint n_sizes;
  const guint *sizes = bp_network_get_sizes (network, &n_sizes);

  if (n_sizes - 1 > MAX_SHOWN_LAYERS)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                   _("This network has %u weight layers; the window shows up to %u. "
                     "Use backprop-cli to train and explain it."),
                   n_sizes - 1, MAX_SHOWN_LAYERS);
      return FALSE;
    }
  for (guint l = 0; l < n_sizes; l++)
    if (sizes[l] > MAX_SHOWN_WIDTH)
      {
        g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                     _("Layer %u of this network has %u neurons; the window shows up to %u "
                       "per layer. Use backprop-cli to train and explain it."),
                     l, sizes[l], MAX_SHOWN_WIDTH);
        return FALSE;
      }
  return TRUE;
}

/**
 * bp_window_open_file:
 * @self: a window
 * @file: a network file
 * @error: return location for a #GError
 *
 * Shows the network of @file. On failure the window keeps its network and @error says why,
 * naming the file.
 *
 * Returns: %TRUE if the file was opened
 */
gboolean
bp_window_open_file (BpWindow *self,
                     GFile    *file,
                     GError  **error)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autofree char *name = g_file_get_basename (file);

  if (!bp_network_load (network, file, error) || !check_shown_size (network, error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  bp_diagram_finish_animation (self->diagram);
  g_free (self->file_name);
  self->file_name = g_steal_pointer (&name);
  set_network (self, network);
  update_title (self);
  return TRUE;
}

/**
 * bp_window_show_error:
 * @self: a window
 * @message: what went wrong
 *
 * Tells the user about a problem that left everything as it was.
 */
void
bp_window_show_error (BpWindow   *self,
                      const char *message)
{
  toast (self, message);
}
