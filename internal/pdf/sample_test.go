package pdf_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/gbt9704"
	"github.com/gongwen/gongwen/internal/layout"
	"github.com/gongwen/gongwen/internal/pdf"
	"github.com/gongwen/gongwen/internal/pipeline"
	"github.com/gongwen/gongwen/internal/seedtest"
	"github.com/gongwen/gongwen/internal/tooltest"
)

const samplePath = "../../samples/linshu-2021-q3.toml"

var sampleOnce struct {
	sync.Once
	b   []byte
	err error
}

// samplePDF renders the sample once per test binary and writes it to a
// temporary file.
func samplePDF(t *testing.T) (string, []byte) {
	t.Helper()
	sampleOnce.Do(func() {
		sampleOnce.b, sampleOnce.err = renderSample(t)
	})
	if sampleOnce.err != nil {
		t.Fatal(sampleOnce.err)
	}
	return writeTemp(t, "sample.pdf", sampleOnce.b), sampleOnce.b
}

func renderSample(t testing.TB) ([]byte, error) {
	d, _, err := pipeline.Document(samplePath)
	if err != nil {
		return nil, err
	}
	return pdf.Render(d, pdf.Options{})
}

// TestSampleValid: the sample's PDF passes pdfcpu (strict) and qpdf --check.
func TestSampleValid(t *testing.T) {
	path, b := samplePDF(t)
	validate(t, path)
	// ToUnicode maps: at most 100 entries a bfrange block (Adobe TN 5099).
	for _, m := range regexp.MustCompile(`(\d+) beginbfrange`).FindAllSubmatch(b, -1) {
		if n := atof(string(m[1])); n > 100 {
			t.Errorf("a ToUnicode block of %v entries, at most 100", n)
		}
	}
}

// TestSampleSize: the sample's PDF stays under 300 KB (fonts subset, the
// seal without a soft mask).
func TestSampleSize(t *testing.T) {
	_, b := samplePDF(t)
	if len(b) >= 300*1024 {
		t.Errorf("the sample's PDF is %d bytes, want under 300 KB", len(b))
	}
}

// TestSampleFonts: every font embedded and subset.
func TestSampleFonts(t *testing.T) {
	path, _ := samplePDF(t)
	fonts := pdffonts(t, path)
	if len(fonts) == 0 {
		t.Fatal("pdffonts lists no font")
	}
	checkFonts(t, fonts)
}

// TestSampleSaysTheSeed: pdftotext yields every sentence of the seed, in order.
func TestSampleSaysTheSeed(t *testing.T) {
	path, _ := samplePDF(t)
	tooltest.Need(t, "pdftotext", "poppler-utils")
	// Page numbers ("— 2 —") are not part of the text; a sentence running
	// over a page break must read on across them.
	text := rePageNumber.ReplaceAllString(run(t, "pdftotext", path, "-"), "")
	if m := seedtest.Missing(text); len(m) > 0 {
		t.Errorf("%d sentences of the seed missing or out of order, first: %q", len(m), m[0])
	}
}

var rePageNumber = regexp.MustCompile(`(?m)^— \d+ —$`)

// TestSampleDeterministic: two renders of the sample give the same bytes.
func TestSampleDeterministic(t *testing.T) {
	_, a := samplePDF(t)
	b, err := renderSample(t)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the sample differ")
	}
}

// Glyph boxes. pdftotext -bbox reports a word's box as
//
//	[baseline − Ascent·s/1000, baseline − Descent·s/1000]
//
// with Ascent and Descent of the font's FontDescriptor (gopdf writes the
// font's hhea/win metrics there, so they differ from font to font) and s the
// font size. From the box height the size and font follow (the size is the
// standard size nearest to a candidate's); from them the baseline. The
// character's own box — the ideographic em box (字身框) that GB/T 9704's
// distances are measured to — is [baseline − 0.88 s, baseline + 0.12 s] in
// the CJK fonts embedded (OS/2 typo ascender/descender 880/−120, Adobe's
// ideographic convention).
const (
	emAscent  = 0.88
	emDescent = 0.12
)

