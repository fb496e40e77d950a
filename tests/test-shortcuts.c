/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The keyboard shortcuts window of GTK before libadwaita 1.8 (gtk/help-overlay.ui): every
 * page of it fits a 1024×768 screen in every language the build translates, laid out as GTK
 * shows it (a page's groups reflow into columns once it is mapped). */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "window-test.h"

#define SCREEN_WIDTH 1024
#define SCREEN_HEIGHT 768
#define TOP_BAR 32  /* GNOME Shell's top bar */

/* The pages, by their section-name. */
static const char *const pages[] = {
  "training", "timeline", "diagram", "boundary", "network", "files", "general",
};

/* The title of the shortcut of @accelerator. */
static char *
title_of (GtkBuilder *builder,
          const char *accelerator)
{
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);

  for (GSList *o = objects; o != NULL; o = o->next)
    {
      g_autofree char *accel = NULL;
      char *title = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (o->data))
        continue;
      g_object_get (o->data, "accelerator", &accel, "title", &title, NULL);
      if (g_strcmp0 (accel, accelerator) == 0)
        return title;
      g_free (title);
    }
  g_assert_not_reached ();
}

/* Each page of the shortcuts window in @language ("C" for none) fits the screen; returns the
 * title of Page Down's shortcut, to tell that the language was used. */
static char *
check_language (const char *language)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *window;
  char *title;

  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  builder = gtk_builder_new_from_resource ("/io/github/backproplab/Backprop/gtk/help-overlay.ui");
  window = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_nonnull (window);
  gtk_window_present (window);
  settle ();
  for (guint k = 0; k < G_N_ELEMENTS (pages); k++)
    {
      int minimum, width, height;

      g_object_set (window, "section-name", pages[k], NULL);
      settle ();
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &width,
                          NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, width, &minimum,
                          &height, NULL, NULL);
      g_test_message ("%s, page %s: %d × %d", language, pages[k], width, height);
      g_assert_cmpint (width, <=, SCREEN_WIDTH);
      g_assert_cmpint (height, <=, SCREEN_HEIGHT - TOP_BAR);
    }
  title = title_of (builder, "Page_Down");
  gtk_window_destroy (window);
  settle ();
  return title;
}

static void
test_fits (void)
{
  const char *localedir = g_getenv ("BACKPROP_LOCALEDIR");
  g_autoptr(GDir) dir = NULL;
  g_autofree char *english = NULL;
  const char *entry;
  guint n_languages = 0;

  if (!g_resources_get_info ("/io/github/backproplab/Backprop/gtk/help-overlay.ui", 0, NULL,
                             NULL, NULL))
    {
      g_test_skip ("libadwaita 1.8 or later: the shortcuts are an AdwShortcutsDialog");
      return;
    }
  english = check_language ("C");
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  dir = g_dir_open (localedir, 0, NULL);
  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *mo = g_build_filename (localedir, entry, "LC_MESSAGES",
                                              GETTEXT_PACKAGE ".mo", NULL);
      g_autofree char *title = NULL;

      if (!g_file_test (mo, G_FILE_TEST_EXISTS))
        continue;
      title = check_language (entry);
      g_assert_cmpstr (title, !=, english);
      n_languages++;
    }
  /* po/LINGUAS */
  g_assert_cmpuint (n_languages, >=, 9);
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);
  g_test_add_func ("/bp/shortcuts/fits", test_fits);
  return g_test_run ();
}
