package docx_test

import (
	"bytes"
	"fmt"
	"html"
	"image/png"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/docx"
	g "github.com/gongwen/gongwen/internal/gbt9704"
	"github.com/gongwen/gongwen/internal/layout"
	"github.com/gongwen/gongwen/internal/pdf"
	"github.com/gongwen/gongwen/internal/seedtest"
	"github.com/gongwen/gongwen/internal/tooltest"
)

// tmp is this test binary's scratch folder, removed by TestMain.
var tmp string

func TestMain(m *testing.M) {
	var err error
	if tmp, err = os.MkdirTemp("", "gongwen-docx-test-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(tmp)
	os.Exit(code)
}

// converted is the sample's DOCX converted to PDF by LibreOffice, once per
// test binary (it takes seconds), with a private profile so that parallel
// test binaries do not fight over one.
var converted = sync.OnceValues(func() (string, error) {
	s, err := sample()
	if err != nil {
		return "", err
	}
	in := filepath.Join(tmp, "sample.docx")
	if err := os.WriteFile(in, s.docx, 0o644); err != nil {
		return "", err
	}
	return soffice("lo-profile", "pdf", tmp, in)
})

// soffice converts in with LibreOffice into outdir (format as --convert-to
// takes it: "pdf", "docx:MS Word 2007 XML"), with a private profile named
// profile under tmp, so that test binaries running at once do not fight over
// one, and the repository's fonts (officeFonts). It returns the path of the
// file written.
func soffice(profile, format, outdir, in string) (string, error) {
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(tmp, profile),
		"--headless", "--convert-to", format, "--outdir", outdir, in)
	cmd.Env = officeFonts()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("soffice: %v\n%s", err, out)
	}
	ext, _, _ := strings.Cut(format, ":")
	base := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
	path := filepath.Join(outdir, base+"."+ext)
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("soffice wrote no %s: %v\n%s", ext, err, out)
	}
	return path, nil
}

// officeFontFiles are the repository's free fonts (fonts/, the ones the
// PDF embeds) that stand in for the office faces the DOCX names, so that
// LibreOffice lays the DOCX out with the metrics of real CJK fonts of the
// right styles whatever the machine has installed.
var officeFontFiles = map[string]string{
	"仿宋_GB2312": "FandolFang-Regular.ttf",
	"楷体_GB2312": "gkai00mp.ttf",
	"黑体":        "NotoSansCJKsc-Regular-GB.ttf",
	"方正小标宋简体":   "NotoSerifCJKsc-Bold-GB.ttf",
	"宋体":        "NotoSerifCJKsc-Bold-GB.ttf",
}

// officeFonts is the environment for soffice: a private fontconfig that
// maps each office face to its stand-in, when the fonts are there.
func officeFonts() []string {
	env := os.Environ()
	dir := filepath.Join(tmp, "fonts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return env
	}
	var conf strings.Builder
	conf.WriteString(`<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>` +
		`<include ignore_missing="yes">/etc/fonts/fonts.conf</include>` +
		`<dir>` + dir + `</dir><cachedir>` + filepath.Join(tmp, "fontcache") + `</cachedir>`)
	for _, face := range slices.Sorted(maps.Keys(officeFontFiles)) {
		file := officeFontFiles[face]
		b, err := os.ReadFile(filepath.Join("..", "..", "fonts", file))
		if err != nil {
			return env // not there: LibreOffice substitutes what it has
		}
		if err := os.WriteFile(filepath.Join(dir, file), b, 0o644); err != nil {
			return env
		}
		fam, err := exec.Command("fc-scan", "--format", "%{family[0]}", filepath.Join(dir, file)).Output()
		if err != nil {
			return env
		}
		conf.WriteString(`<alias binding="same"><family>` + face + `</family><prefer><family>` + string(fam) + `</family></prefer></alias>`)
	}
	conf.WriteString(`</fontconfig>`)
	name := filepath.Join(tmp, "fonts.conf")
	if err := os.WriteFile(name, []byte(conf.String()), 0o644); err != nil {
		return env
	}
	return append(env, "FONTCONFIG_FILE="+name)
}

