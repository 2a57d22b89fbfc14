package findings

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/gongwen/gongwen/internal/doc"
)

// Model is the findings after the rules: copies of the records with their
// final problems and verdicts and their links resolved. Expressions and
// tables read it; it is never written back.
type Model struct {
	Period      Period
	CheckDate   time.Time
	Level       string // 县, 市, 区 … (Data.Level)
	Office      string // e.g. 县政府办公室 (Data.Office)
	Rules       Rules
	Platforms   []string // the full platform order lists use
	Units       []*Unit
	Accounts    []*Account
	Submissions []*Submission
	Events      []*Event // every account's events, in declaration order

	byName map[string]*Unit
}

// Unit returns the unit named name, or nil.
func (m *Model) Unit(name string) *Unit { return m.byName[name] }

// Severity of an Issue.
type Severity int

// Severities, as in package source.
const (
	SevError Severity = iota
	SevWarning
)

// Issue is a problem in the data, placed at a record and key so the checker
// can report it at its line: Record "account", Index 3, Key "problems" is
// the key problems of the fourth [[data.account]].
type Issue struct {
	Severity Severity
	Record   string // "unit", "account", "submission", "" for [data] itself
	Index    int
	Key      string // TOML key inside the record; "" for the record itself
	Message  string // in Chinese, for the clerk
}

// Path is the issue's place as a TOML key path: data.account[3].problems
// (index 0-based).
func (i Issue) Path() string {
	p := "data"
	if i.Record != "" {
		p += fmt.Sprintf(".%s[%d]", i.Record, i.Index)
	}
	if i.Key != "" {
		p += "." + i.Key
	}
	return p
}

func (i Issue) Error() string { return i.Path() + ": " + i.Message }

