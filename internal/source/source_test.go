package source

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// at is the line and column (characters) of the n-th occurrence (from 0) of
// marker in text, as an editor counts them.
func at(t *testing.T, text, marker string, n int) Pos {
	t.Helper()
	off := -1
	for k := 0; k <= n; k++ {
		i := strings.Index(text[off+1:], marker)
		if i < 0 {
			t.Fatalf("marker %q (#%d) not in text", marker, n)
		}
		off += 1 + i
	}
	before := text[:off]
	return Pos{
		Line: strings.Count(before, "\n") + 1,
		Col:  utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1,
	}
}

// TestPositions: the scanner finds keys and values of every kind of TOML
// construct the format uses, counted in characters.
func TestPositions(t *testing.T) {
	src := `# 注释 [not a table]
template = '督查通报'
[head]
masthead = ["甲局", "乙局"]   # 联合行文
[head.doc_number]
code = "沭政督字" ; year = 2021
[main]
title = "标题"
"quoted key" = 1
a.b = { c = "内联", d = [1, 2] }
[[main.section]]
title = "一"
[[main.section]]
title = "二"
text = """
第一段，
	第二行"""
[[main.section.section]]
title = "二之一"
[[attachment]]
title = "附件"
[[attachment.table]]
rows = [
  ["1", "单位"],  # 注释
  [ "2" , '单位二' ],
]
`
	// The line with "; year" is not valid TOML; drop it for this test.
	src = strings.Replace(src, "code = \"沭政督字\" ; year = 2021", "code = \"沭政督字\"", 1)
	p := scanPositions(src)
	for _, c := range []struct {
		path, marker string
		n            int
		key          bool
	}{
		{"template", "'督查通报'", 0, false},
		{"head", "head]", 0, true},
		{"head.masthead[1]", `"乙局"`, 0, false},
		{"head.doc_number", "head.doc_number]", 0, true},
		{"head.doc_number.code", "code", 0, true},
		{"main.title", `"标题"`, 0, false},
		{`main."quoted key"`, `"quoted key"`, 0, true},
		{"main.a.b.c", `"内联"`, 0, false},
		{"main.a.b.d[1]", "2]", 0, false},
		{"main.section[0].title", `"一"`, 0, false},
		{"main.section[1]", "main.section]]", 1, true},
		{"main.section[1].title", `"二"`, 0, false},
		{"main.section[1].text", `"""`, 0, false},
		{"main.section[1].section[0].title", `"二之一"`, 0, false},
		{"attachment[0].table[0].rows[0][1]", `"单位"]`, 0, false},
		{"attachment[0].table[0].rows[1][0]", `"2"`, 0, false},
		{"attachment[0].table[0].rows[1][1]", `'单位二'`, 0, false},
	} {
		want := at(t, src, c.marker, c.n)
		got, ok := p.Value(c.path)
		if c.key {
			got, ok = p.Key(c.path)
		}
		if !ok || got != want {
			t.Errorf("%s: %v (found %v), want %v", c.path, got, ok, want)
		}
	}
	// A character inside a multi-line string: its own line and column.
	s, offs, ok := p.String("main.section[1].text")
	if !ok || s != "第一段，\n\t第二行" {
		t.Fatalf("decoded %q, %v", s, ok)
	}
	i := len([]rune("第一段，\n\t第"))
	if got, want := p.At(offs[i]), at(t, src, "二行", 0); got != want {
		t.Errorf("rune %d of the text at %v, want %v", i, got, want)
	}
}

// TestWarningsInMultilineText: each convention warning points at the very
// character, inside a multi-line string, after escapes and a line-ending
// backslash.
func TestWarningsInMultilineText(t *testing.T) {
	src := minimal + `
[[main.section]]
title = "问题"
text = """
各单位要提高认识,认真整改(限期一个月)。\
  请于9:00前报送，数量1,000条，版本2.5。
他说"好"，依据沭政督字【2021】31号文件？
Version 2 (beta): a, b.
"""
`
	f := Parse("t.toml", []byte(src), Options{})
	want := []struct {
		marker string
		n      int
		msg    string
	}{
		{",认真", 0, "“，”"},
		{"(限期", 0, "“（”"},
		{")。", 0, "“）”"},
		{`"好`, 0, "左引号"},
		{`"，依据`, 0, "右引号"},
		{"【2021】", 0, "〔2021〕"},
	}
	var warns []Diagnostic
	for _, d := range f.Diags {
		if d.Severity == Error {
			t.Errorf("unexpected error: %s", d)
		} else {
			warns = append(warns, d)
		}
	}
	if len(warns) != len(want) {
		t.Errorf("got %d warnings, want %d:\n%s", len(warns), len(want), Diagnostics(warns))
	}
	for i, w := range want {
		p := at(t, src, w.marker, w.n)
		if i >= len(warns) {
			break
		}
		if d := warns[i]; d.Line != p.Line || d.Col != p.Col || !strings.Contains(d.Message, w.msg) {
			t.Errorf("warning %d: %s, want at %d:%d with %q", i, d, p.Line, p.Col, w.msg)
		}
	}
}

