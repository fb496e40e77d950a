/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-scale-window.c: the Scale window. It follows a BpScaleRun: Start measures the sizes of
 * bp_scale_plan() on a worker thread, each row added to the plot and to the table as it
 * comes, with the progress; Cancel stops it within a round; closing the window cancels it
 * too. The last complete measurement is kept (bp_scale_run_save()) and shown again with its
 * date when the window opens; the largest network chosen is the "scale-max-params" setting. */
#define G_LOG_DOMAIN "bp-scale-window"

#include "config.h"

#include "bp-scale-window.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-palette.h"
#include "bp-scale-draw.h"
#include "bp-text-scale.h"
#include "bp-view-style.h"

#define N_COLUMNS 5
#define DESCRIBE_INTERVAL_US 250000   /* the plot's description, at most four times a second */

struct _BpScaleWindow
{
  AdwWindow parent_instance;

  BpScaleRun *run;
  GSettings *settings;          /* NULL when the schema is not installed */
  guint64 max_params;
  GtkToggleButton *choices[BP_SCALE_WINDOW_N_CHOICES];
  GtkSizeGroup *columns[N_COLUMNS];
  char *message;                /* what happened last, for the status line, or NULL */
  gint64 described_at;
  guint describe_id;

  /* template children */
  GtkWidget *max_box;
  GtkProgressBar *progress_bar;
  GtkLabel *status_label;
  GtkWidget *plot;
  GtkListBox *table;
};

G_DEFINE_FINAL_TYPE (BpScaleWindow, bp_scale_window, ADW_TYPE_WINDOW)

static const guint64 choices[BP_SCALE_WINDOW_N_CHOICES] = { 10000, 100000, 1000000, 10000000 };

