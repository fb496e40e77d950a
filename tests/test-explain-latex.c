/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-explain-latex.c: the LaTeX form of the worked example: every character LaTeX reserves
 * escaped in text, the notation as math, and a document pdflatex compiles (Debian's
 * texlive-latex-base alone) whose PDF holds the engine's numbers. */
#define G_LOG_DOMAIN "test-explain-latex"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bp-core.h"
#include "bp-explain.h"

#define PACKAGES "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n" \
                 "\\usepackage[T1]{fontenc}\n\\usepackage{amsmath}\n"
#define PREAMBLE PACKAGES "\\begin{document}\n"

/* Every character LaTeX reserves, T1's ligatures (-- ,, << !`), the Latin letters and quotes
 * of the translations, French spaces, and the notation of the sentences. */
static const char sample[] =
  "50 % of a_b & c#d cost $5 {x} ~y ^z \\w <<q>> |p| \"r\" --s ,,t !`u ?`v "
  "«\u202fé ü ß ñ ç ã õ è à ì\u202f» “quoted” ‘single’ „low“ x\u00a0:"
  " a[1][0] and ∂L/∂w with η·δ − ½ → σ²";

static char *
spawn (const char * const *argv,
       const char         *directory,
       int                *status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (directory, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  *status = g_spawn_check_wait_status (wait_status, NULL) ? 0 : 1;
  return out;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Compiles `tex` with plain pdflatex and returns the text of the PDF (pdftotext). Fails, never
 * skips, without pdflatex: tests/run-all.sh installs texlive-latex-base. */
static char *
compile (const char *tex)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("backprop-latex-XXXXXX", &error);
  g_autofree char *tex_path = g_build_filename (dir, "doc.tex", NULL);
  g_autofree char *log_path = g_build_filename (dir, "doc.log", NULL);
  g_autofree char *log = NULL;
  g_autofree char *pdflatex_out = NULL;
  const char *pdflatex[] = { "pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                             "doc.tex", NULL };
  const char *pdftotext[] = { "pdftotext", "-enc", "UTF-8", "doc.pdf", "-", NULL };
  g_autofree char *pdflatex_path = g_find_program_in_path ("pdflatex");
  char *text;
  int status = 0;

  g_assert_no_error (error);
  if (pdflatex_path == NULL)
    g_error ("pdflatex is not installed (Debian: texlive-latex-base)");
  g_assert_true (g_file_set_contents (tex_path, tex, -1, &error));
  pdflatex_out = spawn (pdflatex, dir, &status);
  g_assert_true (g_file_get_contents (log_path, &log, NULL, &error));
  if (status != 0)
    g_printerr ("%s\n", log);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (log, "Missing character"));
  g_assert_null (strstr (log, "\n! "));
  text = spawn (pdftotext, dir, &status);
  g_assert_cmpint (status, ==, 0);
  remove_dir (dir);
  return text;
}

static void
test_escape (void)
{
  g_autofree char *escaped = bp_explain_latex_escape (sample);
  g_autofree char *tex = g_strconcat (PREAMBLE, escaped, "\n\\end{document}\n", NULL);
  g_autofree char *text = compile (tex);

  /* The source: each reserved character escaped, the notation as math. */
  g_assert_nonnull (strstr (escaped, "50 \\% of a\\_b \\& c\\#d cost \\$5 \\{x\\}"));
  g_assert_nonnull (strstr (escaped, "\\textbackslash{}w"));
  g_assert_nonnull (strstr (escaped, "$a^{(1)}_{0}$"));
  g_assert_nonnull (strstr (escaped, "$\\frac{\\partial L}{\\partial w}$"));
  g_assert_nonnull (strstr (escaped, "«\\,é ü ß ñ ç ã õ è à ì\\,» “quoted” ‘single’ „low“ x~:"));
  /* The PDF shows them as they were written, T1's ligatures broken up. (pdftotext reads
   * the bitmap fonts' letters, not their quotes or ß.) */
  g_assert_nonnull (strstr (text, "50 % of a_b & c#d cost $5 {x} ~y ^z \\w <<q>> |p| \"r\" "
                                  "--s ,,t !`u ?`v"));
  for (const char *letter = "éüñçãõèàì"; *letter != '\0'; letter = g_utf8_next_char (letter))
    {
      g_autofree char *one = g_strndup (letter, g_utf8_next_char (letter) - letter);

      g_assert_nonnull (strstr (text, one));
    }
  g_assert_nonnull (strstr (text, "η·δ"));
}

static BpNet *
make_net (void)
{
  const guint sizes[] = { 2, 3, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  BpNet *net = bp_net_new (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);

  bp_net_init_seeded (net, 42);
  net->a[0][0] = 1.0;
  net->a[0][1] = -0.5;
  net->target[0] = 0.75;
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

/* Whether `text` (from pdftotext: minus signs as U+2212) shows the number x as %.6g does. */
static gboolean
shows_number (const char *text,
              double      x)
{
  g_autofree char *number = g_strdup_printf ("%.6g", fabs (x));

  return strstr (text, number) != NULL;
}

static void
test_document (void)
{
  g_autoptr(BpNet) net = make_net ();
  g_autofree char *tex = bp_explain_latex (net);
  g_autofree char *markdown = bp_explain_markdown (net);
  g_autofree char *text = NULL;
  guint dollars = 0;

  g_assert_true (g_str_has_prefix (tex, "% "));
  g_assert_nonnull (strstr (tex, PACKAGES));
  g_assert_nonnull (strstr (tex, "\n\\begin{document}\n"));
  g_assert_true (g_str_has_suffix (tex, "\n\\end{document}\n"));
  for (const char *p = tex; *p != '\0'; p++)
    dollars += *p == '$' && (p == tex || p[-1] != '\\');
  g_assert_cmpuint (dollars % 2, ==, 0);
  /* Real math: fractions, subscripts, Greek letters, the functions' names. */
  g_assert_nonnull (strstr (tex, "\\frac{\\partial L}{\\partial W^{(0)}_{0,0}}"));
  g_assert_nonnull (strstr (tex, "\\tanh (z^{(1)}_{0})"));
  g_assert_nonnull (strstr (tex, "\\sigma '(z^{(2)}_{0})"));
  g_assert_nonnull (strstr (tex, "W^{(0)}_{0,0} \\leftarrow "));
  g_assert_nonnull (strstr (tex, "\\sum_{k}"));
  g_assert_nonnull (strstr (tex, "\\section*{\\raggedright Backpropagation on a 2-3-1 network, "
                                 "worked out}"));
  /* No Unicode notation left in the math for inputenc to trip on. */
  g_assert_null (strstr (tex, "·"));
  g_assert_null (strstr (tex, "∂"));
  g_assert_null (strstr (tex, "−"));

  text = compile (tex);
  g_assert_true (shows_number (text, net->loss));
  g_assert_true (shows_number (text, net->z[1][0]));
  g_assert_true (shows_number (text, net->a[2][0]));
  g_assert_true (shows_number (text, bp_net_weight_gradient (net, 0, 0, 0)));
  g_assert_true (shows_number (text, *bp_net_weight (net, 0, 2, 1)
                                     - net->learning_rate
                                       * bp_net_weight_gradient (net, 0, 2, 1)));
  g_assert_true (shows_number (text, bp_net_bias_gradient (net, 1, 0)));
  g_assert_nonnull (strstr (text, "Forward pass"));
  /* The Markdown is unchanged by the LaTeX writer: still its own code blocks. */
  g_assert_nonnull (strstr (markdown, "```text\nz[1][0] = W[0][0][0]·a[0][0]"));
}

/* Without a translation the interface is English, which pdflatex sets: no fallback. */
static void
test_language (void)
{
  g_assert_true (bp_explain_latex_in_ui_language ());
  g_assert_nonnull (strstr (bp_explain_latex_fallback_note (), "English"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/explain-latex/escape", test_escape);
  g_test_add_func ("/bp/explain-latex/document", test_document);
  g_test_add_func ("/bp/explain-latex/language", test_language);
  return g_test_run ();
}
