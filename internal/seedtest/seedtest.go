// Package seedtest holds the real notice this project started from (the
// seed, a copy of shared/seed/000_8473faf95b67c133.txt) and checks that an
// output says every one of its sentences, word for word, in order.
package seedtest

import (
	_ "embed"
	"strings"
	"unicode"
)

//go:embed seed.txt
var seed string

// Text is the seed notice as extracted from the issued PDF.
func Text() string { return seed }

// Normalize removes all white space (PDF and DOCX extraction put spaces and
// line breaks where the layout put them, not where the words are).
func Normalize(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// Sentences splits the seed into sentences (at 。；：！？ and at paragraph
// ends), whitespace removed. Line breaks inside the seed's paragraphs are page
// breaks of the original and do not end a sentence.
func Sentences() []string {
	var out []string
	for _, para := range strings.Split(seed, "\n\n") {
		var cur strings.Builder
		for _, r := range Normalize(para) {
			cur.WriteRune(r)
			if strings.ContainsRune("。；：！？", r) {
				out = append(out, cur.String())
				cur.Reset()
			}
		}
		if cur.Len() > 0 {
			out = append(out, cur.String())
		}
	}
	return out
}

// Missing returns the seed's sentences that text does not say in order:
// each must appear after the previous one. Empty means all are there.
func Missing(text string) []string {
	t := Normalize(text)
	var missing []string
	at := 0
	for _, s := range Sentences() {
		i := strings.Index(t[at:], s)
		if i < 0 {
			missing = append(missing, s)
			continue
		}
		at += i + len(s)
	}
	return missing
}
