package pdf_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	"image/png"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/image/font/sfnt"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/pdf"
	"github.com/gongwen/gongwen/internal/pdf/syntax"
	"github.com/gongwen/gongwen/internal/pipeline"
)

// TestSampleFontPrograms reads every embedded font program (FontFile2) of
// the sample back: it inflates to its /Length1, and for every character the
// PDF's ToUnicode map names, the glyph the content stream selects (CID =
// glyph id, Identity) has exactly the outline of that character in the
// shipped font — the program the writer embeds in place of gopdf's is the
// right one, glyph for glyph.
func TestSampleFontPrograms(t *testing.T) {
	_, b := samplePDF(t)
	objs, _, err := syntax.ReadXref(b)
	if err != nil {
		t.Fatal(err)
	}
	body := map[int][]byte{}
	for _, o := range objs {
		body[o.Num] = b[o.Start:o.End]
	}
	// The shipped fonts by PostScript name (read with x/image's sfnt); the
	// fallback font and 黑体 share one.
	shipped := map[string][][]byte{}
	for _, face := range []string{string(doc.FaceFangSong), string(doc.FaceHei), string(doc.FaceKai),
		string(doc.FaceXiaoBiaoSong), string(doc.FaceSong), pdf.FaceFallback} {
		data, err := fonts.View(face)
		if err != nil {
			t.Fatal(err)
		}
		f, err := sfnt.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		name, err := f.Name(nil, sfnt.NameIDPostScript)
		if err != nil {
			t.Fatal(err)
		}
		ps := strings.Map(func(r rune) rune {
			if strings.ContainsRune("-_", r) || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				return r
			}
			return -1
		}, name)
		shipped[ps] = append(shipped[ps], data)
	}
	reProgram := regexp.MustCompile(`/FontFile2 (\d+) 0 R\s*/FontName /([A-Z]{6})\+(\S+)`)
	reType0 := regexp.MustCompile(`/BaseFont /([A-Z]{6}\+\S+)\s*/DescendantFonts \[\d+ 0 R\][^>]*/ToUnicode (\d+) 0 R`)
	toUnicode := map[string]int{} // font name → ToUnicode object
	for _, o := range objs {
		if m := reType0.FindSubmatch(body[o.Num]); m != nil {
			toUnicode[string(m[1])], _ = strconv.Atoi(string(m[2]))
		}
	}
	programs := 0
	for _, o := range objs {
		m := reProgram.FindSubmatch(body[o.Num])
		if m == nil {
			continue
		}
		programs++
		name := string(m[2]) + "+" + string(m[3])
		cands, ok := shipped[string(m[3])]
		if !ok {
			t.Errorf("%s: no shipped font has this PostScript name", name)
			continue
		}
		num, _ := strconv.Atoi(string(m[1]))
		prog := inflateStream(t, body[num])
		tu, ok := toUnicode[name]
		if !ok {
			t.Errorf("%s: no Type0 font with a ToUnicode map", name)
			continue
		}
		// One of the shipped fonts of that name has every glyph.
		var problems []string
		for _, src := range cands {
			problems = matchGlyphs(t, prog, src, cidRunes(t, body[tu]))
			if len(problems) == 0 {
				break
			}
		}
		if len(problems) > 0 {
			t.Errorf("%s: %s", name, strings.Join(problems[:min(len(problems), 5)], "; "))
		}
	}
	if programs == 0 || programs != len(toUnicode) {
		t.Errorf("%d font programs for %d fonts", programs, len(toUnicode))
	}
}

// matchGlyphs compares the glyphs of a font program with the shipped
// font's glyphs of the characters the ToUnicode map gives them, and
// describes each difference.
func matchGlyphs(t *testing.T, prog, src []byte, cids map[int]rune) []string {
	sf, err := sfnt.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	checked := 0
	for cid, r := range cids {
		gid, err := sf.GlyphIndex(nil, r)
		if err != nil || gid == 0 {
			problems = append(problems, fmt.Sprintf("U+%04X is not in the shipped font", r))
			continue
		}
		want := glyphBytes(t, src, int(gid))
		got := glyphBytes(t, prog, cid)
		if len(want) >= 2 && int16(binary.BigEndian.Uint16(want)) < 0 {
			continue // composite: component ids are renumbered
		}
		// The subset pads each glyph to four bytes.
		if len(got) < len(want) || len(got)-len(want) > 3 || !bytes.Equal(got[:len(want)], want) ||
			strings.Trim(string(got[len(want):]), "\x00") != "" {
			problems = append(problems, fmt.Sprintf("glyph %d (“%c”) is not the shipped outline of U+%04X (%d bytes, want %d)", cid, r, r, len(got), len(want)))
		}
		checked++
	}
	if checked == 0 {
		problems = append(problems, "no glyph checked")
	}
	return problems
}

