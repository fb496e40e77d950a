/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file-timeline.c: the "timeline" of a network file: the origin's state and the branch
 * points to replay from it.
 *
 *   "timeline": {
 *     "origin": {"step": 0, "weights": [[[…]…]…], "biases": [[…]…], "input": […], "target": […]},
 *     "branches": [
 *       {"parent": null, "step": 0, "learning_rate": 0.5, "edits": {}, "steps": 300},
 *       {"parent": 0, "step": 100, "learning_rate": 5.0, "edits": {"w_1_0_2": 0.25}, "steps": 50}
 *     ],
 *     "current": 1, "cursor": 150, "edits": {}
 *   }
 *
 * The origin's input and target are only there in example mode. An edit is named like a
 * column of the timeline's CSV: w_L_J_I, b_L_J, input_I, target_K. The file is checked as
 * strictly as the rest here; whether its branches replay to the network it holds is the
 * model's to find out (bp-network-timeline-file.c).
 */
#define G_LOG_DOMAIN "bp-file"

#include "config.h"

#include "bp-file-private.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define MAX_BRANCH_STEPS (BP_TIMELINE_KEPT_STEPS + BP_TIMELINE_DROP_CHUNK)

void
bp_file_timeline_free (BpFileTimeline *timeline)
{
  if (timeline == NULL)
    return;
  for (guint k = 0; k < timeline->n_branches; k++)
    g_free (timeline->branches[k].edits);
  g_free (timeline->branches);
  g_free (timeline->origin);
  g_free (timeline->edits);
  g_free (timeline);
}

static gboolean
fail_shape (const char  *name,
            guint        n,
            GError     **error)
{
  g_set_error (error, BP_ERROR, BP_ERROR_FILE,
               /* Translators: %s names a field of the network file, such as
                * "timeline.origin.biases[0]" (keep it as it is); %u is a count */
               ngettext ("%s must be an array of %u item", "%s must be an array of %u items", n),
               name, n);
  return FALSE;
}

static JsonArray *
get_array (JsonNode    *node,
           const char  *name,
           guint        n,
           GError     **error)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail_shape (name, n, error), NULL;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != n)
    return fail_shape (name, n, error), NULL;
  return array;
}

static gboolean
read_numbers (JsonNode    *node,
              const char  *name,
              guint        n,
              double      *values,
              GError     **error)
{
  JsonArray *array = get_array (node, name, n, error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      FieldPath path = { .field = name, .n_indices = 1, .indices = { i } };

      if (!bp_file_read_number (json_array_get_element (array, i), &path, &values[i], error))
        return FALSE;
    }
  return TRUE;
}

/* A whole number from 0 to @max. */
static gboolean
read_count (JsonObject  *object,
            const char  *member,
            const char  *name,
            guint64      max,
            guint64     *value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  FieldPath path = { .field = name };

  if (node == NULL)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("%s is missing"), name);
      return FALSE;
    }
  if (!bp_file_node_is (node, G_TYPE_INT64))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (&path, node, _("%s must be a whole number, not %s"), error);
  if (json_node_get_int (node) < 0 || (guint64) json_node_get_int (node) > max)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: %s names a field of the network file (keep it as it is);
                    * the numbers are what it holds and its largest allowed value */
                   _("%s is %" PRId64 "; it must be from 0 to %" PRIu64), name,
                   json_node_get_int (node), max);
      return FALSE;
    }
  *value = (guint64) json_node_get_int (node);
  return TRUE;
}

/* The weights or biases of the origin into @values, layer by layer. */
static gboolean
read_layers (JsonObject     *origin,
             const FileNet  *net,
             gboolean        weights,
             double        **values,
             GError        **error)
{
  const char *member = weights ? "weights" : "biases";
  g_autofree char *name = g_strconcat ("timeline.origin.", member, NULL);
  guint L = net->n_sizes - 1;
  JsonArray *layers = get_array (json_object_get_member (origin, member), name, L, error);

  if (layers == NULL)
    return FALSE;
  for (guint l = 0; l < L; l++)
    {
      g_autofree char *layer_name = g_strdup_printf ("%s[%u]", name, l);
      JsonNode *layer = json_array_get_element (layers, l);
      JsonArray *rows;

      if (!weights)
        {
          if (!read_numbers (layer, layer_name, net->sizes[l + 1], *values, error))
            return FALSE;
          *values += net->sizes[l + 1];
          continue;
        }
      rows = get_array (layer, layer_name, net->sizes[l + 1], error);
      if (rows == NULL)
        return FALSE;
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          g_autofree char *row_name = g_strdup_printf ("%s[%u]", layer_name, j);

          if (!read_numbers (json_array_get_element (rows, j), row_name, net->sizes[l],
                             *values, error))
            return FALSE;
          *values += net->sizes[l];
        }
    }
  return TRUE;
}

