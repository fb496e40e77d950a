/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's Practice page, as a learner meets it: a shipped exercise loads its network
 * into the window without counting as unsaved work; a right answer and a wrong one give the
 * verdict and the running score the engine's answer says, after the step has played and
 * moved the weight the way the engine's gradient says; "Show the Chain Rule" selects the
 * weight at the question's state and opens the Math page; unsaved work is asked about
 * before an exercise replaces it; a teacher's file joins the list. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bp-diagram.h"
#include "bp-sparkline.h"
#include "bp-exercise-view.h"
#include "bp-exercises.h"
#include "bp-selection-model.h"
#include "bp-window.h"
#include "widget-tree.h"
#include "window-test.h"

/* Runs the main loop until the verdict shows: after the step has played, 3 s at speed 1. */
static const char *
wait_for_verdict (BpExerciseView *view)
{
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end && bp_exercise_view_get_verdict (view) == NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return bp_exercise_view_get_verdict (view);
}

static const char *
side_page (BpWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (window, "side_stack")));
}

static BpExerciseSet *
first_shipped_set (void)
{
  g_auto(GStrv) names = bp_exercise_set_list_shipped ();
  g_autoptr(GError) error = NULL;
  BpExerciseSet *set;

  g_assert_nonnull (names);
  g_assert_nonnull (names[0]);
  set = bp_exercise_set_new_shipped (names[0], &error);
  g_assert_no_error (error);
  return set;
}

/* The engine's answer to @question, on a network of its own loaded from @exercise. */
static void
engine_answer (const BpExercise         *exercise,
               const BpExerciseQuestion *question,
               BpExerciseAnswer         *answer)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_exercise_load_network (exercise, network, &error));
  g_assert_no_error (error);
  g_assert_true (bp_exercise_question_answer (question, network, answer, &error));
  g_assert_no_error (error);
}

static void
assert_same_weights (const BpNet *a,
                     const BpNet *b)
{
  g_assert_cmpuint (a->n_layers, ==, b->n_layers);
  for (guint l = 0; l < a->n_layers; l++)
    for (guint j = 0; j < a->sizes[l + 1]; j++)
      for (guint i = 0; i < a->sizes[l]; i++)
        g_assert_cmpfloat (*bp_net_weight (a, l, j, i), ==, *bp_net_weight (b, l, j, i));
}

static void
assert_exercise_network (BpWindow         *window,
                         const BpExercise *exercise)
{
  g_autoptr(BpNetwork) expected = bp_network_new ();

  g_assert_true (bp_exercise_load_network (exercise, expected, NULL));
  assert_same_weights (bp_network_get_net (bp_window_get_network (window)),
                       bp_network_get_net (expected));
}

/* Whether the window keeps the answer to itself, as it must while a question waits: no
 * gradient in the diagram's description, no learning-rate ghosts on the chart, no health
 * strip; all back once the answer is revealed. */
static void
assert_concealed (BpWindow *window,
                  gboolean  concealed)
{
  g_autofree char *diagram = bp_diagram_dup_description (BP_DIAGRAM (child (window,
                                                                            "diagram")));
  const char *chart = bp_sparkline_get_description (BP_SPARKLINE (child (window,
                                                                         "sparkline")));

  g_assert_cmpint (strstr (diagram, "∂L/∂") == NULL, ==, concealed);
  g_assert_cmpint (strstr (chart, "After one step") == NULL, ==, concealed);
  g_assert_cmpint (gtk_widget_get_child_visible (child (window, "health_box")), ==,
                   !concealed);
}

/* Picks @choice and reveals: returns the verdict's words. */
static const char *
answer (BpExerciseView *view,
        guint           choice)
{
  bp_exercise_view_set_choice (view, choice);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "practice.reveal", NULL));
  return wait_for_verdict (view);
}

/* The first question answered right: the verdict, the score, and the weight moved the way
 * the engine's gradient says. */
