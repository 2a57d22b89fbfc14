package pdf_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/gbt9704"
	"github.com/gongwen/gongwen/internal/layout"
	"github.com/gongwen/gongwen/internal/pdf"
	"github.com/gongwen/gongwen/internal/tooltest"
)

// redSquare is an opaque red PNG: drawn normally it would hide everything
// under it, so black text showing through proves the multiply.
func redSquare(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.RGBA{0xFF, 0, 0, 0xFF})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// textAt places s with one x per rune, starting at x0 and advancing by the
// given pitch (half a pitch for ASCII).
func textAt(face doc.Face, size float64, s string, x0, y, pitch float64) *layout.Text {
	t := &layout.Text{Face: face, Size: size, Color: layout.Black, Text: s, Y: y}
	x := x0
	for _, r := range s {
		t.X = append(t.X, x)
		if r < 128 {
			x += pitch / 2
		} else {
			x += pitch
		}
	}
	return t
}

const (
	sealX, sealY, sealW = 300.0, 400.0, 120.0
)

// handDoc is a laid-out document built by hand: grid text, irregular
// positions, a red rule, a multiplied seal over black text, a landscape
// page, bookmarks on two levels.
func handDoc(t testing.TB) *layout.Document {
	const left, top = gbt9704.MarginLeft, gbt9704.MarginTop
	irregular := &layout.Text{Face: doc.FaceFangSong, Size: 16, Color: layout.Black, Text: "ab cd ef",
		X: []float64{100, 111.3, 0, 150.25, 163, 0, 201.7, 215.125}, Y: 300}
	p1 := layout.Page{Width: gbt9704.PageWidth, Height: gbt9704.PageHeight, Number: 1, Items: []layout.Item{
		&layout.Text{Face: doc.FaceXiaoBiaoSong, Size: 36, Color: layout.Color(gbt9704.Red), Text: "MASTHEAD",
			X: []float64{200, 225, 250, 275, 300, 325, 350, 375}, Y: top + gbt9704.MastheadTop + 30},
		&layout.Rule{X1: left, Y1: 250, X2: left + gbt9704.TypeAreaWidth, Y2: 250, Width: gbt9704.RuleWidth, Color: layout.Color(gbt9704.Red)},
		textAt(doc.FaceFangSong, 16, "Grid line one two three", left, 280, gbt9704.CharPitch),
		irregular,
		textAt(doc.FaceFangSong, 40, "HHHHHHH", sealX, sealY+70, 28),
		&layout.Image{X: sealX, Y: sealY, W: sealW, H: sealW, PNG: redSquare(t), Multiply: true},
		textAt(doc.FaceHei, 16, "Wide World", left, 600, gbt9704.CharPitch),
		textAt(doc.FaceSong, 14, "- 1 -", 450, top+gbt9704.TypeAreaHeight+gbt9704.PageNumberBelow, 14),
	}}
	p2 := layout.Page{Width: gbt9704.PageHeight, Height: gbt9704.PageWidth, Landscape: true, Number: 2, Items: []layout.Item{
		textAt(doc.FaceKai, 16, "Landscape table", 100, 100, gbt9704.CharPitch),
	}}
	return &layout.Document{
		Meta:  doc.Meta{Title: "Hand title 标题", Author: "临沭县人民政府办公室", Subject: "沭政督字〔2021〕31号", Date: doc.Date{Year: 2021, Month: 9, Day: 22}},
		Pages: []layout.Page{p1, p2},
		Bookmarks: []layout.Bookmark{
			{Title: "一、工作开展情况", Level: 1, Page: 0, Y: 280},
			{Title: "（一）小节", Level: 2, Page: 0, Y: 300},
			{Title: "附件", Level: 1, Page: 1, Y: 100},
		},
	}
}

func writeHand(t testing.TB) (string, []byte) {
	t.Helper()
	fs := latinFonts(t)
	fs.deny = map[string]string{"hei": "W"} // 黑体 lacks W: the fallback draws it
	b, err := pdf.Write(handDoc(t), pdf.Options{Fonts: fs})
	if err != nil {
		t.Fatal(err)
	}
	return writeTemp(t, "hand.pdf", b), b
}

