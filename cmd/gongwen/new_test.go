package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/source"
)

func TestNewSkeletonPassesCheck(t *testing.T) {
	name := filepath.Join(t.TempDir(), "x.toml")
	if code, o, e := runCLI("new", name); code != 0 {
		t.Fatalf("new: exit %d\n%s%s", code, o, e)
	}
	if code, o, e := runCLI("check", name); code != 0 || e != "" {
		t.Errorf("the skeleton does not pass check: exit %d\n%s%s", code, o, e)
	}
	b, _ := os.ReadFile(name)
	if !strings.Contains(string(b), "# ") {
		t.Errorf("the skeleton has no comments")
	}
}

func TestNewRefusesToOverwrite(t *testing.T) {
	name := filepath.Join(t.TempDir(), "x.toml")
	os.WriteFile(name, []byte("keep me"), 0o644)
	for _, args := range [][]string{{"new", name}, {"new", "--from", samplePath, name}} {
		if code, _, e := runCLI(args...); code != 1 || !strings.Contains(e, "不会覆盖") {
			t.Errorf("%v: exit %d, %s", args, code, e)
		}
	}
	if b, _ := os.ReadFile(name); string(b) != "keep me" {
		t.Errorf("existing file changed: %q", b)
	}
}

// fill writes the values a clerk fills into a notice made by new --from.
func fill(t *testing.T, text string) string {
	t.Helper()
	text = regexp.MustCompile(`(?m)^seq = 0.*$`).ReplaceAllString(text, "seq = 45")
	text = regexp.MustCompile(`(?m)^# (date|printed_on) = [0-9-]+.*$`).ReplaceAllString(text, "$1 = 2021-12-20")
	return text
}

// TestNewFromSample: the next quarter's notice keeps every standing
// paragraph and comment, advances the period, and leaves the sequence number
// and the dates to the clerk — check says so, and passes once they are filled.
func TestNewFromSample(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "q4.toml")
	if code, o, e := runCLI("new", "--from", writtenPath, name); code != 0 {
		t.Fatalf("new --from: exit %d\n%s%s", code, o, e)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	next := string(b)
	prev := readSample(t)

	f := source.Parse(name, b, source.Options{Dir: dir})
	if f.Notice == nil {
		t.Fatalf("new file does not parse:\n%s", f.Diags)
	}
	n := f.Notice
	if got, want := strings.Join(n.Main.Title, ""), "临沭县人民政府办公室关于2021年全县第四季度政府网站和政务新媒体检查情况通报"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if dn := n.Head.DocNumber; dn == nil || dn.Year != 2021 || dn.Seq != 0 || dn.Code != "沭政督字" {
		t.Errorf("doc number %+v, want 沭政督字, 2021, seq 0", dn)
	}
	if !n.Signature.Date.IsZero() {
		t.Errorf("date kept: %v", n.Signature.Date)
	}
	// What check asks for: the sequence number, the 成文日期, the 印发日期.
	var msgs []string
	for _, d := range f.Diags {
		if d.Severity == source.Error {
			msgs = append(msgs, d.Message)
		}
	}
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{"请填写发文顺序号", "缺少成文日期", "缺少印发日期"} {
		if !strings.Contains(joined, want) {
			t.Errorf("check does not ask for %q:\n%s", want, joined)
		}
	}
	if len(msgs) != 3 {
		t.Errorf("want 3 errors, got:\n%s", joined)
	}
	// Standing text and comments are kept word for word: every line of the
	// sample that names no period, date or sequence is in the new file.
	for _, line := range strings.Split(prev, "\n") {
		if strings.Contains(line, "季度") || strings.HasPrefix(line, "seq") || strings.HasPrefix(line, "date") || strings.HasPrefix(line, "printed_on") || strings.HasPrefix(line, "seal") {
			continue
		}
		if !strings.Contains(next, line) {
			t.Errorf("line lost: %q", line)
		}
	}
	// Filled in, it passes.
	filled := filepath.Join(dir, "q4-filled.toml")
	os.WriteFile(filled, []byte(fill(t, next)), 0o644)
	if code, o, e := runCLI("check", filled); code != 0 {
		t.Errorf("filled notice fails check: exit %d\n%s%s", code, o, e)
	}
}

