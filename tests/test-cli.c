/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: backprop-cli as a user runs it: the real program, spawned, its exit status,
 * output and files compared with what the engine computes in this process. */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "bp-core.h"
#include "bp-file.h"
#include "bp-network.h"
#include "bp-state.h"

typedef struct {
  int status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static const char *
cli_path (void)
{
  const char *path = g_getenv ("BACKPROP_CLI");

  g_assert_nonnull (path);
  return path;
}

/* Runs backprop-cli with the arguments up to NULL, in the environment `envp` (NULL: this
 * process's); it must exit, not crash. */
static Run *
run_cli_valist (char       **envp,
                const char  *first,
                va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) cli_path ());
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  return run;
}

static Run *
run_cli (const char *first,
         ...)
{
  va_list args;
  Run *run;

  va_start (args, first);
  run = run_cli_valist (NULL, first, args);
  va_end (args);
  return run;
}

/* Runs backprop-cli with LC_ALL set to `locale` and no LANGUAGE: the messages stay in
 * English, and only the locale's conventions, such as the decimal separator, change. */
static Run *
run_cli_in_locale (const char *locale,
                   const char *first,
                   ...)
{
  g_auto(GStrv) envp = g_get_environ ();
  va_list args;
  Run *run;

  envp = g_environ_setenv (envp, "LC_ALL", locale, TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  va_start (args, first);
  run = run_cli_valist (envp, first, args);
  va_end (args);
  return run;
}

/* A temporary folder, removed with everything in it at the end of the test. */
static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("backprop-cli-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tmp_dir (const char *dir)
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

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static BpNet *
load (const char   *path,
      BpFileExtras *extras)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  BpFileExtras ignored;
  BpNet *net = bp_file_load (file, extras != NULL ? extras : &ignored, &error);

  g_assert_no_error (error);
  g_assert_nonnull (net);
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

static void
assert_usage_error (Run        *run,
                    const char *expected)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_true (g_str_has_prefix (run->err, "backprop-cli: "));
  if (expected != NULL)
    g_assert_nonnull (strstr (run->err, expected));
  g_assert_cmpstr (run->out, ==, "");
}

static void
test_version (void)
{
  g_autoptr(Run) run = run_cli ("--version", NULL);
  g_autofree char *expected = g_strdup_printf ("backprop-cli %s\n", PACKAGE_VERSION);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, expected);
  g_assert_cmpstr (expected, ==, "backprop-cli 0.6.0\n");
}

static void
test_help (void)
{
  const char *commands[] = { "new", "explain", "train", "gradcheck", "bench" };
  g_autoptr(Run) global = run_cli ("--help", NULL);
  g_autoptr(Run) help_train = run_cli ("help", "train", NULL);

  g_assert_cmpint (global->status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Run) run = run_cli (commands[i], "--help", NULL);
      g_autofree char *usage = g_strdup_printf ("backprop-cli %s", commands[i]);

      g_assert_nonnull (strstr (global->out, commands[i]));
      g_assert_cmpint (run->status, ==, 0);
      g_assert_nonnull (strstr (run->out, usage));
    }
  g_assert_cmpint (help_train->status, ==, 0);
  g_assert_nonnull (strstr (help_train->out, "--steps"));
}

static void
test_usage_errors (void)
{
  const char *const cases[][8] = {
    { NULL },
    { "frobnicate", NULL },
    { "--frobnicate", NULL },
    { "new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid", NULL },
    { "new", "--sizes", "2,x,1", "--activations", "tanh,sigmoid", "--output", "/dev/null" },
    { "new", "--sizes", "2,0,1", "--activations", "tanh,sigmoid", "--output", "/dev/null" },
    { "new", "--sizes", "2,3,1", "--activations", "tanh", "--output", "/dev/null" },
    { "new", "--sizes", "2,3,1", "--activations", "tanh,softmax", "--output", "/dev/null" },
    { "new", "--sizes", "2,5000,1", "--activations", "tanh,tanh", "--output", "/dev/null" },
    { "explain", NULL },
    { "explain", "--json", "--markdown", "a.json", NULL },
    { "explain", "a.json", "b.json", NULL },
    { "train", "a.json", NULL },
    { "train", "a.json", "--steps", "-3", NULL },
    { "train", "a.json", "--steps", "3", "--learning-rate", "0", NULL },
    { "gradcheck", NULL },
    { "bench", "extra", NULL },
  };
  const char *expected[] = {
    "No command", "frobnicate", "frobnicate", "--output", "“x”", NULL, "--activations",
    "softmax", NULL, "FILE", "--json", "b.json", "--steps", "-3", NULL, "FILE", "extra",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (cases) == G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *const *c = cases[i];
      g_autoptr(Run) run = run_cli (c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], NULL);

      g_test_message ("case %u: %s", i, run->err);
      assert_usage_error (run, expected[i]);
    }
}

