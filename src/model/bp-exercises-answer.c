/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-exercises-answer.c: the answer of a question, from the engine at the network's current
 * state: the sign of −∂L/∂w, the largest |∂L/∂w| of a few weights, the weight layer with the
 * smallest mean |∂L/∂w|, the loss after one step at η on a copy (the learning-rate ghosts'
 * step). A near-tie is no answer: the question says so instead of guessing. Also the labels
 * of the choices and the default prompts, which name the network's neurons. */
#define G_LOG_DOMAIN "bp-exercises"

#include "config.h"

#include "bp-exercises-private.h"

#include "bp-format.h"
#include "bp-landscape.h"
#include "bp-network-private.h"

#include <glib/gi18n.h>
#include <math.h>

/* The name of a weight ("x1 → h2") or a bias ("bias of h2"), as a choice and in prompts. */
char *
_bp_exercise_param_name (const BpNet           *net,
                         const BpExerciseParam *param)
{
  g_autofree char *to = bp_format_net_neuron (net, param->layer + 1, param->to);
  g_autofree char *from = NULL;

  if (param->from == BP_EXERCISE_BIAS)
    /* Translators: a choice or part of a question of an exercise: the bias of a neuron, which
     * %s names (h2, y1…) */
    return g_strdup_printf (_("bias of %s"), to);
  from = bp_format_net_neuron (net, param->layer, param->from);
  return g_strdup_printf ("%s → %s", from, to);
}

