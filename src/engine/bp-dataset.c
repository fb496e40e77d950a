/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-dataset.c: the 2-D datasets: generators, features, CSV text, the epochs' order. */
#define G_LOG_DOMAIN "bp-dataset"

#include "config.h"

#include "bp-dataset-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bp-core-private.h"

static const char *generator_names[BP_N_GENERATORS] = {
  [BP_GENERATOR_CIRCLE] = "circle",
  [BP_GENERATOR_XOR] = "xor",
  [BP_GENERATOR_GAUSSIAN] = "gaussian",
  [BP_GENERATOR_SPIRAL] = "spiral",
  [BP_GENERATOR_PLANE] = "plane",
  [BP_GENERATOR_MULTI_GAUSSIAN] = "multi-gaussian",
  [BP_GENERATOR_CSV] = "csv",
  [BP_GENERATOR_DRAWN] = "drawn",
};

/* Generators */

typedef struct {
  GRand *rand;
  double noise;        /* a fraction, 0 … 0.5, as the playground has it */
  BpPoint *out;
} Gen;

static double
uniform (Gen    *gen,
         double  low,
         double  high)
{
  return g_rand_double_range (gen->rand, low, high);
}

/* A normal deviate by the polar method, as the playground draws it. */
static double
normal (Gen    *gen,
        double  mean,
        double  variance)
{
  double v1, v2, s;

  do
    {
      v1 = 2.0 * g_rand_double (gen->rand) - 1.0;
      v2 = 2.0 * g_rand_double (gen->rand) - 1.0;
      s = v1 * v1 + v2 * v2;
    }
  while (s >= 1.0 || s == 0.0);
  return mean + sqrt (variance) * sqrt (-2.0 * log (s) / s) * v1;
}

static void
push (Gen    *gen,
      double  x1,
      double  x2,
      double  label)
{
  gen->out->x1 = x1;
  gen->out->x2 = x2;
  gen->out->label = label;
  gen->out++;
}

/* Inside radius 2.5 is class 1, the ring 3.5 … 5 class 0; noise moves the point the label
 * is taken at, so some points near the edge change class. */
static void
make_circle (Gen   *gen,
             guint  n)
{
  const double radius = 5.0;

  for (guint i = 0; i < n; i++)
    {
      gboolean inside = i < n / 2;
      double r = inside ? uniform (gen, 0, radius * 0.5) : uniform (gen, radius * 0.7, radius);
      double angle = uniform (gen, 0, 2 * G_PI);
      double x = r * sin (angle);
      double y = r * cos (angle);
      double nx = uniform (gen, -radius, radius) * gen->noise;
      double ny = uniform (gen, -radius, radius) * gen->noise;

      push (gen, x, y, hypot (x + nx, y + ny) < radius * 0.5 ? 1.0 : 0.0);
    }
}

/* Class 1 where x1·x2 ≥ 0; the points keep 0.3 away from the axes. */
static void
make_xor (Gen   *gen,
          guint  n)
{
  const double padding = 0.3;

  for (guint i = 0; i < n; i++)
    {
      double x = uniform (gen, -5, 5);
      double y = uniform (gen, -5, 5);
      double nx, ny;

      x += x > 0 ? padding : -padding;
      y += y > 0 ? padding : -padding;
      nx = uniform (gen, -5, 5) * gen->noise;
      ny = uniform (gen, -5, 5) * gen->noise;
      push (gen, x, y, (x + nx) * (y + ny) >= 0 ? 1.0 : 0.0);
    }
}

/* Two Gaussians, class 1 around (2, 2) and class 0 around (−2, −2); the noise widens them
 * (variance 0.5 … 4). A point drawn outside −6 … 6 is drawn again. */
static void
make_gaussian (Gen   *gen,
               guint  n)
{
  double variance = 0.5 + 3.5 * (gen->noise / 0.5);

  for (guint i = 0; i < n; i++)
    {
      double c = i < n / 2 ? 2.0 : -2.0;
      double x, y;

      do
        x = normal (gen, c, variance);
      while (fabs (x) > BP_DATASET_RANGE);
      do
        y = normal (gen, c, variance);
      while (fabs (y) > BP_DATASET_RANGE);
      push (gen, x, y, c > 0 ? 1.0 : 0.0);
    }
}

/* Two arms of 1.75 turns out to radius 5, class 1 and class 0 half a turn apart. */
static void
make_spiral (Gen   *gen,
             guint  n)
{
  for (guint arm = 0; arm < 2; arm++)
    {
      guint count = arm == 0 ? n / 2 : n - n / 2;

      for (guint i = 0; i < count; i++)
        {
          double r = (double) i / count * 5.0;
          double t = 1.75 * i / count * 2 * G_PI + (arm == 0 ? 0.0 : G_PI);
          double x = r * sin (t) + uniform (gen, -1, 1) * gen->noise;
          double y = r * cos (t) + uniform (gen, -1, 1) * gen->noise;

          push (gen, x, y, arm == 0 ? 1.0 : 0.0);
        }
    }
}