static char *
format_count (guint64 n)
{
  /* With the locale's thousands separator: 1,000,000. */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

/* A time per pass as a person reads it, with three significant digits: 25.3 ns, 1.20 ms. */
static char *
format_time (double ns)
{
  static const char * const units[] = { "ns", "µs", "ms", "s" };
  guint unit = 0;

  if (!isfinite (ns) || ns <= 0)
    return g_strdup ("—");
  while (unit < 3 && ns >= 999.5)
    {
      ns /= 1000;
      unit++;
    }
  return g_strdup_printf (ns < 9.995 ? "%.2f %s" : ns < 99.95 ? "%.1f %s" : "%.0f %s", ns,
                          units[unit]);
}

static char *
format_ratio (const BpScaleRow *row)
{
  double ratio = bp_scale_row_ratio (row);

  return isfinite (ratio) ? g_strdup_printf ("%.2f", ratio) : g_strdup ("—");
}

static char *
format_shape (const BpScaleRow *row)
{
  GString *s = g_string_new ("[");

  for (guint l = 0; l < row->n_sizes; l++)
    g_string_append_printf (s, l > 0 ? ", %u" : "%u", row->sizes[l]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static const BpPalette *
current_palette (BpScaleWindow *self)
{
  return bp_view_style_palette (self->settings != NULL
                                ? (BpPaletteChoice) g_settings_get_enum (self->settings,
                                                                         "palette")
                                : BP_PALETTE_CHOICE_AUTOMATIC);
}

/* A row of the table: five labels in the columns' size groups. */
static GtkWidget *
table_row (BpScaleWindow *self,
           const char    *cells[N_COLUMNS],
           gboolean       heading)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkWidget *label = gtk_label_new (cells[c]);

      gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0.0f : 1.0f);
      gtk_widget_set_hexpand (label, TRUE);
      if (heading)
        gtk_widget_add_css_class (label, "heading");
      else
        gtk_widget_add_css_class (label, "numeric");
      gtk_size_group_add_widget (self->columns[c], label);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
add_heading (BpScaleWindow *self)
{
  const char *cells[N_COLUMNS] = {
    /* Translators: headings of the Scale window's table: the network's layer sizes, its
     * weights and biases, the time of one forward and one backward pass, and their ratio */
    C_("scale", "Shape"), C_("scale", "Parameters"), C_("scale", "Forward"),
    C_("scale", "Backward"), C_("scale", "Backward ÷ forward"),
  };
  GtkWidget *row = table_row (self, cells, TRUE);

  /* The heading is read once, as the table's columns, not as a row of numbers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("scale", "Shape, parameters, forward, backward, "
                                              "backward ÷ forward"), -1);
  gtk_list_box_append (self->table, row);
}

static void
add_row (BpScaleWindow    *self,
         const BpScaleRow *r)
{
  g_autofree char *shape = format_shape (r);
  g_autofree char *params = format_count (r->params);
  g_autofree char *forward = format_time (r->forward_ns);
  g_autofree char *backward = format_time (r->backward_ns);
  g_autofree char *ratio = format_ratio (r);
  g_autofree char *label = NULL;
  const char *cells[N_COLUMNS] = { shape, params, forward, backward, ratio };
  GtkWidget *row = table_row (self, cells, FALSE);

  /* Translators: a row of the table of measured sizes, as a screen reader reads it: the
   * shape, the parameters, the two times with their units, and their ratio */
  label = g_strdup_printf (ngettext ("%s: %s parameter, forward %s, backward %s, "
                                     "backward ÷ forward %s",
                                     "%s: %s parameters, forward %s, backward %s, "
                                     "backward ÷ forward %s", (gulong) MIN (r->params, 1000000)),
                           shape, params, forward, backward, ratio);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_list_box_append (self->table, row);
}

static void
rebuild_table (BpScaleWindow *self)
{
  GtkWidget *child;
  const BpScaleRow *rows;
  guint n_rows;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_list_box_remove (self->table, child);
  add_heading (self);
  rows = bp_scale_run_get_rows (self->run, &n_rows);
  for (guint i = 0; i < n_rows; i++)
    add_row (self, &rows[i]);
}

static void
describe_plot (BpScaleWindow *self)
{
  const BpScaleRow *rows;
  guint n_rows;
  g_autofree char *text = NULL;

  rows = bp_scale_run_get_rows (self->run, &n_rows);
  text = bp_scale_describe (rows, n_rows);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->plot),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  self->described_at = g_get_monotonic_time ();
}

static gboolean
describe_idle_cb (gpointer data)
{
  BpScaleWindow *self = data;

  self->describe_id = 0;
  describe_plot (self);
  return G_SOURCE_REMOVE;
}

/* The description follows the rows, but no more than a few times a second. */
static void
queue_describe (BpScaleWindow *self)
{
  gint64 wait = self->described_at + DESCRIBE_INTERVAL_US - g_get_monotonic_time ();

  if (self->describe_id != 0)
    return;
  if (wait <= 0)
    describe_plot (self);
  else
    self->describe_id = g_timeout_add ((guint) (wait / 1000) + 1, describe_idle_cb, self);
}

static void
update_progress (BpScaleWindow *self)
{
  guint n_rows, n_planned = bp_scale_run_get_n_planned (self->run);
  gboolean running = bp_scale_run_get_running (self->run);
  GDateTime *date = bp_scale_run_get_date (self->run);
  g_autofree char *text = NULL;
  g_autofree char *status = NULL;

  bp_scale_run_get_rows (self->run, &n_rows);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 n_planned > 0 ? (double) n_rows / n_planned : 0.0);
  if (running && n_rows < n_planned)
    {
      guint64 params = bp_scale_run_get_planned (self->run, n_rows)->params;
      g_autofree char *count = format_count (params);

      /* Translators: the size being timed, the number of sizes, and its parameters */
      text = g_strdup_printf (ngettext ("Size %u of %u, %s parameter",
                                        "Size %u of %u, %s parameters",
                                        (gulong) MIN (params, 1000000)),
                              n_rows + 1, n_planned, count);
    }
  else if (date != NULL)
    {
      g_autofree char *when = g_date_time_format (date, "%c");

      /* Translators: %s is a date and time */
      status = g_strdup_printf (_("Measured on %s, one thread, median of 5 rounds"), when);
    }
  gtk_progress_bar_set_text (self->progress_bar, text != NULL ? text : "");
  if (self->message != NULL)
    gtk_label_set_label (self->status_label, self->message);
  else if (status != NULL)
    gtk_label_set_label (self->status_label, status);
  else
    gtk_label_set_label (self->status_label,
                         running ? "" : _("Not measured yet: choose the largest network and "
                                          "press Start."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scale.start", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scale.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scale.export", n_rows > 0);
  for (guint k = 0; k < BP_SCALE_WINDOW_N_CHOICES; k++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->choices[k]), !running);
}

