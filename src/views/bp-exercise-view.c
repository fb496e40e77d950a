/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-exercise-view.c: "Practice". Two pages in a stack: the list of exercise sets, each a
 * group of rows with the exercise's score so far, and the exercise: its introduction, the
 * question, the choices as a group of toggle buttons, a hint on request, Reveal, and once
 * revealed the verdict (an icon and words, never colour alone), the numbers, the score, "Show
 * the Chain Rule" after a miss and the way on. Everything is reachable by Tab and has a
 * mnemonic; the question, the verdict and the score carry accessible descriptions, so a
 * screen reader says what each label is. The text of the question grows with the diagram's
 * zoom, as the Check page's does. */
#define G_LOG_DOMAIN "bp-exercise-view"

#include "config.h"

#include "bp-exercise-view-private.h"

#include "bp-text-scale.h"

#include <glib/gi18n.h>


G_DEFINE_FINAL_TYPE (BpExerciseView, bp_exercise_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EXERCISE_ACTIVATED,
  CHOICE_CHANGED,
  CHOICE_FOCUSED,
  REVEAL,
  NEXT,
  SHOW_CHAIN_RULE,
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
choice_index (BpExerciseView *self,
              GtkWidget      *button)
{
  guint index;

  return g_ptr_array_find (self->choices, button, &index) ? (int) index : -1;
}


static void
choice_toggled_cb (GtkToggleButton *button,
                   BpExerciseView  *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.reveal", !self->revealed);
  g_signal_emit (self, signals[CHOICE_CHANGED], 0, choice_index (self, GTK_WIDGET (button)));
}

static void
choice_enter_cb (GtkEventController *controller,
                 BpExerciseView     *self)
{
  g_signal_emit (self, signals[CHOICE_FOCUSED], 0,
                 choice_index (self, gtk_event_controller_get_widget (controller)));
}

static void
choice_leave_cb (GtkEventController *controller G_GNUC_UNUSED,
                 BpExerciseView     *self)
{
  g_signal_emit (self, signals[CHOICE_FOCUSED], 0, -1);
}

static void
emit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter G_GNUC_UNUSED)
{
  BpExerciseView *self = BP_EXERCISE_VIEW (widget);

  if (g_str_equal (action_name, "practice.reveal"))
    g_signal_emit (self, signals[REVEAL], 0);
  else if (g_str_equal (action_name, "practice.next"))
    g_signal_emit (self, signals[NEXT], 0);
  else if (g_str_equal (action_name, "practice.chain-rule"))
    g_signal_emit (self, signals[SHOW_CHAIN_RULE], 0);
  else if (g_str_equal (action_name, "practice.back"))
    g_signal_emit (self, signals[BACK], 0);
}

static void
hint_action (GtkWidget  *widget,
             const char *action_name G_GNUC_UNUSED,
             GVariant   *parameter G_GNUC_UNUSED)
{
  BpExerciseView *self = BP_EXERCISE_VIEW (widget);

  gtk_widget_set_visible (self->hint, TRUE);
  gtk_widget_set_visible (self->hint_button, FALSE);
  gtk_widget_grab_focus (self->choices->len > 0 ? g_ptr_array_index (self->choices, 0)
                                                : self->reveal_button);
}

void
_bp_exercise_view_emit_activated (BpExerciseView *self,
                                  guint           set,
                                  guint           exercise)
{
  g_signal_emit (self, signals[EXERCISE_ACTIVATED], 0, set, exercise);
}

static void
bp_exercise_view_dispose (GObject *object)
{
  BpExerciseView *self = BP_EXERCISE_VIEW (object);

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_pointer (&self->sets, g_ptr_array_unref);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  G_OBJECT_CLASS (bp_exercise_view_parent_class)->dispose (object);
}

