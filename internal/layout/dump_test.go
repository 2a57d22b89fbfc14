package layout

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/compose"
	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/source"
)

// sample lays out the sample notice.
func sample(t *testing.T) (*doc.Document, *Document) {
	t.Helper()
	n, err := source.ReadFile("../../samples/linshu-2021-q3.toml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := compose.Compose(n, compose.Options{Dir: "../../samples"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Layout(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d, out
}

// dump writes the pages as text lines (for looking, with -dump).
func dump(out *Document) string {
	var sb strings.Builder
	for pi, p := range out.Pages {
		fmt.Fprintf(&sb, "=== page %d (number %d, landscape %v, %.2f×%.2f) ===\n", pi+1, p.Number, p.Landscape, p.Width, p.Height)
		type ln struct {
			y    float64
			text string
		}
		var lines []ln
		for _, it := range p.Items {
			switch x := it.(type) {
			case *Text:
				lines = append(lines, ln{x.Y, fmt.Sprintf("%7.2f %7.2f…%7.2f %s %4.1f %v %s", x.Y, x.X[0], x.X[len(x.X)-1], x.Face, x.Size, x.Color, x.Text)})
			case *Rule:
				lines = append(lines, ln{x.Y1, fmt.Sprintf("%7.2f rule %.2f-%.2f to y %.2f w%.2f %v", x.Y1, x.X1, x.X2, x.Y2, x.Width, x.Color)})
			case *Image:
				lines = append(lines, ln{x.Y, fmt.Sprintf("%7.2f image %.2f %.2fx%.2f multiply %v", x.Y, x.X, x.W, x.H, x.Multiply)})
			}
		}
		sort.SliceStable(lines, func(i, j int) bool { return lines[i].y < lines[j].y })
		for _, l := range lines {
			sb.WriteString(l.text + "\n")
		}
	}
	for _, b := range out.Bookmarks {
		fmt.Fprintf(&sb, "bookmark %d %q page %d y %.2f\n", b.Level, b.Title, b.Page+1, b.Y)
	}
	return sb.String()
}

func TestDumpSample(t *testing.T) {
	if os.Getenv("LAYOUT_DUMP") == "" {
		t.Skip("set LAYOUT_DUMP=file to write the sample's lines")
	}
	_, out := sample(t)
	os.WriteFile(os.Getenv("LAYOUT_DUMP"), []byte(dump(out)), 0o644)
}
