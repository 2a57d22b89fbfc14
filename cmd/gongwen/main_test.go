package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/gongwen/gongwen/fonts"
)

// The samples: the notice built on the template and [data], and the same
// notice written out in full (sections and a table cell by cell), whose
// plain text the bad-input tests alter.
const (
	samplePath  = "../../samples/linshu-2021-q3.toml"
	writtenPath = "../../samples/linshu-2021-q3-written.toml"
)

func readSample(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(writtenPath)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// runCLI runs the command line in-process.
func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

// posOf is the line and column (in characters) of the first occurrence of
// marker in text, plus skip characters.
func posOf(t *testing.T, text, marker string, skip int) (int, int) {
	t.Helper()
	i := strings.Index(text, marker)
	if i < 0 {
		t.Fatalf("marker %q not in the test input", marker)
	}
	before := text[:i]
	line := strings.Count(before, "\n") + 1
	col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1 + skip
	return line, col
}

func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("%q not in the sample", old)
	}
	return strings.Replace(s, old, new, 1)
}

// setup writes a notice file (with the sample's seal beside it) and a
// previous output into a temp dir.
func setup(t *testing.T, data []byte) (dir, notice, outDir, prev string) {
	t.Helper()
	dir = t.TempDir()
	seal, err := os.ReadFile("../../samples/seal-sample.png")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "seal-sample.png"), seal, 0o644); err != nil {
		t.Fatal(err)
	}
	notice = filepath.Join(dir, "n.toml")
	if err := os.WriteFile(notice, data, 0o644); err != nil {
		t.Fatal(err)
	}
	outDir = filepath.Join(dir, "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	prev = filepath.Join(outDir, "n.json")
	if err := os.WriteFile(prev, []byte("previous good output\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, notice, outDir, prev
}

// TestBuildBadInput: each bad notice gets a Chinese diagnostic at the place
// of the fault, exit status 1, no output written and the previous output
// left byte for byte.
func TestBuildBadInput(t *testing.T) {
	sample := readSample(t)
	type pos struct {
		marker string
		skip   int
	}
	cases := []struct {
		name string
		data func(t *testing.T) []byte
		at   *pos   // where the fault is in the input; nil for 1:1
		want string // part of the message
		// defaults: also build with the default formats (docx,pdf), not
		// only --format json; gbk: the file is saved GBK-encoded (the
		// place is still counted in characters of the text).
		defaults, gbk bool
	}{
		{"syntax: text without quotes", func(t *testing.T) []byte {
			return []byte(replaceOnce(t, sample, `masthead = "临沭政务督查"`, `masthead = 临沭政务督查`))
		}, &pos{"临沭政务督查", 0}, "双引号", true, false},
		{"GBK file with an unknown key", func(t *testing.T) []byte {
			return []byte(replaceOnce(t, sample, `addressees =`, `adressees =`))
		}, &pos{"adressees", 0}, "你是不是想写“addressees”", true, true},
		{"GBK file with text without quotes after Chinese", func(t *testing.T) []byte {
			return []byte(replaceOnce(t, sample, `masthead = "临沭政务督查"`, `masthead = "临沭政务督查" 临沭`))
		}, &pos{`" 临沭`, 1}, "一行只能写一个", true, true}, // the place right after the value
		{"unknown key", func(t *testing.T) []byte {
			return []byte(replaceOnce(t, sample, `addressees =`, `adressees =`))
		}, &pos{"adressees", 0}, "你是不是想写“addressees”", false, false},
		{"wrong type", func(t *testing.T) []byte {
			return []byte(replaceOnce(t, sample, "year = 2021", `year = "2021"`))
		}, &pos{`"2021"`, 0}, "去掉引号", false, false},
		{"missing title", func(t *testing.T) []byte {
			i := strings.Index(sample, "title = \"临沭县人民政府办公室关于")
			j := i + strings.IndexByte(sample[i:], '\n') + 1
			return []byte(sample[:i] + sample[j:])
		}, &pos{"[main]", 1}, "缺少标题", true, false},
		{"doc number year 21", func(t *testing.T) []byte {
			return []byte(replaceOnce(t, sample, "year = 2021", "year = 21"))
		}, &pos{"year = 21", 7}, "年份应写全，如 2021", true, false},
		{"doc number seq with leading zero", func(t *testing.T) []byte {
			return []byte(replaceOnce(t, sample, "seq = 31", "seq = 031"))
		}, &pos{"seq = 031", 6}, "不加前导零", false, false},
		{"date 2021-02-30", func(t *testing.T) []byte {
			return []byte(replaceOnce(t, sample, "date = 2021-09-22", "date = 2021-02-30"))
		}, &pos{"date = 2021-02-30", 7}, "2月没有30日", false, false},
		{"table row with too many cells", func(t *testing.T) []byte {
			return []byte(replaceOnce(t, sample, `"微信公众号", "合格"],`, `"微信公众号", "合格", "多余"],`))
		}, &pos{`"多余"`, 0}, "第1行有7个单元格，表格有6列", false, false},
		{"merge mark pointing outside", func(t *testing.T) []byte {
			return []byte(replaceOnce(t, sample, `["1", "临沭街道"`, `["<", "临沭街道"`))
		}, &pos{`"<", "临沭街道"`, 0}, "左边没有单元格", false, false},
		{"empty file", func(*testing.T) []byte { return nil }, nil, "文件是空的", false, false},
		{"comments only", func(*testing.T) []byte { return []byte("# 通报\n\n# 待写\n") }, nil, "文件是空的", false, false},
		{"random bytes", func(*testing.T) []byte {
			r := rand.New(rand.NewPCG(1, 2))
			b := make([]byte, 4096)
			for i := range b {
				b[i] = byte(r.UintN(256))
			}
			return b
		}, nil, "无法读取", false, false},
		{"10 MB file", func(*testing.T) []byte {
			var b bytes.Buffer
			b.WriteString(sample)
			line := "# " + strings.Repeat("填充", 40) + "\n"
			for b.Len() < 10<<20 {
				b.WriteString(line)
			}
			return b.Bytes()
		}, nil, "文件太大", false, false},
		{"BOM file with an unknown key keeps its columns", func(t *testing.T) []byte {
			return append([]byte("\xEF\xBB\xBF"), replaceOnce(t, sample, `addressees =`, `adressees =`)...)
		}, &pos{"adressees", 0}, "你是不是想写“addressees”", false, false},
	}
	for _, c := range cases {
		runs := []string{"json"}
		if c.defaults {
			runs = append(runs, "") // no --format: the default docx,pdf
		}
		for _, format := range runs {
			name := c.name + "/json"
			if format == "" {
				name = c.name + "/docx,pdf"
			}
			t.Run(name, func(t *testing.T) {
				text := c.data(t)
				data := text
				if c.gbk {
					var err error
					if data, err = simplifiedchinese.GBK.NewEncoder().Bytes(text); err != nil {
						t.Fatal(err)
					}
				}
				_, notice, outDir, prev := setup(t, data)
				args := []string{"build", notice, "-o", outDir, "--format", "json"}
				if format == "" {
					args = args[:4]
					prev = "" // setup's n.json stands beside these
					writePrevious(t, outDir)
				}
				code, stdout, stderr := runCLI(args...)
				if code != 1 {
					t.Errorf("exit status %d, want 1\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
				}
				line, col := 1, 1
				if c.at != nil {
					line, col = posOf(t, strings.TrimPrefix(string(text), "\xEF\xBB\xBF"), c.at.marker, c.at.skip)
				}
				want := fmt.Sprintf("%s:%d:%d: 错误：", notice, line, col)
				found := false
				for _, l := range strings.Split(stderr, "\n") {
					if strings.HasPrefix(l, want) && strings.Contains(l, c.want) && hasHan(strings.TrimPrefix(l, want)) {
						found = true
					}
				}
				if !found {
					t.Errorf("no Chinese diagnostic %q…%q in:\n%s", want, c.want, stderr)
				}
				if prev != "" {
					assertUnchanged(t, outDir, prev)
				} else {
					assertPreviousKept(t, outDir)
				}
			})
		}
	}
}

// previousOutputs is what writePrevious leaves in an output folder before a
// default (docx,pdf) build: setup's n.json and a previous n.docx and n.pdf.
var previousOutputs = map[string]string{
	"n.json": "previous good output\n",
	"n.docx": "previous good docx\n",
	"n.pdf":  "previous good pdf\n",
}

// writePrevious puts a previous n.docx and n.pdf beside setup's n.json.
func writePrevious(t *testing.T, outDir string) {
	t.Helper()
	for name, content := range previousOutputs {
		if err := os.WriteFile(filepath.Join(outDir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// assertPreviousKept: after a failed default build the previous n.docx,
// n.pdf and n.json are byte for byte what they were, and nothing else (no
// temporary file) is in the output folder.
func assertPreviousKept(t *testing.T, outDir string) {
	t.Helper()
	for name, content := range previousOutputs {
		if b, err := os.ReadFile(filepath.Join(outDir, name)); err != nil || string(b) != content {
			t.Errorf("previous %s changed: %q, %v", name, b, err)
		}
	}
	ents, _ := os.ReadDir(outDir)
	if len(ents) != len(previousOutputs) {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("output folder holds %v, want only the previous n.docx, n.pdf, n.json", names)
	}
}

// hasHan: s has a Chinese character (the message is written in Chinese).
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// assertUnchanged: the previous output is byte for byte what it was, and
// nothing else (no temporary file) is in the output folder.
func assertUnchanged(t *testing.T, outDir, prev string) {
	t.Helper()
	b, err := os.ReadFile(prev)
	if err != nil || string(b) != "previous good output\n" {
		t.Errorf("previous output changed: %q, %v", b, err)
	}
	ents, _ := os.ReadDir(outDir)
	if len(ents) != 1 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("output folder holds %v, want only n.json", names)
	}
}

// TestBuildWindowsEncodings: a UTF-8 file with a BOM and a GBK file are read
// correctly (the GBK one with a warning), and the output says the title
// word for word.
func TestBuildWindowsEncodings(t *testing.T) {
	sample := readSample(t)
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		data     []byte
		warnings string
	}{
		{"BOM", append([]byte("\xEF\xBB\xBF"), sample...), ""},
		{"GBK", gbk, "GBK/GB18030"},
		{"UTF-16", utf16, "UTF-16"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, notice, outDir, prev := setup(t, c.data)
			code, stdout, stderr := runCLI("build", notice, "-o", outDir, "--format", "json")
			if code != 0 {
				t.Fatalf("exit status %d\n%s%s", code, stdout, stderr)
			}
			if c.warnings != "" && !strings.Contains(stderr, notice+":1:1: 警告："+"文件是 "+c.warnings) {
				t.Errorf("no encoding warning in:\n%s", stderr)
			}
			if c.warnings == "" && stderr != "" {
				t.Errorf("unexpected diagnostics:\n%s", stderr)
			}
			var d struct {
				Title []string `json:"title"`
			}
			b, _ := os.ReadFile(prev)
			if err := json.Unmarshal(b, &d); err != nil {
				t.Fatalf("output is not the composed JSON: %v", err)
			}
			want := "临沭县人民政府办公室关于2021年全县第三季度政府网站和政务新媒体检查情况通报"
			if strings.Join(d.Title, "") != want {
				t.Errorf("title %q, want %q", d.Title, want)
			}
		})
	}
}

// TestCheckSamples: every sample passes check (a sample may show a warning
// on purpose).
func TestCheckSamples(t *testing.T) {
	files, _ := filepath.Glob("../../samples/*.toml")
	if len(files) < 2 {
		t.Fatalf("samples: %v", files)
	}
	for _, f := range files {
		code, stdout, stderr := runCLI("check", f)
		if code != 0 || strings.Contains(stderr, "错误：") {
			t.Errorf("check %s: exit %d\n%s%s", f, code, stdout, stderr)
		}
	}
}

// TestCheckWarningsOnly: warnings alone exit 0, and each points at its
// character.
func TestCheckWarningsOnly(t *testing.T) {
	sample := readSample(t)
	src := replaceOnce(t, sample, "县政府办公室对全县纳入备案管理", "县政府办公室,对全县纳入备案管理")
	_, notice, _, _ := setup(t, []byte(src))
	code, _, stderr := runCLI("check", notice)
	if code != 0 {
		t.Errorf("exit %d with warnings only:\n%s", code, stderr)
	}
	line, col := posOf(t, src, ",对全县", 0)
	if !strings.Contains(stderr, fmt.Sprintf("%s:%d:%d: 警告：", notice, line, col)) {
		t.Errorf("no warning at %d:%d in:\n%s", line, col, stderr)
	}
}

// TestBuildReplacesAtomically: a second good build replaces the output whole
// and leaves no temporary file (and clears one a killed run left).
func TestBuildReplacesAtomically(t *testing.T) {
	_, notice, outDir, prev := setup(t, []byte(readSample(t)))
	// What a run killed between writing and renaming leaves behind.
	os.WriteFile(filepath.Join(outDir, ".n.json.tmp-12345"), []byte("{trunc"), 0o644)
	for i := 0; i < 2; i++ {
		if code, o, e := runCLI("build", "--format", "json", notice, "-o", outDir); code != 0 {
			t.Fatalf("exit %d\n%s%s", code, o, e)
		}
	}
	b, _ := os.ReadFile(prev)
	if !json.Valid(b) {
		t.Errorf("output is not whole JSON")
	}
	ents, _ := os.ReadDir(outDir)
	if len(ents) != 1 {
		t.Errorf("output folder holds %d entries, want 1", len(ents))
	}
}

// TestBuildUnknownFormatWritesNothing: an unknown format is refused, named,
// before anything is written.
func TestBuildUnknownFormatWritesNothing(t *testing.T) {
	_, notice, outDir, prev := setup(t, []byte(readSample(t)))
	code, _, stderr := runCLI("build", notice, "-o", outDir, "--format", "json,nosuch")
	if code != 1 || !strings.Contains(stderr, "不支持的格式“nosuch”") {
		t.Fatalf("exit %d, want 1 naming the format:\n%s", code, stderr)
	}
	assertUnchanged(t, outDir, prev)
}

// TestBuildFailedWriteWritesNothing: when one output cannot be written (here
// a folder stands where the JSON goes), none is: the DOCX rendered and
// written beside it before is not left behind either.
func TestBuildFailedWriteWritesNothing(t *testing.T) {
	_, notice, outDir, _ := setup(t, []byte(readSample(t)))
	os.Remove(filepath.Join(outDir, "n.json"))
	if err := os.Mkdir(filepath.Join(outDir, "n.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI("build", notice, "-o", outDir, "--format", "docx,json")
	if code != 1 || !strings.Contains(stderr, "n.json") || strings.Contains(stdout, "已生成") {
		t.Fatalf("exit %d, want 1 naming n.json:\n%s%s", code, stdout, stderr)
	}
	ents, _ := os.ReadDir(outDir)
	if len(ents) != 1 || !ents[0].IsDir() {
		t.Errorf("output folder holds %d entries, want only the folder n.json", len(ents))
	}
}

// TestBuildOutputIsAFile: -o naming a file is refused with a message saying
// so, and the file is left alone.
func TestBuildOutputIsAFile(t *testing.T) {
	_, notice, outDir, prev := setup(t, []byte(readSample(t)))
	code, _, stderr := runCLI("build", notice, "-o", prev, "--format", "json")
	if code != 1 || !strings.Contains(stderr, "不是文件夹") {
		t.Errorf("exit %d, want 1 saying -o is not a folder:\n%s", code, stderr)
	}
	assertUnchanged(t, outDir, prev)
}

// TestBuildFormats: --format given twice adds up, Chinese commas separate,
// repeats and case do not matter.
func TestBuildFormats(t *testing.T) {
	for _, args := range [][]string{
		{"--format", "json", "--format", "DOCX"},
		{"--format", "json，docx、json"},
	} {
		_, notice, outDir, _ := setup(t, []byte(readSample(t)))
		code, stdout, stderr := runCLI(append([]string{"build", notice, "-o", outDir}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
		for _, f := range []string{"n.json", "n.docx"} {
			if !strings.Contains(stdout, f) {
				t.Errorf("%v: %s not written:\n%s", args, f, stdout)
			}
		}
		if ents, _ := os.ReadDir(outDir); len(ents) != 2 {
			t.Errorf("%v: %d files written, want 2", args, len(ents))
		}
	}
}

// TestHelp: -h on every command, in Chinese; a wrong flag is named in
// Chinese.
func TestHelp(t *testing.T) {
	for _, c := range []string{"build", "check", "new", "version"} {
		code, _, stderr := runCLI(c, "-h")
		if code != 0 || !strings.Contains(stderr, "用法：gongwen "+c) {
			t.Errorf("%s -h: exit %d\n%s", c, code, stderr)
		}
		code, _, stderr = runCLI(c, "--bogus")
		if code != 1 || !strings.Contains(stderr, "没有“-bogus”这个选项") {
			t.Errorf("%s --bogus: exit %d\n%s", c, code, stderr)
		}
	}
}

// TestVersion: the version, and every embedded font with its licence.
func TestVersion(t *testing.T) {
	code, stdout, _ := runCLI("version")
	if code != 0 || !strings.HasPrefix(stdout, "gongwen dev") {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
	for face, lic := range fonts.Licences() {
		if !strings.Contains(stdout, fonts.File(face)) || !strings.Contains(stdout, lic) {
			t.Errorf("version does not name %s's font %s and licence %s:\n%s", face, fonts.File(face), lic, stdout)
		}
	}
}

// TestVersionLicences: --licences prints the full text of every licence file
// shipped in fonts/, so a binary passed on alone still carries them.
func TestVersionLicences(t *testing.T) {
	code, stdout, stderr := runCLI("version", "--licences")
	if code != 0 {
		t.Fatalf("version --licences: exit %d\n%s", code, stderr)
	}
	for _, lic := range fonts.Licences() {
		b, err := os.ReadFile(filepath.Join("..", "..", "fonts", lic))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stdout, strings.TrimRight(string(b), "\n")) {
			t.Errorf("version --licences does not print the whole of fonts/%s", lic)
		}
	}
}

// TestBuildSampleAllFormats: the sample builds into every format, each a
// file of its kind, and a second build gives the same bytes.
func TestBuildSampleAllFormats(t *testing.T) {
	dir := t.TempDir()
	var first map[string][]byte
	for run := 0; run < 2; run++ {
		out := filepath.Join(dir, fmt.Sprint(run))
		if code, o, e := runCLI("build", samplePath, "-o", out, "--format", "docx,pdf,json"); code != 0 {
			t.Fatalf("build: exit %d\n%s%s", code, o, e)
		}
		got := map[string][]byte{}
		for _, ext := range []string{"docx", "pdf", "json"} {
			got[ext] = mustRead(t, filepath.Join(out, "linshu-2021-q3."+ext))
		}
		if run == 0 {
			first = got
			if !bytes.HasPrefix(got["pdf"], []byte("%PDF-")) || !bytes.HasPrefix(got["docx"], []byte("PK\x03\x04")) || !json.Valid(got["json"]) {
				t.Errorf("outputs are not PDF, DOCX (zip) and JSON")
			}
			continue
		}
		for ext, b := range got {
			if !bytes.Equal(b, first[ext]) {
				t.Errorf("%s differs between two builds of the same notice", ext)
			}
		}
	}
}

// TestBuildMissingTemplateWritesNothing: a DOCX template that cannot be read
// stops the build before anything is written.
func TestBuildMissingTemplateWritesNothing(t *testing.T) {
	_, notice, outDir, prev := setup(t, []byte(readSample(t)))
	code, _, stderr := runCLI("build", notice, "-o", outDir, "--format", "json", "--docx-template", filepath.Join(outDir, "nosuch.docx"))
	if code != 1 || !strings.Contains(stderr, "无法读取 DOCX 底版") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	assertUnchanged(t, outDir, prev)
}
