#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every language in po/LINGUAS is complete and keeps what must not change.

For each language: msgfmt --check --check-format passes and reports every message of
the template translated (no fuzzy, no untranslated); every msgstr keeps the printf
placeholders of its msgid, balanced Pango markup with the same tags and line count, and
the notation that is never translated (η, ∂L/∂w, dL/dw, x1, tanh, sigmoid, ReLU).
po/GLOSSARY.md exists.

Usage: test-po.py SOURCE_ROOT
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import check, finish, run  # noqa: E402

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
PO = os.path.join(SRC, "po")

# Kept as they are in every language (po/GLOSSARY.md, "Never translated").
KEPT_TOKENS = ["η", "∂L/∂w", "dL/dw", "x1", "tanh", "sigmoid", "ReLU"]

# One printf directive: %%, %N$…, flags, width, precision, length, conversion, or the
# <inttypes.h> macros that xgettext writes as %<PRIu64>.
DIRECTIVE = re.compile(
    r"%(?:(?P<pos>\d+)\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:(?P<pri><PRI[a-zA-Z0-9]+>)|(?P<len>hh|h|ll|l|L|q|j|z|t)?(?P<conv>[diouxXeEfFgGaAcsp%]))")
TAG = re.compile(r"<(/?)([a-zA-Z]+)\b[^<>]*?(/?)>")
INTEGER_KINDS = {"d", "i", "u", "o", "x", "X"}


def unquote(s):
    s = s.strip()
    if len(s) < 2 or s[0] != '"' or s[-1] != '"':
        raise ValueError(f"not a quoted string: {s}")
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)),
                  s[1:-1])


def parse_po(path):
    """The entries of a .po file: dicts with flags, ctx, id, plural and strs."""
    entries, cur, field = [], None, None

    def flush():
        if cur is not None and cur.get("id") is not None and not cur["obsolete"]:
            entries.append(cur)

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                cur, field = None, None
                continue
            if cur is None:
                cur = {"flags": set(), "ctx": None, "id": None, "plural": None, "strs": {},
                       "obsolete": False}
            if line.startswith("#~"):
                cur["obsolete"] = True
                continue
            if line.startswith("#,"):
                cur["flags"].update(x.strip() for x in line[2:].split(","))
                continue
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
            if m:
                kw = m.group(1)
                field = ("strs", int(m.group(2) or 0)) if kw.startswith("msgstr") else (
                    {"msgctxt": "ctx", "msgid": "id", "msgid_plural": "plural"}[kw], None)
                value = unquote(m.group(3))
                if field[0] == "strs":
                    cur["strs"][field[1]] = value
                else:
                    cur[field[0]] = value
            elif field is not None:
                value = unquote(line)
                if field[0] == "strs":
                    cur["strs"][field[1]] += value
                else:
                    cur[field[0]] += value
    flush()
    return entries


def directives(s):
    """The arguments a format consumes, in argument order, as (length, conversion)."""
    found = []
    for i, m in enumerate(DIRECTIVE.finditer(s)):
        if m.group("conv") == "%":
            continue
        kind = m.group("pri") or ((m.group("len") or "") + m.group("conv"))
        pos = int(m.group("pos")) if m.group("pos") else None
        found.append((pos, i, kind))
    if any(p is not None for p, _, _ in found):
        found.sort(key=lambda x: (x[0] if x[0] is not None else 10**6, x[1]))
    return [k for _, _, k in found]


def is_integer(kind):
    return kind.startswith("<PRI") or kind[-1] in INTEGER_KINDS


def format_problems(entry, label):
    """printf placeholders of each msgstr against its msgid (and msgid_plural)."""
    if "c-format" not in entry["flags"]:
        return []
    problems = []
    want_one = directives(entry["id"])
    want_many = directives(entry["plural"]) if entry["plural"] is not None else want_one
    for k, s in sorted(entry["strs"].items()):
        if not s:
            continue
        got = directives(s)
        if entry["plural"] is None:
            ok = got == want_one
        else:
            # A plural form may leave out the count (Arabic's forms for one or two say the
            # number in words), but every other placeholder stays.
            ok = got in (want_one, want_many) or any(
                is_integer(want_many[i]) and got == want_many[:i] + want_many[i + 1:]
                for i in range(len(want_many)))
        if not ok:
            problems.append(f"{label}: msgstr[{k}] has placeholders {got}, "
                            f"the msgid has {want_many}")
    return problems


