package expr

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/findings"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func ip(n int) *int { return &n }

// env is a small county: weekly updates, the 14-day veto, 30% originals.
func env(t *testing.T) *Env {
	t.Helper()
	d := county()
	m, issues := findings.Evaluate(d)
	if len(issues) > 0 {
		t.Fatalf("issues: %v", issues)
	}
	return New(m)
}

func envForFuzz() *Env {
	m, _ := findings.Evaluate(county())
	return New(m)
}

func county() *findings.Data {
	return &findings.Data{
		Period:    findings.Period{Year: 2021, Quarter: 3},
		CheckDate: day("2021-09-14"),
		Rules:     findings.Rules{LateDays: 7, StaleDays: 14, MinOriginalPercent: 30},
		Platforms: []string{"微博", "微信公众号"},
		Units: []findings.Unit{
			{Name: "交通运输局", Kind: "县直部门"},
			{Name: "生态环境分局", Kind: "县直部门"},
			{Name: "科技局", Kind: "县直部门"},
			{Name: "临沭街道", Kind: "街道"},
			{Name: "曹庄镇", Kind: "镇"},
			{Name: "店头镇", Kind: "镇"},
			{Name: "石门镇", Kind: "镇"},
		},
		Accounts: []findings.Account{
			{Unit: "交通运输局", Platform: "微信公众号", Name: "临沭交通", LastUpdate: day("2021-09-03")},
			{Unit: "生态环境分局", Platform: "今日头条", LastUpdate: day("2021-07-01")},
			{Unit: "科技局", Platform: "微信公众号", Name: "临沭科技", LastUpdate: day("2021-09-13")},
			{Unit: "临沭街道", Platform: "微信公众号", LastUpdate: day("2021-09-12"), Posts: ip(10), Original: ip(5)},
			{Unit: "曹庄镇", Platform: "新浪微博", LastUpdate: day("2021-05-01")},
			{Unit: "曹庄镇", Platform: "微信公众号", LastUpdate: day("2021-09-13")},
			{Unit: "店头镇", Platform: "微信公众号", LastUpdate: day("2021-09-01")},
			{Unit: "店头镇", Platform: "微博", Name: "店头发布", LastUpdate: day("2021-09-02")},
			{Unit: "石门镇", Platform: "微信公众号", LastUpdate: day("2021-09-10"), Posts: ip(10), Original: ip(1)},
		},
	}
}

func TestFunctions(t *testing.T) {
	e := env(t)
	for _, c := range []struct{ in, want string }{
		{`{{count accounts}}个政务新媒体`, "9个政务新媒体"},
		{`{{accounts | problem "更新不及时" | byunit}}`, "交通运输局（微信公众号）、店头镇（微博、微信公众号）"},
		{`{{accounts | problem "长期不更新" | byunit}}`, "生态环境分局（今日头条）、曹庄镇（新浪微博）"},
		{`请{{accounts | problem "长期不更新" | unitsof | count | cnq}}单位落实{{accounts | problem "长期不更新" | count | cnq}}个账号`, "请两单位落实两个账号"},
		{`{{listcount "个镇街" (units | kind "镇街" | verdict "合格")}}`, "临沭街道1个镇街"},
		{`{{listcount "等" "个部门" (units | kind "部门" | verdict "合格")}}`, "科技局等1个部门"},
		{`{{units | kind "镇" | names}}`, "曹庄镇、店头镇、石门镇"},
		{`合格率{{passrate 2 accounts}}`, "合格率33.33%"},
		{`{{rate (accounts | verdict "合格") accounts 0}}`, "33%"},
		{`{{byplatform "政务" (accounts | verdict "不合格" | kind "镇街")}}`, "政务微博“店头发布”、政务微信公众号“店头镇”“石门镇”、政务新浪微博“曹庄镇”"},
		{`{{byproblem (accounts | verdict "不合格" | kind "镇")}}`, "长期不更新（1个）：曹庄镇（新浪微博）；更新不及时（2个）：店头镇（微博、微信公众号）；原创性不高（1个）：石门镇（微信公众号）"},
		{`{{range groupby "platform" (accounts | verdict "不合格")}}{{.Key}}{{.Count}}个；{{end}}`, "微博1个；微信公众号3个；新浪微博1个；今日头条1个；"},
		{`{{range $i, $a := accounts | vetoed}}{{if $i}}和{{end}}{{$a.Unit}}{{$a.Platform}}账号{{end}}`, "生态环境分局今日头条账号和曹庄镇新浪微博账号"},
		{`{{.Period.Year}}年第{{cn .Period.Quarter}}季度，检查日{{date .CheckDate}}（{{md .CheckDate}}）`, "2021年第三季度，检查日2021年9月14日（9月14日）"},
		{`{{(unit "店头镇").Kind}}{{accounts | of "店头镇" "曹庄镇" | count}}`, "镇4"},
		{`{{accounts | except (accounts | verdict "不合格") | names}}`, "临沭科技、临沭街道、曹庄镇"},
		{`{{add 1 (sub 5 2)}}`, "4"},
		{`{{accounts | of "店头镇"}}`, "店头镇（微博、微信公众号）"}, // printed as byunit, in the data's platform order
		{`{{accounts | platform "微博" "新浪微博" | count}}`, "2"},
	} {
		got, err := e.Text(c.in, Pos{1, 1})
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s\n got  %s\n want %s", c.in, got, c.want)
		}
	}
}

