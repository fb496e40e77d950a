/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-exercise-view-build.c: the Practice page's widgets: the list of sets, one
 * AdwPreferencesGroup of rows per set, and the exercise's labels and buttons. Labels wrap
 * within the side panel and those a learner reads from afar scale with the zoom. */
#define G_LOG_DOMAIN "bp-exercise-view"

#include "config.h"

#include "bp-exercise-view-private.h"

#include <glib/gi18n.h>

static double
text_scale (BpExerciseView *self)
{
  /* The system's large-text setting reaches the labels through GTK already. */
  return CLAMP (self->zoom, 1.0, MAX_TEXT_SCALE);
}

/* Labels whose text follows the zoom get a scale attribute; the rest of their look comes
 * from their CSS classes. */
void
_bp_exercise_view_scale_label (BpExerciseView *self,
             GtkWidget      *label)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (text_scale (self)));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
}

void
_bp_exercise_view_scale_labels (BpExerciseView *self)
{
  _bp_exercise_view_scale_label (self, self->prompt);
  _bp_exercise_view_scale_label (self, self->verdict);
  _bp_exercise_view_scale_label (self, self->truth);
  _bp_exercise_view_scale_label (self, self->score);
  _bp_exercise_view_scale_label (self, self->hint);
  for (guint k = 0; k < self->choices->len; k++)
    _bp_exercise_view_scale_label (self,
                                   gtk_button_get_child (g_ptr_array_index (self->choices, k)));
}

static GtkWidget *
new_label (const char *css_class,
           const char *description)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Bounds the natural width: the page never widens the side panel. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  return label;
}

/* The label without its mnemonic's underline: GTK 4.8 gives screen readers both. */
void
_bp_exercise_view_name_button (GtkWidget  *button,
                               const char *label)
{
  g_autoptr(GString) name = g_string_new (label);

  g_string_replace (name, "_", "", 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name->str, -1);
}

static GtkWidget *
new_button (const char *label,
            const char *action,
            const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  _bp_exercise_view_name_button (button, label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  return button;
}

static void
row_activated_cb (AdwActionRow   *row,
                  BpExerciseView *self)
{
  guint set = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "bp-set"));
  guint exercise = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "bp-exercise"));

  _bp_exercise_view_emit_activated (self, set, exercise);
}

GtkWidget *
_bp_exercise_view_build_list (BpExerciseView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = new_label ("title-4", NULL);
  GtkWidget *about = new_label (NULL, NULL);

  /* Translators: the heading of the side panel's Practice page */
  gtk_label_set_label (GTK_LABEL (heading), _("Predict, then reveal"));
  gtk_label_set_label (GTK_LABEL (about),
                       /* Translators: the Practice page's introduction above its list */
                       _("Each exercise loads a small network and asks what its next step "
                         "will do: which way a weight moves, which gradient is largest, "
                         "whether the loss goes down. Answer, then watch the step reveal the "
                         "truth."));
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), about);
  self->sets_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_box_append (GTK_BOX (box), self->sets_box);
  gtk_box_append (GTK_BOX (box), new_button (_("_Open Exercises…"), "win.open-exercises",
                                             NULL));
  return box;
}

