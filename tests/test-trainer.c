/* SPDX-License-Identifier: GPL-3.0-or-later */
/* BpTrainer: the play loop driven by made-up frame times, and the watch for a runaway loss. */
#include "config.h"

#include "bp-trainer.h"

#define FRAME_US 10000   /* 100 frames per second */

/* A trainer as the window makes one: with a playback of its network. */
static BpTrainer *
new_trainer (BpNetwork *network)
{
  g_autoptr(BpPlayback) playback = bp_playback_new (network);

  return bp_trainer_new (playback);
}

static guint64
steps (BpTrainer *trainer)
{
  return bp_network_get_step_count (bp_trainer_get_network (trainer));
}

/* Plays from t = 1 s for this many frames; returns the steps run. */
static guint64
play_frames (BpTrainer *trainer,
             guint      n_frames,
             gint64     frame_us)
{
  guint64 before = steps (trainer);

  for (guint k = 0; k <= n_frames; k++)
    bp_trainer_advance (trainer, G_USEC_PER_SEC + k * frame_us);
  return steps (trainer) - before;
}

/* 10 steps per second: one step as play starts, then ten over each second of frames. */
static void
test_rate (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpTrainer) trainer = new_trainer (network);
  guint64 n;

  bp_trainer_set_rate (trainer, 10.0);
  bp_trainer_set_playing (trainer, TRUE);
  n = play_frames (trainer, 100, FRAME_US);
  g_assert_cmpuint (n, >=, 10);
  g_assert_cmpuint (n, <=, 11);
  bp_trainer_set_playing (trainer, FALSE);

  /* 10,000 frames (100 s) neither gain nor lose steps to rounding: less than one, the
   * fraction of a step still owed at the end. */
  bp_trainer_set_playing (trainer, TRUE);
  n = play_frames (trainer, 10000, FRAME_US);
  g_assert_cmpuint (n, >=, 1000);
  g_assert_cmpuint (n, <=, 1001);
  bp_trainer_set_playing (trainer, FALSE);

  /* At 1000 steps per second a frame of 1/60 s runs its 16 or 17 steps at once. */
  bp_trainer_set_rate (trainer, 1000.0);
  bp_trainer_set_playing (trainer, TRUE);
  n = play_frames (trainer, 60, G_USEC_PER_SEC / 60);
  g_assert_cmpuint (n, >=, 1000);
  g_assert_cmpuint (n, <=, 1001);
}

/* Frames that stop coming (a hidden window, a suspended laptop) do not pile up steps. */
static void
test_long_pause (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpTrainer) trainer = new_trainer (network);

  bp_trainer_set_rate (trainer, 100.0);
  bp_trainer_set_playing (trainer, TRUE);
  bp_trainer_advance (trainer, G_USEC_PER_SEC);
  g_assert_cmpuint (steps (trainer), ==, 1);
  bp_trainer_advance (trainer, (gint64) 3600 * G_USEC_PER_SEC);
  /* A tenth of a second's worth, and one more. */
  g_assert_cmpuint (steps (trainer), ==, 12);
}

/* Paused, frames run nothing; the rate stays within its range. */
static void
test_playing (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpTrainer) trainer = new_trainer (network);
  guint notified = 0;

  g_signal_connect_swapped (trainer, "notify::playing", G_CALLBACK (g_atomic_int_inc),
                            &notified);
  g_assert_false (bp_trainer_get_playing (trainer));
  g_assert_cmpuint (play_frames (trainer, 100, FRAME_US), ==, 0);
  bp_trainer_set_playing (trainer, TRUE);
  bp_trainer_set_playing (trainer, TRUE);
  g_assert_true (bp_trainer_get_playing (trainer));
  g_assert_cmpuint (notified, ==, 1);
  g_object_set (trainer, "playing", FALSE, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (play_frames (trainer, 100, FRAME_US), ==, 0);

  bp_trainer_set_rate (trainer, 1e6);
  g_assert_cmpfloat (bp_trainer_get_rate (trainer), ==, BP_TRAINER_MAX_RATE);
  bp_trainer_set_rate (trainer, 0.0);
  g_assert_cmpfloat (bp_trainer_get_rate (trainer), ==, BP_TRAINER_MIN_RATE);
}

