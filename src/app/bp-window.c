/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window.c: the main window. It knows the network only through BpNetwork's public API
 * and signals; the diagram, the sparkline and the math panel draw it. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include "bp-window.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bp-diagram.h"
#include "bp-export.h"
#include "bp-math-panel.h"
#include "bp-preferences.h"
#include "bp-sparkline.h"
#include "bp-state.h"

/* The window shows networks up to this size; larger ones are for backprop-cli. */
#define MAX_SHOWN_LAYERS 8
#define MAX_SHOWN_WIDTH 16

#define MIN_ZOOM 0.5
#define MAX_ZOOM 4.0
#define ZOOM_FACTOR 1.25

/* Play runs at 10^x steps per second for the speed slider's x in [0, 3]. Steps slower
 * than this are animated one by one, each to its end: the next waits for it. */
#define ANIMATED_PLAY_RATE 2.0

/* A loss this many times above its best since the last reset has run away. */
#define RUNAWAY_FACTOR 1000.0

/* Below this width the side panel gives its room to the diagram until asked for. */
#define NARROW_WIDTH 1100

/* The state file is written this long after a change. A seconds timer may fire up to a
 * second late, so 4 keeps the promise that killing the app loses at most 5 s of training. */
#define STATE_SAVE_SECONDS 4

/* libadwaita 1.5 replaced AdwMessageDialog by AdwAlertDialog; the calls match one to one. */
#if ADW_CHECK_VERSION (1, 5, 0)
typedef AdwAlertDialog BpAlert;
# define bp_alert_new(parent, heading, body) ADW_ALERT_DIALOG (adw_alert_dialog_new (heading, body))
# define bp_alert_add_response adw_alert_dialog_add_response
# define bp_alert_set_response_appearance adw_alert_dialog_set_response_appearance
# define bp_alert_set_default_response adw_alert_dialog_set_default_response
# define bp_alert_set_close_response adw_alert_dialog_set_close_response
# define bp_alert_set_extra_child adw_alert_dialog_set_extra_child
# define bp_alert_present(alert, parent) adw_dialog_present (ADW_DIALOG (alert), GTK_WIDGET (parent))
#else
typedef AdwMessageDialog BpAlert;
# define bp_alert_new(parent, heading, body) \
  ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (parent), heading, body))
# define bp_alert_add_response adw_message_dialog_add_response
# define bp_alert_set_response_appearance adw_message_dialog_set_response_appearance
# define bp_alert_set_default_response adw_message_dialog_set_default_response
# define bp_alert_set_close_response adw_message_dialog_set_close_response
# define bp_alert_set_extra_child adw_message_dialog_set_extra_child
# define bp_alert_present(alert, parent) gtk_window_present (GTK_WINDOW (alert))
#endif

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
  gboolean syncing;           /* the window itself is setting a control */

  GSettings *settings;        /* NULL when the schema is not installed */
  GFile *document;            /* the network file shown, or NULL: Untitled */
  gboolean modified;          /* changes not saved to the document */
  GFile *state_file;          /* where the network is kept between launches, or NULL */
  gboolean state_dirty;       /* changes not yet in the state file */
  gboolean state_error_shown;
  guint state_timeout_id;
  GFile *pending_open;        /* to open once the network is saved */
  gboolean close_pending;     /* to close once the network is saved */
  gboolean close_anyway;      /* the user chose to close without keeping the changes */

  BpExportFormat export_format;
  int export_width;
  int export_height;

  gboolean narrow;            /* the window is narrower than NARROW_WIDTH */
  gboolean side_wanted;       /* the user's choice for the side panel in a wide window */
  guint layout_idle_id;

  guint play_tick_id;
  gint64 play_last_time;
  double play_debt;           /* steps owed to the play rate since the last frame */

  guint64 seen_step;          /* the step count when the loss was last looked at */
  double best_loss;           /* the lowest loss of the steps since the last other change */
  gboolean runaway;           /* the steps since then made the loss run away */
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

/* A toast shows one line: a longer message, such as an error naming a file and the problem,
 * gets a button that shows all of it. */
#define TOAST_MAX_CHARS 72

static void
toast_details_cb (AdwToast *t,
                  BpWindow *self)
{
  const char *message = g_object_get_data (G_OBJECT (t), "bp-message");
  BpAlert *alert = bp_alert_new (self, NULL, message);

  bp_alert_add_response (alert, "close", _("_Close"));
  bp_alert_present (alert, self);
}

static void
toast (BpWindow   *self,
       const char *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 5);
  if (g_utf8_strlen (message, -1) > TOAST_MAX_CHARS)
    {
      adw_toast_set_timeout (t, 10);
      /* Translators: the button of a notification that shows the whole error message */
      adw_toast_set_button_label (t, _("Details"));
      g_object_set_data_full (G_OBJECT (t), "bp-message", g_strdup (message), g_free);
      g_signal_connect_object (t, "button-clicked", G_CALLBACK (toast_details_cb), self, 0);
    }
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

