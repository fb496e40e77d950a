/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-exercise-view.h: "Practice", the side panel's page of predict-then-reveal exercises: the
 * list of exercise sets, then one exercise at a time: its introduction, a question with the
 * choices the learner picks from, a hint on request, and once revealed the verdict in words
 * and an icon, the numbers that decide it and the running score. The view shows what it is
 * given and says what the learner did through signals and its "practice.*" actions; the
 * window decides (bp-window-exercises.c). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BP_TYPE_EXERCISE_VIEW (bp_exercise_view_get_type ())

G_DECLARE_FINAL_TYPE (BpExerciseView, bp_exercise_view, BP, EXERCISE_VIEW, GtkWidget)

GtkWidget  *bp_exercise_view_new              (void);
void        bp_exercise_view_clear_sets       (BpExerciseView     *self);
guint       bp_exercise_view_add_set          (BpExerciseView     *self,
                                               const char         *title,
                                               const char         *description);
guint       bp_exercise_view_get_n_sets       (BpExerciseView     *self);
void        bp_exercise_view_add_exercise     (BpExerciseView     *self,
                                               guint               set,
                                               const char         *title,
                                               const char         *status);
void        bp_exercise_view_set_status       (BpExerciseView     *self,
                                               guint               set,
                                               guint               exercise,
                                               const char         *status);
void        bp_exercise_view_focus_exercise   (BpExerciseView     *self,
                                               guint               set,
                                               guint               exercise);
const char *bp_exercise_view_get_status       (BpExerciseView     *self,
                                               guint               set,
                                               guint               exercise);
void        bp_exercise_view_show_list        (BpExerciseView     *self);
gboolean    bp_exercise_view_get_list_shown   (BpExerciseView     *self);
void        bp_exercise_view_focus            (BpExerciseView     *self);
void        bp_exercise_view_show_exercise    (BpExerciseView     *self,
                                               const char         *title,
                                               const char         *intro);
void        bp_exercise_view_show_question    (BpExerciseView     *self,
                                               guint               number,
                                               guint               count,
                                               const char         *prompt,
                                               const char         *hint,
                                               const char *const  *choices,
                                               const char         *score);
int         bp_exercise_view_get_choice       (BpExerciseView     *self);
void        bp_exercise_view_set_choice       (BpExerciseView     *self,
                                               int                 choice);
void        bp_exercise_view_show_revealing   (BpExerciseView     *self);
void        bp_exercise_view_show_verdict     (BpExerciseView     *self,
                                               gboolean            right,
                                               const char         *truth,
                                               const char         *score,
                                               gboolean            offer_chain_rule,
                                               const char         *next_label);
gboolean    bp_exercise_view_get_revealed     (BpExerciseView     *self);
const char *bp_exercise_view_get_verdict      (BpExerciseView     *self);
const char *bp_exercise_view_get_score        (BpExerciseView     *self);
const char *bp_exercise_view_get_prompt       (BpExerciseView     *self);

G_END_DECLS
