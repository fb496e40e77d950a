/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-exercises-load.c: exercise files, JSON with {"format": "backprop-exercises",
 * "version": 1, "title", "description", "exercises": [{"id", "title", "intro", "network",
 * "questions": [{"kind", "prompt", "hint", …}]}]} (README.md, "Exercise files"). Unknown keys
 * are ignored. Each exercise's "network" is a whole network file, loaded by the network
 * file's own loader; every question is answered once at load, so a file whose question has no
 * clear answer is refused with the exercise and question it is about. The sets that ship
 * with the app live in this library's resources and are translated; a teacher's file is
 * shown as written. */
#define G_LOG_DOMAIN "bp-exercises"

#include "config.h"

#include "bp-exercises-private.h"

#include "bp-exercises-resources.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#define SHIPPED_PATH "/io/github/backproplab/Backprop/exercises/"
#define MAX_EXERCISES 200
#define MAX_DEPTH 64          /* as for network files: ours need 8 levels */

/* What loading one file needs besides the set. */
typedef struct {
  BpExerciseSet *set;
  guint exercise;         /* the exercise being read, from 1 for messages; 0 before */
  const char *id;         /* its id, once read */
  guint question;         /* the question being read, from 1; 0 for the exercise itself */
} Loader;

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Text of the file, translated when the set ships with the app. */
static char *
text_of (const Loader *loader,
         const char   *text)
{
  if (loader->set->shipped && text[0] != '\0')
    return g_strdup (g_dgettext (GETTEXT_PACKAGE, text));
  return g_strdup (text);
}

/* Sets @error to @message, prefixed with where in the file it is. */
static gboolean
fail (const Loader *loader,
      GError      **error,
      gint          code,
      const char   *message)
{
  if (loader->exercise == 0)
    g_set_error_literal (error, BP_EXERCISE_ERROR, code, message);
  else if (loader->question == 0)
    /* Translators: where an exercise file is wrong: the exercise's number and id, then
     * what is wrong */
    g_set_error (error, BP_EXERCISE_ERROR, code, _("Exercise %u (“%s”): %s"),
                 loader->exercise, loader->id != NULL ? loader->id : "", message);
  else
    /* Translators: where an exercise file is wrong: the exercise's number and id, the
     * question's number, then what is wrong */
    g_set_error (error, BP_EXERCISE_ERROR, code, _("Exercise %u (“%s”), question %u: %s"),
                 loader->exercise, loader->id != NULL ? loader->id : "", loader->question,
                 message);
  return FALSE;
}

/* Sets @error to @message (transfer full), which says what a key must be. */
static gboolean
fail_key (const Loader *loader,
          GError      **error,
          char         *message)
{
  fail (loader, error, BP_EXERCISE_ERROR_INVALID, message);
  g_free (message);
  return FALSE;
}

/* The string member @key of @object: NULL and no error when it is absent and @optional. */
static gboolean
get_string (const Loader  *loader,
            JsonObject    *object,
            const char    *key,
            gboolean       optional,
            const char   **value,
            GError       **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *value = NULL;
  if (node == NULL && optional)
    return TRUE;
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    /* Translators: an exercise file is wrong; %s is a key of the file, kept in English */
    return fail_key (loader, error, g_strdup_printf (_("“%s” must be a string"), key));
  *value = json_node_get_string (node);
  return TRUE;
}

static JsonArray *
get_array (const Loader *loader,
           JsonObject   *object,
           const char   *key,
           guint         min,
           guint         max,
           GError      **error)
{
  JsonNode *node = json_object_get_member (object, key);
  JsonArray *array;

  array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (array != NULL && json_array_get_length (array) >= min
      && json_array_get_length (array) <= max)
    return array;
  /* Translators: an exercise file is wrong; %s is a key of the file, kept in English, then
   * the fewest and the most items its list may have */
  fail_key (loader, error, g_strdup_printf (_("“%s” must be a list of %u to %u items"), key,
                                            min, max));
  return NULL;
}

/* "L:J:I" (a weight) or, when @bias, "L:J" (a bias) into @param. */
static gboolean
parse_param (const char      *text,
             gboolean         bias,
             BpExerciseParam *param)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint n = bias ? 2 : 3;
  guint64 v[3] = { 0, 0, BP_EXERCISE_BIAS };

  if (g_strv_length (parts) != n)
    return FALSE;
  for (guint k = 0; k < n; k++)
    if (!g_ascii_string_to_unsigned (parts[k], 10, 0, BP_MAX_WIDTH, &v[k], NULL))
      return FALSE;
  *param = (BpExerciseParam) { (guint) v[0], (guint) v[1], (guint) v[2] };
  return TRUE;
}

