/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-exercises-progress.c: the Practice page's scores, kept between runs beside the
 * state file (backprop/exercises.ini in the user's data folder). Each exercise keeps the
 * first answer to each of its questions, the rule of BpExerciseScore: a string of R (right),
 * W (wrong) and - (not answered), one letter per question, under a key that hashes where
 * its set came from and the exercise's id. At most BP_PRACTICE_MAX_KEPT exercises are kept,
 * the least recently answered dropped first, so the file stays a few kilobytes; and the
 * exercise last chosen, to come back to it. A window without a state file (tests) keeps
 * them for the run only. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include "bp-window-exercises-private.h"

#include <string.h>

#define SCORES_GROUP "scores"
#define PRACTICE_GROUP "practice"
#define LAST_KEY "last"
#define PROGRESS_FILE_NAME "exercises.ini"

/* A key GKeyFile takes whatever the set's URI and the exercise's id hold. */
static char *
exercise_key (const char *set_key,
              const char *id)
{
  g_autofree char *both = g_strconcat (set_key, "\n", id, NULL);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, both, -1);

  return g_strndup (sum, 32);
}

static char *
current_key (BpWindow *self)
{
  BpPractice *p = self->practice;

  return exercise_key (g_ptr_array_index (p->keys, p->set),
                       bp_exercise_get_id (_bp_window_current_exercise (self)));
}

