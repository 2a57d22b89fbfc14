#!/bin/sh
# Render every page of the sample notice's PDF to a small PNG, for the docs.
#
#   scripts/render-pages.sh          writes docs/pages/page-N.png
#   scripts/render-pages.sh DIR      writes DIR/page-N.png instead
#
# Needs Go and pdftoppm (Debian poppler-utils). The output is deterministic:
# the same sample and fonts give the same PNG bytes.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
sample=${SAMPLE:-$repo/samples/linshu-2021-q3.toml}
out=${1:-$repo/docs/pages}
dpi=${DPI:-40}

command -v pdftoppm >/dev/null 2>&1 || {
	echo "render-pages.sh：需要 pdftoppm，请安装 Debian 软件包 poppler-utils" >&2
	exit 1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

(cd "$repo" && go run ./cmd/gongwen build "$sample" -o "$tmp" --format pdf >/dev/null)
pdf=$(ls "$tmp"/*.pdf)

mkdir -p "$out"
rm -f "$out"/page-*.png
pdftoppm -png -r "$dpi" "$pdf" "$out/page"
ls "$out"/page-*.png
