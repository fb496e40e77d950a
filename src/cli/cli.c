/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli.c: backprop-cli, the command-line tool: new, explain, train, gradcheck, bench.
 *
 * Exit status: 0 on success, 1 on bad input (a file, a write, a divergence), 2 on a usage
 * error. Machine-readable output (JSON, files, the losses of `train`) always uses '.'
 * decimals whatever the locale, and so do the numbers given as options; text for people (the
 * worked example, gradcheck's and bench's reports, messages) follows the locale.
 */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bp-core.h"
#include "bp-explain.h"
#include "bp-file.h"

#define PROGRAM "backprop-cli"

enum {
  STATUS_OK = 0,
  STATUS_BAD_INPUT = 1,
  STATUS_USAGE = 2,
};

typedef struct {
  const char *name;
  const char *parameters;  /* the positional arguments, for --help */
  const char *summary;
  int (*run) (int argc, char **argv);
} Command;

/* Messages */

static int
report (int         status,
        const char *file,
        const char *message)
{
  if (file != NULL)
    {
      g_autofree char *display = g_filename_display_name (file);

      g_printerr ("%s: %s: %s\n", PROGRAM, display, message);
    }
  else
    {
      g_printerr ("%s: %s\n", PROGRAM, message);
    }
  return status;
}

static int
usage_error (const char *command,
             const char *message)
{
  report (STATUS_USAGE, NULL, message);
  if (command != NULL)
    /* Translators: "Run “backprop-cli train --help” to see its options."; the program's and
     * the command's names and --help stay as they are */
    g_printerr (_("Run “%s %s --help” to see its options.\n"), PROGRAM, command);
  else
    /* Translators: %s is the program's name, backprop-cli; --help stays as it is */
    g_printerr (_("Run “%s --help” to see the commands.\n"), PROGRAM);
  return STATUS_USAGE;
}

static int
write_stdout (const char *text)
{
  if (fputs (text, stdout) == EOF || fflush (stdout) != 0)
    return report (STATUS_BAD_INPUT, NULL, _("Could not write to the standard output"));
  return STATUS_OK;
}

/* The shortest decimal form that reads back as the same double, with '.' decimals. */
static char *
exact_number (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits < 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, x);
      if (g_ascii_strtod (buf, NULL) == x)
        return g_strdup (buf);
    }
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", x));
}

static char *
json_number (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (x))
    return g_strdup ("null");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", x));
}

/* Option values. All are taken as strings and parsed here, so that numbers always use '.'
 * and every error says which option and which value is wrong. */

static gboolean
parse_double (const char  *option,
              const char  *text,
              double      *value,
              GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  *value = g_ascii_strtod (copy, &end);
  if (*copy == '\0' || end == NULL || *end != '\0' || !isfinite (*value))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: an option such as --learning-rate (keep it), then the
                    * value given */
                   _("%s: “%s” is not a finite number"), option, copy);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_unsigned (const char  *option,
                const char  *text,
                guint64      min,
                guint64      max,
                guint64     *value,
                GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (!g_ascii_string_to_unsigned (copy, 10, min, max, value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: an option such as --steps (keep it), the value given, then
                    * the smallest and the largest value allowed */
                   _("%s: “%s” is not a whole number from %" PRIu64
                     " to %" PRIu64),
                   option, copy, min, max);
      return FALSE;
    }
  return TRUE;
}

/* A comma-separated list of exactly `expected` numbers (any count if 0). */
static double *
parse_doubles (const char  *option,
               const char  *text,
               guint        expected,
               GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint n = g_strv_length (parts);
  g_autofree double *values = NULL;

  if (expected != 0 && n != expected)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: an option such as --input (keep it), the values given,
                    * how many they are and how many the network needs */
                   ngettext ("%s: “%s” has %u value; the network needs %u",
                             "%s: “%s” has %u values; the network needs %u", n),
                   option, text, n, expected);
      return NULL;
    }
  values = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (!parse_double (option, parts[i], &values[i], error))
      return NULL;
  return g_steal_pointer (&values);
}

