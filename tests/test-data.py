#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The desktop-integration data as Flathub and GNOME check it, offline, as TAP.

test-data.py SRCDIR BUILDDIR

Runs desktop-file-validate, appstreamcli validate with Flathub's error levels,
glib-compile-schemas --strict and xmllint, then checks with XPath what appstreamcli 0.16
does not (name and summary length, screenshots and their files, URLs, branding, developer,
release notes), the GSettings keys the app relies on, the MIME type as GIO sees it, the
Flatpak manifest and po/POTFILES.in.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from taplib import check, finish, run, shown

APP_ID = "io.github.backproplab.Backprop"
MIME_TYPE = "application/x-backprop-network+json"
EXERCISES_MIME_TYPE = "application/x-backprop-exercises+json"
GETTEXT_DOMAIN = "backprop"
SCREENSHOT_URL = "https://raw.githubusercontent.com/backproplab/backprop/main/data/screenshots/"
FINISH_ARGS = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]
# Mirrors Flathub's error levels on appstreamcli 0.16 (../shared/RECIPES.md).
AS_OVERRIDES = ("content-rating-missing=error,releases-info-missing=error,"
                "desktop-app-launchable-omitted=error,name-has-dot-suffix=error,"
                "cid-desktopapp-is-not-rdns=error,cid-has-number-prefix=error,"
                "category-invalid=error,screenshot-no-caption=warning,"
                "summary-has-dot-suffix=warning")

src, build = (os.path.abspath(p) for p in sys.argv[1:3])
# Where the build puts each program, under build/src.
PROGRAM_DIRS = {"backprop": "app", "backprop-cli": "cli"}
data_src = os.path.join(src, "data")
data_build = os.path.join(build, "data")
desktop_built = os.path.join(data_build, APP_ID + ".desktop")
metainfo_built = os.path.join(data_build, APP_ID + ".metainfo.xml")
mime_src = os.path.join(data_src, APP_ID + ".mime.xml")

def read_desktop(path):
    entry = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^([A-Za-z0-9-]+)=(.*)$", line.rstrip("\n"))
            if m:
                entry[m.group(1)] = m.group(2)
    return entry


# -- desktop file ---------------------------------------------------------------------------

p = run(["desktop-file-validate", desktop_built])
bad = [l for l in (p.stdout + p.stderr).splitlines() if re.search(r"\b(error|warning):", l)]
check("desktop-file-validate reports no error or warning",
      [shown(p)] if p.returncode != 0 or bad else [])

desktop = read_desktop(desktop_built) if os.path.exists(desktop_built) else {}
problems = []
if desktop.get("Icon") != APP_ID:
    problems.append(f"Icon={desktop.get('Icon')}, expected the app id {APP_ID}")
if desktop.get("Exec", "").split()[:1] != ["backprop"]:
    problems.append(f"Exec={desktop.get('Exec')} does not start the program backprop")
if "%F" not in desktop.get("Exec", "").split() and "%U" not in desktop.get("Exec", "").split():
    problems.append("Exec takes no files (%F), so a file manager cannot open a network")
cats = desktop.get("Categories", "").split(";")
for c in ("Education", "Science"):
    if c not in cats:
        problems.append(f"Categories lacks {c}")
for mime_type in (MIME_TYPE, EXERCISES_MIME_TYPE):
    if mime_type not in desktop.get("MimeType", "").split(";"):
        problems.append(f"MimeType lacks {mime_type}")
for key in ("Name", "Comment", "Keywords"):
    if not desktop.get(key):
        problems.append(f"{key} is missing")
if desktop.get("StartupNotify") != "true":
    problems.append("StartupNotify is not true")
# D-Bus activation would need a D-Bus service file, which is not installed.
if desktop.get("DBusActivatable") == "true":
    problems.append("DBusActivatable=true without a D-Bus service file")
check("desktop file: icon, Exec %F, categories, MIME type, StartupNotify", problems)

# -- metainfo -------------------------------------------------------------------------------

p = run(["appstreamcli", "validate", "--no-net", "--explain",
         "--override=" + AS_OVERRIDES, metainfo_built])
check("appstreamcli validate with Flathub's error levels passes", [shown(p)] if p.returncode else [])
print("# " + "\n# ".join((p.stdout + p.stderr).strip().splitlines()[-1:]))

