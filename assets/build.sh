#!/usr/bin/env bash
# Build Doorstep's vendored front-end assets.
#
# Compiles assets/doorstep.scss (GOV.UK Frontend + project styles) and copies
# GOV.UK Frontend's JS and Leaflet into src/doorstep/web/static/. The outputs
# are committed, so installing or running Doorstep never needs node or npm.
# Run via `make assets` (or `bash assets/build.sh`) after changing
# doorstep.scss or package.json, then commit the changed files under static/.
#
# Deliberately NOT copied: GOV.UK Frontend's fonts (GDS Transport) and images
# (crown favicons/icons, crest, Open Graph image) - they are for GOV.UK only.
set -euo pipefail

ASSETS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$ASSETS_DIR")"
STATIC_DIR="$ROOT_DIR/src/doorstep/web/static"
NM="$ASSETS_DIR/node_modules"

cd "$ASSETS_DIR"

echo "==> npm ci"
# --ignore-scripts: nothing we need has an install step (sass's optional
# file watcher is only used by `sass --watch`).
npm ci --ignore-scripts --no-audit --no-fund

echo "==> compiling doorstep.scss"
mkdir -p "$STATIC_DIR/doorstep"
"$NM/.bin/sass" \
  --style=compressed \
  --no-source-map \
  --load-path="$NM" \
  --quiet-deps \
  --silence-deprecation=import \
  "$ASSETS_DIR/doorstep.scss" \
  "$STATIC_DIR/doorstep/doorstep.css"

# Copy a JS file without its trailing sourceMappingURL comment: the .map
# files are not vendored, and Django's ManifestStaticFilesStorage fails
# collectstatic on a reference to a missing source map.
copy_js_without_sourcemap() {
  sed -e 's|//# sourceMappingURL=[^ ]*\.map[[:space:]]*$||' "$1" > "$2"
}

echo "==> vendoring GOV.UK Frontend JS"
rm -rf "$STATIC_DIR/govuk"
mkdir -p "$STATIC_DIR/govuk"
copy_js_without_sourcemap \
  "$NM/govuk-frontend/dist/govuk/govuk-frontend.min.js" \
  "$STATIC_DIR/govuk/govuk-frontend.min.js"
# The govuk-frontend npm package does not include its licence file.
cp "$ASSETS_DIR/licences/govuk-frontend-LICENSE.txt" "$STATIC_DIR/govuk/LICENSE.txt"

echo "==> vendoring Leaflet"
rm -rf "$STATIC_DIR/leaflet"
mkdir -p "$STATIC_DIR/leaflet/images"
copy_js_without_sourcemap "$NM/leaflet/dist/leaflet.js" "$STATIC_DIR/leaflet/leaflet.js"
cp "$NM/leaflet/dist/leaflet.css" "$STATIC_DIR/leaflet/leaflet.css"
cp "$NM/leaflet/dist/images/"*.png "$STATIC_DIR/leaflet/images/"
cp "$NM/leaflet/LICENSE" "$STATIC_DIR/leaflet/LICENSE.txt"

echo "==> checking compiled CSS"
CSS="$STATIC_DIR/doorstep/doorstep.css"
fail=0
if grep -qi "GDS Transport" "$CSS"; then
  echo "ERROR: doorstep.css mentions GDS Transport" >&2
  fail=1
fi
if grep -qi "@font-face" "$CSS"; then
  echo "ERROR: doorstep.css declares a web font" >&2
  fail=1
fi
# Every url(...) must point inside /static/ (none is expected at all today).
bad_urls="$(grep -oE 'url\([^)]*\)' "$CSS" | grep -vE "^url\([\"']?/static/" || true)"
if [ -n "$bad_urls" ]; then
  echo "ERROR: doorstep.css has url() outside /static/:" >&2
  echo "$bad_urls" >&2
  fail=1
fi
if grep -qiE 'govuk-crest|/assets/(images|fonts)/' "$CSS"; then
  echo "ERROR: doorstep.css references GOV.UK images or fonts" >&2
  fail=1
fi
[ "$fail" -eq 0 ] || exit 1

echo "==> outputs"
find "$STATIC_DIR/doorstep" "$STATIC_DIR/govuk" "$STATIC_DIR/leaflet" -type f -print0 \
  | sort -z | xargs -0 ls -l | awk '{printf "%9d  %s\n", $5, $9}'
