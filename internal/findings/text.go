package findings

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Sep is the 顿号 that joins items of a Chinese list.
const Sep = "、"

// Join writes items as a Chinese list: 甲、乙、丙.
func Join(items []string) string { return strings.Join(items, Sep) }

// IsTownKind reports whether a unit kind is a town-level one (镇街).
func IsTownKind(kind string) bool {
	switch kind {
	case "镇", "街道", "乡", "镇街", "乡镇", "街道办事处", "镇（街道）":
		return true
	}
	return false
}

// KindMatches reports whether a unit of kind matches the filter f: "镇街"
// matches every town-level kind, "部门" every other kind, anything else
// only itself.
func KindMatches(kind, f string) bool {
	switch f {
	case "镇街", "乡镇":
		return IsTownKind(kind)
	case "部门":
		return !IsTownKind(kind)
	}
	return kind == f
}

// UnitNames lists the names of units.
func UnitNames(us []*Unit) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Name
	}
	return out
}

// PlatformRank orders platforms for lists: by their position in order, then
// unknown ones last.
func PlatformRank(order []string, p string) int {
	for i, o := range order {
		if o == p {
			return i
		}
	}
	return len(order)
}

// GroupByUnit groups accounts by their unit, units in order of first
// appearance, each unit's accounts sorted by platform order (stable).
func GroupByUnit(as []*Account, order []string) [][]*Account {
	var groups [][]*Account
	at := map[string]int{}
	for _, a := range as {
		i, ok := at[a.Unit]
		if !ok {
			i = len(groups)
			at[a.Unit] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], a)
	}
	for _, g := range groups {
		sortStable(g, func(x, y *Account) bool {
			return PlatformRank(order, x.Platform) < PlatformRank(order, y.Platform)
		})
	}
	return groups
}

// ByUnit writes accounts as notices list them, one unit's accounts together:
// 交通运输局（微信公众号）、店头镇（微博、微信公众号）.
func ByUnit(as []*Account, order []string) string {
	var items []string
	for _, g := range GroupByUnit(as, order) {
		ps := make([]string, len(g))
		for i, a := range g {
			ps[i] = a.Platform
		}
		items = append(items, g[0].Unit+"（"+Join(ps)+"）")
	}
	return Join(items)
}

// ByPlatform writes accounts grouped by platform, each name in quotes:
// prefix+微信公众号“甲”“乙”、prefix+微博“丙” (prefix is e.g. "政务").
func ByPlatform(as []*Account, order []string, prefix string) string {
	var items []string
	for _, g := range GroupBy("platform", as, order) {
		var b strings.Builder
		b.WriteString(prefix + g.Key)
		for _, a := range g.Accounts {
			b.WriteString("“" + a.DisplayName() + "”")
		}
		items = append(items, b.String())
	}
	return Join(items)
}

// Group is accounts sharing one key (a platform, a problem type, a unit, a
// unit kind).
type Group struct {
	Key      string
	Accounts []*Account
}

// Count is the number of accounts in the group.
func (g Group) Count() int { return len(g.Accounts) }

// GroupKeys are the keys GroupBy knows.
var GroupKeys = []string{"platform", "problem", "unit", "kind", "verdict"}

// ProblemOrder is the order of problem groups: the single-item veto first,
// then the others the rules derive; problems written by hand follow in order
// of first appearance.
var ProblemOrder = []string{ProblemStale, ProblemLate, ProblemOriginal, ProblemUnregistered, ProblemChangeFiling}

// GroupBy groups accounts by key, one of GroupKeys. Platforms come in
// platform order, problems in ProblemOrder (an account with several problems
// is in several groups), units and kinds in order of first appearance. It returns nil for an unknown key.
func GroupBy(key string, as []*Account, order []string) []Group {
	var groups []Group
	at := map[string]int{}
	add := func(k string, a *Account) {
		i, ok := at[k]
		if !ok {
			i = len(groups)
			at[k] = i
			groups = append(groups, Group{Key: k})
		}
		groups[i].Accounts = append(groups[i].Accounts, a)
	}
	for _, a := range as {
		switch key {
		case "platform":
			add(a.Platform, a)
		case "problem":
			for _, p := range a.Problems {
				add(p, a)
			}
		case "unit":
			add(a.Unit, a)
		case "kind":
			k := ""
			if a.Owner != nil {
				k = a.Owner.Kind
			}
			add(k, a)
		case "verdict":
			add(a.Verdict, a)
		default:
			return nil
		}
	}
	switch key {
	case "platform":
		sortStable(groups, func(x, y Group) bool {
			return PlatformRank(order, x.Key) < PlatformRank(order, y.Key)
		})
	case "problem":
		sortStable(groups, func(x, y Group) bool {
			return PlatformRank(ProblemOrder, x.Key) < PlatformRank(ProblemOrder, y.Key)
		})
	}
	return groups
}