/* Reads a number as the user types it: with the locale's decimal separator or with '.'
 * (g_strtod takes whichever reads more). Anything left over makes it no number. */
static gboolean
parse_exact (const char *text,
             double     *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *end;

  if (*trimmed == '\0')
    return FALSE;
  *value = g_strtod (trimmed, &end);
  return *end == '\0' && isfinite (*value);
}

/* The shortest text that reads back as exactly this number, in the locale's style: a spin
 * button must never round what a file or a step put into the network. */
static char *
format_exact (double value)
{
  for (int digits = 15; digits < 17; digits++)
    {
      g_autofree char *text = g_strdup_printf ("%.*g", digits, value);
      double back;

      if (parse_exact (text, &back) && back == value)
        return g_steal_pointer (&text);
    }
  return g_strdup_printf ("%.17g", value);
}

/* The "output" of a spin button that shows its value exactly. */
static gboolean
exact_spin_output_cb (GtkSpinButton *spin)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  g_autofree char *text = format_exact (gtk_adjustment_get_value (adjustment));

  if (!g_str_equal (text, gtk_editable_get_text (GTK_EDITABLE (spin))))
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* The "input" of such a spin button: the value changes only when the user typed another
 * number, so tabbing through the field leaves the network alone. */
static int
exact_spin_input_cb (GtkSpinButton *spin,
                     double        *new_value)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  double shown = gtk_adjustment_get_value (adjustment);
  g_autofree char *shown_text = format_exact (shown);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  *new_value = shown;
  if (g_str_equal (text, shown_text))
    return TRUE;
  if (!parse_exact (text, new_value))
    {
      *new_value = shown;
      return GTK_INPUT_ERROR;
    }
  /* GtkSpinButton ignores a change smaller than 1e-10, which a small η can need. */
  gtk_adjustment_set_value (adjustment, *new_value);
  return TRUE;
}

static void
make_spin_exact (GtkSpinButton *spin)
{
  g_signal_connect (spin, "input", G_CALLBACK (exact_spin_input_cb), NULL);
  g_signal_connect (spin, "output", G_CALLBACK (exact_spin_output_cb), NULL);
  /* Numbers read left to right in every language; in a right-to-left entry GTK would move
   * the minus sign to the end. */
  gtk_widget_set_direction (GTK_WIDGET (spin), GTK_TEXT_DIR_LTR);
}

/* A row with a slider for the usual range and a spin button for the exact value, which
 * takes any number a file may hold. */
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
  /* Translators: the accessible name of a slider; %s is an input's or a target's name, such
   * as x1 or t1 */
  g_autofree char *scale_name = g_strdup_printf (_("%s slider"), name);

  control->window = self;
  control->is_target = is_target;
  control->index = index;
  control->scale_adjustment = gtk_adjustment_new (0, lower, upper, 0.01, 0.1, 0);
  control->spin_adjustment = gtk_adjustment_new (0, -G_MAXDOUBLE, G_MAXDOUBLE, 0.01, 0.1, 0);

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
  make_spin_exact (GTK_SPIN_BUTTON (spin));
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
          gboolean cross_entropy = bp_network_get_loss_kind (self->network) ==
                                   BP_LOSS_CROSS_ENTROPY;

          gtk_adjustment_set_lower (control->scale_adjustment, lower);
          gtk_adjustment_set_upper (control->scale_adjustment, upper);
          /* The spin button takes any target the loss allows. */
          gtk_adjustment_set_lower (control->spin_adjustment,
                                    cross_entropy ? 0.0 : -G_MAXDOUBLE);
          gtk_adjustment_set_upper (control->spin_adjustment,
                                    cross_entropy ? 1.0 : G_MAXDOUBLE);
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
  char rounded[G_ASCII_DTOSTR_BUF_SIZE];
  double eta;

  if (self->syncing)
    return;
  /* Three significant digits are what a slider can mean; the spin button is exact. The
   * rounding goes through '.' decimals whatever the locale. */
  eta = pow (10.0, gtk_adjustment_get_value (self->rate_scale_adjustment));
  eta = g_ascii_strtod (g_ascii_formatd (rounded, sizeof rounded, "%.3g", eta), NULL);
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

static char *
document_name (BpWindow *self)
{
  if (self->document == NULL)
    /* Translators: the name of a network not saved to a file yet */
    return g_strdup (_("Untitled"));
  if (g_file_peek_path (self->document) != NULL)
    return g_filename_display_basename (g_file_peek_path (self->document));
  return g_file_get_basename (self->document);
}