try:
    root = ET.parse(metainfo_built).getroot()
except (OSError, ET.ParseError) as e:
    root = ET.Element("component")
    check("metainfo parses", [e])


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def untranslated(elements):
    """The elements in the source language: the merged file adds xml:lang copies."""
    return [e for e in elements if e.get(XML_LANG) is None]


def texts(xpath):
    return [(e.text or "").strip() for e in untranslated(root.findall(xpath))]


problems = []
if texts("id") != [APP_ID]:
    problems.append(f"id is {texts('id')}, expected {APP_ID}")
name = texts("name")
if len(name) != 1 or not name[0] or len(name[0]) > 20:
    problems.append(f"one untranslated <name> of 1 to 20 characters, found {name}")
summary = texts("summary")
if len(summary) != 1 or not summary[0] or len(summary[0]) > 35:
    problems.append(f"one untranslated <summary> of 1 to 35 characters, found {summary}")
elif summary[0].endswith("."):
    problems.append(f"summary ends with a dot: {summary[0]!r}")
paragraphs = untranslated(root.findall("description/p") + root.findall("description/ul/li"))
if len(paragraphs) < 3:
    problems.append(f"the description has only {len(paragraphs)} paragraphs and items")
check("metainfo: id, name ≤ 20, summary ≤ 35 without a dot, a real description", problems)

problems = []
shots = root.findall("screenshots/screenshot")
if len(shots) < 1:
    problems.append("no screenshots")
if len([s for s in shots if s.get("type") == "default"]) != 1:
    problems.append("exactly one screenshot must be the default")
for s in shots:
    caption = untranslated(s.findall("caption"))
    image = (s.findtext("image") or "").strip()
    if not caption or not (caption[0].text or "").strip():
        problems.append(f"screenshot {image} has no caption")
    if not image.startswith(SCREENSHOT_URL):
        problems.append(f"screenshot {image} is not under {SCREENSHOT_URL}")
        continue
    local = os.path.join(data_src, "screenshots", image[len(SCREENSHOT_URL):])
    try:
        with open(local, "rb") as f:
            if f.read(8) != b"\x89PNG\r\n\x1a\n":
                problems.append(f"{local} is not a PNG")
    except OSError as e:
        problems.append(f"screenshot {image}: {e}")
check("metainfo: every screenshot has a caption and its file is in data/screenshots", problems)

problems = []
for kind in ("homepage", "bugtracker"):
    urls = [u for u in root.findall("url") if u.get("type") == kind]
    if len(urls) != 1 or not (urls[0].text or "").startswith("https://github.com/backproplab/backprop"):
        problems.append(f"<url type=\"{kind}\"> missing or not the project's")
colours = {c.get("scheme_preference"): (c.text or "").strip()
           for c in root.findall("branding/color") if c.get("type") == "primary"}
for scheme in ("light", "dark"):
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colours.get(scheme, "")):
        problems.append(f"no {scheme} primary branding colour (#rrggbb)")
if colours.get("light") and colours.get("light") == colours.get("dark"):
    problems.append("the light and dark branding colours are the same")
if not [t for t in texts("developer/name") if t] or not root.find("developer").get("id"):
    problems.append("<developer id=…><name> missing")
check("metainfo: homepage, bug tracker, light and dark branding, developer", problems)

problems = []
releases = root.findall("releases/release")
if not releases:
    problems.append("no releases")
for r in releases:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.get("date", "")):
        problems.append(f"release {r.get('version')} has no date")
    if r.find("description") is None or not list(r.find("description")):
        problems.append(f"release {r.get('version')} has no notes")
project_version = None
for line in open(os.path.join(src, "meson.build"), encoding="utf-8"):
    m = re.match(r"\s*version:\s*'([^']+)'", line)
    if m:
        project_version = m.group(1)
        break
if releases and releases[0].get("version") != project_version:
    problems.append(f"newest release {releases[0].get('version')} is not the project's "
                    f"version {project_version}")
check("metainfo: releases have a date and notes; the newest is the project version", problems)

