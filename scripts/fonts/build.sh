#!/bin/bash
# Rebuild the fonts in fonts/ from Debian bookworm packages, reproducibly.
#
#   scripts/fonts/build.sh            rebuild fonts/*.ttf and the licence files
#   scripts/fonts/build.sh --check    rebuild into a temporary directory and
#                                     compare with fonts/SHA256SUMS
#   scripts/fonts/build.sh DIR        rebuild into DIR instead of fonts/
#
# Runs as root on Debian 12 (bookworm). The font packages are not installed:
# they are fetched with `apt-get download` and unpacked with `dpkg-deb -x` into
# a temporary directory. The conversion runs under Debian's python3-fonttools
# (/usr/bin/python3), installed if missing. See fonts/README.md.
#
# Environment:
#   SOURCE_DATE_EPOCH  head.modified of the converted fonts (default below; the
#                      committed files were built with the default)
#   FONTS_UNPINNED=1   accept package versions and source files other than the
#                      pinned ones (the output will then differ from fonts/)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

check=0
out="$repo/fonts"
case "${1:-}" in
--check) check=1 ;;
-h | --help)
	sed -n '2,17p' "$0"
	exit 0
	;;
"") ;;
*) out=$1 ;;
esac

# 2026-11-26T00:00:00Z (when the fonts were first built); fixed so that two builds
# give byte-identical files.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795651200}
export LC_ALL=C.UTF-8 TZ=UTC PYTHONHASHSEED=0

# Debian packages (bookworm) and the sha256 of the source files taken from them.
PACKAGES=(
	texlive-lang-chinese=2022.20230122-1
	fonts-noto-cjk=1:20220127+repack1-1
	fonts-arphic-gkai00mp=2.11-16
)
FANDOL=usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf
NOTO=usr/share/fonts/opentype/noto
GKAI=usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf
SOURCES="\
d838ad32ce2244d8144f408c37fe71065aba6fbbc80759a4d2aa2033948d5bc9  $FANDOL
b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a  $NOTO/NotoSansCJK-Regular.ttc
a04178ec485dffdff7cc0c0c20e1fce9202d7e2160d805e8e44a4c8841c58481  $NOTO/NotoSerifCJK-Regular.ttc
a5d4b046c127da3d7c72f98b46c41489cd29bf52abfdf18aba920903e920d4ac  $NOTO/NotoSerifCJK-Bold.ttc
61519fb9bdda4a1a3aa02a12cbb76c2ef897ce879775d7ea2265d0a65fe54d16  $GKAI"
FONTTOOLS_VERSION=4.38.0

unpinned=${FONTS_UNPINNED:-0}
log() { printf 'build.sh: %s\n' "$*" >&2; }
die() {
	log "$*"
	exit 1
}

[ "$(id -u)" = 0 ] || die "run as root (apt-get download and apt-get install need it)"
command -v apt-get >/dev/null || die "needs Debian (apt-get)"

