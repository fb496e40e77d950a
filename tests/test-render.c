/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-render.c: `backprop-cli render` as a user runs it: every palette and every file type,
 * the selection drawn, the window's default size, and every error message with its exit
 * status. */
#define G_LOG_DOMAIN "test-render"

#include "config.h"

#include <cairo.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "bp-export.h"
#include "bp-file.h"
#include "render-common.h"

typedef struct {
  char *dir;
  char *network;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = render_make_tmp_dir ();
  f->network = render_write_network (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  render_remove_tmp_dir (f->dir);
  g_free (f->dir);
  g_free (f->network);
}

/* Renders with the options up to NULL into dir/name; asserts success and returns the file. */
static GBytes *
render_ok (Fixture    *f,
           const char *name,
           ...)
{
  g_autofree char *out = g_build_filename (f->dir, name, NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(CliRun) run = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *) "render");
  g_ptr_array_add (args, f->network);
  g_ptr_array_add (args, (char *) "--output");
  g_ptr_array_add (args, out);
  va_start (ap, name);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  run = cli_run ((const char * const *) args->pdata);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  return render_read (out);
}

/* A PNG's pixels, as Cairo reads the file. */
static cairo_surface_t *
png_surface (GBytes *png)
{
  g_autofree char *path = NULL;
  cairo_surface_t *surface;
  int fd = g_file_open_tmp ("render-XXXXXX.png", &path, NULL);

  g_assert_cmpint (fd, >=, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL),
                                      g_bytes_get_size (png), NULL));
  close (fd);
  surface = cairo_image_surface_create_from_png (path);
  g_remove (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* The colour of the pixel at (x, y) of a PNG, as 0xRRGGBB. */
static guint32
png_pixel (GBytes *png,
           int     x,
           int     y)
{
  cairo_surface_t *surface = png_surface (png);
  guint32 pixel = *(guint32 *) (cairo_image_surface_get_data (surface)
                                + y * cairo_image_surface_get_stride (surface) + x * 4);

  cairo_surface_destroy (surface);
  return pixel & 0xffffff;
}

static guint32
color_rgb (const BpColor *c)
{
  return (guint32) (lround (c->red * 255) << 16 | lround (c->green * 255) << 8
                    | lround (c->blue * 255));
}

/* Each palette by its name: the background is that palette's, and no two look the same. */
static void
test_palettes (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) plain = render_ok (f, "plain.png", "--width", "640", "--height", "400",
                                       NULL);
  GBytes *pictures[BP_N_PALETTES];

  for (BpPaletteKind k = 0; k < BP_N_PALETTES; k++)
    {
      const char *name = bp_palette_kind_to_string (k);
      g_autofree char *file = g_strdup_printf ("%s.png", name);
      BpPaletteKind back;
      guint w, h;

      g_assert_true (bp_palette_kind_from_string (name, &back));
      g_assert_cmpint (back, ==, k);
      pictures[k] = render_ok (f, file, "--palette", name, "--width", "640", "--height", "400",
                               NULL);
      render_png_size (pictures[k], &w, &h);
      g_assert_cmpuint (w, ==, 640);
      g_assert_cmpuint (h, ==, 400);
      g_assert_cmphex (png_pixel (pictures[k], 2, 2), ==,
                       color_rgb (&bp_palette_get (k)->background));
      for (BpPaletteKind j = 0; j < k; j++)
        g_assert_false (g_bytes_equal (pictures[j], pictures[k]));
    }
  /* Without --palette, the window's export palette: light. */
  g_assert_true (g_bytes_equal (plain, pictures[BP_PALETTE_LIGHT]));
  for (BpPaletteKind k = 0; k < BP_N_PALETTES; k++)
    g_bytes_unref (pictures[k]);
}

/* Without --width and --height, the size of the window's export: 1600 × 900. */
static void
test_png_default_size (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) png = render_ok (f, "default.PNG", NULL);
  guint w, h;

  render_png_size (png, &w, &h);
  g_assert_cmpuint (w, ==, 1600);
  g_assert_cmpuint (h, ==, 900);
}

