#!/bin/sh
# Rebuild src/wending/serve/web/vendor/ from the npm registry.
#
# The versions are pinned in web/package.json and web/package-lock.json
# (repo root, not in the Python package). The installed package serves the
# copied files, so the page needs no network at run time. Run from anywhere:
#     scripts/vendor_web.sh
# Needs node and npm. Commit the changed vendor/ files with the lock file.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENDOR="$ROOT/src/wending/serve/web/vendor"
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/wending-web.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT

cp "$ROOT/web/package.json" "$SCRATCH/"
if [ -f "$ROOT/web/package-lock.json" ]; then
    cp "$ROOT/web/package-lock.json" "$SCRATCH/"
    (cd "$SCRATCH" && npm ci --no-audit --no-fund --ignore-scripts)
else
    (cd "$SCRATCH" && npm install --no-audit --no-fund --ignore-scripts)
    cp "$SCRATCH/package-lock.json" "$ROOT/web/"
fi

M="$SCRATCH/node_modules"
mkdir -p "$VENDOR"
rm -f "$VENDOR"/*
cp "$M/chart.js/dist/chart.umd.min.js" "$VENDOR/chart.umd.min.js"
cp "$M/chart.js/LICENSE.md" "$VENDOR/chart.js-LICENSE.md"
cp "$M/@kurkle/color/LICENSE.md" "$VENDOR/kurkle-color-LICENSE.md"
cp "$M/cytoscape/dist/cytoscape.min.js" "$VENDOR/cytoscape.min.js"
cp "$M/cytoscape/LICENSE" "$VENDOR/cytoscape-LICENSE"

# Record what was copied, for the licence notices and for review.
node -e '
const fs = require("fs");
const lock = JSON.parse(fs.readFileSync(process.argv[1] + "/package-lock.json", "utf8"));
const lines = ["Vendored front-end libraries (scripts/vendor_web.sh; do not edit by hand)", ""];
for (const [path, info] of Object.entries(lock.packages)) {
  if (!path) continue;
  lines.push(`${path.replace(/^node_modules\//, "")} ${info.version} ${info.license || ""} ${info.integrity}`);
}
fs.writeFileSync(process.argv[2] + "/VERSIONS.txt", lines.join("\n") + "\n");
' "$SCRATCH" "$VENDOR"
ls -l "$VENDOR"
