// Package compose turns a checked notice (package source) into the content
// model (package doc): it numbers the sections, formats the 发文字号 and the
// dates, splits text into paragraphs and gives every run its face. It is the
// only place that decides what the words of the document are.
package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/source"
)

// Options tell Compose where the notice's files are.
type Options struct {
	// Dir is the folder of the notice file; relative paths (the seal) are read
	// from it.
	Dir string
	// ReadFile reads a file named by the notice; nil means os.ReadFile.
	ReadFile func(name string) ([]byte, error)
	// Prepared is what the checks of the notice prepared (source.File.
	// Prepared): the notice merged over the template they read, and its
	// data's model. Nil: Compose works them out from the notice.
	Prepared *source.Prepared
}

// Compose builds the document. The notice must have passed source checks.
func Compose(n *source.Notice, opt Options) (*doc.Document, error) {
	// Template, expressions and data tables (expr.go).
	n, err := prepare(n, opt.Prepared)
	if err != nil {
		return nil, err
	}
	read := opt.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	d := &doc.Document{}
	h := n.Head
	d.Head = doc.Head{
		CopyNumber:     h.CopyNumber,
		Classification: h.Classification,
		Urgency:        h.Urgency,
		Signers:        h.Signers,
	}
	if len(h.Masthead) > 0 {
		d.Head.Masthead = &doc.Masthead{Issuers: h.Masthead, Suffix: h.MastheadSuffix}
	}
	if dn := h.DocNumber; dn != nil {
		d.Head.DocNumber = DocNumber(dn.Code, dn.Year, dn.Seq)
	}

	d.Title = append([]string(nil), n.Main.Title...)
	if a := strings.TrimSpace(n.Main.Addressees); a != "" {
		d.Addressees = strings.TrimRight(a, "：:") + "："
	}
	d.Body = container(n.Main.Container, 1, "")
	for _, p := range paragraphs(n.Main.Closing) {
		d.Body = append(d.Body, plain(p))
	}
	for i, a := range n.Attachments {
		d.AttachmentNote = append(d.AttachmentNote, doc.AttachmentRef{Number: i + 1, Name: a.Title})
		d.Attachments = append(d.Attachments, doc.Attachment{
			Number: i + 1,
			Title:  a.Title,
			Blocks: container(a.Container, 1, ""),
		})
	}
	if len(n.Attachments) == 1 {
		d.AttachmentNote[0].Number = 0
		d.Attachments[0].Number = 0
	}

	s := n.Signature
	d.Signature = doc.Signature{Issuers: s.Issuer, Date: date(s.Date)}
	if s.Seal != "" {
		name := s.Seal
		if !filepath.IsAbs(name) {
			name = filepath.Join(opt.Dir, name)
		}
		b, err := read(name)
		if err != nil {
			return nil, fmt.Errorf("读取印章图片 %s：%w", s.Seal, err)
		}
		d.Signature.Seal = &doc.Image{Name: filepath.Base(s.Seal), PNG: b}
	}
	if r := strings.TrimSpace(n.Main.Remark); r != "" {
		d.Remark = "（" + strings.TrimSuffix(strings.TrimPrefix(r, "（"), "）") + "）"
	}
	if c := n.Colophon; c != nil {
		d.Colophon = &doc.Colophon{CC: c.CC, PrintedBy: c.PrintedBy, PrintedOn: date(c.PrintedOn)}
	}

	d.Meta = doc.Meta{
		Title:   strings.Join(d.Title, ""),
		Author:  strings.Join(s.Issuer, "、"),
		Subject: d.Head.DocNumber,
		Date:    d.Signature.Date,
	}
	return d, nil
}

// DocNumber formats a 发文字号: 机关代字〔年份〕序号号.
func DocNumber(code string, year, seq int) string {
	return fmt.Sprintf("%s〔%d〕%d号", code, year, seq)
}

func date(t time.Time) doc.Date {
	if t.IsZero() {
		return doc.Date{}
	}
	return doc.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// container composes text, blocks, tables and sections at the given level.
func container(c source.Container, level int, path string) []doc.Block {
	var out []doc.Block
	for _, p := range paragraphs(c.Text) {
		out = append(out, plain(p))
	}
	for _, b := range c.Blocks {
		for _, p := range paragraphs(b.Text) {
			out = append(out, plain(p))
		}
		if b.Table != nil {
			out = append(out, Table(b.Table))
		}
	}
	for i := range c.Tables {
		out = append(out, Table(&c.Tables[i]))
	}
	for i, s := range c.Sections {
		out = append(out, section(s, level, i+1, path)...)
	}
	return out
}

// headingFace is the face of a heading at each level (GB/T 9704 §7.3.3).
func headingFace(level int) doc.Face {
	switch level {
	case 1:
		return doc.FaceHei
	case 2:
		return doc.FaceKai
	default:
		return doc.FaceFangSong
	}
}

func section(s source.Section, level, n int, path string) []doc.Block {
	num := SectionNumber(level, n)
	sec := path + strings.TrimSuffix(num, "、")
	title := strings.TrimSpace(s.Title)
	h := &doc.Paragraph{Level: level, Number: num, Section: sec, Heading: title, RunIn: s.RunIn}
	body := s.Container
	if s.RunIn {
		if !endsSentence(title) {
			title += "。"
		}
		h.Runs = []doc.Run{{Text: num + title, Face: headingFace(level)}}
		if ps := paragraphs(body.Text); len(ps) > 0 {
			h.Runs = append(h.Runs, doc.Run{Text: ps[0], Face: doc.FaceFangSong})
			body.Text = strings.Join(ps[1:], "\n\n")
		}
	} else {
		h.Runs = []doc.Run{{Text: num + title, Face: headingFace(level)}}
	}
	return append([]doc.Block{h}, container(body, level+1, sec)...)
}

func endsSentence(s string) bool {
	for _, suf := range []string{"。", "？", "！", "：", "；"} {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

func plain(text string) *doc.Paragraph {
	return &doc.Paragraph{Runs: []doc.Run{{Text: text, Face: doc.FaceFangSong}}}
}

// paragraphs splits text at blank lines; the lines of one paragraph are
// trimmed and joined without a space (Chinese text has none between lines).
func paragraphs(text string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			flush()
			continue
		}
		cur.WriteString(line)
	}
	flush()
	return out
}