/* "try.json", or "• try.json" with changes not saved to it, as GNOME Text Editor marks them. */
static void
update_title (BpWindow *self)
{
  g_autofree char *name = document_name (self);
  /* Translators: the window's subtitle for a network with changes that are not saved; %s is
   * its name, a file name or "Untitled" */
  g_autofree char *shown = self->modified ? g_strdup_printf (_("• %s"), name)
                                          : g_strdup (name);
  /* Translators: the window's title: the file name, then the app's name */
  g_autofree char *title = g_strdup_printf (_("%s — Backprop"), shown);

  adw_window_title_set_subtitle (self->window_title, shown);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* Writes the state file now; without one there is nothing to write. */
static gboolean
write_state (BpWindow  *self,
             GError   **error)
{
  g_clear_handle_id (&self->state_timeout_id, g_source_remove);
  if (self->state_file == NULL)
    return TRUE;
  if (!bp_state_save (self->state_file, self->network, self->document, self->modified, error))
    return FALSE;
  self->state_dirty = FALSE;
  /* A later failure is news again. */
  self->state_error_shown = FALSE;
  return TRUE;
}

/* Writes the state file, and tells the user when it cannot. Returns whether it was written. */
static gboolean
save_state (BpWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (write_state (self, &error))
    return TRUE;
  /* Once: the next attempts would most likely fail the same way. */
  if (!self->state_error_shown)
    toast (self, error->message);
  self->state_error_shown = TRUE;
  return FALSE;
}

static gboolean
state_timeout_cb (gpointer data)
{
  BpWindow *self = data;

  self->state_timeout_id = 0;
  save_state (self);
  return G_SOURCE_REMOVE;
}

/* Every change reaches the state file within STATE_SAVE_SECONDS, however many follow it. */
static void
network_changed_cb (BpWindow *self)
{
  self->state_dirty = TRUE;
  if (!self->modified)
    {
      self->modified = TRUE;
      update_title (self);
    }
  if (self->state_file != NULL && self->state_timeout_id == 0)
    self->state_timeout_id = g_timeout_add_seconds (STATE_SAVE_SECONDS, state_timeout_cb, self);
}

static void
set_document (BpWindow *self,
              GFile    *document,
              gboolean  modified)
{
  g_set_object (&self->document, document);
  self->modified = modified;
  update_title (self);
}

/* The loss of the network as it is now is the one later steps are judged against. */
static void
start_loss_baseline (BpWindow *self)
{
  self->seen_step = bp_network_get_step_count (self->network);
  self->best_loss = bp_network_get_loss (self->network);
  self->runaway = FALSE;
}

/* Whether the loss has run away: far above its lowest since the steps began. The engine
 * refuses only steps that overflow; a loss a thousand times its best is the same trouble,
 * seen before the numbers become infinite. Only steps can overshoot: any other change (an
 * input, a target, a function, a reset) may raise the loss and starts a new baseline. */
static void
track_loss (BpWindow *self)
{
  const BpHistory *history = bp_network_get_history (self->network);
  guint64 step = bp_network_get_step_count (self->network);
  double loss = bp_network_get_loss (self->network);

  if (step <= self->seen_step)
    {
      start_loss_baseline (self);
      return;
    }
  /* The losses of the steps in between, as the history has them. */
  for (guint k = bp_history_get_length (history); k > 0; k--)
    {
      const BpHistoryPoint *point = bp_history_get (history, k - 1);

      if (point->step <= self->seen_step)
        break;
      self->best_loss = MIN (self->best_loss, point->loss);
    }
  self->best_loss = MIN (self->best_loss, loss);
  self->seen_step = step;
  self->runaway = loss > 1.0 && loss > RUNAWAY_FACTOR * MAX (self->best_loss, 1e-3);
}

static void
stop_playing (BpWindow *self);

/* Shows the calm message about a diverging network, and stops playing. */
static void
update_trouble (BpWindow *self)
{
  gboolean diverged = bp_network_get_diverged (self->network);
  gboolean runaway = !diverged && self->runaway;

  if (diverged)
    gtk_label_set_label (self->diverged_label,
                         /* Translators: a banner over the diagram; η is the learning rate and
                          * stays as it is */
                         _("The network diverged: the next step would make a number infinite, "
                           "so it was not applied. Lower the learning rate η or reset the "
                           "weights."));
  else if (runaway)
    gtk_label_set_label (self->diverged_label,
                         /* Translators: a banner over the diagram; η is the learning rate and
                          * stays as it is */
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
  track_loss (self);
  update_trouble (self);
}

static void
network_structure_changed_cb (BpWindow *self)
{
  build_value_rows (self);
  sync_value_controls (self);
  sync_pickers (self);
}

/* Stops playing; returns whether it was playing. */
static gboolean
halt_playing (BpWindow *self)
{
  if (self->play_tick_id == 0)
    return FALSE;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->play_tick_id);
  self->play_tick_id = 0;
  /* Translators: the button that starts training continuously */
  gtk_button_set_label (self->play_button, _("Play"));
  return TRUE;
}

static void
stop_playing (BpWindow *self)
{
  /* A pause is a natural point to keep the work. */
  if (halt_playing (self) && self->state_dirty)
    save_state (self);
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

/* On every frame, run the steps the play rate owes since the last one. At an animated rate
 * a step waits until the last one's animation is over, gradient wave included: steps then
 * come at the play rate or at the pace of the animation, whichever is slower. */
static gboolean
play_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  BpWindow *self = BP_WINDOW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double rate = play_rate (self);
  gboolean animated = rate <= ANIMATED_PLAY_RATE;
  guint n;

  if (self->play_last_time == 0)
    {
      self->play_last_time = now;
      self->play_debt = 1.0;
    }
  self->play_debt += (now - self->play_last_time) / 1e6 * rate;
  self->play_debt = MIN (self->play_debt, rate / 10.0 + 1.0);
  self->play_last_time = now;
  if (animated && bp_diagram_is_animating (self->diagram))
    {
      self->play_debt = MIN (self->play_debt, 1.0);
      return G_SOURCE_CONTINUE;
    }
  n = (guint) self->play_debt;
  if (n == 0)
    return G_SOURCE_CONTINUE;
  self->play_debt -= n;
  if (!run_steps (self, n, animated && n == 1))
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
  /* Translators: the button that stops continuous training */
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

  /* Down to 10⁻⁶; an η a file set lower still is never raised. */
  bp_network_set_learning_rate (self->network, MAX (eta / 10.0, MIN (eta, 1e-6)));
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
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "side-panel-visible", shown);
}

