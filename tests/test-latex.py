# SPDX-License-Identifier: GPL-3.0-or-later
"""`backprop-cli explain --latex` as a user compiles it: the document of one-example and
dataset networks, in English, German, Spanish, French, Italian and Brazilian Portuguese and
(falling back to English) in Japanese and Arabic, goes through plain pdflatex (Debian's
texlive-latex-base) without an error or a missing character, and its PDF holds every number
of the Markdown of the same worked example.

Usage: test-latex.py BACKPROP-CLI PO-BUILD-DIR WORK-DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import ok, check, finish, run, shown  # noqa: E402

CLI, LOCALEDIR, WORK = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
GERMAN = "de_DE.UTF-8"

# pdflatex makes the T1 fonts' bitmaps once (mktexpk) and keeps them here between runs.
os.makedirs(WORK, exist_ok=True)
os.environ.setdefault("TEXMFVAR", os.path.join(WORK, "texmf-var"))

NUMBER = re.compile(r"\d+(?:[.,]\d+)?(?:e[+-]\d+)?")


def german_locale():
    p = run(["locale", "-a"])
    return any(name.lower().replace("-", "") in ("de_de.utf8",)
               for name in p.stdout.split())


def has_locale(wanted):
    p = run(["locale", "-a"])
    return any(name.lower().replace("-", "") == wanted for name in p.stdout.split())


def environ(lang):
    env = dict(os.environ, BACKPROP_LOCALEDIR=LOCALEDIR)
    env.pop("LANGUAGE", None)
    env["LC_ALL"] = "C.UTF-8"
    if lang == "de" and german_locale():
        env["LC_ALL"] = GERMAN          # the decimal comma too
    elif lang != "en" and has_locale("en_us.utf8"):
        # glibc from about 2.41 on (forky) ignores LANGUAGE under C.UTF-8; Debian 12's
        # 2.36 honours it there too.
        env["LC_ALL"] = "en_US.UTF-8"
    if lang != "en":
        env["LANGUAGE"] = lang
    return env


def numbers(text):
    """The numbers of a worked example, '.' decimals, without the indices of the names."""
    text = re.sub(r"\[[^\]\n]*\]", " ", text)
    text = text.replace("\u2212", "-")
    return {n.replace(",", ".") for n in NUMBER.findall(text)}


def compile_tex(tex, directory, name):
    """pdflatex in `directory`; returns (problems, text of the PDF)."""
    path = os.path.join(directory, name + ".tex")
    with open(path, "w", encoding="utf-8") as f:
        f.write(tex)
    p = run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", name + ".tex"],
            cwd=directory, timeout=300)
    problems = []
    log_path = os.path.join(directory, name + ".log")
    log = open(log_path, encoding="latin-1").read() if os.path.exists(log_path) else ""
    if p.returncode != 0:
        problems.append(shown(p)[-3000:])
    if "Missing character" in log:
        problems += [line for line in log.splitlines() if "Missing character" in line][:10]
    if "Unicode character" in log or "! " in log:
        problems += [line for line in log.splitlines() if line.startswith("!")][:10]
    pdf = os.path.join(directory, name + ".pdf")
    if not os.path.exists(pdf):
        return problems + ["no PDF written"], ""
    t = run(["pdftotext", "-enc", "UTF-8", pdf, "-"])
    if t.returncode != 0:
        problems.append(shown(t))
    return problems, t.stdout


NETWORKS = {
    # One example: tanh and sigmoid, squared error, 2-3-1 written out in full.
    "one-example": ["--sizes", "2,3,1", "--activations", "tanh,sigmoid", "--seed", "42",
                    "--input", "1,-0.5", "--target", "0.75", "--learning-rate", "0.25"],
    # Cross-entropy, ReLU, leaky ReLU, a sum of more than 8 terms written with Σ.
    "cross-entropy": ["--sizes", "10,2,2,1", "--activations", "relu,leaky-relu,sigmoid",
                      "--loss", "cross-entropy", "--seed", "3",
                      "--input", "1,-1,0.5,2,-0.25,0.125,3,-2,1e-07,0"],
    # Above 200 parameters: tables and samples.
    "large": ["--sizes", "64,32,10", "--activations", "relu,sigmoid", "--seed", "5"],
    # Dataset mode: a spiral with squared features, the first training point as the sample.
    "dataset": ["--sizes", "4,5,1", "--activations", "tanh,sigmoid", "--seed", "9",
                "--dataset", "spiral", "--features", "x1,x2,x1_squared,x2_squared",
                "--points", "100"],
}
LANGUAGES = ["en", "de", "es", "fr", "it", "pt_BR", "ja", "ar"]
FALLBACK = {"ja", "ar"}


def main():
    # Without them the test fails: it must not pass on a machine that cannot check.
    for program, package in (("pdflatex", "texlive-latex-base"), ("pdftotext", "poppler-utils")):
        if shutil.which(program) is None:
            check(f"{program} is installed", [f"install Debian's {package}"])
            finish()
    work = tempfile.mkdtemp(prefix="backprop-latex-")
    english = {}
    for name, args in NETWORKS.items():
        path = os.path.join(work, name + ".json")
        p = run([CLI, "new", *args, "--output", path])
        if p.returncode != 0:
            check(f"{name}: backprop-cli new", [shown(p)])
            continue
        for lang in LANGUAGES:
            case = f"{name} in {lang}"
            env = environ(lang)
            tex = run([CLI, "explain", "--latex", path], env=env)
            md = run([CLI, "explain", "--markdown", path], env=env)
            problems = []
            if tex.returncode != 0 or md.returncode != 0:
                check(case, [shown(tex), shown(md)])
                continue
            if not tex.stdout.startswith("% ") or "\\documentclass{article}" not in tex.stdout:
                problems.append("not a LaTeX document")
            for package in ("\\usepackage[utf8]{inputenc}", "\\usepackage[T1]{fontenc}",
                            "\\usepackage{amsmath}"):
                if package not in tex.stdout:
                    problems.append("no " + package)
            if "\\frac{\\partial L}{\\partial W^{(0)}_{0,0}}" not in tex.stdout:
                problems.append("∂L/∂W[0][0][0] is not written as \\frac{\\partial L}{…}")
            directory = os.path.join(work, f"{name}-{lang}")
            os.makedirs(directory)
            compiled, text = compile_tex(tex.stdout, directory, "worked")
            problems += compiled
            expected = numbers(md.stdout)
            if len(expected) < 20:
                problems.append(f"only {len(expected)} numbers in the Markdown")
            missing = sorted(expected - numbers(text))
            if missing:
                problems.append(f"{len(missing)} numbers of the Markdown are not in the PDF: "
                                + " ".join(missing[:20]))
            if lang == "en":
                english[name] = tex.stdout
            if lang in FALLBACK:
                if tex.stdout != english.get(name):
                    problems.append("the fallback is not the English document")
                # The note is translated; "LaTeX" and "pdflatex" stay as they are.
                if "LaTeX" not in tex.stderr or "pdflatex" not in tex.stderr:
                    problems.append("stderr does not say the document is in English: "
                                    + tex.stderr)
            elif tex.stderr != "":
                problems.append("unexpected stderr: " + tex.stderr)
            if lang not in FALLBACK and lang != "en" and tex.stdout == english.get(name):
                problems.append("the document is not translated")
            check(case, problems)

    # German numbers: 0,25 with a decimal comma, written {,} in math so that no space
    # follows the comma.
    if german_locale():
        path = os.path.join(work, "one-example.json")
        tex = run([CLI, "explain", "--latex", path], env=environ("de"))
        ok("0{,}25" in tex.stdout and "Vorwärtsdurchlauf" in tex.stdout,
           "German: decimal comma and German headings")
    shutil.rmtree(work, ignore_errors=True)

    # Usage: --latex excludes the other forms.
    p = run([CLI, "explain", "--latex", "--json", "x.json"])
    check("--latex with --json is a usage error",
          [] if p.returncode == 2 and "--latex" in p.stderr else [shown(p)])
    p = run([CLI, "explain", "--help"])
    check("explain --help lists --latex", [] if "--latex" in p.stdout else [shown(p)])
    finish()


main()
