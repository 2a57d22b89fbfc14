package layout

import (
	"math"
	"strings"

	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
)

// Title breaking (§7.3.1): a title that does not fit on one line is broken
// at word boundaries into lines that form a trapezoid (each line no longer
// than the one above) or a diamond (the longest line in the middle), never a
// long line over a short one-word line. Words are found with a small built-in
// list of the words these titles are made of; a break inside a listed word,
// a number or a Latin word is not made when any other is possible, and breaks
// before 关于 and after 关于/的/和/及/、 are preferred.

// titleWords are the words of inspection-notice titles, longest first when
// matched (forward maximum matching).
var titleWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
人民政府 办公室 办公厅 关于 政府网站 网站 政务新媒体 新媒体 政务 政府 人民
检查 抽查 普查 监测 情况 通报 结果 工作 专项 督查 读网 整改 落实 运行 管理 信息 公开
政务公开 第一季度 第二季度 第三季度 第四季度 季度 上半年 下半年 年度 月份 全县 全市 全区
全省 全州 全旗 县政府 市政府 区政府 省政府 县委 市委 区委 第一批 第二批 第三批 第四批
集中 常态化 监管 考核 评估 问题 清单 栏目 更新 账号 平台 有关 相关 单位 部门 镇街 街道
办事处 委员会 人民代表大会 常务委员会 情况的 进一步 加强 做好 开展 规范 专题 报告 通知
意见 决定 批复 函 数据 发布 建设 维护 安全 保障 服务 乡镇 各镇 县直 市直 区直
`) {
		m[w] = true
	}
	return m
}()

// maxTitleWord is the length in runes of the longest listed word.
const maxTitleWord = 6

// Break penalties between two runes of a title.
const (
	penPreferred = 0   // before 关于, after 关于/的/和/及/与/、/，
	penWords     = 2   // between two listed words
	penUnknown   = 5   // next to a character that is no listed word
	penInside    = 100 // inside a listed word, or between a number and its unit
)

// maxTitleLines is the most lines a title is shaped over; longer text is
// broken like a paragraph (the search over breaks grows with the lines).
const maxTitleLines = 4

// Costs of a title's shape, weighed against the break penalties.
const (
	costExtraLine = 8    // each line beyond the fewest possible
	costUneven    = 0.25 // per square cell of a line's difference from the mean
	costBadShape  = 1000 // neither trapezoid nor diamond
)

// breakTitle breaks the title into set lines that fit the width W at the
// given size. Explicit lines are kept (and broken further only if one is
// too long).
func breakTitle(lines []string, size, W float64) [][]glyph {
	var out [][]glyph
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		out = append(out, breakTitleLine(plainGlyphs(l, doc.FaceXiaoBiaoSong), size, W)...)
	}
	return out
}

func breakTitleLine(gs []glyph, size, W float64) [][]glyph {
	s := natural(size)
	if s.width(gs) <= W+eps {
		return [][]glyph{gs}
	}
	us := units(gs)
	pen := titlePenalties(gs)
	// Candidate breaks: unit boundaries, with their penalties.
	type cand struct {
		at  int
		pen int
	}
	var cands []cand
	for _, u := range us[1:] {
		cands = append(cands, cand{u.start, pen[u.start]})
	}
	total := s.width(gs)
	nMin := int(math.Ceil(total/W - eps))
	if nMin > maxTitleLines {
		// Not a title but a paragraph: break it like one.
		return s.breakLines(gs, W, W)
	}
	best := math.Inf(1)
	var bestBreaks []int
	for n := nMin; n <= nMin+1 && n <= maxTitleLines && n <= len(cands)+1; n++ {
		var breaks []int
		var rec func(from, ci, left int, cost float64)
		rec = func(from, ci, left int, cost float64) {
			if cost >= best {
				return
			}
			if left == 0 {
				if s.width(gs[from:]) > W+eps {
					return
				}
				ends := append(append([]int(nil), breaks...), len(gs))
				c := cost + shapeCost(gs, s, ends, nMin)
				if c < best {
					best, bestBreaks = c, append([]int(nil), breaks...)
				}
				return
			}
			for k := ci; k < len(cands); k++ {
				at := cands[k].at
				if s.width(gs[from:at]) > W+eps {
					break
				}
				if s.width(gs[at:]) > float64(left)*W+eps {
					continue // what follows cannot fit on the lines left
				}
				breaks = append(breaks, at)
				rec(at, k+1, left-1, cost+float64(cands[k].pen))
				breaks = breaks[:len(breaks)-1]
			}
		}
		rec(0, 0, n-1, 0)
	}
	if bestBreaks == nil {
		// No way found (a word longer than the line): the line breaker.
		return s.breakLines(gs, W, W)
	}
	var out [][]glyph
	from := 0
	for _, at := range append(bestBreaks, len(gs)) {
		out = append(out, trimSpaces(gs[from:at]))
		from = at
	}
	return out
}

func trimSpaces(gs []glyph) []glyph {
	for len(gs) > 0 && space(gs[0].r) {
		gs = gs[1:]
	}
	for len(gs) > 0 && space(gs[len(gs)-1].r) {
		gs = gs[:len(gs)-1]
	}
	return gs
}

// shapeCost scores the lines ending at ends: zero-ish for a balanced
// trapezoid or diamond, high for any other shape, and for lines beyond the
// fewest possible.
func shapeCost(gs []glyph, s setter, ends []int, nMin int) float64 {
	w := make([]float64, len(ends))
	from := 0
	maxW, sum := 0.0, 0.0
	for i, e := range ends {
		w[i] = s.width(trimSpaces(gs[from:e])) / s.size // in cells
		from = e
		maxW = math.Max(maxW, w[i])
		sum += w[i]
	}
	n := len(w)
	cost := costExtraLine * float64(n-nMin)
	mean := sum / float64(n)
	for _, x := range w {
		cost += (x - mean) * (x - mean) * costUneven
	}
	if !titleShapeOK(w) {
		cost += costBadShape
	}
	return cost
}

// titleShapeOK reports whether line widths (top to bottom) form a trapezoid
// (no line longer than the one above) or a diamond (rising to one longest
// line that is not the last, then falling), with no line under a third of
// the longest.
func titleShapeOK(w []float64) bool {
	const tol = 0.5 // half a cell: a half-width digit is no step
	peak := 0
	for i := range w {
		if w[i] > w[peak]+tol {
			peak = i
		}
	}
	if len(w) > 1 && peak == len(w)-1 {
		return false
	}
	for i := 1; i < len(w); i++ {
		if i <= peak && w[i] < w[i-1]-tol {
			return false
		}
		if i > peak && w[i] > w[i-1]+tol {
			return false
		}
	}
	maxW := w[peak]
	for _, x := range w {
		if x < maxW/3 {
			return false
		}
	}
	return true
}

// titlePenalties returns, for each rune index i, the penalty of a break
// before rune i.
func titlePenalties(gs []glyph) []int {
	n := len(gs)
	rs := make([]rune, n)
	for i, x := range gs {
		rs[i] = x.r
	}
	pen := make([]int, n+1)
	// word[i] is the index of the segment rune i belongs to; known[i] if
	// that segment is a listed word.
	known := make([]bool, n)
	inside := make([]bool, n+1)
	for i := 0; i < n; {
		l := 1
		for k := min(maxTitleWord, n-i); k >= 2; k-- {
			if titleWords[string(rs[i:i+k])] {
				l = k
				break
			}
		}
		for j := i; j < i+l; j++ {
			known[j] = l > 1
			if j > i {
				inside[j] = true
			}
		}
		i += l
	}
	for i := 1; i < n; i++ {
		prev, cur := rs[i-1], rs[i]
		switch {
		case inside[i]:
			pen[i] = penInside
		case wordRune(prev) && !wide(prev) && strings.ContainsRune("年月日号个期批季", cur):
			pen[i] = penInside
		case strings.ContainsRune("的和及与、，", prev) || string(rs[i-min(2, i):i]) == "关于":
			pen[i] = penPreferred
		case i+1 < n && string(rs[i:i+2]) == "关于":
			pen[i] = penPreferred
		case known[i-1] && known[i]:
			pen[i] = penWords
		default:
			pen[i] = penUnknown
		}
	}
	return pen
}

// TitleLines is the title as the layout breaks it: lines of 二号 on the
// type width, at word boundaries, forming a trapezoid or diamond; explicit
// lines are kept. Other outputs (the DOCX) use it to break titles alike.
func TitleLines(title []string) []string {
	var out []string
	for _, gs := range breakTitle(title, g.TitleSize, g.TypeAreaWidth) {
		rs := make([]rune, len(gs))
		for i, x := range gs {
			rs[i] = x.r
		}
		out = append(out, string(rs))
	}
	return out
}
