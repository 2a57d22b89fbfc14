package doc

import "strconv"

// The words that belong to no source field but to the standard's own
// elements. Outputs take them from here so that the PDF and the DOCX never
// decide them on their own.

// AttachmentNoteLines is the 附件说明 as lines: "附件：名称" for one
// attachment, "附件：1. 名称" then "2. 名称" … for several. The layout aligns
// the following lines under the first name (they start after "附件：").
func (d *Document) AttachmentNoteLines() []string {
	var out []string
	for i, a := range d.AttachmentNote {
		s := a.Name
		if len(d.AttachmentNote) > 1 {
			s = strconv.Itoa(a.Number) + ". " + s
		}
		if i == 0 {
			s = AttachmentNoteLabel + s
		}
		out = append(out, s)
	}
	return out
}

// AttachmentNoteLabel begins the 附件说明.
const AttachmentNoteLabel = "附件："

// Label is the attachment's heading on its first page: "附件" or "附件2".
func (a *Attachment) Label() string {
	if a.Number == 0 {
		return "附件"
	}
	return "附件" + strconv.Itoa(a.Number)
}

// PageNumberText is the page number as GB/T 9704 §7.5 prints it: "— 1 —".
func PageNumberText(n int) string { return "— " + strconv.Itoa(n) + " —" }

// PrintedText is the right-hand part of the 印发 line: "2021年9月22日印发".
func (c *Colophon) PrintedText() string { return c.PrintedOn.Chinese() + "印发" }

// SignersLabel precedes the names of the 签发人.
const SignersLabel = "签发人："
