package source

import (
	"errors"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/internal/expr"
	"github.com/gongwen/gongwen/internal/findings"
)

// Locate returns a function mapping a byte offset in s, the string written
// at path, to its place in the file (exact even where the file escapes
// characters, by TextPlaces).
func (in *Input) Locate(path, s string) func(off int) expr.Pos {
	place := in.TextPlaces(path, s)
	return func(off int) expr.Pos {
		off = max(0, min(off, len(s)))
		i := utf8.RuneCountInString(s[:off])
		if i >= utf8.RuneCountInString(s) && i > 0 {
			p := place(i - 1) // just past the end: after the last rune
			return expr.Pos{Line: p.Line, Col: p.Col + 1}
		}
		return expr.Pos(place(i))
	}
}

// checkFindings: the data (units named twice, accounts of unknown units, and
// as warnings explicit verdicts the rules disagree with), the template the
// notice names, and every expression in the notice's text and data tables,
// each at its place.
func checkFindings(in *Input) []Diagnostic {
	var ds []Diagnostic
	n := in.Notice
	var data *Data
	var merged *Notice
	ti := in.Template()
	if ti != nil {
		if ti.err != nil {
			return append(ds, in.Errorf("template", "%s", ti.err.Error()))
		}
		t := ti.t
		merged = ti.merged
		ds = append(ds, checkSectionMatch(in, n.Template, "main", t.Main.Sections, n.Main.Sections)...)
		for i := range n.Attachments {
			if i < len(t.Attachments) {
				ds = append(ds, checkSectionMatch(in, n.Template, indexPath("attachment", i), t.Attachments[i].Sections, n.Attachments[i].Sections)...)
			}
		}
	}
	if merged != nil {
		data = NoticeData(merged)
	} else {
		data = NoticeData(n)
	}
	if data != nil && data.Level == "" && usesPlace(n, merged) && !in.Failed("signature.issuer") && !in.Failed("data.level") {
		ds = append(ds, in.Errorf("data", "正文要写出行政级别（全县、我市……），但从署名看不出是县、市还是区：请在 [data] 中写 level = \"县\"（或 \"市\"、\"区\"），并可写 office = \"县政府办公室\""))
	}
	if in.dataCut {
		// Recovery left lines of [data] out: what is computed from the data
		// as a whole (references between records, the expressions of the
		// text) would judge a part. Checked again once the syntax is right.
		return ds
	}
	var model *findings.Model
	if data != nil {
		m, issues := findings.Evaluate(data)
		model = m
		for _, is := range issues {
			sev := Error
			if is.Severity == findings.SevWarning {
				sev = Warning
			}
			p := is.Path()
			if in.Failed(p) {
				continue
			}
			ds = append(ds, in.At(in.Pos.Nearest(p), sev, "%s", is.Message))
		}
	}
	// What compose needs again: the notice merged over the template the
	// checks read, and the model of its data (File.Prepared).
	pn := n
	if merged != nil {
		pn = merged
	}
	pc := *pn
	pc.Data = data
	in.prepared = &Prepared{Notice: &pc, Model: model}
	env := expr.New(model)
	report := func(err error, path string) {
		var xe *expr.Error
		if errors.As(err, &xe) {
			ds = append(ds, in.At(Pos(xe.Pos), Error, "%s", xe.Msg))
			return
		}
		ds = append(ds, in.Errorf(path, "%s", err.Error()))
	}
	own := map[string]bool{} // the notice's own texts, checked here at their place
	names := filterNames(model)
	Strings("", reflectValue(n), func(path, s string) {
		text := !IsExprKey(path) && expr.Has(s)
		if text {
			own[s] = true
		}
		if strings.HasPrefix(path, "data.") || in.Failed(path) {
			return
		}
		ds = append(ds, filterTypos(in, names, path, s)...)
		if !text {
			return
		}
		if _, err := env.TextLoc(s, in.Locate(path, s)); err != nil {
			report(err, path)
		}
	})
	if merged != nil {
		// The template's own text, over this notice's data: an error there
		// (a period the template cannot write, say) is reported at the
		// template key, naming the template's paragraph and its place in
		// the template's file, for the developer who changes it.
		reported := false
		Strings("", reflectValue(merged), func(path, s string) {
			if reported || IsExprKey(path) || !expr.Has(s) || own[s] {
				return
			}
			loc, found := ti.Locate(s)
			if _, err := env.TextLoc(s, loc); err != nil {
				reported = true
				where := TemplateFile(n.Template)
				var xe *expr.Error
				if errors.As(err, &xe) && found {
					where = ti.At(Pos(xe.Pos))
				}
				ds = append(ds, in.Errorf("template", "模板“%s”中 %s 的表达式用本通报的数据算不出（%s）：%s", n.Template, path, where, exprMsg(err)))
			}
		})
		if !reported && data != nil {
			type pathTable struct {
				path string
				t    *Table
			}
			var tpaths []pathTable
			Tables(ti.t, func(path string, t *Table) { tpaths = append(tpaths, pathTable{path, t}) })
			Tables(merged, func(path string, t *Table) {
				if reported || t.From == "" || in.Pos.Has(path) {
					return
				}
				tin := TableInput(t)
				where := TemplateFile(n.Template)
				for _, tp := range tpaths {
					if reflect.DeepEqual(tp.t, t) {
						tin = templateTableInput(ti, tp.path, t)
						where = ti.At(ti.KeyAt(tp.path))
						break
					}
				}
				if _, err := env.Table(tin); err != nil {
					reported = true
					var xe *expr.Error
					if errors.As(err, &xe) && where != TemplateFile(n.Template) {
						where = ti.At(Pos(xe.Pos))
					}
					ds = append(ds, in.Errorf("template", "模板“%s”中 %s 的表格用本通报的数据生成不了（%s）：%s", n.Template, path, where, exprMsg(err)))
				}
			})
		}
	}
	Tables(n, func(path string, t *Table) {
		if t.From == "" || len(t.Columns) == 0 { // no columns: checkTables says so
			return
		}
		if len(t.Rows) > 0 {
			ds = append(ds, in.KeyErrorf(path+".rows", "表格写了 from（由检查数据生成各行），就不能再写 rows：请删去其中之一"))
		}
		if data == nil {
			ds = append(ds, in.KeyErrorf(path+".from", "表格由检查数据生成（from），但本通报没有 [data]：请写 [data] 及其单位、账号"))
			return
		}
		tin := TableInput(t)
		tin.FromLoc = in.Locate(path+".from", t.From)
		for i := range t.Columns {
			cp := indexPath(path+".columns", i)
			if f := t.Columns[i].Field; f != "" && !slices.Contains(findings.Fields, f) {
				hint := "："
				if near := findings.Nearest(f, findings.Fields); near != "" {
					hint = "，是否要写“" + near + "”？"
				}
				ds = append(ds, in.Errorf(cp+".field", "没有名为“%s”的字段%s可用的有 %s", f, hint, strings.Join(findings.Fields, "、")))
				return
			}
			tin.ValueLoc = append(tin.ValueLoc, in.Locate(cp+".value", t.Columns[i].Value))
			tin.TotalLoc = append(tin.TotalLoc, in.Locate(cp+".total", t.Columns[i].Total))
		}
		if _, err := env.Table(tin); err != nil {
			report(err, path+".from")
		}
	})
	return ds
}

