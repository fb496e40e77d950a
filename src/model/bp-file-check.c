/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file-check.c: stage 1 of reading a network file, the bytes.
 *
 * A strict JSON checker of our own, run before json-glib sees the bytes: it refuses nesting
 * deep enough to overflow json-glib's recursive parser, integers it would wrap around,
 * duplicate keys it would merge silently, and the extensions it accepts beyond JSON, and it
 * tells truncation and syntax errors apart.
 */

#define G_LOG_DOMAIN "bp-file"

#include "config.h"

#include "bp-file-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* json-glib spends about 100 bytes on every value it reads, so the number of values is capped
 * too: the largest network and its sample, with room to spare. */
#define MAX_VALUES (BP_MAX_PARAMS + (1u << 20))

static gboolean
count_value (Scanner  *s,
             GError  **error)
{
  if (++s->n_values <= MAX_VALUES)
    return TRUE;
  /* Translators: both numbers are the same limit */
  return bp_file_scan_fail (s, error, _("the file holds more than %u values; a network file holds "
                                        "at most %u"), MAX_VALUES, MAX_VALUES);
}

static gboolean
scan_open (Scanner  *s,
           gboolean  is_object,
           GError  **error)
{
  ScanFrame *frame;

  if (s->depth == MAX_DEPTH)
    return bp_file_scan_fail (s, error,
                              _("the file nests arrays or objects more than %d levels deep"),
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
  return bp_file_scan_fail (s, error, _("the file is not valid JSON: expected %s, found %s"),
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
      ok = bp_file_scan_key (s, error);
      s->expect = EXPECT_COLON;
      return ok;
    }
  if (!count_value (s, error))
    return FALSE;
  if (c == '"')
    ok = bp_file_scan_string (s, NULL, error);
  else if (c == '-' || g_ascii_isdigit (c))
    ok = bp_file_scan_number (s, error);
  else
    ok = bp_file_scan_word (s, error);
  value_done (s);
  return ok;
}

static gboolean
scan_token (Scanner  *s,
            GError  **error)
{
  char c = s->data[s->pos];

  if (strchr ("{}[],:\"-", c) == NULL && !g_ascii_isalnum (c))
    return bp_file_scan_unexpected (s, error);
  if (!token_allowed (s, c))
    return scan_misplaced (s, error);

  switch (c)
    {
    case '{':
    case '[':
      return scan_open (s, c == '{', error);
    case '}':
    case ']':
      bp_file_scanner_pop (s);
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
gboolean
bp_file_scan_json (const char  *data,
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
    ok = bp_file_scan_truncated (&s, error);
  bp_file_scanner_clear (&s);
  return ok;
}

gboolean
bp_file_check_text (const char  *data,
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
    return bp_file_scan_fail (&s, error, _("the file holds a zero byte; it is not a text file"));
  /* Translators: 0x%02X is the byte in hexadecimal, such as 0xFF */
  return bp_file_scan_fail (&s, error, _("the file is not UTF-8 text: byte 0x%02X is invalid"),
                            (guchar) *end);
}