static gboolean
param_in (const BpNet           *net,
          const BpExerciseParam *param)
{
  if (param->layer >= net->n_layers || param->to >= net->sizes[param->layer + 1])
    return FALSE;
  return param->from == BP_EXERCISE_BIAS || param->from < net->sizes[param->layer];
}

static gboolean
read_param (const Loader    *loader,
            const BpNet     *net,
            const char      *key,
            const char      *text,
            gboolean         bias,
            BpExerciseParam *param,
            GError         **error)
{
  g_autofree char *message = NULL;

  if (!parse_param (text, bias, param))
    return fail_key (loader, error, g_strdup_printf (bias
                     /* Translators: an exercise file is wrong; %s is a key of the file, kept
                      * in English; keep L:J as it is */
                     ? _("“%s” must be a bias written L:J")
                     /* Translators: an exercise file is wrong; %s is a key of the file, kept
                      * in English; keep L:J:I as it is */
                     : _("“%s” must be a weight written L:J:I"), key));
  if (param_in (net, param))
    return TRUE;
  /* Translators: a weight or bias an exercise file names (L:J:I or L:J as written), then the
   * last weight layer of the network */
  message = g_strdup_printf (_("“%s” names a parameter this network does not have: L is 0 to "
                               "%u, J a neuron of layer L + 1 and I one of layer L"),
                             text, net->n_layers - 1);
  return fail (loader, error, BP_EXERCISE_ERROR_INVALID, message);
}

static gboolean
read_direction (const Loader       *loader,
                JsonObject         *object,
                const BpNet        *net,
                BpExerciseQuestion *question,
                GError            **error)
{
  const char *weight, *bias;

  if (!get_string (loader, object, "weight", TRUE, &weight, error)
      || !get_string (loader, object, "bias", TRUE, &bias, error))
    return FALSE;
  if ((weight == NULL) == (bias == NULL))
    return fail (loader, error, BP_EXERCISE_ERROR_INVALID,
                 /* Translators: keep "weight" and "bias", the keys of an exercise file */
                 _("a weight-direction question names either a “weight” or a “bias”"));
  question->n_params = 1;
  return read_param (loader, net, weight != NULL ? "weight" : "bias",
                     weight != NULL ? weight : bias, bias != NULL, &question->params[0],
                     error);
}

static gboolean
read_largest (const Loader       *loader,
              JsonObject         *object,
              const BpNet        *net,
              BpExerciseQuestion *question,
              GError            **error)
{
  JsonArray *weights = get_array (loader, object, "weights", 2, BP_EXERCISE_MAX_WEIGHTS,
                                  error);

  if (weights == NULL)
    return FALSE;
  question->n_params = json_array_get_length (weights);
  for (guint k = 0; k < question->n_params; k++)
    {
      JsonNode *node = json_array_get_element (weights, k);
      BpExerciseParam *p = &question->params[k];

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        return fail_key (loader, error, g_strdup_printf (_("“%s” must be a weight written "
                                                           "L:J:I"), "weights"));
      if (!read_param (loader, net, "weights", json_node_get_string (node), FALSE, p, error))
        return FALSE;
      for (guint m = 0; m < k; m++)
        if (p->layer == question->params[m].layer && p->to == question->params[m].to
            && p->from == question->params[m].from)
          return fail (loader, error, BP_EXERCISE_ERROR_INVALID,
                       /* Translators: keep "weights", a key of an exercise file */
                       _("“weights” names the same weight twice"));
    }
  return TRUE;
}

static gboolean
read_learning_rate (const Loader       *loader,
                    JsonObject         *object,
                    BpExerciseQuestion *question,
                    GError            **error)
{
  JsonNode *node = json_object_get_member (object, "learning_rate");
  GType type = node != NULL ? json_node_get_value_type (node) : G_TYPE_INVALID;
  g_autoptr(GError) local_error = NULL;

  if (node == NULL)
    return TRUE;
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return fail_key (loader, error,
                     /* Translators: an exercise file is wrong; keep “learning_rate”, a key of
                      * the file */
                     g_strdup (_("“learning_rate” must be a number")));
  question->has_learning_rate = TRUE;
  question->learning_rate = json_node_get_double (node);
  if (bp_net_check_learning_rate (question->learning_rate, &local_error))
    return TRUE;
  return fail (loader, error, BP_EXERCISE_ERROR_INVALID, local_error->message);
}

