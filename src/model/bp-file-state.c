/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file-state.c: the optional fields of a network file, read and written.
 *
 * The seed and the step; and what a state file adds, the loss history and the document it
 * belongs to, which network files may carry too.
 */

#define G_LOG_DOMAIN "bp-file"

#include "config.h"

#include "bp-file-private.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

gboolean
bp_file_read_extras (JsonObject    *root,
                     BpFileExtras  *extras,
                     GError       **error)
{
  JsonNode *seed = json_object_get_member (root, "seed");
  JsonNode *step = json_object_get_member (root, "step");
  FieldPath seed_path = { .field = "seed" };
  FieldPath step_path = { .field = "step" };

  *extras = (BpFileExtras) { 0 };
  if (seed != NULL)
    {
      if (!bp_file_node_is (seed, G_TYPE_INT64))
        /* Translators: the first %s names a field of the network file (keep it as it is),
         * the second is what the file holds there: "an array", "the text “abc”", null… */
        return bp_file_fail_type (&seed_path, seed, _("%s must be a whole number, not %s"), error);
      if (json_node_get_int (seed) < 0 || json_node_get_int (seed) > G_MAXUINT32)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                       /* Translators: "seed" is a field of the file and stays as it is */
                       _("seed is %" PRId64 "; it must be from 0 to %u"),
                       json_node_get_int (seed), G_MAXUINT32);
          return FALSE;
        }
      extras->has_seed = TRUE;
      extras->seed = (guint32) json_node_get_int (seed);
    }
  if (step != NULL)
    {
      if (!bp_file_node_is (step, G_TYPE_INT64))
        /* Translators: the first %s names a field of the network file (keep it as it is),
         * the second is what the file holds there: "an array", "the text “abc”", null… */
        return bp_file_fail_type (&step_path, step, _("%s must be a whole number, not %s"), error);
      if (json_node_get_int (step) < 0)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                       /* Translators: "step" is a field of the file and stays as it is */
                       _("step is %" PRId64 "; it must be 0 or more"),
                       json_node_get_int (step));
          return FALSE;
        }
      extras->step = (guint64) json_node_get_int (step);
    }
  return TRUE;
}

/* A dataset mode measure of a history point: a number, or null for none (NaN). */
static gboolean
read_measure (JsonArray  *array,
              guint       index,
              FieldPath  *path,
              double     *value,
              GError    **error)
{
  JsonNode *node = json_array_get_element (array, index);
  FieldPath child = bp_file_field_path_child (path, index);

  *value = NAN;
  return JSON_NODE_HOLDS_NULL (node) || bp_file_read_number (node, &child, value, error);
}

/* The dataset mode part of a history point: [… , test_loss, train_accuracy, test_accuracy,
 * epoch], each measure a number or null. */
static gboolean
read_dataset_measures (JsonArray       *array,
                       FieldPath       *path,
                       BpHistoryPoint  *point,
                       GError         **error)
{
  FieldPath epoch_path = bp_file_field_path_child (path, 6);
  JsonNode *epoch = json_array_get_element (array, 6);
  double train_accuracy, test_accuracy;

  if (!read_measure (array, 3, path, &point->test_loss, error) ||
      !read_measure (array, 4, path, &train_accuracy, error) ||
      !read_measure (array, 5, path, &test_accuracy, error))
    return FALSE;
  if (!bp_file_node_is (epoch, G_TYPE_INT64) || json_node_get_int (epoch) < 0 ||
      json_node_get_int (epoch) > G_MAXUINT32)
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (&epoch_path, epoch, _("%s must be a whole number, not %s"), error);
  point->train_accuracy = train_accuracy;
  point->test_accuracy = test_accuracy;
  point->epoch = (guint32) json_node_get_int (epoch);
  return TRUE;
}

/* One point of "history": [step, loss, after_reset], and in dataset mode test_loss,
 * train_accuracy, test_accuracy (each a number or null) and epoch after them. */
