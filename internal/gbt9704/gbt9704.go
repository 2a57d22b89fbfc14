// Package gbt9704 holds every layout number of GB/T 9704-2012 《党政机关公文格式》
// in one place, named as the standard names it. Lengths are in PDF points
// (1/72 inch) unless a name says otherwise; helpers convert to twips and EMU
// for WordprocessingML.
//
// Where the standard leaves a value open, the value here is the common office
// practice and is marked "practice".
package gbt9704

// MM is one millimetre in points.
const MM = 72 / 25.4

// Chinese point sizes (字号), in points.
const (
	SizeChu      = 42.0 // 初号
	SizeXiaoChu  = 36.0 // 小初
	SizeYi       = 26.0 // 一号
	SizeXiaoYi   = 24.0 // 小一
	SizeEr       = 22.0 // 二号: title
	SizeXiaoEr   = 18.0 // 小二
	SizeSan      = 16.0 // 三号: body text
	SizeXiaoSan  = 15.0 // 小三
	SizeSi       = 14.0 // 四号: 版记, page numbers
	SizeXiaoSi   = 12.0 // 小四
	SizeWu       = 10.5 // 五号
	SizeMasthead = 0    // not fixed by the standard; see MastheadSize
)

// Page (§5.2.1): A4 portrait.
const (
	PageWidth  = 210 * MM
	PageHeight = 297 * MM
)

// Margins and type area 版心 (§5.2.2). The left margin is 订口, not mirrored.
const (
	MarginTop      = 37 * MM // 天头
	MarginLeft     = 28 * MM // 订口
	TypeAreaWidth  = 156 * MM
	TypeAreaHeight = 225 * MM
	MarginRight    = PageWidth - MarginLeft - TypeAreaWidth  // 26 mm
	MarginBottom   = PageHeight - MarginTop - TypeAreaHeight // 35 mm
)

// The body grid (§5.2.3): 22 lines of 28 characters of 三号仿宋.
const (
	LinesPerPage = 22
	CharsPerLine = 28
	BodySize     = SizeSan
	LinePitch    = TypeAreaHeight / LinesPerPage // ≈ 28.99 pt, 10.227 mm
	CharPitch    = TypeAreaWidth / CharsPerLine  // ≈ 15.79 pt, 5.571 mm
)

// 版头 (§7.2).
const (
	// MastheadTop is the distance from the top edge of the type area to the
	// top edge of the 发文机关标志.
	MastheadTop = 35 * MM
	// MastheadSize is the practice size of the 发文机关标志 (the standard only
	// asks that it be solemn and no wider than the type area). 小初 is common
	// for a one-line masthead; longer names are shrunk to fit.
	MastheadSize = SizeXiaoChu
	// DocNumberGapLines is the number of blank lines between the 发文机关标志
	// and the 发文字号.
	DocNumberGapLines = 2
	// RuleBelowDocNumber is the distance from the 发文字号 to the red rule.
	RuleBelowDocNumber = 4 * MM
	// RuleWidth is the thickness of the red rule (practice 0.35–0.5 mm).
	RuleWidth = 0.5 * MM
	// TitleGapLines is the number of blank lines between the rule and the title.
	TitleGapLines = 2
	// TitleSize is 二号 小标宋.
	TitleSize = SizeEr
	// AddresseeGapLines is the number of blank lines between title and 主送机关.
	AddresseeGapLines = 1
)

// 主体 (§7.3).
const (
	ParagraphIndentChars = 2 // each paragraph indented two characters
	AttachmentNoteGap    = 1 // blank lines between body and 附件说明
	SignatureRightChars  = 4 // sealed: date indented four characters from the right
	UnsealedNameRight    = 2 // unsealed: name two characters from the right
	UnsealedDateShift    = 2 // unsealed: date starts two characters right of the name
	RemarkIndentChars    = 2 // 附注 indented two characters
)

// SealDiameter is the practice diameter of an office seal (42 mm).
const SealDiameter = 42 * MM

// 版记 (§7.4).
const (
	ColophonSize       = SizeSi
	ColophonThickRule  = 0.35 * MM
	ColophonThinRule   = 0.25 * MM
	ColophonIndentChar = 1 // one character in on both sides
)

// 页码 (§7.5).
const (
	PageNumberSize = SizeSi
	// PageNumberBelow is the distance from the bottom edge of the type area to
	// the page number line (the dashes).
	PageNumberBelow = 7 * MM
	// PageNumberIndentChars: one character in from the type area edge.
	PageNumberIndentChars = 1
)

