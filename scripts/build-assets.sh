#!/usr/bin/env bash
# Build the U.S. Web Design System assets into the package's static folder.
#
# The assets come from the pinned npm package in package-lock.json; they are
# generated files and are not committed (see .gitignore).
set -euo pipefail

cd "$(dirname "$0")/.."

dest=src/immportal/web/static/uswds
dist=node_modules/@uswds/uswds/dist

if ! command -v npm >/dev/null 2>&1; then
    bash scripts/ensure-deb.sh npm npm
fi

npm ci --no-audit --no-fund --loglevel=error

for part in css js fonts img; do
    if [[ ! -d "$dist/$part" ]]; then
        echo "build-assets: $dist/$part is missing; is @uswds/uswds installed?" >&2
        exit 1
    fi
done

# Copy into a fresh folder, then swap it in, so a failed copy never leaves a
# half-built asset folder that looks complete.
mkdir -p "${dest%/*}"
tmp="$(mktemp -d "${dest%/*}/.uswds.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp" # mktemp makes it private; the server may run as another user
cp -R "$dist/css" "$dist/js" "$dist/fonts" "$dist/img" "$tmp/"
node -p 'require("./node_modules/@uswds/uswds/package.json").version' >"$tmp/VERSION"
rm -rf "$dest"
mv "$tmp" "$dest"
trap - EXIT
touch "$dest/.built"

echo "build-assets: USWDS $(cat "$dest/VERSION") copied to $dest"
