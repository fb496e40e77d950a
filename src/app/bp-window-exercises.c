/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-exercises.c: the side panel's "Practice" page (BpExerciseView, Alt+5): the
 * shipped exercise sets and the teachers' files opened (win.open-exercises, the command line,
 * a drop), and the predict-then-reveal flow.
 *
 * Choosing an exercise loads its network into the window as an untitled network, after
 * asking to save unsaved work as opening a file does. Every question is asked about the
 * exercise's own network: it is loaded again before each question after the first, since
 * Reveal takes the step. Steps and loads made by the practice itself do not count as
 * unsaved work, so moving on never asks; an edit by the learner does. The answer is the
 * engine's (bp_exercise_question_answer ()), computed at the moment of Reveal, before the
 * step that then plays as 1 step does. Progress lives in bp-window-exercises-progress.c. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include "bp-window-exercises-private.h"

#include <glib/gi18n.h>

static void
practice_free (BpPractice *practice)
{
  g_clear_pointer (&practice->sets, g_ptr_array_unref);
  g_clear_pointer (&practice->keys, g_ptr_array_unref);
  g_clear_pointer (&practice->scores, g_ptr_array_unref);
  _bp_practice_progress_clear (practice);
  g_free (practice);
}

static BpExerciseSet *
current_set (BpWindow *self)
{
  BpPractice *p = self->practice;

  return p->set >= 0 ? g_ptr_array_index (p->sets, p->set) : NULL;
}

const BpExercise *
_bp_window_current_exercise (BpWindow *self)
{
  BpExerciseSet *set = current_set (self);

  return set != NULL ? bp_exercise_set_get_exercise (set, self->practice->exercise) : NULL;
}

const BpExerciseQuestion *
_bp_window_current_question (BpWindow *self)
{
  const BpExercise *exercise = _bp_window_current_exercise (self);

  return exercise != NULL && self->practice->question >= 0
         ? bp_exercise_get_question (exercise, self->practice->question) : NULL;
}

/* "3 of 4": right answers of those given in the exercise shown. */
static char *
score_text (BpWindow *self)
{
  guint right = 0, answered = 0;

  _bp_practice_exercise_score (self->practice, self->practice->set, self->practice->exercise,
                               &right, &answered);
  /* Translators: the running score of an exercise: right answers of those given */
  return g_strdup_printf (_("Score: %u of %u"), right, answered);
}

/* Changes made by the practice itself (a load, η, a step) are not the learner's work. */
static void
keep_unmodified (BpWindow *self,
                 gboolean  was_modified)
{
  if (!was_modified)
    _bp_window_set_document (self, self->document, FALSE);
}

static gboolean
load_exercise_network (BpWindow *self)
{
  const BpExercise *exercise = _bp_window_current_exercise (self);
  g_autoptr(GError) error = NULL;

  bp_trainer_set_playing (self->trainer, FALSE);
  bp_playback_finish (self->playback);
  if (!bp_exercise_load_network (exercise, self->network, &error))
    {
      _bp_window_toast (self, error->message);
      return FALSE;
    }
  _bp_window_network_loaded (self);
  return TRUE;
}

static gboolean
param_selection (const BpExerciseParam *param,
                 BpSelection           *selection)
{
  if (param->from == BP_EXERCISE_BIAS)
    *selection = (BpSelection) { BP_SELECTION_BIAS, param->layer, param->to, 0 };
  else
    *selection = (BpSelection) { BP_SELECTION_CONNECTION, param->layer, param->to,
                                 param->from };
  return TRUE;
}

/* Selects a weight or a bias in the diagram; the Practice page stays (bp-window.c). */
static void
select_param (BpWindow              *self,
              const BpExerciseParam *param)
{
  BpSelection selection;

  param_selection (param, &selection);
  bp_selection_model_set_selected (self->selection, &selection);
}

/* While a question on the Practice page waits for its answer, the diagram's lines, the loss
 * chart's ghosts and the gradient health strip would give it away: they keep it until the
 * Reveal's step plays. */
static void
update_conceal (BpWindow *self)
{
  BpPractice *p = self->practice;
  gboolean conceal = p->question >= 0
                     && g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack),
                                   "practice") == 0
                     && !bp_exercise_view_get_list_shown (self->exercise_view)
                     && !bp_exercise_view_get_revealed (self->exercise_view)
                     && !p->verdict_pending;

  bp_diagram_set_conceal_gradients (self->diagram, conceal);
  bp_sparkline_set_conceal_ghosts (self->sparkline, conceal);
  gtk_widget_set_child_visible (self->health_box, !conceal);
}

