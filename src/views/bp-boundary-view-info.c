/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-boundary-view-info.c: the boundary view in words, for screen readers and tests: what
 * is shown (the output's map or a neuron's), how many training and test points, and how well
 * the network does on them (accuracy for classification, the losses). Training changes it at
 * every step, so it is updated at most every BP_BOUNDARY_DESCRIPTION_MS. */
#define G_LOG_DOMAIN "bp-boundary-view"

#include "config.h"

#include "bp-boundary-view-private.h"

#include "bp-format.h"

#include <glib/gi18n.h>

/* Separates a sentence from the one before it. */
static void
begin_sentence (GString *text)
{
  if (text->len > 0)
    g_string_append_c (text, ' ');
}

static void
append_shown_sentence (BpBoundaryView *self,
                       GString        *text)
{
  g_autofree char *name = NULL;

  begin_sentence (text);
  if (!self->show_neuron)
    {
      g_string_append (text, _("Output over the input plane."));
      return;
    }
  name = bp_boundary_view_neuron_name (self);
  /* Translators: read by screen readers; %s names a neuron (h1, h2,3) or a feature (x₁) */
  g_string_append_printf (text, _("Output of neuron %s over the input plane."), name);
}

static void
append_points_sentences (BpBoundaryView  *self,
                         const BpDataset *d,
                         GString         *text)
{
  guint n_test = d->n_points - d->n_train;

  begin_sentence (text);
  g_string_append_printf (text, ngettext ("%u training point.", "%u training points.",
                                          d->n_train), d->n_train);
  begin_sentence (text);
  if (self->show_test)
    g_string_append_printf (text, ngettext ("%u test point, shown.", "%u test points, shown.",
                                            n_test), n_test);
  else
    g_string_append_printf (text, ngettext ("%u test point, hidden.",
                                            "%u test points, hidden.", n_test), n_test);
}

static void
append_measures (BpBoundaryView  *self,
                 const BpDataset *d,
                 GString         *text)
{
  char train[BP_NUMBER_SIZE], test[BP_NUMBER_SIZE];

  if (d->kind == BP_DATASET_CLASSIFICATION)
    {
      g_snprintf (train, sizeof train, "%.0f",
                  100.0 * bp_network_get_train_accuracy (self->network));
      g_snprintf (test, sizeof test, "%.0f",
                  100.0 * bp_network_get_test_accuracy (self->network));
      begin_sentence (text);
      /* Translators: read by screen readers; two percentages of points classified right */
      g_string_append_printf (text, _("Training accuracy %s %%, test accuracy %s %%."),
                              train, test);
    }
  bp_format_number_into (bp_network_get_train_loss (self->network), BP_NUMBER_FORMULA, train,
                         sizeof train);
  bp_format_number_into (bp_network_get_test_loss (self->network), BP_NUMBER_FORMULA, test,
                         sizeof test);
  begin_sentence (text);
  /* Translators: read by screen readers; the mean losses over the training and test points */
  g_string_append_printf (text, _("Training loss %s, test loss %s."), train, test);
}

/* The value of the map shown in the crosshair's cell: the output, or the neuron's. */
static void
append_value_sentence (BpBoundaryView *self,
                       GString        *text)
{
  const BpHeatmap *heatmap = bp_maps_get_heatmap (self->maps);
  char value[BP_NUMBER_SIZE];
  guint layer, neuron = 0, column, row, grid;

  if (heatmap == NULL)
    return;
  layer = bp_heatmap_get_n_layers (heatmap);
  if (self->show_neuron && self->layer <= layer
      && self->neuron < bp_heatmap_get_layer_size (heatmap, self->layer))
    {
      layer = self->layer;
      neuron = self->neuron;
    }
  grid = bp_heatmap_get_grid (heatmap);
  if (!bp_heatmap_cell_at (grid, self->cursor_x1, self->cursor_x2, &column, &row))
    return;
  bp_format_number_into (bp_heatmap_get_values (heatmap, layer, neuron)[row * grid + column],
                         BP_NUMBER_FORMULA, value, sizeof value);
  begin_sentence (text);
  /* Translators: read by screen readers; %s is the value of the map shown (the output, or a
   * neuron's activation) under the crosshair */
  g_string_append_printf (text, _("Value there: %s."), value);
}

/* Where the keyboard's crosshair is, while the view has the focus. */
static void
append_crosshair_sentence (BpBoundaryView *self,
                           GString        *text)
{
  char x1[BP_NUMBER_SIZE], x2[BP_NUMBER_SIZE];

  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    return;
  bp_format_number_into (self->cursor_x1, BP_NUMBER_FORMULA, x1, sizeof x1);
  bp_format_number_into (self->cursor_x2, BP_NUMBER_FORMULA, x2, sizeof x2);
  begin_sentence (text);
  /* Translators: read by screen readers; x1 and x2 are the input plane's axes (keep them),
   * %s their values. Enter and Delete are keys */
  g_string_append_printf (text, _("Crosshair at x1 = %s, x2 = %s: Enter adds a point there, "
                                  "Delete erases the points around it."), x1, x2);
  append_value_sentence (self, text);
}

static char *
build_description (BpBoundaryView *self)
{
  const BpDataset *d;
  GString *text;

  if (self->maps == NULL || !bp_maps_get_active (self->maps))
    return g_strdup (_("No dataset: the network trains on one example."));
  d = bp_network_get_dataset (self->network);
  text = g_string_new (NULL);
  append_shown_sentence (self, text);
  append_points_sentences (self, d, text);
  append_measures (self, d, text);
  append_crosshair_sentence (self, text);
  return g_string_free (text, FALSE);
}

void
bp_boundary_view_update_description (GtkWidget *widget)
{
  BpBoundaryView *self = BP_BOUNDARY_VIEW (widget);
  g_autofree char *text = build_description (self);

  if (g_strcmp0 (text, self->description) == 0)
    return;
  g_free (self->description);
  self->description = g_steal_pointer (&text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description, -1);
}

/**
 * bp_boundary_view_get_description:
 * @self: a boundary view
 *
 * Returns: the accessible description as last set: what is shown, the points, and the
 *   accuracy (classification) and losses
 */
const char *
bp_boundary_view_get_description (BpBoundaryView *self)
{
  g_return_val_if_fail (BP_IS_BOUNDARY_VIEW (self), NULL);
  return self->description;
}