static gboolean
read_kind (const Loader       *loader,
           JsonObject         *object,
           const BpNet        *net,
           BpExerciseQuestion *question,
           GError            **error)
{
  const char *kind;
  g_autofree char *message = NULL;

  if (!get_string (loader, object, "kind", FALSE, &kind, error))
    return FALSE;
  if (!bp_exercise_kind_from_string (kind, &question->kind))
    {
      /* Translators: an exercise file asks a kind of question this version does not know;
       * %s is it; keep the four kinds as they are */
      message = g_strdup_printf (_("unknown kind “%s”: it is weight-direction, "
                                   "largest-gradient, smallest-layer or loss-direction"), kind);
      return fail (loader, error, BP_EXERCISE_ERROR_INVALID, message);
    }
  switch (question->kind)
    {
    case BP_EXERCISE_WEIGHT_DIRECTION:
      return read_direction (loader, object, net, question, error);
    case BP_EXERCISE_LARGEST_GRADIENT:
      return read_largest (loader, object, net, question, error);
    case BP_EXERCISE_SMALLEST_LAYER:
      if (net->n_layers >= 2)
        return TRUE;
      return fail (loader, error, BP_EXERCISE_ERROR_INVALID,
                   /* Translators: a smallest-layer question about a network of one layer */
                   _("a smallest-layer question needs a network of two layers of weights or "
                     "more"));
    case BP_EXERCISE_LOSS_DIRECTION:
      return read_learning_rate (loader, object, question, error);
    case BP_N_EXERCISE_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static BpExerciseQuestion *
read_question (const Loader *loader,
               JsonNode     *node,
               BpNetwork    *network,
               GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  BpExerciseQuestion *question = g_new0 (BpExerciseQuestion, 1);
  const BpNet *net = bp_network_get_net (network);
  const char *prompt = NULL, *hint = NULL;
  BpExerciseAnswer answer;

  if (object == NULL)
    /* Translators: an exercise file is wrong: a question is not {…} */
    fail (loader, error, BP_EXERCISE_ERROR_INVALID, _("a question must be an object"));
  else if (read_kind (loader, object, net, question, error)
           && get_string (loader, object, "prompt", TRUE, &prompt, error)
           && get_string (loader, object, "hint", TRUE, &hint, error))
    {
      question->prompt = prompt != NULL && prompt[0] != '\0' ? text_of (loader, prompt) : NULL;
      question->hint = hint != NULL && hint[0] != '\0' ? text_of (loader, hint) : NULL;
      _bp_exercise_question_label (question, net);
      if (bp_exercise_question_answer (question, network, &answer, &local_error))
        return question;
      fail (loader, error, local_error->code, local_error->message);
    }
  _bp_exercise_question_free (question);
  return NULL;
}

/* The exercise's network: its bytes, and the network loaded from them into @network. */
static gboolean
read_network (const Loader *loader,
              JsonObject   *object,
              BpExercise   *exercise,
              BpNetwork    *network,
              GError      **error)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  JsonNode *node = json_object_get_member (object, "network");
  gsize length;
  char *data;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail_key (loader, error,
                     /* Translators: an exercise file is wrong; keep “network”, a key of the
                      * file */
                     g_strdup (_("“network” must be an object: the contents of a network "
                                 "file")));
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);
  exercise->network = g_bytes_new_take (data, length);
  if (bp_network_load_bytes (network, exercise->network, &local_error))
    return TRUE;
  /* Translators: an exercise's network does not load; %s says why */
  message = g_strdup_printf (_("its network: %s"), local_error->message);
  return fail (loader, error, BP_EXERCISE_ERROR_INVALID, message);
}

static gboolean
unique_id (BpExerciseSet *set,
           const char    *id)
{
  for (guint e = 0; e < set->exercises->len; e++)
    if (g_strcmp0 (((BpExercise *) g_ptr_array_index (set->exercises, e))->id, id) == 0)
      return FALSE;
  return TRUE;
}

