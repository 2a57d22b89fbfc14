package source

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/gongwen/gongwen/fonts"
)

// faceOf is the face (package fonts' names) the text at path is set in, as
// GB/T 9704 assigns them: 小标宋 for the masthead and titles, 黑体 for
// level-1 headings, 密级, 紧急程度 and table heads, 楷体 for level-2
// headings and 签发人, 仿宋 for the rest.
func faceOf(path string) string {
	p := stripIndexes(path)
	switch {
	case strings.HasPrefix(p, "head.masthead"), p == "main.title", p == "attachment.title":
		return "xiaobiaosong"
	case p == "head.classification", p == "head.urgency":
		return "hei"
	case p == "head.signers":
		return "kai"
	case strings.Contains(p, "table.header"), strings.Contains(p, "table.columns.name"), strings.HasSuffix(p, "table.caption"):
		return "hei"
	case strings.HasSuffix(p, "section.title"):
		switch strings.Count(p, "section") {
		case 1:
			return "hei"
		case 2:
			return "kai"
		}
	}
	return "fangsong"
}

// checkCoverage: every character must be in a font the PDF embeds. A
// character no face has (not even the fallback) would vanish or show as a
// box: an error. One its own face lacks is printed in the fallback face,
// which has another style: a warning. Each character is reported once per
// face, at its first place, with the number of places.
func checkCoverage(in *Input) []Diagnostic {
	type key struct {
		r    rune
		face string
	}
	type seen struct {
		at    Pos
		count int
		none  bool
	}
	found := map[key]*seen{}
	var order []key
	Strings("", reflectValue(in.Notice), func(path, s string) {
		if isKeyword(path) || IsExprKey(path) && !strings.HasPrefix(path, "data") {
			return
		}
		face := faceOf(path)
		var place func(int) Pos
		for i, r := range []rune(s) {
			if unicode.IsSpace(r) || unicode.IsControl(r) || fonts.Has(face, r) {
				continue
			}
			k := key{r, face}
			if f, ok := found[k]; ok {
				f.count++
				continue
			}
			if place == nil {
				place = in.TextPlaces(path, s)
			}
			none := true
			for _, other := range fonts.Faces() {
				if fonts.Has(other, r) {
					none = false
					break
				}
			}
			found[k] = &seen{at: place(i), count: 1, none: none}
			order = append(order, k)
		}
	})
	var ds []Diagnostic
	for _, k := range order {
		f := found[k]
		n := ""
		if f.count > 1 {
			n = fmt.Sprintf("（共 %d 处）", f.count)
		}
		if f.none {
			ds = append(ds, in.At(f.at, Error, "字符“%c”（U+%04X）没有任何内嵌字体能显示%s：请换成常用字，或检查是否误输入了特殊符号", k.r, k.r, n))
			continue
		}
		ds = append(ds, in.At(f.at, Warning, "字符“%c”（U+%04X）不在%s字体中，PDF 将以备用字体显示，字形风格略有不同%s", k.r, k.r, FaceName(k.face), n))
	}
	return ds
}

// FaceName is the Chinese name of a face of package fonts, as GB/T 9704
// names the faces: fangsong 仿宋, hei 黑体 …; the fallback face is 备用.
func FaceName(face string) string {
	switch face {
	case "fangsong":
		return "仿宋"
	case "hei":
		return "黑体"
	case "kai":
		return "楷体"
	case "xiaobiaosong":
		return "小标宋"
	case "song":
		return "宋体"
	case "fallback":
		return "备用"
	}
	return face
}
