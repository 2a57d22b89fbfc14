package fonts

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/gongwen/gongwen/internal/seedtest"
	"github.com/signintech/gopdf"
)

// mustHave is what every face, the fallback included, must map.
const mustHave = "—（）〔〕【】《》“”：；，。、？！0123456789"

// sample is typeset with each CJK face in the gopdf round trip.
const sample = "关于2021年第三季度政府网站检查情况的通报（〔2021〕31号）：各镇人民政府、街道办事处，县直有关单位——“读网”检查；《办法》。是否？是！"

func TestFacesAreTrueType(t *testing.T) {
	for _, name := range Faces() {
		b, err := Data(name)
		if err != nil {
			t.Fatalf("Data(%q): %v", name, err)
		}
		if !bytes.HasPrefix(b, []byte{0, 1, 0, 0}) {
			t.Errorf("%s: header % x, want 00 01 00 00", name, b[:4])
		}
		if err := parseErr(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if File(name) == "" {
			t.Errorf("%s: no file name", name)
		}
	}
}

func TestDataUnknownFace(t *testing.T) {
	if _, err := Data("wingdings"); !errors.Is(err, ErrUnknownFace) {
		t.Errorf("Data(wingdings) err = %v, want ErrUnknownFace", err)
	}
	if Has("wingdings", 'a') {
		t.Error("Has(wingdings) = true")
	}
	if _, ok := Advance("wingdings", 'a'); ok {
		t.Error("Advance(wingdings) ok")
	}
}

func TestDataIsACopy(t *testing.T) {
	a, _ := Data("song")
	a[0] = 0xFF
	b, _ := Data("song")
	if b[0] != 0 {
		t.Fatal("Data returns shared, writable bytes")
	}
}

// TestGopdfLoadsEveryFace embeds each face with gopdf and writes a PDF, with
// OnGlyphNotFound set so that a dropped glyph fails the test.
func TestGopdfLoadsEveryFace(t *testing.T) {
	texts := map[string]string{
		"fangsong":     "仿宋：关于加强政务公开工作的通知（〔2021〕31号）" + mustHave,
		"hei":          "黑体：一、工作开展情况" + mustHave,
		"kai":          "楷体：（一）检查结果" + mustHave,
		"xiaobiaosong": "小标宋：临沭县人民政府办公室文件" + mustHave,
		"song":         "— 12 —" + mustHave,
		"fallback":     "䶮𬌗镕" + mustHave,
	}
	pdf := gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	pdf.AddPage()
	y := 40.0
	for _, name := range Faces() {
		data, err := Data(name)
		if err != nil {
			t.Fatal(err)
		}
		var missing []rune
		opt := gopdf.TtfOption{OnGlyphNotFound: func(r rune) { missing = append(missing, r) }}
		if err := pdf.AddTTFFontDataWithOption(name, data, opt); err != nil {
			t.Fatalf("%s: AddTTFFontData: %v", name, err)
		}
		if err := pdf.SetFont(name, "", 16); err != nil {
			t.Fatalf("%s: SetFont: %v", name, err)
		}
		pdf.SetXY(40, y)
		if err := pdf.Cell(nil, texts[name]); err != nil {
			t.Fatalf("%s: Cell: %v", name, err)
		}
		if len(missing) > 0 {
			t.Errorf("%s: gopdf found no glyph for %q", name, string(missing))
		}
		y += 30
	}
	out, err := pdf.GetBytesPdfReturnErr()
	if err != nil {
		t.Fatalf("GetBytesPdfReturnErr: %v", err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) || len(out) < 1000 {
		t.Fatalf("odd PDF output (%d bytes)", len(out))
	}
}

// TestHasMatchesGopdf checks Has against gopdf's own cmap reading: a rune
// Has reports absent must make gopdf call OnGlyphNotFound, and one it reports
// present must not.
func TestHasMatchesGopdf(t *testing.T) {
	probe := []rune("中国镕䶮〇—―·・…‰★☆①㈠Ⅻ€￥ÀéǎДΩ﹏\U0002CC56\U0002A6D6\U00020000")
	for _, name := range Faces() {
		data, _ := Data(name)
		pdf := gopdf.GoPdf{}
		pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
		pdf.AddPage()
		notFound := map[rune]bool{}
		opt := gopdf.TtfOption{OnGlyphNotFound: func(r rune) { notFound[r] = true }}
		if err := pdf.AddTTFFontDataWithOption(name, data, opt); err != nil {
			t.Fatal(err)
		}
		if err := pdf.SetFont(name, "", 12); err != nil {
			t.Fatal(err)
		}
		for _, r := range probe {
			_ = pdf.Cell(nil, string(r))
			if got, want := Has(name, r), !notFound[r]; got != want {
				t.Errorf("%s: Has(%q U+%04X) = %v, gopdf finds a glyph: %v", name, r, r, got, want)
			}
		}
	}
}

func TestSeedCoverage(t *testing.T) {
	text := seedtest.Text() // the real notice, kept in the repo
	for _, name := range []string{"fangsong", "hei", "kai", "xiaobiaosong"} {
		var missing []string
		seen := map[rune]bool{}
		for _, r := range text {
			if unicode.IsSpace(r) || seen[r] {
				continue
			}
			seen[r] = true
			if !Has(name, r) {
				missing = append(missing, string(r))
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s lacks %s", name, strings.Join(missing, " "))
		}
	}
}

func TestRequiredCharacters(t *testing.T) {
	for _, name := range Faces() {
		for _, r := range mustHave {
			if !Has(name, r) {
				t.Errorf("%s lacks %q U+%04X", name, r, r)
			}
		}
	}
	if !Has("song", '—') {
		t.Error("song lacks the em dash")
	}
}

// TestGB2312Hanzi: the main faces have every GB 2312 hanzi (first and last of
// each level and a few from the middle); song has none, fallback none either
// (it holds what is outside GB 2312).
func TestGB2312Hanzi(t *testing.T) {
	probe := []rune("啊座亍齄国政镑")
	for _, name := range []string{"fangsong", "hei", "kai", "xiaobiaosong"} {
		for _, r := range probe {
			if !Has(name, r) {
				t.Errorf("%s lacks %q", name, r)
			}
		}
	}
	for _, name := range []string{"song", "fallback"} {
		if Has(name, '国') {
			t.Errorf("%s has 国: expected no GB 2312 hanzi", name)
		}
	}
}

func TestRareCharacters(t *testing.T) {
	const rare = '\U0002A6D6' // CJK Ext. B, the last of the block: in no face
	for _, name := range Faces() {
		if Has(name, rare) {
			t.Errorf("%s: Has(U+2A6D6) = true", name)
		}
	}
	// Outside GB 2312: 镕 (朱镕基), 䶮 (Ext. A), 𬌗 (Ext. E, in the 2013 通用规范汉字表), 𠮷 (Ext. B).
	for _, r := range []rune{'镕', '䶮', '\U0002C317', '\U00020BB7'} {
		if !Has("fallback", r) {
			t.Errorf("fallback lacks %q U+%04X", r, r)
		}
		for _, name := range []string{"hei", "kai", "xiaobiaosong", "song"} {
			if Has(name, r) {
				t.Errorf("%s has %q U+%04X, outside its GB 2312 subset", name, r, r)
			}
		}
	}
	for _, r := range []rune{-1, 0x110000, 0xFFFF, 0} {
		for _, name := range Faces() {
			if Has(name, r) {
				t.Errorf("%s: Has(%#x) = true", name, r)
			}
		}
	}
}

func TestAdvance(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 0.02 }
	for _, name := range []string{"fangsong", "hei", "kai", "xiaobiaosong"} {
		if em, ok := Advance(name, '中'); !ok || !near(em, 1) {
			t.Errorf("%s: Advance(中) = %v, %v; want ≈1", name, em, ok)
		}
		if em, ok := Advance(name, '（'); !ok || !near(em, 1) {
			t.Errorf("%s: Advance(（) = %v, %v; want ≈1", name, em, ok)
		}
	}
	if em, ok := Advance("fangsong", '2'); !ok || em > 0.5+1e-9 || em <= 0.2 {
		t.Errorf("fangsong: Advance(2) = %v, %v; want ≤0.5", em, ok)
	}
	if em, ok := Advance("song", '—'); !ok || !near(em, 1) {
		t.Errorf("song: Advance(—) = %v, %v; want ≈1", em, ok)
	}
	if _, ok := Advance("hei", '\U0002A6D6'); ok {
		t.Error("Advance of an absent rune is ok")
	}
}

func TestLicences(t *testing.T) {
	l := Licences()
	if len(l) != len(Faces()) {
		t.Fatalf("Licences() has %d faces, want %d", len(l), len(Faces()))
	}
	want := map[string]string{
		"LICENSE.Fandol.txt":      "As a special exception, if you create a document which uses this font",
		"LICENSE.NotoCJK-OFL.txt": "SIL OPEN FONT LICENSE Version 1.1",
		"ARPHICPL.TXT":            "ARPHIC PUBLIC LICENSE",
	}
	for face, file := range l {
		text, err := LicenceText(file)
		if err != nil {
			t.Errorf("%s: %v", face, err)
			continue
		}
		if !strings.Contains(text, want[file]) {
			t.Errorf("%s: %s does not contain %q", face, file, want[file])
		}
	}
	l["hei"] = "changed"
	if Licences()["hei"] == "changed" {
		t.Error("Licences returns shared state")
	}
	if _, err := LicenceText("GPL"); err == nil {
		t.Error("LicenceText(GPL) err = nil")
	}
}

func TestConcurrentFirstUse(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, name := range Faces() {
				Has(name, '中')
				Advance(name, '1')
			}
		}()
	}
	wg.Wait()
}

func BenchmarkHas(b *testing.B) {
	Has("fangsong", '中')
	text := []rune(sample)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, r := range text {
			Has("fangsong", r)
		}
	}
}