static double
plane_label (double x,
             double y)
{
  return (x + y) / 10.0;
}

/* Six bumps of height ±1 and radius 2; the label is the strongest one at the point. */
static double
multi_gaussian_label (double x,
                      double y)
{
  static const double bumps[6][3] = {
    { -4, 2.5, 1 }, { 0, 2.5, -1 }, { 4, 2.5, 1 },
    { -4, -2.5, -1 }, { 0, -2.5, 1 }, { 4, -2.5, -1 },
  };
  double label = 0;

  for (guint k = 0; k < G_N_ELEMENTS (bumps); k++)
    {
      double height = CLAMP (1.0 - hypot (x - bumps[k][0], y - bumps[k][1]) / 2.0, 0.0, 1.0);
      double value = bumps[k][2] * height;

      if (fabs (value) > fabs (label))
        label = value;
    }
  return label;
}

/* Uniform points in −6 … 6; the noise moves the point the label is taken at. */
static void
make_regression (Gen   *gen,
                 guint  n,
                 double (*label) (double, double))
{
  const double radius = BP_DATASET_RANGE;

  for (guint i = 0; i < n; i++)
    {
      double x = uniform (gen, -radius, radius);
      double y = uniform (gen, -radius, radius);
      double nx = uniform (gen, -radius, radius) * gen->noise;
      double ny = uniform (gen, -radius, radius) * gen->noise;

      push (gen, x, y, label (x + nx, y + ny));
    }
}

/* Fisher–Yates from the top down: every order equally likely. */
void
bp_dataset_shuffle_points (GRand   *rand,
                           BpPoint *points,
                           guint    n)
{
  for (guint i = n; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, (gint32) i);
      BpPoint swap = points[i - 1];

      points[i - 1] = points[j];
      points[j] = swap;
    }
}

static BpDataset *
dataset_alloc (guint n_points)
{
  BpDataset *dataset = g_new0 (BpDataset, 1);

  dataset->points = g_new0 (BpPoint, MAX (n_points, 1));
  dataset->n_points = n_points;
  return dataset;
}

/* Public API */

/**
 * bp_generator_to_string:
 * @generator: a generator
 *
 * Returns: the name files and the command line use: circle, xor, gaussian, spiral, plane,
 *   multi-gaussian, csv or drawn
 */
const char *
bp_generator_to_string (BpGenerator generator)
{
  g_return_val_if_fail (generator < BP_N_GENERATORS, NULL);
  return generator_names[generator];
}

/**
 * bp_generator_from_string:
 * @name: a name as bp_generator_to_string() gives it
 * @generator: (out): the generator
 *
 * Returns: whether @name names a generator
 */
gboolean
bp_generator_from_string (const char  *name,
                          BpGenerator *generator)
{
  gint k;

  g_return_val_if_fail (name != NULL, FALSE);

  k = _bp_name_index (generator_names, BP_N_GENERATORS, name);
  if (k < 0)
    return FALSE;
  *generator = k;
  return TRUE;
}

/**
 * bp_generator_kind:
 * @generator: one of the generators that make points (below %BP_N_GENERATED)
 *
 * Returns: classification for circle, xor, gaussian and spiral; regression for plane and
 *   multi-gaussian
 */
BpDatasetKind
bp_generator_kind (BpGenerator generator)
{
  g_return_val_if_fail (generator < BP_N_GENERATED, BP_DATASET_CLASSIFICATION);
  if (generator == BP_GENERATOR_PLANE || generator == BP_GENERATOR_MULTI_GAUSSIAN)
    return BP_DATASET_REGRESSION;
  return BP_DATASET_CLASSIFICATION;
}

/**
 * bp_dataset_check_parameters:
 * @n_points: the number of points, 1 to %BP_DATASET_MAX_POINTS
 * @noise: percent, 0 to 50
 * @train_percent: the training share in percent, 10 to 90
 * @error: which one is out of its range
 *
 * Returns: whether a generator takes these
 */
