/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-scale.c: `backprop-cli scale` as a user runs it (the real program, spawned): its
 * JSON and its table, the sizes it chooses, its errors; and the engine's bp_scale_plan () and
 * bp_scale_measure () in this process. */
#define G_LOG_DOMAIN "test-cli-scale"

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "bp-core.h"
#include "cli-run.h"
#include "bp-scale.h"


static guint64
params_of (JsonArray *sizes)
{
  guint64 n = 0;

  for (guint i = 0; i + 1 < json_array_get_length (sizes); i++)
    {
      guint64 a = (guint64) json_array_get_int_element (sizes, i);
      guint64 b = (guint64) json_array_get_int_element (sizes, i + 1);

      n += a * b + b;
    }
  return n;
}

/* --max-params 2000 --json: rows by growing params, from about 10 to at most 2000, each
 * params the count of its sizes, every time positive. */
static void
test_json (void)
{
  g_autoptr(CliRun) run = CLI_RUN ("scale", "--max-params", "2000", "--json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *rows;
  guint n_rows;
  gint64 last = 0;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "rows"));
  rows = json_object_get_array_member (root, "rows");
  n_rows = json_array_get_length (rows);
  g_assert_cmpuint (n_rows, >=, 8);
  for (guint i = 0; i < n_rows; i++)
    {
      JsonObject *r = json_array_get_object_element (rows, i);
      JsonArray *sizes = json_object_get_array_member (r, "sizes");
      gint64 params = json_object_get_int_member (r, "params");
      double forward = json_object_get_double_member (r, "forward_ns");
      double backward = json_object_get_double_member (r, "backward_ns");

      g_assert_nonnull (sizes);
      g_assert_cmpuint (json_array_get_length (sizes), >=, 2);
      g_assert_cmpint (params, ==, (gint64) params_of (sizes));
      g_assert_cmpint (params, >, last);
      g_assert_cmpint (params, <=, 2000);
      g_assert_cmpfloat (forward, >, 0.0);
      g_assert_cmpfloat (backward, >, 0.0);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r,
                                                                     "backward_forward_ratio"),
                                      backward / forward, 1e-12 * backward / forward);
      last = params;
    }
  /* From about 10 … */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 0),
                                               "params"), <=, 12);
  /* … to the largest network of its kind within 2000: [31,31,31], 2·(31² + 31). */
  g_assert_cmpint (last, ==, 1984);
}

/* The table for people: a header, then one line per size with its params and ratio. */
static void
test_table (void)
{
  g_autoptr(CliRun) run = CLI_RUN ("scale", "--max-params", "200");
  g_auto(GStrv) lines = NULL;
  BpScaleRow rows[BP_SCALE_MAX_ROWS];
  guint n_rows = bp_scale_plan (200, rows);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_true (g_str_has_prefix (run->out, "Median of 5 rounds of at least 10 ms each"));
  lines = g_strsplit (run->out, "\n", -1);
  /* The summary, an empty line, the headings, the rows, and the final newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 3 + n_rows + 1);
  g_assert_nonnull (strstr (lines[2], "shape"));
  g_assert_nonnull (strstr (lines[2], "parameters"));
  g_assert_nonnull (strstr (lines[2], "backward/forward"));
  for (guint i = 0; i < n_rows; i++)
    {
      g_auto(GStrv) cells = g_strsplit_set (g_strstrip (lines[3 + i]), " ", -1);
      g_autofree char *shape = g_strdup_printf ("[%u,%u,%u]", rows[i].sizes[0],
                                                rows[i].sizes[1], rows[i].sizes[2]);
      g_autofree char *params = g_strdup_printf ("%" G_GUINT64_FORMAT, rows[i].params);
      const char *words[8];
      guint n = 0;

      /* The cells, without the padding. */
      for (guint c = 0; cells[c] != NULL; c++)
        if (*cells[c] != '\0' && n < G_N_ELEMENTS (words))
          words[n++] = cells[c];
      g_assert_cmpuint (n, ==, 5);
      g_assert_cmpstr (words[0], ==, shape);
      g_assert_cmpstr (words[1], ==, params);
      g_assert_cmpfloat (g_ascii_strtod (words[4], NULL), >, 0.0);
    }
  g_assert_cmpstr (lines[3 + n_rows], ==, "");
}

static void
test_errors (void)
{
  const char *bad[] = { "9", "0", "-5", "abc", "1e6", "16777217", "99999999999999999999" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CliRun) run = CLI_RUN ("scale", "--max-params", bad[i]);
      g_autofree char *message = g_strdup_printf ("backprop-cli: --max-params: “%s” is not a "
                                                  "whole number from 10 to 16777216\n", bad[i]);

      g_assert_cmpint (run->status, ==, 2);
      g_assert_cmpstr (run->out, ==, "");
      g_assert_true (g_str_has_prefix (run->err, message));
      g_assert_nonnull (strstr (run->err, "backprop-cli scale --help"));
    }
  {
    g_autoptr(CliRun) run = CLI_RUN ("scale", "extra");

    g_assert_cmpint (run->status, ==, 2);
    g_assert_cmpstr (run->out, ==, "");
    g_assert_nonnull (strstr (run->err, "Unexpected argument “extra”"));
  }
  {
    g_autoptr(CliRun) run = CLI_RUN ("scale", "--max-params");

    g_assert_cmpint (run->status, ==, 2);
    g_assert_cmpstr (run->out, ==, "");
  }
}

