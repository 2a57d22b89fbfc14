package source

import (
	"strings"
	"testing"

	"github.com/gongwen/gongwen/fonts"
)

// TestCoverage: a character no embedded font has is an error at its place,
// naming it; one only the fallback face has is a warning.
func TestCoverage(t *testing.T) {
	const none = '😀' // an emoji
	for _, f := range fonts.Faces() {
		if fonts.Has(f, none) {
			t.Fatalf("face %s has U+%04X; pick another test character", f, none)
		}
	}
	// A rare ideograph (CJK Extension A) the fallback face has and 仿宋 lacks.
	var rare rune
	for r := rune(0x3400); r <= 0x4DBF && rare == 0; r++ {
		if fonts.Has("fallback", r) && !fonts.Has("fangsong", r) {
			rare = r
		}
	}
	if rare == 0 {
		t.Fatal("no Extension A character in the fallback face only")
	}
	src := minimal + "[[main.section]]\ntitle = \"要求\"\ntext = \"\"\"\n甲" + string(none) + "乙\n丙" + string(rare) + "丁" + string(rare) + "\n\"\"\"\n"
	f := Parse("t.toml", []byte(src), Options{})
	want := []struct {
		marker string
		sev    Severity
		msg    string
	}{
		{string(none), Error, "U+1F600"},
		{string(rare), Warning, "不在仿宋字体中"},
	}
	if len(f.Diags) != len(want) {
		t.Fatalf("got:\n%s", f.Diags)
	}
	for i, w := range want {
		p := at(t, src, w.marker, 0)
		d := f.Diags[i]
		if d.Line != p.Line || d.Col != p.Col || d.Severity != w.sev || !strings.Contains(d.Message, w.msg) {
			t.Errorf("diagnostic %d: %s, want at %d:%d %q", i, d, p.Line, p.Col, w.msg)
		}
	}
	if !strings.Contains(f.Diags[1].Message, "共 2 处") {
		t.Errorf("repeated character not counted: %s", f.Diags[1])
	}
}
