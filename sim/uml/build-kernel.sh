#!/usr/bin/env bash
# build-kernel.sh: build User-Mode Linux from Debian's linux-source-6.1 with
# sim/uml/kernel.config, cached outside the repository.
#
# The cache key is the source package version, the config fragment and this script, so
# a build happens only when one of them changes (a 6-8 minute build on 2 cores). The
# cache holds only the results, not the build tree:
#   $VIONIC_CACHE/uml-<key>/linux         the UML kernel (an ordinary host executable)
#   $VIONIC_CACHE/uml-<key>/modules/*.ko  the modules the tests load (virtio_net ...)
#   $VIONIC_CACHE/uml-<key>/config        the full .config
# VIONIC_CACHE defaults to ~/.cache/vionic. Prints the result directory on stdout as
# its last line; everything else goes to stderr.
#
# Usage: sim/uml/build-kernel.sh [--print-dir]   (--print-dir: only print, never build)

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
fragment="$here/kernel.config"
tarball=/usr/src/linux-source-6.1.tar.xz
cache=${VIONIC_CACHE:-$HOME/.cache/vionic}
jobs=${JOBS:-$(nproc)}

log() { echo "build-kernel: $*" >&2; }

[[ -f $tarball ]] || { log "$tarball missing: install linux-source-6.1 (tools/install-deps.sh)"; exit 1; }
version=$(dpkg-query -W -f='${Version}' linux-source-6.1)
key=$( { echo "$version"; cat "$fragment" "$0"; } | sha256sum | cut -c1-16)
out="$cache/uml-$key"

if [[ ${1:-} == --print-dir ]]; then
    echo "$out"
    exit 0
fi
if [[ -x $out/linux && -f $out/config ]]; then
    log "cached: $out (linux-source-6.1 $version)"
    echo "$out"
    exit 0
fi

mkdir -p "$cache"
work=$(mktemp -d "$cache/uml-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
log "building UML from linux-source-6.1 $version in $work ($jobs jobs)"
tar -xJf "$tarball" -C "$work"
src="$work/linux-source-6.1"
mk=(make -C "$src" ARCH=um -j"$jobs" -s)

"${mk[@]}" defconfig >&2
"$src/scripts/kconfig/merge_config.sh" -m -O "$src" "$src/.config" "$fragment" >/dev/null
"${mk[@]}" olddefconfig >&2

# Every line of the fragment must have taken effect (a dependency missing in Kconfig
# would silently drop it).
bad=0
while IFS= read -r line; do
    if [[ $line =~ ^(CONFIG_[A-Z0-9_]+)=(.*)$ ]]; then
        grep -qx -- "$line" "$src/.config" || { log "not applied: $line"; bad=1; }
    elif [[ $line =~ ^#\ (CONFIG_[A-Z0-9_]+)\ is\ not\ set$ ]]; then
        ! grep -q "^${BASH_REMATCH[1]}=" "$src/.config" || { log "not applied: $line"; bad=1; }
    fi
done < "$fragment"
((bad == 0)) || exit 1

"${mk[@]}" linux modules >&2

stage="$work/out"
mkdir -p "$stage/modules"
cp "$src/linux" "$stage/linux"
cp "$src/.config" "$stage/config"
find "$src" -name '*.ko' -exec cp {} "$stage/modules/" \;
rm -rf "$out"
mv "$stage" "$out"
log "built $out: $(du -sh "$out" | cut -f1), $(ls "$out/modules" | wc -l) modules"
echo "$out"