// TestNewFromData: a notice whose findings are data gets the next period in
// [data.period], its check date and per-period measurements cleared, the
// lists of units and accounts kept; once filled in, it passes check.
func TestNewFromData(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "q4.toml")
	if code, o, e := runCLI("new", "--from", samplePath, name); code != 0 {
		t.Fatalf("new --from: exit %d\n%s%s", code, o, e)
	}
	prev := source.Parse(samplePath, mustRead(t, samplePath), source.Options{Dir: "../../samples"})
	f := source.Parse(name, mustRead(t, name), source.Options{Dir: dir})
	if prev.Notice == nil || f.Notice == nil || prev.Notice.Data == nil || f.Notice.Data == nil {
		t.Fatalf("no data:\n%s\n%s", prev.Diags, f.Diags)
	}
	pd, nd := prev.Notice.Data, f.Notice.Data
	if nd.Period.Year != pd.Period.Year || nd.Period.Quarter != pd.Period.Quarter+1 {
		t.Errorf("period %+v after %+v", nd.Period, pd.Period)
	}
	if !nd.CheckDate.IsZero() {
		t.Errorf("check date kept: %v", nd.CheckDate)
	}
	if len(nd.Units) != len(pd.Units) || len(nd.Accounts) != len(pd.Accounts) {
		t.Fatalf("units %d→%d, accounts %d→%d", len(pd.Units), len(nd.Units), len(pd.Accounts), len(nd.Accounts))
	}
	for i, a := range nd.Accounts {
		p := pd.Accounts[i]
		if a.Unit != p.Unit || a.Platform != p.Platform || a.Name != p.Name {
			t.Errorf("account %d changed: %+v, was %+v", i, a, p)
		}
		if !a.LastUpdate.IsZero() || a.Posts != nil || a.Original != nil || len(a.Events) > 0 || a.Problems != nil || a.Verdict != "" {
			t.Errorf("account %d keeps last period's findings: %+v", i, a)
		}
	}
	for i, u := range nd.Units {
		if u.Name != pd.Units[i].Name || u.Kind != pd.Units[i].Kind {
			t.Errorf("unit %d changed: %+v", i, u)
		}
		if u.Site != nil && !u.Site.LastUpdate.IsZero() {
			t.Errorf("unit %d keeps its site's last update", i)
		}
	}
	if len(nd.Submissions) != 0 {
		t.Errorf("submissions kept: %d", len(nd.Submissions))
	}
	var msgs []string
	for _, d := range f.Diags {
		if d.Severity == source.Error {
			msgs = append(msgs, d.Message)
		}
	}
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{"请填写发文顺序号", "缺少成文日期", "缺少印发日期", "缺少检查日期"} {
		if !strings.Contains(joined, want) {
			t.Errorf("check does not ask for %q:\n%s", want, joined)
		}
	}
	// The cleared dates are asked for, each on its own line: the rules
	// would otherwise call every account 合格 once the check date is in.
	sites := 0
	for _, u := range nd.Units {
		if u.Site != nil {
			sites++
		}
	}
	lines := map[int]bool{}
	for _, d := range f.Diags {
		if d.Severity == source.Error && strings.Contains(d.Message, "没有写最后更新日期") {
			lines[d.Line] = true
		}
	}
	if len(lines) != len(nd.Accounts)+sites {
		t.Errorf("missing last-update dates asked for on %d lines, want one for each of %d accounts and %d sites", len(lines), len(nd.Accounts), sites)
	}
}

// TestNewFromFourthQuarter: 第四季度 is followed by the next year's 第一季度,
// and the 发文字号 year follows.
func TestNewFromFourthQuarter(t *testing.T) {
	dir := t.TempDir()
	q4 := filepath.Join(dir, "q4.toml")
	os.WriteFile(q4, []byte(strings.ReplaceAll(readSample(t), "三季度", "四季度")), 0o644)
	name := filepath.Join(dir, "q1.toml")
	if code, o, e := runCLI("new", name, "--from", q4); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, o, e)
	}
	f := source.Parse(name, mustRead(t, name), source.Options{Dir: dir})
	if f.Notice == nil {
		t.Fatalf("%s", f.Diags)
	}
	if got, want := strings.Join(f.Notice.Main.Title, ""), "临沭县人民政府办公室关于2022年全县第一季度政府网站和政务新媒体检查情况通报"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if y := f.Notice.Head.DocNumber.Year; y != 2022 {
		t.Errorf("doc number year %d, want 2022", y)
	}
	if !strings.Contains(f.Notice.Main.Text, "2022年第一季度读网检查") {
		t.Errorf("period in the opening paragraph not advanced: %q", f.Notice.Main.Text)
	}
}

