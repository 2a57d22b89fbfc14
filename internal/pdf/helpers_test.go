package pdf_test

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/signintech/gopdf"

	"github.com/gongwen/gongwen/internal/tooltest"
)

// fileFonts is a FontSource over TrueType files, one per face; Has asks
// gopdf's own cmap reader. deny removes characters from a face, to exercise
// the per-glyph fallback with Latin-only test fonts.
type fileFonts struct {
	files map[string]string
	deny  map[string]string // face → characters it pretends to lack
	gps   map[string]*gopdf.GoPdf
}

func (f *fileFonts) Data(face string) ([]byte, error) {
	p, ok := f.files[face]
	if !ok {
		return nil, fmt.Errorf("no font for face %q", face)
	}
	return os.ReadFile(p)
}

func (f *fileFonts) Has(face string, r rune) bool {
	if strings.ContainsRune(f.deny[face], r) {
		return false
	}
	if f.gps == nil {
		f.gps = map[string]*gopdf.GoPdf{}
	}
	gp, ok := f.gps[face]
	if !ok {
		data, err := f.Data(face)
		if err != nil {
			return false
		}
		gp = &gopdf.GoPdf{}
		gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: *gopdf.PageSizeA4})
		if err := gp.AddTTFFontData("f", data); err != nil {
			return false
		}
		if err := gp.SetFont("f", "", 10); err != nil {
			return false
		}
		f.gps[face] = gp
	}
	ok, err := gp.IsCurrFontContainGlyph(r)
	return err == nil && ok
}

const dejavu = "/usr/share/fonts/truetype/dejavu/"

// latinFonts maps every face to a DejaVu file (Latin only): small fonts
// whose glyphs the hand-built tests can deny one by one.
func latinFonts(t testing.TB) *fileFonts {
	t.Helper()
	files := map[string]string{
		"fangsong":     dejavu + "DejaVuSans.ttf",
		"hei":          dejavu + "DejaVuSans-Bold.ttf",
		"kai":          dejavu + "DejaVuSerif.ttf",
		"xiaobiaosong": dejavu + "DejaVuSerif-Bold.ttf",
		"song":         dejavu + "DejaVuSansMono.ttf",
		"fallback":     dejavu + "DejaVuSansMono.ttf",
	}
	for _, p := range files {
		tooltest.NeedFile(t, p, "fonts-dejavu-core")
	}
	return &fileFonts{files: files}
}

// writeTemp writes b to a file in a test temp dir and returns its path.
func writeTemp(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// run runs a program and returns its standard output.
func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// bword is one word of pdftotext -bbox output, in points, origin top-left.
type bword struct {
	Page                   int
	XMin, YMin, XMax, YMax float64
	Text                   string
}

// bpage is one page of pdftotext -bbox output.
type bpage struct {
	Width, Height float64
	Words         []bword
}

var (
	rePage = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	reWord = regexp.MustCompile(`<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*)</word>`)
)

// bbox reads every word with its box from the PDF via pdftotext -bbox.
func bbox(t testing.TB, pdfPath string) []bpage {
	t.Helper()
	tooltest.Need(t, "pdftotext", "poppler-utils")
	out := run(t, "pdftotext", "-bbox", pdfPath, "-")
	var pages []bpage
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := rePage.FindStringSubmatch(line); m != nil {
			pages = append(pages, bpage{Width: atof(m[1]), Height: atof(m[2])})
			continue
		}
		if m := reWord.FindStringSubmatch(line); m != nil && len(pages) > 0 {
			p := &pages[len(pages)-1]
			p.Words = append(p.Words, bword{
				Page: len(pages), XMin: atof(m[1]), YMin: atof(m[2]), XMax: atof(m[3]), YMax: atof(m[4]),
				Text: html.UnescapeString(m[5]),
			})
		}
	}
	return pages
}

func atof(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(err)
	}
	return v
}

// raster is a page rendered by pdftoppm: RGB pixels at dpi.
type raster struct {
	W, H int
	DPI  float64
	Pix  []byte
}

// render renders one page (1-based) of a PDF to RGB pixels with pdftoppm.
func render(t testing.TB, pdfPath string, page int, dpi int) raster {
	t.Helper()
	tooltest.Need(t, "pdftoppm", "poppler-utils")
	prefix := filepath.Join(t.TempDir(), "r")
	p := strconv.Itoa(page)
	run(t, "pdftoppm", "-r", strconv.Itoa(dpi), "-f", p, "-l", p, "-singlefile", pdfPath, prefix)
	b, err := os.ReadFile(prefix + ".ppm")
	if err != nil {
		t.Fatal(err)
	}
	// P6\n<w> <h>\n255\n<data>
	var w, h, maxv int
	var magic string
	r := bytes.NewReader(b)
	if _, err := fmt.Fscan(r, &magic, &w, &h, &maxv); err != nil || magic != "P6" {
		t.Fatalf("bad PPM header: %v", err)
	}
	data := b[len(b)-w*h*3:]
	return raster{W: w, H: h, DPI: float64(dpi), Pix: data}
}

// at returns the colour at pixel (x, y).
func (r raster) at(x, y int) (uint8, uint8, uint8) {
	i := (y*r.W + x) * 3
	return r.Pix[i], r.Pix[i+1], r.Pix[i+2]
}

// px converts points to pixels.
func (r raster) px(pt float64) int { return int(pt / 72 * r.DPI) }

// pt converts pixels to points (pixel centre).
func (r raster) pt(px int) float64 { return (float64(px) + 0.5) * 72 / r.DPI }

func isRed(r, g, b uint8) bool   { return r > 180 && g < 110 && b < 110 }
func isBlack(r, g, b uint8) bool { return r < 90 && g < 90 && b < 90 }