// inflateStream returns a FlateDecode stream object's data, checking that
// it inflates to its /Length1.
func inflateStream(t *testing.T, obj []byte) []byte {
	t.Helper()
	s := bytes.Index(obj, []byte("stream\n"))
	m := regexp.MustCompile(`/Length (\d+)\s*/Filter /FlateDecode\s*/Length1 (\d+)`).FindSubmatch(obj)
	if s < 0 || m == nil {
		t.Fatalf("not a font program stream: %.80q", obj)
	}
	n, _ := strconv.Atoi(string(m[1]))
	n1, _ := strconv.Atoi(string(m[2]))
	zr, err := zlib.NewReader(bytes.NewReader(obj[s+len("stream\n") : s+len("stream\n")+n]))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != n1 {
		t.Errorf("font program inflates to %d bytes, /Length1 says %d", len(out), n1)
	}
	return out
}

// cidRunes reads a ToUnicode CMap's bfrange entries (one code each, as the
// writer makes them; surrogate pairs for characters beyond the BMP).
func cidRunes(t *testing.T, obj []byte) map[int]rune {
	out := map[int]rune{}
	for _, m := range regexp.MustCompile(`<([0-9A-F]{4})><([0-9A-F]{4})><([0-9A-F]+)>`).FindAllSubmatch(obj, -1) {
		lo, _ := strconv.ParseUint(string(m[1]), 16, 16)
		hi, _ := strconv.ParseUint(string(m[2]), 16, 16)
		u, err := hex.DecodeString(string(m[3]))
		if err != nil || len(u)%2 != 0 {
			t.Fatalf("ToUnicode entry %s", m[0])
		}
		var units []uint16
		for i := 0; i < len(u); i += 2 {
			units = append(units, binary.BigEndian.Uint16(u[i:]))
		}
		rs := utf16.Decode(units)
		if len(rs) != 1 {
			t.Fatalf("ToUnicode entry %s: %d characters", m[0], len(rs))
		}
		for c := lo; c <= hi; c++ {
			out[int(c)] = rs[0] + rune(c-lo)
		}
	}
	return out
}

// glyphBytes is glyph gid's glyf data in a TrueType file, by its table
// directory, head.indexToLocFormat and loca.
func glyphBytes(t *testing.T, font []byte, gid int) []byte {
	t.Helper()
	be16 := func(o int) int { return int(binary.BigEndian.Uint16(font[o:])) }
	be32 := func(o int) int { return int(binary.BigEndian.Uint32(font[o:])) }
	tables := map[string][]byte{}
	for i := 0; i < be16(4); i++ {
		rec := 12 + 16*i
		tables[string(font[rec:rec+4])] = font[be32(rec+8) : be32(rec+8)+be32(rec+12)]
	}
	head, loca, glyf := tables["head"], tables["loca"], tables["glyf"]
	if len(head) < 54 {
		t.Fatal("no head table")
	}
	var a, e int
	if binary.BigEndian.Uint16(head[50:]) == 0 {
		a, e = 2*int(binary.BigEndian.Uint16(loca[2*gid:])), 2*int(binary.BigEndian.Uint16(loca[2*gid+2:]))
	} else {
		a, e = int(binary.BigEndian.Uint32(loca[4*gid:])), int(binary.BigEndian.Uint32(loca[4*gid+4:]))
	}
	return glyf[a:e]
}

// TestFlattenedAhead: a seal flattened ahead of Render (FlattenSeal, as the
// pipeline does while it lays out) gives the bytes Render gives on its own,
// and one flattened for another document's seal is not taken for this one.
func TestFlattenedAhead(t *testing.T) {
	d, _, err := pipeline.Document(samplePath)
	if err != nil || d.Signature.Seal == nil {
		t.Fatalf("the sample has no seal: %v", err)
	}
	alone, err := pdf.Render(d, pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ahead, err := pdf.Render(d, pdf.Options{Flattened: pdf.FlattenSeal(d)})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(alone, ahead) {
		t.Error("the seal flattened ahead gives other bytes than Render alone")
	}
	other := *d
	sig := other.Signature
	seal := *sig.Seal
	seal.PNG = redSquarePNG(t)
	sig.Seal = &seal
	other.Signature = sig
	wrong, err := pdf.Render(d, pdf.Options{Flattened: pdf.FlattenSeal(&other)})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(alone, wrong) {
		t.Error("another document's seal, flattened ahead, changed this document's PDF")
	}
}

func redSquarePNG(t *testing.T) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = []uint8{255, 0, 0, 200}[i%4]
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
