/* SPDX-License-Identifier: GPL-3.0-or-later */
/* window-test-init.h: starts GTK and libadwaita for a test that makes BpWindows, with the
 * application's style as AdwApplication loads it (the side panel's switcher fits its five
 * pages by it), so the window is laid out as users see it. */
#pragma once

#include <adwaita.h>

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
