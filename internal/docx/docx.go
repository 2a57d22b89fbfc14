// Package docx writes the document as WordprocessingML on a base template:
// the template (templates/docx, or an office's own letterhead template)
// gives the page setup, the styles and the footers with the page numbers;
// the notice's words come from the content model, placed on the GB/T 9704
// grid, and written into the template's package in place of its main
// document part.
package docx

import (
	"fmt"
	"strings"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/layout"
)

// Options control the DOCX output.
type Options struct {
	// Template is a replacement base template (.docx bytes); nil means the
	// default template in templates/. It is checked before use; see
	// docs/docx-template.md for what it must contain.
	Template []byte
	// Layout is the PDF's layout of the same document (layout.Layout),
	// when the caller has it: the pipeline lays a document out once for
	// both outputs. Nil means Render lays it out itself. It is only read.
	Layout *layout.Document
}

// CheckTemplate reports what a replacement base template lacks (nil if it
// can be used), in words a clerk can act on.
func CheckTemplate(b []byte) error {
	_, err := loadTemplate(b)
	return err
}

// Render returns the DOCX bytes for d. The same document gives the same bytes.
func Render(d *doc.Document, opt Options) ([]byte, error) {
	var t *template
	if opt.Template == nil {
		parts, err := defaultParts()
		if err != nil {
			return nil, err
		}
		if t, err = checkParts(parts); err != nil {
			return nil, err
		}
	} else {
		var err error
		if t, err = loadTemplate(opt.Template); err != nil {
			return nil, err
		}
	}
	w := &writer{t: t, d: d}
	// The PDF's layout of the same document, for the line breaks of titles
	// and the page of the 版记; the DOCX does without it if it fails.
	if opt.Layout != nil {
		w.lay = opt.Layout
	} else if l, err := layout.Layout(d, layout.Options{}); err == nil {
		w.lay = l
	}
	w.findTight()
	if err := w.body(); err != nil {
		return nil, err
	}

	// The parts the library cannot write: the core properties and the seal
	// bytes. They replace the template's parts before it is opened; the
	// package keeps the template's order and fixed timestamps.
	repl := map[string][]byte{"docProps/core.xml": coreXML(d.Meta)}
	seal := d.Signature.Seal
	if seal != nil && !t.addSeal {
		repl[t.sealPart] = seal.PNG
	}
	parts := t.replaceParts(repl)
	if seal != nil && t.addSeal {
		parts = t.withSeal(parts, seal.PNG)
	}
	if w.usedLandscape {
		parts = t.withLandscapeFooters(parts)
	}
	tail := t.tail
	if w.lastSect != "" {
		tail = w.lastSect + t.tail[len(t.sect):]
	}
	out, err := writePackage(parts, t.head+w.b.String()+tail)
	if err != nil {
		return nil, fmt.Errorf("生成 DOCX：%w", err)
	}
	return out, nil
}

// coreXML is docProps/core.xml: title, creator (the issuer), subject (the
// 发文字号), created and modified (the 成文日期, W3CDTF). No clock is read.
func coreXML(m doc.Meta) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString(`<dc:title>` + esc(m.Title) + `</dc:title>`)
	if m.Subject != "" {
		b.WriteString(`<dc:subject>` + esc(m.Subject) + `</dc:subject>`)
	}
	b.WriteString(`<dc:creator>` + esc(m.Author) + `</dc:creator>`)
	b.WriteString(`<cp:lastModifiedBy>` + esc(m.Author) + `</cp:lastModifiedBy>`)
	if !m.Date.IsZero() {
		ts := m.Date.ISO() + "T00:00:00Z"
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:created>`)
		b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:modified>`)
	}
	b.WriteString(`</cp:coreProperties>`)
	return []byte(b.String())
}