static BpExercise *
read_exercise (Loader    *loader,
               JsonNode  *node,
               GError   **error)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  BpExercise *exercise = g_new0 (BpExercise, 1);
  const char *id = NULL, *title = NULL, *intro = NULL;
  JsonArray *questions = NULL;

  exercise->questions = g_ptr_array_new_with_free_func (_bp_exercise_question_free);
  if (object == NULL)
    /* Translators: an exercise file is wrong: an exercise is not {…} */
    fail (loader, error, BP_EXERCISE_ERROR_INVALID, _("an exercise must be an object"));
  else if (!get_string (loader, object, "id", FALSE, &id, error))
    ;
  else if ((loader->id = id) != NULL && (id[0] == '\0' || !unique_id (loader->set, id)))
    fail_key (loader, error,
              /* Translators: an exercise file is wrong; keep “id”, a key of the file */
              g_strdup (_("“id” must be a name that no other exercise of the file has")));
  else if (get_string (loader, object, "title", FALSE, &title, error)
           && get_string (loader, object, "intro", TRUE, &intro, error)
           && read_network (loader, object, exercise, network, error)
           && (questions = get_array (loader, object, "questions", 1,
                                      BP_EXERCISE_MAX_QUESTIONS, error)) != NULL)
    {
      exercise->id = g_strdup (id);
      exercise->title = text_of (loader, title);
      exercise->intro = text_of (loader, intro != NULL ? intro : "");
      for (guint q = 0; q < json_array_get_length (questions); q++)
        {
          BpExerciseQuestion *question;

          loader->question = q + 1;
          question = read_question (loader, json_array_get_element (questions, q), network,
                                    error);
          if (question == NULL)
            break;
          g_ptr_array_add (exercise->questions, question);
        }
      if (exercise->questions->len == json_array_get_length (questions))
        return exercise;
    }
  _bp_exercise_free (exercise);
  return NULL;
}

/* The set's own keys: format, version, title, description. */
static gboolean
read_header (Loader      *loader,
             JsonObject  *root,
             GError     **error)
{
  JsonNode *version = json_object_get_member (root, "version");
  JsonNode *format = json_object_get_member (root, "format");
  const char *title, *description;

  if (format == NULL || json_node_get_value_type (format) != G_TYPE_STRING
      || g_strcmp0 (json_node_get_string (format), BP_EXERCISES_FORMAT) != 0)
    /* Translators: keep "format" and backprop-exercises as they are */
    return fail (loader, error, BP_EXERCISE_ERROR_PARSE,
                 _("This is not an exercise file: its “format” is not backprop-exercises"));
  if (version == NULL || json_node_get_value_type (version) != G_TYPE_INT64
      || json_node_get_int (version) < 1)
    return fail_key (loader, error,
                     /* Translators: an exercise file is wrong; keep “version”, a key of the
                      * file */
                     g_strdup (_("“version” must be a whole number from 1")));
  if (json_node_get_int (version) > BP_EXERCISES_VERSION)
    /* Translators: %d is the file's version, %d the newest this version of the app reads */
    return g_set_error (error, BP_EXERCISE_ERROR, BP_EXERCISE_ERROR_VERSION,
                        _("This exercise file has version %d, from a newer Backprop; this "
                          "one reads version %d. Update Backprop to open it."),
                        (int) json_node_get_int (version), BP_EXERCISES_VERSION), FALSE;
  if (!get_string (loader, root, "title", FALSE, &title, error)
      || !get_string (loader, root, "description", TRUE, &description, error))
    return FALSE;
  loader->set->title = text_of (loader, title);
  loader->set->description = text_of (loader, description != NULL ? description : "");
  return TRUE;
}

static gboolean
read_set (Loader    *loader,
          JsonNode  *root,
          GError   **error)
{
  JsonArray *exercises;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (loader, error, BP_EXERCISE_ERROR_PARSE,
                 /* Translators: an exercise file's JSON is not {…} */
                 _("This is not an exercise file: it is not a JSON object"));
  if (!read_header (loader, json_node_get_object (root), error))
    return FALSE;
  exercises = get_array (loader, json_node_get_object (root), "exercises", 1, MAX_EXERCISES,
                         error);
  for (guint e = 0; exercises != NULL && e < json_array_get_length (exercises); e++)
    {
      BpExercise *exercise;

      *loader = (Loader) { loader->set, e + 1, NULL, 0 };
      exercise = read_exercise (loader, json_array_get_element (exercises, e), error);
      if (exercise == NULL)
        return FALSE;
      g_ptr_array_add (loader->set->exercises, exercise);
    }
  return exercises != NULL;
}

static void
set_too_large (GError **error)
{
  g_set_error (error, BP_EXERCISE_ERROR, BP_EXERCISE_ERROR_PARSE,
               /* Translators: %u is the largest size in MiB */
               _("This exercise file is larger than %u MiB"),
               BP_EXERCISES_MAX_SIZE / (1024 * 1024));
}

/* Whether the JSON in @data nests at most MAX_DEPTH levels: json-glib recurses per level, so
 * a file of a million "[" must not reach it. */
