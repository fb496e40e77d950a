/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-format.c: numbers as text and the names of neurons, one way for the whole app. */
#define G_LOG_DOMAIN "bp-format"

#include "config.h"

#include "bp-format.h"

#include "bp-dataset.h"

#include <math.h>
#include <string.h>

#define MINUS "−"   /* U+2212: as wide as a digit, and it reads well on a projector */

/* LRM, RLM, LRI, RLI, FSI and PDI: invisible, and copied along with a number. */
static const char *const direction_marks[] = {
  "\u200E", "\u200F", "\u2066", "\u2067", "\u2068", "\u2069",
};

/* Copies @text into @buffer with every ASCII '-' made a true minus sign. */
static void
copy_with_minus (const char *text,
                 char       *buffer,
                 gsize       size)
{
  GString *s = g_string_new (text);

  g_string_replace (s, "-", MINUS, 0);
  g_strlcpy (buffer, s->str, size);
  g_string_free (s, TRUE);
}

/* "6.42e−5" rather than printf's "6.42e-05": the exponent without padding, true minus. */
static void
format_scientific (double  magnitude,
                   int     digits,
                   char   *buffer,
                   gsize   size)
{
  /* printf rounds the mantissa (9.996e-5 gives 1.00e-04) and copes with subnormals. */
  char raw[BP_NUMBER_SIZE];
  char *e;

  g_snprintf (raw, sizeof raw, "%.*e", digits, magnitude);
  e = strchr (raw, 'e');
  g_assert (e != NULL);
  *e = '\0';
  g_snprintf (buffer, size, "%se%s%d", raw, e[1] == '-' ? MINUS : "",
              (int) g_ascii_strtoll (e + 2, NULL, 10));
}

static void
format_node (double  value,
             char   *buffer,
             gsize   size)
{
  char digits[BP_NUMBER_SIZE];
  double magnitude = fabs (value);

  if (magnitude == 0.0)
    {
      g_strlcpy (buffer, "0", size);
      return;
    }
  if (magnitude >= 0.1 && magnitude < 1000.0)
    g_snprintf (digits, sizeof digits, "%.3f", magnitude);
  else if (magnitude >= 0.001 && magnitude < 0.1)
    g_snprintf (digits, sizeof digits, "%.4f", magnitude);
  else
    format_scientific (magnitude, 2, digits, sizeof digits);
  g_snprintf (buffer, size, "%s%s", value < 0.0 ? MINUS : "", digits);
}

/* 4 significant digits as %g chooses them, the exponent as a node writes it ("6.423e−5",
 * "1.235e5"), true minus. */
static void
format_formula (double  value,
                char   *buffer,
                gsize   size)
{
  char plain[BP_NUMBER_SIZE];
  char *e;

  g_snprintf (plain, sizeof plain, "%.4g", value == 0.0 ? 0.0 : value);  /* no "−0" */
  e = strchr (plain, 'e');
  if (e != NULL)
    {
      char mantissa[BP_NUMBER_SIZE];
      int exponent = (int) g_ascii_strtoll (e + 1, NULL, 10);

      *e = '\0';
      g_snprintf (mantissa, sizeof mantissa, "%se%d", plain, exponent);
      copy_with_minus (mantissa, buffer, size);
      return;
    }
  copy_with_minus (plain, buffer, size);
}

static void
format_node_short (double  value,
                   char   *buffer,
                   gsize   size)
{
  char digits[BP_NUMBER_SIZE];
  double magnitude = fabs (value);

  if (magnitude == 0.0)
    {
      g_strlcpy (buffer, "0", size);
      return;
    }
  if (magnitude >= 0.01 && magnitude < 99.995)
    g_snprintf (digits, sizeof digits, "%.2f", magnitude);
  else
    format_scientific (magnitude, 0, digits, sizeof digits);
  g_snprintf (buffer, size, "%s%s", value < 0.0 ? MINUS : "", digits);
}

static void
format_exact (double  value,
              char   *buffer,
              gsize   size)
{
  char plain[BP_NUMBER_SIZE];

  for (int digits = 15; digits <= 17; digits++)
    {
      double back;

      g_snprintf (plain, sizeof plain, "%.*g", digits, value);
      if (digits == 17 || (bp_parse_number (plain, &back) && back == value))
        break;
    }
  copy_with_minus (plain, buffer, size);
}

/**
 * bp_format_number_into:
 * @value: a number
 * @style: how it is shown
 * @buffer: (out caller-allocates): where the text goes, %BP_NUMBER_SIZE bytes suffice
 * @size: the size of @buffer
 *
 * Writes @value in @style without allocating, for text drawn in every frame. A value that
 * is not finite is "—" for people (never "nan" on screen) and "null" for programs.
 */
void
bp_format_number_into (double         value,
                       BpNumberStyle  style,
                       char          *buffer,
                       gsize          size)
{
  g_return_if_fail (buffer != NULL && size > 0);

  if (!isfinite (value))
    {
      g_strlcpy (buffer, style == BP_NUMBER_MACHINE ? "null" : "—", size);
      return;
    }
  switch (style)
    {
    case BP_NUMBER_NODE:
      format_node (value, buffer, size);
      break;
    case BP_NUMBER_NODE_SHORT:
      format_node_short (value, buffer, size);
      break;
    case BP_NUMBER_FORMULA:
      format_formula (value, buffer, size);
      break;
    case BP_NUMBER_EXACT:
      format_exact (value, buffer, size);
      break;
    case BP_NUMBER_MACHINE:
    default:
      g_ascii_formatd (buffer, size, "%.17g", value);
      break;
    }
}