start=$(date +%s)
tmp=$(mktemp -d /tmp/gongwen-fonts.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"

# python3-fonttools.
if ! /usr/bin/python3 -c 'import fontTools' 2>/dev/null; then
	log "installing python3-fonttools"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-fonttools >/dev/null
fi
ftv=$(/usr/bin/python3 -c 'import fontTools; print(fontTools.version)')
if [ "$ftv" != "$FONTTOOLS_VERSION" ]; then
	log "warning: fontTools $ftv, the committed fonts were built with $FONTTOOLS_VERSION: output may differ"
fi

# Download and unpack the packages (no installation).
mkdir -p "$tmp/debs" "$tmp/root"
if id _apt >/dev/null 2>&1; then chown _apt "$tmp/debs"; fi
pkgs=("${PACKAGES[@]}")
if [ "$unpinned" = 1 ]; then pkgs=("${PACKAGES[@]%%=*}"); fi
download() { (cd "$tmp/debs" && apt-get download -qq "${pkgs[@]}") 2>"$tmp/apt.err"; }
if ! download; then
	log "apt-get download failed, running apt-get update"
	apt-get update -qq
	download || {
		cat "$tmp/apt.err" >&2
		die "cannot download ${pkgs[*]} (set FONTS_UNPINNED=1 to take the current versions)"
	}
fi
for deb in "$tmp"/debs/*.deb; do
	log "unpacking $(basename "$deb")"
	dpkg-deb -x "$deb" "$tmp/root"
done

# Check the sources are the ones the committed fonts were built from.
if ! (cd "$tmp/root" && printf '%s\n' "$SOURCES" | sha256sum --check --quiet); then
	[ "$unpinned" = 1 ] || die "source fonts differ from the pinned ones (FONTS_UNPINNED=1 to go on)"
	log "warning: source fonts differ from the pinned ones"
fi

# Convert (two processes: the fallback alone takes as long as the rest).
build="$tmp/out"
mkdir -p "$build"
/usr/bin/python3 "$here/build.py" "$tmp/root" "$build" fallback >"$tmp/fallback.log" 2>&1 &
pid=$!
/usr/bin/python3 "$here/build.py" "$tmp/root" "$build" fangsong hei xiaobiaosong song
if ! wait "$pid"; then
	cat "$tmp/fallback.log" >&2
	die "fallback conversion failed"
fi
cat "$tmp/fallback.log"

# 楷体: gkai00mp.ttf is TrueType already and is shipped unmodified.
cp "$tmp/root/$GKAI" "$build/gkai00mp.ttf"

# Licences.
doc="$tmp/root/usr/share/doc"
zcat "$doc/texlive-doc/fonts/fandol/COPYING.gz" >"$build/LICENSE.Fandol.txt"
zcat "$doc/fonts-arphic-gkai00mp/license/english/ARPHICPL.TXT.gz" >"$build/ARPHICPL.TXT"
{
	/usr/bin/python3 - "$tmp/root/$NOTO" <<'EOF'
import sys
from fontTools.ttLib import TTFont
print("Noto Sans CJK SC and Noto Serif CJK SC, from the Debian package fonts-noto-cjk")
print("(gongwen's faces hei, xiaobiaosong, song and fallback, modified: see README.md)")
print()
for f in ("NotoSansCJK-Regular.ttc", "NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc"):
    n = TTFont(sys.argv[1] + "/" + f, fontNumber=2, lazy=True)["name"]
    print("%s: %s" % (n.getDebugName(4), n.getDebugName(0)))
print(n.getDebugName(7))
print()
print("This Font Software is licensed under the SIL Open Font License, Version 1.1.")
print("The license is copied below from Debian's copyright file for fonts-noto-cjk.")
print()
EOF
	# The OFL paragraph of that file: one-space indent, " ." for an empty line.
	awk '/^License: SIL-1.1$/ { f = 1; next }
		f && /^ / { sub(/^ \.$/, ""); sub(/^ /, ""); print; next }
		{ f = 0 }' "$doc/fonts-noto-cjk/copyright"
} >"$build/LICENSE.NotoCJK-OFL.txt"
grep -q "SIL OPEN FONT LICENSE Version 1.1" "$build/LICENSE.NotoCJK-OFL.txt" && ! grep -q "^Files:" "$build/LICENSE.NotoCJK-OFL.txt" || die "OFL text not found"
grep -q 'As a special exception' "$build/LICENSE.Fandol.txt" || die "Fandol font exception not found"

(cd "$build" && sha256sum -- *.ttf *.txt *.TXT | LC_ALL=C sort -k2 >SHA256SUMS)

if [ "$check" = 1 ]; then
	if diff -u "$repo/fonts/SHA256SUMS" "$build/SHA256SUMS"; then
		log "ok: the rebuilt fonts are identical to fonts/ ($(($(date +%s) - start)) s)"
	else
		die "the rebuilt fonts differ from fonts/SHA256SUMS"
	fi
	exit 0
fi

mkdir -p "$out"
for f in "$build"/*.ttf "$build"/*.txt "$build"/*.TXT "$build"/SHA256SUMS; do
	cp -- "$f" "$out/"
done
cat "$out/SHA256SUMS"
log "done in $(($(date +%s) - start)) s: $out"
