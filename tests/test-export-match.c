/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-match.c: the window's File → Export (the win.export-to-path action) and
 * `backprop-cli render` give the same picture, byte for byte, for the same network, palette,
 * selection, size and moment of a step, badges of saturated neurons included; and its PyTorch
 * script is `backprop-cli export-torch`'s for the saved file. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "bp-diagram.h"
#include "bp-health.h"
#include "bp-palette.h"
#include "bp-window.h"
#include "render-common.h"
#include "widget-tree.h"
#include "window-test.h"

#define WIDTH 1000
#define HEIGHT 600

/* The window's export of the diagram with @selection selected, at WIDTH × HEIGHT. */
static GBytes *
window_export (BpWindow          *window,
               const BpSelection *selection,
               const char        *path)
{
  BpDiagram *diagram = BP_DIAGRAM (find_child (GTK_WIDGET (window), "diagram"));
  BpSelection shown;

  g_assert_nonnull (diagram);
  bp_diagram_set_selection (diagram, selection);
  bp_diagram_get_selection (diagram, &shown);
  g_assert_cmpint (shown.kind, ==, selection->kind);
  g_remove (path);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to-path", "(sii)", path,
                              WIDTH, HEIGHT);
  return render_read (path);
}

static GBytes *
cli_render_moment (const char *network,
                   const char *palette,
                   const char *select,
                   const char *moment,
                   const char *path)
{
  g_autofree char *width = g_strdup_printf ("%d", WIDTH);
  g_autofree char *height = g_strdup_printf ("%d", HEIGHT);
  const char *args[] = { "render", network, "--output", path, "--palette", palette,
                         "--width", width, "--height", height,
                         "--moment", moment, select != NULL ? "--select" : NULL, select,
                         NULL };
  g_autoptr(CliRun) run = NULL;

  /* Without a moment, the options after it move up. */
  if (moment == NULL)
    memmove (&args[10], &args[12], 3 * sizeof args[0]);
  run = cli_run (args);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  return render_read (path);
}

static GBytes *
cli_render (const char *network,
            const char *palette,
            const char *select,
            const char *path)
{
  return cli_render_moment (network, palette, select, NULL, path);
}

/* Every palette the window's export can use (it never exports dark) × every kind of
 * selection: the window's PNG and backprop-cli's are the same bytes. */
static void
test_export_matches_render (void)
{
  static const struct {
    const char *setting;
    BpPaletteKind kind;
  } palettes[] = {
    { "automatic", BP_PALETTE_LIGHT },
    { "colour-blind-safe", BP_PALETTE_COLOUR_BLIND_LIGHT },
    { "high-contrast", BP_PALETTE_HIGH_CONTRAST_LIGHT },
  };
  static const struct {
    const char *select;
    BpSelection selection;
  } selections[] = {
    { NULL, { BP_SELECTION_NONE, 0, 0, 0 } },
    { "w:1:1:2", { BP_SELECTION_CONNECTION, 1, 1, 2 } },
    { "w:0:0:1", { BP_SELECTION_CONNECTION, 0, 0, 1 } },
    { "b:0:1", { BP_SELECTION_BIAS, 0, 1, 0 } },
    { "n:0:1", { BP_SELECTION_NODE, 0, 1, 0 } },
    { "n:2:0", { BP_SELECTION_NODE, 2, 0, 0 } },
  };
  g_autofree char *dir = render_make_tmp_dir ();
  g_autofree char *network = render_write_network (dir);
  g_autofree char *from_window = g_build_filename (dir, "window.png", NULL);
  g_autofree char *from_cli = g_build_filename (dir, "cli.png", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GFile) file = g_file_new_for_path (network);
  g_autoptr(GError) error = NULL;
  BpWindow *window = new_window ();

  g_assert_true (bp_window_open_file (window, file, &error));
  g_assert_no_error (error);

  for (guint p = 0; p < G_N_ELEMENTS (palettes); p++)
    {
      g_autoptr(GBytes) unselected = NULL;
      const char *name = bp_palette_kind_to_string (palettes[p].kind);

      g_assert_true (g_settings_set_string (settings, "palette", palettes[p].setting));
      for (guint s = 0; s < G_N_ELEMENTS (selections); s++)
        {
          g_autoptr(GBytes) a = window_export (window, &selections[s].selection, from_window);
          g_autoptr(GBytes) b = cli_render (network, name, selections[s].select, from_cli);
          guint w, h;

          g_test_message ("palette %s, select %s", name,
                          selections[s].select != NULL ? selections[s].select : "none");
          render_png_size (a, &w, &h);
          g_assert_cmpuint (w, ==, WIDTH);
          g_assert_cmpuint (h, ==, HEIGHT);
          g_assert_true (g_bytes_equal (a, b));
          /* The window really passes its selection: the picture shows it. */
          if (s == 0)
            unselected = g_bytes_ref (a);
          else
            g_assert_false (g_bytes_equal (a, unselected));
        }
    }

  /* Walked through its next step to a phase, the window exports that moment, caption and
   * pulses included, as render --moment draws it; each phase looks different. */
  {
    static const char *moments[] = {
      "update", "forward:1", "forward:2", "loss", "backward:2", "backward:1", "backward:0",
    };
    g_autoptr(GBytes) before = NULL;

    g_assert_true (g_settings_set_string (settings, "palette", "automatic"));
    g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
    for (guint k = 0; k < G_N_ELEMENTS (moments); k++)
      {
        g_autoptr(GBytes) a = NULL;
        g_autoptr(GBytes) b = cli_render_moment (network, "light", selections[1].select,
                                                 moments[k], from_cli);

        gtk_widget_activate_action (GTK_WIDGET (window), "win.next-phase", NULL);
        a = window_export (window, &selections[1].selection, from_window);
        g_test_message ("moment %s", moments[k]);
        g_assert_true (g_bytes_equal (a, b));
        if (before != NULL)
          g_assert_false (g_bytes_equal (a, before));
        g_clear_pointer (&before, g_bytes_unref);
        before = g_bytes_ref (a);
      }
    g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  }

  g_settings_reset (settings, "palette");
  close_window (window);
  render_remove_tmp_dir (dir);
}

