#!/usr/bin/env bash
# Fetch what the web pages need from the npm registry, once, each package checked
# against its pinned sha512, and keep only the files used, so that the pages are
# served from localhost and work offline (no CDN):
#
#   rasa-webchat  the chat widget's standalone bundle  -> web/vendor/rasa-webchat/  (required)
#   vazirmatn     the Persian font, Regular and Bold    -> web/vendor/vazirmatn/     (optional: else system fonts)
#   axe-core      the accessibility checker of the browser test, never served to visitors
#                                                       -> build/vendor/axe-core/    (optional: else that check fails)
#
# The widget bundle's @import of Google Fonts is removed: visitors' browsers must not
# contact a third party. Exits 1 only when the widget could not be installed.
set -euo pipefail
cd "$(dirname "$0")/.."

WIDGET_VERSION=1.0.1
WIDGET_INTEGRITY="sha512-Ld1zVJvTAaTrs6A5p8t70agNNrKYRyXlvqXZRgBoDvKKUXbA0jhJKECi5bdPGlaR6jsmqWtVylHS+YqIqo0x8w=="
WIDGET_DEST=web/vendor/rasa-webchat
FONT_VERSION=33.0.3
FONT_INTEGRITY="sha512-fbjNc0CMjazZpIegWzz9OHGzI1APFboT+x7ZecXlUCtDe/nkyx7gtCTZnWS/+eeXG7fbfXymCPKJI8EsnM3iqw=="
FONT_DEST=web/vendor/vazirmatn
AXE_VERSION=4.14.1
AXE_INTEGRITY="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
AXE_DEST=build/vendor/axe-core

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Each step below ends with `|| return 1` where it can fail: `set -e` does not stop a function called
# as the left side of `||`.
# fetch NAME VERSION INTEGRITY: unpack the checked package into $work/NAME/package, or say why not (status 1).
fetch() {
  local name=$1 version=$2 integrity=$3 dir="$work/$1" tarball actual
  command -v npm >/dev/null 2>&1 || {
    echo "error: npm was not found; it is needed once to fetch $name@$version." >&2
    echo "       Install Node.js and npm (Debian: apt-get install nodejs npm) and run again." >&2
    return 1
  }
  mkdir -p "$dir"
  echo "Fetching $name@$version from the npm registry..."
  (cd "$dir" && npm pack --silent "$name@$version" >/dev/null 2>"$dir/npm.log") || {
    echo "error: 'npm pack $name@$version' failed:" >&2; cat "$dir/npm.log" >&2; return 1; }
  tarball="$dir/$name-$version.tgz"
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    echo "error: $name@$version does not match its pinned sha512 (got $actual); not installed." >&2
    return 1
  fi
  tar xzf "$tarball" -C "$dir"
}

install_widget() {
  local src="$work/rasa-webchat/package"
  fetch rasa-webchat "$WIDGET_VERSION" "$WIDGET_INTEGRITY" || return 1
  rm -rf "$WIDGET_DEST" && mkdir -p "$WIDGET_DEST" || return 1
  sed -e 's#@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700\&display=swap);##g' \
    "$src/lib/index.js" >"$WIDGET_DEST/webchat.js" || return 1
  if grep -q "fonts.googleapis.com" "$WIDGET_DEST/webchat.js"; then
    echo "error: could not remove the Google Fonts import from the widget bundle." >&2
    rm -rf "$WIDGET_DEST"; return 1
  fi
  cp "$src/LICENSE" "$WIDGET_DEST/LICENSE" || return 1
  touch "$WIDGET_DEST/.installed-$WIDGET_VERSION"
  echo "Chat widget installed in $WIDGET_DEST ($(du -k "$WIDGET_DEST/webchat.js" | cut -f1) kB, Apache-2.0)."
}

install_font() {
  local src="$work/vazirmatn/package"
  fetch vazirmatn "$FONT_VERSION" "$FONT_INTEGRITY" || return 1
  rm -rf "$FONT_DEST" && mkdir -p "$FONT_DEST" || return 1
  # The static Regular and Bold (about 50 kB each); the package's variable font is a 240 kB TTF.
  cp "$src/fonts/webfonts/Vazirmatn-Regular.woff2" "$src/fonts/webfonts/Vazirmatn-Bold.woff2" "$src/OFL.txt" "$FONT_DEST/" || return 1
  touch "$FONT_DEST/.installed-$FONT_VERSION"
  echo "Persian font installed in $FONT_DEST ($(du -ck "$FONT_DEST"/*.woff2 | tail -1 | cut -f1) kB, SIL OFL 1.1)."
}

install_axe() {
  local src="$work/axe-core/package"
  fetch axe-core "$AXE_VERSION" "$AXE_INTEGRITY" || return 1
  rm -rf "$AXE_DEST" && mkdir -p "$AXE_DEST" || return 1
  cp "$src/axe.min.js" "$src/LICENSE" "$AXE_DEST/" || return 1
  touch "$AXE_DEST/.installed-$AXE_VERSION"
  echo "Accessibility checker for the browser test installed in $AXE_DEST (axe-core, MPL-2.0)."
}

status=0
if [ -f "$WIDGET_DEST/.installed-$WIDGET_VERSION" ]; then
  echo "Chat widget rasa-webchat@$WIDGET_VERSION already in $WIDGET_DEST."
else
  install_widget || status=1
fi
if [ ! -f "$FONT_DEST/.installed-$FONT_VERSION" ]; then
  install_font || { rm -rf "$FONT_DEST"
    echo "warning: no Persian web font (see above): the pages use the system fonts." >&2; }
fi
if [ ! -f "$AXE_DEST/.installed-$AXE_VERSION" ]; then
  install_axe || { rm -rf "$AXE_DEST"
    echo "warning: no axe-core (see above): the browser test's accessibility check fails." >&2; }
fi
# make's target is the widget's stamp: newer than this script once everything is in place.
[ "$status" -ne 0 ] || touch "$WIDGET_DEST/.installed-$WIDGET_VERSION"
exit "$status"