// TestWritePositions reads the words back with pdftotext and checks each
// starts where layout put its first rune, including runs whose spacing is
// irregular and a word partly drawn by the fallback font.
func TestWritePositions(t *testing.T) {
	path, _ := writeHand(t)
	pages := bbox(t, path)
	if len(pages) != 2 {
		t.Fatalf("pages = %d, want 2", len(pages))
	}
	ld := handDoc(t)
	for pi, p := range ld.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*layout.Text); ok {
				checkRunPositions(t, tx, pages[pi].Words)
			}
		}
	}
	// Page sizes: portrait A4, then landscape A4.
	if math.Abs(pages[0].Width-gbt9704.PageWidth) > 0.1 || math.Abs(pages[0].Height-gbt9704.PageHeight) > 0.1 {
		t.Errorf("page 1 is %.2f×%.2f pt, want A4 portrait", pages[0].Width, pages[0].Height)
	}
	if math.Abs(pages[1].Width-gbt9704.PageHeight) > 0.1 || math.Abs(pages[1].Height-gbt9704.PageWidth) > 0.1 {
		t.Errorf("page 2 is %.2f×%.2f pt, want A4 landscape", pages[1].Width, pages[1].Height)
	}
}

// checkRunPositions finds the words pdftotext reports on tx's baseline and
// checks that, in order, they spell tx (spaces aside) and that each starts
// at the x layout gave its first rune. pdftotext splits words where glyphs
// overlap or gaps open, so words are matched as fragments.
func checkRunPositions(t *testing.T, tx *layout.Text, words []bword) {
	t.Helper()
	// visible runes and their x; pdftotext drops spaces and may join
	// words across them.
	var rs []rune
	var xs []float64
	for k, r := range []rune(tx.Text) {
		if r != ' ' {
			rs, xs = append(rs, r), append(xs, tx.X[k])
		}
	}
	i := 0
	for _, w := range words {
		if w.YMin > tx.Y || w.YMax < tx.Y || w.XMax < xs[0]-0.5 {
			continue
		}
		wr := []rune(w.Text)
		if i+len(wr) > len(rs) || string(rs[i:i+len(wr)]) != w.Text {
			continue // another item on the same baseline
		}
		if math.Abs(w.XMin-xs[i]) > 0.1 {
			t.Errorf("%q: fragment %q starts at x=%.2f pt, layout put it at %.2f", tx.Text, w.Text, w.XMin, xs[i])
		}
		i += len(wr)
	}
	if i != len(rs) {
		t.Errorf("%q: pdftotext found only %q on its baseline", tx.Text, string(rs[:i]))
	}
}

// TestSealMultiplies renders the page: inside the opaque red seal, the black
// text beneath must still show as black pixels, and the seal as red ones.
func TestSealMultiplies(t *testing.T) {
	path, b := writeHand(t)
	// Flattened over white, the multiplied seal needs no soft mask.
	if bytes.Contains(b, []byte("/SMask")) {
		t.Error("the multiplied seal carries a soft mask")
	}
	r := render(t, path, 1, 72)
	black, red := 0, 0
	for y := r.px(sealY) + 2; y < r.px(sealY+sealW)-2; y++ {
		for x := r.px(sealX) + 2; x < r.px(sealX+sealW)-2; x++ {
			switch c0, c1, c2 := r.at(x, y); {
			case isBlack(c0, c1, c2):
				black++
			case isRed(c0, c1, c2):
				red++
			}
		}
	}
	if black < 100 {
		t.Errorf("only %d black pixels inside the seal: the text under it is hidden", black)
	}
	if red < 1000 {
		t.Errorf("only %d red pixels inside the seal: the seal is not drawn", red)
	}
}

// TestWriteValid checks the file with pdfcpu (strict) and qpdf.
func TestWriteValid(t *testing.T) {
	path, _ := writeHand(t)
	validate(t, path)
}

