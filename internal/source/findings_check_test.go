package source

import (
	"strings"
	"testing"
)

// dataNotice is a small notice with findings; {{X}} marks where a test puts
// an expression.
const dataNotice = `[main]
title = "关于检查情况的通报"
text = """
本期检查了{{count accounts}}个账号。
X
"""

[signature]
issuer = "某县人民政府办公室"
date = 2021-09-22

[data]
check_date = 2021-09-14
rules = { late_days = 7, stale_days = 14 }
unit = [
  { name = "店头镇", kind = "镇" },
  { name = "交通运输局", kind = "县直部门" },
]
account = [
  { unit = "店头镇", platform = "微博", last_update = 2021-09-05 },
  { unit = "交通运输局", platform = "微信公众号", last_update = 2021-09-13 },
]
`

// place finds the line and column (1-based, in characters) of marker in text.
func place(text, marker string) (int, int) {
	i := strings.Index(text, marker)
	if i < 0 {
		return 0, 0
	}
	line := strings.Count(text[:i], "\n") + 1
	col := len([]rune(text[strings.LastIndex(text[:i], "\n")+1:i])) + 1
	return line, col
}

func TestCheckExpressions(t *testing.T) {
	for _, c := range []struct {
		name, expr, at, msg string
	}{
		{"unknown function", `共{{cuont accounts}}个`, "cuont", "是否要写“count”"},
		{"unknown field", `{{range accounts}}{{.Platfrom}}{{end}}`, ".Platfrom", "是否要写“Platform”"},
		{"unit that does not exist", `{{accounts | of "店头真" | count}}`, `of "店头真"`, "没有名为“店头真”的单位"},
		{"unit by name", `{{(unit "交通局").Kind}}`, `unit "交通局"`, "没有名为“交通局”的单位"},
		{"broken expression", `甲乙{{names units`, `{{names units`, "缺少“}}”"},
		{"missing end", `{{if true}}甲`, `{{if true}}`, "{{end}}"},
		{"closing braces forgotten", `【{{accounts | byunit】，其余`, `{{accounts | byunit】`, "是否漏写了“}}”"},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(dataNotice, "X", c.expr, 1)
			f := Parse("n.toml", []byte(text), Options{})
			line, col := place(text, c.at)
			var found []string
			for _, d := range f.Diags {
				found = append(found, d.String())
				if d.Severity == Error && d.Line == line && d.Col == col && strings.Contains(d.Message, c.msg) {
					return
				}
			}
			t.Errorf("want an error at %d:%d saying %q; got:\n%s", line, col, c.msg, strings.Join(found, "\n"))
		})
	}
}

func TestCheckDataWithoutExpressionsPasses(t *testing.T) {
	text := strings.Replace(dataNotice, "X", `列入名单的有{{accounts | problem "更新不及时" | byunit}}。`, 1)
	f := Parse("n.toml", []byte(text), Options{})
	if len(f.Diags) != 0 {
		t.Errorf("a right notice with ASCII quotes inside {{…}}: %s", f.Diags)
	}
}

func TestCheckDataIssues(t *testing.T) {
	text := strings.Replace(dataNotice, "X", "", 1)
	text = strings.Replace(text, `{ unit = "交通运输局", platform = "微信公众号", last_update = 2021-09-13 }`,
		`{ unit = "交通运输局", platform = "微信公众号", last_update = 2021-09-13, problems = ["更新不及时"] },
  { unit = "交通局", platform = "抖音" }`, 1)
	f := Parse("n.toml", []byte(text), Options{})
	wantWarn, _ := place(text, `problems = ["更新不及时"]`)
	wantErr, _ := place(text, `{ unit = "交通局"`)
	var gotWarn, gotErr bool
	for _, d := range f.Diags {
		switch {
		case d.Severity == Warning && d.Line == wantWarn && strings.Contains(d.Message, "不一致"):
			gotWarn = true
		case d.Severity == Error && d.Line == wantErr && strings.Contains(d.Message, "没有名为“交通局”的单位"):
			gotErr = true
		}
	}
	if !gotWarn || !gotErr {
		t.Errorf("want a warning at line %d (explicit problems the rules disagree with) and an error at line %d (unknown unit); got:\n%s", wantWarn, wantErr, f.Diags)
	}
}

