package compose

import "strconv"

var digits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// ChineseNumeral writes n (1–999) as a Chinese numeral: 1 一, 10 十, 11 十一,
// 20 二十, 101 一百零一.
func ChineseNumeral(n int) string {
	if n <= 0 || n >= 1000 {
		return strconv.Itoa(n)
	}
	s := ""
	h, t, u := n/100, n/10%10, n%10
	if h > 0 {
		s += digits[h] + "百"
		if t == 0 && u > 0 {
			return s + "零" + digits[u]
		}
	}
	if t > 0 {
		if !(t == 1 && h == 0) {
			s += digits[t]
		}
		s += "十"
	}
	if u > 0 {
		s += digits[u]
	}
	return s
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