def tags(s):
    """Pango markup tags of a string outside printf directives, and whether they nest."""
    s = DIRECTIVE.sub("", s)
    stack, names, balanced = [], [], True
    for m in TAG.finditer(s):
        closing, name, selfclosing = m.group(1), m.group(2), m.group(3)
        names.append(("/" if closing else "") + name)
        if selfclosing:
            continue
        if closing:
            if not stack or stack.pop() != name:
                balanced = False
        else:
            stack.append(name)
    return sorted(names), balanced and not stack


def markup_problems(entry, label):
    problems = []
    want, _ = tags(entry["id"])
    for k, s in sorted(entry["strs"].items()):
        if not s:
            continue
        got, balanced = tags(s)
        if not balanced:
            problems.append(f"{label}: msgstr[{k}] has unbalanced markup: {s!r}")
        elif got != want:
            problems.append(f"{label}: msgstr[{k}] has tags {got}, the msgid has {want}")
        if want and s.count("\n") != entry["id"].count("\n"):
            problems.append(f"{label}: msgstr[{k}] has {s.count(chr(10)) + 1} lines, "
                            f"the msgid has {entry['id'].count(chr(10)) + 1}")
    return problems


# Invisible characters a right-to-left translation puts around and inside notation: bidi
# marks and isolates, and word joiners that keep "∂L/∂w" on one line.
INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u2060\u2066\u2067\u2068\u2069"))


def token_problems(entry, label):
    problems = []
    source = entry["id"] + "\n" + (entry["plural"] or "")
    for token in KEPT_TOKENS:
        if token not in source:
            continue
        for k, s in sorted(entry["strs"].items()):
            if s and token not in s.translate(INVISIBLE):
                problems.append(f"{label}: msgstr[{k}] lost “{token}”: {s!r}")
    return problems


def key(entry):
    return (entry["ctx"], entry["id"])


def statistics_problems(lang, path, template):
    p = run(["msgfmt", "--check", "--check-format", "--statistics", "-o", os.devnull, path],
            env=dict(os.environ, LC_ALL="C", LANGUAGE=""))
    out = (p.stdout + p.stderr).strip()
    problems = []
    if p.returncode != 0:
        problems.append(f"msgfmt --check failed (exit {p.returncode}):\n{out}")
    m = re.search(r"(\d+) translated messages?", out)
    translated = int(m.group(1)) if m else 0
    fuzzy = re.search(r"(\d+) fuzzy translations?", out)
    untranslated = re.search(r"(\d+) untranslated messages?", out)
    if fuzzy:
        problems.append(f"{fuzzy.group(1)} fuzzy")
    if untranslated:
        problems.append(f"{untranslated.group(1)} untranslated")
    if translated != len(template):
        problems.append(f"{translated} of the template's {len(template)} messages translated")
    # msgfmt counts what the .po holds: a .po not merged with the current template may
    # still lack some of its messages.
    done = {key(e) for e in parse_po(path)
            if e["id"] and "fuzzy" not in e["flags"] and e["strs"] and all(e["strs"].values())}
    missing = [e["id"] for e in template if key(e) not in done]
    if missing:
        problems.append(f"{len(missing)} messages of the template missing or untranslated, "
                        f"such as {missing[0]!r}")
    if problems:
        problems.insert(0, f"{lang}: {out.splitlines()[-1] if out else 'no statistics'}")
    return problems


def main():
    with open(os.path.join(PO, "LINGUAS"), encoding="utf-8") as f:
        langs = [w for line in f for w in line.split("#")[0].split()]
    check("po/LINGUAS lists languages", [] if langs else ["po/LINGUAS is empty"])

    template = [e for e in parse_po(os.path.join(PO, "backprop.pot")) if e["id"]]
    incomplete = []
    for lang in langs:
        path = os.path.join(PO, f"{lang}.po")
        if not os.path.exists(path):
            check(f"{lang}: complete, msgfmt --check clean", [f"{path} is missing"])
            incomplete.append(lang)
            continue
        problems = statistics_problems(lang, path, template)
        check(f"{lang}: complete, msgfmt --check clean", problems)
        if problems:
            incomplete.append(lang)

        kept = []
        for e in parse_po(path):
            if not e["id"]:
                continue
            label = f"{lang}.po " + (f"[{e['ctx']}] " if e["ctx"] else "") + repr(e["id"][:60])
            kept += format_problems(e, label) + markup_problems(e, label) + \
                token_problems(e, label)
        check(f"{lang}: placeholders, markup and notation kept", kept)

    check("po/GLOSSARY.md exists",
          [] if os.path.isfile(os.path.join(PO, "GLOSSARY.md")) else ["po/GLOSSARY.md is missing"])
    if incomplete:
        print(f"# incomplete: {' '.join(incomplete)}")
    finish()


if __name__ == "__main__":
    main()