static void
check_right_answer (BpWindow         *window,
                    BpExerciseView   *view,
                    const BpExercise *exercise)
{
  const BpExerciseQuestion *question = bp_exercise_get_question (exercise, 0);
  BpExerciseAnswer truth;
  BpExerciseParam param;
  double before = 0.0;
  const BpNet *net = bp_network_get_net (bp_window_get_network (window));

  engine_answer (exercise, question, &truth);
  g_assert_cmpstr (bp_exercise_view_get_prompt (view), ==,
                   bp_exercise_question_get_prompt (question));
  assert_concealed (window, TRUE);
  if (truth.kind == BP_EXERCISE_WEIGHT_DIRECTION)
    {
      g_assert_true (bp_exercise_question_get_param (question, 0, &param));
      if (param.from != BP_EXERCISE_BIAS)
        {
          BpSelection selected;

          /* The weight in question is selected in the diagram, on the Practice page. */
          bp_selection_model_get_selected (
            bp_diagram_get_selection_model (BP_DIAGRAM (child (window, "diagram"))),
            &selected);
          g_assert_cmpint (selected.kind, ==, BP_SELECTION_CONNECTION);
          g_assert_cmpuint (selected.layer, ==, param.layer);
          g_assert_cmpuint (selected.to, ==, param.to);
          g_assert_cmpuint (selected.from, ==, param.from);
          g_assert_cmpstr (side_page (window), ==, "practice");
          before = *bp_net_weight (net, param.layer, param.to, param.from);
          /* Independently of the answer: the sign of the engine's gradient. */
          g_assert_cmpuint (truth.choice, ==,
                            bp_net_weight_gradient (net, param.layer, param.to, param.from) < 0
                            ? BP_EXERCISE_CHOICE_UP : BP_EXERCISE_CHOICE_DOWN);
        }
    }
  g_assert_cmpstr (answer (view, truth.choice), ==, "Right!");
  g_assert_cmpstr (bp_exercise_view_get_score (view), ==, "Score: 1 of 1");
  assert_concealed (window, FALSE);
  g_assert_false (bp_window_get_modified (window));
  net = bp_network_get_net (bp_window_get_network (window));
  if (truth.kind == BP_EXERCISE_WEIGHT_DIRECTION && param.from != BP_EXERCISE_BIAS)
    {
      double after = *bp_net_weight (net, param.layer, param.to, param.from);

      g_assert_true (truth.choice == BP_EXERCISE_CHOICE_UP ? after > before : after < before);
    }
}

/* Wrong answers to the later questions: the verdict and the score; the first with a weight
 * to explain offers the chain rule, which selects it and opens the Math page. Returns
 * whether the chain rule was checked. */
static gboolean
check_wrong_answers (BpWindow         *window,
                     BpExerciseView   *view,
                     const BpExercise *exercise)
{
  BpSelectionModel *model =
    bp_diagram_get_selection_model (BP_DIAGRAM (child (window, "diagram")));
  gboolean chain_checked = FALSE;

  for (guint q = 1; q < bp_exercise_get_n_questions (exercise); q++)
    {
      const BpExerciseQuestion *question = bp_exercise_get_question (exercise, q);
      guint n = bp_exercise_question_get_n_choices (question);
      g_autofree char *score = g_strdup_printf ("Score: 1 of %u", q + 1);
      BpExerciseAnswer truth;
      BpExerciseParam param;
      BpSelection selected;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "practice.next", NULL));
      g_assert_null (bp_exercise_view_get_verdict (view));
      /* Every question is asked about the exercise's own network. */
      assert_exercise_network (window, exercise);
      engine_answer (exercise, question, &truth);
      g_assert_cmpstr (answer (view, (truth.choice + 1) % n), ==, "Not this time");
      g_assert_cmpstr (bp_exercise_view_get_score (view), ==, score);
      if (chain_checked || truth.kind == BP_EXERCISE_LOSS_DIRECTION)
        continue;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "practice.chain-rule",
                                                 NULL));
      wait_ms (100);
      g_assert_cmpstr (side_page (window), ==, "math");
      bp_selection_model_get_selected (model, &selected);
      if (truth.kind == BP_EXERCISE_SMALLEST_LAYER)
        param = (BpExerciseParam) { truth.choice, 0, 0 };
      else
        g_assert_true (bp_exercise_question_get_param (
                         question, truth.kind == BP_EXERCISE_LARGEST_GRADIENT ? truth.choice : 0,
                         &param));
      g_assert_cmpuint (selected.layer, ==, param.layer);
      g_assert_cmpuint (selected.to, ==, param.to);
      if (param.from != BP_EXERCISE_BIAS)
        g_assert_cmpuint (selected.from, ==, param.from);
      /* At the question's state, so the Math page shows the gradient that was asked about. */
      assert_exercise_network (window, exercise);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.practice", NULL));
      g_assert_cmpstr (side_page (window), ==, "practice");
      chain_checked = TRUE;
    }
  return chain_checked;
}

