package source

import (
	"fmt"
	"strings"
	"testing"
)

// A notice over the template "试", given as text.
const overTemplate = `template = "试"

[main]
title = "关于检查情况的通报"

[signature]
issuer = "某县人民政府办公室"
date = 2021-09-22

[data]
check_date = 2021-09-14
period = { year = 2021, quarter = 3 }
unit = [{ name = "店头镇", kind = "镇" }]
account = [{ unit = "店头镇", platform = "微博", last_update = 2021-09-05 }]
`

func parseOver(notice, tmpl string) *File {
	return Parse("n.toml", []byte(notice), Options{Template: func(name string) ([]byte, error) {
		if name != "试" {
			return nil, fmt.Errorf("没有模板 %s", name)
		}
		return []byte(tmpl), nil
	}})
}

// An error in the template's own text is reported at the notice's template
// line (the clerk's file) and names the template file, line and column.
func TestTemplateErrorsNameTheTemplateFile(t *testing.T) {
	tline, tcol := place(overTemplate, `"试"`)
	for _, c := range []struct {
		name, tmpl, at, msg string
	}{
		{"expression", "[main]\ntext = \"\"\"\n共{{count accounts}}个，{{.Period.Quater}}季度。\n\"\"\"\n", ".Quater", "Quarter"},
		{"table", "[[attachment]]\ntitle = \"统计表\"\n\n[[attachment.table]]\nfrom = \"acounts\"\ncolumns = [{ name = \"单位\", field = \"unit\" }]\n", "acounts", "accounts"},
		{"syntax", "[main]\ntext = \"正文\n", "\n", "双引号"},
		{"unknown key", "[main]\ntxet = \"正文\"\n", "txet", "text"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := parseOver(overTemplate, c.tmpl)
			line, col := place(c.tmpl, c.at)
			if c.at == "\n" { // the end of the unterminated string's line
				line, col = 2, len([]rune("text = \"正文"))+1
			}
			where := fmt.Sprintf("templates/试.toml:%d:%d", line, col)
			for _, d := range f.Diags {
				if d.Severity == Error && d.Line == tline && d.Col == tcol && strings.Contains(d.Message, where) && strings.Contains(d.Message, c.msg) {
					return
				}
			}
			t.Errorf("want an error at n.toml:%d:%d naming %s; got:\n%s", tline, tcol, where, f.Diags)
		})
	}
}

// run_in is checked on the merged notice: a run-in section with text
// neither in the notice nor in the template is an error — at the notice's
// run_in when it writes it, else at its template line naming the
// template's; text from either side passes.
func TestRunInWithTemplate(t *testing.T) {
	tmpl := "[[main.section]]\ntitle = \"甲\"\nrun_in = true\n\n[[main.section]]\ntitle = \"乙\"\ntext = \"乙的段落。\"\n"
	f := parseOver(overTemplate, tmpl)
	tline, tcol := place(overTemplate, `"试"`)
	line, col := place(tmpl, "run_in")
	want := fmt.Sprintf("templates/试.toml:%d:%d", line, col)
	found := false
	for _, d := range f.Diags {
		found = found || (d.Line == tline && d.Col == tcol && strings.Contains(d.Message, want) && strings.Contains(d.Message, "run_in"))
	}
	if !found {
		t.Errorf("want the template's run-in section without text at %d:%d naming %s; got:\n%s", tline, tcol, want, f.Diags)
	}

	// The notice gives the text: fine.
	withText := strings.Replace(overTemplate, "\n[signature]", "\n[[main.section]]\ntitle = \"甲\"\ntext = \"甲的段落。\"\n\n[signature]", 1)
	if f := parseOver(withText, tmpl); hasRunIn(f) || f.Diags.HasErrors() {
		t.Errorf("text in the notice: %s", f.Diags)
	}

	// The notice runs in a section whose text is nowhere.
	own := strings.Replace(overTemplate, "\n[signature]", "\n[[main.section]]\ntitle = \"乙\"\n\n[[main.section]]\ntitle = \"丙\"\nrun_in = true\n\n[signature]", 1)
	f = parseOver(own, "[[main.section]]\ntitle = \"乙\"\ntext = \"乙的段落。\"\n")
	line, col = place(own, "run_in")
	found = false
	for _, d := range f.Diags {
		found = found || (d.Line == line && d.Col == col+9 && strings.Contains(d.Message, "run_in"))
	}
	if !found {
		t.Errorf("want the notice's own run-in section without text at %d:%d; got:\n%s", line, col+9, f.Diags)
	}

	// The template's text serves a section the notice runs in.
	f = parseOver(strings.Replace(overTemplate, "\n[signature]", "\n[[main.section]]\ntitle = \"乙\"\nrun_in = true\n\n[signature]", 1), tmpl[strings.Index(tmpl, "\n\n")+2:])
	if hasRunIn(f) || f.Diags.HasErrors() {
		t.Errorf("text from the template: %s", f.Diags)
	}
}

func hasRunIn(f *File) bool {
	for _, d := range f.Diags {
		if d.Severity == Error && strings.Contains(d.Message, "run_in") {
			return true
		}
	}
	return false
}
