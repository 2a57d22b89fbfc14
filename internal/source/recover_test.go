package source

import (
	"os"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// mark is an expected diagnostic: at the first character of the n-th
// occurrence of marker in the file, of the severity, its message holding
// msg.
type mark struct {
	marker string
	n      int
	sev    Severity
	msg    string
}

// TestRecoverAfterSyntaxErrors: a file with syntax errors gets every other
// check too, each diagnostic at its true place in the file, and nothing that
// is only a consequence of the bad lines being left out.
func TestRecoverAfterSyntaxErrors(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []mark   // exactly these, each at its place
		not  []string // no message holds these
	}{{
		name: "issue example: impossible date and unknown key",
		src:  "[main]\ntitel = \"测试\"\n[signature]\nissuer = \"某局\"\ndate = 2021-02-30\n",
		want: []mark{
			{"2021-02-30", 0, Error, "2021年2月没有30日"},
			{"titel", 0, Error, "不认识的键“titel”"},
			// True of the file, as for the same file with a good date:
			{"main", 0, Error, "缺少标题"},
			{"main", 0, Error, "缺少正文"},
		},
		not: []string{"缺少成文日期"},
	}, {
		name: "two syntax errors, an unknown key, a half-width comma",
		src: `[main]
title = "关于检查情况的通报"
text = "正文,见下。"
colour = "红"
[head.doc_number]
code = "沭政督字"
year = 2021
seq = 031
[signature]
issuer = "某某县人民政府办公室"
date = 2021-02-30
`,
		want: []mark{
			{",", 0, Warning, "“,”改为“，”"},
			{"colour", 0, Error, "不认识的键“colour”"},
			{"031", 0, Error, "不加前导零"},
			{"2021-02-30", 0, Error, "2021年2月没有30日"},
		},
		not: []string{"缺少成文日期", "缺少发文顺序号"},
	}, {
		name: "bad escape inside a multi-line string: the string is not judged, the rest is",
		src: `[main]
title = "关于检查情况的通报"
text = """
各单位,请注意。
路径 C:\q 不对。
"""
colour = "红"
[signature]
issuer = "某某县人民政府办公室"
date = 2021-09-22
`,
		want: []mark{
			{"\\q", 0, Error, "反斜杠"},
			{"colour", 0, Error, "不认识的键“colour”"},
		},
		not: []string{"缺少正文", "改为“，”"},
	}, {
		name: "syntax error in an inline table of columns: no missing columns, no cell counts",
		src: `[main]
title = "关于检查情况的通报"
text = "正文。"
[[main.table]]
columns = [{ name = "单位", width = }]
rows = [["甲", "乙"]]
colour = "红"
[signature]
issuer = "某某县人民政府办公室"
date = 2021-09-22
`,
		want: []mark{
			{"}", 0, Error, "应写一个值"},
			{"colour", 0, Error, "不认识的键“colour”"},
		},
		not: []string{"表格缺少列", "单元格"},
	}, {
		name: "bad row inside a multi-line table: the table's rows are not judged",
		src: `[main]
title = "关于检查情况的通报"
text = "正文。"
[[main.table]]
columns = [{ name = "单位" }, { name = "数" }]
rows = [
  ["甲", "1"],
  ["乙" "2"],
  ["丙", "3", "多"],
]
[signature]
issuer = "某某县人民政府办公室"
date = 2021-09-22
colour = "红"
`,
		want: []mark{
			{`"2"`, 0, Error, "逗号"},
			{"colour", 0, Error, "不认识的键“colour”"},
		},
		not: []string{"单元格"},
	}, {
		name: "a line whose key cannot be read: its table's missing keys are not reported",
		src:  "[main]\ntitle \"关于检查情况的通报\"\ntext = \"正文。\"\n[signature]\nissuer = \"某局\"\ndate = 2021-09-22\ncolour = \"红\"\n",
		want: []mark{
			{"\"关于", 0, Error, "等号"},
			{"colour", 0, Error, "不认识的键“colour”"},
		},
		not: []string{"缺少标题"},
	}, {
		name: "unterminated multi-line string: other checks skipped, and said so",
		src:  "[main]\ncolour = \"红\"\ntext = \"\"\"\n正文,\n",
		want: []mark{{"\n", 3, Error, "其他检查未进行"}}, // at the end of the file
		not:  []string{"colour"},
	}, {
		name: "bad table header: other checks skipped, and said so",
		src:  "[main]\ntitle = \"关于检查情况的通报\"\ntext = \"正文。\"\n[signature\nissuer = \"某局\"\ndate = 2021-09-22\n",
		want: []mark{{"\nissuer", 0, Error, "其他检查未进行"}}, // where "]" is missing
		not:  []string{"不认识的键"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := Parse("t.toml", []byte(c.src), Options{})
			if len(f.Diags) != len(c.want) {
				t.Errorf("want %d diagnostics, got %d:\n%s", len(c.want), len(f.Diags), f.Diags)
			}
			for _, w := range c.want {
				p := at(t, c.src, w.marker, w.n)
				found := false
				for _, d := range f.Diags {
					if d.Line == p.Line && d.Col == p.Col && d.Severity == w.sev && strings.Contains(d.Message, w.msg) {
						found = true
					}
				}
				if !found {
					t.Errorf("want %q at %d:%d, got:\n%s", w.msg, p.Line, p.Col, f.Diags)
				}
			}
			for _, s := range c.not {
				for _, d := range f.Diags {
					if strings.Contains(d.Message, s) {
						t.Errorf("a consequence of recovery reported: %s", d)
					}
				}
			}
			if f.Notice != nil || f.Pos != nil || !f.Diags.HasErrors() {
				t.Errorf("a file with syntax errors must give no notice and an error")
			}
		})
	}
}

