#!/usr/bin/env bash
# Re-vendor the third-party browser assets from the npm registry.
#
#   scripts/vendor-assets.sh          re-create the vendored files
#   scripts/vendor-assets.sh --check  re-download and verify the committed
#                                     files are byte-identical (exit 1 if not)
#
# Each package is fetched with `npm pack NAME@VERSION` into a temporary
# directory (no node_modules and no package-lock ever touch the repository),
# the tarball's sha1 is checked against the registry's dist.shasum, and the
# needed files are copied together with the package LICENSE and a VERSION
# file ("name@version" + "sha256  file" lines).
#
# To upgrade: change the pinned version below, run this script, run the test
# suite (tests/test_harness.py exercises the vendored mermaid for real), commit.
set -euo pipefail

MERMAID_VERSION=12.3.0   # dist/mermaid.min.js: self-contained IIFE, all diagrams, no lazy chunks
AXE_VERSION=4.14.1       # test-only (accessibility checks), not shipped with built sites

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHECK=0
[[ "${1:-}" == "--check" ]] && CHECK=1

command -v npm >/dev/null || { echo "vendor-assets: npm is required" >&2; exit 2; }

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
status=0

# vendor PKG VERSION DEST_DIR SRC_IN_PACKAGE...
vendor() {
    local pkg="$1" version="$2" dest="$3"; shift 3
    local work="$TMP/$pkg"
    mkdir -p "$work"
    local tgz
    tgz="$(cd "$work" && npm pack --silent "$pkg@$version" 2>/dev/null | tail -n1)"
    local want got
    want="$(npm view --silent "$pkg@$version" dist.shasum 2>/dev/null)"
    got="$(sha1sum "$work/$tgz" | cut -d' ' -f1)"
    if [[ -z "$want" || "$want" != "$got" ]]; then
        echo "vendor-assets: $pkg@$version tarball sha1 $got != registry $want" >&2
        exit 1
    fi
    tar -xzf "$work/$tgz" -C "$work"

    local out="$TMP/out/$pkg"
    mkdir -p "$out"
    local f
    for f in "$@" LICENSE; do
        cp "$work/package/$f" "$out/$(basename "$f")"
    done
    {
        echo "$pkg@$version"
        (cd "$out" && for f in "$@"; do sha256sum "$(basename "$f")"; done)
    } >"$out/VERSION"

    if (( CHECK )); then
        if diff -r "$out" "$dest" >/dev/null 2>&1; then
            echo "ok       $pkg@$version  $dest"
        else
            echo "MISMATCH $pkg@$version  $dest" >&2
            status=1
        fi
    else
        rm -rf "$dest"
        mkdir -p "$dest"
        cp "$out"/* "$dest"/
        echo "vendored $pkg@$version -> ${dest#"$ROOT"/}"
        sed 's/^/    /' "$dest/VERSION"
    fi
}

vendor mermaid   "$MERMAID_VERSION" "$ROOT/theme/assets/vendor/mermaid"   dist/mermaid.min.js
vendor axe-core  "$AXE_VERSION"     "$ROOT/tests/harness/vendor/axe-core" axe.min.js

exit $status
