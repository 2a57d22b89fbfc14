#!/bin/sh
# bench/profile.sh [BENCHMARK] — where the time and the allocations of one
# benchmark of internal/benchmarks go: a CPU and a memory profile, printed
# with go tool pprof -top. BENCHMARK is a -bench pattern, by default
# Sample/build (the whole pipeline on the sample); e.g. City/pdf-write,
# Sample/docx. The profiles stay in $OUT (default /tmp/gongwen-prof) for
# go tool pprof -http or -peek.
set -eu
cd "$(dirname "$0")/.."
B=${1:-Sample/build}
OUT=${OUT:-/tmp/gongwen-prof}
GO=${GO:-go}
mkdir -p "$OUT"
"$GO" test -run '^$' -bench "${B}\$" -benchtime "${BENCHTIME:-20x}" -benchmem \
	-cpuprofile "$OUT/cpu.out" -memprofile "$OUT/mem.out" -o "$OUT/bench.test" ./internal/benchmarks/
echo
echo "== CPU（累计，前 40 项）"
"$GO" tool pprof -top -cum -nodecount=40 "$OUT/bench.test" "$OUT/cpu.out" 2>/dev/null
echo
echo "== 分配的内存（alloc_space，前 25 项）"
"$GO" tool pprof -sample_index=alloc_space -top -nodecount=25 "$OUT/bench.test" "$OUT/mem.out" 2>/dev/null
