/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-exercises-private.h: what the parts of BpExerciseSet share: bp-exercises.c (the set, its
 * getters and the score), -load.c (the file) and -answer.c (answers from the engine). */
#pragma once

#include "bp-exercises.h"

G_BEGIN_DECLS

#define BP_EXERCISE_MAX_WEIGHTS 8

struct _BpExerciseQuestion
{
  BpExerciseKind kind;
  char *prompt;                 /* as shown: translated for shipped sets, or the default */
  char *hint;                   /* or NULL */
  guint n_params;               /* the weights (or bias) it is about */
  BpExerciseParam params[BP_EXERCISE_MAX_WEIGHTS];
  gboolean has_learning_rate;   /* loss-direction: the η of the step, else the network's */
  double learning_rate;
  guint n_choices;
  char *choices[BP_EXERCISE_MAX_CHOICES];
};

struct _BpExercise
{
  char *id;
  char *title;
  char *intro;                  /* or "" */
  GBytes *network;              /* the network file, as bytes bp_network_load_bytes takes */
  GPtrArray *questions;         /* of BpExerciseQuestion */
};

struct _BpExerciseSet
{
  GObject parent_instance;

  char *title;
  char *description;            /* or "" */
  gboolean shipped;
  GPtrArray *exercises;         /* of BpExercise */
};

void      _bp_exercise_free            (gpointer                   data);
void      _bp_exercise_question_free   (gpointer                   data);
void      _bp_exercise_question_label  (BpExerciseQuestion        *question,
                                        const BpNet               *net);
char     *_bp_exercise_param_name      (const BpNet               *net,
                                        const BpExerciseParam     *param);

G_END_DECLS
