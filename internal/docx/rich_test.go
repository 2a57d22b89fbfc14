package docx_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/docx"
	g "github.com/gongwen/gongwen/internal/gbt9704"
	"github.com/gongwen/gongwen/internal/seedtest"
	"github.com/gongwen/gongwen/internal/tooltest"
)

// richOut, when set, is where TestRich writes its DOCX for a person to open.
var richOut = flag.String("docx.rich", "", "write the test notice with every element to this file")

// rich is a notice with every element the sample lacks: 份号, 密级, 紧急程度,
// a joint masthead (two issuers) with 文件, 签发人, explicit title lines, all four heading
// levels, a landscape table, several attachments, an unsealed joint
// signature, 附注 and a 抄送 line long enough to wrap.
func rich() *doc.Document {
	p := func(text string) *doc.Paragraph {
		return &doc.Paragraph{Runs: []doc.Run{{Text: text, Face: doc.FaceFangSong}}}
	}
	h := func(level int, num, title string, face doc.Face) *doc.Paragraph {
		return &doc.Paragraph{Level: level, Number: num, Heading: title, Runs: []doc.Run{{Text: num + title, Face: face}}}
	}
	table := &doc.Table{
		Caption: "各单位检查结果汇总表", Subcaption: "（检查时间：2021年9月14日）", UnitLine: "单位：个",
		Columns: []doc.Column{{Width: 1}, {Width: 3}, {}, {Width: 2}},
		Header: [][]doc.Cell{
			{{Text: "序号", RowSpan: 2}, {Text: "单位", RowSpan: 2}, {Text: "检查结果", ColSpan: 2}, {Covered: true}},
			{{Covered: true}, {Covered: true}, {Text: "合格"}, {Text: "不合格"}},
		},
		Rows: [][]doc.Cell{
			{{Text: "1"}, {Text: "临沭街道"}, {Text: "3"}, {Text: "0"}},
			{{Text: "2"}, {Text: "郑山街道", Align: doc.AlignLeft}, {Text: "2"}, {Text: "1"}},
		},
		Landscape: true,
		Notes:     []string{"注：不合格指栏目长期不更新。"},
	}
	return &doc.Document{
		Meta: doc.Meta{Title: "关于政府网站检查情况的通报", Author: "临沭县人民政府办公室", Date: doc.Date{Year: 2021, Month: 9, Day: 22}},
		Head: doc.Head{
			CopyNumber: "000001", Classification: "秘密★1年", Urgency: "特急",
			Masthead:  &doc.Masthead{Issuers: []string{"临沭县人民政府办公室", "临沭县大数据中心"}, Suffix: "文件"},
			DocNumber: "沭政办发〔2021〕5号", Signers: []string{"张三", "李四"},
		},
		Title:      []string{"关于政府网站检查情况的", "通报"},
		Addressees: "各镇人民政府、街道办事处：",
		Body: []doc.Block{
			p("现将有关情况通报如下："),
			h(1, "一、", "总体情况", doc.FaceHei),
			&doc.Paragraph{Level: 2, Number: "（一）", RunIn: true, Runs: []doc.Run{{Text: "（一）提高认识。", Face: doc.FaceKai}, {Text: "各单位要高度重视。", Face: doc.FaceFangSong}}},
			h(3, "1.", "网站", doc.FaceFangSong),
			h(4, "（1）", "栏目更新", doc.FaceFangSong),
			table,
			p("以上情况请各单位认真对照整改。"),
		},
		AttachmentNote: []doc.AttachmentRef{{Number: 1, Name: "检查情况统计表"}, {Number: 2, Name: "整改要求和整改期限一览表，整改要求和整改期限一览表"}},
		Signature:      doc.Signature{Issuers: []string{"临沭县人民政府办公室", "临沭县大数据中心"}, Date: doc.Date{Year: 2021, Month: 9, Day: 22}},
		Remark:         "（此件公开发布）",
		Attachments: []doc.Attachment{
			{Number: 1, Title: "检查情况统计表", Blocks: []doc.Block{p("略。")}},
			{Number: 2, Title: "整改要求和整改期限一览表，整改要求和整改期限一览表", Blocks: []doc.Block{p("各单位在10日内完成整改。")}},
		},
		Colophon: &doc.Colophon{
			CC:        []string{"县委办公室", "县人大常委会办公室", "县政协办公室", "县纪委监委", "县法院", "县检察院", "县人武部"},
			PrintedBy: "临沭县人民政府办公室", PrintedOn: doc.Date{Year: 2021, Month: 9, Day: 22},
		},
	}
}

