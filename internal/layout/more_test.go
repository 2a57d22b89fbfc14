package layout

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
)

// 份号 on line 1 flush left, 密级 (黑体) on line 2, 紧急程度 (黑体) on line 3.
func TestCopyClassificationUrgency(t *testing.T) {
	d := head()
	d.Head.CopyNumber, d.Head.Classification, d.Head.Urgency = "000001", "秘密★1年", "特急"
	ls := bodyLines(mustLayout(t, d))
	for i, want := range []struct {
		text string
		face doc.Face
	}{{"000001", doc.FaceFangSong}, {"秘密★1年", doc.FaceHei}, {"特急", doc.FaceHei}} {
		l := ls[i]
		gi, off := gridIndex(l.y, 16)
		if l.String() != want.text || gi != i || off > 1e-6 || l.faces[0] != want.face || math.Abs(l.xs[0]-typeLeft) > 1e-6 {
			t.Errorf("line %d: %q on grid line %d in %s at %.2f", i+1, l, gi, l.faces[0], l.xs[0]-typeLeft)
		}
	}
}

// A masthead too long for the type area at 小初 is shrunk to fit it; joint
// issuers are stacked with 文件 to their right, centred vertically, the
// block's top 35 mm below the type area.
func TestMastheadFit(t *testing.T) {
	d := head()
	d.Head.Masthead = &doc.Masthead{Issuers: []string{"临沭县人民政府办公室政务公开办公室"}, Suffix: "文件"}
	out := mustLayout(t, d)
	m := firstText(out.Pages[0], doc.FaceXiaoBiaoSong, 0)
	for _, it := range out.Pages[0].Items {
		if x, ok := it.(*Text); ok && x.Color == Red {
			m = x
			break
		}
	}
	right := m.X[len(m.X)-1] + m.Size
	if m.X[0] < typeLeft-1e-6 || right > typeRight+1e-6 || m.Size >= 36 {
		t.Errorf("long masthead at %.1f pt spans %.2f–%.2f", m.Size, m.X[0], right)
	}
	if top := m.Y - 0.88*m.Size; math.Abs(top-(typeTop+35*mm)) > tol {
		t.Errorf("shrunk masthead top at %.2f mm", (top-typeTop)/mm)
	}

	d.Head.Masthead = &doc.Masthead{Issuers: []string{"临沭县人民政府办公室", "临沭县大数据中心"}, Suffix: "文件"}
	out = mustLayout(t, d)
	var red []*Text
	for _, it := range out.Pages[0].Items {
		if x, ok := it.(*Text); ok && x.Color == Red {
			red = append(red, x)
		}
	}
	if len(red) != 3 || red[2].Text != "文件" {
		t.Fatalf("joint masthead %d items", len(red))
	}
	a, b, s := red[0], red[1], red[2]
	if top := a.Y - 0.88*a.Size; math.Abs(top-(typeTop+35*mm)) > tol {
		t.Errorf("joint masthead top at %.2f mm", (top-typeTop)/mm)
	}
	// names spread to one width, 文件 to their right, centred between them
	ar, br := a.X[len(a.X)-1]+a.Size, b.X[len(b.X)-1]+b.Size
	if math.Abs(a.X[0]-b.X[0]) > 0.01 || math.Abs(ar-br) > 0.01 || s.X[0] <= ar {
		t.Errorf("names not aligned or 文件 not to their right")
	}
	if mid := (a.Y + b.Y) / 2; math.Abs(s.Y-mid) > 0.01 {
		t.Errorf("文件 baseline %.2f, names' middle %.2f", s.Y, mid)
	}
	if left, right := a.X[0]-typeLeft, typeRight-(s.X[len(s.X)-1]+s.Size); math.Abs(left-right) > 0.01 || left < -1e-6 {
		t.Errorf("joint masthead not centred: %.2f | %.2f", left, right)
	}
}

