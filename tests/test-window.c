/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window as a user drives it: through its actions and its controls. */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <malloc.h>
#include <math.h>
#include <string.h>

#include "bp-diagram.h"
#include "bp-diagram-draw-private.h"
#include "bp-diagram-private.h"
#include "bp-format.h"
#include "bp-math-panel.h"
#include "bp-sparkline.h"
#include "bp-state.h"
#include "bp-window.h"
#include "widget-tree.h"
#include "window-test.h"

/* The first descendant of widget (or widget itself) that passes the test. */
static GtkWidget *
find_widget (GtkWidget *widget,
             gboolean (*test) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (test (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, test, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_label (GTK_LABEL (widget)), text);
}

static gboolean
is_spin_button (GtkWidget     *widget,
                gconstpointer  unused)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

/* The spin button of the input or target row named by this label. */
static GtkWidget *
find_spin_named (GtkWidget  *window,
                 const char *name)
{
  GtkWidget *label = find_widget (window, is_label, name);
  GtkWidget *row = label != NULL ? gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW) : NULL;

  return row != NULL ? find_widget (row, is_spin_button, NULL) : NULL;
}

static void
test_template_builds (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  GtkWidget *step = find_child (GTK_WIDGET (window), "step_button");

  g_assert_nonnull (step);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (step)), ==, "1 step");
  g_assert_nonnull (find_child (GTK_WIDGET (window), "diagram"));
  g_assert_nonnull (find_child (GTK_WIDGET (window), "sparkline"));
  g_assert_nonnull (find_child (GTK_WIDGET (window), "math_panel"));
  /* The default network of the issue: 2-3-1, η = 0.5, inputs (0.5, −0.5), target 0.8. */
  g_assert_cmpuint (bp_network_get_n_layers (network), ==, 2);
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 0.5);
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 0.5);
  g_assert_cmpfloat (bp_network_get_input (network, 1), ==, -0.5);
  g_assert_cmpfloat (bp_network_get_target (network, 0), ==, 0.8);
  close_window (window);
}

static void
test_step_action (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  GtkLabel *loss = GTK_LABEL (find_child (GTK_WIDGET (window), "loss_label"));
  GtkLabel *step = GTK_LABEL (find_child (GTK_WIDGET (window), "step_label"));
  g_autofree char *before = g_strdup (gtk_label_get_label (loss));
  g_autofree char *expected = NULL;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 1);
  /* The step is shown from its start: the new loss only once the pulse reaches it. */
  g_assert_cmpstr (gtk_label_get_label (loss), ==, before);
  bp_playback_finish (bp_diagram_get_playback (BP_DIAGRAM (find_child (GTK_WIDGET (window),
                                                                      "diagram"))));
  expected = bp_format_number (bp_network_get_loss (network), BP_NUMBER_FORMULA);
  g_assert_cmpstr (gtk_label_get_label (loss), ==, expected);
  g_assert_cmpstr (gtk_label_get_label (loss), !=, before);
  g_assert_cmpstr (gtk_label_get_label (step), ==, "1");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 11);
  g_assert_cmpstr (gtk_label_get_label (step), ==, "11");
  close_window (window);
}

/* One loss, one way of writing it: the readout under the diagram, the box over the loss
 * and the diagram's accessible description show the same digits, with a true minus in the
 * exponent. */
static void
test_loss_written_once (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  GtkLabel *loss = GTK_LABEL (find_child (GTK_WIDGET (window), "loss_label"));
  const BpNet *net;
  BpDiagramFrame frame = { .zoom = 1.0, .text_scale = 1.0 };
  BpDiagram *diagram = BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));
  g_autofree char *hover = NULL;
  g_autofree char *described = NULL;

  for (guint k = 0; k < 30; k++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL);
  net = bp_network_get_net (network);
  frame.after = net;
  frame.hover = (BpSelection) { BP_SELECTION_NODE, net->n_layers + 2, 0, 0 };
  hover = bp_diagram_frame_info_text (1280, 800, &frame);
  g_assert_nonnull (hover);
  g_test_message ("readout %s, box %s", gtk_label_get_label (loss), hover);
  g_assert_nonnull (strstr (hover, gtk_label_get_label (loss)));
  /* And a screen reader hears the same digits. */
  described = bp_diagram_dup_description (diagram);
  g_assert_nonnull (strstr (described, gtk_label_get_label (loss)));
  g_assert_null (strstr (gtk_label_get_label (loss), "-"));
  g_assert_null (strstr (gtk_label_get_label (loss), "e+"));
  if (bp_network_get_loss (network) < 1e-4)
    g_assert_nonnull (strstr (gtk_label_get_label (loss), "e\u2212"));
  close_window (window);
}

static void
on_forward (BpNetwork *network,
            GString   *log)
{
  g_string_append (log, "forward,");
}

static void
on_backward (BpNetwork *network,
             GString   *log)
{
  g_string_append (log, "backward,");
}

static void
on_updated (BpNetwork *network,
            GString   *log)
{
  g_string_append (log, "updated,");
}

/* Typing a new x1 recomputes both passes at once and never touches the weights. */
static void
test_input_control (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  GtkWidget *spin = find_spin_named (GTK_WIDGET (window), "x1");
  g_autoptr(GString) log = g_string_new ("");
  double w = bp_network_get_weight (network, 0, 0, 0);

  g_assert_nonnull (spin);
  g_signal_connect (network, "forward", G_CALLBACK (on_forward), log);
  g_signal_connect (network, "backward", G_CALLBACK (on_backward), log);
  g_signal_connect (network, "updated", G_CALLBACK (on_updated), log);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 1.0);
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 1.0);
  g_assert_cmpstr (log->str, ==, "forward,backward,");
  g_assert_cmpfloat (bp_network_get_weight (network, 0, 0, 0), ==, w);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 0);
  g_signal_handlers_disconnect_by_data (network, log);
  close_window (window);
}

/* With animations on, "1 step" plays the step; with reduced motion it shows it at once. */
static void
test_reduced_motion (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  BpWindow *window = new_window ();
  BpDiagram *diagram = BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));

  BpPlayback *playback = bp_diagram_get_playback (diagram);

  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  g_assert_true (bp_playback_get_animating (playback));
  bp_playback_finish (playback);
  g_assert_false (bp_playback_get_busy (playback));

  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  g_assert_false (bp_playback_get_busy (playback));
  g_assert_cmpuint (bp_network_get_step_count (bp_window_get_network (window)), ==, 2);
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  close_window (window);
}

static gboolean
has_number (const char *text,
            double      value)
{
  g_autofree char *number = bp_format_number (value, BP_NUMBER_FORMULA);

  return strstr (text, number) != NULL;
}

/* Walking through one step with Page Down's action: at every sub-step the readouts, the
 * loss chart, the Math panel and the diagram show the same moment: the step count from the
 * update on, the new loss and its point from the loss on, the selected weight's (h1 → y1)
 * new gradient once the wave has crossed its layer on the way to the hidden layer. */
