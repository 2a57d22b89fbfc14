package source

import (
	"strings"
	"testing"
)

// The level and the office come from the signature when [data] does not
// write them, and [data] wins where it does.
func TestNoticeDataLevel(t *testing.T) {
	for _, c := range []struct {
		issuer, level, office string
		wantLevel, wantOffice string
	}{
		{"临沭县人民政府办公室", "", "", "县", "县政府办公室"},
		{"临沂市人民政府办公室", "", "", "市", "市政府办公室"},
		{"某区人民政府办公室", "", "", "区", "区政府办公室"},
		{"某市人民政府办公厅", "", "", "市", "市政府办公厅"},
		{"临沭县人民政府办公室", "市", "", "市", "市政府办公室"},
		{"临沭县人民政府办公室", "", "县政务公开办", "县", "县政务公开办"},
		{"临沭县政务服务管理办公室", "", "", "", ""},
		{"临沭县政务服务管理办公室", "县", "", "县", "县政府办公室"},
	} {
		n := &Notice{Signature: Signature{Issuer: Names{c.issuer}}, Data: &Data{Level: c.level, Office: c.office}}
		d := NoticeData(n)
		if d.Level != c.wantLevel || d.Office != c.wantOffice {
			t.Errorf("%s level=%q office=%q: got %q %q, want %q %q", c.issuer, c.level, c.office, d.Level, d.Office, c.wantLevel, c.wantOffice)
		}
		if n.Data.Level != c.level {
			t.Errorf("NoticeData changed the notice")
		}
	}
}

// A text that writes the level, in a notice whose signature does not say
// it, is an error asking for [data] level; with level written it passes.
func TestCheckLevelUnknown(t *testing.T) {
	text := strings.Replace(dataNotice, "X", "全{{.Level}}各单位。", 1)
	text = strings.Replace(text, "某县人民政府办公室", "某县政务服务管理办公室", 1)
	f := Parse("n.toml", []byte(text), Options{})
	line, _ := place(text, "[data]")
	ok := false
	for _, d := range f.Diags {
		if d.Severity == Error && d.Line == line && strings.Contains(d.Message, `level = "县"`) {
			ok = true
		}
	}
	if !ok {
		t.Errorf("want an error at [data] (line %d) asking for level; got:\n%s", line, f.Diags)
	}
	text = strings.Replace(text, "[data]\n", "[data]\nlevel = \"县\"\n", 1)
	if f := Parse("n.toml", []byte(text), Options{}); f.Diags.HasErrors() {
		t.Errorf("with level written: %s", f.Diags)
	}
}