/* A dataset file: the window and render both show its next mini-batch's first example and
 * the batch's gradients, with every node's map, still and at moments of a mini-batch step. */
static void
test_dataset_matches_render (void)
{
  static const char *moments[] = { NULL, "update", "forward:1", "loss", "backward:0" };
  /* Where each is in the walk through a step of two weight layers: update, forward:1,
   * forward:2, loss, backward:2, backward:1, backward:0. */
  static const guint walked[] = { 0, 1, 2, 4, 7 };
  guint presses = 0;
  g_autofree char *dir = render_make_tmp_dir ();
  g_autofree char *network = g_build_filename (dir, "spiral.json", NULL);
  g_autofree char *from_window = g_build_filename (dir, "window.png", NULL);
  g_autofree char *from_cli = g_build_filename (dir, "cli.png", NULL);
  const char *new_args[] = { "new", "--sizes", "3,4,1", "--activations", "tanh,sigmoid",
                             "--dataset", "spiral", "--points", "60", "--features",
                             "x1,x2,sin_x1", "--seed", "5", "--output", network, NULL };
  g_autoptr(CliRun) made = cli_run (new_args);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GFile) file = g_file_new_for_path (network);
  g_autoptr(GError) error = NULL;
  BpSelection weight = { BP_SELECTION_CONNECTION, 0, 1, 2 };
  BpWindow *window = new_window ();

  g_assert_cmpint (made->status, ==, 0);
  g_assert_true (bp_window_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bp_network_get_mode (bp_window_get_network (window)), ==,
                   BP_FILE_MODE_DATASET);
  g_assert_true (g_settings_set_string (settings, "palette", "automatic"));
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  for (guint k = 0; k < G_N_ELEMENTS (moments); k++)
    {
      g_autoptr(GBytes) a = NULL;
      g_autoptr(GBytes) b = cli_render_moment (network, "light", "w:0:1:2", moments[k],
                                               from_cli);

      for (; presses < walked[k]; presses++)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.next-phase", NULL);
      a = window_export (window, &weight, from_window);
      g_test_message ("dataset, moment %s", moments[k] != NULL ? moments[k] : "none");
      g_assert_true (g_bytes_equal (a, b));
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  g_settings_reset (settings, "palette");
  close_window (window);
  render_remove_tmp_dir (dir);
}

/* A network whose hidden neurons are saturated: the window's export and backprop-cli render
 * both draw its badges, the same bytes. */