func validate(t *testing.T, path string) {
	t.Helper()
	api.DisableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.ValidateFile(path, conf); err != nil {
		t.Errorf("pdfcpu strict validation: %v", err)
	}
	tooltest.Need(t, "qpdf", "qpdf")
	out := run(t, "qpdf", "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

// TestFontsEmbeddedSubset checks with pdffonts that every font is embedded
// and marked as a subset, and that only the used faces are there (the
// fallback included, since 黑体 lacks "W" here).
func TestFontsEmbeddedSubset(t *testing.T) {
	path, _ := writeHand(t)
	fonts := pdffonts(t, path)
	if len(fonts) != 6 {
		t.Errorf("%d fonts, want 6 (fangsong, hei, kai, xiaobiaosong, song, fallback):\n%v", len(fonts), fonts)
	}
	checkFonts(t, fonts)
}

type pdffont struct {
	Name          string
	Emb, Sub, Uni bool
}

func pdffonts(t testing.TB, path string) []pdffont {
	tooltest.Need(t, "pdffonts", "poppler-utils")
	out := run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var fs []pdffont
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 7 {
			t.Fatalf("pdffonts line %q", l)
		}
		n := len(f)
		// name type encoding emb sub uni object ID
		fs = append(fs, pdffont{Name: f[0], Emb: f[n-5] == "yes", Sub: f[n-4] == "yes", Uni: f[n-3] == "yes"})
	}
	return fs
}

func checkFonts(t *testing.T, fonts []pdffont) {
	t.Helper()
	for _, f := range fonts {
		if !f.Emb || !f.Sub || !f.Uni {
			t.Errorf("font %s: embedded %v, subset %v, ToUnicode %v; want all yes", f.Name, f.Emb, f.Sub, f.Uni)
		}
	}
}

// TestMetadata reads the Info dictionary back with pdfinfo.
func TestMetadata(t *testing.T) {
	path, _ := writeHand(t)
	tooltest.Need(t, "pdfinfo", "poppler-utils")
	out := run(t, "pdfinfo", "-isodates", path)
	fields := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			fields[k] = strings.TrimSpace(v)
		}
	}
	for _, want := range []string{
		"Title:Hand title 标题",
		"Subject:沭政督字〔2021〕31号",
		"Author:临沭县人民政府办公室",
		"Creator:gongwen",
		"CreationDate:2021-09-22T00:00:00+08",
		"Pages:2",
	} {
		k, v, _ := strings.Cut(want, ":")
		if fields[k] != v {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
	// ISO 32000-1 §7.5.5: the trailer's /Info is an indirect reference
	// (gopdf writes the dictionary there), as qpdf reads the trailer.
	tooltest.Need(t, "qpdf", "qpdf")
	if tr := run(t, "qpdf", "--show-object=trailer", path); !regexp.MustCompile(`/Info \d+ 0 R`).MatchString(tr) {
		t.Errorf("trailer /Info is not an indirect reference: %s", tr)
	}
	// Bookmarks: two top-level entries, one child.
	b, _ := os.ReadFile(path)
	if n := bytes.Count(b, []byte("/Dest [")); n != 3 {
		t.Errorf("%d outline entries, want 3", n)
	}
}

// TestDeterministic: the same input gives the same bytes.
func TestDeterministic(t *testing.T) {
	_, a := writeHand(t)
	_, b := writeHand(t)
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same document differ")
	}
}