func TestCheckTemplateName(t *testing.T) {
	text := "template = \"督察通报\"\n" + strings.Replace(dataNotice, "X", "", 1)
	f := Parse("n.toml", []byte(text), Options{})
	if !f.Diags.HasErrors() || f.Diags[0].Line != 1 || !strings.Contains(f.Diags[0].Message, "督查通报") {
		t.Errorf("an unknown template must be an error at line 1 naming the ones there are: %s", f.Diags)
	}
}

// A notice of a few lines on the standing template checks clean: the
// template's paragraphs and statistics table compute over its data.
func TestCheckTemplateWithNotice(t *testing.T) {
	b := `template = "督查通报"
[main]
title = "关于{{period}}检查情况的通报"
[signature]
issuer = "某县人民政府办公室"
date = 2021-09-22
[data]
check_date = 2021-09-14
period = { year = 2021, quarter = 3 }
unit = [{ name = "甲镇", kind = "镇" }]
account = [{ unit = "甲镇", platform = "微博", last_update = 2021-09-01 }]
`
	f := Parse("n.toml", []byte(b), Options{})
	if len(f.Diags) != 0 {
		t.Errorf("a short notice on the template: %s", f.Diags)
	}
}

// A data table's from, a column's value and a column's field are each
// reported at their place.
func TestCheckDataTable(t *testing.T) {
	table := `
[[main.table]]
from = "FROM"
columns = [
  { name = "单位", field = "FIELD" },
  { name = "账号", value = 'VALUE' },
]
`
	for _, c := range []struct {
		name, from, field, value, at, msg string
	}{
		{"from", "acounts", "unit", "{{.Account.Name}}", `"acounts"`, "是否要写“accounts”"},
		{"field", "accounts", "unti", "{{.Account.Name}}", `"unti"`, "是否要写“unit”"},
		{"value", "accounts", "unit", "{{.Acount.Name}}", ".Acount", "是否要写“Account”"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := strings.NewReplacer("FROM", c.from, "FIELD", c.field, "VALUE", c.value).Replace(table)
			text := strings.Replace(dataNotice, "\n[signature]", tb+"\n[signature]", 1)
			text = strings.Replace(text, "X\n", "", 1)
			f := Parse("n.toml", []byte(text), Options{})
			line, col := place(text, c.at)
			if c.name == "from" {
				col++ // the expression's first character, inside the quotes
			}
			for _, d := range f.Diags {
				if d.Severity == Error && d.Line == line && d.Col == col && strings.Contains(d.Message, c.msg) {
					return
				}
			}
			t.Errorf("want an error at %d:%d saying %q; got:\n%s", line, col, c.msg, f.Diags)
		})
	}
}

// On a template, a section title that matches none of the template's is a
// warning (it is added, not merged), and omit of such a title an error.
func TestCheckTemplateSectionTitles(t *testing.T) {
	b := `template = "督查通报"
[main]
title = "关于{{period}}检查情况的通报"

[[main.section]]
title = "存在的主要问题"

[[main.section.section]]
title = "政务新媒体运营更新不规范"
text = "改写的段落。"

[[main.section.section]]
title = "调度材料报送不及时"
omit = true

[[main.section]]
title = "存在问题"
text = "新的一节。"

[signature]
issuer = "某县人民政府办公室"
date = 2021-09-22
[data]
check_date = 2021-09-14
period = { year = 2021, quarter = 3 }
unit = [{ name = "甲镇", kind = "镇" }]
account = [{ unit = "甲镇", platform = "微博", last_update = 2021-09-01 }]
`
	f := Parse("n.toml", []byte(b), Options{})
	omitLine, _ := place(b, `"调度材料报送不及时"`)
	newLine, _ := place(b, `"存在问题"`)
	var got []string
	for _, d := range f.Diags {
		got = append(got, d.String())
	}
	if len(f.Diags) != 2 ||
		f.Diags[0].Line != omitLine || f.Diags[0].Severity != Error || !strings.Contains(f.Diags[0].Message, "调度材料上报不及时") ||
		f.Diags[1].Line != newLine || f.Diags[1].Severity != Warning || !strings.Contains(f.Diags[1].Message, "存在的主要问题") {
		t.Errorf("want an error at line %d and a warning at line %d; got:\n%s", omitLine, newLine, strings.Join(got, "\n"))
	}
}