static void
show_question (BpWindow *self)
{
  const BpExercise *exercise = _bp_window_current_exercise (self);
  const BpExerciseQuestion *question = _bp_window_current_question (self);
  guint n = bp_exercise_question_get_n_choices (question);
  g_autofree const char **choices = g_new0 (const char *, n + 1);
  g_autofree char *score = NULL;
  BpExerciseParam param;
  double eta;

  for (guint k = 0; k < n; k++)
    choices[k] = bp_exercise_question_get_choice (question, k);
  if (bp_exercise_question_get_learning_rate (question, &eta))
    bp_network_set_learning_rate (self->network, eta);
  if (self->practice->answered > 0)
    score = score_text (self);
  bp_exercise_view_show_question (self->exercise_view, self->practice->question + 1,
                                  bp_exercise_get_n_questions (exercise),
                                  bp_exercise_question_get_prompt (question),
                                  bp_exercise_question_get_hint (question), choices, score);
  if (bp_exercise_question_get_kind (question) == BP_EXERCISE_WEIGHT_DIRECTION
      && bp_exercise_question_get_param (question, 0, &param))
    select_param (self, &param);
  update_conceal (self);
}

/* Loads the exercise's network again (from the second question on) and asks. */
static void
ask (BpWindow *self,
     int       question)
{
  gboolean was_modified = self->modified;

  self->practice->question = question;
  self->practice->verdict_pending = FALSE;
  if (question > 0 && !load_exercise_network (self))
    return;
  show_question (self);
  keep_unmodified (self, was_modified);
  bp_exercise_view_focus (self->exercise_view);
}

static void
start_exercise (BpWindow *self,
                guint     set,
                guint     index)
{
  BpPractice *p = self->practice;
  const BpExercise *exercise;
  int old_set = p->set, old_exercise = p->exercise;

  p->set = set;
  p->exercise = index;
  p->answered = 0;
  p->verdict_pending = FALSE;
  if (!load_exercise_network (self))
    {
      p->set = old_set;
      p->exercise = old_exercise;
      return;
    }
  _bp_window_set_document (self, NULL, FALSE);
  bp_autosave_save (self->autosave);
  exercise = _bp_window_current_exercise (self);
  _bp_practice_progress_set_last (self);
  bp_exercise_view_show_exercise (self->exercise_view, bp_exercise_get_title (exercise),
                                  bp_exercise_get_intro (exercise));
  ask (self, 0);
}

static void
save_changes_response_cb (BpWindow   *self,
                          const char *response)
{
  BpPractice *p = self->practice;

  if (g_str_equal (response, "save"))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save", NULL);
      /* A Save As… dialog leaves the network modified until it is done: the learner picks
       * the exercise again then. */
      if (self->modified)
        return;
    }
  else if (!g_str_equal (response, "discard"))
    return;
  start_exercise (self, p->pending_set, p->pending_exercise);
}

/* Loading an exercise replaces the window's network: unsaved work is asked about first, as
 * opening a file does. The practice's own steps are not unsaved work. */
static void
request_exercise (BpWindow *self,
                  guint     set,
                  guint     index)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  if (!self->modified)
    {
      start_exercise (self, set, index);
      return;
    }
  self->practice->pending_set = set;
  self->practice->pending_exercise = index;
  name = _bp_window_document_name (self);
  /* Translators: %s is the network's name, such as a file name or "Untitled" */
  body = g_strdup_printf (_("“%s” has changes that are not saved to a file. If you do not "
                            "save them, they are lost when the exercise’s network opens."),
                          name);
  _bp_window_ask_save_changes (self, body, save_changes_response_cb);
}

static void
exercise_activated_cb (BpWindow *self,
                       guint     set,
                       guint     index)
{
  request_exercise (self, set, index);
}

/* The right choice, then the numbers that decide it, in the words backprop-cli uses. */
static char *
truth_text (const BpExerciseQuestion *question,
            const BpExerciseAnswer   *answer)
{
  g_autofree char *numbers = bp_exercise_answer_explain (question, answer);
  /* Translators: after Reveal; %s is the right choice, such as "Up" or "x1 → h2" */
  g_autofree char *choice = g_strdup_printf (_("The answer: %s"),
                                             bp_exercise_question_get_choice (question,
                                                                              answer->choice));

  return g_strconcat (choice, "\n", numbers, NULL);
}

/* The weight whose chain rule explains the answer: the one asked about, the right one of a
 * largest-gradient question, the first weight of the smallest layer. */
