/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-bench.c: `backprop-cli bench`: times SGD steps, forward and backward passes on
 * four network shapes. */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include <glib/gi18n.h>
#include <stdlib.h>

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
      g_autofree char *step = cli_json_number (r->ns[OP_STEP]);
      g_autofree char *forward = cli_json_number (r->ns[OP_FORWARD]);
      g_autofree char *backward = cli_json_number (r->ns[OP_BACKWARD]);
      g_autofree char *ratio = cli_json_number (r->ns[OP_BACKWARD] / r->ns[OP_FORWARD]);

      g_string_append_printf (s, "%s\n    {%s, \"step_ns\": %s, \"forward_ns\": %s, "
                              "\"backward_ns\": %s, \"backward_forward_ratio\": %s}",
                              i > 0 ? "," : "", sizes, step, forward, backward, ratio);
    }
  g_string_append (s, "\n  ]\n}\n");
  return g_string_free (s, FALSE);
}

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
  int status = cli_parse_command_line (&cli_command_bench, entries, &argc, &argv, 0);

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
  return cli_write_stdout (text);
}

const Command cli_command_bench = {
  "bench", "",
  N_("Time SGD steps, forward and backward passes on four network shapes."), run_bench,
};
