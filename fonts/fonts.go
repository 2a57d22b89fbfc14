// Package fonts embeds the freely licensed TrueType faces used to typeset
// official documents (GB/T 9704-2012) and answers cheap questions about them.
//
// Face names match the content model: "fangsong", "hei", "kai",
// "xiaobiaosong", "song", and "fallback".
//
//	fangsong      仿宋  FandolFang Regular, converted to TrueType (GPL-3 with font exception)
//	hei           黑体  Noto Sans CJK SC Regular, GB 2312 subset (OFL-1.1)
//	kai           楷体  AR PL KaitiM GB (gkai00mp.ttf), unmodified (Arphic Public License)
//	xiaobiaosong  小标宋 Noto Serif CJK SC Bold, GB 2312 subset (OFL-1.1)
//	song          宋体  Noto Serif CJK SC Regular, ASCII, punctuation and symbols only, no hanzi (OFL-1.1)
//	fallback      Noto Sans CJK SC Regular, the ideographs outside GB 2312 (Ext. A–G included) (OFL-1.1)
//
// Every face is a single TrueType file (glyf outlines, sfnt version
// 00 01 00 00) with a (3,1) format 4 cmap, plus a (3,10) format 12 cmap when it
// maps characters outside the BMP, as github.com/signintech/gopdf requires.
// In the Noto faces the em dash and the middle dot map to their full-width
// ('fwid') glyphs, so — and · are one em wide in every face. The files are
// rebuilt by scripts/fonts/build.sh; see fonts/README.md.
//
// Nothing is parsed at init: a face's cmap and metrics are read the first time
// Has or Advance asks about it, once, and cached. All functions are safe for
// concurrent use.
package fonts

import (
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"sync"
	"unsafe"
)

// Licence file names (also the keys of LicenceText).
const (
	licenceFandol = "LICENSE.Fandol.txt"
	licenceNoto   = "LICENSE.NotoCJK-OFL.txt"
	licenceArphic = "ARPHICPL.TXT"
)

var (
	//go:embed FandolFang-Regular.ttf
	fangsongTTF string
	//go:embed NotoSansCJKsc-Regular-GB.ttf
	heiTTF string
	//go:embed gkai00mp.ttf
	kaiTTF string
	//go:embed NotoSerifCJKsc-Bold-GB.ttf
	xiaobiaosongTTF string
	//go:embed NotoSerifCJKsc-Regular-Symbols.ttf
	songTTF string
	//go:embed NotoSansCJKsc-Regular-Ext.ttf
	fallbackTTF string

	//go:embed LICENSE.Fandol.txt
	fandolLicence string
	//go:embed LICENSE.NotoCJK-OFL.txt
	notoLicence string
	//go:embed ARPHICPL.TXT
	arphicLicence string
)

// face is one embedded font. Only the lazily parsed metrics change after
// package initialisation, under once.
type face struct {
	name    string
	file    string // file name in fonts/
	licence string // licence file name
	data    *string

	once sync.Once
	m    *metrics
	err  error
}

var (
	fangsong     = face{name: "fangsong", file: "FandolFang-Regular.ttf", licence: licenceFandol, data: &fangsongTTF}
	hei          = face{name: "hei", file: "NotoSansCJKsc-Regular-GB.ttf", licence: licenceNoto, data: &heiTTF}
	kai          = face{name: "kai", file: "gkai00mp.ttf", licence: licenceArphic, data: &kaiTTF}
	xiaobiaosong = face{name: "xiaobiaosong", file: "NotoSerifCJKsc-Bold-GB.ttf", licence: licenceNoto, data: &xiaobiaosongTTF}
	song         = face{name: "song", file: "NotoSerifCJKsc-Regular-Symbols.ttf", licence: licenceNoto, data: &songTTF}
	fallback     = face{name: "fallback", file: "NotoSansCJKsc-Regular-Ext.ttf", licence: licenceNoto, data: &fallbackTTF}
)

// lookup maps a face name to its face; a switch keeps the per-character path
// free of map hashing.
func lookup(name string) *face {
	switch name {
	case "fangsong":
		return &fangsong
	case "hei":
		return &hei
	case "kai":
		return &kai
	case "xiaobiaosong":
		return &xiaobiaosong
	case "song":
		return &song
	case "fallback":
		return &fallback
	}
	return nil
}

// Faces returns the face names, in a fixed order.
func Faces() []string {
	return []string{"fangsong", "hei", "kai", "xiaobiaosong", "song", "fallback"}
}