// templateTableInput is the data table t, at path in the template ti, with
// its expressions located in the template's file.
func templateTableInput(ti *templateInput, path string, t *Table) expr.TableInput {
	tin := TableInput(t)
	tpl := &Input{Pos: ti.pos}
	tin.FromLoc = tpl.Locate(path+".from", t.From)
	for i := range t.Columns {
		cp := indexPath(path+".columns", i)
		tin.ValueLoc = append(tin.ValueLoc, tpl.Locate(cp+".value", t.Columns[i].Value))
		tin.TotalLoc = append(tin.TotalLoc, tpl.Locate(cp+".total", t.Columns[i].Total))
	}
	return tin
}

// usesPlace reports whether the notice's text, or its template's, writes
// the level or the office ({{.Level}}, {{.Office}}).
func usesPlace(n, merged *Notice) bool {
	if merged != nil {
		n = merged
	}
	uses := false
	Strings("", reflectValue(n), func(path string, s string) {
		if !uses && expr.Has(s) && (strings.Contains(s, ".Level") || strings.Contains(s, ".Office")) {
			uses = true
		}
	})
	return uses
}

// reFilter finds a filter whose names select by equality, with its quoted
// names: problem "更新不及时" "长期不更新", platform "微博", kind "镇街".
var (
	reFilter     = regexp.MustCompile(`\b(problem|platform|kind)((?:\s+"[^"\\]*")+)`)
	reQuotedName = regexp.MustCompile(`"([^"\\]*)"`)
)

