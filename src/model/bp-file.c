/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file.c: reading and writing network files.
 *
 * A network file is untrusted input: it is checked in three stages, each before the next one
 * can be hurt by it.
 *  1. The bytes: size, UTF-8, and a strict JSON checker of our own that refuses what
 *     json-glib would mishandle: nesting deep enough to overflow its recursive parser,
 *     integers that it would wrap around, duplicate keys that it would merge silently,
 *     and the extensions it accepts beyond JSON (comments, single quotes, hexadecimal
 *     numbers). It also tells truncation and syntax errors apart, with clearer messages.
 *  2. json-glib builds the tree; the fields and the lengths of all arrays are checked against
 *     the limits of the engine before the network is allocated.
 *  3. The numbers are copied in, each checked to be a finite number.
 *
 * Layers are numbered as in "sizes": layer 0 is the input, layer L the output, and
 * weights[l] and biases[l] belong to the connection from layer l to layer l + 1, so
 * weights[l][j][i] is the weight from neuron i of layer l to neuron j of layer l + 1.
 */

#define G_LOG_DOMAIN "bp-file"

#include "config.h"

#include "bp-file.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64           /* our files need 3 levels; json-glib recurses per level */
#define MAX_SHOWN_CHARS 40     /* of a name quoted back from a file in a message */
#define READ_CHUNK (64 * 1024)
/* json-glib spends about 100 bytes on every value it reads, so the number of values is capped
 * too: the largest network and its sample, with room to spare. */
#define MAX_VALUES (BP_MAX_PARAMS + (1u << 20))

/* The top-level keys this version reads. Integers elsewhere are never read, so only these
 * are checked for integers beyond 64 bits. */
static const char * const known_keys[] = {
  "format", "version", "sizes", "activations", "loss", "learning_rate",
  "weights", "biases", "input", "target", "seed", "step", "history", "document",
};

/* ------------------------------------------------------------------------------------------ */
/* Stage 1: the bytes.                                                                          */

typedef struct {
  gboolean is_object;
  guint64 index;         /* the current element of this array */
  char *key;             /* the current member of this object, decoded */
  GHashTable *keys;      /* the names seen in this object */
} ScanFrame;

/* What the JSON grammar allows next. */
typedef enum {
  EXPECT_VALUE,
  EXPECT_KEY,
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,
  EXPECT_END,
} Expect;

typedef struct {
  const char *data;
  gsize size;
  gsize pos;
  Expect expect;
  gboolean may_close;    /* right after "[" or "{" */
  guint line;
  gsize line_start;
  guint depth;
  guint n_values;
  ScanFrame frames[MAX_DEPTH];
} Scanner;

