package compose

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/seedtest"
	"github.com/gongwen/gongwen/internal/source"
)

const linshu = "../../samples/linshu-2021-q3.toml"

// composeText composes a notice given as text, its files (the seal) read
// from samples/.
func composeText(t *testing.T, name, text string) *doc.Document {
	t.Helper()
	f := source.Parse(name, []byte(text), source.Options{Dir: "../../samples"})
	if f.Diags.HasErrors() {
		t.Fatalf("%s: %s", name, f.Diags)
	}
	d, err := Compose(f.Notice, Options{Dir: "../../samples"})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}

func composeFile(t *testing.T, path string) (*doc.Document, string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return composeText(t, filepath.Base(path), string(b)), string(b)
}

// The sample computes every count and list from its data and still says the
// seed word for word.
func TestLinshuSaysTheSeed(t *testing.T) {
	d, src := composeFile(t, linshu)
	if !strings.Contains(src, `template = "督查通报"`) || !strings.Contains(src, "[data]") {
		t.Fatal("the sample must be built from the template and its data")
	}
	for _, literal := range []string{"56个政务新媒体", "18个部门", "交通运输局（微信公众号）", "教体局（微博）"} {
		if strings.Contains(src, literal) {
			t.Errorf("the sample types %q; it must be computed", literal)
		}
	}
	text := docText(d)
	if m := seedtest.Missing(text); len(m) > 0 {
		t.Errorf("seed sentences missing or out of order:\n%s", strings.Join(m, "\n"))
	}
	if strings.Contains(text, "{{") || strings.Contains(text, "}}") {
		t.Errorf("an expression was left unevaluated")
	}
}

// statTable is the attachment's statistics table.
func statTable(t *testing.T, d *doc.Document) *doc.Table {
	t.Helper()
	for _, a := range d.Attachments {
		for _, b := range a.Blocks {
			if tb, ok := b.(*doc.Table); ok {
				return tb
			}
		}
	}
	t.Fatal("no table in the attachments")
	return nil
}

// column finds a column by its header name (the last header row that has it).
func column(t *testing.T, tb *doc.Table, name string) int {
	for _, row := range tb.Header {
		for c, cell := range row {
			if !cell.Covered && cell.Text == name {
				return c
			}
		}
	}
	t.Fatalf("no column %s", name)
	return -1
}

// accountRows are the table's rows of one account each (not group or total
// rows), with the unit of each (merged cells resolved).
func accountRows(t *testing.T, tb *doc.Table) (rows [][]doc.Cell, units []string) {
	unitCol := column(t, tb, "单位")
	unit := ""
	for _, r := range tb.Rows {
		if r[0].ColSpan == len(tb.Columns) || r[0].Text == "合计" {
			continue
		}
		if !r[unitCol].Covered {
			unit = r[unitCol].Text
		}
		rows = append(rows, r)
		units = append(units, unit)
	}
	return rows, units
}

// The text and the table say the same thing: the number of accounts, and the
// accounts listed as 更新不及时 and 原创性不高 are exactly the table's rows
// with that result, grouped by unit.
func TestTextAgreesWithTable(t *testing.T) {
	d, _ := composeFile(t, linshu)
	tb := statTable(t, d)
	checkGrid(t, tb)
	var groups []string
	for _, r := range tb.Rows {
		if r[0].ColSpan == len(tb.Columns) {
			groups = append(groups, r[0].Text)
			if r[0].Face != doc.FaceHei {
				t.Errorf("group row %s is set in %s, want 黑体", r[0].Text, r[0].Face)
			}
		}
	}
	if strings.Join(groups, " ") != "镇（街道） 县直部门" {
		t.Errorf("group rows %v", groups)
	}
	rows, units := accountRows(t, tb)
	text := docText(d)
	if !strings.Contains(text, fmt.Sprintf("和%d个政务新媒体", len(rows))) {
		t.Errorf("the text does not count the table's %d accounts", len(rows))
	}
	plat, res := column(t, tb, "平台"), column(t, tb, "检查结果")
	for _, problem := range []string{"更新不及时", "原创性不高"} {
		var listed []string
		byUnit := map[string][]string{}
		var order []string
		for i, r := range rows {
			if strings.Contains(r[res].Text, problem) {
				if byUnit[units[i]] == nil {
					order = append(order, units[i])
				}
				byUnit[units[i]] = append(byUnit[units[i]], r[plat].Text)
			}
		}
		for _, u := range order {
			listed = append(listed, u+"（"+strings.Join(byUnit[u], "、")+"）")
		}
		// The text lists departments first; compare as sets of items.
		m := regexp.MustCompile(`【相关账号：([^】]*)】[^【]*` + regexp.QuoteMeta(map[string]string{"更新不及时": "确保在上级检查", "原创性不高": "请各单位认真进行整改"}[problem])).FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("no account list for %s", problem)
		}
		got := strings.Split(m[1], "、")
		if !sameItems(joinItems(got), listed) {
			t.Errorf("%s: the text lists %v, the table %v", problem, joinItems(got), listed)
		}
	}
}

