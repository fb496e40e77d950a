/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-explain-latex.c: the worked example as a LaTeX document, from the same writer and the
 * same translated sentences as the text and the Markdown.
 *
 * The document compiles with plain pdflatex and nothing beyond Debian's texlive-latex-base
 * (inputenc, fontenc with T1, amsmath). The formulas, written by bp-explain-forward.c and
 * bp-explain-backward.c in the notation of the text (W[0][1][2], ∂L/∂z[1][0], Σₖ, ·), become
 * real LaTeX math here: W^{(0)}_{1,2}, \frac{\partial L}{\partial z^{(1)}_{0}}, \sum_{k},
 * \cdot. Prose is escaped character by character, its notation set as math.
 *
 * T1 fonts hold the Latin scripts only, so the document is in the language of the user
 * interface for German, Spanish, French, Italian and Brazilian Portuguese, and in English
 * (with '.' decimals) for every other language.
 */
#define G_LOG_DOMAIN "bp-explain"

#include "config.h"

#include "bp-explain-private.h"

#include <glib/gi18n.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

#define PARTIAL_L "∂L/∂"

/* The translations whose script T1 fonts can set (po/LINGUAS' Latin-script languages). */
static const char * const latin_languages[] = { "de", "es", "fr", "it", "pt_BR", };

/* Unicode of the translations and of the notation that the T1 text fonts do not hold. */
static const struct {
  const char *utf8;
  const char *text;     /* in a paragraph */
  const char *math;     /* in a formula */
} symbols[] = {
  { "·", "\\ensuremath{\\cdot}", "\\cdot " },
  { "−", "\\ensuremath{-}", "-" },
  { "←", "\\ensuremath{\\leftarrow}", "\\leftarrow " },
  { "→", "\\ensuremath{\\rightarrow}", "\\rightarrow " },
  { "×", "\\ensuremath{\\times}", "\\times " },
  { "²", "\\ensuremath{^{2}}", "^{2}" },
  { "½", "\\ensuremath{\\tfrac{1}{2}}", "\\tfrac{1}{2}" },
  { "…", "\\dots{}", "\\dots " },
  { "Σ", "\\ensuremath{\\Sigma}", "\\sum" },
  { "ₖ", "\\ensuremath{_{k}}", "_{k}" },
  { "ᵢ", "\\ensuremath{_{i}}", "_{i}" },
  { "η", "\\ensuremath{\\eta}", "\\eta " },
  { "δ", "\\ensuremath{\\delta}", "\\delta " },
  { "σ", "\\ensuremath{\\sigma}", "\\sigma " },
  { "∂", "\\ensuremath{\\partial}", "\\partial " },
  { "\u00a0", "~", "~" },             /* no-break space */
  { "\u202f", "\\,", "\\," },         /* narrow no-break space, as French writes "x :" */
  { "\u2009", "\\,", "\\," },         /* thin space */
  { "\u2010", "-", "-" },             /* hyphen */
  { "\u2011", "\\mbox{-}", "-" },     /* non-breaking hyphen */
};

/* The activation functions and the logarithm, as the formulas name them. */
static const struct {
  const char *name;
  const char *math;
} functions[] = {
  { "leaky-relu", "\\operatorname{leaky\\text{-}relu}" },
  { "linear", "\\operatorname{linear}" },
  { "ln", "\\ln " },
  { "relu", "\\operatorname{relu}" },
  { "sigmoid", "\\sigma " },
  { "tanh", "\\tanh " },
};

/* Text */

/* Characters of the Latin scripts and their punctuation, which inputenc's utf8 maps to T1 (or
 * to the TS1 symbols the LaTeX kernel loads). */
static gboolean
is_t1_character (gunichar c)
{
  static const gunichar punctuation[] = {
    0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2039, 0x203A,
  };

  if (c >= 0xA1 && c <= 0x17F)
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (punctuation); k++)
    if (c == punctuation[k])
      return TRUE;
  return FALSE;
}

static const char *
symbol_at (const char *p,
           gboolean    math,
           gsize      *length)
{
  for (guint k = 0; k < G_N_ELEMENTS (symbols); k++)
    if (g_str_has_prefix (p, symbols[k].utf8))
      {
        *length = strlen (symbols[k].utf8);
        return math ? symbols[k].math : symbols[k].text;
      }
  return NULL;
}