static void
test_walk_one_moment (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  BpDiagram *diagram = BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));
  BpPlayback *playback = bp_diagram_get_playback (diagram);
  GtkLabel *loss = GTK_LABEL (find_child (GTK_WIDGET (window), "loss_label"));
  GtkLabel *step = GTK_LABEL (find_child (GTK_WIDGET (window), "step_label"));
  BpSparkline *sparkline = BP_SPARKLINE (find_child (GTK_WIDGET (window), "sparkline"));
  BpMathPanel *panel = BP_MATH_PANEL (find_child (GTK_WIDGET (window), "math_panel"));
  BpSelection weight = { BP_SELECTION_CONNECTION, 1, 0, 0 };
  double loss_before = bp_network_get_loss (network);
  double grad_before = bp_network_get_net (network)->delta[2][0]
                       * bp_network_get_net (network)->a[1][0];
  static const BpPhase phases[] = {
    BP_PHASE_UPDATE, BP_PHASE_FORWARD, BP_PHASE_FORWARD, BP_PHASE_LOSS,
    BP_PHASE_BACKWARD, BP_PHASE_BACKWARD, BP_PHASE_BACKWARD,
  };

  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  bp_math_panel_set_selection (panel, &weight);
  for (guint k = 0; k < G_N_ELEMENTS (phases); k++)
    {
      g_autofree char *math = NULL;
      g_autofree char *described = NULL;
      const BpNet *net;
      double grad_after;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.next-phase", NULL);
      g_assert_cmpuint (bp_network_get_step_count (network), ==, 1);
      g_assert_true (bp_playback_get_holding (playback));
      g_assert_cmpint (bp_playback_get_phase (playback), ==, phases[k]);
      net = bp_network_get_net (network);
      grad_after = net->delta[2][0] * net->a[1][0];

      g_assert_cmpstr (gtk_label_get_label (step), ==, "1");
      g_assert_true (has_number (gtk_label_get_label (loss),
                                 k >= 3 ? bp_network_get_loss (network) : loss_before));
      g_assert_true ((strstr (bp_sparkline_get_description (sparkline), "1 step") != NULL)
                     == (k >= 3));
      math = bp_math_panel_describe (panel);
      g_assert_nonnull (strstr (math, bp_phase_get_display_name (phases[k])));
      g_assert_true (has_number (math, k >= 5 ? grad_after : grad_before));
      described = bp_diagram_dup_description (diagram);
      g_assert_true (has_number (described,
                                 k >= 3 ? bp_network_get_loss (network) : loss_before));
    }
  /* One more: the walk ends and the next step begins. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-phase", NULL);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 2);
  g_assert_cmpstr (gtk_label_get_label (step), ==, "2");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-phase", NULL);
  g_assert_cmpstr (gtk_label_get_label (step), ==, "1");
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  close_window (window);
}

/* A file with more than the window can show is refused, and the window keeps its network. */
static void
test_open_too_large (void)
{
  BpWindow *window = new_window ();
  BpNetwork *before = bp_window_get_network (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autofree char *path = NULL;
  const char *text =
    "{\"format\": \"backprop-network\", \"version\": 1, \"sizes\": [1, 17], "
    "\"activations\": [\"tanh\"], \"loss\": \"squared-error\", \"learning_rate\": 0.1, "
    "\"weights\": [[[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[0]]], "
    "\"biases\": [[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]], \"input\": [0], "
    "\"target\": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}";

  file = g_file_new_tmp ("backprop-XXXXXX.json", &stream, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_replace_contents (file, text, strlen (text), NULL, FALSE, 0, NULL,
                                          NULL, &error));
  g_assert_false (bp_window_open_file (window, file, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_SHAPE);
  g_assert_nonnull (strstr (error->message, "backprop-cli"));
  g_assert_true (bp_window_get_network (window) == before);
  g_file_delete (file, NULL, NULL);
  close_window (window);
}

/* η = 10 with a ReLU hidden layer: the loss runs away, and the window says so calmly. */
static void
test_runaway_banner (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  GtkRevealer *banner = GTK_REVEALER (find_child (GTK_WIDGET (window), "diverged_revealer"));
  GtkLabel *message = GTK_LABEL (find_child (GTK_WIDGET (window), "diverged_label"));

  g_assert_true (bp_network_set_activation (network, 0, BP_ACTIVATION_RELU, NULL));
  g_assert_true (bp_network_set_activation (network, 1, BP_ACTIVATION_LINEAR, NULL));
  bp_network_set_learning_rate (network, 10.0);
  bp_network_set_input (network, 0, 2.0);
  bp_network_set_input (network, 1, 2.0);
  g_assert_false (gtk_revealer_get_reveal_child (banner));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL);
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "Lower the learning rate"));

  /* The way out: reset the weights, and the message goes. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  close_window (window);
}

#ifndef __SANITIZE_ADDRESS__
static void
run_steps (BpWindow *window,
           guint     n_tens)
{
  for (guint k = 0; k < n_tens; k++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL);
      settle ();
    }
}
#endif

/* 100,000 steps with the window open do not grow the heap: every view reuses what it has. */
static void
test_no_heap_growth (void)
{
#ifdef __SANITIZE_ADDRESS__
  g_test_skip ("the sanitizer's allocator does not report through mallinfo2");
#else
  BpWindow *window = new_window ();
  size_t before, after;

  /* The first 50,000 steps fill the caches of fonts and glyphs as new digits and number
   * formats appear; only then does the heap settle. */
  run_steps (window, 5000);
  malloc_trim (0);
  before = mallinfo2 ().uordblks;
  run_steps (window, 10000);
  malloc_trim (0);
  after = mallinfo2 ().uordblks;
  g_test_message ("heap in use: %zu bytes before, %zu after 100,000 steps", before, after);
  g_assert_cmpuint (bp_network_get_step_count (bp_window_get_network (window)), ==, 150000);
  /* A leak of even one byte per step would show as 100 kB. GTK 4.24 itself has been seen to
   * keep up to 37 kB more over these steps (GTK 4.8: well under 32 kB). */
  g_assert_cmpint ((gssize) after - (gssize) before, <, 64 * 1024);
  close_window (window);
#endif
}

static const char *
subtitle (BpWindow *window)
{
  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (find_child (GTK_WIDGET (window),
                                                                      "window_title")));
}

static GFile *
temp_file (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("bp-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_new_for_path (path);
}

/* The title names the file and marks changes not saved to it: steps, η, inputs. */
static void
test_title_modified (void)
{
  BpWindow *window = new_window ();
  g_autoptr(GFile) file = temp_file ("try.backprop.json");

  g_assert_cmpstr (subtitle (window), ==, "Untitled");
  g_assert_false (bp_window_get_modified (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  g_assert_cmpstr (subtitle (window), ==, "• Untitled");
  g_assert_true (bp_window_get_modified (window));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "• Untitled"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as-path", "s",
                              g_file_peek_path (file));
  g_assert_true (g_file_query_exists (file, NULL));
  g_assert_cmpstr (subtitle (window), ==, "try.backprop.json");
  g_assert_false (bp_window_get_modified (window));
  g_assert_true (g_file_equal (bp_window_get_document (window), file));

  bp_network_set_learning_rate (bp_window_get_network (window), 0.25);
  g_assert_cmpstr (subtitle (window), ==, "• try.backprop.json");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_assert_cmpstr (subtitle (window), ==, "try.backprop.json");
  bp_network_set_input (bp_window_get_network (window), 0, 1.0);
  g_assert_true (bp_window_get_modified (window));

  /* Opening a file starts clean. */
  g_assert_true (bp_window_open_file (window, file, NULL));
  g_assert_false (bp_window_get_modified (window));
  g_assert_cmpfloat (bp_network_get_learning_rate (bp_window_get_network (window)), ==, 0.25);
  close_window (window);
}

/* The zoom setting and the diagram follow each other, both ways. */
static void
test_zoom_setting (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  BpWindow *window = new_window ();
  BpDiagram *diagram = BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));
  BpSparkline *sparkline = BP_SPARKLINE (find_child (GTK_WIDGET (window), "sparkline"));

  g_settings_set_double (settings, "diagram-zoom", 2.0);
  g_assert_cmpfloat (bp_diagram_get_zoom (diagram), ==, 2.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  g_assert_cmpfloat (g_settings_get_double (settings, "diagram-zoom"), ==, 2.5);
  /* The loss chart zooms with the diagram. */
  g_assert_cmpfloat (bp_sparkline_get_zoom (sparkline), ==, 2.5);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL);
  g_assert_cmpfloat (g_settings_get_double (settings, "diagram-zoom"), ==, 1.0);
  g_assert_cmpfloat (bp_sparkline_get_zoom (sparkline), ==, 1.0);

  g_settings_set_double (settings, "animation-speed", 0.5);
  g_assert_cmpfloat (bp_playback_get_speed (bp_diagram_get_playback (diagram)), ==, 0.5);
  g_settings_reset (settings, "animation-speed");
  close_window (window);
}

