#!/bin/sh
# bench/run.sh — what `make bench` runs: the CLI against LibreOffice on the
# same machine, in one run, and the go test benchmarks of each stage.
#
#   1. builds the CLI (go build -trimpath);
#   2. times `gongwen build SAMPLE --format docx,pdf` as a whole process
#      (start, font loading, writing both files) against LibreOffice
#      converting our DOCX to PDF (soffice --headless --convert-to pdf with a
#      private profile, warmed up by one untimed run), and reports the ratio
#      of the medians;
#   3. compares our PDF's size with LibreOffice's, and the peak memory
#      (maximum resident set size, /usr/bin/time -v) of each;
#   4. does the same for a generated city notice (bench/gen, 2,000 accounts)
#      and for 250/500/1,000/2,000 accounts to show the growth;
#   5. runs go test -bench on internal/benchmarks (ns/op, B/op, allocs/op).
#
# It prints a table and writes it, with the go test -bench lines, to
# bench/results.txt (RESULTS=... to write elsewhere).
#
# Needs: go, hyperfine (Debian: hyperfine), GNU time (Debian: time),
# LibreOffice (Debian: libreoffice-writer-nogui), python3. Without hyperfine
# it times a loop of runs with /usr/bin/time instead.
#
# Settings (environment): RUNS (CLI runs, default 30), LO_RUNS (LibreOffice
# runs, default 10), CITY_RUNS (default 10), CITY_LO=0 to skip LibreOffice on
# the city notice (minutes), SKIP_GO_BENCH=1 to skip step 5,
# BENCHTIME (go test -benchtime for the sample, default 1s).
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
RESULTS=${RESULTS:-$ROOT/bench/results.txt}
RUNS=${RUNS:-30}
LO_RUNS=${LO_RUNS:-10}
CITY_RUNS=${CITY_RUNS:-10}
BENCHTIME=${BENCHTIME:-1s}
SAMPLE=${SAMPLE:-samples/linshu-2021-q3.toml}
GO=${GO:-go}

WORK=$(mktemp -d /tmp/gongwen-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT INT TERM
RAW=$WORK/raw.txt
: >"$RAW"

need() {
	if ! command -v "$1" >/dev/null 2>&1; then
		echo "bench/run.sh：缺少 $1（Debian 软件包 $2），请先安装：apt-get install -y --no-install-recommends $2" >&2
		exit 1
	fi
}
need "$GO" golang
need python3 python3
HAVE_LO=1
if ! command -v soffice >/dev/null 2>&1; then
	echo "bench/run.sh：没有 soffice（Debian 软件包 libreoffice-writer-nogui），跳过与 LibreOffice 的对比" >&2
	HAVE_LO=0
fi
[ -x /usr/bin/time ] || { echo "bench/run.sh：缺少 /usr/bin/time（Debian 软件包 time）" >&2; exit 1; }
HYPERFINE=$(command -v hyperfine || true)

cat /proc/loadavg >"$WORK/load.before"
echo "== 构建 gongwen" >&2
"$GO" build -trimpath -o "$WORK/gongwen" ./cmd/gongwen
"$GO" build -trimpath -o "$WORK/gen" ./bench/gen
GW=$WORK/gongwen
LOPROFILE=file://$WORK/lo-profile
SOFFICE="soffice -env:UserInstallation=$LOPROFILE --headless --convert-to pdf"

# Inputs: the sample (its seal is read next to it) and generated notices
# beside a copy of the seal.
STEM=$(basename "$SAMPLE" .toml)
mkdir -p "$WORK/in"
cp samples/seal-sample.png "$WORK/in/"
for n in 250 500 1000 2000; do
	"$WORK/gen" -accounts "$n" -seal seal-sample.png >"$WORK/in/city-$n.toml"
done

# One build of each, to have the DOCX LibreOffice converts and the PDFs to
# compare.
"$GW" build "$SAMPLE" -o "$WORK/out" --format docx,pdf >/dev/null
for n in 250 500 1000 2000; do
	"$GW" build "$WORK/in/city-$n.toml" -o "$WORK/out" --format docx,pdf >/dev/null
done

mkdir -p "$WORK/lo"
if [ "$HAVE_LO" = 1 ]; then
	echo "== LibreOffice 预热（建立私有配置，不计时）" >&2
	$SOFFICE --outdir "$WORK/lo" "$WORK/out/$STEM.docx" >/dev/null 2>&1
fi

# timeit NAME RUNS WARMUP CMD: wall times (s) of RUNS runs of CMD, appended
# to $WORK/times as "NAME median mean min max cpu", cpu being the mean user +
# system time (less sensitive than wall time to other load on the machine).
timeit() {
	name=$1 runs=$2 warm=$3 cmd=$4
	echo "== 计时 $name（$runs 次）" >&2
	if [ -n "$HYPERFINE" ]; then
		"$HYPERFINE" -N --style none --warmup "$warm" --runs "$runs" \
			--export-json "$WORK/$name.json" "$cmd" >>"$RAW" 2>&1
		python3 - "$WORK/$name.json" "$name" >>"$WORK/times" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(sys.argv[2], r["median"], r["mean"], r["min"], r["max"], r["user"] + r["system"])
EOF
	else
		i=0
		while [ $i -lt "$warm" ]; do sh -c "$cmd" >/dev/null 2>&1; i=$((i + 1)); done
		: >"$WORK/$name.t"
		i=0
		while [ $i -lt "$runs" ]; do
			/usr/bin/time -f '%e %U %S' -a -o "$WORK/$name.t" sh -c "exec $cmd" >/dev/null 2>&1
			i=$((i + 1))
		done
		python3 - "$WORK/$name.t" "$name" >>"$WORK/times" <<'EOF'
import statistics, sys
rows = [[float(x) for x in l.split()] for l in open(sys.argv[1]) if l.strip()]
t = [r[0] for r in rows]
cpu = statistics.mean(r[1] + r[2] for r in rows)
print(sys.argv[2], statistics.median(t), statistics.mean(t), min(t), max(t), cpu)
EOF
	fi
}

# peak NAME CMD: maximum resident set size (KB) of CMD and its waited-for
# children, appended to $WORK/peaks.
peak() {
	/usr/bin/time -v -o "$WORK/$1.v" sh -c "exec $2" >/dev/null 2>&1
	echo "$1 $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/$1.v")" >>"$WORK/peaks"
}