// joinItems rejoins "店头镇（微博" "微信公众号）" split at 、 inside brackets.
func joinItems(parts []string) []string {
	var out []string
	for i := 0; i < len(parts); i++ {
		s := parts[i]
		for strings.Count(s, "（") > strings.Count(s, "）") && i+1 < len(parts) {
			i++
			s += "、" + parts[i]
		}
		out = append(out, s)
	}
	return out
}

func sameItems(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

// One correction — an account's last-update date — changes its verdict, the
// account lists and counts in the text, its table row and the totals, and
// nothing else in the document: every other block and cell is compared.
func TestOneCorrection(t *testing.T) {
	for _, c := range []struct {
		name      string
		unit, plt string
		was, is   string // last_update before and after
		edits     map[string][2]string
		sections  string // the body sections whose paragraph changes
	}{
		{
			// 店头镇's 微博 was updated on 9月10日, not 9月5日: it leaves the
			// 更新不及时 list; 店头镇 still fails (its site, its other account).
			name: "店头镇微博", unit: "店头镇", plt: "微博", was: "2021-09-05", is: "2021-09-10",
			edits: map[string][2]string{
				"二（三）": {"店头镇（微博、微信公众号）", "店头镇（微信公众号）"},
			},
			sections: "二（三）",
		},
		{
			// 玉山镇's only account was updated on 9月13日: it leaves the list,
			// and 玉山镇 joins the towns praised — the list and its count change.
			name: "玉山镇", unit: "玉山镇", plt: "微信公众号", was: "2021-09-04", is: "2021-09-13",
			edits: map[string][2]string{
				"一":    {"临沭街道、郑山街道、石门镇、大兴镇4个镇街", "临沭街道、郑山街道、玉山镇、石门镇、大兴镇5个镇街"},
				"二（三）": {"交通运输局（微信公众号）、玉山镇（微信公众号）、", "交通运输局（微信公众号）、"},
			},
			sections: "一 二（三）",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			before, src := composeFile(t, linshu)
			old := fmt.Sprintf(`{ unit = "%s", platform = "%s", last_update = %s`, c.unit, c.plt, c.was)
			if strings.Count(src, old) != 1 {
				t.Fatalf("the sample has no single record %s", old)
			}
			after := composeText(t, "corrected.toml", strings.Replace(src, old, strings.Replace(old, c.was, c.is, 1), 1))
			checkCorrection(t, before, after, c.unit, c.plt, c.edits, c.sections)
		})
	}
}

func checkCorrection(t *testing.T, before, after *doc.Document, unit, plt string, edits map[string][2]string, sections string) {
	// Everything outside the body and the attachments is the same.
	b1, b2 := *before, *after
	b1.Body, b2.Body, b1.Attachments, b2.Attachments = nil, nil, nil, nil
	b1.Signature.Seal, b2.Signature.Seal = nil, nil
	if !reflect.DeepEqual(b1, b2) {
		t.Errorf("head, title or signature changed")
	}
	// The body: only the expected paragraphs changed, each by its edit.
	if len(before.Body) != len(after.Body) {
		t.Fatalf("body has %d blocks, was %d", len(after.Body), len(before.Body))
	}
	var changed []string
	var last string // the section a plain paragraph belongs to
	for i := range before.Body {
		p := before.Body[i].(*doc.Paragraph)
		if p.Section != "" {
			last = p.Section
		}
		if reflect.DeepEqual(before.Body[i], after.Body[i]) {
			continue
		}
		changed = append(changed, last)
		e, ok := edits[last]
		was, is := p.Text(), after.Body[i].(*doc.Paragraph).Text()
		if !ok || strings.Count(was, e[0]) != 1 || strings.Replace(was, e[0], e[1], 1) != is {
			t.Errorf("%s changed other than by %v:\n was %s\n is  %s", last, e, was, is)
		}
	}
	if strings.Join(changed, " ") != sections {
		t.Errorf("changed paragraphs in %v, want %s", changed, sections)
	}
	// The table: the account's result cell and the totals row, nothing else.
	t1, t2 := statTable(t, before), statTable(t, after)
	if !reflect.DeepEqual(t1.Header, t2.Header) || len(t1.Rows) != len(t2.Rows) {
		t.Fatalf("table shape changed")
	}
	res, platCol := column(t, t1, "检查结果"), column(t, t1, "平台")
	rows, units := accountRows(t, t2)
	passed := 0
	var target []doc.Cell
	for i, r := range rows {
		if r[res].Text == "合格" {
			passed++
		}
		if units[i] == unit && r[platCol].Text == plt {
			target = r
		}
	}
	if target == nil || target[res].Text != "合格" {
		t.Fatalf("%s's %s row: %v, want 合格", unit, plt, target)
	}
	var cells []string
	for r := range t1.Rows {
		for c := range t1.Rows[r] {
			if reflect.DeepEqual(t1.Rows[r][c], t2.Rows[r][c]) {
				continue
			}
			switch {
			case &t2.Rows[r][0] == &target[0] && c == res:
				cells = append(cells, "row")
			case r == len(t1.Rows)-1 && c == res:
				cells = append(cells, "total")
			default:
				t.Errorf("cell %d,%d changed: %q → %q", r, c, t1.Rows[r][c].Text, t2.Rows[r][c].Text)
			}
		}
	}
	if strings.Join(cells, " ") != "row total" {
		t.Errorf("changed cells %v, want the account's result and the total", cells)
	}
	wantRate := fmt.Sprintf("合格率%.2f%%", float64(passed)*100/float64(len(rows)))
	if got := t2.Rows[len(t2.Rows)-1][res].Text; got != wantRate {
		t.Errorf("totals %q, want %q (%d of %d rows 合格)", got, wantRate, passed, len(rows))
	}
	// The table's caption, subcaption and the attachment's title are the same.
	t1.Rows, t2.Rows = nil, nil
	if !reflect.DeepEqual(t1, t2) || before.Attachments[0].Title != after.Attachments[0].Title {
		t.Errorf("table caption or attachment title changed")
	}
}

