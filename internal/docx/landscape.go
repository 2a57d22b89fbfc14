package docx

import (
	"strconv"
	"strings"

	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
)

// Landscape pages (GB/T 9704 §10): a table set on a landscape page keeps
// its page number where it stands on every other page of the sheet — 7 mm
// below the portrait type area, one character in from its right (odd) or
// left (even) edge — turned with the sheet. The sheet is turned clockwise
// (the table's head towards the binding edge), so the number stands near
// the left edge of the landscape page, reading top to bottom. Footers lay
// out along the bottom of the page, so the landscape sections get footers
// of their own whose number is a text box placed on the page with its text
// turned (bodyPr vert), added to the package like the seal.

// Part names and relationship ids of the landscape footers.
const (
	landOddPart  = "word/footer-gongwen-landscape-odd.xml"
	landEvenPart = "word/footer-gongwen-landscape-even.xml"
)

// landscapeSect is the sectPr of a landscape section: the template's page
// turned, its footers the landscape ones.
func (w *writer) landscapeSect() string {
	w.usedLandscape = true
	s := footerRefRE.ReplaceAllString(landscape(w.t.sect), "")
	refs := `<w:footerReference w:type="even" r:id="` + w.t.landEvenID + `"/>` +
		`<w:footerReference w:type="default" r:id="` + w.t.landOddID + `"/>`
	if w.t.footerEmpty != "" {
		refs += `<w:footerReference w:type="first" r:id="` + esc(w.t.footerEmpty) + `"/>`
	}
	i := strings.Index(s, ">") + 1
	return s[:i] + refs + s[i:]
}

// landscapeFooter is the footer of odd or even landscape pages.
func (t *template) landscapeFooter(odd bool) []byte {
	emu := func(twips int) string { return strconv.FormatInt(int64(twips)*635, 10) }
	one := g.Twips(g.PageNumberIndentChars * g.PageNumberSize) // one 四号 character
	// On the portrait sheet the dashes lie PageNumberBelow under the type
	// area; turned clockwise, that is this far from the landscape page's
	// left edge.
	axis := t.marginBottom - g.Twips(g.PageNumberBelow)
	boxW := 2 * g.Twips(g.PageNumberSize)
	x := axis - boxW/2
	y := t.marginLeft + one
	h := t.typeWidth() - 2*one
	jc := "left"
	if odd {
		jc = "right"
	}
	n := doc.PageNumberText(1)
	i := strings.Index(n, "1")
	before, after := n[:i], n[i+1:]
	font := esc(FontNames[doc.FaceSong])
	hp := itoa(g.Halfpoints(g.PageNumberSize))
	rPr := `<w:rPr><w:rFonts w:ascii="` + font + `" w:hAnsi="` + font + `" w:eastAsia="` + font + `" w:cs="` + font + `" w:hint="eastAsia"/><w:sz w:val="` + hp + `"/><w:szCs w:val="` + hp + `"/></w:rPr>`
	r := func(inner string) string { return `<w:r>` + rPr + inner + `</w:r>` }
	number := r(`<w:t xml:space="preserve">`+esc(before)+`</w:t>`) +
		r(`<w:fldChar w:fldCharType="begin"/>`) + r(`<w:instrText xml:space="preserve"> PAGE </w:instrText>`) +
		r(`<w:fldChar w:fldCharType="separate"/>`) + r(`<w:t>1</w:t>`) + r(`<w:fldChar w:fldCharType="end"/>`) +
		r(`<w:t xml:space="preserve">`+esc(after)+`</w:t>`)
	id := "3001"
	if odd {
		id = "3002"
	}
	ext := `cx="` + emu(boxW) + `" cy="` + emu(h) + `"`
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"` +
		` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"` +
		` xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"` +
		` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">`)
	b.WriteString(`<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="` + itoa(g.Twips(g.PageNumberSize)) + `" w:lineRule="exact"/></w:pPr>`)
	// Wrapped as Word and WPS write a shape: a choice for readers of wps.
	b.WriteString(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251660288" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">` +
		`<wp:simplePos x="0" y="0"/>` +
		`<wp:positionH relativeFrom="page"><wp:posOffset>` + emu(x) + `</wp:posOffset></wp:positionH>` +
		`<wp:positionV relativeFrom="page"><wp:posOffset>` + emu(y) + `</wp:posOffset></wp:positionV>` +
		`<wp:extent ` + ext + `/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>` +
		`<wp:docPr id="` + id + `" name="页码"/><wp:cNvGraphicFramePr/>` +
		`<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>` +
		`<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext ` + ext + `/></a:xfrm>` +
		`<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>` +
		`<wps:txbx><w:txbxContent><w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="` + itoa(g.Twips(g.PageNumberSize)) + `" w:lineRule="exact"/><w:jc w:val="` + jc + `"/></w:pPr>` +
		number + `</w:p></w:txbxContent></wps:txbx>` +
		`<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr>` +
		`</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>`)
	b.WriteString(`</w:p></w:ftr>`)
	return []byte(b.String())
}

// withLandscapeFooters adds the landscape footers, their relationships and
// content types to parts.
func (t *template) withLandscapeFooters(parts []part) []part {
	out := append([]part(nil), parts...)
	for i, p := range out {
		switch p.name {
		case partDocumentRels:
			rels := `<Relationship Id="` + t.landOddID + `" Type="` + relFooter + `" Target="` + strings.TrimPrefix(landOddPart, "word/") + `"/>` +
				`<Relationship Id="` + t.landEvenID + `" Type="` + relFooter + `" Target="` + strings.TrimPrefix(landEvenPart, "word/") + `"/>`
			out[i].data = []byte(strings.Replace(string(p.data), "</Relationships>", rels+"</Relationships>", 1))
		case partContentTypes:
			ov := ""
			for _, name := range []string{landOddPart, landEvenPart} {
				ov += `<Override PartName="/` + name + `" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`
			}
			out[i].data = []byte(strings.Replace(string(p.data), "</Types>", ov+"</Types>", 1))
		}
	}
	return append(out, part{name: landOddPart, data: t.landscapeFooter(true)}, part{name: landEvenPart, data: t.landscapeFooter(false)})
}