static void
test_new_errors (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *out = g_build_filename (dir, "net.json", NULL);
  g_autoptr(Run) ce = run_cli ("new", "--sizes", "2,3,1", "--activations", "tanh,tanh",
                               "--loss", "cross-entropy", "--output", out, NULL);
  g_autoptr(Run) target = run_cli ("new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                                   "--loss", "cross-entropy", "--target", "2",
                                   "--output", out, NULL);
  g_autoptr(Run) input = run_cli ("new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                                  "--input", "1,2,3", "--output", out, NULL);
  g_autoptr(Run) eta = run_cli ("new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                                "--learning-rate", "101", "--output", out, NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "folder.json", NULL);
  g_autoptr(Run) unwritable = run_cli ("new", "--sizes", "2,3,1", "--activations",
                                       "tanh,sigmoid", "--output", missing, NULL);
  g_autofree char *prefix = g_strdup_printf ("backprop-cli: %s: ", missing);

  assert_usage_error (ce, "sigmoid");
  assert_usage_error (target, NULL);
  assert_usage_error (input, "--input");
  assert_usage_error (eta, NULL);
  g_assert_cmpuint (count_files (dir), ==, 0);

  g_assert_cmpint (unwritable->status, ==, 1);
  g_assert_true (g_str_has_prefix (unwritable->err, prefix));
  remove_tmp_dir (dir);
}

static void
test_bad_file (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  const char *commands[] = { "explain", "train", "gradcheck" };

  g_assert_true (g_file_set_contents (path, "{\"format\": \"backprop-network\", \"version\"",
                                      -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    for (guint k = 0; k < 2; k++)
      {
        const char *file = k == 0 ? path : missing;
        g_autoptr(Run) run = run_cli (commands[i], file, "--steps", "1", NULL);
        g_autofree char *prefix = g_strdup_printf ("backprop-cli: %s: ", file);

        if (i != 1)
          {
            g_clear_pointer (&run, run_free);
            run = run_cli (commands[i], file, NULL);
          }
        g_test_message ("%s: %s", commands[i], run->err);
        g_assert_cmpint (run->status, ==, 1);
        g_assert_true (g_str_has_prefix (run->err, prefix));
        g_assert_cmpuint (strlen (run->err), >, strlen (prefix) + 2);
        g_assert_cmpstr (run->out, ==, "");
      }
  remove_tmp_dir (dir);
}

static void
test_new_seed (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *a = g_build_filename (dir, "a.json", NULL);
  g_autofree char *b = g_build_filename (dir, "b.json", NULL);
  g_autofree char *c = g_build_filename (dir, "c.json", NULL);
  g_autofree char *bytes_a = NULL, *bytes_b = NULL;
  g_autoptr(BpNet) net_c = NULL;
  BpFileExtras extras = { 0, };

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(Run) run = run_cli ("new", "--sizes", "3,4,2", "--activations",
                                    "leaky-relu,linear", "--seed", "1234",
                                    "--output", k == 0 ? a : b, NULL);

      g_assert_cmpint (run->status, ==, 0);
    }
  g_assert_true (g_file_get_contents (a, &bytes_a, NULL, NULL));
  g_assert_true (g_file_get_contents (b, &bytes_b, NULL, NULL));
  g_assert_cmpstr (bytes_a, ==, bytes_b);

  /* Without --seed a random seed is drawn and recorded; input and target default to 1. */
  {
    g_autoptr(Run) run = run_cli ("new", "--sizes", "3,4,2", "--activations", "tanh,sigmoid",
                                  "--output", c, NULL);
    g_assert_cmpint (run->status, ==, 0);
  }
  net_c = load (c, &extras);
  g_assert_true (extras.has_seed);
  g_assert_cmpuint (extras.step, ==, 0);
  g_assert_cmpfloat (net_c->learning_rate, ==, 0.5);
  g_assert_cmpint (net_c->loss_kind, ==, BP_LOSS_SQUARED_ERROR);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (net_c->a[0][i], ==, 1.0);
  for (guint k = 0; k < 2; k++)
    g_assert_cmpfloat (net_c->target[k], ==, 1.0);
  remove_tmp_dir (dir);
}

/* JSON helpers */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
member_array (JsonObject *object,
              const char *key)
{
  g_assert_true (json_object_has_member (object, key));
  return json_object_get_array_member (object, key);
}

/* The array at `index` of `array` has `n` numbers, which equal `values` bit for bit. */
static void
assert_vector (JsonArray    *array,
               const double *values,
               guint         n)
{
  g_assert_nonnull (array);
  g_assert_cmpuint (json_array_get_length (array), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (json_array_get_double_element (array, i), ==, values[i]);
}

typedef double (*ParamFunc) (const BpNet *net, guint layer, guint to, guint from);

static double
weight_of (const BpNet *net, guint l, guint j, guint i)
{
  return i == G_MAXUINT ? net->biases[l][j] : *bp_net_weight (net, l, j, i);
}

static double
gradient_of (const BpNet *net, guint l, guint j, guint i)
{
  return i == G_MAXUINT ? bp_net_bias_gradient (net, l, j) : bp_net_weight_gradient (net, l, j, i);
}

static double
updated_of (const BpNet *net, guint l, guint j, guint i)
{
  return weight_of (net, l, j, i) - net->learning_rate * gradient_of (net, l, j, i);
}

/* [layer][to][from] like "weights", or [layer][to] like "biases" with `bias`. */
static void
assert_params (JsonObject  *object,
               const char  *key,
               const BpNet *net,
               ParamFunc    func,
               gboolean     bias)
{
  JsonArray *layers = member_array (object, key);

  g_assert_cmpuint (json_array_get_length (layers), ==, net->n_layers);
  for (guint l = 0; l < net->n_layers; l++)
    {
      JsonArray *rows = json_array_get_array_element (layers, l);

      g_assert_cmpuint (json_array_get_length (rows), ==, net->sizes[l + 1]);
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          if (bias)
            {
              g_assert_cmpfloat (json_array_get_double_element (rows, j), ==,
                                 func (net, l, j, G_MAXUINT));
              continue;
            }
          JsonArray *row = json_array_get_array_element (rows, j);

          g_assert_cmpuint (json_array_get_length (row), ==, net->sizes[l]);
          for (guint i = 0; i < net->sizes[l]; i++)
            g_assert_cmpfloat (json_array_get_double_element (row, i), ==, func (net, l, j, i));
        }
    }
}

static void
assert_layers (JsonObject    *object,
               const char    *key,
               const BpNet   *net,
               double *const *values,
               guint          first)
{
  JsonArray *layers = member_array (object, key);

  g_assert_cmpuint (json_array_get_length (layers), ==, net->n_layers + 1 - first);
  for (guint l = first; l <= net->n_layers; l++)
    assert_vector (json_array_get_array_element (layers, l - first), values[l], net->sizes[l]);
}

static void
check_explain_json (const char  *dir,
                    const char  *const *new_args)
{
  g_autofree char *path = g_build_filename (dir, "explain.json", NULL);
  g_autoptr(Run) made = run_cli ("new", "--output", path, new_args[0], new_args[1],
                                 new_args[2], new_args[3], new_args[4], new_args[5],
                                 new_args[6], new_args[7], NULL);
  g_autoptr(Run) run = run_cli ("explain", "--json", path, NULL);
  g_autoptr(BpNet) net = load (path, NULL);
  g_autoptr(BpNet) stepped = bp_net_copy (net);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_assert_cmpint (made->status, ==, 0);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  root = parse_json (run->out);
  object = json_node_get_object (root);

  g_assert_cmpfloat (json_object_get_double_member (object, "loss"), ==, net->loss);
  g_assert_cmpfloat (net->loss, >, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (object, "learning_rate"), ==,
                     net->learning_rate);
  assert_layers (object, "activations", net, net->a, 0);
  assert_layers (object, "pre_activations", net, net->z, 1);
  assert_layers (object, "deltas", net, net->delta, 1);
  assert_vector (member_array (object, "input_gradient"), net->grad_a[0], net->sizes[0]);
  assert_vector (member_array (object, "target"), net->target, net->sizes[net->n_layers]);
  assert_params (object, "weights", net, weight_of, FALSE);
  assert_params (object, "biases", net, weight_of, TRUE);
  assert_params (object, "weight_gradients", net, gradient_of, FALSE);
  assert_params (object, "bias_gradients", net, gradient_of, TRUE);
  assert_params (object, "updated_weights", net, updated_of, FALSE);
  assert_params (object, "updated_biases", net, updated_of, TRUE);

  /* One step lowers the loss on this sample, and the JSON says by how much. */
  g_assert_true (bp_net_step (stepped, NULL));
  g_assert_cmpfloat (json_object_get_double_member (object, "loss_after_step"), ==,
                     stepped->loss);
  g_assert_cmpfloat (stepped->loss, <, net->loss);
}

static void
test_explain_json (void)
{
  g_autofree char *dir = make_tmp_dir ();
  const char *small[] = { "--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                          "--seed", "42", "--input", "1,-0.5" };
  const char *deep[] = { "--sizes", "3,5,4,2", "--activations", "tanh,relu,sigmoid",
                         "--loss", "cross-entropy", "--target", "0.25,1" };
  const char *wide[] = { "--sizes", "30,20,3", "--activations", "leaky-relu,linear",
                         "--seed", "9", "--learning-rate", "0.01" };

  check_explain_json (dir, small);
  check_explain_json (dir, deep);
  check_explain_json (dir, wide);
  remove_tmp_dir (dir);
}

/* The textbook number format of the worked example: 6 significant digits, negative numbers
 * in parentheses when they are factors. */
static char *
fmt (double x,
     gboolean factor)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.6g", x == 0.0 ? 0.0 : x);
  return x < 0.0 && factor ? g_strdup_printf ("(%s)", buf) : g_strdup (buf);
}

/* Every first-layer weight of a 2-3-1 tanh/sigmoid net, by the chain rule, written out:
 * ∂L/∂W[0][j][i] = ∂L/∂y · σ'(z₂) · W[1][0][j] · tanh'(z₁ⱼ) · a[0][i]. */
static void
assert_first_layer_chains (const char  *markdown,
                           const BpNet *net)
{
  double y = net->a[2][0];
  double dl_dy = y - net->target[0];
  double dsig = y * (1.0 - y);

  for (guint j = 0; j < 3; j++)
    for (guint i = 0; i < 2; i++)
      {
        double w = *bp_net_weight (net, 1, 0, j);
        double dtanh = 1.0 - net->a[1][j] * net->a[1][j];
        double x = net->a[0][i];
        double product = dl_dy * dsig * w * dtanh * x;
        g_autofree char *title = g_strdup_printf ("∂L/∂W[0][%u][%u]   (1 path)", j, i);
        g_autofree char *labels = g_strdup_printf ("= ∂L/∂y[0] · sigmoid'(z[2][0]) · "
                                                   "W[1][0][%u] · tanh'(z[1][%u]) · a[0][%u]",
                                                   j, j, i);
        g_autofree char *f1 = fmt (dl_dy, TRUE), *f2 = fmt (dsig, TRUE), *f3 = fmt (w, TRUE);
        g_autofree char *f4 = fmt (dtanh, TRUE), *f5 = fmt (x, TRUE), *p = fmt (product, FALSE);
        g_autofree char *numbers = g_strdup_printf ("= %s · %s · %s · %s · %s = %s",
                                                    f1, f2, f3, f4, f5, p);

        g_assert_nonnull (strstr (markdown, title));
        g_assert_nonnull (strstr (markdown, labels));
        g_assert_nonnull (strstr (markdown, numbers));
        g_assert_cmpfloat (fabs (product - bp_net_weight_gradient (net, 0, j, i)), <=,
                           1e-15);
      }
}

static void
test_explain_markdown (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "net.json", NULL);
  g_autoptr(Run) made = run_cli ("new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                                 "--seed", "42", "--input", "1,-0.5", "--output", path, NULL);
  g_autoptr(Run) md = run_cli ("explain", "--markdown", path, NULL);
  g_autoptr(Run) text = run_cli ("explain", path, NULL);
  g_autoptr(BpNet) net = load (path, NULL);
  g_autofree char *loss = fmt (net->loss, FALSE);
  g_autofree char *z = fmt (net->z[1][0], FALSE);
  g_autofree char *updated = fmt (updated_of (net, 0, 0, 0), FALSE);
  g_autofree char *loss_line = g_strdup_printf ("  = %s\n", loss);
  g_autofree char *update_line = NULL;

  g_assert_cmpint (made->status, ==, 0);
  g_assert_cmpint (md->status, ==, 0);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_true (g_utf8_validate (md->out, -1, NULL));
  g_assert_true (g_str_has_prefix (md->out, "# "));
  g_assert_nonnull (strstr (md->out, "\n## 1. Forward pass\n"));
  g_assert_nonnull (strstr (md->out, "```text\n"));
  g_assert_nonnull (strstr (md->out, "z[1][0] = W[0][0][0]·a[0][0] + W[0][0][1]·a[0][1] + b[0][0]"));
  g_assert_nonnull (strstr (md->out, z));
  g_assert_nonnull (strstr (md->out, loss_line));
  assert_first_layer_chains (md->out, net);

  /* The update of W[0][0][0]: w − η·g = new w. */
  {
    g_autofree char *w = fmt (*bp_net_weight (net, 0, 0, 0), FALSE);
    g_autofree char *g = fmt (bp_net_weight_gradient (net, 0, 0, 0), TRUE);

    update_line = g_strdup_printf ("W[0][0][0] ← %s − 0.5·%s = %s", w, g, updated);
  }
  g_assert_nonnull (strstr (md->out, update_line));

  /* The plain text has the same example without Markdown. */
  g_assert_null (strstr (text->out, "```"));
  g_assert_nonnull (strstr (text->out, update_line));
  assert_first_layer_chains (text->out, net);
  remove_tmp_dir (dir);
}

static void
test_explain_large (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "net.json", NULL);
  g_autoptr(Run) made = run_cli ("new", "--sizes", "64,32,10", "--activations",
                                 "relu,sigmoid", "--seed", "5", "--output", path, NULL);
  g_autoptr(Run) text = run_cli ("explain", path, NULL);
  guint n_lines = 0;

  g_assert_cmpint (made->status, ==, 0);
  g_assert_cmpint (text->status, ==, 0);
  for (const char *p = text->out; *p != '\0'; p++)
    n_lines += *p == '\n';
  /* 2410 parameters, summarised in a readable length that says what it left out. */
  g_assert_cmpuint (n_lines, <, 400);
  g_assert_nonnull (strstr (text->out, "2410 parameters"));
  g_assert_nonnull (strstr (text->out, "more, not listed"));
  g_assert_nonnull (strstr (text->out, "∂L/∂W[0][0][0]"));
  remove_tmp_dir (dir);
}

static void
test_train (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *in = g_build_filename (dir, "in.json", NULL);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autoptr(Run) made = run_cli ("new", "--sizes", "2,4,3,1", "--activations",
                                 "tanh,relu,sigmoid", "--seed", "7", "--input", "0.5,-1",
                                 "--target", "0.25", "--learning-rate", "0.3",
                                 "--output", in, NULL);
  g_autoptr(Run) run = run_cli ("train", in, "--steps", "20", "--output", out, "--json", NULL);
  g_autoptr(Run) text = run_cli ("train", in, "--steps", "20", NULL);
  g_autoptr(BpNet) expected = load (in, NULL);
  g_autoptr(BpNet) trained = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) lines = NULL;
  BpFileExtras extras = { 0, };
  JsonArray *losses;

  g_assert_cmpint (made->status, ==, 0);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_cmpuint (count_files (dir), ==, 2);
  root = parse_json (run->out);
  losses = json_node_get_array (root);
  lines = g_strsplit (text->out, "\n", -1);
  g_assert_cmpuint (json_array_get_length (losses), ==, 20);
  g_assert_cmpuint (g_strv_length (lines), ==, 21);

  for (guint s = 0; s < 20; s++)
    {
      g_assert_cmpfloat (json_array_get_double_element (losses, s), ==, expected->loss);
      g_assert_cmpfloat (g_ascii_strtod (lines[s], NULL), ==, expected->loss);
      g_assert_true (bp_net_step (expected, NULL));
    }

  trained = load (out, &extras);
  g_assert_cmpuint (extras.step, ==, 20);
  g_assert_true (extras.has_seed);
  g_assert_cmpuint (extras.seed, ==, 7);
  g_assert_cmpfloat (trained->learning_rate, ==, 0.3);
  g_assert_cmpfloat (trained->loss, ==, expected->loss);
  for (guint l = 0; l < expected->n_layers; l++)
    {
      gsize n = (gsize) expected->sizes[l] * expected->sizes[l + 1];

      g_assert_cmpmem (trained->weights[l], n * sizeof (double),
                       expected->weights[l], n * sizeof (double));
      g_assert_cmpmem (trained->biases[l], expected->sizes[l + 1] * sizeof (double),
                       expected->biases[l], expected->sizes[l + 1] * sizeof (double));
    }
  remove_tmp_dir (dir);
}

/* --learning-rate overrides the file's, is saved, and the step count keeps adding up. */
static void
test_train_learning_rate (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *in = g_build_filename (dir, "in.json", NULL);
  g_autofree char *mid = g_build_filename (dir, "mid.json", NULL);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autoptr(Run) made = run_cli ("new", "--sizes", "1,2,1", "--activations", "tanh,linear",
                                 "--seed", "3", "--output", in, NULL);
  g_autoptr(Run) first = run_cli ("train", in, "--steps", "3", "--output", mid, NULL);
  g_autoptr(Run) second = run_cli ("train", mid, "--steps", "4", "--learning-rate", "0.125",
                                   "--output", out, NULL);
  g_autoptr(BpNet) expected = load (in, NULL);
  g_autoptr(BpNet) trained = NULL;
  BpFileExtras extras = { 0, };

  g_assert_cmpint (made->status, ==, 0);
  g_assert_cmpint (first->status, ==, 0);
  g_assert_cmpint (second->status, ==, 0);
  for (guint s = 0; s < 7; s++)
    {
      if (s == 3)
        expected->learning_rate = 0.125;
      g_assert_true (bp_net_step (expected, NULL));
    }
  trained = load (out, &extras);
  g_assert_cmpuint (extras.step, ==, 7);
  g_assert_cmpuint (extras.seed, ==, 3);
  g_assert_cmpfloat (trained->learning_rate, ==, 0.125);
  g_assert_cmpmem (trained->weights[0], 2 * sizeof (double),
                   expected->weights[0], 2 * sizeof (double));
  g_assert_cmpmem (trained->weights[1], 2 * sizeof (double),
                   expected->weights[1], 2 * sizeof (double));
  remove_tmp_dir (dir);
}

static void
test_train_divergence (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *in = g_build_filename (dir, "in.json", NULL);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autoptr(Run) made = run_cli ("new", "--sizes", "2,4,1", "--activations", "relu,linear",
                                 "--learning-rate", "100", "--input", "1e6,1e6",
                                 "--target", "0", "--seed", "1", "--output", in, NULL);
  g_autoptr(Run) run = run_cli ("train", in, "--steps", "1000", "--output", out, NULL);
  g_autofree char *prefix = g_strdup_printf ("backprop-cli: %s: step ", in);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (made->status, ==, 0);
  g_test_message ("%s", run->err);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_true (g_str_has_prefix (run->err, prefix));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* It stopped at the step it names, after printing the losses before it. */
  lines = g_strsplit (run->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 1);
  g_assert_cmpuint (g_strv_length (lines) - 1, <, 1000);
  {
    g_autofree char *step = g_strdup_printf ("step %u:", g_strv_length (lines) - 1);

    g_assert_nonnull (strstr (run->err, step));
  }
  remove_tmp_dir (dir);
}

static void
test_gradcheck (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *good = g_build_filename (dir, "good.json", NULL);
  g_autofree char *kink = g_build_filename (dir, "kink.json", NULL);
  g_autoptr(Run) made_good = run_cli ("new", "--sizes", "3,4,2", "--activations",
                                      "tanh,sigmoid", "--loss", "cross-entropy",
                                      "--target", "0,1", "--input", "0.5,-1,2",
                                      "--output", good, NULL);
  /* A ReLU exactly at its kink, z = 0: backprop says slope 0, central differences ½. */
  g_autoptr(Run) made_kink = run_cli ("new", "--sizes", "1,1,1", "--activations",
                                      "relu,linear", "--input", "0", "--seed", "1",
                                      "--output", kink, NULL);
  g_autoptr(Run) healthy = run_cli ("gradcheck", good, NULL);
  g_autoptr(Run) broken = run_cli ("gradcheck", kink, NULL);
  g_autofree char *prefix = g_strdup_printf ("backprop-cli: %s: ", kink);
  const char *number;

  g_assert_cmpint (made_good->status, ==, 0);
  g_assert_cmpint (made_kink->status, ==, 0);
  g_assert_cmpint (healthy->status, ==, 0);
  number = strrchr (healthy->out, ' ');
  g_assert_nonnull (number);
  g_assert_cmpfloat (g_ascii_strtod (number, NULL), <=, 1e-6);

  g_assert_cmpint (broken->status, ==, 1);
  g_assert_true (g_str_has_prefix (broken->err, prefix));
  remove_tmp_dir (dir);
}

static void
test_bench (void)
{
  const char *shapes[] = { "[2,3,1]", "[2,8,8,8,8,1]", "[784,128,10]", "[1024,1024,1024]" };
  g_autoptr(Run) run = run_cli ("bench", "--quick", NULL);
  g_autoptr(Run) json = run_cli ("bench", "--quick", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *results;

  g_assert_cmpint (run->status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    g_assert_nonnull (strstr (run->out, shapes[i]));

  g_assert_cmpint (json->status, ==, 0);
  root = parse_json (json->out);
  results = member_array (json_node_get_object (root), "shapes");
  g_assert_cmpuint (json_array_get_length (results), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);

      g_assert_cmpfloat (json_object_get_double_member (r, "step_ns"), >, 0.0);
      g_assert_cmpfloat (json_object_get_double_member (r, "forward_ns"), >, 0.0);
      g_assert_cmpfloat (json_object_get_double_member (r, "backward_ns"), >, 0.0);
      g_assert_cmpfloat (json_object_get_double_member (r, "backward_forward_ratio"), >, 0.0);
    }
}

/* Decimal commas: text for people follows the locale, what programs read never does. */

#define GERMAN "de_DE.UTF-8"

/* Whether the C library has `locale`: it exists only once generated (locale-gen). */
static gboolean
locale_available (const char *locale)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  gboolean available = setlocale (LC_ALL, locale) != NULL;

  setlocale (LC_ALL, saved);
  return available;
}

static gboolean
skip_without_german (void)
{
  if (locale_available (GERMAN))
    return FALSE;
  g_test_skip ("the de_DE.UTF-8 locale is not generated on this machine; tests/run-all.sh "
               "generates it (or run: sed -i 's/^# *de_DE.UTF-8/de_DE.UTF-8/' "
               "/etc/locale.gen && locale-gen)");
  return TRUE;
}

/* A digit, a comma and a digit: a decimal comma. The files separate numbers with ", ". */
static gboolean
has_decimal_comma (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p == ',' && p > text && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1]))
      return TRUE;
  return FALSE;
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