static gboolean
read_origin (JsonObject      *timeline,
             const FileNet   *net,
             BpFileTimeline  *out,
             GError         **error)
{
  JsonNode *node = json_object_get_member (timeline, "origin");
  FieldPath path = { .field = "timeline.origin" };
  guint L = net->n_sizes - 1;
  JsonObject *origin;
  double *values;

  if (node == NULL)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("%s is missing"), "timeline.origin");
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bp_file_fail_type (&path, node,
                              /* Translators: the first %s names a field of the network
                               * file (keep it as it is), the second is what the file holds
                               * there: "an array", "the text “abc”", null… */
                              _("%s must be an object with a step, weights and biases, not %s"),
                              error);
  origin = json_node_get_object (node);
  if (!read_count (origin, "step", "timeline.origin.step", G_MAXINT64, &out->origin_step,
                   error))
    return FALSE;
  out->has_sample = json_object_has_member (origin, "input");
  for (guint l = 0; l < L; l++)
    out->n_values += net->sizes[l] * net->sizes[l + 1] + net->sizes[l + 1];
  if (out->has_sample)
    out->n_values += net->sizes[0] + net->sizes[L];
  values = out->origin = g_new0 (double, out->n_values);
  return read_layers (origin, net, TRUE, &values, error)
         && read_layers (origin, net, FALSE, &values, error)
         && (!out->has_sample
             || (read_numbers (json_object_get_member (origin, "input"),
                               "timeline.origin.input", net->sizes[0], values, error)
                 && read_numbers (json_object_get_member (origin, "target"),
                                  "timeline.origin.target", net->sizes[L],
                                  values + net->sizes[0], error)));
}

/* Reads an edit's name, such as w_1_0_2, into @edit; %FALSE for a name that is none. */
static gboolean
parse_edit_name (const char     *text,
                 const FileNet  *net,
                 gboolean        has_sample,
                 BpTimelineEdit *edit)
{
  guint L = net->n_sizes - 1, a, b, c;
  int end = -1;

  memset (edit, 0, sizeof *edit);
  if (sscanf (text, "w_%u_%u_%u%n", &a, &b, &c, &end) == 3 && text[end] == '\0')
    {
      *edit = (BpTimelineEdit) { BP_TIMELINE_EDIT_WEIGHT, a, b, c, 0.0 };
      return a < L && b < net->sizes[a + 1] && c < net->sizes[a];
    }
  end = -1;
  if (sscanf (text, "b_%u_%u%n", &a, &b, &end) == 2 && text[end] == '\0')
    {
      *edit = (BpTimelineEdit) { BP_TIMELINE_EDIT_BIAS, a, b, 0, 0.0 };
      return a < L && b < net->sizes[a + 1];
    }
  end = -1;
  if (has_sample && sscanf (text, "input_%u%n", &a, &end) == 1 && text[end] == '\0')
    {
      *edit = (BpTimelineEdit) { BP_TIMELINE_EDIT_INPUT, 0, a, 0, 0.0 };
      return a < net->sizes[0];
    }
  end = -1;
  if (has_sample && sscanf (text, "target_%u%n", &a, &end) == 1 && text[end] == '\0')
    {
      *edit = (BpTimelineEdit) { BP_TIMELINE_EDIT_TARGET, 0, a, 0, 0.0 };
      return a < net->sizes[L];
    }
  return FALSE;
}

