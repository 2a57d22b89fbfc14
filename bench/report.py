#!/usr/bin/env python3
"""bench/report.py WORK SAMPLE HYPERFINE — the table bench/run.sh prints.

Reads what run.sh measured in WORK (times, peaks, sizes, load, gobench.txt)
and prints the results against the targets of issue 7, the machine, and the
go test -bench lines.
"""
import datetime
import os
import platform
import re
import subprocess
import sys

work, sample, hyperfine = sys.argv[1], sys.argv[2], sys.argv[3]


def read(name):
    p = os.path.join(work, name)
    return open(p, encoding="utf-8").read() if os.path.exists(p) else ""


def table(name, conv):
    out = {}
    for line in read(name).splitlines():
        f = line.split()
        if f:
            out[f[0]] = [conv(x) for x in f[1:]]
    return out


def cmd(*args):
    try:
        return subprocess.run(args, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


times = table("times", float)     # name → median, mean, min, max (s)
peaks = table("peaks", int)       # name → [KB]
sizes = table("sizes", str)       # name → ours, lo, docx (bytes), our pages, lo pages

cpu = ""
for line in open("/proc/cpuinfo", encoding="utf-8"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
lo_version = cmd("soffice", "--version").splitlines()
go_version = cmd(os.environ.get("GO", "go"), "version")

ms = lambda s: f"{s * 1000:.1f} ms"
mb = lambda kb: f"{kb / 1024:.1f} MB"
kib = lambda b: f"{int(b) / 1024:.0f} KB"
ok = lambda c: "达标" if c else "未达标"

lines = []
w = lines.append
w("gongwen 基准测试结果（bench/run.sh，即 make bench）")
w("")
w(f"日期：{datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
w(f"机器：{os.cpu_count()} 核（nproc {cmd('nproc')}），{cpu}，{platform.system()} {platform.release()}")
w(f"Go：{go_version}")
w(f"代码：{cmd('git', 'describe', '--always', '--dirty')}（-dirty 表示工作区有未提交的改动）")
w(f"LibreOffice：{lo_version[0] if lo_version else '?'}")
w(f"计时：{cmd(hyperfine, '--version') if hyperfine else '/usr/bin/time 循环（未装 hyperfine）'}；峰值内存：/usr/bin/time -v 的 Maximum resident set size")
load = lambda f: " ".join(read(f).split()[:3])
w(f"负载（1、5、15 分钟平均）：开始 {load('load.before')}，结束 {load('load.after')}；本机由多人共用，负载高时墙钟时间偏大，CPU 时间（user+sys）受影响较小")
w(f"样例：{sample}")
w("")

s, lo = times.get("sample"), times.get("sample-lo")
ratio = lo[0] / s[0] if s and lo else None
if s:
    w("一、样例通报（DOCX + PDF，整个进程，含启动与字体加载）对比 LibreOffice 把我们的 DOCX 转成 PDF")
    w("")
    w(f"{'':<34}{'中位数':>11}{'平均':>11}{'最快':>11}{'最慢':>11}{'CPU时间':>11}")
    w(f"{'gongwen build --format docx,pdf':<34}{ms(s[0]):>12}{ms(s[1]):>12}{ms(s[2]):>12}{ms(s[3]):>12}{ms(s[4]):>12}")
    if lo:
        w(f"{'soffice --convert-to pdf':<34}{ms(lo[0]):>12}{ms(lo[1]):>12}{ms(lo[2]):>12}{ms(lo[3]):>12}{ms(lo[4]):>12}")
        w(f"中位数之比：LibreOffice / gongwen = {ratio:.1f} 倍（CPU 时间之比 {lo[4] / s[4]:.1f} 倍）")
    else:
        w("（未测 LibreOffice：没有 soffice）")
    w("")
sz = sizes.get("sample")
pk, pklo = peaks.get("sample"), peaks.get("sample-lo")
if sz:
    lo_pdf = f"，LibreOffice {kib(sz[1])}（{sz[4]} 页）" if sz[1] != "0" else ""
    w(f"PDF 大小：gongwen {kib(sz[0])}（{sz[3]} 页）{lo_pdf}；我们的 DOCX {kib(sz[2])}")
if pk:
    w(f"峰值内存：gongwen {mb(pk[0])}" + (f"，LibreOffice {mb(pklo[0])}" if pklo else ""))
w("")

w("二、生成的大通报（go run ./bench/gen -accounts N，附件统计表每个账号一行），整个进程 DOCX + PDF")
w("")
w(f"{'账号数':>8}{'中位数':>11}{'每行':>11}{'CPU时间':>10}{'每行':>11}")
for n in (250, 500, 1000, 2000):
    t = times.get(f"city-{n}")
    if t:
        w(f"{n:>11}{ms(t[0]):>12}{t[0] / n * 1e6:>10.0f} µs{ms(t[4]):>12}{t[4] / n * 1e6:>10.0f} µs")
c, clo = sizes.get("city-2000"), times.get("city-2000-lo")
if c:
    lo_pdf = f"；LibreOffice 转换后 PDF {kib(c[1])}（{c[4]} 页）" if c[1] != "0" else ""
    w(f"2000 个账号：PDF {kib(c[0])}（{c[3]} 页），DOCX {kib(c[2])}{lo_pdf}")
if clo and times.get("city-2000"):
    w(f"LibreOffice 转换 2000 个账号的 DOCX：中位数 {ms(clo[0])}（{clo[0] / times['city-2000'][0]:.1f} 倍）")
if peaks.get("city-2000"):
    w(f"峰值内存：gongwen {mb(peaks['city-2000'][0])}" + (f"，LibreOffice {mb(peaks['city-2000-lo'][0])}" if peaks.get("city-2000-lo") else ""))
w("")

w("三、目标（issue 7，本机 2 核）")
w("")
if s:
    w(f"样例两种格式整个进程 < 40 ms：中位数 {ms(s[0])}，{ok(s[0] < 0.040)}（最快 {ms(s[2])}，CPU 时间 {ms(s[4])}）")
if ratio is not None:
    w(f"比 LibreOffice 转换快 ≥ 30 倍：{ratio:.1f} 倍，{ok(ratio >= 30)}")
t2 = times.get("city-2000")
if t2:
    w(f"2000 个账号 < 2 s：{ms(t2[0])}，{ok(t2[0] < 2)}")
    t250 = times.get("city-250")
    if t250:
        t1k = times.get("city-1000")
        # Marginal time per row between sizes: flat when the growth is linear.
        if t1k:
            m1 = (t1k[4] - t250[4]) / 750 * 1e6
            m2 = (t2[4] - t1k[4]) / 1000 * 1e6
            w(f"时间随行数线性增长：每增加一行的 CPU 时间，250→1000 个 {m1:.0f} µs，1000→2000 个 {m2:.0f} µs（两者相近即为线性）")
if sz:
    w(f"样例 PDF < 300 KB：{kib(sz[0])}，{ok(int(sz[0]) < 300 * 1024)}")
if pk:
    w(f"峰值内存 < 100 MB：样例 {mb(pk[0])}，{ok(pk[0] < 100 * 1024)}" +
      (f"；2000 个账号 {mb(peaks['city-2000'][0])}，{ok(peaks['city-2000'][0] < 100 * 1024)}" if peaks.get("city-2000") else ""))
w("")

gb = read("gobench.txt")
if gb.strip():
    w("四、go test -bench（各阶段，进程内；parse=读取与检查，compose=模板与数据求值，layout=排版，")
    w("    pdf-write=画页与嵌入字体，pdf=layout+pdf-write，docx=生成 DOCX，build=全部）")
    w("")
    for line in gb.splitlines():
        if line.startswith("Benchmark") or line.startswith("cpu:"):
            w(re.sub(r"\s+", " ", line).strip())
    w("")

    rows = {int(m.group(1)): float(m.group(2)) for m in re.finditer(r"BenchmarkRows/accounts=(\d+)\S*\s+\d+\s+([\d.]+) ns/op", gb)}
    ns = sorted(rows)
    if len(ns) > 1:
        w("进程内每增加一个账号行的时间（相邻规模之差 ÷ 行数之差；各段相近即为线性）：")
        w("，".join(f"{a}→{b} 个 {(rows[b] - rows[a]) / (b - a) / 1000:.0f} µs" for a, b in zip(ns, ns[1:])))
        w("")

print("\n".join(lines))
