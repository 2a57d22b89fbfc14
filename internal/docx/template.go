package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Part names every template must have.
const (
	partContentTypes = "[Content_Types].xml"
	partDocument     = "word/document.xml"
	partDocumentRels = "word/_rels/document.xml.rels"
	partStyles       = "word/styles.xml"
	partSettings     = "word/settings.xml"
	partCore         = "docProps/core.xml"
)

// Relationship types the template check looks for.
const (
	relFooter = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
	relImage  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
)

// zipTime is the modification time of every packed entry: fixed, so that the
// same template gives the same bytes.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// part is one file of a package, in package order.
type part struct {
	name string
	data []byte
}

// template is a checked base template.
type template struct {
	parts []part
	// head is document.xml up to and including <w:body>; tail is the final
	// <w:sectPr …> to the end of the file.
	head, tail string
	// sect is the final sectPr element alone.
	sect string
	// footerOdd, footerEven, footerEmpty are the relationship ids of the
	// footers the final sectPr names (default, even, first).
	footerOdd, footerEven, footerEmpty string
	// sealID is the relationship id of word/media/seal.png; sealPart its name.
	sealID, sealPart string
	// landOddID, landEvenID are the relationship ids the landscape footers
	// get when a notice has a landscape table.
	landOddID, landEvenID string
	// addSeal: the template has no seal slot; the writer adds sealPart and
	// its relationship sealID when the notice is sealed.
	addSeal bool
	// page setup from the final sectPr, in twips.
	pageW, pageH, marginTop, marginBottom, marginLeft, marginRight int
}

// typeWidth is the width of the type area in twips.
func (t *template) typeWidth() int { return t.pageW - t.marginLeft - t.marginRight }

// typeHeight is the height of the type area in twips.
func (t *template) typeHeight() int { return t.pageH - t.marginTop - t.marginBottom }

// DefaultTemplate returns the default base template (templates/docx) packed
// as a .docx: the parts in a fixed order ([Content_Types].xml first, then
// by name) with fixed timestamps, so it is the same bytes on every run.
func DefaultTemplate() ([]byte, error) {
	parts, err := defaultParts()
	if err != nil {
		return nil, err
	}
	return pack(parts)
}

// pack writes parts into a zip in the given order with fixed timestamps.
func pack(parts []part) ([]byte, error) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, p := range parts {
		f, err := w.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(p.data); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// maxPartSize is the largest part a template may hold once decompressed
// (a letterhead's pictures are far smaller; a zip bomb is not read).
const maxPartSize = 64 << 20

// unpack reads every part of a zip, in its order.
func unpack(b []byte) ([]part, error) {
	r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var parts []part
	for _, f := range r.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		name := strings.ToValidUTF8(f.Name, "\uFFFD")
		if f.UncompressedSize64 > maxPartSize {
			return nil, fmt.Errorf("%s 解压后超过 %d MB", name, maxPartSize>>20)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s：%w", name, err)
		}
		// The size in the header may lie: read no more than the limit.
		data, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s：%w", name, err)
		}
		if len(data) > maxPartSize {
			return nil, fmt.Errorf("%s 解压后超过 %d MB", name, maxPartSize>>20)
		}
		parts = append(parts, part{name: f.Name, data: data})
	}
	return parts, nil
}

func (t *template) part(name string) ([]byte, bool) {
	for _, p := range t.parts {
		if p.name == name {
			return p.data, true
		}
	}
	return nil, false
}

// relationship is one entry of a .rels part.
type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
	Mode   string `xml:"TargetMode,attr"`
}

func parseRels(b []byte) ([]relationship, error) {
	var rels struct {
		Rel []relationship `xml:"Relationship"`
	}
	if err := xml.Unmarshal(b, &rels); err != nil {
		return nil, err
	}
	return rels.Rel, nil
}

// sectPrXML is the part of a sectPr the check reads.
type sectPrXML struct {
	Refs []struct {
		Type string `xml:"type,attr"`
		ID   string `xml:"id,attr"`
	} `xml:"footerReference"`
	PgSz struct {
		W int `xml:"w,attr"`
		H int `xml:"h,attr"`
	} `xml:"pgSz"`
	PgMar struct {
		Top    int `xml:"top,attr"`
		Right  int `xml:"right,attr"`
		Bottom int `xml:"bottom,attr"`
		Left   int `xml:"left,attr"`
	} `xml:"pgMar"`
}

// unsignedRE finds a docGrid charSpace written as an unsigned 32-bit
// number, as LibreOffice saves a negative one (4294966447 for −849); Word
// reads it as the signed number it is.
var unsignedRE = regexp.MustCompile(`w:charSpace="(\d{10})"`)

