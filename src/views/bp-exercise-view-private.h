/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-exercise-view-private.h: what the Practice page's files share: bp-exercise-view.c (the
 * class, the question and the verdict) and bp-exercise-view-build.c (its widgets and the
 * list of sets). */
#pragma once

#include "bp-exercise-view.h"

#include <adwaita.h>

G_BEGIN_DECLS

/* The text never grows past twice its size: the side panel is 340 pixels wide. */
#define MAX_TEXT_SCALE 2.0

struct _BpExerciseView
{
  GtkWidget parent_instance;

  GtkWidget *stack;
  GtkWidget *sets_box;        /* one AdwPreferencesGroup per set */
  GPtrArray *sets;            /* GPtrArray of AdwActionRow, one per set */
  GtkWidget *title;
  GtkWidget *intro;
  GtkWidget *number;
  GtkWidget *prompt;
  GtkWidget *choices_box;
  GPtrArray *choices;         /* GtkToggleButton */
  GtkWidget *hint_button;
  GtkWidget *hint;
  GtkWidget *reveal_button;
  GtkWidget *verdict_box;
  GtkWidget *verdict_icon;
  GtkWidget *verdict;
  GtkWidget *truth;
  GtkWidget *score;
  GtkWidget *chain_button;
  GtkWidget *next_button;
  gboolean revealed;
  double zoom;
};

/* bp-exercise-view.c */
void       _bp_exercise_view_emit_activated (BpExerciseView *self,
                                             guint           set,
                                             guint           exercise);

/* bp-exercise-view-build.c */
void       _bp_exercise_view_scale_label    (BpExerciseView *self,
                                             GtkWidget      *label);
void       _bp_exercise_view_name_button    (GtkWidget      *button,
                                             const char     *label);
void       _bp_exercise_view_scale_labels   (BpExerciseView *self);
GtkWidget *_bp_exercise_view_build_list     (BpExerciseView *self);
GtkWidget *_bp_exercise_view_build_exercise (BpExerciseView *self);

G_END_DECLS
