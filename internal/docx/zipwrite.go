package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io/fs"
	"strings"

	"github.com/gongwen/gongwen/templates"
)

// writePackage writes the finished .docx: the parts in their order, the
// main document part holding document. Every part is deflated once, at
// archive/zip's default level and without a timestamp — the bytes
// nguyenthenguyen/docx's Write gave when the parts went through it (packed,
// read back, and written again: every part compressed twice and
// decompressed once, about 8 ms of the sample's run).
func writePackage(parts []part, document string) ([]byte, error) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	found := false
	for _, p := range parts {
		f, err := w.Create(p.name)
		if err != nil {
			return nil, err
		}
		data := p.data
		if p.name == partDocument {
			data, found = []byte(document), true
		}
		if _, err := f.Write(data); err != nil {
			return nil, err
		}
	}
	if !found {
		return nil, fmt.Errorf("模板中没有 %s", partDocument)
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// defaultParts are the parts of the default base template (templates/docx)
// in the order DefaultTemplate packs them ([Content_Types].xml and
// _rels/.rels first, as Word writes them, then by name), read straight from
// the embedded files: rendering with the default template needs no zip
// packed and read back.
func defaultParts() ([]part, error) {
	var parts []part
	err := fs.WalkDir(templates.DOCX, "docx", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templates.DOCX, p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".rels") {
			b = commentRE.ReplaceAll(b, nil) // the comments are for reviewers
		}
		parts = append(parts, part{name: strings.TrimPrefix(p, "docx/"), data: b})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("读取内置 DOCX 模板：%w", err)
	}
	var ordered []part
	for _, first := range []string{partContentTypes, "_rels/.rels"} {
		for _, p := range parts {
			if p.name == first {
				ordered = append(ordered, p)
			}
		}
	}
	for _, p := range parts {
		if p.name != partContentTypes && p.name != "_rels/.rels" {
			ordered = append(ordered, p)
		}
	}
	return ordered, nil
}
