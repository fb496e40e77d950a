/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-files.c: the window's network files: choosing, opening (from the Open action,
 * the command line or a drop), saving, asking before changes would be lost, and restoring
 * the state file of the last run. A file is loaded in place into the window's one network,
 * which every view follows. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-state.h"
#include "bp-window-private.h"

/* The window shows networks up to this size; larger ones are for backprop-cli. */
#define MAX_SHOWN_LAYERS 8
#define MAX_SHOWN_WIDTH 16

typedef struct {
  BpWindow *window;
  BpFileChosenFunc func;
  GtkWidget *view;                   /* whose picture is exported, or NULL */
  BpPictureExportFunc export_func;   /* writes it, instead of func */
} FileRequest;

/* A request of @self's, to be given to request_file (). */
static FileRequest *
file_request_new (BpWindow *self)
{
  FileRequest *request = g_new0 (FileRequest, 1);

  request->window = g_object_ref (self);
  return request;
}

/* Writes the picture of the request's view, or says in a toast why it cannot. */
static void
export_picture (FileRequest *request,
                GFile       *file)
{
  g_autoptr(GError) error = NULL;

  if (!request->export_func (request->view, file, &error))
    _bp_window_toast (request->window, error->message);
}

static void
file_chosen (FileRequest *request,
             GFile       *file)
{
  if (file != NULL && request->export_func != NULL)
    {
      export_picture (request, file);
    }
  else if (file != NULL)
    {
      request->func (request->window, file);
    }
  else
    {
      g_clear_object (&request->window->pending_open);
      request->window->close_pending = FALSE;
    }
  g_clear_object (&request->view);
  g_object_unref (request->window);
  g_free (request);
}

static GtkFileFilter *
network_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Network files"));
  gtk_file_filter_add_mime_type (filter, "application/x-backprop-network+json");
  gtk_file_filter_add_pattern (filter, "*.json");
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
file_dialog_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  g_autoptr(GFile) file = g_object_get_data (source, "bp-save") != NULL
                          ? gtk_file_dialog_save_finish (dialog, result, NULL)
                          : gtk_file_dialog_open_finish (dialog, result, NULL);

  file_chosen (data, file);
}
#else
static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         data)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT
                          ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native)) : NULL;

  file_chosen (data, file);
  g_object_unref (native);
}
#endif

/* The files a picture (the Check page's plot, the loss landscape) is exported to. */
static GtkFileFilter *
picture_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  /* Translators: the kind of file the plot of a gradient check or the loss landscape is
   * exported to */
  gtk_file_filter_set_name (filter, _("PNG, SVG or PDF image"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  return filter;
}

/* Asks for the file of @request through the portal where there is one: GtkFileDialog from
 * GTK 4.10, GtkFileChooserNative before. Takes @request and @filter. */
static void
request_file (FileRequest   *request,
              gboolean       save,
              const char    *title,
              const char    *suggested_name,
              GtkFileFilter *filter)
{
  BpWindow *self = request->window;
  g_autoptr(GtkFileFilter) owned_filter = filter;

#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_set_initial_name (dialog, suggested_name);
  if (save)
    {
      g_object_set_data (G_OBJECT (dialog), "bp-save", GINT_TO_POINTER (TRUE));
      gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, file_dialog_done_cb, request);
    }
  else
    gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, file_dialog_done_cb, request);
#else
  GtkFileChooserNative *native = gtk_file_chooser_native_new (
      title, GTK_WINDOW (self),
      save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN, NULL, NULL);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
#endif
}

/* Asks for a file, then calls @func with it. */
void
_bp_window_choose_file (BpWindow        *self,
                        gboolean         save,
                        const char      *title,
                        const char      *suggested_name,
                        GtkFileFilter   *filter,
                        BpFileChosenFunc func)
{
  FileRequest *request = file_request_new (self);

  request->func = func;
  request_file (request, save, title, suggested_name, filter);
}

