package source

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos is a place in a notice file: line and column, both 1-based, the column
// counted in characters (runes), as an editor shows it.
type Pos struct {
	Line, Col int
}

// Positions maps every key path of a (syntactically valid) notice file to
// where its key and its value stand. Paths are written as the checks name
// them: main.section[1].section[0].text, attachment[0].table[0].rows[3][2].
//
// BurntSushi/toml does not export key positions, so a small scanner of our
// own walks the text once. It assumes the text has already been parsed
// without error.
type Positions struct {
	text       string
	lineStarts []int
	entries    map[string]*entry
	// segs are the files the notice includes (include.go): their entries
	// stand at offsets past the notice's own text, each file from its
	// segment's base, and their lines are numbered from lineBase.
	segs []segment
}

// segment is one included file's text within Positions.
type segment struct {
	base     int // offset of the file's first byte
	lineBase int // added to its line numbers (a multiple of includeLines)
	pos      *Positions
}

// seg returns the segment holding offset off, or nil for the notice's own
// text.
func (p *Positions) seg(off int) *segment {
	for i := len(p.segs) - 1; i >= 0; i-- {
		if off >= p.segs[i].base {
			return &p.segs[i]
		}
	}
	return nil
}

// addSegment adds the positions q of an included file, numbering its lines
// from lineBase. Paths already known keep their place.
func (p *Positions) addSegment(q *Positions, lineBase int) {
	base := len(p.text) + 1
	if n := len(p.segs); n > 0 {
		last := p.segs[n-1]
		base = last.base + len(last.pos.text) + 1
	}
	p.segs = append(p.segs, segment{base: base, lineBase: lineBase, pos: q})
	for path, e := range q.entries {
		if _, ok := p.entries[path]; ok {
			continue
		}
		c := *e
		c.key += base
		if c.val >= 0 {
			c.val += base
		}
		c.valEnd += base
		c.lineFrom += base
		c.lineTo += base
		p.entries[path] = &c
	}
}

// entry is where one path stands, as byte offsets into the text.
type entry struct {
	key      int // the key (or the table header's "[")
	val      int // the value; -1 for tables declared by a header
	valEnd   int // just past the value
	lineFrom int // start of the line the key (or header) is on
	lineTo   int // end of the line the value ends on (past its newline)
}

// scanPositions scans text, which must be valid TOML.
func scanPositions(text string) *Positions {
	p := &Positions{text: text, lineStarts: []int{0}, entries: map[string]*entry{}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			p.lineStarts = append(p.lineStarts, i+1)
		}
	}
	s := &scanner{s: text, p: p, arrays: map[string]int{}}
	s.run()
	return p
}

// At converts a byte offset into a line and column.
func (p *Positions) At(off int) Pos {
	if sg := p.seg(off); sg != nil {
		at := sg.pos.At(off - sg.base)
		at.Line += sg.lineBase
		return at
	}
	if off < 0 {
		off = 0
	}
	if off > len(p.text) {
		off = len(p.text)
	}
	line := sort.Search(len(p.lineStarts), func(i int) bool { return p.lineStarts[i] > off }) - 1
	return Pos{Line: line + 1, Col: utf8.RuneCountInString(p.text[p.lineStarts[line]:off]) + 1}
}

// Key returns where the key of path stands (for a table, its header).
func (p *Positions) Key(path string) (Pos, bool) {
	e, ok := p.entries[path]
	if !ok {
		return Pos{}, false
	}
	return p.At(e.key), true
}

// Value returns where the value of path starts; for a table declared by a
// header, where the header stands.
func (p *Positions) Value(path string) (Pos, bool) {
	e, ok := p.entries[path]
	if !ok {
		return Pos{}, false
	}
	if e.val < 0 {
		return p.At(e.key), true
	}
	return p.At(e.val), true
}

