/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-export.c: Export: the diagram as a PNG, SVG or PDF picture for slides and
 * handouts, the worked example of the current step as Markdown or LaTeX, or the network
 * as a PyTorch script. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bp-explain.h"
#include "bp-window-private.h"
#include "bp-torch-script.h"

#include "bp-health-draw.h"

static const BpPalette *
export_palette (BpWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  BpPaletteChoice choice = self->settings != NULL
                           ? (BpPaletteChoice) g_settings_get_enum (self->settings, "palette")
                           : BP_PALETTE_CHOICE_AUTOMATIC;

  /* A picture for slides and handouts is light, unless the user asked for high contrast. */
  return bp_palette_resolve (choice, FALSE, adw_style_manager_get_high_contrast (manager));
}

/* The network as a PyTorch script: the one `backprop-cli export-torch` writes for the
 * saved file, so a learner goes on in Python from the step the window shows. */
static gboolean
export_torch (BpWindow  *self,
              GFile     *file,
              GError   **error)
{
  g_autofree char *name = self->document != NULL ? g_file_get_basename (self->document)
                                                 : g_strdup (_("Untitled"));
  g_autofree char *script = bp_network_torch_script (self->network, name,
                                                     BP_TORCH_DEFAULT_STEPS);

  return g_file_replace_contents (file, script, strlen (script), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}

static void
export_to (BpWindow       *self,
           GFile          *file,
           BpExportFormat  format)
{
  const BpNet *net = bp_playback_get_after (self->playback);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *done = NULL;
  g_autoptr(BpHeatmap) heatmap = NULL;
  BpSelection selection, unfold;
  gboolean ok;

  /* The picture shows what the window shows: the selection and its numbers, and the moment
   * of a step shown with its caption and pulses. */
  bp_selection_model_get_selected (self->selection, &selection);
  if (_bp_window_in_dataset_mode (self))
    {
      /* In dataset mode every node shows its map, in the picture's colours. */
      heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
      bp_heatmap_update (heatmap, net, bp_network_get_features (self->network),
                         export_palette (self));
    }
  if (format == BP_EXPORT_LATEX || format == BP_EXPORT_MARKDOWN)
    {
      /* The worked example is one example's step, every number from it: in dataset mode
       * the first example of the next batch, with its own gradients δ·a rather than the
       * batch's mean that the diagram's colours show. */
      g_autoptr(BpNet) example = bp_net_copy (net);

      bp_net_show_sample (example);
      ok = format == BP_EXPORT_LATEX ? bp_export_latex (example, file, &error)
                                     : bp_export_markdown (example, file, &error);
    }
  else if (format == BP_EXPORT_TORCH)
    ok = export_torch (self, file, &error);
  else if (format == BP_EXPORT_TIMELINE_CSV)
    ok = _bp_window_export_timeline (self, file, &error);
  else
    {
      BpDiagramPicture picture = {
        .net = net,
        .before = bp_playback_get_before (self->playback),
        .moment = bp_playback_get_moment (self->playback),
        .heatmap = heatmap,
        .palette = export_palette (self),
        .selection = &selection,
        .unfold = bp_diagram_get_unfolded (self->diagram, &unfold) ? &unfold : NULL,
        .health = bp_network_get_health (self->network),
      };

      ok = bp_export_diagram (&picture, format, self->export_width, self->export_height,
                              file, &error);
    }
  if (!ok)
    {
      _bp_window_toast (self, error->message);
      return;
    }
  /* Translators: %s is a file name */
  done = g_strdup_printf (_("Exported “%s”"), name);
  _bp_window_toast (self, done);
}

static void
export_chosen (BpWindow *self,
               GFile    *file)
{
  export_to (self, file, self->export_format);
}

/* For scripts and tests: export to (path, width, height); the extension names the format. */
static void
export_to_path_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  g_autoptr(GFile) file = NULL;
  BpExportFormat format;
  const char *path;

  g_variant_get (parameter, "(&sii)", &path, &self->export_width, &self->export_height);
  if (!bp_export_format_for_name (path, &format))
    {
      g_autoptr(GString) endings = g_string_new (NULL);
      g_autofree char *message = NULL;

      for (BpExportFormat f = 0; f <= BP_EXPORT_LAST; f++)
        g_string_append_printf (endings, "%s.%s", f > 0 ? ", " : "",
                                bp_export_format_extension (f));
      /* Translators: %s lists the file name endings of the export formats, such as
       * “.png, .svg, .pdf, .md, .py” */
      message = g_strdup_printf (_("Export needs a file name ending in one of %s"),
                                 endings->str);
      _bp_window_toast (self, message);
      return;
    }
  file = g_file_new_for_path (path);
  export_to (self, file, format);
}

static GtkFileFilter *
export_filter (BpExportFormat format)
{
  static const char * const mime_types[] = {
    "image/png", "image/svg+xml", "application/pdf", "text/markdown", "text/x-python3",
    "text/x-tex", "text/csv",
  };
  static const char * const names[] = {
    /* Translators: names of file types in the file chooser's filter; PNG, SVG, PDF and Markdown
     * are format names */
    N_("PNG images"), N_("SVG drawings"), N_("PDF documents"), N_("Markdown documents"),
    /* Translators: the name of a file type in the file chooser's filter; Python is the
     * programming language */
    N_("Python scripts"),
    /* Translators: the name of a file type in the file chooser's filter; LaTeX is a format
     * name */
    N_("LaTeX documents"),
    /* Translators: the name of a file type in the file chooser's filter; CSV is a format
     * name */
    N_("CSV tables"),
  };
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*.%s", bp_export_format_extension (format));

  gtk_file_filter_set_name (filter, _(names[format]));
  gtk_file_filter_add_mime_type (filter, mime_types[format]);
  gtk_file_filter_add_pattern (filter, pattern);
  return filter;
}

