/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-actions.c: the window's actions for training (step, play, reset), the view (zoom,
 * the side panel, help) and preferences. Play is the trainer's: the window's tick callback
 * hands it the time of each frame. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-preferences.h"
#include "bp-window-private.h"

#define MIN_ZOOM 0.5
#define MAX_ZOOM 4.0
#define ZOOM_FACTOR 1.25
/* In presentation mode the loss chart is this tall, and the diagram fills the screen up to
 * this share of it; HEADER_HEIGHT is the header bar's room. */
#define PRESENTING_CHART_HEIGHT 240
#define PRESENTING_FILL 0.9
#define HEADER_HEIGHT 48

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bp_trainer_step (BP_WINDOW (widget)->trainer, 1);
}

static void
step_ten_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  bp_trainer_step (self->trainer, 10);
}

/* Walks through a step one sub-step at a time: the update, each layer's forward sums, the
 * loss, each layer's δ; past the last, the next step. */
static void
next_phase_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  bp_trainer_next_phase (BP_WINDOW (widget)->trainer);
}

static void
previous_phase_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  bp_trainer_previous_phase (BP_WINDOW (widget)->trainer);
}

/* For the frame benchmark (tests/bench-frames.py): with BACKPROP_REPORT_FRAMES set, each
 * step shown ends with a line on standard error: its frames, and how many came later than
 * 1.5 refresh intervals after the one before, by the frame clock's timings. */
static void
count_frame (BpWindow      *self,
             GdkFrameClock *clock,
             gint64         now)
{
  GdkFrameTimings *timings = gdk_frame_clock_get_current_timings (clock);
  gint64 refresh = timings != NULL ? gdk_frame_timings_get_refresh_interval (timings) : 0;

  if (refresh <= 0)
    refresh = G_USEC_PER_SEC / 60;
  if (self->last_frame_time > 0)
    {
      self->n_frames++;
      if (now - self->last_frame_time > 3 * refresh / 2)
        self->n_late_frames++;
    }
  self->last_frame_time = now;
}

static void
count_step_frame (BpWindow      *self,
                  GdkFrameClock *clock,
                  gint64         now)
{
  count_frame (self, clock, now);
  if (bp_playback_get_animating (self->playback))
    return;
  g_printerr ("step-frames %u late %u\n", self->n_frames, self->n_late_frames);
  self->last_frame_time = 0;
  self->n_frames = self->n_late_frames = 0;
}

/* While playing without steps shown, the benchmark's line comes with each measure of the
 * steps per second (tests/bench-play.py): "play-speed STEPS-PER-SECOND frames N late M". */
static void
report_play_speed (BpWindow *self)
{
  double speed = bp_trainer_get_speed (self->trainer);

  if (speed <= 0.0)
    return;
  g_printerr ("play-speed %.0f frames %u late %u\n", speed, self->n_frames,
              self->n_late_frames);
  self->n_frames = self->n_late_frames = 0;
}