gboolean
bp_dataset_check_parameters (guint    n_points,
                             double   noise,
                             double   train_percent,
                             GError **error)
{
  if (n_points < 1 || n_points > BP_DATASET_MAX_POINTS)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   _("A dataset has 1 to %u points, not %u"),
                   BP_DATASET_MAX_POINTS, n_points);
      return FALSE;
    }
  if (!(noise >= 0 && noise <= BP_DATASET_MAX_NOISE))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   _("The noise is 0 to 50 %%, not %g %%"), noise);
      return FALSE;
    }
  if (!(train_percent >= BP_DATASET_MIN_TRAIN_PERCENT &&
        train_percent <= BP_DATASET_MAX_TRAIN_PERCENT))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   _("The training share is 10 to 90 %%, not %g %%"), train_percent);
      return FALSE;
    }
  return TRUE;
}

/**
 * bp_dataset_split_count:
 * @n_points: the number of points
 * @train_percent: the training share in percent
 *
 * Returns: round(@n_points × @train_percent / 100), at least 1 when there are points so
 *   that a tiny dataset still trains
 */
guint
bp_dataset_split_count (guint  n_points,
                        double train_percent)
{
  double n = round ((double) n_points * train_percent / 100.0);

  n = CLAMP (n, 0.0, (double) n_points);
  if (n < 1 && n_points > 0)
    return 1;
  return (guint) n;
}

/**
 * bp_dataset_generate:
 * @generator: one of the generators that make points (below %BP_N_GENERATED)
 * @n_points: the number of points, 1 to %BP_DATASET_MAX_POINTS
 * @noise: percent, 0 to 50
 * @train_percent: the training share in percent, 10 to 90
 * @seed: the seed of GLib's GRand that draws the points and shuffles them
 * @error: a parameter out of its range
 *
 * Draws the points as TensorFlow Playground does, shuffles them and takes the first
 * bp_dataset_split_count() for training. The same arguments give the same points bit for
 * bit.
 *
 * Returns: (transfer full): the dataset, or %NULL with @error set
 */
BpDataset *
bp_dataset_generate (BpGenerator   generator,
                     guint         n_points,
                     double        noise,
                     double        train_percent,
                     guint32       seed,
                     GError      **error)
{
  g_autoptr(GRand) rand = NULL;
  BpDataset *dataset;
  Gen gen;

  g_return_val_if_fail (generator < BP_N_GENERATED, NULL);

  if (!bp_dataset_check_parameters (n_points, noise, train_percent, error))
    return NULL;

  rand = g_rand_new_with_seed (seed);
  dataset = dataset_alloc (n_points);
  gen = (Gen) { rand, noise / 100.0, dataset->points };
  switch (generator)
    {
    case BP_GENERATOR_CIRCLE:
      make_circle (&gen, n_points);
      break;
    case BP_GENERATOR_XOR:
      make_xor (&gen, n_points);
      break;
    case BP_GENERATOR_GAUSSIAN:
      make_gaussian (&gen, n_points);
      break;
    case BP_GENERATOR_SPIRAL:
      make_spiral (&gen, n_points);
      break;
    case BP_GENERATOR_PLANE:
      make_regression (&gen, n_points, plane_label);
      break;
    case BP_GENERATOR_MULTI_GAUSSIAN:
    default:
      make_regression (&gen, n_points, multi_gaussian_label);
      break;
    }
  g_assert (gen.out == dataset->points + n_points);
  bp_dataset_shuffle_points (rand, dataset->points, n_points);

  dataset->n_train = bp_dataset_split_count (n_points, train_percent);
  dataset->kind = bp_generator_kind (generator);
  dataset->generator = generator;
  dataset->seed = seed;
  dataset->noise = noise;
  dataset->train_percent = train_percent;
  return dataset;
}

/**
 * bp_dataset_new_from_points:
 * @kind: classification (labels 0 and 1) or regression
 * @points: (array length=n_points): the points, the training points first
 * @n_points: their number, 1 to %BP_DATASET_MAX_POINTS
 * @n_train: how many of them train, 1 to @n_points
 * @error: the first point that is not finite or whose label does not fit @kind
 *
 * A dataset of the given points in their order, as a network file keeps them. The caller
 * sets the generator, seed, noise and training share it came from; they start as a
 * drawn set with seed 0, no noise and the share that @n_train makes.
 *
 * Returns: (transfer full): the dataset, or %NULL with @error set
 */