// Nearest returns the value position of path or, when path does not appear
// in the file, of its closest ancestor that does; 1:1 when none does.
func (p *Positions) Nearest(path string) Pos {
	for path != "" {
		if pos, ok := p.Value(path); ok {
			return pos
		}
		path = parentPath(path)
	}
	return Pos{Line: 1, Col: 1}
}

// NearestKey is Nearest for the key's position.
func (p *Positions) NearestKey(path string) Pos {
	for path != "" {
		if pos, ok := p.Key(path); ok {
			return pos
		}
		path = parentPath(path)
	}
	return Pos{Line: 1, Col: 1}
}

// Has reports whether path is written in the file.
func (p *Positions) Has(path string) bool {
	_, ok := p.entries[path]
	return ok
}

// String decodes the string value of path as the file writes it and returns
// it with the byte offset in the file of each of its runes. ok is false when
// path has no string value in the file.
func (p *Positions) String(path string) (s string, offsets []int, ok bool) {
	e, found := p.entries[path]
	if !found || e.val < 0 {
		return "", nil, false
	}
	text, val, base := p.text, e.val, 0
	if sg := p.seg(e.val); sg != nil {
		text, base = sg.pos.text, sg.base
		val -= base
	}
	if val >= len(text) {
		return "", nil, false
	}
	c := text[val]
	if c != '"' && c != '\'' {
		return "", nil, false
	}
	s, offsets, _ = decodeString(text, val)
	if base != 0 {
		for i := range offsets {
			offsets[i] += base
		}
	}
	return s, offsets, true
}

// Span is where a path stands in the text, as byte offsets.
type Span struct {
	Key      int // the key (for a table, its name in the header)
	From, To int // the value; From is -1 for a table declared by a header
	LineFrom int // the start of the key's line
	LineTo   int // the end of the value's last line, its newline included
}

// Span returns where path stands in the notice's own text; false for a
// path not written there (nor for one written in a file it includes).
func (p *Positions) Span(path string) (Span, bool) {
	e, found := p.entries[path]
	if !found || p.seg(e.key) != nil {
		return Span{}, false
	}
	return Span{Key: e.key, From: e.val, To: e.valEnd, LineFrom: e.lineFrom, LineTo: e.lineTo}, true
}

// ScanPositions maps the key paths of text, which must be valid TOML (check
// it first), to their places; tools that edit a notice as text use it.
func ScanPositions(text string) *Positions { return scanPositions(text) }