gboolean
_bp_window_chain_rule_param (const BpExerciseQuestion *question,
                             const BpExerciseAnswer   *answer,
                             BpExerciseParam          *param)
{
  switch (bp_exercise_question_get_kind (question))
    {
    case BP_EXERCISE_WEIGHT_DIRECTION:
      return bp_exercise_question_get_param (question, 0, param);
    case BP_EXERCISE_LARGEST_GRADIENT:
      return bp_exercise_question_get_param (question, answer->choice, param);
    case BP_EXERCISE_SMALLEST_LAYER:
      *param = (BpExerciseParam) { answer->choice, 0, 0 };
      return TRUE;
    case BP_EXERCISE_LOSS_DIRECTION:
    default:
      return FALSE;
    }
}

static const char *
next_label (BpWindow *self)
{
  const BpExercise *exercise = _bp_window_current_exercise (self);
  BpExerciseSet *set = current_set (self);

  if ((guint) self->practice->question + 1 < bp_exercise_get_n_questions (exercise))
    return _("_Next Question");
  if ((guint) self->practice->exercise + 1 < bp_exercise_set_get_n_exercises (set))
    return _("Next _Exercise");
  return _("_All Exercises");
}

/* Once the step of Reveal has played (at once without animations). */
static void
show_verdict (BpWindow *self)
{
  BpPractice *p = self->practice;
  const BpExerciseQuestion *question = _bp_window_current_question (self);
  g_autofree char *truth = NULL;
  g_autofree char *score = NULL;
  BpExerciseParam param;

  if (!p->verdict_pending || question == NULL || bp_playback_get_animating (self->playback))
    return;
  p->verdict_pending = FALSE;
  truth = truth_text (question, &p->answer);
  score = score_text (self);
  bp_exercise_view_show_verdict (self->exercise_view, p->right, truth, score,
                                 !p->right && _bp_window_chain_rule_param (question, &p->answer,
                                                                           &param),
                                 next_label (self));
  update_conceal (self);
}

static void
reveal_cb (BpWindow *self)
{
  BpPractice *p = self->practice;
  const BpExerciseQuestion *question = _bp_window_current_question (self);
  int choice = bp_exercise_view_get_choice (self->exercise_view);
  g_autoptr(GError) error = NULL;
  gboolean was_modified = self->modified;

  if (question == NULL || choice < 0 || p->verdict_pending
      || bp_exercise_view_get_revealed (self->exercise_view))
    return;
  bp_trainer_set_playing (self->trainer, FALSE);
  bp_playback_finish (self->playback);
  if (!bp_exercise_question_answer (question, self->network, &p->answer, &error))
    {
      _bp_window_toast (self, error->message);
      return;
    }
  p->right = (guint) choice == p->answer.choice;
  p->answered++;
  _bp_practice_progress_record (self, p->right);
  _bp_window_exercises_update_status (self, p->set, p->exercise);
  p->verdict_pending = TRUE;
  bp_exercise_view_show_revealing (self->exercise_view);
  update_conceal (self);
  /* The step plays as 1 step does: the weights move, the values flow, the wave returns;
   * the verdict waits for it. */
  bp_trainer_step (self->trainer, 1);
  keep_unmodified (self, was_modified);
  show_verdict (self);
}

static void
next_cb (BpWindow *self)
{
  BpPractice *p = self->practice;
  const BpExercise *exercise = _bp_window_current_exercise (self);
  BpExerciseSet *set = current_set (self);

  if (exercise == NULL)
    return;
  if ((guint) p->question + 1 < bp_exercise_get_n_questions (exercise))
    ask (self, p->question + 1);
  else if ((guint) p->exercise + 1 < bp_exercise_set_get_n_exercises (set))
    request_exercise (self, p->set, p->exercise + 1);
  else
    {
      bp_exercise_view_show_list (self->exercise_view);
      update_conceal (self);
      bp_exercise_view_focus (self->exercise_view);
    }
}

/* The question's network as it was asked, the weight selected, the Math page (Alt+2). */
static void
show_chain_rule_cb (BpWindow *self)
{
  const BpExerciseQuestion *question = _bp_window_current_question (self);
  gboolean was_modified = self->modified;
  BpExerciseParam param;

  if (question == NULL
      || !_bp_window_chain_rule_param (question, &self->practice->answer, &param)
      || !load_exercise_network (self))
    return;
  keep_unmodified (self, was_modified);
  select_param (self, &param);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.side-page", "s", "math");
}

