/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-dataset.h: sets of 2-D points to train on, plain C structs and functions.
 *
 * A dataset holds points (x1, x2, label) with the training points first: points[0 …
 * n_train − 1] train the network, the rest test it. The generators follow TensorFlow
 * Playground's (circle, exclusive-or, two Gaussians, spiral, plane, multi-Gaussian), with
 * the points in −6 … 6 on both axes; the same seed gives the same points bit for bit.
 * Classification labels are 0 and 1; regression labels are numbers (about −1 … 1 for the
 * generators: noise can carry the plane's a little beyond). The engine reads and writes
 * CSV text, never files: the caller does the I/O.
 */
#pragma once

#include "bp-core.h"

G_BEGIN_DECLS

#define BP_DATASET_MAX_POINTS 10000
#define BP_DATASET_DEFAULT_POINTS 500
#define BP_DATASET_MAX_NOISE 50.0           /* percent */
#define BP_DATASET_MIN_TRAIN_PERCENT 10.0
#define BP_DATASET_MAX_TRAIN_PERCENT 90.0
#define BP_DATASET_RANGE 6.0                /* points lie in −6 … 6 on both axes */

typedef enum {
  BP_DATASET_CLASSIFICATION,   /* labels 0 and 1 */
  BP_DATASET_REGRESSION,       /* any finite labels */
} BpDatasetKind;

typedef enum {
  BP_GENERATOR_CIRCLE,
  BP_GENERATOR_XOR,
  BP_GENERATOR_GAUSSIAN,
  BP_GENERATOR_SPIRAL,
  BP_GENERATOR_PLANE,
  BP_GENERATOR_MULTI_GAUSSIAN,
  BP_N_GENERATED,              /* the generators above make points; the ones below do not */
  BP_GENERATOR_CSV = BP_N_GENERATED,  /* imported from a CSV file */
  BP_GENERATOR_DRAWN,          /* drawn by hand */
  BP_N_GENERATORS
} BpGenerator;

/* The input features of a point, in the order they feed the network. */
typedef enum {
  BP_FEATURE_X1,
  BP_FEATURE_X2,
  BP_FEATURE_X1_SQUARED,
  BP_FEATURE_X2_SQUARED,
  BP_FEATURE_X1_TIMES_X2,
  BP_FEATURE_SIN_X1,
  BP_FEATURE_SIN_X2,
  BP_N_FEATURES
} BpFeature;

/* A set of features: bit (1 << feature) for each one in it. */
typedef guint BpFeatureSet;

#define BP_FEATURE_BIT(feature) (1u << (feature))
#define BP_FEATURES_DEFAULT (BP_FEATURE_BIT (BP_FEATURE_X1) | BP_FEATURE_BIT (BP_FEATURE_X2))
#define BP_FEATURES_ALL ((1u << BP_N_FEATURES) - 1)

typedef struct {
  double x1;
  double x2;
  double label;
} BpPoint;

/* The fields may be read freely; change the points through the functions below so that
 * n_train and the kind stay right. */
typedef struct {
  BpPoint *points;
  guint n_points;
  guint n_train;           /* points[0 … n_train − 1] are the training points */
  BpDatasetKind kind;
  BpGenerator generator;   /* what made the points; kept for Regenerate */
  guint32 seed;            /* of the generator and of the epochs' order */
  double noise;            /* percent, 0 … 50 */
  double train_percent;    /* percent, 10 … 90 */
} BpDataset;

const char   *bp_generator_to_string         (BpGenerator      generator);
gboolean      bp_generator_from_string       (const char      *name,
                                              BpGenerator     *generator);
BpDatasetKind bp_generator_kind              (BpGenerator      generator);

const char   *bp_feature_to_string           (BpFeature        feature);
gboolean      bp_feature_from_string         (const char      *name,
                                              BpFeature       *feature);
const char   *bp_feature_display_name        (BpFeature        feature);
gboolean      bp_feature_set_parse           (const char      *list,
                                              BpFeatureSet    *set,
                                              GError         **error);
char         *bp_feature_set_to_string       (BpFeatureSet     set);
guint         bp_feature_set_count           (BpFeatureSet     set);
void          bp_feature_set_fill            (BpFeatureSet     set,
                                              double           x1,
                                              double           x2,
                                              double          *input);

gboolean      bp_dataset_check_parameters    (guint            n_points,
                                              double           noise,
                                              double           train_percent,
                                              GError         **error);
guint         bp_dataset_split_count         (guint            n_points,
                                              double           train_percent);
BpDataset    *bp_dataset_generate            (BpGenerator      generator,
                                              guint            n_points,
                                              double           noise,
                                              double           train_percent,
                                              guint32          seed,
                                              GError         **error);
BpDataset    *bp_dataset_new_from_points     (BpDatasetKind    kind,
                                              const BpPoint   *points,
                                              guint            n_points,
                                              guint            n_train,
                                              GError         **error);
BpDataset    *bp_dataset_new_from_csv        (const char      *text,
                                              gssize           length,
                                              double           train_percent,
                                              guint32          seed,
                                              GError         **error);
char         *bp_dataset_to_csv              (const BpDataset *dataset);
BpDataset    *bp_dataset_copy                (const BpDataset *dataset);
void          bp_dataset_free                (BpDataset       *dataset);
gboolean      bp_dataset_equal               (const BpDataset *a,
                                              const BpDataset *b);

void          bp_dataset_add_point           (BpDataset       *dataset,
                                              const BpPoint   *point,
                                              gboolean         train);
void          bp_dataset_remove_point        (BpDataset       *dataset,
                                              guint            index);

void          bp_dataset_epoch_order         (const BpDataset *dataset,
                                              guint64          epoch,
                                              guint           *order);
guint         bp_dataset_n_batches           (guint            n_train,
                                              guint            batch_size);
guint         bp_dataset_batch               (guint            n_train,
                                              guint            batch_size,
                                              guint            batch,
                                              guint           *start);
void          bp_dataset_step_position       (guint            n_train,
                                              guint            batch_size,
                                              guint64          step,
                                              guint64         *epoch,
                                              guint           *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpDataset, bp_dataset_free)

G_END_DECLS
