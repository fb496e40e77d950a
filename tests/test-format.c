/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one formatter of numbers and namer of neurons that every view, export and the command
 * line share: what people read in each style, what programs read, and in which locale. */
#include "bp-format.h"
#include "bp-dataset.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#define MINUS "\u2212"

static void
assert_formats (double         value,
                BpNumberStyle  style,
                const char    *expected)
{
  g_autofree char *text = bp_format_number (value, style);
  char buffer[BP_NUMBER_SIZE];

  g_assert_cmpstr (text, ==, expected);
  /* The allocating and the drawing-time forms agree. */
  bp_format_number_into (value, style, buffer, sizeof buffer);
  g_assert_cmpstr (buffer, ==, expected);
}

/* Inside a node: 3 or 4 decimals, else 3 significant digits in scientific form, with a true
 * minus sign in the number and in the exponent, and no "+" or padding in the exponent. */
static void
test_node (void)
{
  assert_formats (0.5, BP_NUMBER_NODE, "0.500");
  assert_formats (-0.5, BP_NUMBER_NODE, MINUS "0.500");
  assert_formats (0.1, BP_NUMBER_NODE, "0.100");
  assert_formats (999.25, BP_NUMBER_NODE, "999.250");
  assert_formats (0.0123, BP_NUMBER_NODE, "0.0123");
  assert_formats (-0.05, BP_NUMBER_NODE, MINUS "0.0500");
  assert_formats (6.42e-5, BP_NUMBER_NODE, "6.42e" MINUS "5");
  assert_formats (-6.42e-5, BP_NUMBER_NODE, MINUS "6.42e" MINUS "5");
  /* printf rounds the mantissa up into the next power of ten. */
  assert_formats (9.996e-5, BP_NUMBER_NODE, "1.00e" MINUS "4");
  assert_formats (1234.5, BP_NUMBER_NODE, "1.23e3");
  assert_formats (-2.5e300, BP_NUMBER_NODE, MINUS "2.50e300");
  assert_formats (5e-324, BP_NUMBER_NODE, "4.94e" MINUS "324");
  /* Zero never shows a sign: a ReLU's −0 reads as a typo. */
  assert_formats (0.0, BP_NUMBER_NODE, "0");
  assert_formats (-0.0, BP_NUMBER_NODE, "0");
}

/* Where the usual form does not fit its node: 2 decimals, else 1 significant digit. */
static void
test_node_short (void)
{
  assert_formats (-0.5, BP_NUMBER_NODE_SHORT, MINUS "0.50");
  assert_formats (12.345, BP_NUMBER_NODE_SHORT, "12.35");
  assert_formats (-1.93e137, BP_NUMBER_NODE_SHORT, MINUS "2e137");
  assert_formats (6.42e-5, BP_NUMBER_NODE_SHORT, "6e" MINUS "5");
  assert_formats (123456.7, BP_NUMBER_NODE_SHORT, "1e5");
  assert_formats (-0.0, BP_NUMBER_NODE_SHORT, "0");
  assert_formats (NAN, BP_NUMBER_NODE_SHORT, "—");
}

/* In a formula or readout: 4 significant digits, true minus everywhere. */
static void
test_formula (void)
{
  assert_formats (-0.49983, BP_NUMBER_FORMULA, MINUS "0.4998");
  assert_formats (0.25, BP_NUMBER_FORMULA, "0.25");
  assert_formats (3.0, BP_NUMBER_FORMULA, "3");
  /* The exponent as a node writes it: no '+', no padding. */
  assert_formats (123456.0, BP_NUMBER_FORMULA, "1.235e5");
  assert_formats (-1.5e-7, BP_NUMBER_FORMULA, MINUS "1.5e" MINUS "7");
  assert_formats (6.42334e-5, BP_NUMBER_FORMULA, "6.423e" MINUS "5");
  assert_formats (6e307, BP_NUMBER_FORMULA, "6e307");
  assert_formats (1e-4, BP_NUMBER_FORMULA, "0.0001");
  assert_formats (-0.0, BP_NUMBER_FORMULA, "0");
}

/* For entries a person edits: the shortest text that reads back as the same number, with
 * the true minus the rest of the window shows (a typed '-' reads back too). */
static void
test_exact (void)
{
  assert_formats (0.1, BP_NUMBER_EXACT, "0.1");
  assert_formats (-0.1, BP_NUMBER_EXACT, MINUS "0.1");
  assert_formats (1.0 / 3.0, BP_NUMBER_EXACT, "0.3333333333333333");
  assert_formats (0.1 + 0.2, BP_NUMBER_EXACT, "0.30000000000000004");
  assert_formats (-2.5e-8, BP_NUMBER_EXACT, MINUS "2.5e" MINUS "08");
  assert_formats (1e21, BP_NUMBER_EXACT, "1e+21");
}

