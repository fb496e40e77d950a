/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file-scan.c: stage 1 of reading a network file, the tokens of JSON.
 *
 * The scanner reads strings, keys, numbers and the words true, false and null, and tells
 * what is wrong with one, and where, in a message a person can act on. The grammar that
 * puts the tokens together is in bp-file-check.c.
 */

#define G_LOG_DOMAIN "bp-file"

#include "config.h"

#include "bp-file-private.h"

#include <glib/gi18n.h>
#include <string.h>

#define MAX_SHOWN_CHARS 40     /* of a name quoted back from a file in a message */

/* The top-level keys this version reads. Integers elsewhere are never read, so only these
 * are checked for integers beyond 64 bits. */
static const char * const known_keys[] = {
  "format", "version", "sizes", "activations", "loss", "learning_rate",
  "weights", "biases", "input", "target", "seed", "step", "history", "document",
  "timeline",
};

void
bp_file_scanner_pop (Scanner *s)
{
  ScanFrame *frame;

  g_assert (s->depth > 0);
  frame = &s->frames[--s->depth];
  g_clear_pointer (&frame->key, g_free);
  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

void
bp_file_scanner_clear (Scanner *s)
{
  while (s->depth > 0)
    bp_file_scanner_pop (s);
}

/* Appends " (line N, column M)" for the scanner's position to a message. */
gboolean
bp_file_scan_fail (Scanner    *s,
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

gboolean
bp_file_scan_truncated (Scanner  *s,
                        GError  **error)
{
  return bp_file_scan_fail (s, error,
                            _("the file ends in the middle of its data; it may be truncated"));
}

/* Formats a double with 17 significant digits, which read back bit-identical. A number
 * without a point or an exponent would read back as an integer, and "-0" as +0, so
 * whole numbers get a ".0". */
const char *
bp_file_format_double (char   buffer[G_ASCII_DTOSTR_BUF_SIZE],
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
char *
bp_file_shown_text (const char *text,
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
        return bp_file_scan_truncated (s, error);
      digit = hex_value (s->data[s->pos + k]);
      if (digit < 0)
        return bp_file_scan_fail (s, error, _("a string holds a malformed \\u escape"));
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
    return bp_file_scan_fail (s, error, _("a string holds \\u0000, which is not allowed"));
  if (code >= 0xDC00 && code <= 0xDFFF)
    return bp_file_scan_fail (s, error, _("a string holds an unpaired \\u surrogate"));
  if (code >= 0xD800 && code <= 0xDBFF)
    {
      if (s->pos + 1 >= s->size)
        return bp_file_scan_truncated (s, error);
      if (s->data[s->pos] != '\\' || s->data[s->pos + 1] != 'u')
        return bp_file_scan_fail (s, error, _("a string holds an unpaired \\u surrogate"));
      s->pos++;
      if (!scan_hex4 (s, &low, error))
        return FALSE;
      if (low < 0xDC00 || low > 0xDFFF)
        return bp_file_scan_fail (s, error, _("a string holds an unpaired \\u surrogate"));
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
    return bp_file_scan_truncated (s, error);
  if (s->data[s->pos] == 'u')
    return scan_unicode_escape (s, out, error);

  hit = s->data[s->pos] != '\0' ? strchr (from, s->data[s->pos]) : NULL;
  if (hit == NULL)
    /* Translators: JSON escapes such as \\n start with a backslash; %c is the character after it
     * */
    return bp_file_scan_fail (s, error, _("a string holds an unknown escape “\\%c”"),
                              g_ascii_isprint (s->data[s->pos]) ? s->data[s->pos] : '?');
  if (out != NULL)
    g_string_append_c (out, to[hit - from]);
  s->pos++;
  return TRUE;
}

/* A string; pos is at its opening quote. Decodes it into out unless out is NULL. */
gboolean
bp_file_scan_string (Scanner  *s,
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
        return bp_file_scan_fail (s, error, _("a string holds a raw control character; "
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
  return bp_file_scan_truncated (s, error);
}

gboolean
bp_file_scan_key (Scanner  *s,
                  GError  **error)
{
  ScanFrame *frame = &s->frames[s->depth - 1];
  g_autoptr(GString) key = g_string_new (NULL);

  if (!bp_file_scan_string (s, key, error))
    return FALSE;
  if (frame->keys == NULL)
    frame->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_hash_table_contains (frame->keys, key->str))
    {
      g_autofree char *shown = bp_file_shown_text (key->str, key->len);
      g_autofree char *where = NULL;

      /* The key of the enclosing object is still the one that holds this object. */
      s->depth--;
      where = scanner_path (s);
      s->depth++;
      if (*where == '\0')
        /* Translators: %s is a key of a JSON object in the network file, such as "sizes" */
        return bp_file_scan_fail (s, error, _("the key “%s” appears twice"), shown);
      /* Translators: the first %s is a key of a JSON object, the second names the field that holds
       * the object, such as "document" */
      return bp_file_scan_fail (s, error, _("the key “%s” appears twice in %s"), shown, where);
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

gboolean
bp_file_scan_number (Scanner  *s,
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
        return bp_file_scan_truncated (s, error);
      shown = bp_file_shown_text (s->data + s->pos, p - s->pos);
      /* Translators: %s is the text found in the file */
      return bp_file_scan_fail (s, error, _("“%s” is not a valid JSON number"), shown);
    }

  if (is_integer && scanner_in_known_field (s)
      && integer_overflows (s->data + s->pos, end - s->pos))
    {
      g_autofree char *path = scanner_path (s);
      g_autofree char *shown = bp_file_shown_text (s->data + s->pos, end - s->pos);

      /* Translators: the first %s names a field of the network file (keep it as it is), the second
       * is the number found there */
      return bp_file_scan_fail (s, error, _("%s is %s, a whole number too large to read "
                                            "(beyond 64 bits)"), path, shown);
    }
  s->pos = end;
  return TRUE;
}

gboolean
bp_file_scan_word (Scanner  *s,
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
        return bp_file_scan_truncated (s, error);
    }
  shown = bp_file_shown_text (s->data + s->pos, length);
  /* Translators: %s is the word found in the file; true, false and null are JSON words and stay as
   * they are */
  return bp_file_scan_fail (s, error,
                            _("unexpected word “%s”; JSON knows only true, false and null"),
                            shown);
}

gboolean
bp_file_scan_unexpected (Scanner  *s,
                         GError  **error)
{
  gunichar c = g_utf8_get_char (s->data + s->pos);
  char text[8] = { 0 };

  if (c == '/')
    return bp_file_scan_fail (s, error, _("unexpected “/”: JSON has no comments"));
  if (c == '\'')
    return bp_file_scan_fail (s, error, _("unexpected “'”: JSON strings take double quotes"));
  if (g_unichar_iscntrl (c) || c == 0xFEFF)
    /* Translators: %04X is the code of an invisible character, as in U+00A0 */
    return bp_file_scan_fail (s, error, _("unexpected character U+%04X"), c);
  g_unichar_to_utf8 (c, text);
  return bp_file_scan_fail (s, error, _("unexpected character “%s”"), text);
}