// Evaluate applies the rules to the data. Errors (a unit named twice, an
// account of an unknown unit) leave the Model usable but incomplete;
// warnings say where an explicit verdict disagrees with the rules.
func Evaluate(d *Data) (*Model, []Issue) {
	m := &Model{
		Period:    d.Period,
		CheckDate: d.CheckDate,
		Level:     d.Level,
		Office:    d.Office,
		Rules:     d.Rules,
		Platforms: platformOrder(d),
		byName:    map[string]*Unit{},
	}
	var issues []Issue
	errorf := func(rec string, i int, key, format string, args ...any) {
		issues = append(issues, Issue{SevError, rec, i, key, fmt.Sprintf(format, args...)})
	}
	warnf := func(rec string, i int, key, format string, args ...any) {
		issues = append(issues, Issue{SevWarning, rec, i, key, fmt.Sprintf(format, args...)})
	}
	check := d.CheckDate
	// A missing check date is the checker's (source.checkRequired): the
	// rules then measure no days.
	for i := range d.Units {
		u := d.Units[i] // copy
		u.Index = i
		u.Accounts = nil
		if u.Name == "" {
			errorf("unit", i, "", "单位缺少名称：请写 name = \"单位名称\"")
			continue
		}
		if _, dup := m.byName[u.Name]; dup {
			errorf("unit", i, "name", "单位“%s”重复列出：每个单位只写一次", u.Name)
			continue
		}
		if u.Site != nil {
			s := *u.Site
			s.Days = days(s.LastUpdate, check)
			if s.LastUpdate.IsZero() && s.Problems == nil && ruled(d.Rules.SiteLateDays, d.Rules.SiteStaleDays) {
				errorf("unit", i, "site.last_update", "“%s”网站栏目没有写最后更新日期：检查规则按它判断是否更新不及时，缺了它这一单位会被当作合格。"+
					"请写 site = { last_update = 2021-09-10 }（不加引号）；若确实查不到，请用 problems 写明问题（无问题写 problems = []）", u.Name)
			}
			if later(s.LastUpdate, check) {
				errorf("unit", i, "site", "“%s”网站栏目的最后更新日期%s晚于检查日期%s：请核对", u.Name, chineseDate(s.LastUpdate), chineseDate(check))
			}
			derived := siteProblems(&s, d.Rules)
			if s.Problems == nil {
				s.Problems = derived
			} else if s.Days >= 0 && ruled(d.Rules.SiteLateDays, d.Rules.SiteStaleDays) && !sameSet(only(s.Problems, updates), only(derived, updates)) {
				warnf("unit", i, "site", "“%s”网站栏目写明的问题（%s）与规则得出的（%s）不一致：最后更新%s，距检查日%d天；以写明的为准",
					u.Name, listOr(s.Problems), listOr(derived), chineseDate(s.LastUpdate), s.Days)
			}
			u.Site = &s
		}
		up := &u
		m.Units = append(m.Units, up)
		m.byName[u.Name] = up
	}
	for i := range d.Accounts {
		a := d.Accounts[i]
		a.Index = i
		a.platforms = m.Platforms
		a.Owner = m.byName[a.Unit]
		if a.Owner == nil {
			if a.Unit == "" {
				errorf("account", i, "", "账号缺少所属单位：请写 unit = \"单位名称\"")
			} else {
				errorf("account", i, "unit", "没有名为“%s”的单位%s：请先在 [[data.unit]] 中列出它，或改正名称", a.Unit, didYouMean(a.Unit, d.Units))
			}
			continue
		}
		if a.Platform == "" {
			errorf("account", i, "", "账号缺少平台：请写 platform = \"微信公众号\"（或 微博、今日头条、抖音……）")
		}
		a.Days = days(a.LastUpdate, check)
		if a.LastUpdate.IsZero() && a.Problems == nil && a.Verdict == "" && ruled(d.Rules.LateDays, d.Rules.StaleDays) {
			// Without a date the update rules find nothing, and the account
			// would be judged 合格 in silence (as after gongwen new --from,
			// which clears last period's dates).
			errorf("account", i, "last_update", "%s（%s）没有写最后更新日期：检查规则按它判断是否更新不及时，缺了它这个账号会被当作合格。"+
				"请写 last_update = 2021-09-10（不加引号）；若确实查不到，请用 problems 写明问题（无问题写 problems = []）", a.Unit, a.Platform)
		}
		if later(a.LastUpdate, check) {
			errorf("account", i, "last_update", "最后更新日期%s晚于检查日期%s：请核对", chineseDate(a.LastUpdate), chineseDate(check))
		}
		if a.Posts != nil && a.Original != nil && *a.Original > *a.Posts {
			errorf("account", i, "original", "原创数%d多于发布数%d：请核对", *a.Original, *a.Posts)
		}
		a.Events = append([]Event(nil), a.Events...)
		ap := &a
		derived := accountProblems(ap, d.Rules)
		if a.Problems == nil {
			a.Problems = derived
		} else {
			a.Problems = append([]string(nil), a.Problems...)
			if ms := measurable(ap, d.Rules); !sameSet(only(a.Problems, ms), derived) {
				warnf("account", i, "problems", "%s（%s）写明的问题（%s）与规则得出的（%s）不一致%s；以写明的为准",
					a.Unit, a.Platform, listOr(a.Problems), listOr(derived), measurement(ap))
			}
		}
		a.Veto = a.Has(ProblemStale)
		derivedVerdict := Pass
		if len(a.Problems) > 0 {
			derivedVerdict = Fail
		}
		switch a.Verdict {
		case "":
			a.Verdict = derivedVerdict
		case Pass, Fail:
			if a.Verdict != derivedVerdict {
				warnf("account", i, "verdict", "%s（%s）写明的结论“%s”与问题（%s）不一致；以写明的为准",
					a.Unit, a.Platform, a.Verdict, listOr(a.Problems))
			}
		default:
			errorf("account", i, "verdict", "结论只能是“合格”或“不合格”，不能是“%s”；具体问题请写在 problems 中", a.Verdict)
		}
		for j := range a.Events {
			a.Events[j].Account = ap
			m.Events = append(m.Events, &a.Events[j])
		}
		a.Owner.Accounts = append(a.Owner.Accounts, ap)
		m.Accounts = append(m.Accounts, ap)
	}
	for _, u := range m.Units {
		u.Verdict = Pass
		if u.Site != nil && len(u.Site.Problems) > 0 {
			u.Verdict = Fail
		}
		for _, a := range u.Accounts {
			if a.Verdict == Fail {
				u.Verdict = Fail
			}
		}
	}
	for i := range d.Submissions {
		s := d.Submissions[i]
		s.Owner = m.byName[s.Unit]
		if s.Owner == nil {
			errorf("submission", i, "unit", "没有名为“%s”的单位%s：请先在 [[data.unit]] 中列出它，或改正名称", s.Unit, didYouMean(s.Unit, d.Units))
			continue
		}
		if !s.Due.IsZero() {
			if s.Sent.IsZero() {
				s.Late = !check.IsZero() && days(s.Due, check) > 0
			} else {
				s.Late = days(s.Due, s.Sent) > 0
			}
		}
		m.Submissions = append(m.Submissions, &s)
	}
	return m, issues
}