static gboolean
nesting_ok (const char *data,
            gsize       size)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize k = 0; k < size; k++)
    {
      char c = data[k];

      if (in_string)
        {
          if (c == '\\')
            k++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '[' || c == '{') && ++depth > MAX_DEPTH)
        return FALSE;
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/**
 * bp_exercise_set_new_from_bytes:
 * @bytes: an exercise file's contents
 * @shipped: %TRUE for a set that ships with the app: its texts are translated
 * @error: return location for a #GError
 *
 * Reads a set of exercises. Every network must load and every question must have a clear
 * answer at its network's state (see bp_exercise_question_answer()); the first that does
 * not is reported with its exercise's number and id and the question's number.
 *
 * Returns: (transfer full): the set, or %NULL with @error set (%BP_EXERCISE_ERROR_PARSE,
 *   _VERSION, _INVALID or _TIE)
 */
BpExerciseSet *
bp_exercise_set_new_from_bytes (GBytes    *bytes,
                                gboolean   shipped,
                                GError   **error)
{
  g_autoptr(BpExerciseSet) set = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  Loader loader = { 0 };
  gsize size;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > BP_EXERCISES_MAX_SIZE)
    {
      set_too_large (error);
      return NULL;
    }
  if (!nesting_ok (data, size))
    {
      g_set_error (error, BP_EXERCISE_ERROR, BP_EXERCISE_ERROR_PARSE,
                   /* Translators: %u is the most levels of [ and { an exercise file may nest */
                   _("This exercise file nests lists and objects deeper than %u levels"),
                   MAX_DEPTH);
      return NULL;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize) size,
                                   &local_error))
    {
      g_set_error (error, BP_EXERCISE_ERROR, BP_EXERCISE_ERROR_PARSE,
                   /* Translators: %s says what is wrong with the JSON */
                   _("This is not an exercise file: it is not JSON (%s)"),
                   local_error->message);
      return NULL;
    }
  set = g_object_new (BP_TYPE_EXERCISE_SET, NULL);
  set->shipped = shipped;
  loader.set = set;
  if (!read_set (&loader, json_parser_get_root (parser), error))
    return NULL;
  return g_steal_pointer (&set);
}

/**
 * bp_exercise_set_new_from_file:
 * @file: an exercise file a teacher wrote
 * @error: return location for a #GError
 *
 * Reads a set of exercises from @file, as bp_exercise_set_new_from_bytes() does; its texts
 * are shown as written.
 *
 * Returns: (transfer full): the set, or %NULL with @error set
 */
BpExerciseSet *
bp_exercise_set_new_from_file (GFile   *file,
                               GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A file too large is refused before it is read into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > (goffset) BP_EXERCISES_MAX_SIZE)
    {
      set_too_large (error);
      return NULL;
    }
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return NULL;
  return bp_exercise_set_new_from_bytes (bytes, FALSE, error);
}

/**
 * bp_exercise_set_list_shipped:
 *
 * The sets that ship with the app, by name, in their order (the names begin with a number).
 *
 * Returns: (transfer full): the names, for bp_exercise_set_new_shipped()
 */
char **
bp_exercise_set_list_shipped (void)
{
  g_auto(GStrv) children = g_resource_enumerate_children (bp_exercises_get_resource (),
                                                          SHIPPED_PATH, 0, NULL);
  GPtrArray *names = g_ptr_array_new ();

  for (guint k = 0; children != NULL && children[k] != NULL; k++)
    if (g_str_has_suffix (children[k], BP_EXERCISES_SUFFIX))
      g_ptr_array_add (names, g_strndup (children[k], strlen (children[k])
                                                      - strlen (BP_EXERCISES_SUFFIX)));
  qsort (names->pdata, names->len, sizeof (char *), compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/**
 * bp_exercise_set_new_shipped:
 * @name: one of bp_exercise_set_list_shipped()
 * @error: return location for a #GError
 *
 * Reads a set that ships with the app, its texts translated.
 *
 * Returns: (transfer full): the set, or %NULL with @error set
 */
BpExerciseSet *
bp_exercise_set_new_shipped (const char  *name,
                             GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  path = g_strconcat (SHIPPED_PATH, name, BP_EXERCISES_SUFFIX, NULL);
  bytes = g_resource_lookup_data (bp_exercises_get_resource (), path, 0, error);
  if (bytes == NULL)
    return NULL;
  return bp_exercise_set_new_from_bytes (bytes, TRUE, error);
}