static void
test_svg (Fixture       *f,
          gconstpointer  data)
{
  static const GMarkupParser parser = { 0 };
  g_autoptr(GBytes) svg = render_ok (f, "net.svg", "--width", "700", "--height", "500",
                                     "--palette", "dark", NULL);
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  gsize size;
  const char *text = g_bytes_get_data (svg, &size);
  g_autofree char *copy = g_strndup (text, size);

  g_assert_true (g_markup_parse_context_parse (context, text, size, NULL));
  g_assert_true (g_markup_parse_context_end_parse (context, NULL));
  g_assert_nonnull (strstr (copy, "<svg"));
  g_assert_nonnull (strstr (copy, "width=\"700"));
  g_assert_nonnull (strstr (copy, "height=\"500"));
  /* Vector: no embedded picture. */
  g_assert_null (strstr (copy, "<image"));
}

/* pdfinfo (poppler-utils) reads one page of the size asked for, in points. */
static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GBytes) pdf = render_ok (f, "net.pdf", "--width", "842", "--height", "595",
                                     "--select", "n:1:2", NULL);
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *path = g_build_filename (f->dir, "net.pdf", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF-"));
  if (pdfinfo == NULL)
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char *[]) { pdfinfo, path, NULL }, NULL,
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_regex_match_simple ("^Pages: +1$", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Page size: +842 x 595 pts", out, G_REGEX_MULTILINE, 0));
}

/* One notation for gradients: the legend and the selected weight's box write ∂L/∂w, read
 * back from the PDF's text with pdftotext (poppler-utils). */
static void
test_notation (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) pdf = render_ok (f, "notation.pdf", "--select", "w:0:0:0", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *path = g_build_filename (f->dir, "notation.pdf", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char *[]) { pdftotext, path, (char *) "-", NULL }, NULL,
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "step raises weight (∂L/∂w < 0)"));
  g_assert_nonnull (strstr (out, "step lowers weight (∂L/∂w > 0)"));
  g_assert_true (g_regex_match_simple ("^∂L/∂w [−0-9]", out, G_REGEX_MULTILINE, 0));
  g_assert_null (strstr (out, "dL/d"));
}

/* The file's network, as the command draws it: loaded, with its passes recomputed. */
static BpNet *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  BpFileExtras extras;
  BpNet *net = bp_file_load (file, &extras, &error);

  g_assert_no_error (error);
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

/* Each kind of --select draws its item highlighted, with its numbers: the picture differs
 * from the one without, and is exactly what the export draws for that selection. */
static void
test_select (Fixture       *f,
             gconstpointer  data)
{
  static const struct {
    const char *option;
    BpSelection selection;
  } cases[] = {
    { "w:1:1:2", { BP_SELECTION_CONNECTION, 1, 1, 2 } },
    { "w:0:2:0", { BP_SELECTION_CONNECTION, 0, 2, 0 } },
    { "b:0:1", { BP_SELECTION_BIAS, 0, 1, 0 } },
    { "b:1:0", { BP_SELECTION_BIAS, 1, 0, 0 } },
    { "n:0:1", { BP_SELECTION_NODE, 0, 1, 0 } },
    { "n:2:1", { BP_SELECTION_NODE, 2, 1, 0 } },
  };
  g_autoptr(GBytes) none = render_ok (f, "none.png", "--width", "800", "--height", "500", NULL);
  g_autoptr(BpNet) net = load (f->network);

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GBytes) png = render_ok (f, "sel.png", "--width", "800", "--height", "500",
                                         "--select", cases[k].option, NULL);
      g_autoptr(GBytes) expected = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("--select %s", cases[k].option);
      g_assert_false (g_bytes_equal (png, none));
      expected = bp_export_diagram_bytes (&(BpDiagramPicture) {
                                            .net = net,
                                            .palette = bp_palette_get (BP_PALETTE_LIGHT),
                                            .selection = &cases[k].selection },
                                          BP_EXPORT_PNG, 800, 500, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (png, expected));
    }
}