static void
set_message (BpScaleWindow *self,
             char          *message)
{
  g_free (self->message);
  self->message = message;
  update_progress (self);
}

static void
row_added_cb (BpScaleWindow *self,
              guint          index)
{
  const BpScaleRow *rows;
  guint n_rows;

  rows = bp_scale_run_get_rows (self->run, &n_rows);
  add_row (self, &rows[index]);
  gtk_widget_queue_draw (self->plot);
  update_progress (self);
  queue_describe (self);
}

static void
finished_cb (BpScaleWindow *self,
             gboolean       complete)
{
  g_autoptr(GFile) file = bp_scale_run_get_default_file ();
  g_autoptr(GError) error = NULL;
  guint n_rows;

  bp_scale_run_get_rows (self->run, &n_rows);
  if (complete && !bp_scale_run_save (self->run, file, &error))
    /* Translators: %s says why, from the system */
    set_message (self, g_strdup_printf (_("The measurement could not be kept: %s"),
                                        error->message));
  else if (!complete)
    /* Translators: how many sizes were timed before Cancel, out of how many */
    set_message (self, g_strdup_printf (ngettext ("Cancelled after %u of %u size",
                                                  "Cancelled after %u of %u sizes",
                                                  bp_scale_run_get_n_planned (self->run)),
                                        n_rows, bp_scale_run_get_n_planned (self->run)));
  else
    set_message (self, NULL);
  describe_plot (self);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        data)
{
  BpScaleWindow *self = data;
  const BpScaleRow *rows;
  guint n_rows;
  /* Larger on a maximised window, as on a projector, and with the system's large text. */
  double scale = bp_text_scale_for_widget (GTK_WIDGET (area))
                 * CLAMP (MIN (width / 900.0, height / 420.0), 1.0, 2.0);

  rows = bp_scale_run_get_rows (self->run, &n_rows);
  bp_scale_draw (cr, width, height, rows, n_rows,
                 bp_scale_run_get_max_params (self->run) > 0
                 ? bp_scale_run_get_max_params (self->run) : self->max_params,
                 current_palette (self), scale);
}

static void
choice_toggled_cb (GtkToggleButton *button,
                   BpScaleWindow   *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint k = 0; k < BP_SCALE_WINDOW_N_CHOICES; k++)
    if (self->choices[k] == button)
      self->max_params = choices[k];
  if (self->settings != NULL)
    g_settings_set_int (self->settings, "scale-max-params", (int) self->max_params);
  if (bp_scale_run_get_n_planned (self->run) == 0)
    gtk_widget_queue_draw (self->plot);
}

static void
build_choices (BpScaleWindow *self)
{
  for (guint k = 0; k < BP_SCALE_WINDOW_N_CHOICES; k++)
    {
      g_autofree char *count = format_count (choices[k]);
      g_autofree char *name = NULL;
      GtkWidget *button = gtk_toggle_button_new_with_label (count);

      /* Translators: the accessible name of a choice of the largest network */
      name = g_strdup_printf (ngettext ("Up to %s parameter", "Up to %s parameters",
                                        (gulong) MIN (choices[k], 1000000)), count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      if (k > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->choices[0]);
      self->choices[k] = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (self->max_box), button);
    }
}

