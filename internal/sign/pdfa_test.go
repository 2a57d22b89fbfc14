package sign

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/pdf"
	"github.com/signintech/gopdf"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/internal/tooltest"
)

// textPDF is a gopdf PDF with Chinese text in an embedded font, an Info
// dictionary and a red rule, as the project's writer makes them.
func textPDF(t *testing.T) []byte {
	t.Helper()
	ttf, err := fonts.Data("hei")
	if err != nil {
		t.Fatal(err)
	}
	p := &gopdf.GoPdf{}
	p.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	p.SetInfo(gopdf.PdfInfo{Title: "关于检查情况的通报", Author: "演示县人民政府办公室", Subject: "沭政督字〔2021〕31号",
		Creator: "gongwen", Producer: "gongwen", CreationDate: time.Date(2021, 9, 22, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))})
	if err := p.AddTTFFontData("hei", ttf); err != nil {
		t.Fatal(err)
	}
	p.AddPage()
	if err := p.SetFont("hei", "", 16); err != nil {
		t.Fatal(err)
	}
	p.SetXY(80, 120)
	if err := p.Text("政府网站和政务新媒体检查情况通报"); err != nil {
		t.Fatal(err)
	}
	p.SetStrokeColor(255, 0, 0)
	p.Line(79.37, 200, 521.57, 200)
	b, err := p.GetBytesPdfReturnErr()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPDFA(t *testing.T) {
	if _, err := PDFA(testPDF(t)); err == nil { // no Producer: not ours
		t.Error("PDFA converted a PDF another program wrote")
	}
	in := textPDF(t)
	out, err := PDFA(in)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := PDFA(in); !bytes.Equal(again, out) {
		t.Error("PDFA is not deterministic")
	}
	if !bytes.Equal(out[:len(in)], in) {
		t.Fatal("PDFA changed the original bytes")
	}
	signed, err := Sign(out, testSigner(t, false), testInfo)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"converted": out, "converted and signed": signed} {
		checkPDFA(t, name, b)
	}
	if rep := pdfsig(t, signed); !strings.Contains(rep, "Signature is Valid") || !strings.Contains(rep, "Total document signed") {
		t.Errorf("pdfsig after PDF/A conversion:\n%s", rep)
	}
	// The page looks the same.
	if a, b := render(t, in), render(t, signed); !bytes.Equal(a, b) {
		t.Error("the page renders differently after conversion and signing")
	}
}