/* Asks for a PNG, SVG or PDF file, then writes @view's picture to it with @export_func, or
 * says in a toast why it cannot. */
void
_bp_window_export_picture (BpWindow           *self,
                           const char         *title,
                           const char         *suggested_name,
                           GtkWidget          *view,
                           BpPictureExportFunc export_func)
{
  FileRequest *request = file_request_new (self);

  request->view = g_object_ref (view);
  request->export_func = export_func;
  request_file (request, TRUE, title, suggested_name, picture_filter ());
}

/* Shows a file's network, or says in a toast why it cannot; the network stays as it was. */
static void
load_file (BpWindow *self,
           GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (!bp_window_open_file (self, file, &error))
    _bp_window_toast (self, error->message);
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Closes the window once the dialog that asked has gone: a dialog must not outlive the
 * window it is transient for. */
static void
close_later (BpWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self),
                   g_object_unref);
}

static gboolean
save_to (BpWindow *self,
         GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) pending = g_steal_pointer (&self->pending_open);
  gboolean close = self->close_pending;

  self->close_pending = FALSE;
  if (!bp_network_save (self->network, file, &error))
    {
      _bp_window_toast (self, error->message);
      return FALSE;
    }
  _bp_window_set_document (self, file, FALSE);
  if (close)
    {
      /* The work is in the file now: the window may close even without its state file. */
      close_later (self);
      return TRUE;
    }
  bp_autosave_save (self->autosave);
  if (pending != NULL)
    load_file (self, pending);
  return TRUE;
}

static void
save_as_chosen (BpWindow *self,
                GFile    *file)
{
  save_to (self, file);
}

static void
save_as (BpWindow *self)
{
  g_autofree char *name = self->document != NULL ? g_file_get_basename (self->document)
                                                 /* Translators: a file name; keep the
                                                  * .backprop.json ending */
                                                 : g_strdup (_("Untitled.backprop.json"));

  _bp_window_choose_file (self, TRUE, _("Save Network"), name, network_filter (), save_as_chosen);
}

static void
save (BpWindow *self)
{
  if (self->document == NULL)
    save_as (self);
  else
    save_to (self, self->document);
}

static void
save_changes_response_cb (BpWindow   *self,
                          const char *response)
{
  g_autoptr(GFile) pending = NULL;

  if (g_str_equal (response, "save"))
    {
      save (self);
      return;
    }
  pending = g_steal_pointer (&self->pending_open);
  if (g_str_equal (response, "discard") && pending != NULL)
    load_file (self, pending);
}

/* The response arrives on the dialog; the window is the signal's user data. */
static void
alert_response_cb (BpAlert    *alert,
                   const char *response,
                   BpWindow   *self)
{
  void (*func) (BpWindow *, const char *) = g_object_get_data (G_OBJECT (alert), "bp-func");

  func (self, response);
}

BpAlert *
_bp_window_alert_new (BpWindow   *self,
                      const char *heading,
                      const char *body,
                      void      (*func) (BpWindow *, const char *))
{
  BpAlert *alert = bp_alert_new (self, heading, body);

  bp_alert_add_response (alert, "cancel", _("_Cancel"));
  bp_alert_set_close_response (alert, "cancel");
  g_object_set_data (G_OBJECT (alert), "bp-func", func);
  g_signal_connect_object (alert, "response", G_CALLBACK (alert_response_cb), self, 0);
  return alert;
}

/* "Save Changes?" with @body: Cancel, Discard, and Save (Save As… for a network in no file)
 * as the default; @func gets the response. */
void
_bp_window_ask_save_changes (BpWindow   *self,
                             const char *body,
                             void      (*func) (BpWindow *, const char *))
{
  BpAlert *alert = _bp_window_alert_new (self, _("Save Changes?"), body, func);

  bp_alert_add_response (alert, "discard", _("_Discard"));
  bp_alert_add_response (alert, "save", self->document != NULL ? _("_Save") : _("_Save As…"));
  bp_alert_set_response_appearance (alert, "discard", ADW_RESPONSE_DESTRUCTIVE);
  bp_alert_set_response_appearance (alert, "save", ADW_RESPONSE_SUGGESTED);
  bp_alert_set_default_response (alert, "save");
  bp_alert_present (alert, self);
}

