/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-playback.c: BpPlayback frame by frame: which copy of the network each number comes
 * from at every moment of a step, the order and the length of the phases, walking through
 * a step and back, reduced motion. */
#include "config.h"

#include <math.h>

#include "bp-playback.h"

#define FRAME_US (G_USEC_PER_SEC / 60)

/* A playback of the default network (2-3-1) that shows its next step, and that step. */
static BpPlayback *
stepped (BpNetwork *network,
         gboolean   hold)
{
  BpPlayback *playback = bp_playback_new (network);

  bp_playback_show_next_step (playback, hold);
  g_assert_true (bp_network_step (network, NULL));
  return playback;
}

/* The rule of BpMoment, sub-step by sub-step, for L = 2: what is new once each is done. */
static void
test_moment_rule (void)
{
  struct {
    BpPhase phase;
    guint layer;
  } order[] = {
    { BP_PHASE_UPDATE, 0 }, { BP_PHASE_FORWARD, 1 }, { BP_PHASE_FORWARD, 2 },
    { BP_PHASE_LOSS, 0 }, { BP_PHASE_BACKWARD, 2 }, { BP_PHASE_BACKWARD, 1 },
    { BP_PHASE_BACKWARD, 0 },
  };

  g_assert_cmpuint (bp_moment_count (2), ==, G_N_ELEMENTS (order));
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      BpMoment running = bp_moment_at (2, k, 0.5), done = bp_moment_at (2, k, 1.0);

      g_assert_cmpint (running.phase, ==, order[k].phase);
      g_assert_cmpuint (running.layer, ==, order[k].layer);
      g_assert_cmpuint (bp_moment_index (&running), ==, k);
      g_assert_cmpuint (bp_moment_done (&running), ==, k);
      g_assert_cmpuint (bp_moment_done (&done), ==, k + 1);
    }
  /* Mid-way through the forward pass into the outputs: the weights and the hidden layer are
   * new, the outputs, the loss and every gradient still old. */
  {
    BpMoment m = bp_moment_at (2, 2, 0.5);

    g_assert_true (bp_moment_new_weights (&m));
    g_assert_true (bp_moment_new_values (&m, 1));
    g_assert_false (bp_moment_new_values (&m, 2));
    g_assert_false (bp_moment_new_loss (&m));
    g_assert_false (bp_moment_new_gradients (&m, 1));
    g_assert_cmpfloat (bp_moment_segments (&m), ==, 1.5);
  }
  /* The wave has reached the hidden layer: the outputs' gradients are new, the first
   * layer's not yet. */
  {
    BpMoment m = bp_moment_at (2, 5, 1.0);

    g_assert_true (bp_moment_new_loss (&m));
    g_assert_true (bp_moment_new_gradients (&m, 1));
    g_assert_true (bp_moment_new_deltas (&m, 1));
    g_assert_false (bp_moment_new_gradients (&m, 0));
    g_assert_false (bp_moment_new_deltas (&m, 0));
  }
  {
    BpMoment idle = bp_moment_idle (2);

    g_assert_cmpuint (bp_moment_done (&idle), ==, 7);
    g_assert_true (bp_moment_new_gradients (&idle, 0));
  }
}

/* Frame by frame at 60 Hz: the phases come in order, the whole step takes 3 s at speed 1,
 * and at each frame every number comes from the copy the moment says. */
static void
test_frames (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  double loss_before = bp_network_get_loss (network);
  g_autoptr(BpPlayback) playback = stepped (network, FALSE);
  const BpNet *after = bp_playback_get_after (playback);
  guint last_index = 0, frames = 0;
  gint64 t = G_USEC_PER_SEC;

  g_assert_cmpfloat (bp_playback_get_step_duration (playback), ==, 3.0);
  g_assert_true (bp_playback_get_animating (playback));
  g_assert_cmpuint (bp_playback_get_shown_step (playback), ==, 0);
  g_assert_cmpfloat (bp_playback_loss_net (playback)->loss, ==, loss_before);
  g_assert_cmpfloat (after->loss, ==, bp_network_get_loss (network));
  g_assert_cmpfloat (after->loss, !=, loss_before);

  while (bp_playback_get_busy (playback))
    {
      const BpMoment *m = bp_playback_get_moment (playback);
      guint index = bp_moment_index (m);

      g_assert_cmpuint (index, >=, last_index);
      g_assert_cmpuint (index, <=, last_index + 1);
      last_index = index;
      g_assert_true (bp_playback_values_net (playback, 1)
                     == (index >= 2 ? after : bp_playback_get_before (playback)));
      g_assert_true (bp_playback_loss_net (playback)
                     == (index >= 4 ? after : bp_playback_get_before (playback)));
      g_assert_true (bp_playback_gradients_net (playback, 0)
                     == bp_playback_get_before (playback));
      g_assert_cmpuint (bp_playback_get_loss_step (playback), ==, index >= 4 ? 1 : 0);
      g_assert_cmpuint (bp_playback_get_shown_step (playback), ==, index >= 1 ? 1 : 0);
      bp_playback_advance (playback, t);
      t += FRAME_US;
      frames++;
      g_assert_cmpuint (frames, <, 1000);
    }
  g_assert_cmpuint (last_index, ==, bp_moment_count (2) - 1);
  /* 3 s of frames, and the first frame only starts the clock. */
  g_assert_cmpuint (frames, >=, 180);
  g_assert_cmpuint (frames, <=, 182);
  g_assert_true (bp_playback_gradients_net (playback, 0) == after);
  g_assert_cmpuint (bp_playback_get_loss_step (playback), ==, 1);
}