// tword is a word with the metrics worked out from its box.
type tword struct {
	bword
	Size, Baseline float64
}

func (w tword) emTop() float64    { return w.Baseline - emAscent*w.Size }
func (w tword) emBottom() float64 { return w.Baseline + emDescent*w.Size }
func (w tword) emCentre() float64 { return (w.emTop() + w.emBottom()) / 2 }

var reDescriptor = regexp.MustCompile(`/Type /FontDescriptor\s*/Ascent (-?\d+)\s*/CapHeight -?\d+\s*/Descent (-?\d+)`)

type metric struct{ A, D float64 }

// fontMetrics reads Ascent and Descent of every font descriptor in the file
// (gopdf writes them uncompressed).
func fontMetrics(t testing.TB, b []byte) []metric {
	var ms []metric
	for _, m := range reDescriptor.FindAllSubmatch(b, -1) {
		ms = append(ms, metric{atof(string(m[1])), atof(string(m[2]))})
	}
	if len(ms) == 0 {
		t.Fatal("no FontDescriptor found")
	}
	return ms
}

var standardSizes = []float64{gbt9704.SizeChu, gbt9704.SizeXiaoChu, gbt9704.SizeYi, gbt9704.SizeXiaoYi,
	gbt9704.SizeEr, gbt9704.SizeXiaoEr, gbt9704.SizeSan, gbt9704.SizeXiaoSan, gbt9704.SizeSi,
	gbt9704.SizeXiaoSi, gbt9704.SizeWu}

func measure(w bword, ms []metric) tword {
	h := w.YMax - w.YMin
	best, bestD := tword{bword: w}, math.Inf(1)
	for _, m := range ms {
		s := h * 1000 / (m.A - m.D)
		for _, std := range standardSizes {
			if d := math.Abs(s - std); d < bestD {
				bestD = d
				best.Size = s
				best.Baseline = w.YMin + m.A*s/1000
			}
		}
	}
	return best
}

// lines groups a page's words by baseline, left to right.
type tline struct {
	Words    []tword
	Baseline float64
	Size     float64
}

func (l tline) text() string {
	var b strings.Builder
	for _, w := range l.Words {
		b.WriteString(w.Text)
	}
	return b.String()
}
func (l tline) xMin() float64 { return l.Words[0].XMin }
func (l tline) xMax() float64 { return l.Words[len(l.Words)-1].XMax }

func lines(words []tword) []tline {
	sort.SliceStable(words, func(i, j int) bool {
		if math.Abs(words[i].Baseline-words[j].Baseline) > 0.3 {
			return words[i].Baseline < words[j].Baseline
		}
		return words[i].XMin < words[j].XMin
	})
	var ls []tline
	for _, w := range words {
		if n := len(ls); n > 0 && math.Abs(ls[n-1].Baseline-w.Baseline) <= 0.3 && math.Abs(ls[n-1].Size-w.Size) < 0.5 {
			ls[n-1].Words = append(ls[n-1].Words, w)
			continue
		}
		ls = append(ls, tline{Words: []tword{w}, Baseline: w.Baseline, Size: w.Size})
	}
	return ls
}

// closingSqueezable are the full-width closing marks whose ink fills the
// left half of the em box; layout may squeeze them to half a cell (标点挤压),
// so at a line end only their left half counts.
const closingSqueezable = "，。、；：？！）》」』】〕〉’”］｝〗"

// cells counts a line's width in grid cells: full-width characters 1,
// Latin letters and digits ½.
func cells(s string) float64 {
	c := 0.0
	for _, r := range s {
		if r < 0x2E80 && !strings.ContainsRune("—…“”‘’·", r) {
			c += 0.5
		} else {
			c++
		}
	}
	return c
}

const tol = 0.5 * gbt9704.MM // the acceptance tolerance, ±0.5 mm

