/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-landscape.c: the side panel's "Landscape" page (BpLandscapeView over the window's
 * BpLandscapeModel), the actions that make the weight selected in the diagram its first or
 * second weight (Ctrl+Shift+X, Ctrl+Shift+Y), its span and grid kept in GSettings, and the
 * export of its picture. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include "bp-window-private.h"

#include <glib/gi18n.h>

static void
choose_axis (BpWindow *self,
             guint     axis)
{
  BpSelection selection;
  BpWeightRef ref;

  bp_selection_model_get_selected (self->selection, &selection);
  if (selection.kind != BP_SELECTION_CONNECTION)
    return;
  ref = (BpWeightRef) { selection.layer, selection.to, selection.from };
  bp_landscape_model_choose (self->landscape_model, axis, &ref);
}

static void
first_weight_action (GtkWidget  *widget,
                     const char *action_name G_GNUC_UNUSED,
                     GVariant   *parameter G_GNUC_UNUSED)
{
  choose_axis (BP_WINDOW (widget), 0);
}

static void
second_weight_action (GtkWidget  *widget,
                      const char *action_name G_GNUC_UNUSED,
                      GVariant   *parameter G_GNUC_UNUSED)
{
  choose_axis (BP_WINDOW (widget), 1);
}

static void
export_landscape_action (GtkWidget  *widget,
                         const char *action_name G_GNUC_UNUSED,
                         GVariant   *parameter G_GNUC_UNUSED)
{
  BpWindow *self = BP_WINDOW (widget);

  /* Translators: the title of the file chooser that exports the loss landscape */
  _bp_window_export_picture (self, _("Export the Landscape"), "loss-landscape.png",
                             GTK_WIDGET (self->landscape_view),
                             (BpPictureExportFunc) bp_landscape_view_export);
}

/* A weight can become an axis while a connection is selected. */
static void
selection_cb (BpWindow *self)
{
  BpSelection selection;
  gboolean weight;

  bp_selection_model_get_selected (self->selection, &selection);
  weight = selection.kind == BP_SELECTION_CONNECTION;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.landscape-first-weight", weight);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.landscape-second-weight", weight);
}

static void
palette_cb (BpWindow *self)
{
  bp_landscape_view_set_palette_choice (self->landscape_view,
                                        g_settings_get_enum (self->settings, "palette"));
}

static void
grid_chosen_cb (BpWindow *self)
{
  guint grid = (guint) gtk_spin_button_get_value_as_int (self->landscape_grid);

  bp_landscape_model_set_grid (self->landscape_model, grid);
  if (self->settings != NULL)
    g_settings_set_int (self->settings, "landscape-grid",
                        bp_landscape_model_get_grid (self->landscape_model));
}

static void
span_changed_cb (BpWindow *self)
{
  bp_landscape_model_set_span (self->landscape_model,
                               gtk_spin_button_get_value (self->landscape_span));
}

void
_bp_window_class_add_landscape_actions (GtkWidgetClass *widget_class)
{
  g_type_ensure (BP_TYPE_LANDSCAPE_VIEW);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, landscape_view);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, landscape_span);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, landscape_grid);
  _bp_window_add_action_with_keys (widget_class, "win.landscape-first-weight",
                                   first_weight_action, GDK_KEY_X,
                                   GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  _bp_window_add_action_with_keys (widget_class, "win.landscape-second-weight",
                                   second_weight_action, GDK_KEY_Y,
                                   GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  gtk_widget_class_install_action (widget_class, "win.export-landscape", NULL,
                                   export_landscape_action);
}

/* After the window's network, selection model and settings exist. */
void
_bp_window_landscape_init (BpWindow *self)
{
  self->landscape_model = bp_landscape_model_new (self->network);
  if (self->settings != NULL)
    {
      bp_landscape_model_set_span (self->landscape_model,
                                   g_settings_get_double (self->settings, "landscape-span"));
      bp_landscape_model_set_grid (self->landscape_model,
                                   g_settings_get_int (self->settings, "landscape-grid"));
      g_settings_bind (self->settings, "landscape-span", self->landscape_span, "value",
                       G_SETTINGS_BIND_DEFAULT);
    }
  gtk_spin_button_set_value (self->landscape_span,
                             bp_landscape_model_get_span (self->landscape_model));
  gtk_spin_button_set_value (self->landscape_grid,
                             bp_landscape_model_get_grid (self->landscape_model));
  g_signal_connect_object (self->landscape_span, "value-changed", G_CALLBACK (span_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->landscape_grid, "value-changed",
                           G_CALLBACK (grid_chosen_cb), self, G_CONNECT_SWAPPED);
  bp_landscape_view_set_model (self->landscape_view, self->landscape_model);
  _bp_window_follow (self, self->selection, "notify::selected", selection_cb);
  if (self->settings != NULL)
    _bp_window_follow (self, self->settings, "changed::palette", palette_cb);
}

void
_bp_window_landscape_dispose (BpWindow *self)
{
  g_clear_object (&self->landscape_model);
}