/* On every frame, the step shown moves on, then the trainer runs the steps the play rate
 * owes since the last one. At an animated rate a step waits until the last one has been
 * shown, gradient wave included. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  BpWindow *self = BP_WINDOW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gboolean shown = bp_playback_get_animating (self->playback);

  bp_playback_advance (self->playback, now);
  if (shown && self->report_frames)
    count_step_frame (self, clock, now);
  else if (self->report_frames && bp_trainer_get_playing (self->trainer))
    count_frame (self, clock, now);
  bp_trainer_advance (self->trainer, now);
  return G_SOURCE_CONTINUE;
}

/* The frame clock runs only while something moves: play, or a step shown. */
static void
update_tick (BpWindow *self)
{
  gboolean wanted = bp_trainer_get_playing (self->trainer)
                    || bp_playback_get_animating (self->playback);

  if (wanted && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  else if (!wanted && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

/* Whether steps may travel on screen: libadwaita's switch (which follows
 * gtk-enable-animations) and, where GTK has it, the reduced-motion preference. */
static void
update_motion (BpWindow *self)
{
  gboolean motion = adw_get_enable_animations (GTK_WIDGET (self));

#if GTK_CHECK_VERSION (4, 22, 0)
  {
    GtkReducedMotion reduced = GTK_REDUCED_MOTION_NO_PREFERENCE;

    g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                  "gtk-interface-reduced-motion", &reduced, NULL);
    motion = motion && reduced != GTK_REDUCED_MOTION_REDUCE;
  }
#endif
  bp_playback_set_motion (self->playback, motion);
}

/* The button is as wide as the longer of its two labels, so that Reset beside it never
 * jumps when Play turns into Pause. */
static void
keep_play_width (BpWindow *self)
{
  GtkWidget *label = gtk_button_get_child (self->play_button);
  /* Translators: the button that starts training continuously */
  const char *texts[] = { _("Play"),
                          /* Translators: the button that stops continuous training */
                          _("Pause") };
  int widest = 0;

  if (!GTK_IS_LABEL (label))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (label, texts[i]);
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
      g_object_unref (layout);
    }
  gtk_widget_set_size_request (label, widest, -1);
}

/* Play and pause follow the trainer, which also stops by itself on trouble; the autosave
 * keeps the work on pause. */
static void
trainer_playing_cb (BpWindow *self)
{
  update_tick (self);
  if (bp_trainer_get_playing (self->trainer))
    {
      /* Translators: the button that stops continuous training */
      gtk_button_set_label (self->play_button, _("Pause"));
      keep_play_width (self);
      return;
    }
  /* Translators: the button that starts training continuously */
  gtk_button_set_label (self->play_button, _("Play"));
  keep_play_width (self);
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  bp_trainer_set_playing (self->trainer, !bp_trainer_get_playing (self->trainer));
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  bp_network_reset (self->network, g_random_int ());
}

static void
lower_rate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  double eta = bp_network_get_learning_rate (self->network);

  BpUndo *undo = bp_network_get_undo (self->network);

  /* Down to 10⁻⁶; an η a file set lower still is never raised. One edit to undo. */
  bp_undo_begin_group (undo);
  bp_network_set_learning_rate (self->network, MAX (eta / 10.0, MIN (eta, 1e-6)));
  bp_undo_end_group (undo);
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

/* The controls sidebar steps aside in presentation mode, and in a narrow window for the side
 * panel, which takes its place there so that both fit in 800 pixels. */
void
_bp_window_update_sidebar (BpWindow *self)
{
  gboolean shown = !self->presenting
                   && !(self->narrow && _bp_window_get_side_shown (self));

  gtk_widget_set_visible (self->controls_sidebar, shown);
  gtk_widget_set_visible (self->controls_separator, shown);
}

/* The panel's button says what a click will do, and is pressed while the panel shows. */
static void
side_revealer_cb (BpWindow *self)
{
  gboolean shown = _bp_window_get_side_shown (self);
  /* Translators: the tooltip and accessible name of the button that shows or hides the side
   * panel, an instruction: what a click will do */
  const char *tip = shown ? C_("side panel button", "Hide the side panel")
                          /* Translators: see "Hide the side panel" */
                          : C_("side panel button", "Show the side panel");

  _bp_window_update_sidebar (self);
  gtk_toggle_button_set_active (self->side_button, shown);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->side_button), tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->side_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
}

static void
show_guide_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  gboolean shown = !_bp_window_get_side_shown (self);

  _bp_window_set_side_shown (self, shown);
  if (!self->narrow)
    self->side_wanted = shown;
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "side-panel-visible", shown);
}

/* The zoom at which the diagram's natural size fills the screen the window is on, as far as
 * the room left by the header and the loss chart allows; never smaller than the user's. */