/* One character of text at `p`, escaped; returns the next. */
static const char *
append_text_char (GString    *out,
                  const char *p)
{
  gsize length = 0;
  const char *symbol = symbol_at (p, FALSE, &length);
  gunichar c;

  if (symbol != NULL)
    {
      g_string_append (out, symbol);
      return p + length;
    }
  switch (*p)
    {
    case '\\': g_string_append (out, "\\textbackslash{}"); return p + 1;
    case '{': case '}': case '$': case '&': case '#': case '_': case '%':
      g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
      return p + 1;
    case '^': g_string_append (out, "\\textasciicircum{}"); return p + 1;
    case '~': g_string_append (out, "\\textasciitilde{}"); return p + 1;
    case '<': g_string_append (out, "\\textless{}"); return p + 1;
    case '>': g_string_append (out, "\\textgreater{}"); return p + 1;
    case '|': g_string_append (out, "\\textbar{}"); return p + 1;
    case '"': g_string_append (out, "\\textquotedbl{}"); return p + 1;
    case '`': g_string_append (out, "\\textasciigrave{}"); return p + 1;
    /* "--" would be a dash, "''" a closing quote: T1's ligatures. */
    case '-': case '\'': case ',': case '!': case '?':
      g_string_append_c (out, *p);
      if (p[1] == *p || (*p == '!' && p[1] == '`') || (*p == '?' && p[1] == '`'))
        g_string_append (out, "{}");
      return p + 1;
    case '\001': case '\002':
      return p + 1;
    default:
      break;
    }
  c = g_utf8_get_char (p);
  if (c < 0x80 && (g_ascii_isprint (*p) || *p == '\n'))
    g_string_append_c (out, *p);
  else if (is_t1_character (c))
    g_string_append_len (out, p, g_utf8_next_char (p) - p);
  else
    /* No Latin translation has one; never an error that stops pdflatex. */
    g_string_append_c (out, '?');
  return g_utf8_next_char (p);
}

static void
append_text (GString    *out,
             const char *p,
             const char *end)
{
  while (p < end && *p != '\0')
    p = append_text_char (out, p);
}

/* Formulas */

static gboolean
is_name_start (const char *p)
{
  return g_ascii_isalpha (*p) || g_str_has_prefix (p, "δ");
}

static const char *append_math (GString *out, const char *p, const char *end);

/* A letter with its indices: a[0] is a^{(0)}, y[k] is y_{k}, z[1][0] is z^{(1)}_{0},
 * W[0][1][2] is W^{(0)}_{1,2}: the layer above, the neurons below. */
static const char *
append_symbol (GString    *out,
               const char *p,
               const char *end)
{
  const char *q = g_utf8_next_char (p);
  const char *group[3];
  const char *group_end[3];
  guint n = 0;

  while (q < end && *q == '[' && n < G_N_ELEMENTS (group))
    {
      const char *close = memchr (q, ']', end - q);

      if (close == NULL)
        break;
      group[n] = q + 1;
      group_end[n++] = close;
      q = close + 1;
    }
  if (g_ascii_isalpha (*p))
    g_string_append_c (out, *p);
  else
    g_string_append (out, "\\delta ");
  if (n == 0)
    return q;
  if (n == 1 && *p != 'a')
    {
      g_string_append (out, "_{");
      append_math (out, group[0], group_end[0]);
      g_string_append (out, "}");
      return q;
    }
  g_string_append (out, "^{(");
  append_math (out, group[0], group_end[0]);
  g_string_append (out, ")}");
  if (n == 1)
    return q;
  g_string_append (out, "_{");
  for (guint k = 1; k < n; k++)
    {
      if (k > 1)
        g_string_append_c (out, ',');
      append_math (out, group[k], group_end[k]);
    }
  g_string_append (out, "}");
  return q;
}

/* ∂L/∂z[1][0] as \frac{\partial L}{\partial z^{(1)}_{0}}; `p` is at ∂L/∂. */
static const char *
append_partial (GString    *out,
                const char *p,
                const char *end)
{
  p += strlen (PARTIAL_L);
  if (p >= end || !is_name_start (p))
    {
      g_string_append (out, "\\partial L/\\partial ");
      return p;
    }
  g_string_append (out, "\\frac{\\partial L}{\\partial ");
  p = append_symbol (out, p, end);
  g_string_append (out, "}");
  return p;
}

/* A number as printf's %g writes it, with the locale's decimal separator: 0,5 stays 0,5
 * (not "0, 5"), 1e-07 keeps its e. */
