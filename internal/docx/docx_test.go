package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"maps"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/docx"
	g "github.com/gongwen/gongwen/internal/gbt9704"
	"github.com/gongwen/gongwen/internal/pipeline"
)

// out, when set, is where TestText also writes the sample's DOCX, for a
// person to open in Word or WPS: go test ./internal/docx -run TestText -args -docx.out=/tmp/sample.docx
var out = flag.String("docx.out", "", "write the sample's DOCX to this file")

// sample is the sample notice, composed and rendered once per test binary.
var sample = sync.OnceValues(func() (*sampleDoc, error) {
	d, _, err := pipeline.Document("../../samples/linshu-2021-q3.toml")
	if err != nil {
		return nil, err
	}
	b, err := docx.Render(d, docx.Options{})
	if err != nil {
		return nil, err
	}
	parts, err := unzip(b)
	if err != nil {
		return nil, err
	}
	return &sampleDoc{d: d, docx: b, parts: parts}, nil
})

type sampleDoc struct {
	d     *doc.Document
	docx  []byte
	parts map[string][]byte
	names []string
}

func getSample(t *testing.T) *sampleDoc {
	t.Helper()
	s, err := sample()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func unzip(b []byte) (map[string][]byte, error) {
	r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if _, dup := out[f.Name]; dup {
			return nil, errors.New("duplicate part " + f.Name)
		}
		out[f.Name] = data
	}
	return out, nil
}

// TestPackage: every part is well-formed XML (or a PNG), the content types
// name every part, and every relationship points at a part that exists.
func TestPackage(t *testing.T) {
	s := getSample(t)
	checkPackage(t, s.parts)
	if string(s.parts["word/media/seal.png"]) != string(s.d.Signature.Seal.PNG) {
		t.Error("word/media/seal.png is not the notice's seal")
	}
}

