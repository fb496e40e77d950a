/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-value-row.c: BpValueRow, a row with a slider for the usual range of a number and a spin
 * button for its exact value, which takes any number a file may hold. The window shows one
 * per input and per target. */
#define G_LOG_DOMAIN "bp-value-row"

#include "config.h"

#include "bp-value-row.h"

#include "bp-format.h"

#include <glib/gi18n.h>
#include <math.h>

struct _BpValueRow
{
  AdwActionRow parent_instance;

  GtkAdjustment *scale_adjustment;
  GtkAdjustment *spin_adjustment;
  gboolean syncing;           /* the row itself is setting its adjustments */
};

G_DEFINE_FINAL_TYPE (BpValueRow, bp_value_row, ADW_TYPE_ACTION_ROW)

enum {
  VALUE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The shortest text that reads back as exactly this number, in the locale's style and with
 * a true minus sign: a spin button must never round what a file or a step put into the
 * network. In a right-to-left language a left-to-right mark leads, or the entry would
 * show "0.5−" for −0.5 (a number has no letter to give it its direction). */
static char *
format_exact (double value)
{
  g_autofree char *text = bp_format_number (value, BP_NUMBER_EXACT);

  if (gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL)
    return g_strconcat ("\u200E", text, NULL);
  return g_steal_pointer (&text);
}

/* Reads a number as the user types it: with the locale's decimal separator or with '.', and
 * with '-' or a true minus sign (and the direction marks format_exact () adds). Anything
 * left over makes it no number. */
static gboolean
parse_exact (const char *text,
             double     *value)
{
  return bp_parse_number (text, value);
}

/* The "output" of a spin button that shows its value exactly. */
static gboolean
exact_spin_output_cb (GtkSpinButton *spin)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  g_autofree char *text = format_exact (gtk_adjustment_get_value (adjustment));

  if (!g_str_equal (text, gtk_editable_get_text (GTK_EDITABLE (spin))))
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* The "input" of such a spin button: the value changes only when the user typed another
 * number, so tabbing through the field leaves the network alone. */
static int
exact_spin_input_cb (GtkSpinButton *spin,
                     double        *new_value)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  double shown = gtk_adjustment_get_value (adjustment);
  g_autofree char *shown_text = format_exact (shown);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  *new_value = shown;
  if (g_str_equal (text, shown_text))
    return TRUE;
  if (!parse_exact (text, new_value))
    {
      *new_value = shown;
      return GTK_INPUT_ERROR;
    }
  /* GtkSpinButton ignores a change smaller than 1e-10, which a small η can need. */
  gtk_adjustment_set_value (adjustment, *new_value);
  return TRUE;
}

static void
adjustment_changed_cb (GtkAdjustment *adjustment,
                       BpValueRow    *self)
{
  if (!self->syncing)
    g_signal_emit (self, signals[VALUE_CHANGED], 0, gtk_adjustment_get_value (adjustment));
}

static void
bp_value_row_dispose (GObject *object)
{
  BpValueRow *self = BP_VALUE_ROW (object);

  g_clear_object (&self->scale_adjustment);
  g_clear_object (&self->spin_adjustment);
  G_OBJECT_CLASS (bp_value_row_parent_class)->dispose (object);
}

