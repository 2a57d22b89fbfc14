// Package syntax holds the few pieces of PDF file syntax (ISO 32000-1 §7)
// that more than one package writes or reads back: text strings, and the
// cross-reference table of a file written in one piece, as gopdf and the
// PDF writer's post-pass write it. The writer (package pdf) mends gopdf's
// output with them, and the signer (package sign) converts that output to
// PDF/A with them.
package syntax

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// TextString is s as a PDF text string (§7.9.2.2): UTF-16BE with a byte
// order mark, in hex, characters beyond the BMP as surrogate pairs. A hex
// string needs no escaping, whatever bytes the characters have.
func TextString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// Object is an indirect object's place in a file: b[Start:End] runs from
// "Num 0 obj" to the next object (the last one to the cross-reference
// table).
type Object struct{ Num, Start, End int }

// ReadXref reads the one classic cross-reference table of a file written
// in one piece (one section, objects 1…n all in use, no incremental
// update) and returns the objects in file order and the offset of the
// table. Objects are found by the offsets the table records, never by
// scanning for "obj" (which stream data may hold). Any other file is an
// error.
func ReadXref(pdf []byte) ([]Object, int, error) {
	sx := bytes.LastIndex(pdf, []byte("startxref"))
	if sx < 0 {
		return nil, 0, errors.New("xref: no startxref")
	}
	f := bytes.Fields(pdf[sx+len("startxref"):])
	if len(f) == 0 {
		return nil, 0, errors.New("xref: bad startxref")
	}
	at, err := strconv.Atoi(string(f[0]))
	if err != nil || at < 0 || at >= len(pdf) || !bytes.HasPrefix(pdf[at:], []byte("xref")) {
		return nil, 0, errors.New("xref: bad xref offset")
	}
	lines := bytes.Split(pdf[at:], []byte("\n"))
	if len(lines) < 3 {
		return nil, 0, errors.New("xref: short xref")
	}
	hdr := bytes.Fields(lines[1])
	if len(hdr) != 2 || string(hdr[0]) != "0" {
		return nil, 0, errors.New("xref: unexpected xref section")
	}
	n, err := strconv.Atoi(string(hdr[1]))
	if err != nil || n < 2 || len(lines) < 3+n {
		return nil, 0, errors.New("xref: bad xref size")
	}
	if t := bytes.TrimSpace(lines[2+n]); !bytes.HasPrefix(t, []byte("trailer")) {
		return nil, 0, errors.New("xref: more than one section")
	}
	if bytes.Contains(pdf[at:sx], []byte("/Prev")) {
		return nil, 0, errors.New("xref: an incremental update")
	}
	objs := make([]Object, 0, n-1)
	for i := 1; i < n; i++ {
		e := bytes.Fields(lines[2+i])
		if len(e) != 3 || string(e[2]) != "n" {
			return nil, 0, fmt.Errorf("xref: entry %d not in use", i)
		}
		off, err := strconv.Atoi(string(e[0]))
		if err != nil || off <= 0 || off >= at {
			return nil, 0, fmt.Errorf("xref: bad offset of object %d", i)
		}
		objs = append(objs, Object{Num: i, Start: off})
	}
	sort.Slice(objs, func(a, b int) bool { return objs[a].Start < objs[b].Start })
	for i := range objs {
		if i+1 < len(objs) {
			objs[i].End = objs[i+1].Start
		} else {
			objs[i].End = at
		}
		if objs[i].Start == objs[i].End || !bytes.HasPrefix(pdf[objs[i].Start:], []byte(strconv.Itoa(objs[i].Num)+" 0 obj")) {
			return nil, 0, fmt.Errorf("xref: object %d not at its offset", objs[i].Num)
		}
	}
	return objs, at, nil
}

// Dict is the dictionary of object o of pdf, as written ("<< … >>"); an
// error when the object is a stream or not a dictionary.
func Dict(pdf []byte, o Object) ([]byte, error) {
	body := pdf[o.Start:o.End]
	body = body[len(strconv.Itoa(o.Num)+" 0 obj"):]
	end := bytes.LastIndex(body, []byte("endobj"))
	if end < 0 {
		return nil, fmt.Errorf("对象 %d 不完整", o.Num)
	}
	d := bytes.TrimSpace(body[:end])
	if !bytes.HasPrefix(d, []byte("<<")) || !bytes.HasSuffix(d, []byte(">>")) || bytes.Contains(d, []byte("stream")) {
		return nil, fmt.Errorf("对象 %d 不是字典", o.Num)
	}
	return d, nil
}

// DirectEntry finds key followed by a direct dictionary in s and returns
// the dictionary's text, where the key starts and how long key and value
// are together (0 when key is absent or not followed by a dictionary).
func DirectEntry(s, key string) (string, int, int) {
	at := strings.Index(s, key)
	if at < 0 {
		return "", 0, 0
	}
	i := at + len(key)
	for i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
		i++
	}
	if !strings.HasPrefix(s[i:], "<<") {
		return "", 0, 0
	}
	start, depth := i, 0
	for i < len(s) {
		switch {
		case strings.HasPrefix(s[i:], "<<"):
			depth++
			i += 2
		case strings.HasPrefix(s[i:], ">>"):
			depth--
			i += 2
			if depth == 0 {
				return s[start:i], at, i - at
			}
		case s[i] == '<': // hex string
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				return "", 0, 0
			}
			i += j + 1
		case s[i] == '(': // literal string, with nesting and escapes
			n := 0
			for i < len(s) {
				c := s[i]
				i++
				if c == '\\' {
					i++
					continue
				}
				if c == '(' {
					n++
				} else if c == ')' {
					n--
					if n == 0 {
						break
					}
				}
			}
		default:
			i++
		}
	}
	return "", 0, 0
}
