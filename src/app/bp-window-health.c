/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-health.c: the window's gradient health: the strip under the loss chart, shown
 * or hidden by the stateful action win.show-health (Ctrl+Shift+H, the "show-health"
 * setting), and win.show-gradients-guide, which opens the Guide at "Why gradients differ",
 * where saturated and dead neurons are explained. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include "bp-window-private.h"

#include "bp-health-strip.h"

#include <glib/gi18n.h>

static void
set_health_shown (BpWindow *self,
                  gboolean  shown)
{
  gtk_widget_set_visible (self->health_box, shown);
}

static void
show_health_change_cb (GSimpleAction *action,
                       GVariant      *state,
                       gpointer       data)
{
  BpWindow *self = data;

  g_simple_action_set_state (action, state);
  set_health_shown (self, g_variant_get_boolean (state));
  if (self->settings != NULL
      && g_settings_get_boolean (self->settings, "show-health") != g_variant_get_boolean (state))
    g_settings_set_boolean (self->settings, "show-health", g_variant_get_boolean (state));
}

static void
show_health_activate_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       data)
{
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));

  g_action_change_state (G_ACTION (action),
                         g_variant_new_boolean (!g_variant_get_boolean (state)));
}

static void
show_health_setting_cb (BpWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "show-health");

  g_action_change_state (action,
                         g_variant_new_boolean (g_settings_get_boolean (self->settings,
                                                                        "show-health")));
}

static void
palette_changed_cb (BpWindow *self)
{
  bp_health_strip_set_palette_choice (self->health_strip,
                                      g_settings_get_enum (self->settings, "palette"));
}

/* Scrolls the Guide so that the heading of "Why gradients differ" is at its top. */
static gboolean
scroll_to_heading_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       data)
{
  BpWindow *self = BP_WINDOW (widget);
  GtkWidget *scrolled = gtk_widget_get_ancestor (self->guide_gradients_heading,
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  graphene_point_t point;

  if (scrolled == NULL)
    return G_SOURCE_REMOVE;
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (gtk_widget_compute_point (self->guide_gradients_heading, content,
                                &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                                GTK_SCROLLED_WINDOW (scrolled)), point.y);
  return G_SOURCE_REMOVE;
}

static void
show_gradients_guide_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  gtk_widget_activate_action (widget, "win.help", NULL);
  gtk_stack_set_visible_child_name (self->side_stack, "guide");
  /* Once the panel has its size: it may have been hidden until now. */
  gtk_widget_add_tick_callback (widget, scroll_to_heading_cb, NULL, NULL);
}

/* For scripts and tests: the strip to (path, width, height) in the export's light palette;
 * the extension names the format. */
static void
export_health_to_path_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  BpPaletteChoice choice = self->settings != NULL
                           ? (BpPaletteChoice) g_settings_get_enum (self->settings, "palette")
                           : BP_PALETTE_CHOICE_AUTOMATIC;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  BpExportFormat format;
  const char *path;
  int width, height;

  g_variant_get (parameter, "(&sii)", &path, &width, &height);
  if (!bp_export_format_for_name (path, &format) || format == BP_EXPORT_MARKDOWN)
    {
      /* Translators: keep the file name endings as they are */
      _bp_window_toast (self, _("The strip exports to a file name ending in .png, .svg or .pdf"));
      return;
    }
  file = g_file_new_for_path (path);
  if (!bp_health_export_strip (bp_network_get_health (self->network), format, width, height,
                               bp_palette_resolve (choice, FALSE,
                                                   adw_style_manager_get_high_contrast (manager)),
                               file, &error))
    _bp_window_toast (self, error->message);
}

void
_bp_window_class_add_health_actions (GtkWidgetClass *widget_class)
{
  g_type_ensure (BP_TYPE_HEALTH_STRIP);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, health_box);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, health_strip);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, guide_gradients_heading);
  gtk_widget_class_install_action (widget_class, "win.show-gradients-guide", NULL,
                                   show_gradients_guide_action);
  gtk_widget_class_install_action (widget_class, "win.export-health-to-path", "(sii)",
                                   export_health_to_path_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-health", NULL);
}

/* After the settings: the strip follows the window's network and palette. */
void
_bp_window_health_init (BpWindow *self)
{
  gboolean shown = self->settings == NULL
                   || g_settings_get_boolean (self->settings, "show-health");
  g_autoptr(GSimpleAction) action =
    g_simple_action_new_stateful ("show-health", NULL, g_variant_new_boolean (shown));

  g_signal_connect (action, "activate", G_CALLBACK (show_health_activate_cb), self);
  g_signal_connect (action, "change-state", G_CALLBACK (show_health_change_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
  set_health_shown (self, shown);
  bp_health_strip_set_network (self->health_strip, self->network);
  if (self->settings == NULL)
    return;
  g_signal_connect_object (self->settings, "changed::show-health",
                           G_CALLBACK (show_health_setting_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::palette", G_CALLBACK (palette_changed_cb),
                           self, G_CONNECT_SWAPPED);
  palette_changed_cb (self);
}