/* F1: the guide is the app's help. */
static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->side_stack, "guide");
  if (!gtk_revealer_get_reveal_child (self->side_revealer))
    show_guide_action (widget, "win.show-guide", NULL);
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
      /* Translators: a notification; "sigmoid" is the name of a function and stays as it is */
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
          /* Translators: a notification; "sigmoid" is the name of a function and stays as it is */
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

/* ---------------------------------------------------------------------------------------
 * Files: choosing, opening, saving, exporting
 */

typedef void (*FileChosenFunc) (BpWindow *self,
                                GFile    *file);

typedef struct {
  BpWindow *window;
  FileChosenFunc func;
} FileRequest;

static void
file_chosen (FileRequest *request,
             GFile       *file)
{
  if (file != NULL)
    {
      request->func (request->window, file);
    }
  else
    {
      g_clear_object (&request->window->pending_open);
      request->window->close_pending = FALSE;
    }
  g_object_unref (request->window);
  g_free (request);
}

static GtkFileFilter *
network_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Network files"));
  gtk_file_filter_add_mime_type (filter, "application/x-backprop-network+json");
  gtk_file_filter_add_pattern (filter, "*.json");
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
file_dialog_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  g_autoptr(GFile) file = g_object_get_data (source, "bp-save") != NULL
                          ? gtk_file_dialog_save_finish (dialog, result, NULL)
                          : gtk_file_dialog_open_finish (dialog, result, NULL);

  file_chosen (data, file);
}
#else
static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         data)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT
                          ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native)) : NULL;

  file_chosen (data, file);
  g_object_unref (native);
}
#endif

/* Asks for a file through the portal where there is one: GtkFileDialog from GTK 4.10,
 * GtkFileChooserNative before. */
static void
choose_file (BpWindow       *self,
             gboolean        save,
             const char     *title,
             const char     *suggested_name,
             GtkFileFilter  *filter,
             FileChosenFunc  func)
{
  FileRequest *request = g_new0 (FileRequest, 1);
  g_autoptr(GtkFileFilter) owned_filter = filter;

  request->window = g_object_ref (self);
  request->func = func;
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_set_initial_name (dialog, suggested_name);
  if (save)
    {
      g_object_set_data (G_OBJECT (dialog), "bp-save", GINT_TO_POINTER (TRUE));
      gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, file_dialog_done_cb, request);
    }
  else
    gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, file_dialog_done_cb, request);
#else
  GtkFileChooserNative *native = gtk_file_chooser_native_new (
      title, GTK_WINDOW (self),
      save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN, NULL, NULL);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
#endif
}

/* Shows a file's network, or says in a toast why it cannot; the network stays as it was. */
static void
load_file (BpWindow *self,
           GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (!bp_window_open_file (self, file, &error))
    toast (self, error->message);
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Closes the window once the dialog that asked has gone: a dialog must not outlive the
 * window it is transient for. */
static void
close_later (BpWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self),
                   g_object_unref);
}

