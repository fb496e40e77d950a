/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-preferences.h: the Preferences window, and the app's settings. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BP_TYPE_PREFERENCES_PAGE (bp_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (BpPreferencesPage, bp_preferences_page, BP, PREFERENCES_PAGE,
                      AdwPreferencesPage)

GSettings  *bp_preferences_new_settings (void);
GtkWidget  *bp_preferences_page_new     (GSettings *settings);
void        bp_preferences_present      (GtkWindow *parent,
                                         GSettings *settings);

G_END_DECLS