/* Play animates a step only while a step's time at the play rate is at least the time it
 * takes to show: 3 s at speed 1, 0.75 s at speed 4. */
static void
test_animated_rate (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpTrainer) trainer = new_trainer (network);
  BpPlayback *playback = bp_trainer_get_playback (trainer);

  bp_trainer_set_rate (trainer, 1.0);
  g_assert_false (bp_trainer_get_animated (trainer));
  bp_trainer_set_rate (trainer, 1.0 / 3.0);
  g_assert_true (bp_trainer_get_animated (trainer));
  bp_trainer_set_rate (trainer, BP_TRAINER_MIN_RATE);
  g_assert_true (bp_trainer_get_animated (trainer));
  bp_trainer_set_rate (trainer, 1.0);
  bp_playback_set_speed (playback, 4.0);
  g_assert_true (bp_trainer_get_animated (trainer));
  bp_trainer_set_rate (trainer, 2.0);
  g_assert_false (bp_trainer_get_animated (trainer));
  bp_trainer_set_rate (trainer, 1.0);
  bp_playback_set_motion (playback, FALSE);
  g_assert_false (bp_trainer_get_animated (trainer));
}

/* Past 1,000 steps a second, "as fast as it goes": many steps a frame, never animated, and
 * the steps per second measured while playing. */
static void
test_fastest (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpTrainer) trainer = new_trainer (network);
  gint64 t = G_USEC_PER_SEC;

  bp_trainer_set_rate (trainer, BP_TRAINER_FASTEST);
  g_assert_true (bp_trainer_get_rate (trainer) == BP_TRAINER_FASTEST);
  g_assert_false (bp_trainer_get_animated (trainer));
  bp_trainer_set_playing (trainer, TRUE);
  bp_trainer_advance (trainer, t);
  g_assert_cmpuint (steps (trainer), >, 1);
  g_assert_cmpfloat (bp_trainer_get_speed (trainer), ==, 0.0);
  for (guint k = 1; k <= 40; k++)
    bp_trainer_advance (trainer, t + k * G_USEC_PER_SEC / 60);
  g_assert_cmpuint (steps (trainer), >, 41);
  g_assert_cmpfloat (bp_trainer_get_speed (trainer), >, 60.0);
  bp_trainer_set_playing (trainer, FALSE);
  g_assert_cmpfloat (bp_trainer_get_speed (trainer), ==, 0.0);
  /* Back to a rate, the rate holds again. */
  bp_trainer_set_rate (trainer, 5000.0);
  g_assert_cmpfloat (bp_trainer_get_rate (trainer), ==, BP_TRAINER_MAX_RATE);
}

/* At an animated rate a step waits while the last one is still shown. */
static void
test_waits_for_animation (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpTrainer) trainer = new_trainer (network);
  BpPlayback *playback = bp_trainer_get_playback (trainer);

  bp_playback_set_speed (playback, 4.0);
  bp_trainer_set_rate (trainer, 1.0);
  bp_trainer_set_playing (trainer, TRUE);
  bp_trainer_advance (trainer, G_USEC_PER_SEC);
  g_assert_cmpuint (steps (trainer), ==, 1);
  g_assert_true (bp_playback_get_busy (playback));
  bp_trainer_advance (trainer, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (steps (trainer), ==, 1);
  /* Once the step has been shown (0.75 s), one step: the wait owes no backlog. */
  bp_playback_advance (playback, 5 * G_USEC_PER_SEC);
  bp_playback_advance (playback, 6 * G_USEC_PER_SEC);
  g_assert_false (bp_playback_get_busy (playback));
  bp_trainer_advance (trainer, 6 * G_USEC_PER_SEC);
  g_assert_cmpuint (steps (trainer), ==, 2);
}

