/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-latex.c: File → Export of the worked example as LaTeX: the .tex the window
 * writes is backprop-cli explain --latex's text and compiles with plain pdflatex; the Export
 * dialog offers it, without a size; Markdown stays as it was. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "bp-explain.h"
#include "bp-export.h"
#include "bp-window.h"
#include "render-common.h"
#include "window-test.h"

/* Compiles the file at `path` with pdflatex in its folder: no error, no missing character.
 * Fails, never skips, without pdflatex (tests/run-all.sh installs texlive-latex-base). */
static void
assert_compiles (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *stem = g_strndup (base, strlen (base) - strlen (".tex"));
  g_autofree char *log_name = g_strconcat (stem, ".log", NULL);
  g_autofree char *log_path = g_build_filename (dir, log_name, NULL);
  g_autofree char *log = NULL;
  const char *argv[] = { "pdflatex", "-interaction=nonstopmode", "-halt-on-error", base,
                         NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *pdflatex_path = g_find_program_in_path ("pdflatex");
  int wait_status = 0;

  if (pdflatex_path == NULL)
    g_error ("pdflatex is not installed (Debian: texlive-latex-base)");
  g_spawn_sync (dir, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (log_path, &log, NULL, &error));
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_assert_null (strstr (log, "Missing character"));
  g_assert_null (strstr (log, "\n! "));
  for (const char *ending = ".aux"; ending != NULL; ending = g_str_equal (ending, ".aux")
       ? ".log" : g_str_equal (ending, ".log") ? ".pdf" : NULL)
    {
      g_autofree char *name = g_strconcat (stem, ending, NULL);
      g_autofree char *made = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_test (made, G_FILE_TEST_EXISTS));
      g_remove (made);
    }
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Every "δ[l][j] · a[l][i] = (x) · (y) = z" of a worked example has z = x·y to the six
 * digits shown: the gradients are the example's own, not a batch's mean. */
static void
assert_products_agree (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("= δ\\[[0-9]+\\]\\[[0-9]+\\] · a\\[[0-9]+\\]\\[[0-9]+\\] = "
                                         "\\(?(-?[0-9.e+-]+)\\)? · \\(?(-?[0-9.e+-]+)\\)? = "
                                         "(-?[0-9.e+-]+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  g_regex_match (regex, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL), n++)
    {
      g_autofree char *x = g_match_info_fetch (match, 1);
      g_autofree char *y = g_match_info_fetch (match, 2);
      g_autofree char *z = g_match_info_fetch (match, 3);
      double product = g_ascii_strtod (x, NULL) * g_ascii_strtod (y, NULL);
      double shown = g_ascii_strtod (z, NULL);

      g_assert_cmpfloat_with_epsilon (product, shown, 2e-5 * MAX (fabs (shown), 1e-3));
    }
  g_assert_cmpuint (n, >, 10);
}

/* A network in dataset mode and one with a single example: the window's .tex compiles, and
 * with one example it is the CLI's, as its .md is still the CLI's Markdown. */
static void
test_export (void)
{
  g_autofree char *dir = render_make_tmp_dir ();
  g_autofree char *dataset = g_build_filename (dir, "spiral.json", NULL);
  g_autofree char *example = g_build_filename (dir, "one.json", NULL);
  const char *new_dataset[] = { "new", "--sizes", "3,4,1", "--activations", "tanh,sigmoid",
                                "--dataset", "spiral", "--points", "60", "--features",
                                "x1,x2,sin_x1", "--seed", "5", "--output", dataset, NULL };
  const char *new_example[] = { "new", "--sizes", "2,3,1", "--activations", "relu,sigmoid",
                                "--seed", "8", "--input", "0.5,-2", "--output", example, NULL };
  const char *networks[] = { dataset, example };
  g_autoptr(CliRun) made_dataset = cli_run (new_dataset);
  g_autoptr(CliRun) made_example = cli_run (new_example);

  g_assert_cmpint (made_dataset->status, ==, 0);
  g_assert_cmpint (made_example->status, ==, 0);
  for (guint k = 0; k < G_N_ELEMENTS (networks); k++)
    {
      g_autofree char *tex = g_build_filename (dir, k == 0 ? "spiral.tex" : "one.TEX", NULL);
      g_autofree char *md = g_build_filename (dir, "worked.md", NULL);
      const char *latex_args[] = { "explain", "--latex", networks[k], NULL };
      const char *markdown_args[] = { "explain", "--markdown", networks[k], NULL };
      g_autoptr(CliRun) latex = cli_run (latex_args);
      g_autoptr(CliRun) markdown = cli_run (markdown_args);
      g_autoptr(GFile) file = g_file_new_for_path (networks[k]);
      g_autoptr(GError) error = NULL;
      g_autofree char *tex_text = NULL;
      g_autofree char *md_text = NULL;
      BpWindow *window = new_window ();

      g_assert_true (bp_window_open_file (window, file, &error));
      g_assert_no_error (error);
      /* The size is ignored for text. */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to-path", "(sii)", tex,
                                  10, 10);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to-path", "(sii)", md,
                                  10, 10);
      tex_text = read_text (tex);
      md_text = read_text (md);
      g_assert_true (g_str_has_prefix (tex_text, "% "));
      g_assert_nonnull (strstr (tex_text, "\\documentclass{article}"));
      g_assert_nonnull (strstr (tex_text, "\\frac{\\partial L}{\\partial W^{(0)}_{0,0}}"));
      /* With one example the window shows the file's step, as the CLI does. (In dataset
       * mode it shows the step of the next mini-batch, which the CLI does not know.) */
      if (networks[k] == example)
        {
          g_assert_true (g_str_equal (tex_text, latex->out));
          g_assert_true (g_str_equal (md_text, markdown->out));
        }
      else
        assert_products_agree (md_text);
      assert_compiles (tex);
      g_remove (tex);
      g_remove (md);
      close_window (window);
    }
  render_remove_tmp_dir (dir);
}