// parentPath drops the last element of a path: a.b[2].c → a.b[2] → a.b → a.
func parentPath(path string) string {
	if strings.HasSuffix(path, "]") {
		if i := strings.LastIndexByte(path, '['); i >= 0 {
			return path[:i]
		}
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

// joinPath appends a key to a path, quoting it when it is not a bare key.
func joinPath(path, key string) string {
	if !isBareKey(key) {
		key = strconv.Quote(key)
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func indexPath(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func isBareKey(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

type scanner struct {
	s      string
	i      int
	p      *Positions
	arrays map[string]int // array-of-tables path → number of elements so far
	table  string         // path of the current table
}

func (s *scanner) record(path string, key, val, end int) {
	e := &entry{key: key, val: val, valEnd: end}
	e.lineFrom = strings.LastIndexByte(s.s[:key], '\n') + 1
	to := end
	if to < key {
		to = key
	}
	if j := strings.IndexByte(s.s[to:], '\n'); j >= 0 {
		e.lineTo = to + j + 1
	} else {
		e.lineTo = len(s.s)
	}
	s.p.entries[path] = e
}

func (s *scanner) recordIfAbsent(path string, key int) {
	if _, ok := s.p.entries[path]; !ok {
		s.record(path, key, -1, key)
	}
}

func (s *scanner) eof() bool { return s.i >= len(s.s) }

// skipSpace skips blanks, and newlines and comments when nl is true.
func (s *scanner) skipSpace(nl bool) {
	for !s.eof() {
		switch c := s.s[s.i]; {
		case c == ' ' || c == '\t':
			s.i++
		case nl && (c == '\n' || c == '\r'):
			s.i++
		case nl && c == '#':
			s.skipComment()
		default:
			return
		}
	}
}

func (s *scanner) skipComment() {
	if j := strings.IndexByte(s.s[s.i:], '\n'); j >= 0 {
		s.i += j
	} else {
		s.i = len(s.s)
	}
}

func (s *scanner) run() {
	for {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		start := s.i
		if s.s[s.i] == '[' {
			array := strings.HasPrefix(s.s[s.i:], "[[")
			if array {
				s.i += 2
			} else {
				s.i++
			}
			s.skipSpace(false)
			name := s.i // unknown tables are reported at their name
			parts := s.keyParts()
			s.skipSpace(false)
			if array {
				s.i += 2
			} else {
				s.i++
			}
			s.table = s.header(parts, array, start, name)
			s.skipLine()
			continue
		}
		s.keyValue(s.table)
		s.skipLine()
	}
}

// skipLine skips the rest of a line (blanks and a comment).
func (s *scanner) skipLine() {
	s.skipSpace(false)
	if !s.eof() && s.s[s.i] == '#' {
		s.skipComment()
	}
	if !s.eof() && s.s[s.i] != '\n' && s.s[s.i] != '\r' {
		// Not at a line end: the text is not what we expected. Move on to the
		// next line so that the scan always ends.
		if j := strings.IndexByte(s.s[s.i:], '\n'); j >= 0 {
			s.i += j
		} else {
			s.i = len(s.s)
		}
	}
}

// header resolves a table header's parts into a path, the elements of arrays
// of tables given by their current index.
// The key of a table is where its name starts.
func (s *scanner) header(parts []string, array bool, start, name int) string {
	path := ""
	for k, part := range parts {
		path = joinPath(path, part)
		last := k == len(parts)-1
		if last && array {
			n := s.arrays[path]
			s.arrays[path] = n + 1
			s.recordIfAbsent(path, name)
			path = indexPath(path, n)
			s.record(path, name, -1, start)
			return path
		}
		if n, ok := s.arrays[path]; ok && n > 0 {
			path = indexPath(path, n-1)
		}
		if last {
			s.record(path, name, -1, start)
		} else {
			s.recordIfAbsent(path, name)
		}
	}
	return path
}

// keyParts reads a (possibly dotted) key.
func (s *scanner) keyParts() []string {
	var parts []string
	for {
		s.skipSpace(false)
		if s.eof() {
			return parts
		}
		switch s.s[s.i] {
		case '"', '\'':
			str, _, end := decodeString(s.s, s.i)
			parts = append(parts, str)
			s.i = end
		default:
			j := s.i
			for j < len(s.s) && !strings.ContainsRune(" \t\r\n=.[]#\"',{}", rune(s.s[j])) {
				j++
			}
			if j == s.i { // not a key at all; make progress
				return parts
			}
			parts = append(parts, s.s[s.i:j])
			s.i = j
		}
		s.skipSpace(false)
		if s.eof() || s.s[s.i] != '.' {
			return parts
		}
		s.i++
	}
}

// keyValue reads key = value within the table at path.
func (s *scanner) keyValue(table string) {
	start := s.i
	parts := s.keyParts()
	if len(parts) == 0 {
		s.i++
		return
	}
	path := table
	for k, part := range parts {
		path = joinPath(path, part)
		if k < len(parts)-1 {
			s.recordIfAbsent(path, start)
		}
	}
	s.skipSpace(false)
	if !s.eof() && s.s[s.i] == '=' {
		s.i++
	}
	s.skipSpace(false)
	s.value(path, start)
}

// value reads one value and records it under path.
func (s *scanner) value(path string, key int) {
	if s.eof() {
		return
	}
	start := s.i
	switch c := s.s[s.i]; c {
	case '"', '\'':
		_, _, end := decodeString(s.s, s.i)
		s.i = end
	case '[':
		s.i++
		for n := 0; ; n++ {
			s.skipSpace(true)
			if s.eof() {
				break
			}
			if s.s[s.i] == ']' {
				s.i++
				break
			}
			at := s.i
			s.value(indexPath(path, n), at)
			s.skipSpace(true)
			if !s.eof() && s.s[s.i] == ',' {
				s.i++
			}
			if s.i == at { // no progress: give up on this array
				break
			}
		}
	case '{':
		s.i++
		for {
			s.skipSpace(true)
			if s.eof() {
				break
			}
			if s.s[s.i] == '}' {
				s.i++
				break
			}
			at := s.i
			s.keyValue(path)
			s.skipSpace(true)
			if !s.eof() && s.s[s.i] == ',' {
				s.i++
			}
			if s.i == at {
				break
			}
		}
	default:
		j := s.i
		for j < len(s.s) && !strings.ContainsRune(",]}\r\n#", rune(s.s[j])) {
			j++
		}
		// A date-time may hold one space ("2021-09-22 10:00:00"); trailing
		// blanks belong to no value.
		for j > s.i && (s.s[j-1] == ' ' || s.s[j-1] == '\t') {
			j--
		}
		if j == s.i {
			j++
		}
		s.i = j
	}
	s.record(path, key, start, s.i)
}

// decodeString decodes the TOML string starting at text[i] (any of the four
// kinds) and returns its value, the byte offset in text of each rune of the
// value, and the offset just past the closing quote. An escape maps to the
// offset of its backslash.
func decodeString(text string, i int) (string, []int, int) {
	var b strings.Builder
	var offs []int
	q := text[i]
	multi := strings.HasPrefix(text[i:], strings.Repeat(string(q), 3))
	basic := q == '"'
	if multi {
		i += 3
		// A newline right after the opening delimiter is trimmed.
		if strings.HasPrefix(text[i:], "\r\n") {
			i += 2
		} else if i < len(text) && text[i] == '\n' {
			i++
		}
	} else {
		i++
	}
	add := func(r rune, at int) {
		b.WriteRune(r)
		offs = append(offs, at)
	}
	for i < len(text) {
		c := text[i]
		if c == q {
			if !multi {
				return b.String(), offs, i + 1
			}
			if strings.HasPrefix(text[i:], strings.Repeat(string(q), 3)) {
				// Up to two more quotes before the delimiter belong to the value.
				n := 3
				for n < 5 && i+n < len(text) && text[i+n] == q {
					n++
				}
				for k := 0; k < n-3; k++ {
					add(rune(q), i+k)
				}
				return b.String(), offs, i + n
			}
			add(rune(q), i)
			i++
			continue
		}
		if !multi && c == '\n' { // unterminated: stop at the line end
			return b.String(), offs, i
		}
		if basic && c == '\\' && i+1 < len(text) {
			at := i
			e := text[i+1]
			switch e {
			case 'b':
				add('\b', at)
			case 't':
				add('\t', at)
			case 'n':
				add('\n', at)
			case 'f':
				add('\f', at)
			case 'r':
				add('\r', at)
			case 'e':
				add('\x1b', at)
			case '"':
				add('"', at)
			case '\\':
				add('\\', at)
			case 'x', 'u', 'U':
				n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
				if i+2+n <= len(text) {
					if v, err := strconv.ParseUint(text[i+2:i+2+n], 16, 32); err == nil {
						add(rune(v), at)
						i += 2 + n
						continue
					}
				}
				add('\\', at)
				i++
				continue
			default:
				// A line-ending backslash trims the newline and all blanks after it.
				j := i + 1
				for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
					j++
				}
				if multi && j < len(text) && (text[j] == '\n' || text[j] == '\r') {
					for j < len(text) && strings.ContainsRune(" \t\r\n", rune(text[j])) {
						j++
					}
					i = j
					continue
				}
				add('\\', at)
				i++
				continue
			}
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		add(r, i)
		i += size
	}
	return b.String(), offs, i
}
