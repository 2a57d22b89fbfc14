package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// subsetFont cuts a TrueType file down to the glyphs of runes (and the
// components of composite glyphs, and glyph 0), before gopdf sees it.
//
// gopdf parses the whole font it is given (every cmap entry into a map) and
// embeds loca and hmtx whole; for a CJK font of 10 000–30 000 glyphs that is
// most of the time of a render and tens of kilobytes of every PDF. Given a
// font of a few hundred glyphs it parses, subsets and compresses in a
// fraction of the time. Only the source font's bytes are read, by slicing:
// nothing of it is parsed beyond the tables and entries needed.
//
// The result has the tables gopdf reads (head, hhea, maxp, hmtx, cmap,
// name, OS/2, post, loca, glyf) plus the hinting tables when present; glyphs
// keep their order (new ids ascending with the old), so the output depends
// only on the font and the set of runes.
func subsetFont(data []byte, runes []rune) ([]byte, error) {
	f, err := readTables(data)
	if err != nil {
		return nil, err
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "OS/2", "post"} {
		if _, ok := f.tables[tag]; !ok {
			return nil, fmt.Errorf("字体缺少 %s 表", tag)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("字体的 head/hhea/maxp 表不完整")
	}
	numGlyphs := int(be16(maxp, 4))
	longLoca := be16(head, 50) == 1
	loca := f.tables["loca"]
	glyf := f.tables["glyf"]
	glyphAt := func(g int) ([]byte, error) {
		var a, b int
		if longLoca {
			if 4*g+8 > len(loca) {
				return nil, fmt.Errorf("字形 %d 超出 loca 表", g)
			}
			a, b = int(be32(loca, 4*g)), int(be32(loca, 4*g+4))
		} else {
			if 2*g+4 > len(loca) {
				return nil, fmt.Errorf("字形 %d 超出 loca 表", g)
			}
			a, b = 2*int(be16(loca, 2*g)), 2*int(be16(loca, 2*g+2))
		}
		if a > b || b > len(glyf) {
			return nil, fmt.Errorf("字形 %d 的 loca 偏移有误", g)
		}
		return glyf[a:b], nil
	}

	// Map runes to old glyph ids.
	lookup, err := cmapLookup(f.tables["cmap"])
	if err != nil {
		return nil, err
	}
	rs := append([]rune(nil), runes...)
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	runeGID := map[rune]int{}
	keep := map[int]bool{0: true}
	for _, r := range rs {
		g := lookup(r)
		if g <= 0 || g >= numGlyphs {
			continue // gopdf will report it through OnGlyphNotFound
		}
		runeGID[r] = g
		keep[g] = true
	}
	// Close over composite glyph components.
	queue := make([]int, 0, len(keep))
	for g := range keep {
		queue = append(queue, g)
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		b, err := glyphAt(g)
		if err != nil {
			return nil, err
		}
		for _, c := range components(b) {
			if c.gid < numGlyphs && !keep[c.gid] {
				keep[c.gid] = true
				queue = append(queue, c.gid)
			}
		}
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Ints(old)
	newID := make(map[int]int, len(old))
	for i, g := range old {
		newID[g] = i
	}

	// glyf and loca (long offsets), composite references renumbered.
	var newGlyf []byte
	newLoca := make([]byte, 4*(len(old)+1))
	for i, g := range old {
		binary.BigEndian.PutUint32(newLoca[4*i:], uint32(len(newGlyf)))
		b, err := glyphAt(g)
		if err != nil {
			return nil, err
		}
		start := len(newGlyf)
		newGlyf = append(newGlyf, b...)
		for _, c := range components(b) {
			binary.BigEndian.PutUint16(newGlyf[start+c.at:], uint16(newID[c.gid]))
		}
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*len(old):], uint32(len(newGlyf)))

	// hmtx: a full metric for every glyph.
	hmtx := f.tables["hmtx"]
	nh := int(be16(hhea, 34))
	if nh == 0 || 4*nh > len(hmtx) {
		return nil, errors.New("字体的 hmtx 表不完整")
	}
	newHmtx := make([]byte, 4*len(old))
	for i, g := range old {
		var adv, lsb uint16
		if g < nh {
			adv, lsb = be16(hmtx, 4*g), be16(hmtx, 4*g+2)
		} else {
			adv = be16(hmtx, 4*(nh-1))
			if o := 4*nh + 2*(g-nh); o+2 <= len(hmtx) {
				lsb = be16(hmtx, o)
			}
		}
		binary.BigEndian.PutUint16(newHmtx[4*i:], adv)
		binary.BigEndian.PutUint16(newHmtx[4*i+2:], lsb)
	}

	newHead := append([]byte(nil), head...)
	binary.BigEndian.PutUint32(newHead[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(newHead[50:], 1)
	newHhea := append([]byte(nil), hhea...)
	binary.BigEndian.PutUint16(newHhea[34:], uint16(len(old)))
	newMaxp := append([]byte(nil), maxp...)
	binary.BigEndian.PutUint16(newMaxp[4:], uint16(len(old)))
	post := f.tables["post"]
	if len(post) < 32 {
		return nil, errors.New("字体的 post 表不完整")
	}
	newPost := append([]byte(nil), post[:32]...)
	binary.BigEndian.PutUint32(newPost[0:], 0x00030000) // no glyph names

	cmap := buildCmap(rs, runeGID, newID)

	out := map[string][]byte{
		"head": newHead, "hhea": newHhea, "maxp": newMaxp, "hmtx": newHmtx,
		"loca": newLoca, "glyf": newGlyf, "cmap": cmap, "post": newPost,
		"name": f.tables["name"], "OS/2": f.tables["OS/2"],
	}
	for _, tag := range []string{"cvt ", "fpgm", "prep"} {
		if b, ok := f.tables[tag]; ok {
			out[tag] = b
		}
	}
	return writeFont(out), nil
}

type fontFile struct{ tables map[string][]byte }

func readTables(data []byte) (*fontFile, error) {
	if len(data) < 12 || be32(data, 0) != 0x00010000 {
		return nil, errors.New("不是 TrueType 字体文件（需要 glyf 字形的 .ttf）")
	}
	n := int(be16(data, 4))
	if 12+16*n > len(data) {
		return nil, errors.New("字体文件的表目录不完整")
	}
	f := &fontFile{tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		off, ln := int(be32(data, rec+8)), int(be32(data, rec+12))
		if off < 0 || ln < 0 || off+ln > len(data) {
			return nil, fmt.Errorf("字体文件的 %s 表超出文件", data[rec:rec+4])
		}
		f.tables[string(data[rec:rec+4])] = data[off : off+ln]
	}
	return f, nil
}

// component is a reference from a composite glyph: the glyph id and the
// offset of its 16-bit field within the glyph's bytes.
type component struct{ gid, at int }

func components(b []byte) []component {
	if len(b) < 10 || int16(be16(b, 0)) >= 0 {
		return nil // empty or simple glyph
	}
	var cs []component
	p := 10
	for p+4 <= len(b) {
		flags := be16(b, p)
		cs = append(cs, component{gid: int(be16(b, p+2)), at: p + 2})
		p += 4
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			break
		}
	}
	return cs
}

// cmapLookup returns a rune → glyph id function over the font's Unicode
// cmap: (3,10) format 12 when present, else (3,1) format 4 — the
// subtables gopdf reads.
func cmapLookup(cmap []byte) (func(rune) int, error) {
	if len(cmap) < 4 {
		return nil, errors.New("字体的 cmap 表不完整")
	}
	var f4, f12 []byte
	n := int(be16(cmap, 2))
	for i := 0; i < n && 4+8*i+8 <= len(cmap); i++ {
		rec := 4 + 8*i
		pid, eid, off := be16(cmap, rec), be16(cmap, rec+2), int(be32(cmap, rec+4))
		if off+4 > len(cmap) {
			continue
		}
		sub := cmap[off:]
		switch format := be16(sub, 0); {
		case pid == 3 && eid == 10 && format == 12:
			f12 = sub
		case pid == 3 && eid == 1 && format == 4:
			f4 = sub
		}
	}
	switch {
	case f12 != nil && len(f12) >= 16:
		ng := int(be32(f12, 12))
		if 16+12*ng > len(f12) {
			return nil, errors.New("字体的 cmap 格式 12 子表不完整")
		}
		return func(r rune) int {
			i := sort.Search(ng, func(i int) bool { return be32(f12, 16+12*i+4) >= uint32(r) })
			if i == ng {
				return 0
			}
			g := 16 + 12*i
			if start := be32(f12, g); uint32(r) < start {
				return 0
			}
			return int(be32(f12, g+8) + uint32(r) - be32(f12, g))
		}, nil
	case f4 != nil && len(f4) >= 14:
		segX2 := int(be16(f4, 6))
		seg := segX2 / 2
		ends, starts, deltas, ranges := 14, 16+segX2, 16+2*segX2, 16+3*segX2
		if ranges+segX2 > len(f4) {
			return nil, errors.New("字体的 cmap 格式 4 子表不完整")
		}
		return func(r rune) int {
			if r > 0xFFFF {
				return 0
			}
			c := uint16(r)
			i := sort.Search(seg, func(i int) bool { return be16(f4, ends+2*i) >= c })
			if i == seg || be16(f4, starts+2*i) > c {
				return 0
			}
			ro := be16(f4, ranges+2*i)
			if ro == 0 {
				return int(uint16(c + be16(f4, deltas+2*i)))
			}
			o := ranges + 2*i + int(ro) + 2*int(c-be16(f4, starts+2*i))
			if o+2 > len(f4) {
				return 0
			}
			g := be16(f4, o)
			if g == 0 {
				return 0
			}
			return int(uint16(g + be16(f4, deltas+2*i)))
		}, nil
	}
	return nil, errors.New("字体没有 Unicode 字符映射（cmap 3,1 或 3,10）")
}

// buildCmap writes a cmap with a (3,1) format 4 subtable for the BMP runes
// and, when there are others, a (3,10) format 12 subtable for all.
func buildCmap(rs []rune, runeGID map[rune]int, newID map[int]int) []byte {
	type pair struct {
		r rune
		g int
	}
	var bmp, all []pair
	for _, r := range rs {
		g, ok := runeGID[r]
		if !ok {
			continue
		}
		p := pair{r, newID[g]}
		all = append(all, p)
		if r <= 0xFFFF && r != 0xFFFF {
			bmp = append(bmp, p)
		}
	}
	// Format 4: one segment per rune, plus the final 0xFFFF segment.
	seg := len(bmp) + 1
	f4 := make([]byte, 16+8*seg)
	binary.BigEndian.PutUint16(f4[0:], 4)
	binary.BigEndian.PutUint16(f4[2:], uint16(len(f4)))
	binary.BigEndian.PutUint16(f4[6:], uint16(2*seg))
	sr, es := 2, 0
	for sr*2 <= seg {
		sr *= 2
		es++
	}
	binary.BigEndian.PutUint16(f4[8:], uint16(2*sr))
	binary.BigEndian.PutUint16(f4[10:], uint16(es))
	binary.BigEndian.PutUint16(f4[12:], uint16(2*seg-2*sr))
	ends, starts, deltas := 14, 16+2*seg, 16+4*seg
	for i := 0; i < seg; i++ {
		c, d := uint16(0xFFFF), uint16(1)
		if i < len(bmp) {
			c = uint16(bmp[i].r)
			d = uint16(bmp[i].g) - c
		}
		binary.BigEndian.PutUint16(f4[ends+2*i:], c)
		binary.BigEndian.PutUint16(f4[starts+2*i:], c)
		binary.BigEndian.PutUint16(f4[deltas+2*i:], d)
	}
	subs := [][]byte{f4}
	ids := [][2]uint16{{3, 1}}
	if len(all) > len(bmp) {
		f12 := make([]byte, 16+12*len(all))
		binary.BigEndian.PutUint16(f12[0:], 12)
		binary.BigEndian.PutUint32(f12[4:], uint32(len(f12)))
		binary.BigEndian.PutUint32(f12[12:], uint32(len(all)))
		for i, p := range all {
			o := 16 + 12*i
			binary.BigEndian.PutUint32(f12[o:], uint32(p.r))
			binary.BigEndian.PutUint32(f12[o+4:], uint32(p.r))
			binary.BigEndian.PutUint32(f12[o+8:], uint32(p.g))
		}
		subs = append(subs, f12)
		ids = append(ids, [2]uint16{3, 10})
	}
	out := make([]byte, 4+8*len(subs))
	binary.BigEndian.PutUint16(out[2:], uint16(len(subs)))
	for i, s := range subs {
		binary.BigEndian.PutUint16(out[4+8*i:], ids[i][0])
		binary.BigEndian.PutUint16(out[4+8*i+2:], ids[i][1])
		binary.BigEndian.PutUint32(out[4+8*i+4:], uint32(len(out)))
		out = append(out, s...)
	}
	return out
}

// writeFont assembles a TrueType file from tables, in tag order, each
// padded to four bytes, with checksums and head.checkSumAdjustment.
func writeFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out[0:], 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16*sr))
	headAt := -1
	for i, t := range tags {
		b := tables[t]
		rec := 12 + 16*i
		copy(out[rec:], t)
		binary.BigEndian.PutUint32(out[rec+4:], checksum(b))
		binary.BigEndian.PutUint32(out[rec+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[rec+12:], uint32(len(b)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

func be16(b []byte, o int) uint16 { return binary.BigEndian.Uint16(b[o:]) }
func be32(b []byte, o int) uint32 { return binary.BigEndian.Uint32(b[o:]) }
