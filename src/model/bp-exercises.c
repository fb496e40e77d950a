/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-exercises.c: BpExerciseSet, a set of predict-then-reveal exercises as loaded
 * (bp-exercises-load.c reads it, bp-exercises-answer.c answers its questions), and
 * BpExerciseScore, the learner's score over one set. */
#define G_LOG_DOMAIN "bp-exercises"

#include "config.h"

#include "bp-exercises-private.h"

#include <string.h>

struct _BpExerciseScore
{
  guint n_exercises;
  guint *first;        /* the index of each exercise's first question in states */
  guint total;
  guint8 *states;      /* per question: 0 unanswered, 1 answered wrong, 2 answered right */
  guint answered;
  guint right;
};

enum {
  STATE_UNANSWERED,
  STATE_WRONG,
  STATE_RIGHT,
};

G_DEFINE_FINAL_TYPE (BpExerciseSet, bp_exercise_set, G_TYPE_OBJECT)

G_DEFINE_QUARK (bp-exercise-error-quark, bp_exercise_error)

static const char *const kind_names[BP_N_EXERCISE_KINDS] = {
  [BP_EXERCISE_WEIGHT_DIRECTION] = "weight-direction",
  [BP_EXERCISE_LARGEST_GRADIENT] = "largest-gradient",
  [BP_EXERCISE_SMALLEST_LAYER] = "smallest-layer",
  [BP_EXERCISE_LOSS_DIRECTION] = "loss-direction",
};

void
_bp_exercise_question_free (gpointer data)
{
  BpExerciseQuestion *question = data;

  g_free (question->prompt);
  g_free (question->hint);
  for (guint k = 0; k < question->n_choices; k++)
    g_free (question->choices[k]);
  g_free (question);
}

void
_bp_exercise_free (gpointer data)
{
  BpExercise *exercise = data;

  g_free (exercise->id);
  g_free (exercise->title);
  g_free (exercise->intro);
  g_clear_pointer (&exercise->network, g_bytes_unref);
  g_clear_pointer (&exercise->questions, g_ptr_array_unref);
  g_free (exercise);
}

static void
bp_exercise_set_finalize (GObject *object)
{
  BpExerciseSet *self = BP_EXERCISE_SET (object);

  g_free (self->title);
  g_free (self->description);
  g_clear_pointer (&self->exercises, g_ptr_array_unref);

  G_OBJECT_CLASS (bp_exercise_set_parent_class)->finalize (object);
}

static void
bp_exercise_set_class_init (BpExerciseSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bp_exercise_set_finalize;
}

static void
bp_exercise_set_init (BpExerciseSet *self)
{
  self->exercises = g_ptr_array_new_with_free_func (_bp_exercise_free);
}

/**
 * bp_exercise_kind_to_string:
 * @kind: a kind of question
 *
 * Returns: its name in files ("weight-direction", …)
 */
const char *
bp_exercise_kind_to_string (BpExerciseKind kind)
{
  g_return_val_if_fail (kind < BP_N_EXERCISE_KINDS, NULL);

  return kind_names[kind];
}

/**
 * bp_exercise_kind_from_string:
 * @name: a kind's name in files
 * @kind: (out): the kind
 *
 * Returns: %TRUE if @name is one
 */
