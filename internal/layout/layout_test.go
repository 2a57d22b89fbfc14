package layout

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
)

func longBody(n int) *doc.Document {
	var ts []string
	for i := 0; i < n; i++ {
		ts = append(ts, strings.Repeat("县政府办公室对全县政府网站和政务新媒体组织开展了读网检查。", 3))
	}
	return paras(ts...)
}

// At most 22 body lines a page, every one on a grid line 225 mm / 22 apart.
func TestGrid(t *testing.T) {
	out := mustLayout(t, longBody(30))
	perPage := map[int]int{}
	for _, l := range bodyLines(out) {
		perPage[l.page]++
		i, off := gridIndex(l.y, 16)
		if off > 1e-6 || i < 0 || i >= 22 {
			t.Fatalf("line %q at y %.3f is %.4f pt off grid line %d", l, l.y, off, i)
		}
	}
	if len(out.Pages) < 3 {
		t.Fatalf("want several pages, got %d", len(out.Pages))
	}
	for p, n := range perPage {
		if n > 22 {
			t.Errorf("page %d holds %d body lines", p+1, n)
		}
		if p < len(out.Pages)-2 && n != 22 {
			t.Errorf("page %d holds %d body lines, want a full 22", p+1, n)
		}
	}
	checkLines(t, bodyLines(out), nil)
}

func head() *doc.Document {
	d := longBody(3)
	d.Head = doc.Head{Masthead: &doc.Masthead{Issuers: []string{"临沭政务督查"}}, DocNumber: "沭政督字〔2021〕31号"}
	d.Title = []string{"临沭县人民政府办公室关于2021年全县第三季度政府网站和政务新媒体检查情况通报"}
	d.Addressees = "各镇人民政府、街道办事处，县直有关单位："
	return d
}

func firstText(p Page, face doc.Face, size float64) *Text {
	for _, it := range p.Items {
		if t, ok := it.(*Text); ok && t.Face == face && t.Size == size {
			return t
		}
	}
	return nil
}

// The 版头: masthead top 35 mm below the type area's top, 发文字号 two blank
// lines below, the red rule 4 mm below it and type-area wide, the title two
// blank lines below the rule, 主送 one blank line below the title.
func TestHead(t *testing.T) {
	d := head()
	out := mustLayout(t, d)
	p := out.Pages[0]
	m := firstText(p, doc.FaceXiaoBiaoSong, g.MastheadSize)
	if m == nil || m.Text != "临沭政务督查" || m.Color != Red {
		t.Fatalf("masthead: %+v", m)
	}
	mTop := m.Y - 0.88*m.Size
	if math.Abs(mTop-(typeTop+35*mm)) > tol {
		t.Errorf("masthead top %.2f mm below the type area, want 35", (mTop-typeTop)/mm)
	}
	// centred
	right := m.X[len(m.X)-1] + m.Size
	if math.Abs((m.X[0]-typeLeft)-(typeRight-right)) > 0.01 {
		t.Errorf("masthead not centred: %.2f | %.2f", m.X[0]-typeLeft, typeRight-right)
	}
	dn := firstText(p, doc.FaceFangSong, 16)
	if dn.Text != d.Head.DocNumber {
		t.Fatalf("doc number: %q", dn.Text)
	}
	dnLine, off := gridIndex(dn.Y, 16)
	if off > 1e-6 {
		t.Errorf("doc number off the grid")
	}
	mBottom := mTop + m.Size
	blank := int(math.Floor((typeTop + float64(dnLine)*linePitch - mBottom) / linePitch))
	if blank != 2 {
		t.Errorf("%d blank lines between masthead and 发文字号, want 2", blank)
	}
	var rule *Rule
	for _, it := range p.Items {
		if r, ok := it.(*Rule); ok {
			rule = r
		}
	}
	if rule == nil || rule.Color != Red {
		t.Fatal("no red rule")
	}
	if math.Abs(rule.X1-typeLeft) > 1e-6 || math.Abs(rule.X2-typeRight) > 1e-6 || rule.Y1 != rule.Y2 {
		t.Errorf("rule %v not the type width", rule)
	}
	dnBottom := dn.Y + 0.12*16
	if math.Abs(rule.Y1-dnBottom-4*mm) > tol {
		t.Errorf("rule %.2f mm below the 发文字号, want 4", (rule.Y1-dnBottom)/mm)
	}
	if rule.Width < 0.35*mm-1e-6 || rule.Width > 0.5*mm+1e-6 {
		t.Errorf("rule width %.2f mm", rule.Width/mm)
	}
	var title []*Text
	for _, it := range p.Items {
		if x, ok := it.(*Text); ok && x.Size == 22 {
			title = append(title, x)
		}
	}
	if len(title) == 0 {
		t.Fatal("no title")
	}
	tl, _ := gridIndex(title[0].Y, 22)
	blank = int(math.Floor((typeTop + float64(tl)*linePitch - rule.Y1) / linePitch))
	if blank != 2 {
		t.Errorf("%d blank lines between rule and title, want 2", blank)
	}
	var joinedTitle string
	for _, x := range title {
		joinedTitle += x.Text
		if math.Abs((x.X[0]-typeLeft)-(typeRight-(x.X[len(x.X)-1]+boxW(x, len(x.X)-1)))) > 0.01 {
			t.Errorf("title line %q not centred", x.Text)
		}
	}
	if joinedTitle != d.Title[0] {
		t.Errorf("title %q", joinedTitle)
	}
	ad := bodyLines(out)[1]
	if ad.String() != d.Addressees || math.Abs(ad.xs[0]-typeLeft) > 1e-6 {
		t.Errorf("addressees %q at %.2f", ad, ad.xs[0])
	}
	al, _ := gridIndex(ad.y, 16)
	lastTitle, _ := gridIndex(title[len(title)-1].Y, 22)
	if al != lastTitle+2 {
		t.Errorf("主送 on line %d, title ends on %d: want one blank line", al, lastTitle)
	}
	if b := bodyLines(out)[2]; func() int { i, _ := gridIndex(b.y, 16); return i }() != al+1 {
		t.Errorf("body does not start on the line after 主送")
	}
}