static void
scanner_pop (Scanner *s)
{
  ScanFrame *frame;

  g_assert (s->depth > 0);
  frame = &s->frames[--s->depth];
  g_clear_pointer (&frame->key, g_free);
  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

static void
scanner_clear (Scanner *s)
{
  while (s->depth > 0)
    scanner_pop (s);
}

/* Appends " (line N, column M)" for the scanner's position to a message. */
static gboolean
scan_fail (Scanner    *s,
           GError    **error,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

static gboolean
scan_fail (Scanner    *s,
           GError    **error,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  glong column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* The bytes up to the position were validated as UTF-8, so columns count characters. */
  column = g_utf8_strlen (s->data + s->line_start, s->pos - s->line_start) + 1;
  /* Translators: an error message about a network file, then where in the file it is; %s is the
   * message, the numbers count lines and characters from 1 */
  g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("%s (line %u, column %ld)"),
               message, s->line, column);
  return FALSE;
}

static gboolean
scan_truncated (Scanner  *s,
                GError  **error)
{
  return scan_fail (s, error, _("the file ends in the middle of its data; it may be truncated"));
}

/* Formats a double with 17 significant digits, which read back bit-identical. A number
 * without a point or an exponent would read back as an integer, and "-0" as +0, so
 * whole numbers get a ".0". */
static const char *
format_double (char   buffer[G_ASCII_DTOSTR_BUF_SIZE],
               double value)
{
  gsize length;

  g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%.17g", value);
  length = strlen (buffer);
  if (strspn (buffer, "-0123456789") == length)
    memcpy (buffer + length, ".0", 3);
  return buffer;
}

/* A short, printable rendering of untrusted text for an error message. */
static char *
shown_text (const char *text,
            gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);
  GString *out = g_string_new (NULL);
  const char *p;
  guint n = 0;

  for (p = valid; *p != '\0' && n < MAX_SHOWN_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_printf (out, "U+%04X", c);
      else
        g_string_append_unichar (out, c);
    }
  if (*p != '\0')
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static char *
scanner_path (Scanner *s)
{
  GString *path = g_string_new (NULL);
  guint i;

  for (i = 0; i < s->depth; i++)
    {
      const ScanFrame *frame = &s->frames[i];

      if (!frame->is_object)
        g_string_append_printf (path, "[%" G_GUINT64_FORMAT "]", frame->index);
      else if (frame->key != NULL)
        g_string_append_printf (path, i == 0 ? "%s" : ".%s", frame->key);
    }
  return g_string_free (path, FALSE);
}

static gboolean
scanner_in_known_field (Scanner *s)
{
  if (s->depth == 0 || !s->frames[0].is_object || s->frames[0].key == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (known_keys); i++)
    if (strcmp (s->frames[0].key, known_keys[i]) == 0)
      return TRUE;
  return FALSE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits of a \u escape; pos is at the 'u'. */
static gboolean
scan_hex4 (Scanner   *s,
           gunichar  *code,
           GError   **error)
{
  *code = 0;
  for (guint k = 1; k <= 4; k++)
    {
      int digit;

      if (s->pos + k >= s->size)
        return scan_truncated (s, error);
      digit = hex_value (s->data[s->pos + k]);
      if (digit < 0)
        return scan_fail (s, error, _("a string holds a malformed \\u escape"));
      *code = *code * 16 + (gunichar) digit;
    }
  s->pos += 5;
  return TRUE;
}

/* A \u escape, surrogate pairs included; pos is at the 'u'. */
static gboolean
scan_unicode_escape (Scanner  *s,
                     GString  *out,
                     GError  **error)
{
  gunichar code, low;

  if (!scan_hex4 (s, &code, error))
    return FALSE;
  if (code == 0)
    return scan_fail (s, error, _("a string holds \\u0000, which is not allowed"));
  if (code >= 0xDC00 && code <= 0xDFFF)
    return scan_fail (s, error, _("a string holds an unpaired \\u surrogate"));
  if (code >= 0xD800 && code <= 0xDBFF)
    {
      if (s->pos + 1 >= s->size)
        return scan_truncated (s, error);
      if (s->data[s->pos] != '\\' || s->data[s->pos + 1] != 'u')
        return scan_fail (s, error, _("a string holds an unpaired \\u surrogate"));
      s->pos++;
      if (!scan_hex4 (s, &low, error))
        return FALSE;
      if (low < 0xDC00 || low > 0xDFFF)
        return scan_fail (s, error, _("a string holds an unpaired \\u surrogate"));
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
  if (out != NULL)
    g_string_append_unichar (out, code);
  return TRUE;
}

static gboolean
scan_escape (Scanner  *s,
             GString  *out,
             GError  **error)
{
  static const char from[] = "\"\\/bfnrt";
  static const char to[] = "\"\\/\b\f\n\r\t";
  const char *hit;

  s->pos++;
  if (s->pos >= s->size)
    return scan_truncated (s, error);
  if (s->data[s->pos] == 'u')
    return scan_unicode_escape (s, out, error);

  hit = s->data[s->pos] != '\0' ? strchr (from, s->data[s->pos]) : NULL;
  if (hit == NULL)
    /* Translators: JSON escapes such as \\n start with a backslash; %c is the character after it
     * */
    return scan_fail (s, error, _("a string holds an unknown escape “\\%c”"),
                      g_ascii_isprint (s->data[s->pos]) ? s->data[s->pos] : '?');
  if (out != NULL)
    g_string_append_c (out, to[hit - from]);
  s->pos++;
  return TRUE;
}

/* A string; pos is at its opening quote. Decodes it into out unless out is NULL. */
static gboolean
scan_string (Scanner  *s,
             GString  *out,
             GError  **error)
{
  s->pos++;
  while (s->pos < s->size)
    {
      guchar c = s->data[s->pos];

      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return scan_fail (s, error, _("a string holds a raw control character; "
                                      "write it as an escape such as \\n"));
      if (c == '\\')
        {
          if (!scan_escape (s, out, error))
            return FALSE;
          continue;
        }
      if (out != NULL)
        g_string_append_c (out, (char) c);
      s->pos++;
    }
  return scan_truncated (s, error);
}

static gboolean
scan_key (Scanner  *s,
          GError  **error)
{
  ScanFrame *frame = &s->frames[s->depth - 1];
  g_autoptr(GString) key = g_string_new (NULL);

  if (!scan_string (s, key, error))
    return FALSE;
  if (frame->keys == NULL)
    frame->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_hash_table_contains (frame->keys, key->str))
    {
      g_autofree char *shown = shown_text (key->str, key->len);
      g_autofree char *where = NULL;

      /* The key of the enclosing object is still the one that holds this object. */
      s->depth--;
      where = scanner_path (s);
      s->depth++;
      if (*where == '\0')
        /* Translators: %s is a key of a JSON object in the network file, such as "sizes" */
        return scan_fail (s, error, _("the key “%s” appears twice"), shown);
      /* Translators: the first %s is a key of a JSON object, the second names the field that holds
       * the object, such as "document" */
      return scan_fail (s, error, _("the key “%s” appears twice in %s"), shown, where);
    }
  g_free (frame->key);
  frame->key = g_strdup (key->str);
  g_hash_table_add (frame->keys, g_strdup (key->str));
  return TRUE;
}

static gboolean
is_digit (Scanner *s,
          gsize    pos)
{
  return pos < s->size && g_ascii_isdigit (s->data[pos]);
}

static gsize
skip_digits (Scanner *s,
             gsize    pos)
{
  while (is_digit (s, pos))
    pos++;
  return pos;
}

/* Whether an integer's text, sign included, lies outside the range of gint64. */
static gboolean
integer_overflows (const char *text,
                   gsize       length)
{
  gboolean negative = text[0] == '-';
  const char *digits = negative ? text + 1 : text;
  gsize n = negative ? length - 1 : length;
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

  if (n != 19)
    return n > 19;
  return strncmp (digits, limit, 19) > 0;
}

/* Parses the JSON number grammar strictly; returns the end, or 0 if malformed. */
static gsize
number_end (Scanner  *s,
            gboolean *is_integer)
{
  gsize p = s->pos;

  *is_integer = TRUE;
  if (p < s->size && s->data[p] == '-')
    p++;
  if (!is_digit (s, p))
    return 0;
  if (s->data[p] == '0' && is_digit (s, p + 1))
    return 0;
  p = skip_digits (s, p);
  if (p < s->size && s->data[p] == '.')
    {
      *is_integer = FALSE;
      if (!is_digit (s, p + 1))
        return 0;
      p = skip_digits (s, p + 1);
    }
  if (p < s->size && (s->data[p] == 'e' || s->data[p] == 'E'))
    {
      *is_integer = FALSE;
      p++;
      if (p < s->size && (s->data[p] == '+' || s->data[p] == '-'))
        p++;
      if (!is_digit (s, p))
        return 0;
      p = skip_digits (s, p);
    }
  if (p < s->size && (g_ascii_isalnum (s->data[p]) || s->data[p] == '.'))
    return 0;
  return p;
}

static gboolean
scan_number (Scanner  *s,
             GError  **error)
{
  gboolean is_integer;
  gsize end = number_end (s, &is_integer);

  if (end == 0)
    {
      gsize p = s->pos;
      g_autofree char *shown = NULL;

      while (p < s->size && (g_ascii_isalnum (s->data[p]) || strchr ("+-.", s->data[p])))
        p++;
      if (p >= s->size)
        return scan_truncated (s, error);
      shown = shown_text (s->data + s->pos, p - s->pos);
      /* Translators: %s is the text found in the file */
      return scan_fail (s, error, _("“%s” is not a valid JSON number"), shown);
    }

  if (is_integer && scanner_in_known_field (s)
      && integer_overflows (s->data + s->pos, end - s->pos))
    {
      g_autofree char *path = scanner_path (s);
      g_autofree char *shown = shown_text (s->data + s->pos, end - s->pos);

      /* Translators: the first %s names a field of the network file (keep it as it is), the second
       * is the number found there */
      return scan_fail (s, error, _("%s is %s, a whole number too large to read "
                                    "(beyond 64 bits)"), path, shown);
    }
  s->pos = end;
  return TRUE;
}

static gboolean
scan_word (Scanner  *s,
           GError  **error)
{
  static const char * const words[] = { "true", "false", "null" };
  gsize p = s->pos;
  gsize length;
  g_autofree char *shown = NULL;

  while (p < s->size && (g_ascii_isalnum (s->data[p]) || s->data[p] == '_'))
    p++;
  length = p - s->pos;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (length == strlen (words[i]) && memcmp (s->data + s->pos, words[i], length) == 0)
        {
          s->pos = p;
          return TRUE;
        }
      if (p == s->size && length < strlen (words[i])
          && memcmp (s->data + s->pos, words[i], length) == 0)
        return scan_truncated (s, error);
    }
  shown = shown_text (s->data + s->pos, length);
  /* Translators: %s is the word found in the file; true, false and null are JSON words and stay as
   * they are */
  return scan_fail (s, error, _("unexpected word “%s”; JSON knows only true, false and null"),
                    shown);
}

static gboolean
scan_unexpected (Scanner  *s,
                 GError  **error)
{
  gunichar c = g_utf8_get_char (s->data + s->pos);
  char text[8] = { 0 };

  if (c == '/')
    return scan_fail (s, error, _("unexpected “/”: JSON has no comments"));
  if (c == '\'')
    return scan_fail (s, error, _("unexpected “'”: JSON strings take double quotes"));
  if (g_unichar_iscntrl (c) || c == 0xFEFF)
    /* Translators: %04X is the code of an invisible character, as in U+00A0 */
    return scan_fail (s, error, _("unexpected character U+%04X"), c);
  g_unichar_to_utf8 (c, text);
  return scan_fail (s, error, _("unexpected character “%s”"), text);
}

static gboolean
count_value (Scanner  *s,
             GError  **error)
{
  if (++s->n_values <= MAX_VALUES)
    return TRUE;
  /* Translators: both numbers are the same limit */
  return scan_fail (s, error, _("the file holds more than %u values; a network file holds "
                                "at most %u"), MAX_VALUES, MAX_VALUES);
}

static gboolean
scan_open (Scanner  *s,
           gboolean  is_object,
           GError  **error)
{
  ScanFrame *frame;

  if (s->depth == MAX_DEPTH)
    return scan_fail (s, error, _("the file nests arrays or objects more than %d levels deep"),
                      MAX_DEPTH);
  if (!count_value (s, error))
    return FALSE;
  frame = &s->frames[s->depth++];
  memset (frame, 0, sizeof *frame);
  frame->is_object = is_object;
  s->expect = is_object ? EXPECT_KEY : EXPECT_VALUE;
  s->may_close = TRUE;
  s->pos++;
  return TRUE;
}

static gboolean
in_object (Scanner *s)
{
  return s->depth > 0 && s->frames[s->depth - 1].is_object;
}

/* After a whole value: a comma or the end of the container, or the end of the file. */
static void
value_done (Scanner *s)
{
  s->expect = s->depth == 0 ? EXPECT_END : EXPECT_COMMA_OR_CLOSE;
  s->may_close = FALSE;
}

static gboolean
token_allowed (Scanner *s,
               char     c)
{
  switch (s->expect)
    {
    case EXPECT_VALUE:
      return strchr ("}],:", c) == NULL || (c == ']' && s->may_close);
    case EXPECT_KEY:
      return c == '"' || (c == '}' && s->may_close);
    case EXPECT_COLON:
      return c == ':';
    case EXPECT_COMMA_OR_CLOSE:
      return c == ',' || c == (in_object (s) ? '}' : ']');
    case EXPECT_END:
    default:
      return FALSE;
    }
}

static const char *
describe_expected (Scanner *s)
{
  switch (s->expect)
    {
    case EXPECT_VALUE:
      /* Translators: what the JSON reader expected to find, filling the first %s of "the file is
       * not valid JSON: expected %s, found %s"; keep the quoted punctuation as it is */
      return s->may_close ? _("a value or “]”") : _("a value");
    case EXPECT_KEY:
      return s->may_close ? _("a name in quotes or “}”") : _("a name in quotes");
    case EXPECT_COLON:
      return _("“:”");
    case EXPECT_COMMA_OR_CLOSE:
      return in_object (s) ? _("“,” or “}”") : _("“,” or “]”");
    case EXPECT_END:
    default:
      return _("the end of the file");
    }
}

/* json-glib's own messages for these are often wrong ("expected `}'" on finding one). */
static gboolean
scan_misplaced (Scanner  *s,
                GError  **error)
{
  char c = s->data[s->pos];
  g_autofree char *found = NULL;

  if (c == '"')
    /* Translators: what the JSON reader found instead, filling the second %s of "the file is not
     * valid JSON: expected %s, found %s" */
    found = g_strdup (_("text in quotes"));
  else if (c == '-' || g_ascii_isdigit (c))
    found = g_strdup (_("a number"));
  else if (g_ascii_isalpha (c))
    found = g_strdup (_("a word"));
  else
    found = g_strdup_printf ("“%c”", c);
  /* Translators: the first %s is what the JSON reader expected, such as "a value" or "“:”"; the
   * second what it found, such as "a number", "text in quotes" or "“}”" */
  return scan_fail (s, error, _("the file is not valid JSON: expected %s, found %s"),
                    describe_expected (s), found);
}

static void
scan_comma (Scanner *s)
{
  if (in_object (s))
    s->expect = EXPECT_KEY;
  else
    {
      s->frames[s->depth - 1].index++;
      s->expect = EXPECT_VALUE;
    }
  s->may_close = FALSE;
  s->pos++;
}

static gboolean
scan_value (Scanner  *s,
            GError  **error)
{
  char c = s->data[s->pos];
  gboolean ok;

  if (c == '"' && s->expect == EXPECT_KEY)
    {
      ok = scan_key (s, error);
      s->expect = EXPECT_COLON;
      return ok;
    }
  if (!count_value (s, error))
    return FALSE;
  if (c == '"')
    ok = scan_string (s, NULL, error);
  else if (c == '-' || g_ascii_isdigit (c))
    ok = scan_number (s, error);
  else
    ok = scan_word (s, error);
  value_done (s);
  return ok;
}

static gboolean
scan_token (Scanner  *s,
            GError  **error)
{
  char c = s->data[s->pos];

  if (strchr ("{}[],:\"-", c) == NULL && !g_ascii_isalnum (c))
    return scan_unexpected (s, error);
  if (!token_allowed (s, c))
    return scan_misplaced (s, error);

  switch (c)
    {
    case '{':
    case '[':
      return scan_open (s, c == '{', error);
    case '}':
    case ']':
      scanner_pop (s);
      value_done (s);
      s->pos++;
      return TRUE;
    case ',':
      scan_comma (s);
      return TRUE;
    case ':':
      s->expect = EXPECT_VALUE;
      s->may_close = FALSE;
      s->pos++;
      return TRUE;
    default:
      return scan_value (s, error);
    }
}

static void
skip_space (Scanner *s)
{
  for (; s->pos < s->size; s->pos++)
    {
      char c = s->data[s->pos];

      if (c == '\n')
        {
          s->line++;
          s->line_start = s->pos + 1;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        break;
    }
}

/* Checks that the bytes are strict JSON that json-glib can safely parse. */
static gboolean
scan_json (const char  *data,
           gsize        size,
           GError     **error)
{
  Scanner s = { .data = data, .size = size, .line = 1, .expect = EXPECT_VALUE };
  gboolean any = FALSE;
  gboolean ok = TRUE;

  for (skip_space (&s); ok && s.pos < s.size; skip_space (&s))
    {
      ok = scan_token (&s, error);
      any = TRUE;
    }
  if (ok && !any)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("the file is empty"));
      ok = FALSE;
    }
  else if (ok && s.expect != EXPECT_END)
    ok = scan_truncated (&s, error);
  scanner_clear (&s);
  return ok;
}

