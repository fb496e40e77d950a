/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-exercises.c: `backprop-cli exercises FILE [--answers]`: checks an exercise file as the
 * app opens it (every network loads, every question has a clear answer) and lists its
 * exercises and questions; with --answers, each question's answer and the numbers behind it,
 * computed from the engine at the exercise's network. For teachers writing their own. */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include "bp-exercises.h"

#include <glib/gi18n.h>

static gboolean
append_question (GString                  *s,
                 const BpExerciseQuestion *question,
                 guint                     index,
                 BpNetwork                *network,
                 gboolean                  answers,
                 GError                  **error)
{
  g_autofree char *explanation = NULL;
  BpExerciseAnswer answer;

  g_string_append_printf (s, "   %u. %s\n", index + 1, bp_exercise_question_get_prompt (question));
  g_string_append (s, "      ");
  for (guint k = 0; k < bp_exercise_question_get_n_choices (question); k++)
    g_string_append_printf (s, k > 0 ? " | %s" : "%s",
                            bp_exercise_question_get_choice (question, k));
  g_string_append_c (s, '\n');
  if (!answers)
    return TRUE;
  if (!bp_exercise_question_answer (question, network, &answer, error))
    return FALSE;
  g_string_append (s, "      ");
  /* Translators: backprop-cli exercises --answers: the right choice, then why */
  g_string_append_printf (s, _("Answer: %s — "),
                          bp_exercise_question_get_choice (question, answer.choice));
  explanation = bp_exercise_answer_explain (question, &answer);
  g_string_append (s, explanation);
  g_string_append_c (s, '\n');
  if (bp_exercise_question_get_hint (question) != NULL)
    {
      g_string_append (s, "      ");
      /* Translators: backprop-cli exercises --answers: a question's hint */
      g_string_append_printf (s, _("Hint: %s"), bp_exercise_question_get_hint (question));
      g_string_append_c (s, '\n');
    }
  return TRUE;
}

static gboolean
append_exercise (GString          *s,
                 const BpExercise *exercise,
                 guint             index,
                 BpNetwork        *network,
                 gboolean          answers,
                 GError          **error)
{
  g_string_append_printf (s, "\n%u. %s (%s)\n", index + 1, bp_exercise_get_title (exercise),
                          bp_exercise_get_id (exercise));
  if (bp_exercise_get_intro (exercise)[0] != '\0')
    g_string_append_printf (s, "   %s\n", bp_exercise_get_intro (exercise));
  if (!bp_exercise_load_network (exercise, network, error))
    return FALSE;
  for (guint q = 0; q < bp_exercise_get_n_questions (exercise); q++)
    if (!append_question (s, bp_exercise_get_question (exercise, q), q, network, answers,
                          error))
      return FALSE;
  return TRUE;
}

static int
run_exercises (int    argc,
               char **argv)
{
  gboolean answers = FALSE;
  GOptionEntry entries[] = {
    { "answers", 'a', 0, G_OPTION_ARG_NONE, &answers,
      N_("Also print each question’s answer and the numbers behind it"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(BpExerciseSet) set = NULL;
  g_autoptr(BpNetwork) network = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GString) s = NULL;
  int status = cli_parse_command_line (&cli_command_exercises, entries, &argc, &argv, 1);

  if (status != STATUS_OK)
    return status;
  file = g_file_new_for_commandline_arg (argv[1]);
  set = bp_exercise_set_new_from_file (file, &error);
  if (set == NULL)
    return cli_report (STATUS_BAD_INPUT, argv[1], error->message);

  s = g_string_new (bp_exercise_set_get_title (set));
  g_string_append_c (s, '\n');
  if (bp_exercise_set_get_description (set)[0] != '\0')
    g_string_append_printf (s, "%s\n", bp_exercise_set_get_description (set));
  network = bp_network_new ();
  for (guint e = 0; e < bp_exercise_set_get_n_exercises (set); e++)
    if (!append_exercise (s, bp_exercise_set_get_exercise (set, e), e, network, answers,
                          &error))
      return cli_report (STATUS_BAD_INPUT, argv[1], error->message);
  return cli_write_stdout (s->str);
}

const Command cli_command_exercises = {
  "exercises", N_("FILE"),
  N_("Check an exercise file and list its exercises and questions."), run_exercises,
};