// TestRich: a notice with every element writes a consistent package whose
// paragraphs say the model's words in order; the landscape table has its
// own landscape section between portrait ones.
func richParts(t *testing.T) map[string][]byte {
	t.Helper()
	b, err := docx.Render(rich(), docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	parts, err := unzip(b)
	if err != nil {
		t.Fatal(err)
	}
	return parts
}

func TestRich(t *testing.T) {
	d := rich()
	b, err := docx.Render(d, docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	parts, err := unzip(b)
	if err != nil {
		t.Fatal(err)
	}
	checkPackage(t, parts)
	body := string(parts["word/document.xml"])
	got, want := paragraphs(body), expected(d)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("text differs from the model:\n got %q\nwant %q", got, want)
	}
	orients := regexp.MustCompile(`<w:pgSz w:w="(\d+)" w:h="(\d+)"(?: w:orient="(\w+)")?/>`).FindAllStringSubmatch(body, -1)
	var seq []string
	for _, o := range orients {
		seq = append(seq, o[3])
		if (o[3] == "landscape") != (o[1] > o[2]) {
			t.Errorf("pgSz %s×%s with orient %q", o[1], o[2], o[3])
		}
	}
	if strings.Join(seq, ",") != ",landscape," {
		t.Errorf("sections %q, want portrait, landscape, portrait", seq)
	}
	for _, a := range d.Attachments {
		for _, p := range paraRE.FindAllString(body, -1) {
			if strings.Join(wText(p), "") == a.Label() && !strings.Contains(p, "<w:pageBreakBefore/>") {
				t.Errorf("%s does not start a page", a.Label())
			}
		}
	}
	if strings.Contains(body, "<w:drawing>") {
		t.Error("an unsealed notice has a picture")
	}

	// LibreOffice: converts it, says every paragraph in order, sets the
	// table on a landscape page.
	tooltest.Need(t, "soffice", "libreoffice-writer-nogui")
	tooltest.Need(t, "pdftotext", "poppler-utils")
	tooltest.Need(t, "pdfinfo", "poppler-utils")
	in := filepath.Join(tmp, "rich.docx")
	if *richOut != "" {
		if err := os.WriteFile(*richOut, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	pdfPath, err := soffice("lo-profile-rich", "pdf", tmp, in)
	if err != nil {
		t.Fatal(err)
	}
	text := seedtest.Normalize(withoutPageNumbers(run(t, "pdftotext", "-raw", pdfPath, "-")))
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], seedtest.Normalize(w))
		if i < 0 {
			t.Errorf("LibreOffice's PDF lacks %q (in order)", w)
			continue
		}
		at += i + len(seedtest.Normalize(w))
	}
	info := run(t, "pdfinfo", "-f", "1", "-l", "99", pdfPath)
	sizes := regexp.MustCompile(`Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)`).FindAllStringSubmatch(info, -1)
	landscape := 0
	for i, s := range sizes {
		if s[1] <= s[2] {
			continue
		}
		landscape++
		// Its page number stands where it stands on the portrait pages,
		// turned with the sheet: the dashes PageNumberBelow under the
		// portrait type area, i.e. that far inside the landscape page's
		// left margin.
		page := strconv.Itoa(i + 1)
		axis := g.MarginBottom - g.PageNumberBelow
		found := false
		for _, l := range bboxLines(t, pdfPath) {
			if l.page == i+1 && strings.Contains(l.text, page) && l.xMin > axis-g.PageNumberSize && l.xMax < axis+g.PageNumberSize {
				found = true
			}
		}
		if !found {
			t.Errorf("landscape page %s: no page number %.0f mm from the left edge", page, axis/g.MM)
		}
	}
	if landscape != 1 {
		t.Errorf("%d landscape pages in LibreOffice's PDF, want 1:\n%s", landscape, info)
	}
}

// TestSparse: notices with few elements (no 版头, no title, no signature,
// body only; a masthead without 发文字号) still make a consistent package
// saying exactly the model's words.
func TestSparse(t *testing.T) {
	for name, d := range map[string]*doc.Document{
		"empty":     {},
		"body only": {Body: []doc.Block{&doc.Paragraph{Runs: []doc.Run{{Text: "正文。", Face: doc.FaceFangSong}}}}},
		"masthead, no number": {
			Head:  doc.Head{Masthead: &doc.Masthead{Issuers: []string{"临沭县人民政府办公室"}}},
			Title: []string{"关于某事的通知"},
			Signature: doc.Signature{Date: doc.Date{Year: 2021, Month: 1, Day: 5},
				Seal: &doc.Image{Name: "seal.png", PNG: getSample(t).d.Signature.Seal.PNG}},
			Colophon: &doc.Colophon{PrintedBy: "临沭县人民政府办公室", PrintedOn: doc.Date{Year: 2021, Month: 1, Day: 5}},
		},
	} {
		b, err := docx.Render(d, docx.Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		parts, err := unzip(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkPackage(t, parts)
		got, want := paragraphs(string(parts["word/document.xml"])), expected(d)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: text %q, want %q", name, got, want)
		}
	}
}

// TestBadSeal: a seal that is no PNG is named in the error, not written.
func TestBadSeal(t *testing.T) {
	d := *getSample(t).d
	d.Signature.Seal = &doc.Image{Name: "印章.png", PNG: []byte("not a png")}
	if _, err := docx.Render(&d, docx.Options{}); err == nil || !strings.Contains(err.Error(), "印章.png") {
		t.Errorf("bad seal: %v", err)
	}
}
