package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/gongwen/gongwen/internal/doc"
)

// checkTemplateAnswer runs CheckTemplate on b. It must not panic; a refusal
// must be a clear message for a clerk: valid UTF-8, in Chinese, saying it is
// the DOCX template that cannot be used and what to do about it. A template
// it accepts must be usable: Render on it returns a DOCX or an error, never
// panics.
func checkTemplateAnswer(t *testing.T, b []byte) {
	err := CheckTemplate(b)
	if err == nil {
		d := &doc.Document{
			Meta:      doc.Meta{Title: "关于测试的通报"},
			Title:     []string{"关于测试的通报"},
			Body:      []doc.Block{&doc.Paragraph{Runs: []doc.Run{{Text: "现将有关情况通报如下。", Face: doc.FaceFangSong}}}},
			Signature: doc.Signature{Issuers: []string{"临沭县人民政府办公室"}, Date: doc.Date{Year: 2021, Month: 9, Day: 22}},
		}
		if out, err := Render(d, Options{Template: b}); err == nil && len(out) == 0 {
			t.Error("an accepted template gave an empty DOCX without an error")
		}
		return
	}
	msg := err.Error()
	if !utf8.ValidString(msg) {
		t.Fatalf("the message is not valid UTF-8: %q", msg)
	}
	if !strings.HasPrefix(msg, "DOCX 模板") {
		t.Errorf("the message does not say it is about the DOCX template: %s", msg)
	}
	if !strings.Contains(msg, "另存为") && !strings.Contains(msg, "docs/docx-template.md") {
		t.Errorf("the message does not say what to do: %s", msg)
	}
	han := 0
	for _, r := range msg {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	if han < 8 {
		t.Errorf("the message is hardly Chinese: %s", msg)
	}
}

// FuzzCheckTemplate: the template check on arbitrary bytes (seeded with the
// default template, its halves and garbage; corpus in testdata/fuzz).
func FuzzCheckTemplate(f *testing.F) {
	base, err := DefaultTemplate()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(base)
	f.Add(base[:len(base)/2])
	f.Add(base[len(base)/2:])
	f.Add([]byte("not a zip"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) { checkTemplateAnswer(t, b) })
}

// FuzzTemplateParts: the template check on the default template with one
// part mutated — its bytes replaced, data inserted at an offset, cut at an
// offset, the part removed, or renamed — so that the fuzzer works on real
// WordprocessingML rather than on the zip container.
func FuzzTemplateParts(f *testing.F) {
	base, err := DefaultTemplate()
	if err != nil {
		f.Fatal(err)
	}
	parts, err := unpack(base)
	if err != nil {
		f.Fatal(err)
	}
	for i := range parts {
		for mode := range uint8(5) {
			f.Add(uint8(i), mode, uint32(len(parts[i].data)/2), []byte("<w:sectPr>"))
		}
	}
	f.Fuzz(func(t *testing.T, which, mode uint8, at uint32, data []byte) {
		ps := make([]part, 0, len(parts))
		for _, p := range parts {
			ps = append(ps, part{name: p.name, data: bytes.Clone(p.data)})
		}
		i := int(which) % len(ps)
		p := &ps[i]
		off := 0
		if len(p.data) > 0 {
			off = int(at % uint32(len(p.data)))
		}
		switch mode % 5 {
		case 0:
			p.data = data
		case 1:
			p.data = append(p.data[:off:off], append(bytes.Clone(data), p.data[off:]...)...)
		case 2:
			p.data = p.data[:off]
		case 3:
			ps = append(ps[:i], ps[i+1:]...)
		case 4:
			p.name = string(data)
		}
		b, err := pack(ps)
		if err != nil {
			return // a name the zip writer refuses
		}
		checkTemplateAnswer(t, b)
	})
}

// A part that decompresses to more than maxPartSize is refused, whether
// its header says so or hides it (a zip bomb), without reading it whole.
func TestTemplatePartTooLarge(t *testing.T) {
	var bomb bytes.Buffer
	fw, err := flate.NewWriter(&bomb, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(make([]byte, maxPartSize+1))
	fw.Close()
	for _, declared := range []uint64{1 << 40, 10} {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
			CompressedSize64: uint64(bomb.Len()), UncompressedSize64: declared})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(bomb.Bytes())
		zw.Close()
		// archive/zip itself refuses a header whose sizes do not match
		// what it finds; a header that owns up meets our limit
		err = CheckTemplate(buf.Bytes())
		if err == nil || !strings.HasPrefix(err.Error(), "DOCX 模板") ||
			declared > maxPartSize && !strings.Contains(err.Error(), "word/document.xml 解压后超过 64 MB") {
			t.Errorf("declared %d bytes: %v", declared, err)
		}
	}
}