// Red is the colour of the masthead, the rule and the seal (practice: pure red).
var Red = [3]uint8{0xFF, 0x00, 0x00}

// Twips converts points to twentieths of a point (WordprocessingML).
func Twips(pt float64) int { return int(pt*20 + 0.5) }

// EMU converts points to English Metric Units (DrawingML).
func EMU(pt float64) int64 { return int64(pt*12700 + 0.5) }

// Halfpoints converts points to half-points (w:sz).
func Halfpoints(pt float64) int { return int(pt*2 + 0.5) }

// Glyph metrics (practice) used to place text by its baseline. The standard
// measures from glyph edges; a layout needs no font files if it takes the
// edges of the ideographic em box, whose top lies EmAscent of the size above
// the baseline and whose bottom EmDescent below it in the CJK fonts offices
// use (and in the free fonts this project embeds).
const (
	EmAscent  = 0.88
	EmDescent = 0.12
	// DashAxis is where the 一字线 (—) of a page number lies, as a fraction
	// of the em box measured from its top: the middle of the box.
	DashAxis = 0.5
)

// Signature block placement (§7.3.5, practice where the standard leaves it).
const (
	// SealedNameLines: with a seal, the issuer name stands on the third line
	// below the last line of the body (or 附件说明), the date on the fourth;
	// with a 42 mm seal pressed centred on them this puts the seal's top
	// within one line of the text above, as §7.3.5.1 asks.
	SealedNameLines = 3
	// SealNameDrop is how far the vertical centre of the 发文机关署名 (the
	// middle of its em box) lies below the seal's centre: §7.3.5.1 puts
	// the name and the date "居印章中心偏下位置", so the name sits slightly
	// below the centre line and the date a line further down (practice
	// 3 mm; with SealedNameLines and a 42 mm seal the seal's top is then
	// 1.6 mm below the last text line's grid line, within one line of the
	// text as §7.3.5.1 asks, and clear of its characters).
	SealNameDrop = 3 * MM
	// UnsealedNameLines: without a seal, the issuer name stands one blank
	// line below the body.
	UnsealedNameLines = 2
	// SignatureTightenLines is how many lines more than LinesPerPage the
	// last body page may hold when its line pitch is tightened to keep the
	// signature block with the text (§7.3.5.1: 采取调整行距、字距的措施;
	// practice: one, 22 → 23 lines, a pitch of 9.78 mm for 10.23 mm).
	SignatureTightenLines = 1
	// SignatureKeepLines is how many lines of text at least go with the
	// signature block to a new page when it cannot stay on the page where
	// the text ends (a page never carries the signature alone).
	SignatureKeepLines = 2
)

// 附件 pages (§7.3.7).
const (
	AttachmentTitleLine    = 2 // the attachment title is centred on the third line
	AttachmentBodyGapLines = 1 // practice: one blank line between its title and its text
)

// Tables (§10 and practice).
const (
	TableSize = SizeSi // 四号 cell text unless the table says otherwise
	// TableRuleWidth is the width of table borders (practice: Word's ½ pt).
	TableRuleWidth = 0.5
	// TableCellPadding is the space between a cell's border and its text on
	// the left and right (Word's default cell margin, 0.19 cm).
	TableCellPadding = 1.9 * MM
	// TableCellPaddingV is the space above and below a cell's text (practice).
	TableCellPaddingV = 1.0 * MM
	// TableLineSpacing is the pitch of the lines inside a cell, as a multiple
	// of the cell's font size (Word's single spacing of CJK fonts, ≈1.3).
	TableLineSpacing = 1.3
	// TableMinWrapChars is the narrowest a column whose text must wrap is
	// made, in characters of the table's size (practice: narrower columns
	// wrap a name every character or two).
	TableMinWrapChars = 4
	// TableCaptionSize is the size of a table's caption (表题, 小标宋):
	// practice for the statistics table of an inspection notice.
	TableCaptionSize = SizeEr
	// TableCaptionBodySize is the size of the caption of a table set in the
	// body among its paragraphs (practice: 三号, the body's size).
	TableCaptionBodySize = SizeSan
)

// Joint masthead (联合行文, practice): the issuers' names are stacked at
// MastheadLineSpacing times the masthead size, and the suffix ("文件")
// stands MastheadSuffixGap (in ems of the masthead size) to their right.
const (
	MastheadLineSpacing = 1.2
	MastheadSuffixGap   = 0.5
)

// Eighths converts points to eighths of a point (w:sz of WordprocessingML borders).
func Eighths(pt float64) int { return int(pt*8 + 0.5) }