func needConverted(t *testing.T) string {
	t.Helper()
	tooltest.Need(t, "soffice", "libreoffice-writer-nogui")
	tooltest.Need(t, "pdftotext", "poppler-utils")
	p, err := converted()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}

func pageCount(t *testing.T, pdfPath string) int {
	t.Helper()
	tooltest.Need(t, "pdfinfo", "poppler-utils")
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(run(t, "pdfinfo", pdfPath))
	if m == nil {
		t.Fatal("pdfinfo: no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestLibreOfficeText: LibreOffice converts the DOCX, and the result says
// every sentence of the seed notice, in order.
func TestLibreOfficeText(t *testing.T) {
	p := needConverted(t)
	text := withoutPageNumbers(run(t, "pdftotext", p, "-"))
	if m := seedtest.Missing(text); len(m) > 0 {
		t.Errorf("%d sentences of the seed missing or out of order in LibreOffice's PDF, first: %q", len(m), m[0])
	}
}

// TestLibreOfficePages: LibreOffice paginates the DOCX like our PDF, within
// one page (fonts differ: Word/WPS/LibreOffice substitute the office fonts
// with their own metrics, so a paragraph may end a line earlier or later).
func TestLibreOfficePages(t *testing.T) {
	p := needConverted(t)
	s := getSample(t)
	ours, err := pdf.Render(s.d, pdf.Options{})
	if err != nil {
		t.Fatalf("our PDF of the sample does not render, page counts not compared: %v", err)
	}
	op := filepath.Join(tmp, "ours.pdf")
	if err := os.WriteFile(op, ours, 0o644); err != nil {
		t.Fatal(err)
	}
	lo, we := pageCount(t, p), pageCount(t, op)
	if lo != we {
		t.Logf("LibreOffice: %d pages, our PDF: %d pages", lo, we)
	}
	if d := lo - we; d > 1 || d < -1 {
		t.Errorf("LibreOffice gives %d pages, our PDF %d: more than one page apart", lo, we)
	}
}

// withoutPageNumbers drops the lines that are page numbers: they stand
// between the words of a paragraph that runs over a page, and a reader
// skips them.
func withoutPageNumbers(text string) string {
	var b strings.Builder
	numbers := map[string]bool{}
	for n := 1; n <= 100; n++ {
		numbers[seedtest.Normalize(doc.PageNumberText(n))] = true
	}
	for _, l := range strings.Split(text, "\n") {
		if !numbers[seedtest.Normalize(l)] {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// bboxLine is one line of pdftotext -bbox-layout.
type bboxLine struct {
	page                   int
	xMin, yMin, xMax, yMax float64
	text                   string
}

var (
	pageRE = regexp.MustCompile(`<page `)
	lineRE = regexp.MustCompile(`(?s)<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>`)
	wordRE = regexp.MustCompile(`<word [^>]*>([^<]*)</word>`)
)

func bboxLines(t *testing.T, pdfPath string) []bboxLine {
	t.Helper()
	out := run(t, "pdftotext", "-bbox-layout", pdfPath, "-")
	var lines []bboxLine
	pages := pageRE.Split(out, -1)
	for pi, pg := range pages[1:] {
		for _, m := range lineRE.FindAllStringSubmatch(pg, -1) {
			l := bboxLine{page: pi + 1}
			l.xMin, _ = strconv.ParseFloat(m[1], 64)
			l.yMin, _ = strconv.ParseFloat(m[2], 64)
			l.xMax, _ = strconv.ParseFloat(m[3], 64)
			l.yMax, _ = strconv.ParseFloat(m[4], 64)
			var b strings.Builder
			for _, w := range wordRE.FindAllStringSubmatch(m[5], -1) {
				b.WriteString(html.UnescapeString(w[1]))
			}
			l.text = b.String()
			lines = append(lines, l)
		}
	}
	return lines
}

// TestLibreOfficeGrid: every full body line of LibreOffice's PDF holds 28
// characters — the charSpace of the grid gives LibreOffice the same 28 as
// Word and WPS.
//
// The count alone cannot prove charSpace is read: with charSpace="0"
// LibreOffice 7.4 still sets 28 a line (measured: full lines 441.9 pt wide,
// 15.78 pt a character — it then spreads the line over the type width). What
// charSpace does change is the pitch: LibreOffice reads −849 as −1 pt plus
// 15/20 pt in whole twips, a 15.75 pt cell (gridPitchLO in body.go), and
// full lines measure 440.5 pt, 15.73 pt a character. So the test also
// asserts that the measured pitch of the full lines is the one LibreOffice
// derives from the DOCX's own charSpace (±0.05 pt a character, 1.4 pt a
// line; charSpace 0 misses by 0.22), and that 28 such cells fit the type
// area. It does not prove what Word or WPS do with charSpace (TestPageSetup
// checks Word's formula on the XML).
func TestLibreOfficeGrid(t *testing.T) {
	p := needConverted(t)
	left, right := g.MarginLeft, g.MarginLeft+g.TypeAreaWidth
	cs := finalSect(t, getSample(t).parts["word/document.xml"]).Grid.CharSpace
	want := loCellPitch(cs)
	if want*g.CharsPerLine > g.TypeAreaWidth+0.01 {
		t.Errorf("charSpace %d: LibreOffice's cell of %.3f pt puts 28 characters %.2f pt wide, past the type area's %.2f pt", cs, want, want*g.CharsPerLine, g.TypeAreaWidth)
	}
	full := 0
	for _, l := range bboxLines(t, p) {
		// A full line: starts at the left edge of the type area and ends
		// within one character of its right edge; all CJK (so no half-width
		// digits make it ambiguous).
		if l.xMin > left+2 || l.xMax < right-g.CharPitch || strings.ContainsFunc(l.text, func(r rune) bool { return r < 0x80 }) {
			continue
		}
		full++
		n := len([]rune(l.text))
		// LibreOffice 7.4 reads w:overflowPunct inverted: where Word keeps
		// punctuation inside the type area (w:overflowPunct="0"), it lets a
		// closing mark hang past the right edge. That mark is not on the grid.
		if l.xMax > right+1 && strings.ContainsRune("，。、；：？！）】》”’", []rune(l.text)[n-1]) {
			n--
		}
		if n != g.CharsPerLine {
			t.Errorf("page %d: a full line holds %d characters, want %d: %s", l.page, n, g.CharsPerLine, l.text)
			continue
		}
		if l.xMax <= right+1 { // no hanging mark: the line spans 28 cells
			if pitch := (l.xMax - l.xMin) / float64(n); math.Abs(pitch-want) > 0.05 {
				t.Errorf("page %d: characters %.3f pt apart, want %.3f (LibreOffice's cell for charSpace %d): %s", l.page, pitch, want, cs, l.text)
			}
		}
	}
	if full < 20 {
		t.Errorf("only %d full body lines found", full)
	}
}

// loCellPitch is the character cell LibreOffice derives from a docGrid's
// charSpace: the body size plus whole points (charSpace/4096, rounded down)
// plus the remainder in whole twips (20ths of a point, rounded down).
func loCellPitch(charSpace int) float64 {
	whole := int(math.Floor(float64(charSpace) / 4096))
	twips := (charSpace - whole*4096) * 20 / 4096
	return g.BodySize + float64(whole) + float64(twips)/20
}

// TestLibreOfficeRed: page 1 shows the masthead in red 35 mm below the top
// of the type area, and the red rule across the type width 4 mm below the
// 发文字号.
func TestLibreOfficeRed(t *testing.T) {
	p := needConverted(t)
	tooltest.Need(t, "pdftoppm", "poppler-utils")
	const dpi = 50
	prefix := filepath.Join(tmp, "page")
	run(t, "pdftoppm", "-r", strconv.Itoa(dpi), "-f", "1", "-l", "1", "-png", "-singlefile", p, prefix)
	b, err := os.ReadFile(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	px := func(pt float64) int { return int(pt * dpi / 72) }
	isRed := func(x, y int) bool {
		r, gg, bb, _ := img.At(x, y).RGBA()
		return r>>8 > 180 && gg>>8 < 100 && bb>>8 < 100
	}
	isDark := func(x, y int) bool {
		r, gg, bb, _ := img.At(x, y).RGBA()
		return r>>8 < 100 && gg>>8 < 100 && bb>>8 < 100
	}
	bounds := img.Bounds()
	x0, x1 := px(g.MarginLeft), px(g.MarginLeft+g.TypeAreaWidth)

	// The masthead: the first red ink from the top of the page.
	typeTop := g.MarginTop
	mastTop := -1
	reds := 0
	for y := bounds.Min.Y; y < px(typeTop+g.MastheadTop+g.MastheadSize*1.5); y++ {
		for x := x0; x < x1; x++ {
			if isRed(x, y) {
				reds++
				if mastTop < 0 {
					mastTop = y
				}
			}
		}
	}
	if reds < 100 {
		t.Fatalf("masthead: only %d red pixels where the masthead stands", reds)
	}
	want := px(typeTop + g.MastheadTop)
	if d := mastTop - want; d < -px(3*g.MM) || d > px(3*g.MM) {
		t.Errorf("masthead ink starts %.1f mm below the top of the type area, want 35 mm (±3 mm, fonts differ)",
			float64(mastTop)*72/dpi/g.MM-typeTop/g.MM)
	}

	// The rule: the first row below the masthead that is red across the
	// type width.
	ruleY := -1
	for y := px(typeTop + g.MastheadTop + g.MastheadSize); y < bounds.Max.Y/2 && ruleY < 0; y++ {
		n := 0
		for x := x0; x < x1; x++ {
			if isRed(x, y) {
				n++
			}
		}
		if n >= (x1-x0)*95/100 {
			ruleY = y
		}
	}
	if ruleY < 0 {
		t.Fatal("no red rule across the type width on page 1")
	}
	// Its distance from the bottom of the 发文字号's ink above it.
	inkBottom := -1
	for y := ruleY - 1; y > ruleY-px(15*g.MM) && inkBottom < 0; y-- {
		for x := x0; x < x1; x++ {
			if isDark(x, y) {
				inkBottom = y
				break
			}
		}
	}
	if inkBottom < 0 {
		t.Fatal("no 发文字号 above the rule")
	}
	gap := float64(ruleY-inkBottom) * 72 / dpi / g.MM
	t.Logf("masthead ink top %.1f mm below the type area's top; rule %.1f mm below the 发文字号's ink",
		float64(mastTop)*72/dpi/g.MM-typeTop/g.MM, gap)
	if gap < 4-1.5 || gap > 4+1.5 {
		t.Errorf("the rule is %.1f mm below the 发文字号, want 4 mm (±1.5 mm)", gap)
	}
}

// TestLibreOfficeSavedTemplate: an office's template is often our own
// output opened and saved again. LibreOffice renames the parts (footer1.xml,
// media/image1.png) and drops the unused empty footer; such a template is
// accepted, and a notice written on it is consistent, says the model's words
// and carries its seal.
func TestLibreOfficeSavedTemplate(t *testing.T) {
	tooltest.Need(t, "soffice", "libreoffice-writer-nogui")
	s := getSample(t)
	dir := filepath.Join(tmp, "saved")
	if err := os.MkdirAll(filepath.Join(dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "office.docx")
	if err := os.WriteFile(in, s.docx, 0o644); err != nil {
		t.Fatal(err)
	}
	saved, err := soffice("lo-profile-saved", "docx:MS Word 2007 XML", filepath.Join(dir, "out"), in)
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	if err := docx.CheckTemplate(tpl); err != nil {
		t.Fatalf("LibreOffice's copy of our output is refused as a template: %v", err)
	}
	b, err := docx.Render(s.d, docx.Options{Template: tpl})
	if err != nil {
		t.Fatal(err)
	}
	parts, err := unzip(b)
	if err != nil {
		t.Fatal(err)
	}
	checkPackage(t, parts)
	if sp := finalSect(t, parts["word/document.xml"]); sp.Grid.CharSpace >= 0 {
		t.Errorf("charSpace %d: the grid's negative charSpace was not kept", sp.Grid.CharSpace)
	}
	got, want := paragraphs(string(parts["word/document.xml"])), expected(s.d)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("text on the saved template differs from the model")
	}
	found := false
	for name, data := range parts {
		if strings.HasPrefix(name, "word/media/") && bytes.Equal(data, s.d.Signature.Seal.PNG) {
			found = true
		}
	}
	if !found {
		t.Error("the seal is not in the package")
	}
}

// TestLibreOfficeSeal: on LibreOffice's page the seal stands as §7.3.5.1
// asks — 发文机关署名和成文日期居印章中心偏下位置: the name's line centred at
// or slightly below the seal's centre (its red ink's middle), the date's
// further down; 印章顶端应当上距正文（或附件说明）一行之内: the seal's top no
// more than one line below the last text line and not above its characters.
func TestLibreOfficeSeal(t *testing.T) {
	p := needConverted(t)
	tooltest.Need(t, "pdftoppm", "poppler-utils")
	s := getSample(t)
	lines := bboxLines(t, p)
	var name, date, last bboxLine
	for i, l := range lines {
		if l.text == s.d.Signature.Issuers[0] && i+1 < len(lines) && lines[i+1].text == s.d.Signature.Date.Chinese() {
			name, date = l, lines[i+1]
			if i > 0 {
				last = lines[i-1]
			}
		}
	}
	if name.text == "" || last.page != name.page {
		t.Fatal("the signature or the text above it is missing from LibreOffice's PDF")
	}
	const dpi = 100
	prefix := filepath.Join(tmp, "seal")
	pg := strconv.Itoa(name.page)
	run(t, "pdftoppm", "-r", strconv.Itoa(dpi), "-f", pg, "-l", pg, "-png", "-singlefile", p, prefix)
	b, err := os.ReadFile(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	px := func(pt float64) int { return int(pt * dpi / 72) }
	pt := func(px int) float64 { return float64(px) * 72 / dpi }
	top, bottom := -1, -1
	for y := px(name.yMin - g.SealDiameter); y < px(date.yMax+g.SealDiameter) && y < img.Bounds().Max.Y; y++ {
		for x := px(g.MarginLeft); x < px(g.MarginLeft+g.TypeAreaWidth); x++ {
			r, gg, bb, _ := img.At(x, y).RGBA()
			if r>>8 > 180 && gg>>8 < 120 && bb>>8 < 120 {
				if top < 0 {
					top = y
				}
				bottom = y
				break
			}
		}
	}
	if top < 0 {
		t.Fatal("no red seal around the signature")
	}
	sealTop, centre := pt(top), (pt(top)+pt(bottom))/2
	nameMid, dateMid := (name.yMin+name.yMax)/2, (date.yMin+date.yMax)/2
	tol := 1.5 * g.MM // LibreOffice's fonts and pixel rounding
	t.Logf("seal %.1f mm across; name's centre %.1f mm, date's %.1f mm below its centre; its top %.1f mm below the text above",
		pt(bottom-top)/g.MM, (nameMid-centre)/g.MM, (dateMid-centre)/g.MM, (sealTop-last.yMax)/g.MM)
	if d := nameMid - centre; d < 0 || d > g.LinePitch/2 {
		t.Errorf("name's centre %.1f mm below the seal's centre, want slightly below", d/g.MM)
	}
	if dateMid <= nameMid || dateMid-centre > (pt(bottom)-pt(top))/2 {
		t.Errorf("date's centre %.1f mm below the seal's centre, want below the name and inside the seal", (dateMid-centre)/g.MM)
	}
	if d := sealTop - last.yMax; d < -tol || d > g.LinePitch+tol {
		t.Errorf("seal's top %.1f mm below the text above, want within one line", d/g.MM)
	}
}

// TestLibreOfficeTightenedPage: when the layout keeps the signature on the
// last body page by tightening that page's line pitch (§7.3.5.1 调整行距),
// the DOCX sets those paragraphs at the same pitch, so LibreOffice too
// keeps every line of text on that page with the signature, and paginates
// as the PDF does.
func TestLibreOfficeTightenedPage(t *testing.T) {
	tooltest.Need(t, "soffice", "libreoffice-writer-nogui")
	tooltest.Need(t, "pdftotext", "poppler-utils")
	for _, sealed := range []bool{true, false} {
		checkTightened(t, sealed)
	}
}

func checkTightened(t *testing.T, sealed bool) {
	s := getSample(t)
	// The sample without attachments, a paragraph added so that the text
	// ends where the signature only fits on a tighter grid.
	var d *doc.Document
	var pages, tightPage int
	for n := 1; n < 22 && d == nil; n++ {
		c := *s.d
		c.Attachments, c.AttachmentNote, c.Colophon = nil, nil, nil
		if !sealed {
			c.Signature.Seal = nil
		}
		c.Body = append(slices.Clone(c.Body), &doc.Paragraph{Runs: []doc.Run{{Text: strings.Repeat("补充说明文字。", 4*n), Face: doc.FaceFangSong}}})
		l, err := layout.Layout(&c, layout.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for pi, p := range l.Pages {
			if p.LinePitch > 0 {
				d, pages, tightPage = &c, len(l.Pages), pi+1
			}
		}
	}
	if d == nil {
		t.Fatalf("sealed %v: no added length makes the layout tighten a page: the test does not test", sealed)
	}
	b, err := docx.Render(d, docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, fmt.Sprint("tight", sealed))
	in := filepath.Join(dir, "tight.docx")
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := soffice("lo-profile-tight", "pdf", dir, in)
	if err != nil {
		t.Fatal(err)
	}
	if n := pageCount(t, p); n != pages {
		t.Errorf("sealed %v: LibreOffice: %d pages, the PDF's layout %d", sealed, n, pages)
	}
	lines := bboxLines(t, p)
	var name bboxLine
	perPage := map[int]int{}
	for _, l := range lines {
		perPage[l.page]++
		if l.text == d.Signature.Issuers[0] {
			name = l
		}
	}
	if name.page != tightPage {
		t.Errorf("sealed %v: LibreOffice: signature on page %d, the PDF's layout has it on page %d", sealed, name.page, tightPage)
	}
	t.Logf("sealed %v: signature on page %d of %d; that page holds %d lines in LibreOffice", sealed, name.page, pages, perPage[name.page])
}

// TestLibreOfficeNoLoneCharacterInCells: in LibreOffice's render of the
// sample no table cell ends with one character alone on its last line
// (住房公积金管理中/心): where the PDF's layout evens a cell's lines out, the
// DOCX breaks the cell where the layout does.
func TestLibreOfficeNoLoneCharacterInCells(t *testing.T) {
	p := needConverted(t)
	s := getSample(t)
	whole := map[string]bool{}
	cells := 0
	for _, a := range s.d.Attachments {
		for _, b := range a.Blocks {
			if tb, ok := b.(*doc.Table); ok {
				for _, rows := range [][][]doc.Cell{tb.Header, tb.Rows} {
					for _, r := range rows {
						for _, c := range r {
							whole[c.Text] = true
							cells++
						}
					}
				}
			}
		}
	}
	if cells == 0 {
		t.Fatal("the sample has no table: the test does not test")
	}
	for _, l := range bboxLines(t, p) {
		if rs := []rune(l.text); len(rs) == 1 && unicode.Is(unicode.Han, rs[0]) && !whole[l.text] {
			t.Errorf("page %d: a line holds %q alone", l.page, l.text)
		}
	}
}
