/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window.c: the main window: its class, its template, and the one network it shows. It
 * knows the network only through BpNetwork's public API and signals; the diagram, the
 * sparkline and the math panel draw it, BpTrainer plays it and BpAutosave keeps it. The
 * actions, the controls, the files, the export and the settings have files of their own
 * (bp-window-private.h). */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include "bp-window.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-format.h"
#include "bp-preferences.h"
#include "bp-window-private.h"

G_DEFINE_FINAL_TYPE (BpWindow, bp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PRESENTATION,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
update_readouts (BpWindow *self)
{
  g_autofree char *step = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                           bp_playback_get_shown_step (self->playback));
  double loss = bp_playback_loss_net (self->playback)->loss;

  /* In dataset mode, the training points' loss (the example's is in the Math panel). */
  if (_bp_window_in_dataset_mode (self))
    loss = bp_network_get_train_loss (self->network);
  g_autofree char *loss_text = bp_format_number (loss, BP_NUMBER_FORMULA);

  gtk_label_set_label (self->step_label, step);
  gtk_label_set_label (self->loss_label, loss_text);
}

char *
_bp_window_document_name (BpWindow *self)
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
  g_autofree char *name = _bp_window_document_name (self);
  /* Translators: the window's subtitle for a network with changes that are not saved; %s is
   * its name, a file name or "Untitled" */
  g_autofree char *shown = self->modified ? g_strdup_printf (_("• %s"), name)
                                          : g_strdup (name);
  /* Translators: the window's title: the file name, then the app's name */
  g_autofree char *title = g_strdup_printf (_("%s — Backprop"), shown);

  adw_window_title_set_subtitle (self->window_title, shown);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* A change makes the network differ from its file; the autosave keeps it either way. */
static void
network_changed_cb (BpWindow *self)
{
  if (self->modified)
    return;
  self->modified = TRUE;
  bp_autosave_set_document (self->autosave, self->document, TRUE);
  update_title (self);
}

/* Shows the calm message about a diverging network; the trainer stopped playing. Lowering η
 * does not shrink weights that are already huge, so after that the banner points to Reset. */
static void
update_trouble (BpWindow *self)
{
  BpTrainerTrouble trouble = bp_trainer_get_trouble (self->trainer);
  gboolean diverged = trouble == BP_TRAINER_TROUBLE_DIVERGED;
  gboolean runaway = trouble == BP_TRAINER_TROUBLE_RUNAWAY;
  double eta = bp_network_get_learning_rate (self->network);
  gboolean lowered;

  if (!diverged)
    self->rate_lowered = FALSE;
  else if (self->diverged_rate != 0.0 && eta < self->diverged_rate)
    self->rate_lowered = TRUE;
  self->diverged_rate = diverged ? eta : 0.0;
  lowered = self->rate_lowered;
  if (lowered)
    gtk_label_set_label (self->diverged_label,
                         /* Translators: a banner over the diagram after the learning rate was
                          * lowered; η stays as it is and Reset is the button's name */
                         _("The learning rate η is lower now, but the weights are already "
                           "huge, so the next step may still make a number infinite. Reset "
                           "gives the network new random weights."));
  else if (diverged)
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
  if (lowered)
    gtk_widget_add_css_class (GTK_WIDGET (self->diverged_reset_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->diverged_reset_button), "suggested-action");
  if (diverged || runaway)
    gtk_widget_set_visible (self->diverged_banner, TRUE);
  gtk_revealer_set_reveal_child (self->diverged_revealer, diverged || runaway);
}

/* The hidden banner leaves the accessibility tree once it has slid away. */
static void
diverged_revealed_cb (BpWindow *self)
{
  if (!gtk_revealer_get_reveal_child (self->diverged_revealer)
      && !gtk_revealer_get_child_revealed (self->diverged_revealer))
    gtk_widget_set_visible (self->diverged_banner, FALSE);
}

static void
network_backward_cb (BpWindow *self)
{
  _bp_window_sync_value_controls (self);
}

static void
autosave_failed_cb (BpWindow     *self,
                    const GError *error)
{
  _bp_window_toast (self, error->message);
}

static gboolean
update_layout_cb (gpointer data)
{
  BpWindow *self = data;

  self->layout_idle_id = 0;
  _bp_window_size_boundary (self, self->boundary_height);
  if (!self->presenting)
    _bp_window_set_side_shown (self, self->side_wanted && !self->narrow);
  _bp_window_update_sidebar (self);
  return G_SOURCE_REMOVE;
}

/* A narrow window hides the side panel; widening it brings the panel back if it was open.
 * Opened in a narrow window, the panel takes the controls sidebar's place.
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
  if (narrow != self->narrow || height != self->boundary_height)
    {
      self->narrow = narrow;
      self->boundary_height = height;
      if (self->layout_idle_id == 0)
        self->layout_idle_id = g_idle_add (update_layout_cb, self);
    }
}

/* The diagram and the Math panel follow the selection themselves; the window only turns
 * the side panel to the Math page when something is chosen. */