/* For files, JSON and programs: 17 significant digits with '.', ASCII minus. */
static void
test_machine (void)
{
  assert_formats (0.5, BP_NUMBER_MACHINE, "0.5");
  assert_formats (-2.5, BP_NUMBER_MACHINE, "-2.5");
  assert_formats (0.1, BP_NUMBER_MACHINE, "0.10000000000000001");
  assert_formats (-1e-7, BP_NUMBER_MACHINE, "-9.9999999999999995e-08");
  assert_formats (1e300, BP_NUMBER_MACHINE, "1.0000000000000001e+300");
}

/* Never "nan" or "inf" on screen; JSON has neither, so programs get null. */
static void
test_not_finite (void)
{
  const double values[] = { NAN, -NAN, INFINITY, -INFINITY };

  for (guint k = 0; k < G_N_ELEMENTS (values); k++)
    {
      assert_formats (values[k], BP_NUMBER_NODE, "—");
      assert_formats (values[k], BP_NUMBER_FORMULA, "—");
      assert_formats (values[k], BP_NUMBER_EXACT, "—");
      assert_formats (values[k], BP_NUMBER_MACHINE, "null");
    }
}

static const double round_trip_values[] = {
  0.0, 1.0, -1.0, 0.1, -0.7, 1.0 / 3.0, -2.0 / 3.0, M_PI, 1e-300, -5e-324,
  1.7976931348623157e308, 123456.789, -9.999999999999999e-5, 0.30000000000000004,
};

/* The texts meant to be read back are read back as the very same double. */
static void
test_round_trip (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (round_trip_values); k++)
    {
      double value = round_trip_values[k];
      g_autofree char *exact = bp_format_number (value, BP_NUMBER_EXACT);
      g_autofree char *machine = bp_format_number (value, BP_NUMBER_MACHINE);
      double back;

      g_assert_true (bp_parse_number (exact, &back));
      g_assert_cmpmem (&back, sizeof back, &value, sizeof value);
      g_assert_true (bp_parse_number (machine, &back));
      g_assert_cmpmem (&back, sizeof back, &value, sizeof value);
    }
}

static void
test_parse (void)
{
  double value = 0.0;

  g_assert_true (bp_parse_number ("  2.5\t", &value));
  g_assert_cmpfloat (value, ==, 2.5);
  /* A typed '-' and the true minus the window shows, in the number and its exponent. */
  g_assert_true (bp_parse_number (MINUS "1e" MINUS "3", &value));
  g_assert_cmpfloat (value, ==, -1e-3);
  g_assert_true (bp_parse_number (" " MINUS "0.5 ", &value));
  g_assert_cmpfloat (value, ==, -0.5);
  /* As copied from a right-to-left text: with a mark or in an isolate. */
  g_assert_true (bp_parse_number ("\u200E" MINUS "0.5", &value));
  g_assert_cmpfloat (value, ==, -0.5);
  g_assert_true (bp_parse_number ("\u2066" MINUS "2.5e" MINUS "3\u2069", &value));
  g_assert_cmpfloat (value, ==, -2.5e-3);
  g_assert_true (bp_parse_number ("-1e-3", &value));
  g_assert_cmpfloat (value, ==, -1e-3);
  g_assert_false (bp_parse_number ("", &value));
  g_assert_false (bp_parse_number ("   ", &value));
  g_assert_false (bp_parse_number ("abc", &value));
  g_assert_false (bp_parse_number ("2.5x", &value));
  /* A decimal comma means nothing in the C locale. */
  g_assert_false (bp_parse_number ("1,5", &value));
  g_assert_false (bp_parse_number ("1 2", &value));
  g_assert_false (bp_parse_number ("1e999", &value));
  g_assert_false (bp_parse_number ("nan", &value));
  g_assert_false (bp_parse_number ("inf", &value));
}

static void
assert_neuron (guint       n_layers,
               guint       layer,
               guint       index,
               const char *expected)
{
  g_autofree char *name = bp_format_neuron (n_layers, layer, index);
  char buffer[BP_NEURON_NAME_SIZE];

  g_assert_cmpstr (name, ==, expected);
  bp_format_neuron_into (n_layers, layer, index, buffer, sizeof buffer);
  g_assert_cmpstr (buffer, ==, expected);
}

/* x for inputs, y for outputs, t for targets, all from 1; hidden neurons are h3 with one
 * hidden layer and h2,3 (layer, then neuron) with several. */
