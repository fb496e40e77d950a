/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The timeline in the window, as a user drives it: the scrubber under the loss chart rewinds
 * the whole window, whose diagram and Math panel then show the numbers of a network stepped
 * directly to that step; its texts; Alt+Left and Alt+Right; a step from the past starts
 * branch 2, which the drop-down and the chart's description list beside branch 1; the
 * drop-down switches back; seeking pauses Play; File → Export's CSV; dataset mode; the
 * gradient health strip after a seek far back. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bp-diagram.h"
#include "bp-format.h"
#include "bp-health-strip.h"
#include "bp-math-panel.h"
#include "bp-sparkline.h"
#include "bp-timeline.h"
#include "bp-timeline-bar.h"
#include "bp-window.h"
#include "widget-tree.h"
#include "window-test.h"

static BpTimelineBar *
bar_of (BpWindow *window)
{
  return BP_TIMELINE_BAR (child (window, "timeline_bar"));
}

/* Whether @text shows @value as the app formats it (a true minus, its digits). */
static gboolean
has_number (const char *text,
            double      value)
{
  g_autofree char *number = bp_format_number (value, BP_NUMBER_FORMULA);

  return strstr (text, number) != NULL;
}

static void
assert_same_params (BpNetwork *a,
                    BpNetwork *b)
{
  const BpNet *na = bp_network_get_net (a), *nb = bp_network_get_net (b);

  g_assert_cmpuint (na->n_layers, ==, nb->n_layers);
  for (guint l = 0; l < na->n_layers; l++)
    {
      g_assert_cmpmem (na->weights[l], na->sizes[l + 1] * na->sizes[l] * sizeof (double),
                       nb->weights[l], nb->sizes[l + 1] * nb->sizes[l] * sizeof (double));
      g_assert_cmpmem (na->biases[l], na->sizes[l + 1] * sizeof (double),
                       nb->biases[l], nb->sizes[l + 1] * sizeof (double));
    }
}

/* The window's network at step 0, to be stepped directly beside it. */
static BpNetwork *
reference_of (BpWindow *window)
{
  return bp_network_new_from_net (bp_net_copy (bp_network_get_net (bp_window_get_network (window))),
                                   NULL);
}

static void
steps (BpWindow *window,
       guint     n)
{
  BpNetwork *network = bp_window_get_network (window);
  guint64 target = bp_network_get_step_count (network) + n;

  for (guint k = 0; k < n / 10; k++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL));
  for (guint k = 0; k < n % 10; k++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));
  settle ();
  g_assert_cmpuint (bp_network_get_step_count (network), ==, target);
}

/* The slider rewinds: the network is bit for bit one stepped directly to that step, and the
 * diagram's description and the Math panel show its numbers; the texts say where it is. */
static void
test_scrubber_seeks (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  g_autoptr(BpNetwork) reference = reference_of (window);
  BpTimelineBar *bar = bar_of (window);
  GtkRange *scale = GTK_RANGE (bp_timeline_bar_get_scale (bar));
  BpDiagram *diagram = BP_DIAGRAM (child (window, "diagram"));
  BpMathPanel *panel = BP_MATH_PANEL (child (window, "math_panel"));
  BpSelection weight = { BP_SELECTION_CONNECTION, 1, 0, 0 };
  g_autofree char *described = NULL;
  g_autofree char *math = NULL;
  const BpNet *ref;

  g_assert_cmpstr (bp_timeline_bar_get_position_text (bar), ==, "No steps yet");
  steps (window, 40);
  g_assert_cmpstr (bp_timeline_bar_get_value_text (bar), ==,
                   "Step 40 of 40, branch 1 (η = 0.5)");
  g_assert_cmpstr (bp_timeline_bar_get_position_text (bar), ==, "Step 40 of 40");
  g_assert_cmpfloat (gtk_adjustment_get_lower (gtk_range_get_adjustment (scale)), ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_range_get_adjustment (scale)), ==, 40);

  bp_math_panel_set_selection (panel, &weight);
  gtk_range_set_value (scale, 25);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 25);
  g_assert_true (bp_network_step_n (reference, 25, NULL));
  assert_same_params (network, reference);
  g_assert_cmpfloat (bp_network_get_loss (network), ==, bp_network_get_loss (reference));
  g_assert_cmpstr (bp_timeline_bar_get_value_text (bar), ==,
                   "Step 25 of 40, branch 1 (η = 0.5)");
  g_assert_cmpstr (bp_timeline_bar_get_position_text (bar), ==,
                   "Step 25 of 40 — stepping starts a branch");

  ref = bp_network_get_net (reference);
  described = bp_diagram_dup_description (diagram);
  g_assert_true (has_number (described, bp_network_get_loss (reference)));
  g_assert_true (has_number (described, ref->a[2][0]));
  math = bp_math_panel_describe (panel);
  g_assert_true (has_number (math, ref->delta[2][0] * ref->a[1][0]));
  g_assert_true (has_number (math, ref->weights[1][0]));

  /* The chart shows the whole branch, the step shown marked. */
  g_assert_nonnull (strstr (bp_sparkline_get_description (BP_SPARKLINE (child (window,
                                                                               "sparkline"))),
                            "Shown: step 25 of η = 0.5 · branch 1"));
  close_window (window);
}