problems = []
launchables = [(l.get("type"), (l.text or "").strip()) for l in root.findall("launchable")]
if launchables != [("desktop-id", APP_ID + ".desktop")]:
    problems.append(f"launchable {launchables}, expected the desktop file {APP_ID}.desktop")
if not os.path.exists(os.path.join(data_build, APP_ID + ".desktop")):
    problems.append("the launchable's desktop file is not built")
if root.find("content_rating") is None or root.find("content_rating").get("type") != "oars-1.1":
    problems.append("no OARS 1.1 content rating")
if [(t.get("type"), (t.text or "").strip()) for t in root.findall("translation")] != \
        [("gettext", GETTEXT_DOMAIN)]:
    problems.append(f"<translation type=\"gettext\">{GETTEXT_DOMAIN}</translation> missing")
binaries = sorted(texts("provides/binary"))
if binaries != ["backprop", "backprop-cli"]:
    problems.append(f"provides binaries {binaries}, expected backprop and backprop-cli")
for b in binaries:
    if not os.access(os.path.join(build, "src", PROGRAM_DIRS[b], b), os.X_OK):
        problems.append(f"provided binary {b} is not built")
for mime_type in (MIME_TYPE, EXERCISES_MIME_TYPE):
    if mime_type not in texts("provides/mediatype"):
        problems.append(f"provides no mediatype {mime_type}")
check("metainfo: launchable, OARS, translation domain, provided binaries and type", problems)

# -- GSettings ------------------------------------------------------------------------------

p = run(["glib-compile-schemas", "--strict", "--dry-run", data_src])
check("glib-compile-schemas --strict accepts the schema", [shown(p)] if p.returncode else [])

expected = {
    "window-width": ("1280", None),
    "window-height": ("800", None),
    "window-maximized": ("false", None),
    "palette": ("'automatic'", "enum\n'automatic'\n'colour-blind-safe'\n'high-contrast'"),
    "animation-speed": ("1.0", "range d 0.25 4.0"),
    "play-rate": ("10.0", "range d 0.20000000000000001 1000.0"),
    "play-fastest": ("false", None),
    "diagram-zoom": ("1.0", "range d 0.5 4.0"),
    "loss-chart-scale": ("'automatic'", "enum\n'automatic'\n'linear'\n'logarithmic'"),
    "scale-max-params": ("10000000", "range i 10 10000000"),
    "show-health": ("true", None),
    "show-ghosts": ("true", None),
    "side-panel-visible": ("true", None),
    "side-panel-page": ("'guide'", "enum\n'guide'\n'math'\n'check'\n'landscape'\n'practice'"),
    "landscape-span": ("1.0", "range d 0.01 100.0"),
    "landscape-grid": ("41", "range i 11 81"),
}
env = dict(os.environ, GSETTINGS_SCHEMA_DIR=data_build, GSETTINGS_BACKEND="memory")
problems = []
p = run(["gsettings", "list-keys", APP_ID], env=env)
keys = sorted(p.stdout.split())
if keys != sorted(expected):
    problems.append(f"keys {keys}\nexpected {sorted(expected)}\n{p.stderr}")
for key, (default, rng) in expected.items():
    got = run(["gsettings", "get", APP_ID, key], env=env).stdout.strip()
    if got != default:
        problems.append(f"{key} defaults to {got!r}, expected {default!r}")
    if rng:
        got = run(["gsettings", "range", APP_ID, key], env=env).stdout.strip()
        if got != rng:
            problems.append(f"{key} range {got!r}, expected {rng!r}")
p = run(["gsettings", "set", APP_ID, "animation-speed", "5"], env=env)
if p.returncode == 0:
    problems.append("animation-speed accepted 5, outside 0.25..4")
schema = ET.parse(os.path.join(data_src, APP_ID + ".gschema.xml")).getroot()
if schema.get("gettext-domain") != GETTEXT_DOMAIN:
    problems.append("the schema's summaries are not in the gettext domain")
if schema.find("schema").get("path") != "/io/github/backproplab/Backprop/":
    problems.append("schema path is not /io/github/backproplab/Backprop/")
for k in schema.iter("key"):
    if not (k.findtext("summary") or "").strip() or not (k.findtext("description") or "").strip():
        problems.append(f"key {k.get('name')} lacks a summary or description")
