// Package source reads a notice written in TOML (the format of docs/format.md)
// and checks it. It knows the words the clerk typed and where they stand in
// the file; it does not compose, number or lay anything out.
package source

import (
	"fmt"
	"time"
)

// Notice is one notice file, as written. Field comments give the TOML keys.
type Notice struct {
	// Template names a standing notice kind in templates/ (e.g. "督查通报")
	// whose sections and standing paragraphs this notice starts from.
	Template    string       `toml:"template"`
	Head        Head         `toml:"head"`       // [head] 版头
	Main        Main         `toml:"main"`       // [main] 主体
	Attachments []Attachment `toml:"attachment"` // [[attachment]] 附件
	Signature   Signature    `toml:"signature"`  // [signature] 署名、日期、印章
	Colophon    *Colophon    `toml:"colophon"`   // [colophon] 版记
	// Data is [data], the findings every count, list and table is computed
	// from (findings.go; docs/data.md).
	Data *Data `toml:"data"`
	// Include names TOML files, relative to the notice, whose [data] is
	// read as if written here: a county's units and accounts kept in one
	// file and reused each period (include.go; docs/data.md).
	Include Names `toml:"include"`
	// Output is [output]: how the notice is written out (output.go).
	Output *Output `toml:"output"`
}

// Output is [output].
type Output struct {
	// DOCXTemplate is the .docx whose styles, headers and footers the DOCX
	// is built on (docs/docx-template.md), relative to the notice; the
	// build's --docx-template overrides it.
	DOCXTemplate string `toml:"docx_template"`
}

// Head is [head], the 版头.
type Head struct {
	CopyNumber     string     `toml:"copy_number"`     // 份号
	Classification string     `toml:"classification"`  // 密级和保密期限, e.g. "秘密★1年"
	Urgency        string     `toml:"urgency"`         // 紧急程度: 特急 / 加急
	Masthead       Names      `toml:"masthead"`        // 发文机关标志: one name or a list (联合行文)
	MastheadSuffix string     `toml:"masthead_suffix"` // e.g. "文件"
	DocNumber      *DocNumber `toml:"doc_number"`      // [head.doc_number] 发文字号
	Signers        []string   `toml:"signers"`         // 签发人 (上行文)
}

// DocNumber is [head.doc_number]: 机关代字, year and sequence. The brackets
// 〔〕 and "号" are added by the tool.
type DocNumber struct {
	Code string `toml:"code"` // 机关代字, e.g. "沭政督字"
	Year int    `toml:"year"` // full year, e.g. 2021
	Seq  int    `toml:"seq"`  // 发文顺序号, e.g. 31
}

// Main is [main], the 主体 before the signature.
type Main struct {
	Title      Names  `toml:"title"`      // 标题: a string, or a list of lines for explicit breaks
	Addressees string `toml:"addressees"` // 主送机关; the final "：" is added by the tool
	Container
	Closing string `toml:"closing"` // paragraphs after the numbered sections, e.g. "特此通报。"
	Remark  string `toml:"remark"`  // 附注, without parentheses, e.g. "此件公开发布"
}

// Container is what a body, a section and an attachment hold, in this order:
// the paragraphs of Text, then Blocks, then Tables, then the subsections.
type Container struct {
	// Text is paragraphs separated by blank lines; single line breaks inside a
	// paragraph are joined.
	Text     string    `toml:"text"`
	Blocks   []Block   `toml:"block"`   // [[…block]]: paragraphs and tables in any order
	Tables   []Table   `toml:"table"`   // [[…table]]
	Sections []Section `toml:"section"` // [[…section]]: numbered one level deeper
}

// Section is [[main.section]] (一、), [[main.section.section]] (（一）) and so
// on. Its number is computed from its position.
type Section struct {
	Title string `toml:"title"`
	// RunIn runs the heading into the first paragraph of Text:
	// "（一）切实提高认识。各镇街……". A missing final 。 is added.
	RunIn bool `toml:"run_in"`
	// Omit drops the template's section of the same title (template.go).
	Omit bool `toml:"omit"`
	Container
}

// Block is one [[…block]]: a paragraph (Text) or a table.
type Block struct {
	Text  string `toml:"text"`
	Table *Table `toml:"table"`
}

// Table is a table written cell by cell (a later format version also builds
// tables from data).
type Table struct {
	ID         string   `toml:"id"`
	Caption    string   `toml:"caption"`    // 表题
	Subcaption string   `toml:"subcaption"` // e.g. "（监测时间：2021年9月14日）"
	UnitLine   string   `toml:"unit_line"`  // e.g. "单位：条"
	Columns    []Column `toml:"columns"`
	// Header rows; when empty, one row of the column names. A cell "<" merges
	// with the cell to its left, "^" with the cell above.
	Header    [][]string `toml:"header"`
	Rows      [][]string `toml:"rows"`      // "<" and "^" merge as in Header
	FontSize  string     `toml:"font_size"` // 字号 name: "四号" (default), "小四", "五号" …
	Landscape bool       `toml:"landscape"`
	Notes     []string   `toml:"notes"`
	// DataTable builds the rows from [data] (findings.go): from, groups,
	// sort, total.
	DataTable
}

// Column is one column: its name and, optionally, its relative width and
// alignment ("left", "center", "right").
type Column struct {
	Name  string  `toml:"name"`
	Width float64 `toml:"width"`
	Align string  `toml:"align"`
	// DataColumn fills the column from [data] (findings.go): group, field,
	// value, merge, ok, decimals, total.
	DataColumn
}

// Attachment is one [[attachment]]: a 附件 bound with the document.
type Attachment struct {
	// Title is the attachment's title, also its name in the 附件说明.
	Title string `toml:"title"`
	Container
}

// Signature is [signature].
type Signature struct {
	Issuer Names     `toml:"issuer"` // 发文机关署名: one name or a list
	Date   time.Time `toml:"date"`   // 成文日期, a TOML date: 2021-09-22
	Seal   string    `toml:"seal"`   // 印章: a PNG file relative to the notice; empty for unsealed
}

// Colophon is [colophon], the 版记.
type Colophon struct {
	CC        []string  `toml:"cc"`         // 抄送机关
	PrintedBy string    `toml:"printed_by"` // 印发机关
	PrintedOn time.Time `toml:"printed_on"` // 印发日期
}

// Names is a string or a list of strings in TOML.
type Names []string

// UnmarshalTOML implements toml.Unmarshaler.
func (n *Names) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*n = Names{v}
	case []any:
		out := make(Names, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return fmt.Errorf("应为文字（用双引号括起），或由文字组成的数组")
			}
			out = append(out, s)
		}
		*n = out
	default:
		return fmt.Errorf("应为文字（用双引号括起），或由文字组成的数组")
	}
	return nil
}
