package compose

import (
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/source"
)

func TestSectionNumber(t *testing.T) {
	for _, c := range []struct {
		level, n int
		want     string
	}{
		{1, 1, "一、"}, {1, 10, "十、"}, {1, 11, "十一、"}, {1, 20, "二十、"}, {1, 21, "二十一、"},
		{1, 101, "一百零一、"}, {1, 110, "一百一十、"},
		{2, 3, "（三）"}, {3, 12, "12."}, {4, 2, "（2）"},
	} {
		if got := SectionNumber(c.level, c.n); got != c.want {
			t.Errorf("SectionNumber(%d, %d) = %q, want %q", c.level, c.n, got, c.want)
		}
	}
}

func TestComposeSample(t *testing.T) {
	n, err := source.ReadFile("../../samples/linshu-2021-q3.toml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Compose(n, Options{Dir: "../../samples"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Head.DocNumber != "沭政督字〔2021〕31号" {
		t.Errorf("DocNumber = %q", d.Head.DocNumber)
	}
	var heads []string
	for _, b := range d.Body {
		if p, ok := b.(*doc.Paragraph); ok && p.Level > 0 {
			heads = append(heads, p.Section)
		}
	}
	if got := strings.Join(heads, " "); got != "一 二 二（一） 二（二） 二（三） 二（四） 二（五） 三 三（一） 三（二） 三（三）" {
		t.Errorf("sections = %s", got)
	}
}