static void
export_response_cb (BpWindow   *self,
                    const char *response)
{
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "export"))
    return;
  base = self->document != NULL ? g_file_get_basename (self->document)
                                : g_strdup (_("Untitled"));
  name = bp_window_export_name (base, bp_export_format_extension (self->export_format));
  _bp_window_choose_file (self, TRUE, _("Export"), name, export_filter (self->export_format),
               export_chosen);
}

static gboolean
format_has_size (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      data)
{
  g_value_set_boolean (to, BP_EXPORT_IS_PICTURE (g_value_get_uint (from)));
  return TRUE;
}

/* What the dialog says under its rows: the unit of a picture's size, or for LaTeX in a
 * language pdflatex cannot set, that the file is in English. */
static gboolean
format_description (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      data)
{
  if (g_value_get_uint (from) == BP_EXPORT_LATEX && !bp_explain_latex_in_ui_language ())
    g_value_set_string (to, bp_explain_latex_fallback_note ());
  else
    /* Translators: the unit of an exported picture's size */
    g_value_set_string (to, _("Sizes are in pixels, for PDF in points."));
  return TRUE;
}

static void
export_format_cb (AdwComboRow *row,
                  GParamSpec  *pspec,
                  BpWindow    *self)
{
  self->export_format = adw_combo_row_get_selected (row);
}

static void
export_size_cb (GtkSpinButton *spin,
                BpWindow      *self)
{
  int *slot = g_object_get_data (G_OBJECT (spin), "bp-slot");

  *slot = gtk_spin_button_get_value_as_int (spin);
}

static GtkWidget *
size_row_new (BpWindow   *self,
              const char *title,
              int        *slot)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (BP_EXPORT_MIN_SIZE, BP_EXPORT_MAX_SIZE, 10);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), *slot);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_set_data (G_OBJECT (spin), "bp-slot", slot);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (export_size_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

/* Ctrl+E: what to export and how large, then where. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  /* Translators: the choices of the export dialog's Format row; PNG, SVG, PDF and Markdown are
   * format names */
  const char *formats[] = { _("PNG image"), _("SVG drawing"), _("PDF document"),
                            _("Worked example (Markdown)"),
                            /* Translators: a choice of the export dialog's Format row:
                             * the network as a program for PyTorch, a library of the
                             * Python language */
                            _("PyTorch script"),
                            /* Translators: a choice of the export dialog's Format row; LaTeX
                             * is a format name */
                            _("Worked example (LaTeX)"),
                            /* Translators: a choice of the export dialog's Format row: every
                             * recorded step of every branch with its loss, η and parameters,
                             * as a CSV table; CSV is a format name */
                            _("Timeline (CSV)"), NULL };
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *format_row = adw_combo_row_new ();
  /* Translators: the size of an exported picture, in pixels */
  GtkWidget *width_row = size_row_new (self, _("Width"), &self->export_width);
  GtkWidget *height_row = size_row_new (self, _("Height"), &self->export_height);
  BpAlert *alert;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (format_row), _("Format"));
  adw_combo_row_set_model (ADW_COMBO_ROW (format_row),
                           G_LIST_MODEL (gtk_string_list_new (formats)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (format_row), self->export_format);
  g_signal_connect_object (format_row, "notify::selected", G_CALLBACK (export_format_cb),
                           self, 0);
  /* The worked example is text: it has no size. */
  g_object_bind_property_full (format_row, "selected", width_row, "sensitive",
                               G_BINDING_SYNC_CREATE, format_has_size, NULL, NULL, NULL);
  g_object_bind_property (width_row, "sensitive", height_row, "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (format_row, "selected", group, "description",
                               G_BINDING_SYNC_CREATE, format_description, NULL, NULL, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), format_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), width_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), height_row);

  alert = _bp_window_alert_new (self, _("Export"),
                     _("The diagram as a picture for slides and handouts, the worked "
                       "example of the current step as text, or the network as a PyTorch "
                       "script that goes on training where it stands."), export_response_cb);
  bp_alert_add_response (alert, "export", _("_Export…"));
  bp_alert_set_response_appearance (alert, "export", ADW_RESPONSE_SUGGESTED);
  bp_alert_set_default_response (alert, "export");
  bp_alert_set_extra_child (alert, group);
  bp_alert_present (alert, self);
}

void
_bp_window_class_add_export_actions (GtkWidgetClass *widget_class)
{
  _bp_window_add_action_with_keys (widget_class, "win.export", export_action, GDK_KEY_e,
                                   GDK_CONTROL_MASK);
  gtk_widget_class_install_action (widget_class, "win.export-to-path", "(sii)",
                                   export_to_path_action);
}

/**
 * bp_window_export_name:
 * @document_name: the network file's name, such as "v1.2-run.backprop.json"
 * @extension: the export format's extension, such as "png"
 *
 * The name the Export dialog suggests: the network file's name with its network ending
 * (".backprop.json" or ".json") replaced by @extension. Other dots stay.
 *
 * Returns: (transfer full): a file name, such as "v1.2-run.png"
 */
char *
bp_window_export_name (const char *document_name,
                       const char *extension)
{
  static const char * const endings[] = { ".backprop.json", ".json" };
  gsize length;

  g_return_val_if_fail (document_name != NULL, NULL);
  g_return_val_if_fail (extension != NULL, NULL);

  length = strlen (document_name);
  for (guint k = 0; k < G_N_ELEMENTS (endings); k++)
    if (g_str_has_suffix (document_name, endings[k]) && length > strlen (endings[k]))
      {
        length -= strlen (endings[k]);
        break;
      }
  return g_strdup_printf ("%.*s.%s", (int) length, document_name, extension);
}
