/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-application.c: the application: one window per launch, files opened through GApplication's
 * open, About and Quit. */
#define G_LOG_DOMAIN "bp-application"

#include "config.h"

#include "bp-application.h"

#include <glib/gi18n.h>

#include "bp-window.h"

struct _BpApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (BpApplication, bp_application, ADW_TYPE_APPLICATION)

static BpWindow *
get_window (BpApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (bp_window_new (GTK_APPLICATION (self)));
  return BP_WINDOW (window);
}

static void
bp_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (BP_APPLICATION (app))));
}

/* `backprop FILE.json`: the window shows the file's network, or says why it cannot. */
static void
bp_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  BpWindow *window = get_window (BP_APPLICATION (app));
  g_autoptr(GError) error = NULL;

  if (n_files > 0 && !bp_window_open_file (window, files[n_files - 1], &error))
    bp_window_show_error (window, error->message);
  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  BpApplication *self = user_data;
  const char *developers[] = { _("The Backprop developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Backprop"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Backprop developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/backproplab/backprop",
                        "issue-url", "https://github.com/backproplab/backprop/issues",
                        "comments", _("Watch a neural network learn by backpropagation"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line, to be credited */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
};

static void
bp_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (bp_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
bp_application_class_init (BpApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = bp_application_startup;
  app_class->activate = bp_application_activate;
  app_class->open = bp_application_open;
}

static void
bp_application_init (BpApplication *self)
{
}

/**
 * bp_application_new:
 *
 * Creates the application. With BACKPROP_NON_UNIQUE set in the environment every launch is
 * its own instance, so that tests running side by side never merge into one.
 *
 * Returns: (transfer full): the application
 */
BpApplication *
bp_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_HANDLES_OPEN;

  if (g_getenv ("BACKPROP_NON_UNIQUE") != NULL)
    flags |= G_APPLICATION_NON_UNIQUE;
  return g_object_new (BP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/backproplab/Backprop",
                       NULL);
}