static void
test_answers (void)
{
  BpWindow *window = new_window ();
  BpExerciseView *view = BP_EXERCISE_VIEW (child (window, "exercise_view"));
  g_autoptr(BpExerciseSet) set = first_shipped_set ();
  const BpExercise *exercise = bp_exercise_set_get_exercise (set, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.practice", NULL));
  g_assert_cmpstr (side_page (window), ==, "practice");
  g_assert_true (bp_exercise_view_get_list_shown (view));
  g_signal_emit_by_name (view, "exercise-activated", 0u, 0u);
  g_assert_false (bp_exercise_view_get_list_shown (view));
  assert_exercise_network (window, exercise);
  g_assert_false (bp_window_get_modified (window));
  g_assert_null (bp_exercise_view_get_verdict (view));
  /* Reveal waits for a choice. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (view), "practice.reveal", NULL)
                  && bp_exercise_view_get_verdict (view) != NULL);

  check_right_answer (window, view, exercise);
  if (bp_exercise_get_n_questions (exercise) > 1)
    g_assert_true (check_wrong_answers (window, view, exercise));
  close_window (window);
}

#if !ADW_CHECK_VERSION (1, 5, 0)
static GtkWindow *
find_alert (BpWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, k);

      if (other != GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (other)))
        return other;
    }
  return NULL;
}
#endif

/* An edit is unsaved work: choosing an exercise asks, and Cancel keeps the network. */
static void
test_unsaved_work (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  BpExerciseView *view = BP_EXERCISE_VIEW (child (window, "exercise_view"));
  g_autoptr(BpExerciseSet) set = first_shipped_set ();
  double edited;
#if !ADW_CHECK_VERSION (1, 5, 0)
  GtkWindow *alert;
#endif

  g_assert_true (bp_network_set_weight (network, 0, 0, 0, 0.123, NULL));
  edited = bp_network_get_weight (network, 0, 0, 0);
  g_assert_true (bp_window_get_modified (window));
  g_signal_emit_by_name (view, "exercise-activated", 0u, 0u);
  wait_ms (100);
  g_assert_cmpfloat (bp_network_get_weight (network, 0, 0, 0), ==, edited);
  /* From libadwaita 1.5 the question is an AdwAlertDialog inside the window. */
#if !ADW_CHECK_VERSION (1, 5, 0)
  alert = find_alert (window);
  g_assert_nonnull (alert);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (alert), "cancel");
  wait_ms (100);
  g_assert_cmpfloat (bp_network_get_weight (network, 0, 0, 0), ==, edited);
  g_assert_true (bp_window_get_modified (window));
  g_signal_emit_by_name (view, "exercise-activated", 0u, 0u);
  wait_ms (100);
  alert = find_alert (window);
  g_assert_nonnull (alert);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (alert), "discard");
  wait_ms (100);
  assert_exercise_network (window, bp_exercise_set_get_exercise (set, 0));
  g_assert_false (bp_window_get_modified (window));
#endif
  close_window (window);
}

/* A teacher's file, opened as the command line opens files, joins the list, and its
 * exercise plays. */
