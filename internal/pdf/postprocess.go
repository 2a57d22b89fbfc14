package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/layout"
	"github.com/gongwen/gongwen/internal/pdf/syntax"
)

// nestOutline rewrites the outline gopdf wrote flat into the tree the
// bookmarks' levels describe: 一、 sections with their （一） subsections
// beneath, attachments at the top level.
//
// gopdf can link outline items into a tree but writes no /Count for items
// with children (required by ISO 32000-1 Table 153, and strict validators
// reject the file), points every item's /Parent at the wrong object, and
// leaves the root's /Last and the top-level /Prev links pointing at
// children. So the items are added flat, in document order, and here
// rewritten: their /Dest and /Title are kept, the links are made anew, and
// the cross-reference table is rebuilt from gopdf's own (objects are found
// by the offsets it records, never by scanning stream data).
func nestOutline(pdf []byte, objs []syntax.Object, bms []layout.Bookmark, bodies map[int][]byte) error {
	if len(bms) == 0 {
		return nil
	}
	// The root and the items, in object order (gopdf numbers them as it
	// creates them, in bookmark order).
	root := -1
	var items []int
	for i, o := range objs {
		body := pdf[o.Start:o.End]
		switch {
		case bytes.Contains(body, []byte("/Type /Outlines")):
			root = i
		case bytes.Contains(body, []byte("/Dest [")) && bytes.Contains(body, []byte("/Title <")):
			items = append(items, i)
		}
	}
	if root < 0 || len(items) != len(bms) {
		return fmt.Errorf("outline: found root %v and %d items for %d bookmarks", root >= 0, len(items), len(bms))
	}

	// The tree: parent of each item (-1: the root), children in order.
	parent := make([]int, len(bms))
	kids := make([][]int, len(bms)+1) // kids[len(bms)] are the root's
	var stack []int
	for i, b := range bms {
		lvl := max(b.Level, 1)
		lvl = min(lvl, len(stack)+1)
		stack = stack[:lvl-1]
		p := -1
		if lvl > 1 {
			p = stack[lvl-2]
		}
		parent[i] = p
		if p < 0 {
			kids[len(bms)] = append(kids[len(bms)], i)
		} else {
			kids[p] = append(kids[p], i)
		}
		stack = append(stack, i)
	}
	var descendants func(i int) int
	descendants = func(i int) int {
		n := 0
		for _, k := range kids[i] {
			n += 1 + descendants(k)
		}
		return n
	}
	num := func(i int) int { // object number of item i (len(bms): root)
		if i == len(bms) {
			return objs[root].Num
		}
		return objs[items[i]].Num
	}
	siblings := func(i int) []int {
		if parent[i] < 0 {
			return kids[len(bms)]
		}
		return kids[parent[i]]
	}

	{
		k := kids[len(bms)]
		var b bytes.Buffer
		fmt.Fprintf(&b, "%d 0 obj\n<<\n/Type /Outlines\n/First %d 0 R\n/Last %d 0 R\n/Count %d\n>>\nendobj\n",
			num(len(bms)), num(k[0]), num(k[len(k)-1]), len(bms))
		bodies[root] = b.Bytes()
	}
	for i := range bms {
		old := pdf[objs[items[i]].Start:objs[items[i]].End]
		dest := reDest.Find(old)
		if dest == nil {
			return errors.New("outline: item without /Dest")
		}
		title := []byte("/Title " + syntax.TextString(bms[i].Title))
		var b bytes.Buffer
		fmt.Fprintf(&b, "%d 0 obj\n<<\n", num(i))
		p := parent[i]
		if p < 0 {
			p = len(bms)
		}
		fmt.Fprintf(&b, "/Parent %d 0 R\n", num(p))
		sib := siblings(i)
		at := sort.SearchInts(sib, i)
		if at > 0 {
			fmt.Fprintf(&b, "/Prev %d 0 R\n", num(sib[at-1]))
		}
		if at+1 < len(sib) {
			fmt.Fprintf(&b, "/Next %d 0 R\n", num(sib[at+1]))
		}
		if k := kids[i]; len(k) > 0 {
			fmt.Fprintf(&b, "/First %d 0 R\n/Last %d 0 R\n/Count %d\n", num(k[0]), num(k[len(k)-1]), descendants(i))
		}
		b.Write(dest)
		b.WriteByte('\n')
		b.Write(title)
		b.WriteString("\n>>\nendobj\n")
		bodies[items[i]] = b.Bytes()
	}

	return nil
}