// Composing is deterministic and does not change the notice it is given.
func TestComposeDeterministic(t *testing.T) {
	b, err := os.ReadFile(linshu)
	if err != nil {
		t.Fatal(err)
	}
	f := source.Parse("l.toml", b, source.Options{Dir: "../../samples"})
	if f.Diags.HasErrors() {
		t.Fatal(f.Diags)
	}
	keep, _ := json.Marshal(f.Notice)
	var outs [][]byte
	for range 3 {
		d, err := Compose(f.Notice, Options{Dir: "../../samples"})
		if err != nil {
			t.Fatal(err)
		}
		j, _ := json.Marshal(d)
		outs = append(outs, j)
	}
	if string(outs[0]) != string(outs[1]) || string(outs[1]) != string(outs[2]) {
		t.Errorf("three compositions differ")
	}
	if again, _ := json.Marshal(f.Notice); string(again) != string(keep) {
		t.Errorf("Compose changed the notice it was given")
	}
	if !strings.Contains(string(outs[0]), `"type":"table"`) {
		t.Errorf("the JSON does not tag its tables")
	}
}

// Every sample passes the checks without a warning and composes, with every
// expression evaluated and every data table filled.
func TestAllSamples(t *testing.T) {
	paths, _ := filepath.Glob("../../samples/*.toml")
	if len(paths) < 3 {
		t.Fatalf("want at least three samples, found %v", paths)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			f := source.Parse(filepath.Base(p), b, source.Options{Dir: "../../samples"})
			if len(f.Diags) > 0 {
				t.Fatalf("check: %s", f.Diags)
			}
			d, err := Compose(f.Notice, Options{Dir: "../../samples"})
			if err != nil {
				t.Fatal(err)
			}
			j, _ := json.Marshal(d)
			if strings.Contains(string(j), "{{") {
				t.Errorf("an expression was left unevaluated")
			}
			var walk func(bs []doc.Block)
			walk = func(bs []doc.Block) {
				for _, b := range bs {
					if tb, ok := b.(*doc.Table); ok {
						checkGrid(t, tb)
						if len(tb.Rows) == 0 {
							t.Errorf("table %q has no rows", tb.Caption)
						}
					}
				}
			}
			walk(d.Body)
			for _, a := range d.Attachments {
				walk(a.Blocks)
			}
		})
	}
}

// BenchmarkComposeLinshu: template merge, rules over 56 accounts, every
// expression and the 66-row statistics table, then the content model.
func BenchmarkComposeLinshu(b *testing.B) {
	src, err := os.ReadFile(linshu)
	if err != nil {
		b.Fatal(err)
	}
	f := source.Parse("l.toml", src, source.Options{Dir: "../../samples"})
	if f.Diags.HasErrors() {
		b.Fatal(f.Diags)
	}
	for b.Loop() {
		if _, err := Compose(f.Notice, Options{Dir: "../../samples"}); err != nil {
			b.Fatal(err)
		}
	}
}