// In a basic string the file escapes quotes (\"): the error still points at
// the faulty action's place in the file, not at its place in the decoded text.
func TestCheckExpressionInEscapedString(t *testing.T) {
	text := strings.Replace(dataNotice, "text = \"\"\"\n本期检查了{{count accounts}}个账号。\nX\n\"\"\"",
		`text = "名单：{{accounts | problem \"更新不及时\" | byunit}}；{{bogus 1}}"`, 1)
	f := Parse("n.toml", []byte(text), Options{})
	line, col := place(text, "bogus")
	for _, d := range f.Diags {
		if d.Severity == Error && d.Line == line && d.Col == col {
			return
		}
	}
	t.Errorf("want the error at %d:%d; got %s", line, col, f.Diags)
}

// TestFilterTypo: a filter naming a near miss of a known problem (更新不及
// for 更新不及时), platform or unit kind selects nothing; it is a warning at
// the name, suggesting the known one. A problem no rule names (错别字)
// passes, and so do the names the data has.
func TestFilterTypo(t *testing.T) {
	for _, c := range []struct {
		expr, at, want string
	}{
		{`{{accounts | problem "更新不及" | count}}`, `"更新不及"`, "是否要写“更新不及时”"},
		{`{{units | problem "长期不更新" "原创性不搞" | count}}`, `"原创性不搞"`, "是否要写“原创性不高”"},
		{`{{accounts | problem "错别字" | count}}`, "", ""},
		{`{{accounts | problem "更新不及时" | count}}`, "", ""},
		{`{{accounts | platform "微信工众号" | count}}`, `"微信工众号"`, "是否要写“微信公众号”"},
		{`{{units | kind "镇接" | count}}`, `"镇接"`, "是否要写“镇街”"},
		{`{{units | kind "镇" | count}}{{accounts | platform "抖音" | count}}`, "", ""},
	} {
		text := strings.Replace(dataNotice, "X", c.expr, 1)
		f := Parse("n.toml", []byte(text), Options{})
		if c.want == "" {
			if len(f.Diags) != 0 {
				t.Errorf("%s: %s", c.expr, f.Diags)
			}
			continue
		}
		line, col := place(text, c.at)
		if len(f.Diags) != 1 || f.Diags[0].Severity != Warning || f.Diags[0].Line != line || f.Diags[0].Col != col ||
			!strings.Contains(f.Diags[0].Message, c.want) {
			t.Errorf("%s: want one warning at %d:%d with %q, got:\n%s", c.expr, line, col, c.want, f.Diags)
		}
	}
}

// TestMissingLastUpdateOnce: a last_update written wrong (quoted) is one
// error, of its type — not a second one saying the date is missing.
func TestMissingLastUpdateOnce(t *testing.T) {
	for _, c := range []struct{ old, new string }{
		{`platform = "微博", last_update = 2021-09-05`, `platform = "微博", last_update = "2021-09-05"`},
		{`{ name = "店头镇", kind = "镇" }`, `{ name = "店头镇", kind = "镇", site = { last_update = "2021-09-01" } }`},
	} {
		text := strings.Replace(strings.Replace(dataNotice, "X", "", 1), c.old, c.new, 1)
		text = strings.Replace(text, "rules = { late_days = 7, stale_days = 14 }", "rules = { late_days = 7, stale_days = 14, site_late_days = 14 }", 1)
		f := Parse("n.toml", []byte(text), Options{})
		if len(f.Diags) != 1 || !strings.Contains(f.Diags[0].Message, "去掉引号") {
			t.Errorf("%s: want one error about the quotes, got:\n%s", c.new, f.Diags)
		}
	}
}
