// Package doc is the content model: the composed notice, layout-neutral, that
// every output (PDF, DOCX, JSON, diff) reads. It says what the words are and
// which element of GB/T 9704-2012 each belongs to; it never says where they go
// on a page. Nothing in an output package may change the words.
package doc

import "fmt"

// Face is a typeface role as GB/T 9704 names it, not a font file. The PDF maps
// each face to an embedded free font; the DOCX to the font offices install.
type Face string

// The faces of GB/T 9704.
const (
	FaceFangSong     Face = "fangsong"     // 仿宋: body
	FaceHei          Face = "hei"          // 黑体: level-1 headings, 密级, 紧急程度, 附件 label
	FaceKai          Face = "kai"          // 楷体: level-2 headings, 签发人 names
	FaceXiaoBiaoSong Face = "xiaobiaosong" // 小标宋: masthead, title
	FaceSong         Face = "song"         // 宋体: page numbers
)

// Faces lists every face, in a fixed order.
var Faces = []Face{FaceFangSong, FaceHei, FaceKai, FaceXiaoBiaoSong, FaceSong}

// Date is a calendar date without time zone (成文日期, 印发日期).
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// Chinese formats d as GB/T 9704 writes dates: 2021年9月22日 (no leading zeros).
func (d Date) Chinese() string {
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

// ISO formats d as 2021-09-22.
func (d Date) ISO() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Document is one composed notice.
type Document struct {
	Meta Meta `json:"meta"`
	// Head is the 版头. Its zero value is a document with no 版头 elements.
	Head Head `json:"head"`
	// Title is the 标题, already broken into lines (explicit breaks kept;
	// a single element means the layout may break it).
	Title      []string `json:"title"`
	Addressees string   `json:"addressees,omitempty"` // 主送机关, with the final "："
	Body       []Block  `json:"body"`
	// AttachmentNote is the 附件说明: one entry per attachment, in order.
	AttachmentNote []AttachmentRef `json:"attachment_note,omitempty"`
	Signature      Signature       `json:"signature"`
	Remark         string          `json:"remark,omitempty"` // 附注, with its parentheses
	Attachments    []Attachment    `json:"attachments,omitempty"`
	Colophon       *Colophon       `json:"colophon,omitempty"`
}

// Meta is what the files say about themselves (PDF Info, DOCX core properties).
type Meta struct {
	Title   string `json:"title"`
	Author  string `json:"author"`  // the issuer
	Subject string `json:"subject"` // the 发文字号
	Date    Date   `json:"date"`    // 成文日期
}

// Head is the 版头.
type Head struct {
	CopyNumber     string    `json:"copy_number,omitempty"`    // 份号, six digits
	Classification string    `json:"classification,omitempty"` // 密级和保密期限, e.g. 秘密★1年
	Urgency        string    `json:"urgency,omitempty"`        // 紧急程度: 特急 / 加急
	Masthead       *Masthead `json:"masthead,omitempty"`       // 发文机关标志
	DocNumber      string    `json:"doc_number,omitempty"`     // 发文字号, formatted: 沭政督字〔2021〕31号
	Signers        []string  `json:"signers,omitempty"`        // 签发人 (上行文)
}

// Masthead is the 发文机关标志: one issuer or several (联合行文), optionally
// followed by a suffix such as "文件".
type Masthead struct {
	Issuers []string `json:"issuers"`
	Suffix  string   `json:"suffix,omitempty"`
}

// Text is the masthead on one line, as a single issuer writes it.
func (m *Masthead) Text() string {
	s := ""
	for _, i := range m.Issuers {
		s += i
	}
	return s + m.Suffix
}

// Block is one element of a body or an attachment: *Paragraph or *Table.
type Block interface{ isBlock() }

// Paragraph is a paragraph of text, a heading on its own line, or a heading
// run into its paragraph ("（一）切实提高认识。各镇街……"), where only the
// heading runs carry the heading face.
type Paragraph struct {
	// Level is 0 for a plain paragraph, 1–4 for a paragraph that starts with
	// a structure number 一、（一）1.（1）.
	Level int `json:"level,omitempty"`
	// Number is the computed structure number, e.g. "（二）"; empty for level 0.
	Number string `json:"number,omitempty"`
	// Section is the full path of numbers, e.g. "二（三）", for diffs and bookmarks.
	Section string `json:"section,omitempty"`
	// RunIn is true when the heading runs into its paragraph.
	RunIn bool `json:"run_in,omitempty"`
	// Heading is the heading text without its number (for bookmarks), when Level > 0.
	Heading string `json:"heading,omitempty"`
	Align   Align  `json:"align,omitempty"`
	Runs    []Run  `json:"runs"`
}

func (*Paragraph) isBlock() {}

// Text is the paragraph's words, all runs together.
func (p *Paragraph) Text() string {
	s := ""
	for _, r := range p.Runs {
		s += r.Text
	}
	return s
}

// Align is how a paragraph sits on its lines.
type Align string

// Alignments. The zero value is the body paragraph: first line indented two
// characters, wrapped lines flush left, justified to the type width.
const (
	AlignBody   Align = ""
	AlignLeft   Align = "left" // flush left, no indent (e.g. headings in tables)
	AlignCenter Align = "center"
	AlignRight  Align = "right"
)

// Run is text in one face.
type Run struct {
	Text string `json:"text"`
	Face Face   `json:"face"`
}

// Table is a table in the body or an attachment. Cells form a full grid: every
// row of Header and Rows has exactly len(Columns) cells; a merged cell has its
// spans at its top-left position and the positions it covers are Covered.
type Table struct {
	ID         string   `json:"id,omitempty"`
	Caption    string   `json:"caption,omitempty"`    // 表题, centred above
	Subcaption string   `json:"subcaption,omitempty"` // e.g. （监测时间：……）
	UnitLine   string   `json:"unit_line,omitempty"`  // e.g. 单位：条, right above the table
	Columns    []Column `json:"columns"`
	Header     [][]Cell `json:"header"` // repeated on every page
	Rows       [][]Cell `json:"rows"`
	// FontSize is the size of the cell text in points (0: 四号).
	FontSize float64 `json:"font_size,omitempty"`
	// Landscape asks for the table to be set on landscape pages.
	Landscape bool `json:"landscape,omitempty"`
	// Notes are paragraphs under the table (注：……).
	Notes []string `json:"notes,omitempty"`
}

func (*Table) isBlock() {}

// Column is one column of a table.
type Column struct {
	// Width is the column's share of the table width (any positive unit; they
	// are normalised). Zero means computed from the content.
	Width float64 `json:"width,omitempty"`
	Align Align   `json:"align,omitempty"` // AlignBody here means centred
}

// Cell is one cell of a table.
type Cell struct {
	Text    string `json:"text"`
	Face    Face   `json:"face,omitempty"` // default: 仿宋 in rows, 黑体 in the header
	ColSpan int    `json:"colspan,omitempty"`
	RowSpan int    `json:"rowspan,omitempty"`
	Covered bool   `json:"covered,omitempty"` // covered by a merged cell above or to the left
	Align   Align  `json:"align,omitempty"`   // overrides the column's
}

// AttachmentRef is one line of the 附件说明.
type AttachmentRef struct {
	Number int    `json:"number"` // 1-based; printed only when there are several
	Name   string `json:"name"`
}

// Attachment is a 附件 bound with the document, starting on a new page.
type Attachment struct {
	Number int     `json:"number"`
	Title  string  `json:"title"`
	Blocks []Block `json:"blocks"`
}

// Signature is the 发文机关署名, 成文日期 and 印章.
type Signature struct {
	// Issuers is the 发文机关署名, one name per issuer (several for 联合行文).
	// Empty means no signature (the standard allows it for some kinds).
	Issuers []string `json:"issuers,omitempty"`
	Date    Date     `json:"date"`
	// Seal is the seal image (PNG with transparency); nil means unsealed.
	Seal *Image `json:"seal,omitempty"`
}

// Image is an image with its bytes.
type Image struct {
	Name string `json:"name"`
	PNG  []byte `json:"-"`
	// Width is the printed width in points (0: the standard seal diameter).
	Width float64 `json:"width,omitempty"`
}

// Colophon is the 版记.
type Colophon struct {
	CC        []string `json:"cc,omitempty"` // 抄送机关
	PrintedBy string   `json:"printed_by"`   // 印发机关
	PrintedOn Date     `json:"printed_on"`   // 印发日期
}

// CCText is the 抄送 line: "抄送：甲，乙。"
func (c *Colophon) CCText() string {
	if len(c.CC) == 0 {
		return ""
	}
	s := "抄送："
	for i, n := range c.CC {
		if i > 0 {
			s += "，"
		}
		s += n
	}
	return s + "。"
}

// CheckGrid reports the first way t breaks the model's grid: a row without
// one cell per column, a span that leaves the grid, a position covered by no
// cell or by two, or a Covered mark where no span reaches. Every table the
// composer builds keeps it; a table read from elsewhere (a JSON file) must be
// checked before an output or a comparison walks its spans.
func (t *Table) CheckGrid() error {
	for pi, part := range [][][]Cell{t.Header, t.Rows} {
		name := "表头"
		if pi == 1 {
			name = "表体"
		}
		cover := make([][]int, len(part))
		for r, row := range part {
			if len(row) != len(t.Columns) {
				return fmt.Errorf("%s第 %d 行有 %d 格，表格有 %d 列", name, r+1, len(row), len(t.Columns))
			}
			cover[r] = make([]int, len(row))
		}
		for r, row := range part {
			for c, cell := range row {
				if cell.Covered {
					continue
				}
				if cell.RowSpan < 1 || cell.ColSpan < 1 || cell.RowSpan > len(part)-r || cell.ColSpan > len(row)-c {
					return fmt.Errorf("%s第 %d 行第 %d 格的合并范围（%d 行 × %d 列）超出表格", name, r+1, c+1, cell.RowSpan, cell.ColSpan)
				}
				for i := r; i < r+cell.RowSpan; i++ {
					for j := c; j < c+cell.ColSpan; j++ {
						cover[i][j]++
						if (i != r || j != c) && !part[i][j].Covered {
							return fmt.Errorf("%s第 %d 行第 %d 格在第 %d 行第 %d 格的合并范围内，却没有标为被合并", name, i+1, j+1, r+1, c+1)
						}
					}
				}
			}
		}
		for r := range cover {
			for c, n := range cover[r] {
				if n != 1 {
					return fmt.Errorf("%s第 %d 行第 %d 格被 %d 个单元格占用（应为 1 个）", name, r+1, c+1, n)
				}
			}
		}
	}
	return nil
}
