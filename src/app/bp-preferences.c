/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-preferences.c: the Preferences window. Its one page edits the GSettings keys about the
 * app (palette, animation speed, play rate, zoom); every control is bound to its key, so the
 * window follows at once and the next launch starts the same. */
#define G_LOG_DOMAIN "bp-preferences"

#include "config.h"

#include "bp-preferences.h"

#include <glib/gi18n.h>
#include <math.h>

struct _BpPreferencesPage
{
  AdwPreferencesPage parent_instance;

  GSettings *settings;

  /* template children */
  AdwComboRow *palette_row;
  AdwComboRow *loss_scale_row;
  GtkWidget *ghosts_switch;
  GtkAdjustment *animation_adjustment;
  GtkAdjustment *play_rate_adjustment;
  GtkWidget *play_rate_spin;
  GtkWidget *play_fastest_switch;
  GtkAdjustment *zoom_adjustment;
};

G_DEFINE_FINAL_TYPE (BpPreferencesPage, bp_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

/* The combo rows' items are in the order of their schema's enum, whose nicks are these. */
static const char * const palette_nicks[] = {
  "automatic", "colour-blind-safe", "high-contrast", NULL
};
static const char * const loss_scale_nicks[] = { "automatic", "linear", "logarithmic", NULL };

static gboolean
nick_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint k = 0; nicks[k] != NULL; k++)
    if (g_str_equal (nick, nicks[k]))
      {
        g_value_set_uint (value, k);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
nick_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint k = g_value_get_uint (value);

  return k < g_strv_length ((char **) nicks) ? g_variant_new_string (nicks[k]) : NULL;
}

/* The spin buttons show speeds as "1.5×". */
static gboolean
times_output_cb (GtkSpinButton *spin)
{
  /* Translators: a speed relative to the normal one, as in "1.5×" */
  g_autofree char *text = g_strdup_printf (_("%g×"), gtk_spin_button_get_value (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* Reads "1.5×" (or "1,5", "1.5") back: the number, whatever decorates it. */
static int
times_input_cb (GtkSpinButton *spin,
                double        *value)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin)));
  char *end = NULL;

  g_strdelimit (text, ",", '.');
  *value = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (*value))
    return GTK_INPUT_ERROR;
  return TRUE;
}

static void
bp_preferences_page_dispose (GObject *object)
{
  BpPreferencesPage *self = BP_PREFERENCES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_PREFERENCES_PAGE);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (bp_preferences_page_parent_class)->dispose (object);
}

static void
bp_preferences_page_class_init (BpPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_preferences_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplab/Backprop/bp-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesPage, palette_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesPage, loss_scale_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesPage, ghosts_switch);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesPage, animation_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesPage, play_rate_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesPage, play_rate_spin);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesPage, play_fastest_switch);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesPage, zoom_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, times_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, times_input_cb);
}

static void
bp_preferences_page_init (BpPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bp_preferences_new_settings:
 *
 * The app's settings. Run uninstalled without GSETTINGS_SCHEMA_DIR the schema is missing;
 * the app then works with its defaults rather than abort.
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL without the schema
 */
GSettings *
bp_preferences_new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("The schema %s is not installed; settings are not kept", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * bp_preferences_page_new:
 * @settings: the app's settings
 *
 * Returns: (transfer full): a page whose controls edit @settings
 */
GtkWidget *
bp_preferences_page_new (GSettings *settings)
{
  BpPreferencesPage *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BP_TYPE_PREFERENCES_PAGE, NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (settings, "palette", self->palette_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_get_mapping, nick_set_mapping,
                                (gpointer) palette_nicks, NULL);
  g_settings_bind_with_mapping (settings, "loss-chart-scale", self->loss_scale_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_get_mapping, nick_set_mapping,
                                (gpointer) loss_scale_nicks, NULL);
  g_settings_bind (settings, "show-ghosts", self->ghosts_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "animation-speed", self->animation_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "play-rate", self->play_rate_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "play-fastest", self->play_fastest_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "play-fastest", self->play_rate_spin, "sensitive",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_INVERT_BOOLEAN);
  g_settings_bind (settings, "diagram-zoom", self->zoom_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  return GTK_WIDGET (self);
}

/**
 * bp_preferences_present:
 * @parent: the window it belongs to
 * @settings: the app's settings
 *
 * Shows the preferences: an AdwPreferencesDialog where libadwaita has it (1.5), an
 * AdwPreferencesWindow before.
 */
void
bp_preferences_present (GtkWindow *parent,
                        GSettings *settings)
{
  GtkWidget *page = bp_preferences_page_new (settings);

#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *dialog = adw_preferences_dialog_new ();

  adw_dialog_set_title (dialog, _("Preferences"));
  adw_preferences_dialog_set_search_enabled (ADW_PREFERENCES_DIALOG (dialog), FALSE);
  adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (dialog), ADW_PREFERENCES_PAGE (page));
  adw_dialog_present (dialog, GTK_WIDGET (parent));
#else
  GtkWidget *window = adw_preferences_window_new ();

  /* libadwaita's own title is not translated in every language the app is. */
  gtk_window_set_title (GTK_WINDOW (window), _("Preferences"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 480);
  /* One short page needs no search. */
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), FALSE);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
#endif
}