/* How many pixels of a PNG are exactly the colour @rgb (0xRRGGBB). */
static guint
count_colour (GBytes  *png,
              guint32  rgb)
{
  cairo_surface_t *surface = png_surface (png);
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface)
                                              + y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
        n += (row[x] & 0xffffff) == rgb;
    }
  cairo_surface_destroy (surface);
  return n;
}

/* --moment draws a moment of the next step as the window shows it: each phase looks
 * different from the network at rest and from the others; the backward pulses are drawn in
 * every palette's own colour; SVG and PDF work too. */
static void
test_moments (Fixture       *f,
              gconstpointer  data)
{
  static const char *moments[] = {
    "update@0.5", "forward:1@0.5", "forward:2", "loss@0.5", "backward:2@0.5",
    "backward:1@0.5", "backward:0",
  };
  g_autoptr(GPtrArray) pictures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) pdf = NULL;

  g_ptr_array_add (pictures, render_ok (f, "rest.png", "--width", "800", "--height", "500",
                                        NULL));
  for (guint k = 0; k < G_N_ELEMENTS (moments); k++)
    {
      GBytes *png = render_ok (f, "moment.png", "--width", "800", "--height", "500",
                               "--moment", moments[k], NULL);

      for (guint m = 0; m < pictures->len; m++)
        g_assert_false (g_bytes_equal (png, g_ptr_array_index (pictures, m)));
      g_ptr_array_add (pictures, png);
    }
  for (BpPaletteKind kind = 0; kind < BP_N_PALETTES; kind++)
    {
      const char *name = bp_palette_kind_to_string (kind);
      guint32 wave = color_rgb (&bp_palette_get (kind)->wave);
      g_autoptr(GBytes) rest = render_ok (f, "rest.png", "--palette", name, NULL);
      g_autoptr(GBytes) moment = render_ok (f, "moment.png", "--palette", name,
                                            "--moment", "backward:1@0.5", NULL);

      g_test_message ("palette %s", name);
      g_assert_cmpuint (count_colour (moment, wave), >, count_colour (rest, wave) + 100);
    }
  svg = render_ok (f, "moment.svg", "--moment", "backward:1@0.5", NULL);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "<svg"));
  pdf = render_ok (f, "moment.pdf", "--moment", "loss", NULL);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF"));
}

/* --boundary draws what a network trained on a dataset learned: a square map with its
 * points, in the size asked; --discretize and --test-points change it; a file without a
 * dataset, or options that do not go together, are refused with a message. */
static void
test_boundary (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dataset = g_build_filename (f->dir, "xor.json", NULL);
  g_autofree char *png = g_build_filename (f->dir, "boundary.png", NULL);
  const char *new_args[] = { "new", "--sizes", "2,4,1", "--activations", "tanh,sigmoid",
                             "--loss", "cross-entropy", "--dataset", "xor", "--points", "100",
                             "--seed", "1", "--output", dataset, NULL };
  const char *plain[] = { "render", dataset, "-o", png, "--width", "600", "--height", "500",
                          "--boundary", NULL };
  const char *discrete[] = { "render", dataset, "-o", png, "--width", "600", "--height",
                             "500", "--boundary", "--discretize", NULL };
  const char *with_test[] = { "render", dataset, "-o", png, "--width", "600", "--height",
                              "500", "--boundary", "--test-points", NULL };
  const char *no_dataset[] = { "render", f->network, "-o", png, "--boundary", NULL };
  const char *alone[] = { "render", f->network, "-o", png, "--discretize", NULL };
  const char *with_select[] = { "render", dataset, "-o", png, "--boundary", "--select",
                                "n:0:0", NULL };
  g_autoptr(CliRun) made = cli_run (new_args);
  g_autoptr(GBytes) a = NULL, b = NULL, c = NULL;
  guint w, h;

  g_assert_cmpint (made->status, ==, 0);
  g_clear_pointer (&made, cli_run_free);
  made = cli_run (plain);
  g_assert_cmpint (made->status, ==, 0);
  a = render_read (png);
  render_png_size (a, &w, &h);
  g_assert_cmpuint (w, ==, 600);
  g_assert_cmpuint (h, ==, 500);
  g_clear_pointer (&made, cli_run_free);
  made = cli_run (discrete);
  g_assert_cmpint (made->status, ==, 0);
  b = render_read (png);
  g_assert_false (g_bytes_equal (a, b));
  g_clear_pointer (&made, cli_run_free);
  made = cli_run (with_test);
  g_assert_cmpint (made->status, ==, 0);
  c = render_read (png);
  g_assert_false (g_bytes_equal (a, c));

  g_clear_pointer (&made, cli_run_free);
  made = cli_run (no_dataset);
  g_assert_cmpint (made->status, ==, 1);
  g_assert_nonnull (strstr (made->err, "--boundary needs a network trained on a dataset"));
  g_clear_pointer (&made, cli_run_free);
  made = cli_run (alone);
  g_assert_cmpint (made->status, ==, 2);
  g_assert_nonnull (strstr (made->err, "--test-points and --discretize go with --boundary"));
  g_clear_pointer (&made, cli_run_free);
  made = cli_run (with_select);
  g_assert_cmpint (made->status, ==, 2);
  g_assert_nonnull (strstr (made->err, "it takes neither --select nor --moment"));
}