/* Twice the speed, half the time; a long gap between frames skips sub-steps, never
 * the order. */
static void
test_speed_and_gaps (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpPlayback) playback = bp_playback_new (network);
  gint64 t = G_USEC_PER_SEC;

  bp_playback_set_speed (playback, 2.0);
  g_assert_cmpfloat (bp_playback_get_step_duration (playback), ==, 1.5);
  bp_playback_show_next_step (playback, FALSE);
  g_assert_true (bp_network_step (network, NULL));
  bp_playback_advance (playback, t);
  bp_playback_advance (playback, t + G_USEC_PER_SEC);
  g_assert_cmpint (bp_playback_get_phase (playback), ==, BP_PHASE_BACKWARD);
  bp_playback_advance (playback, t + 3 * G_USEC_PER_SEC / 2 + 1);
  g_assert_false (bp_playback_get_busy (playback));
}

/* Walking: each sub-step stops at its end; back goes one sub-step back, to the start. */
static void
test_walk (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpPlayback) playback = stepped (network, TRUE);
  gint64 t = G_USEC_PER_SEC;

  for (guint k = 0; k < 10; k++, t += G_USEC_PER_SEC)
    bp_playback_advance (playback, t);
  g_assert_true (bp_playback_get_holding (playback));
  g_assert_false (bp_playback_get_animating (playback));
  g_assert_cmpuint (bp_moment_done (bp_playback_get_moment (playback)), ==, 1);
  g_assert_cmpuint (bp_playback_get_shown_step (playback), ==, 1);

  /* The next sub-step plays; a key while it moves jumps to its end. */
  g_assert_true (bp_playback_next (playback));
  g_assert_true (bp_playback_get_animating (playback));
  g_assert_cmpint (bp_playback_get_phase (playback), ==, BP_PHASE_FORWARD);
  g_assert_true (bp_playback_next (playback));
  g_assert_true (bp_playback_get_holding (playback));
  g_assert_cmpuint (bp_moment_done (bp_playback_get_moment (playback)), ==, 2);

  /* Back to the very start of the step: everything from before it. */
  g_assert_true (bp_playback_previous (playback));
  g_assert_true (bp_playback_previous (playback));
  g_assert_cmpuint (bp_moment_done (bp_playback_get_moment (playback)), ==, 0);
  g_assert_false (bp_playback_previous (playback));
  g_assert_cmpuint (bp_playback_get_shown_step (playback), ==, 0);
  g_assert_true (bp_playback_values_net (playback, 1) == bp_playback_get_before (playback));

  bp_playback_finish (playback);
  g_assert_false (bp_playback_get_busy (playback));
  g_assert_false (bp_playback_next (playback));
  /* Idle after a step, back walks into it. */
  g_assert_true (bp_playback_previous (playback));
  g_assert_cmpint (bp_playback_get_phase (playback), ==, BP_PHASE_BACKWARD);
  g_assert_cmpuint (bp_playback_get_moment (playback)->layer, ==, 1);
}

/* Reduced motion: a step is not shown; a walk still stops at every sub-step. Any change
 * that is not a step is shown at once and leaves nothing to walk back into. */
static void
test_no_motion_and_edits (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpPlayback) playback = bp_playback_new (network);
  const double input[] = { 1.0, 0.0 };

  bp_playback_set_motion (playback, FALSE);
  bp_playback_show_next_step (playback, FALSE);
  g_assert_true (bp_network_step (network, NULL));
  g_assert_false (bp_playback_get_busy (playback));
  bp_playback_show_next_step (playback, TRUE);
  g_assert_true (bp_network_step (network, NULL));
  g_assert_true (bp_playback_get_holding (playback));
  g_assert_cmpint (bp_playback_get_phase (playback), ==, BP_PHASE_UPDATE);

  /* An edit ends the walk; a request that no step follows is used up. */
  bp_playback_show_next_step (playback, FALSE);
  bp_network_set_inputs (network, input);
  g_assert_false (bp_playback_get_busy (playback));
  g_assert_false (bp_playback_previous (playback));
  g_assert_cmpfloat (bp_playback_get_after (playback)->a[0][0], ==, 1.0);
  g_assert_true (bp_network_step_n (network, 10, NULL));
  g_assert_false (bp_playback_get_busy (playback));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bp/playback/moment-rule", test_moment_rule);
  g_test_add_func ("/bp/playback/frames", test_frames);
  g_test_add_func ("/bp/playback/speed-and-gaps", test_speed_and_gaps);
  g_test_add_func ("/bp/playback/walk", test_walk);
  g_test_add_func ("/bp/playback/no-motion-and-edits", test_no_motion_and_edits);
  return g_test_run ();
}