func TestPeriods(t *testing.T) {
	for title, want := range map[string]string{
		"关于2021年第三季度政府网站检查情况的通报":  "2021年第四季度",
		"关于2021年全县三季度政府网站检查情况的通报": "2021年第四季度",
		"关于2023年12月政务新媒体检查情况的通报":  "2024年1月",
		"关于2023年9月政务新媒体检查情况的通报":   "2023年10月",
		"关于2023年第九批政务新媒体抽查情况的通报":  "2023年第十批",
		"关于2023年第十九批政务新媒体抽查情况的通报": "2023年第二十批",
	} {
		p, ok := findPeriod(title)
		if !ok {
			t.Errorf("%s: no period found", title)
			continue
		}
		if got := p.next().String(); got != want {
			t.Errorf("%s: next %q, want %q", title, got, want)
		}
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestNewUnderAFile: a new file whose folder would be an existing file is
// refused in Chinese, and nothing is written.
func TestNewUnderAFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("new", filepath.Join(file, "n.toml"))
	if code != 1 || !strings.Contains(stderr, "无法建立文件夹") {
		t.Errorf("exit %d, want 1 saying the folder cannot be made:\n%s", code, stderr)
	}
	if b, _ := os.ReadFile(file); string(b) != "x" {
		t.Errorf("the file in the way changed")
	}
}

// splitSample writes the Linshu sample into dir as a notice that includes
// its units, accounts and submissions from accounts.toml.
func splitSample(t *testing.T, dir string) string {
	t.Helper()
	text := string(mustRead(t, samplePath))
	i := strings.Index(text, "# 单位按通报中列举的顺序写")
	if i < 0 {
		t.Fatal("the sample's unit list moved")
	}
	notice := "include = [\"accounts.toml\"]\n\n" + text[:i]
	if err := os.WriteFile(filepath.Join(dir, "seal-sample.png"), mustRead(t, "../../samples/seal-sample.png"), 0o644); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "notice.toml")
	if err := os.WriteFile(name, []byte(notice), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "accounts.toml"), []byte("[data]\n"+text[i:]), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestIncludeBuildsTheSameDocument: the sample with its data moved into an
// included file composes the very same document, and new --from into
// another folder keeps including that file (named from the new folder)
// instead of copying its data.
func TestIncludeBuildsTheSameDocument(t *testing.T) {
	work := t.TempDir()
	name := splitSample(t, work)
	if code, o, e := runCLI("check", name); code != 0 {
		t.Fatalf("check: exit %d\n%s%s", code, o, e)
	}
	outA, outB := t.TempDir(), t.TempDir()
	if code, o, e := runCLI("build", samplePath, "-o", outA, "--format", "json"); code != 0 {
		t.Fatalf("build sample: %d %s%s", code, o, e)
	}
	if code, o, e := runCLI("build", name, "-o", outB, "--format", "json"); code != 0 {
		t.Fatalf("build split: %d %s%s", code, o, e)
	}
	a := mustRead(t, filepath.Join(outA, "linshu-2021-q3.json"))
	b := mustRead(t, filepath.Join(outB, "notice.json"))
	if string(a) != string(b) {
		t.Errorf("the notice with its data included composes differently from the sample")
	}

	next := filepath.Join(t.TempDir(), "q4", "notice.toml")
	code, o, e := runCLI("new", "--from", name, next)
	if code != 0 {
		t.Fatalf("new --from: exit %d\n%s%s", code, o, e)
	}
	nt := string(mustRead(t, next))
	rel, _ := relocate(filepath.Join(work, "accounts.toml"), filepath.Dir(next))
	if !strings.Contains(nt, "include = ["+strconv.Quote(rel)+"]") {
		t.Errorf("the new notice does not include %s:\n%s", rel, nt)
	}
	if strings.Contains(nt, "account = [") || strings.Contains(nt, "unit = [") {
		t.Errorf("the new notice copies the included data")
	}
	if !strings.Contains(o, "包含的文件 accounts.toml 未改动") {
		t.Errorf("new does not tell the clerk the included file is unchanged:\n%s", o)
	}
	f := source.Parse(next, []byte(nt), source.Options{Dir: filepath.Dir(next)})
	if f.Notice == nil || f.Notice.Data == nil || len(f.Notice.Data.Accounts) == 0 {
		t.Fatalf("the new notice does not read the included accounts:\n%s", f.Diags)
	}
	for _, d := range f.Diags {
		if strings.Contains(d.Message, "包含") {
			t.Errorf("include problem in the new notice: %s", d)
		}
	}
}