// TestRecoverMatchesFixedFile: what check says of a file beyond its syntax
// errors is exactly what it says of the same file with those lines written
// right — recovery neither loses nor invents a diagnostic.
func TestRecoverMatchesFixedFile(t *testing.T) {
	cases := []struct{ broken, fixed string }{{
		"[main]\ntitel = \"测试\"\n[signature]\nissuer = \"某局\"\ndate = 2021-02-30\n",
		"[main]\ntitel = \"测试\"\n[signature]\nissuer = \"某局\"\ndate = 2021-02-28\n",
	}, {
		"[main]\ntitle = \"关于检查情况的通报\"\ntext = \"正文,见下(一)。\"\ncolour = 1\n[head.doc_number]\ncode = \"沭政督字第\"\nyear = 21\nseq = 031\n[signature]\nissuer = 标题\ndate = 2021-02-30\n",
		"[main]\ntitle = \"关于检查情况的通报\"\ntext = \"正文,见下(一)。\"\ncolour = 1\n[head.doc_number]\ncode = \"沭政督字第\"\nyear = 21\nseq = 31\n[signature]\nissuer = \"某局\"\ndate = 2021-02-28\n",
	}}
	for _, c := range cases {
		broken := Parse("t.toml", []byte(c.broken), Options{})
		fixed := Parse("t.toml", []byte(c.fixed), Options{})
		if fixed.Diags.String() == "" {
			t.Fatalf("the fixed file should still have problems to compare")
		}
		bl, fl := strings.Split(c.broken, "\n"), strings.Split(c.fixed, "\n")
		changed := map[int]bool{}
		for i := range bl {
			if bl[i] != fl[i] {
				changed[i+1] = true
			}
		}
		var rest, want Diagnostics
		for _, d := range broken.Diags {
			if !changed[d.Line] {
				rest = append(rest, d)
			}
		}
		for _, d := range fixed.Diags {
			if !changed[d.Line] {
				want = append(want, d)
			}
		}
		if rest.String() != want.String() {
			t.Errorf("beyond its syntax errors the file gives:\n%swant, as the fixed file gives:\n%s", rest, want)
		}
		if n := len(broken.Diags) - len(rest); n != len(changed) {
			t.Errorf("want one syntax error per changed line (%d), got %d:\n%s", len(changed), n, broken.Diags)
		}
	}
}

// TestRecoverSampleOneBadLine: the sample passes check; spoil any one of its
// lines so that the file no longer parses, and check must report that line's
// syntax error and nothing else — whatever the line was (a key, a table
// row, a line of a multi-line text), recovery invents no problem.
func TestRecoverSampleOneBadLine(t *testing.T) {
	b, err := os.ReadFile("../../samples/linshu-2021-q3.toml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	tried := 0
	for i, line := range lines {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		// Junk after the line (recovered by cutting it off) and junk
		// before it (recovered by leaving the line out).
		for _, bad := range []string{line + ` x = "`, "！" + line} {
			spoilt := append([]string(nil), lines...)
			spoilt[i] = bad
			src := strings.Join(spoilt, "\n")
			var tree map[string]any
			if toml.Unmarshal([]byte(src), &tree) == nil {
				continue // still TOML (inside a multi-line text)
			}
			tried++
			f := Parse("s.toml", []byte(src), Options{Dir: "../../samples"})
			if len(f.Diags) != 1 || f.Diags[0].Line != i+1 || f.Diags[0].Severity != Error {
				t.Errorf("line %d spoilt (%q): want its one syntax error, got:\n%s", i+1, bad, f.Diags)
			}
		}
	}
	if tried < 20 {
		t.Errorf("only %d lines tried", tried)
	}
}