static gboolean
read_edits (JsonNode         *node,
            const char       *name,
            const FileNet    *net,
            gboolean          has_sample,
            BpTimelineEdit  **edits,
            guint            *n_edits,
            GError          **error)
{
  g_autoptr(GList) members = NULL;
  FieldPath path = { .field = name };
  JsonObject *object;
  guint k = 0;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: the first %s names a field of the network file (keep it as it is), the
     * second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (&path, node, _("%s must be an object of values by name, such as "
                                             "{\"w_1_0_2\": 0.25}, not %s"), error);
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  *n_edits = g_list_length (members);
  *edits = g_new0 (BpTimelineEdit, MAX (*n_edits, 1));
  for (GList *m = members; m != NULL; m = m->next, k++)
    {
      g_autofree char *member = g_strdup_printf ("%s.%s", name, (const char *) m->data);
      FieldPath value_path = { .field = member };

      if (!parse_edit_name (m->data, net, has_sample, &(*edits)[k]))
        {
          g_autofree char *shown = bp_file_shown_text (m->data, strlen (m->data));

          g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                       /* Translators: the first %s names a field of the network file, the
                        * second the name found there; keep w_L_J_I, b_L_J, input_I and
                        * target_K as they are */
                       _("%s: “%s” is not a parameter of the network (w_L_J_I, b_L_J, "
                         "input_I or target_K)"), name, shown);
          return FALSE;
        }
      if (!bp_file_read_number (json_object_get_member (object, m->data), &value_path,
                                &(*edits)[k].value, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
fail_branch_range (const char  *name,
                   GError     **error)
{
  g_set_error (error, BP_ERROR, BP_ERROR_FILE,
               /* Translators: %s names a field of the network file (keep it as it is) */
               _("%s does not fit the branches of the timeline"), name);
  return FALSE;
}

static gboolean
read_branch (JsonNode        *node,
             guint            k,
             const FileNet   *net,
             BpFileTimeline  *out,
             GError         **error)
{
  g_autofree char *name = g_strdup_printf ("timeline.branches[%u]", k);
  g_autofree char *parent_name = g_strconcat (name, ".parent", NULL);
  g_autofree char *step_name = g_strconcat (name, ".step", NULL);
  g_autofree char *steps_name = g_strconcat (name, ".steps", NULL);
  g_autofree char *rate_name = g_strconcat (name, ".learning_rate", NULL);
  g_autofree char *edits_name = g_strconcat (name, ".edits", NULL);
  BpFileBranch *branch = &out->branches[k];
  FieldPath path = { .field = name }, rate_path = { .field = rate_name };
  JsonObject *object;
  JsonNode *parent, *rate;
  guint64 value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: the first %s names a field of the network file (keep it as it is), the
     * second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (&path, node, _("%s must be an object with a parent, a step, a "
                                             "learning rate, edits and steps, not %s"), error);
  object = json_node_get_object (node);
  parent = json_object_get_member (object, "parent");
  branch->parent = BP_TIMELINE_NO_BRANCH;
  if (parent == NULL || (k == 0) != JSON_NODE_HOLDS_NULL (parent))
    return fail_branch_range (parent_name, error);
  if (k > 0)
    {
      if (!read_count (object, "parent", parent_name, k - 1, &value, error))
        return FALSE;
      branch->parent = (guint) value;
    }
  rate = json_object_get_member (object, "learning_rate");
  if (rate == NULL)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("%s is missing"), rate_name);
      return FALSE;
    }
  if (!bp_file_read_number (rate, &rate_path, &branch->learning_rate, error)
      || !bp_net_check_learning_rate (branch->learning_rate, error)
      || !read_count (object, "step", step_name, G_MAXINT64, &branch->step, error)
      || !read_count (object, "steps", steps_name, MAX_BRANCH_STEPS, &branch->n_steps, error)
      || !read_edits (json_object_get_member (object, "edits"), edits_name, net,
                      out->has_sample, &branch->edits, &branch->n_edits, error))
    return FALSE;
  /* A branch starts on its parent's steps (the first one at the origin). */
  if (k == 0 ? branch->step != out->origin_step
             : (branch->step < out->origin_step
                || branch->step > out->branches[branch->parent].step
                                  + out->branches[branch->parent].n_steps))
    return fail_branch_range (step_name, error);
  return TRUE;
}

static gboolean
read_branches (JsonObject      *timeline,
               const FileNet   *net,
               BpFileTimeline  *out,
               GError         **error)
{
  JsonNode *node = json_object_get_member (timeline, "branches");
  JsonArray *array;
  guint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (json_node_get_array (node)) == 0
      || json_array_get_length (json_node_get_array (node)) > BP_TIMELINE_MAX_BRANCHES)
    return fail_branch_range ("timeline.branches", error);
  array = json_node_get_array (node);
  out->n_branches = json_array_get_length (array);
  out->branches = g_new0 (BpFileBranch, out->n_branches);
  for (guint k = 0; k < out->n_branches; k++)
    if (!read_branch (json_array_get_element (array, k), k, net, out, error))
      return FALSE;
  if (!read_count (timeline, "current", "timeline.current", out->n_branches - 1, &value,
                   error)
      || !read_count (timeline, "cursor", "timeline.cursor", G_MAXINT64, &out->cursor, error))
    return FALSE;
  out->current = (guint) value;
  return read_edits (json_object_get_member (timeline, "edits"), "timeline.edits", net,
                     out->has_sample, &out->edits, &out->n_edits, error);
}

/**
 * bp_file_read_timeline:
 * @root: the file's object
 * @net: the network it holds
 * @session: where to put the timeline
 * @error: return location for an error
 *
 * Reads the optional "timeline".
 *
 * Returns: %TRUE when there is none or it was read
 */
