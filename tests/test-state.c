/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The state file (a network file with "history" and "document") and the exports, without a
 * display: what the next launch restores, and what a slide or a handout receives. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "bp-autosave.h"
#include "bp-explain.h"
#include "bp-export.h"
#include "bp-state.h"
#include "disk-full.h"

static BpNetwork *
trained_network (guint n_steps)
{
  BpNetwork *network = bp_network_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_network_step_n (network, n_steps, &error));
  g_assert_no_error (error);
  return network;
}

static GFile *
temp_file (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("bp-state-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_new_for_path (path);
}

static void
assert_histories_identical (const BpHistory *a,
                            const BpHistory *b)
{
  g_assert_cmpuint (bp_history_get_length (a), ==, bp_history_get_length (b));
  for (guint k = 0; k < bp_history_get_length (a); k++)
    {
      const BpHistoryPoint *p = bp_history_get (a, k);
      const BpHistoryPoint *q = bp_history_get (b, k);

      g_assert_cmpuint (p->step, ==, q->step);
      g_assert_cmpmem (&p->loss, sizeof (double), &q->loss, sizeof (double));
      g_assert_cmpint (p->after_reset, ==, q->after_reset);
    }
}

/* What the app keeps at close comes back the same: the network, its history bit for bit,
 * and the document it belongs to. */
static void
test_round_trip (void)
{
  g_autoptr(BpNetwork) network = trained_network (25);
  g_autoptr(BpNetwork) restored = NULL;
  g_autoptr(GFile) state = temp_file ("backprop/state.json");
  g_autoptr(GFile) document = g_file_new_for_path ("/home/ada/Networks/xor try.json");
  g_autoptr(GError) error = NULL;
  g_auto(BpFileSession) session = { 0 };
  const BpNet *a, *b;

  bp_network_reset (network, 99);
  g_assert_true (bp_network_step_n (network, 3, &error));
  g_assert_true (bp_state_save (state, network, document, TRUE, &error));
  g_assert_no_error (error);

  restored = bp_state_load (state, &session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_true (session.has_document);
  g_assert_cmpstr (session.document_path, ==, "/home/ada/Networks/xor try.json");
  g_assert_true (session.document_modified);
  g_assert_cmpuint (bp_network_get_step_count (restored), ==, 3);
  assert_histories_identical (bp_network_get_history (network), bp_network_get_history (restored));

  a = bp_network_get_net (network);
  b = bp_network_get_net (restored);
  g_assert_cmpmem (a->weights[0], a->sizes[0] * a->sizes[1] * sizeof (double),
                   b->weights[0], b->sizes[0] * b->sizes[1] * sizeof (double));
  g_assert_cmpfloat (a->loss, ==, b->loss);
}

/* An Untitled network: no path, and "modified" kept as it was. */
static void
test_untitled (void)
{
  g_autoptr(BpNetwork) network = trained_network (2);
  g_autoptr(BpNetwork) restored = NULL;
  g_autoptr(GFile) state = temp_file ("state.json");
  g_autoptr(GError) error = NULL;
  g_auto(BpFileSession) session = { 0 };

  g_assert_true (bp_state_save (state, network, NULL, FALSE, &error));
  restored = bp_state_load (state, &session, &error);
  g_assert_no_error (error);
  g_assert_true (session.has_document);
  g_assert_null (session.document_path);
  g_assert_false (session.document_modified);
}

/* A full ring starts in the middle of a run: its first point is no reset, and stays so. */
static void
test_full_history (void)
{
  g_autoptr(BpNetwork) network = trained_network (BP_HISTORY_CAPACITY + 40);
  g_autoptr(BpNetwork) restored = bp_network_new ();
  g_autoptr(GFile) file = temp_file ("full.json");
  g_autoptr(GError) error = NULL;
  const BpHistory *history = bp_network_get_history (network);

  g_assert_cmpuint (bp_history_get_length (history), ==, BP_HISTORY_CAPACITY);
  g_assert_false (bp_history_get (history, 0)->after_reset);
  g_assert_true (bp_network_save (network, file, &error));
  g_assert_true (bp_network_load (restored, file, &error));
  g_assert_no_error (error);
  assert_histories_identical (history, bp_network_get_history (restored));
}

/* The default network's file with more top-level members. */
static char *
doc_with (const char *members)
{
  g_autoptr(BpNetwork) network = trained_network (3);
  BpFileExtras extras = { .has_seed = TRUE, .seed = 1, .step = 3 };
  g_autoptr(GBytes) bytes = bp_file_to_bytes (bp_network_get_net (network), &extras);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  char *end = strrchr (text, '}');

  *end = '\0';
  return g_strdup_printf ("%s, %s}\n", g_strchomp (text), members);
}

/* Every malformed new key is refused, naming the key and the problem. */
static void
test_malformed (void)
{
  static const struct {
    const char *members;
    const char *message;
  } cases[] = {
    { "\"history\": 3", "history must be an array" },
    { "\"history\": [5]", "history[0] must be an array [step, loss, after reset]" },
    { "\"history\": [[0, 0.5]]", "history[0] has 2 values" },
    { "\"history\": [[0, 0.5, true, 1]]", "history[0] has 4 values" },
    { "\"history\": [[-1, 0.5, true]]", "history[0][0] is -1; a step count is 0 or more" },
    { "\"history\": [[1.5, 0.5, true]]", "history[0][0] must be a whole number" },
    { "\"history\": [[99999999999999999999, 0.5, true]]", "beyond 64 bits" },
    { "\"history\": [[0, 1e999, true]]", "history[0][1] is too large a number" },
    { "\"history\": [[0, \"low\", true]]", "history[0][1] must be a number" },
    { "\"history\": [[0, 0.5, 1]]", "history[0][2] must be true or false" },
    { "\"history\": [[0, 0.5, true, \"x\", null, null, 0]]", "history[0][3] must be a number" },
    { "\"history\": [[0, 0.5, true, 0.4, 0.5, 0.5, -1]]", "history[0][6] must be a whole number" },
    { "\"history\": [[0, 0.5, true, 0.4, 0.5, 0.5, 1.5]]", "history[0][6] must be a whole number" },
    { "\"history\": [[0, 0.5, true, 0.4, 0.5, 0.5]]", "history[0] has 6 values" },
    { "\"history\": [[0, 0.5, true], [0, 0.4, false]]", "history[1] is at step 0, not after" },
    { "\"history\": [[0, 0.5, true], [9, 0.4, false]]", "after the network’s step 3" },
    { "\"document\": []", "document must be an object" },
    { "\"document\": {\"path\": \"/a.json\"}", "document.modified is missing" },
    { "\"document\": {\"modified\": \"yes\"}", "document.modified must be true or false" },
    { "\"document\": {\"path\": 7, \"modified\": true}", "document.path must be a name" },
    { "\"document\": {\"path\": \"a.json\", \"modified\": true}", "must be an absolute path" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *text = doc_with (cases[k].members);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(BpNet) net = bp_file_load_bytes (bytes, NULL, &error);

      g_test_message ("%s → %s", cases[k].members, error != NULL ? error->message : "(none)");
      g_assert_null (net);
      g_assert_error (error, BP_ERROR, BP_ERROR_FILE);
      g_assert_nonnull (strstr (error->message, cases[k].message));
    }
}

/* More points than the ring keeps is no history this version wrote. */
static void
test_history_too_long (void)
{
  GString *members = g_string_new ("\"history\": [");
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNet) net = NULL;

  for (guint k = 0; k <= BP_HISTORY_CAPACITY; k++)
    g_string_append_printf (members, "%s[%u, 0.5, %s]", k > 0 ? ", " : "", k,
                            k == 0 ? "true" : "false");
  g_string_append (members, "]");
  text = doc_with (members->str);
  g_string_free (members, TRUE);
  bytes = g_bytes_new (text, strlen (text));
  net = bp_file_load_bytes (bytes, NULL, &error);
  g_assert_null (net);
  g_assert_error (error, BP_ERROR, BP_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "history has 1001 points; it keeps at most 1000"));
}

/* ------------------------------------------------------------------------------------- */
/* A full disk, for real: see disk-full.h. */

/* The names in the folder of `file`, sorted and joined by spaces: a temporary file left
 * behind shows. */
static char *
list_folder_of (GFile *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);

  return list_folder (g_file_peek_path (folder));
}