static void
bp_value_row_class_init (BpValueRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bp_value_row_dispose;

  /**
   * BpValueRow::value-changed:
   * @self: the row
   * @value: the number the user chose
   *
   * Emitted when the user moves the slider or types a number, never when
   * bp_value_row_set_value() or bp_value_row_set_bounds() change it.
   */
  signals[VALUE_CHANGED] = g_signal_new ("value-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                         1, G_TYPE_DOUBLE);
}

static void
bp_value_row_init (BpValueRow *self)
{
  self->scale_adjustment = g_object_ref_sink (gtk_adjustment_new (0, -2.0, 2.0, 0.01, 0.1, 0));
  self->spin_adjustment = g_object_ref_sink (gtk_adjustment_new (0, -G_MAXDOUBLE, G_MAXDOUBLE,
                                                                 0.01, 0.1, 0));
  g_signal_connect_object (self->scale_adjustment, "value-changed",
                           G_CALLBACK (adjustment_changed_cb), self, 0);
  g_signal_connect_object (self->spin_adjustment, "value-changed",
                           G_CALLBACK (adjustment_changed_cb), self, 0);
}

/**
 * bp_value_row_new:
 * @name: the number's name, such as x1 or t1
 * @lower: the lowest value of the slider
 * @upper: the highest value of the slider
 *
 * Returns: (transfer floating): a new row showing 0
 */
GtkWidget *
bp_value_row_new (const char *name,
                  double      lower,
                  double      upper)
{
  BpValueRow *self;
  g_autofree char *scale_name = NULL;
  GtkWidget *scale, *spin;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (BP_TYPE_VALUE_ROW, NULL);
  /* Translators: the accessible name of a slider; %s is an input's or a target's name, such
   * as x1 or t1 */
  scale_name = g_strdup_printf (_("%s slider"), name);
  gtk_adjustment_set_lower (self->scale_adjustment, lower);
  gtk_adjustment_set_upper (self->scale_adjustment, upper);
  /* The name is a prefix rather than the row's title, which a narrow sidebar would wrap
   * into "x-1"; the row keeps it as its accessible name. */
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), gtk_label_new (name));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->scale_adjustment);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_widget_set_size_request (scale, 90, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  scale_name, -1);
  spin = gtk_spin_button_new (self->spin_adjustment, 0.01, 3);
  bp_value_row_make_spin_exact (GTK_SPIN_BUTTON (spin));
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), scale);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), spin);
  return GTK_WIDGET (self);
}

/**
 * bp_value_row_get_value:
 * @self: a row
 *
 * Returns: the exact value, as the spin button has it
 */
double
bp_value_row_get_value (BpValueRow *self)
{
  g_return_val_if_fail (BP_IS_VALUE_ROW (self), 0.0);
  return gtk_adjustment_get_value (self->spin_adjustment);
}

/**
 * bp_value_row_set_value:
 * @self: a row
 * @value: the number to show
 *
 * Shows @value exactly in the spin button, and on the slider as far as its range goes,
 * without emitting #BpValueRow::value-changed.
 */
void
bp_value_row_set_value (BpValueRow *self,
                        double      value)
{
  g_return_if_fail (BP_IS_VALUE_ROW (self));

  self->syncing = TRUE;
  gtk_adjustment_set_value (self->scale_adjustment, value);
  gtk_adjustment_set_value (self->spin_adjustment, value);
  self->syncing = FALSE;
}

/**
 * bp_value_row_set_bounds:
 * @self: a row
 * @lower: the lowest value of the slider
 * @upper: the highest value of the slider
 * @spin_lower: the lowest number the spin button takes
 * @spin_upper: the highest number the spin button takes
 *
 * Sets the ranges without emitting #BpValueRow::value-changed.
 */
void
bp_value_row_set_bounds (BpValueRow *self,
                         double      lower,
                         double      upper,
                         double      spin_lower,
                         double      spin_upper)
{
  g_return_if_fail (BP_IS_VALUE_ROW (self));

  self->syncing = TRUE;
  gtk_adjustment_set_lower (self->scale_adjustment, lower);
  gtk_adjustment_set_upper (self->scale_adjustment, upper);
  gtk_adjustment_set_lower (self->spin_adjustment, spin_lower);
  gtk_adjustment_set_upper (self->spin_adjustment, spin_upper);
  self->syncing = FALSE;
}

/**
 * bp_value_row_make_spin_exact:
 * @spin: a spin button
 *
 * Makes @spin show its value exactly, in the shortest text that reads back as the same
 * number, and take a typed number exactly, with the locale's decimal separator or '.'.
 * Tabbing through it changes nothing.
 */
void
bp_value_row_make_spin_exact (GtkSpinButton *spin)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  g_signal_connect (spin, "input", G_CALLBACK (exact_spin_input_cb), NULL);
  g_signal_connect (spin, "output", G_CALLBACK (exact_spin_output_cb), NULL);
  /* Numbers read left to right in every language; in a right-to-left entry GTK would move
   * the minus sign to the end. */
  gtk_widget_set_direction (GTK_WIDGET (spin), GTK_TEXT_DIR_LTR);
}
