/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-application.c: the application: one window per launch, which restores the network of
 * the last session; files opened through GApplication's open; Preferences, About and Quit. */
#define G_LOG_DOMAIN "bp-application"

#include "config.h"

#include "bp-application.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>

#include "bp-state.h"
#include "bp-window.h"

struct _BpApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (BpApplication, bp_application, ADW_TYPE_APPLICATION)

/* The window, created on first use with the network of the last session. */
static BpWindow *
get_window (BpApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GFile) state_file = NULL;

  if (window != NULL)
    return BP_WINDOW (window);
  window = GTK_WINDOW (bp_window_new (GTK_APPLICATION (self)));
  state_file = bp_state_get_default_file ();
  bp_window_restore_state (BP_WINDOW (window), state_file);
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

  /* The window first shows the last session's network: if that has unsaved changes, the
   * user is asked whether to save them before the file replaces it. */
  gtk_window_present (GTK_WINDOW (window));
  if (n_files > 0)
    bp_window_request_open (window, files[n_files - 1]);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  BpApplication *self = user_data;
  /* Translators: credited in the About window */
  const char *developers[] = { _("The Backprop developers"), NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GObject *about;

  /* AdwAboutDialog replaced AdwAboutWindow in libadwaita 1.5; the properties are the same. */
#if ADW_CHECK_VERSION (1, 5, 0)
  about = g_object_new (ADW_TYPE_ABOUT_DIALOG,
#else
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
#endif
                        /* Translators: the application's name; most languages keep it as it is */
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
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (about), GTK_WIDGET (parent));
#else
  gtk_window_present (GTK_WINDOW (about));
#endif
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  BpWindow *window = get_window (user_data);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
}

/* Quitting closes each window as its close button would, so each keeps its network in the
 * state file; the application ends with the last one. */
static void
quit (BpApplication *self)
{
  g_autolist(GtkWindow) copy = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    copy = g_list_prepend (copy, g_object_ref (l->data));
  for (GList *l = copy; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  quit (user_data);
}

/* A session that ends, or a terminal's Ctrl+C, quits as Ctrl+Q does. */
static gboolean
quit_signal_cb (gpointer user_data)
{
  quit (user_data);
  return G_SOURCE_CONTINUE;
}

#if !ADW_CHECK_VERSION (1, 8, 0)
/* app.shortcuts, which libadwaita 1.8 and later add themselves to show shortcuts-dialog.ui:
 * here GtkApplicationWindow's win.show-help-overlay shows gtk/help-overlay.ui. */
static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (get_window (user_data)), "win.show-help-overlay",
                              NULL);
}
#endif

/* For scripts and tests: Save As and Export without a file chooser, on the window. */
static void
forward_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_autofree char *name = g_strconcat ("win.", g_action_get_name (G_ACTION (action)), NULL);

  gtk_widget_activate_action_variant (GTK_WIDGET (get_window (user_data)), name, parameter);
}

static const GActionEntry app_actions[] = {
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "preferences", preferences_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
#if !ADW_CHECK_VERSION (1, 8, 0)
  { "shortcuts", shortcuts_action, NULL, NULL, NULL, { 0 } },
#endif
  { "save-as-path", forward_action, "s", NULL, NULL, { 0 } },
  { "export-to-path", forward_action, "(sii)", NULL, NULL, { 0 } },
};

static void
bp_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (bp_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  g_unix_signal_add (SIGTERM, quit_signal_cb, app);
  g_unix_signal_add (SIGINT, quit_signal_cb, app);
  g_unix_signal_add (SIGHUP, quit_signal_cb, app);
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