static gboolean
check_text (const char  *data,
            gsize        size,
            GError     **error)
{
  const char *end;
  Scanner s = { .data = data, .line = 1 };

  if (size == 0)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("the file is empty"));
      return FALSE;
    }
  if (g_utf8_validate_len (data, size, &end))
    return TRUE;

  /* Find the line and column of the first bad byte; everything before it is valid. */
  for (s.size = end - data; s.pos < s.size; s.pos++)
    if (data[s.pos] == '\n')
      {
        s.line++;
        s.line_start = s.pos + 1;
      }
  if (*end == '\0')
    return scan_fail (&s, error, _("the file holds a zero byte; it is not a text file"));
  /* Translators: 0x%02X is the byte in hexadecimal, such as 0xFF */
  return scan_fail (&s, error, _("the file is not UTF-8 text: byte 0x%02X is invalid"),
                    (guchar) *end);
}

/* ------------------------------------------------------------------------------------------ */
/* Stage 2: the fields.                                                                         */

/* A field of the file and up to three indices, formatted only for error messages. */
typedef struct {
  const char *field;
  guint n_indices;
  guint indices[3];
} FieldPath;

static char *
field_path_to_string (const FieldPath *path)
{
  GString *out = g_string_new (path->field);

  for (guint k = 0; k < path->n_indices; k++)
    g_string_append_printf (out, "[%u]", path->indices[k]);
  return g_string_free (out, FALSE);
}

static FieldPath
field_path_child (const FieldPath *path,
                  guint            index)
{
  FieldPath child = *path;

  g_assert (child.n_indices < G_N_ELEMENTS (child.indices));
  child.indices[child.n_indices++] = index;
  return child;
}

/* What a node is, for "X must be Y, not Z": a noun phrase such as "an array" or "the text
 * “abc”", or the value itself as JSON writes it (null, true, 3.5). */
static char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      /* Translators: what a network file holds where something else was expected: the last %s of
       * "%s must be a number, not %s" */
      return g_strdup (_("an object"));
    case JSON_NODE_ARRAY:
      return g_strdup (_("an array"));
    case JSON_NODE_NULL:
      return g_strdup ("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);
        g_autofree char *shown = shown_text (text, strlen (text));

        /* Translators: what a network file holds where something else was expected: the last %s of
         * "%s must be a number, not %s"; %s here is the text found */
        return g_strdup_printf (_("the text “%s”"), shown);
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (format_double (buffer, json_node_get_double (node)));
      }
    default:
      return g_strdup (_("an unknown value"));
    }
}

/* `must_be` is a whole translated sentence with two %s: the field's name, then what it
 * holds, as in "%s must be a number, not %s". Each such message carries this comment:
 *
 * Translators: an error in a network file. The first %s is the name of a field of the file,
 * such as "sizes" or "weights[0][1]" (keep it as it is); the second describes what the file
 * holds there: "an object", "an array", "the text “abc”", or a value such as null, true or
 * 3.5. */
static gboolean
fail_type (const FieldPath  *path,
           JsonNode         *node,
           const char       *must_be,
           GError          **error)
{
  g_autofree char *name = field_path_to_string (path);
  g_autofree char *actual = describe_node (node);

  g_set_error (error, BP_ERROR, BP_ERROR_FILE, must_be, name, actual);
  return FALSE;
}

/* Replaces the message of an engine check with one that names the file's field, keeping
 * the engine's error code. */
static gboolean
restate_error (GError     **error,
               GError      *cause,
               const char  *format,
               ...) G_GNUC_PRINTF (3, 4);

static gboolean
restate_error (GError     **error,
               GError      *cause,
               const char  *format,
               ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (cause->domain, cause->code, format, args));
  va_end (args);
  g_error_free (cause);
  return FALSE;
}

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static JsonNode *
get_member (JsonObject  *object,
            const char  *name,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    /* Translators: %s is the name of a field of the network file, such as "sizes" (keep it as it
     * is) */
    g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("%s is missing"), name);
  return node;
}

