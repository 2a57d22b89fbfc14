package diff

import (
	"strings"
	"unicode"
)

// Edit is one phrase-level change inside a text.
type Edit struct {
	Old string `json:"old,omitempty"` // the words taken out ("" for an addition)
	New string `json:"new,omitempty"` // the words put in ("" for a deletion)
	// Context is the phrase around the change, the changed words in 「」:
	// from the old text for a deletion, from the new text otherwise.
	// "……" marks where the phrase was cut.
	Context string `json:"context"`
}

// contextRunes is how far the context reaches on each side at most.
const contextRunes = 14

// mergeGap: changes separated by fewer equal characters than this are shown
// as one, so that a reworded phrase is not cut into single characters.
const mergeGap = 3

// textEdits compares two versions of a text and returns its changes,
// phrase by phrase.
func textEdits(oldText, newText string) []Edit {
	a, b := []rune(oldText), []rune(newText)
	hs := hunks(sequence(a, b, func(x, y rune) bool { return x == y }))
	// Merge changes separated by a short equal stretch.
	var ms []hunk
	for _, h := range hs {
		if n := len(ms); n > 0 && h.A0-ms[n-1].A1 < mergeGap && !hasBreak(a[ms[n-1].A1:h.A0]) {
			ms[n-1].A1, ms[n-1].B1 = h.A1, h.B1
			continue
		}
		ms = append(ms, h)
	}
	var out []Edit
	for _, h := range ms {
		h = widenNumber(a, b, h)
		e := Edit{Old: string(a[h.A0:h.A1]), New: string(b[h.B0:h.B1])}
		if e.New == "" {
			e.Context = context(a, h.A0, h.A1)
		} else {
			e.Context = context(b, h.B0, h.B1)
		}
		out = append(out, e)
	}
	return out
}

// similarity is the share of characters two texts have in common (0–1).
func similarity(x, y string) float64 {
	a, b := []rune(x), []rune(y)
	if len(a)+len(b) == 0 {
		return 1
	}
	common := 0
	for _, o := range sequence(a, b, func(p, q rune) bool { return p == q }) {
		if o.kind == opEqual {
			common += o.A1 - o.A0
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

func hasBreak(rs []rune) bool {
	for _, r := range rs {
		if isSentenceEnd(r) {
			return true
		}
	}
	return false
}

// numeric are the characters of a number or a date written in figures.
func numeric(r rune) bool {
	return r >= '0' && r <= '9' || r == '.' || r == '%' || r == '年' || r == '月' || r == '日'
}

func digit(r rune) bool { return r >= '0' && r <= '9' }

// cnDigit are the characters of a number written in Chinese (四十六).
func cnDigit(r rune) bool {
	return strings.ContainsRune("零一二三四五六七八九十百千万两", r)
}

// widenNumber grows a change that touches a number to the whole number or
// date ("1" → "8" becomes "9月1日" → "9月8日", "四" → "六" becomes "四十四" →
// "四十六"), so that it reads as a value.
func widenNumber(a, b []rune, h hunk) hunk {
	h = widen(a, b, h, digit, numeric, true)
	return widen(a, b, h, cnDigit, cnDigit, false)
}

// widen extends h over the characters around it for which part holds, when
// the change (or, with edges, a neighbour) is a character for which is
// holds. The
// characters before a change are the same in both texts, and so are those
// after it.
func widen(a, b []rune, h hunk, is, part func(rune) bool, edges bool) hunk {
	touches := func(rs []rune, i, j int) bool {
		for k := i; k < j; k++ {
			if is(rs[k]) {
				return true
			}
		}
		return false
	}
	edge := edges && ((h.A0 > 0 && is(a[h.A0-1])) || (h.A1 < len(a) && is(a[h.A1])))
	if !touches(a, h.A0, h.A1) && !touches(b, h.B0, h.B1) && !edge {
		return h
	}
	for h.A0 > 0 && h.B0 > 0 && part(a[h.A0-1]) {
		h.A0--
		h.B0--
	}
	for h.A1 < len(a) && h.B1 < len(b) && part(a[h.A1]) {
		h.A1++
		h.B1++
	}
	return h
}

func isSentenceEnd(r rune) bool { return strings.ContainsRune("。；！？", r) }

func isPhraseEnd(r rune) bool {
	return isSentenceEnd(r) || strings.ContainsRune("，、：【】", r) || unicode.IsSpace(r)
}

// context is the phrase around rs[i:j], the change marked with 「」: it
// reaches out to the nearest sentence end, and past phrase breaks until it
// holds a few characters, but never more than contextRunes on each side.
func context(rs []rune, i, j int) string {
	l := i
	for l > 0 && i-l < contextRunes {
		r := rs[l-1]
		if isSentenceEnd(r) || (isPhraseEnd(r) && i-l >= 4) {
			break
		}
		l--
	}
	rr := j
	for rr < len(rs) && rr-j < contextRunes {
		r := rs[rr]
		if isSentenceEnd(r) {
			rr++ // keep the full stop
			break
		}
		if isPhraseEnd(r) && rr-j >= 4 {
			break
		}
		rr++
	}
	var s strings.Builder
	if l > 0 && !isSentenceEnd(rs[l-1]) {
		s.WriteString("……")
	}
	s.WriteString(string(rs[l:i]))
	s.WriteString("「" + string(rs[i:j]) + "」")
	s.WriteString(string(rs[j:rr]))
	if rr < len(rs) && (rr == 0 || !isSentenceEnd(rs[rr-1])) {
		s.WriteString("……")
	}
	return s.String()
}
