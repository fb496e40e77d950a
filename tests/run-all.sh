#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every test of Backprop: the whole suite in an optimised build, then again under
# AddressSanitizer and UndefinedBehaviorSanitizer, then (tests/forky.sh) the optimised build
# on Debian forky's newer GNOME stack, in a root kept in ${BACKPROP_CACHE:-/var/cache/backprop}.
# Installs what is missing with apt-get (Debian 12), and ends with one line: "N passed,
# N failed", the TAP test cases of all three runs.
set -u
cd "$(dirname "$0")/.."

# Packages the build and the tests need: python3-torch is the reference the engine is
# compared with; Xvfb, D-Bus and AT-SPI run the window and drive it like a screen reader;
# locales provides de_DE.UTF-8, whose decimal comma the locale tests need;
# texlive-latex-base's pdflatex and poppler-utils' pdftotext check the worked example's LaTeX.
packages=(
  gcc meson ninja-build pkg-config gettext
  libglib2.0-dev libjson-glib-dev libgtk-4-dev libadwaita-1-dev
  python3 python3-torch python3-gi python3-pyatspi gir1.2-atspi-2.0 at-spi2-core
  xvfb xauth dbus xdotool fonts-cantarell fonts-noto-cjk fonts-noto-core
  desktop-file-utils appstream appstream-compose libglib2.0-bin libgtk-4-bin
  shared-mime-info libxml2-utils librsvg2-bin flatpak-builder poppler-utils
  locales debootstrap texlive-latex-base
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" \
      >/dev/null || { echo "apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# The decimal-comma tests (tests/test-cli.c, /bp/cli/locale/*) need de_DE.UTF-8 generated;
# without it they skip and say so.
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  echo "Generating the de_DE.UTF-8 locale"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" sed -i 's/^# *de_DE.UTF-8/de_DE.UTF-8/' /etc/locale.gen &&
    "${sudo_cmd[@]}" locale-gen >/dev/null ||
    echo "(could not generate de_DE.UTF-8: the locale tests will be skipped)"
fi

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1

build_failed=0

# run_suite DIR [MESON SETUP OPTIONS…]
run_suite () {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 ||
      { cat "$dir.setup.log"; build_failed=$((build_failed + 1)); return; }
  fi
  echo "== Building $dir"
  if ! ninja -C "$dir" >"$dir.build.log" 2>&1; then
    cat "$dir.build.log"
    build_failed=$((build_failed + 1))
    return
  fi
  grep -E 'warning:' "$dir.build.log" && echo "(the build above printed warnings)"
  echo "== Testing $dir"
  meson test -C "$dir" --print-errorlogs --num-processes 2 "${test_args[@]}"
}

test_args=()
run_suite build
test_args=(--timeout-multiplier 4)
run_suite build-asan -Db_sanitize=address,undefined -Db_lundef=false

# The newer stack. A failure to set it up (exit 2) counts as one failure, and so does a
# failed run whose test cases all passed (a failed build, or one that printed warnings).
echo "== Debian forky: GTK 4.24, libadwaita 1.10, GLib 2.90 (tests/forky.sh)"
rm -f build-forky/meson-logs/testlog.json   # only this run's cases count
bash tests/forky.sh
forky_status=$?
if [ "$forky_status" -eq 2 ]; then
  echo "FAILED: could not set up the Debian forky root (see above)"
fi

# Count TAP cases from meson's logs. A test program that failed without reporting a failing
# case (a crash, a timeout) counts as one failure of its own.
/usr/bin/python3 - "$build_failed" "$forky_status" build build-asan build-forky <<'EOF'
import json, re, sys

failed_builds = int(sys.argv[1])
forky_status = int(sys.argv[2])
passed = failed = 0
for d in sys.argv[3:]:
    passed_before, failed_before = passed, failed
    try:
        lines = open(f"{d}/meson-logs/testlog.json").read().splitlines()
    except OSError:
        lines = []
    for line in lines:
        t = json.loads(line)
        out = t.get("stdout") or ""
        ok = len(re.findall(r"^ok\b(?!.*# SKIP)", out, re.M))
        bad = len(re.findall(r"^not ok\b", out, re.M))
        if t["result"] not in ("OK", "SKIP", "EXPECTEDFAIL") and bad == 0:
            bad = 1
            print(f"FAILED: {d}: {t['name']} ({t['result']})")
        passed += ok
        failed += bad
    if d == "build-forky" and forky_status != 0 and failed == failed_before:
        failed += 1
        print(f"FAILED: {d}: tests/forky.sh exited with {forky_status} (see above)")
    print(f"({d}: {passed - passed_before} cases passed, {failed - failed_before} failed)")
failed += failed_builds
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
EOF