static JsonArray *
get_array (JsonNode         *node,
           const FieldPath  *path,
           const char       *must_be,
           GError          **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail_type (path, node, must_be, error);
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonArray *
get_array_member (JsonObject  *object,
                  const char  *name,
                  const char  *must_be,
                  GError     **error)
{
  FieldPath path = { .field = name };
  JsonNode *node = get_member (object, name, error);

  return node != NULL ? get_array (node, &path, must_be, error) : NULL;
}

static gboolean
read_number (JsonNode         *node,
             const FieldPath  *path,
             double           *value,
             GError          **error)
{
  if (node_is (node, G_TYPE_INT64))
    *value = (double) json_node_get_int (node);
  else if (node_is (node, G_TYPE_DOUBLE))
    *value = json_node_get_double (node);
  else
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return fail_type (path, node, _("%s must be a number, not %s"), error);

  /* json-glib reads numbers like 1e999 as infinity. */
  if (!isfinite (*value))
    {
      g_autofree char *name = field_path_to_string (path);

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: %s is the name of a field of the network file, such as
                    * "weights[0][1][2]" (keep it as it is) */
                   _("%s is too large a number: it reads as infinity"), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_name (JsonNode         *node,
           const FieldPath  *path,
           const char      **name,
           GError          **error)
{
  if (!node_is (node, G_TYPE_STRING))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return fail_type (path, node, _("%s must be a name in quotes, not %s"), error);
  *name = json_node_get_string (node);
  return TRUE;
}

static gboolean
check_format (JsonObject  *root,
              GError     **error)
{
  FieldPath path = { .field = "format" };
  JsonNode *node = json_object_get_member (root, "format");
  const char *format = NULL;

  if (node == NULL)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "format" is the name of a field of the file and stays as it is
                    * */
                   _("format is missing; this is not a Backprop network file"));
      return FALSE;
    }
  if (!read_name (node, &path, &format, error))
    return FALSE;
  if (strcmp (format, BP_FILE_FORMAT) != 0)
    {
      g_autofree char *shown = shown_text (format, strlen (format));

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "format" is the name of a field of the file and stays as it is;
                    * the first %s is the text found, the second "backprop-network" */
                   _("format is “%s”, not “%s”; this is not a Backprop network file"),
                   shown, BP_FILE_FORMAT);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_version (JsonObject  *root,
               GError     **error)
{
  FieldPath path = { .field = "version" };
  JsonNode *node = get_member (root, "version", error);
  gint64 version;

  if (node == NULL)
    return FALSE;
  if (!node_is (node, G_TYPE_INT64))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return fail_type (&path, node, _("%s must be a whole number, not %s"), error);

  version = json_node_get_int (node);
  if (version > BP_FILE_VERSION)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_VERSION,
                   /* Translators: both numbers are versions of the file format */
                   _("the file was made by a newer Backprop (version %" PRId64 "); "
                     "this one reads version %d"), version, BP_FILE_VERSION);
      return FALSE;
    }
  if (version < 1)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "version" is the name of a field of the file and stays as it is
                    * */
                   _("version is %" PRId64 "; versions start at 1"), version);
      return FALSE;
    }
  return TRUE;
}

/* What the file says about the network, checked before anything is allocated. */
typedef struct {
  guint n_sizes;
  guint sizes[BP_MAX_LAYERS + 1];
  BpActivation activations[BP_MAX_LAYERS];
  BpLoss loss;
  double learning_rate;
  JsonArray *weights;
  JsonArray *biases;
  JsonArray *input;
  JsonArray *target;
} FileNet;

static gboolean
read_size (JsonArray  *array,
           guint       index,
           guint      *size,
           GError    **error)
{
  FieldPath path = { .field = "sizes", .n_indices = 1, .indices = { index } };
  JsonNode *node = json_array_get_element (array, index);
  gint64 value;

  if (!node_is (node, G_TYPE_INT64))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return fail_type (&path, node, _("%s must be a whole number, not %s"), error);
  value = json_node_get_int (node);
  if (value < 1 || value > BP_MAX_WIDTH)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                   /* Translators: "sizes" is the name of a field of the file and stays as it is;
                    * the numbers are the layer's index, the size found and the largest size
                    * allowed */
                   _("sizes[%u] is %" PRId64 "; a layer has 1 to %d neurons"),
                   index, value, BP_MAX_WIDTH);
      return FALSE;
    }
  *size = (guint) value;
  return TRUE;
}

static gboolean
read_sizes (JsonObject  *root,
            FileNet     *net,
            GError     **error)
{
  JsonArray *array = get_array_member (root, "sizes",
                                       /* Translators: the first %s names a field of the
                                        * network file (keep it as it is), the second is what
                                        * the file holds there: "an array", "the text “abc”"… */
                                       _("%s must be an array of whole numbers, not %s"),
                                       error);
  GError *cause = NULL;
  guint n;

  if (array == NULL)
    return FALSE;
  n = json_array_get_length (array);
  if (n < 2 || n > BP_MAX_LAYERS + 1)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                   /* Translators: "sizes" is the name of a field of the file and stays as it is;
                    * the first number is how many layers it lists, the second the most allowed */
                   ngettext ("sizes has %u layer; a network has 2 to %d layers, "
                             "the input included",
                             "sizes has %u layers; a network has 2 to %d layers, "
                             "the input included", n),
                   n, BP_MAX_LAYERS + 1);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!read_size (array, i, &net->sizes[i], error))
      return FALSE;
  net->n_sizes = n;

  /* The count and widths are checked above; what is left is the number of parameters. */
  if (!bp_net_check_shape (n, net->sizes, &cause))
    {
      guint64 n_params = 0;

      for (guint l = 0; l + 1 < n; l++)
        n_params += (guint64) net->sizes[l] * net->sizes[l + 1] + net->sizes[l + 1];
      return restate_error (error, cause,
                            /* Translators: "sizes" is the name of a field of the file and stays as
                             * it is; the first number counts the weights and biases, the second is
                             * the limit */
                            _("sizes make a network of %" PRIu64 " weights and "
                              "biases; the limit is %u"), n_params, BP_MAX_PARAMS);
    }
  return TRUE;
}

static gboolean
read_activations (JsonObject  *root,
                  FileNet     *net,
                  GError     **error)
{
  guint n_layers = net->n_sizes - 1;
  JsonArray *array = get_array_member (root, "activations",
                                       /* Translators: the first %s names a field of the
                                        * network file (keep it as it is), the second is what
                                        * the file holds there: "an array", "the text “abc”"… */
                                       _("%s must be an array of names, not %s"), error);
  guint n;

  if (array == NULL)
    return FALSE;
  n = json_array_get_length (array);
  if (n != n_layers)
    {
      /* Translators: the first half of "activations has 1 name; sizes has 2 layers after the
       * input, which need one each"; "activations" is the name of a field of the file and stays as
       * it is */
      g_autofree char *has = g_strdup_printf (ngettext ("activations has %u name",
                                                        "activations has %u names", n), n);

      g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                   /* Translators: %s is a whole clause such as "activations has 1 name"; "sizes"
                    * is the name of a field of the file and stays as it is */
                   ngettext ("%s; sizes has %u layer after the input, which needs one each",
                             "%s; sizes has %u layers after the input, which need one each",
                             n_layers),
                   has, n_layers);
      return FALSE;
    }

  for (guint l = 0; l < n; l++)
    {
      FieldPath path = { .field = "activations", .n_indices = 1, .indices = { l } };
      const char *name = NULL;

      if (!read_name (json_array_get_element (array, l), &path, &name, error))
        return FALSE;
      if (!bp_activation_from_string (name, &net->activations[l]))
        {
          g_autofree char *shown = shown_text (name, strlen (name));

          g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                       /* Translators: "activations" is a field of the file; linear, sigmoid, tanh,
                        * relu and leaky-relu are the names the file uses and stay as they are */
                       _("activations[%u] is “%s”, not one of linear, sigmoid, tanh, relu, "
                         "leaky-relu"), l, shown);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_loss (JsonObject  *root,
           FileNet     *net,
           GError     **error)
{
  FieldPath path = { .field = "loss" };
  JsonNode *node = get_member (root, "loss", error);
  GError *cause = NULL;
  const char *name = NULL;

  if (node == NULL || !read_name (node, &path, &name, error))
    return FALSE;
  if (!bp_loss_from_string (name, &net->loss))
    {
      g_autofree char *shown = shown_text (name, strlen (name));

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "loss" is a field of the file; squared-error and cross-entropy
                    * are the names the file uses and stay as they are */
                   _("loss is “%s”, not one of squared-error, cross-entropy"), shown);
      return FALSE;
    }
  if (!bp_net_check_loss (net->n_sizes - 1, net->activations, net->loss, &cause))
    return restate_error (error, cause,
                          /* Translators: "loss", "activations" and cross-entropy are as the file
                           * writes them and stay as they are; %s is an activation such as "tanh"
                           * */
                          _("loss is cross-entropy, which needs a sigmoid output layer, "
                            "but activations[%u] is %s"), net->n_sizes - 2,
                          bp_activation_to_string (net->activations[net->n_sizes - 2]));
  return TRUE;
}