static const char *
append_number (GString    *out,
               const char *p,
               const char *end)
{
  while (p < end && g_ascii_isdigit (*p))
    g_string_append_c (out, *p++);
  if (p + 1 < end && (*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
    {
      g_string_append (out, *p == ',' ? "{,}" : ".");
      for (p++; p < end && g_ascii_isdigit (*p); p++)
        g_string_append_c (out, *p);
    }
  if (p + 2 < end && *p == 'e' && (p[1] == '-' || p[1] == '+') && g_ascii_isdigit (p[2]))
    {
      g_string_append_printf (out, "\\mathrm{e}{%c}", p[1]);
      for (p += 2; p < end && g_ascii_isdigit (*p); p++)
        g_string_append_c (out, *p);
    }
  return p;
}

/* The end of the word at `p` (letters, and the hyphen of leaky-relu). */
static const char *
word_end (const char *p,
          const char *end)
{
  while (p < end && g_unichar_isalpha (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (p + 1 < end && *p == '-' && g_ascii_isalpha (p[1]))
    return word_end (p + 1, end);
  return p;
}

static const char *
function_math (const char *p,
               const char *end)
{
  for (guint k = 0; k < G_N_ELEMENTS (functions); k++)
    if ((gsize) (end - p) == strlen (functions[k].name)
        && strncmp (p, functions[k].name, end - p) == 0)
      return functions[k].math;
  return NULL;
}

/* A word of a language, not notation: set upright as text. Hyphens inside it are only kept
 * for leaky-relu, so a word is letters only. */
static gboolean
is_text_word (const char *p,
              const char *end)
{
  const char *stop;

  if (p >= end || *p == '\001')
    return p < end;
  if (!g_unichar_isalpha (g_utf8_get_char (p)) || symbol_at (p, TRUE, &(gsize) { 0 }) != NULL)
    return FALSE;
  stop = word_end (p, end);
  if (function_math (p, stop) != NULL)
    return FALSE;
  return g_utf8_strlen (p, stop - p) > 1 || !g_ascii_isalpha (*p);
}

/* `p` at '^': the exponent, a group in parentheses or one symbol or number. */
static const char *
append_exponent (GString    *out,
                 const char *p,
                 const char *end)
{
  const char *q = p + 1;

  g_string_append (out, "^{");
  if (q < end && *q == '(')
    {
      int depth = 0;
      const char *close = q;

      for (; close < end; close++)
        if ((depth += *close == '(' ? 1 : *close == ')' ? -1 : 0) == 0)
          break;
      close = MIN (close + 1, end);
      append_math (out, q, close);
      q = close;
    }
  else if (q < end && is_name_start (q))
    q = append_symbol (out, q, end);
  else
    q = append_number (out, q, end);
  g_string_append (out, "}");
  return q;
}

static const char *
append_text_word (GString    *out,
                  const char *p,
                  const char *end)
{
  const char *stop;

  if (*p == '\001')
    {
      stop = memchr (p, '\002', end - p);
      stop = stop != NULL ? stop : end;
      g_string_append (out, "\\text{");
      append_text (out, p + 1, stop);
      g_string_append (out, "}");
      return MIN (stop + 1, end);
    }
  stop = word_end (p, end);
  g_string_append (out, "\\text{");
  append_text (out, p, stop);
  g_string_append (out, "}");
  return stop;
}

/* Spaces are lost in math: beside words they stay (a control space), a wide gap becomes a
 * quad. */
static const char *
append_space (GString    *out,
              const char *p,
              const char *end,
              gboolean    after_text)
{
  const char *q = p;

  while (q < end && *q == ' ')
    q++;
  if (q == end)
    return q;
  if (q - p >= 3)
    g_string_append (out, "\\quad ");
  else if (after_text || is_text_word (q, end))
    g_string_append (out, "\\ ");
  else
    g_string_append_c (out, ' ');
  return q;
}

static const char *
append_math (GString    *out,
             const char *p,
             const char *end)
{
  gboolean after_text = FALSE;

  while (p < end && *p != '\0')
    {
      gboolean text = FALSE;
      const char *math;
      gsize length = 0;

      if (*p == ' ')
        p = append_space (out, p, end, after_text);
      else if (g_str_has_prefix (p, PARTIAL_L))
        p = append_partial (out, p, end);
      else if (g_str_has_prefix (p, "δ["))
        p = append_symbol (out, p, end);
      else if ((math = symbol_at (p, TRUE, &length)) != NULL)
        {
          g_string_append (out, math);
          p += length;
        }
      else if (g_ascii_isdigit (*p))
        p = append_number (out, p, end);
      else if (*p == '^')
        p = append_exponent (out, p, end);
      else if ((text = is_text_word (p, end)))
        p = append_text_word (out, p, end);
      else if (g_ascii_isalpha (*p) && (math = function_math (p, word_end (p, end))) != NULL)
        {
          g_string_append (out, math);
          p = word_end (p, end);
        }
      else if (g_ascii_isalpha (*p))
        p = append_symbol (out, p, end);
      else if (strchr ("{}%#&$_", *p) != NULL)
        {
          g_string_append_printf (out, "\\%c", *p);
          p++;
        }
      else if (*p == '~' || *p == '\\' || *p == '"' || *p == '|' || (guchar) *p >= 0x80)
        {
          const char *next = g_utf8_next_char (p);

          g_string_append (out, "\\text{");
          append_text (out, p, next);
          g_string_append (out, "}");
          p = next;
        }
      else
        g_string_append_c (out, *p++);
      if (*(p - 1) != ' ')
        after_text = text;
    }
  return p;
}

/* Prose: text, with the notation in it (a[l][j], ∂L/∂z) as math. */
static void
append_prose (GString    *out,
              const char *text)
{
  const char *end = text + strlen (text);
  gboolean after_word = FALSE;

  for (const char *p = text; p < end;)
    {
      gunichar c = g_utf8_get_char (p);

      if ((is_name_start (p) && !after_word && *g_utf8_next_char (p) == '[')
          || g_str_has_prefix (p, PARTIAL_L))
        {
          g_string_append_c (out, '$');
          p = g_str_has_prefix (p, PARTIAL_L) ? append_partial (out, p, end)
                                              : append_symbol (out, p, end);
          g_string_append_c (out, '$');
          after_word = TRUE;
          continue;
        }
      after_word = g_unichar_isalnum (c);
      p = append_text_char (out, p);
    }
}

/* The writer's pieces (see bp-explain-doc.c) */

void
bp_latex_begin (Doc *d)
{
  g_string_append (d->out,
                   "% The worked example of Backprop: one forward pass, one backward pass and\n"
                   "% one step of gradient descent. Compile it with pdflatex.\n"
                   "\\documentclass{article}\n"
                   "\\usepackage[utf8]{inputenc}\n"
                   "\\usepackage[T1]{fontenc}\n"
                   "\\usepackage{amsmath}\n"
                   "\\setlength{\\parindent}{0pt}\n"
                   "\\setlength{\\parskip}{0.6\\baselineskip}\n"
                   "\\setlength{\\emergencystretch}{3em}\n"
                   "\\begin{document}\n\n");
}

void
bp_latex_end (Doc *d)
{
  g_string_append (d->out, "\n\\end{document}\n");
}

void
bp_latex_end_block (Doc *d)
{
  if (d->block == BLOCK_LINES)
    g_string_append (d->out, "\\end{flushleft}\n\n");
  else if (d->block == BLOCK_TABLE)
    g_string_append (d->out, "\\end{tabular}\n\n");
  d->block = BLOCK_NONE;
}

void
bp_latex_heading (Doc        *d,
                  int         level,
                  const char *text)
{
  static const char * const commands[] = { "section", "subsection", "subsubsection" };

  /* Ragged right: a long title in a language whose hyphenation pdflatex does not load
   * (only English's is) wraps at a space rather than sticking out. */
  g_string_append_printf (d->out, "\\%s*{\\raggedright ", commands[CLAMP (level, 1, 3) - 1]);
  append_prose (d->out, text);
  g_string_append (d->out, "}\n\n");
}

void
bp_latex_para (Doc        *d,
               const char *text)
{
  append_prose (d->out, text);
  g_string_append (d->out, "\n\n");
}

/* A line of formulas, its own paragraph that wraps at + and = with a hanging indent; NULL
 * opens the block. Indented lines (continuations) stay indented. */
void
bp_latex_line (Doc        *d,
               const char *line)
{
  const char *p = line;

  if (line == NULL)
    {
      g_string_append (d->out, "\\begin{flushleft}\n");
      return;
    }
  while (*p == ' ')
    p++;
  /* A blank line inside a block (between two parameters' chains) is a little space. */
  if (g_str_has_suffix (d->out->str, "\n\n"))
    g_string_append (d->out, "\\medskip\n");
  g_string_append (d->out, "\\hangindent=3em ");
  if (p > line)
    g_string_append (d->out, "\\hspace*{2em}");
  /* Display style: fractions and sums as large as in a textbook's displayed equation. */
  g_string_append (d->out, "$\\displaystyle ");
  append_math (d->out, p, p + strlen (p));
  g_string_append (d->out, "$\\par\n");
}

void
bp_latex_table_begin (Doc                *d,
                      const char * const *headers,
                      guint               n_cells)
{
  g_string_append (d->out, "\\begin{tabular}{l");
  for (guint c = 1; c < n_cells; c++)
    g_string_append_c (d->out, 'r');
  g_string_append (d->out, "}\n");
  bp_latex_table_row (d, headers, n_cells);
  g_string_append (d->out, "\\hline\n");
}

void
bp_latex_table_row (Doc                *d,
                    const char * const *cells,
                    guint               n_cells)
{
  for (guint c = 0; c < n_cells; c++)
    {
      g_string_append (d->out, c == 0 ? "$" : " & $");
      append_math (d->out, cells[c], cells[c] + strlen (cells[c]));
      g_string_append_c (d->out, '$');
    }
  g_string_append (d->out, " \\\\\n");
}

/* The language of the user interface: that of the translation gettext uses, read from its
 * header ("Language: de"), or English when none is used. */
static char *
ui_language (void)
{
  const char *header = dgettext (GETTEXT_PACKAGE, "");
  const char *field = header != NULL ? strstr (header, "Language: ") : NULL;

  if (field == NULL)
    return g_strdup ("en");
  field += strlen ("Language: ");
  return g_strndup (field, strcspn (field, "\n"));
}

/**
 * bp_explain_latex_in_ui_language:
 *
 * Whether bp_explain_latex() writes in the language of the user interface: English and the
 * Latin-script translations (de, es, fr, it, pt_BR) yes; every other language (Arabic,
 * Japanese, Ukrainian, Chinese) no: plain pdflatex cannot set their scripts, and the
 * document is in English.
 *
 * Returns: %FALSE if the LaTeX form falls back to English
 */
gboolean
bp_explain_latex_in_ui_language (void)
{
  g_autofree char *language = ui_language ();

  if (g_str_equal (language, "en") || g_str_has_prefix (language, "en_"))
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (latin_languages); k++)
    if (g_str_equal (language, latin_languages[k]))
      return TRUE;
  return FALSE;
}

/**
 * bp_explain_latex_fallback_note:
 *
 * Returns: the sentence that tells the user the LaTeX form is in English, in their language
 */
const char *
bp_explain_latex_fallback_note (void)
{
  /* Translators: shown when the worked example is exported as LaTeX in a language whose
   * script plain pdflatex cannot set (Arabic, Japanese, Ukrainian, Chinese); "LaTeX" and
   * "pdflatex" are names */
  return _("The LaTeX file is in English: plain pdflatex cannot set this language’s script.");
}

/**
 * bp_explain_latex_escape:
 * @text: UTF-8 text, such as a translated sentence
 *
 * @text as LaTeX source for a paragraph: the characters LaTeX reserves (\ { } $ & # ^ _ % ~)
 * escaped, the notation (a[l][j], ∂L/∂w, η) as math.
 *
 * Returns: (transfer full): LaTeX source
 */
char *
bp_explain_latex_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  append_prose (out, text);
  return g_string_free (out, FALSE);
}

/**
 * bp_explain_latex:
 * @net: a network whose forward and backward passes are current
 *
 * The worked example of bp_explain_markdown() as a standalone LaTeX document for pdflatex,
 * in the language of the user interface when bp_explain_latex_in_ui_language() says so and
 * otherwise in English with '.' decimals.
 *
 * Returns: (transfer full): the LaTeX source
 */
char *
bp_explain_latex (const BpNet *net)
{
  locale_t english = (locale_t) 0;
  locale_t saved = (locale_t) 0;
  char *text;

  g_return_val_if_fail (net != NULL, NULL);

  /* The "C" locale of this thread alone: gettext ignores LANGUAGE under it, and printf
   * writes '.' decimals. */
  if (!bp_explain_latex_in_ui_language ())
    english = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  if (english != (locale_t) 0)
    saved = uselocale (english);
  text = bp_explain_document (net, FALSE, TRUE);
  if (english != (locale_t) 0)
    {
      uselocale (saved);
      freelocale (english);
    }
  return text;
}