/* Every number of the file and of explain --json under de_DE: JSON with '.' decimals that
 * reads back as the numbers the engine computes. */
static void
test_locale_machine_output (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *trained_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *trained_text = NULL;
  g_autoptr(Run) made = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) trained = NULL;
  g_autoptr(Run) comma = NULL;
  g_autoptr(BpNet) net = NULL;
  g_autoptr(BpNet) expected = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) losses = NULL;
  JsonObject *object;

  if (skip_without_german ())
    return;
  dir = make_tmp_dir ();
  path = g_build_filename (dir, "net.json", NULL);
  trained_path = g_build_filename (dir, "trained.json", NULL);

  /* Options take '.' whatever the locale: 0.25 is a quarter, not an error or 25. */
  made = run_cli_in_locale (GERMAN, "new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                            "--seed", "42", "--input", "1,-0.5", "--target", "0.75",
                            "--learning-rate", "0.25", "--output", path, NULL);
  g_assert_cmpstr (made->err, ==, "");
  g_assert_cmpint (made->status, ==, 0);
  text = read_text (path);
  g_assert_nonnull (strstr (text, "\"learning_rate\": 0.25,"));
  g_assert_nonnull (strstr (text, "\"target\": [0.75]"));
  g_assert_false (has_decimal_comma (text));
  net = load (path, NULL);
  g_assert_cmpfloat (net->learning_rate, ==, 0.25);
  g_assert_cmpfloat (net->a[0][1], ==, -0.5);

  json = run_cli_in_locale (GERMAN, "explain", "--json", path, NULL);
  g_assert_cmpint (json->status, ==, 0);
  root = parse_json (json->out);
  object = json_node_get_object (root);
  g_assert_cmpfloat (json_object_get_double_member (object, "learning_rate"), ==, 0.25);
  g_assert_cmpfloat (json_object_get_double_member (object, "loss"), ==, net->loss);
  assert_layers (object, "activations", net, net->a, 0);
  assert_params (object, "weights", net, weight_of, FALSE);
  assert_params (object, "updated_weights", net, updated_of, FALSE);

  /* train: the losses it prints for scripts and the file it writes keep '.'. */
  trained = run_cli_in_locale (GERMAN, "train", path, "--steps", "3", "--learning-rate", "0.5",
                               "--output", trained_path, NULL);
  g_assert_cmpint (trained->status, ==, 0);
  expected = bp_net_copy (net);
  expected->learning_rate = 0.5;
  losses = g_strsplit (trained->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (losses), ==, 4);
  for (guint k = 0; k < 3; k++)
    {
      char *end = NULL;

      g_assert_cmpfloat (g_ascii_strtod (losses[k], &end), ==, expected->loss);
      g_assert_cmpstr (end, ==, "");
      g_assert_true (bp_net_step (expected, NULL));
    }
  trained_text = read_text (trained_path);
  g_assert_nonnull (strstr (trained_text, "\"learning_rate\": 0.5,"));
  g_assert_false (has_decimal_comma (trained_text));

  /* A decimal comma on the command line is refused, never read as 0 or 5. */
  comma = run_cli_in_locale (GERMAN, "new", "--sizes", "2,1", "--activations", "sigmoid",
                             "--learning-rate", "0,5", "--output", path, NULL);
  assert_usage_error (comma, "“0,5” is not a finite number");
  remove_tmp_dir (dir);
}