check("GSettings: the compiled schema's keys, defaults and ranges", problems)

# -- XML and icons --------------------------------------------------------------------------

problems = []
xml_files = []
for d, _, files in os.walk(data_src):
    xml_files += [os.path.join(d, f) for f in files if f.endswith((".svg", ".xml", ".xml.in"))]
if not [f for f in xml_files if f.endswith(".svg")]:
    problems.append("no SVG found")
for f in sorted(xml_files):
    p = run(["xmllint", "--noout", f])
    if p.returncode or p.stderr:
        problems.append(shown(p))
check(f"xmllint --noout accepts every SVG and XML file in data/ ({len(xml_files)})", problems)

icons = os.path.join(data_src, "icons", "hicolor")
colour_icon = os.path.join(icons, "scalable", "apps", APP_ID + ".svg")
symbolic_icon = os.path.join(icons, "symbolic", "apps", APP_ID + "-symbolic.svg")
problems = []
for path, size in ((colour_icon, 128), (symbolic_icon, 16)):
    try:
        svg = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        problems.append(e)
        continue
    if svg.get("viewBox") != f"0 0 {size} {size}":
        problems.append(f"{os.path.basename(path)}: viewBox {svg.get('viewBox')}, expected a {size}×{size} canvas")
    for px in (16, 32, 64, 128, 512):
        with tempfile.TemporaryDirectory() as tmp:
            png = os.path.join(tmp, "icon.png")
            p = run(["rsvg-convert", "-w", str(px), "-h", str(px), path, "-o", png])
            head = open(png, "rb").read(24) if os.path.exists(png) else b""
            if p.returncode or head[:8] != b"\x89PNG\r\n\x1a\n" or \
                    int.from_bytes(head[16:20], "big") != px:
                problems.append(f"{os.path.basename(path)} does not render at {px} px: {shown(p)}")
text = open(symbolic_icon, encoding="utf-8").read() if os.path.exists(symbolic_icon) else ""
colours = set(re.findall(r"#[0-9a-fA-F]{3,6}\b", text))
if colours != {"#2e3436"}:
    problems.append(f"the symbolic icon uses {colours or 'no colour'}, expected only #2e3436")
if re.search(r"<(image|text|linearGradient|radialGradient)\b", text):
    problems.append("the symbolic icon has images, text or gradients")
check("icons: 128 px full colour and 16 px one-colour symbolic, render at 16 to 512 px", problems)

# -- MIME type as GIO sees it ----------------------------------------------------------------

problems = []
network = '{\n  "format": "backprop-network",\n  "version": 1,\n  "sizes": [1, 1]\n}\n'
exercises = '{\n  "format": "backprop-exercises",\n  "version": 1,\n  "exercises": []\n}\n'
cases = [
    ("xor.backprop.json", network, MIME_TYPE),
    ("network", network, MIME_TYPE),             # no extension: the magic decides
    ("net.json", network, MIME_TYPE),            # *.json: the magic picks the sub-class
    ("other.json", '{"format": "geojson"}\n', "application/json"),
    ("mine.backprop-exercises", exercises, EXERCISES_MIME_TYPE),
    ("exercises.json", exercises, EXERCISES_MIME_TYPE),  # the magic of an exercise file
]
with tempfile.TemporaryDirectory() as tmp:
    packages = os.path.join(tmp, "home", "mime", "packages")
    os.makedirs(packages)
    shutil.copy(os.path.join(data_build, APP_ID + ".xml"), packages)
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, "home"), XDG_DATA_DIRS="/usr/share")
    p = run(["update-mime-database", os.path.join(tmp, "home", "mime")], env=env)
    if p.returncode or p.stderr.strip():
        problems.append(shown(p))
    for fname, content, want in cases:
        path = os.path.join(tmp, fname)
        with open(path, "w", encoding="utf-8") as f:
            f.write(content)
        p = run(["gio", "info", "-a", "standard::content-type", path], env=env)
        m = re.search(r"standard::content-type: (\S+)", p.stdout)
        got = m.group(1) if m else shown(p)
        if got != want:
            problems.append(f"{fname}: {got}, expected {want}")