/* The colours setting reaches the live diagram, and the colour-blind safe palette really
 * differs from the automatic one. */
static void
test_palette_setting (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  BpWindow *window = new_window ();
  BpDiagram *diagram = BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));
  BpPaletteChoice choice;

  g_settings_set_string (settings, "palette", "colour-blind-safe");
  g_object_get (diagram, "palette-choice", &choice, NULL);
  g_assert_cmpint (choice, ==, BP_PALETTE_CHOICE_COLOUR_BLIND_SAFE);
  g_assert_true (memcmp (&bp_palette_resolve (choice, FALSE, FALSE)->fall,
                         &bp_palette_get (BP_PALETTE_LIGHT)->fall, sizeof (BpColor)) != 0);
  g_settings_reset (settings, "palette");
  g_object_get (diagram, "palette-choice", &choice, NULL);
  g_assert_cmpint (choice, ==, BP_PALETTE_CHOICE_AUTOMATIC);
  close_window (window);
}

/* The play rate setting is steps per second; the window's slider is logarithmic. */
static void
test_play_rate_setting (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  BpWindow *window = new_window ();
  GtkLabel *label = GTK_LABEL (find_child (GTK_WIDGET (window), "play_rate_label"));

  g_settings_set_double (settings, "play-rate", 100.0);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "100 steps per second");
  /* Slow enough to show each step whole: one every five seconds at the slowest. */
  g_settings_set_double (settings, "play-rate", 0.2);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "One step every 5 seconds");
  g_settings_reset (settings, "play-rate");
  g_assert_cmpstr (gtk_label_get_label (label), ==, "10 steps per second");
  close_window (window);
}

/* Closing keeps the size; the next window opens at it. */
static void
test_size_restored (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  BpWindow *window = NULL;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 700);
  window = new_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 700);

  gtk_window_set_default_size (GTK_WINDOW (window), 1010, 650);
  gtk_window_close (GTK_WINDOW (window));
  settle ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1010);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* A window given the state file shows its network, document and marker, and keeps it. */
static void
test_restore_state (void)
{
  g_autoptr(BpNetwork) trained = bp_network_new ();
  g_autoptr(GFile) state = temp_file ("state.json");
  g_autoptr(GFile) document = g_file_new_for_path ("/tmp/xor.backprop.json");
  g_auto(BpFileSession) session = { 0 };
  g_autoptr(BpNetwork) kept = NULL;
  BpWindow *window = new_window ();

  g_assert_true (bp_network_step_n (trained, 12, NULL));
  g_assert_true (bp_state_save (state, trained, document, TRUE, NULL));
  bp_window_restore_state (window, state);
  g_assert_cmpuint (bp_network_get_step_count (bp_window_get_network (window)), ==, 12);
  g_assert_cmpstr (subtitle (window), ==, "• xor.backprop.json");

  /* Closing writes the state again, with the steps taken since. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  gtk_window_close (GTK_WINDOW (window));
  settle ();
  kept = bp_state_load (state, &session, NULL);
  g_assert_nonnull (kept);
  g_assert_cmpuint (bp_network_get_step_count (kept), ==, 13);
  g_assert_cmpstr (session.document_path, ==, "/tmp/xor.backprop.json");
  g_assert_true (session.document_modified);
}

/* Opening a file or restoring the state loads into the window's one network: the views and
 * the controls show the new shape at once, and play stops. */
static void
test_open_in_place (void)
{
  static const guint sizes[] = { 3, 2 };
  static const BpActivation acts[] = { BP_ACTIVATION_LINEAR };
  BpNet *net = bp_net_new (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  g_autoptr(BpNetwork) wide = NULL;
  g_autoptr(BpNetwork) shown = NULL;
  g_autoptr(GFile) file = temp_file ("wide.backprop.json");
  g_autoptr(GFile) state = temp_file ("state.json");
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  GtkWidget *diagram = find_child (GTK_WIDGET (window), "diagram");
  GtkButton *play = GTK_BUTTON (find_child (GTK_WIDGET (window), "play_button"));
  GtkSpinButton *x3;

  bp_net_init_seeded (net, 3);
  wide = bp_network_new_from_net (net, NULL);
  g_assert_true (bp_network_save (wide, file, NULL));
  g_assert_null (find_spin_named (GTK_WIDGET (window), "x3"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_cmpstr (gtk_button_get_label (play), ==, "Pause");

  g_assert_true (bp_window_open_file (window, file, NULL));
  g_assert_true (bp_window_get_network (window) == network);
  g_object_get (diagram, "network", &shown, NULL);
  g_assert_true (shown == network);
  g_assert_cmpstr (gtk_button_get_label (play), ==, "Play");
  g_assert_cmpuint (bp_network_get_n_layers (network), ==, 1);
  g_assert_nonnull (find_spin_named (GTK_WIDGET (window), "t2"));
  x3 = GTK_SPIN_BUTTON (find_spin_named (GTK_WIDGET (window), "x3"));
  g_assert_nonnull (x3);
  gtk_editable_set_text (GTK_EDITABLE (x3), "0.75");
  gtk_spin_button_update (x3);
  g_assert_cmpfloat (bp_network_get_input (network, 2), ==, 0.75);
  /* The loss chart starts with the file's network. */
  g_assert_cmpuint (bp_history_get_length (bp_network_get_history (network)), ==, 1);

  /* The state of the last run comes back the same way. */
  g_assert_true (bp_state_save (state, wide, NULL, TRUE, NULL));
  bp_window_restore_state (window, state);
  g_assert_true (bp_window_get_network (window) == network);
  g_assert_cmpfloat (bp_network_get_input (network, 2), ==, 0.0);
  close_window (window);
}

/* A new window explains a weight at once, with the guide still in front; opening a file
 * keeps the selection it still has, and otherwise selects its first hidden-to-output weight. */
static void
test_fresh_selection (void)
{
  static const guint sizes[] = { 3, 2 };
  static const BpActivation acts[] = { BP_ACTIVATION_LINEAR };
  BpNet *net = bp_net_new (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  g_autoptr(BpNetwork) wide = NULL;
  g_autoptr(GFile) same = temp_file ("same.backprop.json");
  g_autoptr(GFile) other = temp_file ("other.backprop.json");
  BpWindow *window = new_window ();
  BpMathPanel *panel = BP_MATH_PANEL (find_child (GTK_WIDGET (window), "math_panel"));
  GtkStack *side = GTK_STACK (find_child (GTK_WIDGET (window), "side_stack"));
  BpSelection selection, h3 = { BP_SELECTION_CONNECTION, 1, 0, 2 };
  g_autofree char *text = NULL;

  bp_math_panel_get_selection (panel, &selection);
  g_assert_cmpint (selection.kind, ==, BP_SELECTION_CONNECTION);
  g_assert_cmpuint (selection.layer, ==, 1);
  g_assert_cmpuint (selection.to, ==, 0);
  g_assert_cmpuint (selection.from, ==, 0);
  text = bp_math_panel_describe (panel);
  g_assert_nonnull (strstr (text, "Weight from h1 to y1"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (side), ==, "guide");

  /* A file of the same shape keeps the selection. */
  g_assert_true (bp_network_save (bp_window_get_network (window), same, NULL));
  bp_math_panel_set_selection (panel, &h3);
  g_assert_true (bp_window_open_file (window, same, NULL));
  bp_math_panel_get_selection (panel, &selection);
  g_assert_true (bp_selection_equal (&selection, &h3));

  /* One without it: its first hidden-to-output weight, here x1 → y1. */
  bp_net_init_seeded (net, 3);
  wide = bp_network_new_from_net (net, NULL);
  g_assert_true (bp_network_save (wide, other, NULL));
  g_assert_true (bp_window_open_file (window, other, NULL));
  bp_math_panel_get_selection (panel, &selection);
  g_assert_cmpint (selection.kind, ==, BP_SELECTION_CONNECTION);
  g_assert_cmpuint (selection.layer, ==, 0);
  g_clear_pointer (&text, g_free);
  text = bp_math_panel_describe (panel);
  g_assert_nonnull (strstr (text, "Weight from x1 to y1"));
  close_window (window);
}

/* "Set this up" does what the guide's recipe says: x1 = 1, x2 = 0, the target 1, shown in
 * the spin buttons, and the weight x1 → h1 explained in the Math panel, the guide still in
 * front. On a network of another shape it is greyed out and its tooltip says why. */
static void
test_try_this (void)
{
  static const guint sizes[] = { 3, 2 };
  static const BpActivation acts[] = { BP_ACTIVATION_LINEAR };
  BpNet *net = bp_net_new (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  g_autoptr(BpNetwork) wide = NULL;
  g_autoptr(GFile) other = temp_file ("three.backprop.json");
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  BpMathPanel *panel = BP_MATH_PANEL (find_child (GTK_WIDGET (window), "math_panel"));
  GtkStack *side = GTK_STACK (find_child (GTK_WIDGET (window), "side_stack"));
  GtkWidget *button = find_child (GTK_WIDGET (window), "try_button");
  BpSelection selection;
  g_autofree char *text = NULL;

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Set this up");
  g_assert_true (gtk_widget_is_sensitive (button));
  bp_network_set_input (network, 0, -0.5);
  bp_network_set_input (network, 1, 0.75);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.try-this", NULL));
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 1.0);
  g_assert_cmpfloat (bp_network_get_input (network, 1), ==, 0.0);
  g_assert_cmpfloat (bp_network_get_target (network, 0), ==, 1.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (
                       find_spin_named (GTK_WIDGET (window), "x1"))), ==, 1.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (
                       find_spin_named (GTK_WIDGET (window), "x2"))), ==, 0.0);
  bp_math_panel_get_selection (panel, &selection);
  g_assert_cmpint (selection.kind, ==, BP_SELECTION_CONNECTION);
  g_assert_cmpuint (selection.layer, ==, 0);
  g_assert_cmpuint (selection.to, ==, 0);
  g_assert_cmpuint (selection.from, ==, 0);
  text = bp_math_panel_describe (panel);
  g_assert_nonnull (strstr (text, "Weight from x1 to h1"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (side), ==, "guide");

  /* Three inputs and two outputs: not the recipe's network. */
  bp_net_init_seeded (net, 3);
  wide = bp_network_new_from_net (net, NULL);
  g_assert_true (bp_network_save (wide, other, NULL));
  g_assert_true (bp_window_open_file (window, other, NULL));
  network = bp_window_get_network (window);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "2 inputs and 1 output"));
  bp_network_set_input (network, 0, 0.25);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.try-this", NULL);
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 0.25);
  close_window (window);
}

/* A corrupt state file is set aside; the window shows the default network. */
static void
test_corrupt_state (void)
{
  g_autoptr(GFile) state = temp_file ("state.json");
  g_autoptr(GFile) folder = g_file_get_parent (state);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GFileInfo) info = NULL;
  BpWindow *window = new_window ();

  g_assert_true (g_file_replace_contents (state, "[1, 2", 5, NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, NULL));
  bp_window_restore_state (window, state);
  g_assert_cmpuint (bp_network_get_step_count (bp_window_get_network (window)), ==, 0);
  g_assert_cmpstr (subtitle (window), ==, "Untitled");
  g_assert_false (g_file_query_exists (state, NULL));
  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
  info = g_file_enumerator_next_file (children, NULL, NULL);
  g_assert_nonnull (info);
  g_assert_true (g_str_has_prefix (g_file_info_get_name (info), "state.json.broken-"));
  close_window (window);
}

/* The alert the window shows, or NULL: an AdwMessageDialog, a window of its own, before
 * libadwaita 1.5; since then an AdwAlertDialog inside the window. */
#if ADW_CHECK_VERSION (1, 5, 0)
typedef AdwAlertDialog TestAlert;
# define alert_get_body adw_alert_dialog_get_body
# define alert_has_response adw_alert_dialog_has_response

static TestAlert *
find_alert (BpWindow *window)
{
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));

  return ADW_IS_ALERT_DIALOG (dialog) ? ADW_ALERT_DIALOG (dialog) : NULL;
}

