/* SPDX-License-Identifier: GPL-3.0-or-later */
/* window-test.h: what the tests that make BpWindows share: GTK and libadwaita started with
 * the application's style, a window opened and closed, its template children found, and the
 * main loop run. */
#pragma once

#include <adwaita.h>

#include "bp-window.h"
#include "widget-tree.h"

/* Starts GTK and libadwaita with the application's style as AdwApplication loads it (the side
 * panel's switcher fits its five pages by it), so the window is laid out as users see it. */
static inline void
window_test_init (int    *argc,
                  char ***argv)
{
  GtkCssProvider *css;

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/backproplab/Backprop/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (css);
}

/* Runs the main loop until nothing is pending: what was queued (a layout, a redraw, an idle)
 * has happened. */
static inline void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop for @ms milliseconds, for what comes on a timer (a step played, a
 * description throttled); it sleeps between iterations rather than spin. */
static inline void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* A new window, presented; the main loop has not run yet. */
static inline BpWindow *
new_window (void)
{
  BpWindow *window = bp_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* A new window presented at @width × @height and laid out. A window otherwise takes the size
 * the previous one saved; @width 0 keeps that. */
static inline BpWindow *
new_settled_window (int width,
                    int height)
{
  BpWindow *window = bp_window_new (NULL);

  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  return window;
}

/* Destroys @window and runs the main loop until it is gone. */
static inline void
close_window (BpWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* @window's template child @id, which must be there. */
static inline GtkWidget *
child (BpWindow   *window,
       const char *id)
{
  GtkWidget *found = find_child (GTK_WIDGET (window), id);

  g_assert_nonnull (found);
  return found;
}
