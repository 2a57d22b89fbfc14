package compose

import (
	"strconv"

	"github.com/gongwen/gongwen/internal/findings"
)

// ChineseNumeral writes n (1–999) as a Chinese numeral: 1 一, 10 十, 11 十一,
// 20 二十, 101 一百零一 (findings.Chinese, the one writer of numerals);
// other values in Arabic digits.
func ChineseNumeral(n int) string {
	if n <= 0 || n >= 1000 {
		return strconv.Itoa(n)
	}
	return findings.Chinese(n)
}

// SectionNumber is the structure number of the n-th (1-based) section at
// level 1–4, as GB/T 9704 §7.3.3 writes them: 一、 （一） 1. （1）.
func SectionNumber(level, n int) string {
	switch level {
	case 1:
		return ChineseNumeral(n) + "、"
	case 2:
		return "（" + ChineseNumeral(n) + "）"
	case 3:
		return strconv.Itoa(n) + "."
	default:
		return "（" + strconv.Itoa(n) + "）"
	}
}
