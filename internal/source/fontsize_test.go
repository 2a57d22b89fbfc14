package source_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/compose"
	"github.com/gongwen/gongwen/internal/source"
)

// TestFontSizesAgreeWithCompose: check accepts exactly the 字号 names that
// compose can size (compose.FontSizes).
func TestFontSizesAgreeWithCompose(t *testing.T) {
	names := []string{"初号", "小初", "一号", "小一", "二号", "小二", "三号", "小三", "四号", "小四", "五号", "小五", "六号"}
	for _, name := range names {
		src := fmt.Sprintf("[main]\ntitle = \"通报\"\n[[main.table]]\nfont_size = %q\ncolumns = [{ name = \"a\" }]\nrows = [[\"1\"]]\n[signature]\nissuer = \"某办\"\ndate = 2021-09-22\n", name)
		f := source.Parse("t.toml", []byte(src), source.Options{})
		accepted := !strings.Contains(f.Diags.String(), "font_size")
		_, known := compose.FontSizes[name]
		if accepted != known {
			t.Errorf("font_size %q: check accepts %v, compose knows %v", name, accepted, known)
		}
	}
}