static void
selection_changed_cb (BpWindow *self)
{
  BpSelection selection;

  bp_selection_model_get_selected (self->selection, &selection);
  /* The Check and Landscape pages follow the selection too: they stay; so does a question
   * of Practice. */
  if (selection.kind != BP_SELECTION_NONE
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), "check") != 0
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), "landscape") != 0
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), "practice") != 0)
    gtk_stack_set_visible_child_name (self->side_stack, "math");
}

/* The panel is never empty: with nothing selected (a new window, or a file whose shape
 * dropped the selection), the first hidden-to-output weight is, without turning the side
 * panel to the Math page. */
static void
select_default (BpWindow *self)
{
  const BpNet *net = bp_network_get_net (self->network);
  BpSelection selection, first = { BP_SELECTION_CONNECTION, net->n_layers - 1, 0, 0 };

  bp_selection_model_get_selected (self->selection, &selection);
  if (selection.kind != BP_SELECTION_NONE)
    return;
  g_signal_handlers_block_by_func (self->selection, selection_changed_cb, self);
  bp_selection_model_set_selected (self->selection, &first);
  g_signal_handlers_unblock_by_func (self->selection, selection_changed_cb, self);
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

/* Like GNOME Text Editor: the size is kept when the window closes, and so is the network,
 * which the next launch restores; nothing is asked, since nothing is lost. Only when the
 * state file cannot be written and the changes are in no other file does the window stay
 * and ask. */
static gboolean
bp_window_close_request (GtkWindow *window)
{
  BpWindow *self = BP_WINDOW (window);
  g_autoptr(GError) error = NULL;

  _bp_window_save_size (self);
  if (!self->close_anyway && !bp_autosave_write (self->autosave, &error) && self->modified)
    {
      bp_trainer_set_playing (self->trainer, FALSE);
      _bp_window_ask_before_closing (self, error->message);
      return TRUE;
    }
  /* Written, or let go: a pause now has nothing more to keep. */
  bp_autosave_set_file (self->autosave, NULL);
  bp_trainer_set_playing (self->trainer, FALSE);
  return GTK_WINDOW_CLASS (bp_window_parent_class)->close_request (window);
}

static void
bp_window_dispose (GObject *object)
{
  BpWindow *self = BP_WINDOW (object);

  _bp_window_arch_dispose (self);
  if (self->network != NULL)
    g_signal_handlers_disconnect_by_data (self->network, self);
  g_clear_object (&self->autosave);
  _bp_window_actions_dispose (self);
  _bp_window_scale_dispose (self);
  g_clear_handle_id (&self->layout_idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_WINDOW);
  g_clear_pointer (&self->value_rows, g_ptr_array_unref);
  g_clear_object (&self->trainer);
  g_clear_object (&self->playback);
  g_clear_object (&self->selection);
  g_clear_object (&self->network);
  g_clear_object (&self->settings);
  g_clear_object (&self->document);
  g_clear_object (&self->pending_open);
  g_clear_object (&self->maps);
  _bp_window_landscape_dispose (self);
  G_OBJECT_CLASS (bp_window_parent_class)->dispose (object);
}

static void
bp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BpWindow *self = BP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presenting);
      break;
    case PROP_MODE:
      g_value_set_string (value, self->network != NULL && _bp_window_in_dataset_mode (self)
                                 ? "dataset" : "example");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BpWindow *self = BP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESENTATION:
      _bp_window_set_presentation (self, g_value_get_boolean (value));
      break;
    case PROP_MODE:
      _bp_window_set_mode (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_window_class_init (BpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_window_dispose;
  object_class->get_property = bp_window_get_property;
  object_class->set_property = bp_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = bp_window_close_request;
  widget_class->size_allocate = bp_window_size_allocate;
  widget_class->realize = bp_window_realize;

  /* Presentation mode: full screen, the diagram alone and large (the win.presentation
   * action, F11). */
  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the network trains on: "example" or "dataset" (the win.mode action). */
  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "example",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BP_TYPE_DIAGRAM);
  g_type_ensure (BP_TYPE_SPARKLINE);
  g_type_ensure (BP_TYPE_MATH_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplab/Backprop/bp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, diverged_revealer);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, diverged_banner);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, diverged_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, diverged_reset_button);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, inputs_group);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, targets_group);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, rate_scale_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, rate_spin_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, rate_spin);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, network_group);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, layers_row);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, layers_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, add_layer_button);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, remove_layer_button);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, selected_group);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, output_row);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, loss_row);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, step_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, loss_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, loss_title_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, epoch_title_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, epoch_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, test_loss_title_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, test_loss_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, accuracy_title_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, accuracy_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, dataset_controls);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, boundary_box);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, boundary_view);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, draw_class_box);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, draw_class1_button);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, draw_value_spin);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, play_rate_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, play_rate_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, diagram);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, sparkline);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, math_panel);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, split_box);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, main_box);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, side_button);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, try_button);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, controls_sidebar);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, controls_separator);

  _bp_window_class_add_actions (widget_class);
  _bp_window_class_add_file_actions (widget_class);
  _bp_window_class_add_export_actions (widget_class);
  _bp_window_class_add_arch_actions (widget_class);
  _bp_window_class_add_dataset_actions (widget_class);
  _bp_window_class_add_scale_actions (widget_class);
  _bp_window_class_add_health_actions (widget_class);
  _bp_window_class_add_gcheck_actions (widget_class);
  _bp_window_class_add_landscape_actions (widget_class);
  _bp_window_class_add_exercise_actions (widget_class);
  _bp_window_class_add_timeline_actions (widget_class);
}