/* The choice nearest to @max_params (on the log scale). */
static void
choose (BpScaleWindow *self,
        guint64        max_params)
{
  guint best = 0;

  for (guint k = 1; k < BP_SCALE_WINDOW_N_CHOICES; k++)
    if (fabs (log10 ((double) choices[k] / max_params))
        < fabs (log10 ((double) choices[best] / max_params)))
      best = k;
  gtk_toggle_button_set_active (self->choices[best], TRUE);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BpScaleWindow *self = BP_SCALE_WINDOW (widget);

  bp_scale_window_start (self, self->max_params);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  bp_scale_run_cancel (BP_SCALE_WINDOW (widget)->run);
}

static void
export_chosen (BpScaleWindow *self,
               GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);

  /* The size of the window's plot on a slide: 1600 × 1000 pixels, or points for PDF. */
  if (!bp_scale_window_export (self, file, 1600, 1000, &error))
    set_message (self, g_strdup (error->message));
  else
    /* Translators: %s is a file name */
    set_message (self, g_strdup_printf (_("Exported “%s”"), name));
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(BpScaleWindow) self = data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    export_chosen (self, file);
}
#else
static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         data)
{
  g_autoptr(BpScaleWindow) self = data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  if (file != NULL)
    export_chosen (self, file);
}
#endif

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BpScaleWindow *self = BP_SCALE_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  /* Translators: the title of the file chooser that saves the Scale window's plot */
  const char *title = _("Export Plot");

  /* Translators: the name of the file types of the Scale window's plot; keep PNG, SVG and
   * PDF */
  gtk_file_filter_set_name (filter, _("PNG, SVG or PDF pictures"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.png");
  gtk_file_filter_add_pattern (filter, "*.svg");
  gtk_file_filter_add_pattern (filter, "*.pdf");
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_set_initial_name (dialog, "scale.png");
  gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, save_done_cb, g_object_ref (self));
#else
  GtkFileChooserNative *native = gtk_file_chooser_native_new (
      title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, NULL, NULL);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "scale.png");
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
#endif
}

static void
redraw (BpScaleWindow *self)
{
  gtk_widget_queue_draw (self->plot);
}

static void
bp_scale_window_dispose (GObject *object)
{
  BpScaleWindow *self = BP_SCALE_WINDOW (object);

  /* The thread stops within a round; it holds the run until then, not the window. */
  if (self->run != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->run, self);
      bp_scale_run_cancel (self->run);
    }
  g_clear_object (&self->run);
  g_clear_object (&self->settings);
  g_clear_handle_id (&self->describe_id, g_source_remove);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_clear_object (&self->columns[c]);
  g_clear_pointer (&self->message, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_SCALE_WINDOW);
  G_OBJECT_CLASS (bp_scale_window_parent_class)->dispose (object);
}

