/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-panel.c: the side panel (the Guide and Math pages) beside the diagram, or over it
 * in a window too narrow for both, so that it never squeezes the diagram's text. Before
 * libadwaita 1.4 an AdwFlap folds by itself; from 1.4 on, where AdwFlap is deprecated, an
 * AdwOverlaySplitView collapses at an AdwBreakpoint of the same width. Only this file knows
 * which of the two the window has. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include "bp-window-private.h"

/* The panel's width: its pages' 340 pixels and its separator. */
#define PANEL_WIDTH 341
/* In a window narrower than this the panel lies over the diagram; in a wider one it stands
 * beside it and leaves the rest, at least FOLD_WIDTH - PANEL_WIDTH pixels: more than the
 * controls sidebar and the loss chart need (304 + 1 + 160), so that the content never asks
 * for more than the window has while the panel stands beside it. */
#define FOLD_WIDTH 820

#if ADW_CHECK_VERSION (1, 4, 0)
# define SHOWN_PROPERTY "show-sidebar"
#else
# define SHOWN_PROPERTY "reveal-flap"
#endif

#if ADW_CHECK_VERSION (1, 4, 0)
static GtkWidget *
new_split (BpWindow  *self,
           GtkWidget *content,
           GtkWidget *panel)
{
  AdwOverlaySplitView *split = ADW_OVERLAY_SPLIT_VIEW (adw_overlay_split_view_new ());
  g_autofree char *condition = g_strdup_printf ("max-width: %dpx", FOLD_WIDTH - 1);
  AdwBreakpoint *narrow = adw_breakpoint_new (adw_breakpoint_condition_parse (condition));

  adw_overlay_split_view_set_sidebar_position (split, GTK_PACK_END);
  /* Collapsing or expanding never shows or hides it: the window decides (bp-window.c). */
  adw_overlay_split_view_set_pin_sidebar (split, TRUE);
  adw_overlay_split_view_set_min_sidebar_width (split, PANEL_WIDTH);
  adw_overlay_split_view_set_max_sidebar_width (split, PANEL_WIDTH);
  adw_overlay_split_view_set_content (split, content);
  adw_overlay_split_view_set_sidebar (split, panel);
  adw_breakpoint_add_setters (narrow, G_OBJECT (split), "collapsed", TRUE, NULL);
  adw_application_window_add_breakpoint (ADW_APPLICATION_WINDOW (self), narrow);
  return GTK_WIDGET (split);
}
#else
static GtkWidget *
new_split (BpWindow  *self,
           GtkWidget *content,
           GtkWidget *panel)
{
  AdwFlap *split = ADW_FLAP (adw_flap_new ());

  /* It folds by itself where the content's minimum width and the panel's do not fit side
   * by side: below FOLD_WIDTH (the content asks for the rest below). */
  adw_flap_set_flap_position (split, GTK_PACK_END);
  adw_flap_set_locked (split, TRUE);
  /* Lying over the diagram, it needs a background of its own (a split view's sidebar has). */
  gtk_widget_add_css_class (panel, "background");
  adw_flap_set_content (split, content);
  adw_flap_set_flap (split, panel);
  return GTK_WIDGET (split);
}
#endif

/* The side panel's switcher, just above its stack: with five pages (Guide, Math, Check,
 * Landscape, Practice) buttons of equal width do not fit its 340 pixels in every language, so
 * each takes its label's width. */
static void
fit_switcher (BpWindow *self)
{
  GtkWidget *switcher = gtk_widget_get_prev_sibling (GTK_WIDGET (self->side_stack));
  GtkLayoutManager *layout;

  g_return_if_fail (GTK_IS_STACK_SWITCHER (switcher));
  layout = gtk_widget_get_layout_manager (switcher);
  if (GTK_IS_BOX_LAYOUT (layout))
    gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (layout), FALSE);
}

/* Moves the controls sidebar with the diagram, and the side panel, from the template into
 * the split view. */
void
_bp_window_panel_init (BpWindow *self)
{
  g_autoptr(GtkWidget) content = g_object_ref (self->main_box);
  g_autoptr(GtkWidget) panel = g_object_ref (self->side_panel);

  gtk_box_remove (self->split_box, content);
  gtk_box_remove (self->split_box, panel);
  gtk_widget_set_size_request (content, FOLD_WIDTH - PANEL_WIDTH, -1);
  self->side_split = new_split (self, content, panel);
  gtk_widget_set_hexpand (self->side_split, TRUE);
  gtk_box_append (self->split_box, self->side_split);
  fit_switcher (self);
}

/* Whether the side panel shows (or is sliding in). */
gboolean
_bp_window_get_side_shown (BpWindow *self)
{
  gboolean shown;

  g_object_get (self->side_split, SHOWN_PROPERTY, &shown, NULL);
  return shown;
}

void
_bp_window_set_side_shown (BpWindow *self,
                           gboolean  shown)
{
  g_object_set (self->side_split, SHOWN_PROPERTY, shown, NULL);
}

/* Calls @callback (self) whenever the panel is shown or hidden, also when a click beside the
 * panel lying over the diagram hides it. */
void
_bp_window_connect_side_shown (BpWindow  *self,
                               GCallback  callback)
{
  g_signal_connect_object (self->side_split, "notify::" SHOWN_PROPERTY, callback, self,
                           G_CONNECT_SWAPPED);
}
