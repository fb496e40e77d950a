/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-explain-doc.c: the text and Markdown writer of the worked example.
 *
 * Headings, paragraphs, blocks of formula lines and tables, each written as plain text or
 * as Markdown (or handed to bp-explain-latex.c for LaTeX), and the limits that keep a large
 * network's example to a sample.
 */
#define G_LOG_DOMAIN "bp-explain"

#include "config.h"

#include "bp-explain-private.h"

#include <glib/gi18n.h>

void
bp_doc_end_block (Doc *d)
{
  if (d->latex)
    {
      bp_latex_end_block (d);
      return;
    }
  if (d->block == BLOCK_LINES && d->markdown)
    g_string_append (d->out, "```\n");
  if (d->block != BLOCK_NONE)
    g_string_append_c (d->out, '\n');
  d->block = BLOCK_NONE;
}

/* The columns a terminal gives the text: wide (East Asian) characters take two. */
int
bp_explain_display_width (const char *text)
{
  int width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

void
bp_doc_heading (Doc        *d,
                int         level,
                const char *text)
{
  bp_doc_end_block (d);
  if (d->latex)
    {
      bp_latex_heading (d, level, text);
      return;
    }
  if (d->markdown)
    {
      g_string_append_printf (d->out, "%.*s %s\n\n", level, "###", text);
      return;
    }

  g_string_append_printf (d->out, "%s\n", text);
  if (level < 3)
    {
      int len = bp_explain_display_width (text);

      for (int i = 0; i < len; i++)
        g_string_append_c (d->out, level == 1 ? '=' : '-');
      g_string_append_c (d->out, '\n');
    }
  g_string_append_c (d->out, '\n');
}

void
bp_doc_para (Doc        *d,
             const char *text)
{
  bp_doc_end_block (d);
  if (d->latex)
    bp_latex_para (d, text);
  else
    g_string_append_printf (d->out, "%s\n\n", text);
}

/* One line of formulas; consecutive lines form one block (a code block in Markdown,
 * so that brackets and asterisks need no escaping). */
void
bp_doc_line (Doc        *d,
             const char *line)
{
  if (d->block != BLOCK_LINES)
    {
      bp_doc_end_block (d);
      if (d->markdown)
        g_string_append (d->out, "```text\n");
      d->block = BLOCK_LINES;
      if (d->latex)
        bp_latex_line (d, NULL);
    }
  if (d->latex)
    bp_latex_line (d, line);
  else
    g_string_append_printf (d->out, "%s%s\n", d->markdown ? "" : "  ", line);
}

static void
append_padded (GString    *s,
               const char *cell,
               int         width,
               gboolean    left)
{
  int pad = MAX (0, width - bp_explain_display_width (cell));

  if (left)
    g_string_append (s, cell);
  for (int i = 0; i < pad; i++)
    g_string_append_c (s, ' ');
  if (!left)
    g_string_append (s, cell);
}

void
bp_doc_table_row (Doc                *d,
                  const char * const *cells,
                  guint               n_cells)
{
  if (d->latex)
    {
      bp_latex_table_row (d, cells, n_cells);
      return;
    }
  g_string_append (d->out, d->markdown ? "|" : "  ");
  for (guint c = 0; c < n_cells; c++)
    {
      if (d->markdown)
        g_string_append_printf (d->out, " %s |", cells[c]);
      else
        append_padded (d->out, cells[c], c == 0 ? 10 : 15, c == 0);
    }
  g_string_append_c (d->out, '\n');
}

void
bp_doc_table_begin (Doc                *d,
                    const char * const *headers,
                    guint               n_cells)
{
  bp_doc_end_block (d);
  d->block = BLOCK_TABLE;
  if (d->latex)
    {
      bp_latex_table_begin (d, headers, n_cells);
      return;
    }
  bp_doc_table_row (d, headers, n_cells);
  if (!d->markdown)
    return;
  g_string_append (d->out, "|");
  for (guint c = 0; c < n_cells; c++)
    g_string_append (d->out, c == 0 ? " --- |" : " ---: |");
  g_string_append_c (d->out, '\n');
}

void
bp_doc_line_take (Doc     *d,
                  GString *line)
{
  bp_doc_line (d, line->str);
  g_string_free (line, TRUE);
}

void
bp_doc_para_take (Doc  *d,
                  char *text)
{
  bp_doc_para (d, text);
  g_free (text);
}

/* Words (translated) inside a line of formulas: LaTeX sets them as text, not as a product
 * of variables, so they travel between the markers \001 and \002 that bp_latex_line ()
 * takes out. */
void
bp_doc_append_words (Doc        *d,
                     GString    *line,
                     const char *words)
{
  if (d->latex)
    g_string_append_printf (line, "\001%s\002", words);
  else
    g_string_append (line, words);
}

/* How many of `n` items a section lists. */
guint
bp_doc_limit (Doc   *d,
              guint  n,
              guint  sample)
{
  return d->full ? n : MIN (n, sample);
}

void
bp_doc_more (Doc   *d,
             guint  listed,
             guint  n)
{
  if (listed < n)
    /* Translators: the end of a list that was cut short in the worked example */
    bp_doc_para_take (d, g_strdup_printf (ngettext ("… and %u more, not listed.",
                                                    "… and %u more, not listed.",
                                                    n - listed),
                                          n - listed));
}

void
bp_explain_append_vector (GString      *s,
                          const double *v,
                          guint         n,
                          guint         limit)
{
  g_string_append_c (s, '(');
  for (guint i = 0; i < MIN (n, limit); i++)
    {
      if (i > 0)
        g_string_append (s, bp_explain_list_separator ());
      bp_explain_append_num (s, v[i]);
    }
  if (n > limit)
    g_string_append_printf (s, "%s…", bp_explain_list_separator ());
  g_string_append_c (s, ')');
}
