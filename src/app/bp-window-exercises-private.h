/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-exercises-private.h: what the Practice page's two files share:
 * bp-window-exercises.c (the list and the flow) and bp-window-exercises-progress.c (the
 * scores kept between runs). */
#pragma once

#include "bp-window-private.h"

#include "bp-exercises.h"

G_BEGIN_DECLS

/* The most exercises whose scores are kept between runs; the oldest go first. */
#define BP_PRACTICE_MAX_KEPT 500

typedef struct _BpPractice BpPractice;

struct _BpPractice
{
  GPtrArray *sets;            /* BpExerciseSet: the shipped ones, then the files opened */
  GPtrArray *keys;            /* char *: where each set came from, "shipped:NAME" or
                               * "file:URI" */
  GPtrArray *scores;          /* BpExerciseScore: the first answer to every question */
  int set;                    /* the exercise shown, or -1 */
  int exercise;
  int question;               /* the question shown, or -1 */
  guint answered;             /* questions revealed since the exercise was chosen */
  BpExerciseAnswer answer;    /* the engine's, at the last Reveal */
  gboolean right;             /* whether the choice was the answer */
  gboolean verdict_pending;   /* the step of Reveal is playing; the verdict follows */
  guint pending_set;          /* the exercise to start once unsaved work is dealt with */
  guint pending_exercise;
  GKeyFile *progress;         /* the scores kept between runs */
  GFile *progress_file;       /* where, or NULL: kept for this run only */
};

/* bp-window-exercises.c */
const BpExercise         *_bp_window_current_exercise (BpWindow *self);
const BpExerciseQuestion *_bp_window_current_question (BpWindow *self);
gboolean  _bp_window_chain_rule_param    (const BpExerciseQuestion *question,
                                          const BpExerciseAnswer   *answer,
                                          BpExerciseParam          *param);
void      _bp_window_exercises_rebuild_list (BpWindow    *self);
void      _bp_window_exercises_update_status (BpWindow   *self,
                                          guint           set,
                                          guint           index);

/* bp-window-exercises-progress.c */
BpExerciseScore *_bp_practice_new_score  (BpPractice     *practice,
                                          BpExerciseSet  *set,
                                          const char     *key);
gboolean  _bp_practice_exercise_score    (BpPractice     *practice,
                                          int             set,
                                          int             exercise,
                                          guint          *right,
                                          guint          *answered);
void      _bp_practice_progress_record   (BpWindow       *self,
                                          gboolean        right);
void      _bp_practice_progress_set_last (BpWindow       *self);
gboolean  _bp_practice_progress_get_last (BpPractice     *practice,
                                          guint          *set,
                                          guint          *exercise);
void      _bp_practice_progress_clear    (BpPractice     *practice);

G_END_DECLS
