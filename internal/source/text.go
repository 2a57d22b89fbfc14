package source

import (
	"regexp"
	"strings"
	"unicode"
)

// fullWidth is the Chinese punctuation mark for each half-width one clerks
// type by mistake.
var fullWidth = map[rune]string{
	',': "，", ':': "：", ';': "；", '(': "（", ')': "）", '?': "？", '!': "！",
}

// isCJK reports whether r is a Chinese character or Chinese punctuation.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		r >= 0x3000 && r <= 0x303F || // CJK symbols and punctuation
		r >= 0xFF00 && r <= 0xFFEF || // full-width forms
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—'
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// reYearInNumber finds a year in wrong brackets inside a document number
// written in text: 沭政督字【2021】31号, [2021], (2021), （2021）.
var reYearInNumber = regexp.MustCompile(`(?:\p{Han})([【\[(（{［﹝〈<《])((?:19|20)[0-9]{2})([】\])）}］﹞〉>》])[0-9]+号`)

// textWarnings are the conventions of Chinese official text that clerks get
// wrong, found in s (the value at path): half-width punctuation in Chinese
// text, ASCII quotes, a year in the wrong brackets in a document number.
func textWarnings(in *Input, path, s string) []Diagnostic {
	var ds []Diagnostic
	rs := []rune(s)
	prev := func(i int) rune {
		for i--; i >= 0; i-- {
			if rs[i] != ' ' {
				return rs[i]
			}
		}
		return 0
	}
	next := func(i int) rune {
		for i++; i < len(rs); i++ {
			if rs[i] != ' ' {
				return rs[i]
			}
		}
		return 0
	}
	hasCJK := strings.IndexFunc(s, isCJK) >= 0
	var place func(int) Pos // resolved on the first warning only
	textAt := func(i int) Pos {
		if place == nil {
			place = in.TextPlaces(path, s)
		}
		return place(i)
	}
	dquote := 0
	openParen := false     // a flagged "(" waits for its ")"
	inExpr := exprRunes(s) // {{…}} expressions are code, not text (findings_check.go)
	for i, r := range rs {
		if inExpr[i] {
			continue
		}
		switch r {
		case '}':
			// A "}}" outside any {{…}}: an expression whose "{{" is missing
			// would otherwise be printed as it stands, braces and all.
			if i+1 < len(rs) && rs[i+1] == '}' && !inExpr[i+1] && (i == 0 || rs[i-1] != '}') {
				ds = append(ds, in.At(textAt(i), Warning, "多余的“}}”：前面没有与它配对的“{{”，它会照原样印在公文中。表达式写作 {{……}}（如 {{count accounts}}）；是否漏写了“{{”？"))
			}
		case ',', ':', ';', '(', ')', '?', '!':
			p, n := prev(i), next(i)
			if !(isCJK(p) || isCJK(n) || r == ')' && openParen) {
				continue
			}
			if r == '(' {
				openParen = true
			} else if r == ')' {
				openParen = false
			}
			// 9:00, 1,000: inside a number.
			if (r == ',' || r == ':') && i > 0 && i+1 < len(rs) && isDigit(rs[i-1]) && isDigit(rs[i+1]) {
				continue
			}
			ds = append(ds, in.At(textAt(i), Warning, "中文里用全角标点：把半角的“%c”改为“%s”", r, fullWidth[r]))
		case '"':
			if !hasCJK {
				continue
			}
			want := "左引号“"
			if dquote%2 == 1 {
				want = "右引号”"
			}
			dquote++
			ds = append(ds, in.At(textAt(i), Warning, "中文里用中文引号：把英文引号 \" 改为中文%s（成对写作“……”）", want))
		case '\'':
			if !(isCJK(prev(i)) || isCJK(next(i))) {
				continue
			}
			ds = append(ds, in.At(textAt(i), Warning, "中文里用中文引号：把英文单引号 ' 改为中文引号（引号用“……”，引号内再引用用‘……’）"))
		}
	}
	for _, m := range reYearInNumber.FindAllStringSubmatchIndex(s, -1) {
		open := len([]rune(s[:m[2]]))
		year := s[m[4]:m[5]]
		ds = append(ds, in.At(textAt(open), Warning, "发文字号中的年份用六角括号：写〔%s〕，不写%s%s%s",
			year, s[m[2]:m[3]], year, s[m[6]:m[7]]))
	}
	return ds
}

// checkText runs textWarnings over every text of the notice.
func checkText(in *Input) []Diagnostic {
	var ds []Diagnostic
	Strings("", reflectValue(in.Notice), func(path, s string) {
		if isKeyword(path) || IsExprKey(path) && !strings.HasPrefix(path, "data.") {
			return
		}
		ds = append(ds, textWarnings(in, path, s)...)
	})
	return ds
}

// isKeyword reports whether the string at path is a value of a closed set
// (a merge mark, an alignment, a file name), not text that is printed.
func isKeyword(path string) bool {
	k := lastKey(path)
	if i := strings.IndexByte(k, '['); i >= 0 { // include[0]: a list of file names
		k = k[:i]
	}
	switch k {
	case "align", "seal", "template", "include", "id", "font_size":
		return true
	}
	return false
}