static gboolean
read_learning_rate (JsonObject  *root,
                    FileNet     *net,
                    GError     **error)
{
  FieldPath path = { .field = "learning_rate" };
  JsonNode *node = get_member (root, "learning_rate", error);
  GError *cause = NULL;

  if (node == NULL || !read_number (node, &path, &net->learning_rate, error))
    return FALSE;
  if (!bp_net_check_learning_rate (net->learning_rate, &cause))
    {
      char shown[G_ASCII_DTOSTR_BUF_SIZE];

      /* Translators: "learning_rate" is a field of the file and stays as it is; %s is the number
       * found */
      return restate_error (error, cause, _("learning_rate is %s; it must be more than 0 "
                                            "and at most 100"),
                            format_double (shown, net->learning_rate));
    }
  return TRUE;
}

/* Which layer a vector of the file belongs to, for the messages about its length. */
typedef enum {
  ROLE_LAYER,
  ROLE_INPUT,
  ROLE_OUTPUT,
} LayerRole;

/* "weights[1][0] has 2 values; layer 1 has 3 neurons": two clauses, each a whole sentence
 * with its own plural, joined by the translated "%s; %s". `has` is the first clause. */
static gboolean
fail_length (const char  *has,
             guint        layer,
             LayerRole    role,
             guint        neurons,
             GError     **error)
{
  g_autofree char *needs = NULL;

  if (role == ROLE_INPUT)
    /* Translators: the second half of "input has 3 values; layer 0 (the input) has 2
     * neurons"; the first number is the layer's index, the second its size */
    needs = g_strdup_printf (ngettext ("layer %u (the input) has %u neuron",
                                       "layer %u (the input) has %u neurons", neurons),
                             layer, neurons);
  else if (role == ROLE_OUTPUT)
    /* Translators: the second half of "target has 2 values; layer 2 (the output) has 1
     * neuron"; the first number is the layer's index, the second its size */
    needs = g_strdup_printf (ngettext ("layer %u (the output) has %u neuron",
                                       "layer %u (the output) has %u neurons", neurons),
                             layer, neurons);
  else
    /* Translators: the second half of "weights[1][0] has 2 values; layer 1 has 3
     * neurons"; the first number is the layer's index, the second its size */
    needs = g_strdup_printf (ngettext ("layer %u has %u neuron", "layer %u has %u neurons",
                                       neurons),
                             layer, neurons);

  /* Translators: joins two clauses of an error message: "weights[1][0] has 2 values" and
   * "layer 1 has 3 neurons" */
  g_set_error (error, BP_ERROR, BP_ERROR_SHAPE, _("%s; %s"), has, needs);
  return FALSE;
}

static gboolean
fail_layer_count (const char  *field,
                  guint        length,
                  guint        n_layers,
                  GError     **error)
{
  /* Translators: the first half of "weights has 2 entries; it needs one per weight layer,
   * and sizes makes 1"; %s is "weights" or "biases", names in the file (keep them) */
  g_autofree char *has = g_strdup_printf (ngettext ("%s has %u entry", "%s has %u entries",
                                                    length), field, length);

  g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
               /* Translators: %s is a whole clause such as "weights has 2 entries"; the
                * number counts the weight layers; "sizes" is a name in the file (keep it) */
               ngettext ("%s; it needs one per weight layer, and sizes makes %u",
                         "%s; it needs one per weight layer, and sizes makes %u", n_layers),
               has, n_layers);
  return FALSE;
}

/* An array of numbers with the length of layer `layer`; the numbers are read later. */
static JsonArray *
get_vector (JsonNode         *node,
            const FieldPath  *path,
            const FileNet    *net,
            guint             layer,
            LayerRole         role,
            GError          **error)
{
  /* Translators: the first %s names a field of the network file (keep it as it is),
   * the second is what the file holds there: "an array", "the text “abc”", null… */
  JsonArray *array = get_array (node, path, _("%s must be an array of numbers, not %s"), error);

  if (array == NULL)
    return NULL;
  if (json_array_get_length (array) != net->sizes[layer])
    {
      guint n = json_array_get_length (array);
      g_autofree char *name = field_path_to_string (path);
      /* Translators: the first half of "weights[1][0] has 2 values; layer 1 has 3
       * neurons"; %s names a field of the network file (keep it as it is) */
      g_autofree char *has = g_strdup_printf (ngettext ("%s has %u value", "%s has %u values",
                                                        n), name, n);

      fail_length (has, layer, role, net->sizes[layer], error);
      return NULL;
    }
  return array;
}