static GtkWidget *
build_reveal (BpExerciseView *self,
              GtkWidget      *box)
{
  self->reveal_button = new_button (_("_Reveal"), "practice.reveal", "suggested-action");
  gtk_widget_add_css_class (self->reveal_button, "pill");
  gtk_box_append (GTK_BOX (box), self->reveal_button);
  self->verdict_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->verdict_icon = gtk_image_new ();
  gtk_image_set_icon_size (GTK_IMAGE (self->verdict_icon), GTK_ICON_SIZE_LARGE);
  /* The words say it; the icon only repeats them. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->verdict_icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  /* Translators: what a screen reader says a label is: right or wrong, after Reveal */
  self->verdict = new_label ("title-4", _("Verdict"));
  gtk_widget_set_hexpand (self->verdict, TRUE);
  gtk_box_append (GTK_BOX (self->verdict_box), self->verdict_icon);
  gtk_box_append (GTK_BOX (self->verdict_box), self->verdict);
  gtk_box_append (GTK_BOX (box), self->verdict_box);
  /* Translators: what a screen reader says a label is: the numbers that decide a question */
  self->truth = new_label ("numeric", _("The numbers"));
  gtk_label_set_selectable (GTK_LABEL (self->truth), TRUE);
  gtk_widget_set_focusable (self->truth, FALSE);
  gtk_box_append (GTK_BOX (box), self->truth);
  /* Translators: what a screen reader says a label is: how many answers were right */
  self->score = new_label ("heading", _("Score"));
  gtk_box_append (GTK_BOX (box), self->score);
  self->chain_button = new_button (_("Show the _Chain Rule"), "practice.chain-rule", NULL);
  gtk_box_append (GTK_BOX (box), self->chain_button);
  self->next_button = new_button (_("_Next Question"), "practice.next", "suggested-action");
  gtk_widget_add_css_class (self->next_button, "pill");
  gtk_box_append (GTK_BOX (box), self->next_button);
  return box;
}

GtkWidget *
_bp_exercise_view_build_exercise (BpExerciseView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *back = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (back),
                        g_object_new (ADW_TYPE_BUTTON_CONTENT,
                                      "icon-name", "go-previous-symbolic",
                                      /* Translators: the button back to the list of
                                       * exercises */
                                      "label", _("_All Exercises"),
                                      "use-underline", TRUE, NULL));
  _bp_exercise_view_name_button (back, _("_All Exercises"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "practice.back");
  gtk_widget_set_halign (back, GTK_ALIGN_START);
  gtk_widget_add_css_class (back, "flat");
  gtk_box_append (GTK_BOX (box), back);
  self->title = new_label ("title-4", NULL);
  gtk_box_append (GTK_BOX (box), self->title);
  self->intro = new_label (NULL, NULL);
  gtk_box_append (GTK_BOX (box), self->intro);
  self->number = new_label ("dim-label", NULL);
  gtk_widget_add_css_class (self->number, "caption-heading");
  gtk_box_append (GTK_BOX (box), self->number);
  /* Translators: what a screen reader says a label is: the question asked */
  self->prompt = new_label ("heading", _("Question"));
  gtk_box_append (GTK_BOX (box), self->prompt);
  self->choices_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choices_box),
                                  /* Translators: the name of the group of answers to pick */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your answer"), -1);
  gtk_box_append (GTK_BOX (box), self->choices_box);
  self->hint_button = new_button (_("Show a _Hint"), "practice.hint", "flat");
  gtk_box_append (GTK_BOX (box), self->hint_button);
  /* Translators: what a screen reader says a label is: a hint to the question */
  self->hint = new_label ("dim-label", _("Hint"));
  gtk_box_append (GTK_BOX (box), self->hint);
  return build_reveal (self, box);
}
/**
 * bp_exercise_view_clear_sets:
 * @self: a view
 *
 * Empties the list.
 */