static void
test_badges_match_render (void)
{
  g_autofree char *dir = render_make_tmp_dir ();
  g_autofree char *network = g_build_filename (dir, "saturated.json", NULL);
  g_autofree char *from_window = g_build_filename (dir, "window.png", NULL);
  g_autofree char *from_cli = g_build_filename (dir, "cli.png", NULL);
  const char *new_args[] = { "new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                             "--seed", "1", "--input", "1,1", "--target", "1",
                             "--output", network, NULL };
  g_autoptr(CliRun) made = cli_run (new_args);
  g_autoptr(BpNetwork) edited = bp_network_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GFile) file = g_file_new_for_path (network);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  BpSelection none = { BP_SELECTION_NONE, 0, 0, 0 };
  BpWindow *window;

  g_assert_cmpint (made->status, ==, 0);
  g_assert_true (bp_network_load (edited, file, &error));
  for (guint to = 0; to < 3; to++)
    for (guint from = 0; from < 2; from++)
      g_assert_true (bp_network_set_weight (edited, 0, to, from, 30.0, NULL));
  g_assert_cmpuint (bp_health_count (bp_network_get_health (edited), BP_NEURON_SATURATED),
                    ==, 3);
  g_assert_true (bp_network_save (edited, file, &error));
  g_assert_no_error (error);

  g_assert_true (g_settings_set_string (settings, "palette", "automatic"));
  window = new_window ();
  g_assert_true (bp_window_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bp_health_count (bp_network_get_health (bp_window_get_network (window)),
                                     BP_NEURON_SATURATED), ==, 3);
  a = window_export (window, &none, from_window);
  b = cli_render (network, "light", NULL, from_cli);
  g_assert_true (g_bytes_equal (a, b));
  g_settings_reset (settings, "palette");
  close_window (window);
  render_remove_tmp_dir (dir);
}

/* The text of @path without its third line: the comment naming the network, as the window
 * (the document's name) or the command line (the path given) names it. */
static char *
script_without_name (const char *path)
{
  g_autofree char *text = NULL;
  char *line = NULL;
  char *end;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "#!/usr/bin/python3\n# A PyTorch (float64) script"));
  line = strchr (strchr (text, '\n') + 1, '\n') + 1;
  g_assert_true (g_str_has_prefix (line, "# from the network "));
  end = strchr (line, '\n');
  g_assert_nonnull (end);
  memmove (line, end + 1, strlen (end + 1) + 1);
  return g_steal_pointer (&text);
}

/* After some steps in one-example and dataset mode, the window's File → Export → PyTorch
 * script is the script backprop-cli writes for the network the window saves. */
static void
test_torch_script_matches_cli (void)
{
  static const char *modes[] = { "example", "spiral" };
  g_autofree char *dir = render_make_tmp_dir ();
  g_autofree char *network = g_build_filename (dir, "net.json", NULL);
  g_autofree char *saved = g_build_filename (dir, "saved.json", NULL);
  g_autofree char *from_window = g_build_filename (dir, "window.py", NULL);
  g_autofree char *from_cli = g_build_filename (dir, "cli.py", NULL);

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  for (guint k = 0; k < G_N_ELEMENTS (modes); k++)
    {
      const char *example_args[] = { "new", "--sizes", "2,3,1", "--activations",
                                     "tanh,sigmoid", "--seed", "3", "--output", network,
                                     NULL };
      const char *dataset_args[] = { "new", "--sizes", "3,4,1", "--activations",
                                     "tanh,sigmoid", "--dataset", "spiral", "--points", "60",
                                     "--features", "x1,x2,sin_x1", "--seed", "5",
                                     "--output", network, NULL };
      const char *export_args[] = { "export-torch", saved, "--output", from_cli, NULL };
      g_autoptr(CliRun) made = cli_run (k == 0 ? example_args : dataset_args);
      g_autoptr(CliRun) exported = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (network);
      g_autoptr(GFile) saved_file = g_file_new_for_path (saved);
      g_autoptr(GError) error = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      BpWindow *window = new_window ();
      BpNetwork *model;

      g_assert_cmpint (made->status, ==, 0);
      g_assert_true (bp_window_open_file (window, file, &error));
      g_assert_no_error (error);
      model = bp_window_get_network (window);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL);
      settle ();
      g_test_message ("%s: step %" G_GUINT64_FORMAT, modes[k], bp_network_get_step_count (model));
      g_assert_cmpuint (bp_network_get_step_count (model), >, 0);

      g_remove (from_window);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to-path", "(sii)",
                                  from_window, WIDTH, HEIGHT);
      g_assert_true (bp_network_save (model, saved_file, &error));
      g_assert_no_error (error);
      exported = cli_run (export_args);
      g_assert_cmpstr (exported->err, ==, "");
      g_assert_cmpint (exported->status, ==, 0);

      a = script_without_name (from_window);
      b = script_without_name (from_cli);
      g_assert_cmpstr (a, ==, b);
      g_assert_nonnull (strstr (a, k == 0 ? "\nINPUT = " : "\nBATCHES = ["));
      close_window (window);
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  render_remove_tmp_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);

  g_test_add_func ("/bp/export-match/window-and-cli", test_export_matches_render);
  g_test_add_func ("/bp/export-match/dataset", test_dataset_matches_render);
  g_test_add_func ("/bp/export-match/badges", test_badges_match_render);
  g_test_add_func ("/bp/export-match/torch-script", test_torch_script_matches_cli);

  return g_test_run ();
}
