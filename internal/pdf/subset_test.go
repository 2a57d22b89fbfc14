package pdf

import (
	"image"
	"image/color"
	"os"
	"testing"

	"github.com/signintech/gopdf"

	"github.com/gongwen/gongwen/internal/tooltest"
)

// TestSubsetFont cuts DejaVu Sans down to a few characters, one of them a
// composite glyph (é = e + acute), and checks with gopdf's own parser that
// the subset has exactly those characters, with the same advance widths,
// and every component of the composite.
func TestSubsetFont(t *testing.T) {
	const dejavuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" // é is a composite glyph in it
	tooltest.NeedFile(t, dejavuSans, "fonts-dejavu-core")
	full, err := os.ReadFile(dejavuSans)
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("Aé中") // 中: not in the font, silently left out
	sub, err := subsetFont(full, runes)
	if err != nil {
		t.Fatal(err)
	}
	if len(sub) > len(full)/20 {
		t.Errorf("subset is %d bytes of %d", len(sub), len(full))
	}
	f, err := readTables(sub)
	if err != nil {
		t.Fatal(err)
	}
	// glyph 0, A, é and é's components (e, acute — unless é is simple).
	lookup, err := cmapLookup(f.tables["cmap"])
	if err != nil {
		t.Fatal(err)
	}
	eacute := lookup('é')
	if eacute <= 0 {
		t.Fatal("é missing from the subset's cmap")
	}
	n := int(be16(f.tables["maxp"], 4))
	ff, _ := readTables(full)
	fl, _ := cmapLookup(ff.tables["cmap"])
	if comps := componentsOf(t, full, fl('é')); len(comps) > 0 && n != 3+len(comps) {
		t.Errorf("subset has %d glyphs, want 3 + %d components", n, len(comps))
	}

	load := func(data []byte) *gopdf.GoPdf {
		gp := &gopdf.GoPdf{}
		gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: *gopdf.PageSizeA4})
		if err := gp.AddTTFFontData("f", data); err != nil {
			t.Fatal(err)
		}
		if err := gp.SetFont("f", "", 16); err != nil {
			t.Fatal(err)
		}
		return gp
	}
	a, b := load(full), load(sub)
	for _, r := range "Aé" {
		ok, _ := b.IsCurrFontContainGlyph(r)
		if !ok {
			t.Errorf("subset lacks %c", r)
		}
		wa, _ := a.MeasureTextWidth(string(r))
		wb, _ := b.MeasureTextWidth(string(r))
		if wa != wb {
			t.Errorf("%c: advance %.3f in the subset, %.3f in the font", r, wb, wa)
		}
	}
	if ok, _ := b.IsCurrFontContainGlyph('B'); ok {
		t.Error("subset has B, which was not asked for")
	}
}

func componentsOf(t *testing.T, font []byte, gid int) []component {
	f, _ := readTables(font)
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	var a, b int
	if be16(f.tables["head"], 50) == 1 {
		a, b = int(be32(loca, 4*gid)), int(be32(loca, 4*gid+4))
	} else {
		a, b = 2*int(be16(loca, 2*gid)), 2*int(be16(loca, 2*gid+2))
	}
	return components(glyf[a:b])
}

// TestFlattenOverWhite: multiplying the flattened image equals multiplying
// the original with its alpha: (1−a)·Cb + a·Cb·Cs = Cb·((1−a) + a·Cs).
func TestFlattenOverWhite(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 4, 1))
	cols := []color.NRGBA{{255, 0, 0, 255}, {255, 0, 0, 128}, {255, 0, 0, 0}, {200, 30, 30, 64}}
	for x, c := range cols {
		src.SetNRGBA(x, 0, c)
	}
	img := flattenRoundTrip(t, src)
	if _, ok := img.(*image.Paletted); !ok {
		t.Errorf("flattened seal is %T, want a paletted image", img)
	}
	for x, c := range cols {
		r, g, b, a := img.At(x, 0).RGBA()
		if a != 0xFFFF {
			t.Errorf("pixel %d not opaque", x)
		}
		for i, got := range []uint32{r >> 8, g >> 8, b >> 8} {
			cs := []uint8{c.R, c.G, c.B}[i]
			want := (float64(255-c.A)*255 + float64(c.A)*float64(cs)) / 255
			if d := float64(got) - want; d > 1 || d < -1 {
				t.Errorf("pixel %d channel %d = %d, want %.1f", x, i, got, want)
			}
		}
	}
}