/* A single step is shown from its start; ten steps, or fast play, show their end. */
static void
test_shown_steps (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpTrainer) trainer = new_trainer (network);
  BpPlayback *playback = bp_trainer_get_playback (trainer);

  g_assert_true (bp_trainer_step (trainer, 1));
  g_assert_cmpint (bp_playback_get_phase (playback), ==, BP_PHASE_UPDATE);
  g_assert_true (bp_trainer_step (trainer, 10));
  g_assert_cmpint (bp_playback_get_phase (playback), ==, BP_PHASE_IDLE);
  g_assert_cmpuint (steps (trainer), ==, 11);

  bp_trainer_set_rate (trainer, 100.0);
  bp_trainer_set_playing (trainer, TRUE);
  bp_trainer_advance (trainer, G_USEC_PER_SEC);
  g_assert_cmpuint (steps (trainer), ==, 12);
  g_assert_cmpint (bp_playback_get_phase (playback), ==, BP_PHASE_IDLE);
}

/* Walking through a step: the first key runs a step and stops after its update; 2L + 3
 * keys walk through it; the next runs the next step. Play ends a walk. */
static void
test_walk (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpTrainer) trainer = new_trainer (network);
  BpPlayback *playback = bp_trainer_get_playback (trainer);

  bp_playback_set_motion (playback, FALSE);
  g_assert_true (bp_trainer_next_phase (trainer));
  g_assert_cmpuint (steps (trainer), ==, 1);
  g_assert_true (bp_playback_get_holding (playback));
  g_assert_cmpint (bp_playback_get_phase (playback), ==, BP_PHASE_UPDATE);
  for (guint k = 1; k < bp_moment_count (2); k++)
    g_assert_true (bp_trainer_next_phase (trainer));
  g_assert_cmpint (bp_playback_get_phase (playback), ==, BP_PHASE_BACKWARD);
  g_assert_cmpuint (bp_playback_get_moment (playback)->layer, ==, 0);
  g_assert_cmpuint (steps (trainer), ==, 1);
  g_assert_true (bp_trainer_previous_phase (trainer));
  g_assert_cmpuint (bp_playback_get_moment (playback)->layer, ==, 1);
  g_assert_true (bp_trainer_next_phase (trainer));
  g_assert_true (bp_trainer_next_phase (trainer));
  g_assert_cmpuint (steps (trainer), ==, 2);
  g_assert_cmpint (bp_playback_get_phase (playback), ==, BP_PHASE_UPDATE);

  bp_trainer_set_playing (trainer, TRUE);
  g_assert_false (bp_playback_get_busy (playback));
}

/* η = 10 with a ReLU hidden layer: the loss runs away; play stops; a reset clears it. */
static void
test_runaway (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpTrainer) trainer = new_trainer (network);
  guint notified = 0;

  g_signal_connect_swapped (trainer, "notify::trouble", G_CALLBACK (g_atomic_int_inc),
                            &notified);
  g_assert_true (bp_network_set_activation (network, 0, BP_ACTIVATION_RELU, NULL));
  g_assert_true (bp_network_set_activation (network, 1, BP_ACTIVATION_LINEAR, NULL));
  bp_network_set_learning_rate (network, 10.0);
  bp_network_set_input (network, 0, 2.0);
  bp_network_set_input (network, 1, 2.0);
  g_assert_cmpint (bp_trainer_get_trouble (trainer), ==, BP_TRAINER_TROUBLE_NONE);

  bp_trainer_set_rate (trainer, 1000.0);
  bp_trainer_set_playing (trainer, TRUE);
  for (guint k = 0; k < 100 && bp_trainer_get_playing (trainer); k++)
    bp_trainer_advance (trainer, G_USEC_PER_SEC + k * FRAME_US);
  g_assert_false (bp_trainer_get_playing (trainer));
  g_assert_cmpint (bp_trainer_get_trouble (trainer), !=, BP_TRAINER_TROUBLE_NONE);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpfloat (bp_network_get_loss (network), >, 1.0);

  bp_network_reset (network, 7);
  g_assert_cmpint (bp_trainer_get_trouble (trainer), ==, BP_TRAINER_TROUBLE_NONE);
  g_assert_cmpuint (notified, ==, 2);
}