static GBytes *
file_bytes (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
assert_same_bytes (GBytes *a,
                   GBytes *b)
{
  g_assert_cmpmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a),
                   g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

static void
assert_disk_full_error (const GError *error,
                        GFile        *file)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, g_strerror (EFBIG)));
  g_assert_nonnull (strstr (error->message, "disk may be full"));
}

/* The window saves the state every few seconds; when the disk is full, the last good state
 * file stays byte for byte, nothing is left beside it, and the next launch restores it. */
static void
test_state_disk_full (void)
{
  g_autoptr(BpNetwork) network = trained_network (3);
  g_autoptr(BpNetwork) longer = trained_network (400);
  g_autoptr(BpNetwork) restored = NULL;
  g_autoptr(GFile) state = temp_file ("backprop/state.json");
  g_autoptr(GFile) sizer = temp_file ("state.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) bigger = NULL;
  g_autofree char *listing = NULL;
  g_auto(BpFileSession) session = { 0 };
  SizeLimit limit;
  gboolean ok;

  g_assert_true (bp_state_save (state, network, NULL, TRUE, &error));
  g_assert_no_error (error);
  good = file_bytes (state);
  g_assert_true (bp_state_save (sizer, longer, NULL, TRUE, &error));
  bigger = file_bytes (sizer);
  g_assert_cmpuint (g_bytes_get_size (bigger), >, g_bytes_get_size (good) + 1024);

  limit_file_size (&limit, g_bytes_get_size (good) + 512);
  ok = bp_state_save (state, longer, NULL, TRUE, &error);
  unlimit_file_size (&limit);
  g_assert_false (ok);
  assert_disk_full_error (error, state);
  g_clear_error (&error);

  assert_same_bytes (file_bytes (state), good);
  listing = list_folder_of (state);
  g_assert_cmpstr (listing, ==, "state.json");
  restored = bp_state_load (state, &session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpuint (bp_network_get_step_count (restored), ==, 3);
}

static void
test_missing_state (void)
{
  g_autoptr(GFile) state = temp_file ("state.json");
  g_autoptr(GError) error = NULL;
  g_auto(BpFileSession) session = { 0 };

  g_assert_null (bp_state_load (state, &session, &error));
  g_assert_no_error (error);
}

/* A broken state file is renamed, never deleted, and keeps its bytes. */
static void
test_set_aside (void)
{
  g_autoptr(GFile) state = temp_file ("state.json");
  g_autoptr(GFile) aside = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(BpFileSession) session = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_replace_contents (state, "{\"format\": \"backprop-net", 24, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_null (bp_state_load (state, &session, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_FILE);
  g_clear_error (&error);

  aside = bp_state_set_aside (state, &error);
  g_assert_no_error (error);
  name = g_file_get_basename (aside);
  g_assert_true (g_str_has_prefix (name, "state.json.broken-"));
  g_assert_false (g_file_query_exists (state, NULL));
  g_assert_true (g_file_load_contents (aside, NULL, &contents, NULL, NULL, &error));
  g_assert_cmpstr (contents, ==, "{\"format\": \"backprop-net");
}

/* ------------------------------------------------------------------------------------- */

static GBytes *
export_bytes (BpExportFormat format,
              int            width,
              int            height)
{
  g_autoptr(BpNetwork) network = trained_network (4);
  g_autoptr(GFile) file = temp_file ("export");
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_assert_true (bp_export_diagram (&(BpDiagramPicture) {
                                      .net = bp_network_get_net (network),
                                      .palette = bp_palette_get (BP_PALETTE_LIGHT) },
                                    format, width, height, file, &error));
  g_assert_no_error (error);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  return bytes;
}

static gboolean
parses_as_xml (const char *text,
               gsize       size)
{
  static const GMarkupParser parser = { 0 };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);

  return g_markup_parse_context_parse (context, text, size, NULL)
         && g_markup_parse_context_end_parse (context, NULL);
}

/* SVG stays vector: well-formed XML of the size asked for, with no embedded picture. */
static void
test_export_svg (void)
{
  g_autoptr(GBytes) bytes = export_bytes (BP_EXPORT_SVG, 1200, 700);
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);
  g_autofree char *copy = g_strndup (text, size);

  g_assert_true (g_str_has_prefix (copy, "<?xml") || g_str_has_prefix (copy, "<svg"));
  g_assert_nonnull (strstr (copy, "<svg"));
  g_assert_nonnull (strstr (copy, "width=\"1200"));
  g_assert_nonnull (strstr (copy, "height=\"700"));
  g_assert_null (strstr (copy, "<image"));
  g_assert_true (parses_as_xml (text, size));
}

static void
test_export_png (void)
{
  g_autoptr(GBytes) bytes = export_bytes (BP_EXPORT_PNG, 1000, 640);
  const guchar *data = g_bytes_get_data (bytes, NULL);

  g_assert_cmpuint (g_bytes_get_size (bytes), >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  /* IHDR: width and height, big-endian, at bytes 16 and 20. */
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 16)), ==, 1000);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 20)), ==, 640);
}