static gboolean
is_button (GtkWidget     *widget,
           gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* Answers the alert as a click on the response's button does: the alert closes, then says
 * which response it was. */
static void
respond (TestAlert  *alert,
         const char *response)
{
  const char *label = adw_alert_dialog_get_response_label (alert, response);
  GtkWidget *button = find_widget (GTK_WIDGET (alert), is_button, label);
  g_autoptr(GTimer) timer = g_timer_new ();

  g_assert_nonnull (button);
  g_object_ref (alert);
  g_signal_emit_by_name (button, "clicked");
  /* It leaves the window at the end of its closing animation; until then it would still be
   * the one that find_alert () finds. */
  while (gtk_widget_get_root (GTK_WIDGET (alert)) != NULL && g_timer_elapsed (timer, NULL) < 10)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (gtk_widget_get_root (GTK_WIDGET (alert)));
  g_object_unref (alert);
}
#else
typedef AdwMessageDialog TestAlert;
# define alert_get_body adw_message_dialog_get_body
# define alert_has_response adw_message_dialog_has_response

static TestAlert *
find_alert (BpWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, k);

      if (ADW_IS_MESSAGE_DIALOG (item))
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}

static void
respond (TestAlert  *alert,
         const char *response)
{
  adw_message_dialog_response (alert, response);
  gtk_window_destroy (GTK_WINDOW (alert));
}
#endif

