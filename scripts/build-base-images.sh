#!/usr/bin/env bash
# Builds the two local base images the Dockerfile can use instead of Docker Hub's
# (for machines that cannot pull them), from Debian bookworm packages with mmdebstrap,
# and imports them into buildah/podman storage:
#   localhost/jamanager-jre-base:17   Debian + openjdk-17-jre-headless + ca-certificates   (RUNTIME_IMAGE)
#   localhost/jamanager-jdk-base:17   Debian + openjdk-17-jdk-headless + curl + git        (BUILD_IMAGE)
# Usage: scripts/build-base-images.sh [--jre-only] [--out DIR]
# Env: STORAGE_DRIVER (vfs), SUITE (bookworm), BASE_DIR (/var/tmp/jamanager-base)
# Needs: mmdebstrap, buildah (apt), root (or a working unshare mode).
set -euo pipefail

out="${BASE_DIR:-/var/tmp/jamanager-base}"
suite="${SUITE:-bookworm}"
driver="${STORAGE_DRIVER:-vfs}"
jre_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jre-only) jre_only=1 ;;
    --out) out="$2"; shift ;;
    *) echo "usage: $0 [--jre-only] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$out"

# Docs, man pages and translations are dropped (smaller image). The man1 folder must
# exist anyway: the OpenJDK postinst registers man pages with update-alternatives.
# shellcheck disable=SC2016  # $1 is expanded by mmdebstrap's hooks, not here
slim=(
  --variant=apt
  --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-exclude=/usr/share/info/*'
  --essential-hook='mkdir -p "$1/usr/share/man/man1"'
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*.log "$1"/var/cache/debconf/*-old'
)

build() { # name packages
  local name="$1" pkgs="$2" tar="$out/$1.tar"
  if [[ ! -s "$tar" ]]; then
    echo "build-base-images: mmdebstrap $suite with $pkgs → $tar"
    mmdebstrap "${slim[@]}" --format=tar --include="$pkgs" "$suite" "$tar.tmp"
    mv "$tar.tmp" "$tar"
  else
    echo "build-base-images: reusing $tar"
  fi
  local ctr
  ctr="$(buildah --storage-driver "$driver" from scratch)"
  buildah --storage-driver "$driver" add "$ctr" "$tar" / > /dev/null
  buildah --storage-driver "$driver" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env LANG=C.UTF-8 --cmd /bin/bash "$ctr"
  buildah --storage-driver "$driver" commit --quiet --rm "$ctr" "localhost/$name:17" > /dev/null
  echo "build-base-images: localhost/$name:17 ready"
}

build jamanager-jre-base openjdk-17-jre-headless,ca-certificates
if [[ "$jre_only" == 0 ]]; then
  build jamanager-jdk-base openjdk-17-jdk-headless,ca-certificates,curl,git
fi
buildah --storage-driver "$driver" images