// TestErrorPositions: every error points at the faulty action in the file.
// The text starts at line 10, column 8 of the file (after `text = "`).
func TestErrorPositions(t *testing.T) {
	e := env(t)
	at := Pos{10, 8}
	for _, c := range []struct {
		in   string
		pos  Pos
		word string // the message names it
	}{
		// an unknown function on the first line: 中文 is two characters
		{`中文{{cuont accounts}}`, Pos{10, 12}, "cuont"},
		// on a later line, the column counts from the line's start
		{"第一行\n二行 {{count accounts}} {{bogus 1}}", Pos{11, 25}, "bogus"},
		// an unknown field, at the field
		{"甲\n乙{{range accounts}}{{.Platfrom}}{{end}}", Pos{11, 22}, "Platform"},
		// a unit that does not exist, at the call
		{`店头镇{{(unit "店头真").Kind}}`, Pos{10, 14}, "店头镇"},
		{"x\n\n  {{accounts | of \"不存在局\" | count}}", Pos{12, 16}, "不存在局"},
		// an unclosed action
		{`前文{{count accounts`, Pos{10, 10}, "}}"},
		// a missing {{end}}
		{"{{if true}}\n是", Pos{10, 8}, "{{end}}"},
		// wrong argument count
		{`{{rate 1 2}}`, Pos{10, 10}, "参数个数"},
		// a filter applied to a number
		{`{{1 | problem "更新不及时"}}`, Pos{10, 14}, "数字 1"},
	} {
		_, err := e.Text(c.in, at)
		var xe *Error
		if !errors.As(err, &xe) {
			t.Errorf("%q: error %v, want *Error", c.in, err)
			continue
		}
		if xe.Pos != c.pos || !strings.Contains(xe.Msg, c.word) {
			t.Errorf("%q: %d:%d %s\n want %d:%d and a message naming %s", c.in, xe.Pos.Line, xe.Pos.Col, xe.Msg, c.pos.Line, c.pos.Col, c.word)
		}
	}
}