/* A seek further back than the gradient health's 200 steps: the strip shows the steps up to
 * the one shown, its last gradient norms those of a network stepped directly there, not
 * "no steps yet". */
static void
test_health_follows (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  g_autoptr(BpNetwork) reference = reference_of (window);
  GtkRange *scale = GTK_RANGE (bp_timeline_bar_get_scale (bar_of (window)));
  BpHealthStrip *strip = BP_HEALTH_STRIP (child (window, "health_strip"));
  const BpHealth *health = bp_network_get_health (network);
  const char *description = NULL;
  gint64 end;

  steps (window, 400);
  gtk_range_set_value (scale, 150);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 150);
  g_assert_true (bp_network_step_n (reference, 150, NULL));
  g_assert_cmpuint (bp_health_get_n_steps (health), ==, 150);
  g_assert_cmpuint (bp_health_get_last_step (health), ==, 150);
  for (guint l = 0; l < bp_network_get_n_layers (network); l++)
    {
      double norm = bp_health_get_last_norm (bp_network_get_health (reference), l);
      g_autofree char *number = bp_format_number (norm, BP_NUMBER_FORMULA);
      g_autofree char *row = g_strdup_printf ("Layer %u → %u: gradient norm %s", l, l + 1,
                                              number);

      g_assert_cmpfloat (bp_health_get_last_norm (health, l), ==, norm);
      /* The strip describes itself at most four times a second. */
      for (end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
           g_get_monotonic_time () < end; g_usleep (2000))
        {
          g_main_context_iteration (NULL, FALSE);
          description = bp_health_strip_get_description (strip);
          if (description != NULL && strstr (description, row) != NULL)
            break;
        }
      g_test_message ("%s", description);
      g_assert_nonnull (strstr (description, row));
    }
  close_window (window);
}

/* Alt+Left and Alt+Right's actions: one step, and no further than the branch's ends. */
static void
test_back_forward (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);

  steps (window, 3);
  for (guint k = 0; k < 5; k++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline-back", NULL);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline-forward", NULL);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 1);
  for (guint k = 0; k < 5; k++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline-forward", NULL);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 3);
  g_assert_true (bp_timeline_at_tip (bp_network_get_timeline (network)));
  close_window (window);
}

/* A step from the past with another η starts branch 2: the drop-down shows both, the chart
 * draws and describes both; choosing branch 1 shows its same step again, untouched. */