// ErrUnknownFace is returned (wrapped) by Data for a name that is not a face.
var ErrUnknownFace = errors.New("fonts: unknown face")

// Data returns the embedded TrueType bytes of face. The slice is a fresh copy
// that the caller owns; keep it rather than asking again for every document.
func Data(name string) ([]byte, error) {
	f := lookup(name)
	if f == nil {
		return nil, fmt.Errorf("%w %q", ErrUnknownFace, name)
	}
	return []byte(*f.data), nil
}

// View returns the embedded TrueType bytes of face without copying them:
// the slice aliases the program's read-only data, so the caller must never
// write to it (a write faults). It spares the copy Data makes — about 17 MB
// for the faces of a notice, the largest cost of a gongwen build run
// (docs/benchmarks.md) — for callers that only read, such as the PDF
// subsetter.
func View(name string) ([]byte, error) {
	f := lookup(name)
	if f == nil {
		return nil, fmt.Errorf("%w %q", ErrUnknownFace, name)
	}
	return unsafe.Slice(unsafe.StringData(*f.data), len(*f.data)), nil
}

// File returns the file name under fonts/ of face ("" for an unknown face).
func File(name string) string {
	if f := lookup(name); f != nil {
		return f.file
	}
	return ""
}

// Has reports whether face's cmap maps r to a glyph, exactly as gopdf will
// look it up: the (3,1) format 4 subtable for the BMP, the (3,10) format 12
// one beyond it. It is false for an unknown face.
func Has(name string, r rune) bool {
	m := load(name)
	return m != nil && m.glyph(r) != 0
}

// Advance returns the horizontal advance of r in face, in em
// (advanceWidth/unitsPerEm). ok is false if face is unknown or lacks r.
func Advance(name string, r rune) (em float64, ok bool) {
	m := load(name)
	if m == nil {
		return 0, false
	}
	g := m.glyph(r)
	if g == 0 {
		return 0, false
	}
	return float64(m.advance(g)) / float64(m.unitsPerEm), true
}

// Licences maps each face to the name of its licence file (see LicenceText).
func Licences() map[string]string {
	out := make(map[string]string, 6)
	for _, n := range Faces() {
		out[n] = lookup(n).licence
	}
	return out
}

// LicenceText returns the text of a licence file named by Licences.
func LicenceText(file string) (string, error) {
	switch file {
	case licenceFandol:
		return fandolLicence, nil
	case licenceNoto:
		return notoLicence, nil
	case licenceArphic:
		return arphicLicence, nil
	}
	return "", fmt.Errorf("fonts: unknown licence file %q", file)
}

// load parses face name once and returns its metrics (nil if unknown or broken).
func load(name string) *metrics {
	f := lookup(name)
	if f == nil {
		return nil
	}
	f.once.Do(func() { f.m, f.err = parse(*f.data) })
	return f.m
}

// parseErr returns the error, if any, met when parsing face name; for tests.
func parseErr(name string) error {
	if load(name) == nil {
		f := lookup(name)
		if f == nil {
			return fmt.Errorf("%w %q", ErrUnknownFace, name)
		}
		return f.err
	}
	return nil
}

// metrics is what Has and Advance need from a font.
type metrics struct {
	bmp        []uint16 // glyph id by BMP code point (65536 entries), 0 = none
	groups     []group  // format 12 groups beyond the BMP, sorted
	hmtx       string   // the hmtx table
	numHM      int      // hhea.numberOfHMetrics
	numGlyphs  int
	unitsPerEm int
}

type group struct{ start, end, glyph uint32 }

func (m *metrics) glyph(r rune) uint16 {
	if r < 0 {
		return 0
	}
	if r <= 0xFFFF {
		return m.bmp[r]
	}
	c := uint32(r)
	i := sort.Search(len(m.groups), func(i int) bool { return m.groups[i].end >= c })
	if i < len(m.groups) && m.groups[i].start <= c {
		g := m.groups[i].glyph + (c - m.groups[i].start)
		if g < uint32(m.numGlyphs) {
			return uint16(g)
		}
	}
	return 0
}

func (m *metrics) advance(g uint16) int {
	i := int(g)
	if i >= m.numHM {
		i = m.numHM - 1
	}
	return int(be16(m.hmtx, 4*i))
}