: >"$WORK/times"
: >"$WORK/peaks"
GWB="$GW build $SAMPLE -o $WORK/t --format docx,pdf"
LOC="$SOFFICE --outdir $WORK/lo $WORK/out/$STEM.docx"
timeit sample "$RUNS" 3 "$GWB"
[ "$HAVE_LO" = 1 ] && timeit sample-lo "$LO_RUNS" 1 "$LOC"
peak sample "$GWB"
[ "$HAVE_LO" = 1 ] && peak sample-lo "$LOC"
for n in 250 500 1000 2000; do
	timeit "city-$n" "$CITY_RUNS" 1 "$GW build $WORK/in/city-$n.toml -o $WORK/t --format docx,pdf"
done
peak city-2000 "$GW build $WORK/in/city-2000.toml -o $WORK/t --format docx,pdf"
# LibreOffice takes minutes on the city notice: one run gives both its wall
# time and its peak memory (CITY_LO=0 skips it).
if [ "${CITY_LO:-1}" != 0 ] && [ "$HAVE_LO" = 1 ]; then
	echo "== LibreOffice 转换 2000 个账号的 DOCX（一次，较慢）" >&2
	peak city-2000-lo "$SOFFICE --outdir $WORK/lo $WORK/out/city-2000.docx"
	python3 - "$WORK/city-2000-lo.v" >>"$WORK/times" <<'EOF'
import re, sys
v = open(sys.argv[1]).read()
m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", v)
s = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
u = float(re.search(r"User time \(seconds\): ([\d.]+)", v).group(1))
k = float(re.search(r"System time \(seconds\): ([\d.]+)", v).group(1))
print("city-2000-lo", s, s, s, s, u + k)
EOF
fi

cat /proc/loadavg >"$WORK/load.after"
pages() { p=$(pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'); echo "${p:-0}"; }
size() { if [ -f "$1" ]; then stat -c %s "$1"; else echo 0; fi; }
{
	echo "sample $(size "$WORK/out/$STEM.pdf") $(size "$WORK/lo/$STEM.pdf") $(size "$WORK/out/$STEM.docx") $(pages "$WORK/out/$STEM.pdf") $(pages "$WORK/lo/$STEM.pdf")"
	echo "city-2000 $(size "$WORK/out/city-2000.pdf") $(size "$WORK/lo/city-2000.pdf") $(size "$WORK/out/city-2000.docx") $(pages "$WORK/out/city-2000.pdf") $(pages "$WORK/lo/city-2000.pdf")"
} >"$WORK/sizes"

if [ "${SKIP_GO_BENCH:-}" != 1 ]; then
	echo "== go test -bench（各阶段）" >&2
	"$GO" test -run '^$' -bench 'Sample' -benchtime "$BENCHTIME" -benchmem ./internal/benchmarks/ >"$WORK/gobench.txt" 2>&1 || { cat "$WORK/gobench.txt" >&2; exit 1; }
	"$GO" test -run '^$' -bench 'City|Rows' -benchtime 5x -benchmem ./internal/benchmarks/ >>"$WORK/gobench.txt" 2>&1 || { cat "$WORK/gobench.txt" >&2; exit 1; }
fi
touch "$WORK/gobench.txt"

python3 bench/report.py "$WORK" "$SAMPLE" "$HYPERFINE" >"$WORK/report.txt"
cat "$WORK/report.txt"
cp "$WORK/report.txt" "$RESULTS"
echo "结果已写入 $RESULTS" >&2