mime = ET.parse(mime_src).getroot() if os.path.exists(mime_src) else ET.Element("x")
ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
t = mime.find(f"{ns}mime-type")
if t is None or t.get("type") != MIME_TYPE or \
        [s.get("type") for s in t.findall(f"{ns}sub-class-of")] != ["application/json"]:
    problems.append(f"{MIME_TYPE} is not declared as a sub-class of application/json")
check("MIME: *.backprop.json and the format magic are network files, *.backprop-exercises and "
      "its magic exercise files; other JSON is neither", problems)

# -- Flatpak manifest -----------------------------------------------------------------------

manifest_path = os.path.join(src, "flatpak", APP_ID + ".json")
problems = []
p = run(["flatpak-builder", "--show-manifest", manifest_path])
warnings = [l for l in p.stderr.splitlines() if "WARNING" in l]
if p.returncode or warnings:
    problems.append(shown(p))
try:
    manifest = json.load(open(manifest_path, encoding="utf-8"))
except (OSError, ValueError) as e:
    manifest = {}
    problems.append(f"{manifest_path}: {e}")
try:
    # flatpak-builder drops keys it does not know: the round trip must keep them all.
    if p.returncode == 0 and json.loads(p.stdout) != manifest:
        problems.append("flatpak-builder --show-manifest dropped or changed keys:\n" + p.stdout)
except ValueError as e:
    problems.append(f"--show-manifest printed no JSON: {e}")
app_id = manifest.get("id", manifest.get("app-id"))
if app_id != APP_ID:
    problems.append(f"app id {app_id}, expected {APP_ID}")
if (manifest.get("runtime"), manifest.get("sdk"), manifest.get("runtime-version")) != \
        ("org.gnome.Platform", "org.gnome.Sdk", "50"):
    problems.append("runtime is not org.gnome.Platform/org.gnome.Sdk 50")
if manifest.get("finish-args") != FINISH_ARGS:
    problems.append(f"finish-args {manifest.get('finish-args')}, expected {FINISH_ARGS}")
exec_cmd = desktop.get("Exec", "").split()[:1]
if [manifest.get("command")] != exec_cmd or not os.access(
        os.path.join(build, "src", PROGRAM_DIRS.get(str(manifest.get("command")), ""),
                     str(manifest.get("command"))), os.X_OK):
    problems.append(f"command {manifest.get('command')} is not the desktop file's Exec "
                    f"{exec_cmd} or not a built program")
modules = manifest.get("modules", [])
main = modules[-1] if modules else {}
if main.get("buildsystem") != "meson" or \
        [s.get("type") for s in main.get("sources", [])] != ["dir"] or \
        main["sources"][0].get("path") != "..":
    problems.append("the last module is not this repository built with meson")
if main.get("run-tests") is not True or main.get("test-rule") != "" or \
        main.get("test-commands") != ["meson test --suite unit --print-errorlogs"]:
    problems.append("the build does not run exactly the unit suite (no display there)")
check("Flatpak manifest: parses without warnings, sandbox, app id, command, unit tests", problems)

# -- translations ---------------------------------------------------------------------------

problems = []
listed = []
for line in open(os.path.join(src, "po", "POTFILES.in"), encoding="utf-8"):
    line = line.strip()
    if line and not line.startswith("#"):
        listed.append(line)
        if not os.path.exists(os.path.join(src, line)):
            problems.append(f"POTFILES.in lists {line}, which does not exist")
marked = re.compile(r'(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext|g_dpgettext2) ?\(|translatable="yes"')
for d, _, files in sorted(os.walk(os.path.join(src, "src"))):
    d = os.path.relpath(d, src)
    for f in sorted(files):
        rel = os.path.join(d, f)
        if f.endswith((".c", ".ui")) and marked.search(open(os.path.join(src, rel), encoding="utf-8").read()):
            if rel not in listed:
                problems.append(f"{rel} has translatable strings but is not in po/POTFILES.in")
for f in (APP_ID + ".desktop.in", APP_ID + ".metainfo.xml.in", APP_ID + ".gschema.xml",
          APP_ID + ".mime.xml"):
    if "data/" + f not in listed:
        problems.append(f"data/{f} is not in po/POTFILES.in")
check("po/POTFILES.in lists every source with translatable strings", problems)

finish()