/* Opening another network while this one has changes not saved to a file asks first. */
static void
request_open (BpWindow *self,
              GFile    *file)
{
  g_autofree char *name = _bp_window_document_name (self);
  g_autofree char *body = NULL;

  if (_bp_window_is_exercise_file (file))
    {
      _bp_window_open_exercises (self, file);
      return;
    }
  if (!self->modified)
    {
      load_file (self, file);
      return;
    }
  g_set_object (&self->pending_open, file);
  /* Translators: %s is the network's name, such as a file name or "Untitled" */
  body = g_strdup_printf (_("“%s” has changes that are not saved to a file. If you do not "
                            "save them, they are lost when the other network opens."), name);
  _bp_window_ask_save_changes (self, body, save_changes_response_cb);
}

static void
open_chosen (BpWindow *self,
             GFile    *file)
{
  request_open (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _bp_window_choose_file (BP_WINDOW (widget), FALSE, _("Open Network"), NULL, network_filter (),
               open_chosen);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (BP_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (BP_WINDOW (widget));
}

/* For scripts and tests, which cannot drive a portal's dialog: Save As to a path. */
static void
save_as_path_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  save_to (BP_WINDOW (widget), file);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         BpWindow      *self)
{
  GSList *files = g_value_get_boxed (value);

  if (files == NULL)
    return FALSE;
  request_open (self, files->data);
  return TRUE;
}

static void
close_response_cb (BpWindow   *self,
                   const char *response)
{
  if (g_str_equal (response, "discard"))
    {
      self->close_anyway = TRUE;
      close_later (self);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_pending = TRUE;
      save (self);
    }
}

/* The state file could not keep changes that are in no other file: the user decides, with
 * the reason in front of them. */
void
_bp_window_ask_before_closing (BpWindow   *self,
                               const char *reason)
{
  _bp_window_ask_save_changes (self, reason, close_response_cb);
}

void
_bp_window_class_add_file_actions (GtkWidgetClass *widget_class)
{
  GtkWidgetClass *k = widget_class;

  _bp_window_add_action_with_keys (k, "win.open", open_action, GDK_KEY_o, GDK_CONTROL_MASK);
  _bp_window_add_action_with_keys (k, "win.save", save_action, GDK_KEY_s, GDK_CONTROL_MASK);
  _bp_window_add_action_with_keys (k, "win.save-as", save_as_action, GDK_KEY_s,
                                   GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  gtk_widget_class_install_action (k, "win.save-as-path", "s", save_as_path_action);
}

/* A network file dropped on the window opens as the Open action opens it. */
void
_bp_window_files_init (BpWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

static gboolean
check_shown_size (const BpNet *net,
                  GError     **error)
{
  guint n_sizes = net->n_layers + 1;
  const guint *sizes = net->sizes;

  if (n_sizes - 1 > MAX_SHOWN_LAYERS)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                   /* Translators: the second number is the window's limit; backprop-cli is
                    * the name of a program and stays as it is */
                   ngettext ("This network has %u weight layer; the window shows up to %u. "
                             "Use backprop-cli to train and explain it.",
                             "This network has %u weight layers; the window shows up to %u. "
                             "Use backprop-cli to train and explain it.", n_sizes - 1),
                   n_sizes - 1, MAX_SHOWN_LAYERS);
      return FALSE;
    }
  for (guint l = 0; l < n_sizes; l++)
    if (sizes[l] > MAX_SHOWN_WIDTH)
      {
        g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                     /* Translators: the layer's index, its number of neurons and the
                      * window's limit; backprop-cli is the name of a program */
                     ngettext ("Layer %u of this network has %u neuron; the window shows up "
                               "to %u per layer. Use backprop-cli to train and explain it.",
                               "Layer %u of this network has %u neurons; the window shows up "
                               "to %u per layer. Use backprop-cli to train and explain it.",
                               sizes[l]),
                     l, sizes[l], MAX_SHOWN_WIDTH);
        return FALSE;
      }
  return TRUE;
}

