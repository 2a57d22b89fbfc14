package expr

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzText: any text either evaluates or gives an *Error placed inside the
// text (never a panic, never a place before its start or past its end).
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"", "无表达式", "{{count accounts}}个", "{{", "}}", "{{{{}}}}", "{{if}}", "{{end}}",
		`{{accounts | problem "更新不及时" | byunit}}`, `{{range $i, $a := accounts}}{{$a.Unit}}{{end}}`,
		"甲\n乙{{.Nope}}", `{{unit "无"}}`, `{{rate 1 0 2}}`, `{{template "x"}}`, `{{define "x"}}{{end}}`,
		`{{printf "%d" 1.5}}`, `{{(unit "店头镇").Site.Days}}`, "{{/* 注释 */}}", `{{passrate -1 accounts}}`, "{{\xff}}", "{{\"\xe4\xb8\"}}", "{{.\xc3}}",
	} {
		f.Add(s)
	}
	e := envForFuzz()
	f.Fuzz(func(t *testing.T, s string) {
		at := Pos{5, 3}
		_, err := e.Text(s, at)
		if err == nil {
			return
		}
		var xe *Error
		if !errors.As(err, &xe) {
			t.Fatalf("%q: %T %v", s, err, err)
		}
		end := filePos(s, len(s), at)
		p := xe.Pos
		if p.Line < at.Line || p.Line == at.Line && p.Col < at.Col || p.Line > end.Line || p.Line == end.Line && p.Col > end.Col {
			t.Fatalf("%q: error at %d:%d outside the text (%d:%d–%d:%d): %s", s, p.Line, p.Col, at.Line, at.Col, end.Line, end.Col, xe.Msg)
		}
		if strings.TrimSpace(xe.Msg) == "" || !utf8.ValidString(xe.Msg) {
			t.Fatalf("%q: empty or invalid UTF-8 message: %q", s, xe.Msg)
		}
	})
}
