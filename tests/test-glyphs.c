/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Japanese and Chinese render without missing glyphs: every translation of po/ja.po and
 * po/zh_CN.po, looked up through the build's compiled catalogue as the app looks it up, is
 * laid out with Pango in the fonts the app uses (the UI's Cantarell and the diagram's Sans,
 * with fontconfig's fallback) and must need no "unknown glyph" box. Pango on a Cairo image
 * surface needs no display.
 *
 * Usage: test-glyphs [--tap] LANG.po…; BACKPROP_LOCALEDIR names the folder holding
 * LANG/LC_MESSAGES/backprop.mo (the build's po folder). */
#include "config.h"

#include <glib.h>
#include <inttypes.h>
#include <libintl.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <string.h>

/* A translation read from a .po file. */
typedef struct
{
  char *msgctxt;
  char *msgid;
  char *msgid_plural;
  char *msgstr;           /* msgstr, or msgstr[0] for a message with plural forms */
  char *shown;            /* what the compiled catalogue gives for msgid */
  gboolean fuzzy;
  guint line;
} PoEntry;

static void
po_entry_free (PoEntry *entry)
{
  g_free (entry->msgctxt);
  g_free (entry->msgid);
  g_free (entry->msgid_plural);
  g_free (entry->msgstr);
  g_free (entry->shown);
  g_free (entry);
}

/* The text of a quoted .po string, with its C escapes undone. */
static char *
po_unquote (const char *quoted)
{
  g_autofree char *inner = NULL;
  const char *start = strchr (quoted, '"');
  const char *end = strrchr (quoted, '"');

  g_assert_nonnull (start);
  g_assert_true (end > start);
  inner = g_strndup (start + 1, end - start - 1);
  return g_strcompress (inner);
}

static void
append_to (char **field, const char *quoted)
{
  g_autofree char *text = po_unquote (quoted);
  char *joined = g_strconcat (*field != NULL ? *field : "", text, NULL);

  g_free (*field);
  *field = joined;
}

/* Every message of a .po file but its header, in file order. Only what the test needs:
 * obsolete (#~) entries are skipped, and the plural forms after msgstr[0] are ignored,
 * since both languages have a single form. */
static GPtrArray *
po_parse (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) po_entry_free);
  PoEntry *entry = NULL;
  char **field = NULL;
  gboolean fuzzy = FALSE;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "#,") && strstr (line, "fuzzy") != NULL)
        fuzzy = TRUE;
      if (*line == '#' || *line == '\0')
        {
          field = NULL;
          continue;
        }
      if (*line == '"')
        {
          g_assert_nonnull (field);
          append_to (field, line);
          continue;
        }
      /* A msgctxt or a msgid after a msgstr starts the next message. */
      if (g_str_has_prefix (line, "msgctxt ")
          || (g_str_has_prefix (line, "msgid ") && (entry == NULL || entry->msgid != NULL)))
        {
          entry = g_new0 (PoEntry, 1);
          entry->line = i + 1;
          entry->fuzzy = fuzzy;
          fuzzy = FALSE;
          g_ptr_array_add (entries, entry);
        }
      g_assert_nonnull (entry);
      if (g_str_has_prefix (line, "msgctxt "))
        field = &entry->msgctxt;
      else if (g_str_has_prefix (line, "msgid_plural "))
        field = &entry->msgid_plural;
      else if (g_str_has_prefix (line, "msgid "))
        field = &entry->msgid;
      else if (g_str_has_prefix (line, "msgstr ") || g_str_has_prefix (line, "msgstr[0] "))
        field = &entry->msgstr;
      else if (g_str_has_prefix (line, "msgstr["))
        {
          field = NULL;   /* further plural forms: not needed, see above */
          continue;
        }
      else
        g_error ("%s:%u: cannot read “%s”", path, i + 1, line);
      append_to (field, line);
    }

  /* The header is the message with the empty msgid. */
  if (entries->len > 0 && g_strcmp0 (((PoEntry *) entries->pdata[0])->msgid, "") == 0)
    g_ptr_array_remove_index (entries, 0);
  return g_steal_pointer (&entries);
}

/* TEXT with the <inttypes.h> directives that .po files write as "%<PRIu64>" spelt as the
 * compiler spells them ("%lu"): msgfmt stores such messages in that form, so this is the
 * msgid the program looks up and the msgstr it receives. */
static char *
expand_inttypes (const char *text)
{
  static const char *const macros[][2] = {
    { "<PRId64>", PRId64 }, { "<PRIi64>", PRIi64 }, { "<PRIu64>", PRIu64 },
    { "<PRIx64>", PRIx64 }, { "<PRIX64>", PRIX64 }, { "<PRIo64>", PRIo64 },
  };
  g_autoptr(GString) expanded = g_string_new (text);

  for (guint i = 0; i < G_N_ELEMENTS (macros); i++)
    g_string_replace (expanded, macros[i][0], macros[i][1], 0);
  return g_string_free (g_steal_pointer (&expanded), FALSE);
}

/* The translation the app would show, looked up in the compiled catalogue for the language
 * LANGUAGE names. */
static char *
catalogue_lookup (const PoEntry *entry)
{
  g_autofree char *msgid = expand_inttypes (entry->msgid);
  g_autofree char *key = NULL;

  if (entry->msgid_plural != NULL)
    {
      g_autofree char *plural = expand_inttypes (entry->msgid_plural);

      return g_strdup (dngettext (GETTEXT_PACKAGE, msgid, plural, 1));
    }
  if (entry->msgctxt == NULL)
    return g_strdup (dgettext (GETTEXT_PACKAGE, msgid));

  /* As g_dpgettext2 () does, without the copy it keeps for an untranslated message. */
  key = g_strconcat (entry->msgctxt, "\004", msgid, NULL);
  return g_strdup (dgettext (GETTEXT_PACKAGE, key));
}