/* The command is listed with the others, and has its own help. */
static void
test_help (void)
{
  g_autoptr(CliRun) global = CLI_RUN ("--help");
  g_autoptr(CliRun) help = CLI_RUN ("scale", "--help");
  g_autoptr(CliRun) help_too = CLI_RUN ("help", "scale");

  g_assert_cmpint (global->status, ==, 0);
  g_assert_nonnull (strstr (global->out, "  scale       Time forward and backward passes on "
                                         "networks from 10 parameters up to --max-params."));
  g_assert_cmpint (help->status, ==, 0);
  g_assert_nonnull (strstr (help->out, "backprop-cli scale"));
  g_assert_nonnull (strstr (help->out, "--max-params=N"));
  g_assert_nonnull (strstr (help->out, "--json"));
  g_assert_cmpint (help_too->status, ==, 0);
  g_assert_cmpstr (help_too->out, ==, help->out);
}

/* The plan: growing params within the bound, about four sizes a decade, the last the
 * largest [w,w,w] within it; the default reaches 10⁷. */
static void
test_plan (void)
{
  const guint64 bounds[] = { 10, 11, 12, 100, 2000, 65536, BP_SCALE_DEFAULT_MAX_PARAMS,
                             BP_SCALE_MAX_PARAMS };

  for (guint b = 0; b < G_N_ELEMENTS (bounds); b++)
    {
      BpScaleRow rows[BP_SCALE_MAX_ROWS];
      guint n_rows = bp_scale_plan (bounds[b], rows);
      guint w;

      g_assert_cmpuint (n_rows, >=, 1);
      for (guint i = 0; i < n_rows; i++)
        {
          g_assert_cmpuint (rows[i].n_sizes, ==, 3);
          g_assert_cmpuint (rows[i].params, ==,
                            bp_scale_count_params (rows[i].sizes, rows[i].n_sizes));
          g_assert_cmpuint (rows[i].params, <=, bounds[b]);
          g_assert_true (bp_net_check_shape (rows[i].n_sizes, rows[i].sizes, NULL));
          if (i > 0)
            {
              g_assert_cmpuint (rows[i].params, >, rows[i - 1].params);
              /* Geometric: no step of more than a decade (the last may be short). */
              g_assert_cmpuint (rows[i].params, <=, 10 * rows[i - 1].params);
            }
        }
      g_assert_cmpuint (rows[0].params, <=, 12);
      w = rows[n_rows - 1].sizes[0] + 1;
      g_assert_cmpuint (2 * ((guint64) w * w + w), >, bounds[b]);
    }
  {
    BpScaleRow rows[BP_SCALE_MAX_ROWS];
    guint n_rows = bp_scale_plan (BP_SCALE_DEFAULT_MAX_PARAMS, rows);

    g_assert_cmpuint (n_rows, >=, 20);
    g_assert_cmpuint (n_rows, <=, 30);
    g_assert_cmpuint (rows[n_rows - 1].params, >=, 9000000);
  }
  {
    const guint sizes[] = { 784, 128, 10 };

    g_assert_cmpuint (bp_scale_count_params (sizes, 3), ==, 784 * 128 + 128 + 128 * 10 + 10);
  }
}

static void
test_measure (void)
{
  const guint sizes[] = { 4, 8, 2 };
  const guint wide[] = { 2, BP_MAX_WIDTH + 1, 1 };
  BpScaleRow row = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_scale_measure (sizes, 3, 100000, &row, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (row.n_sizes, ==, 3);
  g_assert_cmpuint (row.sizes[1], ==, 8);
  g_assert_cmpuint (row.params, ==, 4 * 8 + 8 + 8 * 2 + 2);
  g_assert_cmpfloat (row.forward_ns, >, 0.0);
  g_assert_cmpfloat (row.backward_ns, >, 0.0);
  /* Measuring a row in place, as a caller of bp_scale_plan () does. */
  g_assert_true (bp_scale_measure (row.sizes, row.n_sizes, 100000, &row, &error));
  g_assert_cmpuint (row.sizes[0], ==, 4);
  g_assert_cmpuint (row.params, ==, 58);

  g_assert_false (bp_scale_measure (wide, 3, 100000, &row, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_SHAPE);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bp/cli-scale/json", test_json);
  g_test_add_func ("/bp/cli-scale/table", test_table);
  g_test_add_func ("/bp/cli-scale/errors", test_errors);
  g_test_add_func ("/bp/cli-scale/help", test_help);
  g_test_add_func ("/bp/cli-scale/plan", test_plan);
  g_test_add_func ("/bp/cli-scale/measure", test_measure);
  return g_test_run ();
}