/* The Format row of the Export dialog: the combo row whose first choice is "PNG image" (in
 * the language of the test). */
static GtkWidget *
find_combo_row (GtkWidget *widget)
{
  if (ADW_IS_COMBO_ROW (widget))
    {
      GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (widget));

      if (GTK_IS_STRING_LIST (model)
          && g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0),
                        gettext ("PNG image")) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_combo_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_export_format_row (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, k);
      GtkWidget *row = find_combo_row (toplevel);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static GtkWidget *
find_group (GtkWidget *widget)
{
  while (widget != NULL && !ADW_IS_PREFERENCES_GROUP (widget))
    widget = gtk_widget_get_parent (widget);
  return widget;
}

/* Ctrl+E's Format row lists the LaTeX worked example last; choosing it leaves no size to
 * set, and in English nothing to warn about. */
static void
test_dialog (void)
{
  BpWindow *window = new_window ();
  GtkWidget *row;
  GtkWidget *group;
  GListModel *model;
  guint n;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  settle ();
  row = find_export_format_row ();
  g_assert_nonnull (row);
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 3), ==,
                   "Worked example (Markdown)");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 5), ==,
                   "Worked example (LaTeX)");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 6), ==,
                   "Timeline (CSV)");
  group = find_group (row);
  g_assert_nonnull (group);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==,
                   "Sizes are in pixels, for PDF in points.");

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), BP_EXPORT_LATEX);
  for (GtkWidget *sibling = gtk_widget_get_next_sibling (row); sibling != NULL;
       sibling = gtk_widget_get_next_sibling (sibling))
    g_assert_false (gtk_widget_get_sensitive (sibling));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_assert_true (gtk_widget_get_sensitive (gtk_widget_get_next_sibling (row)));

  close_window (window);
}

/* In Japanese the LaTeX file is in English, and the dialog says so when LaTeX is chosen. */
static void
test_dialog_fallback (void)
{
  const char *localedir = g_getenv ("BACKPROP_LOCALEDIR");
  g_autofree char *saved = g_strdup (setlocale (LC_MESSAGES, NULL));
  BpWindow *window;
  GtkWidget *row;
  GtkWidget *group;

  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("LANGUAGE", "ja", TRUE);
  /* glibc from about 2.41 on ignores LANGUAGE under C.UTF-8: en_US.UTF-8 where it is made. */
  if (setlocale (LC_MESSAGES, "en_US.UTF-8") == NULL)
    g_assert_nonnull (setlocale (LC_MESSAGES, "C.UTF-8"));
  g_assert_false (bp_explain_latex_in_ui_language ());

  window = new_window ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  settle ();
  row = find_export_format_row ();
  g_assert_nonnull (row);
  g_assert_cmpstr (gettext ("PNG image"), !=, "PNG image");
  group = find_group (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), BP_EXPORT_LATEX);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==,
                   bp_explain_latex_fallback_note ());
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 3);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==,
                   gettext ("Sizes are in pixels, for PDF in points."));

  close_window (window);
  setlocale (LC_MESSAGES, saved);
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);

  g_test_add_func ("/bp/window-latex/export", test_export);
  g_test_add_func ("/bp/window-latex/dialog", test_dialog);
  /* Last: it changes the language of the process. */
  g_test_add_func ("/bp/window-latex/dialog-fallback", test_dialog_fallback);
  return g_test_run ();
}
