package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"regexp"
	"strconv"

	"github.com/gongwen/gongwen/internal/pdf/syntax"
)

// Page content streams are compressed in the post-pass, not by gopdf: gopdf
// makes a new zlib writer for every page, and each is about a megabyte of
// fresh memory (the compressor's tables) — for a short process, page faults
// more than compression. Here one writer is reset for every page. The level
// and the object's syntax are gopdf's, so the bytes are those gopdf wrote.

// contentLevel is the zlib level of the page content streams (gopdf's
// default).
const contentLevel = zlib.DefaultCompression

var (
	reContents    = regexp.MustCompile(`/Contents\s+(\d+) 0 R`)
	rePlainStream = regexp.MustCompile(`\A\d+ 0 obj\n<<\n/Length (\d+)\n>>\nstream\n`)
)

// compressContents sets bodies so that every page's content stream, which
// gopdf wrote uncompressed (SetNoCompression), is FlateDecode-compressed.
func compressContents(pdf []byte, objs []syntax.Object, bodies map[int][]byte) error {
	index := make(map[int]int, len(objs))
	for i, o := range objs {
		index[o.Num] = i
	}
	var zw *zlib.Writer
	var z bytes.Buffer
	for _, o := range objs {
		body := pdf[o.Start:o.End]
		if !bytes.Contains(body, []byte("/Type /Page\n")) {
			continue
		}
		m := reContents.FindSubmatch(body)
		if m == nil {
			continue
		}
		num, _ := strconv.Atoi(string(m[1]))
		i, ok := index[num]
		if !ok {
			return fmt.Errorf("content stream: object %d missing", num)
		}
		if _, done := bodies[i]; done {
			continue
		}
		c := pdf[objs[i].Start:objs[i].End]
		h := rePlainStream.FindSubmatch(c)
		if h == nil {
			return fmt.Errorf("content stream %d: not an uncompressed stream", num)
		}
		n, _ := strconv.Atoi(string(h[1]))
		start := len(h[0])
		if start+n > len(c) || !bytes.HasPrefix(c[start+n:], []byte("endstream\n")) {
			return fmt.Errorf("content stream %d: wrong /Length", num)
		}
		z.Reset()
		if zw == nil {
			var err error
			if zw, err = zlib.NewWriterLevel(&z, contentLevel); err != nil {
				return err
			}
		} else {
			zw.Reset(&z)
		}
		if _, err := zw.Write(c[start : start+n]); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		var b bytes.Buffer
		b.Grow(z.Len() + 64)
		fmt.Fprintf(&b, "%d 0 obj\n<<\n/Filter/FlateDecode/Length %d\n>>\nstream\n", num, z.Len())
		b.Write(z.Bytes())
		b.WriteString("\n")
		b.Write(c[start+n:]) // endstream, endobj and what follows, as gopdf wrote them
		bodies[i] = b.Bytes()
	}
	return nil
}