static gboolean
save_to (BpWindow *self,
         GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) pending = g_steal_pointer (&self->pending_open);
  gboolean close = self->close_pending;

  self->close_pending = FALSE;
  if (!bp_network_save (self->network, file, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  set_document (self, file, FALSE);
  if (close)
    {
      /* The work is in the file now: the window may close even without its state file. */
      close_later (self);
      return TRUE;
    }
  save_state (self);
  if (pending != NULL)
    load_file (self, pending);
  return TRUE;
}

static void
save_as_chosen (BpWindow *self,
                GFile    *file)
{
  save_to (self, file);
}

static void
save_as (BpWindow *self)
{
  g_autofree char *name = self->document != NULL ? g_file_get_basename (self->document)
                                                 /* Translators: a file name; keep the
                                                  * .backprop.json ending */
                                                 : g_strdup (_("Untitled.backprop.json"));

  choose_file (self, TRUE, _("Save Network"), name, network_filter (), save_as_chosen);
}

static void
save (BpWindow *self)
{
  if (self->document == NULL)
    save_as (self);
  else
    save_to (self, self->document);
}

static void
save_changes_response_cb (BpWindow   *self,
                          const char *response)
{
  g_autoptr(GFile) pending = NULL;

  if (g_str_equal (response, "save"))
    {
      save (self);
      return;
    }
  pending = g_steal_pointer (&self->pending_open);
  if (g_str_equal (response, "discard") && pending != NULL)
    load_file (self, pending);
}

/* The response arrives on the dialog; the window is the signal's user data. */
static void
alert_response_cb (BpAlert    *alert,
                   const char *response,
                   BpWindow   *self)
{
  void (*func) (BpWindow *, const char *) = g_object_get_data (G_OBJECT (alert), "bp-func");

  func (self, response);
}

static BpAlert *
alert_new (BpWindow   *self,
           const char *heading,
           const char *body,
           void      (*func) (BpWindow *, const char *))
{
  BpAlert *alert = bp_alert_new (self, heading, body);

  bp_alert_add_response (alert, "cancel", _("_Cancel"));
  bp_alert_set_close_response (alert, "cancel");
  g_object_set_data (G_OBJECT (alert), "bp-func", func);
  g_signal_connect_object (alert, "response", G_CALLBACK (alert_response_cb), self, 0);
  return alert;
}

/* Opening another network while this one has changes not saved to a file asks first. */
static void
request_open (BpWindow *self,
              GFile    *file)
{
  g_autofree char *name = document_name (self);
  g_autofree char *body = NULL;
  BpAlert *alert;

  if (!self->modified)
    {
      load_file (self, file);
      return;
    }
  g_set_object (&self->pending_open, file);
  /* Translators: %s is the network's name, such as a file name or "Untitled" */
  body = g_strdup_printf (_("“%s” has changes that are not saved to a file. If you do not "
                            "save them, they are lost when the other network opens."), name);
  alert = alert_new (self, _("Save Changes?"), body, save_changes_response_cb);
  bp_alert_add_response (alert, "discard", _("_Discard"));
  bp_alert_add_response (alert, "save", self->document != NULL ? _("_Save") : _("_Save As…"));
  bp_alert_set_response_appearance (alert, "discard", ADW_RESPONSE_DESTRUCTIVE);
  bp_alert_set_response_appearance (alert, "save", ADW_RESPONSE_SUGGESTED);
  bp_alert_set_default_response (alert, "save");
  bp_alert_present (alert, self);
}

static void
open_chosen (BpWindow *self,
             GFile    *file)
{
  request_open (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  choose_file (BP_WINDOW (widget), FALSE, _("Open Network"), NULL, network_filter (),
               open_chosen);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (BP_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (BP_WINDOW (widget));
}

/* For scripts and tests, which cannot drive a portal's dialog: Save As to a path. */
static void
save_as_path_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  save_to (BP_WINDOW (widget), file);
}

static const BpPalette *
export_palette (BpWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  BpPaletteChoice choice = self->settings != NULL
                           ? (BpPaletteChoice) g_settings_get_enum (self->settings, "palette")
                           : BP_PALETTE_CHOICE_AUTOMATIC;

  /* A picture for slides and handouts is light, unless the user asked for high contrast. */
  return bp_palette_resolve (choice, FALSE, adw_style_manager_get_high_contrast (manager));
}

static void
export_to (BpWindow       *self,
           GFile          *file,
           BpExportFormat  format)
{
  const BpNet *net = bp_network_get_net (self->network);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *done = NULL;
  BpSelection selection;
  gboolean ok;

  bp_diagram_get_selection (self->diagram, &selection);
  if (format == BP_EXPORT_MARKDOWN)
    ok = bp_export_markdown (net, file, &error);
  else
    ok = bp_export_diagram (net, format, self->export_width, self->export_height,
                            export_palette (self), &selection, file, &error);
  if (!ok)
    {
      toast (self, error->message);
      return;
    }
  /* Translators: %s is a file name */
  done = g_strdup_printf (_("Exported “%s”"), name);
  toast (self, done);
}

static void
export_chosen (BpWindow *self,
               GFile    *file)
{
  export_to (self, file, self->export_format);
}

/* For scripts and tests: export to (path, width, height); the extension names the format. */
static void
export_to_path_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  g_autoptr(GFile) file = NULL;
  BpExportFormat format;
  const char *path;

  g_variant_get (parameter, "(&sii)", &path, &self->export_width, &self->export_height);
  if (!bp_export_format_for_name (path, &format))
    {
      /* Translators: keep the file name endings as they are */
      toast (self, _("Export needs a file name ending in .png, .svg, .pdf or .md"));
      return;
    }
  file = g_file_new_for_path (path);
  export_to (self, file, format);
}

static GtkFileFilter *
export_filter (BpExportFormat format)
{
  static const char * const mime_types[] = {
    "image/png", "image/svg+xml", "application/pdf", "text/markdown",
  };
  static const char * const names[] = {
    /* Translators: names of file types in the file chooser's filter; PNG, SVG, PDF and Markdown
     * are format names */
    N_("PNG images"), N_("SVG drawings"), N_("PDF documents"), N_("Markdown documents"),
  };
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*.%s", bp_export_format_extension (format));

  gtk_file_filter_set_name (filter, _(names[format]));
  gtk_file_filter_add_mime_type (filter, mime_types[format]);
  gtk_file_filter_add_pattern (filter, pattern);
  return filter;
}

static void
export_response_cb (BpWindow   *self,
                    const char *response)
{
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "export"))
    return;
  base = self->document != NULL ? g_file_get_basename (self->document)
                                : g_strdup (_("Untitled"));
  name = bp_window_export_name (base, bp_export_format_extension (self->export_format));
  choose_file (self, TRUE, _("Export"), name, export_filter (self->export_format),
               export_chosen);
}

