package render

import (
	"fmt"
	"os"
	"testing"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/internal/compose"
	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/pdf"
	"github.com/gongwen/gongwen/internal/source"
)

type fs struct{}

func (fs) Data(f string) ([]byte, error) { return fonts.Data(f) }
func (fs) Has(f string, r rune) bool      { return fonts.Has(f, r) }

func TestRender(t *testing.T) {
	n, err := source.ReadFile("/work/main/samples/linshu-2021-q3.toml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := compose.Compose(n, compose.Options{Dir: "/work/main/samples"})
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("LAND") != "" {
		tb := d.Attachments[0].Blocks[0].(*doc.Table)
		tb.Landscape = true
		for i := 0; i < 30; i++ {
			r := append([]doc.Cell(nil), tb.Rows[0]...)
			r[0].Text = fmt.Sprint(10 + i)
			tb.Rows = append(tb.Rows, r)
		}
		d.Colophon.CC = []string{"县委办公室", "县人大常委会办公室", "县政协办公室", "县纪委监委", "县法院", "县检察院", "各镇街党（工）委", "县直各部门单位"}
	}
	b, err := pdf.Render(d, pdf.Options{Fonts: fs{}})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(os.Getenv("OUT"), b, 0o644)
}