/* A loss a thousand times its best is trouble before any number becomes infinite. */
static void
test_runaway_before_divergence (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpTrainer) trainer = new_trainer (network);

  g_assert_true (bp_network_set_activation (network, 0, BP_ACTIVATION_RELU, NULL));
  g_assert_true (bp_network_set_activation (network, 1, BP_ACTIVATION_LINEAR, NULL));
  bp_network_set_learning_rate (network, 10.0);
  bp_network_set_input (network, 0, 2.0);
  bp_network_set_input (network, 1, 2.0);
  bp_trainer_step (trainer, 10);
  bp_trainer_step (trainer, 10);
  g_assert_cmpint (bp_trainer_get_trouble (trainer), ==, BP_TRAINER_TROUBLE_RUNAWAY);
  g_assert_false (bp_network_get_diverged (network));
}

/* A change that is no step, such as a new target, may raise the loss a thousandfold: no
 * runaway. */
static void
test_no_false_runaway (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpTrainer) trainer = new_trainer (network);

  g_assert_true (bp_network_set_activation (network, 1, BP_ACTIVATION_LINEAR, NULL));
  bp_trainer_step (trainer, 200);
  g_assert_true (bp_network_set_target (network, 0, 1000.0, NULL));
  bp_trainer_step (trainer, 1);
  g_assert_cmpint (bp_trainer_get_trouble (trainer), ==, BP_TRAINER_TROUBLE_NONE);
}

/* A step the engine refuses shows as divergence, and stops play. */
static void
test_diverged (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpTrainer) trainer = new_trainer (network);

  g_assert_true (bp_network_set_activation (network, 1, BP_ACTIVATION_LINEAR, NULL));
  g_assert_true (bp_network_set_target (network, 0, 1e200, NULL));
  bp_network_set_learning_rate (network, 100.0);
  bp_trainer_set_playing (trainer, TRUE);
  for (guint k = 0; k < 100 && bp_trainer_get_playing (trainer); k++)
    bp_trainer_advance (trainer, G_USEC_PER_SEC + k * FRAME_US);
  g_assert_false (bp_trainer_get_playing (trainer));
  g_assert_true (bp_network_get_diverged (network));
  g_assert_cmpint (bp_trainer_get_trouble (trainer), ==, BP_TRAINER_TROUBLE_DIVERGED);
}

static void
test_finalize (void)
{
  BpNetwork *network = bp_network_new ();
  BpTrainer *trainer = new_trainer (network);

  bp_trainer_step (trainer, 3);
  g_assert_finalize_object (trainer);
  bp_network_step (network, NULL);
  g_assert_finalize_object (network);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bp/trainer/rate", test_rate);
  g_test_add_func ("/bp/trainer/long-pause", test_long_pause);
  g_test_add_func ("/bp/trainer/playing", test_playing);
  g_test_add_func ("/bp/trainer/animated-rate", test_animated_rate);
  g_test_add_func ("/bp/trainer/fastest", test_fastest);
  g_test_add_func ("/bp/trainer/waits-for-animation", test_waits_for_animation);
  g_test_add_func ("/bp/trainer/shown-steps", test_shown_steps);
  g_test_add_func ("/bp/trainer/walk", test_walk);
  g_test_add_func ("/bp/trainer/runaway", test_runaway);
  g_test_add_func ("/bp/trainer/runaway-before-divergence", test_runaway_before_divergence);
  g_test_add_func ("/bp/trainer/no-false-runaway", test_no_false_runaway);
  g_test_add_func ("/bp/trainer/diverged", test_diverged);
  g_test_add_func ("/bp/trainer/finalize", test_finalize);
  return g_test_run ();
}