// minimal is the smallest notice that passes.
const minimal = `[main]
title = "关于检查情况的通报"
text = "正文。"
[signature]
issuer = "某某县人民政府办公室"
date = 2021-09-22
`

func TestMinimalPasses(t *testing.T) {
	if f := Parse("m.toml", []byte(minimal), Options{}); len(f.Diags) != 0 {
		t.Errorf("minimal notice: %s", f.Diags)
	}
}

func TestSamplePasses(t *testing.T) {
	b, err := os.ReadFile("../../samples/linshu-2021-q3.toml")
	if err != nil {
		t.Fatal(err)
	}
	if f := Parse("s.toml", b, Options{Dir: "../../samples"}); len(f.Diags) != 0 || f.Notice == nil {
		t.Errorf("sample: %s", f.Diags)
	}
}

// TestChecks: one fault each, reported at its place with its message.
func TestChecks(t *testing.T) {
	for _, c := range []struct {
		name, add, marker, msg string
	}{
		{"copy number", "[head]\ncopy_number = \"00001\"\n", `"00001"`, "6位"},
		{"urgency", "[head]\nurgency = \"紧急\"\n", `"紧急"`, "特急"},
		{"classification", "[head]\nclassification = \"内部\"\n", `"内部"`, "绝密"},
		{"doc number 第", "[head.doc_number]\ncode = \"沭政督字第\"\nyear = 2021\nseq = 3\n", `"沭政督字第"`, "不写“第”"},
		{"doc number seq 0", "[head.doc_number]\ncode = \"沭政督字\"\nyear = 2021\nseq = 0\n", "0\n", "请填写发文顺序号"},
		{"doc number year in code", "[head.doc_number]\ncode = \"沭政督字〔2021〕\"\nyear = 2021\nseq = 3\n", `"沭政督字〔`, "只写机关代字"},
		{"run-in without text", "[[main.section]]\ntitle = \"要求。\"\nrun_in = true\n", "true", "run_in"},
		{"typed number", "[[main.section]]\ntitle = \"一、要求\"\ntext = \"x\"\n", `"一、要求"`, "不要写序号"},
		{"merge up in first row", "[[main.table]]\ncolumns = [{ name = \"a\" }, { name = \"b\" }]\nrows = [[\"^\", \"1\"]]\n", `"^"`, "上边没有"},
		{"merge not a rectangle", "[[main.table]]\ncolumns = [{ name = \"a\" }, { name = \"b\" }]\nrows = [[\"1\", \"<\"], [\"^\", \"2\"]]\n", `"2"`, "矩形"},
		{"too few cells", "[[main.table]]\ncolumns = [{ name = \"a\" }, { name = \"b\" }]\nrows = [[\"1\"]]\n", `["1"]`, "少了1个"},
		{"font size", "[[main.table]]\nfont_size = \"六号\"\ncolumns = [{ name = \"a\" }]\nrows = [[\"1\"]]\n", `"六号"`, "字号"},
		{"attachment punctuation", "[[attachment]]\ntitle = \"统计表。\"\n", `"统计表。"`, "不加标点"},
		{"seal missing", "[signature]\nseal = \"nosuch.png\"\n", `"nosuch.png"`, "找不到印章"},
		{"printed_on missing", "[colophon]\nprinted_by = \"某办公室\"\n", "colophon]", "缺少印发日期"},
		{"unknown table", "[mian]\nx = 1\n", "mian", "你是不是想写“main”"},
		{"names of wrong type", "[head]\nmasthead = 3\n", "3\n", "应为文字"},
		{"key in the wrong table", "[colophon]\nissuer = \"某办\"\n", "issuer = \"某办", "应写在 [signature] 中"},
		{"misspelt key of another table", "[colophon]\ntitel = \"x\"\n", "titel", "你是不是想写“title”（写在 [main] 中）"},
		{"key in Chinese", "[colophon]\n抄送 = [\"县委办公室\"]\n", "抄送", "cc（在 [colophon] 中）"},
		{"signers without a doc number", "[head]\nsigners = [\"张三\"]\n", "signers", "发文字号"},
		{"date with slashes", "[colophon]\nprinted_on = 2021/09/22\n", "2021/09/22", "2021-09-22 的形式"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := minimal + c.add
			// [signature] and [head] may be given twice; fold a second table
			// into the first by dropping its header.
			if strings.HasPrefix(c.add, "[signature]") {
				src = minimal[:strings.Index(minimal, "date =")] + strings.TrimPrefix(c.add, "[signature]\n") + "date = 2021-09-22\n"
			}
			f := Parse("t.toml", []byte(src), Options{Dir: t.TempDir()})
			p := at(t, src, c.marker, 0)
			for _, d := range f.Diags {
				if d.Severity == Error && d.Line == p.Line && d.Col == p.Col && strings.Contains(d.Message, c.msg) {
					return
				}
			}
			t.Errorf("want an error at %d:%d with %q, got:\n%s", p.Line, p.Col, c.msg, f.Diags)
		})
	}
}