static GOptionContext *
command_context (const Command *command,
                 GOptionEntry  *entries)
{
  const char *parameters = command->parameters[0] != '\0' ? _(command->parameters) : NULL;
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_summary (context, _(command->summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

/* Parses the options of a command and checks that exactly `n_positional` arguments remain. */
static int
parse_command_line (const Command *command,
                    GOptionEntry  *entries,
                    int           *argc,
                    char        ***argv,
                    int            n_positional)
{
  g_autoptr(GOptionContext) context = command_context (command, entries);
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return usage_error (command->name, error->message);
  if (*argc - 1 < n_positional)
    {
      /* Translators: "train needs FILE --steps N": a command's name, then what it needs */
      g_autofree char *message = g_strdup_printf (_("%s needs %s"), command->name,
                                                  _(command->parameters));

      return usage_error (command->name, message);
    }
  if (*argc - 1 > n_positional)
    {
      /* Translators: %s is an argument given on the command line */
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"),
                                                  (*argv)[n_positional + 1]);

      return usage_error (command->name, message);
    }
  return STATUS_OK;
}

/* Loading and saving */

static BpNet *
load_network (const char   *path,
              BpFileExtras *extras)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  BpFileExtras ignored;
  BpNet *net;

  net = bp_file_load (file, extras != NULL ? extras : &ignored, &error);
  if (net == NULL)
    {
      /* GIO's own message repeats the path the prefix already gives. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        /* Translators: after the file's name: "backprop-cli: net.json: No such file" */
        report (STATUS_BAD_INPUT, path, _("No such file"));
      else
        report (STATUS_BAD_INPUT, path, error->message);
      return NULL;
    }
  /* The loader leaves the passes current; recomputing them is cheap and exact. */
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

static int
save_network (const BpNet        *net,
              const BpFileExtras *extras,
              const char         *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;

  if (!bp_file_save (net, extras, file, &error))
    return report (STATUS_BAD_INPUT, path, error->message);
  return STATUS_OK;
}

/* new */

typedef struct {
  char *sizes;
  char *activations;
  char *loss;
  char *seed;
  char *learning_rate;
  char *input;
  char *target;
  char *output;
} NewOptions;

static void
new_options_clear (NewOptions *o)
{
  g_free (o->sizes);
  g_free (o->activations);
  g_free (o->loss);
  g_free (o->seed);
  g_free (o->learning_rate);
  g_free (o->input);
  g_free (o->target);
  g_free (o->output);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NewOptions, new_options_clear)

static gboolean
parse_sizes (const char  *text,
             GArray      *sizes,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 n;
      guint size;

      if (!parse_unsigned ("--sizes", parts[i], 1, BP_MAX_WIDTH, &n, error))
        return FALSE;
      size = (guint) n;
      g_array_append_val (sizes, size);
    }
  return bp_net_check_shape (sizes->len, (const guint *) (gpointer) sizes->data, error);
}

static gboolean
parse_activations (const char    *text,
                   guint          n_layers,
                   BpActivation  *activations,
                   GError       **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint n = g_strv_length (parts);

  if (n != n_layers)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: the options stay as they are; the first number counts the
                    * activations given, the second the weight layers of --sizes */
                   ngettext ("--activations: %u given; --sizes has %u weight layer",
                             "--activations: %u given; --sizes has %u weight layers",
                             n_layers),
                   n, n_layers);
      return FALSE;
    }
  for (guint l = 0; l < n; l++)
    if (!bp_activation_from_string (g_strstrip (parts[l]), &activations[l]))
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     /* Translators: --activations and the names linear, sigmoid, tanh, relu
                      * and leaky-relu are what the command line takes: keep them */
                     _("--activations: unknown activation “%s” (use linear, sigmoid, tanh, "
                       "relu or leaky-relu)"), parts[l]);
        return FALSE;
      }
  return TRUE;
}