// checkPDFA checks what PDF/A-2b asks of the file structure (veraPDF is not
// available here; each check names the clause of ISO 19005-2 it stands for).
func checkPDFA(t *testing.T, name string, b []byte) {
	t.Helper()
	dir := t.TempDir()
	f := filepath.Join(dir, "a.pdf")
	os.WriteFile(f, b, 0o644)
	if out, err := exec.Command(tooltest.Need(t, "qpdf", "qpdf"), "--check", f).CombinedOutput(); err != nil {
		t.Errorf("%s: qpdf --check: %v\n%s", name, err, out)
	}
	// 6.2.11.4.1: every font embedded.
	out, err := exec.Command(tooltest.Need(t, "pdffonts", "poppler-utils"), f).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	if len(lines) == 0 {
		t.Errorf("%s: no fonts listed", name)
	}
	for _, l := range lines {
		if fs := strings.Fields(l); len(fs) < 5 || fs[len(fs)-5] != "yes" {
			t.Errorf("%s: font not embedded: %s", name, l)
		}
	}
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	tr := r.Trailer()
	// 6.1.3: trailer ID.
	if id := tr.Key("ID"); id.Len() != 2 || len(id.Index(0).RawString()) != 16 {
		t.Errorf("%s: trailer /ID missing or malformed", name)
	}
	// 6.1.2: header followed by a comment of four bytes > 127.
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) || len(bytes.Split(b, []byte("\n"))[1]) < 5 {
		t.Errorf("%s: header %q", name, b[:20])
	}
	// ISO 32000-1 7.5.5: /Info is an indirect reference.
	if p := tr.Key("Info").GetPtr(); p.GetID() == 0 {
		t.Errorf("%s: /Info is a direct dictionary in the trailer", name)
	}
	root := tr.Key("Root")
	// 6.6.2.1: XMP metadata, unfiltered, declaring PDF/A-2B; 6.6.2.3.1:
	// agreeing with the Info dictionary.
	md := root.Key("Metadata")
	if md.Kind() != pdf.Stream || !md.Key("Filter").IsNull() {
		t.Fatalf("%s: no unfiltered metadata stream", name)
	}
	rc := md.Reader()
	var x bytes.Buffer
	x.ReadFrom(rc)
	rc.Close()
	var doc struct {
		Desc struct {
			Part    string `xml:"part"`
			Conf    string `xml:"conformance"`
			Title   string `xml:"title>Alt>li"`
			Creator string `xml:"creator>Seq>li"`
			Desc    string `xml:"description>Alt>li"`
			Created string `xml:"CreateDate"`
		} `xml:"RDF>Description"`
	}
	if err := xml.Unmarshal(x.Bytes(), &doc); err != nil {
		t.Fatalf("%s: XMP is not XML: %v", name, err)
	}
	info := tr.Key("Info")
	d := doc.Desc
	if d.Part != "2" || d.Conf != "B" {
		t.Errorf("%s: pdfaid part %q conformance %q", name, d.Part, d.Conf)
	}
	if d.Title != info.Key("Title").Text() || d.Creator != info.Key("Author").Text() || d.Desc != info.Key("Subject").Text() {
		t.Errorf("%s: XMP (%q %q %q) disagrees with Info (%q %q %q)", name, d.Title, d.Creator, d.Desc,
			info.Key("Title").Text(), info.Key("Author").Text(), info.Key("Subject").Text())
	}
	if d.Created != "2021-09-22T00:00:00+08:00" {
		t.Errorf("%s: xmp:CreateDate %q", name, d.Created)
	}
	// 6.2.3: an output intent with an RGB ICC profile (the file uses DeviceRGB).
	oi := root.Key("OutputIntents").Index(0)
	prof := oi.Key("DestOutputProfile")
	if oi.Key("S").Name() != "GTS_PDFA1" || prof.Key("N").Int64() != 3 {
		t.Errorf("%s: output intent %v", name, oi)
	}
	pr := prof.Reader()
	var icc bytes.Buffer
	icc.ReadFrom(pr)
	pr.Close()
	if !bytes.Equal(icc.Bytes(), SRGBProfile()) {
		t.Errorf("%s: the embedded profile is not the sRGB profile", name)
	}
	// 6.2.11.3.2: CIDToGIDMap on every CIDFontType2.
	n := 0
	for _, xr := range r.Xref() {
		v := r.Resolve(xr.Ptr(), xr.Ptr())
		if v.Kind() == pdf.Dict && v.Key("Subtype").Name() == "CIDFontType2" {
			n++
		}
	}
	for i := 1; i <= r.NumPage(); i++ {
		for _, fn := range r.Page(i).Fonts() {
			df := r.Page(i).Font(fn).V.Key("DescendantFonts").Index(0)
			if df.Key("Subtype").Name() == "CIDFontType2" && df.Key("CIDToGIDMap").Name() != "Identity" {
				t.Errorf("%s: font %s has no /CIDToGIDMap /Identity", name, fn)
			}
		}
	}
	if n == 0 {
		t.Errorf("%s: no CIDFontType2 found", name)
	}
}

// TestSRGBProfile hands the profile to LittleCMS through ImageMagick, which
// refuses a malformed one, and checks the header fields PDF/A validators read.
func TestSRGBProfile(t *testing.T) {
	p := SRGBProfile()
	if string(p[36:40]) != "acsp" || string(p[12:16]) != "mntr" || string(p[16:20]) != "RGB " || string(p[20:24]) != "XYZ " || int(p[0])<<24|int(p[1])<<16|int(p[2])<<8|int(p[3]) != len(p) {
		t.Fatalf("profile header %x", p[:40])
	}
	conv := tooltest.Need(t, "convert", "imagemagick")
	dir := t.TempDir()
	icc := filepath.Join(dir, "srgb.icc")
	os.WriteFile(icc, p, 0o644)
	out, err := exec.Command(conv, "-size", "4x4", "xc:#ff0000", "-profile", icc, filepath.Join(dir, "x.png")).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("ImageMagick/LittleCMS on the profile: %v %s", err, out)
	}
	out, err = exec.Command(tooltest.Need(t, "identify", "imagemagick"), "-verbose", filepath.Join(dir, "x.png")).Output()
	if err != nil || !bytes.Contains(out, []byte("sRGB IEC61966-2.1 (gongwen)")) {
		t.Errorf("profile description not read back: %v", err)
	}
}

func render(t *testing.T, b []byte) []byte {
	f := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(f, b, 0o644)
	out, err := exec.Command(tooltest.Need(t, "pdftoppm", "poppler-utils"), "-r", "50", "-f", "1", "-l", "1", f).Output()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A signed PDF is not converted: the update would come after the
// certification signature, which allows only form filling and further
// signatures (DocMDP P=2), so pdfsig would report the document changed.
func TestPDFARefusesSigned(t *testing.T) {
	signed, err := Sign(textPDF(t), testSigner(t, false), testInfo)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := PDFA(signed); err == nil {
		t.Error("a signed PDF was converted")
	}
}
