package source

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// checkRecovered runs the checks of meaning over a file with syntax errors,
// on r.text — the file with its bad lines blanked — so that one run reports
// every problem. What the checks would say only because of the blanking is
// left out, by one rule: each blanked line stands for the path it wrote (or,
// when its key cannot be read, the table it stood in; inside a value that
// spans lines, that value), that path is marked failed before decoding —
// so checks of its meaning and of its absence ("缺少成文日期") skip it, as
// they skip a value of the wrong type — and no diagnostic is kept that
// stands on a blanked line or inside a value a blanked line cut through.
// Blanking keeps every byte offset, so the places of what is kept are the
// places in the file. The notice is not usable afterwards: f.Notice, f.Pos
// and the prepared notice are cleared.
func (f *File) checkRecovered(r recovery, opt Options) {
	var tree map[string]any
	if _, err := toml.Decode(r.text, &tree); err != nil {
		return // recoverSyntax returns only text that parses
	}
	pos := scanPositions(r.text)
	failed := map[string]bool{}
	var spans [][2]int
	holes := map[int]bool{}
	for _, line := range r.holes {
		holes[line] = true
		path, span, ok := blankedPath(pos, f.Text, line)
		failed[path] = true
		if ok {
			spans = append(spans, span)
		}
	}
	for _, d := range f.check(r.text, tree, failed, opt) {
		if holes[d.Line] {
			continue
		}
		if inSpans(pos, spans, d) {
			continue
		}
		f.Diags = append(f.Diags, d)
	}
	f.Notice, f.Pos, f.prepared = nil, nil, nil
}

// blankedPath returns the path that line (1-based, blanked in pos's text)
// wrote. Inside a value that spans lines, it is that value (the innermost),
// with the value's span in the text; otherwise the key the original line
// wrote, read in the table standing before it, or that table itself when
// no key can be read ("" for the top level).
func blankedPath(pos *Positions, original string, line int) (string, [2]int, bool) {
	start := pos.lineStarts[line-1]
	best, bestVal := "", -1
	var span [2]int
	for path, e := range pos.entries {
		if e.val < 0 || e.val >= start || e.valEnd <= start {
			continue
		}
		if e.val > bestVal || (e.val == bestVal && len(path) > len(best)) {
			best, bestVal, span = path, e.val, [2]int{e.val, e.valEnd}
		}
	}
	if bestVal >= 0 {
		return best, span, true
	}
	table, at := "", -1
	for path, e := range pos.entries {
		// A table header is recorded from its "[" (valEnd) to its name (key).
		if e.val < 0 && e.valEnd < start && e.valEnd < e.key && pos.text[e.valEnd] == '[' && e.valEnd > at {
			table, at = path, e.valEnd
		}
	}
	text := original[start:]
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	s := &scanner{s: text}
	s.skipSpace(false)
	parts := s.keyParts()
	s.skipSpace(false)
	if len(parts) == 0 || s.eof() || s.s[s.i] != '=' {
		return table, span, false
	}
	for _, p := range parts {
		if !isBareKey(p) && !strings.ContainsAny(text[:s.i], "\"'") {
			return table, span, false // "！title": not the key it looks like
		}
	}
	path := table
	for _, p := range parts {
		path = joinPath(path, p)
	}
	return path, span, false
}

// inSpans reports whether d stands inside one of the spans.
func inSpans(pos *Positions, spans [][2]int, d Diagnostic) bool {
	for _, sp := range spans {
		from, to := pos.At(sp[0]), pos.At(sp[1])
		after := d.Line > from.Line || (d.Line == from.Line && d.Col >= from.Col)
		before := d.Line < to.Line || (d.Line == to.Line && d.Col < to.Col)
		if after && before {
			return true
		}
	}
	return false
}