// rewrite reassembles the file with some objects replaced (bodies: index in
// objs → the whole new "n 0 obj … endobj" text), a new cross-reference
// table, and the trailer passed through edit, which may also give one more
// object (numbered len(objs)+1) to add.
func rewrite(pdf []byte, objs []syntax.Object, xrefAt int, bodies map[int][]byte, edit func(trailer []byte) (newTrailer, extra []byte)) ([]byte, error) {
	trailer := bytes.Index(pdf[xrefAt:], []byte("trailer"))
	startxref := bytes.LastIndex(pdf, []byte("startxref"))
	if trailer < 0 || startxref < 0 {
		return nil, errors.New("rewrite: no trailer")
	}
	newTrailer, extra := edit(pdf[xrefAt+trailer : startxref])
	var out bytes.Buffer
	out.Grow(len(pdf) + len(extra) + 1024)
	out.Write(pdf[:objs[0].Start])
	offsets := make(map[int]int, len(objs)+1)
	for i, o := range objs {
		offsets[o.Num] = out.Len()
		if nb, ok := bodies[i]; ok {
			out.Write(nb)
		} else {
			out.Write(pdf[o.Start:o.End])
		}
	}
	size := len(objs) + 1
	if extra != nil {
		offsets[size] = out.Len()
		out.Write(extra)
		size++
	}
	newXref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for n := 1; n < size; n++ {
		off, ok := offsets[n]
		if !ok {
			return nil, fmt.Errorf("rewrite: object %d missing", n)
		}
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	out.Write(newTrailer)
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", newXref)
	return out.Bytes(), nil
}

var reDest = regexp.MustCompile(`/Dest \[[^\]]*\]`)

// postprocess mends what gopdf writes wrong, in one pass over its output:
// the outline is nested by level (nestOutline), the Info dictionary becomes
// an indirect object, and every string gopdf
// encodes as UTF-16 — the Info dictionary, the ToUnicode maps — gets
// characters beyond the BMP as surrogate pairs (gopdf writes their code
// point as five or six hex digits, which readers cannot decode: a rare
// character of a name would not be found by search or copied out).
func postprocess(pdf []byte, bms []layout.Bookmark, m doc.Meta, fonts map[string]*fontStream) ([]byte, error) {
	objs, xrefAt, err := syntax.ReadXref(pdf)
	if err != nil {
		return nil, err
	}
	bodies := map[int][]byte{}
	if err := nestOutline(pdf, objs, bms, bodies); err != nil {
		return nil, err
	}
	if err := embedPrograms(pdf, objs, fonts, bodies); err != nil {
		return nil, err
	}
	if err := compressContents(pdf, objs, bodies); err != nil {
		return nil, err
	}
	for i, o := range objs {
		body := pdf[o.Start:o.End]
		if !bytes.Contains(body, []byte("beginbfrange")) || !bytes.Contains(body, []byte("/CIDInit")) {
			continue
		}
		fixed, err := fixToUnicode(body)
		if err != nil {
			return nil, err
		}
		bodies[i] = fixed
	}
	info := map[string]string{"Title": m.Title, "Author": m.Author, "Subject": m.Subject}
	edit := func(trailer []byte) ([]byte, []byte) {
		t := string(reInfoString.ReplaceAllFunc(trailer, func(b []byte) []byte {
			key := string(reInfoString.FindSubmatch(b)[1])
			return []byte("/" + key + " " + syntax.TextString(info[key]))
		}))
		// gopdf writes the Info dictionary into the trailer; ISO 32000-1
		// §7.5.5 (Table 15) has /Info an indirect reference. It becomes
		// the last object.
		dict, at, n := syntax.DirectEntry(t, "/Info")
		if n == 0 {
			return []byte(t), nil
		}
		num := len(objs) + 1
		t = t[:at] + fmt.Sprintf("/Info %d 0 R", num) + t[at+n:]
		t = reSize.ReplaceAllString(t, fmt.Sprintf("/Size %d", num+1))
		return []byte(t), fmt.Appendf(nil, "%d 0 obj\n%s\nendobj\n", num, dict)
	}
	return rewrite(pdf, objs, xrefAt, bodies, edit)
}

var (
	// a bfrange entry whose Unicode value gopdf wrote with more than four
	// hex digits
	reWideRange  = regexp.MustCompile(`<([0-9A-F]{4})><([0-9A-F]{4})><([0-9A-F]{5,6})>`)
	reInfoString = regexp.MustCompile(`/(Title|Author|Subject) <FEFF[0-9A-F]*>`)
	reSize       = regexp.MustCompile(`/Size \d+`)
)

// fixToUnicode rewrites a ToUnicode CMap stream object (gopdf writes it
// uncompressed) with its wide entries as surrogate pairs, its ranges in
// blocks of at most 100, and its /Length.
func fixToUnicode(obj []byte) ([]byte, error) {
	s := bytes.Index(obj, []byte("stream\n"))
	e := bytes.LastIndex(obj, []byte("endstream"))
	if s < 0 || e < s {
		return nil, errors.New("ToUnicode: no stream")
	}
	data := reWideRange.ReplaceAllFunc(obj[s+len("stream\n"):e], func(b []byte) []byte {
		m := reWideRange.FindSubmatch(b)
		r, _ := strconv.ParseUint(string(m[3]), 16, 32)
		hex := strings.TrimSuffix(strings.TrimPrefix(syntax.TextString(string(rune(r))), "<FEFF"), ">")
		return []byte("<" + string(m[1]) + "><" + string(m[2]) + "><" + hex + ">")
	})
	data = splitRanges(data)
	head := reLength.ReplaceAll(obj[:s], []byte("/Length "+strconv.Itoa(len(data))))
	var out bytes.Buffer
	out.Write(head)
	out.WriteString("stream\n")
	out.Write(data)
	out.Write(obj[e:])
	return out.Bytes(), nil
}

var reLength = regexp.MustCompile(`/Length \d+`)

var reRangeBlock = regexp.MustCompile(`(?s)\d+ beginbfrange\n(.*?)endbfrange\n`)

// splitRanges splits the one bfrange block gopdf writes into blocks of at
// most 100 entries, the limit of the CMap format (Adobe TN 5099 §7).
func splitRanges(cmap []byte) []byte {
	return reRangeBlock.ReplaceAllFunc(cmap, func(b []byte) []byte {
		entries := bytes.SplitAfter(reRangeBlock.FindSubmatch(b)[1], []byte("\n"))
		if n := len(entries); n > 0 && len(entries[n-1]) == 0 {
			entries = entries[:n-1]
		}
		var out bytes.Buffer
		for len(entries) > 0 {
			k := min(len(entries), 100)
			fmt.Fprintf(&out, "%d beginbfrange\n", k)
			for _, e := range entries[:k] {
				out.Write(e)
			}
			out.WriteString("endbfrange\n")
			entries = entries[k:]
		}
		return out.Bytes()
	})
}