func boxW(t *Text, k int) float64 {
	r := []rune(t.Text)[k]
	if wide(r) {
		return t.Size
	}
	return t.Size / 2
}

// 签发人: 发文字号 one character in from the left, names one character in
// from the right, on one line.
func TestSigners(t *testing.T) {
	d := head()
	d.Head.Signers = []string{"张三"}
	out := mustLayout(t, d)
	for _, l := range bodyLines(out)[:1] {
		if !strings.HasPrefix(l.String(), d.Head.DocNumber) || !strings.HasSuffix(l.String(), "签发人：张三") {
			t.Fatalf("line %q", l)
		}
		if math.Abs(l.xs[0]-(typeLeft+charPitch)) > tol {
			t.Errorf("发文字号 at %.2f mm, want one character in", (l.xs[0]-typeLeft)/mm)
		}
		n := len(l.runes) - 1
		if math.Abs(l.boxRight(n)-(typeRight-charPitch)) > tol {
			t.Errorf("names end %.2f mm from the right, want one character", (typeRight-l.boxRight(n))/mm)
		}
		if l.faces[n] != doc.FaceKai {
			t.Errorf("names in %s", l.faces[n])
		}
	}
}

// Several 签发人: one a line, the label before the first, the 发文字号 on
// the line of the last, the rule 4 mm below that line.
func TestSeveralSigners(t *testing.T) {
	d := head()
	d.Head.Signers = []string{"张三", "李四四", "王五"}
	out := mustLayout(t, d)
	ls := bodyLines(out)
	if !strings.HasSuffix(ls[0].String(), "签发人：张三") || ls[1].String() != "李四四" || !strings.HasPrefix(ls[2].String(), d.Head.DocNumber) || !strings.HasSuffix(ls[2].String(), "王五") {
		t.Fatalf("lines %q %q %q", ls[0], ls[1], ls[2])
	}
	i0, _ := gridIndex(ls[0].y, 16)
	i2, _ := gridIndex(ls[2].y, 16)
	if i2 != i0+2 {
		t.Errorf("signers on lines %d..%d", i0, i2)
	}
	// names left-aligned under the first, the longest ending one character in
	x0 := ls[0].xs[len(ls[0].runes)-2]
	if math.Abs(ls[1].xs[0]-x0) > 1e-6 || math.Abs(ls[2].xs[len(ls[2].runes)-2]-x0) > 1e-6 {
		t.Errorf("names not aligned")
	}
	if r := ls[1].boxRight(2); math.Abs(r-(typeRight-charPitch)) > tol {
		t.Errorf("longest name ends %.2f pt from the right", typeRight-r)
	}
	for _, it := range out.Pages[0].Items {
		if r, ok := it.(*Rule); ok && math.Abs(r.Y1-(ls[2].y+0.12*16)-4*mm) > tol {
			t.Errorf("rule %.2f mm below the last 发文字号 line", (r.Y1-ls[2].y)/mm)
		}
	}
}