/* The network described by --sizes, --activations and --loss, not yet initialised. */
static BpNet *
new_network_shape (const NewOptions *o,
                   GError          **error)
{
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  BpActivation activations[BP_MAX_LAYERS];
  BpLoss loss = BP_LOSS_SQUARED_ERROR;

  if (!parse_sizes (o->sizes, sizes, error) ||
      !parse_activations (o->activations, sizes->len - 1, activations, error))
    return NULL;
  if (o->loss != NULL && !bp_loss_from_string (o->loss, &loss))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: --loss, squared-error and cross-entropy are what the
                    * command line takes: keep them */
                   _("--loss: unknown loss “%s” (use squared-error or cross-entropy)"),
                   o->loss);
      return NULL;
    }
  return bp_net_new (sizes->len, (const guint *) (gpointer) sizes->data, activations, loss,
                     error);
}

/* Fills `values` from the option, or with 1 everywhere when it was not given. */
static gboolean
fill_vector (const char  *option,
             const char  *text,
             double      *values,
             guint        n,
             GError     **error)
{
  g_autofree double *parsed = NULL;

  if (text == NULL)
    {
      for (guint i = 0; i < n; i++)
        values[i] = 1.0;
      return TRUE;
    }
  parsed = parse_doubles (option, text, n, error);
  if (parsed == NULL)
    return FALSE;
  memcpy (values, parsed, n * sizeof (double));
  return TRUE;
}

static gboolean
new_network_values (const NewOptions *o,
                    BpNet            *net,
                    guint32          *seed,
                    GError          **error)
{
  guint n_out = net->sizes[net->n_layers];
  g_autofree double *target = g_new (double, n_out);
  g_autofree double *input = g_new (double, net->sizes[0]);
  guint64 seed64 = g_random_int ();
  double eta = 0.5;

  if ((o->seed != NULL && !parse_unsigned ("--seed", o->seed, 0, G_MAXUINT32, &seed64, error)) ||
      (o->learning_rate != NULL &&
       !parse_double ("--learning-rate", o->learning_rate, &eta, error)) ||
      !bp_net_check_learning_rate (eta, error) ||
      !fill_vector ("--target", o->target, target, n_out, error) ||
      !bp_net_check_target (net, target, error) ||
      !fill_vector ("--input", o->input, input, net->sizes[0], error))
    return FALSE;
  bp_net_set_input (net, input);

  *seed = (guint32) seed64;
  if (!bp_net_set_learning_rate (net, eta, error) || !bp_net_set_target (net, target, error))
    return FALSE;
  bp_net_init_seeded (net, *seed);
  bp_net_forward (net);
  bp_net_backward (net);
  return TRUE;
}

static const Command command_new;

static int
run_new (int    argc,
         char **argv)
{
  g_auto(NewOptions) o = { 0, };
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &o.sizes,
      /* Translators: an option's description and its value's placeholder in `backprop-cli
       * new --help`: a comma-separated list of whole numbers */
      N_("Neurons per layer, the input first (required)"), N_("N,N,…") },
    { "activations", 0, 0, G_OPTION_ARG_STRING, &o.activations,
      /* Translators: keep linear, sigmoid, tanh, relu and leaky-relu as they are: they are
       * what the command line takes */
      N_("Activation of each non-input layer: linear, sigmoid, tanh, relu, leaky-relu "
         "(required)"), N_("NAME,…") },
    { "loss", 0, 0, G_OPTION_ARG_STRING, &o.loss,
      /* Translators: keep squared-error and cross-entropy as they are: they are what the
       * command line takes */
      N_("squared-error (default) or cross-entropy"), N_("LOSS") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &o.seed,
      N_("Seed of the initial weights (default: a random one, kept in the file)"), N_("N") },
    { "learning-rate", 0, 0, G_OPTION_ARG_STRING, &o.learning_rate,
      /* Translators: η is the learning rate's symbol and stays as it is; 0.5 is written as
       * the command line takes it, with a point, whatever the language */
      N_("Learning rate η, 0 < η ≤ 100 (default 0.5)"), N_("η") },
    { "input", 0, 0, G_OPTION_ARG_STRING, &o.input,
      N_("The input sample (default: every input 1)"), N_("X,X,…") },
    { "target", 0, 0, G_OPTION_ARG_STRING, &o.target,
      N_("The target output (default: every target 1)"), N_("T,T,…") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("The network file to write (required)"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GError) error = NULL;
  BpFileExtras extras = { TRUE, 0, 0 };
  int status = parse_command_line (&command_new, entries, &argc, &argv, 0);

  if (status != STATUS_OK)
    return status;
  if (o.sizes == NULL || o.activations == NULL || o.output == NULL)
    /* Translators: the command and the options stay as they are */
    return usage_error ("new", _("new needs --sizes, --activations and --output"));

  net = new_network_shape (&o, &error);
  if (net == NULL || !new_network_values (&o, net, &extras.seed, &error))
    return usage_error ("new", error->message);
  return save_network (net, &extras, o.output);
}