gboolean
bp_exercise_kind_from_string (const char     *name,
                              BpExerciseKind *kind)
{
  for (guint k = 0; k < BP_N_EXERCISE_KINDS; k++)
    if (g_strcmp0 (name, kind_names[k]) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

/**
 * bp_exercise_set_get_title:
 * @self: a set of exercises
 *
 * Returns: its title, translated when the set ships with the app
 */
const char *
bp_exercise_set_get_title (BpExerciseSet *self)
{
  g_return_val_if_fail (BP_IS_EXERCISE_SET (self), NULL);

  return self->title;
}

/**
 * bp_exercise_set_get_description:
 * @self: a set of exercises
 *
 * Returns: its description, or "" when the file has none
 */
const char *
bp_exercise_set_get_description (BpExerciseSet *self)
{
  g_return_val_if_fail (BP_IS_EXERCISE_SET (self), NULL);

  return self->description;
}

/**
 * bp_exercise_set_is_shipped:
 * @self: a set of exercises
 *
 * Returns: %TRUE for a set that ships with the app (its texts are translated), %FALSE for a
 *   file a teacher wrote (shown as written)
 */
gboolean
bp_exercise_set_is_shipped (BpExerciseSet *self)
{
  g_return_val_if_fail (BP_IS_EXERCISE_SET (self), FALSE);

  return self->shipped;
}

/**
 * bp_exercise_set_get_n_exercises:
 * @self: a set of exercises
 *
 * Returns: how many exercises it has, at least 1
 */
guint
bp_exercise_set_get_n_exercises (BpExerciseSet *self)
{
  g_return_val_if_fail (BP_IS_EXERCISE_SET (self), 0);

  return self->exercises->len;
}

/**
 * bp_exercise_set_get_exercise:
 * @self: a set of exercises
 * @index: an exercise, from 0
 *
 * Returns: (transfer none): the exercise, which lives as long as @self
 */
const BpExercise *
bp_exercise_set_get_exercise (BpExerciseSet *self,
                              guint          index)
{
  g_return_val_if_fail (BP_IS_EXERCISE_SET (self), NULL);
  g_return_val_if_fail (index < self->exercises->len, NULL);

  return g_ptr_array_index (self->exercises, index);
}

/**
 * bp_exercise_set_get_n_questions:
 * @self: a set of exercises
 *
 * Returns: the number of questions of all its exercises together
 */
guint
bp_exercise_set_get_n_questions (BpExerciseSet *self)
{
  guint n = 0;

  g_return_val_if_fail (BP_IS_EXERCISE_SET (self), 0);

  for (guint e = 0; e < self->exercises->len; e++)
    n += bp_exercise_get_n_questions (g_ptr_array_index (self->exercises, e));
  return n;
}

/**
 * bp_exercise_get_id:
 * @exercise: an exercise
 *
 * Returns: its id, unique in its set, never translated
 */
const char *
bp_exercise_get_id (const BpExercise *exercise)
{
  g_return_val_if_fail (exercise != NULL, NULL);

  return exercise->id;
}

/**
 * bp_exercise_get_title:
 * @exercise: an exercise
 *
 * Returns: its title
 */
const char *
bp_exercise_get_title (const BpExercise *exercise)
{
  g_return_val_if_fail (exercise != NULL, NULL);

  return exercise->title;
}

/**
 * bp_exercise_get_intro:
 * @exercise: an exercise
 *
 * Returns: what the learner reads first, or ""
 */
const char *
bp_exercise_get_intro (const BpExercise *exercise)
{
  g_return_val_if_fail (exercise != NULL, NULL);

  return exercise->intro;
}

/**
 * bp_exercise_get_network_bytes:
 * @exercise: an exercise
 *
 * Returns: (transfer none): its network as a network file
 */
GBytes *
bp_exercise_get_network_bytes (const BpExercise *exercise)
{
  g_return_val_if_fail (exercise != NULL, NULL);

  return exercise->network;
}

/**
 * bp_exercise_load_network:
 * @exercise: an exercise
 * @network: a network
 * @error: return location for a #GError
 *
 * Loads the exercise's network into @network, in place, as opening a file does (the same
 * signals; the undo entries are forgotten). The questions are about this state: load it
 * again before a question if the network has stepped since.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_exercise_load_network (const BpExercise  *exercise,
                          BpNetwork         *network,
                          GError           **error)
{
  g_return_val_if_fail (exercise != NULL, FALSE);
  g_return_val_if_fail (BP_IS_NETWORK (network), FALSE);

  return bp_network_load_bytes (network, exercise->network, error);
}

/**
 * bp_exercise_get_n_questions:
 * @exercise: an exercise
 *
 * Returns: how many questions it asks, at least 1
 */
guint
bp_exercise_get_n_questions (const BpExercise *exercise)
{
  g_return_val_if_fail (exercise != NULL, 0);

  return exercise->questions->len;
}

/**
 * bp_exercise_get_question:
 * @exercise: an exercise
 * @index: a question, from 0
 *
 * Returns: (transfer none): the question, which lives as long as the set
 */
const BpExerciseQuestion *
bp_exercise_get_question (const BpExercise *exercise,
                          guint             index)
{
  g_return_val_if_fail (exercise != NULL, NULL);
  g_return_val_if_fail (index < exercise->questions->len, NULL);

  return g_ptr_array_index (exercise->questions, index);
}

/**
 * bp_exercise_question_get_kind:
 * @question: a question
 *
 * Returns: what it asks
 */
BpExerciseKind
bp_exercise_question_get_kind (const BpExerciseQuestion *question)
{
  g_return_val_if_fail (question != NULL, BP_EXERCISE_WEIGHT_DIRECTION);

  return question->kind;
}

/**
 * bp_exercise_question_get_prompt:
 * @question: a question
 *
 * Returns: the question as the learner reads it: the file's "prompt", or the default text
 *   of its kind (translated, naming its weight or its η)
 */
const char *
bp_exercise_question_get_prompt (const BpExerciseQuestion *question)
{
  g_return_val_if_fail (question != NULL, NULL);

  return question->prompt;
}

/**
 * bp_exercise_question_get_hint:
 * @question: a question
 *
 * Returns: (nullable): the file's hint, or %NULL
 */
const char *
bp_exercise_question_get_hint (const BpExerciseQuestion *question)
{
  g_return_val_if_fail (question != NULL, NULL);

  return question->hint;
}

/**
 * bp_exercise_question_get_n_choices:
 * @question: a question
 *
 * Returns: how many choices the learner picks from: 2 (up, down) for the direction
 *   questions, the listed weights for largest-gradient, the weight layers for smallest-layer
 */
guint
bp_exercise_question_get_n_choices (const BpExerciseQuestion *question)
{
  g_return_val_if_fail (question != NULL, 0);

  return question->n_choices;
}

/**
 * bp_exercise_question_get_choice:
 * @question: a question
 * @index: a choice, from 0
 *
 * Returns: the choice's label: "Up" or "Down" (translated), a weight ("x1 → h2"), or a
 *   weight layer ("Layer 1 → 2")
 */
const char *
bp_exercise_question_get_choice (const BpExerciseQuestion *question,
                                 guint                     index)
{
  g_return_val_if_fail (question != NULL, NULL);
  g_return_val_if_fail (index < question->n_choices, NULL);

  return question->choices[index];
}

/**
 * bp_exercise_question_get_n_params:
 * @question: a question
 *
 * Returns: how many parameters it is about: 1 for weight-direction, the choices of
 *   largest-gradient, 0 for the others
 */
guint
bp_exercise_question_get_n_params (const BpExerciseQuestion *question)
{
  g_return_val_if_fail (question != NULL, 0);

  return question->n_params;
}

/**
 * bp_exercise_question_get_param:
 * @question: a question
 * @index: a parameter, from 0
 * @param: (out): the weight or bias, for the diagram's selection and the chain rule
 *
 * Returns: %TRUE if @index is one of the question's parameters
 */
gboolean
bp_exercise_question_get_param (const BpExerciseQuestion *question,
                                guint                     index,
                                BpExerciseParam          *param)
{
  g_return_val_if_fail (question != NULL && param != NULL, FALSE);

  if (index >= question->n_params)
    return FALSE;
  *param = question->params[index];
  return TRUE;
}

/**
 * bp_exercise_question_get_learning_rate:
 * @question: a question
 * @learning_rate: (out): the η its step takes
 *
 * Returns: %TRUE when the question sets the learning rate (loss-direction with
 *   "learning_rate"); otherwise the step takes the network's
 */
gboolean
bp_exercise_question_get_learning_rate (const BpExerciseQuestion *question,
                                        double                   *learning_rate)
{
  g_return_val_if_fail (question != NULL && learning_rate != NULL, FALSE);

  if (question->has_learning_rate)
    *learning_rate = question->learning_rate;
  return question->has_learning_rate;
}

/**
 * bp_exercise_score_new:
 * @set: a set of exercises
 *
 * A score over @set. The rule: each question counts once, by the learner's first answer to
 * it; a later answer to the same question (after the reveal) changes nothing. The score is
 * the questions answered right out of those answered, with the total beside them.
 *
 * Returns: (transfer full): a score of 0 answered
 */
BpExerciseScore *
bp_exercise_score_new (BpExerciseSet *set)
{
  BpExerciseScore *score;

  g_return_val_if_fail (BP_IS_EXERCISE_SET (set), NULL);

  score = g_new0 (BpExerciseScore, 1);
  score->n_exercises = set->exercises->len;
  score->first = g_new (guint, score->n_exercises + 1);
  for (guint e = 0; e < score->n_exercises; e++)
    {
      score->first[e] = score->total;
      score->total += bp_exercise_get_n_questions (g_ptr_array_index (set->exercises, e));
    }
  score->first[score->n_exercises] = score->total;
  score->states = g_new0 (guint8, MAX (score->total, 1));
  return score;
}

void
bp_exercise_score_free (BpExerciseScore *score)
{
  if (score == NULL)
    return;
  g_free (score->first);
  g_free (score->states);
  g_free (score);
}

static guint8 *
score_state (BpExerciseScore *score,
             guint            exercise,
             guint            question)
{
  if (exercise >= score->n_exercises
      || question >= score->first[exercise + 1] - score->first[exercise])
    return NULL;
  return &score->states[score->first[exercise] + question];
}

/**
 * bp_exercise_score_record:
 * @score: a score
 * @exercise: the exercise, from 0
 * @question: its question, from 0
 * @right: whether the learner's choice was the answer's
 *
 * Records an answer. Only the first answer to a question counts.
 *
 * Returns: %TRUE if it counted (the question had no answer yet)
 */
gboolean
bp_exercise_score_record (BpExerciseScore *score,
                          guint            exercise,
                          guint            question,
                          gboolean         right)
{
  guint8 *state;

  g_return_val_if_fail (score != NULL, FALSE);
  state = score_state (score, exercise, question);
  g_return_val_if_fail (state != NULL, FALSE);

  if (*state != STATE_UNANSWERED)
    return FALSE;
  *state = right ? STATE_RIGHT : STATE_WRONG;
  score->answered++;
  if (right)
    score->right++;
  return TRUE;
}

/**
 * bp_exercise_score_is_answered:
 * @score: a score
 * @exercise: the exercise, from 0
 * @question: its question, from 0
 * @right: (out) (optional): whether the first answer was right
 *
 * Returns: %TRUE if the question has been answered
 */
gboolean
bp_exercise_score_is_answered (BpExerciseScore *score,
                               guint            exercise,
                               guint            question,
                               gboolean        *right)
{
  guint8 *state;

  g_return_val_if_fail (score != NULL, FALSE);
  state = score_state (score, exercise, question);
  g_return_val_if_fail (state != NULL, FALSE);

  if (right != NULL)
    *right = *state == STATE_RIGHT;
  return *state != STATE_UNANSWERED;
}

/**
 * bp_exercise_score_get_answered:
 * @score: a score
 *
 * Returns: the questions answered
 */
guint
bp_exercise_score_get_answered (BpExerciseScore *score)
{
  g_return_val_if_fail (score != NULL, 0);

  return score->answered;
}

/**
 * bp_exercise_score_get_right:
 * @score: a score
 *
 * Returns: the questions whose first answer was right
 */
guint
bp_exercise_score_get_right (BpExerciseScore *score)
{
  g_return_val_if_fail (score != NULL, 0);

  return score->right;
}

/**
 * bp_exercise_score_get_total:
 * @score: a score
 *
 * Returns: the questions of the set
 */
guint
bp_exercise_score_get_total (BpExerciseScore *score)
{
  g_return_val_if_fail (score != NULL, 0);

  return score->total;
}

/**
 * bp_exercise_score_reset:
 * @score: a score
 *
 * Forgets every answer.
 */
void
bp_exercise_score_reset (BpExerciseScore *score)
{
  g_return_if_fail (score != NULL);

  memset (score->states, 0, MAX (score->total, 1));
  score->answered = 0;
  score->right = 0;
}