/* Every mistake: its message, naming the limits where there are some, and exit status 2 for
 * a usage error, 1 for a file that cannot be read or written. Nothing is written. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "out.png", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_autofree char *unwritable = g_build_filename (f->dir, "no-such-folder", "out.png", NULL);
  g_autofree char *md = g_build_filename (f->dir, "out.md", NULL);
  g_autofree char *missing_error = g_strdup_printf ("backprop-cli: %s: No such file\n", missing);
  g_autofree char *md_error = g_strdup_printf ("backprop-cli: --output: “%s” does not end in "
                                               ".png, .svg or .pdf\n", md);
  const char *hint = "Run “backprop-cli render --help” to see its options.\n";
  const struct {
    const char *args[8];
    int status;
    const char *first_line;
  } cases[] = {
    { { "render", f->network }, 2, "backprop-cli: render needs --output\n" },
    { { "render", "--output", png }, 2, "backprop-cli: render needs FILE --output FILE\n" },
    { { "render", f->network, "--output", md }, 2, md_error },
    { { "render", f->network, "-o", "picture.jpeg" }, 2,
      "backprop-cli: --output: “picture.jpeg” does not end in .png, .svg or .pdf\n" },
    { { "render", f->network, "-o", png, "--palette", "sepia" }, 2,
      "backprop-cli: --palette: unknown palette “sepia” (use light, dark, "
      "high-contrast-light, high-contrast-dark, colour-blind-light or colour-blind-dark)\n" },
    { { "render", f->network, "-o", png, "--width", "10" }, 2,
      "backprop-cli: --width: “10” is not a whole number from 64 to 8000\n" },
    { { "render", f->network, "-o", png, "--height", "9000" }, 2,
      "backprop-cli: --height: “9000” is not a whole number from 64 to 8000\n" },
    { { "render", f->network, "-o", png, "--select", "w:0:1" }, 2,
      "backprop-cli: --select: “w:0:1” is not w:L:J:I, b:L:J or n:L:J\n" },
    { { "render", f->network, "-o", png, "--select", "b:0:1:2" }, 2,
      "backprop-cli: --select: “b:0:1:2” is not w:L:J:I, b:L:J or n:L:J\n" },
    { { "render", f->network, "-o", png, "--select", "n:-1:0" }, 2,
      "backprop-cli: --select: “n:-1:0” is not w:L:J:I, b:L:J or n:L:J\n" },
    { { "render", f->network, "-o", png, "--select", "x:0:0" }, 2,
      "backprop-cli: --select: “x:0:0” is not w:L:J:I, b:L:J or n:L:J\n" },
    { { "render", f->network, "-o", png, "--select", "w:2:0:0" }, 2,
      "backprop-cli: --select: “w:2:0:0”: L is out of range: use 0 to 1\n" },
    { { "render", f->network, "-o", png, "--select", "n:3:0" }, 2,
      "backprop-cli: --select: “n:3:0”: L is out of range: use 0 to 2\n" },
    { { "render", f->network, "-o", png, "--select", "w:0:3:0" }, 2,
      "backprop-cli: --select: “w:0:3:0”: J is out of range: layer 1 has neurons 0 to 2\n" },
    { { "render", f->network, "-o", png, "--select", "w:1:0:3" }, 2,
      "backprop-cli: --select: “w:1:0:3”: I is out of range: layer 1 has neurons 0 to 2\n" },
    { { "render", f->network, "-o", png, "--select", "b:1:2" }, 2,
      "backprop-cli: --select: “b:1:2”: J is out of range: layer 2 has neurons 0 to 1\n" },
    { { "render", f->network, "-o", png, "--select", "n:0:2" }, 2,
      "backprop-cli: --select: “n:0:2”: J is out of range: layer 0 has neurons 0 to 1\n" },
    { { "render", f->network, "-o", png, "--moment", "sideways" }, 2,
      "backprop-cli: --moment: “sideways” is not update, forward:L (L from 1 to 2), loss or "
      "backward:L (L from 0 to 2), with an optional @P from 0 to 1\n" },
    { { "render", f->network, "-o", png, "--moment", "forward:0" }, 2,
      "backprop-cli: --moment: “forward:0” is not update, forward:L (L from 1 to 2), loss or "
      "backward:L (L from 0 to 2), with an optional @P from 0 to 1\n" },
    { { "render", f->network, "-o", png, "--moment", "loss@1.5" }, 2,
      "backprop-cli: --moment: “loss@1.5” is not update, forward:L (L from 1 to 2), loss or "
      "backward:L (L from 0 to 2), with an optional @P from 0 to 1\n" },
    { { "render", missing, "-o", png }, 1, missing_error },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(CliRun) run = cli_run (cases[k].args);
      g_auto(GStrv) lines = g_strsplit (run->err, "\n", 2);
      g_autofree char *first = g_strconcat (lines[0], "\n", NULL);

      g_test_message ("case %u: %s", k, run->err);
      g_assert_cmpint (run->status, ==, cases[k].status);
      g_assert_cmpstr (first, ==, cases[k].first_line);
      if (cases[k].status == 2)
        g_assert_cmpstr (lines[1], ==, hint);
      g_assert_cmpstr (run->out, ==, "");
      g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
    }

  /* A file that cannot be written: bad input, and the reason after its name. */
  {
    const char *args[] = { "render", f->network, "-o", unwritable, NULL };
    g_autoptr(CliRun) run = cli_run (args);
    g_autofree char *prefix = g_strdup_printf ("backprop-cli: %s: ", unwritable);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_true (g_str_has_prefix (run->err, prefix));
  }
}