// Several attachments: "附件：1. 名称", the next names aligned under the
// first name; an attachment page has its label (黑体) flush left on line 1
// and its title (二号小标宋) centred on line 3, and continues the numbering.
func TestAttachments(t *testing.T) {
	d := paras("现将有关情况通报如下。")
	d.AttachmentNote = []doc.AttachmentRef{{Number: 1, Name: "政府网站检查情况统计表"}, {Number: 2, Name: "政务新媒体检查情况统计表（含账号名称、平台、更新情况和原创情况等内容的明细表）"}}
	for _, a := range d.AttachmentNote {
		d.Attachments = append(d.Attachments, doc.Attachment{Number: a.Number, Title: a.Name, Blocks: paras("见表。").Body})
	}
	out := mustLayout(t, d)
	ls := bodyLines(out)
	first, second := ls[1], ls[2]
	if !strings.HasPrefix(first.String(), "附件：1. ") || math.Abs(first.xs[0]-(typeLeft+2*charPitch)) > 1e-6 {
		t.Fatalf("first note line %q at %.2f", first, first.xs[0])
	}
	bi, _ := gridIndex(ls[0].y, 16)
	if ni, _ := gridIndex(first.y, 16); ni != bi+2 {
		t.Errorf("附件说明 on line %d, body ends on %d: want one blank line", ni, bi)
	}
	if !strings.HasPrefix(second.String(), "2. ") || math.Abs(second.xs[0]-first.xs[3]) > 1e-6 {
		t.Errorf("second note line %q at %.2f, want under %.2f", second, second.xs[0], first.xs[3])
	}
	// its wrapped line continues under the name
	third := ls[3]
	if want := second.xs[0] + 1.5*charPitch; math.Abs(third.xs[0]-want) > 1e-6 { // after "2. "
		t.Errorf("wrapped name line %q at %.2f, want %.2f", third, third.xs[0], want)
	}
	checkLines(t, ls[1:4], func(i int) bool { return i != 1 })
	for k, label := range []string{"附件1", "附件2"} {
		pi := -1
		for _, l := range ls {
			if l.String() == label {
				pi = l.page
				if gi, _ := gridIndex(l.y, 16); gi != 0 || l.faces[0] != doc.FaceHei || math.Abs(l.xs[0]-typeLeft) > 1e-6 {
					t.Errorf("%s on line %d in %s", label, gi+1, l.faces[0])
				}
			}
		}
		if pi != k+1 {
			t.Fatalf("%s on page %d", label, pi+1)
		}
		if out.Pages[pi].Number != pi+1 {
			t.Errorf("attachment page numbered %d", out.Pages[pi].Number)
		}
		var title *Text
		for _, it := range out.Pages[pi].Items {
			if x, ok := it.(*Text); ok && x.Size == 22 {
				title = x
				break
			}
		}
		if gi, off := gridIndex(title.Y, 22); gi != 2 || off > 1e-6 || title.Face != doc.FaceXiaoBiaoSong {
			t.Errorf("attachment title on line %d", gi+1)
		}
	}
	var bms []string
	for _, b := range out.Bookmarks {
		bms = append(bms, b.Title)
	}
	if len(out.Bookmarks) != 2 || out.Bookmarks[1].Page != 2 {
		t.Errorf("bookmarks %q", bms)
	}
}

// Level-1 and level-2 headings are bookmarked at their line.
func TestBookmarks(t *testing.T) {
	d := &doc.Document{Body: []doc.Block{
		&doc.Paragraph{Level: 1, Number: "一、", Heading: "工作开展情况", Runs: []doc.Run{{Text: "一、工作开展情况", Face: doc.FaceHei}}},
		&doc.Paragraph{Level: 2, Number: "（一）", Heading: "切实提高认识。", RunIn: true, Runs: []doc.Run{{Text: "（一）切实提高认识。", Face: doc.FaceKai}, {Text: "各镇街要提高认识。", Face: doc.FaceFangSong}}},
		&doc.Paragraph{Level: 3, Number: "1.", Heading: "细则", Runs: []doc.Run{{Text: "1.细则", Face: doc.FaceFangSong}}},
	}}
	out := mustLayout(t, d)
	if len(out.Bookmarks) != 2 {
		t.Fatalf("bookmarks %+v", out.Bookmarks)
	}
	for i, want := range []string{"一、工作开展情况", "（一）切实提高认识。"} {
		b := out.Bookmarks[i]
		if b.Title != want || b.Level != i+1 || b.Page != 0 || math.Abs(b.Y-(typeTop+float64(i)*linePitch)) > 1e-6 {
			t.Errorf("bookmark %+v", b)
		}
	}
}