static void
bp_exercise_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BpExerciseView *self = BP_EXERCISE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_exercise_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BpExerciseView *self = BP_EXERCISE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      if (self->zoom != g_value_get_double (value))
        {
          self->zoom = g_value_get_double (value);
          _bp_exercise_view_scale_labels (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_signals (GObjectClass *object_class)
{
  GType type = G_TYPE_FROM_CLASS (object_class);

  /**
   * BpExerciseView::exercise-activated:
   * @set: the set's index, in the order of bp_exercise_view_add_set()
   * @exercise: the exercise's index in its set
   *
   * The learner chose an exercise in the list.
   */
  signals[EXERCISE_ACTIVATED] = g_signal_new ("exercise-activated", type, G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                              G_TYPE_UINT, G_TYPE_UINT);
  /**
   * BpExerciseView::choice-changed:
   * @choice: the index of the choice picked
   *
   * The learner picked a choice (before Reveal, which stays the next step).
   */
  signals[CHOICE_CHANGED] = g_signal_new ("choice-changed", type, G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * BpExerciseView::choice-focused:
   * @choice: the index of the choice under the pointer or the keyboard focus, or -1
   *
   * Lets the diagram point at what a choice names while the learner considers it.
   */
  signals[CHOICE_FOCUSED] = g_signal_new ("choice-focused", type, G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * BpExerciseView::reveal:
   *
   * The learner asked for the truth about the choice bp_exercise_view_get_choice() returns.
   */
  signals[REVEAL] = g_signal_new ("reveal", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
  /**
   * BpExerciseView::next:
   *
   * The learner asked for the next question, or the next exercise after the last one.
   */
  signals[NEXT] = g_signal_new ("next", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  /**
   * BpExerciseView::show-chain-rule:
   *
   * The learner asked to see why, after a miss.
   */
  signals[SHOW_CHAIN_RULE] = g_signal_new ("show-chain-rule", type, G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * BpExerciseView::back:
   *
   * The learner went back to the list; the view shows it already.
   */
  signals[BACK] = g_signal_new ("back", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bp_exercise_view_show_list (BP_EXERCISE_VIEW (widget));
  emit_action (widget, action_name, parameter);
}

static void
bp_exercise_view_class_init (BpExerciseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_exercise_view_dispose;
  object_class->get_property = bp_exercise_view_get_property;
  object_class->set_property = bp_exercise_view_set_property;

  /**
   * BpExerciseView:zoom:
   *
   * The diagram's zoom: the question, the choices and the verdict grow with it, never below
   * their normal size nor past twice it.
   */
  properties[PROP_ZOOM] = bp_text_scale_zoom_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
  add_signals (object_class);

  gtk_widget_class_install_action (widget_class, "practice.reveal", NULL, emit_action);
  gtk_widget_class_install_action (widget_class, "practice.next", NULL, emit_action);
  gtk_widget_class_install_action (widget_class, "practice.chain-rule", NULL, emit_action);
  gtk_widget_class_install_action (widget_class, "practice.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "practice.hint", NULL, hint_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "exercises");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
bp_exercise_view_init (BpExerciseView *self)
{
  self->zoom = 1.0;
  self->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->choices = g_ptr_array_new ();
  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_add_named (GTK_STACK (self->stack), _bp_exercise_view_build_list (self), "list");
  gtk_stack_add_named (GTK_STACK (self->stack), _bp_exercise_view_build_exercise (self),
                       "exercise");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: the Practice page's name for screen
                                   * readers */
                                  _("Exercises"), -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.reveal", FALSE);
  _bp_exercise_view_scale_labels (self);
}

/**
 * bp_exercise_view_new:
 *
 * Returns: (transfer floating): an empty Practice page, showing its (empty) list
 */
GtkWidget *
bp_exercise_view_new (void)
{
  return g_object_new (BP_TYPE_EXERCISE_VIEW, NULL);
}

/**
 * bp_exercise_view_show_list:
 * @self: a view
 *
 * Turns to the list of exercises.
 */
void
bp_exercise_view_show_list (BpExerciseView *self)
{
  g_return_if_fail (BP_IS_EXERCISE_VIEW (self));

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
}

gboolean
bp_exercise_view_get_list_shown (BpExerciseView *self)
{
  g_return_val_if_fail (BP_IS_EXERCISE_VIEW (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "list") == 0;
}

/**
 * bp_exercise_view_focus:
 * @self: a view
 *
 * Gives the keyboard focus to what comes next: the first exercise of the list, the first
 * choice of a question, or the way on once revealed.
 */
void
bp_exercise_view_focus (BpExerciseView *self)
{
  g_return_if_fail (BP_IS_EXERCISE_VIEW (self));

  if (bp_exercise_view_get_list_shown (self))
    {
      GPtrArray *rows = self->sets->len > 0 ? g_ptr_array_index (self->sets, 0) : NULL;

      if (rows != NULL && rows->len > 0)
        gtk_widget_grab_focus (g_ptr_array_index (rows, 0));
    }
  else if (self->revealed)
    gtk_widget_grab_focus (gtk_widget_get_visible (self->next_button) ? self->next_button
                                                                      : self->chain_button);
  else if (self->choices->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->choices, 0));
}

/**
 * bp_exercise_view_show_exercise:
 * @self: a view
 * @title: the exercise's title
 * @intro: (nullable): its introduction
 *
 * Turns to an exercise; its first question follows with bp_exercise_view_show_question().
 */
void
bp_exercise_view_show_exercise (BpExerciseView *self,
                                const char     *title,
                                const char     *intro)
{
  g_return_if_fail (BP_IS_EXERCISE_VIEW (self));

  gtk_label_set_label (GTK_LABEL (self->title), title);
  gtk_label_set_label (GTK_LABEL (self->intro), intro != NULL ? intro : "");
  gtk_widget_set_visible (self->intro, intro != NULL && *intro != '\0');
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "exercise");
}

static GtkWidget *
new_choice (BpExerciseView *self,
            const char     *text)
{
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_toggle_button_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_button_set_child (GTK_BUTTON (button), label);
  /* GTK 4.8 names a button after its label only when the button made the label itself. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  _bp_exercise_view_scale_label (self, label);
  g_signal_connect_object (button, "toggled", G_CALLBACK (choice_toggled_cb), self, 0);
  g_signal_connect_object (focus, "enter", G_CALLBACK (choice_enter_cb), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (choice_leave_cb), self, 0);
  g_signal_connect_object (motion, "enter", G_CALLBACK (choice_enter_cb), self, 0);
  g_signal_connect_object (motion, "leave", G_CALLBACK (choice_leave_cb), self, 0);
  gtk_widget_add_controller (button, focus);
  gtk_widget_add_controller (button, motion);
  if (self->choices->len > 0)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button),
                                 g_ptr_array_index (self->choices, 0));
  return button;
}

/**
 * bp_exercise_view_show_question:
 * @self: a view
 * @number: the question's number, from 1
 * @count: how many questions the exercise has
 * @prompt: the question
 * @hint: (nullable): a hint, shown on request
 * @choices: the answers to pick from, %NULL-terminated
 * @score: (nullable): the score so far, as the learner reads it
 *
 * Shows a question with no choice picked and nothing revealed.
 */
void
bp_exercise_view_show_question (BpExerciseView    *self,
                                guint              number,
                                guint              count,
                                const char        *prompt,
                                const char        *hint,
                                const char *const *choices,
                                const char        *score)
{
  g_autofree char *numbered = NULL;
  GtkWidget *child;

  g_return_if_fail (BP_IS_EXERCISE_VIEW (self));
  g_return_if_fail (choices != NULL);

  /* Translators: above a question of an exercise: "Question 1 of 3" */
  numbered = g_strdup_printf (_("Question %u of %u"), number, count);
  gtk_label_set_label (GTK_LABEL (self->number), numbered);
  gtk_label_set_label (GTK_LABEL (self->prompt), prompt);
  while ((child = gtk_widget_get_first_child (self->choices_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->choices_box), child);
  g_ptr_array_set_size (self->choices, 0);
  for (guint k = 0; choices[k] != NULL; k++)
    {
      GtkWidget *button = new_choice (self, choices[k]);

      gtk_box_append (GTK_BOX (self->choices_box), button);
      g_ptr_array_add (self->choices, button);
    }
  gtk_label_set_label (GTK_LABEL (self->hint), hint != NULL ? hint : "");
  gtk_widget_set_visible (self->hint, FALSE);
  gtk_widget_set_visible (self->hint_button, hint != NULL && *hint != '\0');
  self->revealed = FALSE;
  gtk_widget_set_sensitive (self->choices_box, TRUE);
  gtk_widget_set_visible (self->reveal_button, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.reveal", FALSE);
  /* Emptied as well as hidden: a screen reader may still find a hidden label. */
  gtk_label_set_label (GTK_LABEL (self->verdict), "");
  gtk_label_set_label (GTK_LABEL (self->truth), "");
  gtk_widget_set_visible (self->verdict_box, FALSE);
  gtk_widget_set_visible (self->truth, FALSE);
  gtk_label_set_label (GTK_LABEL (self->score), score != NULL ? score : "");
  gtk_widget_set_visible (self->score, score != NULL);
  gtk_widget_set_visible (self->chain_button, FALSE);
  gtk_widget_set_visible (self->next_button, FALSE);
}

/**
 * bp_exercise_view_get_choice:
 * @self: a view
 *
 * Returns: the index of the choice picked, or -1
 */
int
bp_exercise_view_get_choice (BpExerciseView *self)
{
  g_return_val_if_fail (BP_IS_EXERCISE_VIEW (self), -1);

  for (guint k = 0; k < self->choices->len; k++)
    if (gtk_toggle_button_get_active (g_ptr_array_index (self->choices, k)))
      return k;
  return -1;
}

/**
 * bp_exercise_view_set_choice:
 * @self: a view
 * @choice: a choice's index
 *
 * Picks a choice as a click on it does.
 */
void
bp_exercise_view_set_choice (BpExerciseView *self,
                             int             choice)
{
  g_return_if_fail (BP_IS_EXERCISE_VIEW (self));
  g_return_if_fail (choice >= 0 && (guint) choice < self->choices->len);

  gtk_toggle_button_set_active (g_ptr_array_index (self->choices, choice), TRUE);
}

/**
 * bp_exercise_view_show_revealing:
 * @self: a view
 *
 * The step that reveals the truth is playing: the choice can no longer change, and the
 * verdict follows with bp_exercise_view_show_verdict().
 */
void
bp_exercise_view_show_revealing (BpExerciseView *self)
{
  g_return_if_fail (BP_IS_EXERCISE_VIEW (self));

  gtk_widget_set_sensitive (self->choices_box, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.reveal", FALSE);
}

/**
 * bp_exercise_view_show_verdict:
 * @self: a view
 * @right: whether the choice was right
 * @truth: the numbers that decide it
 * @score: the score so far
 * @offer_chain_rule: whether to offer "Show the Chain Rule"
 * @next_label: (nullable): the label of the way on, with a mnemonic, or %NULL at the end
 *
 * Shows the truth after Reveal; the choices can no longer change.
 */
void
bp_exercise_view_show_verdict (BpExerciseView *self,
                               gboolean        right,
                               const char     *truth,
                               const char     *score,
                               gboolean        offer_chain_rule,
                               const char     *next_label)
{
  g_return_if_fail (BP_IS_EXERCISE_VIEW (self));

  self->revealed = TRUE;
  gtk_widget_set_sensitive (self->choices_box, FALSE);
  gtk_widget_set_visible (self->reveal_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.reveal", FALSE);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->verdict_icon),
                                right ? "object-select-symbolic" : "window-close-symbolic");
  gtk_widget_remove_css_class (self->verdict_box, right ? "error" : "success");
  gtk_widget_add_css_class (self->verdict_box, right ? "success" : "error");
  gtk_label_set_label (GTK_LABEL (self->verdict),
                       /* Translators: the verdict after Reveal, beside a check mark */
                       right ? _("Right!")
                       /* Translators: the verdict after Reveal, beside a cross */
                             : _("Not this time"));
  gtk_widget_set_visible (self->verdict_box, TRUE);
  gtk_label_set_label (GTK_LABEL (self->truth), truth);
  gtk_widget_set_visible (self->truth, truth != NULL && *truth != '\0');
  gtk_label_set_label (GTK_LABEL (self->score), score);
  gtk_widget_set_visible (self->score, TRUE);
  gtk_widget_set_visible (self->chain_button, offer_chain_rule);
  gtk_widget_set_visible (self->next_button, next_label != NULL);
  if (next_label != NULL)
    {
      gtk_button_set_label (GTK_BUTTON (self->next_button), next_label);
      _bp_exercise_view_name_button (self->next_button, next_label);
    }
  bp_exercise_view_focus (self);
}

gboolean
bp_exercise_view_get_revealed (BpExerciseView *self)
{
  g_return_val_if_fail (BP_IS_EXERCISE_VIEW (self), FALSE);

  return self->revealed;
}

/**
 * bp_exercise_view_get_verdict:
 * @self: a view
 *
 * Returns: (nullable): the verdict's words once revealed, else %NULL
 */
const char *
bp_exercise_view_get_verdict (BpExerciseView *self)
{
  g_return_val_if_fail (BP_IS_EXERCISE_VIEW (self), NULL);

  return self->revealed ? gtk_label_get_label (GTK_LABEL (self->verdict)) : NULL;
}

const char *
bp_exercise_view_get_score (BpExerciseView *self)
{
  g_return_val_if_fail (BP_IS_EXERCISE_VIEW (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->score));
}

const char *
bp_exercise_view_get_prompt (BpExerciseView *self)
{
  g_return_val_if_fail (BP_IS_EXERCISE_VIEW (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->prompt));
}