/* pdfinfo (poppler-utils) reads one page of the size asked for, in points. */
static void
test_export_pdf (void)
{
  g_autoptr(GBytes) bytes = export_bytes (BP_EXPORT_PDF, 842, 595);
  g_autoptr(GFile) file = temp_file ("diagram.pdf");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL), "%PDF-"));
  if (pdfinfo == NULL)
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed");
      return;
    }
  g_assert_true (g_file_replace_contents (file, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_true (g_spawn_sync (NULL, (char *[]) { pdfinfo, (char *) g_file_peek_path (file),
                                                  NULL },
                               NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Pages:"));
  g_assert_true (g_regex_match_simple ("^Pages: +1$", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Page size: +842 x 595 pts", out, G_REGEX_MULTILINE, 0));
}

static void
test_export_markdown (void)
{
  g_autoptr(BpNetwork) network = trained_network (6);
  g_autoptr(GFile) file = temp_file ("worked.md");
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = bp_explain_markdown (bp_network_get_net (network));
  g_autofree char *contents = NULL;

  g_assert_true (bp_export_markdown (bp_network_get_net (network), file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  g_assert_cmpstr (contents, ==, expected);
}

/* A size outside the limits is refused, and nothing is written. */
static void
test_export_size (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(GFile) file = temp_file ("tiny.png");
  g_autoptr(GError) error = NULL;

  g_assert_false (bp_export_diagram (&(BpDiagramPicture) {
                                       .net = bp_network_get_net (network),
                                       .palette = bp_palette_get (BP_PALETTE_LIGHT) },
                                     BP_EXPORT_PNG, 10, 500, file, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_assert_false (g_file_query_exists (file, NULL));
}

/* The colour-blind-safe choice really changes the colours; high contrast wins over it. */
static void
test_export_palette (void)
{
  const BpPalette *light = bp_palette_resolve (BP_PALETTE_CHOICE_AUTOMATIC, FALSE, FALSE);
  const BpPalette *safe = bp_palette_resolve (BP_PALETTE_CHOICE_COLOUR_BLIND_SAFE, FALSE,
                                                 FALSE);
  const BpPalette *contrast = bp_palette_resolve (BP_PALETTE_CHOICE_HIGH_CONTRAST, FALSE,
                                                     FALSE);
  g_autoptr(BpNetwork) network = trained_network (2);
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;

  g_assert_true (light == bp_palette_get (BP_PALETTE_LIGHT));
  g_assert_true (contrast == bp_palette_get (BP_PALETTE_HIGH_CONTRAST_LIGHT));
  g_assert_true (safe != light && safe != contrast);
  g_assert_true (bp_palette_resolve (BP_PALETTE_CHOICE_COLOUR_BLIND_SAFE, TRUE, TRUE)
                 == bp_palette_get (BP_PALETTE_HIGH_CONTRAST_DARK));
  a = bp_export_diagram_bytes (&(BpDiagramPicture) {
                                 .net = bp_network_get_net (network), .palette = light },
                               BP_EXPORT_SVG, 800, 500, NULL);
  b = bp_export_diagram_bytes (&(BpDiagramPicture) {
                                 .net = bp_network_get_net (network), .palette = safe },
                               BP_EXPORT_SVG, 800, 500, NULL);
  g_assert_false (g_bytes_equal (a, b));
}

/* Exports the diagram and the worked example with room for `room` bytes only. */
static void
export_without_room (const BpNet  *net,
                     GFile        *png,
                     GFile        *markdown,
                     rlim_t        room,
                     GError      **png_error,
                     GError      **markdown_error)
{
  SizeLimit limit;
  gboolean png_ok, markdown_ok;

  limit_file_size (&limit, room);
  png_ok = bp_export_diagram (&(BpDiagramPicture) {
                                .net = net, .palette = bp_palette_get (BP_PALETTE_LIGHT) },
                              BP_EXPORT_PNG, 1600, 1000, png, png_error);
  markdown_ok = bp_export_markdown (net, markdown, markdown_error);
  unlimit_file_size (&limit);
  g_assert_false (png_ok);
  g_assert_false (markdown_ok);
}

/* An export that does not fit leaves the earlier export of that name as it was. */
static void
test_export_disk_full (void)
{
  g_autoptr(BpNetwork) network = trained_network (4);
  g_autoptr(GFile) png = temp_file ("diagram.png");
  g_autoptr(GFile) markdown = temp_file ("notes.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) markdown_error = NULL;
  g_autoptr(GBytes) good_png = NULL;
  g_autoptr(GBytes) good_markdown = NULL;
  g_autofree char *png_listing = NULL;
  g_autofree char *markdown_listing = NULL;
  const BpNet *net = bp_network_get_net (network);

  g_assert_true (bp_export_diagram (&(BpDiagramPicture) {
                                      .net = net,
                                      .palette = bp_palette_get (BP_PALETTE_LIGHT) },
                                    BP_EXPORT_PNG, 64, 64, png, &error));
  g_assert_true (bp_export_markdown (net, markdown, &error));
  g_assert_no_error (error);
  good_png = file_bytes (png);
  good_markdown = file_bytes (markdown);
  g_assert_cmpuint (g_bytes_get_size (good_markdown), >, 256);
  /* The next step changes the worked example, so the new file differs from the old. */
  g_assert_true (bp_network_step_n (network, 1, &error));

  export_without_room (net, png, markdown, 256, &error, &markdown_error);
  assert_disk_full_error (error, png);
  assert_disk_full_error (markdown_error, markdown);
  assert_same_bytes (file_bytes (png), good_png);
  assert_same_bytes (file_bytes (markdown), good_markdown);
  png_listing = list_folder_of (png);
  g_assert_cmpstr (png_listing, ==, "diagram.png");
  markdown_listing = list_folder_of (markdown);
  g_assert_cmpstr (markdown_listing, ==, "notes.md");
}

/* The step count the state file holds, or -1 when there is none. */
static gint64
kept_steps (GFile *state)
{
  g_auto(BpFileSession) session = { 0 };
  g_autoptr(BpNetwork) kept = bp_state_load (state, &session, NULL);

  return kept != NULL ? (gint64) bp_network_get_step_count (kept) : -1;
}

/* Killing the app loses at most 5 s of training: a change reaches the state file within
 * 5 s, even while changes keep coming every tenth of a second. */
static void
test_autosave_after_change (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpAutosave) autosave = bp_autosave_new (network, NULL);
  g_autoptr(GFile) state = temp_file ("backprop/state.json");
  gint64 start, written = 0;

  bp_autosave_set_file (autosave, state);
  g_assert_true (bp_network_step (network, NULL));
  g_assert_true (bp_autosave_get_dirty (autosave));
  g_assert_cmpint (kept_steps (state), ==, -1);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 6 * G_USEC_PER_SEC)
    {
      g_usleep (G_USEC_PER_SEC / 10);
      g_assert_true (bp_network_step (network, NULL));
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (written == 0 && kept_steps (state) > 0)
        written = g_get_monotonic_time () - start;
    }
  g_test_message ("written after %.1f s", written / 1e6);
  g_assert_cmpint (written, >, 0);
  g_assert_cmpint (written, <=, 5 * G_USEC_PER_SEC + G_USEC_PER_SEC / 5);
}

/* A pause is a natural point to keep the work: the state file is written at once. */
static void
test_autosave_pause (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpPlayback) playback = bp_playback_new (network);
  g_autoptr(BpTrainer) trainer = bp_trainer_new (playback);
  g_autoptr(BpAutosave) autosave = bp_autosave_new (network, trainer);
  g_autoptr(GFile) state = temp_file ("state.json");

  bp_autosave_set_file (autosave, state);
  bp_trainer_set_rate (trainer, 100.0);
  bp_trainer_set_playing (trainer, TRUE);
  for (guint k = 0; k < 10; k++)
    bp_trainer_advance (trainer, G_USEC_PER_SEC + k * G_USEC_PER_SEC / 10);
  g_assert_cmpuint (bp_network_get_step_count (network), >, 50);
  g_assert_cmpint (kept_steps (state), ==, -1);
  bp_trainer_set_playing (trainer, FALSE);
  g_assert_cmpint (kept_steps (state), ==, bp_network_get_step_count (network));
  g_assert_false (bp_autosave_get_dirty (autosave));
}

/* On close the window writes the state now, with the document the next launch shows. */
static void
test_autosave_write (void)
{
  g_autoptr(BpNetwork) network = trained_network (3);
  g_autoptr(BpAutosave) autosave = bp_autosave_new (network, NULL);
  g_autoptr(GFile) state = temp_file ("state.json");
  g_autoptr(GFile) document = g_file_new_for_path ("/tmp/some.backprop.json");
  g_auto(BpFileSession) session = { 0 };
  g_autoptr(BpNetwork) kept = NULL;
  g_autoptr(GError) error = NULL;

  /* Without a state file there is nothing to write, and nothing fails. */
  g_assert_true (bp_autosave_write (autosave, &error));
  g_assert_no_error (error);

  bp_autosave_set_file (autosave, state);
  bp_autosave_set_document (autosave, document, TRUE);
  g_assert_true (bp_autosave_write (autosave, &error));
  g_assert_no_error (error);
  kept = bp_state_load (state, &session, &error);
  g_assert_nonnull (kept);
  g_assert_cmpuint (bp_network_get_step_count (kept), ==, 3);
  g_assert_cmpstr (session.document_path, ==, "/tmp/some.backprop.json");
  g_assert_true (session.document_modified);
}

static void
count_failure (BpAutosave   *autosave,
               const GError *error,
               guint        *count)
{
  g_assert_nonnull (error);
  (*count)++;
}

/* A state file that cannot be written is told once, not at every save; once a save works
 * again, the next failure is news again. */
static void
test_autosave_failed_once (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpAutosave) autosave = bp_autosave_new (network, NULL);
  g_autoptr(GFile) blocker = temp_file ("not-a-folder");
  g_autoptr(GFile) bad = g_file_get_child (blocker, "state.json");
  g_autoptr(GFile) good = temp_file ("state.json");
  guint failures = 0;

  g_assert_true (g_file_set_contents (g_file_peek_path (blocker), "", 0, NULL));
  g_signal_connect (autosave, "failed", G_CALLBACK (count_failure), &failures);
  bp_autosave_set_file (autosave, bad);
  g_assert_false (bp_autosave_save (autosave));
  g_assert_false (bp_autosave_save (autosave));
  g_assert_cmpuint (failures, ==, 1);

  bp_autosave_set_file (autosave, good);
  g_assert_true (bp_autosave_save (autosave));
  bp_autosave_set_file (autosave, bad);
  g_assert_false (bp_autosave_save (autosave));
  g_assert_cmpuint (failures, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/state/round-trip", test_round_trip);
  g_test_add_func ("/bp/state/untitled", test_untitled);
  g_test_add_func ("/bp/state/full-history", test_full_history);
  g_test_add_func ("/bp/state/malformed", test_malformed);
  g_test_add_func ("/bp/state/history-too-long", test_history_too_long);
  g_test_add_func ("/bp/state/missing", test_missing_state);
  g_test_add_func ("/bp/state/set-aside", test_set_aside);
  g_test_add_func ("/bp/state/disk-full", test_state_disk_full);
  g_test_add_func ("/bp/autosave/after-change", test_autosave_after_change);
  g_test_add_func ("/bp/autosave/pause", test_autosave_pause);
  g_test_add_func ("/bp/autosave/write", test_autosave_write);
  g_test_add_func ("/bp/autosave/failed-once", test_autosave_failed_once);
  g_test_add_func ("/bp/export/svg", test_export_svg);
  g_test_add_func ("/bp/export/png", test_export_png);
  g_test_add_func ("/bp/export/pdf", test_export_pdf);
  g_test_add_func ("/bp/export/markdown", test_export_markdown);
  g_test_add_func ("/bp/export/size", test_export_size);
  g_test_add_func ("/bp/export/palette", test_export_palette);
  g_test_add_func ("/bp/export/disk-full", test_export_disk_full);

  return g_test_run ();
}