static gboolean
format_has_size (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      data)
{
  g_value_set_boolean (to, g_value_get_uint (from) != BP_EXPORT_MARKDOWN);
  return TRUE;
}

static void
export_format_cb (AdwComboRow *row,
                  GParamSpec  *pspec,
                  BpWindow    *self)
{
  self->export_format = adw_combo_row_get_selected (row);
}

static void
export_size_cb (GtkSpinButton *spin,
                BpWindow      *self)
{
  int *slot = g_object_get_data (G_OBJECT (spin), "bp-slot");

  *slot = gtk_spin_button_get_value_as_int (spin);
}

static GtkWidget *
size_row_new (BpWindow   *self,
              const char *title,
              int        *slot)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (BP_EXPORT_MIN_SIZE, BP_EXPORT_MAX_SIZE, 10);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), *slot);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_set_data (G_OBJECT (spin), "bp-slot", slot);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (export_size_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

/* Ctrl+E: what to export and how large, then where. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  /* Translators: the choices of the export dialog's Format row; PNG, SVG, PDF and Markdown are
   * format names */
  const char *formats[] = { _("PNG image"), _("SVG drawing"), _("PDF document"),
                            _("Worked example (Markdown)"), NULL };
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *format_row = adw_combo_row_new ();
  /* Translators: the size of an exported picture, in pixels */
  GtkWidget *width_row = size_row_new (self, _("Width"), &self->export_width);
  GtkWidget *height_row = size_row_new (self, _("Height"), &self->export_height);
  BpAlert *alert;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (format_row), _("Format"));
  adw_combo_row_set_model (ADW_COMBO_ROW (format_row),
                           G_LIST_MODEL (gtk_string_list_new (formats)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (format_row), self->export_format);
  g_signal_connect_object (format_row, "notify::selected", G_CALLBACK (export_format_cb),
                           self, 0);
  /* The worked example is text: it has no size. */
  g_object_bind_property_full (format_row, "selected", width_row, "sensitive",
                               G_BINDING_SYNC_CREATE, format_has_size, NULL, NULL, NULL);
  g_object_bind_property (width_row, "sensitive", height_row, "sensitive",
                          G_BINDING_SYNC_CREATE);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         /* Translators: the unit of an exported picture's
                                          * size */
                                         _("Sizes are in pixels, for PDF in points."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), format_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), width_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), height_row);

  alert = alert_new (self, _("Export"),
                     _("The diagram as a picture for slides and handouts, or the worked "
                       "example of the current step as text."), export_response_cb);
  bp_alert_add_response (alert, "export", _("_Export…"));
  bp_alert_set_response_appearance (alert, "export", ADW_RESPONSE_SUGGESTED);
  bp_alert_set_default_response (alert, "export");
  bp_alert_set_extra_child (alert, group);
  bp_alert_present (alert, self);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         BpWindow      *self)
{
  GSList *files = g_value_get_boxed (value);

  if (files == NULL)
    return FALSE;
  request_open (self, files->data);
  return TRUE;
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  if (self->settings != NULL)
    bp_preferences_present (GTK_WINDOW (self), self->settings);
}

static void
close_response_cb (BpWindow   *self,
                   const char *response)
{
  if (g_str_equal (response, "discard"))
    {
      self->close_anyway = TRUE;
      close_later (self);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_pending = TRUE;
      save (self);
    }
}

/* The state file could not keep changes that are in no other file: the user decides, with
 * the reason in front of them. */
static void
ask_before_closing (BpWindow   *self,
                    const char *reason)
{
  BpAlert *alert = alert_new (self, _("Save Changes?"), reason, close_response_cb);

  bp_alert_add_response (alert, "discard", _("_Discard"));
  bp_alert_add_response (alert, "save", self->document != NULL ? _("_Save") : _("_Save As…"));
  bp_alert_set_response_appearance (alert, "discard", ADW_RESPONSE_DESTRUCTIVE);
  bp_alert_set_response_appearance (alert, "save", ADW_RESPONSE_SUGGESTED);
  bp_alert_set_default_response (alert, "save");
  bp_alert_present (alert, self);
}

/* Like GNOME Text Editor: the size is kept when the window closes, and so is the network,
 * which the next launch restores; nothing is asked, since nothing is lost. Only when the
 * state file cannot be written and the changes are in no other file does the window stay
 * and ask. */