/* While the learner considers a choice, the diagram points at the weight it names. */
static void
choice_focused_cb (BpWindow *self,
                   int       choice)
{
  const BpExerciseQuestion *question = _bp_window_current_question (self);
  BpSelection hovered = BP_SELECTION_INIT_NONE;
  BpExerciseParam param;

  /* The focus leaves the choices as the window goes, after the selection model. */
  if (self->selection == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (question != NULL && choice >= 0
      && bp_exercise_question_get_kind (question) == BP_EXERCISE_LARGEST_GRADIENT
      && bp_exercise_question_get_param (question, choice, &param))
    param_selection (&param, &hovered);
  bp_selection_model_set_hovered (self->selection, &hovered);
}

static void
choice_changed_cb (BpWindow *self,
                   int       choice)
{
  const BpExerciseQuestion *question = _bp_window_current_question (self);
  BpExerciseParam param;

  if (question != NULL
      && bp_exercise_question_get_kind (question) == BP_EXERCISE_LARGEST_GRADIENT
      && bp_exercise_question_get_param (question, choice, &param))
    select_param (self, &param);
}

/**
 * _bp_window_exercises_update_status:
 * @self: a window
 * @set: a set's index
 * @index: an exercise's index
 *
 * Shows the exercise's last score in its row of the list.
 */
void
_bp_window_exercises_update_status (BpWindow *self,
                                    guint     set,
                                    guint     index)
{
  guint right = 0, answered = 0;
  g_autofree char *status = NULL;

  if (_bp_practice_exercise_score (self->practice, set, index, &right, &answered))
    /* Translators: under an exercise in the list: its score the last time it was tried */
    status = g_strdup_printf (_("Last time: %u of %u right"), right, answered);
  bp_exercise_view_set_status (self->exercise_view, set, index,
                               /* Translators: under an exercise never tried */
                               status != NULL ? status : _("Not tried yet"));
}

/* Adds a set to the list, or puts a file opened again in place of its old copy. */
static guint
add_set (BpWindow      *self,
         BpExerciseSet *set,
         const char    *key)
{
  BpPractice *p = self->practice;
  guint index;

  for (index = 0; index < p->keys->len; index++)
    if (g_str_equal (g_ptr_array_index (p->keys, index), key))
      break;
  if (index < p->keys->len)
    {
      /* The exercise shown may be one of the old copy's: it goes back to the list. */
      if (p->set == (int) index)
        p->set = p->exercise = p->question = -1;
      g_ptr_array_remove_index (p->sets, index);
      g_ptr_array_insert (p->sets, index, set);
      g_ptr_array_remove_index (p->scores, index);
      g_ptr_array_insert (p->scores, index, _bp_practice_new_score (p, set, key));
      _bp_window_exercises_rebuild_list (self);
      return index;
    }
  g_ptr_array_add (p->sets, set);
  g_ptr_array_add (p->keys, g_strdup (key));
  g_ptr_array_add (p->scores, _bp_practice_new_score (p, set, key));
  _bp_window_exercises_rebuild_list (self);
  return index;
}

/**
 * _bp_window_exercises_rebuild_list:
 * @self: a window
 *
 * Lists every set known, with each exercise's last score.
 */
void
_bp_window_exercises_rebuild_list (BpWindow *self)
{
  BpPractice *p = self->practice;

  bp_exercise_view_clear_sets (self->exercise_view);
  for (guint s = 0; s < p->sets->len; s++)
    {
      BpExerciseSet *set = g_ptr_array_index (p->sets, s);
      guint view_set = bp_exercise_view_add_set (self->exercise_view,
                                                 bp_exercise_set_get_title (set),
                                                 bp_exercise_set_get_description (set));

      for (guint e = 0; e < bp_exercise_set_get_n_exercises (set); e++)
        {
          bp_exercise_view_add_exercise (self->exercise_view, view_set,
                                         bp_exercise_get_title (
                                           bp_exercise_set_get_exercise (set, e)), NULL);
          _bp_window_exercises_update_status (self, s, e);
        }
    }
}

static void
show_page (BpWindow *self)
{
  gtk_stack_set_visible_child_name (self->side_stack, "practice");
  if (!_bp_window_get_side_shown (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-guide", NULL);
}

/**
 * _bp_window_open_exercises:
 * @self: a window
 * @file: a *.backprop-exercises file
 *
 * Adds the file's exercises to the Practice page and turns to it, or says in a toast why
 * it cannot.
 */
void
_bp_window_open_exercises (BpWindow *self,
                           GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *key = g_strconcat ("file:", uri, NULL);
  BpExerciseSet *set = bp_exercise_set_new_from_file (file, &error);

  if (set == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      /* Translators: the first %s is a file name, the second the reason */
      g_autofree char *message = g_strdup_printf (_("%s: %s"), name, error->message);

      _bp_window_toast (self, message);
      return;
    }
  add_set (self, set, key);
  show_page (self);
  bp_exercise_view_show_list (self->exercise_view);
  update_conceal (self);
  bp_exercise_view_focus (self->exercise_view);
}

gboolean
_bp_window_is_exercise_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && g_str_has_suffix (name, BP_EXERCISES_SUFFIX);
}

static void
open_chosen (BpWindow *self,
             GFile    *file)
{
  _bp_window_open_exercises (self, file);
}

static void
open_exercises_action (GtkWidget  *widget,
                       const char *action_name G_GNUC_UNUSED,
                       GVariant   *parameter G_GNUC_UNUSED)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  /* Translators: the kind of file a teacher's exercises are kept in */
  gtk_file_filter_set_name (filter, _("Backprop exercises"));
  gtk_file_filter_add_mime_type (filter, BP_EXERCISES_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, BP_EXERCISES_SUFFIX + 1);
  /* Translators: the title of the file chooser that opens a file of exercises */
  _bp_window_choose_file (BP_WINDOW (widget), FALSE, _("Open Exercises"), NULL, filter,
                          open_chosen);
}

static void
practice_action (GtkWidget  *widget,
                 const char *action_name G_GNUC_UNUSED,
                 GVariant   *parameter G_GNUC_UNUSED)
{
  BpWindow *self = BP_WINDOW (widget);
  guint set, exercise;

  show_page (self);
  /* Back to where the learner left off: the exercise last chosen, in a new run too. */
  if (bp_exercise_view_get_list_shown (self->exercise_view)
      && _bp_practice_progress_get_last (self->practice, &set, &exercise))
    bp_exercise_view_focus_exercise (self->exercise_view, set, exercise);
  else
    bp_exercise_view_focus (self->exercise_view);
}

void
_bp_window_class_add_exercise_actions (GtkWidgetClass *widget_class)
{
  g_type_ensure (BP_TYPE_EXERCISE_VIEW);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, exercise_view);
  _bp_window_add_action_with_keys (widget_class, "win.practice", practice_action, GDK_KEY_5,
                                   GDK_ALT_MASK);
  gtk_widget_class_install_action (widget_class, "win.open-exercises", NULL,
                                   open_exercises_action);
}