static double
presenting_zoom (BpWindow *self)
{
  GtkWidget *diagram = GTK_WIDGET (self->diagram);
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  GdkMonitor *monitor = NULL;
  GdkRectangle area;
  double zoom = bp_diagram_get_zoom (self->diagram), fit;
  int width, height;

  if (surface != NULL)
    monitor = gdk_display_get_monitor_at_surface (display, surface);
  if (monitor == NULL)
    {
      GListModel *monitors = gdk_display_get_monitors (display);

      if (g_list_model_get_n_items (monitors) == 0)
        return zoom;
      monitor = g_list_model_get_item (monitors, 0);
      g_object_unref (monitor);
    }
  gdk_monitor_get_geometry (monitor, &area);
  gtk_widget_measure (diagram, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (diagram, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  if (width <= 0 || height <= 0)
    return zoom;
  fit = PRESENTING_FILL * zoom * MIN ((double) area.width / width,
                                      (double) (area.height - HEADER_HEIGHT
                                                - PRESENTING_CHART_HEIGHT) / height);
  return CLAMP (MAX (fit, zoom), MIN_ZOOM, MAX_ZOOM);
}

/* Presentation mode, for a projector: the window fills the screen with the diagram, its
 * nodes and text large, and the loss chart taller; the controls sidebar and the side panel
 * step aside. Leaving gives everything back as it was, the user's zoom included, which the
 * mode never saves. */
void
_bp_window_set_presentation (BpWindow *self,
                             gboolean  presenting)
{
  presenting = !!presenting;
  if (self->presenting == presenting)
    return;
  self->presenting = presenting;
  if (presenting)
    {
      AdwToast *t;

      self->presenting_side = _bp_window_get_side_shown (self);
      self->presenting_zoom = bp_diagram_get_zoom (self->diagram);
      self->presenting_full = FALSE;
      gtk_widget_get_size_request (GTK_WIDGET (self->sparkline), NULL, &self->chart_height);
      _bp_window_set_side_shown (self, FALSE);
      _bp_window_bind_zoom (self, FALSE);
      bp_diagram_set_zoom (self->diagram, presenting_zoom (self));
      gtk_widget_set_size_request (GTK_WIDGET (self->sparkline), -1, PRESENTING_CHART_HEIGHT);
      gtk_window_fullscreen (GTK_WINDOW (self));
      /* Translators: a notification on entering presentation mode; Esc is the key */
      t = adw_toast_new (_("Press Esc to leave presentation mode"));
      adw_toast_set_timeout (t, 3);
      adw_toast_overlay_add_toast (self->toast_overlay, t);
    }
  else
    {
      gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_widget_set_size_request (GTK_WIDGET (self->sparkline), -1, self->chart_height);
      bp_diagram_set_zoom (self->diagram, self->presenting_zoom);
      _bp_window_bind_zoom (self, TRUE);
      _bp_window_set_side_shown (self, self->presenting_side);
    }
  _bp_window_update_sidebar (self);
  g_object_notify (G_OBJECT (self), "presentation");
}

/* Leaving full screen another way (the window manager's key) leaves the mode too. */
static void
fullscreened_cb (BpWindow *self)
{
  gboolean full = gtk_window_is_fullscreen (GTK_WINDOW (self));

  if (self->presenting && full)
    self->presenting_full = TRUE;
  else if (self->presenting && self->presenting_full)
    _bp_window_set_presentation (self, FALSE);
}

/* Esc leaves presentation mode before a focused widget (the diagram clears its selection
 * with it) sees the key; otherwise the key goes on as before. */
static gboolean
leave_presentation_cb (GtkWidget *widget,
                       GVariant  *args,
                       gpointer   user_data)
{
  BpWindow *self = BP_WINDOW (widget);

  if (!self->presenting)
    return FALSE;
  _bp_window_set_presentation (self, FALSE);
  return TRUE;
}

/* F1: the guide is the app's help. */
static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->side_stack, "guide");
  if (!_bp_window_get_side_shown (self))
    show_guide_action (widget, "win.show-guide", NULL);
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

void
_bp_window_add_action_with_keys (GtkWidgetClass  *widget_class,
                                 const char      *name,
                                 GtkWidgetActionActivateFunc activate,
                                 guint            key,
                                 GdkModifierType  mods)
{
  gtk_widget_class_install_action (widget_class, name, NULL, activate);
  if (key != 0)
    gtk_widget_class_add_binding_action (widget_class, key, mods, name, NULL);
}

void
_bp_window_class_add_actions (GtkWidgetClass *widget_class)
{
  GtkWidgetClass *k = widget_class;

  /* Page Down and Page Up are what presentation clickers send: they walk through a step
   * phase by phase. F10 and Shift+F10 stay GNOME's (the primary menu and the context
   * menu). */
  _bp_window_add_action_with_keys (k, "win.next-phase", next_phase_action, GDK_KEY_Page_Down, 0);
  _bp_window_add_action_with_keys (k, "win.previous-phase", previous_phase_action,
                                   GDK_KEY_Page_Up, 0);
  _bp_window_add_action_with_keys (k, "win.step", step_action, GDK_KEY_Page_Down,
                                   GDK_SHIFT_MASK);
  _bp_window_add_action_with_keys (k, "win.step-ten", step_ten_action, GDK_KEY_Page_Down,
                                   GDK_CONTROL_MASK);
  _bp_window_add_action_with_keys (k, "win.play", play_action, GDK_KEY_F5, 0);
  _bp_window_add_action_with_keys (k, "win.reset", reset_action, GDK_KEY_r, GDK_CONTROL_MASK);
  _bp_window_add_action_with_keys (k, "win.lower-rate", lower_rate_action, 0, 0);
  _bp_window_add_action_with_keys (k, "win.try-this", _bp_window_try_this_action, 0, 0);
  /* The menu shows the last key bound to an action, so the keypad's and "=" come first. */
  gtk_widget_class_install_action (k, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_add_binding_action (k, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (k, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (k, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_install_action (k, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_add_binding_action (k, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out",
                                       NULL);
  gtk_widget_class_add_binding_action (k, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  _bp_window_add_action_with_keys (k, "win.zoom-reset", zoom_action, GDK_KEY_0,
                                   GDK_CONTROL_MASK);
  _bp_window_add_action_with_keys (k, "win.show-guide", show_guide_action, 0, 0);
  _bp_window_add_action_with_keys (k, "win.help", help_action, GDK_KEY_F1, 0);
  gtk_widget_class_install_property_action (k, "win.presentation", "presentation");
  gtk_widget_class_add_binding_action (k, GDK_KEY_F11, 0, "win.presentation", NULL);
  _bp_window_add_action_with_keys (k, "win.preferences", preferences_action, GDK_KEY_comma,
                                   GDK_CONTROL_MASK);
}

/* Buttons and labels follow the trainer from here on. */
void
_bp_window_actions_init (BpWindow *self)
{
  GtkEventController *escape;

  g_signal_connect_object (self->trainer, "notify::playing", G_CALLBACK (trainer_playing_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->playback, "notify::animating", G_CALLBACK (update_tick), self,
                           G_CONNECT_SWAPPED);
  self->report_frames = g_getenv ("BACKPROP_REPORT_FRAMES") != NULL;
  if (self->report_frames)
    g_signal_connect_object (self->trainer, "notify::speed", G_CALLBACK (report_play_speed),
                             self, G_CONNECT_SWAPPED);
  update_motion (self);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)),
                           "notify::gtk-enable-animations", G_CALLBACK (update_motion), self,
                           G_CONNECT_SWAPPED);
#if GTK_CHECK_VERSION (4, 22, 0)
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)),
                           "notify::gtk-interface-reduced-motion", G_CALLBACK (update_motion),
                           self, G_CONNECT_SWAPPED);
#endif
  side_revealer_cb (self);
  _bp_window_connect_side_shown (self, G_CALLBACK (side_revealer_cb));
  g_signal_connect_object (self, "notify::fullscreened", G_CALLBACK (fullscreened_cb), self,
                           G_CONNECT_SWAPPED);
  escape = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (escape, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (escape),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                      gtk_callback_action_new (leave_presentation_cb, NULL, NULL)));
  /* A clicker's Page Down and Page Up walk through the step wherever the focus is: a
   * slider or a spin button would otherwise take them as a page of its own, and a scrolled
   * side panel Ctrl+Page Down as a page sideways. With Shift and Ctrl they step. */
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (escape),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, GDK_SHIFT_MASK),
                      gtk_named_action_new ("win.step")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (escape),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, GDK_CONTROL_MASK),
                      gtk_named_action_new ("win.step-ten")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (escape),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, 0),
                      gtk_named_action_new ("win.next-phase")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (escape),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, 0),
                      gtk_named_action_new ("win.previous-phase")));
  gtk_widget_add_controller (GTK_WIDGET (self), escape);
  /* Measured again once the button has its final style. */
  keep_play_width (self);
  g_signal_connect_object (self->play_button, "map", G_CALLBACK (keep_play_width), self,
                           G_CONNECT_SWAPPED);
}

/* Play ends with the window. */
void
_bp_window_actions_dispose (BpWindow *self)
{
  if (self->trainer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->trainer, self);
      bp_trainer_set_playing (self->trainer, FALSE);
    }
  if (self->playback != NULL)
    g_signal_handlers_disconnect_by_data (self->playback, self);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
}