// Page numbers: 四号宋体 "— n —", the dashes 7 mm below the type area, odd
// pages right-aligned one character (14 pt) in, even pages left-aligned one
// character in.
func TestPageNumbers(t *testing.T) {
	out := mustLayout(t, longBody(30))
	for i, p := range out.Pages {
		var num *Text
		for _, it := range p.Items {
			if x, ok := it.(*Text); ok && x.Face == doc.FaceSong {
				num = x
			}
		}
		if num == nil || p.Number != i+1 || num.Text != doc.PageNumberText(i+1) || num.Size != 14 {
			t.Fatalf("page %d number %v %+v", i+1, p.Number, num)
		}
		dash := num.Y - 0.88*14 + 0.5*14 // the dash on the middle of the em box
		if math.Abs(dash-(typeBottom+7*mm)) > tol {
			t.Errorf("page %d: dashes %.2f mm below the type area", i+1, (dash-typeBottom)/mm)
		}
		if (i+1)%2 == 1 {
			right := num.X[len(num.X)-1] + 14
			if math.Abs(right-(typeRight-14)) > tol {
				t.Errorf("odd page %d number ends %.2f pt from the right edge", i+1, typeRight-right)
			}
		} else if math.Abs(num.X[0]-(typeLeft+14)) > tol {
			t.Errorf("even page %d number starts %.2f pt from the left edge", i+1, num.X[0]-typeLeft)
		}
	}
}