// ByProblem writes accounts grouped by problem type with a count:
// 更新不及时（3个）：交通运输局（微信公众号）、……；原创性不高（7个）：…….
func ByProblem(as []*Account, order []string) string {
	var parts []string
	for _, g := range GroupBy("problem", as, order) {
		parts = append(parts, fmt.Sprintf("%s（%d个）：%s", g.Key, g.Count(), ByUnit(g.Accounts, order)))
	}
	return strings.Join(parts, "；")
}

// Rate writes num/den as a percentage with the given decimals, rounded half
// up in exact integer arithmetic: Rate(48, 51, 2) = "94.12%". A zero
// denominator gives "0%" with the decimals.
func Rate(num, den, decimals int) string {
	if decimals < 0 {
		decimals = 0
	}
	scale := int64(1)
	for range decimals {
		scale *= 10
	}
	if den <= 0 {
		return strconv.FormatFloat(0, 'f', decimals, 64) + "%"
	}
	// round(num*100*scale/den), half up: floor((2*num*100*scale + den) / (2*den))
	v := (2*int64(num)*100*scale + int64(den)) / (2 * int64(den))
	s := strconv.FormatInt(v/scale, 10)
	if decimals > 0 {
		frac := strconv.FormatInt(v%scale, 10)
		s += "." + strings.Repeat("0", decimals-len(frac)) + frac
	}
	return s + "%"
}

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// Chinese writes n (0–9999) in Chinese numerals as counts and ordinals are
// written in prose: 3 三, 10 十, 12 十二, 20 二十, 105 一百零五. Other
// values are written in Arabic digits.
func Chinese(n int) string {
	if n < 0 || n > 9999 {
		return strconv.Itoa(n)
	}
	if n < 10 {
		return cnDigits[n]
	}
	units := []string{"千", "百", "十", ""}
	ds := []int{n / 1000, n / 100 % 10, n / 10 % 10, n % 10}
	var b strings.Builder
	zero := false
	for i, d := range ds {
		if d == 0 {
			if b.Len() > 0 {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		if !(d == 1 && i == 2 && b.Len() == 0) { // 十二, not 一十二
			b.WriteString(cnDigits[d])
		}
		b.WriteString(units[i])
	}
	return b.String()
}

// Quantity is Chinese for a count before a measure word: 2 is 两 (两个账号,
// 两单位), everything else as Chinese writes it.
func Quantity(n int) string {
	if n == 2 {
		return "两"
	}
	return Chinese(n)
}

// sortStable is an insertion sort: small lists, stable, no reflection.
func sortStable[T any](xs []T, less func(a, b T) bool) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && less(xs[j], xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// MonthDay writes a date as notices write it in prose and tables: 9月2日.
func MonthDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d月%d日", int(t.Month()), t.Day())
}

// FullDate writes a date in full: 2021年9月14日.
func FullDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return chineseDate(t)
}

// PeriodText writes the period as notices name it: 2021年第三季度,
// 2023年9月, 2021年第一批; the year alone when nothing else is set.
func PeriodText(p Period) string {
	y := ""
	if p.Year > 0 {
		y = strconv.Itoa(p.Year) + "年"
	}
	switch {
	case p.Quarter > 0:
		return y + "第" + Chinese(p.Quarter) + "季度"
	case p.Month > 0:
		return y + strconv.Itoa(p.Month) + "月"
	case p.Batch > 0:
		return y + "第" + Chinese(p.Batch) + "批"
	}
	return y
}

// Nearest is the candidate closest to s (edit distance in characters, case
// ignored), when close enough to be a typo of it; "" otherwise.
func Nearest(s string, candidates []string) string {
	best, bestD := "", 3
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if d := EditDistance(ls, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD >= utf8.RuneCountInString(s) {
		return ""
	}
	return best
}

// EditDistance is the Damerau–Levenshtein (optimal string alignment)
// distance between a and b in characters: insertions, deletions,
// substitutions and swaps of two neighbours (the commonest typo) count one
// each. Every "did you mean" of gongwen measures with it.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