/* explain */

static const Command command_explain;

static int
run_explain (int    argc,
             char **argv)
{
  gboolean json = FALSE, markdown = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print every number as one JSON object"), NULL },
    { "markdown", 0, 0, G_OPTION_ARG_NONE, &markdown,
      N_("Print a Markdown handout"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(BpNet) net = NULL;
  g_autofree char *text = NULL;
  int status = parse_command_line (&command_explain, entries, &argc, &argv, 1);

  if (status != STATUS_OK)
    return status;
  if (json && markdown)
    /* Translators: the options stay as they are */
    return usage_error ("explain", _("--json and --markdown exclude each other"));

  net = load_network (argv[1], NULL);
  if (net == NULL)
    return STATUS_BAD_INPUT;
  if (json)
    text = bp_explain_json (net);
  else if (markdown)
    text = bp_explain_markdown (net);
  else
    text = bp_explain_text (net);
  if (!g_str_has_suffix (text, "\n"))
    {
      char *with_newline = g_strconcat (text, "\n", NULL);

      g_free (text);
      text = with_newline;
    }
  return write_stdout (text);
}

/* train */

typedef struct {
  char *steps;
  char *learning_rate;
  char *output;
  gboolean json;
} TrainOptions;

static void
train_options_clear (TrainOptions *o)
{
  g_free (o->steps);
  g_free (o->learning_rate);
  g_free (o->output);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TrainOptions, train_options_clear)

/* Runs the steps, printing each loss as text right away or collecting it for JSON. */
static int
train_steps (BpNet      *net,
             guint64     n_steps,
             gboolean    json,
             GString    *losses,
             const char *path)
{
  for (guint64 s = 0; s < n_steps; s++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *loss = json ? json_number (net->loss) : exact_number (net->loss);

      if (json)
        g_string_append_printf (losses, s > 0 ? ",%s" : "%s", loss);
      else
        g_print ("%s\n", loss);
      if (!bp_net_step (net, &error))
        {
          /* Translators: the step that failed, counted from 1, then the reason */
          g_autofree char *message = g_strdup_printf (_("step %" PRIu64 ": %s"),
                                                      s + 1, error->message);

          return report (STATUS_BAD_INPUT, path, message);
        }
    }
  return STATUS_OK;
}

static const Command command_train;

static int
run_train (int    argc,
           char **argv)
{
  g_auto(TrainOptions) o = { 0, };
  GOptionEntry entries[] = {
    { "steps", 'n', 0, G_OPTION_ARG_STRING, &o.steps,
      N_("How many SGD steps to run (required)"), N_("N") },
    { "learning-rate", 0, 0, G_OPTION_ARG_STRING, &o.learning_rate,
      /* Translators: η is the learning rate's symbol and stays as it is */
      N_("Learning rate η, 0 < η ≤ 100 (default: the file's)"), N_("η") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("Write the trained network to FILE (default: write nothing)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json,
      N_("Print the losses as one JSON array"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) losses = g_string_new ("[");
  BpFileExtras extras = { FALSE, 0, 0 };
  guint64 n_steps;
  double eta = 0.0;
  int status = parse_command_line (&command_train, entries, &argc, &argv, 1);

  if (status != STATUS_OK)
    return status;
  if (o.steps == NULL)
    /* Translators: the command and the option stay as they are */
    return usage_error ("train", _("train needs --steps"));
  if (!parse_unsigned ("--steps", o.steps, 0, G_MAXUINT32, &n_steps, &error) ||
      (o.learning_rate != NULL &&
       (!parse_double ("--learning-rate", o.learning_rate, &eta, &error) ||
        !bp_net_check_learning_rate (eta, &error))))
    return usage_error ("train", error->message);

  net = load_network (argv[1], &extras);
  if (net == NULL)
    return STATUS_BAD_INPUT;
  if (o.learning_rate != NULL && !bp_net_set_learning_rate (net, eta, NULL))
    g_assert_not_reached ();   /* checked with the options */

  status = train_steps (net, n_steps, o.json, losses, argv[1]);
  if (status != STATUS_OK)
    return status;
  if (o.json)
    {
      g_string_append (losses, "]\n");
      status = write_stdout (losses->str);
    }
  extras.step += n_steps;
  if (status == STATUS_OK && o.output != NULL)
    status = save_network (net, &extras, o.output);
  return status;
}

/* gradcheck */

#define GRADCHECK_TOLERANCE 1e-6

static const Command command_gradcheck;

static int
run_gradcheck (int    argc,
               char **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(BpNet) net = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double worst;
  int status = parse_command_line (&command_gradcheck, entries, &argc, &argv, 1);

  if (status != STATUS_OK)
    return status;
  net = load_network (argv[1], NULL);
  if (net == NULL)
    return STATUS_BAD_INPUT;

  worst = bp_net_gradient_check (net);
  /* A report for people: the locale's decimal separator. */
  g_snprintf (buf, sizeof buf, "%.3g", worst);
  /* Translators: %s is a small number such as 2.5e-10 */
  g_print (_("Largest relative error between backprop and central differences: %s\n"), buf);
  if (!(worst <= GRADCHECK_TOLERANCE))
    {
      g_autofree char *message =
        /* Translators: %s is the largest relative error found; 1e-6 is the tolerance */
        g_strdup_printf (_("the gradients differ from central differences by %s, "
                           "more than 1e-6"), buf);

      return report (STATUS_BAD_INPUT, argv[1], message);
    }
  return STATUS_OK;
}

/* bench */

typedef enum {
  OP_STEP,
  OP_FORWARD,
  OP_BACKWARD,
  N_OPS
} BenchOp;

typedef struct {
  guint rounds;
  gint64 round_usec;     /* each round runs at least this long… */
  guint64 min_iterations; /* …and at least this many times */
} BenchPlan;

typedef struct {
  const guint *sizes;
  guint n_sizes;
  double ns[N_OPS];
} BenchResult;

static const guint bench_shape_0[] = { 2, 3, 1 };
static const guint bench_shape_1[] = { 2, 8, 8, 8, 8, 1 };
static const guint bench_shape_2[] = { 784, 128, 10 };
static const guint bench_shape_3[] = { 1024, 1024, 1024 };

static BenchResult bench_results[] = {
  { bench_shape_0, G_N_ELEMENTS (bench_shape_0), { 0, } },
  { bench_shape_1, G_N_ELEMENTS (bench_shape_1), { 0, } },
  { bench_shape_2, G_N_ELEMENTS (bench_shape_2), { 0, } },
  { bench_shape_3, G_N_ELEMENTS (bench_shape_3), { 0, } },
};

/* Tanh hidden layers, a sigmoid output, seed 1, and a sample drawn from a fixed seed. */
static BpNet *
bench_network (const BenchResult *shape)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2);
  BpActivation activations[BP_MAX_LAYERS];
  guint L = shape->n_sizes - 1;
  g_autofree double *input = g_new (double, shape->sizes[0]);
  g_autofree double *target = g_new (double, shape->sizes[L]);
  BpNet *net;

  for (guint l = 0; l < L; l++)
    activations[l] = l + 1 < L ? BP_ACTIVATION_TANH : BP_ACTIVATION_SIGMOID;
  net = bp_net_new (shape->n_sizes, shape->sizes, activations, BP_LOSS_SQUARED_ERROR, NULL);
  g_assert (net != NULL);
  bp_net_init_seeded (net, 1);
  for (guint i = 0; i < shape->sizes[0]; i++)
    input[i] = g_rand_double_range (rand, -1.0, 1.0);
  for (guint k = 0; k < shape->sizes[L]; k++)
    target[k] = g_rand_double (rand);
  bp_net_set_input (net, input);
  if (!bp_net_set_target (net, target, NULL))
    g_assert_not_reached ();   /* squared error takes any target */
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

static void
bench_run (BpNet   *net,
           BenchOp  op,
           guint64  n)
{
  for (guint64 i = 0; i < n; i++)
    switch (op)
      {
      case OP_STEP:
        /* A step refused for divergence costs as much; the bench ignores it. */
        bp_net_step (net, NULL);
        break;
      case OP_FORWARD:
        bp_net_forward (net);
        break;
      case OP_BACKWARD:
      case N_OPS:
      default:
        bp_net_backward (net);
        break;
      }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nanoseconds per call: the median over rounds, which a noisy, shared machine disturbs
 * least. The first batch, doubling until it lasts a round, also warms the caches up. */
static double
bench_measure (BpNet           *net,
               BenchOp          op,
               const BenchPlan *plan)
{
  g_autofree double *samples = g_new (double, plan->rounds);
  guint64 n = 1;

  for (;;)
    {
      gint64 start = g_get_monotonic_time ();

      bench_run (net, op, n);
      if (g_get_monotonic_time () - start >= plan->round_usec && n >= plan->min_iterations)
        break;
      n *= 2;
    }
  for (guint r = 0; r < plan->rounds; r++)
    {
      gint64 start = g_get_monotonic_time ();

      bench_run (net, op, n);
      samples[r] = (double) (g_get_monotonic_time () - start) * 1000.0 / (double) n;
    }
  qsort (samples, plan->rounds, sizeof (double), compare_doubles);
  return samples[plan->rounds / 2];
}

static char *
bench_shape_name (const BenchResult *result,
                  gboolean           json)
{
  GString *s = g_string_new ("[");

  for (guint l = 0; l < result->n_sizes; l++)
    g_string_append_printf (s, l > 0 ? ",%u" : "%u", result->sizes[l]);
  g_string_append_c (s, ']');
  if (json)
    g_string_prepend (s, "\"sizes\": ");
  return g_string_free (s, FALSE);
}

/* Appends text padded with spaces to width columns, counting what a terminal shows: printf
 * would count bytes, which misaligns accented and wide (East Asian) letters. */
static void
append_column (GString    *s,
               const char *text,
               int         width,
               gboolean    left)
{
  int used = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    used += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  if (left)
    g_string_append (s, text);
  for (int i = used; i < width; i++)
    g_string_append_c (s, ' ');
  if (!left)
    g_string_append (s, text);
}

static void
append_row (GString    *s,
            const char *cells[5])
{
  static const int widths[5] = { 18, 15, 15, 15, 19 };

  for (guint c = 0; c < 5; c++)
    append_column (s, cells[c], widths[c], c == 0);
  g_string_append_c (s, '\n');
}

static char *
bench_table (const BenchPlan *plan)
{
  GString *s = g_string_new (NULL);
  char step[32], forward[32], backward[32], ratio[32];

  /* Translators: the first number counts the rounds, the second is milliseconds */
  g_string_append_printf (s, _("Median of %u rounds of at least %d ms each, in nanoseconds "
                               "per call (one thread)."), plan->rounds,
                          (int) (plan->round_usec / 1000));
  g_string_append (s, "\n\n");
  /* Translators: headings of the columns of bench's table: the network's shape, then the time
   * of an SGD step (stochastic gradient descent), of a forward and of a backward pass, and
   * the ratio of the last two; keep them short */
  append_row (s, (const char *[5]) { C_("bench", "shape"), C_("bench", "SGD step"),
                                     C_("bench", "forward"), C_("bench", "backward"),
                                     C_("bench", "backward/forward") });
  for (guint i = 0; i < G_N_ELEMENTS (bench_results); i++)
    {
      const BenchResult *r = &bench_results[i];
      g_autofree char *name = bench_shape_name (r, FALSE);

      /* A table for people: the locale's decimal separator. */
      g_snprintf (step, sizeof step, "%.0f", r->ns[OP_STEP]);
      g_snprintf (forward, sizeof forward, "%.0f", r->ns[OP_FORWARD]);
      g_snprintf (backward, sizeof backward, "%.0f", r->ns[OP_BACKWARD]);
      g_snprintf (ratio, sizeof ratio, "%.2f", r->ns[OP_BACKWARD] / r->ns[OP_FORWARD]);
      append_row (s, (const char *[5]) { name, step, forward, backward, ratio });
    }
  return g_string_free (s, FALSE);
}

static char *
bench_json (const BenchPlan *plan)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "{\n  \"rounds\": %u,\n  \"round_ms\": %d,\n  \"shapes\": [",
                          plan->rounds, (int) (plan->round_usec / 1000));
  for (guint i = 0; i < G_N_ELEMENTS (bench_results); i++)
    {
      const BenchResult *r = &bench_results[i];
      g_autofree char *sizes = bench_shape_name (r, TRUE);
      g_autofree char *step = json_number (r->ns[OP_STEP]);
      g_autofree char *forward = json_number (r->ns[OP_FORWARD]);
      g_autofree char *backward = json_number (r->ns[OP_BACKWARD]);
      g_autofree char *ratio = json_number (r->ns[OP_BACKWARD] / r->ns[OP_FORWARD]);

      g_string_append_printf (s, "%s\n    {%s, \"step_ns\": %s, \"forward_ns\": %s, "
                              "\"backward_ns\": %s, \"backward_forward_ratio\": %s}",
                              i > 0 ? "," : "", sizes, step, forward, backward, ratio);
    }
  g_string_append (s, "\n  ]\n}\n");
  return g_string_free (s, FALSE);
}

static const Command command_bench;

static int
run_bench (int    argc,
           char **argv)
{
  gboolean quick = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick,
      N_("Few short rounds: a smoke test, not a measurement"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the results as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  BenchPlan full = { 7, 50000, 3 }, fast = { 3, 1000, 1 };
  const BenchPlan *plan;
  g_autofree char *text = NULL;
  int status = parse_command_line (&command_bench, entries, &argc, &argv, 0);

  if (status != STATUS_OK)
    return status;
  plan = quick ? &fast : &full;
  for (guint i = 0; i < G_N_ELEMENTS (bench_results); i++)
    {
      g_autoptr(BpNet) net = bench_network (&bench_results[i]);

      for (BenchOp op = 0; op < N_OPS; op++)
        bench_results[i].ns[op] = bench_measure (net, op, plan);
    }
  text = json ? bench_json (plan) : bench_table (plan);
  return write_stdout (text);
}

/* Dispatch */

static const Command command_new = {
  /* Translators: in the command summaries and parameters of backprop-cli, FILE, N, NAME and
   * the like are placeholders and may be translated; the commands (new, explain, train,
   * gradcheck, bench) and the options such as --sizes stay as they are */
  "new", N_("--sizes N,N,… --activations NAME,… --output FILE"),
  N_("Write a freshly initialised network file."), run_new,
};
static const Command command_explain = {
  "explain", N_("FILE"),
  N_("Show one forward pass, one backward pass and one SGD step on the file's sample, "
     "worked out as in a textbook."), run_explain,
};
static const Command command_train = {
  "train", N_("FILE --steps N"),
  N_("Run N SGD steps on the file's sample, printing the loss before each step."), run_train,
};
static const Command command_gradcheck = {
  "gradcheck", N_("FILE"),
  N_("Compare backprop's gradients with central differences; fail above 1e-6."),
  run_gradcheck,
};
static const Command command_bench = {
  "bench", "",
  N_("Time SGD steps, forward and backward passes on four network shapes."), run_bench,
};

static const Command *const commands[] = {
  &command_new, &command_explain, &command_train, &command_gradcheck, &command_bench,
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i]->name, name) == 0)
      return commands[i];
  return NULL;
}

static GOptionContext *
global_context (gboolean *version)
{
  /* Translators: the parameters in `backprop-cli --help`'s usage line */
  GOptionContext *context = g_option_context_new (_("COMMAND [OPTION…]"));
  /* Translators: the heading of the list of commands in `backprop-cli --help` */
  GString *description = g_string_new (_("Commands:"));
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, version, N_("Show the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_string_append_c (description, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (description, "  %-11s %s\n", commands[i]->name,
                            _(commands[i]->summary));
  g_string_append_printf (description, "\n%s\n",
                          _("Run “backprop-cli COMMAND --help” to see the options of a "
                            "command. Exit status: 0 on success, 1 on bad input or "
                            "divergence, 2 on a usage error."));
  g_option_context_set_summary (context, _("Watch a small neural network learn by "
                                           "backpropagation, from the command line."));
  g_option_context_set_description (context, description->str);
  g_string_free (description, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

/* backprop-cli [--version | --help]: no command. */
static int
run_global (int    argc,
            char **argv)
{
  gboolean version = FALSE;
  g_autoptr(GOptionContext) context = global_context (&version);
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (NULL, error->message);
  if (version)
    {
      g_print ("%s %s\n", PROGRAM, PACKAGE_VERSION);
      return STATUS_OK;
    }
  if (argc > 1)
    {
      /* Translators: %s is what was given as the command */
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), argv[1]);

      return usage_error (NULL, message);
    }
  return usage_error (NULL, _("No command given"));
}

static void
print_global_help (void)
{
  gboolean version = FALSE;
  g_autoptr(GOptionContext) context = global_context (&version);
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_print ("%s", help);
}

int
main (int    argc,
      char **argv)
{
  const Command *command;
  const char *name = argc > 1 ? argv[1] : NULL;
  char *help_argv[] = { NULL, (char *) "--help", NULL };

  setlocale (LC_ALL, "");
  /* BACKPROP_LOCALEDIR runs the translations of an uninstalled build (`meson devenv`). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BACKPROP_LOCALEDIR") != NULL
                                   ? g_getenv ("BACKPROP_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* `backprop-cli help [COMMAND]` is `backprop-cli [COMMAND] --help`. */
  if (g_strcmp0 (name, "help") == 0)
    {
      if (argc < 3)
        {
          g_set_prgname (PROGRAM);
          print_global_help ();
          return STATUS_OK;
        }
      name = argv[2];
      help_argv[0] = argv[2];
      argv = help_argv;
      argc = 2;
    }
  else if (name != NULL && name[0] != '-')
    {
      argv++;
      argc--;
    }

  command = name != NULL && name[0] != '-' ? find_command (name) : NULL;
  if (command == NULL)
    {
      g_set_prgname (PROGRAM);
      if (name != NULL && name[0] != '-')
        {
          g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), name);

          return usage_error (NULL, message);
        }
      return run_global (argc, argv);
    }

  /* So that --help says “Usage: backprop-cli train FILE…”. */
  {
    g_autofree char *prgname = g_strdup_printf ("%s %s", PROGRAM, command->name);

    g_set_prgname (prgname);
  }
  return command->run (argc, argv);
}