static gboolean
read_history_point (JsonNode        *node,
                    guint            k,
                    BpHistoryPoint  *point,
                    GError         **error)
{
  FieldPath path = { .field = "history", .n_indices = 1, .indices = { k } };
  FieldPath step_path = bp_file_field_path_child (&path, 0);
  FieldPath loss_path = bp_file_field_path_child (&path, 1);
  FieldPath reset_path = bp_file_field_path_child (&path, 2);
  JsonArray *array = bp_file_get_array (node, &path,
                                        /* Translators: the first %s names a field of the
                                         * network file (keep it as it is), the second is what
                                         * the file holds there: "an array", "the text “abc”"… */
                                        _("%s must be an array [step, loss, after reset], not %s"),
                                        error);
  JsonNode *step, *reset;

  if (array == NULL)
    return FALSE;
  if (json_array_get_length (array) != 3 && json_array_get_length (array) != 7)
    {
      g_autofree char *name = bp_file_field_path_to_string (&path);

      guint n = json_array_get_length (array);

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: %s names a field of the file, such as "history[3]" (keep
                    * it as it is); [step, loss, after reset] describes the three values */
                   ngettext ("%s has %u value; a history point is [step, loss, after reset]",
                             "%s has %u values; a history point is [step, loss, after reset]",
                             n),
                   name, n);
      return FALSE;
    }
  step = json_array_get_element (array, 0);
  reset = json_array_get_element (array, 2);
  if (!bp_file_node_is (step, G_TYPE_INT64))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (&step_path, step, _("%s must be a whole number, not %s"), error);
  if (json_node_get_int (step) < 0)
    {
      g_autofree char *name = bp_file_field_path_to_string (&step_path);

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: %s names a field of the file, such as "history[3][0]" (keep it
                    * as it is) */
                   _("%s is %" PRId64 "; a step count is 0 or more"),
                   name, json_node_get_int (step));
      return FALSE;
    }
  if (!bp_file_node_is (reset, G_TYPE_BOOLEAN))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (&reset_path, reset, _("%s must be true or false, not %s"), error);
  point->step = (guint64) json_node_get_int (step);
  point->after_reset = json_node_get_boolean (reset);
  point->test_loss = point->train_accuracy = point->test_accuracy = NAN;
  point->epoch = 0;
  if (json_array_get_length (array) == 7 && !read_dataset_measures (array, &path, point, error))
    return FALSE;
  return bp_file_read_number (json_array_get_element (array, 1), &loss_path, &point->loss, error);
}

/* Within a run (up to the next reset) the steps go up, and none is after the file's step:
 * the history is the record of how the network got where it is. */
static gboolean
check_history_order (const BpHistoryPoint *points,
                     guint                 n,
                     guint64               step,
                     GError              **error)
{
  for (guint k = 1; k < n; k++)
    if (!points[k].after_reset && points[k].step <= points[k - 1].step)
      {
        g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                     /* Translators: "history" is a field of the file and stays as it is; the
                      * numbers are the point's index, its step and the step of the point before it
                      * */
                     _("history[%u] is at step %" PRIu64 ", not after step %"
                       PRIu64 " of the point before it"),
                     k, points[k].step, points[k - 1].step);
        return FALSE;
      }
  if (n > 0 && points[n - 1].step > step)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "history" is a field of the file and stays as it is; the numbers
                    * are the point's index, its step and the network's step count */
                   _("history[%u] is at step %" PRIu64 ", after the network’s step %"
                     PRIu64), n - 1, points[n - 1].step, step);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_history (JsonObject     *root,
              guint64         step,
              BpFileSession  *session,
              GError        **error)
{
  FieldPath path = { .field = "history" };
  JsonNode *node = json_object_get_member (root, "history");
  g_autofree BpHistoryPoint *points = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL)
    return TRUE;
  array = bp_file_get_array (node, &path,
                             /* Translators: the first %s names a field of the
                              * network file (keep it as it is), the second is what
                              * the file holds there: "an array", "the text “abc”"… */
                             _("%s must be an array of [step, loss, after reset], not %s"), error);
  if (array == NULL)
    return FALSE;
  n = json_array_get_length (array);
  if (n > BP_HISTORY_CAPACITY)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "history" is a field of the file and stays as it is; the
                    * second number is the most points it may hold */
                   ngettext ("history has %u point; it keeps at most %d",
                             "history has %u points; it keeps at most %d", n),
                   n, BP_HISTORY_CAPACITY);
      return FALSE;
    }
  points = g_new0 (BpHistoryPoint, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    if (!read_history_point (json_array_get_element (array, k), k, &points[k], error))
      return FALSE;
  if (!check_history_order (points, n, step, error))
    return FALSE;
  session->has_history = TRUE;
  session->n_history = n;
  session->history = g_steal_pointer (&points);
  return TRUE;
}

