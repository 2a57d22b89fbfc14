package layout

// Character classes for setting Chinese text without font files: widths come
// from Unicode East Asian Width (wide and fullwidth characters take one em,
// narrow ones half an em), with the ambiguous characters that Chinese text
// sets full width (— … “ ” ‘ ’ · ★ ①…) taken as wide.

// wide reports whether r takes a full cell.
func wide(r rune) bool {
	switch {
	case r < 0x1100:
		return r == 0x00B7 || r == 0x00D7 || r == 0x00F7 || r == 0x00A7 || r == 0x00B0
	case r <= 0x115F:
		return true
	case r >= 0x2010 && r <= 0x203B:
		switch r {
		case 0x2014, 0x2015, 0x2016, 0x2018, 0x2019, 0x201C, 0x201D,
			0x2025, 0x2026, 0x2030, 0x2032, 0x2033, 0x203B:
			return true
		}
		return false
	case r == 0x2103 || r == 0x2116 || r == 0x2121:
		return true
	case r >= 0x2160 && r <= 0x217F: // Roman numerals Ⅰ…
		return true
	case r >= 0x2190 && r <= 0x21FF: // arrows
		return true
	case r >= 0x2460 && r <= 0x24FF: // ①…
		return true
	case r >= 0x2500 && r <= 0x27BF: // boxes, shapes, ★☆, dingbats
		return true
	case r >= 0x2E80 && r <= 0x303E:
		return true
	case r >= 0x3041 && r <= 0xA4CF:
		return true
	case r >= 0xAC00 && r <= 0xD7A3:
		return true
	case r >= 0xF900 && r <= 0xFAFF:
		return true
	case r >= 0xFE10 && r <= 0xFE19, r >= 0xFE30 && r <= 0xFE6F:
		return true
	case r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
		return true
	case r >= 0x1F300 && r <= 0x1F64F:
		return true
	case r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return false
}

// cells is the width of r in cells (1 or ½).
func cells(r rune) float64 {
	if wide(r) {
		return 1
	}
	return 0.5
}

// closing reports whether r may not begin a line (行首禁则): closing
// punctuation, pause and stop marks, and marks that must follow what they
// belong to.
func closing(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '』', '】', '〕', '〉', '］', '｝',
		'’', '”', '…', '—', '‥', '·', '・', '％', '‰', '℃', '々', '〗', '〙', '〛', '～', '｡', '､',
		',', '.', ';', ':', '?', '!', ')', ']', '}', '%':
		return true
	}
	return false
}

// opening reports whether r may not end a line (行尾禁则).
func opening(r rune) bool {
	switch r {
	case '（', '《', '「', '『', '【', '〔', '〈', '［', '｛', '‘', '“', '〖', '〘', '〚',
		'(', '[', '{':
		return true
	}
	return false
}

// squeezable reports whether r is a full-width punctuation mark whose glyph
// fills only half of its em box, so that its advance may be compressed to
// half a cell (标点挤压) to keep a closing mark off the start of a line.
// It returns +1 for marks whose ink sits in the left half (closing marks)
// and -1 for those whose ink sits in the right half (opening marks).
func squeezable(r rune) int {
	switch r {
	case '，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '』', '】', '〕', '〉', '’', '”', '］', '｝', '〗':
		return +1
	case '（', '《', '「', '『', '【', '〔', '〈', '‘', '“', '［', '｛', '〖':
		return -1
	}
	return 0
}

// wordRune reports whether r belongs to an unbreakable Latin word or number:
// ASCII letters and digits and the marks that join them (. , % - / :).
func wordRune(r rune) bool {
	switch {
	case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return true
	}
	switch r {
	case '.', ',', '%', '-', '/', ':', '_', '@', '#', '&', '+', '=', '~', '?':
		return true
	}
	return false
}

// space reports whether r is a breakable space.
func space(r rune) bool { return r == ' ' || r == '\t' }