// sealPNG is a small square seal image.
func sealPNG() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 40))
	for y := 0; y < 40; y++ {
		for x := 0; x < 40; x++ {
			if (x-20)*(x-20)+(y-20)*(y-20) < 400 {
				img.Set(x, y, color.NRGBA{255, 0, 0, 200})
			}
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

func signed(d *doc.Document, seal bool) *doc.Document {
	d.Signature = doc.Signature{Issuers: []string{"临沭县人民政府办公室"}, Date: doc.Date{Year: 2021, Month: 9, Day: 22}}
	if seal {
		d.Signature.Seal = &doc.Image{Name: "seal.png", PNG: sealPNG()}
	}
	return d
}

// findLine returns the line with the given text.
func findLine(ls []tline, s string) (tline, bool) {
	for _, l := range ls {
		if l.String() == s {
			return l, true
		}
	}
	return tline{}, false
}

// Sealed signature: date ending four characters in from the right, the name
// centred over it, the seal centred on them, its top within one line of the
// last text line, name and date below its centre.
func TestSealedSignature(t *testing.T) {
	out := mustLayout(t, signed(paras("为进一步推进全县政府网站建设及政务新媒体监管工作，现将有关情况通报如下。"), true))
	ls := bodyLines(out)
	date, ok1 := findLine(ls, "2021年9月22日")
	name, ok2 := findLine(ls, "临沭县人民政府办公室")
	if !ok1 || !ok2 {
		t.Fatalf("lines %v", ls)
	}
	dr := date.boxRight(len(date.runes) - 1)
	if math.Abs(dr-(typeRight-4*charPitch)) > tol {
		t.Errorf("date ends %.2f characters from the right, want 4", (typeRight-dr)/charPitch)
	}
	dc := (date.xs[0] + dr) / 2
	nc := (name.xs[0] + name.boxRight(len(name.runes)-1)) / 2
	if math.Abs(dc-nc) > tol {
		t.Errorf("name centre %.2f, date centre %.2f", nc, dc)
	}
	ni, _ := gridIndex(name.y, 16)
	di, _ := gridIndex(date.y, 16)
	if di != ni+1 {
		t.Errorf("date on line %d, name on %d", di, ni)
	}
	var seal *Image
	for _, it := range out.Pages[0].Items {
		if x, ok := it.(*Image); ok {
			seal = x
		}
	}
	if seal == nil || !seal.Multiply {
		t.Fatal("no multiplying seal")
	}
	if math.Abs(seal.W-42*mm) > 1e-6 || math.Abs(seal.H-42*mm) > 1e-6 {
		t.Errorf("seal %.1f×%.1f mm", seal.W/mm, seal.H/mm)
	}
	if math.Abs(seal.X+seal.W/2-dc) > tol {
		t.Errorf("seal not centred on the date")
	}
	checkSealVertical(t, ls, name, date, seal)
}

// checkSealVertical checks §7.3.5.1: 印章端正、居中下压发文机关署名和成文日期，
// 使发文机关署名和成文日期居印章中心偏下位置 — the name's vertical centre (the
// middle of its em box) at or slightly below the seal's centre (less than
// half a line), the date's further below and still inside the seal; 印章顶端应
// 当上距正文（或附件说明）一行之内 — the seal's top below the last text line's
// characters (the bottom of their em box) by at most one line pitch.
func checkSealVertical(t *testing.T, ls []tline, name, date tline, seal *Image) {
	t.Helper()
	var lastText tline
	for _, l := range ls {
		if l.page == name.page && l.y < name.y-linePitch/2 {
			lastText = l
		}
	}
	if lastText.runes == nil {
		t.Fatal("no text above the signature")
	}
	cy := seal.Y + seal.H/2
	mid := func(l tline) float64 { return l.y - 0.88*16 + 8 }
	if d := mid(name) - cy; d < 0 || d >= linePitch/2 {
		t.Errorf("name's centre %.2f mm below the seal's centre, want slightly below (0 to half a line)", d/mm)
	}
	if d := mid(date) - cy; d <= mid(name)-cy || d+8 > seal.H/2 {
		t.Errorf("date's centre %.2f mm below the seal's centre, want below the name's and inside the seal", d/mm)
	}
	textBottom := lastText.y + 0.12*16
	if gap := seal.Y - textBottom; gap < 0 || gap > linePitch {
		t.Errorf("seal top %.2f mm below the last text line %q, want 0 to one line (%.2f mm)", gap/mm, lastText, linePitch/mm)
	}
}

// Unsealed: the name one blank line below the body, two characters in from
// the right; the date on the next line two characters right of the name's
// start, or two in from the right when longer.
func TestUnsealedSignature(t *testing.T) {
	for _, issuer := range []string{"临沭县人民政府办公室", "县政府办"} {
		d := signed(paras("现将有关情况通报如下。"), false)
		d.Signature.Issuers = []string{issuer}
		d.Remark = "（此件公开发布）"
		ls := bodyLines(mustLayout(t, d))
		name, _ := findLine(ls, issuer)
		date, _ := findLine(ls, "2021年9月22日")
		remark, ok := findLine(ls, d.Remark)
		if !ok {
			t.Fatal("no remark")
		}
		bi, _ := gridIndex(ls[0].y, 16)
		ni, _ := gridIndex(name.y, 16)
		di, _ := gridIndex(date.y, 16)
		ri, _ := gridIndex(remark.y, 16)
		if ni != bi+2 || di != ni+1 || ri != di+1 {
			t.Errorf("lines body %d name %d date %d remark %d", bi, ni, di, ri)
		}
		if math.Abs(remark.xs[0]-(typeLeft+2*charPitch)) > tol {
			t.Errorf("remark not indented two characters")
		}
		nr := name.boxRight(len(name.runes) - 1)
		dr := date.boxRight(len(date.runes) - 1)
		if dr <= nr-1e-6 {
			if math.Abs(nr-(typeRight-2*charPitch)) > tol {
				t.Errorf("%s: name ends %.2f characters in", issuer, (typeRight-nr)/charPitch)
			}
		} else if math.Abs(dr-(typeRight-2*charPitch)) > tol {
			t.Errorf("%s: long date ends %.2f characters in", issuer, (typeRight-dr)/charPitch)
		}
		if math.Abs(date.xs[0]-name.xs[0]-2*charPitch) > tol {
			t.Errorf("%s: date starts %.2f characters right of the name", issuer, (date.xs[0]-name.xs[0])/charPitch)
		}
	}
}

// A body that ends on the last line of a page: the signature may not stand
// alone on the next page; it takes the last lines of text with it.
func TestSignatureNeverAlone(t *testing.T) {
	for _, seal := range []bool{false, true} {
		// 22 lines: 21 of one paragraph (26 + 20·28 + 1 character) ... build
		// it by measure: 26 + 28·20 characters fill 21 lines; one more
		// short paragraph ends on line 22.
		d := paras(strings.Repeat("测", 26+28*20), "结束。")
		out := mustLayout(t, signed(d, seal))
		ls := bodyLines(out)
		date, ok := findLine(ls, "2021年9月22日")
		if !ok {
			t.Fatal("no date")
		}
		others := 0
		for _, l := range ls {
			if l.page == date.page && l.String() != "临沭县人民政府办公室" && l.String() != "2021年9月22日" {
				others++
			}
		}
		if others < 2 {
			t.Errorf("seal %v: the signature's page %d carries %d lines of text, want at least 2", seal, date.page+1, others)
		}
		for _, p := range out.Pages {
			if len(p.Items) == 1 {
				t.Errorf("a page with nothing but its number")
			}
		}
		checkLines(t, ls, nil)
	}
}

// The 版记 goes on an even page: content ending on an odd page gets the 版记
// on the next page, which carries its number (no blank page precedes it);
// content filling an even page gets a blank page and the 版记 page, neither
// numbered.
func TestColophonEvenPage(t *testing.T) {
	col := &doc.Colophon{CC: []string{"县委办公室", "县人大常委会办公室", "县政协办公室"}, PrintedBy: "临沭县人民政府办公室", PrintedOn: doc.Date{Year: 2021, Month: 9, Day: 22}}
	for _, tc := range []struct {
		name            string
		body            *doc.Document
		pages           int
		blank, numbered bool
	}{
		{"odd", longBody(2), 2, false, true},
		{"even, full", paras(strings.Repeat("测", 26+28*42)), 4, true, false},
		{"even, room", longBody(9), 2, false, true},
	} {
		d := tc.body
		d.Colophon = col
		out := mustLayout(t, d)
		n := len(out.Pages)
		if n%2 != 0 {
			t.Errorf("%s: %d pages, the 版记 page must be even", tc.name, n)
		}
		if n != tc.pages {
			t.Errorf("%s: %d pages, want %d", tc.name, n, tc.pages)
		}
		last := out.Pages[n-1]
		if tc.numbered != (last.Number == n) || (!tc.numbered && last.Number != 0) {
			t.Errorf("%s: 版记 page number %d", tc.name, last.Number)
		}
		if tc.blank {
			if out.Pages[n-2].Number != 0 || len(out.Pages[n-2].Items) != 0 {
				t.Errorf("%s: the blank page before the 版记 page is not blank", tc.name)
			}
		}
		checkColophon(t, last, col)
		// With the office practice option, a 版记 page of its own carries
		// no number either.
		out2, err := Layout(d, Options{UnnumberedColophonPage: true})
		if err != nil {
			t.Fatal(err)
		}
		alone := tc.name != "even, room"
		if l := out2.Pages[len(out2.Pages)-1]; alone != (l.Number == 0) {
			t.Errorf("%s, UnnumberedColophonPage: 版记 page number %d", tc.name, l.Number)
		}
	}
}

// checkColophon: lines at 四号 one character in, the 印发 line on the last
// grid line, rules type-area wide, the last one thick on the bottom edge.
func checkColophon(t *testing.T, p Page, c *doc.Colophon) {
	t.Helper()
	var rules []*Rule
	for _, it := range p.Items {
		if r, ok := it.(*Rule); ok {
			rules = append(rules, r)
		}
	}
	if len(rules) < 2 {
		t.Fatalf("%d rules", len(rules))
	}
	for _, r := range rules {
		if math.Abs(r.X1-typeLeft) > 1e-6 || math.Abs(r.X2-typeRight) > 1e-6 {
			t.Errorf("rule not type-area wide")
		}
	}
	first, last := rules[0], rules[len(rules)-1]
	if math.Abs(first.Width-0.35*mm) > 1e-6 || math.Abs(last.Width-0.35*mm) > 1e-6 {
		t.Errorf("first/last rules %.2f/%.2f mm, want 0.35", first.Width/mm, last.Width/mm)
	}
	for _, r := range rules[1 : len(rules)-1] {
		if math.Abs(r.Width-0.25*mm) > 1e-6 {
			t.Errorf("middle rule %.2f mm, want 0.25", r.Width/mm)
		}
	}
	if math.Abs(last.Y1+last.Width/2-typeBottom) > tol {
		t.Errorf("last rule %.2f mm off the bottom edge", (last.Y1-typeBottom)/mm)
	}
	var lines []tline
	for _, l := range textLines(&Document{Pages: []Page{p}}, false) {
		if l.sizes[0] == 14 {
			lines = append(lines, l)
		}
	}
	pr := lines[len(lines)-1]
	if !strings.HasPrefix(pr.String(), c.PrintedBy) || !strings.HasSuffix(pr.String(), c.PrintedText()) {
		t.Fatalf("印发 line %q", pr)
	}
	if i, off := gridIndex(pr.y, 14); i != 21 || off > 1e-6 {
		t.Errorf("印发 line on grid line %d", i)
	}
	if math.Abs(pr.xs[0]-(typeLeft+14)) > tol || math.Abs(pr.boxRight(len(pr.runes)-1)-(typeRight-14)) > tol {
		t.Errorf("印发 line not one character in on both sides")
	}
	cc := lines[0]
	if !strings.HasPrefix(cc.String(), "抄送：") || math.Abs(cc.xs[0]-(typeLeft+14)) > tol {
		t.Errorf("抄送 line %q at %.2f", cc, cc.xs[0]-typeLeft)
	}
}

// Characters no font has are reported, with the place.
func TestMissingGlyph(t *testing.T) {
	d := &doc.Document{Body: []doc.Block{&doc.Paragraph{Level: 1, Section: "二", Number: "二、",
		Runs: []doc.Run{{Text: "二、存在的主要问题", Face: doc.FaceHei}}},
		&doc.Paragraph{Runs: []doc.Run{{Text: "请㐂镇整改。", Face: doc.FaceFangSong}}}}}
	_, err := Layout(d, Options{Has: func(f doc.Face, r rune) bool { return r != '㐂' }})
	if err == nil {
		t.Fatal("no error for a missing glyph")
	}
	for _, want := range []string{"U+3402", "㐂", "请㐂镇整改", "正文第“二”部分", "所有字体（含后备字体）都没有这个字"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "仿宋字体中没有字形") {
		t.Errorf("error %q blames the face alone, though Has answers for every font", err)
	}
}

// A missing character at the start of a line is quoted with ten characters
// of its paragraph on either side, across the line break.
func TestMissingGlyphContext(t *testing.T) {
	// 26 characters fill the first line (indented two), so 㐂 starts the second.
	before := "各镇街各部门要把提高思想认识摆在政府网站和政务新媒体"
	after := "镇的账号整改情况及时报县政府办公室备案"
	if n := []rune(before); len(n) != 26 {
		t.Fatalf("the first line holds %d characters, want 26", len(n))
	}
	d := paras(before + "㐂" + after)
	out, _ := Layout(d, Options{})
	if ls := bodyLines(out); len(ls) < 2 || !strings.HasPrefix(ls[1].String(), "㐂") {
		t.Fatalf("㐂 does not start the second line: %v", ls)
	}
	_, err := Layout(d, Options{Has: func(f doc.Face, r rune) bool { return r != '㐂' }})
	if err == nil {
		t.Fatal("no error for a missing glyph")
	}
	want := string([]rune(before)[16:]) + "㐂" + string([]rune(after)[:10])
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not quote %q", err, want)
	}
}

// The sample's seal, below its 附件说明, stands as §7.3.5.1 asks.
func TestSampleSeal(t *testing.T) {
	d, out := sample(t)
	ls := bodyLines(out)
	name, ok1 := findLine(ls, d.Signature.Issuers[0])
	date, ok2 := findLine(ls, d.Signature.Date.Chinese())
	if !ok1 || !ok2 {
		t.Fatal("the sample's signature lines are missing")
	}
	var seal *Image
	for _, it := range out.Pages[name.page].Items {
		if x, ok := it.(*Image); ok {
			seal = x
		}
	}
	if seal == nil {
		t.Fatal("the sample's seal is missing")
	}
	checkSealVertical(t, ls, name, date, seal)
}