/* "document": {"path": "/home/…/try.json", "modified": true}; no path means Untitled. */
static gboolean
read_document (JsonObject     *root,
               BpFileSession  *session,
               GError        **error)
{
  FieldPath path = { .field = "document" };
  FieldPath path_path = { .field = "document.path" };
  FieldPath modified_path = { .field = "document.modified" };
  JsonNode *node = json_object_get_member (root, "document");
  JsonNode *file, *modified;
  const char *name = NULL;
  JsonObject *object;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bp_file_fail_type (&path, node,
                              /* Translators: the first %s names a field of the
                               * network file (keep it as it is), the second is what
                               * the file holds there: "an array", "the text “abc”"… */
                              _("%s must be an object with a path and “modified”, not %s"), error);
  object = json_node_get_object (node);
  file = json_object_get_member (object, "path");
  modified = json_object_get_member (object, "modified");
  if (modified == NULL)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("%s is missing"), "document.modified");
      return FALSE;
    }
  if (!bp_file_node_is (modified, G_TYPE_BOOLEAN))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (&modified_path, modified, _("%s must be true or false, not %s"),
                              error);
  if (file != NULL && !bp_file_read_name (file, &path_path, &name, error))
    return FALSE;
  if (name != NULL && !g_path_is_absolute (name))
    {
      g_autofree char *shown = bp_file_shown_text (name, strlen (name));

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "document.path" is a field of the file and stays as it is; %s is
                    * the path found */
                   _("document.path is “%s”; it must be an absolute path"), shown);
      return FALSE;
    }
  session->has_document = TRUE;
  session->document_path = g_strdup (name);
  session->document_modified = json_node_get_boolean (modified);
  return TRUE;
}

gboolean
bp_file_read_session (JsonObject     *root,
                      guint64         step,
                      BpFileSession  *session,
                      GError        **error)
{
  if (read_history (root, step, session, error) && read_document (root, session, error)
      && bp_file_read_dataset (root, session, error))
    return TRUE;
  bp_file_session_clear (session);
  return FALSE;
}

/**
 * bp_file_session_clear:
 * @session: a session read by bp_file_load_bytes_full()
 *
 * Frees what @session holds and empties it.
 */
void
bp_file_session_clear (BpFileSession *session)
{
  g_free (session->history);
  g_free (session->document_path);
  g_clear_pointer (&session->dataset, bp_dataset_free);
  g_free (session->dataset_source);
  g_clear_pointer (&session->timeline, bp_file_timeline_free);
  *session = (BpFileSession) { 0 };
}

void
bp_file_append_string (GString    *out,
                       const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_measure (GString *out,
                double   value)
{
  g_string_append (out, ", ");
  if (isfinite (value))
    bp_file_append_double (out, value);
  else
    g_string_append (out, "null");
}

/* One point per line. Points that a reader would refuse (an infinite loss) are left out. */
static void
append_history (GString             *out,
                const BpFileSession *session)
{
  gboolean first = TRUE;

  g_string_append (out, ",\n  \"history\": [");
  for (guint k = 0; k < session->n_history; k++)
    {
      const BpHistoryPoint *point = &session->history[k];

      if (!isfinite (point->loss) || point->step > G_MAXINT64)
        continue;
      g_string_append_printf (out, "%s\n    [%" G_GUINT64_FORMAT ", ", first ? "" : ",",
                              point->step);
      bp_file_append_double (out, point->loss);
      g_string_append (out, point->after_reset ? ", true" : ", false");
      if (bp_history_point_has_dataset (point))
        {
          append_measure (out, point->test_loss);
          append_measure (out, point->train_accuracy);
          append_measure (out, point->test_accuracy);
          g_string_append_printf (out, ", %u", point->epoch);
        }
      g_string_append_c (out, ']');
      first = FALSE;
    }
  g_string_append (out, first ? "]" : "\n  ]");
}

void
bp_file_append_session (GString             *out,
                        const BpFileSession *session)
{
  if (session->has_history)
    append_history (out, session);
  if (session->has_document)
    {
      g_string_append (out, ",\n  \"document\": {");
      if (session->document_path != NULL)
        {
          g_string_append (out, "\"path\": ");
          bp_file_append_string (out, session->document_path);
          g_string_append (out, ", ");
        }
      g_string_append_printf (out, "\"modified\": %s}",
                              session->document_modified ? "true" : "false");
    }
  if (session->dataset != NULL)
    bp_file_append_dataset (out, session->dataset, session->dataset_source);
  if (session->timeline != NULL)
    bp_file_append_timeline (out, session->timeline);
}