/* `render` is listed in `backprop-cli --help`, and its own help shows its options. */
static void
test_help (void)
{
  const char *global[] = { "--help", NULL };
  const char *own[] = { "render", "--help", NULL };
  g_autoptr(CliRun) a = cli_run (global);
  g_autoptr(CliRun) b = cli_run (own);

  g_assert_cmpint (a->status, ==, 0);
  g_assert_nonnull (strstr (a->out, "  render      Draw the network's diagram into a PNG, SVG "
                                    "or PDF file, as the window's export does.\n"));
  g_assert_cmpint (b->status, ==, 0);
  g_assert_nonnull (strstr (b->out, "backprop-cli render [OPTION…] FILE --output FILE"));
  for (const char *o = "--output\0--width\0--height\0--palette\0--select\0"; *o != '\0';
       o += strlen (o) + 1)
    g_assert_nonnull (strstr (b->out, o));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/bp/render/palettes", test_palettes);
  ADD ("/bp/render/png-default-size", test_png_default_size);
  ADD ("/bp/render/svg", test_svg);
  ADD ("/bp/render/pdf", test_pdf);
  ADD ("/bp/render/notation", test_notation);
  ADD ("/bp/render/select", test_select);
  ADD ("/bp/render/moments", test_moments);
  ADD ("/bp/render/boundary", test_boundary);
  ADD ("/bp/render/errors", test_errors);
#undef ADD
  g_test_add_func ("/bp/render/help", test_help);

  return g_test_run ();
}