static gboolean
bp_window_close_request (GtkWindow *window)
{
  BpWindow *self = BP_WINDOW (window);
  g_autoptr(GError) error = NULL;
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }
  halt_playing (self);
  if (!self->close_anyway && !write_state (self, &error) && self->modified)
    {
      ask_before_closing (self, error->message);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (bp_window_parent_class)->close_request (window);
}

static void
bp_window_dispose (GObject *object)
{
  BpWindow *self = BP_WINDOW (object);

  halt_playing (self);
  g_clear_handle_id (&self->layout_idle_id, g_source_remove);
  g_clear_handle_id (&self->state_timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_WINDOW);
  g_clear_pointer (&self->value_rows, g_ptr_array_unref);
  g_clear_pointer (&self->value_controls, g_ptr_array_unref);
  g_clear_object (&self->network);
  g_clear_object (&self->settings);
  g_clear_object (&self->document);
  g_clear_object (&self->state_file);
  g_clear_object (&self->pending_open);
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
  GTK_WINDOW_CLASS (klass)->close_request = bp_window_close_request;
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
  /* The menu shows the last key bound to an action, so the keypad's and "=" come first. */
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  add_action_with_keys (widget_class, "win.zoom-reset", zoom_action, GDK_KEY_0,
                        GDK_CONTROL_MASK);
  add_action_with_keys (widget_class, "win.show-guide", show_guide_action, 0, 0);
  add_action_with_keys (widget_class, "win.help", help_action, GDK_KEY_F1, 0);
  add_action_with_keys (widget_class, "win.open", open_action, GDK_KEY_o, GDK_CONTROL_MASK);
  add_action_with_keys (widget_class, "win.save", save_action, GDK_KEY_s, GDK_CONTROL_MASK);
  add_action_with_keys (widget_class, "win.save-as", save_as_action, GDK_KEY_s,
                        GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  add_action_with_keys (widget_class, "win.export", export_action, GDK_KEY_e,
                        GDK_CONTROL_MASK);
  add_action_with_keys (widget_class, "win.preferences", preferences_action, GDK_KEY_comma,
                        GDK_CONTROL_MASK);
  gtk_widget_class_install_action (widget_class, "win.save-as-path", "s", save_as_path_action);
  gtk_widget_class_install_action (widget_class, "win.export-to-path", "(sii)",
                                   export_to_path_action);
}

static void
connect_controls (BpWindow *self)
{
  g_signal_connect_swapped (self->rate_scale_adjustment, "value-changed",
                            G_CALLBACK (rate_scale_changed_cb), self);
  g_signal_connect_swapped (self->rate_spin_adjustment, "value-changed",
                            G_CALLBACK (rate_spin_changed_cb), self);
  make_spin_exact (self->rate_spin);
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
  /* Every edit and every step ends with "backward"; η alone has only its notification. */
  g_signal_connect_object (network, "backward", G_CALLBACK (network_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "notify::learning-rate", G_CALLBACK (network_changed_cb),
                           self, G_CONNECT_SWAPPED);

  bp_diagram_set_network (self->diagram, network);
  bp_sparkline_set_network (self->sparkline, network);
  bp_math_panel_set_network (self->math_panel, network);
  network_structure_changed_cb (self);
  sync_rate (self);
  update_readouts (self);
  start_loss_baseline (self);
  update_trouble (self);
}

static gboolean
play_rate_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  g_value_set_double (value, log10 (CLAMP (g_variant_get_double (variant), 1.0, 1000.0)));
  return TRUE;
}

/* The slider is logarithmic; the setting holds steps per second, to three digits. */
static GVariant *
play_rate_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  double rate = pow (10.0, g_value_get_double (value));

  g_ascii_formatd (text, sizeof text, "%.3g", rate);
  return g_variant_new_double (CLAMP (g_ascii_strtod (text, NULL), 1.0, 1000.0));
}

static void
palette_changed_cb (BpWindow *self)
{
  bp_sparkline_set_palette_choice (self->sparkline, g_settings_get_enum (self->settings,
                                                                         "palette"));
}

/* Window size and panes are restored once; the rest follows its setting from now on. */
static void
bind_settings (BpWindow *self)
{
  GSettings *settings = self->settings;

  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  self->side_wanted = g_settings_get_boolean (settings, "side-panel-visible");
  gtk_revealer_set_reveal_child (self->side_revealer, self->side_wanted);
  g_settings_bind (settings, "side-panel-page", self->side_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "diagram-zoom", self->diagram, "zoom", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "animation-speed", self->diagram, "animation-speed",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "play-rate", self->play_rate_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, play_rate_get_mapping,
                                play_rate_set_mapping, NULL, NULL);
  g_settings_bind (settings, "palette", self->diagram, "palette-choice", G_SETTINGS_BIND_GET);
  g_signal_connect_object (settings, "changed::palette", G_CALLBACK (palette_changed_cb), self,
                           G_CONNECT_SWAPPED);
  palette_changed_cb (self);
}

