/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-gcheck.c: the side panel's "Check" page (BpGradcheckView), the win.side-page
 * action that turns the side panel to a page by name (Alt+1 to Alt+4), and the export
 * of the check's plot. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include "bp-window-private.h"

#include <glib/gi18n.h>

/* The side panel's pages in the order of their keys: Alt+1 to Alt+4. */
static const char *const side_pages[] = { "guide", "math", "check", "landscape", NULL };

static void
side_page_action (GtkWidget  *widget,
                  const char *action_name G_GNUC_UNUSED,
                  GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  const char *page = g_variant_get_string (parameter, NULL);

  if (!g_strv_contains ((const char *const *) side_pages, page))
    {
      g_warning ("win.side-page: no page “%s”", page);
      return;
    }
  gtk_stack_set_visible_child_name (self->side_stack, page);
  if (!_bp_window_get_side_shown (self))
    gtk_widget_activate_action (widget, "win.show-guide", NULL);
}

static void
export_gradcheck_action (GtkWidget  *widget,
                         const char *action_name G_GNUC_UNUSED,
                         GVariant   *parameter G_GNUC_UNUSED)
{
  BpWindow *self = BP_WINDOW (widget);

  /* Translators: the title of the file chooser that exports the gradient check's plot */
  _bp_window_export_picture (self, _("Export the Plot"), "gradient-check.png",
                             GTK_WIDGET (self->gradcheck_view),
                             (BpPictureExportFunc) bp_gradcheck_view_export);
}

/* The plot can be exported while a weight or a bias is checked. */
static void
selection_cb (BpWindow *self)
{
  BpSelection selection;

  bp_selection_model_get_selected (self->selection, &selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-gradcheck",
                                 selection.kind == BP_SELECTION_CONNECTION
                                 || selection.kind == BP_SELECTION_BIAS);
}

static void
palette_cb (BpWindow *self)
{
  bp_gradcheck_view_set_palette_choice (self->gradcheck_view,
                                        g_settings_get_enum (self->settings, "palette"));
}

void
_bp_window_class_add_gcheck_actions (GtkWidgetClass *widget_class)
{
  static const guint keys[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4 };

  g_type_ensure (BP_TYPE_GRADCHECK_VIEW);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, gradcheck_view);
  gtk_widget_class_install_action (widget_class, "win.side-page", "s", side_page_action);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    gtk_widget_class_add_binding_action (widget_class, keys[k], GDK_ALT_MASK,
                                         "win.side-page", "s", side_pages[k]);
  gtk_widget_class_install_action (widget_class, "win.export-gradcheck", NULL,
                                   export_gradcheck_action);
}

/* After the window's network, selection model and settings exist. */
void
_bp_window_gcheck_init (BpWindow *self)
{
  bp_gradcheck_view_set_selection_model (self->gradcheck_view, self->selection);
  bp_gradcheck_view_set_network (self->gradcheck_view, self->network);
  bp_gradcheck_view_set_playback (self->gradcheck_view, self->playback);
  _bp_window_follow (self, self->selection, "notify::selected", selection_cb);
  if (self->settings != NULL)
    _bp_window_follow (self, self->settings, "changed::palette", palette_cb);
}
