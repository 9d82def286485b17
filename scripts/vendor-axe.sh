#!/bin/sh
# Fetches axe-core from the npm registry into the browser tests' test data
# (web/testdata/axe/axe.min.js), unless that version is already there. The
# browser tests (web/a11y_browser_test.go) inject it into every page; it is
# never served by the UI. scripts/test.sh runs this before the tests.
set -eu
VERSION="${AXE_VERSION:-4.14.1}"
cd "$(dirname "$0")/.."
DEST=web/testdata/axe
if [ -f "$DEST/axe.min.js" ] && [ "$(cat "$DEST/VERSION" 2>/dev/null)" = "$VERSION" ]; then
	echo "vendor-axe: axe-core $VERSION already in $DEST"
	exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
	echo "vendor-axe: npm is not installed (apt-get install npm)" >&2
	exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "axe-core@$VERSION" >/dev/null)
tar -xzf "$tmp/axe-core-$VERSION.tgz" -C "$tmp" package/axe.min.js package/LICENSE
mkdir -p "$DEST"
cp "$tmp/package/axe.min.js" "$DEST/axe.min.js"
cp "$tmp/package/LICENSE" "$DEST/LICENSE"
echo "$VERSION" >"$DEST/VERSION"
echo "vendor-axe: axe-core $VERSION in $DEST"
