package source

import (
	"io/fs"
	"strings"
	"testing"
)

const includeNotice = `include = ["accounts.toml"]

[main]
title = "关于检查情况的通报"
text = "本期检查了{{count accounts}}个账号，{{count units}}个单位。"

[signature]
issuer = "某县人民政府办公室"
date = 2021-09-22

[data]
check_date = 2021-09-14
rules = { late_days = 7 }
`

const includeAccounts = `# 全县单位和账号
[[data.unit]]
name = "店头镇"
kind = "镇"

[[data.unit]]
name = "交通运输局"
kind = "县直部门"

[[data.account]]
unit = "店头镇"
platform = "微博"
last_update = 2021-09-05
`

// parseWith parses the notice text with the given files beside it.
func parseWith(text string, files map[string]string) *File {
	return Parse("n.toml", []byte(text), Options{ReadFile: func(name string) ([]byte, error) {
		if s, ok := files[name]; ok {
			return []byte(s), nil
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}})
}

// wantDiag fails unless ds has an error in file at line:col saying msg.
func wantDiag(t *testing.T, ds Diagnostics, file string, line, col int, msg string) {
	t.Helper()
	for _, d := range ds {
		if d.Severity == Error && d.File == file && d.Line == line && d.Col == col && strings.Contains(d.Message, msg) {
			return
		}
	}
	t.Errorf("want an error at %s:%d:%d saying %q; got:\n%s", file, line, col, msg, ds)
}

func TestIncludeData(t *testing.T) {
	f := parseWith(includeNotice, map[string]string{"accounts.toml": includeAccounts})
	if f.Diags.HasErrors() {
		t.Fatalf("%s", f.Diags)
	}
	d := f.Notice.Data
	if len(d.Units) != 2 || len(d.Accounts) != 1 || d.Units[1].Name != "交通运输局" || d.Rules.LateDays != 7 {
		t.Errorf("the included units and accounts with the notice's own data: %+v", d)
	}
	if len(f.Notice.Include) != 1 || f.Notice.Include[0] != "accounts.toml" {
		t.Errorf("include: %v", f.Notice.Include)
	}
}

// A problem in an included file is reported in that file, at its line and
// column.
func TestIncludeDiagnosticsNameTheFile(t *testing.T) {
	bad := strings.Replace(includeAccounts, `name = "交通运输局"`, `nmae = "交通运输局"`, 1)
	bad = strings.Replace(bad, `unit = "店头镇"`, `unit = "店头真"`, 1)
	f := parseWith(includeNotice, map[string]string{"accounts.toml": bad})
	line, col := place(bad, "nmae")
	wantDiag(t, f.Diags, "accounts.toml", line, col, "name")
	line, _ = place(bad, `unit = "店头真"`)
	found := false
	for _, d := range f.Diags {
		if d.File == "accounts.toml" && d.Line == line && d.Severity == Error {
			found = true
		}
		if d.File == "n.toml" && d.Line > strings.Count(includeNotice, "\n")+1 {
			t.Errorf("a diagnostic past the notice's end: %s", d)
		}
	}
	if !found {
		t.Errorf("want the unknown unit at accounts.toml:%d; got:\n%s", line, f.Diags)
	}
	// A syntax error in the included file: at its place there, and the
	// include line says the file is broken.
	broken := strings.Replace(includeAccounts, `kind = "镇"`, `kind = "镇`, 1)
	f = parseWith(includeNotice, map[string]string{"accounts.toml": broken})
	line, _ = place(broken, `kind = "镇`)
	iline, icol := place(includeNotice, `"accounts.toml"`)
	wantDiag(t, f.Diags, "n.toml", iline, icol, "格式错误")
	found = false
	for _, d := range f.Diags {
		found = found || (d.File == "accounts.toml" && d.Line == line)
	}
	if !found {
		t.Errorf("want the syntax error at accounts.toml:%d; got:\n%s", line, f.Diags)
	}
}

func TestIncludeErrorsAtTheIncludeLine(t *testing.T) {
	iline, icol := place(includeNotice, `"accounts.toml"`)
	t.Run("missing", func(t *testing.T) {
		f := parseWith(includeNotice, nil)
		wantDiag(t, f.Diags, "n.toml", iline, icol, "找不到要包含的文件 accounts.toml")
	})
	t.Run("not data", func(t *testing.T) {
		f := parseWith(includeNotice, map[string]string{"accounts.toml": "[main]\nclosing = \"特此通报。\"\n" + includeAccounts})
		wantDiag(t, f.Diags, "n.toml", iline, icol, "不能写 main")
	})
	t.Run("cycle", func(t *testing.T) {
		acc := "include = \"more.toml\"\n" + includeAccounts
		more := "include = [\"accounts.toml\"]\n"
		f := parseWith(includeNotice, map[string]string{"accounts.toml": acc, "more.toml": more})
		wantDiag(t, f.Diags, "more.toml", 1, 12, "循环")
		self := parseWith(includeNotice, map[string]string{"accounts.toml": "include = [\"n.toml\"]\n"})
		wantDiag(t, self.Diags, "accounts.toml", 1, 12, "循环")
	})
	t.Run("written twice", func(t *testing.T) {
		text := includeNotice + "\n[[data.unit]]\nname = \"石门镇\"\nkind = \"镇\"\n"
		f := parseWith(text, map[string]string{"accounts.toml": includeAccounts})
		line, col := place(text, "[[data.unit]]")
		wantDiag(t, f.Diags, "n.toml", line, col+2, "data.unit 在通报和它包含的文件 accounts.toml 中都写了")
	})
}

// FuzzInclude: whatever the included file holds, checking does not panic,
// and every diagnostic names the notice or the included file at a line
// that file has.
func FuzzInclude(f *testing.F) {
	f.Add([]byte(includeAccounts))
	f.Add([]byte("include = [\"accounts.toml\"]\n[data]\ncheck_date = 2021-02-30\n"))
	f.Add([]byte("[main]\ntitle = 1\n"))
	f.Add([]byte("[[data.unit]]\nname = \"甲\"\n\"\"\"\n"))
	f.Fuzz(func(t *testing.T, acc []byte) {
		file := parseWith(includeNotice, map[string]string{"accounts.toml": string(acc)})
		lines := map[string]int{
			"n.toml":        strings.Count(includeNotice, "\n") + 1,
			"accounts.toml": strings.Count(string(acc), "\n") + 1,
		}
		for _, d := range file.Diags {
			n, ok := lines[d.File]
			if !ok || d.Line < 1 || d.Line > n || d.Col < 1 {
				t.Errorf("diagnostic out of place: %s", d)
			}
		}
	})
}
