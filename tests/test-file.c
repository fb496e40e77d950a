/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-file.c: network files round-trip bit-exactly, and every malformed file is refused with
 * a message that names the field and the problem, without crashing. */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bp-file.h"
#include "disk-full.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers.                                                                                     */

static BpNet *
make_net (guint               n_sizes,
          const guint        *sizes,
          const BpActivation *activations,
          BpLoss              loss,
          guint32             seed)
{
  g_autoptr(GError) error = NULL;
  BpNet *net = bp_net_new (n_sizes, sizes, activations, loss, &error);

  g_assert_no_error (error);
  bp_net_init_seeded (net, seed);
  for (guint i = 0; i < sizes[0]; i++)
    net->a[0][i] = (i % 2 == 0) ? 1.0 : -0.5;
  for (guint k = 0; k < sizes[n_sizes - 1]; k++)
    net->target[k] = (k % 2 == 0) ? 1.0 : 0.0;
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

static BpNet *
load_text (const char  *text,
           gsize        length,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);

  return bp_file_load_bytes (bytes, NULL, error);
}

/* The fields of a valid hand-written file, in order; doc_with() edits one of them. */
static const char * const base_fields[][2] = {
  { "format", "\"backprop-network\"" },
  { "version", "1" },
  { "sizes", "[2, 3, 1]" },
  { "activations", "[\"tanh\", \"sigmoid\"]" },
  { "loss", "\"squared-error\"" },
  { "learning_rate", "0.5" },
  { "weights", "[[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], [[0.7, 0.8, 0.9]]]" },
  { "biases", "[[0.1, 0.2, 0.3], [-0.4]]" },
  { "input", "[1, 0]" },
  { "target", "[1]" },
  { "seed", "42" },
  { "step", "7" },
};

/* The base file with field `key` set to the raw JSON `value`, removed if `value` is NULL,
 * or added at the end if the base has no such field. */
static char *
doc_with (const char *key,
          const char *value)
{
  GString *out = g_string_new ("{\n");
  gboolean found = FALSE;
  gboolean first = TRUE;

  for (guint f = 0; f < G_N_ELEMENTS (base_fields); f++)
    {
      const char *v = base_fields[f][1];

      if (key != NULL && strcmp (key, base_fields[f][0]) == 0)
        {
          found = TRUE;
          v = value;
        }
      if (v == NULL)
        continue;
      g_string_append_printf (out, "%s  \"%s\": %s", first ? "" : ",\n", base_fields[f][0], v);
      first = FALSE;
    }
  if (key != NULL && !found)
    g_string_append_printf (out, ",\n  \"%s\": %s", key, value);
  g_string_append (out, "\n}\n");
  return g_string_free (out, FALSE);
}

/* `text` with the first `from` replaced by `to`. */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static BpNet *
load_with_extras (const char    *text,
                  BpFileExtras  *extras,
                  GError       **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return bp_file_load_bytes (bytes, extras, error);
}

/* Asserts that loading `text` fails with `code` and a message holding every word given. */
static void
assert_refused_len (const char *text,
                    gsize       length,
                    BpError     code,
                    ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNet) net = load_text (text, length, &error);
  const char *word;
  va_list args;

  g_assert_null (net);
  g_assert_error (error, BP_ERROR, (int) code);
  g_test_message ("refused: %s", error->message);
  va_start (args, code);
  while ((word = va_arg (args, const char *)) != NULL)
    {
      if (strstr (error->message, word) == NULL)
        g_error ("“%s” is not in the message “%s”", word, error->message);
    }
  va_end (args);
}

#define assert_refused(text, code, ...) \
  assert_refused_len ((text), strlen (text), (code), __VA_ARGS__, NULL)

/* Asserts that the base file with one field changed is refused with these words. */
#define assert_field_refused(key, value, code, ...) \
  G_STMT_START { \
    g_autofree char *doc_ = doc_with ((key), (value)); \
    assert_refused (doc_, (code), __VA_ARGS__); \
  } G_STMT_END