static gboolean
check_weight_layer (JsonArray  *layer_array,
                    const FileNet *net,
                    guint       l,
                    GError    **error)
{
  FieldPath path = { .field = "weights", .n_indices = 1, .indices = { l } };
  guint n_rows = json_array_get_length (layer_array);

  if (n_rows != net->sizes[l + 1])
    {
      g_autofree char *name = field_path_to_string (&path);
      /* Translators: the first half of "weights[0] has 2 rows; layer 1 has 3 neurons";
       * %s names a field of the network file (keep it as it is) */
      g_autofree char *has = g_strdup_printf (ngettext ("%s has %u row", "%s has %u rows",
                                                        n_rows), name, n_rows);

      return fail_length (has, l + 1, ROLE_LAYER, net->sizes[l + 1], error);
    }
  for (guint j = 0; j < n_rows; j++)
    {
      FieldPath row_path = field_path_child (&path, j);

      if (get_vector (json_array_get_element (layer_array, j), &row_path, net, l, ROLE_LAYER,
                      error) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_weights (JsonObject  *root,
               FileNet     *net,
               GError     **error)
{
  guint n_layers = net->n_sizes - 1;
  /* Translators: the first %s names a field of the network file (keep it as it is),
   * the second is what the file holds there: "an array", "the text “abc”", null… */
  const char *expected = _("%s must be an array with one array of rows per weight layer, "
                           "not %s");

  net->weights = get_array_member (root, "weights", expected, error);
  if (net->weights == NULL)
    return FALSE;
  if (json_array_get_length (net->weights) != n_layers)
    return fail_layer_count ("weights", json_array_get_length (net->weights), n_layers, error);

  for (guint l = 0; l < n_layers; l++)
    {
      FieldPath path = { .field = "weights", .n_indices = 1, .indices = { l } };
      JsonArray *layer_array = get_array (json_array_get_element (net->weights, l), &path,
                                          /* Translators: the first %s names a field of the
                                           * network file (keep it as it is), the second is what
                                           * the file holds there: "an array", "the text “abc”"… */
                                          _("%s must be an array of rows, one per neuron of "
                                            "the next layer, not %s"), error);

      if (layer_array == NULL || !check_weight_layer (layer_array, net, l, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_biases (JsonObject  *root,
              FileNet     *net,
              GError     **error)
{
  guint n_layers = net->n_sizes - 1;
  /* Translators: the first %s names a field of the network file (keep it as it is),
   * the second is what the file holds there: "an array", "the text “abc”", null… */
  const char *expected = _("%s must be an array with one array of numbers per weight "
                           "layer, not %s");

  net->biases = get_array_member (root, "biases", expected, error);
  if (net->biases == NULL)
    return FALSE;
  if (json_array_get_length (net->biases) != n_layers)
    return fail_layer_count ("biases", json_array_get_length (net->biases), n_layers, error);

  for (guint l = 0; l < n_layers; l++)
    {
      FieldPath path = { .field = "biases", .n_indices = 1, .indices = { l } };

      if (get_vector (json_array_get_element (net->biases, l), &path, net, l + 1, ROLE_LAYER,
                      error) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_sample (JsonObject  *root,
              FileNet     *net,
              GError     **error)
{
  guint n_layers = net->n_sizes - 1;
  FieldPath input_path = { .field = "input" };
  FieldPath target_path = { .field = "target" };
  JsonNode *node;

  if ((node = get_member (root, "input", error)) == NULL)
    return FALSE;
  net->input = get_vector (node, &input_path, net, 0, ROLE_INPUT, error);
  if (net->input == NULL)
    return FALSE;

  if ((node = get_member (root, "target", error)) == NULL)
    return FALSE;
  net->target = get_vector (node, &target_path, net, n_layers, ROLE_OUTPUT, error);
  return net->target != NULL;
}

static gboolean
read_extras (JsonObject    *root,
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
      if (!node_is (seed, G_TYPE_INT64))
        /* Translators: the first %s names a field of the network file (keep it as it is),
         * the second is what the file holds there: "an array", "the text “abc”", null… */
        return fail_type (&seed_path, seed, _("%s must be a whole number, not %s"), error);
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
      if (!node_is (step, G_TYPE_INT64))
        /* Translators: the first %s names a field of the network file (keep it as it is),
         * the second is what the file holds there: "an array", "the text “abc”", null… */
        return fail_type (&step_path, step, _("%s must be a whole number, not %s"), error);
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

/* One point of "history": [step, loss, after_reset]. */
static gboolean
read_history_point (JsonNode        *node,
                    guint            k,
                    BpHistoryPoint  *point,
                    GError         **error)
{
  FieldPath path = { .field = "history", .n_indices = 1, .indices = { k } };
  FieldPath step_path = field_path_child (&path, 0);
  FieldPath loss_path = field_path_child (&path, 1);
  FieldPath reset_path = field_path_child (&path, 2);
  JsonArray *array = get_array (node, &path,
                                /* Translators: the first %s names a field of the
                                 * network file (keep it as it is), the second is what
                                 * the file holds there: "an array", "the text “abc”"… */
                                _("%s must be an array [step, loss, after reset], not %s"),
                                error);
  JsonNode *step, *reset;

  if (array == NULL)
    return FALSE;
  if (json_array_get_length (array) != 3)
    {
      g_autofree char *name = field_path_to_string (&path);

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
  if (!node_is (step, G_TYPE_INT64))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return fail_type (&step_path, step, _("%s must be a whole number, not %s"), error);
  if (json_node_get_int (step) < 0)
    {
      g_autofree char *name = field_path_to_string (&step_path);

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: %s names a field of the file, such as "history[3][0]" (keep it
                    * as it is) */
                   _("%s is %" PRId64 "; a step count is 0 or more"),
                   name, json_node_get_int (step));
      return FALSE;
    }
  if (!node_is (reset, G_TYPE_BOOLEAN))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return fail_type (&reset_path, reset, _("%s must be true or false, not %s"), error);
  point->step = (guint64) json_node_get_int (step);
  point->after_reset = json_node_get_boolean (reset);
  return read_number (json_array_get_element (array, 1), &loss_path, &point->loss, error);
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
  array = get_array (node, &path,
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
    return fail_type (&path, node,
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
  if (!node_is (modified, G_TYPE_BOOLEAN))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return fail_type (&modified_path, modified, _("%s must be true or false, not %s"), error);
  if (file != NULL && !read_name (file, &path_path, &name, error))
    return FALSE;
  if (name != NULL && !g_path_is_absolute (name))
    {
      g_autofree char *shown = shown_text (name, strlen (name));

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

static gboolean
read_session (JsonObject     *root,
              guint64         step,
              BpFileSession  *session,
              GError        **error)
{
  if (read_history (root, step, session, error) && read_document (root, session, error))
    return TRUE;
  bp_file_session_clear (session);
  return FALSE;
}

static gboolean
read_fields (JsonObject    *root,
             FileNet       *net,
             BpFileExtras  *extras,
             GError       **error)
{
  return check_format (root, error)
         && check_version (root, error)
         && read_sizes (root, net, error)
         && read_activations (root, net, error)
         && read_loss (root, net, error)
         && read_learning_rate (root, net, error)
         && check_weights (root, net, error)
         && check_biases (root, net, error)
         && check_sample (root, net, error)
         && read_extras (root, extras, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Stage 3: the numbers.                                                                        */

static gboolean
read_vector (JsonArray        *array,
             const FieldPath  *path,
             double           *dest,
             GError          **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      /* The path is built only on failure: this loop may run 2^24 times. */
      if (!read_number (node, path, &dest[i], NULL))
        {
          FieldPath element = field_path_child (path, i);

          return read_number (node, &element, &dest[i], error);
        }
    }
  return TRUE;
}

static gboolean
fill_net (BpNet          *bp,
          const FileNet  *net,
          GError        **error)
{
  FieldPath input_path = { .field = "input" };
  FieldPath target_path = { .field = "target" };
  GError *cause = NULL;

  guint widest = 0;
  g_autofree double *values = NULL;

  for (guint l = 0; l <= bp->n_layers; l++)
    widest = MAX (widest, bp->sizes[l]);
  values = g_new (double, widest);
  for (guint l = 0; l < bp->n_layers; l++)
    {
      JsonArray *rows = json_array_get_array_element (net->weights, l);
      FieldPath bias_path = { .field = "biases", .n_indices = 1, .indices = { l } };

      for (guint j = 0; j < bp->sizes[l + 1]; j++)
        {
          FieldPath row_path = { .field = "weights", .n_indices = 2, .indices = { l, j } };

          if (!read_vector (json_array_get_array_element (rows, j), &row_path, values, error))
            return FALSE;
          for (guint i = 0; i < bp->sizes[l]; i++)
            bp_net_set_weight (bp, l, j, i, values[i]);
        }
      if (!read_vector (json_array_get_array_element (net->biases, l), &bias_path, values,
                        error))
        return FALSE;
      for (guint j = 0; j < bp->sizes[l + 1]; j++)
        bp_net_set_bias (bp, l, j, values[j]);
    }

  if (!read_vector (net->input, &input_path, values, error))
    return FALSE;
  bp_net_set_input (bp, values);
  if (!read_vector (net->target, &target_path, values, error))
    return FALSE;
  if (!bp_net_set_target (bp, values, &cause))
    {
      guint k = 0;
      char shown[G_ASCII_DTOSTR_BUF_SIZE];

      /* Finite targets were checked above, so the engine objects to a range. */
      while (k + 1 < bp->sizes[bp->n_layers] && values[k] >= 0.0 && values[k] <= 1.0)
        k++;
      /* Translators: "target" is a field of the file and stays as it is; %s is the number found */
      return restate_error (error, cause, _("target[%u] is %s; with cross-entropy a target "
                                            "lies between 0 and 1"),
                            k, format_double (shown, values[k]));
    }
  return TRUE;
}

static JsonObject *
parse_root (JsonParser  *parser,
            const char  *data,
            gsize        size,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, (gssize) size, &local_error))
    {
      /* Translators: %s is the JSON reader's own message */
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("the file is not valid JSON: %s"),
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("the file is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *actual = describe_node (root);

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: %s describes what the file holds, such as "an array" */
                   _("the file holds %s, not a JSON object; this is not a Backprop network "
                     "file"), actual);
      return NULL;
    }
  return json_node_get_object (root);
}

static gboolean
check_size (gsize     size,
            GError  **error)
{
  g_autofree char *shown = NULL;

  if (size <= BP_FILE_MAX_SIZE)
    return TRUE;
  shown = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_set_error (error, BP_ERROR, BP_ERROR_FILE,
               /* Translators: %s is the file's size, such as "300 MB"; MiB is mebibytes */
               _("the file is %s; a network file may be at most 256 MiB"), shown);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Writing.                                                                                     */

static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, format_double (buffer, value));
}

static void
append_row (GString      *out,
            const double *values,
            guint         n)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      append_double (out, values[i]);
    }
  g_string_append_c (out, ']');
}

static void
append_header (GString     *out,
               const BpNet *net)
{
  g_string_append_printf (out, "{\n  \"format\": \"%s\",\n  \"version\": %d,\n  \"sizes\": [",
                          BP_FILE_FORMAT, BP_FILE_VERSION);
  for (guint l = 0; l <= net->n_layers; l++)
    g_string_append_printf (out, "%s%u", l > 0 ? ", " : "", net->sizes[l]);
  g_string_append (out, "],\n  \"activations\": [");
  for (guint l = 0; l < net->n_layers; l++)
    g_string_append_printf (out, "%s\"%s\"", l > 0 ? ", " : "",
                            bp_activation_to_string (net->activations[l]));
  g_string_append_printf (out, "],\n  \"loss\": \"%s\",\n  \"learning_rate\": ",
                          bp_loss_to_string (net->loss_kind));
  append_double (out, net->learning_rate);
  g_string_append (out, ",\n");
}

/* One row of a layer per line, so a person can read and edit the file. */
static void
append_parameters (GString     *out,
                   const BpNet *net)
{
  g_string_append (out, "  \"weights\": [\n");
  for (guint l = 0; l < net->n_layers; l++)
    {
      g_string_append (out, "    [\n");
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          g_string_append (out, "      ");
          append_row (out, bp_net_weight (net, l, j, 0), net->sizes[l]);
          g_string_append (out, j + 1 < net->sizes[l + 1] ? ",\n" : "\n");
        }
      g_string_append (out, l + 1 < net->n_layers ? "    ],\n" : "    ]\n");
    }
  g_string_append (out, "  ],\n  \"biases\": [\n");
  for (guint l = 0; l < net->n_layers; l++)
    {
      g_string_append (out, "    ");
      append_row (out, net->biases[l], net->sizes[l + 1]);
      g_string_append (out, l + 1 < net->n_layers ? ",\n" : "\n");
    }
  g_string_append (out, "  ],\n");
}

static gboolean
values_finite (const double *values,
               gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (!isfinite (values[i]))
      return FALSE;
  return TRUE;
}

static gboolean
net_is_finite (const BpNet *net)
{
  if (!isfinite (net->learning_rate)
      || !values_finite (net->a[0], net->sizes[0])
      || !values_finite (net->target, net->sizes[net->n_layers]))
    return FALSE;
  for (guint l = 0; l < net->n_layers; l++)
    if (!values_finite (net->weights[l], (gsize) net->sizes[l] * net->sizes[l + 1])
        || !values_finite (net->biases[l], net->sizes[l + 1]))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Replacing a file whole.                                                                      */

/* The file to replace for a local path: the one a symbolic link points to, so that the link
 * stays a link; the path itself for a file not made yet. */
static char *
resolve_links (const char *path)
{
  char *real = realpath (path, NULL);
  char *result = g_strdup (real != NULL ? real : path);

  free (real);
  return result;
}

/* A remote file is written through a GIO stream. After a failed write, GLib 2.74 would
 * still rename its temporary file over the old one when the stream is closed, or finalized;
 * a cancelled close deletes the temporary file instead. */
static gboolean
replace_with_stream (GFile   *file,
                     GBytes  *contents,
                     GError **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFileOutputStream) out = NULL;
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (contents, &size);

  /* REPLACE_DESTINATION keeps GIO on the temporary file for links too. */
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                        error);
  if (out == NULL)
    return FALSE;
  if (g_output_stream_write_all (G_OUTPUT_STREAM (out), data, size, NULL, cancellable, error))
    return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
  g_cancellable_cancel (cancellable);
  g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, NULL);
  return FALSE;
}

/* A local file is written by g_file_set_contents_full(): a temporary file in the same
 * folder, synced to disk, then renamed over the old one; any failure deletes the temporary
 * file and leaves the old one alone. GIO's replace streams instead rewrite the old file in
 * place for a symbolic or hard link (or, with REPLACE_DESTINATION, delete it first) when no
 * temporary file can be made, and then a full disk leaves it truncated. */
static gboolean
replace_local (const char  *path,
               GBytes      *contents,
               GError     **error)
{
  g_autofree char *target = resolve_links (path);
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (contents, &size);
  GStatBuf st;
  int mode = 0666;

  if (g_stat (target, &st) == 0 && S_ISREG (st.st_mode))
    mode = st.st_mode & 0777;
  else if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) node = g_file_new_for_path (target);

      /* A rename would replace a folder or a device; GIO refuses them, with its message. */
      return replace_with_stream (node, contents, error);
    }
  if (g_file_set_contents_full (target, data, size, G_FILE_SET_CONTENTS_CONSISTENT, mode,
                                &local_error))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_file_error (local_error->code),
                       local_error->message);
  return FALSE;
}

/* The system's reason, such as "No space left on device", without GLib's prefix, which
 * names the temporary file rather than the user's. */
static const char *
system_reason (const char *message)
{
  const char *colon = g_strrstr (message, ": ");

  return colon != NULL && colon[2] != '\0' ? colon + 2 : message;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API.                                                                                  */

/**
 * bp_file_load_bytes:
 * @bytes: the contents of a network file
 * @extras: (out) (optional): where to store the seed and step, or %NULL
 * @error: return location for a #GError
 *
 * Reads a network file. Every field is checked; anything wrong gives a %BP_ERROR naming
 * the field and the problem: %BP_ERROR_VERSION for a file from a newer version,
 * %BP_ERROR_SHAPE for sizes and lengths that do not fit, %BP_ERROR_FILE for the rest.
 * The network returned has run one forward and one backward pass on the file's input and
 * target, so its values and gradients are those of its parameters.
 *
 * Returns: (transfer full) (nullable): the network, or %NULL on error
 */
BpNet *
bp_file_load_bytes (GBytes        *bytes,
                    BpFileExtras  *extras,
                    GError       **error)
{
  return bp_file_load_bytes_full (bytes, extras, NULL, error);
}

/**
 * bp_file_load_bytes_full:
 * @bytes: the contents of a network file
 * @extras: (out) (optional): where to store the seed and step, or %NULL
 * @session: (out caller-allocates) (optional): where to store the history and the document,
 *   to be freed with bp_file_session_clear(), or %NULL
 * @error: return location for a #GError
 *
 * Reads a network file as bp_file_load_bytes() does, and its optional "history" and
 * "document" keys, which are checked as strictly as the rest even when @session is %NULL.
 *
 * Returns: (transfer full) (nullable): the network, or %NULL on error
 */
BpNet *
bp_file_load_bytes_full (GBytes         *bytes,
                         BpFileExtras   *extras,
                         BpFileSession  *session,
                         GError        **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(BpNet) bp = NULL;
  g_auto(BpFileSession) file_session = { 0 };
  BpFileExtras file_extras = { 0 };
  FileNet net = { 0 };
  JsonObject *root;
  const char *data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (!check_size (size, error) || !check_text (data, size, error))
    return NULL;
  /* A byte-order mark is not JSON, but some editors write one. */
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  if (!scan_json (data, size, error))
    return NULL;

  parser = json_parser_new ();
  root = parse_root (parser, data, size, error);
  if (root == NULL || !read_fields (root, &net, &file_extras, error)
      || !read_session (root, file_extras.step, &file_session, error))
    return NULL;

  bp = bp_net_new (net.n_sizes, net.sizes, net.activations, net.loss, error);
  if (bp == NULL || !fill_net (bp, &net, error))
    return NULL;
  bp->learning_rate = net.learning_rate;

  bp_net_forward (bp);
  bp_net_backward (bp);
  if (extras != NULL)
    *extras = file_extras;
  if (session != NULL)
    {
      *session = file_session;
      file_session = (BpFileSession) { 0 };
    }
  return g_steal_pointer (&bp);
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
  *session = (BpFileSession) { 0 };
}

static GBytes *
read_capped (GFile     *file,
             goffset    expected_size,
             GError   **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autoptr(GByteArray) buffer = NULL;
  gsize n_read;

  if (stream == NULL)
    return NULL;
  buffer = g_byte_array_sized_new ((guint) MIN ((guint64) expected_size, BP_FILE_MAX_SIZE)
                                  + READ_CHUNK);

  /* The size reported before reading may be wrong (a growing file, /dev/zero), so the
   * bytes read are capped too. */
  do
    {
      guint old_length = buffer->len;

      g_byte_array_set_size (buffer, old_length + READ_CHUNK);
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer->data + old_length,
                                    READ_CHUNK, &n_read, NULL, error))
        return NULL;
      g_byte_array_set_size (buffer, old_length + (guint) n_read);
      if (buffer->len > BP_FILE_MAX_SIZE)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                       _("the file holds more than 256 MiB; a network file may be at most "
                         "256 MiB"));
          return NULL;
        }
    }
  while (n_read == READ_CHUNK);

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * bp_file_load:
 * @file: a network file
 * @extras: (out) (optional): where to store the seed and step, or %NULL
 * @error: return location for a #GError
 *
 * Reads a network file as bp_file_load_bytes() does. Files over %BP_FILE_MAX_SIZE are
 * refused before they are read.
 *
 * Returns: (transfer full) (nullable): the network, or %NULL on error
 */
BpNet *
bp_file_load (GFile         *file,
              BpFileExtras  *extras,
              GError       **error)
{
  return bp_file_load_full (file, extras, NULL, error);
}

/**
 * bp_file_load_full:
 * @file: a network file
 * @extras: (out) (optional): where to store the seed and step, or %NULL
 * @session: (out caller-allocates) (optional): where to store the history and the document
 * @error: return location for a #GError
 *
 * Reads a network file as bp_file_load_bytes_full() does.
 *
 * Returns: (transfer full) (nullable): the network, or %NULL on error
 */
BpNet *
bp_file_load_full (GFile          *file,
                   BpFileExtras   *extras,
                   BpFileSession  *session,
                   GError        **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("it is a folder, not a network file"));
      return NULL;
    }
  if (!check_size ((guint64) g_file_info_get_size (info), error))
    return NULL;

  bytes = read_capped (file, g_file_info_get_size (info), error);
  if (bytes == NULL)
    return NULL;
  return bp_file_load_bytes_full (bytes, extras, session, error);
}

/* A JSON string: quotes, backslashes and control characters escaped. */
static void
append_string (GString    *out,
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
      append_double (out, point->loss);
      g_string_append (out, point->after_reset ? ", true]" : ", false]");
      first = FALSE;
    }
  g_string_append (out, first ? "]" : "\n  ]");
}