/**
 * bp_format_number:
 * @value: a number
 * @style: how it is shown
 *
 * As bp_format_number_into(), in a new string.
 *
 * Returns: (transfer full): the text
 */
char *
bp_format_number (double        value,
                  BpNumberStyle style)
{
  char buffer[BP_NUMBER_SIZE];

  bp_format_number_into (value, style, buffer, sizeof buffer);
  return g_strdup (buffer);
}

/**
 * bp_parse_number:
 * @text: what a person typed, in the locale's style or with '.'
 * @value: (out): the number
 *
 * Reads a finite number, with white space around it allowed, and with a true minus sign
 * (U+2212, as the app writes numbers) or an ASCII '-', as a person types one. Direction
 * marks and isolates (U+200E, U+200F, U+2066 … U+2069) are ignored.
 *
 * Returns: %TRUE if all of @text is one finite number
 */
gboolean
bp_parse_number (const char *text,
                 double     *value)
{
  g_autofree char *trimmed = NULL;
  GString *minus;
  char *end;

  g_return_val_if_fail (text != NULL && value != NULL, FALSE);

  minus = g_string_new (text);
  g_string_replace (minus, MINUS, "-", 0);
  /* The marks and isolates that keep a number left to right in a right-to-left text. */
  for (guint k = 0; k < G_N_ELEMENTS (direction_marks); k++)
    g_string_replace (minus, direction_marks[k], "", 0);
  trimmed = g_strstrip (g_string_free (minus, FALSE));
  if (*trimmed == '\0')
    return FALSE;
  *value = g_strtod (trimmed, &end);
  return *end == '\0' && isfinite (*value);
}

/**
 * bp_format_neuron_into:
 * @n_layers: the network's number of weight layers
 * @layer: 0 for the inputs, @n_layers for the outputs, @n_layers + 1 for the targets
 * @index: the neuron in its layer, from 0
 * @buffer: (out caller-allocates): where the name goes
 * @size: the size of @buffer, %BP_NEURON_NAME_SIZE suffices
 *
 * Names a neuron as every view and the worked example do: x1 for an input, y1 for an
 * output, t1 for its target, h2 for a hidden neuron of the only hidden layer and h2,3 for
 * neuron 3 of hidden layer 2 when there are several, layer first as in a matrix index.
 */
void
bp_format_neuron_into (guint  n_layers,
                       guint  layer,
                       guint  index,
                       char  *buffer,
                       gsize  size)
{
  g_return_if_fail (buffer != NULL && size > 0);

  if (layer == 0)
    g_snprintf (buffer, size, "x%u", index + 1);
  else if (layer == n_layers)
    g_snprintf (buffer, size, "y%u", index + 1);
  else if (layer == n_layers + 1)
    g_snprintf (buffer, size, "t%u", index + 1);
  else if (n_layers == 2)
    g_snprintf (buffer, size, "h%u", index + 1);
  else
    g_snprintf (buffer, size, "h%u,%u", layer, index + 1);
}

/**
 * bp_format_net_neuron_into:
 * @net: a network
 * @layer: as for bp_format_neuron_into()
 * @index: the neuron in its layer, from 0
 * @buffer: (out caller-allocates): where the name goes
 * @size: the size of @buffer, %BP_NEURON_NAME_SIZE suffices
 *
 * As bp_format_neuron_into(), except that in dataset mode an input is named by its feature
 * (x1, x2, x1², sin(x1)…), as the side panel's toggles name them.
 */
void
bp_format_net_neuron_into (const BpNet *net,
                           guint        layer,
                           guint        index,
                           char        *buffer,
                           gsize        size)
{
  g_return_if_fail (net != NULL);

  if (layer == 0 && net->input_features != 0)
    for (guint f = 0, k = 0; f < BP_N_FEATURES; f++)
      if ((net->input_features & BP_FEATURE_BIT (f)) && k++ == index)
        {
          g_strlcpy (buffer, bp_feature_display_name (f), size);
          return;
        }
  bp_format_neuron_into (net->n_layers, layer, index, buffer, size);
}

/**
 * bp_format_net_neuron:
 * @net: a network
 * @layer: as for bp_format_neuron_into()
 * @index: the neuron in its layer, from 0
 *
 * As bp_format_net_neuron_into(), in a new string.
 *
 * Returns: (transfer full): the name
 */
char *
bp_format_net_neuron (const BpNet *net,
                      guint        layer,
                      guint        index)
{
  char buffer[BP_NEURON_NAME_SIZE];

  bp_format_net_neuron_into (net, layer, index, buffer, sizeof buffer);
  return g_strdup (buffer);
}

/**
 * bp_format_neuron:
 * @n_layers: the network's number of weight layers
 * @layer: the neuron's layer, as for bp_format_neuron_into()
 * @index: the neuron in its layer, from 0
 *
 * As bp_format_neuron_into(), in a new string.
 *
 * Returns: (transfer full): the name
 */
char *
bp_format_neuron (guint n_layers,
                  guint layer,
                  guint index)
{
  char buffer[BP_NEURON_NAME_SIZE];

  bp_format_neuron_into (n_layers, layer, index, buffer, sizeof buffer);
  return g_strdup (buffer);
}

/**
 * bp_format_exact_ascii:
 * @value: a number
 *
 * The shortest decimal form of @value (15 to 17 significant digits) that reads back as the
 * same double, with '.' decimals whatever the locale: for files, JSON and scripts.
 *
 * Returns: (transfer full): the text
 */
char *
bp_format_exact_ascii (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits < 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        return g_strdup (buf);
    }
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", value));
}
