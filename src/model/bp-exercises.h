/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-exercises.h: predict-then-reveal exercises. A set of exercises is a file
 * {"format": "backprop-exercises", "version": 1, …}: each exercise holds a whole network file
 * and questions about its next step; the answers are computed from the engine at the
 * network's current state. */
#pragma once

#include <gio/gio.h>

#include "bp-network.h"

G_BEGIN_DECLS

#define BP_EXERCISES_FORMAT "backprop-exercises"
#define BP_EXERCISES_VERSION 1
#define BP_EXERCISES_MAX_SIZE (16u * 1024 * 1024)
/* The file extension and MIME type of exercise files. */
#define BP_EXERCISES_SUFFIX ".backprop-exercises"
#define BP_EXERCISES_MIME_TYPE "application/x-backprop-exercises+json"

/* The most choices a question offers: the weight layers of a network, or the weights a
 * largest-gradient question lists. */
#define BP_EXERCISE_MAX_CHOICES BP_MAX_LAYERS
#define BP_EXERCISE_MAX_QUESTIONS 16

/* Where an answer stops being one: a gradient closer to 0 than this, the two largest
 * gradients (or the two smallest layer means) closer than this share of the larger, a loss
 * that changes by less than BP_EXERCISE_MIN_LOSS_CHANGE. */
#define BP_EXERCISE_MIN_GRADIENT 1e-6
#define BP_EXERCISE_TIE_SHARE 0.01
#define BP_EXERCISE_MIN_LOSS_CHANGE 1e-9

#define BP_EXERCISE_ERROR (bp_exercise_error_quark ())

typedef enum {
  BP_EXERCISE_ERROR_PARSE,    /* not JSON, or not an exercise file */
  BP_EXERCISE_ERROR_VERSION,  /* from a newer version of the format */
  BP_EXERCISE_ERROR_INVALID,  /* a field is missing or wrong, a network does not load */
  BP_EXERCISE_ERROR_TIE,      /* the network's state gives no clear answer (a near-tie) */
  BP_EXERCISE_ERROR_MISMATCH, /* the network no longer has what the question asks about */
} BpExerciseError;

typedef enum {
  BP_EXERCISE_WEIGHT_DIRECTION,  /* will this weight (or bias) go up or down? */
  BP_EXERCISE_LARGEST_GRADIENT,  /* which of these weights has the largest |∂L/∂w|? */
  BP_EXERCISE_SMALLEST_LAYER,    /* which weight layer has the smallest mean |∂L/∂w|? */
  BP_EXERCISE_LOSS_DIRECTION,    /* will the loss go up or down after one step at η? */
  BP_N_EXERCISE_KINDS
} BpExerciseKind;

/* The two choices of the direction questions, in this order. */
enum {
  BP_EXERCISE_CHOICE_UP = 0,
  BP_EXERCISE_CHOICE_DOWN = 1,
};

/* A parameter a question is about: weights[layer][to][from], or with from ==
 * BP_EXERCISE_BIAS the bias of neuron @to of layer @layer + 1 (biases[layer][to]). */
#define BP_EXERCISE_BIAS G_MAXUINT

typedef struct {
  guint layer;
  guint to;
  guint from;
} BpExerciseParam;

/* What the engine says, at the network's current state. @choice is the right choice; the
 * numbers to show when it is revealed depend on the kind:
 *
 * - weight-direction: values[0] = ∂L/∂w, values[1] = the step's change −η·∂L/∂w,
 *   values[2] = the parameter now (n_values 3); up when ∂L/∂w < 0.
 * - largest-gradient: values[k] = ∂L/∂w of the k-th listed weight, signed (n_values the
 *   number of choices); the right one has the largest |∂L/∂w|.
 * - smallest-layer: values[l] = the mean of |∂L/∂w| over the weights of weight layer l (from
 *   layer l to l + 1, biases not counted); the right one is the smallest.
 * - loss-direction: values[0] = the loss now, values[1] = the loss after one step at
 *   @learning_rate on a copy (NaN when the step diverges, and then @diverged is set and the
 *   answer is up).
 *
 * @learning_rate is the η the step takes (the network's, or the question's for
 * loss-direction). Every value is finite except values[1] of a diverging step. */
typedef struct {
  BpExerciseKind kind;
  guint choice;
  guint n_values;
  double values[BP_EXERCISE_MAX_CHOICES];
  double learning_rate;
  gboolean diverged;
} BpExerciseAnswer;

