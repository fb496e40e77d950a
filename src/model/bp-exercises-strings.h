/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-exercises-strings.h: the texts of the shipped exercises for xgettext, written by
 * tests/exercise-strings.py from data/exercises/*.backprop-exercises: do not edit, run
 * `tests/exercise-strings.py .` after changing an exercise. Not compiled: the loader
 * translates these texts with g_dgettext () as it reads the files. */
#pragma once

#include <glib/gi18n.h>

static const char *const bp_exercises_strings[] G_GNUC_UNUSED = {
  /* Translators: exercise set 01-which-way, its title */
  N_("Which way will it move?"),
  /* Translators: exercise set 01-which-way, its description */
  N_("d"),
  /* Translators: exercise first, its title */
  N_("t"),
  /* Translators: exercise first, what the learner reads first */
  N_("i"),
  /* Translators: exercise first, the hint of question 1: it explains why */
  N_("h"),
};