/* Opening over unsaved changes asks first; Cancel keeps them, Discard opens the file. */
static void
test_open_asks (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  g_autoptr(BpNetwork) other = bp_network_new ();
  g_autoptr(GFile) file = temp_file ("other.backprop.json");
  TestAlert *dialog;

  g_assert_true (bp_network_step_n (other, 3, NULL));
  g_assert_true (bp_network_save (other, file, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);

  bp_window_request_open (window, file);
  dialog = find_alert (window);
  g_assert_nonnull (dialog);
  g_assert_true (alert_has_response (dialog, "save"));
  respond (dialog, "cancel");
  g_assert_true (bp_window_get_network (window) == network);
  g_assert_true (bp_window_get_modified (window));

  bp_window_request_open (window, file);
  dialog = find_alert (window);
  respond (dialog, "discard");
  g_assert_cmpuint (bp_network_get_step_count (bp_window_get_network (window)), ==, 3);
  g_assert_cmpstr (subtitle (window), ==, "other.backprop.json");
  close_window (window);
}

static const char *
spin_text (GtkSpinButton *spin)
{
  return gtk_editable_get_text (GTK_EDITABLE (spin));
}

/* The user leaves the field, by Tab or Enter: both end in gtk_spin_button_update (). */
static void
type_into (GtkSpinButton *spin,
           const char    *text)
{
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (spin);
}

/* The spin buttons show a file's numbers exactly, beyond their old ranges; tabbing through
 * them changes nothing, typing changes exactly what was typed. */
static void
test_exact_spins (void)
{
  g_autoptr(BpNetwork) saved = bp_network_new ();
  g_autoptr(GFile) file = temp_file ("exact.backprop.json");
  BpWindow *window = new_window ();
  BpNetwork *network;
  GtkSpinButton *x1, *x2, *t1, *rate;

  bp_network_set_input (saved, 0, 0.123456789);
  bp_network_set_input (saved, 1, 5000.0);
  bp_network_set_learning_rate (saved, 0.123456789);
  g_assert_true (bp_network_set_target (saved, 0, 0.987654321, NULL));
  g_assert_true (bp_network_save (saved, file, NULL));
  g_assert_true (bp_window_open_file (window, file, NULL));
  network = bp_window_get_network (window);
  x1 = GTK_SPIN_BUTTON (find_spin_named (GTK_WIDGET (window), "x1"));
  x2 = GTK_SPIN_BUTTON (find_spin_named (GTK_WIDGET (window), "x2"));
  t1 = GTK_SPIN_BUTTON (find_spin_named (GTK_WIDGET (window), "t1"));
  rate = GTK_SPIN_BUTTON (find_child (GTK_WIDGET (window), "rate_spin"));
  g_assert_cmpstr (spin_text (x1), ==, "0.123456789");
  g_assert_cmpstr (spin_text (x2), ==, "5000");
  g_assert_cmpstr (spin_text (t1), ==, "0.987654321");
  g_assert_cmpstr (spin_text (rate), ==, "0.123456789");

  type_into (x1, NULL);
  type_into (x2, NULL);
  type_into (t1, NULL);
  type_into (rate, NULL);
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 0.123456789);
  g_assert_cmpfloat (bp_network_get_input (network, 1), ==, 5000.0);
  g_assert_cmpfloat (bp_network_get_target (network, 0), ==, 0.987654321);
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 0.123456789);
  g_assert_false (bp_window_get_modified (window));
  g_assert_cmpstr (subtitle (window), ==, "exact.backprop.json");

  /* η below the old floor of 10⁻⁶ shows as it is, and stays. */
  bp_network_set_learning_rate (network, 1e-8);
  g_assert_cmpstr (spin_text (rate), ==, "1e\u221208");
  type_into (rate, NULL);
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 1e-8);

  /* Typed numbers are taken exactly, even a change GtkSpinButton alone would ignore. */
  type_into (x1, "0.25");
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 0.25);
  type_into (rate, "1.5e-12");
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 1.5e-12);
  type_into (x2, "-123456.75");
  g_assert_cmpfloat (bp_network_get_input (network, 1), ==, -123456.75);
  /* A negative number shows a true minus, as the nodes do; typed back it reads, and so
   * does a true minus typed or pasted. */
  g_assert_cmpstr (spin_text (x2), ==, "\u2212123456.75");
  type_into (x2, NULL);
  g_assert_cmpfloat (bp_network_get_input (network, 1), ==, -123456.75);
  type_into (x2, "\u22120.5");
  g_assert_cmpfloat (bp_network_get_input (network, 1), ==, -0.5);
  g_assert_cmpstr (spin_text (x2), ==, "\u22120.5");
  type_into (x2, "-0.25");
  g_assert_cmpfloat (bp_network_get_input (network, 1), ==, -0.25);
  g_assert_false (gtk_widget_get_direction (GTK_WIDGET (x2)) == GTK_TEXT_DIR_RTL);
  /* What is no number is undone. */
  type_into (x1, "0.5x");
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 0.25);
  g_assert_cmpstr (spin_text (x1), ==, "0.25");

  /* In a locale with decimal commas the numbers show them, and both ',' and '.' read. */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL)
    {
      bp_network_set_input (network, 0, 0.123456789);
      g_assert_cmpstr (spin_text (x1), ==, "0,123456789");
      type_into (x1, NULL);
      g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 0.123456789);
      type_into (x1, "0,75");
      g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 0.75);
      type_into (x1, "1.5");
      g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 1.5);
      setlocale (LC_NUMERIC, "C");
    }
  else
    {
      g_test_message ("no de_DE.UTF-8 locale: decimal commas not checked");
    }
  close_window (window);
}

/* A change that is no step, such as a new target, may raise the loss a thousandfold; that
 * is no overshooting step, and Play goes on. */
static void
test_no_false_runaway (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  GtkRevealer *banner = GTK_REVEALER (find_child (GTK_WIDGET (window), "diverged_revealer"));
  GtkButton *play = GTK_BUTTON (find_child (GTK_WIDGET (window), "play_button"));

  g_assert_true (bp_network_set_activation (network, 1, BP_ACTIVATION_LINEAR, NULL));
  for (guint k = 0; k < 100 && bp_network_get_loss (network) > 1e-8; k++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL);
  g_assert_cmpfloat (bp_network_get_loss (network), <, 1e-6);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_cmpstr (gtk_button_get_label (play), ==, "Pause");
  g_assert_true (bp_network_set_target (network, 0, -1.8, NULL));
  g_assert_cmpfloat (bp_network_get_loss (network), >, 1.0);
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  g_assert_cmpstr (gtk_button_get_label (play), ==, "Pause");

  /* The steps from there bring the loss down, and nothing is said. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_cmpstr (gtk_button_get_label (play), ==, "Play");
  close_window (window);
}

static void
set_flag (gpointer  object,
          gboolean *flag)
{
  *flag = TRUE;
}

/* A window whose state file cannot be written: its folder is a regular file. */
static BpWindow *
new_window_without_state (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bp-window-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "backprop", NULL);
  g_autofree char *path = g_build_filename (folder, "state.json", NULL);
  g_autoptr(GFile) state = g_file_new_for_path (path);
  BpWindow *window = new_window ();

  /* No state file yet: the window keeps its network there from now on. */
  bp_window_restore_state (window, state);
  g_assert_true (g_file_set_contents (folder, "", 0, NULL));
  return window;
}

/* In a right-to-left language a negative number still reads "−0.5", not "0.5−": the
 * spin buttons lead with a left-to-right mark, which tabbing through leaves alone and a
 * typed number does without. */
static void
test_spins_right_to_left (void)
{
  BpWindow *window;
  BpNetwork *network;
  GtkSpinButton *x2, *rate;

  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  window = new_window ();
  network = bp_window_get_network (window);
  x2 = GTK_SPIN_BUTTON (find_spin_named (GTK_WIDGET (window), "x2"));
  rate = GTK_SPIN_BUTTON (find_child (GTK_WIDGET (window), "rate_spin"));
  bp_network_set_input (network, 1, -0.5);
  bp_network_set_learning_rate (network, 0.5);
  settle ();
  g_assert_cmpstr (spin_text (x2), ==, "\u200E\u22120.5");
  g_assert_cmpstr (spin_text (rate), ==, "\u200E0.5");
  type_into (x2, NULL);
  type_into (rate, NULL);
  settle ();
  g_assert_cmpfloat (bp_network_get_input (network, 1), ==, -0.5);
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 0.5);
  type_into (x2, "-0.25");
  g_assert_cmpfloat (bp_network_get_input (network, 1), ==, -0.25);
  g_assert_cmpstr (spin_text (x2), ==, "\u200E\u22120.25");
  close_window (window);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

/* Closing when the state file cannot be written would lose the changes: the window stays,
 * says why, and lets the user save them or let them go. */
static void
test_close_unwritable_state (void)
{
  BpWindow *window = new_window_without_state ();
  g_autoptr(GFile) file = temp_file ("kept.backprop.json");
  g_autoptr(BpNetwork) kept = bp_network_new ();
  gboolean destroyed = FALSE;
  TestAlert *dialog;

  g_signal_connect (window, "destroy", G_CALLBACK (set_flag), &destroyed);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  gtk_window_close (GTK_WINDOW (window));
  settle ();
  g_assert_false (destroyed);
  dialog = find_alert (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (alert_get_body (dialog), "Could not save"));
  g_assert_true (alert_has_response (dialog, "discard"));

  respond (dialog, "cancel");
  settle ();
  g_assert_false (destroyed);
  g_assert_true (bp_window_get_modified (window));

  /* Discard: the user lets the changes go. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = find_alert (window);
  g_assert_nonnull (dialog);
  respond (dialog, "discard");
  settle ();
  g_assert_true (destroyed);

  /* Save: the changes go to the network's file, then the window closes. */
  window = new_window_without_state ();
  destroyed = FALSE;
  g_signal_connect (window, "destroy", G_CALLBACK (set_flag), &destroyed);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as-path", "s",
                              g_file_peek_path (file));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL);
  gtk_window_close (GTK_WINDOW (window));
  settle ();
  g_assert_false (destroyed);
  dialog = find_alert (window);
  g_assert_nonnull (dialog);
  respond (dialog, "save");
  settle ();
  g_assert_true (destroyed);
  g_assert_true (bp_network_load (kept, file, NULL));
  g_assert_cmpuint (bp_network_get_step_count (kept), ==, 10);
}