static char *
default_prompt (const BpExerciseQuestion *question,
                const BpNet              *net)
{
  g_autofree char *name = NULL;
  char eta[BP_NUMBER_SIZE];
  char neuron[BP_NEURON_NAME_SIZE];

  switch (question->kind)
    {
    case BP_EXERCISE_WEIGHT_DIRECTION:
      name = _bp_exercise_param_name (net, &question->params[0]);
      bp_format_net_neuron_into (net, question->params[0].layer + 1, question->params[0].to,
                                 neuron, sizeof neuron);
      if (question->params[0].from == BP_EXERCISE_BIAS)
        /* Translators: an exercise's question; %s names a neuron (h2, y1…) */
        return g_strdup_printf (_("Will the bias of %s go up or down in the next step?"),
                                neuron);
      /* Translators: an exercise's question; %s is a weight, written "x1 → h2" */
      return g_strdup_printf (_("Will the weight %s go up or down in the next step?"), name);
    case BP_EXERCISE_LARGEST_GRADIENT:
      /* Translators: an exercise's question; the learner picks one of a few weights */
      return g_strdup (_("Which of these weights has the largest gradient |∂L/∂w|?"));
    case BP_EXERCISE_SMALLEST_LAYER:
      /* Translators: an exercise's question; the learner picks a layer of weights (all the
       * weights from one layer of neurons to the next) */
      return g_strdup (_("Which layer of weights has the smallest gradients, the smallest "
                         "mean |∂L/∂w|?"));
    case BP_EXERCISE_LOSS_DIRECTION:
      if (!question->has_learning_rate)
        /* Translators: an exercise's question */
        return g_strdup (_("Will the loss go up or down in the next step?"));
      bp_format_number_into (question->learning_rate, BP_NUMBER_FORMULA, eta, sizeof eta);
      /* Translators: an exercise's question; %s is a learning rate */
      return g_strdup_printf (_("Will the loss go up or down after one step at η = %s?"), eta);
    case BP_N_EXERCISE_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* Fills in the question's choices, and its prompt when the file gives none, for @net. */
void
_bp_exercise_question_label (BpExerciseQuestion *question,
                             const BpNet        *net)
{
  if (question->prompt == NULL)
    question->prompt = default_prompt (question, net);
  switch (question->kind)
    {
    case BP_EXERCISE_WEIGHT_DIRECTION:
    case BP_EXERCISE_LOSS_DIRECTION:
      question->n_choices = 2;
      /* Translators: the answer of an exercise: a weight or the loss goes up */
      question->choices[BP_EXERCISE_CHOICE_UP] = g_strdup (C_("exercise choice", "Up"));
      /* Translators: the answer of an exercise: a weight or the loss goes down */
      question->choices[BP_EXERCISE_CHOICE_DOWN] = g_strdup (C_("exercise choice", "Down"));
      break;
    case BP_EXERCISE_LARGEST_GRADIENT:
      question->n_choices = question->n_params;
      for (guint k = 0; k < question->n_params; k++)
        question->choices[k] = _bp_exercise_param_name (net, &question->params[k]);
      break;
    case BP_EXERCISE_SMALLEST_LAYER:
      question->n_choices = net->n_layers;
      for (guint l = 0; l < net->n_layers; l++)
        /* Translators: a row of the gradient health strip: the weights from layer %u to
         * layer %u of the network (0 is the input) */
        question->choices[l] = g_strdup_printf (_("Layer %u → %u"), l, l + 1);
      break;
    case BP_N_EXERCISE_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static double
param_gradient (const BpNet           *net,
                const BpExerciseParam *param)
{
  if (param->from == BP_EXERCISE_BIAS)
    return bp_net_bias_gradient (net, param->layer, param->to);
  return bp_net_weight_gradient (net, param->layer, param->to, param->from);
}

static double
param_value (const BpNet           *net,
             const BpExerciseParam *param)
{
  if (param->from == BP_EXERCISE_BIAS)
    return net->biases[param->layer][param->to];
  return *bp_net_weight (net, param->layer, param->to, param->from);
}

static gboolean
param_valid (const BpNet           *net,
             const BpExerciseParam *param)
{
  BpWeightRef ref = { param->layer, param->to, param->from };

  if (param->from == BP_EXERCISE_BIAS)
    return param->layer < net->n_layers && param->to < net->sizes[param->layer + 1];
  return bp_weight_ref_valid (net, &ref);
}

static gboolean
tie (GError     **error,
     const char  *message)
{
  g_set_error_literal (error, BP_EXERCISE_ERROR, BP_EXERCISE_ERROR_TIE, message);
  return FALSE;
}

static gboolean
answer_direction (const BpExerciseQuestion *question,
                  const BpNet              *net,
                  BpExerciseAnswer         *answer,
                  GError                  **error)
{
  double gradient = param_gradient (net, &question->params[0]);

  if (fabs (gradient) < BP_EXERCISE_MIN_GRADIENT)
    /* Translators: why an exercise's question has no answer now */
    return tie (error, _("The gradient ∂L/∂w is too close to 0 to say which way it moves"));
  answer->choice = gradient < 0.0 ? BP_EXERCISE_CHOICE_UP : BP_EXERCISE_CHOICE_DOWN;
  answer->n_values = 3;
  answer->values[0] = gradient;
  answer->values[1] = -net->learning_rate * gradient;
  answer->values[2] = param_value (net, &question->params[0]);
  answer->learning_rate = net->learning_rate;
  return TRUE;
}

/* The extreme of @values: the largest when @largest, else the smallest; and whether the
 * runner-up is within BP_EXERCISE_TIE_SHARE of it. */
static guint
pick (const double *values,
      guint         n,
      gboolean      largest,
      gboolean     *close)
{
  guint best = 0;
  double runner_up = largest ? -INFINITY : INFINITY;

  for (guint k = 1; k < n; k++)
    if (largest ? values[k] > values[best] : values[k] < values[best])
      best = k;
  for (guint k = 0; k < n; k++)
    if (k != best)
      runner_up = largest ? MAX (runner_up, values[k]) : MIN (runner_up, values[k]);
  *close = largest ? runner_up >= (1.0 - BP_EXERCISE_TIE_SHARE) * values[best]
                   : values[best] >= (1.0 - BP_EXERCISE_TIE_SHARE) * runner_up;
  return best;
}

static gboolean
answer_largest (const BpExerciseQuestion *question,
                const BpNet              *net,
                BpExerciseAnswer         *answer,
                GError                  **error)
{
  double magnitudes[BP_EXERCISE_MAX_CHOICES] = { 0 };
  gboolean close;
  guint best;

  for (guint k = 0; k < question->n_params; k++)
    {
      answer->values[k] = param_gradient (net, &question->params[k]);
      magnitudes[k] = fabs (answer->values[k]);
    }
  answer->n_values = question->n_params;
  answer->learning_rate = net->learning_rate;
  best = pick (magnitudes, question->n_params, TRUE, &close);
  if (magnitudes[best] < BP_EXERCISE_MIN_GRADIENT)
    return tie (error, _("Every gradient ∂L/∂w is too close to 0 to pick the largest"));
  if (close)
    /* Translators: why an exercise's question has no answer now */
    return tie (error, _("The two largest gradients are too close to tell apart"));
  answer->choice = best;
  return TRUE;
}

static gboolean
answer_smallest_layer (const BpNet      *net,
                       BpExerciseAnswer *answer,
                       GError          **error)
{
  gboolean close;

  for (guint l = 0; l < net->n_layers; l++)
    {
      double sum = 0.0;

      for (guint j = 0; j < net->sizes[l + 1]; j++)
        for (guint i = 0; i < net->sizes[l]; i++)
          sum += fabs (bp_net_weight_gradient (net, l, j, i));
      answer->values[l] = sum / ((double) net->sizes[l + 1] * net->sizes[l]);
    }
  answer->n_values = net->n_layers;
  answer->learning_rate = net->learning_rate;
  answer->choice = pick (answer->values, net->n_layers, FALSE, &close);
  if (close)
    /* Translators: why an exercise's question has no answer now */
    return tie (error, _("The two smallest mean gradients of the layers are too close to "
                         "tell apart"));
  return TRUE;
}

static gboolean
answer_loss (const BpExerciseQuestion *question,
             BpNetwork                *network,
             BpExerciseAnswer         *answer,
             GError                  **error)
{
  double eta = question->has_learning_rate ? question->learning_rate
                                           : bp_network_get_learning_rate (network);
  double factor = eta / bp_network_get_learning_rate (network);
  BpGhost ghost;

  if (bp_network_ghost_losses (network, &factor, 1, &ghost) != 1)
    return tie (error, _("The network’s loss is not finite"));
  answer->n_values = 2;
  answer->values[0] = _bp_network_chart_loss (network);
  answer->values[1] = ghost.loss;
  answer->learning_rate = eta;
  answer->diverged = ghost.diverged;
  if (ghost.diverged)
    {
      answer->choice = BP_EXERCISE_CHOICE_UP;
      return TRUE;
    }
  if (fabs (ghost.loss - answer->values[0]) < BP_EXERCISE_MIN_LOSS_CHANGE)
    /* Translators: why an exercise's question has no answer now */
    return tie (error, _("The step changes the loss too little to say which way it goes"));
  answer->choice = ghost.loss > answer->values[0] ? BP_EXERCISE_CHOICE_UP
                                                  : BP_EXERCISE_CHOICE_DOWN;
  return TRUE;
}

/* Whether @net still has what @question asks about. */
static gboolean
check_fits (const BpExerciseQuestion *question,
            const BpNet              *net,
            GError                  **error)
{
  gboolean fits = TRUE;

  for (guint k = 0; k < question->n_params; k++)
    fits = fits && param_valid (net, &question->params[k]);
  if (question->kind == BP_EXERCISE_SMALLEST_LAYER)
    fits = net->n_layers == question->n_choices;
  if (!fits)
    g_set_error_literal (error, BP_EXERCISE_ERROR, BP_EXERCISE_ERROR_MISMATCH,
                         /* Translators: the network was edited after an exercise loaded it */
                         _("The network no longer has the layers or weights this question "
                           "asks about: load the exercise again"));
  return fits;
}

/**
 * bp_exercise_question_answer:
 * @question: a question
 * @network: the network it asks about, at its current state
 * @answer: (out caller-allocates): the right choice and the numbers behind it
 * @error: return location for a #GError
 *
 * Computes the answer from the engine's gradients (the ones the network shows and its next
 * step applies) and, for loss-direction, from one step on a copy of the network, which is
 * left as it is. Fails with %BP_EXERCISE_ERROR_TIE when the state gives no clear answer (a
 * gradient below %BP_EXERCISE_MIN_GRADIENT, the two extremes within
 * %BP_EXERCISE_TIE_SHARE, a loss change below %BP_EXERCISE_MIN_LOSS_CHANGE, or gradients
 * that are not finite), and with %BP_EXERCISE_ERROR_MISMATCH when the network no longer has
 * what the question names.
 *
 * Returns: %TRUE with @answer filled in
 */
gboolean
bp_exercise_question_answer (const BpExerciseQuestion *question,
                             BpNetwork                *network,
                             BpExerciseAnswer         *answer,
                             GError                  **error)
{
  const BpNet *net;

  g_return_val_if_fail (question != NULL, FALSE);
  g_return_val_if_fail (BP_IS_NETWORK (network), FALSE);
  g_return_val_if_fail (answer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  net = bp_network_get_net (network);
  *answer = (BpExerciseAnswer) { .kind = question->kind };
  if (!check_fits (question, net, error))
    return FALSE;
  if (!bp_net_gradients_finite (net) || !isfinite (_bp_network_chart_loss (network)))
    /* Translators: why an exercise's question has no answer now */
    return tie (error, _("The network has diverged: its gradients are not finite"));
  switch (question->kind)
    {
    case BP_EXERCISE_WEIGHT_DIRECTION:
      return answer_direction (question, net, answer, error);
    case BP_EXERCISE_LARGEST_GRADIENT:
      return answer_largest (question, net, answer, error);
    case BP_EXERCISE_SMALLEST_LAYER:
      return answer_smallest_layer (net, answer, error);
    case BP_EXERCISE_LOSS_DIRECTION:
      return answer_loss (question, network, answer, error);
    case BP_N_EXERCISE_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
append_number (GString *s,
               double   value)
{
  char text[BP_NUMBER_SIZE];

  bp_format_number_into (value, BP_NUMBER_FORMULA, text, sizeof text);
  g_string_append (s, text);
}

static void
explain_direction (GString                  *s,
                   const BpExerciseQuestion *question,
                   const BpExerciseAnswer   *answer,
                   const char               *eta)
{
  char value[BP_NUMBER_SIZE], change[BP_NUMBER_SIZE];

  bp_format_number_into (answer->values[0], BP_NUMBER_FORMULA, value, sizeof value);
  bp_format_number_into (answer->values[1], BP_NUMBER_FORMULA, change, sizeof change);
  if (question->params[0].from == BP_EXERCISE_BIAS)
    /* Translators: why an exercise's answer is right: the gradient, the step's change of the
     * bias, the learning rate */
    g_string_append_printf (s, _("∂L/∂b = %s, so the step changes it by %s (η = %s)."), value,
                            change, eta);
  else
    /* Translators: why an exercise's answer is right: the gradient, the step's change of the
     * weight, the learning rate */
    g_string_append_printf (s, _("∂L/∂w = %s, so the step changes it by %s (η = %s)."),
                            value, change, eta);
}

static void
explain_list (GString                  *s,
              const BpExerciseQuestion *question,
              const BpExerciseAnswer   *answer)
{
  g_string_append (s, answer->kind == BP_EXERCISE_LARGEST_GRADIENT
                      /* Translators: why an exercise's answer is right, before a list of
                       * weights and their gradients */
                      ? _("∂L/∂w:")
                      /* Translators: why an exercise's answer is right, before a list of
                       * layers and the mean size of their gradients */
                      : _("Mean |∂L/∂w|:"));
  for (guint k = 0; k < answer->n_values; k++)
    {
      g_string_append_printf (s, k > 0 ? "; %s " : " %s ", question->choices[k]);
      append_number (s, answer->values[k]);
    }
  g_string_append_c (s, '.');
}

static void
explain_loss (GString                *s,
              const BpExerciseAnswer *answer,
              const char             *eta)
{
  char now[BP_NUMBER_SIZE], after[BP_NUMBER_SIZE];

  bp_format_number_into (answer->values[0], BP_NUMBER_FORMULA, now, sizeof now);
  if (answer->diverged)
    {
      /* Translators: why an exercise's answer is right: the loss now, the learning rate */
      g_string_append_printf (s, _("The loss is %s now; one step at η = %s diverges."), now,
                              eta);
      return;
    }
  bp_format_number_into (answer->values[1], BP_NUMBER_FORMULA, after, sizeof after);
  /* Translators: why an exercise's answer is right: the loss now, after one step, and the
   * learning rate of that step */
  g_string_append_printf (s, _("The loss is %s now and %s after one step at η = %s."), now,
                          after, eta);
}

/**
 * bp_exercise_answer_explain:
 * @question: a question
 * @answer: its answer, from bp_exercise_question_answer()
 *
 * The numbers behind the answer, in words, for the reveal: the gradient and the step's
 * change, the gradients or layer means of every choice, or the loss now and after the step
 * (a step that diverges is said so, never shown as a number). Numbers follow the locale.
 *
 * Returns: (transfer full): one or two sentences
 */
char *
bp_exercise_answer_explain (const BpExerciseQuestion *question,
                            const BpExerciseAnswer   *answer)
{
  GString *s;
  char eta[BP_NUMBER_SIZE];

  g_return_val_if_fail (question != NULL && answer != NULL, NULL);
  g_return_val_if_fail (answer->kind == question->kind, NULL);

  s = g_string_new (NULL);
  bp_format_number_into (answer->learning_rate, BP_NUMBER_FORMULA, eta, sizeof eta);
  switch (answer->kind)
    {
    case BP_EXERCISE_WEIGHT_DIRECTION:
      explain_direction (s, question, answer, eta);
      break;
    case BP_EXERCISE_LARGEST_GRADIENT:
    case BP_EXERCISE_SMALLEST_LAYER:
      explain_list (s, question, answer);
      break;
    case BP_EXERCISE_LOSS_DIRECTION:
      explain_loss (s, answer, eta);
      break;
    case BP_N_EXERCISE_KINDS:
    default:
      g_assert_not_reached ();
    }
  return g_string_free (s, FALSE);
}