static void
bp_window_init (BpWindow *self)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->side_wanted = TRUE;
  self->value_rows = g_ptr_array_new ();
  self->value_controls = g_ptr_array_new_with_free_func (g_free);
  self->export_width = 1600;
  self->export_height = 900;
  connect_controls (self);
  set_network (self, network);
  self->settings = bp_preferences_new_settings ();
  if (self->settings != NULL)
    bind_settings (self);
  play_rate_changed_cb (self);
  update_title (self);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
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
                   /* Translators: the second number is the window's limit; backprop-cli is
                    * the name of a program and stays as it is */
                   ngettext ("This network has %u weight layer; the window shows up to %u. "
                             "Use backprop-cli to train and explain it.",
                             "This network has %u weight layers; the window shows up to %u. "
                             "Use backprop-cli to train and explain it.", n_sizes - 1),
                   n_sizes - 1, MAX_SHOWN_LAYERS);
      return FALSE;
    }
  for (guint l = 0; l < n_sizes; l++)
    if (sizes[l] > MAX_SHOWN_WIDTH)
      {
        g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                     /* Translators: the layer's index, its number of neurons and the
                      * window's limit; backprop-cli is the name of a program */
                     ngettext ("Layer %u of this network has %u neuron; the window shows up "
                               "to %u per layer. Use backprop-cli to train and explain it.",
                               "Layer %u of this network has %u neurons; the window shows up "
                               "to %u per layer. Use backprop-cli to train and explain it.",
                               sizes[l]),
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

  g_return_val_if_fail (BP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!bp_network_load (network, file, error) || !check_shown_size (network, error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  bp_diagram_finish_animation (self->diagram);
  stop_playing (self);
  set_network (self, network);
  set_document (self, file, FALSE);
  save_state (self);
  return TRUE;
}

/**
 * bp_window_request_open:
 * @self: a window
 * @file: a network file
 *
 * Opens @file as the Open action does: if the network has changes not saved to a file,
 * first asks whether to save them. Errors appear in the window.
 */
void
bp_window_request_open (BpWindow *self,
                        GFile    *file)
{
  g_return_if_fail (BP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  request_open (self, file);
}

/**
 * bp_window_restore_state:
 * @self: a window
 * @state_file: the state file
 *
 * Shows the network kept in @state_file by the last run, and keeps it there from now on:
 * on close, on pause and within a few seconds of every change. A state file that cannot be
 * read, or whose network the window cannot show, is set aside under another name and the
 * user is told.
 */
void
bp_window_restore_state (BpWindow *self,
                         GFile    *state_file)
{
  g_auto(BpFileSession) session = { 0 };
  g_autoptr(BpNetwork) network = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) aside = NULL;
  g_autoptr(GFile) document = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (BP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (state_file));

  g_set_object (&self->state_file, state_file);
  network = bp_state_load (state_file, &session, &error);
  if (network != NULL && check_shown_size (network, &error))
    {
      set_network (self, network);
      if (session.document_path != NULL)
        document = g_file_new_for_path (session.document_path);
      set_document (self, document, session.document_modified);
      return;
    }
  if (error == NULL)
    return;
  aside = bp_state_set_aside (state_file, NULL);
  if (aside == NULL)
    {
      /* Never overwrite what could not be moved away. */
      g_clear_object (&self->state_file);
      /* Translators: a notification at start-up; %s is the reason, such as "the file is
       * empty" */
      message = g_strdup_printf (_("The last session’s network could not be restored: %s. "
                                   "Its file is left as it was."), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (aside);

      /* Translators: a notification at start-up; the first %s is the reason, such as "the
       * file is empty", the second the name the broken file was kept under */
      message = g_strdup_printf (_("The last session’s network could not be restored: %s. "
                                   "It was kept as “%s”; a new network is shown."),
                                 error->message, name);
    }
  toast (self, message);
}

gboolean
bp_window_get_modified (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), FALSE);
  return self->modified;
}

/**
 * bp_window_get_document:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the network file shown, or %NULL for Untitled
 */
GFile *
bp_window_get_document (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), NULL);
  return self->document;
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

/**
 * bp_window_export_name:
 * @document_name: the network file's name, such as "v1.2-run.backprop.json"
 * @extension: the export format's extension, such as "png"
 *
 * The name the Export dialog suggests: the network file's name with its network ending
 * (".backprop.json" or ".json") replaced by @extension. Other dots stay.
 *
 * Returns: (transfer full): a file name, such as "v1.2-run.png"
 */
char *
bp_window_export_name (const char *document_name,
                       const char *extension)
{
  static const char * const endings[] = { ".backprop.json", ".json" };
  gsize length;

  g_return_val_if_fail (document_name != NULL, NULL);
  g_return_val_if_fail (extension != NULL, NULL);

  length = strlen (document_name);
  for (guint k = 0; k < G_N_ELEMENTS (endings); k++)
    if (g_str_has_suffix (document_name, endings[k]) && length > strlen (endings[k]))
      {
        length -= strlen (endings[k]);
        break;
      }
  return g_strdup_printf ("%.*s.%s", (int) length, document_name, extension);
}