/* The worked example is for people: 0,25 and (1; -0,5) in German, 0.25 and (1, -0.5) in
 * C.UTF-8, the same network either way. */
static void
test_locale_worked_example (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Run) made = NULL;
  g_autoptr(Run) german = NULL;
  g_autoptr(Run) german_md = NULL;
  g_autoptr(Run) plain = NULL;

  if (skip_without_german ())
    return;
  dir = make_tmp_dir ();
  path = g_build_filename (dir, "net.json", NULL);
  made = run_cli ("new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid", "--seed", "42",
                  "--input", "1,-0.5", "--learning-rate", "0.25", "--output", path, NULL);
  g_assert_cmpint (made->status, ==, 0);

  german = run_cli_in_locale (GERMAN, "explain", path, NULL);
  german_md = run_cli_in_locale (GERMAN, "explain", "--markdown", path, NULL);
  plain = run_cli_in_locale ("C.UTF-8", "explain", path, NULL);
  g_assert_cmpint (german->status, ==, 0);
  g_assert_cmpint (german_md->status, ==, 0);
  g_assert_cmpint (plain->status, ==, 0);

  g_assert_nonnull (strstr (german->out, "learning rate η = 0,25."));
  g_assert_nonnull (strstr (german->out, "a[0] = (1; -0,5)"));
  g_assert_nonnull (strstr (german->out, "·(-0,5) + "));
  g_assert_null (strstr (german->out, "0.25"));
  g_assert_nonnull (strstr (german_md->out, "a[0] = (1; -0,5)"));
  g_assert_nonnull (strstr (german_md->out, "with η = 0,25."));

  g_assert_nonnull (strstr (plain->out, "learning rate η = 0.25."));
  g_assert_nonnull (strstr (plain->out, "a[0] = (1, -0.5)"));
  g_assert_null (strstr (plain->out, "0,25"));
  remove_tmp_dir (dir);
}