#define BP_TYPE_EXERCISE_SET (bp_exercise_set_get_type ())

G_DECLARE_FINAL_TYPE (BpExerciseSet, bp_exercise_set, BP, EXERCISE_SET, GObject)

typedef struct _BpExercise BpExercise;
typedef struct _BpExerciseQuestion BpExerciseQuestion;
typedef struct _BpExerciseScore BpExerciseScore;

GQuark          bp_exercise_error_quark            (void);
const char     *bp_exercise_kind_to_string         (BpExerciseKind       kind);
gboolean        bp_exercise_kind_from_string       (const char          *name,
                                                    BpExerciseKind      *kind);

/* Loading: bp-exercises-load.c */
BpExerciseSet  *bp_exercise_set_new_from_bytes     (GBytes              *bytes,
                                                    gboolean             shipped,
                                                    GError             **error);
BpExerciseSet  *bp_exercise_set_new_from_file      (GFile               *file,
                                                    GError             **error);
char          **bp_exercise_set_list_shipped       (void);
BpExerciseSet  *bp_exercise_set_new_shipped        (const char          *name,
                                                    GError             **error);

/* The set: bp-exercises.c */
const char     *bp_exercise_set_get_title          (BpExerciseSet       *self);
const char     *bp_exercise_set_get_description    (BpExerciseSet       *self);
gboolean        bp_exercise_set_is_shipped         (BpExerciseSet       *self);
guint           bp_exercise_set_get_n_exercises    (BpExerciseSet       *self);
const BpExercise *bp_exercise_set_get_exercise     (BpExerciseSet       *self,
                                                    guint                index);
guint           bp_exercise_set_get_n_questions    (BpExerciseSet       *self);

const char     *bp_exercise_get_id                 (const BpExercise    *exercise);
const char     *bp_exercise_get_title              (const BpExercise    *exercise);
const char     *bp_exercise_get_intro              (const BpExercise    *exercise);
GBytes         *bp_exercise_get_network_bytes      (const BpExercise    *exercise);
gboolean        bp_exercise_load_network           (const BpExercise    *exercise,
                                                    BpNetwork           *network,
                                                    GError             **error);
guint           bp_exercise_get_n_questions        (const BpExercise    *exercise);
const BpExerciseQuestion *bp_exercise_get_question (const BpExercise    *exercise,
                                                    guint                index);

BpExerciseKind  bp_exercise_question_get_kind      (const BpExerciseQuestion *question);
const char     *bp_exercise_question_get_prompt    (const BpExerciseQuestion *question);
const char     *bp_exercise_question_get_hint      (const BpExerciseQuestion *question);
guint           bp_exercise_question_get_n_choices (const BpExerciseQuestion *question);
const char     *bp_exercise_question_get_choice    (const BpExerciseQuestion *question,
                                                    guint                index);
guint           bp_exercise_question_get_n_params  (const BpExerciseQuestion *question);
gboolean        bp_exercise_question_get_param     (const BpExerciseQuestion *question,
                                                    guint                index,
                                                    BpExerciseParam     *param);
gboolean        bp_exercise_question_get_learning_rate (const BpExerciseQuestion *question,
                                                    double              *learning_rate);

/* Answers: bp-exercises-answer.c */
gboolean        bp_exercise_question_answer        (const BpExerciseQuestion *question,
                                                    BpNetwork           *network,
                                                    BpExerciseAnswer    *answer,
                                                    GError             **error);
char           *bp_exercise_answer_explain         (const BpExerciseQuestion *question,
                                                    const BpExerciseAnswer *answer);

/* Scoring: bp-exercises.c */
BpExerciseScore *bp_exercise_score_new             (BpExerciseSet       *set);
void            bp_exercise_score_free             (BpExerciseScore     *score);
gboolean        bp_exercise_score_record           (BpExerciseScore     *score,
                                                    guint                exercise,
                                                    guint                question,
                                                    gboolean             right);
gboolean        bp_exercise_score_is_answered      (BpExerciseScore     *score,
                                                    guint                exercise,
                                                    guint                question,
                                                    gboolean            *right);
guint           bp_exercise_score_get_answered     (BpExerciseScore     *score);
guint           bp_exercise_score_get_right        (BpExerciseScore     *score);
guint           bp_exercise_score_get_total        (BpExerciseScore     *score);
void            bp_exercise_score_reset            (BpExerciseScore     *score);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpExerciseScore, bp_exercise_score_free)

G_END_DECLS