static void
append_session (GString             *out,
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
          append_string (out, session->document_path);
          g_string_append (out, ", ");
        }
      g_string_append_printf (out, "\"modified\": %s}",
                              session->document_modified ? "true" : "false");
    }
}

/**
 * bp_file_to_bytes:
 * @net: a network whose parameters, input and target are finite
 * @extras: (optional): the seed and step to write, or %NULL
 *
 * Writes a network file: every double with 17 significant digits, so that it reads back
 * bit-identical, and one row of weights per line.
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
bp_file_to_bytes (const BpNet        *net,
                  const BpFileExtras *extras)
{
  return bp_file_to_bytes_full (net, extras, NULL);
}

/**
 * bp_file_to_bytes_full:
 * @net: a network whose parameters, input and target are finite
 * @extras: (optional): the seed and step to write, or %NULL
 * @session: (optional): the history and the document to write, or %NULL; its path must be
 *   UTF-8
 *
 * Writes a network file as bp_file_to_bytes() does, with the keys "history" and
 * "document" when @session has them.
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
bp_file_to_bytes_full (const BpNet         *net,
                       const BpFileExtras  *extras,
                       const BpFileSession *session)
{
  GString *out;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (net_is_finite (net), NULL);
  g_return_val_if_fail (session == NULL || session->document_path == NULL
                        || g_utf8_validate (session->document_path, -1, NULL), NULL);

  out = g_string_new (NULL);
  append_header (out, net);
  append_parameters (out, net);
  g_string_append (out, "  \"input\": ");
  append_row (out, net->a[0], net->sizes[0]);
  g_string_append (out, ",\n  \"target\": ");
  append_row (out, net->target, net->sizes[net->n_layers]);
  if (extras != NULL && extras->has_seed)
    g_string_append_printf (out, ",\n  \"seed\": %u", extras->seed);
  g_string_append_printf (out, ",\n  \"step\": %" G_GUINT64_FORMAT,
                          extras != NULL ? extras->step : 0);
  if (session != NULL)
    append_session (out, session);
  g_string_append (out, "\n}\n");
  return g_string_free_to_bytes (out);
}

/**
 * bp_file_save:
 * @net: a network
 * @extras: (optional): the seed and step to write, or %NULL
 * @file: where to write
 * @error: return location for a #GError
 *
 * Writes @net to @file, replacing it atomically: on failure the old file is left as it was
 * and the error names @file.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_file_save (const BpNet        *net,
              const BpFileExtras *extras,
              GFile              *file,
              GError            **error)
{
  return bp_file_save_full (net, extras, NULL, file, error);
}

/**
 * bp_file_save_full:
 * @net: a network
 * @extras: (optional): the seed and step to write, or %NULL
 * @session: (optional): the history and the document to write, or %NULL
 * @file: where to write
 * @error: return location for a #GError
 *
 * Writes @net to @file as bp_file_save() does, with the keys of @session.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_file_save_full (const BpNet         *net,
                   const BpFileExtras  *extras,
                   const BpFileSession *session,
                   GFile               *file,
                   GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_parse_name (file);
  if (!net_is_finite (net))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   /* Translators: %s is the file's name */
                   _("Could not save “%s”: the network holds a number that is not finite"),
                   name);
      return FALSE;
    }
  if (extras != NULL && extras->step > G_MAXINT64)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   /* Translators: %s is the file's name */
                   _("Could not save “%s”: the step count is too large"), name);
      return FALSE;
    }

  bytes = bp_file_to_bytes_full (net, extras, session);
  return bp_file_replace_safely (file, bytes, error);
}