BpDataset *
bp_dataset_new_from_points (BpDatasetKind   kind,
                            const BpPoint  *points,
                            guint           n_points,
                            guint           n_train,
                            GError        **error)
{
  BpDataset *dataset;

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  if (n_points < 1 || n_points > BP_DATASET_MAX_POINTS)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   _("A dataset has 1 to %u points, not %u"),
                   BP_DATASET_MAX_POINTS, n_points);
      return NULL;
    }
  if (n_train < 1 || n_train > n_points)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   /* Translators: n_train is a field of the network file; keep it. */
                   _("n_train is %u; it must be at least 1 and at most the number of "
                     "points, %u"), n_train, n_points);
      return NULL;
    }
  for (guint i = 0; i < n_points; i++)
    {
      const BpPoint *p = &points[i];

      if (!isfinite (p->x1) || !isfinite (p->x2) || !isfinite (p->label))
        {
          g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                       _("Point %u is not three finite numbers"), i + 1);
          return NULL;
        }
      if (kind == BP_DATASET_CLASSIFICATION && p->label != 0 && p->label != 1)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                       _("Point %u has the label %g; a classification label is 0 or 1"),
                       i + 1, p->label);
          return NULL;
        }
    }

  dataset = dataset_alloc (n_points);
  memcpy (dataset->points, points, n_points * sizeof (BpPoint));
  dataset->n_train = n_train;
  dataset->kind = kind;
  dataset->generator = BP_GENERATOR_DRAWN;
  dataset->train_percent = CLAMP (round (100.0 * n_train / n_points),
                                  BP_DATASET_MIN_TRAIN_PERCENT,
                                  BP_DATASET_MAX_TRAIN_PERCENT);
  return dataset;
}

/**
 * bp_dataset_copy:
 * @dataset: a dataset
 *
 * Returns: (transfer full): a copy with its own points
 */
BpDataset *
bp_dataset_copy (const BpDataset *dataset)
{
  BpDataset *copy;

  g_return_val_if_fail (dataset != NULL, NULL);

  copy = g_memdup2 (dataset, sizeof (BpDataset));
  copy->points = g_memdup2 (dataset->points, MAX (dataset->n_points, 1) * sizeof (BpPoint));
  return copy;
}

/**
 * bp_dataset_free:
 * @dataset: (nullable): a dataset
 */
void
bp_dataset_free (BpDataset *dataset)
{
  if (dataset == NULL)
    return;
  g_free (dataset->points);
  g_free (dataset);
}

/**
 * bp_dataset_equal:
 * @a: a dataset
 * @b: another
 *
 * Returns: whether both have the same settings and the same points, bit for bit
 */
gboolean
bp_dataset_equal (const BpDataset *a,
                  const BpDataset *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->n_points == b->n_points && a->n_train == b->n_train && a->kind == b->kind &&
         a->generator == b->generator && a->seed == b->seed &&
         memcmp (&a->noise, &b->noise, sizeof (double)) == 0 &&
         memcmp (&a->train_percent, &b->train_percent, sizeof (double)) == 0 &&
         memcmp (a->points, b->points, a->n_points * sizeof (BpPoint)) == 0;
}

/**
 * bp_dataset_add_point:
 * @dataset: a dataset with fewer than %BP_DATASET_MAX_POINTS points
 * @point: the point; a classification label is 0 or 1
 * @train: whether it goes to the training points (last of them) or the test points (last)
 *
 * Adds a point drawn by hand. The dataset becomes a drawn one.
 */
void
bp_dataset_add_point (BpDataset     *dataset,
                      const BpPoint *point,
                      gboolean       train)
{
  guint at;

  g_return_if_fail (dataset != NULL && point != NULL);
  g_return_if_fail (dataset->n_points < BP_DATASET_MAX_POINTS);
  g_return_if_fail (isfinite (point->x1) && isfinite (point->x2) && isfinite (point->label));
  g_return_if_fail (dataset->kind == BP_DATASET_REGRESSION ||
                    point->label == 0 || point->label == 1);

  at = train ? dataset->n_train : dataset->n_points;
  dataset->points = g_renew (BpPoint, dataset->points, dataset->n_points + 1);
  memmove (&dataset->points[at + 1], &dataset->points[at],
           (dataset->n_points - at) * sizeof (BpPoint));
  dataset->points[at] = *point;
  dataset->n_points++;
  if (train)
    dataset->n_train++;
  dataset->generator = BP_GENERATOR_DRAWN;
}

/**
 * bp_dataset_remove_point:
 * @dataset: a dataset
 * @index: the point to take away
 *
 * Erases a point; the others keep their order. The dataset becomes a drawn one. A dataset
 * may run out of training points this way: train only when n_train is at least 1.
 */
void
bp_dataset_remove_point (BpDataset *dataset,
                         guint      index)
{
  g_return_if_fail (dataset != NULL);
  g_return_if_fail (index < dataset->n_points);

  memmove (&dataset->points[index], &dataset->points[index + 1],
           (dataset->n_points - index - 1) * sizeof (BpPoint));
  dataset->n_points--;
  if (index < dataset->n_train)
    dataset->n_train--;
  dataset->generator = BP_GENERATOR_DRAWN;
}