// updates are the problems the update rules find.
var updates = []string{ProblemLate, ProblemStale}

// days counts calendar days from t to check; -1 when either is unknown.
func days(t, check time.Time) int {
	if t.IsZero() || check.IsZero() {
		return -1
	}
	a := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	b := time.Date(check.Year(), check.Month(), check.Day(), 0, 0, 0, 0, time.UTC)
	return int(math.Round(b.Sub(a).Hours() / 24))
}

// later reports whether the date t is after the check date (both known).
func later(t, check time.Time) bool {
	return !t.IsZero() && !check.IsZero() && days(check, t) > 0
}

func ruled(ns ...int) bool {
	for _, n := range ns {
		if n > 0 {
			return true
		}
	}
	return false
}

// staleness is the update problem for a record last updated days ago.
func staleness(days, late, stale int) string {
	switch {
	case days < 0:
		return ""
	case stale > 0 && days > stale:
		return ProblemStale
	case late > 0 && days > late:
		return ProblemLate
	}
	return ""
}

func siteProblems(s *Site, r Rules) []string {
	out := []string{}
	if p := staleness(s.Days, r.SiteLateDays, r.SiteStaleDays); p != "" {
		out = append(out, p)
	}
	for _, e := range s.Errors {
		if k := e.Kind; k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func accountProblems(a *Account, r Rules) []string {
	out := []string{}
	if p := staleness(a.Days, r.LateDays, r.StaleDays); p != "" {
		out = append(out, p)
	}
	if r.MinOriginalPercent > 0 && a.Posts != nil && a.Original != nil && *a.Posts > 0 &&
		float64(*a.Original)*100 < r.MinOriginalPercent*float64(*a.Posts) {
		out = append(out, ProblemOriginal)
	}
	if a.Registered != nil && !*a.Registered {
		out = append(out, ProblemUnregistered)
	}
	for _, e := range a.Events {
		if !e.Filed {
			out = append(out, ProblemChangeFiling)
			break
		}
	}
	return out
}

// measurable lists the problems the rules could have found on a with what
// is recorded of it: only there can explicit problems disagree with them
// (错别字, or 更新不及时 of an account with no last-update date, are the
// clerk's word alone).
func measurable(a *Account, r Rules) []string {
	var out []string
	if a.Days >= 0 && ruled(r.LateDays, r.StaleDays) {
		out = append(out, ProblemLate, ProblemStale)
	}
	if r.MinOriginalPercent > 0 && a.Posts != nil && a.Original != nil {
		out = append(out, ProblemOriginal)
	}
	if a.Registered != nil {
		out = append(out, ProblemUnregistered)
	}
	if len(a.Events) > 0 {
		out = append(out, ProblemChangeFiling)
	}
	return out
}

// only keeps the members of xs that are in keep.
func only(xs, keep []string) []string {
	out := []string{}
	for _, x := range xs {
		if slices.Contains(keep, x) {
			out = append(out, x)
		}
	}
	return out
}

func measurement(a *Account) string {
	s := ""
	if a.Days >= 0 {
		s += fmt.Sprintf("：最后更新%s，距检查日%d天", chineseDate(a.LastUpdate), a.Days)
	}
	if a.Posts != nil && a.Original != nil {
		if s == "" {
			s = "："
		} else {
			s += "，"
		}
		s += fmt.Sprintf("发布%d条、原创%d条", *a.Posts, *a.Original)
	}
	return s
}

// chineseDate writes a date as GB/T 9704 writes dates (doc.Date.Chinese):
// 2021年9月14日.
func chineseDate(t time.Time) string {
	return doc.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}.Chinese()
}

func listOr(ps []string) string {
	if len(ps) == 0 {
		return "无"
	}
	return Join(ps)
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func platformOrder(d *Data) []string {
	out := append([]string(nil), d.Platforms...)
	add := func(p string) {
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	for _, p := range DefaultPlatforms {
		add(p)
	}
	for _, a := range d.Accounts {
		add(a.Platform)
	}
	return out
}

// didYouMean suggests the unit name name may be a typo of.
func didYouMean(name string, us []Unit) string {
	names := make([]string, len(us))
	for i, u := range us {
		names[i] = u.Name
	}
	if n := Nearest(name, names); n != "" {
		return "（是否要写“" + n + "”？）"
	}
	return ""
}