/* The state file is written by the window's process, whose locale is the user's. */
static void
test_locale_state_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *saved_locale = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(BpNetwork) network = NULL;
  g_autoptr(BpNetwork) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(BpFileSession) session = { 0, };

  if (skip_without_german ())
    return;
  dir = make_tmp_dir ();
  path = g_build_filename (dir, "state.json", NULL);
  file = g_file_new_for_path (path);
  network = bp_network_new ();
  bp_network_set_learning_rate (network, 0.125);
  g_assert_true (bp_network_step_n (network, 3, NULL));

  saved_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_assert_nonnull (setlocale (LC_ALL, GERMAN));
  g_assert_true (bp_state_save (file, network, NULL, TRUE, &error));
  setlocale (LC_ALL, saved_locale);
  g_assert_no_error (error);

  text = read_text (path);
  g_assert_nonnull (strstr (text, "\"learning_rate\": 0.125,"));
  g_assert_false (has_decimal_comma (text));
  restored = bp_state_load (file, &session, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (bp_network_get_learning_rate (restored), ==, 0.125);
  g_assert_cmpfloat (bp_network_get_loss (restored), ==, bp_network_get_loss (network));
  g_assert_cmpuint (bp_history_get_length (bp_network_get_history (restored)), ==,
                    bp_history_get_length (bp_network_get_history (network)));
  remove_tmp_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/cli/version", test_version);
  g_test_add_func ("/bp/cli/help", test_help);
  g_test_add_func ("/bp/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/bp/cli/new-errors", test_new_errors);
  g_test_add_func ("/bp/cli/bad-file", test_bad_file);
  g_test_add_func ("/bp/cli/new-seed", test_new_seed);
  g_test_add_func ("/bp/cli/explain-json", test_explain_json);
  g_test_add_func ("/bp/cli/explain-markdown", test_explain_markdown);
  g_test_add_func ("/bp/cli/explain-large", test_explain_large);
  g_test_add_func ("/bp/cli/train", test_train);
  g_test_add_func ("/bp/cli/train-learning-rate", test_train_learning_rate);
  g_test_add_func ("/bp/cli/train-divergence", test_train_divergence);
  g_test_add_func ("/bp/cli/gradcheck", test_gradcheck);
  g_test_add_func ("/bp/cli/bench", test_bench);
  g_test_add_func ("/bp/cli/locale/machine-output", test_locale_machine_output);
  g_test_add_func ("/bp/cli/locale/worked-example", test_locale_worked_example);
  g_test_add_func ("/bp/cli/locale/state-file", test_locale_state_file);

  return g_test_run ();
}
