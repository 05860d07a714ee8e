#!/usr/bin/env bash
# Re-vendor the web UI's front-end libraries from the npm registry, at the pinned versions below, into
# api/ui/static/vendor/<name>/ (built files and their licence files only). The result is committed:
# nothing is fetched at run time, and `kg serve` needs neither npm nor a network.
#
# Usage: ui/vendor.sh            (needs node + npm; run from anywhere)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/api/ui/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# package@version  vendor-folder  files to keep (paths inside the package)
PINNED=(
  "swagger-ui-dist@5.36.0|swagger-ui|swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css favicon-32x32.png LICENSE NOTICE"
  "cytoscape@3.35.0|cytoscape|dist/cytoscape.min.js LICENSE"
  "@zazuko/yasgui@4.6.2|yasgui|build/yasgui.min.js build/yasgui.min.css"
  "axe-core@4.14.1|axe-core|axe.min.js LICENSE LICENSE-3RD-PARTY.txt"
)

cd "$WORK"
for entry in "${PINNED[@]}"; do
  IFS='|' read -r spec folder files <<<"$entry"
  tarball="$(npm pack --silent "$spec" | tail -n 1)"
  mkdir -p "unpacked/$folder"
  tar -xzf "$tarball" -C "unpacked/$folder"
  rm -rf "${DEST:?}/$folder"
  mkdir -p "$DEST/$folder"
  for file in $files; do
    cp "unpacked/$folder/package/$file" "$DEST/$folder/$(basename "$file")"
  done
  # a package that ships no LICENSE file: record the licence its package.json declares
  if [ ! -e "$DEST/$folder/LICENSE" ]; then
    node -e '
      const p = require(process.argv[1]);
      const who = typeof p.author === "string" ? p.author : (p.author && p.author.name) || "its authors";
      console.log(`${p.name} ${p.version}: licence ${p.license} (as its package.json declares; the npm package ships no LICENSE file).\nCopyright (c) ${who}. Source: ${(p.repository && (p.repository.url || p.repository)) || p.homepage}`);
    ' "$WORK/unpacked/$folder/package/package.json" >"$DEST/$folder/LICENSE"
  fi
  echo "$spec" >"$DEST/$folder/VERSION"
  echo "vendored $spec -> api/ui/static/vendor/$folder"
done