static void
test_neuron_names (void)
{
  char small[3];

  assert_neuron (2, 0, 0, "x1");
  assert_neuron (2, 1, 2, "h3");
  assert_neuron (2, 2, 0, "y1");
  assert_neuron (2, 3, 1, "t2");
  assert_neuron (1, 0, 1, "x2");
  assert_neuron (1, 1, 0, "y1");
  assert_neuron (1, 2, 0, "t1");
  assert_neuron (3, 1, 0, "h1,1");
  assert_neuron (3, 2, 4, "h2,5");
  assert_neuron (3, 3, 9, "y10");
  assert_neuron (16, 15, 4095, "h15,4096");

  /* A short buffer gets a cut name, still terminated. */
  bp_format_neuron_into (3, 2, 4, small, sizeof small);
  g_assert_cmpstr (small, ==, "h2");
}

/* In German, people read a decimal comma; programs still get '.'. */
/* In dataset mode an input is named by its feature, as the side panel's toggles are; other
 * neurons keep their names. */
static void
test_feature_names (void)
{
  static const guint sizes[] = { 3, 2, 1 };
  static const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) net = bp_net_new (3, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  g_autoptr(BpNet) copy = NULL;
  g_autofree char *first = NULL, *third = NULL, *hidden = NULL, *plain = NULL;

  plain = bp_format_net_neuron (net, 0, 2);
  g_assert_cmpstr (plain, ==, "x3");
  net->input_features = BP_FEATURE_BIT (BP_FEATURE_X2) | BP_FEATURE_BIT (BP_FEATURE_X1_SQUARED)
                        | BP_FEATURE_BIT (BP_FEATURE_SIN_X1);
  copy = bp_net_copy (net);
  first = bp_format_net_neuron (copy, 0, 0);
  third = bp_format_net_neuron (copy, 0, 2);
  hidden = bp_format_net_neuron (copy, 1, 1);
  g_assert_cmpstr (first, ==, "x2");
  g_assert_cmpstr (third, ==, "sin(x1)");
  g_assert_cmpstr (hidden, ==, "h2");
}

static void
test_german (void)
{
  g_autofree char *before = g_strdup (setlocale (LC_NUMERIC, NULL));
  double value = 0.0;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (see `locale -a`)");
      return;
    }

  assert_formats (-0.5, BP_NUMBER_NODE, MINUS "0,500");
  assert_formats (0.0123, BP_NUMBER_NODE, "0,0123");
  assert_formats (6.42e-5, BP_NUMBER_NODE, "6,42e" MINUS "5");
  assert_formats (-0.49983, BP_NUMBER_FORMULA, MINUS "0,4998");
  assert_formats (-0.1, BP_NUMBER_EXACT, MINUS "0,1");
  g_assert_true (bp_parse_number (MINUS "0,25", &value));
  g_assert_cmpfloat (value, ==, -0.25);
  assert_formats (0.5, BP_NUMBER_MACHINE, "0.5");
  assert_formats (-2.5, BP_NUMBER_MACHINE, "-2.5");
  assert_formats (0.1, BP_NUMBER_MACHINE, "0.10000000000000001");
  assert_formats (NAN, BP_NUMBER_MACHINE, "null");

  /* Both what a German types and what a file holds read back. */
  g_assert_true (bp_parse_number ("1,5", &value));
  g_assert_cmpfloat (value, ==, 1.5);
  g_assert_true (bp_parse_number ("1.5", &value));
  g_assert_cmpfloat (value, ==, 1.5);
  for (guint k = 0; k < G_N_ELEMENTS (round_trip_values); k++)
    {
      double v = round_trip_values[k];
      g_autofree char *exact = bp_format_number (v, BP_NUMBER_EXACT);
      g_autofree char *machine = bp_format_number (v, BP_NUMBER_MACHINE);

      g_assert_null (strchr (machine, ','));
      g_assert_true (bp_parse_number (exact, &value));
      g_assert_cmpmem (&value, sizeof value, &v, sizeof v);
      g_assert_true (bp_parse_number (machine, &value));
      g_assert_cmpmem (&value, sizeof value, &v, sizeof v);
    }

  setlocale (LC_NUMERIC, before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The tests choose their locale themselves; start from the C one whatever the caller's. */
  setlocale (LC_NUMERIC, "C");

  g_test_add_func ("/bp/format/node", test_node);
  g_test_add_func ("/bp/format/node-short", test_node_short);
  g_test_add_func ("/bp/format/formula", test_formula);
  g_test_add_func ("/bp/format/exact", test_exact);
  g_test_add_func ("/bp/format/machine", test_machine);
  g_test_add_func ("/bp/format/not-finite", test_not_finite);
  g_test_add_func ("/bp/format/round-trip", test_round_trip);
  g_test_add_func ("/bp/format/parse", test_parse);
  g_test_add_func ("/bp/format/neuron-names", test_neuron_names);
  g_test_add_func ("/bp/format/feature-names", test_feature_names);
  g_test_add_func ("/bp/format/german", test_german);

  return g_test_run ();
}