// filterNames are, for each filter reFilter finds, the names that select
// something or may: the problems the rules name and every problem the data
// gives an account or a site; the platforms; the unit kinds and the two
// groups of kinds (镇街, 部门).
func filterNames(m *findings.Model) map[string][]string {
	names := map[string][]string{
		"problem":  append([]string(nil), findings.ProblemOrder...),
		"platform": append([]string(nil), findings.DefaultPlatforms...),
		"kind":     {"镇街", "乡镇", "部门"},
	}
	add := func(filter string, xs ...string) {
		for _, x := range xs {
			if x != "" && !slices.Contains(names[filter], x) {
				names[filter] = append(names[filter], x)
			}
		}
	}
	if m != nil {
		add("platform", m.Platforms...)
		for _, a := range m.Accounts {
			add("problem", a.Problems...)
		}
		for _, u := range m.Units {
			add("kind", u.Kind)
			if u.Site != nil {
				add("problem", u.Site.Problems...)
			}
		}
	}
	return names
}

// filterTypos warns of a name in a filter that nothing has and that is a
// near miss of one that is known: problem "更新不及" for 更新不及时, or
// platform "微信工众号", selects nothing, and the list it was to print comes
// out empty without a word. A name far from every known one (错别字 in a
// period without any) is the clerk's own and passes.
func filterTypos(in *Input, known map[string][]string, path, s string) []Diagnostic {
	if !strings.Contains(s, "problem") && !strings.Contains(s, "platform") && !strings.Contains(s, "kind") {
		return nil
	}
	what := map[string]string{"problem": "问题", "platform": "平台", "kind": "单位类别"}
	var ds []Diagnostic
	var loc func(int) expr.Pos
	for _, m := range reFilter.FindAllStringSubmatchIndex(s, -1) {
		filter, args := s[m[2]:m[3]], s[m[4]:m[5]]
		for _, q := range reQuotedName.FindAllStringSubmatchIndex(args, -1) {
			name := args[q[2]:q[3]]
			if slices.Contains(known[filter], name) {
				continue
			}
			near := findings.Nearest(name, known[filter])
			if near == "" {
				continue
			}
			if loc == nil {
				loc = in.Locate(path, s)
			}
			ds = append(ds, in.At(Pos(loc(m[4]+q[0])), Warning, "没有哪个%s是“%s”，这样筛选的结果是空的：是否要写“%s”？",
				what[filter], name, near))
		}
	}
	return ds
}

// exprRunes marks the runes of s that belong to a {{…}} expression (an
// unclosed one runs to the end), so that text checks pass over them.
func exprRunes(s string) []bool {
	rs := []rune(s)
	out := make([]bool, len(rs))
	in := false
	for i := 0; i < len(rs); i++ {
		if !in && i+1 < len(rs) && rs[i] == '{' && rs[i+1] == '{' {
			in = true
		}
		out[i] = in
		if in && i > 0 && rs[i] == '}' && rs[i-1] == '}' {
			in = false
		}
	}
	return out
}

func exprMsg(err error) string {
	var xe *expr.Error
	if errors.As(err, &xe) {
		return xe.Msg
	}
	return err.Error()
}

// checkSectionMatch: a section of the notice whose title matches none of the
// template's at its level is added as a new section, which is what a clerk
// wants only when the title is new; a misspelt title would leave the
// template's section in place beside it. omit on such a section removes
// nothing.
func checkSectionMatch(in *Input, tmpl, path string, t, n []Section) []Diagnostic {
	var ds []Diagnostic
	for i, s := range n {
		sp := indexPath(joinPath(path, "section"), i)
		k := sectionKey(s.Title)
		var match *Section
		var titles []string
		for j := range t {
			titles = append(titles, "“"+sectionKey(t[j].Title)+"”")
			if sectionKey(t[j].Title) == k {
				match = &t[j]
			}
		}
		if match != nil {
			ds = append(ds, checkSectionMatch(in, tmpl, sp, match.Sections, s.Sections)...)
			continue
		}
		list := "这一层没有节"
		if len(titles) > 0 {
			list = "这一层的节是 " + strings.Join(titles, "、")
		}
		if in.Failed(sp + ".title") {
			continue // its title could not be read: no match to judge
		}
		if s.Omit {
			ds = append(ds, in.Errorf(sp+".title", "omit = true 要删去模板“%s”中同名的节，但模板%s：请照抄要删去的那一节的标题", tmpl, strings.TrimPrefix(list, "这一层")))
			continue
		}
		ds = append(ds, in.Warnf(sp+".title", "模板“%s”中没有标题为“%s”的节，这一节将作为新的一节加入；若要改写模板中的某一节，标题须与它一致（%s）", tmpl, k, list))
	}
	return ds
}