// TestMissingGlyph: a character no font has is an error naming it and its
// page, never a silently missing glyph.
func TestMissingGlyph(t *testing.T) {
	ld := handDoc(t)
	ld.Pages[1].Items = append(ld.Pages[1].Items, textAt(doc.FaceFangSong, 16, "AB中CD", 100, 200, 16))
	_, err := pdf.Write(ld, pdf.Options{Fonts: latinFonts(t)})
	if err == nil {
		t.Fatal("no error for a character no font has")
	}
	for _, want := range []string{"中", "U+4E2D", "第 2 页", "AB中CD"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// TestGlyphMissingInFile: when a FontSource claims a glyph its file lacks,
// gopdf's report turns into an error too.
func TestGlyphMissingInFile(t *testing.T) {
	ld := handDoc(t)
	ld.Pages[1].Items = append(ld.Pages[1].Items, textAt(doc.FaceFangSong, 16, "X中", 100, 200, 16))
	_, err := pdf.Write(ld, pdf.Options{Fonts: liar{latinFonts(t)}})
	if err == nil || !strings.Contains(err.Error(), "中") {
		t.Fatalf("error = %v, want one naming 中", err)
	}
}

type liar struct{ *fileFonts }

func (l liar) Has(face string, r rune) bool { return true }

// TestRotatedText: a Text with Rotate (the page number of a landscape page)
// turns about its first rune's origin: rotated −90° (clockwise as seen), it
// runs down the page from that point.
func TestRotatedText(t *testing.T) {
	tx := textAt(doc.FaceSong, 16, "1234", 100, 300, 16)
	tx.Rotate = -90
	ld := &layout.Document{Pages: []layout.Page{{
		Width: gbt9704.PageHeight, Height: gbt9704.PageWidth, Landscape: true, Number: 1,
		Items: []layout.Item{tx},
	}}}
	b, err := pdf.Write(ld, pdf.Options{Fonts: latinFonts(t)})
	if err != nil {
		t.Fatal(err)
	}
	pages := bbox(t, writeTemp(t, "rot.pdf", b))
	if len(pages) != 1 || len(pages[0].Words) != 1 {
		t.Fatalf("want one word, got %+v", pages)
	}
	w := pages[0].Words[0]
	if w.Text != "1234" || math.Abs(w.YMin-300) > 0.5 || w.YMax-w.YMin < 30 || w.XMin > 100 || w.XMax < 100 {
		t.Errorf("rotated word %q at x %.1f–%.1f, y %.1f–%.1f; want it running down from (100, 300)", w.Text, w.XMin, w.XMax, w.YMin, w.YMax)
	}
}

// countingFonts records which faces' files are read.
type countingFonts struct {
	*fileFonts
	read []string
}

func (c *countingFonts) Data(face string) ([]byte, error) {
	c.read = append(c.read, face)
	return c.fileFonts.Data(face)
}

// TestLoadsOnlyUsedFonts: a document set in 仿宋 alone reads one font file,
// once.
func TestLoadsOnlyUsedFonts(t *testing.T) {
	fs := &countingFonts{fileFonts: latinFonts(t)}
	ld := &layout.Document{Pages: []layout.Page{{
		Width: gbt9704.PageWidth, Height: gbt9704.PageHeight,
		Items: []layout.Item{
			textAt(doc.FaceFangSong, 16, "one", 100, 100, 16),
			textAt(doc.FaceFangSong, 16, "two", 100, 200, 16),
		},
	}}}
	if _, err := pdf.Write(ld, pdf.Options{Fonts: fs}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(fs.read, ",") != "fangsong" {
		t.Errorf("font files read: %v, want only fangsong, once", fs.read)
	}
}

// TestOutlineNested reads the outline back with qpdf: the level-2
// bookmark lies under the level-1 one before it, each pointing at its page.
func TestOutlineNested(t *testing.T) {
	path, _ := writeHand(t)
	tooltest.Need(t, "qpdf", "qpdf")
	var got struct {
		Outlines []outlineJSON `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(run(t, "qpdf", "--json", "--json-key=outlines", path)), &got); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func([]outlineJSON, string)
	walk = func(os []outlineJSON, indent string) {
		for _, o := range os {
			fmt.Fprintf(&b, "%s%s p%d\n", indent, o.Title, o.Page)
			walk(o.Kids, indent+"  ")
		}
	}
	walk(got.Outlines, "")
	want := "一、工作开展情况 p1\n  （一）小节 p1\n附件 p2\n"
	if b.String() != want {
		t.Errorf("outline:\n%s\nwant:\n%s", b.String(), want)
	}
}

type outlineJSON struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Kids  []outlineJSON `json:"kids"`
}