typedef struct {
  BpDiagram *diagram;
  guint steps;
  guint cut_short;   /* steps that began while the last one was still animated */
} PlayWatch;

static void
on_step_updated (BpNetwork *network,
                 PlayWatch *watch)
{
  if (watch->steps > 0 && bp_playback_get_busy (bp_diagram_get_playback (watch->diagram)))
    watch->cut_short++;
  watch->steps++;
}

/* Playing at 1 step per second with steps shown in 0.75 s (speed 4), each step's animation
 * runs to its end, gradient wave included, before the next step begins. */
static void
test_play_animates_fully (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  BpWindow *window;
  PlayWatch watch = { 0 };
  gboolean saw_backward = FALSE;
  gint64 start;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  g_settings_set_double (settings, "play-rate", 1.0);
  g_settings_set_double (settings, "animation-speed", 4.0);
  window = new_window ();
  watch.diagram = BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));
  g_signal_connect (bp_window_get_network (window), "updated", G_CALLBACK (on_step_updated),
                    &watch);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
      saw_backward |= bp_playback_get_phase (bp_diagram_get_playback (watch.diagram))
                      == BP_PHASE_BACKWARD;
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_test_message ("%u steps in 3 s", watch.steps);
  g_assert_cmpuint (watch.steps, >=, 2);
  g_assert_cmpuint (watch.cut_short, ==, 0);
  g_assert_true (saw_backward);

  g_signal_handlers_disconnect_by_data (bp_window_get_network (window), &watch);
  g_settings_reset (settings, "play-rate");
  g_settings_reset (settings, "animation-speed");
  close_window (window);
}

/* Export suggests the network file's name with only its network ending replaced. */
static void
test_export_name (void)
{
  static const struct {
    const char *document, *extension, *expected;
  } cases[] = {
    { "v1.2-run.backprop.json", "png", "v1.2-run.png" },
    { "try.backprop.json", "md", "try.md" },
    { "data.v2.json", "svg", "data.v2.svg" },
    { "notes.txt", "pdf", "notes.txt.pdf" },
    { "Untitled", "png", "Untitled.png" },
    { ".json", "png", ".json.png" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *name = bp_window_export_name (cases[k].document, cases[k].extension);

      g_assert_cmpstr (name, ==, cases[k].expected);
    }
}

/* Play turns into Pause without changing its width, so Reset beside it stays put. */
static void
test_play_width (void)
{
  BpWindow *window = new_window ();
  GtkButton *play = GTK_BUTTON (find_child (GTK_WIDGET (window), "play_button"));
  int playing, paused;

  gtk_widget_measure (GTK_WIDGET (play), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &paused,
                      NULL, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_cmpstr (gtk_button_get_label (play), ==, "Pause");
  gtk_widget_measure (GTK_WIDGET (play), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &playing,
                      NULL, NULL);
  g_assert_cmpint (playing, ==, paused);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_cmpstr (gtk_button_get_label (play), ==, "Play");
  gtk_widget_measure (GTK_WIDGET (play), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &paused,
                      NULL, NULL);
  g_assert_cmpint (playing, ==, paused);
  close_window (window);
}

static gboolean
is_reset_button (GtkWidget     *widget,
                 gconstpointer  found)
{
  if (GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.reset") == 0)
    {
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (widget)), ==, "Reset");
      (*(guint *) found)++;
    }
  return FALSE;
}

/* Reset is called Reset wherever it appears: the header, the banner and the menu. */
static void
test_one_name (void)
{
  BpWindow *window = new_window ();
  GtkMenuButton *menu = GTK_MENU_BUTTON (find_child (GTK_WIDGET (window), "menu_button"));
  GMenuModel *model = gtk_menu_button_get_menu_model (menu);
  guint buttons = 0, items = 0;

  find_widget (GTK_WIDGET (window), is_reset_button, &buttons);
  g_assert_cmpuint (buttons, ==, 2);
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      GMenuModel *section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;
          g_autofree char *label = NULL;

          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          if (g_strcmp0 (action, "win.reset") != 0)
            continue;
          g_assert_cmpstr (label, ==, "_Reset");
          items++;
        }
      g_clear_object (&section);
    }
  g_assert_cmpuint (items, ==, 1);
  close_window (window);
}

/* The side panel lies in a split view: an AdwFlap before libadwaita 1.4, an
 * AdwOverlaySplitView from it on. */
#if ADW_CHECK_VERSION (1, 4, 0)
# define SPLIT_TYPE ADW_TYPE_OVERLAY_SPLIT_VIEW
# define SPLIT_SHOWN "show-sidebar"
# define SPLIT_FOLDED "collapsed"
#else
# define SPLIT_TYPE ADW_TYPE_FLAP
# define SPLIT_SHOWN "reveal-flap"
# define SPLIT_FOLDED "folded"
#endif

static GtkWidget *
side_split (BpWindow *window)
{
  GtkWidget *split = gtk_widget_get_ancestor (find_child (GTK_WIDGET (window), "side_panel"),
                                              SPLIT_TYPE);

  g_assert_nonnull (split);
  return split;
}

static gboolean
panel_shown (BpWindow *window)
{
  gboolean shown;

  g_object_get (side_split (window), SPLIT_SHOWN, &shown, NULL);
  return shown;
}

/* The side panel's button shows a sidebar, and its tooltip says what a click will do. */
static void
test_side_button (void)
{
  BpWindow *window = new_window ();
  GtkWidget *button = find_child (GTK_WIDGET (window), "side_button");
  gboolean shown = panel_shown (window);

  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==,
                   "sidebar-show-right-symbolic");
  for (guint k = 0; k < 2; k++)
    {
      g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)), ==, shown);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                       shown ? "Hide the side panel" : "Show the side panel");
      g_signal_emit_by_name (button, "clicked");
      g_assert_cmpint (panel_shown (window), !=, shown);
      shown = !shown;
    }
  /* F1 opens the panel from anywhere, and the button follows. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-guide", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.help", NULL);
  g_assert_true (panel_shown (window));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Hide the side panel");
  close_window (window);
}

/* Lowering η does not shrink weights that are already huge: the banner then says so and
 * points to Reset; the banner is out of the accessibility tree whenever it is hidden. */
static void
test_diverged_lowered (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  GtkRevealer *banner = GTK_REVEALER (find_child (GTK_WIDGET (window), "diverged_revealer"));
  GtkWidget *box = gtk_revealer_get_child (banner);
  GtkLabel *message = GTK_LABEL (find_child (GTK_WIDGET (window), "diverged_label"));
  GtkWidget *reset = find_child (GTK_WIDGET (window), "diverged_reset_button");
  gint64 end;

  g_assert_false (gtk_widget_get_visible (box));
  bp_network_set_learning_rate (network, 100.0);
  g_assert_true (bp_network_set_activation (network, 1, BP_ACTIVATION_LINEAR, NULL));
  g_assert_true (bp_network_set_target (network, 0, 1e150, NULL));
  g_assert_false (bp_network_get_diverged (network));
  for (guint k = 0; k < 20 && !bp_network_get_diverged (network); k++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL);
  g_assert_true (bp_network_get_diverged (network));
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_assert_true (gtk_widget_get_visible (box));
  g_assert_null (strstr (gtk_label_get_label (message), "already huge"));
  g_assert_false (gtk_widget_has_css_class (reset, "suggested-action"));
  /* Raising η is no way out, and changes nothing. */
  bp_network_set_learning_rate (network, 100.0);
  g_assert_null (strstr (gtk_label_get_label (message), "already huge"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.lower-rate", NULL);
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "already huge"));
  g_assert_true (gtk_widget_has_css_class (reset, "suggested-action"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (reset)), ==, "win.reset");

  g_signal_emit_by_name (reset, "clicked");
  g_assert_false (bp_network_get_diverged (network));
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (gtk_widget_get_visible (box) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gtk_widget_get_visible (box));
  g_assert_false (gtk_widget_has_css_class (reset, "suggested-action"));
  close_window (window);
}