static void
save (BpPractice *p)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  if (p->progress_file == NULL)
    return;
  folder = g_file_get_parent (p->progress_file);
  if (!g_file_make_directory_with_parents (folder, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_debug ("Exercise scores not kept: %s", error->message);
  g_clear_error (&error);
  /* g_key_file_save_to_file () replaces the file atomically. */
  if (!g_key_file_save_to_file (p->progress, g_file_peek_path (p->progress_file), &error))
    g_debug ("Exercise scores not kept: %s", error->message);
}

/* Sets @key last in its group, so that the oldest are first to go past the bound. */
static void
keep (GKeyFile   *progress,
      const char *key,
      const char *value)
{
  g_auto(GStrv) keys = NULL;
  gsize n = 0;

  g_key_file_remove_key (progress, SCORES_GROUP, key, NULL);
  keys = g_key_file_get_keys (progress, SCORES_GROUP, &n, NULL);
  for (gsize k = 0; keys != NULL && n - k >= BP_PRACTICE_MAX_KEPT; k++)
    g_key_file_remove_key (progress, SCORES_GROUP, keys[k], NULL);
  g_key_file_set_string (progress, SCORES_GROUP, key, value);
}

static GKeyFile *
ensure_progress (BpPractice *p)
{
  if (p->progress == NULL)
    p->progress = g_key_file_new ();
  return p->progress;
}

/**
 * _bp_practice_new_score:
 * @practice: the practice
 * @set: a set
 * @key: where it came from
 *
 * Returns: (transfer full): a score of @set with the answers kept from earlier runs
 */
BpExerciseScore *
_bp_practice_new_score (BpPractice    *practice,
                        BpExerciseSet *set,
                        const char    *key)
{
  BpExerciseScore *score = bp_exercise_score_new (set);
  GKeyFile *progress = ensure_progress (practice);

  for (guint e = 0; e < bp_exercise_set_get_n_exercises (set); e++)
    {
      const BpExercise *exercise = bp_exercise_set_get_exercise (set, e);
      g_autofree char *ekey = exercise_key (key, bp_exercise_get_id (exercise));
      g_autofree char *states = g_key_file_get_string (progress, SCORES_GROUP, ekey, NULL);
      guint n = bp_exercise_get_n_questions (exercise);

      for (guint q = 0; states != NULL && q < n && states[q] != '\0'; q++)
        if (states[q] == 'R' || states[q] == 'W')
          bp_exercise_score_record (score, e, q, states[q] == 'R');
    }
  return score;
}

/**
 * _bp_practice_exercise_score:
 * @practice: the practice
 * @set: a set's index, or -1
 * @exercise: an exercise's index
 * @right: (out): how many first answers were right
 * @answered: (out): how many questions were answered
 *
 * Returns: %TRUE if any question of the exercise was answered
 */
gboolean
_bp_practice_exercise_score (BpPractice *practice,
                             int         set,
                             int         exercise,
                             guint      *right,
                             guint      *answered)
{
  BpExerciseScore *score;
  guint n;

  *right = *answered = 0;
  if (set < 0 || exercise < 0 || (guint) set >= practice->scores->len)
    return FALSE;
  score = g_ptr_array_index (practice->scores, set);
  n = bp_exercise_get_n_questions (
        bp_exercise_set_get_exercise (g_ptr_array_index (practice->sets, set), exercise));
  for (guint q = 0; q < n; q++)
    {
      gboolean was_right = FALSE;

      if (!bp_exercise_score_is_answered (score, exercise, q, &was_right))
        continue;
      (*answered)++;
      *right += was_right ? 1 : 0;
    }
  return *answered > 0;
}

/**
 * _bp_practice_progress_record:
 * @self: a window
 * @right: whether the answer to the question shown was right
 *
 * Scores the answer (only the first to a question counts) and keeps the exercise's answers.
 */
void
_bp_practice_progress_record (BpWindow *self,
                              gboolean  right)
{
  BpPractice *p = self->practice;
  BpExerciseScore *score = g_ptr_array_index (p->scores, p->set);
  guint n = bp_exercise_get_n_questions (_bp_window_current_exercise (self));
  g_autofree char *key = current_key (self);
  g_autofree char *states = g_malloc0 (n + 1);

  bp_exercise_score_record (score, p->exercise, p->question, right);
  for (guint q = 0; q < n; q++)
    {
      gboolean was_right = FALSE;

      states[q] = !bp_exercise_score_is_answered (score, p->exercise, q, &was_right) ? '-'
                  : was_right ? 'R' : 'W';
    }
  keep (ensure_progress (p), key, states);
  save (p);
}

/* Remembers the exercise shown, to come back to it. */
void
_bp_practice_progress_set_last (BpWindow *self)
{
  BpPractice *p = self->practice;
  g_autofree char *key = current_key (self);

  g_key_file_set_string (ensure_progress (p), PRACTICE_GROUP, LAST_KEY, key);
  save (p);
}

/**
 * _bp_practice_progress_get_last:
 * @practice: the practice
 * @set: (out): the set of the exercise last chosen
 * @exercise: (out): its index
 *
 * Returns: %TRUE if the exercise last chosen is in a set listed
 */
gboolean
_bp_practice_progress_get_last (BpPractice *practice,
                                guint      *set,
                                guint      *exercise)
{
  g_autofree char *last = g_key_file_get_string (ensure_progress (practice), PRACTICE_GROUP,
                                                 LAST_KEY, NULL);

  for (guint s = 0; last != NULL && s < practice->sets->len; s++)
    {
      BpExerciseSet *exercises = g_ptr_array_index (practice->sets, s);

      for (guint e = 0; e < bp_exercise_set_get_n_exercises (exercises); e++)
        {
          g_autofree char *key = exercise_key (
            g_ptr_array_index (practice->keys, s),
            bp_exercise_get_id (bp_exercise_set_get_exercise (exercises, e)));

          if (strcmp (key, last) != 0)
            continue;
          *set = s;
          *exercise = e;
          return TRUE;
        }
    }
  return FALSE;
}

void
_bp_practice_progress_clear (BpPractice *practice)
{
  g_clear_pointer (&practice->progress, g_key_file_unref);
  g_clear_object (&practice->progress_file);
}

/**
 * _bp_window_exercises_restore:
 * @self: a window
 * @state_file: the state file
 *
 * Reads the scores kept beside @state_file by earlier runs, and keeps them there from now
 * on. A file that cannot be read counts as none: scores are not worth a word to the user.
 */
void
_bp_window_exercises_restore (BpWindow *self,
                              GFile    *state_file)
{
  BpPractice *p = self->practice;
  g_autoptr(GFile) folder = g_file_get_parent (state_file);
  g_autoptr(GError) error = NULL;

  _bp_practice_progress_clear (p);
  p->progress_file = g_file_get_child (folder, PROGRESS_FILE_NAME);
  p->progress = g_key_file_new ();
  if (!g_key_file_load_from_file (p->progress, g_file_peek_path (p->progress_file),
                                  G_KEY_FILE_NONE, &error)
      && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_debug ("Exercise scores not read: %s", error->message);
  g_ptr_array_set_size (p->scores, 0);
  for (guint s = 0; s < p->sets->len; s++)
    g_ptr_array_add (p->scores, _bp_practice_new_score (p, g_ptr_array_index (p->sets, s),
                                                        g_ptr_array_index (p->keys, s)));
  _bp_window_exercises_rebuild_list (self);
}
