/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-exercises.c: predict-then-reveal exercises. Every shipped exercise loads, in C and in
 * German, and every question has an answer; each answer equals what is worked out here from
 * the engine alone (the gradients of bp_net_backward (), central finite differences of the
 * loss, a real step on a copy); the score counts first answers; a network edited after
 * loading is told apart; malformed files fail with an error naming the place, never a crash;
 * a teacher's file is shown as written. */
#define G_LOG_DOMAIN "test-exercises"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "bp-dataset.h"
#include "bp-exercises.h"
#include "bp-file.h"

static void use_catalogue (const char *localedir);

/* The shipped sets together, as the issue asks: at least 12 exercises. */
#define MIN_SHIPPED_EXERCISES 12

static BpNet *
exercise_net (const BpExercise *exercise)
{
  g_autoptr(GError) error = NULL;
  BpFileExtras extras;
  BpNet *net = bp_file_load_bytes (bp_exercise_get_network_bytes (exercise), &extras, &error);

  g_assert_no_error (error);
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

static double *
param_of (BpNet                 *net,
          const BpExerciseParam *p)
{
  if (p->from == BP_EXERCISE_BIAS)
    return &net->biases[p->layer][p->to];
  return &net->weights[p->layer][(gsize) p->to * net->sizes[p->layer] + p->from];
}

static double
loss_with (const BpNet           *net,
           const BpExerciseParam *p,
           double                 offset)
{
  g_autoptr(BpNet) copy = bp_net_copy (net);

  *param_of (copy, p) += offset;
  bp_net_forward (copy);
  return copy->loss;
}

/* ∂L/∂p by central differences, worked out from the loss alone. */
static double
finite_difference (const BpNet           *net,
                   const BpExerciseParam *p)
{
  const double h = 1e-6;

  return (loss_with (net, p, h) - loss_with (net, p, -h)) / (2 * h);
}

static void
check_direction (const BpExerciseQuestion *question,
                 BpNet                    *net,
                 const BpExerciseAnswer   *answer)
{
  BpExerciseParam p;
  double gradient, fd;

  g_assert_true (bp_exercise_question_get_param (question, 0, &p));
  gradient = p.from == BP_EXERCISE_BIAS ? bp_net_bias_gradient (net, p.layer, p.to)
                                        : bp_net_weight_gradient (net, p.layer, p.to, p.from);
  fd = finite_difference (net, &p);
  g_assert_cmpfloat (answer->values[0], ==, gradient);
  g_assert_cmpfloat_with_epsilon (fd, gradient, 1e-6 + 1e-4 * fabs (gradient));
  g_assert_cmpuint (answer->choice, ==, fd < 0 ? BP_EXERCISE_CHOICE_UP
                                               : BP_EXERCISE_CHOICE_DOWN);
  g_assert_cmpfloat (answer->values[1], ==, -net->learning_rate * gradient);
  g_assert_cmpfloat (answer->values[2], ==, *param_of (net, &p));
}

static void
check_largest (const BpExerciseQuestion *question,
               BpNet                    *net,
               const BpExerciseAnswer   *answer)
{
  guint n = bp_exercise_question_get_n_params (question), best = 0;
  double largest = -1;

  g_assert_cmpuint (n, ==, bp_exercise_question_get_n_choices (question));
  g_assert_cmpuint (answer->n_values, ==, n);
  for (guint k = 0; k < n; k++)
    {
      BpExerciseParam p;
      double fd;

      g_assert_true (bp_exercise_question_get_param (question, k, &p));
      fd = fabs (finite_difference (net, &p));
      g_assert_cmpfloat (answer->values[k], ==,
                         bp_net_weight_gradient (net, p.layer, p.to, p.from));
      if (fd > largest)
        largest = fd, best = k;
    }
  g_assert_cmpuint (answer->choice, ==, best);
}

static void
check_smallest_layer (BpNet                  *net,
                      const BpExerciseAnswer *answer)
{
  guint best = 0;

  g_assert_cmpuint (answer->n_values, ==, net->n_layers);
  for (guint l = 0; l < net->n_layers; l++)
    {
      double sum = 0;
      guint n = 0;

      for (guint j = 0; j < net->sizes[l + 1]; j++)
        for (guint i = 0; i < net->sizes[l]; i++, n++)
          sum += fabs (net->delta[l + 1][j] * net->a[l][i]);
      g_assert_cmpfloat_with_epsilon (answer->values[l], sum / n, 1e-15 + 1e-12 * sum / n);
      if (answer->values[l] < answer->values[best])
        best = l;
    }
  g_assert_cmpuint (answer->choice, ==, best);
}

static void
check_loss (const BpExerciseQuestion *question,
            BpNet                    *net,
            const BpExerciseAnswer   *answer)
{
  g_autoptr(BpNet) copy = bp_net_copy (net);
  double eta = net->learning_rate;
  double before = net->loss;

  bp_exercise_question_get_learning_rate (question, &eta);
  g_assert_cmpfloat (answer->learning_rate, ==, eta);
  g_assert_cmpfloat (answer->values[0], ==, before);
  g_assert_true (bp_net_set_learning_rate (copy, eta, NULL));
  if (!bp_net_step (copy, NULL))
    {
      g_assert_true (answer->diverged);
      g_assert_cmpuint (answer->choice, ==, BP_EXERCISE_CHOICE_UP);
      return;
    }
  bp_net_forward (copy);
  if (answer->diverged)
    g_assert_true (!isfinite (copy->loss) || copy->loss > before);
  else
    g_assert_cmpfloat_with_epsilon (answer->values[1], copy->loss, 1e-12 * (1 + copy->loss));
  g_assert_cmpuint (answer->choice, ==, copy->loss > before ? BP_EXERCISE_CHOICE_UP
                                                            : BP_EXERCISE_CHOICE_DOWN);
}

/* Answers every question of @set on its network and checks it against the engine. */
static void
check_set (BpExerciseSet *set,
           gboolean       shipped)
{
  g_autoptr(BpNetwork) network = bp_network_new ();

  for (guint e = 0; e < bp_exercise_set_get_n_exercises (set); e++)
    {
      const BpExercise *exercise = bp_exercise_set_get_exercise (set, e);
      g_autoptr(BpNet) net = exercise_net (exercise);
      g_autoptr(GError) error = NULL;
      guint n = bp_exercise_get_n_questions (exercise);

      g_test_message ("exercise %s", bp_exercise_get_id (exercise));
      g_assert_true (bp_exercise_load_network (exercise, network, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (bp_exercise_get_title (exercise), !=, "");
      if (shipped)
        {
          g_assert_cmpuint (n, >=, 2);
          g_assert_cmpuint (n, <=, 4);
          g_assert_cmpstr (bp_exercise_get_intro (exercise), !=, "");
        }
      for (guint q = 0; q < n; q++)
        {
          const BpExerciseQuestion *question = bp_exercise_get_question (exercise, q);
          g_autofree char *why = NULL;
          BpExerciseAnswer answer;

          g_assert_true (bp_exercise_question_answer (question, network, &answer, &error));
          g_assert_no_error (error);
          why = bp_exercise_answer_explain (question, &answer);
          g_assert_cmpstr (why, !=, "");
          g_assert_null (strstr (why, "nan"));
          g_assert_cmpuint (answer.choice, <, bp_exercise_question_get_n_choices (question));
          g_assert_cmpstr (bp_exercise_question_get_prompt (question), !=, "");
          if (shipped)
            g_assert_nonnull (bp_exercise_question_get_hint (question));
          switch (bp_exercise_question_get_kind (question))
            {
            case BP_EXERCISE_WEIGHT_DIRECTION:
              check_direction (question, net, &answer);
              break;
            case BP_EXERCISE_LARGEST_GRADIENT:
              check_largest (question, net, &answer);
              break;
            case BP_EXERCISE_SMALLEST_LAYER:
              check_smallest_layer (net, &answer);
              break;
            case BP_EXERCISE_LOSS_DIRECTION:
              check_loss (question, net, &answer);
              break;
            case BP_N_EXERCISE_KINDS:
            default:
              g_assert_not_reached ();
            }
          /* Answering changes nothing: the step of loss-direction is taken on a copy. */
          g_assert_cmpuint (bp_network_get_step_count (network), ==, 0);
          g_assert_true (memcmp (bp_network_get_net (network)->weights[0], net->weights[0],
                                 sizeof (double) * net->sizes[0] * net->sizes[1]) == 0);
        }
    }
}

static void
test_shipped (void)
{
  g_auto(GStrv) names = bp_exercise_set_list_shipped ();
  guint n_exercises = 0;
  gboolean kinds[BP_N_EXERCISE_KINDS] = { FALSE, };

  g_assert_cmpuint (g_strv_length (names), >=, 1);
  for (guint k = 0; names[k] != NULL; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BpExerciseSet) set = bp_exercise_set_new_shipped (names[k], &error);

      g_test_message ("set %s", names[k]);
      g_assert_no_error (error);
      g_assert_true (bp_exercise_set_is_shipped (set));
      g_assert_cmpstr (bp_exercise_set_get_title (set), !=, "");
      g_assert_cmpstr (bp_exercise_set_get_description (set), !=, "");
      check_set (set, TRUE);
      n_exercises += bp_exercise_set_get_n_exercises (set);
      for (guint e = 0; e < bp_exercise_set_get_n_exercises (set); e++)
        {
          const BpExercise *exercise = bp_exercise_set_get_exercise (set, e);

          for (guint q = 0; q < bp_exercise_get_n_questions (exercise); q++)
            kinds[bp_exercise_question_get_kind (bp_exercise_get_question (exercise, q))] = 1;
        }
    }
  g_assert_cmpuint (n_exercises, >=, MIN_SHIPPED_EXERCISES);
  for (guint k = 0; k < BP_N_EXERCISE_KINDS; k++)
    g_assert_true (kinds[k]);
}

static void
test_shipped_order (void)
{
  g_auto(GStrv) names = bp_exercise_set_list_shipped ();
  g_autoptr(GError) error = NULL;

  for (guint k = 1; names[k] != NULL; k++)
    g_assert_cmpint (strcmp (names[k - 1], names[k]), <, 0);
  g_assert_null (bp_exercise_set_new_shipped ("no-such-set", &error));
  g_assert_nonnull (error);
}

static void
assert_translation (const char *shown,
                    const char *english)
{
  g_assert_cmpstr (shown, ==, g_dgettext (GETTEXT_PACKAGE, english));
}

/* Every text of @set is the catalogue's translation of @english's. */
static void
check_translated (BpExerciseSet *set,
                  BpExerciseSet *english)
{
  assert_translation (bp_exercise_set_get_title (set), bp_exercise_set_get_title (english));
  assert_translation (bp_exercise_set_get_description (set),
                      bp_exercise_set_get_description (english));
  for (guint e = 0; e < bp_exercise_set_get_n_exercises (set); e++)
    {
      const BpExercise *a = bp_exercise_set_get_exercise (set, e);
      const BpExercise *b = bp_exercise_set_get_exercise (english, e);

      assert_translation (bp_exercise_get_title (a), bp_exercise_get_title (b));
      assert_translation (bp_exercise_get_intro (a), bp_exercise_get_intro (b));
      for (guint q = 0; q < bp_exercise_get_n_questions (a); q++)
        {
          const BpExerciseQuestion *qa = bp_exercise_get_question (a, q);
          const BpExerciseQuestion *qb = bp_exercise_get_question (b, q);

          assert_translation (bp_exercise_question_get_hint (qa),
                              bp_exercise_question_get_hint (qb));
          if (bp_exercise_question_get_kind (qa) == BP_EXERCISE_LOSS_DIRECTION)
            g_assert_cmpstr (bp_exercise_question_get_choice (qa, BP_EXERCISE_CHOICE_UP), ==,
                             g_dpgettext2 (GETTEXT_PACKAGE, "exercise choice", "Up"));
        }
    }
}

/* The shipped sets read in German: every text is its translation from the catalogue, the
 * numbers behind the answers are the same, and a teacher's file stays as written. */
static void
test_translated (void)
{
  g_auto(GStrv) names = bp_exercise_set_list_shipped ();
  const char *localedir = g_getenv ("BACKPROP_LOCALEDIR");
  g_autofree char *old = g_strdup (setlocale (LC_ALL, NULL));

  if (localedir == NULL || setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no German locale or no BACKPROP_LOCALEDIR");
      return;
    }
  use_catalogue (localedir);
  for (guint k = 0; names[k] != NULL; k++)
    {
      g_autofree char *path = g_strconcat ("/io/github/backproplab/Backprop/exercises/",
                                           names[k], ".backprop-exercises", NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(BpExerciseSet) set = bp_exercise_set_new_shipped (names[k], &error);
      g_autoptr(BpExerciseSet) english = bp_exercise_set_new_from_bytes (bytes, FALSE, &error);

      g_assert_no_error (error);
      check_set (set, TRUE);
      check_translated (set, english);
    }
  setlocale (LC_ALL, old);
}

/* As the app and backprop-cli do: the model's messages come from the default domain. */
static void
use_catalogue (const char *localedir)
{
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static BpExerciseSet *
load_text (const char  *text,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return bp_exercise_set_new_from_bytes (bytes, FALSE, error);
}

/* A sigmoid 2-2-1 network in a set, with @questions. */
static char *
set_text (const char *questions)
{
  return g_strdup_printf (
    "{\"format\": \"backprop-exercises\", \"version\": 1, \"title\": \"Inputs\","
    " \"exercises\": [{\"id\": \"one\", \"title\": \"Outputs\", \"network\": "
    "{\"format\": \"backprop-network\", \"version\": 1, \"sizes\": [2, 2, 1],"
    " \"activations\": [\"sigmoid\", \"sigmoid\"], \"loss\": \"squared-error\","
    " \"learning_rate\": 0.5, \"weights\": [[[1.2, 1.0], [-0.9, 1.2]], [[-0.75, -0.3]]],"
    " \"biases\": [[0.0, 0.0], [0.0]], \"input\": [1.0, 0.5], \"target\": [1.0]},"
    " \"questions\": [%s]}], \"future\": {\"ignored\": true}}", questions);
}

static void
expect_error (const char *text,
              gint        code,
              const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpExerciseSet) set = load_text (text, &error);

  g_test_message ("%.200s", text);
  g_assert_null (set);
  g_assert_error (error, BP_EXERCISE_ERROR, code);
  g_test_message ("→ %s", error->message);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
}

static void
expect_question_error (const char *question,
                       gint        code,
                       const char *part)
{
  g_autofree char *text = set_text (question);

  expect_error (text, code, part);
}

static void
test_malformed (void)
{
  g_autofree char *no_network = g_strdup (
    "{\"format\": \"backprop-exercises\", \"version\": 1, \"title\": \"T\", \"exercises\": "
    "[{\"id\": \"lonely\", \"title\": \"T\", \"questions\": [{\"kind\": \"smallest-layer\"}]}]}");
  g_autofree char *bad_network = g_strdup (
    "{\"format\": \"backprop-exercises\", \"version\": 1, \"title\": \"T\", \"exercises\": "
    "[{\"id\": \"broken\", \"title\": \"T\", \"network\": {\"format\": \"backprop-network\","
    " \"version\": 1, \"sizes\": [2, 1]}, \"questions\": [{\"kind\": \"loss-direction\"}]}]}");

  g_autofree char *deep = g_strnfill (100000, '[');

  expect_error (deep, BP_EXERCISE_ERROR_PARSE, "deeper than 64 levels");
  expect_error ("", BP_EXERCISE_ERROR_PARSE, "JSON");
  expect_error ("this is not JSON", BP_EXERCISE_ERROR_PARSE, "JSON");
  expect_error ("[1, 2]", BP_EXERCISE_ERROR_PARSE, "object");
  expect_error ("{\"format\": \"backprop-network\", \"version\": 1}", BP_EXERCISE_ERROR_PARSE,
                "backprop-exercises");
  expect_error ("{\"format\": \"backprop-exercises\", \"version\": 2, \"title\": \"T\"}",
                BP_EXERCISE_ERROR_VERSION, "version 2");
  expect_error ("{\"format\": \"backprop-exercises\", \"version\": \"1\"}",
                BP_EXERCISE_ERROR_INVALID, "version");
  expect_error ("{\"format\": \"backprop-exercises\", \"version\": 1, \"title\": \"T\","
                " \"exercises\": []}", BP_EXERCISE_ERROR_INVALID, "exercises");
  expect_error (no_network, BP_EXERCISE_ERROR_INVALID, "Exercise 1 (“lonely”)");
  expect_error (no_network, BP_EXERCISE_ERROR_INVALID, "network");
  expect_error (bad_network, BP_EXERCISE_ERROR_INVALID, "Exercise 1 (“broken”): its network");

  expect_question_error ("{\"kind\": \"weight-direction\", \"weight\": \"0:0:0\"},"
                         " {\"kind\": \"weight-direction\", \"weight\": \"2:0:0\"}",
                         BP_EXERCISE_ERROR_INVALID, "Exercise 1 (“one”), question 2");
  expect_question_error ("{\"kind\": \"weight-direction\", \"weight\": \"0:0:5\"}",
                         BP_EXERCISE_ERROR_INVALID, "0:0:5");
  expect_question_error ("{\"kind\": \"weight-direction\", \"weight\": \"0-0-0\"}",
                         BP_EXERCISE_ERROR_INVALID, "L:J:I");
  expect_question_error ("{\"kind\": \"weight-direction\"}", BP_EXERCISE_ERROR_INVALID,
                         "question 1");
  expect_question_error ("{\"kind\": \"largest-gradient\", \"weights\": [\"0:0:0\"]}",
                         BP_EXERCISE_ERROR_INVALID, "weights");
  expect_question_error ("{\"kind\": \"largest-gradient\", \"weights\": [\"0:0:0\", \"0:0:0\"]}",
                         BP_EXERCISE_ERROR_INVALID, "twice");
  expect_question_error ("{\"kind\": \"guess-the-weight\"}", BP_EXERCISE_ERROR_INVALID,
                         "guess-the-weight");
  expect_question_error ("{\"kind\": \"loss-direction\", \"learning_rate\": -1}",
                         BP_EXERCISE_ERROR_INVALID, "at most 100, not -1");
  expect_question_error ("{\"kind\": \"loss-direction\", \"learning_rate\": \"fast\"}",
                         BP_EXERCISE_ERROR_INVALID, "learning_rate");
  expect_question_error ("42", BP_EXERCISE_ERROR_INVALID, "question 1");
  expect_question_error ("", BP_EXERCISE_ERROR_INVALID, "questions");
}

/* Every cut of a shipped file is refused as not JSON; a file with one byte changed loads or
 * fails with an error, never a crash or a warning. */
static void
test_damaged (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (
    "/io/github/backproplab/Backprop/exercises/03-fading.backprop-exercises", 0, NULL);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autofree char *copy = g_memdup2 (data, size);
  const char replacements[] = "x9-\"{}[],:.e ";
  guint loaded = 0;

  for (gsize cut = 0; cut < size - 2; cut += 1 + size / 211)
    {
      g_autoptr(GBytes) part = g_bytes_new (data, cut);
      g_autoptr(GError) error = NULL;

      g_assert_null (bp_exercise_set_new_from_bytes (part, FALSE, &error));
      g_assert_error (error, BP_EXERCISE_ERROR, BP_EXERCISE_ERROR_PARSE);
    }
  for (gsize at = 0; at < size; at += 1 + size / 307)
    for (guint r = 0; r < sizeof replacements - 1; r += 3)
      {
        g_autoptr(GBytes) changed = NULL;
        g_autoptr(BpExerciseSet) set = NULL;
        g_autoptr(GError) error = NULL;

        copy[at] = replacements[r];
        changed = g_bytes_new (copy, size);
        set = bp_exercise_set_new_from_bytes (changed, FALSE, &error);
        g_assert_true ((set == NULL) != (error == NULL));
        loaded += set != NULL;
        copy[at] = data[at];
      }
  g_test_message ("%u of the changed files loaded", loaded);
}

/* A question whose answer is a near-tie is refused at load, naming it. */
static void
test_ties (void)
{
  /* Two weights of the same neuron with equal inputs have equal gradients. */
  g_autofree char *equal = g_strdup (
    "{\"format\": \"backprop-exercises\", \"version\": 1, \"title\": \"T\", \"exercises\": "
    "[{\"id\": \"tied\", \"title\": \"T\", \"network\": "
    "{\"format\": \"backprop-network\", \"version\": 1, \"sizes\": [2, 1],"
    " \"activations\": [\"sigmoid\"], \"loss\": \"squared-error\", \"learning_rate\": 0.5,"
    " \"weights\": [[[0.3, -0.2]]], \"biases\": [[0.0]], \"input\": [1.0, 1.0],"
    " \"target\": [1.0]}, \"questions\": [{\"kind\": \"loss-direction\"},"
    " {\"kind\": \"largest-gradient\", \"weights\": [\"0:0:0\", \"0:0:1\"]}]}]}");
  /* A dead ReLU passes no gradient back: its incoming weights' gradient is exactly 0. */
  g_autofree char *dead = g_strdup (
    "{\"format\": \"backprop-exercises\", \"version\": 1, \"title\": \"T\", \"exercises\": "
    "[{\"id\": \"dead\", \"title\": \"T\", \"network\": "
    "{\"format\": \"backprop-network\", \"version\": 1, \"sizes\": [1, 1, 1],"
    " \"activations\": [\"relu\", \"linear\"], \"loss\": \"squared-error\","
    " \"learning_rate\": 0.1, \"weights\": [[[-1.0]], [[1.0]]], \"biases\": [[0.0], [0.0]],"
    " \"input\": [1.0], \"target\": [1.0]},"
    " \"questions\": [{\"kind\": \"weight-direction\", \"weight\": \"0:0:0\"}]}]}");

  expect_error (equal, BP_EXERCISE_ERROR_TIE, "Exercise 1 (“tied”), question 2");
  expect_error (dead, BP_EXERCISE_ERROR_TIE, "Exercise 1 (“dead”), question 1");
}

/* Unknown keys are ignored; defaults fill in the prompt; a bias works; a teacher's texts are
 * never run through the catalogue. */
static void
test_teacher_file (void)
{
  g_autofree char *text = set_text (
    "{\"kind\": \"weight-direction\", \"bias\": \"1:0\", \"colour\": \"blue\"},"
    " {\"kind\": \"largest-gradient\", \"weights\": [\"0:0:0\", \"1:0:1\"],"
    "  \"prompt\": \"Inputs\", \"hint\": \"Think of δ.\"},"
    " {\"kind\": \"smallest-layer\"}, {\"kind\": \"loss-direction\", \"learning_rate\": 1}");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpExerciseSet) set = load_text (text, &error);
  const BpExercise *exercise;
  const BpExerciseQuestion *question;
  BpExerciseParam p;
  double eta = 0;

  g_assert_no_error (error);
  g_assert_false (bp_exercise_set_is_shipped (set));
  g_assert_cmpstr (bp_exercise_set_get_title (set), ==, "Inputs");
  g_assert_cmpstr (bp_exercise_set_get_description (set), ==, "");
  g_assert_cmpuint (bp_exercise_set_get_n_questions (set), ==, 4);
  exercise = bp_exercise_set_get_exercise (set, 0);
  g_assert_cmpstr (bp_exercise_get_id (exercise), ==, "one");
  g_assert_cmpstr (bp_exercise_get_title (exercise), ==, "Outputs");
  g_assert_cmpstr (bp_exercise_get_intro (exercise), ==, "");

  question = bp_exercise_get_question (exercise, 0);
  g_assert_cmpint (bp_exercise_question_get_kind (question), ==, BP_EXERCISE_WEIGHT_DIRECTION);
  g_assert_true (bp_exercise_question_get_param (question, 0, &p));
  g_assert_cmpuint (p.layer, ==, 1);
  g_assert_cmpuint (p.to, ==, 0);
  g_assert_cmpuint (p.from, ==, BP_EXERCISE_BIAS);
  g_assert_false (bp_exercise_question_get_param (question, 1, &p));
  g_assert_nonnull (strstr (bp_exercise_question_get_prompt (question), "y1"));
  g_assert_null (bp_exercise_question_get_hint (question));
  g_assert_cmpuint (bp_exercise_question_get_n_choices (question), ==, 2);

  question = bp_exercise_get_question (exercise, 1);
  g_assert_cmpstr (bp_exercise_question_get_prompt (question), ==, "Inputs");
  g_assert_cmpstr (bp_exercise_question_get_hint (question), ==, "Think of δ.");
  g_assert_cmpstr (bp_exercise_question_get_choice (question, 0), ==, "x1 → h1");
  g_assert_cmpstr (bp_exercise_question_get_choice (question, 1), ==, "h2 → y1");

  question = bp_exercise_get_question (exercise, 2);
  g_assert_cmpuint (bp_exercise_question_get_n_choices (question), ==, 2);
  g_assert_cmpuint (bp_exercise_question_get_n_params (question), ==, 0);

  question = bp_exercise_get_question (exercise, 3);
  g_assert_true (bp_exercise_question_get_learning_rate (question, &eta));
  g_assert_cmpfloat (eta, ==, 1.0);
  check_set (set, FALSE);
}

static void
test_teacher_untranslated (void)
{
  g_autofree char *text = set_text ("{\"kind\": \"smallest-layer\", \"prompt\": \"Inputs\"}");
  const char *localedir = g_getenv ("BACKPROP_LOCALEDIR");
  g_autofree char *old = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(BpExerciseSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  const BpExerciseQuestion *question;

  if (localedir == NULL || setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no German locale or no BACKPROP_LOCALEDIR");
      return;
    }
  use_catalogue (localedir);
  /* The catalogue has "Inputs" (the side panel's heading); the teacher's file keeps it. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Inputs"), !=, "Inputs");
  set = load_text (text, &error);
  g_assert_no_error (error);
  question = bp_exercise_get_question (bp_exercise_set_get_exercise (set, 0), 0);
  g_assert_cmpstr (bp_exercise_set_get_title (set), ==, "Inputs");
  g_assert_cmpstr (bp_exercise_question_get_prompt (question), ==, "Inputs");
  /* The app's own words around it are translated: the layers' labels. */
  expected = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Layer %u → %u"), 0, 1);
  g_assert_cmpstr (bp_exercise_question_get_choice (question, 0), ==, expected);
  setlocale (LC_ALL, old);
}

static void
test_score (void)
{
  g_autofree char *text = set_text ("{\"kind\": \"smallest-layer\"},"
                                    " {\"kind\": \"loss-direction\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpExerciseSet) set = load_text (text, &error);
  g_autoptr(BpExerciseScore) score = NULL;
  gboolean right = TRUE;

  g_assert_no_error (error);
  score = bp_exercise_score_new (set);
  g_assert_cmpuint (bp_exercise_score_get_total (score), ==, 2);
  g_assert_cmpuint (bp_exercise_score_get_answered (score), ==, 0);
  g_assert_false (bp_exercise_score_is_answered (score, 0, 1, &right));

  /* Wrong first: a right answer after the reveal does not count. */
  g_assert_true (bp_exercise_score_record (score, 0, 1, FALSE));
  g_assert_false (bp_exercise_score_record (score, 0, 1, TRUE));
  g_assert_true (bp_exercise_score_is_answered (score, 0, 1, &right));
  g_assert_false (right);
  g_assert_cmpuint (bp_exercise_score_get_answered (score), ==, 1);
  g_assert_cmpuint (bp_exercise_score_get_right (score), ==, 0);

  g_assert_true (bp_exercise_score_record (score, 0, 0, TRUE));
  g_assert_cmpuint (bp_exercise_score_get_answered (score), ==, 2);
  g_assert_cmpuint (bp_exercise_score_get_right (score), ==, 1);
  g_assert_true (bp_exercise_score_is_answered (score, 0, 0, &right));
  g_assert_true (right);

  bp_exercise_score_reset (score);
  g_assert_cmpuint (bp_exercise_score_get_answered (score), ==, 0);
  g_assert_cmpuint (bp_exercise_score_get_right (score), ==, 0);
  g_assert_false (bp_exercise_score_is_answered (score, 0, 0, NULL));
}

/* After the network is edited or trained, the answers follow it or say they cannot. */
static void
test_network_changes (void)
{
  g_autofree char *text = set_text ("{\"kind\": \"weight-direction\", \"weight\": \"1:0:1\"},"
                                    " {\"kind\": \"smallest-layer\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpExerciseSet) set = load_text (text, &error);
  g_autoptr(BpNetwork) network = bp_network_new ();
  const BpExercise *exercise = bp_exercise_set_get_exercise (set, 0);
  BpExerciseAnswer answer;

  g_assert_no_error (error);
  g_assert_true (bp_exercise_load_network (exercise, network, &error));
  g_assert_true (bp_network_step_n (network, 5, &error));
  g_assert_no_error (error);
  /* The answer is the network's now: the gradient its next step applies. */
  g_assert_true (bp_exercise_question_answer (bp_exercise_get_question (exercise, 0), network,
                                              &answer, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (answer.values[0], ==,
                     bp_net_weight_gradient (bp_network_get_net (network), 1, 0, 1));

  g_assert_true (bp_network_remove_neuron (network, 1, 1, &error));
  g_assert_false (bp_exercise_question_answer (bp_exercise_get_question (exercise, 0),
                                               network, &answer, &error));
  g_assert_error (error, BP_EXERCISE_ERROR, BP_EXERCISE_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_true (bp_network_add_layer (network, 1, 2, &error));
  g_assert_false (bp_exercise_question_answer (bp_exercise_get_question (exercise, 1),
                                               network, &answer, &error));
  g_assert_error (error, BP_EXERCISE_ERROR, BP_EXERCISE_ERROR_MISMATCH);
  g_clear_error (&error);

  g_assert_true (bp_exercise_load_network (exercise, network, &error));
  g_assert_true (bp_exercise_question_answer (bp_exercise_get_question (exercise, 1), network,
                                              &answer, &error));
  g_assert_no_error (error);
}

/* A step that runs away is an answer (up), said in words, never shown as a number. */
static void
test_diverged (void)
{
  const char *text =
    "{\"format\": \"backprop-exercises\", \"version\": 1, \"title\": \"T\", \"exercises\": "
    "[{\"id\": \"far\", \"title\": \"T\", \"network\": "
    "{\"format\": \"backprop-network\", \"version\": 1, \"sizes\": [1, 1],"
    " \"activations\": [\"linear\"], \"loss\": \"squared-error\", \"learning_rate\": 0.01,"
    " \"weights\": [[[1.0]]], \"biases\": [[0.0]], \"input\": [10.0], \"target\": [0.0]},"
    " \"questions\": [{\"kind\": \"loss-direction\", \"learning_rate\": 100},"
    " {\"kind\": \"loss-direction\"}, {\"kind\": \"weight-direction\", \"bias\": \"0:0\"}]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BpExerciseSet) set = load_text (text, &error);
  g_autoptr(BpNetwork) network = bp_network_new ();
  const BpExercise *exercise;
  g_autofree char *far = NULL, *near = NULL, *bias = NULL;
  BpExerciseAnswer answer;

  g_assert_no_error (error);
  exercise = bp_exercise_set_get_exercise (set, 0);
  g_assert_true (bp_exercise_load_network (exercise, network, &error));

  g_assert_true (bp_exercise_question_answer (bp_exercise_get_question (exercise, 0), network,
                                              &answer, &error));
  g_assert_true (answer.diverged);
  g_assert_cmpuint (answer.choice, ==, BP_EXERCISE_CHOICE_UP);
  g_assert_true (isnan (answer.values[1]));
  g_assert_cmpfloat (answer.values[0], ==, 50.0);
  far = bp_exercise_answer_explain (bp_exercise_get_question (exercise, 0), &answer);
  g_assert_cmpstr (far, ==, "The loss is 50 now; one step at η = 100 diverges.");

  g_assert_true (bp_exercise_question_answer (bp_exercise_get_question (exercise, 1), network,
                                              &answer, &error));
  g_assert_false (answer.diverged);
  g_assert_cmpuint (answer.choice, ==, BP_EXERCISE_CHOICE_DOWN);
  g_assert_cmpfloat (answer.learning_rate, ==, 0.01);
  near = bp_exercise_answer_explain (bp_exercise_get_question (exercise, 1), &answer);
  g_assert_true (g_str_has_prefix (near, "The loss is 50 now and "));
  g_assert_null (strstr (near, "nan"));

  g_assert_true (bp_exercise_question_answer (bp_exercise_get_question (exercise, 2), network,
                                              &answer, &error));
  bias = bp_exercise_answer_explain (bp_exercise_get_question (exercise, 2), &answer);
  g_assert_cmpstr (bias, ==, "∂L/∂b = 10, so the step changes it by −0.1 (η = 0.01).");
}

static double
chart_loss (BpNetwork *network)
{
  return bp_network_get_mode (network) == BP_FILE_MODE_DATASET
         ? bp_network_get_train_loss (network) : bp_network_get_loss (network);
}

/* An exercise on a network in dataset mode: the gradients are the mini-batch's the network
 * shows, and loss-direction is the training set's loss after a real step of the network
 * loaded from the same file. */
static void
test_dataset_mode (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) dataset = bp_dataset_generate (BP_GENERATOR_XOR, 120, 0.1, 50.0, 3,
                                                      &error);
  g_autoptr(BpNetwork) source = bp_network_new ();
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) stepped = bp_network_new ();
  g_autofree char *dir = g_dir_make_tmp ("test-exercises-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "dataset.backprop.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BpExerciseSet) set = NULL;
  g_autofree char *text = NULL;
  const BpExercise *exercise;
  BpExerciseAnswer answer;

  g_assert_no_error (error);
  bp_network_set_dataset (source, dataset, NULL);
  g_assert_true (bp_network_set_mode (source, BP_FILE_MODE_DATASET, &error));
  g_assert_true (bp_network_set_regularization (source, BP_REGULARIZATION_L2, 0.01, &error));
  bp_network_set_learning_rate (source, 0.3);
  g_assert_true (bp_network_step_n (source, 3, &error));
  g_assert_true (bp_network_save (source, file, &error));
  g_assert_no_error (error);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  text = g_strdup_printf ("{\"format\": \"backprop-exercises\", \"version\": 1, \"title\": \"T\","
                          " \"exercises\": [{\"id\": \"xor\", \"title\": \"T\", \"network\": %.*s,"
                          " \"questions\": [{\"kind\": \"weight-direction\","
                          " \"weight\": \"0:1:0\"},"
                          " {\"kind\": \"loss-direction\", \"learning_rate\": 0.5}]}]}",
                          (int) g_bytes_get_size (bytes),
                          (const char *) g_bytes_get_data (bytes, NULL));
  set = load_text (text, &error);
  g_assert_no_error (error);
  exercise = bp_exercise_set_get_exercise (set, 0);
  g_assert_true (bp_exercise_load_network (exercise, network, &error));
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_DATASET);

  g_assert_true (bp_exercise_question_answer (bp_exercise_get_question (exercise, 0), network,
                                              &answer, &error));
  g_assert_cmpfloat (answer.values[0], ==,
                     bp_net_weight_gradient (bp_network_get_net (network), 0, 1, 0));
  g_assert_cmpfloat (answer.values[0], ==,
                     bp_net_weight_gradient (bp_network_get_net (source), 0, 1, 0));
  g_assert_cmpuint (answer.choice, ==, answer.values[0] < 0 ? BP_EXERCISE_CHOICE_UP
                                                            : BP_EXERCISE_CHOICE_DOWN);

  g_assert_true (bp_exercise_question_answer (bp_exercise_get_question (exercise, 1), network,
                                              &answer, &error));
  g_assert_no_error (error);
  g_assert_true (bp_network_load_bytes (stepped, bytes, &error));
  g_assert_cmpfloat (answer.values[0], ==, chart_loss (stepped));
  bp_network_set_learning_rate (stepped, 0.5);
  g_assert_true (bp_network_step (stepped, &error));
  g_assert_cmpfloat_with_epsilon (answer.values[1], chart_loss (stepped),
                                  1e-12 * chart_loss (stepped));
  g_assert_cmpuint (answer.choice, ==, chart_loss (stepped) > answer.values[0]
                                       ? BP_EXERCISE_CHOICE_UP : BP_EXERCISE_CHOICE_DOWN);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 3);

  g_assert_true (g_file_delete (file, NULL, NULL));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Files: a teacher's file read from disk, a missing one, one too large to read. */
static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-exercises-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "mine.backprop-exercises", NULL);
  g_autofree char *text = set_text ("{\"kind\": \"smallest-layer\"}");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BpExerciseSet) set = NULL;
  g_autoptr(GFileOutputStream) out = NULL;

  g_assert_no_error (error);
  g_assert_null (bp_exercise_set_new_from_file (file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  set = bp_exercise_set_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_false (bp_exercise_set_is_shipped (set));
  g_assert_cmpuint (bp_exercise_set_get_n_questions (set), ==, 1);

  /* 17 MiB of nothing, sparse: refused by its size, never read. */
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_seekable_truncate (G_SEEKABLE (out), 17 * 1024 * 1024, NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_null (bp_exercise_set_new_from_file (file, &error));
  g_assert_error (error, BP_EXERCISE_ERROR, BP_EXERCISE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "16 MiB"));

  g_assert_true (g_file_delete (file, NULL, NULL));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_kinds (void)
{
  BpExerciseKind kind;

  for (guint k = 0; k < BP_N_EXERCISE_KINDS; k++)
    {
      g_assert_true (bp_exercise_kind_from_string (bp_exercise_kind_to_string (k), &kind));
      g_assert_cmpuint (kind, ==, k);
    }
  g_assert_false (bp_exercise_kind_from_string ("weight", &kind));
  g_assert_false (bp_exercise_kind_from_string (NULL, &kind));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/exercises/kinds", test_kinds);
  g_test_add_func ("/bp/exercises/shipped", test_shipped);
  g_test_add_func ("/bp/exercises/shipped-order", test_shipped_order);
  g_test_add_func ("/bp/exercises/translated", test_translated);
  g_test_add_func ("/bp/exercises/malformed", test_malformed);
  g_test_add_func ("/bp/exercises/ties", test_ties);
  g_test_add_func ("/bp/exercises/damaged", test_damaged);
  g_test_add_func ("/bp/exercises/teacher-file", test_teacher_file);
  g_test_add_func ("/bp/exercises/teacher-untranslated", test_teacher_untranslated);
  g_test_add_func ("/bp/exercises/score", test_score);
  g_test_add_func ("/bp/exercises/network-changes", test_network_changes);
  g_test_add_func ("/bp/exercises/diverged", test_diverged);
  g_test_add_func ("/bp/exercises/dataset-mode", test_dataset_mode);
  g_test_add_func ("/bp/exercises/files", test_files);
  return g_test_run ();
}