static void
test_open_file (void)
{
  BpWindow *window = new_window ();
  BpExerciseView *view = BP_EXERCISE_VIEW (child (window, "exercise_view"));
  g_autoptr(BpExerciseSet) shipped = first_shipped_set ();
  GBytes *network = bp_exercise_get_network_bytes (bp_exercise_set_get_exercise (shipped, 0));
  g_autofree char *dir = g_dir_make_tmp ("bp-exercises-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "class.backprop-exercises", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint n_sets = bp_exercise_view_get_n_sets (view);

  text = g_strdup_printf ("{\"format\": \"backprop-exercises\", \"version\": 1, "
                          "\"title\": \"Class 3\", \"exercises\": [{\"id\": \"a\", "
                          "\"title\": \"Our network\", \"network\": %.*s, "
                          "\"questions\": [{\"kind\": \"loss-direction\", "
                          "\"learning_rate\": 0.1}]}]}",
                          (int) g_bytes_get_size (network),
                          (const char *) g_bytes_get_data (network, NULL));
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  bp_window_request_open (window, file);
  wait_ms (100);
  g_assert_cmpstr (side_page (window), ==, "practice");
  g_assert_true (bp_exercise_view_get_list_shown (view));
  g_assert_cmpuint (bp_exercise_view_get_n_sets (view), ==, n_sets + 1);
  /* Opened again, it takes its own place. */
  bp_window_request_open (window, file);
  wait_ms (100);
  g_assert_cmpuint (bp_exercise_view_get_n_sets (view), ==, n_sets + 1);
  g_signal_emit_by_name (view, "exercise-activated", n_sets, 0u);
  g_assert_false (bp_exercise_view_get_list_shown (view));
  g_assert_cmpfloat (bp_network_get_learning_rate (bp_window_get_network (window)), ==, 0.1);
  g_assert_nonnull (answer (view, 0));
  g_assert_false (bp_window_get_modified (window));
  g_remove (path);
  g_rmdir (dir);
  close_window (window);
}

static void
remove_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_path = g_build_filename (path, name, NULL);

      g_remove (child_path);
    }
  g_rmdir (path);
}

/* The first answers are kept beside the state file and shown in the list in the next run;
 * a second try changes the verdict, not the score. */
static void
test_progress_kept (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bp-progress-XXXXXX", NULL);
  g_autofree char *state_path = g_build_filename (dir, "state.json", NULL);
  g_autofree char *kept_path = g_build_filename (dir, "exercises.ini", NULL);
  g_autoptr(GFile) state_file = g_file_new_for_path (state_path);
  g_autoptr(BpExerciseSet) set = first_shipped_set ();
  const BpExercise *exercise = bp_exercise_set_get_exercise (set, 1);
  const BpExerciseQuestion *question = bp_exercise_get_question (exercise, 0);
  BpWindow *window = new_window ();
  BpExerciseView *view = BP_EXERCISE_VIEW (child (window, "exercise_view"));
  BpExerciseAnswer truth;

  bp_window_restore_state (window, state_file);
  g_assert_cmpstr (bp_exercise_view_get_status (view, 0, 1), ==, "Not tried yet");
  g_signal_emit_by_name (view, "exercise-activated", 0u, 1u);
  engine_answer (exercise, question, &truth);
  g_assert_cmpstr (answer (view, truth.choice), ==, "Right!");
  g_assert_cmpstr (bp_exercise_view_get_status (view, 0, 1), ==, "Last time: 1 of 1 right");
  g_assert_true (g_file_test (kept_path, G_FILE_TEST_EXISTS));
  close_window (window);

  window = new_window ();
  view = BP_EXERCISE_VIEW (child (window, "exercise_view"));
  g_assert_cmpstr (bp_exercise_view_get_status (view, 0, 1), ==, "Not tried yet");
  bp_window_restore_state (window, state_file);
  g_assert_cmpstr (bp_exercise_view_get_status (view, 0, 1), ==, "Last time: 1 of 1 right");
  g_assert_cmpstr (bp_exercise_view_get_status (view, 0, 0), ==, "Not tried yet");
  g_signal_emit_by_name (view, "exercise-activated", 0u, 1u);
  g_assert_cmpstr (answer (view, (truth.choice + 1)
                                 % bp_exercise_question_get_n_choices (question)),
                   ==, "Not this time");
  g_assert_cmpstr (bp_exercise_view_get_score (view), ==, "Score: 1 of 1");
  close_window (window);
  remove_folder (dir);
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);

  g_test_add_func ("/bp/window-exercises/answers", test_answers);
  g_test_add_func ("/bp/window-exercises/unsaved-work", test_unsaved_work);
  g_test_add_func ("/bp/window-exercises/open-file", test_open_file);
  g_test_add_func ("/bp/window-exercises/progress-kept", test_progress_kept);
  return g_test_run ();
}