/* The window works at 800×600: its content fits in 800 pixels by 600, with the side panel
 * open or not; a narrow window's panel takes the controls sidebar's place. */
static void
test_fits_800x600 (void)
{
  BpWindow *window = new_window ();
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  GtkWidget *sidebar = find_child (GTK_WIDGET (window), "controls_sidebar");
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  while (panel_shown (window) && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <, 1100);
  g_assert_false (panel_shown (window));
  g_assert_true (gtk_widget_get_visible (sidebar));
  for (guint k = 0; k < 2; k++)
    {
      int width, height;

      gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
      gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, 800, &height, NULL, NULL, NULL);
      g_test_message ("minimum %d × %d", width, height);
      g_assert_cmpint (width, <=, 800);
      g_assert_cmpint (height, <=, 600);
      /* F1 opens the panel in the narrow window, in the sidebar's place. */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.help", NULL);
      g_assert_true (panel_shown (window));
      g_assert_false (gtk_widget_get_visible (sidebar));
    }
  /* Closing it brings the sidebar back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-guide", NULL);
  g_assert_true (gtk_widget_get_visible (sidebar));
  close_window (window);
}

/* Presentation mode (F11's action): the controls sidebar and the side panel step aside and
 * the diagram grows; leaving gives both back, and the user's zoom, which it never saved. */
static void
test_presentation (void)
{
  BpWindow *window = new_window ();
  GtkWidget *sidebar = find_child (GTK_WIDGET (window), "controls_sidebar");
  BpDiagram *diagram = BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));
  GtkWidget *chart = find_child (GTK_WIDGET (window), "sparkline");
  double zoom;
  int chart_height, height;
  gboolean presenting;

  bp_diagram_set_zoom (diagram, 1.25);
  zoom = bp_diagram_get_zoom (diagram);
  gtk_widget_get_size_request (chart, NULL, &chart_height);
  g_object_set (side_split (window), SPLIT_SHOWN, TRUE, NULL);
  g_assert_true (gtk_widget_get_visible (sidebar));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  g_object_get (window, "presentation", &presenting, NULL);
  g_assert_true (presenting);
  g_assert_false (gtk_widget_get_visible (sidebar));
  g_assert_false (panel_shown (window));
  g_assert_cmpfloat (bp_diagram_get_zoom (diagram), >, zoom);
  gtk_widget_get_size_request (chart, NULL, &height);
  g_assert_cmpint (height, >=, 2 * chart_height);
  /* Wide or narrow, the side panel stays aside while presenting. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  for (guint k = 0; k < 20; k++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (panel_shown (window));

  /* The action again (F11; Esc is the end-to-end test's) leaves it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  g_object_get (window, "presentation", &presenting, NULL);
  g_assert_false (presenting);
  gtk_widget_get_size_request (chart, NULL, &height);
  g_assert_cmpint (height, ==, chart_height);
  g_assert_true (gtk_widget_get_visible (sidebar));
  g_assert_true (panel_shown (window));
  g_assert_cmpfloat (bp_diagram_get_zoom (diagram), ==, zoom);
  close_window (window);
}

/* Gives the window @width × @height and waits until it has about that and its panels have settled
 * (animations are off in the tests that call it). */
static void
resize_and_settle (BpWindow *window,
                   int       width,
                   int       height)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  /* The window's own width leaves out what its frame takes, some pixels. */
  while (abs (gtk_widget_get_width (GTK_WIDGET (window)) - width) > 16
         && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpint (abs (gtk_widget_get_width (GTK_WIDGET (window)) - width), <=, 16);
  for (guint k = 0; k < 50; k++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
set_animations (gboolean on)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", on, NULL);
}

/* The text size of the values in the window's diagram as it is drawn now. */
static double
diagram_font_px (BpDiagram *diagram)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpDiagramCache *cache;
  BpDiagramFrame frame;

  bp_diagram_fill_frame (diagram, &frame);
  frame.cache = NULL;
  cache = bp_diagram_cache_for (&temporary, gtk_widget_get_width (GTK_WIDGET (diagram)),
                                gtk_widget_get_height (GTK_WIDGET (diagram)), &frame);
  return cache->font_px;
}

/* At 1024×768 (a projector's size) the side panel opens beside the diagram, which keeps
 * most of the window and its full text size; in a narrower window the panel lies over the
 * diagram instead of squeezing it, and clicking the button again takes it away. */
static void
test_panel_never_squeezes (void)
{
  BpWindow *window;
  BpDiagram *diagram;
  GtkWidget *sidebar;
  gboolean folded;
  int width;

  set_animations (FALSE);
  window = new_window ();
  diagram = BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));
  sidebar = find_child (GTK_WIDGET (window), "controls_sidebar");
  bp_diagram_set_zoom (diagram, 1.0);
  resize_and_settle (window, 1024, 768);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.help", NULL);
  resize_and_settle (window, 1024, 768);
  g_assert_true (panel_shown (window));
  g_object_get (side_split (window), SPLIT_FOLDED, &folded, NULL);
  g_assert_false (folded);
  g_test_message ("1024×768 with the panel: diagram %d px wide, text %.1f px",
                  gtk_widget_get_width (GTK_WIDGET (diagram)), diagram_font_px (diagram));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (diagram)), >=, 600);
  g_assert_cmpfloat (diagram_font_px (diagram), >=, 13.0);

  /* 700 pixels: the panel lies over the diagram, which keeps its width and its text. */
  resize_and_settle (window, 700, 560);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.help", NULL);
  resize_and_settle (window, 700, 560);
  g_assert_true (panel_shown (window));
  g_object_get (side_split (window), SPLIT_FOLDED, &folded, NULL);
  g_assert_true (folded);
  width = gtk_widget_get_width (GTK_WIDGET (diagram));
  g_test_message ("700×560 with the panel over it: diagram %d px wide, text %.1f px", width,
                  diagram_font_px (diagram));
  g_assert_cmpint (width, >=, 640);
  g_assert_false (gtk_widget_get_visible (sidebar));
  g_assert_cmpfloat (diagram_font_px (diagram), >=, 11.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-guide", NULL);
  g_assert_false (panel_shown (window));
  g_assert_true (gtk_widget_get_visible (sidebar));
  close_window (window);
  set_animations (TRUE);
}

/* A maximised window on a 1920×1080 or a 4K screen shows the diagram large, not small
 * nodes in a sea of space: nodes and text grow with the room (here the diagram's room
 * beside both panels). */
static void
test_diagram_fills_large_screens (void)
{
  static const struct { int width, height; double font_px; } sizes[] = {
    { 640, 560, 13.5 },     /* 1280×800, the default window: as before */
    { 1270, 860, 22.0 },    /* 1920×1080 */
    { 3190, 1940, 45.0 },   /* 3840×2160 */
  };
  BpWindow *window = new_window ();
  BpDiagram *diagram = BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      g_autoptr(BpDiagramCache) temporary = NULL;
      BpDiagramCache *cache;
      BpDiagramFrame frame;
      BpDiagramBox top, bottom;
      const BpNet *net;

      bp_diagram_fill_frame (diagram, &frame);
      frame.cache = NULL;
      frame.text_scale = 1.0;
      frame.zoom = 1.0;
      net = frame.after;
      cache = bp_diagram_cache_for (&temporary, sizes[k].width, sizes[k].height, &frame);
      g_assert_true (bp_diagram_frame_node_box (sizes[k].width, sizes[k].height, &frame, 1, 0,
                                                &top));
      g_assert_true (bp_diagram_frame_node_box (sizes[k].width, sizes[k].height, &frame, 1,
                                                net->sizes[1] - 1, &bottom));
      g_test_message ("%d×%d: text %.1f px, nodes %.0f px, the hidden column %.0f px tall",
                      sizes[k].width, sizes[k].height, cache->font_px, 2 * top.half_height,
                      bottom.y - top.y + 2 * top.half_height);
      g_assert_cmpfloat (cache->font_px, >=, sizes[k].font_px);
      g_assert_cmpfloat (cache->font_px, <=, 1.25 * sizes[k].font_px + 6.0);
      /* The tallest column takes at least half the height. */
      if (k > 0)
        g_assert_cmpfloat (bottom.y - top.y + 2 * top.half_height, >=, 0.5 * sizes[k].height);
    }
  close_window (window);
}