static void
bp_scale_window_class_init (BpScaleWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_scale_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplab/Backprop/"
                                               "bp-scale-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BpScaleWindow, max_box);
  gtk_widget_class_bind_template_child (widget_class, BpScaleWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BpScaleWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, BpScaleWindow, plot);
  gtk_widget_class_bind_template_child (widget_class, BpScaleWindow, table);
  gtk_widget_class_install_action (widget_class, "scale.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "scale.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "scale.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bp_scale_window_init (BpScaleWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->run = bp_scale_run_new ();
  self->max_params = BP_SCALE_DEFAULT_MAX_PARAMS;
  for (guint c = 0; c < N_COLUMNS; c++)
    self->columns[c] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  build_choices (self);
  for (guint k = 0; k < BP_SCALE_WINDOW_N_CHOICES; k++)
    g_signal_connect (self->choices[k], "toggled", G_CALLBACK (choice_toggled_cb), self);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->plot), draw_cb, self, NULL);
  g_signal_connect_object (self->run, "row-added", G_CALLBACK (row_added_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->run, "finished", G_CALLBACK (finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->run, "notify::running", G_CALLBACK (update_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (redraw), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (redraw), self,
                           G_CONNECT_SWAPPED);
}

/**
 * bp_scale_window_new:
 * @parent: the window it belongs to
 * @settings: (nullable): the app's settings, for the palette and the largest network
 *
 * The Scale window, with the last complete measurement if one was kept.
 *
 * Returns: (transfer none): the window, owned by GTK's list of toplevels until closed
 */
BpScaleWindow *
bp_scale_window_new (GtkWindow *parent,
                     GSettings *settings)
{
  BpScaleWindow *self = g_object_new (BP_TYPE_SCALE_WINDOW, "transient-for", parent, NULL);
  g_autoptr(GFile) file = bp_scale_run_get_default_file ();
  g_autoptr(GError) error = NULL;

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings, "changed::palette", G_CALLBACK (redraw), self,
                               G_CONNECT_SWAPPED);
    }
  choose (self, settings != NULL ? (guint64) g_settings_get_int (settings, "scale-max-params")
                                 : BP_SCALE_DEFAULT_MAX_PARAMS);
  if (!bp_scale_run_load (self->run, file, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    /* Translators: %s says why */
    self->message = g_strdup_printf (_("The last measurement could not be read: %s"),
                                     error->message);
  rebuild_table (self);
  update_progress (self);
  describe_plot (self);
  return self;
}

BpScaleRun *
bp_scale_window_get_run (BpScaleWindow *self)
{
  g_return_val_if_fail (BP_IS_SCALE_WINDOW (self), NULL);
  return self->run;
}

/* The largest network Start measures: the choice, or the setting's value. */
guint64
bp_scale_window_get_max_params (BpScaleWindow *self)
{
  g_return_val_if_fail (BP_IS_SCALE_WINDOW (self), 0);
  return self->max_params;
}

/**
 * bp_scale_window_start:
 * @self: the window, not measuring
 * @max_params: the largest network, BP_SCALE_MIN_PARAMS … BP_SCALE_MAX_PARAMS
 *
 * What Start does with the chosen size: forgets the rows shown and measures again.
 */
void
bp_scale_window_start (BpScaleWindow *self,
                       guint64        max_params)
{
  g_return_if_fail (BP_IS_SCALE_WINDOW (self));

  if (bp_scale_run_get_running (self->run))
    return;
  g_clear_pointer (&self->message, g_free);
  bp_scale_run_start (self->run, max_params);
  rebuild_table (self);
  gtk_widget_queue_draw (self->plot);
  update_progress (self);
  describe_plot (self);
}

/**
 * bp_scale_window_export:
 * @self: the window
 * @file: a file whose name ends in .png, .svg or .pdf
 * @width: the width (pixels; points for PDF)
 * @height: the height
 * @error: return location for a #GError
 *
 * Writes the plot as the window shows it, in the light palette (or high contrast).
 *
 * Returns: %TRUE on success
 */
gboolean
bp_scale_window_export (BpScaleWindow  *self,
                        GFile          *file,
                        int             width,
                        int             height,
                        GError        **error)
{
  g_autofree char *name = g_file_get_basename (file);
  BpPaletteChoice choice = self->settings != NULL
                           ? (BpPaletteChoice) g_settings_get_enum (self->settings, "palette")
                           : BP_PALETTE_CHOICE_AUTOMATIC;
  const BpScaleRow *rows;
  BpExportFormat format;
  guint n_rows;

  g_return_val_if_fail (BP_IS_SCALE_WINDOW (self), FALSE);

  if (!bp_export_format_for_name (name, &format) || format == BP_EXPORT_MARKDOWN)
    {
      /* Translators: keep the file name endings as they are */
      g_set_error_literal (error, BP_ERROR, BP_ERROR_INVALID,
                           _("The plot needs a file name ending in .png, .svg or .pdf"));
      return FALSE;
    }
  rows = bp_scale_run_get_rows (self->run, &n_rows);
  /* A picture for slides and handouts is light, as the diagram's exports are. */
  return bp_scale_export (rows, n_rows, bp_scale_run_get_max_params (self->run), format, width,
                          height, bp_palette_resolve (choice, FALSE,
                                                      adw_style_manager_get_high_contrast (
                                                        adw_style_manager_get_default ())),
                          file, error);
}