/* Every message of PATH, with what the catalogue of its language gives. This runs before
 * any test, while the program has a single thread: LANGUAGE changes only then. */
static GPtrArray *
load_language (const char *path,
               const char *language)
{
  GPtrArray *entries = po_parse (path);

  /* glibc reads LANGUAGE afresh, and forgets the translations it found, only when the
   * locale changes: hence the detour through "C". Since glibc 2.41 or so it ignores
   * LANGUAGE under C.UTF-8 as under C, so a real locale goes first where it exists. */
  g_setenv ("LANGUAGE", language, TRUE);
  g_assert_nonnull (setlocale (LC_ALL, "C"));
  if (setlocale (LC_ALL, "en_US.UTF-8") == NULL)
    g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  for (guint i = 0; i < entries->len; i++)
    {
      PoEntry *entry = entries->pdata[i];

      entry->shown = catalogue_lookup (entry);
    }
  g_unsetenv ("LANGUAGE");
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  return entries;
}

/* How many characters of TEXT Pango finds no glyph for in FAMILY, with fallback. */
static int
unknown_glyphs (PangoContext *context,
                const char   *family,
                const char   *text,
                gboolean      markup)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, family);
  pango_font_description_set_size (font, 11 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, 320 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return pango_layout_get_unknown_glyphs_count (layout);
}

/* A Pango context as the app's drawing gets one: Cairo's font map, for LANGUAGE, so that
 * fallback prefers that language's forms of the Han characters. */
static PangoContext *
context_for (const char *language)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);

  pango_context_set_language (context, pango_language_from_string (language));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return context;
}

static const char *const families[] = { "Cantarell", "Sans" };

/* The control: a private-use character has no glyph in any font of the system, so the
 * count this test relies on does see a missing glyph, and a CJK string does not. */
static void
test_control (void)
{
  PangoContext *context = context_for ("ja");

  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    {
      g_assert_cmpint (unknown_glyphs (context, families[f], "A \xee\x80\x80 B", FALSE), >, 0);
      g_assert_cmpint (unknown_glyphs (context, families[f], "<b>\xee\x80\x80</b>", TRUE), >, 0);
      g_assert_cmpint (unknown_glyphs (context, families[f], "AB", FALSE), ==, 0);
    }
  g_object_unref (context);
}

/* A language under test: its .po file and what its catalogue gives. */
typedef struct
{
  const char *path;
  char *language;
  GPtrArray *entries;
} Language;

static void
test_language (gconstpointer data)
{
  const Language *lang = data;
  PangoContext *context = context_for (lang->language);
  guint checked = 0, failures = 0;

  g_assert_cmpuint (lang->entries->len, >, 100);
  for (guint i = 0; i < lang->entries->len; i++)
    {
      const PoEntry *entry = lang->entries->pdata[i];
      g_autofree char *expected = NULL;
      gboolean markup;

      if (entry->msgstr == NULL || *entry->msgstr == '\0' || entry->fuzzy)
        {
          g_test_message ("%s:%u: “%s” is not translated", lang->path, entry->line,
                          entry->msgid);
          failures++;
          continue;
        }

      expected = expand_inttypes (entry->msgstr);
      if (g_strcmp0 (entry->shown, expected) != 0)
        {
          g_test_message ("%s:%u: the compiled catalogue gives “%s” for “%s”, not “%s”",
                          lang->path, entry->line, entry->shown, entry->msgid, expected);
          failures++;
          continue;
        }

      /* The diagram's hover boxes are Pango markup. */
      markup = strstr (entry->msgid, "<b>") != NULL || strstr (entry->msgid, "<i>") != NULL;
      for (guint f = 0; f < G_N_ELEMENTS (families); f++)
        {
          int unknown = unknown_glyphs (context, families[f], entry->shown, markup);

          if (unknown != 0)
            {
              g_test_message ("%s:%u: %d missing glyph(s) in %s: “%s”",
                              lang->path, entry->line, unknown, families[f], entry->shown);
              failures++;
            }
        }
      checked++;
    }

  g_object_unref (context);
  g_test_message ("%s: %u translations laid out", lang->language, checked);
  g_assert_cmpuint (failures, ==, 0);
  g_assert_cmpuint (checked, ==, lang->entries->len);
}

int
main (int argc, char *argv[])
{
  const char *localedir = g_getenv ("BACKPROP_LOCALEDIR");
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (localedir == NULL)
    g_error ("BACKPROP_LOCALEDIR must name the build's po folder");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/bp/glyphs/control", test_control);
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *base = g_path_get_basename (argv[i]);
      g_autofree char *name = NULL;
      Language *lang = g_new0 (Language, 1);

      if (!g_str_has_suffix (base, ".po"))
        g_error ("%s is not a .po file", argv[i]);
      lang->path = argv[i];
      lang->language = g_strndup (base, strlen (base) - strlen (".po"));
      lang->entries = load_language (lang->path, lang->language);
      g_ptr_array_add (languages, lang);
      name = g_strconcat ("/bp/glyphs/", lang->language, NULL);
      g_test_add_data_func (name, lang, test_language);
    }
  status = g_test_run ();

  for (guint i = 0; i < languages->len; i++)
    {
      Language *lang = languages->pdata[i];

      g_ptr_array_unref (lang->entries);
      g_free (lang->language);
      g_free (lang);
    }
  return status;
}