func TestTable(t *testing.T) {
	e := env(t)
	cols := []findings.Column{
		{Name: "序号", ColumnSpec: findings.ColumnSpec{Field: "seq", Merge: true}},
		{Name: "单位", ColumnSpec: findings.ColumnSpec{Field: "unit", Merge: true}},
		{Name: "账号", ColumnSpec: findings.ColumnSpec{Group: "政务新媒体", Value: "{{.Account.DisplayName}}"}},
		{Name: "平台", ColumnSpec: findings.ColumnSpec{Group: "政务新媒体", Field: "platform"}},
		{Name: "检查结果", ColumnSpec: findings.ColumnSpec{Group: "政务新媒体", Field: "result", Total: `合格率{{passrate 2 accounts}}`}},
	}
	spec := &findings.TableSpec{From: `accounts | kind "镇街"`, Total: "合计",
		Groups: []findings.GroupSpec{{Title: "街道", Kind: "街道"}, {Title: "镇", Kind: "镇"}}}
	tb, err := e.Table(TableInput{Spec: spec, Columns: cols})
	if err != nil {
		t.Fatal(err)
	}
	checkGrid(t, tb)
	// header: 序号 and 单位 span two rows; 政务新媒体 spans three columns.
	h := tb.Header
	if len(h) != 2 || h[0][0].RowSpan != 2 || !h[1][0].Covered || h[0][2].Text != "政务新媒体" || h[0][2].ColSpan != 3 || h[1][3].Text != "平台" {
		t.Errorf("header: %+v", h)
	}
	var lines []string
	for _, r := range tb.Rows {
		var cells []string
		for _, c := range r {
			if c.Covered {
				cells = append(cells, "·")
			} else {
				cells = append(cells, c.Text)
			}
		}
		lines = append(lines, strings.Join(cells, "|"))
	}
	want := []string{
		"街道|·|·|·|·",
		"1|临沭街道|临沭街道|微信公众号|合格",
		"镇|·|·|·|·",
		"2|曹庄镇|曹庄镇|新浪微博|长期不更新",
		"·|·|曹庄镇|微信公众号|合格",
		"3|店头镇|店头镇|微信公众号|更新不及时",
		"·|·|店头发布|微博|更新不及时",
		"4|石门镇|石门镇|微信公众号|原创性不高",
		"合计|·|·|·|合格率33.33%",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if tb.Rows[3][0].RowSpan != 2 || tb.Rows[3][2].RowSpan != 1 {
		t.Errorf("曹庄镇's 序号 must span its two accounts, its account cells not")
	}
}

// checkGrid asserts the model's grid invariant (doc.Table.CheckGrid).
func checkGrid(t *testing.T, tb *doc.Table) {
	t.Helper()
	if err := tb.CheckGrid(); err != nil {
		t.Fatal(err)
	}
}

// A wrong field is found even where the data never leads: in a branch not
// taken, in a range over an empty set, through variables and groups.
func TestStaticFields(t *testing.T) {
	e := env(t)
	at := Pos{3, 5}
	for _, c := range []struct {
		in   string
		col  int
		word string
	}{
		{`{{if false}}{{.Perod.Year}}{{end}}`, 5 + 14, "Period"},
		{`{{range accounts | problem "未报备"}}{{.Plat}}{{end}}`, 5 + 36, "Platform"},
		{`{{range $i, $a := accounts | vetoed}}{{$a.Owner.Knd}}{{end}}`, 5 + 47, "Kind"},
		{`{{range groupby "platform" (accounts | verdict "合格" | verdict "不合格")}}{{.Kye}}{{end}}`, 5 + 72, "Key"},
		{`{{with unit "店头镇"}}{{.Site.LastUpdat}}{{end}}`, 5 + 26, "LastUpdate"},
	} {
		_, err := e.Text(c.in, at)
		var xe *Error
		if !errors.As(err, &xe) {
			t.Errorf("%s: no error", c.in)
			continue
		}
		if xe.Pos != (Pos{3, c.col}) || !strings.Contains(xe.Msg, c.word) {
			t.Errorf("%s: %d:%d %s; want 3:%d naming %s", c.in, xe.Pos.Line, xe.Pos.Col, xe.Msg, c.col, c.word)
		}
	}
	// Right fields pass, whatever the data.
	for _, ok := range []string{
		`{{if false}}{{.Period.Year}}{{.CheckDate.Format "1.2"}}{{end}}`,
		`{{range accounts | problem "未报备"}}{{.Owner.Site.Days}}{{.DisplayName}}{{range .Events}}{{.Account.Unit}}{{end}}{{end}}`,
		`{{range groupby "problem" accounts}}{{.Key}}{{.Count}}{{range .Accounts}}{{.Platform}}{{end}}{{end}}`,
		`{{$x := accounts | vetoed}}{{range $x}}{{.Unit}}{{end}}`,
	} {
		if _, err := e.Text(ok, at); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

// Two records side by side: 7 units fill 4 rows of two 序号/单位 pairs, the
// left block first, the last pair empty.
func TestTableAcross(t *testing.T) {
	e := env(t)
	cols := []findings.Column{
		{Name: "序号", ColumnSpec: findings.ColumnSpec{Field: "seq"}},
		{Name: "单位", ColumnSpec: findings.ColumnSpec{Field: "unit"}},
	}
	tb, err := e.Table(TableInput{Spec: &findings.TableSpec{From: "units", Across: 2}, Columns: cols})
	if err != nil {
		t.Fatal(err)
	}
	checkGrid(t, tb)
	var got []string
	for _, r := range append(tb.Header, tb.Rows...) {
		var cells []string
		for _, c := range r {
			cells = append(cells, c.Text)
		}
		got = append(got, strings.Join(cells, "|"))
	}
	want := "序号|单位|序号|单位\n1|交通运输局|5|曹庄镇\n2|生态环境分局|6|店头镇\n3|科技局|7|石门镇\n4|临沭街道||"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	if _, err := e.Table(TableInput{Spec: &findings.TableSpec{From: "units", Across: 2, Total: "合计"}, Columns: cols}); err == nil {
		t.Errorf("across with a totals row must be refused")
	}
}

// Loops that would never end, or write without end, are refused.
func TestRunaways(t *testing.T) {
	e := env(t)
	for _, s := range []string{
		`{{range 9999999999}}{{end}}`,
		`{{range $i, $a := 9999999999}}{{$i}}{{end}}`,
		`{{range (count accounts)}}x{{end}}`,
		`{{printf "%01000000d%01000000d" 1 2}}`,
	} {
		if _, err := e.Text(s, Pos{1, 1}); err == nil {
			t.Errorf("%s: no error", s)
		}
	}
}

// TestMessageValidUTF8: a message quoting bytes of the text that are not
// UTF-8 (text/template quotes them raw) writes them \xNN, as found by
// FuzzText; the clerk's terminal and the JSON of diagnostics need text.
func TestMessageValidUTF8(t *testing.T) {
	_, err := envForFuzz().Text("{{'0\xef'", Pos{1, 1})
	var xe *Error
	if !errors.As(err, &xe) {
		t.Fatalf("want an *Error, got %v", err)
	}
	if !utf8.ValidString(xe.Msg) {
		t.Errorf("message %q: want valid UTF-8", xe.Msg)
	}
	if got := ValidUTF8("甲\xef乙\xff"); got != `甲\xEF乙\xFF` {
		t.Errorf("ValidUTF8 = %q, want the bad bytes as \\xNN", got)
	}
}

// TestUnprintable: a value text/template would print the Go way — a record
// (with a memory address that changes from run to run), a date with its
// clock and zone, the period as {2021 3 0 0}, a list of events — is an error
// at its action, naming what to write instead, also where the data never
// goes; what reads as text (words, numbers, sets that write themselves,
// dates through date) passes.
func TestUnprintable(t *testing.T) {
	e := env(t)
	for _, c := range []struct{ in, word string }{
		{`期次：{{.Period}}`, "{{period}}"},
		{`检查日：{{.CheckDate}}`, "{{date"},
		{`{{unit "店头镇"}}`, ".Name"},
		{`{{if false}}{{(unit "店头镇").Site}}{{end}}`, ".Name"},
		{`{{events}}`, "names"},
		{`{{range accounts}}{{.Owner}}{{end}}`, ".Name"},
	} {
		_, err := e.Text(c.in, Pos{1, 1})
		var xe *Error
		if !errors.As(err, &xe) || !strings.Contains(xe.Msg, "程序内部") || !strings.Contains(xe.Msg, c.word) {
			t.Errorf("%s: want an error naming %s, got %v", c.in, c.word, err)
			continue
		}
		if want := strings.Index(c.in, "{{"); xe.Pos.Col < utf8.RuneCountInString(c.in[:want])+1 {
			t.Errorf("%s: error at column %d, before the expression", c.in, xe.Pos.Col)
		}
	}
	for _, ok := range []string{
		`{{period}}{{date .CheckDate}}{{md .CheckDate}}{{.Period.Year}}{{.Rules.MinOriginalPercent}}`,
		`{{accounts | vetoed}}{{units | kind "镇"}}{{count accounts}}{{(unit "店头镇").Name}}{{$a := accounts}}`,
		`{{range accounts}}{{.Unit}}{{.Days}}{{.Veto}}{{end}}`,
	} {
		if _, err := e.Text(ok, Pos{1, 1}); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

// TestParseMessagesInChinese: what text/template says of an expression
// typed wrong reaches the clerk in Chinese, saying what to write.
func TestParseMessagesInChinese(t *testing.T) {
	e := env(t)
	for _, in := range []string{
		`{{accounts | problem '更新不及时' | count}}`, `{{accounts | problem "更新不及时 | count}}`, `{{count 1x}}`,
		`{{count accounts)}}`, `{{(count accounts}}`, `{{range}}{{end}}`, `{{else}}`,
		`{{if true}}a{{else}}b{{else}}c{{end}}`, `{{1 2}}`,
	} {
		_, err := e.Text(in, Pos{1, 1})
		var xe *Error
		if !errors.As(err, &xe) {
			t.Errorf("%s: want an error, got %v", in, err)
			continue
		}
		if strings.HasPrefix(xe.Msg, "表达式有误：") {
			t.Errorf("%s: untranslated: %s", in, xe.Msg)
		}
	}
}