func be16(s string, off int) uint16 { return uint16(s[off])<<8 | uint16(s[off+1]) }
func be32(s string, off int) uint32 {
	return uint32(s[off])<<24 | uint32(s[off+1])<<16 | uint32(s[off+2])<<8 | uint32(s[off+3])
}

var errFormat = errors.New("fonts: malformed font")

// parse reads head, hhea, maxp, hmtx and cmap from a TrueType file.
func parse(s string) (m *metrics, err error) {
	defer func() {
		// Every offset is checked below; this only turns a missed check into an error.
		if recover() != nil {
			m, err = nil, errFormat
		}
	}()
	if len(s) < 12 || be32(s, 0) != 0x00010000 {
		return nil, fmt.Errorf("%w: not a TrueType (00 01 00 00) file", errFormat)
	}
	tables := map[string]string{}
	n := int(be16(s, 4))
	if 12+16*n > len(s) {
		return nil, errFormat
	}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		off, length := int(be32(s, rec+8)), int(be32(s, rec+12))
		if off < 0 || length < 0 || off+length > len(s) {
			return nil, fmt.Errorf("%w: table %q out of bounds", errFormat, s[rec:rec+4])
		}
		tables[s[rec:rec+4]] = s[off : off+length]
	}
	head, hhea, maxp, hmtx, cmap := tables["head"], tables["hhea"], tables["maxp"], tables["hmtx"], tables["cmap"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || cmap == "" {
		return nil, fmt.Errorf("%w: missing head, hhea, maxp or cmap", errFormat)
	}
	m = &metrics{
		unitsPerEm: int(be16(head, 18)),
		numHM:      int(be16(hhea, 34)),
		numGlyphs:  int(be16(maxp, 4)),
		hmtx:       hmtx,
	}
	if m.unitsPerEm == 0 || m.numHM == 0 || len(hmtx) < 4*m.numHM {
		return nil, fmt.Errorf("%w: bad head, hhea or hmtx", errFormat)
	}
	var f4, f12 string
	if len(cmap) < 4 {
		return nil, errFormat
	}
	for i, nt := 0, int(be16(cmap, 2)); i < nt; i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return nil, errFormat
		}
		plat, enc, off := be16(cmap, rec), be16(cmap, rec+2), int(be32(cmap, rec+4))
		if off+4 > len(cmap) {
			return nil, errFormat
		}
		switch {
		case plat == 3 && enc == 1 && be16(cmap, off) == 4:
			f4 = cmap[off:]
		case plat == 3 && enc == 10 && be16(cmap, off) == 12:
			f12 = cmap[off:]
		}
	}
	if f4 == "" {
		return nil, fmt.Errorf("%w: no (3,1) format 4 cmap", errFormat)
	}
	if m.bmp, err = parseFormat4(f4, m.numGlyphs); err != nil {
		return nil, err
	}
	if f12 != "" {
		if m.groups, err = parseFormat12(f12); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func parseFormat4(t string, numGlyphs int) ([]uint16, error) {
	if len(t) < 14 {
		return nil, errFormat
	}
	segs := int(be16(t, 6)) / 2
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	if ranges+2*segs > len(t) {
		return nil, errFormat
	}
	bmp := make([]uint16, 0x10000)
	for i := 0; i < segs; i++ {
		start, end := int(be16(t, starts+2*i)), int(be16(t, ends+2*i))
		delta, ro := int(be16(t, deltas+2*i)), int(be16(t, ranges+2*i))
		for c := start; c <= end && c != 0xFFFF; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				off := ranges + 2*i + ro + 2*(c-start)
				if off+2 > len(t) {
					return nil, errFormat
				}
				if g = int(be16(t, off)); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g < numGlyphs {
				bmp[c] = uint16(g)
			}
		}
	}
	return bmp, nil
}

func parseFormat12(t string) ([]group, error) {
	if len(t) < 16 {
		return nil, errFormat
	}
	n := int(be32(t, 12))
	if n < 0 || 16+12*n > len(t) {
		return nil, errFormat
	}
	var gs []group
	for i := 0; i < n; i++ {
		g := group{be32(t, 16+12*i), be32(t, 20+12*i), be32(t, 24+12*i)}
		if g.end < g.start {
			return nil, errFormat
		}
		if g.end <= 0xFFFF {
			continue // the BMP comes from format 4, as in gopdf
		}
		if g.start <= 0xFFFF {
			g.glyph += 0x10000 - g.start
			g.start = 0x10000
		}
		gs = append(gs, g)
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i].start < gs[j].start })
	return gs, nil
}