func signed(m string) string {
	v, err := strconv.ParseInt(unsignedRE.FindStringSubmatch(m)[1], 10, 64)
	if err != nil || v < 1<<31 || v >= 1<<32 {
		return m
	}
	return `w:charSpace="` + strconv.FormatInt(v-1<<32, 10) + `"`
}

var commentRE = regexp.MustCompile(`(?s)<!--.*?-->`)

var pageFieldRE = regexp.MustCompile(`(?s)(<w:instrText[^>]*>\s*PAGE\b)|(w:instr="\s*PAGE\b)`)

// loadTemplate checks a base template and returns what the writer needs.
// Every problem found is reported at once, in words a clerk can act on.
func loadTemplate(b []byte) (*template, error) {
	parts, err := unpack(b)
	if err != nil {
		return nil, fmt.Errorf("DOCX 模板不是有效的 .docx 文件（无法按 zip 读取）：%w；请在 Word 或 WPS 中“另存为”Word 文档（*.docx）后再用", err)
	}
	return checkParts(parts)
}

// checkParts is loadTemplate on a template's parts, already unpacked.
func checkParts(parts []part) (*template, error) {
	var err error
	t := &template{parts: parts}
	var missing []string
	need := func(name, what string) []byte {
		p, ok := t.part(name)
		if !ok {
			missing = append(missing, fmt.Sprintf("缺少 %s（%s）", name, what))
		}
		return p
	}
	need(partContentTypes, "内容类型清单")
	docXML := need(partDocument, "正文")
	relsXML := need(partDocumentRels, "正文的关系表")
	need(partStyles, "样式")
	settings := need(partSettings, "文档设置")
	need(partCore, "文档属性")
	if settings != nil && !strings.Contains(string(settings), "evenAndOddHeaders") {
		missing = append(missing, "word/settings.xml 未设置“奇偶页不同”（w:evenAndOddHeaders）：页码须单页居右、双页居左")
	}
	var rels []relationship
	if relsXML != nil {
		if rels, err = parseRels(relsXML); err != nil {
			missing = append(missing, fmt.Sprintf("word/_rels/document.xml.rels 不是合格的 XML：%v", err))
		}
	}
	target := func(id string) string {
		for _, r := range rels {
			if r.ID == id {
				return path.Join("word", r.Target)
			}
		}
		return ""
	}
	if docXML != nil {
		s := string(docXML)
		i := strings.Index(s, "<w:body>")
		j := strings.LastIndex(s, "<w:sectPr")
		k := strings.LastIndex(s, "</w:body>")
		switch {
		case i < 0:
			missing = append(missing, "word/document.xml 中没有 <w:body>")
		case j < 0 || j < i || k < j || !strings.Contains(s[j:k], "</w:sectPr>"):
			missing = append(missing, "word/document.xml 末尾没有节属性（正文最后的 <w:sectPr>，含页面设置和页脚）")
		default:
			s = unsignedRE.ReplaceAllStringFunc(s, signed)
			t.head = s[:i+len("<w:body>")]
			t.tail = s[j:]
			t.sect = s[j : j+strings.Index(s[j:], "</w:sectPr>")+len("</w:sectPr>")]
			var sp sectPrXML
			if err := xml.Unmarshal([]byte(t.sect), &sp); err != nil {
				missing = append(missing, fmt.Sprintf("word/document.xml 的节属性不是合格的 XML：%v", err))
				break
			}
			t.pageW, t.pageH = sp.PgSz.W, sp.PgSz.H
			t.marginTop, t.marginBottom = sp.PgMar.Top, sp.PgMar.Bottom
			t.marginLeft, t.marginRight = sp.PgMar.Left, sp.PgMar.Right
			if t.pageW <= 0 || t.pageH <= 0 || t.typeWidth() <= 0 || t.typeHeight() <= 0 {
				missing = append(missing, "word/document.xml 的节属性缺少纸张大小或页边距（w:pgSz、w:pgMar）")
			}
			for _, r := range sp.Refs {
				switch r.Type {
				case "default":
					t.footerOdd = r.ID
				case "even":
					t.footerEven = r.ID
				case "first":
					t.footerEmpty = r.ID
				}
			}
			footer := func(id, which string, wantPage bool) {
				if id == "" && !wantPage {
					return // optional: without it the blank page before a 版记 page is numbered
				}
				if id == "" {
					missing = append(missing, fmt.Sprintf("节属性中没有%s（w:footerReference）", which))
					return
				}
				name := target(id)
				p, ok := t.part(name)
				if name == "" || !ok {
					missing = append(missing, fmt.Sprintf("%s（关系 %s）指向的文件不存在", which, id))
					return
				}
				if has := pageFieldRE.Match(p); has != wantPage {
					if wantPage {
						missing = append(missing, fmt.Sprintf("%s %s 中没有页码域（PAGE）", which, name))
					} else {
						missing = append(missing, fmt.Sprintf("%s %s 应为空（不印页码的页用它），却有页码域", which, name))
					}
				}
			}
			footer(t.footerOdd, "单页页脚（w:type=\"default\"）", true)
			footer(t.footerEven, "双页页脚（w:type=\"even\"）", true)
			footer(t.footerEmpty, "空页脚（w:type=\"first\"，用于版记页）", false)
		}
	}
	if docXML != nil {
		root := string(docXML)
		if i := strings.Index(root, "<w:body"); i > 0 {
			root = root[:i]
		}
		for _, ns := range []string{
			`xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`,
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`,
		} {
			if !strings.Contains(root, ns) {
				missing = append(missing, "word/document.xml 的根元素没有声明命名空间 "+ns)
			}
		}
	}
	if ct, ok := t.part(partContentTypes); ok {
		for _, p := range t.parts {
			if p.name != partContentTypes && !hasContentType(ct, p.name) {
				missing = append(missing, "[Content_Types].xml 没有为 "+p.name+" 写明内容类型")
			}
		}
	}
	for _, r := range rels {
		if r.Type == relImage && path.Base(r.Target) == "seal.png" {
			t.sealID, t.sealPart = r.ID, path.Join("word", r.Target)
		}
	}
	t.landOddID, t.landEvenID = uniqueID(rels, "rIdGongwenLandOdd"), uniqueID(rels, "rIdGongwenLandEven")
	if _, ok := t.part(t.sealPart); t.sealID == "" || !ok {
		// No slot for the seal (Word and WPS rename media when they save):
		// the writer adds one, with its relationship and content type.
		t.addSeal = true
		t.sealPart = "word/media/gongwen-seal.png"
		t.sealID = uniqueID(rels, "rIdGongwenSeal")
	}
	if len(missing) > 0 {
		// Part names come from the file: invalid UTF-8 is shown as �.
		return nil, errors.New(strings.ToValidUTF8("DOCX 模板不可用："+strings.Join(missing, "；")+"。模板须包含的内容见 docs/docx-template.md", "\uFFFD"))
	}
	return t, nil
}

// uniqueID is id, made unique among rels.
func uniqueID(rels []relationship, id string) string {
	for taken := true; taken; {
		taken = false
		for _, r := range rels {
			if r.ID == id {
				id += "X"
				taken = true
			}
		}
	}
	return id
}

// hasContentType reports whether [Content_Types].xml gives part a type,
// by an Override for it or a Default for its extension.
func hasContentType(ct []byte, name string) bool {
	var types struct {
		Default []struct {
			Ext string `xml:"Extension,attr"`
		} `xml:"Default"`
		Override []struct {
			Part string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	if xml.Unmarshal(ct, &types) != nil {
		return false
	}
	for _, o := range types.Override {
		if strings.EqualFold(o.Part, "/"+name) {
			return true
		}
	}
	for _, d := range types.Default {
		if strings.EqualFold(path.Ext(name), "."+d.Ext) {
			return true
		}
	}
	return false
}

// withSeal adds the seal's part, relationship and (if need be) content
// type to parts, for a template without a seal slot.
func (t *template) withSeal(parts []part, png []byte) []part {
	out := append([]part(nil), parts...)
	for i, p := range out {
		switch p.name {
		case partDocumentRels:
			rel := `<Relationship Id="` + t.sealID + `" Type="` + relImage + `" Target="` + strings.TrimPrefix(t.sealPart, "word/") + `"/>`
			out[i].data = []byte(strings.Replace(string(p.data), "</Relationships>", rel+"</Relationships>", 1))
		case partContentTypes:
			if !hasContentType(p.data, t.sealPart) {
				s := string(p.data)
				if j := strings.Index(s, "<Types"); j >= 0 {
					k := j + strings.Index(s[j:], ">") + 1
					out[i].data = []byte(s[:k] + `<Default Extension="png" ContentType="image/png"/>` + s[k:])
				}
			}
		}
	}
	return append(out, part{name: t.sealPart, data: png})
}

// replaceParts returns the template's parts with some replaced, in the
// template's order.
func (t *template) replaceParts(repl map[string][]byte) []part {
	out := make([]part, len(t.parts))
	for i, p := range t.parts {
		if b, ok := repl[p.name]; ok {
			p.data = b
		}
		out[i] = p
	}
	return out
}

// itoa is strconv.Itoa, short for the many attributes written below.
func itoa(n int) string { return strconv.Itoa(n) }