static gboolean
same_bits (double a,
           double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

static void
assert_same_values (const double *a,
                    const double *b,
                    gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (!same_bits (a[i], b[i]))
      g_error ("value %" G_GSIZE_FORMAT " differs: %.17g became %.17g", i, a[i], b[i]);
}

static void
assert_same_net (const BpNet *a,
                 const BpNet *b)
{
  g_assert_cmpuint (a->n_layers, ==, b->n_layers);
  g_assert_cmpmem (a->sizes, sizeof (guint) * (a->n_layers + 1),
                   b->sizes, sizeof (guint) * (b->n_layers + 1));
  g_assert_cmpmem (a->activations, sizeof (BpActivation) * a->n_layers,
                   b->activations, sizeof (BpActivation) * b->n_layers);
  g_assert_cmpint (a->loss_kind, ==, b->loss_kind);
  g_assert_true (same_bits (a->learning_rate, b->learning_rate));
  for (guint l = 0; l < a->n_layers; l++)
    {
      assert_same_values (a->weights[l], b->weights[l],
                          (gsize) a->sizes[l] * a->sizes[l + 1]);
      assert_same_values (a->biases[l], b->biases[l], a->sizes[l + 1]);
    }
  assert_same_values (a->a[0], b->a[0], a->sizes[0]);
  assert_same_values (a->target, b->target, a->sizes[a->n_layers]);
}

/* A double that exercises the formatting: special values and random bit patterns. */
static double
tricky_double (GRand *rand,
               guint  i)
{
  static const double specials[] = {
    -0.0, 0.0, 1e-300, -1e-300, 1e308, -1e308, 4.9406564584124654e-324,
    2.2250738585072009e-308, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1,
    1.0, -1.0, 123456789012345678.0, 1e17, 9007199254740993.0, 0.5,
  };
  guint64 bits;
  double value;

  if (i < G_N_ELEMENTS (specials))
    return specials[i];
  do
    {
      bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      /* Every third one a subnormal: exponent bits cleared. */
      if (i % 3 == 0)
        bits &= G_GUINT64_CONSTANT (0x800fffffffffffff);
      memcpy (&value, &bits, sizeof value);
    }
  while (!isfinite (value));
  return value;
}

static void
fill_tricky (BpNet *net,
             GRand *rand)
{
  guint i = 0;

  for (guint l = 0; l < net->n_layers; l++)
    {
      for (gsize k = 0; k < (gsize) net->sizes[l] * net->sizes[l + 1]; k++)
        net->weights[l][k] = tricky_double (rand, i++);
      for (guint k = 0; k < net->sizes[l + 1]; k++)
        net->biases[l][k] = tricky_double (rand, i++);
    }
  for (guint k = 0; k < net->sizes[0]; k++)
    net->a[0][k] = tricky_double (rand, i++);
  for (guint k = 0; k < net->sizes[net->n_layers]; k++)
    net->target[k] = tricky_double (rand, i++);
}

/* ------------------------------------------------------------------------------------------ */
/* Round trips.                                                                                 */

static void
round_trip_one (BpNet              *net,
                const BpFileExtras *extras)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bp_file_to_bytes (net, extras);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(BpNet) loaded = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  BpFileExtras read = { .has_seed = TRUE, .seed = 1, .step = 1 };

  /* What was written is valid JSON for any reader, not only for ours. */
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  loaded = bp_file_load_bytes (bytes, &read, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  assert_same_net (net, loaded);
  g_assert_cmpint (read.has_seed, ==, extras->has_seed);
  if (extras->has_seed)
    g_assert_cmpuint (read.seed, ==, extras->seed);
  g_assert_cmpuint (read.step, ==, extras->step);

  /* The loaded network has run its passes: its loss is that of the original. */
  bp_net_forward (net);
  g_assert_true (same_bits (net->loss, loaded->loss) || (isnan (net->loss)
                                                         && isnan (loaded->loss)));

  /* Writing what was read gives the same bytes. */
  again = bp_file_to_bytes (loaded, &read);
  g_assert_true (g_bytes_equal (bytes, again));
}

static void
test_round_trip (void)
{
  static const guint shape_a[] = { 2, 3, 1 };
  static const guint shape_b[] = { 5, 7, 4, 3 };
  static const guint shape_c[] = { 1, 1 };
  static const BpActivation acts_a[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  static const BpActivation acts_b[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_LEAKY_RELU,
                                         BP_ACTIVATION_LINEAR };
  static const BpActivation acts_c[] = { BP_ACTIVATION_SIGMOID };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);
  BpFileExtras extras_a = { .has_seed = TRUE, .seed = 42, .step = 7 };
  BpFileExtras extras_b = { .has_seed = TRUE, .seed = G_MAXUINT32, .step = G_MAXINT64 };
  BpFileExtras extras_c = { .has_seed = FALSE, .seed = 0, .step = 0 };
  g_autoptr(BpNet) a = make_net (3, shape_a, acts_a, BP_LOSS_SQUARED_ERROR, 1);
  g_autoptr(BpNet) b = make_net (4, shape_b, acts_b, BP_LOSS_SQUARED_ERROR, 2);
  g_autoptr(BpNet) c = make_net (2, shape_c, acts_c, BP_LOSS_CROSS_ENTROPY, 3);

  /* Seeded values as the app makes them, then tricky ones. */
  a->learning_rate = 0.1;
  round_trip_one (a, &extras_a);
  for (guint round = 0; round < 20; round++)
    {
      fill_tricky (b, rand);
      b->learning_rate = round == 0 ? 100.0 : 4.9406564584124654e-324 + g_rand_double (rand);
      round_trip_one (b, &extras_b);
    }
  c->target[0] = 0.25;
  round_trip_one (c, &extras_c);
}

static void
test_negative_zero (void)
{
  static const guint sizes[] = { 1, 1 };
  static const BpActivation acts[] = { BP_ACTIVATION_LINEAR };
  g_autoptr(BpNet) net = make_net (2, sizes, acts, BP_LOSS_SQUARED_ERROR, 1);
  g_autoptr(BpNet) loaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  BpFileExtras extras = { .has_seed = FALSE, .seed = 0, .step = 0 };
  g_autofree char *text = NULL;

  net->weights[0][0] = -0.0;
  net->biases[0][0] = 3.0;
  bytes = bp_file_to_bytes (net, &extras);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* A bare "-0" or "3" would read back as the integers 0 and 3. */
  g_assert_nonnull (strstr (text, "[-0.0]"));
  g_assert_nonnull (strstr (text, "[3.0]"));
  g_assert_null (strstr (text, "seed"));

  loaded = bp_file_load_bytes (bytes, &extras, &error);
  g_assert_no_error (error);
  g_assert_true (signbit (loaded->weights[0][0]));
  g_assert_false (extras.has_seed);
}

static void
test_hand_written (void)
{
  g_autofree char *text = doc_with (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  BpFileExtras extras = { 0 };

  net = bp_file_load_bytes (bytes, &extras, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (net->n_layers, ==, 2);
  g_assert_cmpint (net->activations[0], ==, BP_ACTIVATION_TANH);
  g_assert_cmpint (net->activations[1], ==, BP_ACTIVATION_SIGMOID);
  /* weights[l][j][i] is the weight from neuron i of layer l to neuron j of layer l + 1. */
  g_assert_cmpfloat (*bp_net_weight (net, 0, 2, 1), ==, 0.6);
  g_assert_cmpfloat (*bp_net_weight (net, 1, 0, 2), ==, 0.9);
  g_assert_cmpfloat (net->biases[1][0], ==, -0.4);
  g_assert_cmpfloat (net->a[0][0], ==, 1.0);
  g_assert_cmpfloat (net->target[0], ==, 1.0);
  g_assert_cmpfloat (net->learning_rate, ==, 0.5);
  g_assert_true (extras.has_seed);
  g_assert_cmpuint (extras.seed, ==, 42);
  g_assert_cmpuint (extras.step, ==, 7);
  /* The forward pass ran: the output is sigmoid of a finite sum, and the loss is set. */
  g_assert_cmpfloat (bp_net_output (net)[0], >, 0.0);
  g_assert_cmpfloat (bp_net_output (net)[0], <, 1.0);
  g_assert_cmpfloat (net->loss, >, 0.0);
}

static void
test_optional_and_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *no_seed = doc_with ("seed", NULL);
  g_autofree char *no_step = doc_with ("step", NULL);
  g_autofree char *extra = doc_with ("comments", "[1, {\"x\": [true, null, \"[[[\"]}, "
                                     "99999999999999999999999, 1e999]");
  g_autoptr(BpNet) a = NULL;
  g_autoptr(BpNet) b = NULL;
  g_autoptr(BpNet) c = NULL;
  g_autoptr(BpNet) d = NULL;
  g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", no_step, NULL);
  BpFileExtras extras;

  a = load_with_extras (no_seed, &extras, &error);
  g_assert_no_error (error);
  g_assert_false (extras.has_seed);
  g_assert_cmpuint (extras.step, ==, 7);

  b = load_with_extras (no_step, &extras, &error);
  g_assert_no_error (error);
  g_assert_true (extras.has_seed);
  g_assert_cmpuint (extras.step, ==, 0);

  /* Unknown keys are ignored, whatever they hold, so later versions can add fields. */
  c = load_text (extra, strlen (extra), &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);

  /* Some editors start UTF-8 files with a byte-order mark. */
  d = load_text (with_bom, strlen (with_bom), &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);
}

static void
test_save_and_load (void)
{
  static const guint sizes[] = { 3, 4, 2 };
  static const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_LINEAR };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("backprop-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "net.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BpNet) net = make_net (3, sizes, acts, BP_LOSS_SQUARED_ERROR, 9);
  g_autoptr(BpNet) loaded = NULL;
  g_autoptr(BpNet) replaced = NULL;
  BpFileExtras extras = { .has_seed = TRUE, .seed = 9, .step = 3 };
  BpFileExtras read = { 0 };
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  g_assert_true (bp_file_save (net, &extras, file, &error));
  g_assert_no_error (error);
  loaded = bp_file_load (file, &read, &error);
  g_assert_no_error (error);
  assert_same_net (net, loaded);
  g_assert_cmpuint (read.step, ==, 3);

  /* Saving again replaces the file as a whole. */
  net->weights[0][0] = 0.25;
  extras.step = 4;
  g_assert_true (bp_file_save (net, &extras, file, &error));
  replaced = bp_file_load (file, &read, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (replaced->weights[0][0], ==, 0.25);
  g_assert_cmpuint (read.step, ==, 4);

  /* The file is for people too: one row of weights per line. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\n  \"learning_rate\": 0.5,\n"));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 4 + 2 + 10);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_save_errors (void)
{
  static const guint sizes[] = { 2, 1 };
  static const BpActivation acts[] = { BP_ACTIVATION_SIGMOID };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("backprop-test-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "net.json", NULL);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GFile) dir_file = g_file_new_for_path (dir);
  g_autoptr(BpNet) net = make_net (2, sizes, acts, BP_LOSS_SQUARED_ERROR, 1);

  g_assert_false (bp_file_save (net, NULL, missing_file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A folder in the way is left as it was. */
  g_assert_false (bp_file_save (net, NULL, dir_file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, dir));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);

  g_assert_null (bp_file_load (dir_file, NULL, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);

  g_assert_null (bp_file_load (missing_file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* A full disk, for real: see disk-full.h.                                                     */

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, size);
}

static void
assert_file_is (const char *path,
                GBytes     *expected)
{
  g_autoptr(GBytes) now = read_bytes (path);

  g_assert_cmpmem (g_bytes_get_data (now, NULL), g_bytes_get_size (now),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

/* What the user reads when the disk fills: the file, the reason, and that it may be full. */
static void
assert_disk_full_error (const GError *error,
                        const char   *name)
{
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, g_strerror (EFBIG)));
  g_assert_nonnull (strstr (error->message, "disk may be full"));
}

/* A network whose file is much larger than that of make_net (2, {2, 1}, …). */
static BpNet *
make_big_net (void)
{
  static const guint sizes[] = { 32, 32, 8 };
  static const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };

  return make_net (3, sizes, acts, BP_LOSS_SQUARED_ERROR, 5);
}

static BpNet *
make_small_net (void)
{
  static const guint sizes[] = { 2, 1 };
  static const BpActivation acts[] = { BP_ACTIVATION_SIGMOID };

  return make_net (2, sizes, acts, BP_LOSS_SQUARED_ERROR, 1);
}

/* Saves `big` to `file` with room for `room` bytes only, which must fail. */
static void
save_without_room (const BpNet  *big,
                   GFile        *file,
                   rlim_t        room,
                   GError      **error)
{
  g_autoptr(GBytes) bytes = bp_file_to_bytes (big, NULL);
  SizeLimit limit;
  gboolean ok;

  g_assert_cmpuint (g_bytes_get_size (bytes), >, room);
  limit_file_size (&limit, room);
  ok = bp_file_save (big, NULL, file, error);
  unlimit_file_size (&limit);
  g_assert_false (ok);
}

/* A file without a local path, as a GVfs location (sftp://…) is, backed by a local file:
 * it takes bp_file_replace_safely() down its GIO stream path. */
#define TEST_TYPE_REMOTE_FILE (test_remote_file_get_type ())
G_DECLARE_FINAL_TYPE (TestRemoteFile, test_remote_file, TEST, REMOTE_FILE, GObject)

struct _TestRemoteFile {
  GObject parent_instance;
  GFile *local;
};

static void test_remote_file_iface_init (GFileIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestRemoteFile, test_remote_file, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_FILE, test_remote_file_iface_init))

static GFile *
remote_file_new (GFile *local)
{
  TestRemoteFile *self = g_object_new (TEST_TYPE_REMOTE_FILE, NULL);

  self->local = g_object_ref (local);
  return G_FILE (self);
}

static GFile *
remote_dup (GFile *file)
{
  return remote_file_new (TEST_REMOTE_FILE (file)->local);
}

static guint
remote_hash (GFile *file)
{
  return g_file_hash (TEST_REMOTE_FILE (file)->local);
}

static gboolean
remote_equal (GFile *a,
              GFile *b)
{
  return TEST_IS_REMOTE_FILE (b)
         && g_file_equal (TEST_REMOTE_FILE (a)->local, TEST_REMOTE_FILE (b)->local);
}

static gboolean
remote_is_native (GFile *file)
{
  return FALSE;
}

static char *
remote_get_path (GFile *file)
{
  return NULL;
}

static char *
remote_get_uri (GFile *file)
{
  return g_strconcat ("test-remote://", g_file_peek_path (TEST_REMOTE_FILE (file)->local),
                      NULL);
}

static GFileOutputStream *
remote_replace (GFile             *file,
                const char        *etag,
                gboolean           make_backup,
                GFileCreateFlags   flags,
                GCancellable      *cancellable,
                GError           **error)
{
  return g_file_replace (TEST_REMOTE_FILE (file)->local, etag, make_backup, flags,
                         cancellable, error);
}

static void
test_remote_file_finalize (GObject *object)
{
  g_clear_object (&TEST_REMOTE_FILE (object)->local);
  G_OBJECT_CLASS (test_remote_file_parent_class)->finalize (object);
}

static void
test_remote_file_class_init (TestRemoteFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_remote_file_finalize;
}

static void
test_remote_file_init (TestRemoteFile *self)
{
}

static void
test_remote_file_iface_init (GFileIface *iface)
{
  iface->dup = remote_dup;
  iface->hash = remote_hash;
  iface->equal = remote_equal;
  iface->is_native = remote_is_native;
  iface->get_path = remote_get_path;
  iface->get_uri = remote_get_uri;
  iface->get_parse_name = remote_get_uri;
  iface->replace = remote_replace;
}

/* Saves through `file` (whose contents live at `path` in `dir`): a save that runs out of
 * room leaves the good file byte for byte and nothing beside it; the same save with room
 * succeeds, so the limit was the only reason. `shown` is what the error names. */
static void
check_full_disk_keeps_file (GFile      *file,
                            const char *path,
                            const char *dir,
                            const char *shown)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) local = g_file_new_for_path (path);
  g_autoptr(BpNet) small = make_small_net ();
  g_autoptr(BpNet) big = make_big_net ();
  g_autoptr(BpNet) loaded = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (bp_file_save (small, NULL, file, &error));
  g_assert_no_error (error);
  good = read_bytes (path);

  save_without_room (big, file, 4096, &error);
  assert_disk_full_error (error, shown);
  g_clear_error (&error);
  assert_file_is (path, good);
  listing = list_folder (dir);
  g_assert_cmpstr (listing, ==, "net.json");

  g_assert_true (bp_file_save (big, NULL, file, &error));
  g_assert_no_error (error);
  loaded = bp_file_load (local, NULL, &error);
  g_assert_no_error (error);
  assert_same_net (big, loaded);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_save_disk_full (void)
{
  g_autofree char *dir = g_dir_make_tmp ("backprop-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "net.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  check_full_disk_keeps_file (file, path, dir, path);
}

/* A new file that does not fit is not left half-written. */
static void
test_save_disk_full_new_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("backprop-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "net.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BpNet) big = make_big_net ();
  g_autofree char *listing = NULL;

  save_without_room (big, file, 4096, &error);
  assert_disk_full_error (error, path);
  listing = list_folder (dir);
  g_assert_cmpstr (listing, ==, "");
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Saving through a symbolic link replaces the file it names, and the link stays a link;
 * GIO's own replace would have rewritten that file in place and truncated it. */
static void
test_save_disk_full_symlink (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("backprop-test-XXXXXX", NULL);
  g_autofree char *real = g_build_filename (dir, "real.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  g_autoptr(BpNet) small = make_small_net ();
  g_autoptr(BpNet) big = make_big_net ();
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (bp_file_save (small, NULL, link_file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (link, real), ==, 0);
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  good = read_bytes (real);

  save_without_room (big, link_file, 4096, &error);
  assert_disk_full_error (error, link);
  g_clear_error (&error);
  assert_file_is (real, good);
  listing = list_folder (dir);
  g_assert_cmpstr (listing, ==, "link.json real.json");
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));

  g_assert_true (bp_file_save (big, NULL, link_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  now = read_bytes (real);
  g_assert_cmpuint (g_bytes_get_size (now), >, g_bytes_get_size (good));

  g_assert_cmpint (g_remove (link), ==, 0);
  g_assert_cmpint (g_remove (real), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A file without a local path goes through a GIO stream; a failed write must delete GIO's
 * temporary file (.goutputstream-…) rather than rename it over the good file. */
static void
test_save_disk_full_remote (void)
{
  g_autofree char *dir = g_dir_make_tmp ("backprop-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "net.json", NULL);
  g_autoptr(GFile) local = g_file_new_for_path (path);
  g_autoptr(GFile) file = remote_file_new (local);

  g_assert_null (g_file_peek_path (file));
  check_full_disk_keeps_file (file, path, dir, "test-remote://");
}

/* A folder that cannot be made (a file stands where it should be): a clear error that is
 * not about the disk, and the file in the way untouched. Root ignores chmod, so this is
 * the way to make creation fail in any test environment. */
static void
test_save_cannot_create (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("backprop-test-XXXXXX", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.txt", NULL);
  g_autofree char *path = g_build_filename (plain, "net.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BpNet) small = make_small_net ();
  g_autoptr(GBytes) before = g_bytes_new_static ("notes\n", 6);
  g_autofree char *listing = NULL;

  g_assert_true (g_file_set_contents (plain, "notes\n", -1, NULL));
  g_assert_false (bp_file_save (small, NULL, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOTDIR)));
  g_assert_null (strstr (error->message, "disk may be full"));
  assert_file_is (plain, before);
  listing = list_folder (dir);
  g_assert_cmpstr (listing, ==, "plain.txt");

  g_assert_cmpint (g_remove (plain), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A device in place of the file is refused, never renamed over. */
static void
test_save_not_regular (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/null");
  g_autoptr(BpNet) small = make_small_net ();

  g_assert_false (bp_file_save (small, NULL, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "/dev/null"));
  g_assert_true (g_file_test ("/dev/null", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("/dev/null", G_FILE_TEST_IS_REGULAR));
}

/* Saving keeps the permissions the user gave the file. */
static void
test_save_keeps_mode (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("backprop-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "net.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BpNet) small = make_small_net ();
  GStatBuf st;

  g_assert_true (bp_file_save (small, NULL, file, &error));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (bp_file_save (small, NULL, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Malformed files, one class at a time.                                                        */

static void
test_not_json (void)
{
  assert_refused ("{\"format\": }", BP_ERROR_FILE,
                  "not valid JSON: expected a value, found “}” (line 1, column 12)");
  assert_refused ("{\"format\" \"backprop-network\"}", BP_ERROR_FILE,
                  "not valid JSON: expected “:”, found text in quotes");
  assert_refused ("[1 2]", BP_ERROR_FILE, "not valid JSON: expected “,” or “]”, found a number");
  assert_refused ("{\"a\": 1,}", BP_ERROR_FILE,
                  "not valid JSON: expected a name in quotes, found “}”");
  assert_refused ("{\"a\": [1,]}", BP_ERROR_FILE, "not valid JSON: expected a value, found “]”");
  assert_refused ("{\"a\": [1}", BP_ERROR_FILE, "expected “,” or “]”, found “}”");
  assert_refused ("{1: 2}", BP_ERROR_FILE, "expected a name in quotes or “}”, found a number");
  assert_refused ("{} {}", BP_ERROR_FILE, "expected the end of the file, found “{”");
  assert_refused ("{}\n]", BP_ERROR_FILE, "expected the end of the file", "line 2, column 1");
  /* json-glib accepts these extensions; a network file may not hold them. */
  assert_refused ("{/* note */}", BP_ERROR_FILE, "no comments", "line 1, column 2");
  assert_refused ("{'format': 1}", BP_ERROR_FILE, "double quotes");
  assert_refused ("{\"a\": 0x10}", BP_ERROR_FILE, "“0x10” is not a valid JSON number");
  assert_refused ("{\"a\": 01}", BP_ERROR_FILE, "“01” is not a valid JSON number");
  assert_refused ("{\"a\": .5}", BP_ERROR_FILE, "unexpected character “.”");
  assert_refused ("{\"a\": NaN}", BP_ERROR_FILE, "unexpected word “NaN”");
  assert_refused ("{\"a\": \"x\ny\"}", BP_ERROR_FILE, "control character", "line 1");
  assert_refused ("{\"a\": \"\\q\"}", BP_ERROR_FILE, "unknown escape “\\q”");
  assert_refused ("{\"a\": \"\\u00zz\"}", BP_ERROR_FILE, "malformed \\u escape");
  assert_refused ("{\"a\": \"\\u0000\"}", BP_ERROR_FILE, "\\u0000");
  assert_refused ("{\"a\": \"\\ud800x\"}", BP_ERROR_FILE, "unpaired");
}

static void
test_truncated (void)
{
  g_autofree char *text = doc_with (NULL, NULL);
  gsize half = strlen (text) / 2;

  assert_refused_len (text, half, BP_ERROR_FILE, "truncated", NULL);
  assert_refused ("{\"format\": \"backprop-net", BP_ERROR_FILE, "truncated", "line 1");
  assert_refused ("{\"version\": 1", BP_ERROR_FILE, "truncated");
  assert_refused ("{\"a\": tr", BP_ERROR_FILE, "truncated");
  assert_refused ("{\"a\": 1e", BP_ERROR_FILE, "truncated");
  assert_refused ("{\"a\": \"\\u12", BP_ERROR_FILE, "truncated");
}

static void
test_not_utf8 (void)
{
  assert_refused ("{\"format\": \"backprop\xff\"}", BP_ERROR_FILE,
                  "not UTF-8", "0xFF", "line 1, column 21");
  assert_refused ("{\n\"loss\": \"\xc3\x28\"}", BP_ERROR_FILE, "not UTF-8", "line 2");
  assert_refused_len ("{\"a\": 1\0}", 9, BP_ERROR_FILE, "zero byte", NULL);
}

static void
test_empty (void)
{
  assert_refused ("", BP_ERROR_FILE, "the file is empty");
  assert_refused (" \n\t\r\n", BP_ERROR_FILE, "the file is empty");
}

static void
test_not_object (void)
{
  assert_refused ("[1, 2]", BP_ERROR_FILE, "holds an array, not a JSON object");
  assert_refused ("\"backprop-network\"", BP_ERROR_FILE, "holds the text", "not a JSON object");
  assert_refused ("3", BP_ERROR_FILE, "holds 3, not a JSON object");
  assert_refused ("null", BP_ERROR_FILE, "holds null, not a JSON object");
}

static void
test_format (void)
{
  assert_field_refused ("format", NULL, BP_ERROR_FILE, "format is missing");
  assert_field_refused ("format", "\"backprop-dataset\"", BP_ERROR_FILE,
                        "format is “backprop-dataset”, not “backprop-network”");
  assert_field_refused ("format", "3", BP_ERROR_FILE, "format must be", "not 3");
  assert_refused ("{}", BP_ERROR_FILE, "format is missing");
}

static void
test_version (void)
{
  assert_field_refused ("version", NULL, BP_ERROR_FILE, "version is missing");
  assert_field_refused ("version", "\"1\"", BP_ERROR_FILE,
                        "version must be a whole number, not the text “1”");
  assert_field_refused ("version", "1.0", BP_ERROR_FILE,
                        "version must be a whole number, not 1.0");
  assert_field_refused ("version", "0", BP_ERROR_FILE, "version is 0");
  assert_field_refused ("version", "-3", BP_ERROR_FILE, "version is -3");
  assert_field_refused ("version", "2", BP_ERROR_VERSION,
                        "made by a newer Backprop (version 2); this one reads version 1");
  assert_field_refused ("version", "9223372036854775807", BP_ERROR_VERSION,
                        "(version 9223372036854775807)");
}

static void
test_wrong_types (void)
{
  /* Every field, given something of the wrong type. */
  assert_field_refused ("sizes", "\"2,3,1\"", BP_ERROR_FILE,
                        "sizes must be an array of whole numbers, not the text “2,3,1”");
  assert_field_refused ("sizes", "[2, \"3\", 1]", BP_ERROR_FILE,
                        "sizes[1] must be a whole number, not the text “3”");
  assert_field_refused ("sizes", "[2, 3.5, 1]", BP_ERROR_FILE,
                        "sizes[1] must be a whole number, not 3.5");
  assert_field_refused ("activations", "{}", BP_ERROR_FILE,
                        "activations must be an array of names, not an object");
  assert_field_refused ("activations", "[\"tanh\", 1]", BP_ERROR_FILE,
                        "activations[1] must be a name in quotes, not 1");
  assert_field_refused ("loss", "[]", BP_ERROR_FILE,
                        "loss must be a name in quotes, not an array");
  assert_field_refused ("loss", NULL, BP_ERROR_FILE, "loss is missing");
  assert_field_refused ("learning_rate", "\"fast\"", BP_ERROR_FILE,
                        "learning_rate must be a number, not the text “fast”");
  assert_field_refused ("learning_rate", "true", BP_ERROR_FILE,
                        "learning_rate must be a number, not true");
  assert_field_refused ("weights", "{}", BP_ERROR_FILE, "weights must be", "not an object");
  assert_field_refused ("weights", NULL, BP_ERROR_FILE, "weights is missing");
  assert_field_refused ("weights", "[1, [[0.7, 0.8, 0.9]]]", BP_ERROR_FILE,
                        "weights[0] must be", "not 1");
  assert_field_refused ("weights", "[[[0.1, 0.2], 5, [0.5, 0.6]], [[0.7, 0.8, 0.9]]]",
                        BP_ERROR_FILE, "weights[0][1] must be an array of numbers, not 5");
  assert_field_refused ("weights", "[[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], [[0.7, \"x\", 0.9]]]",
                        BP_ERROR_FILE, "weights[1][0][1] must be a number, not the text “x”");
  assert_field_refused ("biases", "null", BP_ERROR_FILE, "biases must be", "not null");
  assert_field_refused ("biases", "[[0.1, 0.2, false], [0.4]]", BP_ERROR_FILE,
                        "biases[0][2] must be a number, not false");
  assert_field_refused ("input", "\"1, 0\"", BP_ERROR_FILE,
                        "input must be an array of numbers, not the text");
  assert_field_refused ("input", "[1, null]", BP_ERROR_FILE,
                        "input[1] must be a number, not null");
  assert_field_refused ("input", NULL, BP_ERROR_FILE, "input is missing");
  assert_field_refused ("target", "[[1]]", BP_ERROR_FILE,
                        "target[0] must be a number, not an array");
  assert_field_refused ("target", NULL, BP_ERROR_FILE, "target is missing");
  assert_field_refused ("seed", "\"42\"", BP_ERROR_FILE,
                        "seed must be a whole number, not the text “42”");
  assert_field_refused ("seed", "4.5", BP_ERROR_FILE, "seed must be a whole number, not 4.5");
  assert_field_refused ("step", "[7]", BP_ERROR_FILE, "step must be a whole number, not an array");
}

static void
test_sizes_out_of_limits (void)
{
  GString *many = g_string_new ("[");
  g_autofree char *many_text = NULL;

  for (guint l = 0; l < 18; l++)
    g_string_append_printf (many, "%s2", l > 0 ? ", " : "");
  g_string_append_c (many, ']');
  many_text = g_string_free (many, FALSE);

  assert_field_refused ("sizes", "[2]", BP_ERROR_SHAPE, "sizes has 1 layer;", "2 to 17");
  assert_field_refused ("sizes", "[]", BP_ERROR_SHAPE, "sizes has 0 layers;");
  assert_field_refused ("sizes", many_text, BP_ERROR_SHAPE, "sizes has 18 layers;");
  assert_field_refused ("sizes", "[2, 0, 1]", BP_ERROR_SHAPE,
                        "sizes[1] is 0; a layer has 1 to 4096 neurons");
  assert_field_refused ("sizes", "[2, -3, 1]", BP_ERROR_SHAPE, "sizes[1] is -3");
  assert_field_refused ("sizes", "[2, 4097, 1]", BP_ERROR_SHAPE, "sizes[1] is 4097");
  assert_field_refused ("sizes", "[2, 4294967298, 1]", BP_ERROR_SHAPE,
                        "sizes[1] is 4294967298");
  assert_field_refused ("sizes", "[4096, 4096, 1]", BP_ERROR_SHAPE,
                        "sizes make a network of 16785409 weights and biases",
                        "the limit is 16777216");
}

/* A file that claims an enormous network is refused at once, before anything is allocated
 * for it: the answer comes far faster than allocating and filling 2^24 doubles would. */
static void
test_huge_claims (void)
{
  GString *claim = g_string_new ("[");
  g_autofree char *claim_text = NULL;
  g_autofree char *claim_doc = NULL;
  g_autofree char *near_limit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNet) net = NULL;
  double seconds;

  for (guint l = 0; l < 17; l++)
    g_string_append_printf (claim, "%s4096", l > 0 ? ", " : "");
  g_string_append_c (claim, ']');
  claim_text = g_string_free (claim, FALSE);
  claim_doc = doc_with ("sizes", claim_text);
  near_limit = doc_with ("sizes", "[4095, 4096]");

  g_test_timer_start ();
  for (guint k = 0; k < 100; k++)
    {
      net = load_text (claim_doc, strlen (claim_doc), &error);
      g_assert_null (net);
      g_assert_error (error, BP_ERROR, BP_ERROR_SHAPE);
      g_assert_nonnull (strstr (error->message, "sizes make a network of"));
      g_clear_error (&error);

      /* Within the limits, but the file does not hold the weights it claims. */
      net = load_text (near_limit, strlen (near_limit), &error);
      g_assert_null (net);
      g_assert_error (error, BP_ERROR, BP_ERROR_SHAPE);
      g_assert_nonnull (strstr (error->message, "activations has 2 names"));
      g_clear_error (&error);
    }
  seconds = g_test_timer_elapsed ();
  g_test_message ("200 refusals took %g s", seconds);
  g_assert_cmpfloat (seconds, <, 1.0);

  {
    /* One activation for the one weight layer: now only the weights are wrong. */
    g_autofree char *doc = replace_once (near_limit, "[\"tanh\", \"sigmoid\"]",
                                         "[\"sigmoid\"]");

    g_test_timer_start ();
    assert_refused (doc, BP_ERROR_SHAPE,
                    "weights has 2 entries; it needs one per weight layer, and sizes makes 1");
    g_assert_cmpfloat (g_test_timer_elapsed (), <, 0.5);
  }
}

static void
test_wrong_shapes (void)
{
  assert_field_refused ("weights", "[[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]]", BP_ERROR_SHAPE,
                        "weights has 1 entry; it needs one per weight layer, and sizes makes 2");
  assert_field_refused ("weights", "[[[0.1, 0.2], [0.3, 0.4]], [[0.7, 0.8, 0.9]]]",
                        BP_ERROR_SHAPE, "weights[0] has 2 rows; layer 1 has 3 neurons");
  assert_field_refused ("weights", "[[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], [[0.7, 0.8]]]",
                        BP_ERROR_SHAPE, "weights[1][0] has 2 values; layer 1 has 3 neurons");
  assert_field_refused ("weights", "[[[0.1, 0.2], [0.3], [0.5, 0.6]], [[0.7, 0.8, 0.9]]]",
                        BP_ERROR_SHAPE, "weights[0][1] has 1 value; layer 0 has 2 neurons");
  assert_field_refused ("weights", "[[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], [], []]",
                        BP_ERROR_SHAPE, "weights has 3 entries");
  assert_field_refused ("biases", "[[0.1, 0.2, 0.3], [0.4], [1]]", BP_ERROR_SHAPE,
                        "biases has 3 entries; it needs one per weight layer, and sizes makes 2");
  assert_field_refused ("biases", "[[0.1, 0.2], [0.4]]", BP_ERROR_SHAPE,
                        "biases[0] has 2 values; layer 1 has 3 neurons");
  assert_field_refused ("biases", "[[0.1, 0.2, 0.3], []]", BP_ERROR_SHAPE,
                        "biases[1] has 0 values; layer 2 has 1 neuron");
  assert_field_refused ("input", "[1, 0, 1]", BP_ERROR_SHAPE,
                        "input has 3 values; layer 0 (the input) has 2 neurons");
  assert_field_refused ("target", "[1, 0]", BP_ERROR_SHAPE,
                        "target has 2 values; layer 2 (the output) has 1 neuron");
  assert_field_refused ("activations", "[\"tanh\"]", BP_ERROR_SHAPE,
                        "activations has 1 name; sizes has 2 layers after the input");
}

static void
test_unknown_names (void)
{
  assert_field_refused ("activations", "[\"tanh\", \"softmax\"]", BP_ERROR_FILE,
                        "activations[1] is “softmax”", "leaky-relu");
  assert_field_refused ("activations", "[\"Tanh\", \"sigmoid\"]", BP_ERROR_FILE,
                        "activations[0] is “Tanh”");
  assert_field_refused ("loss", "\"mse\"", BP_ERROR_FILE,
                        "loss is “mse”, not one of squared-error, cross-entropy");
  /* A long name is cut short in the message. */
  assert_field_refused ("loss", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
                        BP_ERROR_FILE, "loss is “aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…”");
}

static void
test_invalid_values (void)
{
  g_autofree char *cross_entropy = doc_with ("loss", "\"cross-entropy\"");
  g_autofree char *ce_tanh = replace_once (cross_entropy, "\"sigmoid\"]", "\"tanh\"]");
  g_autofree char *ce_target = replace_once (cross_entropy, "\"target\": [1]",
                                             "\"target\": [1, 2]");

  assert_field_refused ("learning_rate", "0", BP_ERROR_INVALID,
                        "learning_rate is 0.0; it must be more than 0 and at most 100");
  assert_field_refused ("learning_rate", "-0.5", BP_ERROR_INVALID, "learning_rate is -0.5");
  assert_field_refused ("learning_rate", "100.5", BP_ERROR_INVALID, "learning_rate is 100.5");

  /* Cross-entropy needs a sigmoid output and targets in [0, 1]. */
  assert_refused (ce_tanh, BP_ERROR_INVALID, "loss is cross-entropy", "sigmoid",
                  "activations[1] is tanh");
  g_free (ce_target);
  ce_target = replace_once (cross_entropy, "\"target\": [1]", "\"target\": [2]");
  assert_refused (ce_target, BP_ERROR_INVALID, "target[0] is 2.0", "between 0 and 1");
}

static void
test_non_finite (void)
{
  /* json-glib reads numbers like these as infinity. */
  assert_field_refused ("weights", "[[[0.1, 0.2], [1e999, 0.4], [0.5, 0.6]], [[0.7, 0.8, 0.9]]]",
                        BP_ERROR_FILE, "weights[0][1][0] is too large a number", "infinity");
  assert_field_refused ("biases", "[[0.1, 0.2, 0.3], [-1e400]]", BP_ERROR_FILE,
                        "biases[1][0] is too large");
  assert_field_refused ("input", "[1e999, 0]", BP_ERROR_FILE, "input[0] is too large");
  assert_field_refused ("target", "[-1e999]", BP_ERROR_FILE, "target[0] is too large");
  assert_field_refused ("learning_rate", "1e999", BP_ERROR_FILE, "learning_rate is too large");
}

static void
test_big_integers (void)
{
  /* json-glib wraps these around silently: 2^63 reads as -2^63, 2^64 as -1. */
  assert_field_refused ("seed", "9223372036854775808", BP_ERROR_FILE,
                        "seed is 9223372036854775808, a whole number too large");
  assert_field_refused ("seed", "18446744073709551615", BP_ERROR_FILE,
                        "seed is 18446744073709551615, a whole number too large");
  assert_field_refused ("seed", "4294967296", BP_ERROR_FILE,
                        "seed is 4294967296; it must be from 0 to 4294967295");
  assert_field_refused ("seed", "-1", BP_ERROR_FILE, "seed is -1; it must be from 0");
  assert_field_refused ("step", "18446744073709551616", BP_ERROR_FILE,
                        "step is 18446744073709551616, a whole number too large");
  assert_field_refused ("step", "-9223372036854775809", BP_ERROR_FILE,
                        "step is -9223372036854775809, a whole number too large");
  assert_field_refused ("step", "-1", BP_ERROR_FILE, "step is -1; it must be 0 or more");
  assert_field_refused ("sizes", "[2, 18446744073709551619, 1]", BP_ERROR_FILE,
                        "sizes[1] is 18446744073709551619, a whole number too large");
  assert_field_refused ("weights", "[[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], "
                        "[[0.7, 100000000000000000000, 0.9]]]", BP_ERROR_FILE,
                        "weights[1][0][1] is 100000000000000000000");
  assert_field_refused ("version", "99999999999999999999", BP_ERROR_FILE,
                        "version is 99999999999999999999, a whole number too large");

  /* The largest ones that fit are fine. */
  {
    g_autofree char *doc = doc_with ("step", "9223372036854775807");
    g_autoptr(GError) error = NULL;
    g_autoptr(BpNet) net = NULL;
    BpFileExtras extras;

    net = load_with_extras (doc, &extras, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (extras.step, ==, G_MAXINT64);
  }
}

static void
test_duplicate_keys (void)
{
  g_autofree char *base = doc_with (NULL, NULL);
  g_autofree char *twice = replace_once (base, "{", "{\"seed\": 1,");
  g_autofree char *escaped = doc_with ("se\\u0065d", "43");
  g_autofree char *nested = doc_with ("history", "[{\"a\": 1, \"b\": 2, \"a\": 3}]");
  g_autofree char *distinct = doc_with ("Seed", "43");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNet) net = NULL;

  /* doc_with() appends a second "seed" when the key is spelled differently. */
  assert_refused (twice, BP_ERROR_FILE, "the key “seed” appears twice", "line 12");
  assert_refused (escaped, BP_ERROR_FILE, "the key “seed” appears twice");
  assert_refused (nested, BP_ERROR_FILE, "the key “a” appears twice in history[0]");

  net = load_text (distinct, strlen (distinct), &error);
  g_assert_no_error (error);
}

static void
test_deep_nesting (void)
{
  gsize n = 300000;
  g_autofree char *deep = g_malloc (n + 1);
  g_autofree char *opening = g_strnfill (62, '[');
  g_autofree char *closing = g_strnfill (63, ']');
  g_autofree char *just_enough = NULL;
  g_autofree char *in_string = NULL;
  GString *s = g_string_new ("\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNet) net = NULL;

  /* Enough brackets to overflow json-glib's recursion if they reached it. */
  memset (deep, '[', n);
  deep[n] = '\0';
  assert_refused (deep, BP_ERROR_FILE, "more than 64 levels deep", "column 65");
  assert_refused ("{\"a\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
                  BP_ERROR_FILE, "more than 64 levels deep");

  /* 64 levels are fine (in an unknown field); brackets inside strings do not count. */
  just_enough = g_strdup_printf ("[%s%s", opening, closing);
  for (guint k = 0; k < 100000; k++)
    g_string_append (s, "[{");
  g_string_append_c (s, '"');
  in_string = g_string_free (s, FALSE);
  {
    g_autofree char *doc = doc_with ("deep", just_enough);
    g_autofree char *doc2 = doc_with ("brackets", in_string);

    net = load_text (doc, strlen (doc), &error);
    g_assert_no_error (error);
    g_clear_pointer (&net, bp_net_free);
    net = load_text (doc2, strlen (doc2), &error);
    g_assert_no_error (error);
  }
}

static void
test_oversized (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("backprop-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "huge.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(BpNet) net = NULL;

  /* A sparse file one byte over the limit: refused from its size, without reading it. */
  g_assert_no_error (error);
  stream = g_file_create (file, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_seekable_truncate (G_SEEKABLE (stream), (goffset) BP_FILE_MAX_SIZE + 1,
                                      NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));

  g_test_timer_start ();
  net = bp_file_load (file, NULL, &error);
  g_assert_null (net);
  g_assert_error (error, BP_ERROR, BP_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "at most 256 MiB"));
  g_assert_cmpfloat (g_test_timer_elapsed (), <, 0.5);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Every value costs json-glib about 100 bytes: a file of millions of tiny values is refused
 * before json-glib sees it. */
static void
test_too_many_values (void)
{
  gsize n = 17825793;   /* 2^24 + 2^20 + 1 */
  GString *zeros = g_string_sized_new (2 * n + 2);
  g_autofree char *doc = NULL;

  g_string_append_c (zeros, '[');
  for (gsize k = 0; k < n; k++)
    g_string_append (zeros, k > 0 ? ",0" : "0");
  g_string_append_c (zeros, ']');
  doc = doc_with ("history", zeros->str);
  g_string_free (zeros, TRUE);
  assert_refused (doc, BP_ERROR_FILE, "more than 17825792 values");
}

/* ------------------------------------------------------------------------------------------ */
/* Mutations: nothing a file holds may crash the program.                                       */

static gboolean
loads_or_fails_cleanly (const char *text,
                        gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNet) net = load_text (text, length, &error);

  if (net == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == BP_ERROR);
      g_assert_cmpuint (strlen (error->message), >, 0);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return FALSE;
    }
  g_assert_no_error (error);
  return TRUE;
}

static void
test_mutations (void)
{
  static const guint sizes[] = { 2, 3, 2 };
  static const BpActivation acts[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_SIGMOID };
  static const char interesting[] = "[]{}\",:-+.eE0123456789\\ \n\xff\xc3tnu/'";
  g_autoptr(BpNet) net = make_net (3, sizes, acts, BP_LOSS_CROSS_ENTROPY, 5);
  BpFileExtras extras = { .has_seed = TRUE, .seed = 5, .step = 12 };
  g_autoptr(GBytes) bytes = bp_file_to_bytes (net, &extras);
  gsize size = g_bytes_get_size (bytes);
  g_autofree char *text = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  g_autofree char *copy = g_malloc (size + 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (777);
  guint n_loaded = 0;

  /* Cut short anywhere before the closing brace, a file is refused. */
  for (gsize cut = 0; cut < size; cut++)
    {
      gboolean loaded = loads_or_fails_cleanly (text, cut);

      g_assert_cmpint (loaded, ==, cut >= size - 1);
    }

  for (guint round = 0; round < 4000; round++)
    {
      guint n_changes = 1 + g_rand_int_range (rand, 0, 3);

      memcpy (copy, text, size);
      for (guint c = 0; c < n_changes; c++)
        {
          gsize at = g_rand_int_range (rand, 0, (gint32) size);

          if (g_rand_boolean (rand))
            copy[at] = interesting[g_rand_int_range (rand, 0, sizeof interesting - 1)];
          else
            copy[at] ^= (char) (1 << g_rand_int_range (rand, 0, 8));
        }
      n_loaded += loads_or_fails_cleanly (copy, size);
    }
  g_test_message ("%u of 4000 mutated files loaded", n_loaded);
  /* Some mutations (a digit for a digit) leave a valid file: the test did load files. */
  g_assert_cmpuint (n_loaded, >, 0);
  g_assert_cmpuint (n_loaded, <, 4000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/file/round-trip", test_round_trip);
  g_test_add_func ("/bp/file/negative-zero", test_negative_zero);
  g_test_add_func ("/bp/file/hand-written", test_hand_written);
  g_test_add_func ("/bp/file/optional-and-unknown", test_optional_and_unknown);
  g_test_add_func ("/bp/file/save-and-load", test_save_and_load);
  g_test_add_func ("/bp/file/save-errors", test_save_errors);
  g_test_add_func ("/bp/file/save-disk-full", test_save_disk_full);
  g_test_add_func ("/bp/file/save-disk-full-new-file", test_save_disk_full_new_file);
  g_test_add_func ("/bp/file/save-disk-full-symlink", test_save_disk_full_symlink);
  g_test_add_func ("/bp/file/save-disk-full-remote", test_save_disk_full_remote);
  g_test_add_func ("/bp/file/save-cannot-create", test_save_cannot_create);
  g_test_add_func ("/bp/file/save-not-regular", test_save_not_regular);
  g_test_add_func ("/bp/file/save-keeps-mode", test_save_keeps_mode);
  g_test_add_func ("/bp/file/not-json", test_not_json);
  g_test_add_func ("/bp/file/truncated", test_truncated);
  g_test_add_func ("/bp/file/not-utf8", test_not_utf8);
  g_test_add_func ("/bp/file/empty", test_empty);
  g_test_add_func ("/bp/file/not-object", test_not_object);
  g_test_add_func ("/bp/file/format", test_format);
  g_test_add_func ("/bp/file/version", test_version);
  g_test_add_func ("/bp/file/wrong-types", test_wrong_types);
  g_test_add_func ("/bp/file/sizes-out-of-limits", test_sizes_out_of_limits);
  g_test_add_func ("/bp/file/huge-claims", test_huge_claims);
  g_test_add_func ("/bp/file/wrong-shapes", test_wrong_shapes);
  g_test_add_func ("/bp/file/unknown-names", test_unknown_names);
  g_test_add_func ("/bp/file/invalid-values", test_invalid_values);
  g_test_add_func ("/bp/file/non-finite", test_non_finite);
  g_test_add_func ("/bp/file/big-integers", test_big_integers);
  g_test_add_func ("/bp/file/duplicate-keys", test_duplicate_keys);
  g_test_add_func ("/bp/file/deep-nesting", test_deep_nesting);
  g_test_add_func ("/bp/file/oversized", test_oversized);
  g_test_add_func ("/bp/file/too-many-values", test_too_many_values);
  g_test_add_func ("/bp/file/mutations", test_mutations);

  return g_test_run ();
}
