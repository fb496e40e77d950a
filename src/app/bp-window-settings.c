/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-settings.c: what the window keeps in GSettings: its size, the side panel, the
 * zoom, the animation speed, the play rate and the palette. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include <math.h>

#include "bp-maps.h"
#include "bp-window-private.h"

/* The slider is logarithmic, from one step every five seconds to 1,000 a second; a last
 * notch past them (PLAY_FASTEST_NOTCH) is "as fast as it goes", kept in "play-fastest". */
static gboolean
play_rate_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  BpWindow *self = user_data;

  if (g_settings_get_boolean (self->settings, "play-fastest"))
    g_value_set_double (value, PLAY_FASTEST_NOTCH);
  else
    g_value_set_double (value, log10 (CLAMP (g_variant_get_double (variant),
                                             BP_TRAINER_MIN_RATE, BP_TRAINER_MAX_RATE)));
  return TRUE;
}

/* The setting holds steps per second, to three digits. */
static GVariant *
play_rate_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  BpWindow *self = user_data;
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  double position = g_value_get_double (value);
  double rate = pow (10.0, MIN (position, log10 (BP_TRAINER_MAX_RATE)));

  g_settings_set_boolean (self->settings, "play-fastest", _bp_window_play_fastest (position));
  g_ascii_formatd (text, sizeof text, "%.3g", rate);
  return g_variant_new_double (CLAMP (g_ascii_strtod (text, NULL), BP_TRAINER_MIN_RATE,
                                      BP_TRAINER_MAX_RATE));
}

/* The preferences may switch "as fast as it goes" alone. */
static void
play_fastest_changed_cb (BpWindow *self)
{
  gboolean fastest = g_settings_get_boolean (self->settings, "play-fastest");

  if (fastest == _bp_window_play_fastest (gtk_adjustment_get_value (self->play_rate_adjustment)))
    return;
  gtk_adjustment_set_value (self->play_rate_adjustment,
                            fastest ? PLAY_FASTEST_NOTCH
                                    : log10 (g_settings_get_double (self->settings,
                                                                    "play-rate")));
}

static void
palette_changed_cb (BpWindow *self)
{
  BpPaletteChoice choice = g_settings_get_enum (self->settings, "palette");

  bp_sparkline_set_palette_choice (self->sparkline, choice);
  bp_maps_set_palette_choice (self->maps, choice);
}

static void
loss_chart_scale_changed_cb (BpWindow *self)
{
  BpSparklineScale scale = g_settings_get_enum (self->settings, "loss-chart-scale");

  bp_sparkline_set_scale (self->sparkline, scale);
  /* The train and test chart of dataset mode: logarithmic when asked for; automatic decides
   * as for one example (BpSparkline). */
  bp_sparkline_set_log_scale (self->sparkline, scale == BP_SPARKLINE_SCALE_LOGARITHMIC);
}

/* Window size and panes are restored once; the rest follows its setting from now on. */
void
_bp_window_bind_settings (BpWindow *self)
{
  GSettings *settings = self->settings;
  int width = g_settings_get_int (settings, "window-width");

  gtk_window_set_default_size (GTK_WINDOW (self), width,
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  self->side_wanted = g_settings_get_boolean (settings, "side-panel-visible");
  /* A window kept narrow (800×600) opens without the panel, which would not fit beside the
   * sidebar and the diagram and would make the window wider. */
  self->narrow = width < NARROW_WIDTH && !g_settings_get_boolean (settings, "window-maximized");
  _bp_window_set_side_shown (self, self->side_wanted && !self->narrow);
  g_settings_bind (settings, "side-panel-page", self->side_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
  _bp_window_bind_zoom (self, TRUE);
  g_settings_bind (settings, "animation-speed", self->playback, "speed",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "play-rate", self->play_rate_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, play_rate_get_mapping,
                                play_rate_set_mapping, self, NULL);
  g_signal_connect_object (settings, "changed::play-fastest",
                           G_CALLBACK (play_fastest_changed_cb), self, G_CONNECT_SWAPPED);
  g_settings_bind (settings, "palette", self->diagram, "palette-choice", G_SETTINGS_BIND_GET);
  g_signal_connect_object (settings, "changed::palette", G_CALLBACK (palette_changed_cb), self,
                           G_CONNECT_SWAPPED);
  palette_changed_cb (self);
  g_signal_connect_object (settings, "changed::loss-chart-scale",
                           G_CALLBACK (loss_chart_scale_changed_cb), self, G_CONNECT_SWAPPED);
  loss_chart_scale_changed_cb (self);
}

/* The diagram's zoom is the user's setting, except in presentation mode, whose zoom fits
 * the screen and is never kept; binding it again restores the user's. */
void
_bp_window_bind_zoom (BpWindow *self,
                      gboolean  bound)
{
  if (self->settings == NULL)
    return;
  if (bound)
    g_settings_bind (self->settings, "diagram-zoom", self->diagram, "zoom",
                     G_SETTINGS_BIND_DEFAULT);
  else
    g_settings_unbind (self->diagram, "zoom");
}

/* Like GNOME Text Editor, the size is kept when the window closes. */
void
_bp_window_save_size (BpWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}
