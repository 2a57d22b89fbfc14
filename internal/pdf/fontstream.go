package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"regexp"
	"strconv"

	"github.com/gongwen/gongwen/internal/pdf/syntax"
)

// Font programs (the FontFile2 streams) are written by this package, not by
// gopdf. gopdf subsets every font a second time (copying the glyph data
// byte by byte) and compresses the result with zlib at the default level,
// which it does not let a caller change; for the sample that was about a
// fifth of a whole run (docs/benchmarks.md). So gopdf is given a skeleton
// of our subset — every table it reads for metrics, the character map and
// the widths, but no glyph outlines — and the font program gopdf writes
// for the skeleton is replaced, in the post-pass, by the real one, which
// was compressed on another goroutine while the pages were drawn.

// fontProgramLevel is the zlib level of the font programs. Level 1 compresses
// the sample's FangSong subset (270 KB, almost all glyph outlines) in a
// third of the time of the default level 6, for 6 % more bytes (174 → 185
// KB); the sample PDF stays under the 300 KB of issue 7.
const fontProgramLevel = zlib.BestSpeed

// programTables are the tables of an embedded TrueType font program: what
// a CIDFontType2 font needs to draw glyphs by glyph id (ISO 32000-1
// §9.9), the same set gopdf embeds. cmap, name, OS/2 and post stay out:
// the PDF's own dictionaries carry the mapping and the metrics.
var programTables = []string{"cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"}

// fontStream is a font program being compressed.
type fontStream struct {
	program []byte
	length1 int           // uncompressed length (/Length1)
	done    chan struct{} // closed when data and err are set
	data    []byte
	err     error
}

// splitSubset turns a subset font (subsetFont) into the program to embed
// and the skeleton to hand gopdf: the subset with an empty glyf table and
// every loca offset zero. Glyph ids, advance widths, the character map and
// the font-wide metrics are those of the subset, so what gopdf measures,
// maps and describes matches the program.
func splitSubset(subset []byte) (program, skeleton []byte, err error) {
	f, err := readTables(subset)
	if err != nil {
		return nil, nil, err
	}
	prog := map[string][]byte{}
	for _, tag := range programTables {
		if b, ok := f.tables[tag]; ok {
			prog[tag] = b
		}
	}
	skel := make(map[string][]byte, len(f.tables))
	for tag, b := range f.tables {
		skel[tag] = b
	}
	skel["glyf"] = nil
	skel["loca"] = make([]byte, len(f.tables["loca"]))
	return writeFont(prog), writeFont(skel), nil
}

// newFontStream is a font program to be compressed by compressPrograms.
func newFontStream(program []byte) *fontStream {
	return &fontStream{program: program, length1: len(program), done: make(chan struct{})}
}

// compressPrograms compresses the font programs one after the other on a
// goroutine of their own, with one zlib writer: a writer is about a
// megabyte of fresh memory, and for a short process the page faults of a
// writer per font cost more than the reset.
func compressPrograms(streams []*fontStream) {
	go func() {
		var zw *zlib.Writer
		for _, s := range streams {
			var buf bytes.Buffer
			buf.Grow(len(s.program) * 3 / 4)
			if zw == nil {
				zw, s.err = zlib.NewWriterLevel(&buf, fontProgramLevel)
			} else {
				zw.Reset(&buf)
			}
			if s.err == nil {
				_, s.err = zw.Write(s.program)
			}
			if s.err == nil {
				s.err = zw.Close()
			}
			s.data, s.program = buf.Bytes(), nil
			close(s.done)
		}
	}()
}

// reFontFile2 finds a font descriptor's program and its font name as gopdf
// writes them (one key a line).
var reFontFile2 = regexp.MustCompile(`/FontFile2 (\d+) 0 R\n/FontName /([!-~]+)\n`)

// embedPrograms sets bodies so that each font program object gopdf wrote
// holds the real program of its font (streams: family name → program). Every
// family must be found exactly once.
func embedPrograms(pdf []byte, objs []syntax.Object, streams map[string]*fontStream, bodies map[int][]byte) error {
	if len(streams) == 0 {
		return nil
	}
	index := make(map[int]int, len(objs)) // object number → index in objs
	for i, o := range objs {
		index[o.Num] = i
	}
	found := 0
	for _, o := range objs {
		body := pdf[o.Start:o.End]
		if !bytes.Contains(body, []byte("/Type /FontDescriptor")) {
			continue
		}
		m := reFontFile2.FindSubmatch(body)
		if m == nil {
			continue
		}
		s, ok := streams[string(m[2])]
		if !ok {
			return fmt.Errorf("font program: no program for %s", m[2])
		}
		num, _ := strconv.Atoi(string(m[1]))
		i, ok := index[num]
		if !ok {
			return fmt.Errorf("font program: object %d of %s missing", num, m[2])
		}
		<-s.done
		if s.err != nil {
			return fmt.Errorf("font program of %s: %w", m[2], s.err)
		}
		var b bytes.Buffer
		b.Grow(len(s.data) + 128)
		fmt.Fprintf(&b, "%d 0 obj\n<</Length %d\n/Filter /FlateDecode\n/Length1 %d\n>>\nstream\n", num, len(s.data), s.length1)
		b.Write(s.data)
		b.WriteString("\nendstream\nendobj\n")
		bodies[i] = b.Bytes()
		found++
	}
	if found != len(streams) {
		return fmt.Errorf("font program: %d of %d fonts found", found, len(streams))
	}
	return nil
}