static void
add_shipped (BpWindow *self)
{
  g_auto(GStrv) names = bp_exercise_set_list_shipped ();

  for (guint k = 0; names != NULL && names[k] != NULL; k++)
    {
      g_autoptr(GError) error = NULL;
      BpExerciseSet *set = bp_exercise_set_new_shipped (names[k], &error);
      g_autofree char *key = g_strconcat ("shipped:", names[k], NULL);

      if (set == NULL)
        {
          g_warning ("Shipped exercises %s: %s", names[k], error->message);
          continue;
        }
      g_ptr_array_add (self->practice->sets, set);
      g_ptr_array_add (self->practice->scores, _bp_practice_new_score (self->practice, set, key));
      g_ptr_array_add (self->practice->keys, g_steal_pointer (&key));
    }
}

/* After the window's network, selection model and side panel exist. */
void
_bp_window_exercises_init (BpWindow *self)
{
  BpPractice *p = g_new0 (BpPractice, 1);

  p->sets = g_ptr_array_new_with_free_func (g_object_unref);
  p->keys = g_ptr_array_new_with_free_func (g_free);
  p->scores = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_exercise_score_free);
  p->set = p->exercise = p->question = -1;
  self->practice = p;
  g_object_set_data_full (G_OBJECT (self), "bp-practice", p, (GDestroyNotify) practice_free);
  add_shipped (self);
  _bp_window_exercises_rebuild_list (self);
  g_signal_connect_object (self->exercise_view, "exercise-activated",
                           G_CALLBACK (exercise_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->exercise_view, "reveal", G_CALLBACK (reveal_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->exercise_view, "next", G_CALLBACK (next_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->exercise_view, "show-chain-rule",
                           G_CALLBACK (show_chain_rule_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->exercise_view, "choice-focused",
                           G_CALLBACK (choice_focused_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->playback, "notify::animating", G_CALLBACK (show_verdict),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->exercise_view, "choice-changed",
                           G_CALLBACK (choice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->exercise_view, "back", G_CALLBACK (update_conceal), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->side_stack, "notify::visible-child-name",
                           G_CALLBACK (update_conceal), self, G_CONNECT_SWAPPED);
}
