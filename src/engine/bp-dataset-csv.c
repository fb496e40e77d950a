/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-dataset-csv.c: datasets as CSV text, one point "x1,x2,label" a line. The caller reads
 * and writes the file; the engine only sees its text. */
#define G_LOG_DOMAIN "bp-dataset"

#include "config.h"

#include "bp-dataset-private.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

typedef enum {
  FIELD_NUMBER,
  FIELD_EMPTY,
  FIELD_TEXT,
} FieldKind;

static FieldKind
parse_field (const char *text,
             double     *value)
{
  char *end = NULL;

  if (*text == '\0')
    return FIELD_EMPTY;
  errno = 0;
  *value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    return FIELD_TEXT;
  return FIELD_NUMBER;
}

/* A header is a first line of three fields none of which is a number, such as
 * "x1,x2,label". A line of another length is a point with the wrong number of fields, so
 * that a file separated by semicolons is told so from its first line. */
static gboolean
is_header (char **fields)
{
  if (g_strv_length (fields) != 3)
    return FALSE;
  for (guint k = 0; fields[k] != NULL; k++)
    {
      double value;

      if (parse_field (fields[k], &value) == FIELD_NUMBER)
        return FALSE;
    }
  return TRUE;
}

/* A field as an error message quotes it: valid UTF-8, and cut short when it is long. */
static char *
quoted_field (const char *field)
{
  g_autofree char *valid = g_utf8_make_valid (field, -1);
  g_autofree char *start = NULL;

  if (g_utf8_strlen (valid, -1) <= 40)
    return g_steal_pointer (&valid);
  start = g_utf8_substring (valid, 0, 39);
  return g_strconcat (start, "…", NULL);
}

static gboolean
parse_point (char    **fields,
             guint     line,
             BpPoint  *point,
             GError  **error)
{
  guint n_fields = g_strv_length (fields);
  double values[3];
  g_autofree char *field = NULL;

  if (n_fields != 3)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   _("line %u: expected 3 numbers, found %u"), line, n_fields);
      return FALSE;
    }
  for (guint k = 0; k < 3; k++)
    {
      switch (parse_field (fields[k], &values[k]))
        {
        case FIELD_EMPTY:
          g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                       _("line %u: number %u is missing"), line, k + 1);
          return FALSE;
        case FIELD_TEXT:
          field = quoted_field (fields[k]);
          g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                       _("line %u: “%s” is not a number"), line, field);
          return FALSE;
        case FIELD_NUMBER:
        default:
          break;
        }
      if (!isfinite (values[k]))
        {
          field = quoted_field (fields[k]);
          g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                       _("line %u: “%s” is not a finite number"), line, field);
          return FALSE;
        }
    }
  *point = (BpPoint) { values[0], values[1], values[2] };
  return TRUE;
}

/* The points of the text in file order, or NULL with the error of the first bad line. */
static GArray *
parse_points (const char  *text,
              GError     **error)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (BpPoint));
  g_auto(GStrv) lines = NULL;
  gboolean first = TRUE;

  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    text += 3;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      BpPoint point;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      fields = g_strsplit (lines[i], ",", -1);
      for (guint k = 0; fields[k] != NULL; k++)
        g_strstrip (fields[k]);
      if (first && is_header (fields))
        {
          first = FALSE;
          continue;
        }
      first = FALSE;
      if (points->len == BP_DATASET_MAX_POINTS)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                       _("line %u: a dataset has at most %u points"),
                       i + 1, BP_DATASET_MAX_POINTS);
          return NULL;
        }
      if (!parse_point (fields, i + 1, &point, error))
        return NULL;
      g_array_append_val (points, point);
    }
  return g_steal_pointer (&points);
}

/**
 * bp_dataset_new_from_csv:
 * @text: the file's text: one point "x1,x2,label" a line, blank lines skipped, and first
 *   a header line of three fields none of which is a number if the file likes
 * @length: the length of @text in bytes, or -1 when it ends with a NUL
 * @train_percent: the training share in percent, 10 to 90
 * @seed: the seed that shuffles the points before the split, and of the epochs' order
 * @error: %BP_ERROR_FILE naming the first bad line, or an empty file
 *
 * Reads a dataset from CSV text. Labels that are all 0 or 1 make a classification set,
 * any other numbers a regression set. The points are shuffled by @seed, as generated ones
 * are, so that a file sorted by class still gives mixed training and test points.
 *
 * Returns: (transfer full): the dataset (its generator is %BP_GENERATOR_CSV), or %NULL
 *   with @error set
 */
BpDataset *
bp_dataset_new_from_csv (const char  *text,
                         gssize       length,
                         double       train_percent,
                         guint32      seed,
                         GError     **error)
{
  g_autofree char *copy = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GRand) rand = NULL;
  BpDatasetKind kind = BP_DATASET_CLASSIFICATION;
  BpDataset *dataset;
  BpPoint *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (!bp_dataset_check_parameters (1, 0, train_percent, error))
    return NULL;
  copy = length < 0 ? g_strdup (text) : g_strndup (text, (gsize) length);
  points = parse_points (copy, error);
  if (points == NULL)
    return NULL;
  if (points->len == 0)
    {
      g_set_error_literal (error, BP_ERROR, BP_ERROR_FILE, _("The file has no points"));
      return NULL;
    }

  p = (BpPoint *) (void *) points->data;
  for (guint i = 0; i < points->len; i++)
    if (p[i].label != 0 && p[i].label != 1)
      kind = BP_DATASET_REGRESSION;
  rand = g_rand_new_with_seed (seed);
  bp_dataset_shuffle_points (rand, p, points->len);

  dataset = bp_dataset_new_from_points (kind, p, points->len,
                                        bp_dataset_split_count (points->len, train_percent),
                                        error);
  g_assert (dataset != NULL);
  dataset->generator = BP_GENERATOR_CSV;
  dataset->seed = seed;
  dataset->train_percent = train_percent;
  return dataset;
}

/* The shortest of 15, 16 or 17 significant digits that reads back as the same double. */
static void
append_number (GString *out,
               double   value)
{
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[k], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

/**
 * bp_dataset_to_csv:
 * @dataset: a dataset
 *
 * Writes the points as CSV text that bp_dataset_new_from_csv() reads back to the same
 * numbers: a header line "x1,x2,label", then one point a line, the training points first,
 * with '.' as the decimal point whatever the locale.
 *
 * Returns: (transfer full): the text
 */
char *
bp_dataset_to_csv (const BpDataset *dataset)
{
  GString *out;

  g_return_val_if_fail (dataset != NULL, NULL);

  out = g_string_new ("x1,x2,label\n");
  for (guint i = 0; i < dataset->n_points; i++)
    {
      const BpPoint *p = &dataset->points[i];

      append_number (out, p->x1);
      g_string_append_c (out, ',');
      append_number (out, p->x2);
      g_string_append_c (out, ',');
      append_number (out, p->label);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