/**
 * bp_window_open_file:
 * @self: a window
 * @file: a network file
 * @error: return location for a #GError
 *
 * Shows the network of @file. On failure the window keeps its network and @error says why,
 * naming the file.
 *
 * Returns: %TRUE if the file was opened
 */
gboolean
bp_window_open_file (BpWindow *self,
                     GFile    *file,
                     GError  **error)
{
  g_auto(BpFileSession) session = { 0 };
  g_autofree char *name = g_file_get_basename (file);
  BpFileExtras extras = { 0 };
  BpNet *net;

  g_return_val_if_fail (BP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  net = bp_file_load_full (file, &extras, &session, error);
  if (net != NULL && !check_shown_size (net, error))
    g_clear_pointer (&net, bp_net_free);
  if (net == NULL)
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  bp_trainer_set_playing (self->trainer, FALSE);
  bp_playback_finish (self->playback);
  if (!bp_network_load_net (self->network, net, &extras, &session, error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  _bp_window_network_loaded (self);
  _bp_window_set_document (self, file, FALSE);
  bp_autosave_save (self->autosave);
  return TRUE;
}

/**
 * bp_window_request_open:
 * @self: a window
 * @file: a network file
 *
 * Opens @file as the Open action does: if the network has changes not saved to a file,
 * first asks whether to save them. Errors appear in the window.
 */
void
bp_window_request_open (BpWindow *self,
                        GFile    *file)
{
  g_return_if_fail (BP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  request_open (self, file);
}

/**
 * bp_window_restore_state:
 * @self: a window
 * @state_file: the state file
 *
 * Shows the network kept in @state_file by the last run, and keeps it there from now on:
 * on close, on pause and within a few seconds of every change. A state file that cannot be
 * read, or whose network the window cannot show, is set aside under another name and the
 * user is told.
 */
void
bp_window_restore_state (BpWindow *self,
                         GFile    *state_file)
{
  g_auto(BpFileSession) session = { 0 };
  BpFileExtras extras = { 0 };
  BpNet *net;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) aside = NULL;
  g_autoptr(GFile) document = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (BP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (state_file));

  bp_autosave_set_file (self->autosave, state_file);
  _bp_window_exercises_restore (self, state_file);
  net = bp_file_load_full (state_file, &extras, &session, &error);
  if (net == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return;
  if (net != NULL && !check_shown_size (net, &error))
    g_clear_pointer (&net, bp_net_free);
  if (net != NULL && bp_network_load_net (self->network, net, &extras, &session, &error))
    {
      _bp_window_network_loaded (self);
      if (session.document_path != NULL)
        document = g_file_new_for_path (session.document_path);
      _bp_window_set_document (self, document, session.document_modified);
      return;
    }
  aside = bp_state_set_aside (state_file, NULL);
  if (aside == NULL)
    {
      /* Never overwrite what could not be moved away. */
      bp_autosave_set_file (self->autosave, NULL);
      /* Translators: a notification at start-up; %s is the reason, such as "the file is
       * empty" */
      message = g_strdup_printf (_("The last session’s network could not be restored: %s. "
                                   "Its file is left as it was."), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (aside);

      /* Translators: a notification at start-up; the first %s is the reason, such as "the
       * file is empty", the second the name the broken file was kept under */
      message = g_strdup_printf (_("The last session’s network could not be restored: %s. "
                                   "It was kept as “%s”; a new network is shown."),
                                 error->message, name);
    }
  _bp_window_toast (self, message);
}
