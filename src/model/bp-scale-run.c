/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-scale-run.c: the window's measurement of forward and backward passes on networks of
 * growing size. The sizes of bp_scale_plan() are measured one by one by bp-scale.c on a GTask
 * thread, each row handed to the main thread as soon as it is measured; cancelling stops it
 * within a round (BP_SCALE_ROUND_NS). The task holds the run, so a run is finalised only
 * once its thread has ended. The last complete measurement is kept in scale.json beside the
 * state file, a single bounded table, the JSON of `backprop-cli scale --json` with its date. */
#define G_LOG_DOMAIN "bp-scale-run"

#include "config.h"

#include "bp-scale-run.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "bp-deliver.h"
#include "bp-file.h"

#define MAX_FILE_SIZE (256 * 1024)

struct _BpScaleRun
{
  GObject parent_instance;

  BpScaleRow planned[BP_SCALE_MAX_ROWS];
  guint n_planned;
  BpScaleRow rows[BP_SCALE_MAX_ROWS];  /* measured, in the plan's order */
  guint n_rows;
  guint64 max_params;
  guint64 round_ns;
  GDateTime *date;                     /* when the rows were complete, or NULL */
  gboolean running;
  guint generation;                    /* of the run whose rows are wanted */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (BpScaleRun, bp_scale_run, G_TYPE_OBJECT)

enum { PROP_0, PROP_RUNNING, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { ROW_ADDED, FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* What the worker thread measures: its own copy of the plan. */
typedef struct {
  BpScaleRun *run;
  BpScaleRow plan[BP_SCALE_MAX_ROWS];
  guint n_planned;
  guint64 round_ns;
  guint generation;
} Job;

/* A row measured, on its way to the main thread. */
typedef struct {
  BpScaleRun *run;
  guint generation;
  BpScaleRow row;
} Delivery;

static void
delivery_free (gpointer data)
{
  Delivery *d = data;

  g_object_unref (d->run);
  g_free (d);
}

static gboolean
deliver_cb (gpointer data)
{
  Delivery *d = data;
  BpScaleRun *self = d->run;

  if (d->generation != self->generation || self->n_rows >= self->n_planned)
    return G_SOURCE_REMOVE;
  self->rows[self->n_rows++] = d->row;
  g_signal_emit (self, signals[ROW_ADDED], 0, self->n_rows - 1);
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (gpointer user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static void
measure_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GMainContext *context = g_task_get_context (task);

  for (guint i = 0; i < job->n_planned; i++)
    {
      Delivery *d;
      BpScaleRow row;
      g_autoptr(GError) error = NULL;

      if (!bp_scale_measure_cancellable (job->plan[i].sizes, job->plan[i].n_sizes,
                                         job->round_ns, cancelled_cb, cancellable, &row,
                                         &error))
        {
          if (error != NULL)
            g_task_return_error (task, g_steal_pointer (&error));
          else
            g_task_return_error_if_cancelled (task);
          return;
        }
      d = g_new0 (Delivery, 1);
      d->run = g_object_ref (job->run);
      d->generation = job->generation;
      d->row = row;
      bp_deliver_in_loop (context, "[bp-scale-run] deliver", deliver_cb, d, delivery_free);
    }
  g_task_return_boolean (task, TRUE);
}

static void
measured_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  BpScaleRun *self = BP_SCALE_RUN (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  gboolean complete;
  g_autoptr(GError) error = NULL;

  complete = g_task_propagate_boolean (G_TASK (result), &error);
  if (job->generation != self->generation)
    return;
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Measuring the passes failed: %s", error->message);
  complete = complete && self->n_rows == self->n_planned;
  g_clear_object (&self->cancellable);
  if (complete)
    self->date = g_date_time_new_now_local ();
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[FINISHED], 0, complete);
}

static void
bp_scale_run_dispose (GObject *object)
{
  BpScaleRun *self = BP_SCALE_RUN (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (bp_scale_run_parent_class)->dispose (object);
}

static void
bp_scale_run_finalize (GObject *object)
{
  BpScaleRun *self = BP_SCALE_RUN (object);

  g_clear_pointer (&self->date, g_date_time_unref);
  G_OBJECT_CLASS (bp_scale_run_parent_class)->finalize (object);
}

static void
bp_scale_run_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BpScaleRun *self = BP_SCALE_RUN (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_scale_run_class_init (BpScaleRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_scale_run_dispose;
  object_class->finalize = bp_scale_run_finalize;
  object_class->get_property = bp_scale_run_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpScaleRun::row-added:
   * @index: the row's index, one more than the last's
   *
   * A size was measured; its row is the last of bp_scale_run_get_rows().
   */
  signals[ROW_ADDED] = g_signal_new ("row-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * BpScaleRun::finished:
   * @complete: whether every size was measured (else it was cancelled)
   *
   * The measurement ended, after its last ::row-added and after #BpScaleRun:running became
   * %FALSE.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
bp_scale_run_init (BpScaleRun *self)
{
  self->round_ns = BP_SCALE_ROUND_NS;
}

BpScaleRun *
bp_scale_run_new (void)
{
  return g_object_new (BP_TYPE_SCALE_RUN, NULL);
}

/**
 * bp_scale_run_start:
 * @self: a run that is not running
 * @max_params: the largest network, BP_SCALE_MIN_PARAMS … BP_SCALE_MAX_PARAMS
 *
 * Forgets the rows and measures the sizes of bp_scale_plan (@max_params) on a thread.
 */
void
bp_scale_run_start (BpScaleRun *self,
                    guint64     max_params)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (BP_IS_SCALE_RUN (self));
  g_return_if_fail (!self->running);
  g_return_if_fail (max_params >= BP_SCALE_MIN_PARAMS && max_params <= BP_SCALE_MAX_PARAMS);

  self->max_params = max_params;
  self->n_planned = bp_scale_plan (max_params, self->planned);
  self->n_rows = 0;
  g_clear_pointer (&self->date, g_date_time_unref);
  self->generation++;
  self->cancellable = g_cancellable_new ();
  job = g_new0 (Job, 1);
  job->run = self;
  memcpy (job->plan, self->planned, sizeof job->plan);
  job->n_planned = self->n_planned;
  job->round_ns = self->round_ns;
  job->generation = self->generation;
  task = g_task_new (self, self->cancellable, measured_cb, NULL);
  g_task_set_source_tag (task, bp_scale_run_start);
  g_task_set_task_data (task, job, g_free);
  g_task_run_in_thread (task, measure_thread);
  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/**
 * bp_scale_run_cancel:
 * @self: a run
 *
 * Asks the thread to stop; ::finished follows within about a round.
 */
void
bp_scale_run_cancel (BpScaleRun *self)
{
  g_return_if_fail (BP_IS_SCALE_RUN (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
bp_scale_run_get_running (BpScaleRun *self)
{
  g_return_val_if_fail (BP_IS_SCALE_RUN (self), FALSE);
  return self->running;
}

/* The bound of the rows shown: of the run, or of the measurement loaded. */
guint64
bp_scale_run_get_max_params (BpScaleRun *self)
{
  g_return_val_if_fail (BP_IS_SCALE_RUN (self), 0);
  return self->max_params;
}

guint
bp_scale_run_get_n_planned (BpScaleRun *self)
{
  g_return_val_if_fail (BP_IS_SCALE_RUN (self), 0);
  return self->n_planned;
}

const BpScaleRow *
bp_scale_run_get_planned (BpScaleRun *self,
                          guint       index)
{
  g_return_val_if_fail (BP_IS_SCALE_RUN (self), NULL);
  g_return_val_if_fail (index < self->n_planned, NULL);
  return &self->planned[index];
}

/**
 * bp_scale_run_get_rows:
 * @self: a run
 * @n_rows: (out): how many rows were measured
 *
 * Returns: the rows measured so far, by growing parameters
 */
const BpScaleRow *
bp_scale_run_get_rows (BpScaleRun *self,
                       guint      *n_rows)
{
  g_return_val_if_fail (BP_IS_SCALE_RUN (self), NULL);
  *n_rows = self->n_rows;
  return self->rows;
}

/* Returns: (nullable) (transfer none): when the rows shown were complete */
GDateTime *
bp_scale_run_get_date (BpScaleRun *self)
{
  g_return_val_if_fail (BP_IS_SCALE_RUN (self), NULL);
  return self->date;
}

/* The least time of a round of the next run; BP_SCALE_ROUND_NS unless a test wants less. */
void
bp_scale_run_set_round_ns (BpScaleRun *self,
                           guint64     round_ns)
{
  g_return_if_fail (BP_IS_SCALE_RUN (self));
  self->round_ns = MAX (round_ns, 1000);
}

/**
 * bp_scale_run_get_default_file:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/backprop/scale.json`, beside the state file
 */
GFile *
bp_scale_run_get_default_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "backprop", "scale.json",
                                            NULL);

  return g_file_new_for_path (path);
}

static gboolean
read_time (JsonObject *object,
           const char *name,
           double     *ns)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) != G_TYPE_DOUBLE
      && json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *ns = json_node_get_double (node);
  /* A time never shown as NaN or infinite, nor as nothing. */
  return isfinite (*ns) && *ns > 0;
}

static gboolean
read_row (JsonNode   *node,
          BpScaleRow *row)
{
  JsonObject *object;
  JsonArray *sizes;
  JsonNode *params;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  sizes = json_object_get_array_member (object, "sizes");
  params = json_object_get_member (object, "params");
  if (sizes == NULL || json_array_get_length (sizes) < 2
      || json_array_get_length (sizes) > BP_MAX_LAYERS + 1 || params == NULL
      || !JSON_NODE_HOLDS_VALUE (params) || json_node_get_value_type (params) != G_TYPE_INT64)
    return FALSE;
  *row = (BpScaleRow) { .n_sizes = json_array_get_length (sizes) };
  for (guint i = 0; i < row->n_sizes; i++)
    {
      gint64 size = json_array_get_int_element (sizes, i);

      if (size < 1 || size > BP_MAX_WIDTH)
        return FALSE;
      row->sizes[i] = (guint) size;
    }
  row->params = bp_scale_count_params (row->sizes, row->n_sizes);
  return json_node_get_int (params) == (gint64) row->params
         && read_time (object, "forward_ns", &row->forward_ns)
         && read_time (object, "backward_ns", &row->backward_ns);
}

static gboolean
read_table (JsonNode    *root,
            BpScaleRow  *rows,
            guint       *n_rows,
            guint64     *max_params,
            GDateTime  **date)
{
  JsonObject *object;
  JsonArray *array;
  const char *measured;
  gint64 max;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  array = json_object_get_array_member (object, "rows");
  measured = json_object_get_string_member_with_default (object, "measured", NULL);
  max = json_object_get_int_member_with_default (object, "max_params", 0);
  if (array == NULL || json_array_get_length (array) == 0
      || json_array_get_length (array) > BP_SCALE_MAX_ROWS || measured == NULL
      || max < BP_SCALE_MIN_PARAMS || max > BP_SCALE_MAX_PARAMS)
    return FALSE;
  *n_rows = json_array_get_length (array);
  for (guint i = 0; i < *n_rows; i++)
    if (!read_row (json_array_get_element (array, i), &rows[i])
        || (i > 0 && rows[i].params <= rows[i - 1].params) || rows[i].params > (guint64) max)
      return FALSE;
  *max_params = (guint64) max;
  *date = g_date_time_new_from_iso8601 (measured, NULL);
  return *date != NULL;
}

/**
 * bp_scale_run_load:
 * @self: a run that is not running
 * @file: a file written by bp_scale_run_save()
 * @error: return location for a #GError: G_IO_ERROR_NOT_FOUND for no file, BP_ERROR_FILE
 *   for one that is not a measurement
 *
 * Shows the measurement of @file, rows and date, as if it had just been made.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_scale_run_load (BpScaleRun  *self,
                   GFile       *file,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  BpScaleRow rows[BP_SCALE_MAX_ROWS];
  GDateTime *date = NULL;
  guint64 max_params = 0;
  guint n_rows = 0;
  gsize length;

  g_return_val_if_fail (BP_IS_SCALE_RUN (self), FALSE);
  g_return_val_if_fail (!self->running, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;
  /* A measurement is a few kilobytes; json-glib would recurse on a deeply nested file. */
  if (length > MAX_FILE_SIZE || !json_parser_load_from_data (parser, contents, length, NULL)
      || !read_table (json_parser_get_root (parser), rows, &n_rows, &max_params, &date))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      /* Translators: %s is a file name */
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("“%s” is not a measurement of passes"),
                   name);
      return FALSE;
    }
  self->generation++;
  memcpy (self->rows, rows, n_rows * sizeof rows[0]);
  memcpy (self->planned, rows, n_rows * sizeof rows[0]);
  self->n_rows = self->n_planned = n_rows;
  self->max_params = max_params;
  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = date;
  return TRUE;
}

/**
 * bp_scale_run_save:
 * @self: a run whose measurement is complete (it has a date)
 * @file: where to write; replaced atomically, its folder made if needed
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
bp_scale_run_save (BpScaleRun  *self,
                   GFile       *file,
                   GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *measured = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_return_val_if_fail (BP_IS_SCALE_RUN (self), FALSE);
  g_return_val_if_fail (self->date != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  measured = g_date_time_format_iso8601 (self->date);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "measured");
  json_builder_add_string_value (builder, measured);
  json_builder_set_member_name (builder, "max_params");
  json_builder_add_int_value (builder, (gint64) self->max_params);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_rows; i++)
    {
      const BpScaleRow *r = &self->rows[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sizes");
      json_builder_begin_array (builder);
      for (guint l = 0; l < r->n_sizes; l++)
        json_builder_add_int_value (builder, r->sizes[l]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "params");
      json_builder_add_int_value (builder, (gint64) r->params);
      json_builder_set_member_name (builder, "forward_ns");
      json_builder_add_double_value (builder, r->forward_ns);
      json_builder_set_member_name (builder, "backward_ns");
      json_builder_add_double_value (builder, r->backward_ns);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  folder = g_file_get_parent (file);
  if (folder != NULL && !g_file_make_directory_with_parents (folder, NULL, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  length = strlen (text);
  bytes = g_bytes_new_take (g_steal_pointer (&text), length);
  return bp_file_replace_safely (file, bytes, error);
}