// layoutNumbers is the printed number of each page of the sample's layout
// (0: none printed), the same layout pdf.Render writes.
func layoutNumbers(t *testing.T) []int {
	t.Helper()
	d, _, err := pipeline.Document(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	ld, err := pdf.Layout(d, pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ns := make([]int, len(ld.Pages))
	for i, p := range ld.Pages {
		ns[i] = p.Number
	}
	return ns
}

// TestSampleGeometry reads the text positions back from the PDF and checks
// them against the numbers of GB/T 9704 (internal/gbt9704 and the spec).
func TestSampleGeometry(t *testing.T) {
	path, b := samplePDF(t)
	ms := fontMetrics(t, b)
	pages := bbox(t, path)
	var (
		L, T  = gbt9704.MarginLeft, gbt9704.MarginTop
		R, B  = L + gbt9704.TypeAreaWidth, T + gbt9704.TypeAreaHeight
		pitch = gbt9704.LinePitch
		cell  = gbt9704.CharPitch
	)
	if math.Abs(pitch-225.0/22*gbt9704.MM) > 1e-9 {
		t.Fatalf("gbt9704.LinePitch = %v, want 225/22 mm", pitch)
	}
	band := func(y float64) float64 { return (y - T) / pitch } // grid position of y, in lines
	numbered := layoutNumbers(t)
	for pi, p := range pages {
		pn := pi + 1
		var body []tword
		for _, w := range p.Words {
			if tw := measure(w, ms); tw.emTop() <= B {
				body = append(body, tw)
			}
		}
		// All text inside the type area, page numbers aside.
		for _, w := range body {
			right := w.XMax
			if rs := []rune(w.Text); strings.ContainsRune(closingSqueezable, rs[len(rs)-1]) {
				right -= w.Size / 2
			}
			if w.XMin < L-tol || right > R+tol || w.emTop() < T-tol || w.emBottom() > B+tol {
				t.Errorf("page %d: %q at x %.1f–%.1f, y %.1f–%.1f pt lies outside the type area (x %.1f–%.1f, y %.1f–%.1f)",
					pn, w.Text, w.XMin, right, w.emTop(), w.emBottom(), L, R, T, B)
			}
		}
		// Body lines (三号) sit on the grid: each line's em box centred in
		// one of the 22 bands of 225/22 mm; at most 22 on a page.
		used := map[int]bool{}
		for _, l := range lines(body) {
			if math.Abs(l.Size-gbt9704.BodySize) > 0.3 {
				continue
			}
			pos := band(l.Words[0].emCentre()) - 0.5
			k := int(math.Round(pos))
			if math.Abs(pos-float64(k))*pitch > tol {
				t.Errorf("page %d: line %q is %.2f mm off the grid", pn, l.text(), (pos-float64(k))*pitch/gbt9704.MM)
			}
			if k < 0 || k >= gbt9704.LinesPerPage {
				t.Errorf("page %d: line %q on grid line %d, outside the 22 lines", pn, l.text(), k+1)
			}
			used[k] = true
			// A full line — running from the left edge (or the two-character
			// indent) to the right edge — holds 28 characters.
			right := l.xMax()
			txt := l.text()
			if rs := []rune(txt); strings.ContainsRune(closingSqueezable, rs[len(rs)-1]) {
				right -= l.Size / 2
			}
			if math.Abs(right-R) <= tol {
				indent := math.Round((l.xMin() - L) / cell)
				n := indent + cells(txt)
				squeezable := 0
				for _, r := range txt {
					if strings.ContainsRune(closingSqueezable, r) || strings.ContainsRune("（《「『【〔〈‘“［｛〖", r) {
						squeezable++
					}
				}
				// A half-width letter or digit may leave half a cell that no
				// full-width character fits: the line is then justified.
				low := float64(gbt9704.CharsPerLine)
				if n != math.Trunc(n) {
					low -= 0.5
				}
				if n < low || n > gbt9704.CharsPerLine+0.5*float64(squeezable) {
					t.Errorf("page %d: full line %q holds %.1f characters, want %d", pn, txt, n, gbt9704.CharsPerLine)
				}
			}
		}
		if len(used) > gbt9704.LinesPerPage {
			t.Errorf("page %d: %d body lines, at most %d", pn, len(used), gbt9704.LinesPerPage)
		}
	}
	checkPageNumbers(t, pages, numbered, ms)
	checkHead(t, path, pages[0], ms)
	checkPageNumberDashes(t, path, pages, numbered)
	checkSignatureAndColophon(t, path, pages, ms)
}

// checkPageNumbers: every page the layout numbers shows exactly "— N —"
// (四号) below the type area, one character in from the type area's right
// edge on odd pages, its left edge on even ones; a page numbered 0 shows
// nothing there (§7.5). The 7 mm below the type area is measured on the
// rendered dashes in checkPageNumberDashes.
func checkPageNumbers(t testing.TB, pages []bpage, numbered []int, ms []metric) {
	t.Helper()
	L, R := gbt9704.MarginLeft, gbt9704.MarginLeft+gbt9704.TypeAreaWidth
	B := gbt9704.MarginTop + gbt9704.TypeAreaHeight
	if len(pages) != len(numbered) {
		t.Errorf("the PDF has %d pages, the layout %d", len(pages), len(numbered))
	}
	for pi, p := range pages {
		if pi >= len(numbered) {
			break
		}
		pn := pi + 1
		var numbers []tword
		for _, w := range p.Words {
			if tw := measure(w, ms); tw.emTop() > B {
				numbers = append(numbers, tw)
			}
		}
		nls := lines(numbers)
		want := numbered[pi]
		if want == 0 {
			if len(nls) > 0 {
				t.Errorf("page %d: unnumbered in the layout, but shows %q below the type area", pn, nls[0].text())
			}
			continue
		}
		wantText := strings.ReplaceAll(doc.PageNumberText(want), " ", "")
		if len(nls) != 1 {
			var got []string
			for _, l := range nls {
				got = append(got, l.text())
			}
			t.Errorf("page %d: want one page number line %q below the type area, got %q", pn, doc.PageNumberText(want), got)
			continue
		}
		nl := nls[0]
		if nl.text() != wantText {
			t.Errorf("page %d: page number %q, want %q", pn, nl.text(), doc.PageNumberText(want))
		}
		if math.Abs(nl.Size-gbt9704.PageNumberSize) > 0.3 {
			t.Errorf("page %d: page number in %.1f pt, want %.1f (四号)", pn, nl.Size, gbt9704.PageNumberSize)
		}
		ch := gbt9704.PageNumberSize * gbt9704.PageNumberIndentChars
		if want%2 == 1 {
			if d := nl.xMax() - (R - ch); math.Abs(d) > tol {
				t.Errorf("page %d: page number %q ends at %.2f pt, want %.2f (one character in from the right)", pn, nl.text(), nl.xMax(), R-ch)
			}
		} else if d := nl.xMin() - (L + ch); math.Abs(d) > tol {
			t.Errorf("page %d: page number %q starts at %.2f pt, want %.2f (one character in from the left)", pn, nl.text(), nl.xMin(), L+ch)
		}
	}
}

// checkSignatureAndColophon checks the 附件说明 two characters in, the sealed
// signature (the date four characters in from the right, the issuer centred
// over it), and the 版记 on the last page: its last rule on the type area's
// bottom edge, the 印发 line one character in on both sides.
func checkSignatureAndColophon(t *testing.T, path string, pages []bpage, ms []metric) {
	d, _, err := pipeline.Document(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	var (
		L, T = gbt9704.MarginLeft, gbt9704.MarginTop
		R, B = L + gbt9704.TypeAreaWidth, T + gbt9704.TypeAreaHeight
		cell = gbt9704.CharPitch
	)
	date := d.Signature.Date.Chinese()
	var seenNote, seenDate bool
	for _, p := range pages {
		var ws []tword
		for _, w := range p.Words {
			ws = append(ws, measure(w, ms))
		}
		ls := lines(ws)
		for i, l := range ls {
			txt := l.text()
			if strings.HasPrefix(txt, doc.AttachmentNoteLabel) && len(d.AttachmentNote) > 0 && !seenNote {
				seenNote = true
				if want := L + gbt9704.ParagraphIndentChars*cell; math.Abs(l.xMin()-want) > tol {
					t.Errorf("附件说明 %q starts at %.2f pt, want %.2f (two characters in)", txt, l.xMin(), want)
				}
			}
			if txt == date && i > 0 && d.Signature.Seal != nil {
				seenDate = true
				if want := R - gbt9704.SignatureRightChars*cell; math.Abs(l.xMax()-want) > tol {
					t.Errorf("成文日期 ends at %.2f pt, want %.2f (four characters in from the right)", l.xMax(), want)
				}
				name := ls[i-1]
				if c, dc := (name.xMin()+name.xMax())/2, (l.xMin()+l.xMax())/2; math.Abs(c-dc) > tol {
					t.Errorf("署名 %q centred at %.2f pt, the date at %.2f", name.text(), c, dc)
				}
			}
		}
	}
	if len(d.AttachmentNote) > 0 && !seenNote {
		t.Error("no 附件说明 line found")
	}
	if d.Signature.Seal != nil && !seenDate {
		t.Errorf("no 成文日期 line %q found", date)
	}
	if d.Colophon == nil {
		return
	}
	last := len(pages)
	// The 印发 line: the office one character (四号) in from the left, the
	// date and 印发 one character in from the right.
	ch := gbt9704.ColophonSize * gbt9704.ColophonIndentChar
	var ws []tword
	for _, w := range pages[last-1].Words {
		ws = append(ws, measure(w, ms))
	}
	found := false
	for _, l := range lines(ws) {
		if strings.HasSuffix(l.text(), d.Colophon.PrintedOn.Chinese()+"印发") {
			found = true
			if math.Abs(l.xMin()-(L+ch)) > tol || math.Abs(l.xMax()-(R-ch)) > tol {
				t.Errorf("印发 line %q spans %.2f–%.2f pt, want %.2f–%.2f", l.text(), l.xMin(), l.xMax(), L+ch, R-ch)
			}
		}
	}
	if !found {
		t.Error("no 印发 line on the last page")
	}
	// The last rule: the lowest dark line across the type area.
	r := render(t, path, last, 150)
	lowest := -1
	for y := r.px(B - 10*gbt9704.MM); y < r.px(B+3*gbt9704.MM); y++ {
		run := 0
		for x := r.px(L); x < r.px(R); x++ {
			if c0, c1, c2 := r.at(x, y); c0 < 128 && c1 < 128 && c2 < 128 {
				run++
			}
		}
		if float64(run) > 0.9*float64(r.px(gbt9704.TypeAreaWidth)) {
			lowest = y
		}
	}
	if lowest < 0 {
		t.Fatal("no 版记 rule found at the bottom of the last page")
	}
	if d := r.pt(lowest) - B; math.Abs(d) > tol {
		t.Errorf("the last 版记 rule lies %.2f mm from the type area's bottom edge, want 0", d/gbt9704.MM)
	}
}

// checkHead checks the 版头 of page 1: the masthead's top 35 mm below the
// type area, the 发文字号 centred two blank lines below it, the red rule
// 4 mm below the 发文字号 and as wide as the type area, the title two blank
// lines below the rule.
func checkHead(t *testing.T, path string, p bpage, ms []metric) {
	var (
		L, T  = gbt9704.MarginLeft, gbt9704.MarginTop
		R     = L + gbt9704.TypeAreaWidth
		pitch = gbt9704.LinePitch
	)
	var ws []tword
	for _, w := range p.Words {
		ws = append(ws, measure(w, ms))
	}
	ls := lines(ws)
	if len(ls) < 3 {
		t.Fatalf("page 1 has %d lines", len(ls))
	}
	mast := ls[0]
	for _, l := range ls {
		if l.Size > mast.Size {
			mast = l
		}
	}
	if d := mast.Words[0].emTop() - (T + gbt9704.MastheadTop); math.Abs(d) > tol {
		t.Errorf("masthead top %.2f mm below the type area, want 35 mm", (mast.Words[0].emTop()-T)/gbt9704.MM)
	}
	// 发文字号: the first 三号 line below the masthead.
	var num *tline
	for i := range ls {
		if ls[i].Baseline > mast.Baseline && math.Abs(ls[i].Size-gbt9704.SizeSan) < 0.3 {
			num = &ls[i]
			break
		}
	}
	if num == nil {
		t.Fatal("no 发文字号 line below the masthead")
	}
	if c := (num.xMin() + num.xMax()) / 2; math.Abs(c-(L+R)/2) > tol {
		t.Errorf("发文字号 %q centred at %.2f pt, type area centre %.2f", num.text(), c, (L+R)/2)
	}
	// Two blank grid lines between the masthead and the 发文字号.
	gridLine := func(y float64) int { return int(math.Floor((y - T) / pitch)) }
	if blank := gridLine(num.Words[0].emCentre()) - gridLine(mast.Words[0].emBottom()) - 1; blank != gbt9704.DocNumberGapLines {
		t.Errorf("%d blank lines between masthead and 发文字号, want %d", blank, gbt9704.DocNumberGapLines)
	}
	// The red rule, found in the rendered page.
	r := render(t, path, 1, 150)
	ruleTop, ruleBottom, x0, x1 := -1, -1, 0, 0
	for y := r.px(num.Baseline); y < r.px(num.Baseline+20*gbt9704.MM) && y < r.H; y++ {
		run, first, last := 0, -1, -1
		for x := 0; x < r.W; x++ {
			if isRed(r.at(x, y)) {
				if first < 0 {
					first = x
				}
				last = x
				run++
			}
		}
		if float64(run) > 0.8*float64(r.px(gbt9704.TypeAreaWidth)) {
			if ruleTop < 0 {
				ruleTop, x0, x1 = y, first, last
			}
			ruleBottom = y
		}
	}
	if ruleTop < 0 {
		t.Fatal("no red rule found below the 发文字号")
	}
	ruleY := (r.pt(ruleTop) + r.pt(ruleBottom)) / 2
	if d := ruleY - num.Words[0].emBottom() - gbt9704.RuleBelowDocNumber; math.Abs(d) > tol {
		t.Errorf("red rule %.2f mm below the 发文字号, want 4 mm", (ruleY-num.Words[0].emBottom())/gbt9704.MM)
	}
	px := 72 / r.DPI
	if math.Abs(r.pt(x0)-px/2-L) > tol || math.Abs(r.pt(x1)+px/2-R) > tol {
		t.Errorf("red rule from x %.2f to %.2f pt, want the type area's %.2f to %.2f", r.pt(x0), r.pt(x1), L, R)
	}
	// The title (二号): two blank lines below the rule.
	var title *tline
	for i := range ls {
		if ls[i].Baseline > ruleY && math.Abs(ls[i].Size-gbt9704.TitleSize) < 0.3 {
			title = &ls[i]
			break
		}
	}
	if title == nil {
		t.Fatal("no 二号 title below the rule")
	}
	if blank := gridLine(title.Words[0].emCentre()) - gridLine(ruleY) - 1; blank != gbt9704.TitleGapLines {
		t.Errorf("%d blank lines between the rule and the title, want %d", blank, gbt9704.TitleGapLines)
	}
	if c := (title.xMin() + title.xMax()) / 2; math.Abs(c-(L+R)/2) > tol {
		t.Errorf("title line %q centred at %.2f pt, type area centre %.2f", title.text(), c, (L+R)/2)
	}
}

// checkPageNumberDashes finds the 一字线 of the page number on every page
// the layout numbers, in the rendered page: the dashes lie 7 mm below the
// type area's bottom edge.
func checkPageNumberDashes(t *testing.T, path string, pages []bpage, numbered []int) {
	B := gbt9704.MarginTop + gbt9704.TypeAreaHeight
	for pi := range pages {
		if pi >= len(numbered) || numbered[pi] == 0 {
			continue // TestSampleGeometry asserts that nothing is there
		}
		r := render(t, path, pi+1, 150)
		// The dash is the widest horizontal dark run below the type area.
		bestY, bestRun := -1, 0
		for y := r.px(B); y < r.px(B+15*gbt9704.MM); y++ {
			run, longest := 0, 0
			for x := 0; x < r.W; x++ {
				if c0, c1, c2 := r.at(x, y); c0 < 128 && c1 < 128 && c2 < 128 {
					run++
					longest = max(longest, run)
				} else {
					run = 0
				}
			}
			if longest > bestRun {
				bestY, bestRun = y, longest
			}
		}
		if bestY < 0 || float64(bestRun) < 0.5*float64(r.px(gbt9704.PageNumberSize)) {
			t.Errorf("page %d: no 一字线 found below the type area", pi+1)
			continue
		}
		if d := r.pt(bestY) - B - gbt9704.PageNumberBelow; math.Abs(d) > tol {
			t.Errorf("page %d: page number dashes %.2f mm below the type area, want 7 mm", pi+1, (r.pt(bestY)-B)/gbt9704.MM)
		}
	}
}

// TestPagesScript runs scripts/render-pages.sh into a temporary directory
// twice: one PNG per page, the same bytes both times.
func TestPagesScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI")
	}
	tooltest.Need(t, "pdftoppm", "poppler-utils")
	samplePDF(t)
	a, b := t.TempDir(), t.TempDir()
	run(t, "../../scripts/render-pages.sh", a)
	run(t, "../../scripts/render-pages.sh", b)
	ea, _ := os.ReadDir(a)
	eb, _ := os.ReadDir(b)
	if len(ea) == 0 || len(ea) != len(eb) {
		t.Fatalf("%d and %d pages rendered", len(ea), len(eb))
	}
	for i := range ea {
		x, _ := os.ReadFile(a + "/" + ea[i].Name())
		y, _ := os.ReadFile(b + "/" + eb[i].Name())
		if !bytes.Equal(x, y) || !strings.HasSuffix(ea[i].Name(), ".png") {
			t.Errorf("%s differs between runs or is no PNG", ea[i].Name())
		}
	}
}

// withText returns the sample with s appended to its first body paragraph.
func withText(t *testing.T, s string) *doc.Document {
	d, _, err := pipeline.Document(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range d.Body {
		if p, ok := b.(*doc.Paragraph); ok && len(p.Runs) > 0 {
			p.Runs[len(p.Runs)-1].Text += s
			return d
		}
	}
	t.Fatal("the sample has no body paragraph")
	return nil
}

// TestRenderMissingGlyph: a character none of the shipped fonts has (𪚥,
// U+2A6A5, a rare character of the kind found in names) is an error naming
// it, never a silently missing glyph.
func TestRenderMissingGlyph(t *testing.T) {
	_, err := pdf.Render(withText(t, "张𪚥"), pdf.Options{})
	if err == nil {
		t.Fatal("no error for a character no font has")
	}
	for _, want := range []string{"𪚥", "U+2A6A5"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
}

// TestRenderFallbackGlyph: a character the body face lacks but the fallback
// font has (䶮, U+4DAE) is drawn from the fallback, glyph by glyph.
func TestRenderFallbackGlyph(t *testing.T) {
	b, err := pdf.Render(withText(t, "刘䶮"), pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, "fallback.pdf", b)
	tooltest.Need(t, "pdftotext", "poppler-utils")
	if text := run(t, "pdftotext", path, "-"); !strings.Contains(seedtest.Normalize(text), "刘䶮") {
		t.Error("pdftotext does not find 刘䶮")
	}
	fonts := pdffonts(t, path)
	checkFonts(t, fonts)
	if len(fonts) != len(pdffonts(t, writeTemp(t, "plain.pdf", mustRender(t))))+1 {
		t.Errorf("fonts %v: want the sample's fonts and the fallback", fonts)
	}
}

func mustRender(t *testing.T) []byte {
	_, b := samplePDF(t)
	return b
}

// TestRenderBeyondBMP: a character beyond the BMP (𠀋, U+2000B, from the
// fallback font) is drawn, extracted by pdftotext, and readable in the
// document title — gopdf alone encodes it so that readers lose it.
func TestRenderBeyondBMP(t *testing.T) {
	d := withText(t, "甲𠀋乙")
	d.Meta.Title += "𠀋"
	b, err := pdf.Render(d, pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, "beyond.pdf", b)
	validate(t, path)
	if text := run(t, "pdftotext", path, "-"); !strings.Contains(seedtest.Normalize(text), "甲𠀋乙") {
		t.Error("pdftotext does not find 甲𠀋乙")
	}
	tooltest.Need(t, "pdfinfo", "poppler-utils")
	if info := run(t, "pdfinfo", path); !strings.Contains(info, d.Meta.Title) {
		t.Errorf("pdfinfo does not show the title %q:\n%s", d.Meta.Title, info)
	}
}

// BenchmarkRenderSample: layout and PDF of the sample, fonts shipped.
func BenchmarkRenderSample(b *testing.B) {
	d, _, err := pipeline.Document(samplePath)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := pdf.Render(d, pdf.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// errRecorder collects what a check reports instead of failing the test, so
// that a test can show the check fails where it should.
type errRecorder struct {
	testing.TB
	errs []string
}

func (r *errRecorder) Helper() {}
func (r *errRecorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestPageNumberCheck: the sample numbers every page, so checkPageNumbers
// is shown here to pass an unnumbered page with nothing below the type
// area, and to fail a page that shows a number the layout does not give it
// and a numbered page that shows none.
func TestPageNumberCheck(t *testing.T) {
	d, _, err := pipeline.Document(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	const k = 2 // the third page
	for _, c := range []struct {
		name       string
		number     int  // the layout's Number for page k
		drop       bool // leave out the page number's text
		wantErrors bool
	}{
		{"unnumbered page without a number", 0, true, false},
		{"unnumbered page with a number", 0, false, true},
		{"numbered page without a number", k + 1, true, true},
		{"numbered page with its number", k + 1, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ld, err := pdf.Layout(d, pdf.Options{})
			if err != nil {
				t.Fatal(err)
			}
			p := &ld.Pages[k]
			if c.drop {
				var items []layout.Item
				for _, it := range p.Items {
					if x, ok := it.(*layout.Text); ok && x.Text == doc.PageNumberText(p.Number) {
						continue
					}
					items = append(items, it)
				}
				if len(items) != len(p.Items)-1 {
					t.Fatalf("page %d: %d page number texts, want 1", k+1, len(p.Items)-len(items))
				}
				p.Items = items
			}
			p.Number = c.number
			b, err := pdf.Render(d, pdf.Options{Layout: ld})
			if err != nil {
				t.Fatal(err)
			}
			numbered := make([]int, len(ld.Pages))
			for i, pg := range ld.Pages {
				numbered[i] = pg.Number
			}
			r := &errRecorder{TB: t}
			checkPageNumbers(r, bbox(t, writeTemp(t, "pn.pdf", b)), numbered, fontMetrics(t, b))
			if c.wantErrors && len(r.errs) == 0 {
				t.Error("checkPageNumbers found nothing wrong")
			}
			if !c.wantErrors && len(r.errs) > 0 {
				t.Errorf("checkPageNumbers: %q", r.errs)
			}
			t.Logf("checkPageNumbers: %q", r.errs)
		})
	}
}