/**
 * bp_file_replace_safely:
 * @file: the file to write
 * @contents: its new contents
 * @error: return location for a #GError
 *
 * Replaces @file as a whole: a reader sees either the old contents or the new ones, never a
 * mix, and on any failure (a full disk) the old file is left byte for byte as it was, with
 * no temporary file beside it. A symbolic link stays a link to the file it names; a hard
 * link is broken; the permission bits are kept. A local file is never rewritten in place,
 * so a folder where no new file can be made is an error even if @file itself is writable.
 * A file without a local path (GVfs) goes through GIO, as safely as its backend allows.
 *
 * The message names @file and, when the cause may be a full disk, says so; the code is a
 * %G_IO_ERROR.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_file_replace_safely (GFile   *file,
                        GBytes  *contents,
                        GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  const char *path;
  const char *reason;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_peek_path (file);
  ok = path != NULL ? replace_local (path, contents, &local_error)
                    : replace_with_stream (file, contents, &local_error);
  if (ok)
    return TRUE;

  name = g_file_get_parse_name (file);
  reason = system_reason (local_error->message);
  /* A full disk, a quota or a size limit (EFBIG) come as NO_SPACE or FAILED. */
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE)
      || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_FAILED))
    g_set_error (error, G_IO_ERROR, local_error->code,
                 /* Translators: the first %s is the file's name, the second the system's
                  * reason, such as "No space left on device" */
                 _("Could not save “%s”: %s. The disk may be full; the earlier version of "
                   "the file, if any, is unchanged."), name, reason);
  else
    g_set_error (error, G_IO_ERROR, local_error->code,
                 /* Translators: the first %s is the file's name, the second the
                  * system's reason, such as "Permission denied" */
                 _("Could not save “%s”: %s"), name, reason);
  return FALSE;
}