/* Whether the headings of a diagram drawn at @width × @height and @zoom stay apart and
 * inside it. */
static void
assert_headings_apart (BpDiagram *diagram,
                       int        width,
                       int        height,
                       double     zoom)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpDiagramCache *cache;
  BpDiagramFrame frame;
  double last_right = 0.0;

  bp_diagram_fill_frame (diagram, &frame);
  frame.cache = NULL;
  frame.zoom = zoom;
  cache = bp_diagram_cache_for (&temporary, width, height, &frame);
  for (guint c = 0; c <= frame.after->n_layers + 2; c++)
    {
      PangoRectangle ink, logical;
      double left, right;

      pango_layout_get_pixel_extents (cache->headers[c], &ink, &logical);
      left = cache->header_x[c] - logical.width / 2.0 + (ink.x - logical.x);
      right = left + ink.width;
      if (left < last_right || right > width)
        g_error ("%d×%d at zoom %g: heading %u “%s” spans %.1f…%.1f, the one before ends at "
                 "%.1f", width, height, zoom, c, pango_layout_get_text (cache->headers[c]),
                 left, right, last_right);
      last_right = right;
    }
}

/* Ctrl+plus never makes the column headings collide: at every zoom, in a narrow and a wide
 * diagram, for the default network and a deeper one. */
static void
test_headings_never_collide (void)
{
  static const double zooms[] = { 0.5, 1.0, 1.25, 1.5625, 2.0, 2.44, 3.05, 4.0 };
  static const int sizes[][2] = { { 455, 420 }, { 683, 560 }, { 1270, 860 }, { 1920, 900 } };
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  BpDiagram *diagram = BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));

  for (guint n = 0; n < 2; n++)
    {
      for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
        for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
          assert_headings_apart (diagram, sizes[k][0], sizes[k][1], zooms[z]);
      {
        static const guint deep[] = { 2, 4, 3, 2, 1 };
        static const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                             BP_ACTIVATION_LEAKY_RELU, BP_ACTIVATION_SIGMOID };
        BpNet *net = bp_net_new (G_N_ELEMENTS (deep), deep, acts, BP_LOSS_CROSS_ENTROPY, NULL);

        bp_net_init_seeded (net, 1);
        g_assert_true (bp_network_load_net (network, net, NULL, NULL, NULL));
      }
    }
  close_window (window);
}

/* Presentation mode's zoom fits the screen; in a window that is not full screen (under
 * Xvfb nothing resizes it) the nodes and the legend shrink together to fit: the legend stays
 * inside the diagram, below the nodes, at the nodes' proportion. */
static void
test_presentation_legend_fits (void)
{
  BpWindow *window;
  BpDiagram *diagram;
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpDiagramCache *cache;
  BpDiagramFrame frame;
  int width, height;
  double lowest = 0.0;

  set_animations (FALSE);
  window = new_window ();
  diagram = BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));
  resize_and_settle (window, 1024, 768);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  resize_and_settle (window, 1024, 768);
  g_assert_cmpfloat (bp_diagram_get_zoom (diagram), >, 1.0);
  width = gtk_widget_get_width (GTK_WIDGET (diagram));
  height = gtk_widget_get_height (GTK_WIDGET (diagram));
  bp_diagram_fill_frame (diagram, &frame);
  frame.cache = NULL;
  cache = bp_diagram_cache_for (&temporary, width, height, &frame);
  g_test_message ("presenting at zoom %.2f in %d×%d: text %.1f px, legend %.1f px",
                  frame.zoom, width, height, cache->font_px, cache->small_px);
  g_assert_cmpfloat (fabs (cache->small_px / cache->font_px - 0.82), <, 0.01);
  for (guint i = 0; i < cache->n_nodes; i++)
    lowest = MAX (lowest, cache->nodes[i].y + cache->nodes[i].hh);
  for (guint i = 0; i < N_LEGEND; i++)
    {
      int w, h;

      pango_layout_get_pixel_size (cache->legend[i], &w, &h);
      g_assert_cmpfloat (cache->legend_x[i] + w, <=, width);
      g_assert_cmpfloat (cache->legend_y[i] - h / 2.0, >=, lowest);
      g_assert_cmpfloat (cache->legend_y[i] + h / 2.0, <=, height);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  close_window (window);
  set_animations (TRUE);
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);
  /* The application's style, as AdwApplication loads it: the side panel's switcher fits
   * its pages by it. */

  g_test_add_func ("/bp/window/template-builds", test_template_builds);
  g_test_add_func ("/bp/window/step-action", test_step_action);
  g_test_add_func ("/bp/window/loss-written-once", test_loss_written_once);
  g_test_add_func ("/bp/window/input-control", test_input_control);
  g_test_add_func ("/bp/window/reduced-motion", test_reduced_motion);
  g_test_add_func ("/bp/window/walk-one-moment", test_walk_one_moment);
  g_test_add_func ("/bp/window/open-too-large", test_open_too_large);
  g_test_add_func ("/bp/window/runaway-banner", test_runaway_banner);
  g_test_add_func ("/bp/window/no-heap-growth", test_no_heap_growth);
  g_test_add_func ("/bp/window/title-modified", test_title_modified);
  g_test_add_func ("/bp/window/zoom-setting", test_zoom_setting);
  g_test_add_func ("/bp/window/palette-setting", test_palette_setting);
  g_test_add_func ("/bp/window/play-rate-setting", test_play_rate_setting);
  g_test_add_func ("/bp/window/size-restored", test_size_restored);
  g_test_add_func ("/bp/window/restore-state", test_restore_state);
  g_test_add_func ("/bp/window/open-in-place", test_open_in_place);
  g_test_add_func ("/bp/window/fresh-selection", test_fresh_selection);
  g_test_add_func ("/bp/window/corrupt-state", test_corrupt_state);
  g_test_add_func ("/bp/window/open-asks", test_open_asks);
  g_test_add_func ("/bp/window/exact-spins", test_exact_spins);
  g_test_add_func ("/bp/window/spins-right-to-left", test_spins_right_to_left);
  g_test_add_func ("/bp/window/no-false-runaway", test_no_false_runaway);
  g_test_add_func ("/bp/window/close-unwritable-state", test_close_unwritable_state);
  g_test_add_func ("/bp/window/play-animates-fully", test_play_animates_fully);
  g_test_add_func ("/bp/window/export-name", test_export_name);
  g_test_add_func ("/bp/window/play-width", test_play_width);
  g_test_add_func ("/bp/window/one-name", test_one_name);
  g_test_add_func ("/bp/window/side-button", test_side_button);
  g_test_add_func ("/bp/window/diverged-lowered", test_diverged_lowered);
  g_test_add_func ("/bp/window/try-this", test_try_this);
  g_test_add_func ("/bp/window/presentation", test_presentation);
  g_test_add_func ("/bp/window/fits-800x600", test_fits_800x600);
  g_test_add_func ("/bp/window/panel-never-squeezes", test_panel_never_squeezes);
  g_test_add_func ("/bp/window/diagram-fills-large-screens", test_diagram_fills_large_screens);
  g_test_add_func ("/bp/window/headings-never-collide", test_headings_never_collide);
  g_test_add_func ("/bp/window/presentation-legend-fits", test_presentation_legend_fits);

  return g_test_run ();
}
