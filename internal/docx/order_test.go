package docx_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Word refuses a file whose elements stand out of the schema's sequence
// (LibreOffice does not mind, so converting it proves nothing): the
// children of the elements this package writes must keep ECMA-376's order.
var schemaOrder = map[string][]string{
	"w:pPr": {"w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
		"w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
		"w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
		"w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
		"w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
		"w:sectPr", "w:pPrChange"},
	"w:rPr": {"w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
		"w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
		"w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
		"w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout"},
	"w:tblPr": {"w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
		"w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"},
	"w:tcPr": {"w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
		"w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"},
	"w:sectPr": {"w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar",
		"w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
		"w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid"},
	"w:settings": {"w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime",
		"w:doNotDisplayPageBoundaries", "w:displayBackgroundShape", "w:mirrorMargins", "w:gutterAtTop", "w:proofState",
		"w:attachedTemplate", "w:documentProtection", "w:defaultTabStop", "w:autoHyphenation", "w:evenAndOddHeaders",
		"w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery",
		"w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin", "w:noPunctuationKerning",
		"w:characterSpacingControl", "w:compat", "w:docVars", "w:rsids", "w:themeFontLang", "w:clrSchemeMapping",
		"w:decimalSymbol", "w:listSeparator"},
}

var tagRE = regexp.MustCompile(`<(/?)(w:[A-Za-z]+)([^>]*?)(/?)>`)

// children lists, for every element named in schemaOrder, the names of its
// direct children in document order.
func children(xml string) map[string][][]string {
	out := map[string][][]string{}
	type frame struct {
		name string
		kids []string
	}
	var stack []frame
	for _, m := range tagRE.FindAllStringSubmatch(xml, -1) {
		closing, name, selfClosing := m[1] == "/", m[2], m[4] == "/"
		switch {
		case closing:
			if n := len(stack); n > 0 {
				f := stack[n-1]
				stack = stack[:n-1]
				if _, ok := schemaOrder[f.name]; ok {
					out[f.name] = append(out[f.name], f.kids)
				}
			}
		default:
			if n := len(stack); n > 0 {
				stack[n-1].kids = append(stack[n-1].kids, name)
			}
			if !selfClosing {
				stack = append(stack, frame{name: name})
			}
		}
	}
	return out
}

func TestSchemaOrder(t *testing.T) {
	s := getSample(t)
	rich := richParts(t)
	seen := map[string]int{}
	for _, parts := range []map[string][]byte{s.parts, rich} {
		for _, name := range []string{"word/document.xml", "word/settings.xml", "word/styles.xml", "word/footer-odd.xml", "word/footer-even.xml",
			"word/footer-gongwen-landscape-odd.xml", "word/footer-gongwen-landscape-even.xml"} {
			for el, lists := range children(string(parts[name])) {
				seen[el] += len(lists)
				order := schemaOrder[el]
				for _, kids := range lists {
					last := -1
					for _, k := range kids {
						i := slices.Index(order, k)
						if i < 0 {
							if el != "w:settings" {
								t.Errorf("%s: %s has a child %s this test does not know", name, el, k)
							}
							continue
						}
						if i < last {
							t.Errorf("%s: in %s, %s comes after %s (children %s)", name, el, k, order[last], strings.Join(kids, " "))
							break
						}
						last = i
					}
				}
			}
		}
	}
	for el := range schemaOrder {
		if seen[el] == 0 {
			t.Errorf("no %s checked", el)
		}
	}
	// The check itself: an out-of-order pPr is caught.
	bad := children(`<w:p><w:pPr><w:jc w:val="both"/><w:spacing w:line="579"/></w:pPr></w:p>`)["w:pPr"][0]
	if slices.Index(schemaOrder["w:pPr"], bad[0]) < slices.Index(schemaOrder["w:pPr"], bad[1]) {
		t.Error("the order check does not see jc before spacing")
	}
}