void
bp_exercise_view_clear_sets (BpExerciseView *self)
{
  GtkWidget *child;

  g_return_if_fail (BP_IS_EXERCISE_VIEW (self));

  while ((child = gtk_widget_get_first_child (self->sets_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->sets_box), child);
  g_ptr_array_set_size (self->sets, 0);
}

/**
 * bp_exercise_view_add_set:
 * @self: a view
 * @title: the set's title
 * @description: (nullable): what it is about
 *
 * Adds a group at the end of the list.
 *
 * Returns: the set's index, for bp_exercise_view_add_exercise()
 */
guint
bp_exercise_view_add_set (BpExerciseView *self,
                          const char     *title,
                          const char     *description)
{
  GtkWidget *group;

  g_return_val_if_fail (BP_IS_EXERCISE_VIEW (self), 0);

  group = g_object_new (ADW_TYPE_PREFERENCES_GROUP, "title", title,
                        "description", description, NULL);
  gtk_box_append (GTK_BOX (self->sets_box), group);
  g_ptr_array_add (self->sets, g_ptr_array_new ());
  return self->sets->len - 1;
}

/**
 * bp_exercise_view_add_exercise:
 * @self: a view
 * @set: a set's index
 * @title: the exercise's title
 * @status: (nullable): its score so far, as the learner reads it
 *
 * Adds a row to the set: activating it emits #BpExerciseView::exercise-activated.
 */
void
bp_exercise_view_add_exercise (BpExerciseView *self,
                               guint           set,
                               const char     *title,
                               const char     *status)
{
  GtkWidget *group, *row;
  GPtrArray *rows;

  g_return_if_fail (BP_IS_EXERCISE_VIEW (self));
  g_return_if_fail (set < self->sets->len);

  group = gtk_widget_get_last_child (self->sets_box);
  for (guint k = self->sets->len - 1; k > set; k--)
    group = gtk_widget_get_prev_sibling (group);
  rows = g_ptr_array_index (self->sets, set);
  row = g_object_new (ADW_TYPE_ACTION_ROW, "title", title, "activatable", TRUE,
                      "use-underline", FALSE, NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data (G_OBJECT (row), "bp-set", GUINT_TO_POINTER (set));
  g_object_set_data (G_OBJECT (row), "bp-exercise", GUINT_TO_POINTER (rows->len));
  g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (rows, row);
  bp_exercise_view_set_status (self, set, rows->len - 1, status);
}

/**
 * bp_exercise_view_set_status:
 * @self: a view
 * @set: a set's index
 * @exercise: an exercise's index in the set
 * @status: (nullable): its score so far
 *
 * Updates what the exercise's row says under its title.
 */
void
bp_exercise_view_set_status (BpExerciseView *self,
                             guint           set,
                             guint           exercise,
                             const char     *status)
{
  GPtrArray *rows;

  g_return_if_fail (BP_IS_EXERCISE_VIEW (self));
  g_return_if_fail (set < self->sets->len);
  rows = g_ptr_array_index (self->sets, set);
  g_return_if_fail (exercise < rows->len);

  adw_action_row_set_subtitle (g_ptr_array_index (rows, exercise), status != NULL ? status : "");
}


/**
 * bp_exercise_view_focus_exercise:
 * @self: a view
 * @set: a set's index
 * @exercise: an exercise's index in the set
 *
 * Gives the keyboard focus to an exercise's row of the list, such as the one last chosen.
 */
void
bp_exercise_view_focus_exercise (BpExerciseView *self,
                                 guint           set,
                                 guint           exercise)
{
  GPtrArray *rows;

  g_return_if_fail (BP_IS_EXERCISE_VIEW (self));
  g_return_if_fail (set < self->sets->len);
  rows = g_ptr_array_index (self->sets, set);
  g_return_if_fail (exercise < rows->len);

  gtk_widget_grab_focus (g_ptr_array_index (rows, exercise));
}

guint
bp_exercise_view_get_n_sets (BpExerciseView *self)
{
  g_return_val_if_fail (BP_IS_EXERCISE_VIEW (self), 0);

  return self->sets->len;
}

/**
 * bp_exercise_view_get_status:
 * @self: a view
 * @set: a set's index
 * @exercise: an exercise's index in the set
 *
 * Returns: what the exercise's row says under its title
 */
const char *
bp_exercise_view_get_status (BpExerciseView *self,
                             guint           set,
                             guint           exercise)
{
  GPtrArray *rows;

  g_return_val_if_fail (BP_IS_EXERCISE_VIEW (self), NULL);
  g_return_val_if_fail (set < self->sets->len, NULL);
  rows = g_ptr_array_index (self->sets, set);
  g_return_val_if_fail (exercise < rows->len, NULL);

  return adw_action_row_get_subtitle (g_ptr_array_index (rows, exercise));
}
