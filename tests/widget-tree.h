/* SPDX-License-Identifier: GPL-3.0-or-later */
/* widget-tree.h: finding a window's template children in tests. */
#pragma once

#include <gtk/gtk.h>

/* The template child with this id, found by walking the widget tree. */
static inline GtkWidget *
find_child (GtkWidget  *widget,
            const char *id)
{
  const char *own = GTK_IS_BUILDABLE (widget) ?
                    gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : NULL;

  if (own != NULL && g_str_equal (own, id))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}