func checkPackage(t *testing.T, parts map[string][]byte) {
	t.Helper()
	s := struct{ parts map[string][]byte }{parts}
	var ct struct {
		Default []struct {
			Ext  string `xml:"Extension,attr"`
			Type string `xml:"ContentType,attr"`
		} `xml:"Default"`
		Override []struct {
			Part string `xml:"PartName,attr"`
			Type string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(s.parts["[Content_Types].xml"], &ct); err != nil {
		t.Fatalf("[Content_Types].xml: %v", err)
	}
	for name, data := range s.parts {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			dec := xml.NewDecoder(bytes.NewReader(data))
			for {
				_, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Errorf("%s is not well-formed XML: %v", name, err)
					break
				}
			}
		}
		if name == "[Content_Types].xml" {
			continue
		}
		covered := false
		for _, o := range ct.Override {
			covered = covered || o.Part == "/"+name
		}
		for _, d := range ct.Default {
			covered = covered || strings.EqualFold(path.Ext(name), "."+d.Ext)
		}
		if !covered {
			t.Errorf("part %s has no content type", name)
		}
	}
	for _, o := range ct.Override {
		if _, ok := s.parts[strings.TrimPrefix(o.Part, "/")]; !ok {
			t.Errorf("content type override for missing part %s", o.Part)
		}
	}
	rels := 0
	for name, data := range s.parts {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		var r struct {
			Rel []struct {
				ID     string `xml:"Id,attr"`
				Target string `xml:"Target,attr"`
				Mode   string `xml:"TargetMode,attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal(data, &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// _rels/.rels → the package root; word/_rels/x.rels → word/.
		base := path.Dir(path.Dir(name))
		for _, rel := range r.Rel {
			if rel.Mode == "External" {
				continue
			}
			target := path.Join(base, rel.Target)
			if strings.HasPrefix(rel.Target, "/") {
				target = strings.TrimPrefix(rel.Target, "/")
			}
			if _, ok := s.parts[target]; !ok {
				t.Errorf("%s: relationship %s points at missing %s", name, rel.ID, target)
			}
			rels++
		}
	}
	if rels == 0 {
		t.Error("no relationships found")
	}
	// Every r:id and r:embed the document uses is a relationship of it.
	ids := regexp.MustCompile(`r:(?:id|embed)="([^"]+)"`).FindAllStringSubmatch(string(s.parts["word/document.xml"]), -1)
	for _, m := range ids {
		if !strings.Contains(string(s.parts["word/_rels/document.xml.rels"]), `Id="`+m[1]+`"`) {
			t.Errorf("document.xml uses relationship %s that word/_rels/document.xml.rels lacks", m[1])
		}
	}
}

// sectPr is the page setup of a section.
type sectPr struct {
	Refs []struct {
		Type string `xml:"type,attr"`
		ID   string `xml:"id,attr"`
	} `xml:"footerReference"`
	PgSz struct {
		W      int    `xml:"w,attr"`
		H      int    `xml:"h,attr"`
		Orient string `xml:"orient,attr"`
	} `xml:"pgSz"`
	PgMar struct {
		Top    int `xml:"top,attr"`
		Right  int `xml:"right,attr"`
		Bottom int `xml:"bottom,attr"`
		Left   int `xml:"left,attr"`
		Footer int `xml:"footer,attr"`
	} `xml:"pgMar"`
	Grid struct {
		Type      string `xml:"type,attr"`
		LinePitch int    `xml:"linePitch,attr"`
		CharSpace int    `xml:"charSpace,attr"`
	} `xml:"docGrid"`
}

func finalSect(t *testing.T, document []byte) sectPr {
	t.Helper()
	s := string(document)
	i := strings.LastIndex(s, "<w:sectPr")
	j := strings.LastIndex(s, "</w:sectPr>")
	if i < 0 || j < i {
		t.Fatal("document.xml has no final sectPr")
	}
	var sp sectPr
	if err := xml.Unmarshal([]byte(s[i:j+len("</w:sectPr>")]), &sp); err != nil {
		t.Fatal(err)
	}
	return sp
}

func near(a, b, tol int) bool { return a-b <= tol && b-a <= tol }

// TestPageSetup: A4, the margins of §5.2.2, the footer where the page number
// lies 7 mm below the type area, and a grid of 22 lines × 28 characters.
func TestPageSetup(t *testing.T) {
	s := getSample(t)
	sp := finalSect(t, s.parts["word/document.xml"])
	check := func(what string, got int, want float64) {
		t.Helper()
		if !near(got, g.Twips(want), 1) {
			t.Errorf("%s = %d twips, want %d (%.2f pt)", what, got, g.Twips(want), want)
		}
	}
	check("page width", sp.PgSz.W, g.PageWidth)
	check("page height", sp.PgSz.H, g.PageHeight)
	check("top margin", sp.PgMar.Top, g.MarginTop)
	check("left margin", sp.PgMar.Left, g.MarginLeft)
	check("right margin", sp.PgMar.Right, g.MarginRight)
	check("bottom margin", sp.PgMar.Bottom, g.MarginBottom)
	// The footer's one line is PageNumberSize high; its middle (the dashes)
	// must lie PageNumberBelow under the type area.
	check("footer distance", sp.PgMar.Footer, g.MarginBottom-g.PageNumberBelow-g.PageNumberSize*g.DashAxis)
	if sp.Grid.Type != "linesAndChars" {
		t.Errorf("docGrid type %q, want linesAndChars", sp.Grid.Type)
	}
	if sp.Grid.LinePitch != 579 {
		t.Errorf("linePitch %d, want 579", sp.Grid.LinePitch)
	}
	// 22 lines fit the type area, 23 do not.
	typeH := sp.PgSz.H - sp.PgMar.Top - sp.PgMar.Bottom
	if lines := typeH / sp.Grid.LinePitch; lines != g.LinesPerPage {
		t.Errorf("type area holds %d lines of the grid, want %d", lines, g.LinesPerPage)
	}
	// Word: the character pitch is the default size + charSpace/4096 pt.
	pitch := g.BodySize + float64(sp.Grid.CharSpace)/4096
	typeW := float64(sp.PgSz.W-sp.PgMar.Left-sp.PgMar.Right) / 20
	if n := int(typeW / pitch); n != g.CharsPerLine {
		t.Errorf("charSpace %d gives %d characters a line (pitch %.3f pt), want %d", sp.Grid.CharSpace, n, pitch, g.CharsPerLine)
	}
	if !strings.Contains(string(s.parts["word/settings.xml"]), "<w:evenAndOddHeaders/>") {
		t.Error("settings.xml lacks w:evenAndOddHeaders")
	}
	// The footers: odd right, even left, one 四号 character in, "— N —" in 宋体.
	rels := string(s.parts["word/_rels/document.xml.rels"])
	target := func(id string) string {
		m := regexp.MustCompile(`Id="` + regexp.QuoteMeta(id) + `"[^>]*Target="([^"]+)"`).FindStringSubmatch(rels)
		if m == nil {
			m = regexp.MustCompile(`Target="([^"]+)"[^>]*Id="` + regexp.QuoteMeta(id) + `"`).FindStringSubmatch(rels)
		}
		if m == nil {
			t.Fatalf("no relationship %s", id)
		}
		return "word/" + m[1]
	}
	want := strings.SplitN(doc.PageNumberText(7), "7", 2)
	one := strconv.Itoa(g.Twips(g.PageNumberIndentChars * g.PageNumberSize))
	for _, r := range sp.Refs {
		f := string(s.parts[target(r.ID)])
		text := strings.Join(wText(f), "")
		switch r.Type {
		case "default", "even":
			jc, ind := "right", `w:right="`+one+`"`
			if r.Type == "even" {
				jc, ind = "left", `w:left="`+one+`"`
			}
			if !strings.Contains(f, `<w:jc w:val="`+jc+`"/>`) || !strings.Contains(f, ind) {
				t.Errorf("%s footer: want %s-aligned, %s", r.Type, jc, ind)
			}
			if !strings.Contains(f, " PAGE ") {
				t.Errorf("%s footer has no PAGE field", r.Type)
			}
			if !strings.HasPrefix(text, want[0]) || !strings.HasSuffix(text, want[1]) {
				t.Errorf("%s footer reads %q, want %q + page + %q", r.Type, text, want[0], want[1])
			}
			if !strings.Contains(f, `w:eastAsia="宋体"`) || !strings.Contains(f, `<w:sz w:val="`+strconv.Itoa(g.Halfpoints(g.PageNumberSize))+`"/>`) {
				t.Errorf("%s footer: want 四号宋体", r.Type)
			}
		case "first":
			if text != "" {
				t.Errorf("the empty footer reads %q", text)
			}
		}
	}
}

var (
	paraRE = regexp.MustCompile(`(?s)<w:p[ >].*?</w:p>|<w:p/>`)
	tRE    = regexp.MustCompile(`(?s)<w:t(?: [^>]*)?>(.*?)</w:t>`)
)

// wText is the text of every w:t of s, unescaped.
func wText(s string) []string {
	var out []string
	for _, m := range tRE.FindAllStringSubmatch(s, -1) {
		var v struct {
			S string `xml:",chardata"`
		}
		xml.Unmarshal([]byte("<t>"+m[1]+"</t>"), &v)
		out = append(out, v.S)
	}
	return out
}

// paragraphs is the text of every non-empty paragraph of the document, in order.
func paragraphs(document string) []string {
	var out []string
	for _, p := range paraRE.FindAllString(document, -1) {
		if s := strings.Join(wText(p), ""); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// expected is what the content model says, paragraph by paragraph.
func expected(d *doc.Document) []string {
	var out []string
	add := func(s string) {
		if s != "" {
			out = append(out, s)
		}
	}
	h := d.Head
	add(h.CopyNumber)
	add(h.Classification)
	add(h.Urgency)
	if m := h.Masthead; m != nil && len(m.Issuers) > 1 {
		for _, n := range m.Issuers { // 联合行文: stacked, 文件 beside them
			add(n)
		}
		add(m.Suffix)
	} else if m != nil {
		add(m.Text())
	}
	if len(h.Signers) == 0 {
		add(h.DocNumber)
	}
	for i, n := range h.Signers {
		l := ""
		if i == len(h.Signers)-1 {
			l = h.DocNumber
		}
		if i == 0 {
			l += doc.SignersLabel
		}
		add(l + n)
	}
	add(strings.Join(d.Title, ""))
	add(d.Addressees)
	var blocks func([]doc.Block)
	blocks = func(bs []doc.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Paragraph:
				add(b.Text())
			case *doc.Table:
				add(b.Caption)
				add(b.Subcaption)
				add(b.UnitLine)
				for _, grid := range [][][]doc.Cell{b.Header, b.Rows} {
					for _, row := range grid {
						for _, c := range row {
							if !c.Covered {
								add(c.Text)
							}
						}
					}
				}
				for _, n := range b.Notes {
					add(n)
				}
			}
		}
	}
	blocks(d.Body)
	for _, l := range d.AttachmentNoteLines() {
		add(l)
	}
	for _, n := range d.Signature.Issuers {
		add(n)
	}
	if !d.Signature.Date.IsZero() {
		add(d.Signature.Date.Chinese())
	}
	add(d.Remark)
	for _, a := range d.Attachments {
		add(a.Label())
		add(a.Title)
		blocks(a.Blocks)
	}
	if c := d.Colophon; c != nil {
		add(c.CCText())
		add(c.PrintedBy + c.PrintedText())
	}
	return out
}

// TestText: the DOCX says the content model's words, paragraph by paragraph,
// in order, and nothing else.
func TestText(t *testing.T) {
	s := getSample(t)
	if *out != "" {
		if err := os.WriteFile(*out, s.docx, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := paragraphs(string(s.parts["word/document.xml"]))
	want := expected(s.d)
	for i := 0; i < max(len(got), len(want)); i++ {
		var a, b string
		if i < len(got) {
			a = got[i]
		}
		if i < len(want) {
			b = want[i]
		}
		if a != b {
			t.Fatalf("paragraph %d:\n got %q\nwant %q", i+1, a, b)
		}
	}
}

// TestDeterministic: the same input gives the same bytes; the core
// properties come from the notice (no clock).
func TestDeterministic(t *testing.T) {
	s := getSample(t)
	again, err := docx.Render(s.d, docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, s.docx) {
		t.Fatal("two renders of the same notice differ")
	}
	core := string(s.parts["docProps/core.xml"])
	for _, want := range []string{
		"<dc:title>" + s.d.Meta.Title + "</dc:title>",
		"<dc:creator>" + s.d.Meta.Author + "</dc:creator>",
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + s.d.Signature.Date.ISO() + "T00:00:00Z</dcterms:created>",
	} {
		if !strings.Contains(core, want) {
			t.Errorf("core.xml lacks %s:\n%s", want, core)
		}
	}
}

// TestFaces: every run names its face in all four slots, never a theme font;
// the masthead is red 小标宋 at the masthead size.
func TestFaces(t *testing.T) {
	s := getSample(t)
	body := string(s.parts["word/document.xml"])
	if strings.Contains(body, "Theme") || strings.Contains(string(s.parts["word/styles.xml"]), "Theme") {
		t.Error("theme fonts used")
	}
	fonts := regexp.MustCompile(`<w:rFonts ([^>]*)/>`).FindAllStringSubmatch(body, -1)
	if len(fonts) == 0 {
		t.Fatal("no rFonts")
	}
	for _, f := range fonts {
		for _, slot := range []string{"ascii", "hAnsi", "eastAsia", "cs"} {
			if !strings.Contains(f[1], "w:"+slot+`="`) {
				t.Fatalf("rFonts without %s: %s", slot, f[0])
			}
		}
	}
	red := regexp.MustCompile(`<w:r><w:rPr><w:rFonts w:ascii="方正小标宋简体"[^>]*/><w:color w:val="FF0000"/><w:sz w:val="(\d+)"/>`).FindStringSubmatch(body)
	if red == nil || red[1] != strconv.Itoa(g.Halfpoints(g.MastheadSize)) {
		t.Errorf("no red 方正小标宋简体 masthead at %v pt", g.MastheadSize)
	}
	// Run-in headings: only the heading run takes the heading face.
	for _, b := range s.d.Body {
		p, ok := b.(*doc.Paragraph)
		if !ok || !p.RunIn || len(p.Runs) < 2 {
			continue
		}
		for _, r := range p.Runs {
			want := regexp.MustCompile(`w:eastAsia="` + docx.FontNames[r.Face] + `" w:cs="` + docx.FontNames[r.Face] + `" w:hint="eastAsia"/>(<w:w w:val="\d+"/>)?<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve">` + regexp.QuoteMeta(escape(r.Text)))
			if !want.MatchString(body) {
				t.Errorf("run %q not in %s", r.Text, docx.FontNames[r.Face])
			}
		}
		break
	}
}

func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// TestTables: the sample's table has its grid, repeating header rows in
// 黑体, rows kept whole and merged cells.
func TestTables(t *testing.T) {
	s := getSample(t)
	body := string(s.parts["word/document.xml"])
	i := strings.Index(body, "<w:tbl>")
	j := strings.Index(body, "</w:tbl>")
	if i < 0 {
		t.Fatal("no table")
	}
	tbl := body[i:j]
	cols := regexp.MustCompile(`<w:gridCol w:w="(\d+)"/>`).FindAllStringSubmatch(tbl, -1)
	var tab *doc.Table
	for _, b := range s.d.Attachments[0].Blocks {
		if tt, ok := b.(*doc.Table); ok {
			tab = tt
		}
	}
	if len(cols) != len(tab.Columns) {
		t.Fatalf("%d gridCols, want %d", len(cols), len(tab.Columns))
	}
	sum := 0
	for _, c := range cols {
		n, _ := strconv.Atoi(c[1])
		sum += n
	}
	if !near(sum, g.Twips(g.TypeAreaWidth), 2) {
		t.Errorf("columns add up to %d twips, want the type width %d", sum, g.Twips(g.TypeAreaWidth))
	}
	if n := strings.Count(tbl, "<w:tblHeader/>"); n != len(tab.Header) {
		t.Errorf("%d repeating header rows, want %d", n, len(tab.Header))
	}
	if n, m := strings.Count(tbl, "<w:cantSplit/>"), len(tab.Header)+len(tab.Rows); n != m {
		t.Errorf("%d rows kept whole, want %d", n, m)
	}
	if !strings.Contains(tbl, `<w:gridSpan w:val="3"/>`) || !strings.Contains(tbl, `<w:vMerge w:val="restart"/>`) || !strings.Contains(tbl, `<w:vMerge/>`) {
		t.Error("merged cells missing (gridSpan 3, vMerge)")
	}
	hdr := regexp.MustCompile(`(?s)<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>.*?</w:tr>`).FindAllString(tbl, -1)
	for _, r := range hdr {
		for _, f := range regexp.MustCompile(`w:eastAsia="([^"]+)"`).FindAllStringSubmatch(r, -1) {
			if f[1] != "黑体" {
				t.Errorf("header cell in %s", f[1])
			}
		}
	}
}

// TestUnsealed: without a seal there is no picture and the name and date
// still come from the model.
func TestUnsealed(t *testing.T) {
	s := getSample(t)
	d := *s.d
	d.Signature.Seal = nil
	b, err := docx.Render(&d, docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	parts, err := unzip(b)
	if err != nil {
		t.Fatal(err)
	}
	body := string(parts["word/document.xml"])
	if strings.Contains(body, "<w:drawing>") {
		t.Error("unsealed document has a picture")
	}
	got := paragraphs(body)
	want := expected(&d)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Error("unsealed document's text differs from the model")
	}
}

// TestSeal: the seal floats in front of the text (wrapNone, not behind),
// the size of an office seal.
func TestSeal(t *testing.T) {
	s := getSample(t)
	body := string(s.parts["word/document.xml"])
	m := regexp.MustCompile(`<wp:anchor [^>]*behindDoc="0"[^>]*>.*?<wp:extent cx="(\d+)" cy="(\d+)"/>.*?<wp:wrapNone/>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no floating seal in front of the text")
	}
	if cx, _ := strconv.ParseInt(m[1], 10, 64); cx != g.EMU(g.SealDiameter) {
		t.Errorf("seal width %d EMU, want %d", cx, g.EMU(g.SealDiameter))
	}
}

// TestTemplateCheck: a replacement template is checked before use, and the
// error names what is missing.
func TestTemplateCheck(t *testing.T) {
	base, err := docx.DefaultTemplate()
	if err != nil {
		t.Fatal(err)
	}
	if err := docx.CheckTemplate(base); err != nil {
		t.Fatalf("the default template fails its own check: %v", err)
	}
	if err := docx.CheckTemplate([]byte("not a zip")); err == nil || !strings.Contains(err.Error(), "不是有效的 .docx") {
		t.Errorf("garbage accepted or unclear: %v", err)
	}
	parts, err := unzip(base)
	if err != nil {
		t.Fatal(err)
	}
	rebuild := func(edit func(map[string][]byte)) []byte {
		m := map[string][]byte{}
		for k, v := range parts {
			m[k] = v
		}
		edit(m)
		var buf bytes.Buffer
		w := zip.NewWriter(&buf)
		for _, k := range slices.Sorted(maps.Keys(m)) {
			f, _ := w.Create(k)
			f.Write(m[k])
		}
		w.Close()
		return buf.Bytes()
	}
	for _, c := range []struct {
		name string
		edit func(map[string][]byte)
		want []string
	}{
		{"no even footer, no odd/even setting", func(m map[string][]byte) {
			delete(m, "word/footer-even.xml")
			m["word/settings.xml"] = bytes.ReplaceAll(m["word/settings.xml"], []byte("<w:evenAndOddHeaders/>"), nil)
		}, []string{"双页页脚", "evenAndOddHeaders"}},
		{"no styles", func(m map[string][]byte) {
			delete(m, "word/styles.xml")
		}, []string{"word/styles.xml"}},
		{"no final sectPr", func(m map[string][]byte) {
			m["word/document.xml"] = regexp.MustCompile(`(?s)<w:sectPr>.*</w:sectPr>`).ReplaceAll(m["word/document.xml"], nil)
		}, []string{"sectPr"}},
		{"no content type for the seal", func(m map[string][]byte) {
			m["[Content_Types].xml"] = bytes.ReplaceAll(m["[Content_Types].xml"], []byte(`Extension="png"`), []byte(`Extension="gif"`))
		}, []string{"word/media/seal.png", "内容类型"}},
		{"odd footer without page field", func(m map[string][]byte) {
			m["word/footer-odd.xml"] = bytes.ReplaceAll(m["word/footer-odd.xml"], []byte(" PAGE "), []byte(" DATE "))
		}, []string{"单页页脚", "PAGE"}},
	} {
		err := docx.CheckTemplate(rebuild(c.edit))
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error does not name %s: %v", c.name, w, err)
			}
		}
		if _, rerr := docx.Render(getSample(t).d, docx.Options{Template: rebuild(c.edit)}); rerr == nil {
			t.Errorf("%s: Render used the broken template", c.name)
		}
	}
	// A good replacement template is used: its page setup survives.
	other := rebuild(func(m map[string][]byte) {
		m["word/document.xml"] = bytes.Replace(m["word/document.xml"], []byte(`w:header="851"`), []byte(`w:header="850"`), 1)
	})
	b, err := docx.Render(getSample(t).d, docx.Options{Template: other})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := unzip(b)
	if !strings.Contains(string(p["word/document.xml"]), `w:header="850"`) {
		t.Error("the replacement template's page setup was not used")
	}
}