// A heading on a line of its own is not left on the last line of a page.
func TestHeadingKeptWithText(t *testing.T) {
	d := paras(strings.Repeat("测", 26+28*20)) // 21 lines
	d.Body = append(d.Body, &doc.Paragraph{Level: 1, Number: "二、", Heading: "存在的问题", Runs: []doc.Run{{Text: "二、存在的问题", Face: doc.FaceHei}}})
	d.Body = append(d.Body, paras("正文。").Body...)
	for _, l := range bodyLines(mustLayout(t, d)) {
		if l.String() == "二、存在的问题" && l.page != 1 {
			t.Errorf("heading left at the foot of page %d", l.page+1)
		}
	}
}

// The same document gives the same layout.
func TestDeterministic(t *testing.T) {
	_, a := sample(t)
	_, b := sample(t)
	if !reflect.DeepEqual(a, b) {
		t.Error("two layouts of the sample differ")
	}
}

func BenchmarkLayoutSample(b *testing.B) {
	t := &testing.T{}
	d, _ := sample(t)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Layout(d, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// A signature that does not fit below the text on the standard grid is kept
// with it by a modest tightening of the page's line pitch (§7.3.5.1 调整行
// 距), at most to 23 lines in the type area's 225 mm, before any line of text
// moves: sealed after 18 lines of text (its seal would run below the type
// area) and unsealed after 20 (its date would need a 23rd line). A body
// that ends on the last line of a page cannot be kept so: two lines go with
// the signature and both pages keep the standard pitch.
func TestSignatureTightensPitch(t *testing.T) {
	for _, c := range []struct {
		seal        bool
		lines       int // of text, on one page
		tight       bool
		name, date  int // their lines (1-based) below the text's last
		signedLines int
	}{
		{true, 18, true, 3, 4, 18},
		{false, 20, true, 2, 3, 20},
		{true, 17, false, 3, 4, 17},  // fits on the standard grid
		{false, 19, false, 2, 3, 19}, // fits on the standard grid
		{true, 22, false, 3, 4, 2},   // the last line: two lines go
		{false, 22, false, 2, 3, 2},
	} {
		d := paras(strings.Repeat("测", 26+28*(c.lines-1)))
		out := mustLayout(t, signed(d, c.seal))
		ls := bodyLines(out)
		date, ok1 := findLine(ls, "2021年9月22日")
		name, ok2 := findLine(ls, "临沭县人民政府办公室")
		if !ok1 || !ok2 {
			t.Fatalf("%+v: no signature", c)
		}
		var text []tline
		for _, l := range ls {
			if l.page == name.page && l.y < name.y {
				text = append(text, l)
			}
		}
		if len(text) != c.signedLines {
			t.Errorf("%+v: %d lines of text with the signature on page %d, want %d", c, len(text), name.page+1, c.signedLines)
			continue
		}
		// the pitch of the page's lines, measured between baselines
		pitch := linePitch
		if len(text) > 1 {
			pitch = (text[len(text)-1].y - text[0].y) / float64(len(text)-1)
		}
		want := linePitch
		if c.tight {
			want = typeHeight / 23
		}
		if math.Abs(pitch-want) > 0.01 {
			t.Errorf("%+v: lines %.3f mm apart, want %.3f mm", c, pitch/mm, want/mm)
		}
		last := text[len(text)-1]
		if n := math.Round((name.y - last.y) / pitch); int(n) != c.name {
			t.Errorf("%+v: name %v lines below the text, want %d", c, n, c.name)
		}
		if n := math.Round((date.y - last.y) / pitch); int(n) != c.date {
			t.Errorf("%+v: date %v lines below the text, want %d", c, n, c.date)
		}
		// every line, the signature's too, stands in its band of the grid
		// (em box centred) inside the type area
		for _, l := range append(text, name, date) {
			f := (l.y - 0.88*16 + 8 - typeTop) / pitch
			if d := math.Abs(f - math.Floor(f) - 0.5); d > 0.01 {
				t.Errorf("%+v: %q off its band by %.2f of a line", c, l, d)
			}
			if l.y+0.12*16 > typeBottom+1e-6 {
				t.Errorf("%+v: %q below the type area", c, l)
			}
		}
		if c.seal {
			var seal *Image
			for _, it := range out.Pages[name.page].Items {
				if im, ok := it.(*Image); ok {
					seal = im
				}
			}
			if seal == nil || seal.Y+seal.H > typeBottom+1e-6 {
				t.Fatalf("%+v: no seal, or it runs below the type area", c)
			}
			checkSealVertical(t, ls, name, date, seal)
		}
		// the pages before keep the standard grid
		for _, l := range ls {
			if l.page < name.page {
				if _, off := gridIndex(l.y, 16); off > 0.01 {
					t.Errorf("%+v: page %d line %q off the standard grid", c, l.page+1, l)
				}
			}
		}
	}
}

// A row taller than a page is split between its lines, the header repeated
// above each part, and says all of its text.
func TestRowTallerThanPage(t *testing.T) {
	tb := statTable(2)
	long := strings.Repeat("政务新媒体更新不及时", 120)
	tb.Rows = append(tb.Rows, row("3", long, "微信公众号", "不合格"))
	d := &doc.Document{Body: []doc.Block{tb}}
	out := mustLayout(t, d)
	checkInside(t, out)
	var got strings.Builder
	pages := 0
	for pi := range out.Pages {
		heads := 0
		for _, x := range tableTexts(out, 14)[pi] {
			if strings.Contains(long, x.Text) {
				got.WriteString(x.Text)
			}
			if x.Text == "检查结果" {
				heads++
			}
		}
		if heads == 1 {
			pages++
		}
	}
	if got.String() != long {
		t.Errorf("the tall row's text is not all there (%d of %d runes)", len([]rune(got.String())), len([]rune(long)))
	}
	if pages < 2 {
		t.Errorf("header on %d pages", pages)
	}
}

// A long 抄送 wraps with its following lines aligned after "抄送：", the
// 印发 line stays on the last line and the 抄送 lines above it.
func TestColophonWrappedCC(t *testing.T) {
	d := longBody(2)
	d.Colophon = &doc.Colophon{CC: []string{"县委办公室", "县人大常委会办公室", "县政协办公室", "县纪委监委", "县法院", "县检察院", "各镇街党（工）委", "县直各部门单位", "县人武部"},
		PrintedBy: "临沭县人民政府办公室", PrintedOn: doc.Date{Year: 2021, Month: 9, Day: 22}}
	out := mustLayout(t, d)
	p := out.Pages[len(out.Pages)-1]
	checkColophon(t, p, d.Colophon)
	var cc []tline
	for _, l := range textLines(&Document{Pages: []Page{p}}, false) {
		if l.sizes[0] == 14 {
			cc = append(cc, l)
		}
	}
	cc = cc[:len(cc)-1]
	if len(cc) < 2 {
		t.Fatalf("抄送 on %d lines", len(cc))
	}
	var all string
	for i, l := range cc {
		all += l.String()
		want := typeLeft + 14
		if i > 0 {
			want += 3 * 14
		}
		if math.Abs(l.xs[0]-want) > 1e-6 {
			t.Errorf("抄送 line %d at %.2f, want %.2f", i+1, l.xs[0], want)
		}
		if gi, _ := gridIndex(l.y, 14); gi != 21-len(cc)+i {
			t.Errorf("抄送 line %d on grid line %d", i+1, gi+1)
		}
		if r := l.inkRight(len(l.runes)-1, typeRight-14); r > typeRight-14+1e-6 {
			t.Errorf("抄送 line %d ends %.2f pt beyond one character in", i+1, r-(typeRight-14))
		}
	}
	if all != d.Colophon.CCText() {
		t.Errorf("抄送 %q", all)
	}
	var thin int
	for _, it := range p.Items {
		if r, ok := it.(*Rule); ok && math.Abs(r.Width-0.25*mm) < 1e-6 {
			thin++
			if gi := (r.Y1 - typeTop) / linePitch; math.Abs(gi-21) > 1e-6 {
				t.Errorf("thin rule not between 抄送 and 印发")
			}
		}
	}
	if thin != 1 {
		t.Errorf("%d thin rules", thin)
	}
}

// With a 附件说明 between the text and a signature that does not fit, the
// 附件说明 goes to the next page with the signature and at least two lines
// of the body's text.
func TestSignatureNeverAloneWithNote(t *testing.T) {
	d := paras(strings.Repeat("测", 26+28*15)) // 17 lines
	d.AttachmentNote = []doc.AttachmentRef{{Number: 1, Name: "统计表"}, {Number: 2, Name: "清单"}}
	out := mustLayout(t, signed(d, false))
	ls := bodyLines(out)
	date, _ := findLine(ls, "2021年9月22日")
	note, _ := findLine(ls, "附件：1. 统计表")
	if note.page != date.page {
		t.Fatalf("附件说明 on page %d, date on %d", note.page+1, date.page+1)
	}
	body := 0
	for _, l := range ls {
		if l.page == date.page && strings.HasPrefix(l.String(), "测") {
			body++
		}
	}
	if body < 2 {
		t.Errorf("the signature's page carries %d lines of the body, want 2", body)
	}
}

// A body that ends with a table at the foot of a page: the table's last
// rows go to the next page under its header, with the signature.
func TestSignatureAfterTable(t *testing.T) {
	d := paras("现将检查情况统计如下：")
	d.Body = append(d.Body, statTable(24))
	out := mustLayout(t, signed(d, false))
	ls := bodyLines(out)
	date, _ := findLine(ls, "2021年9月22日")
	if date.page == 0 {
		t.Fatal("the table left room for the signature on its first page: the setup no longer pushes rows and signature to a next page, so the test tests nothing — lengthen the table")
	}
	rows, header := 0, false
	for _, x := range tableTexts(out, 14)[date.page] {
		if strings.HasPrefix(x.Text, "第") {
			rows++
		}
		header = header || x.Text == "检查结果"
	}
	if rows == 0 || !header {
		t.Errorf("the signature's page %d carries %d rows of the table (header %v)", date.page+1, rows, header)
	}
	seen := map[string]int{}
	for _, ts := range tableTexts(out, 14) {
		for _, x := range ts {
			seen[x.Text]++
		}
	}
	for i := 1; i <= 24; i++ {
		if n := seen[fmt.Sprintf("第%d单位", i)]; n != 1 {
			t.Errorf("row %d set %d times", i, n)
		}
	}
	checkInside(t, out)
}

// A heading followed by a table that must go to the next page goes with it.
func TestHeadingKeptWithTable(t *testing.T) {
	d := paras(strings.Repeat("测", 26+28*18)) // 19 lines
	d.Body = append(d.Body, &doc.Paragraph{Level: 1, Number: "三、", Heading: "统计情况", Runs: []doc.Run{{Text: "三、统计情况", Face: doc.FaceHei}}})
	d.Body = append(d.Body, statTable(5))
	out := mustLayout(t, d)
	h, _ := findLine(bodyLines(out), "三、统计情况")
	for pi, ts := range tableTexts(out, 14) {
		for _, x := range ts {
			if x.Text == "序号" && pi != h.page {
				t.Errorf("heading on page %d, its table's header on page %d", h.page+1, pi+1)
			}
		}
	}
}