/* The window's one network: every view follows it from here on, through every load. */
static void
set_network (BpWindow  *self,
             BpNetwork *network)
{
  self->network = g_object_ref (network);
  self->playback = bp_playback_new (network);
  self->trainer = bp_trainer_new (self->playback);
  self->autosave = bp_autosave_new (network, self->trainer);
  _bp_window_actions_init (self);
  g_signal_connect_object (self->trainer, "notify::trouble", G_CALLBACK (update_trouble),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "notify::learning-rate", G_CALLBACK (update_trouble),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->autosave, "failed", G_CALLBACK (autosave_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "backward", G_CALLBACK (network_backward_cb), self,
                           G_CONNECT_SWAPPED);
  /* The step count and the loss change when the step shown reaches them. */
  g_signal_connect_object (self->playback, "changed", G_CALLBACK (update_readouts), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "structure-changed",
                           G_CALLBACK (_bp_window_build_controls), self, G_CONNECT_SWAPPED);
  /* After the selection model has dropped a selection the new shape does not have. */
  g_signal_connect_object (network, "structure-changed", G_CALLBACK (select_default), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (network, "notify::learning-rate",
                           G_CALLBACK (_bp_window_sync_rate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "notify::loss-kind", G_CALLBACK (_bp_window_sync_pickers),
                           self, G_CONNECT_SWAPPED);
  /* Every edit and every step ends with "backward"; η alone has only its notification. */
  g_signal_connect_object (network, "backward", G_CALLBACK (network_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "notify::learning-rate", G_CALLBACK (network_changed_cb),
                           self, G_CONNECT_SWAPPED);

  bp_selection_model_set_network (self->selection, network);
  bp_diagram_set_playback (self->diagram, self->playback);
  bp_sparkline_set_playback (self->sparkline, self->playback);
  bp_math_panel_set_playback (self->math_panel, self->playback);
  _bp_window_build_controls (self);
  _bp_window_sync_rate (self);
  update_readouts (self);
  update_trouble (self);
}

static void
bp_window_init (BpWindow *self)
{
  g_autoptr(BpNetwork) network = bp_network_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  _bp_window_panel_init (self);
  self->side_wanted = TRUE;
  self->export_width = 1600;
  self->export_height = 900;
  _bp_window_controls_init (self);
  g_signal_connect_object (self->diverged_revealer, "notify::child-revealed",
                           G_CALLBACK (diverged_revealed_cb), self, G_CONNECT_SWAPPED);
  self->selection = bp_selection_model_new (NULL);
  bp_diagram_set_selection_model (self->diagram, self->selection);
  bp_math_panel_set_selection_model (self->math_panel, self->selection);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  set_network (self, network);
  select_default (self);
  _bp_window_arch_init (self);
  _bp_window_dataset_init (self);
  self->settings = bp_preferences_new_settings ();
  if (self->settings != NULL)
    _bp_window_bind_settings (self);
  _bp_window_ghosts_init (self);
  _bp_window_play_rate_changed (self);
  update_title (self);
  _bp_window_files_init (self);
  _bp_window_health_init (self);
  _bp_window_gcheck_init (self);
  _bp_window_landscape_init (self);
  _bp_window_exercises_init (self);
  _bp_window_timeline_init (self);
}

/* Shows the network just loaded in place: the views followed it already; the animation of
 * the old one ends, and later steps are judged against the new one. */
void
_bp_window_network_loaded (BpWindow *self)
{
  bp_playback_finish (self->playback);
  bp_trainer_restart (self->trainer);
}

/**
 * _bp_window_follow:
 * @self: a window
 * @instance: what emits @detailed_signal: the selection, the settings
 * @detailed_signal: such as "changed::palette"
 * @func: what brings the window up to date
 *
 * Calls @func now and whenever @instance emits @detailed_signal, for as long as both live.
 */
void
_bp_window_follow (BpWindow   *self,
                   gpointer    instance,
                   const char *detailed_signal,
                   void      (*func) (BpWindow *))
{
  g_signal_connect_object (instance, detailed_signal, G_CALLBACK (func), self,
                           G_CONNECT_SWAPPED);
  func (self);
}

/**
 * _bp_window_toast:
 * @self: a window
 * @message: what to tell
 *
 * Tells the user in a notification, with a button for the whole of a long message.
 */
void
_bp_window_toast (BpWindow   *self,
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

/* The document shown, and whether the network has changes not saved to it. */
void
_bp_window_set_document (BpWindow *self,
                         GFile    *document,
                         gboolean  modified)
{
  g_set_object (&self->document, document);
  self->modified = modified;
  bp_autosave_set_document (self->autosave, document, modified);
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