static void
test_branch (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  g_autoptr(BpNetwork) reference = reference_of (window);
  BpTimelineBar *bar = bar_of (window);
  GtkDropDown *dropdown = GTK_DROP_DOWN (bp_timeline_bar_get_branch_dropdown (bar));
  BpSparkline *sparkline = BP_SPARKLINE (child (window, "sparkline"));
  BpTimeline *timeline;
  const char *description;

  steps (window, 40);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  g_assert_null (strstr (bp_sparkline_get_description (sparkline), "branch"));
  gtk_range_set_value (GTK_RANGE (bp_timeline_bar_get_scale (bar)), 20);
  bp_network_set_learning_rate (network, 5.0);
  steps (window, 10);

  timeline = bp_network_get_timeline (network);
  g_assert_cmpuint (bp_timeline_get_n_branches (timeline), ==, 2);
  g_assert_cmpuint (bp_timeline_get_current_branch (timeline), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  g_assert_cmpstr (bp_timeline_bar_get_value_text (bar), ==,
                   "Step 30 of 30, branch 2 (η = 5)");
  description = bp_sparkline_get_description (sparkline);
  g_assert_true (g_str_has_prefix (description, "Loss per step on 2 branches."));
  g_assert_nonnull (strstr (description, "η = 0.5 · branch 1: loss "));
  g_assert_nonnull (strstr (description, "at step 40."));
  g_assert_nonnull (strstr (description, "η = 5 · branch 2: loss "));
  g_assert_nonnull (strstr (description, "at step 20 to "));
  g_assert_nonnull (strstr (description, "Shown: step 30 of η = 5 · branch 2"));

  /* Branch 1 again, at the same step: as a network stepped 30 times at η = 0.5. */
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_cmpuint (bp_timeline_get_current_branch (timeline), ==, 0);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 30);
  g_assert_true (bp_network_step_n (reference, 30, NULL));
  assert_same_params (network, reference);
  g_assert_cmpstr (bp_timeline_bar_get_value_text (bar), ==,
                   "Step 30 of 40, branch 1 (η = 0.5)");
  close_window (window);
}

/* Seeking while Play runs pauses it; Play from the tip follows the tip. */
static void
test_play_pauses (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  GtkButton *play = GTK_BUTTON (child (window, "play_button"));
  BpTimelineBar *bar = bar_of (window);
  gint64 until;

  steps (window, 20);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_cmpstr (gtk_button_get_label (play), ==, "Pause");
  until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (bp_network_get_step_count (network) < 25 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (bp_network_get_step_count (network), >=, 25);
  /* The slider is at the tip while Play runs. */
  g_assert_true (bp_timeline_at_tip (bp_network_get_timeline (network)));
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (bp_timeline_bar_get_scale (bar))), ==,
                     (double) bp_network_get_step_count (network));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline-seek", "(ut)",
                                             0u, (guint64) 10));
  g_assert_cmpstr (gtk_button_get_label (play), ==, "Play");
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 10);
  close_window (window);
}

/* File → Export's "Timeline (CSV)", through the path the dialog ends in. */
static void
test_export_csv (void)
{
  BpWindow *window = new_window ();
  g_autofree char *dir = g_dir_make_tmp ("test-window-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "run.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  steps (window, 12);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to-path",
                                             "(sii)", path, 0, 0));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "step,branch,loss,learning_rate,w_"));
  g_assert_nonnull (strstr (lines[0], ",b_"));
  /* A row per recorded step, 0 to 12, of branch 1. */
  {
    guint rows = 0;

    for (guint i = 1; lines[i] != NULL; i++)
      if (lines[i][0] != '\0')
        rows++;
    g_assert_cmpuint (rows, ==, 13);
  }
  g_assert_true (g_str_has_prefix (lines[1], "0,"));
  g_assert_true (g_str_has_prefix (lines[13], "12,"));
  g_unlink (path);
  g_rmdir (dir);
  close_window (window);
}

/* Dataset mode: the same slider rewinds mini-batch training to the same numbers. */
static void
test_dataset (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  BpTimelineBar *bar = bar_of (window);
  double loss_at_5;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mode", "s", "dataset"));
  steps (window, 5);
  loss_at_5 = bp_network_get_train_loss (network);
  steps (window, 10);
  gtk_range_set_value (GTK_RANGE (bp_timeline_bar_get_scale (bar)), 5);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 5);
  g_assert_cmpfloat (bp_network_get_train_loss (network), ==, loss_at_5);
  g_assert_cmpstr (bp_timeline_bar_get_position_text (bar), ==,
                   "Step 5 of 15 — stepping starts a branch");
  close_window (window);
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);
  /* Steps land at once rather than travel on screen: every window follows this switch. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/bp/window-timeline/scrubber-seeks", test_scrubber_seeks);
  g_test_add_func ("/bp/window-timeline/health-follows", test_health_follows);
  g_test_add_func ("/bp/window-timeline/back-forward", test_back_forward);
  g_test_add_func ("/bp/window-timeline/branch", test_branch);
  g_test_add_func ("/bp/window-timeline/play-pauses", test_play_pauses);
  g_test_add_func ("/bp/window-timeline/export-csv", test_export_csv);
  g_test_add_func ("/bp/window-timeline/dataset", test_dataset);
  return g_test_run ();
}
