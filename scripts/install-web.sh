#!/usr/bin/env bash
# Fetch the chat widget (rasa-webchat, from the npm registry) once, check its
# pinned sha512, and keep only its standalone bundle under web/vendor/ so that
# the demo page is served from localhost and works offline (no CDN).
# The bundle's @import of Google Fonts is removed: visitors' browsers must not
# contact a third party, and the page sets a system font instead.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE=rasa-webchat
VERSION=1.0.1
INTEGRITY="sha512-Ld1zVJvTAaTrs6A5p8t70agNNrKYRyXlvqXZRgBoDvKKUXbA0jhJKECi5bdPGlaR6jsmqWtVylHS+YqIqo0x8w=="
DEST=web/vendor/rasa-webchat
STAMP="$DEST/.installed-$VERSION"

[ -f "$STAMP" ] && { echo "Chat widget $PACKAGE@$VERSION already in $DEST."; exit 0; }
command -v npm >/dev/null 2>&1 || {
  echo "error: npm was not found; it is needed once to fetch the chat widget $PACKAGE@$VERSION." >&2
  echo "       Install Node.js and npm (Debian: apt-get install nodejs npm) and run again." >&2
  exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Fetching $PACKAGE@$VERSION from the npm registry..."
(cd "$work" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null 2>"$work/npm.log") || {
  echo "error: 'npm pack $PACKAGE@$VERSION' failed:" >&2; cat "$work/npm.log" >&2; exit 1; }
tarball="$work/$PACKAGE-$VERSION.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$INTEGRITY" ]; then
  echo "error: $PACKAGE@$VERSION does not match its pinned sha512 (got $actual); not installed." >&2
  exit 1
fi
tar xzf "$tarball" -C "$work" package/lib/index.js package/LICENSE
rm -rf "$DEST" && mkdir -p "$DEST"
sed -e 's#@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700\&display=swap);##g' \
  "$work/package/lib/index.js" >"$DEST/webchat.js"
if grep -q "fonts.googleapis.com" "$DEST/webchat.js"; then
  echo "error: could not remove the Google Fonts import from the widget bundle." >&2; exit 1
fi
cp "$work/package/LICENSE" "$DEST/LICENSE"
touch "$STAMP"
echo "Chat widget installed in $DEST ($(du -k "$DEST/webchat.js" | cut -f1) kB, Apache-2.0)."
