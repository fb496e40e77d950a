/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The 2-D datasets of the engine: generators, the split, CSV text, features, epochs. */
#include "bp-dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static BpDataset *
generate (BpGenerator generator,
          guint       n_points,
          double      noise,
          double      train_percent,
          guint32     seed)
{
  g_autoptr(GError) error = NULL;
  BpDataset *dataset;

  dataset = bp_dataset_generate (generator, n_points, noise, train_percent, seed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static guint
count_label (const BpDataset *dataset,
             guint            from,
             guint            to,
             double           label)
{
  guint n = 0;

  for (guint i = from; i < to; i++)
    n += dataset->points[i].label == label;
  return n;
}

/* Every generator makes the number of points asked for, inside −6 … 6, with the labels of
 * its kind and the settings it was given. */
static void
test_generators_counts (void)
{
  const guint counts[] = { 1, 2, 7, 500, 10000 };

  for (BpGenerator g = 0; g < BP_N_GENERATED; g++)
    for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
      {
        g_autoptr(BpDataset) d = generate (g, counts[c], 25, 50, 7);

        g_assert_cmpuint (d->n_points, ==, counts[c]);
        g_assert_cmpint (d->generator, ==, g);
        g_assert_cmpint (d->kind, ==, bp_generator_kind (g));
        g_assert_cmpuint (d->seed, ==, 7);
        g_assert_cmpfloat (d->noise, ==, 25);
        g_assert_cmpfloat (d->train_percent, ==, 50);
        for (guint i = 0; i < d->n_points; i++)
          {
            const BpPoint *p = &d->points[i];

            g_assert_true (isfinite (p->x1) && isfinite (p->x2) && isfinite (p->label));
            g_assert_cmpfloat (fabs (p->x1), <=, 6.0);
            g_assert_cmpfloat (fabs (p->x2), <=, 6.0);
            if (d->kind == BP_DATASET_CLASSIFICATION)
              g_assert_true (p->label == 0 || p->label == 1);
            else if (g == BP_GENERATOR_MULTI_GAUSSIAN)
              g_assert_cmpfloat (fabs (p->label), <=, 1.0);
            else  /* (x1 + x2) / 10 at a point the noise moved by up to 1.5 a side */
              g_assert_cmpfloat (fabs (p->label), <=, 1.5 + 1e-12);
          }
      }
}

static void
test_generators_kinds (void)
{
  const char *classification[] = { "circle", "xor", "gaussian", "spiral" };
  const char *regression[] = { "plane", "multi-gaussian" };
  BpGenerator g;

  for (guint k = 0; k < G_N_ELEMENTS (classification); k++)
    {
      g_autoptr(BpDataset) d = NULL;

      g_assert_true (bp_generator_from_string (classification[k], &g));
      g_assert_cmpstr (bp_generator_to_string (g), ==, classification[k]);
      g_assert_cmpint (bp_generator_kind (g), ==, BP_DATASET_CLASSIFICATION);
      d = generate (g, 500, 0, 50, 3);
      /* Both classes, in the training and in the test points. */
      g_assert_cmpuint (count_label (d, 0, d->n_train, 1), >, 50);
      g_assert_cmpuint (count_label (d, 0, d->n_train, 0), >, 50);
      g_assert_cmpuint (count_label (d, d->n_train, d->n_points, 1), >, 50);
      g_assert_cmpuint (count_label (d, d->n_train, d->n_points, 0), >, 50);
    }
  for (guint k = 0; k < G_N_ELEMENTS (regression); k++)
    {
      g_autoptr(BpDataset) d = NULL;
      double low = 1, high = -1;

      g_assert_true (bp_generator_from_string (regression[k], &g));
      g_assert_cmpstr (bp_generator_to_string (g), ==, regression[k]);
      g_assert_cmpint (bp_generator_kind (g), ==, BP_DATASET_REGRESSION);
      d = generate (g, 500, 0, 50, 3);
      for (guint i = 0; i < d->n_points; i++)
        {
          low = MIN (low, d->points[i].label);
          high = MAX (high, d->points[i].label);
        }
      g_assert_cmpfloat (low, <, -0.5);
      g_assert_cmpfloat (high, >, 0.5);
    }
  g_assert_true (bp_generator_from_string ("csv", &g));
  g_assert_cmpint (g, ==, BP_GENERATOR_CSV);
  g_assert_false (bp_generator_from_string ("circles", &g));
  g_assert_false (bp_generator_from_string ("Circle", &g));
}

/* The same seed gives the same points bit for bit; another seed other points. */
static void
test_generators_reproducible (void)
{
  for (BpGenerator g = 0; g < BP_N_GENERATED; g++)
    {
      g_autoptr(BpDataset) a = generate (g, 500, 20, 60, 1234);
      g_autoptr(BpDataset) b = generate (g, 500, 20, 60, 1234);
      g_autoptr(BpDataset) c = generate (g, 500, 20, 60, 1235);

      g_assert_cmpmem (a->points, 500 * sizeof (BpPoint), b->points, 500 * sizeof (BpPoint));
      g_assert_true (bp_dataset_equal (a, b));
      g_assert_false (bp_dataset_equal (a, c));
      g_assert_true (memcmp (a->points, c->points, 500 * sizeof (BpPoint)) != 0);
    }
}

/* Noise 0: circle's class is its radius exactly, inside 2.5 or in the ring 3.5 … 5. */
static void
test_clean_circle (void)
{
  g_autoptr(BpDataset) d = generate (BP_GENERATOR_CIRCLE, 500, 0, 50, 11);
  g_autoptr(BpDataset) noisy = generate (BP_GENERATOR_CIRCLE, 500, 50, 50, 11);
  guint wrong = 0;

  for (guint i = 0; i < d->n_points; i++)
    {
      double r = hypot (d->points[i].x1, d->points[i].x2);

      g_assert_cmpfloat (d->points[i].label, ==, r < 2.5 ? 1.0 : 0.0);
      g_assert_true (r <= 2.5 || (r >= 3.5 - 1e-12 && r <= 5.0 + 1e-12));
    }
  g_assert_cmpuint (count_label (d, 0, d->n_points, 1), ==, 250);
  for (guint i = 0; i < noisy->n_points; i++)
    {
      double r = hypot (noisy->points[i].x1, noisy->points[i].x2);

      wrong += noisy->points[i].label != (r < 2.5 ? 1.0 : 0.0);
    }
  g_assert_cmpuint (wrong, >, 10);
}

/* Noise 0: exclusive-or's class is the sign of x1·x2, and no point is near an axis. */
static void
test_clean_xor (void)
{
  g_autoptr(BpDataset) d = generate (BP_GENERATOR_XOR, 500, 0, 50, 12);
  g_autoptr(BpDataset) noisy = generate (BP_GENERATOR_XOR, 500, 40, 50, 12);
  guint wrong = 0;

  for (guint i = 0; i < d->n_points; i++)
    {
      const BpPoint *p = &d->points[i];

      g_assert_cmpfloat (p->label, ==, p->x1 * p->x2 >= 0 ? 1.0 : 0.0);
      g_assert_cmpfloat (fabs (p->x1), >=, 0.3);
      g_assert_cmpfloat (fabs (p->x2), >=, 0.3);
      g_assert_cmpfloat (fabs (p->x1), <=, 5.3);
    }
  for (guint i = 0; i < noisy->n_points; i++)
    {
      const BpPoint *p = &noisy->points[i];

      wrong += p->label != (p->x1 * p->x2 >= 0 ? 1.0 : 0.0);
    }
  g_assert_cmpuint (wrong, >, 10);
}

/* Noise 0: every spiral point lies on its arm, r = 5·t / (1.75·2π), class 0 half a turn
 * on; 250 of each for 500 points, 251 of class 0 for 501. */
static void
test_clean_spiral (void)
{
  g_autoptr(BpDataset) d = generate (BP_GENERATOR_SPIRAL, 500, 0, 50, 13);
  g_autoptr(BpDataset) odd = generate (BP_GENERATOR_SPIRAL, 501, 0, 50, 13);

  for (guint i = 0; i < d->n_points; i++)
    {
      const BpPoint *p = &d->points[i];
      double r = hypot (p->x1, p->x2);
      double t = 1.75 * 2 * G_PI * r / 5.0 + (p->label == 1 ? 0.0 : G_PI);

      g_assert_cmpfloat (r, <, 5.0);
      g_assert_cmpfloat_with_epsilon (p->x1, r * sin (t), 1e-9);
      g_assert_cmpfloat_with_epsilon (p->x2, r * cos (t), 1e-9);
    }
  g_assert_cmpuint (count_label (d, 0, 500, 1), ==, 250);
  g_assert_cmpuint (count_label (odd, 0, 501, 0), ==, 251);
}

/* Noise 0: class 1 gathers around (2, 2), class 0 around (−2, −2). */
static void
test_clean_gaussian (void)
{
  g_autoptr(BpDataset) d = generate (BP_GENERATOR_GAUSSIAN, 1000, 0, 50, 14);
  double sum[2][2] = { { 0 } };

  for (guint i = 0; i < d->n_points; i++)
    {
      guint c = d->points[i].label == 1;
      double diagonal = d->points[i].x1 + d->points[i].x2;

      sum[c][0] += d->points[i].x1;
      sum[c][1] += d->points[i].x2;
      g_assert_cmpfloat (c ? diagonal : -diagonal, >, 0);
    }
  g_assert_cmpuint (count_label (d, 0, 1000, 1), ==, 500);
  g_assert_cmpfloat_with_epsilon (sum[1][0] / 500, 2, 0.1);
  g_assert_cmpfloat_with_epsilon (sum[1][1] / 500, 2, 0.1);
  g_assert_cmpfloat_with_epsilon (sum[0][0] / 500, -2, 0.1);
  g_assert_cmpfloat_with_epsilon (sum[0][1] / 500, -2, 0.1);
}

static double
bumps_label (double x,
             double y)
{
  const double centres[6][3] = {
    { -4, 2.5, 1 }, { 0, 2.5, -1 }, { 4, 2.5, 1 },
    { -4, -2.5, -1 }, { 0, -2.5, 1 }, { 4, -2.5, -1 },
  };
  double best = 0;

  for (guint k = 0; k < 6; k++)
    {
      double d = hypot (x - centres[k][0], y - centres[k][1]);
      double v = d >= 2 ? 0 : centres[k][2] * (1 - d / 2);

      if (fabs (v) > fabs (best))
        best = v;
    }
  return best;
}

/* Noise 0: the plane's label is (x1 + x2) / 10, multi-Gaussian's the strongest bump of
 * height ±1 and radius 2; with noise the labels are taken elsewhere. */
static void
test_clean_regression (void)
{
  g_autoptr(BpDataset) plane = generate (BP_GENERATOR_PLANE, 500, 0, 50, 15);
  g_autoptr(BpDataset) bumps = generate (BP_GENERATOR_MULTI_GAUSSIAN, 500, 0, 50, 15);
  g_autoptr(BpDataset) noisy = generate (BP_GENERATOR_PLANE, 500, 30, 50, 15);
  guint moved = 0;

  for (guint i = 0; i < 500; i++)
    {
      const BpPoint *p = &plane->points[i];
      const BpPoint *q = &bumps->points[i];

      g_assert_cmpfloat (p->label, ==, (p->x1 + p->x2) / 10.0);
      g_assert_cmpfloat_with_epsilon (q->label, bumps_label (q->x1, q->x2), 1e-12);
      moved += fabs (noisy->points[i].label -
                     (noisy->points[i].x1 + noisy->points[i].x2) / 10.0) > 0.01;
    }
  g_assert_cmpuint (moved, >, 400);
}

/* n_train = round(points × share / 100), the training points first. */
static void
test_split (void)
{
  const struct { guint n; double share; guint train; } cases[] = {
    { 500, 10, 50 }, { 500, 50, 250 }, { 500, 90, 450 }, { 500, 33, 165 },
    { 7, 50, 4 }, { 3, 50, 2 }, { 10000, 75, 7500 }, { 1, 90, 1 }, { 1, 10, 1 },
    { 4, 10, 1 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(BpDataset) d = generate (BP_GENERATOR_XOR, cases[k].n, 0, cases[k].share, 5);

      g_assert_cmpuint (bp_dataset_split_count (cases[k].n, cases[k].share), ==,
                        cases[k].train);
      g_assert_cmpuint (d->n_train, ==, cases[k].train);
    }
}

/* Parameters outside their ranges are refused with a message that says the range. */
static void
test_parameters (void)
{
  const struct { guint n; double noise; double share; const char *message; } cases[] = {
    { 0, 0, 50, "A dataset has 1 to 10000 points, not 0" },
    { 10001, 0, 50, "A dataset has 1 to 10000 points, not 10001" },
    { 500, 51, 50, "The noise is 0 to 50 %, not 51 %" },
    { 500, -1, 50, "The noise is 0 to 50 %, not -1 %" },
    { 500, NAN, 50, "The noise is 0 to 50 %, not nan %" },
    { 500, 0, 9, "The training share is 10 to 90 %, not 9 %" },
    { 500, 0, 95.5, "The training share is 10 to 90 %, not 95.5 %" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GError) error = NULL;
      BpDataset *d = bp_dataset_generate (BP_GENERATOR_CIRCLE, cases[k].n, cases[k].noise,
                                          cases[k].share, 1, &error);

      g_assert_null (d);
      g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[k].message);
    }
}

static BpDataset *
read_csv (const char *text,
          GError    **error)
{
  return bp_dataset_new_from_csv (text, -1, 50, 9, error);
}

static gboolean
has_point (const BpDataset *d,
           double           x1,
           double           x2,
           double           label)
{
  for (guint i = 0; i < d->n_points; i++)
    if (d->points[i].x1 == x1 && d->points[i].x2 == x2 && d->points[i].label == label)
      return TRUE;
  return FALSE;
}

static void
test_csv_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) plain = read_csv ("1,2,0\n-3.5,4e-1,1\n0,0,1\n5,-6,0\n", &error);
  g_autoptr(BpDataset) header = NULL;
  g_autoptr(BpDataset) regression = NULL;
  g_autoptr(BpDataset) again = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (plain->n_points, ==, 4);
  g_assert_cmpuint (plain->n_train, ==, 2);
  g_assert_cmpint (plain->kind, ==, BP_DATASET_CLASSIFICATION);
  g_assert_cmpint (plain->generator, ==, BP_GENERATOR_CSV);
  g_assert_cmpuint (plain->seed, ==, 9);
  g_assert_cmpfloat (plain->train_percent, ==, 50);
  g_assert_true (has_point (plain, 1, 2, 0));
  g_assert_true (has_point (plain, -3.5, 0.4, 1));
  g_assert_true (has_point (plain, 5, -6, 0));

  /* A header, a byte-order mark, CRLF, spaces, blank lines and 1.0 as a class. */
  header = read_csv ("\xef\xbb\xbfx1, x2, label\r\n\r\n 1 , 2 ,1.0\r\n  \n3,4,0\r\n\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (header->n_points, ==, 2);
  g_assert_cmpint (header->kind, ==, BP_DATASET_CLASSIFICATION);
  g_assert_true (has_point (header, 1, 2, 1));
  g_assert_true (has_point (header, 3, 4, 0));

  regression = read_csv ("a,b,c\n1,2,0.5\n3,4,-1\n5,6,1\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (regression->n_points, ==, 3);
  g_assert_cmpint (regression->kind, ==, BP_DATASET_REGRESSION);
  g_assert_true (has_point (regression, 1, 2, 0.5));

  /* The same text and seed give the same order; the order is not the file's. */
  again = read_csv ("1,2,0\n-3.5,4e-1,1\n0,0,1\n5,-6,0\n", &error);
  g_assert_no_error (error);
  g_assert_true (bp_dataset_equal (plain, again));
}

/* The file's order is shuffled by the seed before the split, so a file sorted by class
 * gives both classes in training and in test points. */
static void
test_csv_shuffled (void)
{
  g_autoptr(GString) text = g_string_new ("x1,x2,label\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) d = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "%u,%u,%u\n", i, i, i >= 100);
  d = bp_dataset_new_from_csv (text->str, (gssize) text->len, 70, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (d->n_train, ==, 140);
  g_assert_cmpuint (count_label (d, 0, 140, 1), >, 40);
  g_assert_cmpuint (count_label (d, 0, 140, 0), >, 40);
  g_assert_cmpuint (count_label (d, 140, 200, 1), >, 10);
  g_assert_cmpuint (count_label (d, 140, 200, 0), >, 10);
}

/* Each broken file is refused with a message that names the line at fault. */
static void
test_csv_broken (void)
{
  const struct { const char *text; const char *message; } cases[] = {
    { "", "The file has no points" },
    { "\n  \n\r\n", "The file has no points" },
    { "x1,x2,label\n", "The file has no points" },
    { "1,2,0\n3,4,1\n\n\n\n\n5,6\n", "line 7: expected 3 numbers, found 2" },
    { "x1,x2,label\n1,2,3,4\n", "line 2: expected 3 numbers, found 4" },
    { "1;2;0\n", "line 1: expected 3 numbers, found 1" },
    { "1,2,0\n1,2,abc\n", "line 2: “abc” is not a number" },
    { "1,2,x\n", "line 1: “x” is not a number" },
    { "x1,x2,label\nx1,x2,label\n", "line 2: “x1” is not a number" },
    { "1,,0\n", "line 1: number 2 is missing" },
    { "1,2,0\n3,nan,1\n", "line 2: “nan” is not a finite number" },
    { "1,2,0\n3,4,inf\n", "line 2: “inf” is not a finite number" },
    { "1,2,0\n3,1e999,1\n", "line 2: “1e999” is not a finite number" },
    { "1,2,0\n1,2,\xff\n", "line 2: “\xef\xbf\xbd” is not a number" },
    { "1,2,0\n1,2,abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\n",
      "line 2: “abcdefghijklmnopqrstuvwxyzabcdefghijklm…” is not a number" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GError) error = NULL;
      BpDataset *d = read_csv (cases[k].text, &error);

      g_assert_null (d);
      g_assert_error (error, BP_ERROR, BP_ERROR_FILE);
      g_assert_cmpstr (error->message, ==, cases[k].message);
    }
}

static void
test_csv_too_many (void)
{
  g_autoptr(GString) text = g_string_new ("x1,x2,label\n");
  g_autoptr(GError) error = NULL;
  BpDataset *d;

  for (guint i = 0; i < BP_DATASET_MAX_POINTS; i++)
    g_string_append (text, "1,2,0\n");
  g_string_append (text, "\n1,2,0\n");
  d = read_csv (text->str, &error);
  g_assert_null (d);
  g_assert_error (error, BP_ERROR, BP_ERROR_FILE);
  g_assert_cmpstr (error->message, ==, "line 10003: a dataset has at most 10000 points");
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  return memcmp (a, b, sizeof (BpPoint));
}

/* Written out and read back, a dataset has the same points, bit for bit. */
static void
test_csv_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) d = generate (BP_GENERATOR_MULTI_GAUSSIAN, 300, 10, 50, 21);
  g_autofree char *text = bp_dataset_to_csv (d);
  g_autoptr(BpDataset) back = NULL;
  g_autofree BpPoint *a = NULL;
  g_autofree BpPoint *b = NULL;

  g_assert_true (g_str_has_prefix (text, "x1,x2,label\n"));
  back = bp_dataset_new_from_csv (text, -1, 50, 21, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->n_points, ==, 300);
  g_assert_cmpint (back->kind, ==, BP_DATASET_REGRESSION);
  a = g_memdup2 (d->points, 300 * sizeof (BpPoint));
  b = g_memdup2 (back->points, 300 * sizeof (BpPoint));
  qsort (a, 300, sizeof (BpPoint), compare_points);
  qsort (b, 300, sizeof (BpPoint), compare_points);
  g_assert_cmpmem (a, 300 * sizeof (BpPoint), b, 300 * sizeof (BpPoint));
}

static void
test_csv_writer (void)
{
  const BpPoint points[] = { { 0.1, -2, 1 }, { 1.0 / 3, 5e-20, 0 }, { 0.1 + 0.2, -1e300, 1 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) d = bp_dataset_new_from_points (BP_DATASET_CLASSIFICATION, points, 3,
                                                       1, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = bp_dataset_to_csv (d);
  g_assert_cmpstr (text, ==,
                   "x1,x2,label\n"
                   "0.1,-2,1\n"
                   "0.3333333333333333,5e-20,0\n"
                   "0.30000000000000004,-1e+300,1\n");
}

static void
test_features_parse (void)
{
  const struct { const char *list; BpFeatureSet set; const char *text; } good[] = {
    { "x1,x2", BP_FEATURES_DEFAULT, "x1,x2" },
    { "x2, x1", BP_FEATURES_DEFAULT, "x1,x2" },
    { "sin_x2,x1", BP_FEATURE_BIT (BP_FEATURE_X1) | BP_FEATURE_BIT (BP_FEATURE_SIN_X2),
      "x1,sin_x2" },
    { "x1,x2,x1_squared,x2_squared,x1_times_x2,sin_x1,sin_x2", BP_FEATURES_ALL,
      "x1,x2,x1_squared,x2_squared,x1_times_x2,sin_x1,sin_x2" },
  };
  const struct { const char *list; const char *message; } bad[] = {
    { "x1,x3", "Unknown feature “x3”; the features are x1, x2, x1_squared, x2_squared, "
               "x1_times_x2, sin_x1, sin_x2" },
    { "X1", "Unknown feature “X1”; the features are x1, x2, x1_squared, x2_squared, "
            "x1_times_x2, sin_x1, sin_x2" },
    { "x1,sin_x1,x1", "The feature “x1” is listed twice" },
    { "", "The list of features is empty" },
    { " , ", "The list of features is empty" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (good); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      BpFeatureSet set = 0;

      g_assert_true (bp_feature_set_parse (good[k].list, &set, &error));
      g_assert_no_error (error);
      g_assert_cmphex (set, ==, good[k].set);
      text = bp_feature_set_to_string (set);
      g_assert_cmpstr (text, ==, good[k].text);
    }
  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_autoptr(GError) error = NULL;
      BpFeatureSet set = 12345;

      g_assert_false (bp_feature_set_parse (bad[k].list, &set, &error));
      g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[k].message);
      g_assert_cmphex (set, ==, 12345);
    }
  for (BpFeature f = 0; f < BP_N_FEATURES; f++)
    {
      BpFeature back;

      g_assert_true (bp_feature_from_string (bp_feature_to_string (f), &back));
      g_assert_cmpint (back, ==, f);
    }
}

/* The inputs of a point, in the fixed order x1, x2, x1², x2², x1·x2, sin x1, sin x2. */
static void
test_features_fill (void)
{
  double input[BP_N_FEATURES + 1];
  BpFeatureSet set;

  g_assert_cmpuint (bp_feature_set_count (BP_FEATURES_ALL), ==, 7);
  g_assert_cmpuint (bp_feature_set_count (BP_FEATURES_DEFAULT), ==, 2);

  input[7] = 99;
  bp_feature_set_fill (BP_FEATURES_ALL, 1.5, -2, input);
  g_assert_cmpfloat (input[0], ==, 1.5);
  g_assert_cmpfloat (input[1], ==, -2);
  g_assert_cmpfloat (input[2], ==, 2.25);
  g_assert_cmpfloat (input[3], ==, 4);
  g_assert_cmpfloat (input[4], ==, -3);
  g_assert_cmpfloat (input[5], ==, sin (1.5));
  g_assert_cmpfloat (input[6], ==, sin (-2.0));
  g_assert_cmpfloat (input[7], ==, 99);

  g_assert_true (bp_feature_set_parse ("sin_x2,x1_times_x2,x2", &set, NULL));
  g_assert_cmpuint (bp_feature_set_count (set), ==, 3);
  input[3] = 99;
  bp_feature_set_fill (set, 0.5, 3, input);
  g_assert_cmpfloat (input[0], ==, 3);
  g_assert_cmpfloat (input[1], ==, 1.5);
  g_assert_cmpfloat (input[2], ==, sin (3.0));
  g_assert_cmpfloat (input[3], ==, 99);
  g_assert_cmpstr (bp_feature_display_name (BP_FEATURE_X1_SQUARED), ==, "x1²");
}

static gboolean
is_permutation (const guint *order,
                guint        n)
{
  g_autofree gboolean *seen = g_new0 (gboolean, n);

  for (guint i = 0; i < n; i++)
    {
      if (order[i] >= n || seen[order[i]])
        return FALSE;
      seen[order[i]] = TRUE;
    }
  return TRUE;
}

/* Each epoch's order is a permutation of the training points, the same on every run,
 * different from one epoch to the next and for another seed. */
static void
test_epoch_order (void)
{
  g_autoptr(BpDataset) d = generate (BP_GENERATOR_SPIRAL, 500, 0, 50, 77);
  g_autoptr(BpDataset) other = generate (BP_GENERATOR_SPIRAL, 500, 0, 50, 78);
  guint n = d->n_train;
  g_autofree guint *first = g_new (guint, n);
  g_autofree guint *again = g_new (guint, n);
  g_autofree guint *next = g_new (guint, n);
  g_autofree guint *late = g_new (guint, n);
  guint in_place = 0;

  bp_dataset_epoch_order (d, 0, first);
  bp_dataset_epoch_order (d, 0, again);
  bp_dataset_epoch_order (d, 1, next);
  g_assert_true (is_permutation (first, n));
  g_assert_true (is_permutation (next, n));
  g_assert_cmpmem (first, n * sizeof (guint), again, n * sizeof (guint));
  g_assert_true (memcmp (first, next, n * sizeof (guint)) != 0);
  for (guint i = 0; i < n; i++)
    in_place += first[i] == i;
  g_assert_cmpuint (in_place, <, 10);

  /* Epochs past 2³² differ from their low 32 bits. */
  bp_dataset_epoch_order (d, G_GUINT64_CONSTANT (1) << 32, late);
  g_assert_true (is_permutation (late, n));
  g_assert_true (memcmp (first, late, n * sizeof (guint)) != 0);

  bp_dataset_epoch_order (other, 0, again);
  g_assert_true (memcmp (first, again, n * sizeof (guint)) != 0);
}

/* Batches of B cover the epoch once, the last one shorter; B ≥ n_train is the whole set. */
static void
test_batches (void)
{
  const struct { guint n; guint size; guint batches; guint last; } cases[] = {
    { 250, 10, 25, 10 }, { 250, 64, 4, 58 }, { 7, 3, 3, 1 }, { 250, 1, 250, 1 },
    { 250, 250, 1, 250 }, { 250, 1000, 1, 250 }, { 1, 10, 1, 1 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      guint n_batches = bp_dataset_n_batches (cases[k].n, cases[k].size);
      guint covered = 0;

      g_assert_cmpuint (n_batches, ==, cases[k].batches);
      for (guint b = 0; b < n_batches; b++)
        {
          guint start = G_MAXUINT;
          guint size = bp_dataset_batch (cases[k].n, cases[k].size, b, &start);

          g_assert_cmpuint (start, ==, covered);
          g_assert_cmpuint (size, ==, b + 1 < n_batches ? MIN (cases[k].size, cases[k].n)
                                                        : cases[k].last);
          covered += size;
        }
      g_assert_cmpuint (covered, ==, cases[k].n);
    }

  for (guint64 step = 0; step < 60; step++)
    {
      guint64 epoch;
      guint batch;

      bp_dataset_step_position (250, 64, step, &epoch, &batch);
      g_assert_cmpuint (epoch, ==, step / 4);
      g_assert_cmpuint (batch, ==, step % 4);
    }
}

/* Points drawn by hand go to the end of the training or test points; erasing one keeps
 * the others' order. */
static void
test_draw (void)
{
  const BpPoint points[] = { { 1, 1, 1 }, { 2, 2, 0 }, { 3, 3, 1 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) d = bp_dataset_new_from_points (BP_DATASET_CLASSIFICATION, points, 3,
                                                       2, &error);
  g_autoptr(BpDataset) copy = NULL;

  g_assert_no_error (error);
  copy = bp_dataset_copy (d);
  g_assert_true (bp_dataset_equal (d, copy));

  bp_dataset_add_point (d, &(BpPoint) { 4, 4, 0 }, TRUE);
  bp_dataset_add_point (d, &(BpPoint) { 5, 5, 1 }, FALSE);
  g_assert_cmpuint (d->n_points, ==, 5);
  g_assert_cmpuint (d->n_train, ==, 3);
  g_assert_cmpint (d->generator, ==, BP_GENERATOR_DRAWN);
  g_assert_cmpfloat (d->points[2].x1, ==, 4);
  g_assert_cmpfloat (d->points[3].x1, ==, 3);
  g_assert_cmpfloat (d->points[4].x1, ==, 5);
  g_assert_false (bp_dataset_equal (d, copy));

  bp_dataset_remove_point (d, 0);
  g_assert_cmpuint (d->n_points, ==, 4);
  g_assert_cmpuint (d->n_train, ==, 2);
  g_assert_cmpfloat (d->points[0].x1, ==, 2);
  bp_dataset_remove_point (d, 3);
  g_assert_cmpuint (d->n_points, ==, 3);
  g_assert_cmpuint (d->n_train, ==, 2);
  g_assert_cmpfloat (d->points[2].x1, ==, 3);

  /* The copy kept its own points. */
  g_assert_cmpuint (copy->n_points, ==, 3);
  g_assert_cmpfloat (copy->points[0].x1, ==, 1);
}

/* Points from a file are checked: finite, labels of the kind, a sensible split. */
static void
test_from_points_errors (void)
{
  const BpPoint good[] = { { 1, 1, 1 }, { 2, 2, 0 } };
  const BpPoint half[] = { { 1, 1, 0.5 } };
  const BpPoint inf[] = { { 1, 1, 1 }, { INFINITY, 2, 0 } };
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;
  g_autoptr(BpDataset) ok = NULL;

  g_assert_null (bp_dataset_new_from_points (BP_DATASET_CLASSIFICATION, half, 1, 1, &e1));
  g_assert_cmpstr (e1->message, ==, "Point 1 has the label 0.5; a classification label is 0 or 1");
  g_assert_null (bp_dataset_new_from_points (BP_DATASET_REGRESSION, inf, 2, 1, &e2));
  g_assert_cmpstr (e2->message, ==, "Point 2 is not three finite numbers");
  g_assert_null (bp_dataset_new_from_points (BP_DATASET_REGRESSION, good, 2, 3, &e3));
  g_assert_cmpstr (e3->message, ==,
                   "n_train is 3; it must be at least 1 and at most the number of points, 2");
  g_assert_null (bp_dataset_new_from_points (BP_DATASET_REGRESSION, good, 0, 0, &e4));
  g_assert_cmpstr (e4->message, ==, "A dataset has 1 to 10000 points, not 0");
  ok = bp_dataset_new_from_points (BP_DATASET_REGRESSION, half, 1, 1, NULL);
  g_assert_nonnull (ok);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/dataset/generators/counts", test_generators_counts);
  g_test_add_func ("/bp/dataset/generators/kinds", test_generators_kinds);
  g_test_add_func ("/bp/dataset/generators/reproducible", test_generators_reproducible);
  g_test_add_func ("/bp/dataset/clean/circle", test_clean_circle);
  g_test_add_func ("/bp/dataset/clean/xor", test_clean_xor);
  g_test_add_func ("/bp/dataset/clean/spiral", test_clean_spiral);
  g_test_add_func ("/bp/dataset/clean/gaussian", test_clean_gaussian);
  g_test_add_func ("/bp/dataset/clean/regression", test_clean_regression);
  g_test_add_func ("/bp/dataset/split", test_split);
  g_test_add_func ("/bp/dataset/parameters", test_parameters);
  g_test_add_func ("/bp/dataset/csv/good", test_csv_good);
  g_test_add_func ("/bp/dataset/csv/shuffled", test_csv_shuffled);
  g_test_add_func ("/bp/dataset/csv/broken", test_csv_broken);
  g_test_add_func ("/bp/dataset/csv/too-many", test_csv_too_many);
  g_test_add_func ("/bp/dataset/csv/round-trip", test_csv_round_trip);
  g_test_add_func ("/bp/dataset/csv/writer", test_csv_writer);
  g_test_add_func ("/bp/dataset/features/parse", test_features_parse);
  g_test_add_func ("/bp/dataset/features/fill", test_features_fill);
  g_test_add_func ("/bp/dataset/epoch-order", test_epoch_order);
  g_test_add_func ("/bp/dataset/batches", test_batches);
  g_test_add_func ("/bp/dataset/draw", test_draw);
  g_test_add_func ("/bp/dataset/from-points-errors", test_from_points_errors);

  return g_test_run ();
}