gboolean
bp_file_read_timeline (JsonObject     *root,
                       const FileNet  *net,
                       BpFileSession  *session,
                       GError        **error)
{
  g_autoptr(BpFileTimeline) timeline = NULL;
  JsonNode *node = json_object_get_member (root, "timeline");
  FieldPath path = { .field = "timeline" };

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: the first %s names a field of the network file (keep it as it is), the
     * second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (&path, node, _("%s must be an object with an origin and "
                                             "branches, not %s"), error);
  timeline = g_new0 (BpFileTimeline, 1);
  timeline->n_layers = net->n_sizes - 1;
  memcpy (timeline->sizes, net->sizes, net->n_sizes * sizeof (guint));
  if (!read_origin (json_node_get_object (node), net, timeline, error)
      || !read_branches (json_node_get_object (node), net, timeline, error))
    return FALSE;
  session->timeline = g_steal_pointer (&timeline);
  return TRUE;
}

static void
append_numbers (GString      *out,
                const double *values,
                guint         n)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      bp_file_append_double (out, values[i]);
    }
  g_string_append_c (out, ']');
}

static void
append_edits (GString              *out,
              const BpTimelineEdit *edits,
              guint                 n_edits)
{
  g_string_append_c (out, '{');
  for (guint k = 0; k < n_edits; k++)
    {
      const BpTimelineEdit *e = &edits[k];

      if (k > 0)
        g_string_append (out, ", ");
      if (e->kind == BP_TIMELINE_EDIT_WEIGHT)
        g_string_append_printf (out, "\"w_%u_%u_%u\": ", e->layer, e->to, e->from);
      else if (e->kind == BP_TIMELINE_EDIT_BIAS)
        g_string_append_printf (out, "\"b_%u_%u\": ", e->layer, e->to);
      else
        g_string_append_printf (out, "\"%s_%u\": ",
                                e->kind == BP_TIMELINE_EDIT_INPUT ? "input" : "target", e->to);
      bp_file_append_double (out, e->value);
    }
  g_string_append_c (out, '}');
}

/* The origin's layers; @sizes are the network's. */
static void
append_origin (GString              *out,
               const BpFileTimeline *timeline,
               const guint          *sizes,
               guint                 L)
{
  const double *values = timeline->origin;

  g_string_append_printf (out, ",\n  \"timeline\": {\n    \"origin\": {\"step\": %"
                          G_GUINT64_FORMAT ", \"weights\": [", timeline->origin_step);
  for (guint l = 0; l < L; l++)
    {
      g_string_append (out, l > 0 ? ", [" : "[");
      for (guint j = 0; j < sizes[l + 1]; j++, values += sizes[l])
        {
          if (j > 0)
            g_string_append (out, ", ");
          append_numbers (out, values, sizes[l]);
        }
      g_string_append_c (out, ']');
    }
  g_string_append (out, "], \"biases\": [");
  for (guint l = 0; l < L; l++, values += sizes[l])
    {
      if (l > 0)
        g_string_append (out, ", ");
      append_numbers (out, values, sizes[l + 1]);
    }
  g_string_append_c (out, ']');
  if (timeline->has_sample)
    {
      g_string_append (out, ", \"input\": ");
      append_numbers (out, values, sizes[0]);
      g_string_append (out, ", \"target\": ");
      append_numbers (out, values + sizes[0], sizes[L]);
    }
  g_string_append (out, "},\n");
}

/**
 * bp_file_append_timeline:
 * @out: the file being written
 * @timeline: its timeline
 *
 * Writes the "timeline" key.
 */
void
bp_file_append_timeline (GString              *out,
                         const BpFileTimeline *timeline)
{
  append_origin (out, timeline, timeline->sizes, timeline->n_layers);
  g_string_append (out, "    \"branches\": [");
  for (guint k = 0; k < timeline->n_branches; k++)
    {
      const BpFileBranch *b = &timeline->branches[k];

      g_string_append (out, k > 0 ? ",\n      {\"parent\": " : "\n      {\"parent\": ");
      if (b->parent == BP_TIMELINE_NO_BRANCH)
        g_string_append (out, "null");
      else
        g_string_append_printf (out, "%u", b->parent);
      g_string_append_printf (out, ", \"step\": %" G_GUINT64_FORMAT ", \"learning_rate\": ",
                              b->step);
      bp_file_append_double (out, b->learning_rate);
      g_string_append (out, ", \"edits\": ");
      append_edits (out, b->edits, b->n_edits);
      g_string_append_printf (out, ", \"steps\": %" G_GUINT64_FORMAT "}", b->n_steps);
    }
  g_string_append_printf (out, "\n    ],\n    \"current\": %u,\n    \"cursor\": %"
                          G_GUINT64_FORMAT ",\n    \"edits\": ", timeline->current,
                          timeline->cursor);
  append_edits (out, timeline->edits, timeline->n_edits);
  g_string_append (out, "\n  }");
}