// TestSeveralSyntaxErrors: syntax errors on different lines all come out,
// and then the other checks: [signature] is truly missing, while the title
// and the text, written on bad lines, are not reported missing.
func TestSeveralSyntaxErrors(t *testing.T) {
	src := "[main]\ntitle = 标题\ntext = \"正文\nseq = 031\n"
	f := Parse("t.toml", []byte(src), Options{})
	var lines []int
	for _, d := range f.Diags {
		switch {
		case d.Line > 1:
			lines = append(lines, d.Line)
		case !strings.Contains(d.Message, "缺少发文机关署名") && !strings.Contains(d.Message, "缺少成文日期"):
			t.Errorf("unexpected: %s", d)
		}
	}
	if fmt.Sprint(lines) != "[2 3 4]" {
		t.Errorf("want syntax errors on lines 2, 3, 4, got:\n%s", f.Diags)
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"title", "addressees", "text", "section", "run_in", "closing", "remark"}
	for in, want := range map[string]string{
		"titel": "title", "adressees": "addressees", "Text": "text", "runin": "run_in",
		"sections": "section", "colour": "", "x": "",
	} {
		if got := Suggest(in, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestKnownKeysFollowTags: the schema's keys come from the struct tags, so a
// new field is known without a list to update.
func TestKnownKeysFollowTags(t *testing.T) {
	keys := KnownKeys(reflectValue(&Notice{}).Field(2).Type()) // Main
	for _, k := range []string{"title", "addressees", "text", "block", "table", "section", "closing", "remark"} {
		found := false
		for _, kk := range keys {
			found = found || kk == k
		}
		if !found {
			t.Errorf("key %q of [main] not known: %v", k, keys)
		}
	}
}

// TestSealPNG: the seal must be an 8-bit, non-interlaced PNG (what the PDF
// writer embeds); others are refused at the seal's value with the reason.
func TestSealPNG(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, img image.Image, patch func([]byte)) {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		data := b.Bytes()
		if patch != nil {
			patch(data)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ok.png", image.NewNRGBA(image.Rect(0, 0, 4, 4)), nil)
	write("deep.png", image.NewRGBA64(image.Rect(0, 0, 4, 4)), nil)
	write("interlaced.png", image.NewNRGBA(image.Rect(0, 0, 4, 4)), func(b []byte) { b[28] = 1 })
	// A huge image says so in its header: 30,000 pixels a side, far more than
	// a seal needs, would take gigabytes to decode.
	write("huge.png", image.NewNRGBA(image.Rect(0, 0, 4, 4)), func(b []byte) { binary.BigEndian.PutUint32(b[16:20], 30000) })
	os.WriteFile(filepath.Join(dir, "seal.jpg"), []byte("\xff\xd8\xff\xe0 not a png"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.png"), nil, 0o644)
	if b, err := os.ReadFile(filepath.Join(dir, "ok.png")); err == nil { // a copy broken off
		os.WriteFile(filepath.Join(dir, "cut.png"), b[:len(b)-20], 0o644)
	}
	os.Mkdir(filepath.Join(dir, "folder.png"), 0o755)
	for name, want := range map[string]string{
		"ok.png": "", "deep.png": "16 位色深", "interlaced.png": "隔行扫描", "seal.jpg": "不是 PNG",
		"huge.png": "每边最多", "empty.png": "不是 PNG", "folder.png": "是文件夹", "cut.png": "不完整",
	} {
		src := strings.Replace(minimal, "date =", "seal = \""+name+"\"\ndate =", 1)
		f := Parse("t.toml", []byte(src), Options{Dir: dir})
		if want == "" {
			if len(f.Diags) != 0 {
				t.Errorf("%s: %s", name, f.Diags)
			}
			continue
		}
		p := at(t, src, `"`+name+`"`, 0)
		if len(f.Diags) != 1 || f.Diags[0].Line != p.Line || f.Diags[0].Col != p.Col || !strings.Contains(f.Diags[0].Message, want) {
			t.Errorf("%s: want one error at %d:%d with %q, got:\n%s", name, p.Line, p.Col, want, f.Diags)
		}
	}
}

// TestLimit: a run lists at most maxWarnings warnings and says how many more
// there are.
func TestLimit(t *testing.T) {
	src := minimal + "[[main.section]]\ntitle = \"问题\"\ntext = \"" + strings.Repeat("甲,", maxWarnings+50) + "\"\n"
	f := Parse("t.toml", []byte(src), Options{})
	if len(f.Diags) != maxWarnings+1 {
		t.Fatalf("%d diagnostics, want %d", len(f.Diags), maxWarnings+1)
	}
	if last := f.Diags[maxWarnings]; !strings.Contains(last.Message, "另有 50 个警告未列出") {
		t.Errorf("last: %s", last)
	}
	// The count says how many the file has, not how many lines were listed.
	if errs, warns := f.Diags.Count(); errs != 0 || warns != maxWarnings+50 {
		t.Errorf("Count() = %d errors, %d warnings; want 0, %d", errs, warns, maxWarnings+50)
	}
}

// TestStrayClosingBraces: a "}}" with no "{{" before it (the opening braces
// forgotten) is a warning at the braces — the text would print them as they
// stand; the "}}" closing an expression is not.
func TestStrayClosingBraces(t *testing.T) {
	src := minimal + `
[[main.section]]
title = "问题"
text = "共{{count accounts}}个账号，其中accounts | vetoed}}个长期不更新。"
`
	f := Parse("t.toml", []byte(src), Options{})
	p := at(t, src, "}}个长期", 0)
	if len(f.Diags) != 1 || f.Diags[0].Severity != Warning || f.Diags[0].Line != p.Line || f.Diags[0].Col != p.Col ||
		!strings.Contains(f.Diags[0].Message, "漏写了“{{”") {
		t.Errorf("want one warning at %d:%d about the missing {{, got:\n%s", p.Line, p.Col, f.Diags)
	}
}

// TestDiagnosticsInFileOrder: whatever check finds a problem, the clerk reads
// them top to bottom — by line, then column — and the same file gives the
// same list every run (several unknown keys in one table, found by walking
// a map, included).
func TestDiagnosticsInFileOrder(t *testing.T) {
	src := `[head]
urgency = "很急"
[head.doc_number]
code = "沭政督字"
year = 2021
seq = "31"
[main]
title = "关于检查情况的通报"
text = "正文,其余。"
zeta = 1
alpha = 2
mid = 3
[[main.section]]
title = "一、问题"
[signature]
issuer = "某某县人民政府办公室"
date = 2021-09-22
seal = "nosuch.png"
`
	first := Parse("t.toml", []byte(src), Options{})
	if len(first.Diags) < 7 {
		t.Fatalf("want at least 7 diagnostics, got:\n%s", first.Diags)
	}
	for i := 1; i < len(first.Diags); i++ {
		a, b := first.Diags[i-1], first.Diags[i]
		if a.Line > b.Line || a.Line == b.Line && a.Col > b.Col {
			t.Errorf("out of order: %s before %s", a, b)
		}
	}
	for range 5 {
		if again := Parse("t.toml", []byte(src), Options{}); again.Diags.String() != first.Diags.String() {
			t.Fatalf("a second run differs:\n%s\nfirst:\n%s", again.Diags, first.Diags)
		}
	}
}
